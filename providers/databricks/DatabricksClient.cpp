#include "providers/databricks/DatabricksClient.h"

#include "providers/SaasPricing.h"
#include "providers/import/CsvReader.h"
#include "providers/import/DatabricksUsageFormat.h"
#include "providers/pricing/DatabricksDbuPrices.h"

#include <QBuffer>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QThread>
#include <QTimeZone>
#include <QUrlQuery>

#include <map>

namespace costscope::providers::databricks {

Q_LOGGING_CATEGORY(lcDatabricks, "costscope.databricks", QtInfoMsg)

namespace {

constexpr int kMaxPolls = 120;
const QString kService = QStringLiteral("Databricks");

bool safeId(const QString &id)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]{1,128}$"));
    return pattern.match(id).hasMatch();
}

// Databricks account ids are UUIDs (account console, top right); nothing else reaches the URL path.
bool validAccountId(const QString &id)
{
    static const QRegularExpression pattern(
        QStringLiteral("^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$"));
    return pattern.match(id).hasMatch();
}

QString accountIdOf(const AccountConfig &account) { return account.options.value(QStringLiteral("account_id")).trimmed(); }

} // namespace

DatabricksClient::DatabricksClient(AccountConfig account, QString token, const net::HttpClient &http, ClientOptions options)
    : m_account(std::move(account))
    , m_token(std::move(token))
    , m_http(http)
    , m_options(options)
{
}

DatabricksClient::~DatabricksClient()
{
    m_token.fill(u'\0');
    m_clientSecret.fill(u'\0');
    m_accountToken.fill(u'\0');
}

void DatabricksClient::setServicePrincipal(QString clientId, QString clientSecret)
{
    m_clientId = std::move(clientId).trimmed();
    m_clientSecret.fill(u'\0');
    m_clientSecret = std::move(clientSecret);
    m_accountToken.fill(u'\0');
    m_accountToken.clear();
}

bool DatabricksClient::usesAccountDownload() const { return !accountIdOf(m_account).isEmpty(); }

QString DatabricksClient::checkAccount(const AccountConfig &account)
{
    const QUrl url(account.endpoint);
    if (account.endpoint.isEmpty() || !url.isValid() || url.host().isEmpty())
        return QStringLiteral("account '%1' has no workspace URL (https://<workspace>.cloud.databricks.com)").arg(account.name);
    if (const QString accountId = accountIdOf(account); !accountId.isEmpty()) {
        if (!validAccountId(accountId))
            return QStringLiteral("account '%1': the Databricks account id must be a UUID (account console, top right), "
                                  "not '%2'")
                .arg(account.name, accountId.left(60));
        const QUrl accounts(account.options.value(QStringLiteral("accounts_url"), QString::fromLatin1(defaultAccountsUrl())));
        if (!accounts.isValid() || accounts.host().isEmpty())
            return QStringLiteral("account '%1': the account console URL is not a URL").arg(account.name);
        return {};
    }
    if (!safeId(account.options.value(QStringLiteral("warehouse_id")).trimmed()))
        return QStringLiteral("account '%1' needs the id of a SQL warehouse (letters and digits, from SQL Warehouses > the "
                              "warehouse > Overview)")
            .arg(account.name);
    return {};
}

QUrl DatabricksClient::url(const QString &path) const
{
    QUrl u(m_account.endpoint);
    QString base = u.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    u.setPath(base + path);
    u.setQuery(QString());
    return u;
}

QString DatabricksClient::scrub(QString text) const
{
    for (const QString *secret : {&m_token, &m_clientSecret, &m_accountToken})
        if (secret->size() >= 4)
            text.replace(*secret, QStringLiteral("REDACTED"));
    return text;
}

