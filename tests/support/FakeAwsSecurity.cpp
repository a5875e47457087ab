#include "support/FakeAwsSecurity.h"

#include "providers/auth/SigV4Signer.h"

#include <QDateTime>
#include <QTimeZone>

namespace costscope::testsupport {

namespace {

const QByteArray kS3Xmlns = "http://s3.amazonaws.com/doc/2006-03-01/";
const QByteArray kEc2Xmlns = "http://ec2.amazonaws.com/doc/2016-11-15/";
const QByteArray kIamXmlns = "https://iam.amazonaws.com/doc/2010-05-08/";
const QByteArray kOwner = "<Owner><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID>"
                          "<DisplayName>acme</DisplayName></Owner>";

QHash<QString, QString> decodeForm(const QByteArray &text)
{
    QHash<QString, QString> out;
    for (const QByteArray &pair : text.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        out.insert(QString::fromUtf8(QByteArray::fromPercentEncoding(eq < 0 ? pair : pair.left(eq))),
                   QString::fromUtf8(QByteArray::fromPercentEncoding(eq < 0 ? QByteArray() : pair.mid(eq + 1))));
    }
    return out;
}

QByteArray xmlDoc(const QByteArray &body)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + body;
}

ScriptedResponse xmlAnswer(int status, const QByteArray &body)
{
    ScriptedResponse s = ScriptedResponse::status_(status, xmlDoc(body));
    s.headers = {{"Content-Type", "application/xml"}};
    return s;
}

ScriptedResponse s3Error(int status, const QByteArray &code, const QByteArray &message)
{
    return xmlAnswer(status, "<Error><Code>" + code + "</Code><Message>" + message
                                 + "</Message><RequestId>4442587FB7D0A2F9</RequestId><HostId>host</HostId></Error>");
}

struct Bucket
{
    const char *name;
    const char *region;     // where it lives
    const char *listRegion; // BucketRegion in ListBuckets ("" when not given)
    const char *location;   // GetBucketLocation's LocationConstraint
    int publicAccessBlock;  // -1 none, 0 all false, 1 all true
    int policyPublic;       // -1 no policy, 0 not public, 1 public
    const char *grants;     // ACL grants beyond the owner's FULL_CONTROL
    int createdDaysAgo;
};

const QByteArray kAllUsers = "<URI>http://acs.amazonaws.com/groups/global/AllUsers</URI>";
const Bucket kBuckets[] = {
    {"acme-public-assets", "us-west-2", "us-west-2", "us-west-2", -1, -1,
     "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"Group\">"
     "<URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee><Permission>READ</Permission></Grant>",
     900},
    {"acme-site-policy", "eu-west-1", "", "EU", 0, 1, "", 400},
    {"acme-private-logs", "us-east-1", "", "", 1, 1,
     "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"Group\">"
     "<URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee><Permission>FULL_CONTROL</Permission></Grant>",
     300},
    {"acme.internal.reports", "us-west-2", "us-west-2", "us-west-2", -1, 0,
     "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"Group\">"
     "<URI>http://acs.amazonaws.com/groups/global/AuthenticatedUsers</URI></Grantee><Permission>READ_ACP</Permission></Grant>",
     200},
};

QByteArray isoAgo(int days, int hours = 0)
{
    const QDateTime t = QDateTime::currentDateTimeUtc().addDays(-days).addSecs(-3600LL * hours);
    return t.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'+00:00'")).toLatin1();
}

QByteArray group(const char *id, const char *name, const QByteArray &permissions, const QByteArray &tags = {})
{
    return QByteArray("<item><ownerId>999988887777</ownerId><groupId>") + id + "</groupId><groupName>" + name
        + "</groupName><groupDescription>" + name + "</groupDescription><vpcId>vpc-1a2b3c4d</vpcId><ipPermissions>"
        + permissions
        + "</ipPermissions><ipPermissionsEgress><item><ipProtocol>-1</ipProtocol><groups/><ipRanges><item><cidrIp>0.0.0.0/0"
          "</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/></item></ipPermissionsEgress>"
        + (tags.isEmpty() ? QByteArray() : "<tagSet>" + tags + "</tagSet>") + "</item>";
}

QByteArray permission(const char *protocol, int from, int to, const QByteArray &v4, const QByteArray &v6 = {},
                      const QByteArray &groups = {})
{
    QByteArray p = QByteArray("<item><ipProtocol>") + protocol + "</ipProtocol>";
    if (from != -2)
        p += "<fromPort>" + QByteArray::number(from) + "</fromPort><toPort>" + QByteArray::number(to) + "</toPort>";
    p += "<groups>" + groups + "</groups><ipRanges>";
    for (const QByteArray &c : v4.split(' '))
        if (!c.isEmpty())
            p += "<item><cidrIp>" + c + "</cidrIp><description>d</description></item>";
    p += "</ipRanges><ipv6Ranges>";
    for (const QByteArray &c : v6.split(' '))
        if (!c.isEmpty())
            p += "<item><cidrIpv6>" + c + "</cidrIpv6></item>";
    return p + "</ipv6Ranges><prefixListIds/></item>";
}

} // namespace

