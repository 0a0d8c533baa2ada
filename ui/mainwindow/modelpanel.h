#pragma once

#include <QWidget>

class QListWidget;
class QPushButton;
class QTextBrowser;

namespace genrescope::ui {

class ModelSet;

/**
 * The loaded models (the embedded default first), each with a check box to take part in the
 * predictions, and the selected model's card: architecture, recipe, labels, parameters, where and
 * how it was trained and how well it did.
 */
class ModelPanel : public QWidget
{
    Q_OBJECT
public:
    ModelPanel(ModelSet *models, QWidget *parent = nullptr);

    void setNotice(const QString &text);

Q_SIGNALS:
    void loadRequested();
    /** The model picked in the list (an index into the ModelSet), or -1. */
    void currentModelChanged(int index);

private:
    void rebuild();
    void showCard(int row);

    ModelSet *m_models;
    QListWidget *m_list;
    QTextBrowser *m_card;
    QPushButton *m_remove;
    QString m_notice;
};

} // namespace genrescope::ui