QString DatabricksClient::describeFailure(const QString &what, const net::HttpResult &result) const
{
    if (result.cancelled)
        return what + QStringLiteral(": cancelled");
    const int status = result.response.status;
    QString message, code;
    if (status >= 400) {
        const QJsonObject o = QJsonDocument::fromJson(result.response.body).object();
        message = o.value(QStringLiteral("message")).toString();
        code = o.value(QStringLiteral("error_code")).toString();
        if (message.isEmpty() && !result.response.body.trimmed().startsWith('<') && !result.response.body.trimmed().startsWith('{'))
            message = QString::fromUtf8(result.response.body.left(300));
        message = message.section(u'\n', 0, 0).trimmed().left(300);
    }
    const bool expired = message.contains(QStringLiteral("expired"), Qt::CaseInsensitive);
    const bool invalidToken = message.contains(QStringLiteral("invalid access token"), Qt::CaseInsensitive)
        || code == u"UNAUTHENTICATED";
    QString cause;
    if ((status == 401 || status == 403) && expired)
        cause = QStringLiteral("the access token has expired; generate a new one and edit account '%1'").arg(m_account.name);
    else if (status == 401 || (status == 403 && invalidToken))
        cause = QStringLiteral("Databricks rejected the credentials; check the access token of account '%1'").arg(m_account.name);
    else if (status == 403)
        cause = QStringLiteral("the token's user lacks a permission (reading system.billing needs USE and SELECT on it, and "
                               "CAN USE on the SQL warehouse)");
    else if (status == 404)
        cause = QStringLiteral("not found; check the workspace URL and the SQL warehouse id of account '%1'").arg(m_account.name);
    QString out = what + QStringLiteral(": ");
    if (!cause.isEmpty())
        out += cause + (message.isEmpty() ? QString() : QStringLiteral(": ") + message) + QStringLiteral(" (");
    else if (!message.isEmpty())
        out += message + QStringLiteral(" (");
    out += result.error.isEmpty() ? QStringLiteral("HTTP %1").arg(status) : result.error;
    if (!code.isEmpty() && (!cause.isEmpty() || !message.isEmpty()))
        out += QStringLiteral(", ") + code.left(40);
    if (!cause.isEmpty() || !message.isEmpty())
        out += u')';
    return scrub(out);
}

bool DatabricksClient::send(const QString &what, net::HttpRequest request, QJsonObject *answer, QString *error,
                            const CancelFn &cancelled)
{
    request.headers.append({QByteArray("Accept"), QByteArray("application/json")});
    request.headers.append({QByteArray("Authorization"), QByteArray("Bearer ") + m_token.toUtf8()});
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
    *answer = doc.object();
    return true;
}