void FakeAwsSecurity::deny(Api api)
{
    std::lock_guard lock(m_mutex);
    m_denied.insert(int(api));
}

void FakeAwsSecurity::setStartedPolls(int n)
{
    std::lock_guard lock(m_mutex);
    m_startedPolls = n;
}

void FakeAwsSecurity::setReport(const QByteArray &csvOrContent, bool raw)
{
    std::lock_guard lock(m_mutex);
    m_report = std::make_pair(csvOrContent, raw);
}

void FakeAwsSecurity::setFault(Api api, Fault fault, int times)
{
    std::lock_guard lock(m_mutex);
    m_faults.insert(int(api), Plan{fault, times, 0});
}

int FakeAwsSecurity::generateCalls() const
{
    std::lock_guard lock(m_mutex);
    return m_generateCalls;
}

int FakeAwsSecurity::callsOf(Api api) const
{
    std::lock_guard lock(m_mutex);
    return m_calls.value(int(api));
}

QString FakeAwsSecurity::rejection() const
{
    std::lock_guard lock(m_mutex);
    return m_rejection;
}

ScriptedResponse FakeAwsSecurity::refuse(const QString &why)
{
    {
        std::lock_guard lock(m_mutex);
        m_rejection = why;
    }
    return s3Error(400, "InvalidRequest", why.toUtf8());
}

// The fault planned for this API (counted), as a response; nullopt to serve normally.
std::optional<ScriptedResponse> FakeAwsSecurity::fault(Api api, const QByteArray &goodBody)
{
    Fault f = Fault::None;
    {
        std::lock_guard lock(m_mutex);
        ++m_calls[int(api)];
        auto it = m_faults.find(int(api));
        if (it != m_faults.end() && (it->times < 0 || it->served < it->times)) {
            ++it->served;
            f = it->fault;
        }
    }
    switch (f) {
    case Fault::Throttle:
        return ScriptedResponse::throttled("1");
    case Fault::ServerError:
        return s3Error(500, "InternalError", "We encountered an internal error. Please try again.");
    case Fault::Unavailable:
        return s3Error(503, "SlowDown", "Please reduce your request rate.");
    case Fault::Truncate:
        return ScriptedResponse::truncated(xmlDoc(goodBody).left(xmlDoc(goodBody).size() / 2), xmlDoc(goodBody).size());
    case Fault::Malformed:
        return ScriptedResponse::ok(xmlDoc(goodBody.left(goodBody.size() / 2)), "application/xml");
    case Fault::Hang:
        return ScriptedResponse::hang();
    default:
        return std::nullopt;
    }
}

std::optional<ScriptedResponse> FakeAwsSecurity::answer(const RecordedRequest &r, const QString &region, const QString &service)
{
    if (service == u"s3")
        return s3(r, region);
    if (r.method != "POST")
        return std::nullopt;
    const QHash<QString, QString> params = decodeForm(r.body);
    if (service == u"iam")
        return iam(params, region);
    if (service == u"ec2" && params.value(QStringLiteral("Action")) == u"DescribeSecurityGroups")
        return securityGroups(params, region);
    return std::nullopt;
}

