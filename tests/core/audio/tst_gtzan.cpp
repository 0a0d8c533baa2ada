#include "audio/decoder.h"
#include "support/testsupport.h"

#include <QTest>
#include <algorithm>
#include <cstring>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

using namespace genrescope;
namespace fs = std::filesystem;

namespace {

/**
 * The reference: libavformat + libavcodec used directly (no project code, no resampler), the
 * decoder's s16 output kept as integers. Returns an empty vector on any failure.
 */
std::vector<int16_t> referencePcm(const fs::path &path)
{
    std::vector<int16_t> out;
    AVFormatContext *fmt = nullptr;
    if (avformat_open_input(&fmt, path.c_str(), nullptr, nullptr) < 0)
        return {};
    const AVCodec *codec = nullptr;
    AVCodecContext *dec = nullptr;
    AVPacket *pkt = av_packet_alloc();
    AVFrame *frame = av_frame_alloc();
    int stream = -1;
    bool good = avformat_find_stream_info(fmt, nullptr) >= 0 &&
                (stream = av_find_best_stream(fmt, AVMEDIA_TYPE_AUDIO, -1, -1, &codec, 0)) >= 0 &&
                (dec = avcodec_alloc_context3(codec)) &&
                avcodec_parameters_to_context(dec, fmt->streams[stream]->codecpar) >= 0 &&
                avcodec_open2(dec, codec, nullptr) >= 0;
    auto take = [&]() {
        while (avcodec_receive_frame(dec, frame) >= 0) {
            if (frame->format != AV_SAMPLE_FMT_S16 || frame->ch_layout.nb_channels != 1)
                good = false;
            else
                out.insert(out.end(), reinterpret_cast<const int16_t *>(frame->data[0]),
                           reinterpret_cast<const int16_t *>(frame->data[0]) + frame->nb_samples);
            av_frame_unref(frame);
        }
    };
    while (good && av_read_frame(fmt, pkt) >= 0) {
        if (pkt->stream_index == stream && avcodec_send_packet(dec, pkt) < 0)
            good = false;
        av_packet_unref(pkt);
        take();
    }
    if (good) {
        avcodec_send_packet(dec, nullptr);
        take();
    }
    av_frame_free(&frame);
    av_packet_free(&pkt);
    avcodec_free_context(&dec);
    avformat_close_input(&fmt);
    return good ? out : std::vector<int16_t>{};
}

} // namespace

/**
 * The 70 GTZAN dev clips (22050 Hz mono s16 FLAC) against an independent decode (FFmpeg's
 * libraries used directly, s16 divided by 32768 here). Every sample must match exactly.
 */
class TestGtzan : public QObject
{
    Q_OBJECT

    static std::vector<fs::path> clips(const fs::path &dev)
    {
        std::vector<fs::path> out;
        for (const auto &genre : fs::directory_iterator(dev))
            if (genre.is_directory())
                for (const auto &f : fs::directory_iterator(genre.path()))
                    if (f.path().extension() == ".flac")
                        out.push_back(f.path());
        std::sort(out.begin(), out.end());
        return out;
    }

private Q_SLOTS:
    void allClipsDecodeBitExactly()
    {
        const auto dev = test::gtzanDevDir();
        if (!dev)
            QSKIP("skipped: ../shared/data/gtzan-dev is not present (a fresh clone); this check needs the GTZAN dev clips");
        const auto files = clips(*dev);
        QCOMPARE(int(files.size()), 70);
        for (const auto &f : files) {
            auto r = audio::decodeFile(f);
            QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
            QCOMPARE(r->sampleRate, 22050);
            QCOMPARE(r->info.sampleRate, 22050);
            QCOMPARE(r->info.channels, 1);
            QVERIFY(!r->partial);

            const std::vector<int16_t> pcm = referencePcm(f);
            const std::size_t n = pcm.size();
            QVERIFY(n > 0);
            QCOMPARE(r->samples.size(), n);
            QVERIFY2(n > std::size_t(29.9 * 22050) && n < std::size_t(30.7 * 22050), qPrintable(QString::number(n)));
            for (std::size_t i = 0; i < n; ++i) {
                if (r->samples[i] != float(pcm[i]) / 32768.0f)
                    QFAIL(qPrintable(QString("%1: sample %2 is %3, PCM says %4")
                                         .arg(QString::fromStdString(f.filename().string()))
                                         .arg(i).arg(r->samples[i]).arg(pcm[i])));
            }
        }
    }

    void rangesOfARealClipAreSlicesOfTheWhole()
    {
        const auto dev = test::gtzanDevDir();
        if (!dev)
            QSKIP("skipped: ../shared/data/gtzan-dev is not present (a fresh clone); this check needs the GTZAN dev clips");
        const fs::path f = *dev / "jazz" / "jazz.00000.flac";
        auto whole = audio::decodeFile(f);
        QVERIFY(whole.ok());
        for (const double offset : {0.0, 3.0, 12.345678, 27.0}) {
            audio::DecodeOptions o;
            o.offsetSeconds = offset;
            o.durationSeconds = 3.0;
            auto part = audio::decodeFile(f, o);
            QVERIFY(part.ok());
            const auto start = std::size_t(std::llround(offset * 22050));
            QCOMPARE(part->samples.size(), std::size_t(3 * 22050));
            QVERIFY(std::equal(part->samples.begin(), part->samples.end(), whole->samples.begin() + std::ptrdiff_t(start)));
        }
    }
};

QTEST_GUILESS_MAIN(TestGtzan)
#include "tst_gtzan.moc"
