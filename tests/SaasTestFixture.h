#pragma once

// The SaaS usage fixture shared by TestSaasQuery and TestSaasTab: a few days of March 2026 in
// every service, one row in EUR, one day in February, hostile query text. The expected figures
// in those tests are computed by hand from these rows (see the comments there).

#include "StoreTestSupport.h"

#include "model/Domain.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"

#include <QDate>
#include <QDateTime>
#include <QString>

namespace costscope::testsupport {

inline constexpr double kTiB = 1099511627776.0;

// The hostile query: line breaks and tabs, a spreadsheet formula, markup, a NUL and a
// right-to-left override; longer than one line. The user of job-2 is a spreadsheet formula.
inline QString hostileQueryText()
{
    return QStringLiteral("SELECT *\r\n  FROM `proj-a.ds.events`\t-- =cmd|' /C calc'!A0\n<b>bold</b> ") + QChar(0)
           + QChar(0x202e) + QStringLiteral("WHERE 1 = 1 ") + QString(300, u'x');
}

inline SaasUsageRow usage(const char *service, const char *kind, const char *entity, const char *type, const char *unit,
                          const QDate &day, double quantity, const char *cost, const char *currency = "USD")
{
    SaasUsageRow r;
    r.service = QString::fromLatin1(service);
    r.account = QStringLiteral("111");
    r.entityKind = QString::fromLatin1(kind);
    r.entity = QString::fromLatin1(entity);
    r.usageType = QString::fromLatin1(type);
    r.unit = QString::fromLatin1(unit);
    r.currency = QString::fromLatin1(currency);
    r.day = day;
    r.quantity = quantity;
    r.cost = money(cost);
    return r;
}

inline SaasQueryRow query(const char *service, const char *id, const char *user, const char *scope,
                          const QDateTime &started, const char *cost, const QString &text, const char *currency = "USD")
{
    SaasQueryRow q;
    q.service = QString::fromLatin1(service);
    q.account = QStringLiteral("111");
    q.queryId = QString::fromLatin1(id);
    q.user = QString::fromLatin1(user);
    q.scope = QString::fromLatin1(scope);
    q.statementType = QStringLiteral("SELECT");
    q.text = text;
    q.currency = QString::fromLatin1(currency);
    q.started = started;
    q.durationMs = 1500;
    q.cost = money(cost);
    return q;
}

// Writes the rows through CostWriter::addSaas, one batch per service covering February and March.
inline bool writeSaas(store::CostStore &store, const std::vector<SaasUsageRow> &rows,
                      const std::vector<SaasQueryRow> &queries, QString *error)
{
    store::CostWriter w(store);
    if (!w.begin(source(QStringLiteral("saas-fixture")), error))
        return false;
    std::vector<SaasBatch> batches;
    const auto batchOf = [&](const QString &service) -> SaasBatch & {
        for (SaasBatch &b : batches)
            if (b.service == service)
                return b;
        SaasBatch b;
        b.service = service;
        b.account = QStringLiteral("111");
        b.source = QStringLiteral("test");
        b.from = QDate(2026, 2, 1);
        b.to = QDate(2026, 4, 1);
        batches.push_back(b);
        return batches.back();
    };
    for (const SaasUsageRow &r : rows)
        batchOf(r.service).usage.push_back(r);
    for (const SaasQueryRow &q : queries)
        batchOf(q.service).queries.push_back(q);
    for (const SaasBatch &b : batches)
        if (!w.addSaas(b, error))
            return false;
    return w.commit(error);
}

// The fixture. USD totals in March 2026: S3 20.29, Redshift 19.00, BigQuery 12.50,
// Snowflake 30.00, Databricks 55.00 (136.79); 3.00 EUR of Snowflake; 5.00 USD of S3 on 27 Feb.
inline bool writeSaasFixture(store::CostStore &store, QString *error)
{
    const QDate d2(2026, 3, 2), d3(2026, 3, 3), d4(2026, 3, 4), d5(2026, 3, 5), d6(2026, 3, 6), d7(2026, 3, 7),
        d9(2026, 3, 9), feb(2026, 2, 27);
    std::vector<SaasUsageRow> rows = {
        usage("S3", "bucket", "logs-bucket", "requests-tier1", "requests", d2, 2'000'000, "10.00"),
        usage("S3", "bucket", "logs-bucket", "requests-tier2", "requests", d2, 1'000'000, "0.40"),
        usage("S3", "bucket", "logs-bucket", "requests-tier1", "requests", d9, 1'000'000, "5.00"),
        usage("S3", "bucket", "logs-bucket", "storage", "GB-Mo", d2, 100, "2.30"),
        usage("S3", "bucket", "assets", "requests-tier1", "requests", d3, 500'000, "2.50"),
        usage("S3", "bucket", "assets", "bytes-out", "bytes", d3, 1e9, "0.09"),
        usage("S3", "bucket", "logs-bucket", "requests-tier1", "requests", feb, 1'000'000, "5.00"),
        usage("Redshift", "cluster", "analytics", "node-hours", "hours", d2, 24, "6.00"),
        usage("Redshift", "cluster", "analytics", "spectrum-bytes", "bytes", d2, 2e12, "10.00"),
        usage("Redshift", "workgroup", "adhoc", "rpu-hours", "RPU-hours", d5, 8, "3.00"),
        usage("BigQuery", "project", "proj-a", "bytes-billed", "bytes", d4, 2 * kTiB, "12.50"),
        usage("Snowflake", "warehouse", "WH_ETL", "credits", "credits", d6, 10, "30.00"),
        usage("Snowflake", "warehouse", "WH_EU", "credits", "credits", d6, 1, "3.00", "EUR"),
        usage("Databricks", "workspace", "ws-1", "dbu", "DBU", d7, 100, "55.00"),
    };
    SaasQueryRow hostile = query("BigQuery", "job-1", "alice@example.com", "proj-a",
                                 QDateTime(d4, QTime(10, 0), Qt::UTC), "9.375", hostileQueryText());
    hostile.bytesScanned = static_cast<int64_t>(1.5 * kTiB);
    hostile.bytesBilled = hostile.bytesScanned;
    hostile.durationMs = 65'000;
    hostile.fullScan = true;
    SaasQueryRow small = query("BigQuery", "job-2", "=2+3", "proj-a", QDateTime(d4, QTime(11, 0), Qt::UTC),
                               "3.125", QStringLiteral("SELECT 1"));
    SaasQueryRow etl = query("Snowflake", "01b2", "ETL_USER", "WH_ETL", QDateTime(d6, QTime(2, 0), Qt::UTC), "1.50",
                             QStringLiteral("COPY INTO raw.events FROM @stage"));
    etl.credits = 0.5;
    SaasQueryRow eur = query("Snowflake", "01b3", "EU_USER", "WH_EU", QDateTime(d6, QTime(3, 0), Qt::UTC), "0.75",
                             QStringLiteral("SELECT 2"), "EUR");
    SaasQueryRow old = query("BigQuery", "job-0", "alice@example.com", "proj-a", QDateTime(feb, QTime(9, 0), Qt::UTC),
                             "100.00", QStringLiteral("SELECT old"));
    return writeSaas(store, rows, {hostile, small, etl, eur, old}, error);
}

} // namespace costscope::testsupport
