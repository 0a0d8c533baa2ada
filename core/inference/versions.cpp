#include "versions.h"

#include "audio/ffmpeginfo.h"
#include "base/version.h"
#include "dsp/fftwinfo.h"
#include "models/torchinfo.h"

#include <QtGlobal>

namespace genrescope::inference {

std::vector<std::pair<std::string, std::string>> componentVersions()
{
    return {
        {base::kAppName, base::kAppVersion},
        {"Qt", qVersion()},
        {"libtorch", models::torchVersion()},
        {"FFmpeg", audio::ffmpegVersion()},
        {"FFTW", dsp::fftwVersion()},
    };
}

std::string versionsText()
{
    std::string out;
    for (const auto &[name, version] : componentVersions())
        out += name + " " + version + "\n";
    return out;
}

} // namespace genrescope::inference
