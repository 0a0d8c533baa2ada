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

private:
    ModelBundle m_bundle;
    std::string m_recipe;
    std::vector<std::int64_t> m_inputShape;
    std::vector<std::int64_t> m_auxInputShape;
    c10::Device m_device = c10::Device(c10::DeviceType::CPU);
};

} // namespace genrescope::models
