// genrescope-cli: argv parsing and dispatch only; every sub-command calls core.
#include "command.h"
#include "clisupport.h"

#include "base/allocator.h"
#include "base/version.h"
#include "inference/versions.h"
#include "models/torchinfo.h"

#include <QCoreApplication>
#include <algorithm>
#include <cstdio>
#include <cstring>

using namespace genrescope;

namespace {

void printHelp()
{
    std::printf("Usage: genrescope-cli <command> [options] [arguments]\n"
                "       genrescope-cli <command> --help\n"
                "       genrescope-cli --version | --help\n\n"
                "Music genre classification workbench, command-line interface.\n\nCommands:\n");
    auto sorted = cli::commands();
    std::sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) { return a.name < b.name; });
    for (const auto &c : sorted)
        std::printf("  %-12s %s\n", c.name.c_str(), c.summary.c_str());
    std::printf("\nOptions:\n"
                "  -h, --help   list the commands and exit\n"
                "  --version    print the versions of Genrescope, Qt, libtorch, FFmpeg and FFTW and exit\n\n"
                "Exit status: 0 success, 1 something failed (e.g. one file of a batch), 2 bad command line,\n"
                "130 interrupted. Environment: GENRESCOPE_DEFAULT_MODEL, a model to use instead of the\n"
                "embedded default model.\n\n"
                "Run 'genrescope-cli <command> --help' for a command's options; the manual: man genrescope-cli.\n");
}

} // namespace

int main(int argc, char **argv)
{
    base::tuneAllocatorForTensors();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("genrescope-cli");
    QCoreApplication::setApplicationVersion(base::kAppVersion);
    models::configureTorchThreads();

    const QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty() || args.first() == "--help" || args.first() == "-h" || args.first() == "help") {
        printHelp();
        return args.isEmpty() ? cli::kExitUsage : cli::kExitOk;
    }
    if (args.first() == "--version" || args.first() == "version") {
        std::fputs(inference::versionsText().c_str(), stdout);
        return cli::kExitOk;
    }
    const std::string name = args.first().toStdString();
    for (const auto &c : cli::commands()) {
        if (c.name == name)
            return c.run(args.mid(1));
    }
    cli::printError("unknown command '" + name + "' (see genrescope-cli --help)");
    return cli::kExitUsage;
}
