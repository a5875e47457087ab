// costscope sweep plan / list / status as the command line runs them: the catalog price, the
// projected cost worked out by hand, --save, the script, and each argument error.

#include "model/Money.h"
#include "model/ml/RunStore.h"
#include "model/ml/SweepStore.h"
#include "model/store/CostStore.h"
#include "support/RunCli.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace costscope;
using costscope::testsupport::CliResult;
using costscope::testsupport::runCli;

namespace {

QStringList s(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *c : list)
        out << QString::fromUtf8(c);
    return out;
}

} // namespace

class TestSweepCommands : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void planJsonFromCatalog();
    void planTableOverBudget();
    void saveListStatus();
    void scriptFile();
    void errors_data();
    void errors();

private:
    QTemporaryDir m_dir;
    QString m_ws;
};

void TestSweepCommands::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_ws = m_dir.filePath(QStringLiteral("ws.costscope"));
}

void TestSweepCommands::planJsonFromCatalog()
{
    // g5.xlarge is 1.006/h in the bundled catalog: 4 runs x 30 min = 2 h = 2.012.
    const CliResult r = runCli(s({"sweep", "plan", "--experiment", "churn", "--param", "lr=0.1,0.01", "--param", "batch=32,64",
                                  "--instance-type", "g5.xlarge", "--minutes", "30", "--budget", "50", "--command",
                                  "python train.py --lr {lr} --batch {batch}", "--format", "json"})
                               << QStringLiteral("--workspace") << m_ws);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const QJsonObject sweep = o.value(u"sweep").toObject();
    QCOMPARE(sweep.value(u"runs").toInteger(), 4);
    QCOMPARE(sweep.value(u"hourly_price").toString(), QStringLiteral("1.006"));
    QCOMPARE(sweep.value(u"cost_per_run").toString(), QStringLiteral("0.503"));
    QCOMPARE(sweep.value(u"projected_cost").toString(), QStringLiteral("2.012"));
    QCOMPARE(sweep.value(u"over_budget").toBool(), false);
    const QJsonArray runs = o.value(u"runs").toArray();
    QCOMPARE(runs.size(), 4);
    QCOMPARE(runs.at(3).toObject().value(u"command").toString(), QStringLiteral("python train.py --lr 0.01 --batch 64"));
    QCOMPARE(runs.at(0).toObject().value(u"env").toObject().value(u"MLFLOW_EXPERIMENT_NAME").toString(),
             QStringLiteral("churn"));
    // Not saved: nothing in the workspace.
    const CliResult list = runCli({QStringLiteral("sweep"), QStringLiteral("list"), QStringLiteral("--format"),
                                   QStringLiteral("json"), QStringLiteral("--workspace"), m_ws});
    QCOMPARE(list.code, 0);
    QCOMPARE(QJsonDocument::fromJson(list.out.toUtf8()).array().size(), 0);
}

void TestSweepCommands::planTableOverBudget()
{
    // 1e-4..1e-1 x4 log x 3 batches = 12 runs x 90 min x 3.06 (p3.2xlarge) = 55.08 > 50.
    const CliResult r = runCli(s({"sweep", "plan", "--experiment", "churn", "--param", "lr=1e-4..1e-1 x4 log", "--param",
                                  "batch=32,64,128", "--instance-type", "p3.2xlarge", "--minutes", "90", "--budget", "50"})
                               << QStringLiteral("--workspace") << m_ws);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(u"Runs        12"), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"lr: 0.0001, 0.001, 0.01, 0.1 (4)"), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"Projected   55.08 USD of a 50.00 USD budget: OVER BUDGET by 5.08 USD"), qPrintable(r.out));
}

void TestSweepCommands::saveListStatus()
{
    QTemporaryDir dir;
    const QString ws = dir.filePath(QStringLiteral("w.costscope"));
    CliResult r = runCli(s({"sweep", "plan", "--experiment", "vision", "--name", "wd grid", "--param", "wd=0,0.01,0.1",
                            "--instance-type", "custom-gpu", "--hourly-price", "2.40", "--minutes", "20", "--budget", "2",
                            "--save", "--format", "json"})
                         << QStringLiteral("--workspace") << ws);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const qint64 id = QJsonDocument::fromJson(r.out.toUtf8()).object().value(u"sweep").toObject().value(u"id").toInteger();
    QVERIFY(id > 0);
    {
        store::CostStore st;
        QString error;
        QVERIFY(st.open(ws, &error));
        ml::MlError e;
        QVERIFY(ml::RunStore(st.db()).experimentByName(QStringLiteral("vision"), &e)); // made by --save
        const auto plan = ml::SweepStore(st.db()).load(id, &error);
        QVERIFY2(plan, qPrintable(error));
        QCOMPARE(plan->projectedCost(), Money::fromUnits(2) + Money::fromNanos(400'000'000)); // 3 x 20/60 x 2.40
    }
    r = runCli(s({"sweep", "list"}) << QStringLiteral("--workspace") << ws);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(u"wd grid") && r.out.contains(u"planned") && r.out.contains(u"0/3"), qPrintable(r.out));
    r = runCli(s({"sweep", "status"}) << QString::number(id) << QStringLiteral("--workspace") << ws);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(u"Status      planned"), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"Projected   2.4 USD of a 2.00 USD budget"), qPrintable(r.out));
    r = runCli(s({"sweep", "status"}) << QString::number(id) << QStringLiteral("--format") << QStringLiteral("json")
                                      << QStringLiteral("--workspace") << ws);
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(o.value(u"status").toString(), QStringLiteral("planned"));
    QCOMPARE(o.value(u"planned_cost").toString(), QStringLiteral("2.4"));
    QCOMPARE(o.value(u"spent").toString(), QStringLiteral("0"));
    QCOMPARE(o.value(u"runs_planned").toInteger(), 3);
    r = runCli(s({"sweep", "status", "999"}) << QStringLiteral("--workspace") << ws);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(u"no sweep 999"), qPrintable(r.err));
}

