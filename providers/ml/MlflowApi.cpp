#include "providers/ml/MlflowApi.h"

#include "model/ml/MlValidation.h"
#include "model/ml/RunStore.h"
#include "model/ml/SweepMonitor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace costscope::ml {

namespace {

constexpr QByteArrayView kPrefixes[] = {"/api/2.0/mlflow/", "/ajax-api/2.0/mlflow/"};

QByteArray toJson(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

ApiResponse ok(const QJsonObject &o = {}) { return {200, toJson(o)}; }

ApiResponse fromError(const MlError &e) { return {e.httpStatus(), mlflowErrorBody(e.codeName(), e.message)}; }

ApiResponse invalid(const QString &message)
{
    return {400, mlflowErrorBody(QStringLiteral("INVALID_PARAMETER_VALUE"), message)};
}

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        return QStringLiteral("bool");
    case QJsonValue::Double:
        return v.toDouble() == std::floor(v.toDouble()) ? QStringLiteral("int") : QStringLiteral("float");
    case QJsonValue::String:
        return QStringLiteral("str");
    case QJsonValue::Array:
        return QStringLiteral("list");
    case QJsonValue::Object:
        return QStringLiteral("dict");
    default:
        break;
    }
    return QStringLiteral("NoneType");
}

QString shown(const QJsonValue &v)
{
    if (v.isString())
        return v.toString().left(100);
    if (v.isArray() || v.isObject())
        return QString::fromUtf8((v.isArray() ? QJsonDocument(v.toArray()) : QJsonDocument(v.toObject()))
                                     .toJson(QJsonDocument::Compact)
                                     .left(100));
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    return v.isBool() ? (v.toBool() ? QStringLiteral("True") : QStringLiteral("False")) : QStringLiteral("None");
}

// The parameters of one request, read with MLflow's checks and messages. The first problem found
// is kept; callers check failed() once after reading what they need.
class Params
{
public:
    explicit Params(QJsonObject o) : m_o(std::move(o)) {}

    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }
    ApiResponse response() const { return invalid(m_error); }

    bool has(const char *name) const
    {
        const QJsonValue v = m_o.value(QLatin1String(name));
        return !v.isUndefined() && !v.isNull();
    }

    QString string(const char *name, bool required)
    {
        const QJsonValue v = m_o.value(QLatin1String(name));
        if (v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty() && required)) {
            if (required)
                missing(name);
            return {};
        }
        if (!v.isString()) {
            wrongType(name, v);
            return {};
        }
        return v.toString();
    }

    // int64 given as a JSON number or a decimal string (protobuf JSON writes them as strings).
    std::optional<int64_t> int64(const char *name, bool required)
    {
        const QJsonValue v = m_o.value(QLatin1String(name));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                missing(name);
            return std::nullopt;
        }
        if (v.isString()) {
            bool okNumber = false;
            const qlonglong n = v.toString().trimmed().toLongLong(&okNumber);
            if (okNumber)
                return n;
        } else if (v.isDouble()) {
            const double d = v.toDouble();
            if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.2e18)
                return static_cast<int64_t>(d);
        }
        wrongType(name, v);
        return std::nullopt;
    }

    // A double as a number, or "NaN", "Infinity", "-Infinity" (or a number in a string).
    std::optional<double> number(const char *name, bool required)
    {
        const QJsonValue v = m_o.value(QLatin1String(name));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                missing(name);
            return std::nullopt;
        }
        if (v.isDouble())
            return v.toDouble();
        if (v.isString()) {
            const QString s = v.toString().trimmed();
            if (s == u"NaN" || s == u"nan")
                return std::numeric_limits<double>::quiet_NaN();
            if (s == u"Infinity" || s == u"inf")
                return std::numeric_limits<double>::infinity();
            if (s == u"-Infinity" || s == u"-inf")
                return -std::numeric_limits<double>::infinity();
            bool okNumber = false;
            const double d = s.toDouble(&okNumber);
            if (okNumber)
                return d;
        }
        wrongType(name, v);
        return std::nullopt;
    }

    QStringList strings(const char *name)
    {
        const QJsonValue v = m_o.value(QLatin1String(name));
        QStringList out;
        if (v.isUndefined() || v.isNull())
            return out;
        if (v.isString())
            return {v.toString()};
        if (!v.isArray()) {
            wrongType(name, v);
            return out;
        }
        for (const QJsonValue &item : v.toArray()) {
            if (!item.isString()) {
                wrongType(name, v);
                return {};
            }
            out << item.toString();
        }
        return out;
    }

    QJsonArray objects(const char *name)
    {
        const QJsonValue v = m_o.value(QLatin1String(name));
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isArray()) {
            wrongType(name, v);
            return {};
        }
        for (const QJsonValue &item : v.toArray())
            if (!item.isObject()) {
                wrongType(name, v);
                return {};
            }
        return v.toArray();
    }

    // MLflow's key/value lists: [{"key": ..., "value": ...}]; value may be absent (empty).
    KeyValues keyValues(const char *name)
    {
        KeyValues out;
        for (const QJsonValue &item : objects(name)) {
            Params p(item.toObject());
            const QString key = p.string("key", true);
            const QString value = p.string("value", false);
            if (p.failed()) {
                fail(QStringLiteral("%1 (in '%2')").arg(p.m_error, QLatin1String(name)));
                return {};
            }
            out.append({key, value});
        }
        return out;
    }

    void fail(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message;
    }

    QString runId()
    {
        QString id = string("run_id", false);
        if (id.isEmpty())
            id = string("run_uuid", false);
        if (id.isEmpty() && !failed())
            missing("run_id");
        return id;
    }

    ViewType viewType(const char *name)
    {
        const QJsonValue v = m_o.value(QLatin1String(name));
        if (v.isUndefined() || v.isNull())
            return ViewType::ActiveOnly;
        const QString s = v.isString() ? v.toString() : QString::number(v.toInt(-1));
        if (s == u"ACTIVE_ONLY" || s == u"1")
            return ViewType::ActiveOnly;
        if (s == u"DELETED_ONLY" || s == u"2")
            return ViewType::DeletedOnly;
        if (s == u"ALL" || s == u"3")
            return ViewType::All;
        wrongType(name, v);
        return ViewType::ActiveOnly;
    }

    int maxResults(int fallback)
    {
        auto n = int64("max_results", false);
        if (!n)
            return fallback;
        if (*n < 1 || *n > limits::kSearchMaxResultsThreshold) {
            fail(QStringLiteral("Invalid value %1 for parameter 'max_results' supplied. It must be a positive integer "
                                "of at most %2")
                     .arg(*n)
                     .arg(limits::kSearchMaxResultsThreshold));
            return fallback;
        }
        return static_cast<int>(*n);
    }

