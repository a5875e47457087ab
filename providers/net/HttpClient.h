#pragma once

// The one HTTP layer of every cloud client (libcurl). What it guarantees:
//  - TLS peer and host verification always on; plain http only to loopback hosts; no redirects
//    followed (a client that wants a next link calls again);
//  - proxy from the environment (libcurl's default: http_proxy, https_proxy, no_proxy);
//  - connect and per-attempt total timeouts, gzip/deflate accepted and decoded;
//  - retries with exponential back-off and jitter on 429, 5xx (not 501) and transient transport
//    errors, honouring Retry-After (seconds or an HTTP date) up to a limit, for at most
//    maxAttempts attempts; the sleep between attempts is injectable;
//  - cancellation (polled during transfers and back-off), a response size cap;
//  - no secret in any log line or error text: Authorization, security tokens, token-like headers
//    and query parameters are redacted.
// Blocking: call it from a worker thread.

#include "model/Services.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>
#include <optional>

namespace costscope::providers::net {

using Headers = QList<QPair<QByteArray, QByteArray>>;

struct HttpResponse
{
    int status = 0;
    Headers headers;
    QByteArray body;

    // Case-insensitive; the last value when repeated; empty when absent.
    QByteArray header(const QByteArray &name) const;
};

struct HttpRequest
{
    QByteArray method = "GET";
    QUrl url;
    Headers headers;
    QByteArray body;
    // Called before every attempt, retries included (e.g. to sign with a fresh timestamp).
    std::function<void(HttpRequest &)> prepare;
    // A non-2xx answer for which this returns true is retried like a 429 (Retry-After honoured,
    // else back-off), e.g. a provider that signals throttling with HTTP 400 and an error code.
    std::function<bool(const HttpResponse &)> retryable;
    // Further headers that, on a retried answer without Retry-After, say how long to wait in the
    // same forms (the longest wins), e.g. Azure's x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after.
    QList<QByteArray> retryAfterHeaders;
};

struct HttpResult
{
    bool ok = false;        // the transfer completed with a 2xx status
    bool cancelled = false;
    int attempts = 0;
    HttpResponse response;  // the last response, also for HTTP errors
    QString error;          // "<METHOD> <URL without secrets> failed: <cause>"
};

struct HttpOptions
{
    std::chrono::milliseconds connectTimeout{10'000};
    std::chrono::milliseconds totalTimeout{120'000}; // per attempt
    int maxAttempts = 4;
    std::chrono::milliseconds initialBackoff{500};
    std::chrono::milliseconds maxBackoff{30'000};
    // A Retry-After longer than this ends the retries with an error instead of waiting.
    std::chrono::milliseconds maxRetryAfter{120'000};
    qint64 maxResponseBytes = 512LL * 1024 * 1024;
    QByteArray userAgent = "Costscope/0.1";
};

// Waits for the given time; should return early when cancelled() becomes true.
using SleepFn = std::function<void(std::chrono::milliseconds, const CancelFn &cancelled)>;
using ClockFn = std::function<QDateTime()>;

class HttpClient
{
public:
    explicit HttpClient(HttpOptions options = {});

    void setSleepFunction(SleepFn sleep) { m_sleep = std::move(sleep); }
    void setClock(ClockFn clock) { m_clock = std::move(clock); }
    const HttpOptions &options() const { return m_options; }

    HttpResult send(HttpRequest request, const CancelFn &cancelled = {}) const;

    // The URL without user info and with secret-looking query values replaced by REDACTED.
    static QString redactedUrl(const QUrl &url);
    static bool isSensitiveHeader(const QByteArray &name);
    static bool isSensitiveQueryKey(const QString &key);
    // Retry-After as a delay from now: delta-seconds or an HTTP date; nullopt when unusable.
    static std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &value, const QDateTime &now);
    // Exponential back-off with jitter for the given retry (1 = first retry): a random delay in
    // [d/2, d] with d = min(maxBackoff, initialBackoff * 2^(retry-1)).
    std::chrono::milliseconds backoff(int retry) const;

private:
    HttpOptions m_options;
    SleepFn m_sleep;
    ClockFn m_clock;
};

struct PagingResult
{
    bool ok = false;
    bool truncated = false; // stopped at maxPages while the server had more
    int pages = 0;
    QString error;

    // Why the pages are unusable, "" when every page arrived: the error of the failed page, or,
    // when the server kept sending tokens past the limit, "<what>: stopped after N pages; the
    // server kept sending page tokens" with " (<tokens>)" naming them when given.
    QString failure(const QString &what, const QString &tokens = {}) const;
};

// Fetches one page: gets the page token ("" for the first page), sets *nextToken ("" when it was
// the last page) or *error and returns false on failure.
using FetchPageFn = std::function<bool(const QString &pageToken, QString *nextToken, QString *error)>;

// Follows page tokens for at most maxPages pages; stops with an error when the server repeats a
// token (a loop) and when cancelled.
PagingResult fetchPages(int maxPages, const FetchPageFn &fetchPage, const CancelFn &cancelled = {});

} // namespace costscope::providers::net
