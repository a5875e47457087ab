// costscope leaderboard as the command line runs it: JSON ranks and costs, argument errors.

#include "app/CommandLine.h"
#include "model/Money.h"
#include "model/ml/RunStore.h"
#include "model/store/CostStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace costscope;
using namespace costscope::ml;

namespace {

struct Result
{
    int code = -1;
    QString out;
    QString err;
};

Result run(const QStringList &args)
{
    Result r;
    QTextStream out(&r.out);
    QTextStream err(&r.err);
    r.code = app::runCommandLine(args, out, err);
    out.flush();
    err.flush();
    return r;
}

constexpr int64_t kStart = 1'700'000'000'000; // 2023-11-14 22:13:20 UTC
constexpr int64_t kHour = 3'600'000;

} // namespace

class TestLeaderboardCommands : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void json();
    void directionMinAndCsv();
    void errors_data();
    void errors();
    void demoWorkspace();

private:
    QTemporaryDir m_dir;
    QString m_ws;
};

void TestLeaderboardCommands::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_ws = m_dir.filePath(QStringLiteral("lb.costscope"));
    store::CostStore store;
    QString error;
    QVERIFY2(store.open(m_ws, &error), qPrintable(error));
    RunStore runs(store.db());
    MlError e;
    const auto exp = runs.createExperiment(QStringLiteral("exp"), {}, {}, &e);
    QVERIFY2(exp, qPrintable(e.message));
    // The experiment's primary metric: acc, higher is better.
    QVERIFY(store.db().exec("UPDATE ml_experiment SET primary_metric = 'acc', maximize = 1 WHERE name = 'exp'"));
    // r1: acc 0.90, 1 h on an m5.large (bundled catalog 0.096/h) -> ~0.096
    // r2: acc 0.95, 2 h on an m5.large -> ~0.192
    // r3: no acc, no machine
    struct Spec { const char *name; double acc; int hours; bool machine; };
    for (const Spec &s : {Spec{"r1", 0.90, 1, true}, Spec{"r2", 0.95, 2, true}, Spec{"r3", -1, 1, false}}) {
        KeyValues tags;
        if (s.machine)
            tags.append({QStringLiteral("costscope.instance_type"), QStringLiteral("m5.large")});
        const auto r = runs.createRun(NewRun{*exp, QStringLiteral("u"), kStart, QLatin1String(s.name), tags}, &e);
        QVERIFY2(r, qPrintable(e.message));
        if (s.acc >= 0)
            QVERIFY(runs.logMetric(r->info.runId, Metric{QStringLiteral("acc"), s.acc, kStart, 1}, &e));
        QVERIFY(runs.logMetric(r->info.runId, Metric{QStringLiteral("loss"), 1.0 / s.hours, kStart, 1}, &e));
        QVERIFY(runs.updateRun(r->info.runId, QStringLiteral("FINISHED"), kStart + s.hours * kHour, std::nullopt, &e));
    }
}

