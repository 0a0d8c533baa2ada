#pragma once

#include <optional>
#include <string_view>

namespace genrescope::data {

/** The side of a split an item belongs to. */
enum class Split { Train, Validation, Test };

/** "train", "validation", "test": the names used in manifests, JSON and the CLI. */
std::string_view splitName(Split split);

/**
 * Parse a split name as written in a manifest: train, val, validation, test (case-insensitive,
 * surrounding spaces ignored). nullopt for anything else.
 */
std::optional<Split> parseSplit(std::string_view text);

} // namespace genrescope::data
