#include "atomicfile.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace genrescope::base {

ErrorCode errorCodeFromErrno(int err)
{
    switch (err) {
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
        return ErrorCode::DiskFull;
    case ENOENT:
    case ENOTDIR:
        return ErrorCode::FileNotFound;
    case EACCES:
    case EPERM:
    case EROFS:
        return ErrorCode::PermissionDenied;
    case EISDIR:
        return ErrorCode::IsDirectory;
    default:
        return ErrorCode::Io;
    }
}

namespace {

Error errnoError(int err, const std::string &what)
{
    return makeError(errorCodeFromErrno(err), what + ": " + std::strerror(err));
}

std::string randomSuffix()
{
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    static const char digits[] = "0123456789abcdef";
    std::string s;
    auto v = rng();
    for (int i = 0; i < 12; ++i, v >>= 4)
        s += digits[v & 15];
    return s;
}

} // namespace

Status writeFileAtomically(const std::filesystem::path &path, std::string_view bytes)
{
    namespace fs = std::filesystem;
    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    // The pid keeps names apart in processes forked after the generator was seeded (same state).
    const fs::path tmp =
        dir / ("." + path.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" + randomSuffix());

    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return errnoError(errno, "cannot create " + tmp.string());

    auto fail = [&](int err, const std::string &what) -> Status {
        ::close(fd);
        ::unlink(tmp.c_str());
        return errnoError(err, what);
    };

    const char *p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return fail(errno, "cannot write " + path.string());
        }
        p += n;
        left -= std::size_t(n);
    }
    if (::fsync(fd) != 0)
        return fail(errno, "cannot flush " + path.string());
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        return errnoError(err, "cannot close " + path.string());
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        return errnoError(err, "cannot replace " + path.string());
    }
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return {};
}

Result<std::string> readFile(const std::filesystem::path &path, std::size_t maxBytes)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errnoError(errno, "cannot open " + path.string());
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        return errnoError(err, "cannot stat " + path.string());
    }
    if (S_ISDIR(st.st_mode)) {
        ::close(fd);
        return makeError(ErrorCode::IsDirectory, path.string());
    }
    if (std::size_t(st.st_size) > maxBytes) {
        ::close(fd);
        return makeError(ErrorCode::TooLarge, path.string());
    }
    std::string out;
    out.reserve(std::size_t(st.st_size));
    char buf[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const int err = errno;
            ::close(fd);
            return errnoError(err, "cannot read " + path.string());
        }
        if (n == 0)
            break;
        out.append(buf, std::size_t(n));
        if (out.size() > maxBytes) {
            ::close(fd);
            return makeError(ErrorCode::TooLarge, path.string());
        }
    }
    ::close(fd);
    return out;
}

} // namespace genrescope::base
