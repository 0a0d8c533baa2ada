#include "defaultmodel.h"

#include <cstdlib>
#include <system_error>

namespace genrescope::inference {

std::vector<std::filesystem::path> defaultModelCandidates()
{
    std::vector<std::filesystem::path> out;
    if (const char *env = std::getenv("GENRESCOPE_DEFAULT_MODEL"); env && *env)
        out.emplace_back(env);
    std::error_code ec;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec && !exe.empty())
        out.push_back(exe.parent_path() / ".." / "share" / "genrescope" / "models" / "default.gsm");
    out.push_back(std::filesystem::path(GS_SOURCE_DIR) / "resources" / "models" / "default.gsm");
    return out;
}

std::optional<std::filesystem::path> defaultModelPath()
{
    for (const std::filesystem::path &p : defaultModelCandidates()) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(p, ec))
            return p.lexically_normal();
    }
    return std::nullopt;
}

} // namespace genrescope::inference