private:
    void missing(const char *name)
    {
        fail(QStringLiteral("Missing value for required parameter '%1'. See the API docs for more information about "
                            "request parameters.")
                 .arg(QLatin1String(name)));
    }
    void wrongType(const char *name, const QJsonValue &v)
    {
        fail(QStringLiteral("Invalid value %1 for parameter '%2' supplied. Hint: Value was of type '%3'. See the API "
                            "docs for more information about request parameters.")
                 .arg(shown(v), QLatin1String(name), typeName(v)));
    }

    QJsonObject m_o;
    QString m_error;
};

QJsonArray keyValuesJson(const KeyValues &kv)
{
    QJsonArray a;
    for (const auto &p : kv)
        a.append(QJsonObject{{QStringLiteral("key"), p.first}, {QStringLiteral("value"), p.second}});
    return a;
}

QJsonValue doubleJson(double v)
{
    if (std::isnan(v))
        return QStringLiteral("NaN");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
    return v;
}

QJsonObject metricJson(const Metric &m)
{
    return {{QStringLiteral("key"), m.key},
            {QStringLiteral("value"), doubleJson(m.value)},
            {QStringLiteral("timestamp"), static_cast<qint64>(m.timestamp)},
            {QStringLiteral("step"), static_cast<qint64>(m.step)}};
}

QJsonObject experimentJson(const Experiment &e)
{
    QJsonObject o{{QStringLiteral("experiment_id"), e.experimentId},
                  {QStringLiteral("name"), e.name},
                  {QStringLiteral("artifact_location"), e.artifactLocation},
                  {QStringLiteral("lifecycle_stage"), e.lifecycleStage},
                  {QStringLiteral("last_update_time"), static_cast<qint64>(e.lastUpdateTime)},
                  {QStringLiteral("creation_time"), static_cast<qint64>(e.creationTime)}};
    if (!e.tags.isEmpty())
        o.insert(QStringLiteral("tags"), keyValuesJson(e.tags));
    return o;
}

