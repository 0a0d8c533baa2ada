#include "dataset.h"

#include "csvreader.h"

#include "base/atomicfile.h"

#include <QCryptographicHash>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <fstream>
#include <set>
#include <unordered_map>

#if __has_include("audio/decoder.h")
#include "audio/decoder.h"
#define GS_DATA_HAVE_AUDIO_PROBE 1
#endif

namespace genrescope::data {

namespace fs = std::filesystem;
using base::ErrorCode;
using base::makeError;

std::string_view skipReasonName(SkipReason reason)
{
    switch (reason) {
    case SkipReason::Unreadable:
        return "unreadable";
    case SkipReason::Duplicate:
        return "duplicate";
    case SkipReason::TooShort:
        return "too-short";
    case SkipReason::NotAudio:
        return "not-audio";
    case SkipReason::Hidden:
        return "hidden";
    case SkipReason::NotInGenreFolder:
        return "not-in-genre-folder";
    }
    return "unreadable";
}

int Dataset::labelIndex(const std::string &label) const
{
    const auto it = std::lower_bound(labels.begin(), labels.end(), label);
    return (it != labels.end() && *it == label) ? int(it - labels.begin()) : -1;
}

ProbeFn defaultProbe()
{
#ifdef GS_DATA_HAVE_AUDIO_PROBE
    return [](const fs::path &path) -> base::Result<double> {
        auto info = audio::probe(path);
        if (!info.ok())
            return info.error();
        return info.value().durationSeconds;
    };
#else
    return {};
#endif
}

ContentHashFn decodedAudioHash()
{
#ifdef GS_DATA_HAVE_AUDIO_PROBE
    return [](const fs::path &path) -> base::Result<std::string> {
        auto decoded = audio::decodeFile(path);
        if (!decoded.ok())
            return decoded.error();
        const auto &samples = decoded.value().samples;
        const QByteArray sum = QCryptographicHash::hash(
            QByteArrayView(reinterpret_cast<const char *>(samples.data()), qsizetype(samples.size() * sizeof(float))),
            QCryptographicHash::Sha1);
        return sum.toHex().toStdString();
    };
#else
    return {};
#endif
}

bool isAudioExtension(std::string_view extension)
{
    if (!extension.empty() && extension.front() == '.')
        extension.remove_prefix(1);
    std::string lower(extension);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    static const std::set<std::string> kAudio = {"mp3", "wav", "au",  "flac", "ogg", "oga", "opus", "m4a",
                                                 "aac", "aif", "aiff", "wma", "mp4", "mkv", "webm"};
    return kAudio.count(lower) != 0;
}

namespace {

std::string keyOf(const fs::path &p)
{
    return p.lexically_normal().generic_string();
}

bool isHiddenName(const fs::path &name)
{
    const std::string s = name.filename().string();
    return !s.empty() && s.front() == '.';
}

base::Result<std::string> sha1OfFile(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return makeError(ErrorCode::Io, "cannot open " + path.string());
    QCryptographicHash hash(QCryptographicHash::Sha1);
    std::vector<char> buf(1 << 16);
    while (in) {
        in.read(buf.data(), std::streamsize(buf.size()));
        const auto got = in.gcount();
        if (got > 0)
            hash.addData(QByteArrayView(buf.data(), qsizetype(got)));
    }
    if (in.bad())
        return makeError(ErrorCode::Io, "cannot read " + path.string());
    return hash.result().toHex().toStdString();
}

std::string trimmed(std::string s)
{
    auto notSpace = [](unsigned char c) { return !std::isspace(c); };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), notSpace));
    s.erase(std::find_if(s.rbegin(), s.rend(), notSpace).base(), s.end());
    return s;
}

std::string lowered(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

template <typename F>
auto guarded(F &&f) -> decltype(f())
{
    try {
        return f();
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Internal, e.what());
    } catch (...) {
        return makeError(ErrorCode::Internal, "unknown exception");
    }
}

