#include "registry.h"

#include "bbnn.h"
#include "bcnn.h"
#include "choi.h"
#include "genrenet.h"
#include "mlfi.h"
#include "mlp.h"
#include "seed004.h"

#include <QJsonArray>

#include <cmath>
#include <exception>

namespace genrescope::models {

using base::ErrorCode;
using base::makeError;

namespace {

SwitchSpec boolSwitch(std::string key, bool def, std::string help)
{
    return {std::move(key), "bool", QJsonValue(def), {}, std::move(help)};
}
SwitchSpec intSwitch(std::string key, int def, std::string help)
{
    return {std::move(key), "int", QJsonValue(def), {}, std::move(help)};
}
SwitchSpec doubleSwitch(std::string key, double def, std::string help)
{
    return {std::move(key), "double", QJsonValue(def), {}, std::move(help)};
}
SwitchSpec enumSwitch(std::string key, std::string def, std::vector<std::string> choices, std::string help)
{
    return {std::move(key), "enum", QJsonValue(QString::fromStdString(def)), std::move(choices), std::move(help)};
}

std::vector<ModelSpec> buildSpecs()
{
    const SwitchSpec labelSmoothing =
        doubleSwitch("label_smoothing", 0.0,
                     "label-smoothing epsilon for the training loss (Table III: 0.1); changes no parameter");
    std::vector<ModelSpec> s;
    s.push_back({"choi-fcn", "choi", "choi-f1", "", {1, 96, 1366}, 0,
                 "Choi et al. 2016 fully convolutional tagger with a 10-way softmax head (seed 001)",
                 {enumSwitch("variant", "code", {"code", "weights"},
                             "code: widths 64,128,128,128,64 (HEAD); weights: 32,128,128,192,256 + Dropout 0.5 "
                             "(the released weight file)"),
                  enumSwitch("input_bn_axis", "freq", {"freq", "time"},
                             "input BatchNorm per mel bin (code) or per frame (weights, fixes 1366 frames)")}});
    s.push_back({"choi-crnn", "choi", "choi-f1", "", {1, 96, 1366}, 0,
                 "Choi et al. 2017 convolutional recurrent tagger (4 conv + 2 GRU) with a 10-way head (seed 001)",
                 {enumSwitch("input_bn_axis", "freq", {"freq", "time"},
                             "input BatchNorm per mel bin (code) or per padded frame (weights, 1440)"),
                  doubleSwitch("dropout", 0.1, "dropout after each conv block (0.5 when the weights were saved)")}});
    s.push_back(
        {"bbnn", "bbnn", "bbnn-f2", "", {1, 646, 128}, 0,
         "Liu et al. bottom-up broadcast neural network, with every Table III switch of Heakl et al. (seed 003)",
         {boolSwitch("remove3x3", false, "inception branch (b) stops after its BN-ReLU"),
          boolSwitch("replace5x5", false, "inception branch (c) uses a 3x3 instead of the 5x5"),
          enumSwitch("global_pool", "avg", {"avg", "max"}, "global pooling before the classifier"),
          doubleSwitch("dropout_p", 0.0, "dropout before the final Linear (Table III: 0.4), 0..<1"),
          intSwitch("n_blocks", 3, "dense blocks, 1..5 (default 3; 4 when block_type=xception, as its notebook)"),
          enumSwitch("act", "relu", {"relu", "selu"}, "activation everywhere (selu switches to lecun-normal init)"),
          enumSwitch("norm", "bn", {"bn", "group"}, "BatchNorm or GroupNorm with 16 channels per group"),
          labelSmoothing,
          boolSwitch("se", false, "squeeze-excitation (global max squeeze, ratio 8) on each block output"),
          boolSwitch("lstm_branch", false, "fifth branch: Conv1x1 -> LSTM(128 mel -> 32) over time [recon]"),
          enumSwitch("block_type", "inception", {"inception", "inception_resnet_v1", "xception"},
                     "block design; inception_resnet_v1 is a scaled-down reconstruction")}});
    s.push_back({"broadcast", "bbnn", "bbnn-f2", "", {1, 646, 128}, 0,
                 "Heakl et al. proposed broadcast network: 4 blocks, 3x3 removed, 5x5 -> 3x3, lecun init (seed 003)",
                 {boolSwitch("factorize", false, "3x3 as 3x1 then 1x3, as the paper's text and figure"),
                  enumSwitch("transition", "code", {"code", "figure"},
                             "code: Conv-BN-ReLU-MaxPool; figure: BN-Conv-AvgPool and no ReLU in the decision"),
                  labelSmoothing}});
    s.push_back({"mlfi", "mlfi", "mlfi-f3", "stats55", {1, 128, 130}, 55,
                 "Liu, Wang & Zha 2021 multi-level feature interaction, 3-s segments + 55 statistics (seed 002) "
                 "[recon]",
                 {enumSwitch("mode", "benchmark", {"benchmark", "audio", "vision", "two-way"},
                             "where the visual and audio modules interact"),
                  enumSwitch("submode", "B", {"A", "B"}, "A: the conv vector joins the MLP; B: the GRU state"),
                  intSwitch("audio_path", 1, "audio/two-way: join after D1..D4 (1..4); two-way pairs 1-e 2-d 3-c 4-b"),
                  enumSwitch("vision_path", "c", {"a", "b", "c", "d", "e"},
                             "vision mode: D5/D4/D3/D2/D1 feeds the GRU (ignored in two-way)")}});
    s.push_back({"bcnn-r50-d201", "bcnn", "bcnn-f5", "", {3, 128, 1500}, 0,
                 "BCNN (seed 000): ResNet-50 + DenseNet-201 concatenated, torchvision layouts trained from scratch",
                 {}});
    s.push_back({"bcnn-r18-d121", "bcnn", "bcnn-f5", "", {3, 128, 1500}, 0,
                 "BCNN (seed 000), lighter pair: ResNet-18 + DenseNet-121, trained from scratch", {}});
    s.push_back({"bcnn-small", "bcnn", "bcnn-small-f5", "", {3, 128, 600}, 0,
                 "BCNN CPU variant (seed 000) [recon]: ResNet-10-narrow + DenseNet-BC-narrow", {}});
    s.push_back({"seed004-lstm", "seed004", "seed004-f7", "", {20, 72}, 0,
                 "Bai & Wang two-layer LSTM (80) over 20-frame pieces of 72 bands (seed 004)", {}});
    s.push_back({"seed004-cnn", "seed004", "seed004-f6", "", {1, 33, 166}, 0,
                 "Bai & Wang CNN: four 5x5 conv layers + 2 FC on 33x166 pieces (seed 004) [recon]",
                 {doubleSwitch("dropout", 0.5, "dropout in the FC part (paper: 0.4, 0.6 when overfitting)")}});
    s.push_back({"seed004-simple-cnn", "seed004", "seed004-f6", "", {1, 33, 166}, 0,
                 "Bai & Wang simple CNN ablation: 2 conv + 2 FC (seed 004) [recon]",
                 {doubleSwitch("dropout", 0.5, "dropout between the two FC layers")}});
    s.push_back({"seed004-rcnn", "seed004", "seed004-f6", "", {1, 33, 166}, 0,
                 "Bai & Wang RCNN with Liang & Hu recurrent conv layers, BN per step (seed 004) [recon]",
                 {doubleSwitch("dropout", 0.5, "dropout after the 2nd and 3rd pooling")}});
    s.push_back({"mlp", "mlp", "stats57", "", {57}, 0,
                 "Plain MLP over the 57 GTZAN statistics (features_30_sec.csv columns), a fast baseline",
                 {intSwitch("hidden1", 256, "width of the first hidden layer, 1..4096"),
                  intSwitch("hidden2", 128, "width of the second hidden layer, 0..4096 (0: one hidden layer)"),
                  boolSwitch("batch_norm", true, "BatchNorm1d after each hidden Linear"),
                  doubleSwitch("dropout", 0.3, "dropout after each hidden layer, 0..<1")}});
    return s;
}

base::Error invalid(const std::string &model, const std::string &detail)
{
    return makeError(ErrorCode::InvalidArgument, model + ": " + detail);
}

std::string str(const QJsonObject &c, const char *key)
{
    return c.value(QLatin1String(key)).toString().toStdString();
}
double num(const QJsonObject &c, const char *key)
{
    return c.value(QLatin1String(key)).toDouble();
}
bool flag(const QJsonObject &c, const char *key)
{
    return c.value(QLatin1String(key)).toBool();
}

/** Ranges and combinations the switch types cannot express. */
base::Status checkSemantics(const ModelSpec &spec, const QJsonObject &c)
{
    auto fraction = [&](const char *key) -> base::Status {
        const double v = num(c, key);
        if (!(v >= 0.0 && v < 1.0))
            return invalid(spec.name, std::string(key) + " must be in [0, 1), got " + std::to_string(v));
        return {};
    };
    for (const auto &sw : spec.switches)
        if (sw.type == "double")
            GS_TRY(fraction(sw.key.c_str()));
    if (spec.name == "bbnn") {
        const double n = num(c, "n_blocks");
        if (n < 1 || n > 5)
            return invalid(spec.name, "n_blocks must be 1..5");
        if (str(c, "block_type") != "inception") {
            for (const char *key : {"remove3x3", "replace5x5", "se", "lstm_branch"})
                if (flag(c, key))
                    return invalid(spec.name, std::string(key) + " applies to block_type=inception only");
        }
    } else if (spec.name == "mlfi") {
        const double p = num(c, "audio_path");
        if (p < 1 || p > 4)
            return invalid(spec.name, "audio_path must be 1..4");
    } else if (spec.name == "mlp") {
        if (num(c, "hidden1") < 1 || num(c, "hidden1") > 4096)
            return invalid(spec.name, "hidden1 must be 1..4096");
        if (num(c, "hidden2") < 0 || num(c, "hidden2") > 4096)
            return invalid(spec.name, "hidden2 must be 0..4096");
    }
    return {};
}

BroadcastConfig broadcastConfig(const std::string &name, const QJsonObject &c)
{
    if (name == "broadcast") {
        auto b = BroadcastConfig::heaklProposed();
        b.factorize = flag(c, "factorize");
        b.transition = str(c, "transition") == "figure" ? BroadcastTransition::Figure : BroadcastTransition::Code;
        return b;
    }
    auto b = BroadcastConfig::bbnn();
    b.remove3x3 = flag(c, "remove3x3");
    b.replace5x5 = flag(c, "replace5x5");
    b.globalPool = str(c, "global_pool") == "max" ? BroadcastPool::Max : BroadcastPool::Average;
    b.dropoutP = num(c, "dropout_p");
    b.nBlocks = int(num(c, "n_blocks"));
    b.act = str(c, "act") == "selu" ? BroadcastActivation::Selu : BroadcastActivation::Relu;
    b.norm = str(c, "norm") == "group" ? BroadcastNorm::Group : BroadcastNorm::Batch;
    b.se = flag(c, "se");
    b.lstmBranch = flag(c, "lstm_branch");
    const auto type = str(c, "block_type");
    b.blockType = type == "xception"              ? BroadcastBlockType::Xception
                  : type == "inception_resnet_v1" ? BroadcastBlockType::InceptionResnetV1
                                                  : BroadcastBlockType::Inception;
    b.init = b.act == BroadcastActivation::Selu ? InitScheme::LecunNormal : InitScheme::GlorotUniform;
    return b;
}

GenreNet build(const std::string &name, const QJsonObject &c, int numClasses)
{
    if (name == "choi-fcn") {
        ChoiFcnConfig f;
        f.weightFileVariant = str(c, "variant") == "weights";
        f.inputBnAxis = str(c, "input_bn_axis") == "time" ? ChoiBnAxis::Time : ChoiBnAxis::Frequency;
        return std::make_shared<ChoiFcnImpl>(f, numClasses);
    }
    if (name == "choi-crnn") {
        ChoiCrnnConfig f;
        f.inputBnAxis = str(c, "input_bn_axis") == "time" ? ChoiBnAxis::Time : ChoiBnAxis::Frequency;
        f.dropout = num(c, "dropout");
        return std::make_shared<ChoiCrnnImpl>(f, numClasses);
    }
    if (name == "bbnn" || name == "broadcast")
        return std::make_shared<BroadcastNetImpl>(broadcastConfig(name, c), numClasses);
    if (name == "mlfi") {
        MlfiConfig m;
        const auto mode = str(c, "mode");
        m.mode = mode == "audio"     ? MlfiMode::Audio
                 : mode == "vision"  ? MlfiMode::Vision
                 : mode == "two-way" ? MlfiMode::TwoWay
                                     : MlfiMode::Benchmark;
        m.submode = str(c, "submode") == "A" ? MlfiSubmode::A : MlfiSubmode::B;
        m.audioPath = int(num(c, "audio_path"));
        m.visionPath = str(c, "vision_path").at(0);
        return std::make_shared<MlfiNetImpl>(m, numClasses);
    }
    if (name == "bcnn-r50-d201")
        return std::make_shared<BcnnNetImpl>(BcnnVariant::Resnet50Densenet201, numClasses);
    if (name == "bcnn-r18-d121")
        return std::make_shared<BcnnNetImpl>(BcnnVariant::Resnet18Densenet121, numClasses);
    if (name == "bcnn-small")
        return std::make_shared<BcnnNetImpl>(BcnnVariant::Small, numClasses);
    if (name == "seed004-lstm")
        return std::make_shared<Seed004LstmImpl>(numClasses);
    if (name == "seed004-cnn")
        return std::make_shared<Seed004CnnImpl>(false, num(c, "dropout"), numClasses);
    if (name == "seed004-simple-cnn")
        return std::make_shared<Seed004CnnImpl>(true, num(c, "dropout"), numClasses);
    if (name == "seed004-rcnn")
        return std::make_shared<Seed004RcnnImpl>(num(c, "dropout"), numClasses);
    if (name == "mlp") {
        MlpConfig m;
        m.hidden = {std::int64_t(num(c, "hidden1"))};
        if (num(c, "hidden2") > 0)
            m.hidden.push_back(std::int64_t(num(c, "hidden2")));
        m.batchNorm = flag(c, "batch_norm");
        m.dropout = num(c, "dropout");
        return std::make_shared<MlpNetImpl>(m, 57, numClasses);
    }
    return nullptr;
}

} // namespace

const std::vector<ModelSpec> &modelSpecs()
{
    static const std::vector<ModelSpec> specs = buildSpecs();
    return specs;
}

const ModelSpec *findModelSpec(const std::string &name)
{
    for (const auto &s : modelSpecs())
        if (s.name == name)
            return &s;
    return nullptr;
}

base::Result<QJsonObject> normalizedConfig(const std::string &name, const QJsonObject &config)
{
    const ModelSpec *spec = findModelSpec(name);
    if (!spec)
        return makeError(ErrorCode::InvalidArgument, "unknown model '" + name + "'");
    for (auto it = config.begin(); it != config.end(); ++it) {
        const std::string key = it.key().toStdString();
        bool known = false;
        for (const auto &sw : spec->switches)
            known = known || sw.key == key;
        if (!known)
            return invalid(name, "unknown switch '" + key + "'");
    }
    QJsonObject out;
    for (const auto &sw : spec->switches) {
        const QString key = QString::fromStdString(sw.key);
        QJsonValue v = config.value(key);
        if (v.isUndefined()) {
            v = sw.defaultValue;
            if (name == "bbnn" && sw.key == "n_blocks" && config.value("block_type").toString() == "xception")
                v = 4;
        } else if (sw.type == "bool" && !v.isBool()) {
            return invalid(name, sw.key + " must be true or false");
        } else if (sw.type == "double" && !v.isDouble()) {
            return invalid(name, sw.key + " must be a number");
        } else if (sw.type == "int" && (!v.isDouble() || std::trunc(v.toDouble()) != v.toDouble())) {
            return invalid(name, sw.key + " must be an integer");
        } else if (sw.type == "enum") {
            const std::string s = v.isString() ? v.toString().toStdString() : std::string();
            bool ok = false;
            for (const auto &c : sw.choices)
                ok = ok || c == s;
            if (!ok) {
                std::string list;
                for (const auto &c : sw.choices)
                    list += (list.empty() ? "" : ", ") + c;
                return invalid(name, sw.key + " must be one of " + list);
            }
        }
        out.insert(key, v);
    }
    GS_TRY(checkSemantics(*spec, out));
    return out;
}

base::Result<GenreNet> createModel(const std::string &name, const QJsonObject &config, int numClasses)
{
    if (numClasses < 2 || numClasses > 100000)
        return makeError(ErrorCode::InvalidArgument, "number of classes must be at least 2");
    auto normalized = normalizedConfig(name, config);
    if (!normalized)
        return normalized.error();
    try {
        GenreNet net = build(name, *normalized, numClasses);
        if (!net)
            return makeError(ErrorCode::Internal, "no builder for model '" + name + "'");
        return net;
    } catch (const c10::Error &e) {
        return makeError(ErrorCode::Internal, name + ": " + e.what_without_backtrace());
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Internal, name + ": " + e.what());
    }
}

