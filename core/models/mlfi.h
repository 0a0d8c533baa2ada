#pragma once

#include "genrenet.h"

namespace genrescope::models {

enum class MlfiMode {
    Benchmark, ///< VFE (CNN + GRU) and AFE (MLP) meet only at the final concatenation
    Audio,     ///< one-way, vision -> audio: a VFE vector joins the AFE after layer D[audioPath]
    Vision,    ///< one-way, audio -> vision: an AFE layer is appended to the GRU's input sequence
    TwoWay,    ///< both: D[k] feeds the GRU and the VFE vector joins D[k]'s output (pairs 1-e, 2-d, 3-c, 4-b)
};
enum class MlfiSubmode {
    A, ///< the 128-d convolutional vector joins the AFE
    B, ///< the 64-d GRU state joins the AFE
};

struct MlfiConfig
{
    MlfiMode mode = MlfiMode::Benchmark;
    MlfiSubmode submode = MlfiSubmode::B;
    int audioPath = 1;     ///< 1..4: after D1 (1024), D2 (512), D3 (256) or D4 (128)
    char visionPath = 'c'; ///< 'a'..'e': D5 (64), D4, D3, D2, D1 (1024) appended as n/16 steps of 16
};

/**
 * MLFI (Liu, Wang & Zha 2021) as reconstructed in MODELS.md §5 [recon]: visual feature extractor on a 3-s
 * log-mel segment [B, 1, 128, 130] (recipe F3) plus an audio feature MLP on the 55 statistics [B, 55] (aux,
 * recipe stats55). Keras BN parity and glorot init. forward() requires `aux`.
 */
class MlfiNetImpl : public GenreNetImpl
{
public:
    MlfiNetImpl(const MlfiConfig &config, int numClasses);
    torch::Tensor forward(const torch::Tensor &x, const torch::Tensor &aux = {}) override;

    /** The AFE layer index (1..5) whose output goes to the GRU, 0 when none does. */
    int visionLayer() const { return m_visionLayer; }
    /** The AFE layer index (1..4) after which the VFE vector joins, 0 when none does. */
    int audioLayer() const { return m_audioLayer; }

private:
    MlfiConfig m_config;
    int m_visionLayer = 0;
    int m_audioLayer = 0;
    torch::nn::ModuleList m_convs, m_bns;
    torch::nn::GRU m_gru1{nullptr}, m_gru2{nullptr};
    torch::nn::ModuleList m_afe;
    torch::nn::Linear m_head{nullptr};
};

} // namespace genrescope::models
