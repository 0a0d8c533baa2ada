#include "bundle.h"

#include "base/atomicfile.h"
#include "base/version.h"
#include "models/genrenet.h"
#include "features/recipes.h"
#include "models/registry.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonValue>

#include <torch/torch.h>
#include <torch/version.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>

namespace genrescope::models {

using base::ErrorCode;
using base::makeError;

static_assert(std::endian::native == std::endian::little, "the bundle stores tensors little-endian");

namespace {

// Layout (docs/models-bundle.md): 64-byte header, JSON manifest, raw tensor data.
constexpr char kMagic[8] = {'\x89', 'G', 'S', 'M', '\r', '\n', '\x1a', '\n'};
constexpr std::size_t kHeaderSize = 64;
constexpr std::size_t kHashedHeaderBytes = 32;   // magic .. weights size; the hash itself follows
constexpr std::uint64_t kMaxManifestBytes = std::uint64_t(64) << 20;
const char *const kFormatName = "genrescope-model-bundle";

void putU32(std::string &out, std::size_t at, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        out[at + std::size_t(i)] = char((v >> (8 * i)) & 0xff);
}

void putU64(std::string &out, std::size_t at, std::uint64_t v)
{
    for (int i = 0; i < 8; ++i)
        out[at + std::size_t(i)] = char((v >> (8 * i)) & 0xff);
}

std::uint32_t getU32(std::string_view in, std::size_t at)
{
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i)
        v = (v << 8) | std::uint8_t(in[at + std::size_t(i)]);
    return v;
}

std::uint64_t getU64(std::string_view in, std::size_t at)
{
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | std::uint8_t(in[at + std::size_t(i)]);
    return v;
}

QByteArray sha256(std::string_view header, std::string_view manifest, std::string_view weights)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(QByteArrayView(header.data(), qsizetype(header.size())));
    h.addData(QByteArrayView(manifest.data(), qsizetype(manifest.size())));
    h.addData(QByteArrayView(weights.data(), qsizetype(weights.size())));
    return h.result();
}

struct DtypeInfo
{
    const char *name;
    torch::Dtype dtype;
};

constexpr DtypeInfo kDtypes[] = {
    {"float32", torch::kFloat32}, {"float64", torch::kFloat64}, {"float16", torch::kFloat16},
    {"bfloat16", torch::kBFloat16}, {"int64", torch::kInt64},   {"int32", torch::kInt32},
    {"int16", torch::kInt16},     {"int8", torch::kInt8},       {"uint8", torch::kUInt8},
    {"bool", torch::kBool},
};

std::optional<std::string> dtypeName(torch::Dtype d)
{
    for (const auto &i : kDtypes)
        if (i.dtype == d)
            return std::string(i.name);
    return std::nullopt;
}

std::optional<torch::Dtype> dtypeFromName(const std::string &n)
{
    for (const auto &i : kDtypes)
        if (n == i.name)
            return i.dtype;
    return std::nullopt;
}

std::string shapeText(const std::vector<std::int64_t> &s)
{
    std::string t = "[";
    for (std::size_t i = 0; i < s.size(); ++i)
        t += (i ? ", " : "") + std::to_string(s[i]);
    return t + "]";
}

struct NamedTensor
{
    std::string name;
    bool buffer = false;
    torch::Tensor tensor;
};

/** Parameters then buffers, in registration order, skipping undefined slots (e.g. a Linear without bias). */
std::vector<NamedTensor> namedTensors(const torch::nn::Module &m)
{
    std::vector<NamedTensor> out;
    for (const auto &p : m.named_parameters(true))
        if (p.value().defined())
            out.push_back({p.key(), false, p.value()});
    for (const auto &b : m.named_buffers(true))
        if (b.value().defined())
            out.push_back({b.key(), true, b.value()});
    return out;
}

/** One entry of the manifest's "tensors" table. */
struct TensorEntry
{
    std::string name;
    bool buffer = false;
    torch::Dtype dtype = torch::kFloat32;
    std::vector<std::int64_t> shape;
    std::uint64_t offset = 0;
    std::uint64_t bytes = 0;
};

