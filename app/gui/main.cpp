// genrescope: the GUI executable. Parses argv, sets up the application, shows the main window.
#include "base/allocator.h"
#include "base/version.h"
#include "mainwindow/appsettings.h"
#include "mainwindow/language.h"
#include "mainwindow/mainwindow.h"
#include "models/torchinfo.h"

#include <QApplication>
#include <QCommandLineParser>

using namespace genrescope;

int main(int argc, char **argv)
{
    base::tuneAllocatorForTensors();
    QApplication app(argc, argv);
    QApplication::setApplicationName("Genrescope");
    QApplication::setOrganizationName("Genrescope");
    QApplication::setApplicationVersion(base::kAppVersion);
    // The one place the GUI sets libtorch's threads at start-up; the Preferences change it later.
    models::configureTorchThreads(ui::AppSettings::load().torchThreads);

    // The language comes first so --help is translated too: --language wins over the setting.
    QString language;
    for (int i = 1; i + 1 < argc; ++i)
        if (QString::fromLocal8Bit(argv[i]) == "--language")
            language = QString::fromLocal8Bit(argv[i + 1]);
    ui::installTranslators(&app, language);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Music genre classification workbench"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({"language",
                      QApplication::translate("main", "User interface language: %1 (default: the saved "
                                                      "setting, else the system's)")
                          .arg(ui::availableLanguages().join(", ")),
                      "code"});
    parser.addPositionalArgument("file", QApplication::translate("main", "Audio file to open"), "[file]");
    parser.process(app);

    ui::MainWindow window;
    window.show();
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty())
        window.openFile(files.first());
    return app.exec();
}
