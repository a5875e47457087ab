// Every public sample in tests/data/import is imported into a fresh workspace and its billed
// cost per billing account and billing period is compared with an independent decimal sum
// (tests/data/import/expected_totals.py: Python's csv module and decimal.Decimal).

#include "ImportTestSupport.h"
#include "model/Money.h"
#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"
#include "providers/import/FileImportService.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace costscope;

class TestImportSamples : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void samples_data();
    void samples();
    void brokenSpecExamples_data();
    void brokenSpecExamples();
};

namespace {

QString dataPath(const QString &rel) { return QStringLiteral(COSTSCOPE_TEST_DATA "/import/") + rel; }

QJsonObject expectedTotals(const QString &path)
{
    QProcess py;
    py.start(QStringLiteral("python3"), {dataPath(QStringLiteral("expected_totals.py")), path});
    if (!py.waitForFinished(60000) || py.exitCode() != 0) {
        qWarning() << py.readAllStandardError();
        return {};
    }
    return QJsonDocument::fromJson(py.readAllStandardOutput()).object();
}

} // namespace

void TestImportSamples::samples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("rows");
    QTest::newRow("FOCUS 1.0 sample") << QStringLiteral("focus/focus_sample_1.0.csv") << QStringLiteral("FOCUS 1.0") << 1000;
    QTest::newRow("AWS CUR legacy") << QStringLiteral("aws/cur_legacy_sample.csv") << QStringLiteral("AWS CUR (legacy)") << 1281;
    QTest::newRow("Azure EA") << QStringLiteral("azure/ea_export_sample.csv") << QStringLiteral("Azure cost details (EA/v2)") << 27;
    QTest::newRow("Azure v2") << QStringLiteral("azure/azure_cost_details_v2_sample.csv")
                              << QStringLiteral("Azure cost details (EA/v2)") << 5;
    QTest::newRow("GCP") << QStringLiteral("gcp/gcp_billing_export_sample.csv") << QStringLiteral("GCP billing export (detailed)") << 9;
    QTest::newRow("OCI") << QStringLiteral("oci/oci_cost_sample.csv") << QStringLiteral("OCI cost report") << 506;
    // The FOCUS 1.2 specification's examples that hold valid dates.
    const QDir dir(dataPath(QStringLiteral("focus/spec-1.2-examples")));
    for (const QString &name : dir.entryList({QStringLiteral("*.csv")}, QDir::Files, QDir::Name)) {
        if (name.startsWith(QStringLiteral("commitment_discount_purchase_scenario_2"))
            || name.startsWith(QStringLiteral("commitment_discount_purchase_scenario_3")))
            continue; // see brokenSpecExamples
        QTest::newRow(qPrintable(name)) << QStringLiteral("focus/spec-1.2-examples/") + name << QString() << -1;
    }
}

void TestImportSamples::samples()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    QFETCH(int, rows);
    const QString path = dataPath(file);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString workspace = dir.filePath(QStringLiteral("w.db"));

    import::FileImportService service;
    const auto reports = service.importPaths(workspace, {path}, {}, {});
    QCOMPARE(reports.size(), size_t(1));
    const ImportFileReport &report = reports.front();
    QVERIFY2(report.ok, qPrintable(report.error));
    QVERIFY(!report.unchanged);
    if (!format.isEmpty())
        QCOMPARE(report.format, format);
    else
        QVERIFY(report.format.startsWith(QStringLiteral("FOCUS 1.")));
    if (rows >= 0)
        QCOMPARE(report.rows, rows);

    const QJsonObject expected = expectedTotals(path);
    QVERIFY(!expected.isEmpty());

    store::CostStore store;
    QVERIFY(store.open(workspace));
    store::CostQuery query(store);
    QMap<QString, int64_t> actual;
    for (const store::PeriodInfo &p : query.periods())
        actual[p.account + u'|' + p.start.toString(Qt::ISODate)] += p.billedNanos;
    QCOMPARE(QStringList(actual.keys()), expected.keys());
    for (auto it = actual.cbegin(); it != actual.cend(); ++it) {
        const QJsonObject e = expected.value(it.key()).toObject();
        const QString cents = Money::fromNanos(it.value()).roundedToCents().toString(2);
        QCOMPARE(cents, e.value(QStringLiteral("cents")).toString());
        // Where the source has at most nine decimals the sum is exact to the nano.
        const QString exact = e.value(QStringLiteral("exact")).toString();
        const qsizetype point = exact.indexOf(u'.');
        if (!exact.contains(u'E') && (point < 0 || exact.size() - point - 1 <= 9))
            QCOMPARE(it.value(), Money::parse(QStringView(exact))->nanos());
    }
    // The report's totals agree with the store.
    int64_t reportTotal = 0, storeTotal = 0;
    for (const auto &t : report.totalsByAccount)
        reportTotal += Money::parse(QStringView(t.second))->nanos();
    for (int64_t v : actual)
        storeTotal += v;
    QCOMPARE(reportTotal, storeTotal);
    QCOMPARE(query.lineItemCount(), report.rows);
}

void TestImportSamples::brokenSpecExamples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("error");
    // These two examples of the specification write an hour 30 ("2023-02-01T30:00:00Z"), an
    // impossible time: the importer refuses them and names the cell.
    QTest::newRow("purchase scenario 2")
        << QStringLiteral("focus/spec-1.2-examples/commitment_discount_purchase_scenario_2.csv")
        << QStringLiteral("commitment_discount_purchase_scenario_2.csv: line 4, column 4 (ChargePeriodEnd): expected a date");
    QTest::newRow("purchase scenario 3")
        << QStringLiteral("focus/spec-1.2-examples/commitment_discount_purchase_scenario_3.csv")
        << QStringLiteral("commitment_discount_purchase_scenario_3.csv: line 5, column 4 (ChargePeriodEnd): expected a date");
}

void TestImportSamples::brokenSpecExamples()
{
    QFETCH(QString, file);
    QFETCH(QString, error);
    QTemporaryDir dir;
    import::FileImportService service;
    const auto reports = service.importPaths(dir.filePath(QStringLiteral("w.db")), {dataPath(file)}, {}, {});
    QCOMPARE(reports.size(), size_t(1));
    QVERIFY(!reports.front().ok);
    QVERIFY2(reports.front().error.contains(error), qPrintable(reports.front().error));
    QVERIFY(reports.front().error.contains(QStringLiteral("2023-02-01T30:00:00Z")));
    store::CostStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("w.db"))));
    QCOMPARE(store::CostQuery(store).lineItemCount(), 0);
}

QTEST_GUILESS_MAIN(TestImportSamples)
#include "TestImportSamples.moc"
