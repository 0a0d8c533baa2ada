#pragma once

#include "base/matrix.h"
#include "base/result.h"

#include <cstddef>
#include <vector>

namespace genrescope::dsp {

/**
 * Frame-wise spectral and time-domain descriptors with librosa 0.7/0.8 conventions. The spectral
 * ones take a MAGNITUDE spectrogram (bins x frames, bins = nFft / 2 + 1, bin k at k sr / nFft Hz)
 * and return one value per frame, in Hz. A silent frame gives 0, never NaN (librosa's
 * util.normalize leaves an all-zero column at zero). Errors: InvalidArgument for a non-positive
 * sample rate, fewer than 2 bins, or out-of-range parameters. All functions are thread-safe.
 */

/** librosa.feature.spectral_centroid: sum_k f_k S_k / sum_k S_k. */
base::Result<std::vector<double>> spectralCentroid(const base::Matrix &magnitude, int sampleRate);

/** librosa.feature.spectral_bandwidth(p, norm=True): (sum_k S_k/sum S |f_k - centroid|^p)^(1/p).
 *  centroid must hold one value per frame (from spectralCentroid). */
base::Result<std::vector<double>> spectralBandwidth(const base::Matrix &magnitude, int sampleRate,
                                                    const std::vector<double> &centroid, double p = 2.0);

/** librosa.feature.spectral_rolloff: the lowest bin frequency whose cumulative magnitude reaches
 *  rollPercent of the frame's total (cumulative sum in float32, as numpy does on float32 input). */
base::Result<std::vector<double>> spectralRolloff(const base::Matrix &magnitude, int sampleRate,
                                                  double rollPercent = 0.85);

/**
 * librosa.feature.zero_crossing_rate(frame_length, hop, center): the signal is padded by
 * frameLength / 2 copies of its edge samples when centred, framed, and each frame's fraction of
 * sign changes between neighbours is counted over frameLength (|x| <= 1e-10 counts as +0;
 * the first sample of a frame never counts). 1 + (n + 2 pad - frameLength) / hop frames.
 * InvalidArgument when frameLength or hop < 1 or the signal is shorter than one frame.
 */
base::Result<std::vector<double>> zeroCrossingRate(const float *x, std::size_t n, int frameLength = 2048,
                                                   int hop = 512, bool center = true);

/**
 * librosa.feature.rms(y, frame_length, hop, center, pad_mode='reflect'): sqrt of the mean square of
 * each unwindowed frame, after numpy 'reflect' padding (no edge repeat) of frameLength / 2 when
 * centred. Same frame count and errors as zeroCrossingRate.
 */
base::Result<std::vector<double>> rms(const float *x, std::size_t n, int frameLength = 2048, int hop = 512,
                                      bool center = true);

} // namespace genrescope::dsp
