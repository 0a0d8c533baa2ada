#include "torchscriptmodel.h"

#include "base/atomicfile.h"
#include "features/featureconfig.h"
#include "features/recipes.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <c10/core/InferenceMode.h>
#include <torch/script.h>
#include <torch/torch.h>

#include <cmath>
#include <set>

namespace genrescope::models {

using base::ErrorCode;
using base::makeError;

namespace {

const char *const kSidecarFormat = "genrescope-torchscript-sidecar";
constexpr int kSidecarVersion = 1;

base::Error bad(const std::string &detail)
{
    return makeError(ErrorCode::BadFormat, "TorchScript sidecar: " + detail);
}

base::Result<std::vector<std::int64_t>> shapeField(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isArray())
        return bad(std::string("'") + key + "' must be an array of positive integers, e.g. [1, 96, 64]");
    std::vector<std::int64_t> out;
    for (const QJsonValue &d : v.toArray()) {
        const double x = d.toDouble(0);
        if (!d.isDouble() || x < 1 || x > 1e9 || x != std::floor(x))
            return bad(std::string("'") + key + "' must hold positive integers only");
        out.push_back(std::int64_t(x));
    }
    if (out.empty())
        return bad(std::string("'") + key + "' is empty");
    return out;
}

/** "features": a recipe name or a FeatureConfig object. */
base::Status featuresField(const QJsonObject &o, const char *key, std::string &recipe, QJsonObject &config)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isString() && !v.toString().isEmpty()) {
        recipe = v.toString().toStdString();
        auto known = features::recipe(recipe);
        if (!known) {
            std::string names;
            for (const auto &n : features::recipeNames())
                names += (names.empty() ? "" : ", ") + n;
            return bad(std::string("'") + key + "' names the unknown feature recipe '" + recipe + "' (known: " + names
                       + ")");
        }
        config = known->toJson();
        return {};
    }
    if (!v.isObject() || v.toObject().isEmpty())
        return bad(std::string("'") + key + "' must be a feature recipe name or a FeatureConfig object");
    auto parsed = features::FeatureConfig::fromJson(v.toObject());
    if (!parsed)
        return bad(std::string("'") + key + "' is not a valid FeatureConfig: " + parsed.error().toString());
    auto valid = parsed->validate();
    if (!valid)
        return bad(std::string("'") + key + "' is not a valid FeatureConfig: " + valid.error().toString());
    config = parsed->toJson();
    return {};
}

QJsonArray shapeToJson(const std::vector<std::int64_t> &s)
{
    QJsonArray a;
    for (auto d : s)
        a.append(qint64(d));
    return a;
}

} // namespace

