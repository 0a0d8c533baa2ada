// genrescope-cli compare --model A --model B ... --data DIR|CSV [--aggregate RULE] [--json] [--csv-out DIR]:
// several models on one labelled dataset: accuracy, macro-F1, size and speed, McNemar's test per pair
// and the songs on which they disagree.
#include "clisupport.h"
#include "command.h"

#include "base/atomicfile.h"
#include "base/parallel.h"
#include "inference/comparison.h"
#include "models/loadedmodel.h"
#include "training/aggregation.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>

#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace genrescope;
namespace fs = std::filesystem;

namespace {

fs::path toPath(const QString &arg)
{
    return fs::path(QFile::encodeName(arg).toStdString());
}

std::string label(const inference::ComparisonResult &r, int i)
{
    return i >= 0 && std::size_t(i) < r.labels.size() ? r.labels[std::size_t(i)] : std::string("(rejected)");
}

void printTables(const inference::ComparisonResult &r)
{
    std::printf("%zu songs compared, song-level rule %s", r.songs,
                std::string(training::aggregationRuleId(r.rule)).c_str());
    if (r.rule == training::AggregationRule::VoteWithThreshold)
        std::printf(" (T = %d)", r.threshold);
    std::printf(", %zu files skipped\n\n", r.skipped.size());

    std::size_t w = 5;
    for (const auto &m : r.models)
        w = std::max(w, m.name.size());
    const int nw = int(w);
    std::printf("%-*s  %-11s  %5s  %8s  %8s  %8s  %10s  %9s  %9s\n", nw, "model", "kind", "songs", "seg.acc",
                "song.acc", "macro-F1", "parameters", "model ms", "total ms");
    for (const auto &m : r.models)
        std::printf("%-*s  %-11s  %5zu  %8.4f  %8.4f  %8.4f  %10lld  %9.2f  %9.2f\n", nw, m.name.c_str(),
                    m.kind.c_str(), r.songs, m.evaluation.segment.accuracy, m.evaluation.song.accuracy,
                    m.evaluation.song.macroF1, static_cast<long long>(m.parameters), m.modelMsPerSong,
                    m.totalMsPerSong);
    std::printf("(ms per song: the model stage, and decode + features + model; files ran in parallel)\n");
    for (const auto &m : r.models)
        if (m.seenInTraining > 0)
            std::printf("WARNING: %s was trained or validated on %zu of these %zu songs (matched by file name): its "
                        "figures are not test figures for them.\n",
                        m.name.c_str(), m.seenInTraining, r.songs);

    if (!r.pairs.empty()) {
        std::printf("\nMcNemar's test on song-level correctness (b: A right and B wrong, c: A wrong and B right)\n");
        std::printf("%-*s  %-*s  %5s  %5s  %9s  %9s  %-20s  %s\n", nw, "A", nw, "B", "b", "c", "statistic", "p",
                    "method", "p < 0.05");
        for (const auto &p : r.pairs)
            std::printf("%-*s  %-*s  %5lld  %5lld  %9.4f  %9.4g  %-20s  %s\n", nw,
                        r.models[std::size_t(p.first)].name.c_str(), nw, r.models[std::size_t(p.second)].name.c_str(),
                        static_cast<long long>(p.test.b), static_cast<long long>(p.test.c), p.test.statistic,
                        p.test.pValue, std::string(inference::mcNemarMethodId(p.test.method)).c_str(),
                        p.test.significant(0.05) ? "yes" : "no");
    }

    std::printf("\nSongs on which the models disagree: %zu\n", r.disagreements.size());
    for (const auto &d : r.disagreements) {
        std::printf("%s  true %s:", d.key.c_str(), label(r, d.trueLabel).c_str());
        for (std::size_t m = 0; m < d.predicted.size(); ++m)
            std::printf("  %s=%s (%.2f)", r.models[m].name.c_str(), label(r, d.predicted[m]).c_str(),
                        double(d.probability[m]));
        std::printf("\n");
    }
    for (const auto &s : r.skipped)
        std::fprintf(stderr, "skipped %s: %s %s\n", s.path.c_str(), s.reason.c_str(), s.detail.c_str());
}

base::Status writeCsvs(const inference::ComparisonResult &r, const fs::path &dir)
{
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        return base::makeError(base::ErrorCode::Io, dir.string() + ": " + ec.message());
    GS_TRY(base::writeFileAtomically(dir / "summary.csv", r.summaryCsv()));
    GS_TRY(base::writeFileAtomically(dir / "mcnemar.csv", r.mcnemarCsv()));
    GS_TRY(base::writeFileAtomically(dir / "disagreements.csv", r.disagreementsCsv()));
    GS_TRY(base::writeFileAtomically(dir / "skipped.csv", r.skippedCsv()));
    for (std::size_t m = 0; m < r.models.size(); ++m) {
        const std::string n = "model" + std::to_string(m + 1);
        GS_TRY(base::writeFileAtomically(dir / (n + "_confusion.csv"), r.models[m].evaluation.confusionCsv(false)));
        GS_TRY(base::writeFileAtomically(dir / (n + "_predictions.csv"), r.models[m].evaluation.predictionsCsv()));
    }
    return {};
}

int run(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        "Compare several models (Genrescope bundles or TorchScript modules with their sidecar) on one labelled "
        "dataset (folder per genre or CSV manifest): segment and song accuracy, macro-F1, parameter count and "
        "time per song for each model, McNemar's test on song-level correctness for each pair (exact binomial "
        "when b + c < 25, chi-square with continuity correction otherwise) and the songs on which the models "
        "disagree. Every dataset genre must be one of each model's labels. Files that fail to decode are "
        "skipped for every model and listed on stderr.");
    p.addHelpOption();
    p.addOption({{"m", "model"}, "Model file (give at least two).", "FILE"});
    p.addOption({"data", "Dataset folder (one sub-folder per genre) or CSV manifest.", "DIR|CSV"});
    p.addOption({{"a", "aggregate"}, "Song-level rule: mean, vote, vote-threshold, geometric-mean, max.", "RULE",
                 "mean"});
    p.addOption({"threshold", "Minimum votes for vote-threshold (default 0: any winner).", "T", "0"});
    p.addOption({"test-split-of", "Compare only on the test songs of the split stored in the N-th --model "
                                  "(1-based), so no model is judged on songs it was trained on.",
                 "N"});
    p.addOption({"json", "Print the whole comparison (with per-file predictions) as JSON on stdout."});
    p.addOption({"csv-out", "Write summary.csv, mcnemar.csv, disagreements.csv, skipped.csv and per model "
                            "model<i>_confusion.csv and model<i>_predictions.csv into this folder.",
                 "DIR"});
    p.addOption({{"j", "jobs"}, "Files classified in parallel (default: all cores).", "N", "0"});
    if (const int exit = cli::parseCommandLine(p, "compare", args); exit >= 0)
        return exit;
    const QStringList modelArgs = p.values("model");
    if (modelArgs.size() < 2 || !p.isSet("data")) {
        cli::printError("compare needs at least two --model and a --data");
        return cli::kExitUsage;
    }
    inference::ComparisonOptions options;
    const auto rule = training::aggregationRuleFromId(p.value("aggregate").toStdString());
    if (!rule) {
        cli::printError("unknown --aggregate rule \"" + p.value("aggregate").toStdString() +
                        "\" (mean, vote, vote-threshold, geometric-mean, max)");
        return cli::kExitUsage;
    }
    options.rule = *rule;
    bool ok = false;
    options.voteThreshold = p.value("threshold").toInt(&ok);
    if (!ok) {
        cli::printError("--threshold needs a number");
        return cli::kExitUsage;
    }
    const int jobs = p.value("jobs").toInt(&ok);
    if (!ok || jobs < 0) {
        cli::printError("--jobs needs a number >= 0");
        return cli::kExitUsage;
    }
    int splitOf = 0;
    if (p.isSet("test-split-of")) {
        splitOf = p.value("test-split-of").toInt(&ok);
        if (!ok || splitOf < 1 || splitOf > modelArgs.size()) {
            cli::printError("--test-split-of needs the position of one of the --model options (1 .. " +
                            std::to_string(modelArgs.size()) + ")");
            return cli::kExitUsage;
        }
    }

