// Inference latency (batch 1) and throughput (batch 32) of four networks built by the registry, on CPU,
// eval mode under c10::InferenceMode, 2 intra-op threads (override with GS_BENCH_THREADS).
// Rows "<model>" time the plain registry module (the module training uses); rows "bbnn-app" and
// "broadcast-app" time what the app runs for inference of those bundles: the load-time fused twin of
// models/fusedbroadcast.h (BatchNorm folded, channels-last), built from the same module.
// Baseline: the same architectures in PyTorch, measured by tools/bench_models_pytorch.py in the same run.
#include "models/fusedbroadcast.h"
#include "models/genrenet.h"
#include "models/registry.h"
#include "models/torchinfo.h"

#include "base/allocator.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>

using namespace genrescope;

namespace {

void runModel(benchmark::State &state, const char *name, bool fused = false)
{
    const int batch = int(state.range(0));
    torch::manual_seed(0);
    auto net = models::createModel(name, {});
    if (!net) {
        state.SkipWithError(net.error().toString().c_str());
        return;
    }
    auto shape = models::findModelSpec(name)->inputShape;
    shape.insert(shape.begin(), batch);
    (*net)->eval();
    models::GenreNet model = *net;
    if (fused) {
        auto twin = models::fuseForInference(*net);
        if (!twin || !*twin) {
            state.SkipWithError(twin ? "no fused twin for this network" : twin.error().toString().c_str());
            return;
        }
        model = *twin;
    }
    c10::InferenceMode guard;
    const auto x = torch::randn(shape);
    model->forward(x); // warm-up: oneDNN primitive creation, allocator
    for (auto _ : state) {
        auto y = model->forward(x);
        benchmark::DoNotOptimize(y.data_ptr());
    }
    state.SetItemsProcessed(state.iterations() * batch);
    state.counters["params"] = double(models::countParameters(**net));
}

void bbnn(benchmark::State &s) { runModel(s, "bbnn"); }
void broadcast(benchmark::State &s) { runModel(s, "broadcast"); }
void bbnnApp(benchmark::State &s) { runModel(s, "bbnn", true); }
void broadcastApp(benchmark::State &s) { runModel(s, "broadcast", true); }
void crnn(benchmark::State &s) { runModel(s, "choi-crnn"); }
void bcnnSmall(benchmark::State &s) { runModel(s, "bcnn-small"); }

} // namespace

BENCHMARK(bbnn)->Name("bbnn")->Arg(1)->Arg(32)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();
BENCHMARK(broadcast)->Name("broadcast")->Arg(1)->Arg(32)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();
BENCHMARK(bbnnApp)->Name("bbnn-app")->Arg(1)->Arg(32)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();
BENCHMARK(broadcastApp)->Name("broadcast-app")->Arg(1)->Arg(32)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();
BENCHMARK(crnn)->Name("choi-crnn")->Arg(1)->Arg(32)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();
BENCHMARK(bcnnSmall)->Name("bcnn-small")->Arg(1)->Arg(32)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();

int main(int argc, char **argv)
{
    // GS_BENCH_MALLOC=default measures glibc's default policy (the baseline of base/allocator.h).
    const char *mallocPolicy = std::getenv("GS_BENCH_MALLOC");
    if (!mallocPolicy || std::string(mallocPolicy) != "default")
        base::tuneAllocatorForTensors();
    const char *env = std::getenv("GS_BENCH_THREADS");
    models::configureTorchThreads(env ? std::atoi(env) : 2);
    std::fprintf(stderr, "libtorch %s, %d threads; %s\n", models::torchVersion().c_str(), models::torchThreads(),
                 models::torchBackendSummary().c_str());
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
