#include "providers/kubernetes/PrometheusClient.h"

#include "providers/kubernetes/BearerFailure.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTimeZone>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace costscope::providers::kubernetes {

Q_LOGGING_CATEGORY(lcPrometheus, "costscope.prometheus", QtInfoMsg)

namespace {

constexpr int64_t kSecondsPerDay = 86400;
constexpr Int128 kGiB = Int128(1) << 30;
constexpr Int128 kNano = 1000000000;
// Sample values of this magnitude or more are refused (1e18 units: no cost, core count or byte
// count comes near it), so that every product below fits 128 bits.
constexpr Int128 kMaxSampleNanos = Int128(1000000000000000000LL) * kNano;

int64_t dayStart(const QDate &d)
{
    return QDateTime(d, QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
}

int64_t dayOf(int64_t t)
{
    return t - ((t % kSecondsPerDay) + kSecondsPerDay) % kSecondsPerDay;
}

QString utcText(int64_t secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

bool mulAdd(Int128 *acc, Int128 a, Int128 b)
{
    Int128 product = 0;
    return !__builtin_mul_overflow(a, b, &product) && !__builtin_add_overflow(*acc, product, acc);
}

// Half to even: the nearest integer to num / den (den > 0).
Int128 roundDiv(Int128 num, Int128 den)
{
    Int128 q = num / den;
    Int128 r = num % den;
    if (r < 0) {
        r += den;
        --q;
    }
    const Int128 twice = 2 * r;
    if (twice > den || (twice == den && (q % 2 != 0)))
        ++q;
    return q;
}

// The PromQL of each series the cost model reads (docs/sync.md). Allocations are summed over a
// pod's containers; prices and capacities are one value per node (max drops duplicate scrapes).
const QString kCpuAllocation = QStringLiteral("sum by (namespace, pod, node) (container_cpu_allocation)");
const QString kRamAllocation = QStringLiteral("sum by (namespace, pod, node) (container_memory_allocation_bytes)");
const QString kGpuAllocation = QStringLiteral("sum by (namespace, pod, node) (container_gpu_allocation)");
const QString kCpuPrice = QStringLiteral("max by (node) (node_cpu_hourly_cost)");
const QString kRamPrice = QStringLiteral("max by (node) (node_ram_hourly_cost)");
const QString kGpuPrice = QStringLiteral("max by (node) (node_gpu_hourly_cost)");
const QString kCpuCapacity = QStringLiteral("max by (node) (kube_node_status_capacity_cpu_cores)");
const QString kRamCapacity = QStringLiteral("max by (node) (kube_node_status_capacity_memory_bytes)");
const QString kGpuCapacity = QStringLiteral("max by (node) (node_gpu_count)");
const QString kPvcAllocation = QStringLiteral("sum by (namespace, pod, persistentvolume) (pod_pvc_allocation)");
const QString kPvPrice = QStringLiteral("max by (persistentvolume) (pv_hourly_cost)");

QString ownerQuery(int64_t window)
{
    return QStringLiteral("max by (namespace, pod, owner_kind, owner_name) (max_over_time(kube_pod_owner[%1s]))").arg(window);
}

QString replicaSetQuery(int64_t window)
{
    return QStringLiteral("max by (namespace, replicaset, owner_kind, owner_name) (max_over_time(kube_replicaset_owner[%1s]))")
        .arg(window);
}

QString labelsQuery(int64_t window)
{
    return QStringLiteral("max_over_time(kube_pod_labels[%1s])").arg(window);
}

// Requests against usage, one daily average per pod (evaluated at the end of each day).
const QString kCpuRequest =
    QStringLiteral(R"(sum by (namespace, pod) (avg_over_time(kube_pod_container_resource_requests{resource="cpu"}[1d])))");
const QString kCpuUsage =
    QStringLiteral(R"(sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{container!="", container!="POD"}[1d])))");
const QString kRamRequest =
    QStringLiteral(R"(sum by (namespace, pod) (avg_over_time(kube_pod_container_resource_requests{resource="memory"}[1d])))");
const QString kRamUsage =
    QStringLiteral(R"(sum by (namespace, pod) (avg_over_time(container_memory_working_set_bytes{container!="", container!="POD"}[1d])))");

using TimeValues = std::map<int64_t, Int128>;
using ByKey = QHash<QString, TimeValues>;

// Series keyed by one label (node, persistentvolume): time -> value.
ByKey byLabel(const std::vector<PrometheusClient::Series> &series, const QString &label)
{
    ByKey out;
    for (const PrometheusClient::Series &s : series) {
        TimeValues &values = out[s.labels.value(label)];
        for (const PrometheusClient::Sample &sample : s.samples)
            values[sample.time] = sample.value;
    }
    return out;
}

const Int128 *valueAt(const ByKey &values, const QString &key, int64_t t)
{
    const auto it = values.constFind(key);
    if (it == values.constEnd())
        return nullptr;
    const auto v = it->find(t);
    return v == it->end() ? nullptr : &v->second;
}

// What a pod is owned by, as OpenCost names it: a ReplicaSet's Deployment, else the owner itself.
struct Owner
{
    QString controller;
    QString kind;
};

struct PodOwners
{
    QHash<QString, Owner> byPod; // "namespace/pod"

    void read(const std::vector<PrometheusClient::Series> &pods, const std::vector<PrometheusClient::Series> &replicaSets)
    {
        QHash<QString, Owner> rsOwner;
        for (const PrometheusClient::Series &s : replicaSets) {
            const QString kind = s.labels.value(QStringLiteral("owner_kind"));
            const QString name = s.labels.value(QStringLiteral("owner_name"));
            if (!kind.isEmpty() && kind != u"<none>" && !name.isEmpty() && name != u"<none>")
                rsOwner.insert(s.labels.value(QStringLiteral("namespace")) + u'/' + s.labels.value(QStringLiteral("replicaset")),
                               {name, kind.toLower()});
        }
        for (const PrometheusClient::Series &s : pods) {
            const QString ns = s.labels.value(QStringLiteral("namespace"));
            const QString kind = s.labels.value(QStringLiteral("owner_kind"));
            const QString name = s.labels.value(QStringLiteral("owner_name"));
            if (kind.isEmpty() || kind == u"<none>" || name.isEmpty() || name == u"<none>")
                continue;
            Owner o{name, kind.toLower()};
            if (kind == u"ReplicaSet") {
                const auto it = rsOwner.constFind(ns + u'/' + name);
                if (it != rsOwner.constEnd())
                    o = *it;
            }
            byPod.insert(ns + u'/' + s.labels.value(QStringLiteral("pod")), o);
        }
    }
};

// Pod labels from kube_pod_labels (label_<name>), by "namespace/pod".
QHash<QString, QList<QPair<QString, QString>>> podLabels(const std::vector<PrometheusClient::Series> &series)
{
    QHash<QString, QList<QPair<QString, QString>>> out;
    for (const PrometheusClient::Series &s : series) {
        const QString id = s.labels.value(QStringLiteral("namespace")) + u'/' + s.labels.value(QStringLiteral("pod"));
        QList<QPair<QString, QString>> &labels = out[id];
        for (auto it = s.labels.constBegin(); it != s.labels.constEnd(); ++it) {
            if (!it.key().startsWith(u"label_") || it.value().isEmpty())
                continue;
            const QPair<QString, QString> tag{it.key().mid(6), it.value()};
            if (!labels.contains(tag))
                labels.append(tag);
        }
    }
    return out;
}

} // namespace

PrometheusClient::PrometheusClient(AccountConfig account, QString token, const net::HttpClient &http, ClientOptions options)
    : m_account(std::move(account))
    , m_token(std::move(token))
    , m_http(http)
    , m_options(options)
{
    const QString step = m_account.options.value(QStringLiteral("step"));
    if (stepSeconds(step) > 0)
        m_step = stepSeconds(step);
}

PrometheusClient::~PrometheusClient()
{
    m_token.fill(u'\0');
}

int64_t PrometheusClient::stepSeconds(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty() || t == u"1h")
        return 3600;
    if (t == u"5m")
        return 300;
    if (t == u"1m")
        return 60;
    return 0;
}

std::vector<PrometheusClient::Chunk> PrometheusClient::splitRange(int64_t start, int64_t endExclusive, int64_t step, int64_t maxPoints)
{
    std::vector<Chunk> out;
    if (step <= 0 || maxPoints <= 0 || endExclusive <= start)
        return out;
    const int64_t points = (endExclusive - start + step - 1) / step;
    const int64_t last = start + (points - 1) * step;
    for (int64_t s = start; s <= last; s += maxPoints * step)
        out.push_back({s, std::min(last, s + (maxPoints - 1) * step)});
    return out;
}

bool PrometheusClient::parseSample(QStringView text, Int128 *nanos)
{
    // Digits of the mantissa without the point, and the power of ten they are scaled by.
    if (text.isEmpty() || text.size() > 64)
        return false;
    qsizetype i = 0;
    bool negative = false;
    if (text[i] == u'+' || text[i] == u'-') {
        negative = text[i] == u'-';
        ++i;
    }
    QString digits;
    int exponent = 0;
    bool point = false;
    bool anyDigit = false;
    for (; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isDigit() && c.unicode() < 128) {
            anyDigit = true;
            if (!(digits.isEmpty() && c == u'0'))
                digits += c;
            if (point)
                --exponent;
        } else if (c == u'.' && !point) {
            point = true;
        } else {
            break;
        }
    }
    if (!anyDigit)
        return false;
    if (i < text.size()) {
        if (text[i] != u'e' && text[i] != u'E')
            return false;
        bool ok = false;
        const int e = text.mid(i + 1).toInt(&ok);
        if (!ok || e < -400 || e > 400 || text.mid(i + 1).startsWith(u' '))
            return false;
        exponent += e;
    }
    // Leading zeros of the fraction were not kept in `digits` but counted in `exponent`.
    exponent += 9; // nano-units
    if (digits.isEmpty()) {
        *nanos = 0;
        return true;
    }
    // The value is digits x 10^exponent nano-units.
    if (qsizetype(digits.size()) + exponent > 28)
        return false;
    Int128 v = 0;
    if (exponent >= 0) {
        for (const QChar c : std::as_const(digits))
            v = v * 10 + (c.unicode() - u'0');
        for (int k = 0; k < exponent; ++k)
            v *= 10;
    } else {
        const qsizetype keep = digits.size() + exponent; // digits before the rounding point
        if (keep < 0) {
            v = 0; // below half a nano-unit
        } else {
            for (qsizetype k = 0; k < keep; ++k)
                v = v * 10 + (digits[k].unicode() - u'0');
            const QStringView rest = QStringView(digits).mid(keep);
            const int first = rest[0].unicode() - u'0';
            bool tail = false;
            for (qsizetype k = 1; k < rest.size(); ++k)
                tail = tail || rest[k] != u'0';
            if (first > 5 || (first == 5 && (tail || v % 2 != 0)))
                ++v;
        }
    }
    if (v >= kMaxSampleNanos)
        return false;
    *nanos = negative ? -v : v;
    return true;
}

