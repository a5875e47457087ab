// Broken billing files: each gives one error that names the file, the line, the column and
// what was expected, and leaves the workspace's content exactly as it was.

#include "ImportTestSupport.h"
#include "StoreTestSupport.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "providers/import/FileImporter.h"

#include <QTemporaryDir>
#include <QTest>

using namespace costscope;

class TestImportErrors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void broken_data();
    void broken();
    void missingFile();
    void failureAfterFlushedBatches();
    void writerThreadFailureNamesBatch();
    void cancelDuringThreadedImport();
    void batchSizeDoesNotChangeResult();

private:
    QString seededWorkspace(QTemporaryDir &dir);
    QTemporaryDir m_dir;
    QString m_seed;
};

namespace {

const QByteArray kHeader = "BilledCost,BillingAccountId,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,"
                           "ChargeCategory,ProviderName\n";

QByteArray focusRow(const QByteArray &cost, const QByteArray &start = "2024-09-03T00:00:00Z")
{
    return cost + ",acct-1,2024-09-01T00:00:00Z,2024-10-01T00:00:00Z," + start + ",Usage,AWS\n";
}

} // namespace

void TestImportErrors::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // A workspace that already holds data, so "unchanged" is not trivially "empty".
    m_seed = m_dir.filePath(QStringLiteral("seed.db"));
    const QString good = m_dir.filePath(QStringLiteral("good.csv"));
    QVERIFY(testsupport::writeFile(good, kHeader + focusRow("1.25") + focusRow("2.50")));
    store::CostStore store;
    QVERIFY(store.open(m_seed));
    store::CostWriter writer(store);
    import::FileImporter importer(writer);
    const ImportFileReport r = importer.importFile(good);
    QVERIFY2(r.ok, qPrintable(r.error));
}

QString TestImportErrors::seededWorkspace(QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("w.db"));
    QFile::copy(m_seed, path);
    return path;
}

