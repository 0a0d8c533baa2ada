#pragma once

#include "genrenet.h"

namespace genrescope::models {

enum class BcnnVariant {
    Resnet50Densenet201, ///< seed 000's most plausible pairing (kamalesh0406/Audio-Classification)
    Resnet18Densenet121, ///< the lighter torchvision pair
    Small,               ///< CPU variant [recon]: ResNet-10-narrow + DenseNet-BC-narrow, Dropout 0.3
};

/**
 * BCNN (seed 000, MODELS.md §6): a ResNet branch and a DenseNet branch on the same 3-channel multi-resolution
 * log-mel input, each ending in global average pooling, concatenated into one Linear. The torchvision
 * architectures are written here layer for layer (same parameter names and shapes as torchvision's
 * `features`/`layerN` modules) and trained from scratch: no ImageNet weights are available offline. Init as
 * torchvision: Kaiming-normal (fan_out, ReLU) convs, BN weight 1 / bias 0, Linear bias 0.
 * Input [B, 3, 128, 1500] (R50/D201, R18/D121) or [B, 3, 128, 600] (small); the nets accept any size that
 * survives their downsampling (>= 32 for the torchvision pairs).
 */
class BcnnNetImpl : public GenreNetImpl
{
public:
    BcnnNetImpl(BcnnVariant variant, int numClasses);
    torch::Tensor forward(const torch::Tensor &x, const torch::Tensor &aux = {}) override;

private:
    BcnnVariant m_variant;
    std::shared_ptr<torch::nn::Module> m_resnet, m_densenet;
    torch::nn::Dropout m_dropout{nullptr};
    torch::nn::Linear m_fc{nullptr};
};

} // namespace genrescope::models
