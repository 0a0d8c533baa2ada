#include "featurecache.h"

#include "datainfo.h"

#include "base/atomicfile.h"

#include <QCryptographicHash>

#include <bit>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>

namespace genrescope::data {

namespace fs = std::filesystem;
using base::ErrorCode;
using base::makeError;

static_assert(std::endian::native == std::endian::little, "the feature cache layout assumes a little-endian host");

namespace {

constexpr char kMagic[8] = {'G', 'S', 'F', 'C', 'A', 'C', 'H', 'E'};
constexpr std::size_t kChecksumBytes = 20; // SHA-1
constexpr std::size_t kMaxMetadata = std::size_t(1) << 20;
constexpr std::uint32_t kMaxRank = 16;
constexpr const char *kEntrySuffix = ".gsf";

template <typename T>
void put(std::string &out, T v)
{
    char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    out.append(b, sizeof(T));
}

/** Bounds-checked reader over an entry's bytes. */
class Reader
{
public:
    explicit Reader(std::string_view bytes) : m_bytes(bytes) {}
    template <typename T>
    bool get(T &v)
    {
        if (m_bytes.size() - m_pos < sizeof(T))
            return false;
        std::memcpy(&v, m_bytes.data() + m_pos, sizeof(T));
        m_pos += sizeof(T);
        return true;
    }
    bool take(std::size_t n, std::string_view &out)
    {
        if (m_bytes.size() - m_pos < n)
            return false;
        out = m_bytes.substr(m_pos, n);
        m_pos += n;
        return true;
    }
    std::size_t pos() const { return m_pos; }
    std::size_t left() const { return m_bytes.size() - m_pos; }

private:
    std::string_view m_bytes;
    std::size_t m_pos = 0;
};

QByteArray sha1(std::string_view bytes)
{
    return QCryptographicHash::hash(QByteArrayView(bytes.data(), qsizetype(bytes.size())), QCryptographicHash::Sha1);
}

bool isEntryFile(const fs::path &p)
{
    const std::string name = p.filename().string();
    return name.size() > 4 && name.front() != '.' && p.extension() == kEntrySuffix;
}

bool isTempFile(const fs::path &p)
{
    const std::string name = p.filename().string();
    return name.size() > 1 && name.front() == '.' && name.find(std::string(kEntrySuffix) + ".tmp-") != std::string::npos;
}

} // namespace

base::Result<FileIdentity> FileIdentity::of(const fs::path &file)
{
    std::error_code ec;
    fs::path absolute = fs::absolute(file, ec);
    if (ec)
        return makeError(ErrorCode::Io, "cannot resolve " + file.string() + ": " + ec.message());
    struct stat st {};
    if (::stat(absolute.c_str(), &st) != 0) {
        const int err = errno;
        return makeError(base::errorCodeFromErrno(err), file.string() + ": " + std::strerror(err));
    }
    if (S_ISDIR(st.st_mode))
        return makeError(ErrorCode::IsDirectory, file.string());
    FileIdentity id;
    id.path = absolute.lexically_normal().string();
    id.size = std::uint64_t(st.st_size);
    id.mtimeNs = std::int64_t(st.st_mtim.tv_sec) * 1000000000 + std::int64_t(st.st_mtim.tv_nsec);
    return id;
}

std::string CacheKey::canonical() const
{
    std::string s;
    s += "path:" + std::to_string(file.path.size()) + ":" + file.path;
    s += "|size:" + std::to_string(file.size);
    s += "|mtime_ns:" + std::to_string(file.mtimeNs);
    s += "|config:" + std::to_string(configHash.size()) + ":" + configHash;
    return s;
}

fs::path FeatureCache::defaultDirectory()
{
    const char *xdg = std::getenv("XDG_CACHE_HOME");
    if (xdg && *xdg && fs::path(xdg).is_absolute())
        return fs::path(xdg) / "genrescope" / "features";
    const char *home = std::getenv("HOME");
    if (home && *home)
        return fs::path(home) / ".cache" / "genrescope" / "features";
    return fs::temp_directory_path() / "genrescope" / "features";
}

FeatureCache::FeatureCache(fs::path directory)
    : m_directory(std::move(directory)), m_counters(std::make_shared<Counters>())
{
}

fs::path FeatureCache::entryPath(const CacheKey &key) const
{
    const std::string hex = sha1(key.canonical()).toHex().toStdString();
    return m_directory / hex.substr(0, 2) / (hex + kEntrySuffix);
}

base::Result<std::string> FeatureCache::serialize(const CacheKey &key, const CachedFeatures &value)
{
    if (value.shape.size() > kMaxRank)
        return makeError(ErrorCode::InvalidArgument, "tensor rank above " + std::to_string(kMaxRank));
    std::uint64_t count = 1;
    for (std::int64_t d : value.shape) {
        if (d < 0)
            return makeError(ErrorCode::InvalidArgument, "negative dimension in the shape");
        count *= std::uint64_t(d);
    }
    if (count != value.data.size())
        return makeError(ErrorCode::InvalidArgument, "shape holds " + std::to_string(count) + " values, data " +
                                                         std::to_string(value.data.size()));
    if (value.metadata.size() > kMaxMetadata)
        return makeError(ErrorCode::InvalidArgument, "cache metadata above 1 MiB");
    const std::string k = key.canonical();
    std::string out;
    out.reserve(64 + k.size() + value.metadata.size() + 8 * value.shape.size() + 4 * value.data.size());
    out.append(kMagic, sizeof kMagic);
    put<std::uint32_t>(out, std::uint32_t(kCacheFormatVersion));
    put<std::uint32_t>(out, std::uint32_t(k.size()));
    out += k;
    put<std::uint32_t>(out, std::uint32_t(value.metadata.size()));
    out += value.metadata;
    put<std::uint32_t>(out, std::uint32_t(value.shape.size()));
    for (std::int64_t d : value.shape)
        put<std::int64_t>(out, d);
    put<std::uint64_t>(out, count);
    out.append(reinterpret_cast<const char *>(value.data.data()), value.data.size() * sizeof(float));
    const QByteArray sum = sha1(out);
    out.append(sum.constData(), std::size_t(sum.size()));
    return out;
}

base::Result<CachedFeatures> FeatureCache::parseEntry(std::string_view bytes, const CacheKey &expected)
{
    auto bad = [](const std::string &what) { return makeError(ErrorCode::BadFormat, "cache entry: " + what); };
    if (bytes.size() < sizeof kMagic + 4 + kChecksumBytes)
        return bad("truncated");
    if (std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
        return bad("bad magic");
    const std::string_view body = bytes.substr(0, bytes.size() - kChecksumBytes);
    const std::string_view stored = bytes.substr(bytes.size() - kChecksumBytes);
    Reader r(body);
    std::string_view skip;
    r.take(sizeof kMagic, skip);
    std::uint32_t version = 0;
    r.get(version);
    if (version != std::uint32_t(kCacheFormatVersion))
        return makeError(version > std::uint32_t(kCacheFormatVersion) ? ErrorCode::VersionTooNew : ErrorCode::BadFormat,
                         "cache entry: format " + std::to_string(version));
    const QByteArray sum = sha1(body);
    if (std::size_t(sum.size()) != kChecksumBytes || std::memcmp(sum.constData(), stored.data(), kChecksumBytes) != 0)
        return bad("checksum mismatch");

    std::uint32_t keyLen = 0, metaLen = 0, rank = 0;
    std::string_view key, meta;
    if (!r.get(keyLen) || !r.take(keyLen, key))
        return bad("truncated key");
    if (key != expected.canonical())
        return makeError(ErrorCode::Mismatch, "cache entry holds another key");
    if (!r.get(metaLen) || metaLen > kMaxMetadata || !r.take(metaLen, meta))
        return bad("bad metadata");
    if (!r.get(rank) || rank > kMaxRank)
        return bad("bad rank");
    CachedFeatures value;
    value.metadata = std::string(meta);
    std::uint64_t product = 1;
    for (std::uint32_t i = 0; i < rank; ++i) {
        std::int64_t d = 0;
        if (!r.get(d) || d < 0)
            return bad("bad shape");
        if (d > 0 && product > (std::uint64_t(1) << 40) / std::uint64_t(d))
            return bad("shape too large");
        product *= std::uint64_t(d);
        value.shape.push_back(d);
    }
    std::uint64_t count = 0;
    if (!r.get(count) || count != product)
        return bad("value count does not match the shape");
    if (r.left() != count * sizeof(float))
        return bad("payload length does not match the shape");
    std::string_view payload;
    r.take(std::size_t(count * sizeof(float)), payload);
    value.data.resize(std::size_t(count));
    if (count > 0)
        std::memcpy(value.data.data(), payload.data(), payload.size());
    return value;
}

std::optional<CachedFeatures> FeatureCache::lookup(const CacheKey &key) const
{
    try {
        const fs::path p = entryPath(key);
        auto bytes = base::readFile(p);
        if (!bytes.ok()) {
            ++m_counters->misses;
            if (bytes.error().code != ErrorCode::FileNotFound) {
                ++m_counters->damaged;
                std::error_code ec;
                fs::remove(p, ec);
            }
            return std::nullopt;
        }
        auto value = parseEntry(bytes.value(), key);
        if (!value.ok()) {
            ++m_counters->misses;
            ++m_counters->damaged;
            // Another process may have replaced the file with a good entry meanwhile; removing that
            // costs one recomputation, never correctness.
            std::error_code ec;
            fs::remove(p, ec);
            return std::nullopt;
        }
        ++m_counters->hits;
        return std::move(value).value();
    } catch (const std::exception &) {
        ++m_counters->misses;
        return std::nullopt;
    }
}

base::Status FeatureCache::store(const CacheKey &key, const CachedFeatures &value) const
{
    try {
        auto bytes = serialize(key, value);
        if (!bytes.ok())
            return bytes.error();
        const fs::path p = entryPath(key);
        std::error_code ec;
        fs::create_directories(p.parent_path(), ec);
        if (ec)
            return makeError(base::errorCodeFromErrno(ec.value()),
                             "cannot create " + p.parent_path().string() + ": " + ec.message());
        return base::writeFileAtomically(p, bytes.value());
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Internal, e.what());
    }
}

base::Result<CachedFeatures> FeatureCache::getOrCompute(
    const CacheKey &key, const std::function<base::Result<CachedFeatures>()> &compute) const
{
    if (auto hit = lookup(key))
        return std::move(*hit);
    base::Result<CachedFeatures> value = makeError(ErrorCode::Internal, "compute did not run");
    try {
        value = compute();
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Internal, e.what());
    }
    if (!value.ok())
        return value;
    if (!store(key, value.value()).ok())
        ++m_counters->storeFailures;
    return value;
}

