#include "dsp/sparsefilterbank.h"

#include <cassert>

namespace genrescope::dsp {

SparseFilterbank::SparseFilterbank(const base::Matrix &fb) : m_bins(fb.cols)
{
    m_begin.resize(fb.rows);
    m_end.resize(fb.rows);
    m_offset.resize(fb.rows);
    for (std::size_t b = 0; b < fb.rows; ++b) {
        const float *r = fb.row(b);
        std::size_t lo = 0, hi = fb.cols;
        while (lo < fb.cols && r[lo] == 0.0f)
            ++lo;
        while (hi > lo && r[hi - 1] == 0.0f)
            --hi;
        m_begin[b] = lo;
        m_end[b] = hi;
        m_offset[b] = m_weights.size();
        m_weights.insert(m_weights.end(), r + lo, r + hi);
    }
}

void SparseFilterbank::applyFrame(const float *spectrum, float *out, std::size_t outStride) const
{
    for (std::size_t b = 0; b < m_begin.size(); ++b) {
        const float *w = m_weights.data() + m_offset[b];
        const float *s = spectrum + m_begin[b];
        const std::size_t len = m_end[b] - m_begin[b];
        // Eight partial sums, so the loop vectorises without -ffast-math.
        float acc[8] = {};
        std::size_t k = 0;
        for (; k + 8 <= len; k += 8)
            for (std::size_t j = 0; j < 8; ++j)
                acc[j] += w[k + j] * s[k + j];
        float tail = 0.0f;
        for (; k < len; ++k)
            tail += w[k] * s[k];
        out[b * outStride] = ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7])) + tail;
    }
}

base::Matrix SparseFilterbank::apply(const base::Matrix &spec) const
{
    assert(spec.rows == m_bins);
    const std::size_t frames = spec.cols;
    base::Matrix out(m_begin.size(), frames);
    for (std::size_t b = 0; b < m_begin.size(); ++b) {
        float *o = out.row(b);
        const float *w = m_weights.data() + m_offset[b];
        for (std::size_t k = m_begin[b]; k < m_end[b]; ++k) {
            const float wk = w[k - m_begin[b]];
            const float *s = spec.row(k);
            for (std::size_t t = 0; t < frames; ++t)
                o[t] += wk * s[t];
        }
    }
    return out;
}

} // namespace genrescope::dsp
