#include "aboutdialog.h"

#include "base/version.h"
#include "inference/versions.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

namespace genrescope::ui {

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("About Genrescope"));
    setObjectName("aboutDialog");
    auto *layout = new QVBoxLayout(this);

    auto *title = new QLabel(QStringLiteral("<h2>%1 %2</h2>").arg(base::kAppName, base::kAppVersion), this);
    layout->addWidget(title);
    layout->addWidget(new QLabel(tr("A workbench for music genre classification: see what a model hears, "
                                    "train and compare models, and measure how good they really are."),
                                 this));

    QString rows;
    for (const auto &[name, version] : inference::componentVersions())
        rows += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                    .arg(QString::fromStdString(name).toHtmlEscaped(),
                         QString::fromStdString(version).toHtmlEscaped());
    m_versions = new QLabel(QStringLiteral("<table cellspacing=4>%1</table>").arg(rows), this);
    m_versions->setObjectName("versionsLabel");
    m_versions->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_versions);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString AboutDialog::versionsText() const
{
    return QString::fromStdString(inference::versionsText());
}

} // namespace genrescope::ui
