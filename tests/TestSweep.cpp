// Sweep: grid expansion (lists and ranges), run count, projected cost by hand, command lines and
// environments with hostile values read back by a real /bin/sh, the script, and the sweep store.
#include "model/ml/RunStore.h"
#include "model/ml/Sweep.h"
#include "model/ml/SweepStore.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "model/store/SqliteDb.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace costscope;
using namespace costscope::ml;

namespace {

Money money(const char *text) { return *Money::parse(QByteArrayView(text)); }

SweepPlan basePlan()
{
    SweepPlan p;
    p.name = QStringLiteral("lr-sweep");
    p.experimentId = QStringLiteral("0");
    p.instanceType = QStringLiteral("g5.xlarge");
    p.minutesPerRun = 30;
    p.hourlyPrice = money("1.006");
    p.budget = money("50");
    p.grid = {*parseSweepParam(QStringLiteral("lr=0.1,0.01"), nullptr),
              *parseSweepParam(QStringLiteral("batch=32,64,128"), nullptr)};
    p.commandTemplate = QStringLiteral("python train.py --lr {lr} --batch {batch}");
    return p;
}

// What /bin/sh prints for `script`.
QString runShell(const QString &script)
{
    QProcess sh;
    sh.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script});
    if (!sh.waitForFinished(20000))
        return QStringLiteral("<sh did not finish>");
    return QString::fromUtf8(sh.readAllStandardOutput()) + QString::fromUtf8(sh.readAllStandardError());
}

} // namespace

class TestSweep : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void values_data();
    void values();
    void badParams_data();
    void badParams();
    void gridOrderAndCount();
    void cost_data();
    void cost();
    void shellQuoteReadBack_data();
    void shellQuoteReadBack();
    void commandWithHostileValues();
    void placeholders_data();
    void placeholders();
    void environment();
    void scriptRuns();
    void gridJsonRoundTrip();
    void storeRoundTrip();
    void storeRefuses();
    void regenerateClearsSweeps();
};

void TestSweep::values_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("list") << QStringLiteral("0.1,0.01") << QStringList{"0.1", "0.01"};
    QTest::newRow("list spaces and duplicate") << QStringLiteral(" 32 , 64,32 ") << QStringList{"32", "64"};
    QTest::newRow("words") << QStringLiteral("adam,sgd") << QStringList{"adam", "sgd"};
    QTest::newRow("log range") << QStringLiteral("1e-4..1e-1 x4 log") << QStringList{"0.0001", "0.001", "0.01", "0.1"};
    QTest::newRow("log range no spaces") << QStringLiteral("1e-4..1e-1x4log") << QStringList{"0.0001", "0.001", "0.01", "0.1"};
    QTest::newRow("log powers of two") << QStringLiteral("32..256 x4 log") << QStringList{"32", "64", "128", "256"};
    QTest::newRow("linear default") << QStringLiteral("0..1 x5") << QStringList{"0", "0.25", "0.5", "0.75", "1"};
    QTest::newRow("linear named") << QStringLiteral("10..40 x4 linear") << QStringList{"10", "20", "30", "40"};
    QTest::newRow("descending") << QStringLiteral("1..0 x3 lin") << QStringList{"1", "0.5", "0"};
    QTest::newRow("one value") << QStringLiteral("0.5..9 x1") << QStringList{"0.5"};
    QTest::newRow("negative") << QStringLiteral("-1..1 x3") << QStringList{"-1", "0", "1"};
}

void TestSweep::values()
{
    QFETCH(QString, spec);
    QFETCH(QStringList, expected);
    QString error;
    const auto values = expandSweepValues(spec, &error);
    QVERIFY2(values, qPrintable(error));
    QCOMPARE(*values, expected);
}

