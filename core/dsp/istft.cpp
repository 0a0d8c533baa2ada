#include "istft.h"

#include "dsp/fftplan.h"

#include <algorithm>
#include <complex>
#include <limits>
#include <string>

namespace genrescope::dsp {

base::Result<Istft> Istft::create(const IstftConfig &config)
{
    IstftConfig c = config;
    if (c.nFft < 2 || c.nFft % 2 != 0)
        return base::makeError(base::ErrorCode::InvalidArgument,
                               "istft nFft must be even and >= 2, got " + std::to_string(c.nFft));
    if (c.winLength == 0)
        c.winLength = c.nFft;
    if (c.winLength < 0 || c.winLength > c.nFft)
        return base::makeError(base::ErrorCode::InvalidArgument,
                               "istft winLength must be in [1, nFft], got " + std::to_string(c.winLength));
    if (c.hop == 0)
        c.hop = c.winLength / 4;
    if (c.hop <= 0)
        return base::makeError(base::ErrorCode::InvalidArgument, "istft hop must be >= 1");
    auto fft = RealFft::get(c.nFft);
    if (!fft)
        return base::makeError(base::ErrorCode::Internal, "FFTW could not plan size " + std::to_string(c.nFft));
    const std::vector<float> w = makeWindow(c.window, c.winLength, c.periodic);
    std::vector<float> padded(static_cast<std::size_t>(c.nFft), 0.0f);
    const std::size_t left = static_cast<std::size_t>((c.nFft - c.winLength) / 2); // librosa.util.pad_center
    std::copy(w.begin(), w.end(), padded.begin() + static_cast<std::ptrdiff_t>(left));
    return Istft(c, std::move(fft), std::move(padded));
}

Istft::Istft(const IstftConfig &config, std::shared_ptr<const RealFft> fft, std::vector<float> window)
    : m_config(config), m_fft(std::move(fft)), m_window(std::move(window))
{
}

std::size_t Istft::naturalLength(std::size_t frames) const
{
    if (frames == 0)
        return 0;
    const std::size_t full = static_cast<std::size_t>(m_config.nFft) + static_cast<std::size_t>(m_config.hop) * (frames - 1);
    return m_config.center ? full - static_cast<std::size_t>(m_config.nFft) : full;
}

base::Result<std::vector<float>> Istft::compute(const base::Matrix &re, const base::Matrix &im,
                                                std::ptrdiff_t length) const
{
    if (re.rows != bins() || im.rows != bins() || re.cols != im.cols)
        return base::makeError(base::ErrorCode::Mismatch,
                               "istft expects two " + std::to_string(bins()) + " x frames matrices");
    const std::size_t frames = re.cols;
    const std::size_t nFft = static_cast<std::size_t>(m_config.nFft);
    const std::size_t hop = static_cast<std::size_t>(m_config.hop);
    const std::size_t full = frames == 0 ? 0 : nFft + hop * (frames - 1);

    std::vector<double> y(full, 0.0);
    std::vector<double> wss(full, 0.0);
    std::vector<std::complex<float>> spectrum(bins());
    std::vector<float> frame(nFft);
    const double scale = 1.0 / static_cast<double>(nFft);
    for (std::size_t f = 0; f < frames; ++f) {
        for (std::size_t k = 0; k < bins(); ++k)
            spectrum[k] = {re(k, f), im(k, f)};
        m_fft->inverse(spectrum.data(), frame.data());
        double *out = y.data() + f * hop;
        double *ss = wss.data() + f * hop;
        for (std::size_t i = 0; i < nFft; ++i) {
            const double w = m_window[i];
            out[i] += w * (static_cast<double>(frame[i]) * scale);
            ss[i] += w * w;
        }
    }
    const double tiny = std::numeric_limits<float>::min();
    for (std::size_t i = 0; i < full; ++i)
        if (wss[i] > tiny)
            y[i] /= wss[i];

    const std::size_t start = m_config.center ? nFft / 2 : 0;
    std::size_t count;
    if (length < 0)
        count = naturalLength(frames);
    else
        count = static_cast<std::size_t>(length);
    std::vector<float> out(count, 0.0f);
    for (std::size_t i = 0; i < count && start + i < full; ++i) {
        // Centred without an explicit length, librosa trims nFft/2 from both ends.
        if (length < 0 && m_config.center && start + i >= full - nFft / 2)
            break;
        out[i] = static_cast<float>(y[start + i]);
    }
    return out;
}

} // namespace genrescope::dsp
