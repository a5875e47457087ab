#include "model/store/CostWriter.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QLoggingCategory>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <span>
#include <unordered_map>

Q_LOGGING_CATEGORY(lcWriter, "costscope.store.writer")
// Where a write session's time went (QT_LOGGING_RULES="costscope.store.timing.debug=true"), for the
// import benchmark; off by default.
Q_LOGGING_CATEGORY(lcTiming, "costscope.store.timing", QtWarningMsg)

namespace costscope::store {

namespace {

template <size_t N>
struct Key
{
    std::array<int64_t, N> v{};
    bool operator==(const Key &) const = default;
};

template <size_t N>
struct KeyHash
{
    size_t operator()(const Key<N> &k) const noexcept
    {
        uint64_t h = 1469598103934665603ULL;
        for (int64_t x : k.v) {
            h ^= static_cast<uint64_t>(x) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
            h *= 1099511628211ULL;
        }
        return static_cast<size_t>(h ^ (h >> 29)); // high bits into the low ones a table masks
    }
};

struct Sums
{
    int64_t billed = 0, effective = 0, list = 0, rows = 0;
};

// Sums by key without an allocation per key: the entries in one dense array (sorted where they
// are when flushed) and an open-addressing index of them (linear probing, at most half full),
// whose slots hold 32 bits of the key's hash and the entry's position, so a probe reads 8 bytes
// and compares keys only when the hash bits match.
template <size_t N>
class SumTable
{
public:
    struct Entry
    {
        Key<N> key;
        Sums sums;
    };

    size_t size() const { return m_entries.size(); }

    // Asks the processor to fetch the index slot where key's probe starts: the index of 100,000s
    // of cells is bigger than the caches, and the caller has other work to do meanwhile.
    void prefetch(const Key<N> &key) const
    {
#if defined(__GNUC__) || defined(__clang__)
        if (!m_index.empty())
            __builtin_prefetch(&m_index[KeyHash<N>()(key) & (m_index.size() - 1)], 1);
#else
        Q_UNUSED(key);
#endif
    }

    Sums &operator[](const Key<N> &key)
    {
        if (2 * (m_entries.size() + 1) > m_index.size())
            grow();
        const uint64_t hash = KeyHash<N>()(key);
        const uint64_t tag = hash >> 32 << 32;
        const size_t mask = m_index.size() - 1;
        for (size_t i = hash & mask;; i = (i + 1) & mask) {
            const uint64_t slot = m_index[i];
            if (slot == 0) {
                m_entries.push_back(Entry{key, {}});
                m_index[i] = tag | m_entries.size(); // position + 1: 0 marks a free slot
                return m_entries.back().sums;
            }
            if ((slot & ~0xffffffffULL) == tag) {
                Entry &e = m_entries[(slot & 0xffffffffULL) - 1];
                if (e.key == key)
                    return e.sums;
            }
        }
    }

    // The entries sorted by less. Lookups must not follow until clear().
    template <class Less>
    std::span<Entry> sorted(Less less)
    {
        std::sort(m_entries.begin(), m_entries.end(),
                  [&](const Entry &a, const Entry &b) { return less(a.key, b.key); });
        return {m_entries.data(), m_entries.size()};
    }

    void clear()
    {
        std::fill(m_index.begin(), m_index.end(), 0);
        m_entries.clear();
    }

    // Frees the arrays too (the end of a session).
    void release()
    {
        m_index = {};
        m_entries = {};
    }

private:
    void grow()
    {
        m_index.assign(std::max<size_t>(m_index.size() * 2, 4096), 0);
        const size_t mask = m_index.size() - 1;
        for (size_t n = 0; n < m_entries.size(); ++n) {
            const uint64_t hash = KeyHash<N>()(m_entries[n].key);
            size_t i = hash & mask;
            while (m_index[i] != 0)
                i = (i + 1) & mask;
            m_index[i] = (hash >> 32 << 32) | (n + 1);
        }
    }

    std::vector<uint64_t> m_index;
    std::vector<Entry> m_entries;
};

constexpr int64_t kSecondsPerDay = 86400;
constexpr uint64_t kMaxSum = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
constexpr qsizetype kSaasQueryTextLimit = 2000;

// At most kSaasQueryTextLimit characters, never half of a surrogate pair.
QString shortenedQueryText(const QString &text)
{
    if (text.size() <= kSaasQueryTextLimit)
        return text;
    qsizetype n = kSaasQueryTextLimit;
    if (text.at(n - 1).isHighSurrogate())
        --n;
    return text.left(n);
}

int64_t floorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

// A line item's id is (period id << 32) + its number in the period (schema version 16), so a
// period's items are the id range [firstLineId(period), firstLineId(period + 1)).
constexpr int64_t kLinesPerPeriod = int64_t(1) << 32;
constexpr int64_t kMaxPeriodId = int64_t(1) << 30;
constexpr int64_t firstLineId(int64_t periodId) { return periodId << 32; }

bool setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

bool stmtError(QString *error, const Statement &st)
{
    return setError(error, describeSqliteError(st.errorCode(), st.error()));
}

bool dbError(QString *error, SqliteDb &db)
{
    return setError(error, describeSqliteError(db.lastErrorCode(), db.lastError()));
}

// Order of keys stored as (period, day, ...) in tables keyed by (day, period, ...).
template <size_t N>
bool dayFirstLess(const Key<N> &a, const Key<N> &b)
{
    if (a.v[1] != b.v[1])
        return a.v[1] < b.v[1];
    return a.v < b.v;
}

// "head VALUES (?,...),(?,...) tail" for rows of integers, kRows rows to a statement. One
// statement keeps its cursors open from row to row, so SQLite appends keys that arrive in the
// table's order without descending from the root for each one; the rest of the rows go one to
// a statement.
class RowInserter
{
public:
    static constexpr int kRows = 64;

    RowInserter(SqliteDb &db, const char *head, const char *tail, int columns) : m_columns(columns)
    {
        QByteArray one = "(?";
        for (int i = 1; i < columns; ++i)
            one += ",?";
        one += ')';
        QByteArray many = one;
        for (int r = 1; r < kRows; ++r)
            many += ',' + one;
        const QByteArray start = QByteArray(head) + " VALUES ";
        const QByteArray end = ' ' + QByteArray(tail);
        m_one = Statement(db, QByteArray(start + one + end).constData());
        m_many = Statement(db, QByteArray(start + many + end).constData());
        m_values.reserve(static_cast<size_t>(columns) * kRows);
    }

    bool add(std::initializer_list<int64_t> row, QString *error)
    {
        m_values.insert(m_values.end(), row.begin(), row.end());
        if (m_values.size() < static_cast<size_t>(m_columns) * kRows)
            return true;
        for (size_t i = 0; i < m_values.size(); ++i)
            m_many.bind(static_cast<int>(i) + 1, m_values[i]);
        m_values.clear();
        return m_many.runKeepingBindings() || stmtError(error, m_many);
    }

    bool finish(QString *error)
    {
        for (size_t i = 0; i < m_values.size(); ++i) {
            const int column = static_cast<int>(i % static_cast<size_t>(m_columns));
            m_one.bind(column + 1, m_values[i]);
            if (column == m_columns - 1 && !m_one.runKeepingBindings())
                return stmtError(error, m_one);
        }
        m_values.clear();
        return true;
    }

private:
    int m_columns;
    Statement m_one, m_many;
    std::vector<int64_t> m_values;
};

} // namespace

// Any failing call ends the write: the transaction is rolled back, so the store is exactly
// as it was before begin(), and the writer is inactive until the next begin().
class CostWriter::FailureGuard
{
public:
    explicit FailureGuard(CostWriter &writer) : m_writer(writer) {}
    ~FailureGuard()
    {
        if (!m_ok)
            m_writer.rollback();
    }
    FailureGuard(const FailureGuard &) = delete;
    FailureGuard &operator=(const FailureGuard &) = delete;
    bool succeed()
    {
        m_ok = true;
        return true;
    }

private:
    CostWriter &m_writer;
    bool m_ok = false;
};

struct CostWriter::Impl
{
    explicit Impl(SqliteDb &database) : db(database) {}

