#include "ffmpeglog.h"

extern "C" {
#include <libavutil/log.h>
}

#include <cstdarg>
#include <mutex>

namespace genrescope::audio {

namespace {

thread_local std::string *t_sink = nullptr;
thread_local int t_printPrefix = 1;
constexpr std::size_t kMaxLogBytes = 4000;

void logCallback(void *avcl, int level, const char *fmt, va_list vl)
{
    std::string *sink = t_sink;
    if (!sink || level > AV_LOG_WARNING || sink->size() >= kMaxLogBytes)
        return;
    char line[512];
    va_list copy;
    va_copy(copy, vl);
    const int n = av_log_format_line2(avcl, level, fmt, copy, line, sizeof line, &t_printPrefix);
    va_end(copy);
    if (n <= 0)
        return;
    std::string text(line);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.pop_back();
    if (text.empty())
        return;
    if (!sink->empty())
        *sink += "; ";
    *sink += text;
}

} // namespace

void silenceFfmpegLog()
{
    static std::once_flag once;
    std::call_once(once, [] { av_log_set_callback(logCallback); });
}

std::string *setThreadLogSink(std::string *sink)
{
    silenceFfmpegLog();
    std::string *previous = t_sink;
    t_sink = sink;
    return previous;
}

} // namespace genrescope::audio
