#include "training/evaluation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <cmath>

using namespace genrescope;
using namespace genrescope::training;

namespace {

// Song a (true x): segment argmax y, y, x; mean probability says x (0.567), a majority vote says y.
// Song b (true y): segment argmax x, x, y; mean probability says y (0.633), a majority vote says x.
// Song c (true z): all three segments z.
EvaluationResult knownEvaluation(AggregationRule rule, int threshold = 0)
{
    const std::vector<std::vector<float>> probs = {
        {0.4f, 0.6f, 0.0f, 0.4f, 0.6f, 0.0f, 0.9f, 0.1f, 0.0f},
        {0.55f, 0.45f, 0.0f, 0.55f, 0.45f, 0.0f, 0.0f, 1.0f, 0.0f},
        {0.1f, 0.1f, 0.8f, 0.2f, 0.1f, 0.7f, 0.123456789f, 0.1f, 0.776543211f},
    };
    auto r = evaluateSongs({"x", "y", "z"}, {"a", "b", "c"}, {"/m/a.wav", "/m/b,with comma.wav", "/m/c.flac"},
                           {0, 1, 2}, probs, rule, threshold);
    return r.ok() ? *r : EvaluationResult{};
}

QJsonObject throughText(const QJsonObject &o)
{
    return QJsonDocument::fromJson(QJsonDocument(o).toJson(QJsonDocument::Compact)).object();
}

} // namespace