    // Bounds of the session caches and of the in-memory rollups, so memory stays flat
    // whatever the size of the input: a full cache is dropped (the database is the fallback),
    // full rollups are added to the tables (UPSERT) and started again.
    static constexpr qsizetype kMaxStrings = 200000;
    static constexpr qsizetype kMaxSets = 50000;
    static constexpr size_t kMaxSetItems = 50000;
    static constexpr size_t kFlushEntries = 150000;
    static constexpr int kLineColumns = 28;
    // Where lineColumns() has the two quantities (reals) and the nullable net cost.
    static constexpr int kConsumedQtyColumn = 16, kPricingQtyColumn = 18, kNetColumn = 27;
    static_assert(kNetColumn == kLineColumns - 1);
    static constexpr int kLinesPerInsert = 32;
    static constexpr int64_t kImportCacheKiB = 32768; // page cache of a costs-only session

    struct PendingLine
    {
        std::array<int64_t, kLineColumns> v{};
        double consumedQty = 0, pricingQty = 0;
        bool hasNet = false;
    };

    SqliteDb &db;
    QHash<QString, int64_t> strings;
    // The same cache by where a string's characters are: readers hand the same QString
    // (shared, not copied) for a repeated value, so most lookups are one pointer hash. Each
    // entry holds its string, so its characters cannot be freed, reused or changed while
    // cached (only strings that own their characters: not literals or QString::fromRawData).
    std::unordered_map<const QChar *, std::pair<QString, int64_t>> stringsByData;
    QHash<Tags, int64_t> sets; // exact list (as given) -> set id
    // The same by where the list's items are: readers hand one shared list for a repeated set
    // (import::PairListCache), so a repeated list is found without reading its items. Each entry
    // holds its list, so those items stay alive and unchanged while cached.
    std::unordered_map<const void *, std::pair<Tags, int64_t>> setsByList;
    // set id -> its (key, value) items with a non-empty value, for the tag rollup
    std::unordered_map<int64_t, std::vector<std::pair<int64_t, int64_t>>> setItems;
    Statement findStr, insertStr, findSet, insertSet, insertSetItem, insertLine, insertLines, findSetItems;
    std::vector<PendingLine> pending;
    int64_t sourceId = 0;
    QString sourceDigest;
    // CREATE INDEX statements of the indexes dropped for a write into an empty workspace,
    // run again before commit.
    std::vector<QByteArray> droppedIndexes;
    // temp_store before a costs-only session set it to FILE (-1: not changed), restored after.
    int64_t savedTempStore = -1;
    // cache_size before a costs-only session lowered it (0: not changed), restored after.
    int64_t savedCacheSize = 0;
    // A costs-only session alone on the workspace writes with a rollback journal (WAL again after).
    bool rollbackJournal = false;
    // (provider, account, periodStart) -> period id, for periods opened in this session
    std::map<std::tuple<int64_t, int64_t, int64_t>, int64_t> periods;
    std::unordered_map<int64_t, std::pair<int64_t, int64_t>> periodTotals; // id -> rows, billed
    SumTable<6> daily;
    SumTable<7> byResource;
    std::unordered_map<int64_t, int64_t> monthOfDay;
    // (service, account, from day, to day) of the saas ranges replaced in this session
    std::set<std::tuple<QString, QString, int64_t, int64_t>> saasCleared;
    // Sums of the absolute cost (nanos, stops at 2^63 - 1) and quantity of the session's usage rows:
    // while below the limits no sum of rows can be out of range (see addSaas).
    uint64_t saasAbsCost = 0;
    double saasAbsQuantity = 0;
    // fill-in batches: (service, account, from day, to day, source) -> the days another source holds
    std::map<std::tuple<QString, QString, int64_t, int64_t, QString>, std::set<int64_t>> saasTaken;

    static const char *lineColumns()
    {
        return "INSERT INTO line_item(id, period_id, charge_start, charge_end, day, sub_account, service, "
               "service_category, region, resource, resource_name, resource_type, sku, description, "
               "charge_category, pricing_category, consumed_qty, consumed_unit, pricing_qty, pricing_unit, "
               "billed, effective, list, contracted, commitment, tagset, attrset, net) VALUES ";
    }

    void prepare()
    {
        findStr = Statement(db, "SELECT id FROM str WHERE s = ?");
        insertStr = Statement(db, "INSERT INTO str(s) VALUES (?)");
        findSet = Statement(db, "SELECT id FROM kvset WHERE digest = ?");
        insertSet = Statement(db, "INSERT INTO kvset(digest) VALUES (?)");
        insertSetItem = Statement(db, "INSERT INTO kvset_item(set_id, key_id, value_id) VALUES (?, ?, ?)");
        findSetItems = Statement(db, "SELECT key_id, value_id FROM kvset_item WHERE set_id = ? AND value_id <> 0");
        QByteArray one = "(?";
        for (int i = 1; i < kLineColumns; ++i)
            one += ",?";
        one += ')';
        QByteArray single = lineColumns() + one;
        QByteArray multi = lineColumns() + one;
        for (int i = 1; i < kLinesPerInsert; ++i)
            multi += ',' + one;
        insertLine = Statement(db, single.constData());
        insertLines = Statement(db, multi.constData());
        pending.reserve(kLinesPerInsert);
    }

    void releaseStatements()
    {
        insertLine = Statement();
        insertLines = Statement();
        findStr = Statement();
        insertStr = Statement();
        findSet = Statement();
        insertSet = Statement();
        insertSetItem = Statement();
        findSetItems = Statement();
    }

    void resetSession()
    {
        strings.clear();
        stringsByData.clear();
        sets.clear();
        setsByList.clear();
        setItems.clear();
        pending.clear();
        periods.clear();
        periodTotals.clear();
        daily.release();
        byResource.release();
        monthOfDay.clear();
        saasCleared.clear();
        saasTaken.clear();
        saasAbsCost = 0;
        saasAbsQuantity = 0;
        sourceId = 0;
        sourceDigest.clear();
        droppedIndexes.clear();
        failure.clear();
        timings = {};
    }

    static void bindLine(Statement &st, int base, const PendingLine &l)
    {
        for (int c = 0; c < kLineColumns; ++c) {
            const int index = base + c + 1;
            if (c == kConsumedQtyColumn)
                st.bind(index, l.consumedQty);
            else if (c == kPricingQtyColumn)
                st.bind(index, l.pricingQty);
            else if (c == kNetColumn && !l.hasNet)
                st.bindNull(index);
            else
                st.bind(index, l.v[static_cast<size_t>(c)]);
        }
    }

    // Nanoseconds spent in a part of the session, for lcTiming.
    struct Timings
    {
        int64_t lines = 0, rollups = 0, indexes = 0;
    } timings;
    class Timed
    {
    public:
        explicit Timed(int64_t &total) : m_total(total) { m_timer.start(); }
        ~Timed() { m_total += m_timer.nsecsElapsed(); }
        Timed(const Timed &) = delete;
        Timed &operator=(const Timed &) = delete;

    private:
        int64_t &m_total;
        QElapsedTimer m_timer;
    };

    // Writes the buffered line items: full groups with one statement, the rest one by one.
    bool flushLines(QString *error)
    {
        if (pending.empty())
            return true;
        const Timed timed(timings.lines);
        if (pending.size() == static_cast<size_t>(kLinesPerInsert)) {
            for (int i = 0; i < kLinesPerInsert; ++i)
                bindLine(insertLines, i * kLineColumns, pending[static_cast<size_t>(i)]);
            if (!insertLines.runKeepingBindings())
                return stmtError(error, insertLines);
        } else {
            for (const PendingLine &l : pending) {
                bindLine(insertLine, 0, l);
                if (!insertLine.runKeepingBindings())
                    return stmtError(error, insertLine);
            }
        }
        pending.clear();
        return true;
    }

    int64_t monthOf(int64_t day)
    {
        auto it = monthOfDay.find(day);
        if (it != monthOfDay.end())
            return it->second;
        const QDate date = dateFromDayNumber(static_cast<int32_t>(day));
        const int64_t month = dayNumber(QDate(date.year(), date.month(), 1));
        monthOfDay.emplace(day, month);
        return month;
    }

