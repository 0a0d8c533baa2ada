// Fuzz target: model bundle loading from bytes (models::loadBundleFromBytes, models::readBundleManifest).
// Each input is tried twice: as it is (container checks) and with its header sizes and SHA-256 repaired
// (docs/models-bundle.md), so that mutations reach the manifest, network and tensor checks instead of
// stopping at the checksum.
#include "fuzzsupport.h"

#include "models/bundle.h"

#include <ATen/Parallel.h>
#include <QCryptographicHash>

#include <algorithm>
#include <cstring>
#include <string>

using namespace genrescope;

namespace {

void putU64(std::string &s, std::size_t at, std::uint64_t v)
{
    for (int i = 0; i < 8; ++i)
        s[at + std::size_t(i)] = char((v >> (8 * i)) & 0xFF);
}

std::uint64_t getU64(const std::string &s, std::size_t at)
{
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(s[at + std::size_t(i)]);
    return v;
}

/** The input with sizes that add up to its length and a matching SHA-256; empty when it has no header. */
std::string repaired(std::string_view bytes)
{
    constexpr std::size_t kHeader = 64;
    if (bytes.size() < kHeader || !models::looksLikeBundle(bytes))
        return {};
    std::string s(bytes);
    const std::uint64_t body = s.size() - kHeader;
    const std::uint64_t manifest = std::min<std::uint64_t>(getU64(s, 16), body);
    putU64(s, 16, manifest);
    putU64(s, 24, body - manifest);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArrayView(s.data(), 32));
    hash.addData(QByteArrayView(s.data() + kHeader, qsizetype(body)));
    const QByteArray digest = hash.result();
    std::memcpy(s.data() + 32, digest.constData(), 32);
    return s;
}

void check(std::string_view bytes)
{
    auto manifest = models::readBundleManifest(bytes);
    auto bundle = models::loadBundleFromBytes(bytes);
    if (!bundle.ok())
        return;
    if (!manifest.ok())
        fuzz::fail("a bundle loads but its manifest is refused");
    if (!bundle->net || bundle->labels.empty())
        fuzz::fail("a loaded bundle has no network or no labels");
    // What loads must save again (the round trip the app relies on when re-exporting).
    if (!models::serializeBundle(*bundle).ok())
        fuzz::fail("a loaded bundle cannot be serialised again");
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    at::set_num_threads(1);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view bytes = fuzz::asView(data, size);
    check(bytes);
    const std::string fixed = repaired(bytes);
    if (!fixed.empty() && fixed != bytes)
        check(fixed);
    return 0;
}
