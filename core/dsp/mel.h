#pragma once

#include "base/matrix.h"
#include "base/result.h"

namespace genrescope::dsp {

/** Slaney: linear below 1 kHz, logarithmic above (librosa's default, htk=False); Htk: 2595 log10(1 + f/700). */
enum class MelScale { Slaney, Htk };
/** Slaney: each triangle scaled by 2 / (upper edge - lower edge) in Hz (constant energy per band). */
enum class MelNorm { None, Slaney };

struct MelConfig
{
    int sampleRate = 22050;
    int nFft = 2048;
    int nMels = 128;
    double fmin = 0;
    double fmax = -1; ///< < 0: sampleRate / 2
    MelScale scale = MelScale::Slaney;
    MelNorm norm = MelNorm::Slaney;
};

double hzToMel(double hz, MelScale scale);
double melToHz(double mel, MelScale scale);

/**
 * Triangular mel filterbank, nMels x (nFft/2 + 1), with librosa.filters.mel semantics (which
 * torchaudio.functional.melscale_fbanks shares): nMels + 2 edge frequencies evenly spaced on the
 * mel scale between fmin and fmax, FFT bin k at k * sr / nFft Hz, weights computed in double.
 * InvalidArgument for non-positive sizes/rate or fmin < 0, fmax <= fmin.
 */
base::Result<base::Matrix> melFilterbank(const MelConfig &config);

/** fb x spec (fb: bands x bins, spec: bins x frames) -> bands x frames; skips the zeros of fb. */
base::Matrix applyFilterbank(const base::Matrix &fb, const base::Matrix &spec);

} // namespace genrescope::dsp
