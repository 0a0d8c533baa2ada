// Fuzz target: the CSV reader and the feature-table parser (data::CsvReader::parse,
// data::parseFeatureTable) on the same text.
#include "fuzzsupport.h"

#include "data/csvreader.h"
#include "data/featuretable.h"

#include <cmath>

using namespace genrescope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text = fuzz::asView(data, size);
    auto records = data::CsvReader::parse(text, "fuzz.csv");
    if (records.ok()) {
        int line = 0;
        for (const auto &r : *records) {
            if (r.line <= line)
                fuzz::fail("CSV record lines are not increasing");
            line = r.line;
        }
    }
    auto table = data::parseFeatureTable(text, "fuzz.csv");
    if (!table.ok())
        return 0;
    if (table->rows.size() != table->filenames.size() || table->rows.size() != table->labels.size())
        fuzz::fail("feature table columns of different lengths");
    for (std::size_t i = 0; i < table->rows.size(); ++i) {
        if (table->rows[i].size() != table->columns.size())
            fuzz::fail("feature table row of the wrong width");
        if (table->labels[i] < 0 || std::size_t(table->labels[i]) >= table->labelNames.size())
            fuzz::fail("feature table label index out of range");
        for (float v : table->rows[i])
            if (!std::isfinite(v))
                fuzz::fail("feature table holds a non-finite value");
    }
    for (const std::string &f : table->filenames)
        (void)data::songGroupFromFilename(f);
    return 0;
}