    const std::vector<std::pair<int64_t, int64_t>> *tagItems(int64_t setId)
    {
        static const std::vector<std::pair<int64_t, int64_t>> kNone;
        if (setId == 0)
            return &kNone;
        auto it = setItems.find(setId);
        if (it != setItems.end())
            return &it->second;
        if (setItems.size() >= kMaxSetItems)
            setItems.clear();
        std::vector<std::pair<int64_t, int64_t>> items;
        findSetItems.reset();
        findSetItems.bind(1, setId);
        while (findSetItems.next())
            items.emplace_back(findSetItems.columnInt(0), findSetItems.columnInt(1));
        const bool ok = findSetItems.ok();
        if (!ok) {
            failed(findSetItems);
            findSetItems.reset();
            return nullptr;
        }
        findSetItems.reset();
        return &setItems.emplace(setId, std::move(items)).first->second;
    }

    // Adds the in-memory rollups to the rollup tables (UPSERT, in the tables' key order, many
    // rows to a statement) and clears them. The tag and monthly rollups are derived from the
    // same day x resource sums.
    bool flushRollups(QString *error)
    {
        const Timed timed(timings.rollups);
        {
            const auto rows = daily.sorted(dayFirstLess<6>);
            RowInserter ins(db, "INSERT INTO rollup_daily(period_id, day, sub_account, service, region, "
                                "charge_category, billed, effective, list, rows)",
                            "ON CONFLICT(period_id, day, sub_account, service, region, charge_category) DO UPDATE SET "
                            "billed = billed + excluded.billed, effective = effective + excluded.effective, "
                            "list = list + excluded.list, rows = rows + excluded.rows",
                            10);
            for (const auto &[k, s] : rows) {
                const auto &v = k.v;
                if (!ins.add({v[0], v[1], v[2], v[3], v[4], v[5], s.billed, s.effective, s.list, s.rows}, error))
                    return false;
            }
            if (!ins.finish(error))
                return false;
            daily.clear();
        }
        std::unordered_map<Key<4>, Sums, KeyHash<4>> tags;
        std::unordered_map<Key<3>, Sums, KeyHash<3>> months;
        {
            const auto rows = byResource.sorted(dayFirstLess<7>);
            RowInserter res(db, "INSERT INTO rollup_resource_daily(period_id, day, resource, sub_account, service, "
                                "region, tagset, billed, effective, list)",
                            "ON CONFLICT(period_id, day, resource, sub_account, service, region, tagset) DO UPDATE SET "
                            "billed = billed + excluded.billed, effective = effective + excluded.effective, "
                            "list = list + excluded.list",
                            10);
            for (const auto &[k, s] : rows) {
                const auto &v = k.v;
                if (!res.add({v[0], v[1], v[2], v[3], v[4], v[5], v[6], s.billed, s.effective, s.list}, error))
                    return false;
                const auto *items = tagItems(k.v[6]);
                if (!items)
                    return internError(error);
                for (const auto &[key, value] : *items) {
                    Sums &t = tags[Key<4>{{key, k.v[1], k.v[0], value}}];
                    t.billed += s.billed;
                    t.effective += s.effective;
                    t.list += s.list;
                }
                Sums &m = months[Key<3>{{monthOf(k.v[1]), k.v[0], k.v[2]}}];
                m.billed += s.billed;
                m.effective += s.effective;
                m.list += s.list;
            }
            if (!res.finish(error))
                return false;
            byResource.clear();
        }
        {
            std::vector<std::pair<Key<4>, Sums>> rows(tags.begin(), tags.end());
            tags.clear();
            std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) { return a.first.v < b.first.v; });
            RowInserter ins(db, "INSERT INTO rollup_tag_daily(key_id, day, period_id, value_id, billed, effective, "
                                "list)",
                            "ON CONFLICT(key_id, day, period_id, value_id) DO UPDATE SET "
                            "billed = billed + excluded.billed, effective = effective + excluded.effective, "
                            "list = list + excluded.list",
                            7);
            for (const auto &[k, s] : rows) {
                const auto &v = k.v;
                if (!ins.add({v[0], v[1], v[2], v[3], s.billed, s.effective, s.list}, error))
                    return false;
            }
            if (!ins.finish(error))
                return false;
        }
        {
            std::vector<std::pair<Key<3>, Sums>> rows(months.begin(), months.end());
            months.clear();
            std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) { return a.first.v < b.first.v; });
            RowInserter ins(db, "INSERT INTO rollup_resource_monthly(month, period_id, resource, billed, effective, "
                                "list)",
                            "ON CONFLICT(month, period_id, resource) DO UPDATE SET "
                            "billed = billed + excluded.billed, effective = effective + excluded.effective, "
                            "list = list + excluded.list",
                            6);
            for (const auto &[k, s] : rows) {
                const auto &v = k.v;
                if (!ins.add({v[0], v[1], v[2], s.billed, s.effective, s.list}, error))
                    return false;
            }
            if (!ins.finish(error))
                return false;
        }
        return true;
    }

    // A costs-only write into a workspace without line items (the first import) drops the
    // secondary indexes of the line items and rollups inside its transaction and creates them
    // again, from the same SQL, before commit: one sort per index instead of a descent of the
    // tree per row (the day x resource rollup's (resource, day) index takes its keys in random
    // order). A rollback, or a crash, restores them with everything else.
    bool dropIndexesIfEmpty(QString *error)
    {
        {
            Statement any(db, "SELECT 1 FROM line_item LIMIT 1");
            if (any.next())
                return true;
            if (!any.ok())
                return stmtError(error, any);
        }
        std::vector<QByteArray> names;
        {
            Statement list(db, R"sql(SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
                AND tbl_name IN ('line_item', 'rollup_daily', 'rollup_resource_daily', 'rollup_tag_daily',
                                 'rollup_resource_monthly') ORDER BY name)sql");
            while (list.next()) {
                names.push_back(list.columnText(0).toUtf8());
                droppedIndexes.push_back(list.columnText(1).toUtf8());
            }
            if (!list.ok())
                return stmtError(error, list);
        }
        for (const QByteArray &name : names) {
            if (!db.exec(QByteArray("DROP INDEX \"" + name + "\"").constData()))
                return dbError(error, db);
        }
        return true;
    }

    bool createDroppedIndexes(QString *error)
    {
        const Timed timed(timings.indexes);
        for (const QByteArray &sql : droppedIndexes) {
            if (!db.exec(sql.constData()))
                return dbError(error, db);
        }
        droppedIndexes.clear();
        return true;
    }

    // Why the last intern(), internSet() or tagItems() failed: the statement's own error, kept
    // because the calls after it (lookups that succeed) clear the connection's last error.
    QString failure;
    int64_t failed(const Statement &st)
    {
        failure = describeSqliteError(st.errorCode(), st.error());
        return -1;
    }
    bool internError(QString *error)
    {
        return setError(error, failure.isEmpty() ? describeSqliteError(db.lastErrorCode(), db.lastError()) : failure);
    }

    int64_t intern(const QString &s)
    {
        // After a failed insert nothing else may be written: SQLite may have rolled the whole
        // transaction back (a full disk does), so a later insert would commit on its own.
        if (!failure.isEmpty())
            return -1;
        if (s.isEmpty())
            return 0;
        const bool owned = s.data_ptr().isMutable();
        if (owned) {
            auto same = stringsByData.find(s.constData());
            if (same != stringsByData.end() && same->second.first.size() == s.size())
                return same->second.second;
            if (stringsByData.size() >= static_cast<size_t>(kMaxStrings))
                stringsByData.clear();
        }
        auto it = strings.constFind(s);
        if (it != strings.constEnd()) {
            if (owned)
                stringsByData[s.constData()] = {s, it.value()};
            return it.value();
        }
        int64_t id = -1;
        findStr.reset();
        findStr.bind(1, s);
        if (findStr.next()) {
            id = findStr.columnInt(0);
        } else {
            insertStr.bind(1, s);
            if (!insertStr.run())
                return failed(insertStr);
            id = db.lastInsertId();
        }
        findStr.reset();
        if (strings.size() >= kMaxStrings)
            strings.clear();
        strings.insert(s, id);
        if (owned)
            stringsByData[s.constData()] = {s, id};
        return id;
    }

    // Canonical digest of a key/value set: sorted by key, last value of a repeated key wins.
    // Cached on the exact list, so a repeated list costs one hash lookup.
    int64_t internSet(const Tags &tags)
    {
        if (!failure.isEmpty())
            return -1;
        if (tags.isEmpty())
            return 0;
        auto same = setsByList.find(tags.constData());
        if (same != setsByList.end() && same->second.first.size() == tags.size())
            return same->second.second;
        const auto remember = [&](int64_t id) {
            if (tags.isDetached()) // a row's own list, shared with nobody: its address never comes back
                return id;
            if (setsByList.size() >= static_cast<size_t>(kMaxSets))
                setsByList.clear();
            setsByList[tags.constData()] = {tags, id};
            return id;
        };
        auto cached = sets.constFind(tags);
        if (cached != sets.constEnd())
            return remember(cached.value());
        std::map<QString, QString> sorted;
        for (const auto &kv : tags)
            if (!kv.first.isEmpty())
                sorted[kv.first] = kv.second;
        int64_t id = 0;
        if (!sorted.empty()) {
            QByteArray canon;
            for (const auto &[k, v] : sorted) {
                canon += k.toUtf8();
                canon += '\x1f';
                canon += v.toUtf8();
                canon += '\x1e';
            }
            const QByteArray digest = QCryptographicHash::hash(canon, QCryptographicHash::Sha1);
            findSet.reset();
            findSet.bindBlob(1, digest);
            if (findSet.next()) {
                id = findSet.columnInt(0);
                findSet.reset();
            } else {
                findSet.reset();
                insertSet.bindBlob(1, digest);
                if (!insertSet.run())
                    return failed(insertSet);
                id = db.lastInsertId();
                std::vector<std::pair<int64_t, int64_t>> items;
                for (const auto &[k, v] : sorted) {
                    const int64_t kid = intern(k), vid = intern(v);
                    if (kid < 0 || vid < 0)
                        return -1;
                    insertSetItem.bind(1, id).bind(2, kid).bind(3, vid);
                    if (!insertSetItem.run())
                        return failed(insertSetItem);
                    if (vid != 0)
                        items.emplace_back(kid, vid);
                }
                if (setItems.size() >= kMaxSetItems)
                    setItems.clear();
                setItems.emplace(id, std::move(items));
            }
        }
        if (sets.size() >= kMaxSets)
            sets.clear();
        sets.insert(tags, id);
        return remember(id);
    }
};

