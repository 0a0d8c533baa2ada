#include "segments.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace genrescope::data {

using base::ErrorCode;
using base::makeError;

SegmentParams SegmentParams::fullClip(std::int64_t lengthSamples, CropAlign align)
{
    SegmentParams p;
    p.mode = SegmentMode::FullClip;
    p.lengthSamples = lengthSamples;
    p.align = align;
    return p;
}

SegmentParams SegmentParams::segments(std::int64_t lengthSamples, std::int64_t hopSamples, TailPolicy tail)
{
    SegmentParams p;
    p.mode = SegmentMode::Segments;
    p.lengthSamples = lengthSamples;
    p.hopSamples = hopSamples;
    p.tail = tail;
    return p;
}

base::Result<SegmentPlan> planSegments(std::int64_t songSamples, int sampleRate, const SegmentParams &params)
{
    if (sampleRate <= 0)
        return makeError(ErrorCode::InvalidArgument, "sample rate must be positive");
    if (songSamples < 0 || params.lengthSamples < 0 || params.hopSamples < 0)
        return makeError(ErrorCode::InvalidArgument, "sample counts must not be negative");
    if (params.mode == SegmentMode::Segments && params.lengthSamples <= 0)
        return makeError(ErrorCode::InvalidArgument, "segments need a positive length");
    if (!(params.trimSeconds >= 0) || !(params.trimMinRemainingSeconds >= 0) || !std::isfinite(params.trimSeconds) ||
        !std::isfinite(params.trimMinRemainingSeconds))
        return makeError(ErrorCode::InvalidArgument, "trim seconds must be finite and not negative");
    if (params.maxSegments < 0)
        return makeError(ErrorCode::InvalidArgument, "maxSegments must not be negative");

    SegmentPlan plan;
    plan.trimmedStart = 0;
    plan.trimmedEnd = songSamples;
    if (params.trimSeconds > 0) {
        const auto trim = std::int64_t(std::llround(params.trimSeconds * sampleRate));
        const std::int64_t remaining = songSamples - 2 * trim;
        const auto minRemaining = std::int64_t(std::llround(params.trimMinRemainingSeconds * sampleRate));
        const std::int64_t needed = std::max<std::int64_t>({minRemaining, params.lengthSamples, std::int64_t(1)});
        if (remaining >= needed) {
            plan.trimmedStart = trim;
            plan.trimmedEnd = songSamples - trim;
            plan.trimmed = true;
        }
    }
    const std::int64_t begin = plan.trimmedStart;
    const std::int64_t avail = plan.trimmedEnd - plan.trimmedStart;
    auto addSpan = [&](std::int64_t start, std::int64_t end, std::int64_t outputLength) {
        SegmentSpan s;
        s.start = start;
        s.end = end;
        s.outputLength = outputLength;
        s.startSeconds = double(start) / sampleRate;
        s.endSeconds = double(end) / sampleRate;
        plan.spans.push_back(s);
    };
    if (avail <= 0)
        return plan;

    if (params.mode == SegmentMode::FullClip) {
        const std::int64_t len = params.lengthSamples;
        if (len == 0 || len == avail)
            addSpan(begin, begin + avail, avail);
        else if (avail > len) {
            const std::int64_t offset = params.align == CropAlign::Centre ? (avail - len) / 2 : 0;
            addSpan(begin + offset, begin + offset + len, len);
        } else {
            addSpan(begin, begin + avail, len);
        }
        return plan;
    }

    const std::int64_t len = params.lengthSamples;
    const std::int64_t hop = params.hopSamples > 0 ? params.hopSamples : len;
    for (std::int64_t start = 0; start < avail; start += hop) {
        if (params.maxSegments > 0 && std::int64_t(plan.spans.size()) >= params.maxSegments)
            break;
        const std::int64_t end = std::min(start + len, avail);
        if (end - start < len) {
            // Pad only a tail that holds samples no earlier span covers.
            const bool newSamples = plan.spans.empty() || begin + end > plan.spans.back().end;
            if (params.tail == TailPolicy::Pad && newSamples)
                addSpan(begin + start, begin + end, len);
            break;
        }
        addSpan(begin + start, begin + end, len);
    }
    return plan;
}

} // namespace genrescope::data
