#include "comparison.h"
#include "base/csv.h"

#include "inference/classifyfiles.h"
#include "models/loadedmodel.h"

#include <QJsonArray>

#include <algorithm>
#include <unordered_set>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <set>

namespace genrescope::inference {

using base::ErrorCode;
using base::makeError;

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

std::string num(double v, int digits = 6)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    return buf;
}

std::string labelName(const std::vector<std::string> &labels, int i)
{
    return i >= 0 && std::size_t(i) < labels.size() ? labels[std::size_t(i)] : std::string();
}

/** One file's per-model song-level probabilities, in the comparison's label space. */
struct SongRecord
{
    std::vector<std::vector<float>> segmentProbs; ///< per model: segments x labels
    std::vector<double> modelMs, totalMs;         ///< per model
};

} // namespace

std::string_view mcNemarMethodId(McNemarMethod method)
{
    return method == McNemarMethod::ExactBinomial ? "exact-binomial" : "chi-square-corrected";
}

McNemarResult mcnemar(std::int64_t b, std::int64_t c)
{
    McNemarResult r;
    r.b = std::max<std::int64_t>(b, 0);
    r.c = std::max<std::int64_t>(c, 0);
    const std::int64_t n = r.b + r.c;
    if (n == 0)
        return r;
    if (n < 25) {
        r.method = McNemarMethod::ExactBinomial;
        const std::int64_t k = std::min(r.b, r.c);
        r.statistic = double(k);
        // 2 * P(X <= k), X ~ Bin(n, 1/2): with n < 25 the binomial coefficients are exact integers.
        std::uint64_t choose = 1, sum = 0;
        for (std::int64_t i = 0; i <= k; ++i) {
            sum += choose;
            choose = choose * std::uint64_t(n - i) / std::uint64_t(i + 1);
        }
        r.pValue = std::min(1.0, 2.0 * double(sum) / double(std::uint64_t(1) << n));
    } else {
        r.method = McNemarMethod::ChiSquareCorrected;
        const double d = std::abs(double(r.b - r.c)) - 1.0;
        r.statistic = std::max(0.0, d) * std::max(0.0, d) / double(n);
        // Chi-square with one degree of freedom: P(X > x) = erfc(sqrt(x / 2)).
        r.pValue = std::min(1.0, std::erfc(std::sqrt(r.statistic / 2.0)));
    }
    return r;
}

base::Result<std::vector<std::string>> storedTestKeys(const models::LoadedModel &model)
{
    const QJsonObject split = model.card().value(QStringLiteral("provenance")).toObject().value(QStringLiteral("split")).toObject();
    const QJsonArray test = split.value(QStringLiteral("test")).toArray();
    std::vector<std::string> keys;
    for (const auto &v : test)
        if (v.isString())
            keys.push_back(v.toString().toStdString());
    if (keys.empty())
        return makeError(ErrorCode::InvalidArgument,
                         "the model '" + model.name() + "' carries no training split with test songs");
    return keys;
}

std::string songStem(const std::string &keyOrPath)
{
    const auto slash = keyOrPath.find_last_of("/\\");
    std::string name = slash == std::string::npos ? keyOrPath : keyOrPath.substr(slash + 1);
    // Strip an extension: 1-5 letters and digits after the last dot, at least one a letter, so the
    // ".00000" of an extension-less "blues.00000" stays.
    const auto dot = name.find_last_of('.');
    if (dot != std::string::npos && dot > 0) {
        const std::string ext = name.substr(dot + 1);
        const bool alnum = std::all_of(ext.begin(), ext.end(), [](unsigned char c) { return std::isalnum(c); });
        const bool letter = std::any_of(ext.begin(), ext.end(), [](unsigned char c) { return std::isalpha(c); });
        if (!ext.empty() && ext.size() <= 5 && alnum && letter)
            name.erase(dot);
    }
    return name;
}

namespace {

/** File-name stems of the train and validation keys of the split stored in a model's card. */
std::unordered_set<std::string> trainingStems(const models::LoadedModel &model)
{
    const QJsonObject split = model.card().value(QStringLiteral("provenance")).toObject().value(QStringLiteral("split")).toObject();
    std::unordered_set<std::string> stems;
    for (const char *side : {"train", "validation"})
        for (const auto &v : split.value(QLatin1String(side)).toArray())
            if (v.isString())
                stems.insert(songStem(v.toString().toStdString()));
    return stems;
}

} // namespace

