#pragma once

#include <filesystem>
#include <optional>
#include <vector>

namespace genrescope::inference {

/**
 * Where the default model may live, in the order they are tried: $GENRESCOPE_DEFAULT_MODEL (when set
 * and non-empty), <executable dir>/../share/genrescope/models/default.gsm (an installed build), and
 * the source tree's resources/models/default.gsm (a build run in place).
 */
std::vector<std::filesystem::path> defaultModelCandidates();

/** The first candidate that exists as a regular file, or nullopt (the caller then asks for --model). */
std::optional<std::filesystem::path> defaultModelPath();

} // namespace genrescope::inference
