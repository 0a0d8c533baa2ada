#include "init.h"

#include <cmath>

namespace genrescope::models {

std::pair<std::int64_t, std::int64_t> fans(const torch::Tensor &weight)
{
    TORCH_CHECK(weight.dim() >= 2, "fans() needs a weight with at least two dimensions");
    std::int64_t receptive = 1;
    for (std::int64_t d = 2; d < weight.dim(); ++d)
        receptive *= weight.size(d);
    return {weight.size(1) * receptive, weight.size(0) * receptive};
}

void glorotUniform_(torch::Tensor &w)
{
    torch::NoGradGuard noGrad;
    const auto [fanIn, fanOut] = fans(w);
    const double limit = std::sqrt(6.0 / double(fanIn + fanOut));
    w.uniform_(-limit, limit);
}

torch::Tensor truncatedStandardNormal(at::IntArrayRef sizes)
{
    torch::NoGradGuard noGrad;
    auto t = torch::randn(sizes);
    // Rejection: redraw the out-of-range entries only; each round keeps ~95 % of what is left.
    for (;;) {
        auto bad = t.abs() > 2.0;
        const auto nBad = bad.sum().item<std::int64_t>();
        if (nBad == 0)
            break;
        t.masked_scatter_(bad, torch::randn({nBad}));
    }
    return t;
}

void lecunNormal_(torch::Tensor &w)
{
    torch::NoGradGuard noGrad;
    // 0.879625... is the standard deviation of a standard normal truncated to [-2, 2] (TF's constant).
    const double sigma = std::sqrt(1.0 / double(fans(w).first)) / 0.87962566103423978;
    w.copy_(truncatedStandardNormal(w.sizes()) * sigma);
}

void initKernels(torch::nn::Module &module, InitScheme scheme)
{
    if (scheme == InitScheme::TorchDefault)
        return;
    torch::NoGradGuard noGrad;
    auto apply = [scheme](torch::Tensor &weight, torch::Tensor &bias) {
        if (scheme == InitScheme::GlorotUniform)
            glorotUniform_(weight);
        else
            lecunNormal_(weight);
        if (bias.defined())
            bias.zero_();
    };
    for (const auto &m : module.modules(/*include_self=*/false)) {
        if (auto *c2 = m->as<torch::nn::Conv2d>())
            apply(c2->weight, c2->bias);
        else if (auto *c1 = m->as<torch::nn::Conv1d>())
            apply(c1->weight, c1->bias);
        else if (auto *l = m->as<torch::nn::Linear>())
            apply(l->weight, l->bias);
    }
}

torch::nn::BatchNorm2dOptions kerasBn2d(std::int64_t channels)
{
    return torch::nn::BatchNorm2dOptions(channels).momentum(0.01).eps(1e-3);
}

torch::nn::BatchNorm1dOptions kerasBn1d(std::int64_t features)
{
    return torch::nn::BatchNorm1dOptions(features).momentum(0.01).eps(1e-3);
}

} // namespace genrescope::models
