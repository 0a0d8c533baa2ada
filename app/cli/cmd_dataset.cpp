// genrescope-cli dataset scan|split|cache: what a dataset holds, how it splits by song, the feature cache.
#include "clisupport.h"
#include "command.h"

#include "base/atomicfile.h"
#include "base/parallel.h"
#include "data/dataset.h"
#include "data/featurecache.h"
#include "data/featuretable.h"
#include "data/split.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <thread>

using namespace genrescope;
namespace fs = std::filesystem;

namespace {

fs::path toPath(const QString &arg)
{
    return fs::path(QFile::encodeName(arg).toStdString());
}

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

/** Parse a sub-command's options; returns an exit code to stop with, or -1 to go on. */
int parseOrExit(QCommandLineParser &parser, const QString &name, const QStringList &args)
{
    parser.addHelpOption();
    return cli::parseCommandLine(parser, "dataset " + name, args);
}

/** A feature table (features_30_sec.csv format) rather than a manifest: header "filename,...,label". */
bool looksLikeFeatureTable(const fs::path &p)
{
    std::error_code ec;
    if (fs::is_directory(p, ec))
        return false;
    std::ifstream in(p, std::ios::binary);
    std::string first;
    std::getline(in, first);
    if (!first.empty() && first.back() == '\r')
        first.pop_back();
    if (first.rfind("\xEF\xBB\xBF", 0) == 0)
        first.erase(0, 3);
    return first.rfind("filename,", 0) == 0 && first.size() > 6 && first.substr(first.size() - 6) == ",label";
}

struct ScanSettings
{
    double minSeconds = 0;
    bool contentDuplicates = false;
    unsigned threads = 0;
};

void addScanOptions(QCommandLineParser &parser)
{
    parser.addOption({"min-seconds", "Leave out files shorter than S seconds (default 0: keep all).", "S", "0"});
    parser.addOption({"content-duplicates",
                      "Also find duplicates by decoded audio (a full decode per file), e.g. one clip as .au "
                      "and .flac. Without it, duplicates are files with identical bytes."});
    parser.addOption({"threads", "Probe with N threads (default: all cores).", "N", "0"});
}

base::Result<ScanSettings> scanSettings(const QCommandLineParser &parser)
{
    ScanSettings s;
    bool ok = false;
    s.minSeconds = parser.value("min-seconds").toDouble(&ok);
    if (!ok || s.minSeconds < 0)
        return base::makeError(base::ErrorCode::InvalidArgument, "--min-seconds needs a number >= 0");
    s.threads = parser.value("threads").toUInt(&ok);
    if (!ok)
        return base::makeError(base::ErrorCode::InvalidArgument, "--threads needs a number >= 0");
    s.contentDuplicates = parser.isSet("content-duplicates");
    return s;
}

base::Result<data::Dataset> scan(const fs::path &source, const ScanSettings &settings)
{
    data::ScanOptions options;
    options.minDurationSeconds = settings.minSeconds;
    options.parallelFor = base::threadedFor(settings.threads);
    if (settings.contentDuplicates) {
        options.contentHash = data::decodedAudioHash();
        if (!options.contentHash)
            return base::makeError(base::ErrorCode::Unavailable, "this build cannot decode audio");
    }
    cli::ProgressBar bar("scanning");
    auto result = data::scanDataset(source, options, base::CancelToken::none(), [&](double f) { bar.update(f); });
    bar.finish();
    return result;
}

QJsonObject skippedJson(const data::SkippedFile &s)
{
    QJsonObject o;
    o["path"] = qs(s.path.string());
    o["reason"] = qs(data::skipReasonName(s.reason));
    if (!s.detail.empty())
        o["detail"] = qs(s.detail);
    return o;
}

QJsonObject datasetJson(const data::Dataset &d)
{
    QJsonObject o;
    o["root"] = qs(d.root.string());
    QJsonArray labels;
    for (const auto &l : d.labels)
        labels.append(qs(l));
    o["labels"] = labels;
    QJsonObject counts;
    for (const auto &[label, n] : d.report.classCounts)
        counts[qs(label)] = qint64(n);
    o["classCounts"] = counts;
    o["candidates"] = qint64(d.report.candidates);
    QJsonArray items;
    for (const auto &item : d.items) {
        QJsonObject i;
        i["key"] = qs(item.key);
        i["path"] = qs(item.path.string());
        i["label"] = qs(item.label);
        i["group"] = qs(item.group);
        i["durationSeconds"] = item.durationSeconds;
        if (item.fixedSplit)
            i["split"] = qs(data::splitName(*item.fixedSplit));
        items.append(i);
    }
    o["items"] = items;
    QJsonArray problems, ignored;
    for (const auto &s : d.report.problems)
        problems.append(skippedJson(s));
    for (const auto &s : d.report.ignored)
        ignored.append(skippedJson(s));
    o["problems"] = problems;
    o["ignored"] = ignored;
    return o;
}

void printDatasetTable(const data::Dataset &d)
{
    std::printf("dataset: %s\n", d.root.string().c_str());
    std::printf("%zu classes, %zu files kept of %zu audio files\n\n", d.labels.size(), d.items.size(),
                d.report.candidates);
    std::printf("  %-24s %7s\n", "class", "files");
    for (const auto &[label, n] : d.report.classCounts)
        std::printf("  %-24s %7zu\n", label.c_str(), n);
    if (!d.report.problems.empty()) {
        std::printf("\nleft out (%zu):\n", d.report.problems.size());
        for (const auto &s : d.report.problems)
            std::printf("  %-11s %s%s%s\n", std::string(data::skipReasonName(s.reason)).c_str(), s.path.string().c_str(),
                        s.detail.empty() ? "" : "  -- ", s.detail.c_str());
    }
    if (!d.report.ignored.empty()) {
        std::printf("\nignored, not audio (%zu):\n", d.report.ignored.size());
        for (const auto &s : d.report.ignored)
            std::printf("  %-19s %s\n", std::string(data::skipReasonName(s.reason)).c_str(), s.path.string().c_str());
    }
}

int runScan(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Scan a dataset: a folder per genre (<root>/<genre>/...) or a CSV manifest (path,label[,split][,group|artist]). "
        "Prints class counts and the files left out (unreadable, duplicate, too short) or ignored (not audio, "
        "hidden). Exit status 1 when any audio file was left out.");
    addScanOptions(parser);
    parser.addOption({"json", "Print JSON (labels, class counts, items, problems, ignored files)."});
    parser.addPositionalArgument("source", "Dataset folder or CSV manifest.", "DIR|CSV");
    if (const int code = parseOrExit(parser, "scan", args); code >= 0)
        return code;
    if (parser.positionalArguments().size() != 1) {
        cli::printError("dataset scan: give one dataset folder or manifest (see --help)");
        return cli::kExitUsage;
    }
    auto settings = scanSettings(parser);
    if (!settings.ok()) {
        cli::printError(settings.error().detail);
        return cli::kExitUsage;
    }
    auto dataset = scan(toPath(parser.positionalArguments().first()), settings.value());
    if (!dataset.ok()) {
        cli::printError(dataset.error());
        return dataset.error().isCancelled() ? cli::kExitCancelled : cli::kExitFailure;
    }
    if (parser.isSet("json"))
        std::fputs(QJsonDocument(datasetJson(dataset.value())).toJson(QJsonDocument::Indented).constData(), stdout);
    else
        printDatasetTable(dataset.value());
    return dataset.value().report.problems.empty() ? cli::kExitOk : cli::kExitFailure;
}

