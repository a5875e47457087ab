#include "StoreTestSupport.h"

#include "app/CommandLine.h"
#include "model/CurrencyRates.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "model/store/CurrencyRateStore.h"
#include "support/RunCli.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace costscope;
using namespace costscope::store;
using namespace costscope::testsupport;

namespace {

using Expected = QMap<QString, QString>; // group key or period -> cost

// USD (the main currency: AWS 111, 100.00 on 10 February and on 10 March) and EUR (Azure 222,
// 40.00 on 10 February, 50.00 on 10 March). EUR->USD 1.1 and USD->EUR 0.8, both from 1 March:
// February has no rate either way. withResources: the rows name their sub-account and resource
// (111 i-usd, 222 vm-eur).
bool writeTwoCurrencies(const QString &path, bool withResources, QString *error)
{
    CostStore store;
    if (!store.open(path, error))
        return false;
    std::vector<CostBatch> batches;
    for (const QDate &month : {QDate(2026, 2, 1), QDate(2026, 3, 1)}) {
        CostBatch usd = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), month);
        usd.rows.push_back(makeRow(month.addDays(9), "100", QStringLiteral("EC2"), QStringLiteral("us-east-1"),
                                   withResources ? QStringLiteral("111") : QString(),
                                   withResources ? QStringLiteral("i-usd") : QString()));
        CostBatch eur = makeBatch(QStringLiteral("Azure"), QStringLiteral("222"), month);
        eur.currency = QStringLiteral("EUR");
        eur.rows.push_back(makeRow(month.addDays(9), month.month() == 2 ? "40" : "50",
                                   QStringLiteral("Virtual Machines"), QStringLiteral("westeurope"),
                                   withResources ? QStringLiteral("222") : QString(),
                                   withResources ? QStringLiteral("vm-eur") : QString()));
        batches.push_back(usd);
        batches.push_back(eur);
    }
    CostWriter w(store);
    const QString name = withResources ? QStringLiteral("resources in two currencies") : QStringLiteral("two currencies");
    if (!w.write(source(name), batches, error))
        return false;
    const QDate march(2026, 3, 1);
    return CurrencyRateStore(store).replaceAll(
        {currencyRate("EUR", "USD", "1.1", march), currencyRate("USD", "EUR", "0.8", march)}, error);
}

} // namespace

class TestCommandLine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();

    void version();
    void help_data();
    void help();
    void unknownVerb();
    void badOptions_data();
    void badOptions();
    void unknownOptionOnEveryVerb_data();
    void unknownOptionOnEveryVerb();
    void summaryJson_data();
    void summaryJson();
    void summaryCsv();
    void summaryTable();
    void summaryDefaultRange();
    void summaryNotAWorkspace_data();
    void summaryNotAWorkspace();
    void summaryTwoCurrencies_data();
    void summaryTwoCurrencies();
    void summaryTwoCurrenciesText();
    void exportTwoCurrencies();
    void allocationTwoCurrencies_data();
    void allocationTwoCurrencies();
    void resourcesTwoCurrencies_data();
    void resourcesTwoCurrencies();
    void demo();

private:
    QStringList withWorkspace(QStringList args) const
    {
        return args << QStringLiteral("--workspace") << m_workspace;
    }

    QStringList withTwoCurrencies(QStringList args) const
    {
        return args << QStringLiteral("--workspace") << m_twoCurrencies;
    }

    QTemporaryDir m_dir;
    QString m_workspace;
    QString m_twoCurrencies; // writeTwoCurrencies() without resources
};

void TestCommandLine::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_workspace = m_dir.filePath(QStringLiteral("cli.costscope"));
    CostStore store;
    QString error;
    QVERIFY2(store.open(m_workspace, &error), qPrintable(error));

    const QDate jan(2026, 1, 1), feb(2026, 2, 1);
    const Tags web{{QStringLiteral("team"), QStringLiteral("web")}};
    const Tags formula{{QStringLiteral("team"), QStringLiteral("=cmd()")}};
    CostBatch aws = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), jan);
    aws.billingAccountName = QStringLiteral("Payer");
    aws.rows.push_back(makeRow(QDate(2026, 1, 5), "10.25", QStringLiteral("EC2"), QStringLiteral("us-east-1"), {},
                               QStringLiteral("i-1"), web));
    aws.rows.push_back(makeRow(QDate(2026, 1, 5), "0.004", QStringLiteral("EC2"), QStringLiteral("us-east-1"), {},
                               QStringLiteral("i-1"), web));
    aws.rows.push_back(makeRow(QDate(2026, 1, 6), "2.50", QStringLiteral("S3"), QStringLiteral("us-east-1"), {},
                               QStringLiteral("bucket-1"), formula));
    CostRow dev = makeRow(QDate(2026, 1, 20), "0.10", QStringLiteral("EC2"), QStringLiteral("eu-west-1"),
                          QStringLiteral("222"), QStringLiteral("i-2"));
    dev.subAccountName = QStringLiteral("Dev, Team \"X\"");
    aws.rows.push_back(dev);
    CostBatch gcp = makeBatch(QStringLiteral("GCP"), QStringLiteral("g-1"), feb);
    gcp.rows.push_back(makeRow(feb, "5", QStringLiteral("BigQuery"), QString()));
    CostWriter w(store);
    QVERIFY2(w.write(source(QStringLiteral("cli fixture")), {aws, gcp}, &error), qPrintable(error));

    m_twoCurrencies = m_dir.filePath(QStringLiteral("two.costscope"));
    QVERIFY2(writeTwoCurrencies(m_twoCurrencies, false, &error), qPrintable(error));
}