/** Compare what a file (or a trained net) holds with what the factory builds; Mismatch names the tensor. */
base::Status compareTensors(const std::vector<TensorEntry> &have, const std::vector<NamedTensor> &want)
{
    std::map<std::string, const TensorEntry *> byName;
    for (const auto &e : have)
        byName[e.name] = &e;
    for (const auto &w : want) {
        const auto it = byName.find(w.name);
        if (it == byName.end())
            return makeError(ErrorCode::Mismatch, "tensor '" + w.name + "' is missing from the weights");
        const TensorEntry &e = *it->second;
        const std::vector<std::int64_t> shape(w.tensor.sizes().begin(), w.tensor.sizes().end());
        if (e.shape != shape)
            return makeError(ErrorCode::Mismatch, "tensor '" + w.name + "' has shape " + shapeText(e.shape)
                                                      + " in the weights but the architecture needs "
                                                      + shapeText(shape));
        if (e.dtype != w.tensor.scalar_type())
            return makeError(ErrorCode::Mismatch, "tensor '" + w.name + "' has dtype "
                                                      + dtypeName(e.dtype).value_or("?")
                                                      + " in the weights but the architecture needs "
                                                      + dtypeName(w.tensor.scalar_type()).value_or("?"));
        if (e.buffer != w.buffer)
            return makeError(ErrorCode::Mismatch, "tensor '" + w.name + "' is stored as a "
                                                      + (e.buffer ? "buffer" : "parameter")
                                                      + " but the architecture has a "
                                                      + (w.buffer ? "buffer" : "parameter"));
        byName.erase(it);
    }
    if (!byName.empty())
        return makeError(ErrorCode::Mismatch, "tensor '" + byName.begin()->first
                                                  + "' in the weights does not exist in the architecture");
    return {};
}

std::vector<TensorEntry> entriesOf(const std::vector<NamedTensor> &tensors)
{
    std::vector<TensorEntry> out;
    for (const auto &t : tensors) {
        TensorEntry e;
        e.name = t.name;
        e.buffer = t.buffer;
        e.dtype = t.tensor.scalar_type();
        e.shape.assign(t.tensor.sizes().begin(), t.tensor.sizes().end());
        out.push_back(std::move(e));
    }
    return out;
}

ModelFactory effectiveFactory(const ModelFactory &factory)
{
    if (factory)
        return factory;
    return [](const std::string &architecture, const QJsonObject &config, int numClasses) -> base::Result<GenreNet> {
        if (!findModelSpec(architecture))
            return makeError(ErrorCode::Mismatch, "unknown architecture '" + architecture + "'");
        return createModel(architecture, config, numClasses);
    };
}

base::Result<GenreNet> buildNet(const ModelFactory &factory, const std::string &architecture,
                                const QJsonObject &config, std::size_t numClasses)
{
    auto net = effectiveFactory(factory)(architecture, config, int(numClasses));
    if (!net) {
        auto e = net.error();
        if (e.code != ErrorCode::Mismatch)
            e = makeError(ErrorCode::Mismatch, "architecture '" + architecture + "' with this config: " + e.toString());
        return e;
    }
    if (!*net)
        return makeError(ErrorCode::Mismatch, "the factory built no network for '" + architecture + "'");
    return net;
}

QJsonArray labelsToJson(const std::vector<std::string> &labels)
{
    QJsonArray a;
    for (const auto &l : labels)
        a.append(QString::fromStdString(l));
    return a;
}

/** A field of the manifest: BadFormat naming the key when missing or of the wrong type. */
base::Result<QJsonValue> field(const QJsonObject &o, const char *key, QJsonValue::Type type, bool optional = false)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || (optional && v.isNull())) {
        if (optional)
            return QJsonValue(type == QJsonValue::Object ? QJsonValue(QJsonObject())
                                                         : (type == QJsonValue::Array ? QJsonValue(QJsonArray())
                                                                                      : QJsonValue()));
        return makeError(ErrorCode::BadFormat, std::string("bundle manifest: '") + key + "' is missing");
    }
    if (v.type() != type)
        return makeError(ErrorCode::BadFormat, std::string("bundle manifest: '") + key + "' has the wrong type");
    return v;
}