void printSplitTable(const data::DataSplit &s, const std::vector<data::SplitEntry> &entries)
{
    std::map<std::string, std::map<data::Split, int>> counts;
    std::map<data::Split, std::set<std::string>> groups;
    for (const auto &e : entries) {
        if (const auto side = s.sideOf(e.key)) {
            ++counts[e.label][*side];
            groups[*side].insert(e.group.empty() ? e.key : e.group);
        }
    }
    if (s.method == data::SplitMethod::KFold)
        std::printf("fold %d of %d (seed %llu): test = fold %d, validation = fold %d\n", s.fold + 1, s.folds,
                    static_cast<unsigned long long>(s.seed), s.fold + 1, (s.fold + 1) % s.folds + 1);
    else
        std::printf("%s split (seed %llu)\n", std::string(data::splitMethodName(s.method)).c_str(),
                    static_cast<unsigned long long>(s.seed));
    std::printf("  %-24s %7s %11s %7s\n", "class", "train", "validation", "test");
    for (const auto &[label, c] : counts) {
        auto at = [&](data::Split side) { return c.count(side) ? c.at(side) : 0; };
        std::printf("  %-24s %7d %11d %7d\n", label.c_str(), at(data::Split::Train), at(data::Split::Validation),
                    at(data::Split::Test));
    }
    std::printf("  %-24s %7zu %11zu %7zu\n", "all items", s.train.size(), s.validation.size(), s.test.size());
    std::printf("  %-24s %7zu %11zu %7zu\n\n", "songs/groups", groups[data::Split::Train].size(),
                groups[data::Split::Validation].size(), groups[data::Split::Test].size());
}

