#include "audio/decoder.h"
#include "signalcheck.h"
#include "support/audiogen.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <cstring>
#include <fstream>
#include <linux/capability.h>
#include <random>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace genrescope;
using namespace genrescope::test;
using base::ErrorCode;
namespace fs = std::filesystem;

namespace {

void writeBytes(const fs::path &p, const std::string &bytes)
{
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
}

std::string readBytes(const fs::path &p)
{
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void putLe(std::string &s, uint32_t v, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        s += char((v >> (8 * i)) & 0xFF);
}

/** A canonical 44-byte-header PCM WAV whose header may lie about rate, channels and data size. */
std::string wavBytes(uint32_t rate, uint16_t channels, uint16_t bits, uint32_t declaredDataBytes,
                     const std::string &pcm)
{
    std::string s = "RIFF";
    putLe(s, uint32_t(36 + pcm.size()), 4);
    s += "WAVEfmt ";
    putLe(s, 16, 4);
    putLe(s, 1, 2); // PCM
    putLe(s, channels, 2);
    putLe(s, rate, 4);
    putLe(s, rate * channels * bits / 8, 4);
    putLe(s, uint16_t(channels * bits / 8), 2);
    putLe(s, bits, 2);
    s += "data";
    putLe(s, declaredDataBytes, 4);
    return s + pcm;
}

std::string pcm16(const std::vector<float> &x)
{
    std::string s;
    for (const float v : x)
        putLe(s, uint32_t(uint16_t(int16_t(std::lrint(v * 32767.0f)))), 2);
    return s;
}

QString describe(const base::Result<audio::DecodedAudio> &r)
{
    if (!r.ok())
        return QString::fromStdString(r.error().toString());
    return QString("ok: %1 samples, partial=%2 %3")
        .arg(r->samples.size())
        .arg(r->partial)
        .arg(QString::fromStdString(r->warning.substr(0, 200)));
}

bool isOneOf(ErrorCode c, std::initializer_list<ErrorCode> codes)
{
    return std::find(codes.begin(), codes.end(), c) != codes.end();
}

/** Drop (or restore) root's permission override for this thread, so chmod 000 bites as root too. */
bool setDacOverride(bool enabled)
{
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2]{};
    if (syscall(SYS_capget, &header, data) != 0)
        return false;
    for (const int cap : {CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH}) {
        if (enabled)
            data[cap / 32].effective |= (1u << (cap % 32));
        else
            data[cap / 32].effective &= ~(1u << (cap % 32));
    }
    return syscall(SYS_capset, &header, data) == 0;
}

} // namespace

class TestHostile : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    fs::path make(const std::string &name, AudioFormat f, double seconds = 2.0, int rate = 44100, int channels = 2)
    {
        const fs::path p = pathIn(m_dir, name + extensionFor(f));
        const auto s = writeAudioFile(p, chirp(200, 6000, rate, seconds, channels, 0.5f), rate, channels, f);
        if (!s.ok())
            qFatal("fixture: %s", s.error().toString().c_str());
        return p;
    }

    void expectError(const fs::path &p, std::initializer_list<ErrorCode> codes)
    {
        auto r = audio::decodeFile(p);
        QVERIFY2(!r.ok(), qPrintable(describe(r)));
        QVERIFY2(isOneOf(r.error().code, codes), qPrintable(describe(r)));
        QVERIFY(!r.error().detail.empty());
        auto info = audio::probe(p);
        QVERIFY(!info.ok());
        auto stream = audio::StreamDecoder::open(p);
        if (stream.ok()) { // a header may pass; then reading must fail
            std::vector<float> out;
            auto n = stream.value()->read(out, 4096);
            QVERIFY(!n.ok());
        }
    }