base::Result<TorchScriptSidecar> TorchScriptSidecar::fromJson(const QJsonObject &o)
{
    static const std::set<QString> known = {"format",        "formatVersion",   "name",          "features",
                                            "labels",        "inputShape",      "output",        "normalization",
                                            "auxFeatures",   "auxInputShape",   "auxNormalization", "card"};
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!known.count(it.key()))
            return bad("unknown key '" + it.key().toStdString() + "'");

    if (o.contains("format") && o.value("format").toString() != QLatin1String(kSidecarFormat))
        return bad("'format' must be \"genrescope-torchscript-sidecar\"");
    if (o.contains("formatVersion")) {
        const QJsonValue v = o.value("formatVersion");
        if (!v.isDouble() || v.toDouble() < 1 || v.toDouble() != std::floor(v.toDouble()))
            return bad("'formatVersion' must be a positive integer");
        if (v.toDouble() > kSidecarVersion)
            return makeError(ErrorCode::VersionTooNew, "TorchScript sidecar format version "
                                                           + std::to_string(v.toInt()) + " is newer than "
                                                           + std::to_string(kSidecarVersion));
    }

    TorchScriptSidecar s;
    const QJsonValue name = o.value("name");
    if (!name.isUndefined() && !name.isString())
        return bad("'name' must be a string");
    s.name = name.toString().toStdString();

    if (!o.contains("features"))
        return bad("'features' is missing (a feature recipe name or a FeatureConfig object)");
    GS_TRY(featuresField(o, "features", s.featureRecipe, s.featureConfig));

    if (!o.contains("labels"))
        return bad("'labels' is missing");
    if (!o.value("labels").isArray())
        return bad("'labels' must be an array of strings");
    std::set<std::string> seen;
    for (const QJsonValue &l : o.value("labels").toArray()) {
        if (!l.isString() || l.toString().isEmpty())
            return bad("'labels' must hold non-empty strings");
        if (!seen.insert(l.toString().toStdString()).second)
            return bad("label '" + l.toString().toStdString() + "' appears twice");
        s.labels.push_back(l.toString().toStdString());
    }
    if (s.labels.size() < 2)
        return bad("'labels' needs at least two classes");

    if (!o.contains("inputShape"))
        return bad("'inputShape' is missing (shape of one example without the batch dimension)");
    auto shape = shapeField(o, "inputShape");
    if (!shape)
        return shape.error();
    s.inputShape = std::move(*shape);

    if (!o.contains("output"))
        return bad("'output' is missing (\"logits\" or \"probabilities\")");
    const QString output = o.value("output").toString();
    if (output == "logits")
        s.output = Output::Logits;
    else if (output == "probabilities")
        s.output = Output::Probabilities;
    else
        return bad("'output' must be \"logits\" or \"probabilities\"");

    auto norm = Normalization::fromJson(o.value("normalization"));
    if (!norm)
        return bad(norm.error().detail);
    s.normalization = std::move(*norm);
    GS_TRY(s.normalization.checkShape(s.inputShape));

    const bool hasAux = o.contains("auxInputShape") || o.contains("auxFeatures") || o.contains("auxNormalization");
    if (hasAux) {
        if (!o.contains("auxInputShape") || !o.contains("auxFeatures"))
            return bad("a two-input module needs both 'auxInputShape' and 'auxFeatures'");
        auto auxShape = shapeField(o, "auxInputShape");
        if (!auxShape)
            return auxShape.error();
        s.auxInputShape = std::move(*auxShape);
        GS_TRY(featuresField(o, "auxFeatures", s.auxFeatureRecipe, s.auxFeatureConfig));
        auto auxNorm = Normalization::fromJson(o.value("auxNormalization"));
        if (!auxNorm)
            return bad("aux " + auxNorm.error().detail);
        s.auxNormalization = std::move(*auxNorm);
        GS_TRY(s.auxNormalization.checkShape(s.auxInputShape));
    }

    const QJsonValue card = o.value("card");
    if (!card.isUndefined() && !card.isObject())
        return bad("'card' must be an object");
    s.card = card.toObject();
    return s;
}

QJsonObject TorchScriptSidecar::toJson() const
{
    QJsonObject o;
    o.insert("format", QLatin1String(kSidecarFormat));
    o.insert("formatVersion", kSidecarVersion);
    if (!name.empty())
        o.insert("name", QString::fromStdString(name));
    if (!featureRecipe.empty())
        o.insert("features", QString::fromStdString(featureRecipe));
    else
        o.insert("features", featureConfig);
    QJsonArray l;
    for (const auto &x : labels)
        l.append(QString::fromStdString(x));
    o.insert("labels", l);
    o.insert("inputShape", shapeToJson(inputShape));
    o.insert("output", output == Output::Logits ? "logits" : "probabilities");
    if (!normalization.isIdentity())
        o.insert("normalization", normalization.toJson());
    if (!auxInputShape.empty()) {
        o.insert("auxInputShape", shapeToJson(auxInputShape));
        if (!auxFeatureRecipe.empty())
            o.insert("auxFeatures", QString::fromStdString(auxFeatureRecipe));
        else
            o.insert("auxFeatures", auxFeatureConfig);
        if (!auxNormalization.isIdentity())
            o.insert("auxNormalization", auxNormalization.toJson());
    }
    if (!card.isEmpty())
        o.insert("card", card);
    return o;
}

