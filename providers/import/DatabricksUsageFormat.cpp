#include "providers/import/DatabricksUsageFormat.h"

#include "providers/SaasPricing.h"
#include "providers/import/ImportValues.h"
#include "providers/pricing/DatabricksDbuPrices.h"

namespace costscope::import {

bool DatabricksUsageFormat::detect(const QStringList &header)
{
    return header.contains(QStringLiteral("workspaceId")) && header.contains(QStringLiteral("sku"))
        && header.contains(QStringLiteral("dbus"));
}

bool DatabricksUsageFormat::bind(const QStringList &header, QStringList *warnings, QString *error)
{
    Q_UNUSED(warnings)
    m_cols.setHeader(header);
    auto col = [&](const char *n) { return m_cols.index(QString::fromLatin1(n)); };
    m_workspace = col("workspaceId");
    m_time = col("timestamp");
    m_clusterId = col("clusterId");
    m_clusterName = col("clusterName");
    m_nodeType = col("clusterNodeType");
    m_ownerId = col("clusterOwnerUserId");
    m_customTags = col("clusterCustomTags");
    m_sku = col("sku");
    m_dbus = col("dbus");
    m_machineHours = col("machineHours");
    m_ownerName = col("clusterOwnerUserName");
    m_tags = col("tags");
    if (m_workspace < 0 || m_time < 0 || m_sku < 0 || m_dbus < 0) {
        *error = QStringLiteral("line 1: Databricks billable usage without workspaceId, timestamp, sku or dbus");
        return false;
    }
    return true;
}

bool DatabricksUsageFormat::map(const CsvReader &csv, std::vector<MappedRow> *out, MapError *error)
{
    MappedRow m;
    CostRow &r = m.row;
    Money dbus;
    if (!m_cols.amount(csv, m_dbus, &dbus, error))
        return false;
    const QString sku = Columns::text(csv, m_sku).trimmed();
    if (sku.isEmpty()) {
        error->column = m_sku + 1;
        error->message = QStringLiteral("expected a SKU, found an empty cell");
        return false;
    }
    const std::optional<Money> price = providers::pricing::bundledDbuPrice(sku);
    if (!price) {
        error->column = m_sku + 1;
        error->message = QStringLiteral("SKU '%1' is not in the bundled DBU price table (resources/databricks/dbu-prices.csv), "
                                        "so its DBUs cannot be priced")
                             .arg(sku.left(80));
        return false;
    }
    const std::optional<Money> cost = providers::priceTimes(dbus, *price);
    if (!cost) {
        error->column = m_dbus + 1;
        error->message = QStringLiteral("the DBUs times the price do not fit");
        return false;
    }
    if (!m_cols.timestamp(csv, m_time, &r.chargeStart, error))
        return false;
    r.chargeEnd = r.chargeStart + 3600; // one row per cluster and hour
    const QDate d = dateOfSeconds(r.chargeStart);
    m.periodStart = QDate(d.year(), d.month(), 1);
    m.periodEnd = m.periodStart.addMonths(1);
    m.provider = QStringLiteral("Databricks");
    m.accountId = QStringLiteral("Databricks");
    m.accountName = QStringLiteral("Databricks (billable usage)");
    m.currency = QStringLiteral("USD");
    r.subAccountId = Columns::text(csv, m_workspace).trimmed();
    if (r.subAccountId.isEmpty()) {
        error->column = m_workspace + 1;
        error->message = QStringLiteral("expected a workspace id, found an empty cell");
        return false;
    }
    r.subAccountName = r.subAccountId;
    r.serviceName = providers::pricing::dbuServiceName(sku);
    r.serviceCategory = QStringLiteral("Analytics");
    r.skuId = sku;
    r.chargeDescription = sku;
    r.pricingCategory = QStringLiteral("Standard");
    r.resourceId = Columns::text(csv, m_clusterId).trimmed();
    if (!r.resourceId.isEmpty()) {
        r.resourceName = Columns::text(csv, m_clusterName);
        r.resourceType = QStringLiteral("cluster");
    }
    r.consumedQuantity = dbus.toDouble();
    r.consumedUnit = QStringLiteral("DBU");
    r.pricingQuantity = r.consumedQuantity;
    r.pricingUnit = QStringLiteral("DBU");
    r.billedCost = *cost;
    r.effectiveCost = *cost;
    r.listCost = *cost;
    r.extra.append({QStringLiteral("x_list_price"), price->toString(-1)});
    r.extra.append({QStringLiteral("x_price_source"), QStringLiteral("bundled DBU price table")});
    const QString nodeType = Columns::text(csv, m_nodeType);
    if (!nodeType.isEmpty())
        r.extra.append({QStringLiteral("x_node_type"), nodeType});
    const QString hours = Columns::text(csv, m_machineHours);
    if (!hours.isEmpty())
        r.extra.append({QStringLiteral("x_machine_hours"), hours});
    const QString owner = Columns::text(csv, m_ownerName);
    if (!owner.isEmpty())
        r.extra.append({QStringLiteral("x_cluster_owner"), owner});
    for (int column : {m_customTags, m_tags}) {
        const QByteArrayView v = Columns::cell(csv, column);
        if (column < 0 || isNullCell(v))
            continue;
        if (!parseTags(v, &r.tags)) {
            error->column = column + 1;
            error->message = QStringLiteral("expected tags as a JSON object, found '%1'").arg(QString::fromUtf8(v.first(std::min<qsizetype>(v.size(), 60))));
            return false;
        }
    }
    Usage &u = m_usage[m.periodStart][{r.subAccountId, d}];
    u.dbus += dbus;
    u.cost += *cost;
    out->push_back(std::move(m));
    return true;
}

std::vector<SaasBatch> DatabricksUsageFormat::takeSaasBatches(const QString &source)
{
    std::vector<SaasBatch> out;
    for (const auto &[month, days] : m_usage) {
        SaasBatch b;
        b.service = QStringLiteral("Databricks");
        b.account = QStringLiteral("Databricks");
        b.source = source;
        b.from = month;
        b.to = month.addMonths(1);
        for (const auto &[key, usage] : days) {
            SaasUsageRow row;
            row.entityKind = QStringLiteral("workspace");
            row.entity = key.first;
            row.usageType = QStringLiteral("dbu");
            row.unit = QStringLiteral("DBU");
            row.currency = QStringLiteral("USD");
            row.day = key.second;
            row.quantity = usage.dbus.toDouble();
            row.cost = usage.cost;
            b.usage.push_back(std::move(row));
        }
        out.push_back(std::move(b));
    }
    m_usage.clear();
    return out;
}

} // namespace costscope::import
