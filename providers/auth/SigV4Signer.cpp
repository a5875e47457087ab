#include "providers/auth/SigV4Signer.h"

#include "providers/net/HttpClient.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QTimeZone>
#include <QUrlQuery>

#include <algorithm>
#include <map>
#include <vector>

namespace costscope::providers::auth {

namespace {

bool isUnreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
        || c == '.' || c == '~';
}

// Removes dot segments and empty segments, keeping a leading and a trailing slash.
QByteArray normalizedPath(const QByteArray &path)
{
    if (path.isEmpty())
        return QByteArrayLiteral("/");
    std::vector<QByteArray> out;
    for (const QByteArray &segment : path.split('/')) {
        if (segment.isEmpty() || segment == ".")
            continue;
        if (segment == "..") {
            if (!out.empty())
                out.pop_back();
            continue;
        }
        out.push_back(segment);
    }
    QByteArray result;
    if (path.startsWith('/'))
        result += '/';
    for (size_t i = 0; i < out.size(); ++i) {
        if (i > 0)
            result += '/';
        result += out[i];
    }
    if (path.endsWith('/') && !out.empty())
        result += '/';
    return result;
}

// Trims and collapses runs of whitespace to one space, as SigV4's Trimall.
QByteArray trimAll(const QByteArray &value)
{
    QByteArray result;
    result.reserve(value.size());
    bool pendingSpace = false;
    for (const char c : value) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
            pendingSpace = !result.isEmpty();
            continue;
        }
        if (pendingSpace)
            result += ' ';
        pendingSpace = false;
        result += c;
    }
    return result;
}

bool isUnsignedHeader(const QByteArray &lowerName)
{
    // Headers that proxies and clients change on the way; botocore leaves them unsigned too.
    return lowerName == "expect" || lowerName == "user-agent" || lowerName == "x-amzn-trace-id"
        || lowerName == "authorization";
}

} // namespace

QByteArray SigV4Signer::uriEncode(const QByteArray &bytes, bool keepSlash)
{
    static const char hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(bytes.size() * 3);
    for (const char c : bytes) {
        if (isUnreserved(c) || (keepSlash && c == '/')) {
            out += c;
        } else {
            const auto u = static_cast<unsigned char>(c);
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 0x0f];
        }
    }
    return out;
}

QByteArray SigV4Signer::sha256Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QByteArray SigV4Signer::hmacSha256(const QByteArray &key, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}