QJsonObject runInfoJson(const RunInfo &i)
{
    QJsonObject o{{QStringLiteral("run_id"), i.runId},
                  {QStringLiteral("run_uuid"), i.runId},
                  {QStringLiteral("run_name"), i.runName},
                  {QStringLiteral("experiment_id"), i.experimentId},
                  {QStringLiteral("user_id"), i.userId},
                  {QStringLiteral("status"), i.status},
                  {QStringLiteral("start_time"), static_cast<qint64>(i.startTime)},
                  {QStringLiteral("artifact_uri"), i.artifactUri},
                  {QStringLiteral("lifecycle_stage"), i.lifecycleStage}};
    if (i.endTime)
        o.insert(QStringLiteral("end_time"), static_cast<qint64>(*i.endTime));
    return o;
}

QJsonObject runJson(const Run &r)
{
    QJsonObject data;
    QJsonArray metrics;
    for (const Metric &m : r.metrics)
        metrics.append(metricJson(m));
    if (!metrics.isEmpty())
        data.insert(QStringLiteral("metrics"), metrics);
    if (!r.params.isEmpty())
        data.insert(QStringLiteral("params"), keyValuesJson(r.params));
    if (!r.tags.isEmpty())
        data.insert(QStringLiteral("tags"), keyValuesJson(r.tags));
    return {{QStringLiteral("info"), runInfoJson(r.info)},
            {QStringLiteral("data"), data},
            {QStringLiteral("inputs"), QJsonObject()}};
}

// ---- handlers ----

using Handler = std::function<ApiResponse(RunStore &, Params &)>;

ApiResponse createExperiment(RunStore &s, Params &p)
{
    const QString name = p.string("name", true);
    const QString location = p.string("artifact_location", false);
    const KeyValues tags = p.keyValues("tags");
    if (p.failed())
        return p.response();
    MlError e;
    auto id = s.createExperiment(name, location, tags, &e);
    if (!id)
        return fromError(e);
    return ok({{QStringLiteral("experiment_id"), *id}});
}

ApiResponse getExperiment(RunStore &s, Params &p)
{
    const QString id = p.string("experiment_id", true);
    if (p.failed())
        return p.response();
    MlError e;
    auto exp = s.experiment(id, &e);
    if (!exp)
        return fromError(e);
    return ok({{QStringLiteral("experiment"), experimentJson(*exp)}});
}

ApiResponse getExperimentByName(RunStore &s, Params &p)
{
    const QString name = p.string("experiment_name", true);
    if (p.failed())
        return p.response();
    MlError e;
    auto exp = s.experimentByName(name, &e);
    if (!exp)
        return fromError(e);
    return ok({{QStringLiteral("experiment"), experimentJson(*exp)}});
}

ApiResponse searchExperiments(RunStore &s, Params &p)
{
    ExperimentQuery q;
    q.maxResults = p.maxResults(limits::kSearchMaxResultsDefault);
    q.pageToken = p.string("page_token", false);
    q.filter = p.string("filter", false);
    q.orderBy = p.strings("order_by");
    q.viewType = p.viewType("view_type");
    if (p.failed())
        return p.response();
    MlError e;
    auto page = s.searchExperiments(q, &e);
    if (!page)
        return fromError(e);
    QJsonArray list;
    for (const Experiment &x : page->experiments)
        list.append(experimentJson(x));
    QJsonObject o;
    if (!list.isEmpty())
        o.insert(QStringLiteral("experiments"), list);
    if (!page->nextPageToken.isEmpty())
        o.insert(QStringLiteral("next_page_token"), page->nextPageToken);
    return ok(o);
}

ApiResponse updateExperiment(RunStore &s, Params &p)
{
    const QString id = p.string("experiment_id", true);
    const QString name = p.string("new_name", false);
    if (p.failed())
        return p.response();
    MlError e;
    if (p.has("new_name") && !s.renameExperiment(id, name, &e))
        return fromError(e);
    if (!p.has("new_name") && !s.experiment(id, &e))
        return fromError(e);
    return ok();
}

