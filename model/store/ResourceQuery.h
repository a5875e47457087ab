#pragma once

#include "model/Domain.h"
#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"

#include <QDate>
#include <QHash>
#include <QString>

#include <cstdint>
#include <vector>

namespace costscope::store {

// One resource as the inventory lists it: from the resource table (sync, demo), or seen only in
// billing data (billingOnly: a resource id of imported line items with no inventory record).
struct ResourceRow
{
    int64_t rowId = 0; // resource.id; 0 for billing-only resources
    QString provider;
    QString accountId;
    QString accountName;
    QString region;
    QString resourceId;
    QString name;
    QString type;   // billing-only: the service that billed it
    QString flavor;
    QString state;
    int64_t firstSeen = 0; // UTC seconds; billing-only: first and last billed day
    int64_t lastSeen = 0;
    int64_t createdAt = 0;
    Tags tags;
    bool active = true;
    bool billingOnly = false;
    int64_t costMonth = 0;  // nanos of the inventory's currency, this calendar month
    int64_t costToDate = 0; // every month held
    double cpuAvg = -1;     // percent over the 7 days before `now`; < 0 when there is no data
    double cpuP95 = -1;
    int64_t ttlExpiresAt = 0; // the TTL set on this resource (UTC seconds); 0 when none
    int recommendations = 0;  // items of the last recommendations run on this id, not dismissed
    // With a display currency: part of its cost has no rate to it and is left out of costMonth
    // and costToDate (named in ResourceList::unconverted).
    bool costUnconverted = false;
};

struct ResourceList
{
    QString currency;
    std::vector<UnconvertedAmount> unconverted; // with a display currency: cost with no rate, left out
    std::vector<ResourceRow> rows;
    int64_t recommendationsRunAt = 0; // when the stored recommendations were found; 0: never run
    QString error;
};

// A recommendation of the last stored run that names the resource.
struct ResourceRecommendation
{
    QString module; // the module id ("abandoned_instances" ...)
    int64_t savingNanos = 0;
    QString currency;
    // As stored (the currency the module priced in, USD for catalog prices); savingNanos and
    // currency are these converted when details() was asked for a display currency with a rate.
    int64_t computedNanos = 0;
    QString computedCurrency;
    QString detail; // how it was found and how the saving was computed
    bool dismissed = false;
    int64_t foundAt = 0;
};

struct ResourceAttachment
{
    bool outgoing = true; // this resource is attached to `otherId`; false: `otherId` is attached to it
    QString kind;         // "volume-instance", "snapshot-volume", "image-snapshot", "ip-instance"
    QString otherId;
    QString otherName;
    QString otherType;
};

struct MetricDay
{
    QDate day;
    double avg = 0;
    double max = 0;
};

struct MetricHistory
{
    QString metric; // "cpu", "network_in", ...
    std::vector<MetricDay> days;
};

struct ResourceDetails
{
    QString currency;
    QDate from; // the daily cost covers [from, to)
    QDate to;
    std::vector<int64_t> dailyCost; // one per day of [from, to), in currency
    // With a display currency: the days' amounts that have no rate (left out of dailyCost, never
    // taken at 1). A recommendation saving with no rate keeps its own currency instead.
    std::vector<UnconvertedAmount> unconverted;
    std::vector<MetricHistory> metrics;
    std::vector<ResourceAttachment> attachments;
    std::vector<ResourceRecommendation> recommendations; // largest saving first
    int64_t recommendationsRunAt = 0;                    // 0: recommendations never ran here
    QString error;
};

// Read-only questions about resources: the inventory with cost and utilisation, and one
// resource's history. Costs come from the resource rollups in the workspace's main currency.
class ResourceQuery
{
public:
    explicit ResourceQuery(CostStore &store) : m_store(store) {}

    // Every resource (of one provider when provider is not empty). `now` (UTC seconds) sets
    // "this month" and the 7 days of CPU statistics.
    // displayCurrency non-empty: every currency's cost, each month's converted with that month's
    // rate (CurrencyRateStore, as CostQuerySpec::displayCurrency); amounts with no rate are left
    // out, never taken at 1 (ResourceRow::costUnconverted, ResourceList::unconverted). Empty:
    // the main currency's cost only.
    ResourceList list(int64_t now, const QString &provider = {}, const QString &displayCurrency = {}) const;
    // Items of the last recommendations run per recommendationKey(provider, resource id),
    // dismissed ones left out (read-only: the recommendations engine owns the table). Items stored
    // before schema 13 name no provider: key ("", id), they count for that id in every provider.
    // *runAt: when they were found, 0 when never.
    QHash<QString, int> recommendationCounts(int64_t *runAt = nullptr) const;
    // The canonical provider and the id: ids can collide across clouds.
    static QString recommendationKey(const QString &provider, const QString &resourceId);
    // Daily cost over [from, to), daily metric summaries over the same days, attachments and the
    // recommendations of the last run that name it. displayCurrency non-empty: every currency's
    // cost, each day's converted with its month's rate (as list()), and each saving with the rate
    // of the month of the last cost day (as the Recommendations tab); empty: the main currency's
    // cost only and the savings as stored.
    ResourceDetails details(const QString &provider, const QString &resourceId, const QDate &from,
                            const QDate &to, const QString &displayCurrency = {}) const;

private:
    ResourceDetails readDetails(const QString &provider, const QString &resourceId, const QDate &from,
                                          const QDate &to, const QString &displayCurrency) const;

    CostStore &m_store;
};

} // namespace costscope::store
