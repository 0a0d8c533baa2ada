// Fuzz target: the CSV dataset manifest (data::readManifest on the bytes as a file).
#include "fuzzsupport.h"

#include "data/dataset.h"

using namespace genrescope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const fuzz::MemFile file(fuzz::asView(data, size));
    auto items = data::readManifest(file.path());
    if (!items.ok())
        return 0;
    if (items->empty())
        fuzz::fail("a manifest is accepted with no items (EmptyFile expected)");
    for (const auto &item : *items)
        if (item.path.empty() || item.label.empty())
            fuzz::fail("a manifest item has an empty path or label");
    return 0;
}
