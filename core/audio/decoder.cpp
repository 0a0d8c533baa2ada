#include "decoder.h"

#include "ffmpeglog.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>
}

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <numeric>
#include <sys/stat.h>
#include <unistd.h>

namespace genrescope::audio {

using base::ErrorCode;
using base::makeError;
using base::Result;
using base::Status;

namespace {

constexpr int kMinOutputRate = 1000;
constexpr int kMaxOutputRate = 384000;
constexpr int kMaxInputRate = 1536000;
// Below this no audio format stores sound; a header claiming 9 Hz is damage, and resampling it up to
// the output rate multiplies the work ~1000-fold (found by tests/fuzz: fuzz_audio timed out on one).
constexpr int kMinInputRate = 1000;
constexpr int kMaxChannels = 64;
constexpr int kAvioBufferSize = 1 << 16;
/// Packets in a row that yield no sample before a stream counts as stuck (never hang).
constexpr int kMaxPacketsWithoutOutput = 20000;
/// Decode or demux errors in a row before the rest of a stream is given up.
constexpr int kMaxConsecutiveErrors = 200;
/// soxr precision in bits. Measured (docs/benchmarks/audio.md): 24 rejects aliases by 158 dB, the same as
/// 28 (float32 output is the limit) at ~20% less resampling time; 20 gives 141 dB; swr's default 91 dB.
constexpr int kSoxrPrecision = 24;
/// Output samples decoded and discarded before a range's start so the resampler has settled.
constexpr double kResampleMarginSeconds = 0.05;
/// Input decoded before a range's start after a seek: covers MDCT overlap, MP3's bit reservoir, Opus pre-roll.
constexpr double kSeekPrerollSeconds = 0.25;
/// Ranges starting earlier than this are decoded from the start rather than by seeking.
constexpr double kSeekThresholdSeconds = 1.0;

std::string avErrorText(int err)
{
    char buf[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(err, buf, sizeof buf);
    return buf;
}

// --- RAII for FFmpeg objects ---------------------------------------------------------------------

struct FormatDeleter { void operator()(AVFormatContext *p) const { avformat_close_input(&p); } };
struct CodecDeleter { void operator()(AVCodecContext *p) const { avcodec_free_context(&p); } };
struct FrameDeleter { void operator()(AVFrame *p) const { av_frame_free(&p); } };
struct PacketDeleter { void operator()(AVPacket *p) const { av_packet_free(&p); } };
struct SwrDeleter { void operator()(SwrContext *p) const { swr_free(&p); } };
struct AvioDeleter
{
    void operator()(AVIOContext *p) const
    {
        if (p) {
            av_freep(&p->buffer);
            avio_context_free(&p);
        }
    }
};
using FormatPtr = std::unique_ptr<AVFormatContext, FormatDeleter>;
using CodecPtr = std::unique_ptr<AVCodecContext, CodecDeleter>;
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;
using SwrPtr = std::unique_ptr<SwrContext, SwrDeleter>;
using AvioPtr = std::unique_ptr<AVIOContext, AvioDeleter>;

// --- byte sources behind a custom AVIOContext (one path for files and memory) --------------------

class Source
{
public:
    virtual ~Source() = default;
    virtual int read(uint8_t *buf, int size) = 0;
    virtual int64_t seek(int64_t offset, int whence) = 0;
    virtual int64_t size() const = 0;
    virtual int64_t position() const = 0;
    std::string name; ///< a hint for FFmpeg's format probe (file extension)
    int osError = 0;  ///< errno of a failed read, so a real I/O error is told from a demuxer's complaint
};

class FileSource final : public Source
{
public:
    static Result<std::unique_ptr<Source>> open(const std::filesystem::path &path)
    {
        const std::string shown = path.string();
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            const int err = errno;
            ErrorCode code = ErrorCode::Io;
            if (err == ENOENT || err == ENOTDIR)
                code = ErrorCode::FileNotFound;
            else if (err == EACCES || err == EPERM)
                code = ErrorCode::PermissionDenied;
            else if (err == EISDIR)
                code = ErrorCode::IsDirectory;
            return makeError(code, shown + ": " + std::strerror(err));
        }
        struct stat st{};
        if (::fstat(fd, &st) != 0) {
            const int err = errno;
            ::close(fd);
            return makeError(ErrorCode::Io, shown + ": " + std::strerror(err));
        }
        if (S_ISDIR(st.st_mode)) {
            ::close(fd);
            return makeError(ErrorCode::IsDirectory, shown + ": is a directory");
        }
        if (S_ISREG(st.st_mode) && st.st_size == 0) {
            ::close(fd);
            return makeError(ErrorCode::EmptyFile, shown + ": the file is empty");
        }
        auto s = std::unique_ptr<FileSource>(new FileSource);
        s->m_fd = fd;
        s->m_size = S_ISREG(st.st_mode) ? int64_t(st.st_size) : -1;
        s->name = shown;
        return std::unique_ptr<Source>(std::move(s));
    }
    ~FileSource() override
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    int read(uint8_t *buf, int size) override
    {
        for (;;) {
            const ssize_t n = ::read(m_fd, buf, std::size_t(size));
            if (n > 0) {
                m_pos += n;
                return int(n);
            }
            if (n == 0)
                return AVERROR_EOF;
            if (errno != EINTR) {
                osError = errno;
                return AVERROR(errno);
            }
        }
    }
    int64_t seek(int64_t offset, int whence) override
    {
        if (whence == AVSEEK_SIZE)
            return m_size >= 0 ? m_size : AVERROR(ENOSYS);
        const off_t r = ::lseek(m_fd, off_t(offset), whence & ~AVSEEK_FORCE);
        if (r < 0)
            return AVERROR(errno);
        m_pos = r;
        return r;
    }
    int64_t size() const override { return m_size; }
    int64_t position() const override { return m_pos; }

private:
    FileSource() = default;
    int m_fd = -1;
    int64_t m_size = -1;
    int64_t m_pos = 0;
};

class MemorySource final : public Source
{
public:
    explicit MemorySource(std::string_view bytes) : m_bytes(bytes) {}
    int read(uint8_t *buf, int size) override
    {
        const auto left = int64_t(m_bytes.size()) - m_pos;
        if (left <= 0)
            return AVERROR_EOF;
        const int n = int(std::min<int64_t>(left, size));
        std::memcpy(buf, m_bytes.data() + m_pos, std::size_t(n));
        m_pos += n;
        return n;
    }
    int64_t seek(int64_t offset, int whence) override
    {
        int64_t target = 0;
        switch (whence & ~AVSEEK_FORCE) {
        case AVSEEK_SIZE: return int64_t(m_bytes.size());
        case SEEK_SET: target = offset; break;
        case SEEK_CUR: target = m_pos + offset; break;
        case SEEK_END: target = int64_t(m_bytes.size()) + offset; break;
        default: return AVERROR(EINVAL);
        }
        if (target < 0)
            return AVERROR(EINVAL);
        m_pos = target;
        return target;
    }
    int64_t size() const override { return int64_t(m_bytes.size()); }
    int64_t position() const override { return m_pos; }

private:
    std::string_view m_bytes;
    int64_t m_pos = 0;
};

int avioRead(void *opaque, uint8_t *buf, int size)
{
    return static_cast<Source *>(opaque)->read(buf, size);
}

int64_t avioSeek(void *opaque, int64_t offset, int whence)
{
    return static_cast<Source *>(opaque)->seek(offset, whence);
}

// --- small helpers ---------------------------------------------------------------------------------

/** Tags are UTF-8 in most containers; ID3v1 and some WAV INFO chunks are Latin-1: convert those. */
std::string toUtf8(const char *s)
{
    std::string in(s ? s : "");
    auto valid = [&in] {
        std::size_t i = 0;
        while (i < in.size()) {
            const auto c = static_cast<unsigned char>(in[i]);
            int extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
            if (extra < 0 || i + std::size_t(extra) >= in.size() + (extra == 0 ? 1 : 0))
                return false;
            for (int k = 1; k <= extra; ++k)
                if ((static_cast<unsigned char>(in[i + std::size_t(k)]) & 0xC0) != 0x80)
                    return false;
            i += std::size_t(extra) + 1;
        }
        return true;
    };
    if (valid())
        return in;
    std::string out;
    for (const char ch : in) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x80) {
            out += char(c);
        } else {
            out += char(0xC0 | (c >> 6));
            out += char(0x80 | (c & 0x3F));
        }
    }
    return out;
}

