#pragma once

#include "base/result.h"

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace genrescope::test {

/**
 * Test-signal generators and an in-process encoder (FFmpeg's libavcodec/libavformat), so tests
 * make their own audio files of every format the app reads. Signals are interleaved float in
 * [-1, 1]: `channels` copies of the same signal per frame unless said otherwise.
 */
enum class AudioFormat {
    WavU8, WavS16, WavS24, WavS32, WavF32, ///< RIFF WAVE, PCM
    Au,          ///< Sun .au, s16 big-endian (GTZAN's original format)
    Aiff,        ///< s16 big-endian
    Flac,
    Mp3,         ///< libmp3lame, 128 kb/s CBR
    OggVorbis,   ///< libvorbis, ~128 kb/s
    Opus,        ///< libopus in Ogg, 96 kb/s; the rate must be 8/12/16/24/48 kHz
    M4aAac,      ///< FFmpeg's native AAC in an .m4a (MP4) container, 128 kb/s
    Wma,         ///< wmav2 in ASF
    MkvVorbis,   ///< Matroska with a Vorbis track
    WebmOpus,    ///< WebM with an Opus track
    Mp4WithVideo,///< MP4 with a small MPEG-4 video track (stream 0) and an AAC track (stream 1)
};

/** The usual file extension, with the dot: ".wav", ".m4a", ... */
std::string extensionFor(AudioFormat format);
/** A short name for test data rows: "wav-s16", "mp3", ... */
std::string nameOf(AudioFormat format);

std::vector<float> sine(double freqHz, int rate, double seconds, int channels = 1, float amplitude = 0.5f);
/** Linear chirp from f0 to f1 Hz. */
std::vector<float> chirp(double f0Hz, double f1Hz, int rate, double seconds, int channels = 1, float amplitude = 0.5f);
/** Uniform white noise, deterministic for a seed; independent per channel. */
std::vector<float> noise(int rate, double seconds, int channels = 1, float amplitude = 0.5f, unsigned seed = 1);
/** Single-sample impulses every intervalSeconds, the first at sample 0. */
std::vector<float> clicks(int rate, double seconds, double intervalSeconds, int channels = 1, float amplitude = 0.9f);

/**
 * Encode `interleaved` (frames x channels) at `rate` into `path` in `format`; tags (title, artist,
 * album, genre, ...) go into the container's metadata. Errors: InvalidArgument (bad rate/channels
 * for the codec), Unavailable (encoder missing from this FFmpeg), Io.
 */
base::Status writeAudioFile(const std::filesystem::path &path, const std::vector<float> &interleaved, int rate,
                            int channels, AudioFormat format,
                            const std::vector<std::pair<std::string, std::string>> &tags = {});

/** An MP4 with only a video track (seconds long), for "no audio stream" tests. */
base::Status writeVideoOnlyFile(const std::filesystem::path &path, double seconds);

} // namespace genrescope::test
