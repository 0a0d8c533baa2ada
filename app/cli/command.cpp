#include "command.h"

namespace genrescope::cli {

std::vector<Command> &commands()
{
    static std::vector<Command> all;
    return all;
}

} // namespace genrescope::cli
