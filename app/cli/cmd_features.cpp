// genrescope-cli features FILE --recipe NAME: a model's input (or a display spectrogram) from an audio
// file, written as .npy or CSV together with the FeatureConfig JSON that produced it.
// genrescope-cli features --dataset DIR --shard R/N: fill the feature cache for a dataset, one shard of
// its files per process or machine.
#include "clisupport.h"
#include "command.h"

#include "audio/decoder.h"
#include "base/atomicfile.h"
#include "base/parallel.h"
#include "data/dataset.h"
#include "data/featurecache.h"
#include "distributed/distributedoptions.h"
#include "models/registry.h"
#include "training/samples.h"
#include "training/trainingrun.h"
#include "features/clipstatistics.h"
#include "features/extractor.h"
#include "features/npy.h"
#include "features/recipes.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <sstream>

using namespace genrescope;

namespace {

std::string shapeText(const std::vector<std::int64_t> &shape)
{
    std::string s;
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? "x" : "") + std::to_string(shape[i]);
    return s;
}

/** CSV: one line per row of the last axis (all leading axes flattened), "%.9g" values. */
std::string csvBytes(const features::FeatureTensor &t)
{
    const std::size_t cols = t.shape.empty() ? 0 : std::size_t(t.shape.back());
    std::string out;
    char buf[32];
    for (std::size_t i = 0; i < t.data.size(); ++i) {
        std::snprintf(buf, sizeof buf, "%.9g", double(t.data[i]));
        out += buf;
        out += (cols && (i + 1) % cols == 0) ? '\n' : ',';
    }
    return out;
}

int listRecipes()
{
    for (const auto &name : features::recipeNames())
        std::printf("%-14s %s\n", name.c_str(), features::recipeSummary(name).c_str());
    return cli::kExitOk;
}

/**
 * Fill the feature cache with `config` for shard `rank`/`world` of the dataset (training::datasetShard:
 * every world-th file of the key-sorted list). Files are featurised in chunks so memory stays bounded;
 * cache entries are written atomically, so a killed process leaves none half-written and a rerun
 * computes only the missing ones.
 */
int fillCache(const QString &source, const features::FeatureConfig &config, const std::filesystem::path &cacheDir,
              int rank, int world, unsigned threads, bool json)
{
    const auto parallelFor = base::threadedFor(threads);
    data::ScanOptions scan;
    scan.parallelFor = parallelFor;
    cli::ProgressBar scanBar("scan");
    auto dataset = data::scanDataset(QFile::encodeName(source).toStdString(), scan, base::CancelToken::none(),
                                     [&](double f) { scanBar.update(f); });
    scanBar.finish();
    if (!dataset) {
        cli::printError(dataset.error());
        return cli::kExitFailure;
    }
    const data::Dataset shard = training::datasetShard(*dataset, rank, world);
    training::PrepareOptions prep;
    prep.cache = data::FeatureCache(cacheDir);
    prep.parallelFor = parallelFor;
    std::uint64_t hits = 0, misses = 0;
    std::vector<training::FailedFile> failed;
    const std::size_t chunk = std::max<std::size_t>(16, 8 * std::size_t(std::max(threads, 1u)));
    cli::ProgressBar bar("shard " + std::to_string(rank) + "/" + std::to_string(world));
    for (std::size_t begin = 0; begin < shard.items.size(); begin += chunk) {
        data::Dataset part = shard;
        part.items.assign(shard.items.begin() + std::ptrdiff_t(begin),
                          shard.items.begin() + std::ptrdiff_t(std::min(shard.items.size(), begin + chunk)));
        auto prepared = training::prepareAudio(part, config, prep, base::CancelToken::none(), [&](double f) {
            bar.update((double(begin) + f * double(part.items.size())) / double(shard.items.size()));
        });
        if (prepared) {
            hits += prepared->cacheHits;
            misses += prepared->cacheMisses;
            failed.insert(failed.end(), prepared->failed.begin(), prepared->failed.end());
        } else {
            // Nothing of this chunk was usable: every file of it failed.
            for (const auto &item : part.items)
                failed.push_back({item.key, item.path.string(), prepared.error()});
        }
    }
    bar.finish();
    for (const auto &f : failed)
        if (!json)
            std::fprintf(stderr, "skipped %s: %s\n", f.path.c_str(), f.error.toString().c_str());
    if (json) {
        const QJsonObject o{{"event", "shard"},
                            {"rank", rank},
                            {"shards", world},
                            {"files", double(shard.items.size())},
                            {"datasetFiles", double(dataset->items.size())},
                            {"cacheHits", double(hits)},
                            {"cacheMisses", double(misses)},
                            {"failed", double(failed.size())},
                            {"recipe", QString::fromStdString(config.recipe)},
                            {"cache", QString::fromStdString(cacheDir.string())}};
        std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    } else {
        std::printf("shard %d/%d: %zu of %zu files, %llu computed, %llu already cached, %zu failed (recipe %s, cache %s)\n",
                    rank, world, shard.items.size(), dataset->items.size(), static_cast<unsigned long long>(misses),
                    static_cast<unsigned long long>(hits), failed.size(), config.recipe.c_str(), cacheDir.c_str());
    }
    return failed.empty() ? cli::kExitOk : cli::kExitFailure;
}

