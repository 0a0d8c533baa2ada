// genrescope-cli inspect MODEL: the model card of a Genrescope bundle or an imported TorchScript module.
#include "clisupport.h"
#include "command.h"

#include "base/atomicfile.h"
#include "models/bundle.h"
#include "models/device.h"
#include "models/loadedmodel.h"
#include "models/modelcard.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

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
    QStringList argv = args;
    argv.prepend("genrescope-cli inspect");
    if (!parser.parse(argv)) {
        cli::printError(parser.errorText().toStdString());
        return cli::kExitUsage;
    }
    if (parser.isSet("help")) {
        std::fputs(parser.helpText().toLocal8Bit().constData(), stdout);
        return cli::kExitOk;
    }
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

} // namespace
