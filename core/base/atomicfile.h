#pragma once

#include "result.h"

#include <filesystem>
#include <string_view>

namespace genrescope::base {

/**
 * Write bytes to path atomically: a temporary file in the same folder, fsync, rename over the
 * target, fsync of the folder. On any failure (full disk -> DiskFull, permissions, ...) the
 * temporary file is removed and the previous file at path, if any, is left untouched.
 */
Status writeFileAtomically(const std::filesystem::path &path, std::string_view bytes);

/** Read a whole file; FileNotFound / IsDirectory / PermissionDenied / Io on failure. */
Result<std::string> readFile(const std::filesystem::path &path, std::size_t maxBytes = std::size_t(1) << 32);

/** Map an errno value to an ErrorCode (ENOSPC -> DiskFull, ENOENT -> FileNotFound, ...). */
ErrorCode errorCodeFromErrno(int err);

} // namespace genrescope::base
