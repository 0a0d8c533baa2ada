#include "models/bundle.h"
#include "training/trainingrun.h"

#include "support/testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <fstream>
#include <random>
#include <set>

using namespace genrescope;
using namespace genrescope::training;
namespace fs = std::filesystem;

namespace {

/**
 * A feature table in the features_30_sec.csv layout: filename, length, 57 feature columns, label.
 * Three classes of `perClass` songs; class c shifts features 3c..3c+2, so a small MLP learns it.
 */
fs::path writeTable(const QString &dir, int perClass = 15)
{
    const fs::path path = fs::path(dir.toStdString()) / "features.csv";
    std::ofstream out(path);
    out << "filename,length";
    for (int f = 0; f < 57; ++f)
        out << ",f" << f;
    out << ",label\n";
    std::mt19937_64 rng(17);
    std::normal_distribution<double> g(0.0, 1.0);
    const char *labels[] = {"alpha", "beta", "gamma"};
    for (int c = 0; c < 3; ++c)
        for (int s = 0; s < perClass; ++s) {
            char name[64];
            std::snprintf(name, sizeof name, "%s.%05d.wav", labels[c], s);
            out << name << ",661794";
            for (int f = 0; f < 57; ++f)
                out << ',' << (3.0 + g(rng) + ((f / 3) == c ? 4.0 : 0.0));
            out << ',' << labels[c] << '\n';
        }
    return path;
}

TrainingRequest makeRequest(const fs::path &table, const QString &dir, int folds, int epochs = 4)
{
    TrainingRequest r;
    r.source = table;
    r.architecture = "mlp";
    r.config = QJsonObject{{"hidden1", 16}, {"hidden2", 8}, {"batch_norm", false}};
    r.options.epochs = epochs;
    r.options.batchSize = 4;
    r.options.learningRate = 0.01;
    r.options.seed = 5;
    r.options.earlyStopping = false;
    r.options.earlyStoppingPatience = 1; // what --patience 0 gives
    r.folds = folds;
    r.useCache = false;
    r.threads = 1;
    r.outputPath = fs::path(dir.toStdString()) / "model.gsm";
    return r;
}

QByteArray fileBytes(const fs::path &p)
{
    QFile f(QString::fromStdString(p.string()));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/** The raw weights of a bundle file (everything after the header and the manifest). */
QByteArray weightsOf(const QByteArray &bundle)
{
    if (bundle.size() < 64)
        return {};
    quint64 manifest = 0;
    std::memcpy(&manifest, bundle.constData() + 16, 8);
    return bundle.mid(qsizetype(64 + manifest));
}

/** The manifest without what legitimately differs between two runs: dates and per-epoch wall time. */
QJsonObject comparableManifest(const QByteArray &bundle)
{
    auto m = models::readBundleManifest(std::string_view(bundle.constData(), std::size_t(bundle.size())));
    if (!m.ok())
        return {};
    QJsonObject o = *m;
    QJsonObject prov = o.value("provenance").toObject();
    prov.remove("trainedAt");
    prov.remove("savedAt");
    o["provenance"] = prov;
    QJsonArray history;
    for (const auto &e : o.value("history").toArray()) {
        QJsonObject r = e.toObject();
        r.remove("seconds");
        history.append(r);
    }
    o["history"] = history;
    return o;
}

int checkpointEpoch(const fs::path &p)
{
    auto h = readCheckpointHeader(p);
    return h.ok() ? h->value("epoch").toInt() : -1;
}

} // namespace

class TestTrainingRun : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void scanOfAFeatureTableCountsRowsClassesAndColumns()
    {
        QTemporaryDir dir;
        const auto table = writeTable(dir.path(), 6);
        auto s = scanSource(table);
        QVERIFY2(s.ok(), s.ok() ? "" : s.error().toString().c_str());
        QCOMPARE(s->kind, SourceScan::Kind::FeatureTable);
        QCOMPARE(s->items, std::size_t(18));
        QCOMPARE(s->songs, std::size_t(18));
        QCOMPARE(s->columns, std::size_t(57)); // `length` is not a model input
        QCOMPARE(s->labels, (std::vector<std::string>{"alpha", "beta", "gamma"}));
        QCOMPARE(s->classCounts.at("beta"), std::size_t(6));
        QVERIFY(s->problems.empty());
    }