std::string containerName(const AVInputFormat *fmt, const std::string &hint)
{
    const std::string names = fmt && fmt->name ? fmt->name : "";
    const auto dot = hint.find_last_of('.');
    std::string ext = dot == std::string::npos ? std::string() : hint.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= names.size()) {
        const auto comma = names.find(',', start);
        parts.push_back(names.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    if (!ext.empty() && std::find(parts.begin(), parts.end(), ext) != parts.end())
        return ext;
    if (names.rfind("mov,", 0) == 0)
        return "mp4";
    return parts.empty() ? std::string() : parts.front();
}

void collectTags(const AVDictionary *dict, AudioInfo &info)
{
    const AVDictionaryEntry *e = nullptr;
    while ((e = av_dict_get(dict, "", e, AV_DICT_IGNORE_SUFFIX))) {
        std::string key = toUtf8(e->key);
        std::string value = toUtf8(e->value);
        std::string lower = key;
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        if (lower == "title" && info.title.empty())
            info.title = value;
        else if (lower == "artist" && info.artist.empty())
            info.artist = value;
        else if (lower == "album" && info.album.empty())
            info.album = value;
        else if (lower == "genre" && info.genre.empty())
            info.genre = value;
        info.tags.emplace_back(std::move(key), std::move(value));
    }
}

/**
 * Average the channels of `frame` from sample `first` on and append them as float. Integer PCM is
 * scaled by 1 / 2^(bits-1) (s16: x / 32768), so a mono s16 input is converted exactly.
 */
bool appendMono(const AVFrame *frame, int first, std::vector<float> &out)
{
    const int n = frame->nb_samples - first;
    const int ch = frame->ch_layout.nb_channels;
    if (n <= 0 || ch <= 0)
        return true;
    const auto fmt = AVSampleFormat(frame->format);
    const bool planar = av_sample_fmt_is_planar(fmt);
    const std::size_t base = out.size();
    out.resize(base + std::size_t(n));
    float *dst = out.data() + base;

    auto run = [&](auto sampleType, auto toFloat) {
        using T = decltype(sampleType);
        if (ch == 1) {
            const T *src = reinterpret_cast<const T *>(frame->extended_data[0]) + first;
            for (int i = 0; i < n; ++i)
                dst[i] = toFloat(src[i]);
            return;
        }
        const float scale = 1.0f / float(ch);
        if (planar) {
            for (int i = 0; i < n; ++i)
                dst[i] = 0.0f;
            for (int c = 0; c < ch; ++c) {
                const T *src = reinterpret_cast<const T *>(frame->extended_data[c]) + first;
                for (int i = 0; i < n; ++i)
                    dst[i] += toFloat(src[i]);
            }
            for (int i = 0; i < n; ++i)
                dst[i] *= scale;
        } else {
            const T *src = reinterpret_cast<const T *>(frame->extended_data[0]) + std::size_t(first) * std::size_t(ch);
            for (int i = 0; i < n; ++i) {
                float sum = 0.0f;
                for (int c = 0; c < ch; ++c)
                    sum += toFloat(src[std::size_t(i) * std::size_t(ch) + std::size_t(c)]);
                dst[i] = sum * scale;
            }
        }
    };
    switch (av_get_packed_sample_fmt(fmt)) {
    case AV_SAMPLE_FMT_U8:
        run(uint8_t{}, [](uint8_t v) { return (float(v) - 128.0f) * (1.0f / 128.0f); });
        break;
    case AV_SAMPLE_FMT_S16:
        run(int16_t{}, [](int16_t v) { return float(v) * (1.0f / 32768.0f); });
        break;
    case AV_SAMPLE_FMT_S32:
        run(int32_t{}, [](int32_t v) { return float(double(v) * (1.0 / 2147483648.0)); });
        break;
    case AV_SAMPLE_FMT_S64:
        run(int64_t{}, [](int64_t v) { return float(double(v) * (1.0 / 9223372036854775808.0)); });
        break;
    case AV_SAMPLE_FMT_FLT:
        run(float{}, [](float v) { return std::isfinite(v) ? v : 0.0f; });
        break;
    case AV_SAMPLE_FMT_DBL:
        run(double{}, [](double v) { return std::isfinite(v) ? float(v) : 0.0f; });
        break;
    default:
        out.resize(base);
        return false;
    }
    return true;
}

void clampUnit(float *p, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i)
        p[i] = std::clamp(p[i], -1.0f, 1.0f);
}

