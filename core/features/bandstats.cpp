#include "features/bandstats.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace genrescope::features {

using base::ErrorCode;
using base::makeError;

namespace {

/** Index of the band axis in a batch-first tensor, or -1. */
int bandAxis(const FeatureTensor &t, const FeatureConfig &c)
{
    const int rank = int(t.shape.size());
    if (rank < 3)
        return -1;
    return c.layout == Layout::FramesByBins ? rank - 1 : rank - 2;
}

/** Calls f(band, value&) for every element. */
template <typename Tensor, typename F>
void forEachBand(Tensor &t, int axis, F f)
{
    std::size_t inner = 1;
    for (std::size_t i = std::size_t(axis) + 1; i < t.shape.size(); ++i)
        inner *= std::size_t(t.shape[i]);
    const std::size_t bands = std::size_t(t.shape[std::size_t(axis)]);
    for (std::size_t i = 0; i < t.data.size(); ++i)
        f((i / inner) % bands, t.data[i]);
}

QJsonArray toArray(const std::vector<float> &v)
{
    QJsonArray a;
    for (float x : v)
        a.append(double(x));
    return a;
}

} // namespace

QJsonObject BandStats::toJson() const
{
    return QJsonObject{{"mean", toArray(mean)}, {"std", toArray(std)}};
}

base::Result<BandStats> BandStats::fromJson(const QJsonObject &json)
{
    BandStats s;
    const auto m = json.value("mean"), d = json.value("std");
    if (!m.isArray() || !d.isArray() || m.toArray().size() != d.toArray().size() || m.toArray().isEmpty())
        return makeError(ErrorCode::BadFormat, "band statistics need equally long non-empty \"mean\" and \"std\" arrays");
    for (const auto &v : m.toArray()) {
        if (!v.isDouble())
            return makeError(ErrorCode::BadFormat, "band statistics: a mean is not a number");
        s.mean.push_back(float(v.toDouble()));
    }
    for (const auto &v : d.toArray()) {
        if (!v.isDouble() || v.toDouble() < 0)
            return makeError(ErrorCode::BadFormat, "band statistics: a std is not a non-negative number");
        s.std.push_back(float(v.toDouble()));
    }
    return s;
}

base::Status BandStatsAccumulator::add(const FeatureTensor &tensor, const FeatureConfig &config)
{
    const FeatureTensor &t = tensor;
    const int axis = bandAxis(t, config);
    if (axis < 0 || t.shape[std::size_t(axis)] != config.bands())
        return makeError(ErrorCode::Mismatch, "tensor does not have the config's " + std::to_string(config.bands()) + " bands");
    const std::size_t bands = std::size_t(config.bands());
    if (m_sum.empty()) {
        m_sum.assign(bands, 0.0);
        m_sumSq.assign(bands, 0.0);
    } else if (m_sum.size() != bands) {
        return makeError(ErrorCode::Mismatch, "band count changed between tensors");
    }
    forEachBand(t, axis, [&](std::size_t b, const float &v) {
        m_sum[b] += v;
        m_sumSq[b] += double(v) * v;
    });
    m_count += t.data.size() / bands;
    return {};
}

base::Result<BandStats> BandStatsAccumulator::finish() const
{
    if (m_count == 0)
        return makeError(ErrorCode::InvalidArgument, "no features were added to the band statistics");
    BandStats s;
    for (std::size_t b = 0; b < m_sum.size(); ++b) {
        const double mean = m_sum[b] / double(m_count);
        const double var = std::max(0.0, m_sumSq[b] / double(m_count) - mean * mean);
        s.mean.push_back(float(mean));
        s.std.push_back(float(std::sqrt(var)));
    }
    return s;
}

base::Status normalise(FeatureTensor &tensor, const FeatureConfig &config, const BandStats &stats)
{
    const int axis = bandAxis(tensor, config);
    if (axis < 0 || std::size_t(tensor.shape[std::size_t(axis)]) != stats.bands() || stats.std.size() != stats.bands())
        return makeError(ErrorCode::Mismatch, "band statistics have " + std::to_string(stats.bands())
                                                  + " bands, the features another number");
    forEachBand(tensor, axis, [&](std::size_t b, float &v) { v = (v - stats.mean[b]) / std::max(stats.std[b], 1e-6f); });
    return {};
}

} // namespace genrescope::features
