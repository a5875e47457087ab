#include "StoreTestSupport.h"

#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace costscope;
using namespace costscope::store;
using namespace costscope::testsupport;

class TestCostWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void exactTotals_data();
    void exactTotals();
    void badBatchRollsBack_data();
    void badBatchRollsBack();
    void replacePeriod();
    void orphanLineItemsInNewPeriodRange();
    void failureHalfWayLeavesStoreUnchanged();
    void reimportDetection();
    void twoPeriodsInOneSession();
    void samePeriodTwiceAppends();
    void accountNames();
    void resourcesUpsertAndInactive();
    void metricsDailySummaries();
    void metricsForUnknownResourceFail();
    void mlRuns();
    void writerMisuse();
    void netCostColumn();
    void costsOnlyMode();
    void costsOnlyJournal();
    void largeWriteRollupsMatchRawRows();
    void firstCostsOnlyWriteRebuildsIndexes();
    void saasReplaceRange();
    void saasIdempotent();
    void saasFillInYieldsToOtherSources();
    void saasBadBatchRollsBack_data();
    void saasBadBatchRollsBack();
    void saasPartsSumPastLimit();
    void saasHostileStrings();
    void saasInCostsOnlyAndClear();

private:
    int64_t scalar(const char *sql) { return m_store.db().queryInt(sql, -1); }
    // Every line item's id is its period's id << 32 plus its number in the period, 0 to rows - 1.
    void expectLineIdsNumberedByPeriod()
    {
        QCOMPARE(scalar("SELECT count(*) FROM line_item WHERE (id >> 32) <> period_id"), qint64(0));
        QCOMPARE(scalar(R"sql(SELECT count(*) FROM (SELECT period_id, min(id & 0xffffffff) AS lo,
            max(id & 0xffffffff) AS hi, count(*) AS n FROM line_item GROUP BY period_id)
            WHERE lo <> 0 OR hi <> n - 1)sql"),
                 qint64(0));
        QCOMPARE(scalar("SELECT count(*) FROM billing_period p WHERE row_count <> "
                        "(SELECT count(*) FROM line_item l WHERE l.id >= (p.id << 32) AND l.id < ((p.id + 1) << 32))"),
                 qint64(0));
    }

    // Every index of the line items and rollups, with its SQL.
    QString rollupIndexes()
    {
        Statement st(m_store.db(), R"sql(SELECT name || ': ' || sql FROM sqlite_master WHERE type = 'index'
            AND sql IS NOT NULL AND (tbl_name = 'line_item' OR tbl_name LIKE 'rollup%') ORDER BY name)sql");
        QStringList out;
        while (st.next())
            out << st.columnText(0);
        return out.join(u'\n');
    }
    bool writeSaas(const SaasBatch &b, QString *error = nullptr)
    {
        CostWriter w(m_store);
        if (!w.begin(source(b.source), error))
            return false;
        if (!w.addSaas(b, error))
            return false;
        return w.commit(error);
    }
    bool writeOne(const CostBatch &b, const QString &name, QString *error = nullptr)
    {
        CostWriter w(m_store);
        return w.write(source(name), {b}, error);
    }

    QTemporaryDir m_dir;
    CostStore m_store;
    int m_counter = 0;
};

void TestCostWriter::init()
{
    QVERIFY(m_dir.isValid());
    QString error;
    const QString path = m_dir.filePath(QStringLiteral("w%1.costscope").arg(++m_counter));
    QVERIFY2(m_store.open(path, &error), qPrintable(error));
}

void TestCostWriter::cleanup() { m_store.close(); }

