#include "providers/kubernetes/OpenCostClient.h"

#include "providers/kubernetes/BearerFailure.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QLoggingCategory>
#include <QTimeZone>
#include <QUrlQuery>

#include <map>

namespace costscope::providers::kubernetes {

Q_LOGGING_CATEGORY(lcOpenCost, "costscope.opencost", QtInfoMsg)

namespace {

constexpr int64_t kSecondsPerDay = 86400;
const QString kCostAggregate = QStringLiteral("namespace,controller,pod");

int64_t dayStart(const QDate &d)
{
    return QDateTime(d, QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
}

QString rfc3339(int64_t secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"));
}

int64_t parseTime(const QString &text)
{
    const QDateTime t = QDateTime::fromString(text, Qt::ISODate);
    return t.isValid() ? t.toSecsSinceEpoch() : -1;
}

QString numberText(double v)
{
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}

// The cost components OpenCost adds into totalCost (adjustments, shared and external costs are
// sent only when non-zero by some versions; absent means zero).
const char *const kComponents[] = {"cpuCost",           "cpuCostAdjustment",     "gpuCost",
                                   "gpuCostAdjustment", "ramCost",               "ramCostAdjustment",
                                   "pvCost",            "pvCostAdjustment",      "networkCost",
                                   "networkCostAdjustment", "loadBalancerCost",  "loadBalancerCostAdjustment",
                                   "sharedCost",        "externalCost"};

bool isSpecialName(const QString &name)
{
    return name.startsWith(u"__") && name.endsWith(u"__");
}

} // namespace

OpenCostClient::OpenCostClient(AccountConfig account, QString token, const net::HttpClient &http, ClientOptions options)
    : m_account(std::move(account))
    , m_token(std::move(token))
    , m_http(http)
    , m_options(options)
{
}

OpenCostClient::~OpenCostClient()
{
    m_token.fill(u'\0');
}

bool OpenCostClient::allocationCost(const QJsonObject &allocation, Money *total, QString *error)
{
    Money sum;
    for (const char *key : kComponents) {
        const QJsonValue v = allocation.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            continue;
        if (!v.isDouble()) {
            *error = QStringLiteral("%1 is not a number").arg(QLatin1String(key));
            return false;
        }
        const std::optional<Money> m = Money::parse(numberText(v.toDouble()));
        if (!m) {
            *error = QStringLiteral("%1 is out of range").arg(QLatin1String(key));
            return false;
        }
        sum += *m;
    }
    *total = sum;
    return true;
}

QString OpenCostClient::scrub(QString text) const
{
    if (m_token.size() >= 4)
        text.replace(m_token, QStringLiteral("REDACTED"));
    return text;
}

QUrl OpenCostClient::allocationUrl(int64_t from, int64_t to, const QString &aggregate, bool accumulate) const
{
    QUrl url(m_account.endpoint);
    QString path = url.path();
    if (!path.endsWith(u'/'))
        path += u'/';
    url.setPath(path + QStringLiteral("allocation"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("window"), rfc3339(from) + u',' + rfc3339(to));
    query.addQueryItem(QStringLiteral("aggregate"), aggregate);
    query.addQueryItem(QStringLiteral("step"), QStringLiteral("1d"));
    query.addQueryItem(QStringLiteral("accumulate"), accumulate ? QStringLiteral("true") : QStringLiteral("false"));
    query.addQueryItem(QStringLiteral("includeIdle"), QStringLiteral("true"));
    url.setQuery(query);
    return url;
}

QString OpenCostClient::describeFailure(const QString &what, const net::HttpResult &result) const
{
    BearerApi api;
    api.forbidden = QStringLiteral("the token lacks a permission to read the allocation API");
    api.notFound = QStringLiteral("no OpenCost allocation API at this URL; check the endpoint of account '%1'");
    return scrub(describeBearerFailure(what, result, m_account.name, !m_token.isEmpty(), api));
}

bool OpenCostClient::fetchSets(const QString &what, int64_t from, int64_t to, const QString &aggregate,
                               std::vector<AllocationSet> *sets, QString *error, const CancelFn &cancelled) const
{
    sets->clear();
    int64_t cursor = from;
    auto fetchPage = [&](const QString &, QString *nextToken, QString *pageError) -> bool {
        net::HttpRequest request;
        request.method = "GET";
        request.url = allocationUrl(cursor, to, aggregate, false);
        request.headers.append({QByteArray("Accept"), QByteArray("application/json")});
        if (!m_token.isEmpty())
            request.headers.append({QByteArray("Authorization"), QByteArray("Bearer " + m_token.toUtf8())});
        qCDebug(lcOpenCost) << "account" << m_account.name << what << rfc3339(cursor);
        const net::HttpResult result = m_http.send(std::move(request), cancelled);
        if (!result.ok) {
            *pageError = describeFailure(what, result);
            return false;
        }
        const QByteArray &body = result.response.body;
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
            *pageError = what + QStringLiteral(": the answer is not usable (not valid JSON: %1 at byte %2 of %3)")
                                    .arg(parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                                      : QStringLiteral("not an object"))
                                    .arg(parseError.offset)
                                    .arg(body.size());
            return false;
        }
        const QJsonObject o = doc.object();
        const QJsonValue code = o.value(QStringLiteral("code"));
        if (code.isDouble() && code.toInt() != 200) {
            *pageError = what + QStringLiteral(": OpenCost answered code %1: %2")
                                    .arg(code.toInt())
                                    .arg(o.value(QStringLiteral("message")).toString().left(300));
            *pageError = scrub(*pageError);
            return false;
        }
        const QJsonValue data = o.value(QStringLiteral("data"));
        if (!data.isArray()) {
            *pageError = what + QStringLiteral(": the answer is not usable: it has no data list");
            return false;
        }
        int added = 0;
        for (const QJsonValue &setValue : data.toArray()) {
            if (cursor >= to) {
                *pageError = what + QStringLiteral(": the answer is not usable: more allocation sets than days asked for");
                return false;
            }
            if (!setValue.isObject() && !setValue.isNull()) {
                *pageError = what + QStringLiteral(": the answer is not usable: an allocation set is not an object");
                return false;
            }
            AllocationSet set;
            set.allocations = setValue.toObject();
            set.start = cursor;
            set.end = std::min(cursor + kSecondsPerDay, to);
            // The window of a set is the window of its allocations (all alike).
            for (auto it = set.allocations.constBegin(); it != set.allocations.constEnd(); ++it) {
                if (!it.value().isObject()) {
                    *pageError = what + QStringLiteral(": the answer is not usable: allocation '%1' is not an object").arg(it.key().left(100));
                    return false;
                }
                const QJsonObject window = it.value().toObject().value(QStringLiteral("window")).toObject();
                const int64_t s = parseTime(window.value(QStringLiteral("start")).toString());
                const int64_t e = parseTime(window.value(QStringLiteral("end")).toString());
                if (s < 0 || e < 0)
                    continue;
                if (s != cursor || e <= s || e > to || e > dayStart(QDateTime::fromSecsSinceEpoch(s, QTimeZone::utc()).date()) + kSecondsPerDay) {
                    *pageError = what + QStringLiteral(": the answer is not usable: allocation '%1' covers %2 to %3, not the next day "
                                                       "from %4")
                                            .arg(it.key().left(100), window.value(QStringLiteral("start")).toString().left(30),
                                                 window.value(QStringLiteral("end")).toString().left(30), rfc3339(cursor));
                    return false;
                }
                set.end = e;
                break;
            }
            cursor = set.end;
            sets->push_back(std::move(set));
            ++added;
        }
        // Fewer sets than days asked for: ask again from where the answer ended, unless it ended
        // at about now (OpenCost ends today's set at the present moment).
        nextToken->clear();
        if (added > 0 && cursor < to && cursor < QDateTime::currentSecsSinceEpoch() - 3600)
            *nextToken = QString::number(cursor);
        return true;
    };
    const net::PagingResult paging = net::fetchPages(m_options.maxPages, fetchPage, cancelled);
    if (const QString why = paging.failure(what, QStringLiteral("each answer ended before the window asked for"));
        !why.isEmpty()) {
        *error = why;
        sets->clear();
        return false;
    }
    return true;
}

QString OpenCostClient::testConnection(const CancelFn &cancelled)
{
    const int64_t today = dayStart(QDateTime::currentDateTimeUtc().date());
    std::vector<AllocationSet> sets;
    QString error;
    if (!fetchSets(QStringLiteral("OpenCost allocation"), today - kSecondsPerDay, today, QStringLiteral("cluster"), &sets,
                   &error, cancelled))
        return error;
    return {};
}

bool OpenCostClient::fetchMonth(const QDate &from, const QDate &to, CostBatch *batch, QString *error,
                                const CancelFn &cancelled)
{
    if (!isRangeInOneMonth(QStringLiteral("OpenCost"), from, to, error))
        return false;
    const QDate monthStart(from.year(), from.month(), 1);
    beginMonthBatch(batch, providerName(), m_account, monthStart);
    batch->currency = QStringLiteral("USD"); // OpenCost prices in its configured currency; USD unless changed
    const QString what = QStringLiteral("OpenCost allocation for %1").arg(monthStart.toString(QStringLiteral("yyyy-MM")));
    std::vector<AllocationSet> sets;
    if (!fetchSets(what, dayStart(from), dayStart(to), kCostAggregate, &sets, error, cancelled))
        return false;
    for (const AllocationSet &set : sets) {
        for (auto it = set.allocations.constBegin(); it != set.allocations.constEnd(); ++it) {
            const QJsonObject a = it.value().toObject();
            const QJsonObject properties = a.value(QStringLiteral("properties")).toObject();
            CostRow row;
            QString costError;
            Money total;
            if (!allocationCost(a, &total, &costError)) {
                *error = what + QStringLiteral(": the answer is not usable: allocation '%1': %2").arg(it.key().left(100), costError);
                batch->rows.clear();
                return false;
            }
            const QString name = a.value(QStringLiteral("name")).toString(it.key());
            const QString ns = properties.value(QStringLiteral("namespace")).toString();
            const QString pod = properties.value(QStringLiteral("pod")).toString();
            row.chargeStart = set.start;
            row.chargeEnd = set.end;
            row.subAccountId = properties.value(QStringLiteral("cluster")).toString();
            if (row.subAccountId.isEmpty())
                row.subAccountId = batch->billingAccountId;
            if (name == u"__idle__" || ns.isEmpty()) {
                // Idle capacity stays its own row so that allocation can split it later.
                row.serviceName = isSpecialName(name) ? name : QStringLiteral("__unallocated__");
                row.chargeDescription = name == u"__idle__" ? QStringLiteral("Idle cluster capacity") : name;
            } else {
                row.serviceName = ns;
                const QString controller = properties.value(QStringLiteral("controller")).toString();
                const QString kind = properties.value(QStringLiteral("controllerKind")).toString();
                if (!controller.isEmpty())
                    row.extra.append({QStringLiteral("x_controller"), controller});
                if (!kind.isEmpty())
                    row.extra.append({QStringLiteral("x_controller_kind"), kind});
                if (!pod.isEmpty() && !isSpecialName(pod)) {
                    row.resourceId = ns + u'/' + pod;
                    row.resourceName = pod;
                    row.resourceType = QStringLiteral("pod");
                }
                row.chargeDescription = name;
            }
            const QString node = properties.value(QStringLiteral("node")).toString();
            if (!node.isEmpty())
                row.extra.append({QStringLiteral("x_node"), node});
            const QJsonObject labels = properties.value(QStringLiteral("labels")).toObject();
            for (auto l = labels.constBegin(); l != labels.constEnd(); ++l)
                row.tags.append({l.key(), l.value().toString()});
            row.serviceCategory = QStringLiteral("Compute");
            row.billedCost = total;
            row.effectiveCost = total;
            row.listCost = total;
            batch->rows.push_back(std::move(row));
        }
    }
    qCInfo(lcOpenCost) << "account" << m_account.name << batch->rows.size() << "allocations for" << monthStart;
    return true;
}

bool OpenCostClient::fetchResources(ResourceBatch *resources, std::vector<MetricSeries> *metrics, QString *error,
                                    const CancelFn &cancelled)
{
    resources->provider = providerName();
    resources->accountId = m_account.billingAccount.isEmpty() ? m_account.name : m_account.billingAccount;
    resources->observedAt = QDateTime::currentSecsSinceEpoch();
    resources->resources.clear();
    if (metrics)
        metrics->clear();
    // The pods of the last seven whole days, one point per day for requests and usage.
    const int64_t today = dayStart(QDateTime::currentDateTimeUtc().date());
    std::vector<AllocationSet> sets;
    if (!fetchSets(QStringLiteral("OpenCost allocation of the last 7 days"), today - 7 * kSecondsPerDay, today, kCostAggregate,
                   &sets, error, cancelled))
        return false;
    struct Pod
    {
        ResourceRecord record;
        std::map<QString, MetricSeries> series;
        int64_t lastSet = 0;
    };
    std::map<QString, Pod> pods;
    const int64_t lastSetStart = sets.empty() ? 0 : sets.back().start;
    for (const AllocationSet &set : sets) {
        for (auto it = set.allocations.constBegin(); it != set.allocations.constEnd(); ++it) {
            const QJsonObject a = it.value().toObject();
            const QJsonObject properties = a.value(QStringLiteral("properties")).toObject();
            const QString ns = properties.value(QStringLiteral("namespace")).toString();
            const QString podName = properties.value(QStringLiteral("pod")).toString();
            if (ns.isEmpty() || podName.isEmpty() || isSpecialName(podName) || isSpecialName(it.key()))
                continue;
            const QString id = ns + u'/' + podName;
            Pod &pod = pods[id];
            ResourceRecord &r = pod.record;
            if (r.resourceId.isEmpty()) {
                r.provider = providerName();
                r.accountId = resources->accountId;
                r.region = properties.value(QStringLiteral("cluster")).toString();
                r.resourceId = id;
                r.name = podName;
                r.type = QStringLiteral("pod");
                r.flavor = properties.value(QStringLiteral("controllerKind")).toString();
                r.firstSeen = resources->observedAt;
                r.lastSeen = resources->observedAt;
                const int64_t started = parseTime(a.value(QStringLiteral("start")).toString());
                r.createdAt = started > 0 ? started : set.start;
                r.tags.append({QStringLiteral("namespace"), ns});
                const QString controller = properties.value(QStringLiteral("controller")).toString();
                if (!controller.isEmpty())
                    r.tags.append({QStringLiteral("controller"), controller});
                const QJsonObject labels = properties.value(QStringLiteral("labels")).toObject();
                for (auto l = labels.constBegin(); l != labels.constEnd(); ++l)
                    r.tags.append({l.key(), l.value().toString()});
            }
            pod.lastSet = std::max(pod.lastSet, set.start);
            const double cpuRequest = a.value(QStringLiteral("cpuCoreRequestAverage")).toDouble();
            const double cpuUsage = a.value(QStringLiteral("cpuCoreUsageAverage")).toDouble();
            const double ramRequest = a.value(QStringLiteral("ramByteRequestAverage")).toDouble();
            const double ramUsage = a.value(QStringLiteral("ramByteUsageAverage")).toDouble();
            auto add = [&](const QString &metric, double value) {
                MetricSeries &s = pod.series[metric];
                s.provider = providerName();
                s.resourceId = id;
                s.metric = metric;
                s.points.push_back({set.start, value});
            };
            add(QStringLiteral("cpu_request_cores"), cpuRequest);
            add(QStringLiteral("cpu_usage_cores"), cpuUsage);
            add(QStringLiteral("memory_request_bytes"), ramRequest);
            add(QStringLiteral("memory_usage_bytes"), ramUsage);
            // Usage as a percent of the request, the figure the rightsizing views read as "cpu".
            if (cpuRequest > 0)
                add(QStringLiteral("cpu"), 100.0 * cpuUsage / cpuRequest);
        }
    }
    for (auto &[id, pod] : pods) {
        pod.record.state = pod.lastSet == lastSetStart ? QStringLiteral("running") : QStringLiteral("terminated");
        resources->resources.push_back(pod.record);
        if (metrics) {
            for (auto &[metric, s] : pod.series)
                metrics->push_back(std::move(s));
        }
    }
    qCInfo(lcOpenCost) << "account" << m_account.name << resources->resources.size() << "pods";
    return true;
}

} // namespace costscope::providers::kubernetes
