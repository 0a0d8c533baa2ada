#pragma once

#include <string>

namespace genrescope::audio {

/**
 * FFmpeg logs through one process-wide callback. The first call installs ours: messages at
 * warning level or worse go to the calling thread's sink (appended, bounded), everything else and
 * everything on threads without a sink is dropped, so FFmpeg never writes to stderr.
 * Returns the thread's previous sink, so scopes nest. Thread-safe.
 */
std::string *setThreadLogSink(std::string *sink);

/** Install the silencing callback without a sink (benchmarks and tools that use FFmpeg directly). */
void silenceFfmpegLog();

} // namespace genrescope::audio