void TestCostWriter::exactTotals_data()
{
    QTest::addColumn<QByteArrayList>("amounts");
    QTest::addColumn<qint64>("expectedNanos"); // worked out by hand from the decimals

    QTest::newRow("tenths") << QByteArrayList(10, "0.1") << qint64(1'000'000'000);
    QTest::newRow("0.1 + 0.2") << QByteArrayList{"0.1", "0.2"} << qint64(300'000'000);
    QTest::newRow("sub-nano half-even") << QByteArrayList{"0.0000000035", "0.0000000035", "0.0000000025"}
                                        << qint64(4 + 4 + 2);
    QTest::newRow("exponent") << QByteArrayList(5, "1.2E-5") << qint64(60'000);
    QTest::newRow("mixed signs") << QByteArrayList{"19.99", "-5.01", "0.02", "-14.99"} << qint64(10'000'000);
    QTest::newRow("cents x 1000") << QByteArrayList(1000, "0.01") << qint64(10'000'000'000);
    QTest::newRow("large cancel") << QByteArrayList{"9000000000", "-8999999999.999999999"} << qint64(1);
    QTest::newRow("credits only") << QByteArrayList{"-0.333333333", "-0.333333333", "-0.333333334"}
                                  << qint64(-1'000'000'000);
    QTest::newRow("empty batch") << QByteArrayList{} << qint64(0);
}

void TestCostWriter::exactTotals()
{
    QFETCH(QByteArrayList, amounts);
    QFETCH(qint64, expectedNanos);
    const QDate month(2026, 3, 1);
    CostBatch b = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), month);
    for (qsizetype i = 0; i < amounts.size(); ++i) {
        b.rows.push_back(makeRow(month.addDays(static_cast<int>(i % 31)), amounts[i].constData(),
                                 i % 2 ? QStringLiteral("S3") : QStringLiteral("EC2"), QStringLiteral("us-east-1"),
                                 {}, QStringLiteral("r-%1").arg(i % 7)));
    }
    QString error;
    QVERIFY2(writeOne(b, QStringLiteral("exact.csv"), &error), qPrintable(error));

    CostQuery q(m_store);
    const QDate to = month.addMonths(1);
    QCOMPARE(q.rawBilledTotal(month, to), expectedNanos);
    QCOMPARE(scalar("SELECT billed_total FROM billing_period"), expectedNanos);
    QCOMPARE(scalar("SELECT COALESCE(sum(billed), 0) FROM rollup_daily"), expectedNanos);
    QCOMPARE(scalar("SELECT COALESCE(sum(billed), 0) FROM rollup_resource_daily"), expectedNanos);
    QCOMPARE(scalar("SELECT row_count FROM billing_period"), qint64(amounts.size()));
    CostQuerySpec spec;
    spec.from = month;
    spec.to = to;
    spec.granularity = Granularity::Total;
    QCOMPARE(q.aggregate(spec).total, expectedNanos);
    spec.measure = Measure::Effective;
    QCOMPARE(q.aggregate(spec).total, expectedNanos + amounts.size());
    spec.measure = Measure::List;
    QCOMPARE(q.aggregate(spec).total, expectedNanos + 2 * amounts.size());
    const auto periods = q.periods();
    QCOMPARE(periods.size(), size_t(1));
    QCOMPARE(periods[0].billedNanos, expectedNanos);
}

void TestCostWriter::badBatchRollsBack_data()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("no provider") << 0;
    QTest::newRow("period end before start") << 1;
    QTest::newRow("invalid period") << 2;
    QTest::newRow("row before period") << 3;
    QTest::newRow("row on exclusive period end") << 4;
    QTest::newRow("row in the middle out of period") << 5;
}

void TestCostWriter::badBatchRollsBack()
{
    QFETCH(int, kind);
    const QDate month(2026, 3, 1);
    CostBatch good = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), month);
    good.rows.push_back(makeRow(month, "5"));
    QVERIFY(writeOne(good, QStringLiteral("first")));
    const QByteArray before = dumpStore(m_store.db());

    CostBatch bad = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), month);
    for (int i = 0; i < 10; ++i)
        bad.rows.push_back(makeRow(month.addDays(i), "1.25"));
    switch (kind) {
    case 0: bad.provider.clear(); break;
    case 1: bad.periodEnd = bad.periodStart.addDays(-1); break;
    case 2: bad.periodStart = QDate(); break;
    case 3: bad.rows.front() = makeRow(month.addDays(-1), "1"); break;
    case 4: bad.rows.back() = makeRow(month.addMonths(1), "1"); break;
    case 5: bad.rows[5] = makeRow(month.addMonths(2), "1"); break;
    }
    CostWriter w(m_store);
    QString error;
    QVERIFY(w.begin(source(QStringLiteral("second")), &error));
    CostBatch other = makeBatch(QStringLiteral("GCP"), QStringLiteral("g-1"), month);
    other.rows.push_back(makeRow(month, "7"));
    QVERIFY(w.add(other, &error));
    QVERIFY(!w.add(bad, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!w.isActive());
    QVERIFY(!w.commit(&error));
    QCOMPARE(dumpStore(m_store.db()), before);
    QCOMPARE(CostQuery(m_store).rawBilledTotal(month, month.addMonths(1)), qint64(5'000'000'000));
}

void TestCostWriter::replacePeriod()
{
    const QDate month(2026, 1, 1);
    CostBatch first = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), month);
    for (int i = 0; i < 20; ++i)
        first.rows.push_back(makeRow(month.addDays(i), "1.10", QStringLiteral("EC2")));
    QVERIFY(writeOne(first, QStringLiteral("v1")));
    // Another account's period must not be touched by the replacement.
    CostBatch neighbour = makeBatch(QStringLiteral("AWS"), QStringLiteral("222"), month);
    neighbour.rows.push_back(makeRow(month, "3"));
    QVERIFY(writeOne(neighbour, QStringLiteral("n")));

    CostBatch restated = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), month);
    for (int i = 0; i < 5; ++i)
        restated.rows.push_back(makeRow(month.addDays(i), "2.02", QStringLiteral("S3")));
    CostWriter w(m_store);
    QString error;
    QVERIFY2(w.write(source(QStringLiteral("v2")), {restated}, &error), qPrintable(error));
    QCOMPARE(w.summary().periodsReplaced, 1);
    QCOMPARE(w.summary().periodsWritten, 1);
    QCOMPARE(w.summary().rows, qint64(5));

    CostQuery q(m_store);
    QCOMPARE(q.lineItemCount(), qint64(6));
    QCOMPARE(q.rawBilledTotal(month, month.addMonths(1)), qint64(5 * 2'020'000'000LL + 3'000'000'000LL));
    QCOMPARE(scalar("SELECT count(*) FROM line_item l JOIN str s ON s.id = l.service WHERE s.s = 'EC2'"), qint64(0));
    QCOMPARE(scalar("SELECT count(*) FROM rollup_daily r JOIN str s ON s.id = r.service WHERE s.s = 'EC2'"), qint64(0));
    QCOMPARE(scalar("SELECT count(*) FROM billing_period"), qint64(2));
    // No rollup row of the replaced period is left (they are deleted by its day range).
    for (const char *table : {"rollup_daily", "rollup_resource_daily", "rollup_tag_daily", "rollup_resource_monthly"})
        QVERIFY2(scalar(qPrintable(QStringLiteral("SELECT count(*) FROM %1 WHERE period_id NOT IN "
                                                  "(SELECT id FROM billing_period)")
                                       .arg(QLatin1String(table))))
                     == 0,
                 table);
    QCOMPARE(scalar("SELECT count(*) FROM rollup_resource_daily"), qint64(6));
    QCOMPARE(scalar("SELECT count(*) FROM rollup_resource_monthly"), qint64(2));
    expectLineIdsNumberedByPeriod();
    // The replaced source held nothing more and is gone.
    QCOMPARE(scalar("SELECT count(*) FROM source WHERE name = 'v1'"), qint64(0));
    CostQuerySpec spec;
    spec.from = month;
    spec.to = month.addMonths(1);
    spec.groupBy = Dimension::Service;
    spec.granularity = Granularity::Total;
    const CostSeries s = q.aggregate(spec);
    QCOMPARE(s.total, q.rawBilledTotal(month, month.addMonths(1)));
    QCOMPARE(s.groups.size(), size_t(2));
    QCOMPARE(s.groups[0].key, QStringLiteral("S3"));
    QCOMPARE(s.groups[0].total, qint64(10'100'000'000));
    for (const PeriodInfo &p : q.periods()) {
        if (p.account == u"111") {
            QCOMPARE(p.sourceName, QStringLiteral("v2"));
            QCOMPARE(p.rows, qint64(5));
        }
    }

    // Restated again: the period replaced is the newest, so its new row takes the same id, and its
    // line items are numbered from 0 again in the same id range.
    const int64_t oldPeriod = scalar("SELECT max(id) FROM billing_period");
    restated.rows.resize(3);
    QVERIFY2(w.write(source(QStringLiteral("v3")), {restated}, &error), qPrintable(error));
    QCOMPARE(w.summary().periodsReplaced, 1);
    QCOMPARE(scalar("SELECT max(id) FROM billing_period"), oldPeriod);
    QCOMPARE(q.lineItemCount(), qint64(4));
    QCOMPARE(q.rawBilledTotal(month, month.addMonths(1)), qint64(3 * 2'020'000'000LL + 3'000'000'000LL));
    expectLineIdsNumberedByPeriod();
}

// Line items left in a new period's id range by a period that no longer exists (since schema 16
// nothing but the writer ties an item to a period row) are removed when the range is given to a
// new period, not an error.
void TestCostWriter::orphanLineItemsInNewPeriodRange()
{
    const QDate month(2026, 3, 1);
    const int64_t next = scalar("SELECT coalesce(max(id), 0) + 1 FROM billing_period");
    Statement orphan(m_store.db(), "INSERT INTO line_item(id, period_id, charge_start, charge_end, day, sub_account, "
                                   "service, service_category, region, resource, resource_name, resource_type, sku, "
                                   "description, charge_category, pricing_category, consumed_qty, consumed_unit, "
                                   "pricing_qty, pricing_unit, billed, effective, list, contracted, commitment, "
                                   "tagset, attrset) VALUES (?1 << 32, ?1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "
                                   "0, 0, 0, 0, 7, 7, 7, 0, 0, 0, 0)");
    orphan.bind(1, next);
    QVERIFY2(orphan.run(), qPrintable(orphan.error()));
    const int64_t before = scalar("SELECT count(*) FROM line_item");

    CostBatch b = makeBatch(QStringLiteral("AWS"), QStringLiteral("333"), month);
    b.rows.push_back(makeRow(month, "1.25"));
    b.rows.push_back(makeRow(month.addDays(1), "2.5"));
    CostWriter w(m_store);
    QString error;
    QVERIFY2(w.write(source(QStringLiteral("after-orphan")), {b}, &error), qPrintable(error));
    QCOMPARE(scalar("SELECT max(id) FROM billing_period"), next);
    QCOMPARE(scalar("SELECT count(*) FROM line_item"), before - 1 + 2);
    QCOMPARE(scalar("SELECT count(*) FROM line_item WHERE billed = 7"), qint64(0));
    QCOMPARE(scalar("SELECT sum(billed) FROM line_item WHERE period_id = (SELECT max(id) FROM billing_period)"),
             qint64(3'750'000'000));
    expectLineIdsNumberedByPeriod();
}

void TestCostWriter::failureHalfWayLeavesStoreUnchanged()
{
    const QDate jan(2026, 1, 1);
    CostBatch first = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), jan);
    for (int i = 0; i < 10; ++i)
        first.rows.push_back(makeRow(jan.addDays(i), "1"));
    QVERIFY(writeOne(first, QStringLiteral("v1")));
    const QByteArray before = dumpStore(m_store.db());

    // The restatement deletes the old period first, then fails on its 6th row.
    CostBatch restated = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), jan);
    for (int i = 0; i < 10; ++i)
        restated.rows.push_back(makeRow(jan.addDays(i), "9", QStringLiteral("New service")));
    restated.rows[5].chargeStart = utcSeconds(jan.addMonths(1));
    CostWriter w(m_store);
    QString error;
    QVERIFY(!w.write(source(QStringLiteral("v2")), {restated}, &error));
    QVERIFY2(error.contains(QStringLiteral("outside its billing period")), qPrintable(error));
    QVERIFY(!w.isActive());
    QCOMPARE(dumpStore(m_store.db()), before);
    // The writer is usable again afterwards.
    restated.rows[5].chargeStart = utcSeconds(jan.addDays(5));
    QVERIFY2(w.write(source(QStringLiteral("v3")), {restated}, &error), qPrintable(error));
    QCOMPARE(CostQuery(m_store).rawBilledTotal(jan, jan.addMonths(1)), qint64(90'000'000'000));
}

void TestCostWriter::reimportDetection()
{
    const QDate jan(2026, 1, 1), feb(2026, 2, 1);
    CostBatch a = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), jan);
    a.rows.push_back(makeRow(jan, "1"));
    CostBatch b = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), feb);
    b.rows.push_back(makeRow(feb, "2"));
    CostWriter w(m_store);
    QString error;
    QVERIFY(!w.isAlreadyImported(QStringLiteral("digest-1")));
    QVERIFY(!w.isAlreadyImported(QString()));
    QVERIFY2(w.write(source(QStringLiteral("file1.csv"), QStringLiteral("digest-1")), {a, b}, &error), qPrintable(error));
    QVERIFY(w.isAlreadyImported(QStringLiteral("digest-1")));
    QVERIFY(!w.isAlreadyImported(QStringLiteral("digest-2")));
    QVERIFY(!w.isAlreadyImported(QString()));

    // Writing the same file again (a caller that ignores the check) changes no numbers.
    const int64_t total = CostQuery(m_store).rawBilledTotal(jan, feb.addMonths(1));
    QVERIFY(w.write(source(QStringLiteral("file1.csv"), QStringLiteral("digest-1")), {a, b}, &error));
    QCOMPARE(CostQuery(m_store).rawBilledTotal(jan, feb.addMonths(1)), total);
    QCOMPARE(CostQuery(m_store).lineItemCount(), qint64(2));
    QCOMPARE(scalar("SELECT count(*) FROM source"), qint64(1));
    QVERIFY(w.isAlreadyImported(QStringLiteral("digest-1")));

    // A newer file restates February only: the first file is no longer fully in the store.
    CostBatch b2 = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), feb);
    b2.rows.push_back(makeRow(feb, "3"));
    QVERIFY(w.write(source(QStringLiteral("file2.csv"), QStringLiteral("digest-2")), {b2}, &error));
    QVERIFY(!w.isAlreadyImported(QStringLiteral("digest-1")));
    QVERIFY(w.isAlreadyImported(QStringLiteral("digest-2")));
    // A source of resources only is not an import of costs.
    QVERIFY(w.begin(SourceInfo{QStringLiteral("sync"), QStringLiteral("acct"), QStringLiteral("sync-1"), {}}, &error));
    QVERIFY(w.commit(&error));
    QVERIFY(!w.isAlreadyImported(QStringLiteral("sync-1")));
}

