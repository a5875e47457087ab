#pragma once

// A Prometheus HTTP API that serves OpenCost's exported metrics for a small cluster: two nodes,
// three pods in two namespaces (one with a GPU and a volume), owners and labels, and the pods'
// requests and usage (FakePrometheusServer.cpp lists the samples). It checks the bearer token of
// every request and refuses, as Prometheus does, a query_range of more than 11,000 points per
// series with 400 bad_data.

#include "support/FakeCloud.h"
#include "support/LocalHttpServer.h"

namespace costscope::testsupport {

class FakePrometheusServer : public FakeCloud
{
public:
    FakePrometheusServer();
    ~FakePrometheusServer() override;

    QString providerKey() const override { return QStringLiteral("kubernetes-prometheus"); }
    bool start() override;
    providers::AccountConfig account(const QString &name) const override;
    providers::Secrets secrets() const override;
    void setFault(const FaultPlan &plan) override;
    QStringList billedAmounts(const QDate &day) const override;
    int resourceCount() const override { return 3; }
    int metricSeriesCount() const override { return 3 * 5; }
    int requestCount() const override { return m_server.requestCount(); }
    QString rejection() const override;
    QString endlessPagingError() const override { return QStringLiteral("exceeded maximum resolution of 11,000 points"); }

    // query_range requests refused for asking more than 11,000 points (the client must send none).
    int tooLargeRequests() const;
    QList<RecordedRequest> requests() const { return m_server.requests(); }

    // Whether a pod (0: web/api-server-7d9f8-abcde on node-a, 1: web/api-server-7d9f8-fghij on
    // node-b, 2: data/etl-0 on node-a) runs on a day: each runs four days of every seven.
    static bool podRuns(int pod, const QDate &day);

private:
    ScriptedResponse handle(const RecordedRequest &r);

    LocalHttpServer m_server;
    const QString m_token = QStringLiteral("fake-prometheus-bearer-token-0002");
    mutable std::mutex m_mutex;
    FaultSchedule m_faults;
    int m_tooLarge = 0;
    QString m_rejection;
};

} // namespace costscope::testsupport
