#include "split.h"

#include "dataset.h"
#include "featuretable.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <unordered_map>

namespace genrescope::data {

using base::ErrorCode;
using base::makeError;

namespace {

constexpr int kSplitFormat = 1;

/** Uniform integer in [0, n) from the raw generator, without modulo bias (rejection). */
std::uint64_t uniformBelow(std::mt19937_64 &rng, std::uint64_t n)
{
    const std::uint64_t threshold = (0 - n) % n; // 2^64 mod n
    for (;;) {
        const std::uint64_t x = rng();
        if (x >= threshold)
            return x % n;
    }
}

template <typename T>
void seededShuffle(std::vector<T> &v, std::mt19937_64 &rng)
{
    for (std::size_t i = v.size(); i > 1; --i) {
        const std::size_t j = std::size_t(uniformBelow(rng, i));
        std::swap(v[i - 1], v[j]);
    }
}

struct Group
{
    std::string name;
    std::string label; ///< majority label
    std::vector<std::size_t> members;
};

/** Groups by label (labels sorted, groups sorted by name within a label). */
base::Result<std::map<std::string, std::vector<Group>>> groupsByLabel(const std::vector<SplitEntry> &entries)
{
    std::set<std::string> keys;
    std::map<std::string, Group> groups;
    std::map<std::string, std::map<std::string, std::size_t>> labelCounts;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const auto &e = entries[i];
        if (e.key.empty())
            return makeError(ErrorCode::InvalidArgument, "an entry has an empty key");
        if (!keys.insert(e.key).second)
            return makeError(ErrorCode::InvalidArgument, "the key '" + e.key + "' appears twice");
        const std::string g = e.group.empty() ? e.key : e.group;
        auto &group = groups[g];
        group.name = g;
        group.members.push_back(i);
        ++labelCounts[g][e.label];
    }
    std::map<std::string, std::vector<Group>> out;
    for (auto &[name, group] : groups) {
        std::size_t best = 0;
        for (const auto &[label, count] : labelCounts[name]) {
            if (count > best) { // ties: the alphabetically first label, as the map is sorted
                best = count;
                group.label = label;
            }
        }
        out[group.label].push_back(std::move(group));
    }
    return out;
}

void orderForPlacement(std::vector<Group> &groups, std::mt19937_64 &rng)
{
    seededShuffle(groups, rng);
    std::stable_sort(groups.begin(), groups.end(),
                     [](const Group &a, const Group &b) { return a.members.size() > b.members.size(); });
}

void sortSides(DataSplit &s)
{
    std::sort(s.train.begin(), s.train.end());
    std::sort(s.validation.begin(), s.validation.end());
    std::sort(s.test.begin(), s.test.end());
}

std::vector<std::string> &sideOfSplit(DataSplit &s, Split side)
{
    switch (side) {
    case Split::Train:
        return s.train;
    case Split::Validation:
        return s.validation;
    case Split::Test:
        return s.test;
    }
    return s.train;
}

} // namespace

std::vector<SplitEntry> splitEntries(const Dataset &dataset)
{
    std::vector<SplitEntry> out;
    out.reserve(dataset.items.size());
    for (const auto &item : dataset.items)
        out.push_back({item.key, item.label, item.group, item.fixedSplit});
    return out;
}

std::vector<SplitEntry> splitEntries(const FeatureTable &table)
{
    std::vector<SplitEntry> out;
    out.reserve(table.size());
    for (std::size_t i = 0; i < table.size(); ++i)
        out.push_back({table.filenames[i], table.labelNames[std::size_t(table.labels[i])],
                       songGroupFromFilename(table.filenames[i]), std::nullopt});
    return out;
}

std::string_view splitMethodName(SplitMethod method)
{
    switch (method) {
    case SplitMethod::Stratified:
        return "stratified";
    case SplitMethod::KFold:
        return "kfold";
    case SplitMethod::Fixed:
        return "fixed";
    }
    return "stratified";
}

std::optional<Split> DataSplit::sideOf(const std::string &key) const
{
    for (Split s : {Split::Train, Split::Validation, Split::Test}) {
        const auto &v = side(s);
        if (std::binary_search(v.begin(), v.end(), key))
            return s;
    }
    return std::nullopt;
}

const std::vector<std::string> &DataSplit::side(Split s) const
{
    switch (s) {
    case Split::Train:
        return train;
    case Split::Validation:
        return validation;
    case Split::Test:
        return test;
    }
    return train;
}

