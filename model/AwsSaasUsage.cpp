#include "model/AwsSaasUsage.h"

#include <algorithm>

namespace costscope {

namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0; // AWS bills data transfer in GB of 2^30 bytes
constexpr double kTiB = kGiB * 1024.0;

// "USE1-Requests-Tier1" -> "Requests-Tier1"; "Requests-Tier1" stays. Region prefixes are
// upper-case letters and digits before the first '-' ("USE1", "EU", "CAN1", "APS3").
QString withoutRegion(const QString &usageType)
{
    const qsizetype dash = usageType.indexOf(u'-');
    if (dash < 2 || dash > 5)
        return usageType;
    for (qsizetype i = 0; i < dash; ++i) {
        const QChar c = usageType.at(i);
        if (!(c.isUpper() || c.isDigit()))
            return usageType;
    }
    const QStringView rest = QStringView(usageType).mid(dash + 1);
    // "Requests-Tier1" itself must not lose "Requests".
    if (rest.startsWith(u"Tier") || rest.isEmpty())
        return usageType;
    return rest.toString();
}

// Quantity in bytes of a transfer or scan line whose unit is GB, TB or bytes.
double toBytes(double quantity, const QString &unit, double defaultFactor)
{
    if (unit.startsWith(u"TB", Qt::CaseInsensitive))
        return quantity * kTiB;
    if (unit.startsWith(u"GB", Qt::CaseInsensitive))
        return quantity * kGiB;
    if (unit.compare(u"Bytes", Qt::CaseInsensitive) == 0)
        return quantity;
    return quantity * defaultFactor;
}

} // namespace

QString awsSaasService(QStringView name)
{
    if (name == u"AmazonS3" || name == u"Amazon Simple Storage Service" || name == u"Amazon S3")
        return QStringLiteral("S3");
    if (name == u"AmazonRedshift" || name == u"Amazon Redshift")
        return QStringLiteral("Redshift");
    return {};
}

bool classifyAwsSaas(const QString &service, const QString &usageType, const QString &operation,
                     const QString &resourceId, const QString &pricingUnit, double quantity,
                     const QString &usageAccount, AwsSaasItem *out)
{
    if (usageType.isEmpty())
        return false;
    const QString type = withoutRegion(usageType);
    AwsSaasItem item;
    item.service = service;
    item.quantity = quantity;
    item.unit = pricingUnit;
    if (service == u"S3") {
        item.entityKind = QStringLiteral("bucket");
        item.entity = resourceId;
        if (type.startsWith(u"Requests-Tier")) {
            item.usageType = QStringLiteral("requests-tier") + type.mid(13).toLower();
            item.unit = QStringLiteral("requests");
            if (pricingUnit.startsWith(u"1K"))
                item.quantity = quantity * 1000;
        } else if (type.endsWith(u"-Out-Bytes")) {
            item.usageType = QStringLiteral("bytes-out");
            item.unit = QStringLiteral("bytes");
            item.quantity = toBytes(quantity, pricingUnit, kGiB);
        } else if (type.endsWith(u"-In-Bytes")) {
            item.usageType = QStringLiteral("bytes-in");
            item.unit = QStringLiteral("bytes");
            item.quantity = toBytes(quantity, pricingUnit, kGiB);
        } else if (type == u"TimedStorage-ByteHrs") {
            item.usageType = QStringLiteral("storage");
            item.unit = QStringLiteral("GB-Mo");
        } else if (type.startsWith(u"TimedStorage-") && type.endsWith(u"ByteHrs")) {
            // TimedStorage-GlacierByteHrs -> storage-glacier, TimedStorage-SIA-ByteHrs -> storage-sia
            QString cls = type.mid(13);
            cls.chop(7);
            if (cls.endsWith(u'-'))
                cls.chop(1);
            item.usageType = QStringLiteral("storage-") + cls.toLower();
            item.unit = QStringLiteral("GB-Mo");
        } else {
            item.usageType = QStringLiteral("other");
        }
    } else if (service == u"Redshift") {
        item.entityKind = resourceId.contains(u"workgroup") ? QStringLiteral("workgroup") : QStringLiteral("cluster");
        item.entity = resourceId;
        if (type.startsWith(u"Node:") || type.startsWith(u"PaidNode:")) {
            item.usageType = QStringLiteral("node-hours");
            item.unit = QStringLiteral("hours");
        } else if (type.contains(u"RPU") || type.startsWith(u"ServerlessUsage")) {
            item.usageType = QStringLiteral("rpu-hours");
            item.unit = QStringLiteral("RPU-hours");
        } else if (type.contains(u"DataScanned") || type.contains(u"Spectrum")) {
            item.usageType = QStringLiteral("spectrum-bytes");
            item.unit = QStringLiteral("bytes");
            item.quantity = toBytes(quantity, pricingUnit, kTiB);
        } else if (type.startsWith(u"RMS") || type.contains(u"Storage") || pricingUnit == u"GB-Mo") {
            item.usageType = QStringLiteral("storage");
            item.unit = QStringLiteral("GB-Mo");
        } else {
            item.usageType = QStringLiteral("other");
        }
    } else {
        return false;
    }
    Q_UNUSED(operation)
    if (item.entity.isEmpty()) {
        item.entityKind = QStringLiteral("account");
        item.entity = usageAccount;
    }
    if (item.unit.isEmpty())
        item.unit = QStringLiteral("units");
    *out = std::move(item);
    return true;
}

void AwsSaasCollector::add(const AwsSaasItem &item, const QString &account, const QDate &periodStart,
                           const QDate &periodEnd, const QString &currency, int32_t day, Money cost)
{
    if (!m_last || std::get<2>(m_lastKey) != periodStart || std::get<1>(m_lastKey) != account
        || std::get<0>(m_lastKey) != item.service) {
        m_lastKey = {item.service, account, periodStart};
        m_last = &m_batches[m_lastKey];
    }
    Acc &acc = *m_last;
    if (acc.currency.isEmpty()) {
        acc.currency = currency;
        acc.periodEnd = periodEnd;
    }
    day = std::clamp(day, dayNumber(periodStart), dayNumber(acc.periodEnd) - 1);
    Cell &c = acc.cells[CellKey{day, item.entityKind, item.entity, item.usageType}];
    if (c.unit.isEmpty())
        c.unit = item.unit;
    c.quantity += item.quantity;
    c.cost = c.cost + cost;
}

std::vector<SaasBatch> AwsSaasCollector::take(const QString &source)
{
    std::vector<SaasBatch> out;
    for (auto &[key, acc] : m_batches) {
        SaasBatch b;
        b.service = std::get<0>(key);
        b.account = std::get<1>(key);
        b.from = std::get<2>(key);
        b.to = acc.periodEnd;
        b.source = source;
        // In key order, so the rows (and the demo) do not depend on the hash's order.
        std::vector<std::pair<CellKey, Cell>> cells(acc.cells.begin(), acc.cells.end());
        std::sort(cells.begin(), cells.end(), [](const auto &x, const auto &y) { return x.first < y.first; });
        b.usage.reserve(cells.size());
        for (auto &[k, cell] : cells) {
            SaasUsageRow r;
            r.day = dateFromDayNumber(k.day);
            r.entityKind = k.kind;
            r.entity = k.entity;
            r.usageType = k.usageType;
            r.unit = cell.unit;
            r.quantity = cell.quantity;
            r.cost = cell.cost;
            r.currency = acc.currency;
            b.usage.push_back(std::move(r));
        }
        out.push_back(std::move(b));
    }
    m_batches.clear();
    m_last = nullptr;
    return out;
}

} // namespace costscope