/** RAII: FFmpeg messages logged on this thread while it lives go into `sink` instead of stderr. */
class LogScope
{
public:
    explicit LogScope(std::string *sink) : m_previous(setThreadLogSink(sink)) {}
    ~LogScope() { setThreadLogSink(m_previous); }

private:
    std::string *m_previous;
};

} // namespace

// --- the one decode path ---------------------------------------------------------------------------

class StreamDecoder::Impl
{
public:
    Result<bool> open(std::unique_ptr<Source> source, const DecodeOptions &options, bool forDecoding);
    Result<std::size_t> read(std::vector<float> &out, std::size_t maxSamples);
    double progress() const;

    AudioInfo info;
    DecodeOptions options;
    bool partial = false;
    std::string warning;
    int64_t delivered = 0;
    mutable double m_progress = 0; ///< never goes back (demuxers may seek backwards)

private:
    enum class Step { Produced, Again, End };
    Result<Step> step();
    Status seekToRange();
    Status resetToStart();
    Status openDemuxer(bool forDecoding);
    Status findOrigin();
    Status convertFrame(const AVFrame *frame);
    Status flushResampler();
    void emit(const float *data, std::size_t n);
    void noteDamage(const std::string &what);
    Status endOfStream();

    // Declaration order is destruction order in reverse: the format context must close before
    // its AVIOContext, which must go before the source it reads from.
    std::unique_ptr<Source> m_source;
    AvioPtr m_avio;
    FormatPtr m_fmt;
    CodecPtr m_codec;
    SwrPtr m_swr;
    FramePtr m_frame;
    PacketPtr m_packet;
    std::string m_log; ///< FFmpeg's messages while this decoder works

    int m_stream = -1;
    int m_inRate = 0;
    int m_outRate = 0;
    bool m_resample = false;
    int64_t m_outStart = 0;  ///< first wanted output sample (global index)
    int64_t m_outEnd = std::numeric_limits<int64_t>::max();
    int64_t m_inPos = -1;    ///< global input sample index of the next decoded sample; -1: unknown
    int64_t m_inFeedFrom = 0;///< input samples before this are dropped (resampler alignment point)
    int64_t m_outPos = 0;    ///< global output index of the next sample the converter yields
    bool m_seeked = false;
    int64_t m_originPts = AV_NOPTS_VALUE; ///< timestamp of a whole-file decode's first sample
    bool m_decoderDrained = false;
    bool m_demuxEnded = false;
    bool m_finished = false;
    int64_t m_expectedInSamples = -1; ///< from the container's stream duration when it is exact
    int64_t m_decodedAny = 0;         ///< input samples decoded in total
    int m_errorsInRow = 0;
    int m_errorsTotal = 0;
    int m_packetsWithoutOutput = 0;

    std::vector<float> m_pending; ///< converted output not yet handed out (at most one frame's worth)
    std::size_t m_pendingPos = 0;
    std::vector<float> m_mono;    ///< scratch: one frame downmixed at the input rate
    std::vector<float> m_resampled; ///< scratch: one frame resampled
};

