#include "providers/aws/AwsSecurity.h"

#include "providers/aws/XmlTree.h"
#include "providers/import/CsvReader.h"

#include <QBuffer>
#include <QDateTime>
#include <QHash>
#include <QLoggingCategory>
#include <QMap>
#include <QRegularExpression>
#include <QThread>
#include <QTimeZone>

#include <memory>

namespace costscope::providers::aws {

Q_LOGGING_CATEGORY(lcAwsSecurity, "costscope.aws.security", QtInfoMsg)

namespace {

const char kEc2Version[] = "2016-11-15";
const char kIamVersion[] = "2010-05-08";
// SHA-256 of an empty body: what every S3 GET sends as x-amz-content-sha256.
const QByteArray kEmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
// GenerateCredentialReport is asked this many times at most while AWS answers STARTED.
constexpr int kMaxReportPolls = 10;
// User tags cannot pose as the facts the sync writes.
const QString kFactPrefix = QStringLiteral("costscope:");

QByteArray formEncode(const QList<QPair<QString, QString>> &params)
{
    QByteArray out;
    for (const auto &[key, value] : params) {
        if (!out.isEmpty())
            out += '&';
        out += auth::SigV4Signer::uriEncode(key.toUtf8(), false) + '=' + auth::SigV4Signer::uriEncode(value.toUtf8(), false);
    }
    return out;
}

int64_t parseTime(const QString &text)
{
    if (text.isEmpty())
        return 0;
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    return t.isValid() ? t.toSecsSinceEpoch() : 0;
}

// The error code and message of an AWS XML error: S3 (<Error>), IAM / STS (<ErrorResponse><Error>)
// or EC2 (<Response><Errors><Error>).
void xmlError(const QByteArray &body, QString *code, QString *message)
{
    QString ignored;
    const auto tree = XmlTree::parse(body, &ignored);
    if (!tree)
        return;
    const XmlTree *error = tree->name == u"Error" ? tree.get() : tree->at(u"Errors/Error");
    if (!error)
        error = tree->child(u"Error");
    if (error) {
        *code = error->textAt(u"Code");
        *message = error->textAt(u"Message").section(u'\n', 0, 0).left(300);
    }
}

bool isDenied(const QString &code)
{
    return code.startsWith(QStringLiteral("AccessDenied")) || code == u"UnauthorizedOperation"
        || code == u"AllAccessDisabled";
}

Tags userTags(const XmlTree &item)
{
    Tags tags;
    for (const XmlTree *t : item.items(u"tagSet")) {
        const QString key = t->textAt(u"key");
        if (!key.startsWith(kFactPrefix))
            tags.append({key, t->textAt(u"value")});
    }
    return tags;
}

// A credential report date: N/A, no_information or not_supported mean none (0).
bool reportDate(const QString &text, int64_t now, int64_t *out)
{
    *out = 0;
    if (text.isEmpty() || text == u"N/A" || text == u"no_information" || text == u"not_supported")
        return true;
    const QDateTime t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid() || t.date().year() < 2006 || t.toSecsSinceEpoch() > now + 86400)
        return false;
    *out = t.toSecsSinceEpoch();
    return true;
}

// Per API, how often it was denied and for what: one warning each.
struct Denials
{
    struct Entry
    {
        QString permission;
        QString code;
        QStringList subjects;
    };
    QMap<QString, Entry> byApi;
    void add(const QString &api, const QString &permission, const QString &code, const QString &subject)
    {
        Entry &e = byApi[api];
        e.permission = permission;
        e.code = code;
        if (!subject.isEmpty())
            e.subjects << subject;
    }
};

} // namespace

struct AwsSecurity::Reply
{
    net::HttpResult result;
    QString code;    // the AWS error code of a failed answer
    QString message; // its message (first line)
    std::unique_ptr<XmlTree> xml;
    QString xmlError;
};

AwsSecurity::AwsSecurity(AccountConfig account, const net::HttpClient &http, ClientOptions options,
                         AwsSecurityAccess access)
    : m_account(std::move(account))
    , m_http(http)
    , m_options(std::move(options))
    , m_access(std::move(access))
{
    m_accountId = m_account.billingAccount.isEmpty() ? m_account.name : m_account.billingAccount;
}

