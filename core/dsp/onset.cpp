#include "onset.h"

#include <algorithm>

namespace genrescope::dsp {

base::Result<std::vector<float>> onsetStrength(const base::Matrix &s, const OnsetConfig &config)
{
    if (config.lag < 1 || config.nFft < 1 || config.hop < 1)
        return base::makeError(base::ErrorCode::InvalidArgument, "onset strength needs lag, nFft and hop >= 1");
    const std::size_t frames = s.cols;
    const std::size_t lag = static_cast<std::size_t>(config.lag);
    std::size_t shift = lag;
    if (config.center)
        shift += static_cast<std::size_t>(config.nFft / (2 * config.hop));

    std::vector<float> env(frames, 0.0f);
    if (s.rows == 0 || frames <= lag)
        return env;
    // flux[j] compares frame j + lag with frame j; it lands at output frame j + shift.
    std::vector<double> flux(frames - lag, 0.0);
    if (config.aggregate == OnsetAggregate::Mean) {
        for (std::size_t b = 0; b < s.rows; ++b) {
            const float *row = s.row(b);
            for (std::size_t j = 0; j + lag < frames; ++j)
                flux[j] += std::max(0.0f, row[j + lag] - row[j]);
        }
        for (double &f : flux)
            f /= static_cast<double>(s.rows);
    } else {
        std::vector<float> bands(s.rows);
        const std::size_t mid = s.rows / 2;
        for (std::size_t j = 0; j + lag < frames; ++j) {
            for (std::size_t b = 0; b < s.rows; ++b)
                bands[b] = std::max(0.0f, s(b, j + lag) - s(b, j));
            std::nth_element(bands.begin(), bands.begin() + static_cast<std::ptrdiff_t>(mid), bands.end());
            double median = bands[mid];
            if (s.rows % 2 == 0)
                median = (median + *std::max_element(bands.begin(), bands.begin() + static_cast<std::ptrdiff_t>(mid))) / 2.0;
            flux[j] = median;
        }
    }
    for (std::size_t j = 0; j < flux.size() && j + shift < frames; ++j)
        env[j + shift] = static_cast<float>(flux[j]);
    return env;
}

} // namespace genrescope::dsp
