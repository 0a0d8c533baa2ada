// The man pages in packaging/ document what the executables offer: every sub-command genrescope-cli
// registers has a section in genrescope-cli(1) with every option its --help prints, no section is left
// for a command that is gone, and genrescope(1) documents every option of `genrescope --help`.
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <memory>
#include <vector>

namespace {

/** A man page as text without roff's font escapes ("\fB", "\fI", "\fR", "\fP") and with "\-" as "-". */
struct ManPage
{
    QString text;
    QMap<QString, QString> sections; ///< ".SS name" -> the text up to the next .SS or .SH
    QStringList sectionOrder;
};

ManPage parseManPage(const QString &roff)
{
    QString plain = roff;
    plain.remove(QRegularExpression(R"(\\f[BIRP])"));
    plain.replace(R"(\-)", "-");
    ManPage page;
    page.text = plain;
    QString current;
    for (const QString &line : plain.split('\n')) {
        if (line.startsWith(".SH")) {
            current.clear();
        } else if (line.startsWith(".SS")) {
            current = line.mid(3).trimmed().remove('"').section(' ', 0, 0);
            page.sectionOrder << current;
            page.sections[current];
        } else if (!current.isEmpty()) {
            page.sections[current] += line + '\n';
        }
    }
    return page;
}

/** The command names of `genrescope-cli --help`: the indented first words after "Commands:". */
QStringList commandsFromHelp(const QString &help)
{
    QStringList out;
    const qsizetype start = help.indexOf("Commands:");
    if (start < 0)
        return out;
    static const QRegularExpression line(R"(^  ([a-z][a-z0-9-]*) +\S)");
    for (const QString &l : help.mid(start).split('\n')) {
        if (const auto m = line.match(l); m.hasMatch())
            out << m.captured(1);
    }
    return out;
}

/** Every long option a help text names, except --help and --help-all, which every command has. */
QStringList optionsFromHelp(const QString &help)
{
    static const QRegularExpression option(R"((?<![\w-])--([a-z][a-z0-9-]*))");
    QSet<QString> out;
    for (auto it = option.globalMatch(help); it.hasNext();)
        out.insert(it.next().captured(1));
    out.remove("help");
    out.remove("help-all");
    QStringList sorted(out.begin(), out.end());
    sorted.sort();
    return sorted;
}

/** Sub-commands a help text points to: "genrescope-cli dataset <scan|split|cache> --help". */
QStringList subCommandsFromHelp(const QString &command, const QString &help)
{
    const QRegularExpression re("genrescope-cli " + QRegularExpression::escape(command) + R"( <([a-z|]+)> --help)");
    const auto m = re.match(help);
    return m.hasMatch() ? m.captured(1).split('|') : QStringList{};
}

/** The options of `optionsFromHelp` that `text` does not mention as whole words. */
QStringList undocumented(const QStringList &options, const QString &text)
{
    QStringList out;
    for (const QString &o : options) {
        const QRegularExpression word("(?<![\\w-])--" + QRegularExpression::escape(o) + "(?![\\w-])");
        if (!word.match(text).hasMatch())
            out << "--" + o;
    }
    return out;
}

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

/**
 * Runs `exe` once per argument list, all at the same time (each start loads libtorch), and returns
 * their standard outputs in order; an empty string, with a warning, for a run that fails.
 */
QStringList runHelps(const QString &exe, const QList<QStringList> &argLists)
{
    std::vector<std::unique_ptr<QProcess>> processes;
    for (const QStringList &args : argLists) {
        processes.push_back(std::make_unique<QProcess>());
        processes.back()->start(exe, args);
    }
    QStringList out;
    for (size_t i = 0; i < processes.size(); ++i) {
        QProcess &p = *processes[i];
        if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            qWarning("%s %s failed: exit %d, %s", qPrintable(exe), qPrintable(argLists[int(i)].join(' ')),
                     p.exitCode(), p.readAllStandardError().constData());
            out << QString();
        } else {
            out << QString::fromLocal8Bit(p.readAllStandardOutput());
        }
    }
    return out;
}

const char kFakeHelp[] = "Usage: genrescope-cli <command> [options]\n\nCommands:\n"
                         "  alpha        first one\n  beta-two     second one; --json\n\nRun ...\n";

} // namespace

