#pragma once

#include "providers/import/FormatReader.h"

namespace costscope::import {

// Azure cost exports: EA "cost details", the v2 set (CostInBillingCurrency), the MCA
// camelCase set and the legacy UsageDateTime/PreTaxCost set. Column names are matched
// with their first letter lower-cased, so EA and MCA spellings share one mapping.
class AzureFormat : public FormatReader
{
public:
    QString formatName() const override { return m_name; }
    bool bind(const QStringList &header, QStringList *warnings, QString *error) override;
    bool map(const CsvReader &csv, std::vector<MappedRow> *out, MapError *error) override;

private:
    QString m_name;
    QHash<QString, int> m_index;
    int col(const char *name) const { return m_index.value(QString::fromLatin1(name), -1); }
    Columns m_cols; // for cell conversions
    int m_cost = -1, m_date = -1, m_currency = -1, m_account = -1, m_accountName = -1;
    int m_periodStart = -1, m_periodEnd = -1, m_subscription = -1, m_subscriptionName = -1;
    int m_service = -1, m_serviceFamily = -1, m_region = -1, m_resource = -1, m_resourceName = -1, m_resourceType = -1;
    int m_sku = -1, m_description = -1, m_quantity = -1, m_unit = -1, m_chargeType = -1, m_pricingModel = -1;
    int m_reservation = -1, m_tags = -1, m_resourceGroup = -1, m_publisherType = -1, m_payg = -1;
};

} // namespace costscope::import