ScriptedResponse FakeAwsSecurity::s3(const RecordedRequest &r, const QString &region)
{
    if (r.method != "GET")
        return s3Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
    const QByteArray emptyHash = providers::auth::SigV4Signer::sha256Hex({});
    if (r.header("x-amz-content-sha256") != emptyHash || !r.header("Authorization").contains("x-amz-content-sha256"))
        return refuse(QStringLiteral("an S3 request without a signed x-amz-content-sha256 of the empty body"));
    const QHash<QString, QString> query = decodeForm(r.query);
    const QByteArray bucketName = QByteArray::fromPercentEncoding(r.path.mid(1));
    auto denied = [this](Api api) {
        std::lock_guard lock(m_mutex);
        return m_denied.contains(int(api));
    };
    if (bucketName.isEmpty()) {
        if (region != u"us-east-1")
            return refuse(QStringLiteral("ListBuckets signed for %1, not us-east-1").arg(region));
        if (query.value(QStringLiteral("max-buckets")).toInt() < 1)
            return s3Error(400, "InvalidArgument", "max-buckets");
        const QString token = query.value(QStringLiteral("continuation-token"));
        if (!token.isEmpty() && token != u"bpage2/x+y=")
            return s3Error(400, "InvalidArgument", "The continuation token provided is incorrect");
        QByteArray list;
        const int first = token.isEmpty() ? 0 : 2;
        for (int i = first; i < first + 2; ++i) {
            const Bucket &b = kBuckets[i];
            list += QByteArray("<Bucket><Name>") + b.name + "</Name><CreationDate>"
                + QDateTime::currentDateTimeUtc().addDays(-b.createdDaysAgo).toString(Qt::ISODateWithMs).toLatin1()
                + "</CreationDate>" + (*b.listRegion ? QByteArray("<BucketRegion>") + b.listRegion + "</BucketRegion>" : QByteArray())
                + "</Bucket>";
        }
        const QByteArray body = "<ListAllMyBucketsResult xmlns=\"" + kS3Xmlns + "\">" + kOwner + "<Buckets>" + list + "</Buckets>"
            + (token.isEmpty() ? QByteArray("<ContinuationToken>bpage2/x+y=</ContinuationToken>") : QByteArray())
            + "</ListAllMyBucketsResult>";
        if (auto f = fault(Api::ListBuckets, body))
            return *f;
        if (denied(Api::ListBuckets))
            return s3Error(403, "AccessDenied", "Access Denied");
        return xmlAnswer(200, body);
    }
    const Bucket *bucket = nullptr;
    for (const Bucket &b : kBuckets) {
        if (bucketName == b.name)
            bucket = &b;
    }
    if (!bucket)
        return s3Error(404, "NoSuchBucket", "The specified bucket does not exist");
    const QStringList keys = query.keys();
    if (keys.size() != 1)
        return s3Error(400, "InvalidRequest", "one subresource expected");
    const QString sub = keys.front();
    if (sub == u"location") {
        if (region != u"us-east-1")
            return refuse(QStringLiteral("GetBucketLocation signed for %1, not us-east-1").arg(region));
        const QByteArray body = "<LocationConstraint xmlns=\"" + kS3Xmlns + "\">" + bucket->location + "</LocationConstraint>";
        if (auto f = fault(Api::GetBucketLocation, body))
            return *f;
        if (denied(Api::GetBucketLocation))
            return s3Error(403, "AccessDenied", "Access Denied");
        return xmlAnswer(200, body);
    }
    if (region != QString::fromLatin1(bucket->region)) {
        {
            std::lock_guard lock(m_mutex);
            m_rejection = QStringLiteral("%1 of %2 signed for %3").arg(sub, QString::fromLatin1(bucket->name), region);
        }
        return s3Error(400, "AuthorizationHeaderMalformed",
                       "The authorization header is malformed; the region '" + region.toUtf8() + "' is wrong; expecting '"
                           + bucket->region + "'");
    }
    auto flag = [](bool on) { return on ? QByteArray("true") : QByteArray("false"); };
    if (sub == u"publicAccessBlock") {
        const bool on = bucket->publicAccessBlock == 1;
        const QByteArray body = "<PublicAccessBlockConfiguration xmlns=\"" + kS3Xmlns + "\"><BlockPublicAcls>" + flag(on)
            + "</BlockPublicAcls><IgnorePublicAcls>" + flag(on) + "</IgnorePublicAcls><BlockPublicPolicy>" + flag(on)
            + "</BlockPublicPolicy><RestrictPublicBuckets>" + flag(on) + "</RestrictPublicBuckets></PublicAccessBlockConfiguration>";
        if (auto f = fault(Api::GetPublicAccessBlock, body))
            return *f;
        if (denied(Api::GetPublicAccessBlock))
            return s3Error(403, "AccessDenied", "Access Denied");
        if (bucket->publicAccessBlock < 0)
            return s3Error(404, "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found");
        return xmlAnswer(200, body);
    }
    if (sub == u"policyStatus") {
        const QByteArray body = "<PolicyStatus xmlns=\"" + kS3Xmlns + "\"><IsPublic>"
            + (bucket->policyPublic == 1 ? QByteArray("TRUE") : QByteArray("FALSE")) + "</IsPublic></PolicyStatus>";
        if (auto f = fault(Api::GetBucketPolicyStatus, body))
            return *f;
        if (denied(Api::GetBucketPolicyStatus))
            return s3Error(403, "AccessDenied", "Access Denied");
        if (bucket->policyPublic < 0)
            return s3Error(404, "NoSuchBucketPolicy", "The bucket policy does not exist");
        return xmlAnswer(200, body);
    }
    if (sub == u"acl") {
        const QByteArray body = "<AccessControlPolicy xmlns=\"" + kS3Xmlns + "\">" + kOwner
            + "<AccessControlList><Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
              "xsi:type=\"CanonicalUser\"><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID>"
              "<DisplayName>acme</DisplayName></Grantee><Permission>FULL_CONTROL</Permission></Grant>"
            + bucket->grants + "</AccessControlList></AccessControlPolicy>";
        if (auto f = fault(Api::GetBucketAcl, body))
            return *f;
        if (denied(Api::GetBucketAcl))
            return s3Error(403, "AccessDenied", "Access Denied");
        return xmlAnswer(200, body);
    }
    return s3Error(400, "InvalidRequest", "unknown subresource");
}

