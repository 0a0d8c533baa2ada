#pragma once

// Tiny hand-written WAV files and a WAV-only probe, so the data tests run without any codec.

#include "base/result.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace genrescope::test {

/** Write a mono 16-bit PCM WAV of a sine at freqHz. */
inline void writeSineWav(const std::filesystem::path &path, double seconds, double freqHz, int rate = 8000)
{
    const auto n = std::uint32_t(std::llround(seconds * rate));
    std::string bytes;
    auto u32 = [&](std::uint32_t v) { bytes.append(reinterpret_cast<const char *>(&v), 4); };
    auto u16 = [&](std::uint16_t v) { bytes.append(reinterpret_cast<const char *>(&v), 2); };
    bytes += "RIFF";
    u32(36 + 2 * n);
    bytes += "WAVEfmt ";
    u32(16);
    u16(1);               // PCM
    u16(1);               // mono
    u32(std::uint32_t(rate));
    u32(std::uint32_t(rate) * 2);
    u16(2);
    u16(16);
    bytes += "data";
    u32(2 * n);
    for (std::uint32_t i = 0; i < n; ++i) {
        const auto s = std::int16_t(std::lround(12000.0 * std::sin(2 * M_PI * freqHz * i / rate)));
        u16(std::uint16_t(s));
    }
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
}

inline void writeText(const std::filesystem::path &path, const std::string &text)
{
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

/** Duration of a PCM WAV from its header; NotAudio for anything else. Thread-safe. */
inline base::Result<double> probeWav(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return base::makeError(base::ErrorCode::FileNotFound, path.string());
    std::string b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (b.size() < 44 || b.compare(0, 4, "RIFF") != 0 || b.compare(8, 4, "WAVE") != 0)
        return base::makeError(base::ErrorCode::NotAudio, path.string());
    std::uint32_t byteRate = 0, dataBytes = 0;
    std::memcpy(&byteRate, b.data() + 28, 4);
    std::memcpy(&dataBytes, b.data() + 40, 4);
    if (byteRate == 0)
        return base::makeError(base::ErrorCode::CorruptData, path.string());
    return double(dataBytes) / byteRate;
}

} // namespace genrescope::test
