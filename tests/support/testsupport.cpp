#include "testsupport.h"

#include <cstdlib>

namespace genrescope::test {

std::optional<std::filesystem::path> sharedDataDir()
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (const char *env = std::getenv("GS_SHARED_DATA"); env && *env && fs::is_directory(env, ec))
        return fs::path(env);
    const fs::path compiled = GS_SHARED_DATA_DIR;
    if (fs::is_directory(compiled, ec))
        return compiled;
    return std::nullopt;
}

std::optional<std::filesystem::path> gtzanDevDir()
{
    auto d = sharedDataDir();
    if (!d)
        return std::nullopt;
    std::error_code ec;
    const auto dev = *d / "gtzan-dev";
    if (!std::filesystem::is_directory(dev, ec))
        return std::nullopt;
    return dev;
}

} // namespace genrescope::test
