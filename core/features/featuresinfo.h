#pragma once

#include <string>

namespace genrescope::features {

/** Version of the feature definitions; bumped when a recipe's numbers change, so caches are invalidated. */
inline constexpr int kFeatureSchemaVersion = 1;

std::string featuresSchemaText();

} // namespace genrescope::features
