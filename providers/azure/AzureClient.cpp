#include "providers/azure/AzureClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTimeZone>
#include <QUrlQuery>

#include <algorithm>

namespace costscope::providers::azure {

Q_LOGGING_CATEGORY(lcAzure, "costscope.azure", QtInfoMsg)

namespace {

constexpr int64_t kSecondsPerDay = 86400;
const char kCostApiVersion[] = "2023-11-01";
const char kComputeApiVersion[] = "2024-03-01";
const char kDiskApiVersion[] = "2023-10-02";
const char kMetricsApiVersion[] = "2023-10-01";
const char kSubscriptionApiVersion[] = "2022-12-01";
// The cost query groups by two dimensions: the documented limit of the query API
// ("Query can have up to 2 group by clauses").
const char kGroupResource[] = "ResourceId";
const char kGroupService[] = "ServiceName";
const char kGroupChargeType[] = "ChargeType";
const char kGroupMeterCategory[] = "MeterCategory";
const char kActualCost[] = "ActualCost";
const char kAmortizedCost[] = "AmortizedCost";
// Cost Management throttles by query units and per entity (scope) and says how long to wait in
// these headers instead of Retry-After; the HTTP layer reads them like Retry-After.
const QList<QByteArray> kCostRetryAfterHeaders = {
    "x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after",
    "x-ms-ratelimit-microsoft.costmanagement-entity-retry-after",
    "x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after",
    "x-ms-ratelimit-microsoft.costmanagement-client-retry-after",
};

int64_t dayStart(const QDate &d)
{
    return QDateTime(d, QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
}

int64_t parseTime(const QString &text)
{
    if (text.isEmpty())
        return 0;
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    return t.isValid() ? t.toSecsSinceEpoch() : 0;
}

// A number cell as protectNumbers left it: "\0" followed by the token.
bool isProtectedNumber(const QJsonValue &v)
{
    return v.isString() && v.toString().startsWith(QChar(0));
}

QString numberText(const QJsonValue &v)
{
    return v.toString().mid(1);
}

Tags tagsOf(const QJsonObject &o)
{
    Tags tags;
    const QJsonObject t = o.value(QStringLiteral("tags")).toObject();
    for (auto it = t.begin(); it != t.end(); ++it)
        tags.append({it.key(), it.value().toString()});
    return tags;
}

// "/subscriptions/s/resourceGroups/RG/providers/..." -> "rg" (ids are compared lower-case).
QString resourceGroupOf(const QString &resourceId)
{
    const QStringList parts = resourceId.split(u'/');
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        if (parts[i].compare(u"resourceGroups", Qt::CaseInsensitive) == 0)
            return parts[i + 1].toLower();
    }
    return {};
}

QString lastSegment(const QString &resourceId)
{
    return resourceId.section(u'/', -1);
}

// The column of a query answer with one of these names (case-insensitive), or -1.
qsizetype columnOf(const CostQueryPage &page, std::initializer_list<const char16_t *> names)
{
    for (const char16_t *name : names) {
        for (qsizetype c = 0; c < page.columns.size(); ++c) {
            if (page.columns[c].compare(QStringView(name), Qt::CaseInsensitive) == 0)
                return c;
        }
    }
    return -1;
}

// A Cost Management query body: actual or amortised cost of the days [from, to), summed, grouped by
// at most two dimensions. The time period is inclusive at both ends, so `to` is the last second of
// the last day.
QByteArray queryBody(const char *type, const QDate &from, const QDate &to, const QString &granularity,
                     const QStringList &dimensions)
{
    QJsonArray grouping;
    for (const QString &d : dimensions)
        grouping.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("Dimension")}, {QStringLiteral("name"), d}});
    const QJsonObject request{
        {QStringLiteral("type"), QString::fromLatin1(type)},
        {QStringLiteral("timeframe"), QStringLiteral("Custom")},
        {QStringLiteral("timePeriod"),
         QJsonObject{{QStringLiteral("from"), QString(from.toString(Qt::ISODate) + QStringLiteral("T00:00:00Z"))},
                     {QStringLiteral("to"), QString(to.addDays(-1).toString(Qt::ISODate) + QStringLiteral("T23:59:59Z"))}}},
        {QStringLiteral("dataset"),
         QJsonObject{{QStringLiteral("granularity"), granularity},
                     {QStringLiteral("aggregation"),
                      QJsonObject{{QStringLiteral("totalCost"),
                                   QJsonObject{{QStringLiteral("name"), QStringLiteral("PreTaxCost")},
                                               {QStringLiteral("function"), QStringLiteral("Sum")}}}}},
                     {QStringLiteral("grouping"), grouping}}}};
    return QJsonDocument(request).toJson(QJsonDocument::Compact);
}

} // namespace

struct AzureClient::Call
{
    QString what; // "Azure Cost Management query", "Azure Compute virtual machines"
    QByteArray method = "GET";
    QUrl url;
    QByteArray body;
    net::HttpResult result;
    QString error;
};

AzureClient::AzureClient(AccountConfig account, auth::AzureClientCredentials credentials, const net::HttpClient &http,
                         ClientOptions options)
    : m_account(std::move(account))
    , m_tenantId(credentials.tenantId)
    , m_clientId(credentials.clientId)
    , m_clientSecret(credentials.clientSecret)
    , m_http(http)
    , m_options(options)
    , m_tokens(http, std::move(credentials))
    , m_management(QStringLiteral("https://management.azure.com"))
{
    if (!m_account.endpoint.isEmpty()) {
        m_management = QUrl(m_account.endpoint);
        m_tokens.setAuthorityHost(m_management);
    }
}

