#include "SaasTestFixture.h"
#include "StoreTestSupport.h"

#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "model/store/RecommendationQuery.h"
#include "model/store/SaasQuery.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace costscope;
using testsupport::money;

namespace {

const QDate kMarch(2026, 3, 1);
const QDate kApril(2026, 4, 1);

int64_t nanos(const char *amount) { return money(amount).nanos(); }

store::SaasFilter march(const QString &service = {}, store::SaasBucketing b = store::SaasBucketing::Day)
{
    store::SaasFilter f;
    f.from = kMarch;
    f.to = kApril;
    f.service = service;
    f.bucketing = b;
    return f;
}

const store::SaasEntity *findEntity(const store::SaasOverview &o, const QString &kind, const QString &name)
{
    for (const store::SaasEntity &e : o.entities)
        if (e.kind == kind && e.name == name)
            return &e;
    return nullptr;
}

const store::SaasUnitCost *findUnit(const store::SaasOverview &o, const QString &id)
{
    for (const store::SaasUnitCost &u : o.unitCosts)
        if (u.id == id)
            return &u;
    return nullptr;
}

int64_t serviceCost(const store::SaasOverview &o, const QString &service)
{
    for (const store::SaasServiceTotal &s : o.services)
        if (s.service == service)
            return s.cost;
    return -1;
}

} // namespace

class TestSaasQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void emptyWorkspace();
    void totalsPerService();
    void seriesBuckets_data();
    void seriesBuckets();
    void topEntities();
    void unitCosts_data();
    void unitCosts();
    void serviceFilter();
    void periodFilter();
    void otherCurrency();
    void expensiveQueries();
    void recommendations();
    void moduleServices_data();
    void moduleServices();
    void oneLine_data();
    void oneLine();
    void matchingResource_data();
    void matchingResource();
    void hostileFilter();

private:
    QTemporaryDir m_dir;
    store::CostStore m_store;
};

void TestSaasQuery::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    QVERIFY2(m_store.open(m_dir.filePath(QStringLiteral("saas.costscope")), &error), qPrintable(error));
    QVERIFY2(testsupport::writeSaasFixture(m_store, &error), qPrintable(error));

    // Line items whose resources the entities match: the bucket by its name, the cluster by its
    // ARN; a second cluster whose name only starts like it must not match.
    store::CostWriter w(m_store);
    QVERIFY2(w.begin(testsupport::source(QStringLiteral("cur")), &error), qPrintable(error));
    CostBatch b = testsupport::makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), kMarch);
    b.rows.push_back(testsupport::makeRow(QDate(2026, 3, 2), "17.70", QStringLiteral("Amazon Simple Storage Service"),
                                          QStringLiteral("us-east-1"), QStringLiteral("111"), QStringLiteral("logs-bucket")));
    b.rows.push_back(testsupport::makeRow(QDate(2026, 3, 2), "6.00", QStringLiteral("Amazon Redshift"),
                                          QStringLiteral("us-east-1"), QStringLiteral("111"),
                                          QStringLiteral("arn:aws:redshift:us-east-1:111:cluster:analytics")));
    b.rows.push_back(testsupport::makeRow(QDate(2026, 3, 2), "1.00", QStringLiteral("Amazon Redshift"),
                                          QStringLiteral("us-east-1"), QStringLiteral("111"),
                                          QStringLiteral("arn:aws:redshift:us-east-1:111:cluster:analytics-old")));
    QVERIFY2(w.add(b, &error), qPrintable(error));
    QVERIFY2(w.commit(&error), qPrintable(error));

    // The last recommendations run: an S3 item, a Snowflake item, an S3 item the user dismissed,
    // and an item of a module that is not about these services.
    store::RecommendationRecord s3;
    s3.module = QStringLiteral("abandoned_s3_buckets");
    s3.provider = QStringLiteral("AWS");
    s3.resourceId = QStringLiteral("assets");
    s3.name = QStringLiteral("assets");
    s3.saving = money("4.00");
    s3.currency = QStringLiteral("USD");
    s3.detail = QStringLiteral("no requests for 30 days");
    s3.at = testsupport::utcSeconds(QDate(2026, 3, 10));
    store::RecommendationRecord snow = s3;
    snow.module = QStringLiteral("snowflake_warehouse_idle");
    snow.resourceId = QStringLiteral("WH_ETL");
    snow.name = QStringLiteral("WH_ETL");
    snow.saving = money("7.00");
    store::RecommendationRecord dismissed = s3;
    dismissed.module = QStringLiteral("public_s3_buckets");
    dismissed.resourceId = QStringLiteral("logs-bucket");
    store::RecommendationRecord other = s3;
    other.module = QStringLiteral("abandoned_instances");
    other.resourceId = QStringLiteral("i-1");
    store::RecommendationQuery reco(m_store);
    QVERIFY2(reco.saveRun({s3, snow, dismissed, other}, {}, &error), qPrintable(error));
    QVERIFY(reco.setDismissed(dismissed.module, dismissed.resourceId, true, s3.at));
}

