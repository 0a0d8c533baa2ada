#pragma once

#include "genrenet.h"
#include "init.h"

#include <vector>

namespace genrescope::models {

enum class BroadcastBlockType {
    Inception,          ///< BBNN's four-branch inception block (dense connections between blocks)
    InceptionResnetV1,  ///< scaled-down Inception-ResNet-A stem + blocks on 64 channels [recon]
    Xception,           ///< BN-ReLU, depthwise 3x3, pointwise 1x1 to 128, concatenated to the input
};
enum class BroadcastActivation { Relu, Selu };
enum class BroadcastNorm {
    Batch, ///< BatchNorm with Keras parity (momentum 0.01, eps 1e-3)
    Group, ///< GroupNorm with 16 channels per group (eps 1e-3), no running buffers
};
enum class BroadcastPool { Average, Max };
enum class BroadcastTransition {
    Code,   ///< Conv1x1 -> 32, norm, act, MaxPool 2x2; decision norm, act, global pool, Linear
    Figure, ///< Heakl's Our-model.png: norm, Conv1x1 -> 32, AvgPool 2x2; decision norm, global pool, Linear
};

/**
 * One struct for BBNN (Liu et al., MODELS.md §3), every Table III variant of Heakl et al. (§4.2) and Heakl's
 * proposed network (§4.1). Label smoothing belongs to the loss, not the network, and is not here.
 */
struct BroadcastConfig
{
    int nBlocks = 3;            ///< number of dense blocks, 1..5
    bool remove3x3 = false;     ///< inception branch (b) stops after its second norm-act
    bool replace5x5 = false;    ///< inception branch (c) uses a 3x3 instead of the 5x5
    bool factorize = false;     ///< every 3x3 inside the inception blocks becomes 3x1 then 1x3 (no norm between)
    BroadcastPool globalPool = BroadcastPool::Average;
    double dropoutP = 0.0;      ///< dropout before the final Linear
    BroadcastActivation act = BroadcastActivation::Relu;
    BroadcastNorm norm = BroadcastNorm::Batch;
    bool se = false;            ///< squeeze-excitation (global max squeeze, ratio 8) on every block output
    bool lstmBranch = false;    ///< fifth branch: Conv1x1 C->1, LSTM(128 mel -> 32) over time, broadcast on mel
    BroadcastBlockType blockType = BroadcastBlockType::Inception;
    BroadcastTransition transition = BroadcastTransition::Code;
    InitScheme init = InitScheme::GlorotUniform;

    /** BBNN as in Heakl's BBNN notebooks: 3 inception blocks, glorot init. 184,874 parameters. */
    static BroadcastConfig bbnn();
    /** Heakl's proposed network (code version): 4 blocks, 3x3 removed, 5x5 -> 3x3, lecun init. 178,154. */
    static BroadcastConfig heaklProposed();
};

/**
 * The bottom-up broadcast network family. Input [B, 1, T, 128] (H = time frames, W = mel bands, recipe F2,
 * T = 646 by default; any T >= 8 works, the LSTM branch needs exactly 128 mel bands). Output logits [B, n].
 * Construction throws c10::Error on an inconsistent config; the registry validates first.
 */
class BroadcastNetImpl : public GenreNetImpl
{
public:
    BroadcastNetImpl(const BroadcastConfig &config, int numClasses);
    torch::Tensor forward(const torch::Tensor &x, const torch::Tensor &aux = {}) override;

    const BroadcastConfig &config() const { return m_config; }

private:
    BroadcastConfig m_config;
    torch::nn::Sequential m_stem{nullptr};
    std::vector<std::shared_ptr<torch::nn::Module>> m_blocks;
    torch::nn::Sequential m_transition{nullptr};
    torch::nn::Sequential m_decisionNorm{nullptr};
    torch::nn::Linear m_fc{nullptr};
};

TORCH_MODULE(BroadcastNet);

} // namespace genrescope::models
