#pragma once
// Test helpers for tests that link libtorch (header-only, so torch-free tests never include it).

#include <torch/torch.h>

namespace genrescope::test {

/**
 * Give every BatchNorm2d of `net` trained-looking statistics and affine parameters (a fresh BatchNorm is
 * the identity up to eps and folds to almost nothing): running mean uniform in [meanLow, meanHigh),
 * running variance in [varLow, varHigh), weight in [0.5, 1.5), bias in [-0.3, 0.3), drawn module by module
 * from torch's generator (seed it first for reproducible values).
 */
inline void randomizeBatchNorms(torch::nn::Module &net, double meanLow, double meanHigh, double varLow,
                                double varHigh)
{
    torch::NoGradGuard noGrad;
    for (const auto &m : net.modules(/*include_self=*/false)) {
        if (auto *bn = m->as<torch::nn::BatchNorm2d>()) {
            bn->running_mean.uniform_(meanLow, meanHigh);
            bn->running_var.uniform_(varLow, varHigh);
            bn->weight.uniform_(0.5, 1.5);
            bn->bias.uniform_(-0.3, 0.3);
        }
    }
}

} // namespace genrescope::test
