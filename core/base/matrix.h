#pragma once

#include <cassert>
#include <cstddef>
#include <vector>

namespace genrescope::base {

/**
 * A dense row-major float matrix: rows x cols, element (r, c) at data[r * cols + c].
 * The plain container that dsp/ and features/ exchange (spectrograms are bins x frames unless
 * a recipe says otherwise). Not thread-safe for concurrent writes.
 */
struct Matrix
{
    std::size_t rows = 0;
    std::size_t cols = 0;
    std::vector<float> data;

    Matrix() = default;
    Matrix(std::size_t r, std::size_t c, float fill = 0.0f) : rows(r), cols(c), data(r * c, fill) {}

    bool empty() const { return rows == 0 || cols == 0; }
    float &operator()(std::size_t r, std::size_t c)
    {
        assert(r < rows && c < cols);
        return data[r * cols + c];
    }
    float operator()(std::size_t r, std::size_t c) const
    {
        assert(r < rows && c < cols);
        return data[r * cols + c];
    }
    float *row(std::size_t r) { return data.data() + r * cols; }
    const float *row(std::size_t r) const { return data.data() + r * cols; }
};

} // namespace genrescope::base
