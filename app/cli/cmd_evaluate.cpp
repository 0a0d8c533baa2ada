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

#include <cstdio>
#include <thread>

using namespace genrescope;
namespace fs = std::filesystem;

namespace {

int run(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        "Evaluate a model bundle on every readable song of a dataset (folder per genre, manifest, or a "
        "feature table for table models): segment- and song-level accuracy, per-class precision/recall/F1, "
        "macro-F1 and the confusion matrix. The dataset's genre names must be the bundle's labels.");
    p.addHelpOption();
    p.addOption({"model", "Model bundle (.gsm) written by genrescope-cli train.", "FILE"});
    p.addOption({"data", "Dataset folder, manifest CSV or feature-table CSV.", "DIR|CSV"});
    p.addOption({"aggregate", "Song-level rule: mean, vote, vote-threshold, geometric-mean, max.", "RULE", "mean"});
    p.addOption({"threshold", "Minimum votes for vote-threshold.", "T", "0"});
    p.addOption({"json", "Write the full evaluation (with per-file predictions) as JSON.", "OUT"});
    p.addOption({"csv", "Write the per-file predictions as CSV (and OUT.confusion.csv).", "OUT"});
    p.addOption({"cache", "Feature cache folder.", "DIR"});
    p.addOption({"no-cache", "Do not use the feature cache."});
    p.addOption({"threads", "Threads (default: all cores).", "N", "0"});
    if (!p.parse(QStringList{"genrescope-cli evaluate"} + args)) {
        cli::printError(p.errorText().toStdString());
        return cli::kExitUsage;
    }
    if (p.isSet("help")) {
        std::fputs(qPrintable(p.helpText()), stdout);
        return cli::kExitOk;
    }
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
    // Map the dataset's labels onto the bundle's output order.
    std::vector<std::size_t> songs;
    for (std::size_t i = 0; i < prepared->songs.size(); ++i) {
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
    auto ev = training::evaluateModel(bundle->net, bundle->normalization, *prepared, songs, *rule,
                                      p.value("threshold").toInt());
    if (!ev.ok()) {
        cli::printError(ev.error());
        return cli::kExitFailure;
    }
    std::printf("songs %zu  song accuracy %.4f  segment accuracy %.4f  macro-F1 %.4f  rule %s\n", songs.size(),
                ev->song.accuracy, ev->segment.accuracy, ev->song.macroF1,
                std::string(training::aggregationRuleId(*rule)).c_str());
    std::printf("%s", ev->confusionCsv(false).c_str());
    if (p.isSet("json")) {
        const QByteArray j = QJsonDocument(ev->toJson()).toJson();
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