void TestSweep::badParams_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("no equals") << QStringLiteral("lr") << QStringLiteral("NAME=VALUES");
    QTest::newRow("no name") << QStringLiteral("=1,2") << QStringLiteral("not a parameter name");
    QTest::newRow("digit first") << QStringLiteral("1lr=1") << QStringLiteral("not a parameter name");
    QTest::newRow("shell in name") << QStringLiteral("lr;rm=1") << QStringLiteral("not a parameter name");
    QTest::newRow("no values") << QStringLiteral("lr=") << QStringLiteral("no values");
    QTest::newRow("empty value") << QStringLiteral("lr=1,,2") << QStringLiteral("empty value");
    QTest::newRow("line break") << QStringLiteral("lr=1\n2") << QStringLiteral("control characters");
    QTest::newRow("count zero") << QStringLiteral("lr=1..2 x0") << QStringLiteral("count after x");
    QTest::newRow("huge count") << QStringLiteral("lr=1..2 x20000") << QStringLiteral("count after x");
    QTest::newRow("log through zero") << QStringLiteral("lr=0..1 x3 log") << QStringLiteral("above 0");
    QTest::newRow("range without count") << QStringLiteral("lr=1..2") << QStringLiteral("not a range");
    QTest::newRow("range of words") << QStringLiteral("lr=a..b x2") << QStringLiteral("not a range");
}

void TestSweep::badParams()
{
    QFETCH(QString, text);
    QFETCH(QString, errorPart);
    QString error;
    QVERIFY(!parseSweepParam(text, &error));
    QVERIFY2(error.contains(errorPart), qPrintable(error));
}

void TestSweep::gridOrderAndCount()
{
    const SweepPlan p = basePlan();
    QCOMPARE(p.runCount(), int64_t(6));
    const auto runs = p.assignments();
    QCOMPARE(runs.size(), size_t(6));
    const QStringList expected{"0.1/32", "0.1/64", "0.1/128", "0.01/32", "0.01/64", "0.01/128"};
    for (size_t i = 0; i < runs.size(); ++i) {
        QCOMPARE(runs[i].size(), 2);
        QCOMPARE(runs[i][0].first, QStringLiteral("lr"));
        QCOMPARE(runs[i][0].second + u'/' + runs[i][1].second, expected.at(static_cast<qsizetype>(i)));
    }
    SweepPlan empty = p;
    empty.grid.clear();
    QCOMPARE(empty.runCount(), int64_t(1)); // one run with no parameters
    SweepPlan huge = p;
    huge.grid = {*parseSweepParam(QStringLiteral("a=1..100 x100"), nullptr),
                 *parseSweepParam(QStringLiteral("b=1..200 x200"), nullptr)};
    QCOMPARE(huge.runCount(), kMaxSweepRuns + 1);
    QVERIFY(huge.validate().contains(u"more than"));
    QVERIFY(huge.assignments().empty());
}

void TestSweep::cost_data()
{
    QTest::addColumn<QString>("hourly");
    QTest::addColumn<double>("minutes");
    QTest::addColumn<QString>("grid");
    QTest::addColumn<QString>("perRun");
    QTest::addColumn<QString>("projected");
    // 1.006 x 30 / 60 = 0.503; x 6 = 3.018
    QTest::newRow("g5 half hour x6") << QStringLiteral("1.006") << 30.0 << QStringLiteral("a=1,2,3;b=1,2") << QStringLiteral("0.503") << QStringLiteral("3.018");
    // 0.096 x 7 / 60 = 0.0112; x 3 = 0.0336
    QTest::newRow("m5 7 min x3") << QStringLiteral("0.096") << 7.0 << QStringLiteral("a=1,2,3") << QStringLiteral("0.0112") << QStringLiteral("0.0336");
    // 3.06 x 45.5 / 60 = 2.3205
    QTest::newRow("fractional minutes") << QStringLiteral("3.06") << 45.5 << QStringLiteral("a=1") << QStringLiteral("2.3205") << QStringLiteral("2.3205");
    // one nano an hour: a minute is 1/60 nano (0 rounded); 60 runs of it are exactly 1 nano, rounded once
    QTest::newRow("rounded once") << QStringLiteral("0.000000001") << 1.0 << QStringLiteral("a=1..60 x60") << QStringLiteral("0") << QStringLiteral("0.000000001");
    // 32.7726 x 90 / 60 = 49.1589; x 4 = 196.6356
    QTest::newRow("p4d") << QStringLiteral("32.7726") << 90.0 << QStringLiteral("lr=1e-4..1e-1 x4 log") << QStringLiteral("49.1589") << QStringLiteral("196.6356");
}

