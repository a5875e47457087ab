// The AWS side of the provider contract tests: Cost Explorer GetCostAndUsage (JSON 1.1) and the EC2
// Query API (XML) on one local endpoint, dispatched as AWS does (X-Amz-Target, Action). Every
// request's SigV4 signature is recomputed with the secret the server knows.

#include "support/FakeAwsCostExplorer.h"
#include "support/FakeAwsSecurity.h"
#include "support/LocalHttpServer.h"

#include "providers/auth/SigV4Signer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>

#include <atomic>
#include <map>
#include <mutex>
#include <optional>

namespace costscope::testsupport {

namespace {

using providers::auth::AwsCredentials;
using providers::auth::SigV4Options;
using providers::auth::SigV4Request;
using providers::auth::SigV4Signer;

const QStringList kLinkedAccounts = {QStringLiteral("111122223333"), QStringLiteral("444455556666")};
const QStringList kAccountNames = {QStringLiteral("prod"), QStringLiteral("dev")};
// The fake's Cost Explorer data: per day one amount and quantity for each of these atoms
// (linked account index, service, region, usage type, record type, team tag, usage unit).
struct AtomSpec
{
    int account;
    const char *service, *region, *usageType, *recordType, *team, *unit;
};
const char kEc2[] = "Amazon Elastic Compute Cloud - Compute";
const char kS3[] = "Amazon Simple Storage Service";
const char kRedshift[] = "Amazon Redshift";
const AtomSpec kAtoms[] = {
    {0, kEc2, "us-east-1", "USE1-BoxUsage:m5.large", "Usage", "ml", "Hrs"},
    {0, kEc2, "us-east-1", "USE1-EBS:VolumeUsage.gp3", "Usage", "web", "GB-Mo"},
    {0, kEc2, "eu-west-1", "EU-BoxUsage:t3.micro", "Usage", "web", "Hrs"},
    {1, kEc2, "us-east-1", "USE1-BoxUsage:t3.small", "Usage", "", "Hrs"},
    {0, kS3, "us-east-1", "USE1-Requests-Tier1", "Usage", "data", "Requests"},
    {0, kS3, "us-east-1", "USE1-TimedStorage-ByteHrs", "Usage", "data", "GB-Mo"},
    {0, kS3, "us-east-1", "USE1-Requests-Tier1", "Credit", "data", "Requests"},
    {1, kS3, "eu-west-1", "EU-DataTransfer-Out-Bytes", "Usage", "", "GB"},
    {0, kRedshift, "us-east-1", "USE1-Node:dc2.large", "Usage", "data", "Hrs"},
    {0, "Refund", "NoRegion", "NoUsageType", "Refund", "", "N/A"},
    {1, "Refund", "NoRegion", "NoUsageType", "Refund", "", "N/A"},
};

QString formatNanos(qint64 nanos)
{
    const QString sign = nanos < 0 ? QStringLiteral("-") : QString();
    const qint64 v = nanos < 0 ? -nanos : nanos;
    return sign + QStringLiteral("%1.%2").arg(v / 1000000000LL).arg(v % 1000000000LL, 9, 10, QLatin1Char('0'));
}
constexpr int kDaysPerPage = 7;
const QByteArray kXmlns = "http://ec2.amazonaws.com/doc/2016-11-15/";

QByteArray readSample(const char *name)
{
    QFile f(QStringLiteral(COSTSCOPE_TEST_DATA "/aws-ec2/") + QString::fromLatin1(name));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QList<QPair<QString, QString>> decodePairs(const QByteArray &text)
{
    QList<QPair<QString, QString>> out;
    for (const QByteArray &pair : text.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        out.append({QString::fromUtf8(QByteArray::fromPercentEncoding(eq < 0 ? pair : pair.left(eq))),
                    QString::fromUtf8(QByteArray::fromPercentEncoding(eq < 0 ? QByteArray() : pair.mid(eq + 1)))});
    }
    return out;
}

QByteArray emptyEc2(const QByteArray &action, const QByteArray &set)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + action + "Response xmlns=\"" + kXmlns
        + "\"><requestId>r-1</requestId><" + set + "/></" + action + "Response>";
}

class FakeAwsServer : public FakeAwsCostExplorer
{
public:
    explicit FakeAwsServer(bool withRole = false)
        : m_withRole(withRole)
    {
    }

    QString providerKey() const override { return QStringLiteral("aws"); }

    bool start() override
    {
        m_server.setHandler([this](const RecordedRequest &r) { return handle(r); });
        return m_server.start();
    }

