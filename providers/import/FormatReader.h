#pragma once

#include "model/Domain.h"
#include "providers/import/CsvReader.h"

#include <QDate>
#include <QHash>
#include <QString>
#include <QStringList>

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
    // handed out once after the last row; source is "import:<file name>".
    virtual std::vector<SaasBatch> takeSaasBatches(const QString &source)
    {
        Q_UNUSED(source)
        return {};
    }
};

// Picks the reader for a header, or nullptr with a message that says what was looked for.
std::unique_ptr<FormatReader> detectFormat(const QStringList &header, QString *error);

// Cell text converted to QString once per distinct value: equal cells share one QString
// (implicitly shared, no allocation per row). Bounded: a full cache starts again, and long
// cells (descriptions, JSON) are not kept.
// Hash of byte strings for unordered_map<std::string, ...> looked up by std::string_view.
struct BytesHash
{
    using is_transparent = void;
    size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

class TextCache
{
public:
    static constexpr size_t kMaxEntries = 65536;
    static constexpr qsizetype kMaxBytes = 256;

    // Same result as cellText(v): empty for an empty or NULL cell.
    QString text(QByteArrayView v);

private:
    std::unordered_map<std::string, QString, BytesHash, std::equal_to<>> m_texts;
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
    QString shared(const CsvReader &csv, int column) { return m_texts.text(cell(csv, column)); }
    QString shared(QByteArrayView cellBytes) { return m_texts.text(cellBytes); }

    // Required amount (error when missing or not a decimal); optional ones give fallback when null.
    bool amount(const CsvReader &csv, int column, Money *out, MapError *error) const;
    bool optionalAmount(const CsvReader &csv, int column, Money *out, MapError *error) const;
    bool timestamp(const CsvReader &csv, int column, int64_t *out, MapError *error) const;
    bool optionalTimestamp(const CsvReader &csv, int column, std::optional<int64_t> *out, MapError *error) const;
    bool quantity(const CsvReader &csv, int column, double *out, MapError *error) const;

    bool decoratedAmounts() const { return m_decorated; }

private:
    QHash<QString, int> m_index;
    QStringList m_names;
    mutable bool m_decorated = false;
    TextCache m_texts;
};

} // namespace costscope::import