QString AzureClient::subscriptionOf(const QString &scope)
{
    const QStringList parts = scope.split(u'/', Qt::SkipEmptyParts);
    if (parts.size() >= 2 && parts[0].compare(u"subscriptions", Qt::CaseInsensitive) == 0)
        return parts[1];
    return {};
}

bool AzureClient::protectNumbers(const QByteArray &json, QByteArray *out, qsizetype *errorAt)
{
    out->clear();
    out->reserve(json.size() + json.size() / 4);
    const qsizetype n = json.size();
    auto digit = [&](qsizetype k) { return k < n && json[k] >= '0' && json[k] <= '9'; };
    qsizetype i = 0;
    while (i < n) {
        const char c = json[i];
        if (c == '"') {
            qsizetype j = i + 1;
            while (j < n && json[j] != '"') {
                if (json[j] == '\\') {
                    if (json.mid(j, 6) == "\\u0000") {
                        *errorAt = j;
                        return false;
                    }
                    j += 2;
                } else {
                    ++j;
                }
            }
            // An unterminated string is copied as it is; the JSON parser reports it.
            const qsizetype end = std::min(j + 1, n);
            out->append(json.constData() + i, end - i);
            i = end;
            continue;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            // JSON grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
            qsizetype j = i;
            if (json[j] == '-')
                ++j;
            if (!digit(j)) {
                *errorAt = i;
                return false;
            }
            if (json[j] == '0') {
                ++j;
            } else {
                while (digit(j))
                    ++j;
            }
            if (j < n && json[j] == '.') {
                ++j;
                if (!digit(j)) {
                    *errorAt = i;
                    return false;
                }
                while (digit(j))
                    ++j;
            }
            if (j < n && (json[j] == 'e' || json[j] == 'E')) {
                ++j;
                if (j < n && (json[j] == '+' || json[j] == '-'))
                    ++j;
                if (!digit(j)) {
                    *errorAt = i;
                    return false;
                }
                while (digit(j))
                    ++j;
            }
            if (digit(j)) { // "01"
                *errorAt = i;
                return false;
            }
            out->append("\"\\u0000");
            out->append(json.constData() + i, j - i);
            out->append('"');
            i = j;
            continue;
        }
        out->append(c);
        ++i;
    }
    return true;
}