void TestCommandLine::version()
{
    const CliResult r = runCli({QStringLiteral("--version")});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, QStringLiteral("costscope " COSTSCOPE_VERSION "\n"));
    QVERIFY(r.err.isEmpty());
}

void TestCommandLine::help_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("--help") << QStringList{QStringLiteral("--help")};
    QTest::newRow("-h") << QStringList{QStringLiteral("-h")};
    QTest::newRow("help verb") << QStringList{QStringLiteral("help")};
    QTest::newRow("verb --help") << QStringList{QStringLiteral("summary"), QStringLiteral("--help")};
}

void TestCommandLine::help()
{
    QFETCH(QStringList, args);
    QVERIFY(app::isCommandLineInvocation(args));
    const CliResult r = runCli(args);
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.startsWith(QStringLiteral("Usage: costscope")));
    QVERIFY(r.out.contains(QStringLiteral("summary")));
    QVERIFY(r.out.contains(QStringLiteral("--format table|csv|json")));
    QVERIFY(r.err.isEmpty());
}

void TestCommandLine::unknownVerb()
{
    const CliResult r = runCli({QStringLiteral("frobnicate"), QStringLiteral("--workspace"), m_workspace});
    QCOMPARE(r.code, 2);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(r.err.count(u'\n'), 1);
    QVERIFY(r.err.endsWith(u'\n'));
    QVERIFY2(r.err.contains(QStringLiteral("unknown verb 'frobnicate'")), qPrintable(r.err));
    QVERIFY(!app::isCommandLineInvocation({}));
    QVERIFY(app::isCommandLineInvocation({QStringLiteral("summary")}));
}

void TestCommandLine::badOptions_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString summary = QStringLiteral("summary");
    QTest::newRow("format xml") << QStringList{summary, QStringLiteral("--format"), QStringLiteral("xml")}
                                << QStringLiteral("--format must be table, csv or json");
    QTest::newRow("format=xml") << QStringList{summary, QStringLiteral("--format=xml")} << QStringLiteral("--format");
    QTest::newRow("month 13") << QStringList{summary, QStringLiteral("--from"), QStringLiteral("2026-13-01")}
                              << QStringLiteral("--from must be a date");
    QTest::newRow("short date") << QStringList{summary, QStringLiteral("--from"), QStringLiteral("2026-1-1")}
                                << QStringLiteral("--from must be a date");
    QTest::newRow("February 30") << QStringList{summary, QStringLiteral("--to"), QStringLiteral("2026-02-30")}
                                 << QStringLiteral("--to must be a date");
    QTest::newRow("word date") << QStringList{summary, QStringLiteral("--to"), QStringLiteral("yesterday")}
                               << QStringLiteral("--to must be a date");
    QTest::newRow("to before from") << QStringList{summary, QStringLiteral("--from"), QStringLiteral("2026-03-01"),
                                                   QStringLiteral("--to"), QStringLiteral("2026-01-01")}
                                    << QStringLiteral("--to must be after --from");
    QTest::newRow("empty range") << QStringList{summary, QStringLiteral("--from"), QStringLiteral("2026-01-01"),
                                                QStringLiteral("--to"), QStringLiteral("2026-01-01")}
                                 << QStringLiteral("--to must be after --from");
    QTest::newRow("missing value") << QStringList{summary, QStringLiteral("--from")}
                                   << QStringLiteral("option --from needs a value");
    QTest::newRow("unknown by") << QStringList{summary, QStringLiteral("--by"), QStringLiteral("colour")}
                                << QStringLiteral("unknown --by 'colour'");
    QTest::newRow("tag without key") << QStringList{summary, QStringLiteral("--by"), QStringLiteral("tag")}
                                     << QStringLiteral("unknown --by 'tag'");
    QTest::newRow("two dimensions") << QStringList{summary, QStringLiteral("--by"), QStringLiteral("service"),
                                                   QStringLiteral("--by"), QStringLiteral("region")}
                                    << QStringLiteral("one dimension at a time");
    QTest::newRow("demo months 0") << QStringList{QStringLiteral("demo"), QStringLiteral("--months"), QStringLiteral("0")}
                                   << QStringLiteral("--months must be between 1 and 60");
    QTest::newRow("demo scale word") << QStringList{QStringLiteral("demo"), QStringLiteral("--scale"), QStringLiteral("big")}
                                     << QStringLiteral("--scale must be a number");
    QTest::newRow("demo seed negative") << QStringList{QStringLiteral("demo"), QStringLiteral("--seed"), QStringLiteral("-1")}
                                        << QStringLiteral("--seed must be a whole number");
    QTest::newRow("demo bad end") << QStringList{QStringLiteral("demo"), QStringLiteral("--end"), QStringLiteral("2026-02-31")}
                                  << QStringLiteral("--end must be a date");
}

