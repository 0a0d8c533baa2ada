#pragma once

#include "base/matrix.h"

#include <QImage>
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

namespace genrescope::ui {

/** How the rows of a displayed matrix map to something a user can read. */
struct LayerAxis
{
    enum class Kind {
        Frequency,   ///< rows are FFT bins or mel bands with a centre frequency each (rowHz)
        Labels,      ///< rows are named (chroma pitch classes, MFCC coefficients): rowLabels
    };
    Kind kind = Kind::Frequency;
    std::vector<double> rowHz;   ///< centre frequency of each row, Hz (Frequency kind), ascending
    QStringList rowLabels;       ///< one per row (Labels kind)
    double secondsPerColumn = 512.0 / 22050.0;
    QString valueUnit;           ///< "dB", "" ...
    QString title;               ///< "Log-mel, 128 bands" (already translated)
    bool rgb = false;            ///< values hold 3 stacked channels (3 x rows) shown as red, green, blue
    int rows() const { return kind == Kind::Frequency ? int(rowHz.size()) : int(rowLabels.size()); }
};

/** A run of columns of a layer, with its image rendered off the GUI thread (row 0 at the bottom). */
struct LayerTile
{
    std::size_t firstColumn = 0;
    std::shared_ptr<const base::Matrix> values; ///< rows x columns
    QImage image;                               ///< columns x rows pixels, top row = highest row
    quint64 renderKey = 0;                      ///< colour map and range the image was rendered with
};

} // namespace genrescope::ui
