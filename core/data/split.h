#pragma once

#include "splitside.h"

#include "base/result.h"

#include <QJsonObject>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace genrescope::data {

struct Dataset;
struct FeatureTable;

/** What a split needs to know about one element (a file, or a row of a feature table). */
struct SplitEntry
{
    std::string key;   ///< unique id stored in the split (Item::key, or the table's filename)
    std::string label;
    std::string group; ///< elements of one group always land on the same side; empty = its own group
    std::optional<Split> fixedSplit;
};

/** Entries of a scanned dataset (key, label, group, manifest split). */
std::vector<SplitEntry> splitEntries(const Dataset &dataset);
/** Entries of a feature table: key = filename, group = songGroupFromFilename(filename). */
std::vector<SplitEntry> splitEntries(const FeatureTable &table);

enum class SplitMethod { Stratified, KFold, Fixed };

/**
 * An assignment of keys to train / validation / test, with what is needed to reproduce it.
 *
 * Reproducibility: every random choice comes from std::mt19937_64 seeded with `seed`, used through
 * our own Fisher-Yates shuffle (not std::shuffle / std::uniform_int_distribution, whose results
 * differ between standard libraries). Groups are sorted by name before shuffling, so the result
 * depends only on the set of entries, the parameters and the seed, not on the input order.
 */
struct DataSplit
{
    SplitMethod method = SplitMethod::Stratified;
    std::uint64_t seed = 0;
    int fold = -1;   ///< KFold: which fold is the test fold (0-based); -1 otherwise
    int folds = 0;   ///< KFold: k; 0 otherwise
    double trainFraction = 0, validationFraction = 0, testFraction = 0; ///< Stratified: the requested fractions
    std::vector<std::string> train, validation, test;                  ///< keys, sorted

    /** The side of a key, or nullopt when the key is in none. */
    std::optional<Split> sideOf(const std::string &key) const;
    const std::vector<std::string> &side(Split s) const;

    /**
     * {"format": 1, "method": "stratified"|"kfold"|"fixed", "seed": n (a string when above 2^53),
     *  "fold": i, "folds": k, "fractions": {"train","validation","test"}, "train": [...],
     *  "validation": [...], "test": [...]}
     */
    QJsonObject toJson() const;
    /** BadFormat for a missing or ill-typed field, a key on two sides; VersionTooNew for a newer format. */
    static base::Result<DataSplit> fromJson(const QJsonObject &json);
};

std::string_view splitMethodName(SplitMethod method);

/**
 * Stratified train/validation/test split by group. Each group gets the majority label of its
 * entries; within each label, groups are shuffled with the seed and then placed, largest first, on
 * the side furthest below its target item count, so class proportions follow the fractions as
 * closely as whole groups allow. Fractions must be >= 0 and sum to 1 (within 1e-6).
 * Errors: InvalidArgument (bad fractions, empty or duplicate keys).
 */
base::Result<DataSplit> stratifiedSplit(const std::vector<SplitEntry> &entries, double trainFraction,
                                        double validationFraction, double testFraction, std::uint64_t seed);

/**
 * k-fold cross-validation by group, stratified by label: groups are dealt into k folds (per label,
 * shuffled with the seed, largest first, onto the fold with the fewest items of that label). Split i
 * has test = fold i, validation = fold (i+1) mod k, train = the rest. k >= 3 and at most the number
 * of groups. Errors: InvalidArgument.
 */
base::Result<std::vector<DataSplit>> kFoldSplits(const std::vector<SplitEntry> &entries, int k, std::uint64_t seed);

/**
 * The split a manifest prescribes. Every entry needs a fixedSplit; a group found on two sides is an
 * error (Mismatch, naming the group), since it would leak a song into its own test.
 */
base::Result<DataSplit> fixedSplit(const std::vector<SplitEntry> &entries);

/** Side of each entry under a split, in entry order; Mismatch names a key the split does not hold. */
base::Result<std::vector<Split>> assignSides(const DataSplit &split, const std::vector<SplitEntry> &entries);

} // namespace genrescope::data
