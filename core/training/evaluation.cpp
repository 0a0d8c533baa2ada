#include "training/evaluation.h"

#include <QJsonArray>
#include <algorithm>
#include <cmath>
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
        files.append(j);
    }
    o[QStringLiteral("files")] = files;
    return o;
}

static std::string csvField(const std::string &s)
{
    if (s.find_first_of(",\"\n\r") == std::string::npos)
        return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + "\"";
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
        out += ",p_" + csvField(l);
    out += ",segment_predictions\n";
    auto name = [&](int i) { return i >= 0 && std::size_t(i) < labels.size() ? labels[std::size_t(i)] : std::string(); };
    for (const auto &f : files) {
        out += csvField(f.key) + "," + csvField(f.path) + "," + csvField(name(f.trueLabel)) + "," +
               csvField(name(f.predicted)) + "," + (f.predicted == f.trueLabel ? "1" : "0");
        for (std::size_t c = 0; c < labels.size(); ++c)
            out += "," + (c < f.scores.size() ? num(f.scores[c]) : std::string());
        std::string segs;
        for (int p : f.segmentPredictions)
            segs += (segs.empty() ? "" : " ") + name(p);
        out += "," + csvField(segs) + "\n";
    }
    return out;
}

std::string EvaluationResult::confusionCsv(bool normalised) const
{
    std::string out = "true\\predicted";
    for (const auto &l : labels)
        out += "," + csvField(l);
    out += "\n";
    const auto rn = song.rowNormalised();
    for (std::size_t i = 0; i < song.confusion.size(); ++i) {
        out += csvField(labels[i]);
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

} // namespace genrescope::training
