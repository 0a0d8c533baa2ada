#pragma once

#include <string>
#include <string_view>

namespace genrescope::base {

/** One CSV cell (RFC 4180): quoted, with inner quotes doubled, only when it holds a comma, quote or line break. */
std::string csvField(std::string_view text);

} // namespace genrescope::base
