#pragma once

// Small analysis helpers shared by the audio tests (header-only, test code).

#include <QTemporaryDir>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <filesystem>
#include <numbers>
#include <vector>

namespace genrescope::test {

/** Amplitude of the component at freqHz in x[from, to) by a direct single-bin DFT (Goertzel-equivalent). */
inline double toneAmplitude(const std::vector<float> &x, double freqHz, int rate, std::size_t from, std::size_t to)
{
    to = std::min(to, x.size());
    if (to <= from)
        return 0.0;
    double re = 0.0, im = 0.0;
    const double w = 2.0 * std::numbers::pi * freqHz / rate;
    for (std::size_t i = from; i < to; ++i) {
        // Hann window keeps leakage from the neighbouring bins' check out of the measurement.
        const double hann = 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * double(i - from) / double(to - from));
        re += hann * x[i] * std::cos(w * double(i));
        im -= hann * x[i] * std::sin(w * double(i));
    }
    return 2.0 * std::hypot(re, im) / (0.5 * double(to - from)); // the Hann window's coherent gain is 0.5
}

inline double rms(const std::vector<float> &x, std::size_t from = 0, std::size_t to = std::size_t(-1))
{
    to = std::min(to, x.size());
    if (to <= from)
        return 0.0;
    double s = 0.0;
    for (std::size_t i = from; i < to; ++i)
        s += double(x[i]) * x[i];
    return std::sqrt(s / double(to - from));
}

inline double maxAbsDiff(const float *a, const float *b, std::size_t n)
{
    double m = 0.0;
    for (std::size_t i = 0; i < n; ++i)
        m = std::max(m, double(std::fabs(a[i] - b[i])));
    return m;
}

/** The lag in [-maxLag, maxLag] that best aligns b to a (b[i] ~ a[i + lag]), by least squared error. */
inline int bestLag(const std::vector<float> &a, std::size_t aFrom, const std::vector<float> &b, int maxLag)
{
    double best = 1e300;
    int bestLag = 0;
    for (int lag = -maxLag; lag <= maxLag; ++lag) {
        double e = 0.0;
        for (std::size_t i = std::size_t(maxLag); i + std::size_t(maxLag) < b.size(); ++i) {
            const auto j = std::ptrdiff_t(aFrom) + std::ptrdiff_t(i) + lag;
            if (j < 0 || std::size_t(j) >= a.size())
                continue;
            const double d = double(a[std::size_t(j)]) - b[i];
            e += d * d;
        }
        if (e < best) {
            best = e;
            bestLag = lag;
        }
    }
    return bestLag;
}

inline std::filesystem::path pathIn(const QTemporaryDir &dir, const std::string &name)
{
    return std::filesystem::path(dir.path().toStdString()) / name;
}

} // namespace genrescope::test
