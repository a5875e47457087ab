#pragma once

// Alibaba Cloud: BSS OpenAPI DescribeInstanceBill (daily costs), ECS DescribeRegions and
// DescribeInstances (resources) and CloudMonitor DescribeMetricList (CPU), all RPC-style GET
// calls signed with signature v1 (HMAC-SHA1, auth/AlibabaRpcSigner) and answered in JSON.
// The site is the account's scope: "international" (default; BSS at
// business.ap-southeast-1.aliyuncs.com) or "china" (business.aliyuncs.com). The account's
// endpoint override, when set, receives every call (tests, proxies).

#include "providers/CloudClient.h"
#include "providers/auth/AlibabaRpcSigner.h"

#include <QJsonObject>

namespace costscope::providers::alibaba {

class AlibabaClient : public CloudClient
{
public:
    AlibabaClient(AccountConfig account, auth::AlibabaCredentials credentials, const net::HttpClient &http,
                  ClientOptions options);

    // "international" (or empty) and "china"; false with *error for anything else.
    static bool isKnownSite(const QString &scope, QString *error);
    // The text of a JSON number as the server most likely wrote it: the shortest decimal that
    // reads back as the same double (exact for amounts of up to 15 significant digits).
    static QString numberText(double value);

    QString providerName() const override { return QStringLiteral("Alibaba Cloud"); }
    QString testConnection(const CancelFn &cancelled) override;
    bool fetchMonth(const QDate &from, const QDate &to, CostBatch *batch, QString *error,
                    const CancelFn &cancelled) override;
    bool fetchResources(ResourceBatch *resources, std::vector<MetricSeries> *metrics, QString *error,
                        const CancelFn &cancelled) override;

    struct Region
    {
        QString id;
        QString endpoint; // ECS host for the region
    };
    // The regions ECS offers the account (DescribeRegions in the home region).
    bool describeRegions(QList<Region> *regions, QString *error, const CancelFn &cancelled);

private:
    // One signed GET; *answer is the JSON object of a successful answer.
    bool call(const QString &what, const QString &host, const auth::QueryParams &params, QJsonObject *answer,
              QString *error, const CancelFn &cancelled) const;
    // A call that follows page tokens (sent back as NextToken) for at most maxPages pages; onPage
    // reads a page and sets *nextToken ("" on the last page).
    using PageFn = std::function<bool(const QJsonObject &page, QString *nextToken, QString *error)>;
    bool callPaged(const QString &what, const QString &host, const auth::QueryParams &params, const PageFn &onPage,
                   QString *error, const CancelFn &cancelled) const;
    bool fetchCpu(const Region &region, const QStringList &instanceIds, std::vector<MetricSeries> *metrics,
                  QString *error, const CancelFn &cancelled) const;
    QString describeFailure(const QString &what, const net::HttpResult &result) const;
    QString scrub(QString text) const;
    QString bssHost() const;
    QString homeRegion() const;

    AccountConfig m_account;
    auth::AlibabaCredentials m_credentials;
    const net::HttpClient &m_http;
    ClientOptions m_options;
};

} // namespace costscope::providers::alibaba
