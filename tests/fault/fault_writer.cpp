// Helper of tst_diskfull: performs one write through the app's own code, so the test can run it in a
// child process under a file-size limit. Prints the error code name (base::errorCodeName) and exits 1
// on failure, exits 0 on success.
//   fault_writer bundle SRC DST     load bundle SRC, save it to DST (models::saveBundle)
//   fault_writer cache DIR N        store N floats under a fixed key in the feature cache at DIR
//   fault_writer cache-read DIR     print the number of floats cached under that key (0: a miss)
#include "base/error.h"
#include "data/featurecache.h"
#include "models/bundle.h"

#include <ATen/Parallel.h>

#include <cstdio>
#include <cstdlib>
#include <string>

using namespace genrescope;

namespace {

int report(const base::Error &e)
{
    std::printf("%s\n", std::string(base::errorCodeName(e.code)).c_str());
    std::fprintf(stderr, "fault_writer: %s\n", e.toString().c_str());
    return 1;
}

data::CacheKey fixedKey()
{
    data::CacheKey key;
    key.file.path = "/fault/test.wav";
    key.file.size = 1234;
    key.file.mtimeNs = 42;
    key.configHash = std::string(64, 'a');
    return key;
}

} // namespace

int main(int argc, char **argv)
{
    at::set_num_threads(1);
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "bundle" && argc == 4) {
        auto bundle = models::loadBundle(argv[2]);
        if (!bundle.ok())
            return report(bundle.error());
        auto saved = models::saveBundle(*bundle, argv[3]);
        if (!saved.ok())
            return report(saved.error());
        std::printf("ok\n");
        return 0;
    }
    if (mode == "cache" && argc == 4) {
        const data::FeatureCache cache(argv[2]);
        data::CachedFeatures value;
        const long n = std::strtol(argv[3], nullptr, 10);
        value.shape = {n};
        value.data.assign(std::size_t(n), 0.25f);
        value.metadata = "{}";
        auto stored = cache.store(fixedKey(), value);
        if (!stored.ok())
            return report(stored.error());
        std::printf("ok\n");
        return 0;
    }
    if (mode == "cache-read" && argc == 3) {
        const data::FeatureCache cache(argv[2]);
        const auto value = cache.lookup(fixedKey());
        std::printf("%zu\n", value ? value->data.size() : std::size_t(0));
        return 0;
    }
    std::fprintf(stderr, "usage: fault_writer bundle SRC DST | cache DIR N | cache-read DIR\n");
    return 2;
}