base::Result<Dataset> vetItemsImpl(fs::path root, std::vector<Item> candidates, std::vector<SkippedFile> ignored,
                                   const ScanOptions &options, const base::CancelToken &cancel,
                                   const base::ProgressFn &progress)
{
    const ProbeFn probe = options.probe ? options.probe : defaultProbe();
    if (!probe)
        return makeError(ErrorCode::Unavailable, "no audio probe is available to scan a dataset");

    std::sort(candidates.begin(), candidates.end(), [](const Item &a, const Item &b) { return a.key < b.key; });

    struct Outcome
    {
        bool probed = false;
        std::optional<base::Error> error;
        double duration = 0;
        std::string byteHash;
        std::string contentHash;
    };
    std::vector<Outcome> outcomes(candidates.size());
    std::atomic<std::size_t> done{0};
    const base::ParallelFor parallelFor = options.parallelFor ? options.parallelFor : base::ParallelFor(base::serialFor);
    const std::size_t total = candidates.size();

    parallelFor(total, [&](std::size_t i) {
        if (cancel.isCancelled())
            return;
        Outcome &out = outcomes[i];
        try {
            auto duration = probe(candidates[i].path);
            if (!duration.ok()) {
                out.error = duration.error();
            } else {
                out.duration = duration.value();
                if (options.minDurationSeconds <= 0 || out.duration >= options.minDurationSeconds) {
                    auto hash = sha1OfFile(candidates[i].path);
                    if (!hash.ok())
                        out.error = hash.error();
                    else
                        out.byteHash = hash.value();
                    if (!out.error && options.contentHash) {
                        auto content = options.contentHash(candidates[i].path);
                        if (content.ok())
                            out.contentHash = content.value();
                        else
                            out.error = content.error();
                    }
                }
            }
        } catch (const std::exception &e) {
            out.error = makeError(ErrorCode::Internal, e.what());
        }
        out.probed = true;
        base::reportProgress(progress, double(++done) / double(total));
    });
    if (cancel.isCancelled())
        return makeError(ErrorCode::Cancelled, "dataset scan cancelled");

    Dataset dataset;
    dataset.root = std::move(root);
    dataset.report.candidates = total;
    // hash -> path of the first file with it (kept); later files with the same hash are duplicates
    std::unordered_map<std::string, std::string> firstByBytes, firstByContent;
    for (std::size_t i = 0; i < total; ++i) {
        Item &item = candidates[i];
        const Outcome &out = outcomes[i];
        if (!out.probed || out.error) {
            dataset.report.problems.push_back(
                {item.path, SkipReason::Unreadable, out.error ? out.error->toString() : "not probed"});
            continue;
        }
        if (options.minDurationSeconds > 0 && out.duration < options.minDurationSeconds) {
            dataset.report.problems.push_back({item.path, SkipReason::TooShort,
                                               std::to_string(out.duration) + " s < " +
                                                   std::to_string(options.minDurationSeconds) + " s"});
            continue;
        }
        const auto byBytes = firstByBytes.find(out.byteHash);
        if (byBytes != firstByBytes.end()) {
            dataset.report.problems.push_back({item.path, SkipReason::Duplicate,
                                               "same bytes as " + byBytes->second});
            continue;
        }
        if (!out.contentHash.empty()) {
            const auto byContent = firstByContent.find(out.contentHash);
            if (byContent != firstByContent.end()) {
                dataset.report.problems.push_back(
                    {item.path, SkipReason::Duplicate,
                     "same decoded audio as " + byContent->second});
                continue;
            }
            firstByContent.emplace(out.contentHash, item.path.string());
        }
        firstByBytes.emplace(out.byteHash, item.path.string());
        item.durationSeconds = out.duration;
        if (item.group.empty())
            item.group = item.key;
        ++dataset.report.classCounts[item.label];
        dataset.items.push_back(std::move(item));
    }
    for (const auto &[label, count] : dataset.report.classCounts)
        dataset.labels.push_back(label);
    auto byPath = [](const SkippedFile &a, const SkippedFile &b) { return a.path < b.path; };
    std::sort(dataset.report.problems.begin(), dataset.report.problems.end(), byPath);
    std::sort(ignored.begin(), ignored.end(), byPath);
    dataset.report.ignored = std::move(ignored);
    base::reportProgress(progress, 1.0);
    return dataset;
}

} // namespace

