// SweepMonitor: the requests an MLflow client sends for a sweep's runs are replayed through
// MlflowApi; when the projection passes the budget the running runs are tagged over budget, the
// sweep is stopped with a reason and the user is told; under budget nothing is flagged.
#include "model/ml/RunStore.h"
#include "model/ml/Sweep.h"
#include "model/ml/SweepMonitor.h"
#include "model/ml/SweepStore.h"
#include "model/store/CostStore.h"
#include "providers/ml/MlflowApi.h"
#include "providers/ml/TrackingServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace costscope;
using namespace costscope::ml;

namespace {

constexpr int64_t kT0 = 1'767'225'600'000; // 2026-01-01 00:00 UTC
constexpr int64_t kMin = 60'000;

Money money(const char *text) { return *Money::parse(QByteArrayView(text)); }

} // namespace

class TestSweepMonitor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void overBudgetStopsAndFlags();
    void underBudgetFlagsNothing();
    void untaggedRunJoinsRunningSweep();
    void foreignTagsIgnored();
    void trackingServerWatchesSweeps();

private:
    QJsonObject post(const char *endpoint, const QJsonObject &body);
    QString createRun(const QString &name, int64_t start, const QJsonArray &tags);
    void finish(const QString &runId, int64_t end);
    void logMetric(const QString &runId, double value, int64_t ts);
    int64_t saveSweep(const QString &budget, const QString &experimentId);
    Run run(const QString &runId);

    std::unique_ptr<store::CostStore> m_store;
    std::unique_ptr<RunStore> m_runs;
    std::unique_ptr<SweepMonitor> m_monitor;
    std::unique_ptr<MlflowApi> m_api;
    QString m_experiment;
    int64_t m_now = kT0;
    std::vector<SweepStop> m_stops;
};

void TestSweepMonitor::init()
{
    m_store = std::make_unique<store::CostStore>();
    QString error;
    QVERIFY2(m_store->open(QStringLiteral(":memory:"), &error), qPrintable(error));
    m_runs = std::make_unique<RunStore>(m_store->db());
    m_runs->setClock([this] { return m_now; });
    m_monitor = std::make_unique<SweepMonitor>(m_store->db(), *m_runs);
    m_monitor->setClock([this] { return m_now; });
    m_stops.clear();
    m_monitor->setStoppedHandler([this](const SweepStop &s) { m_stops.push_back(s); });
    m_api = std::make_unique<MlflowApi>(*m_runs);
    m_api->setRunWriteObserver(m_monitor.get());
    m_now = kT0;
    const QJsonObject exp = post("experiments/create", {{"name", "lr sweep"}});
    m_experiment = exp.value(u"experiment_id").toString();
    QVERIFY(!m_experiment.isEmpty());
}

void TestSweepMonitor::cleanup()
{
    m_api.reset();
    m_monitor.reset();
    m_runs.reset();
    m_store.reset();
}

