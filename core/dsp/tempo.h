#pragma once

#include "base/matrix.h"
#include "base/result.h"

#include <vector>

namespace genrescope::dsp {

/** Parameters of librosa.beat.tempo (0.7/0.8 defaults). */
struct TempoConfig
{
    int sampleRate = 22050;    ///< Hz
    int hop = 512;             ///< samples per onset-envelope frame
    double startBpm = 120.0;   ///< centre of the log-normal prior
    double stdBpm = 1.0;       ///< its standard deviation, in octaves
    double acSizeSeconds = 8.0; ///< autocorrelation window (344 frames at 22050 Hz / 512)
    double maxTempo = 320.0;   ///< BPM above which nothing is chosen; <= 0 disables
};

/**
 * librosa.feature.tempogram(onset_envelope, win_length, center=True, window='hann', norm=inf):
 * the envelope is padded with winLength / 2 frames of numpy 'linear_ramp' towards 0 on both
 * sides, cut into winLength-frame windows at every frame, multiplied by a periodic Hann window and
 * autocorrelated (lags 0 .. winLength - 1); each column is divided by its maximum (columns whose
 * maximum is below the smallest normal float are left as they are). winLength x frames.
 * InvalidArgument for winLength < 1.
 */
base::Result<base::Matrix> autocorrelationTempogram(const std::vector<float> &onsetEnvelope, int winLength);

/**
 * librosa.beat.tempo(onset_envelope=..., aggregate=np.mean): the tempogram with
 * winLength = floor(acSize * sampleRate / hop) frames, averaged over time, weighted in the log
 * domain (log1p(1e6 tg)) by a log-normal prior around startBpm, lags faster than maxTempo excluded;
 * returns 60 sampleRate / (hop lag) of the best lag, in BPM. A silent envelope yields the lag the
 * prior alone prefers (117.45 BPM at the defaults), as librosa does.
 * InvalidArgument for non-positive rates, bpm or window; an empty envelope is InvalidArgument.
 */
base::Result<double> estimateTempo(const std::vector<float> &onsetEnvelope, const TempoConfig &config = {});

} // namespace genrescope::dsp
