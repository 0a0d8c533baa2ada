#pragma once

#include "base/canceltoken.h"
#include "base/result.h"
#include "features/clipstatistics.h"

#include <cstddef>
#include <string>
#include <vector>

namespace genrescope::features {

/** Samples per segment of features_3_sec.csv and of MLFI's 3-s segments (its `length` column). */
inline constexpr std::size_t kStatsSegmentSamples = 66149;

/** Number of values of the F4 vector (MODELS.md section 1). */
inline constexpr std::size_t kF4Size = 55;

/** F4 column names: the table's order without both spectral_bandwidth columns. */
const std::vector<std::string> &f4ColumnNames();

/** The 55-value F4 vector of MLFI's audio branch from a 57-value statistics row (Mismatch otherwise). */
base::Result<std::vector<float>> f4Vector(const ClipStatistics &stats);

/**
 * clipStatistics of consecutive non-overlapping segments of segmentSamples samples: segment i is
 * [i s, (i + 1) s); a shorter tail is dropped (a 30-s GTZAN clip of 661,794 samples gives the
 * table's 10 segments of 66,149). InvalidArgument when segmentSamples < 2048 or the signal is
 * shorter than one segment; Cancelled between segments when the token is set.
 */
base::Result<std::vector<ClipStatistics>> segmentStatistics(const std::vector<float> &samples, int sampleRate = 22050,
                                                            std::size_t segmentSamples = kStatsSegmentSamples,
                                                            const base::CancelToken &cancel = base::CancelToken::none(),
                                                            const base::ProgressFn &progress = {});

} // namespace genrescope::features