class TestManPages : public QObject
{
    Q_OBJECT

private:
    ManPage m_cli;
    QString m_cliHelp;
    QStringList m_commands;
    QMap<QString, QStringList> m_commandOptions; ///< command -> the options of its --help (and its sub-commands')

private Q_SLOTS:
    void initTestCase()
    {
        const QString roff = readText(GS_MAN_DIR "/genrescope-cli.1.in");
        QVERIFY2(!roff.isEmpty(), "cannot read " GS_MAN_DIR "/genrescope-cli.1.in");
        m_cli = parseManPage(roff);
        m_cliHelp = runHelps(GS_CLI_EXE, {{"--help"}}).first();
        QVERIFY(!m_cliHelp.isEmpty());
        m_commands = commandsFromHelp(m_cliHelp);
        // A parser that found nothing would make every check below pass: the CLI has a dozen commands.
        QVERIFY2(m_commands.size() >= 8, qPrintable("commands found in --help: " + m_commands.join(", ")));

        QList<QStringList> argLists;
        for (const QString &c : m_commands)
            argLists.append({c, "--help"});
        const QStringList helps = runHelps(GS_CLI_EXE, argLists);
        QList<QStringList> subArgLists;
        for (int i = 0; i < m_commands.size(); ++i) {
            QVERIFY2(!helps[i].isEmpty(), qPrintable("genrescope-cli " + m_commands[i] + " --help printed nothing"));
            m_commandOptions[m_commands[i]] = optionsFromHelp(helps[i]);
            for (const QString &sub : subCommandsFromHelp(m_commands[i], helps[i]))
                subArgLists.append({m_commands[i], sub, "--help"});
        }
        const QStringList subHelps = runHelps(GS_CLI_EXE, subArgLists);
        for (int i = 0; i < subArgLists.size(); ++i) {
            QVERIFY2(!subHelps[i].isEmpty(), qPrintable("genrescope-cli " + subArgLists[i].join(' ') + " printed nothing"));
            QStringList &options = m_commandOptions[subArgLists[i].first()];
            options += optionsFromHelp(subHelps[i]);
            options.removeDuplicates();
        }
    }

    // The checks below would notice what they are there for.
    void helpParsersFindCommandsAndOptions()
    {
        QCOMPARE(commandsFromHelp(kFakeHelp), (QStringList{"alpha", "beta-two"}));
        QCOMPARE(optionsFromHelp("  -o, --out <f>  write to f (see --json, not --help or --help-all)\n"),
                 (QStringList{"json", "out"}));
        QCOMPARE(subCommandsFromHelp("dataset", "Run 'genrescope-cli dataset <scan|split> --help' for"),
                 (QStringList{"scan", "split"}));
    }
    void missingSectionsAndOptionsAreFound()
    {
        const ManPage page = parseManPage(".SH COMMANDS\n.SS alpha\n.TP\n.B \\-\\-json\nJSON.\n"
                                          ".SH EXIT STATUS\n0\n");
        QCOMPARE(page.sectionOrder, QStringList{"alpha"});
        QVERIFY(!page.sections.contains("beta-two"));
        QCOMPARE(undocumented({"json", "jsonl", "out"}, page.sections["alpha"]), (QStringList{"--jsonl", "--out"}));
        QVERIFY(!page.sections["alpha"].contains("EXIT"));
    }

    void everyCommandHasASection()
    {
        QStringList missing;
        for (const QString &c : m_commands) {
            if (!m_cli.sections.contains(c))
                missing << c;
        }
        QVERIFY2(missing.isEmpty(), qPrintable("genrescope-cli commands without a .SS section in "
                                               "packaging/genrescope-cli.1.in: " + missing.join(", ")));
    }

    void everySectionIsACommand()
    {
        QStringList stale;
        for (const QString &s : m_cli.sectionOrder) {
            if (!m_commands.contains(s))
                stale << s;
        }
        QVERIFY2(stale.isEmpty(), qPrintable("sections of packaging/genrescope-cli.1.in for commands that "
                                             "genrescope-cli --help does not list: " + stale.join(", ")));
        QStringList sorted = m_cli.sectionOrder;
        sorted.sort();
        QCOMPARE(m_cli.sectionOrder, sorted);
    }

    void everyOptionOfACommandIsDocumented_data()
    {
        QTest::addColumn<QString>("command");
        for (const QString &c : m_commands)
            QTest::newRow(qPrintable(c)) << c;
    }
    void everyOptionOfACommandIsDocumented()
    {
        QFETCH(QString, command);
        if (!m_cli.sections.contains(command))
            QSKIP("no section (reported by everyCommandHasASection)");
        const QStringList missing = undocumented(m_commandOptions.value(command), m_cli.sections[command]);
        QVERIFY2(missing.isEmpty(), qPrintable("options of genrescope-cli " + command + " missing from its "
                                               "section in packaging/genrescope-cli.1.in: " + missing.join(", ")));
    }

    void globalOptionsAreDocumented()
    {
        const QStringList options = optionsFromHelp(m_cliHelp) + QStringList{"help"};
        QVERIFY2(options.contains("version"), qPrintable("options found: " + options.join(", ")));
        QCOMPARE(undocumented(options, m_cli.text), QStringList{});
    }

    void everyGuiOptionIsDocumented()
    {
#ifdef GS_GUI_EXE
        const QString roff = readText(GS_MAN_DIR "/genrescope.1.in");
        QVERIFY2(!roff.isEmpty(), "cannot read " GS_MAN_DIR "/genrescope.1.in");
        const QString help = runHelps(GS_GUI_EXE, {{"--help"}}).first();
        QVERIFY(!help.isEmpty());
        const QStringList options = optionsFromHelp(help);
        QVERIFY2(options.contains("language"), qPrintable("options found: " + options.join(", ")));
        const QStringList missing = undocumented(options + QStringList{"help-all"}, parseManPage(roff).text);
        QVERIFY2(missing.isEmpty(), qPrintable("options of genrescope missing from packaging/genrescope.1.in: " +
                                               missing.join(", ")));
#else
        QSKIP("built without the GUI");
#endif
    }
};

QTEST_GUILESS_MAIN(TestManPages)
#include "tst_manpages.moc"
