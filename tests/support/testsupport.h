#pragma once

#include <QString>
#include <filesystem>
#include <optional>

namespace genrescope::test {

/**
 * The shared development data folder (../shared/data beside the checkout, or $GS_SHARED_DATA),
 * or nullopt when it is absent, as on a user's fresh clone. Tests that need it QSKIP with a reason.
 */
std::optional<std::filesystem::path> sharedDataDir();

/** sharedDataDir()/gtzan-dev if it exists. */
std::optional<std::filesystem::path> gtzanDevDir();

/**
 * Write a 22,050 Hz mono 16-bit WAV of a sine (peak `amplitude` of 32767) by hand, for tests that need
 * a real file but no codec (tests/support/audiogen.h encodes every other format). Returns `path`.
 */
QString writeSineWav(const QString &path, double seconds = 0.5, double hz = 440, double amplitude = 10000);

} // namespace genrescope::test

/** QSKIP the current test with a clear message when the shared data is missing. */
#define GS_REQUIRE_SHARED_DATA(var)                                                                          \
    const auto var##Opt = ::genrescope::test::sharedDataDir();                                               \
    if (!var##Opt)                                                                                           \
        QSKIP("skipped: ../shared/data is not present (a fresh clone); this check needs the GTZAN dev data"); \
    const std::filesystem::path var = *var##Opt
