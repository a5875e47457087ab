#include "providers/net/HttpClient.h"

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSet>
#include <QUrlQuery>

#include <curl/curl.h>

#include <algorithm>
#include <mutex>
#include <thread>

namespace costscope::providers::net {

Q_LOGGING_CATEGORY(lcNet, "costscope.net")

namespace {

void ensureCurlInitialised()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

void defaultSleep(std::chrono::milliseconds duration, const CancelFn &cancelled)
{
    const auto until = std::chrono::steady_clock::now() + duration;
    while (std::chrono::steady_clock::now() < until) {
        if (cancelled && cancelled())
            return;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
        std::this_thread::sleep_for(std::min(left, std::chrono::milliseconds(50)));
    }
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    if (host == QLatin1String("::1") || host == QLatin1String("[::1]"))
        return true;
    // 127.0.0.0/8, written as four decimal parts.
    const QStringList parts = host.split(u'.');
    if (parts.size() != 4 || parts.first() != QLatin1String("127"))
        return false;
    return std::all_of(parts.cbegin(), parts.cend(), [](const QString &part) {
        bool ok = false;
        const int v = part.toInt(&ok);
        return ok && v >= 0 && v <= 255 && !part.isEmpty() && part.size() <= 3;
    });
}

struct Transfer
{
    HttpResponse response;
    qint64 maxBytes = 0;
    bool tooLarge = false;
    const CancelFn *cancelled = nullptr;
    bool wasCancelled = false;
};

size_t onBody(char *data, size_t size, size_t count, void *user)
{
    auto *t = static_cast<Transfer *>(user);
    const size_t n = size * count;
    if (t->response.body.size() + static_cast<qint64>(n) > t->maxBytes) {
        t->tooLarge = true;
        return 0; // aborts the transfer with CURLE_WRITE_ERROR
    }
    t->response.body.append(data, static_cast<qsizetype>(n));
    return n;
}

size_t onHeader(char *data, size_t size, size_t count, void *user)
{
    auto *t = static_cast<Transfer *>(user);
    const size_t n = size * count;
    const QByteArray line = QByteArray(data, static_cast<qsizetype>(n)).trimmed();
    if (line.startsWith("HTTP/")) {
        t->response.headers.clear(); // a new response (after 100 Continue)
        return n;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon > 0)
        t->response.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    return n;
}

int onProgress(void *user, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    auto *t = static_cast<Transfer *>(user);
    if (t->cancelled && *t->cancelled && (*t->cancelled)()) {
        t->wasCancelled = true;
        return 1;
    }
    return 0;
}

bool isRetryableStatus(int status)
{
    return status == 429 || (status >= 500 && status <= 599 && status != 501 && status != 505);
}

bool isRetryableTransportError(CURLcode code)
{
    switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return true;
    default:
        return false;
    }
}

QString describeTransportError(CURLcode code, const char *errorBuffer, const Transfer &t, const HttpOptions &options)
{
    switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
        return QStringLiteral("timed out (connect limit %1 ms, total limit %2 ms)")
            .arg(options.connectTimeout.count())
            .arg(options.totalTimeout.count());
    case CURLE_PARTIAL_FILE:
        return QStringLiteral("the connection closed before the whole body arrived (truncated response, %1 bytes "
                              "received)")
            .arg(t.response.body.size());
    case CURLE_FILESIZE_EXCEEDED:
        return QStringLiteral("the response is larger than the limit of %1 bytes").arg(t.maxBytes);
    case CURLE_WRITE_ERROR:
        if (t.tooLarge)
            return QStringLiteral("the response is larger than the limit of %1 bytes").arg(t.maxBytes);
        break;
    case CURLE_PEER_FAILED_VERIFICATION:
        return QStringLiteral("the server's TLS certificate could not be verified (%1)")
            .arg(QString::fromUtf8(errorBuffer));
    default:
        break;
    }
    const QString summary = QString::fromUtf8(curl_easy_strerror(code));
    const QString detail = QString::fromUtf8(errorBuffer);
    if (detail.isEmpty() || detail == summary)
        return summary;
    return summary + QStringLiteral(": ") + detail;
}