SigV4Result SigV4Signer::sign(const SigV4Request &request, const AwsCredentials &credentials,
                              const QString &region, const QString &service, const QDateTime &time,
                              const SigV4Options &options)
{
    SigV4Result result;
    const QDateTime utc = time.toTimeZone(QTimeZone::utc());
    result.amzDate = utc.toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
    const QByteArray date = result.amzDate.left(8);
    const QByteArray token = credentials.sessionToken.toUtf8();

    // Headers to sign: the request's (minus the ones the signer owns), plus host, date and token.
    std::map<QByteArray, std::vector<QByteArray>> headers;
    for (const auto &[name, value] : request.headers) {
        const QByteArray lower = name.trimmed().toLower();
        if (lower == "x-amz-date" || isUnsignedHeader(lower))
            continue;
        if (lower == "x-amz-security-token" && !token.isEmpty())
            continue; // replaced by the credentials' token below
        headers[lower].push_back(trimAll(value));
    }
    if (headers.find("host") == headers.end())
        headers["host"].push_back(request.host);
    headers["x-amz-date"] = {result.amzDate};
    if (!token.isEmpty() && options.signSessionToken)
        headers["x-amz-security-token"] = {token};

    QByteArray canonicalHeaders;
    QByteArray signedHeaders;
    for (const auto &[name, values] : headers) {
        canonicalHeaders += name + ':';
        for (size_t i = 0; i < values.size(); ++i) {
            if (i > 0)
                canonicalHeaders += ',';
            canonicalHeaders += values[i];
        }
        canonicalHeaders += '\n';
        if (!signedHeaders.isEmpty())
            signedHeaders += ';';
        signedHeaders += name;
    }

    std::vector<std::pair<QByteArray, QByteArray>> query;
    query.reserve(static_cast<size_t>(request.query.size()));
    for (const auto &[key, value] : request.query)
        query.emplace_back(uriEncode(key.toUtf8(), false), uriEncode(value.toUtf8(), false));
    std::sort(query.begin(), query.end());
    QByteArray canonicalQuery;
    for (const auto &[key, value] : query) {
        if (!canonicalQuery.isEmpty())
            canonicalQuery += '&';
        canonicalQuery += key + '=' + value;
    }

    QByteArray path = options.normalizePath ? normalizedPath(request.path) : request.path;
    if (path.isEmpty())
        path = QByteArrayLiteral("/");
    if (options.encodePath)
        path = uriEncode(path, true);

    QByteArray payloadHash;
    for (const auto &[name, value] : request.headers) {
        if (name.trimmed().toLower() == "x-amz-content-sha256")
            payloadHash = value.trimmed();
    }
    if (payloadHash.isEmpty())
        payloadHash = sha256Hex(request.body);

    result.canonicalRequest = request.method.toUpper() + '\n' + path + '\n' + canonicalQuery + '\n'
        + canonicalHeaders + '\n' + signedHeaders + '\n' + payloadHash;

    const QByteArray scope = date + '/' + region.toUtf8() + '/' + service.toUtf8() + "/aws4_request";
    result.stringToSign = QByteArrayLiteral("AWS4-HMAC-SHA256\n") + result.amzDate + '\n' + scope + '\n'
        + sha256Hex(result.canonicalRequest);

    QByteArray key = QByteArrayLiteral("AWS4") + credentials.secretAccessKey.toUtf8();
    QByteArray kDate = hmacSha256(key, date);
    QByteArray kRegion = hmacSha256(kDate, region.toUtf8());
    QByteArray kService = hmacSha256(kRegion, service.toUtf8());
    QByteArray kSigning = hmacSha256(kService, QByteArrayLiteral("aws4_request"));
    result.signature = hmacSha256(kSigning, result.stringToSign).toHex();
    // The derived keys are as good as the secret for a day: wipe them.
    for (QByteArray *secret : {&key, &kDate, &kRegion, &kService, &kSigning})
        secret->fill('\0');

    result.authorization = QByteArrayLiteral("AWS4-HMAC-SHA256 Credential=") + credentials.accessKeyId.toUtf8() + '/'
        + scope + ", SignedHeaders=" + signedHeaders + ", Signature=" + result.signature;

    result.headersToAdd.append({QByteArrayLiteral("X-Amz-Date"), result.amzDate});
    if (!token.isEmpty())
        result.headersToAdd.append({QByteArrayLiteral("X-Amz-Security-Token"), token});
    result.headersToAdd.append({QByteArrayLiteral("Authorization"), result.authorization});
    return result;
}

SigV4Request SigV4Signer::fromHttpRequest(const net::HttpRequest &request)
{
    SigV4Request r;
    r.method = request.method;
    const QUrl &url = request.url;
    r.host = url.host(QUrl::FullyEncoded).toLatin1();
    const int defaultPort = url.scheme() == QLatin1String("http") ? 80 : 443;
    if (url.port() != -1 && url.port() != defaultPort)
        r.host += ':' + QByteArray::number(url.port());
    r.path = url.path(QUrl::FullyEncoded).toLatin1();
    if (r.path.isEmpty())
        r.path = "/";
    if (url.hasQuery()) {
        // Split the encoded query ourselves: '+' stays a plus, as AWS reads it.
        for (const QString &pair : url.query(QUrl::FullyEncoded).split(u'&', Qt::SkipEmptyParts)) {
            const qsizetype eq = pair.indexOf(u'=');
            const QString key = eq < 0 ? pair : pair.left(eq);
            const QString value = eq < 0 ? QString() : pair.mid(eq + 1);
            r.query.append({QUrl::fromPercentEncoding(key.toLatin1()), QUrl::fromPercentEncoding(value.toLatin1())});
        }
    }
    r.headers = request.headers;
    r.body = request.body;
    return r;
}

void SigV4Signer::signHttpRequest(net::HttpRequest &request, const AwsCredentials &credentials, const QString &region,
                                  const QString &service, const QDateTime &time, const SigV4Options &options)
{
    request.headers.removeIf([](const QPair<QByteArray, QByteArray> &h) {
        const QByteArray lower = h.first.toLower();
        return lower == "authorization" || lower == "x-amz-date" || lower == "x-amz-security-token";
    });
    const SigV4Result result = sign(fromHttpRequest(request), credentials, region, service, time, options);
    request.headers.append(result.headersToAdd);
}

} // namespace costscope::providers::auth
