#pragma once

#include "base/result.h"

#include <QJsonObject>
#include <QJsonValue>

#include <cstdint>
#include <string>
#include <vector>

namespace at {
class Tensor;
}

namespace genrescope::models {

/**
 * Input standardisation statistics a model was trained with: x' = (x - mean) / std along one axis
 * of the per-example input (the batch dimension is not counted: axis 2 of a [1, 646, 128] BBNN
 * input is the mel axis, axis 0 of a [55] statistics vector is the feature axis, -1 = last axis).
 * One mean/std value means a single global value. Empty vectors mean "no normalisation".
 *
 * JSON form: {"axis": 2, "axisName": "mel", "mean": [...], "std": [...]}, or null for none.
 */
struct Normalization
{
    int axis = -1;
    std::string axisName;   ///< a human-readable name for the axis ("mel", "feature", "global")
    std::vector<float> mean;
    std::vector<float> std;

    bool isIdentity() const { return mean.empty() && std.empty(); }

    QJsonValue toJson() const;
    /** BadFormat on wrong types or mean/std of different lengths, InvalidArgument on std <= 0 or non-finite. */
    static base::Result<Normalization> fromJson(const QJsonValue &json);

    /**
     * Whether the statistics fit a per-example input shape (no batch dimension): Mismatch when the
     * axis is out of range or the vector length differs from that axis' size (and is not 1).
     */
    base::Status checkShape(const std::vector<std::int64_t> &exampleShape) const;

    /** (batch - mean) / std broadcast along axis + 1 of a [B, ...] batch; the batch itself when identity. */
    at::Tensor apply(const at::Tensor &batch) const;
};

} // namespace genrescope::models
