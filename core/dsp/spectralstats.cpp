#include "spectralstats.h"

#include <cmath>
#include <limits>
#include <string>

namespace genrescope::dsp {

namespace {

base::Status checkSpectrum(const base::Matrix &m, int sampleRate)
{
    if (sampleRate <= 0)
        return base::makeError(base::ErrorCode::InvalidArgument, "sample rate must be positive");
    if (m.rows < 2)
        return base::makeError(base::ErrorCode::InvalidArgument, "a spectrogram needs at least 2 bins");
    return {};
}

double binHz(std::size_t k, std::size_t bins, int sampleRate)
{
    // librosa.fft_frequencies: linspace(0, sr / 2, 1 + nFft // 2)
    return static_cast<double>(k) * (static_cast<double>(sampleRate) / 2.0) / static_cast<double>(bins - 1);
}

// Per-column sum of magnitudes; librosa.util.normalize(norm=1) leaves columns below tiny alone.
std::vector<double> columnNorms(const base::Matrix &m)
{
    std::vector<double> sums(m.cols, 0.0);
    for (std::size_t k = 0; k < m.rows; ++k) {
        const float *row = m.row(k);
        for (std::size_t t = 0; t < m.cols; ++t)
            sums[t] += std::abs(row[t]);
    }
    const double tiny = std::numeric_limits<float>::min();
    for (double &s : sums)
        if (s < tiny)
            s = 1.0;
    return sums;
}

base::Status checkFraming(std::size_t n, int frameLength, int hop, bool center)
{
    if (frameLength < 1 || hop < 1)
        return base::makeError(base::ErrorCode::InvalidArgument, "frame length and hop must be >= 1");
    const std::size_t padded = n + (center ? 2 * static_cast<std::size_t>(frameLength / 2) : 0);
    if (n == 0 || padded < static_cast<std::size_t>(frameLength))
        return base::makeError(base::ErrorCode::InvalidArgument,
                               "signal of " + std::to_string(n) + " samples is shorter than one frame");
    return {};
}

std::size_t frameCount(std::size_t padded, int frameLength, int hop)
{
    return 1 + (padded - static_cast<std::size_t>(frameLength)) / static_cast<std::size_t>(hop);
}

// numpy.pad 'reflect' (no edge repeat), valid for any offset, also beyond one reflection.
std::size_t reflectNoRepeat(std::ptrdiff_t i, std::size_t n)
{
    if (n == 1)
        return 0;
    const auto period = static_cast<std::ptrdiff_t>(2 * (n - 1));
    std::ptrdiff_t m = i % period;
    if (m < 0)
        m += period;
    if (m >= static_cast<std::ptrdiff_t>(n))
        m = period - m;
    return static_cast<std::size_t>(m);
}

} // namespace

base::Result<std::vector<double>> spectralCentroid(const base::Matrix &mag, int sampleRate)
{
    GS_TRY(checkSpectrum(mag, sampleRate));
    const std::vector<double> norms = columnNorms(mag);
    std::vector<double> c(mag.cols, 0.0);
    for (std::size_t k = 0; k < mag.rows; ++k) {
        const double f = binHz(k, mag.rows, sampleRate);
        const float *row = mag.row(k);
        for (std::size_t t = 0; t < mag.cols; ++t)
            c[t] += f * row[t];
    }
    for (std::size_t t = 0; t < mag.cols; ++t)
        c[t] /= norms[t];
    return c;
}

base::Result<std::vector<double>> spectralBandwidth(const base::Matrix &mag, int sampleRate,
                                                    const std::vector<double> &centroid, double p)
{
    GS_TRY(checkSpectrum(mag, sampleRate));
    if (centroid.size() != mag.cols)
        return base::makeError(base::ErrorCode::Mismatch, "one centroid per frame is needed");
    if (!(p > 0) || !std::isfinite(p))
        return base::makeError(base::ErrorCode::InvalidArgument, "bandwidth order p must be finite and > 0");
    const std::vector<double> norms = columnNorms(mag);
    std::vector<double> b(mag.cols, 0.0);
    for (std::size_t k = 0; k < mag.rows; ++k) {
        const double f = binHz(k, mag.rows, sampleRate);
        const float *row = mag.row(k);
        for (std::size_t t = 0; t < mag.cols; ++t) {
            const double d = std::abs(f - centroid[t]);
            b[t] += row[t] * (p == 2.0 ? d * d : std::pow(d, p));
        }
    }
    for (std::size_t t = 0; t < mag.cols; ++t)
        b[t] = std::pow(b[t] / norms[t], 1.0 / p);
    return b;
}

base::Result<std::vector<double>> spectralRolloff(const base::Matrix &mag, int sampleRate, double rollPercent)
{
    GS_TRY(checkSpectrum(mag, sampleRate));
    if (!(rollPercent > 0) || !(rollPercent < 1))
        return base::makeError(base::ErrorCode::InvalidArgument, "roll percent must be in (0, 1)");
    std::vector<double> r(mag.cols, 0.0);
    std::vector<float> cum(mag.rows);
    for (std::size_t t = 0; t < mag.cols; ++t) {
        float acc = 0.0f;
        for (std::size_t k = 0; k < mag.rows; ++k) {
            acc += mag(k, t);
            cum[k] = acc;
        }
        const float threshold = static_cast<float>(rollPercent) * acc; // float32, as numpy
        std::size_t k = 0;
        while (k + 1 < mag.rows && cum[k] < threshold)
            ++k;
        r[t] = binHz(k, mag.rows, sampleRate);
    }
    return r;
}

base::Result<std::vector<double>> zeroCrossingRate(const float *x, std::size_t n, int frameLength, int hop,
                                                   bool center)
{
    GS_TRY(checkFraming(n, frameLength, hop, center));
    const std::size_t pad = center ? static_cast<std::size_t>(frameLength / 2) : 0;
    const std::size_t padded = n + 2 * pad;
    // librosa.zero_crossings(threshold=1e-10, zero_pos=True): |x| <= 1e-10 is +0.
    std::vector<unsigned char> negative(padded);
    for (std::size_t i = 0; i < padded; ++i) {
        const std::size_t src = i < pad ? 0 : (i - pad >= n ? n - 1 : i - pad); // 'edge' padding
        negative[i] = x[src] < -1e-10f ? 1 : 0;
    }
    const std::size_t frames = frameCount(padded, frameLength, hop);
    std::vector<double> z(frames);
    const auto len = static_cast<std::size_t>(frameLength);
    for (std::size_t f = 0; f < frames; ++f) {
        const unsigned char *s = negative.data() + f * static_cast<std::size_t>(hop);
        std::size_t count = 0;
        for (std::size_t i = 1; i < len; ++i)
            count += s[i] != s[i - 1];
        z[f] = static_cast<double>(count) / static_cast<double>(len);
    }
    return z;
}

base::Result<std::vector<double>> rms(const float *x, std::size_t n, int frameLength, int hop, bool center)
{
    GS_TRY(checkFraming(n, frameLength, hop, center));
    const std::size_t pad = center ? static_cast<std::size_t>(frameLength / 2) : 0;
    const std::size_t padded = n + 2 * pad;
    std::vector<double> sq(padded);
    for (std::size_t i = 0; i < padded; ++i) {
        const double v = x[reflectNoRepeat(static_cast<std::ptrdiff_t>(i) - static_cast<std::ptrdiff_t>(pad), n)];
        sq[i] = v * v;
    }
    const std::size_t frames = frameCount(padded, frameLength, hop);
    std::vector<double> r(frames);
    const auto len = static_cast<std::size_t>(frameLength);
    for (std::size_t f = 0; f < frames; ++f) {
        const double *s = sq.data() + f * static_cast<std::size_t>(hop);
        double sum = 0.0;
        for (std::size_t i = 0; i < len; ++i)
            sum += s[i];
        r[f] = std::sqrt(sum / static_cast<double>(len));
    }
    return r;
}

} // namespace genrescope::dsp