std::optional<std::filesystem::path> findSidecar(const std::filesystem::path &modulePath)
{
    std::error_code ec;
    std::filesystem::path candidate = modulePath;
    candidate += ".json";
    if (std::filesystem::is_regular_file(candidate, ec))
        return candidate;
    candidate = modulePath;
    candidate.replace_extension(".json");
    if (candidate != modulePath && std::filesystem::is_regular_file(candidate, ec))
        return candidate;
    return std::nullopt;
}

base::Result<TorchScriptSidecar> readSidecar(const std::filesystem::path &sidecarPath)
{
    auto bytes = base::readFile(sidecarPath, std::size_t(16) << 20);
    if (!bytes)
        return bytes.error();
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(*bytes), &err);
    if (err.error != QJsonParseError::NoError)
        return makeError(ErrorCode::BadFormat, sidecarPath.string() + ": not valid JSON ("
                                                   + err.errorString().toStdString() + " at offset "
                                                   + std::to_string(err.offset) + ")");
    if (!doc.isObject())
        return makeError(ErrorCode::BadFormat, sidecarPath.string() + ": the sidecar must be a JSON object");
    auto sidecar = TorchScriptSidecar::fromJson(doc.object());
    if (!sidecar) {
        auto e = sidecar.error();
        e.detail = sidecarPath.string() + ": " + e.detail;
        return e;
    }
    return sidecar;
}

struct TorchScriptModel::Impl
{
    torch::jit::Module module;
    TorchScriptSidecar sidecar;
    c10::Device device = c10::Device(c10::DeviceType::CPU);
    std::int64_t parameters = 0;

    /** Normalise, run forward, turn logits into probabilities; checks the output shape. */
    base::Result<torch::Tensor> run(const torch::Tensor &batch, const torch::Tensor &aux)
    {
        GS_TRY(detail::checkBatch(batch, sidecar.inputShape, "the input batch"));
        c10::InferenceMode guard;
        std::vector<torch::jit::IValue> inputs;
        inputs.emplace_back(sidecar.normalization.apply(batch.to(device, torch::kFloat32)));
        if (!sidecar.auxInputShape.empty()) {
            GS_TRY(detail::checkBatch(aux, sidecar.auxInputShape, "the second input"));
            if (aux.size(0) != batch.size(0))
                return makeError(ErrorCode::Mismatch, "the two inputs have different batch sizes");
            inputs.emplace_back(sidecar.auxNormalization.apply(aux.to(device, torch::kFloat32)));
        } else if (aux.defined()) {
            return makeError(ErrorCode::Mismatch, "a single-input model was given a second input");
        }
        const torch::jit::IValue result = module.forward(inputs);
        if (!result.isTensor())
            return makeError(ErrorCode::Mismatch, "the module's forward() does not return a single tensor");
        torch::Tensor out = result.toTensor();
        GS_TRY(detail::checkOutput(out, batch.size(0), sidecar.labels.size()));
        out = out.to(torch::kCPU, torch::kFloat32);
        if (sidecar.output == TorchScriptSidecar::Output::Logits)
            out = torch::softmax(out, 1);
        return out;
    }
};