void TestSaasQuery::emptyWorkspace()
{
    store::CostStore empty;
    QString error;
    QVERIFY2(empty.open(m_dir.filePath(QStringLiteral("empty.costscope")), &error), qPrintable(error));
    store::SaasQuery q(empty);
    QVERIFY(!q.lastDay().isValid());
    const store::SaasOverview o = q.overview(march());
    QVERIFY2(o.error.isEmpty(), qPrintable(o.error));
    QVERIFY(!o.anyData);
    QCOMPARE(o.total, 0);
    QVERIFY(o.services.empty());
    QVERIFY(o.entities.empty());
    QVERIFY(o.queries.empty());
    QVERIFY(o.unitCosts.empty());
    QCOMPARE(o.series.buckets.size(), size_t(31));
    // An empty range is an error, not a crash.
    store::SaasFilter bad = march();
    bad.to = bad.from;
    QVERIFY(!q.overview(bad).error.isEmpty());
}

void TestSaasQuery::totalsPerService()
{
    store::SaasQuery q(m_store);
    QCOMPARE(q.lastDay(), QDate(2026, 3, 9));
    const store::SaasOverview o = q.overview(march());
    QVERIFY2(o.error.isEmpty(), qPrintable(o.error));
    QVERIFY(o.anyData);
    QCOMPARE(o.currency, QStringLiteral("USD"));
    // 20.29 + 19.00 + 12.50 + 30.00 + 55.00
    QCOMPARE(o.total, nanos("136.79"));
    QCOMPARE(o.series.total, o.total);
    QCOMPARE(o.services.size(), size_t(5));
    QCOMPARE(o.services[0].service, QStringLiteral("Databricks"));
    QCOMPARE(o.services[1].service, QStringLiteral("Snowflake"));
    QCOMPARE(o.services[2].service, QStringLiteral("S3"));
    QCOMPARE(o.services[3].service, QStringLiteral("Redshift"));
    QCOMPARE(o.services[4].service, QStringLiteral("BigQuery"));
    QCOMPARE(serviceCost(o, QStringLiteral("S3")), nanos("20.29")); // 10 + 0.40 + 5 + 2.30 + 2.50 + 0.09
    QCOMPARE(serviceCost(o, QStringLiteral("Redshift")), nanos("19.00"));
    // S3's usage by type, largest cost first: tier-1 requests 3.5 M for 17.50.
    const store::SaasServiceTotal &s3 = o.services[2];
    QCOMPARE(s3.usage.front().usageType, QStringLiteral("requests-tier1"));
    QCOMPARE(s3.usage.front().quantity, 3'500'000.0);
    QCOMPARE(s3.usage.front().cost, nanos("17.50"));
}

void TestSaasQuery::seriesBuckets_data()
{
    QTest::addColumn<int>("bucketing");
    QTest::addColumn<int>("buckets");
    QTest::addColumn<QDate>("first");
    QTest::addColumn<QDate>("bucketOfNinth"); // where 9 March's 5.00 of S3 lands
    QTest::newRow("day") << int(store::SaasBucketing::Day) << 31 << kMarch << QDate(2026, 3, 9);
    // 1 March 2026 is a Sunday: the first week starts on Monday 23 February.
    QTest::newRow("week") << int(store::SaasBucketing::Week) << 6 << QDate(2026, 2, 23) << QDate(2026, 3, 9);
    QTest::newRow("month") << int(store::SaasBucketing::Month) << 1 << kMarch << kMarch;
}

