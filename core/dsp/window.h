#pragma once

#include <vector>

namespace genrescope::dsp {

enum class WindowType { Hann, Hamming, Rectangular };

/**
 * A window of `length` samples. periodic = true gives the "FFT" form used by librosa
 * (scipy.signal.get_window(..., fftbins=True)) and torch.hann_window(periodic=True): the
 * symmetric window of length + 1 with its last sample dropped. periodic = false is the symmetric
 * form (numpy.hanning). Hann: 0.5 - 0.5 cos; Hamming: 0.54 - 0.46 cos. length <= 0 gives an
 * empty vector; length 1 gives {1}.
 */
std::vector<float> makeWindow(WindowType type, int length, bool periodic = true);

} // namespace genrescope::dsp