/** Opens the container and the decoder over m_source from its first byte (again, after a reset). */
Status StreamDecoder::Impl::openDemuxer(bool forDecoding)
{
    const std::string name = m_source->name;
    m_codec.reset();
    m_fmt.reset();
    m_avio.reset();
    if (m_source->seek(0, SEEK_SET) < 0)
        return makeError(ErrorCode::Io, name + ": cannot rewind");
    auto *buffer = static_cast<uint8_t *>(av_malloc(kAvioBufferSize));
    if (!buffer)
        return makeError(ErrorCode::TooLarge, "out of memory");
    m_avio.reset(avio_alloc_context(buffer, kAvioBufferSize, 0, m_source.get(), avioRead, nullptr, avioSeek));
    if (!m_avio) {
        av_free(buffer);
        return makeError(ErrorCode::TooLarge, "out of memory");
    }
    AVFormatContext *fmt = avformat_alloc_context();
    if (!fmt)
        return makeError(ErrorCode::TooLarge, "out of memory");
    fmt->pb = m_avio.get();
    fmt->flags |= AVFMT_FLAG_CUSTOM_IO;
    int rc = avformat_open_input(&fmt, name.c_str(), nullptr, nullptr); // frees fmt on failure
    if (rc < 0) {
        const std::string where = name.empty() ? std::string("data") : name;
        if (m_source->osError != 0)
            return makeError(ErrorCode::Io, where + ": " + std::strerror(m_source->osError));
        if (rc == AVERROR(ENOMEM))
            return makeError(ErrorCode::TooLarge, where + ": " + avErrorText(rc));
        // Demuxers answer bytes they cannot parse with INVALIDDATA, EINVAL, EIO or EOF alike.
        return makeError(ErrorCode::NotAudio, where + ": not an audio or video file FFmpeg recognises (" +
                                                  avErrorText(rc) + ")");
    }
    m_fmt.reset(fmt);
    rc = avformat_find_stream_info(fmt, nullptr);
    if (rc < 0) {
        if (m_source->osError != 0)
            return makeError(ErrorCode::Io, name + ": " + std::strerror(m_source->osError));
        return makeError(ErrorCode::CorruptData, name + ": cannot read stream info (" + avErrorText(rc) + ")");
    }

    const AVCodec *decoder = nullptr;
    rc = av_find_best_stream(fmt, AVMEDIA_TYPE_AUDIO, -1, -1, &decoder, 0);
    if (rc == AVERROR_STREAM_NOT_FOUND) {
        return makeError(fmt->nb_streams == 0 ? ErrorCode::NotAudio : ErrorCode::NoAudioStream,
                         name + ": no audio stream (" + containerName(fmt->iformat, name) + ")");
    }
    if (rc == AVERROR_DECODER_NOT_FOUND || (rc >= 0 && !decoder)) {
        int idx = rc >= 0 ? rc : av_find_best_stream(fmt, AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
        std::string codec = idx >= 0 ? avcodec_get_name(fmt->streams[idx]->codecpar->codec_id) : "unknown";
        return makeError(ErrorCode::UnsupportedCodec, name + ": no decoder for codec '" + codec + "'");
    }
    if (rc < 0)
        return makeError(ErrorCode::CorruptData, name + ": " + avErrorText(rc));
    m_stream = rc;
    AVStream *st = fmt->streams[m_stream];
    const AVCodecParameters *par = st->codecpar;
    for (unsigned i = 0; i < fmt->nb_streams; ++i)
        if (int(i) != m_stream)
            fmt->streams[i]->discard = AVDISCARD_ALL;

    info.sampleRate = par->sample_rate;
    info.channels = par->ch_layout.nb_channels;
    info.codec = avcodec_get_name(par->codec_id);
    info.container = containerName(fmt->iformat, name);
    info.bitRate = fmt->bit_rate > 0 ? fmt->bit_rate : std::max<int64_t>(par->bit_rate, 0);
    if (fmt->duration > 0)
        info.durationSeconds = double(fmt->duration) / AV_TIME_BASE;
    else if (st->duration > 0)
        info.durationSeconds = double(st->duration) * av_q2d(st->time_base);
    info.tags.clear();
    info.title.clear(); info.artist.clear(); info.album.clear(); info.genre.clear();
    collectTags(fmt->metadata, info);
    collectTags(st->metadata, info);

    if (par->sample_rate < kMinInputRate || par->sample_rate > kMaxInputRate)
        return makeError(ErrorCode::CorruptData,
                         name + ": absurd sample rate " + std::to_string(par->sample_rate) + " Hz");
    if (info.channels <= 0 || info.channels > kMaxChannels)
        return makeError(ErrorCode::CorruptData,
                         name + ": absurd channel count " + std::to_string(info.channels));
    if (!forDecoding)
        return {};

    // --- decoder ---
    m_codec.reset(avcodec_alloc_context3(decoder));
    if (!m_codec)
        return makeError(ErrorCode::TooLarge, "out of memory");
    rc = avcodec_parameters_to_context(m_codec.get(), par);
    if (rc < 0)
        return makeError(ErrorCode::CorruptData, name + ": " + avErrorText(rc));
    m_codec->pkt_timebase = st->time_base;
    m_codec->thread_count = 1;
    rc = avcodec_open2(m_codec.get(), decoder, nullptr);
    if (rc < 0) {
        const ErrorCode code = rc == AVERROR_PATCHWELCOME || rc == AVERROR(ENOSYS) ? ErrorCode::UnsupportedCodec
                                                                                    : ErrorCode::CorruptData;
        return makeError(code, name + ": cannot open the " + info.codec + " decoder (" + avErrorText(rc) + ")");
    }
    if (!m_frame)
        m_frame.reset(av_frame_alloc());
    if (!m_packet)
        m_packet.reset(av_packet_alloc());
    if (!m_frame || !m_packet)
        return makeError(ErrorCode::TooLarge, "out of memory");
    return {};
}

Result<bool> StreamDecoder::Impl::open(std::unique_ptr<Source> source, const DecodeOptions &opts,
                                       bool forDecoding)
{
    LogScope logScope(&m_log);
    options = opts;
    if (forDecoding) {
        if (!(opts.sampleRate >= kMinOutputRate && opts.sampleRate <= kMaxOutputRate))
            return makeError(ErrorCode::InvalidArgument,
                             "output sample rate " + std::to_string(opts.sampleRate) + " Hz is out of range");
        if (!std::isfinite(opts.offsetSeconds) || opts.offsetSeconds < 0 || opts.offsetSeconds > 1e7)
            return makeError(ErrorCode::InvalidArgument, "range offset must be >= 0 seconds");
        if (!std::isfinite(opts.durationSeconds) || opts.durationSeconds > 1e7)
            return makeError(ErrorCode::InvalidArgument, "range duration is out of range");
    }
    m_source = std::move(source);

    GS_TRY(openDemuxer(forDecoding));
    if (!forDecoding)
        return true;
    AVStream *st = m_fmt->streams[m_stream];
    const AVCodecParameters *par = st->codecpar;
    AVFormatContext *fmt = m_fmt.get();
    int rc = 0;

    m_inRate = par->sample_rate;
    m_outRate = opts.sampleRate;
    info.sampleRate = m_inRate;
    m_resample = m_inRate != m_outRate;
    if (m_resample) {
        SwrContext *swr = nullptr;
        AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
        rc = swr_alloc_set_opts2(&swr, &mono, AV_SAMPLE_FMT_FLT, m_outRate, &mono, AV_SAMPLE_FMT_FLT, m_inRate, 0,
                                 nullptr);
        if (rc < 0 || !swr)
            return makeError(ErrorCode::Internal, "swr_alloc_set_opts2: " + avErrorText(rc));
        m_swr.reset(swr);
        if ((rc = av_opt_set(swr, "resampler", "soxr", 0)) < 0 ||
            (rc = av_opt_set_int(swr, "precision", kSoxrPrecision, 0)) < 0)
            return makeError(ErrorCode::Unavailable, "soxr resampler: " + avErrorText(rc));
        rc = swr_init(swr);
        if (rc < 0)
            return makeError(ErrorCode::Unavailable, "swr_init: " + avErrorText(rc));
    }

    // The container's duration counts as an expectation only when it is exact (header or last pts),
    // so a truncated WAV or FLAC is reported as partial.
    if (st->duration > 0 && fmt->duration_estimation_method != AVFMT_DURATION_FROM_BITRATE)
        m_expectedInSamples = av_rescale_q(st->duration, st->time_base, AVRational{1, m_inRate});

    m_outStart = std::llround(opts.offsetSeconds * m_outRate);
    if (opts.durationSeconds >= 0)
        m_outEnd = m_outStart + std::llround(opts.durationSeconds * m_outRate);
    if (m_outEnd <= m_outStart) {
        m_finished = true;
        return true;
    }
    if (m_outStart > 0)
        GS_TRY(seekToRange());
    else
        m_inPos = 0;
    return true;
}

Status StreamDecoder::Impl::seekToRange()
{
    // Where feeding starts: an input sample on the common grid of both rates, a margin before the
    // range, so the resampler's output there lines up with a whole-file decode.
    if (m_resample) {
        const int64_t g = std::gcd(int64_t(m_inRate), int64_t(m_outRate));
        const int64_t inStep = m_inRate / g, outStep = m_outRate / g;
        const int64_t margin = std::llround(kResampleMarginSeconds * m_outRate);
        const int64_t m = std::max<int64_t>(0, (m_outStart - margin) / outStep);
        m_inFeedFrom = m * inStep;
        m_outPos = m * outStep;
    } else {
        m_inFeedFrom = m_outStart;
        m_outPos = m_outStart;
    }
    const double feedSeconds = double(m_inFeedFrom) / m_inRate;
    if (feedSeconds < kSeekThresholdSeconds || !(m_fmt->pb->seekable & AVIO_SEEKABLE_NORMAL)) {
        m_inPos = 0; // decode from the start, dropping what comes before the range
        return {};
    }
    AVStream *st = m_fmt->streams[m_stream];
    // Sample 0 of a whole-file decode is the first decoded sample, whose timestamp is not always
    // the stream's start time (Vorbis in Matroska: the first packet yields nothing; MP4 edit lists).
    // Decode the first frame to learn it, then seek.
    GS_TRY(findOrigin());
    if (m_originPts == AV_NOPTS_VALUE) {
        GS_TRY(resetToStart());
        return {};
    }
    const int64_t target = std::max<int64_t>(0, m_inFeedFrom - std::llround(kSeekPrerollSeconds * m_inRate));
    const int64_t ts = m_originPts + av_rescale_q(target, AVRational{1, m_inRate}, st->time_base);
    const int rc = avformat_seek_file(m_fmt.get(), m_stream, std::numeric_limits<int64_t>::min(), ts, ts, 0);
    if (rc < 0) {
        GS_TRY(resetToStart());
        return {};
    }
    avcodec_flush_buffers(m_codec.get());
    m_seeked = true;
    m_inPos = -1; // known from the first decoded frame's timestamp
    return {};
}

Status StreamDecoder::Impl::findOrigin()
{
    m_originPts = AV_NOPTS_VALUE;
    for (int packets = 0; packets < kMaxPacketsWithoutOutput; ++packets) {
        int rc = avcodec_receive_frame(m_codec.get(), m_frame.get());
        if (rc >= 0) {
            m_originPts = m_frame->best_effort_timestamp != AV_NOPTS_VALUE ? m_frame->best_effort_timestamp
                                                                          : m_frame->pts;
            av_frame_unref(m_frame.get());
            return {};
        }
        if (rc != AVERROR(EAGAIN))
            return {};
        rc = av_read_frame(m_fmt.get(), m_packet.get());
        if (rc < 0)
            return {};
        if (m_packet->stream_index == m_stream)
            avcodec_send_packet(m_codec.get(), m_packet.get()); // errors show again in the real decode
        av_packet_unref(m_packet.get());
    }
    return {};
}

Status StreamDecoder::Impl::resetToStart()
{
    // Reopen rather than seek to 0: demuxers attach the encoder-delay skip only to the first
    // packet they read after opening, and a fresh decode is what a whole-file decode sees.
    GS_TRY(openDemuxer(true));
    m_seeked = false;
    m_inPos = 0;
    return {};
}

void StreamDecoder::Impl::noteDamage(const std::string &what)
{
    partial = true;
    ++m_errorsInRow;
    ++m_errorsTotal;
    if (warning.size() < 2000) {
        if (!warning.empty())
            warning += "; ";
        warning += what;
        if (!m_log.empty()) {
            warning += " [" + m_log.substr(0, 400) + "]";
            m_log.clear();
        }
    }
}

void StreamDecoder::Impl::emit(const float *data, std::size_t n)
{
    // data holds output samples [m_outPos, m_outPos + n); keep the part inside the range
    int64_t begin = m_outPos, end = m_outPos + int64_t(n);
    m_outPos = end;
    const int64_t from = std::max(begin, m_outStart), to = std::min(end, m_outEnd);
    if (to > from) {
        const std::size_t oldSize = m_pending.size();
        m_pending.insert(m_pending.end(), data + (from - begin), data + (to - begin));
        clampUnit(m_pending.data() + oldSize, std::size_t(to - from));
    }
    if (m_outPos >= m_outEnd)
        m_finished = true;
}

Status StreamDecoder::Impl::convertFrame(const AVFrame *frame)
{
    if (frame->sample_rate != m_inRate || frame->ch_layout.nb_channels <= 0 ||
        frame->ch_layout.nb_channels > kMaxChannels) {
        noteDamage("frame with " + std::to_string(frame->ch_layout.nb_channels) + " channels at " +
                   std::to_string(frame->sample_rate) + " Hz in a " + std::to_string(m_inRate) + " Hz stream; skipped");
        return {};
    }
    if (m_inPos < 0) {
        // the first frame after a seek: its timestamp says where it lies
        const int64_t pts = frame->best_effort_timestamp != AV_NOPTS_VALUE ? frame->best_effort_timestamp : frame->pts;
        AVStream *st = m_fmt->streams[m_stream];
        const int64_t pos = pts == AV_NOPTS_VALUE || m_originPts == AV_NOPTS_VALUE
                                ? -1
                                : av_rescale_q(pts - m_originPts, st->time_base, AVRational{1, m_inRate});
        if (pos < 0 || pos > m_inFeedFrom) {
            // No usable timestamp, or the seek overshot: decode from the start instead.
            GS_TRY(resetToStart());
            return {};
        }
        m_inPos = pos;
    }
    int first = 0;
    if (m_inPos < m_inFeedFrom)
        first = int(std::min<int64_t>(m_inFeedFrom - m_inPos, frame->nb_samples));
    m_inPos += frame->nb_samples;
    m_decodedAny += frame->nb_samples;
    if (first >= frame->nb_samples)
        return {};
    if (!m_resample) {
        m_mono.clear();
        if (!appendMono(frame, first, m_mono))
            return makeError(ErrorCode::UnsupportedCodec, "unsupported sample format");
        emit(m_mono.data(), m_mono.size());
        return {};
    }
    m_mono.clear();
    if (!appendMono(frame, first, m_mono))
        return makeError(ErrorCode::UnsupportedCodec, "unsupported sample format");
    const int inCount = int(m_mono.size());
    const int cap = swr_get_out_samples(m_swr.get(), inCount);
    if (cap < 0)
        return makeError(ErrorCode::Internal, "swr_get_out_samples: " + avErrorText(cap));
    std::vector<float> &buf = m_resampled;
    buf.resize(std::size_t(cap) + 16);
    uint8_t *outPlanes[1] = {reinterpret_cast<uint8_t *>(buf.data())};
    const uint8_t *inPlanes[1] = {reinterpret_cast<const uint8_t *>(m_mono.data())};
    const int got = swr_convert(m_swr.get(), outPlanes, int(buf.size()), inPlanes, inCount);
    if (got < 0)
        return makeError(ErrorCode::Internal, "swr_convert: " + avErrorText(got));
    emit(buf.data(), std::size_t(got));
    return {};
}

Status StreamDecoder::Impl::flushResampler()
{
    if (!m_resample || !m_swr || m_inPos < 0)
        return {};
    // The output holds exactly ceil(inputSamples * outRate / inRate) samples, as a whole-file
    // decode must: feed silence until the resampler has released them all, then cut there.
    const int64_t total = av_rescale_rnd(m_inPos, m_outRate, m_inRate, AV_ROUND_UP);
    m_outEnd = std::min(m_outEnd, total);
    std::vector<float> &buf = m_resampled;
    const std::vector<float> silence(4096, 0.0f);
    for (int guard = 0; guard < 256 && m_outPos < m_outEnd; ++guard) {
        const int cap = swr_get_out_samples(m_swr.get(), int(silence.size()));
        if (cap < 0)
            return makeError(ErrorCode::Internal, "swr_get_out_samples: " + avErrorText(cap));
        buf.resize(std::size_t(cap) + 16);
        uint8_t *outPlanes[1] = {reinterpret_cast<uint8_t *>(buf.data())};
        const uint8_t *inPlanes[1] = {reinterpret_cast<const uint8_t *>(silence.data())};
        const int got = swr_convert(m_swr.get(), outPlanes, int(buf.size()), inPlanes, int(silence.size()));
        if (got < 0)
            return makeError(ErrorCode::Internal, "swr_convert (flush): " + avErrorText(got));
        emit(buf.data(), std::size_t(got));
    }
    return {};
}

Status StreamDecoder::Impl::endOfStream()
{
    GS_TRY(flushResampler());
    m_finished = true;
    if (m_expectedInSamples > 0 && m_outEnd == std::numeric_limits<int64_t>::max() && m_inPos >= 0) {
        // Codec padding and container rounding stay well inside this tolerance.
        const int64_t tolerance = std::max<int64_t>(m_inRate / 10, m_expectedInSamples / 100);
        if (m_inPos + tolerance < m_expectedInSamples) {
            const double got = double(m_inPos) / m_inRate, expected = double(m_expectedInSamples) / m_inRate;
            char text[160];
            std::snprintf(text, sizeof text, "truncated: the header declares %.3f s, the stream ends at %.3f s",
                          expected, got);
            noteDamage(text);
        }
    }
    return {};
}

Result<StreamDecoder::Impl::Step> StreamDecoder::Impl::step()
{
    // 1. drain frames the decoder already has
    int rc = avcodec_receive_frame(m_codec.get(), m_frame.get());
    if (rc >= 0) {
        m_errorsInRow = 0;
        const Status s = convertFrame(m_frame.get());
        av_frame_unref(m_frame.get());
        GS_TRY(s);
        m_packetsWithoutOutput = 0;
        return Step::Produced;
    }
    if (rc == AVERROR_EOF) {
        GS_TRY(endOfStream());
        return Step::End;
    }
    if (rc != AVERROR(EAGAIN)) {
        noteDamage("decode error: " + avErrorText(rc));
        if (m_errorsInRow > kMaxConsecutiveErrors) {
            GS_TRY(endOfStream());
            return Step::End;
        }
        return Step::Again;
    }
    // 2. feed the next packet
    if (m_demuxEnded) {
        // EAGAIN after the flush packet should not happen; end rather than spin.
        GS_TRY(endOfStream());
        return Step::End;
    }
    if (++m_packetsWithoutOutput > kMaxPacketsWithoutOutput) {
        noteDamage("no audio decoded in " + std::to_string(kMaxPacketsWithoutOutput) + " packets; stopped");
        GS_TRY(endOfStream());
        return Step::End;
    }
    rc = av_read_frame(m_fmt.get(), m_packet.get());
    if (rc < 0) {
        if (rc != AVERROR_EOF) {
            noteDamage("read error: " + avErrorText(rc));
            if (rc == AVERROR_INVALIDDATA && m_errorsInRow <= kMaxConsecutiveErrors && !avio_feof(m_fmt->pb))
                return Step::Again;
        } else if (m_fmt->pb && m_fmt->pb->error < 0 && m_fmt->pb->error != AVERROR_EOF) {
            noteDamage("read error: " + avErrorText(m_fmt->pb->error));
        }
        m_demuxEnded = true;
        rc = avcodec_send_packet(m_codec.get(), nullptr);
        if (rc < 0 && rc != AVERROR_EOF) {
            GS_TRY(endOfStream());
            return Step::End;
        }
        return Step::Again;
    }
    if (m_packet->stream_index != m_stream) {
        av_packet_unref(m_packet.get());
        return Step::Again;
    }
    rc = avcodec_send_packet(m_codec.get(), m_packet.get());
    av_packet_unref(m_packet.get());
    if (rc < 0 && rc != AVERROR(EAGAIN)) {
        if (rc == AVERROR(ENOMEM))
            return makeError(ErrorCode::TooLarge, "out of memory while decoding");
        noteDamage("decode error: " + avErrorText(rc));
        if (m_errorsInRow > kMaxConsecutiveErrors) {
            GS_TRY(endOfStream());
            return Step::End;
        }
    }
    return Step::Again;
}

Result<std::size_t> StreamDecoder::Impl::read(std::vector<float> &out, std::size_t maxSamples)
{
    LogScope logScope(&m_log);
    if (maxSamples == 0)
        return std::size_t(0);
    std::size_t appended = 0;
    while (appended < maxSamples) {
        if (m_pendingPos < m_pending.size()) {
            const std::size_t n = std::min(maxSamples - appended, m_pending.size() - m_pendingPos);
            out.insert(out.end(), m_pending.begin() + std::ptrdiff_t(m_pendingPos),
                       m_pending.begin() + std::ptrdiff_t(m_pendingPos + n));
            m_pendingPos += n;
            appended += n;
            continue;
        }
        m_pending.clear();
        m_pendingPos = 0;
        if (m_finished)
            break;
        auto s = step();
        if (!s.ok())
            return s.error();
        if (*s == Step::End)
            m_finished = true;
    }
    delivered += int64_t(appended);
    if (appended == 0 && delivered == 0 && m_outStart == 0 && options.durationSeconds != 0) {
        if (m_errorsTotal > 0)
            return makeError(ErrorCode::CorruptData, m_source->name + ": nothing could be decoded: " + warning);
        if (m_decodedAny == 0)
            return makeError(ErrorCode::ZeroLength, m_source->name + ": the stream holds no audio samples");
    }
    return appended;
}

double StreamDecoder::Impl::progress() const
{
    double p = 0.0;
    const int64_t size = m_source ? m_source->size() : -1;
    if (m_finished && m_pendingPos >= m_pending.size())
        p = 1.0;
    else if (options.durationSeconds >= 0 && m_outEnd > m_outStart)
        p = double(delivered) / double(m_outEnd - m_outStart);
    else if (size > 0 && m_avio)
        p = double(avio_tell(m_avio.get())) / double(size);
    else if (info.durationSeconds > 0 && m_outRate > 0)
        p = double(delivered) / (info.durationSeconds * m_outRate);
    m_progress = std::max(m_progress, std::clamp(p, 0.0, 1.0)); // demuxers may seek backwards
    return m_progress;
}

// --- public entry points ---------------------------------------------------------------------------

namespace {

template <typename T, typename F>
Result<T> guarded(F &&f)
{
    try {
        return f();
    } catch (const std::bad_alloc &) {
        return makeError(ErrorCode::TooLarge, "out of memory");
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Internal, e.what());
    } catch (...) {
        return makeError(ErrorCode::Internal, "unknown exception");
    }
}

Result<std::unique_ptr<StreamDecoder::Impl>> openImpl(Result<std::unique_ptr<Source>> source,
                                                      const DecodeOptions &options, bool forDecoding)
{
    if (!source.ok())
        return source.error();
    auto impl = std::make_unique<StreamDecoder::Impl>();
    auto r = impl->open(std::move(source).value(), options, forDecoding);
    if (!r.ok())
        return r.error();
    return impl;
}

Result<DecodedAudio> decodeAll(Result<std::unique_ptr<Source>> source, const DecodeOptions &options,
                               const base::CancelToken &cancel, const base::ProgressFn &progress)
{
    if (cancel.isCancelled())
        return makeError(ErrorCode::Cancelled, "cancelled");
    auto opened = openImpl(std::move(source), options, true);
    if (!opened.ok())
        return opened.error();
    StreamDecoder::Impl &dec = *opened.value();

    DecodedAudio result;
    result.sampleRate = options.sampleRate;
    result.info = dec.info;
    // Reserve from the declared length, but never trust a header for more than 10 minutes' worth.
    double expectSeconds = options.durationSeconds >= 0
                               ? options.durationSeconds
                               : std::max(0.0, dec.info.durationSeconds - options.offsetSeconds);
    expectSeconds = std::min(expectSeconds, 600.0);
    result.samples.reserve(std::size_t(expectSeconds * options.sampleRate) + 4096);

    const bool capped = options.durationSeconds < 0;
    const auto cap = std::size_t(kMaxDecodeSeconds * options.sampleRate);
    constexpr std::size_t kChunk = 1 << 16; // ~3 s at 22050 Hz between cancel checks
    base::reportProgress(progress, 0.0);
    for (;;) {
        if (cancel.isCancelled())
            return makeError(ErrorCode::Cancelled, "cancelled");
        auto n = dec.read(result.samples, kChunk);
        if (!n.ok())
            return n.error();
        if (*n == 0)
            break;
        if (capped && result.samples.size() > cap)
            return makeError(ErrorCode::TooLarge, "the audio is longer than " +
                                                      std::to_string(int(kMaxDecodeSeconds / 3600)) +
                                                      " h; decode it in ranges or stream it");
        base::reportProgress(progress, dec.progress());
    }
    base::reportProgress(progress, 1.0);
    result.partial = dec.partial;
    result.warning = dec.warning;
    return result;
}

} // namespace

