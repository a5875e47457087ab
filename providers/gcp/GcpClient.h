#pragma once

// GCP: BigQuery over the Cloud Billing export table (costs), Compute Engine lists (instances,
// disks, snapshots) and Cloud Monitoring (CPU, network), with a service-account access token
// (RS256 JWT bearer flow, auth/GoogleTokenProvider). Endpoints: https://bigquery.googleapis.com,
// https://compute.googleapis.com, https://monitoring.googleapis.com, or the account's endpoint
// override for every call, the token request included (`<endpoint>/token`).

#include "providers/CloudClient.h"
#include "providers/auth/GoogleServiceAccountJwt.h"

#include <QJsonArray>
#include <QJsonObject>

#include <functional>
#include <memory>

namespace costscope::providers::auth {
class GoogleTokenProvider;
}

namespace costscope::providers::gcp {

// `project.dataset.table` of a billing export, checked against a strict pattern so that it can be
// quoted into SQL (BigQuery takes no parameters for table names).
struct BillingTable
{
    QString project;
    QString dataset;
    QString table;
    bool detailed = false; // gcp_billing_export_resource_v1_*: one row per resource

    QString quoted() const; // `project.dataset.table`
    static bool parse(const QString &text, BillingTable *out, QString *error);
};

class GcpClient : public CloudClient
{
public:
    GcpClient(AccountConfig account, auth::GoogleServiceAccount key, const net::HttpClient &http, ClientOptions options);
    ~GcpClient() override;

    QString providerName() const override { return QStringLiteral("GCP"); }
    QString testConnection(const CancelFn &cancelled) override;
    bool fetchMonth(const QDate &from, const QDate &to, CostBatch *batch, QString *error,
                    const CancelFn &cancelled) override;
    bool fetchResources(ResourceBatch *resources, std::vector<MetricSeries> *metrics, QString *error,
                        const CancelFn &cancelled) override;

    // The standard-SQL query over the export: one row per usage day x billing account x project x
    // service x SKU x region x currency x cost type x labels (x resource for the detailed table),
    // and one per credit name and type, amounts summed as NUMERIC and returned as strings. Dates
    // come only from the named parameters @from_day and @to_day.
    static QString costQuery(const BillingTable &table);
    // Decodes BigQuery's f/v rows by the schema's fields (name, type, mode, nested fields): NULL
    // stays null, RECORD becomes an object, REPEATED an array, every scalar a string.
    static bool decodeRows(const QJsonArray &fields, const QJsonArray &rows, std::vector<QJsonObject> *out, QString *error);

    // Polls of an unfinished BigQuery job before giving up (each waits up to 10 s on the server).
    static constexpr int kMaxPolls = 120;

private:
    struct Call;
    bool send(Call &call, const CancelFn &cancelled);
    bool sendJson(Call &call, QJsonObject *json, const CancelFn &cancelled);
    QString describeFailure(const Call &call, bool afterRefresh) const;
    QString project() const;
    QUrl serviceUrl(const char *defaultBase, const QString &path) const;
    // jobs.query + getQueryResults (polling, paging); each decoded row goes to onRow.
    bool runQuery(const QString &sql, const QJsonArray &parameters,
                  const std::function<bool(const QJsonObject &row, QString *error)> &onRow, QString *error,
                  const CancelFn &cancelled);
    // A Compute aggregatedList (`instances`, `disks`; zone per item) or the global `snapshots`
    // list (empty zone), following nextPageToken.
    bool aggregatedList(const QString &collection,
                        const std::function<bool(const QString &zone, const QJsonObject &item, QString *error)> &onItem,
                        QString *error, const CancelFn &cancelled);
    // Cloud Monitoring timeSeries.list for the running instances (id -> resource id), last 7 days.
    bool fetchMetrics(const QHash<QString, QString> &runningById, std::vector<MetricSeries> *metrics, QString *error,
                      const CancelFn &cancelled);

    AccountConfig m_account;
    auth::GoogleServiceAccount m_key;
    const net::HttpClient &m_http;
    ClientOptions m_options;
    std::unique_ptr<auth::GoogleTokenProvider> m_tokens;
};

} // namespace costscope::providers::gcp
