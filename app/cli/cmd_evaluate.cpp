// genrescope-cli evaluate: a trained bundle on a dataset, song- and segment-level metrics.
#include "clisupport.h"
#include "command.h"

#include "base/atomicfile.h"
#include "base/parallel.h"
#include "models/bundle.h"
#include "training/aggregation.h"
#include "training/trainer.h"

#include <ATen/Parallel.h>

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <thread>

using namespace genrescope;
namespace fs = std::filesystem;

namespace {

int run(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        "Evaluate a model bundle on a dataset (folder per genre, manifest, or a feature table for table "
        "models): segment- and song-level accuracy, per-class precision/recall/F1, macro-F1 and the confusion "
        "matrix. The dataset's genre names must be the bundle's labels.\n"
        "When the data is the dataset the bundle was trained on (every test song of its stored split is in "
        "it), only the split's TEST songs are evaluated (a k-fold bundle is fold 0's model: fold 0's test "
        "songs); --all evaluates every song, including the ones the model was trained on. On another dataset "
        "every song is evaluated.");
    p.addHelpOption();
    p.addOption({"model", "Model bundle (.gsm) written by genrescope-cli train.", "FILE"});
    p.addOption({"data", "Dataset folder, manifest CSV or feature-table CSV.", "DIR|CSV"});
    p.addOption({"aggregate", "Song-level rule: mean, vote, vote-threshold, geometric-mean, max.", "RULE", "mean"});
    p.addOption({"threshold", "Minimum votes for vote-threshold.", "T", "0"});
    p.addOption({"all", "Evaluate every song, also those of the bundle's training and validation side."});
    p.addOption({"json", "Write the full evaluation (with per-file predictions) as JSON.", "OUT"});
    p.addOption({"csv", "Write the per-file predictions as CSV (and OUT.confusion.csv).", "OUT"});
    p.addOption({"cache", "Feature cache folder.", "DIR"});
    p.addOption({"no-cache", "Do not use the feature cache."});
    p.addOption({"threads", "Threads (default: all cores).", "N", "0"});
    if (const int exit = cli::parseCommandLine(p, "evaluate", args); exit >= 0)
        return exit;
    if (!p.isSet("model") || !p.isSet("data")) {
        cli::printError("evaluate needs --model and --data");
        return cli::kExitUsage;
    }
    auto rule = training::aggregationRuleFromId(p.value("aggregate").toStdString());
    if (!rule) {
        cli::printError("unknown --aggregate rule");
        return cli::kExitUsage;
    }
    unsigned threads = p.value("threads").toUInt();
    if (threads == 0)
        threads = std::max(1u, std::thread::hardware_concurrency());
    at::set_num_threads(int(threads));

    auto bundle = models::loadBundle(QFile::encodeName(p.value("model")).toStdString());
    if (!bundle.ok()) {
        cli::printError(bundle.error());
        return cli::kExitFailure;
    }
    auto fc = models::featureConfigOf(*bundle);
    if (!fc.ok()) {
        cli::printError(fc.error());
        return cli::kExitFailure;
    }
    training::PrepareOptions prep;
    if (!bundle->auxFeatureConfig.isEmpty()) {
        auto aux = models::auxFeatureConfigOf(*bundle);
        if (!aux.ok()) {
            cli::printError(aux.error());
            return cli::kExitFailure;
        }
        prep.auxConfig = *aux;
    }
    if (!p.isSet("no-cache"))
        prep.cache = data::FeatureCache(p.isSet("cache") ? fs::path(QFile::encodeName(p.value("cache")).toStdString())
                                                         : data::FeatureCache::defaultDirectory());
    prep.parallelFor = base::threadedFor(threads);
    cli::ProgressBar bar("features");
    auto prepared = training::prepareSource(QFile::encodeName(p.value("data")).toStdString(), *fc, prep,
                                            base::CancelToken::none(), [&](double f) { bar.update(f); });
    bar.finish();
    if (!prepared.ok()) {
        cli::printError(prepared.error());
        return cli::kExitFailure;
    }
    for (const auto &f : prepared->failed)
        std::fprintf(stderr, "skipped %s: %s\n", f.path.c_str(), f.error.toString().c_str());
    const training::EvaluationSongs subset = training::evaluationSongs(bundle->provenance, *prepared, p.isSet("all"));
    if (subset.kind == training::EvaluationSongs::Kind::All && subset.seenInTraining > 0)
        std::fprintf(stderr, "WARNING: evaluating on %s\n", subset.description.c_str());
    else
        std::fprintf(stderr, "evaluating on %s%s\n", subset.description.c_str(),
                     subset.kind == training::EvaluationSongs::Kind::TestSplit ? "; --all for every song" : "");
    // Map the dataset's labels onto the bundle's output order.
    std::vector<std::size_t> songs;
    for (std::size_t i : subset.songs) {
        auto &s = prepared->songs[i];
        const std::string &name = prepared->labels[std::size_t(s.label)];
        const auto it = std::find(bundle->labels.begin(), bundle->labels.end(), name);
        if (it == bundle->labels.end()) {
            std::fprintf(stderr, "skipped %s: label '%s' is not one of the model's\n", s.path.c_str(), name.c_str());
            continue;
        }
        s.label = int(it - bundle->labels.begin());
        songs.push_back(i);
    }
    prepared->labels = bundle->labels;
    if (songs.empty()) {
        cli::printError("no song of the dataset has one of the model's labels");
        return cli::kExitFailure;
    }
    auto ev = training::evaluateModel(bundle->net, bundle->normalization, bundle->auxNormalization, *prepared, songs,
                                      *rule, p.value("threshold").toInt());
    if (!ev.ok()) {
        cli::printError(ev.error());
        return cli::kExitFailure;
    }
    const char *subsetId = subset.kind == training::EvaluationSongs::Kind::TestSplit ? "test" : "all";
    std::printf("songs %zu (%s)  song accuracy %.4f  segment accuracy %.4f  macro-F1 %.4f  rule %s\n", songs.size(),
                subsetId, ev->song.accuracy, ev->segment.accuracy, ev->song.macroF1,
                std::string(training::aggregationRuleId(*rule)).c_str());
    std::printf("%s", ev->confusionCsv(false).c_str());
    if (p.isSet("json")) {
        QJsonObject o = ev->toJson();
        o["songs"] = QString::fromLatin1(subsetId);
        o["songsDescription"] = QString::fromStdString(subset.description);
        o["seenInTraining"] = double(subset.seenInTraining);
        const QByteArray j = QJsonDocument(o).toJson();
        auto s = base::writeFileAtomically(QFile::encodeName(p.value("json")).toStdString(),
                                           std::string_view(j.constData(), std::size_t(j.size())));
        if (!s.ok()) {
            cli::printError(s.error());
            return cli::kExitFailure;
        }
    }
    if (p.isSet("csv")) {
        const std::string path = QFile::encodeName(p.value("csv")).toStdString();
        auto s = base::writeFileAtomically(path, ev->predictionsCsv());
        if (s.ok())
            s = base::writeFileAtomically(path + ".confusion.csv", ev->confusionCsv(false));
        if (!s.ok()) {
            cli::printError(s.error());
            return cli::kExitFailure;
        }
    }
    return cli::kExitOk;
}

cli::CommandRegistration reg{{"evaluate", "evaluate a model bundle on a dataset (accuracy, F1, confusion)", run}};

} // namespace
