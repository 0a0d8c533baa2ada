#pragma once

#include "base/matrix.h"
#include "base/result.h"
#include "dsp/window.h"

#include <cstddef>
#include <memory>
#include <vector>

namespace genrescope::dsp {

class RealFft;

/** Parameters of an inverse STFT; 0 means "librosa's default" for hop and winLength. */
struct IstftConfig
{
    int nFft = 2048;
    int hop = 0;       ///< samples between frames; 0 = winLength / 4
    int winLength = 0; ///< window length in samples (<= nFft, centred in the frame); 0 = nFft
    WindowType window = WindowType::Hann;
    bool periodic = true;
    bool center = true; ///< the forward STFT padded nFft / 2 on each side; trim it again
};

/**
 * Inverse short-time Fourier transform with librosa.istft semantics (0.7/0.8): every frame is
 * inverse-FFT'd (1/n normalised, the imaginary parts of DC and Nyquist ignored as numpy.fft.irfft),
 * multiplied by the window, overlap-added, and divided by the overlap-added squared window
 * wherever that sum exceeds the smallest normal float (window_sumsquare). Created once, compute()
 * is const and thread-safe.
 */
class Istft
{
public:
    /** InvalidArgument for nFft < 2, odd nFft, hop < 0, winLength > nFft or < 0. */
    static base::Result<Istft> create(const IstftConfig &config);

    const IstftConfig &config() const { return m_config; }
    /** Number of bins expected in the input: nFft / 2 + 1. */
    std::size_t bins() const { return static_cast<std::size_t>(m_config.nFft / 2 + 1); }
    /** librosa's natural output length for `frames` frames: hop (frames - 1) when centred,
     *  nFft + hop (frames - 1) otherwise. */
    std::size_t naturalLength(std::size_t frames) const;

    /**
     * re, im: bins() x frames. length < 0 gives naturalLength(frames) samples (librosa.istft with
     * length=None); length >= 0 gives exactly that many samples starting after the nFft / 2
     * centre padding, zero-padded past the end (librosa.istft with length=length). Note that
     * librosa.effects.hpss instead zero-pads the natural-length output to len(y).
     * Mismatch if the shapes disagree with the config.
     */
    base::Result<std::vector<float>> compute(const base::Matrix &re, const base::Matrix &im,
                                             std::ptrdiff_t length = -1) const;

private:
    Istft(const IstftConfig &config, std::shared_ptr<const RealFft> fft, std::vector<float> window);

    IstftConfig m_config;
    std::shared_ptr<const RealFft> m_fft;
    std::vector<float> m_window; ///< nFft samples, the window centred with zeros around it
};

} // namespace genrescope::dsp
