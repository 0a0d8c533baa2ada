// genrescope-cli classify FILE|DIR... [--model FILE ...] [--aggregate RULE] [--segments] [--json|--csv] [-j N]:
// per-song (and per-segment) genres of audio files and folders, with the inference engine.
#include "clisupport.h"
#include "base/csv.h"
#include "command.h"

#include "base/parallel.h"
#include "data/dataset.h"
#include "inference/classify.h"
#include "inference/classifyfiles.h"
#include "inference/defaultmodel.h"
#include "models/loadedmodel.h"
#include "models/torchinfo.h"
#include "training/aggregation.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace genrescope;

namespace {

std::filesystem::path toPath(const QString &arg)
{
    return std::filesystem::path(QFile::encodeName(arg).toStdString());
}

std::string fixed(double v, int digits)
{
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

/** Files given directly are kept whatever their extension; folders are walked for audio extensions. */
base::Result<std::vector<std::filesystem::path>> collectFiles(const QStringList &args)
{
    std::vector<std::filesystem::path> out;
    for (const QString &arg : args) {
        const std::filesystem::path p = toPath(arg);
        std::error_code ec;
        if (!std::filesystem::is_directory(p, ec)) {
            out.push_back(p);
            continue;
        }
        std::vector<std::filesystem::path> found;
        for (auto it = std::filesystem::recursive_directory_iterator(
                 p, std::filesystem::directory_options::skip_permission_denied, ec);
             !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
            std::error_code fe;
            if (it->is_regular_file(fe) && data::isAudioExtension(it->path().extension().string()))
                found.push_back(it->path());
        }
        if (ec)
            return base::makeError(base::ErrorCode::Io, "cannot list " + p.string() + ": " + ec.message());
        std::sort(found.begin(), found.end());
        out.insert(out.end(), found.begin(), found.end());
    }
    return out;
}

QJsonArray floats(const std::vector<float> &v)
{
    QJsonArray a;
    for (float x : v)
        a.append(double(x));
    return a;
}

QJsonObject toJson(const std::filesystem::path &path, const base::Result<inference::ClassifyResult> &r,
                   training::AggregationRule rule, bool segments)
{
    QJsonObject o{{"file", QString::fromStdString(path.string())}};
    if (!r.ok()) {
        o["error"] = QString::fromStdString(std::string(base::errorCodeName(r.error().code)));
        o["detail"] = QString::fromStdString(r.error().detail);
        return o;
    }
    o["durationSeconds"] = r->durationSeconds;
    if (r->partial)
        o["warning"] = QString::fromStdString(r->warning);
    o["timingsMs"] = QJsonObject{{"decode", r->timings.decodeMs},
                                 {"features", r->timings.featuresMs},
                                 {"model", r->timings.modelMs},
                                 {"total", r->timings.totalMs}};
    QJsonArray ms;
    for (const inference::ModelResult &m : r->models) {
        QJsonArray labels;
        for (const std::string &l : m.labels)
            labels.append(QString::fromStdString(l));
        QJsonObject decisions;
        for (const inference::RuleDecision &d : m.decisions) {
            const int l = d.decision.label;
            decisions[QString::fromUtf8(training::aggregationRuleId(d.rule).data())] = QJsonObject{
                {"label", l >= 0 ? QJsonValue(QString::fromStdString(m.labels[std::size_t(l)])) : QJsonValue()},
                {"scores", floats(d.decision.scores)}};
        }
        QJsonObject mo{{"model", QString::fromStdString(m.name)},
                       {"labels", labels},
                       {"genre", QString::fromStdString(m.label(rule))},
                       {"aggregate", QString::fromUtf8(training::aggregationRuleId(rule).data())},
                       {"decisions", decisions}};
        if (segments) {
            QJsonArray segs;
            for (const inference::SegmentResult &s : m.segments)
                segs.append(QJsonObject{{"start", s.startSeconds},
                                        {"end", s.endSeconds},
                                        {"probabilities", floats(s.probabilities)}});
            mo["segments"] = segs;
        }
        ms.append(mo);
    }
    o["models"] = ms;
    return o;
}

int argmax(const std::vector<float> &v)
{
    return v.empty() ? -1 : int(std::max_element(v.begin(), v.end()) - v.begin());
}

int runClassify(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Classify the genre of audio files (any format FFmpeg reads) and of every audio file below the given "
        "folders, with one or more models (Genrescope bundles or TorchScript modules with their sidecar). Each "
        "song is cut into the model's segments; the song-level genre comes from the --aggregate rule. Exit "
        "status 1 if any file fails (the others are still classified).");
    parser.addHelpOption();
    parser.addOption({{"m", "model"}, "Model file (repeatable; default: the embedded default model).", "FILE"});
    parser.addOption({{"a", "aggregate"},
                      "Song-level rule: mean, vote, vote-threshold, geometric-mean or max (default mean).", "RULE",
                      "mean"});
    parser.addOption({"threshold", "Minimum votes for vote-threshold (default 0: any winner).", "T", "0"});
    parser.addOption({"segments", "Also print every segment's genre and time span."});
    parser.addOption({"json", "Write one JSON document (every rule's decision, probabilities, timings)."});
    parser.addOption({"csv", "Write CSV rows (file,model,genre,score,... or per segment with --segments)."});
    parser.addOption({{"j", "jobs"}, "Files classified in parallel (default: all cores).", "N", "0"});
    parser.addOption({"model-passes",
                      "Forward passes of one model run at once, for models that allow it (the broadcast network; "
                      "about 200 MB each). Default: as many as files are classified in parallel. 1: one pass at a "
                      "time with all threads.",
                      "N", "0"});
    parser.addPositionalArgument("paths", "Audio files or folders (searched recursively).", "FILE|DIR...");
    if (const int exit = cli::parseCommandLine(parser, "classify", args); exit >= 0)
        return exit;
    if (parser.isSet("json") && parser.isSet("csv")) {
        cli::printError("--json and --csv exclude each other");
        return cli::kExitUsage;
    }
    const auto rule = training::aggregationRuleFromId(parser.value("aggregate").toStdString());
    if (!rule) {
        cli::printError("unknown --aggregate rule \"" + parser.value("aggregate").toStdString() +
                        "\" (mean, vote, vote-threshold, geometric-mean, max)");
        return cli::kExitUsage;
    }
    bool okNum = false;
    const int threshold = parser.value("threshold").toInt(&okNum);
    const int jobs = parser.value("jobs").toInt(&okNum);
    if (!okNum || jobs < 0) {
        cli::printError("--jobs needs a number >= 0");
        return cli::kExitUsage;
    }
    const int passes = parser.value("model-passes").toInt(&okNum);
    if (!okNum || passes < 0) {
        cli::printError("--model-passes needs a number >= 0");
        return cli::kExitUsage;
    }
    if (parser.positionalArguments().isEmpty()) {
        cli::printError("no file or folder given (see --help)");
        return cli::kExitUsage;
    }

    std::vector<std::filesystem::path> modelPaths;
    for (const QString &m : parser.values("model"))
        modelPaths.push_back(toPath(m));
    if (modelPaths.empty()) {
        const auto def = inference::defaultModelPath();
        if (!def) {
            std::string where;
            for (const auto &c : inference::defaultModelCandidates())
                where += "\n  " + c.string();
            cli::printError("no default model is installed (looked in:" + where +
                            "\n); pass a model with --model FILE");
            return cli::kExitFailure;
        }
        modelPaths.push_back(*def);
    }
    std::vector<std::unique_ptr<models::LoadedModel>> owned;
    std::vector<models::LoadedModel *> modelList;
    for (const auto &p : modelPaths) {
        auto m = models::loadModel(p);
        if (!m) {
            cli::printError(p.string() + ": " + m.error().toString());
            return cli::kExitFailure;
        }
        modelList.push_back(m.value().get());
        owned.push_back(std::move(m.value()));
    }

    auto files = collectFiles(parser.positionalArguments());
    if (!files) {
        cli::printError(files.error());
        return cli::kExitFailure;
    }
    if (files->empty()) {
        cli::printError("no audio file found");
        return cli::kExitFailure;
    }

    const bool json = parser.isSet("json"), csv = parser.isSet("csv"), segments = parser.isSet("segments");
    inference::ClassifyOptions options;
    options.voteThreshold = threshold;
    // Files in parallel: the features scale with the workers, and a read-only model (the fused broadcast
    // network) runs one forward pass per worker (2 passes x 2 threads on 2 cores: 1.6x the passes per
    // second of 1 pass x 2 threads, docs/benchmarks/inference.md). Other models (the default MLP) keep one
    // pass at a time with all threads, as their forward pass is cheap.
    const unsigned workers =
        unsigned(std::min<std::size_t>(jobs > 0 ? std::size_t(jobs) : std::max(1u, std::thread::hardware_concurrency()),
                                       files->size()));
    inference::ForwardSharing sharing;
    sharing.concurrentForwards = passes > 0 ? passes : int(workers);

    std::mutex outMutex;
    QJsonArray jsonFiles;
    std::map<std::string, std::size_t> genreCounts; // of the first model under the chosen rule
    cli::ProgressBar bar("classify");
    if (csv)
        std::printf(segments ? "file,model,segment,start,end,genre,probability\n" : "file,model,genre,score\n");

    const auto t0 = std::chrono::steady_clock::now();
    auto summary = inference::classifyFiles(
        *files, modelList, options, base::threadedFor(workers),
        [&](double f) {
            std::lock_guard lock(outMutex);
            bar.update(f);
        },
        base::CancelToken::none(),
        [&](const inference::FileOutcome &o) {
            std::lock_guard lock(outMutex);
            const std::string file = o.path.string();
            if (!o.result.ok()) {
                cli::printError(file + ": " + o.result.error().toString());
                if (json)
                    jsonFiles.append(toJson(o.path, o.result, *rule, segments));
                return;
            }
            const inference::ClassifyResult &r = o.result.value();
            if (r.partial)
                cli::printError(file + ": damaged, classified what decoded (" + r.warning + ")");
            const std::string first = r.models.front().label(*rule);
            ++genreCounts[first.empty() ? std::string("(rejected)") : first];
            if (json) {
                jsonFiles.append(toJson(o.path, o.result, *rule, segments));
                return;
            }
            for (const inference::ModelResult &m : r.models) {
                const training::SongDecision &d = m.decision(*rule);
                const std::string genre = m.label(*rule);
                const double score = d.label >= 0 ? d.scores[std::size_t(d.label)] : 0.0;
                if (csv && !segments)
                    std::printf("%s,%s,%s,%s\n", base::csvField(file).c_str(), base::csvField(m.name).c_str(),
                                base::csvField(genre).c_str(), fixed(score, 4).c_str());
                else if (!csv)
                    std::printf("%s\t%s%s\t%s (%s)\n", file.c_str(), r.models.size() > 1 ? (m.name + "\t").c_str() : "",
                                training::aggregationRuleId(*rule).data(), genre.empty() ? "(rejected)" : genre.c_str(),
                                fixed(score, 3).c_str());
                if (!segments)
                    continue;
                for (const inference::SegmentResult &s : m.segments) {
                    const int best = argmax(s.probabilities);
                    const std::string g = best >= 0 ? m.labels[std::size_t(best)] : std::string();
                    const float p = best >= 0 ? s.probabilities[std::size_t(best)] : 0.0f;
                    if (csv)
                        std::printf("%s,%s,%d,%s,%s,%s,%s\n", base::csvField(file).c_str(), base::csvField(m.name).c_str(), s.item,
                                    fixed(s.startSeconds, 3).c_str(), fixed(s.endSeconds, 3).c_str(),
                                    base::csvField(g).c_str(), fixed(p, 4).c_str());
                    else
                        std::printf("    %8.2f-%8.2f s  %s (%s)\n", s.startSeconds, s.endSeconds, g.c_str(),
                                    fixed(p, 3).c_str());
                }
            }
            std::fflush(stdout);
        },
        sharing);
    bar.finish();
    if (!summary) {
        cli::printError(summary.error());
        return summary.error().isCancelled() ? cli::kExitCancelled : cli::kExitFailure;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (json) {
        QJsonObject doc{{"files", jsonFiles},
                        {"summary", QJsonObject{{"files", qint64(summary->files)},
                                                {"ok", qint64(summary->ok)},
                                                {"failed", qint64(summary->failed)},
                                                {"seconds", seconds}}}};
        std::fputs(QJsonDocument(doc).toJson(QJsonDocument::Indented).constData(), stdout);
    }
    // The summary goes to stderr so that --json and --csv output stays machine-readable.
    std::fprintf(stderr, "\nfiles   %zu\nok      %zu\nfailed  %zu\ntime    %.2f s (%.2f songs/s)\n", summary->files,
                 summary->ok, summary->failed, seconds, seconds > 0 ? double(summary->ok) / seconds : 0.0);
    if (!genreCounts.empty()) {
        std::fprintf(stderr, "genres (%s, %s):\n", modelList.front()->name().c_str(),
                     training::aggregationRuleId(*rule).data());
        for (const auto &[genre, count] : genreCounts)
            std::fprintf(stderr, "  %-14s %zu\n", genre.c_str(), count);
    }
    return summary->failed > 0 ? cli::kExitFailure : cli::kExitOk;
}

cli::CommandRegistration reg{{"classify", "genres of audio files and folders, per song and per segment",
                              [](const QStringList &args) -> int { return runClassify(args); }}};

} // namespace
