#pragma once

// Google's OAuth 2.0 service-account flow (JWT bearer grant, RFC 7523): a JWT signed with RS256
// by the service account's private key (OpenSSL 3 EVP), exchanged at token_uri for an access
// token. This file builds the assertion and the token request body; the HTTP call is the
// provider's.

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace costscope::providers::auth {

struct GoogleServiceAccount
{
    QString clientEmail;
    QString privateKeyId;
    QByteArray privateKeyPem; // secret: wiped by the destructor
    QString tokenUri;
    QString projectId;

    GoogleServiceAccount() = default;
    GoogleServiceAccount(const GoogleServiceAccount &) = default;
    GoogleServiceAccount &operator=(const GoogleServiceAccount &) = default;
    ~GoogleServiceAccount();

    // Parses the JSON key file Google issues; nullopt with *error naming the missing field.
    static std::optional<GoogleServiceAccount> fromJson(const QByteArray &json, QString *error);
};

class GoogleServiceAccountJwt
{
public:
    static constexpr qint64 kLifetimeSeconds = 3600;

    // header.claims.signature, each base64url without padding. Claims: iss = client_email,
    // scope = scopes joined by spaces, aud = token_uri, iat, exp = iat + 3600. Empty with *error
    // when the key cannot be read or used.
    static QByteArray assertion(const GoogleServiceAccount &account, const QStringList &scopes, const QDateTime &issuedAt,
                                QString *error);
    // application/x-www-form-urlencoded body for POST token_uri.
    static QByteArray tokenRequestBody(const QByteArray &assertion);
    // RS256 (RSASSA-PKCS1-v1_5 with SHA-256) of data with a PEM private key (PKCS#1 or PKCS#8).
    static QByteArray signRs256(const QByteArray &data, const QByteArray &privateKeyPem, QString *error);
};

} // namespace costscope::providers::auth
