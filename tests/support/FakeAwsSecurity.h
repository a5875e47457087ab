#pragma once

// The security APIs of the fake AWS endpoint (FakeAwsServer hands them here after checking
// SigV4): S3 ListBuckets / GetBucketLocation / GetPublicAccessBlock / GetBucketPolicyStatus /
// GetBucketAcl (GET, path-style, x-amz-content-sha256 checked, signed for the bucket's region),
// EC2 DescribeSecurityGroups (two regions, paged) and IAM GenerateCredentialReport /
// GetCredentialReport (a base64 CSV), with the documented XML shapes. It plants a small world
// whose risks are listed below, and can deny an API, keep the report STARTED, serve a broken
// report and inject the contract's faults.

#include "support/FakeCloud.h"
#include "support/LocalHttpServer.h"

#include <QSet>
#include <QStringList>

#include <memory>
#include <mutex>
#include <optional>

namespace costscope::testsupport {

class FakeAwsSecurity
{
public:
    enum class Api {
        ListBuckets,
        GetBucketLocation,
        GetPublicAccessBlock,
        GetBucketPolicyStatus,
        GetBucketAcl,
        DescribeSecurityGroups,
        GenerateCredentialReport,
        GetCredentialReport,
    };

    // The planted world (dates relative to the time of the request):
    //  buckets acme-public-assets (ACL AllUsers READ) and acme-site-policy (public policy, in
    //  "EU") are public; acme-private-logs (an AllUsers ACL, but a public access block that ignores
    //  it) and acme.internal.reports (AuthenticatedUsers READ_ACP only, a non-public policy) are not;
    //  security groups sg-0a11aa (22 from 0.0.0.0/0) and sg-0b22bb (3389 from ::/0) are open,
    //  sg-0c33cc (internal sources only) and sg-0d44dd (80/443 and ICMP from the world, a user tag
    //  posing as costscope:ingress) are not;
    //  IAM users old-ci (last key use 200 days ago) and never-user (never active, created 120 days
    //  ago) are inactive, recent-dev (10 days) and new-never (never, created 5 days ago) are not.
    static QStringList publicBuckets() { return {QStringLiteral("acme-public-assets"), QStringLiteral("acme-site-policy")}; }
    static QStringList openGroups() { return {QStringLiteral("sg-0a11aa"), QStringLiteral("sg-0b22bb")}; }
    static QStringList inactiveUserArns()
    {
        return {QStringLiteral("arn:aws:iam::999988887777:user/ci/old-ci"), QStringLiteral("arn:aws:iam::999988887777:user/never-user")};
    }
    static int bucketCount() { return 4; }
    static int groupCount() { return 4; }
    static int userCount() { return 4; }
    static int resourceCount() { return bucketCount() + groupCount() + userCount(); }

    // AccessDenied (S3, IAM) / UnauthorizedOperation (EC2) with HTTP 403 for this API.
    void deny(Api api);
    // GenerateCredentialReport answers STARTED this many times before COMPLETE (default 0).
    void setStartedPolls(int n);
    // Replaces the report's CSV (before base64) or, with raw, the Content element itself.
    void setReport(const QByteArray &csvOrContent, bool raw = false);
    // A contract fault (Throttle, ServerError, Unavailable, Truncate, Malformed) for requests of
    // this API, `times` times (-1: always).
    void setFault(Api api, Fault fault, int times = -1);
    int generateCalls() const;
    int callsOf(Api api) const;
    // Why the last security request was refused (wrong region, missing content hash ...).
    QString rejection() const;

    // Answers a request already verified for SigV4 (region and service from its scope) when it is
    // one of the security APIs; nullopt otherwise.
    std::optional<ScriptedResponse> answer(const RecordedRequest &r, const QString &region, const QString &service);

private:
    ScriptedResponse s3(const RecordedRequest &r, const QString &region);
    ScriptedResponse securityGroups(const QHash<QString, QString> &params, const QString &region);
    ScriptedResponse iam(const QHash<QString, QString> &params, const QString &region);
    std::optional<ScriptedResponse> fault(Api api, const QByteArray &goodBody);
    ScriptedResponse refuse(const QString &why);
    QByteArray reportCsv() const;

    mutable std::mutex m_mutex;
    QSet<int> m_denied;
    int m_startedPolls = 0;
    int m_generateCalls = 0;
    QHash<int, int> m_calls;
    std::optional<std::pair<QByteArray, bool>> m_report;
    struct Plan
    {
        Fault fault = Fault::None;
        int times = -1;
        int served = 0;
    };
    QHash<int, Plan> m_faults;
    QString m_rejection;
};

// The AWS fake answering the security APIs from `security` (makeFakeAws() uses a default one).
std::unique_ptr<FakeCloud> makeFakeAwsWithSecurity(std::shared_ptr<FakeAwsSecurity> security);

} // namespace costscope::testsupport
