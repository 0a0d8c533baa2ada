#include "dsp/db.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace genrescope::dsp {

void tenLog10(float *x, std::size_t n, float amin)
{
    for (std::size_t i = 0; i < n; ++i)
        x[i] = 10.0f * std::log10(std::max(amin, x[i]));
}

void powerToDb(float *x, std::size_t n, float ref, float amin, float topDb)
{
    if (n == 0)
        return;
    tenLog10(x, n, amin);
    const float offset = 10.0f * std::log10(std::max(amin, std::abs(ref)));
    if (offset != 0.0f)
        for (std::size_t i = 0; i < n; ++i)
            x[i] -= offset;
    if (topDb > 0) {
        float mx = -std::numeric_limits<float>::infinity();
        for (std::size_t i = 0; i < n; ++i)
            mx = std::max(mx, x[i]);
        const float floorDb = mx - topDb;
        for (std::size_t i = 0; i < n; ++i)
            x[i] = std::max(x[i], floorDb);
    }
}

void powerToDb(base::Matrix &m, float ref, float amin, float topDb)
{
    powerToDb(m.data.data(), m.data.size(), ref, amin, topDb);
}

void amplitudeToDb(base::Matrix &m, float ref, float amin, float topDb)
{
    for (float &v : m.data)
        v = v * v;
    powerToDb(m, ref * ref, amin * amin, topDb);
}

} // namespace genrescope::dsp
