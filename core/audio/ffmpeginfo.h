#pragma once

#include <string>

namespace genrescope::audio {

/** FFmpeg's version string as linked at run time (av_version_info), e.g. "5.1.6-0+deb12u1". */
std::string ffmpegVersion();

} // namespace genrescope::audio
