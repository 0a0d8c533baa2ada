#include "torchinfo.h"

#include <ATen/Parallel.h>
#include <ATen/Version.h>
#include <torch/version.h>

#include <algorithm>
#include <sstream>
#include <thread>

namespace genrescope::models {

std::string torchVersion()
{
    return TORCH_VERSION;
}

std::string torchBackendSummary()
{
    std::string config = at::show_config();
    std::istringstream in(config);
    std::string line, out;
    while (std::getline(in, line)) {
        if (line.find("BLAS_INFO") != std::string::npos || line.find("LAPACK_INFO") != std::string::npos
            || line.find("USE_MKLDNN") != std::string::npos || line.find("USE_OPENMP") != std::string::npos) {
            auto first = line.find_first_not_of(" -");
            out += (out.empty() ? "" : "; ") + line.substr(first == std::string::npos ? 0 : first);
        }
    }
    return out;
}

void configureTorchThreads(int threads)
{
    if (threads <= 0)
        threads = int(std::max(1u, std::thread::hardware_concurrency()));
    at::set_num_threads(threads);
}

int torchThreads()
{
    return at::get_num_threads();
}

} // namespace genrescope::models