void TestSweep::cost()
{
    QFETCH(QString, hourly);
    QFETCH(double, minutes);
    QFETCH(QString, grid);
    QFETCH(QString, perRun);
    QFETCH(QString, projected);
    SweepPlan p = basePlan();
    p.hourlyPrice = *Money::parse(QStringView(hourly));
    p.minutesPerRun = minutes;
    p.grid.clear();
    for (const QString &g : grid.split(u';'))
        p.grid.push_back(*parseSweepParam(g, nullptr));
    p.commandTemplate.clear();
    QCOMPARE(p.costPerRun(), *Money::parse(QStringView(perRun)));
    QCOMPARE(p.projectedCost(), *Money::parse(QStringView(projected)));
    p.budget = p.projectedCost();
    QVERIFY(!p.overBudget()); // exactly the budget is not over it
    p.budget = p.projectedCost() - Money::fromNanos(1);
    QVERIFY(p.overBudget());
}

void TestSweep::shellQuoteReadBack_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("number") << QStringLiteral("0.1") << QStringLiteral("0.1");
    QTest::newRow("path") << QStringLiteral("/data/set-1") << QStringLiteral("/data/set-1");
    QTest::newRow("space") << QStringLiteral("a b") << QStringLiteral("'a b'");
    QTest::newRow("quote") << QStringLiteral("it's") << QStringLiteral("'it'\\''s'");
    QTest::newRow("command substitution") << QStringLiteral("$(touch /tmp/costscope-pwned)") << QStringLiteral("'$(touch /tmp/costscope-pwned)'");
    QTest::newRow("backticks") << QStringLiteral("`id`") << QStringLiteral("'`id`'");
    QTest::newRow("semicolon") << QStringLiteral("1;reboot") << QStringLiteral("'1;reboot'");
    QTest::newRow("glob") << QStringLiteral("*") << QStringLiteral("'*'");
    QTest::newRow("empty") << QStringLiteral("") << QStringLiteral("''");
    QTest::newRow("double quotes and backslash") << QStringLiteral("\"\\n\"") << QStringLiteral("'\"\\n\"'");
    QTest::newRow("unicode") << QStringLiteral("学习率") << QStringLiteral("'学习率'");
    QTest::newRow("leading dash") << QStringLiteral("-1") << QStringLiteral("'-1'");
}

void TestSweep::shellQuoteReadBack()
{
    QFETCH(QString, value);
    QFETCH(QString, quoted);
    QCOMPARE(shellQuote(value), quoted);
    // The oracle: the shell itself reads the word back as the value.
    QCOMPARE(runShell(u"printf '%s' " + shellQuote(value)), value);
}

void TestSweep::commandWithHostileValues()
{
    SweepPlan p = basePlan();
    p.grid = {SweepParam{QStringLiteral("lr"), {}, {QStringLiteral("0.1; echo PWNED"), QStringLiteral("$(echo PWNED)")}},
              SweepParam{QStringLiteral("opt"), {}, {QStringLiteral("it's `echo PWNED`")}}};
    p.commandTemplate = QStringLiteral("printf '[%s][%s][%s]{{x}}' {lr} {opt} {run_name}");
    QVERIFY2(p.validate().isEmpty(), qPrintable(p.validate()));
    const auto runs = p.renderRuns(QStringLiteral("http://127.0.0.1:5000"));
    QCOMPARE(runs.size(), size_t(2));
    QCOMPARE(runs[0].runName, QStringLiteral("lr-sweep-001"));
    QCOMPARE(runs[1].runName, QStringLiteral("lr-sweep-002"));
    QCOMPARE(runs[0].command, QStringLiteral("printf '[%s][%s][%s]{x}' '0.1; echo PWNED' 'it'\\''s `echo PWNED`' lr-sweep-001"));
    QCOMPARE(runShell(runs[0].command), QStringLiteral("[0.1; echo PWNED][it's `echo PWNED`][lr-sweep-001]{x}"));
    QCOMPARE(runShell(runs[1].command), QStringLiteral("[$(echo PWNED)][it's `echo PWNED`][lr-sweep-002]{x}"));
}

