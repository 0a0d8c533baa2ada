#include "recentfiles.h"

#include <QFileInfo>
#include <QSettings>

namespace genrescope::ui {

namespace {
constexpr auto kKey = "recentFiles";
}

QStringList RecentFiles::load()
{
    return QSettings().value(kKey).toStringList();
}

QStringList RecentFiles::add(const QString &path)
{
    const QString abs = QFileInfo(path).absoluteFilePath();
    QStringList list = load();
    list.removeAll(abs);
    list.prepend(abs);
    while (list.size() > kMaxEntries)
        list.removeLast();
    QSettings().setValue(kKey, list);
    return list;
}

void RecentFiles::clear()
{
    QSettings().remove(kKey);
}

} // namespace genrescope::ui
