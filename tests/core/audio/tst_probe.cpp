#include "audio/decoder.h"
#include "audio/ffmpeginfo.h"
#include "signalcheck.h"
#include "support/audiogen.h"

#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace genrescope;
using namespace genrescope::test;
namespace fs = std::filesystem;

Q_DECLARE_METATYPE(genrescope::test::AudioFormat)

class TestProbe : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void describesEveryFormat_data()
    {
        QTest::addColumn<AudioFormat>("format");
        QTest::addColumn<int>("rate");
        QTest::addColumn<QString>("codec");
        QTest::addColumn<QString>("container");
        QTest::newRow("wav-u8") << AudioFormat::WavU8 << 22050 << "pcm_u8" << "wav";
        QTest::newRow("wav-s16") << AudioFormat::WavS16 << 44100 << "pcm_s16le" << "wav";
        QTest::newRow("wav-s24") << AudioFormat::WavS24 << 48000 << "pcm_s24le" << "wav";
        QTest::newRow("wav-s32") << AudioFormat::WavS32 << 44100 << "pcm_s32le" << "wav";
        QTest::newRow("wav-f32") << AudioFormat::WavF32 << 44100 << "pcm_f32le" << "wav";
        QTest::newRow("au") << AudioFormat::Au << 22050 << "pcm_s16be" << "au";
        QTest::newRow("aiff") << AudioFormat::Aiff << 44100 << "pcm_s16be" << "aiff";
        QTest::newRow("flac") << AudioFormat::Flac << 44100 << "flac" << "flac";
        QTest::newRow("mp3") << AudioFormat::Mp3 << 44100 << "mp3" << "mp3";
        QTest::newRow("ogg") << AudioFormat::OggVorbis << 44100 << "vorbis" << "ogg";
        QTest::newRow("opus") << AudioFormat::Opus << 48000 << "opus" << "ogg";
        QTest::newRow("m4a") << AudioFormat::M4aAac << 44100 << "aac" << "m4a";
        QTest::newRow("wma") << AudioFormat::Wma << 44100 << "wmav2" << "asf";
        QTest::newRow("mkv") << AudioFormat::MkvVorbis << 48000 << "vorbis" << "matroska";
        QTest::newRow("webm") << AudioFormat::WebmOpus << 48000 << "opus" << "webm";
        QTest::newRow("mp4-video") << AudioFormat::Mp4WithVideo << 44100 << "aac" << "mp4";
    }
    void describesEveryFormat()
    {
        QFETCH(AudioFormat, format);
        QFETCH(int, rate);
        QFETCH(QString, codec);
        QFETCH(QString, container);
        const fs::path p = pathIn(m_dir, "probe" + extensionFor(format));
        QVERIFY(writeAudioFile(p, sine(440, rate, 3.0, 2), rate, 2, format).ok());
        auto info = audio::probe(p);
        QVERIFY2(info.ok(), info.ok() ? "" : info.error().toString().c_str());
        QCOMPARE(QString::fromStdString(info->codec), codec);
        QCOMPARE(QString::fromStdString(info->container), container);
        QCOMPARE(info->sampleRate, rate);
        QCOMPARE(info->channels, 2);
        QVERIFY2(std::fabs(info->durationSeconds - 3.0) < 0.1, qPrintable(QString::number(info->durationSeconds)));
        QVERIFY(info->bitRate > 0);
    }

    void readsTags_data()
    {
        QTest::addColumn<AudioFormat>("format");
        for (const auto f : {AudioFormat::Mp3, AudioFormat::Flac, AudioFormat::OggVorbis, AudioFormat::M4aAac,
                             AudioFormat::Opus, AudioFormat::WavS16})
            QTest::newRow(nameOf(f).c_str()) << f;
    }
    void readsTags()
    {
        QFETCH(AudioFormat, format);
        const int rate = format == AudioFormat::Opus ? 48000 : 44100;
        const fs::path p = pathIn(m_dir, "tags" + extensionFor(format));
        const std::vector<std::pair<std::string, std::string>> tags = {
            {"title", "Blue in Grün — 青"}, {"artist", "Miles Dävis"}, {"album", "Kind of Blue"}, {"genre", "Jazz"}};
        QVERIFY(writeAudioFile(p, sine(440, rate, 0.5, 1), rate, 1, format, tags).ok());
        auto info = audio::probe(p);
        QVERIFY(info.ok());
        QCOMPARE(QString::fromStdString(info->title), QString("Blue in Grün — 青"));
        QCOMPARE(QString::fromStdString(info->artist), QString("Miles Dävis"));
        if (format != AudioFormat::WavS16) { // RIFF INFO has no album field FFmpeg writes
            QCOMPARE(QString::fromStdString(info->album), QString("Kind of Blue"));
        }
        QCOMPARE(QString::fromStdString(info->genre), QString("Jazz"));
        QVERIFY(info->tags.size() >= 3);
    }

    void decodeCarriesTheProbe()
    {
        const fs::path p = pathIn(m_dir, "carry.flac");
        QVERIFY(writeAudioFile(p, sine(440, 44100, 1.0, 2), 44100, 2, AudioFormat::Flac, {{"title", "x"}}).ok());
        auto r = audio::decodeFile(p);
        QVERIFY(r.ok());
        QCOMPARE(r->info.codec, std::string("flac"));
        QCOMPARE(r->info.title, std::string("x"));
        QCOMPARE(r->info.sampleRate, 44100);
    }

    void ffmpegVersionIsKnown()
    {
        QVERIFY(!audio::ffmpegVersion().empty());
    }
};

QTEST_GUILESS_MAIN(TestProbe)
#include "tst_probe.moc"