void TestCommandLine::badOptions()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    // Bad options are refused before anything is opened: no workspace appears.
    const QString fresh = m_dir.filePath(QStringLiteral("never-created.costscope"));
    const CliResult r = runCli(QStringList{QStringLiteral("--workspace"), fresh} + args);
    QCOMPARE(r.code, 2);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(r.err.count(u'\n'), 1);
    QVERIFY(r.err.startsWith(QStringLiteral("costscope: ")));
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(!QFile::exists(fresh));
}

// Every verb refuses an option it does not read (a typo like --fromat) and arguments it does not
// take, with one line naming both, exit code 2, before the workspace is opened or anything runs.
void TestCommandLine::unknownOptionOnEveryVerb_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString bogus = QStringLiteral("--fromat");
    const QString json = QStringLiteral("json");
    auto unknown = [](const QString &verb, const QString &option) -> QString {
        return QStringLiteral("costscope %1: unknown option --%2 (see costscope %1 --help)\n").arg(verb, option);
    };
    for (const char *verb : {"demo", "summary", "resources", "recommendations", "anomalies", "forecast", "allocation",
                             "budgets", "report", "sync", "tracking-server", "leaderboard"}) {
        const QString v = QString::fromLatin1(verb);
        QTest::newRow(verb) << QStringList{v, bogus, json} << unknown(v, QStringLiteral("fromat"));
    }
    // Verbs with sub-verbs or arguments: the typo is refused all the same.
    QTest::newRow("import") << QStringList{QStringLiteral("import"), bogus, json, QStringLiteral("x.csv")}
                            << unknown(QStringLiteral("import"), QStringLiteral("fromat"));
    QTest::newRow("catalog refresh") << QStringList{QStringLiteral("catalog"), QStringLiteral("refresh"), bogus, json}
                                     << unknown(QStringLiteral("catalog"), QStringLiteral("fromat"));
    QTest::newRow("accounts add") << QStringList{QStringLiteral("accounts"), QStringLiteral("add"), QStringLiteral("--provider"),
                                                 QStringLiteral("aws"), QStringLiteral("--name"), QStringLiteral("a"), bogus, json}
                                  << unknown(QStringLiteral("accounts"), QStringLiteral("fromat"));
    QTest::newRow("accounts list") << QStringList{QStringLiteral("accounts"), QStringLiteral("list"), bogus, json}
                                   << unknown(QStringLiteral("accounts"), QStringLiteral("fromat"));
    QTest::newRow("runs import") << QStringList{QStringLiteral("runs"), QStringLiteral("import"), QStringLiteral("mlruns"), bogus, json}
                                 << unknown(QStringLiteral("runs"), QStringLiteral("fromat"));
    QTest::newRow("sweep list") << QStringList{QStringLiteral("sweep"), QStringLiteral("list"), bogus, json}
                                << unknown(QStringLiteral("sweep"), QStringLiteral("fromat"));
    QTest::newRow("export") << QStringList{QStringLiteral("export"), QStringLiteral("--csv"), QStringLiteral("x.csv"),
                                           QStringLiteral("--view"), QStringLiteral("dashboard"), bogus, json}
                            << unknown(QStringLiteral("export"), QStringLiteral("fromat"));
    QTest::newRow("option=value form") << QStringList{QStringLiteral("summary"), QStringLiteral("--fromat=json")}
                                       << unknown(QStringLiteral("summary"), QStringLiteral("fromat"));
    QTest::newRow("flag form") << QStringList{QStringLiteral("budgets"), QStringLiteral("--all")}
                               << unknown(QStringLiteral("budgets"), QStringLiteral("all"));
    // Another verb's option is not this verb's.
    QTest::newRow("report --by") << QStringList{QStringLiteral("report"), QStringLiteral("--pdf"), QStringLiteral("r.pdf"),
                                                QStringLiteral("--by"), QStringLiteral("provider")}
                                 << unknown(QStringLiteral("report"), QStringLiteral("by"));
    QTest::newRow("export dashboard --provider")
        << QStringList{QStringLiteral("export"), QStringLiteral("--csv"), QStringLiteral("x.csv"), QStringLiteral("--view"),
                       QStringLiteral("dashboard"), QStringLiteral("--provider"), QStringLiteral("aws")}
        << unknown(QStringLiteral("export"), QStringLiteral("provider"));
    // Stray arguments.
    QTest::newRow("summary stray") << QStringList{QStringLiteral("summary"), QStringLiteral("provider")}
                                   << QStringLiteral("costscope summary: unexpected argument 'provider' (see costscope summary --help)\n");
    QTest::newRow("report stray") << QStringList{QStringLiteral("report"), QStringLiteral("--pdf"), QStringLiteral("r.pdf"),
                                                 QStringLiteral("2026-03")}
                                  << QStringLiteral("costscope report: unexpected argument '2026-03' (see costscope report --help)\n");
    QTest::newRow("demo stray") << QStringList{QStringLiteral("demo"), QStringLiteral("now")}
                                << QStringLiteral("costscope demo: unexpected argument 'now' (see costscope demo --help)\n");
}

