#pragma once

#include "base/canceltoken.h"
#include "base/result.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace genrescope::audio {

/** What a file holds, read from its container and codec headers (no decoding). */
struct AudioInfo
{
    double durationSeconds = 0; ///< best estimate (container or stream), seconds; 0 if unknown
    int sampleRate = 0;         ///< of the chosen audio stream, Hz
    int channels = 0;
    std::string codec;          ///< FFmpeg's codec name: "mp3", "flac", "pcm_s16le", ...
    std::string container;      ///< FFmpeg's demuxer name: "mp3", "wav", "ogg", "mp4", "matroska", ...
    std::int64_t bitRate = 0;   ///< bits/s, 0 if unknown
    std::string title, artist, album, genre;                // tags, UTF-8, may be empty
    std::vector<std::pair<std::string, std::string>> tags; ///< all tags (container then stream), UTF-8
};

/**
 * Read the headers of an audio (or video) file and describe its best audio stream.
 * Errors: FileNotFound, IsDirectory, PermissionDenied, EmptyFile, NotAudio (bytes FFmpeg does not
 * recognise), NoAudioStream, UnsupportedCodec, CorruptData (absurd sample rate or channel count).
 * Paths are passed to the OS as bytes, so non-UTF-8 names work. Thread-safe; never throws.
 */
base::Result<AudioInfo> probe(const std::filesystem::path &path);

/** probe() of a file held in memory; `bytes` is only read during the call. */
base::Result<AudioInfo> probeMemory(std::string_view bytes);

struct DecodeOptions
{
    int sampleRate = 22050;      ///< output rate in Hz (1000 .. 384000)
    double offsetSeconds = 0;    ///< start of the range; the first output sample is round(offset * rate)
    double durationSeconds = -1; ///< length of the range in seconds; < 0: to the end
};

struct DecodedAudio
{
    std::vector<float> samples; ///< mono (channels averaged), in [-1, 1], at sampleRate
    int sampleRate = 0;
    bool partial = false;       ///< the stream was damaged or truncated; `samples` holds what decoded
    std::string warning;        ///< why it is partial (FFmpeg's own text where it gave one)
    AudioInfo info;
};

/// Longest whole-file decode decodeFile()/decodeMemory() accept without a range (TooLarge beyond).
inline constexpr double kMaxDecodeSeconds = 4 * 3600.0;

/**
 * Decode a file (or a range of it) to mono float at options.sampleRate.
 *
 * Channels are averaged; resampling uses libswresample's soxr engine at 24-bit precision. When the
 * input is already mono at the output rate no resampler runs, so a 22050 Hz mono s16 file comes out
 * as exactly PCM / 32768. A range seeks to a keyframe before the start (where the container can
 * seek) and discards decoded samples before it, so output sample i equals sample
 * round(offset * rate) + i of a whole-file decode (bit-exact for PCM and FLAC).
 *
 * A damaged or truncated stream returns what decoded with partial = true; CorruptData only when
 * nothing decodes, ZeroLength when the file holds no audio samples, TooLarge beyond
 * kMaxDecodeSeconds without a range, Cancelled when `cancel` is set. Progress is reported in [0, 1]
 * from the calling thread. Thread-safe (no shared state); never throws.
 */
base::Result<DecodedAudio> decodeFile(const std::filesystem::path &path, const DecodeOptions &options = {},
                                      const base::CancelToken &cancel = base::CancelToken::none(),
                                      const base::ProgressFn &progress = {});

/** decodeFile() of a file held in memory (custom AVIO), for fuzzing and tests. */
base::Result<DecodedAudio> decodeMemory(std::string_view bytes, const DecodeOptions &options = {},
                                        const base::CancelToken &cancel = base::CancelToken::none());

/**
 * Incremental decoder: mono float chunks at the requested rate, bounded memory (one packet's worth
 * buffered), the first chunk as soon as the first packet decodes. decodeFile() is built on it.
 * One object is used from one thread at a time.
 */
class StreamDecoder
{
public:
    /** Opens and probes; the same errors as probe(), plus InvalidArgument for bad options. */
    static base::Result<std::unique_ptr<StreamDecoder>> open(const std::filesystem::path &path,
                                                             const DecodeOptions &options = {});
    /** The same over bytes in memory; `bytes` must outlive the decoder. */
    static base::Result<std::unique_ptr<StreamDecoder>> openMemory(std::string_view bytes,
                                                                   const DecodeOptions &options = {});

    const AudioInfo &info() const;
    int sampleRate() const;

    /**
     * Appends up to maxSamples output samples to `out` and returns how many; 0 means the end of the
     * stream (or of the range). Damage makes partial() true and decoding continues past it. Errors:
     * CorruptData when the stream ends having decoded nothing but errors, ZeroLength when it holds
     * no samples at all.
     */
    base::Result<std::size_t> read(std::vector<float> &out, std::size_t maxSamples);

    bool partial() const;
    std::string warning() const;
    /** Fraction of the input (or of the requested range) consumed so far, in [0, 1]. */
    double progress() const;
    /** Output samples returned by read() so far. */
    std::int64_t samplesRead() const;

    ~StreamDecoder();
    StreamDecoder(const StreamDecoder &) = delete;
    StreamDecoder &operator=(const StreamDecoder &) = delete;

    class Impl;

private:
    explicit StreamDecoder(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace genrescope::audio