Result<AudioInfo> probe(const std::filesystem::path &path)
{
    return guarded<AudioInfo>([&]() -> Result<AudioInfo> {
        auto impl = openImpl(FileSource::open(path), DecodeOptions{}, false);
        if (!impl.ok())
            return impl.error();
        return impl.value()->info;
    });
}

Result<AudioInfo> probeMemory(std::string_view bytes)
{
    return guarded<AudioInfo>([&]() -> Result<AudioInfo> {
        if (bytes.empty())
            return makeError(ErrorCode::EmptyFile, "no bytes");
        auto impl = openImpl(std::unique_ptr<Source>(new MemorySource(bytes)), DecodeOptions{}, false);
        if (!impl.ok())
            return impl.error();
        return impl.value()->info;
    });
}

Result<DecodedAudio> decodeFile(const std::filesystem::path &path, const DecodeOptions &options,
                                const base::CancelToken &cancel, const base::ProgressFn &progress)
{
    return guarded<DecodedAudio>([&] { return decodeAll(FileSource::open(path), options, cancel, progress); });
}

Result<DecodedAudio> decodeMemory(std::string_view bytes, const DecodeOptions &options,
                                  const base::CancelToken &cancel)
{
    return guarded<DecodedAudio>([&]() -> Result<DecodedAudio> {
        if (bytes.empty())
            return makeError(ErrorCode::EmptyFile, "no bytes");
        return decodeAll(std::unique_ptr<Source>(new MemorySource(bytes)), options, cancel, {});
    });
}

