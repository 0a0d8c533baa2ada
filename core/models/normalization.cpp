#include "normalization.h"

#include <QJsonArray>

#include <torch/torch.h>

#include <cmath>

namespace genrescope::models {

using base::ErrorCode;
using base::makeError;

namespace {

QJsonArray toArray(const std::vector<float> &v)
{
    QJsonArray a;
    for (float x : v)
        a.append(double(x));
    return a;
}

base::Result<std::vector<float>> floatArray(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isArray())
        return makeError(ErrorCode::BadFormat, std::string("normalization: '") + key + "' must be an array of numbers");
    std::vector<float> out;
    for (const QJsonValue &x : v.toArray()) {
        if (!x.isDouble())
            return makeError(ErrorCode::BadFormat, std::string("normalization: '") + key + "' holds a non-number");
        out.push_back(float(x.toDouble()));
    }
    return out;
}

} // namespace

QJsonValue Normalization::toJson() const
{
    if (isIdentity())
        return QJsonValue(QJsonValue::Null);
    QJsonObject o;
    o.insert("axis", axis);
    o.insert("axisName", QString::fromStdString(axisName));
    o.insert("mean", toArray(mean));
    o.insert("std", toArray(std));
    return o;
}

base::Result<Normalization> Normalization::fromJson(const QJsonValue &json)
{
    Normalization n;
    if (json.isNull() || json.isUndefined())
        return n;
    if (!json.isObject())
        return makeError(ErrorCode::BadFormat, "normalization must be an object or null");
    const QJsonObject o = json.toObject();
    const QJsonValue axis = o.value("axis");
    if (!axis.isUndefined()) {
        if (!axis.isDouble() || axis.toDouble() != std::floor(axis.toDouble()))
            return makeError(ErrorCode::BadFormat, "normalization: 'axis' must be an integer");
        n.axis = axis.toInt();
    }
    const QJsonValue name = o.value("axisName");
    if (!name.isUndefined() && !name.isString())
        return makeError(ErrorCode::BadFormat, "normalization: 'axisName' must be a string");
    n.axisName = name.toString().toStdString();
    auto mean = floatArray(o, "mean");
    if (!mean)
        return mean.error();
    auto sd = floatArray(o, "std");
    if (!sd)
        return sd.error();
    n.mean = std::move(*mean);
    n.std = std::move(*sd);
    if (n.mean.size() != n.std.size())
        return makeError(ErrorCode::BadFormat, "normalization: 'mean' has " + std::to_string(n.mean.size())
                                                   + " values but 'std' has " + std::to_string(n.std.size()));
    if (n.mean.empty())
        return makeError(ErrorCode::BadFormat, "normalization: 'mean' and 'std' are empty (use null for none)");
    for (std::size_t i = 0; i < n.mean.size(); ++i) {
        if (!std::isfinite(n.mean[i]) || !std::isfinite(n.std[i]) || !(n.std[i] > 0.0f))
            return makeError(ErrorCode::InvalidArgument,
                             "normalization: value " + std::to_string(i) + " needs a finite mean and std > 0");
    }
    return n;
}

base::Status Normalization::checkShape(const std::vector<std::int64_t> &exampleShape) const
{
    if (isIdentity())
        return {};
    const int rank = int(exampleShape.size());
    const int a = axis < 0 ? rank + axis : axis;
    if (a < 0 || a >= rank)
        return makeError(ErrorCode::Mismatch, "normalization axis " + std::to_string(axis)
                                                  + " is outside an input of rank " + std::to_string(rank));
    const auto n = std::int64_t(mean.size());
    if (n != 1 && n != exampleShape[std::size_t(a)])
        return makeError(ErrorCode::Mismatch, "normalization has " + std::to_string(n) + " values but input axis "
                                                  + std::to_string(a) + " has size "
                                                  + std::to_string(exampleShape[std::size_t(a)]));
    return {};
}

at::Tensor Normalization::apply(const at::Tensor &batch) const
{
    if (isIdentity())
        return batch;
    const auto rank = batch.dim();
    const auto a = (axis < 0 ? rank + axis : axis + 1);
    std::vector<std::int64_t> shape(std::size_t(rank), 1);
    if (mean.size() > 1)
        shape[std::size_t(a)] = std::int64_t(mean.size());
    const auto opts = torch::TensorOptions().dtype(torch::kFloat32);
    auto m = torch::from_blob(const_cast<float *>(mean.data()), {std::int64_t(mean.size())}, opts)
                 .to(batch.device(), batch.scalar_type())
                 .reshape(shape);
    auto s = torch::from_blob(const_cast<float *>(std.data()), {std::int64_t(std.size())}, opts)
                 .to(batch.device(), batch.scalar_type())
                 .reshape(shape);
    return (batch - m) / s;
}

} // namespace genrescope::models
