#include "training/trainer.h"

#include "base/atomicfile.h"
#include "base/version.h"
#include "features/featureconfig.h"
#include "features/recipes.h"
#include "models/genrenet.h"
#include "models/registry.h"
#include "training/traininginfo.h"

#include <torch/torch.h>

#include <QDateTime>
#include <QJsonDocument>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <random>
#include <sstream>

namespace genrescope::training {

using base::ErrorCode;
using base::makeError;

namespace {

constexpr char kMagic[8] = {'G', 'S', 'C', 'K', 'P', 'T', '\0', '\1'};

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

/** Doubles that steer decisions travel bit-exactly (JSON text could round them). */
QString exactDouble(double v)
{
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    return QString::number(qulonglong(bits), 16);
}
double fromExact(const QJsonValue &v, double fallback)
{
    bool ok = false;
    const qulonglong bits = v.toString().toULongLong(&ok, 16);
    if (!ok)
        return fallback;
    double d;
    std::uint64_t b = bits;
    std::memcpy(&d, &b, sizeof d);
    return d;
}

std::uint64_t mixSeed(std::uint64_t seed, std::uint64_t epoch)
{
    // splitmix64 of (seed, epoch): independent streams per epoch.
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (epoch + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

std::string saveModule(torch::nn::Module &m)
{
    torch::serialize::OutputArchive a;
    m.save(a);
    std::ostringstream os;
    a.save_to(os);
    return os.str();
}

void loadModule(torch::nn::Module &m, const std::string &bytes)
{
    torch::serialize::InputArchive a;
    std::istringstream is(bytes);
    a.load_from(is);
    m.load(a);
}

std::string saveOptimizer(torch::optim::Optimizer &o)
{
    torch::serialize::OutputArchive a;
    o.save(a);
    std::ostringstream os;
    a.save_to(os);
    return os.str();
}

void loadOptimizer(torch::optim::Optimizer &o, const std::string &bytes)
{
    torch::serialize::InputArchive a;
    std::istringstream is(bytes);
    a.load_from(is);
    o.load(a);
}

void putBlob(std::string &out, const std::string &blob)
{
    const std::uint64_t n = blob.size();
    out.append(reinterpret_cast<const char *>(&n), sizeof n);
    out += blob;
}

bool getBlob(std::string_view &in, std::string &blob)
{
    std::uint64_t n = 0;
    if (in.size() < sizeof n)
        return false;
    std::memcpy(&n, in.data(), sizeof n);
    in.remove_prefix(sizeof n);
    if (in.size() < n)
        return false;
    blob.assign(in.data(), std::size_t(n));
    in.remove_prefix(std::size_t(n));
    return true;
}

struct Checkpoint
{
    QJsonObject header;
    std::string model, optimizer, best;
};

base::Result<Checkpoint> readCheckpoint(const std::filesystem::path &path)
{
    auto bytes = base::readFile(path);
    if (!bytes.ok())
        return bytes.error();
    std::string_view in(*bytes);
    if (in.size() < sizeof kMagic || std::memcmp(in.data(), kMagic, sizeof kMagic) != 0)
        return makeError(ErrorCode::BadFormat, path.string() + ": not a Genrescope checkpoint");
    in.remove_prefix(sizeof kMagic);
    Checkpoint c;
    std::string json;
    if (!getBlob(in, json) || !getBlob(in, c.model) || !getBlob(in, c.optimizer) || !getBlob(in, c.best))
        return makeError(ErrorCode::BadFormat, path.string() + ": truncated checkpoint");
    QJsonParseError err{};
    const auto doc = QJsonDocument::fromJson(QByteArray(json.data(), qsizetype(json.size())), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(ErrorCode::BadFormat, path.string() + ": checkpoint header is not JSON");
    c.header = doc.object();
    if (c.header.value(QStringLiteral("format")).toInt() > kCheckpointFormatVersion)
        return makeError(ErrorCode::VersionTooNew, path.string());
    return c;
}

base::Status writeCheckpoint(const std::filesystem::path &path, const Checkpoint &c)
{
    std::string out(kMagic, sizeof kMagic);
    const QByteArray json = QJsonDocument(c.header).toJson(QJsonDocument::Compact);
    putBlob(out, std::string(json.constData(), std::size_t(json.size())));
    putBlob(out, c.model);
    putBlob(out, c.optimizer);
    putBlob(out, c.best);
    return base::writeFileAtomically(path, out);
}

/** Band (or feature) axis of one item for per-band normalisation, and its name. */
std::pair<int, std::string> bandAxis(const features::FeatureConfig &fc, std::size_t rank)
{
    if (rank <= 1)
        return {0, "feature"};
    const bool framesByBins = fc.layout == features::Layout::FramesByBins;
    const int spatial0 = rank >= 3 ? 1 : 0; // [C, H, W] or [H, W]
    return {framesByBins ? spatial0 + 1 : spatial0, fc.frontEnd == features::FrontEnd::Mfcc ? "mfcc" : "band"};
}

int timeAxis(const features::FeatureConfig &fc, std::size_t rank)
{
    if (rank <= 1)
        return -1;
    const int spatial0 = rank >= 3 ? 1 : 0;
    return fc.layout == features::Layout::FramesByBins ? spatial0 : spatial0 + 1;
}

struct SideTensors
{
    torch::Tensor x;   // [N, item...]
    torch::Tensor aux; // [N, auxItem...] for two-input models, else undefined
    torch::Tensor y;   // [N] int64
};

SideTensors gather(const PreparedData &data, const std::vector<std::size_t> &songs, bool withAux)
{
    const std::size_t itemSize = data.itemSize();
    std::int64_t n = 0;
    for (auto s : songs)
        n += data.songs[s].items;
    std::vector<std::int64_t> shape{n};
    shape.insert(shape.end(), data.itemShape.begin(), data.itemShape.end());
    SideTensors t;
    t.x = torch::empty(shape, torch::kFloat32);
    t.y = torch::empty({n}, torch::kInt64);
    float *xp = t.x.data_ptr<float>();
    const std::size_t auxSize = data.auxItemSize();
    float *ap = nullptr;
    if (withAux) {
        std::vector<std::int64_t> auxShape{n};
        auxShape.insert(auxShape.end(), data.auxItemShape.begin(), data.auxItemShape.end());
        t.aux = torch::empty(auxShape, torch::kFloat32);
        ap = t.aux.data_ptr<float>();
    }
    std::int64_t *yp = t.y.data_ptr<std::int64_t>();
    std::int64_t row = 0;
    for (auto s : songs) {
        const auto &song = data.songs[s];
        std::memcpy(xp + std::size_t(row) * itemSize, song.data.data(), song.data.size() * sizeof(float));
        if (ap)
            std::memcpy(ap + std::size_t(row) * auxSize, song.aux.data(), song.aux.size() * sizeof(float));
        for (std::int64_t i = 0; i < song.items; ++i)
            yp[row + i] = song.label;
        row += song.items;
    }
    return t;
}

models::Normalization computeNormalization(const torch::Tensor &x, int axis, const std::string &name)
{
    models::Normalization n;
    n.axis = axis;
    n.axisName = name;
    const auto moved = x.movedim(axis + 1, 1).contiguous();
    const auto flat = moved.reshape({moved.size(0), moved.size(1), -1}).to(torch::kFloat64);
    const std::vector<std::int64_t> dims{0, 2};
    const torch::Tensor mu = flat.mean(dims);
    const torch::Tensor var = (flat - mu.view({1, -1, 1})).pow(2).mean(dims);
    const torch::Tensor sd = var.sqrt();
    for (std::int64_t i = 0; i < mu.size(0); ++i) {
        n.mean.push_back(static_cast<float>(mu[i].item<double>()));
        const double s = sd[i].item<double>();
        n.std.push_back(std::isfinite(s) && s > 1e-6 ? float(s) : 1.0f);
    }
    return n;
}

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const TrainerOptions &o, std::vector<torch::Tensor> params)
{
    switch (o.optimizer) {
    case OptimizerKind::Adam:
        return std::make_unique<torch::optim::Adam>(
            params, torch::optim::AdamOptions(o.learningRate).weight_decay(o.weightDecay));
    case OptimizerKind::AdamW:
        return std::make_unique<torch::optim::AdamW>(
            params, torch::optim::AdamWOptions(o.learningRate).weight_decay(o.weightDecay));
    case OptimizerKind::SgdNesterov:
        return std::make_unique<torch::optim::SGD>(
            params, torch::optim::SGDOptions(o.learningRate).momentum(o.momentum).nesterov(true).weight_decay(
                        o.weightDecay));
    }
    return nullptr;
}

void setLr(torch::optim::Optimizer &o, double lr)
{
    for (auto &g : o.param_groups())
        g.options().set_lr(lr);
}

struct LossAcc
{
    double loss = 0;
    double accuracy = 0;
};

/** Loss and accuracy sums over rows [from, to) of a side (a rank's share of the validation songs). */
struct LossSums
{
    double loss = 0;
    double correct = 0;
    double count = 0;
};

base::Result<LossSums> evaluateRows(models::GenreNetImpl &net, const models::Normalization &norm,
                                    const models::Normalization &auxNorm, const SideTensors &side, std::int64_t from,
                                    std::int64_t to, int batchSize, double smoothing, const base::CancelToken &cancel)
{
    torch::NoGradGuard noGrad;
    net.eval();
    double lossSum = 0;
    std::int64_t correct = 0;
    for (std::int64_t start = from; start < to; start += batchSize) {
        if (cancel.isCancelled())
            return makeError(ErrorCode::Cancelled, "training cancelled");
        const std::int64_t end = std::min(to, start + batchSize);
        const auto xb = norm.apply(side.x.slice(0, start, end));
        const auto yb = side.y.slice(0, start, end);
        const auto auxb = side.aux.defined() ? auxNorm.apply(side.aux.slice(0, start, end)) : torch::Tensor();
        const auto logits = net.forward(xb, auxb);
        const auto loss = torch::nn::functional::cross_entropy(
            logits, yb,
            torch::nn::functional::CrossEntropyFuncOptions().label_smoothing(smoothing).reduction(torch::kSum));
        lossSum += loss.item<double>();
        correct += logits.argmax(1).eq(yb).sum().item<std::int64_t>();
    }
    return LossSums{lossSum, double(correct), double(std::max<std::int64_t>(to - from, 0))};
}

/**
 * The validation loss and accuracy: over the whole side in one process; with a collective, each rank
 * evaluates its contiguous share and the sums are all-reduced, so every rank gets the same numbers.
 */
base::Result<LossAcc> evaluateSide(models::GenreNetImpl &net, const models::Normalization &norm,
                                   const models::Normalization &auxNorm, const SideTensors &side, int batchSize,
                                   double smoothing, Collective *collective, const base::CancelToken &cancel)
{
    const std::int64_t n = side.x.size(0);
    const std::int64_t world = collective ? collective->worldSize() : 1, rank = collective ? collective->rank() : 0;
    auto sums = evaluateRows(net, norm, auxNorm, side, n * rank / world, n * (rank + 1) / world, batchSize, smoothing,
                             cancel);
    if (!sums.ok())
        return sums.error();
    if (collective) {
        double v[3] = {sums->loss, sums->correct, sums->count};
        GS_TRY(collective->allReduceSum(v, 3));
        *sums = LossSums{v[0], v[1], v[2]};
    }
    return LossAcc{sums->count > 0 ? sums->loss / sums->count : 0.0,
                   sums->count > 0 ? sums->correct / sums->count : 0.0};
}

/** FNV-1a over the bytes of every parameter and buffer: equal on two ranks iff the weights are bit-identical. */
std::string weightsDigest(torch::nn::Module &net)
{
    std::uint64_t h = 1469598103934665603ULL;
    auto mix = [&h](const torch::Tensor &t) {
        const auto c = t.detach().contiguous();
        const auto *p = static_cast<const unsigned char *>(c.data_ptr());
        const std::size_t n = std::size_t(c.numel()) * c.element_size();
        for (std::size_t i = 0; i < n; ++i)
            h = (h ^ p[i]) * 1099511628211ULL;
    };
    for (const auto &t : net.parameters())
        mix(t);
    for (const auto &t : net.buffers())
        if (t.numel() > 0)
            mix(t);
    return std::to_string(h);
}

/** Every rank learns whether all of them succeeded (ok = this rank's outcome); doubles as a barrier. */
base::Status agree(Collective &c, bool ok, const std::string &failure)
{
    double bad = ok ? 0.0 : 1.0;
    GS_TRY(c.allReduceSum(&bad, 1));
    if (bad > 0)
        return makeError(ErrorCode::Io, failure);
    return {};
}

/** Mismatch on every rank unless every rank's `local` equals rank 0's. */
base::Status sameAsRankZero(Collective &c, const std::string &local, const std::string &what)
{
    std::string rank0 = local;
    GS_TRY(c.broadcast(rank0));
    double differs = rank0 == local ? 0.0 : 1.0;
    GS_TRY(c.allReduceSum(&differs, 1));
    if (differs > 0)
        return makeError(ErrorCode::Mismatch, what + (rank0 == local ? std::string(" (on another rank)")
                                                                     : " (rank " + std::to_string(c.rank()) +
                                                                           ": \"" + local + "\", rank 0: \"" + rank0 + "\")"));
    return {};
}

/** Sums the gradients of `params` over the ranks in one flat buffer (undefined gradients count as zero). */
base::Status allReduceGradients(Collective &c, const std::vector<torch::Tensor> &params)
{
    std::vector<torch::Tensor> flat;
    flat.reserve(params.size());
    for (const auto &p : params)
        flat.push_back(p.grad().defined() ? p.grad().reshape({-1}) : torch::zeros({p.numel()}, p.options()));
    auto buffer = torch::cat(flat).contiguous();
    GS_TRY(c.allReduceSum(buffer.data_ptr<float>(), std::size_t(buffer.numel())));
    std::int64_t offset = 0;
    for (auto p : params) {
        const auto part = buffer.slice(0, offset, offset + p.numel()).view(p.sizes());
        offset += p.numel();
        if (p.grad().defined())
            p.mutable_grad().copy_(part);
        else
            p.mutable_grad() = part.clone();
    }
    return {};
}

std::vector<std::size_t> songsOn(const PreparedData &data, const data::DataSplit &split, data::Split side)
{
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < data.songs.size(); ++i) {
        const auto s = split.sideOf(data.songs[i].key);
        if (s && *s == side)
            out.push_back(i);
    }
    return out;
}

QJsonArray historyJson(const std::vector<EpochRecord> &h)
{
    QJsonArray a;
    for (const auto &r : h)
        a.append(r.toJson());
    return a;
}

base::Result<TrainOutcome> trainImpl(const TrainingJob &jobIn, const TrainerOptions &optionsIn,
                                     const base::CancelToken &cancel, const TrainProgressFn &progress)
{
    TrainingJob job = jobIn;
    TrainerOptions options = optionsIn;
    if (!job.data || job.data->songs.empty())
        return makeError(ErrorCode::InvalidArgument, "no training data");
    const PreparedData &data = *job.data;

    std::optional<Checkpoint> resumed;
    if (options.resume && !options.checkpointPath.empty() && std::filesystem::exists(options.checkpointPath)) {
        auto c = readCheckpoint(options.checkpointPath);
        if (!c.ok())
            return c.error();
        const QJsonObject &h = c->header;
        if (h.value(QStringLiteral("architecture")).toString().toStdString() != job.architecture)
            return makeError(ErrorCode::Mismatch, "checkpoint is of model '" +
                                                      h.value(QStringLiteral("architecture")).toString().toStdString() +
                                                      "', not '" + job.architecture + "'");
        auto split = data::DataSplit::fromJson(h.value(QStringLiteral("split")).toObject());
        if (!split.ok())
            return split.error();
        job.split = *split;
        job.config = h.value(QStringLiteral("config")).toObject();
        auto opts = TrainerOptions::fromJson(h.value(QStringLiteral("options")).toObject());
        if (!opts.ok())
            return opts.error();
        const auto keepPath = options.checkpointPath;
        const int keepStop = options.stopAfterEpoch;
        options = *opts;
        options.checkpointPath = keepPath;
        options.resume = true;
        options.stopAfterEpoch = keepStop;
        options.collective = optionsIn.collective;
        options.verifyReplicas = optionsIn.verifyReplicas;
        if (optionsIn.epochs > options.epochs)
            options.epochs = optionsIn.epochs; // a resumed run may be extended
        resumed = std::move(*c);
    }

    Collective *const coll = options.collective.get();
    if (coll && coll->worldSize() < 1)
        return makeError(ErrorCode::InvalidArgument, "the collective has no ranks");
    const int world = coll ? coll->worldSize() : 1;
    const int rank = coll ? coll->rank() : 0;
    if (coll && world > 1) {
        // Every rank must continue from the same checkpoint (a shared filesystem or a copy on each machine).
        std::string state = "no checkpoint";
        if (resumed) {
            std::uint64_t h = 1469598103934665603ULL;
            for (unsigned char ch : resumed->model)
                h = (h ^ ch) * 1099511628211ULL;
            state = "checkpoint of epoch " + std::to_string(resumed->header.value(QStringLiteral("epoch")).toInt()) +
                    ", weights " + std::to_string(h);
        }
        GS_TRY(sameAsRankZero(*coll, state,
                              "the ranks do not resume from the same checkpoint " + options.checkpointPath.string() +
                                  " (across machines it must be on a shared filesystem or copied to every rank)"));
    }
    if (options.epochs < 1 || options.batchSize < 1 || !(options.learningRate > 0))
        return makeError(ErrorCode::InvalidArgument, "epochs, batch size and learning rate must be positive");
    const models::ModelSpec *spec = models::findModelSpec(job.architecture);
    if (!spec)
        return makeError(ErrorCode::InvalidArgument, "unknown model '" + job.architecture + "'");
    auto config = models::normalizedConfig(job.architecture, job.config);
    if (!config.ok())
        return config.error();
    auto inputShape = models::inputShapeFor(job.architecture, *config);
    if (!inputShape.ok())
        return inputShape.error();
    if (*inputShape != data.itemShape) {
        auto str = [](const std::vector<std::int64_t> &v) {
            std::string s;
            for (auto d : v)
                s += (s.empty() ? "" : "x") + std::to_string(d);
            return s;
        };
        return makeError(ErrorCode::Mismatch, job.architecture + " reads " + str(*inputShape) +
                                                  " items but the features are " + str(data.itemShape));
    }
    auto fc = features::FeatureConfig::fromJson(job.featureConfig);
    if (!fc.ok())
        return fc.error();

    // Two-input models (MLFI): the data must carry the second input exactly as inference computes it.
    const bool withAux = spec->auxSize > 0;
    QJsonObject auxFeatureJson;
    if (withAux) {
        if (!data.hasAux())
            return makeError(ErrorCode::Mismatch, job.architecture + " needs its second input (" + spec->auxRecipe +
                                                      ") but the prepared data has none");
        if (data.auxItemShape != std::vector<std::int64_t>{spec->auxSize})
            return makeError(ErrorCode::Mismatch, job.architecture + " reads a second input of " +
                                                      std::to_string(spec->auxSize) + " values per item but the data gives " +
                                                      std::to_string(data.auxItemSize()));
        auto expected = models::auxFeatureConfigFor(job.architecture, *fc);
        if (!expected.ok())
            return expected.error();
        auto given = features::FeatureConfig::fromJson(data.auxFeatureConfig);
        if (!given.ok() || !(*given == *expected))
            return makeError(ErrorCode::Mismatch, "the prepared second input (recipe " +
                                                      data.auxFeatureConfig.value(QStringLiteral("recipe")).toString().toStdString() +
                                                      ") is not the " + expected->recipe + " that " + job.architecture +
                                                      " reads with " + fc->recipe);
        if (!job.auxFeatureConfig.isEmpty()) {
            auto declared = features::FeatureConfig::fromJson(job.auxFeatureConfig);
            if (!declared.ok() || !(*declared == *expected))
                return makeError(ErrorCode::Mismatch, "the job's auxFeatureConfig differs from the one " +
                                                          job.architecture + " is fed at inference");
        }
        auxFeatureJson = expected->toJson();
        for (const auto &song : data.songs)
            if (song.aux.size() != std::size_t(song.items) * data.auxItemSize())
                return makeError(ErrorCode::Mismatch, song.key + ": second input has another number of items");
    }

    const auto trainSongs = songsOn(data, job.split, data::Split::Train);
    const auto valSongs = songsOn(data, job.split, data::Split::Validation);
    const auto testSongs = songsOn(data, job.split, data::Split::Test);
    if (trainSongs.empty())
        return makeError(ErrorCode::InvalidArgument, "the split leaves no training song");

    double smoothing = options.labelSmoothing;
    if (smoothing < 0)
        smoothing = config->value(QStringLiteral("label_smoothing")).toDouble(0.0);

    const SideTensors trainSide = gather(data, trainSongs, withAux);
    const SideTensors valSide = gather(data, valSongs, withAux);
    const bool hasVal = !valSongs.empty();
    const auto [axis, axisName] = bandAxis(*fc, data.itemShape.size());
    const models::Normalization norm = computeNormalization(trainSide.x, axis, axisName);
    const models::Normalization auxNorm =
        withAux ? computeNormalization(trainSide.aux, 0, "feature") : models::Normalization{};
    const int tAxis = timeAxis(*fc, data.itemShape.size());
    const bool dbLog = fc->log == features::LogType::Db;

    torch::manual_seed(options.seed);
    auto netR = models::createModel(job.architecture, *config, int(data.labels.size()));
    if (!netR.ok())
        return netR.error();
    models::GenreNet net = *netR;
    auto optimizer = makeOptimizer(options, net->parameters());

    // Scheduler, early stopping and best-model state.
    double lr = options.learningRate;
    double plateauBest = std::numeric_limits<double>::infinity();
    int plateauBad = 0;
    double esBest = std::numeric_limits<double>::infinity();
    int esBad = 0;
    double bestValAcc = -1;
    int bestEpoch = 0;
    std::string bestBytes;
    std::vector<EpochRecord> history;
    int startEpoch = 0;
    double elapsedBefore = 0;
    bool stoppedEarly = false;

    if (resumed) {
        const QJsonObject &h = resumed->header;
        loadModule(*net, resumed->model);
        loadOptimizer(*optimizer, resumed->optimizer);
        lr = fromExact(h.value(QStringLiteral("lr")), lr);
        setLr(*optimizer, lr);
        plateauBest = fromExact(h.value(QStringLiteral("plateauBest")), plateauBest);
        plateauBad = h.value(QStringLiteral("plateauBad")).toInt();
        esBest = fromExact(h.value(QStringLiteral("earlyStoppingBest")), esBest);
        esBad = h.value(QStringLiteral("earlyStoppingBad")).toInt();
        bestValAcc = fromExact(h.value(QStringLiteral("bestValidationAccuracy")), bestValAcc);
        bestEpoch = h.value(QStringLiteral("bestEpoch")).toInt();
        bestBytes = resumed->best;
        for (const auto &r : h.value(QStringLiteral("history")).toArray())
            history.push_back(EpochRecord::fromJson(r.toObject()));
        startEpoch = h.value(QStringLiteral("epoch")).toInt();
        elapsedBefore = h.value(QStringLiteral("elapsedSeconds")).toDouble();
        stoppedEarly = h.value(QStringLiteral("stoppedEarly")).toBool();
    }
    const std::vector<torch::Tensor> params = net->parameters();
    if (coll && world > 1)
        GS_TRY(sameAsRankZero(*coll, weightsDigest(*net), "the ranks start from different weights"));

    const auto t0 = std::chrono::steady_clock::now();
    auto elapsed = [&] {
        return elapsedBefore + std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    };
    const std::int64_t nTrain = trainSide.x.size(0);
    // A last batch of a single example is merged into the one before it: batch norm cannot train on
    // one value per channel, and one example would give a noisy last step anyway.
    int batches = int((nTrain + options.batchSize - 1) / options.batchSize);
    if (batches > 1 && nTrain % options.batchSize == 1)
        --batches;

    for (int epoch = startEpoch; epoch < options.epochs && !stoppedEarly; ++epoch) {
        const auto epochStart = std::chrono::steady_clock::now();
        const std::uint64_t epochSeed = mixSeed(options.seed, std::uint64_t(epoch));
        // Dropout masks: per (seed, epoch, rank) with several ranks; one process keeps its old stream.
        torch::manual_seed(world > 1 ? mixSeed(epochSeed, std::uint64_t(rank)) : epochSeed);
        std::mt19937_64 rng(epochSeed);
        std::vector<std::int64_t> order(static_cast<std::size_t>(nTrain));
        for (std::int64_t i = 0; i < nTrain; ++i)
            order[std::size_t(i)] = i;
        for (std::size_t i = order.size(); i > 1; --i)
            std::swap(order[i - 1], order[std::size_t(rng() % i)]);
        const auto orderT = torch::from_blob(order.data(), {nTrain}, torch::kInt64);

        net->train();
        double lossSum = 0;
        std::int64_t correct = 0, seen = 0;
        double commSeconds = 0;
        for (int b = 0; b < batches; ++b) {
            if (cancel.isCancelled())
                return makeError(ErrorCode::Cancelled, "training cancelled in epoch " + std::to_string(epoch + 1));
            const std::int64_t start = std::int64_t(b) * options.batchSize;
            const std::int64_t end = b == batches - 1 ? nTrain : std::min(nTrain, start + options.batchSize);
            // This rank's contiguous slice [lo, hi) of the global batch [start, end) (all of it in one process).
            const std::int64_t len = end - start;
            const std::int64_t lo = start + len * rank / world, hi = start + len * (rank + 1) / world;
            const auto idx = orderT.slice(0, lo, hi);
            auto xb = trainSide.x.index_select(0, idx);
            const auto yb = trainSide.y.index_select(0, idx);
            if ((options.gainDb > 0 && dbLog) || (options.timeShiftFraction > 0 && tAxis >= 0)) {
                // Drawn for every example of the global batch on every rank (the one-process stream);
                // each rank applies the draws of its slice.
                std::uniform_real_distribution<double> gain(-options.gainDb, options.gainDb);
                for (std::int64_t g = start; g < end; ++g) {
                    const bool mine = g >= lo && g < hi;
                    auto ex = mine ? xb[g - lo] : torch::Tensor();
                    if (options.timeShiftFraction > 0 && tAxis >= 0) {
                        const std::int64_t tLen = trainSide.x.size(tAxis + 1);
                        const std::int64_t maxShift = std::int64_t(double(tLen) * options.timeShiftFraction);
                        if (maxShift > 0) {
                            const std::int64_t shift = std::int64_t(rng() % std::uint64_t(2 * maxShift + 1)) - maxShift;
                            if (mine)
                                ex.copy_(torch::roll(ex, {shift}, {tAxis}));
                        }
                    }
                    if (options.gainDb > 0 && dbLog) {
                        const double gdb = gain(rng);
                        if (mine)
                            ex.add_(gdb);
                    }
                }
            }
            const std::int64_t bn = hi - lo;
            optimizer->zero_grad();
            torch::Tensor logits, loss;
            if (bn > 0) {
                xb = norm.apply(xb);
                const auto auxb = withAux ? auxNorm.apply(trainSide.aux.index_select(0, idx)) : torch::Tensor();
                logits = net->forward(xb, auxb);
                loss = torch::nn::functional::cross_entropy(
                    logits, yb, torch::nn::functional::CrossEntropyFuncOptions().label_smoothing(smoothing));
                // The mean over this slice, weighted by its share: the ranks' gradients sum to the batch mean's.
                if (world > 1)
                    (loss * (double(bn) / double(len))).backward();
                else
                    loss.backward();
            }
            if (coll && world > 1) {
                const auto c0 = std::chrono::steady_clock::now();
                GS_TRY(allReduceGradients(*coll, params));
                commSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - c0).count();
            }
            optimizer->step();
            if (coll && world > 1 && options.verifyReplicas)
                GS_TRY(sameAsRankZero(*coll, weightsDigest(*net),
                                      "the ranks' weights differ after step " + std::to_string(b + 1) + " of epoch " +
                                          std::to_string(epoch + 1)));
            if (bn > 0) {
                lossSum += loss.item<double>() * double(bn);
                correct += logits.argmax(1).eq(yb).sum().item<std::int64_t>();
            }
            seen += bn;
            if (progress) {
                TrainProgress p;
                p.kind = TrainProgress::Kind::Batch;
                p.epoch = epoch + 1;
                p.epochs = options.epochs;
                p.batch = b + 1;
                p.batches = batches;
                p.loss = seen > 0 ? lossSum / double(seen) : 0.0;
                p.accuracy = seen > 0 ? double(correct) / double(seen) : 0.0;
                p.learningRate = lr;
                p.elapsedSeconds = elapsed();
                const double doneEpochs = double(epoch - startEpoch) + double(b + 1) / double(batches);
                const double session = p.elapsedSeconds - elapsedBefore;
                p.etaSeconds = doneEpochs > 0 ? session / doneEpochs * (double(options.epochs) - epoch - double(b + 1) / batches) : 0;
                progress(p);
            }
        }

        EpochRecord rec;
        rec.epoch = epoch + 1;
        double epochSums[3] = {lossSum, double(correct), double(seen)};
        if (coll && world > 1)
            GS_TRY(coll->allReduceSum(epochSums, 3));
        rec.trainLoss = epochSums[2] > 0 ? epochSums[0] / epochSums[2] : 0;
        rec.trainAccuracy = epochSums[2] > 0 ? epochSums[1] / epochSums[2] : 0;
        rec.learningRate = lr;
        if (hasVal) {
            auto v = evaluateSide(*net, norm, auxNorm, valSide, std::max(options.batchSize, 64), smoothing,
                                  world > 1 ? coll : nullptr, cancel);
            if (!v.ok())
                return v.error();
            rec.hasValidation = true;
            rec.validationLoss = v->loss;
            rec.validationAccuracy = v->accuracy;
        }
        rec.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - epochStart).count();
        history.push_back(rec);

        // Best model: highest validation accuracy (the latest epoch without validation).
        const double score = hasVal ? rec.validationAccuracy : double(epoch);
        if (score > bestValAcc || bestBytes.empty()) {
            bestValAcc = score;
            bestEpoch = epoch + 1;
            bestBytes = saveModule(*net);
        }
        const double watched = (options.plateauOnValidation && hasVal) ? rec.validationLoss : rec.trainLoss;
        if (options.plateau) {
            if (watched < plateauBest) {
                plateauBest = watched;
                plateauBad = 0;
            } else if (++plateauBad > options.plateauPatience) {
                lr = std::max(options.minLearningRate, lr * options.plateauFactor);
                setLr(*optimizer, lr);
                plateauBad = 0;
            }
        }
        const double esWatched = hasVal ? rec.validationLoss : rec.trainLoss;
        if (options.earlyStopping) {
            if (esWatched < esBest - options.earlyStoppingMinDelta) {
                esBest = esWatched;
                esBad = 0;
            } else if (++esBad >= options.earlyStoppingPatience) {
                stoppedEarly = true;
            }
        }

        if (!options.checkpointPath.empty()) {
            Checkpoint c;
            QJsonObject &h = c.header;
            h[QStringLiteral("format")] = kCheckpointFormatVersion;
            h[QStringLiteral("architecture")] = qs(job.architecture);
            h[QStringLiteral("config")] = *config;
            h[QStringLiteral("featureConfig")] = job.featureConfig;
            if (withAux)
                h[QStringLiteral("auxFeatureConfig")] = auxFeatureJson;
            QJsonArray labels;
            for (const auto &l : data.labels)
                labels.append(qs(l));
            h[QStringLiteral("labels")] = labels;
            h[QStringLiteral("split")] = job.split.toJson();
            h[QStringLiteral("options")] = options.toJson();
            h[QStringLiteral("epoch")] = epoch + 1;
            h[QStringLiteral("lr")] = exactDouble(lr);
            h[QStringLiteral("plateauBest")] = exactDouble(plateauBest);
            h[QStringLiteral("plateauBad")] = plateauBad;
            h[QStringLiteral("earlyStoppingBest")] = exactDouble(esBest);
            h[QStringLiteral("earlyStoppingBad")] = esBad;
            h[QStringLiteral("bestValidationAccuracy")] = exactDouble(bestValAcc);
            h[QStringLiteral("bestEpoch")] = bestEpoch;
            h[QStringLiteral("stoppedEarly")] = stoppedEarly;
            h[QStringLiteral("history")] = historyJson(history);
            h[QStringLiteral("elapsedSeconds")] = elapsed();
            h[QStringLiteral("rng")] = QStringLiteral("torch::manual_seed and std::mt19937_64 reseeded per epoch "
                                                      "from splitmix64(seed, epoch)");
            c.model = saveModule(*net);
            c.optimizer = saveOptimizer(*optimizer);
            c.best = bestBytes;
            if (world > 1) {
                // Rank 0 alone writes; the others wait until it has (or learn that it could not).
                base::Status written;
                if (rank == 0)
                    written = writeCheckpoint(options.checkpointPath, c);
                GS_TRY(agree(*coll, written.ok(),
                             rank == 0 && !written.ok() ? written.error().toString()
                                                        : "rank 0 could not write the checkpoint " +
                                                              options.checkpointPath.string()));
            } else {
                GS_TRY(writeCheckpoint(options.checkpointPath, c));
            }
        }
        if (progress) {
            TrainProgress p;
            p.kind = TrainProgress::Kind::Epoch;
            p.epoch = epoch + 1;
            p.epochs = options.epochs;
            p.batch = batches;
            p.batches = batches;
            p.loss = rec.trainLoss;
            p.accuracy = rec.trainAccuracy;
            p.learningRate = rec.learningRate;
            p.elapsedSeconds = elapsed();
            const double session = p.elapsedSeconds - elapsedBefore;
            const int doneHere = epoch + 1 - startEpoch;
            p.etaSeconds = stoppedEarly ? 0 : session / doneHere * (options.epochs - epoch - 1);
            p.communicationSeconds = commSeconds;
            p.record = rec;
            progress(p);
        }
        if (options.stopAfterEpoch > 0 && epoch + 1 == options.stopAfterEpoch)
            return makeError(ErrorCode::Cancelled, "stopped after epoch " + std::to_string(epoch + 1));
    }

