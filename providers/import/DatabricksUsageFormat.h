#pragma once

#include "providers/import/FormatReader.h"

#include <map>

namespace costscope::import {

// The Databricks account billable-usage CSV (account console > Usage > Download, or
// GET /api/2.0/accounts/{account_id}/usage/download): one row per cluster and hour with
// workspaceId, timestamp, clusterId, clusterName, clusterNodeType, clusterOwnerUserId,
// clusterCustomTags, sku, dbus, machineHours, clusterOwnerUserName, tags. It has DBUs but no
// prices: each row is priced with the bundled DBU price table by SKU (an unknown SKU is an error
// naming the line). Provider "Databricks", sub-account = workspace, resource = cluster, USD.
class DatabricksUsageFormat : public FormatReader
{
public:
    QString formatName() const override { return QStringLiteral("Databricks billable usage"); }
    bool bind(const QStringList &header, QStringList *warnings, QString *error) override;
    bool map(const CsvReader &csv, std::vector<MappedRow> *out, MapError *error) override;

    static bool detect(const QStringList &header);
    // The DBUs and their cost per workspace and day, one batch per month of the file (service
    // "Databricks", account "Databricks", entity kind "workspace", usage type "dbu").
    std::vector<SaasBatch> takeSaasBatches(const QString &source) override;

private:
    Columns m_cols;
    int m_workspace = -1, m_time = -1, m_clusterId = -1, m_clusterName = -1, m_nodeType = -1, m_ownerId = -1;
    int m_customTags = -1, m_sku = -1, m_dbus = -1, m_machineHours = -1, m_ownerName = -1, m_tags = -1;
    struct Usage
    {
        Money dbus, cost;
    };
    // month -> (workspace, day) -> usage
    std::map<QDate, std::map<std::pair<QString, QDate>, Usage>> m_usage;
};

} // namespace costscope::import
