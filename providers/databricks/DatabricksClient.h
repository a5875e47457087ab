#pragma once

// Databricks through the SQL Statement Execution API (POST /api/2.0/sql/statements on a SQL
// warehouse, INLINE JSON_ARRAY results, polling while PENDING/RUNNING, chunks through
// next_chunk_internal_link) with a bearer token: system.billing.usage joined with
// system.billing.list_prices per day, workspace and SKU, priced at the list price (the bundled
// DBU price table when a price is missing), and the clusters (GET /api/2.1/clusters/list) as
// resources. The workspace URL is the endpoint. docs/saas.md.

#include "providers/CloudClient.h"

#include <QStringList>

namespace costscope::providers::databricks {

class DatabricksClient : public CloudClient
{
public:
    DatabricksClient(AccountConfig account, QString token, const net::HttpClient &http, ClientOptions options);
    ~DatabricksClient() override;

    QString providerName() const override { return QStringLiteral("Databricks"); }
    QString testConnection(const CancelFn &cancelled) override;
    bool fetchMonth(const QDate &from, const QDate &to, CostBatch *batch, QString *error,
                    const CancelFn &cancelled) override;
    bool fetchResources(ResourceBatch *resources, std::vector<MetricSeries> *metrics, QString *error,
                        const CancelFn &cancelled) override;
    const SaasBatch *saasDetail() const override { return m_saas.service.isEmpty() ? nullptr : &m_saas; }

    // Empty when the account has a workspace URL and a SQL warehouse id (or an account id for
    // the billable-usage download), else why not.
    static QString checkAccount(const AccountConfig &account);

    // The account billable-usage CSV download (issue 8) instead of system.billing.usage, when the
    // account has an account_id: an OAuth M2M token for a service principal (POST
    // {accounts}/oidc/accounts/{account_id}/v1/token, client_credentials, scope all-apis, the
    // client id and secret as HTTP basic auth), then GET
    // {accounts}/api/2.0/accounts/{account_id}/usage/download?start_month=YYYY-MM&end_month=YYYY-MM
    // &personal_data=false, read with the billable-usage import mapping (DBUs priced by SKU with
    // the bundled table). {accounts} is the account option accounts_url, by default
    // https://accounts.cloud.databricks.com. The client secret is wiped with the client.
    void setServicePrincipal(QString clientId, QString clientSecret);
    bool usesAccountDownload() const;
    static const char *defaultAccountsUrl() { return "https://accounts.cloud.databricks.com"; }
    // The rows of a billable-usage CSV of monthStart's month with a day in [from, to) as line
    // items (into batch, whose period the caller set) and DBUs per workspace and day (into saas);
    // false with "line N: ..." when a row is broken or belongs to another month.
    static bool mapUsageCsv(const QByteArray &csv, const QDate &from, const QDate &to, CostBatch *batch, SaasBatch *saas,
                            QString *error);

    struct Parameter
    {
        QString name, value, type; // type: "DATE", "STRING", ...
    };
    struct Result
    {
        QStringList columns;
        std::vector<QStringList> rows; // null cells are null QStrings
        int column(const char *name) const { return int(columns.indexOf(QString::fromLatin1(name))); }
    };
    // Runs one statement on the account's SQL warehouse with named parameters (:name), polls while
    // it runs, follows every chunk.
    bool runStatement(const QString &what, const QString &sql, const QList<Parameter> &parameters, Result *result,
                      QString *error, const CancelFn &cancelled);

    static const char *usageSql();
    // The service a usage row is shown under: by billing_origin_product, else by the SKU's family
    // ("PREMIUM_JOBS_COMPUTE" -> "Jobs Compute").
    static QString serviceName(const QString &billingOriginProduct, const QString &sku);

private:
    bool accountToken(QString *error, const CancelFn &cancelled);
    bool downloadMonth(const QDate &from, const QDate &to, CostBatch *batch, QString *error, const CancelFn &cancelled);
    QUrl accountsUrl(const QString &path) const;
    QString accountFailure(const QString &what, const net::HttpResult &result) const;
    bool send(const QString &what, net::HttpRequest request, QJsonObject *answer, QString *error, const CancelFn &cancelled);
    QString describeFailure(const QString &what, const net::HttpResult &result) const;
    QUrl url(const QString &path) const;
    QString scrub(QString text) const;

    AccountConfig m_account;
    QString m_token;
    QString m_clientId;
    QString m_clientSecret;
    QString m_accountToken; // the OAuth token of the service principal, once asked for
    const net::HttpClient &m_http;
    ClientOptions m_options;
    SaasBatch m_saas;
};

} // namespace costscope::providers::databricks