QString headersForLog(const Headers &headers)
{
    QStringList parts;
    for (const auto &[name, value] : headers) {
        parts.append(QString::fromLatin1(name) + QStringLiteral(": ")
                     + (HttpClient::isSensitiveHeader(name) ? QStringLiteral("REDACTED") : QString::fromUtf8(value)));
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace

QByteArray HttpResponse::header(const QByteArray &name) const
{
    QByteArray value;
    for (const auto &[n, v] : headers) {
        if (n.compare(name, Qt::CaseInsensitive) == 0)
            value = v;
    }
    return value;
}

HttpClient::HttpClient(HttpOptions options)
    : m_options(std::move(options))
    , m_sleep(defaultSleep)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
}

bool HttpClient::isSensitiveHeader(const QByteArray &name)
{
    const QByteArray lower = name.trimmed().toLower();
    static const char *const exact[] = {"authorization", "proxy-authorization", "cookie", "set-cookie",
                                        "x-amz-security-token", "x-api-key", "ocp-apim-subscription-key"};
    for (const char *e : exact) {
        if (lower == e)
            return true;
    }
    static const char *const parts[] = {"token", "secret", "password", "signature", "credential", "session", "key"};
    for (const char *p : parts) {
        if (lower.contains(p))
            return true;
    }
    return false;
}

bool HttpClient::isSensitiveQueryKey(const QString &key)
{
    const QString lower = key.toLower();
    static const char *const parts[] = {"token", "secret", "password", "passwd", "signature", "sig",
                                        "credential", "key", "code", "auth", "assertion"};
    for (const char *p : parts) {
        if (lower.contains(QLatin1String(p)))
            return true;
    }
    return false;
}

QString HttpClient::redactedUrl(const QUrl &url)
{
    QUrl copy = url;
    copy.setUserInfo(QString());
    copy.setFragment(QString());
    if (copy.hasQuery()) {
        QUrlQuery query(copy);
        const auto items = query.queryItems(QUrl::FullyEncoded);
        QUrlQuery redacted;
        for (const auto &[key, value] : items) {
            const QString decodedKey = QUrl::fromPercentEncoding(key.toUtf8());
            redacted.addQueryItem(key, isSensitiveQueryKey(decodedKey) ? QStringLiteral("REDACTED") : value);
        }
        copy.setQuery(redacted);
    }
    return copy.toDisplayString(QUrl::RemoveUserInfo);
}

std::optional<std::chrono::milliseconds> HttpClient::parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray v = value.trimmed();
    if (v.isEmpty())
        return std::nullopt;
    bool isNumber = true;
    for (const char c : v)
        isNumber = isNumber && c >= '0' && c <= '9';
    if (isNumber) {
        if (v.size() > 9)
            return std::chrono::milliseconds(std::chrono::hours(24 * 365));
        return std::chrono::milliseconds(v.toLongLong() * 1000);
    }
    const time_t when = curl_getdate(v.constData(), nullptr);
    if (when < 0)
        return std::nullopt;
    const qint64 deltaMs = (static_cast<qint64>(when) - now.toSecsSinceEpoch()) * 1000;
    return std::chrono::milliseconds(std::max<qint64>(0, deltaMs));
}

std::chrono::milliseconds HttpClient::backoff(int retry) const
{
    const int shift = std::clamp(retry - 1, 0, 30);
    const qint64 base = m_options.initialBackoff.count();
    const qint64 capped = std::min<qint64>(m_options.maxBackoff.count(), base << std::min(shift, 20));
    const qint64 half = capped / 2;
    const qint64 jitter = half > 0 ? static_cast<qint64>(QRandomGenerator::global()->bounded(static_cast<quint64>(half + 1))) : 0;
    return std::chrono::milliseconds(capped - half + jitter);
}

