// What the feature cache saves: a hit (read + checksum of a 128 x 1292 log-mel, the size of a 30-s clip
// at hop 512) against decoding that clip, the least work a miss must redo. Plus a scan of gtzan-dev
// (probe + SHA-1 of 70 files) serial and on two threads. Needs ../shared/data (or $GS_SHARED_DATA).
#include "audio/decoder.h"
#include "data/dataset.h"
#include "data/featurecache.h"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <unistd.h>

using namespace genrescope;
namespace fs = std::filesystem;

namespace {

fs::path sharedData()
{
    const char *env = std::getenv("GS_SHARED_DATA");
    return fs::path(env && *env ? env : GS_SHARED_DATA_DIR);
}

fs::path clip()
{
    return sharedData() / "gtzan-dev" / "blues" / "blues.00000.flac";
}

void BM_DecodeClip(benchmark::State &state)
{
    if (!fs::exists(clip())) {
        state.SkipWithError("../shared/data/gtzan-dev is not present");
        return;
    }
    for (auto _ : state) {
        auto decoded = audio::decodeFile(clip());
        if (!decoded.ok()) {
            state.SkipWithError(decoded.error().toString().c_str());
            return;
        }
        benchmark::DoNotOptimize(decoded.value().samples.data());
    }
}

void BM_CacheHit(benchmark::State &state)
{
    if (!fs::exists(clip())) {
        state.SkipWithError("../shared/data/gtzan-dev is not present");
        return;
    }
    const fs::path dir = fs::temp_directory_path() / ("gs-bench-cache-" + std::to_string(::getpid()));
    const data::FeatureCache cache(dir);
    const data::CacheKey key{data::FileIdentity::of(clip()).value(), "bench-logmel-128"};
    data::CachedFeatures value;
    value.shape = {1, 128, 1292};
    value.data.assign(128 * 1292, 0.5f);
    value.metadata = "{}";
    if (!cache.store(key, value).ok()) {
        state.SkipWithError("cannot write the cache");
        return;
    }
    for (auto _ : state) {
        auto hit = cache.lookup(key);
        if (!hit) {
            state.SkipWithError("cache miss");
            break;
        }
        benchmark::DoNotOptimize(hit->data.data());
    }
    state.SetBytesProcessed(std::int64_t(state.iterations()) * std::int64_t(value.data.size() * sizeof(float)));
    std::error_code ec;
    fs::remove_all(dir, ec);
}

void BM_ScanGtzanDev(benchmark::State &state)
{
    const fs::path root = sharedData() / "gtzan-dev";
    if (!fs::exists(root)) {
        state.SkipWithError("../shared/data/gtzan-dev is not present");
        return;
    }
    data::ScanOptions options;
    const unsigned threads = unsigned(state.range(0));
    options.parallelFor = threads > 1 ? base::threadedFor(threads) : base::ParallelFor(base::serialFor);
    for (auto _ : state) {
        auto d = data::scanGenreFolders(root, options);
        if (!d.ok()) {
            state.SkipWithError(d.error().toString().c_str());
            return;
        }
        benchmark::DoNotOptimize(d.value().items.size());
    }
}

} // namespace

BENCHMARK(BM_DecodeClip)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CacheHit)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScanGtzanDev)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_MAIN();