base::Result<ComparisonResult> runComparison(const std::vector<models::LoadedModel *> &models,
                                             const data::Dataset &dataset, const ComparisonOptions &options,
                                             const base::ParallelFor &parallelFor, const base::ProgressFn &progress,
                                             const base::CancelToken &cancel)
{
    const auto t0 = std::chrono::steady_clock::now();
    try {
        if (models.empty())
            return makeError(ErrorCode::InvalidArgument, "compare: no model given");
        if (std::find(models.begin(), models.end(), nullptr) != models.end())
            return makeError(ErrorCode::InvalidArgument, "compare: a model is missing");
        if (!options.modelNames.empty() && options.modelNames.size() != models.size())
            return makeError(ErrorCode::InvalidArgument, "compare: one display name per model is needed");
        if (dataset.labels.empty())
            return makeError(ErrorCode::InvalidArgument, "compare: the dataset has no labels");

        ComparisonResult result;
        result.source = dataset.root.string();
        result.rule = options.rule;
        result.threshold = options.voteThreshold;
        result.labels = dataset.labels;
        result.datasetLabels = dataset.labels.size();

        // Label mapping: every dataset label must be known to every model.
        std::vector<std::vector<int>> toCommon(models.size()); // per model: model class -> common index
        for (std::size_t m = 0; m < models.size(); ++m) {
            const auto &ml = models[m]->labels();
            std::string missing;
            for (const auto &l : dataset.labels)
                if (std::find(ml.begin(), ml.end(), l) == ml.end())
                    missing += (missing.empty() ? "" : ", ") + l;
            if (!missing.empty())
                return makeError(ErrorCode::Mismatch, "the model '" + models[m]->name() +
                                                          "' does not know the dataset's label(s) " + missing);
            for (const auto &l : ml) {
                auto it = std::find(result.labels.begin(), result.labels.end(), l);
                if (it == result.labels.end()) {
                    result.labels.push_back(l);
                    it = result.labels.end() - 1;
                }
                toCommon[m].push_back(int(it - result.labels.begin()));
            }
        }
        const std::size_t classes = result.labels.size();

        // Display names, unique.
        std::vector<std::string> names;
        std::map<std::string, int> seen;
        for (std::size_t m = 0; m < models.size(); ++m) {
            std::string n = options.modelNames.empty() ? models[m]->name() : options.modelNames[m];
            if (n.empty())
                n = "model " + std::to_string(m + 1);
            const int count = ++seen[n];
            names.push_back(count == 1 ? n : n + " (" + std::to_string(count) + ")");
        }

        // Songs to classify.
        std::vector<const data::Item *> items;
        if (options.onlyKeys.empty()) {
            for (const auto &it : dataset.items)
                items.push_back(&it);
        } else {
            std::set<std::string> wanted(options.onlyKeys.begin(), options.onlyKeys.end());
            for (const auto &it : dataset.items)
                if (wanted.erase(it.key))
                    items.push_back(&it);
            if (items.empty())
                return makeError(ErrorCode::InvalidArgument,
                                 "compare: none of the " + std::to_string(options.onlyKeys.size()) +
                                     " requested songs is in the dataset");
            // Keys absent from the dataset (e.g. files that the scan left out) are reported, not fatal.
            for (const auto &k : wanted)
                result.skipped.push_back({k, "not-in-dataset", "the key is not among the dataset's readable files"});
        }
        if (items.empty())
            return makeError(ErrorCode::InvalidArgument, "compare: the dataset has no song");

        std::vector<std::filesystem::path> paths;
        for (const auto *it : items)
            paths.push_back(it->path);

        std::vector<std::optional<SongRecord>> records(items.size());
        std::vector<std::optional<base::Error>> failures(items.size());
        ClassifyOptions copts;
        copts.batchSize = options.batchSize;
        copts.voteThreshold = options.voteThreshold;
        auto perFile = [&](const FileOutcome &o) {
            // Each index is written by exactly one worker, so the slots need no lock.
            if (!o.result.ok()) {
                failures[o.index] = o.result.error();
                return;
            }
            const ClassifyResult &r = o.result.value();
            SongRecord rec;
            for (std::size_t m = 0; m < models.size(); ++m) {
                const ModelResult &mr = r.models[m];
                std::vector<float> probs;
                probs.reserve(mr.segments.size() * classes);
                for (const auto &seg : mr.segments) {
                    std::vector<float> row(classes, 0.0f);
                    for (std::size_t c = 0; c < seg.probabilities.size() && c < toCommon[m].size(); ++c)
                        row[std::size_t(toCommon[m][c])] = seg.probabilities[c];
                    probs.insert(probs.end(), row.begin(), row.end());
                }
                rec.segmentProbs.push_back(std::move(probs));
                rec.modelMs.push_back(mr.timings.modelMs);
                rec.totalMs.push_back(mr.timings.decodeMs + mr.timings.featuresMs + mr.timings.modelMs);
            }
            records[o.index] = std::move(rec);
        };
        auto batch = classifyFiles(paths, models, copts, parallelFor, progress, cancel, perFile);
        if (!batch.ok())
            return batch.error();
        if (cancel.isCancelled())
            return makeError(ErrorCode::Cancelled, "comparison cancelled");

        // The evaluated set: songs every model classified.
        std::vector<std::string> keys, songPaths;
        std::vector<int> truth;
        std::vector<std::vector<std::vector<float>>> probsPerModel(models.size());
        std::vector<double> modelMsSum(models.size(), 0), totalMsSum(models.size(), 0);
        std::optional<base::Error> firstFailure;
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (!records[i]) {
                const base::Error e = failures[i].value_or(makeError(ErrorCode::Internal, "not classified"));
                if (!firstFailure)
                    firstFailure = e;
                result.skipped.push_back({items[i]->path.string(), std::string(base::errorCodeName(e.code)), e.detail});
                continue;
            }
            keys.push_back(items[i]->key);
            songPaths.push_back(items[i]->path.string());
            truth.push_back(dataset.labelIndex(items[i]->label));
            for (std::size_t m = 0; m < models.size(); ++m) {
                probsPerModel[m].push_back(std::move(records[i]->segmentProbs[m]));
                modelMsSum[m] += records[i]->modelMs[m];
                totalMsSum[m] += records[i]->totalMs[m];
            }
        }
        if (keys.empty()) {
            const base::Error e = firstFailure.value_or(makeError(ErrorCode::InvalidArgument, "no song"));
            return makeError(e.code, "compare: no song could be classified; the first error: " + e.detail);
        }
        result.songs = keys.size();

        for (std::size_t m = 0; m < models.size(); ++m) {
            auto ev = training::evaluateSongs(result.labels, keys, songPaths, truth, probsPerModel[m], options.rule,
                                              options.voteThreshold);
            if (!ev.ok())
                return ev.error();
            ModelComparison mc;
            mc.name = names[m];
            mc.kind = models[m]->kind();
            mc.parameters = models[m]->parameterCount();
            mc.evaluation = std::move(ev.value());
            mc.modelMsPerSong = modelMsSum[m] / double(keys.size());
            mc.totalMsPerSong = totalMsSum[m] / double(keys.size());
            const auto stems = trainingStems(*models[m]);
            for (const auto &k : keys)
                mc.seenInTraining += stems.count(songStem(k));
            result.models.push_back(std::move(mc));
        }

        // McNemar on song-level correctness for every pair.
        auto correct = [&](std::size_t m, std::size_t s) {
            const auto &f = result.models[m].evaluation.files[s];
            return f.predicted == f.trueLabel;
        };
        for (std::size_t a = 0; a < models.size(); ++a)
            for (std::size_t b = a + 1; b < models.size(); ++b) {
                PairComparison pc;
                pc.first = int(a);
                pc.second = int(b);
                std::int64_t nb = 0, nc = 0;
                for (std::size_t s = 0; s < keys.size(); ++s) {
                    const bool ca = correct(a, s), cb = correct(b, s);
                    if (ca && cb)
                        ++pc.bothRight;
                    else if (!ca && !cb)
                        ++pc.bothWrong;
                    else if (ca)
                        ++nb;
                    else
                        ++nc;
                }
                pc.test = mcnemar(nb, nc);
                result.pairs.push_back(pc);
            }

        // Songs on which the song-level predictions differ.
        for (std::size_t s = 0; s < keys.size(); ++s) {
            bool differ = false;
            for (std::size_t m = 1; m < models.size(); ++m)
                differ = differ || result.models[m].evaluation.files[s].predicted !=
                                       result.models[0].evaluation.files[s].predicted;
            if (!differ)
                continue;
            Disagreement d;
            d.key = keys[s];
            d.path = songPaths[s];
            d.trueLabel = truth[s];
            for (std::size_t m = 0; m < models.size(); ++m) {
                const auto &f = result.models[m].evaluation.files[s];
                d.predicted.push_back(f.predicted);
                d.probability.push_back(f.predicted >= 0 && std::size_t(f.predicted) < f.scores.size()
                                            ? f.scores[std::size_t(f.predicted)]
                                            : 0.0f);
            }
            result.disagreements.push_back(std::move(d));
        }
        std::sort(result.disagreements.begin(), result.disagreements.end(),
                  [](const Disagreement &x, const Disagreement &y) { return x.key < y.key; });
        std::sort(result.skipped.begin(), result.skipped.end(),
                  [](const SkippedSong &x, const SkippedSong &y) { return x.path < y.path; });
        result.wallMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        return result;
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Internal, std::string("compare: ") + e.what());
    }
}

