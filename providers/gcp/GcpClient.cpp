#include "providers/gcp/GcpClient.h"

#include "providers/auth/GoogleTokenProvider.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMap>
#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace costscope::providers::gcp {

Q_LOGGING_CATEGORY(lcGcp, "costscope.gcp", QtInfoMsg)

namespace {

constexpr int64_t kSecondsPerDay = 86400;
constexpr int kRowsPerPage = 10000;

const QStringList &scopes()
{
    // jobs.query creates a job, which the read-only BigQuery scope does not allow; Compute and
    // Monitoring are read through cloud-platform.read-only.
    static const QStringList s = {QStringLiteral("https://www.googleapis.com/auth/bigquery"),
                                  QStringLiteral("https://www.googleapis.com/auth/cloud-platform.read-only")};
    return s;
}

int64_t dayStart(const QDate &d)
{
    return QDateTime(d, QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
}

int64_t parseTime(const QString &text)
{
    if (text.isEmpty())
        return 0;
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    return t.isValid() ? t.toSecsSinceEpoch() : 0;
}

QString lastSegment(const QString &url)
{
    return url.section(u'/', -1);
}

// Ids Google returns that go back into a URL path: nothing that could change the path.
bool safeId(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_.:-]{1,1024}$"));
    return re.match(text).hasMatch();
}

QByteArray queryString(const QList<QPair<QString, QString>> &params)
{
    QByteArray out;
    for (const auto &[key, value] : params) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}

QString notUsable(const QString &what, const QJsonParseError &e, qsizetype size)
{
    return QStringLiteral("%1: the answer is not usable: not valid JSON (%2 at byte %3 of %4)")
        .arg(what, e.errorString())
        .arg(e.offset)
        .arg(size);
}

Tags labelsOf(const QJsonObject &labels)
{
    Tags tags;
    for (auto it = labels.begin(); it != labels.end(); ++it)
        tags.append({it.key(), it.value().toString()});
    return tags;
}

QString stateOf(const QString &status)
{
    if (status == u"RUNNING")
        return QStringLiteral("running");
    if (status == u"TERMINATED" || status == u"STOPPED")
        return QStringLiteral("stopped");
    return status.toLower();
}

} // namespace

// --- BillingTable ------------------------------------------------------------------------------

QString BillingTable::quoted() const
{
    return u'`' + project + u'.' + dataset + u'.' + table + u'`';
}

bool BillingTable::parse(const QString &text, BillingTable *out, QString *error)
{
    // Project ids: 6-30 of [a-z0-9-] (optionally "domain.com:" before); datasets and tables:
    // letters, digits and underscores (tables may also hold '-'). Nothing else can reach the SQL.
    static const QRegularExpression re(QStringLiteral(
        "^((?:[a-z][a-z0-9.-]{0,62}:)?[a-z][a-z0-9-]{4,28}[a-z0-9])\\.([A-Za-z0-9_]{1,1024})\\.([A-Za-z0-9_-]{1,1024})$"));
    const QRegularExpressionMatch m = re.match(text.trimmed());
    if (!m.hasMatch()) {
        *error = QStringLiteral("the billing table '%1' is not of the form project.dataset.table "
                                "(e.g. my-project.billing.gcp_billing_export_v1_012345_6789AB_CDEF01)")
                     .arg(text.left(200));
        return false;
    }
    out->project = m.captured(1);
    out->dataset = m.captured(2);
    out->table = m.captured(3);
    out->detailed = out->table.startsWith(QStringLiteral("gcp_billing_export_resource_"));
    return true;
}

// --- the client ---------------------------------------------------------------------------------

struct GcpClient::Call
{
    QString what; // "BigQuery jobs.query", "Compute instances.aggregatedList" ...
    QByteArray method = "GET";
    QUrl url;
    QByteArray body;
    net::HttpResult result;
    QString error;
};

GcpClient::GcpClient(AccountConfig account, auth::GoogleServiceAccount key, const net::HttpClient &http,
                     ClientOptions options)
    : m_account(std::move(account))
    , m_key(std::move(key))
    , m_http(http)
    , m_options(options)
    , m_tokens(std::make_unique<auth::GoogleTokenProvider>(m_http, m_key, scopes()))
{
    if (!m_account.endpoint.isEmpty())
        m_tokens->setTokenEndpoint(serviceUrl(nullptr, QStringLiteral("/token")));
}

GcpClient::~GcpClient() = default;

QString GcpClient::project() const
{
    return m_account.scope.isEmpty() ? m_key.projectId : m_account.scope;
}

QUrl GcpClient::serviceUrl(const char *defaultBase, const QString &path) const
{
    QString base = m_account.endpoint.isEmpty() ? QString::fromLatin1(defaultBase) : m_account.endpoint;
    while (base.endsWith(u'/'))
        base.chop(1);
    return QUrl(base + path);
}

QString GcpClient::describeFailure(const Call &call, bool afterRefresh) const
{
    const net::HttpResult &result = call.result;
    if (result.cancelled)
        return call.what + QStringLiteral(": cancelled");
    const QJsonObject error = QJsonDocument::fromJson(result.response.body).object().value(QStringLiteral("error")).toObject();
    const QString status = error.value(QStringLiteral("status")).toString();
    const QString message = error.value(QStringLiteral("message")).toString().section(u'\n', 0, 0).left(300);
    const QString reason =
        error.value(QStringLiteral("errors")).toArray().at(0).toObject().value(QStringLiteral("reason")).toString();
    const int code = result.response.status;
    QString cause;
    if (code == 401 || status == u"UNAUTHENTICATED")
        cause = afterRefresh
            ? QStringLiteral("Google rejected the access token as expired or invalid, even a freshly fetched one (%1); "
                             "check the service-account key of account '%2'")
                  .arg(status.isEmpty() ? QStringLiteral("HTTP 401") : status, m_account.name)
            : QStringLiteral("Google rejected the access token (%1)").arg(status);
    else if (code == 429 || status == u"RESOURCE_EXHAUSTED" || reason == u"rateLimitExceeded")
        cause = QStringLiteral("Google kept throttling the requests");
    else if (code == 403 || status == u"PERMISSION_DENIED")
        cause = QStringLiteral("the service account %1 lacks a permission or the API is not enabled (%2)")
                    .arg(m_key.clientEmail, status.isEmpty() ? reason : status);
    else if (code == 404 || status == u"NOT_FOUND")
        cause = QStringLiteral("not found (check the project '%1' and the billing table)").arg(project());
    else if (!status.isEmpty())
        cause = QStringLiteral("Google answered %1").arg(status);
    QString text = call.what + QStringLiteral(": ");
    if (!cause.isEmpty())
        text += cause + (message.isEmpty() ? QString() : QStringLiteral(": ") + message) + QStringLiteral(" (");
    text += result.error.isEmpty() ? QStringLiteral("HTTP %1").arg(code) : result.error;
    if (!cause.isEmpty())
        text += u')';
    return text;
}

