#pragma once

#include "base/result.h"
#include "features/featureconfig.h"

#include <string>
#include <vector>

namespace genrescope::features {

/**
 * Named feature recipes (MODELS.md section 1 for F1-F7):
 * "display-stft", "logmel128", "logmel96", "mfcc", "chroma", "choi-f1", "bbnn-f2", "mlfi-f3",
 * "bcnn-f5", "bcnn-small-f5", "seed004-f6", "seed004-f7".
 * The registry is the table in recipes.cpp: another recipe is one more line there.
 */
std::vector<std::string> recipeNames();

/** The recipe's FeatureConfig (recipe field = name); InvalidArgument for an unknown name. */
base::Result<FeatureConfig> recipe(const std::string &name);

/** A one-line description of a recipe, for `genrescope-cli features --list`. Empty if unknown. */
std::string recipeSummary(const std::string &name);

} // namespace genrescope::features