void TestImportErrors::broken_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("error");
    QTest::newRow("unterminated quote") << (kHeader + focusRow("1") + "\"2,acct-1,2024-09-01,2024-10-01,2024-09-03,Usage,AWS\n")
                                        << QStringLiteral("a.csv")
                                        << QStringLiteral("a.csv: line 3, column 1 (BilledCost): unterminated quoted field");
    QTest::newRow("too few columns") << (kHeader + focusRow("1") + "2,acct-1\n") << QStringLiteral("b.csv")
                                     << QStringLiteral("b.csv: line 3: expected 7 columns as in the header, found 2");
    QTest::newRow("too many columns") << (kHeader + focusRow("1").chopped(1) + ",extra\n") << QStringLiteral("b2.csv")
                                      << QStringLiteral("b2.csv: line 2: expected 7 columns as in the header, found 8");
    QTest::newRow("non-numeric cost") << (kHeader + focusRow("1") + focusRow("12,5x").replace("12,5x", "\"12,5x\""))
                                      << QStringLiteral("c.csv")
                                      << QStringLiteral("c.csv: line 3, column 1 (BilledCost): expected a decimal amount, found '12,5x'");
    QTest::newRow("empty cost") << (kHeader + focusRow("")) << QStringLiteral("c2.csv")
                                << QStringLiteral("c2.csv: line 2, column 1 (BilledCost): expected a decimal amount, found an empty cell");
    QTest::newRow("impossible date") << (kHeader + focusRow("1", "2024-09-31T00:00:00Z")) << QStringLiteral("d.csv")
                                     << QStringLiteral("d.csv: line 2, column 5 (ChargePeriodStart): expected a date");
    QTest::newRow("month 13") << (kHeader + focusRow("1", "2024-13-01")) << QStringLiteral("d2.csv")
                              << QStringLiteral("d2.csv: line 2, column 5 (ChargePeriodStart): expected a date");
    QTest::newRow("bad charge category") << (kHeader + focusRow("1").replace("Usage", "Spending")) << QStringLiteral("e.csv")
                                         << QStringLiteral("e.csv: line 2, column 6 (ChargeCategory): expected a ChargeCategory");
    QTest::newRow("unknown format") << QByteArray("name,amount\nx,1\n") << QStringLiteral("f.csv")
                                    << QStringLiteral("f.csv: line 1: unknown format");
    QTest::newRow("empty file") << QByteArray() << QStringLiteral("g.csv")
                                << QStringLiteral("g.csv: the file is empty (expected a header line)");
    QTest::newRow("blank lines only") << QByteArray("\n\r\n\n") << QStringLiteral("g2.csv")
                                      << QStringLiteral("g2.csv: the file is empty");
    QTest::newRow("header only") << kHeader << QStringLiteral("h.csv")
                                 << QStringLiteral("h.csv: line 2: expected data rows after the header, found none");
    const QByteArray gz = testsupport::gzipBytes(kHeader + focusRow("1") + focusRow("2") + focusRow("3"));
    QTest::newRow("truncated gzip") << gz.left(gz.size() - 12) << QStringLiteral("i.csv.gz")
                                    << QStringLiteral("i.csv.gz: line");
    QByteArray corrupt = gz;
    for (qsizetype i = 12; i < corrupt.size() - 8; ++i)
        corrupt[i] = static_cast<char>(corrupt[i] ^ 0x33);
    QTest::newRow("corrupt gzip") << corrupt << QStringLiteral("j.csv.gz") << QStringLiteral("the gzip data is corrupt");
    // A 3 MB line: refused at the 1 MiB field cap, without reading it whole.
    QTest::newRow("long line") << (kHeader + focusRow("1").replace("acct-1", QByteArray(3 << 20, 'x')))
                               << QStringLiteral("k.csv")
                               << QStringLiteral("k.csv: line 2, column 2 (BillingAccountId): a field is longer than 1048576 bytes");
    QTest::newRow("bad tags") << QByteArray("BilledCost,BillingPeriodStart,ChargePeriodStart,Tags\n"
                                            "1,2024-09-01,2024-09-02,\"{not json\"\n")
                              << QStringLiteral("l.csv") << QStringLiteral("l.csv: line 2, column 4 (Tags): expected Tags");
    QTest::newRow("bad GCP credits")
        << QByteArray("billing_account_id,service.description,usage_start_time,cost,currency,credits,invoice.month\n"
                      "A,Compute,2022-08-01 00:00:00+00:00,1.5,USD,\"[{\"\"name\"\": \"\"x\"\"}]\",202208\n")
        << QStringLiteral("m.csv") << QStringLiteral("m.csv: line 2, column 6 (credits): expected credits");
    QTest::newRow("bad GCP invoice month")
        << QByteArray("billing_account_id,service.description,usage_start_time,cost,currency,credits,invoice.month\n"
                      "A,Compute,2022-08-01 00:00:00+00:00,1.5,USD,[],2022-8\n")
        << QStringLiteral("n.csv") << QStringLiteral("n.csv: line 2, column 7 (invoice.month): expected invoice.month as YYYYMM");
    QTest::newRow("CUR without period column")
        << QByteArray("lineItem/UnblendedCost,lineItem/UsageStartDate\n1,2023-11-01T00:00:00Z\n") << QStringLiteral("o.csv")
        << QStringLiteral("o.csv: line 1: AWS CUR file without the column(s) bill/BillingPeriodStartDate");
    QTest::newRow("Azure bad date")
        << QByteArray("Date,CostInBillingCurrency,BillingAccountId\n13/45/2023,1.0,A\n") << QStringLiteral("p.csv")
        << QStringLiteral("p.csv: line 2, column 1 (Date): expected a date");
    QTest::newRow("manifest naming a missing file")
        << QByteArray("{\"reportKeys\": [\"cur/20231101-20231201/missing-1.csv.gz\"]}") << QStringLiteral("q-Manifest.json")
        << QStringLiteral("q-Manifest.json: the manifest names cur/20231101-20231201/missing-1.csv.gz");
}