bool GcpClient::send(Call &call, const CancelFn &cancelled)
{
    for (int attempt = 0; attempt < 2; ++attempt) {
        const auth::GoogleTokenResult token = m_tokens->token(cancelled);
        if (!token.ok) {
            // An OAuth error answer means Google looked at the key and said no; anything else
            // (transport, unusable answer, unreadable key) is reported as it is.
            static const QStringList refusals = {QStringLiteral("invalid_grant"), QStringLiteral("invalid_client"),
                                                 QStringLiteral("unauthorized_client"), QStringLiteral("access_denied")};
            const bool refused = std::any_of(refusals.begin(), refusals.end(),
                                             [&](const QString &r) { return token.error.contains(r); });
            call.error = refused
                ? QStringLiteral("%1: Google rejected the credentials of account '%2': %3").arg(call.what, m_account.name, token.error)
                : QStringLiteral("%1: no access token for account '%2': %3").arg(call.what, m_account.name, token.error);
            return false;
        }
        net::HttpRequest request;
        request.method = call.method;
        request.url = call.url;
        request.body = call.body;
        request.headers = {{"Accept", "application/json"}, {"Authorization", "Bearer " + token.accessToken}};
        if (!call.body.isEmpty())
            request.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json; charset=utf-8")));
        qCDebug(lcGcp) << "account" << m_account.name << call.what;
        call.result = m_http.send(std::move(request), cancelled);
        if (call.result.ok)
            return true;
        if (call.result.response.status == 401 && attempt == 0 && !call.result.cancelled) {
            // The token may have expired or been revoked since it was cached: fetch a new one once.
            qCInfo(lcGcp) << "account" << m_account.name << call.what << "got 401; fetching a new access token";
            m_tokens->invalidate();
            continue;
        }
        call.error = describeFailure(call, attempt > 0);
        m_denied = call.result.response.status == 403 && !call.result.cancelled;
        return false;
    }
    return false;
}

bool GcpClient::sendJson(Call &call, QJsonObject *json, const CancelFn &cancelled)
{
    if (!send(call, cancelled))
        return false;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(call.result.response.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        if (parseError.error == QJsonParseError::NoError)
            parseError.error = QJsonParseError::IllegalValue;
        call.error = notUsable(call.what, parseError, call.result.response.body.size());
        return false;
    }
    *json = doc.object();
    return true;
}

QString GcpClient::testConnection(const CancelFn &cancelled)
{
    Call call;
    if (!m_account.billingTable.isEmpty()) {
        BillingTable table;
        QString error;
        if (!BillingTable::parse(m_account.billingTable, &table, &error))
            return QStringLiteral("GCP account '%1': %2").arg(m_account.name, error);
        // tables.get: proves the key, the permission and that the export table exists.
        call.what = QStringLiteral("BigQuery tables.get %1").arg(m_account.billingTable);
        call.url = serviceUrl("https://bigquery.googleapis.com",
                              QStringLiteral("/bigquery/v2/projects/%1/datasets/%2/tables/%3").arg(table.project, table.dataset, table.table));
    } else {
        if (!safeId(project()))
            return QStringLiteral("GCP account '%1': no project; add the account with --scope PROJECT").arg(m_account.name);
        call.what = QStringLiteral("Compute projects.get %1").arg(project());
        call.url = serviceUrl("https://compute.googleapis.com", QStringLiteral("/compute/v1/projects/%1").arg(project()));
    }
    QJsonObject json;
    return sendJson(call, &json, cancelled) ? QString() : call.error;
}

// --- costs -----------------------------------------------------------------------------------------

QString GcpClient::costQuery(const BillingTable &table)
{
    const QString resource = table.detailed
        ? QStringLiteral(", resource.name AS resource_name, resource.global_name AS resource_global_name")
        : QString();
    const QString resourceCols = table.detailed ? QStringLiteral(", resource_name, resource_global_name") : QString();
    const QString dims = QStringLiteral("usage_day, billing_account_id, project_id, project_name, service, sku_id, "
                                        "sku_description, region, currency, cost_type")
        + resourceCols;
    return QStringLiteral(
               "WITH src AS (\n"
               "  SELECT DATE(usage_start_time) AS usage_day, billing_account_id, project.id AS project_id,\n"
               "    project.name AS project_name, service.description AS service, sku.id AS sku_id,\n"
               "    sku.description AS sku_description, COALESCE(location.region, location.location) AS region,\n"
               "    currency, cost_type, usage.unit AS usage_unit, usage.amount AS usage_amount, cost, credits,\n"
               "    labels, TO_JSON_STRING(labels) AS labels_key%1\n"
               "  FROM %2\n"
               "  WHERE usage_start_time >= TIMESTAMP(@from_day) AND usage_start_time < TIMESTAMP(@to_day)\n"
               ")\n"
               "SELECT 'usage' AS kind, %3, usage_unit, CAST(SUM(usage_amount) AS STRING) AS usage_amount,\n"
               "  CAST(SUM(CAST(cost AS NUMERIC)) AS STRING) AS cost, CAST(NULL AS STRING) AS credit_name,\n"
               "  CAST(NULL AS STRING) AS credit_type, ANY_VALUE(labels) AS labels\n"
               "FROM src GROUP BY %3, usage_unit, labels_key\n"
               "UNION ALL\n"
               "SELECT 'credit' AS kind, %3, CAST(NULL AS STRING) AS usage_unit, CAST(NULL AS STRING) AS usage_amount,\n"
               "  CAST(SUM(CAST(c.amount AS NUMERIC)) AS STRING) AS cost, c.name AS credit_name, c.type AS credit_type,\n"
               "  ANY_VALUE(labels) AS labels\n"
               "FROM src, UNNEST(credits) AS c GROUP BY %3, c.name, c.type, labels_key\n"
               "ORDER BY usage_day")
        .arg(resource, table.quoted(), dims);
}