void TestCommandLine::unknownOptionOnEveryVerb()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const QString fresh = m_dir.filePath(QStringLiteral("typo.costscope"));
    const CliResult r = runCli(QStringList{QStringLiteral("--workspace"), fresh} + args);
    QCOMPARE(r.err, message);
    QCOMPARE(r.code, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY(!QFile::exists(fresh));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("x.csv"))));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("r.pdf"))));
}

void TestCommandLine::summaryJson_data()
{
    QTest::addColumn<QStringList>("by");
    QTest::addColumn<QString>("rowKey"); // "key" or "period"
    QTest::addColumn<Expected>("expected");
    QTest::addColumn<QString>("groupLabel"); // the label of the first expected group, when checked
    QTest::newRow("total") << QStringList{} << QString() << Expected{{QString(), QStringLiteral("17.85")}} << QString();
    QTest::newRow("provider") << QStringList{QStringLiteral("provider")} << QStringLiteral("key")
                              << Expected{{QStringLiteral("AWS"), QStringLiteral("12.85")},
                                          {QStringLiteral("GCP"), QStringLiteral("5.00")}}
                              << QStringLiteral("AWS");
    QTest::newRow("account") << QStringList{QStringLiteral("account")} << QStringLiteral("key")
                             << Expected{{QStringLiteral("111"), QStringLiteral("12.75")},
                                         {QStringLiteral("g-1"), QStringLiteral("5.00")},
                                         {QStringLiteral("222"), QStringLiteral("0.10")}}
                             << QStringLiteral("Payer (111)");
    QTest::newRow("service") << QStringList{QStringLiteral("service")} << QStringLiteral("key")
                             << Expected{{QStringLiteral("EC2"), QStringLiteral("10.35")},
                                         {QStringLiteral("BigQuery"), QStringLiteral("5.00")},
                                         {QStringLiteral("S3"), QStringLiteral("2.50")}}
                             << QStringLiteral("EC2");
    QTest::newRow("region") << QStringList{QStringLiteral("region")} << QStringLiteral("key")
                            << Expected{{QStringLiteral("us-east-1"), QStringLiteral("12.75")},
                                        {QString(), QStringLiteral("5.00")},
                                        {QStringLiteral("eu-west-1"), QStringLiteral("0.10")}}
                            << QStringLiteral("us-east-1");
    QTest::newRow("resource") << QStringList{QStringLiteral("resource")} << QStringLiteral("key")
                              << Expected{{QStringLiteral("i-1"), QStringLiteral("10.25")},
                                          {QString(), QStringLiteral("5.00")},
                                          {QStringLiteral("bucket-1"), QStringLiteral("2.50")},
                                          {QStringLiteral("i-2"), QStringLiteral("0.10")}}
                              << QStringLiteral("i-1");
    QTest::newRow("tag:team") << QStringList{QStringLiteral("tag:team")} << QStringLiteral("key")
                              << Expected{{QStringLiteral("web"), QStringLiteral("10.25")},
                                          {QString(), QStringLiteral("5.10")},
                                          {QStringLiteral("=cmd()"), QStringLiteral("2.50")}}
                              << QStringLiteral("web");
    QTest::newRow("month") << QStringList{QStringLiteral("month")} << QStringLiteral("period")
                           << Expected{{QStringLiteral("2026-01"), QStringLiteral("12.85")},
                                       {QStringLiteral("2026-02"), QStringLiteral("5.00")}}
                           << QString();
    QTest::newRow("day") << QStringList{QStringLiteral("day")} << QStringLiteral("period")
                         << Expected{{QStringLiteral("2026-01-05"), QStringLiteral("10.25")},
                                     {QStringLiteral("2026-01-06"), QStringLiteral("2.50")},
                                     {QStringLiteral("2026-01-20"), QStringLiteral("0.10")},
                                     {QStringLiteral("2026-02-01"), QStringLiteral("5.00")}}
                         << QString();
}

