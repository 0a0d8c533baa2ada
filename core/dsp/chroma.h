#pragma once

#include "base/matrix.h"

namespace genrescope::dsp {

/**
 * Chroma filterbank, nChroma x (nFft/2 + 1), with librosa.filters.chroma semantics: Gaussian
 * bumps per pitch class around each FFT bin's fractional chroma (tuning in fractions of a chroma
 * bin, A440 reference), each column L2-normalised, weighted by a Gaussian over octaves centred
 * at ctroct with half-width octwidth (octwidth <= 0: no weighting), rows rotated to start at C
 * when baseC. Empty for invalid sizes.
 */
base::Matrix chromaFilterbank(int sampleRate, int nFft, int nChroma = 12, double tuning = 0.0, double ctroct = 5.0,
                              double octwidth = 2.0, bool baseC = true);

} // namespace genrescope::dsp
