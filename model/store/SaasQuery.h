#pragma once

#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"
#include "model/store/RecommendationQuery.h" // RecommendationRecord only: the engine is a library above the model

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace costscope::store {

// The services of the SaaS & PaaS tab, in the order the tab lists them.
const QStringList &saasServices();

enum class SaasBucketing { Day, Week, Month };

struct SaasFilter
{
    QDate from;       // inclusive
    QDate to;         // exclusive
    QString service;  // one of saasServices(); empty: every service
    QString currency; // empty: the currency holding the most SaaS cost in the range
    // Non-empty: every currency in range, each amount converted to this one with the rate of its
    // day's month (CurrencyRateStore, as CostQuerySpec::displayCurrency); `currency` is ignored.
    // Amounts with no rate are left out of every figure (never taken at 1) and named in
    // SaasOverview::unconverted.
    QString displayCurrency;
    SaasBucketing bucketing = SaasBucketing::Day;
    int queryLimit = 200; // expensive queries listed
};

// The quantity and cost of one usage type of an entity or service in the range.
struct SaasUsageAmount
{
    QString usageType; // "requests-tier1", "bytes-billed", "credits", "dbu" ... and "queries" for users
    QString unit;      // "requests", "bytes", "GB-Mo", "credits", "DBU", "count" ...
    double quantity = 0;
    int64_t cost = 0; // nanos of the answer's currency
};

// A bucket, cluster, workgroup, warehouse, workspace, project, user or SKU over the range.
struct SaasEntity
{
    QString service;
    QString account;
    QString kind; // entity_kind: "bucket", "cluster", "workgroup", "warehouse", "workspace", "project", "user", "sku"
    QString name;
    int64_t cost = 0;
    std::vector<SaasUsageAmount> usage; // largest cost first, then by usage type
};

struct SaasServiceTotal
{
    QString service;
    int64_t cost = 0;
    std::vector<SaasUsageAmount> usage; // per usage type, largest cost first
};

// One unit-cost trend: cost of the metric's usage types divided by their quantity, per bucket.
struct SaasUnitCost
{
    QString id;      // "s3-requests", "bigquery-scan", "spectrum-scan", "snowflake-credit", "databricks-dbu", "redshift-node-hour", "redshift-rpu-hour"
    QString service;
    QString per;     // what one unit is, for people: "1k requests", "TiB billed", "credit" ...
    std::vector<double> values; // one per bucket; < 0 where the bucket has no quantity
    double overall = -1;        // over the whole range; < 0 when there is no quantity
};

struct SaasQueryInfo
{
    QString service;
    QString account;
    QString queryId;
    QString user;
    QString scope;
    QString statementType;
    QString text; // as stored (at most 2000 characters); shorten with saasOneLine for display
    QDateTime started; // UTC
    int64_t durationMs = 0;
    int64_t bytesScanned = 0;
    int64_t bytesBilled = 0;
    int64_t slotMs = 0;
    double credits = 0;
    int64_t cost = 0;
    bool fullScan = false;
};

struct SaasOverview
{
    QString currency;
    QStringList otherCurrencies; // SaaS cost in the range in other currencies, left out
    // With a display currency: usage cost with no rate to it, per currency (queries without a
    // rate are left out of the query list).
    std::vector<UnconvertedAmount> unconverted;
    QDate from;
    QDate to;
    SaasBucketing bucketing = SaasBucketing::Day;
    // Cost per service (all services) or per usage type (one service) and bucket.
    CostSeries series;
    std::vector<SaasServiceTotal> services; // largest cost first
    int64_t total = 0;
    std::vector<SaasEntity> entities; // every entity, largest cost first
    std::vector<SaasUnitCost> unitCosts; // only metrics with some quantity in the range
    std::vector<SaasQueryInfo> queries;  // most expensive first, at most queryLimit
    int64_t queryCount = 0;              // every query in the range and filter
    std::vector<RecommendationRecord> recommendations; // of the SaaS modules, not dismissed, largest saving first
    // With a display currency: the month whose rate converted the savings (of the last cost day,
    // as the Recommendations tab); a saving with no rate keeps its stored currency.
    QDate savingsMonth;
    bool anyData = false; // the workspace holds SaaS usage or queries at all (any range)
    QString error;
};

// The service a recommendation module is about ("S3", "Redshift" ...), from its id; empty when it
// is not about one of saasServices().
QString saasServiceOfModule(const QString &moduleId);

// A query text on one line: whitespace runs (line breaks, tabs) become one space, control
// characters are dropped, and text longer than maxChars ends in an ellipsis.
QString saasOneLine(const QString &text, int maxChars = 160);

// Read side of the saas_usage_daily and saas_query tables (schema 14) for the SaaS & PaaS tab.
// Every statement is parameterised; run it on the query worker.
class SaasQuery
{
public:
    explicit SaasQuery(CostStore &store) : m_store(store) {}

    // The last day holding SaaS usage or queries; invalid when there is none.
    QDate lastDay() const;
    // Everything the tab shows for one filter.
    SaasOverview overview(const SaasFilter &filter) const;
    // The cost line items' resource id that an entity (bucket name, cluster id, warehouse ...) of a
    // provider's line items is billed under: the same id, or an ARN / path ending in ":name" or
    // "/name". Empty when no line item carries it.
    QString matchingResource(const QString &entity) const;

private:
    CostStore &m_store;
};

} // namespace costscope::store