    std::vector<std::unique_ptr<models::LoadedModel>> owned;
    std::vector<models::LoadedModel *> list;
    for (const QString &m : modelArgs) {
        auto loaded = models::loadModel(toPath(m));
        if (!loaded) {
            cli::printError(toPath(m).string() + ": " + loaded.error().toString());
            return cli::kExitFailure;
        }
        list.push_back(loaded.value().get());
        owned.push_back(std::move(loaded.value()));
        options.modelNames.push_back(toPath(m).stem().string());
    }
    if (splitOf > 0) {
        auto keys = inference::storedTestKeys(*list[std::size_t(splitOf - 1)]);
        if (!keys) {
            cli::printError(keys.error());
            return cli::kExitFailure;
        }
        options.onlyKeys = std::move(keys.value());
    }

    cli::ProgressBar bar("compare");
    auto r = inference::runComparison(list, toPath(p.value("data")), options,
                                      base::threadedFor(unsigned(jobs)), [&](double f) { bar.update(f); });
    bar.finish();
    if (!r) {
        cli::printError(r.error());
        return r.error().isCancelled() ? cli::kExitCancelled : cli::kExitFailure;
    }
    if (p.isSet("json")) {
        const QByteArray j = QJsonDocument(r->toJson()).toJson(QJsonDocument::Indented);
        std::fwrite(j.constData(), 1, std::size_t(j.size()), stdout);
        for (const auto &s : r->skipped)
            std::fprintf(stderr, "skipped %s: %s %s\n", s.path.c_str(), s.reason.c_str(), s.detail.c_str());
    } else {
        printTables(*r);
    }
    if (p.isSet("csv-out")) {
        const base::Status s = writeCsvs(*r, toPath(p.value("csv-out")));
        if (!s) {
            cli::printError(s.error());
            return cli::kExitFailure;
        }
    }
    return cli::kExitOk;
}

cli::CommandRegistration reg{{"compare", "compare models on a labelled dataset (accuracy, F1, McNemar, disagreements)",
                              run}};

} // namespace
