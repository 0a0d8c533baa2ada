#include "csvreader.h"

namespace genrescope::data {

using base::ErrorCode;
using base::makeError;

base::Result<std::vector<CsvRecord>> CsvReader::parse(std::string_view text, const std::string &sourceName)
{
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);

    std::vector<CsvRecord> records;
    CsvRecord record;
    std::string field;
    int line = 1;
    std::size_t i = 0;
    const std::size_t n = text.size();
    bool recordHasContent = false; // distinguishes a blank line from a record with one empty field

    auto endField = [&] {
        record.fields.push_back(std::move(field));
        field.clear();
    };
    auto endRecord = [&] {
        if (recordHasContent || !record.fields.empty()) {
            endField();
            records.push_back(std::move(record));
        }
        record = CsvRecord{};
        field.clear();
        recordHasContent = false;
    };

    record.line = line;
    while (i < n) {
        const char c = text[i];
        if (c == '"' && field.empty()) {
            // A quoted field starts only at the beginning of a field.
            const int startLine = line;
            ++i;
            bool closed = false;
            while (i < n) {
                const char q = text[i];
                if (q == '"') {
                    if (i + 1 < n && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                if (q == '\n')
                    ++line;
                field += q;
                ++i;
            }
            if (!closed)
                return makeError(ErrorCode::BadFormat, sourceName + ":" + std::to_string(startLine) +
                                                           ": a quoted field is not closed");
            recordHasContent = true;
            // After the closing quote only a delimiter or a line end may follow.
            if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
                return makeError(ErrorCode::BadFormat, sourceName + ":" + std::to_string(line) +
                                                           ": text after a closing quote");
            continue;
        }
        if (c == ',') {
            endField();
            recordHasContent = true;
            ++i;
            continue;
        }
        if (c == '\r' && i + 1 < n && text[i + 1] == '\n') {
            ++i;
            continue;
        }
        if (c == '\n' || c == '\r') {
            endRecord();
            ++line;
            ++i;
            record.line = line;
            continue;
        }
        field += c;
        recordHasContent = true;
        ++i;
    }
    endRecord();
    return records;
}

} // namespace genrescope::data