TorchScriptModel::TorchScriptModel(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
TorchScriptModel::~TorchScriptModel() = default;

base::Result<std::unique_ptr<TorchScriptModel>> TorchScriptModel::load(const std::filesystem::path &modulePath,
                                                                       const std::filesystem::path &sidecarPath)
{
    std::error_code ec;
    if (std::filesystem::is_directory(modulePath, ec))
        return makeError(ErrorCode::IsDirectory, modulePath.string());
    if (!std::filesystem::exists(modulePath, ec))
        return makeError(ErrorCode::FileNotFound, modulePath.string());
    std::filesystem::path sidecarFile = sidecarPath;
    if (sidecarFile.empty()) {
        const auto found = findSidecar(modulePath);
        if (!found)
            return makeError(ErrorCode::FileNotFound, "no sidecar for " + modulePath.string() + " (expected "
                                                          + modulePath.string() + ".json or "
                                                          + std::filesystem::path(modulePath).replace_extension(".json").string()
                                                          + ")");
        sidecarFile = *found;
    }
    auto sidecar = readSidecar(sidecarFile);
    if (!sidecar)
        return sidecar.error();

    auto impl = std::make_unique<Impl>();
    impl->sidecar = std::move(*sidecar);
    try {
        impl->module = torch::jit::load(modulePath.string(), torch::kCPU);
    } catch (const c10::Error &e) {
        return makeError(ErrorCode::BadFormat, modulePath.string() + ": not a TorchScript module libtorch can read: "
                                                   + e.what_without_backtrace());
    } catch (const std::exception &e) {
        return makeError(ErrorCode::BadFormat, modulePath.string() + ": cannot load the TorchScript module: " + e.what());
    }
    try {
        impl->module.eval();
        for (const auto &p : impl->module.parameters())
            if (p.requires_grad())
                impl->parameters += p.numel();

        std::vector<std::int64_t> shape{1};
        shape.insert(shape.end(), impl->sidecar.inputShape.begin(), impl->sidecar.inputShape.end());
        torch::Tensor aux;
        if (!impl->sidecar.auxInputShape.empty()) {
            std::vector<std::int64_t> auxShape{1};
            auxShape.insert(auxShape.end(), impl->sidecar.auxInputShape.begin(), impl->sidecar.auxInputShape.end());
            aux = torch::zeros(auxShape);
        }
        auto probe = impl->run(torch::zeros(shape), aux);
        if (!probe) {
            auto e = probe.error();
            e.code = ErrorCode::Mismatch;
            e.detail = modulePath.string() + ": checking the module against its sidecar: " + e.detail;
            return e;
        }
    } catch (const c10::Error &e) {
        return makeError(ErrorCode::Mismatch, modulePath.string() + ": the module rejects the sidecar's input shape: "
                                                  + e.what_without_backtrace());
    } catch (const std::exception &e) {
        // TorchScript's interpreter reports a rejected input as torch::jit::JITException (not a c10::Error).
        return makeError(ErrorCode::Mismatch, modulePath.string() + ": the module rejects the sidecar's input shape: "
                                                  + e.what());
    }
    return std::unique_ptr<TorchScriptModel>(new TorchScriptModel(std::move(impl)));
}

const TorchScriptSidecar &TorchScriptModel::sidecar() const { return m_impl->sidecar; }
std::string TorchScriptModel::name() const { return m_impl->sidecar.name; }
const std::vector<std::string> &TorchScriptModel::labels() const { return m_impl->sidecar.labels; }
std::string TorchScriptModel::featureRecipe() const { return m_impl->sidecar.featureRecipe; }
QJsonObject TorchScriptModel::featureConfig() const { return m_impl->sidecar.featureConfig; }
QJsonObject TorchScriptModel::auxFeatureConfig() const { return m_impl->sidecar.auxFeatureConfig; }
std::vector<std::int64_t> TorchScriptModel::inputShape() const { return m_impl->sidecar.inputShape; }
std::vector<std::int64_t> TorchScriptModel::auxInputShape() const { return m_impl->sidecar.auxInputShape; }
std::int64_t TorchScriptModel::parameterCount() const { return m_impl->parameters; }
QJsonObject TorchScriptModel::card() const { return m_impl->sidecar.card; }
c10::Device TorchScriptModel::device() const { return m_impl->device; }

base::Status TorchScriptModel::setDevice(const c10::Device &device)
{
    try {
        m_impl->module.to(device);
        m_impl->device = device;
        return {};
    } catch (const c10::Error &e) {
        return makeError(ErrorCode::Unavailable, std::string("moving the module: ") + e.what_without_backtrace());
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Internal, std::string("moving the module: ") + e.what());
    }
}

base::Result<at::Tensor> TorchScriptModel::predictProbabilities(const at::Tensor &batch, const at::Tensor &aux)
{
    try {
        return m_impl->run(batch, aux);
    } catch (const c10::Error &e) {
        return makeError(ErrorCode::Internal, std::string("running the TorchScript module: ")
                                                  + e.what_without_backtrace());
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Internal, std::string("running the TorchScript module: ") + e.what());
    }
}

} // namespace genrescope::models