void TestSaasQuery::seriesBuckets()
{
    QFETCH(int, bucketing);
    QFETCH(int, buckets);
    QFETCH(QDate, first);
    QFETCH(QDate, bucketOfNinth);
    const store::SaasOverview o =
        store::SaasQuery(m_store).overview(march(QStringLiteral("S3"), static_cast<store::SaasBucketing>(bucketing)));
    QVERIFY2(o.error.isEmpty(), qPrintable(o.error));
    QCOMPARE(o.series.buckets.size(), size_t(buckets));
    QCOMPARE(o.series.buckets.front(), first);
    // One service: the groups are its usage types.
    QCOMPARE(o.series.groups.front().key, QStringLiteral("requests-tier1"));
    QCOMPARE(o.series.groups.front().total, nanos("17.50"));
    const auto it = std::find(o.series.buckets.begin(), o.series.buckets.end(), bucketOfNinth);
    QVERIFY(it != o.series.buckets.end());
    const auto index = static_cast<size_t>(it - o.series.buckets.begin());
    int64_t expected = nanos("5.00");
    if (bucketing == int(store::SaasBucketing::Month))
        expected = nanos("17.50"); // every tier-1 request of March
    QCOMPARE(o.series.groups.front().nanos[index], expected);
    int64_t sum = 0;
    for (int64_t v : o.series.bucketTotals())
        sum += v;
    QCOMPARE(sum, nanos("20.29"));
}

void TestSaasQuery::topEntities()
{
    const store::SaasOverview o = store::SaasQuery(m_store).overview(march());
    QVERIFY2(o.error.isEmpty(), qPrintable(o.error));
    // Usage entities by cost, then users from the queries.
    QVERIFY(o.entities.size() >= 7);
    QCOMPARE(o.entities[0].name, QStringLiteral("ws-1"));
    QCOMPARE(o.entities[0].cost, nanos("55.00"));
    QCOMPARE(o.entities[1].name, QStringLiteral("WH_ETL"));
    QCOMPARE(o.entities[2].name, QStringLiteral("logs-bucket"));
    QCOMPARE(o.entities[2].cost, nanos("17.70")); // 10 + 0.40 + 5 + 2.30, not February's 5.00
    QCOMPARE(o.entities[3].name, QStringLiteral("analytics"));
    QCOMPARE(o.entities[3].cost, nanos("16.00"));
    const store::SaasEntity *assets = findEntity(o, QStringLiteral("bucket"), QStringLiteral("assets"));
    QVERIFY(assets);
    QCOMPARE(assets->cost, nanos("2.59"));
    QCOMPARE(assets->usage.size(), size_t(2));
    QCOMPARE(assets->usage[0].usageType, QStringLiteral("requests-tier1"));
    QCOMPARE(assets->usage[1].usageType, QStringLiteral("bytes-out"));
    QCOMPARE(assets->usage[1].quantity, 1e9);
    const store::SaasEntity *adhoc = findEntity(o, QStringLiteral("workgroup"), QStringLiteral("adhoc"));
    QVERIFY(adhoc);
    QCOMPARE(adhoc->service, QStringLiteral("Redshift"));
    // Users: their queries' cost and count (February's 100.00 query is out of the range).
    const store::SaasEntity *alice = findEntity(o, QStringLiteral("user"), QStringLiteral("alice@example.com"));
    QVERIFY(alice);
    QCOMPARE(alice->cost, nanos("9.375"));
    QCOMPARE(alice->usage.front().usageType, QStringLiteral("queries"));
    QCOMPARE(alice->usage.front().quantity, 1.0);
    const store::SaasEntity *etl = findEntity(o, QStringLiteral("user"), QStringLiteral("ETL_USER"));
    QVERIFY(etl);
    QCOMPARE(etl->cost, nanos("1.50"));
    QVERIFY(!findEntity(o, QStringLiteral("user"), QStringLiteral("EU_USER"))); // EUR
}

