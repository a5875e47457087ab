// The importer's contract beyond single samples: format variants (CUR snake_case and 2.0,
// Azure MCA and legacy, GCP credits, FOCUS with BOM/CRLF), idempotence, replacement of a
// billing period by a newer file, gzip, CUR manifests and folders.

#include "ImportTestSupport.h"
#include "StoreTestSupport.h"
#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "providers/import/FileImportService.h"
#include "providers/import/FileImporter.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace costscope;

class TestImportFormats : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void variants_data();
    void variants();
    void reimportChangesNothing();
    void newerFileReplacesPeriod();
    void gzipEqualsPlain();
    void manifestImportsItsParts();
    void folderRecursively();
    void focusQuirksMatchPlain();
    void focusExtrasKept();
    void amortizedCost();
};

namespace {

QString dataPath(const QString &rel) { return QStringLiteral(COSTSCOPE_TEST_DATA "/import/") + rel; }

struct Imported
{
    ImportFileReport report;
    QMap<QString, int64_t> billed;    // account|period -> billed nanos
    QMap<QString, int64_t> effective; // total effective per account|period (from the rollups)
    int64_t lineItems = 0;
};

Imported importInto(const QString &workspace, const QString &file)
{
    Imported out;
    store::CostStore store;
    if (!store.open(workspace))
        return out;
    store::CostWriter writer(store);
    import::FileImporter importer(writer);
    out.report = importer.importFile(file);
    store::CostQuery query(store);
    for (const store::PeriodInfo &p : query.periods())
        out.billed[p.account + u'|' + p.start.toString(Qt::ISODate)] += p.billedNanos;
    out.lineItems = query.lineItemCount();
    store::Statement st(store.db(), "SELECT s.s, p.period_start, sum(r.effective) FROM rollup_daily r "
                                    "JOIN billing_period p ON p.id = r.period_id JOIN str s ON s.id = p.account "
                                    "GROUP BY 1, 2");
    while (st.next())
        out.effective[st.columnText(0) + u'|' + dateFromDayNumber(static_cast<int32_t>(st.columnInt(1))).toString(Qt::ISODate)] =
            st.columnInt(2);
    return out;
}

int64_t nanos(const char *text) { return Money::parse(QByteArrayView(text))->nanos(); }

} // namespace