// ---- pure parts ------------------------------------------------------------------------------

QString AwsSecurity::publicAccess(const BucketAccess &a)
{
    if (!a.ignorePublicAcls && a.aclWrite)
        return QStringLiteral("public-read-write");
    if (!a.ignorePublicAcls && a.aclRead)
        return QStringLiteral("public-read");
    if (a.policyPublic && !a.restrictPublicBuckets)
        return QStringLiteral("public");
    return QStringLiteral("private");
}

void AwsSecurity::readAcl(const XmlTree &policy, BucketAccess *access)
{
    const XmlTree *list = policy.child(u"AccessControlList");
    if (!list)
        return;
    for (const auto &grant : list->children) {
        if (grant->name != u"Grant")
            continue;
        const QString uri = grant->textAt(u"Grantee/URI");
        if (!uri.endsWith(QStringLiteral("/global/AllUsers")) && !uri.endsWith(QStringLiteral("/global/AuthenticatedUsers")))
            continue;
        const QString permission = grant->textAt(u"Permission");
        if (permission == u"READ" || permission == u"FULL_CONTROL")
            access->aclRead = true;
        if (permission == u"WRITE" || permission == u"WRITE_ACP" || permission == u"FULL_CONTROL")
            access->aclWrite = true;
    }
}

QString AwsSecurity::ingressOf(const XmlTree &group)
{
    QStringList rules;
    for (const XmlTree *p : group.items(u"ipPermissions")) {
        QString protocol = p->textAt(u"ipProtocol").toLower();
        if (protocol == u"-1")
            protocol = QStringLiteral("all");
        else if (protocol == u"6")
            protocol = QStringLiteral("tcp");
        else if (protocol == u"17")
            protocol = QStringLiteral("udp");
        else if (protocol == u"1")
            protocol = QStringLiteral("icmp");
        else if (protocol == u"58")
            protocol = QStringLiteral("icmpv6");
        if (protocol.isEmpty())
            continue;
        // Ports mean something for TCP and UDP only (ICMP puts its type and code there).
        QString ports = QStringLiteral("all");
        bool fromOk = false, toOk = false;
        const int from = p->textAt(u"fromPort").toInt(&fromOk);
        const int to = p->textAt(u"toPort").toInt(&toOk);
        if ((protocol == u"tcp" || protocol == u"udp") && fromOk && toOk && from >= 0 && to >= from && to <= 65535)
            ports = from == to ? QString::number(from) : QString::number(from) + u'-' + QString::number(to);
        QStringList sources;
        for (const XmlTree *r : p->items(u"ipRanges"))
            sources << r->textAt(u"cidrIp");
        for (const XmlTree *r : p->items(u"ipv6Ranges"))
            sources << r->textAt(u"cidrIpv6");
        for (const XmlTree *r : p->items(u"prefixListIds"))
            sources << r->textAt(u"prefixListId");
        for (const XmlTree *r : p->items(u"groups"))
            sources << r->textAt(u"groupId");
        for (const QString &source : std::as_const(sources)) {
            // A value holding the separator could forge a rule; AWS never sends one.
            if (source.isEmpty() || source.contains(u';'))
                continue;
            const QString rule = protocol + u':' + ports + u':' + source;
            if (!rules.contains(rule))
                rules << rule;
        }
    }
    return rules.join(u';');
}

QUrl AwsSecurity::bucketUrl(const QString &endpoint, const QString &bucket, const QString &region,
                            const QString &subresource)
{
    QUrl url;
    const QByteArray encoded = auth::SigV4Signer::uriEncode(bucket.toUtf8(), false);
    if (!endpoint.isEmpty()) {
        url = QUrl(endpoint);
        QString path = url.path(QUrl::FullyEncoded);
        while (path.endsWith(u'/'))
            path.chop(1);
        url.setPath(path + u'/' + QString::fromLatin1(encoded), QUrl::StrictMode);
    } else {
        const QString domain = region.startsWith(QStringLiteral("cn-")) ? QStringLiteral("amazonaws.com.cn")
                                                                        : QStringLiteral("amazonaws.com");
        const QString s3Host = region.isEmpty() ? QString(QStringLiteral("s3.") + domain)
                                                : QString(QStringLiteral("s3.") + region + u'.' + domain);
        static const QRegularExpression dnsSafe(QStringLiteral("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$"));
        if (dnsSafe.match(bucket).hasMatch()) {
            url = QUrl(QStringLiteral("https://") + bucket + u'.' + s3Host + u'/');
        } else {
            url = QUrl(QStringLiteral("https://") + s3Host);
            url.setPath(u'/' + QString::fromLatin1(encoded), QUrl::StrictMode);
        }
    }
    if (!subresource.isEmpty())
        url.setQuery(subresource);
    return url;
}