namespace {

bool decodeValue(const QJsonObject &field, const QJsonValue &v, QJsonValue *out, QString *error);

bool decodeSingle(const QJsonObject &field, const QJsonValue &v, QJsonValue *out, QString *error)
{
    const QString name = field.value(QStringLiteral("name")).toString();
    const QString type = field.value(QStringLiteral("type")).toString();
    if (v.isNull() || v.isUndefined()) {
        *out = QJsonValue::Null;
        return true;
    }
    if (type == u"RECORD" || type == u"STRUCT") {
        const QJsonArray sub = field.value(QStringLiteral("fields")).toArray();
        const QJsonArray cells = v.toObject().value(QStringLiteral("f")).toArray();
        if (!v.isObject() || cells.size() != sub.size()) {
            *error = QStringLiteral("the record '%1' does not have its %2 fields").arg(name).arg(sub.size());
            return false;
        }
        QJsonObject o;
        for (qsizetype i = 0; i < sub.size(); ++i) {
            QJsonValue value;
            if (!decodeValue(sub.at(i).toObject(), cells.at(i).toObject().value(QStringLiteral("v")), &value, error))
                return false;
            o.insert(sub.at(i).toObject().value(QStringLiteral("name")).toString(), value);
        }
        *out = o;
        return true;
    }
    if (!v.isString()) {
        *error = QStringLiteral("the value of '%1' is not a string").arg(name);
        return false;
    }
    *out = v;
    return true;
}

bool decodeValue(const QJsonObject &field, const QJsonValue &v, QJsonValue *out, QString *error)
{
    if (field.value(QStringLiteral("mode")).toString() != u"REPEATED")
        return decodeSingle(field, v, out, error);
    if (v.isNull()) {
        *out = QJsonArray();
        return true;
    }
    if (!v.isArray()) {
        *error = QStringLiteral("the repeated field '%1' is not a list").arg(field.value(QStringLiteral("name")).toString());
        return false;
    }
    QJsonArray list;
    for (const QJsonValue &item : v.toArray()) {
        QJsonValue value;
        if (!decodeSingle(field, item.toObject().value(QStringLiteral("v")), &value, error))
            return false;
        list.append(value);
    }
    *out = list;
    return true;
}

} // namespace

bool GcpClient::decodeRows(const QJsonArray &fields, const QJsonArray &rows, std::vector<QJsonObject> *out, QString *error)
{
    for (qsizetype r = 0; r < rows.size(); ++r) {
        const QJsonArray cells = rows.at(r).toObject().value(QStringLiteral("f")).toArray();
        if (!rows.at(r).isObject() || cells.size() != fields.size()) {
            *error = QStringLiteral("row %1 has %2 cells, the schema %3 fields").arg(r + 1).arg(cells.size()).arg(fields.size());
            return false;
        }
        QJsonObject row;
        for (qsizetype i = 0; i < fields.size(); ++i) {
            const QJsonObject field = fields.at(i).toObject();
            QJsonValue value;
            if (!decodeValue(field, cells.at(i).toObject().value(QStringLiteral("v")), &value, error)) {
                error->prepend(QStringLiteral("row %1: ").arg(r + 1));
                return false;
            }
            row.insert(field.value(QStringLiteral("name")).toString(), value);
        }
        out->push_back(std::move(row));
    }
    return true;
}

bool GcpClient::runQuery(const QString &sql, const QJsonArray &parameters,
                         const std::function<bool(const QJsonObject &, QString *)> &onRow, QString *error,
                         const CancelFn &cancelled)
{
    const QString base = QStringLiteral("/bigquery/v2/projects/%1/queries").arg(project());
    QString jobId, location;
    QJsonArray fields;
    qint64 totalRows = -1;
    qint64 received = 0;
    // One complete result page: the schema (first page), the rows, the next page token.
    auto takePage = [&](const QJsonObject &page, QString *nextToken, QString *pageError) -> bool {
        if (fields.isEmpty())
            fields = page.value(QStringLiteral("schema")).toObject().value(QStringLiteral("fields")).toArray();
        if (fields.isEmpty()) {
            *pageError = QStringLiteral("BigQuery: the completed query has no schema");
            return false;
        }
        bool totalOk = false;
        const qint64 total = page.value(QStringLiteral("totalRows")).toString().toLongLong(&totalOk);
        if (!totalOk || total < 0) {
            *pageError = QStringLiteral("BigQuery: the completed query has no valid totalRows");
            return false;
        }
        totalRows = total;
        std::vector<QJsonObject> rows;
        QString decodeError;
        if (!decodeRows(fields, page.value(QStringLiteral("rows")).toArray(), &rows, &decodeError)) {
            *pageError = QStringLiteral("BigQuery: the result rows are not usable: ") + decodeError;
            return false;
        }
        for (const QJsonObject &row : rows) {
            if (!onRow(row, pageError))
                return false;
        }
        received += qint64(rows.size());
        *nextToken = page.value(QStringLiteral("pageToken")).toString();
        return true;
    };
    auto getResults = [&](const QString &pageToken, QJsonObject *page, QString *callError) -> bool {
        QList<QPair<QString, QString>> params = {{QStringLiteral("maxResults"), QString::number(kRowsPerPage)},
                                                 {QStringLiteral("timeoutMs"), QStringLiteral("10000")}};
        if (!location.isEmpty())
            params.append({QStringLiteral("location"), location});
        if (!pageToken.isEmpty())
            params.append({QStringLiteral("pageToken"), pageToken});
        Call call;
        call.what = QStringLiteral("BigQuery getQueryResults");
        call.url = serviceUrl("https://bigquery.googleapis.com", base + u'/' + jobId);
        call.url.setQuery(QString::fromLatin1(queryString(params)), QUrl::StrictMode);
        if (!sendJson(call, page, cancelled)) {
            *callError = call.error;
            return false;
        }
        return true;
    };
    auto fetchPage = [&](const QString &pageToken, QString *nextToken, QString *pageError) -> bool {
        QJsonObject page;
        if (!pageToken.isEmpty()) {
            if (!getResults(pageToken, &page, pageError))
                return false;
            if (!page.value(QStringLiteral("jobComplete")).toBool(true)) {
                *pageError = QStringLiteral("BigQuery: a result page of a completed query says the job is not complete");
                return false;
            }
            return takePage(page, nextToken, pageError);
        }
        Call call;
        call.what = QStringLiteral("BigQuery jobs.query");
        call.method = "POST";
        call.url = serviceUrl("https://bigquery.googleapis.com", base);
        call.body = QJsonDocument(QJsonObject{{QStringLiteral("query"), sql},
                                              {QStringLiteral("useLegacySql"), false},
                                              {QStringLiteral("parameterMode"), QStringLiteral("NAMED")},
                                              {QStringLiteral("queryParameters"), parameters},
                                              {QStringLiteral("maxResults"), kRowsPerPage},
                                              {QStringLiteral("timeoutMs"), 10000}})
                        .toJson(QJsonDocument::Compact);
        if (!sendJson(call, &page, cancelled)) {
            *pageError = call.error;
            return false;
        }
        const QJsonObject job = page.value(QStringLiteral("jobReference")).toObject();
        jobId = job.value(QStringLiteral("jobId")).toString();
        location = job.value(QStringLiteral("location")).toString();
        const bool complete = page.value(QStringLiteral("jobComplete")).toBool(false);
        if (!complete && (!safeId(jobId) || (!location.isEmpty() && !safeId(location)))) {
            *pageError = QStringLiteral("BigQuery jobs.query: the answer is not usable: the unfinished job has no valid jobReference");
            return false;
        }
        for (int poll = 0; !page.value(QStringLiteral("jobComplete")).toBool(false); ++poll) {
            if (poll >= kMaxPolls) {
                *pageError = QStringLiteral("BigQuery: the query job %1 did not finish after %2 polls").arg(jobId).arg(kMaxPolls);
                return false;
            }
            if (cancelled && cancelled()) {
                *pageError = QStringLiteral("BigQuery getQueryResults: cancelled");
                return false;
            }
            if (!getResults(QString(), &page, pageError))
                return false;
        }
        if (!page.value(QStringLiteral("pageToken")).toString().isEmpty() && !safeId(jobId)) {
            *pageError = QStringLiteral("BigQuery jobs.query: the answer is not usable: more pages but no valid jobReference");
            return false;
        }
        return takePage(page, nextToken, pageError);
    };
    const net::PagingResult paging = net::fetchPages(m_options.maxPages, fetchPage, cancelled);
    if (const QString why = paging.failure(QStringLiteral("BigQuery getQueryResults")); !why.isEmpty()) {
        *error = why;
        return false;
    }
    if (received != totalRows) {
        *error = QStringLiteral("BigQuery: the query reported %1 rows but %2 arrived; nothing was written").arg(totalRows).arg(received);
        return false;
    }
    return true;
}

