#include "StoreTestSupport.h"

#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "model/store/Schema.h"

#include <QTemporaryDir>
#include <QTest>

#include <initializer_list>

using namespace costscope;
using namespace costscope::store;
using namespace costscope::testsupport;

namespace {

bool run(SqliteDb &db, const char *sql, std::initializer_list<int64_t> binds = {})
{
    Statement st(db, sql);
    int i = 1;
    for (int64_t b : binds)
        st.bind(i++, b);
    const bool ok = st.run();
    if (!ok)
        qWarning("%s: %s", sql, qPrintable(st.error()));
    return ok;
}

const QDate kJan(2026, 1, 1);

// Writes costs the way a version-1 writer did: a period of two line items with rollups.
bool writeVersion1Data(SqliteDb &db)
{
    const int64_t d0 = dayNumber(kJan);
    const int64_t t0 = utcSeconds(kJan);
    return db.exec("INSERT INTO str(id, s) VALUES (1,'AWS'),(2,'111'),(3,'Payer'),(4,'USD'),(5,'EC2'),"
                   "(6,'us-east-1'),(7,'i-1'),(8,'team'),(9,'ml');"
                   "INSERT INTO kvset(id, digest) VALUES (1, x'01');"
                   "INSERT INTO kvset_item(set_id, key_id, value_id) VALUES (1, 8, 9);"
                   "INSERT INTO source(id, kind, name, digest, format, imported_at) "
                   "VALUES (1, 'file', 'old.csv', 'digest-old', 'test', 0);"
                   "INSERT INTO account(id, provider, name) VALUES (2, 1, 3);"
                   "INSERT INTO meta(key, value) VALUES ('created', '2025-01-01T00:00:00Z');")
           && run(db,
                  "INSERT INTO billing_period(id, provider, account, account_name, period_start, period_end, "
                  "currency, source_id, row_count, billed_total, written_at) VALUES (1, 1, 2, 3, ?, ?, 4, 1, 2, "
                  "3500000000, 0)",
                  {d0, dayNumber(kJan.addMonths(1))})
           && run(db,
                  "INSERT INTO line_item(period_id, charge_start, charge_end, day, sub_account, service, "
                  "service_category, region, resource, resource_name, resource_type, sku, description, "
                  "charge_category, pricing_category, consumed_qty, consumed_unit, pricing_qty, pricing_unit, "
                  "billed, effective, list, contracted, commitment, tagset, attrset) VALUES "
                  "(1, ?1, ?1 + 3600, ?2, 2, 5, 0, 6, 7, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1500000000, 1500000000, "
                  "1500000000, 0, 0, 1, 0), "
                  "(1, ?1 + 86400, ?1 + 90000, ?2 + 1, 2, 5, 0, 6, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 2000000000, "
                  "2000000000, 2000000000, 0, 0, 0, 0)",
                  {t0, d0})
           && run(db,
                  "INSERT INTO rollup_daily(period_id, day, sub_account, service, region, charge_category, billed, "
                  "effective, list, rows) VALUES (1, ?1, 2, 5, 6, 0, 1500000000, 1500000000, 1500000000, 1), "
                  "(1, ?1 + 1, 2, 5, 6, 0, 2000000000, 2000000000, 2000000000, 1)",
                  {d0})
           && run(db,
                  "INSERT INTO rollup_resource_daily(period_id, day, resource, sub_account, service, region, tagset, "
                  "billed, effective, list) VALUES (1, ?1, 7, 2, 5, 6, 1, 1500000000, 1500000000, 1500000000), "
                  "(1, ?1 + 1, 0, 2, 5, 6, 0, 2000000000, 2000000000, 2000000000)",
                  {d0});
}

bool writeVersion2Data(SqliteDb &db)
{
    return db.exec("INSERT INTO str(id, s) VALUES (10, 'vol-1'), (11, 'running'), (12, 'volume-instance'),"
                   "(13, 'cpu'), (14, 'instance');"
                   "INSERT INTO resource(id, provider, account, region, resource, name, type, flavor, state, "
                   "first_seen, last_seen, created_at, tagset) VALUES (1, 1, 2, 6, 7, 0, 14, 0, 11, 100, 200, 0, 1),"
                   "(2, 1, 2, 6, 10, 0, 0, 0, 0, 100, 200, 0, 0);"
                   "INSERT INTO attachment(resource_id, target, kind) VALUES (2, 7, 12);"
                   "INSERT INTO metric_point(resource_id, metric, t, value) VALUES (1, 13, 0, 50), (1, 13, 300, 70);"
                   "INSERT INTO metric_daily(resource_id, metric, day, avg, max, samples) VALUES (1, 13, 0, 60, 70, 2);");
}

bool writeVersion3Data(SqliteDb &db)
{
    return db.exec("INSERT INTO ml_experiment(id, name, primary_metric) VALUES (1, 'resnet', 'accuracy');"
                   "INSERT INTO ml_run(id, uuid, experiment_id, status, instance_id) VALUES (1, 'run-1', 1, 'FINISHED', 'i-1');"
                   "INSERT INTO ml_param(run_id, key, value) VALUES (1, 'lr', '0.1');"
                   "INSERT INTO ml_metric(run_id, key, step, ts, value) VALUES (1, 'accuracy', 0, 0, 0.9);");
}

} // namespace

