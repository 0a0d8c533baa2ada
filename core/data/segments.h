#pragma once

#include "base/result.h"

#include <cstdint>
#include <vector>

namespace genrescope::data {

/** How a song is cut into model inputs. */
enum class SegmentMode {
    FullClip, ///< one input: the whole song, or a crop/pad of it to lengthSamples
    Segments, ///< consecutive pieces of lengthSamples every hopSamples
};

/** Where FullClip takes its window when the song is longer than lengthSamples. */
enum class CropAlign { Centre, Start };

/** What Segments does with a last piece shorter than lengthSamples. */
enum class TailPolicy {
    Drop, ///< leave it out (a song shorter than one segment then yields no segment)
    Pad,  ///< keep it; the consumer zero-pads it at the end to lengthSamples
};

/**
 * A recipe's segmenting parameters, in samples at the rate the features are computed at.
 * Examples (MODELS.md): Choi F1 = FullClip, 349,440 samples at 12 kHz, Centre; BBNN F2 = FullClip,
 * 661,500, Start; MLFI F3 = Segments of 66,149 with hop 66,149, Drop, maxSegments 10; Choi multiframe =
 * Segments of 349,440, trim 20 s at each end, Drop.
 */
struct SegmentParams
{
    SegmentMode mode = SegmentMode::FullClip;
    std::int64_t lengthSamples = 0; ///< FullClip: target length (0 = the song as it is); Segments: > 0
    std::int64_t hopSamples = 0;    ///< Segments: step between starts (0 = lengthSamples, no overlap)
    CropAlign align = CropAlign::Centre;
    TailPolicy tail = TailPolicy::Drop;
    /**
     * Trim this many seconds off both the start and the end before segmenting, but only when what is
     * left is at least trimMinRemainingSeconds long and holds at least one lengthSamples piece
     * (Choi's multiframe: 20 s, for full songs; GTZAN's 30-s clips are left whole).
     */
    double trimSeconds = 0;
    double trimMinRemainingSeconds = 0;
    int maxSegments = 0; ///< Segments: keep at most this many from the start (0 = all)

    static SegmentParams fullClip(std::int64_t lengthSamples = 0, CropAlign align = CropAlign::Centre);
    static SegmentParams segments(std::int64_t lengthSamples, std::int64_t hopSamples = 0,
                                  TailPolicy tail = TailPolicy::Drop);
};

/**
 * One model input: source samples [start, end) of the song, then (outputLength - (end - start))
 * zeros appended. end never exceeds the song's length.
 */
struct SegmentSpan
{
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::int64_t outputLength = 0; ///< length of the input the model sees (>= end - start)
    double startSeconds = 0;
    double endSeconds = 0;

    std::int64_t padding() const { return outputLength - (end - start); }
};

struct SegmentPlan
{
    std::vector<SegmentSpan> spans;
    std::int64_t trimmedStart = 0; ///< first sample considered after trimming
    std::int64_t trimmedEnd = 0;   ///< one past the last sample considered
    bool trimmed = false;
};

/**
 * Plan the spans for a song of songSamples samples at sampleRate Hz. An empty song yields no span.
 * Errors (InvalidArgument): sampleRate <= 0, negative sizes, Segments with lengthSamples <= 0,
 * negative trim, negative maxSegments.
 */
base::Result<SegmentPlan> planSegments(std::int64_t songSamples, int sampleRate, const SegmentParams &params);

} // namespace genrescope::data
