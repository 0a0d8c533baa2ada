#include "training/evaluation.h"
#include "base/csv.h"

#include <QJsonArray>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace genrescope::training {

using base::ErrorCode;
using base::makeError;

std::vector<std::vector<double>> Metrics::rowNormalised() const
{
    std::vector<std::vector<double>> out;
    out.reserve(confusion.size());
    for (const auto &row : confusion) {
        std::int64_t sum = 0;
        for (auto v : row)
            sum += v;
        std::vector<double> r(row.size(), 0.0);
        if (sum > 0)
            for (std::size_t j = 0; j < row.size(); ++j)
                r[j] = double(row[j]) / double(sum);
        out.push_back(std::move(r));
    }
    return out;
}

static QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

QJsonObject Metrics::toJson(const std::vector<std::string> &labels) const
{
    QJsonObject o;
    o[QStringLiteral("total")] = double(total);
    o[QStringLiteral("correct")] = double(correct);
    o[QStringLiteral("rejected")] = double(rejected);
    o[QStringLiteral("accuracy")] = accuracy;
    o[QStringLiteral("macroF1")] = macroF1;
    QJsonArray classes;
    for (std::size_t c = 0; c < perClass.size(); ++c) {
        QJsonObject k;
        k[QStringLiteral("label")] = c < labels.size() ? qs(labels[c]) : QString::number(c);
        k[QStringLiteral("precision")] = perClass[c].precision;
        k[QStringLiteral("recall")] = perClass[c].recall;
        k[QStringLiteral("f1")] = perClass[c].f1;
        k[QStringLiteral("support")] = double(perClass[c].support);
        classes.append(k);
    }
    o[QStringLiteral("perClass")] = classes;
    QJsonArray counts, norm;
    const auto rn = rowNormalised();
    for (std::size_t i = 0; i < confusion.size(); ++i) {
        QJsonArray a, b;
        for (std::size_t j = 0; j < confusion[i].size(); ++j) {
            a.append(double(confusion[i][j]));
            b.append(rn[i][j]);
        }
        counts.append(a);
        norm.append(b);
    }
    o[QStringLiteral("confusion")] = counts;
    o[QStringLiteral("confusionNormalised")] = norm;
    return o;
}

Metrics computeMetrics(const std::vector<int> &truth, const std::vector<int> &predicted, int classes)
{
    Metrics m;
    const std::size_t k = std::size_t(std::max(classes, 0));
    m.confusion.assign(k, std::vector<std::int64_t>(k, 0));
    m.perClass.assign(k, {});
    const std::size_t n = std::min(truth.size(), predicted.size());
    for (std::size_t i = 0; i < n; ++i) {
        const int t = truth[i], p = predicted[i];
        if (t < 0 || t >= classes)
            continue;
        ++m.total;
        if (p < 0 || p >= classes) {
            ++m.rejected;
            ++m.perClass[std::size_t(t)].support;
            continue;
        }
        ++m.confusion[std::size_t(t)][std::size_t(p)];
        ++m.perClass[std::size_t(t)].support;
        if (t == p)
            ++m.correct;
    }
    m.accuracy = m.total > 0 ? double(m.correct) / double(m.total) : 0.0;
    double f1Sum = 0;
    int f1Count = 0;
    for (std::size_t c = 0; c < k; ++c) {
        std::int64_t predictedAsC = 0;
        for (std::size_t t = 0; t < k; ++t)
            predictedAsC += m.confusion[t][c];
        const double tp = double(m.confusion[c][c]);
        auto &cm = m.perClass[c];
        cm.precision = predictedAsC > 0 ? tp / double(predictedAsC) : 0.0;
        cm.recall = cm.support > 0 ? tp / double(cm.support) : 0.0;
        cm.f1 = (cm.precision + cm.recall) > 0 ? 2 * cm.precision * cm.recall / (cm.precision + cm.recall) : 0.0;
        if (cm.support > 0) {
            f1Sum += cm.f1;
            ++f1Count;
        }
    }
    m.macroF1 = f1Count > 0 ? f1Sum / f1Count : 0.0;
    return m;
}