    providers::AccountConfig account(const QString &name) const override
    {
        providers::AccountConfig c;
        c.id = QStringLiteral("aws-") + name;
        c.name = name;
        c.provider = QStringLiteral("aws");
        c.endpoint = m_server.url(QStringLiteral("/")).toString();
        c.region = QStringLiteral("us-west-2");
        c.billingAccount = QStringLiteral("999988887777");
        if (m_withRole)
            c.options.insert(QStringLiteral("role_arn"), roleArn());
        return c;
    }

    providers::Secrets secrets() const override
    {
        return {{QStringLiteral("access_key_id"), QStringLiteral("AKIDFAKECONTRACT")},
                {QStringLiteral("secret_access_key"), QStringLiteral("fake/Secret+Key=ForTheContractSuite0001")}};
    }

    void setFault(const FaultPlan &plan) override { m_faults.set(plan); }

    // The line items the client writes: the atoms per account, service, region and usage type
    // (pass 3), and per account and service the costs without a region.
    QStringList billedAmounts(const QDate &day) const override
    {
        std::map<std::tuple<QString, QString, QString, QString>, qint64> rows;
        for (const Atom &a : atoms(day)) {
            const bool noRegion = a.region == u"NoRegion";
            rows[{a.account, a.service, noRegion ? QString() : a.region, noRegion ? QString() : a.usageType}] += a.nanos;
        }
        QStringList out;
        for (const auto &[key, nanos] : rows)
            out << formatNanos(nanos);
        return out;
    }

    std::vector<Atom> atoms(const QDate &day) const override
    {
        std::vector<Atom> out;
        int i = 0;
        for (const AtomSpec &spec : kAtoms) {
            const qint64 seed = day.toJulianDay() * 31 + spec.account * 7 + i++;
            const qint64 fraction = (seed * 2654435761LL) % 1000000000LL;
            Atom a{kLinkedAccounts[spec.account], QString::fromLatin1(spec.service), QString::fromLatin1(spec.region),
                   QString::fromLatin1(spec.usageType), QString::fromLatin1(spec.recordType), QString::fromLatin1(spec.team),
                   QString::fromLatin1(spec.unit), (seed % 97) * 1000000000LL + fraction,
                   QStringLiteral("%1.25").arg(seed % 5000 + 1)};
            if (a.recordType != u"Usage")
                a.nanos = -(fraction % 1000000);
            out.push_back(std::move(a));
        }
        for (int k = 1; k <= m_extraRegions; ++k) {
            const qint64 seed = day.toJulianDay() * 31 + 7 + i++;
            out.push_back(Atom{kLinkedAccounts[1], QString::fromLatin1(kEc2), QStringLiteral("test-region-%1").arg(k),
                               QStringLiteral("TR%1-BoxUsage:t3.nano").arg(k), QStringLiteral("Usage"), QString(), QStringLiteral("Hrs"),
                               (seed % 13) * 1000000000LL + (seed * 2654435761LL) % 1000000000LL, QStringLiteral("24.00")});
        }
        return out;
    }

    QStringList ceRequests() const override
    {
        std::lock_guard lock(m_mutex);
        return m_ceRequests;
    }
    void setFaultPass(const QString &prefix) override
    {
        std::lock_guard lock(m_mutex);
        m_faultPass = prefix;
    }
    void setTagKeys(const QStringList &keys) override
    {
        std::lock_guard lock(m_mutex);
        m_tagKeys = keys;
    }
    void setTagsDenied(bool denied) override
    {
        std::lock_guard lock(m_mutex);
        m_tagsDenied = denied;
    }
    void setExtraRegions(int n) override { m_extraRegions = n; }

    // DescribeInstances 2 (+1 on the second page), volumes 2, snapshots 4, addresses 3, images 1.
    // ... plus the buckets, security groups and IAM users of FakeAwsSecurity.
    int resourceCount() const override { return 13 + FakeAwsSecurity::resourceCount(); }
    void setSecurity(std::shared_ptr<FakeAwsSecurity> security) { m_security = std::move(security); }
    // Two running instances (one in the sample, one on the second page) x CPU, network in, out.
    int metricSeriesCount() const override { return 6; }
    int requestCount() const override { return m_server.requestCount(); }
    QString rejection() const override
    {
        std::lock_guard lock(m_mutex);
        return m_rejection;
    }

