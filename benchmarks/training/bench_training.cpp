// One training epoch through training::train(), the code path of `genrescope-cli train`: per-band input
// normalisation from the training items, the model built and initialised, one shuffled epoch of Adam
// steps on cross-entropy (batch gathered by index, normalised, forward, backward, step), no validation,
// no checkpoint. The data are random items of the model's input shape (and MLFI's 55 statistics), so
// only the training itself is timed. tools/bench_training_pytorch.py runs the same epoch in PyTorch.
//
// Rows: Epoch/<model>/<index>/<batch>/<batches>; counter items_per_s.
// Threads: GS_BENCH_THREADS (default 2), set with at::set_num_threads.
#include "features/recipes.h"
#include "models/bundle.h"
#include "models/registry.h"
#include "training/trainer.h"

#include <ATen/Parallel.h>
#include "base/allocator.h"

#include <benchmark/benchmark.h>
#include <torch/torch.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <memory>
#include <random>

using namespace genrescope;

namespace {

const char *kModels[] = {"broadcast", "mlfi"};
constexpr int kSongs = 8; // items are spread over songs; the split puts every song on the training side

std::shared_ptr<training::PreparedData> randomData(const std::string &model, std::int64_t items)
{
    const models::ModelSpec *spec = models::findModelSpec(model);
    auto data = std::make_shared<training::PreparedData>();
    for (int c = 0; c < 10; ++c)
        data->labels.push_back("class" + std::to_string(c));
    data->itemShape = spec->inputShape;
    auto fc = features::recipe(spec->recipe);
    if (spec->auxSize > 0) {
        data->auxItemShape = {spec->auxSize};
        data->auxFeatureConfig = models::auxFeatureConfigFor(model, *fc)->toJson();
    }
    std::mt19937 rng(1);
    std::normal_distribution<float> normal(-30.0f, 15.0f); // dB-like values, so normalisation does real work
    const std::size_t itemSize = data->itemSize();
    for (int s = 0; s < kSongs; ++s) {
        training::SongSamples song;
        song.key = "song" + std::to_string(s);
        song.group = song.key;
        song.label = s % 10;
        song.items = items / kSongs + (s < items % kSongs ? 1 : 0);
        song.data.resize(std::size_t(song.items) * itemSize);
        for (float &v : song.data)
            v = normal(rng);
        song.aux.resize(std::size_t(song.items) * data->auxItemSize());
        for (float &v : song.aux)
            v = normal(rng);
        data->songs.push_back(std::move(song));
    }
    return data;
}

void Epoch(benchmark::State &state)
{
    const std::string model = kModels[state.range(0)];
    const int batch = int(state.range(1));
    const int batches = int(state.range(2));
    const models::ModelSpec *spec = models::findModelSpec(model);
    training::TrainingJob job;
    job.architecture = model;
    job.featureConfig = features::recipe(spec->recipe)->toJson();
    job.data = randomData(model, std::int64_t(batch) * batches);
    job.split.method = data::SplitMethod::Fixed;
    for (const auto &s : job.data->songs)
        job.split.train.push_back(s.key);
    std::sort(job.split.train.begin(), job.split.train.end());
    training::TrainerOptions opts;
    opts.epochs = 1;
    opts.batchSize = batch;
    opts.learningRate = 1e-3;
    opts.plateau = false;
    opts.earlyStopping = false;
    opts.seed = 1;
    for (auto _ : state) {
        auto r = training::train(job, opts);
        if (!r.ok()) {
            state.SkipWithError(r.error().toString().c_str());
            return;
        }
        benchmark::DoNotOptimize(r->bundle.net);
    }
    const double items = double(batch) * batches;
    state.counters["items_per_s"] = benchmark::Counter(items * double(state.iterations()), benchmark::Counter::kIsRate);
}

// {model, batch, batches}: broadcast 4 x 8 (1x646x128 clips), MLFI 10 x 16 (1x128x130 segments + 55).
BENCHMARK(Epoch)->Name("Epoch/broadcast")->Args({0, 8, 4})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(Epoch)->Name("Epoch/mlfi")->Args({1, 16, 10})->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

int main(int argc, char **argv)
{
    // GS_BENCH_MALLOC=default measures glibc's default policy (the baseline of base/allocator.h).
    const char *mallocPolicy = std::getenv("GS_BENCH_MALLOC");
    if (!mallocPolicy || std::string(mallocPolicy) != "default")
        base::tuneAllocatorForTensors();
    const char *t = std::getenv("GS_BENCH_THREADS");
    at::set_num_threads(t ? std::max(1, std::atoi(t)) : 2);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
