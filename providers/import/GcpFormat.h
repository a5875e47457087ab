#pragma once

#include "providers/import/FormatReader.h"

namespace costscope::import {

struct GcpCredit
{
    QString name;
    QString type;
    QString id;
    Money amount;
};

// Reads the credits cell of a flattened GCP export: a JSON list of objects with name,
// amount, type, id (double or single quotes). Amounts keep their exact decimal text.
bool parseGcpCredits(QByteArrayView text, std::vector<GcpCredit> *out);

// GCP billing export to BigQuery, standard and detailed, flattened to CSV
// ("service.description" or "service_description"). Each credit becomes its own Credit row.
class GcpFormat : public FormatReader
{
public:
    QString formatName() const override { return m_name; }
    bool bind(const QStringList &header, QStringList *warnings, QString *error) override;
    bool map(const CsvReader &csv, std::vector<MappedRow> *out, MapError *error) override;

private:
    QString m_name;
    Columns m_cols;
    int m_cost = -1, m_listCost = -1, m_account = -1, m_currency = -1, m_start = -1, m_end = -1, m_invoiceMonth = -1;
    int m_service = -1, m_sku = -1, m_skuDescription = -1, m_project = -1, m_projectName = -1, m_region = -1;
    int m_resource = -1, m_resourceGlobal = -1, m_amount = -1, m_unit = -1, m_pricingAmount = -1, m_pricingUnit = -1;
    int m_credits = -1, m_labels = -1, m_costType = -1;
    std::vector<GcpCredit> m_creditBuf;
};

} // namespace costscope::import
