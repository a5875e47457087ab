#include "providers/import/OciFormat.h"

#include "providers/import/ImportValues.h"

namespace costscope::import {

bool OciFormat::bind(const QStringList &header, QStringList *warnings, QString *error)
{
    Q_UNUSED(warnings)
    m_cols.setHeader(header);
    auto col = [&](const char *n) { return m_cols.index(QString::fromLatin1(n)); };
    m_cost = col("cost/myCost");
    m_tenant = col("lineItem/tenantId");
    m_start = col("lineItem/intervalUsageStart");
    m_end = col("lineItem/intervalUsageEnd");
    m_service = col("product/service");
    m_compartment = col("product/compartmentId");
    m_compartmentName = col("product/compartmentName");
    m_region = col("product/region");
    m_resource = col("product/resourceId");
    m_quantity = col("usage/billedQuantity");
    m_sku = col("cost/productSku");
    m_description = col("product/Description");
    m_currency = col("cost/currencyCode");
    m_unit = col("cost/skuUnitDescription");
    m_correction = col("lineItem/isCorrection");
    m_overage = col("cost/overageFlag");
    m_tagColumns.clear();
    for (int i = 0; i < header.size(); ++i)
        if (header[i].startsWith(QStringLiteral("tags/")))
            m_tagColumns.emplace_back(i, header[i].mid(5));
    if (m_cost < 0 || m_start < 0) {
        *error = QStringLiteral("line 1: OCI cost report without cost/myCost or lineItem/intervalUsageStart");
        return false;
    }
    return true;
}

bool OciFormat::map(const CsvReader &csv, std::vector<MappedRow> *out, MapError *error)
{
    MappedRow m;
    CostRow &r = m.row;
    if (!m_cols.amount(csv, m_cost, &r.billedCost, error))
        return false;
    r.effectiveCost = r.billedCost;
    r.listCost = r.billedCost;
    r.contractedCost = r.billedCost;
    if (!m_cols.timestamp(csv, m_start, &r.chargeStart, error))
        return false;
    std::optional<int64_t> ce;
    if (!m_cols.optionalTimestamp(csv, m_end, &ce, error))
        return false;
    r.chargeEnd = ce ? *ce : r.chargeStart;
    const QDate d = dateOfSeconds(r.chargeStart);
    m.periodStart = QDate(d.year(), d.month(), 1);
    m.periodEnd = m.periodStart.addMonths(1);
    m.provider = QStringLiteral("OCI");
    m.accountId = Columns::text(csv, m_tenant);
    m.currency = Columns::text(csv, m_currency);
    if (m.currency.isEmpty())
        m.currency = QStringLiteral("USD");
    r.subAccountId = Columns::text(csv, m_compartment);
    r.subAccountName = Columns::text(csv, m_compartmentName);
    r.serviceName = Columns::text(csv, m_service);
    r.region = Columns::text(csv, m_region);
    r.resourceId = Columns::text(csv, m_resource);
    r.skuId = Columns::text(csv, m_sku);
    r.chargeDescription = Columns::text(csv, m_description);
    if (!m_cols.quantity(csv, m_quantity, &r.consumedQuantity, error))
        return false;
    r.pricingQuantity = r.consumedQuantity;
    r.consumedUnit = Columns::text(csv, m_unit);
    r.pricingUnit = r.consumedUnit;
    if (Columns::cell(csv, m_correction).trimmed() == "true")
        r.chargeCategory = ChargeCategory::Adjustment;
    if (Columns::cell(csv, m_overage).trimmed() == "true")
        r.extra.append({QStringLiteral("overage"), QStringLiteral("true")});
    for (const auto &[i, key] : m_tagColumns) {
        const QByteArrayView v = Columns::cell(csv, i);
        if (!isNullCell(v))
            r.tags.append({key, QString::fromUtf8(v)});
    }
    out->push_back(std::move(m));
    return true;
}

} // namespace costscope::import
