// Log-mel (n_fft 2048, hop 512, 128 Slaney bands, power_to_db top_db 80) of a 30-s clip on one thread,
// against (a) the floor: FFTW's plain 2048-point real FFTs of the same 1292 frames and nothing else, and
// (b) torchaudio MelSpectrogram + AmplitudeToDB on the same samples, timed by torchaudio_logmel.py
// (run from here) with the reference BLAS and with OpenBLAS. Figures: docs/benchmarks/dsp.md.
#include "features/extractor.h"
#include "features/npy.h"
#include "features/recipes.h"

#include <benchmark/benchmark.h>
#include <fftw3.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <numbers>
#include <random>
#include <string>
#include <vector>

using namespace genrescope;

namespace {

constexpr std::size_t kSamples = 661500; // 30 s at 22,050 Hz
constexpr int kNFft = 2048, kHop = 512;

const std::vector<float> &clip()
{
    static const std::vector<float> x = [] {
        std::vector<float> y(kSamples);
        std::mt19937 rng(42);
        std::normal_distribution<float> g(0.0f, 0.05f);
        for (std::size_t i = 0; i < kSamples; ++i) {
            const double t = double(i) / 22050.0;
            y[i] = float(0.3 * std::sin(2 * std::numbers::pi * 220.0 * t) + 0.2 * std::sin(2 * std::numbers::pi * 1375.0 * t))
                   + g(rng);
        }
        return y;
    }();
    return x;
}

/** (a) The floor: plain FFTW r2c of every frame of the padded clip, no window, no copy, no magnitude. */
void fftFloor(benchmark::State &state, unsigned flags)
{
    const auto &x = clip();
    const std::size_t frames = 1 + kSamples / kHop;
    const std::size_t padded = kSamples + kNFft;
    float *in = fftwf_alloc_real(padded);
    std::fill(in, in + padded, 0.0f);
    std::copy(x.begin(), x.end(), in + kNFft / 2);
    fftwf_complex *out = fftwf_alloc_complex(kNFft / 2 + 1);
    // Every frame start (t * 512 floats) keeps the SIMD alignment of `in`, so one aligned plan serves all.
    fftwf_plan plan = fftwf_plan_dft_r2c_1d(kNFft, in, out, flags | FFTW_PRESERVE_INPUT);
    std::copy(x.begin(), x.end(), in + kNFft / 2); // MEASURE planning may have scribbled on it
    for (auto _ : state) {
        for (std::size_t t = 0; t < frames; ++t)
            fftwf_execute_dft_r2c(plan, in + t * kHop, out);
        benchmark::DoNotOptimize(out[0][0]);
        benchmark::ClobberMemory();
    }
    state.counters["frames"] = double(frames);
    fftwf_destroy_plan(plan);
    fftwf_free(in);
    fftwf_free(out);
}

void BM_FftFloor_Measure(benchmark::State &state)
{
    fftFloor(state, FFTW_MEASURE);
}
void BM_FftFloor_Estimate(benchmark::State &state)
{
    fftFloor(state, FFTW_ESTIMATE);
}

/** Genrescope: the logmel128 recipe end to end (STFT, power, mel, dB with top_db) into a tensor. */
void BM_GenrescopeLogMel(benchmark::State &state)
{
    const auto &x = clip();
    const auto ex = features::Extractor::create(features::recipe("logmel128").value()).value();
    for (auto _ : state) {
        auto t = ex.extract(x.data(), x.size());
        benchmark::DoNotOptimize(t.value().data.data());
    }
}

/** (b) torchaudio through the Python script, with libblas.so.3 taken from `blasDir`. */
void torchaudio(benchmark::State &state, const char *blasDir)
{
    static const std::string npy = [] {
        const auto path = std::filesystem::temp_directory_path() / "genrescope_bench_logmel_clip.npy";
        const features::FeatureTensor t{{std::int64_t(kSamples)}, clip()};
        if (!features::writeNpy(path, t).ok())
            return std::string();
        return path.string();
    }();
    const std::string cmd = std::string("LD_LIBRARY_PATH=") + blasDir + " OMP_NUM_THREADS=1 /usr/bin/python3 "
                            + GS_TORCHAUDIO_BENCH_SCRIPT + " " + npy + " 20 2>/dev/null";
    double minMs = 0, medianMs = 0;
    if (FILE *p = popen(cmd.c_str(), "r")) {
        if (std::fscanf(p, "%lf %lf", &minMs, &medianMs) != 2)
            minMs = 0;
        pclose(p);
    }
    if (npy.empty() || minMs <= 0) {
        state.SkipWithError("torchaudio timing script failed (is python3-torchaudio installed for /usr/bin/python3?)");
        return;
    }
    for (auto _ : state)
        state.SetIterationTime(minMs / 1000.0);
    state.counters["median_ms"] = medianMs;
}

void BM_Torchaudio_ReferenceBlas(benchmark::State &state)
{
    torchaudio(state, "/usr/lib/x86_64-linux-gnu/blas");
}
void BM_Torchaudio_OpenBlas(benchmark::State &state)
{
    torchaudio(state, "/usr/lib/x86_64-linux-gnu/openblas-pthread");
}

} // namespace

BENCHMARK(BM_FftFloor_Measure)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_FftFloor_Estimate)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_GenrescopeLogMel)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_Torchaudio_ReferenceBlas)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(1);
BENCHMARK(BM_Torchaudio_OpenBlas)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(1);

BENCHMARK_MAIN();
