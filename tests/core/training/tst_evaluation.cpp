#include "training/evaluation.h"

#include <QJsonArray>
#include <QTest>
#include <cmath>

using namespace genrescope::training;

namespace {
bool near(double a, double b, double eps = 1e-9)
{
    return std::abs(a - b) < eps;
}
} // namespace

class TestEvaluation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void knownConfusionGivesHandComputedPrecisionRecallF1()
    {
        // truth/predicted pairs building the confusion matrix
        //        pred 0  1  2
        // true 0:    3  1  0
        // true 1:    1  2  1
        // true 2:    0  0  2
        const std::vector<int> truth = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2};
        const std::vector<int> pred = {0, 0, 0, 1, 0, 1, 1, 2, 2, 2};
        const Metrics m = computeMetrics(truth, pred, 3);
        QCOMPARE(m.total, std::int64_t(10));
        QCOMPARE(m.correct, std::int64_t(7));
        QVERIFY(near(m.accuracy, 0.7));
        QCOMPARE(m.confusion[0][1], std::int64_t(1));
        QCOMPARE(m.confusion[1][2], std::int64_t(1));
        // class 0: P = 3/4, R = 3/4, F1 = 0.75
        QVERIFY(near(m.perClass[0].precision, 0.75));
        QVERIFY(near(m.perClass[0].recall, 0.75));
        QVERIFY(near(m.perClass[0].f1, 0.75));
        // class 1: P = 2/3, R = 2/4, F1 = 2*(2/3*1/2)/(2/3+1/2) = 4/7
        QVERIFY(near(m.perClass[1].precision, 2.0 / 3.0));
        QVERIFY(near(m.perClass[1].recall, 0.5));
        QVERIFY(near(m.perClass[1].f1, 4.0 / 7.0));
        // class 2: P = 2/3, R = 1, F1 = 0.8
        QVERIFY(near(m.perClass[2].precision, 2.0 / 3.0));
        QVERIFY(near(m.perClass[2].recall, 1.0));
        QVERIFY(near(m.perClass[2].f1, 0.8));
        QVERIFY(near(m.macroF1, (0.75 + 4.0 / 7.0 + 0.8) / 3.0));
        const auto rn = m.rowNormalised();
        QVERIFY(near(rn[1][0], 0.25));
        QVERIFY(near(rn[2][2], 1.0));
    }

    void rejectedSongsCountAsErrorsOutsideTheConfusionMatrix()
    {
        const Metrics m = computeMetrics({0, 1, 1}, {0, -1, 1}, 2);
        QCOMPARE(m.rejected, std::int64_t(1));
        QVERIFY(near(m.accuracy, 2.0 / 3.0));
        QCOMPARE(m.confusion[1][0] + m.confusion[1][1], std::int64_t(1));
        QVERIFY(near(m.perClass[1].recall, 0.5));
    }

    void classWithoutExamplesIsLeftOutOfMacroF1()
    {
        const Metrics m = computeMetrics({0, 0}, {0, 0}, 3);
        QVERIFY(near(m.macroF1, 1.0));
        QCOMPARE(m.perClass[2].support, std::int64_t(0));
    }

    void songLevelAggregatesSegmentsAndSegmentLevelCountsEach()
    {
        // Song a (true 0): segments argmax 0, 0, 1 -> song 0. Song b (true 1): segments 0, 0 -> song 0.
        const std::vector<std::vector<float>> probs = {{0.9f, 0.1f, 0.8f, 0.2f, 0.3f, 0.7f}, {0.6f, 0.4f, 0.7f, 0.3f}};
        auto r = evaluateSongs({"x", "y"}, {"a", "b"}, {"/a.wav", "/b.wav"}, {0, 1}, probs,
                               AggregationRule::MajorityVote);
        QVERIFY(r.ok());
        QVERIFY(near(r->segment.accuracy, 2.0 / 5.0));
        QVERIFY(near(r->song.accuracy, 0.5));
        QCOMPARE(r->files[0].segmentPredictions, (std::vector<int>{0, 0, 1}));
        QCOMPARE(r->files[1].predicted, 0);
        const QJsonObject j = r->toJson();
        QCOMPARE(j.value("aggregation").toString(), QString("vote"));
        QCOMPARE(j.value("files").toArray().size(), 2);
        const std::string csv = r->predictionsCsv();
        QVERIFY(csv.rfind("key,path,true,predicted,correct,p_x,p_y,segment_predictions\n", 0) == 0);
        QVERIFY(csv.find("a,/a.wav,x,x,1,") != std::string::npos);
        QVERIFY(csv.find("x x y") != std::string::npos);
        QCOMPARE(QString::fromStdString(r->confusionCsv(false)), QString("true\\predicted,x,y\nx,1,0\ny,1,0\n"));
    }

    void inconsistentInputIsAnError()
    {
        auto r = evaluateSongs({"x", "y"}, {"a"}, {"/a"}, {0}, {{0.5f, 0.2f, 0.3f}}, AggregationRule::MeanProbability);
        QVERIFY(!r.ok());
    }

    void foldSummaryIsMeanAndSampleStd()
    {
        std::vector<EvaluationResult> folds(3);
        folds[0].song.accuracy = 0.6;
        folds[1].song.accuracy = 0.8;
        folds[2].song.accuracy = 0.7;
        const FoldSummary s = summariseFolds(folds);
        QVERIFY(near(s.songAccuracyMean, 0.7));
        QVERIFY(near(s.songAccuracyStd, 0.1));
        QCOMPARE(s.toJson().value("perFold").toArray().size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestEvaluation)
#include "tst_evaluation.moc"
