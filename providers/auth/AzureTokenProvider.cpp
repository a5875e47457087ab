#include "providers/auth/AzureTokenProvider.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <openssl/crypto.h>

namespace costscope::providers::auth {

Q_DECLARE_LOGGING_CATEGORY(lcAuth)

namespace {

void wipe(QByteArray &bytes)
{
    if (!bytes.isEmpty())
        OPENSSL_cleanse(bytes.data(), static_cast<size_t>(bytes.size()));
    bytes.clear();
}

void wipe(QString &text)
{
    text.fill(QChar(0));
    text.clear();
}

QByteArray formField(const char *name, const QString &value)
{
    return QByteArray(name) + '=' + QUrl::toPercentEncoding(value);
}

} // namespace

AzureTokenProvider::AzureTokenProvider(const net::HttpClient &http, AzureClientCredentials credentials, QString scope)
    : m_http(http)
    , m_credentials(std::move(credentials))
    , m_scope(std::move(scope))
    , m_authority(QStringLiteral("https://login.microsoftonline.com"))
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
}

AzureTokenProvider::~AzureTokenProvider()
{
    wipe(m_token);
    wipe(m_credentials.clientSecret);
}

void AzureTokenProvider::setAuthorityHost(const QUrl &authority)
{
    std::lock_guard lock(m_mutex);
    m_authority = authority;
}

void AzureTokenProvider::setClock(net::ClockFn clock)
{
    std::lock_guard lock(m_mutex);
    m_clock = std::move(clock);
}

void AzureTokenProvider::invalidate()
{
    std::lock_guard lock(m_mutex);
    wipe(m_token);
    m_refreshAfter = {};
}

QUrl AzureTokenProvider::tokenEndpoint() const
{
    QUrl url = m_authority;
    QString path = url.path();
    if (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + u'/' + m_credentials.tenantId + QStringLiteral("/oauth2/v2.0/token"));
    return url;
}

QString AzureTokenProvider::scrub(QString text) const
{
    if (!m_credentials.clientSecret.isEmpty())
        text.replace(m_credentials.clientSecret, QStringLiteral("REDACTED"));
    return text;
}

AzureTokenResult AzureTokenProvider::token(const CancelFn &cancelled)
{
    std::lock_guard lock(m_mutex);
    if (!m_token.isEmpty() && m_clock() < m_refreshAfter) {
        AzureTokenResult cached;
        cached.ok = true;
        cached.accessToken = m_token;
        cached.expiresAt = m_expiresAt;
        return cached;
    }
    return fetch(cancelled);
}

AzureTokenResult AzureTokenProvider::fetch(const CancelFn &cancelled)
{
    AzureTokenResult result;
    const QString who = QStringLiteral("tenant %1, client %2").arg(m_credentials.tenantId, m_credentials.clientId);
    static const QRegularExpression tenantPattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9.-]*$"));
    if (!tenantPattern.match(m_credentials.tenantId).hasMatch()) {
        result.error = QStringLiteral("Invalid Azure tenant id \"%1\": use the directory's GUID or domain name")
                           .arg(m_credentials.tenantId);
        return result;
    }
    if (m_credentials.clientId.isEmpty() || m_credentials.clientSecret.isEmpty()) {
        result.error = QStringLiteral("Azure credentials for %1 are incomplete: client id and client secret are needed")
                           .arg(who);
        return result;
    }

    net::HttpRequest request;
    request.method = "POST";
    request.url = tokenEndpoint();
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
    request.body = "grant_type=client_credentials&" + formField("client_id", m_credentials.clientId) + '&'
        + formField("client_secret", m_credentials.clientSecret) + '&' + formField("scope", m_scope);
    const QDateTime requestedAt = m_clock();
    net::HttpResult reply = m_http.send(std::move(request), cancelled);

    const QJsonObject json = QJsonDocument::fromJson(reply.response.body).object();
    if (!reply.ok) {
        const QString code = json.value(QStringLiteral("error")).toString();
        QString description = json.value(QStringLiteral("error_description")).toString();
        description = description.section(u'\n', 0, 0).trimmed(); // drop trace and correlation ids
        if (!code.isEmpty()) {
            result.errorCode = code;
            const QString hint = code == QLatin1String("invalid_client")
                ? QStringLiteral(" Check the client secret (it may have expired) and the client id.")
                : code == QLatin1String("unauthorized_client") || code == QLatin1String("invalid_request")
                ? QStringLiteral(" Check the tenant and client id.")
                : QString();
            result.error = scrub(QStringLiteral("Azure AD refused the token request for %1: %2: %3.%4")
                                     .arg(who, code, description, hint));
        } else {
            result.error = scrub(QStringLiteral("Azure AD token request for %1 failed: %2").arg(who, reply.error));
        }
        qCWarning(lcAuth).noquote() << result.error;
        wipe(reply.response.body);
        return result;
    }

    const QString tokenType = json.value(QStringLiteral("token_type")).toString();
    QByteArray accessToken = json.value(QStringLiteral("access_token")).toString().toUtf8();
    const QJsonValue expiresValue = json.value(QStringLiteral("expires_in"));
    bool expiresOk = expiresValue.isDouble();
    qint64 expiresIn = expiresValue.toInteger();
    if (expiresValue.isString())
        expiresIn = expiresValue.toString().toLongLong(&expiresOk);
    wipe(reply.response.body);
    if (accessToken.isEmpty() || !expiresOk || expiresIn <= 0
        || (!tokenType.isEmpty() && tokenType.compare(QLatin1String("Bearer"), Qt::CaseInsensitive) != 0)) {
        wipe(accessToken);
        result.error = QStringLiteral("Azure AD answered the token request for %1 with an unusable response (no "
                                      "bearer access_token or no valid expires_in)")
                           .arg(who);
        qCWarning(lcAuth).noquote() << result.error;
        return result;
    }

    const qint64 margin = std::min(kRefreshMarginSeconds, expiresIn / 2);
    m_token = accessToken;
    m_expiresAt = requestedAt.addSecs(expiresIn);
    m_refreshAfter = requestedAt.addSecs(expiresIn - margin);
    qCInfo(lcAuth).noquote() << "got an Azure AD token for" << who << "valid for" << expiresIn << "s";
    result.ok = true;
    result.accessToken = accessToken;
    result.expiresAt = m_expiresAt;
    return result;
}

} // namespace costscope::providers::auth
