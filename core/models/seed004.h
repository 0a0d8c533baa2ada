#pragma once

#include "genrenet.h"

namespace genrescope::models {

/**
 * Bai & Wang (seed 004, MODELS.md §7). Inputs are short pieces: the LSTM reads [B, 20 frames, 72 bands]
 * (recipe F7), the CNNs and the RCNN read [B, 1, 33 bands, 166 frames] (recipe F6). The CNN/RCNN layouts
 * are reconstructions [recon]. libtorch default initialisation (Caffe-derived models, no Keras parity).
 */
class Seed004LstmImpl : public GenreNetImpl
{
public:
    explicit Seed004LstmImpl(int numClasses);
    torch::Tensor forward(const torch::Tensor &x, const torch::Tensor &aux = {}) override;

private:
    torch::nn::LSTM m_lstm1{nullptr}, m_lstm2{nullptr};
    torch::nn::Linear m_fc1{nullptr}, m_fc2{nullptr};
};

/**
 * Four [Conv5x5 pad 2, ReLU, MaxPool 2] layers (32, 64, 64, 128) -> Linear 2560->256 + ReLU -> Dropout -> Linear;
 * or, with `simple`, the 2-conv/2-FC ablation: Conv5x5 32 + MaxPool 4, Conv5x5 64 + MaxPool 4, Linear
 * 1280->128 + ReLU -> Dropout -> Linear. The flattened size is fixed by the 33x166 input.
 */
class Seed004CnnImpl : public GenreNetImpl
{
public:
    Seed004CnnImpl(bool simple, double dropout, int numClasses);
    torch::Tensor forward(const torch::Tensor &x, const torch::Tensor &aux = {}) override;

private:
    bool m_simple;
    double m_dropout;
    torch::nn::ModuleList m_convs;
    torch::nn::Linear m_fc1{nullptr}, m_fc2{nullptr};
};

/**
 * Recurrent convolutional layer (Liang & Hu 2015) with BN in place of LRN: x0 = ReLU(N0(Wf*u)),
 * x_t = ReLU(N_t(Wf*u + Wr*x_{t-1})), t = 1..steps; Wr is a bias-free 3x3 of the same width.
 */
class RecurrentConvImpl : public torch::nn::Module
{
public:
    RecurrentConvImpl(std::int64_t channels, int steps);
    torch::Tensor forward(const torch::Tensor &u);

private:
    torch::nn::Conv2d m_feedForward{nullptr}, m_recurrent{nullptr};
    torch::nn::ModuleList m_norms;
};
TORCH_MODULE(RecurrentConv);

/**
 * Conv5x5 1->64 + BN + ReLU + MaxPool 2 -> RCL -> MaxPool 2 + Dropout -> RCL -> RCL -> MaxPool 2 + Dropout ->
 * Conv3x3 64->128 + BN + ReLU -> global max pool -> Linear (T = 3 unrolled steps per RCL).
 */
class Seed004RcnnImpl : public GenreNetImpl
{
public:
    Seed004RcnnImpl(double dropout, int numClasses);
    torch::Tensor forward(const torch::Tensor &x, const torch::Tensor &aux = {}) override;

private:
    double m_dropout;
    torch::nn::Conv2d m_conv1{nullptr}, m_conv2{nullptr};
    torch::nn::BatchNorm2d m_bn1{nullptr}, m_bn2{nullptr};
    RecurrentConv m_rcl1{nullptr}, m_rcl2{nullptr}, m_rcl3{nullptr};
    torch::nn::Linear m_fc{nullptr};
};

} // namespace genrescope::models