void TestSaasQuery::unitCosts_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<double>("overall"); // nanos of USD per unit
    // S3: (10 + 0.40 + 5 + 2.50) / (4.5 M / 1000)
    QTest::newRow("s3 per 1k requests") << QStringLiteral("s3-requests") << 17.90e9 / 4500.0;
    QTest::newRow("bigquery per TiB") << QStringLiteral("bigquery-scan") << 6.25e9;     // 12.50 / 2 TiB
    QTest::newRow("spectrum per TB") << QStringLiteral("spectrum-scan") << 5.00e9;      // 10.00 / 2 TB
    QTest::newRow("snowflake per credit") << QStringLiteral("snowflake-credit") << 3.00e9; // 30 / 10
    QTest::newRow("databricks per DBU") << QStringLiteral("databricks-dbu") << 0.55e9;  // 55 / 100
    QTest::newRow("redshift per node-hour") << QStringLiteral("redshift-node-hour") << 0.25e9; // 6 / 24
    QTest::newRow("redshift per RPU-hour") << QStringLiteral("redshift-rpu-hour") << 0.375e9;  // 3 / 8
}

void TestSaasQuery::unitCosts()
{
    QFETCH(QString, id);
    QFETCH(double, overall);
    const store::SaasOverview o = store::SaasQuery(m_store).overview(march());
    const store::SaasUnitCost *u = findUnit(o, id);
    QVERIFY2(u, qPrintable(id));
    QVERIFY2(std::abs(u->overall - overall) < 1.0, qPrintable(QString::number(u->overall, 'f', 3)));
    QCOMPARE(u->values.size(), o.series.buckets.size());
    if (id == u"s3-requests") {
        // Per day: 2 March (10 + 0.40) / 3000, 3 March 2.50 / 500, 9 March 5.00 / 1000, none on 4 March.
        QVERIFY(std::abs(u->values[1] - 10.40e9 / 3000.0) < 1.0);
        QVERIFY(std::abs(u->values[2] - 5e6) < 1.0);
        QVERIFY(std::abs(u->values[8] - 5e6) < 1.0);
        QVERIFY(u->values[3] < 0);
    }
}

void TestSaasQuery::serviceFilter()
{
    store::SaasQuery q(m_store);
    const store::SaasOverview o = q.overview(march(QStringLiteral("S3")));
    QVERIFY2(o.error.isEmpty(), qPrintable(o.error));
    QCOMPARE(o.total, nanos("20.29"));
    QCOMPARE(o.services.size(), size_t(1));
    for (const store::SaasEntity &e : o.entities)
        QCOMPARE(e.service, QStringLiteral("S3"));
    QCOMPARE(o.entities.size(), size_t(2));
    QVERIFY(o.queries.empty());
    QCOMPARE(o.queryCount, 0);
    QCOMPARE(o.unitCosts.size(), size_t(1));
    QCOMPARE(o.unitCosts.front().id, QStringLiteral("s3-requests"));

    const store::SaasOverview bq = q.overview(march(QStringLiteral("BigQuery")));
    QCOMPARE(bq.total, nanos("12.50"));
    QCOMPARE(bq.queries.size(), size_t(2));
    QCOMPARE(bq.queryCount, 2);
    QVERIFY(bq.otherCurrencies.isEmpty()); // EUR is Snowflake's only
}

void TestSaasQuery::periodFilter()
{
    store::SaasFilter f = march();
    f.from = QDate(2026, 3, 3);
    f.to = QDate(2026, 3, 8);
    const store::SaasOverview o = store::SaasQuery(m_store).overview(f);
    QVERIFY2(o.error.isEmpty(), qPrintable(o.error));
    // assets 2.59 + adhoc 3.00 + proj-a 12.50 + WH_ETL 30.00 + ws-1 55.00
    QCOMPARE(o.total, nanos("103.09"));
    QCOMPARE(o.series.buckets.size(), size_t(5));
    QVERIFY(!findEntity(o, QStringLiteral("bucket"), QStringLiteral("logs-bucket")));
    QVERIFY(!findUnit(o, QStringLiteral("redshift-node-hour")));
    QCOMPARE(o.queries.size(), size_t(3));

    // February only: the 5.00 of S3 and the 100.00 query.
    f.from = QDate(2026, 2, 1);
    f.to = kMarch;
    const store::SaasOverview feb = store::SaasQuery(m_store).overview(f);
    QCOMPARE(feb.total, nanos("5.00"));
    QCOMPARE(feb.queries.size(), size_t(1));
    QCOMPARE(feb.queries.front().cost, nanos("100.00"));
}

