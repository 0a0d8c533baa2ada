#include "features/extractor.h"
#include "features/recipes.h"
#include "features/streamingspectrogram.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace genrescope;
using namespace genrescope::features;

namespace {

std::vector<float> noiseAndTones(std::size_t n)
{
    std::mt19937 rng(3);
    std::normal_distribution<float> g(0.0f, 0.05f);
    std::vector<float> x(n);
    for (std::size_t i = 0; i < n; ++i)
        x[i] = float(0.3 * std::sin(0.07 * double(i)) + 0.2 * std::sin(0.0031 * double(i) * double(i % 5000) / 5000)) + g(rng);
    return x;
}

/** Streams x in chunks of the given sizes (cycled) and appends every returned column. */
base::Matrix stream(const FeatureConfig &c, const std::vector<float> &x, const std::vector<std::size_t> &chunks,
                    std::size_t *earlyColumns = nullptr)
{
    auto s = StreamingSpectrogram::create(c).value();
    std::vector<base::Matrix> parts;
    std::size_t pos = 0, i = 0;
    while (pos < x.size()) {
        const std::size_t k = std::min(chunks[i++ % chunks.size()], x.size() - pos);
        parts.push_back(s.push(x.data() + pos, k));
        pos += k;
    }
    if (earlyColumns)
        *earlyColumns = s.framesEmitted();
    parts.push_back(s.finish());
    base::Matrix out(s.bands(), s.framesEmitted());
    std::size_t col = 0;
    for (const auto &p : parts) {
        for (std::size_t r = 0; r < p.rows; ++r)
            for (std::size_t t = 0; t < p.cols; ++t)
                out(r, col + t) = p(r, t);
        col += p.cols;
    }
    return out;
}

float maxDiff(const base::Matrix &a, const base::Matrix &b)
{
    if (a.rows != b.rows || a.cols != b.cols)
        return 1e9f;
    float d = 0;
    for (std::size_t i = 0; i < a.data.size(); ++i)
        d = std::max(d, std::abs(a.data[i] - b.data[i]));
    return d;
}

} // namespace

class TestStreamingSpectrogram : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void streamingColumnsEqualTheOneShotResult_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<std::vector<std::size_t>>("chunks");
        QTest::newRow("logmel128, odd chunks") << "logmel128" << std::vector<std::size_t>{1, 777, 4096, 3, 10000};
        QTest::newRow("logmel96, one big chunk") << "logmel96" << std::vector<std::size_t>{1000000};
        QTest::newRow("display-stft, 512-sample blocks") << "display-stft" << std::vector<std::size_t>{512};
        QTest::newRow("chroma, tiny chunks") << "chroma" << std::vector<std::size_t>{17, 300};
    }
    void streamingColumnsEqualTheOneShotResult()
    {
        QFETCH(QString, name);
        QFETCH(std::vector<std::size_t>, chunks);
        FeatureConfig c = recipe(name.toStdString()).value();
        c.dbTopDb = 0; // streaming has no per-clip floor
        const auto x = noiseAndTones(3 * 22050 + 123);
        const auto oneShot = display(c, x).value().values;
        std::size_t early = 0;
        const auto streamed = stream(c, x, chunks, &early);
        QCOMPARE(streamed.cols, oneShot.cols);
        const float d = maxDiff(streamed, oneShot);
        QVERIFY2(d < 1e-4f, qPrintable(QString::number(d)));
        // All but the last few frames (those needing end padding) came before finish().
        QVERIFY(early + 5 >= oneShot.cols);
    }

    void firstColumnsArriveBeforeTheEnd()
    {
        auto s = StreamingSpectrogram::create(recipe("logmel128").value()).value();
        const auto x = noiseAndTones(4096);
        QCOMPARE(s.push(x.data(), 1000).cols, std::size_t(0)); // frame 0 needs samples up to 1024
        QCOMPARE(s.push(x.data() + 1000, 3096).cols, std::size_t(7)); // frames 0..6 end within 4096 (6*512 + 1024)
    }

    void signalsShorterThanHalfAFrameMatchToo()
    {
        const FeatureConfig c = recipe("logmel128").value();
        FeatureConfig noFloor = c;
        noFloor.dbTopDb = 0;
        const auto x = noiseAndTones(300);
        const auto oneShot = display(noFloor, x).value().values;
        const auto streamed = stream(noFloor, x, {7});
        QVERIFY(maxDiff(streamed, oneShot) < 1e-4f);
    }

    void otherFrontEndsAreRejected()
    {
        QVERIFY(!StreamingSpectrogram::create(recipe("mfcc").value()).ok());
        QVERIFY(!StreamingSpectrogram::create(recipe("bcnn-f5").value()).ok());
        FeatureConfig bad = recipe("logmel128").value();
        bad.stft.hop = 0;
        QCOMPARE(StreamingSpectrogram::create(bad).error().code, base::ErrorCode::InvalidArgument);
    }

    void emptyStreamGivesNoColumns()
    {
        auto s = StreamingSpectrogram::create(recipe("logmel128").value()).value();
        QCOMPARE(s.push(nullptr, 0).cols, std::size_t(0));
        QCOMPARE(s.finish().cols, std::size_t(0));
        QCOMPARE(s.framesEmitted(), std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestStreamingSpectrogram)
#include "tst_streamingspectrogram.moc"