    TrainOutcome out;
    out.resumed = resumed.has_value();
    out.history = history;
    out.bestEpoch = bestEpoch;
    out.stoppedEarly = stoppedEarly;
    if (!bestBytes.empty())
        loadModule(*net, bestBytes);
    net->eval();

    auto &b = out.bundle;
    b.architecture = job.architecture;
    b.config = *config;
    b.featureConfig = job.featureConfig;
    b.labels = data.labels;
    b.normalization = norm;
    b.auxFeatureConfig = auxFeatureJson;
    b.auxNormalization = auxNorm;
    b.history = historyJson(history);
    b.net = net;
    QJsonObject prov;
    prov[QStringLiteral("dataset")] = job.datasetInfo;
    prov[QStringLiteral("split")] = job.split.toJson();
    prov[QStringLiteral("splitMethod")] = qs(std::string(data::splitMethodName(job.split.method)));
    prov[QStringLiteral("seed")] = QString::number(qulonglong(options.seed));
    prov[QStringLiteral("trainer")] = options.toJson();
    prov[QStringLiteral("bestEpoch")] = bestEpoch;
    prov[QStringLiteral("stoppedEarly")] = stoppedEarly;
    prov[QStringLiteral("trainedAt")] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    prov[QStringLiteral("appVersion")] = qs(std::string(base::kAppVersion));
    prov[QStringLiteral("torchThreads")] = int(at::get_num_threads());
    b.provenance = prov;

