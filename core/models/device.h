#pragma once

#include <c10/core/Device.h>

#include <string>

namespace genrescope::models {

/**
 * The device libtorch runs a model on, and why it was chosen, so the UI and the CLI can show it.
 * `description` is for display ("CPU (2 threads, OpenBLAS)", "CUDA: device 0 of 1"),
 * `reason` says why this device and not the other ("CUDA disallowed by the user preference",
 * "this libtorch build has no CUDA support or no CUDA device is present").
 */
struct DeviceChoice
{
    c10::Device device = c10::Device(c10::DeviceType::CPU);
    std::string description;
    std::string reason;

    bool isCuda() const { return device.is_cuda(); }
};

/** Whether the linked libtorch was built with CUDA and sees at least one CUDA device. */
bool cudaAvailable();

/**
 * CUDA (device 0) when cudaAvailable() and the user allows it (`allowCuda`), otherwise the CPU.
 * Never fails: the CPU is always a valid answer. Thread-safe.
 */
DeviceChoice chooseDevice(bool allowCuda);

/** "CPU (2 threads, OpenBLAS)": the CPU with libtorch's current intra-op thread count and BLAS. */
std::string cpuDescription();

} // namespace genrescope::models