base::Result<Dataset> vetItems(fs::path root, std::vector<Item> candidates, std::vector<SkippedFile> ignored,
                               const ScanOptions &options, const base::CancelToken &cancel,
                               const base::ProgressFn &progress)
{
    return guarded([&]() -> base::Result<Dataset> {
        return vetItemsImpl(std::move(root), std::move(candidates), std::move(ignored), options, cancel, progress);
    });
}

base::Result<Dataset> scanGenreFolders(const fs::path &root, const ScanOptions &options,
                                       const base::CancelToken &cancel, const base::ProgressFn &progress)
{
    return guarded([&]() -> base::Result<Dataset> {
        std::error_code ec;
        if (!fs::exists(root, ec))
            return makeError(ErrorCode::FileNotFound, root.string());
        if (!fs::is_directory(root, ec))
            return makeError(ErrorCode::InvalidArgument, root.string() + " is not a folder");

        std::vector<Item> candidates;
        std::vector<SkippedFile> ignored;
        std::size_t genreFolders = 0;
        std::vector<fs::directory_entry> top;
        for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
            top.push_back(*it);
        if (ec)
            return makeError(base::errorCodeFromErrno(ec.value()), "cannot list " + root.string() + ": " + ec.message());
        std::sort(top.begin(), top.end());

        for (const auto &entry : top) {
            if (cancel.isCancelled())
                return makeError(ErrorCode::Cancelled, "dataset scan cancelled");
            const fs::path &p = entry.path();
            if (!entry.is_directory(ec)) {
                ignored.push_back({p, isHiddenName(p) ? SkipReason::Hidden : SkipReason::NotInGenreFolder, {}});
                continue;
            }
            if (isHiddenName(p)) {
                ignored.push_back({p, SkipReason::Hidden, "hidden folder"});
                continue;
            }
            ++genreFolders;
            const std::string label = p.filename().string();
            fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
            for (; !ec && it != end; it.increment(ec)) {
                const fs::path &f = it->path();
                if (isHiddenName(f)) {
                    if (it->is_directory(ec)) {
                        ignored.push_back({f, SkipReason::Hidden, "hidden folder"});
                        it.disable_recursion_pending();
                    } else {
                        ignored.push_back({f, SkipReason::Hidden, {}});
                    }
                    continue;
                }
                if (it->is_directory(ec))
                    continue;
                if (!isAudioExtension(f.extension().string())) {
                    ignored.push_back({f, SkipReason::NotAudio, {}});
                    continue;
                }
                Item item;
                item.path = f;
                item.key = keyOf(f.lexically_relative(root));
                item.label = label;
                candidates.push_back(std::move(item));
            }
            if (ec)
                return makeError(base::errorCodeFromErrno(ec.value()), "cannot list " + p.string() + ": " + ec.message());
        }
        if (genreFolders == 0)
            return makeError(ErrorCode::InvalidArgument,
                             root.string() + " has no genre folders (expected <root>/<genre>/<files>)");
        return vetItemsImpl(root, std::move(candidates), std::move(ignored), options, cancel, progress);
    });
}

