#pragma once

#include "model/Money.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace costscope {

using Tags = QList<QPair<QString, QString>>; // key, value; order does not matter

// FOCUS ChargeCategory.
enum class ChargeCategory : int { Usage = 0, Purchase = 1, Tax = 2, Credit = 3, Adjustment = 4 };
QString chargeCategoryName(ChargeCategory c);
bool chargeCategoryFromName(QStringView name, ChargeCategory *out);

// The provider names the store uses: "AWS", "Azure", "GCP", "Alibaba Cloud", "Kubernetes", "OCI".
// Maps the names found in bills (FOCUS ProviderName "Microsoft", "Google Cloud", "Amazon Web
// Services", "Oracle" ...) onto them; unknown names come back trimmed but unchanged.
QString canonicalProvider(const QString &name);

// Days are UTC days counted from 1970-01-01, as the clouds bill them.
int32_t dayNumber(const QDate &date);
QDate dateFromDayNumber(int32_t day);

// One FOCUS-aligned cost line item. Times are UTC seconds since the epoch.
struct CostRow
{
    int64_t chargeStart = 0;
    int64_t chargeEnd = 0;
    QString subAccountId;
    QString subAccountName;
    QString serviceName;
    QString serviceCategory;
    QString region;
    QString resourceId;
    QString resourceName;
    QString resourceType;
    QString skuId;
    QString chargeDescription;
    ChargeCategory chargeCategory = ChargeCategory::Usage;
    QString pricingCategory; // Standard, Committed, Dynamic, Other
    double consumedQuantity = 0;
    QString consumedUnit;
    double pricingQuantity = 0;
    QString pricingUnit;
    Money billedCost;
    Money effectiveCost;
    Money listCost;
    Money contractedCost;
    QString commitmentDiscountId;
    std::optional<Money> netCost; // AWS CUR net unblended cost, when the source has it
    Tags tags;
    Tags extra; // provider columns (x_*, usage type, operation ...)
};

// Rows of one provider, billing account and billing period, from one source.
// The unit of replacement: writing a batch replaces whatever the store held for the
// same provider, billing account and billing period.
struct CostBatch
{
    QString provider;          // "AWS", "Microsoft", "Google Cloud", "Alibaba Cloud", "Kubernetes", ...
    QString billingAccountId;
    QString billingAccountName;
    QString currency = QStringLiteral("USD");
    QDate periodStart;         // first day of the billing period
    QDate periodEnd;           // exclusive
    std::vector<CostRow> rows;
};

// Where a set of batches came from.
struct SourceInfo
{
    QString kind;    // "file", "sync", "demo"
    QString name;    // file path or account name
    QString digest;  // file SHA-256 or sync run id
    QString format;  // "FOCUS 1.0", "AWS CUR", ...
};

struct MetricPoint
{
    int64_t time = 0; // UTC seconds
    double value = 0;
};

struct ResourceRecord
{
    QString provider;
    QString accountId;
    QString region;
    QString resourceId;
    QString name;
    QString type;    // "instance", "volume", "snapshot", "image", "ip", "bucket", "cluster", ...
    QString flavor;  // instance type / size
    QString state;   // "running", "stopped", "available", "in-use", ...
    int64_t firstSeen = 0;
    int64_t lastSeen = 0;
    int64_t createdAt = 0;
    Tags tags;
    QString attachedTo;      // resource id this one is attached to (volume -> instance ...)
    QString attachmentKind;  // "volume-instance", "snapshot-volume", "image-snapshot", "ip-instance"
};

struct ResourceBatch
{
    QString provider;
    QString accountId;
    int64_t observedAt = 0;
    std::vector<ResourceRecord> resources;
};

struct MetricSeries
{
    QString provider;
    QString resourceId;
    QString metric; // "cpu" (percent), "network_in", "network_out" (bytes/s), "disk_read", "memory"
    std::vector<MetricPoint> points;
};

struct MlExperiment
{
    QString name;
    QString description;
    QString primaryMetric;
    bool maximize = true;
    Tags tags;
};

struct MlMetricPoint
{
    QString key;
    double value = 0;
    int64_t timestampMs = 0;
    int64_t step = 0;
};

struct MlRun
{
    QString runUuid;
    QString experimentName;
    QString name;
    QString status = QStringLiteral("FINISHED"); // RUNNING, FINISHED, FAILED, KILLED
    int64_t startMs = 0;
    int64_t endMs = 0;
    QString instanceId;   // resource id of the machine it ran on
    QString instanceType;
    QString host;
    QString dataset;
    Tags params;
    Tags tags;
    std::vector<MlMetricPoint> metrics;
};

// Usage detail of the data-platform services (S3, Redshift, BigQuery, Databricks, Snowflake):
// what was used per entity (bucket, cluster, warehouse, user, SKU ...) per day, and the queries
// that used it. The money is also written as ordinary line items (except BigQuery's, already in
// the GCP billing export); these rows are the usage behind it. docs/saas.md lists the values.
struct SaasUsageRow
{
    QString service;    // empty: the batch's
    QString account;    // empty: the batch's
    QString entityKind; // "bucket", "cluster", "workgroup", "warehouse", "workspace", "project", "user", "sku"
    QString entity;
    QString usageType;  // "requests-tier1", "storage", "node-hours", "bytes-billed", "dbu", "credits" ...
    QString unit;       // "requests", "bytes", "GB-Mo", "hours", "RPU-hours", "slot-ms", "DBU", "credits" ...
    QString currency;
    QDate day;          // UTC
    double quantity = 0;
    Money cost;
};

struct SaasQueryRow
{
    QString service; // empty: the batch's
    QString account; // empty: the batch's
    QString queryId;
    QString user;
    QString scope;   // project / warehouse / workspace the query ran in
    QString statementType;
    QString text;    // stored shortened to 2000 characters
    QString currency;
    QDateTime started; // its UTC date is the query's day
    int64_t durationMs = 0, bytesScanned = 0, bytesBilled = 0, slotMs = 0;
    double credits = 0;
    Money cost;
    bool fullScan = false;
};

// The unit of replacement of the saas tables: writing a batch replaces the usage rows and
// queries of its service and account with a day in [from, to).
struct SaasBatch
{
    QString service, account;
    QString source; // the account id of a sync, "import:<file name>" or "demo"
    QDate from, to; // [from, to)
    // A fill-in batch (AWS Cost Explorer's account-level S3/Redshift usage) replaces only the rows
    // of its own source and leaves out its rows of the days another source (a CUR) already holds
    // for the service and account, so it neither wipes nor doubles finer rows (docs/saas.md).
    bool fillIn = false;
    std::vector<SaasUsageRow> usage;
    std::vector<SaasQueryRow> queries;
};

} // namespace costscope
