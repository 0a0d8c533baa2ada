#include "modelpanel.h"

#include "models/loadedmodel.h"
#include "mainwindow/modelset.h"

#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace genrescope::ui {

ModelPanel::ModelPanel(ModelSet *models, QWidget *parent) : QWidget(parent), m_models(models)
{
    setObjectName("modelPanel");
    m_list = new QListWidget(this);
    m_list->setObjectName("modelList");
    m_card = new QTextBrowser(this);
    m_card->setObjectName("modelCard");
    m_card->setOpenLinks(false);
    auto *load = new QPushButton(tr("Load Model..."), this);
    load->setObjectName("loadModelButton");
    m_remove = new QPushButton(tr("Remove"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(load);
    buttons->addWidget(m_remove);
    auto *layout = new QVBoxLayout(this);
    // The list holds a few models; the card needs the height.
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_card, 4);

    connect(load, &QPushButton::clicked, this, &ModelPanel::loadRequested);
    connect(m_remove, &QPushButton::clicked, this, [this] { m_models->remove(m_list->currentRow()); });
    connect(m_list, &QListWidget::currentRowChanged, this, &ModelPanel::showCard);
    connect(m_list, &QListWidget::currentRowChanged, this, &ModelPanel::currentModelChanged);
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        m_models->setEnabled(m_list->row(item), item->checkState() == Qt::Checked);
    });
    connect(m_models, &ModelSet::changed, this, &ModelPanel::rebuild);
    rebuild();
}

void ModelPanel::setNotice(const QString &text)
{
    m_notice = text;
    showCard(m_list->currentRow());
}

void ModelPanel::rebuild()
{
    const int current = m_list->currentRow();
    const QSignalBlocker block(m_list);
    m_list->clear();
    for (int i = 0; i < m_models->count(); ++i) {
        const ModelEntry &e = m_models->at(i);
        auto *item = new QListWidgetItem(e.displayName, m_list);
        item->setToolTip(modelSummary(*e.model));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(e.enabled ? Qt::Checked : Qt::Unchecked);
    }
    m_remove->setEnabled(m_models->count() > 0);
    const int row = std::clamp(current, 0, m_models->count() - 1);
    m_list->setCurrentRow(row);
    showCard(row);
}

void ModelPanel::showCard(int row)
{
    QString html;
    if (!m_notice.isEmpty())
        html += QStringLiteral("<p><i>%1</i></p>").arg(m_notice.toHtmlEscaped());
    if (row >= 0 && row < m_models->count())
        html += modelCardHtml(m_models->at(row));
    else if (m_models->count() == 0)
        html += tr("<p>No model is loaded. Load a Genrescope model bundle (.gsm) or a TorchScript "
                   "model (.pt with its .json sidecar) to see genre predictions.</p>");
    m_card->setHtml(html);
}

} // namespace genrescope::ui