void TestImportFormats::variants_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("billed");
    QTest::addColumn<int>("rows");

    QTest::newRow("CUR snake_case (Athena)")
        << QByteArray("identity_line_item_id,bill_payer_account_id,bill_billing_period_start_date,"
                      "bill_billing_period_end_date,line_item_usage_account_id,line_item_line_item_type,"
                      "line_item_usage_start_date,line_item_usage_end_date,line_item_product_code,"
                      "line_item_unblended_cost,pricing_public_on_demand_cost,resource_tags_user_team\n"
                      "1,111,2024-03-01T00:00:00Z,2024-04-01T00:00:00Z,222,Usage,2024-03-02T00:00:00Z,"
                      "2024-03-02T01:00:00Z,AmazonEC2,0.0104,0.0104,web\n"
                      "2,111,2024-03-01T00:00:00Z,2024-04-01T00:00:00Z,222,Tax,2024-03-01T00:00:00Z,"
                      "2024-04-01T00:00:00Z,AmazonEC2,1.2E-5,,\n")
        << QStringLiteral("AWS CUR (snake_case)") << QStringLiteral("111|2024-03-01") << QStringLiteral("0.010412") << 2;
    QTest::newRow("CUR 2.0 with map columns")
        << QByteArray("bill_payer_account_id,bill_billing_period_start_date,bill_billing_period_end_date,"
                      "line_item_line_item_type,line_item_usage_start_date,line_item_unblended_cost,"
                      "line_item_net_unblended_cost,product,resource_tags\n"
                      "111,2024-03-01T00:00:00.000Z,2024-04-01T00:00:00.000Z,Usage,2024-03-05T00:00:00.000Z,2.5,2.25,"
                      "\"{\"\"product_name\"\":\"\"Amazon S3\"\"}\",\"{\"\"user_team\"\":\"\"data\"\"}\"\n"
                      "111,2024-03-01T00:00:00.000Z,2024-04-01T00:00:00.000Z,Credit,2024-03-05T00:00:00.000Z,-0.5,-0.5,{},{}\n")
        << QStringLiteral("AWS CUR 2.0") << QStringLiteral("111|2024-03-01") << QStringLiteral("2.0") << 2;
    QTest::newRow("Azure MCA camelCase")
        << QByteArray("billingAccountId,billingAccountName,billingPeriodStartDate,billingPeriodEndDate,date,"
                      "costInBillingCurrency,billingCurrency,subscriptionId,meterCategory,chargeType,tags\n"
                      "BA1,Contoso,2024-02-01,2024-02-29,02/10/2024,10.123456789,EUR,sub1,Storage,Usage,"
                      "\"{\"\"env\"\":\"\"prod\"\"}\"\n"
                      "BA1,Contoso,2024-02-01,2024-02-29,02/29/2024,0.876543211,EUR,sub1,Storage,Purchase,\n")
        << QStringLiteral("Azure MCA cost details") << QStringLiteral("BA1|2024-02-01") << QStringLiteral("11") << 2;
    QTest::newRow("Azure legacy usage details")
        << QByteArray("SubscriptionGuid,UsageDateTime,MeterCategory,PreTaxCost,Currency,Tags\n"
                      "sub-9,2019-07-31T00:00:00Z,Virtual Machines,1.5,USD,\"{\"\"a\"\":\"\"b\"\"}\"\n"
                      "sub-9,2019-08-01T00:00:00Z,Virtual Machines,2.25,USD,\n")
        << QStringLiteral("Azure usage details (legacy)") << QStringLiteral("sub-9|2019-08-01") << QStringLiteral("2.25") << 2;
    QTest::newRow("GCP credits become rows")
        << QByteArray("billing_account_id,service.description,sku.description,usage_start_time,usage_end_time,"
                      "project.id,labels,cost,currency,credits,invoice.month,cost_type\n"
                      "AB-1,Compute Engine,N1 core,2022-08-31 23:00:00+00:00,2022-09-01 00:00:00+00:00,p1,"
                      "\"[{\"\"key\"\": \"\"team\"\", \"\"value\"\": \"\"ml\"\"}]\",10.05,USD,"
                      "\"[{\"\"name\"\": \"\"Sustained use\"\", \"\"amount\"\": -1.105, \"\"type\"\": \"\"SUSTAINED_USAGE_DISCOUNT\"\"},"
                      "{\"\"name\"\": \"\"Free tier\"\", \"\"amount\"\": -0.00000001, \"\"type\"\": \"\"FREE_TIER\"\"}]\",202208,regular\n"
                      "AB-1,Compute Engine,Tax,2022-08-31 00:00:00+00:00,2022-09-01 00:00:00+00:00,p1,[],0.5,USD,[],202208,tax\n")
        << QStringLiteral("GCP billing export (standard)") << QStringLiteral("AB-1|2022-08-01") << QStringLiteral("9.44499999")
        << 4;
    QTest::newRow("OCI minimal")
        << QByteArray("lineItem/tenantId,lineItem/intervalUsageStart,lineItem/intervalUsageEnd,cost/myCost,cost/currencyCode\n"
                      "t1,2023-11-13T10:00Z,2023-11-13T11:00Z,0.012264277499950943,USD\n")
        << QStringLiteral("OCI cost report") << QStringLiteral("t1|2023-11-01") << QStringLiteral("0.012264277") << 1;
}

