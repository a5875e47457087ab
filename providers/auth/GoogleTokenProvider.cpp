#include "providers/auth/GoogleTokenProvider.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

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

} // namespace

GoogleTokenProvider::GoogleTokenProvider(const net::HttpClient &http, GoogleServiceAccount account, QStringList scopes)
    : m_http(http)
    , m_account(std::move(account))
    , m_scopes(std::move(scopes))
    , m_endpoint(m_account.tokenUri)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
}

GoogleTokenProvider::~GoogleTokenProvider()
{
    wipe(m_token);
}

void GoogleTokenProvider::setTokenEndpoint(const QUrl &endpoint)
{
    std::lock_guard lock(m_mutex);
    m_endpoint = endpoint;
}

void GoogleTokenProvider::setClock(net::ClockFn clock)
{
    std::lock_guard lock(m_mutex);
    m_clock = std::move(clock);
}

void GoogleTokenProvider::invalidate()
{
    std::lock_guard lock(m_mutex);
    wipe(m_token);
    m_refreshAfter = {};
}

GoogleTokenResult GoogleTokenProvider::token(const CancelFn &cancelled)
{
    std::lock_guard lock(m_mutex);
    if (!m_token.isEmpty() && m_clock() < m_refreshAfter) {
        GoogleTokenResult cached;
        cached.ok = true;
        cached.accessToken = m_token;
        cached.expiresAt = m_expiresAt;
        return cached;
    }
    return fetch(cancelled);
}

GoogleTokenResult GoogleTokenProvider::fetch(const CancelFn &cancelled)
{
    GoogleTokenResult result;
    const QString who = QStringLiteral("service account %1").arg(m_account.clientEmail);
    const QDateTime now = m_clock();
    QString error;
    QByteArray assertion = GoogleServiceAccountJwt::assertion(m_account, m_scopes, now, &error);
    if (assertion.isEmpty()) {
        result.error = QStringLiteral("Cannot sign in as %1: %2").arg(who, error);
        return result;
    }
    net::HttpRequest request;
    request.method = "POST";
    request.url = m_endpoint;
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
    request.body = GoogleServiceAccountJwt::tokenRequestBody(assertion);
    wipe(assertion);
    net::HttpResult reply = m_http.send(std::move(request), cancelled);
    const QJsonObject json = QJsonDocument::fromJson(reply.response.body).object();
    wipe(reply.response.body);
    if (!reply.ok) {
        const QString code = json.value(QStringLiteral("error")).toString();
        const QString description = json.value(QStringLiteral("error_description")).toString();
        result.error = code.isEmpty()
            ? QStringLiteral("Google token request for %1 failed: %2").arg(who, reply.error)
            : QStringLiteral("Google refused the token request for %1: %2: %3%4")
                  .arg(who, code, description,
                       code == QLatin1String("invalid_grant")
                           ? QStringLiteral(". Check that the key is current (not deleted or rotated) and the "
                                            "machine's clock is right.")
                           : QString());
        qCWarning(lcAuth).noquote() << result.error;
        return result;
    }
    QByteArray accessToken = json.value(QStringLiteral("access_token")).toString().toUtf8();
    const qint64 expiresIn = json.value(QStringLiteral("expires_in")).toInteger(-1);
    if (accessToken.isEmpty() || expiresIn <= 0) {
        wipe(accessToken);
        result.error = QStringLiteral("Google answered the token request for %1 with an unusable response (no "
                                      "access_token or no valid expires_in)")
                           .arg(who);
        qCWarning(lcAuth).noquote() << result.error;
        return result;
    }
    const qint64 margin = std::min(kRefreshMarginSeconds, expiresIn / 2);
    m_token = accessToken;
    m_expiresAt = now.addSecs(expiresIn);
    m_refreshAfter = now.addSecs(expiresIn - margin);
    qCInfo(lcAuth).noquote() << "got a Google access token for" << who << "valid for" << expiresIn << "s";
    result.ok = true;
    result.accessToken = accessToken;
    result.expiresAt = m_expiresAt;
    return result;
}

} // namespace costscope::providers::auth
