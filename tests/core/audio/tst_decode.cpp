#include "audio/decoder.h"
#include "signalcheck.h"
#include "support/audiogen.h"

#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <fstream>

using namespace genrescope;
using namespace genrescope::test;
using audio::DecodeOptions;
namespace fs = std::filesystem;

Q_DECLARE_METATYPE(genrescope::test::AudioFormat)

namespace {

bool isLossy(AudioFormat f)
{
    switch (f) {
    case AudioFormat::Mp3: case AudioFormat::OggVorbis: case AudioFormat::Opus: case AudioFormat::M4aAac:
    case AudioFormat::Wma: case AudioFormat::MkvVorbis: case AudioFormat::WebmOpus: case AudioFormat::Mp4WithVideo:
        return true;
    default:
        return false;
    }
}

std::string readBytes(const fs::path &p)
{
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

} // namespace

class TestDecode : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    fs::path make(const std::string &name, const std::vector<float> &x, int rate, int channels, AudioFormat f)
    {
        const fs::path p = pathIn(m_dir, name + extensionFor(f));
        const auto s = writeAudioFile(p, x, rate, channels, f);
        if (!s.ok())
            qFatal("fixture %s: %s", p.c_str(), s.error().toString().c_str());
        return p;
    }

private Q_SLOTS:
    void sineComesOutAtItsFrequencyAndLevel_data()
    {
        QTest::addColumn<AudioFormat>("format");
        QTest::addColumn<int>("rate");
        const AudioFormat all[] = {AudioFormat::WavS16, AudioFormat::WavS24, AudioFormat::WavF32, AudioFormat::Au,
                                   AudioFormat::Aiff, AudioFormat::Flac, AudioFormat::Mp3, AudioFormat::OggVorbis,
                                   AudioFormat::M4aAac, AudioFormat::Wma, AudioFormat::MkvVorbis,
                                   AudioFormat::Mp4WithVideo};
        for (const auto f : all)
            for (const int rate : {44100, 48000})
                QTest::newRow((nameOf(f) + "@" + std::to_string(rate)).c_str()) << f << rate;
        QTest::newRow("opus@48000") << AudioFormat::Opus << 48000;
        QTest::newRow("webm-opus@48000") << AudioFormat::WebmOpus << 48000;
    }
    void sineComesOutAtItsFrequencyAndLevel()
    {
        QFETCH(AudioFormat, format);
        QFETCH(int, rate);
        constexpr double kFreq = 1000.0, kSeconds = 2.0;
        constexpr float kAmp = 0.5f;
        const auto path = make("sine" + std::to_string(rate), sine(kFreq, rate, kSeconds, 2, kAmp), rate, 2, format);
        auto r = audio::decodeFile(path);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
        const auto &x = r->samples;
        QCOMPARE(r->sampleRate, 22050);
        QVERIFY(!r->partial);
        QCOMPARE(r->info.sampleRate, rate);
        QCOMPARE(r->info.channels, 2);

        // Duration: lossless exactly 2 s at 22050 Hz (resampler flushed); lossy within codec padding.
        const double expected = kSeconds * 22050;
        const double tolerance = isLossy(format) ? 0.06 * 22050 : 1.0;
        QVERIFY2(std::fabs(double(x.size()) - expected) <= tolerance,
                 qPrintable(QString("got %1 samples, expected %2").arg(x.size()).arg(expected)));

        const std::size_t from = 4410, to = x.size() - 4410;
        const double level = toneAmplitude(x, kFreq, 22050, from, to);
        QVERIFY2(std::fabs(level - kAmp) < (isLossy(format) ? 0.03 : 0.002), qPrintable(QString::number(level)));
        for (const double other : {500.0, 900.0, 1100.0, 2000.0, 3000.0, 8000.0})
            QVERIFY2(toneAmplitude(x, other, 22050, from, to) < 0.01 * kAmp,
                     qPrintable(QString("%1 Hz: %2").arg(other).arg(toneAmplitude(x, other, 22050, from, to))));
        // Nothing but the tone: the residual after the tone is tiny
        QVERIFY(std::fabs(rms(x, from, to) - kAmp / std::sqrt(2.0)) < (isLossy(format) ? 0.02 : 0.002));
    }

