#include "statsrecipe.h"

namespace genrescope::features {

namespace {

bool inF4(int column)
{
    return column != kBandwidthMean && column != kBandwidthVar;
}

} // namespace

const std::vector<std::string> &f4ColumnNames()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n;
        const auto &all = ClipStatistics::columnNames();
        for (int c = 0; c < kStatCount; ++c)
            if (inF4(c))
                n.push_back(all[static_cast<std::size_t>(c)]);
        return n;
    }();
    return names;
}

base::Result<std::vector<float>> f4Vector(const ClipStatistics &stats)
{
    if (stats.values.size() != static_cast<std::size_t>(kStatCount))
        return base::makeError(base::ErrorCode::Mismatch, "a statistics row has " + std::to_string(kStatCount) +
                                                              " values, got " + std::to_string(stats.values.size()));
    std::vector<float> out;
    out.reserve(kF4Size);
    for (int c = 0; c < kStatCount; ++c)
        if (inF4(c))
            out.push_back(stats.values[static_cast<std::size_t>(c)]);
    return out;
}

base::Result<std::vector<ClipStatistics>> segmentStatistics(const std::vector<float> &samples, int sampleRate,
                                                            std::size_t segmentSamples,
                                                            const base::CancelToken &cancel,
                                                            const base::ProgressFn &progress)
{
    if (segmentSamples < 2048)
        return base::makeError(base::ErrorCode::InvalidArgument, "segments must be at least 2048 samples long");
    const std::size_t count = samples.size() / segmentSamples;
    if (count == 0)
        return base::makeError(base::ErrorCode::InvalidArgument,
                               "signal of " + std::to_string(samples.size()) + " samples is shorter than one segment");
    std::vector<ClipStatistics> out;
    out.reserve(count);
    std::vector<float> segment(segmentSamples);
    for (std::size_t i = 0; i < count; ++i) {
        if (cancel.isCancelled())
            return base::makeError(base::ErrorCode::Cancelled, "segment statistics cancelled");
        const auto begin = samples.begin() + static_cast<std::ptrdiff_t>(i * segmentSamples);
        segment.assign(begin, begin + static_cast<std::ptrdiff_t>(segmentSamples));
        auto stats = clipStatistics(segment, sampleRate, cancel);
        GS_TRY(stats);
        out.push_back(std::move(stats).value());
        base::reportProgress(progress, static_cast<double>(i + 1) / static_cast<double>(count));
    }
    return out;
}

} // namespace genrescope::features
