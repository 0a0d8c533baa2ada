#include "mlp.h"

#include "init.h"

namespace genrescope::models {

namespace nn = torch::nn;

MlpNetImpl::MlpNetImpl(const MlpConfig &config, std::int64_t inputSize, int numClasses)
    : m_config(config), m_inputSize(inputSize)
{
    auto body = nn::Sequential();
    std::int64_t in = inputSize;
    for (auto width : config.hidden) {
        TORCH_CHECK(width > 0, "MLP hidden widths must be positive");
        body->push_back(nn::Linear(in, width));
        if (config.batchNorm)
            body->push_back(nn::BatchNorm1d(width));
        body->push_back(nn::ReLU());
        if (config.dropout > 0)
            body->push_back(nn::Dropout(config.dropout));
        in = width;
    }
    body->push_back(nn::Linear(in, numClasses));
    m_body = register_module("body", body);
    initKernels(*this, InitScheme::GlorotUniform);
}

torch::Tensor MlpNetImpl::forward(const torch::Tensor &x, const torch::Tensor &)
{
    TORCH_CHECK(x.dim() == 2 && x.size(1) == m_inputSize, "MLP: expected input [B, ", m_inputSize, "], got ",
                x.sizes());
    return m_body->forward(x);
}

} // namespace genrescope::models