base::Result<EvaluationResult> evaluateSongs(const std::vector<std::string> &labels,
                                             const std::vector<std::string> &keys,
                                             const std::vector<std::string> &paths,
                                             const std::vector<int> &truth,
                                             const std::vector<std::vector<float>> &segmentProbs,
                                             AggregationRule rule, int threshold)
{
    const std::size_t classes = labels.size();
    const std::size_t n = keys.size();
    if (classes == 0 || paths.size() != n || truth.size() != n || segmentProbs.size() != n)
        return makeError(ErrorCode::InvalidArgument, "evaluateSongs: inconsistent sizes");
    EvaluationResult r;
    r.labels = labels;
    r.rule = rule;
    r.threshold = threshold;
    std::vector<int> segTruth, segPred, songTruth, songPred;
    for (std::size_t s = 0; s < n; ++s) {
        const auto &probs = segmentProbs[s];
        if (probs.size() % classes != 0)
            return makeError(ErrorCode::InvalidArgument, "evaluateSongs: probabilities of '" + keys[s] +
                                                             "' are not a multiple of the class count");
        FilePrediction f;
        f.key = keys[s];
        f.path = paths[s];
        f.trueLabel = truth[s];
        const std::size_t segs = probs.size() / classes;
        for (std::size_t i = 0; i < segs; ++i) {
            const float *row = probs.data() + i * classes;
            const int arg = int(std::max_element(row, row + classes) - row);
            f.segmentPredictions.push_back(arg);
            segTruth.push_back(truth[s]);
            segPred.push_back(arg);
        }
        f.segmentProbabilities = probs;
        SongDecision d = aggregate(probs, classes, rule, threshold);
        f.predicted = d.label;
        f.scores = std::move(d.scores);
        songTruth.push_back(truth[s]);
        songPred.push_back(f.predicted);
        r.files.push_back(std::move(f));
    }
    r.segment = computeMetrics(segTruth, segPred, int(classes));
    r.song = computeMetrics(songTruth, songPred, int(classes));
    return r;
}

// Five significant digits keep a bundle's stored probabilities small (the shortest decimal form of
// the rounded double is what QJsonDocument writes) while staying far below any decision margin.
static double roundSignificant(float v)
{
    if (!std::isfinite(v) || v == 0.0f)
        return 0.0;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.5g", double(v));
    return std::strtod(buf, nullptr);
}

QJsonObject EvaluationResult::toJson() const
{
    QJsonObject o;
    QJsonArray l;
    for (const auto &s : labels)
        l.append(qs(s));
    o[QStringLiteral("labels")] = l;
    o[QStringLiteral("aggregation")] = qs(std::string(aggregationRuleId(rule)));
    o[QStringLiteral("threshold")] = threshold;
    o[QStringLiteral("segment")] = segment.toJson(labels);
    o[QStringLiteral("song")] = song.toJson(labels);
    QJsonArray files;
    for (const auto &f : this->files) {
        QJsonObject j;
        j[QStringLiteral("key")] = qs(f.key);
        j[QStringLiteral("path")] = qs(f.path);
        j[QStringLiteral("true")] = f.trueLabel >= 0 && std::size_t(f.trueLabel) < labels.size()
                                        ? QJsonValue(qs(labels[std::size_t(f.trueLabel)]))
                                        : QJsonValue();
        j[QStringLiteral("predicted")] = f.predicted >= 0 && std::size_t(f.predicted) < labels.size()
                                             ? QJsonValue(qs(labels[std::size_t(f.predicted)]))
                                             : QJsonValue();
        QJsonArray sc, seg;
        for (float v : f.scores)
            sc.append(double(v));
        for (int p : f.segmentPredictions)
            seg.append(p);
        j[QStringLiteral("scores")] = sc;
        j[QStringLiteral("segmentPredictions")] = seg;
        if (!f.segmentProbabilities.empty()) {
            QJsonArray probs;
            for (float v : f.segmentProbabilities)
                probs.append(roundSignificant(v));
            j[QStringLiteral("segmentProbabilities")] = probs;
        }
        files.append(j);
    }
    o[QStringLiteral("files")] = files;
    return o;
}

static std::string num(double v)
{
    std::ostringstream os;
    os.precision(6);
    os << v;
    return os.str();
}

std::string EvaluationResult::predictionsCsv() const
{
    std::string out = "key,path,true,predicted,correct";
    for (const auto &l : labels)
        out += ",p_" + base::csvField(l);
    out += ",segment_predictions\n";
    auto name = [&](int i) { return i >= 0 && std::size_t(i) < labels.size() ? labels[std::size_t(i)] : std::string(); };
    for (const auto &f : files) {
        out += base::csvField(f.key) + "," + base::csvField(f.path) + "," + base::csvField(name(f.trueLabel)) + "," +
               base::csvField(name(f.predicted)) + "," + (f.predicted == f.trueLabel ? "1" : "0");
        for (std::size_t c = 0; c < labels.size(); ++c)
            out += "," + (c < f.scores.size() ? num(f.scores[c]) : std::string());
        std::string segs;
        for (int p : f.segmentPredictions)
            segs += (segs.empty() ? "" : " ") + name(p);
        out += "," + base::csvField(segs) + "\n";
    }
    return out;
}

