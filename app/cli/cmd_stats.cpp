// genrescope-cli stats FILE... [--csv] [--segments]: the librosa statistics row of each file, in the
// column order of the GTZAN feature table (features_30_sec.csv / features_3_sec.csv).
#include "clisupport.h"
#include "base/csv.h"
#include "command.h"

#include "audio/decoder.h"
#include "base/parallel.h"
#include "features/clipstatistics.h"
#include "features/statsrecipe.h"

#include <QCommandLineParser>
#include <QFile>
#include <cstdio>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

using namespace genrescope;

namespace {

std::filesystem::path toPath(const QString &arg)
{
    return std::filesystem::path(QFile::encodeName(arg).toStdString()); // the OS's bytes, even non-UTF-8
}

/** One output row: the table's filename and length columns plus the statistics. */
struct Row
{
    std::string filename;
    std::size_t length = 0;
    std::vector<float> values;
};

struct FileResult
{
    std::vector<Row> rows;
    std::string label;
    std::string warning;
    std::optional<base::Error> error;
};

std::string number(float v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.9g", static_cast<double>(v)); // every float32 exactly
    return buf;
}

FileResult analyse(const std::filesystem::path &path, bool segments)
{
    FileResult r;
    r.label = path.parent_path().filename().string();
    auto audio = audio::decodeFile(path);
    if (!audio) {
        r.error = audio.error();
        return r;
    }
    r.warning = audio->partial ? audio->warning : std::string();
    const std::string stem = path.stem().string();
    const std::string ext = path.extension().string();
    if (!segments) {
        auto stats = features::clipStatistics(audio->samples, audio->sampleRate);
        if (!stats) {
            r.error = stats.error();
            return r;
        }
        r.rows.push_back({path.filename().string(), audio->samples.size(), std::move(stats->values)});
        return r;
    }
    auto segs = features::segmentStatistics(audio->samples, audio->sampleRate);
    if (!segs) {
        r.error = segs.error();
        return r;
    }
    for (std::size_t i = 0; i < segs->size(); ++i) // features_3_sec.csv names segments blues.00000.3.wav
        r.rows.push_back({stem + "." + std::to_string(i) + ext, features::kStatsSegmentSamples,
                          std::move((*segs)[i].values)});
    return r;
}

int runStats(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Compute the hand-crafted statistics row of each audio file as librosa does (22050 Hz, n_fft 2048, hop "
        "512): chroma_stft, rms, spectral centroid, bandwidth, rolloff, zero-crossing rate, harmony and perceptr "
        "(HPSS), tempo, MFCC 1-20, each mean and variance, in the column order of the GTZAN feature table "
        "features_30_sec.csv. Exit status 1 if any file fails.");
    parser.addHelpOption();
    parser.addOption({"csv", "Write CSV rows (filename,length,...,label) with a header, as the feature table."});
    parser.addOption({"segments", "One row per 3-s segment of 66,149 samples (features_3_sec.csv) instead of "
                                  "one per file; a shorter tail is dropped."});
    parser.addOption({"label", "Value of the label column (default: the name of the file's folder).", "LABEL"});
    parser.addOption({{"j", "jobs"}, "Files analysed in parallel (default: all cores).", "N", "0"});
    parser.addPositionalArgument("files", "Audio files (any format FFmpeg reads; resampled to 22050 Hz mono).",
                                 "FILE...");
    if (const int exit = cli::parseCommandLine(parser, "stats", args); exit >= 0)
        return exit;
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        cli::printError("stats: no files given (see genrescope-cli stats --help)");
        return cli::kExitUsage;
    }
    bool jobsOk = false;
    const int jobs = parser.value("jobs").toInt(&jobsOk);
    if (!jobsOk || jobs < 0) {
        cli::printError("stats: --jobs needs a number >= 0");
        return cli::kExitUsage;
    }
    const bool csv = parser.isSet("csv");
    const bool segments = parser.isSet("segments");

    std::vector<FileResult> results(static_cast<std::size_t>(files.size()));
    cli::ProgressBar bar("stats");
    std::mutex barMutex;
    std::size_t done = 0;
    base::threadedFor(static_cast<unsigned>(jobs))(results.size(), [&](std::size_t i) {
        results[i] = analyse(toPath(files[static_cast<qsizetype>(i)]), segments);
        std::lock_guard lock(barMutex);
        ++done;
        bar.update(double(done) / double(results.size()), std::to_string(done) + "/" + std::to_string(results.size()));
    });
    bar.finish();

    const auto &names = features::ClipStatistics::columnNames();
    if (csv) {
        std::string header = "filename,length";
        for (const auto &n : names)
            header += "," + n;
        std::printf("%s,label\n", header.c_str());
    }
    bool anyFailed = false;
    for (std::size_t i = 0; i < results.size(); ++i) {
        const FileResult &r = results[i];
        const std::string file = files[static_cast<qsizetype>(i)].toStdString();
        if (r.error) {
            anyFailed = true;
            cli::printError(file + ": " + r.error->toString());
            continue;
        }
        if (!r.warning.empty())
            cli::printError(file + ": decoded partially: " + r.warning);
        const std::string label = parser.isSet("label") ? parser.value("label").toStdString() : r.label;
        for (const Row &row : r.rows) {
            if (csv) {
                std::string line = base::csvField(row.filename) + "," + std::to_string(row.length);
                for (float v : row.values)
                    line += "," + number(v);
                std::printf("%s,%s\n", line.c_str(), base::csvField(label).c_str());
            } else {
                std::printf("%s (%zu samples)\n", row.filename.c_str(), row.length);
                for (std::size_t c = 0; c < names.size(); ++c)
                    std::printf("  %-26s %s\n", names[c].c_str(), number(row.values[c]).c_str());
            }
        }
    }
    return anyFailed ? cli::kExitFailure : cli::kExitOk;
}

cli::CommandRegistration reg{{"stats", "librosa statistics row (GTZAN feature-table columns) per file; --csv", runStats}};

} // namespace
