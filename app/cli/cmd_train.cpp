// genrescope-cli train: train a registry model on a dataset (audio folder/manifest or feature table).
#include "clisupport.h"
#include "command.h"

#include "base/parallel.h"
#include "data/split.h"
#include "features/recipes.h"
#include "models/bundle.h"
#include "models/registry.h"
#include "training/trainer.h"

#include <ATen/Parallel.h>

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
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
        "evaluation field and card.");
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
    if (!p.parse(QStringList{"genrescope-cli train"} + args)) {
        cli::printError(p.errorText().toStdString());
        return cli::kExitUsage;
    }
    if (p.isSet("help")) {
        std::fputs(qPrintable(p.helpText()), stdout);
        return cli::kExitOk;
    }
    if (!p.isSet("data") || !p.isSet("out") || (!p.isSet("model") && !p.isSet("resume"))) {
        cli::printError("train needs --data, --model (or --resume) and --out");
        return cli::kExitUsage;
    }
    const bool jsonl = p.isSet("jsonl");
    const fs::path out = QFile::encodeName(p.value("out")).toStdString();
    unsigned threads = p.value("threads").toUInt();
    if (threads == 0)
        threads = std::max(1u, std::thread::hardware_concurrency());
    at::set_num_threads(int(threads));

    training::TrainerOptions opts;
    bool ok1, ok2, ok3, ok4, ok5;
    opts.epochs = p.value("epochs").toInt(&ok1);
    opts.batchSize = p.value("batch").toInt(&ok2);
    opts.learningRate = p.value("lr").toDouble(&ok3);
    opts.weightDecay = p.value("weight-decay").toDouble(&ok4);
    opts.seed = p.value("seed").toULongLong(&ok5);
    if (!(ok1 && ok2 && ok3 && ok4 && ok5)) {
        cli::printError("bad number in --epochs, --batch, --lr, --weight-decay or --seed");
        return cli::kExitUsage;
    }
    auto optKind = training::optimizerFromId(p.value("optimizer").toStdString());
    if (!optKind) {
        cli::printError("--optimizer must be adam, adamw or sgd");
        return cli::kExitUsage;
    }
    opts.optimizer = *optKind;
    if (p.isSet("label-smoothing"))
        opts.labelSmoothing = p.value("label-smoothing").toDouble();
    const int patience = p.value("patience").toInt();
    opts.earlyStopping = patience > 0;
    opts.earlyStoppingPatience = std::max(patience, 1);
    opts.plateauPatience = p.value("plateau-patience").toInt();
    opts.gainDb = p.value("gain-db").toDouble();
    opts.timeShiftFraction = p.value("time-shift").toDouble();

    // Model and config: from the command line, or from the checkpoint when resuming.
    std::string model = p.value("model").toStdString();
    QJsonObject config;
    std::optional<data::DataSplit> resumeSplit;
    if (p.isSet("resume")) {
        opts.checkpointPath = QFile::encodeName(p.value("resume")).toStdString();
        opts.resume = true;
        auto h = training::readCheckpointHeader(opts.checkpointPath);
        if (!h.ok()) {
            cli::printError(h.error());
            return cli::kExitFailure;
        }
        model = h->value("architecture").toString().toStdString();
        config = h->value("config").toObject();
        auto s = data::DataSplit::fromJson(h->value("split").toObject());
        if (!s.ok()) {
            cli::printError(s.error());
            return cli::kExitFailure;
        }
        resumeSplit = *s;
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

    QJsonObject featureJson;
    features::FeatureConfig fc;
    {
        auto r = features::recipe(spec->recipe);
        if (!r.ok()) {
            cli::printError(r.error());
            return cli::kExitFailure;
        }
        fc = *r;
        featureJson = fc.toJson();
    }

    // Features.
    const fs::path source = QFile::encodeName(p.value("data")).toStdString();
    training::PrepareOptions prep;
    if (!p.isSet("no-cache"))
        prep.cache = data::FeatureCache(p.isSet("cache") ? fs::path(QFile::encodeName(p.value("cache")).toStdString())
                                                         : data::FeatureCache::defaultDirectory());
    prep.parallelFor = base::threadedFor(threads);
    std::shared_ptr<training::PreparedData> prepared;
    {
        cli::ProgressBar bar("features");
        auto r = training::prepareSource(source, fc, prep, base::CancelToken::none(),
                                         [&](double f) { bar.update(f); });
        bar.finish();
        if (!r.ok()) {
            cli::printError(r.error());
            return cli::kExitFailure;
        }
        prepared = std::make_shared<training::PreparedData>(std::move(*r));
    }
    QJsonArray failed;
    for (const auto &f : prepared->failed) {
        failed.append(QJsonObject{{"path", qs(f.path)}, {"error", qs(f.error.toString())}});
        if (!jsonl)
            std::fprintf(stderr, "skipped %s: %s\n", f.path.c_str(), f.error.toString().c_str());
    }
    if (jsonl)
        emitJson({{"event", "data"},
                  {"songs", double(prepared->songs.size())},
                  {"failed", failed},
                  {"cacheHits", double(prepared->cacheHits)},
                  {"cacheMisses", double(prepared->cacheMisses)}});
    else
        std::fprintf(stderr, "%zu songs, %zu skipped, %zu classes\n", prepared->songs.size(),
                     prepared->failed.size(), prepared->labels.size());

    // Splits.
    const auto entries = training::splitEntries(*prepared);
    std::vector<data::DataSplit> splits;
    const int folds = p.isSet("folds") ? p.value("folds").toInt() : 0;
    if (resumeSplit) {
        splits.push_back(*resumeSplit);
    } else if (folds > 0) {
        auto s = data::kFoldSplits(entries, folds, opts.seed);
        if (!s.ok()) {
            cli::printError(s.error());
            return cli::kExitUsage;
        }
        splits = *s;
    } else {
        const double v = p.value("val-fraction").toDouble(), t = p.value("test-fraction").toDouble();
        auto s = data::stratifiedSplit(entries, 1.0 - v - t, v, t, opts.seed);
        if (!s.ok()) {
            cli::printError(s.error());
            return cli::kExitUsage;
        }
        splits.push_back(*s);
    }

    QJsonObject datasetInfo{{"path", qs(fs::absolute(source).string())},
                            {"kind", training::looksLikeFeatureTable(source) ? "feature-table" : "audio"},
                            {"songs", double(prepared->songs.size())},
                            {"failed", failed}};

    std::optional<training::TrainOutcome> first;
    std::vector<training::EvaluationResult> foldResults;
    for (std::size_t f = 0; f < splits.size(); ++f) {
        training::TrainingJob job;
        job.architecture = model;
        job.config = *normalized;
        job.featureConfig = featureJson;
        job.data = prepared;
        job.split = splits[f];
        job.datasetInfo = datasetInfo;
        training::TrainerOptions o = opts;
        if (!opts.resume) {
            if (p.isSet("checkpoint"))
                o.checkpointPath = QFile::encodeName(p.value("checkpoint")).toStdString() +
                                   (splits.size() > 1 ? ".fold" + std::to_string(f) : std::string());
            else
                o.checkpointPath = out.string() + (splits.size() > 1 ? ".fold" + std::to_string(f) : "") + ".ckpt";
        }
        cli::ProgressBar bar(splits.size() > 1 ? "fold " + std::to_string(f + 1) + "/" + std::to_string(splits.size())
                                               : std::string("training"));
        auto r = training::train(job, o, base::CancelToken::none(), [&](const training::TrainProgress &pr) {
            const double frac = (double(pr.epoch - 1) + double(pr.batch) / std::max(pr.batches, 1)) / pr.epochs;
            char suffix[160];
            std::snprintf(suffix, sizeof suffix, "epoch %d/%d loss %.4f acc %.3f lr %.2g eta %s", pr.epoch, pr.epochs,
                          pr.loss, pr.accuracy, pr.learningRate, fmtTime(pr.etaSeconds).c_str());
            bar.update(frac, suffix);
            if (pr.kind == training::TrainProgress::Kind::Epoch) {
                QJsonObject e = pr.record->toJson();
                e["event"] = "epoch";
                e["fold"] = int(f);
                e["elapsed"] = pr.elapsedSeconds;
                e["eta"] = pr.etaSeconds;
                if (jsonl)
                    emitJson(e);
                else if (!cli::stderrIsTerminal())
                    std::fprintf(stderr, "epoch %d/%d: %s\n", pr.epoch, pr.epochs, suffix);
            } else if (jsonl && (pr.batch == pr.batches || pr.batch % 10 == 0)) {
                emitJson({{"event", "batch"}, {"fold", int(f)}, {"epoch", pr.epoch}, {"batch", pr.batch},
                          {"batches", pr.batches}, {"loss", pr.loss}, {"accuracy", pr.accuracy},
                          {"lr", pr.learningRate}, {"elapsed", pr.elapsedSeconds}, {"eta", pr.etaSeconds}});
            }
        });
        bar.finish();
        if (!r.ok()) {
            cli::printError(r.error());
            return r.error().isCancelled() ? cli::kExitCancelled : cli::kExitFailure;
        }
        if (r->test) {
            const auto &t = *r->test;
            if (jsonl)
                emitJson({{"event", "test"}, {"fold", int(f)}, {"songAccuracy", t.song.accuracy},
                          {"segmentAccuracy", t.segment.accuracy}, {"macroF1", t.song.macroF1},
                          {"bestEpoch", r->bestEpoch}});
            else
                std::fprintf(stderr, "%stest: song accuracy %.4f, segment accuracy %.4f, macro-F1 %.4f (best epoch %d)\n",
                             splits.size() > 1 ? ("fold " + std::to_string(f) + " ").c_str() : "", t.song.accuracy,
                             t.segment.accuracy, t.song.macroF1, r->bestEpoch);
            foldResults.push_back(t);
        }
        if (!first)
            first = std::move(*r);
    }

    models::ModelBundle bundle = std::move(first->bundle);
    if (splits.size() > 1) {
        const auto summary = training::summariseFolds(foldResults);
        bundle.evaluation = summary.toJson();
        bundle.evaluation["kind"] = "kfold";
        bundle.card["notes"] = QString::asprintf(
            "Model of fold 0 of %zu-fold cross-validation by song (trained on the folds that are neither its test "
            "nor its validation fold). Song-level test accuracy over the folds: %.4f +- %.4f; segment level %.4f +- %.4f.",
            splits.size(), summary.songAccuracyMean, summary.songAccuracyStd, summary.segmentAccuracyMean,
            summary.segmentAccuracyStd);
        if (jsonl)
            emitJson({{"event", "folds"}, {"folds", int(splits.size())}, {"songAccuracyMean", summary.songAccuracyMean},
                      {"songAccuracyStd", summary.songAccuracyStd},
                      {"segmentAccuracyMean", summary.segmentAccuracyMean},
                      {"segmentAccuracyStd", summary.segmentAccuracyStd}, {"macroF1Mean", summary.macroF1Mean}});
        else
            std::fprintf(stderr, "%zu folds: song accuracy %.4f +- %.4f, segment accuracy %.4f +- %.4f\n",
                         splits.size(), summary.songAccuracyMean, summary.songAccuracyStd,
                         summary.segmentAccuracyMean, summary.segmentAccuracyStd);
    } else {
        bundle.card["notes"] = "Trained on the train side of a stratified split by song; evaluation is on its test side.";
    }
    bundle.card["title"] = qs(model + " on " + source.filename().string());
    auto saved = models::saveBundle(bundle, out);
    if (!saved.ok()) {
        cli::printError(saved.error());
        return cli::kExitFailure;
    }
    if (jsonl)
        emitJson({{"event", "saved"}, {"path", qs(out.string())}});
    else
        std::fprintf(stderr, "saved %s\n", out.string().c_str());
    return cli::kExitOk;
}

cli::CommandRegistration reg{{"train", "train a model on a dataset or feature table (splits by song, k-fold, resume)",
                              run}};

} // namespace