CostWriter::CostWriter(CostStore &store) : d(std::make_unique<Impl>(store.db())), m_store(store) {}

CostWriter::~CostWriter() { rollback(); }

bool CostWriter::holdsImportedSources()
{
    Statement st(m_store.db(), "SELECT 1 FROM source WHERE period_count > 0 LIMIT 1");
    return st.next() || !st.ok();
}

bool CostWriter::isAlreadyImported(const QString &digest)
{
    if (digest.isEmpty())
        return false;
    // A source that lost one of its periods to a newer import must be imported again.
    Statement st(m_store.db(), R"sql(
        SELECT 1 FROM source s WHERE s.digest = ?1 AND s.period_count > 0
          AND s.period_count = (SELECT count(*) FROM billing_period p WHERE p.source_id = s.id) LIMIT 1)sql");
    st.bind(1, digest);
    return st.next();
}

bool CostWriter::begin(const SourceInfo &source, QString *error, Mode mode)
{
    if (m_txn)
        return setError(error, QStringLiteral("a write is already in progress"));
    if (!m_store.isOpen())
        return setError(error, QStringLiteral("the workspace is not open"));
    m_summary = {};
    d->resetSession();
    // The pragma only takes effect outside a transaction; inside one it is a no-op and the
    // checks simply stay on.
    if (mode == Mode::CostsOnly) {
        m_foreignKeysOff = m_store.db().exec("PRAGMA foreign_keys = OFF");
        // The indexes dropped for a first import are built again by SQLite's sorter, which keeps
        // everything in memory while temporary storage is in memory (the store's setting):
        // 340 MiB for a 5M-row file. With temporary files it holds at most the page cache's
        // size and spills the rest to disk. Like the pragma above, only outside a transaction.
        const int64_t temp = m_store.db().queryInt("PRAGMA temp_store", -1);
        if (temp != 1 && m_store.db().exec("PRAGMA temp_store = FILE"))
            d->savedTempStore = temp;
        // An import writes mostly in key order and keeps its sums in memory itself; a smaller page
        // cache than the store's leaves room for the batches the importer's two threads hold.
        const int64_t cache = m_store.db().queryInt("PRAGMA cache_size", 0);
        if ((cache < 0 ? -cache : 0) > Impl::kImportCacheKiB
            && m_store.db().exec(QByteArray("PRAGMA cache_size = -" + QByteArray::number(Impl::kImportCacheKiB)).constData()))
            d->savedCacheSize = cache;
        // With no other connection on the workspace (the command line's import), a rollback journal
        // instead of the WAL: pages the transaction adds to the file are written once, where the
        // WAL writes every page twice (into the log, then into the file at the checkpoint), and
        // only the pages that existed before are journalled. A crash still leaves the old or the
        // new content (the journal rolls an unfinished write back). SQLite refuses the switch while
        // another connection has the file open (a window, a worker): that write stays in WAL
        // mode, so readers are never locked out by it. Tried without waiting for locks.
        const int64_t busy = m_store.db().queryInt("PRAGMA busy_timeout", 0);
        if (m_store.db().exec("PRAGMA busy_timeout = 0")) {
            Statement journal(m_store.db(), "PRAGMA journal_mode = DELETE");
            d->rollbackJournal = journal.next() && journal.columnText(0) == u"delete";
            journal.reset();
            m_store.db().exec(QByteArray("PRAGMA busy_timeout = " + QByteArray::number(busy)).constData());
        }
    }
    m_txn = std::make_unique<Transaction>(m_store.db());
    if (!m_txn->isActive()) {
        const QString why = m_txn->error();
        m_txn.reset();
        endSession();
        return setError(error, QStringLiteral("cannot start writing: %1").arg(why));
    }
    if (mode == Mode::CostsOnly) {
        QString why;
        if (!d->dropIndexesIfEmpty(&why)) {
            rollback();
            return setError(error, why);
        }
    }
    d->prepare();
    Statement ins(m_store.db(), "INSERT INTO source(kind, name, digest, format, imported_at) VALUES (?,?,?,?,?)");
    ins.bind(1, source.kind).bind(2, source.name).bind(3, source.digest).bind(4, source.format);
    ins.bind(5, static_cast<int64_t>(QDateTime::currentSecsSinceEpoch()));
    if (!ins.run()) {
        const QString why = describeSqliteError(ins.errorCode(), ins.error());
        rollback();
        return setError(error, why);
    }
    d->sourceId = m_store.db().lastInsertId();
    d->sourceDigest = source.digest;
    return true;
}

bool CostWriter::setSourceDigest(const QString &digest, QString *error)
{
    if (!m_txn)
        return setError(error, QStringLiteral("setSourceDigest() outside begin()/commit()"));
    FailureGuard guard(*this);
    Statement st(m_store.db(), "UPDATE source SET digest = ? WHERE id = ?");
    st.bind(1, digest).bind(2, d->sourceId);
    if (!st.run())
        return stmtError(error, st);
    d->sourceDigest = digest;
    return guard.succeed();
}

