#include "trainingrun.h"

#include "data/featuretable.h"
#include "features/recipes.h"
#include "models/bundle.h"
#include "models/registry.h"

#include <ATen/Parallel.h>
#include <c10/util/Exception.h>

#include <QJsonArray>
#include <QString>

#include <algorithm>
#include <exception>
#include <set>

namespace genrescope::training {

namespace fs = std::filesystem;
using base::ErrorCode;
using base::makeError;

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

base::Result<SourceScan> scanSourceImpl(const fs::path &source, const base::ParallelFor &parallelFor,
                                        const base::CancelToken &cancel, const base::ProgressFn &progress)
{
    SourceScan out;
    out.path = source;
    if (looksLikeFeatureTable(source)) {
        auto table = data::loadFeatureTable(source);
        if (!table.ok())
            return table.error();
        auto forModel = tableForModel(*table);
        if (!forModel.ok())
            return forModel.error();
        out.kind = SourceScan::Kind::FeatureTable;
        out.labels = table->labelNames;
        out.items = out.candidates = table->size();
        out.columns = forModel->columns.size();
        for (int label : table->labels)
            ++out.classCounts[table->labelNames[std::size_t(label)]];
        const auto groups = table->groups();
        out.songs = std::set<std::string>(groups.begin(), groups.end()).size();
        base::reportProgress(progress, 1.0);
        return out;
    }
    data::ScanOptions options;
    options.parallelFor = parallelFor;
    auto dataset = data::scanDataset(source, options, cancel, progress);
    if (!dataset.ok())
        return dataset.error();
    std::error_code ec;
    out.kind = fs::is_directory(source, ec) ? SourceScan::Kind::GenreFolders : SourceScan::Kind::Manifest;
    out.labels = dataset->labels;
    out.items = dataset->items.size();
    out.candidates = dataset->report.candidates;
    out.classCounts = dataset->report.classCounts;
    out.problems = dataset->report.problems;
    out.ignored = dataset->report.ignored;
    std::set<std::string> groups;
    for (const auto &item : dataset->items)
        groups.insert(item.group.empty() ? item.key : item.group);
    out.songs = groups.size();
    return out;
}

PreparedSummary summarise(const PreparedData &prepared, bool featureTable)
{
    PreparedSummary s;
    s.songs = prepared.songs.size();
    s.labels = prepared.labels;
    s.classCounts.assign(prepared.labels.size(), 0);
    for (const auto &song : prepared.songs) {
        s.items += std::size_t(song.items);
        if (song.label >= 0 && std::size_t(song.label) < s.classCounts.size())
            ++s.classCounts[std::size_t(song.label)];
    }
    s.itemShape = prepared.itemShape;
    s.failed = prepared.failed;
    s.cacheHits = prepared.cacheHits;
    s.cacheMisses = prepared.cacheMisses;
    s.featureTable = featureTable;
    return s;
}

base::Result<TrainingRunResult> runImpl(const TrainingRequest &request, const base::CancelToken &cancel,
                                        const TrainingCallbacks &cb, TrainingStage &stage)
{
    stage = TrainingStage::Setup;
    if (request.outputPath.empty())
        return makeError(ErrorCode::InvalidArgument, "no output file for the model bundle");
    if (request.threads > 0)
        at::set_num_threads(int(request.threads));

    // Model and switches: from the request, or from the checkpoint when resuming one.
    TrainerOptions options = request.options;
    std::string architecture = request.architecture;
    QJsonObject config = request.config;
    std::optional<data::DataSplit> resumeSplit;
    const bool resumeOne = !request.resumeFrom.empty();
    if (resumeOne) {
        auto header = readCheckpointHeader(request.resumeFrom);
        if (!header.ok())
            return header.error();
        architecture = header->value(QStringLiteral("architecture")).toString().toStdString();
        config = header->value(QStringLiteral("config")).toObject();
        auto split = data::DataSplit::fromJson(header->value(QStringLiteral("split")).toObject());
        if (!split.ok())
            return split.error();
        resumeSplit = *split;
        options.checkpointPath = request.resumeFrom;
        options.resume = true;
    }
    const models::ModelSpec *spec = models::findModelSpec(architecture);
    if (!spec)
        return makeError(ErrorCode::InvalidArgument, "unknown model '" + architecture + "'");
    auto normalized = models::normalizedConfig(architecture, config);
    if (!normalized.ok())
        return normalized.error();
    auto featureConfig = features::recipe(spec->recipe);
    if (!featureConfig.ok())
        return featureConfig.error();
    const QJsonObject featureJson = featureConfig->toJson();

    // Features.
    stage = TrainingStage::Data;
    PrepareOptions prep;
    if (request.useCache)
        prep.cache = data::FeatureCache(request.cacheDirectory.empty() ? data::FeatureCache::defaultDirectory()
                                                                       : request.cacheDirectory);
    prep.parallelFor = request.parallelFor ? request.parallelFor : base::threadedFor(request.threads);
    Collective *const coll = options.collective.get();
    const bool distributed = coll && coll->worldSize() > 1;
    const bool featureTableSource = looksLikeFeatureTable(request.source);
    std::uint64_t shardMisses = 0;
    double prepStart = 0;
    if (distributed && request.useCache && !featureTableSource) {
        // Each rank featurises its own shard into the cache first, so no two ranks compute the same file
        // when the cache directory is shared; the whole-dataset preparation below then reads it back.
        data::ScanOptions scan;
        scan.parallelFor = prep.parallelFor;
        auto dataset = data::scanDataset(request.source, scan, cancel,
                                         [&](double f) { base::reportProgress(cb.preparing, 0.05 * f); });
        if (dataset.ok()) {
            const data::Dataset shard = datasetShard(*dataset, coll->rank(), coll->worldSize());
            if (!shard.items.empty()) {
                auto part = prepareAudio(shard, *featureConfig, prep, cancel,
                                         [&](double f) { base::reportProgress(cb.preparing, 0.05 + 0.85 * f); });
                if (part.ok())
                    shardMisses = part->cacheMisses;
            }
        }
        if (cancel.isCancelled())
            return makeError(ErrorCode::Cancelled, "cancelled while featurising this rank's shard");
        GS_TRY(coll->barrier());
        prepStart = 0.9;
    }
    auto preparedR = prepareSource(request.source, *featureConfig, prep, cancel, [&](double f) {
        base::reportProgress(cb.preparing, prepStart + (1.0 - prepStart) * f);
    });
    if (!preparedR.ok())
        return preparedR.error();
    // Files this rank computed in its shard pass are misses, not the hits the second pass saw.
    preparedR->cacheMisses += shardMisses;
    preparedR->cacheHits -= std::min(preparedR->cacheHits, shardMisses);
    auto prepared = std::make_shared<PreparedData>(std::move(*preparedR));
    const bool featureTable = featureTableSource;
    TrainingRunResult result;
    result.architecture = architecture;
    result.data = summarise(*prepared, featureTable);
    if (cb.dataPrepared)
        cb.dataPrepared(result.data);
    QJsonArray failed;
    for (const auto &f : prepared->failed)
        failed.append(QJsonObject{{"path", qs(f.path)}, {"error", qs(f.error.toString())}});

    // Splits.
    stage = TrainingStage::Split;
    const auto entries = splitEntries(*prepared);
    std::vector<data::DataSplit> splits;
    if (resumeSplit) {
        splits.push_back(*resumeSplit);
    } else if (request.folds > 0) {
        auto s = data::kFoldSplits(entries, request.folds, options.seed);
        if (!s.ok())
            return s.error();
        splits = *s;
    } else {
        const double v = request.validationFraction, t = request.testFraction;
        auto s = data::stratifiedSplit(entries, 1.0 - v - t, v, t, options.seed);
        if (!s.ok())
            return s.error();
        splits.push_back(*s);
    }

    const QJsonObject datasetInfo{{"path", qs(fs::absolute(request.source).string())},
                                  {"kind", featureTable ? "feature-table" : "audio"},
                                  {"songs", double(prepared->songs.size())},
                                  {"failed", failed}};

    stage = TrainingStage::Train;
    const int foldCount = int(splits.size());
    std::optional<models::ModelBundle> first;
    std::vector<EvaluationResult> foldResults;
    for (int f = 0; f < foldCount; ++f) {
        if (cancel.isCancelled())
            return makeError(ErrorCode::Cancelled, "training cancelled before fold " + std::to_string(f + 1));
        TrainingJob job;
        job.architecture = architecture;
        job.config = *normalized;
        job.featureConfig = featureJson;
        job.data = prepared;
        job.split = splits[std::size_t(f)];
        job.datasetInfo = datasetInfo;
        TrainerOptions o = options;
        if (!resumeOne) {
            o.checkpointPath = checkpointPathFor(request, f, foldCount);
            o.resume = request.resume;
        }
        if (cb.foldStarted) {
            std::vector<EpochRecord> resumedHistory;
            std::error_code ec;
            if (o.resume && fs::exists(o.checkpointPath, ec)) {
                auto header = readCheckpointHeader(o.checkpointPath);
                if (!header.ok())
                    return header.error();
                for (const auto &r : header->value(QStringLiteral("history")).toArray())
                    resumedHistory.push_back(EpochRecord::fromJson(r.toObject()));
            }
            cb.foldStarted(f, foldCount, resumedHistory);
        }
        auto r = train(job, o, cancel, [&](const TrainProgress &p) {
            if (cb.progress)
                cb.progress(f, p);
        });
        if (!r.ok())
            return r.error();
        FoldOutcome outcome;
        outcome.fold = f;
        outcome.history = r->history;
        outcome.bestEpoch = r->bestEpoch;
        outcome.stoppedEarly = r->stoppedEarly;
        outcome.resumed = r->resumed;
        outcome.test = r->test;
        outcome.checkpointPath = o.checkpointPath;
        if (r->test)
            foldResults.push_back(*r->test);
        if (cb.foldFinished)
            cb.foldFinished(outcome);
        result.folds.push_back(std::move(outcome));
        if (!first)
            first = std::move(r->bundle);
    }

    stage = TrainingStage::Save;
    models::ModelBundle bundle = std::move(*first);
    if (foldCount > 1) {
        const auto summary = summariseFolds(foldResults);
        bundle.evaluation = summary.toJson();
        bundle.evaluation["kind"] = "kfold";
        bundle.card["notes"] = QString::asprintf(
            "Model of fold 0 of %d-fold cross-validation by song (trained on the folds that are neither its test "
            "nor its validation fold). Song-level test accuracy over the folds: %.4f +- %.4f; segment level %.4f +- %.4f.",
            foldCount, summary.songAccuracyMean, summary.songAccuracyStd, summary.segmentAccuracyMean,
            summary.segmentAccuracyStd);
        result.summary = summary;
    } else {
        bundle.card["notes"] = "Trained on the train side of a stratified split by song; evaluation is on its test side.";
    }
    bundle.card["title"] = qs(architecture + " on " + request.source.filename().string());
    if (distributed) {
        // Rank 0 writes the bundle; every rank returns once it is written (or fails with it).
        base::Status saved;
        if (coll->rank() == 0)
            saved = models::saveBundle(bundle, request.outputPath);
        double bad = saved.ok() ? 0.0 : 1.0;
        GS_TRY(coll->allReduceSum(&bad, 1));
        if (!saved.ok())
            return saved.error();
        if (bad > 0)
            return makeError(ErrorCode::Io, "rank 0 could not write the model bundle " + request.outputPath.string());
    } else {
        GS_TRY(models::saveBundle(bundle, request.outputPath));
    }
    result.bundlePath = request.outputPath;
    result.card = bundle.card;
    result.evaluation = bundle.evaluation;
    stage = TrainingStage::Done;
    if (cb.finished)
        cb.finished(result);
    return result;
}

} // namespace

