#include "device.h"

#include <ATen/Parallel.h>
#include <ATen/Version.h>
#include <torch/cuda.h>

#include <sstream>

namespace genrescope::models {

namespace {

/** The BLAS libtorch names in its build configuration ("OpenBLAS", "MKL", ...), or "" when unknown. */
std::string blasName()
{
    const std::string config = at::show_config();
    std::istringstream in(config);
    std::string line;
    while (std::getline(in, line)) {
        const auto pos = line.find("BLAS_INFO=");
        if (pos == std::string::npos)
            continue;
        std::string value = line.substr(pos + 10);
        const auto end = value.find_first_of(", \r\n");
        value = value.substr(0, end);
        if (value == "open")
            return "OpenBLAS";
        if (value == "mkl")
            return "MKL";
        if (value == "blis")
            return "BLIS";
        if (value == "generic")   // Debian: libblas.so.3 via update-alternatives (reference BLAS or OpenBLAS)
            return "system BLAS";
        return value;
    }
    return {};
}

} // namespace

bool cudaAvailable()
{
    try {
        return torch::cuda::is_available();
    } catch (...) {
        return false;
    }
}

std::string cpuDescription()
{
    const int threads = at::get_num_threads();
    std::string text = "CPU (" + std::to_string(threads) + (threads == 1 ? " thread" : " threads");
    const std::string blas = blasName();
    if (!blas.empty())
        text += ", " + blas;
    return text + ")";
}

DeviceChoice chooseDevice(bool allowCuda)
{
    DeviceChoice choice;
    const bool haveCuda = cudaAvailable();
    if (haveCuda && allowCuda) {
        choice.device = c10::Device(c10::DeviceType::CUDA, 0);
        std::size_t count = 1;
        try {
            count = torch::cuda::device_count();
        } catch (...) {
        }
        // Debian's libtorch headers do not expose the CUDA runtime, so the device is named by index.
        choice.description = "CUDA: device 0 of " + std::to_string(count);
        choice.reason = "CUDA is available and allowed";
        return choice;
    }
    choice.device = c10::Device(c10::DeviceType::CPU);
    choice.description = cpuDescription();
    if (!haveCuda)
        choice.reason = "this libtorch build has no CUDA support or no CUDA device is present";
    else
        choice.reason = "CUDA is available but disallowed by the user preference";
    return choice;
}

} // namespace genrescope::models