std::string EvaluationResult::confusionCsv(bool normalised) const
{
    std::string out = "true\\predicted";
    for (const auto &l : labels)
        out += "," + base::csvField(l);
    out += "\n";
    const auto rn = song.rowNormalised();
    for (std::size_t i = 0; i < song.confusion.size(); ++i) {
        out += base::csvField(labels[i]);
        for (std::size_t j = 0; j < song.confusion[i].size(); ++j)
            out += "," + (normalised ? num(rn[i][j]) : std::to_string(song.confusion[i][j]));
        out += "\n";
    }
    return out;
}

std::pair<double, double> meanStd(const std::vector<double> &values)
{
    if (values.empty())
        return {0.0, 0.0};
    double mean = 0;
    for (double v : values)
        mean += v;
    mean /= double(values.size());
    if (values.size() < 2)
        return {mean, 0.0};
    double ss = 0;
    for (double v : values)
        ss += (v - mean) * (v - mean);
    return {mean, std::sqrt(ss / double(values.size() - 1))};
}

FoldSummary summariseFolds(std::vector<EvaluationResult> folds)
{
    FoldSummary s;
    std::vector<double> song, seg, f1;
    for (const auto &f : folds) {
        song.push_back(f.song.accuracy);
        seg.push_back(f.segment.accuracy);
        f1.push_back(f.song.macroF1);
    }
    std::tie(s.songAccuracyMean, s.songAccuracyStd) = meanStd(song);
    std::tie(s.segmentAccuracyMean, s.segmentAccuracyStd) = meanStd(seg);
    std::tie(s.macroF1Mean, s.macroF1Std) = meanStd(f1);
    s.folds = std::move(folds);
    return s;
}

QJsonObject FoldSummary::toJson() const
{
    QJsonObject o;
    o[QStringLiteral("folds")] = int(folds.size());
    o[QStringLiteral("songAccuracyMean")] = songAccuracyMean;
    o[QStringLiteral("songAccuracyStd")] = songAccuracyStd;
    o[QStringLiteral("segmentAccuracyMean")] = segmentAccuracyMean;
    o[QStringLiteral("segmentAccuracyStd")] = segmentAccuracyStd;
    o[QStringLiteral("macroF1Mean")] = macroF1Mean;
    o[QStringLiteral("macroF1Std")] = macroF1Std;
    QJsonArray per;
    for (const auto &f : folds)
        per.append(f.toJson());
    o[QStringLiteral("perFold")] = per;
    return o;
}

// ---- Reading stored evaluations -------------------------------------------------------------------

namespace {

base::Error badFormat(const std::string &what)
{
    return base::Error{ErrorCode::BadFormat, "evaluation JSON: " + what};
}

// A non-negative integer stored as a JSON number.
bool readCount(const QJsonValue &v, std::int64_t *out)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (!(d >= 0) || d > 9.0e15 || std::floor(d) != d)
        return false;
    *out = std::int64_t(d);
    return true;
}

bool readNumber(const QJsonValue &v, double *out)
{
    if (!v.isDouble())
        return false;
    *out = v.toDouble();
    return std::isfinite(*out);
}

} // namespace