void TestSweep::placeholders_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("fine") << QStringLiteral("python t.py --lr {lr} --b {batch} {run_index}") << QStringLiteral("");
    QTest::newRow("no placeholders") << QStringLiteral("python t.py") << QStringLiteral("");
    QTest::newRow("literal braces") << QStringLiteral("echo {{}} {lr}") << QStringLiteral("");
    QTest::newRow("unknown") << QStringLiteral("python t.py --x {x}") << QStringLiteral("not a parameter of the grid");
    QTest::newRow("unclosed") << QStringLiteral("python t.py --lr {lr") << QStringLiteral("without its '}'");
    QTest::newRow("stray close") << QStringLiteral("python t.py }") << QStringLiteral("without its '{'");
    QTest::newRow("bad name") << QStringLiteral("python t.py {$(id)}") << QStringLiteral("not a parameter name");
    QTest::newRow("two lines") << QStringLiteral("python t.py\nrm -rf ~") << QStringLiteral("one line");
}

void TestSweep::placeholders()
{
    QFETCH(QString, command);
    QFETCH(QString, errorPart);
    SweepPlan p = basePlan();
    p.commandTemplate = command;
    const QString problem = p.validate();
    if (errorPart.isEmpty())
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    else
        QVERIFY2(problem.contains(errorPart), qPrintable(problem));
}

void TestSweep::environment()
{
    SweepPlan p = basePlan();
    p.id = 7;
    p.experimentId = QStringLiteral("3");
    const auto runs = p.renderRuns(QStringLiteral("http://127.0.0.1:5123"));
    QCOMPARE(runs.size(), size_t(6));
    std::map<QString, QString> env(runs[4].env.begin(), runs[4].env.end());
    QCOMPARE(env[QStringLiteral("MLFLOW_TRACKING_URI")], QStringLiteral("http://127.0.0.1:5123"));
    QCOMPARE(env[QStringLiteral("MLFLOW_EXPERIMENT_ID")], QStringLiteral("3"));
    QCOMPARE(env[QStringLiteral("COSTSCOPE_SWEEP_ID")], QStringLiteral("7"));
    QCOMPARE(env[QStringLiteral("COSTSCOPE_INSTANCE_TYPE")], QStringLiteral("g5.xlarge"));
    const QJsonObject context = QJsonDocument::fromJson(env[QStringLiteral("MLFLOW_RUN_CONTEXT")].toUtf8()).object();
    QCOMPARE(context.value(u"costscope.sweep").toString(), QStringLiteral("7"));
    QCOMPARE(context.value(u"costscope.instance_type").toString(), QStringLiteral("g5.xlarge"));
    QCOMPARE(context.value(u"mlflow.runName").toString(), QStringLiteral("lr-sweep-005"));
    QCOMPARE(runs[4].command, QStringLiteral("python train.py --lr 0.01 --batch 64"));
    // Without an experiment id the name is used.
    p.experimentId.clear();
    p.experimentName = QStringLiteral("churn model");
    const auto unnamed = p.renderRuns({});
    std::map<QString, QString> env2(unnamed[0].env.begin(), unnamed[0].env.end());
    QCOMPARE(env2[QStringLiteral("MLFLOW_EXPERIMENT_NAME")], QStringLiteral("churn model"));
    QVERIFY(!env2.count(QStringLiteral("MLFLOW_EXPERIMENT_ID")));
    // The JSON file carries the same.
    const QJsonObject json = QJsonDocument::fromJson(p.runsJson(QStringLiteral("http://x"))).object();
    QCOMPARE(json.value(u"sweep").toObject().value(u"projected_cost").toString(), QStringLiteral("3.018"));
    QCOMPARE(json.value(u"runs").toArray().size(), 6);
    QCOMPARE(json.value(u"runs").toArray().at(5).toObject().value(u"params").toObject().value(u"batch").toString(),
             QStringLiteral("128"));
}

