// S3 and Redshift usage from AWS bills (issue 8): the usage-type mapping of AwsSaasUsage, and
// the CUR importer writing it into saas_usage_daily in the same transaction as the line items.

#include "ImportTestSupport.h"
#include "StoreTestSupport.h"
#include "model/AwsSaasUsage.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "providers/import/FileImporter.h"

#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace costscope;

class TestAwsSaasUsage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void classify_data();
    void classify();
    void serviceNames();
    void collectorSumsAndClamps();
    void curImport_data();
    void curImport();
    void brokenCurWritesNothing();
    void sampleCurMatchesLineItems();
    void partsGiveTheRowsOfOneBatch_data();
    void partsGiveTheRowsOfOneBatch();
    void partSumsOutOfRangeFail_data();
    void partSumsOutOfRangeFail();
};

void TestAwsSaasUsage::classify_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("usageType");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<double>("quantity");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("entity");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("outUnit");
    QTest::addColumn<double>("outQuantity"); // by hand: GB x 2^30, TB x 2^40, 1K x 1000

    const QString b = QStringLiteral("acme-logs");
    QTest::newRow("tier1") << "S3" << "USW2-Requests-Tier1" << b << "Requests" << 974.0 << "bucket" << b
                           << "requests-tier1" << "requests" << 974.0;
    QTest::newRow("tier2 no region") << "S3" << "Requests-Tier2" << b << "Requests" << 14.0 << "bucket" << b
                                     << "requests-tier2" << "requests" << 14.0;
    QTest::newRow("tier1 in thousands") << "S3" << "USE1-Requests-Tier1" << b << "1K Requests" << 2.5 << "bucket"
                                        << b << "requests-tier1" << "requests" << 2500.0;
    QTest::newRow("EU prefix") << "S3" << "EU-Requests-Tier1" << b << "Requests" << 3.0 << "bucket" << b
                               << "requests-tier1" << "requests" << 3.0;
    QTest::newRow("transfer out GB") << "S3" << "USW2-DataTransfer-Out-Bytes" << b << "GB" << 2.0 << "bucket" << b
                                     << "bytes-out" << "bytes" << 2147483648.0;
    QTest::newRow("inter-region out") << "S3" << "CAN1-AWS-Out-Bytes" << b << "GB" << 0.5 << "bucket" << b
                                      << "bytes-out" << "bytes" << 536870912.0;
    QTest::newRow("transfer in") << "S3" << "DataTransfer-In-Bytes" << b << "GB" << 1.0 << "bucket" << b
                                 << "bytes-in" << "bytes" << 1073741824.0;
    QTest::newRow("standard storage") << "S3" << "USW2-TimedStorage-ByteHrs" << b << "GB-Mo" << 0.0912 << "bucket"
                                      << b << "storage" << "GB-Mo" << 0.0912;
    QTest::newRow("glacier storage") << "S3" << "USW2-TimedStorage-GlacierByteHrs" << b << "GB-Mo" << 0.93
                                     << "bucket" << b << "storage-glacier" << "GB-Mo" << 0.93;
    QTest::newRow("IA storage") << "S3" << "USE1-TimedStorage-SIA-ByteHrs" << b << "GB-Mo" << 4.0 << "bucket" << b
                                << "storage-sia" << "GB-Mo" << 4.0;
    QTest::newRow("early delete") << "S3" << "EarlyDelete-ByteHrs" << b << "GB-Mo" << 4.15 << "bucket" << b
                                  << "other" << "GB-Mo" << 4.15;
    QTest::newRow("account-level request") << "S3" << "USW2-Requests-Tier1" << "" << "Requests" << 10.0 << "account"
                                           << "111122223333" << "requests-tier1" << "requests" << 10.0;
    const QString cluster = QStringLiteral("arn:aws:redshift:us-east-1:111122223333:cluster:dw");
    const QString wg = QStringLiteral("arn:aws:redshift-serverless:us-east-1:111122223333:workgroup/7d1f");
    QTest::newRow("node hours") << "Redshift" << "USE1-Node:dc2.large" << cluster << "Hrs" << 48.0 << "cluster"
                                << cluster << "node-hours" << "hours" << 48.0;
    QTest::newRow("serverless RPU") << "Redshift" << "USE1-ServerlessUsage" << wg << "RPU-Hr" << 12.5 << "workgroup"
                                    << wg << "rpu-hours" << "RPU-hours" << 12.5;
    QTest::newRow("RPU spelling") << "Redshift" << "USE1-RPU-Hours" << wg << "RPU-Hr" << 8.0 << "workgroup" << wg
                                  << "rpu-hours" << "RPU-hours" << 8.0;
    QTest::newRow("spectrum TB") << "Redshift" << "USE1-Spectrum-DataScanned" << cluster << "TB" << 0.25
                                 << "cluster" << cluster << "spectrum-bytes" << "bytes" << 274877906944.0;
    QTest::newRow("managed storage") << "Redshift" << "USE1-RMS:ra3" << cluster << "GB-Mo" << 100.0 << "cluster"
                                     << cluster << "storage" << "GB-Mo" << 100.0;
    QTest::newRow("hostile resource") << "S3" << "Requests-Tier1" << "b'); DROP TABLE x;--" << "Requests" << 1.0
                                      << "bucket" << "b'); DROP TABLE x;--" << "requests-tier1" << "requests" << 1.0;
}

