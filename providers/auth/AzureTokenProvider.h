#pragma once

// Azure AD (Microsoft Entra ID) client-credentials tokens for Azure Resource Manager:
// POST {authority}/{tenant}/oauth2/v2.0/token with grant_type=client_credentials, client_id,
// client_secret and scope. The token is cached until shortly before it expires. Thread-safe;
// blocking (it calls the HTTP client), so use it from a worker thread.

#include "providers/net/HttpClient.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QUrl>

#include <mutex>

namespace costscope::providers::auth {

struct AzureClientCredentials
{
    QString tenantId;
    QString clientId;
    QString clientSecret;
};

struct AzureTokenResult
{
    bool ok = false;
    QByteArray accessToken;
    QDateTime expiresAt;
    QString error; // says what failed and why; never contains the secret
    QString errorCode; // Azure AD's "error" ("invalid_client" ...) when it refused the request
};

class AzureTokenProvider
{
public:
    static constexpr qint64 kRefreshMarginSeconds = 300;

    AzureTokenProvider(const net::HttpClient &http, AzureClientCredentials credentials,
                       QString scope = QStringLiteral("https://management.azure.com/.default"));
    ~AzureTokenProvider();

    // Default https://login.microsoftonline.com; tests point it at a local server.
    void setAuthorityHost(const QUrl &authority);
    void setClock(net::ClockFn clock);

    // The cached token while it has more than the refresh margin left (or half its lifetime for
    // short-lived tokens), else a new one.
    AzureTokenResult token(const CancelFn &cancelled = {});
    // Drops the cached token, e.g. after the API answered 401.
    void invalidate();

    QUrl tokenEndpoint() const;

private:
    AzureTokenResult fetch(const CancelFn &cancelled);
    QString scrub(QString text) const;

    const net::HttpClient &m_http;
    AzureClientCredentials m_credentials;
    QString m_scope;
    QUrl m_authority;
    net::ClockFn m_clock;
    std::mutex m_mutex;
    QByteArray m_token;
    QDateTime m_refreshAfter;
    QDateTime m_expiresAt;
};

} // namespace costscope::providers::auth
