#include "error.h"

namespace genrescope::base {

std::string_view errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Cancelled: return "cancelled";
    case ErrorCode::InvalidArgument: return "invalid-argument";
    case ErrorCode::FileNotFound: return "file-not-found";
    case ErrorCode::IsDirectory: return "is-directory";
    case ErrorCode::PermissionDenied: return "permission-denied";
    case ErrorCode::EmptyFile: return "empty-file";
    case ErrorCode::NotAudio: return "not-audio";
    case ErrorCode::NoAudioStream: return "no-audio-stream";
    case ErrorCode::UnsupportedCodec: return "unsupported-codec";
    case ErrorCode::CorruptData: return "corrupt-data";
    case ErrorCode::ZeroLength: return "zero-length";
    case ErrorCode::TooLarge: return "too-large";
    case ErrorCode::Io: return "io-error";
    case ErrorCode::DiskFull: return "disk-full";
    case ErrorCode::BadFormat: return "bad-format";
    case ErrorCode::VersionTooNew: return "version-too-new";
    case ErrorCode::Mismatch: return "mismatch";
    case ErrorCode::Unavailable: return "unavailable";
    case ErrorCode::Internal: return "internal";
    }
    return "internal";
}

std::string Error::toString() const
{
    std::string s(errorCodeName(code));
    if (!detail.empty()) {
        s += ": ";
        s += detail;
    }
    return s;
}

} // namespace genrescope::base
