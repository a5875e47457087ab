#include "providers/import/FormatReader.h"

#include "providers/import/DatabricksUsageFormat.h"
#include "providers/import/AwsCurFormat.h"
#include "providers/import/AzureFormat.h"
#include "providers/import/FocusFormat.h"
#include "providers/import/GcpFormat.h"
#include "providers/import/ImportValues.h"
#include "providers/import/OciFormat.h"

namespace costscope::import {

namespace {

QString shown(QByteArrayView v)
{
    QString s = QString::fromUtf8(v.first(std::min<qsizetype>(v.size(), 40)));
    if (v.size() > 40)
        s += QStringLiteral("...");
    return s;
}

bool setError(MapError *error, int column, const QString &message)
{
    error->column = column + 1;
    error->message = message;
    return false;
}

} // namespace

std::unique_ptr<FormatReader> detectFormat(const QStringList &header, QString *error)
{
    QSet<QString> names(header.begin(), header.end());
    QSet<QString> snake;
    for (const QString &h : header)
        snake.insert(snakeCase(h));
    // Most specific first.
    if (names.contains(QStringLiteral("BilledCost")) && names.contains(QStringLiteral("ChargePeriodStart")))
        return std::make_unique<FocusFormat>();
    if (snake.contains(QStringLiteral("line_item_unblended_cost")))
        return std::make_unique<AwsCurFormat>();
    if (names.contains(QStringLiteral("cost/myCost")) || names.contains(QStringLiteral("cost/myCostOverage")))
        return std::make_unique<OciFormat>();
    if (DatabricksUsageFormat::detect(header))
        return std::make_unique<DatabricksUsageFormat>();
    if ((names.contains(QStringLiteral("cost")) || names.contains(QStringLiteral("cost_at_list")))
        && (names.contains(QStringLiteral("usage_start_time")))
        && (names.contains(QStringLiteral("service.description")) || names.contains(QStringLiteral("service_description"))))
        return std::make_unique<GcpFormat>();
    if (names.contains(QStringLiteral("CostInBillingCurrency")) || names.contains(QStringLiteral("costInBillingCurrency"))
        || names.contains(QStringLiteral("PreTaxCost")) || names.contains(QStringLiteral("Cost")))
        if (names.contains(QStringLiteral("Date")) || names.contains(QStringLiteral("date"))
            || names.contains(QStringLiteral("UsageDateTime")))
            return std::make_unique<AzureFormat>();
    if (error) {
        QStringList firsts = header.mid(0, 5);
        *error = QStringLiteral("line 1: unknown format: the header (%1%2) is not FOCUS (BilledCost, ChargePeriodStart), "
                                "AWS CUR (lineItem/UnblendedCost), Azure (CostInBillingCurrency, Date), GCP (cost, "
                                "usage_start_time, service.description), OCI (cost/myCost) or Databricks billable usage (workspaceId, "
                                "sku, dbus)")
                     .arg(firsts.join(QStringLiteral(", ")), header.size() > 5 ? QStringLiteral(", ...") : QString());
    }
    return nullptr;
}

void Columns::setHeader(const QStringList &header, bool snake)
{
    m_index.clear();
    m_names = header;
    for (int i = 0; i < header.size(); ++i) {
        const QString key = snake ? snakeCase(header[i]) : header[i];
        if (!m_index.contains(key))
            m_index.insert(key, i);
    }
}

int Columns::first(std::initializer_list<const char *> names) const
{
    for (const char *n : names) {
        const int i = index(QString::fromLatin1(n));
        if (i >= 0)
            return i;
    }
    return -1;
}

QString Columns::text(const CsvReader &csv, int column) { return cellText(cell(csv, column)); }

size_t PairListCache::KeyHash::operator()(const Key &k) const noexcept
{
    uint64_t h = 0;
    for (uintptr_t x : k.v)
        h = (h ^ x) * 0x9e3779b97f4a7c15ULL;
    return static_cast<size_t>(h ^ (h >> 32));
}

Tags PairListCache::get(Tags fresh)
{
    if (fresh.isEmpty() || fresh.size() > kMaxPairs)
        return fresh;
    Key key;
    size_t i = 0;
    for (const auto &[k, v] : fresh) {
        key.v[i++] = reinterpret_cast<uintptr_t>(k.constData()) ^ (static_cast<uintptr_t>(k.size()) << 48);
        key.v[i++] = reinterpret_cast<uintptr_t>(v.constData()) ^ (static_cast<uintptr_t>(v.size()) << 48);
    }
    auto it = m_lists.find(key);
    if (it != m_lists.end() && it->second == fresh)
        return it->second;
    if (m_lists.size() >= kMaxEntries)
        m_lists.clear();
    m_lists[key] = fresh;
    return fresh;
}

QString TextCache::text(QByteArrayView v, int column)
{
    if (isNullCell(v))
        return QString();
    if (v.size() > kMaxBytes)
        return QString::fromUtf8(v);
    const size_t slot = column < 0 ? 0 : static_cast<size_t>(column) + 1;
    if (slot >= m_texts.size())
        m_texts.resize(slot + 1);
    CellMap<QString> &map = m_texts[slot];
    if (const QString *cached = map.find(v))
        return *cached;
    if (m_total >= kMaxEntries) {
        for (CellMap<QString> &m : m_texts)
            m.clear();
        m_total = 0;
    }
    QString s = QString::fromUtf8(v);
    map.insert(v, s);
    ++m_total;
    return s;
}

bool Columns::amount(const CsvReader &csv, int column, Money *out, MapError *error) const
{
    const QByteArrayView v = cell(csv, column);
    if (isNullCell(v))
        return setError(error, column, QStringLiteral("expected a decimal amount, found an empty cell"));
    const auto m = parseAmount(v, &m_decorated);
    if (!m)
        return setError(error, column, QStringLiteral("expected a decimal amount, found '%1'").arg(shown(v)));
    *out = *m;
    return true;
}

bool Columns::optionalAmount(const CsvReader &csv, int column, Money *out, MapError *error) const
{
    if (isNullCell(cell(csv, column)))
        return true;
    return amount(csv, column, out, error);
}

std::optional<int64_t> Columns::cachedTimestamp(int column, QByteArrayView v) const
{
    if (column < 0 || v.size() > LastTimestamp::kMaxBytes)
        return parseTimestamp(v);
    if (static_cast<size_t>(column) >= m_lastTimestamps.size())
        m_lastTimestamps.resize(static_cast<size_t>(column) + 1);
    LastTimestamp &last = m_lastTimestamps[static_cast<size_t>(column)];
    if (last.size == v.size() && std::memcmp(last.bytes, v.data(), static_cast<size_t>(v.size())) == 0)
        return last.value;
    const auto t = parseTimestamp(v);
    if (t) {
        std::memcpy(last.bytes, v.data(), static_cast<size_t>(v.size()));
        last.size = v.size();
        last.value = *t;
    }
    return t;
}

bool Columns::timestamp(const CsvReader &csv, int column, int64_t *out, MapError *error) const
{
    const QByteArrayView v = cell(csv, column);
    if (isNullCell(v))
        return setError(error, column, QStringLiteral("expected a date, found an empty cell"));
    const auto t = cachedTimestamp(column, v);
    if (!t)
        return setError(error, column, QStringLiteral("expected a date (YYYY-MM-DD[THH:MM:SS[Z]] or MM/DD/YYYY), found '%1'")
                                           .arg(shown(v)));
    *out = *t;
    return true;
}

bool Columns::optionalTimestamp(const CsvReader &csv, int column, std::optional<int64_t> *out, MapError *error) const
{
    out->reset();
    if (isNullCell(cell(csv, column)))
        return true;
    int64_t t = 0;
    if (!timestamp(csv, column, &t, error))
        return false;
    *out = t;
    return true;
}

bool Columns::quantity(const CsvReader &csv, int column, double *out, MapError *error) const
{
    const QByteArrayView v = cell(csv, column);
    const auto q = parseQuantity(v);
    if (!q)
        return setError(error, column, QStringLiteral("expected a number, found '%1'").arg(shown(v)));
    *out = *q;
    return true;
}

} // namespace costscope::import