StreamDecoder::StreamDecoder(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
StreamDecoder::~StreamDecoder() = default;

Result<std::unique_ptr<StreamDecoder>> StreamDecoder::open(const std::filesystem::path &path,
                                                           const DecodeOptions &options)
{
    return guarded<std::unique_ptr<StreamDecoder>>([&]() -> Result<std::unique_ptr<StreamDecoder>> {
        auto impl = openImpl(FileSource::open(path), options, true);
        if (!impl.ok())
            return impl.error();
        return std::unique_ptr<StreamDecoder>(new StreamDecoder(std::move(impl).value()));
    });
}

Result<std::unique_ptr<StreamDecoder>> StreamDecoder::openMemory(std::string_view bytes, const DecodeOptions &options)
{
    return guarded<std::unique_ptr<StreamDecoder>>([&]() -> Result<std::unique_ptr<StreamDecoder>> {
        if (bytes.empty())
            return makeError(ErrorCode::EmptyFile, "no bytes");
        auto impl = openImpl(std::unique_ptr<Source>(new MemorySource(bytes)), options, true);
        if (!impl.ok())
            return impl.error();
        return std::unique_ptr<StreamDecoder>(new StreamDecoder(std::move(impl).value()));
    });
}

const AudioInfo &StreamDecoder::info() const { return m_impl->info; }
int StreamDecoder::sampleRate() const { return m_impl->options.sampleRate; }
bool StreamDecoder::partial() const { return m_impl->partial; }
std::string StreamDecoder::warning() const { return m_impl->warning; }
double StreamDecoder::progress() const { return m_impl->progress(); }
std::int64_t StreamDecoder::samplesRead() const { return m_impl->delivered; }

Result<std::size_t> StreamDecoder::read(std::vector<float> &out, std::size_t maxSamples)
{
    return guarded<std::size_t>([&] { return m_impl->read(out, maxSamples); });
}

} // namespace genrescope::audio
