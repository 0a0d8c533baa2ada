#pragma once

#include "base/result.h"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace genrescope::data {

/**
 * Which version of a file features were computed from: its absolute path, size in bytes and
 * modification time in nanoseconds. Cheap (one stat, no read). Any rewrite that changes the size or
 * the mtime invalidates the cache; a rewrite that keeps both (same size within the filesystem's
 * timestamp granularity, or a restored mtime) is not noticed - the price of not hashing content.
 */
struct FileIdentity
{
    std::string path;        ///< absolute, lexically normal, UTF-8
    std::uint64_t size = 0;  ///< bytes
    std::int64_t mtimeNs = 0; ///< st_mtim, ns since the epoch

    /** FileNotFound / PermissionDenied / Io when the file cannot be stat'ed. */
    static base::Result<FileIdentity> of(const std::filesystem::path &file);
};

/** A cache key: the file's identity plus the hash of every feature parameter (FeatureConfig). */
struct CacheKey
{
    FileIdentity file;
    std::string configHash;

    /** Canonical, unambiguous text of the key (length-prefixed fields); stored in each entry. */
    std::string canonical() const;
};

/** A cached value: a float tensor (row-major, shape[0] outermost) and small opaque metadata. */
struct CachedFeatures
{
    std::vector<std::int64_t> shape;
    std::vector<float> data; ///< product(shape) values
    std::string metadata;    ///< e.g. a JSON object; at most 1 MiB
};

struct CacheUsage
{
    std::size_t entries = 0;
    std::uint64_t bytes = 0;
};

struct CacheStats
{
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::uint64_t damaged = 0;       ///< entries found unreadable, corrupt or of another version/key
    std::uint64_t storeFailures = 0; ///< getOrCompute could not write (value still returned)
};

/**
 * The on-disk feature cache: one file per key, <directory>/<2 hex>/<sha1(key) hex>.gsf.
 *
 * Entry layout (host byte order, little-endian on every supported machine): magic "GSFCACHE",
 * u32 format version (kCacheFormatVersion), u32 key length, key (CacheKey::canonical), u32 metadata
 * length, metadata, u32 rank, i64 shape[rank], u64 value count, float values[count], then the SHA-1 of
 * every preceding byte. A read checks all of it; anything wrong (truncation, a flipped bit, another
 * format version, another key in the file - e.g. a file-name collision) is a miss, the bad file is
 * removed, and getOrCompute writes a fresh entry. Damaged data is never returned.
 *
 * Writes go through base::writeFileAtomically (temp + fsync + rename), so a concurrent reader in
 * this or another process sees the old entry, the new entry or none, never half of one; two
 * writers of the same key both write complete entries and the last rename wins.
 *
 * Thread-safe: all methods are const and may be called concurrently; copies share the statistics.
 */
class FeatureCache
{
public:
    /** $XDG_CACHE_HOME/genrescope/features, else ~/.cache/genrescope/features. */
    static std::filesystem::path defaultDirectory();

    explicit FeatureCache(std::filesystem::path directory = defaultDirectory());

    const std::filesystem::path &directory() const { return m_directory; }
    std::filesystem::path entryPath(const CacheKey &key) const;

    /** The cached value, or nullopt on a miss (absent, stale, damaged). Never fails. */
    std::optional<CachedFeatures> lookup(const CacheKey &key) const;

    /** Write an entry atomically. InvalidArgument when shape and data disagree; Io/DiskFull/... */
    base::Status store(const CacheKey &key, const CachedFeatures &value) const;

    /**
     * lookup(), or compute() and store() on a miss. A failed compute() is returned as is; a failed
     * store() is counted in stats().storeFailures and the computed value is still returned.
     */
    base::Result<CachedFeatures> getOrCompute(const CacheKey &key,
                                              const std::function<base::Result<CachedFeatures>()> &compute) const;

    /** Number and total bytes of the entries (temporary files excluded). */
    base::Result<CacheUsage> usage() const;

    /** Remove every entry and leftover temporary file (only files this cache writes). */
    base::Status clear() const;

    CacheStats stats() const;

    /** Serialise / parse one entry (exposed for tests and tools). parseEntry returns BadFormat/VersionTooNew/Mismatch. */
    static base::Result<std::string> serialize(const CacheKey &key, const CachedFeatures &value);
    static base::Result<CachedFeatures> parseEntry(std::string_view bytes, const CacheKey &expected);

private:
    struct Counters
    {
        std::atomic<std::uint64_t> hits{0}, misses{0}, damaged{0}, storeFailures{0};
    };
    std::filesystem::path m_directory;
    std::shared_ptr<Counters> m_counters;
};

} // namespace genrescope::data