QJsonObject DataSplit::toJson() const
{
    auto array = [](const std::vector<std::string> &keys) {
        QJsonArray a;
        for (const auto &k : keys)
            a.append(QString::fromStdString(k));
        return a;
    };
    QJsonObject o;
    o["format"] = kSplitFormat;
    o["method"] = QString::fromLatin1(splitMethodName(method).data(), qsizetype(splitMethodName(method).size()));
    if (seed <= (std::uint64_t(1) << 53))
        o["seed"] = qint64(seed);
    else
        o["seed"] = QString::number(seed);
    o["fold"] = fold;
    o["folds"] = folds;
    QJsonObject fractions;
    fractions["train"] = trainFraction;
    fractions["validation"] = validationFraction;
    fractions["test"] = testFraction;
    o["fractions"] = fractions;
    o["train"] = array(train);
    o["validation"] = array(validation);
    o["test"] = array(test);
    return o;
}

base::Result<DataSplit> DataSplit::fromJson(const QJsonObject &json)
{
    auto bad = [](const std::string &what) { return makeError(ErrorCode::BadFormat, "split: " + what); };
    if (!json.value("format").isDouble())
        return bad("no format number");
    const int format = json.value("format").toInt();
    if (format > kSplitFormat)
        return makeError(ErrorCode::VersionTooNew, "split format " + std::to_string(format));
    if (format < 1)
        return bad("format " + std::to_string(format));
    DataSplit s;
    const QString method = json.value("method").toString();
    if (method == "stratified")
        s.method = SplitMethod::Stratified;
    else if (method == "kfold")
        s.method = SplitMethod::KFold;
    else if (method == "fixed")
        s.method = SplitMethod::Fixed;
    else
        return bad("unknown method '" + method.toStdString() + "'");
    const QJsonValue seed = json.value("seed");
    if (seed.isString()) {
        bool ok = false;
        s.seed = seed.toString().toULongLong(&ok);
        if (!ok)
            return bad("seed is not a number");
    } else if (seed.isDouble()) {
        const qint64 v = seed.toInteger(-1);
        if (v < 0)
            return bad("seed is not a non-negative integer");
        s.seed = std::uint64_t(v);
    } else {
        return bad("no seed");
    }
    s.fold = json.value("fold").toInt(-1);
    s.folds = json.value("folds").toInt(0);
    const QJsonObject fractions = json.value("fractions").toObject();
    s.trainFraction = fractions.value("train").toDouble();
    s.validationFraction = fractions.value("validation").toDouble();
    s.testFraction = fractions.value("test").toDouble();
    std::set<std::string> seen;
    for (Split side : {Split::Train, Split::Validation, Split::Test}) {
        const QString name = QString::fromLatin1(splitName(side).data(), qsizetype(splitName(side).size()));
        const QJsonValue v = json.value(name);
        if (!v.isArray())
            return bad("no '" + name.toStdString() + "' list");
        auto &keys = sideOfSplit(s, side);
        for (const auto &k : v.toArray()) {
            if (!k.isString())
                return bad("a key in '" + name.toStdString() + "' is not a string");
            std::string key = k.toString().toStdString();
            if (!seen.insert(key).second)
                return bad("the key '" + key + "' is listed twice");
            keys.push_back(std::move(key));
        }
    }
    sortSides(s);
    return s;
}

base::Result<DataSplit> stratifiedSplit(const std::vector<SplitEntry> &entries, double trainFraction,
                                        double validationFraction, double testFraction, std::uint64_t seed)
{
    try {
        const double fr[3] = {trainFraction, validationFraction, testFraction};
        for (double f : fr)
            if (!(f >= 0 && f <= 1))
                return makeError(ErrorCode::InvalidArgument, "split fractions must lie in [0, 1]");
        if (std::fabs(fr[0] + fr[1] + fr[2] - 1.0) > 1e-6)
            return makeError(ErrorCode::InvalidArgument, "split fractions must sum to 1");
        auto byLabel = groupsByLabel(entries);
        if (!byLabel.ok())
            return byLabel.error();

        DataSplit s;
        s.method = SplitMethod::Stratified;
        s.seed = seed;
        s.trainFraction = trainFraction;
        s.validationFraction = validationFraction;
        s.testFraction = testFraction;
        std::mt19937_64 rng(seed);
        const Split sides[3] = {Split::Train, Split::Validation, Split::Test};
        for (auto &[label, groups] : byLabel.value()) {
            orderForPlacement(groups, rng);
            std::size_t total = 0;
            for (const auto &g : groups)
                total += g.members.size();
            double filled[3] = {0, 0, 0};
            for (const auto &g : groups) {
                int best = -1;
                double bestDeficit = 0;
                for (int si = 0; si < 3; ++si) {
                    if (fr[si] <= 0)
                        continue;
                    const double deficit = fr[si] * double(total) - filled[si];
                    if (best < 0 || deficit > bestDeficit + 1e-9) {
                        best = si;
                        bestDeficit = deficit;
                    }
                }
                filled[best] += double(g.members.size());
                auto &keys = sideOfSplit(s, sides[best]);
                for (std::size_t m : g.members)
                    keys.push_back(entries[m].key);
            }
        }
        sortSides(s);
        return s;
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Internal, e.what());
    }
}

