#include "tuning.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace genrescope::dsp {

namespace {

base::Status checkConfig(const TuningConfig &c)
{
    if (c.sampleRate <= 0 || !(c.resolution > 0) || c.resolution > 1 || c.binsPerOctave <= 0)
        return base::makeError(base::ErrorCode::InvalidArgument,
                               "tuning needs a positive sample rate, bins per octave and a resolution in (0, 1]");
    return {};
}

} // namespace

base::Result<std::vector<SpectralPeak>> pitchTrack(const base::Matrix &s, const TuningConfig &c)
{
    GS_TRY(checkConfig(c));
    if (s.rows < 3)
        return base::makeError(base::ErrorCode::InvalidArgument, "pitch tracking needs at least 3 bins");
    const std::size_t bins = s.rows;
    const double nFft = 2.0 * static_cast<double>(bins - 1);
    const double fmin = std::max(c.fmin, 0.0);
    const double fmax = std::min(c.fmax, c.sampleRate / 2.0);
    const float tiny = std::numeric_limits<float>::min();

    std::vector<SpectralPeak> peaks;
    std::vector<float> col(bins), thr(bins);
    for (std::size_t t = 0; t < s.cols; ++t) {
        float peak = -std::numeric_limits<float>::infinity();
        for (std::size_t k = 0; k < bins; ++k) {
            col[k] = s(k, t);
            peak = std::max(peak, col[k]);
        }
        const float ref = static_cast<float>(c.threshold) * peak;
        for (std::size_t k = 0; k < bins; ++k)
            thr[k] = col[k] > ref ? col[k] : 0.0f;
        for (std::size_t k = 0; k < bins; ++k) {
            const double f = static_cast<double>(k) * c.sampleRate / nFft;
            if (!(fmin <= f && f < fmax))
                continue;
            // librosa.util.localmax with edge padding: x[k] > x[k-1] and x[k] >= x[k+1].
            const float prev = thr[k == 0 ? 0 : k - 1];
            const float next = thr[k + 1 == bins ? k : k + 1];
            if (k == 0 || !(thr[k] > prev && thr[k] >= next))
                continue;
            float shift = 0.0f, dskew = 0.0f;
            if (k + 1 < bins) {
                const float avg = 0.5f * (col[k + 1] - col[k - 1]);
                float den = 2.0f * col[k] - col[k + 1] - col[k - 1];
                if (std::abs(den) < tiny)
                    den += 1.0f;
                shift = avg / den;
                dskew = 0.5f * avg * shift;
            }
            const double freq = (static_cast<double>(k) + shift) * c.sampleRate / nFft;
            peaks.push_back({static_cast<float>(freq), col[k] + dskew});
        }
    }
    return peaks;
}

double pitchTuning(const std::vector<double> &frequencies, double resolution, int binsPerOctave)
{
    if (!(resolution > 0) || resolution > 1 || binsPerOctave <= 0)
        return 0.0;
    const int nBins = static_cast<int>(std::ceil(1.0 / resolution));
    // numpy.linspace(-0.5, 0.5, nBins + 1)
    std::vector<double> edges(static_cast<std::size_t>(nBins) + 1);
    const double step = 1.0 / nBins;
    for (int i = 0; i <= nBins; ++i)
        edges[static_cast<std::size_t>(i)] = i * step - 0.5;
    edges.back() = 0.5;
    std::vector<long> counts(static_cast<std::size_t>(nBins), 0);
    bool any = false;
    for (double f : frequencies) {
        if (!(f > 0))
            continue;
        any = true;
        // hz_to_octs: log2(f / (440 / 16)); residual modulo one bin, folded to [-0.5, 0.5).
        const double x = binsPerOctave * std::log2(f / (440.0 / 16.0));
        double r = x - std::floor(x);
        if (r >= 0.5)
            r -= 1.0;
        // numpy.histogram with explicit edges: edges[i] <= r < edges[i+1], the last bin closed.
        auto it = std::upper_bound(edges.begin(), edges.end(), r);
        std::ptrdiff_t idx = (it - edges.begin()) - 1;
        if (idx < 0)
            continue;
        if (idx >= nBins) {
            if (r == edges.back())
                idx = nBins - 1;
            else
                continue;
        }
        ++counts[static_cast<std::size_t>(idx)];
    }
    if (!any)
        return 0.0;
    const auto best = std::max_element(counts.begin(), counts.end()) - counts.begin();
    return edges[static_cast<std::size_t>(best)];
}

base::Result<double> estimateTuning(const base::Matrix &spec, const TuningConfig &c)
{
    auto peaks = pitchTrack(spec, c);
    GS_TRY(peaks);
    std::vector<float> mags;
    mags.reserve(peaks->size());
    for (const SpectralPeak &p : *peaks)
        if (p.frequency > 0)
            mags.push_back(p.magnitude);
    float threshold = 0.0f;
    if (!mags.empty()) {
        // numpy.median: the mean of the two middle values for an even count (in float32).
        const std::size_t mid = mags.size() / 2;
        std::nth_element(mags.begin(), mags.begin() + static_cast<std::ptrdiff_t>(mid), mags.end());
        threshold = mags[mid];
        if (mags.size() % 2 == 0) {
            const float lower = *std::max_element(mags.begin(), mags.begin() + static_cast<std::ptrdiff_t>(mid));
            threshold = (lower + threshold) / 2.0f;
        }
    }
    std::vector<double> freqs;
    for (const SpectralPeak &p : *peaks)
        if (p.frequency > 0 && p.magnitude >= threshold)
            freqs.push_back(p.frequency);
    return pitchTuning(freqs, c.resolution, c.binsPerOctave);
}

} // namespace genrescope::dsp
