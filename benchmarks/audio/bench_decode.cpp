// Decode + downmix + resample to 22050 Hz mono of a 30 s clip and of a 10 min file, for mp3,
// ogg/vorbis, opus and wav, in one run:
//   Project/...      genrescope::audio::decodeFile (soxr, 24-bit precision)
//   Direct/...       FFmpeg's libraries used the simplest way: decode + swr (its default resampler) to mono 22050
//   DirectSoxr/...   the same with swr's soxr engine at the project's precision (same resampler, no project code)
//   CliFfmpeg/...    `ffmpeg -i FILE -ac 1 -ar 22050 -f f32le /dev/null`, one process per iteration
// Fixtures are generated into a temporary folder on first use (in-process encoders, gs_audiogen).
#include "audio/decoder.h"
#include "audio/ffmpeglog.h"
#include "support/audiogen.h"

#include <benchmark/benchmark.h>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>
}

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <vector>

extern char **environ;

namespace fs = std::filesystem;
using genrescope::test::AudioFormat;

namespace {

struct Fixture
{
    std::string name;
    AudioFormat format;
    int rate;
};

const Fixture kFormats[] = {
    {"mp3", AudioFormat::Mp3, 44100},
    {"ogg", AudioFormat::OggVorbis, 44100},
    {"opus", AudioFormat::Opus, 48000},
    {"wav", AudioFormat::WavS16, 44100},
};

fs::path g_dir;
std::map<std::string, fs::path> g_files; // "mp3/30s" -> path

/** Stereo music-like test signal: a chirp, a second tone and noise, so codecs do real work. */
std::vector<float> signal(int rate, double seconds)
{
    auto x = genrescope::test::chirp(60, 8000, rate, seconds, 2, 0.35f);
    const auto t = genrescope::test::sine(330, rate, seconds, 2, 0.2f);
    const auto n = genrescope::test::noise(rate, seconds, 2, 0.1f, 5);
    for (std::size_t i = 0; i < x.size(); ++i)
        x[i] += t[i] + n[i];
    return x;
}

void makeDir()
{
    char tmpl[] = "/tmp/gs-bench-audio-XXXXXX";
    if (!mkdtemp(tmpl)) {
        std::perror("mkdtemp");
        std::exit(1);
    }
    g_dir = tmpl;
}

/** The fixture "<format>/<30s|10min>", encoded on first use (so a filtered run encodes only what it needs). */
const fs::path &fixture(const std::string &key)
{
    if (auto it = g_files.find(key); it != g_files.end())
        return it->second;
    const std::string name = key.substr(0, key.find('/')), label = key.substr(key.find('/') + 1);
    for (const auto &f : kFormats) {
        if (f.name != name)
            continue;
        const double seconds = label == "30s" ? 30.0 : 600.0;
        const fs::path p = g_dir / (label + "-" + f.name + genrescope::test::extensionFor(f.format));
        auto s = genrescope::test::writeAudioFile(p, signal(f.rate, seconds), f.rate, 2, f.format);
        if (!s.ok()) {
            std::fprintf(stderr, "fixture %s: %s\n", p.c_str(), s.error().toString().c_str());
            std::exit(1);
        }
        return g_files[key] = p;
    }
    std::fprintf(stderr, "no fixture %s\n", key.c_str());
    std::exit(1);
}

/** The baseline: FFmpeg's libraries, the simplest correct loop. Returns the number of output samples. */
std::size_t decodeDirect(const fs::path &path, bool soxr)
{
    AVFormatContext *fmt = nullptr;
    if (avformat_open_input(&fmt, path.c_str(), nullptr, nullptr) < 0)
        return 0;
    avformat_find_stream_info(fmt, nullptr);
    const AVCodec *codec = nullptr;
    const int stream = av_find_best_stream(fmt, AVMEDIA_TYPE_AUDIO, -1, -1, &codec, 0);
    AVCodecContext *dec = avcodec_alloc_context3(codec);
    avcodec_parameters_to_context(dec, fmt->streams[stream]->codecpar);
    avcodec_open2(dec, codec, nullptr);
    SwrContext *swr = nullptr;
    AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
    swr_alloc_set_opts2(&swr, &mono, AV_SAMPLE_FMT_FLT, 22050, &dec->ch_layout, dec->sample_fmt, dec->sample_rate, 0,
                        nullptr);
    if (soxr) {
        av_opt_set(swr, "resampler", "soxr", 0);
        av_opt_set_int(swr, "precision", 24, 0);
    }
    swr_init(swr);
    std::vector<float> out;
    std::vector<float> buf;
    AVPacket *pkt = av_packet_alloc();
    AVFrame *frame = av_frame_alloc();
    auto drain = [&] {
        while (avcodec_receive_frame(dec, frame) >= 0) {
            const int cap = swr_get_out_samples(swr, frame->nb_samples);
            buf.resize(std::size_t(cap));
            uint8_t *o[1] = {reinterpret_cast<uint8_t *>(buf.data())};
            const int got = swr_convert(swr, o, cap, const_cast<const uint8_t **>(frame->extended_data),
                                        frame->nb_samples);
            if (got > 0)
                out.insert(out.end(), buf.begin(), buf.begin() + got);
            av_frame_unref(frame);
        }
    };
    while (av_read_frame(fmt, pkt) >= 0) {
        if (pkt->stream_index == stream)
            avcodec_send_packet(dec, pkt);
        av_packet_unref(pkt);
        drain();
    }
    avcodec_send_packet(dec, nullptr);
    drain();
    buf.resize(4096);
    uint8_t *o[1] = {reinterpret_cast<uint8_t *>(buf.data())};
    const int got = swr_convert(swr, o, 4096, nullptr, 0);
    if (got > 0)
        out.insert(out.end(), buf.begin(), buf.begin() + got);
    av_frame_free(&frame);
    av_packet_free(&pkt);
    swr_free(&swr);
    avcodec_free_context(&dec);
    avformat_close_input(&fmt);
    return out.size();
}

int runCli(const fs::path &path)
{
    const std::string file = path.string();
    const char *argv[] = {"ffmpeg", "-nostdin", "-v", "error", "-i", file.c_str(), "-ac", "1", "-ar", "22050",
                          "-f", "f32le", "-y", "/dev/null", nullptr};
    pid_t pid = 0;
    if (posix_spawnp(&pid, "ffmpeg", nullptr, nullptr, const_cast<char **>(argv), environ) != 0)
        return -1;
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void BM_Project(benchmark::State &state, std::string key)
{
    const fs::path p = fixture(key);
    for (auto _ : state) {
        auto r = genrescope::audio::decodeFile(p);
        if (!r.ok()) {
            state.SkipWithError(r.error().toString().c_str());
            return;
        }
        benchmark::DoNotOptimize(r->samples.data());
        state.counters["samples"] = double(r->samples.size());
    }
}

void BM_Direct(benchmark::State &state, std::string key, bool soxr)
{
    const fs::path p = fixture(key);
    for (auto _ : state) {
        const std::size_t n = decodeDirect(p, soxr);
        if (n == 0) {
            state.SkipWithError("direct decode failed");
            return;
        }
        state.counters["samples"] = double(n);
    }
}

void BM_Cli(benchmark::State &state, std::string key)
{
    const fs::path p = fixture(key);
    for (auto _ : state) {
        if (runCli(p) != 0) {
            state.SkipWithError("ffmpeg CLI failed (is it installed?)");
            return;
        }
    }
}

} // namespace

int main(int argc, char **argv)
{
    genrescope::audio::silenceFfmpegLog();
    benchmark::Initialize(&argc, argv);
    makeDir();
    for (const auto &f : kFormats) {
        for (const std::string label : {"30s", "10min"}) {
            const std::string key = f.name + "/" + label;
            const double minTime = label == "30s" ? 1.0 : 0.1;
            benchmark::RegisterBenchmark(("Project/" + key).c_str(), BM_Project, key)
                ->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(minTime);
            benchmark::RegisterBenchmark(("Direct/" + key).c_str(), BM_Direct, key, false)
                ->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(minTime);
            benchmark::RegisterBenchmark(("DirectSoxr/" + key).c_str(), BM_Direct, key, true)
                ->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(minTime);
            benchmark::RegisterBenchmark(("CliFfmpeg/" + key).c_str(), BM_Cli, key)
                ->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(minTime);
        }
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    std::error_code ec;
    fs::remove_all(g_dir, ec);
    return 0;
}
