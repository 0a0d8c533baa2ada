// Fuzz target: the TorchScript sidecar JSON (models::readSidecar on the bytes as a file).
#include "fuzzsupport.h"

#include "models/torchscriptmodel.h"

using namespace genrescope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const fuzz::MemFile file(fuzz::asView(data, size));
    auto sidecar = models::readSidecar(file.path());
    if (!sidecar.ok())
        return 0;
    if (sidecar->labels.empty() || sidecar->inputShape.empty())
        fuzz::fail("an accepted sidecar has no labels or no input shape");
    // What is accepted must be written back in a form that is accepted again, unchanged.
    auto again = models::TorchScriptSidecar::fromJson(sidecar->toJson());
    if (!again.ok())
        fuzz::fail("toJson() of an accepted sidecar is refused by fromJson()");
    if (again->toJson() != sidecar->toJson())
        fuzz::fail("a sidecar changes on a toJson/fromJson round trip");
    return 0;
}