void TestCommandLine::summaryJson()
{
    QFETCH(QStringList, by);
    QFETCH(QString, rowKey);
    QFETCH(Expected, expected);
    QFETCH(QString, groupLabel);
    QStringList args{QStringLiteral("summary"), QStringLiteral("--from"), QStringLiteral("2026-01-01"),
                     QStringLiteral("--to"), QStringLiteral("2026-03-01"), QStringLiteral("--format"),
                     QStringLiteral("json")};
    for (const QString &b : by)
        args << QStringLiteral("--by") << b;
    const CliResult r = runCli(withWorkspace(args));
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &parseError);
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    const QJsonObject o = doc.object();
    QCOMPARE(o.value(QStringLiteral("total")).toString(), QStringLiteral("17.85"));
    QCOMPARE(o.value(QStringLiteral("currency")).toString(), QStringLiteral("USD"));
    QCOMPARE(o.value(QStringLiteral("from")).toString(), QStringLiteral("2026-01-01"));
    QCOMPARE(o.value(QStringLiteral("to")).toString(), QStringLiteral("2026-03-01"));
    Expected got;
    QString firstLabel;
    for (const QJsonValue &v : o.value(QStringLiteral("rows")).toArray()) {
        const QJsonObject row = v.toObject();
        QVERIFY(row.value(QStringLiteral("cost")).isString()); // money is a decimal string
        QCOMPARE(row.value(QStringLiteral("currency")).toString(), QStringLiteral("USD"));
        const QString key = rowKey.isEmpty() ? QString() : row.value(rowKey).toString();
        QVERIFY2(!got.contains(key), qPrintable(key));
        got.insert(key, row.value(QStringLiteral("cost")).toString());
        if (firstLabel.isEmpty())
            firstLabel = row.value(QStringLiteral("group")).toString();
    }
    QCOMPARE(got, expected);
    if (!groupLabel.isEmpty())
        QCOMPARE(firstLabel, groupLabel); // largest first
}

void TestCommandLine::summaryCsv()
{
    const QStringList base{QStringLiteral("summary"), QStringLiteral("--from"), QStringLiteral("2026-01-01"),
                           QStringLiteral("--to"), QStringLiteral("2026-03-01"), QStringLiteral("--format"),
                           QStringLiteral("csv"), QStringLiteral("--by")};
    CliResult r = runCli(withWorkspace(base + QStringList{QStringLiteral("tag:team")}));
    QCOMPARE(r.code, 0);
    // A tag value a spreadsheet would run as a formula gets a leading apostrophe.
    QCOMPARE(r.out, QStringLiteral("team,cost,currency\r\n"
                                   "web,10.25,USD\r\n"
                                   "(untagged),5.10,USD\r\n"
                                   "'=cmd(),2.50,USD\r\n"));
    r = runCli(withWorkspace(base + QStringList{QStringLiteral("account")}));
    QCOMPARE(r.code, 0);
    // Commas and quotes are quoted as RFC 4180 says.
    QCOMPARE(r.out, QStringLiteral("account,cost,currency\r\n"
                                   "Payer (111),12.75,USD\r\n"
                                   "g-1 name (g-1),5.00,USD\r\n"
                                   "\"Dev, Team \"\"X\"\" (222)\",0.10,USD\r\n"));
    r = runCli(withWorkspace(base + QStringList{QStringLiteral("month")}));
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, QStringLiteral("period,cost,currency\r\n2026-01,12.85,USD\r\n2026-02,5.00,USD\r\n"));
}

void TestCommandLine::summaryTable()
{
    const CliResult r = runCli(withWorkspace({QStringLiteral("summary"), QStringLiteral("--from"), QStringLiteral("2026-01-01"),
                                              QStringLiteral("--to"), QStringLiteral("2026-03-01"), QStringLiteral("--by"),
                                              QStringLiteral("service")}));
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QStringLiteral("Cost from 2026-01-01 to 2026-03-01 (exclusive)")), qPrintable(r.out));
    QVERIFY(r.out.contains(QStringLiteral("\nTotal: 17.85 USD\n")));
    const QStringList lines = r.out.split(u'\n');
    const qsizetype header = lines.indexOf(QStringLiteral("service    cost  currency"));
    QVERIFY2(header >= 0, qPrintable(r.out));
    QCOMPARE(lines.mid(header + 1, 3), (QStringList{QStringLiteral("EC2       10.35  USD"),
                                                    QStringLiteral("BigQuery   5.00  USD"),
                                                    QStringLiteral("S3         2.50  USD")}));
}

void TestCommandLine::summaryDefaultRange()
{
    // Without dates: the month of the last day with data, up to that day.
    const CliResult r = runCli(withWorkspace({QStringLiteral("summary"), QStringLiteral("--format"), QStringLiteral("json")}));
    QCOMPARE(r.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(o.value(QStringLiteral("from")).toString(), QStringLiteral("2026-02-01"));
    QCOMPARE(o.value(QStringLiteral("to")).toString(), QStringLiteral("2026-02-02"));
    QCOMPARE(o.value(QStringLiteral("total")).toString(), QStringLiteral("5.00"));
}

void TestCommandLine::summaryNotAWorkspace_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QTest::newRow("text") << QByteArray("date,cost\n2026-01-01,5\n").repeated(10)
                          << QStringLiteral("not a Costscope workspace");
    QTest::newRow("binary") << QByteArray(4096, '\x7f') << QStringLiteral("not a Costscope workspace");
}

void TestCommandLine::summaryNotAWorkspace()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    const QString p = m_dir.filePath(QStringLiteral("notes.txt"));
    {
        QFile f(p);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(content);
    }
    const QByteArray before = fileSha256(p);
    const CliResult r = runCli({QStringLiteral("summary"), QStringLiteral("--workspace"), p});
    QCOMPARE(r.code, 1);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(r.err.count(u'\n'), 1);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QCOMPARE(fileSha256(p), before);
}

