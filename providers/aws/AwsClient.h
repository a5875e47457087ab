#pragma once

// AWS: Cost Explorer GetCostAndUsage (costs) and the EC2 Query API (resources), signed with
// SigV4. Endpoints: https://ce.us-east-1.amazonaws.com and https://ec2.<region>.amazonaws.com,
// or the account's endpoint override for every call (tests, VPC endpoints). With a role ARN in
// the account's options ("role_arn"), the keys only sign STS AssumeRole; every other call is signed
// with the role's temporary credentials, renewed when they come within minutes of expiring.

#include "providers/CloudClient.h"
#include "providers/auth/SigV4Signer.h"

#include <QJsonObject>

#include <functional>

namespace costscope::providers::aws {

class XmlTree;

class AwsClient : public CloudClient
{
public:
    AwsClient(AccountConfig account, auth::AwsCredentials credentials, const net::HttpClient &http,
              ClientOptions options);

    QString providerName() const override { return QStringLiteral("AWS"); }
    QString testConnection(const CancelFn &cancelled) override;
    bool fetchMonth(const QDate &from, const QDate &to, CostBatch *batch, QString *error,
                    const CancelFn &cancelled) override;
    bool fetchResources(ResourceBatch *resources, std::vector<MetricSeries> *metrics, QString *error,
                        const CancelFn &cancelled) override;
    // S3 public access, security groups' ingress and IAM users' last activity (AwsSecurity).
    bool collectsSecurityFacts() const override { return true; }
    bool fetchSecurityFacts(ResourceBatch *facts, QStringList *warnings, QString *error, const CancelFn &cancelled) override;

    // arn:<aws|aws-cn|aws-us-gov>:iam::<12 digits>:role/<optional path/>name; else false with a
    // one-line reason.
    static bool isValidRoleArn(const QString &arn, QString *why);

    // The enabled regions of the account (EC2 DescribeRegions).
    bool describeRegions(QStringList *regions, QString *error, const CancelFn &cancelled);

    // Cost Explorer's S3 and Redshift usage of the last fetchMonth, one fill-in batch per service
    // and linked account (docs/saas.md), and what it read only in part (request budget).
    std::vector<const SaasBatch *> saasDetails() const override;
    QStringList syncWarnings() const override { return m_warnings; }

private:
    struct Call;
    bool post(Call &call, const CancelFn &cancelled);
    bool send(Call &call, const auth::AwsCredentials &credentials, const CancelFn &cancelled);
    // With a role: temporary credentials valid for a few more minutes, assuming the role when not.
    bool ensureRoleCredentials(bool force, QString *error, const CancelFn &cancelled);
    bool ec2Paged(const QString &region, const QString &action, const QList<QPair<QString, QString>> &params,
                  const std::function<bool(const XmlTree &page, QString *error)> &onPage, QString *error,
                  const CancelFn &cancelled);
    // A Query API call with paging: EC2 ("ec2", nextToken) or CloudWatch ("monitoring", NextToken).
    bool queryPaged(const QString &service, const QString &version, const QString &nextTokenPath, const QString &region,
                    const QString &action, const QList<QPair<QString, QString>> &params,
                    const std::function<bool(const XmlTree &page, QString *error)> &onPage, QString *error,
                    const CancelFn &cancelled);
    // CloudWatch GetMetricData: CPU (percent) and network (bytes/s) of the instances, last 7 days.
    bool fetchMetrics(const QString &region, const QStringList &instanceIds, std::vector<MetricSeries> *metrics,
                      QString *error, const CancelFn &cancelled);
    // Cost Explorer (docs/sync.md, "AWS passes"): one JSON 1.1 call; one GetCostAndUsage query over
    // [from, to) with its pages, each group handed to onGroup (day start, keys, metrics).
    using CeGroupFn = std::function<bool(int64_t day, const QStringList &keys, const QJsonObject &metrics, QString *error)>;
    bool ceCall(const QString &what, const char *target, const QJsonObject &body, QJsonObject *answer, QString *error,
                const CancelFn &cancelled);
    bool ceQuery(const QString &pass, const QDate &from, const QDate &to, const QJsonObject &request,
                 const CeGroupFn &onGroup, QString *error, const CancelFn &cancelled);
    // A metric's Amount as exact money; the currency must not change within a month.
    bool ceAmount(const QJsonObject &metrics, const QString &metric, const QString &about, Money *out, QString *error);
    // The account's "tag_keys" option (comma-separated, "-": none), else GetTags of the range; capped.
    bool ceTagKeys(const QDate &from, const QDate &to, QStringList *keys, QString *error, const CancelFn &cancelled);
    QString describeFailure(const QString &what, const net::HttpResult &result, bool xml) const;
    QString scrub(QString text) const;

    AccountConfig m_account;
    auth::AwsCredentials m_credentials; // what signs the service calls (the role's when assumed)
    auth::AwsCredentials m_longTerm;    // the account's own keys
    QString m_roleArn;
    int64_t m_roleExpiresAt = 0; // seconds since the epoch; 0: not assumed yet
    const net::HttpClient &m_http;
    ClientOptions m_options;
    // State of the last fetchMonth.
    QString m_currency;
    QHash<QString, QString> m_accountNames; // linked account -> its name
    std::vector<SaasBatch> m_saas;
    QStringList m_warnings;
};

} // namespace costscope::providers::aws
