// genrescope-cli features FILE --recipe NAME: a model's input (or a display spectrogram) from an audio
// file, written as .npy or CSV together with the FeatureConfig JSON that produced it.
#include "clisupport.h"
#include "command.h"

#include "audio/decoder.h"
#include "base/atomicfile.h"
#include "features/clipstatistics.h"
#include "features/extractor.h"
#include "features/npy.h"
#include "features/recipes.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonDocument>

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

int run(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Compute a feature recipe (the exact input of a model, see --list) from an audio file and write it as a "
        "NumPy .npy (little-endian float32, batch-first shape) or CSV (one line per row of the last axis), plus "
        "the FeatureConfig JSON that defines it. With --stats, write the 57-value librosa statistics row in the "
        "column format of the GTZAN features_30_sec.csv instead.");
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
    parser.addOptions({listOption, recipeOption, configOption, outOption, configOutOption, displayOption, statsOption});
    if (const int exit = cli::parseCommandLine(parser, "features", args); exit >= 0)
        return exit;
    if (parser.isSet(listOption))
        return listRecipes();
    const QStringList positional = parser.positionalArguments();
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