void TestAwsSaasUsage::classify()
{
    QFETCH(QString, service);
    QFETCH(QString, usageType);
    QFETCH(QString, resource);
    QFETCH(QString, unit);
    QFETCH(double, quantity);
    AwsSaasItem item;
    QVERIFY(classifyAwsSaas(service, usageType, QStringLiteral("GetObject"), resource, unit, quantity,
                            QStringLiteral("111122223333"), &item));
    QCOMPARE(item.service, service);
    QTEST(item.entityKind, "kind");
    QTEST(item.entity, "entity");
    QTEST(item.usageType, "type");
    QTEST(item.unit, "outUnit");
    QTEST(item.quantity, "outQuantity");
}

void TestAwsSaasUsage::serviceNames()
{
    QCOMPARE(awsSaasService(u"AmazonS3"), QStringLiteral("S3"));
    QCOMPARE(awsSaasService(u"Amazon Simple Storage Service"), QStringLiteral("S3"));
    QCOMPARE(awsSaasService(u"AmazonRedshift"), QStringLiteral("Redshift"));
    QCOMPARE(awsSaasService(u"AmazonEC2"), QString());
    QCOMPARE(awsSaasService(u"AmazonS3GlacierDeepArchive"), QString());
    AwsSaasItem item;
    QVERIFY(!classifyAwsSaas(QStringLiteral("EC2"), QStringLiteral("BoxUsage:m5.large"), {}, {}, {}, 1, {}, &item));
    QVERIFY(!classifyAwsSaas(QStringLiteral("S3"), QString(), {}, {}, {}, 1, {}, &item));
}

