#include "providers/snowflake/SnowflakeClient.h"

#include "providers/SaasPricing.h"
#include "providers/auth/GoogleServiceAccountJwt.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QThread>
#include <QTimeZone>
#include <QUrlQuery>
#include <QUuid>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <map>
#include <memory>

namespace costscope::providers::snowflake {

Q_LOGGING_CATEGORY(lcSnowflake, "costscope.snowflake", QtInfoMsg)

namespace {

constexpr int kMaxPolls = 120;
constexpr int kMaxQueries = 5000;
const QString kService = QStringLiteral("Snowflake");

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QString openSslError()
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return QStringLiteral("unknown OpenSSL error");
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    return QString::fromLatin1(buffer);
}

using PKeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

PKeyPtr readRsaKey(const QByteArray &pem, QString *error)
{
    PKeyPtr none(nullptr, &EVP_PKEY_free);
    if (pem.trimmed().isEmpty()) {
        *error = QStringLiteral("the private key is empty");
        return none;
    }
    if (pem.contains("ENCRYPTED")) {
        *error = QStringLiteral("the private key is encrypted; store it unencrypted (openssl pkcs8 -topk8 -nocrypt)");
        return none;
    }
    // Text after the END line is a damaged or mixed-up file, not something to ignore.
    const qsizetype end = pem.lastIndexOf("-----END ");
    const qsizetype endOfLine = end < 0 ? -1 : pem.indexOf("-----", end + 9);
    if (end < 0 || endOfLine < 0 || !pem.mid(endOfLine + 5).trimmed().isEmpty()) {
        *error = QStringLiteral("the private key is not one PEM block (no END line, or text after it)");
        return none;
    }
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())), &BIO_free);
    if (!bio) {
        *error = QStringLiteral("out of memory reading the private key");
        return none;
    }
    // A passphrase callback that refuses, so OpenSSL never prompts on the terminal.
    PKeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, [](char *, int, int, void *) { return -1; }, nullptr),
                &EVP_PKEY_free);
    if (!key) {
        *error = QStringLiteral("the private key is not a readable PEM private key (%1)").arg(openSslError());
        return none;
    }
    if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA) {
        *error = QStringLiteral("the private key is not an RSA key (Snowflake key-pair auth uses RSA, RS256)");
        return none;
    }
    return key;
}

QString isoDay(const QDate &d)
{
    return d.toString(Qt::ISODate);
}

bool safeHandle(const QString &h)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]{1,128}$"));
    return pattern.match(h).hasMatch();
}

} // namespace

// ---- JWT ----

QString SnowflakeJwt::accountFromUrl(const QUrl &url)
{
    const QString host = url.host().toLower();
    const QString suffix = QStringLiteral(".snowflakecomputing.com");
    if (!host.endsWith(suffix) || host.size() <= suffix.size())
        return {};
    const QString account = host.left(host.size() - suffix.size()).section(u'.', 0, 0);
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9_-]{1,255}$"));
    if (!pattern.match(account).hasMatch())
        return {};
    return account.toUpper();
}

QString SnowflakeJwt::publicKeyFingerprint(const QByteArray &privateKeyPem, QString *error)
{
    PKeyPtr key = readRsaKey(privateKeyPem, error);
    if (!key)
        return {};
    unsigned char *der = nullptr;
    const int length = i2d_PUBKEY(key.get(), &der);
    if (length <= 0 || !der) {
        *error = QStringLiteral("the public key cannot be derived from the private key (%1)").arg(openSslError());
        return {};
    }
    const QByteArray derBytes(reinterpret_cast<const char *>(der), length);
    OPENSSL_free(der);
    return QStringLiteral("SHA256:") + QString::fromLatin1(QCryptographicHash::hash(derBytes, QCryptographicHash::Sha256).toBase64());
}

QByteArray SnowflakeJwt::token(const QString &account, const QString &user, const QByteArray &privateKeyPem,
                               const QDateTime &issuedAt, QString *error)
{
    const QString fingerprint = publicKeyFingerprint(privateKeyPem, error);
    if (fingerprint.isEmpty())
        return {};
    const QString subject = account.toUpper() + u'.' + user.toUpper();
    const qint64 iat = issuedAt.toSecsSinceEpoch();
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")}, {QStringLiteral("typ"), QStringLiteral("JWT")}};
    const QJsonObject claims{{QStringLiteral("iss"), QString(subject + u'.' + fingerprint)},
                             {QStringLiteral("sub"), subject},
                             {QStringLiteral("iat"), iat},
                             {QStringLiteral("exp"), iat + kLifetimeSeconds}};
    const QByteArray signingInput = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
        + base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    const QByteArray signature = auth::GoogleServiceAccountJwt::signRs256(signingInput, privateKeyPem, error);
    if (signature.isEmpty()) {
        error->replace(QStringLiteral("The service account's private key"), QStringLiteral("the private key"));
        return {};
    }
    return signingInput + '.' + base64Url(signature);
}

// ---- client ----

