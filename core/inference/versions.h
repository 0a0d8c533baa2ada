#pragma once

#include <string>
#include <utility>
#include <vector>

namespace genrescope::inference {

/** (component, version) for the app and every library it runs on, in display order. */
std::vector<std::pair<std::string, std::string>> componentVersions();

/** componentVersions() as "Genrescope 0.1.0\nQt 6.4.2\n..." text. */
std::string versionsText();

} // namespace genrescope::inference
