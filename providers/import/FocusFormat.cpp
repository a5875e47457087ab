#include "providers/import/FocusFormat.h"

#include "providers/import/ImportValues.h"

#include <QSet>

namespace costscope::import {

namespace {

const char *const kFocus10[] = {
    "AvailabilityZone", "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency",
    "BillingPeriodEnd", "BillingPeriodStart", "ChargeCategory", "ChargeClass", "ChargeDescription",
    "ChargeFrequency", "ChargePeriodEnd", "ChargePeriodStart", "CommitmentDiscountCategory",
    "CommitmentDiscountId", "CommitmentDiscountName", "CommitmentDiscountStatus", "CommitmentDiscountType",
    "ConsumedQuantity", "ConsumedUnit", "ContractedCost", "ContractedUnitPrice", "EffectiveCost",
    "InvoiceIssuerName", "ListCost", "ListUnitPrice", "PricingCategory", "PricingQuantity", "PricingUnit",
    "ProviderName", "PublisherName", "RegionId", "RegionName", "ResourceId", "ResourceName", "ResourceType",
    "ServiceCategory", "ServiceName", "SkuId", "SkuPriceId", "SubAccountId", "SubAccountName", "Tags"};
const char *const kFocus11[] = {"CapacityReservationId", "CapacityReservationStatus", "CommitmentDiscountQuantity",
                                "CommitmentDiscountUnit", "ServiceSubcategory", "SkuMeter", "SkuPriceDetails"};
const char *const kFocus12[] = {"BillingAccountType", "SubAccountType", "InvoiceId", "PricingCurrency",
                                "PricingCurrencyContractedUnitPrice", "PricingCurrencyEffectiveCost",
                                "PricingCurrencyListUnitPrice"};
// Spec columns without a CostRow field, kept as attributes: few distinct values each.
const char *const kKept[] = {"ChargeClass", "ChargeFrequency", "CommitmentDiscountCategory", "CommitmentDiscountType",
                             "CommitmentDiscountStatus", "AvailabilityZone", "InvoiceIssuerName", "PublisherName",
                             "ServiceSubcategory", "CapacityReservationId", "InvoiceId", "BillingAccountType",
                             "SubAccountType", "PricingCurrency"};

} // namespace

bool FocusFormat::bind(const QStringList &header, QStringList *warnings, QString *error)
{
    m_cols.setHeader(header);
    QSet<QString> known;
    bool v11 = false, v12 = false;
    for (const char *n : kFocus10)
        known.insert(QString::fromLatin1(n));
    for (const char *n : kFocus11) {
        known.insert(QString::fromLatin1(n));
        v11 = v11 || m_cols.has(QString::fromLatin1(n));
    }
    for (const char *n : kFocus12) {
        known.insert(QString::fromLatin1(n));
        v12 = v12 || m_cols.has(QString::fromLatin1(n));
    }
    m_name = v12 ? QStringLiteral("FOCUS 1.2") : v11 ? QStringLiteral("FOCUS 1.1") : QStringLiteral("FOCUS 1.0");

    auto col = [&](const char *n) { return m_cols.index(QString::fromLatin1(n)); };
    m_billed = col("BilledCost");
    m_effective = col("EffectiveCost");
    m_list = col("ListCost");
    m_contracted = col("ContractedCost");
    m_chargeStart = col("ChargePeriodStart");
    m_chargeEnd = col("ChargePeriodEnd");
    m_periodStart = col("BillingPeriodStart");
    m_periodEnd = col("BillingPeriodEnd");
    m_account = col("BillingAccountId");
    m_accountName = col("BillingAccountName");
    m_currency = col("BillingCurrency");
    m_provider = col("ProviderName");
    m_issuer = col("InvoiceIssuerName");
    m_publisher = col("PublisherName");
    m_subAccount = col("SubAccountId");
    m_subAccountName = col("SubAccountName");
    m_service = col("ServiceName");
    m_serviceCategory = col("ServiceCategory");
    m_region = m_cols.first({"RegionId", "RegionName"});
    m_resource = col("ResourceId");
    m_resourceName = col("ResourceName");
    m_resourceType = col("ResourceType");
    m_sku = col("SkuId");
    m_description = col("ChargeDescription");
    m_category = col("ChargeCategory");
    m_pricingCategory = col("PricingCategory");
    m_consumedQty = col("ConsumedQuantity");
    m_consumedUnit = col("ConsumedUnit");
    m_pricingQty = col("PricingQuantity");
    m_pricingUnit = col("PricingUnit");
    m_commitment = col("CommitmentDiscountId");
    m_tags = col("Tags");
    if (m_periodStart < 0) {
        *error = QStringLiteral("line 1: FOCUS file without the BillingPeriodStart column");
        return false;
    }
    m_extras.clear();
    for (const char *n : kKept) {
        const int i = col(n);
        if (i >= 0)
            m_extras.emplace_back(i, QString::fromLatin1(n));
    }
    QStringList unknown;
    for (int i = 0; i < header.size(); ++i) {
        const QString &h = header[i];
        if (h.startsWith(QStringLiteral("x_")) || h.startsWith(QStringLiteral("X_")))
            m_extras.emplace_back(i, h);
        else if (!known.contains(h))
            unknown << h;
    }
    if (!unknown.isEmpty())
        warnings->append(QStringLiteral("columns outside FOCUS ignored: %1").arg(unknown.join(QStringLiteral(", "))));
    return true;
}

bool FocusFormat::map(const CsvReader &csv, std::vector<MappedRow> *out, MapError *error)
{
    MappedRow m;
    CostRow &r = m.row;
    if (!m_cols.amount(csv, m_billed, &r.billedCost, error))
        return false;
    r.effectiveCost = r.billedCost;
    if (!m_cols.optionalAmount(csv, m_effective, &r.effectiveCost, error))
        return false;
    r.listCost = r.effectiveCost;
    if (!m_cols.optionalAmount(csv, m_list, &r.listCost, error))
        return false;
    r.contractedCost = r.effectiveCost;
    if (!m_cols.optionalAmount(csv, m_contracted, &r.contractedCost, error))
        return false;
    int64_t ps = 0;
    if (!m_cols.timestamp(csv, m_periodStart, &ps, error))
        return false;
    m.periodStart = dateOfSeconds(ps);
    std::optional<int64_t> pe;
    if (!m_cols.optionalTimestamp(csv, m_periodEnd, &pe, error))
        return false;
    m.periodEnd = pe ? dateOfSeconds(*pe) : m.periodStart.addMonths(1);
    if (m.periodEnd <= m.periodStart) {
        error->column = m_periodEnd + 1;
        error->message = QStringLiteral("expected BillingPeriodEnd after BillingPeriodStart");
        return false;
    }
    std::optional<int64_t> cs, ce;
    if (!m_cols.optionalTimestamp(csv, m_chargeStart, &cs, error)
        || !m_cols.optionalTimestamp(csv, m_chargeEnd, &ce, error))
        return false;
    r.chargeStart = cs ? *cs : ps;
    r.chargeEnd = ce ? *ce : r.chargeStart;

    m.provider = m_cols.shared(csv, m_provider);
    if (m.provider.isEmpty())
        m.provider = m_cols.shared(csv, m_issuer);
    if (m.provider.isEmpty())
        m.provider = m_cols.shared(csv, m_publisher);
    if (m.provider.isEmpty())
        m.provider = QStringLiteral("Unknown");
    m.provider = canonicalProvider(m.provider);
    m.accountId = m_cols.shared(csv, m_account);
    m.accountName = m_cols.shared(csv, m_accountName);
    m.currency = m_cols.shared(csv, m_currency);
    if (m.currency.isEmpty())
        m.currency = QStringLiteral("USD");

    const QByteArrayView cat = Columns::cell(csv, m_category);
    if (!isNullCell(cat) && !chargeCategoryFromName(m_cols.shared(cat.trimmed()), &r.chargeCategory)) {
        error->column = m_category + 1;
        error->message = QStringLiteral("expected a ChargeCategory (Usage, Purchase, Tax, Credit, Adjustment), found '%1'")
                             .arg(QString::fromUtf8(cat.first(std::min<qsizetype>(cat.size(), 40))));
        return false;
    }
    r.subAccountId = m_cols.shared(csv, m_subAccount);
    r.subAccountName = m_cols.shared(csv, m_subAccountName);
    r.serviceName = m_cols.shared(csv, m_service);
    r.serviceCategory = m_cols.shared(csv, m_serviceCategory);
    r.region = m_cols.shared(csv, m_region);
    r.resourceId = m_cols.shared(csv, m_resource);
    r.resourceName = m_cols.shared(csv, m_resourceName);
    r.resourceType = m_cols.shared(csv, m_resourceType);
    r.skuId = m_cols.shared(csv, m_sku);
    r.chargeDescription = m_cols.shared(csv, m_description);
    r.pricingCategory = m_cols.shared(csv, m_pricingCategory);
    if (!m_cols.quantity(csv, m_consumedQty, &r.consumedQuantity, error)
        || !m_cols.quantity(csv, m_pricingQty, &r.pricingQuantity, error))
        return false;
    r.consumedUnit = m_cols.shared(csv, m_consumedUnit);
    r.pricingUnit = m_cols.shared(csv, m_pricingUnit);
    r.commitmentDiscountId = m_cols.shared(csv, m_commitment);
    if (m_tags >= 0) {
        const QByteArrayView cell = Columns::cell(csv, m_tags);
        if (const Tags *parsed = m_parsedTags.find(cell)) {
            r.tags = *parsed;
        } else {
            if (!parseTags(cell, &r.tags)) {
                error->column = m_tags + 1;
                error->message = QStringLiteral("expected Tags as a JSON object");
                return false;
            }
            m_parsedTags.insert(cell, r.tags);
        }
    }
    for (const auto &[i, name] : m_extras) {
        const QByteArrayView v = Columns::cell(csv, i);
        if (!isNullCell(v))
            r.extra.append({name, m_cols.shared(v, i)});
    }
    out->push_back(std::move(m));
    return true;
}

} // namespace costscope::import