base::Result<ComparisonResult> runComparison(const std::vector<models::LoadedModel *> &models,
                                             const std::filesystem::path &source, const ComparisonOptions &options,
                                             const base::ParallelFor &parallelFor, const base::ProgressFn &progress,
                                             const base::CancelToken &cancel)
{
    if (models.empty())
        return makeError(ErrorCode::InvalidArgument, "compare: no model given");
    data::ScanOptions scan;
    scan.parallelFor = parallelFor;
    auto dataset = data::scanDataset(source, scan, cancel, [&](double f) { base::reportProgress(progress, 0.1 * f); });
    if (!dataset.ok())
        return dataset.error();
    auto r = runComparison(models, *dataset, options, parallelFor,
                           [&](double f) { base::reportProgress(progress, 0.1 + 0.9 * f); }, cancel);
    if (!r.ok())
        return r;
    r->source = source.string();
    for (const auto &p : dataset->report.problems)
        r->skipped.push_back({p.path.string(), std::string(data::skipReasonName(p.reason)), p.detail});
    std::sort(r->skipped.begin(), r->skipped.end(),
              [](const SkippedSong &x, const SkippedSong &y) { return x.path < y.path; });
    return r;
}

QJsonObject ComparisonResult::toJson() const
{
    QJsonObject o;
    QJsonArray l;
    for (const auto &s : labels)
        l.append(qs(s));
    o[QStringLiteral("labels")] = l;
    o[QStringLiteral("datasetLabels")] = int(datasetLabels);
    o[QStringLiteral("source")] = qs(source);
    o[QStringLiteral("aggregation")] = qs(std::string(training::aggregationRuleId(rule)));
    o[QStringLiteral("threshold")] = threshold;
    o[QStringLiteral("songs")] = int(songs);
    o[QStringLiteral("wallMs")] = wallMs;
    QJsonArray ms;
    for (const auto &m : models) {
        QJsonObject j;
        j[QStringLiteral("name")] = qs(m.name);
        j[QStringLiteral("kind")] = qs(m.kind);
        j[QStringLiteral("parameters")] = double(m.parameters);
        j[QStringLiteral("seenInTraining")] = double(m.seenInTraining);
        j[QStringLiteral("segmentAccuracy")] = m.evaluation.segment.accuracy;
        j[QStringLiteral("songAccuracy")] = m.evaluation.song.accuracy;
        j[QStringLiteral("macroF1")] = m.evaluation.song.macroF1;
        j[QStringLiteral("modelMsPerSong")] = m.modelMsPerSong;
        j[QStringLiteral("totalMsPerSong")] = m.totalMsPerSong;
        j[QStringLiteral("evaluation")] = m.evaluation.toJson();
        ms.append(j);
    }
    o[QStringLiteral("models")] = ms;
    QJsonArray ps;
    for (const auto &p : pairs) {
        QJsonObject j;
        j[QStringLiteral("first")] = qs(models[std::size_t(p.first)].name);
        j[QStringLiteral("second")] = qs(models[std::size_t(p.second)].name);
        j[QStringLiteral("b")] = double(p.test.b);
        j[QStringLiteral("c")] = double(p.test.c);
        j[QStringLiteral("bothRight")] = double(p.bothRight);
        j[QStringLiteral("bothWrong")] = double(p.bothWrong);
        j[QStringLiteral("statistic")] = p.test.statistic;
        j[QStringLiteral("pValue")] = p.test.pValue;
        j[QStringLiteral("method")] = qs(std::string(mcNemarMethodId(p.test.method)));
        j[QStringLiteral("significant05")] = p.test.significant(0.05);
        ps.append(j);
    }
    o[QStringLiteral("mcnemar")] = ps;
    QJsonArray ds;
    for (const auto &d : disagreements) {
        QJsonObject j;
        j[QStringLiteral("key")] = qs(d.key);
        j[QStringLiteral("path")] = qs(d.path);
        j[QStringLiteral("true")] = qs(labelName(labels, d.trueLabel));
        QJsonArray preds;
        for (std::size_t m = 0; m < d.predicted.size(); ++m) {
            QJsonObject pj;
            pj[QStringLiteral("model")] = qs(models[m].name);
            pj[QStringLiteral("predicted")] = d.predicted[m] >= 0 ? QJsonValue(qs(labelName(labels, d.predicted[m])))
                                                                  : QJsonValue();
            pj[QStringLiteral("probability")] = double(d.probability[m]);
            preds.append(pj);
        }
        j[QStringLiteral("predictions")] = preds;
        ds.append(j);
    }
    o[QStringLiteral("disagreements")] = ds;
    QJsonArray sk;
    for (const auto &s : skipped)
        sk.append(QJsonObject{{QStringLiteral("path"), qs(s.path)},
                              {QStringLiteral("reason"), qs(s.reason)},
                              {QStringLiteral("detail"), qs(s.detail)}});
    o[QStringLiteral("skipped")] = sk;
    return o;
}

