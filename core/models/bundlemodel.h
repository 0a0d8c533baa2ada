#pragma once

#include "models/bundle.h"
#include "models/loadedmodel.h"

#include <memory>

namespace genrescope::models {

/** A native Genrescope bundle (bundle.h) behind the LoadedModel interface. Single-threaded. */
class BundleModel final : public LoadedModel
{
public:
    /**
     * Wrap a loaded bundle; the feature recipe and input shapes come from the registry
     * (findModelSpec / inputShapeFor). Mismatch when the architecture is unknown to the registry or the
     * normalisation does not fit the input shape.
     */
    static base::Result<std::unique_ptr<BundleModel>> fromBundle(ModelBundle bundle);

    /** Wrap a bundle whose shapes the caller knows (e.g. a network built by a custom ModelFactory). */
    BundleModel(ModelBundle bundle, std::string featureRecipe, std::vector<std::int64_t> inputShape,
                std::vector<std::int64_t> auxInputShape = {});

    const ModelBundle &bundle() const { return m_bundle; }

    std::string kind() const override { return "bundle"; }
    std::string name() const override { return m_bundle.architecture; }
    const std::vector<std::string> &labels() const override { return m_bundle.labels; }
    std::string featureRecipe() const override { return m_recipe; }
    QJsonObject featureConfig() const override { return m_bundle.featureConfig; }
    QJsonObject auxFeatureConfig() const override { return m_bundle.auxFeatureConfig; }
    std::vector<std::int64_t> inputShape() const override { return m_inputShape; }
    std::vector<std::int64_t> auxInputShape() const override { return m_auxInputShape; }
    std::int64_t parameterCount() const override;
    QJsonObject card() const override;
    c10::Device device() const override { return m_device; }
    base::Status setDevice(const c10::Device &device) override;
    using LoadedModel::predictProbabilities;
    base::Result<at::Tensor> predictProbabilities(const at::Tensor &batch, const at::Tensor &aux) override;

    /**
     * Whether predictProbabilities() runs the inference-only fused network (fusedbroadcast.h: BatchNorm
     * folded, channels-last, no concatenation copies) that was made when the model was wrapped. True when
     * the architecture is covered, the model is on the CPU and the fused path was not switched off.
     */
    bool fusedInference() const;
    /** Switch the fused path off (e.g. to compare against the plain module) or back on. */
    void setFusedInference(bool enabled) { m_fusedEnabled = enabled; }

private:
    ModelBundle m_bundle;
    std::string m_recipe;
    std::vector<std::int64_t> m_inputShape;
    std::vector<std::int64_t> m_auxInputShape;
    c10::Device m_device = c10::Device(c10::DeviceType::CPU);
    GenreNet m_fused;           // fuseForInference(m_bundle.net), or null when not covered
    bool m_fusedEnabled = true;
};

} // namespace genrescope::models