ApiResponse deleteExperiment(RunStore &s, Params &p)
{
    const QString id = p.string("experiment_id", true);
    if (p.failed())
        return p.response();
    MlError e;
    return s.deleteExperiment(id, &e) ? ok() : fromError(e);
}

ApiResponse restoreExperiment(RunStore &s, Params &p)
{
    const QString id = p.string("experiment_id", true);
    if (p.failed())
        return p.response();
    MlError e;
    return s.restoreExperiment(id, &e) ? ok() : fromError(e);
}

ApiResponse setExperimentTag(RunStore &s, Params &p)
{
    const QString id = p.string("experiment_id", true);
    const QString key = p.string("key", true);
    const QString value = p.string("value", false);
    if (p.failed())
        return p.response();
    MlError e;
    return s.setExperimentTag(id, key, value, &e) ? ok() : fromError(e);
}

ApiResponse createRun(RunStore &s, Params &p)
{
    NewRun r;
    r.experimentId = p.string("experiment_id", false);
    if (r.experimentId.isEmpty())
        r.experimentId = QStringLiteral("0");
    r.userId = p.string("user_id", false);
    r.startTime = p.int64("start_time", false);
    r.runName = p.string("run_name", false);
    r.tags = p.keyValues("tags");
    if (p.failed())
        return p.response();
    MlError e;
    auto run = s.createRun(r, &e);
    if (!run)
        return fromError(e);
    return ok({{QStringLiteral("run"), runJson(*run)}});
}

ApiResponse getRun(RunStore &s, Params &p)
{
    const QString id = p.runId();
    if (p.failed())
        return p.response();
    MlError e;
    auto run = s.run(id, &e);
    if (!run)
        return fromError(e);
    return ok({{QStringLiteral("run"), runJson(*run)}});
}

ApiResponse updateRun(RunStore &s, Params &p)
{
    const QString id = p.runId();
    std::optional<QString> status;
    if (p.has("status"))
        status = p.string("status", true);
    const auto endTime = p.int64("end_time", false);
    std::optional<QString> name;
    if (p.has("run_name"))
        name = p.string("run_name", false);
    if (p.failed())
        return p.response();
    MlError e;
    auto info = s.updateRun(id, status, endTime, name, &e);
    if (!info)
        return fromError(e);
    return ok({{QStringLiteral("run_info"), runInfoJson(*info)}});
}

ApiResponse deleteRun(RunStore &s, Params &p)
{
    const QString id = p.runId();
    if (p.failed())
        return p.response();
    MlError e;
    return s.deleteRun(id, &e) ? ok() : fromError(e);
}

ApiResponse restoreRun(RunStore &s, Params &p)
{
    const QString id = p.runId();
    if (p.failed())
        return p.response();
    MlError e;
    return s.restoreRun(id, &e) ? ok() : fromError(e);
}

std::optional<Metric> readMetric(Params &p)
{
    Metric m;
    m.key = p.string("key", true);
    const auto value = p.number("value", true);
    const auto timestamp = p.int64("timestamp", true);
    const auto step = p.int64("step", false);
    if (p.failed() || !value || !timestamp)
        return std::nullopt;
    m.value = *value;
    m.timestamp = *timestamp;
    m.step = step.value_or(0);
    return m;
}

ApiResponse logMetric(RunStore &s, Params &p)
{
    const QString id = p.runId();
    auto m = readMetric(p);
    if (p.failed() || !m)
        return p.response();
    MlError e;
    return s.logMetric(id, *m, &e) ? ok() : fromError(e);
}

ApiResponse logParam(RunStore &s, Params &p)
{
    const QString id = p.runId();
    const QString key = p.string("key", true);
    const QString value = p.string("value", false);
    if (p.failed())
        return p.response();
    MlError e;
    return s.logParam(id, key, value, &e) ? ok() : fromError(e);
}

ApiResponse setTag(RunStore &s, Params &p)
{
    const QString id = p.runId();
    const QString key = p.string("key", true);
    const QString value = p.string("value", false);
    if (p.failed())
        return p.response();
    MlError e;
    return s.setTag(id, key, value, &e) ? ok() : fromError(e);
}

ApiResponse deleteTag(RunStore &s, Params &p)
{
    const QString id = p.runId();
    const QString key = p.string("key", true);
    if (p.failed())
        return p.response();
    MlError e;
    return s.deleteTag(id, key, &e) ? ok() : fromError(e);
}