void TestCommandLine::summaryTwoCurrencies_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("total");
    QTest::addColumn<QString>("csv");      // the same question as --format csv
    QTest::addColumn<QString>("missing");  // the JSON "unconverted" list: currency amount months; ...
    const QStringList range{QStringLiteral("--from"), QStringLiteral("2026-02-01"), QStringLiteral("--to"),
                            QStringLiteral("2026-04-01")};
    const QString by = QStringLiteral("--by");
    // By hand. Default (USD): AWS 200.00; Azure's March 50.00 EUR x 1.1 = 55.00; its February
    // 40.00 EUR has no rate: its own row, outside the total 255.00.
    QTest::newRow("default, by provider")
        << (range + QStringList{by, QStringLiteral("provider")}) << QStringLiteral("USD") << QStringLiteral("255.00")
        << QStringLiteral("provider,cost,currency\r\nAWS,200.00,USD\r\nAzure,55.00,USD\r\nAzure,40.00,EUR\r\n")
        << QStringLiteral("EUR 40.00 2026-02");
    QTest::newRow("default, by month")
        << (range + QStringList{by, QStringLiteral("month")}) << QStringLiteral("USD") << QStringLiteral("255.00")
        << QStringLiteral("period,cost,currency\r\n2026-02,100.00,USD\r\n2026-02,40.00,EUR\r\n"
                          "2026-03,155.00,USD\r\n")
        << QStringLiteral("EUR 40.00 2026-02");
    // EUR: Azure 90.00 as billed; AWS's March 100.00 USD x 0.8 = 80.00; February's 100.00 USD
    // has no rate. Total 170.00 EUR.
    QTest::newRow("eur, by account")
        << (range + QStringList{by, QStringLiteral("account"), QStringLiteral("--currency"), QStringLiteral("eur")})
        << QStringLiteral("EUR") << QStringLiteral("170.00")
        << QStringLiteral("account,cost,currency\r\n222 name (222),90.00,EUR\r\n111 name (111),80.00,EUR\r\n"
                          "111 name (111),100.00,USD\r\n")
        << QStringLiteral("USD 100.00 2026-02");
    // GBP: no rate at all: nothing counted, both currencies named, never taken at 1 (rows with
    // no rate come after the converted ones, by currency).
    QTest::newRow("gbp, total")
        << (range + QStringList{QStringLiteral("--currency"), QStringLiteral("GBP")}) << QStringLiteral("GBP")
        << QStringLiteral("0.00") << QStringLiteral("cost,currency\r\n90.00,EUR\r\n200.00,USD\r\n")
        << QStringLiteral("EUR 90.00 2026-02 2026-03; USD 200.00 2026-02 2026-03");
}

void TestCommandLine::summaryTwoCurrencies()
{
    QFETCH(QStringList, args);
    QFETCH(QString, currency);
    QFETCH(QString, total);
    QFETCH(QString, csv);
    QFETCH(QString, missing);
    CliResult r = runCli(withTwoCurrencies(QStringList{QStringLiteral("summary"), QStringLiteral("--format"),
                                                       QStringLiteral("json")}
                                           + args));
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(o.value(QStringLiteral("currency")).toString(), currency);
    QCOMPARE(o.value(QStringLiteral("total")).toString(), total);
    QVERIFY(!o.contains(QStringLiteral("excluded_currencies")));
    QStringList got;
    for (const QJsonValue &v : o.value(QStringLiteral("unconverted")).toArray()) {
        QStringList parts{v[QStringLiteral("currency")].toString(), v[QStringLiteral("amount")].toString()};
        for (const QJsonValue &m : v[QStringLiteral("months")].toArray())
            parts << m.toString();
        got << parts.join(u' ');
    }
    QCOMPARE(got.join(QStringLiteral("; ")), missing);
    // Every row names its currency; the rows with no rate say so and are the only ones not in it.
    for (const QJsonValue &v : o.value(QStringLiteral("rows")).toArray()) {
        const bool inCurrency = v[QStringLiteral("currency")].toString() == currency;
        QCOMPARE(v.toObject().contains(QStringLiteral("converted")), !inCurrency);
    }
    r = runCli(withTwoCurrencies(QStringList{QStringLiteral("summary"), QStringLiteral("--format"), QStringLiteral("csv")}
                                 + args));
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(r.out, csv);
}

void TestCommandLine::summaryTwoCurrenciesText()
{
    CliResult r = runCli(withTwoCurrencies({QStringLiteral("summary"), QStringLiteral("--from"), QStringLiteral("2026-02-01"),
                                            QStringLiteral("--to"), QStringLiteral("2026-04-01")}));
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.endsWith(QStringLiteral("\nTotal: 255.00 USD\nNot counted: 40.00 EUR (no rate to USD for 2026-02)\n")),
             qPrintable(r.out));
    for (const char *bad : {"euro", "=1+1", "12", ""}) {
        r = runCli(withTwoCurrencies({QStringLiteral("summary"), QStringLiteral("--currency"), QString::fromLatin1(bad)}));
        QCOMPARE(r.code, 2);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err, QStringLiteral("costscope: summary: --currency must be a three-letter currency code\n"));
    }
}

