#include "base/allocator.h"

#include <cstdlib> // defines __GLIBC__ on glibc systems

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace genrescope::base {

bool tuneAllocatorForTensors()
{
#if defined(__GLIBC__)
    // Fixing M_MMAP_THRESHOLD also turns off glibc's dynamic threshold, which would otherwise only
    // ever rise to the size of the largest block freed so far.
    constexpr int kMmapThreshold = 32 * 1024 * 1024; // glibc refuses larger values (HEAP_MAX_SIZE / 2)
    constexpr int kTrimThreshold = 1024 * 1024 * 1024;
    const bool mmapOk = mallopt(M_MMAP_THRESHOLD, kMmapThreshold) == 1;
    const bool trimOk = mallopt(M_TRIM_THRESHOLD, kTrimThreshold) == 1;
    return mmapOk && trimOk;
#else
    return false;
#endif
}

} // namespace genrescope::base
