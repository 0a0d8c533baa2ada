// genrescope-cli inspect MODEL: the model card of a Genrescope bundle or an imported TorchScript module.
// genrescope-cli bundle IN [--out OUT] [--set-card KEY=VALUE]... [--complete-card] [--reproducible]: edit the
// card of a bundle (weights untouched), e.g. to finish the default model after `train`.
#include "clisupport.h"
#include "command.h"

#include "base/atomicfile.h"
#include "models/bundle.h"
#include "models/device.h"
#include "models/loadedmodel.h"
#include "models/modelcard.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>
#include <cstdlib>

using namespace genrescope;

namespace {

int run(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Print the model card of a model file: a Genrescope bundle (.gsmodel) or a TorchScript module with its "
        "JSON sidecar (model.pt + model.pt.json). The file is fully validated (checksum, config against weights, "
        "sidecar against the module's output) before anything is printed.");
    parser.addHelpOption();
    parser.addPositionalArgument("model", "the bundle or TorchScript module");
    const QCommandLineOption jsonOption("json", "print the card as JSON instead of text");
    const QCommandLineOption manifestOption(
        "manifest", "bundles only: print the raw JSON manifest (including the tensor table) without building the "
                    "network; checks the container and checksum only");
    const QCommandLineOption cudaOption("allow-cuda", "show the device the model would run on when CUDA is allowed");
    parser.addOptions({jsonOption, manifestOption, cudaOption});
    if (const int exit = cli::parseCommandLine(parser, "inspect", args); exit >= 0)
        return exit;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        cli::printError("inspect takes exactly one model file (see genrescope-cli inspect --help)");
        return cli::kExitUsage;
    }
    const std::filesystem::path path = positional.first().toStdString();

    if (parser.isSet(manifestOption)) {
        auto bytes = base::readFile(path);
        if (!bytes) {
            cli::printError(bytes.error());
            return cli::kExitFailure;
        }
        auto manifest = models::readBundleManifest(*bytes);
        if (!manifest) {
            cli::printError(manifest.error());
            return cli::kExitFailure;
        }
        std::fputs(QJsonDocument(*manifest).toJson(QJsonDocument::Indented).constData(), stdout);
        return cli::kExitOk;
    }

    auto model = models::loadModel(path);
    if (!model) {
        cli::printError(model.error());
        return cli::kExitFailure;
    }
    const models::DeviceChoice device = models::chooseDevice(parser.isSet(cudaOption));
    if (parser.isSet(jsonOption)) {
        QJsonObject card = models::modelCardJson(**model);
        card.insert("file", QString::fromStdString(path.string()));
        card.insert("device", QString::fromStdString(device.description));
        std::fputs(QJsonDocument(card).toJson(QJsonDocument::Indented).constData(), stdout);
        return cli::kExitOk;
    }
    std::printf("File:         %s\n%s", path.string().c_str(), models::modelCardText(**model).c_str());
    std::printf("Device:       %s (%s)\n", device.description.c_str(), device.reason.c_str());
    return cli::kExitOk;
}

cli::CommandRegistration reg{{"inspect", "print the model card of a bundle or an imported TorchScript model", run}};

/** SOURCE_DATE_EPOCH (reproducible-builds.org) as ISO 8601 UTC, or the epoch itself when unset. */
QString reproducibleTimestamp()
{
    qint64 seconds = 0;
    if (const char *env = std::getenv("SOURCE_DATE_EPOCH"); env && *env)
        seconds = QByteArray(env).toLongLong();
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate);
}

int runBundle(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Edit the model card of a Genrescope bundle; the weights, normalisation, evaluation and history values are "
        "kept. --complete-card adds, for a bundle trained with --folds K, the training data, the recipe, the "
        "cross-validated accuracy with its spread, the confusion matrix pooled over the test folds and the GTZAN "
        "licence caveat. --reproducible replaces what records when and where the run happened (trainedAt, savedAt: "
        "$SOURCE_DATE_EPOCH or 1970-01-01; per-epoch wall times: 0; the data path: relative to the current "
        "folder), so that two runs of the same training give the same bytes.");
    parser.addHelpOption();
    parser.addPositionalArgument("bundle", "the bundle to edit");
    const QCommandLineOption outOption("out", "write the result here (default: replace the input atomically)", "FILE");
    const QCommandLineOption setOption("set-card", "set a card field to a string (repeatable)", "KEY=VALUE");
    const QCommandLineOption completeOption("complete-card", "add the cross-validation card fields (see above)");
    const QCommandLineOption reproducibleOption("reproducible", "fix the run-dependent fields (see above)");
    parser.addOptions({outOption, setOption, completeOption, reproducibleOption});
    if (const int exit = cli::parseCommandLine(parser, "bundle", args); exit >= 0)
        return exit;
    if (parser.positionalArguments().size() != 1) {
        cli::printError("bundle takes exactly one bundle file (see genrescope-cli bundle --help)");
        return cli::kExitUsage;
    }
    const std::filesystem::path in = parser.positionalArguments().first().toStdString();
    const std::filesystem::path out =
        parser.isSet(outOption) ? std::filesystem::path(parser.value(outOption).toStdString()) : in;
    std::vector<std::pair<QString, QString>> fields;
    for (const QString &kv : parser.values(setOption)) {
        const qsizetype eq = kv.indexOf('=');
        if (eq <= 0) {
            cli::printError("--set-card needs KEY=VALUE, got \"" + kv.toStdString() + "\"");
            return cli::kExitUsage;
        }
        fields.emplace_back(kv.left(eq), kv.mid(eq + 1));
    }
    auto bundle = models::loadBundle(in);
    if (!bundle) {
        cli::printError(in.string() + ": " + bundle.error().toString());
        return cli::kExitFailure;
    }
    if (parser.isSet(completeOption)) {
        if (auto st = models::completeCrossValidationCard(*bundle); !st.ok()) {
            cli::printError(in.string() + ": " + st.error().toString());
            return cli::kExitFailure;
        }
    }
    for (const auto &[key, value] : fields)
        bundle->card[key] = value;
    if (parser.isSet(reproducibleOption))
        models::makeReproducible(*bundle, reproducibleTimestamp(), QDir::currentPath().toStdString());
    if (auto st = models::saveBundle(*bundle, out); !st.ok()) {
        cli::printError(out.string() + ": " + st.error().toString());
        return cli::kExitFailure;
    }
    std::fprintf(stderr, "saved %s\n", out.string().c_str());
    return cli::kExitOk;
}

cli::CommandRegistration regBundle{{"bundle", "edit a bundle's model card (complete it after k-fold training, "
                                              "make it reproducible)",
                                    runBundle}};

} // namespace