bool CostWriter::add(const CostBatch &batch, QString *error)
{
    if (!m_txn)
        return setError(error, QStringLiteral("add() outside begin()/commit()"));
    FailureGuard guard(*this);
    if (batch.provider.isEmpty())
        return setError(error, QStringLiteral("a cost batch has no provider"));
    if (!batch.periodStart.isValid() || !batch.periodEnd.isValid() || batch.periodEnd <= batch.periodStart)
        return setError(error, QStringLiteral("a cost batch has no valid billing period"));
    auto &db = m_store.db();
    const int64_t provider = d->intern(batch.provider);
    const int64_t account = d->intern(batch.billingAccountId);
    const int64_t accountName = d->intern(batch.billingAccountName);
    const int64_t currency = d->intern(batch.currency.isEmpty() ? QStringLiteral("USD") : batch.currency);
    if (provider < 0 || account < 0 || accountName < 0 || currency < 0)
        return d->internError(error);
    const int64_t pStart = dayNumber(batch.periodStart);
    const int64_t pEnd = dayNumber(batch.periodEnd);

    const auto key = std::make_tuple(provider, account, pStart);
    int64_t periodId = 0;
    auto found = d->periods.find(key);
    if (found != d->periods.end()) {
        periodId = found->second;
    } else {
        Statement old(db, "SELECT id, period_start, period_end FROM billing_period "
                          "WHERE provider = ? AND account = ? AND period_start = ?");
        old.bind(1, provider).bind(2, account).bind(3, pStart);
        if (old.next()) {
            const int64_t oldId = old.columnInt(0);
            const int64_t oldStart = old.columnInt(1), oldEnd = old.columnInt(2);
            // The rollups keyed by day (month) first are deleted by the period's day range on their
            // primary key (every row of a period lies inside its days; schema version 15), the line
            // items by their period's id range (schema version 16).
            const struct
            {
                const char *sql;
                int parameters;
            } deletes[] = {{"DELETE FROM rollup_daily WHERE day >= ?2 AND day < ?3 AND period_id = ?1", 3},
                           {"DELETE FROM rollup_resource_daily WHERE day >= ?2 AND day < ?3 AND period_id = ?1", 3},
                           {"DELETE FROM rollup_tag_daily WHERE period_id = ?1", 1},
                           {"DELETE FROM rollup_resource_monthly WHERE month >= ?4 AND month < ?3 AND period_id = ?1", 4},
                           {"DELETE FROM line_item WHERE id >= ?5 AND id < ?6", 6},
                           {"DELETE FROM billing_period WHERE id = ?1", 1}};
            for (const auto &[sql, parameters] : deletes) {
                Statement del(db, sql);
                del.bind(1, oldId);
                if (parameters >= 3)
                    del.bind(2, oldStart).bind(3, oldEnd);
                if (parameters >= 4)
                    del.bind(4, d->monthOf(oldStart));
                if (parameters >= 6)
                    del.bind(5, firstLineId(oldId)).bind(6, firstLineId(oldId + 1));
                if (!del.run())
                    return stmtError(error, del);
            }
            ++m_summary.periodsReplaced;
        } else if (!old.ok()) {
            return stmtError(error, old);
        }
        Statement ins(db, R"sql(INSERT INTO billing_period(provider, account, account_name, period_start,
            period_end, currency, source_id, row_count, billed_total, written_at) VALUES (?,?,?,?,?,?,?,0,0,?))sql");
        ins.bind(1, provider).bind(2, account).bind(3, accountName).bind(4, pStart).bind(5, pEnd);
        ins.bind(6, currency).bind(7, d->sourceId).bind(8, static_cast<int64_t>(QDateTime::currentSecsSinceEpoch()));
        if (!ins.run())
            return stmtError(error, ins);
        periodId = db.lastInsertId();
        if (periodId < 1 || periodId >= kMaxPeriodId)
            return setError(error, QStringLiteral("the workspace has no billing period number left (%1); "
                                                  "clear its costs and import again")
                                       .arg(periodId));
        // The new period's id range holds no line items: any left there belonged to a period that
        // no longer exists (nothing can reach them). Usually nothing to delete: one index seek.
        Statement orphans(db, "DELETE FROM line_item WHERE id >= ? AND id < ?");
        orphans.bind(1, firstLineId(periodId)).bind(2, firstLineId(periodId + 1));
        if (!orphans.run())
            return stmtError(error, orphans);
        d->periods.emplace(key, periodId);
        ++m_summary.periodsWritten;
    }
    // Remember the billing account's display name.
    if (accountName > 0) {
        Statement acc(db, "INSERT INTO account(id, provider, name) VALUES (?,?,?) "
                          "ON CONFLICT(id) DO UPDATE SET name = excluded.name");
        acc.bind(1, account).bind(2, provider).bind(3, accountName);
        if (!acc.run())
            return stmtError(error, acc);
    }

    auto &totals = d->periodTotals[periodId];
    Statement accountUpsert(db, "INSERT INTO account(id, provider, name) VALUES (?,?,?) "
                                "ON CONFLICT(id) DO UPDATE SET name = excluded.name WHERE excluded.name <> 0");
    QHash<int64_t, int64_t> accountNamesSeen;
    // A row's day and day x resource cells, added to the in-memory rollups.
    struct Cells
    {
        Key<6> daily;
        Key<7> byResource;
        int64_t billed, effective, list;
    };
    std::optional<Cells> waiting;
    const auto addCells = [&](const Cells &c) {
        for (Sums *sums : {&d->daily[c.daily], &d->byResource[c.byResource]}) {
            sums->billed += c.billed;
            sums->effective += c.effective;
            sums->list += c.list;
            ++sums->rows;
        }
        return d->byResource.size() < Impl::kFlushEntries || d->flushRollups(error);
    };
    for (const CostRow &r : batch.rows) {
        const int64_t day = floorDiv(r.chargeStart, kSecondsPerDay);
        if (day < pStart || day >= pEnd)
            return setError(error, QStringLiteral("a charge on %1 lies outside its billing period %2 to %3")
                                       .arg(dateFromDayNumber(static_cast<int32_t>(day)).toString(Qt::ISODate),
                                            batch.periodStart.toString(Qt::ISODate),
                                            batch.periodEnd.toString(Qt::ISODate)));
        const int64_t sub = r.subAccountId.isEmpty() ? account : d->intern(r.subAccountId);
        const int64_t subName = d->intern(r.subAccountName);
        const int64_t service = d->intern(r.serviceName);
        const int64_t serviceCategory = d->intern(r.serviceCategory);
        const int64_t region = d->intern(r.region);
        const int64_t resource = d->intern(r.resourceId);
        const int64_t resourceName = d->intern(r.resourceName);
        const int64_t resourceType = d->intern(r.resourceType);
        const int64_t sku = d->intern(r.skuId);
        const int64_t description = d->intern(r.chargeDescription);
        const int64_t pricingCategory = d->intern(r.pricingCategory);
        const int64_t consumedUnit = d->intern(r.consumedUnit);
        const int64_t pricingUnit = d->intern(r.pricingUnit);
        const int64_t commitment = d->intern(r.commitmentDiscountId);
        const int64_t tagset = d->internSet(r.tags);
        const int64_t attrset = d->internSet(r.extra);
        if (std::min({sub, subName, service, serviceCategory, region, resource, resourceName, resourceType, sku,
                      description, pricingCategory, consumedUnit, pricingUnit, commitment, tagset, attrset})
            < 0)
            return d->internError(error);
        if (subName > 0 && sub != account) {
            auto seen = accountNamesSeen.constFind(sub);
            if (seen == accountNamesSeen.constEnd() || seen.value() != subName) {
                accountUpsert.bind(1, sub).bind(2, provider).bind(3, subName);
                if (!accountUpsert.run())
                    return stmtError(error, accountUpsert);
                accountNamesSeen.insert(sub, subName);
            }
        }
        if (totals.first >= kLinesPerPeriod)
            return setError(error, QStringLiteral("a billing period has more than %1 line items").arg(kLinesPerPeriod));
        Impl::PendingLine &l = d->pending.emplace_back();
        l.v = {firstLineId(periodId) + totals.first, periodId, r.chargeStart, r.chargeEnd, day, sub, service,
               serviceCategory, region, resource, resourceName, resourceType, sku, description,
               static_cast<int64_t>(r.chargeCategory), pricingCategory, 0, consumedUnit, 0, pricingUnit,
               r.billedCost.nanos(), r.effectiveCost.nanos(), r.listCost.nanos(), r.contractedCost.nanos(),
               commitment, tagset, attrset, r.netCost ? r.netCost->nanos() : 0};
        l.consumedQty = r.consumedQuantity;
        l.pricingQty = r.pricingQuantity;
        l.hasNet = r.netCost.has_value();
        if (d->pending.size() == static_cast<size_t>(Impl::kLinesPerInsert) && !d->flushLines(error))
            return false;

        // The row's cells are added one row later: their slots are fetched meanwhile.
        const Cells cells{Key<6>{{periodId, day, sub, service, region, static_cast<int64_t>(r.chargeCategory)}},
                          Key<7>{{periodId, day, resource, sub, service, region, tagset}},
                          r.billedCost.nanos(), r.effectiveCost.nanos(), r.listCost.nanos()};
        d->daily.prefetch(cells.daily);
        d->byResource.prefetch(cells.byResource);
        if (waiting && !addCells(*waiting))
            return false;
        waiting = cells;
        ++totals.first;
        totals.second += r.billedCost.nanos();
    }
    if (waiting && !addCells(*waiting))
        return false;
    if (!d->flushLines(error))
        return false;
    m_summary.rows += static_cast<int64_t>(batch.rows.size());
    return guard.succeed();
}