bool GcpClient::fetchMonth(const QDate &from, const QDate &to, CostBatch *batch, QString *error, const CancelFn &cancelled)
{
    if (!isRangeInOneMonth(QStringLiteral("GCP BigQuery"), from, to, error))
        return false;
    const QDate monthStart(from.year(), from.month(), 1);
    BillingTable table;
    if (m_account.billingTable.isEmpty()) {
        *error = QStringLiteral("GCP account '%1' has no billing export table; add it with --billing-table "
                                "project.dataset.gcp_billing_export_v1_XXXX")
                     .arg(m_account.name);
        return false;
    }
    if (!BillingTable::parse(m_account.billingTable, &table, error)) {
        error->prepend(QStringLiteral("GCP account '%1': ").arg(m_account.name));
        return false;
    }
    if (!safeId(project())) {
        *error = QStringLiteral("GCP account '%1': no valid project to run the query in; add the account with --scope PROJECT")
                     .arg(m_account.name);
        return false;
    }
    beginMonthBatch(batch, providerName(), m_account, monthStart);
    QString currency;
    const int64_t fromSecs = dayStart(from);
    const int64_t toSecs = dayStart(to);
    auto dateParameter = [](const char *name, const QDate &d) {
        return QJsonObject{{QStringLiteral("name"), QString::fromLatin1(name)},
                           {QStringLiteral("parameterType"), QJsonObject{{QStringLiteral("type"), QStringLiteral("DATE")}}},
                           {QStringLiteral("parameterValue"), QJsonObject{{QStringLiteral("value"), d.toString(Qt::ISODate)}}}};
    };
    const QJsonArray parameters{dateParameter("from_day", from), dateParameter("to_day", to)};
    auto text = [](const QJsonObject &row, const char *name) { return row.value(QLatin1String(name)).toString(); };
    auto onRow = [&](const QJsonObject &row, QString *rowError) -> bool {
        const QDate day = QDate::fromString(text(row, "usage_day"), Qt::ISODate);
        if (!day.isValid()) {
            *rowError = QStringLiteral("BigQuery: a result row has no valid usage_day");
            return false;
        }
        const int64_t start = dayStart(day);
        if (start < fromSecs || start >= toSecs) {
            *rowError = QStringLiteral("BigQuery: a row for %1 lies outside the range asked for (%2 to %3)")
                            .arg(day.toString(Qt::ISODate), from.toString(Qt::ISODate), to.toString(Qt::ISODate));
            return false;
        }
        const QString kind = text(row, "kind");
        const std::optional<Money> cost = Money::parse(QStringView(text(row, "cost")));
        if (!cost || (kind != u"usage" && kind != u"credit")) {
            *rowError = QStringLiteral("BigQuery: the %1 row of %2 on %3 has no decimal cost")
                            .arg(kind.left(20), text(row, "service").left(80), day.toString(Qt::ISODate));
            return false;
        }
        const QString rowCurrency = text(row, "currency");
        if (currency.isEmpty())
            currency = rowCurrency;
        else if (!rowCurrency.isEmpty() && rowCurrency != currency) {
            *rowError = QStringLiteral("BigQuery: amounts in two currencies (%1 and %2)").arg(currency, rowCurrency.left(10));
            return false;
        }
        CostRow r;
        r.chargeStart = start;
        r.chargeEnd = start + kSecondsPerDay;
        r.subAccountId = text(row, "project_id");
        r.subAccountName = text(row, "project_name");
        r.serviceName = text(row, "service");
        r.region = text(row, "region");
        r.skuId = text(row, "sku_id");
        r.chargeDescription = text(row, "sku_description");
        r.resourceName = text(row, "resource_name");
        r.resourceId = text(row, "resource_global_name");
        if (r.resourceId.isEmpty())
            r.resourceId = r.resourceName;
        const QString costType = text(row, "cost_type");
        if (costType == u"tax")
            r.chargeCategory = ChargeCategory::Tax;
        else if (costType == u"adjustment" || costType == u"rounding_error")
            r.chargeCategory = ChargeCategory::Adjustment;
        for (const QJsonValue &label : row.value(QStringLiteral("labels")).toArray()) {
            const QJsonObject l = label.toObject();
            r.tags.append({l.value(QStringLiteral("key")).toString(), l.value(QStringLiteral("value")).toString()});
        }
        const QString billingAccount = text(row, "billing_account_id");
        if (!billingAccount.isEmpty())
            r.extra.append({QStringLiteral("billing_account_id"), billingAccount});
        r.billedCost = *cost;
        r.effectiveCost = *cost;
        r.contractedCost = *cost;
        if (kind == u"credit") {
            // As the file importer does: each credit is its own row, with no list cost.
            r.chargeCategory = ChargeCategory::Credit;
            r.chargeDescription = text(row, "credit_name");
            const QString type = text(row, "credit_type");
            if (!type.isEmpty())
                r.extra.append({QStringLiteral("credit_type"), type});
        } else {
            r.listCost = *cost;
            r.consumedQuantity = text(row, "usage_amount").toDouble();
            r.consumedUnit = text(row, "usage_unit");
        }
        batch->rows.push_back(std::move(r));
        return true;
    };
    m_saas = SaasBatch();
    m_warnings.clear();
    if (!runQuery(costQuery(table), parameters, onRow, error, cancelled)) {
        batch->rows.clear();
        return false;
    }
    if (!currency.isEmpty())
        batch->currency = currency;
    qCInfo(lcGcp) << "account" << m_account.name << batch->rows.size() << "cost rows for" << from << "to" << to;
    if (!fetchJobs(from, to, error, cancelled)) {
        batch->rows.clear();
        m_saas = SaasBatch();
        return false;
    }
    return true;
}

