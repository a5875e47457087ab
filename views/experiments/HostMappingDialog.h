#pragma once

#include <QDialog>

#include <map>

class QTableWidget;

namespace costscope::views {

// Edits the host-to-instance mapping of ML runs (RunCostCalculator::hostMapping): one row per
// host, the cloud instance id it ran on. Hosts seen in runs but not mapped are listed empty.
class HostMappingDialog : public QDialog
{
    Q_OBJECT
public:
    HostMappingDialog(const std::map<QString, QString> &mapping, const QStringList &unmappedHosts,
                      const QStringList &instanceIds, QWidget *parent = nullptr);

    // host -> instance id; an empty id removes the host's mapping.
    std::map<QString, QString> mapping() const;

private:
    void addRow(const QString &host, const QString &instance);

    QTableWidget *m_table = nullptr;
    QStringList m_instanceIds;
};

} // namespace costscope::views