bool CostWriter::addResources(const ResourceBatch &batch, bool markMissingInactive, QString *error)
{
    if (!m_txn)
        return setError(error, QStringLiteral("addResources() outside begin()/commit()"));
    if (refuseInCostsOnly("addResources()", error))
        return false;
    FailureGuard guard(*this);
    auto &db = m_store.db();
    Statement upsert(db, R"sql(INSERT INTO resource(provider, account, region, resource, name, type, flavor, state,
            first_seen, last_seen, created_at, tagset, active) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,1)
        ON CONFLICT(provider, resource) DO UPDATE SET account = excluded.account, region = excluded.region,
            name = excluded.name, type = excluded.type, flavor = excluded.flavor, state = excluded.state,
            first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen),
            created_at = CASE WHEN excluded.created_at > 0 THEN excluded.created_at ELSE created_at END,
            tagset = excluded.tagset, active = 1
        RETURNING id)sql");
    Statement clearAttach(db, "DELETE FROM attachment WHERE resource_id = ?");
    Statement attach(db, "INSERT OR REPLACE INTO attachment(resource_id, target, kind) VALUES (?,?,?)");
    QList<int64_t> seen;
    const int64_t provider = d->intern(batch.provider);
    for (const ResourceRecord &r : batch.resources) {
        const int64_t resProvider = r.provider.isEmpty() ? provider : d->intern(r.provider);
        const int64_t firstSeen = r.firstSeen ? r.firstSeen : batch.observedAt;
        const int64_t lastSeen = r.lastSeen ? r.lastSeen : batch.observedAt;
        upsert.reset();
        upsert.bind(1, resProvider).bind(2, d->intern(r.accountId.isEmpty() ? batch.accountId : r.accountId));
        upsert.bind(3, d->intern(r.region)).bind(4, d->intern(r.resourceId)).bind(5, d->intern(r.name));
        upsert.bind(6, d->intern(r.type)).bind(7, d->intern(r.flavor)).bind(8, d->intern(r.state));
        upsert.bind(9, firstSeen).bind(10, lastSeen).bind(11, r.createdAt).bind(12, d->internSet(r.tags));
        if (!upsert.next())
            return upsert.ok() ? dbError(error, db) : stmtError(error, upsert);
        const int64_t id = upsert.columnInt(0);
        upsert.reset();
        seen.append(id);
        clearAttach.bind(1, id);
        if (!clearAttach.run())
            return stmtError(error, clearAttach);
        if (!r.attachedTo.isEmpty()) {
            attach.bind(1, id).bind(2, d->intern(r.attachedTo)).bind(3, d->intern(r.attachmentKind));
            if (!attach.run())
                return stmtError(error, attach);
        }
        ++m_summary.resources;
    }
    if (markMissingInactive && !batch.accountId.isEmpty()) {
        if (!db.exec("CREATE TEMP TABLE IF NOT EXISTS seen_resource(id INTEGER PRIMARY KEY)")
            || !db.exec("DELETE FROM seen_resource"))
            return dbError(error, db);
        Statement mark(db, "INSERT OR IGNORE INTO seen_resource(id) VALUES (?)");
        for (int64_t id : seen) {
            mark.bind(1, id);
            if (!mark.run())
                return stmtError(error, mark);
        }
        Statement inactive(db, R"sql(UPDATE resource SET active = 0 WHERE provider = ? AND account = ?
            AND active = 1 AND id NOT IN (SELECT id FROM seen_resource))sql");
        inactive.bind(1, provider).bind(2, d->intern(batch.accountId));
        if (!inactive.run())
            return stmtError(error, inactive);
    }
    return guard.succeed();
}

bool CostWriter::addMetrics(const MetricSeries &series, QString *error)
{
    if (!m_txn)
        return setError(error, QStringLiteral("addMetrics() outside begin()/commit()"));
    if (refuseInCostsOnly("addMetrics()", error))
        return false;
    if (series.points.empty())
        return true;
    FailureGuard guard(*this);
    auto &db = m_store.db();
    Statement find(db, "SELECT id FROM resource WHERE provider = ? AND resource = ?");
    find.bind(1, d->intern(series.provider)).bind(2, d->intern(series.resourceId));
    if (!find.next())
        return setError(error, QStringLiteral("metrics for unknown resource %1").arg(series.resourceId));
    const int64_t rid = find.columnInt(0);
    const int64_t metric = d->intern(series.metric);
    Statement ins(db, "INSERT OR REPLACE INTO metric_point(resource_id, metric, t, value) VALUES (?,?,?,?)");
    int64_t tMin = series.points.front().time, tMax = tMin;
    for (const MetricPoint &p : series.points) {
        ins.bind(1, rid).bind(2, metric).bind(3, p.time).bind(4, p.value);
        if (!ins.run())
            return stmtError(error, ins);
        tMin = std::min(tMin, p.time);
        tMax = std::max(tMax, p.time);
    }
    Statement daily(db, R"sql(INSERT OR REPLACE INTO metric_daily(resource_id, metric, day, avg, max, samples)
        SELECT resource_id, metric, (t - ?3) / 86400 + ?3 / 86400, avg(value), max(value), count(*)
        FROM metric_point WHERE resource_id = ?1 AND metric = ?2 AND t >= ?3 AND t < ?4
        GROUP BY (t - ?3) / 86400)sql");
    daily.bind(1, rid).bind(2, metric).bind(3, floorDiv(tMin, kSecondsPerDay) * kSecondsPerDay);
    daily.bind(4, (floorDiv(tMax, kSecondsPerDay) + 1) * kSecondsPerDay);
    if (!daily.run())
        return stmtError(error, daily);
    return guard.succeed();
}

bool CostWriter::addExperiment(const MlExperiment &e, QString *error)
{
    if (!m_txn)
        return setError(error, QStringLiteral("addExperiment() outside begin()/commit()"));
    if (refuseInCostsOnly("addExperiment()", error))
        return false;
    FailureGuard guard(*this);
    Statement st(m_store.db(), R"sql(INSERT INTO ml_experiment(name, description, primary_metric, maximize,
            created_ms, tagset) VALUES (?,?,?,?,?,?)
        ON CONFLICT(name) DO UPDATE SET description = excluded.description,
            primary_metric = excluded.primary_metric, maximize = excluded.maximize, tagset = excluded.tagset)sql");
    st.bind(1, e.name).bind(2, e.description).bind(3, e.primaryMetric).bind(4, e.maximize ? 1 : 0);
    st.bind(5, static_cast<int64_t>(QDateTime::currentMSecsSinceEpoch())).bind(6, d->internSet(e.tags));
    if (!st.run())
        return stmtError(error, st);
    return guard.succeed();
}

