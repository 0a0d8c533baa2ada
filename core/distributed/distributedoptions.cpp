#include "distributed/distributedoptions.h"

#include <charconv>
#include <cstdlib>

namespace genrescope::distributed {

using base::ErrorCode;
using base::makeError;

namespace {

bool parseInt(std::string_view s, int &out)
{
    if (s.empty())
        return false;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

const char *env(const char *name)
{
    const char *v = std::getenv(name);
    return v && *v ? v : nullptr;
}

} // namespace

base::Status DistributedOptions::validate() const
{
    if (worldSize < 1)
        return makeError(ErrorCode::InvalidArgument, "the world size must be at least 1");
    if (rank < 0 || rank >= worldSize)
        return makeError(ErrorCode::InvalidArgument, "rank " + std::to_string(rank) + " is outside 0.." +
                                                         std::to_string(worldSize - 1));
    if (worldSize > 1 && host.empty())
        return makeError(ErrorCode::InvalidArgument, "no rendezvous host");
    if (worldSize > 1 && (port < 1 || port > 65535))
        return makeError(ErrorCode::InvalidArgument, "rendezvous port " + std::to_string(port) + " is outside 1..65535");
    if (timeout.count() <= 0)
        return makeError(ErrorCode::InvalidArgument, "the distributed timeout must be positive");
    return {};
}

base::Result<DistributedOptions> DistributedOptions::fromEnvironment()
{
    DistributedOptions o;
    const char *world = env("WORLD_SIZE");
    if (!world)
        return o;
    if (!parseInt(world, o.worldSize) || o.worldSize < 1)
        return makeError(ErrorCode::InvalidArgument, std::string("WORLD_SIZE is not a positive number: ") + world);
    if (o.worldSize == 1)
        return o;
    const char *rank = env("RANK");
    const char *addr = env("MASTER_ADDR");
    const char *port = env("MASTER_PORT");
    if (!rank || !parseInt(rank, o.rank))
        return makeError(ErrorCode::InvalidArgument, "WORLD_SIZE is set but RANK is not a number");
    if (!addr)
        return makeError(ErrorCode::InvalidArgument, "WORLD_SIZE is set but MASTER_ADDR is not");
    if (!port || !parseInt(port, o.port))
        return makeError(ErrorCode::InvalidArgument, "WORLD_SIZE is set but MASTER_PORT is not a number");
    o.host = addr;
    GS_TRY(o.validate());
    return o;
}

base::Result<Endpoint> parseRendezvous(std::string_view text)
{
    const auto bad = [&] {
        return makeError(ErrorCode::InvalidArgument, "'" + std::string(text) + "' is not HOST:PORT");
    };
    Endpoint e;
    std::string_view portText;
    if (!text.empty() && text.front() == '[') {
        const auto close = text.find(']');
        if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':')
            return bad();
        e.host = std::string(text.substr(1, close - 1));
        portText = text.substr(close + 2);
    } else {
        const auto colon = text.rfind(':');
        if (colon == std::string_view::npos || text.find(':') != colon)
            return bad();
        e.host = std::string(text.substr(0, colon));
        portText = text.substr(colon + 1);
    }
    if (e.host.empty() || !parseInt(portText, e.port) || e.port < 1 || e.port > 65535)
        return bad();
    return e;
}

base::Result<std::pair<int, int>> parseShard(std::string_view text)
{
    const auto slash = text.find('/');
    int r = -1, n = 0;
    if (slash == std::string_view::npos || !parseInt(text.substr(0, slash), r) || !parseInt(text.substr(slash + 1), n) ||
        n < 1 || r < 0 || r >= n)
        return makeError(ErrorCode::InvalidArgument,
                         "'" + std::string(text) + "' is not a shard R/N with 0 <= R < N (e.g. 0/2 and 1/2)");
    return std::pair{r, n};
}

} // namespace genrescope::distributed