void TestCommandLine::exportTwoCurrencies()
{
    // export --view dashboard|explorer take --currency and write what summary prints.
    const QString file = m_dir.filePath(QStringLiteral("two.csv"));
    for (const char *view : {"dashboard", "explorer"}) {
        QFile::remove(file);
        QStringList args{QStringLiteral("export"), QStringLiteral("--csv"), file, QStringLiteral("--view"),
                         QString::fromLatin1(view), QStringLiteral("--from"), QStringLiteral("2026-02-01"),
                         QStringLiteral("--to"), QStringLiteral("2026-04-01"), QStringLiteral("--currency"),
                         QStringLiteral("EUR")};
        if (QByteArrayView(view) == "explorer")
            args << QStringLiteral("--by") << QStringLiteral("month");
        const CliResult r = runCli(withTwoCurrencies(args));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        // By hand: Azure 90.00 EUR; AWS March 80.00 EUR; AWS February 100.00 USD (no rate).
        const QByteArray expected = QByteArrayView(view) == "dashboard"
                                        ? QByteArray("provider,cost,currency\r\nAzure,90.00,EUR\r\nAWS,80.00,EUR\r\n"
                                                     "AWS,100.00,USD\r\n")
                                        : QByteArray("period,cost,currency\r\n2026-02,40.00,EUR\r\n"
                                                     "2026-02,100.00,USD\r\n2026-03,130.00,EUR\r\n");
        QCOMPARE(f.readAll(), expected);
    }
    const CliResult bad = runCli(withTwoCurrencies({QStringLiteral("export"), QStringLiteral("--csv"), file,
                                                    QStringLiteral("--view"), QStringLiteral("dashboard"),
                                                    QStringLiteral("--currency"), QStringLiteral("EURO")}));
    QCOMPARE(bad.code, 2);
    QVERIFY2(bad.err.contains(QStringLiteral("--currency must be a three-letter currency code")), qPrintable(bad.err));
}

void TestCommandLine::allocationTwoCurrencies_data()
{
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("json");  // total_before, total_after, the untagged team's after, the rows not converted
    QTest::addColumn<QString>("csv");
    // No rules and no team tag: every cost is untagged. USD: 200.00 + 50.00 EUR x 1.1 = 255.00;
    // February's 40.00 EUR has no rate: not counted, not split, in its own row.
    QTest::newRow("default USD") << QString() << QStringLiteral("USD 255.00 255.00 255.00 | (untagged) 40.00 EUR")
                                 << QStringLiteral("team,before,after,change,currency\r\n"
                                                   "(untagged),255.00,255.00,0.00,USD\r\n"
                                                   "(untagged),40.00,40.00,0.00,EUR\r\n");
    // EUR: 90.00 + March's 100.00 USD x 0.8 = 170.00; February's 100.00 USD apart.
    QTest::newRow("EUR") << QStringLiteral("EUR") << QStringLiteral("EUR 170.00 170.00 170.00 | (untagged) 100.00 USD")
                         << QStringLiteral("team,before,after,change,currency\r\n"
                                           "(untagged),170.00,170.00,0.00,EUR\r\n"
                                           "(untagged),100.00,100.00,0.00,USD\r\n");
}

void TestCommandLine::allocationTwoCurrencies()
{
    QFETCH(QString, currency);
    QFETCH(QString, json);
    QFETCH(QString, csv);
    QStringList args{QStringLiteral("allocation"), QStringLiteral("--from"), QStringLiteral("2026-02-01"),
                     QStringLiteral("--to"), QStringLiteral("2026-04-01")};
    if (!currency.isEmpty())
        args << QStringLiteral("--currency") << currency;
    CliResult r = runCli(withTwoCurrencies(args + QStringList{QStringLiteral("--format"), QStringLiteral("json")}));
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QStringList got{o[QStringLiteral("currency")].toString(), o[QStringLiteral("total_before")].toString(),
                    o[QStringLiteral("total_after")].toString()};
    const QJsonArray teams = o[QStringLiteral("teams")].toArray();
    QCOMPARE(teams.size(), 1);
    got << teams[0][QStringLiteral("after")].toString() << QStringLiteral("|");
    for (const QJsonValue &v : o[QStringLiteral("not_converted")].toArray())
        got << v[QStringLiteral("team")].toString() << v[QStringLiteral("cost")].toString()
            << v[QStringLiteral("currency")].toString();
    QCOMPARE(got.join(u' '), json);
    r = runCli(withTwoCurrencies(args + QStringList{QStringLiteral("--format"), QStringLiteral("csv")}));
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(r.out, csv);
    r = runCli(withTwoCurrencies(args));
    QVERIFY2(r.out.contains(QStringLiteral("Not counted, not split: ")), qPrintable(r.out));
    r = runCli(withTwoCurrencies({QStringLiteral("allocation"), QStringLiteral("--currency"), QStringLiteral("12")}));
    QCOMPARE(r.code, 2);
    QCOMPARE(r.err, QStringLiteral("costscope: allocation: --currency must be a three-letter currency code\n"));
}

