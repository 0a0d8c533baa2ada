#pragma once

#include "genrenet.h"

#include <vector>

namespace genrescope::models {

struct MlpConfig
{
    std::vector<std::int64_t> hidden{256, 128}; ///< widths of the hidden layers
    bool batchNorm = true;                      ///< BatchNorm1d after each hidden Linear (before the activation)
    double dropout = 0.3;                       ///< after each hidden activation; 0 disables
};

/**
 * A plain MLP over the 57-value statistics vector (recipe stats57, z-scored by the caller):
 * 57 -> 256 -> 128 -> classes by default, each hidden layer Linear [-> BN] -> ReLU [-> Dropout]. Glorot init.
 */
class MlpNetImpl : public GenreNetImpl
{
public:
    MlpNetImpl(const MlpConfig &config, std::int64_t inputSize, int numClasses);
    torch::Tensor forward(const torch::Tensor &x, const torch::Tensor &aux = {}) override;

private:
    MlpConfig m_config;
    std::int64_t m_inputSize;
    torch::nn::Sequential m_body{nullptr};
};

} // namespace genrescope::models
