#pragma once

namespace genrescope::base {

/**
 * Tune the C library's allocator for the large, short-lived buffers of libtorch (activations of tens
 * of megabytes, allocated and freed in every forward and backward pass). By default glibc hands every
 * block above a dynamic threshold back to the kernel on free and trims the heap top above 128 KiB, so
 * each pass maps fresh pages again and pays a page fault per 4 KiB (a third of a training step's time
 * went to the kernel before this). This keeps blocks up to 32 MiB (glibc's maximum) on the heap and
 * lets up to 1 GiB of free memory at the heap top stay mapped for the next pass: the process keeps its
 * peak memory instead of returning it between passes. Measured: Choi's CRNN forward pass 1.5x faster,
 * an MLFI training epoch 1.6x (docs/benchmarks/models.md, training.md).
 *
 * Call it once at the start of main(), before threads start; a no-op where the C library is not glibc.
 * Returns whether the settings were applied.
 */
bool tuneAllocatorForTensors();

} // namespace genrescope::base
