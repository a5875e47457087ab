#include "providers/import/AwsCurFormat.h"

#include "providers/import/ImportValues.h"

#include <cstring>

namespace costscope::import {

namespace {

// v == literal, the length compared first (no strlen, no call for a different length).
template <size_t N>
bool is(QByteArrayView v, const char (&literal)[N])
{
    return v.size() == static_cast<qsizetype>(N - 1) && std::memcmp(v.data(), literal, N - 1) == 0;
}

// lineItem/LineItemType -> FOCUS ChargeCategory, as the FOCUS converters map it.
ChargeCategory chargeCategoryOf(QByteArrayView type)
{
    if (is(type, "Usage") || is(type, "DiscountedUsage") || is(type, "SavingsPlanCoveredUsage")
        || is(type, "SavingsPlanNegation"))
        return ChargeCategory::Usage;
    if (is(type, "Tax"))
        return ChargeCategory::Tax;
    if (is(type, "Fee") || is(type, "RIFee") || is(type, "SavingsPlanRecurringFee") || is(type, "SavingsPlanUpfrontFee"))
        return ChargeCategory::Purchase;
    if (is(type, "Credit") || is(type, "Refund") || is(type, "BundledDiscount") || is(type, "Discount")
        || is(type, "EdpDiscount") || is(type, "PrivateRateDiscount") || is(type, "DistributorDiscount"))
        return ChargeCategory::Credit;
    if (type.isEmpty())
        return ChargeCategory::Usage;
    return ChargeCategory::Adjustment;
}

QString tagKey(QString key)
{
    if (key.startsWith(QStringLiteral("user:")))
        key.remove(0, 5);
    else if (key.startsWith(QStringLiteral("user_")))
        key.remove(0, 5);
    return key;
}

} // namespace

bool AwsCurFormat::bind(const QStringList &header, QStringList *warnings, QString *error)
{
    Q_UNUSED(warnings)
    m_cols.setHeader(header, true);
    const bool legacy = !header.isEmpty() && header.join(QString()).contains(u'/');
    auto col = [&](const char *n) { return m_cols.index(QString::fromLatin1(n)); };
    m_tagsMap = col("resource_tags");
    m_productMap = col("product");
    m_name = legacy ? QStringLiteral("AWS CUR (legacy)")
             : (m_tagsMap >= 0 || m_productMap >= 0) ? QStringLiteral("AWS CUR 2.0")
                                                     : QStringLiteral("AWS CUR (snake_case)");
    m_unblended = col("line_item_unblended_cost");
    m_net = col("line_item_net_unblended_cost");
    m_public = col("pricing_public_on_demand_cost");
    m_riEffective = col("reservation_effective_cost");
    m_spEffective = col("savings_plan_savings_plan_effective_cost");
    m_riUnusedUpfront = col("reservation_unused_amortized_upfront_fee_for_billing_period");
    m_riUnusedRecurring = col("reservation_unused_recurring_fee");
    m_spTotalCommitment = col("savings_plan_total_commitment_to_date");
    m_spUsedCommitment = col("savings_plan_used_commitment");
    m_periodStart = col("bill_billing_period_start_date");
    m_periodEnd = col("bill_billing_period_end_date");
    m_payer = col("bill_payer_account_id");
    m_payerName = col("bill_payer_account_name");
    m_currency = col("line_item_currency_code");
    m_usageAccount = col("line_item_usage_account_id");
    m_usageAccountName = col("line_item_usage_account_name");
    m_type = col("line_item_line_item_type");
    m_start = col("line_item_usage_start_date");
    m_end = col("line_item_usage_end_date");
    m_productName = col("product_product_name");
    m_serviceCode = col("product_servicecode");
    m_productCode = col("line_item_product_code");
    m_region = m_cols.first({"product_region_code", "product_region"});
    m_zone = col("line_item_availability_zone");
    m_resource = col("line_item_resource_id");
    m_sku = col("product_sku");
    m_description = col("line_item_line_item_description");
    m_usageAmount = col("line_item_usage_amount");
    m_unit = col("pricing_unit");
    m_term = col("pricing_term");
    m_usageType = col("line_item_usage_type");
    m_operation = col("line_item_operation");
    m_riArn = col("reservation_reservation_arn");
    m_spArn = col("savings_plan_savings_plan_arn");
    m_productFamily = col("product_product_family");
    m_tagColumns.clear();
    for (int i = 0; i < header.size(); ++i) {
        const QString &h = header[i];
        if (h.startsWith(QStringLiteral("resourceTags/")))
            m_tagColumns.emplace_back(i, tagKey(h.mid(13)));
        else if (h.startsWith(QStringLiteral("resource_tags_")))
            m_tagColumns.emplace_back(i, tagKey(h.mid(14)));
    }
    QStringList missing;
    if (m_periodStart < 0)
        missing << QStringLiteral("bill/BillingPeriodStartDate");
    if (m_start < 0)
        missing << QStringLiteral("lineItem/UsageStartDate");
    if (!missing.isEmpty()) {
        *error = QStringLiteral("line 1: AWS CUR file without the column(s) %1").arg(missing.join(QStringLiteral(", ")));
        return false;
    }
    return true;
}

bool AwsCurFormat::map(const CsvReader &csv, std::vector<MappedRow> *out, MapError *error)
{
    MappedRow m;
    CostRow &r = m.row;
    if (!m_cols.amount(csv, m_unblended, &r.billedCost, error))
        return false;
    const QByteArrayView type = Columns::cell(csv, m_type).trimmed();
    r.chargeCategory = chargeCategoryOf(type);

    // Amortized (effective) cost, the way the FOCUS converters compute it.
    Money effective = r.billedCost;
    auto read = [&](int column, Money *target) { return m_cols.optionalAmount(csv, column, target, error); };
    if (is(type, "SavingsPlanCoveredUsage")) {
        if (!read(m_spEffective, &effective))
            return false;
    } else if (is(type, "SavingsPlanRecurringFee")) {
        Money total, used;
        if (!read(m_spTotalCommitment, &total) || !read(m_spUsedCommitment, &used))
            return false;
        effective = total - used;
    } else if (is(type, "SavingsPlanNegation") || is(type, "SavingsPlanUpfrontFee")) {
        effective = Money();
    } else if (is(type, "DiscountedUsage")) {
        if (!read(m_riEffective, &effective))
            return false;
    } else if (is(type, "RIFee")) {
        Money upfront, recurring;
        if (!read(m_riUnusedUpfront, &upfront) || !read(m_riUnusedRecurring, &recurring))
            return false;
        effective = upfront + recurring;
    } else if (is(type, "Fee") && !isNullCell(Columns::cell(csv, m_riArn))) {
        effective = Money(); // the upfront fee is amortised over the reservation's usage
    }
    r.effectiveCost = effective;
    r.listCost = r.billedCost;
    if (!read(m_public, &r.listCost))
        return false;
    r.contractedCost = r.billedCost;
    if (m_net >= 0 && !isNullCell(Columns::cell(csv, m_net))) {
        Money net;
        if (!read(m_net, &net))
            return false;
        r.netCost = net;
    }

    int64_t ps = 0;
    if (!m_cols.timestamp(csv, m_periodStart, &ps, error))
        return false;
    m.periodStart = dateOfSeconds(ps);
    std::optional<int64_t> pe;
    if (!m_cols.optionalTimestamp(csv, m_periodEnd, &pe, error))
        return false;
    m.periodEnd = pe ? dateOfSeconds(*pe) : m.periodStart.addMonths(1);
    if (m.periodEnd <= m.periodStart)
        m.periodEnd = m.periodStart.addMonths(1);
    if (!m_cols.timestamp(csv, m_start, &r.chargeStart, error))
        return false;
    std::optional<int64_t> ce;
    if (!m_cols.optionalTimestamp(csv, m_end, &ce, error))
        return false;
    r.chargeEnd = ce ? *ce : r.chargeStart;

    m.provider = QStringLiteral("AWS");
    m.accountId = m_cols.shared(csv, m_payer);
    m.accountName = m_cols.shared(csv, m_payerName);
    m.currency = m_cols.shared(csv, m_currency);
    if (m.currency.isEmpty())
        m.currency = QStringLiteral("USD");
    r.subAccountId = m_cols.shared(csv, m_usageAccount);
    r.subAccountName = m_cols.shared(csv, m_usageAccountName);
    r.serviceName = m_cols.shared(csv, m_productName);
    Tags product;
    if (m_productMap >= 0 && parseTags(Columns::cell(csv, m_productMap), &product)) {
        for (const auto &kv : product)
            if (r.serviceName.isEmpty() && (kv.first == u"product_name" || kv.first == u"servicename"))
                r.serviceName = kv.second;
    }
    if (r.serviceName.isEmpty())
        r.serviceName = m_cols.shared(csv, m_serviceCode);
    if (r.serviceName.isEmpty())
        r.serviceName = m_cols.shared(csv, m_productCode);
    r.serviceCategory = m_cols.shared(csv, m_productFamily);
    r.region = m_cols.shared(csv, m_region);
    if (r.region.isEmpty()) {
        r.region = m_cols.shared(csv, m_zone);
        if (!r.region.isEmpty() && r.region.back().isLetter())
            r.region.chop(1);
    }
    r.resourceId = m_cols.shared(csv, m_resource);
    r.skuId = m_cols.shared(csv, m_sku);
    r.chargeDescription = m_cols.shared(csv, m_description);
    if (!m_cols.quantity(csv, m_usageAmount, &r.consumedQuantity, error))
        return false;
    r.pricingQuantity = r.consumedQuantity;
    r.consumedUnit = m_cols.shared(csv, m_unit);
    r.pricingUnit = r.consumedUnit;
    const QString usageType = m_cols.shared(csv, m_usageType);
    const QByteArrayView term = Columns::cell(csv, m_term);
    if (is(type, "SavingsPlanCoveredUsage") || is(type, "DiscountedUsage") || is(term, "Reserved"))
        r.pricingCategory = QStringLiteral("Committed");
    else if (!usageType.isEmpty() && Columns::cell(csv, m_usageType).contains("SpotUsage"))
        r.pricingCategory = QStringLiteral("Dynamic");
    else if (is(term, "OnDemand"))
        r.pricingCategory = QStringLiteral("Standard");
    r.commitmentDiscountId = m_cols.shared(csv, m_spArn);
    if (r.commitmentDiscountId.isEmpty())
        r.commitmentDiscountId = m_cols.shared(csv, m_riArn);
    r.extra.reserve(3);
    if (!usageType.isEmpty())
        r.extra.append({QStringLiteral("usage_type"), usageType});
    const QString operation = m_cols.shared(csv, m_operation);
    if (!operation.isEmpty())
        r.extra.append({QStringLiteral("operation"), operation});
    if (!type.isEmpty())
        r.extra.append({QStringLiteral("line_item_type"),
                        isNullCell(type) ? QString::fromUtf8(type) : m_cols.shared(type)});
    r.extra = m_extraLists.get(std::move(r.extra));
    if (r.chargeCategory == ChargeCategory::Usage) {
        // S3 and Redshift usage for the saas tables, from the same pass over the file.
        const QByteArrayView code = Columns::cell(csv, m_productCode);
        const QString service = is(code, "AmazonS3")         ? QStringLiteral("S3")
                                : is(code, "AmazonRedshift") ? QStringLiteral("Redshift")
                                : m_productCode < 0        ? awsSaasService(r.serviceName)
                                                           : QString();
        AwsSaasItem item;
        if (!service.isEmpty()
            && classifyAwsSaas(service, usageType, operation, r.resourceId, r.pricingUnit, r.consumedQuantity,
                               r.subAccountId.isEmpty() ? m.accountId : r.subAccountId, &item)) {
            m_saas.add(item, r.subAccountId.isEmpty() ? m.accountId : r.subAccountId, m.periodStart, m.periodEnd,
                       m.currency, static_cast<int32_t>(r.chargeStart >= 0 ? r.chargeStart / 86400
                                                                           : (r.chargeStart - 86399) / 86400),
                       r.billedCost);
        }
    }
    for (const auto &[i, key] : m_tagColumns) {
        const QByteArrayView v = Columns::cell(csv, i);
        if (!isNullCell(v))
            r.tags.append({key, m_cols.shared(v, i)});
    }
    if (m_tagsMap >= 0) {
        Tags mapTags;
        if (!parseTags(Columns::cell(csv, m_tagsMap), &mapTags)) {
            error->column = m_tagsMap + 1;
            error->message = QStringLiteral("expected resource_tags as a JSON map");
            return false;
        }
        for (const auto &kv : mapTags)
            r.tags.append({tagKey(kv.first), kv.second});
    }
    r.tags = m_tagLists.get(std::move(r.tags));
    out->push_back(std::move(m));
    return true;
}

} // namespace costscope::import
