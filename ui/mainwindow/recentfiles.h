#pragma once

#include <QStringList>

namespace genrescope::ui {

/** The most-recently-opened files, newest first, persisted in QSettings. */
class RecentFiles
{
public:
    static constexpr int kMaxEntries = 10;

    static QStringList load();
    /** Put path at the front (removing an older entry of it) and save. */
    static QStringList add(const QString &path);
    static void clear();
};

} // namespace genrescope::ui
