#pragma once

#include "base/matrix.h"
#include "base/result.h"

#include <vector>

namespace genrescope::dsp {

/** Parameters of librosa.piptrack + estimate_tuning (0.7/0.8 defaults). */
struct TuningConfig
{
    int sampleRate = 22050;   ///< Hz
    double fmin = 150.0;      ///< Hz, lowest peak frequency considered
    double fmax = 4000.0;     ///< Hz, exclusive upper bound (clipped to sampleRate / 2)
    double threshold = 0.1;   ///< peaks must exceed threshold * the frame's maximum
    double resolution = 0.01; ///< histogram step, in fractions of a bin
    int binsPerOctave = 12;
};

/** Parabolic-interpolated spectral peaks of librosa.piptrack: frequency (Hz) and magnitude. */
struct SpectralPeak
{
    float frequency;
    float magnitude;
};

/**
 * librosa.piptrack(S=spec, fmin, fmax, threshold): in each frame, the bins inside [fmin, fmax) that
 * are local maxima over frequency of the spectrum with values <= threshold * max set to zero,
 * refined by a parabola through the neighbours. spec is bins x frames and used as given (librosa's
 * chroma_stft passes the POWER spectrogram here). Peaks in frame order, then bin order.
 */
base::Result<std::vector<SpectralPeak>> pitchTrack(const base::Matrix &spec, const TuningConfig &config = {});

/**
 * librosa.pitch_tuning: the histogram (step `resolution` over [-0.5, 0.5]) of the deviations of the
 * frequencies from the equal-tempered A440 grid, in fractions of a bin; returns the left edge of
 * the fullest bin. Non-positive frequencies are ignored; no frequency at all gives 0.
 */
double pitchTuning(const std::vector<double> &frequencies, double resolution = 0.01, int binsPerOctave = 12);

/**
 * librosa.estimate_tuning(S=spec): pitchTuning of the piptrack peaks whose magnitude is at least the
 * median peak magnitude. In fractions of a bin, in [-0.5, 0.5). InvalidArgument for a non-positive
 * sample rate, resolution or bins per octave, or a spectrogram with fewer than 3 bins.
 */
base::Result<double> estimateTuning(const base::Matrix &spec, const TuningConfig &config = {});

} // namespace genrescope::dsp
