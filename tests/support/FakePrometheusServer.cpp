// The Prometheus side of the Kubernetes provider: GET {prefix}/api/v1/status/buildinfo,
// /api/v1/query (instant) and /api/v1/query_range answering as the Prometheus HTTP API documents
// ({"status":"success","data":{"resultType":"matrix","result":[{"metric":{...},"values":[[t,"v"],
// ...]}]}}), serving OpenCost's exported metrics for a fixed cluster:
//
//   node-a: 4 cores at 0.031611 USD/core-hour, 16 GiB at 0.004237 USD/GiB-hour, 1 GPU at 0.95
//   node-b: 2 cores at 0.0475, 8 GiB at 0.00635, no GPU (node_gpu_hourly_cost 0, no node_gpu_count)
//   web/api-server-7d9f8-abcde on node-a: 0.5 cores, 0.5 GiB (ReplicaSet of Deployment api-server)
//   web/api-server-7d9f8-fghij on node-b: 0.5 cores, 0.5 GiB (same Deployment)
//   data/etl-0 on node-a: 2 cores before 12:00 UTC, 2.5 after, 4 GiB, 1 GPU, a 20 GiB volume
//     pvc-etl-data at 0.000137 USD/GiB-hour (StatefulSet etl)
//
// Each pod runs four days of every seven; on other days it has no samples. The daily requests and
// usage (one point per day, evaluated at the end of the day) are 0.5 / 0.5 / 2 cores requested,
// 10 / 15 / 20 % of it used, memory requests as above and 40 % of them used.

#include "support/FakePrometheusServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <QUrlQuery>

#include <cmath>