    if (!testSongs.empty()) {
        auto ev = evaluateModel(net, norm, auxNorm, data, testSongs, AggregationRule::MeanProbability, 0,
                                std::max(options.batchSize, 64), cancel);
        if (!ev.ok())
            return ev.error();
        b.evaluation = ev->toJson();
        out.test = std::move(*ev);
    }
    return out;
}

} // namespace

std::string_view optimizerId(OptimizerKind kind)
{
    switch (kind) {
    case OptimizerKind::Adam:
        return "adam";
    case OptimizerKind::AdamW:
        return "adamw";
    case OptimizerKind::SgdNesterov:
        return "sgd";
    }
    return "adam";
}

std::optional<OptimizerKind> optimizerFromId(std::string_view id)
{
    for (auto k : {OptimizerKind::Adam, OptimizerKind::AdamW, OptimizerKind::SgdNesterov})
        if (optimizerId(k) == id)
            return k;
    return std::nullopt;
}

QJsonObject TrainerOptions::toJson() const
{
    QJsonObject o;
    o[QStringLiteral("optimizer")] = qs(std::string(optimizerId(optimizer)));
    o[QStringLiteral("learningRate")] = exactDouble(learningRate);
    o[QStringLiteral("weightDecay")] = exactDouble(weightDecay);
    o[QStringLiteral("momentum")] = exactDouble(momentum);
    o[QStringLiteral("epochs")] = epochs;
    o[QStringLiteral("batchSize")] = batchSize;
    o[QStringLiteral("seed")] = QString::number(qulonglong(seed));
    o[QStringLiteral("labelSmoothing")] = exactDouble(labelSmoothing);
    o[QStringLiteral("plateau")] = plateau;
    o[QStringLiteral("plateauOnValidation")] = plateauOnValidation;
    o[QStringLiteral("plateauFactor")] = exactDouble(plateauFactor);
    o[QStringLiteral("plateauPatience")] = plateauPatience;
    o[QStringLiteral("minLearningRate")] = exactDouble(minLearningRate);
    o[QStringLiteral("earlyStopping")] = earlyStopping;
    o[QStringLiteral("earlyStoppingMinDelta")] = exactDouble(earlyStoppingMinDelta);
    o[QStringLiteral("earlyStoppingPatience")] = earlyStoppingPatience;
    o[QStringLiteral("gainDb")] = exactDouble(gainDb);
    o[QStringLiteral("timeShiftFraction")] = exactDouble(timeShiftFraction);
    o[QStringLiteral("readable")] = QJsonObject{{QStringLiteral("learningRate"), learningRate},
                                                {QStringLiteral("weightDecay"), weightDecay},
                                                {QStringLiteral("labelSmoothing"), labelSmoothing}};
    return o;
}

