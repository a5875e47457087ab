#pragma once

// A Kubernetes account reads either OpenCost's allocation API or a Prometheus that scrapes
// OpenCost's metrics. The account's "source" option says which (opencost, prometheus, or auto:
// the default); auto asks GET {url}/api/v1/status/buildinfo once, before the first call, and uses
// Prometheus when the answer is Prometheus's build info, else OpenCost.

#include "providers/CloudClient.h"

namespace costscope::providers::kubernetes {

enum class Source { Auto, OpenCost, Prometheus };

// "auto" (or empty), "opencost", "prometheus"; nullopt for anything else.
std::optional<Source> parseSource(const QString &text);
QStringList sourceNames();

class KubernetesClient : public CloudClient
{
public:
    KubernetesClient(AccountConfig account, QString token, const net::HttpClient &http, ClientOptions options);
    ~KubernetesClient() override;

    QString providerName() const override { return QStringLiteral("Kubernetes"); }
    QString testConnection(const CancelFn &cancelled) override;
    bool fetchMonth(const QDate &from, const QDate &to, CostBatch *batch, QString *error,
                    const CancelFn &cancelled) override;
    bool fetchResources(ResourceBatch *resources, std::vector<MetricSeries> *metrics, QString *error,
                        const CancelFn &cancelled) override;
    QStringList syncWarnings() const override;

    // The source in use once resolved (Auto before the first call of an auto account).
    Source resolvedSource() const { return m_source; }

private:
    // Probes when the source is auto; false with *error when the server could not be asked.
    bool resolve(QString *error, const CancelFn &cancelled);

    AccountConfig m_account;
    QString m_token;
    const net::HttpClient &m_http;
    ClientOptions m_options;
    Source m_source = Source::Auto;
    std::unique_ptr<CloudClient> m_client;
};

} // namespace costscope::providers::kubernetes
