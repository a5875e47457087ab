#include "model/AwsSaasUsage.h"

#include <algorithm>
#include <tuple>

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

uint32_t AwsSaasCollector::nameId(const QString &text)
{
    const auto it = m_nameIds.constFind(text);
    if (it != m_nameIds.constEnd())
        return *it;
    const auto id = static_cast<uint32_t>(m_names.size());
    m_names.push_back(text);
    m_nameIds.insert(text, id);
    return id;
}

AwsSaasCollector::Cell &AwsSaasCollector::Acc::find(const CellKey &key)
{
    if ((used + 1) * 4 > cells.size() * 3) {
        std::vector<Cell> old;
        old.swap(cells);
        cells.resize(old.empty() ? 64 : old.size() * 2);
        used = 0;
        for (const Cell &c : old)
            if (c.unit != 0) {
                find(c.key) = c;
                ++used;
            }
    }
    uint64_t h = (static_cast<uint64_t>(static_cast<uint32_t>(key.day)) << 32 | key.entity) * 0x9E3779B97F4A7C15ULL;
    h ^= (static_cast<uint64_t>(key.kind) << 32 | key.usageType) * 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 31;
    const size_t mask = cells.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        Cell &c = cells[i];
        if (c.unit == 0) {
            c.key = key;
            return c; // the caller fills unit, so the slot counts as used
        }
        if (c.key == key)
            return c;
    }
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
    const CellKey key{day, nameId(item.entityKind), nameId(item.entity), nameId(item.usageType)};
    Cell &c = acc.find(key);
    if (c.unit == 0) {
        c.unit = nameId(item.unit) + 1;
        ++acc.used;
        ++m_cellCount;
    } else if (m_names[c.unit - 1].isEmpty() && !item.unit.isEmpty()) {
        c.unit = nameId(item.unit) + 1; // the first unit given
    }
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
        // In (day, kind, entity, usage type) order, so the rows (and the demo) do not depend
        // on the hash's order.
        std::vector<const Cell *> cells;
        cells.reserve(acc.used);
        for (const Cell &c : acc.cells)
            if (c.unit != 0)
                cells.push_back(&c);
        std::sort(cells.begin(), cells.end(), [this](const Cell *x, const Cell *y) {
            return std::tie(x->key.day, m_names[x->key.kind], m_names[x->key.entity], m_names[x->key.usageType])
                   < std::tie(y->key.day, m_names[y->key.kind], m_names[y->key.entity], m_names[y->key.usageType]);
        });
        b.usage.reserve(cells.size());
        for (const Cell *cell : cells) {
            SaasUsageRow r;
            r.day = dateFromDayNumber(cell->key.day);
            r.entityKind = m_names[cell->key.kind];
            r.entity = m_names[cell->key.entity];
            r.usageType = m_names[cell->key.usageType];
            r.unit = m_names[cell->unit - 1];
            r.quantity = cell->quantity;
            r.cost = cell->cost;
            r.currency = acc.currency;
            b.usage.push_back(std::move(r));
        }
        out.push_back(std::move(b));
    }
    m_batches.clear();
    m_last = nullptr;
    m_nameIds.clear();
    m_names.clear();
    m_cellCount = 0;
    return out;
}

} // namespace costscope