/** A FeatureConfig JSON that FeatureConfig::fromJson and validate() accept; `code` for the failure. */
base::Status checkFeatureConfig(const QJsonObject &json, const char *what, ErrorCode code)
{
    auto parsed = features::FeatureConfig::fromJson(json);
    if (!parsed)
        return makeError(code, std::string(what) + ": " + parsed.error().toString());
    auto valid = parsed->validate();
    if (!valid)
        return makeError(code, std::string(what) + ": " + valid.error().toString());
    return {};
}

struct Container
{
    std::uint32_t version = 0;
    std::string_view manifest;
    std::string_view weights;
};

base::Result<Container> openContainer(std::string_view bytes)
{
    if (bytes.empty())
        return makeError(ErrorCode::BadFormat, "empty file, not a model bundle");
    const std::size_t magicLen = std::min(bytes.size(), sizeof kMagic);
    if (std::memcmp(bytes.data(), kMagic, magicLen) != 0)
        return makeError(ErrorCode::BadFormat, "not a Genrescope model bundle (wrong magic)");
    if (bytes.size() < kHeaderSize)
        return makeError(ErrorCode::BadFormat, "truncated: " + std::to_string(bytes.size())
                                                   + " bytes, shorter than the bundle header");
    Container c;
    c.version = getU32(bytes, 8);
    if (c.version > kBundleFormatVersion)
        return makeError(ErrorCode::VersionTooNew, "bundle format version " + std::to_string(c.version)
                                                       + " is newer than this Genrescope reads ("
                                                       + std::to_string(kBundleFormatVersion) + ")");
    if (c.version == 0)
        return makeError(ErrorCode::BadFormat, "corrupt: bundle format version 0");
    const std::uint32_t headerSize = getU32(bytes, 12);
    if (headerSize != kHeaderSize)
        return makeError(ErrorCode::BadFormat, "corrupt: header size " + std::to_string(headerSize));
    const std::uint64_t manifestSize = getU64(bytes, 16);
    const std::uint64_t weightsSize = getU64(bytes, 24);
    const std::uint64_t available = bytes.size() - kHeaderSize;
    if (manifestSize > kMaxManifestBytes)
        return makeError(ErrorCode::BadFormat, "corrupt: manifest size " + std::to_string(manifestSize));
    if (manifestSize > available || weightsSize > available - manifestSize)
        return makeError(ErrorCode::BadFormat, "truncated: the header announces "
                                                   + std::to_string(kHeaderSize + manifestSize + weightsSize)
                                                   + " bytes, the file has " + std::to_string(bytes.size()));
    if (manifestSize + weightsSize != available)
        return makeError(ErrorCode::BadFormat, "corrupt: " + std::to_string(available - manifestSize - weightsSize)
                                                   + " unexpected bytes after the weights");
    c.manifest = bytes.substr(kHeaderSize, manifestSize);
    c.weights = bytes.substr(kHeaderSize + manifestSize, weightsSize);
    const QByteArray hash = sha256(bytes.substr(0, kHashedHeaderBytes), c.manifest, c.weights);
    if (std::memcmp(hash.constData(), bytes.data() + kHashedHeaderBytes, 32) != 0)
        return makeError(ErrorCode::BadFormat, "corrupt: checksum mismatch (the file was damaged)");
    return c;
}

base::Result<QJsonObject> parseManifest(std::string_view text)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(text.data(), qsizetype(text.size())), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(ErrorCode::BadFormat, "bundle manifest is not a JSON object: "
                                                   + err.errorString().toStdString());
    QJsonObject m = doc.object();
    if (m.value("format").toString() != QLatin1String(kFormatName))
        return makeError(ErrorCode::BadFormat, "bundle manifest: 'format' is not \"genrescope-model-bundle\"");
    return m;
}

