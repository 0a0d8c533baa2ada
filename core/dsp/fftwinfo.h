#pragma once

#include <string>

namespace genrescope::dsp {

/** FFTW's version string (fftwf_version), e.g. "fftw-3.3.10-sse2-avx". */
std::string fftwVersion();

} // namespace genrescope::dsp
