#include "genrenames.h"

#include <QCoreApplication>

namespace genrescope::ui {

namespace {

struct GenreName
{
    const char *id;
    const char *display;
};

// The GTZAN genres; the display names are the translation sources (context "GenreNames").
constexpr GenreName kGenres[] = {
    {"blues", QT_TRANSLATE_NOOP("GenreNames", "Blues")},
    {"classical", QT_TRANSLATE_NOOP("GenreNames", "Classical")},
    {"country", QT_TRANSLATE_NOOP("GenreNames", "Country")},
    {"disco", QT_TRANSLATE_NOOP("GenreNames", "Disco")},
    {"hiphop", QT_TRANSLATE_NOOP("GenreNames", "Hip-hop")},
    {"jazz", QT_TRANSLATE_NOOP("GenreNames", "Jazz")},
    {"metal", QT_TRANSLATE_NOOP("GenreNames", "Metal")},
    {"pop", QT_TRANSLATE_NOOP("GenreNames", "Pop")},
    {"reggae", QT_TRANSLATE_NOOP("GenreNames", "Reggae")},
    {"rock", QT_TRANSLATE_NOOP("GenreNames", "Rock")},
};

QString normalised(const QString &label)
{
    QString key;
    key.reserve(label.size());
    for (QChar c : label)
        if (c != u'-' && c != u'_' && !c.isSpace())
            key += c.toLower();
    return key;
}

} // namespace

QString genreDisplayName(const QString &label)
{
    const QString key = normalised(label);
    for (const GenreName &g : kGenres)
        if (key == QLatin1String(g.id))
            return QCoreApplication::translate("GenreNames", g.display);
    return label;
}

QString genreDisplayName(const std::string &label)
{
    return genreDisplayName(QString::fromStdString(label));
}

QStringList genreDisplayNames(const std::vector<std::string> &labels)
{
    QStringList out;
    out.reserve(qsizetype(labels.size()));
    for (const auto &l : labels)
        out << genreDisplayName(l);
    return out;
}

QStringList genreDisplayNames(const QStringList &labels)
{
    QStringList out;
    out.reserve(labels.size());
    for (const auto &l : labels)
        out << genreDisplayName(l);
    return out;
}

} // namespace genrescope::ui