    void monoS16AtTheOutputRateIsExactlyPcmOver32768_data()
    {
        QTest::addColumn<AudioFormat>("format");
        QTest::newRow("wav") << AudioFormat::WavS16;
        QTest::newRow("au") << AudioFormat::Au;
        QTest::newRow("aiff") << AudioFormat::Aiff;
        QTest::newRow("flac") << AudioFormat::Flac;
    }
    void monoS16AtTheOutputRateIsExactlyPcmOver32768()
    {
        QFETCH(AudioFormat, format);
        auto x = noise(22050, 1.5, 1, 0.9f, 7);
        for (auto &v : x) // quantise the way the encoder does, so the expected values are exact
            v = float(std::clamp<long>(std::lrint(v * 32768.0f), -32768, 32767)) / 32768.0f;
        x[10] = -1.0f;
        x[11] = 32767.0f / 32768.0f;
        const auto path = make("exact", x, 22050, 1, format);
        auto r = audio::decodeFile(path);
        QVERIFY(r.ok());
        QCOMPARE(r->samples.size(), x.size());
        QVERIFY(std::equal(x.begin(), x.end(), r->samples.begin()));
    }

    void pcmDepthsDecodeToTheirValues_data()
    {
        QTest::addColumn<AudioFormat>("format");
        QTest::addColumn<double>("tolerance");
        QTest::newRow("u8") << AudioFormat::WavU8 << 1.0 / 128;
        QTest::newRow("s16") << AudioFormat::WavS16 << 1.0 / 32768;
        QTest::newRow("s24") << AudioFormat::WavS24 << 1.0 / 8388608 * 1.01;
        QTest::newRow("s32") << AudioFormat::WavS32 << 1e-7;
        QTest::newRow("f32") << AudioFormat::WavF32 << 0.0;
    }
    void pcmDepthsDecodeToTheirValues()
    {
        QFETCH(AudioFormat, format);
        QFETCH(double, tolerance);
        const auto x = chirp(50, 9000, 22050, 1.0, 1, 0.8f);
        const auto path = make("depth", x, 22050, 1, format);
        auto r = audio::decodeFile(path);
        QVERIFY(r.ok());
        QCOMPARE(r->samples.size(), x.size());
        const double diff = maxAbsDiff(x.data(), r->samples.data(), x.size());
        QVERIFY2(diff <= tolerance, qPrintable(QString::number(diff)));
    }

    void channelsAreAveraged()
    {
        // left: a tone, right: its negative half -> mono = tone / 4, exactly at the output rate
        const auto tone = sine(440, 22050, 0.5, 1, 0.8f);
        std::vector<float> x(tone.size() * 2);
        for (std::size_t i = 0; i < tone.size(); ++i) {
            x[2 * i] = tone[i];
            x[2 * i + 1] = -0.5f * tone[i];
        }
        const auto path = make("stereo", x, 22050, 2, AudioFormat::WavF32);
        auto r = audio::decodeFile(path);
        QVERIFY(r.ok());
        QCOMPARE(r->samples.size(), tone.size());
        for (std::size_t i = 0; i < tone.size(); ++i)
            QCOMPARE(r->samples[i], (tone[i] + -0.5f * tone[i]) * 0.5f);
    }