base::Result<std::vector<TensorEntry>> parseTensorTable(const QJsonObject &manifest, std::uint64_t weightsSize)
{
    auto table = field(manifest, "tensors", QJsonValue::Array);
    if (!table)
        return table.error();
    std::vector<TensorEntry> out;
    std::map<std::string, int> seen;
    for (const QJsonValue &v : table->toArray()) {
        if (!v.isObject())
            return makeError(ErrorCode::BadFormat, "bundle manifest: a 'tensors' entry is not an object");
        const QJsonObject o = v.toObject();
        TensorEntry e;
        if (!o.value("name").isString() || !o.value("dtype").isString() || !o.value("shape").isArray()
            || !o.value("offset").isDouble() || !o.value("bytes").isDouble() || !o.value("kind").isString())
            return makeError(ErrorCode::BadFormat, "bundle manifest: a 'tensors' entry lacks name, kind, dtype, "
                                                   "shape, offset or bytes");
        e.name = o.value("name").toString().toStdString();
        if (seen[e.name]++)
            return makeError(ErrorCode::BadFormat, "bundle manifest: tensor '" + e.name + "' appears twice");
        const QString kind = o.value("kind").toString();
        if (kind != "parameter" && kind != "buffer")
            return makeError(ErrorCode::BadFormat, "bundle manifest: tensor '" + e.name + "' has kind '"
                                                       + kind.toStdString() + "'");
        e.buffer = kind == "buffer";
        const auto dtype = dtypeFromName(o.value("dtype").toString().toStdString());
        if (!dtype)
            return makeError(ErrorCode::BadFormat, "bundle manifest: tensor '" + e.name + "' has an unknown dtype");
        e.dtype = *dtype;
        std::uint64_t numel = 1;
        for (const QJsonValue &d : o.value("shape").toArray()) {
            const double x = d.toDouble(-1);
            if (!d.isDouble() || x < 0 || x > double(std::int64_t(1) << 40) || x != std::floor(x))
                return makeError(ErrorCode::BadFormat, "bundle manifest: tensor '" + e.name + "' has a bad shape");
            e.shape.push_back(std::int64_t(x));
            numel *= std::uint64_t(x);
            if (numel > (std::uint64_t(1) << 40))
                return makeError(ErrorCode::BadFormat, "bundle manifest: tensor '" + e.name + "' is too large");
        }
        const double offset = o.value("offset").toDouble(), bytes = o.value("bytes").toDouble();
        if (offset < 0 || bytes < 0 || offset != std::floor(offset) || bytes != std::floor(bytes))
            return makeError(ErrorCode::BadFormat, "bundle manifest: tensor '" + e.name + "' has a bad offset");
        e.offset = std::uint64_t(offset);
        e.bytes = std::uint64_t(bytes);
        if (e.bytes != numel * c10::elementSize(e.dtype))
            return makeError(ErrorCode::BadFormat, "bundle manifest: tensor '" + e.name
                                                       + "' byte count does not match its shape");
        if (e.offset > weightsSize || e.bytes > weightsSize - e.offset)
            return makeError(ErrorCode::BadFormat, "bundle manifest: tensor '" + e.name
                                                       + "' lies outside the weights");
        out.push_back(std::move(e));
    }
    return out;
}

base::Result<std::vector<std::string>> parseLabels(const QJsonObject &manifest)
{
    auto labels = field(manifest, "labels", QJsonValue::Array);
    if (!labels)
        return labels.error();
    std::vector<std::string> out;
    for (const QJsonValue &v : labels->toArray()) {
        if (!v.isString())
            return makeError(ErrorCode::BadFormat, "bundle manifest: 'labels' holds a non-string");
        out.push_back(v.toString().toStdString());
    }
    if (out.empty())
        return makeError(ErrorCode::BadFormat, "bundle manifest: 'labels' is empty");
    return out;
}

/**
 * A registry model's second input must be described as inference computes it (auxFeatureConfigFor):
 * a bundle declaring other statistics would be fed features it was not trained on. Bundles without
 * an auxFeatureConfig (hand-built or older) and architectures outside the registry are not checked.
 */
