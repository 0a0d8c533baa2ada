#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace genrescope::features {

/**
 * A dense float tensor in row-major (C) order, batch first: shape[0] is the number of items
 * (segments x pieces), the rest is one model input item ([C, H, W] for CNN recipes, [T, F] for
 * sequence recipes).
 */
struct FeatureTensor
{
    std::vector<std::int64_t> shape;
    std::vector<float> data;

    std::size_t items() const { return shape.empty() ? 0 : std::size_t(shape[0]); }
    /** Values per item (product of shape[1..]). */
    std::size_t itemSize() const
    {
        std::size_t n = 1;
        for (std::size_t i = 1; i < shape.size(); ++i)
            n *= std::size_t(shape[i]);
        return shape.empty() ? 0 : n;
    }
};

} // namespace genrescope::features