SnowflakeClient::SnowflakeClient(AccountConfig account, SnowflakeAuth auth, const net::HttpClient &http, ClientOptions options)
    : m_account(std::move(account))
    , m_auth(std::move(auth))
    , m_http(http)
    , m_options(options)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    m_jwtAccount = m_auth.accountIdentifier.trimmed().toUpper();
    if (m_jwtAccount.isEmpty())
        m_jwtAccount = SnowflakeJwt::accountFromUrl(QUrl(m_account.endpoint));
}

SnowflakeClient::~SnowflakeClient()
{
    if (!m_auth.privateKeyPem.isEmpty() && m_auth.privateKeyPem.isDetached())
        OPENSSL_cleanse(m_auth.privateKeyPem.data(), static_cast<size_t>(m_auth.privateKeyPem.size()));
    m_auth.oauthToken.fill(u'\0');
}

bool SnowflakeClient::accountRate(const AccountConfig &account, Money *pricePerCredit, QString *currency, QString *error)
{
    const QString priceText = account.options.value(QStringLiteral("price_per_credit")).trimmed();
    const std::optional<Money> price = priceText.isEmpty() ? std::optional<Money>(Money::fromNanos(3'000'000'000))
                                                           : decimalQuantity(priceText);
    if (!price || price->nanos() <= 0) {
        *error = QStringLiteral("account '%1': the price per credit '%2' is not a positive decimal (e.g. 3.00)")
                     .arg(account.name, priceText.left(40));
        return false;
    }
    const QString c = account.options.value(QStringLiteral("currency"), QStringLiteral("USD")).trimmed().toUpper();
    static const QRegularExpression pattern(QStringLiteral("^[A-Z]{3}$"));
    if (!pattern.match(c).hasMatch()) {
        *error = QStringLiteral("account '%1': the currency '%2' is not a three-letter code (e.g. USD)").arg(account.name, c.left(20));
        return false;
    }
    *pricePerCredit = *price;
    *currency = c;
    return true;
}

QString SnowflakeClient::checkAccount(const AccountConfig &account, const Secrets &secrets)
{
    const QUrl url(account.endpoint);
    if (account.endpoint.isEmpty() || !url.isValid() || url.host().isEmpty())
        return QStringLiteral("account '%1' has no account URL (https://<account>.snowflakecomputing.com)").arg(account.name);
    if (account.options.value(QStringLiteral("user")).trimmed().isEmpty())
        return QStringLiteral("account '%1' has no Snowflake user").arg(account.name);
    if (secrets.value(QStringLiteral("private_key")).isEmpty() && secrets.value(QStringLiteral("oauth_token")).isEmpty())
        return QStringLiteral("the keychain holds no private key (key-pair auth) or OAuth token for account '%1'; add the "
                              "account again with one of them")
            .arg(account.name);
    if (!secrets.value(QStringLiteral("private_key")).isEmpty() && account.options.value(QStringLiteral("account_identifier")).isEmpty()
        && SnowflakeJwt::accountFromUrl(url).isEmpty())
        return QStringLiteral("account '%1': the account identifier cannot be read from the URL %2; set the account identifier "
                              "(orgname-accountname)")
            .arg(account.name, url.host());
    Money price;
    QString currency, error;
    if (!accountRate(account, &price, &currency, &error))
        return error;
    return {};
}

QUrl SnowflakeClient::url(const QString &path) const
{
    QUrl u(m_account.endpoint);
    QString base = u.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    u.setPath(base + path);
    u.setQuery(QString());
    return u;
}

QString SnowflakeClient::scrub(QString text) const
{
    if (m_auth.oauthToken.size() >= 4)
        text.replace(m_auth.oauthToken, QStringLiteral("REDACTED"));
    return text;
}

QString SnowflakeClient::describeFailure(const QString &what, const net::HttpResult &result) const
{
    if (result.cancelled)
        return what + QStringLiteral(": cancelled");
    const int status = result.response.status;
    QString message, code;
    if (status >= 400) {
        const QJsonObject o = QJsonDocument::fromJson(result.response.body).object();
        message = o.value(QStringLiteral("message")).toString();
        code = o.value(QStringLiteral("code")).toString();
        if (message.isEmpty() && !result.response.body.trimmed().startsWith('<') && !result.response.body.trimmed().startsWith('{'))
            message = QString::fromUtf8(result.response.body.left(300));
        message = message.section(u'\n', 0, 0).trimmed().left(300);
    }
    const bool oauth = m_auth.privateKeyPem.isEmpty();
    const bool expired = message.contains(QStringLiteral("expired"), Qt::CaseInsensitive);
    QString cause;
    if ((status == 401 || status == 403) && expired)
        cause = oauth ? QStringLiteral("the OAuth token has expired; store a fresh token for account '%1'").arg(m_account.name)
                      : QStringLiteral("Snowflake says the key-pair JWT has expired; check this computer's clock");
    else if (status == 401)
        cause = oauth ? QStringLiteral("Snowflake rejected the credentials; check the OAuth token of account '%1'").arg(m_account.name)
                      : QStringLiteral("Snowflake rejected the credentials; check the user and account identifier of account '%1' "
                                       "and that the user's RSA_PUBLIC_KEY matches the private key")
                            .arg(m_account.name);
    else if (status == 403)
        cause = QStringLiteral("the user's role may not read SNOWFLAKE.ACCOUNT_USAGE (grant IMPORTED PRIVILEGES on database "
                               "SNOWFLAKE to the role)");
    else if (status == 404)
        cause = QStringLiteral("no Snowflake SQL API at this URL; check the account URL of account '%1'").arg(m_account.name);
    else if (status == 422)
        cause = QStringLiteral("the statement failed");
    QString out = what + QStringLiteral(": ");
    if (!cause.isEmpty())
        out += cause + (message.isEmpty() ? QString() : QStringLiteral(": ") + message) + QStringLiteral(" (");
    else if (!message.isEmpty())
        out += message + QStringLiteral(" (");
    out += result.error.isEmpty() ? QStringLiteral("HTTP %1").arg(status) : result.error;
    if (!code.isEmpty() && (!cause.isEmpty() || !message.isEmpty()))
        out += QStringLiteral(", code ") + code.left(20);
    if (!cause.isEmpty() || !message.isEmpty())
        out += u')';
    return scrub(out);
}

bool SnowflakeClient::send(const QString &what, net::HttpRequest request, QJsonObject *answer, int *status, QString *error,
                           const CancelFn &cancelled)
{
    // A fresh JWT for every attempt (retries included), so a long back-off never sends a stale one.
    QString tokenError;
    auto previous = std::move(request.prepare);
    request.prepare = [this, previous, &tokenError](net::HttpRequest &r) {
        if (previous)
            previous(r);
        r.headers.removeIf([](const QPair<QByteArray, QByteArray> &h) {
            return h.first == "Authorization" || h.first == "X-Snowflake-Authorization-Token-Type";
        });
        QByteArray token;
        QByteArray type;
        if (!m_auth.privateKeyPem.isEmpty()) {
            token = SnowflakeJwt::token(m_jwtAccount, m_auth.user, m_auth.privateKeyPem, m_clock(), &tokenError);
            type = "KEYPAIR_JWT";
        } else {
            token = m_auth.oauthToken.toUtf8();
            type = "OAUTH";
        }
        r.headers.append({QByteArray("Authorization"), QByteArray("Bearer ") + token});
        r.headers.append({QByteArray("X-Snowflake-Authorization-Token-Type"), type});
    };
    request.headers.append({QByteArray("Accept"), QByteArray("application/json")});
    if (!m_auth.privateKeyPem.isEmpty()) {
        // Sign once before sending anything: a key that cannot sign never reaches the network.
        QString keyError;
        if (SnowflakeJwt::token(m_jwtAccount, m_auth.user, m_auth.privateKeyPem, m_clock(), &keyError).isEmpty()) {
            *error = what + QStringLiteral(": the private key of account '%1' is not usable: %2").arg(m_account.name, keyError);
            return false;
        }
    }
    const net::HttpResult result = m_http.send(std::move(request), cancelled);
    if (!tokenError.isEmpty()) {
        *error = what + QStringLiteral(": cannot sign the JWT: ") + tokenError;
        return false;
    }
    *status = result.response.status;
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

bool SnowflakeClient::runStatement(const QString &what, const QString &sql, const QStringList &bindings, Result *result,
                                   QString *error, const CancelFn &cancelled)
{
    result->columns.clear();
    result->rows.clear();
    QString handle;
    int partitions = 0;
    qint64 numRows = -1;
    qint64 received = 0;

    auto takeData = [&](const QJsonObject &page, QString *pageError) -> bool {
        const QJsonValue data = page.value(QStringLiteral("data"));
        if (!data.isArray() && !data.isUndefined() && !data.isNull()) {
            *pageError = what + QStringLiteral(": the answer is not usable: data is not a list");
            return false;
        }
        const QJsonArray rows = data.toArray();
        for (qsizetype r = 0; r < rows.size(); ++r) {
            if (!rows[r].isArray() || rows[r].toArray().size() != result->columns.size()) {
                *pageError = what + QStringLiteral(": the answer is not usable: row %1 of the partition does not have the %2 "
                                                   "columns of rowType")
                                        .arg(r + 1)
                                        .arg(result->columns.size());
                return false;
            }
            QStringList cells;
            for (const QJsonValue &cell : rows[r].toArray()) {
                if (cell.isNull()) {
                    cells << QString();
                } else if (cell.isString()) {
                    cells << cell.toString();
                } else {
                    *pageError = what + QStringLiteral(": the answer is not usable: row %1 has a cell that is not a string").arg(r + 1);
                    return false;
                }
            }
            result->rows.push_back(std::move(cells));
        }
        received += rows.size();
        return true;
    };

    auto fetchPage = [&](const QString &pageToken, QString *nextToken, QString *pageError) -> bool {
        QJsonObject page;
        int status = 0;
        if (!pageToken.isEmpty()) {
            const int partition = pageToken.toInt();
            net::HttpRequest request;
            request.url = url(QStringLiteral("/api/v2/statements/") + handle);
            request.url.setQuery(QStringLiteral("partition=%1").arg(partition));
            if (!send(what, std::move(request), &page, &status, pageError, cancelled))
                return false;
            if (!takeData(page, pageError))
                return false;
            nextToken->clear();
            if (partition + 1 < partitions)
                *nextToken = QString::number(partition + 1);
            return true;
        }
        // Submit, then poll while Snowflake answers 202.
        QJsonObject bindingObject;
        for (int i = 0; i < bindings.size(); ++i)
            bindingObject.insert(QString::number(i + 1), QJsonObject{{QStringLiteral("type"), QStringLiteral("TEXT")},
                                                                     {QStringLiteral("value"), bindings[i]}});
        QJsonObject body{{QStringLiteral("statement"), sql},
                         {QStringLiteral("timeout"), 600},
                         {QStringLiteral("parameters"), QJsonObject{{QStringLiteral("timezone"), QStringLiteral("UTC")}}}};
        if (!bindingObject.isEmpty())
            body.insert(QStringLiteral("bindings"), bindingObject);
        const QString warehouse = m_account.options.value(QStringLiteral("warehouse")).trimmed();
        const QString role = m_account.options.value(QStringLiteral("role")).trimmed();
        if (!warehouse.isEmpty())
            body.insert(QStringLiteral("warehouse"), warehouse);
        if (!role.isEmpty())
            body.insert(QStringLiteral("role"), role);
        net::HttpRequest request;
        request.method = "POST";
        const QString requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        request.url = url(QStringLiteral("/api/v2/statements"));
        request.headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        // The same requestId on a retry, with retry=true, so Snowflake does not run it twice.
        auto attempts = std::make_shared<int>(0);
        const QUrl base = request.url;
        request.prepare = [attempts, base, requestId](net::HttpRequest &r) {
            QUrlQuery q;
            q.addQueryItem(QStringLiteral("requestId"), requestId);
            if ((*attempts)++ > 0)
                q.addQueryItem(QStringLiteral("retry"), QStringLiteral("true"));
            r.url = base;
            r.url.setQuery(q);
        };
        if (!send(what, std::move(request), &page, &status, pageError, cancelled))
            return false;
        handle = page.value(QStringLiteral("statementHandle")).toString();
        for (int poll = 0; status == 202; ++poll) {
            if (!safeHandle(handle)) {
                *pageError = what + QStringLiteral(": the answer is not usable: the running statement has no valid statementHandle");
                return false;
            }
            if (poll >= kMaxPolls) {
                *pageError = what + QStringLiteral(": the statement %1 did not finish after %2 polls").arg(handle).arg(kMaxPolls);
                return false;
            }
            // Poll at once, then back off up to 5 s (checking for cancel every 50 ms).
            const int waitMs = poll == 0 ? 0 : std::min(5000, 250 << std::min(poll - 1, 5));
            for (int waited = 0; waited < waitMs; waited += 50) {
                if (cancelled && cancelled())
                    break;
                QThread::msleep(50);
            }
            if (cancelled && cancelled()) {
                *pageError = what + QStringLiteral(": cancelled");
                return false;
            }
            net::HttpRequest statusRequest;
            statusRequest.url = url(QStringLiteral("/api/v2/statements/") + handle);
            if (!send(what, std::move(statusRequest), &page, &status, pageError, cancelled))
                return false;
        }
        const QJsonObject meta = page.value(QStringLiteral("resultSetMetaData")).toObject();
        const QJsonArray rowType = meta.value(QStringLiteral("rowType")).toArray();
        if (rowType.isEmpty()) {
            *pageError = what + QStringLiteral(": the answer is not usable: the result has no resultSetMetaData.rowType");
            return false;
        }
        for (const QJsonValue &c : rowType)
            result->columns << c.toObject().value(QStringLiteral("name")).toString().toUpper();
        const QJsonValue num = meta.value(QStringLiteral("numRows"));
        numRows = num.isDouble() ? qint64(num.toDouble()) : -1;
        if (numRows < 0) {
            *pageError = what + QStringLiteral(": the answer is not usable: the result has no numRows");
            return false;
        }
        partitions = int(std::max<qsizetype>(1, meta.value(QStringLiteral("partitionInfo")).toArray().size()));
        if (partitions > 1 && !safeHandle(handle = page.value(QStringLiteral("statementHandle")).toString())) {
            *pageError = what + QStringLiteral(": the answer is not usable: more partitions but no valid statementHandle");
            return false;
        }
        if (!takeData(page, pageError))
            return false;
        nextToken->clear();
        if (partitions > 1)
            *nextToken = QStringLiteral("1");
        return true;
    };
    const net::PagingResult paging = net::fetchPages(m_options.maxPages, fetchPage, cancelled);
    if (const QString why = paging.failure(what, QStringLiteral("result partitions")); !why.isEmpty()) {
        *error = why;
        result->rows.clear();
        return false;
    }
    if (received != numRows) {
        *error = what + QStringLiteral(": the answer is not usable: numRows says %1 rows but %2 arrived").arg(numRows).arg(received);
        result->rows.clear();
        return false;
    }
    return true;
}

const char *SnowflakeClient::meteringDailySql()
{
    return "SELECT TO_VARCHAR(usage_date, 'YYYY-MM-DD') AS day, service_type,"
           " TO_VARCHAR(credits_used_compute) AS credits_used_compute,"
           " TO_VARCHAR(credits_used_cloud_services) AS credits_used_cloud_services,"
           " TO_VARCHAR(credits_adjustment_cloud_services) AS credits_adjustment_cloud_services,"
           " TO_VARCHAR(credits_billed) AS credits_billed"
           " FROM SNOWFLAKE.ACCOUNT_USAGE.METERING_DAILY_HISTORY"
           " WHERE usage_date >= TO_DATE(?) AND usage_date < TO_DATE(?) ORDER BY 1, 2";
}

const char *SnowflakeClient::warehouseMeteringSql()
{
    return "SELECT TO_VARCHAR(TO_DATE(start_time), 'YYYY-MM-DD') AS day, warehouse_name,"
           " TO_VARCHAR(SUM(credits_used_compute)) AS credits_used_compute,"
           " TO_VARCHAR(SUM(credits_used_cloud_services)) AS credits_used_cloud_services"
           " FROM SNOWFLAKE.ACCOUNT_USAGE.WAREHOUSE_METERING_HISTORY"
           " WHERE start_time >= TO_TIMESTAMP_TZ(?) AND start_time < TO_TIMESTAMP_TZ(?) GROUP BY 1, 2 ORDER BY 1, 2";
}

const char *SnowflakeClient::queryHistorySql()
{
    return "SELECT query_id, user_name, warehouse_name, query_type, LEFT(query_text, 2000) AS query_text,"
           " TO_VARCHAR(DATE_PART(epoch_millisecond, start_time)) AS start_ms, TO_VARCHAR(total_elapsed_time) AS total_elapsed_time,"
           " TO_VARCHAR(bytes_scanned) AS bytes_scanned, TO_VARCHAR(credits_used_cloud_services) AS credits_used_cloud_services,"
           " TO_VARCHAR(partitions_scanned) AS partitions_scanned, TO_VARCHAR(partitions_total) AS partitions_total"
           " FROM SNOWFLAKE.ACCOUNT_USAGE.QUERY_HISTORY"
           " WHERE start_time >= TO_TIMESTAMP_TZ(?) AND start_time < TO_TIMESTAMP_TZ(?)"
           " ORDER BY total_elapsed_time DESC LIMIT 5000";
}

QString SnowflakeClient::serviceName(const QString &serviceType)
{
    static const std::map<QString, QString> names = {
        {QStringLiteral("WAREHOUSE_METERING"), QStringLiteral("Snowflake Compute")},
        {QStringLiteral("WAREHOUSE_METERING_READER"), QStringLiteral("Snowflake Compute (reader accounts)")},
        {QStringLiteral("AUTO_CLUSTERING"), QStringLiteral("Automatic Clustering")},
        {QStringLiteral("MATERIALIZED_VIEW"), QStringLiteral("Materialized Views")},
        {QStringLiteral("PIPE"), QStringLiteral("Snowpipe")},
        {QStringLiteral("SNOWPIPE_STREAMING"), QStringLiteral("Snowpipe Streaming")},
        {QStringLiteral("QUERY_ACCELERATION"), QStringLiteral("Query Acceleration")},
        {QStringLiteral("REPLICATION"), QStringLiteral("Replication")},
        {QStringLiteral("SEARCH_OPTIMIZATION"), QStringLiteral("Search Optimization")},
        {QStringLiteral("SERVERLESS_TASK"), QStringLiteral("Serverless Tasks")},
        {QStringLiteral("SNOWPARK_CONTAINER_SERVICES"), QStringLiteral("Snowpark Container Services")},
        {QStringLiteral("AI_SERVICES"), QStringLiteral("AI Services")},
        {QStringLiteral("CLOUD_SERVICES"), QStringLiteral("Cloud Services")},
    };
    const auto it = names.find(serviceType.toUpper());
    if (it != names.end())
        return it->second;
    // Unknown types (Snowflake adds some every year): "DATA_QUALITY_MONITORING" -> "Data Quality Monitoring".
    QStringList words = serviceType.toLower().split(u'_', Qt::SkipEmptyParts);
    for (QString &w : words)
        w[0] = w[0].toUpper();
    return words.isEmpty() ? QStringLiteral("Snowflake (other)") : words.join(u' ');
}

QString SnowflakeClient::testConnection(const CancelFn &cancelled)
{
    Result result;
    QString error;
    if (!runStatement(QStringLiteral("Snowflake SQL API (test)"), QStringLiteral("SELECT CURRENT_ACCOUNT(), CURRENT_ROLE()"), {},
                      &result, &error, cancelled))
        return error;
    return {};
}

bool SnowflakeClient::fetchMonth(const QDate &from, const QDate &to, CostBatch *batch, QString *error, const CancelFn &cancelled)
{
    m_saas = SaasBatch();
    if (!isRangeInOneMonth(QStringLiteral("Snowflake"), from, to, error))
        return false;
    Money price;
    QString currency;
    if (!accountRate(m_account, &price, &currency, error))
        return false;
    const QDate monthStart(from.year(), from.month(), 1);
    beginMonthBatch(batch, providerName(), m_account, monthStart);
    batch->currency = currency;
    const QString month = monthStart.toString(QStringLiteral("yyyy-MM"));
    const QStringList days{isoDay(from), isoDay(to)};
    const QStringList times{isoDay(from) + QStringLiteral("T00:00:00Z"), isoDay(to) + QStringLiteral("T00:00:00Z")};

    Result daily, warehouses, queries;
    if (!runStatement(QStringLiteral("Snowflake METERING_DAILY_HISTORY for %1").arg(month), QString::fromLatin1(meteringDailySql()), days,
                      &daily, error, cancelled)
        || !runStatement(QStringLiteral("Snowflake WAREHOUSE_METERING_HISTORY for %1").arg(month),
                         QString::fromLatin1(warehouseMeteringSql()), times, &warehouses, error, cancelled)
        || !runStatement(QStringLiteral("Snowflake QUERY_HISTORY for %1").arg(month), QString::fromLatin1(queryHistorySql()), times,
                         &queries, error, cancelled)) {
        batch->rows.clear();
        return false;
    }

    auto fail = [&](const QString &what, size_t row, const QString &why) {
        *error = QStringLiteral("Snowflake %1 for %2: the answer is not usable: row %3: %4").arg(what, month).arg(row + 1).arg(why);
        batch->rows.clear();
        m_saas = SaasBatch();
        return false;
    };
    auto need = [](const Result &r, std::initializer_list<const char *> names, QString *missing) {
        for (const char *n : names) {
            if (r.column(n) < 0) {
                *missing = QString::fromLatin1(n);
                return false;
            }
        }
        return true;
    };
    QString missing;
    if (!need(daily, {"DAY", "SERVICE_TYPE", "CREDITS_USED_COMPUTE", "CREDITS_USED_CLOUD_SERVICES", "CREDITS_ADJUSTMENT_CLOUD_SERVICES"},
              &missing)
        || !need(warehouses, {"DAY", "WAREHOUSE_NAME", "CREDITS_USED_COMPUTE", "CREDITS_USED_CLOUD_SERVICES"}, &missing)
        || !need(queries, {"QUERY_ID", "USER_NAME", "WAREHOUSE_NAME", "QUERY_TYPE", "QUERY_TEXT", "START_MS", "TOTAL_ELAPSED_TIME",
                           "BYTES_SCANNED", "CREDITS_USED_CLOUD_SERVICES", "PARTITIONS_SCANNED", "PARTITIONS_TOTAL"},
                 &missing)) {
        *error = QStringLiteral("Snowflake for %1: the answer is not usable: the result has no column %2").arg(month, missing);
        batch->rows.clear();
        return false;
    }

    m_saas.service = kService;
    m_saas.account = batch->billingAccountId;
    m_saas.source = m_account.id;
    m_saas.from = monthStart;
    m_saas.to = monthStart.addMonths(1);

    auto dayOf = [&](const QString &text, QDate *day) {
        *day = QDate::fromString(text, Qt::ISODate);
        return day->isValid() && *day >= from && *day < to;
    };
    auto credits = [](const QString &text, Money *out) {
        if (text.isNull()) { // NULL: nothing used
            *out = Money();
            return true;
        }
        const std::optional<Money> m = decimalQuantity(text);
        if (!m)
            return false;
        *out = *m;
        return true;
    };
    auto addRow = [&](const QDate &day, const QString &service, const QString &subAccount, const QString &resource,
                      const QString &description, Money creditAmount, Money cost) {
        CostRow row;
        row.chargeStart = QDateTime(day, QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
        row.chargeEnd = row.chargeStart + 86400;
        row.subAccountId = subAccount;
        row.subAccountName = subAccount;
        row.serviceName = service;
        row.serviceCategory = service == u"Cloud Services" ? QStringLiteral("Management and Governance") : QStringLiteral("Analytics");
        if (!resource.isEmpty()) {
            row.resourceId = resource;
            row.resourceName = resource;
            row.resourceType = QStringLiteral("warehouse");
        }
        row.chargeDescription = description;
        row.pricingCategory = QStringLiteral("Standard");
        row.consumedQuantity = creditAmount.toDouble();
        row.consumedUnit = QStringLiteral("credits");
        row.pricingQuantity = row.consumedQuantity;
        row.pricingUnit = QStringLiteral("credits");
        row.billedCost = cost;
        row.effectiveCost = cost;
        row.listCost = cost;
        row.extra.append({QStringLiteral("x_price_per_credit"), price.toString(-1)});
        batch->rows.push_back(std::move(row));
    };
    auto usage = [&](const QDate &day, const QString &kind, const QString &entity, const QString &type, Money quantity, Money cost) {
        SaasUsageRow u;
        u.service = kService;
        u.account = m_saas.account;
        u.entityKind = kind;
        u.entity = entity;
        u.usageType = type;
        u.unit = QStringLiteral("credits");
        u.currency = currency;
        u.day = day;
        u.quantity = quantity.toDouble();
        u.cost = cost;
        m_saas.usage.push_back(std::move(u));
    };
    auto priced = [&](Money c, Money *cost) {
        const std::optional<Money> m = priceTimes(c, price);
        if (!m)
            return false;
        *cost = *m;
        return true;
    };

    // Warehouses: compute credits per warehouse and day.
    std::map<QDate, Money> warehouseCompute;
    for (size_t i = 0; i < warehouses.rows.size(); ++i) {
        const QStringList &r = warehouses.rows[i];
        QDate day;
        Money compute, cloud, cost;
        const QString name = r[warehouses.column("WAREHOUSE_NAME")];
        if (!dayOf(r[warehouses.column("DAY")], &day))
            return fail(QStringLiteral("WAREHOUSE_METERING_HISTORY"), i, QStringLiteral("the day '%1' is not in the month asked for")
                                                                           .arg(r[warehouses.column("DAY")].left(30)));
        if (name.isEmpty())
            return fail(QStringLiteral("WAREHOUSE_METERING_HISTORY"), i, QStringLiteral("no warehouse name"));
        if (!credits(r[warehouses.column("CREDITS_USED_COMPUTE")], &compute)
            || !credits(r[warehouses.column("CREDITS_USED_CLOUD_SERVICES")], &cloud) || !priced(compute, &cost))
            return fail(QStringLiteral("WAREHOUSE_METERING_HISTORY"), i, QStringLiteral("the credits are not decimal numbers"));
        warehouseCompute[day] += compute;
        if (!compute.isZero())
            addRow(day, serviceName(QStringLiteral("WAREHOUSE_METERING")), name, name, QStringLiteral("Warehouse %1 compute").arg(name),
                   compute, cost);
        usage(day, QStringLiteral("warehouse"), name, QStringLiteral("credits-compute"), compute, cost);
        if (!cloud.isZero())
            usage(day, QStringLiteral("warehouse"), name, QStringLiteral("credits-cloud-services"), cloud, Money());
    }
    // The account's daily metering: other services' compute, and the cloud services billed.
    std::map<QDate, Money> billedCloud, dailyWarehouse;
    for (size_t i = 0; i < daily.rows.size(); ++i) {
        const QStringList &r = daily.rows[i];
        QDate day;
        Money compute, cloud, adjustment, cost;
        const QString type = r[daily.column("SERVICE_TYPE")].trimmed().toUpper();
        if (!dayOf(r[daily.column("DAY")], &day))
            return fail(QStringLiteral("METERING_DAILY_HISTORY"), i,
                        QStringLiteral("the day '%1' is not in the month asked for").arg(r[daily.column("DAY")].left(30)));
        if (type.isEmpty())
            return fail(QStringLiteral("METERING_DAILY_HISTORY"), i, QStringLiteral("no service type"));
        if (!credits(r[daily.column("CREDITS_USED_COMPUTE")], &compute) || !credits(r[daily.column("CREDITS_USED_CLOUD_SERVICES")], &cloud)
            || !credits(r[daily.column("CREDITS_ADJUSTMENT_CLOUD_SERVICES")], &adjustment) || !priced(compute, &cost))
            return fail(QStringLiteral("METERING_DAILY_HISTORY"), i, QStringLiteral("the credits are not decimal numbers"));
        billedCloud[day] += cloud + adjustment;
        if (type == u"WAREHOUSE_METERING") {
            dailyWarehouse[day] += compute;
            continue;
        }
        if (!compute.isZero())
            addRow(day, serviceName(type), batch->billingAccountId, QString(), serviceName(type), compute, cost);
        usage(day, QStringLiteral("sku"), type, QStringLiteral("credits-compute"), compute, cost);
    }
    // Warehouse compute the daily history has but the per-warehouse history does not (yet).
    for (const auto &[day, compute] : dailyWarehouse) {
        const Money rest = compute - warehouseCompute[day];
        Money cost;
        if (rest.isZero() || !priced(rest, &cost))
            continue;
        addRow(day, serviceName(QStringLiteral("WAREHOUSE_METERING")), batch->billingAccountId, QString(),
               QStringLiteral("Warehouse compute not attributed to a warehouse"), rest, cost);
        usage(day, QStringLiteral("sku"), QStringLiteral("WAREHOUSE_METERING"), QStringLiteral("credits-compute"), rest, cost);
    }
    for (const auto &[day, cloud] : billedCloud) {
        Money cost;
        if (cloud.isZero() || !priced(cloud, &cost))
            continue;
        addRow(day, serviceName(QStringLiteral("CLOUD_SERVICES")), batch->billingAccountId, QString(),
               QStringLiteral("Cloud services billed (beyond 10% of the day's compute)"), cloud, cost);
        usage(day, QStringLiteral("sku"), QStringLiteral("CLOUD_SERVICES"), QStringLiteral("credits-cloud-services"), cloud, cost);
    }
    // Queries: the most expensive by elapsed time, with their cloud-services credits.
    for (size_t i = 0; i < queries.rows.size() && int(i) < kMaxQueries; ++i) {
        const QStringList &r = queries.rows[i];
        SaasQueryRow q;
        q.service = kService;
        q.account = m_saas.account;
        q.queryId = r[queries.column("QUERY_ID")];
        q.user = r[queries.column("USER_NAME")];
        q.scope = r[queries.column("WAREHOUSE_NAME")];
        q.statementType = r[queries.column("QUERY_TYPE")];
        q.text = r[queries.column("QUERY_TEXT")].left(2000);
        q.currency = currency;
        bool ok = false;
        const qint64 startMs = r[queries.column("START_MS")].toLongLong(&ok);
        if (q.queryId.isEmpty() || !ok)
            return fail(QStringLiteral("QUERY_HISTORY"), i, QStringLiteral("no query id or start time"));
        q.started = QDateTime::fromMSecsSinceEpoch(startMs, QTimeZone::utc());
        if (q.started.date() < from || q.started.date() >= to)
            return fail(QStringLiteral("QUERY_HISTORY"), i, QStringLiteral("the query started outside the month asked for"));
        auto integer = [&](const char *column, int64_t *out) {
            const QString t = r[queries.column(column)];
            if (t.isNull()) {
                *out = 0;
                return true;
            }
            bool good = false;
            *out = t.toLongLong(&good);
            return good && *out >= 0;
        };
        int64_t scanned = 0, total = 0;
        Money cloud, cost;
        if (!integer("TOTAL_ELAPSED_TIME", &q.durationMs) || !integer("BYTES_SCANNED", &q.bytesScanned)
            || !integer("PARTITIONS_SCANNED", &scanned) || !integer("PARTITIONS_TOTAL", &total)
            || !credits(r[queries.column("CREDITS_USED_CLOUD_SERVICES")], &cloud) || !priced(cloud, &cost))
            return fail(QStringLiteral("QUERY_HISTORY"), i, QStringLiteral("a number column is not a non-negative number"));
        q.credits = cloud.toDouble();
        q.cost = cost;
        q.fullScan = total > 1 && scanned >= total;
        m_saas.queries.push_back(std::move(q));
    }
    qCInfo(lcSnowflake) << "account" << m_account.name << batch->rows.size() << "cost rows," << m_saas.queries.size() << "queries for"
                        << month;
    return true;
}

bool SnowflakeClient::fetchResources(ResourceBatch *resources, std::vector<MetricSeries> *metrics, QString *error,
                                     const CancelFn &cancelled)
{
    resources->provider = providerName();
    resources->accountId = m_account.billingAccount.isEmpty() ? m_account.name : m_account.billingAccount;
    resources->observedAt = QDateTime::currentSecsSinceEpoch();
    resources->resources.clear();
    if (metrics)
        metrics->clear();
    Result result;
    if (!runStatement(QStringLiteral("Snowflake SHOW WAREHOUSES"), QStringLiteral("SHOW WAREHOUSES"), {}, &result, error, cancelled))
        return false;
    const int name = result.column("NAME");
    if (name < 0) {
        *error = QStringLiteral("Snowflake SHOW WAREHOUSES: the answer is not usable: the result has no column name");
        return false;
    }
    auto cell = [&](const QStringList &row, const char *column) {
        const int c = result.column(column);
        return c < 0 ? QString() : row[c];
    };
    for (const QStringList &row : result.rows) {
        if (row[name].isEmpty())
            continue;
        ResourceRecord r;
        r.provider = providerName();
        r.accountId = resources->accountId;
        r.resourceId = row[name];
        r.name = row[name];
        r.type = QStringLiteral("warehouse");
        r.flavor = cell(row, "SIZE");
        const QString state = cell(row, "STATE").toUpper();
        r.state = state == u"STARTED" || state == u"RESUMING" ? QStringLiteral("running")
            : state == u"SUSPENDED" || state == u"SUSPENDING" ? QStringLiteral("stopped")
                                                                : state.toLower();
        r.firstSeen = resources->observedAt;
        r.lastSeen = resources->observedAt;
        // created_on: epoch seconds with a fraction (and a time-zone offset after a space).
        const double created = cell(row, "CREATED_ON").section(u' ', 0, 0).toDouble();
        r.createdAt = created > 0 ? static_cast<int64_t>(created) : 0;
        for (const char *tag : {"TYPE", "AUTO_SUSPEND", "AUTO_RESUME", "MIN_CLUSTER_COUNT", "MAX_CLUSTER_COUNT", "OWNER"}) {
            const QString v = cell(row, tag);
            if (!v.isNull())
                r.tags.append({QString::fromLatin1(tag).toLower(), v});
        }
        resources->resources.push_back(std::move(r));
    }
    qCInfo(lcSnowflake) << "account" << m_account.name << resources->resources.size() << "warehouses";
    return true;
}

} // namespace costscope::providers::snowflake
