#include "dsp/dct.h"

#include <cmath>
#include <numbers>

namespace genrescope::dsp {

base::Matrix dctOrthoMatrix(int nOut, int nIn)
{
    if (nOut <= 0 || nIn <= 0)
        return {};
    base::Matrix d(static_cast<std::size_t>(nOut), static_cast<std::size_t>(nIn));
    const double s0 = std::sqrt(1.0 / nIn), s = std::sqrt(2.0 / nIn);
    for (int k = 0; k < nOut; ++k)
        for (int n = 0; n < nIn; ++n)
            d(std::size_t(k), std::size_t(n)) =
                float((k == 0 ? s0 : s) * std::cos(std::numbers::pi * k * (2.0 * n + 1.0) / (2.0 * nIn)));
    return d;
}

} // namespace genrescope::dsp
