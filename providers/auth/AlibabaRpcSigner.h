#pragma once

// Alibaba Cloud POP "RPC" signature, version 1.0 (HMAC-SHA1), as used by the BSS OpenAPI
// (DescribeInstanceBill, QueryInstanceBill) and ECS. Pure functions: no clock, no I/O.

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

namespace costscope::providers::auth {

using QueryParams = QList<QPair<QString, QString>>;

struct AlibabaCredentials
{
    QString accessKeyId;
    QString accessKeySecret;
};

class AlibabaRpcSigner
{
public:
    // POP percent-encoding: UTF-8, every byte but A-Z a-z 0-9 - _ . ~ as %XX (so a space is %20,
    // '*' is %2A and '~' stays).
    static QByteArray percentEncode(const QString &text);
    // Method & %2F & percentEncode(sorted "k=v&..." of every parameter but Signature).
    static QByteArray stringToSign(const QByteArray &method, const QueryParams &params);
    // Base64(HMAC-SHA1(secret + "&", stringToSign)).
    static QString signature(const QByteArray &method, const QueryParams &params, const QString &accessKeySecret);
    // Adds the common parameters the caller did not set: Format (JSON), AccessKeyId,
    // SignatureMethod, SignatureVersion, Timestamp (ISO 8601 UTC), SignatureNonce.
    static QueryParams withCommonParameters(QueryParams params, const AlibabaCredentials &credentials,
                                            const QDateTime &time, const QString &nonce);
    // The encoded query string to send: the parameters sorted, then &Signature=...
    static QByteArray signedQuery(const QByteArray &method, const QueryParams &params, const AlibabaCredentials &credentials);
};

} // namespace costscope::providers::auth
