// genrescope-cli train: train a registry model on a dataset (audio folder/manifest or feature table).
// The work is training::runTraining (the GUI's Train view calls the same function); this file maps
// the command line to a TrainingRequest and the run's callbacks to progress bars and JSON lines.
#include "clisupport.h"
#include "command.h"

#include "distributed/batchnormcheck.h"
#include "distributed/communicator.h"
#include "models/registry.h"
#include "training/trainingrun.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <thread>

using namespace genrescope;
namespace fs = std::filesystem;

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

void emitJson(const QJsonObject &o)
{
    std::fputs(QJsonDocument(o).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

std::string fmtTime(double s)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%d:%02d", int(s) / 60, int(s) % 60);
    return buf;
}

fs::path localPath(const QString &s)
{
    return QFile::encodeName(s).toStdString();
}

int run(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        "Train a model from the registry (genrescope-cli models) on a dataset: a folder per genre, a CSV "
        "manifest, or a feature table in the features_30_sec.csv format (detected by its header; trains "
        "table models such as \"mlp\"). Splits are by song. A checkpoint is written after every epoch "
        "(<out>.ckpt unless --checkpoint); --resume continues a killed run from it with the same result.\n"
        "With --folds K, K models are trained (fold i tests on fold i, validates on fold i+1) and the mean "
        "and standard deviation of their test accuracies are reported; the saved bundle is the model of "
        "fold 0 (trained on all but its test and validation folds), with every fold's result in its "
        "evaluation field and card.\n"
        "Data-parallel training over several processes or machines (libtorch c10d, Gloo): start the same command "
        "once per rank with --world-size N --rank R --rendezvous HOST:PORT (rank 0's address), or with torchrun's "
        "MASTER_ADDR, MASTER_PORT, WORLD_SIZE and RANK variables. N ranks with --batch B train like one process "
        "with batch B (batch norm excepted); rank 0 writes the checkpoint and the bundle and alone prints results.");
    p.addHelpOption();
    p.addOption({"data", "Dataset folder, manifest CSV or feature-table CSV.", "DIR|CSV"});
    p.addOption({"model", "Registry model name (e.g. seed004-simple-cnn, broadcast, mlp).", "NAME"});
    p.addOption({"set", "Model switch, repeatable (see genrescope-cli models).", "key=value"});
    p.addOption({"folds", "k-fold cross-validation by song (k >= 3).", "K"});
    p.addOption({"epochs", "Epochs (default 30).", "N", "30"});
    p.addOption({"batch", "Batch size (default 32).", "B", "32"});
    p.addOption({"lr", "Learning rate (default 0.001).", "X", "0.001"});
    p.addOption({"optimizer", "adam, adamw or sgd (Nesterov momentum 0.9).", "NAME", "adam"});
    p.addOption({"weight-decay", "Weight decay (default 0).", "X", "0"});
    p.addOption({"label-smoothing", "Label smoothing (default: the model's label_smoothing switch, else 0).", "X"});
    p.addOption({"patience", "Early-stopping patience in epochs (0 = no early stopping; default 8).", "N", "8"});
    p.addOption({"plateau-patience", "ReduceLROnPlateau patience (default 3; factor 0.5).", "N", "3"});
    p.addOption({"gain-db", "Augmentation: random gain up to +-X dB (dB recipes).", "X", "0"});
    p.addOption({"time-shift", "Augmentation: random circular time shift up to this fraction.", "F", "0"});
    p.addOption({"seed", "Seed of the split, the initialisation and the shuffling (default 0).", "S", "0"});
    p.addOption({"val-fraction", "Validation fraction (default 0.1).", "F", "0.1"});
    p.addOption({"test-fraction", "Test fraction (default 0.2).", "F", "0.2"});
    p.addOption({"cache", "Feature cache folder (default ~/.cache/genrescope/features).", "DIR"});
    p.addOption({"no-cache", "Do not use the feature cache."});
    p.addOption({"checkpoint", "Checkpoint file (default <out>.ckpt; folds: <out>.fold<i>.ckpt).", "FILE"});
    p.addOption({"resume", "Continue from this checkpoint (its split and options are used).", "CHECKPOINT"});
    p.addOption({"threads", "libtorch and feature threads (default: all cores).", "N", "0"});
    p.addOption({"jsonl", "Print progress and results as JSON lines on stdout."});
    p.addOption({"out", "Model bundle to write.", "FILE"});
    p.addOption({"world-size", "Data-parallel training: number of processes (default: $WORLD_SIZE, else 1).", "N"});
    p.addOption({"rank", "This process's rank, 0..N-1 (default: $RANK).", "R"});
    p.addOption({"rendezvous", "Rank 0's address and a free port (default: $MASTER_ADDR:$MASTER_PORT).", "HOST:PORT"});
    p.addOption({"dist-timeout", "Seconds a rank waits for the others (joining, every step) before it stops with an "
                                 "error (default 300).", "SECONDS", "300"});
    p.addOption({"dist-check", "Check after every step that all ranks hold identical weights (slower; for tests)."});
    if (const int exit = cli::parseCommandLine(p, "train", args); exit >= 0)
        return exit;
    if (!p.isSet("data") || !p.isSet("out") || (!p.isSet("model") && !p.isSet("resume"))) {
        cli::printError("train needs --data, --model (or --resume) and --out");
        return cli::kExitUsage;
    }
    const bool jsonl = p.isSet("jsonl");

    // Distributed: the command line wins over torchrun's environment variables.
    auto dist = distributed::DistributedOptions::fromEnvironment();
    if (!dist.ok()) {
        cli::printError(dist.error());
        return cli::kExitUsage;
    }
    double distTimeout = 300;
    if (!((!p.isSet("world-size") || cli::readNumber(p, "world-size", dist->worldSize)) &&
          (!p.isSet("rank") || cli::readNumber(p, "rank", dist->rank)) &&
          cli::readNumber(p, "dist-timeout", distTimeout)))
        return cli::kExitUsage;
    if (p.isSet("rendezvous")) {
        auto e = distributed::parseRendezvous(p.value("rendezvous").toStdString());
        if (!e.ok()) {
            cli::printError("--rendezvous: " + e.error().detail);
            return cli::kExitUsage;
        }
        dist->host = e->host;
        dist->port = e->port;
    }
    if (!(distTimeout > 0) || distTimeout > 86400.0 * 7) {
        cli::printError("--dist-timeout must be a positive number of seconds");
        return cli::kExitUsage;
    }
    dist->timeout = std::chrono::milliseconds(std::llround(distTimeout * 1000.0));
    if (dist->distributed() && !p.isSet("rendezvous") && !qEnvironmentVariableIsSet("MASTER_ADDR")) {
        cli::printError("--world-size > 1 needs --rendezvous HOST:PORT (or MASTER_ADDR and MASTER_PORT)");
        return cli::kExitUsage;
    }
    if (auto st = dist->validate(); !st.ok()) {
        cli::printError(st.error());
        return cli::kExitUsage;
    }
    // Only rank 0 reports progress and results; the others print nothing but errors.
    const bool quiet = dist->rank != 0;

    training::TrainingRequest req;
    req.source = localPath(p.value("data"));
    req.outputPath = localPath(p.value("out"));
    training::TrainerOptions &opts = req.options;
    int patience = 0;
    if (!(cli::readNumber(p, "threads", req.threads) && cli::readNumber(p, "epochs", opts.epochs) &&
          cli::readNumber(p, "batch", opts.batchSize) && cli::readNumber(p, "lr", opts.learningRate) &&
          cli::readNumber(p, "weight-decay", opts.weightDecay) && cli::readNumber(p, "seed", opts.seed) &&
          cli::readNumber(p, "patience", patience) && cli::readNumber(p, "plateau-patience", opts.plateauPatience) &&
          cli::readNumber(p, "gain-db", opts.gainDb) && cli::readNumber(p, "time-shift", opts.timeShiftFraction) &&
          cli::readNumber(p, "val-fraction", req.validationFraction) &&
          cli::readNumber(p, "test-fraction", req.testFraction) &&
          (!p.isSet("label-smoothing") || cli::readNumber(p, "label-smoothing", opts.labelSmoothing)) &&
          (!p.isSet("folds") || cli::readNumber(p, "folds", req.folds))))
        return cli::kExitUsage;
    if (req.threads == 0)
        req.threads = std::max(1u, std::thread::hardware_concurrency());
    opts.earlyStopping = patience > 0;
    opts.earlyStoppingPatience = std::max(patience, 1);
    auto optKind = training::optimizerFromId(p.value("optimizer").toStdString());
    if (!optKind) {
        cli::printError("--optimizer must be adam, adamw or sgd");
        return cli::kExitUsage;
    }
    opts.optimizer = *optKind;

    // Model and switches; when resuming, the checkpoint names the model the --set values must fit.
    std::string model = p.value("model").toStdString();
    QJsonObject config;
    if (p.isSet("resume")) {
        req.resumeFrom = localPath(p.value("resume"));
        auto h = training::readCheckpointHeader(req.resumeFrom);
        if (!h.ok()) {
            cli::printError(h.error());
            return cli::kExitFailure;
        }
        model = h->value("architecture").toString().toStdString();
        config = h->value("config").toObject();
    }
    const models::ModelSpec *spec = models::findModelSpec(model);
    if (!spec) {
        cli::printError("unknown model '" + model + "' (see genrescope-cli models)");
        return cli::kExitUsage;
    }
    for (const QString &kv : p.values("set")) {
        const int eq = kv.indexOf('=');
        const std::string key = kv.left(eq).toStdString();
        const auto sw = std::find_if(spec->switches.begin(), spec->switches.end(),
                                     [&](const models::SwitchSpec &s) { return s.key == key; });
        if (eq <= 0 || sw == spec->switches.end()) {
            cli::printError("--set " + kv.toStdString() + ": unknown switch of " + model);
            return cli::kExitUsage;
        }
        auto v = models::parseSwitchValue(*sw, kv.mid(eq + 1).toStdString());
        if (!v.ok()) {
            cli::printError(v.error());
            return cli::kExitUsage;
        }
        config[qs(key)] = *v;
    }
    auto normalized = models::normalizedConfig(model, config);
    if (!normalized.ok()) {
        cli::printError(normalized.error());
        return cli::kExitUsage;
    }
    req.architecture = model;
    req.config = *normalized;
    req.useCache = !p.isSet("no-cache");
    if (p.isSet("cache"))
        req.cacheDirectory = localPath(p.value("cache"));
    if (p.isSet("checkpoint"))
        req.checkpointPath = localPath(p.value("checkpoint"));

    if (dist->distributed()) {
        if (!quiet)
            if (auto bn = distributed::usesBatchNorm(model, req.config); bn.ok() && *bn)
                cli::printError("warning: " + model + " has batch normalisation, which each rank computes on its own "
                                "slice of a batch (no synchronised batch norm): " + std::to_string(dist->worldSize) +
                                " ranks train close to, not exactly like, one process with the same batch");
        auto comm = distributed::Communicator::connect(*dist);
        if (!comm.ok()) {
            cli::printError(comm.error());
            return cli::kExitFailure;
        }
        opts.collective = *comm;
        opts.verifyReplicas = p.isSet("dist-check");
        if (jsonl && !quiet)
            emitJson({{"event", "distributed"}, {"backend", "gloo"}, {"worldSize", dist->worldSize},
                      {"rank", dist->rank}, {"rendezvous", qs(dist->host + ":" + std::to_string(dist->port))}});
    }

    // Progress and results, as the run reports them.
    std::optional<cli::ProgressBar> bar{std::in_place, "features"};
    int foldCount = 1;
    training::TrainingCallbacks cb;
    cb.preparing = [&](double f) { bar->update(f); };
    cb.dataPrepared = [&](const training::PreparedSummary &d) {
        bar->finish();
        QJsonArray failed;
        for (const auto &f : d.failed) {
            failed.append(QJsonObject{{"path", qs(f.path)}, {"error", qs(f.error.toString())}});
            if (!jsonl)
                std::fprintf(stderr, "skipped %s: %s\n", f.path.c_str(), f.error.toString().c_str());
        }
        if (jsonl)
            emitJson({{"event", "data"},
                      {"songs", double(d.songs)},
                      {"failed", failed},
                      {"cacheHits", double(d.cacheHits)},
                      {"cacheMisses", double(d.cacheMisses)}});
        else
            std::fprintf(stderr, "%zu songs, %zu skipped, %zu classes\n", d.songs, d.failed.size(), d.labels.size());
    };
    cb.foldStarted = [&](int f, int folds, const std::vector<training::EpochRecord> &) {
        foldCount = folds;
        bar.emplace(folds > 1 ? "fold " + std::to_string(f + 1) + "/" + std::to_string(folds) : std::string("training"));
    };
    cb.progress = [&](int f, const training::TrainProgress &pr) {
        const double frac = (double(pr.epoch - 1) + double(pr.batch) / std::max(pr.batches, 1)) / pr.epochs;
        char suffix[160];
        std::snprintf(suffix, sizeof suffix, "epoch %d/%d loss %.4f acc %.3f lr %.2g eta %s", pr.epoch, pr.epochs,
                      pr.loss, pr.accuracy, pr.learningRate, fmtTime(pr.etaSeconds).c_str());
        bar->update(frac, suffix);
        if (pr.kind == training::TrainProgress::Kind::Epoch) {
            QJsonObject e = pr.record->toJson();
            e["event"] = "epoch";
            e["fold"] = f;
            e["elapsed"] = pr.elapsedSeconds;
            e["eta"] = pr.etaSeconds;
            if (dist->distributed())
                e["commSeconds"] = pr.communicationSeconds;
            if (jsonl)
                emitJson(e);
            else if (!cli::stderrIsTerminal())
                std::fprintf(stderr, "epoch %d/%d: %s\n", pr.epoch, pr.epochs, suffix);
        } else if (jsonl && (pr.batch == pr.batches || pr.batch % 10 == 0)) {
            emitJson({{"event", "batch"}, {"fold", f}, {"epoch", pr.epoch}, {"batch", pr.batch},
                      {"batches", pr.batches}, {"loss", pr.loss}, {"accuracy", pr.accuracy},
                      {"lr", pr.learningRate}, {"elapsed", pr.elapsedSeconds}, {"eta", pr.etaSeconds}});
        }
    };
    cb.foldFinished = [&](const training::FoldOutcome &o) {
        bar->finish();
        if (!o.test)
            return;
        const auto &t = *o.test;
        if (jsonl)
            emitJson({{"event", "test"}, {"fold", o.fold}, {"songAccuracy", t.song.accuracy},
                      {"segmentAccuracy", t.segment.accuracy}, {"macroF1", t.song.macroF1},
                      {"bestEpoch", o.bestEpoch}});
        else
            std::fprintf(stderr, "%stest: song accuracy %.4f, segment accuracy %.4f, macro-F1 %.4f (best epoch %d)\n",
                         foldCount > 1 ? ("fold " + std::to_string(o.fold) + " ").c_str() : "", t.song.accuracy,
                         t.segment.accuracy, t.song.macroF1, o.bestEpoch);
    };

    training::TrainingStage stage = training::TrainingStage::Setup;
    auto r = training::runTraining(req, base::CancelToken::none(), quiet ? training::TrainingCallbacks{} : cb, &stage);
    bar->finish();
    if (!r.ok()) {
        if (dist->distributed())
            cli::printError("rank " + std::to_string(dist->rank) + ": " + r.error().toString());
        else
            cli::printError(r.error());
        if (r.error().isCancelled())
            return cli::kExitCancelled;
        return stage == training::TrainingStage::Split ? cli::kExitUsage : cli::kExitFailure;
    }
    if (quiet)
        return cli::kExitOk;
    if (r->summary) {
        const auto &s = *r->summary;
        if (jsonl)
            emitJson({{"event", "folds"}, {"folds", int(r->folds.size())}, {"songAccuracyMean", s.songAccuracyMean},
                      {"songAccuracyStd", s.songAccuracyStd}, {"segmentAccuracyMean", s.segmentAccuracyMean},
                      {"segmentAccuracyStd", s.segmentAccuracyStd}, {"macroF1Mean", s.macroF1Mean}});
        else
            std::fprintf(stderr, "%zu folds: song accuracy %.4f +- %.4f, segment accuracy %.4f +- %.4f\n",
                         r->folds.size(), s.songAccuracyMean, s.songAccuracyStd, s.segmentAccuracyMean,
                         s.segmentAccuracyStd);
    }
    if (jsonl)
        emitJson({{"event", "saved"}, {"path", qs(r->bundlePath.string())}});
    else
        std::fprintf(stderr, "saved %s\n", r->bundlePath.string().c_str());
    return cli::kExitOk;
}

cli::CommandRegistration reg{{"train", "train a model on a dataset or feature table (splits by song, k-fold, resume)",
                              run}};

} // namespace
