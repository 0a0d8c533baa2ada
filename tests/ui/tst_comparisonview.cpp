// The Compare view offscreen: two bundles that always answer one genre each are compared on a generated
// two-genre set; the tables, the matrices side by side, the disagreement list (double-click opens the
// song), the exports and cancel are checked as a user would see them.
#include "compare/comparisonview.h"
#include "evaluation/confusionmatrixview.h"
#include "features/recipes.h"
#include "models/bundle.h"
#include "models/genrenet.h"
#include "models/registry.h"

#include "support/testsupport.h"

#include <torch/torch.h>

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace genrescope;
using namespace genrescope::ui;

namespace {

/** seed004-f6 cut into 1.93-s segments of one [1, 33, 166] item each. */
QJsonObject shortConfig()
{
    features::FeatureConfig c = features::recipe("seed004-f6").value();
    c.recipe = "test-short-f6";
    c.segmentLength = 166 * 256;
    c.pieceCount = 1;
    return c.toJson();
}

/**
 * A seed004 CNN bundle whose last layer ignores its input and always favours `winner`: its weights are
 * zero and its bias picks the class, so every prediction of the test is known.
 */
QString writeConstantBundle(const QString &path, int winner)
{
    models::ModelBundle b;
    b.architecture = "seed004-simple-cnn";
    b.config = models::normalizedConfig(b.architecture, {}).value();
    b.featureConfig = shortConfig();
    b.labels = {"high", "low"};
    b.net = models::createModel(b.architecture, b.config, 2).value();
    {
        torch::NoGradGuard noGrad;
        auto params = b.net->named_parameters();
        const auto &bias = params[params.size() - 1].value();
        const auto &weight = params[params.size() - 2].value();
        if (bias.dim() != 1 || bias.size(0) != 2 || weight.dim() != 2)
            qFatal("the CNN's last parameters are not a 2-class linear layer");
        weight.zero_();
        bias.zero_();
        bias[winner].fill_(5.0);
    }
    return models::saveBundle(b, path.toStdString()).ok() ? path : QString();
}

} // namespace