bool AwsSecurity::readCredentialReport(const QByteArray &csv, const QString &accountId, int64_t now,
                                       std::vector<ResourceRecord> *users, QString *error)
{
    QByteArray data = csv;
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    import::CsvReader reader(&buffer);
    if (!reader.readRow()) {
        *error = reader.hasError() ? QStringLiteral("the report's CSV: ") + reader.error()
                                   : QStringLiteral("the report is empty");
        return false;
    }
    QHash<QString, int> column;
    for (int i = 0; i < reader.fieldCount(); ++i)
        column.insert(QString::fromUtf8(reader.field(i)).trimmed(), i);
    const QStringList needed = {QStringLiteral("user"), QStringLiteral("arn"), QStringLiteral("user_creation_time"),
                                QStringLiteral("password_last_used"), QStringLiteral("access_key_1_last_used_date"),
                                QStringLiteral("access_key_2_last_used_date")};
    for (const QString &name : needed) {
        if (!column.contains(name)) {
            *error = QStringLiteral("the report's CSV has no column '%1' on line 1").arg(name);
            return false;
        }
    }
    const int width = reader.fieldCount();
    std::vector<ResourceRecord> out;
    while (reader.readRow()) {
        const int64_t line = reader.rowLine();
        if (reader.fieldCount() != width) {
            *error = QStringLiteral("line %1 of the report has %2 fields, the header %3").arg(line).arg(reader.fieldCount()).arg(width);
            return false;
        }
        auto value = [&](const QString &name) { return QString::fromUtf8(reader.field(column.value(name))).trimmed(); };
        const QString user = value(QStringLiteral("user"));
        const QString arn = value(QStringLiteral("arn"));
        if (user == u"<root_account>")
            continue;
        if (user.isEmpty() || !arn.startsWith(QStringLiteral("arn:"))) {
            *error = QStringLiteral("line %1 of the report has no user name or ARN").arg(line);
            return false;
        }
        int64_t created = 0, latest = 0;
        if (!reportDate(value(QStringLiteral("user_creation_time")), now, &created)) {
            *error = QStringLiteral("line %1 of the report: user_creation_time '%2' is not a date")
                         .arg(line)
                         .arg(value(QStringLiteral("user_creation_time")).left(40));
            return false;
        }
        for (const QString &name : {QStringLiteral("password_last_used"), QStringLiteral("access_key_1_last_used_date"),
                                    QStringLiteral("access_key_2_last_used_date")}) {
            int64_t t = 0;
            if (!reportDate(value(name), now, &t)) {
                *error = QStringLiteral("line %1 of the report: %2 '%3' is not a date").arg(line).arg(name, value(name).left(40));
                return false;
            }
            latest = std::max(latest, t);
        }
        ResourceRecord r;
        r.accountId = accountId;
        r.region = QStringLiteral("global");
        r.resourceId = arn;
        r.name = user;
        r.type = QStringLiteral("iam_user");
        r.state = QStringLiteral("active");
        r.createdAt = created;
        r.tags = {{QStringLiteral("costscope:last-activity"),
                   latest > 0 ? QDateTime::fromSecsSinceEpoch(latest, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"))
                              : QStringLiteral("never")}};
        out.push_back(std::move(r));
    }
    if (reader.hasError()) {
        *error = QStringLiteral("the report's CSV: ") + reader.error();
        return false;
    }
    users->insert(users->end(), std::make_move_iterator(out.begin()), std::make_move_iterator(out.end()));
    return true;
}

// ---- requests --------------------------------------------------------------------------------

bool AwsSecurity::send(net::HttpRequest request, const QString &what, const QString &region, const QString &service,
                       bool s3, Reply *reply, const CancelFn &cancelled)
{
    auth::AwsCredentials credentials;
    QString error;
    if (!m_access.credentials(&credentials, &error, cancelled)) {
        reply->result = {};
        reply->result.error = error;
        return false;
    }
    auth::SigV4Options options;
    if (s3) {
        options.normalizePath = false;
        options.encodePath = false;
        request.headers.append({"x-amz-content-sha256", kEmptySha256});
    }
    request.prepare = [credentials, region, service, options](net::HttpRequest &r) {
        auth::SigV4Signer::signHttpRequest(r, credentials, region, service, QDateTime::currentDateTimeUtc(), options);
    };
    qCDebug(lcAwsSecurity) << "account" << m_account.name << what;
    reply->result = m_http.send(std::move(request), cancelled);
    reply->code.clear();
    reply->message.clear();
    reply->xml.reset();
    if (!reply->result.ok) {
        if (reply->result.response.status >= 400)
            xmlError(reply->result.response.body, &reply->code, &reply->message);
        return false;
    }
    reply->xml = XmlTree::parse(reply->result.response.body, &reply->xmlError);
    return true;
}

bool AwsSecurity::query(const QString &what, const QUrl &url, const QString &region, const QString &service,
                        const QList<QPair<QString, QString>> &form, Reply *reply, const CancelFn &cancelled)
{
    net::HttpRequest request;
    request.method = "POST";
    request.url = url;
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
    request.body = formEncode(form);
    return send(std::move(request), what, region, service, false, reply, cancelled);
}

bool AwsSecurity::s3Get(const QString &what, const QUrl &url, const QString &region, Reply *reply,
                        const CancelFn &cancelled)
{
    net::HttpRequest request;
    request.method = "GET";
    request.url = url;
    return send(std::move(request), what, region.isEmpty() ? QStringLiteral("us-east-1") : region, QStringLiteral("s3"),
                true, reply, cancelled);
}

QString AwsSecurity::failure(const QString &what, const Reply &reply, const QString &permission) const
{
    if (reply.result.cancelled)
        return what + QStringLiteral(": cancelled");
    QString text = what + QStringLiteral(": ");
    if (isDenied(reply.code))
        text += QStringLiteral("the credentials lack %1 (%2)").arg(permission, reply.code);
    else if (reply.code.contains(QStringLiteral("Throttl")) || reply.code == u"SlowDown" || reply.result.response.status == 429)
        text += QStringLiteral("AWS kept throttling the requests");
    else if (!reply.code.isEmpty())
        text += QStringLiteral("AWS answered %1").arg(reply.code);
    if (!reply.message.isEmpty())
        text += QStringLiteral(": ") + reply.message;
    if (!reply.code.isEmpty() || reply.result.response.status == 429)
        text += QStringLiteral(" (") + reply.result.error + u')';
    else
        text += reply.result.error;
    return m_access.scrub ? m_access.scrub(text) : text;
}

ResourceRecord AwsSecurity::record(const QString &region, const QString &id, const QString &type) const
{
    ResourceRecord r;
    r.provider = QStringLiteral("AWS");
    r.accountId = m_accountId;
    r.region = region;
    r.resourceId = id;
    r.type = type;
    r.state = QStringLiteral("active");
    r.firstSeen = m_now;
    r.lastSeen = m_now;
    return r;
}

// ---- the three facts -------------------------------------------------------------------------

bool AwsSecurity::fetchBuckets(std::vector<ResourceRecord> *out, QStringList *warnings, QString *error,
                               const CancelFn &cancelled)
{
    struct Bucket
    {
        QString name, region;
        int64_t created = 0;
    };
    std::vector<Bucket> buckets;
    const QUrl listUrl = m_account.endpoint.isEmpty() ? QUrl(QStringLiteral("https://s3.amazonaws.com/")) : QUrl(m_account.endpoint);
    bool listDenied = false;
    auto fetchPage = [&](const QString &token, QString *nextToken, QString *pageError) -> bool {
        const QString what = QStringLiteral("AWS S3 ListBuckets");
        QUrl url = listUrl;
        QString q = QStringLiteral("max-buckets=1000");
        if (!token.isEmpty())
            q += QStringLiteral("&continuation-token=") + QString::fromLatin1(auth::SigV4Signer::uriEncode(token.toUtf8(), false));
        url.setQuery(q, QUrl::StrictMode);
        Reply reply;
        if (!s3Get(what, url, QString(), &reply, cancelled)) {
            listDenied = isDenied(reply.code);
            *pageError = failure(what, reply, QStringLiteral("s3:ListAllMyBuckets"));
            return false;
        }
        if (!reply.xml || reply.xml->name != u"ListAllMyBucketsResult") {
            *pageError = what + QStringLiteral(": the answer is not a ListAllMyBucketsResult")
                + (reply.xml ? QString() : QStringLiteral(" (") + reply.xmlError + u')');
            return false;
        }
        for (const XmlTree *b : reply.xml->items(u"Buckets", u"Bucket")) {
            Bucket bucket{b->textAt(u"Name"), b->textAt(u"BucketRegion"), parseTime(b->textAt(u"CreationDate"))};
            // S3 bucket names: 3-63 of a-z 0-9 . - (older us-east-1 ones also _ and capitals).
            static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9._-]{3,255}$"));
            if (!valid.match(bucket.name).hasMatch()) {
                *pageError = what + QStringLiteral(": a bucket name that S3 would not accept: '%1'").arg(bucket.name.left(80));
                return false;
            }
            buckets.push_back(std::move(bucket));
        }
        *nextToken = reply.xml->textAt(u"ContinuationToken");
        return true;
    };
    const net::PagingResult paging = net::fetchPages(m_options.maxPages, fetchPage, cancelled);
    if (listDenied) {
        *warnings << paging.error + QStringLiteral("; the public access of the buckets is unknown");
        return true;
    }
    if (const QString why = paging.failure(QStringLiteral("AWS S3 ListBuckets"), QStringLiteral("continuation tokens"));
        !why.isEmpty()) {
        *error = why;
        return false;
    }

    Denials denied;
    for (const Bucket &b : buckets) {
        if (cancelled && cancelled()) {
            *error = QStringLiteral("AWS S3: cancelled");
            return false;
        }
        const QString quoted = u'\'' + b.name + u'\'';
        QString region = b.region;
        Reply reply;
        bool known = true;
        bool gone = false;
        // Answers: true = read, false = failed (error set); a denial or a missing bucket are reads.
        auto get = [&](const QString &api, const QString &permission, const QString &subresource, const QString &signRegion,
                       const QStringList &absentCodes, bool *absent) -> bool {
            const QString what = QStringLiteral("AWS S3 %1 of bucket %2").arg(api, quoted);
            if (absent)
                *absent = false;
            if (s3Get(what, bucketUrl(m_account.endpoint, b.name, signRegion, subresource), signRegion, &reply, cancelled)) {
                if (!reply.xml) {
                    *error = what + QStringLiteral(": the answer is not usable XML (") + reply.xmlError + u')';
                    return false;
                }
                return true;
            }
            if (isDenied(reply.code)) {
                denied.add(api, permission, reply.code, b.name);
                known = false;
                return true;
            }
            if (reply.code == u"NoSuchBucket") {
                gone = true;
                return true;
            }
            if (absent && absentCodes.contains(reply.code)) {
                *absent = true;
                return true;
            }
            *error = failure(what, reply, permission);
            return false;
        };
        if (region.isEmpty()) {
            if (!get(QStringLiteral("GetBucketLocation"), QStringLiteral("s3:GetBucketLocation"), QStringLiteral("location"),
                     QString(), {}, nullptr))
                return false;
            if (gone)
                continue;
            if (known) {
                if (reply.xml->name != u"LocationConstraint") {
                    *error = QStringLiteral("AWS S3 GetBucketLocation of bucket %1: the answer is not a LocationConstraint").arg(quoted);
                    return false;
                }
                region = reply.xml->text;
                if (region.isEmpty())
                    region = QStringLiteral("us-east-1");
                else if (region == u"EU")
                    region = QStringLiteral("eu-west-1");
                static const QRegularExpression regionPattern(QStringLiteral("^[a-z]{2}(-[a-z]+)+-[0-9]+$"));
                if (!regionPattern.match(region).hasMatch()) {
                    *error = QStringLiteral("AWS S3 GetBucketLocation of bucket %1: '%2' is not a region").arg(quoted, region.left(40));
                    return false;
                }
            }
        }
        ResourceRecord r = record(region.isEmpty() ? QStringLiteral("global") : region, b.name, QStringLiteral("bucket"));
        r.name = b.name;
        r.createdAt = b.created;
        BucketAccess access;
        if (known) {
            bool absent = false;
            if (!get(QStringLiteral("GetPublicAccessBlock"), QStringLiteral("s3:GetBucketPublicAccessBlock"),
                     QStringLiteral("publicAccessBlock"), region, {QStringLiteral("NoSuchPublicAccessBlockConfiguration")}, &absent))
                return false;
            if (gone)
                continue;
            if (known && !absent) {
                if (reply.xml->name != u"PublicAccessBlockConfiguration") {
                    *error = QStringLiteral("AWS S3 GetPublicAccessBlock of bucket %1: the answer is not a "
                                            "PublicAccessBlockConfiguration").arg(quoted);
                    return false;
                }
                access.ignorePublicAcls = reply.xml->textAt(u"IgnorePublicAcls").compare(u"true", Qt::CaseInsensitive) == 0;
                access.restrictPublicBuckets =
                    reply.xml->textAt(u"RestrictPublicBuckets").compare(u"true", Qt::CaseInsensitive) == 0;
            }
        }
        // With both switches on, neither the ACL nor the policy can make the bucket public.
        const bool blocked = access.ignorePublicAcls && access.restrictPublicBuckets;
        if (known && !blocked) {
            bool absent = false;
            if (!get(QStringLiteral("GetBucketPolicyStatus"), QStringLiteral("s3:GetBucketPolicyStatus"),
                     QStringLiteral("policyStatus"), region, {QStringLiteral("NoSuchBucketPolicy")}, &absent))
                return false;
            if (gone)
                continue;
            if (known && !absent) {
                if (reply.xml->name != u"PolicyStatus") {
                    *error = QStringLiteral("AWS S3 GetBucketPolicyStatus of bucket %1: the answer is not a PolicyStatus").arg(quoted);
                    return false;
                }
                access.policyPublic = reply.xml->textAt(u"IsPublic").compare(u"true", Qt::CaseInsensitive) == 0;
            }
        }
        if (known && !blocked) {
            if (!get(QStringLiteral("GetBucketAcl"), QStringLiteral("s3:GetBucketAcl"), QStringLiteral("acl"), region, {}, nullptr))
                return false;
            if (gone)
                continue;
            if (known) {
                if (reply.xml->name != u"AccessControlPolicy") {
                    *error = QStringLiteral("AWS S3 GetBucketAcl of bucket %1: the answer is not an AccessControlPolicy").arg(quoted);
                    return false;
                }
                readAcl(*reply.xml, &access);
            }
        }
        if (known)
            r.tags.append({QStringLiteral("costscope:public-access"), publicAccess(access)});
        out->push_back(std::move(r));
    }
    for (auto it = denied.byApi.cbegin(); it != denied.byApi.cend(); ++it) {
        const auto &e = it.value();
        *warnings << QStringLiteral("AWS S3 %1 of bucket '%2'%3: the credentials lack %4 (%5); the public access of %6 "
                                    "bucket(s) is unknown")
                         .arg(it.key(), e.subjects.value(0),
                              e.subjects.size() > 1 ? QStringLiteral(" and %1 more").arg(e.subjects.size() - 1) : QString(),
                              e.permission, e.code)
                         .arg(e.subjects.size());
    }
    return true;
}

