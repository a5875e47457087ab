// The Kubernetes side of the provider contract tests: an OpenCost API (GET /allocation with window,
// aggregate, step, accumulate) under a path prefix, answering {"code":200,"data":[{name: allocation}
// ...]} as opencost's docs/swagger.json shows it, one set per day. It checks the bearer token of
// every request and, like a server with a query limit, answers at most seven days at a time, so the
// client has to ask again from where the answer ended.

#include "support/FakeCloud.h"
#include "support/LocalHttpServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <QUrlQuery>

#include <mutex>

namespace costscope::testsupport {

namespace {

constexpr int kSetsPerAnswer = 7;
constexpr qint64 kDay = 86400;

struct Pod
{
    const char *ns;
    const char *controller;
    const char *kind;
    const char *pod;
    double cpuRequest;
    double ramRequest;
};

const Pod kPods[] = {
    {"web", "api-server", "deployment", "api-server-7d9f8-abcde", 0.5, 536870912.0},
    {"web", "api-server", "deployment", "api-server-7d9f8-fghij", 0.5, 536870912.0},
    {"data", "etl", "statefulset", "etl-0", 2.0, 4294967296.0},
};
constexpr int kPodCount = 3;

const char *const kComponents[] = {"cpuCost", "gpuCost", "ramCost", "pvCost", "networkCost", "loadBalancerCost"};

QString rfc3339(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"));
}

QString decimal(qint64 micros)
{
    const bool negative = micros < 0;
    const qint64 a = negative ? -micros : micros;
    return (negative ? QStringLiteral("-") : QString()) + QStringLiteral("%1.%2").arg(a / 1000000).arg(a % 1000000, 6, 10, QLatin1Char('0'));
}

class FakeOpenCostServer : public FakeCloud
{
public:
    QString providerKey() const override { return QStringLiteral("kubernetes"); }

    bool start() override
    {
        m_server.setHandler([this](const RecordedRequest &r) { return handle(r); });
        return m_server.start();
    }

    providers::AccountConfig account(const QString &name) const override
    {
        providers::AccountConfig c;
        c.id = QStringLiteral("kubernetes-") + name;
        c.name = name;
        c.provider = QStringLiteral("kubernetes");
        c.endpoint = m_server.url(QStringLiteral("/opencost")).toString();
        c.billingAccount = QStringLiteral("cluster-main");
        return c;
    }

    providers::Secrets secrets() const override { return {{QStringLiteral("token"), m_token}}; }

    void setFault(const FaultPlan &plan) override { m_faults.set(plan); }

    // One total per allocation present that day: the pods running then, and __idle__.
    QStringList billedAmounts(const QDate &day) const override
    {
        QStringList out;
        for (int p = 0; p <= kPodCount; ++p) {
            if (p < kPodCount && !podRuns(p, day))
                continue;
            qint64 sum = 0;
            for (int c = 0; c < 6; ++c)
                sum += componentMicros(day, p, c);
            out << decimal(sum);
        }
        return out;
    }

    int resourceCount() const override { return kPodCount; }
    // Each pod: cpu (usage / request), cpu_request_cores, cpu_usage_cores, memory_request_bytes,
    // memory_usage_bytes; four points each, as each pod runs on four days of any seven.
    int metricSeriesCount() const override { return kPodCount * 5; }
    int requestCount() const override { return m_server.requestCount(); }
    QString rejection() const override
    {
        std::lock_guard lock(m_mutex);
        return m_rejection;
    }

private:
    // Each pod runs on four days of every seven (its own four).
    static bool podRuns(int p, const QDate &day) { return (day.toJulianDay() + 2 * p) % 7 < 4; }

    // Cost components in millionths of a dollar; index kPodCount is __idle__.
    static qint64 componentMicros(const QDate &day, int p, int c)
    {
        const qint64 seed = day.toJulianDay() * 17 + p * 5 + c;
        const qint64 v = (seed * 2654435761LL) % 3000000LL;
        if (c == 1) // GPU: only the ETL pod
            return p == 2 ? v : 0;
        if (c == 5) // a load balancer for the API pods
            return p < 2 ? 25000 : 0;
        return v;
    }

    Fault faultFor(FaultTarget target, const QDate &month) { return m_faults.take(target, month); }

    QJsonObject allocation(const QString &name, int p, const QDate &day, qint64 start, qint64 end) const
    {
        QJsonObject a{{QStringLiteral("name"), name},
                      {QStringLiteral("window"), QJsonObject{{QStringLiteral("start"), rfc3339(start)}, {QStringLiteral("end"), rfc3339(end)}}},
                      {QStringLiteral("start"), rfc3339(start)},
                      {QStringLiteral("end"), rfc3339(end)},
                      {QStringLiteral("minutes"), double(end - start) / 60}};
        QJsonObject properties{{QStringLiteral("cluster"), QStringLiteral("cluster-one")}, {QStringLiteral("node"), QStringLiteral("node-a")}};
        qint64 total = 0;
        for (int c = 0; c < 6; ++c) {
            const qint64 m = componentMicros(day, p, c);
            total += m;
            a.insert(QLatin1String(kComponents[c]), double(m) / 1e6);
        }
        a.insert(QStringLiteral("sharedCost"), 0);
        a.insert(QStringLiteral("externalCost"), 0);
        a.insert(QStringLiteral("totalCost"), double(total) / 1e6);
        if (p < kPodCount) {
            const Pod &pod = kPods[p];
            properties.insert(QStringLiteral("namespace"), QString::fromLatin1(pod.ns));
            properties.insert(QStringLiteral("controller"), QString::fromLatin1(pod.controller));
            properties.insert(QStringLiteral("controllerKind"), QString::fromLatin1(pod.kind));
            properties.insert(QStringLiteral("pod"), QString::fromLatin1(pod.pod));
            properties.insert(QStringLiteral("labels"), QJsonObject{{QStringLiteral("app"), QString::fromLatin1(pod.controller)}});
            a.insert(QStringLiteral("cpuCoreRequestAverage"), pod.cpuRequest);
            a.insert(QStringLiteral("cpuCoreUsageAverage"), pod.cpuRequest * (0.1 + 0.05 * p));
            a.insert(QStringLiteral("ramByteRequestAverage"), pod.ramRequest);
            a.insert(QStringLiteral("ramByteUsageAverage"), pod.ramRequest * 0.4);
        }
        a.insert(QStringLiteral("properties"), properties);
        return a;
    }

