#pragma once

// Kubernetes through OpenCost: GET {url}/allocation?window=<from>,<to>&aggregate=namespace,
// controller,pod&step=1d&accumulate=false, with an optional bearer token. Each day's allocation
// set becomes cost rows (one per pod, __idle__ kept as its own row) and the last seven days give
// the pods with their CPU and memory requests against usage. The account's endpoint is the
// OpenCost URL (e.g. http://localhost:9003 through a port-forward).

#include "providers/CloudClient.h"

#include <QJsonObject>

namespace costscope::providers::kubernetes {

class OpenCostClient : public CloudClient
{
public:
    OpenCostClient(AccountConfig account, QString token, const net::HttpClient &http, ClientOptions options);
    ~OpenCostClient() override;

    QString providerName() const override { return QStringLiteral("Kubernetes"); }
    QString testConnection(const CancelFn &cancelled) override;
    bool fetchMonth(const QDate &from, const QDate &to, CostBatch *batch, QString *error,
                    const CancelFn &cancelled) override;
    bool fetchResources(ResourceBatch *resources, std::vector<MetricSeries> *metrics, QString *error,
                        const CancelFn &cancelled) override;

    // One allocation set: the window it covers and its allocations by name.
    struct AllocationSet
    {
        int64_t start = 0;
        int64_t end = 0;
        QJsonObject allocations;
    };

    // The sum of an allocation's cost components, exact (each JSON number read as the shortest
    // decimal that gives back the same double); false with *error when one is not a number.
    static bool allocationCost(const QJsonObject &allocation, Money *total, QString *error);

private:
    // Asks for [from, to) in steps of one day and follows up when the server answers with fewer
    // sets than the window holds (each follow-up is a page, at most maxPages).
    bool fetchSets(const QString &what, int64_t from, int64_t to, const QString &aggregate, std::vector<AllocationSet> *sets,
                   QString *error, const CancelFn &cancelled) const;
    QUrl allocationUrl(int64_t from, int64_t to, const QString &aggregate, bool accumulate) const;
    QString describeFailure(const QString &what, const net::HttpResult &result) const;
    QString scrub(QString text) const;

    AccountConfig m_account;
    QString m_token;
    const net::HttpClient &m_http;
    ClientOptions m_options;
};

} // namespace costscope::providers::kubernetes