    void scanOfAFolderListsBrokenAndDuplicateFiles()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath("low"));
        QVERIFY(QDir(dir.path()).mkpath("high"));
        test::writeSineWav(dir.filePath("low/a.wav"), 0.3, 220);
        test::writeSineWav(dir.filePath("low/b.wav"), 0.3, 330);
        test::writeSineWav(dir.filePath("high/c.wav"), 0.3, 1760);
        QVERIFY(QFile::copy(dir.filePath("high/c.wav"), dir.filePath("high/c-copy.wav")));
        {
            QFile broken(dir.filePath("high/broken.wav"));
            QVERIFY(broken.open(QIODevice::WriteOnly));
            broken.write("RIFF this is not audio at all");
        }
        {
            QFile notes(dir.filePath("high/notes.txt"));
            QVERIFY(notes.open(QIODevice::WriteOnly));
            notes.write("liner notes");
        }
        auto s = scanSource(dir.path().toStdString(), base::threadedFor(2));
        QVERIFY2(s.ok(), s.ok() ? "" : s.error().toString().c_str());
        QCOMPARE(s->kind, SourceScan::Kind::GenreFolders);
        QCOMPARE(s->items, std::size_t(3));
        QCOMPARE(s->classCounts.at("low"), std::size_t(2));
        QCOMPARE(s->classCounts.at("high"), std::size_t(1));
        QCOMPARE(s->problems.size(), std::size_t(2));
        std::set<data::SkipReason> reasons;
        for (const auto &p : s->problems)
            reasons.insert(p.reason);
        QVERIFY(reasons.count(data::SkipReason::Unreadable));
        QVERIFY(reasons.count(data::SkipReason::Duplicate));
        QCOMPARE(s->ignored.size(), std::size_t(1)); // notes.txt
    }

    void kFoldRunReportsEveryFoldAndSavesTheCliBundle()
    {
        QTemporaryDir dir;
        const auto table = writeTable(dir.path());
        auto req = makeRequest(table, dir.path(), 3, 6);
        int prepared = 0, started = 0, epochs = 0, batches = 0, finishedCalls = 0;
        std::vector<int> finishedFolds;
        TrainingCallbacks cb;
        cb.dataPrepared = [&](const PreparedSummary &s) {
            ++prepared;
            QCOMPARE(s.songs, std::size_t(45));
            QCOMPARE(s.classCounts, (std::vector<std::size_t>{15, 15, 15}));
            QVERIFY(s.featureTable);
        };
        cb.foldStarted = [&](int fold, int folds, const std::vector<EpochRecord> &resumed) {
            QCOMPARE(fold, started++);
            QCOMPARE(folds, 3);
            QVERIFY(resumed.empty());
        };
        cb.progress = [&](int fold, const TrainProgress &p) {
            QCOMPARE(fold, started - 1);
            (p.kind == TrainProgress::Kind::Epoch ? epochs : batches)++;
        };
        cb.foldFinished = [&](const FoldOutcome &o) { finishedFolds.push_back(o.fold); };
        cb.finished = [&](const TrainingRunResult &) { ++finishedCalls; };
        TrainingStage stage = TrainingStage::Setup;
        auto r = runTraining(req, base::CancelToken::none(), cb, &stage);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
        QCOMPARE(stage, TrainingStage::Done);
        QCOMPARE(prepared, 1);
        QCOMPARE(started, 3);
        QCOMPARE(epochs, 3 * 6);
        QVERIFY(batches >= 3 * 6 * 3);
        QCOMPARE(finishedFolds, (std::vector<int>{0, 1, 2}));
        QCOMPARE(finishedCalls, 1);
        QCOMPARE(r->folds.size(), std::size_t(3));
        for (const auto &f : r->folds) {
            QVERIFY(f.test.has_value());
            QCOMPARE(int(f.history.size()), 6);
            QVERIFY(fs::exists(f.checkpointPath));
            QCOMPARE(f.checkpointPath, fs::path(req.outputPath.string() + ".fold" + std::to_string(f.fold) + ".ckpt"));
        }
        QVERIFY(r->summary.has_value());
        QVERIFY2(r->summary->songAccuracyMean > 0.6, std::to_string(r->summary->songAccuracyMean).c_str());

        auto bundle = models::loadBundle(r->bundlePath);
        QVERIFY2(bundle.ok(), bundle.ok() ? "" : bundle.error().toString().c_str());
        QCOMPARE(bundle->evaluation.value("kind").toString(), QString("kfold"));
        QCOMPARE(bundle->card.value("title").toString(), QString("mlp on features.csv"));
        QVERIFY(bundle->card.value("notes").toString().startsWith("Model of fold 0 of 3-fold cross-validation"));
        QCOMPARE(bundle->history.size(), qsizetype(6));

        // genrescope-cli train is a wrapper over runTraining: the same options give the same bundle.
        const QString cli = QStringLiteral(GS_CLI_PATH);
        if (!QFileInfo::exists(cli))
            QSKIP("genrescope-cli is not built");
        const QString cliOut = dir.filePath("cli.gsm");
        QProcess p;
        p.start(cli, {"train", "--data", QString::fromStdString(table.string()), "--model", "mlp", "--set",
                      "hidden1=16", "--set", "hidden2=8", "--set", "batch_norm=false", "--folds", "3", "--epochs", "6", "--batch", "4", "--lr",
                      "0.01", "--seed", "5", "--patience", "0", "--threads", "1", "--no-cache", "--jsonl", "--out",
                      cliOut});
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 0);
        const QList<QByteArray> lines = p.readAllStandardOutput().split('\n');
        int tests = 0;
        bool folds = false, saved = false;
        for (const QByteArray &line : lines) {
            const QJsonObject e = QJsonDocument::fromJson(line).object();
            tests += e.value("event") == "test";
            folds |= e.value("event") == "folds" && e.value("folds").toInt() == 3;
            saved |= e.value("event") == "saved" && e.value("path").toString() == cliOut;
        }
        QCOMPARE(tests, 3);
        QVERIFY(folds);
        QVERIFY(saved);
        const QByteArray ours = fileBytes(r->bundlePath), theirs = fileBytes(cliOut.toStdString());
        QVERIFY(!weightsOf(ours).isEmpty());
        QVERIFY2(weightsOf(ours) == weightsOf(theirs), "the CLI trained different weights");
        const QJsonObject a = comparableManifest(ours), b = comparableManifest(theirs);
        QVERIFY(!a.isEmpty());
        QCOMPARE(a.value("card"), b.value("card"));
        QCOMPARE(a.value("evaluation"), b.value("evaluation"));
        QCOMPARE(a.value("history"), b.value("history"));
        QCOMPARE(a.value("config"), b.value("config"));
        QCOMPARE(a.value("provenance"), b.value("provenance"));
        QCOMPARE(a, b);
    }

    void cliTrainRefusesOptionsThatAreNotNumbers()
    {
        const QString cli = QStringLiteral(GS_CLI_PATH);
        if (!QFileInfo::exists(cli))
            QSKIP("genrescope-cli is not built");
        QTemporaryDir dir;
        const QList<QStringList> bad = {{"--epochs", "ten"},       {"--lr", "fast"},         {"--gain-db", "3dB"},
                                        {"--time-shift", "x"},     {"--val-fraction", "nan"}, {"--test-fraction", ""},
                                        {"--label-smoothing", "a"}, {"--folds", "2.5"},       {"--patience", "-"},
                                        {"--plateau-patience", "p"}, {"--seed", "-1"},        {"--threads", "two"}};
        for (const QStringList &option : bad) {
            QProcess p;
            p.start(cli, QStringList{"train", "--data", dir.filePath("none.csv"), "--model", "mlp", "--out",
                                     dir.filePath("x.gsm")} + option);
            QVERIFY(p.waitForFinished(30000));
            const QString err = QString::fromUtf8(p.readAllStandardError());
            QVERIFY2(p.exitCode() == 2 && err.contains(option[0]), qPrintable(option.join(' ') + ": " + err));
        }
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());
    }

    void cancelKeepsTheCheckpointAndResumeEqualsAnUninterruptedRun()
    {
        QTemporaryDir dir;
        const auto table = writeTable(dir.path());
        auto req = makeRequest(table, dir.path(), 0, 6);

        base::CancelToken cancel;
        TrainingCallbacks cb;
        cb.progress = [&](int, const TrainProgress &p) {
            if (p.kind == TrainProgress::Kind::Epoch && p.epoch == 2)
                cancel.cancel();
        };
        TrainingStage stage = TrainingStage::Setup;
        auto r = runTraining(req, cancel, cb, &stage);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().isCancelled(), r.error().toString().c_str());
        QCOMPARE(stage, TrainingStage::Train);
        const fs::path ckpt = checkpointPathFor(req, 0, 1);
        QCOMPARE(ckpt, fs::path(req.outputPath.string() + ".ckpt"));
        QCOMPARE(checkpointEpoch(ckpt), 2);
        QVERIFY(!fs::exists(req.outputPath));

        // Resume: the fold starts from the checkpoint's two epochs and trains only the remaining four.
        req.resume = true;
        std::vector<EpochRecord> resumedHistory;
        std::vector<int> newEpochs;
        cb = {};
        cb.foldStarted = [&](int, int, const std::vector<EpochRecord> &h) { resumedHistory = h; };
        cb.progress = [&](int, const TrainProgress &p) {
            if (p.kind == TrainProgress::Kind::Epoch)
                newEpochs.push_back(p.epoch);
        };
        auto resumed = runTraining(req, base::CancelToken::none(), cb);
        QVERIFY2(resumed.ok(), resumed.ok() ? "" : resumed.error().toString().c_str());
        QCOMPARE(resumedHistory.size(), std::size_t(2));
        QCOMPARE(newEpochs, (std::vector<int>{3, 4, 5, 6}));
        QVERIFY(resumed->folds[0].resumed);
        QCOMPARE(resumed->folds[0].history.size(), std::size_t(6));
        QCOMPARE(checkpointEpoch(ckpt), 6);

        // The same request without interruption trains the same model.
        QTemporaryDir other;
        auto straight = makeRequest(table, other.path(), 0, 6);
        auto s = runTraining(straight);
        QVERIFY2(s.ok(), s.ok() ? "" : s.error().toString().c_str());
        QVERIFY(weightsOf(fileBytes(resumed->bundlePath)) == weightsOf(fileBytes(s->bundlePath)));
        QCOMPARE(resumed->folds[0].test->song.accuracy, s->folds[0].test->song.accuracy);
    }

    void aCancelledKFoldRunResumesFoldByFold()
    {
        QTemporaryDir dir;
        const auto table = writeTable(dir.path());
        auto req = makeRequest(table, dir.path(), 3, 3);
        base::CancelToken cancel;
        TrainingCallbacks cb;
        cb.progress = [&](int fold, const TrainProgress &p) {
            if (fold == 1 && p.kind == TrainProgress::Kind::Epoch && p.epoch == 1)
                cancel.cancel();
        };
        auto r = runTraining(req, cancel, cb);
        QVERIFY(!r.ok() && r.error().isCancelled());
        QCOMPARE(checkpointEpoch(checkpointPathFor(req, 0, 3)), 3);
        QCOMPARE(checkpointEpoch(checkpointPathFor(req, 1, 3)), 1);
        QVERIFY(!fs::exists(checkpointPathFor(req, 2, 3)));

        req.resume = true;
        std::map<int, int> epochsTrained;
        cb = {};
        cb.progress = [&](int fold, const TrainProgress &p) {
            if (p.kind == TrainProgress::Kind::Epoch)
                ++epochsTrained[fold];
        };
        auto resumed = runTraining(req, base::CancelToken::none(), cb);
        QVERIFY2(resumed.ok(), resumed.ok() ? "" : resumed.error().toString().c_str());
        QCOMPARE(epochsTrained[0], 0); // finished before: only evaluated again
        QCOMPARE(epochsTrained[1], 2);
        QCOMPARE(epochsTrained[2], 3);
        QVERIFY(resumed->folds[0].resumed && resumed->folds[1].resumed && !resumed->folds[2].resumed);

        QTemporaryDir other;
        auto s = runTraining(makeRequest(table, other.path(), 3, 3));
        QVERIFY(s.ok());
        QCOMPARE(resumed->summary->songAccuracyMean, s->summary->songAccuracyMean);
        QVERIFY(weightsOf(fileBytes(resumed->bundlePath)) == weightsOf(fileBytes(s->bundlePath)));
    }

    void resumeFromACheckpointUsesItsModelAndSplit()
    {
        QTemporaryDir dir;
        const auto table = writeTable(dir.path());
        auto req = makeRequest(table, dir.path(), 0, 3);
        req.options.stopAfterEpoch = 1;
        auto r = runTraining(req);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().isCancelled(), r.error().toString().c_str());
        const fs::path ckpt = checkpointPathFor(req, 0, 1);

        TrainingRequest again;
        again.source = table;
        again.architecture = "no-such-model"; // ignored: the checkpoint names the model
        again.resumeFrom = ckpt;
        again.options.epochs = 3;
        again.useCache = false;
        again.threads = 1;
        again.outputPath = fs::path(dir.path().toStdString()) / "again.gsm";
        auto resumed = runTraining(again);
        QVERIFY2(resumed.ok(), resumed.ok() ? "" : resumed.error().toString().c_str());
        QCOMPARE(resumed->architecture, std::string("mlp"));
        QCOMPARE(resumed->folds.size(), std::size_t(1));
        QCOMPARE(resumed->folds[0].history.size(), std::size_t(3));
        auto bundle = models::loadBundle(resumed->bundlePath);
        QVERIFY(bundle.ok());
        QCOMPARE(bundle->config.value("hidden1").toInt(), 16);
    }

    void badRequestsFailAtTheirStage()
    {
        QTemporaryDir dir;
        const auto table = writeTable(dir.path(), 4);
        TrainingStage stage = TrainingStage::Done;

        auto req = makeRequest(table, dir.path(), 0);
        req.architecture = "no-such-model";
        auto r = runTraining(req, base::CancelToken::none(), {}, &stage);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, base::ErrorCode::InvalidArgument);
        QCOMPARE(stage, TrainingStage::Setup);

        req = makeRequest(table, dir.path(), 0);
        req.config = QJsonObject{{"hidden1", "wide"}};
        r = runTraining(req, base::CancelToken::none(), {}, &stage);
        QVERIFY(!r.ok());
        QCOMPARE(stage, TrainingStage::Setup);

        req = makeRequest(table, dir.path(), 50); // more folds than songs
        r = runTraining(req, base::CancelToken::none(), {}, &stage);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, base::ErrorCode::InvalidArgument);
        QCOMPARE(stage, TrainingStage::Split);

        req = makeRequest(table, dir.path(), 0);
        req.source = fs::path(dir.path().toStdString()) / "missing";
        r = runTraining(req, base::CancelToken::none(), {}, &stage);
        QVERIFY(!r.ok());
        QCOMPARE(stage, TrainingStage::Data);

        req = makeRequest(table, dir.path(), 0);
        req.outputPath.clear();
        r = runTraining(req, base::CancelToken::none(), {}, &stage);
        QVERIFY(!r.ok());
        QCOMPARE(stage, TrainingStage::Setup);
    }
};

QTEST_GUILESS_MAIN(TestTrainingRun)
#include "tst_trainingrun.moc"
