#pragma once

#include "base/matrix.h"
#include "base/result.h"

namespace genrescope::dsp {

/** Which axis of a bins x frames matrix a 1-D median filter runs along. */
enum class MedianAxis {
    Time,      ///< along each row (scipy size=(1, k)): smooths over frames, keeps harmonic lines
    Frequency, ///< along each column (scipy size=(k, 1)): smooths over bins, keeps percussive lines
};

/**
 * 1-D median filter of every row (Time) or every column (Frequency) of m, as
 * scipy.ndimage.median_filter(m, size=(1, k) or (k, 1), mode='reflect'): the window of k samples
 * starts k/2 before the centre, edges are mirrored with the edge sample repeated
 * (d c b a | a b c d | d c b a), the result is the element of rank k/2 (for odd k, the median).
 * Returns InvalidArgument for size < 1. An empty matrix gives an empty matrix. Thread-safe.
 */
base::Result<base::Matrix> medianFilter(const base::Matrix &m, int size, MedianAxis axis);

/** Soft masks of median-filter harmonic/percussive separation; both bins x frames. */
struct HpssMasks
{
    base::Matrix harmonic;
    base::Matrix percussive;
};

/**
 * librosa.decompose.hpss(S, kernel_size, power, mask=True, margin) on a magnitude spectrogram
 * (bins x frames): H = median over time (kernel frames), P = median over frequency (kernel bins),
 * mask_H = H^p / (H^p + (margin P)^p), mask_P likewise (librosa.util.softmask). Where both medians
 * are zero the masks are 0.5 when margin == 1 (split_zeros) and 0 otherwise.
 * Oracle: librosa 0.7/0.8 (Fitzgerald 2010; Driedger et al. 2014 for the margin).
 * InvalidArgument for kernel < 1, power <= 0 or not finite, margin < 1.
 */
base::Result<HpssMasks> hpssMasks(const base::Matrix &magnitude, int kernel = 31, double power = 2.0,
                                  double margin = 1.0);

} // namespace genrescope::dsp