void TestCostWriter::twoPeriodsInOneSession()
{
    const QDate jan(2026, 1, 1), feb(2026, 2, 1);
    CostBatch a = makeBatch(QStringLiteral("Azure"), QStringLiteral("sub-1"), jan);
    a.rows.push_back(makeRow(jan.addDays(30), "1.5"));
    CostBatch b = makeBatch(QStringLiteral("Azure"), QStringLiteral("sub-1"), feb);
    b.rows.push_back(makeRow(feb, "2.5"));
    CostWriter w(m_store);
    QString error;
    QVERIFY(w.write(source(QStringLiteral("two")), {a, b}, &error));
    QCOMPARE(w.summary().periodsWritten, 2);
    QCOMPARE(w.summary().periodsReplaced, 0);
    CostQuery q(m_store);
    QCOMPARE(q.periods().size(), size_t(2));
    CostQuerySpec spec;
    spec.from = jan;
    spec.to = feb.addMonths(1);
    spec.granularity = Granularity::Month;
    const CostSeries s = q.aggregate(spec);
    QCOMPARE(s.buckets.size(), size_t(2));
    QCOMPARE(s.bucketTotals(), (std::vector<int64_t>{1'500'000'000, 2'500'000'000}));
    QCOMPARE(q.dataRange().first, jan.addDays(30));
    QCOMPARE(q.dataRange().last, feb);
}

