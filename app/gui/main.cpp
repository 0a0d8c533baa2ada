// genrescope: the GUI executable. Parses argv, sets up the application, shows the main window.
#include "base/version.h"
#include "mainwindow/mainwindow.h"
#include "models/torchinfo.h"

#include <QApplication>
#include <QCommandLineParser>

using namespace genrescope;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName("Genrescope");
    QApplication::setOrganizationName("Genrescope");
    QApplication::setApplicationVersion(base::kAppVersion);
    models::configureTorchThreads();

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Music genre classification workbench"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument("file", QApplication::translate("main", "Audio file to open"), "[file]");
    parser.process(app);

    ui::MainWindow window;
    window.show();
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty())
        window.openFile(files.first());
    return app.exec();
}