base::Status checkAuxFeatureConfig(const ModelBundle &b, ErrorCode code)
{
    const ModelSpec *spec = findModelSpec(b.architecture);
    if (!spec || b.auxFeatureConfig.isEmpty())
        return {};
    if (spec->auxRecipe.empty())
        return makeError(code, b.architecture + " has one input but the bundle describes a second one");
    auto main = features::FeatureConfig::fromJson(b.featureConfig);
    auto stored = features::FeatureConfig::fromJson(b.auxFeatureConfig);
    if (!main.ok() || !stored.ok())
        return makeError(code, "the bundle's feature configurations cannot be parsed");
    auto expected = auxFeatureConfigFor(b.architecture, *main);
    if (!expected.ok())
        return expected.error();
    if (!(*stored == *expected))
        return makeError(code, "the bundle's second input (recipe " + stored->recipe + ", hash " +
                                   stored->hash().substr(0, 12) + ") is not the one " + b.architecture +
                                   " is fed at inference (recipe " + expected->recipe + ", hash " +
                                   expected->hash().substr(0, 12) + ")");
    return {};
}

base::Result<ModelBundle> loadImpl(std::string_view bytes, const ModelFactory &factory)
{
    auto container = openContainer(bytes);
    if (!container)
        return container.error();
    auto manifest = parseManifest(container->manifest);
    if (!manifest)
        return manifest.error();
    const QJsonObject &m = *manifest;

    ModelBundle b;
    auto architecture = field(m, "architecture", QJsonValue::String);
    if (!architecture)
        return architecture.error();
    b.architecture = architecture->toString().toStdString();
    auto config = field(m, "config", QJsonValue::Object);
    if (!config)
        return config.error();
    b.config = config->toObject();
    auto featureConfig = field(m, "featureConfig", QJsonValue::Object);
    if (!featureConfig)
        return featureConfig.error();
    b.featureConfig = featureConfig->toObject();
    GS_TRY(checkFeatureConfig(b.featureConfig, "bundle manifest: 'featureConfig'", ErrorCode::BadFormat));
    auto aux = field(m, "auxFeatureConfig", QJsonValue::Object, true);
    if (!aux)
        return aux.error();
    b.auxFeatureConfig = aux->toObject();
    if (!b.auxFeatureConfig.isEmpty())
        GS_TRY(checkFeatureConfig(b.auxFeatureConfig, "bundle manifest: 'auxFeatureConfig'", ErrorCode::BadFormat));
    auto labels = parseLabels(m);
    if (!labels)
        return labels.error();
    b.labels = std::move(*labels);
    auto norm = Normalization::fromJson(m.value("normalization"));
    if (!norm)
        return makeError(ErrorCode::BadFormat, "bundle manifest: " + norm.error().detail);
    b.normalization = std::move(*norm);
    auto auxNorm = Normalization::fromJson(m.value("auxNormalization"));
    if (!auxNorm)
        return makeError(ErrorCode::BadFormat, "bundle manifest: aux " + auxNorm.error().detail);
    b.auxNormalization = std::move(*auxNorm);
    auto history = field(m, "history", QJsonValue::Array, true);
    if (!history)
        return history.error();
    b.history = history->toArray();
    for (const char *key : {"evaluation", "provenance", "card"}) {
        auto v = field(m, key, QJsonValue::Object, true);
        if (!v)
            return v.error();
        QJsonObject &dst = std::strcmp(key, "evaluation") == 0 ? b.evaluation
                           : std::strcmp(key, "provenance") == 0 ? b.provenance
                                                                 : b.card;
        dst = v->toObject();
    }
    auto entries = parseTensorTable(m, container->weights.size());
    if (!entries)
        return entries.error();

    auto net = buildNet(factory, b.architecture, b.config, b.labels.size());
    if (!net)
        return net.error();
    const std::vector<NamedTensor> want = namedTensors(**net);
    GS_TRY(compareTensors(*entries, want));

    torch::NoGradGuard noGrad;
    std::map<std::string, const TensorEntry *> byName;
    for (const auto &e : *entries)
        byName[e.name] = &e;
    for (const auto &w : want) {
        const TensorEntry &e = *byName.at(w.name);
        torch::Tensor src = torch::empty(e.shape, torch::TensorOptions().dtype(e.dtype));
        if (e.bytes)
            std::memcpy(src.data_ptr(), container->weights.data() + e.offset, e.bytes);
        w.tensor.copy_(src);
    }
    (*net)->eval();
    b.net = std::move(*net);
    GS_TRY(checkAuxFeatureConfig(b, ErrorCode::Mismatch));
    return b;
}

} // namespace

