#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;

namespace genrescope::ui {

/** Languages the UI is translated into, as locale names ("en", "de", "zh_CN"). */
QStringList availableLanguages();
/** The language's own name ("Deutsch", "中文（简体）"). */
QString languageName(const QString &code);

/**
 * Install the translators for `code` (empty: the saved setting, else the system locale) for the app's
 * strings (:/i18n/genrescope_<code>.qm) and Qt's own (qtbase_<code>.qm). Returns the language used.
 */
QString installTranslators(QCoreApplication *app, const QString &code = {});

/** The language override saved in the settings ("" = follow the system). */
QString savedLanguage();
void saveLanguage(const QString &code);

} // namespace genrescope::ui