base::Result<CacheUsage> FeatureCache::usage() const
{
    CacheUsage u;
    std::error_code ec;
    if (!fs::exists(m_directory, ec))
        return u;
    fs::recursive_directory_iterator it(m_directory, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        std::error_code fileEc;
        if (!it->is_regular_file(fileEc) || !isEntryFile(it->path()))
            continue;
        const auto size = it->file_size(fileEc);
        if (fileEc)
            continue; // removed by another process meanwhile
        ++u.entries;
        u.bytes += size;
    }
    if (ec)
        return makeError(base::errorCodeFromErrno(ec.value()), "cannot list " + m_directory.string() + ": " + ec.message());
    return u;
}

base::Status FeatureCache::clear() const
{
    std::error_code ec;
    if (!fs::exists(m_directory, ec))
        return {};
    std::vector<fs::path> files, dirs;
    fs::recursive_directory_iterator it(m_directory, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        std::error_code e2;
        if (it->is_directory(e2))
            dirs.push_back(it->path());
        else if (isEntryFile(it->path()) || isTempFile(it->path()))
            files.push_back(it->path());
    }
    if (ec)
        return makeError(base::errorCodeFromErrno(ec.value()), "cannot list " + m_directory.string() + ": " + ec.message());
    for (const auto &f : files) {
        std::error_code e2;
        fs::remove(f, e2);
        if (e2 && e2 != std::errc::no_such_file_or_directory)
            return makeError(base::errorCodeFromErrno(e2.value()), "cannot remove " + f.string() + ": " + e2.message());
    }
    for (auto d = dirs.rbegin(); d != dirs.rend(); ++d) {
        std::error_code e2;
        fs::remove(*d, e2); // only succeeds when empty; other files are left alone
    }
    return {};
}

CacheStats FeatureCache::stats() const
{
    CacheStats s;
    s.hits = m_counters->hits.load();
    s.misses = m_counters->misses.load();
    s.damaged = m_counters->damaged.load();
    s.storeFailures = m_counters->storeFailures.load();
    return s;
}

} // namespace genrescope::data