bool CostWriter::addRuns(const std::vector<MlRun> &runs, QString *error)
{
    if (!m_txn)
        return setError(error, QStringLiteral("addRuns() outside begin()/commit()"));
    if (refuseInCostsOnly("addRuns()", error))
        return false;
    FailureGuard guard(*this);
    auto &db = m_store.db();
    Statement findExp(db, "SELECT id FROM ml_experiment WHERE name = ?");
    Statement makeExp(db, "INSERT INTO ml_experiment(name, created_ms) VALUES (?, ?)");
    Statement upsert(db, R"sql(INSERT INTO ml_run(uuid, experiment_id, name, status, start_ms, end_ms,
            instance_id, instance_type, host, dataset) VALUES (?,?,?,?,?,?,?,?,?,?)
        ON CONFLICT(uuid) DO UPDATE SET experiment_id = excluded.experiment_id, name = excluded.name,
            status = excluded.status, start_ms = excluded.start_ms, end_ms = excluded.end_ms,
            instance_id = excluded.instance_id, instance_type = excluded.instance_type, host = excluded.host,
            dataset = excluded.dataset
        RETURNING id)sql");
    Statement param(db, "INSERT OR REPLACE INTO ml_param(run_id, key, value) VALUES (?,?,?)");
    Statement tag(db, "INSERT OR REPLACE INTO ml_tag(run_id, key, value) VALUES (?,?,?)");
    // Importing the same run again does not repeat its metric points.
    Statement metric(db, R"sql(INSERT INTO ml_metric(run_id, key, step, ts, value) SELECT ?1, ?2, ?3, ?4, ?5
        WHERE NOT EXISTS (SELECT 1 FROM ml_metric WHERE run_id = ?1 AND key = ?2 AND step = ?3 AND ts = ?4
                          AND value = ?5))sql");
    for (const MlRun &run : runs) {
        findExp.reset();
        findExp.bind(1, run.experimentName);
        int64_t expId = 0;
        if (findExp.next()) {
            expId = findExp.columnInt(0);
        } else {
            makeExp.bind(1, run.experimentName).bind(2, static_cast<int64_t>(QDateTime::currentMSecsSinceEpoch()));
            if (!makeExp.run())
                return stmtError(error, makeExp);
            expId = db.lastInsertId();
        }
        findExp.reset();
        upsert.reset();
        upsert.bind(1, run.runUuid).bind(2, expId).bind(3, run.name).bind(4, run.status).bind(5, run.startMs);
        upsert.bind(6, run.endMs).bind(7, run.instanceId).bind(8, run.instanceType).bind(9, run.host);
        upsert.bind(10, run.dataset);
        if (!upsert.next())
            return upsert.ok() ? dbError(error, db) : stmtError(error, upsert);
        const int64_t runId = upsert.columnInt(0);
        upsert.reset();
        for (const auto &p : run.params) {
            param.bind(1, runId).bind(2, p.first).bind(3, p.second);
            if (!param.run())
                return stmtError(error, param);
        }
        for (const auto &t : run.tags) {
            tag.bind(1, runId).bind(2, t.first).bind(3, t.second);
            if (!tag.run())
                return stmtError(error, tag);
        }
        for (const MlMetricPoint &m : run.metrics) {
            metric.bind(1, runId).bind(2, m.key).bind(3, m.step).bind(4, m.timestampMs).bind(5, m.value);
            if (!metric.run())
                return stmtError(error, metric);
        }
        ++m_summary.runs;
    }
    return guard.succeed();
}

bool CostWriter::addSaas(const SaasBatch &batch, QString *error)
{
    if (!m_txn)
        return setError(error, QStringLiteral("addSaas() outside begin()/commit()"));
    FailureGuard guard(*this);
    const QString service = batch.service.trimmed(), account = batch.account.trimmed();
    const QString what = QStringLiteral("%1 usage of account %2").arg(service, account);
    if (service.isEmpty() || account.isEmpty())
        return setError(error, QStringLiteral("a saas batch needs a service and an account"));
    if (batch.source.isEmpty())
        return setError(error, QStringLiteral("%1: no source").arg(what));
    if (!batch.from.isValid() || !batch.to.isValid() || batch.from >= batch.to)
        return setError(error, QStringLiteral("%1: invalid day range").arg(what));
    const int64_t from = dayNumber(batch.from), to = dayNumber(batch.to);
    auto &db = m_store.db();
    const std::set<int64_t> *taken = nullptr; // fill-in: days another source holds
    if (batch.fillIn) {
        if (!batch.queries.empty())
            return setError(error, QStringLiteral("%1: a fill-in batch holds usage rows only").arg(what));
        const auto key = std::make_tuple(service, account, from, to, batch.source);
        auto found = d->saasTaken.find(key);
        if (found == d->saasTaken.end()) {
            // Its own earlier rows go; the days other sources hold are left to them.
            Statement del(db, "DELETE FROM saas_usage_daily WHERE service = ? AND account = ? AND day >= ? AND day < ? "
                              "AND source = ?");
            del.bind(1, service).bind(2, account).bind(3, from).bind(4, to).bind(5, batch.source);
            if (!del.run())
                return stmtError(error, del);
            Statement days(db, "SELECT DISTINCT day FROM saas_usage_daily WHERE service = ? AND account = ? AND day >= ? "
                               "AND day < ? AND source <> ?");
            days.bind(1, service).bind(2, account).bind(3, from).bind(4, to).bind(5, batch.source);
            std::set<int64_t> held;
            while (days.next())
                held.insert(days.columnInt(0));
            if (!days.ok())
                return stmtError(error, days);
            found = d->saasTaken.emplace(key, std::move(held)).first;
        }
        taken = &found->second;
    } else if (d->saasCleared.insert({service, account, from, to}).second) {
        for (const char *sql : {"DELETE FROM saas_usage_daily WHERE service = ? AND account = ? AND day >= ? AND day < ?",
                                "DELETE FROM saas_query WHERE service = ? AND account = ? AND day >= ? AND day < ?"}) {
            Statement del(db, sql);
            del.bind(1, service).bind(2, account).bind(3, from).bind(4, to);
            if (!del.run())
                return stmtError(error, del);
        }
    } // else: a later part of a range written in this session; its rows are added to the earlier ones
    auto sameKey = [&](const QString &rowService, const QString &rowAccount) {
        return (rowService.isEmpty() || rowService == service) && (rowAccount.isEmpty() || rowAccount == account);
    };
    // Each row's numbers are checked here. Rows of the same key are summed (the same key twice, or
    // a later part of the same range): SQLite turns an integer sum past 64 bits into a real and a
    // real sum past the largest double into infinity, so the sums are checked too, by a scan of
    // the range, but only once the absolute values of every usage row of the session together
    // could reach such a sum (saasAbsCost; saasAbsQuantity against half the largest double, a
    // margin for rounding); below that no sum can.
    Statement usage(db, R"sql(INSERT INTO saas_usage_daily(service, account, day, entity_kind, entity, usage_type,
            quantity, unit, cost, currency, source) VALUES (?,?,?,?,?,?,?,?,?,?,?)
        ON CONFLICT(service, account, day, entity_kind, entity, usage_type) DO UPDATE SET
            quantity = quantity + excluded.quantity, cost = cost + excluded.cost, source = excluded.source)sql");
    const QByteArray serviceUtf8 = service.toUtf8(), accountUtf8 = account.toUtf8(), sourceUtf8 = batch.source.toUtf8();
    size_t skipped = 0;
    for (size_t i = 0; i < batch.usage.size(); ++i) {
        const SaasUsageRow &r = batch.usage[i];
        const auto row = [&] { return QStringLiteral("%1, usage row %2").arg(what).arg(i + 1); };
        if (!sameKey(r.service, r.account))
            return setError(error, QStringLiteral("%1 belongs to %2 %3").arg(row(), r.service, r.account));
        if (!r.day.isValid() || dayNumber(r.day) < from || dayNumber(r.day) >= to)
            return setError(error, QStringLiteral("%1: day %2 outside the batch's range")
                                       .arg(row(), r.day.toString(Qt::ISODate)));
        if (r.entityKind.isEmpty() || r.usageType.isEmpty() || r.unit.isEmpty() || r.currency.isEmpty())
            return setError(error,
                            QStringLiteral("%1: entity kind, usage type, unit and currency are required").arg(row()));
        if (!std::isfinite(r.quantity))
            return setError(error, QStringLiteral("%1: quantity is not a number").arg(row()));
        if (taken && taken->count(dayNumber(r.day))) {
            ++skipped;
            continue;
        }
        usage.bindUtf8(1, serviceUtf8).bindUtf8(2, accountUtf8).bind(3, static_cast<int64_t>(dayNumber(r.day)));
        usage.bind(4, r.entityKind).bind(5, r.entity).bind(6, r.usageType).bind(7, r.quantity).bind(8, r.unit);
        usage.bind(9, r.cost.nanos()).bind(10, r.currency).bindUtf8(11, sourceUtf8);
        if (!usage.run())
            return stmtError(error, usage);
        const uint64_t cost = r.cost.nanos() < 0 ? 0 - static_cast<uint64_t>(r.cost.nanos()) : static_cast<uint64_t>(r.cost.nanos());
        d->saasAbsCost = cost > kMaxSum - d->saasAbsCost ? kMaxSum : d->saasAbsCost + cost;
        d->saasAbsQuantity += std::abs(r.quantity);
    }
    if (d->saasAbsCost >= kMaxSum || !(d->saasAbsQuantity <= std::numeric_limits<double>::max() / 2)) {
        Statement sums(db, "SELECT count(*) FROM saas_usage_daily WHERE service = ? AND account = ? AND day >= ? "
                           "AND day < ? AND (quantity IS NULL OR abs(quantity) > 1.7976931348623157e308 "
                           "OR typeof(cost) <> 'integer')");
        sums.bindUtf8(1, serviceUtf8).bindUtf8(2, accountUtf8).bind(3, from).bind(4, to);
        if (!sums.next())
            return stmtError(error, sums);
        if (sums.columnInt(0) > 0)
            return setError(error, QStringLiteral("%1: the quantity or cost of a day adds up to more than can be held")
                                       .arg(what));
    }
    Statement query(db, R"sql(INSERT OR REPLACE INTO saas_query(service, account, query_id, day, started_ms,
            duration_ms, user_name, scope, statement_type, query_text, bytes_scanned, bytes_billed, slot_ms,
            credits, cost, currency, full_scan, source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?))sql");
    for (size_t i = 0; i < batch.queries.size(); ++i) {
        const SaasQueryRow &q = batch.queries[i];
        const auto row = [&] { return QStringLiteral("%1, query %2").arg(what).arg(i + 1); };
        if (!sameKey(q.service, q.account))
            return setError(error, QStringLiteral("%1 belongs to %2 %3").arg(row(), q.service, q.account));
        if (q.queryId.isEmpty() || q.currency.isEmpty())
            return setError(error, QStringLiteral("%1: query id and currency are required").arg(row()));
        const QDateTime started = q.started.toUTC();
        const int64_t day = started.isValid() ? dayNumber(started.date()) : from - 1;
        if (day < from || day >= to)
            return setError(error, QStringLiteral("%1 (%2): start %3 outside the batch's range")
                                       .arg(row(), q.queryId, started.toString(Qt::ISODate)));
        if (!std::isfinite(q.credits) || q.durationMs < 0 || q.bytesScanned < 0 || q.bytesBilled < 0 || q.slotMs < 0)
            return setError(error, QStringLiteral("%1 (%2): negative or non-finite usage").arg(row(), q.queryId));
        query.bind(1, service).bind(2, account).bind(3, q.queryId).bind(4, day);
        query.bind(5, static_cast<int64_t>(started.toMSecsSinceEpoch())).bind(6, q.durationMs).bind(7, q.user);
        query.bind(8, q.scope).bind(9, q.statementType).bind(10, shortenedQueryText(q.text));
        query.bind(11, q.bytesScanned).bind(12, q.bytesBilled).bind(13, q.slotMs).bind(14, q.credits);
        query.bind(15, q.cost.nanos()).bind(16, q.currency).bind(17, q.fullScan ? 1 : 0);
        query.bind(18, batch.source);
        if (!query.run())
            return stmtError(error, query);
    }
    m_summary.saasRows += static_cast<int64_t>(batch.usage.size() - skipped + batch.queries.size());
    return guard.succeed();
}

