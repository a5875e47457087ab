#include "providers/auth/GoogleServiceAccountJwt.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTimeZone>
#include <QUrlQuery>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>

namespace costscope::providers::auth {

Q_LOGGING_CATEGORY(lcAuth, "costscope.auth")

namespace {

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QString openSslError()
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return QStringLiteral("unknown OpenSSL error");
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    return QString::fromLatin1(buffer);
}

} // namespace

GoogleServiceAccount::~GoogleServiceAccount()
{
    if (!privateKeyPem.isEmpty() && !privateKeyPem.isDetached())
        return; // shared with another copy, which wipes it
    if (!privateKeyPem.isEmpty())
        OPENSSL_cleanse(privateKeyPem.data(), static_cast<size_t>(privateKeyPem.size()));
}

std::optional<GoogleServiceAccount> GoogleServiceAccount::fromJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject()) {
        *error = QStringLiteral("The service-account key is not a JSON object (%1)").arg(parseError.errorString());
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("type")).toString() != QLatin1String("service_account")) {
        *error = QStringLiteral("The JSON key is not a service-account key (\"type\" must be \"service_account\")");
        return std::nullopt;
    }
    GoogleServiceAccount account;
    account.clientEmail = o.value(QStringLiteral("client_email")).toString();
    account.privateKeyId = o.value(QStringLiteral("private_key_id")).toString();
    account.privateKeyPem = o.value(QStringLiteral("private_key")).toString().toUtf8();
    account.tokenUri = o.value(QStringLiteral("token_uri")).toString(QStringLiteral("https://oauth2.googleapis.com/token"));
    account.projectId = o.value(QStringLiteral("project_id")).toString();
    for (const auto &[field, value] : {std::pair{"client_email", account.clientEmail.isEmpty()},
                                       std::pair{"private_key", account.privateKeyPem.isEmpty()}}) {
        if (value) {
            *error = QStringLiteral("The service-account key has no \"%1\"").arg(QLatin1String(field));
            return std::nullopt;
        }
    }
    return account;
}

QByteArray GoogleServiceAccountJwt::signRs256(const QByteArray &data, const QByteArray &privateKeyPem, QString *error)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(privateKeyPem.constData(),
                                                                  static_cast<int>(privateKeyPem.size())),
                                                  &BIO_free);
    if (!bio) {
        *error = QStringLiteral("Out of memory reading the private key");
        return {};
    }
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr),
                                                            &EVP_PKEY_free);
    if (!key) {
        *error = QStringLiteral("The service account's private key is not a readable PEM key: ") + openSslError();
        return {};
    }
    if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA) {
        *error = QStringLiteral("The service account's private key is not an RSA key (RS256 needs one)");
        return {};
    }
    // A damaged key still parses, then signs tokens Google rejects without saying why.
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr),
                                                                      &EVP_PKEY_CTX_free);
    if (!check || EVP_PKEY_check(check.get()) != 1) {
        *error = QStringLiteral("The service account's private key is damaged (its RSA parts do not match): ")
            + openSslError();
        return {};
    }
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    size_t length = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1
        || EVP_DigestSign(ctx.get(), nullptr, &length, reinterpret_cast<const unsigned char *>(data.constData()),
                          static_cast<size_t>(data.size()))
            != 1) {
        *error = QStringLiteral("Signing the JWT failed: ") + openSslError();
        return {};
    }
    QByteArray signature(static_cast<qsizetype>(length), '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       reinterpret_cast<const unsigned char *>(data.constData()), static_cast<size_t>(data.size()))
        != 1) {
        *error = QStringLiteral("Signing the JWT failed: ") + openSslError();
        return {};
    }
    signature.resize(static_cast<qsizetype>(length));
    return signature;
}

QByteArray GoogleServiceAccountJwt::assertion(const GoogleServiceAccount &account, const QStringList &scopes,
                                              const QDateTime &issuedAt, QString *error)
{
    QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")}, {QStringLiteral("typ"), QStringLiteral("JWT")}};
    if (!account.privateKeyId.isEmpty())
        header.insert(QStringLiteral("kid"), account.privateKeyId);
    const qint64 iat = issuedAt.toSecsSinceEpoch();
    const QJsonObject claims{{QStringLiteral("iss"), account.clientEmail},
                             {QStringLiteral("scope"), scopes.join(u' ')},
                             {QStringLiteral("aud"), account.tokenUri},
                             {QStringLiteral("iat"), iat},
                             {QStringLiteral("exp"), iat + kLifetimeSeconds}};
    const QByteArray signingInput = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
        + base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    const QByteArray signature = signRs256(signingInput, account.privateKeyPem, error);
    if (signature.isEmpty()) {
        qCWarning(lcAuth) << "could not sign the JWT for service account" << account.clientEmail;
        return {};
    }
    qCDebug(lcAuth) << "signed a JWT assertion for service account" << account.clientEmail;
    return signingInput + '.' + base64Url(signature);
}

QByteArray GoogleServiceAccountJwt::tokenRequestBody(const QByteArray &assertion)
{
    return QByteArrayLiteral("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=")
        + QUrl::toPercentEncoding(QString::fromLatin1(assertion));
}

} // namespace costscope::providers::auth