bool DatabricksClient::runStatement(const QString &what, const QString &sql, const QList<Parameter> &parameters, Result *result,
                                    QString *error, const CancelFn &cancelled)
{
    result->columns.clear();
    result->rows.clear();
    QString statementId;
    qint64 totalRows = -1;
    qint64 received = 0;

    // One chunk: its rows and the link to the next one.
    auto takeChunk = [&](const QJsonObject &chunk, QString *nextToken, QString *pageError) -> bool {
        const QJsonArray rows = chunk.value(QStringLiteral("data_array")).toArray();
        for (qsizetype r = 0; r < rows.size(); ++r) {
            const QJsonArray cells = rows[r].toArray();
            if (!rows[r].isArray() || cells.size() != result->columns.size()) {
                *pageError = what + QStringLiteral(": the answer is not usable: row %1 of chunk %2 does not have the %3 columns of the schema")
                                        .arg(r + 1)
                                        .arg(chunk.value(QStringLiteral("chunk_index")).toInt())
                                        .arg(result->columns.size());
                return false;
            }
            QStringList out;
            for (const QJsonValue &cell : cells) {
                if (cell.isNull()) {
                    out << QString();
                } else if (cell.isString()) {
                    out << cell.toString();
                } else {
                    *pageError = what + QStringLiteral(": the answer is not usable: row %1 has a cell that is not a string").arg(r + 1);
                    return false;
                }
            }
            result->rows.push_back(std::move(out));
        }
        received += rows.size();
        nextToken->clear();
        const QString link = chunk.value(QStringLiteral("next_chunk_internal_link")).toString();
        if (!link.isEmpty()) {
            // Only a chunk of this statement on this host: the token is never sent elsewhere.
            const QString prefix = QStringLiteral("/api/2.0/sql/statements/%1/result/chunks/").arg(statementId);
            static const QRegularExpression chunkPattern(QStringLiteral("^[0-9]{1,9}(\\?[A-Za-z0-9_=&%.-]*)?$"));
            if (!link.startsWith(prefix) || !chunkPattern.match(link.mid(prefix.size())).hasMatch()) {
                *pageError = what + QStringLiteral(": the answer is not usable: next_chunk_internal_link '%1' is not a chunk of "
                                                   "this statement")
                                        .arg(link.left(120));
                return false;
            }
            *nextToken = link;
        }
        return true;
    };

    auto fetchPage = [&](const QString &pageToken, QString *nextToken, QString *pageError) -> bool {
        QJsonObject answer;
        if (!pageToken.isEmpty()) {
            net::HttpRequest request;
            const qsizetype q = pageToken.indexOf(u'?');
            request.url = url(q < 0 ? pageToken : pageToken.left(q));
            if (q >= 0)
                request.url.setQuery(pageToken.mid(q + 1));
            if (!send(what, std::move(request), &answer, pageError, cancelled))
                return false;
            return takeChunk(answer, nextToken, pageError);
        }
        QJsonArray params;
        for (const Parameter &p : parameters)
            params.append(QJsonObject{{QStringLiteral("name"), p.name}, {QStringLiteral("value"), p.value}, {QStringLiteral("type"), p.type}});
        const QJsonObject body{{QStringLiteral("warehouse_id"), m_account.options.value(QStringLiteral("warehouse_id")).trimmed()},
                               {QStringLiteral("statement"), sql},
                               {QStringLiteral("wait_timeout"), QStringLiteral("30s")},
                               {QStringLiteral("on_wait_timeout"), QStringLiteral("CONTINUE")},
                               {QStringLiteral("disposition"), QStringLiteral("INLINE")},
                               {QStringLiteral("format"), QStringLiteral("JSON_ARRAY")},
                               {QStringLiteral("parameters"), params}};
        net::HttpRequest request;
        request.method = "POST";
        request.url = url(QStringLiteral("/api/2.0/sql/statements"));
        request.headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        if (!send(what, std::move(request), &answer, pageError, cancelled))
            return false;
        statementId = answer.value(QStringLiteral("statement_id")).toString();
        if (!safeId(statementId)) {
            *pageError = what + QStringLiteral(": the answer is not usable: no valid statement_id");
            return false;
        }
        for (int poll = 0;; ++poll) {
            const QJsonObject status = answer.value(QStringLiteral("status")).toObject();
            const QString state = status.value(QStringLiteral("state")).toString();
            if (state == u"SUCCEEDED")
                break;
            if (state == u"FAILED" || state == u"CANCELED" || state == u"CLOSED") {
                const QJsonObject e = status.value(QStringLiteral("error")).toObject();
                *pageError = what + QStringLiteral(": the statement %1: %2 (%3)")
                                        .arg(state == u"FAILED" ? QStringLiteral("failed") : state.toLower(),
                                             e.value(QStringLiteral("message")).toString().section(u'\n', 0, 0).left(300),
                                             e.value(QStringLiteral("error_code")).toString().left(60));
                *pageError = scrub(*pageError);
                return false;
            }
            if (state != u"PENDING" && state != u"RUNNING") {
                *pageError = what + QStringLiteral(": the answer is not usable: unknown statement state '%1'").arg(state.left(40));
                return false;
            }
            if (poll >= kMaxPolls) {
                *pageError = what + QStringLiteral(": the statement %1 did not finish after %2 polls").arg(statementId).arg(kMaxPolls);
                return false;
            }
            const int waitMs = poll == 0 ? 0 : std::min(5000, 250 << std::min(poll - 1, 5));
            for (int waited = 0; waited < waitMs && !(cancelled && cancelled()); waited += 50)
                QThread::msleep(50);
            if (cancelled && cancelled()) {
                *pageError = what + QStringLiteral(": cancelled");
                return false;
            }
            net::HttpRequest statusRequest;
            statusRequest.url = url(QStringLiteral("/api/2.0/sql/statements/") + statementId);
            if (!send(what, std::move(statusRequest), &answer, pageError, cancelled))
                return false;
        }
        const QJsonObject manifest = answer.value(QStringLiteral("manifest")).toObject();
        const QJsonArray columns = manifest.value(QStringLiteral("schema")).toObject().value(QStringLiteral("columns")).toArray();
        if (columns.isEmpty()) {
            *pageError = what + QStringLiteral(": the answer is not usable: the result has no manifest.schema.columns");
            return false;
        }
        for (const QJsonValue &c : columns)
            result->columns << c.toObject().value(QStringLiteral("name")).toString().toUpper();
        const QJsonValue total = manifest.value(QStringLiteral("total_row_count"));
        totalRows = total.isDouble() ? qint64(total.toDouble()) : -1;
        if (totalRows < 0) {
            *pageError = what + QStringLiteral(": the answer is not usable: the manifest has no total_row_count");
            return false;
        }
        return takeChunk(answer.value(QStringLiteral("result")).toObject(), nextToken, pageError);
    };
    const net::PagingResult paging = net::fetchPages(m_options.maxPages, fetchPage, cancelled);
    if (const QString why = paging.failure(what, QStringLiteral("result chunks")); !why.isEmpty()) {
        *error = why;
        result->rows.clear();
        return false;
    }
    if (received != totalRows) {
        *error = what + QStringLiteral(": the answer is not usable: total_row_count says %1 rows but %2 arrived").arg(totalRows).arg(received);
        result->rows.clear();
        return false;
    }
    return true;
}

