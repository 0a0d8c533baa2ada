#include "colormap.h"

#include <QCoreApplication>
#include <cmath>
#include <vector>

namespace genrescope::ui {

namespace {

// Anchor colours at 0, 1/8, ..., 1 of matplotlib's maps; linear interpolation between them stays
// within a few units of the original 256-entry tables.
const std::vector<QRgb> kMagma = {0x000004, 0x1c1044, 0x4f127b, 0x812581, 0xb5367a,
                                  0xe55064, 0xfb8761, 0xfec287, 0xfcfdbf};
const std::vector<QRgb> kViridis = {0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c,
                                    0x28ae80, 0x5ec962, 0xaadc32, 0xfde725};
const std::vector<QRgb> kCividis = {0x00224e, 0x123570, 0x3b496c, 0x575d6d, 0x707173,
                                    0x8a8779, 0xa69d75, 0xc4b56c, 0xfee838};
const std::vector<QRgb> kGrey = {0x000000, 0xffffff};

const std::vector<QRgb> &anchors(ColorMap::Kind kind)
{
    switch (kind) {
    case ColorMap::Kind::Viridis: return kViridis;
    case ColorMap::Kind::Cividis: return kCividis;
    case ColorMap::Kind::Grey: return kGrey;
    case ColorMap::Kind::Magma: break;
    }
    return kMagma;
}

} // namespace

ColorMap::ColorMap(Kind kind) : m_kind(kind)
{
    const auto &a = anchors(kind);
    const int segments = int(a.size()) - 1;
    for (int i = 0; i < 256; ++i) {
        const double pos = double(i) / 255.0 * segments;
        const int s = std::min(int(pos), segments - 1);
        const double f = pos - s;
        auto ch = [&](int shift) {
            const double lo = (a[s] >> shift) & 0xff, hi = (a[s + 1] >> shift) & 0xff;
            return int(std::lround(lo + (hi - lo) * f));
        };
        m_lut[std::size_t(i)] = qRgb(ch(16), ch(8), ch(0));
    }
}

QStringList ColorMap::kindIds()
{
    return {"magma", "viridis", "cividis", "grey"};
}

QString ColorMap::kindId(Kind kind)
{
    return kindIds().at(int(kind));
}

ColorMap::Kind ColorMap::kindFromId(const QString &id)
{
    const int i = kindIds().indexOf(id);
    return i < 0 ? Kind::Magma : Kind(i);
}

QString ColorMap::displayName(Kind kind)
{
    switch (kind) {
    case Kind::Magma: return QCoreApplication::translate("ColorMap", "Magma");
    case Kind::Viridis: return QCoreApplication::translate("ColorMap", "Viridis");
    case Kind::Cividis: return QCoreApplication::translate("ColorMap", "Cividis");
    case Kind::Grey: return QCoreApplication::translate("ColorMap", "Grey");
    }
    return {};
}

QColor genreColor(int labelIndex)
{
    // Okabe-Ito's eight colour-blind-safe colours, then two distinct additions.
    static const QRgb kPalette[] = {0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2,
                                    0xD55E00, 0xCC79A7, 0x999999, 0x44AA99, 0x882255};
    const int n = int(sizeof kPalette / sizeof kPalette[0]);
    return QColor(kPalette[((labelIndex % n) + n) % n]);
}

} // namespace genrescope::ui