HttpResult HttpClient::send(HttpRequest request, const CancelFn &cancelled) const
{
    ensureCurlInitialised();
    HttpResult result;
    // The body may hold a secret (a client secret in a token request): wipe our copy when done.
    struct WipeBody
    {
        QByteArray &body;
        ~WipeBody() { body.fill('\0'); }
    } wipeBody{request.body};

    const auto fail = [&](const QString &cause) {
        result.ok = false;
        result.error = QString::fromLatin1(request.method) + u' ' + redactedUrl(request.url) + QStringLiteral(" failed: ")
            + cause;
        qCWarning(lcNet).noquote() << result.error;
    };

    const QString scheme = request.url.scheme().toLower();
    if (!request.url.isValid() || request.url.host().isEmpty()) {
        fail(QStringLiteral("invalid URL"));
        return result;
    }
    if (scheme != QLatin1String("https") && !(scheme == QLatin1String("http") && isLoopbackHost(request.url.host()))) {
        fail(QStringLiteral("only https is allowed (plain http only to this machine's loopback address)"));
        return result;
    }

    const int maxAttempts = std::max(1, m_options.maxAttempts);
    for (int attempt = 1; attempt <= maxAttempts; ++attempt) {
        if (cancelled && cancelled()) {
            result.cancelled = true;
            fail(QStringLiteral("cancelled"));
            return result;
        }
        if (request.prepare)
            request.prepare(request);
        result.attempts = attempt;

        CURL *curl = curl_easy_init();
        if (!curl) {
            fail(QStringLiteral("could not initialise libcurl"));
            return result;
        }
        Transfer transfer;
        transfer.maxBytes = m_options.maxResponseBytes;
        transfer.cancelled = &cancelled;
        char errorBuffer[CURL_ERROR_SIZE] = {};
        QByteArray url = request.url.toEncoded();

        curl_easy_setopt(curl, CURLOPT_URL, url.constData());
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(m_options.connectTimeout.count()));
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(m_options.totalTimeout.count()));
        curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
        curl_easy_setopt(curl, CURLOPT_USERAGENT, m_options.userAgent.constData());
        curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorBuffer);
        curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(m_options.maxResponseBytes));
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, onBody);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
        curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, onHeader);
        curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
        curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, onProgress);
        curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &transfer);
        curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);

        const QByteArray method = request.method.toUpper();
        if (method == "GET") {
            curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
        } else if (method == "HEAD") {
            curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
        } else {
            if (method != "POST")
                curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.constData());
            curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
            curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.constData());
        }

        curl_slist *headerList = nullptr;
        QList<QByteArray> headerLines;
        for (const auto &[name, value] : std::as_const(request.headers))
            headerLines.append(value.isEmpty() ? QByteArray(name + ';') : QByteArray(name + ": " + value));
        headerLines.append("Expect:"); // no 100-continue round trip
        for (const QByteArray &line : std::as_const(headerLines))
            headerList = curl_slist_append(headerList, line.constData());
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headerList);

        qCDebug(lcNet).noquote() << "->" << method << redactedUrl(request.url) << "attempt" << attempt << "headers:"
                                 << headersForLog(request.headers) << "body bytes:" << request.body.size();
        const CURLcode code = curl_easy_perform(curl);
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        curl_slist_free_all(headerList);
        for (QByteArray &line : headerLines)
            line.fill('\0'); // they held credentials
        curl_easy_cleanup(curl);

        transfer.response.status = static_cast<int>(status);
        result.response = transfer.response;

        if (transfer.wasCancelled || code == CURLE_ABORTED_BY_CALLBACK) {
            result.cancelled = true;
            fail(QStringLiteral("cancelled"));
            return result;
        }
        std::chrono::milliseconds delay{0};
        QString cause;
        if (code != CURLE_OK) {
            cause = describeTransportError(code, errorBuffer, transfer, m_options);
            if (!isRetryableTransportError(code)) {
                fail(cause);
                return result;
            }
            delay = backoff(attempt);
        } else {
            qCDebug(lcNet).noquote() << "<-" << status << redactedUrl(request.url) << "headers:"
                                     << headersForLog(transfer.response.headers)
                                     << "body bytes:" << transfer.response.body.size();
            if (status >= 200 && status < 300) {
                result.ok = true;
                result.error.clear();
                return result;
            }
            cause = QStringLiteral("HTTP %1").arg(status);
            if (!isRetryableStatus(static_cast<int>(status)) && !(request.retryable && request.retryable(transfer.response))) {
                fail(cause);
                return result;
            }
            std::optional<std::chrono::milliseconds> asked = parseRetryAfter(transfer.response.header("Retry-After"), m_clock());
            if (!asked) {
                for (const QByteArray &name : std::as_const(request.retryAfterHeaders)) {
                    const auto other = parseRetryAfter(transfer.response.header(name), m_clock());
                    if (other && (!asked || *other > *asked))
                        asked = other;
                }
            }
            if (asked) {
                if (*asked > m_options.maxRetryAfter) {
                    fail(cause + QStringLiteral("; the server asked to retry after %1 s, more than the %2 s this "
                                                "client waits")
                                     .arg(asked->count() / 1000)
                                     .arg(m_options.maxRetryAfter.count() / 1000));
                    return result;
                }
                delay = *asked;
            } else {
                delay = backoff(attempt);
            }
        }
        if (attempt == maxAttempts) {
            fail(cause + QStringLiteral(" (gave up after %1 attempts)").arg(attempt));
            return result;
        }
        qCInfo(lcNet).noquote() << method << redactedUrl(request.url) << cause << "- retrying in" << delay.count()
                                << "ms";
        m_sleep(delay, cancelled);
    }
    return result; // not reached
}

QString PagingResult::failure(const QString &what, const QString &tokens) const
{
    if (!ok)
        return error;
    if (!truncated)
        return {};
    QString why = what + QStringLiteral(": stopped after %1 pages; the server kept sending page tokens").arg(pages);
    if (!tokens.isEmpty())
        why += QStringLiteral(" (") + tokens + QLatin1Char(')');
    return why;
}

PagingResult fetchPages(int maxPages, const FetchPageFn &fetchPage, const CancelFn &cancelled)
{
    PagingResult result;
    QString token;
    QSet<QString> seen;
    while (true) {
        if (cancelled && cancelled()) {
            result.error = QStringLiteral("cancelled");
            return result;
        }
        if (result.pages >= maxPages) {
            result.ok = true;
            result.truncated = true;
            qCWarning(lcNet) << "paging stopped at the limit of" << maxPages << "pages";
            return result;
        }
        QString next;
        QString error;
        if (!fetchPage(token, &next, &error)) {
            result.error = error.isEmpty() ? QStringLiteral("page %1 failed").arg(result.pages + 1) : error;
            return result;
        }
        ++result.pages;
        if (next.isEmpty()) {
            result.ok = true;
            return result;
        }
        if (seen.contains(next)) {
            result.error = QStringLiteral("the server returned the same page token twice (after page %1); stopped "
                                          "to avoid a loop")
                               .arg(result.pages);
            return result;
        }
        seen.insert(next);
        token = next;
    }
}

} // namespace costscope::providers::net
