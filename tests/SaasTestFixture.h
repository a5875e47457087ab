#pragma once

// The SaaS usage fixture shared by TestSaasQuery and TestSaasTab: a few days of March 2026 in
// every service, one row in EUR, one day in February, hostile query text. The expected figures
// in those tests are computed by hand from these rows (see the comments there).

#include "StoreTestSupport.h"

#include "model/Domain.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "model/store/SqliteDb.h"

#include <QDate>
#include <QDateTime>
#include <QString>

namespace costscope::testsupport {

inline constexpr double kTiB = 1099511627776.0;

// The rows as the shared contract's SaasUsageRow / SaasQueryRow (model/Domain.h) hold them.
struct FixtureUsage
{
    QString service, account, entityKind, entity, usageType, unit, currency;
    QDate day;
    double quantity = 0;
    Money cost;
};

struct FixtureQuery
{
    QString service, account, queryId, user, scope, statementType, text, currency;
    QDateTime started;
    int64_t durationMs = 0, bytesScanned = 0, bytesBilled = 0, slotMs = 0;
    double credits = 0;
    Money cost;
    bool fullScan = false;
};

// The hostile query: line breaks and tabs, a spreadsheet formula, markup, a NUL and a
// right-to-left override; longer than one line. The user of job-2 is a spreadsheet formula.
inline QString hostileQueryText()
{
    return QStringLiteral("SELECT *\r\n  FROM `proj-a.ds.events`\t-- =cmd|' /C calc'!A0\n<b>bold</b> ") + QChar(0)
           + QChar(0x202e) + QStringLiteral("WHERE 1 = 1 ") + QString(300, u'x');
}

inline FixtureUsage usage(const char *service, const char *kind, const char *entity, const char *type, const char *unit,
                          const QDate &day, double quantity, const char *cost, const char *currency = "USD")
{
    FixtureUsage r;
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

inline FixtureQuery query(const char *service, const char *id, const char *user, const char *scope,
                          const QDateTime &started, const char *cost, const QString &text, const char *currency = "USD")
{
    FixtureQuery q;
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

// Writes the rows with plain parameterised INSERTs, as schema 14 defines the tables.
inline bool insertSaas(store::CostStore &store, const std::vector<FixtureUsage> &rows,
                       const std::vector<FixtureQuery> &queries, QString *error)
{
    store::SqliteDb &db = store.db();
    store::Transaction txn(db);
    for (const FixtureUsage &r : rows) {
        store::Statement st(db, "INSERT INTO saas_usage_daily(service, account, day, entity_kind, entity, usage_type, "
                                "quantity, unit, cost, currency, source) VALUES (?,?,?,?,?,?,?,?,?,?,'test')");
        st.bind(1, r.service).bind(2, r.account).bind(3, static_cast<int64_t>(dayNumber(r.day))).bind(4, r.entityKind);
        st.bind(5, r.entity).bind(6, r.usageType).bind(7, r.quantity).bind(8, r.unit).bind(9, r.cost.nanos());
        st.bind(10, r.currency);
        if (!st.run()) {
            *error = st.error();
            return false;
        }
    }
    for (const FixtureQuery &q : queries) {
        store::Statement st(db, "INSERT INTO saas_query(service, account, query_id, day, started_ms, duration_ms, user_name, "
                                "scope, statement_type, query_text, bytes_scanned, bytes_billed, slot_ms, credits, cost, "
                                "currency, full_scan, source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'test')");
        st.bind(1, q.service).bind(2, q.account).bind(3, q.queryId);
        st.bind(4, static_cast<int64_t>(dayNumber(q.started.toUTC().date()))).bind(5, static_cast<int64_t>(q.started.toMSecsSinceEpoch()));
        st.bind(6, q.durationMs).bind(7, q.user).bind(8, q.scope).bind(9, q.statementType).bind(10, q.text.left(2000));
        st.bind(11, q.bytesScanned).bind(12, q.bytesBilled).bind(13, q.slotMs).bind(14, q.credits);
        st.bind(15, q.cost.nanos()).bind(16, q.currency).bind(17, static_cast<int64_t>(q.fullScan ? 1 : 0));
        if (!st.run()) {
            *error = st.error();
            return false;
        }
    }
    if (!txn.commit()) {
        *error = txn.error();
        return false;
    }
    return true;
}

// The fixture. USD totals in March 2026: S3 20.29, Redshift 19.00, BigQuery 12.50,
// Snowflake 30.00, Databricks 55.00 (136.79); 3.00 EUR of Snowflake; 5.00 USD of S3 on 27 Feb.
inline bool writeSaasFixture(store::CostStore &store, QString *error)
{
    const QDate d2(2026, 3, 2), d3(2026, 3, 3), d4(2026, 3, 4), d5(2026, 3, 5), d6(2026, 3, 6), d7(2026, 3, 7),
        d9(2026, 3, 9), feb(2026, 2, 27);
    std::vector<FixtureUsage> rows = {
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
    FixtureQuery hostile = query("BigQuery", "job-1", "alice@example.com", "proj-a",
                                 QDateTime(d4, QTime(10, 0), Qt::UTC), "9.375", hostileQueryText());
    hostile.bytesScanned = static_cast<int64_t>(1.5 * kTiB);
    hostile.bytesBilled = hostile.bytesScanned;
    hostile.durationMs = 65'000;
    hostile.fullScan = true;
    FixtureQuery small = query("BigQuery", "job-2", "=2+3", "proj-a", QDateTime(d4, QTime(11, 0), Qt::UTC),
                               "3.125", QStringLiteral("SELECT 1"));
    FixtureQuery etl = query("Snowflake", "01b2", "ETL_USER", "WH_ETL", QDateTime(d6, QTime(2, 0), Qt::UTC), "1.50",
                             QStringLiteral("COPY INTO raw.events FROM @stage"));
    etl.credits = 0.5;
    FixtureQuery eur = query("Snowflake", "01b3", "EU_USER", "WH_EU", QDateTime(d6, QTime(3, 0), Qt::UTC), "0.75",
                             QStringLiteral("SELECT 2"), "EUR");
    FixtureQuery old = query("BigQuery", "job-0", "alice@example.com", "proj-a", QDateTime(feb, QTime(9, 0), Qt::UTC),
                             "100.00", QStringLiteral("SELECT old"));
    return insertSaas(store, rows, {hostile, small, etl, eur, old}, error);
}

} // namespace costscope::testsupport
