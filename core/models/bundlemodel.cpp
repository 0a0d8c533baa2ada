#include "bundlemodel.h"

#include "models/fusedbroadcast.h"
#include "models/genrenet.h"
#include "models/registry.h"

#include <c10/core/InferenceMode.h>

#include <torch/torch.h>

namespace genrescope::models {

using base::ErrorCode;
using base::makeError;

base::Result<std::unique_ptr<BundleModel>> BundleModel::fromBundle(ModelBundle bundle)
{
    try {
        const ModelSpec *spec = findModelSpec(bundle.architecture);
        if (!spec)
            return makeError(ErrorCode::Mismatch, "unknown architecture '" + bundle.architecture + "'");
        auto shape = inputShapeFor(bundle.architecture, bundle.config);
        if (!shape)
            return shape.error();
        std::vector<std::int64_t> auxShape;
        if (spec->auxSize > 0)
            auxShape = {spec->auxSize};
        GS_TRY(bundle.normalization.checkShape(*shape));
        GS_TRY(bundle.auxNormalization.checkShape(auxShape));
        return std::make_unique<BundleModel>(std::move(bundle), spec->recipe, std::move(*shape), std::move(auxShape));
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Internal, std::string("wrapping the bundle: ") + e.what());
    }
}

BundleModel::BundleModel(ModelBundle bundle, std::string featureRecipe, std::vector<std::int64_t> inputShape,
                         std::vector<std::int64_t> auxInputShape)
    : m_bundle(std::move(bundle)),
      m_recipe(std::move(featureRecipe)),
      m_inputShape(std::move(inputShape)),
      m_auxInputShape(std::move(auxInputShape))
{
    if (m_bundle.net) {
        m_bundle.net->eval();
        m_device = m_bundle.net->parameters().empty() ? c10::Device(c10::DeviceType::CPU)
                                                      : m_bundle.net->parameters().front().device();
        // Inference-only transform made once at load time; a network it does not cover (or a failure)
        // simply keeps the plain module.
        base::Result<GenreNet> fused = fuseForInference(m_bundle.net);
        if (fused.ok())
            m_fused = fused.value();
    }
}

bool BundleModel::fusedInference() const
{
    return m_fused && m_fusedEnabled && m_device.is_cpu();
}

std::int64_t BundleModel::parameterCount() const
{
    return m_bundle.net ? countParameters(*m_bundle.net) : 0;
}

QJsonObject BundleModel::card() const
{
    QJsonObject c = m_bundle.card;
    c.insert("architecture", QString::fromStdString(m_bundle.architecture));
    c.insert("config", m_bundle.config);
    c.insert("provenance", m_bundle.provenance);
    c.insert("evaluation", m_bundle.evaluation);
    c.insert("history", m_bundle.history);
    return c;
}

base::Status BundleModel::setDevice(const c10::Device &device)
{
    try {
        if (!m_bundle.net)
            return makeError(ErrorCode::InvalidArgument, "the bundle has no network");
        m_bundle.net->to(device);
        m_device = device;
        return {};
    } catch (const c10::Error &e) {
        return makeError(ErrorCode::Unavailable, std::string("moving the model: ") + e.what_without_backtrace());
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Internal, std::string("moving the model: ") + e.what());
    }
}

base::Result<at::Tensor> BundleModel::predictProbabilities(const at::Tensor &batch, const at::Tensor &aux)
{
    try {
        if (!m_bundle.net)
            return makeError(ErrorCode::InvalidArgument, "the bundle has no network");
        GS_TRY(detail::checkBatch(batch, m_inputShape, "the input batch"));
        c10::InferenceMode guard;
        torch::Tensor auxIn;
        if (!m_auxInputShape.empty()) {
            GS_TRY(detail::checkBatch(aux, m_auxInputShape, "the second input"));
            if (aux.size(0) != batch.size(0))
                return makeError(ErrorCode::Mismatch, "the two inputs have different batch sizes");
            auxIn = m_bundle.auxNormalization.apply(aux.to(m_device, torch::kFloat32));
        } else if (aux.defined()) {
            return makeError(ErrorCode::Mismatch, "a single-input model was given a second input");
        }
        const torch::Tensor x = m_bundle.normalization.apply(batch.to(m_device, torch::kFloat32));
        GenreNetImpl &net = fusedInference() ? *m_fused : *m_bundle.net;
        const torch::Tensor logits = net.forward(x, auxIn);
        GS_TRY(detail::checkOutput(logits, batch.size(0), m_bundle.labels.size()));
        return torch::softmax(logits, 1).to(torch::kCPU);
    } catch (const c10::Error &e) {
        return makeError(ErrorCode::Internal, std::string("running the model: ") + e.what_without_backtrace());
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Internal, std::string("running the model: ") + e.what());
    }
}

} // namespace genrescope::models