void TestImportFormats::variants()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, format);
    QFETCH(QString, key);
    QFETCH(QString, billed);
    QFETCH(int, rows);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bill.csv"));
    QVERIFY(testsupport::writeFile(path, content));
    const Imported r = importInto(dir.filePath(QStringLiteral("w.db")), path);
    QVERIFY2(r.report.ok, qPrintable(r.report.error));
    QCOMPARE(r.report.format, format);
    QCOMPARE(r.report.rows, rows);
    QCOMPARE(r.lineItems, rows);
    QVERIFY2(r.billed.contains(key), qPrintable(QStringList(r.billed.keys()).join(u' ')));
    QCOMPARE(r.billed.value(key), Money::parse(QStringView(billed))->nanos());
}

void TestImportFormats::reimportChangesNothing()
{
    QTemporaryDir dir;
    const QString ws = dir.filePath(QStringLiteral("w.db"));
    const QString file = dataPath(QStringLiteral("aws/cur_legacy_sample.csv"));
    const Imported first = importInto(ws, file);
    QVERIFY(first.report.ok);
    store::CostStore store;
    QVERIFY(store.open(ws));
    // The first import into an empty workspace worked the digest out while it imported: the
    // source holds the file's SHA-256 all the same.
    QFile bytes(file);
    QVERIFY(bytes.open(QIODevice::ReadOnly));
    QCOMPARE(store.db().queryText("SELECT digest FROM source"),
             QString::fromLatin1(QCryptographicHash::hash(bytes.readAll(), QCryptographicHash::Sha256).toHex()));
    const QByteArray before = testsupport::dumpStore(store.db());
    store::CostWriter writer(store);
    import::FileImporter importer(writer);
    const ImportFileReport again = importer.importFile(file);
    QVERIFY(again.ok);
    QVERIFY(again.unchanged);
    QCOMPARE(testsupport::dumpStore(store.db()), before);
}

void TestImportFormats::newerFileReplacesPeriod()
{
    QTemporaryDir dir;
    const QString ws = dir.filePath(QStringLiteral("w.db"));
    const QByteArray header = "BilledCost,BillingAccountId,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ProviderName\n";
    auto row = [](const char *cost, const char *account, const char *period) -> QByteArray {
        return QByteArray(cost) + ',' + account + ',' + period + "-01," + "," + period + "-02,AWS\n";
    };
    const QString v1 = dir.filePath(QStringLiteral("v1.csv")), v2 = dir.filePath(QStringLiteral("v2.csv"));
    QVERIFY(testsupport::writeFile(v1, header + row("10", "A", "2024-01") + row("5", "A", "2024-01") + row("7", "B", "2024-01")
                                           + row("3", "A", "2024-02")));
    // The restated bill for account A, January only.
    QVERIFY(testsupport::writeFile(v2, header + row("11.5", "A", "2024-01")));
    const Imported a = importInto(ws, v1);
    QVERIFY(a.report.ok);
    QCOMPARE(a.billed.value(QStringLiteral("A|2024-01-01")), nanos("15"));
    const Imported b = importInto(ws, v2);
    QVERIFY2(b.report.ok, qPrintable(b.report.error));
    QCOMPARE(b.billed.value(QStringLiteral("A|2024-01-01")), nanos("11.5"));
    QCOMPARE(b.billed.value(QStringLiteral("B|2024-01-01")), nanos("7"));
    QCOMPARE(b.billed.value(QStringLiteral("A|2024-02-01")), nanos("3"));
    QCOMPARE(b.lineItems, 3);
}