void TestCostWriter::samePeriodTwiceAppends()
{
    const QDate jan(2026, 1, 1);
    CostBatch a = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), jan);
    a.rows.push_back(makeRow(jan, "1.25", QStringLiteral("EC2"), QStringLiteral("us-east-1"), {}, QStringLiteral("i-1")));
    CostBatch b = a; // the same day, service, region and resource: the rollup cells meet
    b.rows.push_back(makeRow(jan.addDays(1), "0.75"));
    CostWriter w(m_store);
    QString error;
    QVERIFY(w.begin(source(QStringLiteral("paged")), &error));
    QVERIFY(w.add(a, &error));
    QVERIFY2(w.add(b, &error), qPrintable(error));
    QVERIFY2(w.commit(&error), qPrintable(error));
    QCOMPARE(w.summary().periodsWritten, 1);
    QCOMPARE(w.summary().rows, qint64(3));
    QCOMPARE(scalar("SELECT row_count FROM billing_period"), qint64(3));
    QCOMPARE(scalar("SELECT billed_total FROM billing_period"), qint64(3'250'000'000));
    QCOMPARE(scalar("SELECT billed FROM rollup_daily WHERE day = (SELECT min(day) FROM rollup_daily)"),
             qint64(2'500'000'000));
    QCOMPARE(scalar("SELECT rows FROM rollup_daily WHERE day = (SELECT min(day) FROM rollup_daily)"), qint64(2));
    QCOMPARE(scalar("SELECT sum(billed) FROM rollup_resource_daily"), qint64(3'250'000'000));
    expectLineIdsNumberedByPeriod(); // the second batch goes on numbering the period's items
}

void TestCostWriter::accountNames()
{
    const QDate jan(2026, 1, 1);
    CostBatch a = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), jan);
    a.billingAccountName = QStringLiteral("Payer");
    CostRow r1 = makeRow(jan, "1", QStringLiteral("EC2"), QStringLiteral("us-east-1"), QStringLiteral("222"));
    r1.subAccountName = QStringLiteral("Team A");
    CostRow r2 = makeRow(jan, "2", QStringLiteral("EC2"), QStringLiteral("us-east-1"), QStringLiteral("333"));
    CostRow r3 = makeRow(jan, "4"); // no sub-account: the billing account itself
    a.rows = {r1, r2, r3};
    QVERIFY(writeOne(a, QStringLiteral("names")));

    CostQuery q(m_store);
    CostQuerySpec spec;
    spec.from = jan;
    spec.to = jan.addMonths(1);
    spec.groupBy = Dimension::Account;
    spec.granularity = Granularity::Total;
    CostSeries s = q.aggregate(spec);
    QCOMPARE(s.groups.size(), size_t(3));
    QCOMPARE(s.groups[0].key, QStringLiteral("111"));
    QCOMPARE(s.groups[0].label, QStringLiteral("Payer (111)"));
    QCOMPARE(s.groups[1].key, QStringLiteral("333"));
    QCOMPARE(s.groups[1].label, QStringLiteral("333"));
    QCOMPARE(s.groups[2].label, QStringLiteral("Team A (222)"));

    // A later import renames; a row without a name does not erase the known one.
    CostBatch b = a;
    b.rows[0].subAccountName = QStringLiteral("Team A renamed");
    b.rows.push_back(makeRow(jan, "8", QStringLiteral("EC2"), QStringLiteral("us-east-1"), QStringLiteral("222")));
    QVERIFY(writeOne(b, QStringLiteral("names2")));
    s = q.aggregate(spec);
    QCOMPARE(s.groups[0].label, QStringLiteral("Team A renamed (222)"));
    QCOMPARE(s.groups[0].total, qint64(9'000'000'000));
    QCOMPARE(q.periods()[0].accountName, QStringLiteral("Payer"));
}

void TestCostWriter::resourcesUpsertAndInactive()
{
    auto record = [](const QString &id, const QString &type, const QString &state) {
        ResourceRecord r;
        r.resourceId = id;
        r.name = id + QStringLiteral("-name");
        r.type = type;
        r.state = state;
        r.region = QStringLiteral("eu-west-1");
        r.flavor = QStringLiteral("m5.large");
        return r;
    };
    ResourceBatch first;
    first.provider = QStringLiteral("AWS");
    first.accountId = QStringLiteral("111");
    first.observedAt = 1'000'000;
    first.resources = {record(QStringLiteral("i-1"), QStringLiteral("instance"), QStringLiteral("running")),
                       record(QStringLiteral("vol-1"), QStringLiteral("volume"), QStringLiteral("in-use")),
                       record(QStringLiteral("i-2"), QStringLiteral("instance"), QStringLiteral("running"))};
    first.resources[1].attachedTo = QStringLiteral("i-1");
    first.resources[1].attachmentKind = QStringLiteral("volume-instance");
    first.resources[0].tags = {{QStringLiteral("team"), QStringLiteral("ml")}};
    ResourceBatch otherAccount;
    otherAccount.provider = QStringLiteral("AWS");
    otherAccount.accountId = QStringLiteral("999");
    otherAccount.observedAt = 1'000'000;
    otherAccount.resources = {record(QStringLiteral("i-9"), QStringLiteral("instance"), QStringLiteral("running"))};

    CostWriter w(m_store);
    QString error;
    QVERIFY(w.begin(SourceInfo{QStringLiteral("sync"), QStringLiteral("aws"), QStringLiteral("run-1"), {}}, &error));
    QVERIFY2(w.addResources(first, true, &error), qPrintable(error));
    QVERIFY(w.addResources(otherAccount, true, &error));
    QVERIFY(w.commit(&error));
    QCOMPARE(w.summary().resources, 4);
    QCOMPARE(scalar("SELECT count(*) FROM resource"), qint64(4));
    QCOMPARE(scalar("SELECT count(*) FROM attachment"), qint64(1));
    QCOMPARE(scalar("SELECT count(*) FROM kvset_item i JOIN resource r ON r.tagset = i.set_id"), qint64(1));

    // Second sync of account 111: i-1 stopped and resized, the volume detached, i-2 gone.
    ResourceBatch second = first;
    second.observedAt = 2'000'000;
    second.resources.pop_back();
    second.resources[0].state = QStringLiteral("stopped");
    second.resources[0].flavor = QStringLiteral("m5.xlarge");
    second.resources[1].attachedTo.clear();
    second.resources[1].state = QStringLiteral("available");
    QVERIFY(w.begin(SourceInfo{QStringLiteral("sync"), QStringLiteral("aws"), QStringLiteral("run-2"), {}}, &error));
    QVERIFY(w.addResources(second, true, &error));
    QVERIFY(w.commit(&error));
    QCOMPARE(scalar("SELECT count(*) FROM resource"), qint64(4));
    QCOMPARE(scalar("SELECT count(*) FROM attachment"), qint64(0));
    QCOMPARE(scalar("SELECT active FROM resource r JOIN str s ON s.id = r.resource WHERE s.s = 'i-2'"), qint64(0));
    QCOMPARE(scalar("SELECT active FROM resource r JOIN str s ON s.id = r.resource WHERE s.s = 'i-9'"), qint64(1));
    QCOMPARE(scalar("SELECT active FROM resource r JOIN str s ON s.id = r.resource WHERE s.s = 'i-1'"), qint64(1));
    QCOMPARE(m_store.db().queryText("SELECT f.s FROM resource r JOIN str s ON s.id = r.resource "
                                    "JOIN str f ON f.id = r.flavor WHERE s.s = 'i-1'"),
             QStringLiteral("m5.xlarge"));
    QCOMPARE(scalar("SELECT first_seen FROM resource r JOIN str s ON s.id = r.resource WHERE s.s = 'i-1'"),
             qint64(1'000'000));
    QCOMPARE(scalar("SELECT last_seen FROM resource r JOIN str s ON s.id = r.resource WHERE s.s = 'i-1'"),
             qint64(2'000'000));
    QCOMPARE(scalar("SELECT last_seen FROM resource r JOIN str s ON s.id = r.resource WHERE s.s = 'i-2'"),
             qint64(1'000'000));

    // Seen again: active again.
    QVERIFY(w.begin(SourceInfo{QStringLiteral("sync"), QStringLiteral("aws"), QStringLiteral("run-3"), {}}, &error));
    QVERIFY(w.addResources(first, false, &error));
    QVERIFY(w.commit(&error));
    QCOMPARE(scalar("SELECT count(*) FROM resource WHERE active = 1"), qint64(4));
    QCOMPARE(scalar("SELECT count(*) FROM attachment"), qint64(1));
}

void TestCostWriter::metricsDailySummaries()
{
    ResourceBatch rb;
    rb.provider = QStringLiteral("AWS");
    rb.accountId = QStringLiteral("111");
    rb.observedAt = utcSeconds(QDate(2026, 1, 1));
    ResourceRecord r;
    r.resourceId = QStringLiteral("i-1");
    r.type = QStringLiteral("instance");
    rb.resources = {r};
    MetricSeries cpu;
    cpu.provider = QStringLiteral("AWS");
    cpu.resourceId = QStringLiteral("i-1");
    cpu.metric = QStringLiteral("cpu");
    const int64_t day0 = utcSeconds(QDate(2026, 1, 1));
    // Day 0: 10, 20, 30 (avg 20, max 30); day 1: 5 (last point of the day); day 2: 100 at midnight.
    cpu.points = {{day0, 10}, {day0 + 300, 20}, {day0 + 86399, 30}, {day0 + 86400 + 86399, 5}, {day0 + 2 * 86400, 100}};
    CostWriter w(m_store);
    QString error;
    QVERIFY(w.begin(source(QStringLiteral("metrics")), &error));
    QVERIFY(w.addResources(rb, false, &error));
    QVERIFY2(w.addMetrics(cpu, &error), qPrintable(error));
    QVERIFY(w.addMetrics(MetricSeries{}, &error)); // nothing to do
    QVERIFY(w.commit(&error));
    const int64_t d0 = dayNumber(QDate(2026, 1, 1));
    Statement st(m_store.db(), "SELECT day, avg, max, samples FROM metric_daily ORDER BY day");
    QList<QList<double>> got;
    while (st.next())
        got.append({static_cast<double>(st.columnInt(0) - d0), st.columnDouble(1), st.columnDouble(2),
                    static_cast<double>(st.columnInt(3))});
    QCOMPARE(got, (QList<QList<double>>{{0, 20, 30, 3}, {1, 5, 5, 1}, {2, 100, 100, 1}}));

    // New points for day 1 are merged into its summary; points already stored are not repeated.
    MetricSeries more = cpu;
    more.points = {{day0 + 86400, 15}, {day0 + 86400 + 86399, 5}};
    QVERIFY(w.begin(source(QStringLiteral("metrics2")), &error));
    QVERIFY(w.addMetrics(more, &error));
    QVERIFY(w.commit(&error));
    QCOMPARE(scalar("SELECT samples FROM metric_daily WHERE day = (SELECT min(day) + 1 FROM metric_daily)"), qint64(2));
    QCOMPARE(scalar("SELECT CAST(avg AS INTEGER) FROM metric_daily WHERE day = (SELECT min(day) + 1 FROM metric_daily)"),
             qint64(10));
    QCOMPARE(scalar("SELECT count(*) FROM metric_point"), qint64(6));
}

void TestCostWriter::metricsForUnknownResourceFail()
{
    const QByteArray before = dumpStore(m_store.db());
    MetricSeries cpu;
    cpu.provider = QStringLiteral("AWS");
    cpu.resourceId = QStringLiteral("i-404");
    cpu.metric = QStringLiteral("cpu");
    cpu.points = {{1000, 1}};
    CostWriter w(m_store);
    QString error;
    QVERIFY(w.begin(source(QStringLiteral("m")), &error));
    QVERIFY(!w.addMetrics(cpu, &error));
    QVERIFY(error.contains(QStringLiteral("i-404")));
    QVERIFY(!w.isActive());
    QCOMPARE(dumpStore(m_store.db()), before);
}

void TestCostWriter::mlRuns()
{
    MlExperiment e;
    e.name = QStringLiteral("resnet");
    e.primaryMetric = QStringLiteral("accuracy");
    e.tags = {{QStringLiteral("owner"), QStringLiteral("ana")}};
    MlRun run;
    run.runUuid = QStringLiteral("uuid-1");
    run.experimentName = e.name;
    run.status = QStringLiteral("RUNNING");
    run.startMs = 1000;
    run.params = {{QStringLiteral("lr"), QStringLiteral("0.1")}, {QStringLiteral("batch"), QStringLiteral("64")}};
    run.tags = {{QStringLiteral("mlflow.user"), QStringLiteral("ana")}};
    run.metrics = {{QStringLiteral("accuracy"), 0.5, 1000, 0}, {QStringLiteral("accuracy"), 0.7, 2000, 1}};
    MlRun orphan = run;
    orphan.runUuid = QStringLiteral("uuid-2");
    orphan.experimentName = QStringLiteral("new-experiment");

    CostWriter w(m_store);
    QString error;
    QVERIFY(w.begin(SourceInfo{QStringLiteral("mlflow"), QStringLiteral("local"), {}, {}}, &error));
    QVERIFY(w.addExperiment(e, &error));
    QVERIFY2(w.addRuns({run, orphan}, &error), qPrintable(error));
    QVERIFY(w.commit(&error));
    QCOMPARE(w.summary().runs, 2);
    // Experiment 0, "Default", exists in every workspace (as in MLflow) besides the two written here.
    QCOMPARE(scalar("SELECT count(*) FROM ml_experiment WHERE id <> 0"), qint64(2));
    QCOMPARE(m_store.db().queryText("SELECT name FROM ml_experiment WHERE id = 0"), QStringLiteral("Default"));
    QCOMPARE(scalar("SELECT count(*) FROM ml_metric"), qint64(4));
    QCOMPARE(scalar("SELECT count(*) FROM ml_param"), qint64(4));

    // The run finishes; importing it again updates it and does not repeat its metrics.
    run.status = QStringLiteral("FINISHED");
    run.endMs = 5000;
    run.params[0].second = QStringLiteral("0.01");
    run.metrics.push_back({QStringLiteral("accuracy"), 0.9, 3000, 2});
    QVERIFY(w.begin(SourceInfo{QStringLiteral("mlflow"), QStringLiteral("local"), {}, {}}, &error));
    QVERIFY(w.addRuns({run}, &error));
    QVERIFY(w.commit(&error));
    QCOMPARE(scalar("SELECT count(*) FROM ml_run"), qint64(2));
    QCOMPARE(m_store.db().queryText("SELECT status FROM ml_run WHERE uuid = 'uuid-1'"), QStringLiteral("FINISHED"));
    QCOMPARE(scalar("SELECT end_ms FROM ml_run WHERE uuid = 'uuid-1'"), qint64(5000));
    QCOMPARE(m_store.db().queryText("SELECT value FROM ml_param p JOIN ml_run r ON r.id = p.run_id "
                                    "WHERE r.uuid = 'uuid-1' AND p.key = 'lr'"),
             QStringLiteral("0.01"));
    QCOMPARE(scalar("SELECT count(*) FROM ml_metric m JOIN ml_run r ON r.id = m.run_id WHERE r.uuid = 'uuid-1'"),
             qint64(3));
    QCOMPARE(m_store.db().queryText("SELECT primary_metric FROM ml_experiment WHERE name = 'resnet'"),
             QStringLiteral("accuracy"));
}

void TestCostWriter::writerMisuse()
{
    CostWriter w(m_store);
    QString error;
    QVERIFY(!w.add(CostBatch{}, &error));
    QVERIFY(error.contains(QStringLiteral("outside")));
    QVERIFY(!w.commit(&error));
    QVERIFY(!w.addRuns({}, &error));
    QVERIFY(w.begin(source(QStringLiteral("a")), &error));
    QVERIFY(!w.begin(source(QStringLiteral("b")), &error));
    QVERIFY(error.contains(QStringLiteral("in progress")));
    QVERIFY(w.isActive()); // a refused second begin() does not end the first
    w.rollback();
    QVERIFY(!w.isActive());
    QCOMPARE(scalar("SELECT count(*) FROM source"), qint64(0));

    CostStore closed;
    CostWriter none(closed);
    QVERIFY(!none.begin(source(QStringLiteral("c")), &error));
    QVERIFY(error.contains(QStringLiteral("not open")));
}


// CostsOnly switches SQLite's foreign-key checks off for its transaction only: the references it
// writes are still all valid, the checks are back on afterwards (commit, failure or refusal), and
// the calls that rely on ON DELETE CASCADE refuse.
void TestCostWriter::costsOnlyMode()
{
    const QDate jan(2026, 1, 1);
    CostBatch first = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), jan);
    for (int i = 0; i < 40; ++i)
        first.rows.push_back(makeRow(jan.addDays(i % 31), "1.25", QStringLiteral("EC2")));
    first.rows[3].tags = {{QStringLiteral("team"), QStringLiteral("web")}};
    QString error;
    CostWriter w(m_store);
    QVERIFY2(w.begin(source(QStringLiteral("v1")), &error, CostWriter::Mode::CostsOnly), qPrintable(error));
    QCOMPARE(scalar("PRAGMA foreign_keys"), qint64(0));
    QVERIFY2(w.add(first, &error), qPrintable(error));
    QVERIFY2(w.commit(&error), qPrintable(error));
    QCOMPARE(scalar("PRAGMA foreign_keys"), qint64(1));
    // A replacement in the same mode deletes the old period's rows and rollups before the period.
    CostBatch restated = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), jan);
    for (int i = 0; i < 7; ++i)
        restated.rows.push_back(makeRow(jan.addDays(i), "2.02", QStringLiteral("S3")));
    QVERIFY2(w.begin(source(QStringLiteral("v2")), &error, CostWriter::Mode::CostsOnly), qPrintable(error));
    QVERIFY2(w.add(restated, &error), qPrintable(error));
    QVERIFY2(w.commit(&error), qPrintable(error));
    QCOMPARE(w.summary().periodsReplaced, 1);
    QCOMPARE(scalar("SELECT count(*) FROM pragma_foreign_key_check"), qint64(0));
    QCOMPARE(CostQuery(m_store).rawBilledTotal(jan, jan.addMonths(1)), qint64(7 * 2'020'000'000LL));
    QCOMPARE(scalar("SELECT count(*) FROM source"), qint64(1));

    // A failing batch rolls back and turns the checks on again.
    const QByteArray before = dumpStore(m_store.db());
    restated.rows[2].chargeStart = utcSeconds(jan.addMonths(1));
    QVERIFY(w.begin(source(QStringLiteral("v3")), &error, CostWriter::Mode::CostsOnly));
    QVERIFY(!w.add(restated, &error));
    QVERIFY(!w.isActive());
    QCOMPARE(scalar("PRAGMA foreign_keys"), qint64(1));
    QCOMPARE(dumpStore(m_store.db()), before);

    // Resources, metrics, runs and clearing need the checks (cascades): refused, rolled back.
    QVERIFY(w.begin(source(QStringLiteral("v4")), &error, CostWriter::Mode::CostsOnly));
    QVERIFY(!w.addRuns({}, &error));
    QVERIFY2(error.contains(QStringLiteral("costs-only")), qPrintable(error));
    QVERIFY(!w.isActive());
    QCOMPARE(scalar("PRAGMA foreign_keys"), qint64(1));
    QVERIFY(w.begin(source(QStringLiteral("v5")), &error, CostWriter::Mode::CostsOnly));
    QVERIFY(!w.clearAllInTransaction(&error));
    QVERIFY(!w.isActive());
    QCOMPARE(dumpStore(m_store.db()), before);
    // A Full session after a CostsOnly one has its checks.
    QVERIFY(w.begin(source(QStringLiteral("v6")), &error));
    QCOMPARE(scalar("PRAGMA foreign_keys"), qint64(1));
    w.rollback();
}

void TestCostWriter::netCostColumn()
{
    const QDate month(2026, 3, 1);
    CostBatch b = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), month);
    b.rows.push_back(makeRow(month, "1.5"));
    b.rows.back().netCost = money("1.234567891");
    b.rows.push_back(makeRow(month, "2"));
    QString error;
    QVERIFY2(writeOne(b, QStringLiteral("net.csv"), &error), qPrintable(error));
    QCOMPARE(scalar("SELECT net FROM line_item WHERE billed = 1500000000"), qint64(1'234'567'891));
    QCOMPARE(scalar("SELECT count(*) FROM line_item WHERE net IS NULL"), qint64(1));
    QCOMPARE(scalar("SELECT count(*) FROM line_item WHERE attrset <> 0"), qint64(0));
}

// Alone on the workspace, a costs-only session writes with a rollback journal and puts WAL
// mode back after commit or rollback; with another connection open it stays in WAL mode and that
// reader is never locked out (it sees the old content until commit).
void TestCostWriter::costsOnlyJournal()
{
    const QDate jan(2026, 1, 1);
    CostBatch batch = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), jan);
    for (int i = 0; i < 500; ++i)
        batch.rows.push_back(makeRow(jan.addDays(i % 31), "0.5", QStringLiteral("EC2")));
    QString error;
    CostWriter w(m_store);
    QVERIFY2(w.begin(source(QStringLiteral("alone")), &error, CostWriter::Mode::CostsOnly), qPrintable(error));
    QCOMPARE(m_store.db().queryText("PRAGMA journal_mode"), QStringLiteral("delete"));
    QVERIFY2(w.add(batch, &error), qPrintable(error));
    QVERIFY2(w.commit(&error), qPrintable(error));
    QCOMPARE(m_store.db().queryText("PRAGMA journal_mode"), QStringLiteral("wal"));
    QCOMPARE(CostQuery(m_store).rawBilledTotal(jan, jan.addMonths(1)), qint64(250'000'000'000LL));
    // A rollback puts WAL mode back too, and the content is as before.
    const QByteArray before = dumpStore(m_store.db());
    QVERIFY(w.begin(source(QStringLiteral("rolled back")), &error, CostWriter::Mode::CostsOnly));
    QVERIFY(w.add(batch, &error));
    w.rollback();
    QCOMPARE(m_store.db().queryText("PRAGMA journal_mode"), QStringLiteral("wal"));
    QCOMPARE(dumpStore(m_store.db()), before);
    QVERIFY(!QFileInfo::exists(m_store.path() + QStringLiteral("-journal")));

    // A second connection on the file: the session stays in WAL mode (the switch is tried without
    // waiting for locks; the connection's lock timeout is back afterwards).
    CostStore reader;
    QVERIFY2(reader.open(m_store.path(), &error), qPrintable(error));
    const qint64 busyTimeout = m_store.db().queryInt("PRAGMA busy_timeout");
    QVERIFY(busyTimeout > 0);
    QVERIFY2(w.begin(source(QStringLiteral("shared")), &error, CostWriter::Mode::CostsOnly), qPrintable(error));
    QCOMPARE(m_store.db().queryText("PRAGMA journal_mode"), QStringLiteral("wal"));
    QCOMPARE(m_store.db().queryInt("PRAGMA busy_timeout"), busyTimeout);
    batch.rows.push_back(makeRow(jan, "7", QStringLiteral("S3")));
    QVERIFY2(w.add(batch, &error), qPrintable(error));
    QCOMPARE(CostQuery(reader).rawBilledTotal(jan, jan.addMonths(1)), qint64(250'000'000'000LL));
    QVERIFY2(w.commit(&error), qPrintable(error));
    QCOMPARE(CostQuery(reader).rawBilledTotal(jan, jan.addMonths(1)), qint64(257'000'000'000LL));
    QCOMPARE(m_store.db().queryText("PRAGMA journal_mode"), QStringLiteral("wal"));
}

// More day x resource cells than the writer keeps in memory: the rollups are added to the tables
// in parts and must still equal what the raw rows (and the derivations of schema 6) give.
void TestCostWriter::largeWriteRollupsMatchRawRows()
{
    const QDate march(2026, 3, 1), april(2026, 4, 1);
    CostWriter w(m_store);
    QString error;
    QVERIFY2(w.begin(source(QStringLiteral("large.csv")), &error), qPrintable(error));
    const Tags tagLists[] = {{}, {{QStringLiteral("team"), QStringLiteral("a")}},
                             {{QStringLiteral("team"), QStringLiteral("b")}, {QStringLiteral("env"), QStringLiteral("prod")}},
                             {{QStringLiteral("env"), QStringLiteral("prod")}, {QStringLiteral("team"), QStringLiteral("b")}},
                             {{QStringLiteral("env"), QString()}, {QStringLiteral("team"), QStringLiteral("a")}}};
    for (const QDate &month : {march, april}) {
        CostBatch b = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), month);
        for (int i = 0; i < 80000; ++i) {
            b.rows.push_back(makeRow(month.addDays(i % 28), i % 3 ? "0.013" : "1.7",
                                     i % 2 ? QStringLiteral("S3") : QStringLiteral("EC2"), QStringLiteral("us-east-1"),
                                     {}, QStringLiteral("r-%1").arg(i % 40000), tagLists[i % 5]));
        }
        // Twice: the second batch meets cells already added to the tables (the UPSERT path).
        QVERIFY2(w.add(b, &error), qPrintable(error));
        QVERIFY2(w.add(b, &error), qPrintable(error));
    }
    QVERIFY2(w.commit(&error), qPrintable(error));

    QCOMPARE(scalar("SELECT count(*) FROM line_item"), qint64(320000));
    QCOMPARE(scalar(R"sql(SELECT count(*) FROM (
        SELECT period_id, day, sub_account, service, region, charge_category, sum(billed) b, sum(effective) e,
               sum(list) l, count(*) n FROM line_item GROUP BY 1, 2, 3, 4, 5, 6
        EXCEPT SELECT period_id, day, sub_account, service, region, charge_category, billed, effective, list, rows
        FROM rollup_daily))sql"), qint64(0));
    QCOMPARE(scalar("SELECT count(*) FROM rollup_daily"),
             scalar("SELECT count(*) FROM (SELECT DISTINCT period_id, day, sub_account, service, region, "
                    "charge_category FROM line_item)"));
    QCOMPARE(scalar(R"sql(SELECT count(*) FROM (
        SELECT period_id, day, resource, sub_account, service, region, tagset, sum(billed), sum(effective), sum(list)
        FROM line_item GROUP BY 1, 2, 3, 4, 5, 6, 7
        EXCEPT SELECT period_id, day, resource, sub_account, service, region, tagset, billed, effective, list
        FROM rollup_resource_daily))sql"), qint64(0));
    QCOMPARE(scalar("SELECT count(*) FROM rollup_resource_daily"),
             scalar("SELECT count(*) FROM (SELECT DISTINCT period_id, day, resource, sub_account, service, region, "
                    "tagset FROM line_item)"));
    const char *const tagsSql = R"sql(
        SELECT r.period_id, r.day, i.key_id, i.value_id, sum(r.billed), sum(r.effective), sum(r.list)
        FROM rollup_resource_daily r JOIN kvset_item i ON i.set_id = r.tagset AND i.value_id <> 0
        GROUP BY r.period_id, r.day, i.key_id, i.value_id)sql";
    QCOMPARE(scalar(qPrintable(QStringLiteral("SELECT count(*) FROM (%1 EXCEPT SELECT period_id, day, key_id, value_id, "
                                              "billed, effective, list FROM rollup_tag_daily)")
                                   .arg(QLatin1String(tagsSql)))),
             qint64(0));
    QCOMPARE(scalar("SELECT count(*) FROM rollup_tag_daily"),
             scalar(qPrintable(QStringLiteral("SELECT count(*) FROM (%1)").arg(QLatin1String(tagsSql)))));
    const char *const monthsSql = R"sql(
        SELECT period_id, CAST(strftime('%s', day * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400 AS m,
               resource, sum(billed), sum(effective), sum(list)
        FROM rollup_resource_daily GROUP BY period_id, m, resource)sql";
    QCOMPARE(scalar(qPrintable(QStringLiteral("SELECT count(*) FROM (%1 EXCEPT SELECT period_id, month, resource, "
                                              "billed, effective, list FROM rollup_resource_monthly)")
                                   .arg(QLatin1String(monthsSql)))),
             qint64(0));
    QCOMPARE(scalar("SELECT count(*) FROM rollup_resource_monthly"),
             scalar(qPrintable(QStringLiteral("SELECT count(*) FROM (%1)").arg(QLatin1String(monthsSql)))));
    // The two orders of the same tags are one set.
    QCOMPARE(scalar("SELECT count(DISTINCT tagset) FROM line_item"), qint64(4));
    QCOMPARE(scalar("SELECT sum(billed_total) FROM billing_period"), scalar("SELECT sum(billed) FROM line_item"));
}

namespace {

SaasUsageRow usageRow(const QDate &day, const QString &entity, const QString &type, double qty, const char *cost)
{
    SaasUsageRow r;
    r.entityKind = QStringLiteral("bucket");
    r.entity = entity;
    r.usageType = type;
    r.unit = QStringLiteral("requests");
    r.currency = QStringLiteral("USD");
    r.day = day;
    r.quantity = qty;
    r.cost = money(cost);
    return r;
}

SaasQueryRow queryRow(const QString &id, const QDateTime &started, const char *cost)
{
    SaasQueryRow q;
    q.queryId = id;
    q.started = started;
    q.user = QStringLiteral("ana@example.com");
    q.scope = QStringLiteral("analytics");
    q.statementType = QStringLiteral("SELECT");
    q.text = QStringLiteral("SELECT * FROM t");
    q.currency = QStringLiteral("USD");
    q.bytesBilled = 10'485'760;
    q.cost = money(cost);
    return q;
}

SaasBatch saasBatch(const QString &service, const QString &account, const QDate &from, const QDate &to)
{
    SaasBatch b;
    b.service = service;
    b.account = account;
    b.source = QStringLiteral("import:usage.csv");
    b.from = from;
    b.to = to;
    return b;
}

} // namespace

// A batch replaces its service + account rows of [from, to) only: other days, other accounts and
// other services stay; rows with the same key in one batch are summed.
void TestCostWriter::saasReplaceRange()
{
    const QDate d1(2026, 3, 1), d2(2026, 3, 2), d3(2026, 3, 3);
    const QDateTime t2(d2, QTime(10, 0), Qt::UTC);
    SaasBatch first = saasBatch(QStringLiteral("S3"), QStringLiteral("111"), d1, d3.addDays(1));
    for (const QDate &d : {d1, d2, d3})
        first.usage.push_back(usageRow(d, QStringLiteral("logs"), QStringLiteral("requests-tier1"), 1000, "0.005"));
    first.queries.push_back(queryRow(QStringLiteral("q1"), t2, "0.10"));
    QString error;
    QVERIFY2(writeSaas(first, &error), qPrintable(error));
    SaasBatch other = saasBatch(QStringLiteral("S3"), QStringLiteral("222"), d1, d3.addDays(1));
    other.usage.push_back(usageRow(d2, QStringLiteral("logs"), QStringLiteral("requests-tier1"), 7, "0.01"));
    QVERIFY2(writeSaas(other, &error), qPrintable(error));
    SaasBatch redshift = saasBatch(QStringLiteral("Redshift"), QStringLiteral("111"), d1, d3.addDays(1));
    redshift.usage.push_back(usageRow(d2, QStringLiteral("dw"), QStringLiteral("node-hours"), 24, "6"));
    QVERIFY2(writeSaas(redshift, &error), qPrintable(error));
    QCOMPARE(scalar("SELECT count(*) FROM saas_usage_daily"), qint64(5));

    // Restate day 2 of S3 / 111: two rows of the same key sum; day 1 and 3 stay.
    SaasBatch restated = saasBatch(QStringLiteral("S3"), QStringLiteral("111"), d2, d3);
    restated.usage.push_back(usageRow(d2, QStringLiteral("logs"), QStringLiteral("requests-tier1"), 400, "0.002"));
    restated.usage.push_back(usageRow(d2, QStringLiteral("logs"), QStringLiteral("requests-tier1"), 600, "0.003"));
    restated.usage.push_back(usageRow(d2, QStringLiteral("logs"), QStringLiteral("requests-tier2"), 50, "0.00002"));
    QVERIFY2(writeSaas(restated, &error), qPrintable(error));
    QCOMPARE(scalar("SELECT count(*) FROM saas_query"), qint64(0)); // q1 was on day 2
    QCOMPARE(scalar("SELECT count(*) FROM saas_usage_daily WHERE service = 'S3' AND account = '111'"), qint64(4));
    QCOMPARE(scalar("SELECT cost FROM saas_usage_daily WHERE account = '111' AND day = 20514 "
                    "AND usage_type = 'requests-tier1'"),
             qint64(5'000'000)); // 20514 = 2026-03-02; 0.002 + 0.003 by hand
    QCOMPARE(scalar("SELECT CAST(quantity AS INTEGER) FROM saas_usage_daily WHERE account = '111' AND day = 20514 "
                    "AND usage_type = 'requests-tier1'"),
             qint64(1000));
    QCOMPARE(scalar("SELECT sum(cost) FROM saas_usage_daily WHERE service = 'S3' AND account = '111'"),
             qint64(5'000'000 * 3 + 20'000));
    QCOMPARE(scalar("SELECT cost FROM saas_usage_daily WHERE account = '222'"), qint64(10'000'000));
    QCOMPARE(scalar("SELECT cost FROM saas_usage_daily WHERE service = 'Redshift'"), qint64(6'000'000'000));
    QCOMPARE(scalar("SELECT count(DISTINCT source) FROM saas_usage_daily"), qint64(1));
}

// A fill-in batch (Cost Explorer's account-level S3 usage) replaces only its own source's rows and
// leaves out the days a CUR import already holds for the service and account; a CUR written
// afterwards replaces the fill-in rows of its range (docs/saas.md).
void TestCostWriter::saasFillInYieldsToOtherSources()
{
    const QDate d1(2026, 3, 1), d2(2026, 3, 2), d3(2026, 3, 3), end(2026, 3, 4);
    SaasBatch cur = saasBatch(QStringLiteral("S3"), QStringLiteral("111"), d1, end);
    cur.usage.push_back(usageRow(d1, QStringLiteral("logs"), QStringLiteral("requests-tier1"), 1000, "0.005"));
    cur.usage.push_back(usageRow(d2, QStringLiteral("data"), QStringLiteral("requests-tier1"), 2000, "0.010"));
    QString error;
    QVERIFY2(writeSaas(cur, &error), qPrintable(error));

    auto ceRow = [](const QDate &day, const char *cost) {
        SaasUsageRow r = usageRow(day, QStringLiteral("111"), QStringLiteral("requests-tier1"), 5000, cost);
        r.entityKind = QStringLiteral("account");
        return r;
    };
    SaasBatch ce = saasBatch(QStringLiteral("S3"), QStringLiteral("111"), d1, end);
    ce.source = QStringLiteral("aws-ce");
    ce.fillIn = true;
    for (const QDate &d : {d1, d2, d3})
        ce.usage.push_back(ceRow(d, "0.025"));
    QVERIFY2(writeSaas(ce, &error), qPrintable(error));
    // Days 1 and 2 stay the CUR's (no double count), day 3 is filled in.
    QCOMPARE(scalar("SELECT count(*) FROM saas_usage_daily"), qint64(3));
    QCOMPARE(scalar("SELECT sum(cost) FROM saas_usage_daily"), qint64(5'000'000 + 10'000'000 + 25'000'000));
    QCOMPARE(scalar("SELECT count(*) FROM saas_usage_daily WHERE source = 'aws-ce' AND day = 20515"), qint64(1));

    // The sync again, restated: its own day-3 row is replaced, the CUR's rows stay.
    ce.usage = {ceRow(d2, "0.030"), ceRow(d3, "0.040")};
    QVERIFY2(writeSaas(ce, &error), qPrintable(error));
    QCOMPARE(scalar("SELECT count(*) FROM saas_usage_daily"), qint64(3));
    QCOMPARE(scalar("SELECT sum(cost) FROM saas_usage_daily"), qint64(5'000'000 + 10'000'000 + 40'000'000));
    QCOMPARE(scalar("SELECT count(*) FROM saas_usage_daily WHERE entity_kind = 'bucket'"), qint64(2));

    // Another account's or service's rows do not block a day.
    SaasBatch other = ce;
    other.account = QStringLiteral("222");
    other.usage = {ceRow(d1, "1")};
    other.usage.front().entity = QStringLiteral("222");
    QVERIFY2(writeSaas(other, &error), qPrintable(error));
    QCOMPARE(scalar("SELECT cost FROM saas_usage_daily WHERE account = '222'"), qint64(1'000'000'000));

    // A CUR of the whole range (ordinary batch) replaces every source's rows of it.
    QVERIFY2(writeSaas(cur, &error), qPrintable(error));
    QCOMPARE(scalar("SELECT count(*) FROM saas_usage_daily WHERE account = '111'"), qint64(2));
    QCOMPARE(scalar("SELECT count(*) FROM saas_usage_daily WHERE account = '111' AND source = 'aws-ce'"), qint64(0));

    // A fill-in batch takes no queries; the store is unchanged when it is refused.
    const QByteArray before = dumpStore(m_store.db());
    SaasBatch withQuery = ce;
    withQuery.queries.push_back(queryRow(QStringLiteral("q"), QDateTime(d3, QTime(1, 0), Qt::UTC), "0.1"));
    QVERIFY(!writeSaas(withQuery, &error));
    QVERIFY2(error.contains(QStringLiteral("usage rows only")), qPrintable(error));
    QCOMPARE(dumpStore(m_store.db()), before);
}

// Writing the same batch twice (in two sessions) leaves the same tables; within one session a
// second batch of the same range appends (an importer may hand its rows in pieces).
void TestCostWriter::saasIdempotent()
{
    const QDate from(2026, 4, 1), to(2026, 5, 1);
    SaasBatch b = saasBatch(QStringLiteral("Snowflake"), QStringLiteral("acme-eu"), from, to);
    for (int i = 0; i < 30; ++i) {
        SaasUsageRow r = usageRow(from.addDays(i), QStringLiteral("ETL_WH"), QStringLiteral("credits"), 2.5, "7.5");
        r.entityKind = QStringLiteral("warehouse");
        r.unit = QStringLiteral("credits");
        b.usage.push_back(r);
        b.queries.push_back(queryRow(QStringLiteral("01b%1").arg(i), QDateTime(from.addDays(i), QTime(23, 59), Qt::UTC),
                                     "0.25"));
    }
    QString error;
    QVERIFY2(writeSaas(b, &error), qPrintable(error));
    const QByteArray once = dumpStore(m_store.db());
    QVERIFY2(writeSaas(b, &error), qPrintable(error));
    // Only the source rows (one per session) differ; the saas tables are the same.
    auto saasOnly = [](const QByteArray &dump) {
        const qsizetype start = dump.indexOf("## saas_query");
        const qsizetype end = dump.indexOf("## ", dump.indexOf("## saas_usage_daily") + 3);
        return dump.mid(start, end - start);
    };
    QVERIFY(saasOnly(once).contains("## saas_usage_daily"));
    QCOMPARE(saasOnly(dumpStore(m_store.db())), saasOnly(once));
    QCOMPARE(scalar("SELECT sum(cost) FROM saas_usage_daily"), qint64(30 * 7'500'000'000LL));
    QCOMPARE(scalar("SELECT count(*) FROM saas_query"), qint64(30));

    CostWriter w(m_store);
    QVERIFY(w.begin(source(QStringLiteral("pieces")), &error));
    SaasBatch half = b;
    half.usage.resize(15);
    half.queries.resize(15);
    QVERIFY2(w.addSaas(half, &error), qPrintable(error));
    half.usage.assign(b.usage.begin() + 15, b.usage.end());
    half.queries.assign(b.queries.begin() + 15, b.queries.end());
    QVERIFY2(w.addSaas(half, &error), qPrintable(error));
    QVERIFY2(w.commit(&error), qPrintable(error));
    QCOMPARE(w.summary().saasRows, qint64(60));
    QCOMPARE(saasOnly(dumpStore(m_store.db())), saasOnly(once));
}

void TestCostWriter::saasBadBatchRollsBack_data()
{
    QTest::addColumn<QString>("breakage");
    QTest::addColumn<QString>("expectedError");
    QTest::newRow("no service") << QStringLiteral("service") << QStringLiteral("needs a service");
    QTest::newRow("no source") << QStringLiteral("source") << QStringLiteral("no source");
    QTest::newRow("empty range") << QStringLiteral("range") << QStringLiteral("invalid day range");
    QTest::newRow("usage day after range") << QStringLiteral("late") << QStringLiteral("outside the batch's range");
    QTest::newRow("usage without a day") << QStringLiteral("noday") << QStringLiteral("outside the batch's range");
    QTest::newRow("no usage type") << QStringLiteral("type") << QStringLiteral("usage type");
    QTest::newRow("NaN quantity") << QStringLiteral("nan") << QStringLiteral("not a number");
    QTest::newRow("infinite credits") << QStringLiteral("inf") << QStringLiteral("non-finite");
    QTest::newRow("negative bytes") << QStringLiteral("negbytes") << QStringLiteral("negative");
    QTest::newRow("query before range") << QStringLiteral("early") << QStringLiteral("outside the batch's range");
    QTest::newRow("query without a start") << QStringLiteral("nostart") << QStringLiteral("outside the batch's range");
    QTest::newRow("query without an id") << QStringLiteral("noid") << QStringLiteral("query id");
    QTest::newRow("row of another account") << QStringLiteral("account") << QStringLiteral("belongs to");
    // The same key twice in one batch: the rows are summed, and the sums must still fit.
    QTest::newRow("cost sum past 64 bits") << QStringLiteral("costsum") << QStringLiteral("more than can be held");
    QTest::newRow("quantity sum past a double") << QStringLiteral("qtysum") << QStringLiteral("more than can be held");
}

// A bad row anywhere in the batch fails the write and leaves the store as it was, including the
// rows the batch would have replaced and the cost rows written earlier in the same session.
void TestCostWriter::saasBadBatchRollsBack()
{
    QFETCH(QString, breakage);
    QFETCH(QString, expectedError);
    const QDate from(2026, 3, 1), to(2026, 3, 8);
    SaasBatch good = saasBatch(QStringLiteral("BigQuery"), QStringLiteral("proj-1"), from, to);
    good.usage.push_back(usageRow(from, QStringLiteral("proj-1"), QStringLiteral("bytes-billed"), 1e12, "6.25"));
    good.queries.push_back(queryRow(QStringLiteral("job_1"), QDateTime(from, QTime(1, 0), Qt::UTC), "6.25"));
    QString error;
    QVERIFY2(writeSaas(good, &error), qPrintable(error));
    const QByteArray before = dumpStore(m_store.db());

    SaasBatch bad = good;
    bad.usage.push_back(usageRow(from.addDays(1), QStringLiteral("proj-1"), QStringLiteral("slot-ms"), 5, "0"));
    bad.queries.push_back(queryRow(QStringLiteral("job_2"), QDateTime(from.addDays(2), QTime(1, 0), Qt::UTC), "1"));
    SaasUsageRow &u = bad.usage.back();
    SaasQueryRow &q = bad.queries.back();
    if (breakage == u"service")
        bad.service.clear();
    else if (breakage == u"source")
        bad.source.clear();
    else if (breakage == u"range")
        bad.to = bad.from;
    else if (breakage == u"late")
        u.day = to;
    else if (breakage == u"noday")
        u.day = QDate();
    else if (breakage == u"type")
        u.usageType.clear();
    else if (breakage == u"nan")
        u.quantity = std::numeric_limits<double>::quiet_NaN();
    else if (breakage == u"inf")
        q.credits = std::numeric_limits<double>::infinity();
    else if (breakage == u"negbytes")
        q.bytesScanned = -1;
    else if (breakage == u"early")
        q.started = QDateTime(from.addDays(-1), QTime(23, 59, 59), Qt::UTC);
    else if (breakage == u"nostart")
        q.started = QDateTime();
    else if (breakage == u"noid")
        q.queryId.clear();
    else if (breakage == u"account")
        u.account = QStringLiteral("proj-2");
    else if (breakage == u"costsum") { // 2 x 5e18 nano-units > 2^63
        u.cost = money("5000000000");
        bad.usage.push_back(u);
    } else if (breakage == u"qtysum") {
        u.quantity = 1.5e308;
        bad.usage.push_back(u);
    }

    CostWriter w(m_store);
    QVERIFY(w.begin(source(QStringLiteral("bad")), &error));
    CostBatch costs = makeBatch(QStringLiteral("GCP"), QStringLiteral("billing-1"), from);
    costs.rows.push_back(makeRow(from, "3.00", QStringLiteral("BigQuery")));
    QVERIFY2(w.add(costs, &error), qPrintable(error));
    QVERIFY(!w.addSaas(bad, &error));
    QVERIFY2(error.contains(expectedError), qPrintable(error));
    QVERIFY(!error.contains(u'\n'));
    QVERIFY(!w.isActive());
    QCOMPARE(dumpStore(m_store.db()), before);
}

// The parts of one range in one session are summed into the same rows: a sum past what a row
// holds fails the write like one batch would, and the store is as it was.
void TestCostWriter::saasPartsSumPastLimit()
{
    const QDate from(2026, 3, 1), to(2026, 3, 8);
    const QByteArray before = dumpStore(m_store.db());
    SaasBatch part = saasBatch(QStringLiteral("S3"), QStringLiteral("111"), from, to);
    part.usage.push_back(usageRow(from, QStringLiteral("logs"), QStringLiteral("requests"), 10, "5000000000"));
    CostWriter w(m_store);
    QString error;
    QVERIFY(w.begin(source(QStringLiteral("parts")), &error, CostWriter::Mode::CostsOnly));
    QVERIFY2(w.addSaas(part, &error), qPrintable(error));
    QVERIFY2(w.addSaas(part, &error) == false, "5e18 + 5e18 nano-units were accepted");
    QVERIFY2(error.contains(QStringLiteral("more than can be held")), qPrintable(error));
    QVERIFY(!w.isActive());
    QCOMPARE(dumpStore(m_store.db()), before);
    // Within the limit the parts add up.
    part.usage.back().cost = money("1.25");
    QVERIFY(w.begin(source(QStringLiteral("parts")), &error, CostWriter::Mode::CostsOnly));
    QVERIFY2(w.addSaas(part, &error), qPrintable(error));
    QVERIFY2(w.addSaas(part, &error), qPrintable(error));
    QVERIFY2(w.commit(&error), qPrintable(error));
    QCOMPARE(scalar("SELECT cost FROM saas_usage_daily"), qint64(2'500'000'000));
    QCOMPARE(scalar("SELECT CAST(quantity AS INTEGER) FROM saas_usage_daily"), qint64(20));
}

// Whatever the text holds is stored as given (parameters, not SQL), shortened to 2000
// characters without splitting a surrogate pair.
void TestCostWriter::saasHostileStrings()
{
    const QDate from(2026, 6, 1);
    SaasBatch b = saasBatch(QStringLiteral("Databricks"), QStringLiteral("ws'; DROP TABLE line_item;--"), from,
                            from.addDays(1));
    SaasUsageRow r = usageRow(from, QStringLiteral("JOBS_COMPUTE\"),('x"), QStringLiteral("dbu"), 12.5, "2.5");
    r.entityKind = QStringLiteral("sku");
    r.entity += QChar(0); // embedded NUL
    b.usage.push_back(r);
    SaasQueryRow q = queryRow(QStringLiteral("id\n2"), QDateTime(from, QTime(5, 0), Qt::UTC), "0.5");
    q.text = QString(1999, u'x') + QString::fromUtf8("\xF0\x9F\x92\xB8") + QStringLiteral("tail"); // U+1F4B8
    q.user = QStringLiteral("' OR 1=1 --");
    b.queries.push_back(q);
    SaasQueryRow longText = queryRow(QStringLiteral("long"), QDateTime(from, QTime(6, 0), Qt::UTC), "0");
    longText.text = QString(100'000, u'y');
    b.queries.push_back(longText);
    QString error;
    QVERIFY2(writeSaas(b, &error), qPrintable(error));
    QCOMPARE(scalar("SELECT count(*) FROM line_item"), qint64(0));
    QCOMPARE(scalar("SELECT count(*) FROM sqlite_master WHERE name = 'line_item'"), qint64(1));
    Statement st(m_store.db(), "SELECT account, entity FROM saas_usage_daily");
    QVERIFY(st.next());
    QCOMPARE(st.columnText(0), b.account);
    QCOMPARE(st.columnText(1), r.entity);
    Statement texts(m_store.db(), "SELECT query_id, user_name, query_text FROM saas_query ORDER BY query_id");
    QVERIFY(texts.next());
    QCOMPARE(texts.columnText(0), QStringLiteral("id\n2"));
    QCOMPARE(texts.columnText(1), q.user);
    QCOMPARE(texts.columnText(2), QString(1999, u'x')); // the pair did not fit: both halves dropped
    QVERIFY(texts.next());
    QCOMPARE(texts.columnText(2).size(), qsizetype(2000));
}

// Import files write their cost rows in CostsOnly mode; their saas rows go into the same
// transaction. Clearing the workspace (demo regeneration) empties both tables.
void TestCostWriter::saasInCostsOnlyAndClear()
{
    const QDate jan(2026, 1, 1);
    CostWriter w(m_store);
    QString error;
    QVERIFY(w.begin(source(QStringLiteral("cur")), &error, CostWriter::Mode::CostsOnly));
    CostBatch costs = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), jan);
    costs.rows.push_back(makeRow(jan, "0.40", QStringLiteral("Amazon Simple Storage Service")));
    QVERIFY2(w.add(costs, &error), qPrintable(error));
    SaasBatch s3 = saasBatch(QStringLiteral("S3"), QStringLiteral("111"), jan, jan.addMonths(1));
    s3.usage.push_back(usageRow(jan, QStringLiteral("logs"), QStringLiteral("requests-tier1"), 80000, "0.40"));
    QVERIFY2(w.addSaas(s3, &error), qPrintable(error));
    QVERIFY2(w.commit(&error), qPrintable(error));
    QCOMPARE(scalar("SELECT cost FROM saas_usage_daily"), qint64(400'000'000));

    QVERIFY(w.begin(source(QStringLiteral("demo")), &error));
    QVERIFY(w.addSaas(s3, &error)); // a saas batch first: clearing must come right after begin()
    QVERIFY(!w.clearAllInTransaction(&error));
    QVERIFY2(error.contains(QStringLiteral("right after begin()")), qPrintable(error));
    w.rollback();
    QVERIFY(w.begin(source(QStringLiteral("demo")), &error));
    QVERIFY2(w.clearAllInTransaction(&error), qPrintable(error));
    QCOMPARE(scalar("SELECT count(*) FROM saas_usage_daily"), qint64(0));
    w.rollback(); // a rollback restores them
    QCOMPARE(scalar("SELECT count(*) FROM saas_usage_daily"), qint64(1));
    QVERIFY(w.begin(source(QStringLiteral("demo")), &error));
    QVERIFY2(w.clearAllInTransaction(&error), qPrintable(error));
    QVERIFY2(w.commit(&error), qPrintable(error));
    QCOMPARE(scalar("SELECT count(*) FROM saas_usage_daily"), qint64(0));
    QCOMPARE(scalar("SELECT count(*) FROM saas_query"), qint64(0));
    QVERIFY(!w.addSaas(s3, &error));
    QVERIFY(error.contains(QStringLiteral("outside")));
}

QTEST_GUILESS_MAIN(TestCostWriter)

// A costs-only write into a workspace without line items drops the secondary indexes of the
// line items and rollups for its transaction and creates them again before commit: the same
// indexes with the same SQL afterwards, also after a failure, and the rollups still equal
// the raw rows (written 64 rows to a statement, the rest one by one).
void TestCostWriter::firstCostsOnlyWriteRebuildsIndexes()
{
    const QString indexes = rollupIndexes();
    // Line items have no secondary index since version 16 (a period is a range of their ids).
    QVERIFY2(!indexes.contains(QStringLiteral("line_item")), qPrintable(indexes));
    QVERIFY(indexes.contains(QStringLiteral("rollup_resource_daily_resource: CREATE INDEX")));
    const QDate may(2026, 5, 1);
    CostBatch b = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), may);
    const Tags web = {{QStringLiteral("team"), QStringLiteral("web")}};
    for (int i = 0; i < 1000; ++i)
        b.rows.push_back(makeRow(may.addDays(i % 31), i % 3 ? "0.25" : "1.5", QStringLiteral("EC2"),
                                 QStringLiteral("eu-west-1"), QStringLiteral("222"),
                                 QStringLiteral("i-%1").arg(i % 97), i % 2 ? web : Tags{}));
    QString error;
    CostWriter w(m_store);

    // A failure half way: rolled back, indexes as they were.
    CostBatch bad = b;
    bad.rows[500].chargeStart = utcSeconds(may.addMonths(1));
    // Temporary storage goes to files for the session (the index sorter's memory stays bounded).
    const int64_t tempStore = scalar("PRAGMA temp_store");
    QCOMPARE(tempStore, qint64(2));
    QVERIFY2(w.begin(source(QStringLiteral("bad")), &error, CostWriter::Mode::CostsOnly), qPrintable(error));
    QCOMPARE(scalar("SELECT count(*) FROM sqlite_master WHERE name = 'rollup_resource_daily_resource'"), qint64(0));
    QCOMPARE(scalar("PRAGMA temp_store"), qint64(1));
    // The page cache is 32 MiB for the session instead of the store's 64 MiB, and back after it.
    QCOMPARE(scalar("PRAGMA cache_size"), qint64(-32768));
    QVERIFY(!w.add(bad, &error));
    QCOMPARE(scalar("PRAGMA temp_store"), tempStore);
    QCOMPARE(scalar("PRAGMA cache_size"), qint64(-65536));
    QCOMPARE(rollupIndexes(), indexes);
    QCOMPARE(scalar("SELECT count(*) FROM line_item"), qint64(0));

    QVERIFY2(w.begin(source(QStringLiteral("good")), &error, CostWriter::Mode::CostsOnly), qPrintable(error));
    QVERIFY2(w.add(b, &error), qPrintable(error));
    QVERIFY2(w.commit(&error), qPrintable(error));
    QCOMPARE(rollupIndexes(), indexes);
    QCOMPARE(scalar("PRAGMA temp_store"), tempStore);
    QCOMPARE(scalar("PRAGMA cache_size"), qint64(-65536));
    QCOMPARE(scalar("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), qint64(0));
    QCOMPARE(scalar("SELECT count(*) FROM line_item"), qint64(1000));
    QCOMPARE(scalar(R"sql(SELECT count(*) FROM (
        SELECT period_id, day, resource, sub_account, service, region, tagset, sum(billed), sum(effective), sum(list)
        FROM line_item GROUP BY 1, 2, 3, 4, 5, 6, 7
        EXCEPT SELECT period_id, day, resource, sub_account, service, region, tagset, billed, effective, list
        FROM rollup_resource_daily))sql"), qint64(0));
    QCOMPARE(scalar("SELECT count(*) FROM rollup_resource_daily"),
             scalar("SELECT count(*) FROM (SELECT DISTINCT day, resource, tagset FROM line_item)"));
    QCOMPARE(scalar("SELECT sum(rows) FROM rollup_daily"), qint64(1000));
    // 1000 rows: 334 x 1.5 + 666 x 0.25, by hand.
    QCOMPARE(scalar("SELECT sum(billed) FROM rollup_resource_monthly"),
             qint64(334 * 1'500'000'000LL + 666 * 250'000'000LL));
    QCOMPARE(scalar("SELECT sum(billed) FROM rollup_tag_daily"), qint64(167 * 1'500'000'000LL + 333 * 250'000'000LL));

    // The workspace now holds line items: a second costs-only write keeps its indexes.
    CostBatch june = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), may.addMonths(1));
    june.rows.push_back(makeRow(may.addMonths(1), "3"));
    QVERIFY2(w.begin(source(QStringLiteral("june")), &error, CostWriter::Mode::CostsOnly), qPrintable(error));
    QCOMPARE(scalar("SELECT count(*) FROM sqlite_master WHERE name = 'rollup_resource_daily_resource'"), qint64(1));
    QVERIFY2(w.add(june, &error), qPrintable(error));
    QVERIFY2(w.commit(&error), qPrintable(error));
    QCOMPARE(rollupIndexes(), indexes);
}

#include "TestCostWriter.moc"