bool AwsSecurity::fetchSecurityGroups(const QStringList &regions, std::vector<ResourceRecord> *out, QStringList *warnings,
                                      QString *error, const CancelFn &cancelled)
{
    QStringList deniedRegions;
    QString deniedCode;
    for (const QString &region : regions) {
        const QUrl url = m_account.endpoint.isEmpty() ? QUrl(QStringLiteral("https://ec2.%1.amazonaws.com/").arg(region))
                                                      : QUrl(m_account.endpoint);
        const QString what = QStringLiteral("AWS EC2 DescribeSecurityGroups in %1").arg(region);
        std::vector<ResourceRecord> groups;
        bool denied = false;
        auto fetchPage = [&](const QString &token, QString *nextToken, QString *pageError) -> bool {
            QList<QPair<QString, QString>> form = {{QStringLiteral("Action"), QStringLiteral("DescribeSecurityGroups")},
                                                    {QStringLiteral("Version"), QString::fromLatin1(kEc2Version)},
                                                    {QStringLiteral("MaxResults"), QStringLiteral("1000")}};
            if (!token.isEmpty())
                form.append({QStringLiteral("NextToken"), token});
            Reply reply;
            if (!query(what, url, region, QStringLiteral("ec2"), form, &reply, cancelled)) {
                denied = isDenied(reply.code);
                if (denied)
                    deniedCode = reply.code;
                *pageError = failure(what, reply, QStringLiteral("ec2:DescribeSecurityGroups"));
                return false;
            }
            if (!reply.xml || reply.xml->name != u"DescribeSecurityGroupsResponse") {
                *pageError = what + QStringLiteral(": the answer is not usable XML (")
                    + (reply.xml ? QStringLiteral("<%1>").arg(reply.xml->name) : reply.xmlError) + u')';
                return false;
            }
            for (const XmlTree *g : reply.xml->items(u"securityGroupInfo")) {
                const QString id = g->textAt(u"groupId");
                if (!id.startsWith(QStringLiteral("sg-"))) {
                    *pageError = what + QStringLiteral(": a security group without a groupId");
                    return false;
                }
                ResourceRecord r = record(region, id, QStringLiteral("security_group"));
                r.name = g->textAt(u"groupName");
                r.tags = userTags(*g);
                r.tags.append({QStringLiteral("costscope:ingress"), ingressOf(*g)});
                groups.push_back(std::move(r));
            }
            *nextToken = reply.xml->textAt(u"nextToken");
            return true;
        };
        const net::PagingResult paging = net::fetchPages(m_options.maxPages, fetchPage, cancelled);
        if (denied) {
            deniedRegions << region;
            continue;
        }
        if (const QString why = paging.failure(what); !why.isEmpty()) {
            *error = why;
            return false;
        }
        out->insert(out->end(), std::make_move_iterator(groups.begin()), std::make_move_iterator(groups.end()));
    }
    if (!deniedRegions.isEmpty())
        *warnings << QStringLiteral("AWS EC2 DescribeSecurityGroups in %1: the credentials lack ec2:DescribeSecurityGroups "
                                    "(%2); the security groups there are unknown")
                         .arg(deniedRegions.join(QStringLiteral(", ")), deniedCode);
    return true;
}

