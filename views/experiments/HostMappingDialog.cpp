#include "views/experiments/HostMappingDialog.h"

#include <QCompleter>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>

namespace costscope::views {

namespace {

// Instance ids are long; completing them from the store's inventory saves typing them.
class InstanceDelegate : public QStyledItemDelegate
{
public:
    InstanceDelegate(QStringList ids, QObject *parent) : QStyledItemDelegate(parent), m_ids(std::move(ids)) {}
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QWidget *w = QStyledItemDelegate::createEditor(parent, option, index);
        if (auto *edit = qobject_cast<QLineEdit *>(w)) {
            auto *completer = new QCompleter(m_ids, edit);
            completer->setCaseSensitivity(Qt::CaseInsensitive);
            completer->setFilterMode(Qt::MatchContains);
            edit->setCompleter(completer);
        }
        return w;
    }

private:
    QStringList m_ids;
};

} // namespace

HostMappingDialog::HostMappingDialog(const std::map<QString, QString> &mapping, const QStringList &unmappedHosts,
                                     const QStringList &instanceIds, QWidget *parent)
    : QDialog(parent), m_instanceIds(instanceIds)
{
    setObjectName(QStringLiteral("hostMappingDialog"));
    setWindowTitle(tr("Hosts of ML runs"));
    auto *help = new QLabel(tr("A run that reports only its host name (mlflow.system.hostname, costscope.host) is "
                               "costed as the cloud instance mapped to that host here. Leave the instance empty to "
                               "remove a mapping."),
                            this);
    help->setWordWrap(true);
    m_table = new QTableWidget(0, 2, this);
    m_table->setObjectName(QStringLiteral("hostMappingTable"));
    m_table->setHorizontalHeaderLabels({tr("Host"), tr("Instance id")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setItemDelegateForColumn(1, new InstanceDelegate(instanceIds, m_table));
    for (const auto &[host, instance] : mapping)
        addRow(host, instance);
    for (const QString &host : unmappedHosts)
        if (mapping.find(host) == mapping.end())
            addRow(host, QString());
    m_table->resizeColumnToContents(0);
    auto *add = new QPushButton(tr("Add host"), this);
    add->setObjectName(QStringLiteral("hostMappingAdd"));
    connect(add, &QPushButton::clicked, this, [this]() {
        addRow(QString(), QString());
        m_table->editItem(m_table->item(m_table->rowCount() - 1, 0));
    });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("hostMappingButtons"));
    buttons->addButton(add, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(help);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(640, 380);
}

void HostMappingDialog::addRow(const QString &host, const QString &instance)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(host));
    m_table->setItem(row, 1, new QTableWidgetItem(instance));
}

std::map<QString, QString> HostMappingDialog::mapping() const
{
    std::map<QString, QString> out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString host = m_table->item(row, 0) ? m_table->item(row, 0)->text().trimmed() : QString();
        const QString instance = m_table->item(row, 1) ? m_table->item(row, 1)->text().trimmed() : QString();
        if (!host.isEmpty())
            out[host] = instance;
    }
    return out;
}

} // namespace costscope::views
