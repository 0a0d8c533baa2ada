#pragma once

#include "base/matrix.h"

#include <cstddef>

namespace genrescope::dsp {

/**
 * How a spectrogram image is resized.
 * PilBilinear: Pillow's Image.resize(BILINEAR) on a mode "F" image, which is what
 *   torchvision.transforms.Resize does to the PIL image in the BCNN reference code (F5): a
 *   triangle filter whose support widens by the scale factor when shrinking (antialiased), pixel
 *   centres at +0.5, weights renormalised at the borders; each axis is skipped when its size is unchanged.
 * TorchBilinear: torch.nn.functional.interpolate(mode="bilinear", align_corners=False,
 *   antialias=False): plain two-tap interpolation with source coordinates clamped at 0.
 */
enum class ResizeMethod { PilBilinear, TorchBilinear };

/** Resize m (rows x cols) to outRows x outCols. Empty input or a zero target gives an empty matrix. */
base::Matrix resizeBilinear(const base::Matrix &m, std::size_t outRows, std::size_t outCols,
                            ResizeMethod method = ResizeMethod::PilBilinear);

} // namespace genrescope::dsp
