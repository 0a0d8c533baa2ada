// The whole-file decode limit (audio::kMaxDecodeSeconds, 4 h): a longer file is refused with TooLarge
// instead of filling memory, while a range of it and the streaming decoder still work. The file is a
// sparse 8-bit WAV at 1000 Hz (the lowest output rate, so no resampler runs): 4 h 1 min of silence in
// 14.5 MB of holes, which costs no disk blocks and decodes in well under a second.
#include "audio/decoder.h"

#include <QTemporaryDir>
#include <QTest>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

using namespace genrescope;
using base::ErrorCode;
namespace fs = std::filesystem;

namespace {

constexpr int kRate = 1000;
constexpr std::uint32_t kSeconds = 4 * 3600 + 60;

void putLe(std::string &s, std::uint32_t v, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        s += char((v >> (8 * i)) & 0xFF);
}

/** A mono 8-bit PCM WAV of `seconds` at kRate whose data is a hole (reads as 0x00, i.e. full negative). */
fs::path writeSparseWav(const fs::path &dir, std::uint32_t seconds)
{
    const std::uint32_t dataBytes = seconds * kRate;
    std::string h = "RIFF";
    putLe(h, 36 + dataBytes, 4);
    h += "WAVEfmt ";
    putLe(h, 16, 4);
    putLe(h, 1, 2);     // PCM
    putLe(h, 1, 2);     // mono
    putLe(h, kRate, 4); // sample rate
    putLe(h, kRate, 4); // byte rate
    putLe(h, 1, 2);     // block align
    putLe(h, 8, 2);     // bits per sample (unsigned)
    h += "data";
    putLe(h, dataBytes, 4);
    const fs::path path = dir / "long-silence.wav";
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(h.data(), std::streamsize(h.size()));
    }
    fs::resize_file(path, h.size() + dataBytes); // the samples are a hole in the file
    return path;
}

} // namespace

class TestDecodeLimits : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void longerThanTheLimitIsRefused()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const fs::path path = writeSparseWav(dir.path().toStdString(), kSeconds);

        auto info = audio::probe(path);
        QVERIFY2(info.ok(), info.ok() ? "" : info.error().toString().c_str());
        QVERIFY(info->durationSeconds > audio::kMaxDecodeSeconds);

        audio::DecodeOptions whole;
        whole.sampleRate = kRate;
        auto decoded = audio::decodeFile(path, whole);
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().code, ErrorCode::TooLarge);
        QVERIFY2(decoded.error().detail.find("4 h") != std::string::npos, decoded.error().detail.c_str());

        // A range far into the file decodes, with the requested length.
        audio::DecodeOptions range = whole;
        range.offsetSeconds = 4 * 3600.0 + 30;
        range.durationSeconds = 10;
        auto part = audio::decodeFile(path, range);
        QVERIFY2(part.ok(), part.ok() ? "" : part.error().toString().c_str());
        QCOMPARE(part->samples.size(), std::size_t(10 * kRate));
        QCOMPARE(part->samples.front(), -1.0f); // unsigned 8-bit 0x00

        // The streaming decoder has no whole-file limit: it reads all of it in bounded chunks.
        auto stream = audio::StreamDecoder::open(path, whole);
        QVERIFY2(stream.ok(), stream.ok() ? "" : stream.error().toString().c_str());
        std::vector<float> chunk;
        std::int64_t total = 0;
        for (;;) {
            chunk.clear();
            auto n = (*stream)->read(chunk, 1 << 20);
            QVERIFY2(n.ok(), n.ok() ? "" : n.error().toString().c_str());
            if (*n == 0)
                break;
            QVERIFY(chunk.size() <= std::size_t(1 << 20));
            total += std::int64_t(*n);
        }
        QCOMPARE(total, std::int64_t(kSeconds) * kRate);
    }

    void justUnderTheLimitDecodes()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const fs::path path = writeSparseWav(dir.path().toStdString(), 4 * 3600 - 60);
        audio::DecodeOptions whole;
        whole.sampleRate = kRate;
        auto decoded = audio::decodeFile(path, whole);
        QVERIFY2(decoded.ok(), decoded.ok() ? "" : decoded.error().toString().c_str());
        QCOMPARE(decoded->samples.size(), std::size_t(4 * 3600 - 60) * kRate);
        QVERIFY(!decoded->partial);
    }
};

QTEST_APPLESS_MAIN(TestDecodeLimits)
#include "tst_decodelimits.moc"