void TestImportErrors::broken()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, fileName);
    QFETCH(QString, error);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString workspace = seededWorkspace(dir);
    const QString path = dir.filePath(fileName);
    QVERIFY(testsupport::writeFile(path, content));

    store::CostStore store;
    QVERIFY(store.open(workspace));
    const QByteArray before = testsupport::dumpStore(store.db());
    store::CostWriter writer(store);
    import::FileImporter importer(writer);
    const ImportFileReport report = importer.importFile(path);
    QVERIFY(!report.ok);
    QVERIFY2(report.error.startsWith(path), qPrintable(report.error));
    QVERIFY2(report.error.contains(error), qPrintable(report.error));
    QVERIFY(!report.error.contains(u'\n'));
    QCOMPARE(report.rows, 0);
    QVERIFY(!writer.isActive());
    QCOMPARE(testsupport::dumpStore(store.db()), before);
}

void TestImportErrors::missingFile()
{
    QTemporaryDir dir;
    store::CostStore store;
    QVERIFY(store.open(seededWorkspace(dir)));
    const QByteArray before = testsupport::dumpStore(store.db());
    store::CostWriter writer(store);
    import::FileImporter importer(writer);
    const QString path = dir.filePath(QStringLiteral("nowhere.csv"));
    const ImportFileReport report = importer.importFile(path);
    QVERIFY(!report.ok);
    QVERIFY2(report.error.startsWith(path), qPrintable(report.error));
    QCOMPARE(testsupport::dumpStore(store.db()), before);
}

void TestImportErrors::failureAfterFlushedBatches()
{
    // 25,000 good rows reach the writer in batches before the bad last row: still nothing lands.
    QTemporaryDir dir;
    const QString workspace = seededWorkspace(dir);
    QByteArray content = kHeader;
    for (int i = 0; i < 25000; ++i)
        content += focusRow(QByteArray::number(i % 50) + ".01");
    content += focusRow("oops");
    const QString path = dir.filePath(QStringLiteral("late.csv"));
    QVERIFY(testsupport::writeFile(path, content));
    store::CostStore store;
    QVERIFY(store.open(workspace));
    const QByteArray before = testsupport::dumpStore(store.db());
    store::CostWriter writer(store);
    import::FileImporter importer(writer);
    importer.setBatchRows(5000);
    const ImportFileReport report = importer.importFile(path);
    QVERIFY(!report.ok);
    QVERIFY2(report.error.contains(QStringLiteral("line 25002, column 1 (BilledCost): expected a decimal amount, found 'oops'")),
             qPrintable(report.error));
    QCOMPARE(testsupport::dumpStore(store.db()), before);
}

namespace {

// 25,000 good rows (cost i % 50 + 0.01, one of 28 days, one of 500 resources) after the header.
// Row oddRow (1-based) costs 777.77 instead.
QByteArray manyRows(int oddRow = 0)
{
    QByteArray content = "BilledCost,BillingAccountId,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,"
                         "ChargeCategory,ProviderName,ResourceId\n";
    for (int i = 0; i < 25000; ++i) {
        const QByteArray day = QByteArray::number(1 + i % 28).rightJustified(2, '0');
        const QByteArray cost = i + 1 == oddRow ? QByteArray("777.77") : QByteArray::number(i % 50) + ".01";
        content += cost + ",acct-1,2024-09-01T00:00:00Z,2024-10-01T00:00:00Z,2024-09-" + day +
                   "T00:00:00Z,Usage,AWS,r-" + QByteArray::number(i % 500) + '\n';
    }
    return content;
}

} // namespace

