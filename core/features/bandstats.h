#pragma once

#include "base/result.h"
#include "features/featureconfig.h"
#include "features/featuretensor.h"

#include <QJsonObject>

#include <cstddef>
#include <vector>

namespace genrescope::features {

/**
 * Per-band z-score statistics (one mean and standard deviation per band: mel band, octave band,
 * ...), computed once from training features and stored in the model bundle; recipes with
 * bandNorm = true are normalised with them at training and at inference time.
 */
struct BandStats
{
    std::vector<float> mean;
    std::vector<float> std; ///< population standard deviation

    std::size_t bands() const { return mean.size(); }
    QJsonObject toJson() const;
    static base::Result<BandStats> fromJson(const QJsonObject &json);
    bool operator==(const BandStats &) const = default;
};

/** Accumulates BandStats over many extracted tensors (double sums; not thread-safe). */
class BandStatsAccumulator
{
public:
    /** Mismatch when the tensor's band count differs from earlier ones or from the config. */
    base::Status add(const FeatureTensor &tensor, const FeatureConfig &config);
    std::size_t count() const { return m_count; }
    /** InvalidArgument when nothing was added. */
    base::Result<BandStats> finish() const;

private:
    std::vector<double> m_sum, m_sumSq;
    std::size_t m_count = 0; ///< values per band
};

/** (x - mean) / max(std, 1e-6) along the config's band axis, in place; Mismatch on a band-count mismatch. */
base::Status normalise(FeatureTensor &tensor, const FeatureConfig &config, const BandStats &stats);

} // namespace genrescope::features
