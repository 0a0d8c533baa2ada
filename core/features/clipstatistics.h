#pragma once

#include "base/canceltoken.h"
#include "base/matrix.h"
#include "base/result.h"

#include <string>
#include <vector>

namespace genrescope::features {

/**
 * The hand-crafted statistics row of the GTZAN feature table (features_30_sec.csv /
 * features_3_sec.csv): 57 values in the table's column order, between its `length` and `label`
 * columns: chroma_stft mean,var; rms mean,var; spectral_centroid mean,var; spectral_bandwidth
 * mean,var; rolloff mean,var; zero_crossing_rate mean,var; harmony mean,var; perceptr mean,var;
 * tempo; mfcc1..mfcc20 (mean,var) pairs. Means and population variances (numpy.var) over frames
 * (chroma: over all 12 x frames values; harmony/perceptr: over the samples of the HPSS signals).
 * Units: Hz for centroid/bandwidth/rolloff, BPM for tempo, dB-based for MFCC, linear otherwise.
 */
struct ClipStatistics
{
    /** The 57 column names, e.g. "chroma_stft_mean", ..., "mfcc20_var". */
    static const std::vector<std::string> &columnNames();
    std::vector<float> values;
};

/** Column indices into ClipStatistics::values. */
enum StatColumn : int {
    kChromaMean = 0,
    kChromaVar,
    kRmsMean,
    kRmsVar,
    kCentroidMean,
    kCentroidVar,
    kBandwidthMean,
    kBandwidthVar,
    kRolloffMean,
    kRolloffVar,
    kZcrMean,
    kZcrVar,
    kHarmonyMean,
    kHarmonyVar,
    kPerceptrMean,
    kPerceptrVar,
    kTempo,
    kMfccFirst, ///< mfcc1_mean; mfcc i (1-based) mean at kMfccFirst + 2 (i - 1), var one after
    kStatCount = kMfccFirst + 40,
};

/**
 * The statistics of one mono clip (or segment) as librosa 0.7/0.8 computes them at its defaults:
 * n_fft 2048, hop 512, periodic Hann, centred reflect-padded STFT; chroma_stft with
 * estimate_tuning (piptrack on the power spectrogram), inf-norm per frame; rms; spectral
 * centroid, bandwidth (p = 2), rolloff (0.85) on the magnitude; zero_crossing_rate (edge padding);
 * harmony/perceptr = mean and variance of librosa.effects.hpss's signals (median kernel 31, power-2
 * soft masks, istft, zero-padded to the input length); tempo = librosa.beat.beat_track's estimate (librosa.beat.tempo
 * on an onset envelope aggregated by the median over mel bands); MFCC = first 20
 * orthonormal DCT-II coefficients of power_to_db(128-band Slaney mel power, top_db 80).
 * Oracle: the rows of ../shared/data/gtzan-features/features_30_sec.csv (tests/core/features/
 * tst_librosaparity.cpp, table in docs/benchmarks/librosa-parity.md).
 *
 * samples: mono float in [-1, 1], at sampleRate Hz (the table used 22050 Hz).
 * Errors: InvalidArgument for a non-positive rate or fewer than 2048 samples (one STFT frame);
 * Cancelled when the token is set (checked between stages). Single-threaded and thread-safe:
 * parallelise over clips. About 0.3 s per 30-s clip on one core.
 */
/**
 * librosa.feature.chroma_stft(S=power) with tuning=None: the tuning is estimated from the power
 * spectrogram (piptrack, estimate_tuning), the chroma filterbank (12 classes from C, centred on
 * octave 5, width 2) applied to the power, and each frame divided by its maximum (silent frames
 * stay 0). power: (nFft / 2 + 1) x frames; returns 12 x frames. InvalidArgument for a
 * non-positive rate or fewer than 3 bins.
 */
base::Result<base::Matrix> chromaStft(const base::Matrix &power, int sampleRate = 22050);

/// Longest clip clipStatistics() accepts (TooLarge beyond, before any allocation): its spectrograms
/// take about 2.5 GB per 20 minutes at 22050 Hz, so a 3-hour file would exhaust a desktop's memory.
inline constexpr double kMaxStatisticsSeconds = 30 * 60.0;

base::Result<ClipStatistics> clipStatistics(const std::vector<float> &samples, int sampleRate = 22050,
                                            const base::CancelToken &cancel = base::CancelToken::none());

} // namespace genrescope::features
