#include "model/demo/DemoSaas.h"

#include "model/store/CostWriter.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QTime>

#include <algorithm>
#include <cmath>

namespace costscope::demo {

namespace {

constexpr int64_t kDay = 86400;
constexpr double kTiB = 1024.0 * 1024.0 * 1024.0 * 1024.0;
constexpr int kQueryDays = 30; // queries and jobs are kept for the last 30 days only
const QString kUsd = QStringLiteral("USD");
const QString kDemo = QStringLiteral("demo");

bool weekend(int32_t day) { return (day + 3) % 7 >= 5; } // 1970-01-01 was a Thursday

QDateTime at(int32_t day, int64_t secondOfDay)
{
    return QDateTime::fromSecsSinceEpoch(static_cast<int64_t>(day) * kDay + secondOfDay, Qt::UTC);
}

CostRow lineItem(int32_t day, const QString &service, const QString &sku, const QString &description,
                 const QString &resource, const QString &unit, double quantity, Money cost)
{
    CostRow r;
    r.chargeStart = static_cast<int64_t>(day) * kDay;
    r.chargeEnd = r.chargeStart + kDay;
    r.serviceName = service;
    r.serviceCategory = QStringLiteral("Analytics");
    r.region = QStringLiteral("us-east-1");
    r.resourceId = resource;
    r.resourceName = resource;
    r.skuId = sku;
    r.chargeDescription = description;
    r.pricingCategory = QStringLiteral("Standard");
    r.consumedQuantity = quantity;
    r.pricingQuantity = quantity;
    r.consumedUnit = unit;
    r.pricingUnit = unit;
    r.billedCost = cost;
    r.effectiveCost = cost;
    r.listCost = cost;
    r.contractedCost = cost;
    return r;
}

SaasUsageRow usage(int32_t day, const QString &kind, const QString &entity, const QString &type, const QString &unit,
                   double quantity, Money cost)
{
    SaasUsageRow u;
    u.day = dateFromDayNumber(day);
    u.entityKind = kind;
    u.entity = entity;
    u.usageType = type;
    u.unit = unit;
    u.quantity = quantity;
    u.cost = cost;
    u.currency = kUsd;
    return u;
}

struct Sku
{
    const char *name;
    const char *description;
    double price;   // USD per DBU (Premium list prices)
    double weekday; // DBUs a weekday at the start
    double weekendFactor;
};

const Sku kSkus[] = {
    {"PREMIUM_JOBS_COMPUTE", "Jobs Compute DBU", 0.15, 900, 0.35},
    {"PREMIUM_ALL_PURPOSE_COMPUTE", "All-Purpose Compute DBU", 0.55, 220, 0.15},
    {"PREMIUM_SQL_PRO_COMPUTE", "SQL Pro Compute DBU", 0.55, 150, 0.1},
    {"PREMIUM_DLT_CORE_COMPUTE", "Delta Live Tables Core DBU", 0.20, 120, 1.0},
};

struct Warehouse
{
    const char *name;
    double creditsPerHour;
    double weekdayHours, weekendHours; // running hours a day
    int startHour;                      // first hour of the running window
    int queriesWeekday, queriesWeekend;
    int32_t createdAgo; // days before the end
};

// ADHOC_WH has auto-suspend off: it runs (and bills) all day, every day, for a few queries.
const Warehouse kWarehouses[] = {
    {"ETL_WH", 4, 5, 3, 1, 12, 8, 700},
    {"BI_WH", 2, 9, 0, 9, 25, 0, 700},
    {"ADHOC_WH", 1, 24, 24, 0, 2, 0, 200},
};
constexpr double kCreditPrice = 3.0; // Enterprise edition, USD per credit
constexpr double kCloudServicesShare = 0.04;

const char *const kSnowflakeSql[] = {
    "INSERT INTO ANALYTICS.CORE.ORDERS SELECT * FROM RAW.SHOP.ORDERS_STAGE WHERE LOADED_AT > :last_load",
    "MERGE INTO ANALYTICS.CORE.CUSTOMERS t USING RAW.CRM.CUSTOMERS_STAGE s ON t.ID = s.ID WHEN MATCHED THEN UPDATE "
    "SET t.EMAIL = s.EMAIL, t.SEGMENT = s.SEGMENT WHEN NOT MATCHED THEN INSERT (ID, EMAIL, SEGMENT) VALUES (s.ID, "
    "s.EMAIL, s.SEGMENT)",
    "SELECT DATE_TRUNC('week', ORDER_DATE) AS WEEK, REGION, SUM(AMOUNT) FROM ANALYTICS.CORE.ORDERS GROUP BY 1, 2 "
    "ORDER BY 1",
    "SELECT C.SEGMENT, COUNT(DISTINCT O.CUSTOMER_ID), AVG(O.AMOUNT) FROM ANALYTICS.CORE.ORDERS O JOIN "
    "ANALYTICS.CORE.CUSTOMERS C ON C.ID = O.CUSTOMER_ID WHERE O.ORDER_DATE >= DATEADD(day, -30, CURRENT_DATE) "
    "GROUP BY 1",
    "COPY INTO RAW.EVENTS.CLICKS FROM @RAW.EVENTS.S3_STAGE FILE_FORMAT = (TYPE = PARQUET)",
    "SELECT * FROM ANALYTICS.MARTS.DAILY_REVENUE WHERE DAY = CURRENT_DATE - 1",
};

const char *const kBigQuerySql[] = {
    "SELECT user_id, COUNT(*) AS sessions FROM `%1.events.sessions` WHERE DATE(started_at) = CURRENT_DATE() - 1 "
    "GROUP BY user_id",
    "SELECT country, SUM(revenue) FROM `%1.events.orders` WHERE order_date BETWEEN '2026-01-01' AND CURRENT_DATE() "
    "GROUP BY country ORDER BY 2 DESC",
    "CREATE OR REPLACE TABLE `%1.events.daily_kpis` AS SELECT DATE(ts) AS day, COUNT(DISTINCT user_id) AS dau "
    "FROM `%1.events.pageviews` WHERE DATE(ts) >= DATE_SUB(CURRENT_DATE(), INTERVAL 7 DAY) GROUP BY day",
    "SELECT page, APPROX_COUNT_DISTINCT(user_id) FROM `%1.events.pageviews` WHERE DATE(ts) = CURRENT_DATE() "
    "GROUP BY page",
};

// The planted full-table scan: a dashboard refresh that reads every partition of the raw
// events table instead of the last day.
const char *const kFullScanSql
    = "SELECT * FROM `acme-analytics.warehouse.events_raw` WHERE JSON_VALUE(payload, '$.type') = 'checkout' "
      "ORDER BY event_ts DESC";

const char *const kRedshiftSql[] = {
    "SELECT region, SUM(net_amount) FROM sales.fact_orders WHERE order_date >= DATEADD(month, -1, GETDATE()) "
    "GROUP BY region",
    "COPY sales.fact_orders FROM 's3://acme-data-lake/orders/' IAM_ROLE default FORMAT AS PARQUET",
    "SELECT c.segment, COUNT(*) FROM sales.fact_orders o JOIN sales.dim_customer c ON c.id = o.customer_id "
    "GROUP BY 1",
    "VACUUM DELETE ONLY sales.fact_orders",
};

const char *const kRedshiftUsers[] = {"etl_user", "looker", "ana", "dbt_runner"};
const char *const kBigQueryUsers[] = {"ana@acme.example", "li.wei@acme.example",
                                      "dbt@acme-analytics.iam.gserviceaccount.com", "marco@acme.example"};
const char *const kSnowflakeUsers[] = {"ANA", "LI_WEI", "MARCO", "LOOKER_SVC"};

QString statementType(const QString &sql)
{
    return sql.section(QLatin1Char(' '), 0, 0).toUpper();
}

} // namespace

std::vector<DemoPlanted> DemoSaas::planted()
{
    // The full scan's id as the BigQuery rule names its items: project + digest of the text.
    const QString text = QLatin1String(kFullScanSql);
    const QByteArray digest = QCryptographicHash::hash(text.simplified().toUtf8(), QCryptographicHash::Sha256);
    return {
        {QStringLiteral("snowflake-idle-warehouse"), QStringLiteral("Snowflake"), QStringLiteral("ADHOC_WH"),
         QStringLiteral("ADHOC_WH")},
        {QStringLiteral("bigquery-full-scan"), QStringLiteral("GCP"),
         QStringLiteral("bigquery-query:acme-analytics:") + QString::fromLatin1(digest.toHex().left(12)),
         text.left(80)},
    };
}

DemoSaas::DemoSaas(uint64_t seed, int32_t endDay, double scale)
    : m_rng(seed ^ 0x5aa5c0deULL), m_endDay(endDay), m_scale(scale)
{
}

void DemoSaas::observe(const CostBatch &batch)
{
    if (batch.provider == u"AWS") {
        for (const CostRow &r : batch.rows) {
            if (r.chargeCategory != ChargeCategory::Usage)
                continue;
            const QString service = awsSaasService(r.serviceName);
            AwsSaasItem item;
            if (service.isEmpty()
                || !classifyAwsSaas(service, r.skuId, QString(), r.resourceId, r.pricingUnit, r.pricingQuantity,
                                    r.subAccountId, &item))
                continue;
            m_aws.add(item, r.subAccountId, batch.periodStart, batch.periodEnd, batch.currency,
                      static_cast<int32_t>(r.chargeStart / kDay), r.billedCost);
        }
    } else if (batch.provider == u"GCP") {
        for (const CostRow &r : batch.rows)
            if (r.serviceName == u"BigQuery" && r.skuId == u"Analysis" && r.chargeCategory == ChargeCategory::Usage)
                m_bigQuery.push_back({r.subAccountId, static_cast<int32_t>(r.chargeStart / kDay),
                                      r.pricingQuantity, r.billedCost});
    }
}

void DemoSaas::redshiftQueries(int32_t day, SaasBatch &batch)
{
    // analytics-dw is busy; the serverless workgroup has analysts on weekdays; legacy-reporting-dw
    // gets nothing (the idle cluster).
    struct Target
    {
        const char *scope;
        int queries;
    };
    const bool off = weekend(day);
    for (const Target &t : {Target{"analytics-dw", off ? 6 : 18}, Target{"adhoc-analytics", off ? 1 : 9}}) {
        for (int i = 0; i < t.queries; ++i) {
            SaasQueryRow q;
            q.queryId = QStringLiteral("rs-%1-%2-%3").arg(QLatin1String(t.scope)).arg(day).arg(i);
            q.started = at(day, m_rng.between(0, 86399));
            q.durationMs = m_rng.between(800, 240000);
            q.user = QLatin1String(m_rng.pick(kRedshiftUsers));
            q.scope = QLatin1String(t.scope);
            q.text = QLatin1String(m_rng.pick(kRedshiftSql));
            q.statementType = statementType(q.text);
            q.bytesScanned = static_cast<int64_t>(m_rng.uniform(1e6, 4e10));
            q.currency = kUsd;
            batch.queries.push_back(std::move(q));
        }
    }
}

void DemoSaas::bigQueryJobs(const QString &project, int32_t day, double tib, Money cost, SaasBatch &batch)
{
    const bool planted = project == u"acme-analytics";
    const int n = m_rng.between(6, 14) + (planted ? 1 : 0);
    std::vector<double> weights(static_cast<size_t>(n));
    double total = 0;
    for (double &w : weights) {
        w = std::exp(m_rng.normal() * 1.2);
        total += w;
    }
    if (planted) { // the full scan reads about a third of the day's bytes
        weights.front() = total * 0.55;
        total += weights.front();
    }
    const auto bytes = static_cast<int64_t>(std::llround(tib * kTiB));
    int64_t bytesLeft = bytes;
    Money costLeft = cost;
    for (int i = 0; i < n; ++i) {
        const double share = weights[static_cast<size_t>(i)] / total;
        SaasQueryRow q;
        q.queryId = QStringLiteral("bquxjob_%1_%2").arg(DemoIds::hex(project + QString::number(day), 8)).arg(i);
        q.scope = project;
        q.currency = kUsd;
        q.bytesBilled = i + 1 < n ? static_cast<int64_t>(static_cast<double>(bytes) * share) : bytesLeft;
        q.cost = i + 1 < n ? Money::fromDouble(cost.toDouble() * share) : costLeft;
        bytesLeft -= q.bytesBilled;
        costLeft = costLeft - q.cost;
        q.bytesScanned = q.bytesBilled;
        q.slotMs = static_cast<int64_t>(static_cast<double>(q.bytesBilled) / 2e6 * m_rng.uniform(0.5, 2.0));
        q.durationMs = 400 + q.slotMs / 40;
        if (planted && i == 0) {
            q.user = QStringLiteral("looker-refresh@acme-analytics.iam.gserviceaccount.com");
            q.text = QLatin1String(kFullScanSql);
            q.fullScan = true;
            q.started = at(day, 6 * 3600 + 5 * 60);
        } else {
            q.user = QLatin1String(m_rng.pick(kBigQueryUsers));
            q.text = QLatin1String(m_rng.pick(kBigQuerySql)).arg(project);
            q.started = at(day, m_rng.between(7 * 3600, 20 * 3600));
        }
        q.statementType = statementType(q.text);
        batch.queries.push_back(std::move(q));
    }
}

bool DemoSaas::writeMonth(store::CostWriter &writer, const QDate &monthStart, int32_t first, int32_t last,
                          bool monthClosed, QString *error)
{
    Q_UNUSED(monthClosed)
    const QDate monthEnd = monthStart.addMonths(1);
    const int32_t queriesFrom = m_endDay - kQueryDays + 1;

    // S3 and Redshift: what the AWS line items of the month used, plus Redshift's queries.
    for (SaasBatch &b : m_aws.take(kDemo)) {
        if (b.service == u"Redshift")
            for (int32_t day = std::max(first, queriesFrom); day <= last; ++day)
                redshiftQueries(day, b);
        if (!writer.addSaas(b, error))
            return false;
    }

    // BigQuery: bytes billed per project and day from the GCP "Analysis" lines (no line items of
    // its own: the cost is in the GCP bill), jobs for the last 30 days.
    std::sort(m_bigQuery.begin(), m_bigQuery.end(),
              [](const BigQueryDay &a, const BigQueryDay &b) { return std::tie(a.project, a.day) < std::tie(b.project, b.day); });
    for (size_t i = 0; i < m_bigQuery.size();) {
        SaasBatch b;
        b.service = QStringLiteral("BigQuery");
        b.account = m_bigQuery[i].project;
        b.source = kDemo;
        b.from = monthStart;
        b.to = monthEnd;
        for (; i < m_bigQuery.size() && m_bigQuery[i].project == b.account; ++i) {
            const BigQueryDay &d = m_bigQuery[i];
            const size_t before = b.queries.size();
            if (d.day >= queriesFrom)
                bigQueryJobs(d.project, d.day, d.tib, d.cost, b);
            int64_t slotMs = 0;
            for (size_t k = before; k < b.queries.size(); ++k)
                slotMs += b.queries[k].slotMs;
            b.usage.push_back(usage(d.day, QStringLiteral("project"), d.project, QStringLiteral("bytes-billed"),
                                    QStringLiteral("bytes"), std::round(d.tib * kTiB), d.cost));
            if (b.queries.size() > before) {
                b.usage.push_back(usage(d.day, QStringLiteral("project"), d.project, QStringLiteral("queries"),
                                        QStringLiteral("count"), static_cast<double>(b.queries.size() - before),
                                        Money()));
                b.usage.push_back(usage(d.day, QStringLiteral("project"), d.project, QStringLiteral("slot-ms"),
                                        QStringLiteral("slot-ms"), static_cast<double>(slotMs), Money()));
            }
        }
        if (!writer.addSaas(b, error))
            return false;
    }
    m_bigQuery.clear();

    // Databricks: DBUs per SKU and day, priced at the Premium list price.
    {
        CostBatch costs;
        costs.provider = QStringLiteral("Databricks");
        costs.billingAccountId = databricksAccount();
        costs.billingAccountName = QStringLiteral("Acme Databricks");
        costs.currency = kUsd;
        costs.periodStart = monthStart;
        costs.periodEnd = monthEnd;
        SaasBatch b;
        b.service = QStringLiteral("Databricks");
        b.account = databricksAccount();
        b.source = kDemo;
        b.from = monthStart;
        b.to = monthEnd;
        for (int32_t day = first; day <= last; ++day) {
            const double months = static_cast<double>(m_endDay - day) / 30.44;
            for (const Sku &sku : kSkus) {
                double dbu = m_scale * sku.weekday * std::pow(1.02, -months) * (weekend(day) ? sku.weekendFactor : 1.0);
                dbu = std::round(dbu * m_rng.uniform(0.85, 1.15) * 100) / 100;
                const Money cost = Money::fromDouble(dbu * sku.price);
                costs.rows.push_back(lineItem(day, QStringLiteral("Databricks"), QLatin1String(sku.name),
                                              QLatin1String(sku.description), databricksWorkspace(),
                                              QStringLiteral("DBU"), dbu, cost));
                b.usage.push_back(usage(day, QStringLiteral("sku"), QLatin1String(sku.name), QStringLiteral("dbu"),
                                        QStringLiteral("DBU"), dbu, cost));
                m_billed += cost.nanos();
            }
        }
        if (!writer.add(costs, error) || !writer.addSaas(b, error))
            return false;
    }

    // Snowflake: credits per warehouse and day (compute and cloud services), queries for the last 30 days.
    {
        CostBatch costs;
        costs.provider = QStringLiteral("Snowflake");
        costs.billingAccountId = snowflakeAccount();
        costs.billingAccountName = QStringLiteral("Acme Snowflake (AWS us-east-1)");
        costs.currency = kUsd;
        costs.periodStart = monthStart;
        costs.periodEnd = monthEnd;
        SaasBatch b;
        b.service = QStringLiteral("Snowflake");
        b.account = snowflakeAccount();
        b.source = kDemo;
        b.from = monthStart;
        b.to = monthEnd;
        for (int32_t day = first; day <= last; ++day) {
            const bool off = weekend(day);
            for (const Warehouse &w : kWarehouses) {
                if (day < m_endDay - w.createdAgo)
                    continue;
                const double hours = off ? w.weekendHours : w.weekdayHours;
                if (hours <= 0)
                    continue;
                const QString name = QLatin1String(w.name);
                const double jitter = w.weekdayHours >= 24 ? 1.0 : m_rng.uniform(0.8, 1.2);
                const double compute = std::round(m_scale * hours * w.creditsPerHour * jitter * 1000) / 1000;
                const double cloud = std::round(compute * kCloudServicesShare * 1000) / 1000;
                const Money computeCost = Money::fromDouble(compute * kCreditPrice);
                // Cloud services are billed only beyond 10 % of the day's compute credits: at 4 %
                // they are listed (per warehouse, at no cost) and never billed.
                const Money cloudCost;
                costs.rows.push_back(lineItem(day, QStringLiteral("Snowflake"), QStringLiteral("COMPUTE"),
                                              QStringLiteral("Warehouse compute credits"), name,
                                              QStringLiteral("Credits"), compute, computeCost));
                b.usage.push_back(usage(day, QStringLiteral("warehouse"), name, QStringLiteral("credits-compute"),
                                        QStringLiteral("credits"), compute, computeCost));
                b.usage.push_back(usage(day, QStringLiteral("warehouse"), name,
                                        QStringLiteral("credits-cloud-services"), QStringLiteral("credits"), cloud,
                                        cloudCost));
                m_billed += computeCost.nanos();
                if (day < queriesFrom)
                    continue;
                const int n = off ? w.queriesWeekend : w.queriesWeekday;
                const int window = static_cast<int>(std::min(hours, 24.0) * 3600);
                for (int i = 0; i < n; ++i) {
                    SaasQueryRow q;
                    q.queryId = QStringLiteral("01b%1-0000-%2").arg(DemoIds::hex(name + QString::number(day), 10)).arg(i);
                    q.scope = name;
                    q.currency = kUsd;
                    q.text = QLatin1String(m_rng.pick(kSnowflakeSql));
                    q.statementType = statementType(q.text);
                    q.user = name == u"ETL_WH" ? QStringLiteral("DBT_SVC")
                                               : QLatin1String(m_rng.pick(kSnowflakeUsers));
                    q.durationMs = name == u"ETL_WH" ? m_rng.between(60000, 1200000) : m_rng.between(300, 45000);
                    q.started = at(day, w.startHour * 3600 + m_rng.between(0, std::max(1, window - 1200)));
                    q.bytesScanned = static_cast<int64_t>(m_rng.uniform(1e7, 8e10));
                    q.credits = std::round(m_scale * w.creditsPerHour * static_cast<double>(q.durationMs) / 3.6e6 * 1e6) / 1e6;
                    q.cost = Money::fromDouble(q.credits * kCreditPrice);
                    b.queries.push_back(std::move(q));
                }
            }
        }
        if (!writer.add(costs, error) || !writer.addSaas(b, error))
            return false;
    }
    return true;
}

} // namespace costscope::demo
