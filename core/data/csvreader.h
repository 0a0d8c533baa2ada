#pragma once

#include "base/result.h"

#include <string>
#include <string_view>
#include <vector>

namespace genrescope::data {

/** One record of a CSV file and the 1-based line on which it starts (for error messages). */
struct CsvRecord
{
    int line = 0;
    std::vector<std::string> fields;
};

/**
 * RFC 4180 CSV: comma-separated, fields optionally in double quotes, "" inside quotes is one quote,
 * quoted fields may hold commas and line breaks, LF or CRLF line ends, a UTF-8 byte-order mark is
 * skipped. Blank lines are skipped. Bytes are passed through unchanged (UTF-8 stays UTF-8).
 * Errors (BadFormat, detail "<source>:<line>: ..."): an unterminated quoted field, text after a
 * closing quote.
 */
class CsvReader
{
public:
    static base::Result<std::vector<CsvRecord>> parse(std::string_view text, const std::string &sourceName);
};

} // namespace genrescope::data
