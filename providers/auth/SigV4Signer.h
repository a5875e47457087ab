#pragma once

// AWS Signature Version 4 (header-based), as a pure function of the request, the credentials,
// the region, the service and the time. No I/O, no clock: the caller passes the time.

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

namespace costscope::providers::net {
struct HttpRequest;
}

namespace costscope::providers::auth {

struct AwsCredentials
{
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken; // empty for long-term keys
};

struct SigV4Request
{
    QByteArray method;                              // "GET", "POST", ...
    QByteArray host;                                // host[:port]; used when headers hold no Host
    QByteArray path;                                // the path as sent on the wire, e.g. "/a%20b/"
    QList<QPair<QString, QString>> query;           // decoded keys and values, in any order, repeats allowed
    QList<QPair<QByteArray, QByteArray>> headers;   // names in any case, repeats allowed
    QByteArray body;
};

struct SigV4Result
{
    QByteArray canonicalRequest;
    QByteArray stringToSign;
    QByteArray signature;       // lowercase hex
    QByteArray authorization;   // the Authorization header value
    QByteArray amzDate;         // the X-Amz-Date header value (yyyyMMddTHHmmssZ)
    // Headers to add to the request before sending it: X-Amz-Date, X-Amz-Security-Token (when a
    // session token is set) and Authorization.
    QList<QPair<QByteArray, QByteArray>> headersToAdd;
};

struct SigV4Options
{
    // Sign the X-Amz-Security-Token header (most services). When false, the token is added
    // after signing, as some services require.
    bool signSessionToken = true;
    // Remove "." / ".." segments and repeated slashes from the path (all services but S3).
    bool normalizePath = true;
    // Percent-encode the path once more (all services but S3, which wants it encoded once).
    bool encodePath = true;
};

class SigV4Signer
{
public:
    static SigV4Result sign(const SigV4Request &request, const AwsCredentials &credentials,
                            const QString &region, const QString &service, const QDateTime &time,
                            const SigV4Options &options = {});

    // The signer's view of an HTTP request: path and query from the URL, Host from the URL.
    static SigV4Request fromHttpRequest(const net::HttpRequest &request);
    // Signs in place: replaces X-Amz-Date, X-Amz-Security-Token and Authorization. Call it from
    // HttpRequest::prepare so that every retry is signed with a fresh time.
    static void signHttpRequest(net::HttpRequest &request, const AwsCredentials &credentials, const QString &region,
                                const QString &service, const QDateTime &time, const SigV4Options &options = {});

    // RFC 3986 percent-encoding of every byte except A-Z a-z 0-9 - _ . ~ (and '/' when keepSlash).
    static QByteArray uriEncode(const QByteArray &bytes, bool keepSlash);
    // Lowercase hex SHA-256 of data.
    static QByteArray sha256Hex(const QByteArray &data);
    static QByteArray hmacSha256(const QByteArray &key, const QByteArray &message);
};

} // namespace costscope::providers::auth