base::Result<std::vector<Item>> readManifest(const fs::path &csvPath)
{
    return guarded([&]() -> base::Result<std::vector<Item>> {
        auto text = base::readFile(csvPath, std::size_t(1) << 30);
        if (!text.ok())
            return text.error();
        const std::string name = csvPath.string();
        auto records = CsvReader::parse(text.value(), name);
        if (!records.ok())
            return records.error();
        const auto &rows = records.value();
        if (rows.empty())
            return makeError(ErrorCode::EmptyFile, name + ": the manifest is empty");

        int pathCol = -1, labelCol = -1, splitCol = -1, groupCol = -1, artistCol = -1;
        const auto &header = rows.front().fields;
        for (std::size_t c = 0; c < header.size(); ++c) {
            const std::string h = lowered(trimmed(header[c]));
            if (h == "path" || h == "file" || h == "filename")
                pathCol = pathCol < 0 ? int(c) : pathCol;
            else if (h == "label" || h == "genre")
                labelCol = labelCol < 0 ? int(c) : labelCol;
            else if (h == "split")
                splitCol = int(c);
            else if (h == "group")
                groupCol = int(c);
            else if (h == "artist")
                artistCol = int(c);
        }
        if (groupCol < 0)
            groupCol = artistCol;
        const std::string headerWhere = name + ":" + std::to_string(rows.front().line) + ": ";
        if (pathCol < 0)
            return makeError(ErrorCode::BadFormat, headerWhere + "the header has no 'path' column");
        if (labelCol < 0)
            return makeError(ErrorCode::BadFormat, headerWhere + "the header has no 'label' column");
        if (rows.size() < 2)
            return makeError(ErrorCode::EmptyFile, name + ": the manifest has a header but no rows");

        const fs::path base = csvPath.has_parent_path() ? csvPath.parent_path() : fs::path(".");
        const std::size_t needed = std::size_t(std::max({pathCol, labelCol, splitCol, groupCol})) + 1;
        std::vector<Item> items;
        for (std::size_t r = 1; r < rows.size(); ++r) {
            const auto &row = rows[r];
            const std::string where = name + ":" + std::to_string(row.line) + ": ";
            if (row.fields.size() < needed)
                return makeError(ErrorCode::BadFormat, where + "expected " + std::to_string(header.size()) +
                                                           " columns, found " + std::to_string(row.fields.size()));
            Item item;
            const std::string rawPath = trimmed(row.fields[std::size_t(pathCol)]);
            if (rawPath.empty())
                return makeError(ErrorCode::BadFormat, where + "empty path");
            item.label = trimmed(row.fields[std::size_t(labelCol)]);
            if (item.label.empty())
                return makeError(ErrorCode::BadFormat, where + "empty label");
            const fs::path relative = fs::path(rawPath);
            item.path = relative.is_absolute() ? relative : (base / relative);
            item.key = keyOf(relative);
            if (splitCol >= 0) {
                const std::string s = trimmed(row.fields[std::size_t(splitCol)]);
                if (!s.empty()) {
                    item.fixedSplit = parseSplit(s);
                    if (!item.fixedSplit)
                        return makeError(ErrorCode::BadFormat, where + "unknown split '" + s +
                                                                   "' (expected train, val, validation or test)");
                }
            }
            if (groupCol >= 0)
                item.group = trimmed(row.fields[std::size_t(groupCol)]);
            if (item.group.empty())
                item.group = item.key;
            items.push_back(std::move(item));
        }
        return items;
    });
}

base::Result<Dataset> scanManifest(const fs::path &csvPath, const ScanOptions &options,
                                   const base::CancelToken &cancel, const base::ProgressFn &progress)
{
    auto items = readManifest(csvPath);
    if (!items.ok())
        return items.error();
    // Duplicate rows naming the same file are reported like duplicate files (same bytes).
    const fs::path root = csvPath.has_parent_path() ? csvPath.parent_path() : fs::path(".");
    return vetItems(root, std::move(items).value(), {}, options, cancel, progress);
}

base::Result<Dataset> scanDataset(const fs::path &source, const ScanOptions &options, const base::CancelToken &cancel,
                                  const base::ProgressFn &progress)
{
    std::error_code ec;
    if (fs::is_directory(source, ec))
        return scanGenreFolders(source, options, cancel, progress);
    if (!fs::exists(source, ec))
        return makeError(ErrorCode::FileNotFound, source.string());
    return scanManifest(source, options, cancel, progress);
}

} // namespace genrescope::data
