#include "evaluation/confusionmatrixview.h"
#include "evaluation/evaluationview.h"
#include "evaluation/metricstable.h"
#include "features/recipes.h"
#include "models/bundle.h"
#include "models/registry.h"

#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QImage>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace genrescope;
using namespace genrescope::ui;
using training::AggregationRule;

namespace {

const std::vector<std::string> kLabels = {"blues", "jazz", "rock"};

// Four songs, three segments each (labels blues, jazz, rock):
//   a (blues): segments jazz, jazz, blues  -> mean says blues, a majority vote says jazz
//   b (jazz):  segments blues, blues, jazz -> mean says jazz,  a majority vote says blues
//   c (rock):  rock, rock, rock
//   d (rock):  jazz, rock, rock            -> rock under every rule
training::EvaluationResult knownResult(const QString &dir, AggregationRule rule = AggregationRule::MeanProbability)
{
    const std::vector<std::vector<float>> probs = {
        {0.4f, 0.6f, 0.0f, 0.4f, 0.6f, 0.0f, 0.9f, 0.1f, 0.0f},
        {0.55f, 0.45f, 0.0f, 0.55f, 0.45f, 0.0f, 0.0f, 1.0f, 0.0f},
        {0.1f, 0.1f, 0.8f, 0.2f, 0.1f, 0.7f, 0.1f, 0.2f, 0.7f},
        {0.1f, 0.5f, 0.4f, 0.1f, 0.2f, 0.7f, 0.0f, 0.1f, 0.9f},
    };
    std::vector<std::string> paths;
    for (const char *k : {"a", "b", "c", "d"})
        paths.push_back((dir + "/" + k + ".wav").toStdString());
    auto r = training::evaluateSongs(kLabels, {"a", "b", "c", "d"}, paths, {0, 1, 2, 2}, probs, rule);
    return r.ok() ? *r : training::EvaluationResult{};
}

QString writeBundle(const QString &path, const QJsonObject &evaluation)
{
    models::ModelBundle b;
    b.architecture = "mlp";
    auto config = models::normalizedConfig("mlp", {});
    if (!config)
        return {};
    b.config = *config;
    b.featureConfig = features::recipe("stats57")->toJson();
    b.labels = kLabels;
    b.card["title"] = "Test MLP";
    b.evaluation = evaluation;
    auto net = models::createModel("mlp", b.config, int(kLabels.size()));
    if (!net)
        return {};
    b.net = *net;
    return models::saveBundle(b, path.toStdString()).ok() ? path : QString();
}

QString songCell(const QTableWidget *t, int row, int col)
{
    auto *item = t->item(row, col);
    return item ? item->text() : QString();
}

} // namespace

