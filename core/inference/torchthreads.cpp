#include "torchthreads.h"

#include <ATen/Parallel.h>

#include <string>

#ifdef GS_HAVE_GOMP
// The OpenMP API function of libtorch's own OpenMP runtime (libgomp, linked explicitly); declared here
// instead of including <omp.h> so that a clang build does not pull in a second OpenMP runtime (libomp).
extern "C" void omp_set_num_threads(int);
#endif

namespace genrescope::inference {

bool ScopedTorchThreads::available()
{
#ifdef GS_HAVE_GOMP
    return at::get_parallel_info().find("OpenMP") != std::string::npos;
#else
    return false;
#endif
}

int ScopedTorchThreads::current()
{
    return at::get_num_threads();
}

ScopedTorchThreads::ScopedTorchThreads(int threads)
{
#ifdef GS_HAVE_GOMP
    static const bool kAvailable = available();
    if (threads <= 0 || !kAvailable)
        return;
    // at::get_num_threads() first: it runs libtorch's lazy per-thread initialisation, which would
    // otherwise overwrite our setting with the process-wide default at the first parallel operation.
    const int previous = at::get_num_threads();
    if (previous == threads)
        return;
    omp_set_num_threads(threads);
    m_previous = previous;
#else
    (void)threads;
#endif
}

ScopedTorchThreads::~ScopedTorchThreads()
{
#ifdef GS_HAVE_GOMP
    if (m_previous > 0)
        omp_set_num_threads(m_previous);
#endif
}

} // namespace genrescope::inference