void TestCommandLine::resourcesTwoCurrencies_data()
{
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("json"); // currency, i-usd to date, vm-eur to date | unconverted
    // Resources billed on the 10th of February and of March: i-usd 100 USD each, vm-eur 40 then
    // 50 EUR; EUR->USD 1.1 and USD->EUR 0.8 from 1 March only.
    // USD (main): i-usd 200.00; vm-eur 50 x 1.1 = 55.00, February's 40 EUR has no rate.
    QTest::newRow("main currency") << QString() << QStringLiteral("USD 200.00 55.00 | EUR 40.00 2026-02");
    // EUR: i-usd 100 x 0.8 = 80.00 (February's 100 USD has no rate), vm-eur 40 + 50 = 90.00.
    QTest::newRow("EUR") << QStringLiteral("EUR") << QStringLiteral("EUR 80.00 90.00 | USD 100.00 2026-02");
    // GBP: no rate at all; both resources at 0.00, everything named.
    QTest::newRow("GBP") << QStringLiteral("gbp")
                         << QStringLiteral("GBP 0.00 0.00 | EUR 90.00 2026-02,2026-03 USD 200.00 2026-02,2026-03");
}

void TestCommandLine::resourcesTwoCurrencies()
{
    QFETCH(QString, currency);
    QFETCH(QString, json);
    const QString path = m_dir.filePath(QStringLiteral("resources-two.costscope"));
    if (!QFile::exists(path)) {
        QString error;
        QVERIFY2(writeTwoCurrencies(path, true, &error), qPrintable(error));
    }
    QStringList args{QStringLiteral("resources"), QStringLiteral("--workspace"), path};
    if (!currency.isEmpty())
        args << QStringLiteral("--currency") << currency;
    CliResult r = runCli(args + QStringList{QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QMap<QString, QString> toDate;
    for (const QJsonValue &v : o[QStringLiteral("resources")].toArray())
        toDate.insert(v[QStringLiteral("resource_id")].toString(), v[QStringLiteral("cost_to_date")].toString());
    QStringList got{o[QStringLiteral("currency")].toString(), toDate.value(QStringLiteral("i-usd")),
                    toDate.value(QStringLiteral("vm-eur")), QStringLiteral("|")};
    for (const QJsonValue &v : o[QStringLiteral("unconverted")].toArray()) {
        QStringList months;
        for (const QJsonValue &m : v[QStringLiteral("months")].toArray())
            months << m.toString();
        got << v[QStringLiteral("currency")].toString() << v[QStringLiteral("amount")].toString() << months.join(u',');
    }
    QCOMPARE(got.join(u' '), json);
    // The table names what it left out; CSV keeps its rows clean and says so on standard error.
    r = runCli(args);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral("Not counted: ")), qPrintable(r.out));
    r = runCli(args + QStringList{QStringLiteral("--format"), QStringLiteral("csv")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(!r.out.contains(QStringLiteral("Not counted")));
    QVERIFY2(r.err.contains(QStringLiteral("Not counted: ")), qPrintable(r.err));
    r = runCli({QStringLiteral("resources"), QStringLiteral("--workspace"), path, QStringLiteral("--currency"),
                QStringLiteral("12")});
    QCOMPARE(r.code, 2);
    QCOMPARE(r.err, QStringLiteral("costscope: resources: --currency must be a three-letter currency code\n"));
}

void TestCommandLine::demo()
{
    const QString p = m_dir.filePath(QStringLiteral("demo.costscope"));
    CliResult r = runCli({QStringLiteral("demo"), QStringLiteral("--scale"), QStringLiteral("0.01"), QStringLiteral("--months"),
                          QStringLiteral("2"), QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--workspace"), p});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QVERIFY(o.value(QStringLiteral("line_items")).toInteger() > 0);
    const QString billed = o.value(QStringLiteral("billed_cost")).toString();
    QVERIFY(!billed.isEmpty());
    QCOMPARE(o.value(QStringLiteral("currency")).toString(), QStringLiteral("USD"));

    // The summary over all time agrees with what the generator says it wrote.
    r = runCli({QStringLiteral("summary"), QStringLiteral("--from"), QStringLiteral("2000-01-01"), QStringLiteral("--to"),
                QStringLiteral("2100-01-01"), QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--by"),
                QStringLiteral("month"), QStringLiteral("--workspace"), p});
    QCOMPARE(r.code, 0);
    const QJsonObject s = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(s.value(QStringLiteral("total")).toString(), billed);
    const QJsonArray months = s.value(QStringLiteral("rows")).toArray();
    QVERIFY2(months.size() >= 2 && months.size() <= 3, qPrintable(r.out)); // two whole months and the current one
    CostStore store;
    QString error;
    QVERIFY2(store.open(p, &error), qPrintable(error));
    QVERIFY(store.isDemo());
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "TestCommandLine.moc"
