#include "dsp/resize.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace genrescope::dsp {

namespace {

/** For each output index: first input index and the weights of its taps. */
struct Taps
{
    std::vector<std::size_t> first;
    std::vector<std::size_t> count;
    std::vector<std::size_t> offset;
    std::vector<double> weights;
};

Taps pilTaps(std::size_t in, std::size_t out)
{
    Taps t;
    const double scale = double(in) / double(out);
    const double filterScale = std::max(scale, 1.0);
    const double support = 1.0 * filterScale; // bilinear (triangle) filter support is 1
    const double ss = 1.0 / filterScale;
    for (std::size_t o = 0; o < out; ++o) {
        const double center = (double(o) + 0.5) * scale;
        // Pillow truncates towards zero here (C cast of a double).
        long long xmin = static_cast<long long>(center - support + 0.5);
        xmin = std::max<long long>(xmin, 0);
        long long xmax = std::min<long long>(static_cast<long long>(center + support + 0.5), static_cast<long long>(in));
        std::vector<double> w;
        double sum = 0;
        for (long long x = xmin; x < xmax; ++x) {
            double a = std::abs((double(x) - center + 0.5) * ss);
            const double v = a < 1.0 ? 1.0 - a : 0.0;
            w.push_back(v);
            sum += v;
        }
        if (sum != 0)
            for (double &v : w)
                v /= sum;
        t.first.push_back(std::size_t(xmin));
        t.count.push_back(w.size());
        t.offset.push_back(t.weights.size());
        t.weights.insert(t.weights.end(), w.begin(), w.end());
    }
    return t;
}

Taps torchTaps(std::size_t in, std::size_t out)
{
    Taps t;
    const double scale = double(in) / double(out);
    for (std::size_t o = 0; o < out; ++o) {
        double src = (double(o) + 0.5) * scale - 0.5;
        if (src < 0)
            src = 0;
        std::size_t i0 = std::min(std::size_t(src), in - 1);
        const std::size_t i1 = std::min(i0 + 1, in - 1);
        const double l1 = src - double(i0);
        t.first.push_back(i0);
        t.offset.push_back(t.weights.size());
        if (i1 == i0) {
            t.count.push_back(1);
            t.weights.push_back(1.0);
        } else {
            t.count.push_back(2);
            t.weights.push_back(1.0 - l1);
            t.weights.push_back(l1);
        }
    }
    return t;
}

Taps taps(std::size_t in, std::size_t out, ResizeMethod method)
{
    return method == ResizeMethod::PilBilinear ? pilTaps(in, out) : torchTaps(in, out);
}

} // namespace

base::Matrix resizeBilinear(const base::Matrix &m, std::size_t outRows, std::size_t outCols, ResizeMethod method)
{
    if (m.empty() || outRows == 0 || outCols == 0)
        return {};
    const bool pil = method == ResizeMethod::PilBilinear;
    // Horizontal pass (columns), then vertical (rows); Pillow skips a pass whose size is unchanged.
    base::Matrix h;
    if (pil && outCols == m.cols) {
        h = m;
    } else {
        const Taps t = taps(m.cols, outCols, method);
        h = base::Matrix(m.rows, outCols);
        for (std::size_t r = 0; r < m.rows; ++r) {
            const float *src = m.row(r);
            float *dst = h.row(r);
            for (std::size_t o = 0; o < outCols; ++o) {
                double acc = 0;
                const double *w = t.weights.data() + t.offset[o];
                for (std::size_t k = 0; k < t.count[o]; ++k)
                    acc += w[k] * src[t.first[o] + k];
                dst[o] = float(acc);
            }
        }
    }
    if (pil && outRows == m.rows)
        return h;
    const Taps t = taps(m.rows, outRows, method);
    base::Matrix v(outRows, outCols);
    std::vector<double> acc(outCols);
    for (std::size_t o = 0; o < outRows; ++o) {
        std::fill(acc.begin(), acc.end(), 0.0);
        const double *w = t.weights.data() + t.offset[o];
        for (std::size_t k = 0; k < t.count[o]; ++k) {
            const float *src = h.row(t.first[o] + k);
            for (std::size_t c = 0; c < outCols; ++c)
                acc[c] += w[k] * src[c];
        }
        float *dst = v.row(o);
        for (std::size_t c = 0; c < outCols; ++c)
            dst[c] = float(acc[c]);
    }
    return v;
}

} // namespace genrescope::dsp