bool PrometheusClient::costNanos(Int128 coreUnits, Int128 byteUnits, int64_t stepSeconds, Int128 *nanos)
{
    Int128 total = 0;
    if (stepSeconds <= 0 || !mulAdd(&total, coreUnits, kGiB) || __builtin_add_overflow(total, byteUnits, &total)
        || __builtin_mul_overflow(total, Int128(stepSeconds), &total))
        return false;
    *nanos = roundDiv(total, Int128(3600) * kGiB * kNano);
    return true;
}

QString PrometheusClient::scrub(QString text) const
{
    if (m_token.size() >= 4)
        text.replace(m_token, QStringLiteral("REDACTED"));
    return text;
}

QUrl PrometheusClient::apiUrl(const QString &path) const
{
    QUrl url(m_account.endpoint);
    QString base = url.path();
    if (!base.endsWith(u'/'))
        base += u'/';
    url.setPath(base + path);
    return url;
}

QString PrometheusClient::describeFailure(const QString &what, const net::HttpResult &result) const
{
    BearerApi api;
    api.forbidden = QStringLiteral("the token lacks a permission to query Prometheus");
    api.notFound = QStringLiteral("no Prometheus HTTP API at this URL; check the endpoint of account '%1'");
    api.errorFirst = true;
    api.readsErrorType = true;
    api.errorTypeCause = QStringLiteral("Prometheus refused the query (%1)");
    return scrub(describeBearerFailure(what, result, m_account.name, !m_token.isEmpty(), api));
}

