#pragma once

#include "base/result.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace genrescope::data {

/**
 * A table of precomputed features, one row per clip or segment, in the format of GTZAN's
 * features_30_sec.csv / features_3_sec.csv: a `filename` column first, numeric columns, a `label`
 * column last. `columns` names the numeric columns in file order (`length` included; drop it with
 * withoutColumns when a model must not see it).
 */
struct FeatureTable
{
    std::vector<std::string> columns;          ///< numeric column names, in file order
    std::vector<std::string> filenames;        ///< one per row
    std::vector<std::vector<float>> rows;      ///< rows[i].size() == columns.size()
    std::vector<int> labels;                   ///< index into labelNames, one per row
    std::vector<std::string> labelNames;       ///< sorted

    std::size_t size() const { return rows.size(); }
    /** Index of a column by name, or -1. */
    int columnIndex(std::string_view name) const;
    /** Song group of each row (songGroupFromFilename of its filename). */
    std::vector<std::string> groups() const;
    /** A copy without the named columns; InvalidArgument names an unknown column. */
    base::Result<FeatureTable> withoutColumns(const std::vector<std::string> &names) const;
};

/**
 * Parse a feature table. Errors (BadFormat, detail "<csv>: row R (line L), column 'name': ..."):
 * a header without `filename` first and `label` last or with fewer than 3 columns, a row with the
 * wrong number of fields, an empty filename or label, a cell that is not a number, NaN or infinite
 * (or beyond float range). EmptyFile when there is no data row.
 */
base::Result<FeatureTable> loadFeatureTable(const std::filesystem::path &csvPath);

/** As loadFeatureTable, from text already in memory; sourceName is used in error messages. */
base::Result<FeatureTable> parseFeatureTable(std::string_view csvText, const std::string &sourceName);

/**
 * The song a file or segment belongs to, so segments of one song share a group:
 * "blues.00012.wav" -> "blues.00012", "blues.00012.3.wav" (3-s table) -> "blues.00012",
 * "dir/My Song.mp3" -> "My Song". GTZAN's "<genre>.<digits>" prefix wins when present; otherwise the
 * file name without its extension.
 */
std::string songGroupFromFilename(std::string_view filename);

} // namespace genrescope::data
