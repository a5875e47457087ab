#pragma once

#include "model/Domain.h"
#include "model/Money.h"
#include "model/store/CostStore.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace costscope::store {

// One inventory record as the recommendation modules see it.
struct ResourceInfo
{
    QString provider;
    QString accountId;
    QString region;
    QString resourceId;
    QString name;
    QString type;
    QString flavor;
    QString state;
    int64_t firstSeen = 0;
    int64_t lastSeen = 0;
    int64_t createdAt = 0;
    bool active = true;
    QString attachedTo;
    QString attachmentKind;
    Tags tags;
};

// Hourly (or finer) samples of one instance: cpu percent and network bytes/s.
struct MetricSamples
{
    std::vector<int64_t> cpuTime;
    std::vector<double> cpu;
    std::vector<int64_t> netTime;
    std::vector<double> net; // the larger of network_in and network_out at the same time
};

// Effective and list cost of one resource on one day (effective below list: a commitment or
// other discount covered it).
struct DayCost
{
    int64_t effective = 0;
    int64_t list = 0;
};

// Line items of one resource under one service and SKU (usage type), per day: what the S3 and
// Kinesis modules read.
struct SkuUsage
{
    QString sku;       // the usage type when the bill has one (CUR), else the SKU
    QString operation; // CUR line_item_operation ("GetObject", "PutRecords"), often empty
    QString unit;
    QHash<int32_t, double> quantity; // day -> consumed quantity
    QHash<int32_t, int64_t> billed;  // day -> billed nanos
};

struct ServiceUsage
{
    QString provider;
    QString accountId; // the sub-account of the line items
    QString region;
    QString resourceId;
    QString name;
    QString service;
    int32_t firstDay = 0; // first and last day with a line item in the window
    int32_t lastDay = 0;
    std::vector<SkuUsage> skus;
};

// A recommendation the user dismissed, a row of the last run and an archived row.
struct RecommendationRecord
{
    QString module;
    QString provider; // of the resource (items of the last run; '' when stored before schema 13)
    QString resourceId;
    QString name;
    Money saving;
    QString currency;
    // SaasQuery::overview with a display currency: the saving as stored, before conversion.
    Money computedSaving;
    QString computedCurrency;
    QString detail;  // how it was found and how the saving was computed
    QString optionsDigest;
    QString reason;  // archive: "applied", "resource deleted", "options changed"
    int64_t at = 0;  // found, dismissed or archived (UTC seconds)
};

// The SQL the recommendations engine needs: inventory, per-resource daily cost, metrics, and
// the persisted options, dismissals, last results and archive (schema version 7).
class RecommendationQuery
{
public:
    explicit RecommendationQuery(CostStore &store) : m_store(store) {}

    std::vector<ResourceInfo> resources() const;
    // Billed cost per resource and day in [fromDay, toDay] in one currency: resource -> day -> nanos.
    QHash<QString, QHash<int32_t, int64_t>> dailyCosts(int32_t fromDay, int32_t toDay, const QString &currency) const;
    // Effective and list cost per instance (inventory type "instance") and day in [fromDay, toDay].
    QHash<QString, QHash<int32_t, DayCost>> instanceDayCosts(int32_t fromDay, int32_t toDay,
                                                             const QString &currency) const;
    // Line items of the given services in [fromDay, toDay], per resource, service and SKU.
    std::vector<ServiceUsage> serviceUsage(int32_t fromDay, int32_t toDay, const QStringList &services) const;
    // Its SQL for serviceCount services (?1 from day, ?2 to day, ?3... the service names), for
    // the query plan test.
    static QByteArray serviceUsageSql(qsizetype serviceCount);
    // Samples of instances in [fromTime, toTime): resource -> samples.
    QHash<QString, MetricSamples> instanceMetrics(int64_t fromTime, int64_t toTime) const;
    // The last day with cost data (day number), -1 when there is none.
    int32_t lastCostDay() const;
    QString mainCurrency() const;

    QHash<QString, QString> options(const QString &module) const;
    bool setOption(const QString &module, const QString &key, const QString &value);
    bool clearOptions(const QString &module);

    QHash<QString, int64_t> dismissed(const QString &module) const; // resource -> dismissed at
    bool setDismissed(const QString &module, const QString &resourceId, bool dismissed, int64_t at);

    std::vector<RecommendationRecord> lastItems() const;
    // Replaces the last run's items and appends the archive rows, in one transaction.
    bool saveRun(const std::vector<RecommendationRecord> &items, const std::vector<RecommendationRecord> &archived,
                 QString *error);
    std::vector<RecommendationRecord> archive(int limit = 1000) const;

private:
    CostStore &m_store;
};

} // namespace costscope::store