// --- BigQuery job history (docs/saas.md, "BigQuery") ----------------------------------------------

QString GcpClient::jobsQuery(const QString &project, const QString &region)
{
    const QString schema = QStringLiteral("`%1.%2`.INFORMATION_SCHEMA").arg(project, region);
    return QStringLiteral(
               "WITH j AS (\n"
               "  SELECT job_id, user_email, project_id, statement_type, SUBSTR(query, 1, 2000) AS query,\n"
               "    CAST(UNIX_MILLIS(creation_time) AS STRING) AS created_ms,\n"
               "    CAST(TIMESTAMP_DIFF(end_time, start_time, MILLISECOND) AS STRING) AS duration_ms,\n"
               "    CAST(total_bytes_processed AS STRING) AS bytes_processed, CAST(total_bytes_billed AS STRING) AS bytes_billed,\n"
               "    CAST(total_slot_ms AS STRING) AS slot_ms, referenced_tables\n"
               "  FROM %1.JOBS_BY_PROJECT\n"
               "  WHERE creation_time >= TIMESTAMP(@from_day) AND creation_time < TIMESTAMP(@to_day)\n"
               "    AND job_type = 'QUERY' AND state = 'DONE' AND IFNULL(statement_type, '') != 'SCRIPT'\n"
               "), r AS (\n"
               "  SELECT j.job_id, SUM(t.total_logical_bytes) AS referenced_bytes\n"
               "  FROM j, UNNEST(j.referenced_tables) AS rt\n"
               "  JOIN %1.TABLE_STORAGE AS t\n"
               "    ON t.project_id = rt.project_id AND t.table_schema = rt.dataset_id AND t.table_name = rt.table_id\n"
               "  GROUP BY j.job_id\n"
               ")\n"
               "SELECT j.job_id, j.user_email, j.project_id, j.statement_type, j.query, j.created_ms, j.duration_ms,\n"
               "  j.bytes_processed, j.bytes_billed, j.slot_ms, CAST(r.referenced_bytes AS STRING) AS referenced_bytes\n"
               "FROM j LEFT JOIN r USING (job_id)\n"
               "ORDER BY j.created_ms")
        .arg(schema);
}

