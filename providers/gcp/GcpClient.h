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
    // BigQuery job history of the month (docs/saas.md, "BigQuery"): usage per project and day and
    // one row per query job, with an estimated cost; no line items (the export has the money).
    const SaasBatch *saasDetail() const override { return m_saas.service.isEmpty() ? nullptr : &m_saas; }
    QStringList syncWarnings() const override { return m_warnings; }

    // The JOBS_BY_PROJECT query of `project.region-xx` (the region already checked), with the size
    // of the referenced tables from TABLE_STORAGE; dates only from @from_day and @to_day.
    static QString jobsQuery(const QString &project, const QString &region);
    // On-demand list price, USD per TiB (2^40 bytes) billed, US and EU multi-regions
    // (cloud.google.com/bigquery/pricing, on-demand compute pricing).
    static constexpr double kOnDemandUsdPerTiB = 6.25;
    // A job read whole tables when it processed at least this share of its referenced tables' bytes.
    static constexpr double kFullScanShare = 0.9;

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
    // The month's job history into m_saas; a permission refusal becomes a warning, not an error.
    bool fetchJobs(const QDate &from, const QDate &to, QString *error, const CancelFn &cancelled);
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
    SaasBatch m_saas;
    QStringList m_warnings;
    bool m_denied = false; // the last failed call was refused for permission (403)
};

} // namespace costscope::providers::gcp
