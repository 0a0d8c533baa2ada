#pragma once

#include <complex>
#include <memory>

namespace genrescope::dsp {

/**
 * A single-precision real FFT of one size (FFTW). Plans are created under one global mutex
 * (FFTW's planner is not thread-safe) and cached for the life of the process; get() returns the
 * shared plan. forward()/inverse() are const and thread-safe: they use FFTW's new-array execute
 * functions on the caller's arrays (an aligned plan when both arrays are SIMD-aligned, an
 * FFTW_UNALIGNED plan otherwise).
 */
class RealFft
{
public:
    /** The plan for n > 0 reals; nullptr if n <= 0 or FFTW cannot plan it. */
    static std::shared_ptr<const RealFft> get(int n);

    int size() const { return m_n; }
    int bins() const { return m_n / 2 + 1; }

    /** n reals -> n/2 + 1 complex bins, unnormalised (as FFTW and numpy.fft.rfft). */
    void forward(const float *in, std::complex<float> *out) const;
    /** n/2 + 1 bins -> n reals, UNnormalised (divide by n for the inverse of forward()).
     *  The input is not modified (it is copied first, since FFTW's c2r destroys its input). */
    void inverse(const std::complex<float> *in, float *out) const;

    ~RealFft();
    RealFft(const RealFft &) = delete;
    RealFft &operator=(const RealFft &) = delete;

    struct Plans;
    explicit RealFft(int n, Plans *plans);

private:
    int m_n;
    Plans *m_plans;
};

} // namespace genrescope::dsp