bool AwsSecurity::fetchIamUsers(std::vector<ResourceRecord> *out, QStringList *warnings, QString *error,
                                const CancelFn &cancelled)
{
    const QUrl url = m_account.endpoint.isEmpty() ? QUrl(QStringLiteral("https://iam.amazonaws.com/")) : QUrl(m_account.endpoint);
    const QString region = QStringLiteral("us-east-1");
    const QString iam = QStringLiteral("iam");
    auto denial = [&](const QString &what, const Reply &reply, const QString &permission) {
        *warnings << failure(what, reply, permission) + QStringLiteral("; the IAM users' last activity is unknown");
        return true;
    };
    // GenerateCredentialReport until AWS says COMPLETE (a report at most 4 hours old is reused).
    const QString generate = QStringLiteral("AWS IAM GenerateCredentialReport");
    for (int poll = 0;; ++poll) {
        if (poll >= kMaxReportPolls) {
            *error = generate + QStringLiteral(": the report was still being generated after %1 requests").arg(kMaxReportPolls);
            return false;
        }
        if (poll > 0) {
            const std::chrono::milliseconds wait = m_http.backoff(poll);
            if (m_options.pollWait) {
                m_options.pollWait(wait, cancelled);
            } else {
                for (std::chrono::milliseconds waited{0}; waited < wait && !(cancelled && cancelled());
                     waited += std::chrono::milliseconds(50))
                    QThread::msleep(50);
            }
            if (cancelled && cancelled()) {
                *error = generate + QStringLiteral(": cancelled");
                return false;
            }
        }
        Reply reply;
        if (!query(generate, url, region, iam,
                   {{QStringLiteral("Action"), QStringLiteral("GenerateCredentialReport")},
                    {QStringLiteral("Version"), QString::fromLatin1(kIamVersion)}},
                   &reply, cancelled)) {
            if (isDenied(reply.code))
                return denial(generate, reply, QStringLiteral("iam:GenerateCredentialReport"));
            *error = failure(generate, reply, QStringLiteral("iam:GenerateCredentialReport"));
            return false;
        }
        if (!reply.xml || reply.xml->name != u"GenerateCredentialReportResponse") {
            *error = generate + QStringLiteral(": the answer is not usable XML (")
                + (reply.xml ? QStringLiteral("<%1>").arg(reply.xml->name) : reply.xmlError) + u')';
            return false;
        }
        const QString state = reply.xml->textAt(u"GenerateCredentialReportResult/State");
        if (state == u"COMPLETE")
            break;
        if (state != u"STARTED" && state != u"INPROGRESS") {
            *error = generate + QStringLiteral(": unexpected report state '%1'").arg(state.left(40));
            return false;
        }
    }
    const QString get = QStringLiteral("AWS IAM GetCredentialReport");
    Reply reply;
    if (!query(get, url, region, iam,
               {{QStringLiteral("Action"), QStringLiteral("GetCredentialReport")},
                {QStringLiteral("Version"), QString::fromLatin1(kIamVersion)}},
               &reply, cancelled)) {
        if (isDenied(reply.code))
            return denial(get, reply, QStringLiteral("iam:GetCredentialReport"));
        *error = failure(get, reply, QStringLiteral("iam:GetCredentialReport"));
        return false;
    }
    const XmlTree *result = reply.xml && reply.xml->name == u"GetCredentialReportResponse"
        ? reply.xml->child(u"GetCredentialReportResult")
        : nullptr;
    if (!result) {
        *error = get + QStringLiteral(": the answer is not usable XML (")
            + (reply.xml ? QStringLiteral("<%1>").arg(reply.xml->name) : reply.xmlError) + u')';
        return false;
    }
    const QString format = result->textAt(u"ReportFormat");
    if (!format.isEmpty() && format != u"text/csv") {
        *error = get + QStringLiteral(": the report format is '%1', not text/csv").arg(format.left(40));
        return false;
    }
    const auto decoded = QByteArray::fromBase64Encoding(result->textAt(u"Content").toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        *error = get + QStringLiteral(": the report's Content is not base64");
        return false;
    }
    QString why;
    if (!readCredentialReport(*decoded, m_accountId, m_now, out, &why)) {
        *error = get + QStringLiteral(": ") + why;
        return false;
    }
    return true;
}

bool AwsSecurity::fetch(const QStringList &regions, ResourceBatch *facts, QStringList *warnings, QString *error,
                        const CancelFn &cancelled)
{
    m_now = QDateTime::currentSecsSinceEpoch();
    facts->provider = QStringLiteral("AWS");
    facts->accountId = m_accountId;
    facts->observedAt = m_now;
    facts->resources.clear();
    std::vector<ResourceRecord> out;
    QStringList found;
    if (!fetchBuckets(&out, &found, error, cancelled) || !fetchSecurityGroups(regions, &out, &found, error, cancelled)
        || !fetchIamUsers(&out, &found, error, cancelled))
        return false;
    facts->resources = std::move(out);
    for (const QString &w : std::as_const(found))
        qCWarning(lcAwsSecurity).noquote() << "account" << m_account.name << w;
    *warnings << found;
    qCInfo(lcAwsSecurity) << "account" << m_account.name << facts->resources.size() << "security facts," << found.size()
                          << "warnings";
    return true;
}

} // namespace costscope::providers::aws
