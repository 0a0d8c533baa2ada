#pragma once

#include <string>
#include <string_view>

namespace genrescope::base {

/** What went wrong, as a stable code that ui/ turns into a translated sentence. */
enum class ErrorCode {
    Cancelled,        ///< the caller's CancelToken was set; not a failure to report as an error dialog
    InvalidArgument,  ///< a parameter or config value is out of range or inconsistent
    FileNotFound,
    IsDirectory,
    PermissionDenied,
    EmptyFile,
    NotAudio,         ///< the bytes are not a container/codec FFmpeg recognises as audio
    NoAudioStream,    ///< a container without an audio track (e.g. an image or a silent video)
    UnsupportedCodec,
    CorruptData,      ///< the stream or file is damaged beyond what can be decoded
    ZeroLength,       ///< the file decodes to no samples at all
    TooLarge,         ///< a declared or decoded size exceeds the safety bounds
    Io,               ///< a read or write failed (detail holds the OS text)
    DiskFull,
    BadFormat,        ///< a project file (bundle, cache entry, JSON, CSV) is malformed or truncated
    VersionTooNew,    ///< written by a newer Genrescope
    Mismatch,         ///< e.g. model weights that do not fit the config, or features that do not fit the model
    Unavailable,      ///< a device or feature the build or machine does not have
    Internal,         ///< a bug: an exception that should not have escaped
};

/** Stable, untranslated identifier of a code ("file-not-found"), used in JSON output and logs. */
std::string_view errorCodeName(ErrorCode code);

/** An expected failure: a code plus a human-readable detail (file name, FFmpeg's text, ...). */
struct Error
{
    ErrorCode code = ErrorCode::Internal;
    std::string detail;

    /** "file-not-found: /x/y.mp3" */
    std::string toString() const;
    bool isCancelled() const { return code == ErrorCode::Cancelled; }
};

} // namespace genrescope::base
