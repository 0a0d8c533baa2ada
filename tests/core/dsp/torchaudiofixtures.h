#pragma once

#include "base/matrix.h"
#include "features/npy.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <string>

namespace genrescope::test {

/** A float32 array written by tools/make_torchaudio_refs.py, as a Matrix (1-D arrays: 1 x n;
 *  3-D arrays: shape[0] * shape[1] rows). Fails the current test when the file is missing. */
inline base::Matrix torchaudioFixture(const std::string &name)
{
    const auto t = features::readNpy(std::string(GS_TORCHAUDIO_FIXTURES) + "/" + name + ".npy");
    if (!t.ok()) {
        QTest::qFail(("cannot read fixture " + name + ": " + t.error().toString()).c_str(), __FILE__, __LINE__);
        return {};
    }
    base::Matrix m;
    const auto &s = t->shape;
    m.cols = s.empty() ? 0 : std::size_t(s.back());
    m.rows = m.cols == 0 ? 0 : t->data.size() / m.cols;
    m.data = t->data;
    return m;
}

inline float maxAbsDiff(const base::Matrix &a, const base::Matrix &b)
{
    if (a.rows != b.rows || a.cols != b.cols)
        return std::numeric_limits<float>::infinity();
    float d = 0;
    for (std::size_t i = 0; i < a.data.size(); ++i)
        d = std::max(d, std::abs(a.data[i] - b.data[i]));
    return d;
}

} // namespace genrescope::test
