#include "choi.h"

#include "init.h"

namespace genrescope::models {

namespace {

constexpr std::int64_t kMelBins = 96;
constexpr std::int64_t kFcnFrames = 1366;
constexpr std::int64_t kCrnnPad = 37;

/** BatchNorm over one input axis of [B,1,H,W]: the axis is moved to the channel position and back. */
torch::Tensor axisBatchNorm(torch::nn::BatchNorm2d &bn, const torch::Tensor &x, ChoiBnAxis axis)
{
    const int64_t dim = axis == ChoiBnAxis::Frequency ? 2 : 3;
    return bn->forward(x.transpose(1, dim)).transpose(1, dim);
}

torch::nn::Conv2d conv3x3(std::int64_t in, std::int64_t out)
{
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).padding(1));
}

void checkInput(const torch::Tensor &x, ChoiBnAxis axis, std::int64_t frames, const char *what)
{
    TORCH_CHECK(x.dim() == 4 && x.size(1) == 1 && x.size(2) == kMelBins, what,
                ": expected input [B, 1, 96, T], got ", x.sizes());
    TORCH_CHECK(axis != ChoiBnAxis::Time || x.size(3) == frames, what,
                ": the time-axis input BN needs exactly ", frames, " frames, got ", x.size(3));
}

} // namespace

ChoiFcnImpl::ChoiFcnImpl(const ChoiFcnConfig &config, int numClasses) : m_config(config)
{
    const std::vector<std::int64_t> widths = config.weightFileVariant
                                                 ? std::vector<std::int64_t>{32, 128, 128, 192, 256}
                                                 : std::vector<std::int64_t>{64, 128, 128, 128, 64};
    m_pools = {{2, 4}, {2, 4}, {2, 4}, {3, 5}, {4, 4}};
    m_dropout = config.weightFileVariant ? 0.5 : 0.0;
    m_inputBn = register_module(
        "input_bn", torch::nn::BatchNorm2d(kerasBn2d(config.inputBnAxis == ChoiBnAxis::Frequency ? kMelBins : kFcnFrames)));
    m_convs = register_module("convs", torch::nn::ModuleList());
    m_bns = register_module("bns", torch::nn::ModuleList());
    std::int64_t in = 1;
    for (auto w : widths) {
        m_convs->push_back(conv3x3(in, w));
        m_bns->push_back(torch::nn::BatchNorm2d(kerasBn2d(w)));
        in = w;
    }
    m_fc = register_module("fc", torch::nn::Linear(in, numClasses));
    initKernels(*this, InitScheme::GlorotUniform);
}

torch::Tensor ChoiFcnImpl::forward(const torch::Tensor &x, const torch::Tensor &)
{
    checkInput(x, m_config.inputBnAxis, kFcnFrames, "Choi FCN");
    auto h = axisBatchNorm(m_inputBn, x, m_config.inputBnAxis);
    for (size_t i = 0; i < m_convs->size(); ++i) {
        h = m_convs[i]->as<torch::nn::Conv2d>()->forward(h);
        h = torch::elu(m_bns[i]->as<torch::nn::BatchNorm2d>()->forward(h));
        h = torch::max_pool2d(h, {m_pools[i][0], m_pools[i][1]});
        if (m_dropout > 0)
            h = torch::dropout(h, m_dropout, is_training());
    }
    // Max-pooling to 1x1 on the full input; on other sizes the remaining map is averaged.
    h = h.mean({2, 3});
    return m_fc->forward(h);
}

ChoiCrnnImpl::ChoiCrnnImpl(const ChoiCrnnConfig &config, int numClasses) : m_config(config)
{
    m_inputBn = register_module("input_bn",
                                torch::nn::BatchNorm2d(kerasBn2d(config.inputBnAxis == ChoiBnAxis::Frequency
                                                                     ? kMelBins
                                                                     : kFcnFrames + 2 * kCrnnPad)));
    m_convs = register_module("convs", torch::nn::ModuleList());
    m_bns = register_module("bns", torch::nn::ModuleList());
    std::int64_t in = 1;
    for (std::int64_t w : {64, 128, 128, 128}) {
        m_convs->push_back(conv3x3(in, w));
        m_bns->push_back(torch::nn::BatchNorm2d(kerasBn2d(w)));
        in = w;
    }
    m_gru1 = register_module("gru1", torch::nn::GRU(torch::nn::GRUOptions(128, 32).batch_first(true)));
    m_gru2 = register_module("gru2", torch::nn::GRU(torch::nn::GRUOptions(32, 32).batch_first(true)));
    m_fc = register_module("fc", torch::nn::Linear(32, numClasses));
    initKernels(*this, InitScheme::GlorotUniform);
}

torch::Tensor ChoiCrnnImpl::forward(const torch::Tensor &x, const torch::Tensor &)
{
    checkInput(x, m_config.inputBnAxis, kFcnFrames, "Choi CRNN");
    auto h = torch::constant_pad_nd(x, {kCrnnPad, kCrnnPad});
    h = axisBatchNorm(m_inputBn, h, m_config.inputBnAxis);
    const std::int64_t pools[] = {2, 3, 4, 4};
    for (size_t i = 0; i < m_convs->size(); ++i) {
        h = m_convs[i]->as<torch::nn::Conv2d>()->forward(h);
        h = torch::elu(m_bns[i]->as<torch::nn::BatchNorm2d>()->forward(h));
        h = torch::max_pool2d(h, {pools[i], pools[i]});
        h = torch::dropout(h, m_config.dropout, is_training());
    }
    // [B,128,F,T]: average what is left of the mel axis (1 bin on the full input) -> sequence [B,T,128]
    h = h.mean(2).transpose(1, 2);
    h = std::get<0>(m_gru1->forward(h));
    h = std::get<0>(m_gru2->forward(h));
    h = h.select(1, h.size(1) - 1);
    h = torch::dropout(h, 0.3, is_training());
    return m_fc->forward(h);
}

} // namespace genrescope::models
