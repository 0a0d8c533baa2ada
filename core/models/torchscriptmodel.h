#pragma once

#include "base/result.h"
#include "models/loadedmodel.h"
#include "models/normalization.h"

#include <QJsonObject>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace genrescope::models {

/**
 * The JSON sidecar that makes a TorchScript module usable: which features it reads, its labels, its
 * input layout, whether it outputs logits or probabilities and its input normalisation. Format
 * (docs/torchscript-sidecar.md):
 *
 *   { "format": "genrescope-torchscript-sidecar", "formatVersion": 1, "name": "example-cnn",
 *     "features": "<recipe name>" | { FeatureConfig JSON },
 *     "labels": ["blues", ...], "inputShape": [1, 96, 64], "output": "logits" | "probabilities",
 *     "normalization": {"axis": 1, "mean": [...], "std": [...]} (optional),
 *     "auxFeatures", "auxInputShape", "auxNormalization" (optional, two-input modules),
 *     "card": { "title": ..., "notes": ..., "licence": ... } (optional) }
 */
struct TorchScriptSidecar
{
    enum class Output { Logits, Probabilities };

    std::string name;
    std::string featureRecipe;        ///< set when "features" is a recipe name (features/recipes.h)
    QJsonObject featureConfig;        ///< always set: the recipe's FeatureConfig or the given one, canonical JSON
    std::string auxFeatureRecipe;
    QJsonObject auxFeatureConfig;
    std::vector<std::string> labels;
    std::vector<std::int64_t> inputShape;      ///< per example, batch dimension excluded
    std::vector<std::int64_t> auxInputShape;   ///< empty for single-input modules
    Output output = Output::Logits;
    Normalization normalization;
    Normalization auxNormalization;
    QJsonObject card;

    /**
     * Validate and read a sidecar. BadFormat naming the key for a missing key, a wrong type, an unknown
     * key (a typo such as "normalisation" must not silently drop the statistics), an empty or duplicate
     * label, a non-positive dimension; VersionTooNew for a newer "formatVersion"; Mismatch when a
     * normalisation does not fit the input shape.
     */
    static base::Result<TorchScriptSidecar> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
};

/** The sidecar of a module: "<model>.pt.json" if it exists, else "<model>.json" (same stem), else nullopt. */
std::optional<std::filesystem::path> findSidecar(const std::filesystem::path &modulePath);

/** Read and validate a sidecar file (BadFormat for invalid JSON, plus TorchScriptSidecar::fromJson's errors). */
base::Result<TorchScriptSidecar> readSidecar(const std::filesystem::path &sidecarPath);

/**
 * A TorchScript module exported from PyTorch (torch.jit.trace or torch.jit.script) plus its sidecar,
 * behind the LoadedModel interface. forward(x) (or forward(x, aux)) must return a [B, labels] tensor of
 * logits or probabilities as the sidecar says. Single-threaded like every LoadedModel.
 */
class TorchScriptModel final : public LoadedModel
{
public:
    /**
     * Load the module (torch::jit::load, CPU) and its sidecar (findSidecar() when sidecarPath is empty),
     * then run one zero batch to check that the output is [1, labels.size()]. FileNotFound when the
     * module or sidecar is absent, BadFormat when libtorch cannot read the module, Mismatch when the
     * module rejects the declared input shape or its output size differs from the label count.
     */
    static base::Result<std::unique_ptr<TorchScriptModel>> load(const std::filesystem::path &modulePath,
                                                                  const std::filesystem::path &sidecarPath = {});
    ~TorchScriptModel() override;

    const TorchScriptSidecar &sidecar() const;

    std::string kind() const override { return "torchscript"; }
    std::string name() const override;
    const std::vector<std::string> &labels() const override;
    std::string featureRecipe() const override;
    QJsonObject featureConfig() const override;
    QJsonObject auxFeatureConfig() const override;
    std::vector<std::int64_t> inputShape() const override;
    std::vector<std::int64_t> auxInputShape() const override;
    std::int64_t parameterCount() const override;
    QJsonObject card() const override;
    c10::Device device() const override;
    base::Status setDevice(const c10::Device &device) override;
    using LoadedModel::predictProbabilities;
    base::Result<at::Tensor> predictProbabilities(const at::Tensor &batch, const at::Tensor &aux) override;

private:
    struct Impl;
    explicit TorchScriptModel(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace genrescope::models
