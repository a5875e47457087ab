#pragma once

// The AWS security facts of docs/recommendations.md ("Security data"), read during a sync as a
// step of their own: S3 buckets with `costscope:public-access` (ListBuckets, then per bucket
// GetBucketLocation when the list gives no region, GetPublicAccessBlock, GetBucketPolicyStatus,
// GetBucketAcl), security groups with `costscope:ingress` (EC2 DescribeSecurityGroups in every
// enabled region) and IAM users with `costscope:last-activity` (IAM GenerateCredentialReport until
// it is COMPLETE, then GetCredentialReport, a base64 CSV). A denied API leaves its fact unknown and
// says so in a warning; any other failure fails the whole step with an error naming the request.

#include "providers/CloudClient.h"
#include "providers/auth/SigV4Signer.h"

#include <QStringList>
#include <QUrl>

#include <functional>

namespace costscope::providers::aws {

class XmlTree;

// What AwsSecurity borrows from AwsClient: the credentials that sign service calls (a role's
// temporary ones when the account has a role, assumed or renewed as needed) and the scrubbing of
// secrets from error texts.
struct AwsSecurityAccess
{
    std::function<bool(auth::AwsCredentials *credentials, QString *error, const CancelFn &cancelled)> credentials;
    std::function<QString(QString text)> scrub;
};

class AwsSecurity
{
public:
    AwsSecurity(AccountConfig account, const net::HttpClient &http, ClientOptions options, AwsSecurityAccess access);

    // Buckets, security groups (of `regions`) and IAM users as inventory records with their facts.
    // Denied APIs add a sentence to *warnings; false with *error when a request failed otherwise.
    bool fetch(const QStringList &regions, ResourceBatch *facts, QStringList *warnings, QString *error,
               const CancelFn &cancelled);

    // ---- the pure parts, tested on their own ----

    // What a bucket's settings mean for `costscope:public-access`.
    struct BucketAccess
    {
        bool aclRead = false;               // AllUsers / AuthenticatedUsers READ or FULL_CONTROL
        bool aclWrite = false;              // ... WRITE, WRITE_ACP or FULL_CONTROL
        bool policyPublic = false;          // GetBucketPolicyStatus IsPublic
        bool ignorePublicAcls = false;      // public access block
        bool restrictPublicBuckets = false; // public access block
    };
    // public-read-write | public-read (a public ACL not ignored) | public (a public policy not
    // restricted) | private.
    static QString publicAccess(const BucketAccess &access);
    // Reads the grants of a GetBucketAcl answer into aclRead / aclWrite.
    static void readAcl(const XmlTree &policy, BucketAccess *access);
    // The `costscope:ingress` value of one DescribeSecurityGroups item: protocol:ports:source rules
    // joined by ';' (protocol -1 -> all; ports N, N-M or all; IPv4, IPv6, prefix-list and group sources).
    static QString ingressOf(const XmlTree &group);
    // The URL of an S3 request on a bucket: the endpoint override (path-style), else virtual-hosted
    // https://<bucket>.s3.<region>.amazonaws.com/ for DNS-safe names without dots and path-style
    // https://s3.<region>.amazonaws.com/<bucket> otherwise; an empty region means the global
    // endpoint s3.amazonaws.com (us-east-1). `subresource` is the query ("acl", "policyStatus").
    static QUrl bucketUrl(const QString &endpoint, const QString &bucket, const QString &region,
                          const QString &subresource);
    // IAM users (not the root account) of a credential report CSV; false with a one-line *error
    // naming the line. `now` bounds the dates (a date in the future is refused).
    static bool readCredentialReport(const QByteArray &csv, const QString &accountId, int64_t now,
                                     std::vector<ResourceRecord> *users, QString *error);

private:
    struct Reply;
    bool send(net::HttpRequest request, const QString &what, const QString &region, const QString &service, bool s3,
              Reply *reply, const CancelFn &cancelled);
    bool query(const QString &what, const QUrl &url, const QString &region, const QString &service,
               const QList<QPair<QString, QString>> &form, Reply *reply, const CancelFn &cancelled);
    bool s3Get(const QString &what, const QUrl &url, const QString &region, Reply *reply, const CancelFn &cancelled);
    QString failure(const QString &what, const Reply &reply, const QString &permission) const;

    bool fetchBuckets(std::vector<ResourceRecord> *out, QStringList *warnings, QString *error, const CancelFn &cancelled);
    bool fetchSecurityGroups(const QStringList &regions, std::vector<ResourceRecord> *out, QStringList *warnings,
                             QString *error, const CancelFn &cancelled);
    bool fetchIamUsers(std::vector<ResourceRecord> *out, QStringList *warnings, QString *error, const CancelFn &cancelled);

    ResourceRecord record(const QString &region, const QString &id, const QString &type) const;

    AccountConfig m_account;
    const net::HttpClient &m_http;
    ClientOptions m_options;
    AwsSecurityAccess m_access;
    QString m_accountId;
    int64_t m_now = 0;
};

} // namespace costscope::providers::aws
