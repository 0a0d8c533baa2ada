#include "language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace genrescope::ui {

QStringList availableLanguages()
{
    return {"en", "de", "zh_CN"};
}

QString languageName(const QString &code)
{
    if (code == "de")
        return QStringLiteral("Deutsch");
    if (code == "zh_CN")
        return QStringLiteral("中文（简体）");
    return QStringLiteral("English");
}

QString savedLanguage()
{
    return QSettings().value("language").toString();
}

void saveLanguage(const QString &code)
{
    QSettings().setValue("language", code);
}

QString installTranslators(QCoreApplication *app, const QString &requested)
{
    QString code = requested.isEmpty() ? savedLanguage() : requested;
    if (code.isEmpty()) {
        for (const QString &ui : QLocale::system().uiLanguages()) {
            const QString name = QLocale(ui).name();
            if (name.startsWith("de")) {
                code = "de";
                break;
            }
            if (name.startsWith("zh")) {
                code = "zh_CN";
                break;
            }
            if (name.startsWith("en")) {
                code = "en";
                break;
            }
        }
    }
    if (!availableLanguages().contains(code) || code == "en") {
        // English needs only its plural forms ("1 segment", "2 segments").
        auto *plurals = new QTranslator(app);
        if (plurals->load(":/i18n/genrescope_en"))
            app->installTranslator(plurals);
        return "en";
    }
    auto *own = new QTranslator(app);
    if (own->load(":/i18n/genrescope_" + code))
        app->installTranslator(own);
    auto *qt = new QTranslator(app);
    if (qt->load("qtbase_" + code, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app->installTranslator(qt);
    return code;
}

} // namespace genrescope::ui
