#include "fusedbroadcast.h"

#include "models/bbnn.h"
#include "models/genrenet.h"

#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace genrescope::models {

namespace {

namespace nn = torch::nn;

/** Not a network this transform covers; fuseForInference() then returns nullptr. */
struct NotCovered
{
};

/** A BatchNorm in eval mode as y = x * scale + shift per channel (double precision until stored). */
struct Affine
{
    torch::Tensor scale; // [C] double
    torch::Tensor shift; // [C] double
};

Affine affineOf(const nn::BatchNorm2dImpl &bn)
{
    if (!bn.options.track_running_stats() || !bn.running_mean.defined() || !bn.running_var.defined())
        throw NotCovered{};
    const auto mean = bn.running_mean.to(torch::kDouble);
    const auto var = bn.running_var.to(torch::kDouble);
    auto scale = 1.0 / torch::sqrt(var + bn.options.eps());
    auto shift = -mean * scale;
    if (bn.options.affine()) {
        const auto w = bn.weight.to(torch::kDouble);
        scale = scale * w;
        shift = shift * w + bn.bias.to(torch::kDouble);
    }
    return {scale, shift};
}

/** One layer of the plain (already folded) part of a path, run with ATen operators. */
struct Op
{
    enum Kind { Conv, Scale, Relu, MaxPool, AvgPool } kind = Relu;
    torch::Tensor weight, bias;                    // Conv (float); Scale: scale / shift [1, C, 1, 1]
    std::vector<std::int64_t> stride, padding, dilation, kernel;
    std::int64_t groups = 1;
    bool ceilMode = false, countIncludePad = true;
};

std::vector<std::int64_t> arr(const torch::ExpandingArray<2> &a)
{
    return {(*a)[0], (*a)[1]};
}

struct ConvLayer
{
    torch::Tensor weight; // double
    torch::Tensor bias;   // double, [out]
    std::vector<std::int64_t> stride, padding, dilation;
    std::int64_t groups = 1;
};

ConvLayer convOf(const nn::Conv2dImpl &c)
{
    const auto &o = c.options;
    if (o.transposed() || !c10::get_if<torch::ExpandingArray<2>>(&o.padding()) ||
        !c10::get_if<torch::enumtype::kZeros>(&o.padding_mode()))
        throw NotCovered{};
    ConvLayer l;
    l.weight = c.weight.to(torch::kDouble);
    l.bias = c.bias.defined() ? c.bias.to(torch::kDouble) : torch::zeros({c.weight.size(0)}, torch::kDouble);
    l.stride = arr(o.stride());
    l.padding = arr(c10::get<torch::ExpandingArray<2>>(o.padding()));
    l.dilation = arr(o.dilation());
    l.groups = o.groups();
    return l;
}

Op toOp(const ConvLayer &l)
{
    Op op;
    op.kind = Op::Conv;
    // oneDNN convolves channels-last activations with channels-last weights without reordering either.
    op.weight = l.weight.to(torch::kFloat).contiguous(at::MemoryFormat::ChannelsLast);
    op.bias = l.bias.to(torch::kFloat).contiguous();
    op.stride = l.stride;
    op.padding = l.padding;
    op.dilation = l.dilation;
    op.groups = l.groups;
    return op;
}

/**
 * The layers of a Sequential with every "Conv -> BatchNorm" pair folded into the convolution and every
 * "BatchNorm -> 1x1 Conv without padding" pair folded into the convolution (exact: no zero padding is
 * scaled). Other BatchNorms stay as per-channel affine operations.
 */
std::vector<Op> foldLayers(const std::vector<std::shared_ptr<nn::Module>> &layers)
{
    std::vector<Op> ops;
    std::optional<Affine> pendingPre; // a BatchNorm waiting for the next layer
    auto flushPre = [&] {
        if (!pendingPre)
            return;
        Op op;
        op.kind = Op::Scale;
        op.weight = pendingPre->scale.to(torch::kFloat).view({1, -1, 1, 1}).contiguous();
        op.bias = pendingPre->shift.to(torch::kFloat).view({1, -1, 1, 1}).contiguous();
        ops.push_back(op);
        pendingPre.reset();
    };
    for (std::size_t i = 0; i < layers.size(); ++i) {
        nn::Module &m = *layers[i];
        if (auto *conv = m.as<nn::Conv2d>()) {
            ConvLayer l = convOf(*conv);
            if (pendingPre) {
                const bool pointwise = l.weight.size(2) == 1 && l.weight.size(3) == 1 && l.padding[0] == 0 &&
                                       l.padding[1] == 0 && l.groups == 1;
                if (pointwise) {
                    // conv(x * s + t) = (W * s) x + (b + W t)
                    const auto w2 = l.weight.flatten(1);
                    l.bias = l.bias + w2.matmul(pendingPre->shift);
                    l.weight = l.weight * pendingPre->scale.view({1, -1, 1, 1});
                    pendingPre.reset();
                } else {
                    flushPre();
                }
            }
            if (i + 1 < layers.size()) {
                if (auto *bn = layers[i + 1]->as<nn::BatchNorm2d>()) {
                    const Affine a = affineOf(*bn);
                    l.weight = l.weight * a.scale.view({-1, 1, 1, 1});
                    l.bias = l.bias * a.scale + a.shift;
                    ++i;
                }
            }
            ops.push_back(toOp(l));
        } else if (auto *bn = m.as<nn::BatchNorm2d>()) {
            flushPre();
            pendingPre = affineOf(*bn);
        } else if (m.as<nn::ReLU>()) {
            flushPre();
            Op op;
            op.kind = Op::Relu;
            ops.push_back(op);
        } else if (auto *mp = m.as<nn::MaxPool2d>()) {
            flushPre();
            Op op;
            op.kind = Op::MaxPool;
            op.kernel = arr(mp->options.kernel_size());
            op.stride = arr(mp->options.stride());
            op.padding = arr(mp->options.padding());
            op.dilation = arr(mp->options.dilation());
            op.ceilMode = mp->options.ceil_mode();
            ops.push_back(op);
        } else if (auto *ap = m.as<nn::AvgPool2d>()) {
            flushPre();
            if (ap->options.divisor_override())
                throw NotCovered{};
            Op op;
            op.kind = Op::AvgPool;
            op.kernel = arr(ap->options.kernel_size());
            op.stride = arr(ap->options.stride());
            op.padding = arr(ap->options.padding());
            op.ceilMode = ap->options.ceil_mode();
            op.countIncludePad = ap->options.count_include_pad();
            ops.push_back(op);
        } else {
            throw NotCovered{};
        }
    }
    flushPre();
    return ops;
}

torch::Tensor run(const std::vector<Op> &ops, torch::Tensor x)
{
    for (const Op &op : ops) {
        switch (op.kind) {
        case Op::Conv:
            x = at::conv2d(x, op.weight, op.bias, op.stride, op.padding, op.dilation, op.groups);
            break;
        case Op::Scale:
            x = x * op.weight + op.bias;
            break;
        case Op::Relu:
            x = at::relu(x);
            break;
        case Op::MaxPool:
            x = at::max_pool2d(x, op.kernel, op.stride, op.padding, op.dilation, op.ceilMode);
            break;
        case Op::AvgPool:
            x = at::avg_pool2d(x, op.kernel, op.stride, op.padding, op.ceilMode, op.countIncludePad);
            break;
        }
    }
    return x;
}

/** A branch: [3x3/1 max pool] -> BatchNorm -> ReLU (one fused pass) -> the folded rest. */
struct Branch
{
    bool pooled = false;
    torch::Tensor scale, shift; // [C] float, the pre-activation BatchNorm
    std::vector<Op> rest;
    std::int64_t outChannels = 0;
};

std::vector<std::shared_ptr<nn::Module>> childrenOf(const nn::Module &m)
{
    return m.children();
}

Branch branchOf(const nn::Module &seq)
{
    auto layers = childrenOf(seq);
    Branch b;
    std::size_t i = 0;
    if (i < layers.size()) {
        if (auto *mp = layers[i]->as<nn::MaxPool2d>()) {
            const auto &o = mp->options;
            if (arr(o.kernel_size()) != std::vector<std::int64_t>{3, 3} || arr(o.stride()) != std::vector<std::int64_t>{1, 1} ||
                arr(o.padding()) != std::vector<std::int64_t>{1, 1} || arr(o.dilation()) != std::vector<std::int64_t>{1, 1})
                throw NotCovered{};
            b.pooled = true;
            ++i;
        }
    }
    if (i + 1 >= layers.size() || !layers[i]->as<nn::BatchNorm2d>() || !layers[i + 1]->as<nn::ReLU>())
        throw NotCovered{};
    const Affine a = affineOf(*layers[i]->as<nn::BatchNorm2d>());
    b.scale = a.scale.to(torch::kFloat).contiguous();
    b.shift = a.shift.to(torch::kFloat).contiguous();
    b.rest = foldLayers({layers.begin() + std::ptrdiff_t(i + 2), layers.end()});
    if (b.rest.empty() || b.rest.front().kind != Op::Conv)
        throw NotCovered{};
    for (const Op &op : b.rest) {
        if (op.kind == Op::MaxPool || op.kind == Op::AvgPool)
            throw NotCovered{}; // a branch must keep the block's spatial size
        if (op.kind == Op::Conv) {
            const auto k = op.weight.sizes();
            if (op.stride != std::vector<std::int64_t>{1, 1} || op.dilation != std::vector<std::int64_t>{1, 1} ||
                op.padding[0] * 2 + 1 != k[2] || op.padding[1] * 2 + 1 != k[3])
                throw NotCovered{};
            b.outChannels = k[0];
        }
    }
    return b;
}

// ---- kernels on NHWC float buffers ----

/** dst[p, c] = max(0, src[p, c] * scale[c] + shift[c]) for c < channels; src rows have `srcStride` floats. */
void bnRelu(const float *src, std::int64_t srcStride, std::int64_t pixels, std::int64_t channels,
            const float *scale, const float *shift, float *dst)
{
    at::parallel_for(0, pixels, 256, [&](std::int64_t begin, std::int64_t end) {
        for (std::int64_t p = begin; p < end; ++p) {
            const float *__restrict s = src + p * srcStride;
            float *__restrict d = dst + p * channels;
            for (std::int64_t c = 0; c < channels; ++c)
                d[c] = std::max(0.0f, s[c] * scale[c] + shift[c]);
        }
    });
}

/**
 * 3x3 max pool, stride 1, padding 1 (padding never wins, as libtorch's -inf padding), of channels
 * [c0, c1) of an NHWC image [height, width, stride], into the same channels of `dst` (same layout).
 */
void maxPool3x3(const float *src, float *dst, std::int64_t height, std::int64_t width, std::int64_t stride,
                std::int64_t c0, std::int64_t c1)
{
    const std::int64_t n = c1 - c0;
    at::parallel_for(0, height, 1, [&](std::int64_t begin, std::int64_t end) {
        std::vector<float> colMax(std::size_t(width * n));
        for (std::int64_t y = begin; y < end; ++y) {
            const std::int64_t y0 = std::max<std::int64_t>(0, y - 1), y1 = std::min(height - 1, y + 1);
            // Vertical maximum of the (up to) three rows, then horizontal maximum of three columns.
            for (std::int64_t x = 0; x < width; ++x) {
                float *__restrict m = colMax.data() + x * n;
                const float *__restrict r0 = src + (y0 * width + x) * stride + c0;
                for (std::int64_t c = 0; c < n; ++c)
                    m[c] = r0[c];
                for (std::int64_t yy = y0 + 1; yy <= y1; ++yy) {
                    const float *__restrict r = src + (yy * width + x) * stride + c0;
                    for (std::int64_t c = 0; c < n; ++c)
                        m[c] = std::max(m[c], r[c]);
                }
            }
            for (std::int64_t x = 0; x < width; ++x) {
                const std::int64_t x0 = std::max<std::int64_t>(0, x - 1), x1 = std::min(width - 1, x + 1);
                float *__restrict d = dst + (y * width + x) * stride + c0;
                const float *__restrict m0 = colMax.data() + x0 * n;
                for (std::int64_t c = 0; c < n; ++c)
                    d[c] = m0[c];
                for (std::int64_t xx = x0 + 1; xx <= x1; ++xx) {
                    const float *__restrict m = colMax.data() + xx * n;
                    for (std::int64_t c = 0; c < n; ++c)
                        d[c] = std::max(d[c], m[c]);
                }
            }
        }
    });
}

class FusedBroadcastNetImpl : public GenreNetImpl
{
public:
    explicit FusedBroadcastNetImpl(const BroadcastNetImpl &net)
    {
        const BroadcastConfig &c = net.config();
        if (c.blockType != BroadcastBlockType::Inception || c.norm != BroadcastNorm::Batch ||
            c.act != BroadcastActivation::Relu || c.se || c.lstmBranch)
            throw NotCovered{};
        m_maxGlobalPool = c.globalPool == BroadcastPool::Max;
        std::shared_ptr<nn::Module> stem, transition, decision, fc;
        std::vector<std::shared_ptr<nn::Module>> blocks;
        for (const auto &item : net.named_children()) {
            if (item.key() == "stem")
                stem = item.value();
            else if (item.key() == "transition")
                transition = item.value();
            else if (item.key() == "decision")
                decision = item.value();
            else if (item.key() == "fc")
                fc = item.value();
            else if (item.key().rfind("block", 0) == 0)
                blocks.push_back(item.value());
            else
                throw NotCovered{};
        }
        if (!stem || !transition || !decision || !fc || blocks.empty())
            throw NotCovered{};
        m_stem = foldLayers(childrenOf(*stem));
        if (m_stem.empty() || m_stem.front().kind != Op::Conv)
            throw NotCovered{};
        m_stemChannels = 0;
        for (const Op &op : m_stem)
            if (op.kind == Op::Conv)
                m_stemChannels = op.weight.size(0);
        std::int64_t channels = m_stemChannels;
        for (const auto &block : blocks) {
            std::vector<Branch> branches;
            for (const auto &item : block->named_children()) {
                if (item.key().rfind("branch_", 0) != 0 || item.key().find("lstm") != std::string::npos)
                    throw NotCovered{};
                branches.push_back(branchOf(*item.value()));
            }
            if (branches.empty())
                throw NotCovered{};
            const std::int64_t in = channels; // every branch reads the block input
            for (const Branch &b : branches) {
                if (b.scale.size(0) != in || b.rest.front().weight.size(1) != in)
                    throw NotCovered{};
                channels += b.outChannels;
            }
            m_blocks.push_back(std::move(branches));
        }
        m_channels = channels;
        m_tail = foldLayers(childrenOf(*transition));
        const auto decisionOps = foldLayers(childrenOf(*decision));
        m_tail.insert(m_tail.end(), decisionOps.begin(), decisionOps.end());
        if (m_tail.empty() || m_tail.front().kind != Op::Conv || m_tail.front().weight.size(1) != m_channels)
            throw NotCovered{};
        auto *linear = fc->as<nn::Linear>();
        if (!linear)
            throw NotCovered{};
        m_fcWeight = linear->weight.detach().to(torch::kFloat).contiguous();
        m_fcBias = linear->bias.defined() ? linear->bias.detach().to(torch::kFloat).contiguous() : torch::Tensor();
    }