namespace costscope::testsupport {

namespace {

constexpr qint64 kDay = 86400;
constexpr qint64 kGiB = qint64(1) << 30;

struct Node
{
    const char *name;
    qint64 milliCores;
    qint64 ramBytes;
    qint64 gpus;
    qint64 cpuMicro; // USD per core-hour, in millionths
    qint64 ramMicro; // USD per GiB-hour
    qint64 gpuMicro; // USD per GPU-hour
};

const Node kNodes[] = {
    {"node-a", 4000, 16 * kGiB, 1, 31611, 4237, 950000},
    {"node-b", 2000, 8 * kGiB, 0, 47500, 6350, 0},
};

struct Pod
{
    const char *ns;
    const char *pod;
    int node;
    const char *ownerKind;
    const char *ownerName;
    const char *app;
    qint64 ramBytes;
    qint64 gpus;
    qint64 pvBytes;
};

const Pod kPods[] = {
    {"web", "api-server-7d9f8-abcde", 0, "ReplicaSet", "api-server-7d9f8", "api-server", kGiB / 2, 0, 0},
    {"web", "api-server-7d9f8-fghij", 1, "ReplicaSet", "api-server-7d9f8", "api-server", kGiB / 2, 0, 0},
    {"data", "etl-0", 0, "StatefulSet", "etl", "etl", 4 * kGiB, 1, 20 * kGiB},
};
constexpr int kPodCount = 3;
constexpr qint64 kPvMicro = 137;

qint64 podMilliCores(int p, int hour)
{
    if (p == 2)
        return hour < 12 ? 2000 : 2500;
    return 500;
}

// value / 10^digits as the shortest decimal text ("0.5", "2", "0.031611").
QString decimalText(qint64 value, int digits)
{
    qint64 scale = 1;
    for (int i = 0; i < digits; ++i)
        scale *= 10;
    const bool negative = value < 0;
    const qint64 a = negative ? -value : value;
    QString fraction = QStringLiteral("%1").arg(a % scale, digits, 10, QLatin1Char('0'));
    while (fraction.endsWith(u'0'))
        fraction.chop(1);
    QString out = (negative ? QStringLiteral("-") : QString()) + QString::number(a / scale);
    if (!fraction.isEmpty())
        out += u'.' + fraction;
    return out;
}

QString nanosText(qint64 nanos)
{
    return QStringLiteral("%1.%2").arg(nanos / 1000000000).arg(nanos % 1000000000, 9, 10, QLatin1Char('0'));
}

QDate dateOf(qint64 t)
{
    return QDateTime::fromSecsSinceEpoch(t, QTimeZone::utc()).date();
}

int hourOf(qint64 t)
{
    return int((t % kDay) / 3600);
}

// The hourly cost of a pod's compute (CPU, RAM, GPU) at an hour, in nano-USD.
qint64 podComputeNanos(int p, int hour)
{
    const Pod &pod = kPods[p];
    const Node &node = kNodes[pod.node];
    return podMilliCores(p, hour) * node.cpuMicro + (pod.ramBytes >> 29) * node.ramMicro * 500 + pod.gpus * node.gpuMicro * 1000;
}

qint64 podVolumeNanos(int p)
{
    return (kPods[p].pvBytes >> 30) * kPvMicro * 1000;
}

qint64 nodeNanos(const Node &n)
{
    return n.milliCores * n.cpuMicro + (n.ramBytes >> 29) * n.ramMicro * 500 + n.gpus * n.gpuMicro * 1000;
}

QJsonObject labelsOf(std::initializer_list<std::pair<const char *, QString>> labels)
{
    QJsonObject o;
    for (const auto &[k, v] : labels)
        o.insert(QLatin1String(k), v);
    return o;
}

} // namespace

FakePrometheusServer::FakePrometheusServer() = default;
FakePrometheusServer::~FakePrometheusServer() = default;

bool FakePrometheusServer::podRuns(int pod, const QDate &day)
{
    return (day.toJulianDay() + 2 * pod) % 7 < 4;
}

bool FakePrometheusServer::start()
{
    m_server.setHandler([this](const RecordedRequest &r) { return handle(r); });
    return m_server.start();
}

providers::AccountConfig FakePrometheusServer::account(const QString &name) const
{
    providers::AccountConfig c;
    c.id = QStringLiteral("kubernetes-prom-") + name;
    c.name = name;
    c.provider = QStringLiteral("kubernetes");
    c.endpoint = m_server.url(QStringLiteral("/prometheus")).toString();
    c.billingAccount = QStringLiteral("cluster-prom");
    // No "source" option: auto, so the contract also proves the probe finds Prometheus.
    return c;
}

providers::Secrets FakePrometheusServer::secrets() const
{
    return {{QStringLiteral("token"), m_token}};
}

void FakePrometheusServer::setFault(const FaultPlan &plan)
{
    m_faults.set(plan);
}

QString FakePrometheusServer::rejection() const
{
    std::lock_guard lock(m_mutex);
    return m_rejection;
}

int FakePrometheusServer::tooLargeRequests() const
{
    std::lock_guard lock(m_mutex);
    return m_tooLarge;
}

// One amount per pod running that day, then __idle__: the nodes' cost minus the pods' compute.
QStringList FakePrometheusServer::billedAmounts(const QDate &day) const
{
    QStringList out;
    qint64 allocated = 0;
    for (int p = 0; p < kPodCount; ++p) {
        if (!podRuns(p, day))
            continue;
        qint64 compute = 0;
        for (int h = 0; h < 24; ++h)
            compute += podComputeNanos(p, h);
        allocated += compute;
        out << nanosText(compute + 24 * podVolumeNanos(p));
    }
    qint64 nodes = 0;
    for (const Node &n : kNodes)
        nodes += 24 * nodeNanos(n);
    out << nanosText(nodes - allocated);
    return out;
}

ScriptedResponse FakePrometheusServer::handle(const RecordedRequest &r)
{
    const QByteArray expected = "Bearer " + m_token.toUtf8();
    const QByteArray given = r.header("Authorization");
    bool badCredentials = false;
    {
        std::lock_guard lock(m_mutex);
        badCredentials = m_faults.planned() == Fault::BadCredentials;
    }
    if (given != expected || badCredentials) {
        std::lock_guard lock(m_mutex);
        m_rejection = given.isEmpty() ? QStringLiteral("no bearer token") : QStringLiteral("wrong bearer token");
        return ScriptedResponse::status_(401, "Unauthorized\n");
    }
    if (r.method != "GET")
        return ScriptedResponse::status_(405, "Method Not Allowed\n");
    if (r.path == "/prometheus/api/v1/status/buildinfo")
        return ScriptedResponse::ok(
            R"({"status":"success","data":{"version":"2.53.1","revision":"fake","branch":"HEAD","buildUser":"fake","buildDate":"20240710","goVersion":"go1.22.5"}})");
    const QUrlQuery query(QString::fromUtf8(r.query));
    const QString promql = query.queryItemValue(QStringLiteral("query"), QUrl::FullyDecoded);
    if (r.path == "/prometheus/api/v1/query") {
        const QByteArray result = promql.contains(u"node_cpu_hourly_cost") ? R"([{"metric":{},"value":[1710000000,"2"]}])" : "[]";
        return ScriptedResponse::ok(R"({"status":"success","data":{"resultType":"vector","result":)" + result + "}}");
    }
    if (r.path != "/prometheus/api/v1/query_range")
        return ScriptedResponse::status_(404, "404 page not found\n");

    bool okStart = false, okEnd = false, okStep = false;
    const double startValue = query.queryItemValue(QStringLiteral("start")).toDouble(&okStart);
    const double endValue = query.queryItemValue(QStringLiteral("end")).toDouble(&okEnd);
    const double stepValue = query.queryItemValue(QStringLiteral("step")).toDouble(&okStep);
    if (promql.isEmpty() || !okStart || !okEnd || !okStep || stepValue <= 0 || endValue < startValue)
        return ScriptedResponse::status_(
            400, R"({"status":"error","errorType":"bad_data","error":"invalid parameter \"start\", \"end\", \"step\" or \"query\""})");
    const qint64 start = qint64(std::llround(startValue));
    const qint64 end = qint64(std::llround(endValue));
    const qint64 step = qint64(std::llround(stepValue));
    const QByteArray tooLarge =
        R"x({"status":"error","errorType":"bad_data","error":"exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)"})x";
    if ((end - start) / step + 1 > 11000) {
        std::lock_guard lock(m_mutex);
        ++m_tooLarge;
        return ScriptedResponse::status_(400, tooLarge);
    }
    // The resources ask for the last seven days before today; the costs for days of 2024.
    const QDate firstDay = dateOf(start);
    const FaultTarget target = firstDay.year() > 2024 ? FaultTarget::Resources : FaultTarget::Costs;
    const Fault fault = m_faults.take(target, QDate(firstDay.year(), firstDay.month(), 1));
    switch (fault) {
    case Fault::Throttle:
        return ScriptedResponse::throttled("1");
    case Fault::ServerError:
        return ScriptedResponse::status_(500, R"({"status":"error","errorType":"internal","error":"fake internal error"})");
    case Fault::Unavailable:
        return ScriptedResponse::status_(503, R"({"status":"error","errorType":"unavailable","error":"Service Unavailable"})");
    case Fault::Hang:
        return ScriptedResponse::hang();
    case Fault::ExpiredToken: {
        ScriptedResponse s = ScriptedResponse::status_(401, "token has expired\n");
        s.headers.append({QByteArray("WWW-Authenticate"),
                          QByteArray(R"(Bearer error="invalid_token", error_description="The access token expired")")});
        return s;
    }
    case Fault::PagesForever:
        // Prometheus has no paging; its bound is the resolution, refused here as if lower.
        return ScriptedResponse::status_(400, tooLarge);
    default:
        break;
    }

    // One series: labels and a value per evaluation time (empty text: no sample then).
    QJsonArray result;
    auto addSeries = [&](const QJsonObject &labels, const std::function<QString(qint64)> &valueAt) {
        QJsonArray values;
        for (qint64 t = start; t <= end; t += step) {
            const QString v = valueAt(t);
            if (!v.isEmpty())
                values.append(QJsonArray{double(t), v});
        }
        if (!values.isEmpty())
            result.append(QJsonObject{{QStringLiteral("metric"), labels}, {QStringLiteral("values"), values}});
    };
    auto has = [&](const char *name) { return promql.contains(QLatin1String(name)); };
    const bool resourceQuery = step == kDay;
    for (int p = 0; p < kPodCount; ++p) {
        const Pod &pod = kPods[p];
        const QString ns = QLatin1String(pod.ns);
        const QString name = QLatin1String(pod.pod);
        const QString node = QLatin1String(kNodes[pod.node].name);
        auto runs = [p](qint64 t) { return podRuns(p, dateOf(t)); };
        // Daily averages are evaluated at the end of their day.
        auto ranDayBefore = [p](qint64 t) { return podRuns(p, dateOf(t - kDay)); };
        const QJsonObject podNode = labelsOf({{"namespace", ns}, {"pod", name}, {"node", node}});
        const QJsonObject podOnly = labelsOf({{"namespace", ns}, {"pod", name}});
        if (has("container_cpu_allocation"))
            addSeries(podNode, [&](qint64 t) { return runs(t) ? decimalText(podMilliCores(p, hourOf(t)), 3) : QString(); });
        if (has("container_memory_allocation_bytes"))
            addSeries(podNode, [&](qint64 t) { return runs(t) ? QString::number(pod.ramBytes) : QString(); });
        if (has("container_gpu_allocation") && pod.gpus > 0)
            addSeries(podNode, [&](qint64 t) { return runs(t) ? QString::number(pod.gpus) : QString(); });
        if (has("pod_pvc_allocation") && pod.pvBytes > 0)
            addSeries(labelsOf({{"namespace", ns}, {"pod", name}, {"persistentvolume", QStringLiteral("pvc-etl-data")}}),
                      [&](qint64 t) { return runs(t) ? QString::number(pod.pvBytes) : QString(); });
        if (has("kube_pod_owner"))
            addSeries(labelsOf({{"namespace", ns},
                                {"pod", name},
                                {"owner_kind", QLatin1String(pod.ownerKind)},
                                {"owner_name", QLatin1String(pod.ownerName)}}),
                      [](qint64) { return QStringLiteral("1"); });
        if (has("kube_pod_labels"))
            addSeries(labelsOf({{"__name__", QStringLiteral("kube_pod_labels")},
                                {"namespace", ns},
                                {"pod", name},
                                {"label_app", QLatin1String(pod.app)},
                                {"label_team", ns}}),
                      [](qint64) { return QStringLiteral("1"); });
        if (!resourceQuery)
            continue;
        const qint64 requestMilli = p == 2 ? 2000 : 500;
        if (has("kube_pod_container_resource_requests") && promql.contains(u"resource=\"cpu\""))
            addSeries(podOnly, [&](qint64 t) { return ranDayBefore(t) ? decimalText(requestMilli, 3) : QString(); });
        if (has("container_cpu_usage_seconds_total")) // 10 %, 15 %, 20 % of the request
            addSeries(podOnly, [&](qint64 t) { return ranDayBefore(t) ? decimalText(requestMilli * (10 + 5 * p), 5) : QString(); });
        if (has("kube_pod_container_resource_requests") && promql.contains(u"resource=\"memory\""))
            addSeries(podOnly, [&](qint64 t) { return ranDayBefore(t) ? QString::number(pod.ramBytes) : QString(); });
        if (has("container_memory_working_set_bytes"))
            addSeries(podOnly, [&](qint64 t) { return ranDayBefore(t) ? decimalText(pod.ramBytes * 4, 1) : QString(); });
    }
    if (has("kube_replicaset_owner"))
        addSeries(labelsOf({{"namespace", QStringLiteral("web")},
                            {"replicaset", QStringLiteral("api-server-7d9f8")},
                            {"owner_kind", QStringLiteral("Deployment")},
                            {"owner_name", QStringLiteral("api-server")}}),
                  [](qint64) { return QStringLiteral("1"); });
    for (const Node &n : kNodes) {
        const QJsonObject labels = labelsOf({{"node", QLatin1String(n.name)}});
        auto every = [](const QString &v) { return [v](qint64) { return v; }; };
        if (has("node_cpu_hourly_cost"))
            addSeries(labels, every(decimalText(n.cpuMicro, 6)));
        if (has("node_ram_hourly_cost"))
            addSeries(labels, every(decimalText(n.ramMicro, 6)));
        if (has("node_gpu_hourly_cost"))
            addSeries(labels, every(decimalText(n.gpuMicro, 6)));
        if (has("kube_node_status_capacity_cpu_cores"))
            addSeries(labels, every(decimalText(n.milliCores, 3)));
        if (has("kube_node_status_capacity_memory_bytes"))
            addSeries(labels, every(QString::number(n.ramBytes)));
        if (has("node_gpu_count") && n.gpus > 0)
            addSeries(labels, every(QString::number(n.gpus)));
    }
    if (has("pv_hourly_cost"))
        addSeries(labelsOf({{"persistentvolume", QStringLiteral("pvc-etl-data")}}), [](qint64) { return decimalText(kPvMicro, 6); });

    const QJsonObject data{{QStringLiteral("resultType"), QStringLiteral("matrix")}, {QStringLiteral("result"), result}};
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("status"), QStringLiteral("success")}, {QStringLiteral("data"), data}})
                                .toJson(QJsonDocument::Compact);
    if (fault == Fault::Truncate)
        return ScriptedResponse::truncated(body.left(body.size() / 2), body.size());
    if (fault == Fault::Malformed)
        return ScriptedResponse::ok(body.left(body.size() / 2), "application/json");
    return ScriptedResponse::ok(body, "application/json");
}

std::unique_ptr<FakeCloud> makeFakePrometheus()
{
    return std::make_unique<FakePrometheusServer>();
}

} // namespace costscope::testsupport