void TestImportFormats::gzipEqualsPlain()
{
    QTemporaryDir dir;
    QFile f(dataPath(QStringLiteral("oci/oci_cost_sample.csv")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString gz = dir.filePath(QStringLiteral("oci.csv.gz"));
    QVERIFY(testsupport::writeFile(gz, testsupport::gzipBytes(f.readAll())));
    const Imported plain = importInto(dir.filePath(QStringLiteral("a.db")), f.fileName());
    const Imported packed = importInto(dir.filePath(QStringLiteral("b.db")), gz);
    QVERIFY2(packed.report.ok, qPrintable(packed.report.error));
    QCOMPARE(packed.report.rows, plain.report.rows);
    QCOMPARE(packed.billed, plain.billed);
}

void TestImportFormats::manifestImportsItsParts()
{
    // A CUR split in two gzip parts named by its manifest: one transaction, one period, both parts.
    QTemporaryDir dir;
    QFile f(dataPath(QStringLiteral("aws/cur_legacy_sample.csv")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArrayList lines = f.readAll().split('\n');
    QByteArray part1 = lines[0] + '\n', part2 = lines[0] + '\n';
    for (qsizetype i = 1; i < lines.size(); ++i)
        if (!lines[i].isEmpty())
            (i < 600 ? part1 : part2) += lines[i] + '\n';
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("20231101-20231201/abc")));
    QVERIFY(testsupport::writeFile(dir.filePath(QStringLiteral("20231101-20231201/abc/report-1.csv.gz")),
                                   testsupport::gzipBytes(part1)));
    QVERIFY(testsupport::writeFile(dir.filePath(QStringLiteral("20231101-20231201/abc/report-2.csv.gz")),
                                   testsupport::gzipBytes(part2)));
    const QString manifest = dir.filePath(QStringLiteral("20231101-20231201/report-Manifest.json"));
    QVERIFY(testsupport::writeFile(manifest, R"({"assemblyId":"abc","reportKeys":[
        "prefix/report/20231101-20231201/abc/report-1.csv.gz",
        "prefix/report/20231101-20231201/abc/report-2.csv.gz"],
        "billingPeriod":{"start":"20231101T000000.000Z","end":"20231201T000000.000Z"}})"));
    const Imported whole = importInto(dir.filePath(QStringLiteral("a.db")), f.fileName());
    import::FileImportService service;
    const auto reports = service.importPaths(dir.filePath(QStringLiteral("b.db")), {dir.path()}, {}, {});
    QCOMPARE(reports.size(), size_t(1)); // the parts go with the manifest, not on their own
    QVERIFY2(reports.front().ok, qPrintable(reports.front().error));
    QCOMPARE(reports.front().rows, whole.report.rows);
    QCOMPARE(reports.front().totalsByAccount, whole.report.totalsByAccount);
}

void TestImportFormats::folderRecursively()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("a/b")));
    QVERIFY(QFile::copy(dataPath(QStringLiteral("gcp/gcp_billing_export_sample.csv")), dir.filePath(QStringLiteral("a/gcp.csv"))));
    QVERIFY(QFile::copy(dataPath(QStringLiteral("oci/oci_cost_sample.csv")), dir.filePath(QStringLiteral("a/b/oci.csv"))));
    QVERIFY(testsupport::writeFile(dir.filePath(QStringLiteral("a/notes.txt")), "not a bill"));
    import::FileImportService service;
    const auto reports = service.importPaths(dir.filePath(QStringLiteral("w.db")), {dir.filePath(QStringLiteral("a"))}, {}, {});
    QCOMPARE(reports.size(), size_t(2));
    for (const auto &r : reports)
        QVERIFY2(r.ok, qPrintable(r.error));
}

