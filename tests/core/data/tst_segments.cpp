#include "data/segments.h"

#include <QTest>

#include <random>

using namespace genrescope;
using namespace genrescope::data;

namespace {

/** Empty when the plan is consistent: spans inside the song, ordered, sizes right. */
std::string checkSpans(const SegmentPlan &plan, std::int64_t song, const SegmentParams &p)
{
    std::int64_t prevStart = -1;
    for (const auto &s : plan.spans) {
        if (s.start < 0 || s.end > song || s.start >= s.end)
            return "span [" + std::to_string(s.start) + ", " + std::to_string(s.end) + ") outside the song";
        if (s.start < plan.trimmedStart || s.end > plan.trimmedEnd)
            return "span outside the trimmed range";
        if (s.start <= prevStart)
            return "spans out of order";
        if (p.mode == SegmentMode::Segments && s.outputLength != p.lengthSamples)
            return "segment output length differs from the segment length";
        if (s.padding() < 0)
            return "negative padding";
        prevStart = s.start;
    }
    return {};
}

} // namespace

class TestSegments : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void gtzanClipGivesTenThreeSecondSegments()
    {
        // MLFI (F3): 10 non-overlapping segments of 66,149 samples per 30-s clip at 22,050 Hz.
        auto p = SegmentParams::segments(66149);
        p.maxSegments = 10;
        auto plan = planSegments(661794, 22050, p).value();
        QCOMPARE(plan.spans.size(), std::size_t(10));
        for (std::size_t i = 0; i < 10; ++i) {
            QCOMPARE(plan.spans[i].start, std::int64_t(i) * 66149);
            QCOMPARE(plan.spans[i].end, std::int64_t(i + 1) * 66149);
            QCOMPARE(plan.spans[i].padding(), std::int64_t(0));
        }
        QCOMPARE(plan.spans[1].startSeconds, 66149.0 / 22050.0);
        QVERIFY(!plan.trimmed);
    }

    void segmentsTileTheSongWithoutGaps()
    {
        std::mt19937_64 rng(5);
        for (int trial = 0; trial < 2000; ++trial) {
            const std::int64_t song = std::int64_t(rng() % 50000);
            const std::int64_t len = 1 + std::int64_t(rng() % 5000);
            for (TailPolicy tail : {TailPolicy::Drop, TailPolicy::Pad}) {
                const auto p = SegmentParams::segments(len, 0, tail);
                auto plan = planSegments(song, 8000, p).value();
                const std::string problem = checkSpans(plan, song, p);
                QVERIFY2(problem.empty(), problem.c_str());
                const std::int64_t full = song / len;
                const bool partial = song % len != 0;
                const std::size_t expected = std::size_t(full + ((tail == TailPolicy::Pad && partial) ? 1 : 0));
                QCOMPARE(plan.spans.size(), expected);
                for (std::size_t i = 0; i < plan.spans.size(); ++i) {
                    QCOMPARE(plan.spans[i].start, std::int64_t(i) * len); // contiguous
                    if (i + 1 < plan.spans.size())
                        QCOMPARE(plan.spans[i].end, plan.spans[i + 1].start);
                }
                if (tail == TailPolicy::Pad && song > 0)
                    QCOMPARE(plan.spans.back().end, song); // the whole song is covered
                if (tail == TailPolicy::Drop)
                    QCOMPARE(song - (plan.spans.empty() ? 0 : plan.spans.back().end), song % len);
            }
        }
    }

    void overlappingSegmentsStepByTheHop()
    {
        const auto p = SegmentParams::segments(1000, 250, TailPolicy::Pad);
        auto plan = planSegments(2600, 1000, p).value();
        QVERIFY(checkSpans(plan, 2600, p).empty());
        // starts 0, 250, ..., 1500 are full; 1750 is the padded tail (ends at 2600), nothing after it.
        QCOMPARE(plan.spans.size(), std::size_t(8));
        QCOMPARE(plan.spans[6].start, std::int64_t(1500));
        QCOMPARE(plan.spans[6].end, std::int64_t(2500));
        QCOMPARE(plan.spans[7].start, std::int64_t(1750));
        QCOMPARE(plan.spans[7].end, std::int64_t(2600));
        QCOMPARE(plan.spans[7].padding(), std::int64_t(150));
        auto drop = planSegments(2600, 1000, SegmentParams::segments(1000, 250)).value();
        QCOMPARE(drop.spans.size(), std::size_t(7));
        QCOMPARE(drop.spans.back().end, std::int64_t(2500));
    }

    void fullClipCropsInTheCentreOrPadsAtTheEnd()
    {
        // Choi (F1): 29.12 s at 12 kHz = 349,440 samples, centre crop of a 30-s clip.
        auto crop = planSegments(360000, 12000, SegmentParams::fullClip(349440)).value();
        QCOMPARE(crop.spans.size(), std::size_t(1));
        QCOMPARE(crop.spans[0].start, std::int64_t((360000 - 349440) / 2));
        QCOMPARE(crop.spans[0].end - crop.spans[0].start, std::int64_t(349440));
        QCOMPARE(crop.spans[0].padding(), std::int64_t(0));
        // BBNN (F2): pad/truncate to 661,500 from the start.
        auto start = planSegments(661794, 22050, SegmentParams::fullClip(661500, CropAlign::Start)).value();
        QCOMPARE(start.spans[0].start, std::int64_t(0));
        QCOMPARE(start.spans[0].end, std::int64_t(661500));
        auto pad = planSegments(600000, 22050, SegmentParams::fullClip(661500)).value();
        QCOMPARE(pad.spans[0].start, std::int64_t(0));
        QCOMPARE(pad.spans[0].end, std::int64_t(600000));
        QCOMPARE(pad.spans[0].outputLength, std::int64_t(661500));
        QCOMPARE(pad.spans[0].padding(), std::int64_t(61500));
        auto whole = planSegments(12345, 22050, SegmentParams::fullClip()).value();
        QCOMPARE(whole.spans[0].end, std::int64_t(12345));
        QCOMPARE(whole.spans[0].outputLength, std::int64_t(12345));
    }

    void songShorterThanASegment()
    {
        auto dropped = planSegments(500, 1000, SegmentParams::segments(1000)).value();
        QVERIFY(dropped.spans.empty());
        auto padded = planSegments(500, 1000, SegmentParams::segments(1000, 0, TailPolicy::Pad)).value();
        QCOMPARE(padded.spans.size(), std::size_t(1));
        QCOMPARE(padded.spans[0].end, std::int64_t(500));
        QCOMPARE(padded.spans[0].padding(), std::int64_t(500));
        QVERIFY(planSegments(0, 1000, SegmentParams::segments(1000, 0, TailPolicy::Pad)).value().spans.empty());
        QVERIFY(planSegments(0, 1000, SegmentParams::fullClip(1000)).value().spans.empty());
    }

    void longSongsAreTrimmedAtBothEnds()
    {
        // Choi's multiframe: drop 20 s at each end, tile the rest with 29.12-s frames, drop the tail.
        auto p = SegmentParams::segments(349440);
        p.trimSeconds = 20;
        const std::int64_t song = 240 * 12000; // a 4-minute song at 12 kHz
        auto plan = planSegments(song, 12000, p).value();
        QVERIFY(plan.trimmed);
        QCOMPARE(plan.trimmedStart, std::int64_t(240000));
        QCOMPARE(plan.trimmedEnd, song - 240000);
        QVERIFY(checkSpans(plan, song, p).empty());
        QCOMPARE(plan.spans.front().start, std::int64_t(240000));
        QCOMPARE(plan.spans.size(), std::size_t((song - 480000) / 349440)); // 6 frames
        QVERIFY(plan.spans.back().end <= song - 240000);
        // A 30-s GTZAN clip is too short to trim (fewer than 29.12 s would remain): left whole.
        auto clip = planSegments(30 * 12000, 12000, p).value();
        QVERIFY(!clip.trimmed);
        QCOMPARE(clip.spans.size(), std::size_t(1));
        QCOMPARE(clip.spans[0].start, std::int64_t(0));
        // An explicit minimum remaining length.
        p.trimMinRemainingSeconds = 300;
        QVERIFY(!planSegments(song, 12000, p).value().trimmed);
    }

    void maxSegmentsKeepsTheFirstPieces()
    {
        // Seed 004: the first 15 pieces of 166 frames x hop 256 (~1.9 s at 22,050 Hz).
        auto p = SegmentParams::segments(166 * 256);
        p.maxSegments = 15;
        auto plan = planSegments(661794, 22050, p).value();
        QCOMPARE(plan.spans.size(), std::size_t(15));
        QCOMPARE(plan.spans.back().end, std::int64_t(15 * 166 * 256));
        QVERIFY(std::fabs(plan.spans[0].endSeconds - 1.927) < 0.001);
    }

    void invalidParametersAreErrors()
    {
        auto code = [](std::int64_t song, int rate, const SegmentParams &p) {
            auto r = planSegments(song, rate, p);
            return r.ok() ? std::string("ok") : std::string(base::errorCodeName(r.error().code));
        };
        QCOMPARE(code(100, 0, SegmentParams::fullClip()), std::string("invalid-argument"));
        QCOMPARE(code(-1, 100, SegmentParams::fullClip()), std::string("invalid-argument"));
        QCOMPARE(code(100, 100, SegmentParams::segments(0)), std::string("invalid-argument"));
        QCOMPARE(code(100, 100, SegmentParams::segments(10, -1)), std::string("invalid-argument"));
        auto p = SegmentParams::segments(10);
        p.trimSeconds = -1;
        QCOMPARE(code(100, 100, p), std::string("invalid-argument"));
        p.trimSeconds = 0;
        p.maxSegments = -2;
        QCOMPARE(code(100, 100, p), std::string("invalid-argument"));
        QCOMPARE(code(100, 100, SegmentParams::segments(10)), std::string("ok"));
    }
};

QTEST_GUILESS_MAIN(TestSegments)
#include "tst_segments.moc"
