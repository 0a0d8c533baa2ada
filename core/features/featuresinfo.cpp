#include "featuresinfo.h"

namespace genrescope::features {

std::string featuresSchemaText()
{
    return "feature schema " + std::to_string(kFeatureSchemaVersion);
}

} // namespace genrescope::features