    torch::Tensor forward(const torch::Tensor &x, const torch::Tensor & = {}) override
    {
        TORCH_CHECK(x.dim() == 4 && x.size(1) == 1, "broadcast network: expected input [B, 1, T, W], got ", x.sizes());
        TORCH_CHECK(x.device().is_cpu(), "the fused broadcast network runs on the CPU only");
        c10::InferenceMode guard;
        const torch::Tensor in = x.to(torch::kFloat).contiguous();
        std::vector<torch::Tensor> out;
        out.reserve(std::size_t(in.size(0)));
        for (std::int64_t b = 0; b < in.size(0); ++b)
            out.push_back(forwardOne(in.narrow(0, b, 1)));
        return torch::cat(out, 0);
    }

private:
    torch::Tensor forwardOne(const torch::Tensor &x)
    {
        // A [1, 1, T, W] tensor is also channels-last; so are the convolutions' outputs then.
        const torch::Tensor stem = run(m_stem, x.contiguous(at::MemoryFormat::ChannelsLast));
        const std::int64_t height = stem.size(2), width = stem.size(3), pixels = height * width;
        // h: the dense block input and output, NHWC [1, H, W, channels]; hv its NCHW-shaped view.
        const torch::Tensor h = at::empty({1, height, width, m_channels}, x.options());
        const torch::Tensor hv = h.permute({0, 3, 1, 2});
        const torch::Tensor pooled = at::empty_like(h);
        hv.narrow(1, 0, m_stemChannels).copy_(stem);
        float *hp = h.data_ptr<float>();
        float *pp = pooled.data_ptr<float>();
        std::int64_t channels = m_stemChannels;
        std::int64_t pooledUpTo = 0; // channels [0, pooledUpTo) of `pooled` hold the 3x3 max of h
        torch::Tensor act;
        for (const std::vector<Branch> &block : m_blocks) {
            std::int64_t outAt = channels;
            for (const Branch &br : block) {
                if (br.pooled && pooledUpTo < channels) {
                    maxPool3x3(hp, pp, height, width, m_channels, pooledUpTo, channels);
                    pooledUpTo = channels;
                }
                if (!act.defined() || act.numel() < pixels * channels)
                    act = at::empty({pixels * m_channels}, x.options());
                const torch::Tensor u =
                    act.narrow(0, 0, pixels * channels).view({1, height, width, channels}).permute({0, 3, 1, 2});
                bnRelu(br.pooled ? pp : hp, m_channels, pixels, channels, br.scale.data_ptr<float>(),
                       br.shift.data_ptr<float>(), act.data_ptr<float>());
                const torch::Tensor y = run(br.rest, u);
                hv.narrow(1, outAt, br.outChannels).copy_(y);
                outAt += br.outChannels;
            }
            channels = outAt;
        }
        torch::Tensor t = run(m_tail, hv);
        t = m_maxGlobalPool ? t.amax({2, 3}) : t.mean({2, 3});
        return at::linear(t, m_fcWeight, m_fcBias);
    }