bool AzureClient::parseCostQuery(const QByteArray &body, CostQueryPage *page, QString *error)
{
    QByteArray protectedJson;
    qsizetype at = 0;
    if (!protectNumbers(body, &protectedJson, &at)) {
        *error = QStringLiteral("the answer is not valid JSON (a malformed number or a \\u0000 at byte %1 of %2)")
                     .arg(at)
                     .arg(body.size());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(protectedJson, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("the answer is not valid JSON (%1; %2 bytes)")
                     .arg(doc.isNull() ? parseError.errorString() : QStringLiteral("not an object"))
                     .arg(body.size());
        return false;
    }
    const QJsonObject properties = doc.object().value(QStringLiteral("properties")).toObject();
    const QJsonValue columns = properties.value(QStringLiteral("columns"));
    const QJsonValue rows = properties.value(QStringLiteral("rows"));
    if (!columns.isArray() || !rows.isArray()) {
        *error = QStringLiteral("the answer has no properties.columns and properties.rows");
        return false;
    }
    page->columns.clear();
    page->columnTypes.clear();
    page->rows.clear();
    for (const QJsonValue &c : columns.toArray()) {
        const QString name = c.toObject().value(QStringLiteral("name")).toString();
        if (name.isEmpty()) {
            *error = QStringLiteral("a column of the answer has no name");
            return false;
        }
        page->columns << name;
        page->columnTypes << c.toObject().value(QStringLiteral("type")).toString();
    }
    const QJsonArray rowArray = rows.toArray();
    for (qsizetype r = 0; r < rowArray.size(); ++r) {
        const QJsonArray cells = rowArray.at(r).toArray();
        if (!rowArray.at(r).isArray() || cells.size() != page->columns.size()) {
            *error = QStringLiteral("row %1 of the answer has %2 cells for %3 columns")
                         .arg(r + 1)
                         .arg(cells.size())
                         .arg(page->columns.size());
            return false;
        }
        QStringList row;
        row.reserve(cells.size());
        for (qsizetype c = 0; c < cells.size(); ++c) {
            const QJsonValue v = cells.at(c);
            const bool numberColumn = page->columnTypes[c].compare(u"Number", Qt::CaseInsensitive) == 0;
            if (isProtectedNumber(v)) {
                row << numberText(v);
            } else if (v.isNull() || (v.isString() && !numberColumn)) {
                row << v.toString();
            } else {
                *error = QStringLiteral("row %1, column %2 of the answer holds %3")
                             .arg(r + 1)
                             .arg(page->columns[c], numberColumn ? QStringLiteral("no number") : QStringLiteral("no text"));
                return false;
            }
        }
        page->rows << row;
    }
    const QJsonValue next = properties.value(QStringLiteral("nextLink"));
    page->nextLink = next.isString() ? next.toString() : QString();
    return true;
}

QString AzureClient::scrub(QString text) const
{
    if (m_clientSecret.size() >= 4)
        text.replace(m_clientSecret, QStringLiteral("REDACTED"));
    if (m_tenantId.size() >= 4)
        text.replace(m_tenantId, QStringLiteral("(the tenant id)"), Qt::CaseInsensitive);
    if (m_clientId.size() >= 4)
        text.replace(m_clientId, QStringLiteral("(the client id)"), Qt::CaseInsensitive);
    return text;
}

QUrl AzureClient::managementUrl(const QString &path, const QList<QPair<QString, QString>> &query) const
{
    QUrl url = m_management;
    QString base = url.path();
    if (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + (path.startsWith(u'/') ? path : u'/' + path));
    QUrlQuery q;
    for (const auto &[k, v] : query)
        q.addQueryItem(k, QString::fromUtf8(QUrl::toPercentEncoding(v)));
    url.setQuery(q);
    return url;
}

bool AzureClient::sameOrigin(const QUrl &link) const
{
    return link.isValid() && link.scheme() == m_management.scheme() && link.host().compare(m_management.host(), Qt::CaseInsensitive) == 0
        && link.port(link.scheme() == u"https" ? 443 : 80) == m_management.port(m_management.scheme() == u"https" ? 443 : 80);
}

QString AzureClient::describeFailure(const QString &what, const net::HttpResult &result, bool afterFreshToken) const
{
    if (result.cancelled)
        return what + QStringLiteral(": cancelled");
    QString code, message;
    if (result.response.status >= 400) {
        const QJsonObject e = QJsonDocument::fromJson(result.response.body).object().value(QStringLiteral("error")).toObject();
        code = e.value(QStringLiteral("code")).toString();
        message = e.value(QStringLiteral("message")).toString().section(u'\n', 0, 0).left(300);
    }
    const int status = result.response.status;
    QString cause;
    if (code == u"ExpiredAuthenticationToken")
        cause = afterFreshToken ? QStringLiteral("Azure says the access token has expired (%1) even after a fresh one was "
                                                 "fetched; check the clock of this computer")
                                      .arg(code)
                                : QStringLiteral("the access token has expired (%1)").arg(code);
    else if (status == 401)
        cause = QStringLiteral("Azure rejected the credentials of account '%1' (%2)")
                    .arg(m_account.name, code.isEmpty() ? QStringLiteral("HTTP 401") : code);
    else if (status == 403 || code == u"AuthorizationFailed")
        cause = QStringLiteral("the app of account '%1' lacks a role on %2 (%3); grant it Reader and Cost Management Reader")
                    .arg(m_account.name, m_account.scope, code.isEmpty() ? QStringLiteral("HTTP 403") : code);
    else if (status == 429)
        cause = QStringLiteral("Azure kept throttling the requests");
    else if (status == 404 && (code.contains(QStringLiteral("NotFound")) || code.isEmpty()))
        cause = QStringLiteral("Azure does not know the scope %1 (%2); check the scope of account '%3'")
                    .arg(m_account.scope, code.isEmpty() ? QStringLiteral("HTTP 404") : code, m_account.name);
    else if (!code.isEmpty())
        cause = QStringLiteral("Azure answered %1").arg(code);
    QString text = what + QStringLiteral(": ");
    if (!cause.isEmpty())
        text += cause + (message.isEmpty() ? QString() : QStringLiteral(": ") + message) + QStringLiteral(" (");
    text += result.error.isEmpty() ? QStringLiteral("HTTP %1").arg(status) : result.error;
    if (!cause.isEmpty())
        text += u')';
    return scrub(text);
}

void AzureClient::logRateLimit(const Call &call) const
{
    // What is left of the quotas (ARM: x-ms-ratelimit-remaining-subscription-reads; Cost Management:
    // x-ms-ratelimit-microsoft.costmanagement-qpu-remaining ...), so a throttled sync can be explained.
    QStringList remaining;
    for (const auto &[name, value] : call.result.response.headers) {
        const QByteArray lower = name.toLower();
        if (lower.startsWith("x-ms-ratelimit-") && (lower.contains("remaining") || lower.contains("retry-after")))
            remaining << QString::fromLatin1(lower + ": " + value.left(80));
    }
    if (remaining.isEmpty())
        return;
    if (call.result.response.status == 429)
        qCInfo(lcAzure) << "account" << m_account.name << call.what << "throttled:" << remaining.join(QStringLiteral("; "));
    else
        qCDebug(lcAzure) << "account" << m_account.name << call.what << remaining.join(QStringLiteral("; "));
}

ChargeCategory AzureClient::chargeCategoryOf(QStringView chargeType)
{
    // As the Azure billing file reader maps it (providers/import/AzureFormat.cpp).
    const QStringView t = chargeType.trimmed();
    auto is = [&](const char16_t *name) { return t.compare(QStringView(name), Qt::CaseInsensitive) == 0; };
    if (t.isEmpty() || is(u"Usage") || is(u"UnusedReservation") || is(u"UnusedSavingsPlan"))
        return ChargeCategory::Usage;
    if (is(u"Purchase"))
        return ChargeCategory::Purchase;
    if (is(u"Tax"))
        return ChargeCategory::Tax;
    if (is(u"Refund") || is(u"Credit"))
        return ChargeCategory::Credit;
    return ChargeCategory::Adjustment; // RoundingAdjustment and anything new
}

bool AzureClient::send(Call &call, const CancelFn &cancelled)
{
    // A 401 for an expired token drops the cached token and tries once more with a fresh one.
    for (int attempt = 0; attempt < 2; ++attempt) {
        const auth::AzureTokenResult token = m_tokens.token(cancelled);
        if (!token.ok) {
            if (cancelled && cancelled()) {
                call.error = call.what + QStringLiteral(": cancelled");
            } else if (!token.errorCode.isEmpty()) {
                // The provider's text names tenant and client; keep only Azure AD's code and description.
                QString detail = token.error;
                const qsizetype at = detail.indexOf(token.errorCode + QStringLiteral(": "));
                if (at >= 0)
                    detail = detail.mid(at + token.errorCode.size() + 2);
                call.error = scrub(QStringLiteral("%1: Azure AD rejected the credentials of account '%2' (%3); check the "
                                                  "tenant id, client id and client secret: %4")
                                       .arg(call.what, m_account.name, token.errorCode, detail));
            } else {
                call.error = scrub(call.what + QStringLiteral(": no access token: ") + token.error);
            }
            return false;
        }
        net::HttpRequest request;
        request.method = call.method;
        request.url = call.url;
        request.headers = {{"Authorization", QByteArray("Bearer " + token.accessToken)}, {"Accept", "application/json"}};
        if (call.method == "POST") {
            request.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
            request.body = call.body;
        }
        request.retryAfterHeaders = kCostRetryAfterHeaders;
        qCDebug(lcAzure) << "account" << m_account.name << call.what;
        call.result = m_http.send(std::move(request), cancelled);
        logRateLimit(call);
        if (call.result.ok)
            return true;
        const bool expired = call.result.response.status == 401
            && (call.result.response.body.contains("ExpiredAuthenticationToken")
                || call.result.response.header("WWW-Authenticate").contains("expired"));
        if (expired && attempt == 0 && !call.result.cancelled) {
            qCInfo(lcAzure) << "account" << m_account.name << "the access token expired; fetching a new one";
            m_tokens.invalidate();
            continue;
        }
        call.error = describeFailure(call.what, call.result, expired);
        return false;
    }
    return false;
}

QString AzureClient::testConnection(const CancelFn &cancelled)
{
    const QString subscription = subscriptionOf(m_account.scope);
    Call call;
    if (!subscription.isEmpty()) {
        call.what = QStringLiteral("Azure subscription %1").arg(subscription);
        call.url = managementUrl(QStringLiteral("/subscriptions/") + subscription,
                                 {{QStringLiteral("api-version"), QString::fromLatin1(kSubscriptionApiVersion)}});
    } else {
        // A billing scope: ask for the scope's cost dimensions, the cheapest read it allows.
        call.what = QStringLiteral("Azure Cost Management dimensions of %1").arg(m_account.scope);
        call.url = managementUrl(m_account.scope + QStringLiteral("/providers/Microsoft.CostManagement/dimensions"),
                                 {{QStringLiteral("api-version"), QString::fromLatin1(kCostApiVersion)},
                                  {QStringLiteral("$top"), QStringLiteral("1")}});
    }
    if (m_account.scope.isEmpty())
        return QStringLiteral("account '%1' has no scope; add it again with --scope /subscriptions/<id>").arg(m_account.name);
    return send(call, cancelled) ? QString() : call.error;
}

bool AzureClient::fetchMonth(const QDate &from, const QDate &to, CostBatch *batch, QString *error,
                             const CancelFn &cancelled)
{
    const QString what = QStringLiteral("Azure Cost Management query");
    if (!isRangeInOneMonth(what, from, to, error))
        return false;
    const QDate monthStart(from.year(), from.month(), 1);
    if (m_account.scope.isEmpty()) {
        *error = QStringLiteral("%1: account '%2' has no scope; add it again with --scope /subscriptions/<id>")
                     .arg(what, m_account.name);
        return false;
    }
    beginMonthBatch(batch, providerName(), m_account, monthStart);
    QString currency;
    const QString scopeSubscription = subscriptionOf(m_account.scope).toLower();

    const QString range = from.toString(Qt::ISODate) + QStringLiteral(" to ") + to.toString(Qt::ISODate);
    const int64_t fromSecs = dayStart(from);
    const int64_t toSecs = dayStart(to);

    // Five queries (the API allows two groupings a query; docs/sync.md, "How the passes combine"):
    //  1. ActualCost, daily, by resource and service: one row per day x resource x service, billed.
    //  2. AmortizedCost, same grouping: its amount is the effective cost of the row with that key
    //     (a key only amortised, e.g. usage covered by a reservation, is a row with no billed cost).
    //  3./4. Actual and amortised cost, daily, by charge type and meter category: the amounts of
    //     charge types that are not usage (purchases, refunds, tax ...) become rows of their own,
    //     taken from the resource-less row of that day and service, so no amount counts twice.
    //  5. The region of each resource (undated; amounts unused).
    // Rows of the batch by day x resource x service, to join the amortised amounts.
    QHash<QString, size_t> rowByKey;
    auto keyOf = [](int64_t start, const QString &resourceId, const QString &service) -> QString {
        return QString::number(start) + u'\n' + resourceId + u'\n' + service;
    };
    // Reads one page of a daily query: calls onRow(row index, day start, cost) for each row after
    // checking the day, the amount and the currency.
    auto readDaily = [&](const CostQueryPage &page, QString *pageError,
                         const std::function<void(const QStringList &, int64_t, const Money &)> &onRow) -> bool {
        const qsizetype costCol = columnOf(page, {u"PreTaxCost", u"CostInBillingCurrency", u"Cost", u"totalCost"});
        const qsizetype dateCol = columnOf(page, {u"UsageDate"});
        const qsizetype currencyCol = columnOf(page, {u"Currency", u"BillingCurrency"});
        if (costCol < 0 || dateCol < 0) {
            *pageError = QStringLiteral("the answer has no %1 column (columns: %2)")
                             .arg(costCol < 0 ? QStringLiteral("cost") : QStringLiteral("UsageDate"),
                                  page.columns.join(QStringLiteral(", ")));
            return false;
        }
        for (qsizetype r = 0; r < page.rows.size(); ++r) {
            const QStringList &cells = page.rows[r];
            // UsageDate: a yyyymmdd number (or an ISO date-time in some API versions).
            QDate day = QDate::fromString(cells[dateCol], QStringLiteral("yyyyMMdd"));
            if (!day.isValid())
                day = QDateTime::fromString(cells[dateCol], Qt::ISODate).date();
            if (!day.isValid()) {
                *pageError = QStringLiteral("row %1 has the UsageDate '%2', not a date").arg(r + 1).arg(cells[dateCol].left(40));
                return false;
            }
            const int64_t start = dayStart(day);
            if (start < fromSecs || start >= toSecs) {
                *pageError = QStringLiteral("a row for %1 lies outside the range asked for (%2)").arg(day.toString(Qt::ISODate), range);
                return false;
            }
            const std::optional<Money> cost = Money::parse(QStringView(cells[costCol]));
            if (!cost) {
                *pageError = QStringLiteral("row %1 has the cost '%2', not a usable amount").arg(r + 1).arg(cells[costCol].left(40));
                return false;
            }
            if (currencyCol >= 0) {
                const QString unit = cells[currencyCol].trimmed();
                if (currency.isEmpty())
                    currency = unit;
                else if (!unit.isEmpty() && unit != currency) {
                    *pageError = QStringLiteral("amounts in two currencies (%1 and %2)").arg(currency, unit);
                    return false;
                }
            }
            onRow(cells, start, *cost);
        }
        return true;
    };
    // Passes 1 and 2: actual cost (billed) and amortised cost (effective) by resource and service.
    auto resourcePass = [&](bool amortised) {
        return [&, amortised](const CostQueryPage &page, QString *pageError) -> bool {
            const qsizetype resourceCol = columnOf(page, {u"ResourceId"});
            const qsizetype serviceCol = columnOf(page, {u"ServiceName", u"MeterCategory"});
            const qsizetype locationCol = columnOf(page, {u"ResourceLocation"});
            const qsizetype groupCol = columnOf(page, {u"ResourceGroupName", u"ResourceGroup"});
            const qsizetype subscriptionCol = columnOf(page, {u"SubscriptionId"});
            const qsizetype subscriptionNameCol = columnOf(page, {u"SubscriptionName"});
            const qsizetype chargeTypeCol = columnOf(page, {u"ChargeType"});
            const qsizetype resourceTypeCol = columnOf(page, {u"ResourceType"});
            return readDaily(page, pageError, [&](const QStringList &cells, int64_t start, const Money &cost) {
                CostRow row;
                row.chargeStart = start;
                row.chargeEnd = start + kSecondsPerDay;
                if (resourceCol >= 0) {
                    row.resourceId = cells[resourceCol].trimmed().toLower();
                    row.resourceName = lastSegment(row.resourceId);
                }
                if (serviceCol >= 0)
                    row.serviceName = cells[serviceCol];
                const QString key = keyOf(start, row.resourceId, row.serviceName);
                if (amortised) {
                    const auto found = rowByKey.constFind(key);
                    if (found != rowByKey.constEnd()) {
                        batch->rows[found.value()].effectiveCost += cost;
                        return;
                    }
                    row.effectiveCost = cost; // amortised only: nothing billed under this key
                } else {
                    row.billedCost = cost;
                    row.listCost = cost;
                }
                if (locationCol >= 0)
                    row.region = cells[locationCol].toLower();
                if (resourceTypeCol >= 0)
                    row.resourceType = cells[resourceTypeCol];
                row.subAccountId =
                    subscriptionCol >= 0 ? cells[subscriptionCol].toLower() : subscriptionOf(row.resourceId).toLower();
                if (row.subAccountId.isEmpty())
                    row.subAccountId = scopeSubscription;
                if (subscriptionNameCol >= 0)
                    row.subAccountName = cells[subscriptionNameCol];
                const QString group = groupCol >= 0 ? cells[groupCol].toLower() : resourceGroupOf(row.resourceId);
                if (!group.isEmpty())
                    row.extra.append({QStringLiteral("x_ResourceGroup"), group});
                if (chargeTypeCol >= 0) {
                    row.chargeCategory = chargeCategoryOf(cells[chargeTypeCol]);
                    row.extra.append({QStringLiteral("x_ChargeType"), cells[chargeTypeCol]});
                }
                rowByKey.insert(key, batch->rows.size());
                batch->rows.push_back(std::move(row));
            });
        };
    };
    // Passes 3 and 4: amounts by day x meter category x charge type, actual and amortised.
    struct ChargeAmounts
    {
        int64_t start = 0;
        QString meterCategory;
        QString chargeType;
        Money billed;
        Money effective;
    };
    std::vector<ChargeAmounts> charges;
    QHash<QString, size_t> chargeByKey;
    auto chargePass = [&](bool amortised) {
        return [&, amortised](const CostQueryPage &page, QString *pageError) -> bool {
            const qsizetype chargeTypeCol = columnOf(page, {u"ChargeType"});
            const qsizetype meterCol = columnOf(page, {u"MeterCategory", u"ServiceName"});
            if (chargeTypeCol < 0 || meterCol < 0) {
                *pageError = QStringLiteral("the answer has no ChargeType and MeterCategory columns (columns: %1)")
                                 .arg(page.columns.join(QStringLiteral(", ")));
                return false;
            }
            return readDaily(page, pageError, [&](const QStringList &cells, int64_t start, const Money &cost) {
                const QString type = cells[chargeTypeCol].trimmed();
                if (chargeCategoryOf(type) == ChargeCategory::Usage)
                    return; // usage stays in the rows by resource
                const QString key = keyOf(start, type.toLower(), cells[meterCol]);
                auto found = chargeByKey.constFind(key);
                if (found == chargeByKey.constEnd()) {
                    found = chargeByKey.insert(key, charges.size());
                    charges.push_back({start, cells[meterCol], type, {}, {}});
                }
                (amortised ? charges[found.value()].effective : charges[found.value()].billed) += cost;
            });
        };
    };
    const QStringList byResource{QString::fromLatin1(kGroupResource), QString::fromLatin1(kGroupService)};
    const QStringList byCharge{QString::fromLatin1(kGroupChargeType), QString::fromLatin1(kGroupMeterCategory)};
    const bool costsOk =
        queryPaged(what, queryBody(kActualCost, from, to, QStringLiteral("Daily"), byResource), range, resourcePass(false), error,
                   cancelled)
        && queryPaged(what + QStringLiteral(" (amortised cost)"),
                      queryBody(kAmortizedCost, from, to, QStringLiteral("Daily"), byResource), range, resourcePass(true), error,
                      cancelled)
        && queryPaged(what + QStringLiteral(" (charge types)"), queryBody(kActualCost, from, to, QStringLiteral("Daily"), byCharge),
                      range, chargePass(false), error, cancelled)
        && queryPaged(what + QStringLiteral(" (amortised charge types)"),
                      queryBody(kAmortizedCost, from, to, QStringLiteral("Daily"), byCharge), range, chargePass(true), error,
                      cancelled);
    if (!costsOk) {
        batch->rows.clear();
        return false;
    }
    // A charge type that is not usage becomes its own row; its amounts leave the day's
    // resource-less row of that service (where Azure puts purchases, refunds and tax), which is
    // created with negative amounts when there is none, so every day's totals stay those of passes
    // 1 and 2. A row emptied that way (0 billed, 0 effective) is dropped.
    std::vector<size_t> emptied;
    for (const ChargeAmounts &c : charges) {
        CostRow row;
        row.chargeStart = c.start;
        row.chargeEnd = c.start + kSecondsPerDay;
        row.serviceName = c.meterCategory;
        row.subAccountId = scopeSubscription;
        row.chargeCategory = chargeCategoryOf(c.chargeType);
        row.billedCost = c.billed;
        row.listCost = c.billed;
        row.effectiveCost = c.effective;
        row.extra.append({QStringLiteral("x_ChargeType"), c.chargeType});
        const QString key = keyOf(c.start, QString(), c.meterCategory);
        auto found = rowByKey.constFind(key);
        if (found == rowByKey.constEnd()) {
            CostRow rest;
            rest.chargeStart = c.start;
            rest.chargeEnd = rest.chargeStart + kSecondsPerDay;
            rest.serviceName = c.meterCategory;
            rest.subAccountId = scopeSubscription;
            found = rowByKey.insert(key, batch->rows.size());
            batch->rows.push_back(std::move(rest));
        }
        CostRow &rest = batch->rows[found.value()];
        rest.billedCost -= c.billed;
        rest.listCost -= c.billed;
        rest.effectiveCost -= c.effective;
        if (rest.billedCost.isZero() && rest.effectiveCost.isZero())
            emptied.push_back(found.value());
        batch->rows.push_back(std::move(row));
    }
    if (!emptied.empty()) {
        std::sort(emptied.begin(), emptied.end());
        emptied.erase(std::unique(emptied.begin(), emptied.end()), emptied.end());
        for (auto it = emptied.rbegin(); it != emptied.rend(); ++it) {
            const CostRow &r = batch->rows[*it];
            if (r.billedCost.isZero() && r.effectiveCost.isZero())
                batch->rows.erase(batch->rows.begin() + qsizetype(*it));
        }
    }

    // 2. The region of each resource: the query API allows two groupings, so the location comes
    // from a second, undated query by resource and location (its amounts are not used).
    QHash<QString, QString> locations;
    const bool locationsOk = queryPaged(
        what + QStringLiteral(" (locations)"),
        queryBody(kActualCost, from, to, QStringLiteral("None"), {QString::fromLatin1(kGroupResource), QStringLiteral("ResourceLocation")}),
        range,
        [&](const CostQueryPage &page, QString *pageError) {
            const qsizetype resourceCol = columnOf(page, {u"ResourceId"});
            const qsizetype locationCol = columnOf(page, {u"ResourceLocation"});
            if (resourceCol < 0 || locationCol < 0) {
                *pageError = QStringLiteral("the answer has no ResourceId and ResourceLocation columns (columns: %1)")
                                 .arg(page.columns.join(QStringLiteral(", ")));
                return false;
            }
            for (const QStringList &cells : page.rows) {
                const QString id = cells[resourceCol].trimmed().toLower();
                const QString location = cells[locationCol].trimmed().toLower();
                if (!id.isEmpty() && !location.isEmpty() && location != u"unassigned")
                    locations.insert(id, location);
            }
            return true;
        },
        error, cancelled);
    if (!locationsOk) {
        batch->rows.clear();
        return false;
    }
    for (CostRow &row : batch->rows) {
        if (row.region.isEmpty() && !row.resourceId.isEmpty())
            row.region = locations.value(row.resourceId);
    }
    if (!currency.isEmpty())
        batch->currency = currency;
    return true;
}

bool AzureClient::queryPaged(const QString &what, const QByteArray &body, const QString &range,
                             const std::function<bool(const CostQueryPage &, QString *)> &onPage, QString *error,
                             const CancelFn &cancelled)
{
    const QUrl first = managementUrl(m_account.scope + QStringLiteral("/providers/Microsoft.CostManagement/query"),
                                     {{QStringLiteral("api-version"), QString::fromLatin1(kCostApiVersion)}});
    auto fetchPage = [&](const QString &link, QString *nextLink, QString *pageError) -> bool {
        Call call;
        call.what = what;
        call.method = "POST";
        call.url = link.isEmpty() ? first : QUrl(link);
        call.body = body; // nextLink is followed with the same body
        if (!send(call, cancelled)) {
            *pageError = call.error;
            return false;
        }
        CostQueryPage page;
        if (!parseCostQuery(call.result.response.body, &page, pageError) || !onPage(page, pageError)) {
            pageError->prepend(what + QStringLiteral(": "));
            return false;
        }
        *nextLink = page.nextLink;
        if (!nextLink->isEmpty() && !sameOrigin(QUrl(*nextLink))) {
            *pageError = what + QStringLiteral(": the answer's nextLink points to another host (%1); not followed, so the "
                                               "access token stays with %2")
                             .arg(net::HttpClient::redactedUrl(QUrl(*nextLink)), m_management.host());
            return false;
        }
        return true;
    };
    const net::PagingResult paging = net::fetchPages(m_options.maxPages, fetchPage, cancelled);
    if (const QString why = paging.failure(what + QStringLiteral(" for ") + range, QStringLiteral("nextLink"));
        !why.isEmpty()) {
        *error = why;
        return false;
    }
    return true;
}

bool AzureClient::getPaged(const QString &what, const QUrl &first, const std::function<bool(const QJsonObject &, QString *)> &onPage,
                           QString *error, const CancelFn &cancelled)
{
    auto fetchPage = [&](const QString &link, QString *nextLink, QString *pageError) -> bool {
        Call call;
        call.what = what;
        call.url = link.isEmpty() ? first : QUrl(link);
        if (!send(call, cancelled)) {
            *pageError = call.error;
            return false;
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(call.result.response.body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
            *pageError = what + QStringLiteral(": the answer is not usable: not valid JSON (%1 at byte %2 of %3)")
                             .arg(doc.isNull() ? parseError.errorString() : QStringLiteral("not an object"))
                             .arg(parseError.offset)
                             .arg(call.result.response.body.size());
            return false;
        }
        if (!onPage(doc.object(), pageError)) {
            pageError->prepend(what + QStringLiteral(": the answer is not usable: "));
            return false;
        }
        *nextLink = doc.object().value(QStringLiteral("nextLink")).toString();
        if (!nextLink->isEmpty() && !sameOrigin(QUrl(*nextLink))) {
            *pageError = what + QStringLiteral(": the answer's nextLink points to another host (%1); not followed")
                             .arg(net::HttpClient::redactedUrl(QUrl(*nextLink)));
            return false;
        }
        return true;
    };
    const net::PagingResult paging = net::fetchPages(m_options.maxPages, fetchPage, cancelled);
    if (const QString why = paging.failure(what, QStringLiteral("nextLink")); !why.isEmpty()) {
        *error = why;
        return false;
    }
    return true;
}

bool AzureClient::fetchMetrics(const QString &vmId, std::vector<MetricSeries> *metrics, QString *error,
                               const CancelFn &cancelled)
{
    // CPU as the hourly average percent; network as bytes per second (the hourly total / 3600).
    constexpr int kInterval = 3600;
    const QDateTime end = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch() / kInterval * kInterval, QTimeZone::utc());
    const QDateTime start = end.addDays(-7);
    Call call;
    call.what = QStringLiteral("Azure Monitor metrics of %1").arg(lastSegment(vmId));
    call.url = managementUrl(vmId + QStringLiteral("/providers/Microsoft.Insights/metrics"),
                             {{QStringLiteral("api-version"), QString::fromLatin1(kMetricsApiVersion)},
                              {QStringLiteral("metricnames"), QStringLiteral("Percentage CPU,Network In Total,Network Out Total")},
                              {QStringLiteral("aggregation"), QStringLiteral("Average,Total")},
                              {QStringLiteral("interval"), QStringLiteral("PT1H")},
                              {QStringLiteral("timespan"), start.toString(Qt::ISODate) + u'/' + end.toString(Qt::ISODate)}});
    if (!send(call, cancelled)) {
        *error = call.error;
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(call.result.response.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = call.what + QStringLiteral(": the answer is not usable: not valid JSON (%1)").arg(parseError.errorString());
        return false;
    }
    for (const QJsonValue &m : doc.object().value(QStringLiteral("value")).toArray()) {
        const QJsonObject metric = m.toObject();
        const QString name = metric.value(QStringLiteral("name")).toObject().value(QStringLiteral("value")).toString();
        QString ours;
        QString field;
        double scale = 1.0;
        if (name == u"Percentage CPU") {
            ours = QStringLiteral("cpu");
            field = QStringLiteral("average");
        } else if (name == u"Network In Total" || name == u"Network Out Total") {
            ours = name == u"Network In Total" ? QStringLiteral("network_in") : QStringLiteral("network_out");
            field = QStringLiteral("total");
            scale = 1.0 / kInterval;
        } else {
            continue;
        }
        MetricSeries series;
        series.provider = providerName();
        series.resourceId = vmId.toLower();
        series.metric = ours;
        for (const QJsonValue &ts : metric.value(QStringLiteral("timeseries")).toArray()) {
            for (const QJsonValue &p : ts.toObject().value(QStringLiteral("data")).toArray()) {
                const QJsonObject point = p.toObject();
                const int64_t t = parseTime(point.value(QStringLiteral("timeStamp")).toString());
                if (t == 0) {
                    *error = call.what + QStringLiteral(": the answer is not usable: a data point of %1 has no valid timeStamp").arg(name);
                    return false;
                }
                const QJsonValue v = point.value(field);
                if (v.isUndefined() || v.isNull())
                    continue; // no data in that hour (the machine was off)
                if (!v.isDouble()) {
                    *error = call.what + QStringLiteral(": the answer is not usable: a data point of %1 is not a number").arg(name);
                    return false;
                }
                series.points.push_back({t, v.toDouble() * scale});
            }
        }
        if (!series.points.empty())
            metrics->push_back(std::move(series));
    }
    return true;
}

bool AzureClient::fetchResources(ResourceBatch *resources, std::vector<MetricSeries> *metrics, QString *error,
                                 const CancelFn &cancelled)
{
    resources->provider = providerName();
    resources->accountId = m_account.billingAccount.isEmpty() ? m_account.name : m_account.billingAccount;
    resources->observedAt = QDateTime::currentSecsSinceEpoch();
    resources->resources.clear();
    if (metrics)
        metrics->clear();
    const QString subscription = subscriptionOf(m_account.scope);
    if (subscription.isEmpty()) {
        // A billing-account scope names no subscription whose resources could be listed.
        qCInfo(lcAzure) << "account" << m_account.name << "scope" << m_account.scope
                        << "is not a subscription; no resources are listed";
        return true;
    }
    const int64_t now = resources->observedAt;
    auto base = [&](const QJsonObject &o, const QString &type) -> ResourceRecord {
        ResourceRecord r;
        r.provider = providerName();
        r.accountId = resources->accountId;
        r.resourceId = o.value(QStringLiteral("id")).toString().toLower();
        r.name = o.value(QStringLiteral("name")).toString();
        r.region = o.value(QStringLiteral("location")).toString().toLower();
        r.type = type;
        r.tags = tagsOf(o);
        r.firstSeen = now;
        r.lastSeen = now;
        return r;
    };
    auto &out = resources->resources;
    QStringList running;
    const QString subscriptionPath = QStringLiteral("/subscriptions/") + subscription;
    const bool ok =
        getPaged(
            QStringLiteral("Azure Compute virtual machines"),
            managementUrl(subscriptionPath + QStringLiteral("/providers/Microsoft.Compute/virtualMachines"),
                          {{QStringLiteral("api-version"), QString::fromLatin1(kComputeApiVersion)},
                           {QStringLiteral("statusOnly"), QStringLiteral("true")}}),
            [&](const QJsonObject &page, QString *pageError) {
                const QJsonValue value = page.value(QStringLiteral("value"));
                if (!value.isArray()) {
                    *pageError = QStringLiteral("no value list");
                    return false;
                }
                for (const QJsonValue &v : value.toArray()) {
                    const QJsonObject vm = v.toObject();
                    ResourceRecord r = base(vm, QStringLiteral("instance"));
                    if (r.resourceId.isEmpty()) {
                        *pageError = QStringLiteral("a virtual machine without an id");
                        return false;
                    }
                    const QJsonObject props = vm.value(QStringLiteral("properties")).toObject();
                    r.flavor = props.value(QStringLiteral("hardwareProfile")).toObject().value(QStringLiteral("vmSize")).toString();
                    r.createdAt = parseTime(props.value(QStringLiteral("timeCreated")).toString());
                    const QJsonArray statuses =
                        props.value(QStringLiteral("instanceView")).toObject().value(QStringLiteral("statuses")).toArray();
                    for (const QJsonValue &s : statuses) {
                        const QString code = s.toObject().value(QStringLiteral("code")).toString();
                        if (code.startsWith(QStringLiteral("PowerState/")))
                            r.state = code.mid(11).toLower();
                    }
                    if (r.state == u"running")
                        running << r.resourceId;
                    out.push_back(std::move(r));
                }
                return true;
            },
            error, cancelled)
        && getPaged(
            QStringLiteral("Azure Compute managed disks"),
            managementUrl(subscriptionPath + QStringLiteral("/providers/Microsoft.Compute/disks"),
                          {{QStringLiteral("api-version"), QString::fromLatin1(kDiskApiVersion)}}),
            [&](const QJsonObject &page, QString *pageError) {
                const QJsonValue value = page.value(QStringLiteral("value"));
                if (!value.isArray()) {
                    *pageError = QStringLiteral("no value list");
                    return false;
                }
                for (const QJsonValue &v : value.toArray()) {
                    const QJsonObject disk = v.toObject();
                    ResourceRecord r = base(disk, QStringLiteral("volume"));
                    if (r.resourceId.isEmpty()) {
                        *pageError = QStringLiteral("a disk without an id");
                        return false;
                    }
                    const QJsonObject props = disk.value(QStringLiteral("properties")).toObject();
                    r.flavor = disk.value(QStringLiteral("sku")).toObject().value(QStringLiteral("name")).toString();
                    r.state = props.value(QStringLiteral("diskState")).toString().toLower();
                    r.createdAt = parseTime(props.value(QStringLiteral("timeCreated")).toString());
                    r.attachedTo = disk.value(QStringLiteral("managedBy")).toString().toLower();
                    if (!r.attachedTo.isEmpty())
                        r.attachmentKind = QStringLiteral("volume-instance");
                    out.push_back(std::move(r));
                }
                return true;
            },
            error, cancelled);
    if (!ok) {
        out.clear();
        return false;
    }
    if (metrics) {
        for (const QString &vm : std::as_const(running)) {
            if (!fetchMetrics(vm, metrics, error, cancelled)) {
                out.clear();
                metrics->clear();
                return false;
            }
        }
    }
    qCInfo(lcAzure) << "account" << m_account.name << out.size() << "resources," << running.size() << "running machines";
    return true;
}

} // namespace costscope::providers::azure
