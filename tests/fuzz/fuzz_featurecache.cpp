// Fuzz target: a feature-cache entry read back from disk (data::FeatureCache::parseEntry). Each input
// is tried as it is and with its trailing SHA-1 repaired, so mutations reach the field checks.
#include "fuzzsupport.h"

#include "data/featurecache.h"

#include <QCryptographicHash>

#include <cstring>

using namespace genrescope;

namespace {

/** The key the seeds were written with (tests/fault/fault_writer.cpp uses the same one). */
data::CacheKey seedKey()
{
    data::CacheKey key;
    key.file.path = "/fault/test.wav";
    key.file.size = 1234;
    key.file.mtimeNs = 42;
    key.configHash = std::string(64, 'a');
    return key;
}

void check(std::string_view bytes, const data::CacheKey &key)
{
    auto entry = data::FeatureCache::parseEntry(bytes, key);
    if (!entry.ok())
        return;
    std::size_t count = 1;
    for (std::int64_t d : entry->shape) {
        if (d < 0)
            fuzz::fail("a cache entry with a negative dimension was accepted");
        count *= std::size_t(d);
    }
    if (count != entry->data.size())
        fuzz::fail("a cache entry whose shape does not match its data was accepted");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const data::CacheKey key = seedKey();
    const std::string_view bytes = fuzz::asView(data, size);
    check(bytes, key);
    if (size > 20) {
        std::string fixed(bytes);
        const QByteArray sha = QCryptographicHash::hash(QByteArrayView(fixed.data(), qsizetype(size - 20)),
                                                        QCryptographicHash::Sha1);
        std::memcpy(fixed.data() + size - 20, sha.constData(), 20);
        if (fixed != bytes)
            check(fixed, key);
    }
    return 0;
}
