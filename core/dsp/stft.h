#pragma once

#include "base/matrix.h"
#include "base/result.h"
#include "dsp/fftplan.h"
#include "dsp/window.h"

#include <complex>
#include <cstddef>
#include <memory>
#include <vector>

namespace genrescope::dsp {

enum class PadMode { Reflect, Constant };

/** out[k] = |X[k]|^exponent for n bins (exponent 2: re^2 + im^2 exactly; 1: its square root). */
void spectrumPower(const std::complex<float> *X, std::size_t n, float exponent, float *out);

/**
 * Short-time Fourier transform parameters, in samples. Defaults are librosa's (< 0.10) and
 * torchaudio's: periodic Hann, center = true with n_fft/2 samples of reflect padding per side.
 */
struct StftConfig
{
    int nFft = 2048;
    int hop = 512;
    int winLength = 0;   ///< 0 = nFft; a shorter window is zero-padded centred in the n_fft frame
    WindowType window = WindowType::Hann;
    bool periodic = true;
    bool center = true;
    PadMode pad = PadMode::Reflect;

    bool operator==(const StftConfig &) const = default;
};

/**
 * STFT configured once (window and FFT plan precomputed) and run many times; all compute
 * functions are const and thread-safe. Conventions follow librosa.stft / torch.stft
 * (onesided, unnormalised, e^{-i 2 pi k n / N}):
 * frame t covers padded samples [t*hop, t*hop + nFft) where the padding is nFft/2 samples on each
 * side when center = true; reflect padding mirrors without repeating the edge sample (numpy
 * "reflect", repeated for signals shorter than the pad). Empty input gives a bins x 0 matrix.
 */
class Stft
{
public:
    /** Validates (nFft >= 2, hop >= 1, 0 <= winLength <= nFft) and precomputes; InvalidArgument otherwise. */
    static base::Result<Stft> create(const StftConfig &config);

    const StftConfig &config() const { return m_config; }
    std::size_t bins() const { return std::size_t(m_config.nFft) / 2 + 1; }
    /** Frames for n samples: center: 1 + (n + 2*(nFft/2) - nFft)/hop (= 1 + n/hop for even nFft);
     *  otherwise 1 + (n - nFft)/hop, or 0 when n < nFft. 0 for n = 0. */
    std::size_t frameCount(std::size_t nSamples) const;
    /** Index in x of the first sample of frame t (negative inside the left padding). */
    long long frameStart(std::size_t t) const;

    /** |X|^exponent (1 = magnitude, 2 = power), bins x frames. */
    base::Matrix spectrogram(const float *x, std::size_t n, float exponent = 2.0f) const;
    /** Real and imaginary parts, bins x frames each. */
    void complexSpectrogram(const float *x, std::size_t n, base::Matrix &re, base::Matrix &im) const;

    /** Per-thread scratch for the frame-level API below (SIMD-aligned buffers). */
    class Workspace
    {
    public:
        explicit Workspace(int nFft);
        ~Workspace();
        Workspace(const Workspace &) = delete;
        Workspace &operator=(const Workspace &) = delete;
        float *frame() { return m_frame; }
        std::complex<float> *spectrum() { return m_spectrum; }

    private:
        float *m_frame = nullptr;
        std::complex<float> *m_spectrum = nullptr;
    };

    /**
     * Windowed frame starting at x[start] (start may be negative or run past n: those samples come
     * from the padding rule, with x[0..n) the whole signal) into ws.frame(), then its spectrum into
     * ws.spectrum() (bins() values). The building block for streaming and fused front ends.
     */
    void frameSpectrum(const float *x, std::size_t n, long long start, Workspace &ws) const;

private:
    Stft() = default;
    void fillFrame(const float *x, std::size_t n, long long start, float *out) const;

    StftConfig m_config;
    std::vector<float> m_window; ///< nFft long, zero outside the centred winLength
    int m_winOffset = 0;         ///< first non-zero window sample
    int m_winLen = 0;
    std::shared_ptr<const RealFft> m_fft;
};

} // namespace genrescope::dsp
