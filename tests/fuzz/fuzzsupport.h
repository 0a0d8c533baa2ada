// Helpers shared by the fuzz targets: an in-memory file for entry points that only read paths.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <sys/mman.h>
#include <unistd.h>

namespace genrescope::fuzz {

/**
 * The fuzz input as a file without touching the disk: a memfd, reachable as /proc/self/fd/N, so
 * path-based readers (readManifest, readSidecar) run their real code on it. One per iteration.
 */
class MemFile
{
public:
    explicit MemFile(std::string_view bytes)
    {
        m_fd = ::memfd_create("gs-fuzz", MFD_CLOEXEC);
        if (m_fd < 0)
            std::abort(); // the harness itself is broken: report it loudly rather than fuzz nothing
        std::size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t w = ::write(m_fd, bytes.data() + done, bytes.size() - done);
            if (w <= 0)
                std::abort();
            done += std::size_t(w);
        }
        m_path = "/proc/self/fd/" + std::to_string(m_fd);
    }
    ~MemFile() { ::close(m_fd); }
    MemFile(const MemFile &) = delete;
    MemFile &operator=(const MemFile &) = delete;

    const std::filesystem::path &path() const { return m_path; }

private:
    int m_fd = -1;
    std::filesystem::path m_path;
};

inline std::string_view asView(const std::uint8_t *data, std::size_t size)
{
    return {reinterpret_cast<const char *>(data), size};
}

/** Abort with a message (libFuzzer reports the input as a crash; the replay test fails). */
[[noreturn]] void fail(const char *what);

} // namespace genrescope::fuzz