base::Result<features::FeatureConfig> featureConfigOf(const ModelBundle &bundle)
{
    return features::FeatureConfig::fromJson(bundle.featureConfig);
}

base::Result<features::FeatureConfig> auxFeatureConfigOf(const ModelBundle &bundle)
{
    if (bundle.auxFeatureConfig.isEmpty())
        return makeError(ErrorCode::InvalidArgument, "the bundle's model has no second input");
    return features::FeatureConfig::fromJson(bundle.auxFeatureConfig);
}

base::Result<features::FeatureConfig> auxFeatureConfigFor(const std::string &architecture,
                                                          const features::FeatureConfig &main)
{
    const ModelSpec *spec = findModelSpec(architecture);
    if (!spec)
        return makeError(ErrorCode::InvalidArgument, "unknown model '" + architecture + "'");
    if (spec->auxRecipe.empty())
        return makeError(ErrorCode::InvalidArgument, architecture + " has no second input");
    auto aux = features::recipe(spec->auxRecipe);
    if (!aux.ok())
        return aux.error();
    aux->sampleRate = main.sampleRate;
    aux->segmentLength = main.segmentLength;
    aux->segmentHop = main.segmentHop;
    aux->maxSegments = main.maxSegments;
    aux->segmentAlign = main.segmentAlign;
    aux->padShort = main.padShort;
    return *aux;
}

bool looksLikeBundle(std::string_view firstBytes)
{
    return firstBytes.size() >= sizeof kMagic && std::memcmp(firstBytes.data(), kMagic, sizeof kMagic) == 0;
}

