#include "providers/import/GcpFormat.h"

#include "providers/import/ImportValues.h"

namespace costscope::import {

namespace {

bool isQuote(char c) { return c == '"' || c == '\''; }

// Reads a quoted string starting at t[i] (a quote); returns the index after it.
qsizetype readString(QByteArrayView t, qsizetype i, QByteArray *out)
{
    const char q = t[i++];
    out->clear();
    while (i < t.size() && t[i] != q) {
        if (t[i] == '\\' && i + 1 < t.size())
            ++i;
        out->append(t[i++]);
    }
    return i < t.size() ? i + 1 : -1;
}

} // namespace

bool parseGcpCredits(QByteArrayView text, std::vector<GcpCredit> *out)
{
    out->clear();
    const QByteArrayView t = text.trimmed();
    if (isNullCell(t) || t == "[]")
        return true;
    if (!t.startsWith('['))
        return false;
    qsizetype i = 1;
    QByteArray key, value;
    while (i < t.size()) {
        while (i < t.size() && (t[i] == ' ' || t[i] == ',' || t[i] == '\n'))
            ++i;
        if (i < t.size() && t[i] == ']')
            return true;
        if (i >= t.size() || t[i] != '{')
            return false;
        ++i;
        GcpCredit credit;
        bool haveAmount = false;
        for (;;) {
            while (i < t.size() && (t[i] == ' ' || t[i] == ',' || t[i] == '\n'))
                ++i;
            if (i >= t.size())
                return false;
            if (t[i] == '}') {
                ++i;
                break;
            }
            if (!isQuote(t[i]) || (i = readString(t, i, &key)) < 0)
                return false;
            while (i < t.size() && t[i] == ' ')
                ++i;
            if (i >= t.size() || t[i] != ':')
                return false;
            ++i;
            while (i < t.size() && t[i] == ' ')
                ++i;
            if (i >= t.size())
                return false;
            if (isQuote(t[i])) {
                if ((i = readString(t, i, &value)) < 0)
                    return false;
            } else {
                const qsizetype s = i;
                while (i < t.size() && t[i] != ',' && t[i] != '}' && t[i] != ' ')
                    ++i;
                value = t.sliced(s, i - s).toByteArray();
            }
            if (key == "amount") {
                const auto m = Money::parse(QByteArrayView(value));
                if (!m)
                    return false;
                credit.amount = *m;
                haveAmount = true;
            } else if (key == "name") {
                credit.name = QString::fromUtf8(value);
            } else if (key == "type") {
                credit.type = QString::fromUtf8(value);
            } else if (key == "id") {
                credit.id = QString::fromUtf8(value);
            }
        }
        if (!haveAmount)
            return false;
        out->push_back(credit);
    }
    return false; // no closing ']'
}

bool GcpFormat::bind(const QStringList &header, QStringList *warnings, QString *error)
{
    Q_UNUSED(warnings)
    QStringList flat;
    for (const QString &h : header)
        flat << QString(h).replace(u'.', u'_');
    m_cols.setHeader(flat);
    auto col = [&](const char *n) { return m_cols.index(QString::fromLatin1(n)); };
    m_cost = col("cost");
    m_listCost = col("cost_at_list");
    m_account = col("billing_account_id");
    m_currency = col("currency");
    m_start = col("usage_start_time");
    m_end = col("usage_end_time");
    m_invoiceMonth = col("invoice_month");
    m_service = col("service_description");
    m_sku = col("sku_id");
    m_skuDescription = col("sku_description");
    m_project = col("project_id");
    m_projectName = col("project_name");
    m_region = m_cols.first({"location_region", "location_location"});
    m_resource = col("resource_name");
    m_resourceGlobal = col("resource_global_name");
    m_amount = col("usage_amount");
    m_unit = col("usage_unit");
    m_pricingAmount = col("usage_amount_in_pricing_units");
    m_pricingUnit = col("usage_pricing_unit");
    m_credits = col("credits");
    m_labels = col("labels");
    m_costType = col("cost_type");
    m_name = m_resource >= 0 || m_resourceGlobal >= 0 ? QStringLiteral("GCP billing export (detailed)")
                                                      : QStringLiteral("GCP billing export (standard)");
    if (m_cost < 0 || m_start < 0) {
        *error = QStringLiteral("line 1: GCP export without the cost or usage_start_time column");
        return false;
    }
    return true;
}

bool GcpFormat::map(const CsvReader &csv, std::vector<MappedRow> *out, MapError *error)
{
    MappedRow m;
    CostRow &r = m.row;
    if (!m_cols.amount(csv, m_cost, &r.billedCost, error))
        return false;
    r.effectiveCost = r.billedCost;
    r.listCost = r.billedCost;
    if (!m_cols.optionalAmount(csv, m_listCost, &r.listCost, error))
        return false;
    r.contractedCost = r.billedCost;
    if (!m_cols.timestamp(csv, m_start, &r.chargeStart, error))
        return false;
    std::optional<int64_t> ce;
    if (!m_cols.optionalTimestamp(csv, m_end, &ce, error))
        return false;
    r.chargeEnd = ce ? *ce : r.chargeStart;
    const QByteArrayView month = Columns::cell(csv, m_invoiceMonth).trimmed();
    if (!isNullCell(month)) {
        int y = 0, mo = 0;
        bool ok = month.size() == 6;
        if (ok) {
            y = month.first(4).toByteArray().toInt(&ok);
            if (ok)
                mo = month.sliced(4).toByteArray().toInt(&ok);
        }
        if (!ok || mo < 1 || mo > 12 || y < 1970) {
            error->column = m_invoiceMonth + 1;
            error->message = QStringLiteral("expected invoice.month as YYYYMM, found '%1'").arg(QString::fromUtf8(month.first(std::min<qsizetype>(month.size(), 20))));
            return false;
        }
        m.periodStart = QDate(y, mo, 1);
    } else {
        const QDate d = dateOfSeconds(r.chargeStart);
        m.periodStart = QDate(d.year(), d.month(), 1);
    }
    m.periodEnd = m.periodStart.addMonths(1);
    m.provider = QStringLiteral("GCP");
    m.accountId = Columns::text(csv, m_account);
    m.currency = Columns::text(csv, m_currency);
    if (m.currency.isEmpty())
        m.currency = QStringLiteral("USD");
    r.subAccountId = Columns::text(csv, m_project);
    r.subAccountName = Columns::text(csv, m_projectName);
    r.serviceName = Columns::text(csv, m_service);
    r.region = Columns::text(csv, m_region);
    r.resourceId = Columns::text(csv, m_resourceGlobal);
    r.resourceName = Columns::text(csv, m_resource);
    if (r.resourceId.isEmpty())
        r.resourceId = r.resourceName;
    r.skuId = Columns::text(csv, m_sku);
    r.chargeDescription = Columns::text(csv, m_skuDescription);
    if (!m_cols.quantity(csv, m_amount, &r.consumedQuantity, error)
        || !m_cols.quantity(csv, m_pricingAmount, &r.pricingQuantity, error))
        return false;
    r.consumedUnit = Columns::text(csv, m_unit);
    r.pricingUnit = Columns::text(csv, m_pricingUnit);
    const QByteArrayView costType = Columns::cell(csv, m_costType).trimmed();
    if (costType == "tax")
        r.chargeCategory = ChargeCategory::Tax;
    else if (costType == "adjustment" || costType == "rounding_error")
        r.chargeCategory = ChargeCategory::Adjustment;
    if (m_labels >= 0 && !parseTags(Columns::cell(csv, m_labels), &r.tags)) {
        error->column = m_labels + 1;
        error->message = QStringLiteral("expected labels as a JSON list of {\"key\", \"value\"}");
        return false;
    }
    if (m_credits >= 0 && !parseGcpCredits(Columns::cell(csv, m_credits), &m_creditBuf)) {
        error->column = m_credits + 1;
        error->message = QStringLiteral("expected credits as a JSON list of {\"name\", \"amount\", ...}");
        return false;
    }
    const MappedRow base = m;
    out->push_back(std::move(m));
    if (m_credits >= 0) {
        for (const GcpCredit &c : m_creditBuf) {
            MappedRow credit = base;
            credit.row.chargeCategory = ChargeCategory::Credit;
            credit.row.billedCost = c.amount;
            credit.row.effectiveCost = c.amount;
            credit.row.listCost = Money();
            credit.row.contractedCost = c.amount;
            credit.row.consumedQuantity = 0;
            credit.row.pricingQuantity = 0;
            credit.row.chargeDescription = c.name;
            credit.row.pricingCategory.clear();
            if (!c.type.isEmpty())
                credit.row.extra.append({QStringLiteral("credit_type"), c.type});
            if (!c.id.isEmpty())
                credit.row.extra.append({QStringLiteral("credit_id"), c.id});
            out->push_back(std::move(credit));
        }
    }
    return true;
}

} // namespace costscope::import
