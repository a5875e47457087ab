#include "model/store/BudgetQuery.h"

#include "model/store/AnalysisQuery.h"
#include "model/store/SqliteDb.h"

#include <QHash>

namespace costscope::store {

size_t BudgetQuery::RawKeyHash::operator()(const RawKey &k) const
{
    uint64_t h = 1469598103934665603ULL;
    for (int64_t v : {k.provider, k.account, k.service, k.region, k.resource, k.tagset}) {
        h ^= static_cast<uint64_t>(v);
        h *= 1099511628211ULL;
    }
    return static_cast<size_t>(h);
}

int BudgetQuery::keyOf(const RawKey &k)
{
    auto it = m_index.find(k);
    if (it == m_index.end()) {
        it = m_index.emplace(k, static_cast<int>(m_keys.size())).first;
        m_keys.push_back(k);
    }
    return it->second;
}

template <typename Fn>
bool BudgetQuery::scan(const QDate &from, const QDate &to, const QString &currency, QString *error, Fn fn)
{
    if (!from.isValid() || !to.isValid() || to <= from)
        return true;
    SqliteDb &db = m_store.db();
    const auto currencyId = dictionaryId(db, currency);
    if (!currencyId)
        return true; // no cost in that currency
    // The period's provider comes with each row: the rollup is keyed by day first, so a range is
    // one sequential scan and the (small) period table is looked up per row.
    Statement st(db, "SELECT r.day, p.provider, r.sub_account, r.service, r.region, r.resource, r.tagset, r.billed "
                     "FROM rollup_resource_daily r JOIN billing_period p ON p.id = r.period_id "
                     "WHERE r.day >= ? AND r.day < ? AND p.currency = ?");
    st.bind(1, static_cast<int64_t>(dayNumber(from))).bind(2, static_cast<int64_t>(dayNumber(to))).bind(3, *currencyId);
    const int64_t first = dayNumber(from);
    while (st.next()) {
        const RawKey k{st.columnInt(1), st.columnInt(2), st.columnInt(3), st.columnInt(4), st.columnInt(5),
                       st.columnInt(6)};
        fn(static_cast<int>(st.columnInt(0) - first), keyOf(k), st.columnInt(7));
    }
    if (!st.ok()) {
        if (error)
            *error = st.error();
        return false;
    }
    return true;
}

bool BudgetQuery::dailyCells(const QDate &from, const QDate &to, const QString &currency, std::vector<Cell> *out,
                             QString *error)
{
    return scan(from, to, currency, error, [out](int day, int key, int64_t nanos) {
        if (nanos != 0)
            out->push_back(Cell{day, key, nanos});
    });
}

bool BudgetQuery::totals(const QDate &from, const QDate &to, const QString &currency, std::vector<int64_t> *out,
                         QString *error)
{
    const bool ok = scan(from, to, currency, error, [out](int, int key, int64_t nanos) {
        if (static_cast<size_t>(key) >= out->size())
            out->resize(static_cast<size_t>(key) + 1, 0);
        (*out)[static_cast<size_t>(key)] += nanos;
    });
    out->resize(m_keys.size(), 0);
    return ok;
}

std::vector<BudgetKeyRow> BudgetQuery::keys() const
{
    SqliteDb &db = m_store.db();
    QHash<int64_t, QString> strings;
    QList<int64_t> wanted, tagsets;
    QHash<int64_t, bool> seenSet;
    for (const RawKey &k : m_keys) {
        for (int64_t id : {k.provider, k.account, k.service, k.region, k.resource})
            if (!strings.contains(id)) {
                strings.insert(id, QString());
                wanted << id;
            }
        if (k.tagset != 0 && !seenSet.contains(k.tagset)) {
            seenSet.insert(k.tagset, true);
            tagsets << k.tagset;
        }
    }
    for (qsizetype start = 0; start < wanted.size(); start += 400) {
        const qsizetype n = std::min<qsizetype>(400, wanted.size() - start);
        Statement st(db, QStringLiteral("SELECT id, s FROM str WHERE id IN (%1)").arg(sqlPlaceholders(n)));
        for (qsizetype i = 0; i < n; ++i)
            st.bind(static_cast<int>(i + 1), wanted[start + i]);
        while (st.next())
            strings.insert(st.columnInt(0), st.columnText(1));
    }
    const QHash<int64_t, Tags> tags = AnalysisQuery(m_store).tagSets(tagsets);
    std::vector<BudgetKeyRow> out;
    out.reserve(m_keys.size());
    for (const RawKey &k : m_keys)
        out.push_back(BudgetKeyRow{strings.value(k.provider), strings.value(k.account), strings.value(k.service),
                                   strings.value(k.region), strings.value(k.resource), tags.value(k.tagset)});
    return out;
}

} // namespace costscope::store
