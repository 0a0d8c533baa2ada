#include "dsp/chroma.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace genrescope::dsp {

base::Matrix chromaFilterbank(int sampleRate, int nFft, int nChroma, double tuning, double ctroct, double octwidth,
                              bool baseC)
{
    if (sampleRate <= 0 || nFft < 2 || nChroma <= 0)
        return {};
    const std::size_t nF = std::size_t(nFft);
    const std::size_t nC = std::size_t(nChroma);
    const double a440 = 440.0 * std::pow(2.0, tuning / nChroma);
    // Fractional chroma position of every FFT bin (all n_fft of them, as librosa); bin 0 is placed
    // 1.5 octaves below bin 1.
    std::vector<double> frqbins(nF);
    for (std::size_t k = 1; k < nF; ++k) {
        const double f = double(sampleRate) * double(k) / double(nFft);
        frqbins[k] = nChroma * std::log2(f / (a440 / 16.0));
    }
    frqbins[0] = frqbins.size() > 1 ? frqbins[1] - 1.5 * nChroma : 0.0;
    std::vector<double> binwidth(nF, 1.0);
    for (std::size_t k = 0; k + 1 < nF; ++k)
        binwidth[k] = std::max(frqbins[k + 1] - frqbins[k], 1.0);

    const double half = std::round(double(nChroma) / 2.0);
    std::vector<double> w(nC * nF);
    for (std::size_t c = 0; c < nC; ++c) {
        for (std::size_t k = 0; k < nF; ++k) {
            double d = frqbins[k] - double(c) + half + 10.0 * nChroma;
            d = d - nChroma * std::floor(d / nChroma) - half; // numpy.remainder (sign of the divisor)
            const double z = 2.0 * d / binwidth[k];
            w[c * nF + k] = std::exp(-0.5 * z * z);
        }
    }
    for (std::size_t k = 0; k < nF; ++k) {
        double norm = 0;
        for (std::size_t c = 0; c < nC; ++c)
            norm += w[c * nF + k] * w[c * nF + k];
        norm = std::sqrt(norm);
        if (norm > std::numeric_limits<double>::min())
            for (std::size_t c = 0; c < nC; ++c)
                w[c * nF + k] /= norm;
        if (octwidth > 0) {
            const double o = (frqbins[k] / nChroma - ctroct) / octwidth;
            const double g = std::exp(-0.5 * o * o);
            for (std::size_t c = 0; c < nC; ++c)
                w[c * nF + k] *= g;
        }
    }
    const std::size_t shift = baseC ? 3 * (nC / 12) : 0; // numpy.roll(wts, -shift, axis=0)
    const std::size_t bins = nF / 2 + 1;
    base::Matrix out(nC, bins);
    for (std::size_t c = 0; c < nC; ++c) {
        const std::size_t src = (c + shift) % nC;
        for (std::size_t k = 0; k < bins; ++k)
            out(c, k) = float(w[src * nF + k]);
    }
    return out;
}

} // namespace genrescope::dsp
