#pragma once

// Snowflake through the SQL API v2 (POST /api/v2/statements, 202 + statement handle polling,
// result partitions): credits from SNOWFLAKE.ACCOUNT_USAGE.METERING_DAILY_HISTORY and
// WAREHOUSE_METERING_HISTORY priced at the account's rate per credit, the month's most expensive
// queries from QUERY_HISTORY, and the warehouses (SHOW WAREHOUSES) as resources. Auth: a key-pair
// JWT (RS256, minted per request) or an OAuth access token. The account URL is the endpoint
// (https://<account>.snowflakecomputing.com). docs/saas.md.

#include "providers/CloudClient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QStringList>

#include <optional>

namespace costscope::providers::snowflake {

struct SnowflakeAuth
{
    QString user;               // login name (upper-cased into the JWT)
    QString accountIdentifier;  // empty: from the account URL
    QByteArray privateKeyPem;   // key-pair auth (PKCS#8 or PKCS#1, unencrypted); wiped by the client
    QString oauthToken;         // OAuth auth when there is no key
};

class SnowflakeJwt
{
public:
    static constexpr qint64 kLifetimeSeconds = 3540; // Snowflake accepts at most one hour

    // "MYORG-MYACCOUNT" from https://myorg-myaccount.snowflakecomputing.com, "XY12345" from
    // https://xy12345.us-east-1.aws.snowflakecomputing.com (the region part is not in the JWT);
    // empty when the host is not a Snowflake account URL.
    static QString accountFromUrl(const QUrl &url);
    // "SHA256:<base64 of the SHA-256 of the public key's DER (SubjectPublicKeyInfo)>"; empty with
    // *error when the PEM is not a usable RSA private key.
    static QString publicKeyFingerprint(const QByteArray &privateKeyPem, QString *error);
    // header.claims.signature: iss = ACCOUNT.USER.<fingerprint>, sub = ACCOUNT.USER, iat,
    // exp = iat + kLifetimeSeconds, RS256.
    static QByteArray token(const QString &account, const QString &user, const QByteArray &privateKeyPem,
                            const QDateTime &issuedAt, QString *error);
};

class SnowflakeClient : public CloudClient
{
public:
    SnowflakeClient(AccountConfig account, SnowflakeAuth auth, const net::HttpClient &http, ClientOptions options);
    ~SnowflakeClient() override;

    QString providerName() const override { return QStringLiteral("Snowflake"); }
    QString testConnection(const CancelFn &cancelled) override;
    bool fetchMonth(const QDate &from, const QDate &to, CostBatch *batch, QString *error,
                    const CancelFn &cancelled) override;
    bool fetchResources(ResourceBatch *resources, std::vector<MetricSeries> *metrics, QString *error,
                        const CancelFn &cancelled) override;
    const SaasBatch *saasDetail() const override { return m_saas.service.isEmpty() ? nullptr : &m_saas; }

    // The account's price per credit ("price_per_credit", default 3.00) and currency
    // ("currency", default USD); false with *error when the price is not a positive decimal or
    // the currency not three letters.
    static bool accountRate(const AccountConfig &account, Money *pricePerCredit, QString *currency, QString *error);
    // Empty when the account has what a client needs (URL, user, a key or a token), else why not.
    static QString checkAccount(const AccountConfig &account, const Secrets &secrets);

    // One statement's result: column names (upper case) and rows of cells (null: a null QString).
    struct Result
    {
        QStringList columns;
        std::vector<QStringList> rows;
        int column(const char *name) const { return int(columns.indexOf(QString::fromLatin1(name))); }
    };
    // Runs one statement with positional TEXT bindings (?), polls while it runs, reads every
    // partition. `what` names it in errors.
    bool runStatement(const QString &what, const QString &sql, const QStringList &bindings, Result *result,
                      QString *error, const CancelFn &cancelled);

    static const char *meteringDailySql();
    static const char *warehouseMeteringSql();
    static const char *queryHistorySql();
    // Readable service names for METERING_DAILY_HISTORY's service types.
    static QString serviceName(const QString &serviceType);

    // Now, for the JWT (tests inject a clock).
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

private:
    bool send(const QString &what, net::HttpRequest request, QJsonObject *answer, int *status, QString *error,
              const CancelFn &cancelled);
    QString describeFailure(const QString &what, const net::HttpResult &result) const;
    QUrl url(const QString &path) const;
    QString scrub(QString text) const;

    AccountConfig m_account;
    SnowflakeAuth m_auth;
    QString m_jwtAccount;
    const net::HttpClient &m_http;
    ClientOptions m_options;
    std::function<QDateTime()> m_clock;
    SaasBatch m_saas;
};

} // namespace costscope::providers::snowflake
