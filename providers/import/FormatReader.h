#pragma once

#include "model/Domain.h"
#include "providers/import/CsvReader.h"

#include <QDate>
#include <QHash>
#include <QString>
#include <QStringList>

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace costscope::import {

// One line item with where it belongs: provider, billing account and billing period.
struct MappedRow
{
    QString provider;
    QString accountId;
    QString accountName;
    QString currency;
    QDate periodStart;
    QDate periodEnd; // exclusive
    CostRow row;
};

// Why a row could not be mapped: the 1-based column and what was expected.
struct MapError
{
    int column = 0;
    QString message;
};

// One billing format. detect() looks at the header only; bind() resolves the columns the
// mapper needs; map() turns the reader's current record into zero or more line items
// (GCP credits become rows of their own).
class FormatReader
{
public:
    virtual ~FormatReader() = default;

    // "FOCUS 1.0", "AWS CUR (legacy)", ...
    virtual QString formatName() const = 0;
    // False with a message when a required column is missing.
    virtual bool bind(const QStringList &header, QStringList *warnings, QString *error) = 0;
    virtual bool map(const CsvReader &csv, std::vector<MappedRow> *out, MapError *error) = 0;
    // The usage detail for the saas tables gathered while mapping (AWS CUR: S3 and Redshift),
    // handed out after the last row and, when saasPartReady(), as a part in the middle of the
    // file; source is "import:<file name>".
    virtual std::vector<SaasBatch> takeSaasBatches(const QString &source)
    {
        Q_UNUSED(source)
        return {};
    }
    // True once the usage gathered holds maxCells (day, entity, usage type) cells or more: the
    // importer then takes it as a part (the writer adds parts of the same batch up).
    virtual bool saasPartReady(size_t maxCells) const
    {
        Q_UNUSED(maxCells)
        return false;
    }
};

// Picks the reader for a header, or nullptr with a message that says what was looked for.
std::unique_ptr<FormatReader> detectFormat(const QStringList &header, QString *error);

// A bounded map from a cell's bytes to a value converted from them (text, parsed tags): an
// open-addressing table with the bytes in one arena, so a lookup is one hash of the bytes, one
// probe of a flat array and one memcmp, without a node per entry or a std::string key. Holds at
// most kMaxEntries values of at most kMaxBytes bytes each (about 17 MiB in all); a full map
// starts again empty.
template <typename T>
class CellMap
{
public:
    static constexpr size_t kMaxEntries = 65536;
    static constexpr qsizetype kMaxBytes = 256;

    // The value stored for these bytes, or nullptr. The slot found last is tried first, without
    // hashing: a column often repeats its value from one row to the next.
    const T *find(QByteArrayView v)
    {
        if (m_slots.empty())
            return nullptr;
        const auto size = static_cast<uint32_t>(v.size());
        if (const Slot &last = m_slots[m_last];
            last.size == size && size != 0 && sameBytes(m_bytes.data() + last.offset, v.data(), size))
            return &last.value;
        const uint64_t h = hashBytes(v);
        const size_t mask = m_slots.size() - 1;
        for (size_t i = h & mask;; i = (i + 1) & mask) {
            const Slot &s = m_slots[i];
            if (s.size == 0)
                return nullptr;
            if (s.hash == h && s.size == size && sameBytes(m_bytes.data() + s.offset, v.data(), size)) {
                m_last = i;
                return &s.value;
            }
        }
    }
    // Stores value for v (1..kMaxBytes bytes, not already stored); a full map is emptied first.
    void insert(QByteArrayView v, T value)
    {
        if (v.isEmpty() || v.size() > kMaxBytes)
            return;
        if (m_count >= kMaxEntries)
            clear();
        if ((m_count + 1) * 2 > m_slots.size())
            grow();
        const uint64_t h = hashBytes(v);
        const size_t mask = m_slots.size() - 1;
        size_t i = h & mask;
        while (m_slots[i].size != 0)
            i = (i + 1) & mask;
        Slot &s = m_slots[i];
        s.hash = h;
        s.offset = static_cast<uint32_t>(m_bytes.size());
        s.size = static_cast<uint32_t>(v.size());
        s.value = std::move(value);
        m_bytes.insert(m_bytes.end(), v.data(), v.data() + v.size());
        ++m_count;
    }
    size_t size() const { return m_count; }
    void clear()
    {
        m_slots.clear();
        m_bytes.clear();
        m_count = 0;
        m_last = 0;
    }

    // memcmp(a, b, n) == 0 inline, for the short cells compared here (a call to memcmp costs
    // more than the comparison).
    static bool sameBytes(const char *a, const char *b, size_t n)
    {
        while (n >= 8) {
            uint64_t x, y;
            std::memcpy(&x, a, 8);
            std::memcpy(&y, b, 8);
            if (x != y)
                return false;
            a += 8;
            b += 8;
            n -= 8;
        }
        if (n >= 4) {
            uint32_t x, y, xe, ye;
            std::memcpy(&x, a, 4);
            std::memcpy(&y, b, 4);
            std::memcpy(&xe, a + n - 4, 4);
            std::memcpy(&ye, b + n - 4, 4);
            return x == y && xe == ye;
        }
        for (size_t i = 0; i < n; ++i)
            if (a[i] != b[i])
                return false;
        return true;
    }

    // 64-bit hash of a short byte string, eight bytes at a time.
    static uint64_t hashBytes(QByteArrayView v)
    {
        constexpr uint64_t kMul = 0x9E3779B97F4A7C15ULL;
        const char *p = v.data();
        size_t n = static_cast<size_t>(v.size());
        uint64_t h = n * kMul;
        while (n >= 8) {
            uint64_t k;
            std::memcpy(&k, p, 8);
            h = (h ^ k) * kMul;
            h ^= h >> 29;
            p += 8;
            n -= 8;
        }
        if (n > 0) {
            uint64_t k = 0;
            std::memcpy(&k, p, n);
            h = (h ^ k) * kMul;
        }
        h ^= h >> 32;
        h *= 0xBF58476D1CE4E5B9ULL;
        h ^= h >> 29;
        return h;
    }

private:
    struct Slot
    {
        uint64_t hash = 0;
        uint32_t offset = 0;
        uint32_t size = 0; // 0: free (empty cells are never stored)
        T value{};
    };
    void grow()
    {
        std::vector<Slot> old;
        old.swap(m_slots);
        m_slots.resize(old.empty() ? 256 : old.size() * 2);
        const size_t mask = m_slots.size() - 1;
        for (Slot &s : old) {
            if (s.size == 0)
                continue;
            size_t i = s.hash & mask;
            while (m_slots[i].size != 0)
                i = (i + 1) & mask;
            m_slots[i] = std::move(s);
        }
    }
    std::vector<Slot> m_slots; // a power of two, at most half full
    std::vector<char> m_bytes;
    size_t m_count = 0;
    size_t m_last = 0; // an index into m_slots (any: its bytes are compared)
};

// Cell text converted to QString once per distinct value: equal cells share one QString
// (implicitly shared, no allocation per row). One map per column, so a column of a few values
// (currency, account, region) is looked up in a small table that stays in the CPU's cache.
// Bounded: kMaxEntries values in all, then every map starts again; long cells (descriptions,
// JSON) are not kept.
class TextCache
{
public:
    static constexpr size_t kMaxEntries = CellMap<QString>::kMaxEntries;
    static constexpr qsizetype kMaxBytes = CellMap<QString>::kMaxBytes;

    // Same result as cellText(v): empty for an empty or NULL cell. column (0-based, or -1
    // for values of no particular column) only picks the map.
    QString text(QByteArrayView v, int column = -1);

private:
    std::vector<CellMap<QString>> m_texts; // [column + 1]
    size_t m_total = 0;
};

// Shares equal key/value lists between rows: a list made of the same strings (by where their
// characters are: the TextCache hands out one QString per repeated cell) as an earlier row's comes
// back as that row's list, implicitly shared, so the store's writer recognises the set by the
// list's address instead of hashing every string of it (store::CostWriter). Each entry holds its
// list, so the strings it points at stay alive and unchanged while cached; a hit is confirmed by
// comparing the lists. Lists of more than kMaxPairs pairs are returned as given. Bounded: a full
// cache is dropped.
class PairListCache
{
public:
    static constexpr size_t kMaxEntries = 4096;
    static constexpr qsizetype kMaxPairs = 4;

    Tags get(Tags fresh);

private:
    struct Key
    {
        std::array<uintptr_t, 2 * kMaxPairs> v{};
        bool operator==(const Key &) const = default;
    };
    struct KeyHash
    {
        size_t operator()(const Key &k) const noexcept;
    };
    std::unordered_map<Key, Tags, KeyHash> m_lists;
};

// Column lookup and cell conversion shared by the readers.
class Columns
{
public:
    void setHeader(const QStringList &header, bool snake = false);
    int index(const QString &name) const { return m_index.value(name, -1); }
    int first(std::initializer_list<const char *> names) const;
    bool has(const QString &name) const { return m_index.contains(name); }
    const QStringList &names() const { return m_names; }

    static QByteArrayView cell(const CsvReader &csv, int column)
    {
        return column >= 0 && column < csv.fieldCount() ? csv.field(column) : QByteArrayView();
    }
    static QString text(const CsvReader &csv, int column);
    // text() through the cache: for columns whose values repeat (accounts, services, regions ...).
    QString shared(const CsvReader &csv, int column) { return m_texts.text(cell(csv, column), column); }
    QString shared(QByteArrayView cellBytes, int column = -1) { return m_texts.text(cellBytes, column); }

    // Required amount (error when missing or not a decimal); optional ones give fallback when null.
    bool amount(const CsvReader &csv, int column, Money *out, MapError *error) const;
    bool optionalAmount(const CsvReader &csv, int column, Money *out, MapError *error) const;
    bool timestamp(const CsvReader &csv, int column, int64_t *out, MapError *error) const;
    bool optionalTimestamp(const CsvReader &csv, int column, std::optional<int64_t> *out, MapError *error) const;
    bool quantity(const CsvReader &csv, int column, double *out, MapError *error) const;

    bool decoratedAmounts() const { return m_decorated; }

private:
    // The last timestamp text each column held and its value: billing-period columns repeat
    // one value for a whole file, usage dates for a whole hour or day.
    struct LastTimestamp
    {
        static constexpr qsizetype kMaxBytes = 40;
        char bytes[kMaxBytes];
        qsizetype size = -1;
        int64_t value = 0;
    };
    std::optional<int64_t> cachedTimestamp(int column, QByteArrayView v) const;

    mutable std::vector<LastTimestamp> m_lastTimestamps; // [column]
    QHash<QString, int> m_index;
    QStringList m_names;
    mutable bool m_decorated = false;
    TextCache m_texts;
};

} // namespace costscope::import