bool PrometheusClient::queryOnce(const QString &what, const QUrl &url, const Chunk &range, int64_t step,
                                 std::vector<Series> *series, QString *error, const CancelFn &cancelled)
{
    net::HttpRequest request;
    request.method = "GET";
    request.url = url;
    request.headers.append({QByteArray("Accept"), QByteArray("application/json")});
    if (!m_token.isEmpty())
        request.headers.append({QByteArray("Authorization"), QByteArray("Bearer " + m_token.toUtf8())});
    qCDebug(lcPrometheus) << "account" << m_account.name << what << utcText(range.start) << utcText(range.end);
    const net::HttpResult result = m_http.send(std::move(request), cancelled);
    if (!result.ok) {
        *error = describeFailure(what, result);
        return false;
    }
    const QByteArray &body = result.response.body;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = what + QStringLiteral(": the answer is not usable (not valid JSON: %1 at byte %2 of %3)")
                            .arg(parseError.error != QJsonParseError::NoError ? parseError.errorString() : QStringLiteral("not an object"))
                            .arg(parseError.offset)
                            .arg(body.size());
        return false;
    }
    const QJsonObject o = doc.object();
    const QString status = o.value(QStringLiteral("status")).toString();
    if (status != u"success") {
        *error = scrub(what + QStringLiteral(": Prometheus answered status '%1' (%2): %3")
                                  .arg(status.left(40), o.value(QStringLiteral("errorType")).toString().left(40),
                                       o.value(QStringLiteral("error")).toString().section(u'\n', 0, 0).left(300)));
        return false;
    }
    for (const QJsonValue &w : o.value(QStringLiteral("warnings")).toArray()) {
        const QString text = scrub(QStringLiteral("Prometheus warned: ") + w.toString().section(u'\n', 0, 0).left(200));
        if (!m_warnings.contains(text) && m_warnings.size() < 10)
            m_warnings << text;
    }
    const QJsonObject data = o.value(QStringLiteral("data")).toObject();
    if (data.value(QStringLiteral("resultType")).toString() != u"matrix" || !data.value(QStringLiteral("result")).isArray()) {
        *error = what + QStringLiteral(": the answer is not usable: it has no matrix result");
        return false;
    }
    for (const QJsonValue &sv : data.value(QStringLiteral("result")).toArray()) {
        const QJsonObject so = sv.toObject();
        const QJsonValue metric = so.value(QStringLiteral("metric"));
        const QJsonValue values = so.value(QStringLiteral("values"));
        if (!sv.isObject() || (!metric.isObject() && !metric.isUndefined()) || !values.isArray()) {
            *error = what + QStringLiteral(": the answer is not usable: a series is not {\"metric\": {...}, \"values\": [...]}");
            return false;
        }
        Series s;
        const QJsonObject labels = metric.toObject();
        for (auto it = labels.constBegin(); it != labels.constEnd(); ++it) {
            if (!it.value().isString()) {
                *error = what + QStringLiteral(": the answer is not usable: label '%1' is not a string").arg(it.key().left(100));
                return false;
            }
            s.labels.insert(it.key(), it.value().toString());
        }
        int nanSamples = 0;
        for (const QJsonValue &pv : values.toArray()) {
            const QJsonArray pair = pv.toArray();
            const double t = pair.size() == 2 ? pair.at(0).toDouble(std::nan("")) : std::nan("");
            const QString text = pair.size() == 2 && pair.at(1).isString() ? pair.at(1).toString() : QString();
            if (!std::isfinite(t) || text.isEmpty()) {
                *error = what + QStringLiteral(": the answer is not usable: a sample is not [time, \"value\"]");
                return false;
            }
            const int64_t time = std::llround(t);
            if (time < range.start || time > range.end || (time - range.start) % step != 0 || std::abs(t - double(time)) > 1e-3) {
                *error = what + QStringLiteral(": the answer is not usable: a sample at %1 is not one of the times asked for (%2 to %3 "
                                               "every %4 s)")
                                    .arg(QString::number(t, 'f', 3), utcText(range.start), utcText(range.end))
                                    .arg(step);
                return false;
            }
            if (text == u"NaN") {
                ++nanSamples;
                continue;
            }
            Sample sample;
            sample.time = time;
            if (!parseSample(text, &sample.value)) {
                *error = what + QStringLiteral(": the answer is not usable: the sample value '%1' at %2 is not a usable number")
                                    .arg(text.left(40), utcText(time));
                return false;
            }
            s.samples.push_back(sample);
        }
        if (nanSamples > 0) {
            const QString text = what + QStringLiteral(": %1 samples were NaN and are left out").arg(nanSamples);
            if (m_warnings.size() < 10)
                m_warnings << text;
        }
        series->push_back(std::move(s));
    }
    return true;
}