    std::vector<Op> m_stem;
    std::int64_t m_stemChannels = 0;
    std::vector<std::vector<Branch>> m_blocks;
    std::int64_t m_channels = 0;
    std::vector<Op> m_tail; // transition and decision norm
    bool m_maxGlobalPool = false;
    torch::Tensor m_fcWeight, m_fcBias;
};

} // namespace

base::Result<GenreNet> fuseForInference(const GenreNet &net)
{
    try {
        const auto *broadcast = dynamic_cast<const BroadcastNetImpl *>(net.get());
        if (!broadcast)
            return GenreNet();
        for (const auto &p : broadcast->parameters())
            if (!p.device().is_cpu() || p.scalar_type() != torch::kFloat)
                return GenreNet();
        c10::InferenceMode guard;
        return GenreNet(std::make_shared<FusedBroadcastNetImpl>(*broadcast));
    } catch (const NotCovered &) {
        return GenreNet();
    } catch (const c10::Error &e) {
        return base::makeError(base::ErrorCode::Internal,
                               std::string("fusing the broadcast network: ") + e.what_without_backtrace());
    } catch (const std::exception &e) {
        return base::makeError(base::ErrorCode::Internal, std::string("fusing the broadcast network: ") + e.what());
    }
}

} // namespace genrescope::models