ApiResponse logBatch(RunStore &s, Params &p)
{
    const QString id = p.runId();
    std::vector<Metric> metrics;
    const QJsonArray list = p.objects("metrics");
    // Counted before reading, so an oversized batch is refused with MLflow's message.
    if (list.size() > limits::kMaxMetricsPerBatch)
        return invalid(QStringLiteral("A batch logging request can contain at most %1 metrics. Got %2 metrics. Please "
                                      "split up metrics across multiple requests and try again.")
                           .arg(limits::kMaxMetricsPerBatch)
                           .arg(list.size()));
    for (const QJsonValue &v : list) {
        Params mp(v.toObject());
        auto m = readMetric(mp);
        if (!m) {
            p.fail(mp.error() + u" (in 'metrics')");
            break;
        }
        metrics.push_back(*m);
    }
    const KeyValues params = p.keyValues("params");
    const KeyValues tags = p.keyValues("tags");
    if (p.failed())
        return p.response();
    MlError e;
    return s.logBatch(id, metrics, params, tags, &e) ? ok() : fromError(e);
}

ApiResponse logInputs(RunStore &s, Params &p)
{
    // Datasets are not kept yet; the run must exist so a client sees the same errors.
    const QString id = p.runId();
    if (p.failed())
        return p.response();
    MlError e;
    return s.run(id, &e) ? ok() : fromError(e);
}

ApiResponse searchRuns(RunStore &s, Params &p)
{
    RunQuery q;
    q.experimentIds = p.strings("experiment_ids");
    q.filter = p.string("filter", false);
    q.viewType = p.viewType("run_view_type");
    q.maxResults = p.maxResults(limits::kSearchMaxResultsDefault);
    q.orderBy = p.strings("order_by");
    q.pageToken = p.string("page_token", false);
    if (p.failed())
        return p.response();
    MlError e;
    auto page = s.searchRuns(q, &e);
    if (!page)
        return fromError(e);
    QJsonArray list;
    for (const Run &r : page->runs)
        list.append(runJson(r));
    QJsonObject o;
    if (!list.isEmpty())
        o.insert(QStringLiteral("runs"), list);
    if (!page->nextPageToken.isEmpty())
        o.insert(QStringLiteral("next_page_token"), page->nextPageToken);
    return ok(o);
}

ApiResponse metricHistory(RunStore &s, Params &p)
{
    const QString id = p.runId();
    const QString key = p.string("metric_key", true);
    const auto maxResults = p.int64("max_results", false);
    const QString token = p.string("page_token", false);
    if (p.failed())
        return p.response();
    if (maxResults && (*maxResults < 1 || *maxResults > limits::kMetricHistoryMaxResults))
        return invalid(QStringLiteral("Invalid value %1 for parameter 'max_results': it must be between 1 and %2")
                           .arg(*maxResults)
                           .arg(limits::kMetricHistoryMaxResults));
    MlError e;
    auto page = s.metricHistory(id, key, static_cast<int>(maxResults.value_or(0)), token, &e);
    if (!page)
        return fromError(e);
    QJsonArray list;
    for (const Metric &m : page->metrics)
        list.append(metricJson(m));
    QJsonObject o;
    if (!list.isEmpty())
        o.insert(QStringLiteral("metrics"), list);
    if (!page->nextPageToken.isEmpty())
        o.insert(QStringLiteral("next_page_token"), page->nextPageToken);
    return ok(o);
}

struct Route
{
    const char *path;
    const char *method;
    Handler handler;
};

const std::vector<Route> &routes()
{
    static const std::vector<Route> kRoutes = {
        {"experiments/create", "POST", createExperiment},
        {"experiments/get", "GET", getExperiment},
        {"experiments/get-by-name", "GET", getExperimentByName},
        {"experiments/search", "POST", searchExperiments},
        {"experiments/search", "GET", searchExperiments},
        {"experiments/list", "GET", searchExperiments}, // MLflow 1.x; still used by older clients
        {"experiments/update", "POST", updateExperiment},
        {"experiments/delete", "POST", deleteExperiment},
        {"experiments/restore", "POST", restoreExperiment},
        {"experiments/set-experiment-tag", "POST", setExperimentTag},
        {"runs/create", "POST", createRun},
        {"runs/get", "GET", getRun},
        {"runs/update", "POST", updateRun},
        {"runs/delete", "POST", deleteRun},
        {"runs/restore", "POST", restoreRun},
        {"runs/search", "POST", searchRuns},
        {"runs/log-metric", "POST", logMetric},
        {"runs/log-parameter", "POST", logParam},
        {"runs/set-tag", "POST", setTag},
        {"runs/delete-tag", "POST", deleteTag},
        {"runs/log-batch", "POST", logBatch},
        {"runs/log-inputs", "POST", logInputs},
        {"metrics/get-history", "GET", metricHistory},
    };
    return kRoutes;
}

