#pragma once

#include "base/matrix.h"
#include "base/result.h"

#include <vector>

namespace genrescope::dsp {

/** How the per-band flux is combined into one value per frame. */
enum class OnsetAggregate {
    Mean,   ///< librosa.onset.onset_strength's default (used by librosa.beat.tempo)
    Median, ///< what librosa.beat.beat_track asks for (aggregate=np.median)
};

/** Parameters of the spectral-flux onset envelope. */
struct OnsetConfig
{
    int lag = 1;       ///< frames between the compared spectra
    int nFft = 2048;   ///< of the STFT that made the spectrogram (only for the centring shift)
    int hop = 512;     ///< of that STFT
    bool center = true; ///< the STFT was centred: shift the envelope by nFft / (2 hop) frames
    OnsetAggregate aggregate = OnsetAggregate::Mean;
};

/**
 * librosa.onset.onset_strength(S=dbSpectrogram, lag, max_size=1, detrend=False, center,
 * aggregate=np.mean or np.median) (librosa 0.7/0.8): for every frame t >= lag, the mean (or
 * median, the mean of the middle two for an even band count) over bands of
 * max(0, S[:, t] - S[:, t - lag]); the envelope is then shifted right by lag (+ nFft / (2 hop) when
 * centred) with zeros in front and cut to the spectrogram's frame count. dbSpectrogram is
 * bands x frames, in dB (librosa feeds power_to_db of a 128-band mel power spectrogram).
 * Returns one value per frame; InvalidArgument for lag < 1, nFft < 1 or hop < 1.
 */
base::Result<std::vector<float>> onsetStrength(const base::Matrix &dbSpectrogram, const OnsetConfig &config = {});

} // namespace genrescope::dsp