void TestImportFormats::focusQuirksMatchPlain()
{
    // The FOCUS sample rewritten with a BOM, CRLF line ends and ISO timestamps with T and Z.
    QTemporaryDir dir;
    QFile f(dataPath(QStringLiteral("focus/focus_sample_1.0.csv")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray text = f.readAll();
    static const QRegularExpression ts(QStringLiteral("\"(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2})\""));
    QString s = QString::fromUtf8(text);
    s.replace(ts, QStringLiteral("\"\\1T\\2Z\""));
    text = "\xEF\xBB\xBF" + s.toUtf8().replace("\n", "\r\n");
    const QString quirky = dir.filePath(QStringLiteral("quirky.csv"));
    QVERIFY(testsupport::writeFile(quirky, text));
    const Imported plain = importInto(dir.filePath(QStringLiteral("a.db")), f.fileName());
    const Imported q = importInto(dir.filePath(QStringLiteral("b.db")), quirky);
    QVERIFY2(q.report.ok, qPrintable(q.report.error));
    QCOMPARE(q.report.rows, 1000);
    QCOMPARE(q.billed, plain.billed);
    QCOMPARE(q.effective, plain.effective);
}

void TestImportFormats::focusExtrasKept()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("x.csv"));
    QVERIFY(testsupport::writeFile(path, "BilledCost,BillingPeriodStart,ChargePeriodStart,ProviderName,x_UsageType,Mystery\n"
                                         "1,2024-05-01,2024-05-03 10:00:00,Microsoft,BoxUsage,?\n"));
    store::CostStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("w.db"))));
    store::CostWriter writer(store);
    import::FileImporter importer(writer);
    const ImportFileReport r = importer.importFile(path);
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY2(r.warnings.join(u'\n').contains(QStringLiteral("columns outside FOCUS ignored: Mystery")),
             qPrintable(r.warnings.join(u'\n')));
    store::Statement st(store.db(), "SELECT k.s, v.s FROM line_item l JOIN kvset_item i ON i.set_id = l.attrset "
                                    "JOIN str k ON k.id = i.key_id JOIN str v ON v.id = i.value_id");
    QVERIFY(st.next());
    QCOMPARE(st.columnText(0), QStringLiteral("x_UsageType"));
    QCOMPARE(st.columnText(1), QStringLiteral("BoxUsage"));
    store::Statement prov(store.db(), "SELECT s.s FROM billing_period p JOIN str s ON s.id = p.provider");
    QVERIFY(prov.next());
    QCOMPARE(prov.columnText(0), canonicalProvider(QStringLiteral("Microsoft")));
}

void TestImportFormats::amortizedCost()
{
    // Effective cost as the FOCUS converters amortise it: SP-covered usage at its effective cost,
    // the SP negation and upfront fee at zero, the recurring fee's unused part, RI usage at the
    // reservation's effective cost, the RI fee's unused part.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cur.csv"));
    const QByteArray header = "bill/PayerAccountId,bill/BillingPeriodStartDate,bill/BillingPeriodEndDate,"
                              "lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UnblendedCost,"
                              "savingsPlan/SavingsPlanEffectiveCost,savingsPlan/TotalCommitmentToDate,"
                              "savingsPlan/UsedCommitment,reservation/EffectiveCost,"
                              "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod,reservation/UnusedRecurringFee\n";
    auto row = [](const char *type, const char *rest) -> QByteArray {
        return QByteArray("9,2024-06-01T00:00:00Z,2024-07-01T00:00:00Z,") + type + ",2024-06-02T00:00:00Z," + rest + '\n';
    };
    QVERIFY(testsupport::writeFile(path, header + row("SavingsPlanCoveredUsage", "1.00,0.60,,,,,")   // eff 0.60
                                             + row("SavingsPlanNegation", "-1.00,,,,,,")           // eff 0
                                             + row("SavingsPlanRecurringFee", "5.00,,5.00,4.25,,,") // eff 0.75
                                             + row("SavingsPlanUpfrontFee", "100,,,,,,")          // eff 0
                                             + row("DiscountedUsage", "0,,,,0.30,,")              // eff 0.30
                                             + row("RIFee", "2.00,,,,,0.10,0.05")                 // eff 0.15
                                             + row("Usage", "0.40,,,,,,")));                      // eff 0.40
    const Imported r = importInto(dir.filePath(QStringLiteral("w.db")), path);
    QVERIFY2(r.report.ok, qPrintable(r.report.error));
    QCOMPARE(r.billed.value(QStringLiteral("9|2024-06-01")), nanos("107.40"));
    QCOMPARE(r.effective.value(QStringLiteral("9|2024-06-01")), nanos("2.20"));
}

QTEST_GUILESS_MAIN(TestImportFormats)
#include "TestImportFormats.moc"