bool GcpClient::fetchJobs(const QDate &from, const QDate &to, QString *error, const CancelFn &cancelled)
{
    const QString region = m_account.options.value(QStringLiteral("jobs_region")).trimmed().toLower();
    if (region.isEmpty())
        return true; // job history not asked for
    static const QRegularExpression regionRe(QStringLiteral("^region-[a-z0-9-]{2,40}$"));
    if (!regionRe.match(region).hasMatch()) {
        *error = QStringLiteral("GCP account '%1': the BigQuery region '%2' is not of the form region-us or region-europe-west4")
                     .arg(m_account.name, region.left(60));
        return false;
    }
    double slotHourPrice = 0;
    const QString priceText = m_account.options.value(QStringLiteral("slot_hour_price")).trimmed();
    if (!priceText.isEmpty()) {
        bool ok = false;
        slotHourPrice = priceText.toDouble(&ok);
        if (!ok || !std::isfinite(slotHourPrice) || slotHourPrice <= 0 || slotHourPrice > 1000) {
            *error = QStringLiteral("GCP account '%1': the slot-hour price '%2' is not a positive number of USD")
                         .arg(m_account.name, priceText.left(30));
            return false;
        }
    }
    const QString what = QStringLiteral("BigQuery JOBS_BY_PROJECT (%1)").arg(region);
    SaasBatch saas;
    saas.service = QStringLiteral("BigQuery");
    saas.account = project();
    saas.source = m_account.id.isEmpty() ? m_account.name : m_account.id;
    saas.from = from;
    saas.to = to;
    struct DayUsage
    {
        double bytes = 0, slotMs = 0, queries = 0;
        Money cost;
    };
    QMap<QPair<QDate, QString>, DayUsage> perProject;
    const int64_t fromMs = dayStart(from) * 1000;
    const int64_t toMs = dayStart(to) * 1000;
    qint64 rowNo = 0;
    auto text = [](const QJsonObject &row, const char *name) { return row.value(QLatin1String(name)).toString(); };
    auto onRow = [&](const QJsonObject &row, QString *rowError) -> bool {
        ++rowNo;
        auto fail = [&](const QString &why) {
            *rowError = QStringLiteral("%1: job row %2: %3").arg(what).arg(rowNo).arg(why);
            return false;
        };
        auto integer = [&](const char *name, bool nullIsZero, int64_t *out) {
            const QString t = text(row, name);
            bool ok = false;
            *out = t.isEmpty() && nullIsZero ? 0 : t.toLongLong(&ok);
            return (ok || (t.isEmpty() && nullIsZero)) && *out >= 0;
        };
        SaasQueryRow q;
        q.service = saas.service;
        q.account = saas.account;
        q.queryId = text(row, "job_id");
        if (q.queryId.isEmpty() || q.queryId.size() > 1024)
            return fail(QStringLiteral("no job_id"));
        int64_t createdMs = 0, processed = 0, referenced = 0;
        if (!integer("created_ms", false, &createdMs) || createdMs < fromMs || createdMs >= toMs)
            return fail(QStringLiteral("the creation time of job %1 is missing or outside %2 to %3")
                            .arg(q.queryId.left(80), from.toString(Qt::ISODate), to.toString(Qt::ISODate)));
        if (!integer("duration_ms", true, &q.durationMs) || !integer("bytes_processed", true, &processed)
            || !integer("bytes_billed", true, &q.bytesBilled) || !integer("slot_ms", true, &q.slotMs)
            || !integer("referenced_bytes", true, &referenced))
            return fail(QStringLiteral("job %1 has a byte count, slot time or duration that is not a whole number")
                            .arg(q.queryId.left(80)));
        q.started = QDateTime::fromMSecsSinceEpoch(createdMs, QTimeZone::utc());
        q.bytesScanned = processed;
        q.user = text(row, "user_email");
        q.scope = text(row, "project_id");
        if (q.scope.isEmpty())
            q.scope = saas.account;
        q.statementType = text(row, "statement_type");
        q.text = text(row, "query").left(2000);
        q.currency = QStringLiteral("USD");
        q.fullScan = referenced > 0 && static_cast<double>(processed) >= kFullScanShare * static_cast<double>(referenced);
        q.cost = slotHourPrice > 0 ? Money::fromDouble(static_cast<double>(q.slotMs) / 3.6e6 * slotHourPrice)
                                   : Money::fromDouble(static_cast<double>(q.bytesBilled) / 1099511627776.0 * kOnDemandUsdPerTiB);
        DayUsage &u = perProject[qMakePair(q.started.date(), q.scope)];
        u.bytes += static_cast<double>(q.bytesBilled);
        u.slotMs += static_cast<double>(q.slotMs);
        u.queries += 1;
        u.cost = u.cost + q.cost;
        saas.queries.push_back(std::move(q));
        return true;
    };
    const QJsonObject fromParam{{QStringLiteral("name"), QStringLiteral("from_day")},
                                {QStringLiteral("parameterType"), QJsonObject{{QStringLiteral("type"), QStringLiteral("DATE")}}},
                                {QStringLiteral("parameterValue"), QJsonObject{{QStringLiteral("value"), from.toString(Qt::ISODate)}}}};
    QJsonObject toParam = fromParam;
    toParam.insert(QStringLiteral("name"), QStringLiteral("to_day"));
    toParam.insert(QStringLiteral("parameterValue"), QJsonObject{{QStringLiteral("value"), to.toString(Qt::ISODate)}});
    m_denied = false;
    QString queryError;
    if (!runQuery(jobsQuery(project(), region), QJsonArray{fromParam, toParam}, onRow, &queryError, cancelled)) {
        if (m_denied) {
            m_warnings << QStringLiteral("BigQuery job history not readable for account '%1' (%2): grant the service "
                                         "account roles/bigquery.resourceViewer on project %3; the costs were synced")
                              .arg(m_account.name, region, project());
            qCWarning(lcGcp).noquote() << queryError;
            return true;
        }
        *error = queryError.startsWith(what) ? queryError : what + QStringLiteral(": ") + queryError;
        return false;
    }
    // Usage per project and day; the cost sits on bytes billed (on-demand) or slot time (editions).
    for (auto it = perProject.cbegin(); it != perProject.cend(); ++it) {
        const auto row = [&](const char *type, const char *unit, double quantity, Money cost) {
            SaasUsageRow u;
            u.service = saas.service;
            u.account = saas.account;
            u.entityKind = QStringLiteral("project");
            u.entity = it.key().second;
            u.usageType = QLatin1String(type);
            u.unit = QLatin1String(unit);
            u.currency = QStringLiteral("USD");
            u.day = it.key().first;
            u.quantity = quantity;
            u.cost = cost;
            saas.usage.push_back(std::move(u));
        };
        const DayUsage &d = it.value();
        row("bytes-billed", "bytes", d.bytes, slotHourPrice > 0 ? Money() : d.cost);
        row("slot-ms", "slot-ms", d.slotMs, slotHourPrice > 0 ? d.cost : Money());
        row("queries", "count", d.queries, Money());
    }
    qCInfo(lcGcp) << "account" << m_account.name << saas.queries.size() << "BigQuery jobs for" << from << "to" << to;
    m_saas = std::move(saas);
    return true;
}

// --- resources -------------------------------------------------------------------------------------

bool GcpClient::aggregatedList(const QString &collection,
                               const std::function<bool(const QString &, const QJsonObject &, QString *)> &onItem,
                               QString *error, const CancelFn &cancelled)
{
    // Snapshots are global: a plain list with `items` as an array; the rest are per zone.
    const bool global = collection == u"snapshots";
    const QString what = QStringLiteral("Compute %1.%2").arg(collection, global ? QStringLiteral("list") : QStringLiteral("aggregatedList"));
    auto fetchPage = [&](const QString &token, QString *nextToken, QString *pageError) -> bool {
        QList<QPair<QString, QString>> params = {{QStringLiteral("maxResults"), QStringLiteral("500")}};
        if (!token.isEmpty())
            params.append({QStringLiteral("pageToken"), token});
        Call call;
        call.what = what;
        call.url = serviceUrl("https://compute.googleapis.com",
                              QStringLiteral("/compute/v1/projects/%1/%2/%3")
                                  .arg(project(), global ? QStringLiteral("global") : QStringLiteral("aggregated"), collection));
        call.url.setQuery(QString::fromLatin1(queryString(params)), QUrl::StrictMode);
        QJsonObject page;
        if (!sendJson(call, &page, cancelled)) {
            *pageError = call.error;
            return false;
        }
        const QJsonValue items = page.value(QStringLiteral("items"));
        if (global) {
            if (!items.isArray() && !items.isUndefined()) {
                *pageError = what + QStringLiteral(": the answer is not usable: 'items' is not a list");
                return false;
            }
            for (const QJsonValue &item : items.toArray()) {
                if (!onItem(QString(), item.toObject(), pageError)) {
                    pageError->prepend(what + QStringLiteral(": "));
                    return false;
                }
            }
            *nextToken = page.value(QStringLiteral("nextPageToken")).toString();
            return true;
        }
        if (!items.isObject() && !items.isUndefined()) {
            *pageError = what + QStringLiteral(": the answer is not usable: 'items' is not an object keyed by zone");
            return false;
        }
        const QJsonObject byScope = items.toObject();
        for (auto it = byScope.begin(); it != byScope.end(); ++it) {
            const QJsonObject scoped = it.value().toObject();
            const QString warning = scoped.value(QStringLiteral("warning")).toObject().value(QStringLiteral("code")).toString();
            if (!warning.isEmpty() && warning != u"NO_RESULTS_ON_PAGE") {
                // An unreachable zone would make the list look shorter than it is, and the sync
                // would mark its resources as gone.
                *pageError = QStringLiteral("%1: the list is incomplete (%2 in %3)").arg(what, warning, it.key());
                return false;
            }
            const QString zone = it.key().startsWith(QStringLiteral("zones/")) ? it.key().mid(6) : QString();
            for (const QJsonValue &item : scoped.value(collection).toArray()) {
                if (!onItem(zone, item.toObject(), pageError)) {
                    pageError->prepend(what + QStringLiteral(": "));
                    return false;
                }
            }
        }
        if (!page.value(QStringLiteral("unreachables")).toArray().isEmpty()) {
            *pageError = QStringLiteral("%1: the list is incomplete (unreachable: %2)")
                             .arg(what, page.value(QStringLiteral("unreachables")).toArray().at(0).toString());
            return false;
        }
        *nextToken = page.value(QStringLiteral("nextPageToken")).toString();
        return true;
    };
    const net::PagingResult paging = net::fetchPages(m_options.maxPages, fetchPage, cancelled);
    if (const QString why = paging.failure(what); !why.isEmpty()) {
        *error = why;
        return false;
    }
    return true;
}