int runSplit(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Split a dataset by song (or by the manifest's group/artist column): stratified train/validation/test, "
        "k-fold with a separate validation fold (fold i: test = i, validation = i+1), or the manifest's own split "
        "column. The source may also be a feature table (features_30_sec.csv format), grouped by song from the "
        "file name. Seeded: the same seed gives the same split.");
    addScanOptions(parser);
    parser.addOption({"folds", "k-fold cross-validation with K >= 3 folds.", "K"});
    parser.addOption({"fractions", "Train,validation,test fractions (default 0.8,0.1,0.1).", "T,V,E", "0.8,0.1,0.1"});
    parser.addOption({"fixed", "Use the manifest's split column."});
    parser.addOption({"seed", "Random seed (default 0).", "S", "0"});
    parser.addOption({"json", "Print the split(s) as JSON (what a model bundle stores)."});
    parser.addOption({"out", "Also write the JSON to FILE (atomically).", "FILE"});
    parser.addPositionalArgument("source", "Dataset folder, CSV manifest or feature table.", "DIR|CSV");
    if (const int code = parseOrExit(parser, "split", args); code >= 0)
        return code;
    if (parser.positionalArguments().size() != 1) {
        cli::printError("dataset split: give one dataset folder, manifest or feature table (see --help)");
        return cli::kExitUsage;
    }
    bool ok = false;
    const std::uint64_t seed = parser.value("seed").toULongLong(&ok);
    if (!ok) {
        cli::printError("--seed needs a non-negative integer");
        return cli::kExitUsage;
    }
    int folds = 0;
    if (parser.isSet("folds")) {
        folds = parser.value("folds").toInt(&ok);
        if (!ok || folds < 3) {
            cli::printError("--folds needs an integer >= 3");
            return cli::kExitUsage;
        }
    }
    const QStringList fr = parser.value("fractions").split(',');
    double fractions[3] = {0, 0, 0};
    if (fr.size() != 3) {
        cli::printError("--fractions needs three numbers: train,validation,test");
        return cli::kExitUsage;
    }
    for (int i = 0; i < 3; ++i) {
        fractions[i] = fr[i].toDouble(&ok);
        if (!ok) {
            cli::printError("--fractions needs three numbers: train,validation,test");
            return cli::kExitUsage;
        }
    }
    if (parser.isSet("fixed") && folds > 0) {
        cli::printError("--fixed and --folds exclude each other");
        return cli::kExitUsage;
    }
    auto settings = scanSettings(parser);
    if (!settings.ok()) {
        cli::printError(settings.error().detail);
        return cli::kExitUsage;
    }

    const fs::path source = toPath(parser.positionalArguments().first());
    std::vector<data::SplitEntry> entries;
    if (looksLikeFeatureTable(source)) {
        auto table = data::loadFeatureTable(source);
        if (!table.ok()) {
            cli::printError(table.error());
            return cli::kExitFailure;
        }
        entries = data::splitEntries(table.value());
    } else {
        auto dataset = scan(source, settings.value());
        if (!dataset.ok()) {
            cli::printError(dataset.error());
            return dataset.error().isCancelled() ? cli::kExitCancelled : cli::kExitFailure;
        }
        for (const auto &p : dataset.value().report.problems)
            cli::printError("left out (" + std::string(data::skipReasonName(p.reason)) + "): " + p.path.string());
        entries = data::splitEntries(dataset.value());
    }

    std::vector<data::DataSplit> splits;
    if (folds > 0) {
        auto r = data::kFoldSplits(entries, folds, seed);
        if (!r.ok()) {
            cli::printError(r.error());
            return cli::kExitFailure;
        }
        splits = std::move(r).value();
    } else {
        auto r = parser.isSet("fixed") ? data::fixedSplit(entries)
                                        : data::stratifiedSplit(entries, fractions[0], fractions[1], fractions[2], seed);
        if (!r.ok()) {
            cli::printError(r.error());
            return cli::kExitFailure;
        }
        splits.push_back(std::move(r).value());
    }

    QJsonDocument doc;
    if (splits.size() == 1) {
        doc = QJsonDocument(splits.front().toJson());
    } else {
        QJsonArray a;
        for (const auto &s : splits)
            a.append(s.toJson());
        doc = QJsonDocument(a);
    }
    if (parser.isSet("out")) {
        const QByteArray bytes = doc.toJson(QJsonDocument::Indented);
        const auto written = base::writeFileAtomically(toPath(parser.value("out")),
                                                       std::string_view(bytes.constData(), std::size_t(bytes.size())));
        if (!written.ok()) {
            cli::printError(written.error());
            return cli::kExitFailure;
        }
    }
    if (parser.isSet("json")) {
        std::fputs(doc.toJson(QJsonDocument::Indented).constData(), stdout);
    } else {
        for (const auto &s : splits)
            printSplitTable(s, entries);
    }
    return cli::kExitOk;
}