private Q_SLOTS:
    void missingFileIsFileNotFound()
    {
        const auto p = pathIn(m_dir, "does-not-exist.mp3");
        auto r = audio::decodeFile(p);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::FileNotFound);
        QVERIFY(r.error().detail.find("does-not-exist.mp3") != std::string::npos);
        QCOMPARE(audio::probe(p).error().code, ErrorCode::FileNotFound);
        QCOMPARE(audio::StreamDecoder::open(p).error().code, ErrorCode::FileNotFound);
    }

    void directoryIsIsDirectory()
    {
        const auto p = pathIn(m_dir, "folder.wav");
        fs::create_directory(p);
        QCOMPARE(audio::decodeFile(p).error().code, ErrorCode::IsDirectory);
        QCOMPARE(audio::probe(p).error().code, ErrorCode::IsDirectory);
    }

    void emptyFileIsEmptyFile()
    {
        const auto p = pathIn(m_dir, "empty.mp3");
        writeBytes(p, "");
        QCOMPARE(audio::decodeFile(p).error().code, ErrorCode::EmptyFile);
        QCOMPARE(audio::probe(p).error().code, ErrorCode::EmptyFile);
        QCOMPARE(audio::decodeMemory("").error().code, ErrorCode::EmptyFile);
    }

    void textRenamedMp3IsNotAudio()
    {
        const auto p = pathIn(m_dir, "lyrics.mp3");
        std::string text;
        for (int i = 0; i < 200; ++i)
            text += "La la la, this is a song text and not audio at all. Line " + std::to_string(i) + "\n";
        writeBytes(p, text);
        expectError(p, {ErrorCode::NotAudio});
    }

    void pngRenamedMp3IsNotAudio()
    {
        // A real 1x1 PNG: FFmpeg opens it as an image, which has no audio stream.
        static const unsigned char png[] = {
            0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
            0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
            0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
            0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
            0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};
        const auto p = pathIn(m_dir, "cover.mp3");
        writeBytes(p, std::string(reinterpret_cast<const char *>(png), sizeof png));
        expectError(p, {ErrorCode::NotAudio, ErrorCode::NoAudioStream});
    }

    void videoWithoutAudioIsNoAudioStream()
    {
        const auto p = pathIn(m_dir, "silent-film.mp4");
        QVERIFY(writeVideoOnlyFile(p, 1.0).ok());
        expectError(p, {ErrorCode::NoAudioStream});
    }

    void randomBytesAreRejected()
    {
        std::mt19937 gen(42);
        for (const char *name : {"noise.mp3", "noise.wav", "noise.ogg", "noise", "noise.flac", "noise.m4a"}) {
            std::string bytes(20000, '\0');
            for (auto &c : bytes)
                c = char(gen() & 0xFF);
            const auto p = pathIn(m_dir, name);
            writeBytes(p, bytes);
            auto r = audio::decodeFile(p);
            // Random bytes can happen to hold an MPEG audio sync word; then what decodes is noise, flagged as damaged.
            if (r.ok())
                QVERIFY2(r->partial, qPrintable(QString(name) + ": " + describe(r)));
            else
                QVERIFY2(isOneOf(r.error().code, {ErrorCode::NotAudio, ErrorCode::CorruptData, ErrorCode::ZeroLength,
                                                  ErrorCode::NoAudioStream}),
                         qPrintable(QString(name) + ": " + describe(r)));
        }
    }

    void absurdHeadersAreErrors_data()
    {
        QTest::addColumn<uint>("rate");
        QTest::addColumn<uint>("channels");
        QTest::newRow("rate 0") << 0u << 1u;
        QTest::newRow("rate 2^31-1") << 2147483647u << 1u;
        QTest::newRow("rate 4 GHz") << 4000000000u << 2u;
        QTest::newRow("0 channels") << 22050u << 0u;
        QTest::newRow("65535 channels") << 22050u << 65535u;
    }
    void absurdHeadersAreErrors()
    {
        QFETCH(uint, rate);
        QFETCH(uint, channels);
        const std::string pcm = pcm16(sine(440, 22050, 0.5));
        const auto p = pathIn(m_dir, "absurd.wav");
        writeBytes(p, wavBytes(rate, uint16_t(channels), 16, uint32_t(pcm.size()), pcm));
        // FFmpeg's WAV demuxer drops a stream with 0 channels: then there is no audio stream.
        expectError(p, {ErrorCode::NotAudio, ErrorCode::CorruptData, ErrorCode::NoAudioStream});
    }

    void wavClaimingFourGigabytesDecodesWhatIsThere()
    {
        const auto x = sine(440, 22050, 1.0, 1, 0.5f);
        const std::string pcm = pcm16(x);
        for (const uint32_t declared : {0xFFFFFFF0u, 0x7FFFFFF0u}) {
            const auto p = pathIn(m_dir, "huge.wav");
            writeBytes(p, wavBytes(22050, 1, 16, declared, pcm));
            auto info = audio::probe(p);
            QVERIFY(info.ok());
            auto r = audio::decodeFile(p);
            QVERIFY2(r.ok(), qPrintable(describe(r)));
            QCOMPARE(r->samples.size(), x.size());
            if (info->durationSeconds > 2.0) // the header was believed: the shortfall is reported
                QVERIFY2(r->partial && r->warning.find("truncated") != std::string::npos, qPrintable(describe(r)));
        }
    }

    void headerOnlyWavIsZeroLength()
    {
        const auto p = pathIn(m_dir, "nothing.wav");
        writeBytes(p, wavBytes(22050, 1, 16, 0, ""));
        auto r = audio::decodeFile(p);
        QVERIFY(!r.ok());
        QVERIFY2(isOneOf(r.error().code, {ErrorCode::ZeroLength}), qPrintable(describe(r)));
        const auto q = pathIn(m_dir, "nothing.flac");
        QVERIFY(writeAudioFile(q, {}, 44100, 1, AudioFormat::Flac).ok());
        auto r2 = audio::decodeFile(q);
        QVERIFY(!r2.ok());
        QVERIFY2(isOneOf(r2.error().code, {ErrorCode::ZeroLength}), qPrintable(describe(r2)));
    }

    void unknownCodecIsUnsupportedCodec()
    {
        // A WAV whose format tag names no codec FFmpeg has.
        std::string bytes = wavBytes(22050, 1, 16, 2000, std::string(2000, '\x11'));
        bytes[20] = '\x34';
        bytes[21] = '\x12';
        const auto p = pathIn(m_dir, "alien.wav");
        writeBytes(p, bytes);
        auto r = audio::decodeFile(p);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::UnsupportedCodec);
    }

    void truncatedFilesDecodeWhatIsThere_data()
    {
        QTest::addColumn<AudioFormat>("format");
        for (const auto f : {AudioFormat::WavS16, AudioFormat::Au, AudioFormat::Aiff, AudioFormat::Flac,
                             AudioFormat::Mp3, AudioFormat::OggVorbis, AudioFormat::Opus, AudioFormat::M4aAac,
                             AudioFormat::Wma, AudioFormat::MkvVorbis, AudioFormat::WebmOpus})
            QTest::newRow(nameOf(f).c_str()) << f;
    }
    void truncatedFilesDecodeWhatIsThere()
    {
        QFETCH(AudioFormat, format);
        const int rate = (format == AudioFormat::Opus || format == AudioFormat::WebmOpus) ? 48000 : 44100;
        const auto p = make("full", format, 4.0, rate);
        const std::string bytes = readBytes(p);
        for (const double keep : {0.02, 0.3, 0.5, 0.77, 0.99}) {
            const auto q = pathIn(m_dir, "cut" + extensionFor(format));
            writeBytes(q, bytes.substr(0, std::size_t(double(bytes.size()) * keep)));
            auto r = audio::decodeFile(q);
            const QString what = QString("%1 kept: %2").arg(keep).arg(describe(r));
            if (r.ok()) {
                QVERIFY2(r->samples.size() <= std::size_t(4.1 * 22050), qPrintable(what));
                QVERIFY2(std::all_of(r->samples.begin(), r->samples.end(), [](float v) { return v >= -1 && v <= 1; }),
                         qPrintable(what));
            } else {
                QVERIFY2(isOneOf(r.error().code, {ErrorCode::NotAudio, ErrorCode::CorruptData, ErrorCode::ZeroLength,
                                                  ErrorCode::NoAudioStream}),
                         qPrintable(what));
            }
            // Formats that declare their length say the cut file is partial and keep what is there.
            if (keep >= 0.3 && (format == AudioFormat::WavS16 || format == AudioFormat::Flac ||
                                format == AudioFormat::Aiff)) {
                QVERIFY2(r.ok() && r->partial, qPrintable(what));
                QVERIFY2(r->samples.size() > std::size_t(keep * 0.5 * 4 * 22050), qPrintable(what)); // headers, padding
            }
        }
    }

    void corruptedMiddleIsPartialOrDecodes_data()
    {
        QTest::addColumn<AudioFormat>("format");
        for (const auto f : {AudioFormat::Flac, AudioFormat::Mp3, AudioFormat::OggVorbis, AudioFormat::M4aAac,
                             AudioFormat::Opus})
            QTest::newRow(nameOf(f).c_str()) << f;
    }
    void corruptedMiddleIsPartialOrDecodes()
    {
        QFETCH(AudioFormat, format);
        const int rate = format == AudioFormat::Opus ? 48000 : 44100;
        const auto p = make("middle", format, 4.0, rate);
        std::string bytes = readBytes(p);
        std::mt19937 gen(7);
        for (std::size_t i = bytes.size() / 3; i < bytes.size() / 3 + 3000 && i < bytes.size(); ++i)
            bytes[i] = char(gen() & 0xFF);
        auto r = audio::decodeMemory(bytes);
        QVERIFY2(r.ok(), qPrintable(describe(r)));
        QVERIFY2(r->samples.size() > std::size_t(1.0 * 22050), qPrintable(describe(r)));
        if (format == AudioFormat::Flac) // FLAC's CRCs catch it
            QVERIFY2(r->partial && !r->warning.empty(), qPrintable(describe(r)));
    }

    void fuzzedBytesNeverCrashOrHang()
    {
        // Mutations of valid files through decodeMemory: every call returns, quickly, as a value.
        std::vector<std::string> seeds;
        for (const auto f : {AudioFormat::WavS16, AudioFormat::Flac, AudioFormat::Mp3, AudioFormat::OggVorbis,
                             AudioFormat::Opus, AudioFormat::M4aAac, AudioFormat::MkvVorbis})
            seeds.push_back(readBytes(make("seed", f, 0.5, f == AudioFormat::Opus ? 48000 : 44100, 1)));
        std::mt19937 gen(1234);
        QElapsedTimer timer;
        timer.start();
        int ok = 0, failed = 0;
        for (int iter = 0; iter < 350; ++iter) {
            std::string b = seeds[std::size_t(iter) % seeds.size()];
            const int kind = int(gen() % 4);
            if (kind == 0) { // flip bytes, the header included
                for (int k = 0, n = 1 + int(gen() % 16); k < n; ++k)
                    b[gen() % std::min<std::size_t>(b.size(), (gen() % 2) ? 256 : b.size())] = char(gen() & 0xFF);
            } else if (kind == 1) { // cut
                b.resize(gen() % b.size());
            } else if (kind == 2) { // set 32-bit fields in the header to extremes
                for (int k = 0; k < 4; ++k) {
                    const std::size_t at = gen() % std::min<std::size_t>(b.size() - 4, 128);
                    const uint32_t v = (gen() % 2) ? 0xFFFFFFFFu : 0x7FFFFFFFu;
                    std::memcpy(b.data() + at, &v, 4);
                }
            } else { // splice two files
                const auto &other = seeds[gen() % seeds.size()];
                b = b.substr(0, gen() % b.size()) + other.substr(gen() % other.size());
            }
            if (b.empty())
                b = "x";
            QElapsedTimer one;
            one.start();
            audio::DecodeOptions o;
            if (iter % 5 == 0)
                o.offsetSeconds = 0.2;
            auto r = audio::decodeMemory(b, o);
            QVERIFY2(one.elapsed() < 5000, qPrintable(QString("iteration %1 took %2 ms").arg(iter).arg(one.elapsed())));
            if (r.ok()) {
                ++ok;
                QVERIFY(r->samples.size() < std::size_t(600 * 22050));
            } else {
                ++failed;
                QVERIFY(r.error().code != ErrorCode::Internal);
            }
        }
        qInfo("fuzz: %d decoded, %d rejected in %lld ms", ok, failed, static_cast<long long>(timer.elapsed()));
        QVERIFY(ok > 0 && failed > 0);
    }

    void unreadableFileIsPermissionDenied()
    {
        const auto p = make("locked", AudioFormat::WavS16, 0.2);
        QVERIFY(::chmod(p.c_str(), 0) == 0);
        const bool root = ::geteuid() == 0;
        if (root && !setDacOverride(false))
            QSKIP("running as root without the right to drop CAP_DAC_OVERRIDE: root reads any file");
        auto r = audio::decodeFile(p);
        auto info = audio::probe(p);
        if (root)
            setDacOverride(true);
        ::chmod(p.c_str(), 0644);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::PermissionDenied);
        QCOMPARE(info.error().code, ErrorCode::PermissionDenied);
    }
};

QTEST_GUILESS_MAIN(TestHostile)
#include "tst_hostile.moc"
