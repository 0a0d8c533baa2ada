#include "clisupport.h"

#include <QCommandLineParser>
#include <QStringList>
#include <cmath>
#include <unistd.h>

namespace genrescope::cli {

void printError(const std::string &message)
{
    std::fprintf(stderr, "genrescope-cli: %s\n", message.c_str());
}

void printError(const base::Error &error)
{
    printError(error.toString());
}

namespace {

template <typename T, typename Convert>
bool readWith(const QCommandLineParser &parser, const QString &name, T &out, const char *kind, Convert convert)
{
    const QString text = parser.value(name).trimmed();
    bool ok = false;
    const T value = convert(text, &ok);
    if (!ok) {
        printError("--" + name.toStdString() + ": '" + text.toStdString() + "' is not " + kind);
        return false;
    }
    out = value;
    return true;
}

} // namespace

bool readNumber(const QCommandLineParser &parser, const QString &name, double &out)
{
    return readWith(parser, name, out, "a finite number", [](const QString &t, bool *ok) {
        const double v = t.toDouble(ok);
        *ok = *ok && std::isfinite(v);
        return v;
    });
}

bool readNumber(const QCommandLineParser &parser, const QString &name, int &out)
{
    return readWith(parser, name, out, "a whole number", [](const QString &t, bool *ok) { return t.toInt(ok); });
}

bool readNumber(const QCommandLineParser &parser, const QString &name, unsigned &out)
{
    return readWith(parser, name, out, "a whole number >= 0", [](const QString &t, bool *ok) { return t.toUInt(ok); });
}

bool readNumber(const QCommandLineParser &parser, const QString &name, std::uint64_t &out)
{
    return readWith(parser, name, out, "a whole number >= 0",
                    [](const QString &t, bool *ok) { return std::uint64_t(t.toULongLong(ok)); });
}

int parseCommandLine(QCommandLineParser &parser, const QString &command, const QStringList &args)
{
    if (!parser.parse(QStringList{"genrescope-cli " + command} + args)) {
        printError(parser.errorText().toStdString());
        return kExitUsage;
    }
    if (parser.isSet("help")) {
        // Qt names the executable's path in the usage line; name the sub-command instead.
        QString help = parser.helpText();
        const qsizetype options = help.indexOf(QStringLiteral(" [options]"));
        if (help.startsWith(QStringLiteral("Usage: ")) && options > 0 && options < help.indexOf('\n'))
            help = QStringLiteral("Usage: genrescope-cli ") + command + help.mid(options);
        std::fputs(qPrintable(help), stdout);
        return kExitOk;
    }
    return -1;
}

bool stderrIsTerminal()
{
    return ::isatty(STDERR_FILENO) == 1;
}

ProgressBar::ProgressBar(std::string label) : m_label(std::move(label)), m_enabled(stderrIsTerminal()) {}

ProgressBar::~ProgressBar()
{
    finish();
}

void ProgressBar::update(double fraction, const std::string &suffix)
{
    if (!m_enabled || m_finished)
        return;
    const int permille = int(fraction * 1000);
    if (permille == m_lastPermille && suffix.empty())
        return;
    m_lastPermille = permille;
    constexpr int kWidth = 30;
    const int filled = int(fraction * kWidth);
    std::string bar(std::size_t(filled), '#');
    bar.resize(kWidth, '.');
    std::fprintf(stderr, "\r%s [%s] %5.1f%% %s\033[K", m_label.c_str(), bar.c_str(), fraction * 100.0,
                 suffix.c_str());
    std::fflush(stderr);
}

void ProgressBar::finish()
{
    if (m_enabled && !m_finished && m_lastPermille >= 0) {
        std::fprintf(stderr, "\r\033[K");
        std::fflush(stderr);
    }
    m_finished = true;
}

} // namespace genrescope::cli
