#include "StoreTestSupport.h"

#include "model/report/Csv.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "support/RunCli.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace costscope;
using costscope::testsupport::CliResult;
using costscope::testsupport::runCli;

namespace {

QString s(const char *text) { return QString::fromUtf8(text); }

// The command that (re)writes the reference files: the test itself, told to write instead of compare.
const char *const kRegenerate =
    "COSTSCOPE_UPDATE_GOLDEN=1 ctest --test-dir <build dir> -R TestExportGolden";

// RFC 4180 records: quoted cells may hold commas, doubled quotes and line breaks; CRLF ends a record.
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> records;
    QStringList record;
    QString cell;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text[i + 1] == u'"') {
                cell += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            record << cell;
            cell.clear();
        } else if (c == u'\r' && i + 1 < text.size() && text[i + 1] == u'\n') {
            record << cell;
            cell.clear();
            records << record;
            record.clear();
            ++i;
        } else {
            cell += c;
        }
    }
    return records;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestExportGolden : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void golden_data();
    void golden();
    void hostileCellsNeutralised();
    void recommendationsHaveCurrency();
    void badArguments_data();
    void badArguments();

private:
    QTemporaryDir m_dir;
    QString m_demo;
};

void TestExportGolden::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_demo = m_dir.filePath(s("demo.costscope"));
    const CliResult r = runCli({s("demo"), s("--workspace"), m_demo, s("--seed"), s("7"), s("--months"), s("2"),
                                s("--end"), s("2026-03-20")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
}

void TestExportGolden::golden_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("reference");
    QTest::newRow("dashboard") << QStringList{s("--view"), s("dashboard")} << s("dashboard.csv");
    QTest::newRow("dashboard by service")
        << QStringList{s("--view"), s("dashboard"), s("--by"), s("service")} << s("dashboard-by-service.csv");
    QTest::newRow("explorer by month and account")
        << QStringList{s("--view"), s("explorer"), s("--from"), s("2026-02-01"), s("--to"), s("2026-03-21"), s("--by"),
                       s("account"), s("--by"), s("month")}
        << s("explorer-account-month.csv");
    // Money as plain decimals with the currency column (empty for a resource-count anomaly).
    QTest::newRow("budgets") << QStringList{s("--view"), s("budgets"), s("--month"), s("2026-03")} << s("budgets.csv");
    QTest::newRow("anomalies") << QStringList{s("--view"), s("anomalies")} << s("anomalies.csv");
}

void TestExportGolden::golden()
{
    QFETCH(QStringList, options);
    QFETCH(QString, reference);
    const QString file = m_dir.filePath(reference);
    const CliResult r = runCli(QStringList{s("export"), s("--workspace"), m_demo, s("--csv"), file} + options);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.err.isEmpty());
    const QByteArray actual = readAll(file);
    QVERIFY(!actual.isEmpty());
    // RFC 4180: every line ends in CRLF; the header names a currency column.
    QVERIFY(actual.endsWith("\r\n"));
    QVERIFY(actual.left(actual.indexOf("\r\n")).endsWith(",currency"));

    const QString refPath = s(COSTSCOPE_TEST_DATA "/golden/") + reference;
    if (qEnvironmentVariableIsSet("COSTSCOPE_UPDATE_GOLDEN")) {
        QFile f(refPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(actual), actual.size());
        return;
    }
    QVERIFY2(QFile::exists(refPath),
             qPrintable(s("missing reference %1; write it with: %2").arg(refPath, s(kRegenerate))));
    const QByteArray expected = readAll(refPath);
    QVERIFY2(actual == expected,
             qPrintable(s("%1 differs from the export:\n%2\nIf the change is intended, rewrite it with: %3")
                            .arg(refPath, QString::fromUtf8(actual), s(kRegenerate))));
}