base::Result<TrainerOptions> TrainerOptions::fromJson(const QJsonObject &o)
{
    TrainerOptions t;
    auto opt = optimizerFromId(o.value(QStringLiteral("optimizer")).toString().toStdString());
    if (!opt)
        return makeError(ErrorCode::BadFormat, "trainer options: unknown optimizer");
    t.optimizer = *opt;
    t.learningRate = fromExact(o.value(QStringLiteral("learningRate")), t.learningRate);
    t.weightDecay = fromExact(o.value(QStringLiteral("weightDecay")), t.weightDecay);
    t.momentum = fromExact(o.value(QStringLiteral("momentum")), t.momentum);
    t.epochs = o.value(QStringLiteral("epochs")).toInt(t.epochs);
    t.batchSize = o.value(QStringLiteral("batchSize")).toInt(t.batchSize);
    t.seed = o.value(QStringLiteral("seed")).toString().toULongLong();
    t.labelSmoothing = fromExact(o.value(QStringLiteral("labelSmoothing")), t.labelSmoothing);
    t.plateau = o.value(QStringLiteral("plateau")).toBool(t.plateau);
    t.plateauOnValidation = o.value(QStringLiteral("plateauOnValidation")).toBool(t.plateauOnValidation);
    t.plateauFactor = fromExact(o.value(QStringLiteral("plateauFactor")), t.plateauFactor);
    t.plateauPatience = o.value(QStringLiteral("plateauPatience")).toInt(t.plateauPatience);
    t.minLearningRate = fromExact(o.value(QStringLiteral("minLearningRate")), t.minLearningRate);
    t.earlyStopping = o.value(QStringLiteral("earlyStopping")).toBool(t.earlyStopping);
    t.earlyStoppingMinDelta = fromExact(o.value(QStringLiteral("earlyStoppingMinDelta")), t.earlyStoppingMinDelta);
    t.earlyStoppingPatience = o.value(QStringLiteral("earlyStoppingPatience")).toInt(t.earlyStoppingPatience);
    t.gainDb = fromExact(o.value(QStringLiteral("gainDb")), t.gainDb);
    t.timeShiftFraction = fromExact(o.value(QStringLiteral("timeShiftFraction")), t.timeShiftFraction);
    return t;
}