bool GcpClient::fetchMetrics(const QHash<QString, QString> &runningById, std::vector<MetricSeries> *metrics,
                             QString *error, const CancelFn &cancelled)
{
    // CPU: the mean of the utilisation fraction per 15 minutes, as percent; network: the byte
    // counters as a rate (bytes/s) per 15 minutes. The same names and units as the AWS client.
    struct Wanted
    {
        const char *type;
        const char *aligner;
        const char *metric;
        double scale;
    };
    const Wanted wanted[] = {{"compute.googleapis.com/instance/cpu/utilization", "ALIGN_MEAN", "cpu", 100.0},
                             {"compute.googleapis.com/instance/network/received_bytes_count", "ALIGN_RATE", "network_in", 1.0},
                             {"compute.googleapis.com/instance/network/sent_bytes_count", "ALIGN_RATE", "network_out", 1.0}};
    constexpr int kPeriod = 900;
    const QDateTime end = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch() / kPeriod * kPeriod, QTimeZone::utc());
    const QDateTime start = end.addDays(-7);
    for (const Wanted &w : wanted) {
        const QString what = QStringLiteral("Monitoring timeSeries.list %1").arg(QString::fromLatin1(w.metric));
        QHash<QString, MetricSeries> series; // resource id -> series, merged across pages
        auto fetchPage = [&](const QString &token, QString *nextToken, QString *pageError) -> bool {
            QList<QPair<QString, QString>> params = {
                {QStringLiteral("filter"),
                 QStringLiteral("metric.type = \"%1\" AND resource.type = \"gce_instance\"").arg(QString::fromLatin1(w.type))},
                {QStringLiteral("interval.startTime"), start.toString(Qt::ISODate)},
                {QStringLiteral("interval.endTime"), end.toString(Qt::ISODate)},
                {QStringLiteral("aggregation.alignmentPeriod"), QStringLiteral("%1s").arg(kPeriod)},
                {QStringLiteral("aggregation.perSeriesAligner"), QString::fromLatin1(w.aligner)},
                {QStringLiteral("view"), QStringLiteral("FULL")},
                {QStringLiteral("pageSize"), QStringLiteral("1000")}};
            if (!token.isEmpty())
                params.append({QStringLiteral("pageToken"), token});
            Call call;
            call.what = what;
            call.url = serviceUrl("https://monitoring.googleapis.com", QStringLiteral("/v3/projects/%1/timeSeries").arg(project()));
            call.url.setQuery(QString::fromLatin1(queryString(params)), QUrl::StrictMode);
            QJsonObject page;
            if (!sendJson(call, &page, cancelled)) {
                *pageError = call.error;
                return false;
            }
            for (const QJsonValue &ts : page.value(QStringLiteral("timeSeries")).toArray()) {
                const QJsonObject t = ts.toObject();
                const QString instanceId = t.value(QStringLiteral("resource"))
                                               .toObject()
                                               .value(QStringLiteral("labels"))
                                               .toObject()
                                               .value(QStringLiteral("instance_id"))
                                               .toString();
                const auto found = runningById.constFind(instanceId);
                if (found == runningById.constEnd())
                    continue; // an instance that is gone or not running
                MetricSeries &s = series[found.value()];
                s.provider = providerName();
                s.resourceId = found.value();
                s.metric = QString::fromLatin1(w.metric);
                for (const QJsonValue &p : t.value(QStringLiteral("points")).toArray()) {
                    const QJsonObject point = p.toObject();
                    const QJsonObject value = point.value(QStringLiteral("value")).toObject();
                    const int64_t time = parseTime(
                        point.value(QStringLiteral("interval")).toObject().value(QStringLiteral("endTime")).toString());
                    bool ok = false;
                    double v = 0;
                    if (value.value(QStringLiteral("doubleValue")).isDouble()) {
                        v = value.value(QStringLiteral("doubleValue")).toDouble();
                        ok = true;
                    } else if (value.contains(QStringLiteral("int64Value"))) {
                        v = value.value(QStringLiteral("int64Value")).toString().toDouble(&ok);
                    }
                    if (!ok || time == 0) {
                        *pageError = what + QStringLiteral(": the answer is not usable: an unreadable data point of instance ") + instanceId;
                        return false;
                    }
                    s.points.push_back({time, v * w.scale});
                }
            }
            *nextToken = page.value(QStringLiteral("nextPageToken")).toString();
            return true;
        };
        const net::PagingResult paging = net::fetchPages(m_options.maxPages, fetchPage, cancelled);
        if (const QString why = paging.failure(what); !why.isEmpty()) {
            *error = why;
            return false;
        }
        QStringList ids = series.keys();
        ids.sort();
        for (const QString &id : std::as_const(ids)) {
            MetricSeries &s = series[id];
            std::sort(s.points.begin(), s.points.end(), [](const MetricPoint &a, const MetricPoint &b) { return a.time < b.time; });
            if (!s.points.empty())
                metrics->push_back(std::move(s));
        }
    }
    return true;
}

