#pragma once

#include "base/matrix.h"

#include <cstddef>
#include <vector>

namespace genrescope::dsp {

/**
 * A filterbank (bands x bins) stored as one contiguous non-zero span per band, the shape of
 * mel and band-averaging filterbanks (a band's zeros inside its span are kept). Immutable after
 * construction; apply functions are const and thread-safe.
 */
class SparseFilterbank
{
public:
    SparseFilterbank() = default;
    explicit SparseFilterbank(const base::Matrix &fb);

    std::size_t bands() const { return m_begin.size(); }
    std::size_t bins() const { return m_bins; }

    /** out[b * outStride] = sum_k fb(b, k) * spectrum[k] for one frame (spectrum has bins() values). */
    void applyFrame(const float *spectrum, float *out, std::size_t outStride = 1) const;
    /** fb x spec: spec is bins x frames, result bands x frames. */
    base::Matrix apply(const base::Matrix &spec) const;

private:
    std::size_t m_bins = 0;
    std::vector<std::size_t> m_begin;
    std::vector<std::size_t> m_end;
    std::vector<std::size_t> m_offset; ///< into m_weights
    std::vector<float> m_weights;
};

} // namespace genrescope::dsp