std::string ComparisonResult::summaryCsv() const
{
    std::string out = "model,kind,songs,segment_accuracy,song_accuracy,macro_f1,parameters,model_ms_per_song,"
                      "total_ms_per_song\n";
    for (const auto &m : models)
        out += base::csvField(m.name) + "," + base::csvField(m.kind) + "," + std::to_string(songs) + "," +
               num(m.evaluation.segment.accuracy) + "," + num(m.evaluation.song.accuracy) + "," +
               num(m.evaluation.song.macroF1) + "," + std::to_string(m.parameters) + "," +
               num(m.modelMsPerSong) + "," + num(m.totalMsPerSong) + "\n";
    return out;
}

std::string ComparisonResult::mcnemarCsv() const
{
    std::string out = "model_a,model_b,b,c,both_right,both_wrong,statistic,p_value,method,significant_0.05\n";
    for (const auto &p : pairs)
        out += base::csvField(models[std::size_t(p.first)].name) + "," + base::csvField(models[std::size_t(p.second)].name) +
               "," + std::to_string(p.test.b) + "," + std::to_string(p.test.c) + "," +
               std::to_string(p.bothRight) + "," + std::to_string(p.bothWrong) + "," + num(p.test.statistic) + "," +
               num(p.test.pValue) + "," + std::string(mcNemarMethodId(p.test.method)) + "," +
               (p.test.significant(0.05) ? "1" : "0") + "\n";
    return out;
}

std::string ComparisonResult::disagreementsCsv() const
{
    std::string out = "key,path,true";
    for (const auto &m : models)
        out += "," + base::csvField(m.name + " predicted") + "," + base::csvField(m.name + " probability");
    out += "\n";
    for (const auto &d : disagreements) {
        out += base::csvField(d.key) + "," + base::csvField(d.path) + "," + base::csvField(labelName(labels, d.trueLabel));
        for (std::size_t m = 0; m < d.predicted.size(); ++m)
            out += "," + base::csvField(labelName(labels, d.predicted[m])) + "," + num(d.probability[m], 4);
        out += "\n";
    }
    return out;
}

std::string ComparisonResult::skippedCsv() const
{
    std::string out = "path,reason,detail\n";
    for (const auto &s : skipped)
        out += base::csvField(s.path) + "," + base::csvField(s.reason) + "," + base::csvField(s.detail) + "\n";
    return out;
}

} // namespace genrescope::inference