QJsonObject EpochRecord::toJson() const
{
    QJsonObject o;
    o[QStringLiteral("epoch")] = epoch;
    o[QStringLiteral("trainLoss")] = trainLoss;
    o[QStringLiteral("trainAccuracy")] = trainAccuracy;
    if (hasValidation) {
        o[QStringLiteral("valLoss")] = validationLoss;
        o[QStringLiteral("valAccuracy")] = validationAccuracy;
    }
    o[QStringLiteral("lr")] = learningRate;
    o[QStringLiteral("seconds")] = seconds;
    return o;
}

EpochRecord EpochRecord::fromJson(const QJsonObject &o)
{
    EpochRecord r;
    r.epoch = o.value(QStringLiteral("epoch")).toInt();
    r.trainLoss = o.value(QStringLiteral("trainLoss")).toDouble();
    r.trainAccuracy = o.value(QStringLiteral("trainAccuracy")).toDouble();
    r.hasValidation = o.contains(QStringLiteral("valLoss"));
    r.validationLoss = o.value(QStringLiteral("valLoss")).toDouble();
    r.validationAccuracy = o.value(QStringLiteral("valAccuracy")).toDouble();
    r.learningRate = o.value(QStringLiteral("lr")).toDouble();
    r.seconds = o.value(QStringLiteral("seconds")).toDouble();
    return r;
}

