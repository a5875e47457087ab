#include "providers/auth/AlibabaRpcSigner.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QTimeZone>

#include <algorithm>
#include <vector>

namespace costscope::providers::auth {

namespace {

bool hasParam(const QueryParams &params, const QString &key)
{
    return std::any_of(params.cbegin(), params.cend(), [&key](const auto &p) { return p.first == key; });
}

QByteArray canonicalQuery(const QueryParams &params)
{
    std::vector<std::pair<QByteArray, QByteArray>> encoded;
    for (const auto &[key, value] : params) {
        if (key == QLatin1String("Signature"))
            continue;
        encoded.emplace_back(AlibabaRpcSigner::percentEncode(key), AlibabaRpcSigner::percentEncode(value));
    }
    std::sort(encoded.begin(), encoded.end());
    QByteArray query;
    for (const auto &[key, value] : encoded) {
        if (!query.isEmpty())
            query += '&';
        query += key + '=' + value;
    }
    return query;
}

} // namespace

QByteArray AlibabaRpcSigner::percentEncode(const QString &text)
{
    static const char hex[] = "0123456789ABCDEF";
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() * 3);
    for (const char c : utf8) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
            || c == '.' || c == '~') {
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

QByteArray AlibabaRpcSigner::stringToSign(const QByteArray &method, const QueryParams &params)
{
    return method.toUpper() + '&' + percentEncode(QStringLiteral("/")) + '&'
        + percentEncode(QString::fromLatin1(canonicalQuery(params)));
}

QString AlibabaRpcSigner::signature(const QByteArray &method, const QueryParams &params, const QString &accessKeySecret)
{
    QByteArray key = accessKeySecret.toUtf8() + '&';
    const QByteArray mac = QMessageAuthenticationCode::hash(stringToSign(method, params), key, QCryptographicHash::Sha1);
    key.fill('\0');
    return QString::fromLatin1(mac.toBase64());
}

QueryParams AlibabaRpcSigner::withCommonParameters(QueryParams params, const AlibabaCredentials &credentials,
                                                   const QDateTime &time, const QString &nonce)
{
    const auto addIfMissing = [&params](const QString &key, const QString &value) {
        if (!hasParam(params, key))
            params.append({key, value});
    };
    addIfMissing(QStringLiteral("Format"), QStringLiteral("JSON"));
    addIfMissing(QStringLiteral("AccessKeyId"), credentials.accessKeyId);
    addIfMissing(QStringLiteral("SignatureMethod"), QStringLiteral("HMAC-SHA1"));
    addIfMissing(QStringLiteral("SignatureVersion"), QStringLiteral("1.0"));
    addIfMissing(QStringLiteral("Timestamp"),
                 time.toTimeZone(QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'")));
    addIfMissing(QStringLiteral("SignatureNonce"), nonce);
    return params;
}

QByteArray AlibabaRpcSigner::signedQuery(const QByteArray &method, const QueryParams &params,
                                         const AlibabaCredentials &credentials)
{
    return canonicalQuery(params) + "&Signature="
        + percentEncode(signature(method, params, credentials.accessKeySecret));
}

} // namespace costscope::providers::auth