void TestSweepCommands::scriptFile()
{
    const QString script = m_dir.filePath(QStringLiteral("sweep.sh"));
    const CliResult r = runCli(s({"sweep", "plan", "--experiment", "churn", "--param", "lr=0.1,it's $(x)", "--instance-type",
                                  "m5.large", "--minutes", "5", "--budget", "1", "--command", "printf '<%s>\\n' {lr}"})
                               << QStringLiteral("--script") << script << QStringLiteral("--workspace") << m_ws);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(QFile::exists(script));
    QProcess sh;
    sh.start(QStringLiteral("/bin/sh"), {script});
    QVERIFY(sh.waitForFinished(20000));
    QCOMPARE(sh.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(sh.readAllStandardOutput()), QStringLiteral("<0.1>\n<it's $(x)>\n"));
}

void TestSweepCommands::errors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    const QStringList base = s({"--experiment", "e", "--param", "lr=1,2", "--instance-type", "g5.xlarge", "--minutes",
                                "30", "--budget", "10"});
    auto without = [&](const char *option) {
        QStringList a = base;
        const qsizetype i = a.indexOf(QString::fromUtf8(option));
        a.remove(i, 2);
        return s({"sweep", "plan"}) + a;
    };
    auto with = [&](QStringList extra) { return s({"sweep", "plan"}) + base + extra; };
    QTest::newRow("no sub-verb") << s({"sweep"}) << 2 << QStringLiteral("plan, list or status");
    QTest::newRow("unknown sub-verb") << s({"sweep", "run"}) << 2 << QStringLiteral("plan, list or status");
    QTest::newRow("no experiment") << without("--experiment") << 2 << QStringLiteral("--experiment");
    QTest::newRow("no param") << without("--param") << 2 << QStringLiteral("--param");
    QTest::newRow("no type") << without("--instance-type") << 2 << QStringLiteral("--instance-type");
    QTest::newRow("no minutes") << without("--minutes") << 2 << QStringLiteral("--minutes");
    QTest::newRow("no budget") << without("--budget") << 2 << QStringLiteral("--budget");
    QTest::newRow("bad param") << with(s({"--param", "x"})) << 2 << QStringLiteral("NAME=VALUES");
    QTest::newRow("bad range") << with(s({"--param", "y=0..1 x3 log"})) << 2 << QStringLiteral("above 0");
    QTest::newRow("negative minutes") << (without("--minutes") << QStringLiteral("--minutes") << QStringLiteral("-5"))
                                      << 2 << QStringLiteral("--minutes");
    QTest::newRow("nan minutes") << (without("--minutes") << QStringLiteral("--minutes") << QStringLiteral("nan"))
                                 << 2 << QStringLiteral("--minutes");
    QTest::newRow("zero budget") << (without("--budget") << QStringLiteral("--budget") << QStringLiteral("0")) << 2
                                 << QStringLiteral("--budget");
    QTest::newRow("text budget") << (without("--budget") << QStringLiteral("--budget") << QStringLiteral("lots")) << 2
                                 << QStringLiteral("--budget");
    QTest::newRow("unknown type") << (without("--instance-type") << QStringLiteral("--instance-type")
                                                                 << QStringLiteral("x9.huge"))
                                  << 2 << QStringLiteral("--hourly-price");
    QTest::newRow("bad price") << with(s({"--hourly-price", "-1"})) << 2 << QStringLiteral("--hourly-price");
    QTest::newRow("unknown placeholder") << with(s({"--command", "python t.py {momentum}"})) << 2
                                         << QStringLiteral("{momentum}");
    QTest::newRow("too many runs") << with(s({"--param", "a=1..200 x200", "--param", "b=1..200 x200"})) << 2
                                   << QStringLiteral("more than 10000");
    QTest::newRow("status without id") << s({"sweep", "status"}) << 2 << QStringLiteral("needs a sweep id");
    QTest::newRow("status bad id") << s({"sweep", "status", "x; rm"}) << 2 << QStringLiteral("not a sweep id");
}

void TestSweepCommands::errors()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, message);
    const CliResult r = runCli(args << QStringLiteral("--workspace") << m_ws);
    QCOMPARE(r.code, code);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QCOMPARE(r.err.count(u'\n'), 1); // one line
}

QTEST_MAIN(TestSweepCommands)
#include "TestSweepCommands.moc"