const char *DatabricksClient::usageSql()
{
    return "SELECT CAST(u.usage_date AS STRING) AS usage_date, CAST(u.workspace_id AS STRING) AS workspace_id, u.sku_name,"
           " u.billing_origin_product, u.usage_unit, CAST(SUM(u.usage_quantity) AS STRING) AS usage_quantity,"
           " CAST(p.pricing.default AS STRING) AS list_price, p.currency_code"
           " FROM system.billing.usage u"
           " LEFT JOIN system.billing.list_prices p ON u.cloud = p.cloud AND u.sku_name = p.sku_name"
           " AND u.usage_unit = p.usage_unit AND u.usage_end_time >= p.price_start_time"
           " AND (p.price_end_time IS NULL OR u.usage_end_time < p.price_end_time)"
           " WHERE u.usage_date >= :from_day AND u.usage_date < :to_day"
           " GROUP BY ALL ORDER BY 1, 2, 3";
}

QString DatabricksClient::serviceName(const QString &billingOriginProduct, const QString &sku)
{
    static const std::map<QString, QString> products = {
        {QStringLiteral("JOBS"), QStringLiteral("Jobs Compute")},
        {QStringLiteral("ALL_PURPOSE"), QStringLiteral("All-Purpose Compute")},
        {QStringLiteral("SQL"), QStringLiteral("Databricks SQL")},
        {QStringLiteral("DLT"), QStringLiteral("Delta Live Tables")},
        {QStringLiteral("MODEL_SERVING"), QStringLiteral("Model Serving")},
        {QStringLiteral("INTERACTIVE"), QStringLiteral("Serverless Notebooks")},
        {QStringLiteral("VECTOR_SEARCH"), QStringLiteral("Vector Search")},
        {QStringLiteral("LAKEHOUSE_MONITORING"), QStringLiteral("Lakehouse Monitoring")},
        {QStringLiteral("PREDICTIVE_OPTIMIZATION"), QStringLiteral("Predictive Optimization")},
        {QStringLiteral("ONLINE_TABLES"), QStringLiteral("Online Tables")},
        {QStringLiteral("FOUNDATION_MODEL_TRAINING"), QStringLiteral("Foundation Model Training")},
        {QStringLiteral("NETWORKING"), QStringLiteral("Networking")},
    };
    const auto it = products.find(billingOriginProduct.trimmed().toUpper());
    if (it != products.end())
        return it->second;
    return pricing::dbuServiceName(sku);
}

QString DatabricksClient::testConnection(const CancelFn &cancelled)
{
    if (usesAccountDownload()) {
        QString error;
        if (!accountToken(&error, cancelled))
            return error;
    }
    Result result;
    QString error;
    if (!runStatement(QStringLiteral("Databricks SQL statement (test)"),
                      QStringLiteral("SELECT COUNT(*) FROM system.billing.usage WHERE usage_date >= current_date() - INTERVAL 1 DAY"),
                      {}, &result, &error, cancelled))
        return error;
    return {};
}

