#include "ffmpeginfo.h"

extern "C" {
#include <libavutil/avutil.h>
}

namespace genrescope::audio {

std::string ffmpegVersion()
{
    return av_version_info();
}

} // namespace genrescope::audio
