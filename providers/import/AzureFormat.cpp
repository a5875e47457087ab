#include "providers/import/AzureFormat.h"

#include "providers/import/ImportValues.h"

namespace costscope::import {

namespace {

QString lowerFirst(const QString &s)
{
    if (s.isEmpty())
        return s;
    QString out = s;
    out[0] = out[0].toLower();
    return out;
}

ChargeCategory categoryOf(QByteArrayView chargeType)
{
    if (chargeType.isEmpty() || chargeType == "Usage" || chargeType == "UnusedReservation"
        || chargeType == "UnusedSavingsPlan")
        return ChargeCategory::Usage;
    if (chargeType == "Purchase")
        return ChargeCategory::Purchase;
    if (chargeType == "Tax")
        return ChargeCategory::Tax;
    if (chargeType == "Refund" || chargeType == "Credit")
        return ChargeCategory::Credit;
    return ChargeCategory::Adjustment; // RoundingAdjustment and anything new
}

} // namespace

bool AzureFormat::bind(const QStringList &header, QStringList *warnings, QString *error)
{
    Q_UNUSED(warnings)
    m_index.clear();
    for (int i = 0; i < header.size(); ++i)
        if (!m_index.contains(lowerFirst(header[i])))
            m_index.insert(lowerFirst(header[i]), i);
    const bool camel = m_index.contains(QStringLiteral("costInBillingCurrency"))
                       && header.contains(QStringLiteral("costInBillingCurrency"));
    if (col("costInBillingCurrency") >= 0)
        m_name = camel ? QStringLiteral("Azure MCA cost details") : QStringLiteral("Azure cost details (EA/v2)");
    else if (col("preTaxCost") >= 0)
        m_name = QStringLiteral("Azure usage details (legacy)");
    else
        m_name = QStringLiteral("Azure EA usage details");
    m_cost = col("costInBillingCurrency");
    if (m_cost < 0)
        m_cost = col("preTaxCost");
    if (m_cost < 0)
        m_cost = col("cost");
    m_date = col("date");
    if (m_date < 0)
        m_date = col("usageDateTime");
    m_currency = col("billingCurrencyCode");
    if (m_currency < 0)
        m_currency = col("billingCurrency");
    if (m_currency < 0)
        m_currency = col("currency");
    m_account = col("billingAccountId");
    if (m_account < 0)
        m_account = col("billingProfileId");
    m_accountName = col("billingAccountName");
    m_periodStart = col("billingPeriodStartDate");
    m_periodEnd = col("billingPeriodEndDate");
    m_subscription = col("subscriptionId");
    if (m_subscription < 0)
        m_subscription = col("subscriptionGuid");
    m_subscriptionName = col("subscriptionName");
    m_service = col("meterCategory");
    m_serviceFamily = col("serviceFamily");
    m_region = col("resourceLocation");
    m_resource = col("resourceId");
    if (m_resource < 0)
        m_resource = col("instanceId");
    m_resourceName = col("resourceName");
    m_resourceType = col("resourceType");
    m_sku = col("meterId");
    m_description = col("productName");
    if (m_description < 0)
        m_description = col("meterName");
    m_quantity = col("quantity");
    if (m_quantity < 0)
        m_quantity = col("usageQuantity");
    m_unit = col("unitOfMeasure");
    m_chargeType = col("chargeType");
    m_pricingModel = col("pricingModel");
    m_reservation = col("reservationId");
    if (m_reservation < 0)
        m_reservation = col("benefitId");
    m_tags = col("tags");
    m_resourceGroup = col("resourceGroup");
    if (m_resourceGroup < 0)
        m_resourceGroup = col("resourceGroupName");
    m_publisherType = col("publisherType");
    m_payg = col("paygCostInBillingCurrency");
    if (m_cost < 0 || m_date < 0) {
        *error = QStringLiteral("line 1: Azure export without a cost (CostInBillingCurrency, PreTaxCost) or a date column");
        return false;
    }
    return true;
}

bool AzureFormat::map(const CsvReader &csv, std::vector<MappedRow> *out, MapError *error)
{
    MappedRow m;
    CostRow &r = m.row;
    if (!m_cols.amount(csv, m_cost, &r.billedCost, error))
        return false;
    r.effectiveCost = r.billedCost;
    r.listCost = r.billedCost;
    if (!m_cols.optionalAmount(csv, m_payg, &r.listCost, error))
        return false;
    r.contractedCost = r.billedCost;
    if (!m_cols.timestamp(csv, m_date, &r.chargeStart, error))
        return false;
    r.chargeEnd = r.chargeStart + 86400;
    std::optional<int64_t> ps, pe;
    if (!m_cols.optionalTimestamp(csv, m_periodStart, &ps, error)
        || !m_cols.optionalTimestamp(csv, m_periodEnd, &pe, error))
        return false;
    if (ps) {
        m.periodStart = dateOfSeconds(*ps);
        // Azure writes the period's last day (inclusive).
        m.periodEnd = pe ? dateOfSeconds(*pe).addDays(1) : m.periodStart.addMonths(1);
        if (m.periodEnd <= m.periodStart)
            m.periodEnd = m.periodStart.addMonths(1);
    } else {
        const QDate d = dateOfSeconds(r.chargeStart);
        m.periodStart = QDate(d.year(), d.month(), 1);
        m.periodEnd = m.periodStart.addMonths(1);
    }
    m.provider = QStringLiteral("Azure");
    m.accountId = Columns::text(csv, m_account);
    m.accountName = Columns::text(csv, m_accountName);
    r.subAccountId = Columns::text(csv, m_subscription);
    r.subAccountName = Columns::text(csv, m_subscriptionName);
    if (m.accountId.isEmpty())
        m.accountId = r.subAccountId;
    m.currency = Columns::text(csv, m_currency);
    if (m.currency.isEmpty())
        m.currency = QStringLiteral("USD");
    r.serviceName = Columns::text(csv, m_service);
    r.serviceCategory = Columns::text(csv, m_serviceFamily);
    r.region = Columns::text(csv, m_region);
    r.resourceId = Columns::text(csv, m_resource);
    r.resourceName = Columns::text(csv, m_resourceName);
    r.resourceType = Columns::text(csv, m_resourceType);
    r.skuId = Columns::text(csv, m_sku);
    r.chargeDescription = Columns::text(csv, m_description);
    if (!m_cols.quantity(csv, m_quantity, &r.consumedQuantity, error))
        return false;
    r.pricingQuantity = r.consumedQuantity;
    r.consumedUnit = Columns::text(csv, m_unit);
    r.pricingUnit = r.consumedUnit;
    const QByteArrayView chargeType = Columns::cell(csv, m_chargeType).trimmed();
    r.chargeCategory = categoryOf(chargeType);
    const QByteArrayView model = Columns::cell(csv, m_pricingModel).trimmed();
    if (model == "OnDemand")
        r.pricingCategory = QStringLiteral("Standard");
    else if (model == "Reservation" || model == "SavingsPlan")
        r.pricingCategory = QStringLiteral("Committed");
    else if (model == "Spot")
        r.pricingCategory = QStringLiteral("Dynamic");
    r.commitmentDiscountId = Columns::text(csv, m_reservation);
    if (m_tags >= 0 && !parseTags(Columns::cell(csv, m_tags), &r.tags)) {
        error->column = m_tags + 1;
        error->message = QStringLiteral("expected Tags as JSON (\"key\": \"value\" pairs)");
        return false;
    }
    if (!chargeType.isEmpty())
        r.extra.append({QStringLiteral("charge_type"), QString::fromUtf8(chargeType)});
    const QString rg = Columns::text(csv, m_resourceGroup);
    if (!rg.isEmpty())
        r.extra.append({QStringLiteral("resource_group"), rg});
    const QString publisher = Columns::text(csv, m_publisherType);
    if (!publisher.isEmpty())
        r.extra.append({QStringLiteral("publisher_type"), publisher});
    out->push_back(std::move(m));
    return true;
}

} // namespace costscope::import