bool GcpClient::fetchResources(ResourceBatch *resources, std::vector<MetricSeries> *metrics, QString *error,
                               const CancelFn &cancelled)
{
    resources->provider = providerName();
    resources->accountId = m_account.billingAccount.isEmpty() ? m_account.name : m_account.billingAccount;
    resources->observedAt = QDateTime::currentSecsSinceEpoch();
    resources->resources.clear();
    if (metrics)
        metrics->clear();
    if (!safeId(project())) {
        *error = QStringLiteral("GCP account '%1': no valid project; add the account with --scope PROJECT").arg(m_account.name);
        return false;
    }
    const int64_t now = resources->observedAt;
    auto &out = resources->resources;
    // Resource ids as the detailed billing export names them, so costs and resources meet.
    auto idOf = [this](const QString &zone, const char *kind, const QString &id) -> QString {
        return QStringLiteral("//compute.googleapis.com/projects/%1/zones/%2/%3/%4").arg(project(), zone, QLatin1String(kind), id);
    };
    auto base = [&](const QString &zone, const QString &id, const QString &type, const QJsonObject &o) -> ResourceRecord {
        ResourceRecord r;
        r.provider = providerName();
        r.accountId = resources->accountId;
        r.region = zone.section(u'-', 0, -2);
        r.resourceId = id;
        r.type = type;
        r.name = o.value(QStringLiteral("name")).toString();
        r.createdAt = parseTime(o.value(QStringLiteral("creationTimestamp")).toString());
        r.tags = labelsOf(o.value(QStringLiteral("labels")).toObject());
        r.firstSeen = now;
        r.lastSeen = now;
        return r;
    };
    QHash<QString, QString> instanceBySelfLink;
    QHash<QString, QString> runningById; // numeric id -> resource id
    QHash<QString, QString> diskBySelfLink;
    const bool ok =
        aggregatedList(
            QStringLiteral("instances"),
            [&](const QString &zone, const QJsonObject &i, QString *itemError) {
                const QString id = i.value(QStringLiteral("id")).toString();
                if (id.isEmpty() || zone.isEmpty()) {
                    *itemError = QStringLiteral("the answer is not usable: an instance without id or zone");
                    return false;
                }
                ResourceRecord r = base(zone, idOf(zone, "instances", id), QStringLiteral("instance"), i);
                r.flavor = lastSegment(i.value(QStringLiteral("machineType")).toString());
                r.state = stateOf(i.value(QStringLiteral("status")).toString());
                instanceBySelfLink.insert(i.value(QStringLiteral("selfLink")).toString(), r.resourceId);
                if (r.state == u"running")
                    runningById.insert(id, r.resourceId);
                out.push_back(std::move(r));
                return true;
            },
            error, cancelled)
        && aggregatedList(
            QStringLiteral("disks"),
            [&](const QString &zone, const QJsonObject &d, QString *itemError) {
                const QString id = d.value(QStringLiteral("id")).toString();
                if (id.isEmpty() || zone.isEmpty()) {
                    *itemError = QStringLiteral("the answer is not usable: a disk without id or zone");
                    return false;
                }
                ResourceRecord r = base(zone, idOf(zone, "disks", id), QStringLiteral("volume"), d);
                diskBySelfLink.insert(d.value(QStringLiteral("selfLink")).toString(), r.resourceId);
                r.flavor = lastSegment(d.value(QStringLiteral("type")).toString());
                const QJsonArray users = d.value(QStringLiteral("users")).toArray();
                const QString status = d.value(QStringLiteral("status")).toString();
                if (!users.isEmpty()) {
                    const QString user = users.first().toString();
                    r.attachedTo = instanceBySelfLink.value(user, user);
                    r.attachmentKind = QStringLiteral("volume-instance");
                    r.state = QStringLiteral("in-use");
                } else {
                    r.state = status == u"READY" ? QStringLiteral("available") : status.toLower();
                }
                out.push_back(std::move(r));
                return true;
            },
            error, cancelled)
        && aggregatedList(
            QStringLiteral("snapshots"),
            [&](const QString &, const QJsonObject &sn, QString *itemError) {
                const QString id = sn.value(QStringLiteral("id")).toString();
                if (id.isEmpty()) {
                    *itemError = QStringLiteral("the answer is not usable: a snapshot without id");
                    return false;
                }
                ResourceRecord r;
                r.provider = providerName();
                r.accountId = resources->accountId;
                r.resourceId = QStringLiteral("//compute.googleapis.com/projects/%1/global/snapshots/%2").arg(project(), id);
                r.type = QStringLiteral("snapshot");
                r.name = sn.value(QStringLiteral("name")).toString();
                r.state = sn.value(QStringLiteral("status")).toString().toLower();
                r.createdAt = parseTime(sn.value(QStringLiteral("creationTimestamp")).toString());
                r.tags = labelsOf(sn.value(QStringLiteral("labels")).toObject());
                r.firstSeen = now;
                r.lastSeen = now;
                // The source disk by its id, also when the disk is gone (then the snapshot is a
                // candidate for the obsolete-snapshots recommendation).
                const QString source = sn.value(QStringLiteral("sourceDisk")).toString();
                const QString sourceId = sn.value(QStringLiteral("sourceDiskId")).toString();
                const QString sourceZone = source.section(QStringLiteral("/zones/"), 1).section(u'/', 0, 0);
                r.attachedTo = diskBySelfLink.value(source);
                if (r.attachedTo.isEmpty() && !sourceId.isEmpty() && !sourceZone.isEmpty())
                    r.attachedTo = idOf(sourceZone, "disks", sourceId);
                if (!r.attachedTo.isEmpty())
                    r.attachmentKind = QStringLiteral("snapshot-volume");
                out.push_back(std::move(r));
                return true;
            },
            error, cancelled);
    if (!ok) {
        out.clear();
        return false;
    }
    if (metrics && !runningById.isEmpty() && !fetchMetrics(runningById, metrics, error, cancelled)) {
        out.clear();
        metrics->clear();
        return false;
    }
    qCInfo(lcGcp) << "account" << m_account.name << out.size() << "resources," << runningById.size() << "running instances";
    return true;
}

} // namespace costscope::providers::gcp