base::Result<TrainOutcome> train(const TrainingJob &job, const TrainerOptions &options,
                                 const base::CancelToken &cancel, const TrainProgressFn &progress)
{
    try {
        return trainImpl(job, options, cancel, progress);
    } catch (const c10::Error &e) {
        return makeError(ErrorCode::Internal, std::string("training: ") + e.what_without_backtrace());
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Internal, std::string("training: ") + e.what());
    }
}

base::Result<QJsonObject> readCheckpointHeader(const std::filesystem::path &path)
{
    auto c = readCheckpoint(path);
    if (!c.ok())
        return c.error();
    return c->header;
}

base::Result<std::vector<std::vector<float>>> predictSongs(const models::GenreNet &net,
                                                           const models::Normalization &normalization,
                                                           const PreparedData &data,
                                                           const std::vector<std::size_t> &songs, int batchSize,
                                                           const base::CancelToken &cancel)
{
    return predictSongs(net, normalization, models::Normalization{}, data, songs, batchSize, cancel);
}

base::Result<std::vector<std::vector<float>>> predictSongs(const models::GenreNet &net,
                                                           const models::Normalization &normalization,
                                                           const models::Normalization &auxNormalization,
                                                           const PreparedData &data,
                                                           const std::vector<std::size_t> &songs, int batchSize,
                                                           const base::CancelToken &cancel)
{
    try {
        if (!net)
            return makeError(ErrorCode::InvalidArgument, "no network");
        torch::NoGradGuard noGrad;
        net->eval();
        std::vector<std::vector<float>> out;
        out.reserve(songs.size());
        std::vector<std::int64_t> shape{0};
        shape.insert(shape.end(), data.itemShape.begin(), data.itemShape.end());
        std::vector<std::int64_t> auxShape{0};
        auxShape.insert(auxShape.end(), data.auxItemShape.begin(), data.auxItemShape.end());
        for (auto s : songs) {
            if (cancel.isCancelled())
                return makeError(ErrorCode::Cancelled, "evaluation cancelled");
            if (s >= data.songs.size())
                return makeError(ErrorCode::InvalidArgument, "song index out of range");
            const auto &song = data.songs[s];
            shape[0] = song.items;
            const auto x = torch::from_blob(const_cast<float *>(song.data.data()), shape, torch::kFloat32);
            torch::Tensor aux;
            if (data.hasAux()) {
                if (song.aux.size() != std::size_t(song.items) * data.auxItemSize())
                    return makeError(ErrorCode::Mismatch, song.key + ": second input has another number of items");
                auxShape[0] = song.items;
                aux = torch::from_blob(const_cast<float *>(song.aux.data()), auxShape, torch::kFloat32);
            }
            std::vector<float> probs;
            for (std::int64_t start = 0; start < song.items; start += std::max(batchSize, 1)) {
                const std::int64_t end = std::min(song.items, start + batchSize);
                const auto xb = normalization.apply(x.slice(0, start, end));
                const auto auxb = aux.defined() ? auxNormalization.apply(aux.slice(0, start, end)) : torch::Tensor();
                const auto p = torch::softmax(net->forward(xb, auxb), 1).contiguous();
                probs.insert(probs.end(), p.data_ptr<float>(), p.data_ptr<float>() + p.numel());
            }
            out.push_back(std::move(probs));
        }
        return out;
    } catch (const c10::Error &e) {
        return makeError(ErrorCode::Internal, std::string("prediction: ") + e.what_without_backtrace());
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Internal, std::string("prediction: ") + e.what());
    }
}