void TestAwsSaasUsage::collectorSumsAndClamps()
{
    AwsSaasCollector c;
    QVERIFY(c.isEmpty());
    const QDate jan(2026, 1, 1), feb(2026, 2, 1);
    AwsSaasItem it;
    QVERIFY(classifyAwsSaas(QStringLiteral("S3"), QStringLiteral("USE1-Requests-Tier2"), {}, QStringLiteral("b1"),
                            QStringLiteral("Requests"), 100, QStringLiteral("1"), &it));
    c.add(it, QStringLiteral("1"), jan, feb, QStringLiteral("USD"), dayNumber(QDate(2026, 1, 5)),
          Money::fromNanos(40'000));
    c.add(it, QStringLiteral("1"), jan, feb, QStringLiteral("USD"), dayNumber(QDate(2026, 1, 5)),
          Money::fromNanos(2'000));
    c.add(it, QStringLiteral("1"), jan, feb, QStringLiteral("USD"), dayNumber(QDate(2025, 12, 31)), Money());
    c.add(it, QStringLiteral("2"), jan, feb, QStringLiteral("USD"), dayNumber(QDate(2026, 2, 3)), Money());
    const std::vector<SaasBatch> batches = c.take(QStringLiteral("import:x.csv"));
    QVERIFY(c.isEmpty());
    QCOMPARE(batches.size(), size_t(2));
    const SaasBatch &a = batches[0];
    QCOMPARE(a.account, QStringLiteral("1"));
    QCOMPARE(a.from, jan);
    QCOMPARE(a.to, feb);
    QCOMPARE(a.source, QStringLiteral("import:x.csv"));
    QCOMPARE(a.usage.size(), size_t(2));
    QCOMPARE(a.usage[0].day, jan); // the December charge dated to the period's first day
    QCOMPARE(a.usage[1].day, QDate(2026, 1, 5));
    QCOMPARE(a.usage[1].quantity, 200.0);
    QCOMPARE(a.usage[1].cost.nanos(), qint64(42'000));
    QCOMPARE(batches[1].usage[0].day, QDate(2026, 1, 31)); // a February charge to the last day
}

namespace {

// One CUR with S3 and Redshift lines of two days, an EC2 line and a tax line, in the given
// header spelling (legacy "category/Name" or snake_case).
QByteArray curText(bool legacy)
{
    const QByteArray header = legacy
        ? "bill/PayerAccountId,bill/BillingPeriodStartDate,bill/BillingPeriodEndDate,lineItem/UsageAccountId,"
          "lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageEndDate,lineItem/ProductCode,"
          "lineItem/UsageType,lineItem/Operation,lineItem/ResourceId,lineItem/UsageAmount,lineItem/CurrencyCode,"
          "lineItem/UnblendedCost,pricing/unit,product/ProductName\n"
        : "bill_payer_account_id,bill_billing_period_start_date,bill_billing_period_end_date,"
          "line_item_usage_account_id,line_item_line_item_type,line_item_usage_start_date,"
          "line_item_usage_end_date,line_item_product_code,line_item_usage_type,line_item_operation,"
          "line_item_resource_id,line_item_usage_amount,line_item_currency_code,line_item_unblended_cost,"
          "pricing_unit,product_product_name\n";
    const QByteArray p = "999900001111,2026-03-01T00:00:00Z,2026-04-01T00:00:00Z,";
    const QByteArray d1 = "2026-03-04T00:00:00Z,2026-03-04T01:00:00Z,", d2 = "2026-03-05T10:00:00Z,2026-03-05T11:00:00Z,";
    QByteArray t = header;
    t += p + "111122223333,Usage," + d1 + "AmazonS3,USE1-Requests-Tier1,PutObject,acme-logs,20000,USD,0.1,Requests,"
                                           "Amazon Simple Storage Service\n";
    t += p + "111122223333,Usage," + d1 + "AmazonS3,USE1-Requests-Tier1,PutObject,acme-logs,10000,USD,0.05,Requests,"
                                           "Amazon Simple Storage Service\n";
    t += p + "111122223333,Usage," + d1 + "AmazonS3,USE1-Requests-Tier2,GetObject,acme-logs,50000,USD,0.02,Requests,"
                                           "Amazon Simple Storage Service\n";
    t += p + "111122223333,Usage," + d2 + "AmazonS3,USE1-TimedStorage-ByteHrs,StandardStorage,acme-logs,12.5,USD,"
                                           "0.2875,GB-Mo,Amazon Simple Storage Service\n";
    t += p + "111122223333,Usage," + d2 + "AmazonS3,USE1-DataTransfer-Out-Bytes,GetObject,acme-logs,3,USD,0.27,GB,"
                                           "Amazon Simple Storage Service\n";
    t += p + "444455556666,Usage," + d2 + "AmazonRedshift,USE1-Node:dc2.large,RunComputeNode:0001,"
                                           "arn:aws:redshift:us-east-1:444455556666:cluster:dw,2,USD,0.5,Hrs,"
                                           "Amazon Redshift\n";
    t += p + "444455556666,Usage," + d2 + "AmazonRedshift,USE1-ServerlessUsage,,"
                                           "arn:aws:redshift-serverless:us-east-1:444455556666:workgroup/wg1,"
                                           "7.5,USD,2.8125,RPU-Hr,Amazon Redshift\n";
    t += p + "111122223333,Usage," + d1 + "AmazonEC2,USE1-BoxUsage:m5.large,RunInstances,i-0abc,24,USD,2.304,Hrs,"
                                           "Amazon Elastic Compute Cloud\n";
    t += p + "111122223333,Tax," + d1 + "AmazonS3,,,,0,USD,0.03,,Amazon Simple Storage Service\n";
    return t;
}

int64_t scalar(costscope::store::CostStore &s, const QString &sql)
{
    costscope::store::Statement st(s.db(), sql);
    return st.next() ? st.columnInt(0) : -1;
}

// Imports file into a new workspace in dir (S3/Redshift usage in parts of partCells); the import
// must fail and leave the workspace as it was. *reportError gets the report's error.
void importFailsAndWritesNothing(const QTemporaryDir &dir, const QString &file, size_t partCells,
                                 QString *reportError)
{
    store::CostStore s;
    QString error;
    QVERIFY2(s.open(dir.filePath(QStringLiteral("w.costscope")), &error), qPrintable(error));
    const QByteArray before = testsupport::dumpStore(s.db());
    store::CostWriter writer(s);
    import::FileImporter importer(writer);
    importer.setSaasPartCells(partCells);
    const ImportFileReport report = importer.importFile(file);
    QVERIFY(!report.ok);
    *reportError = report.error;
    QCOMPARE(testsupport::dumpStore(s.db()), before);
}

} // namespace

void TestAwsSaasUsage::curImport_data()
{
    QTest::addColumn<bool>("legacy");
    QTest::newRow("legacy") << true;
    QTest::newRow("snake_case") << false;
}

void TestAwsSaasUsage::curImport()
{
    QFETCH(bool, legacy);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("cur.csv"));
    QVERIFY(testsupport::writeFile(file, curText(legacy)));
    store::CostStore s;
    QString error;
    QVERIFY2(s.open(dir.filePath(QStringLiteral("w.costscope")), &error), qPrintable(error));
    store::CostWriter writer(s);
    import::FileImporter importer(writer);
    const ImportFileReport report = importer.importFile(file);
    QVERIFY2(report.ok, qPrintable(report.error));
    QCOMPARE(report.rows, qint64(9));
    // 2026-03-04 = day 20516, 2026-03-05 = 20517.
    QCOMPARE(scalar(s, QStringLiteral("SELECT count(*) FROM saas_usage_daily")), qint64(6));
    QCOMPARE(scalar(s, QStringLiteral("SELECT CAST(quantity AS INTEGER) * 1000 + cost / 1000000 FROM saas_usage_daily "
                                      "WHERE service = 'S3' AND usage_type = 'requests-tier1' AND day = 20516 "
                                      "AND entity = 'acme-logs' AND entity_kind = 'bucket' AND account = '111122223333'")),
             qint64(30000 * 1000 + 150)); // 20000 + 10000 requests, 0.10 + 0.05 USD
    QCOMPARE(scalar(s, QStringLiteral("SELECT CAST(quantity AS INTEGER) FROM saas_usage_daily WHERE usage_type = "
                                      "'bytes-out' AND day = 20517")),
             qint64(3LL * 1024 * 1024 * 1024));
    QCOMPARE(scalar(s, QStringLiteral("SELECT cost FROM saas_usage_daily WHERE usage_type = 'storage'")),
             qint64(287'500'000));
    QCOMPARE(scalar(s, QStringLiteral("SELECT cost FROM saas_usage_daily WHERE service = 'Redshift' AND "
                                      "entity_kind = 'cluster' AND usage_type = 'node-hours' AND unit = 'hours' "
                                      "AND account = '444455556666'")),
             qint64(500'000'000));
    QCOMPARE(scalar(s, QStringLiteral("SELECT cost FROM saas_usage_daily WHERE entity_kind = 'workgroup' AND "
                                      "usage_type = 'rpu-hours' AND CAST(quantity * 10 AS INTEGER) = 75")),
             qint64(2'812'500'000));
    QCOMPARE(scalar(s, QStringLiteral("SELECT count(DISTINCT source) FROM saas_usage_daily "
                                      "WHERE source = 'import:cur.csv'")),
             qint64(1));
    // The S3 usage cost equals the S3 usage line items (the tax line is not usage).
    QCOMPARE(scalar(s, QStringLiteral("SELECT sum(cost) FROM saas_usage_daily WHERE service = 'S3'")),
             qint64(727'500'000));

    // A second import of a restated file replaces the period's rows, not adds to them.
    QByteArray restated = curText(legacy);
    restated.replace(",0.1,Requests", ",0.2,Requests");
    const QString file2 = dir.filePath(QStringLiteral("cur-restated.csv"));
    QVERIFY(testsupport::writeFile(file2, restated));
    const ImportFileReport again = importer.importFile(file2);
    QVERIFY2(again.ok, qPrintable(again.error));
    QCOMPARE(scalar(s, QStringLiteral("SELECT count(*) FROM saas_usage_daily")), qint64(6));
    QCOMPARE(scalar(s, QStringLiteral("SELECT sum(cost) FROM saas_usage_daily WHERE service = 'S3'")),
             qint64(827'500'000));
}

void TestAwsSaasUsage::brokenCurWritesNothing()
{
    QTemporaryDir dir;
    QByteArray text = curText(false);
    text += "999900001111,2026-03-01T00:00:00Z,2026-04-01T00:00:00Z,111122223333,Usage,2026-03-06T00:00:00Z,"
            "2026-03-06T01:00:00Z,AmazonS3,USE1-Requests-Tier1,PutObject,acme-logs,5,USD,not-a-number,Requests,S3\n";
    const QString file = dir.filePath(QStringLiteral("broken.csv"));
    QVERIFY(testsupport::writeFile(file, text));
    QString error;
    importFailsAndWritesNothing(dir, file, import::FileImporter::kSaasPartCells, &error);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(error.contains(QStringLiteral("line 11")), qPrintable(error));
}

// The public legacy CUR sample: every S3 usage line lands in the saas table, so its cost there
// equals the S3 usage line items' billed cost (an independent sum over the same file).
void TestAwsSaasUsage::sampleCurMatchesLineItems()
{
    QTemporaryDir dir;
    store::CostStore s;
    QString error;
    QVERIFY2(s.open(dir.filePath(QStringLiteral("w.costscope")), &error), qPrintable(error));
    store::CostWriter writer(s);
    import::FileImporter importer(writer);
    const ImportFileReport report
        = importer.importFile(QStringLiteral(COSTSCOPE_TEST_DATA "/import/aws/cur_legacy_sample.csv"));
    QVERIFY2(report.ok, qPrintable(report.error));
    const int64_t saas = scalar(s, QStringLiteral("SELECT sum(cost) FROM saas_usage_daily WHERE service = 'S3'"));
    const int64_t lines = scalar(s, QStringLiteral(
        "SELECT sum(li.billed) FROM line_item li JOIN str sv ON sv.id = li.service "
        "WHERE sv.s = 'Amazon Simple Storage Service' AND li.charge_category = 0"));
    QVERIFY(saas > 0);
    QCOMPARE(saas, lines);
    QVERIFY(scalar(s, QStringLiteral("SELECT count(*) FROM saas_usage_daily WHERE usage_type = 'requests-tier2'")) > 0);
    QVERIFY(scalar(s, QStringLiteral("SELECT count(*) FROM saas_usage_daily WHERE usage_type = 'storage-glacier'")) > 0);
}

namespace {

// A CUR of 360 S3 and Redshift usage lines (and some EC2 lines) over 6 days, 4 buckets, 2
// accounts and 5 usage types: 108 (day, entity, usage type) cells, each come back to 120 lines
// later, so a small part bound splits every cell over several parts. Costs are
// decimals of up to 4 places; quantities are multiples of 1/4, so their double sums are exact
// in any grouping and the tables can be compared byte for byte. shift restates the costs.
QByteArray manyCellsCur(int shift)
{
    QByteArray t = "line_item_usage_account_id,bill_payer_account_id,bill_billing_period_start_date,"
                   "bill_billing_period_end_date,line_item_line_item_type,line_item_usage_start_date,"
                   "line_item_usage_end_date,line_item_product_code,line_item_usage_type,line_item_operation,"
                   "line_item_resource_id,line_item_usage_amount,line_item_currency_code,line_item_unblended_cost,"
                   "pricing_unit\n";
    const char *const types[] = {"USE1-Requests-Tier1", "USE1-Requests-Tier2", "USE1-TimedStorage-ByteHrs",
                                 "USE1-DataTransfer-Out-Bytes", "USE1-Node:dc2.large"};
    const char *const units[] = {"Requests", "Requests", "GB-Mo", "GB", "Hrs"};
    for (int i = 0; i < 400; ++i) {
        const int cell = i % 120, day = 1 + cell % 6, bucket = (cell / 6) % 4, type = (cell / 24) % 5;
        const QByteArray account = i % 2 ? "111122223333" : "444455556666";
        const bool ec2 = i % 10 == 9;
        const QByteArray date = QByteArray("2026-03-0") + QByteArray::number(day);
        const QByteArray product = ec2 ? "AmazonEC2" : type == 4 ? "AmazonRedshift" : "AmazonS3";
        const QByteArray resource = ec2 ? "i-0abc"
                                    : type == 4 ? "arn:aws:redshift:us-east-1:1:cluster:dw" + QByteArray::number(bucket)
                                    : bucket == 3 ? QByteArray() // no bucket: the account's own usage
                                                  : "bucket-" + QByteArray::number(bucket);
        t += account + ",999900001111,2026-03-01T00:00:00Z,2026-04-01T00:00:00Z,Usage," + date + "T0"
             + QByteArray::number(i % 10) + ":00:00Z," + date + "T0" + QByteArray::number(i % 10) + ":59:59Z,"
             + product + "," + (ec2 ? QByteArray("USE1-BoxUsage:m5.large") : QByteArray(types[type]))
             + ",Op," + resource + "," + QByteArray::number(0.25 * (1 + (i * 13) % 37)) + ",USD,"
             + QByteArray::number(1 + i % 7 + shift) + "." + QByteArray::number(1000 + (i * 37) % 9000) + ","
             + (ec2 ? "Hrs" : units[type]) + "\n";
    }
    return t;
}

// Imports files, in order, into a fresh store at dbPath with the given part
// bound; the whole saas_usage_daily table in key order, or empty on failure.
QByteArray importedSaasTable(const QString &dbPath, const QStringList &files, size_t partCells,
                             int64_t *saasRowsWritten = nullptr)
{
    store::CostStore s;
    QString error;
    if (!s.open(dbPath, &error))
        return {};
    store::CostWriter writer(s);
    import::FileImporter importer(writer);
    importer.setSaasPartCells(partCells);
    for (const QString &file : files) {
        const ImportFileReport report = importer.importFile(file);
        if (!report.ok) {
            qWarning().noquote() << report.error;
            return {};
        }
    }
    if (saasRowsWritten)
        *saasRowsWritten = writer.summary().saasRows;
    QByteArray out;
    store::Statement st(s.db(), "SELECT service, account, day, entity_kind, entity, usage_type, quantity, unit, cost, "
                                "currency, source FROM saas_usage_daily ORDER BY 1, 2, 3, 4, 5, 6");
    while (st.next()) {
        for (int c = 0; c < 11; ++c)
            out += (c == 6 ? QByteArray::number(st.columnDouble(c), 'g', 17) : st.columnText(c).toUtf8()) + '|';
        out += '\n';
    }
    return out;
}

} // namespace

void TestAwsSaasUsage::partsGiveTheRowsOfOneBatch_data()
{
    QTest::addColumn<qulonglong>("partCells");
    QTest::addColumn<bool>("parted"); // whether the bound is reached (then more rows are written than kept)
    QTest::newRow("1 cell") << qulonglong(1) << true;
    QTest::newRow("2 cells") << qulonglong(2) << true;
    QTest::newRow("7 cells") << qulonglong(7) << true;
    QTest::newRow("50 cells") << qulonglong(50) << true;
    QTest::newRow("above the file") << qulonglong(100'000) << false;
}

// The gather handed to the writer in parts (a tiny bound) gives exactly the table of one batch
// per service, account and period, for a first import and for a restated file replacing it.
void TestAwsSaasUsage::partsGiveTheRowsOfOneBatch()
{
    QFETCH(qulonglong, partCells);
    QFETCH(bool, parted);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("cur.csv")), restated = dir.filePath(QStringLiteral("cur2.csv"));
    QVERIFY(testsupport::writeFile(file, manyCellsCur(0)));
    QVERIFY(testsupport::writeFile(restated, manyCellsCur(3)));
    const size_t unbounded = std::numeric_limits<size_t>::max();

    const QByteArray whole = importedSaasTable(dir.filePath(QStringLiteral("a.db")), {file}, unbounded);
    QVERIFY(!whole.isEmpty());
    int64_t written = 0;
    const QByteArray parts = importedSaasTable(dir.filePath(QStringLiteral("b.db")), {file}, partCells, &written);
    QCOMPARE(parts, whole);
    const qsizetype rows = whole.count('\n');
    QCOMPARE(rows, qsizetype(108));
    if (parted)
        QVERIFY2(written > rows, qPrintable(QStringLiteral("%1 written, %2 kept").arg(written).arg(rows)));
    else
        QCOMPARE(written, int64_t(rows));

    // A restated file replaces the period's rows (cleared once, before its first part).
    const QByteArray wholeRestated = importedSaasTable(dir.filePath(QStringLiteral("c.db")), {restated}, unbounded);
    QVERIFY(!wholeRestated.isEmpty());
    QVERIFY(wholeRestated != whole);
    QCOMPARE(importedSaasTable(dir.filePath(QStringLiteral("d.db")), {file, restated}, partCells), wholeRestated);
}

void TestAwsSaasUsage::partSumsOutOfRangeFail_data()
{
    QTest::addColumn<qulonglong>("partCells");
    QTest::newRow("one batch") << qulonglong(std::numeric_limits<size_t>::max());
    QTest::newRow("a part per line") << qulonglong(1);
}

// Two lines of one cell whose quantities are each a finite double but add up to infinity: the
// sum is refused whether it is taken in the reader (one batch) or by the writer (two parts), and
// nothing is imported.
void TestAwsSaasUsage::partSumsOutOfRangeFail()
{
    QFETCH(qulonglong, partCells);
    QTemporaryDir dir;
    QByteArray text = curText(false);
    const QByteArray line = "999900001111,2026-03-01T00:00:00Z,2026-04-01T00:00:00Z,111122223333,Usage,"
                            "2026-03-06T00:00:00Z,2026-03-06T01:00:00Z,AmazonS3,USE1-Requests-Tier1,PutObject,"
                            "huge,1.5e308,USD,0.01,Requests,Amazon Simple Storage Service\n";
    text += line + line;
    const QString file = dir.filePath(QStringLiteral("huge.csv"));
    QVERIFY(testsupport::writeFile(file, text));
    QString error;
    importFailsAndWritesNothing(dir, file, partCells, &error);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(error.contains(QStringLiteral("S3 usage of account 111122223333")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestAwsSaasUsage)
#include "TestAwsSaasUsage.moc"
