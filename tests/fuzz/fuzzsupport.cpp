#include "fuzzsupport.h"

#include <cstdio>

namespace genrescope::fuzz {

void fail(const char *what)
{
    std::fprintf(stderr, "fuzz invariant violated: %s\n", what);
    std::fflush(stderr);
    std::abort();
}

} // namespace genrescope::fuzz