void TestSaasQuery::otherCurrency()
{
    store::SaasQuery q(m_store);
    const store::SaasOverview o = q.overview(march());
    QCOMPARE(o.otherCurrencies, QStringList{QStringLiteral("EUR")});
    store::SaasFilter eur = march();
    eur.currency = QStringLiteral("EUR");
    const store::SaasOverview e = q.overview(eur);
    QCOMPARE(e.currency, QStringLiteral("EUR"));
    QCOMPARE(e.total, nanos("3.00"));
    QCOMPARE(e.queries.size(), size_t(1));
    QCOMPARE(e.queries.front().user, QStringLiteral("EU_USER"));
    QCOMPARE(e.otherCurrencies, QStringList{QStringLiteral("USD")});
}

void TestSaasQuery::expensiveQueries()
{
    store::SaasFilter f = march();
    const store::SaasOverview o = store::SaasQuery(m_store).overview(f);
    QCOMPARE(o.queryCount, 3);
    QCOMPARE(o.queries.size(), size_t(3));
    const store::SaasQueryInfo &top = o.queries.front();
    QCOMPARE(top.queryId, QStringLiteral("job-1"));
    QCOMPARE(top.cost, nanos("9.375"));
    QCOMPARE(top.user, QStringLiteral("alice@example.com"));
    QCOMPARE(top.scope, QStringLiteral("proj-a"));
    QCOMPARE(top.started, QDateTime(QDate(2026, 3, 4), QTime(10, 0), Qt::UTC));
    QCOMPARE(top.durationMs, 65'000);
    QCOMPARE(top.bytesScanned, static_cast<int64_t>(1.5 * testsupport::kTiB));
    QVERIFY(top.fullScan);
    // The stored text comes back unchanged, hostile characters and all.
    QCOMPARE(top.text, testsupport::hostileQueryText());
    QCOMPARE(o.queries[1].queryId, QStringLiteral("job-2"));
    QCOMPARE(o.queries[2].credits, 0.5);

    f.queryLimit = 1;
    const store::SaasOverview one = store::SaasQuery(m_store).overview(f);
    QCOMPARE(one.queries.size(), size_t(1));
    QCOMPARE(one.queryCount, 3);
}

void TestSaasQuery::recommendations()
{
    store::SaasQuery q(m_store);
    const store::SaasOverview all = q.overview(march());
    // S3 and Snowflake items; the dismissed one and the instance module's are left out.
    QCOMPARE(all.recommendations.size(), size_t(2));
    QCOMPARE(all.recommendations[0].module, QStringLiteral("snowflake_warehouse_idle")); // 7.00 before 4.00
    QCOMPARE(all.recommendations[1].resourceId, QStringLiteral("assets"));
    const store::SaasOverview s3 = q.overview(march(QStringLiteral("S3")));
    QCOMPARE(s3.recommendations.size(), size_t(1));
    QCOMPARE(s3.recommendations[0].module, QStringLiteral("abandoned_s3_buckets"));
    QVERIFY(q.overview(march(QStringLiteral("Databricks"))).recommendations.empty());
}

void TestSaasQuery::moduleServices_data()
{
    QTest::addColumn<QString>("module");
    QTest::addColumn<QString>("service");
    QTest::newRow("abandoned s3") << QStringLiteral("abandoned_s3_buckets") << QStringLiteral("S3");
    QTest::newRow("public s3") << QStringLiteral("public_s3_buckets") << QStringLiteral("S3");
    QTest::newRow("s3 lifecycle") << QStringLiteral("s3_lifecycle") << QStringLiteral("S3");
    QTest::newRow("redshift idle") << QStringLiteral("idle_redshift_clusters") << QStringLiteral("Redshift");
    QTest::newRow("snowflake") << QStringLiteral("snowflake_auto_suspend") << QStringLiteral("Snowflake");
    QTest::newRow("bigquery") << QStringLiteral("bigquery_full_scans") << QStringLiteral("BigQuery");
    QTest::newRow("databricks") << QStringLiteral("Databricks_Idle") << QStringLiteral("Databricks");
    QTest::newRow("instances") << QStringLiteral("abandoned_instances") << QString();
    QTest::newRow("kinesis") << QStringLiteral("abandoned_kinesis_streams") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestSaasQuery::moduleServices()
{
    QFETCH(QString, module);
    QFETCH(QString, service);
    QCOMPARE(store::saasServiceOfModule(module), service);
}

void TestSaasQuery::oneLine_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("max");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QStringLiteral("SELECT 1") << 160 << QStringLiteral("SELECT 1");
    QTest::newRow("breaks and tabs") << QStringLiteral("  SELECT *\r\n\tFROM t\n\n WHERE a = 1  ") << 160
                                     << QStringLiteral("SELECT * FROM t WHERE a = 1");
    QTest::newRow("control characters") << (QStringLiteral("SEL") + QChar(0) + QStringLiteral("ECT") + QChar(0x1b)
                                            + QStringLiteral("[2J ") + QChar(0x202e) + QStringLiteral("x"))
                                        << 160 << QStringLiteral("SELECT[2J x");
    QTest::newRow("elided") << QStringLiteral("abcdefghij") << 5 << (QStringLiteral("abcd") + QChar(0x2026));
    QTest::newRow("exactly max") << QStringLiteral("abcde") << 5 << QStringLiteral("abcde");
    QTest::newRow("empty") << QString() << 160 << QString();
    QTest::newRow("only whitespace") << QStringLiteral(" \n\t ") << 160 << QString();
    // An emoji (two UTF-16 units) at the cut is not split in half.
    QTest::newRow("surrogate at cut") << (QStringLiteral("abc") + QString::fromUtf8("\xF0\x9F\x98\x80") + QStringLiteral("def"))
                                      << 5 << (QStringLiteral("abc") + QChar(0x2026));
    QTest::newRow("markup stays text") << QStringLiteral("<b>x</b>") << 160 << QStringLiteral("<b>x</b>");
}

void TestSaasQuery::oneLine()
{
    QFETCH(QString, text);
    QFETCH(int, max);
    QFETCH(QString, expected);
    QCOMPARE(store::saasOneLine(text, max), expected);
}

void TestSaasQuery::matchingResource_data()
{
    QTest::addColumn<QString>("entity");
    QTest::addColumn<QString>("resource");
    QTest::newRow("bucket by name") << QStringLiteral("logs-bucket") << QStringLiteral("logs-bucket");
    QTest::newRow("cluster by arn") << QStringLiteral("analytics")
                                    << QStringLiteral("arn:aws:redshift:us-east-1:111:cluster:analytics");
    QTest::newRow("no line items") << QStringLiteral("WH_ETL") << QString();
    QTest::newRow("prefix is not enough") << QStringLiteral("analytics-ol") << QString();
    QTest::newRow("like wildcard") << QStringLiteral("%") << QString();
    QTest::newRow("quote") << QStringLiteral("' OR 1=1 --") << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("blank") << QStringLiteral("  ") << QString();
}

void TestSaasQuery::matchingResource()
{
    QFETCH(QString, entity);
    QFETCH(QString, resource);
    QCOMPARE(store::SaasQuery(m_store).matchingResource(entity), resource);
}

void TestSaasQuery::hostileFilter()
{
    // A service name that is SQL is just a name nothing matches.
    const store::SaasOverview o = store::SaasQuery(m_store).overview(march(QStringLiteral("S3' OR '1'='1")));
    QVERIFY2(o.error.isEmpty(), qPrintable(o.error));
    QCOMPARE(o.total, 0);
    QVERIFY(o.entities.empty());
    QVERIFY(o.queries.empty());
}

QTEST_GUILESS_MAIN(TestSaasQuery)
#include "TestSaasQuery.moc"
