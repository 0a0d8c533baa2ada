#include "tempo.h"

#include "dsp/window.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace genrescope::dsp {

base::Result<base::Matrix> autocorrelationTempogram(const std::vector<float> &env, int winLength)
{
    if (winLength < 1)
        return base::makeError(base::ErrorCode::InvalidArgument, "tempogram window must be >= 1 frame");
    const std::size_t n = env.size();
    const std::size_t w = static_cast<std::size_t>(winLength);
    const std::size_t pad = w / 2;
    base::Matrix tg(w, n);
    if (n == 0)
        return tg;

    // numpy.pad(mode='linear_ramp', end_values=0) (numpy >= 1.17): the left ramp is
    // linspace(0, first, pad, endpoint=False), the right one the mirror image towards the last value.
    std::vector<double> padded(n + 2 * pad);
    const double first = env.front();
    const double last = env.back();
    for (std::size_t i = 0; i < pad; ++i) {
        padded[i] = first * static_cast<double>(i) / static_cast<double>(pad);
        padded[n + 2 * pad - 1 - i] = last * static_cast<double>(i) / static_cast<double>(pad);
    }
    for (std::size_t i = 0; i < n; ++i)
        padded[pad + i] = env[i];

    const std::vector<float> window = makeWindow(WindowType::Hann, winLength, true);
    std::vector<double> frame(w);
    std::vector<double> ac(w);
    const double tiny = std::numeric_limits<float>::min();
    for (std::size_t t = 0; t < n; ++t) {
        // Frames beyond the padded signal (only when n + 2 pad < w + t) are zero-extended.
        for (std::size_t i = 0; i < w; ++i) {
            const std::size_t src = t + i;
            frame[i] = src < padded.size() ? padded[src] * static_cast<double>(window[i]) : 0.0;
        }
        double peak = 0.0;
        for (std::size_t lag = 0; lag < w; ++lag) {
            double sum = 0.0;
            const double *a = frame.data();
            const double *b = frame.data() + lag;
            const std::size_t len = w - lag;
            for (std::size_t i = 0; i < len; ++i)
                sum += a[i] * b[i];
            ac[lag] = sum;
            peak = std::max(peak, std::abs(sum));
        }
        const double norm = peak < tiny ? 1.0 : peak;
        for (std::size_t lag = 0; lag < w; ++lag)
            tg(lag, t) = static_cast<float>(ac[lag] / norm);
    }
    return tg;
}

base::Result<double> estimateTempo(const std::vector<float> &env, const TempoConfig &c)
{
    if (c.sampleRate <= 0 || c.hop <= 0 || !(c.startBpm > 0) || !(c.stdBpm > 0) || !(c.acSizeSeconds > 0))
        return base::makeError(base::ErrorCode::InvalidArgument,
                               "tempo needs positive sample rate, hop, start bpm, std and window");
    if (env.empty())
        return base::makeError(base::ErrorCode::InvalidArgument, "tempo of an empty onset envelope");
    // librosa.time_to_frames: samples = int(t * sr), frames = samples // hop.
    const auto samples = static_cast<long long>(c.acSizeSeconds * c.sampleRate);
    const int winLength = static_cast<int>(samples / c.hop);
    if (winLength < 2)
        return base::makeError(base::ErrorCode::InvalidArgument,
                               "tempo window of " + std::to_string(winLength) + " frames is too short");
    auto tgr = autocorrelationTempogram(env, winLength);
    GS_TRY(tgr);
    const base::Matrix &tg = tgr.value();

    double bestScore = -std::numeric_limits<double>::infinity();
    int bestLag = -1;
    const double logStart = std::log2(c.startBpm);
    bool pastMax = c.maxTempo <= 0; // librosa: logprior[:argmax(bpms < max_tempo)] = -inf
    for (int lag = 1; lag < winLength; ++lag) {
        const double bpm = 60.0 * c.sampleRate / (static_cast<double>(c.hop) * lag);
        if (!pastMax && bpm < c.maxTempo)
            pastMax = true;
        if (!pastMax)
            continue;
        double mean = 0.0;
        const float *row = tg.row(static_cast<std::size_t>(lag));
        for (std::size_t t = 0; t < tg.cols; ++t)
            mean += row[t];
        mean /= static_cast<double>(tg.cols);
        const double z = (std::log2(bpm) - logStart) / c.stdBpm;
        const double score = std::log1p(1e6 * mean) - 0.5 * z * z;
        if (score > bestScore) {
            bestScore = score;
            bestLag = lag;
        }
    }
    if (bestLag < 0)
        return base::makeError(base::ErrorCode::InvalidArgument, "no tempo lag below maxTempo fits the window");
    return 60.0 * c.sampleRate / (static_cast<double>(c.hop) * bestLag);
}

} // namespace genrescope::dsp
