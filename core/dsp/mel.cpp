#include "dsp/mel.h"

#include "dsp/sparsefilterbank.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace genrescope::dsp {

namespace {
constexpr double kFSp = 200.0 / 3.0;
constexpr double kMinLogHz = 1000.0;
constexpr double kMinLogMel = kMinLogHz / kFSp; // 15
const double kLogStep = std::log(6.4) / 27.0;
} // namespace

double hzToMel(double hz, MelScale scale)
{
    if (scale == MelScale::Htk)
        return 2595.0 * std::log10(1.0 + hz / 700.0);
    if (hz >= kMinLogHz)
        return kMinLogMel + std::log(hz / kMinLogHz) / kLogStep;
    return hz / kFSp;
}

double melToHz(double mel, MelScale scale)
{
    if (scale == MelScale::Htk)
        return 700.0 * (std::pow(10.0, mel / 2595.0) - 1.0);
    if (mel >= kMinLogMel)
        return kMinLogHz * std::exp(kLogStep * (mel - kMinLogMel));
    return kFSp * mel;
}

base::Result<base::Matrix> melFilterbank(const MelConfig &c)
{
    using base::ErrorCode;
    if (c.sampleRate <= 0 || c.nFft < 2 || c.nMels <= 0 || c.nMels > 4096)
        return base::makeError(ErrorCode::InvalidArgument,
                               "mel filterbank needs sampleRate > 0, nFft >= 2 and 0 < nMels <= 4096");
    const double fmax = c.fmax < 0 ? c.sampleRate / 2.0 : c.fmax;
    if (!(c.fmin >= 0) || !(fmax > c.fmin))
        return base::makeError(ErrorCode::InvalidArgument,
                               "mel filterbank needs 0 <= fmin < fmax, got fmin " + std::to_string(c.fmin) + ", fmax "
                                   + std::to_string(fmax));
    const std::size_t bins = std::size_t(c.nFft) / 2 + 1;
    const std::size_t nM = std::size_t(c.nMels);
    // librosa.fft_frequencies: linspace(0, sr/2, 1 + n_fft//2)
    std::vector<double> fftFreqs(bins);
    for (std::size_t k = 0; k < bins; ++k)
        fftFreqs[k] = bins == 1 ? 0.0 : (c.sampleRate / 2.0) * double(k) / double(bins - 1);
    const double mMin = hzToMel(c.fmin, c.scale);
    const double mMax = hzToMel(fmax, c.scale);
    std::vector<double> edges(nM + 2);
    for (std::size_t i = 0; i < nM + 2; ++i)
        edges[i] = melToHz(mMin + (mMax - mMin) * double(i) / double(nM + 1), c.scale);

    base::Matrix fb(nM, bins);
    for (std::size_t m = 0; m < nM; ++m) {
        const double lo = edges[m], ce = edges[m + 1], hi = edges[m + 2];
        const double dLow = ce - lo, dHigh = hi - ce;
        const double enorm = c.norm == MelNorm::Slaney ? 2.0 / (hi - lo) : 1.0;
        for (std::size_t k = 0; k < bins; ++k) {
            const double lower = (fftFreqs[k] - lo) / dLow;
            const double upper = (hi - fftFreqs[k]) / dHigh;
            const double w = std::max(0.0, std::min(lower, upper));
            fb(m, k) = float(w * enorm);
        }
    }
    return fb;
}

base::Matrix applyFilterbank(const base::Matrix &fb, const base::Matrix &spec)
{
    return SparseFilterbank(fb).apply(spec);
}

} // namespace genrescope::dsp
