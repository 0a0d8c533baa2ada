#pragma once

#include <torch/torch.h>

#include <cstdint>

namespace genrescope::models {

/**
 * The common interface of every genre network. forward() returns logits of shape [batch, classes]
 * (softmax is applied by callers). `x` is the main input in the model's own layout (e.g. [B,1,646,128]
 * for BBNN); `aux` is the optional second input (MLFI's [B,55] statistics), an undefined tensor for
 * single-input models. Not thread-safe: one module is used by one thread at a time.
 */
class GenreNetImpl : public torch::nn::Module
{
public:
    ~GenreNetImpl() override = default;
    virtual torch::Tensor forward(const torch::Tensor &x, const torch::Tensor &aux = {}) = 0;
};

using GenreNet = std::shared_ptr<GenreNetImpl>;

/** Trainable parameters (requires_grad) of a module, as MODELS.md counts them. */
inline std::int64_t countParameters(const torch::nn::Module &m)
{
    std::int64_t n = 0;
    for (const auto &p : m.parameters())
        if (p.requires_grad())
            n += p.numel();
    return n;
}

} // namespace genrescope::models