ScriptedResponse FakeAwsSecurity::securityGroups(const QHash<QString, QString> &params, const QString &region)
{
    if (params.value(QStringLiteral("Version")) != u"2016-11-15")
        return xmlAnswer(400, "<Response><Errors><Error><Code>InvalidParameterValue</Code><Message>Version</Message></Error></Errors></Response>");
    const QString token = params.value(QStringLiteral("NextToken"));
    QByteArray groups, next;
    if (region == u"us-west-2" && token.isEmpty()) {
        groups = group("sg-0a11aa", "legacy-ssh",
                       permission("tcp", 22, 22, "0.0.0.0/0") + permission("tcp", 443, 443, "0.0.0.0/0"));
        next = "<nextToken>sgpage2</nextToken>";
    } else if (region == u"us-west-2" && token == u"sgpage2") {
        groups = group("sg-0b22bb", "rdp-v6", permission("6", 3389, 3389, "", "::/0"))
            + group("sg-0c33cc", "internal-only",
                    permission("-1", -2, -2, "10.0.0.0/8", "fd00::/8",
                               "<item><userId>999988887777</userId><groupId>sg-0a11aa</groupId></item>")
                        + permission("tcp", 0, 65535, "172.16.0.0/12"),
                    "<item><key>Name</key><value>internal</value></item>");
    } else if (region == u"us-west-2" || (region == u"eu-west-1" && !token.isEmpty())) {
        return xmlAnswer(400, "<Response><Errors><Error><Code>InvalidParameterValue</Code><Message>bad NextToken</Message></Error></Errors></Response>");
    } else if (region == u"eu-west-1") {
        groups = group("sg-0d44dd", "web",
                       permission("tcp", 443, 443, "0.0.0.0/0", "::/0") + permission("tcp", 80, 80, "0.0.0.0/0")
                           + permission("icmp", -1, -1, "0.0.0.0/0"),
                       "<item><key>costscope:ingress</key><value>all:all:0.0.0.0/0</value></item>"
                       "<item><key>team</key><value>web</value></item>");
    }
    const QByteArray body = "<DescribeSecurityGroupsResponse xmlns=\"" + kEc2Xmlns + "\"><requestId>sg-req</requestId><securityGroupInfo>"
        + groups + "</securityGroupInfo>" + next + "</DescribeSecurityGroupsResponse>";
    if (auto f = fault(Api::DescribeSecurityGroups, body))
        return *f;
    {
        std::lock_guard lock(m_mutex);
        if (m_denied.contains(int(Api::DescribeSecurityGroups)))
            return xmlAnswer(403, "<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to "
                                  "perform this operation.</Message></Error></Errors><RequestID>x</RequestID></Response>");
    }
    return xmlAnswer(200, body);
}

