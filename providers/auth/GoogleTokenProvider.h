#pragma once

// Google OAuth 2.0 access tokens for a service account: the RS256 JWT assertion
// (GoogleServiceAccountJwt) exchanged at the key's token_uri (JWT bearer grant), cached until
// shortly before it expires. Thread-safe; blocking, so use it from a worker thread.

#include "providers/auth/GoogleServiceAccountJwt.h"
#include "providers/net/HttpClient.h"

#include <QByteArray>
#include <QDateTime>
#include <QStringList>
#include <QUrl>

#include <mutex>

namespace costscope::providers::auth {

struct GoogleTokenResult
{
    bool ok = false;
    QByteArray accessToken;
    QDateTime expiresAt;
    QString error; // says what failed and why; never contains the key or the assertion
};

class GoogleTokenProvider
{
public:
    static constexpr qint64 kRefreshMarginSeconds = 300;

    GoogleTokenProvider(const net::HttpClient &http, GoogleServiceAccount account, QStringList scopes);
    ~GoogleTokenProvider();

    // Default: the key's token_uri. Tests point it at a local server.
    void setTokenEndpoint(const QUrl &endpoint);
    void setClock(net::ClockFn clock);

    GoogleTokenResult token(const CancelFn &cancelled = {});
    void invalidate();

private:
    GoogleTokenResult fetch(const CancelFn &cancelled);

    const net::HttpClient &m_http;
    GoogleServiceAccount m_account;
    QStringList m_scopes;
    QUrl m_endpoint;
    net::ClockFn m_clock;
    std::mutex m_mutex;
    QByteArray m_token;
    QDateTime m_refreshAfter;
    QDateTime m_expiresAt;
};

} // namespace costscope::providers::auth
