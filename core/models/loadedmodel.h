#pragma once

#include "base/result.h"

#include <QJsonObject>
#include <c10/core/Device.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace at {
class Tensor;
}

namespace genrescope::models {

/**
 * A model ready for inference, whatever file it came from: a native Genrescope bundle (BundleModel,
 * bundlemodel.h) or a TorchScript module with its JSON sidecar (TorchScriptModel, torchscriptmodel.h).
 * Inference code depends on this interface only.
 *
 * Input contract: predictProbabilities() takes features exactly as featureConfig() / featureRecipe()
 * produce them, batch first, each example of shape inputShape() (e.g. [B, 1, 646, 128]), NOT yet
 * standardised: the model applies its own stored normalisation. Two-input models (MLFI) also take
 * `aux` of shape [B, auxInputShape()...]; single-input models ignore an undefined aux and reject a
 * defined one. The result is a CPU float tensor [B, labels().size()] whose rows sum to 1.
 *
 * Thread-safety: the const accessors may be called from any thread; predictProbabilities() and
 * setDevice() must be called by one thread at a time (a loaded module is single-threaded). Runs under
 * c10::InferenceMode. Failures (wrong shape -> Mismatch, libtorch errors -> Internal) are values.
 */
class LoadedModel
{
public:
    virtual ~LoadedModel() = default;

    /** "bundle" or "torchscript". */
    virtual std::string kind() const = 0;
    /** Architecture name (bundle) or the sidecar's "name" (TorchScript). */
    virtual std::string name() const = 0;
    /** Output class names, in output order. */
    virtual const std::vector<std::string> &labels() const = 0;
    /** Feature recipe name the model reads (registry recipe / sidecar "features" string); may be empty. */
    virtual std::string featureRecipe() const = 0;
    /** Full FeatureConfig JSON (features/featureconfig.h); empty when only a recipe name is known. */
    virtual QJsonObject featureConfig() const = 0;
    /** FeatureConfig JSON of the second input of two-input models; empty otherwise. */
    virtual QJsonObject auxFeatureConfig() const { return {}; }
    /** Shape of one example of the main input, without the batch dimension. */
    virtual std::vector<std::int64_t> inputShape() const = 0;
    /** Shape of one example of the second input; empty for single-input models. */
    virtual std::vector<std::int64_t> auxInputShape() const { return {}; }
    /** Number of trainable parameter values. */
    virtual std::int64_t parameterCount() const = 0;
    /**
     * What a person wants to know about the model: free-form card fields (title, notes, licence) plus,
     * for bundles, provenance, evaluation and history under "provenance", "evaluation", "history".
     */
    virtual QJsonObject card() const = 0;

    /** Where the model runs; CPU after loading. */
    virtual c10::Device device() const = 0;
    /** Move the model to a device (see device.h); Unavailable or Internal on failure. */
    virtual base::Status setDevice(const c10::Device &device) = 0;

    /** Class probabilities for a batch; see the input contract above. */
    virtual base::Result<at::Tensor> predictProbabilities(const at::Tensor &batch, const at::Tensor &aux) = 0;
    base::Result<at::Tensor> predictProbabilities(const at::Tensor &batch);
};

/**
 * Open any model file: a Genrescope bundle (recognised by its magic) or a TorchScript module (a zip
 * archive, with its sidecar beside it). BadFormat when the file is neither; see loadBundle() and
 * loadTorchScriptModel() for the other errors.
 */
base::Result<std::unique_ptr<LoadedModel>> loadModel(const std::filesystem::path &path);

namespace detail {
/** Mismatch unless `batch` is a defined [B, exampleShape...] tensor with B >= 1 (`what` names the input). */
base::Status checkBatch(const at::Tensor &batch, const std::vector<std::int64_t> &exampleShape, const char *what);
/** Mismatch unless `out` is a [batch, classes] tensor. */
base::Status checkOutput(const at::Tensor &out, std::int64_t batch, std::size_t classes);
} // namespace detail

} // namespace genrescope::models