class TestEvaluationJson : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void evaluateSongsKeepsSegmentProbabilities()
    {
        const EvaluationResult r = knownEvaluation(AggregationRule::MeanProbability);
        QCOMPARE(r.files.size(), std::size_t(3));
        QCOMPARE(r.files[0].segmentProbabilities.size(), std::size_t(9));
        QCOMPARE(r.files[1].segmentProbabilities[7], 1.0f);
        QVERIFY(r.hasSegmentProbabilities());
    }

    void jsonRoundTripIsExactInLabelsAndCounts()
    {
        const EvaluationResult r = knownEvaluation(AggregationRule::VoteWithThreshold, 3);
        QCOMPARE(r.song.rejected, std::int64_t(2)); // a and b have only two votes for their winner
        auto back = EvaluationResult::fromJson(throughText(r.toJson()));
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().detail.c_str());
        QCOMPARE(back->labels, r.labels);
        QCOMPARE(back->rule, AggregationRule::VoteWithThreshold);
        QCOMPARE(back->threshold, 3);
        for (const auto *pair : {&r.song, &r.segment}) {
            const Metrics &orig = *pair;
            const Metrics &copy = pair == &r.song ? back->song : back->segment;
            QCOMPARE(copy.total, orig.total);
            QCOMPARE(copy.correct, orig.correct);
            QCOMPARE(copy.rejected, orig.rejected);
            QCOMPARE(copy.confusion, orig.confusion);
            QCOMPARE(copy.accuracy, orig.accuracy);
            QCOMPARE(copy.macroF1, orig.macroF1);
            for (std::size_t c = 0; c < orig.perClass.size(); ++c) {
                QCOMPARE(copy.perClass[c].support, orig.perClass[c].support);
                QCOMPARE(copy.perClass[c].f1, orig.perClass[c].f1);
            }
        }
        QCOMPARE(back->files.size(), r.files.size());
        for (std::size_t i = 0; i < r.files.size(); ++i) {
            const auto &a = r.files[i];
            const auto &b = back->files[i];
            QCOMPARE(b.key, a.key);
            QCOMPARE(b.path, a.path);
            QCOMPARE(b.trueLabel, a.trueLabel);
            QCOMPARE(b.predicted, a.predicted);
            QCOMPARE(b.scores, a.scores);
            QCOMPARE(b.segmentPredictions, a.segmentPredictions);
            QCOMPARE(b.segmentProbabilities.size(), a.segmentProbabilities.size());
            for (std::size_t k = 0; k < a.segmentProbabilities.size(); ++k)
                QVERIFY(std::abs(b.segmentProbabilities[k] - a.segmentProbabilities[k]) <=
                        5e-5f * std::abs(a.segmentProbabilities[k]) + 1e-7f);
        }
        QCOMPARE(back->files[0].predicted, -1);
    }

    void probabilitiesAreStoredWithFiveSignificantDigits()
    {
        const QJsonObject j = knownEvaluation(AggregationRule::MeanProbability).toJson();
        const QJsonArray probs = j["files"].toArray()[2].toObject()["segmentProbabilities"].toArray();
        QCOMPARE(probs[6].toDouble(), 0.12346);
        QCOMPARE(probs[8].toDouble(), 0.77654);
        const QByteArray text = QJsonDocument(j).toJson(QJsonDocument::Compact);
        QVERIFY(text.contains("0.12346,"));
    }

    void olderEvaluationWithoutSegmentProbabilitiesLoadsButCannotBeReaggregated()
    {
        QJsonObject j = knownEvaluation(AggregationRule::MeanProbability).toJson();
        QJsonArray files = j["files"].toArray();
        for (int i = 0; i < files.size(); ++i) {
            QJsonObject f = files[i].toObject();
            f.remove("segmentProbabilities");
            files[i] = f;
        }
        j["files"] = files;
        auto back = EvaluationResult::fromJson(j);
        QVERIFY(back.ok());
        QVERIFY(back->files[0].segmentProbabilities.empty());
        QVERIFY(!back->hasSegmentProbabilities());
        QCOMPARE(back->song.correct, std::int64_t(3));
        auto re = reaggregate(*back, AggregationRule::MajorityVote);
        QVERIFY(!re.ok());
        QCOMPARE(re.error().code, base::ErrorCode::InvalidArgument);
        QVERIFY(re.error().detail.find("'a'") != std::string::npos);
    }

    void reaggregateByMajorityVoteGivesTheKnownAnswer()
    {
        const EvaluationResult mean = knownEvaluation(AggregationRule::MeanProbability);
        QCOMPARE(mean.song.correct, std::int64_t(3));
        auto vote = reaggregate(mean, AggregationRule::MajorityVote);
        QVERIFY(vote.ok());
        QCOMPARE(vote->rule, AggregationRule::MajorityVote);
        QCOMPARE(vote->files[0].predicted, 1);
        QCOMPARE(vote->files[1].predicted, 0);
        QCOMPARE(vote->files[2].predicted, 2);
        QCOMPARE(vote->song.correct, std::int64_t(1));
        const std::vector<std::vector<std::int64_t>> expected = {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}};
        QCOMPARE(vote->song.confusion, expected);
        QCOMPARE(vote->files[0].scores[1], 2.0f / 3.0f); // vote shares
        // The segment level does not depend on the rule.
        QCOMPARE(vote->segment.confusion, mean.segment.confusion);
        QCOMPARE(vote->segment.correct, std::int64_t(5));

        auto strict = reaggregate(mean, AggregationRule::VoteWithThreshold, 3);
        QVERIFY(strict.ok());
        QCOMPARE(strict->song.rejected, std::int64_t(2));
        QCOMPARE(strict->song.correct, std::int64_t(1));

        // Back to the mean rule from the stored probabilities reproduces the original decisions.
        auto again = reaggregate(*vote, AggregationRule::MeanProbability);
        QVERIFY(again.ok());
        QCOMPARE(again->song.confusion, mean.song.confusion);
    }

    void fromJsonRejectsBrokenJsonWithAClearError()
    {
        const QJsonObject good = knownEvaluation(AggregationRule::MeanProbability).toJson();
        auto expectBad = [](const QJsonObject &j, const char *needle) {
            auto r = EvaluationResult::fromJson(j);
            if (r.ok())
                return std::string("accepted");
            if (r.error().code != base::ErrorCode::BadFormat)
                return std::string("wrong code: ") + r.error().detail;
            if (r.error().detail.find(needle) == std::string::npos)
                return std::string("detail without '") + needle + "': " + r.error().detail;
            return std::string();
        };
        QCOMPARE(expectBad(QJsonObject{}, "labels"), std::string());

        QJsonObject j = good;
        j["aggregation"] = "median";
        QCOMPARE(expectBad(j, "median"), std::string());

        j = good;
        QJsonObject song = j["song"].toObject();
        QJsonArray conf = song["confusion"].toArray();
        conf.removeLast();
        song["confusion"] = conf;
        j["song"] = song;
        QCOMPARE(expectBad(j, "confusion"), std::string());

        j = good;
        song = j["song"].toObject();
        song["total"] = -1;
        j["song"] = song;
        QCOMPARE(expectBad(j, "total"), std::string());

        j = good;
        QJsonArray files = j["files"].toArray();
        QJsonObject f = files[0].toObject();
        f["true"] = "polka";
        files[0] = f;
        j["files"] = files;
        QCOMPARE(expectBad(j, "'a'"), std::string());

        j = good;
        files = j["files"].toArray();
        f = files[1].toObject();
        QJsonArray probs = f["segmentProbabilities"].toArray();
        probs.removeLast();
        f["segmentProbabilities"] = probs;
        files[1] = f;
        j["files"] = files;
        QCOMPARE(expectBad(j, "segment probabilities"), std::string());

        auto folds = FoldSummary::fromJson(QJsonObject{{"folds", 3}});
        QVERIFY(!folds.ok());
        QCOMPARE(folds.error().code, base::ErrorCode::BadFormat);
        QVERIFY(folds.error().detail.find("perFold") != std::string::npos);
    }

    void foldSummaryRoundTripsAndPoolsEverySongOnce()
    {
        const EvaluationResult a = knownEvaluation(AggregationRule::MajorityVote);
        auto b = evaluateSongs({"x", "y", "z"}, {"d", "e"}, {"/m/d.wav", "/m/e.wav"}, {0, 2},
                               {{0.7f, 0.2f, 0.1f}, {0.1f, 0.3f, 0.6f, 0.5f, 0.2f, 0.3f}}, AggregationRule::MajorityVote);
        QVERIFY(b.ok());
        const FoldSummary s = summariseFolds({a, *b});
        QJsonObject j = s.toJson();
        j["kind"] = "kfold";
        auto back = FoldSummary::fromJson(throughText(j));
        QVERIFY(back.ok());
        QCOMPARE(back->folds.size(), std::size_t(2));
        QCOMPARE(back->songAccuracyMean, s.songAccuracyMean);
        QCOMPARE(back->songAccuracyStd, s.songAccuracyStd);
        QCOMPARE(back->folds[1].files[1].key, std::string("e"));

        auto pooled = poolEvaluations(back->folds);
        QVERIFY(pooled.ok());
        QCOMPARE(pooled->files.size(), std::size_t(5));
        QCOMPARE(pooled->song.total, std::int64_t(5));
        for (std::size_t t = 0; t < 3; ++t)
            for (std::size_t p = 0; p < 3; ++p)
                QCOMPARE(pooled->song.confusion[t][p], a.song.confusion[t][p] + b->song.confusion[t][p]);
        QCOMPARE(pooled->segment.total, a.segment.total + b->segment.total);
        QCOMPARE(pooled->segment.correct, a.segment.correct + b->segment.correct);

        EvaluationResult other = *b;
        other.labels = {"x", "y", "w"};
        auto mismatch = poolEvaluations({a, other});
        QVERIFY(!mismatch.ok());
        QCOMPARE(mismatch.error().code, base::ErrorCode::Mismatch);
    }
};

QTEST_GUILESS_MAIN(TestEvaluationJson)
#include "tst_evaluationjson.moc"