base::Result<std::vector<std::int64_t>> inputShapeFor(const std::string &name, const QJsonObject &config)
{
    auto normalized = normalizedConfig(name, config);
    if (!normalized)
        return normalized.error();
    // No switch changes the input: MLFI's vision paths lengthen the GRU sequence, not the segment.
    return findModelSpec(name)->inputShape;
}

base::Result<ModelSize> modelSize(const std::string &name, const QJsonObject &config, int numClasses)
{
    auto net = createModel(name, config, numClasses);
    if (!net)
        return net.error();
    ModelSize size;
    size.parameters = countParameters(**net);
    for (const auto &b : (*net)->named_buffers()) {
        if (b.key().find("num_batches_tracked") == std::string::npos)
            size.buffers += b.value().numel();
    }
    return size;
}

base::Result<QJsonValue> parseSwitchValue(const SwitchSpec &spec, const std::string &text)
{
    const QString t = QString::fromStdString(text).trimmed();
    if (spec.type == "bool") {
        if (t == "true" || t == "1" || t == "on" || t == "yes")
            return QJsonValue(true);
        if (t == "false" || t == "0" || t == "off" || t == "no")
            return QJsonValue(false);
        return makeError(ErrorCode::InvalidArgument, spec.key + ": '" + text + "' is not true or false");
    }
    if (spec.type == "int") {
        bool ok = false;
        const int v = t.toInt(&ok);
        if (!ok)
            return makeError(ErrorCode::InvalidArgument, spec.key + ": '" + text + "' is not an integer");
        return QJsonValue(v);
    }
    if (spec.type == "double") {
        bool ok = false;
        const double v = t.toDouble(&ok);
        if (!ok || !std::isfinite(v))
            return makeError(ErrorCode::InvalidArgument, spec.key + ": '" + text + "' is not a number");
        return QJsonValue(v);
    }
    return QJsonValue(t); // enum: normalizedConfig checks the choice
}

} // namespace genrescope::models