    void otherOutputRatesWork()
    {
        const auto path = make("rates", sine(3000, 44100, 1.0, 1, 0.5f), 44100, 1, AudioFormat::Flac);
        for (const int rate : {8000, 16000, 22050, 44100, 48000, 96000}) {
            DecodeOptions o;
            o.sampleRate = rate;
            auto r = audio::decodeFile(path, o);
            QVERIFY(r.ok());
            QCOMPARE(r->sampleRate, rate);
            QVERIFY(std::abs(int(r->samples.size()) - rate) <= 1);
            QVERIFY(std::fabs(toneAmplitude(r->samples, 3000, rate, rate / 10, rate - rate / 10) - 0.5) < 0.002);
        }
        DecodeOptions bad;
        bad.sampleRate = 0;
        auto r = audio::decodeFile(path, bad);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, base::ErrorCode::InvalidArgument);
    }

    void rangeStartsOnTheRightSample_data()
    {
        QTest::addColumn<AudioFormat>("format");
        QTest::addColumn<int>("rate");
        QTest::addColumn<int>("channels");
        QTest::addColumn<double>("offset");
        QTest::newRow("wav-22050-mono-near-start") << AudioFormat::WavS16 << 22050 << 1 << 0.5;
        QTest::newRow("wav-22050-mono-seek") << AudioFormat::WavS16 << 22050 << 1 << 3.33371;
        QTest::newRow("flac-22050-mono-seek-mid-packet") << AudioFormat::Flac << 22050 << 1 << 4.01234;
        QTest::newRow("wav-44100-stereo-near-start") << AudioFormat::WavS16 << 44100 << 2 << 0.7;
        QTest::newRow("wav-44100-stereo-seek") << AudioFormat::WavS16 << 44100 << 2 << 3.33371;
        QTest::newRow("wav-48000-stereo-seek") << AudioFormat::WavS16 << 48000 << 2 << 2.90001;
        QTest::newRow("flac-44100-stereo-seek-mid-packet") << AudioFormat::Flac << 44100 << 2 << 4.01234;
        QTest::newRow("mp3-44100-seek") << AudioFormat::Mp3 << 44100 << 2 << 3.33371;
        QTest::newRow("ogg-44100-seek") << AudioFormat::OggVorbis << 44100 << 2 << 3.33371;
        QTest::newRow("opus-48000-seek") << AudioFormat::Opus << 48000 << 2 << 3.33371;
        QTest::newRow("m4a-44100-seek") << AudioFormat::M4aAac << 44100 << 2 << 3.33371;
        QTest::newRow("mkv-vorbis-48000-seek") << AudioFormat::MkvVorbis << 48000 << 2 << 2.5;
    }
    void rangeStartsOnTheRightSample()
    {
        QFETCH(AudioFormat, format);
        QFETCH(int, rate);
        QFETCH(int, channels);
        QFETCH(double, offset);
        // A chirp plus noise: no two stretches look alike, so a misplaced start cannot pass.
        auto x = chirp(100, 5000, rate, 6.0, channels, 0.5f);
        const auto n = noise(rate, 6.0, channels, 0.2f, 3);
        for (std::size_t i = 0; i < x.size(); ++i)
            x[i] += n[i];
        const auto path = make("range" + std::to_string(rate) + std::to_string(channels), x, rate, channels, format);
        auto full = audio::decodeFile(path);
        QVERIFY(full.ok());

        DecodeOptions o;
        o.offsetSeconds = offset;
        o.durationSeconds = 1.0;
        auto part = audio::decodeFile(path, o);
        QVERIFY2(part.ok(), part.ok() ? "" : part.error().toString().c_str());
        const auto start = std::size_t(std::llround(offset * 22050));
        QCOMPARE(part->samples.size(), std::size_t(22050));
        QVERIFY(start + part->samples.size() <= full->samples.size());
        const double diff = maxAbsDiff(full->samples.data() + start, part->samples.data(), part->samples.size());
        if (!isLossy(format)) {
            if (rate == 22050) {
                QCOMPARE(diff, 0.0); // no resampler: bit-exact
            } else {
                QVERIFY2(diff < 1e-4, qPrintable(QString::number(diff)));
            }
        } else {
            // Lossy decoders may differ slightly after a seek (FFmpeg's AAC decoder by ~5% rms, the
            // ffmpeg CLI's -ss alike); the alignment must still be exact.
            // Matroska/WebM timestamps are in milliseconds, so a seek there lands within one tick.
            const bool msTimestamps = format == AudioFormat::MkvVorbis || format == AudioFormat::WebmOpus;
            const int lag = bestLag(full->samples, start, part->samples, 40);
            if (msTimestamps)
                QVERIFY2(std::abs(lag) <= 22050 / 1000 + 1, qPrintable(QString::number(lag)));
            else
                QCOMPARE(lag, 0);
            std::vector<float> ref(full->samples.begin() + std::ptrdiff_t(start),
                                   full->samples.begin() + std::ptrdiff_t(start + part->samples.size()));
            std::vector<float> err(ref.size());
            for (std::size_t i = 0; i < ref.size(); ++i)
                err[i] = ref[i] - part->samples[i];
            if (qEnvironmentVariableIsSet("GS_DEBUG_RANGE")) {
                for (std::size_t b = 0; b < err.size(); b += 2205) {
                    std::vector<float> e(err.begin() + b, err.begin() + std::min(err.size(), b + 2205));
                    qDebug() << b << rms(e);
                }
            }
            if (!msTimestamps)
                QVERIFY2(rms(err) < 0.08 * rms(ref), qPrintable(QString("%1 vs %2").arg(rms(err)).arg(rms(ref))));
        }
    }

    void rangePastTheEndIsEmptyAndRangeOverTheEndIsClipped()
    {
        const auto path = make("short", sine(440, 22050, 2.0), 22050, 1, AudioFormat::WavS16);
        DecodeOptions o;
        o.offsetSeconds = 5.0;
        auto r = audio::decodeFile(path, o);
        QVERIFY(r.ok());
        QVERIFY(r->samples.empty());
        o.offsetSeconds = 1.5;
        o.durationSeconds = 3.0;
        r = audio::decodeFile(path, o);
        QVERIFY(r.ok());
        QCOMPARE(r->samples.size(), std::size_t(22050 / 2));
    }

    void streamingEqualsOneShot_data()
    {
        QTest::addColumn<AudioFormat>("format");
        QTest::addColumn<double>("offset");
        QTest::newRow("flac") << AudioFormat::Flac << 0.0;
        QTest::newRow("mp3") << AudioFormat::Mp3 << 0.0;
        QTest::newRow("ogg-range") << AudioFormat::OggVorbis << 2.2;
    }
    void streamingEqualsOneShot()
    {
        QFETCH(AudioFormat, format);
        QFETCH(double, offset);
        const auto path = make("stream", chirp(200, 4000, 44100, 5.0, 2), 44100, 2, format);
        DecodeOptions o;
        o.offsetSeconds = offset;
        auto whole = audio::decodeFile(path, o);
        QVERIFY(whole.ok());
        auto dec = audio::StreamDecoder::open(path, o);
        QVERIFY(dec.ok());
        std::vector<float> got;
        int chunks = 0;
        double lastProgress = 0;
        for (;;) {
            auto n = dec.value()->read(got, 1000);
            QVERIFY(n.ok());
            if (*n == 0)
                break;
            QVERIFY(*n <= 1000);
            QVERIFY(dec.value()->progress() >= lastProgress);
            lastProgress = dec.value()->progress();
            ++chunks;
        }
        QCOMPARE(dec.value()->progress(), 1.0);
        QVERIFY(chunks > 50);
        QCOMPARE(got.size(), whole->samples.size());
        QVERIFY(got == whole->samples);
        QCOMPARE(dec.value()->samplesRead(), std::int64_t(got.size()));
    }

    void firstChunkArrivesBeforeTheFileIsRead()
    {
        const auto path = make("long", noise(44100, 60.0, 2, 0.3f), 44100, 2, AudioFormat::Flac);
        auto dec = audio::StreamDecoder::open(path);
        QVERIFY(dec.ok());
        std::vector<float> chunk;
        auto n = dec.value()->read(chunk, 4096);
        QVERIFY(n.ok());
        QCOMPARE(*n, std::size_t(4096));
        QVERIFY(dec.value()->progress() > 0.0);
        QVERIFY2(dec.value()->progress() < 0.05, qPrintable(QString::number(dec.value()->progress())));
    }

    void cancelStopsPromptly()
    {
        const auto path = make("cancel", noise(44100, 60.0, 2, 0.3f), 44100, 2, AudioFormat::Flac);
        base::CancelToken token;
        int calls = 0;
        double lastFraction = 0;
        auto r = audio::decodeFile(path, {}, token, [&](double f) {
            ++calls;
            lastFraction = f;
            if (f > 0)
                token.cancel();
        });
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, base::ErrorCode::Cancelled);
        QVERIFY(calls <= 3);
        QVERIFY(lastFraction < 0.2);

        base::CancelToken already;
        already.cancel();
        auto r2 = audio::decodeFile(path, {}, already);
        QVERIFY(!r2.ok());
        QCOMPARE(r2.error().code, base::ErrorCode::Cancelled);
    }

    void progressRisesToOne()
    {
        const auto path = make("progress", noise(22050, 20.0, 1, 0.3f), 22050, 1, AudioFormat::WavS16);
        std::vector<double> seen;
        auto r = audio::decodeFile(path, {}, base::CancelToken::none(), [&](double f) { seen.push_back(f); });
        QVERIFY(r.ok());
        QVERIFY(seen.size() >= 3);
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
        QCOMPARE(seen.back(), 1.0);
    }

    void memoryDecodeEqualsFileDecode()
    {
        const auto path = make("memory", chirp(100, 3000, 44100, 2.0, 2), 44100, 2, AudioFormat::OggVorbis);
        auto fromFile = audio::decodeFile(path);
        const std::string bytes = readBytes(path);
        auto fromMemory = audio::decodeMemory(bytes);
        QVERIFY(fromFile.ok() && fromMemory.ok());
        QVERIFY(fromFile->samples == fromMemory->samples);
        auto info = audio::probeMemory(bytes);
        QVERIFY(info.ok());
        QCOMPARE(info->codec, std::string("vorbis"));
    }

    void unicodeAndNonUtf8PathsWork()
    {
        const auto x = sine(440, 22050, 0.5);
        const fs::path dir = fs::path(m_dir.path().toStdString());
        const fs::path unicode = dir / "Ça me plaît – 東京 🎵.wav";
        QVERIFY(writeAudioFile(unicode, x, 22050, 1, AudioFormat::WavS16).ok());
        auto r = audio::decodeFile(unicode);
        QVERIFY(r.ok());
        QCOMPARE(r->samples.size(), x.size());
        // Latin-1 bytes that are not UTF-8: the OS takes names as bytes, so must we.
        const fs::path latin1 = dir / std::string("caf\xe9 \xff.flac");
        QVERIFY(writeAudioFile(latin1, x, 22050, 1, AudioFormat::Flac).ok());
        QVERIFY(fs::exists(latin1));
        auto r2 = audio::decodeFile(latin1);
        QVERIFY2(r2.ok(), r2.ok() ? "" : r2.error().toString().c_str());
        QCOMPARE(r2->samples.size(), x.size());
        QVERIFY(audio::probe(latin1).ok());
        fs::remove(latin1); // QTemporaryDir cannot name it (it decodes names as UTF-8)
    }

    void resamplingKeepsTiming_data()
    {
        QTest::addColumn<int>("rate");
        QTest::newRow("44100") << 44100;
        QTest::newRow("48000") << 48000;
        QTest::newRow("16000") << 16000;
    }
    void resamplingKeepsTiming()
    {
        // Clicks every 0.1 s must peak at multiples of 2205 output samples: the resampler adds no delay.
        QFETCH(int, rate);
        const auto path = make("clicks" + std::to_string(rate), clicks(rate, 2.0, 0.1, 1, 0.9f), rate, 1,
                               AudioFormat::WavF32);
        auto r = audio::decodeFile(path);
        QVERIFY(r.ok());
        const auto &x = r->samples;
        QCOMPARE(x.size(), std::size_t(44100));
        for (std::size_t k = 1; k < 19; ++k) {
            const std::size_t centre = k * 2205;
            const auto peak = std::max_element(x.begin() + std::ptrdiff_t(centre - 500), x.begin() + std::ptrdiff_t(centre + 500));
            QCOMPARE(std::size_t(peak - x.begin()), centre);
        }
    }
};

QTEST_GUILESS_MAIN(TestDecode)
#include "tst_decode.moc"