bool DatabricksClient::fetchMonth(const QDate &from, const QDate &to, CostBatch *batch, QString *error, const CancelFn &cancelled)
{
    m_saas = SaasBatch();
    if (!isRangeInOneMonth(QStringLiteral("Databricks"), from, to, error))
        return false;
    const QDate monthStart(from.year(), from.month(), 1);
    beginMonthBatch(batch, providerName(), m_account, monthStart);
    if (usesAccountDownload())
        return downloadMonth(from, to, batch, error, cancelled);
    const QString month = monthStart.toString(QStringLiteral("yyyy-MM"));
    const QString what = QStringLiteral("Databricks system.billing.usage for %1").arg(month);
    Result result;
    if (!runStatement(what, QString::fromLatin1(usageSql()),
                      {{QStringLiteral("from_day"), from.toString(Qt::ISODate), QStringLiteral("DATE")},
                       {QStringLiteral("to_day"), to.toString(Qt::ISODate), QStringLiteral("DATE")}},
                      &result, error, cancelled))
        return false;
    for (const char *c : {"USAGE_DATE", "WORKSPACE_ID", "SKU_NAME", "BILLING_ORIGIN_PRODUCT", "USAGE_UNIT", "USAGE_QUANTITY",
                          "LIST_PRICE", "CURRENCY_CODE"}) {
        if (result.column(c) < 0) {
            *error = what + QStringLiteral(": the answer is not usable: the result has no column %1").arg(QString::fromLatin1(c).toLower());
            return false;
        }
    }
    m_saas.service = kService;
    m_saas.account = batch->billingAccountId;
    m_saas.source = m_account.id;
    m_saas.from = monthStart;
    m_saas.to = monthStart.addMonths(1);
    QString currency;
    auto fail = [&](size_t row, const QString &why) {
        *error = what + QStringLiteral(": the answer is not usable: row %1: %2").arg(row + 1).arg(why);
        batch->rows.clear();
        m_saas = SaasBatch();
        return false;
    };
    for (size_t i = 0; i < result.rows.size(); ++i) {
        const QStringList &r = result.rows[i];
        const QDate day = QDate::fromString(r[result.column("USAGE_DATE")], Qt::ISODate);
        if (!day.isValid() || day < from || day >= to)
            return fail(i, QStringLiteral("the day '%1' is not in the range asked for").arg(r[result.column("USAGE_DATE")].left(30)));
        const QString workspace = r[result.column("WORKSPACE_ID")];
        const QString sku = r[result.column("SKU_NAME")];
        if (workspace.isEmpty() || sku.isEmpty())
            return fail(i, QStringLiteral("no workspace id or SKU"));
        const std::optional<Money> quantity = decimalQuantity(r[result.column("USAGE_QUANTITY")]);
        if (!quantity)
            return fail(i, QStringLiteral("usage_quantity '%1' is not a decimal number").arg(r[result.column("USAGE_QUANTITY")].left(40)));
        std::optional<Money> price;
        QString rowCurrency = r[result.column("CURRENCY_CODE")].trimmed().toUpper();
        bool bundled = false;
        if (r[result.column("LIST_PRICE")].isNull()) {
            price = pricing::bundledDbuPrice(sku);
            rowCurrency = QStringLiteral("USD");
            bundled = true;
            if (!price)
                return fail(i, QStringLiteral("SKU '%1' has no list price in system.billing.list_prices nor in the bundled DBU "
                                              "price table")
                                   .arg(sku.left(80)));
        } else {
            price = decimalQuantity(r[result.column("LIST_PRICE")]);
            if (!price || price->nanos() < 0)
                return fail(i, QStringLiteral("list price '%1' is not a decimal number").arg(r[result.column("LIST_PRICE")].left(40)));
        }
        if (rowCurrency.isEmpty())
            rowCurrency = QStringLiteral("USD");
        if (currency.isEmpty())
            currency = rowCurrency;
        else if (currency != rowCurrency)
            return fail(i, QStringLiteral("prices in two currencies (%1 and %2)").arg(currency, rowCurrency.left(10)));
        const std::optional<Money> cost = priceTimes(*quantity, *price);
        if (!cost)
            return fail(i, QStringLiteral("the cost does not fit"));
        const QString unit = r[result.column("USAGE_UNIT")].isEmpty() ? QStringLiteral("DBU") : r[result.column("USAGE_UNIT")];
        CostRow row;
        row.chargeStart = QDateTime(day, QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
        row.chargeEnd = row.chargeStart + 86400;
        row.subAccountId = workspace;
        row.subAccountName = workspace;
        row.serviceName = serviceName(r[result.column("BILLING_ORIGIN_PRODUCT")], sku);
        row.serviceCategory = QStringLiteral("Analytics");
        row.skuId = sku;
        row.chargeDescription = sku;
        row.pricingCategory = QStringLiteral("Standard");
        row.consumedQuantity = quantity->toDouble();
        row.consumedUnit = unit;
        row.pricingQuantity = row.consumedQuantity;
        row.pricingUnit = unit;
        row.billedCost = *cost;
        row.effectiveCost = *cost;
        row.listCost = *cost;
        row.extra.append({QStringLiteral("x_list_price"), price->toString(-1)});
        if (bundled)
            row.extra.append({QStringLiteral("x_price_source"), QStringLiteral("bundled DBU price table")});
        batch->rows.push_back(std::move(row));

        SaasUsageRow u;
        u.service = kService;
        u.account = m_saas.account;
        u.entityKind = QStringLiteral("workspace");
        u.entity = workspace;
        u.usageType = QStringLiteral("dbu");
        u.unit = unit;
        u.currency = rowCurrency;
        u.day = day;
        u.quantity = quantity->toDouble();
        u.cost = *cost;
        m_saas.usage.push_back(std::move(u));
    }
    batch->currency = currency.isEmpty() ? QStringLiteral("USD") : currency;
    qCInfo(lcDatabricks) << "account" << m_account.name << batch->rows.size() << "usage rows for" << month;
    return true;
}

QUrl DatabricksClient::accountsUrl(const QString &path) const
{
    QUrl u(m_account.options.value(QStringLiteral("accounts_url"), QString::fromLatin1(defaultAccountsUrl())).trimmed());
    QString base = u.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    u.setPath(base + path);
    u.setQuery(QString());
    return u;
}

QString DatabricksClient::accountFailure(const QString &what, const net::HttpResult &result) const
{
    if (result.cancelled)
        return what + QStringLiteral(": cancelled");
    const int status = result.response.status;
    QString message;
    if (status >= 400) {
        const QJsonObject o = QJsonDocument::fromJson(result.response.body).object();
        message = o.value(QStringLiteral("message")).toString();
        if (message.isEmpty())
            message = o.value(QStringLiteral("error_description")).toString();
        if (message.isEmpty())
            message = o.value(QStringLiteral("error")).toString();
        message = message.section(u'\n', 0, 0).trimmed().left(300);
    }
    QString cause;
    if (status == 400 || status == 401)
        cause = QStringLiteral("Databricks rejected the service principal's client id or secret of account '%1'").arg(m_account.name);
    else if (status == 403)
        cause = QStringLiteral("the service principal is not an account admin (downloading billable usage needs the "
                               "account admin role)");
    else if (status == 404)
        cause = QStringLiteral("not found; check the Databricks account id of account '%1'").arg(m_account.name);
    QString out = what + QStringLiteral(": ");
    if (!cause.isEmpty())
        out += cause + (message.isEmpty() ? QString() : QStringLiteral(": ") + message) + QStringLiteral(" (");
    else if (!message.isEmpty())
        out += message + QStringLiteral(" (");
    out += result.error.isEmpty() ? QStringLiteral("HTTP %1").arg(status) : result.error;
    if (!cause.isEmpty() || !message.isEmpty())
        out += u')';
    return scrub(out);
}

bool DatabricksClient::accountToken(QString *error, const CancelFn &cancelled)
{
    if (!m_accountToken.isEmpty())
        return true;
    const QString what = QStringLiteral("Databricks account OAuth token");
    if (m_clientId.isEmpty() || m_clientSecret.isEmpty()) {
        *error = what + QStringLiteral(": account '%1' has an account id but no service principal client id and secret "
                                       "(client_id, client_secret)")
                            .arg(m_account.name);
        return false;
    }
    net::HttpRequest request;
    request.method = "POST";
    request.url = accountsUrl(QStringLiteral("/oidc/accounts/%1/v1/token").arg(accountIdOf(m_account)));
    request.headers.append({QByteArray("Accept"), QByteArray("application/json")});
    request.headers.append({QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")});
    request.headers.append({QByteArray("Authorization"),
                            QByteArray("Basic ") + QByteArray(m_clientId.toUtf8() + ':' + m_clientSecret.toUtf8()).toBase64()});
    request.body = "grant_type=client_credentials&scope=all-apis";
    const net::HttpResult result = m_http.send(std::move(request), cancelled);
    if (!result.ok) {
        *error = accountFailure(what, result);
        return false;
    }
    const QJsonObject answer = QJsonDocument::fromJson(result.response.body).object();
    const QString token = answer.value(QStringLiteral("access_token")).toString();
    if (token.isEmpty() || token.size() > 8192 || token.contains(u'\n') || token.contains(u'\r')) {
        *error = what + QStringLiteral(": the answer is not usable: no access_token");
        return false;
    }
    const QString type = answer.value(QStringLiteral("token_type")).toString();
    if (!type.isEmpty() && type.compare(QStringLiteral("Bearer"), Qt::CaseInsensitive) != 0) {
        *error = what + QStringLiteral(": the answer is not usable: token_type '%1' is not Bearer").arg(type.left(20));
        return false;
    }
    m_accountToken = token;
    return true;
}

bool DatabricksClient::downloadMonth(const QDate &from, const QDate &to, CostBatch *batch, QString *error,
                                     const CancelFn &cancelled)
{
    const QDate monthStart(from.year(), from.month(), 1);
    const QString month = monthStart.toString(QStringLiteral("yyyy-MM"));
    const QString what = QStringLiteral("Databricks billable usage download for %1").arg(month);
    if (!accountToken(error, cancelled))
        return false;
    net::HttpRequest request;
    request.url = accountsUrl(QStringLiteral("/api/2.0/accounts/%1/usage/download").arg(accountIdOf(m_account)));
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("start_month"), month);
    q.addQueryItem(QStringLiteral("end_month"), month);
    q.addQueryItem(QStringLiteral("personal_data"), QStringLiteral("false"));
    request.url.setQuery(q);
    request.headers.append({QByteArray("Accept"), QByteArray("text/csv")});
    request.headers.append({QByteArray("Authorization"), QByteArray("Bearer ") + m_accountToken.toUtf8()});
    const net::HttpResult result = m_http.send(std::move(request), cancelled);
    if (!result.ok) {
        *error = accountFailure(what, result);
        return false;
    }
    m_saas.service = kService;
    m_saas.account = batch->billingAccountId;
    m_saas.source = m_account.id;
    m_saas.from = monthStart;
    m_saas.to = monthStart.addMonths(1);
    QString why;
    if (!mapUsageCsv(result.response.body, from, to, batch, &m_saas, &why)) {
        *error = scrub(what + QStringLiteral(": the answer is not usable: ") + why);
        batch->rows.clear();
        m_saas = SaasBatch();
        return false;
    }
    batch->currency = QStringLiteral("USD");
    qCInfo(lcDatabricks) << "account" << m_account.name << batch->rows.size() << "billable usage rows for" << month;
    return true;
}

bool DatabricksClient::mapUsageCsv(const QByteArray &csv, const QDate &from, const QDate &to, CostBatch *batch,
                                   SaasBatch *saas, QString *error)
{
    const QDate monthStart(from.year(), from.month(), 1);
    QByteArray bytes = csv;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    import::CsvReader reader(&buffer);
    if (!reader.readRow()) {
        *error = reader.hasError() ? reader.error() : QStringLiteral("the CSV is empty (no header)");
        return false;
    }
    QStringList header;
    for (int i = 0; i < reader.fieldCount(); ++i)
        header << QString::fromUtf8(reader.field(i)).trimmed();
    if (!header.isEmpty() && header.first().startsWith(QChar(0xfeff)))
        header.first().remove(0, 1);
    if (!import::DatabricksUsageFormat::detect(header)) {
        *error = QStringLiteral("line 1: not the billable-usage CSV (no workspaceId, sku and dbus columns)");
        return false;
    }
    import::DatabricksUsageFormat format;
    QStringList warnings;
    if (!format.bind(header, &warnings, error))
        return false;
    std::vector<import::MappedRow> mapped;
    while (reader.readRow()) {
        if (reader.fieldCount() != header.size()) {
            *error = QStringLiteral("line %1: expected %2 columns, found %3")
                         .arg(reader.rowLine())
                         .arg(header.size())
                         .arg(reader.fieldCount());
            return false;
        }
        mapped.clear();
        import::MapError mapError;
        if (!format.map(reader, &mapped, &mapError)) {
            *error = QStringLiteral("line %1, column %2 (%3): %4")
                         .arg(reader.rowLine())
                         .arg(mapError.column)
                         .arg(header.value(mapError.column - 1), mapError.message);
            return false;
        }
        for (import::MappedRow &m : mapped) {
            if (m.periodStart != monthStart) {
                *error = QStringLiteral("line %1: a row of %2 in the download of %3")
                             .arg(reader.rowLine())
                             .arg(m.periodStart.toString(QStringLiteral("yyyy-MM")), monthStart.toString(QStringLiteral("yyyy-MM")));
                return false;
            }
            const QDate day = QDateTime::fromSecsSinceEpoch(m.row.chargeStart, QTimeZone::utc()).date();
            if (day < from || day >= to)
                continue; // the month's other days: this sync asked for [from, to)
            batch->rows.push_back(std::move(m.row));
        }
    }
    if (reader.hasError()) {
        *error = reader.error();
        return false;
    }
    // DBUs per workspace and day, of the days kept.
    for (SaasBatch &b : format.takeSaasBatches(QString())) {
        if (b.from != monthStart)
            continue;
        for (SaasUsageRow &u : b.usage) {
            if (u.day < from || u.day >= to)
                continue;
            u.service = saas->service;
            u.account = saas->account;
            saas->usage.push_back(std::move(u));
        }
    }
    return true;
}

bool DatabricksClient::fetchResources(ResourceBatch *resources, std::vector<MetricSeries> *metrics, QString *error,
                                      const CancelFn &cancelled)
{
    resources->provider = providerName();
    resources->accountId = m_account.billingAccount.isEmpty() ? m_account.name : m_account.billingAccount;
    resources->observedAt = QDateTime::currentSecsSinceEpoch();
    resources->resources.clear();
    if (metrics)
        metrics->clear();
    const QString what = QStringLiteral("Databricks clusters/list");
    std::vector<ResourceRecord> found;
    auto fetchPage = [&](const QString &pageToken, QString *nextToken, QString *pageError) -> bool {
        net::HttpRequest request;
        request.url = url(QStringLiteral("/api/2.1/clusters/list"));
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("page_size"), QStringLiteral("100"));
        if (!pageToken.isEmpty())
            q.addQueryItem(QStringLiteral("page_token"), pageToken);
        request.url.setQuery(q);
        QJsonObject answer;
        if (!send(what, std::move(request), &answer, pageError, cancelled))
            return false;
        const QJsonValue clusters = answer.value(QStringLiteral("clusters"));
        if (!clusters.isArray() && !clusters.isUndefined()) {
            *pageError = what + QStringLiteral(": the answer is not usable: clusters is not a list");
            return false;
        }
        for (const QJsonValue &v : clusters.toArray()) {
            const QJsonObject c = v.toObject();
            const QString id = c.value(QStringLiteral("cluster_id")).toString();
            if (id.isEmpty()) {
                *pageError = what + QStringLiteral(": the answer is not usable: a cluster has no cluster_id");
                return false;
            }
            ResourceRecord r;
            r.provider = providerName();
            r.accountId = resources->accountId;
            r.resourceId = id;
            r.name = c.value(QStringLiteral("cluster_name")).toString(id);
            r.type = QStringLiteral("cluster");
            r.flavor = c.value(QStringLiteral("node_type_id")).toString();
            const QString state = c.value(QStringLiteral("state")).toString();
            r.state = state == u"RUNNING" || state == u"RESIZING" ? QStringLiteral("running")
                : state == u"TERMINATED" || state == u"TERMINATING" ? QStringLiteral("stopped")
                                                                     : state.toLower();
            r.firstSeen = resources->observedAt;
            r.lastSeen = resources->observedAt;
            const double started = c.value(QStringLiteral("start_time")).toDouble();
            r.createdAt = started > 0 ? static_cast<int64_t>(started / 1000) : 0;
            const QJsonValue autoterm = c.value(QStringLiteral("autotermination_minutes"));
            if (autoterm.isDouble())
                r.tags.append({QStringLiteral("autotermination_minutes"), QString::number(autoterm.toInt())});
            const QString source = c.value(QStringLiteral("cluster_source")).toString();
            if (!source.isEmpty())
                r.tags.append({QStringLiteral("cluster_source"), source});
            const QString creator = c.value(QStringLiteral("creator_user_name")).toString();
            if (!creator.isEmpty())
                r.tags.append({QStringLiteral("creator"), creator});
            const QJsonObject custom = c.value(QStringLiteral("custom_tags")).toObject();
            for (auto it = custom.constBegin(); it != custom.constEnd(); ++it)
                r.tags.append({it.key(), it.value().toString()});
            found.push_back(std::move(r));
        }
        *nextToken = answer.value(QStringLiteral("next_page_token")).toString();
        return true;
    };
    const net::PagingResult paging = net::fetchPages(m_options.maxPages, fetchPage, cancelled);
    if (const QString why = paging.failure(what); !why.isEmpty()) {
        *error = why;
        return false;
    }
    resources->resources = std::move(found);
    qCInfo(lcDatabricks) << "account" << m_account.name << resources->resources.size() << "clusters";
    return true;
}

} // namespace costscope::providers::databricks
