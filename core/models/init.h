#pragma once

#include <torch/torch.h>

#include <cstdint>

namespace genrescope::models {

/**
 * Weight initialisation with Keras/TensorFlow parity (MODELS.md §0). libtorch's default for Conv/Linear is
 * Kaiming-uniform; the Keras-derived models start from glorot-uniform kernels and zero biases, Heakl's
 * proposed network and SELU variants from lecun-normal. All draws use torch's global generator, so a
 * creation after torch::manual_seed(s) is deterministic.
 */
enum class InitScheme {
    GlorotUniform, ///< U(-l, l), l = sqrt(6 / (fan_in + fan_out)); Keras' default kernel initialiser
    LecunNormal,   ///< TF lecun_normal: normal truncated at ±2σ, σ = sqrt(1 / fan_in) / 0.87962566
    TorchDefault,  ///< leave libtorch's initialisation untouched
};

/** fan_in and fan_out of a Linear ([out, in]) or Conv ([out, in/groups, kh, kw]) weight. */
std::pair<std::int64_t, std::int64_t> fans(const torch::Tensor &weight);

/** Fill `w` in place from U(-l, l) with l = sqrt(6 / (fan_in + fan_out)). */
void glorotUniform_(torch::Tensor &w);

/**
 * Fill `w` in place with TF's lecun_normal: N(0, σ²) truncated to ±2σ by rejection sampling (redraw the
 * values outside the interval until none is left), σ = sqrt(1 / fan_in) / 0.87962566103423978 so that the
 * truncated distribution has variance 1 / fan_in.
 */
void lecunNormal_(torch::Tensor &w);

/** A standard normal tensor truncated to [-2, 2] by rejection sampling. */
torch::Tensor truncatedStandardNormal(at::IntArrayRef sizes);

/**
 * Re-initialise every Conv1d/Conv2d/Linear kernel below `module` (recursively) with `scheme` and set their
 * biases to zero. Recurrent layers, normalisation layers and everything else keep libtorch's defaults.
 */
void initKernels(torch::nn::Module &module, InitScheme scheme);

/** Keras BatchNormalization parity: momentum 0.99 (libtorch 0.01), epsilon 1e-3. */
torch::nn::BatchNorm2dOptions kerasBn2d(std::int64_t channels);
torch::nn::BatchNorm1dOptions kerasBn1d(std::int64_t features);

} // namespace genrescope::models
