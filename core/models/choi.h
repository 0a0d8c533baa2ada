#pragma once

#include "genrenet.h"

#include <array>
#include <vector>

namespace genrescope::models {

/** Which axis Choi's input BatchNorm normalises (MODELS.md §2, §9.1). */
enum class ChoiBnAxis {
    Frequency, ///< one BN feature per mel bin (96): the code at HEAD
    Time,      ///< one BN feature per frame (1366 for the FCN, 1440 for the padded CRNN): the released weights
};

struct ChoiFcnConfig
{
    /** false: code at HEAD (64,128,128,128,64, no dropout); true: the 2016 weight-file variant
     *  (32,128,128,192,256, Dropout 0.5 after every pool). */
    bool weightFileVariant = false;
    ChoiBnAxis inputBnAxis = ChoiBnAxis::Frequency;
};

/**
 * Choi et al.'s fully convolutional tagger ("MusicTaggerCNN") with a 10-way head (seed 001).
 * Input [B, 1, 96 mel, 1366 frames] from recipe F1; H = mel, W = time. Keras BN parity, glorot init.
 * With the time-axis input BN the frame count is fixed at 1366.
 */
class ChoiFcnImpl : public GenreNetImpl
{
public:
    ChoiFcnImpl(const ChoiFcnConfig &config, int numClasses);
    torch::Tensor forward(const torch::Tensor &x, const torch::Tensor &aux = {}) override;

private:
    ChoiFcnConfig m_config;
    torch::nn::BatchNorm2d m_inputBn{nullptr};
    torch::nn::ModuleList m_convs, m_bns;
    std::vector<std::array<std::int64_t, 2>> m_pools;
    double m_dropout = 0.0;
    torch::nn::Linear m_fc{nullptr};
};

struct ChoiCrnnConfig
{
    ChoiBnAxis inputBnAxis = ChoiBnAxis::Frequency;
    double dropout = 0.1; ///< after each conv block (0.5 in the code when the weights were saved)
};

/**
 * Choi et al.'s convolutional recurrent tagger ("MusicTaggerCRNN") with a 10-way head (seed 001):
 * zero-pad time by 37 each side, input BN, four Conv-BN-ELU-MaxPool blocks, two GRUs of 32, Dropout 0.3,
 * Linear. Input [B, 1, 96, 1366]; PyTorch GRUs (two bias vectors), Keras BN parity, glorot init.
 */
class ChoiCrnnImpl : public GenreNetImpl
{
public:
    ChoiCrnnImpl(const ChoiCrnnConfig &config, int numClasses);
    torch::Tensor forward(const torch::Tensor &x, const torch::Tensor &aux = {}) override;

private:
    ChoiCrnnConfig m_config;
    torch::nn::BatchNorm2d m_inputBn{nullptr};
    torch::nn::ModuleList m_convs, m_bns;
    torch::nn::GRU m_gru1{nullptr}, m_gru2{nullptr};
    torch::nn::Linear m_fc{nullptr};
};

} // namespace genrescope::models
