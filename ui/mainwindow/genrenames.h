#pragma once

#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace genrescope::ui {

/**
 * How a model's class label is shown to the user. Models store English ids ("hiphop", "classical");
 * the ten GTZAN genres are shown capitalised and translated ("Hip-hop", "Classical"; German "Klassik").
 * Matching ignores case, '-', '_' and spaces ("HipHop", "hip_hop" -> "Hip-hop"). Any other label is
 * returned unchanged. Exports (CSV, JSON) keep the raw ids for scripts: use this for display only.
 * Thread-safe once the translators are installed (it only reads them).
 */
QString genreDisplayName(const std::string &label);
QString genreDisplayName(const QString &label);

/** genreDisplayName() of every label, in order. */
QStringList genreDisplayNames(const std::vector<std::string> &labels);
QStringList genreDisplayNames(const QStringList &labels);

} // namespace genrescope::ui
