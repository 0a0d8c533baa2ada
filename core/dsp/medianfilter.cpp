#include "medianfilter.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace genrescope::dsp {

namespace {

// scipy.ndimage 'reflect' (half-sample symmetric) index for any i, also for windows longer than n.
std::size_t reflectIndex(std::ptrdiff_t i, std::size_t n)
{
    const auto period = static_cast<std::ptrdiff_t>(2 * n);
    std::ptrdiff_t m = i % period;
    if (m < 0)
        m += period;
    if (m >= static_cast<std::ptrdiff_t>(n))
        m = period - 1 - m;
    return static_cast<std::size_t>(m);
}

// Filters one line of `n` values (read through `in(i)`) into `out(i)`. The window is kept sorted
// while it slides: each step replaces the outgoing value by the incoming one and moves it to its
// place, O(k) with short memmoves instead of a selection per output.
template <typename In, typename Out>
void filterLine(std::size_t n, int size, In in, Out out, std::vector<float> &padded, std::vector<float> &window)
{
    const std::ptrdiff_t before = size / 2;
    const auto k = static_cast<std::size_t>(size);
    padded.resize(n + k - 1);
    for (std::size_t j = 0; j < padded.size(); ++j)
        padded[j] = in(reflectIndex(static_cast<std::ptrdiff_t>(j) - before, n));
    window.assign(padded.begin(), padded.begin() + static_cast<std::ptrdiff_t>(k));
    std::sort(window.begin(), window.end());
    const std::size_t rank = k / 2;
    for (std::size_t i = 0;; ++i) {
        out(i, window[rank]);
        if (i + 1 == n)
            break;
        const float outgoing = padded[i];
        const float incoming = padded[i + k];
        auto pos = std::lower_bound(window.begin(), window.end(), outgoing);
        if (pos == window.end() || !(*pos == outgoing)) // only NaN input gets here; fall back to a re-sort
        {
            window.assign(padded.begin() + static_cast<std::ptrdiff_t>(i + 1),
                          padded.begin() + static_cast<std::ptrdiff_t>(i + 1 + k));
            std::sort(window.begin(), window.end());
            continue;
        }
        // Move the values between the outgoing slot and the incoming value's place by one.
        if (!(incoming < outgoing)) {
            auto q = std::lower_bound(pos + 1, window.end(), incoming);
            std::copy(pos + 1, q, pos);
            *(q - 1) = incoming;
        } else {
            auto q = std::upper_bound(window.begin(), pos, incoming);
            std::copy_backward(q, pos, pos + 1);
            *q = incoming;
        }
    }
}

// Blocked transpose, so neither side walks memory with a large stride for long.
base::Matrix transposed(const base::Matrix &m)
{
    base::Matrix t(m.cols, m.rows);
    constexpr std::size_t kBlock = 32;
    for (std::size_t r0 = 0; r0 < m.rows; r0 += kBlock)
        for (std::size_t c0 = 0; c0 < m.cols; c0 += kBlock)
            for (std::size_t r = r0; r < std::min(m.rows, r0 + kBlock); ++r)
                for (std::size_t c = c0; c < std::min(m.cols, c0 + kBlock); ++c)
                    t.data[c * m.rows + r] = m.data[r * m.cols + c];
    return t;
}

} // namespace

base::Result<base::Matrix> medianFilter(const base::Matrix &m, int size, MedianAxis axis)
{
    if (size < 1)
        return base::makeError(base::ErrorCode::InvalidArgument,
                               "median filter size must be >= 1, got " + std::to_string(size));
    if (m.empty())
        return base::Matrix(m.rows, m.cols);
    std::vector<float> padded, window;
    // Along frequency the lines are columns: filter the rows of the transpose (contiguous memory).
    const base::Matrix src = axis == MedianAxis::Time ? base::Matrix() : transposed(m);
    const base::Matrix &lines = axis == MedianAxis::Time ? m : src;
    base::Matrix filtered(lines.rows, lines.cols);
    for (std::size_t r = 0; r < lines.rows; ++r) {
        const float *in = lines.row(r);
        float *dst = filtered.row(r);
        filterLine(
            lines.cols, size, [in](std::size_t i) { return in[i]; }, [dst](std::size_t i, float v) { dst[i] = v; },
            padded, window);
    }
    if (axis == MedianAxis::Time)
        return filtered;
    return transposed(filtered);
}

base::Result<HpssMasks> hpssMasks(const base::Matrix &magnitude, int kernel, double power, double margin)
{
    if (kernel < 1)
        return base::makeError(base::ErrorCode::InvalidArgument, "HPSS kernel must be >= 1");
    if (!(power > 0) || !std::isfinite(power))
        return base::makeError(base::ErrorCode::InvalidArgument, "HPSS mask power must be finite and > 0");
    if (!(margin >= 1) || !std::isfinite(margin))
        return base::makeError(base::ErrorCode::InvalidArgument, "HPSS margin must be finite and >= 1");

    auto harm = medianFilter(magnitude, kernel, MedianAxis::Time);
    GS_TRY(harm);
    auto perc = medianFilter(magnitude, kernel, MedianAxis::Frequency);
    GS_TRY(perc);
    const base::Matrix &h = harm.value();
    const base::Matrix &p = perc.value();

    const bool splitZeros = margin == 1.0;
    const double tiny = std::numeric_limits<float>::min();
    HpssMasks masks{base::Matrix(magnitude.rows, magnitude.cols), base::Matrix(magnitude.rows, magnitude.cols)};
    // librosa.util.softmask(X, X_ref, power, split_zeros): scaled by Z = max(X, X_ref) for stability.
    auto softmask = [&](double x, double ref) -> float {
        const double z = std::max(x, ref);
        if (z < tiny)
            return splitZeros ? 0.5f : 0.0f;
        const double a = power == 2.0 ? (x / z) * (x / z) : std::pow(x / z, power);
        const double b = power == 2.0 ? (ref / z) * (ref / z) : std::pow(ref / z, power);
        return static_cast<float>(a / (a + b));
    };
    for (std::size_t i = 0; i < h.data.size(); ++i) {
        const double hv = h.data[i];
        const double pv = p.data[i];
        masks.harmonic.data[i] = softmask(hv, pv * margin);
        masks.percussive.data[i] = softmask(pv, hv * margin);
    }
    return masks;
}

} // namespace genrescope::dsp