class TestComparisonView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString data = m_dir.filePath("set");
        QVERIFY(QDir().mkpath(data + "/high") && QDir().mkpath(data + "/low"));
        for (int i = 0; i < 2; ++i) {
            QVERIFY(!test::writeSineWav(data + QString("/high/h%1.wav").arg(i), 4.0, 7000 + 100 * i).isEmpty());
            QVERIFY(!test::writeSineWav(data + QString("/low/l%1.wav").arg(i), 4.0, 300 + 10 * i).isEmpty());
        }
        m_data = data;
        m_alwaysHigh = writeConstantBundle(m_dir.filePath("always-high.gsm"), 0);
        m_alwaysLow = writeConstantBundle(m_dir.filePath("always-low.gsm"), 1);
        QVERIFY(!m_alwaysHigh.isEmpty() && !m_alwaysLow.isEmpty());
    }

    void aComparisonFillsTheTablesAndTheMatrices()
    {
        ComparisonView view;
        view.resize(1200, 800);
        view.show();
        auto *run = view.findChild<QPushButton *>("runButton");
        auto *cancel = view.findChild<QPushButton *>("cancelButton");
        QVERIFY(run && cancel);
        QVERIFY(!run->isEnabled()); // no model, no dataset
        view.setAvailableModels({m_alwaysHigh, m_alwaysLow, m_alwaysHigh});
        QCOMPARE(view.selectedModels(), (QStringList{m_alwaysHigh, m_alwaysLow}));
        QVERIFY(!run->isEnabled());
        view.setDatasetPath(m_data);
        QVERIFY(run->isEnabled());
        // The songs choice offers every ticked model's stored split besides all songs.
        QCOMPARE(view.findChild<QComboBox *>("songsCombo")->count(), 3);

        QSignalSpy finished(&view, &ComparisonView::comparisonFinished);
        QTest::mouseClick(run, Qt::LeftButton);
        QVERIFY(view.isRunning());
        QVERIFY(!run->isEnabled() && cancel->isEnabled());
        QVERIFY(finished.wait(240000));
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QVERIFY(run->isEnabled() && !cancel->isEnabled());

        auto *summary = view.findChild<QTableWidget *>("summaryTable");
        QCOMPARE(summary->rowCount(), 2);
        QCOMPARE(summary->item(0, 0)->text(), QString("always-high"));
        QCOMPARE(summary->item(1, 0)->text(), QString("always-low"));
        QCOMPARE(summary->item(0, 2)->text(), QString("4"));
        QCOMPARE(summary->item(0, 4)->text(), QString("50.0 %"));
        QCOMPARE(summary->item(1, 3)->text(), QString("50.0 %"));
        QVERIFY(summary->item(0, 6)->text().remove(QRegularExpression("\\D")).toLongLong() > 1000);

        // Each is right on the other's two songs: b = c = 2, far from significant.
        auto *mcnemar = view.findChild<QTableWidget *>("mcnemarTable");
        QCOMPARE(mcnemar->rowCount(), 1);
        QCOMPARE(mcnemar->item(0, 2)->text(), QString("2"));
        QCOMPARE(mcnemar->item(0, 3)->text(), QString("2"));
        QCOMPARE(mcnemar->item(0, 5)->text(), QString("1"));
        QCOMPARE(mcnemar->item(0, 7)->text(), ComparisonView::tr("no"));

        // The matrices, side by side: "always high" puts every song in the high column.
        const auto matrices = view.matrixViews();
        QCOMPARE(matrices.size(), std::size_t(2));
        for (auto *m : matrices) {
            QTRY_VERIFY(m->isVisible()); // shown from the event loop once laid out
            QCOMPARE(m->classCount(), 2);
        }
        QTRY_VERIFY(matrices[0]->mapTo(&view, QPoint(0, 0)).x() + matrices[0]->width() <=
                    matrices[1]->mapTo(&view, QPoint(0, 0)).x());
        QCOMPARE(matrices[0]->count(0, 0), std::int64_t(2));
        QCOMPARE(matrices[0]->count(1, 0), std::int64_t(2));
        QCOMPARE(matrices[0]->count(1, 1), std::int64_t(0));
        QCOMPARE(matrices[1]->count(0, 1), std::int64_t(2));
        QCOMPARE(matrices[1]->count(1, 1), std::int64_t(2));

        // They disagree on every song; double-clicking one asks to open it.
        auto *dis = view.findChild<QTableWidget *>("disagreementTable");
        QCOMPARE(dis->rowCount(), 4);
        QCOMPARE(dis->columnCount(), 4);
        QVERIFY(dis->item(0, 2)->text().startsWith(QString::fromUtf8("✓ high")) ||
                dis->item(0, 3)->text().startsWith(QString::fromUtf8("✓ low")));
        view.findChild<QTabWidget *>("resultTabs")->setCurrentWidget(dis);
        QSignalSpy open(&view, &ComparisonView::openSongRequested);
        const QRect r = dis->visualItemRect(dis->item(1, 0));
        QTest::mouseClick(dis->viewport(), Qt::LeftButton, {}, r.center());
        QTest::mouseDClick(dis->viewport(), Qt::LeftButton, {}, r.center());
        QCOMPARE(open.count(), 1);
        const QString opened = open.at(0).at(0).toString();
        QVERIFY(QFile::exists(opened));
        QVERIFY(opened.endsWith(dis->item(1, 0)->text()));

        // Exports: every table as CSV, the matrices as PNG and SVG.
        QTemporaryDir out;
        QString error;
        QVERIFY2(view.exportTables(out.path(), &error), qPrintable(error));
        QFile csv(out.filePath("summary.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(csv.readAll());
        QVERIFY(text.contains("always-high,bundle,4,0.5,0.5"));
        for (const char *f : {"mcnemar.csv", "disagreements.csv", "skipped.csv", "model1_confusion.csv",
                              "model2_predictions.csv"})
            QVERIFY2(QFile::exists(out.filePath(f)), f);
        const QStringList pngs = view.exportMatrices(out.filePath("m.png"), &error);
        QCOMPARE(pngs.size(), 2);
        QVERIFY(QImage(pngs[0]).width() > 50);
        const QStringList svgs = view.exportMatrices(out.filePath("m.svg"), &error);
        QCOMPARE(svgs.size(), 2);
        QFile svg(svgs[1]);
        QVERIFY(svg.open(QIODevice::ReadOnly) && svg.readAll().contains("<svg"));
    }

    void voteWithThresholdRejectsSongsWithTooFewVotes()
    {
        ComparisonView view;
        view.resize(1200, 800);
        view.setAvailableModels({m_alwaysHigh, m_alwaysLow});
        view.setDatasetPath(m_data);
        auto *rule = view.findChild<QComboBox *>("ruleCombo");
        auto *minVotes = view.findChild<QSpinBox *>("minVotesSpin");
        QVERIFY(rule && minVotes);
        QVERIFY(!minVotes->isEnabled()); // only for vote with threshold
        const int vote = rule->findData(int(training::AggregationRule::VoteWithThreshold));
        QVERIFY(vote >= 0);
        rule->setCurrentIndex(vote);
        QVERIFY(minVotes->isEnabled());
        // Every 4-s song has two 1.93-s segments, so a winner has at most 2 votes: T = 3 rejects every song.
        minVotes->setValue(3);
        QSignalSpy finished(&view, &ComparisonView::comparisonFinished);
        view.run();
        QVERIFY(finished.wait(240000));
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        auto *summary = view.findChild<QTableWidget *>("summaryTable");
        QCOMPARE(summary->item(0, 4)->text(), QString("0.0 %"));
        QCOMPARE(summary->item(1, 4)->text(), QString("0.0 %"));
        const auto matrices = view.matrixViews();
        QCOMPARE(matrices.size(), std::size_t(2));
        QCOMPARE(matrices[0]->count(0, -1), std::int64_t(2));
        QCOMPARE(matrices[0]->count(1, -1), std::int64_t(2));
        QVERIFY(view.result() && view.result()->threshold == 3);
    }

    void cancelStopsTheRun()
    {
        ComparisonView view;
        view.setAvailableModels({m_alwaysHigh, m_alwaysLow});
        view.setDatasetPath(m_data);
        QSignalSpy finished(&view, &ComparisonView::comparisonFinished);
        view.run();
        QVERIFY(view.isRunning());
        view.findChild<QPushButton *>("cancelButton")->click();
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QVERIFY(view.result() == nullptr);
        QCOMPARE(view.findChild<QLabel *>("statusLabel")->text(), ComparisonView::tr("Comparison cancelled."));
    }

    void aMissingDatasetIsReported()
    {
        ComparisonView view;
        view.setAvailableModels({m_alwaysHigh, m_alwaysLow});
        view.setDatasetPath(m_dir.filePath("nowhere"));
        QSignalSpy finished(&view, &ComparisonView::comparisonFinished);
        view.run();
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QVERIFY(view.findChild<QLabel *>("statusLabel")->text().contains("nowhere"));
    }

private:
    QTemporaryDir m_dir;
    QString m_data, m_alwaysHigh, m_alwaysLow;
};

QTEST_MAIN(TestComparisonView)
#include "tst_comparisonview.moc"
