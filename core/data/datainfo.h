#pragma once
namespace genrescope::data {
/** Version of the on-disk feature cache layout. */
inline constexpr int kCacheFormatVersion = 1;
int cacheFormatVersion();
} // namespace genrescope::data