base::Result<Metrics> Metrics::fromJson(const QJsonObject &json, std::size_t classes)
{
    Metrics m;
    if (!readCount(json.value(QStringLiteral("total")), &m.total) ||
        !readCount(json.value(QStringLiteral("correct")), &m.correct) ||
        !readCount(json.value(QStringLiteral("rejected")), &m.rejected))
        return badFormat("metrics need non-negative integer 'total', 'correct' and 'rejected'");
    if (m.correct + m.rejected > m.total)
        return badFormat("metrics: 'correct' + 'rejected' exceed 'total'");
    if (!readNumber(json.value(QStringLiteral("accuracy")), &m.accuracy) ||
        !readNumber(json.value(QStringLiteral("macroF1")), &m.macroF1))
        return badFormat("metrics need numeric 'accuracy' and 'macroF1'");
    const QJsonArray per = json.value(QStringLiteral("perClass")).toArray();
    if (std::size_t(per.size()) != classes)
        return badFormat("metrics: 'perClass' has " + std::to_string(per.size()) + " entries for " +
                         std::to_string(classes) + " labels");
    for (const QJsonValue &v : per) {
        const QJsonObject k = v.toObject();
        ClassMetrics c;
        if (!readNumber(k.value(QStringLiteral("precision")), &c.precision) ||
            !readNumber(k.value(QStringLiteral("recall")), &c.recall) ||
            !readNumber(k.value(QStringLiteral("f1")), &c.f1) ||
            !readCount(k.value(QStringLiteral("support")), &c.support))
            return badFormat("metrics: a 'perClass' entry lacks precision, recall, f1 or support");
        m.perClass.push_back(c);
    }
    const QJsonArray conf = json.value(QStringLiteral("confusion")).toArray();
    if (std::size_t(conf.size()) != classes)
        return badFormat("metrics: 'confusion' is not " + std::to_string(classes) + " x " + std::to_string(classes));
    std::int64_t sum = 0;
    for (const QJsonValue &rowValue : conf) {
        const QJsonArray row = rowValue.toArray();
        if (std::size_t(row.size()) != classes)
            return badFormat("metrics: 'confusion' is not " + std::to_string(classes) + " x " +
                             std::to_string(classes));
        std::vector<std::int64_t> r(classes, 0);
        for (std::size_t j = 0; j < classes; ++j)
            if (!readCount(row[qsizetype(j)], &r[j]))
                return badFormat("metrics: 'confusion' holds a value that is not a count");
        for (auto v : r)
            sum += v;
        m.confusion.push_back(std::move(r));
    }
    if (sum + m.rejected != m.total)
        return badFormat("metrics: the confusion matrix does not add up to 'total' - 'rejected'");
    return m;
}

base::Result<EvaluationResult> EvaluationResult::fromJson(const QJsonObject &json)
{
    EvaluationResult r;
    const QJsonValue labelsValue = json.value(QStringLiteral("labels"));
    if (!labelsValue.isArray() || labelsValue.toArray().isEmpty())
        return badFormat("'labels' is missing or empty");
    for (const QJsonValue &v : labelsValue.toArray()) {
        if (!v.isString() || v.toString().isEmpty())
            return badFormat("'labels' holds something that is not a label name");
        r.labels.push_back(v.toString().toStdString());
    }
    const std::size_t classes = r.labels.size();
    const std::string ruleId = json.value(QStringLiteral("aggregation")).toString().toStdString();
    const auto rule = aggregationRuleFromId(ruleId);
    if (!rule)
        return badFormat("unknown aggregation rule '" + ruleId + "'");
    r.rule = *rule;
    r.threshold = json.value(QStringLiteral("threshold")).toInt(0);
    auto seg = Metrics::fromJson(json.value(QStringLiteral("segment")).toObject(), classes);
    if (!seg.ok())
        return base::Error{seg.error().code, seg.error().detail + " (segment level)"};
    auto song = Metrics::fromJson(json.value(QStringLiteral("song")).toObject(), classes);
    if (!song.ok())
        return base::Error{song.error().code, song.error().detail + " (song level)"};
    r.segment = std::move(*seg);
    r.song = std::move(*song);

    auto labelIndex = [&](const QJsonValue &v, int *out) {
        if (v.isNull() || v.isUndefined()) {
            *out = -1;
            return true;
        }
        const auto it = std::find(r.labels.begin(), r.labels.end(), v.toString().toStdString());
        if (!v.isString() || it == r.labels.end())
            return false;
        *out = int(it - r.labels.begin());
        return true;
    };
    const QJsonValue filesValue = json.value(QStringLiteral("files"));
    if (!filesValue.isArray())
        return badFormat("'files' is missing");
    for (const QJsonValue &fv : filesValue.toArray()) {
        if (!fv.isObject())
            return badFormat("'files' holds something that is not a file");
        const QJsonObject j = fv.toObject();
        FilePrediction f;
        f.key = j.value(QStringLiteral("key")).toString().toStdString();
        f.path = j.value(QStringLiteral("path")).toString().toStdString();
        if (!labelIndex(j.value(QStringLiteral("true")), &f.trueLabel) ||
            !labelIndex(j.value(QStringLiteral("predicted")), &f.predicted))
            return badFormat("file '" + f.key + "' names a label that is not in 'labels'");
        for (const QJsonValue &v : j.value(QStringLiteral("scores")).toArray())
            f.scores.push_back(float(v.toDouble()));
        if (!f.scores.empty() && f.scores.size() != classes)
            return badFormat("file '" + f.key + "' has " + std::to_string(f.scores.size()) + " scores for " +
                             std::to_string(classes) + " labels");
        for (const QJsonValue &v : j.value(QStringLiteral("segmentPredictions")).toArray()) {
            const int p = v.toInt(-2);
            if (p < -1 || p >= int(classes))
                return badFormat("file '" + f.key + "' has a segment prediction out of range");
            f.segmentPredictions.push_back(p);
        }
        const QJsonValue probsValue = j.value(QStringLiteral("segmentProbabilities"));
        if (probsValue.isArray()) {
            for (const QJsonValue &v : probsValue.toArray()) {
                if (!v.isDouble())
                    return badFormat("file '" + f.key + "' has a segment probability that is not a number");
                f.segmentProbabilities.push_back(float(v.toDouble()));
            }
            if (f.segmentProbabilities.size() != f.segmentPredictions.size() * classes)
                return badFormat("file '" + f.key + "' has " + std::to_string(f.segmentProbabilities.size()) +
                                 " segment probabilities for " + std::to_string(f.segmentPredictions.size()) +
                                 " segments x " + std::to_string(classes) + " labels");
        }
        r.files.push_back(std::move(f));
    }
    return r;
}

