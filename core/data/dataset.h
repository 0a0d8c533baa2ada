#pragma once

#include "splitside.h"

#include "base/canceltoken.h"
#include "base/parallel.h"
#include "base/result.h"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace genrescope::data {

/** One audio file of a dataset. */
struct Item
{
    std::filesystem::path path;     ///< where the file is (absolute or relative to the working folder)
    std::string key;                ///< stable id: path relative to the dataset root / CSV folder, '/'-separated UTF-8
    std::string label;              ///< genre
    std::string group;              ///< artist or song group; defaults to key (the file itself)
    std::optional<Split> fixedSplit; ///< from a manifest's split column
    double durationSeconds = 0;     ///< from the probe; 0 when no probe ran
};

/** Why a file is not part of the dataset. */
enum class SkipReason {
    Unreadable,   ///< the probe failed (detail holds its error)
    Duplicate,    ///< identical bytes (or identical decoded audio) to an earlier file (detail names it)
    TooShort,     ///< shorter than ScanOptions::minDurationSeconds
    NotAudio,     ///< extension is not an audio one (txt, jpg, cue, ...)
    Hidden,       ///< a dot file or a file inside a dot folder (.DS_Store, ._x.wav)
    NotInGenreFolder, ///< a file directly in the root of a folder-per-genre dataset
};

/** "unreadable", "duplicate", "too-short", "not-audio", "hidden", "not-in-genre-folder". */
std::string_view skipReasonName(SkipReason reason);

struct SkippedFile
{
    std::filesystem::path path;
    SkipReason reason = SkipReason::Unreadable;
    std::string detail;
};

/** What a scan found. `problems` are audio files left out; `ignored` are files that were never candidates. */
struct ScanReport
{
    std::size_t candidates = 0;                  ///< audio files considered (before problems were removed)
    std::vector<SkippedFile> problems;           ///< Unreadable, Duplicate, TooShort, sorted by path
    std::vector<SkippedFile> ignored;            ///< NotAudio, Hidden, NotInGenreFolder, sorted by path
    std::map<std::string, std::size_t> classCounts; ///< label -> items kept
};

/** A labelled set of audio files. */
struct Dataset
{
    std::filesystem::path root;       ///< the genre-folder root, or the folder holding the manifest
    std::vector<std::string> labels;  ///< sorted (GTZAN's alphabetical order for GTZAN)
    std::vector<Item> items;          ///< sorted by key
    ScanReport report;

    /** Index of label in labels, or -1. */
    int labelIndex(const std::string &label) const;
};

/** Probes a file: its duration in seconds, or why it cannot be read. Must be thread-safe. */
using ProbeFn = std::function<base::Result<double>(const std::filesystem::path &)>;
/** A hash of a file's decoded audio (for duplicates that differ in bytes). Must be thread-safe. */
using ContentHashFn = std::function<base::Result<std::string>(const std::filesystem::path &)>;

struct ScanOptions
{
    /** Duration probe; empty = defaultProbe() (audio::probe when the audio library provides it). */
    ProbeFn probe;
    /** Files shorter than this many seconds are left out as TooShort; 0 keeps every length. */
    double minDurationSeconds = 0;
    /**
     * Duplicates are always found by identical file bytes (SHA-1 of the whole file). When set, files
     * whose contentHash() agrees are duplicates too (e.g. the same clip as .au and .flac).
     */
    ContentHashFn contentHash;
    /** Runs the per-file probe and hash; empty = serial on the calling thread. */
    base::ParallelFor parallelFor;
};

/**
 * The default probe: audio::probe's duration when the audio library is built with a probe, otherwise
 * an empty function (then scans require ScanOptions::probe).
 */
ProbeFn defaultProbe();

/**
 * A ContentHashFn that decodes the whole file (mono, 22050 Hz, through audio::decodeFile) and hashes
 * the samples (SHA-1), so lossless re-encodings of one clip (GTZAN .au vs .flac) count as duplicates.
 * Costs a full decode per file. Empty when the audio library has no decoder.
 */
ContentHashFn decodedAudioHash();

/** True for the audio extensions a dataset accepts (mp3 wav au flac ogg oga opus m4a aac aif aiff wma mp4 mkv webm), case-insensitive, with or without the dot. */
bool isAudioExtension(std::string_view extension);

/**
 * GTZAN's layout: every folder directly under root is a genre; every audio file below it (nested
 * folders included) is an item of that genre. Hidden files/folders, non-audio files and files
 * directly in root are listed in report.ignored. Each candidate is probed (in parallel through
 * options.parallelFor) and hashed; unreadable, duplicate and too-short files go to
 * report.problems and the scan goes on without them.
 * Errors: FileNotFound / IsDirectory-less root, InvalidArgument (no genre folder, no probe),
 * Cancelled. Progress runs 0..1 over the files.
 */
base::Result<Dataset> scanGenreFolders(const std::filesystem::path &root, const ScanOptions &options = {},
                                       const base::CancelToken &cancel = base::CancelToken::none(),
                                       const base::ProgressFn &progress = {});

/**
 * Parse a CSV manifest without touching the audio: header row with `path` and `label` columns,
 * optional `split` (train/val/validation/test) and `group` (or `artist`) columns; other columns are
 * ignored. Paths are relative to the CSV's folder unless absolute. An empty group cell means the
 * file itself. Errors (BadFormat, detail "<csv>:<line>: ..."): missing column in the header, a row
 * with fewer fields than the header, an empty path or label, an unknown split value; EmptyFile for a
 * manifest without data rows.
 */
base::Result<std::vector<Item>> readManifest(const std::filesystem::path &csvPath);

/** readManifest, then probe, hash and filter like scanGenreFolders. */
base::Result<Dataset> scanManifest(const std::filesystem::path &csvPath, const ScanOptions &options = {},
                                   const base::CancelToken &cancel = base::CancelToken::none(),
                                   const base::ProgressFn &progress = {});

/** A folder -> scanGenreFolders, a file -> scanManifest. */
base::Result<Dataset> scanDataset(const std::filesystem::path &source, const ScanOptions &options = {},
                                  const base::CancelToken &cancel = base::CancelToken::none(),
                                  const base::ProgressFn &progress = {});

/**
 * Probe, hash and filter a list of candidate items (what both scans do after listing files):
 * returns the dataset with labels, class counts and problems. `ignored` is copied into the report.
 */
base::Result<Dataset> vetItems(std::filesystem::path root, std::vector<Item> candidates,
                               std::vector<SkippedFile> ignored, const ScanOptions &options,
                               const base::CancelToken &cancel, const base::ProgressFn &progress);

} // namespace genrescope::data
