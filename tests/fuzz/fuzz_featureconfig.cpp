// Fuzz target: FeatureConfig JSON (features::FeatureConfig::fromJson), then what an accepted config
// drives: Extractor::create and extract() on a short signal. A bundle or sidecar carries this JSON
// straight from a file into the extractor, so an accepted config must not crash or exhaust memory.
#include "fuzzsupport.h"

#include "features/extractor.h"
#include "features/featureconfig.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace genrescope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!doc.isObject())
        return 0;
    auto config = features::FeatureConfig::fromJson(doc.object());
    if (!config.ok())
        return 0;
    if (!config->validate().ok())
        fuzz::fail("fromJson accepted a config that validate() refuses");
    auto again = features::FeatureConfig::fromJson(config->toJson());
    if (!again.ok() || !(*again == *config))
        fuzz::fail("a FeatureConfig changes on a toJson/fromJson round trip");
    if (again->hash() != config->hash())
        fuzz::fail("equal FeatureConfigs hash differently");

    auto extractor = features::Extractor::create(*config);
    if (!extractor.ok())
        return 0;
    // A short signal (at most 50 ms, at most 4096 samples), zero-padded by the extractor to a whole
    // segment when padShort. Skip configs whose STFTs alone would take more than ~3e7 butterfly steps
    // on that, or whose resize target is beyond 2^24 cells, so one iteration stays well under a second.
    const std::size_t n = std::min<std::size_t>(std::size_t(config->sampleRate / 20), 4096);
    const double padded = config->padShort ? std::max<double>(double(n), double(config->segmentLength)) : double(n);
    int hop = config->stft.hop;
    for (const auto &r : config->resolutions)
        hop = std::min(hop, r.hop);
    const double stfts = std::max<double>(1.0, double(config->resolutions.size()));
    const double work = stfts * (padded / hop + 1) * config->stft.nFft * std::log2(double(config->stft.nFft) + 1);
    if (work > 3e7 || double(config->resizeRows) * config->resizeCols > double(1 << 24))
        return 0;
    std::vector<float> signal(n);
    for (std::size_t i = 0; i < n; ++i)
        signal[i] = 0.5f * float(std::sin(0.05 * double(i)));
    (void)extractor->extract(signal.data(), signal.size());
    return 0;
}
