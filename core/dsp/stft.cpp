#include "dsp/stft.h"

#include <fftw3.h>

#include <cmath>
#include <cstring>
#include <string>

namespace genrescope::dsp {

namespace {

/** numpy "reflect" index (no edge repeat), folded as often as needed. */
inline std::size_t reflectIndex(long long i, std::size_t n)
{
    if (n == 1)
        return 0;
    const long long period = 2 * (static_cast<long long>(n) - 1);
    long long m = i % period;
    if (m < 0)
        m += period;
    if (m >= static_cast<long long>(n))
        m = period - m;
    return static_cast<std::size_t>(m);
}

} // namespace

void spectrumPower(const std::complex<float> *X, std::size_t n, float exponent, float *out)
{
    const float *ri = reinterpret_cast<const float *>(X);
    if (exponent == 2.0f) {
        for (std::size_t k = 0; k < n; ++k)
            out[k] = ri[2 * k] * ri[2 * k] + ri[2 * k + 1] * ri[2 * k + 1];
    } else if (exponent == 1.0f) {
        for (std::size_t k = 0; k < n; ++k)
            out[k] = std::sqrt(ri[2 * k] * ri[2 * k] + ri[2 * k + 1] * ri[2 * k + 1]);
    } else {
        const float e = exponent * 0.5f;
        for (std::size_t k = 0; k < n; ++k)
            out[k] = std::pow(ri[2 * k] * ri[2 * k] + ri[2 * k + 1] * ri[2 * k + 1], e);
    }
}

Stft::Workspace::Workspace(int nFft)
{
    m_frame = static_cast<float *>(fftwf_malloc(sizeof(float) * std::size_t(nFft)));
    m_spectrum = reinterpret_cast<std::complex<float> *>(
        fftwf_malloc(sizeof(fftwf_complex) * (std::size_t(nFft) / 2 + 1)));
}

Stft::Workspace::~Workspace()
{
    fftwf_free(m_frame);
    fftwf_free(m_spectrum);
}

base::Result<Stft> Stft::create(const StftConfig &config)
{
    using base::ErrorCode;
    if (config.nFft < 2 || config.nFft > (1 << 20))
        return base::makeError(ErrorCode::InvalidArgument, "STFT n_fft must be in [2, 2^20], got " + std::to_string(config.nFft));
    if (config.hop < 1)
        return base::makeError(ErrorCode::InvalidArgument, "STFT hop must be >= 1, got " + std::to_string(config.hop));
    if (config.winLength < 0 || config.winLength > config.nFft)
        return base::makeError(ErrorCode::InvalidArgument,
                               "STFT win_length must be in [0, n_fft], got " + std::to_string(config.winLength));
    Stft s;
    s.m_config = config;
    s.m_winLen = config.winLength == 0 ? config.nFft : config.winLength;
    s.m_winOffset = (config.nFft - s.m_winLen) / 2; // librosa.util.pad_center / torch.stft
    s.m_window.assign(std::size_t(config.nFft), 0.0f);
    const auto w = makeWindow(config.window, s.m_winLen, config.periodic);
    std::memcpy(s.m_window.data() + s.m_winOffset, w.data(), w.size() * sizeof(float));
    s.m_fft = RealFft::get(config.nFft);
    if (!s.m_fft)
        return base::makeError(ErrorCode::Internal, "FFTW could not plan a transform of size " + std::to_string(config.nFft));
    return s;
}

std::size_t Stft::frameCount(std::size_t n) const
{
    if (n == 0)
        return 0;
    const std::size_t nFft = std::size_t(m_config.nFft);
    const std::size_t hop = std::size_t(m_config.hop);
    const std::size_t padded = m_config.center ? n + 2 * (nFft / 2) : n;
    if (padded < nFft)
        return 0;
    return 1 + (padded - nFft) / hop;
}

long long Stft::frameStart(std::size_t t) const
{
    const long long s = static_cast<long long>(t) * m_config.hop;
    return m_config.center ? s - m_config.nFft / 2 : s;
}

void Stft::fillFrame(const float *x, std::size_t n, long long start, float *out) const
{
    const int nFft = m_config.nFft;
    const float *w = m_window.data();
    const long long a = start + m_winOffset;
    const long long b = a + m_winLen;
    // Only the window's support matters; the rest of the frame is zero.
    if (m_winOffset > 0) {
        std::memset(out, 0, sizeof(float) * std::size_t(m_winOffset));
        std::memset(out + m_winOffset + m_winLen, 0, sizeof(float) * std::size_t(nFft - m_winOffset - m_winLen));
    }
    if (a >= 0 && b <= static_cast<long long>(n)) {
        const float *src = x + a;
        float *dst = out + m_winOffset;
        const float *ww = w + m_winOffset;
        for (int i = 0; i < m_winLen; ++i)
            dst[i] = src[i] * ww[i];
        return;
    }
    const bool reflect = m_config.pad == PadMode::Reflect;
    for (int i = m_winOffset; i < m_winOffset + m_winLen; ++i) {
        const long long j = start + i;
        float v;
        if (j >= 0 && j < static_cast<long long>(n))
            v = x[j];
        else if (reflect && n > 0)
            v = x[reflectIndex(j, n)];
        else
            v = 0.0f;
        out[i] = v * w[i];
    }
}

void Stft::frameSpectrum(const float *x, std::size_t n, long long start, Workspace &ws) const
{
    fillFrame(x, n, start, ws.frame());
    m_fft->forward(ws.frame(), ws.spectrum());
}

base::Matrix Stft::spectrogram(const float *x, std::size_t n, float exponent) const
{
    const std::size_t frames = frameCount(n);
    const std::size_t nb = bins();
    base::Matrix out(nb, frames);
    if (frames == 0)
        return out;
    Workspace ws(m_config.nFft);
    for (std::size_t t = 0; t < frames; ++t) {
        frameSpectrum(x, n, frameStart(t), ws);
        const std::complex<float> *s = ws.spectrum();
        float *o = out.data.data() + t;
        if (exponent == 2.0f) {
            for (std::size_t k = 0; k < nb; ++k)
                o[k * frames] = s[k].real() * s[k].real() + s[k].imag() * s[k].imag();
        } else if (exponent == 1.0f) {
            for (std::size_t k = 0; k < nb; ++k)
                o[k * frames] = std::sqrt(s[k].real() * s[k].real() + s[k].imag() * s[k].imag());
        } else {
            const float e = exponent * 0.5f;
            for (std::size_t k = 0; k < nb; ++k)
                o[k * frames] = std::pow(s[k].real() * s[k].real() + s[k].imag() * s[k].imag(), e);
        }
    }
    return out;
}

void Stft::complexSpectrogram(const float *x, std::size_t n, base::Matrix &re, base::Matrix &im) const
{
    const std::size_t frames = frameCount(n);
    const std::size_t nb = bins();
    re = base::Matrix(nb, frames);
    im = base::Matrix(nb, frames);
    if (frames == 0)
        return;
    Workspace ws(m_config.nFft);
    for (std::size_t t = 0; t < frames; ++t) {
        frameSpectrum(x, n, frameStart(t), ws);
        const std::complex<float> *s = ws.spectrum();
        for (std::size_t k = 0; k < nb; ++k) {
            re.data[k * frames + t] = s[k].real();
            im.data[k * frames + t] = s[k].imag();
        }
    }
}

} // namespace genrescope::dsp