data::Dataset datasetShard(const data::Dataset &dataset, int rank, int world)
{
    data::Dataset out;
    out.root = dataset.root;
    out.labels = dataset.labels;
    out.report = dataset.report;
    if (world < 1 || rank < 0 || rank >= world)
        return out;
    for (std::size_t i = std::size_t(rank); i < dataset.items.size(); i += std::size_t(world))
        out.items.push_back(dataset.items[i]);
    return out;
}

std::string_view sourceKindName(SourceScan::Kind kind)
{
    switch (kind) {
    case SourceScan::Kind::GenreFolders:
        return "genre-folders";
    case SourceScan::Kind::Manifest:
        return "manifest";
    case SourceScan::Kind::FeatureTable:
        return "feature-table";
    }
    return "genre-folders";
}

base::Result<SourceScan> scanSource(const fs::path &source, const base::ParallelFor &parallelFor,
                                    const base::CancelToken &cancel, const base::ProgressFn &progress)
{
    try {
        return scanSourceImpl(source, parallelFor, cancel, progress);
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Internal, std::string("scanning ") + source.string() + ": " + e.what());
    }
}

fs::path checkpointPathFor(const TrainingRequest &request, int fold, int folds)
{
    const std::string suffix = folds > 1 ? ".fold" + std::to_string(fold) : std::string();
    if (!request.checkpointPath.empty())
        return fs::path(request.checkpointPath.string() + suffix);
    return fs::path(request.outputPath.string() + suffix + ".ckpt");
}

base::Result<TrainingRunResult> runTraining(const TrainingRequest &request, const base::CancelToken &cancel,
                                            const TrainingCallbacks &callbacks, TrainingStage *stage)
{
    TrainingStage reached = TrainingStage::Setup;
    auto finish = [&](base::Result<TrainingRunResult> r) {
        if (stage)
            *stage = reached;
        return r;
    };
    try {
        return finish(runImpl(request, cancel, callbacks, reached));
    } catch (const c10::Error &e) {
        return finish(makeError(ErrorCode::Internal, std::string("libtorch: ") + e.what_without_backtrace()));
    } catch (const std::exception &e) {
        return finish(makeError(ErrorCode::Internal, e.what()));
    }
}

} // namespace genrescope::training
