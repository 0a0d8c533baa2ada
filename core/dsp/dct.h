#pragma once

#include "base/matrix.h"

namespace genrescope::dsp {

/**
 * The orthonormal DCT-II as an nOut x nIn matrix (the first nOut rows of the nIn-point DCT):
 * D(k, n) = s_k cos(pi k (2n + 1) / (2 nIn)), s_0 = sqrt(1/nIn), s_k = sqrt(2/nIn).
 * scipy.fft.dct(type=2, norm="ortho") along the band axis, as librosa.feature.mfcc and
 * torchaudio.functional.create_dct(norm="ortho") (transposed) use it. Empty for non-positive sizes.
 */
base::Matrix dctOrthoMatrix(int nOut, int nIn);

} // namespace genrescope::dsp
