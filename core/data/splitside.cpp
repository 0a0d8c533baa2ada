#include "splitside.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace genrescope::data {

std::string_view splitName(Split split)
{
    switch (split) {
    case Split::Train:
        return "train";
    case Split::Validation:
        return "validation";
    case Split::Test:
        return "test";
    }
    return "train";
}

std::optional<Split> parseSplit(std::string_view text)
{
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    if (lower == "train" || lower == "training")
        return Split::Train;
    if (lower == "val" || lower == "valid" || lower == "validation")
        return Split::Validation;
    if (lower == "test" || lower == "testing")
        return Split::Test;
    return std::nullopt;
}

} // namespace genrescope::data