class TestSchemaMigration : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void freshSchema();
    void fromEveryEarlierVersion_data();
    void fromEveryEarlierVersion();
    void failedMigrationKeepsVersion();
    void lineItemIdOutOfRangeForVersion16_data();
    void lineItemIdOutOfRangeForVersion16();
    void neverDowngrades();

private:
    QTemporaryDir m_dir;
};

void TestSchemaMigration::freshSchema()
{
    CostStore store;
    QString error;
    QVERIFY2(store.open(m_dir.filePath(QStringLiteral("fresh.costscope")), &error), qPrintable(error));
    SqliteDb &db = store.db();
    QCOMPARE(Schema::version(db), Schema::kCurrentVersion);
    QCOMPARE(db.queryInt("PRAGMA application_id"), qint64(Schema::kApplicationId));
    QCOMPARE(db.queryText("PRAGMA journal_mode"), QStringLiteral("wal"));
    QCOMPARE(db.queryInt("PRAGMA foreign_keys"), qint64(1));
    QCOMPARE(db.queryText("PRAGMA integrity_check"), QStringLiteral("ok"));
    for (const char *table : {"meta", "str", "kvset", "kvset_item", "source", "billing_period", "account", "line_item",
                              "rollup_daily", "rollup_resource_daily", "resource", "attachment", "metric_point",
                              "metric_daily", "ml_experiment", "ml_run", "ml_param", "ml_tag", "ml_metric"}) {
        Statement st(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
        st.bind(1, QString::fromLatin1(table));
        QVERIFY(st.next());
        QVERIFY2(st.columnInt(0) == 1, table);
    }
    // Migrating to the current version again is a no-op.
    QVERIFY(Schema::migrate(db, Schema::kCurrentVersion, &error));
}

void TestSchemaMigration::fromEveryEarlierVersion_data()
{
    QTest::addColumn<int>("from");
    for (int v = 1; v < Schema::kCurrentVersion; ++v)
        QTest::addRow("from version %d", v) << v;
}

void TestSchemaMigration::fromEveryEarlierVersion()
{
    QFETCH(int, from);
    const QString path = m_dir.filePath(QStringLiteral("v%1.costscope").arg(from));
    QString error;
    {
        SqliteDb db;
        QVERIFY(db.open(path, SqliteDb::Mode::ReadWriteCreate, &error));
        QVERIFY(db.exec("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON"));
        QVERIFY2(Schema::migrate(db, from, &error), qPrintable(error));
        QCOMPARE(Schema::version(db), from);
        QCOMPARE(db.queryInt("PRAGMA application_id"), qint64(Schema::kApplicationId));
        QVERIFY(writeVersion1Data(db));
        if (from >= 2)
            QVERIFY(writeVersion2Data(db));
        if (from >= 3)
            QVERIFY(writeVersion3Data(db));
        if (from >= 4) // a version-4 writer counts the periods of its source
            QVERIFY(db.exec("UPDATE source SET period_count = 1"));
        if (from >= 6) // a version-6 writer keeps the tag and monthly resource rollups
            QVERIFY(db.exec(
                "INSERT INTO rollup_tag_daily(period_id, day, key_id, value_id, billed, effective, list) "
                "SELECT r.period_id, r.day, i.key_id, i.value_id, sum(r.billed), sum(r.effective), sum(r.list) "
                "FROM rollup_resource_daily r JOIN kvset_item i ON i.set_id = r.tagset AND i.value_id <> 0 "
                "GROUP BY r.period_id, r.day, i.key_id, i.value_id;"
                "INSERT INTO rollup_resource_monthly(period_id, month, resource, billed, effective, list) "
                "SELECT period_id, CAST(strftime('%s', day * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400 "
                "AS m, resource, sum(billed), sum(effective), sum(list) FROM rollup_resource_daily "
                "GROUP BY period_id, m, resource;"));
    }

    CostStore store;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    SqliteDb &db = store.db();
    QCOMPARE(Schema::version(db), Schema::kCurrentVersion);
    QCOMPARE(db.queryInt("PRAGMA application_id"), qint64(Schema::kApplicationId));
    QCOMPARE(db.queryText("PRAGMA journal_mode"), QStringLiteral("wal"));
    QCOMPARE(db.queryInt("PRAGMA foreign_keys"), qint64(1));
    QCOMPARE(db.queryText("PRAGMA integrity_check"), QStringLiteral("ok"));
    QCOMPARE(db.queryInt("SELECT count(*) FROM pragma_foreign_key_check"), qint64(0));
    // Only new workspaces get CostStore::kNewPageSize; an existing one keeps SQLite's 4 KiB pages.
    QCOMPARE(db.queryInt("PRAGMA page_size"), qint64(4096));
    // Version 15 dropped the period indexes of the rollups keyed by day or month first.
    QCOMPARE(db.queryInt("SELECT count(*) FROM sqlite_master WHERE name IN ('rollup_daily_period', "
                         "'rollup_resource_daily_period', 'rollup_resource_monthly_period')"),
             qint64(0));
    QCOMPARE(store.metaValue(QStringLiteral("created")), QStringLiteral("2025-01-01T00:00:00Z"));
    // Version 16 put the line items in their period's id range (id = period << 32 + old id) and
    // dropped the period index.
    QCOMPARE(db.queryInt("SELECT count(*) FROM sqlite_master WHERE name = 'line_item_period'"), qint64(0));
    QCOMPARE(db.queryText("SELECT group_concat((id - (1 << 32)) || ':' || billed, ' ') FROM "
                          "(SELECT id, billed FROM line_item ORDER BY id)"),
             QStringLiteral("1:1500000000 2:2000000000"));

    // The costs survived, with their rollups, names and provenance.
    CostQuery q(store);
    QCOMPARE(q.lineItemCount(), qint64(2));
    QCOMPARE(q.rawBilledTotal(kJan, kJan.addMonths(1)), qint64(3'500'000'000));
    CostQuerySpec spec;
    spec.from = kJan;
    spec.to = kJan.addMonths(1);
    spec.groupBy = Dimension::Tag;
    spec.groupTagKey = QStringLiteral("team");
    spec.granularity = Granularity::Total;
    CostSeries s = q.aggregate(spec);
    QCOMPARE(s.total, qint64(3'500'000'000));
    QCOMPARE(s.groups.size(), size_t(2));
    QCOMPARE(s.groups[0].key, QString());
    QCOMPARE(s.groups[1].key, QStringLiteral("ml"));
    spec.groupBy = Dimension::Account;
    s = q.aggregate(spec);
    QCOMPARE(s.groups.size(), size_t(1));
    QCOMPARE(s.groups[0].label, QStringLiteral("Payer (111)"));
    const auto periods = q.periods();
    QCOMPARE(periods.size(), size_t(1));
    QCOMPARE(periods[0].sourceName, QStringLiteral("old.csv"));
    CostWriter w(store);
    // Version 4 counted the periods each source already held.
    QVERIFY(w.isAlreadyImported(QStringLiteral("digest-old")));
    if (from >= 2) {
        QCOMPARE(db.queryInt("SELECT count(*) FROM attachment"), qint64(1));
        QCOMPARE(db.queryInt("SELECT samples FROM metric_daily"), qint64(2));
    }
    if (from >= 3)
        QCOMPARE(db.queryText("SELECT value FROM ml_param"), QStringLiteral("0.1"));

    // The new tables work: restate the old period and add resources, metrics and runs.
    CostBatch b = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), kJan);
    b.rows.push_back(makeRow(kJan.addDays(3), "4.25", QStringLiteral("EC2"), QStringLiteral("us-east-1"), {},
                             QStringLiteral("i-1")));
    ResourceBatch rb;
    rb.provider = QStringLiteral("AWS");
    rb.accountId = QStringLiteral("111");
    rb.observedAt = 1000;
    ResourceRecord r;
    r.resourceId = QStringLiteral("i-2");
    rb.resources = {r};
    MetricSeries m;
    m.provider = QStringLiteral("AWS");
    m.resourceId = QStringLiteral("i-2");
    m.metric = QStringLiteral("cpu");
    m.points = {{86400, 10}};
    MlRun run;
    run.runUuid = QStringLiteral("run-2");
    run.experimentName = QStringLiteral("resnet");
    QVERIFY(w.begin(source(QStringLiteral("new.csv"), QStringLiteral("digest-new")), &error));
    QVERIFY2(w.add(b, &error), qPrintable(error));
    QVERIFY2(w.addResources(rb, false, &error), qPrintable(error));
    QVERIFY2(w.addMetrics(m, &error), qPrintable(error));
    QVERIFY2(w.addRuns({run}, &error), qPrintable(error));
    QVERIFY2(w.commit(&error), qPrintable(error));
    QCOMPARE(w.summary().periodsReplaced, 1);
    QCOMPARE(q.lineItemCount(), qint64(1));
    QCOMPARE(db.queryInt("SELECT id - (period_id << 32) FROM line_item"), qint64(0));
    QCOMPARE(q.rawBilledTotal(kJan, kJan.addMonths(1)), qint64(4'250'000'000));
    QCOMPARE(q.aggregate(spec).total, qint64(4'250'000'000));
    QVERIFY(!w.isAlreadyImported(QStringLiteral("digest-old")));
    QVERIFY(w.isAlreadyImported(QStringLiteral("digest-new")));
    QCOMPARE(db.queryInt("SELECT count(*) FROM ml_run"), qint64(from >= 3 ? 2 : 1));
    QCOMPARE(db.queryText("PRAGMA integrity_check"), QStringLiteral("ok"));
}

void TestSchemaMigration::failedMigrationKeepsVersion()
{
    const QString path = m_dir.filePath(QStringLiteral("blocked.costscope"));
    QString error;
    {
        SqliteDb db;
        QVERIFY(db.open(path, SqliteDb::Mode::ReadWriteCreate, &error));
        QVERIFY(Schema::migrate(db, 1, &error));
        QVERIFY(writeVersion1Data(db));
        // Something in the way of version 2.
        QVERIFY(db.exec("CREATE TABLE resource(x)"));
    }
    CostStore store;
    QVERIFY(!store.open(path, &error));
    QCOMPARE(store.openError(), CostStore::OpenError::MigrationFailed);
    QVERIFY2(error.contains(QStringLiteral("version 2")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("earlier version")), qPrintable(error));
    SqliteDb db;
    QVERIFY(db.open(path, SqliteDb::Mode::ReadOnly, &error));
    QCOMPARE(Schema::version(db), 1);
    QCOMPARE(db.queryInt("SELECT count(*) FROM line_item"), qint64(2));
    QCOMPARE(db.queryInt("SELECT count(*) FROM sqlite_master WHERE name = 'attachment'"), qint64(0));
}

void TestSchemaMigration::lineItemIdOutOfRangeForVersion16_data()
{
    QTest::addColumn<QByteArray>("change");
    QTest::addColumn<QString>("check");
    QTest::addColumn<QString>("ids");
    QTest::newRow("id 2^32") << QByteArray("UPDATE line_item SET id = 4294967296 WHERE id = 2")
                             << QStringLiteral("max_id < 4294967296") << QStringLiteral("1:1 4294967296:1");
    QTest::newRow("negative id") << QByteArray("UPDATE line_item SET id = -5 WHERE id = 2")
                                 << QStringLiteral("min_id >= 0") << QStringLiteral("-5:1 1:1");
    QTest::newRow("period 2^30") << QByteArray("UPDATE line_item SET period_id = 1073741824 WHERE id = 2")
                                 << QStringLiteral("max_period < 1073741824") << QStringLiteral("1:1 2:1073741824");
    QTest::newRow("negative period") << QByteArray("UPDATE line_item SET period_id = -1 WHERE id = 2")
                                     << QStringLiteral("min_period >= 0") << QStringLiteral("1:1 2:-1");
}

// Version 16 keeps an old line item's id as its number inside its period's range, which has room
// for ids 0 to 2^32 - 1 and periods 0 to 2^30 - 1: anything else stops the migration (nothing
// changed) instead of mixing two periods' items.
void TestSchemaMigration::lineItemIdOutOfRangeForVersion16()
{
    QFETCH(QByteArray, change);
    QFETCH(QString, check);
    QFETCH(QString, ids);
    const QString path = m_dir.filePath(QStringLiteral("out-of-range-%1.costscope").arg(QTest::currentDataTag()));
    QString error;
    {
        SqliteDb db;
        QVERIFY(db.open(path, SqliteDb::Mode::ReadWriteCreate, &error));
        QVERIFY(Schema::migrate(db, 15, &error));
        QVERIFY(writeVersion1Data(db));
        QVERIFY(db.exec(change.constData()));
    }
    CostStore store;
    QVERIFY(!store.open(path, &error));
    QCOMPARE(store.openError(), CostStore::OpenError::MigrationFailed);
    QVERIFY2(error.contains(QStringLiteral("version 16")), qPrintable(error));
    QVERIFY2(error.contains(check), qPrintable(error));
    SqliteDb db;
    QVERIFY(db.open(path, SqliteDb::Mode::ReadOnly, &error));
    QCOMPARE(Schema::version(db), 15);
    QCOMPARE(db.queryText("SELECT group_concat(id || ':' || period_id, ' ') FROM (SELECT * FROM line_item ORDER BY id)"),
             ids);
    QCOMPARE(db.queryInt("SELECT count(*) FROM sqlite_master WHERE name = 'line_item_period'"), qint64(1));
}

void TestSchemaMigration::neverDowngrades()
{
    SqliteDb db;
    QString error;
    QVERIFY(db.open(QStringLiteral(":memory:"), SqliteDb::Mode::ReadWriteCreate, &error));
    QVERIFY(Schema::migrate(db, Schema::kCurrentVersion, &error));
    QVERIFY(!Schema::migrate(db, 1, &error));
    QVERIFY2(error.contains(QStringLiteral("newer")), qPrintable(error));
    QCOMPARE(Schema::version(db), Schema::kCurrentVersion);
}

QTEST_GUILESS_MAIN(TestSchemaMigration)
#include "TestSchemaMigration.moc"