base::Result<EvaluationResult> evaluateModel(const models::GenreNet &net, const models::Normalization &normalization,
                                             const PreparedData &data, const std::vector<std::size_t> &songs,
                                             AggregationRule rule, int threshold, int batchSize,
                                             const base::CancelToken &cancel)
{
    return evaluateModel(net, normalization, models::Normalization{}, data, songs, rule, threshold, batchSize, cancel);
}

base::Result<EvaluationResult> evaluateModel(const models::GenreNet &net, const models::Normalization &normalization,
                                             const models::Normalization &auxNormalization, const PreparedData &data,
                                             const std::vector<std::size_t> &songs, AggregationRule rule, int threshold,
                                             int batchSize, const base::CancelToken &cancel)
{
    auto probs = predictSongs(net, normalization, auxNormalization, data, songs, batchSize, cancel);
    if (!probs.ok())
        return probs.error();
    std::vector<std::string> keys, paths;
    std::vector<int> truth;
    for (auto s : songs) {
        keys.push_back(data.songs[s].key);
        paths.push_back(data.songs[s].path);
        truth.push_back(data.songs[s].label);
    }
    return evaluateSongs(data.labels, keys, paths, truth, *probs, rule, threshold);
}

EvaluationSongs evaluationSongs(const QJsonObject &provenance, const PreparedData &data, bool all)
{
    EvaluationSongs out;
    auto everySong = [&] {
        out.songs.clear();
        for (std::size_t i = 0; i < data.songs.size(); ++i)
            out.songs.push_back(i);
    };
    everySong();
    const QJsonValue splitJson = provenance.value(QStringLiteral("split"));
    auto split = splitJson.isObject() ? data::DataSplit::fromJson(splitJson.toObject())
                                      : base::Result<data::DataSplit>(makeError(ErrorCode::InvalidArgument, "no split"));
    if (!split.ok()) {
        out.description = "all " + std::to_string(out.songs.size()) + " songs (the bundle stores no split)";
        return out;
    }
    std::string splitName = std::string(data::splitMethodName(split->method));
    if (split->method == data::SplitMethod::KFold)
        splitName += " fold " + std::to_string(split->fold) + " of " + std::to_string(split->folds);
    splitName += ", seed " + std::to_string(split->seed);

    std::map<std::string, std::size_t> byKey;
    for (std::size_t i = 0; i < data.songs.size(); ++i)
        byKey.emplace(data.songs[i].key, i);
    std::size_t found = 0;
    for (const auto &k : split->test)
        found += byKey.count(k);
    const bool sameDataset = !split->test.empty() && found == split->test.size();
    if (!sameDataset) {
        out.missingTestSongs = split->test.size() - found;
        if (split->test.empty())
            out.description = "all " + std::to_string(out.songs.size()) + " songs (the bundle's split (" + splitName +
                              ") has no test side)";
        else
            out.description = "all " + std::to_string(out.songs.size()) + " songs: the data is not the bundle's dataset (" +
                              std::to_string(split->test.size() - found) + " of its " +
                              std::to_string(split->test.size()) + " test songs are not in it)";
        for (std::size_t i : out.songs) {
            const auto side = split->sideOf(data.songs[i].key);
            if (side && *side != data::Split::Test)
                ++out.seenInTraining;
        }
        return out;
    }
    if (all) {
        for (std::size_t i : out.songs) {
            const auto side = split->sideOf(data.songs[i].key);
            if (side && *side != data::Split::Test)
                ++out.seenInTraining;
        }
        out.description = "all " + std::to_string(out.songs.size()) + " songs, " + std::to_string(out.seenInTraining) +
                          " of them on the training or validation side of the bundle's split (" + splitName +
                          "): NOT a generalisation estimate";
        return out;
    }
    out.kind = EvaluationSongs::Kind::TestSplit;
    out.songs.clear();
    for (std::size_t i = 0; i < data.songs.size(); ++i) {
        const auto side = split->sideOf(data.songs[i].key);
        if (side && *side == data::Split::Test)
            out.songs.push_back(i);
    }
    out.description = "the " + std::to_string(out.songs.size()) + " test songs of the bundle's split (" + splitName + ")";
    return out;
}

std::vector<data::SplitEntry> splitEntries(const PreparedData &data)
{
    std::vector<data::SplitEntry> out;
    for (const auto &s : data.songs) {
        data::SplitEntry e;
        e.key = s.key;
        e.label = s.label >= 0 && std::size_t(s.label) < data.labels.size() ? data.labels[std::size_t(s.label)] : "";
        e.group = s.group;
        out.push_back(std::move(e));
    }
    return out;
}

QJsonObject stats57FeatureConfig()
{
    if (auto r = features::recipe("stats57"); r.ok())
        return r->toJson();
    features::FeatureConfig c;
    c.recipe = "stats57";
    c.sampleRate = 22050;
    return c.toJson();
}

} // namespace genrescope::training