QJsonObject TestSweepMonitor::post(const char *endpoint, const QJsonObject &body)
{
    const ApiResponse r = m_api->handle("POST", QByteArray("/api/2.0/mlflow/") + endpoint, {},
                                        QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (r.status != 200)
        qWarning("%s -> %d %s", endpoint, r.status, r.body.constData());
    return QJsonDocument::fromJson(r.body).object();
}

QString TestSweepMonitor::createRun(const QString &name, int64_t start, const QJsonArray &tags)
{
    // As the MLflow Python client's start_run sends it (MLFLOW_RUN_CONTEXT's tags in "tags").
    const QJsonObject r = post("runs/create", {{"experiment_id", m_experiment},
                                               {"user_id", "ml"},
                                               {"start_time", QString::number(start)},
                                               {"run_name", name},
                                               {"tags", tags}});
    return r.value(u"run").toObject().value(u"info").toObject().value(u"run_id").toString();
}

void TestSweepMonitor::finish(const QString &runId, int64_t end)
{
    post("runs/update", {{"run_id", runId}, {"run_uuid", runId}, {"status", "FINISHED"}, {"end_time", qint64(end)}});
}

void TestSweepMonitor::logMetric(const QString &runId, double value, int64_t ts)
{
    post("runs/log-metric",
         {{"run_id", runId}, {"run_uuid", runId}, {"key", "loss"}, {"value", value}, {"timestamp", qint64(ts)}, {"step", 0}});
}

int64_t TestSweepMonitor::saveSweep(const QString &budget, const QString &experimentId)
{
    SweepPlan p;
    p.name = QStringLiteral("lr");
    p.experimentId = experimentId;
    p.instanceType = QStringLiteral("g5.xlarge");
    p.minutesPerRun = 30;
    p.hourlyPrice = money("1.00");
    p.budget = *Money::parse(QStringView(budget));
    p.grid = {*parseSweepParam(QStringLiteral("lr=0.1,0.01,0.001,0.0001"), nullptr)};
    SweepStore s(m_store->db());
    QString error;
    const auto id = s.save(p, &error);
    if (!id)
        qWarning("%s", qPrintable(error));
    return id.value_or(0);
}

Run TestSweepMonitor::run(const QString &runId)
{
    MlError e;
    return m_runs->run(runId, &e).value_or(Run{});
}

void TestSweepMonitor::overBudgetStopsAndFlags()
{
    // 4 runs x 30 min x 1.00/h = 2.00 planned, budget 2.50.
    const int64_t id = saveSweep(QStringLiteral("2.50"), m_experiment);
    QVERIFY(id > 0);
    QSignalSpy told(SweepEvents::instance(), &SweepEvents::sweepStopped);
    const QJsonArray tags{QJsonObject{{"key", "costscope.sweep"}, {"value", QString::number(id)}},
                          QJsonObject{{"key", "costscope.instance_type"}, {"value", "g5.xlarge"}}};
    SweepStore sweeps(m_store->db());
    QString error;

    // Run 1 takes an hour, twice the plan: 1.00 spent, 1.00 + 3 x 0.50 = 2.50 projected, not over.
    const QString r1 = createRun(QStringLiteral("lr-001"), kT0, tags);
    QCOMPARE(sweeps.load(id, &error)->status, SweepPlan::Status::Running);
    m_now = kT0 + 60 * kMin;
    logMetric(r1, 0.5, m_now);
    finish(r1, m_now);
    QCOMPARE(sweeps.load(id, &error)->status, SweepPlan::Status::Running);
    auto progress = m_monitor->progress(*sweeps.load(id, &error), &error);
    QVERIFY2(progress, qPrintable(error));
    QCOMPARE(progress->spent, money("1.00"));
    QCOMPARE(progress->projected, money("2.50"));
    QVERIFY(!progress->overBudget);

    // Run 2 starts; 10 minutes in it is still within its plan: 1.00 + 0.50 + 2 x 0.50 = 2.50.
    const int64_t start2 = kT0 + 61 * kMin;
    const QString r2 = createRun(QStringLiteral("lr-002"), start2, tags);
    m_now = start2 + 10 * kMin;
    logMetric(r2, 0.4, m_now);
    QCOMPARE(sweeps.load(id, &error)->status, SweepPlan::Status::Running);
    QVERIFY(m_stops.empty());
    QVERIFY(run(r2).tag(QStringLiteral("costscope.sweep.over_budget")).isEmpty());

    // 36 minutes in (0.60 spent on it) the projection is 1.00 + 0.60 + 2 x 0.50 = 2.60 > 2.50.
    m_now = start2 + 36 * kMin;
    logMetric(r2, 0.3, m_now);
    auto plan = sweeps.load(id, &error);
    QCOMPARE(plan->status, SweepPlan::Status::Stopped);
    QVERIFY2(plan->statusReason.contains(u"over the budget"), qPrintable(plan->statusReason));
    QVERIFY2(plan->statusReason.contains(u"2 of 4 runs started"), qPrintable(plan->statusReason));
    QVERIFY2(plan->statusReason.contains(u"runs take longer or cost more than the planned 30 min"), qPrintable(plan->statusReason));
    QCOMPARE(run(r2).tag(QStringLiteral("costscope.sweep.over_budget")), QStringLiteral("true"));
    QVERIFY(run(r1).tag(QStringLiteral("costscope.sweep.over_budget")).isEmpty()); // finished within what it was
    QCOMPARE(m_stops.size(), size_t(1));
    QCOMPARE(m_stops[0].sweepId, id);
    QCOMPARE(m_stops[0].flaggedRunIds, QStringList{r2});
    QCOMPARE(m_stops[0].reason, plan->statusReason);
    QCOMPARE(told.count(), 1);
    QCOMPARE(told.at(0).at(0).toLongLong(), id);
    progress = m_monitor->progress(*plan, &error);
    QCOMPARE(progress->spent, money("1.60"));
    QCOMPARE(progress->projected, money("2.60"));
    QCOMPARE(progress->overBudgetRunIds, QStringList{r2});

    // A run started after the stop is flagged at once; the user is not told twice.
    m_now = start2 + 40 * kMin;
    const QString r3 = createRun(QStringLiteral("lr-003"), m_now, tags);
    QCOMPARE(run(r3).tag(QStringLiteral("costscope.sweep.over_budget")), QStringLiteral("true"));
    finish(r2, m_now);
    QCOMPARE(m_stops.size(), size_t(1));
    QCOMPARE(told.count(), 1);
    QCOMPARE(sweeps.load(id, &error)->status, SweepPlan::Status::Stopped);
}

void TestSweepMonitor::underBudgetFlagsNothing()
{
    const int64_t id = saveSweep(QStringLiteral("2.00"), m_experiment);
    const QJsonArray tags{QJsonObject{{"key", "costscope.sweep"}, {"value", QString::number(id)}},
                          QJsonObject{{"key", "costscope.instance_type"}, {"value", "g5.xlarge"}}};
    QStringList ids;
    int64_t t = kT0;
    for (int i = 0; i < 4; ++i) {
        m_now = t;
        const QString r = createRun(QStringLiteral("lr-%1").arg(i), t, tags);
        ids << r;
        post("runs/log-batch", {{"run_id", r},
                                {"params", QJsonArray{QJsonObject{{"key", "lr"}, {"value", "0.1"}}}},
                                {"metrics", QJsonArray{QJsonObject{{"key", "loss"}, {"value", 0.1}, {"timestamp", qint64(t)}}}}});
        m_now = t + 30 * kMin; // exactly the plan: the projection stays at the budget, 2.00
        finish(r, m_now);
        t = m_now + kMin;
    }
    QString error;
    SweepStore sweeps(m_store->db());
    const auto plan = sweeps.load(id, &error);
    QCOMPARE(plan->status, SweepPlan::Status::Finished);
    QVERIFY2(plan->statusReason.contains(u"All 4 runs finished"), qPrintable(plan->statusReason));
    for (const QString &r : ids)
        QVERIFY(run(r).tag(QStringLiteral("costscope.sweep.over_budget")).isEmpty());
    QVERIFY(m_stops.empty());
    const auto progress = m_monitor->progress(*plan, &error);
    QCOMPARE(progress->spent, money("2.00"));
    QCOMPARE(progress->projected, money("2.00"));
    QCOMPARE(progress->runsFinished, 4);
    QVERIFY(progress->estimate); // priced from the sweep's hourly price, not a bill
}

void TestSweepMonitor::untaggedRunJoinsRunningSweep()
{
    const int64_t id = saveSweep(QStringLiteral("10"), m_experiment);
    QString error;
    SweepStore sweeps(m_store->db());
    // A client that cannot set tags from the environment: the first run is tagged by hand...
    const QString r1 = createRun(QStringLiteral("a"), kT0, {QJsonObject{{"key", "costscope.sweep"}, {"value", QString::number(id)}}});
    QCOMPARE(sweeps.load(id, &error)->status, SweepPlan::Status::Running);
    // ...the next one is not, and joins the running sweep of its experiment with its instance type.
    const QString r2 = createRun(QStringLiteral("b"), kT0 + kMin, {});
    const Run joined = run(r2);
    QCOMPARE(joined.tag(QStringLiteral("costscope.sweep")), QString::number(id));
    QCOMPARE(joined.tag(QStringLiteral("costscope.instance_type")), QStringLiteral("g5.xlarge"));
    QCOMPARE(m_monitor->sweepRuns(*sweeps.load(id, &error), &error)->size(), size_t(2));
    QVERIFY(!r1.isEmpty());
}

void TestSweepMonitor::foreignTagsIgnored()
{
    // A sweep of the Default experiment; runs in "lr sweep" that name it, or no sweep, change nothing.
    const int64_t id = saveSweep(QStringLiteral("0.01"), QStringLiteral("0"));
    QString error;
    SweepStore sweeps(m_store->db());
    const QString a = createRun(QStringLiteral("a"), kT0, {QJsonObject{{"key", "costscope.sweep"}, {"value", QString::number(id)}}});
    const QString b = createRun(QStringLiteral("b"), kT0, {QJsonObject{{"key", "costscope.sweep"}, {"value", "999"}}});
    const QString c = createRun(QStringLiteral("c"), kT0, {QJsonObject{{"key", "costscope.sweep"}, {"value", "1; DROP TABLE ml_sweep"}}});
    m_now = kT0 + 600 * kMin;
    for (const QString &r : {a, b, c})
        finish(r, m_now);
    QCOMPARE(sweeps.load(id, &error)->status, SweepPlan::Status::Planned);
    for (const QString &r : {a, b, c})
        QVERIFY(run(r).tag(QStringLiteral("costscope.sweep.over_budget")).isEmpty());
    QVERIFY(m_stops.empty());
}

void TestSweepMonitor::trackingServerWatchesSweeps()
{
    // The real endpoint over a socket: the server hands its MlflowApi a SweepMonitor.
    QTemporaryDir dir;
    const QString ws = dir.filePath(QStringLiteral("ws.costscope"));
    QString error;
    int64_t sweepId = 0;
    {
        store::CostStore st;
        QVERIFY2(st.open(ws, &error), qPrintable(error));
        RunStore runs(st.db());
        MlError e;
        QVERIFY(runs.ensureDefaultExperiment(&e));
        SweepPlan p;
        p.name = QStringLiteral("tiny budget");
        p.experimentId = QStringLiteral("0");
        p.instanceType = QStringLiteral("g5.xlarge");
        p.minutesPerRun = 30;
        p.hourlyPrice = money("1.00");
        p.budget = money("0.10"); // one run of 30 min at 1.00/h is 0.50: over as soon as it starts
        p.grid = {*parseSweepParam(QStringLiteral("lr=0.1"), nullptr)};
        sweepId = SweepStore(st.db()).save(p, &error).value_or(0);
        QVERIFY2(sweepId > 0, qPrintable(error));
    }
    TrackingServer::Options o;
    o.workspacePath = ws;
    o.port = 0;
    TrackingServer server(o);
    QVERIFY2(server.start(&error), qPrintable(error));
    QSignalSpy told(SweepEvents::instance(), &SweepEvents::sweepStopped);
    QNetworkAccessManager nam;
    auto call = [&](const QByteArray &verb, const QString &endpoint, const QJsonObject &body) {
        QNetworkRequest rq(QUrl(server.uri() + u"/api/2.0/mlflow/" + endpoint));
        rq.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = nam.sendCustomRequest(rq, verb, QJsonDocument(body).toJson(QJsonDocument::Compact));
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            done.wait(20000);
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        return answer;
    };
    const QJsonObject created = call("POST", QStringLiteral("runs/create"),
        {{"experiment_id", "0"},
         {"start_time", QDateTime::currentMSecsSinceEpoch()},
         {"tags", QJsonArray{QJsonObject{{"key", "costscope.sweep"}, {"value", QString::number(sweepId)}}}}});
    const QString runId = created.value(u"run").toObject().value(u"info").toObject().value(u"run_id").toString();
    QVERIFY(!runId.isEmpty());
    QTRY_COMPARE(told.count(), 1);
    QCOMPARE(told.at(0).at(0).toLongLong(), sweepId);
    QVERIFY2(told.at(0).at(2).toString().contains(u"the plan itself (1 runs of 30 min"), qPrintable(told.at(0).at(2).toString()));
    QNetworkRequest get(QUrl(server.uri() + u"/api/2.0/mlflow/runs/get?run_id=" + runId));
    QNetworkReply *reply = nam.get(get);
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(reply->isFinished() || done.wait(20000));
    bool flagged = false;
    const QJsonArray tags = QJsonDocument::fromJson(reply->readAll()).object().value(u"run").toObject()
                                .value(u"data").toObject().value(u"tags").toArray();
    for (const QJsonValue &t : tags)
        if (t.toObject().value(u"key").toString() == u"costscope.sweep.over_budget")
            flagged = t.toObject().value(u"value").toString() == u"true";
    QVERIFY(flagged);
    server.stop();
    store::CostStore st;
    QVERIFY(st.open(ws, &error));
    QCOMPARE(SweepStore(st.db()).load(sweepId, &error)->status, SweepPlan::Status::Stopped);
}

QTEST_GUILESS_MAIN(TestSweepMonitor)
#include "TestSweepMonitor.moc"
