#include "bbnn.h"

namespace genrescope::models {

namespace nn = torch::nn;

BroadcastConfig BroadcastConfig::bbnn()
{
    return BroadcastConfig{};
}

BroadcastConfig BroadcastConfig::heaklProposed()
{
    BroadcastConfig c;
    c.nBlocks = 4;
    c.remove3x3 = true;
    c.replace5x5 = true;
    c.init = InitScheme::LecunNormal;
    return c;
}

namespace {

constexpr std::int64_t kBranchMaps = 32;
constexpr std::int64_t kMelBands = 128;

/** Shared builders for the norm/activation/conv layers every block uses. */
struct Layers
{
    const BroadcastConfig &c;

    nn::AnyModule norm(std::int64_t channels) const
    {
        if (c.norm == BroadcastNorm::Group)
            return nn::AnyModule(nn::GroupNorm(nn::GroupNormOptions(channels / 16, channels).eps(1e-3)));
        return nn::AnyModule(nn::BatchNorm2d(kerasBn2d(channels)));
    }
    nn::AnyModule act() const
    {
        if (c.act == BroadcastActivation::Selu)
            return nn::AnyModule(nn::SELU());
        return nn::AnyModule(nn::ReLU());
    }
    void normAct(nn::Sequential &s, std::int64_t channels) const
    {
        s->push_back(norm(channels));
        s->push_back(act());
    }
    static nn::Conv2d conv(std::int64_t in, std::int64_t out, std::int64_t kh, std::int64_t kw, bool bias = true,
                           std::int64_t groups = 1)
    {
        return nn::Conv2d(nn::Conv2dOptions(in, out, {kh, kw}).padding({kh / 2, kw / 2}).bias(bias).groups(groups));
    }
    /** A 3x3 convolution, or 3x1 then 1x3 when factorised. */
    void conv3x3(nn::Sequential &s, std::int64_t in, std::int64_t out) const
    {
        if (c.factorize) {
            s->push_back(conv(in, out, 3, 1));
            s->push_back(conv(out, out, 1, 3));
        } else {
            s->push_back(conv(in, out, 3, 3));
        }
    }
    torch::Tensor activate(const torch::Tensor &x) const
    {
        return c.act == BroadcastActivation::Selu ? torch::selu(x) : torch::relu(x);
    }
};

/** Squeeze-excitation with a global max squeeze (Heakl's SE notebook), ratio 8, biases on. */
class SqueezeExciteImpl : public nn::Module
{
public:
    explicit SqueezeExciteImpl(std::int64_t channels)
    {
        m_down = register_module("down", nn::Linear(channels, channels / 8));
        m_up = register_module("up", nn::Linear(channels / 8, channels));
    }
    torch::Tensor forward(const torch::Tensor &x)
    {
        auto s = x.amax({2, 3});
        s = torch::sigmoid(m_up->forward(torch::relu(m_down->forward(s))));
        return x * s.unsqueeze(2).unsqueeze(3);
    }

private:
    nn::Linear m_down{nullptr}, m_up{nullptr};
};
TORCH_MODULE(SqueezeExcite);

class BlockImpl : public nn::Module
{
public:
    virtual torch::Tensor forward(const torch::Tensor &x) = 0;
    /** Channels this block adds (dense) or outputs (residual). */
    virtual std::int64_t outChannels() const = 0;
};

/** BBNN inception block: four (or five) 32-map branches; the caller concatenates the output to the input. */
class InceptionBlockImpl : public BlockImpl
{
public:
    InceptionBlockImpl(const Layers &l, std::int64_t in)
    {
        auto a = nn::Sequential();
        l.normAct(a, in);
        a->push_back(Layers::conv(in, kBranchMaps, 1, 1));

        auto b = nn::Sequential();
        l.normAct(b, in);
        b->push_back(Layers::conv(in, kBranchMaps, 1, 1));
        l.normAct(b, kBranchMaps);
        if (!l.c.remove3x3)
            l.conv3x3(b, kBranchMaps, kBranchMaps);

        auto c = nn::Sequential();
        l.normAct(c, in);
        c->push_back(Layers::conv(in, kBranchMaps, 1, 1));
        l.normAct(c, kBranchMaps);
        if (l.c.replace5x5)
            l.conv3x3(c, kBranchMaps, kBranchMaps);
        else
            c->push_back(Layers::conv(kBranchMaps, kBranchMaps, 5, 5));

        auto d = nn::Sequential();
        d->push_back(nn::MaxPool2d(nn::MaxPool2dOptions(3).stride(1).padding(1)));
        l.normAct(d, in);
        d->push_back(Layers::conv(in, kBranchMaps, 1, 1));

        m_branches = {register_module("branch_a", a), register_module("branch_b", b), register_module("branch_c", c),
                      register_module("branch_d", d)};
        m_out = 4 * kBranchMaps;
        if (l.c.lstmBranch) {
            auto e = nn::Sequential();
            l.normAct(e, in);
            e->push_back(Layers::conv(in, 1, 1, 1));
            m_lstmIn = register_module("branch_lstm_in", e);
            m_lstm = register_module("branch_lstm",
                                     nn::LSTM(nn::LSTMOptions(kMelBands, kBranchMaps).batch_first(true)));
            m_out += kBranchMaps;
        }
        if (l.c.se)
            m_se = register_module("se", SqueezeExcite(m_out));
    }