int runCache(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Report the size of the on-disk feature cache, or clear it.");
    parser.addOption({"dir", "Cache folder (default: $XDG_CACHE_HOME/genrescope/features or "
                             "~/.cache/genrescope/features).", "DIR"});
    parser.addOption({"clear", "Remove every cache entry."});
    parser.addOption({"json", "Print JSON."});
    if (const int code = parseOrExit(parser, "cache", args); code >= 0)
        return code;
    const data::FeatureCache cache(parser.isSet("dir") ? toPath(parser.value("dir"))
                                                       : data::FeatureCache::defaultDirectory());
    if (parser.isSet("clear")) {
        const auto cleared = cache.clear();
        if (!cleared.ok()) {
            cli::printError(cleared.error());
            return cli::kExitFailure;
        }
    }
    auto usage = cache.usage();
    if (!usage.ok()) {
        cli::printError(usage.error());
        return cli::kExitFailure;
    }
    if (parser.isSet("json")) {
        QJsonObject o;
        o["directory"] = qs(cache.directory().string());
        o["entries"] = qint64(usage->entries);
        o["bytes"] = qint64(usage->bytes);
        std::fputs(QJsonDocument(o).toJson(QJsonDocument::Indented).constData(), stdout);
    } else {
        std::printf("%s: %zu entries, %.1f MiB\n", cache.directory().string().c_str(), usage->entries,
                    double(usage->bytes) / (1024.0 * 1024.0));
    }
    return cli::kExitOk;
}

int runDataset(const QStringList &args)
{
    const QString sub = args.isEmpty() ? QString() : args.first();
    if (sub == "scan")
        return runScan(args.mid(1));
    if (sub == "split")
        return runSplit(args.mid(1));
    if (sub == "cache")
        return runCache(args.mid(1));
    const bool help = sub == "--help" || sub == "-h" || sub == "help";
    std::fputs("Usage: genrescope-cli dataset scan DIR|CSV [--json] [--min-seconds S]\n"
                "       genrescope-cli dataset split DIR|CSV [--folds K | --fractions T,V,E | --fixed] [--seed S] "
                "[--json] [--out FILE]\n"
                "       genrescope-cli dataset cache [--dir DIR] [--clear] [--json]\n"
                "Run 'genrescope-cli dataset <scan|split|cache> --help' for the options.\n",
                help ? stdout : stderr);
    return help ? cli::kExitOk : cli::kExitUsage;
}

cli::CommandRegistration reg{
    {"dataset", "scan a dataset (class counts, bad files), split it by song, feature cache size", runDataset}};

} // namespace
