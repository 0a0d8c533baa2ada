#include "dsp/fftplan.h"

#include <fftw3.h>

#include <cstring>
#include <map>
#include <mutex>
#include <vector>

namespace genrescope::dsp {

struct RealFft::Plans
{
    fftwf_plan r2cAligned = nullptr;
    fftwf_plan r2cUnaligned = nullptr;
    fftwf_plan c2rAligned = nullptr;
};

namespace {

std::mutex &plannerMutex()
{
    static std::mutex m;
    return m;
}

// FFTW_ESTIMATE: FFTW_MEASURE costs 0.2-0.7 s per plan on this class of machine (paid again by every
// process), for no measurable gain at the sizes the recipes use (benchmarks/dsp compares both).
constexpr unsigned kPlanFlags = FFTW_ESTIMATE;

struct AlignedFloats
{
    float *p = nullptr;
    std::size_t n = 0;
    ~AlignedFloats()
    {
        if (p)
            fftwf_free(p);
    }
    float *get(std::size_t want)
    {
        if (want > n) {
            if (p)
                fftwf_free(p);
            p = static_cast<float *>(fftwf_malloc(want * sizeof(float)));
            n = want;
        }
        return p;
    }
};

} // namespace

RealFft::RealFft(int n, Plans *plans) : m_n(n), m_plans(plans) {}

RealFft::~RealFft()
{
    std::lock_guard lock(plannerMutex());
    if (m_plans->r2cAligned)
        fftwf_destroy_plan(m_plans->r2cAligned);
    if (m_plans->r2cUnaligned)
        fftwf_destroy_plan(m_plans->r2cUnaligned);
    if (m_plans->c2rAligned)
        fftwf_destroy_plan(m_plans->c2rAligned);
    delete m_plans;
}

std::shared_ptr<const RealFft> RealFft::get(int n)
{
    if (n <= 0)
        return nullptr;
    std::lock_guard lock(plannerMutex());
    static std::map<int, std::shared_ptr<const RealFft>> cache;
    if (auto it = cache.find(n); it != cache.end())
        return it->second;

    const std::size_t bins = static_cast<std::size_t>(n) / 2 + 1;
    float *in = static_cast<float *>(fftwf_malloc(sizeof(float) * std::size_t(n)));
    fftwf_complex *out = static_cast<fftwf_complex *>(fftwf_malloc(sizeof(fftwf_complex) * bins));
    if (!in || !out) {
        fftwf_free(in);
        fftwf_free(out);
        return nullptr;
    }
    auto *plans = new Plans;
    plans->r2cAligned = fftwf_plan_dft_r2c_1d(n, in, out, kPlanFlags);
    plans->r2cUnaligned = fftwf_plan_dft_r2c_1d(n, in, out, kPlanFlags | FFTW_UNALIGNED);
    plans->c2rAligned = fftwf_plan_dft_c2r_1d(n, out, in, kPlanFlags | FFTW_DESTROY_INPUT);
    fftwf_free(in);
    fftwf_free(out);
    if (!plans->r2cAligned || !plans->r2cUnaligned || !plans->c2rAligned) {
        if (plans->r2cAligned)
            fftwf_destroy_plan(plans->r2cAligned);
        if (plans->r2cUnaligned)
            fftwf_destroy_plan(plans->r2cUnaligned);
        if (plans->c2rAligned)
            fftwf_destroy_plan(plans->c2rAligned);
        delete plans;
        return nullptr;
    }
    // The destructor locks the planner mutex, so the cache (destroyed at exit) must not hold it here.
    std::shared_ptr<const RealFft> fft(new RealFft(n, plans));
    cache.emplace(n, fft);
    return fft;
}

void RealFft::forward(const float *in, std::complex<float> *out) const
{
    auto *o = reinterpret_cast<fftwf_complex *>(out);
    auto *i = const_cast<float *>(in); // r2c does not modify its input
    if (fftwf_alignment_of(i) == 0 && fftwf_alignment_of(reinterpret_cast<float *>(o)) == 0)
        fftwf_execute_dft_r2c(m_plans->r2cAligned, i, o);
    else
        fftwf_execute_dft_r2c(m_plans->r2cUnaligned, i, o);
}

void RealFft::inverse(const std::complex<float> *in, float *out) const
{
    thread_local AlignedFloats scratchIn;
    thread_local AlignedFloats scratchOut;
    const std::size_t bins = std::size_t(m_n) / 2 + 1;
    float *ci = scratchIn.get(2 * bins);
    std::memcpy(ci, in, 2 * bins * sizeof(float));
    float *ro = scratchOut.get(std::size_t(m_n));
    fftwf_execute_dft_c2r(m_plans->c2rAligned, reinterpret_cast<fftwf_complex *>(ci), ro);
    std::memcpy(out, ro, std::size_t(m_n) * sizeof(float));
}

} // namespace genrescope::dsp
