// genrescope-cli models [NAME] [--set key=value]... [--json]: the networks the app can build, with the
// feature recipe each reads, its input shape, parameter count and configuration switches.
#include "clisupport.h"
#include "command.h"

#include "models/registry.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cstdio>

using namespace genrescope;

namespace {

std::string shapeText(const std::vector<std::int64_t> &shape)
{
    std::string s;
    for (auto d : shape)
        s += (s.empty() ? "" : "x") + std::to_string(d);
    return s;
}

std::string grouped(std::int64_t n)
{
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return out;
}

std::string valueText(const QJsonValue &v)
{
    if (v.isBool())
        return v.toBool() ? "true" : "false";
    if (v.isDouble())
        return QString::number(v.toDouble()).toStdString();
    return v.toString().toStdString();
}

QJsonObject specJson(const models::ModelSpec &spec, const QJsonObject &config, const models::ModelSize &size)
{
    QJsonObject o;
    o["name"] = QString::fromStdString(spec.name);
    o["family"] = QString::fromStdString(spec.family);
    o["recipe"] = QString::fromStdString(spec.recipe);
    o["auxRecipe"] = QString::fromStdString(spec.auxRecipe);
    QJsonArray shape;
    for (auto d : spec.inputShape)
        shape.append(double(d));
    o["inputShape"] = shape;
    o["auxSize"] = double(spec.auxSize);
    o["description"] = QString::fromStdString(spec.description);
    o["parameters"] = double(size.parameters);
    o["buffers"] = double(size.buffers);
    o["config"] = config;
    QJsonArray switches;
    for (const auto &sw : spec.switches) {
        QJsonObject s;
        s["key"] = QString::fromStdString(sw.key);
        s["type"] = QString::fromStdString(sw.type);
        s["default"] = sw.defaultValue;
        QJsonArray choices;
        for (const auto &c : sw.choices)
            choices.append(QString::fromStdString(c));
        s["choices"] = choices;
        s["help"] = QString::fromStdString(sw.help);
        switches.append(s);
    }
    o["switches"] = switches;
    return o;
}

void printSpec(const models::ModelSpec &spec, const QJsonObject &config, const models::ModelSize &size, bool detailed)
{
    std::string input = shapeText(spec.inputShape);
    std::string recipe = spec.recipe;
    if (!spec.auxRecipe.empty()) {
        input += " + " + std::to_string(spec.auxSize);
        recipe += " + " + spec.auxRecipe;
    }
    std::printf("%-19s %-22s %-16s %12s\n", spec.name.c_str(), recipe.c_str(), input.c_str(),
                grouped(size.parameters).c_str());
    std::printf("    %s\n", spec.description.c_str());
    for (const auto &sw : spec.switches) {
        const QJsonValue current = config.value(QString::fromStdString(sw.key));
        std::string type = sw.type;
        if (sw.type == "enum") {
            type.clear();
            for (const auto &c : sw.choices)
                type += (type.empty() ? "" : "|") + c;
        }
        std::printf("    %-16s = %-10s %s", sw.key.c_str(), valueText(current).c_str(), type.c_str());
        if (current != sw.defaultValue)
            std::printf(" (default %s)", valueText(sw.defaultValue).c_str());
        std::printf("\n");
        if (detailed)
            std::printf("        %s\n", sw.help.c_str());
    }
    if (detailed)
        std::printf("    buffers (running statistics): %s\n", grouped(size.buffers).c_str());
}

int run(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Lists the networks genrescope can build: name, feature recipe, input shape (per example), trainable\n"
        "parameter count for 10 classes and the configuration switches with their values.\n"
        "With NAME and --set key=value, shows one configured variant.");
    parser.addHelpOption();
    parser.addPositionalArgument("name", "Only this model (see the list).", "[NAME]");
    QCommandLineOption setOpt("set", "Set a switch of NAME (repeatable), e.g. --set block_type=xception.",
                              "key=value");
    QCommandLineOption jsonOpt("json", "Machine-readable output (a JSON array).");
    QCommandLineOption classesOpt("classes", "Number of output classes for the counts (default 10).", "n", "10");
    parser.addOptions({setOpt, jsonOpt, classesOpt});
    if (const int exit = cli::parseCommandLine(parser, "models", args); exit >= 0)
        return exit;
    bool ok = false;
    const int classes = parser.value(classesOpt).toInt(&ok);
    if (!ok || classes < 2) {
        cli::printError("--classes needs an integer >= 2");
        return cli::kExitUsage;
    }
    const QStringList names = parser.positionalArguments();
    if (names.size() > 1) {
        cli::printError("give at most one model name");
        return cli::kExitUsage;
    }
    std::vector<const models::ModelSpec *> selected;
    QJsonObject config;
    if (names.isEmpty()) {
        if (parser.isSet(setOpt)) {
            cli::printError("--set needs a model name");
            return cli::kExitUsage;
        }
        for (const auto &s : models::modelSpecs())
            selected.push_back(&s);
    } else {
        const auto *spec = models::findModelSpec(names.first().toStdString());
        if (!spec) {
            std::string list;
            for (const auto &s : models::modelSpecs())
                list += (list.empty() ? "" : ", ") + s.name;
            cli::printError("unknown model '" + names.first().toStdString() + "' (known: " + list + ")");
            return cli::kExitUsage;
        }
        selected.push_back(spec);
        for (const QString &assignment : parser.values(setOpt)) {
            const auto eq = assignment.indexOf('=');
            const std::string key = assignment.left(eq).trimmed().toStdString();
            const auto sw = std::find_if(spec->switches.begin(), spec->switches.end(),
                                         [&](const auto &s) { return s.key == key; });
            if (eq <= 0 || sw == spec->switches.end()) {
                cli::printError("--set " + assignment.toStdString() + ": " + spec->name
                                + (eq <= 0 ? " needs key=value" : " has no switch '" + key + "'"));
                return cli::kExitUsage;
            }
            auto value = models::parseSwitchValue(*sw, assignment.mid(eq + 1).toStdString());
            if (!value) {
                cli::printError(value.error());
                return cli::kExitUsage;
            }
            config.insert(QString::fromStdString(key), *value);
        }
    }

    QJsonArray out;
    if (!parser.isSet(jsonOpt))
        std::printf("%-19s %-22s %-16s %12s\n", "NAME", "RECIPE", "INPUT", "PARAMETERS");
    for (const auto *spec : selected) {
        auto normalized = models::normalizedConfig(spec->name, config);
        if (!normalized) {
            cli::printError(normalized.error());
            return cli::kExitUsage;
        }
        auto size = models::modelSize(spec->name, *normalized, classes);
        if (!size) {
            cli::printError(size.error());
            return cli::kExitFailure;
        }
        if (parser.isSet(jsonOpt))
            out.append(specJson(*spec, *normalized, *size));
        else
            printSpec(*spec, *normalized, *size, !names.isEmpty());
    }
    if (parser.isSet(jsonOpt))
        std::fputs(QJsonDocument(out).toJson(QJsonDocument::Indented).constData(), stdout);
    return cli::kExitOk;
}

cli::CommandRegistration reg{{"models", "list the networks: recipe, input shape, parameters, switches", run}};

} // namespace
