#pragma once

#include <QColor>
#include <QString>
#include <QStringList>
#include <array>

namespace genrescope::ui {

/**
 * Perceptually uniform colour maps for spectrograms, readable by colour-blind users (magma, viridis,
 * cividis) plus grey. Each map is a 256-entry lookup table interpolated from anchor colours of the
 * matplotlib maps (van der Walt and Smith, CC0), so a value in [0, 1] maps to an ARGB32 pixel.
 */
class ColorMap
{
public:
    enum class Kind { Magma, Viridis, Cividis, Grey };

    explicit ColorMap(Kind kind = Kind::Magma);

    Kind kind() const { return m_kind; }
    /** ARGB32 for a value in [0, 1] (clamped); NaN maps to the lowest colour. */
    QRgb map(float unit) const
    {
        if (!(unit > 0.0f))
            return m_lut[0];
        if (unit >= 1.0f)
            return m_lut[255];
        return m_lut[int(unit * 255.0f + 0.5f)];
    }
    const std::array<QRgb, 256> &table() const { return m_lut; }

    static QStringList kindIds();                  ///< "magma", "viridis", "cividis", "grey"
    static QString kindId(Kind kind);
    static Kind kindFromId(const QString &id);     ///< unknown -> Magma
    static QString displayName(Kind kind);         ///< translated

private:
    Kind m_kind;
    std::array<QRgb, 256> m_lut{};
};

/**
 * The ten genre colours, a qualitative palette (Okabe-Ito plus two) used the same everywhere:
 * timeline, probability bars, confusion matrix. Index by label position; wraps past ten.
 */
QColor genreColor(int labelIndex);

} // namespace genrescope::ui