// GET parameters; a repeated name becomes a list.
QJsonObject queryParams(const QByteArray &query)
{
    QJsonObject o;
    const QUrlQuery q(QString::fromUtf8(query));
    for (const auto &item : q.queryItems(QUrl::FullyDecoded)) {
        const QJsonValue existing = o.value(item.first);
        if (existing.isUndefined()) {
            o.insert(item.first, item.second);
        } else {
            QJsonArray a = existing.isArray() ? existing.toArray() : QJsonArray{existing};
            a.append(item.second);
            o.insert(item.first, a);
        }
    }
    return o;
}

} // namespace

QByteArray mlflowErrorBody(const QString &code, const QString &message)
{
    return toJson({{QStringLiteral("error_code"), code}, {QStringLiteral("message"), message}});
}

bool MlflowApi::isApiPath(const QByteArray &path)
{
    for (QByteArrayView prefix : kPrefixes)
        if (path.startsWith(prefix))
            return true;
    return false;
}

ApiResponse MlflowApi::handle(const QByteArray &method, const QByteArray &path, const QByteArray &query,
                              const QByteArray &body)
{
    QByteArray endpoint;
    for (QByteArrayView prefix : kPrefixes)
        if (path.startsWith(prefix))
            endpoint = path.mid(prefix.size());
    bool known = false;
    const Route *route = nullptr;
    for (const Route &r : routes()) {
        if (endpoint != r.path)
            continue;
        known = true;
        if (method == r.method)
            route = &r;
    }
    if (!known)
        return {404, mlflowErrorBody(QStringLiteral("ENDPOINT_NOT_FOUND"),
                                     QStringLiteral("No API endpoint %1").arg(QString::fromUtf8(path.left(200))))};
    if (!route)
        return {405, mlflowErrorBody(QStringLiteral("BAD_REQUEST"),
                                     QStringLiteral("Method %1 is not allowed for %2")
                                         .arg(QString::fromUtf8(method.left(20)), QString::fromUtf8(path.left(200))))};
    QJsonObject params = queryParams(query);
    if (!body.trimmed().isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return {400, mlflowErrorBody(QStringLiteral("MALFORMED_REQUEST"),
                                         QStringLiteral("Malformed JSON body at offset %1: %2")
                                             .arg(parseError.offset)
                                             .arg(parseError.errorString()))};
        if (!doc.isObject())
            return {400, mlflowErrorBody(QStringLiteral("MALFORMED_REQUEST"),
                                         QStringLiteral("The request body must be a JSON object"))};
        const QJsonObject b = doc.object();
        for (auto it = b.begin(); it != b.end(); ++it)
            params.insert(it.key(), it.value());
    }
    Params p(params);
    ApiResponse response = route->handler(m_store, p);
    if (m_observer && response.status == 200 && endpoint.startsWith("runs/")) {
        static const QByteArray kWrites[] = {"runs/update", "runs/log-metric", "runs/log-parameter", "runs/set-tag",
                                             "runs/delete-tag", "runs/log-batch"};
        QString runId;
        if (endpoint == "runs/create") {
            runId = QJsonDocument::fromJson(response.body).object().value(u"run").toObject().value(u"info")
                        .toObject().value(u"run_id").toString();
        } else if (std::find(std::begin(kWrites), std::end(kWrites), endpoint) != std::end(kWrites)) {
            runId = params.value(u"run_id").toString();
            if (runId.isEmpty())
                runId = params.value(u"run_uuid").toString();
        }
        if (!runId.isEmpty())
            m_observer->runWritten(runId);
    }
    return response;
}

} // namespace costscope::ml