bool PrometheusClient::queryRange(const QString &what, const QString &promql, int64_t start, int64_t endExclusive, int64_t step,
                                  std::vector<Series> *series, QString *error, const CancelFn &cancelled)
{
    series->clear();
    const std::vector<Chunk> chunks = splitRange(start, endExclusive, step);
    if (qsizetype(chunks.size()) > m_options.maxPages) {
        *error = what + QStringLiteral(": the range needs %1 requests of at most %2 points, more than the limit of %3; sync "
                                       "a shorter range or a longer step")
                            .arg(chunks.size())
                            .arg(kMaxPoints)
                            .arg(m_options.maxPages);
        return false;
    }
    bool ok = true;
    for (const Chunk &chunk : chunks) {
        if (cancelled && cancelled()) {
            *error = what + QStringLiteral(": cancelled");
            ok = false;
            break;
        }
        // Percent-encoded by hand: PromQL holds '+', '{', '"' and '=' that a query string must not carry raw.
        QUrl url = apiUrl(QStringLiteral("api/v1/query_range"));
        url.setQuery(QStringLiteral("query=") + QString::fromLatin1(QUrl::toPercentEncoding(promql))
                         + QStringLiteral("&start=%1&end=%2&step=%3").arg(chunk.start).arg(chunk.end).arg(step),
                     QUrl::StrictMode);
        if (!queryOnce(what, url, chunk, step, series, error, cancelled)) {
            ok = false;
            break;
        }
    }
    if (!ok)
        series->clear();
    return ok;
}

