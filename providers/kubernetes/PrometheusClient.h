#pragma once

// Kubernetes through a Prometheus that scrapes OpenCost's exported metrics (and kube-state-metrics,
// cAdvisor): GET {url}/api/v1/query_range?query=...&start=...&end=...&step=... for allocations,
// node and volume prices, capacities and owners; the daily cost of each pod is derived as
// OpenCost's model does (docs/sync.md, "Kubernetes through Prometheus"), written as the same rows
// as the OpenCost path, with __idle__ the node cost not allocated to pods. The last seven days
// give the pods with their requests against usage.

#include "providers/CloudClient.h"

#include "model/Money.h"

#include <QMap>

namespace costscope::providers::kubernetes {

class PrometheusClient : public CloudClient
{
public:
    // Prometheus refuses a query_range answer of more points than this per series.
    static constexpr int64_t kMaxPoints = 11000;

    PrometheusClient(AccountConfig account, QString token, const net::HttpClient &http, ClientOptions options);
    ~PrometheusClient() override;

    QString providerName() const override { return QStringLiteral("Kubernetes"); }
    QString testConnection(const CancelFn &cancelled) override;
    bool fetchMonth(const QDate &from, const QDate &to, CostBatch *batch, QString *error,
                    const CancelFn &cancelled) override;
    bool fetchResources(ResourceBatch *resources, std::vector<MetricSeries> *metrics, QString *error,
                        const CancelFn &cancelled) override;
    QStringList syncWarnings() const override { return m_warnings; }

    // One query_range request: evaluation times start, start + step, ..., end (both inclusive).
    struct Chunk
    {
        int64_t start = 0;
        int64_t end = 0;
    };
    // The evaluation times start, start + step, ... before endExclusive, cut into requests of at
    // most maxPoints points each; empty when there is no time in the range or step <= 0.
    static std::vector<Chunk> splitRange(int64_t start, int64_t endExclusive, int64_t step, int64_t maxPoints = kMaxPoints);
    // The account's sample step ("1h" default, "5m", "1m") in seconds; 0 when not one of them.
    static int64_t stepSeconds(const QString &text);
    // A sample value as Prometheus writes it ("0.5", "536870912", "1e-05") in nano-units, rounded
    // half to even beyond nine decimals; false for NaN, Inf, garbage and magnitudes of 1e18 or more.
    static bool parseSample(QStringView text, Int128 *nanos);
    // The cost in nano-units of samples `stepSeconds` apart, from the sums of their products (both
    // factors in nano-units, so each product is in 1e-18): coreUnits = sum of cores (or GPUs) x
    // hourly price per core, byteUnits = sum of bytes x hourly price per GiB. The result is
    // round_half_even((coreUnits x 2^30 + byteUnits) x step / (3600 x 2^30 x 1e9)); false when
    // an intermediate does not fit 128 bits.
    static bool costNanos(Int128 coreUnits, Int128 byteUnits, int64_t stepSeconds, Int128 *nanos);

    struct Sample
    {
        int64_t time = 0;
        Int128 value = 0; // nano-units
    };
    struct Series
    {
        QMap<QString, QString> labels;
        std::vector<Sample> samples;
    };

private:
    bool queryRange(const QString &what, const QString &promql, int64_t start, int64_t endExclusive, int64_t step,
                    std::vector<Series> *series, QString *error, const CancelFn &cancelled);
    bool queryOnce(const QString &what, const QUrl &url, const Chunk &range, int64_t step, std::vector<Series> *series,
                   QString *error, const CancelFn &cancelled);
    QUrl apiUrl(const QString &path) const;
    QString describeFailure(const QString &what, const net::HttpResult &result) const;
    QString scrub(QString text) const;

    AccountConfig m_account;
    QString m_token;
    const net::HttpClient &m_http;
    ClientOptions m_options;
    int64_t m_step = 3600;
    QStringList m_warnings;
};

} // namespace costscope::providers::kubernetes
