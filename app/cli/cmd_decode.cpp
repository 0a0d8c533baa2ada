// genrescope-cli decode FILE --out OUT.wav: the app's own decode path (mono, resampled) written to WAV for checking.
#include "clisupport.h"
#include "command.h"

#include "audio/decoder.h"
#include "base/atomicfile.h"

#include <QCommandLineParser>
#include <QFile>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace genrescope;

namespace {

std::atomic<bool> g_interrupted{false};

void onSigint(int)
{
    g_interrupted.store(true);
}

void putLe(std::string &s, uint32_t v, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        s += char((v >> (8 * i)) & 0xFF);
}

/** RIFF header for mono PCM s16 or IEEE float, for `frames` samples. */
std::string wavHeader(int rate, bool asFloat, uint64_t frames)
{
    const uint32_t bytesPer = asFloat ? 4 : 2;
    const auto dataBytes = uint32_t(frames * bytesPer);
    std::string fmt;
    putLe(fmt, asFloat ? 3 : 1, 2); // WAVE_FORMAT_IEEE_FLOAT / PCM
    putLe(fmt, 1, 2);
    putLe(fmt, uint32_t(rate), 4);
    putLe(fmt, uint32_t(rate) * bytesPer, 4);
    putLe(fmt, bytesPer, 2);
    putLe(fmt, bytesPer * 8, 2);
    if (asFloat)
        putLe(fmt, 0, 2); // cbSize
    std::string body = "WAVEfmt ";
    putLe(body, uint32_t(fmt.size()), 4);
    body += fmt;
    if (asFloat) { // non-PCM WAVs carry a fact chunk with the sample count
        body += "fact";
        putLe(body, 4, 4);
        putLe(body, uint32_t(frames), 4);
    }
    body += "data";
    putLe(body, dataBytes, 4);
    std::string riff = "RIFF";
    putLe(riff, uint32_t(body.size() + dataBytes), 4);
    return riff + body;
}

bool writeAll(int fd, const char *data, std::size_t n)
{
    while (n > 0) {
        const ssize_t w = ::write(fd, data, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        data += w;
        n -= std::size_t(w);
    }
    return true;
}

/** Streams the decode into a temporary file beside `out`, then renames it over `out`. */
int decodeToWav(const std::filesystem::path &in, const std::filesystem::path &out, const audio::DecodeOptions &o,
                bool asFloat)
{
    auto dec = audio::StreamDecoder::open(in, o);
    if (!dec.ok()) {
        cli::printError(dec.error());
        return cli::kExitFailure;
    }
    std::string tmpl = out.string() + ".XXXXXX";
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0) {
        cli::printError(base::Error{base::errorCodeFromErrno(errno), out.string() + ": " + std::strerror(errno)});
        return cli::kExitFailure;
    }
    auto fail = [&](const base::Error &e) {
        ::close(fd);
        ::unlink(tmpl.c_str());
        if (e.isCancelled())
            return int(cli::kExitCancelled);
        cli::printError(e);
        return int(cli::kExitFailure);
    };
    const std::string placeholder = wavHeader(o.sampleRate, asFloat, 0);
    if (!writeAll(fd, placeholder.data(), placeholder.size()))
        return fail(base::Error{base::errorCodeFromErrno(errno), tmpl + ": " + std::strerror(errno)});

    const uint64_t maxFrames = (0xFFFFFFF0ull - placeholder.size()) / (asFloat ? 4 : 2);
    cli::ProgressBar bar("decode");
    std::vector<float> chunk;
    std::string bytes;
    uint64_t frames = 0;
    for (;;) {
        if (g_interrupted.load())
            return fail(base::Error{base::ErrorCode::Cancelled, "interrupted"});
        chunk.clear();
        auto n = dec.value()->read(chunk, 1 << 16);
        if (!n.ok())
            return fail(n.error());
        if (*n == 0)
            break;
        frames += *n;
        if (frames > maxFrames)
            return fail(base::Error{base::ErrorCode::TooLarge, "the output exceeds WAV's 4 GB limit; use --duration"});
        bytes.resize(chunk.size() * (asFloat ? 4 : 2));
        if (asFloat) {
            std::memcpy(bytes.data(), chunk.data(), bytes.size()); // little-endian host
        } else {
            for (std::size_t i = 0; i < chunk.size(); ++i) {
                const auto v = int16_t(std::clamp<long>(std::lrint(chunk[i] * 32768.0f), -32768, 32767));
                std::memcpy(bytes.data() + 2 * i, &v, 2);
            }
        }
        if (!writeAll(fd, bytes.data(), bytes.size()))
            return fail(base::Error{base::errorCodeFromErrno(errno), tmpl + ": " + std::strerror(errno)});
        bar.update(dec.value()->progress());
    }
    bar.finish();
    const std::string header = wavHeader(o.sampleRate, asFloat, frames);
    if (::pwrite(fd, header.data(), header.size(), 0) != ssize_t(header.size()) || ::fsync(fd) != 0)
        return fail(base::Error{base::errorCodeFromErrno(errno), tmpl + ": " + std::strerror(errno)});
    ::fchmod(fd, 0644);
    ::close(fd);
    if (::rename(tmpl.c_str(), out.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmpl.c_str());
        cli::printError(base::Error{base::errorCodeFromErrno(err), out.string() + ": " + std::strerror(err)});
        return cli::kExitFailure;
    }
    if (dec.value()->partial())
        cli::printError("warning: the input is damaged; wrote what decoded (" + dec.value()->warning() + ")");
    std::fprintf(stderr, "%s: %llu samples at %d Hz (%.3f s), %s\n", out.string().c_str(),
                 static_cast<unsigned long long>(frames), o.sampleRate, double(frames) / o.sampleRate,
                 asFloat ? "float32" : "s16");
    return cli::kExitOk;
}

int runDecode(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Decode a file through Genrescope's audio path (channels averaged, resampled "
                                     "with soxr) and write it as a mono WAV, for checking by ear or by tool.");
    parser.addHelpOption();
    parser.addOptions({
        {{"o", "out"}, "Output WAV file (written atomically).", "OUT.wav"},
        {"rate", "Output sample rate in Hz (default 22050).", "hz", "22050"},
        {"offset", "Start of the range in seconds (default 0).", "s", "0"},
        {"duration", "Length of the range in seconds (default: to the end).", "s", "-1"},
        {"format", "Sample format of the WAV: f32 (default) or s16.", "fmt", "f32"},
    });
    parser.addPositionalArgument("file", "Audio or video file.", "FILE");
    if (const int exit = cli::parseCommandLine(parser, "decode", args); exit >= 0)
        return exit;
    if (parser.positionalArguments().size() != 1 || !parser.isSet("out")) {
        cli::printError("decode: give one FILE and --out OUT.wav (see genrescope-cli decode --help)");
        return cli::kExitUsage;
    }
    bool okRate = false, okOffset = false, okDuration = false;
    audio::DecodeOptions o;
    o.sampleRate = parser.value("rate").toInt(&okRate);
    o.offsetSeconds = parser.value("offset").toDouble(&okOffset);
    o.durationSeconds = parser.value("duration").toDouble(&okDuration);
    const QString format = parser.value("format");
    if (!okRate || !okOffset || !okDuration || (format != "f32" && format != "s16")) {
        cli::printError("decode: --rate, --offset and --duration take numbers, --format f32 or s16");
        return cli::kExitUsage;
    }
    const auto in = std::filesystem::path(QFile::encodeName(parser.positionalArguments().first()).toStdString());
    const auto out = std::filesystem::path(QFile::encodeName(parser.value("out")).toStdString());
    auto previous = std::signal(SIGINT, onSigint);
    const int rc = decodeToWav(in, out, o, format == "f32");
    std::signal(SIGINT, previous);
    return rc;
}

cli::CommandRegistration reg{{"decode", "decode a file to a mono WAV through the app's audio path", runDecode}};

} // namespace