bool EvaluationResult::hasSegmentProbabilities() const
{
    if (files.empty() || labels.empty())
        return false;
    for (const auto &f : files)
        if (f.segmentProbabilities.empty() || f.segmentProbabilities.size() % labels.size() != 0)
            return false;
    return true;
}

base::Result<EvaluationResult> reaggregate(const EvaluationResult &result, AggregationRule rule, int threshold)
{
    const std::size_t classes = result.labels.size();
    if (classes == 0)
        return makeError(ErrorCode::InvalidArgument, "reaggregate: the evaluation has no labels");
    EvaluationResult r = result;
    r.rule = rule;
    r.threshold = threshold;
    std::vector<int> truth, predicted;
    for (auto &f : r.files) {
        if (f.segmentProbabilities.empty())
            return makeError(ErrorCode::InvalidArgument,
                             "reaggregate: '" + f.key + "' has no stored segment probabilities (an older evaluation)");
        if (f.segmentProbabilities.size() % classes != 0)
            return makeError(ErrorCode::InvalidArgument,
                             "reaggregate: the segment probabilities of '" + f.key + "' do not fit the labels");
        SongDecision d = aggregate(f.segmentProbabilities, classes, rule, threshold);
        f.predicted = d.label;
        f.scores = std::move(d.scores);
        truth.push_back(f.trueLabel);
        predicted.push_back(f.predicted);
    }
    r.song = computeMetrics(truth, predicted, int(classes));
    return r;
}

base::Result<EvaluationResult> poolEvaluations(const std::vector<EvaluationResult> &results)
{
    if (results.empty())
        return makeError(ErrorCode::InvalidArgument, "poolEvaluations: nothing to pool");
    EvaluationResult r;
    r.labels = results.front().labels;
    r.rule = results.front().rule;
    r.threshold = results.front().threshold;
    std::vector<int> segTruth, segPred, songTruth, songPred;
    for (const auto &e : results) {
        if (e.labels != r.labels)
            return makeError(ErrorCode::Mismatch, "poolEvaluations: the evaluations have different labels");
        if (e.rule != r.rule || e.threshold != r.threshold)
            return makeError(ErrorCode::Mismatch, "poolEvaluations: the evaluations used different aggregation rules");
        for (const auto &f : e.files) {
            for (int p : f.segmentPredictions) {
                segTruth.push_back(f.trueLabel);
                segPred.push_back(p);
            }
            songTruth.push_back(f.trueLabel);
            songPred.push_back(f.predicted);
            r.files.push_back(f);
        }
    }
    r.segment = computeMetrics(segTruth, segPred, int(r.labels.size()));
    r.song = computeMetrics(songTruth, songPred, int(r.labels.size()));
    return r;
}

base::Result<FoldSummary> FoldSummary::fromJson(const QJsonObject &json)
{
    const QJsonValue per = json.value(QStringLiteral("perFold"));
    if (!per.isArray() || per.toArray().isEmpty())
        return badFormat("'perFold' is missing or empty");
    std::vector<EvaluationResult> folds;
    for (const QJsonValue &v : per.toArray()) {
        auto e = EvaluationResult::fromJson(v.toObject());
        if (!e.ok())
            return base::Error{e.error().code, e.error().detail + " (fold " + std::to_string(folds.size()) + ")"};
        if (!folds.empty() && e->labels != folds.front().labels)
            return badFormat("fold " + std::to_string(folds.size()) + " has other labels than fold 0");
        folds.push_back(std::move(*e));
    }
    return summariseFolds(std::move(folds));
}

} // namespace genrescope::training
