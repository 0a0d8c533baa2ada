#include "featuretable.h"

#include "csvreader.h"

#include "base/atomicfile.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>

namespace genrescope::data {

using base::ErrorCode;
using base::makeError;

int FeatureTable::columnIndex(std::string_view name) const
{
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i] == name)
            return int(i);
    return -1;
}

std::vector<std::string> FeatureTable::groups() const
{
    std::vector<std::string> out;
    out.reserve(filenames.size());
    for (const auto &f : filenames)
        out.push_back(songGroupFromFilename(f));
    return out;
}

base::Result<FeatureTable> FeatureTable::withoutColumns(const std::vector<std::string> &names) const
{
    std::vector<bool> drop(columns.size(), false);
    for (const auto &n : names) {
        const int idx = columnIndex(n);
        if (idx < 0)
            return makeError(ErrorCode::InvalidArgument, "no column named '" + n + "'");
        drop[std::size_t(idx)] = true;
    }
    FeatureTable out;
    out.filenames = filenames;
    out.labels = labels;
    out.labelNames = labelNames;
    for (std::size_t c = 0; c < columns.size(); ++c)
        if (!drop[c])
            out.columns.push_back(columns[c]);
    out.rows.reserve(rows.size());
    for (const auto &row : rows) {
        std::vector<float> kept;
        kept.reserve(out.columns.size());
        for (std::size_t c = 0; c < row.size(); ++c)
            if (!drop[c])
                kept.push_back(row[c]);
        out.rows.push_back(std::move(kept));
    }
    return out;
}

std::string songGroupFromFilename(std::string_view filename)
{
    const auto slash = filename.find_last_of("/\\");
    if (slash != std::string_view::npos)
        filename.remove_prefix(slash + 1);
    // GTZAN: <genre>.<digits>[.<segment>].<ext>
    const auto dot = filename.find('.');
    if (dot != std::string_view::npos && dot > 0) {
        std::size_t end = dot + 1;
        while (end < filename.size() && std::isdigit(static_cast<unsigned char>(filename[end])))
            ++end;
        if (end > dot + 1 && (end == filename.size() || filename[end] == '.'))
            return std::string(filename.substr(0, end));
    }
    const auto lastDot = filename.rfind('.');
    if (lastDot != std::string_view::npos && lastDot > 0)
        return std::string(filename.substr(0, lastDot));
    return std::string(filename);
}

namespace {

std::string trimmed(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return std::string(s);
}

} // namespace

base::Result<FeatureTable> parseFeatureTable(std::string_view csvText, const std::string &sourceName)
{
    try {
        auto records = CsvReader::parse(csvText, sourceName);
        if (!records.ok())
            return records.error();
        const auto &recs = records.value();
        if (recs.empty())
            return makeError(ErrorCode::EmptyFile, sourceName + ": the feature table is empty");
        const auto &header = recs.front().fields;
        if (header.size() < 3 || trimmed(header.front()) != "filename" || trimmed(header.back()) != "label")
            return makeError(ErrorCode::BadFormat,
                             sourceName + ": line " + std::to_string(recs.front().line) +
                                 ": the header must start with 'filename', end with 'label' and have numeric "
                                 "columns between");
        FeatureTable table;
        for (std::size_t c = 1; c + 1 < header.size(); ++c)
            table.columns.push_back(trimmed(header[c]));
        if (recs.size() < 2)
            return makeError(ErrorCode::EmptyFile, sourceName + ": the feature table has no rows");

        const std::size_t nCols = header.size();
        std::vector<std::string> rowLabels;
        for (std::size_t r = 1; r < recs.size(); ++r) {
            const auto &rec = recs[r];
            const std::string where =
                sourceName + ": row " + std::to_string(r) + " (line " + std::to_string(rec.line) + ")";
            if (rec.fields.size() != nCols)
                return makeError(ErrorCode::BadFormat, where + ": expected " + std::to_string(nCols) +
                                                           " columns, found " + std::to_string(rec.fields.size()));
            const std::string filename = trimmed(rec.fields.front());
            if (filename.empty())
                return makeError(ErrorCode::BadFormat, where + ", column 'filename': empty");
            const std::string label = trimmed(rec.fields.back());
            if (label.empty())
                return makeError(ErrorCode::BadFormat, where + ", column 'label': empty");
            std::vector<float> values(table.columns.size());
            for (std::size_t c = 0; c < table.columns.size(); ++c) {
                const std::string cell = trimmed(rec.fields[c + 1]);
                double v = 0;
                const char *first = cell.data();
                const char *last = cell.data() + cell.size();
                if (first != last && *first == '+')
                    ++first;
                const auto [ptr, ec] = std::from_chars(first, last, v);
                const std::string colWhere = where + ", column '" + table.columns[c] + "'";
                if (cell.empty() || ec == std::errc::invalid_argument || ptr != last)
                    return makeError(ErrorCode::BadFormat, colWhere + ": '" + cell + "' is not a number");
                if (ec == std::errc::result_out_of_range || !std::isfinite(v) ||
                    std::fabs(v) > double(std::numeric_limits<float>::max()))
                    return makeError(ErrorCode::BadFormat, colWhere + ": '" + cell + "' is not a finite number");
                values[c] = float(v);
            }
            table.filenames.push_back(filename);
            table.rows.push_back(std::move(values));
            rowLabels.push_back(label);
        }
        table.labelNames = rowLabels;
        std::sort(table.labelNames.begin(), table.labelNames.end());
        table.labelNames.erase(std::unique(table.labelNames.begin(), table.labelNames.end()), table.labelNames.end());
        table.labels.reserve(rowLabels.size());
        for (const auto &l : rowLabels)
            table.labels.push_back(
                int(std::lower_bound(table.labelNames.begin(), table.labelNames.end(), l) - table.labelNames.begin()));
        return table;
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Internal, e.what());
    }
}

base::Result<FeatureTable> loadFeatureTable(const std::filesystem::path &csvPath)
{
    auto text = base::readFile(csvPath, std::size_t(1) << 30);
    if (!text.ok())
        return text.error();
    return parseFeatureTable(text.value(), csvPath.string());
}

} // namespace genrescope::data