void TestExportGolden::hostileCellsNeutralised()
{
    const QString path = m_dir.filePath(s("hostile.costscope"));
    {
        store::CostStore store;
        QString error;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        store::CostWriter w(store);
        QVERIFY2(w.begin(testsupport::source(s("hostile")), &error), qPrintable(error));
        CostBatch b = testsupport::makeBatch(s("AWS"), s("111"), QDate(2026, 3, 1));
        b.rows.push_back(testsupport::makeRow(QDate(2026, 3, 2), "12.5", s("=HYPERLINK(\"http://x\",\"y\")"),
                                              s("us-east-1"), s("111"), s("i-1"),
                                              Tags{{s("team"), s("=cmd|' /C calc'!A0")}}));
        b.rows.push_back(testsupport::makeRow(QDate(2026, 3, 3), "7.25", s("@SUM(A1)"), s("us-east-1"), s("111"),
                                              s("i-2"), Tags{{s("team"), s("+1-2")}}));
        QVERIFY2(w.add(b, &error), qPrintable(error));
        QVERIFY2(w.commit(&error), qPrintable(error));
    }
    const QString byTag = m_dir.filePath(s("tag.csv"));
    CliResult r = runCli({s("export"), s("--workspace"), path, s("--csv"), byTag, s("--view"), s("explorer"),
                          s("--from"), s("2026-03-01"), s("--to"), s("2026-04-01"), s("--by"), s("tag:team")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    // Computed by hand: larger group first, each value behind an apostrophe, quoted where RFC 4180 asks.
    QCOMPARE(readAll(byTag), QByteArray("team,cost,currency\r\n"
                                        "'=cmd|' /C calc'!A0,12.50,USD\r\n"
                                        "'+1-2,7.25,USD\r\n"));
    const QString byService = m_dir.filePath(s("service.csv"));
    r = runCli({s("export"), s("--workspace"), path, s("--csv"), byService, s("--view"), s("dashboard"), s("--by"),
                s("service")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(readAll(byService), QByteArray("service,cost,currency\r\n"
                                            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",12.50,USD\r\n"
                                            "'@SUM(A1),7.25,USD\r\n"));
}

// No golden file: the recommendation rules look at the current time. The columns are checked instead.
void TestExportGolden::recommendationsHaveCurrency()
{
    const QString file = m_dir.filePath(s("recommendations.csv"));
    const CliResult r =
        runCli({s("export"), s("--workspace"), m_demo, s("--csv"), file, s("--view"), s("recommendations")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QByteArray bytes = readAll(file);
    QVERIFY(bytes.endsWith("\r\n"));
    const QList<QStringList> records = parseCsv(QString::fromUtf8(bytes));
    QVERIFY(records.size() > 2); // the demo always has findings
    QCOMPARE(records.front(), (QStringList{s("module"), s("resource"), s("name"), s("saving/month"), s("finding"),
                                           s("dismissed"), s("currency")}));
    for (qsizetype i = 1; i < records.size(); ++i) {
        const QStringList &cells = records[i];
        QCOMPARE(cells.size(), 7); // names and findings may hold commas (a query's SQL): they are quoted
        QCOMPARE(cells[5], s("no"));
        QCOMPARE(cells[6], s("USD"));
        bool ok = false;
        cells[3].toDouble(&ok);
        QVERIFY2(ok, qPrintable(cells.join(u'|')));
    }
}

void TestExportGolden::badArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("rc");
    QTest::addColumn<QString>("error");
    QTest::newRow("unknown view") << QStringList{s("--csv"), s("x.csv"), s("--view"), s("pie")} << 2
                                  << s("costscope: export: unknown view 'pie' (dashboard, explorer, resources, "
                                       "recommendations, budgets, anomalies, forecast)\n");
    QTest::newRow("no view") << QStringList{s("--csv"), s("x.csv")} << 2
                             << s("costscope: export: unknown view '' (dashboard, explorer, resources, "
                                  "recommendations, budgets, anomalies, forecast)\n");
    QTest::newRow("no file") << QStringList{s("--view"), s("explorer")} << 2
                             << s("costscope: export: --csv FILE is required\n");
    QTest::newRow("bad by") << QStringList{s("--csv"), s("x.csv"), s("--view"), s("explorer"), s("--by"), s("colour")}
                            << 2
                            << s("costscope: summary: unknown --by 'colour' (provider, account, service, region, "
                                 "resource, tag:KEY, day, month)\n");
}

void TestExportGolden::badArguments()
{
    QFETCH(QStringList, args);
    QFETCH(int, rc);
    QFETCH(QString, error);
    const QString file = m_dir.filePath(s("x.csv"));
    for (QString &a : args)
        if (a == u"x.csv")
            a = file;
    const CliResult r = runCli(QStringList{s("export"), s("--workspace"), m_demo} + args);
    QCOMPARE(r.code, rc);
    QCOMPARE(r.err, error);
    QVERIFY(!QFile::exists(file)); // nothing written on failure
}

QTEST_GUILESS_MAIN(TestExportGolden)
#include "TestExportGolden.moc"