    ScriptedResponse handle(const RecordedRequest &r)
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
            return ScriptedResponse::status_(401, R"({"code":401,"message":"Unauthorized"})");
        }
        if (r.method != "GET" || r.path != "/opencost/allocation")
            return ScriptedResponse::status_(404, "404 page not found");
        const QUrlQuery query(QString::fromUtf8(r.query));
        const QStringList window = query.queryItemValue(QStringLiteral("window"), QUrl::FullyDecoded).split(u',');
        const QDateTime from = window.size() == 2 ? QDateTime::fromString(window[0], Qt::ISODate) : QDateTime();
        const QDateTime to = window.size() == 2 ? QDateTime::fromString(window[1], Qt::ISODate) : QDateTime();
        if (!from.isValid() || !to.isValid() || to <= from || query.queryItemValue(QStringLiteral("step")) != u"1d"
            || query.queryItemValue(QStringLiteral("accumulate")) != u"false" || query.queryItemValue(QStringLiteral("aggregate")).isEmpty())
            return ScriptedResponse::status_(400, R"({"code":400,"message":"invalid window, step or accumulate"})");
        const qint64 start = from.toSecsSinceEpoch();
        const qint64 end = to.toSecsSinceEpoch();
        const QDate firstDay = from.toUTC().date();
        // The resources ask for the last seven days before today; the costs for days of 2024.
        const bool resources = firstDay.year() > 2024;
        const Fault fault = faultFor(resources ? FaultTarget::Resources : FaultTarget::Costs, QDate(firstDay.year(), firstDay.month(), 1));
        switch (fault) {
        case Fault::Throttle:
            return ScriptedResponse::throttled("1");
        case Fault::ServerError:
            return ScriptedResponse::status_(500, R"({"code":500,"message":"error querying Prometheus"})");
        case Fault::Unavailable:
            return ScriptedResponse::status_(503, "upstream connect error or disconnect/reset before headers");
        case Fault::Hang:
            return ScriptedResponse::hang();
        case Fault::ExpiredToken: {
            ScriptedResponse s = ScriptedResponse::status_(401, R"({"code":401,"message":"token has expired"})");
            s.headers.append({QByteArray("WWW-Authenticate"),
                              QByteArray(R"(Bearer error="invalid_token", error_description="The access token expired")")});
            return s;
        }
        default:
            break;
        }
        QJsonArray sets;
        if (fault == Fault::PagesForever) {
            // A server that answers one hour at a time: the client never reaches the end.
            QJsonObject set;
            set.insert(QStringLiteral("__idle__"), allocation(QStringLiteral("__idle__"), kPodCount, firstDay, start, start + 3600));
            sets.append(set);
        } else {
            for (qint64 s = start; s < end && sets.size() < kSetsPerAnswer; s += kDay) {
                const QDate day = QDateTime::fromSecsSinceEpoch(s, QTimeZone::utc()).date();
                QJsonObject set;
                for (int p = 0; p < kPodCount; ++p) {
                    if (!podRuns(p, day))
                        continue;
                    const Pod &pod = kPods[p];
                    const QString name = QStringLiteral("%1/%2/%3").arg(QLatin1String(pod.ns), QLatin1String(pod.controller), QLatin1String(pod.pod));
                    set.insert(name, allocation(name, p, day, s, std::min(s + kDay, end)));
                }
                set.insert(QStringLiteral("__idle__"), allocation(QStringLiteral("__idle__"), kPodCount, day, s, std::min(s + kDay, end)));
                sets.append(set);
            }
        }
        const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("code"), 200}, {QStringLiteral("data"), sets}})
                                    .toJson(QJsonDocument::Compact);
        if (fault == Fault::Truncate)
            return ScriptedResponse::truncated(body.left(body.size() / 2), body.size());
        if (fault == Fault::Malformed)
            return ScriptedResponse::ok(body.left(body.size() / 2), "application/json");
        return ScriptedResponse::ok(body, "application/json");
    }

    LocalHttpServer m_server;
    const QString m_token = QStringLiteral("fake-bearer-token-for-the-contract-0001");
    mutable std::mutex m_mutex;
    FaultSchedule m_faults;
    QString m_rejection;
};

} // namespace

std::unique_ptr<FakeCloud> makeFakeOpenCost()
{
    return std::make_unique<FakeOpenCostServer>();
}

} // namespace costscope::testsupport