    void setStsAnswer(StsAnswer answer) override
    {
        std::lock_guard lock(m_mutex);
        m_stsAnswer = answer;
    }
    void setTemporaryLifetime(int seconds) override
    {
        std::lock_guard lock(m_mutex);
        m_lifetime = seconds;
    }
    int assumeRoleCount() const override
    {
        std::lock_guard lock(m_mutex);
        return int(m_issued.size());
    }
    QStringList issuedSecrets() const override
    {
        std::lock_guard lock(m_mutex);
        QStringList out;
        for (const Temporary &t : m_issued)
            out << t.secret << t.token;
        return out;
    }
    QString lastSessionName() const override
    {
        std::lock_guard lock(m_mutex);
        return m_sessionName;
    }
    int temporaryCalls() const override
    {
        std::lock_guard lock(m_mutex);
        return m_temporaryCalls;
    }

private:
    // Recomputes the signature over the headers named in SignedHeaders, as AWS does.
    bool verify(const RecordedRequest &received, QString *region, QString *service, QString *why) const
    {
        const QByteArray authorization = received.header("Authorization");
        const qsizetype credAt = authorization.indexOf("Credential=");
        const qsizetype at = authorization.indexOf("SignedHeaders=");
        if (!authorization.startsWith("AWS4-HMAC-SHA256 ") || credAt < 0 || at < 0) {
            *why = QStringLiteral("no SigV4 Authorization header");
            return false;
        }
        const QList<QByteArray> scope =
            authorization.mid(credAt + 11, authorization.indexOf(',', credAt) - credAt - 11).split('/');
        if (scope.size() != 5) {
            *why = QStringLiteral("bad credential scope");
            return false;
        }
        *region = QString::fromLatin1(scope[2]);
        *service = QString::fromLatin1(scope[3]);
        AwsCredentials credentials{m_keyId, m_secret, QString()};
        {
            std::lock_guard lock(m_mutex);
            if (m_faults.planned() == Fault::BadCredentials)
                credentials.secretAccessKey = QStringLiteral("another-secret-the-client-does-not-know");
            // With a role, only AssumeRole takes the long-term keys; the rest needs live temporary ones.
            if (m_withRole && *service != u"sts") {
                const QString keyId = QString::fromLatin1(scope[0]);
                const auto found = std::find_if(m_issued.cbegin(), m_issued.cend(),
                                                [&keyId](const Temporary &t) { return t.keyId == keyId; });
                if (found == m_issued.cend()) {
                    *why = QStringLiteral("a service call not signed with the role's temporary keys");
                    return false;
                }
                if (received.header("X-Amz-Security-Token") != found->token.toUtf8()) {
                    *why = QStringLiteral("a temporary key without its X-Amz-Security-Token");
                    return false;
                }
                if (found->expiresAt <= QDateTime::currentSecsSinceEpoch()) {
                    *why = QStringLiteral("expired temporary keys");
                    return false;
                }
                credentials = {found->keyId, found->secret, found->token};
            }
        }
        if (QString::fromLatin1(scope[0]) != credentials.accessKeyId) {
            *why = QStringLiteral("unknown access key id");
            return false;
        }
        const QByteArray signedNames = authorization.mid(at + 14, authorization.indexOf(',', at) - at - 14);
        SigV4Request r;
        r.method = received.method;
        r.path = received.path;
        r.body = received.body;
        r.query = decodePairs(received.query);
        const QList<QByteArray> names = signedNames.split(';');
        for (const auto &[name, value] : received.headers) {
            if (names.contains(name.toLower()))
                r.headers.append({name, value});
        }
        QDateTime time = QDateTime::fromString(QString::fromLatin1(received.header("X-Amz-Date")),
                                               QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
        time.setTimeZone(QTimeZone::utc());
        SigV4Options options;
        options.signSessionToken = names.contains("x-amz-security-token");
        if (*service == u"s3") { // S3 signs the path as sent
            options.normalizePath = false;
            options.encodePath = false;
        }
        const auto expected = SigV4Signer::sign(r, credentials, *region, *service, time, options);
        if (expected.authorization != authorization) {
            *why = QStringLiteral("signature mismatch");
            return false;
        }
        if (m_withRole && *service != u"sts") {
            std::lock_guard lock(m_mutex);
            ++m_temporaryCalls;
        }
        return true;
    }

    // STS AssumeRole (Query API, XML): temporary keys and a session token for the role.
    ScriptedResponse assumeRole(const RecordedRequest &r, const QString &region)
    {
        QHash<QString, QString> params;
        for (const auto &[k, v] : decodePairs(r.body))
            params.insert(k, v);
        auto error = [](int status, const QByteArray &code, const QByteArray &message) {
            ScriptedResponse e = ScriptedResponse::status_(
                status, "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>" + code
                    + "</Code><Message>" + message + "</Message></Error><RequestId>sts-err</RequestId></ErrorResponse>");
            e.headers = {{"Content-Type", "text/xml"}};
            return e;
        };
        if (!m_withRole || params.value(QStringLiteral("Action")) != u"AssumeRole"
            || params.value(QStringLiteral("Version")) != u"2011-06-15" || region != u"us-east-1")
            return error(400, "InvalidAction", "not an AssumeRole call of version 2011-06-15 signed for us-east-1");
        const QString session = params.value(QStringLiteral("RoleSessionName"));
        static const QRegularExpression sessionPattern(QStringLiteral("^[A-Za-z0-9_+=,.@-]{2,64}$"));
        if (params.value(QStringLiteral("RoleArn")) != roleArn() || !sessionPattern.match(session).hasMatch()
            || params.value(QStringLiteral("DurationSeconds")).toInt() < 900)
            return error(400, "ValidationError", "bad RoleArn, RoleSessionName or DurationSeconds");
        std::lock_guard lock(m_mutex);
        m_sessionName = session;
        if (m_stsAnswer == StsAnswer::AccessDenied)
            return error(403, "AccessDenied",
                         "User: arn:aws:iam::999988887777:user/costscope is not authorized to perform: sts:AssumeRole on "
                         "resource: " + roleArn().toUtf8());
        if (m_stsAnswer == StsAnswer::Malformed)
            return ScriptedResponse::ok("<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIA", "text/xml");
        const int n = int(m_issued.size()) + 1;
        Temporary t;
        t.keyId = QStringLiteral("ASIAFAKETEMP%1").arg(n, 4, 10, QLatin1Char('0'));
        t.secret = QStringLiteral("tmp/Secret+Key=RoleIssued%1xyz").arg(n);
        t.token = QStringLiteral("FwoGZXIvYXdzEFAKE//SessionToken+number%1==").arg(n);
        t.expiresAt = QDateTime::currentSecsSinceEpoch() + m_lifetime;
        m_issued.push_back(t);
        const QByteArray expiration =
            QDateTime::fromSecsSinceEpoch(t.expiresAt, QTimeZone::utc()).toString(Qt::ISODate).toUtf8();
        return ScriptedResponse::ok(
            "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult><SourceIdentity>costscope"
            "</SourceIdentity><AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/CostscopeRead/" + session.toUtf8()
                + "</Arn><AssumedRoleId>AROA3XFRBF535PLBIFPI4:" + session.toUtf8() + "</AssumedRoleId></AssumedRoleUser><Credentials>"
                + "<SecretAccessKey>" + t.secret.toUtf8() + "</SecretAccessKey><SessionToken>" + t.token.toUtf8()
                + "</SessionToken><Expiration>" + expiration + "</Expiration><AccessKeyId>" + t.keyId.toUtf8()
                + "</AccessKeyId></Credentials><PackedPolicySize>6</PackedPolicySize></AssumeRoleResult><ResponseMetadata>"
                  "<RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata></AssumeRoleResponse>",
            "text/xml");
    }

    // The fault for this request, counting Throttle / ServerError occurrences.
    Fault faultFor(FaultTarget target, const QDate &month, const QString &request = {})
    {
        {
            std::lock_guard lock(m_mutex);
            if (target == FaultTarget::Costs && !request.startsWith(m_faultPass))
                return Fault::None;
        }
        return m_faults.take(target, month);
    }

    static ScriptedResponse transportFault(Fault f, const QByteArray &goodBody, bool *handled)
    {
        *handled = true;
        switch (f) {
        case Fault::Throttle:
            return ScriptedResponse::throttled("1");
        case Fault::ServerError:
            return ScriptedResponse::status_(500, R"({"__type":"InternalFailure"})");
        case Fault::Unavailable:
            return ScriptedResponse::status_(503, R"({"__type":"ServiceUnavailable"})");
        case Fault::Hang:
            return ScriptedResponse::hang();
        case Fault::Truncate:
            return ScriptedResponse::truncated(goodBody.left(goodBody.size() / 2), goodBody.size());
        default:
            *handled = false;
            return {};
        }
    }

    ScriptedResponse handle(const RecordedRequest &r)
    {
        QString region, service, why;
        const QByteArray target = r.header("X-Amz-Target");
        const bool isCe = target == "AWSInsightsIndexService.GetCostAndUsage" || target == "AWSInsightsIndexService.GetTags";
        if (!verify(r, &region, &service, &why)) {
            {
                std::lock_guard lock(m_mutex);
                m_rejection = why;
            }
            if (isCe)
                return ScriptedResponse::status_(
                    400, R"({"__type":"com.amazon.coral.service#InvalidSignatureException","message":"The request signature we calculated does not match the signature you provided."})");
            ScriptedResponse x = ScriptedResponse::status_(
                401, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>AuthFailure</Code><Message>AWS was not "
                     "able to validate the provided access credentials</Message></Error></Errors><RequestID>x</RequestID></Response>");
            x.headers = {{"Content-Type", "text/xml;charset=UTF-8"}};
            return x;
        }
        if (auto security = m_security->answer(r, region, service))
            return *security;
        if (r.method != "POST")
            return ScriptedResponse::status_(405);
        if (service == u"sts")
            return assumeRole(r, region);
        if (isCe) {
            if (service != u"ce" || region != u"us-east-1")
                return ScriptedResponse::status_(400, R"({"__type":"InvalidSignatureException","message":"wrong scope"})");
            return costExplorer(r, target.mid(target.indexOf('.') + 1));
        }
        if (service == u"monitoring")
            return cloudWatch(r);
        if (service != u"ec2")
            return ScriptedResponse::status_(400, "<Response><Errors><Error><Code>InvalidAction</Code></Error></Errors></Response>");
        return ec2(r, region);
    }

    static ScriptedResponse validation(const QByteArray &message)
    {
        return ScriptedResponse::status_(400, R"({"__type":"ValidationException","message":")" + message + "\"}");
    }

    // The value of an atom for a group-by or filter key; empty optional: a key the fake does not know.
    static std::optional<QString> valueOf(const Atom &a, const QString &type, const QString &key)
    {
        if (type == u"TAG")
            return key == u"team" ? std::optional<QString>(a.team) : std::optional<QString>(QString());
        if (type != u"DIMENSION")
            return std::nullopt;
        if (key == u"LINKED_ACCOUNT")
            return a.account;
        if (key == u"SERVICE")
            return a.service;
        if (key == u"REGION")
            return a.region;
        if (key == u"USAGE_TYPE")
            return a.usageType;
        if (key == u"RECORD_TYPE")
            return a.recordType;
        return std::nullopt;
    }

    // Cost Explorer's Expression, as far as the client uses it: Dimensions (one key, values) and And.
    static bool matches(const Atom &a, const QJsonObject &filter, bool *valid)
    {
        if (filter.isEmpty())
            return true;
        if (filter.size() != 1) {
            *valid = false;
            return false;
        }
        if (filter.contains(QStringLiteral("And"))) {
            const QJsonArray all = filter.value(QStringLiteral("And")).toArray();
            if (all.size() < 2)
                *valid = false;
            bool ok = true;
            for (const QJsonValue &e : all)
                ok = matches(a, e.toObject(), valid) && ok;
            return ok;
        }
        const QJsonObject d = filter.value(QStringLiteral("Dimensions")).toObject();
        const auto value = valueOf(a, QStringLiteral("DIMENSION"), d.value(QStringLiteral("Key")).toString());
        const QJsonArray values = d.value(QStringLiteral("Values")).toArray();
        if (!value || values.isEmpty()) {
            *valid = false;
            return false;
        }
        return values.contains(*value);
    }

    ScriptedResponse costExplorer(const RecordedRequest &r, const QByteArray &target)
    {
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        const QJsonObject period = body.value(QStringLiteral("TimePeriod")).toObject();
        const QDate start = QDate::fromString(period.value(QStringLiteral("Start")).toString(), Qt::ISODate);
        const QDate end = QDate::fromString(period.value(QStringLiteral("End")).toString(), Qt::ISODate);
        const QJsonArray groupBy = body.value(QStringLiteral("GroupBy")).toArray();
        const QJsonObject filter = body.value(QStringLiteral("Filter")).toObject();
        QStringList metrics;
        for (const QJsonValue &m : body.value(QStringLiteral("Metrics")).toArray())
            metrics << m.toString();
        const bool tags = target == "GetTags";
        if (!start.isValid() || !end.isValid() || end <= start)
            return validation("bad TimePeriod");
        QStringList groupKeys;
        for (const QJsonValue &g : groupBy)
            groupKeys << g.toObject().value(QStringLiteral("Type")).toString() + u':' + g.toObject().value(QStringLiteral("Key")).toString();
        const QString description = QString::fromLatin1(target) + u' '
            + QStringList(groupKeys).replaceInStrings(QStringLiteral("DIMENSION:"), QString()).join(u',') + QStringLiteral(" | ")
            + QString::fromUtf8(QJsonDocument(filter).toJson(QJsonDocument::Compact)) + QStringLiteral(" | ") + metrics.join(u',');
        {
            std::lock_guard lock(m_mutex);
            m_ceRequests << description;
        }
        if (!tags) {
            if (body.value(QStringLiteral("Granularity")).toString() != u"DAILY" || groupBy.size() != 2)
                return validation("bad request");
            static const QStringList known = {QStringLiteral("UnblendedCost"), QStringLiteral("AmortizedCost"),
                                              QStringLiteral("UsageQuantity")};
            if (metrics.isEmpty() || std::any_of(metrics.cbegin(), metrics.cend(), [](const QString &m) { return !known.contains(m); }))
                return validation("bad Metrics");
        }
        const QString token = body.value(QStringLiteral("NextPageToken")).toString();
        qint64 offset = 0;
        if (!token.isEmpty()) {
            bool ok = false;
            offset = token.startsWith(QStringLiteral("page-")) ? token.mid(5).toLongLong(&ok) : 0;
            if (!ok)
                return validation("invalid NextPageToken");
        }
        Fault fault = faultFor(FaultTarget::Costs, QDate(start.year(), start.month(), 1), description);
        if (fault == Fault::ExpiredToken)
            return ScriptedResponse::status_(
                400, R"({"__type":"com.amazon.coral.service#ExpiredTokenException","message":"The security token included in the request is expired"})");
        if (fault == Fault::Malformed)
            return ScriptedResponse::ok(R"({"ResultsByTime":[{"TimePeriod":{"Start":")" + start.toString(Qt::ISODate).toUtf8(),
                                        "application/x-amz-json-1.1");
        QJsonObject answer;
        const qint64 days = start.daysTo(end);
        if (tags) {
            std::lock_guard lock(m_mutex);
            if (m_tagsDenied)
                return ScriptedResponse::status_(
                    400, R"({"__type":"AccessDeniedException","message":"User: arn:aws:iam::999988887777:user/costscope is not authorized to perform: ce:GetTags"})");
            answer.insert(QStringLiteral("Tags"), QJsonArray::fromStringList(m_tagKeys));
            answer.insert(QStringLiteral("ReturnSize"), int(m_tagKeys.size()));
            answer.insert(QStringLiteral("TotalSize"), int(m_tagKeys.size()));
            if (fault == Fault::PagesForever)
                answer.insert(QStringLiteral("NextPageToken"), QStringLiteral("page-%1").arg(offset + 1));
        } else {
            QJsonArray results;
            for (qint64 i = offset; i < std::min(days, offset + kDaysPerPage); ++i) {
                const QDate day = start.addDays(i);
                struct Sums
                {
                    qint64 nanos = 0;
                    double quantity = 0;
                    QString unit;
                };
                std::map<std::pair<QString, QString>, Sums> sums;
                for (const Atom &a : atoms(day)) {
                    bool valid = true;
                    const bool hit = matches(a, filter, &valid);
                    if (!valid)
                        return validation("bad Filter");
                    if (!hit)
                        continue;
                    QStringList keys;
                    for (const QJsonValue &g : groupBy) {
                        const QString type = g.toObject().value(QStringLiteral("Type")).toString();
                        const QString key = g.toObject().value(QStringLiteral("Key")).toString();
                        const auto value = valueOf(a, type, key);
                        if (!value)
                            return validation("bad GroupBy");
                        keys << (type == u"TAG" ? key + u'$' + *value : *value);
                    }
                    Sums &s = sums[{keys[0], keys[1]}];
                    s.nanos += a.nanos;
                    s.quantity += a.quantity.toDouble();
                    s.unit = s.unit.isEmpty() || s.unit == a.unit ? a.unit : QStringLiteral("N/A");
                }
                QJsonArray groups;
                for (const auto &[keys, s] : sums) {
                    QJsonObject m;
                    for (const QString &metric : std::as_const(metrics)) {
                        m.insert(metric, metric == u"UsageQuantity"
                                             ? QJsonObject{{QStringLiteral("Amount"), QString::number(s.quantity, 'f', 2)},
                                                           {QStringLiteral("Unit"), s.unit}}
                                             : QJsonObject{{QStringLiteral("Amount"), formatNanos(s.nanos)},
                                                           {QStringLiteral("Unit"), QStringLiteral("USD")}});
                    }
                    groups.append(QJsonObject{{QStringLiteral("Keys"), QJsonArray{keys.first, keys.second}}, {QStringLiteral("Metrics"), m}});
                }
                results.append(QJsonObject{
                    {QStringLiteral("TimePeriod"),
                     QJsonObject{{QStringLiteral("Start"), day.toString(Qt::ISODate)}, {QStringLiteral("End"), day.addDays(1).toString(Qt::ISODate)}}},
                    {QStringLiteral("Total"), QJsonObject{}},
                    {QStringLiteral("Groups"), groups},
                    {QStringLiteral("Estimated"), day.month() == QDate::currentDate().month()}});
            }
            QJsonArray attributes;
            if (groupKeys.contains(QStringLiteral("DIMENSION:LINKED_ACCOUNT"))) {
                for (qsizetype a = 0; a < kLinkedAccounts.size(); ++a)
                    attributes.append(QJsonObject{{QStringLiteral("Value"), kLinkedAccounts[a]},
                                                  {QStringLiteral("Attributes"), QJsonObject{{QStringLiteral("description"), kAccountNames[a]}}}});
            }
            answer = QJsonObject{{QStringLiteral("GroupDefinitions"), groupBy},
                                 {QStringLiteral("ResultsByTime"), results},
                                 {QStringLiteral("DimensionValueAttributes"), attributes}};
            if (offset + kDaysPerPage < days || fault == Fault::PagesForever)
                answer.insert(QStringLiteral("NextPageToken"), QStringLiteral("page-%1").arg(offset + kDaysPerPage));
        }
        const QByteArray json = QJsonDocument(answer).toJson(QJsonDocument::Compact);
        bool handled = false;
        ScriptedResponse t = transportFault(fault, json, &handled);
        if (handled)
            return t;
        return ScriptedResponse::ok(json, "application/x-amz-json-1.1");
    }

    // GetMetricData: four points per query, two on each of two pages (as CloudWatch splits a
    // series over pages; the client merges them by query id).
    ScriptedResponse cloudWatch(const RecordedRequest &r)
    {
        QHash<QString, QString> params;
        for (const auto &[k, v] : decodePairs(r.body))
            params.insert(k, v);
        if (params.value(QStringLiteral("Action")) != u"GetMetricData" || params.value(QStringLiteral("Version")) != u"2010-08-01")
            return ScriptedResponse::status_(400, "<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>");
        const Fault fault = faultFor(FaultTarget::Resources, {});
        const QDateTime start = QDateTime::fromString(params.value(QStringLiteral("StartTime")), Qt::ISODate);
        const bool second = params.value(QStringLiteral("NextToken")) == u"mpage2";
        QByteArray results;
        for (int n = 1; params.contains(QStringLiteral("MetricDataQueries.member.%1.Id").arg(n)); ++n) {
            const QString id = params.value(QStringLiteral("MetricDataQueries.member.%1.Id").arg(n));
            QByteArray times, values;
            for (int i = second ? 2 : 0; i < (second ? 4 : 2); ++i) {
                times += "<member>" + start.addSecs(900LL * i).toString(Qt::ISODate).toUtf8() + "</member>";
                values += "<member>" + QByteArray::number(n * 10 + i) + ".5</member>";
            }
            results += "<member><Id>" + id.toUtf8() + "</Id><Label>x</Label><StatusCode>" + (second ? "Complete" : "PartialData")
                + "</StatusCode><Timestamps>" + times + "</Timestamps><Values>" + values + "</Values></member>";
        }
        const QByteArray body = "<GetMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><GetMetricDataResult>"
                                "<MetricDataResults>" + results + "</MetricDataResults>" + (second ? QByteArray() : QByteArray("<NextToken>mpage2</NextToken>"))
            + "</GetMetricDataResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetMetricDataResponse>";
        bool handled = false;
        ScriptedResponse t = transportFault(fault, body, &handled);
        if (handled)
            return t;
        return ScriptedResponse::ok(body, "text/xml");
    }

    ScriptedResponse ec2(const RecordedRequest &r, const QString &region)
    {
        QHash<QString, QString> params;
        for (const auto &[k, v] : decodePairs(r.body))
            params.insert(k, v);
        const QByteArray action = params.value(QStringLiteral("Action")).toUtf8();
        const QString token = params.value(QStringLiteral("NextToken"));
        const Fault fault = faultFor(FaultTarget::Resources, {});
        auto xml = [](const QByteArray &body) {
            ScriptedResponse s = ScriptedResponse::ok(body, "text/xml;charset=UTF-8");
            return s;
        };
        if (fault == Fault::ExpiredToken) {
            ScriptedResponse s = ScriptedResponse::status_(
                400, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>RequestExpired</Code><Message>Request has "
                     "expired.</Message></Error></Errors><RequestID>x</RequestID></Response>");
            return s;
        }
        if (fault == Fault::Malformed)
            return xml("<?xml version=\"1.0\"?><" + action + "Response xmlns=\"" + kXmlns + "\"><requestId>r</requestId><item><instanceId>i-1");
        QByteArray body;
        if (action == "DescribeRegions") {
            body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeRegionsResponse xmlns=\"" + kXmlns
                + "\"><requestId>r-regions</requestId><regionInfo>"
                  "<item><regionName>us-west-2</regionName><regionEndpoint>ec2.us-west-2.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>"
                  "<item><regionName>eu-west-1</regionName><regionEndpoint>ec2.eu-west-1.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>"
                  "<item><regionName>af-south-1</regionName><regionEndpoint>ec2.af-south-1.amazonaws.com</regionEndpoint><optInStatus>not-opted-in</optInStatus></item>"
                  "</regionInfo></DescribeRegionsResponse>";
        } else if (region == u"af-south-1") {
            return ScriptedResponse::status_(401, "<Response><Errors><Error><Code>OptInRequired</Code></Error></Errors></Response>");
        } else if (action == "DescribeInstances") {
            if (fault == Fault::PagesForever) {
                const qint64 n = token.isEmpty() ? 1 : token.mid(8).toLongLong() + 1;
                body = emptyEc2(action, "reservationSet");
                body.replace("</DescribeInstancesResponse>",
                             QByteArray("<nextToken>forever-" + QByteArray::number(n) + "</nextToken></DescribeInstancesResponse>"));
            } else if (region != u"us-west-2") {
                body = emptyEc2(action, "reservationSet");
            } else if (token.isEmpty()) {
                body = readSample("ec2-describe-instances.xml");
                body.replace("</DescribeInstancesResponse>", "<nextToken>ipage2</nextToken></DescribeInstancesResponse>");
            } else if (token == u"ipage2") {
                body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeInstancesResponse xmlns=\"" + kXmlns
                    + "\"><requestId>r-2</requestId><reservationSet><item><reservationId>r-2</reservationId><instancesSet><item>"
                      "<instanceId>i-0page2</instanceId><instanceType>t3.micro</instanceType><instanceState><code>16</code><name>running</name>"
                      "</instanceState><launchTime>2024-01-05T10:00:00.000Z</launchTime><tagSet><item><key>Name</key><value>web</value></item>"
                      "<item><key>team</key><value>search</value></item></tagSet></item></instancesSet></item></reservationSet>"
                      "</DescribeInstancesResponse>";
            } else {
                return ScriptedResponse::status_(400, "<Response><Errors><Error><Code>InvalidParameterValue</Code><Message>bad NextToken</Message></Error></Errors></Response>");
            }
        } else if (action == "DescribeVolumes") {
            body = region == u"us-west-2" ? readSample("ec2-describe-volumes.xml") : emptyEc2(action, "volumeSet");
        } else if (action == "DescribeSnapshots") {
            if (params.value(QStringLiteral("OwnerId.1")) != u"self")
                return ScriptedResponse::status_(400, "<Response><Errors><Error><Code>MissingOwner</Code></Error></Errors></Response>");
            body = region == u"us-west-2" ? readSample("ec2-describe-snapshots.xml") : emptyEc2(action, "snapshotSet");
        } else if (action == "DescribeAddresses") {
            body = region == u"us-west-2" ? readSample("ec2-describe-addresses.xml") : emptyEc2(action, "addressesSet");
        } else if (action == "DescribeImages") {
            body = region == u"us-west-2"
                ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeImagesResponse xmlns=\"" + kXmlns
                    + "\"><requestId>r-img</requestId><imagesSet><item><imageId>ami-0abc</imageId><imageState>available</imageState>"
                      "<name>golden-2024</name><creationDate>2024-01-02T03:04:05.000Z</creationDate><blockDeviceMapping><item>"
                      "<deviceName>/dev/xvda</deviceName><ebs><snapshotId>snap-b253e6da</snapshotId><volumeSize>8</volumeSize></ebs>"
                      "</item></blockDeviceMapping></item></imagesSet></DescribeImagesResponse>"
                : emptyEc2(action, "imagesSet");
        } else {
            return ScriptedResponse::status_(400, "<Response><Errors><Error><Code>InvalidAction</Code></Error></Errors></Response>");
        }
        bool handled = false;
        ScriptedResponse t = transportFault(fault, body, &handled);
        if (handled)
            return t;
        return xml(body);
    }

    struct Temporary
    {
        QString keyId, secret, token;
        qint64 expiresAt = 0;
    };

    LocalHttpServer m_server;
    const bool m_withRole;
    StsAnswer m_stsAnswer = StsAnswer::Grant;
    int m_lifetime = 3600;
    std::vector<Temporary> m_issued;
    QString m_sessionName;
    mutable int m_temporaryCalls = 0;
    const QString m_keyId = QStringLiteral("AKIDFAKECONTRACT");
    const QString m_secret = QStringLiteral("fake/Secret+Key=ForTheContractSuite0001");
    mutable std::mutex m_mutex;
    FaultSchedule m_faults;
    QString m_faultPass;
    QStringList m_ceRequests;
    QStringList m_tagKeys = {QStringLiteral("team")};
    bool m_tagsDenied = false;
    std::atomic<int> m_extraRegions = 0;
    QString m_rejection;
    std::shared_ptr<FakeAwsSecurity> m_security = std::make_shared<FakeAwsSecurity>();
};

} // namespace

std::unique_ptr<FakeCloud> makeFakeAws()
{
    return std::make_unique<FakeAwsServer>();
}

std::unique_ptr<FakeCloud> makeFakeAwsWithSecurity(std::shared_ptr<FakeAwsSecurity> security)
{
    auto fake = std::make_unique<FakeAwsServer>();
    fake->setSecurity(std::move(security));
    return fake;
}

std::unique_ptr<FakeAwsCostExplorer> makeFakeAwsCostExplorer()
{
    return std::make_unique<FakeAwsServer>();
}

std::unique_ptr<FakeAwsRole> makeFakeAwsWithRole()
{
    return std::make_unique<FakeAwsServer>(true);
}

} // namespace costscope::testsupport
