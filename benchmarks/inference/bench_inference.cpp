// Inference speed with the broadcast network (registry "broadcast", untrained weights: timing only).
// Rows with /fused:1 run the load-time fused network (models/fusedbroadcast.h), /fused:0 the plain module
// (the baseline of the fusion, in the same run).
// - DropToGuess: a 30-s mp3 from path to song-level result; its baseline in the same run is the forward
//   pass alone on the same features (ForwardOnly), so the share beyond the model is 1 - forward / total.
// - DropToGuessDefaultModel: the same with the embedded default model (MLP on the 57 clip statistics).
// - TenMinutes: a 10-minute mp3, streaming: time to the first segment result and to the whole song.
// - ForwardOnly30s/passes:2: two forward passes at once on two threads with half the intra-op threads
//   each (threads:0, what classifyFiles does with concurrentForwards 2) or the given number (threads:2),
//   against passes:1 (one pass, all threads).
// - GtzanDev70: the 70 gtzan-dev clips, files in parallel: songs per second; concurrent:1 lets the jobs
//   run their forward passes at once (ForwardSharing::concurrentForwards = jobs), concurrent:0 one at a time.
// The mp3 files are made with the ffmpeg CLI in a temporary folder from a gtzan-dev clip (never kept).
// Needs ../shared/data (or $GS_SHARED_DATA). Figures: docs/benchmarks/inference.md.
#include "base/parallel.h"
#include "features/extractor.h"
#include "features/featureconfig.h"
#include "features/recipes.h"
#include "inference/classify.h"
#include "inference/classifyfiles.h"
#include "inference/defaultmodel.h"
#include "inference/torchthreads.h"
#include "models/bundle.h"
#include "models/bundlemodel.h"
#include "models/loadedmodel.h"
#include "models/registry.h"
#include "models/torchinfo.h"
#include "audio/decoder.h"

#include <ATen/ATen.h>
#include <benchmark/benchmark.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

namespace fs = std::filesystem;
using namespace genrescope;

namespace {

fs::path sharedData()
{
    const char *env = std::getenv("GS_SHARED_DATA");
    return fs::path(env && *env ? env : GS_SHARED_DATA_DIR);
}

const std::vector<std::string> kGenres = {"blues", "classical", "country", "disco", "hiphop",
                                          "jazz",  "metal",     "pop",     "reggae", "rock"};

struct Fixture
{
    fs::path dir;
    fs::path mp3_30s, mp3_10min;
    std::vector<fs::path> dev;
    std::unique_ptr<models::LoadedModel> model;
    std::unique_ptr<models::LoadedModel> defaultModel;
    bool ok = false;
    std::string why;

    Fixture()
    {
        models::configureTorchThreads();
        const fs::path clip = sharedData() / "gtzan-dev" / "blues" / "blues.00000.flac";
        if (!fs::exists(clip)) {
            why = "no " + clip.string();
            return;
        }
        dir = fs::temp_directory_path() / ("gs-bench-inference-" + std::to_string(::getpid()));
        fs::create_directories(dir);
        mp3_30s = dir / "30s.mp3";
        mp3_10min = dir / "10min.mp3";
        const std::string q = "ffmpeg -hide_banner -loglevel error -y ";
        if (std::system((q + "-i '" + clip.string() + "' -t 30 -b:a 128k '" + mp3_30s.string() + "'").c_str()) != 0 ||
            std::system((q + "-stream_loop 19 -i '" + clip.string() + "' -t 600 -b:a 128k '" + mp3_10min.string() + "'")
                            .c_str()) != 0) {
            why = "the ffmpeg CLI failed";
            return;
        }
        for (auto &e : fs::recursive_directory_iterator(sharedData() / "gtzan-dev"))
            if (e.is_regular_file() && e.path().extension() == ".flac")
                dev.push_back(e.path());
        std::sort(dev.begin(), dev.end());

        torch::manual_seed(1);
        models::ModelBundle b;
        b.architecture = "broadcast";
        b.config = models::normalizedConfig("broadcast", {}).value();
        b.featureConfig = features::recipe("bbnn-f2").value().toJson();
        b.labels = kGenres;
        b.net = models::createModel("broadcast", b.config, 10).value();
        const fs::path bundle = dir / "broadcast.gsm";
        if (!models::saveBundle(b, bundle).ok()) {
            why = "saveBundle failed";
            return;
        }
        auto m = models::loadModel(bundle);
        if (!m.ok()) {
            why = m.error().toString();
            return;
        }
        model = std::move(m.value());
        if (auto path = inference::defaultModelPath()) {
            auto d = models::loadModel(*path);
            if (d.ok())
                defaultModel = std::move(d.value());
        }
        ok = true;
    }