QString PrometheusClient::testConnection(const CancelFn &cancelled)
{
    // The build info says it is a Prometheus; one instant query says it has OpenCost's prices.
    net::HttpRequest request;
    request.url = apiUrl(QStringLiteral("api/v1/query"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("query"), QStringLiteral("count(node_cpu_hourly_cost)"));
    request.url.setQuery(query);
    request.headers.append({QByteArray("Accept"), QByteArray("application/json")});
    if (!m_token.isEmpty())
        request.headers.append({QByteArray("Authorization"), QByteArray("Bearer " + m_token.toUtf8())});
    const QString what = QStringLiteral("Prometheus query of node_cpu_hourly_cost");
    const net::HttpResult result = m_http.send(std::move(request), cancelled);
    if (!result.ok)
        return describeFailure(what, result);
    const QJsonObject o = QJsonDocument::fromJson(result.response.body).object();
    if (o.value(QStringLiteral("status")).toString() != u"success")
        return what + QStringLiteral(": the answer is not usable (not a Prometheus answer)");
    const QJsonArray r = o.value(QStringLiteral("data")).toObject().value(QStringLiteral("result")).toArray();
    if (r.isEmpty())
        return what + QStringLiteral(": this Prometheus has no node_cpu_hourly_cost series; it must scrape OpenCost's "
                                     "/metrics (see the OpenCost documentation, 'Prometheus' section)");
    return {};
}

bool PrometheusClient::fetchMonth(const QDate &from, const QDate &to, CostBatch *batch, QString *error, const CancelFn &cancelled)
{
    m_warnings.clear();
    if (!isRangeInOneMonth(QStringLiteral("Prometheus"), from, to, error))
        return false;
    const QDate monthStart(from.year(), from.month(), 1);
    beginMonthBatch(batch, providerName(), m_account, monthStart);
    batch->currency = QStringLiteral("USD"); // OpenCost's metrics are priced in its configured currency; USD unless changed
    const QString month = monthStart.toString(QStringLiteral("yyyy-MM"));
    const int64_t start = dayStart(from);
    const int64_t rangeEnd = dayStart(to);
    const int64_t end = std::min<int64_t>(rangeEnd, QDateTime::currentSecsSinceEpoch() + 1);
    const int64_t step = m_step;

    struct Query
    {
        const QString *promql;
        QString text;
        std::vector<Series> result;
    };
    Query queries[] = {{&kCpuAllocation, {}, {}}, {&kRamAllocation, {}, {}}, {&kGpuAllocation, {}, {}}, {&kCpuPrice, {}, {}},
                       {&kRamPrice, {}, {}},      {&kGpuPrice, {}, {}},      {&kCpuCapacity, {}, {}},   {&kRamCapacity, {}, {}},
                       {&kGpuCapacity, {}, {}},   {&kPvcAllocation, {}, {}}, {&kPvPrice, {}, {}},       {nullptr, ownerQuery(step), {}},
                       {nullptr, replicaSetQuery(step), {}}, {nullptr, labelsQuery(step), {}}};
    for (Query &q : queries) {
        const QString promql = q.promql ? *q.promql : q.text;
        const QString what = QStringLiteral("Prometheus query_range of %1 for %2").arg(promql.left(80), month);
        if (!queryRange(what, promql, start, end, step, &q.result, error, cancelled)) {
            batch->rows.clear();
            return false;
        }
    }
    const auto &cpuAlloc = queries[0].result;
    const auto &ramAlloc = queries[1].result;
    const auto &gpuAlloc = queries[2].result;
    const ByKey cpuPrice = byLabel(queries[3].result, QStringLiteral("node"));
    const ByKey ramPrice = byLabel(queries[4].result, QStringLiteral("node"));
    const ByKey gpuPrice = byLabel(queries[5].result, QStringLiteral("node"));
    const ByKey cpuCap = byLabel(queries[6].result, QStringLiteral("node"));
    const ByKey ramCap = byLabel(queries[7].result, QStringLiteral("node"));
    const ByKey gpuCap = byLabel(queries[8].result, QStringLiteral("node"));
    const auto &pvcAlloc = queries[9].result;
    const ByKey pvPrice = byLabel(queries[10].result, QStringLiteral("persistentvolume"));
    PodOwners owners;
    owners.read(queries[11].result, queries[12].result);
    const auto labels = podLabels(queries[13].result);

    // Sums of quantity x hourly price (both nano-units) per pod and day; memory in bytes x price per GiB.
    struct Acc
    {
        Int128 core = 0;
        Int128 ramBytes = 0;
        Int128 pvBytes = 0;
    };
    struct Pod
    {
        QString ns;
        QString name;
        QString node;
        std::map<int64_t, Acc> days;
    };
    std::map<QString, Pod> pods;
    std::map<int64_t, Acc> nodeDays;
    int64_t unpriced = 0;
    bool overflow = false;
    auto podOf = [&](const Series &s) -> Pod * {
        const QString ns = s.labels.value(QStringLiteral("namespace"));
        const QString name = s.labels.value(QStringLiteral("pod"));
        if (ns.isEmpty() || name.isEmpty())
            return nullptr;
        Pod &p = pods[ns + u'/' + name];
        p.ns = ns;
        p.name = name;
        const QString node = s.labels.value(QStringLiteral("node"));
        if (!node.isEmpty())
            p.node = node;
        return &p;
    };
    auto addPriced = [&](const std::vector<Series> &series, const ByKey &prices, Int128 Acc::*field) {
        for (const Series &s : series) {
            Pod *p = podOf(s);
            if (!p)
                continue;
            const QString node = s.labels.value(QStringLiteral("node"));
            for (const Sample &sample : s.samples) {
                const Int128 *price = valueAt(prices, node, sample.time);
                if (!price) {
                    unpriced += sample.value != 0 ? 1 : 0;
                    continue;
                }
                overflow = overflow || !mulAdd(&(p->days[dayOf(sample.time)].*field), sample.value, *price);
            }
        }
    };
    addPriced(cpuAlloc, cpuPrice, &Acc::core);
    addPriced(gpuAlloc, gpuPrice, &Acc::core);
    addPriced(ramAlloc, ramPrice, &Acc::ramBytes);
    for (const Series &s : pvcAlloc) {
        Pod *p = podOf(s);
        if (!p)
            continue;
        const QString pv = s.labels.value(QStringLiteral("persistentvolume"));
        for (const Sample &sample : s.samples) {
            const Int128 *price = valueAt(pvPrice, pv, sample.time);
            if (!price) {
                unpriced += sample.value != 0 ? 1 : 0;
                continue;
            }
            overflow = overflow || !mulAdd(&p->days[dayOf(sample.time)].pvBytes, sample.value, *price);
        }
    }
    // The nodes' whole cost: capacity x price for every sample that has both.
    auto addNodes = [&](const ByKey &capacity, const ByKey &prices, Int128 Acc::*field) {
        for (auto it = capacity.constBegin(); it != capacity.constEnd(); ++it) {
            for (const auto &[t, amount] : it.value()) {
                if (const Int128 *price = valueAt(prices, it.key(), t))
                    overflow = overflow || !mulAdd(&(nodeDays[dayOf(t)].*field), amount, *price);
            }
        }
    };
    addNodes(cpuCap, cpuPrice, &Acc::core);
    addNodes(gpuCap, gpuPrice, &Acc::core);
    addNodes(ramCap, ramPrice, &Acc::ramBytes);
    if (overflow) {
        *error = QStringLiteral("Prometheus costs for %1: the answer is not usable: the samples are too large to add up exactly").arg(month);
        return false;
    }

    const QString what = QStringLiteral("Prometheus costs for %1").arg(month);
    auto toMoney = [&](Int128 nanos, Money *out) {
        if (nanos > Int128(std::numeric_limits<int64_t>::max()) || nanos < Int128(std::numeric_limits<int64_t>::min()))
            return false;
        *out = Money::fromNanos(static_cast<int64_t>(nanos));
        return true;
    };
    std::set<int64_t> days;
    for (const auto &[id, pod] : pods)
        for (const auto &[day, acc] : pod.days)
            days.insert(day);
    for (const auto &[day, acc] : nodeDays)
        days.insert(day);
    for (const int64_t day : days) {
        Acc allocated;
        for (const auto &[id, pod] : pods) {
            const auto a = pod.days.find(day);
            if (a == pod.days.end())
                continue;
            Int128 nanos = 0;
            Money total;
            if (!costNanos(a->second.core, a->second.ramBytes + a->second.pvBytes, step, &nanos) || !toMoney(nanos, &total)
                || __builtin_add_overflow(allocated.core, a->second.core, &allocated.core)
                || __builtin_add_overflow(allocated.ramBytes, a->second.ramBytes, &allocated.ramBytes)) {
                *error = what + QStringLiteral(": the answer is not usable: the cost of pod %1 is too large").arg(id.left(100));
                return false;
            }
            const Owner owner = owners.byPod.value(id);
            CostRow row;
            row.chargeStart = day;
            row.chargeEnd = std::min(day + kSecondsPerDay, rangeEnd);
            row.subAccountId = batch->billingAccountId;
            row.serviceName = pod.ns;
            row.serviceCategory = QStringLiteral("Compute");
            if (!owner.controller.isEmpty())
                row.extra.append({QStringLiteral("x_controller"), owner.controller});
            if (!owner.kind.isEmpty())
                row.extra.append({QStringLiteral("x_controller_kind"), owner.kind});
            row.resourceId = id;
            row.resourceName = pod.name;
            row.resourceType = QStringLiteral("pod");
            row.chargeDescription = pod.ns + u'/' + (owner.controller.isEmpty() ? QStringLiteral("__unallocated__") : owner.controller)
                + u'/' + pod.name;
            if (!pod.node.isEmpty())
                row.extra.append({QStringLiteral("x_node"), pod.node});
            row.tags = labels.value(id);
            row.billedCost = total;
            row.effectiveCost = total;
            row.listCost = total;
            batch->rows.push_back(std::move(row));
        }
        // Idle: what the nodes cost that day minus what the pods were allocated (never below zero).
        const auto n = nodeDays.find(day);
        if (n == nodeDays.end())
            continue;
        Int128 idle = 0;
        Money total;
        if (!costNanos(n->second.core - allocated.core, n->second.ramBytes - allocated.ramBytes, step, &idle)
            || !toMoney(std::max(idle, Int128(0)), &total)) {
            *error = what + QStringLiteral(": the answer is not usable: the idle cost is too large");
            return false;
        }
        CostRow row;
        row.chargeStart = day;
        row.chargeEnd = std::min(day + kSecondsPerDay, rangeEnd);
        row.subAccountId = batch->billingAccountId;
        row.serviceName = QStringLiteral("__idle__");
        row.serviceCategory = QStringLiteral("Compute");
        row.chargeDescription = QStringLiteral("Idle cluster capacity");
        row.billedCost = total;
        row.effectiveCost = total;
        row.listCost = total;
        batch->rows.push_back(std::move(row));
    }
    if (unpriced > 0)
        m_warnings << QStringLiteral("Prometheus costs for %1: %2 samples of pods had no node or volume price at their time and "
                                     "count as zero (is OpenCost scraped on every node?)")
                          .arg(month)
                          .arg(unpriced);
    qCInfo(lcPrometheus) << "account" << m_account.name << batch->rows.size() << "rows for" << monthStart;
    return true;
}

bool PrometheusClient::fetchResources(ResourceBatch *resources, std::vector<MetricSeries> *metrics, QString *error,
                                      const CancelFn &cancelled)
{
    resources->provider = providerName();
    resources->accountId = m_account.billingAccount.isEmpty() ? m_account.name : m_account.billingAccount;
    resources->observedAt = QDateTime::currentSecsSinceEpoch();
    resources->resources.clear();
    if (metrics)
        metrics->clear();
    // The last seven whole days, one daily average each, evaluated at the end of each day.
    const int64_t today = dayStart(QDateTime::currentDateTimeUtc().date());
    const int64_t first = today - 6 * kSecondsPerDay;
    struct Query
    {
        QString promql;
        const char *metric;
        std::vector<Series> result;
    };
    Query queries[] = {{kCpuRequest, "cpu_request_cores", {}},
                       {kCpuUsage, "cpu_usage_cores", {}},
                       {kRamRequest, "memory_request_bytes", {}},
                       {kRamUsage, "memory_usage_bytes", {}},
                       {ownerQuery(kSecondsPerDay), nullptr, {}},
                       {replicaSetQuery(kSecondsPerDay), nullptr, {}},
                       {labelsQuery(kSecondsPerDay), nullptr, {}}};
    for (Query &q : queries) {
        const QString what = QStringLiteral("Prometheus query_range of %1 for the last 7 days").arg(q.promql.left(80));
        if (!queryRange(what, q.promql, first, today + 1, kSecondsPerDay, &q.result, error, cancelled))
            return false;
    }
    PodOwners owners;
    owners.read(queries[4].result, queries[5].result);
    const auto labels = podLabels(queries[6].result);
    struct Pod
    {
        ResourceRecord record;
        std::map<QString, MetricSeries> series;
        std::map<int64_t, double> cpuRequest;
        std::map<int64_t, double> cpuUsage;
        int64_t lastDay = 0;
        int64_t firstDay = 0;
    };
    std::map<QString, Pod> pods;
    for (int q = 0; q < 4; ++q) {
        for (const Series &s : queries[q].result) {
            const QString ns = s.labels.value(QStringLiteral("namespace"));
            const QString podName = s.labels.value(QStringLiteral("pod"));
            if (ns.isEmpty() || podName.isEmpty() || s.samples.empty())
                continue;
            const QString id = ns + u'/' + podName;
            Pod &pod = pods[id];
            ResourceRecord &r = pod.record;
            if (r.resourceId.isEmpty()) {
                const Owner owner = owners.byPod.value(id);
                r.provider = providerName();
                r.accountId = resources->accountId;
                r.region = resources->accountId;
                r.resourceId = id;
                r.name = podName;
                r.type = QStringLiteral("pod");
                r.flavor = owner.kind;
                r.firstSeen = resources->observedAt;
                r.lastSeen = resources->observedAt;
                r.tags.append({QStringLiteral("namespace"), ns});
                if (!owner.controller.isEmpty())
                    r.tags.append({QStringLiteral("controller"), owner.controller});
                r.tags.append(labels.value(id));
            }
            MetricSeries &m = pod.series[QLatin1String(queries[q].metric)];
            m.provider = providerName();
            m.resourceId = id;
            m.metric = QLatin1String(queries[q].metric);
            for (const Sample &sample : s.samples) {
                // The average at the end of a day is that day's point.
                const int64_t day = sample.time - kSecondsPerDay;
                const double value = double(sample.value) / 1e9;
                m.points.push_back({day, value});
                pod.lastDay = std::max(pod.lastDay, day);
                pod.firstDay = pod.firstDay == 0 ? day : std::min(pod.firstDay, day);
                if (q == 0)
                    pod.cpuRequest[day] = value;
                else if (q == 1)
                    pod.cpuUsage[day] = value;
            }
        }
    }
    const int64_t lastDay = today - kSecondsPerDay;
    for (auto &[id, pod] : pods) {
        pod.record.createdAt = pod.firstDay;
        pod.record.state = pod.lastDay == lastDay ? QStringLiteral("running") : QStringLiteral("terminated");
        // Usage as a percent of the request, the figure the rightsizing views read as "cpu".
        for (const auto &[day, request] : pod.cpuRequest) {
            const auto usage = pod.cpuUsage.find(day);
            if (request > 0 && usage != pod.cpuUsage.end()) {
                MetricSeries &m = pod.series[QStringLiteral("cpu")];
                m.provider = providerName();
                m.resourceId = id;
                m.metric = QStringLiteral("cpu");
                m.points.push_back({day, 100.0 * usage->second / request});
            }
        }
        resources->resources.push_back(pod.record);
        if (metrics) {
            for (auto &[metric, s] : pod.series) {
                std::sort(s.points.begin(), s.points.end(), [](const MetricPoint &a, const MetricPoint &b) { return a.time < b.time; });
                metrics->push_back(std::move(s));
            }
        }
    }
    qCInfo(lcPrometheus) << "account" << m_account.name << resources->resources.size() << "pods";
    return true;
}

} // namespace costscope::providers::kubernetes
