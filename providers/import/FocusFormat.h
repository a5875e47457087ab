#pragma once

#include "providers/import/FormatReader.h"

namespace costscope::import {

// FOCUS 1.0, 1.1 and 1.2 (the version is told by the columns each one added).
// Mapping: see docs/import.md.
class FocusFormat : public FormatReader
{
public:
    QString formatName() const override { return m_name; }
    bool bind(const QStringList &header, QStringList *warnings, QString *error) override;
    bool map(const CsvReader &csv, std::vector<MappedRow> *out, MapError *error) override;

private:
    QString m_name = QStringLiteral("FOCUS 1.0");
    Columns m_cols;
    int m_billed = -1, m_effective = -1, m_list = -1, m_contracted = -1;
    int m_chargeStart = -1, m_chargeEnd = -1, m_periodStart = -1, m_periodEnd = -1;
    int m_account = -1, m_accountName = -1, m_currency = -1, m_provider = -1, m_issuer = -1, m_publisher = -1;
    int m_subAccount = -1, m_subAccountName = -1, m_service = -1, m_serviceCategory = -1, m_region = -1;
    int m_resource = -1, m_resourceName = -1, m_resourceType = -1, m_sku = -1, m_description = -1;
    int m_category = -1, m_pricingCategory = -1, m_consumedQty = -1, m_consumedUnit = -1;
    int m_pricingQty = -1, m_pricingUnit = -1, m_commitment = -1, m_tags = -1;
    std::vector<std::pair<int, QString>> m_extras; // x_ columns and FOCUS columns kept as attributes
    // Tags cells parsed before (bounded like TextCache): a repeated cell is parsed once.
    CellMap<Tags> m_parsedTags;
};

} // namespace costscope::import