    /** The broadcast model with the fused inference path on or off. */
    models::LoadedModel *broadcast(bool fused)
    {
        if (auto *b = dynamic_cast<models::BundleModel *>(model.get()))
            b->setFusedInference(fused);
        return model.get();
    }
    ~Fixture()
    {
        std::error_code ec;
        if (!dir.empty())
            fs::remove_all(dir, ec);
    }
};

Fixture &fixture()
{
    static Fixture f;
    return f;
}

void dropToGuess(benchmark::State &state, models::LoadedModel *m)
{
    Fixture &f = fixture();
    double decode = 0, feats = 0, model = 0, total = 0;
    for (auto _ : state) {
        auto r = inference::classify(inference::AudioSource::file(f.mp3_30s), {m});
        if (!r.ok()) {
            state.SkipWithError(r.error().toString().c_str());
            return;
        }
        benchmark::DoNotOptimize(r->models[0].decisions.data());
        decode += r->timings.decodeMs;
        feats += r->timings.featuresMs;
        model += r->timings.modelMs;
        total += r->timings.totalMs;
    }
    const double n = double(state.iterations());
    state.counters["decode_ms"] = decode / n;
    state.counters["features_ms"] = feats / n;
    state.counters["model_ms"] = model / n;
    state.counters["total_ms"] = total / n;
    state.counters["beyond_model_share"] = (total - model) / total;
}

void DropToGuess30s(benchmark::State &state)
{
    Fixture &f = fixture();
    if (!f.ok) {
        state.SkipWithError(f.why.c_str());
        return;
    }
    dropToGuess(state, f.broadcast(state.range(0) != 0));
}

void DropToGuessDefaultModel30s(benchmark::State &state)
{
    Fixture &f = fixture();
    if (!f.ok || !f.defaultModel) {
        state.SkipWithError(f.ok ? "no default model (resources/models/default.gsm)" : f.why.c_str());
        return;
    }
    dropToGuess(state, f.defaultModel.get());
}

/** The baseline: the forward pass alone on the 30-s clip's features (computed once, outside the loop). */
void ForwardOnly30s(benchmark::State &state)
{
    Fixture &f = fixture();
    if (!f.ok) {
        state.SkipWithError(f.why.c_str());
        return;
    }
    audio::DecodeOptions o;
    o.sampleRate = 22050;
    auto audio = audio::decodeFile(f.mp3_30s, o);
    auto feats = features::extract(features::recipe("bbnn-f2").value(), audio->samples);
    if (!feats.ok()) {
        state.SkipWithError(feats.error().toString().c_str());
        return;
    }
    at::Tensor batch = at::from_blob(feats->data.data(), feats->shape, at::kFloat).clone();
    models::LoadedModel *m = f.broadcast(state.range(0) != 0);
    const int passes = int(state.range(1));
    if (passes > 1 && !inference::allowsConcurrentPasses(*m)) {
        state.SkipWithError("this model does not allow concurrent passes");
        return;
    }
    // passes > 1: that many passes at once on their own threads, each with threads / passes intra-op
    // threads (as classifyFiles runs them); the row's time is that of the whole group.
    const int threads = state.range(2) > 0 ? int(state.range(2))
                                           : std::max(1, inference::ScopedTorchThreads::current() / passes);
    for (auto _ : state) {
        if (passes == 1) {
            auto p = m->predictProbabilities(batch);
            benchmark::DoNotOptimize(p.ok());
            continue;
        }
        std::vector<std::thread> pool;
        for (int i = 0; i < passes; ++i)
            pool.emplace_back([&] {
                inference::ScopedTorchThreads guard(threads);
                auto p = m->predictProbabilities(batch);
                benchmark::DoNotOptimize(p.ok());
            });
        for (auto &t : pool)
            t.join();
    }
    state.counters["passes_per_s"] = benchmark::Counter(double(passes) * double(state.iterations()),
                                                        benchmark::Counter::kIsRate);
}

void TenMinutesStreaming(benchmark::State &state)
{
    Fixture &f = fixture();
    if (!f.ok) {
        state.SkipWithError(f.why.c_str());
        return;
    }
    inference::ClassifyOptions options;
    options.streaming = true;
    double first = 0, whole = 0;
    std::size_t segments = 0;
    for (auto _ : state) {
        const auto t0 = std::chrono::steady_clock::now();
        double firstMs = -1;
        auto r = inference::classify(inference::AudioSource::file(f.mp3_10min), {f.broadcast(true)}, options,
                                     [&](const inference::SegmentResult &) {
                                         if (firstMs < 0)
                                             firstMs = std::chrono::duration<double, std::milli>(
                                                           std::chrono::steady_clock::now() - t0)
                                                           .count();
                                     });
        if (!r.ok()) {
            state.SkipWithError(r.error().toString().c_str());
            return;
        }
        whole += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        first += firstMs;
        segments = r->models[0].segments.size();
    }
    const double n = double(state.iterations());
    state.counters["first_segment_ms"] = first / n;
    state.counters["whole_song_ms"] = whole / n;
    state.counters["segments"] = double(segments);
}

void GtzanDev70(benchmark::State &state)
{
    Fixture &f = fixture();
    if (!f.ok) {
        state.SkipWithError(f.why.c_str());
        return;
    }
    const unsigned jobs = unsigned(state.range(0));
    models::LoadedModel *m = f.broadcast(state.range(1) != 0);
    inference::ForwardSharing sharing;
    sharing.concurrentForwards = state.range(2) != 0 ? int(jobs) : 1;
    double songs = 0, seconds = 0;
    for (auto _ : state) {
        auto s = inference::classifyFiles(f.dev, {m}, {}, base::threadedFor(jobs), {}, base::CancelToken::none(), {},
                                          sharing);
        if (!s.ok() || s->failed > 0) {
            state.SkipWithError("batch failed");
            return;
        }
        songs += double(s->ok);
        seconds += s->wallMs / 1000.0;
    }
    state.counters["songs_per_s"] = songs / seconds;
}

void GtzanDev70DefaultModel(benchmark::State &state)
{
    Fixture &f = fixture();
    if (!f.ok || !f.defaultModel) {
        state.SkipWithError(f.ok ? "no default model (resources/models/default.gsm)" : f.why.c_str());
        return;
    }
    const unsigned jobs = unsigned(state.range(0));
    double songs = 0, seconds = 0;
    for (auto _ : state) {
        auto s = inference::classifyFiles(f.dev, {f.defaultModel.get()}, {}, base::threadedFor(jobs));
        if (!s.ok() || s->failed > 0) {
            state.SkipWithError("batch failed");
            return;
        }
        songs += double(s->ok);
        seconds += s->wallMs / 1000.0;
    }
    state.counters["songs_per_s"] = songs / seconds;
}

} // namespace

BENCHMARK(ForwardOnly30s)->ArgNames({"fused", "passes", "threads"})->Args({1, 1, 0})->Args({0, 1, 0})->Args({1, 2, 0})->Args({1, 2, 2})->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();
BENCHMARK(DropToGuess30s)->ArgName("fused")->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(DropToGuessDefaultModel30s)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(TenMinutesStreaming)->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK(GtzanDev70)->ArgNames({"jobs", "fused", "concurrent"})->Args({1, 1, 0})->Args({2, 1, 1})->Args({2, 1, 0})->Args({1, 0, 0})->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(GtzanDev70DefaultModel)->ArgName("jobs")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(1);

BENCHMARK_MAIN();
