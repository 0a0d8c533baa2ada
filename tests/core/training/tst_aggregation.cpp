#include "training/aggregation.h"

#include <QTest>
#include <cmath>

using namespace genrescope::training;

class TestAggregation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void meanTakesTheAverage()
    {
        // Two segments, three classes: mean = (0.45, 0.4, 0.15) -> class 0.
        const std::vector<float> p = {0.8f, 0.1f, 0.1f, 0.1f, 0.7f, 0.2f};
        const auto d = aggregate(p, 3, AggregationRule::MeanProbability);
        QCOMPARE(d.label, 0);
        QVERIFY(std::abs(d.scores[0] - 0.45f) < 1e-6f);
        QVERIFY(std::abs(d.scores[1] - 0.4f) < 1e-6f);
    }
    void voteCountsArgmaxesAndBreaksTiesBySummedProbability()
    {
        // Segments vote 1, 1, 0: class 1 wins with 2 of 3 votes.
        const std::vector<float> p = {0.4f, 0.6f, 0.45f, 0.55f, 0.99f, 0.01f};
        auto d = aggregate(p, 2, AggregationRule::MajorityVote);
        QCOMPARE(d.label, 1);
        QVERIFY(std::abs(d.scores[1] - 2.0f / 3.0f) < 1e-6f);
        // A 1:1 tie: class 0's summed probability (0.9 + 0.4) beats class 1's (0.1 + 0.6).
        const std::vector<float> tie = {0.9f, 0.1f, 0.4f, 0.6f};
        QCOMPARE(aggregate(tie, 2, AggregationRule::MajorityVote).label, 0);
    }
    void thresholdRejectsAWeakWinner()
    {
        // 15 pieces: 4 votes for class 2 is the most, but below T = 5 -> rejected; T = 4 accepts.
        std::vector<float> p;
        const int votes[] = {2, 2, 2, 2, 0, 0, 0, 1, 1, 1, 3, 3, 3, 4, 4};
        for (int v : votes)
            for (int c = 0; c < 5; ++c)
                p.push_back(c == v ? 0.6f : 0.1f);
        QCOMPARE(aggregate(p, 5, AggregationRule::VoteWithThreshold, 5).label, -1);
        QCOMPARE(aggregate(p, 5, AggregationRule::VoteWithThreshold, 4).label, 2);
        QCOMPARE(aggregate(p, 5, AggregationRule::MajorityVote).label, 2);
    }
    void geometricMeanPunishesAConfidentNo()
    {
        // Class 0 has the higher mean (0.60 vs 0.40) but one near-zero segment; the geometric means are
        // (0.9 * 0.9 * 0.001)^(1/3) = 0.0932 and (0.1 * 0.1 * 0.999)^(1/3) = 0.2154, so class 1 wins.
        const std::vector<float> p = {0.9f, 0.1f, 0.9f, 0.1f, 0.001f, 0.999f};
        QCOMPARE(aggregate(p, 2, AggregationRule::MeanProbability).label, 0);
        const auto d = aggregate(p, 2, AggregationRule::GeometricMean);
        QCOMPARE(d.label, 1);
        const double g0 = std::cbrt(0.9 * 0.9 * 0.001), g1 = std::cbrt(0.1 * 0.1 * 0.999);
        QVERIFY(std::abs(d.scores[1] - float(g1 / (g0 + g1))) < 1e-5f);
        QVERIFY(std::abs(d.scores[0] + d.scores[1] - 1.0f) < 1e-6f);
    }
    void maxTakesThePeak()
    {
        const std::vector<float> p = {0.5f, 0.5f, 0.0f, 0.2f, 0.1f, 0.7f};
        QCOMPARE(aggregate(p, 3, AggregationRule::Max).label, 2);
    }
    void emptyInputIsNoDecision()
    {
        QCOMPARE(aggregate({}, 3, AggregationRule::MeanProbability).label, -1);
        QCOMPARE(aggregate({0.5f}, 0, AggregationRule::MeanProbability).label, -1);
    }
    void idsRoundTrip()
    {
        for (auto r : allAggregationRules())
            QCOMPARE(aggregationRuleFromId(aggregationRuleId(r)).value(), r);
        QVERIFY(!aggregationRuleFromId("median").has_value());
    }
};

QTEST_GUILESS_MAIN(TestAggregation)
#include "tst_aggregation.moc"