int run(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Compute a feature recipe (the exact input of a model, see --list) from an audio file and write it as a "
        "NumPy .npy (little-endian float32, batch-first shape) or CSV (one line per row of the last axis), plus "
        "the FeatureConfig JSON that defines it. With --stats, write the 57-value librosa statistics row in the "
        "column format of the GTZAN features_30_sec.csv instead.\n"
        "With --dataset, fill the feature cache for every file of a dataset instead; --shard R/N computes only "
        "every N-th file starting at R, so N processes or machines sharing the cache folder split the work.");
    parser.addHelpOption();
    parser.addPositionalArgument("file", "audio file (any format FFmpeg decodes)");
    const QCommandLineOption listOption("list", "list the recipes and exit");
    const QCommandLineOption recipeOption("recipe", "recipe name (default logmel128)", "name", "logmel128");
    const QCommandLineOption configOption("config", "use this FeatureConfig JSON instead of a named recipe", "json");
    const QCommandLineOption outOption("out", "write the features to X.npy or X.csv", "path");
    const QCommandLineOption configOutOption("config-out", "write the FeatureConfig JSON here", "path");
    const QCommandLineOption displayOption("display", "write the whole-signal display spectrogram (bands x frames) "
                                                      "instead of the model tensor");
    const QCommandLineOption statsOption("stats", "write the statistics row (CSV with header) instead of a recipe");
    const QCommandLineOption datasetOption("dataset", "fill the feature cache for every file of this dataset (a folder "
                                                      "per genre or a CSV manifest) instead of one file", "DIR|CSV");
    const QCommandLineOption shardOption("shard", "with --dataset: only shard R of N (every N-th file of the sorted "
                                                  "list, starting at R); run R = 0..N-1 in N processes or machines "
                                                  "on one shared cache", "R/N", "0/1");
    const QCommandLineOption modelOption("model", "with --dataset: the recipe of this registry model (and its "
                                                  "second input, if any)", "NAME");
    const QCommandLineOption cacheOption("cache", "with --dataset: the feature cache folder (default "
                                                  "~/.cache/genrescope/features)", "DIR");
    const QCommandLineOption threadsOption("threads", "with --dataset: featurising threads (default: all cores)", "N", "0");
    const QCommandLineOption jsonOption("json", "with --dataset: print the shard's summary as one JSON line");
    parser.addOptions({listOption, recipeOption, configOption, outOption, configOutOption, displayOption, statsOption,
                       datasetOption, shardOption, modelOption, cacheOption, threadsOption, jsonOption});
    if (const int exit = cli::parseCommandLine(parser, "features", args); exit >= 0)
        return exit;
    if (parser.isSet(listOption))
        return listRecipes();
    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(datasetOption)) {
        if (!positional.isEmpty() || parser.isSet(outOption) || parser.isSet(statsOption) || parser.isSet(displayOption)) {
            cli::printError("--dataset fills the feature cache: it takes no FILE, --out, --stats or --display");
            return cli::kExitUsage;
        }
        auto shard = distributed::parseShard(parser.value(shardOption).toStdString());
        if (!shard) {
            cli::printError("--shard: " + shard.error().detail);
            return cli::kExitUsage;
        }
        unsigned threads = 0;
        if (!cli::readNumber(parser, "threads", threads))
            return cli::kExitUsage;
        std::string recipeName = parser.value(recipeOption).toStdString();
        if (parser.isSet(modelOption)) {
            const models::ModelSpec *spec = models::findModelSpec(parser.value(modelOption).toStdString());
            if (!spec) {
                cli::printError("unknown model '" + parser.value(modelOption).toStdString() + "' (see genrescope-cli models)");
                return cli::kExitUsage;
            }
            recipeName = spec->recipe;
        }
        auto c = features::recipe(recipeName);
        if (!c) {
            cli::printError(c.error());
            return cli::kExitUsage;
        }
        const std::filesystem::path cacheDir = parser.isSet(cacheOption)
                                                   ? std::filesystem::path(QFile::encodeName(parser.value(cacheOption)).toStdString())
                                                   : data::FeatureCache::defaultDirectory();
        return fillCache(parser.value(datasetOption), *c, cacheDir, shard->first, shard->second, threads,
                         parser.isSet(jsonOption));
    }
    if (positional.size() != 1) {
        cli::printError("features takes exactly one audio file (see genrescope-cli features --help)");
        return cli::kExitUsage;
    }
    const std::filesystem::path input = positional.first().toStdString();
    const std::string outPath = parser.value(outOption).toStdString();
    const std::string outExt = QFileInfo(parser.value(outOption)).suffix().toLower().toStdString();
    if (!outPath.empty() && outExt != "npy" && outExt != "csv") {
        cli::printError("--out must end in .npy or .csv");
        return cli::kExitUsage;
    }

    features::FeatureConfig config;
    if (parser.isSet(configOption)) {
        auto bytes = base::readFile(parser.value(configOption).toStdString());
        if (!bytes) {
            cli::printError(bytes.error());
            return cli::kExitFailure;
        }
        QJsonParseError err;
        const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(*bytes), &err);
        if (!doc.isObject()) {
            cli::printError(base::makeError(base::ErrorCode::BadFormat, "--config: " + err.errorString().toStdString()));
            return cli::kExitFailure;
        }
        auto c = features::FeatureConfig::fromJson(doc.object());
        if (!c) {
            cli::printError(c.error());
            return cli::kExitFailure;
        }
        config = *c;
    } else {
        auto c = features::recipe(parser.value(recipeOption).toStdString());
        if (!c) {
            cli::printError(c.error());
            return cli::kExitUsage;
        }
        config = *c;
    }
    const bool stats = parser.isSet(statsOption);
    const int rate = stats ? 22050 : config.sampleRate;

    cli::ProgressBar bar("decode");
    audio::DecodeOptions options;
    options.sampleRate = rate;
    auto decoded = audio::decodeFile(input, options, base::CancelToken::none(), [&](double f) { bar.update(f); });
    bar.finish();
    if (!decoded) {
        cli::printError(decoded.error());
        return cli::kExitFailure;
    }
    if (decoded->partial)
        cli::printError("warning: the input is damaged; using what decoded (" + decoded->warning + ")");
    const std::vector<float> &samples = decoded->samples;

    if (stats) {
        auto row = features::clipStatistics(samples, rate);
        if (!row) {
            cli::printError(row.error());
            return cli::kExitFailure;
        }
        std::ostringstream csv;
        csv << "filename,length";
        for (const auto &name : features::ClipStatistics::columnNames())
            csv << ',' << name;
        csv << "\n" << input.filename().string() << ',' << samples.size();
        char buf[32];
        for (float v : row->values) {
            std::snprintf(buf, sizeof buf, "%.9g", double(v));
            csv << ',' << buf;
        }
        csv << "\n";
        if (outPath.empty()) {
            std::fputs(csv.str().c_str(), stdout);
        } else if (auto st = base::writeFileAtomically(outPath, csv.str()); !st) {
            cli::printError(st.error());
            return cli::kExitFailure;
        }
        return cli::kExitOk;
    }

    auto extractor = features::Extractor::create(config);
    if (!extractor) {
        cli::printError(extractor.error());
        return cli::kExitFailure;
    }
    features::FeatureTensor tensor;
    if (parser.isSet(displayOption)) {
        auto d = extractor->display(samples.data(), samples.size());
        if (!d) {
            cli::printError(d.error());
            return cli::kExitFailure;
        }
        tensor.shape = {std::int64_t(d->values.rows), std::int64_t(d->values.cols)};
        tensor.data = std::move(d->values.data);
    } else {
        cli::ProgressBar fbar("features");
        auto t = extractor->extract(samples.data(), samples.size(), base::CancelToken::none(),
                                    [&](double f) { fbar.update(f); });
        fbar.finish();
        if (!t) {
            cli::printError(t.error());
            return cli::kExitFailure;
        }
        tensor = std::move(*t);
    }

    if (!outPath.empty()) {
        const auto st = outExt == "npy" ? features::writeNpy(outPath, tensor)
                                        : base::writeFileAtomically(outPath, csvBytes(tensor));
        if (!st) {
            cli::printError(st.error());
            return cli::kExitFailure;
        }
    }
    if (parser.isSet(configOutOption)) {
        const QByteArray json = QJsonDocument(config.toJson()).toJson(QJsonDocument::Indented);
        if (auto st = base::writeFileAtomically(parser.value(configOutOption).toStdString(), json.toStdString()); !st) {
            cli::printError(st.error());
            return cli::kExitFailure;
        }
    }
    float lo = 0, hi = 0;
    double mean = 0;
    if (!tensor.data.empty()) {
        const auto [mn, mx] = std::minmax_element(tensor.data.begin(), tensor.data.end());
        lo = *mn;
        hi = *mx;
        for (float v : tensor.data)
            mean += v;
        mean /= double(tensor.data.size());
    }
    std::printf("recipe %s  shape %s  min %.4g  max %.4g  mean %.4g  config %s\n", config.recipe.c_str(),
                shapeText(tensor.shape).c_str(), double(lo), double(hi), mean, config.hash().substr(0, 16).c_str());
    return cli::kExitOk;
}

cli::CommandRegistration reg{{"features", "compute a feature recipe (or --stats) from an audio file to .npy/CSV", run}};

} // namespace
