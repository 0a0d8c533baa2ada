#include "appsettings.h"

#include "mainwindow/language.h"
#include "views/colormap.h"

#include <QList>
#include <QSettings>
#include <QThread>

#include <algorithm>

namespace genrescope::ui {

const QList<int> &AppSettings::fftSizes()
{
    static const QList<int> sizes = {256, 512, 1024, 2048, 4096, 8192};
    return sizes;
}

const QList<int> &AppSettings::hops()
{
    static const QList<int> hops = {64, 128, 256, 512, 1024, 2048};
    return hops;
}

int AppSettings::maxTorchThreads()
{
    return std::max(1, QThread::idealThreadCount());
}

AppSettings AppSettings::load()
{
    const QSettings q;
    AppSettings s;
    const QString map = q.value("view/colorMap", s.colorMap).toString();
    if (ColorMap::kindIds().contains(map))
        s.colorMap = map;
    s.autoDbRange = q.value("view/dbAuto", true).toBool();
    const float low = q.value("view/dbLow", s.dbLow).toFloat(), high = q.value("view/dbHigh", s.dbHigh).toFloat();
    if (low < high && low >= -200.0f && high <= 200.0f) {
        s.dbLow = low;
        s.dbHigh = high;
    } else {
        s.autoDbRange = true;
    }
    const int nFft = q.value("view/nFft", s.nFft).toInt();
    if (fftSizes().contains(nFft))
        s.nFft = nFft;
    const int hop = q.value("view/hop", s.hop).toInt();
    if (hops().contains(hop))
        s.hop = std::min(hop, s.nFft);
    s.allowCuda = q.value("compute/device", "cpu").toString() == "cuda";
    s.torchThreads = std::clamp(q.value("compute/threads", 0).toInt(), 0, maxTorchThreads());
    const QString language = q.value("language").toString();
    if (language.isEmpty() || availableLanguages().contains(language))
        s.language = language;
    return s;
}

void AppSettings::save() const
{
    QSettings q;
    q.setValue("view/colorMap", colorMap);
    q.setValue("view/dbAuto", autoDbRange);
    q.setValue("view/dbLow", double(dbLow));
    q.setValue("view/dbHigh", double(dbHigh));
    q.setValue("view/nFft", nFft);
    q.setValue("view/hop", hop);
    q.setValue("compute/device", allowCuda ? "cuda" : "cpu");
    q.setValue("compute/threads", torchThreads);
    q.setValue("language", language);
}

} // namespace genrescope::ui
