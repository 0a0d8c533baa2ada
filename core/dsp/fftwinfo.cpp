#include "fftwinfo.h"

#include <fftw3.h>

namespace genrescope::dsp {

std::string fftwVersion()
{
    return fftwf_version;
}

} // namespace genrescope::dsp