void TestSweep::scriptRuns()
{
    SweepPlan p = basePlan();
    p.id = 4;
    p.name = QStringLiteral("it's a sweep");
    p.grid = {SweepParam{QStringLiteral("lr"), {}, {QStringLiteral("0.1"), QStringLiteral("a'b $(x)")}}};
    p.commandTemplate = QStringLiteral("printf '%s|%s|%s|%s\\n' {lr} \"$COSTSCOPE_SWEEP_ID\" \"$MLFLOW_EXPERIMENT_ID\" "
                                       "\"$MLFLOW_RUN_CONTEXT\"");
    QVERIFY2(p.validate().isEmpty(), qPrintable(p.validate()));
    const QString out = runShell(p.shellScript(QStringLiteral("http://127.0.0.1:5000")));
    const QStringList lines = out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0], QStringLiteral(R"(0.1|4|0|{"costscope.instance_type":"g5.xlarge","costscope.sweep":"4","mlflow.runName":"it's a sweep-001"})"));
    QVERIFY2(lines[1].startsWith(u"a'b $(x)|4|0|"), qPrintable(lines[1]));
}

void TestSweep::gridJsonRoundTrip()
{
    SweepPlan p = basePlan();
    p.grid.push_back(*parseSweepParam(QStringLiteral("wd=1e-5..1e-3 x3 log"), nullptr));
    SweepPlan q;
    QString error;
    QVERIFY2(q.setGridJson(p.gridJson(), &error), qPrintable(error));
    QCOMPARE(q.grid.size(), size_t(3));
    QCOMPARE(q.grid[2].spec, QStringLiteral("1e-5..1e-3 x3 log"));
    QCOMPARE(q.grid[2].values, (QStringList{"1e-05", "0.0001", "0.001"}));
    QCOMPARE(q.commandTemplate, p.commandTemplate);
    QVERIFY(!q.setGridJson("[1]", &error));
    QVERIFY(!q.setGridJson("{\"params\":[{\"name\":\"a\"}]}", &error));
    QVERIFY(!q.setGridJson("not json", &error));
}