void TestImportErrors::writerThreadFailureNamesBatch()
{
    // The writer thread refuses a row of the third batch (a trigger stands for a full disk or a
    // broken workspace): the import fails with the file and the line that batch ended on, and the
    // workspace is as it was.
    QTemporaryDir dir;
    const QString workspace = seededWorkspace(dir);
    const QString path = dir.filePath(QStringLiteral("refused.csv"));
    // Row 12,345 (line 12,346) alone costs 777.77; rows 10,001-15,000 are the third batch.
    QVERIFY(testsupport::writeFile(path, manyRows(12345)));
    store::CostStore store;
    QVERIFY(store.open(workspace));
    QVERIFY(store.db().exec("CREATE TRIGGER refuse BEFORE INSERT ON line_item WHEN NEW.billed = 777770000000 "
                            "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"));
    const QByteArray before = testsupport::dumpStore(store.db());
    store::CostWriter writer(store);
    import::FileImporter importer(writer);
    importer.setBatchRows(5000);
    const ImportFileReport report = importer.importFile(path);
    QVERIFY(!report.ok);
    QVERIFY2(report.error.startsWith(path + QStringLiteral(": line 15001: ")), qPrintable(report.error));
    QVERIFY2(report.error.contains(QStringLiteral("refused by the test")), qPrintable(report.error));
    QCOMPARE(report.rows, 0);
    QVERIFY(!writer.isActive());
    QCOMPARE(testsupport::dumpStore(store.db()), before);
}

void TestImportErrors::cancelDuringThreadedImport()
{
    // Cancelled after the fourth of 25 batches went to the writer thread: nothing lands, the
    // writer is free again, and the progress seen so far counted rows and bytes upwards.
    QTemporaryDir dir;
    const QString workspace = seededWorkspace(dir);
    const QString path = dir.filePath(QStringLiteral("cancel.csv"));
    QVERIFY(testsupport::writeFile(path, manyRows()));
    store::CostStore store;
    QVERIFY(store.open(workspace));
    const QByteArray before = testsupport::dumpStore(store.db());
    store::CostWriter writer(store);
    import::FileImporter importer(writer);
    importer.setBatchRows(1000);
    int asked = 0;
    QList<double> fractions;
    QStringList texts;
    const ImportFileReport report = importer.importFile(
        path,
        [&](double fraction, const QString &text) {
            fractions << fraction;
            texts << text;
        },
        [&] { return ++asked == 4; });
    QVERIFY(!report.ok);
    QCOMPARE(report.error, path + QStringLiteral(": cancelled; nothing was imported"));
    QCOMPARE(asked, 4);
    QCOMPARE(fractions.size(), 3);
    QVERIFY(fractions[0] > 0 && fractions[0] <= fractions[1] && fractions[1] <= fractions[2] && fractions[2] < 1);
    QVERIFY2(texts[2].contains(QStringLiteral(": 3000 rows, ")), qPrintable(texts[2]));
    QVERIFY(!writer.isActive());
    QCOMPARE(testsupport::dumpStore(store.db()), before);
    // The same writer imports the file afterwards.
    const ImportFileReport again = importer.importFile(path);
    QVERIFY2(again.ok, qPrintable(again.error));
    QCOMPARE(again.rows, qint64(25000));
}

void TestImportErrors::batchSizeDoesNotChangeResult()
{
    // Batches of 7 rows (3,572 handed to the writer thread) and one batch of everything write
    // the same tables, ids included: the thread keeps the file's order.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("many.csv"));
    QVERIFY(testsupport::writeFile(path, manyRows()));
    QByteArray dumps[2];
    const int sizes[2] = {7, 100000};
    for (int i = 0; i < 2; ++i) {
        store::CostStore store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("w%1.db").arg(i))));
        store::CostWriter writer(store);
        import::FileImporter importer(writer);
        importer.setBatchRows(sizes[i]);
        const ImportFileReport report = importer.importFile(path);
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.rows, qint64(25000));
        // The clock's columns aside, everything else must match.
        store.setMetaValue(QStringLiteral("created"), QString());
        QVERIFY(store.db().exec("UPDATE source SET imported_at = 0; UPDATE billing_period SET written_at = 0"));
        dumps[i] = testsupport::dumpStore(store.db());
    }
    QVERIFY(dumps[0].contains("## line_item"));
    QCOMPARE(dumps[0], dumps[1]);
}

QTEST_GUILESS_MAIN(TestImportErrors)
#include "TestImportErrors.moc"
