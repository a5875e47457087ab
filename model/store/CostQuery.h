#pragma once

#include "model/Money.h"
#include "model/store/CostStore.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace costscope::store {

enum class Dimension { Provider, Account, Service, Region, Resource, Tag };
enum class Granularity { Day, Month, Total };
enum class Measure { Billed, Effective, List };

QString dimensionName(Dimension d);                       // "provider", "account", ...
std::optional<Dimension> dimensionFromName(QStringView name); // accepts the same names

struct DimensionFilter
{
    Dimension dimension = Dimension::Provider;
    QString tagKey;     // for Dimension::Tag
    QStringList values; // raw values (account ids, service names ...); "" matches "none"/"untagged"
};

struct CostQuerySpec
{
    QDate from;            // inclusive
    QDate to;              // exclusive
    std::optional<Dimension> groupBy;
    QString groupTagKey;   // for Dimension::Tag
    Granularity granularity = Granularity::Day;
    QList<DimensionFilter> filters;
    Measure measure = Measure::Billed;
    QString currency;      // empty: the workspace's main currency
    // Non-empty: every currency in range, each converted to this one with the workspace's
    // rates (CurrencyRateStore; the rate of each calendar month, see CurrencyRates), and
    // `currency` is ignored. The per-currency subtotals come from the rollups as integers and
    // are converted here, never multiplied in SQL. Amounts with no rate stay in their own
    // currency: groups with CostGroup::currency set, outside the totals, listed in
    // CostSeries::unconverted.
    QString displayCurrency;
    // 0: every group. N > 0: the N - 1 largest groups and one "Other" group holding the rest,
    // as CostSeries::collapsed(N) gives, but computed without the full answer (a chart of
    // resources per day then reads N series, not one per resource).
    int maxGroups = 0;
};

struct CostGroup
{
    QString key;   // raw value; empty for "none" / "untagged"
    QString label; // for people
    std::vector<int64_t> nanos; // one per bucket
    int64_t total = 0;
    // Empty: amounts in the series' currency. Else the amounts are in this currency, which
    // has no rate to the display currency; the group is not in any total.
    QString currency;
    // Set when every amount of a converted group was billed in this one other currency:
    // its total before conversion (the original is never lost).
    QString originalCurrency;
    int64_t originalTotal = 0;
};

// Amounts of one currency that could not be converted to the display currency.
struct UnconvertedAmount
{
    QString currency;
    int64_t nanos = 0;
    QList<QDate> months; // first day of each month without a rate, ascending
};

struct CostSeries
{
    QString currency;
    Granularity granularity = Granularity::Day;
    std::vector<QDate> buckets; // first day of each bucket
    std::vector<CostGroup> groups; // largest total first
    int64_t total = 0;
    QStringList otherCurrencies; // currencies present in range but not included
    std::vector<UnconvertedAmount> unconverted; // with a display currency: amounts with no rate

    // Only the groups in the series' currency (charts cannot stack two currencies).
    CostSeries withoutUnconverted() const;

    // Keeps the largest maxGroups groups and merges the rest into one named label; groups in
    // another currency (no rate) are kept apart, after them.
    CostSeries collapsed(int maxGroups, const QString &otherLabel) const;
    std::vector<int64_t> bucketTotals() const;
};

struct DataRange
{
    QDate first;
    QDate last; // inclusive; invalid when empty
    bool isEmpty() const { return !last.isValid(); }
};

struct DimensionValue
{
    QString key;
    QString label;
    int64_t nanos = 0;
};

struct PeriodInfo
{
    QString provider;
    QString account;
    QString accountName;
    QDate start;
    QDate end;
    QString currency;
    int64_t rows = 0;
    int64_t billedNanos = 0;
    QString sourceKind;
    QString sourceName;
    QString format;
};

// Read-only questions the views and the command line ask the store. Answers come from
// the rollup tables, never from a scan of line items.
class CostQuery
{
public:
    explicit CostQuery(CostStore &store) : m_store(store) {}
    // The workspace asked (for other query classes run by the same worker, e.g. ResourceQuery).
    CostStore &store() const { return m_store; }

    CostSeries aggregate(const CostQuerySpec &spec, QString *error = nullptr) const;
    DataRange dataRange() const;
    QString mainCurrency() const;
    QStringList currencies() const;
    QStringList tagKeys() const;
    // Distinct values of a dimension in [from, to) with their cost, largest first.
    // With a display currency the values are converted; values with no rate are left out
    // (the caller warns with aggregate()'s CostSeries::unconverted).
    std::vector<DimensionValue> dimensionValues(Dimension dim, const QString &tagKey, const QDate &from,
                                                const QDate &to, int limit = 500,
                                                const QString &displayCurrency = {}) const;
    // Currencies billed in [from, to), sorted.
    QStringList currenciesIn(const QDate &from, const QDate &to) const;
    std::vector<PeriodInfo> periods() const;
    int64_t lineItemCount() const;

    // Sum of billed cost over raw line items in one currency (empty: the main currency, as
    // aggregate() uses). For checks, tests and benchmarks; slow on big stores.
    int64_t rawBilledTotal(const QDate &from, const QDate &to, const QString &currency = {}) const;

private:
    CostSeries aggregateTop(const CostQuerySpec &spec, QString *error) const;
    CostSeries aggregateConverted(const CostQuerySpec &spec, QString *error) const;

    CostStore &m_store;
};

} // namespace costscope::store
