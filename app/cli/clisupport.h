#pragma once

#include "base/error.h"

#include <QString>
#include <QStringList>
#include <cstdint>
#include <cstdio>
#include <string>

class QCommandLineParser;


namespace genrescope::cli {

/** Exit codes shared by every sub-command. */
enum ExitCode : int {
    kExitOk = 0,
    kExitFailure = 1,     ///< the work ran but something failed (e.g. one file of a batch)
    kExitUsage = 2,       ///< bad command line
    kExitCancelled = 130, ///< interrupted (SIGINT)
};

/** Print "genrescope-cli: <message>" to stderr. */
void printError(const std::string &message);
void printError(const base::Error &error);

/**
 * The value of option `name` as a number. False, with "--name: 'x' is not a ..." printed, when the
 * text is not one (or, for doubles, not finite); `out` is then unchanged. Usage errors exit with kExitUsage.
 */
bool readNumber(const QCommandLineParser &parser, const QString &name, double &out);
bool readNumber(const QCommandLineParser &parser, const QString &name, int &out);
bool readNumber(const QCommandLineParser &parser, const QString &name, unsigned &out);
bool readNumber(const QCommandLineParser &parser, const QString &name, std::uint64_t &out);

/**
 * Parse a sub-command's arguments ("train", "dataset scan", ...; usage reads "genrescope-cli <command>").
 * Returns the exit code to stop with (kExitUsage after printing the parser's error, kExitOk after
 * printing --help), or -1 to go on. The parser must already hold its options, --help included.
 */
int parseCommandLine(QCommandLineParser &parser, const QString &command, const QStringList &args);

/** True when stdout/stderr is an interactive terminal (progress bars only then). */
bool stderrIsTerminal();

/** A one-line terminal progress bar on stderr, redrawn in place; silent when stderr is not a tty. */
class ProgressBar
{
public:
    explicit ProgressBar(std::string label);
    ~ProgressBar();
    void update(double fraction, const std::string &suffix = {});
    void finish();

private:
    std::string m_label;
    bool m_enabled;
    int m_lastPermille = -1;
    bool m_finished = false;
};

} // namespace genrescope::cli