base::Result<std::vector<DataSplit>> kFoldSplits(const std::vector<SplitEntry> &entries, int k, std::uint64_t seed)
{
    try {
        if (k < 3)
            return makeError(ErrorCode::InvalidArgument,
                             "k-fold with a separate validation fold needs k >= 3 (got " + std::to_string(k) + ")");
        auto byLabel = groupsByLabel(entries);
        if (!byLabel.ok())
            return byLabel.error();
        std::size_t groupCount = 0;
        for (const auto &[label, groups] : byLabel.value())
            groupCount += groups.size();
        if (groupCount < std::size_t(k))
            return makeError(ErrorCode::InvalidArgument, std::to_string(k) + " folds need at least " +
                                                             std::to_string(k) + " songs/groups, found " +
                                                             std::to_string(groupCount));

        std::mt19937_64 rng(seed);
        std::vector<std::vector<std::string>> foldKeys(static_cast<std::size_t>(k));
        std::vector<std::size_t> foldTotal(std::size_t(k), 0);
        for (auto &[label, groups] : byLabel.value()) {
            orderForPlacement(groups, rng);
            std::vector<std::size_t> foldLabel(std::size_t(k), 0);
            for (const auto &g : groups) {
                std::size_t best = 0;
                for (std::size_t f = 1; f < std::size_t(k); ++f) {
                    if (foldLabel[f] < foldLabel[best] ||
                        (foldLabel[f] == foldLabel[best] && foldTotal[f] < foldTotal[best]))
                        best = f;
                }
                foldLabel[best] += g.members.size();
                foldTotal[best] += g.members.size();
                for (std::size_t m : g.members)
                    foldKeys[best].push_back(entries[m].key);
            }
        }
        std::vector<DataSplit> splits;
        for (int i = 0; i < k; ++i) {
            DataSplit s;
            s.method = SplitMethod::KFold;
            s.seed = seed;
            s.fold = i;
            s.folds = k;
            s.testFraction = 1.0 / k;
            s.validationFraction = 1.0 / k;
            s.trainFraction = 1.0 - 2.0 / k;
            for (int f = 0; f < k; ++f) {
                auto &dest = f == i ? s.test : (f == (i + 1) % k ? s.validation : s.train);
                dest.insert(dest.end(), foldKeys[std::size_t(f)].begin(), foldKeys[std::size_t(f)].end());
            }
            sortSides(s);
            splits.push_back(std::move(s));
        }
        return splits;
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Internal, e.what());
    }
}

base::Result<DataSplit> fixedSplit(const std::vector<SplitEntry> &entries)
{
    try {
        DataSplit s;
        s.method = SplitMethod::Fixed;
        std::set<std::string> keys;
        std::unordered_map<std::string, Split> groupSide;
        std::size_t missing = 0;
        std::string firstMissing;
        for (const auto &e : entries) {
            if (!keys.insert(e.key).second)
                return makeError(ErrorCode::InvalidArgument, "the key '" + e.key + "' appears twice");
            if (!e.fixedSplit) {
                if (missing++ == 0)
                    firstMissing = e.key;
                continue;
            }
            const std::string g = e.group.empty() ? e.key : e.group;
            const auto [it, inserted] = groupSide.emplace(g, *e.fixedSplit);
            if (!inserted && it->second != *e.fixedSplit)
                return makeError(ErrorCode::Mismatch, "the group '" + g + "' is on two sides (" +
                                                          std::string(splitName(it->second)) + " and " +
                                                          std::string(splitName(*e.fixedSplit)) + ")");
            sideOfSplit(s, *e.fixedSplit).push_back(e.key);
        }
        if (missing > 0)
            return makeError(ErrorCode::InvalidArgument, std::to_string(missing) +
                                                             " entries have no split value (first: '" +
                                                             firstMissing + "')");
        if (entries.empty())
            return makeError(ErrorCode::InvalidArgument, "no entries to split");
        const double n = double(entries.size());
        s.trainFraction = double(s.train.size()) / n;
        s.validationFraction = double(s.validation.size()) / n;
        s.testFraction = double(s.test.size()) / n;
        sortSides(s);
        return s;
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Internal, e.what());
    }
}

base::Result<std::vector<Split>> assignSides(const DataSplit &split, const std::vector<SplitEntry> &entries)
{
    std::vector<Split> out;
    out.reserve(entries.size());
    for (const auto &e : entries) {
        const auto side = split.sideOf(e.key);
        if (!side)
            return makeError(ErrorCode::Mismatch, "the split does not list '" + e.key + "'");
        out.push_back(*side);
    }
    return out;
}

} // namespace genrescope::data
