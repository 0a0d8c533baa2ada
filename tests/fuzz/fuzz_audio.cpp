// Fuzz target: probe and decode of an audio file held in memory (audio::probeMemory, audio::decodeMemory).
// Invariants beyond "no crash": a successful decode is mono at the requested rate, bounded by the
// requested range, with every sample finite and in [-1, 1].
#include "fuzzsupport.h"

#include "audio/decoder.h"

#include <cmath>

using namespace genrescope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view bytes = fuzz::asView(data, size);
    auto info = audio::probeMemory(bytes);
    if (info.ok() && (info->sampleRate <= 0 || info->channels <= 0))
        fuzz::fail("probe succeeded with no sample rate or no channels");

    // A bounded range keeps one iteration short whatever duration the header declares.
    audio::DecodeOptions options;
    options.sampleRate = 8000;
    options.durationSeconds = 4.0;
    auto decoded = audio::decodeMemory(bytes, options);
    if (!decoded.ok())
        return 0;
    if (decoded->sampleRate != options.sampleRate)
        fuzz::fail("decode returned another sample rate than requested");
    if (decoded->samples.size() > std::size_t(options.durationSeconds * options.sampleRate) + 1)
        fuzz::fail("decode returned more samples than the range holds");
    for (float v : decoded->samples)
        if (!std::isfinite(v) || v < -1.0f || v > 1.0f)
            fuzz::fail("decoded sample outside [-1, 1] or not finite");
    return 0;
}
