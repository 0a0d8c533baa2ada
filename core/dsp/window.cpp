#include "dsp/window.h"

#include <cmath>
#include <numbers>

namespace genrescope::dsp {

std::vector<float> makeWindow(WindowType type, int length, bool periodic)
{
    if (length <= 0)
        return {};
    std::vector<float> w(static_cast<std::size_t>(length), 1.0f);
    if (length == 1 || type == WindowType::Rectangular)
        return w;
    const double denom = periodic ? double(length) : double(length - 1);
    const double a0 = type == WindowType::Hann ? 0.5 : 0.54;
    const double a1 = 1.0 - a0;
    for (int i = 0; i < length; ++i)
        w[std::size_t(i)] = float(a0 - a1 * std::cos(2.0 * std::numbers::pi * double(i) / denom));
    return w;
}

} // namespace genrescope::dsp
