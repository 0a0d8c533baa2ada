#include "datainfo.h"
namespace genrescope::data {
int cacheFormatVersion() { return kCacheFormatVersion; }
} // namespace genrescope::data