void TestLeaderboardCommands::json()
{
    const Result r = run({QStringLiteral("leaderboard"), QStringLiteral("--workspace"), m_ws, QStringLiteral("--experiment"),
                          QStringLiteral("exp"), QStringLiteral("--secondary"), QStringLiteral("loss:min"),
                          QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QJsonParseError pe;
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8(), &pe).object();
    QCOMPARE(pe.error, QJsonParseError::NoError);
    QCOMPARE(o[QStringLiteral("primary")].toString(), QStringLiteral("acc"));
    QCOMPARE(o[QStringLiteral("direction")].toString(), QStringLiteral("max"));
    const QJsonArray q = o[QStringLiteral("qualified")].toArray();
    QCOMPARE(q.size(), 2);
    QCOMPARE(q[0][QStringLiteral("label")].toString(), QStringLiteral("r2"));
    QCOMPARE(q[0][QStringLiteral("rank")].toInt(), 1);
    QCOMPARE(q[0][QStringLiteral("primary")].toDouble(), 0.95);
    QCOMPARE(q[0][QStringLiteral("cost")].toString(), QStringLiteral("0.192"));
    QVERIFY(q[0][QStringLiteral("cost_estimate")].toBool());
    QCOMPARE(q[0][QStringLiteral("metrics")][QStringLiteral("loss")].toDouble(), 0.5);
    QCOMPARE(q[1][QStringLiteral("label")].toString(), QStringLiteral("r1"));
    QCOMPARE(q[1][QStringLiteral("cost")].toString(), QStringLiteral("0.096"));
    const QJsonArray nq = o[QStringLiteral("not_qualified")].toArray();
    QCOMPARE(nq.size(), 1);
    QCOMPARE(nq[0][QStringLiteral("label")].toString(), QStringLiteral("r3"));
    QCOMPARE(nq[0][QStringLiteral("rank")].toInt(), 0);
    QCOMPARE(nq[0][QStringLiteral("runs_without_cost")].toInt(), 1);
    QVERIFY(nq[0][QStringLiteral("reasons")].toArray()[0].toString().contains(u"primary"));
}

void TestLeaderboardCommands::directionMinAndCsv()
{
    const Result r = run({QStringLiteral("leaderboard"), QStringLiteral("--workspace"), m_ws, QStringLiteral("--experiment"),
                          QStringLiteral("exp"), QStringLiteral("--direction"), QStringLiteral("min"),
                          QStringLiteral("--format"), QStringLiteral("csv")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4); // header, r1, r2, r3
    QVERIFY(lines[1].startsWith(u"1,r1,"));
    QVERIFY(lines[2].startsWith(u"2,r2,"));
    QVERIFY(lines[3].startsWith(u",r3,"));
}

void TestLeaderboardCommands::errors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("no experiment") << QStringList() << 2 << QStringLiteral("usage");
    QTest::newRow("unknown experiment") << QStringList{QStringLiteral("--experiment"), QStringLiteral("nope")} << 1
                                        << QStringLiteral("nope");
    QTest::newRow("bad direction") << QStringList{QStringLiteral("--experiment"), QStringLiteral("exp"), QStringLiteral("--direction"), QStringLiteral("up")}
                                   << 2 << QStringLiteral("--direction");
    QTest::newRow("bad aggregation") << QStringList{QStringLiteral("--experiment"), QStringLiteral("exp"), QStringLiteral("--aggregation"), QStringLiteral("median")}
                                     << 2 << QStringLiteral("--aggregation");
    QTest::newRow("bad filter") << QStringList{QStringLiteral("--experiment"), QStringLiteral("exp"), QStringLiteral("--min"), QStringLiteral("acc")}
                                << 2 << QStringLiteral("KEY=NUMBER");
    QTest::newRow("nan target") << QStringList{QStringLiteral("--experiment"), QStringLiteral("exp"), QStringLiteral("--target"), QStringLiteral("nan")}
                                << 2 << QStringLiteral("--target");
    QTest::newRow("too many datasets") << QStringList{QStringLiteral("--experiment"), QStringLiteral("exp"), QStringLiteral("--datasets"), QStringLiteral("a"), QStringLiteral("--min-datasets"), QStringLiteral("2")}
                                       << 2 << QStringLiteral("--min-datasets");
    QTest::newRow("bad secondary") << QStringList{QStringLiteral("--experiment"), QStringLiteral("exp"), QStringLiteral("--secondary"), QStringLiteral("loss:median")}
                                   << 2 << QStringLiteral("--secondary");
}

void TestLeaderboardCommands::errors()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, message);
    const Result r = run(QStringList{QStringLiteral("leaderboard"), QStringLiteral("--workspace"), m_ws} + args);
    QCOMPARE(r.code, code);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

// The "done means": the demo's experiments show a ranked leaderboard with billed costs.
void TestLeaderboardCommands::demoWorkspace()
{
    const QString ws = m_dir.filePath(QStringLiteral("demo.costscope"));
    Result r = run({QStringLiteral("demo"), QStringLiteral("--months"), QStringLiteral("2"), QStringLiteral("--workspace"), ws});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    r = run({QStringLiteral("leaderboard"), QStringLiteral("--workspace"), ws, QStringLiteral("--experiment"),
             QStringLiteral("churn-prediction"), QStringLiteral("--datasets"), QStringLiteral("crm-snapshot-2026-10"),
             QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(o[QStringLiteral("primary")].toString(), QStringLiteral("val_auc"));
    const QJsonArray q = o[QStringLiteral("qualified")].toArray();
    QVERIFY(q.size() >= 3);
    double previous = 2;
    for (const QJsonValue &e : q) {
        const double v = e[QStringLiteral("primary")].toDouble();
        QVERIFY(v <= previous); // higher is better
        previous = v;
        QCOMPARE(e[QStringLiteral("datasets_covered")].toArray().size(), 1);
        QCOMPARE(e[QStringLiteral("runs_without_cost")].toInt(), 0);
        QVERIFY(!e[QStringLiteral("cost_estimate")].toBool()); // the demo instances are billed
        QVERIFY(Money::parse(e[QStringLiteral("cost")].toString()).value_or(Money()) > Money());
    }
}

QTEST_GUILESS_MAIN(TestLeaderboardCommands)
#include "TestLeaderboardCommands.moc"
