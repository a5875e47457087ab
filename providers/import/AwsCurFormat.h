#pragma once

#include "model/AwsSaasUsage.h"
#include "providers/import/FormatReader.h"

namespace costscope::import {

// AWS Cost and Usage Reports: the legacy "category/Name" CSV, its snake_case variant
// written for Athena, and CUR 2.0 Data Exports (snake_case with map columns for tags and
// product). Columns are matched by their snake_case name, so one mapping serves all three.
class AwsCurFormat : public FormatReader
{
public:
    QString formatName() const override { return m_name; }
    bool bind(const QStringList &header, QStringList *warnings, QString *error) override;
    bool map(const CsvReader &csv, std::vector<MappedRow> *out, MapError *error) override;
    std::vector<SaasBatch> takeSaasBatches(const QString &source) override { return m_saas.take(source); }
    bool saasPartReady(size_t maxCells) const override { return m_saas.cellCount() >= maxCells; }

private:
    QString m_name;
    Columns m_cols;
    int m_unblended = -1, m_net = -1, m_public = -1, m_riEffective = -1, m_spEffective = -1;
    int m_riUnusedUpfront = -1, m_riUnusedRecurring = -1, m_spTotalCommitment = -1, m_spUsedCommitment = -1;
    int m_periodStart = -1, m_periodEnd = -1, m_payer = -1, m_payerName = -1, m_currency = -1;
    int m_usageAccount = -1, m_usageAccountName = -1, m_type = -1, m_start = -1, m_end = -1;
    int m_productName = -1, m_serviceCode = -1, m_productCode = -1, m_region = -1, m_zone = -1;
    int m_resource = -1, m_sku = -1, m_description = -1, m_usageAmount = -1, m_unit = -1, m_term = -1;
    int m_usageType = -1, m_operation = -1, m_riArn = -1, m_spArn = -1, m_productFamily = -1;
    int m_tagsMap = -1, m_productMap = -1;
    std::vector<std::pair<int, QString>> m_tagColumns;
    PairListCache m_extraLists, m_tagLists; // one shared list per repeated attribute / tag list
    AwsSaasCollector m_saas; // S3 and Redshift usage per bucket / cluster / day
};

} // namespace costscope::import