void TestSweep::storeRoundTrip()
{
    store::CostStore cs;
    QString error;
    QVERIFY2(cs.open(QStringLiteral(":memory:"), &error), qPrintable(error));
    RunStore runs(cs.db());
    MlError mlError;
    QVERIFY(runs.ensureDefaultExperiment(&mlError));
    const auto exp = runs.createExperiment(QStringLiteral("churn"), {}, {}, &mlError);
    QVERIFY(exp);
    SweepStore store(cs.db());
    SweepPlan p = basePlan();
    p.experimentId = *exp;
    p.createdMs = 1000;
    const auto id = store.save(p, &error);
    QVERIFY2(id, qPrintable(error));
    auto loaded = store.load(*id, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->id, *id);
    QCOMPARE(loaded->experimentName, QStringLiteral("churn"));
    QCOMPARE(loaded->hourlyPrice, money("1.006"));
    QCOMPARE(loaded->budget, money("50"));
    QCOMPARE(loaded->minutesPerRun, 30.0);
    QCOMPARE(loaded->runCount(), int64_t(6));
    QCOMPARE(loaded->projectedCost(), money("3.018"));
    QCOMPARE(loaded->commandTemplate, p.commandTemplate);
    QCOMPARE(loaded->status, SweepPlan::Status::Planned);

    QVERIFY2(store.setStatus(*id, SweepPlan::Status::Stopped, QStringLiteral("over budget"), &error), qPrintable(error));
    loaded = store.load(*id, &error);
    QCOMPARE(loaded->status, SweepPlan::Status::Stopped);
    QCOMPARE(loaded->statusReason, QStringLiteral("over budget"));

    SweepPlan second = p;
    second.name = QStringLiteral("second");
    second.createdMs = 2000;
    const auto id2 = store.save(second, &error);
    QVERIFY(id2);
    auto all = store.list(&error);
    QVERIFY(all);
    QCOMPARE(all->size(), size_t(2));
    QCOMPARE(all->at(0).name, QStringLiteral("second")); // newest first
    QCOMPARE(store.list(&error, QStringLiteral("0"))->size(), size_t(0));
    QCOMPARE(store.list(&error, *exp)->size(), size_t(2));

    loaded->budget = money("2.5");
    QVERIFY(store.save(*loaded, &error));
    QCOMPARE(store.load(*id, &error)->budget, money("2.5"));
    QVERIFY(store.remove(*id2, &error));
    QCOMPARE(store.list(&error)->size(), size_t(1));
}

void TestSweep::storeRefuses()
{
    store::CostStore cs;
    QString error;
    QVERIFY(cs.open(QStringLiteral(":memory:"), &error));
    SweepStore store(cs.db());
    SweepPlan p = basePlan();
    p.experimentId = QStringLiteral("99");
    QVERIFY(!store.save(p, &error));
    QVERIFY2(error.contains(u"no experiment 99"), qPrintable(error));
    p.experimentId = QStringLiteral("0'; DROP TABLE ml_sweep; --");
    QVERIFY(!store.save(p, &error));
    p.experimentId = QStringLiteral("0");
    p.budget = Money();
    QVERIFY(!store.save(p, &error));
    QVERIFY2(error.contains(u"budget"), qPrintable(error));
    QCOMPARE(cs.db().queryInt("SELECT COUNT(*) FROM ml_sweep", -1), int64_t(0));
    QVERIFY(!store.load(5, &error));
    QVERIFY2(error.contains(u"no sweep 5"), qPrintable(error));
    QVERIFY(!store.setStatus(5, SweepPlan::Status::Running, {}, &error));
    // A row with a broken grid reads as an error naming the sweep, not as an empty grid.
    QVERIFY(cs.db().exec("INSERT INTO ml_sweep(id, experiment_id, name, created_ms, instance_type, minutes_per_run, "
                         "hourly_price, budget, currency, grid_json) VALUES (3, 0, 'x', 0, 't', 1, 1, 1, 'USD', '{oops')"));
    QVERIFY(!store.load(3, &error));
    QVERIFY2(error.contains(u"sweep 3"), qPrintable(error));
}

void TestSweep::regenerateClearsSweeps()
{
    // Regenerating the demo clears the workspace in one transaction; the sweeps go with the runs.
    store::CostStore cs;
    QString error;
    QVERIFY(cs.open(QStringLiteral(":memory:"), &error));
    SweepPlan p = basePlan();
    QVERIFY2(SweepStore(cs.db()).save(p, &error), qPrintable(error));
    store::CostWriter w(cs);
    QVERIFY(w.begin(SourceInfo{QStringLiteral("demo"), QStringLiteral("demo"), QStringLiteral("d1"), {}}, &error));
    QVERIFY2(w.clearAllInTransaction(&error), qPrintable(error));
    QVERIFY2(w.commit(&error), qPrintable(error));
    QCOMPARE(cs.db().queryInt("SELECT COUNT(*) FROM ml_sweep", -1), int64_t(0));
}

QTEST_GUILESS_MAIN(TestSweep)
#include "TestSweep.moc"
