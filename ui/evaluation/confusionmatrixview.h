#pragma once

#include "views/colormap.h"

#include <QImage>
#include <QString>
#include <QStringList>
#include <QWidget>
#include <cstdint>
#include <string>
#include <vector>

namespace genrescope::ui {

/**
 * A confusion matrix as a heat map: true labels are rows, predicted labels columns. Every cell shows
 * its count and its share of the row (the recall row of that true class); the main figure and the
 * colour follow the display mode (counts: colour by count / largest count; row %: colour by the row
 * share). Colours come from a perceptually uniform, colour-blind-safe map (viridis by default) and
 * the cell text is black or white, whichever contrasts more. Hovering highlights a cell and its
 * labels; clicking emits cellClicked() (as do the arrow keys, which move the selected cell, and
 * Enter). An optional extra column holds songs that were rejected
 * (vote-with-threshold), reported as predicted label -1.
 *
 * Pure view: it owns copies of the numbers it shows, paints on the GUI thread only.
 */
class ConfusionMatrixView : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { Counts, RowPercent };

    explicit ConfusionMatrixView(QWidget *parent = nullptr);

    /** counts[true][predicted], labels.size() x labels.size(); a malformed matrix clears the view. */
    void setMatrix(const std::vector<std::string> &labels, const std::vector<std::vector<std::int64_t>> &counts);
    /** Per true label, how many examples were rejected (no prediction); empty hides the column. */
    void setRejected(const std::vector<std::int64_t> &rejected);
    void clear();

    int classCount() const { return int(m_labels.size()); }
    const QStringList &labels() const { return m_labels; }
    std::int64_t count(int trueLabel, int predictedLabel) const; ///< predictedLabel -1: rejected column
    double rowFraction(int trueLabel, int predictedLabel) const;  ///< count / row total (incl. rejected), 0..1

    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    void setNormalised(bool normalised) { setMode(normalised ? Mode::RowPercent : Mode::Counts); }
    bool isNormalised() const { return m_mode == Mode::RowPercent; }

    void setColorMap(ColorMap::Kind kind);
    ColorMap::Kind colorMap() const { return m_map.kind(); }

    /** Title drawn above the matrix (also in exports); empty for none. */
    void setTitle(const QString &title);
    QString title() const { return m_title; }

    /** The clicked/selected cell, drawn with a frame; (-2, -2) for none. */
    void setSelectedCell(int trueLabel, int predictedLabel);
    QPoint selectedCell() const { return {m_selPred, m_selTrue}; } ///< x = predicted, y = true

    // What a user sees, for tests and accessibility.
    QRect cellRect(int trueLabel, int predictedLabel) const; ///< in widget coordinates; empty if out of range
    QString cellText(int trueLabel, int predictedLabel) const; ///< main and secondary figure, '\n'-separated
    QColor cellColor(int trueLabel, int predictedLabel) const;
    QColor cellTextColor(int trueLabel, int predictedLabel) const;
    QString cellToolTip(int trueLabel, int predictedLabel) const;

    /** The matrix drawn at `size` (device pixels x dpr) on the window colour, without hover state. */
    QImage renderImage(const QSize &size = {}, qreal devicePixelRatio = 1.0) const;
    bool savePng(const QString &path, QString *error = nullptr) const;
    bool saveSvg(const QString &path, QString *error = nullptr) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void cellClicked(int trueLabel, int predictedLabel);
    void cellDoubleClicked(int trueLabel, int predictedLabel);
    void modeChanged(Mode mode);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Geometry
    {
        QRect grid;       ///< the cells
        int cell = 0;     ///< cell edge, px
        int columns = 0;  ///< classes (+1 with a rejected column)
        QRect title;
        QRect axisTitle;  ///< "Predicted genre", above the column labels
        int rowTitleX = 0; ///< left edge of the rotated "True genre"
        QRect colorBar;
    };
    Geometry geometry(const QRect &area, const QFont &font) const;
    void paintMatrix(QPainter &p, const QRect &area, bool interactive) const;
    bool cellAt(const QPoint &pos, int *trueLabel, int *predictedLabel) const;
    int columnCount() const { return classCount() + (m_rejected.empty() ? 0 : 1); }
    int columnIndex(int predictedLabel) const { return predictedLabel < 0 ? classCount() : predictedLabel; }
    std::int64_t rowTotal(int trueLabel) const;
    std::int64_t maxCount() const;
    double colorValue(int trueLabel, int predictedLabel) const;
    QString columnLabel(int column) const;

    QStringList m_labels;
    std::vector<std::vector<std::int64_t>> m_counts;
    std::vector<std::int64_t> m_rejected;
    Mode m_mode = Mode::Counts;
    ColorMap m_map{ColorMap::Kind::Viridis};
    QString m_title;
    int m_hoverTrue = -2, m_hoverPred = -2;
    int m_selTrue = -2, m_selPred = -2;
};

} // namespace genrescope::ui
