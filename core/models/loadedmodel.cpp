#include "loadedmodel.h"

#include "base/atomicfile.h"
#include "models/bundle.h"
#include "models/bundlemodel.h"
#include "models/torchscriptmodel.h"

#include <torch/torch.h>

#include <fstream>

namespace genrescope::models {

using base::ErrorCode;
using base::makeError;

namespace {

std::string shapeText(at::IntArrayRef s)
{
    std::string t = "[";
    for (std::size_t i = 0; i < s.size(); ++i)
        t += (i ? ", " : "") + std::to_string(s[i]);
    return t + "]";
}

} // namespace

base::Result<at::Tensor> LoadedModel::predictProbabilities(const at::Tensor &batch)
{
    return predictProbabilities(batch, at::Tensor());
}

base::Status detail::checkBatch(const at::Tensor &batch, const std::vector<std::int64_t> &exampleShape,
                                const char *what)
{
    if (!batch.defined())
        return makeError(ErrorCode::Mismatch, std::string(what) + " is missing");
    std::vector<std::int64_t> want{-1};
    want.insert(want.end(), exampleShape.begin(), exampleShape.end());
    bool ok = batch.dim() == std::int64_t(want.size()) && batch.size(0) >= 1;
    for (std::size_t i = 1; ok && i < want.size(); ++i)
        ok = batch.size(std::int64_t(i)) == want[i];
    if (!ok)
        return makeError(ErrorCode::Mismatch, std::string(what) + " has shape " + shapeText(batch.sizes())
                                                  + " but the model expects [B" + (exampleShape.empty() ? "" : ", ")
                                                  + shapeText(exampleShape).substr(1));
    if (!batch.is_floating_point())
        return makeError(ErrorCode::Mismatch, std::string(what) + " is not a floating-point tensor");
    return {};
}

base::Status detail::checkOutput(const at::Tensor &out, std::int64_t batch, std::size_t classes)
{
    if (!out.defined() || out.dim() != 2 || out.size(0) != batch || out.size(1) != std::int64_t(classes))
        return makeError(ErrorCode::Mismatch, "the model's output has shape "
                                                  + (out.defined() ? shapeText(out.sizes()) : std::string("(none)"))
                                                  + " but [" + std::to_string(batch) + ", " + std::to_string(classes)
                                                  + "] was expected (one column per label)");
    return {};
}

base::Result<std::unique_ptr<LoadedModel>> loadModel(const std::filesystem::path &path)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return makeError(ErrorCode::IsDirectory, path.string());
    std::string head(8, '\0');
    {
        std::ifstream in(path, std::ios::binary);
        if (!in)
            return makeError(std::filesystem::exists(path, ec) ? ErrorCode::PermissionDenied : ErrorCode::FileNotFound,
                             path.string());
        in.read(head.data(), std::streamsize(head.size()));
        head.resize(std::size_t(in.gcount()));
    }
    if (looksLikeBundle(head)) {
        auto bundle = loadBundle(path);
        if (!bundle)
            return bundle.error();
        auto model = BundleModel::fromBundle(std::move(*bundle));
        if (!model)
            return model.error();
        return std::unique_ptr<LoadedModel>(std::move(*model));
    }
    if (head.size() >= 4 && head.compare(0, 4, "PK\x03\x04", 4) == 0) {
        auto model = TorchScriptModel::load(path);
        if (!model)
            return model.error();
        return std::unique_ptr<LoadedModel>(std::move(*model));
    }
    if (head.empty())
        return makeError(ErrorCode::BadFormat, path.string() + ": empty file, not a model");
    return makeError(ErrorCode::BadFormat,
                     path.string() + ": neither a Genrescope model bundle nor a TorchScript module");
}

} // namespace genrescope::models
