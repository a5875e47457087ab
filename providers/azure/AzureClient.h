#pragma once

// Azure: Cost Management query (costs), Compute virtual machines and managed disks (resources) and
// Azure Monitor metrics, over Azure Resource Manager with a client-credentials bearer token.
// Endpoints: https://login.microsoftonline.com (token) and https://management.azure.com (ARM), or
// the account's endpoint override for both (tests, sovereign clouds, proxies).

#include "providers/CloudClient.h"
#include "providers/auth/AzureTokenProvider.h"

#include <QJsonObject>
#include <QStringList>

namespace costscope::providers::azure {

// One page of a Cost Management query answer, cells as text: numbers keep the digits of their JSON
// token (no double in between), strings their value, null is empty.
struct CostQueryPage
{
    QStringList columns;
    QStringList columnTypes; // "Number", "String", "Datetime" ...
    QList<QStringList> rows;
    QString nextLink;
};

class AzureClient : public CloudClient
{
public:
    AzureClient(AccountConfig account, auth::AzureClientCredentials credentials, const net::HttpClient &http,
                ClientOptions options);

    QString providerName() const override { return QStringLiteral("Azure"); }
    QString testConnection(const CancelFn &cancelled) override;
    bool fetchMonth(const QDate &from, const QDate &to, CostBatch *batch, QString *error,
                    const CancelFn &cancelled) override;
    bool fetchResources(ResourceBatch *resources, std::vector<MetricSeries> *metrics, QString *error,
                        const CancelFn &cancelled) override;

    // Parses a query answer ({"properties": {"columns", "rows", "nextLink"}}); false with *error
    // when it is not valid JSON or not shaped like one.
    static bool parseCostQuery(const QByteArray &body, CostQueryPage *page, QString *error);
    // Every JSON number token of `json` rewritten as the string "\u0000<token>", so that a JSON
    // parser keeps its digits; false with *errorAt when a number is malformed or a string holds
    // \u0000 (which would be ambiguous).
    static bool protectNumbers(const QByteArray &json, QByteArray *out, qsizetype *errorAt);
    // The subscription id of a scope such as "/subscriptions/<id>/resourceGroups/x"; empty if none.
    static QString subscriptionOf(const QString &scope);
    // An Azure ChargeType (Usage, Purchase, Refund, Tax, UnusedReservation ...) as a FOCUS charge
    // category, as the Azure billing file reader maps it.
    static ChargeCategory chargeCategoryOf(QStringView chargeType);

private:
    struct Call;
    bool send(Call &call, const CancelFn &cancelled);
    void logRateLimit(const Call &call) const;
    // A Cost Management query of the account's scope, following nextLink with the same body.
    bool queryPaged(const QString &what, const QByteArray &body, const QString &range,
                    const std::function<bool(const CostQueryPage &, QString *)> &onPage, QString *error,
                    const CancelFn &cancelled);
    // GET with nextLink paging; onPage gets each page's parsed JSON object.
    bool getPaged(const QString &what, const QUrl &first, const std::function<bool(const QJsonObject &, QString *)> &onPage,
                  QString *error, const CancelFn &cancelled);
    bool fetchMetrics(const QString &vmId, std::vector<MetricSeries> *metrics, QString *error, const CancelFn &cancelled);
    QUrl managementUrl(const QString &path, const QList<QPair<QString, QString>> &query) const;
    bool sameOrigin(const QUrl &link) const;
    QString describeFailure(const QString &what, const net::HttpResult &result, bool afterFreshToken) const;
    QString scrub(QString text) const;

    AccountConfig m_account;
    // Only to scrub them from error texts: every field on the keychain is kept out of errors and logs.
    QString m_tenantId;
    QString m_clientId;
    QString m_clientSecret;
    const net::HttpClient &m_http;
    ClientOptions m_options;
    auth::AzureTokenProvider m_tokens;
    QUrl m_management;
};

} // namespace costscope::providers::azure