base::Result<std::string> serializeBundle(const ModelBundle &bundle, const ModelFactory &factory)
{
    try {
        if (!bundle.net)
            return makeError(ErrorCode::InvalidArgument, "the bundle has no network");
        if (bundle.labels.empty())
            return makeError(ErrorCode::InvalidArgument, "the bundle has no labels");
        if (bundle.architecture.empty())
            return makeError(ErrorCode::InvalidArgument, "the bundle names no architecture");
        if (bundle.featureConfig.isEmpty())
            return makeError(ErrorCode::InvalidArgument, "the bundle has no FeatureConfig");
        GS_TRY(checkFeatureConfig(bundle.featureConfig, "featureConfig", ErrorCode::InvalidArgument));
        if (!bundle.auxFeatureConfig.isEmpty())
            GS_TRY(checkFeatureConfig(bundle.auxFeatureConfig, "auxFeatureConfig", ErrorCode::InvalidArgument));
        GS_TRY(checkAuxFeatureConfig(bundle, ErrorCode::Mismatch));

        // With the registry, the stored config is the normalised one: every switch explicit, so a later
        // change of a default cannot change what the bundle means.
        QJsonObject config = bundle.config;
        if (!factory) {
            auto normalized = normalizedConfig(bundle.architecture, bundle.config);
            if (!normalized)
                return makeError(ErrorCode::Mismatch, "architecture '" + bundle.architecture
                                                          + "' with this config: " + normalized.error().toString());
            config = *normalized;
        }

        const std::vector<NamedTensor> have = namedTensors(*bundle.net);
        {
            auto fresh = buildNet(factory, bundle.architecture, config, bundle.labels.size());
            if (!fresh)
                return fresh.error();
            GS_TRY(compareTensors(entriesOf(have), namedTensors(**fresh)));
        }

        std::string weights;
        QJsonArray table;
        for (const auto &t : have) {
            const auto name = dtypeName(t.tensor.scalar_type());
            if (!name)
                return makeError(ErrorCode::InvalidArgument, "tensor '" + t.name + "' has an unsupported dtype");
            const torch::Tensor c = t.tensor.detach().to(torch::kCPU).contiguous();
            const std::size_t n = std::size_t(c.numel()) * c.element_size();
            QJsonObject e;
            e.insert("name", QString::fromStdString(t.name));
            e.insert("kind", t.buffer ? "buffer" : "parameter");
            e.insert("dtype", QString::fromStdString(*name));
            QJsonArray shape;
            for (auto d : c.sizes())
                shape.append(qint64(d));
            e.insert("shape", shape);
            e.insert("offset", qint64(weights.size()));
            e.insert("bytes", qint64(n));
            table.append(e);
            weights.append(static_cast<const char *>(c.data_ptr()), n);
        }

        QJsonObject provenance = bundle.provenance;
        if (!provenance.contains("appVersion"))
            provenance.insert("appVersion", QString::fromLatin1(base::kAppVersion));
        if (!provenance.contains("libtorchVersion"))
            provenance.insert("libtorchVersion", QString::fromLatin1(TORCH_VERSION));
        if (!provenance.contains("savedAt"))
            provenance.insert("savedAt", QDateTime::currentDateTimeUtc().toString(Qt::ISODate));

        QJsonObject m;
        m.insert("format", QLatin1String(kFormatName));
        m.insert("formatVersion", qint64(kBundleFormatVersion));
        m.insert("architecture", QString::fromStdString(bundle.architecture));
        m.insert("config", config);
        m.insert("featureConfig", bundle.featureConfig);
        m.insert("auxFeatureConfig", bundle.auxFeatureConfig);
        m.insert("labels", labelsToJson(bundle.labels));
        m.insert("normalization", bundle.normalization.toJson());
        m.insert("auxNormalization", bundle.auxNormalization.toJson());
        m.insert("history", bundle.history);
        m.insert("evaluation", bundle.evaluation);
        m.insert("provenance", provenance);
        m.insert("card", bundle.card);
        m.insert("tensors", table);
        const QByteArray manifest = QJsonDocument(m).toJson(QJsonDocument::Indented);

        std::string out(kHeaderSize, '\0');
        std::memcpy(out.data(), kMagic, sizeof kMagic);
        putU32(out, 8, kBundleFormatVersion);
        putU32(out, 12, std::uint32_t(kHeaderSize));
        putU64(out, 16, std::uint64_t(manifest.size()));
        putU64(out, 24, std::uint64_t(weights.size()));
        const std::string_view manifestView(manifest.constData(), std::size_t(manifest.size()));
        const QByteArray hash = sha256(std::string_view(out).substr(0, kHashedHeaderBytes), manifestView, weights);
        std::memcpy(out.data() + kHashedHeaderBytes, hash.constData(), 32);
        out.append(manifestView);
        out.append(weights);
        return out;
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Internal, std::string("saving the bundle: ") + e.what());
    }
}

base::Status saveBundle(const ModelBundle &bundle, const std::filesystem::path &path, const ModelFactory &factory)
{
    auto bytes = serializeBundle(bundle, factory);
    if (!bytes)
        return bytes.error();
    return base::writeFileAtomically(path, *bytes);
}

base::Result<ModelBundle> loadBundleFromBytes(std::string_view bytes, const ModelFactory &factory)
{
    try {
        return loadImpl(bytes, factory);
    } catch (const c10::Error &e) {
        return makeError(ErrorCode::Mismatch, std::string("loading the bundle: ") + e.what_without_backtrace());
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Internal, std::string("loading the bundle: ") + e.what());
    }
}

base::Result<ModelBundle> loadBundle(const std::filesystem::path &path, const ModelFactory &factory)
{
    auto bytes = base::readFile(path);
    if (!bytes)
        return bytes.error();
    auto b = loadBundleFromBytes(*bytes, factory);
    if (!b) {
        auto e = b.error();
        e.detail = path.string() + ": " + e.detail;
        return e;
    }
    return b;
}

base::Result<QJsonObject> readBundleManifest(std::string_view bytes)
{
    try {
        auto container = openContainer(bytes);
        if (!container)
            return container.error();
        auto manifest = parseManifest(container->manifest);
        if (!manifest)
            return manifest.error();
        auto entries = parseTensorTable(*manifest, container->weights.size());
        if (!entries)
            return entries.error();
        return manifest;
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Internal, std::string("reading the bundle manifest: ") + e.what());
    }
}

} // namespace genrescope::models
