#include "seed004.h"

namespace genrescope::models {

namespace nn = torch::nn;

Seed004LstmImpl::Seed004LstmImpl(int numClasses)
{
    m_lstm1 = register_module("lstm1", nn::LSTM(nn::LSTMOptions(72, 80).batch_first(true)));
    m_lstm2 = register_module("lstm2", nn::LSTM(nn::LSTMOptions(80, 80).batch_first(true)));
    m_fc1 = register_module("fc1", nn::Linear(80, 40));
    m_fc2 = register_module("fc2", nn::Linear(40, numClasses));
}

torch::Tensor Seed004LstmImpl::forward(const torch::Tensor &x, const torch::Tensor &)
{
    TORCH_CHECK(x.dim() == 3 && x.size(2) == 72, "seed-004 LSTM: expected input [B, 20, 72], got ", x.sizes());
    auto h = std::get<0>(m_lstm1->forward(x));
    h = std::get<0>(m_lstm2->forward(h));
    h = h.select(1, h.size(1) - 1);
    return m_fc2->forward(torch::relu(m_fc1->forward(h)));
}

Seed004CnnImpl::Seed004CnnImpl(bool simple, double dropout, int numClasses) : m_simple(simple), m_dropout(dropout)
{
    m_convs = register_module("convs", nn::ModuleList());
    const std::vector<std::int64_t> widths = simple ? std::vector<std::int64_t>{32, 64}
                                                    : std::vector<std::int64_t>{32, 64, 64, 128};
    std::int64_t in = 1;
    for (auto w : widths) {
        m_convs->push_back(nn::Conv2d(nn::Conv2dOptions(in, w, 5).padding(2)));
        in = w;
    }
    // 33x166 -> 16x83 -> 8x41 -> 4x20 -> 2x10 (pool 2, four times) or -> 8x41 -> 2x10 (pool 4, twice)
    const std::int64_t flat = in * 2 * 10;
    const std::int64_t hidden = simple ? 128 : 256;
    m_fc1 = register_module("fc1", nn::Linear(flat, hidden));
    m_fc2 = register_module("fc2", nn::Linear(hidden, numClasses));
}

torch::Tensor Seed004CnnImpl::forward(const torch::Tensor &x, const torch::Tensor &)
{
    TORCH_CHECK(x.dim() == 4 && x.size(1) == 1 && x.size(2) == 33 && x.size(3) == 166,
                "seed-004 CNN: expected input [B, 1, 33, 166], got ", x.sizes());
    auto h = x;
    const std::int64_t pool = m_simple ? 4 : 2;
    for (const auto &c : *m_convs)
        h = torch::max_pool2d(torch::relu(c->as<nn::Conv2d>()->forward(h)), pool);
    h = torch::relu(m_fc1->forward(h.flatten(1)));
    h = torch::dropout(h, m_dropout, is_training());
    return m_fc2->forward(h);
}

RecurrentConvImpl::RecurrentConvImpl(std::int64_t channels, int steps)
{
    m_feedForward = register_module("feed_forward", nn::Conv2d(nn::Conv2dOptions(channels, channels, 3).padding(1)));
    m_recurrent = register_module(
        "recurrent", nn::Conv2d(nn::Conv2dOptions(channels, channels, 3).padding(1).bias(false)));
    m_norms = register_module("norms", nn::ModuleList());
    for (int t = 0; t <= steps; ++t)
        m_norms->push_back(nn::BatchNorm2d(channels));
}

torch::Tensor RecurrentConvImpl::forward(const torch::Tensor &u)
{
    const auto ff = m_feedForward->forward(u);
    auto x = torch::relu(m_norms[0]->as<nn::BatchNorm2d>()->forward(ff));
    for (size_t t = 1; t < m_norms->size(); ++t)
        x = torch::relu(m_norms[t]->as<nn::BatchNorm2d>()->forward(ff + m_recurrent->forward(x)));
    return x;
}

Seed004RcnnImpl::Seed004RcnnImpl(double dropout, int numClasses) : m_dropout(dropout)
{
    m_conv1 = register_module("conv1", nn::Conv2d(nn::Conv2dOptions(1, 64, 5).padding(2)));
    m_bn1 = register_module("bn1", nn::BatchNorm2d(64));
    m_rcl1 = register_module("rcl1", RecurrentConv(64, 3));
    m_rcl2 = register_module("rcl2", RecurrentConv(64, 3));
    m_rcl3 = register_module("rcl3", RecurrentConv(64, 3));
    m_conv2 = register_module("conv2", nn::Conv2d(nn::Conv2dOptions(64, 128, 3).padding(1)));
    m_bn2 = register_module("bn2", nn::BatchNorm2d(128));
    m_fc = register_module("fc", nn::Linear(128, numClasses));
}

torch::Tensor Seed004RcnnImpl::forward(const torch::Tensor &x, const torch::Tensor &)
{
    TORCH_CHECK(x.dim() == 4 && x.size(1) == 1, "seed-004 RCNN: expected input [B, 1, 33, T], got ", x.sizes());
    auto h = torch::max_pool2d(torch::relu(m_bn1->forward(m_conv1->forward(x))), 2);
    h = torch::dropout(torch::max_pool2d(m_rcl1->forward(h), 2), m_dropout, is_training());
    h = m_rcl3->forward(m_rcl2->forward(h));
    h = torch::dropout(torch::max_pool2d(h, 2), m_dropout, is_training());
    h = torch::relu(m_bn2->forward(m_conv2->forward(h)));
    return m_fc->forward(h.amax({2, 3}));
}

} // namespace genrescope::models