    torch::Tensor forward(const torch::Tensor &x) override
    {
        std::vector<torch::Tensor> outs;
        outs.reserve(5);
        for (auto &b : m_branches)
            outs.push_back(b->forward(x));
        if (m_lstm) {
            TORCH_CHECK(x.size(3) == kMelBands, "the LSTM branch needs 128 mel bands, got ", x.size(3));
            auto seq = m_lstmIn->forward(x).squeeze(1);              // [B, T, 128]
            auto h = std::get<0>(m_lstm->forward(seq));               // [B, T, 32]
            outs.push_back(h.transpose(1, 2).unsqueeze(3).expand({-1, -1, -1, x.size(3)}));
        }
        auto y = torch::cat(outs, 1);
        if (m_se)
            y = m_se->forward(y);
        return y;
    }
    std::int64_t outChannels() const override { return m_out; }

private:
    std::vector<nn::Sequential> m_branches;
    nn::Sequential m_lstmIn{nullptr};
    nn::LSTM m_lstm{nullptr};
    SqueezeExcite m_se{nullptr};
    std::int64_t m_out = 0;
};

/** Heakl's xception-smallparams block: norm-act, depthwise 3x3 (no bias), pointwise 1x1 to 128. */
class XceptionBlockImpl : public BlockImpl
{
public:
    XceptionBlockImpl(const Layers &l, std::int64_t in)
    {
        auto s = nn::Sequential();
        l.normAct(s, in);
        s->push_back(Layers::conv(in, in, 3, 3, /*bias=*/false, /*groups=*/in));
        s->push_back(Layers::conv(in, 128, 1, 1));
        m_body = register_module("body", s);
    }
    torch::Tensor forward(const torch::Tensor &x) override { return m_body->forward(x); }
    std::int64_t outChannels() const override { return 128; }

private:
    nn::Sequential m_body{nullptr};
};

/** Inception-ResNet-A on 64 channels with pre-activation before every conv, residual scale 0.17. */
class InceptionResnetBlockImpl : public BlockImpl
{
public:
    InceptionResnetBlockImpl(const Layers &l, std::int64_t channels)
    {
        auto b1 = nn::Sequential();
        l.normAct(b1, channels);
        b1->push_back(Layers::conv(channels, 32, 1, 1));

        auto b2 = nn::Sequential();
        l.normAct(b2, channels);
        b2->push_back(Layers::conv(channels, 32, 1, 1));
        l.normAct(b2, 32);
        b2->push_back(Layers::conv(32, 32, 3, 3));

        auto b3 = nn::Sequential();
        l.normAct(b3, channels);
        b3->push_back(Layers::conv(channels, 32, 1, 1));
        l.normAct(b3, 32);
        b3->push_back(Layers::conv(32, 32, 3, 3));
        l.normAct(b3, 32);
        b3->push_back(Layers::conv(32, 32, 3, 3));

        auto up = nn::Sequential();
        l.normAct(up, 96);
        up->push_back(Layers::conv(96, channels, 1, 1));

        m_b1 = register_module("branch_1", b1);
        m_b2 = register_module("branch_2", b2);
        m_b3 = register_module("branch_3", b3);
        m_up = register_module("up", up);
        m_channels = channels;
    }
    torch::Tensor forward(const torch::Tensor &x) override
    {
        auto mixed = torch::cat({m_b1->forward(x), m_b2->forward(x), m_b3->forward(x)}, 1);
        return x + 0.17 * m_up->forward(mixed);
    }
    std::int64_t outChannels() const override { return m_channels; }

private:
    nn::Sequential m_b1{nullptr}, m_b2{nullptr}, m_b3{nullptr}, m_up{nullptr};
    std::int64_t m_channels = 0;
};

} // namespace

BroadcastNetImpl::BroadcastNetImpl(const BroadcastConfig &config, int numClasses) : m_config(config)
{
    TORCH_CHECK(config.nBlocks >= 1 && config.nBlocks <= 5, "n_blocks must be 1..5, got ", config.nBlocks);
    TORCH_CHECK(numClasses >= 2, "at least two classes are needed");
    const Layers l{m_config};

    auto stem = nn::Sequential();
    std::int64_t channels = 0;
    if (config.blockType == BroadcastBlockType::InceptionResnetV1) {
        stem->push_back(Layers::conv(1, 32, 3, 3));
        l.normAct(stem, 32);
        stem->push_back(Layers::conv(32, 32, 3, 3));
        l.normAct(stem, 32);
        stem->push_back(nn::MaxPool2d(nn::MaxPool2dOptions({4, 1})));
        stem->push_back(Layers::conv(32, 64, 1, 1));
        l.normAct(stem, 64);
        channels = 64;
    } else {
        stem->push_back(Layers::conv(1, 32, 3, 3));
        l.normAct(stem, 32);
        stem->push_back(nn::MaxPool2d(nn::MaxPool2dOptions({4, 1})));
        channels = 32;
    }
    m_stem = register_module("stem", stem);

    for (int i = 0; i < config.nBlocks; ++i) {
        std::shared_ptr<BlockImpl> block;
        switch (config.blockType) {
        case BroadcastBlockType::Inception:
            block = std::make_shared<InceptionBlockImpl>(l, channels);
            break;
        case BroadcastBlockType::Xception:
            block = std::make_shared<XceptionBlockImpl>(l, channels);
            break;
        case BroadcastBlockType::InceptionResnetV1:
            block = std::make_shared<InceptionResnetBlockImpl>(l, channels);
            break;
        }
        if (config.blockType != BroadcastBlockType::InceptionResnetV1)
            channels += block->outChannels(); // dense connection: the block's maps join its input
        m_blocks.push_back(register_module("block" + std::to_string(i + 1), block));
    }

    auto transition = nn::Sequential();
    if (config.transition == BroadcastTransition::Figure) {
        transition->push_back(l.norm(channels));
        transition->push_back(Layers::conv(channels, 32, 1, 1));
        transition->push_back(nn::AvgPool2d(nn::AvgPool2dOptions(2)));
    } else {
        transition->push_back(Layers::conv(channels, 32, 1, 1));
        l.normAct(transition, 32);
        transition->push_back(nn::MaxPool2d(nn::MaxPool2dOptions(2)));
    }
    m_transition = register_module("transition", transition);

    auto decision = nn::Sequential();
    if (config.transition == BroadcastTransition::Figure)
        decision->push_back(l.norm(32));
    else
        l.normAct(decision, 32);
    m_decisionNorm = register_module("decision", decision);
    m_fc = register_module("fc", nn::Linear(32, numClasses));
    initKernels(*this, config.init);
}

torch::Tensor BroadcastNetImpl::forward(const torch::Tensor &x, const torch::Tensor &)
{
    TORCH_CHECK(x.dim() == 4 && x.size(1) == 1, "broadcast network: expected input [B, 1, T, 128], got ", x.sizes());
    auto h = m_stem->forward(x);
    for (auto &m : m_blocks) {
        auto *block = static_cast<BlockImpl *>(m.get());
        if (m_config.blockType == BroadcastBlockType::InceptionResnetV1)
            h = block->forward(h);
        else
            h = torch::cat({h, block->forward(h)}, 1);
    }
    h = m_transition->forward(h);
    h = m_decisionNorm->forward(h);
    h = m_config.globalPool == BroadcastPool::Max ? h.amax({2, 3}) : h.mean({2, 3});
    if (m_config.dropoutP > 0)
        h = torch::dropout(h, m_config.dropoutP, is_training());
    return m_fc->forward(h);
}

} // namespace genrescope::models
