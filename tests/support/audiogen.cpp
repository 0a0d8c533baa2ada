#include "audiogen.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/imgutils.h>
}

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <numbers>
#include <random>

namespace genrescope::test {

using base::ErrorCode;
using base::makeError;
using base::Status;

namespace {

struct Spec
{
    const char *muxer;
    const char *encoder;
    const char *ext;
    const char *name;
    int64_t bitRate;
};

Spec specOf(AudioFormat f)
{
    switch (f) {
    case AudioFormat::WavU8: return {"wav", "pcm_u8", ".wav", "wav-u8", 0};
    case AudioFormat::WavS16: return {"wav", "pcm_s16le", ".wav", "wav-s16", 0};
    case AudioFormat::WavS24: return {"wav", "pcm_s24le", ".wav", "wav-s24", 0};
    case AudioFormat::WavS32: return {"wav", "pcm_s32le", ".wav", "wav-s32", 0};
    case AudioFormat::WavF32: return {"wav", "pcm_f32le", ".wav", "wav-f32", 0};
    case AudioFormat::Au: return {"au", "pcm_s16be", ".au", "au", 0};
    case AudioFormat::Aiff: return {"aiff", "pcm_s16be", ".aiff", "aiff", 0};
    case AudioFormat::Flac: return {"flac", "flac", ".flac", "flac", 0};
    case AudioFormat::Mp3: return {"mp3", "libmp3lame", ".mp3", "mp3", 128000};
    case AudioFormat::OggVorbis: return {"ogg", "libvorbis", ".ogg", "ogg-vorbis", 128000};
    case AudioFormat::Opus: return {"ogg", "libopus", ".opus", "opus", 96000};
    case AudioFormat::M4aAac: return {"ipod", "aac", ".m4a", "m4a-aac", 128000};
    case AudioFormat::Wma: return {"asf", "wmav2", ".wma", "wma", 128000};
    case AudioFormat::MkvVorbis: return {"matroska", "libvorbis", ".mkv", "mkv-vorbis", 128000};
    case AudioFormat::WebmOpus: return {"webm", "libopus", ".webm", "webm-opus", 96000};
    case AudioFormat::Mp4WithVideo: return {"mp4", "aac", ".mp4", "mp4-video-aac", 128000};
    }
    return {"wav", "pcm_s16le", ".wav", "wav-s16", 0};
}

std::string avText(int err)
{
    char buf[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(err, buf, sizeof buf);
    return buf;
}

struct OutputDeleter
{
    void operator()(AVFormatContext *p) const
    {
        if (!p)
            return;
        if (p->pb && !(p->oformat->flags & AVFMT_NOFILE))
            avio_closep(&p->pb);
        avformat_free_context(p);
    }
};
struct CodecDeleter { void operator()(AVCodecContext *p) const { avcodec_free_context(&p); } };
struct FrameDeleter { void operator()(AVFrame *p) const { av_frame_free(&p); } };
struct PacketDeleter { void operator()(AVPacket *p) const { av_packet_free(&p); } };

Status fail(ErrorCode code, const std::string &what, int rc)
{
    return makeError(code, what + ": " + avText(rc));
}

/** Convert frames [from, from + n) of interleaved float into the encoder's sample format. */
void fillFrame(AVFrame *frame, const std::vector<float> &src, int channels, std::size_t from, int n, bool s24)
{
    const auto fmt = AVSampleFormat(frame->format);
    const bool planar = av_sample_fmt_is_planar(fmt);
    auto sampleAt = [&](int i, int c) -> float {
        const std::size_t idx = (from + std::size_t(i)) * std::size_t(channels) + std::size_t(c);
        return idx < src.size() ? std::clamp(src[idx], -1.0f, 1.0f) : 0.0f;
    };
    for (int c = 0; c < channels; ++c) {
        for (int i = 0; i < frame->nb_samples; ++i) {
            const float x = i < n ? sampleAt(i, c) : 0.0f;
            const std::size_t at = planar ? std::size_t(i) : std::size_t(i) * std::size_t(channels) + std::size_t(c);
            uint8_t *plane = frame->extended_data[planar ? c : 0];
            switch (av_get_packed_sample_fmt(fmt)) {
            case AV_SAMPLE_FMT_U8:
                plane[at] = uint8_t(std::clamp<long>(std::lrint(x * 128.0f) + 128, 0, 255));
                break;
            case AV_SAMPLE_FMT_S16:
                reinterpret_cast<int16_t *>(plane)[at] = int16_t(std::clamp<long>(std::lrint(x * 32768.0f), -32768, 32767));
                break;
            case AV_SAMPLE_FMT_S32:
                if (s24)
                    reinterpret_cast<int32_t *>(plane)[at] =
                        int32_t(std::clamp<long>(std::lrint(double(x) * 8388608.0), -8388608, 8388607) * 256);
                else
                    reinterpret_cast<int32_t *>(plane)[at] =
                        int32_t(std::clamp<long long>(std::llrint(double(x) * 2147483648.0), -2147483648LL, 2147483647LL));
                break;
            case AV_SAMPLE_FMT_FLT:
                reinterpret_cast<float *>(plane)[at] = x;
                break;
            case AV_SAMPLE_FMT_DBL:
                reinterpret_cast<double *>(plane)[at] = x;
                break;
            default:
                break;
            }
        }
    }
}

Status drain(AVFormatContext *fmt, AVCodecContext *enc, AVStream *st, AVPacket *pkt)
{
    for (;;) {
        int rc = avcodec_receive_packet(enc, pkt);
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
            return {};
        if (rc < 0)
            return fail(ErrorCode::Internal, "avcodec_receive_packet", rc);
        av_packet_rescale_ts(pkt, enc->time_base, st->time_base);
        pkt->stream_index = st->index;
        rc = av_interleaved_write_frame(fmt, pkt);
        if (rc < 0)
            return fail(ErrorCode::Io, "av_interleaved_write_frame", rc);
    }
}

struct VideoTrack
{
    std::unique_ptr<AVCodecContext, CodecDeleter> enc;
    std::unique_ptr<AVFrame, FrameDeleter> frame;
    AVStream *st = nullptr;
    int64_t next = 0; ///< next frame index (time base 1/10 s)
};

constexpr int kVideoFps = 10;

Status addVideo(AVFormatContext *fmt, VideoTrack &v)
{
    const AVCodec *codec = avcodec_find_encoder(AV_CODEC_ID_MPEG4);
    if (!codec)
        return makeError(ErrorCode::Unavailable, "no mpeg4 encoder");
    v.st = avformat_new_stream(fmt, nullptr);
    v.enc.reset(avcodec_alloc_context3(codec));
    if (!v.st || !v.enc)
        return makeError(ErrorCode::Internal, "out of memory");
    v.enc->width = 64;
    v.enc->height = 48;
    v.enc->pix_fmt = AV_PIX_FMT_YUV420P;
    v.enc->time_base = AVRational{1, kVideoFps};
    v.enc->framerate = AVRational{kVideoFps, 1};
    v.enc->gop_size = 10;
    if (fmt->oformat->flags & AVFMT_GLOBALHEADER)
        v.enc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    int rc = avcodec_open2(v.enc.get(), codec, nullptr);
    if (rc < 0)
        return fail(ErrorCode::Unavailable, "open mpeg4 encoder", rc);
    rc = avcodec_parameters_from_context(v.st->codecpar, v.enc.get());
    if (rc < 0)
        return fail(ErrorCode::Internal, "avcodec_parameters_from_context", rc);
    v.st->time_base = v.enc->time_base;
    v.frame.reset(av_frame_alloc());
    v.frame->format = AV_PIX_FMT_YUV420P;
    v.frame->width = 64;
    v.frame->height = 48;
    rc = av_frame_get_buffer(v.frame.get(), 0);
    if (rc < 0)
        return fail(ErrorCode::Internal, "av_frame_get_buffer", rc);
    return {};
}

/** Encode video frames up to `untilSeconds` (all remaining when flushing). */
Status writeVideoUntil(AVFormatContext *fmt, VideoTrack &v, AVPacket *pkt, double untilSeconds, bool flush)
{
    while (double(v.next) / kVideoFps < untilSeconds) {
        int rc = av_frame_make_writable(v.frame.get());
        if (rc < 0)
            return fail(ErrorCode::Internal, "av_frame_make_writable", rc);
        for (int p = 0; p < 3; ++p) {
            const int h = p == 0 ? 48 : 24, w = p == 0 ? 64 : 32;
            for (int y = 0; y < h; ++y)
                std::memset(v.frame->data[p] + y * v.frame->linesize[p], p == 0 ? int(16 + (v.next * 7) % 200) : 128,
                            std::size_t(w));
        }
        v.frame->pts = v.next++;
        rc = avcodec_send_frame(v.enc.get(), v.frame.get());
        if (rc < 0)
            return fail(ErrorCode::Internal, "avcodec_send_frame (video)", rc);
        GS_TRY(drain(fmt, v.enc.get(), v.st, pkt));
    }
    if (flush) {
        const int rc = avcodec_send_frame(v.enc.get(), nullptr);
        if (rc < 0 && rc != AVERROR_EOF)
            return fail(ErrorCode::Internal, "flush video", rc);
        GS_TRY(drain(fmt, v.enc.get(), v.st, pkt));
    }
    return {};
}

Status openOutput(std::unique_ptr<AVFormatContext, OutputDeleter> &out,
                  const char *muxer)
{
    AVFormatContext *fmt = nullptr;
    int rc = avformat_alloc_output_context2(&fmt, nullptr, muxer, nullptr);
    if (rc < 0 || !fmt)
        return fail(ErrorCode::Unavailable, std::string("muxer ") + muxer, rc);
    out.reset(fmt);
    return {};
}

Status startFile(AVFormatContext *fmt, const std::filesystem::path &path)
{
    int rc = avio_open(&fmt->pb, ("file:" + path.string()).c_str(), AVIO_FLAG_WRITE);
    if (rc < 0)
        return fail(ErrorCode::Io, "cannot create " + path.string(), rc);
    rc = avformat_write_header(fmt, nullptr);
    if (rc < 0)
        return fail(ErrorCode::Io, "avformat_write_header", rc);
    return {};
}

} // namespace

std::string extensionFor(AudioFormat format)
{
    return specOf(format).ext;
}

std::string nameOf(AudioFormat format)
{
    return specOf(format).name;
}

std::vector<float> sine(double freqHz, int rate, double seconds, int channels, float amplitude)
{
    const auto n = std::size_t(std::llround(seconds * rate));
    std::vector<float> out(n * std::size_t(channels));
    for (std::size_t i = 0; i < n; ++i) {
        const float v = amplitude * float(std::sin(2.0 * std::numbers::pi * freqHz * double(i) / rate));
        for (int c = 0; c < channels; ++c)
            out[i * std::size_t(channels) + std::size_t(c)] = v;
    }
    return out;
}

std::vector<float> chirp(double f0Hz, double f1Hz, int rate, double seconds, int channels, float amplitude)
{
    const auto n = std::size_t(std::llround(seconds * rate));
    std::vector<float> out(n * std::size_t(channels));
    const double k = (f1Hz - f0Hz) / seconds;
    for (std::size_t i = 0; i < n; ++i) {
        const double t = double(i) / rate;
        const float v = amplitude * float(std::sin(2.0 * std::numbers::pi * (f0Hz * t + 0.5 * k * t * t)));
        for (int c = 0; c < channels; ++c)
            out[i * std::size_t(channels) + std::size_t(c)] = v;
    }
    return out;
}

std::vector<float> noise(int rate, double seconds, int channels, float amplitude, unsigned seed)
{
    const auto n = std::size_t(std::llround(seconds * rate));
    std::mt19937 gen(seed);
    std::uniform_real_distribution<float> dist(-amplitude, amplitude);
    std::vector<float> out(n * std::size_t(channels));
    for (auto &v : out)
        v = dist(gen);
    return out;
}

std::vector<float> clicks(int rate, double seconds, double intervalSeconds, int channels, float amplitude)
{
    const auto n = std::size_t(std::llround(seconds * rate));
    std::vector<float> out(n * std::size_t(channels), 0.0f);
    const double step = intervalSeconds * rate;
    for (double at = 0; at < double(n); at += step)
        for (int c = 0; c < channels; ++c)
            out[std::size_t(at) * std::size_t(channels) + std::size_t(c)] = amplitude;
    return out;
}

Status writeAudioFile(const std::filesystem::path &path, const std::vector<float> &interleaved, int rate, int channels,
                      AudioFormat format, const std::vector<std::pair<std::string, std::string>> &tags)
{
    if (rate <= 0 || channels <= 0 || channels > 8 || interleaved.size() % std::size_t(channels) != 0)
        return makeError(ErrorCode::InvalidArgument, "bad rate, channel count or sample count");
    const Spec spec = specOf(format);
    const AVCodec *codec = avcodec_find_encoder_by_name(spec.encoder);
    if (!codec)
        return makeError(ErrorCode::Unavailable, std::string("encoder ") + spec.encoder + " is missing");

    std::unique_ptr<AVFormatContext, OutputDeleter> out;
    GS_TRY(openOutput(out, spec.muxer));
    AVFormatContext *fmt = out.get();
    for (const auto &[k, v] : tags)
        av_dict_set(&fmt->metadata, k.c_str(), v.c_str(), 0);

    VideoTrack video;
    if (format == AudioFormat::Mp4WithVideo)
        GS_TRY(addVideo(fmt, video));

    AVStream *st = avformat_new_stream(fmt, nullptr);
    std::unique_ptr<AVCodecContext, CodecDeleter> enc(avcodec_alloc_context3(codec));
    if (!st || !enc)
        return makeError(ErrorCode::Internal, "out of memory");
    enc->sample_rate = rate;
    av_channel_layout_default(&enc->ch_layout, channels);
    enc->sample_fmt = codec->sample_fmts ? codec->sample_fmts[0] : AV_SAMPLE_FMT_S16;
    if (format == AudioFormat::Flac)
        enc->sample_fmt = AV_SAMPLE_FMT_S16;
    enc->time_base = AVRational{1, rate};
    if (spec.bitRate > 0)
        enc->bit_rate = spec.bitRate;
    if (fmt->oformat->flags & AVFMT_GLOBALHEADER)
        enc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    int rc = avcodec_open2(enc.get(), codec, nullptr);
    if (rc < 0)
        return fail(ErrorCode::InvalidArgument, std::string("open encoder ") + spec.encoder, rc);
    rc = avcodec_parameters_from_context(st->codecpar, enc.get());
    if (rc < 0)
        return fail(ErrorCode::Internal, "avcodec_parameters_from_context", rc);
    st->time_base = enc->time_base;
    GS_TRY(startFile(fmt, path));

    const bool variable = codec->capabilities & AV_CODEC_CAP_VARIABLE_FRAME_SIZE;
    const int frameSize = (enc->frame_size > 0 && !variable) ? enc->frame_size : 4096;
    const bool smallLast = variable || (codec->capabilities & AV_CODEC_CAP_SMALL_LAST_FRAME);
    std::unique_ptr<AVFrame, FrameDeleter> frame(av_frame_alloc());
    std::unique_ptr<AVPacket, PacketDeleter> pkt(av_packet_alloc());
    if (!frame || !pkt)
        return makeError(ErrorCode::Internal, "out of memory");
    const bool s24 = format == AudioFormat::WavS24;
    const std::size_t total = interleaved.size() / std::size_t(channels);
    for (std::size_t pos = 0; pos < total; pos += std::size_t(frameSize)) {
        const int n = int(std::min<std::size_t>(std::size_t(frameSize), total - pos));
        frame->nb_samples = smallLast ? n : frameSize;
        frame->format = enc->sample_fmt;
        frame->sample_rate = rate;
        rc = av_channel_layout_copy(&frame->ch_layout, &enc->ch_layout);
        if (rc < 0)
            return fail(ErrorCode::Internal, "av_channel_layout_copy", rc);
        rc = av_frame_get_buffer(frame.get(), 0);
        if (rc < 0)
            return fail(ErrorCode::Internal, "av_frame_get_buffer", rc);
        fillFrame(frame.get(), interleaved, channels, pos, n, s24);
        frame->pts = int64_t(pos);
        if (video.enc)
            GS_TRY(writeVideoUntil(fmt, video, pkt.get(), double(pos) / rate, false));
        rc = avcodec_send_frame(enc.get(), frame.get());
        av_frame_unref(frame.get());
        if (rc < 0)
            return fail(ErrorCode::Internal, "avcodec_send_frame", rc);
        GS_TRY(drain(fmt, enc.get(), st, pkt.get()));
    }
    rc = avcodec_send_frame(enc.get(), nullptr);
    if (rc < 0 && rc != AVERROR_EOF)
        return fail(ErrorCode::Internal, "flush encoder", rc);
    GS_TRY(drain(fmt, enc.get(), st, pkt.get()));
    if (video.enc)
        GS_TRY(writeVideoUntil(fmt, video, pkt.get(), double(total) / rate, true));
    rc = av_write_trailer(fmt);
    if (rc < 0)
        return fail(ErrorCode::Io, "av_write_trailer", rc);
    return {};
}

Status writeVideoOnlyFile(const std::filesystem::path &path, double seconds)
{
    std::unique_ptr<AVFormatContext, OutputDeleter> out;
    GS_TRY(openOutput(out, "mp4"));
    VideoTrack video;
    GS_TRY(addVideo(out.get(), video));
    GS_TRY(startFile(out.get(), path));
    std::unique_ptr<AVPacket, PacketDeleter> pkt(av_packet_alloc());
    GS_TRY(writeVideoUntil(out.get(), video, pkt.get(), seconds, true));
    const int rc = av_write_trailer(out.get());
    if (rc < 0)
        return fail(ErrorCode::Io, "av_write_trailer", rc);
    return {};
}

} // namespace genrescope::test