QByteArray FakeAwsSecurity::reportCsv() const
{
    QByteArray csv = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
                     "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,"
                     "access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
                     "access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
                     "cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n";
    csv += "<root_account>,arn:aws:iam::999988887777:root," + isoAgo(2000) + ",not_supported," + isoAgo(400)
        + ",not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n";
    csv += "recent-dev,arn:aws:iam::999988887777:user/recent-dev," + isoAgo(400) + ",true," + isoAgo(10) + "," + isoAgo(90)
        + ",N/A,true,true," + isoAgo(300) + "," + isoAgo(30) + ",us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n";
    csv += "old-ci,arn:aws:iam::999988887777:user/ci/old-ci," + isoAgo(500) + ",false,no_information,N/A,N/A,false,true,"
        + isoAgo(480) + "," + isoAgo(250) + ",us-west-2,ec2,true," + isoAgo(300) + "," + isoAgo(200, 3)
        + ",eu-west-1,sts,false,N/A,false,N/A\n";
    csv += "never-user,arn:aws:iam::999988887777:user/never-user," + isoAgo(120)
        + ",true,no_information,N/A,N/A,false,true," + isoAgo(120) + ",N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n";
    csv += "new-never,arn:aws:iam::999988887777:user/new-never," + isoAgo(5)
        + ",false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n";
    return csv;
}

ScriptedResponse FakeAwsSecurity::iam(const QHash<QString, QString> &params, const QString &region)
{
    auto iamError = [](int status, const QByteArray &code, const QByteArray &message) {
        return xmlAnswer(status, "<ErrorResponse xmlns=\"" + kIamXmlns + "\"><Error><Type>Sender</Type><Code>" + code + "</Code><Message>"
                                     + message + "</Message></Error><RequestId>iam-err</RequestId></ErrorResponse>");
    };
    if (region != u"us-east-1" || params.value(QStringLiteral("Version")) != u"2010-05-08")
        return iamError(400, "InvalidAction", "IAM is signed for us-east-1 with Version 2010-05-08");
    const QString action = params.value(QStringLiteral("Action"));
    if (action == u"GenerateCredentialReport") {
        QByteArray state;
        {
            std::lock_guard lock(m_mutex);
            state = ++m_generateCalls <= m_startedPolls ? "STARTED" : "COMPLETE";
        }
        const QByteArray body = "<GenerateCredentialReportResponse xmlns=\"" + kIamXmlns + "\"><GenerateCredentialReportResult>"
            + "<Description>No report exists. Starting a new report generation task</Description><State>" + state
            + "</State></GenerateCredentialReportResult><ResponseMetadata><RequestId>gen</RequestId></ResponseMetadata>"
              "</GenerateCredentialReportResponse>";
        if (auto f = fault(Api::GenerateCredentialReport, body))
            return *f;
        std::lock_guard lock(m_mutex);
        if (m_denied.contains(int(Api::GenerateCredentialReport)))
            return iamError(403, "AccessDenied",
                            "User: arn:aws:iam::999988887777:user/costscope is not authorized to perform: iam:GenerateCredentialReport");
        return xmlAnswer(200, body);
    }
    if (action == u"GetCredentialReport") {
        QByteArray content;
        {
            std::lock_guard lock(m_mutex);
            if (m_generateCalls <= m_startedPolls)
                return iamError(404, "ReportInProgress", "Report generation in progress");
            content = m_report ? (m_report->second ? m_report->first : m_report->first.toBase64()) : QByteArray();
        }
        if (content.isEmpty())
            content = reportCsv().toBase64();
        const QByteArray body = "<GetCredentialReportResponse xmlns=\"" + kIamXmlns + "\"><GetCredentialReportResult><Content>" + content
            + "</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>"
            + QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toLatin1()
            + "</GeneratedTime></GetCredentialReportResult><ResponseMetadata><RequestId>get</RequestId></ResponseMetadata>"
              "</GetCredentialReportResponse>";
        if (auto f = fault(Api::GetCredentialReport, body))
            return *f;
        std::lock_guard lock(m_mutex);
        if (m_denied.contains(int(Api::GetCredentialReport)))
            return iamError(403, "AccessDenied",
                            "User: arn:aws:iam::999988887777:user/costscope is not authorized to perform: iam:GetCredentialReport");
        return xmlAnswer(200, body);
    }
    return iamError(400, "InvalidAction", "unknown action");
}

} // namespace costscope::testsupport
