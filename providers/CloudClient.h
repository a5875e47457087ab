#pragma once

// The contract every cloud client keeps (see docs/sync.md): non-interactive, blocking (call it
// from a worker thread), over the one HTTP layer, returning plain batches. A client never writes
// to the store; the sync service does that, one completed step per transaction.

#include "model/Domain.h"
#include "model/Services.h"
#include "providers/net/HttpClient.h"

#include <QDate>
#include <QHash>
#include <QMap>
#include <QString>

#include <memory>
#include <vector>

namespace costscope::providers {

// The non-secret settings of a connected account (kept in the account registry).
struct AccountConfig
{
    QString id;            // stable id; secrets live in the keychain under "<id>/<field>"
    QString name;          // what the user calls it ("prod")
    QString provider;      // "aws", "azure", "gcp", "alibaba", "kubernetes", "snowflake", "databricks"
    QString endpoint;      // overrides every service endpoint (tests, proxies, OpenCost URL)
    QString region;        // home region (AWS: where EC2 DescribeRegions is asked)
    QString scope;         // Azure scope, GCP project, ...
    QString billingTable;  // GCP billing export table
    QString billingAccount; // billing account id written with the costs (default: the name)
    QHash<QString, QString> options; // other non-secret settings of the form ("role_arn")
};

// Secret fields read from the keychain, by field name ("secret_access_key" ...).
using Secrets = QHash<QString, QString>;

struct ClientOptions
{
    // A server that keeps sending page tokens is stopped here with an error.
    int maxPages = 500;
    // Waits between polls of a job the server runs (the AWS credential report); empty: a real wait
    // that ends early when cancelled. The sync passes its injectable sleep.
    net::SleepFn pollWait;
};

class CloudClient
{
public:
    virtual ~CloudClient() = default;

    // The provider name the store uses ("AWS", ...).
    virtual QString providerName() const = 0;
    // One cheap authenticated call; empty string when the account works, else what failed.
    virtual QString testConnection(const CancelFn &cancelled) = 0;
    // The costs of one billing month, from `from` (inclusive, inside the month) to `to`
    // (exclusive, at most the first day of the next month). The batch covers the whole month
    // (it replaces what the store held for it) and holds the days asked for.
    virtual bool fetchMonth(const QDate &from, const QDate &to, CostBatch *batch, QString *error,
                            const CancelFn &cancelled) = 0;
    // Every resource the account has now, with metrics where the provider offers them.
    virtual bool fetchResources(ResourceBatch *resources, std::vector<MetricSeries> *metrics, QString *error,
                                const CancelFn &cancelled) = 0;
    // The SaaS usage detail (docs/saas.md: credits, DBUs, queries) behind the month the last
    // successful fetchMonth returned, written with its costs in the same transaction; nullptr when
    // the provider has none.
    virtual const SaasBatch *saasDetail() const { return nullptr; }
    // Every SaaS batch behind that month (AWS: one per service and linked account); by default
    // saasDetail()'s one.
    virtual std::vector<const SaasBatch *> saasDetails() const
    {
        const SaasBatch *one = saasDetail();
        return one ? std::vector<const SaasBatch *>{one} : std::vector<const SaasBatch *>{};
    }
    // What the last fetchMonth could not read without failing the month (a BigQuery job history
    // refused for permission): one plain sentence each, shown in the sync result.
    virtual QStringList syncWarnings() const { return {}; }
    // Security facts (docs/recommendations.md "Security data": public buckets, security groups'
    // ingress, IAM users' last activity) as inventory records, read as a step of their own after
    // the resources. A denied API leaves its fact out with a sentence in *warnings; false with
    // *error when a request failed otherwise (the sync reports it as a warning).
    virtual bool collectsSecurityFacts() const { return false; }
    virtual bool fetchSecurityFacts(ResourceBatch *facts, QStringList *warnings, QString *error, const CancelFn &cancelled)
    {
        Q_UNUSED(facts);
        Q_UNUSED(warnings);
        Q_UNUSED(cancelled);
        *error = QStringLiteral("%1 has no security facts").arg(providerName());
        return false;
    }
};

// What the account form asks for each provider: every field with its label, help, whether it is
// secret and required. The secret-field lists below and the form are derived from this one list.
QList<AccountForm> accountForms();
// The form of one provider (empty provider when unknown).
AccountForm accountForm(const QString &provider);
// A non-secret form field's value in the config ("endpoint", "region", "scope", "billing_table",
// "billing_account", or else an entry of options), and setting it.
QString configValue(const AccountConfig &config, const QString &key);
void setConfigValue(AccountConfig *config, const QString &key, const QString &value);

// True when [from, to) is a valid range inside one calendar month, as fetchMonth requires; otherwise
// *error says so, naming `api` ("AWS Cost Explorer", ...).
bool isRangeInOneMonth(const QString &api, const QDate &from, const QDate &to, QString *error);
// Starts the batch of one billing month of the account: provider, billing account (the account's
// billingAccount, else its name), the whole month from monthStart as the period, no rows yet.
void beginMonthBatch(CostBatch *batch, const QString &provider, const AccountConfig &account, const QDate &monthStart);

// The secret fields each provider needs (required ones) and may take (optional ones).
QStringList requiredSecretFields(const QString &provider);
QStringList optionalSecretFields(const QString &provider);
// "aws", "azure", ...: the providers a client exists for.
QStringList supportedProviders();

// A client for the account, or nullptr with *error when the provider is unknown or a required
// secret is missing. `http` must outlive the client.
std::unique_ptr<CloudClient> createClient(const AccountConfig &account, const Secrets &secrets,
                                          const net::HttpClient &http, const ClientOptions &options,
                                          QString *error);

} // namespace costscope::providers
