#pragma once

#include <QStringList>
#include <functional>
#include <string>
#include <vector>

namespace genrescope::cli {

/**
 * A sub-command of genrescope-cli. Each cmd_*.cpp defines one and registers it with a static
 * CommandRegistration, so adding a command touches no shared file.
 */
struct Command
{
    std::string name;      ///< "probe"
    std::string summary;   ///< one line for `--help`
    /** Runs with the arguments after the sub-command name; returns the process exit code. */
    std::function<int(const QStringList &args)> run;
};

std::vector<Command> &commands();

struct CommandRegistration
{
    explicit CommandRegistration(Command c) { commands().push_back(std::move(c)); }
};

} // namespace genrescope::cli