class TestEvaluationView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
    }

    void matrixShowsCountsRowPercentagesAndContrastingColours()
    {
        EvaluationView view;
        view.resize(1200, 800);
        view.showEvaluation("known", knownResult(m_dir.path()));
        ConfusionMatrixView *m = view.matrixView();
        QCOMPARE(m->classCount(), 3);
        QCOMPARE(m->labels(), QStringList({"Blues", "Jazz", "Rock"}));
        QCOMPARE(m->cellText(2, 2), QString("2\n100%"));
        QCOMPARE(m->cellText(0, 0), QString("1\n100%"));
        QCOMPARE(m->cellText(0, 1), QString("0\n0%"));
        // Counts mode: colour by count / largest count; the largest cell is the top of viridis.
        const ColorMap viridis(ColorMap::Kind::Viridis);
        QCOMPARE(m->cellColor(2, 2).rgb(), QColor::fromRgb(viridis.map(1.0f)).rgb());
        QCOMPARE(m->cellColor(0, 0).rgb(), QColor::fromRgb(viridis.map(0.5f)).rgb());
        QCOMPARE(m->cellColor(0, 1).rgb(), QColor::fromRgb(viridis.map(0.0f)).rgb());
        QCOMPARE(m->cellTextColor(2, 2), QColor(Qt::black)); // yellow
        QCOMPARE(m->cellTextColor(0, 1), QColor(Qt::white)); // dark purple

        view.setNormalised(true);
        QCOMPARE(m->cellText(2, 2), QString("100%\n2"));
        QCOMPARE(m->cellColor(0, 0).rgb(), QColor::fromRgb(viridis.map(1.0f)).rgb());
        QVERIFY(view.summaryText().contains("100.0%"));

        // Per-class table: a perfect evaluation under the mean rule.
        MetricsTable *t = view.metricsTable();
        QCOMPARE(t->rowCount(), 5); // 3 classes, accuracy, macro average
        QCOMPARE(t->item(2, 0)->text(), QString("Rock"));
        QCOMPARE(t->item(2, 4)->text(), QString("2"));
        QCOMPARE(t->item(3, 3)->text(), QString("1.000"));
    }

    void clickingACellListsItsSongsAndDoubleClickOpensOne()
    {
        EvaluationView view;
        view.resize(1200, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showEvaluation("known", knownResult(m_dir.path(), AggregationRule::MajorityVote));
        ConfusionMatrixView *m = view.matrixView();
        // Majority vote: a (blues) -> jazz, b (jazz) -> blues.
        QCOMPARE(m->count(0, 1), std::int64_t(1));
        QCOMPARE(m->count(1, 0), std::int64_t(1));
        QSignalSpy clicked(m, &ConfusionMatrixView::cellClicked);
        const QRect cell = m->cellRect(0, 1);
        QVERIFY(cell.isValid() && m->rect().contains(cell));
        QTest::mouseClick(m, Qt::LeftButton, {}, cell.center());
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.first().at(0).toInt(), 0);
        QCOMPARE(clicked.first().at(1).toInt(), 1);
        QCOMPARE(m->selectedCell(), QPoint(1, 0));
        QTableWidget *songs = view.songTable();
        QCOMPARE(songs->rowCount(), 1);
        QCOMPARE(songCell(songs, 0, 0), QString("a.wav"));
        QCOMPARE(songCell(songs, 0, 1), QString("Blues"));
        QCOMPARE(songCell(songs, 0, 2), QString("Jazz"));
        QCOMPARE(songCell(songs, 0, 4), QString("Jazz 0.67, Blues 0.33, Rock 0.00"));

        // The keyboard moves the selection the same way: Down from (blues, jazz) is (jazz, jazz): empty.
        QTest::keyClick(m, Qt::Key_Down);
        QCOMPARE(clicked.count(), 2);
        QCOMPARE(m->selectedCell(), QPoint(1, 1));
        QCOMPARE(songs->rowCount(), 0);
        QTest::keyClick(m, Qt::Key_Left);
        QCOMPARE(m->selectedCell(), QPoint(0, 1));
        QCOMPARE(songCell(songs, 0, 0), QString("b.wav"));

        // Diagonal rock cell: c and d.
        QTest::mouseClick(m, Qt::LeftButton, {}, m->cellRect(2, 2).center());
        QCOMPARE(songs->rowCount(), 2);

        QSignalSpy open(&view, &EvaluationView::openSongRequested);
        QVERIFY(!view.openButton()->isEnabled());
        const QRect rowRect = songs->visualItemRect(songs->item(1, 0));
        QTest::mouseClick(songs->viewport(), Qt::LeftButton, {}, rowRect.center());
        QVERIFY(view.openButton()->isEnabled());
        QTest::mouseDClick(songs->viewport(), Qt::LeftButton, {}, rowRect.center());
        QCOMPARE(open.count(), 1);
        const QString opened = open.first().at(0).toString();
        QVERIFY(opened == m_dir.filePath("c.wav") || opened == m_dir.filePath("d.wav"));
        QTest::mouseClick(view.openButton(), Qt::LeftButton);
        QCOMPARE(open.count(), 2);
        // Enter on the selected cell jumps to its first song; Enter there opens it.
        QTest::keyClick(m, Qt::Key_Return);
        QVERIFY(songs->hasFocus());
        QCOMPARE(songs->currentRow(), 0);
        QTest::keyClick(songs, Qt::Key_Return);
        QCOMPARE(open.count(), 3);
    }

    void levelAndRuleChangeTheMatrixAsComputed()
    {
        EvaluationView view;
        view.resize(1200, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showEvaluation("known", knownResult(m_dir.path()));
        ConfusionMatrixView *m = view.matrixView();
        QCOMPARE(m->count(0, 0), std::int64_t(1));
        QVERIFY(view.canReaggregate());
        QVERIFY(view.ruleCombo()->isEnabled());

        // Rule: mean probability -> majority vote, as a user picks it from the combo.
        view.ruleCombo()->setFocus();
        QTest::keyClick(view.ruleCombo(), Qt::Key_Down);
        QCOMPARE(view.rule(), AggregationRule::MajorityVote);
        QCOMPARE(m->count(0, 0), std::int64_t(0));
        QCOMPARE(m->count(0, 1), std::int64_t(1));
        QCOMPARE(m->count(1, 0), std::int64_t(1));
        QCOMPARE(view.currentResult()->song.correct, std::int64_t(2));

        // Vote with threshold 3: a, b and d have only two votes for their winner and are rejected.
        QVERIFY(view.setRule(AggregationRule::VoteWithThreshold, 3));
        QVERIFY(view.thresholdSpin()->isEnabled());
        QCOMPARE(view.currentResult()->song.rejected, std::int64_t(3));
        QCOMPARE(m->count(2, -1), std::int64_t(1));
        QCOMPARE(m->cellText(2, -1), QString("1\n50%"));
        QTest::mouseClick(m, Qt::LeftButton, {}, m->cellRect(2, -1).center());
        QCOMPARE(view.songTable()->rowCount(), 1);
        QCOMPARE(songCell(view.songTable(), 0, 0), QString("d.wav"));
        view.thresholdSpin()->setValue(2);
        QCOMPARE(view.currentResult()->song.rejected, std::int64_t(0));
        QVERIFY(!m->cellRect(0, -1).isValid()); // no rejected column any more

        // Segment level: 12 segments, independent of the rule; the rule controls are disabled.
        view.levelCombo()->setFocus();
        QTest::keyClick(view.levelCombo(), Qt::Key_Down);
        QCOMPARE(view.level(), EvaluationView::Level::Segment);
        QCOMPARE(m->count(0, 1), std::int64_t(2));
        QCOMPARE(m->count(1, 0), std::int64_t(2));
        QCOMPARE(m->count(2, 2), std::int64_t(5));
        QCOMPARE(m->count(2, 1), std::int64_t(1));
        QVERIFY(!view.ruleCombo()->isEnabled());
        QTest::mouseClick(m, Qt::LeftButton, {}, m->cellRect(2, 1).center());
        QCOMPARE(view.songTable()->rowCount(), 1);
        QCOMPARE(songCell(view.songTable(), 0, 3), QString("1 of 3"));
    }

    void withoutSegmentProbabilitiesTheRuleIsFixed()
    {
        auto r = knownResult(m_dir.path());
        for (auto &f : r.files)
            f.segmentProbabilities.clear();
        EvaluationView view;
        view.showEvaluation("old", r);
        QVERIFY(!view.canReaggregate());
        QVERIFY(!view.ruleCombo()->isEnabled());
        QVERIFY(view.ruleCombo()->toolTip().contains("segment probabilities"));
        QVERIFY(!view.setRule(AggregationRule::MajorityVote));
        QCOMPARE(view.currentResult()->rule, AggregationRule::MeanProbability);
    }

    void exportsWriteTheMatrixMetricsAndSongs()
    {
        EvaluationView view;
        view.resize(1200, 800);
        view.showEvaluation("known", knownResult(m_dir.path(), AggregationRule::MajorityVote));
        QString error;
        QVERIFY(!view.exportSongsCsv(m_dir.filePath("none.csv"), &error)); // no cell selected yet
        QVERIFY(!error.isEmpty());
        view.selectCell(1, 0);

        const QString png = m_dir.filePath("m.png"), svg = m_dir.filePath("m.svg");
        QVERIFY2(view.exportMatrixPng(png, &error), qPrintable(error));
        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= view.matrixView()->sizeHint().width());
        // The PNG holds the cell colours: look for the top viridis colour (the rock diagonal, count 2).
        const QRgb top = ColorMap(ColorMap::Kind::Viridis).map(1.0f);
        bool found = false;
        for (int y = 0; y < image.height() && !found; y += 2)
            for (int x = 0; x < image.width() && !found; x += 2)
                found = (image.pixel(x, y) & 0xffffff) == (top & 0xffffff);
        QVERIFY(found);

        QVERIFY2(view.exportMatrixSvg(svg, &error), qPrintable(error));
        QFile s(svg);
        QVERIFY(s.open(QIODevice::ReadOnly));
        const QByteArray svgText = s.readAll();
        QVERIFY(svgText.contains("<svg"));
        QVERIFY(svgText.contains("Blues") && svgText.contains("Rock"));

        const QString conf = m_dir.filePath("c.csv"), metrics = m_dir.filePath("metrics.csv"), songs = m_dir.filePath("s.csv");
        QVERIFY(view.exportConfusionCsv(conf, &error));
        QVERIFY(view.exportMetricsCsv(metrics, &error));
        QVERIFY(view.exportSongsCsv(songs, &error));
        auto read = [](const QString &p) {
            QFile f(p);
            return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
        };
        QCOMPARE(read(conf), QString("true\\predicted,blues,jazz,rock\nblues,0,1,0\njazz,1,0,0\nrock,0,0,2\n"));
        const QString m = read(metrics);
        QVERIFY(m.startsWith("label,precision,recall,f1,support\nblues,0,0,0,1\n"));
        QVERIFY(m.contains("rock,1,1,1,2\n"));
        QVERIFY(m.contains("accuracy,,,0.5,4\n"));
        QCOMPARE(read(songs), QString("key,path,true,predicted,segments_in_cell,segments,p_blues,p_jazz,p_rock\n"
                                      "b,%1,jazz,blues,2,3,0.666667,0.333333,0\n")
                                  .arg(m_dir.filePath("b.wav")));
        QVERIFY(!view.exportConfusionCsv(m_dir.filePath("missing/dir/c.csv"), &error));
        QVERIFY(error.contains("c.csv"));
    }

    void showBundleReadsAStoredKFoldEvaluation()
    {
        const auto a = knownResult(m_dir.path());
        auto b = training::evaluateSongs(kLabels, {"e", "f"}, {"/x/e.wav", "/x/f.wav"}, {0, 1},
                                         {{0.7f, 0.2f, 0.1f}, {0.5f, 0.4f, 0.1f}}, AggregationRule::MeanProbability);
        QVERIFY(b.ok());
        QJsonObject ev = training::summariseFolds({a, *b}).toJson();
        ev["kind"] = "kfold";
        const QString path = writeBundle(m_dir.filePath("kfold.gsm"), ev);
        QVERIFY(!path.isEmpty());

        EvaluationView view;
        QString error;
        QVERIFY2(view.showBundle(path, &error), qPrintable(error));
        QVERIFY(view.title().contains("Test MLP"));
        QCOMPARE(view.foldCount(), 2);
        QCOMPARE(view.foldCombo()->count(), 3);
        QVERIFY(!view.foldCombo()->isHidden());
        // Pooled: 6 songs, f (jazz) predicted blues is the only error.
        QCOMPARE(view.currentResult()->song.total, std::int64_t(6));
        QCOMPARE(view.matrixView()->count(1, 0), std::int64_t(1));
        QVERIFY(view.summaryText().contains(QString::fromUtf8("\u00b1")));
        view.setFold(1);
        QCOMPARE(view.currentResult()->song.total, std::int64_t(2));
        QCOMPARE(view.foldCombo()->currentIndex(), 2);

        // A single test evaluation (no "kind") has no fold selector.
        const QString single = writeBundle(m_dir.filePath("single.gsm"), a.toJson());
        QVERIFY(view.showBundle(single, &error));
        QCOMPARE(view.foldCount(), 1);
        QVERIFY(view.foldCombo()->isHidden());
        QCOMPARE(view.currentResult()->song.total, std::int64_t(4));
    }

    void showBundleOnABrokenFileFailsClearly()
    {
        EvaluationView view;
        view.showEvaluation("before", knownResult(m_dir.path()));
        QString error;
        const QString junk = m_dir.filePath("junk.gsm");
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(300, 'x'));
        f.close();
        QVERIFY(!view.showBundle(junk, &error));
        QVERIFY(error.contains("junk.gsm"));
        QCOMPARE(view.title(), QString("before")); // the view is left as it was

        QVERIFY(!view.showBundle(m_dir.filePath("absent.gsm"), &error));
        QVERIFY(error.contains("absent.gsm"));

        const QString noEval = writeBundle(m_dir.filePath("noeval.gsm"), {});
        QVERIFY(!noEval.isEmpty());
        QVERIFY(!view.showBundle(noEval, &error));
        QVERIFY(error.contains("no stored evaluation"));

        QJsonObject broken = knownResult(m_dir.path()).toJson();
        broken["aggregation"] = "median";
        const QString bad = writeBundle(m_dir.filePath("bad.gsm"), broken);
        QVERIFY(!view.showBundle(bad, &error));
        QVERIFY(error.contains("damaged"));
        QCOMPARE(view.title(), QString("before"));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestEvaluationView)
#include "tst_evaluationview.moc"