bool CostWriter::clearAllInTransaction(QString *error)
{
    if (!m_txn)
        return setError(error, QStringLiteral("clearAllInTransaction() outside begin()/commit()"));
    if (refuseInCostsOnly("clearAllInTransaction()", error))
        return false;
    if (!d->periods.empty() || !d->strings.isEmpty() || !d->sets.isEmpty() || !d->saasCleared.empty())
        return setError(error, QStringLiteral("clearAllInTransaction() must come right after begin()"));
    FailureGuard guard(*this);
    auto &db = m_store.db();
    static const char *const kClear = R"sql(
        DELETE FROM ml_sweep; DELETE FROM ml_metric; DELETE FROM ml_param; DELETE FROM ml_tag; DELETE FROM ml_run;
        DELETE FROM ml_experiment; DELETE FROM saas_usage_daily; DELETE FROM saas_query;
        DELETE FROM metric_daily; DELETE FROM metric_point; DELETE FROM attachment; DELETE FROM resource;
        DELETE FROM rollup_tag_daily; DELETE FROM rollup_resource_monthly;
        DELETE FROM rollup_resource_daily; DELETE FROM rollup_daily; DELETE FROM line_item;
        DELETE FROM billing_period; DELETE FROM account;
        DELETE FROM kvset_item; DELETE FROM kvset WHERE id <> 0; DELETE FROM str WHERE id <> 0;
    )sql";
    if (!db.exec(kClear))
        return dbError(error, db);
    Statement sources(db, "DELETE FROM source WHERE id <> ?");
    sources.bind(1, d->sourceId);
    if (!sources.run())
        return dbError(error, db);
    return guard.succeed();
}

bool CostWriter::commit(QString *error)
{
    if (!m_txn)
        return setError(error, QStringLiteral("commit() without begin()"));
    auto &db = m_store.db();
    auto failed = [&](const QString &why) {
        rollback();
        return setError(error, why);
    };
    {
        QString why;
        if (!d->flushLines(&why) || !d->flushRollups(&why) || !d->createDroppedIndexes(&why))
            return failed(why);
        Statement upd(db, "UPDATE billing_period SET row_count = row_count + ?, billed_total = billed_total + ? "
                          "WHERE id = ?");
        for (const auto &[id, t] : d->periodTotals) {
            upd.bind(1, t.first).bind(2, t.second).bind(3, id);
            if (!upd.run())
                return failed(describeSqliteError(upd.errorCode(), upd.error()));
        }
        Statement count(db, "UPDATE source SET period_count = (SELECT count(*) FROM billing_period "
                            "WHERE source_id = ?1) WHERE id = ?1");
        count.bind(1, d->sourceId);
        if (!count.run())
            return failed(describeSqliteError(count.errorCode(), count.error()));
        // Sources whose periods were all replaced since hold nothing any more; drop them.
        Statement orphans(db, "DELETE FROM source WHERE id <> ? AND id NOT IN (SELECT source_id FROM billing_period)");
        orphans.bind(1, d->sourceId);
        if (!orphans.run())
            return failed(describeSqliteError(orphans.errorCode(), orphans.error()));
    }
    // Release statements before COMMIT so no reader is left open.
    d->releaseStatements();
    QElapsedTimer committing;
    committing.start();
    if (!m_txn->commit()) {
        const QString why = m_txn->error();
        m_txn.reset();
        d->resetSession();
        endSession();
        return setError(error, why);
    }
    qCDebug(lcTiming, "session of %lld rows: line items %lld ms, rollups %lld ms, indexes %lld ms, commit %lld ms",
            static_cast<long long>(m_summary.rows), static_cast<long long>(d->timings.lines / 1000000),
            static_cast<long long>(d->timings.rollups / 1000000), static_cast<long long>(d->timings.indexes / 1000000),
            static_cast<long long>(committing.elapsed()));
    m_txn.reset();
    d->resetSession();
    endSession();
    return true;
}

void CostWriter::rollback()
{
    if (!m_txn)
        return;
    d->releaseStatements();
    m_txn->rollback();
    m_txn.reset();
    d->resetSession();
    endSession();
}

void CostWriter::endSession()
{
    if (m_foreignKeysOff)
        m_store.db().exec("PRAGMA foreign_keys = ON");
    m_foreignKeysOff = false;
    if (d->savedTempStore >= 0)
        m_store.db().exec(QByteArray("PRAGMA temp_store = " + QByteArray::number(d->savedTempStore)).constData());
    d->savedTempStore = -1;
    if (d->savedCacheSize != 0)
        m_store.db().exec(QByteArray("PRAGMA cache_size = " + QByteArray::number(d->savedCacheSize)).constData());
    d->savedCacheSize = 0;
    if (d->rollbackJournal && !m_store.db().exec("PRAGMA journal_mode = WAL"))
        qCWarning(lcWriter) << "cannot go back to WAL mode after an import:" << m_store.db().lastError()
                            << "(the workspace's next opening does)";
    d->rollbackJournal = false;
}

bool CostWriter::refuseInCostsOnly(const char *call, QString *error)
{
    if (!m_foreignKeysOff)
        return false;
    rollback();
    setError(error, QStringLiteral("%1 is not allowed in a costs-only write").arg(QLatin1String(call)));
    return true;
}

bool CostWriter::write(const SourceInfo &source, const std::vector<CostBatch> &batches, QString *error)
{
    if (!begin(source, error))
        return false;
    for (const CostBatch &b : batches) {
        if (!add(b, error)) {
            rollback();
            return false;
        }
    }
    return commit(error);
}

} // namespace costscope::store
