#pragma once

#include "base/result.h"

#include <memory>

namespace genrescope::models {

class GenreNetImpl; // genrenet.h (libtorch); kept out of this header so that it stays cheap to include
using GenreNet = std::shared_ptr<GenreNetImpl>;

/**
 * An inference-only equivalent of a trained broadcast network (bbnn.h: BBNN, Heakl's proposed network
 * and the Table III variants built from inception blocks with BatchNorm and ReLU), made at load time:
 *
 * - every BatchNorm that follows a convolution (stem, branches b and c, transition) is folded into that
 *   convolution's weights and bias, and the BatchNorm before the figure-transition's 1x1 convolution into
 *   that convolution (W' = W * s, b' = b + W t, computed in double precision);
 * - the pre-activation BatchNorm + ReLU of each branch is one pass over the block input (instead of a
 *   BatchNorm pass and a ReLU pass), written into a reused buffer;
 * - activations live in channels-last (NHWC) layout, which oneDNN convolves without reordering, and the
 *   densely connected blocks write their outputs into one preallocated buffer instead of concatenating;
 * - branch (d)'s 3x3 max pool (stride 1) is computed once per channel and reused by the later blocks
 *   (max pooling acts channel by channel, so the pooled dense input is the pooled old channels plus the
 *   pooled new ones), without the index tensor libtorch's max_pool2d computes;
 * - a batch runs one example at a time, so the working memory is that of one example (about 200 MB for
 *   a 646x128 input to the proposed network) whatever the batch size.
 *
 * The result equals the module's forward() in eval mode to float rounding (tests: logits and softmax
 * within 1e-4). Input [B, 1, T, W] float on the CPU, output logits [B, classes].
 *
 * Returns nullptr (not an error) when `net` is not a broadcast network of the covered kind: other
 * families, GroupNorm, SELU, squeeze-excitation, the LSTM branch, Xception or Inception-ResNet blocks,
 * BatchNorm without running statistics. Internal error on a libtorch exception. The returned module is
 * read-only after construction: forward() may run on several threads at once. CPU only.
 */
base::Result<GenreNet> fuseForInference(const GenreNet &net);

} // namespace genrescope::models
