#pragma once

#include "providers/import/FormatReader.h"

namespace costscope::import {

// Oracle Cloud Infrastructure cost reports (lineItem/, product/, usage/, cost/, tags/ columns).
// The report has no billing period column: the period is the calendar month of the usage.
class OciFormat : public FormatReader
{
public:
    QString formatName() const override { return QStringLiteral("OCI cost report"); }
    bool bind(const QStringList &header, QStringList *warnings, QString *error) override;
    bool map(const CsvReader &csv, std::vector<MappedRow> *out, MapError *error) override;

private:
    Columns m_cols;
    int m_cost = -1, m_tenant = -1, m_start = -1, m_end = -1, m_service = -1, m_compartment = -1;
    int m_compartmentName = -1, m_region = -1, m_resource = -1, m_quantity = -1, m_sku = -1, m_description = -1;
    int m_currency = -1, m_unit = -1, m_correction = -1, m_overage = -1;
    std::vector<std::pair<int, QString>> m_tagColumns;
};

} // namespace costscope::import
