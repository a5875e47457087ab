// The Alibaba Cloud side of the provider contract tests: BSS OpenAPI DescribeInstanceBill, ECS
// DescribeRegions / DescribeInstances and CloudMonitor DescribeMetricList on one local endpoint,
// dispatched by Action and Version, answering JSON shaped like the API references. Every request's
// RPC v1 signature is recomputed with the secret the server knows; a time stamp more than 15
// minutes off or a nonce used twice is refused, as Alibaba does.

#include "support/FakeCloud.h"
#include "support/LocalHttpServer.h"

#include "providers/auth/AlibabaRpcSigner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTimeZone>

#include <mutex>

namespace costscope::testsupport {

namespace {

using providers::auth::AlibabaRpcSigner;
using providers::auth::QueryParams;

constexpr int kItemsPerDay = 5;
constexpr int kItemsPerPage = 2;

QueryParams decodeQuery(const QByteArray &text)
{
    QueryParams out;
    for (const QByteArray &pair : text.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        out.append({QString::fromUtf8(QByteArray::fromPercentEncoding(eq < 0 ? pair : pair.left(eq))),
                    QString::fromUtf8(QByteArray::fromPercentEncoding(eq < 0 ? QByteArray() : pair.mid(eq + 1)))});
    }
    return out;
}

QByteArray error(const char *code, const char *message)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("RequestId"), QStringLiteral("6C7D5F5B-0000-4C8A-9A0B-FAKE")},
                                     {QStringLiteral("HostId"), QStringLiteral("fake.aliyuncs.com")},
                                     {QStringLiteral("Code"), QString::fromLatin1(code)},
                                     {QStringLiteral("Message"), QString::fromLatin1(message)}})
        .toJson(QJsonDocument::Compact);
}

struct Instance
{
    const char *id;
    const char *region;
    const char *status;
    const char *stoppedMode;
};

// cn-hangzhou over two pages (2 + 1), ap-southeast-1 one page; two of them running.
const Instance kInstances[] = {
    {"i-bp1fakerunning01", "cn-hangzhou", "Running", "Not-applicable"},
    {"i-bp1fakestopped01", "cn-hangzhou", "Stopped", "KeepCharging"},
    {"i-bp1fakestopped02", "cn-hangzhou", "Stopped", "StopCharging"},
    {"i-t4nfakerunning02", "ap-southeast-1", "Running", "Not-applicable"},
};

class FakeAlibabaServer : public FakeCloud
{
public:
    QString providerKey() const override { return QStringLiteral("alibaba"); }

    bool start() override
    {
        m_server.setHandler([this](const RecordedRequest &r) { return handle(r); });
        return m_server.start();
    }

    providers::AccountConfig account(const QString &name) const override
    {
        providers::AccountConfig c;
        c.id = QStringLiteral("alibaba-") + name;
        c.name = name;
        c.provider = QStringLiteral("alibaba");
        c.endpoint = m_server.url(QStringLiteral("/")).toString();
        c.scope = QStringLiteral("international");
        c.region = QStringLiteral("cn-hangzhou");
        c.billingAccount = QStringLiteral("5123984766601234");
        return c;
    }

    providers::Secrets secrets() const override
    {
        return {{QStringLiteral("access_key_id"), m_keyId}, {QStringLiteral("access_key_secret"), m_secret}};
    }

    void setFault(const FaultPlan &plan) override { m_faults.set(plan); }

    QStringList billedAmounts(const QDate &day) const override
    {
        QStringList out;
        for (int i = 0; i < kItemsPerDay; ++i)
            out << amount(day, i);
        return out;
    }

    // Four instances and two disks.
    int resourceCount() const override { return 6; }
    // The two running instances' CPU (the stopped one's points are served too and must be dropped).
    int metricSeriesCount() const override { return 2; }
    int requestCount() const override { return m_server.requestCount(); }
    QString rejection() const override
    {
        std::lock_guard lock(m_mutex);
        return m_rejection;
    }

private:
    // Plain decimals as a person would write them; served as JSON numbers (so 0.000001 goes out
    // as 1e-06, and the client must still read it exactly).
    static QString amount(const QDate &day, int i)
    {
        const qint64 seed = day.toJulianDay() * 13 + i;
        const qint64 cents = (seed * 2654435761LL) % 1000000LL;
        switch (i) {
        case 0: // ECS, six decimals
            return QStringLiteral("%1.%2").arg(seed % 50).arg(cents, 6, 10, QLatin1Char('0'));
        case 1: // OSS, two decimals
            return QStringLiteral("%1.%2").arg(seed % 7).arg(cents % 100, 2, 10, QLatin1Char('0'));
        case 2: // a credit
            return QStringLiteral("-0.%1").arg(cents % 1000, 3, 10, QLatin1Char('0'));
        case 3: // a tiny amount
            return QStringLiteral("0.000001");
        default: // a large one
            return QStringLiteral("123456.%1").arg(cents % 100, 2, 10, QLatin1Char('0'));
        }
    }

    Fault faultFor(FaultTarget target, const QDate &month) { return m_faults.take(target, month); }

    void reject(const QString &why)
    {
        std::lock_guard lock(m_mutex);
        m_rejection = why;
    }

    // Checks the signature as Alibaba does; empty when the request is good, else the answer.
    std::optional<ScriptedResponse> verify(const QHash<QString, QString> &p, const QueryParams &pairs)
    {
        QString secret = m_secret;
        {
            std::lock_guard lock(m_mutex);
            if (m_faults.planned() == Fault::BadCredentials)
                secret = QStringLiteral("another-secret-the-client-does-not-know");
        }
        if (p.value(QStringLiteral("AccessKeyId")) != m_keyId) {
            reject(QStringLiteral("unknown AccessKeyId"));
            return ScriptedResponse::status_(404, error("InvalidAccessKeyId.NotFound", "Specified access key is not found."));
        }
        if (p.value(QStringLiteral("SignatureMethod")) != u"HMAC-SHA1" || p.value(QStringLiteral("SignatureVersion")) != u"1.0"
            || p.value(QStringLiteral("Format")) != u"JSON") {
            reject(QStringLiteral("bad SignatureMethod, SignatureVersion or Format"));
            return ScriptedResponse::status_(400, error("IncompleteSignature", "The request signature does not conform to Aliyun standards."));
        }
        if (AlibabaRpcSigner::signature("GET", pairs, secret) != p.value(QStringLiteral("Signature"))) {
            reject(QStringLiteral("signature mismatch"));
            return ScriptedResponse::status_(
                400, error("SignatureDoesNotMatch", "Specified signature is not matched with our calculation."));
        }
        QDateTime time = QDateTime::fromString(p.value(QStringLiteral("Timestamp")), QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"));
        time.setTimeZone(QTimeZone::utc());
        if (!time.isValid() || std::abs(time.secsTo(QDateTime::currentDateTimeUtc())) > 900) {
            reject(QStringLiteral("time stamp off"));
            return ScriptedResponse::status_(400, error("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."));
        }
        std::lock_guard lock(m_mutex);
        const QString nonce = p.value(QStringLiteral("SignatureNonce"));
        if (nonce.isEmpty() || m_nonces.contains(nonce)) {
            m_rejection = QStringLiteral("nonce used twice");
            return ScriptedResponse::status_(400, error("SignatureNonceUsed", "Specified signature nonce was used already."));
        }
        m_nonces.insert(nonce);
        return std::nullopt;
    }

    static std::optional<ScriptedResponse> faultAnswer(Fault f, const QByteArray &goodBody)
    {
        switch (f) {
        case Fault::Throttle: {
            // Alibaba throttles with HTTP 400 and Throttling.User; the Retry-After is the fake's
            // own, so that the suite can check the wait.
            ScriptedResponse s = ScriptedResponse::status_(400, error("Throttling.User", "Request was denied due to user flow control."));
            s.headers.append({QByteArray("Retry-After"), QByteArray("1")});
            return s;
        }
        case Fault::ServerError:
            return ScriptedResponse::status_(500, error("InternalError", "The request processing has failed due to some unknown error."));
        case Fault::Unavailable:
            return ScriptedResponse::status_(503, error("ServiceUnavailable", "The request has failed due to a temporary failure of the server."));
        case Fault::Hang:
            return ScriptedResponse::hang();
        case Fault::Truncate:
            return ScriptedResponse::truncated(goodBody.left(goodBody.size() / 2), goodBody.size());
        case Fault::Malformed:
            return ScriptedResponse::ok(goodBody.left(goodBody.size() / 2) + "\"}", "application/json;charset=utf-8");
        case Fault::ExpiredToken:
            return ScriptedResponse::status_(400, error("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."));
        default:
            return std::nullopt;
        }
    }

    static ScriptedResponse json(const QJsonObject &o)
    {
        return ScriptedResponse::ok(QJsonDocument(o).toJson(QJsonDocument::Compact), "application/json;charset=utf-8");
    }

    ScriptedResponse handle(const RecordedRequest &r)
    {
        if (r.method != "GET")
            return ScriptedResponse::status_(400, error("UnsupportedHTTPMethod", "This http method is not supported."));
        const QueryParams pairs = decodeQuery(r.query);
        QHash<QString, QString> p;
        for (const auto &[k, v] : pairs)
            p.insert(k, v);
        if (auto refused = verify(p, pairs))
            return *refused;
        const QString action = p.value(QStringLiteral("Action"));
        const QString version = p.value(QStringLiteral("Version"));
        if (action == u"DescribeInstanceBill" && version == u"2017-12-14")
            return bill(p);
        if ((action == u"DescribeRegions" || action == u"DescribeInstances" || action == u"DescribeDisks") && version == u"2014-05-26")
            return ecs(action, p);
        if (action == u"DescribeMetricList" && version == u"2019-01-01")
            return metrics(p);
        return ScriptedResponse::status_(404, error("InvalidAction.NotFound", "Specified api is not found, please check your url and method."));
    }

    ScriptedResponse bill(const QHash<QString, QString> &p)
    {
        const QDate month = QDate::fromString(p.value(QStringLiteral("BillingCycle")) + QStringLiteral("-01"), Qt::ISODate);
        const QDate day = QDate::fromString(p.value(QStringLiteral("BillingDate")), Qt::ISODate);
        const int maxResults = p.value(QStringLiteral("MaxResults")).toInt();
        if (!month.isValid() || !day.isValid() || QDate(day.year(), day.month(), 1) != month
            || p.value(QStringLiteral("Granularity")) != u"DAILY" || maxResults < 1 || maxResults > 300)
            return ScriptedResponse::status_(400, error("InvalidParameter", "The parameter is invalid."));
        const Fault fault = faultFor(FaultTarget::Costs, month);
        const QString token = p.value(QStringLiteral("NextToken"));
        int offset = 0;
        if (!token.isEmpty()) {
            bool ok = false;
            offset = token.startsWith(QStringLiteral("bill-")) ? token.mid(5).toInt(&ok) : 0;
            if (!ok && !token.startsWith(QStringLiteral("forever-")))
                return ScriptedResponse::status_(400, error("InvalidParameter.NextToken", "The NextToken is invalid."));
        }
        static const char *const products[kItemsPerDay][3] = {{"ecs", "Elastic Compute Service", "i-bp1fakerunning01"},
                                                              {"oss", "Object Storage Service", "fake-bucket"},
                                                              {"ecs", "Elastic Compute Service", "i-bp1fakestopped01"},
                                                              {"slb", "Server Load Balancer", "lb-fake01"},
                                                              {"rds", "ApsaraDB RDS", "rm-fake01"}};
        QJsonArray items;
        const bool forever = fault == Fault::PagesForever;
        for (int i = offset; !forever && i < std::min(kItemsPerDay, offset + std::min(kItemsPerPage, maxResults)); ++i) {
            const double pretax = amount(day, i).toDouble();
            items.append(QJsonObject{{QStringLiteral("BillingDate"), day.toString(Qt::ISODate)},
                                     {QStringLiteral("InstanceID"), QString::fromLatin1(products[i][2])},
                                     {QStringLiteral("ProductCode"), QString::fromLatin1(products[i][0])},
                                     {QStringLiteral("ProductName"), QString::fromLatin1(products[i][1])},
                                     {QStringLiteral("ProductType"), QString::fromLatin1(products[i][0])},
                                     {QStringLiteral("SubscriptionType"), i == 4 ? QStringLiteral("Subscription") : QStringLiteral("PayAsYouGo")},
                                     {QStringLiteral("Region"), i == 4 ? QStringLiteral("Singapore") : QStringLiteral("China (Hangzhou)")},
                                     {QStringLiteral("Zone"), QStringLiteral("cn-hangzhou-i")},
                                     {QStringLiteral("Currency"), QStringLiteral("USD")},
                                     {QStringLiteral("Tag"), i == 0 ? QStringLiteral("key:team value:search; key:env value:prod") : QString()},
                                     {QStringLiteral("InstanceSpec"), i == 0 ? QStringLiteral("ecs.g6.large") : QString()},
                                     {QStringLiteral("OwnerID"), QStringLiteral("5123984766601234")},
                                     {QStringLiteral("PretaxGrossAmount"), pretax < 0 ? 0.0 : pretax + 1.5},
                                     {QStringLiteral("PretaxAmount"), pretax},
                                     {QStringLiteral("PaymentAmount"), pretax},
                                     {QStringLiteral("DeductedByCoupons"), 0},
                                     {QStringLiteral("OutstandingAmount"), 0}});
        }
        QJsonObject data{{QStringLiteral("BillingCycle"), month.toString(QStringLiteral("yyyy-MM"))},
                         {QStringLiteral("AccountID"), QStringLiteral("5123984766601234")},
                         {QStringLiteral("AccountName"), QStringLiteral("acme@example.com")},
                         {QStringLiteral("TotalCount"), kItemsPerDay},
                         {QStringLiteral("MaxResults"), maxResults},
                         {QStringLiteral("Items"), items}};
        const int next = offset + std::min(kItemsPerPage, maxResults);
        if (forever)
            data.insert(QStringLiteral("NextToken"), QStringLiteral("forever-%1").arg(token.mid(8).toInt() + 1));
        else if (next < kItemsPerDay)
            data.insert(QStringLiteral("NextToken"), QStringLiteral("bill-%1").arg(next));
        const QJsonObject answer{{QStringLiteral("Code"), QStringLiteral("Success")},
                                 {QStringLiteral("Message"), QStringLiteral("Successful!")},
                                 {QStringLiteral("RequestId"), QStringLiteral("79EE7556-FAKE")},
                                 {QStringLiteral("Success"), true},
                                 {QStringLiteral("Data"), data}};
        if (auto f = faultAnswer(fault, QJsonDocument(answer).toJson(QJsonDocument::Compact)))
            return *f;
        return json(answer);
    }

    ScriptedResponse ecs(const QString &action, const QHash<QString, QString> &p)
    {
        const Fault fault = faultFor(FaultTarget::Resources, {});
        const QString region = p.value(QStringLiteral("RegionId"));
        QJsonObject answer{{QStringLiteral("RequestId"), QStringLiteral("ECS-FAKE")}};
        if (action == u"DescribeRegions") {
            QJsonArray regions;
            for (const char *id : {"cn-hangzhou", "ap-southeast-1", "eu-central-1"})
                regions.append(QJsonObject{{QStringLiteral("RegionId"), QString::fromLatin1(id)},
                                           {QStringLiteral("RegionEndpoint"), QStringLiteral("ecs.%1.aliyuncs.com").arg(QLatin1String(id))},
                                           {QStringLiteral("LocalName"), QString::fromLatin1(id)}});
            answer.insert(QStringLiteral("Regions"), QJsonObject{{QStringLiteral("Region"), regions}});
        } else if (action == u"DescribeDisks") {
            // cn-hangzhou: the running instance's system disk and a data disk nobody uses.
            QJsonArray disks;
            if (region == u"cn-hangzhou") {
                disks.append(QJsonObject{{QStringLiteral("DiskId"), QStringLiteral("d-bp1fakesystem01")},
                                         {QStringLiteral("RegionId"), region},
                                         {QStringLiteral("Category"), QStringLiteral("cloud_essd")},
                                         {QStringLiteral("Type"), QStringLiteral("system")},
                                         {QStringLiteral("Status"), QStringLiteral("In_use")},
                                         {QStringLiteral("InstanceId"), QString::fromLatin1(kInstances[0].id)},
                                         {QStringLiteral("CreationTime"), QStringLiteral("2024-01-05T10:04Z")}});
                disks.append(QJsonObject{{QStringLiteral("DiskId"), QStringLiteral("d-bp1fakeunused01")},
                                         {QStringLiteral("RegionId"), region},
                                         {QStringLiteral("Category"), QStringLiteral("cloud_efficiency")},
                                         {QStringLiteral("Type"), QStringLiteral("data")},
                                         {QStringLiteral("Status"), QStringLiteral("Available")},
                                         {QStringLiteral("InstanceId"), QString()},
                                         {QStringLiteral("CreationTime"), QStringLiteral("2024-01-06T08:00Z")}});
            }
            answer.insert(QStringLiteral("Disks"), QJsonObject{{QStringLiteral("Disk"), disks}});
            answer.insert(QStringLiteral("TotalCount"), disks.size());
        } else {
            const QString token = p.value(QStringLiteral("NextToken"));
            QJsonArray list;
            const QJsonObject tag{{QStringLiteral("TagKey"), QStringLiteral("team")}, {QStringLiteral("TagValue"), QStringLiteral("search")}};
            const QJsonObject tags{{QStringLiteral("Tag"), QJsonArray{tag}}};
            auto add = [&](const Instance &i) {
                list.append(QJsonObject{
                    {QStringLiteral("InstanceId"), QString::fromLatin1(i.id)},
                    {QStringLiteral("InstanceName"), QString(QStringLiteral("name-") + QString::fromLatin1(i.id).right(4))},
                    {QStringLiteral("RegionId"), QString::fromLatin1(i.region)},
                    {QStringLiteral("ZoneId"), QString(QString::fromLatin1(i.region) + QStringLiteral("-a"))},
                    {QStringLiteral("InstanceType"), QStringLiteral("ecs.g6.large")},
                    {QStringLiteral("Status"), QString::fromLatin1(i.status)},
                    {QStringLiteral("StoppedMode"), QString::fromLatin1(i.stoppedMode)},
                    {QStringLiteral("CreationTime"), QStringLiteral("2024-01-05T10:04Z")},
                    {QStringLiteral("InstanceChargeType"), QStringLiteral("PostPaid")},
                    {QStringLiteral("Tags"), tags}});
            };
            if (fault == Fault::PagesForever) {
                answer.insert(QStringLiteral("NextToken"), QStringLiteral("forever-%1").arg(token.mid(8).toInt() + 1));
            } else if (region == u"cn-hangzhou" && token.isEmpty()) {
                add(kInstances[0]);
                add(kInstances[1]);
                answer.insert(QStringLiteral("NextToken"), QStringLiteral("ipage2"));
            } else if (region == u"cn-hangzhou" && token == u"ipage2") {
                add(kInstances[2]);
            } else if (region == u"ap-southeast-1" && token.isEmpty()) {
                add(kInstances[3]);
            } else if (!token.isEmpty()) {
                return ScriptedResponse::status_(400, error("InvalidParameter.NextToken", "The NextToken is invalid."));
            }
            answer.insert(QStringLiteral("Instances"), QJsonObject{{QStringLiteral("Instance"), list}});
            answer.insert(QStringLiteral("TotalCount"), list.size());
        }
        if (auto f = faultAnswer(fault, QJsonDocument(answer).toJson(QJsonDocument::Compact)))
            return *f;
        return json(answer);
    }

    // CPU of every instance in the region (the stopped one too), four 15-minute points each, two
    // per page; Datapoints is a JSON list inside a string, as CloudMonitor sends it.
    ScriptedResponse metrics(const QHash<QString, QString> &p)
    {
        const Fault fault = faultFor(FaultTarget::Resources, {});
        if (p.value(QStringLiteral("Namespace")) != u"acs_ecs_dashboard" || p.value(QStringLiteral("MetricName")) != u"CPUUtilization")
            return ScriptedResponse::status_(400, error("InvalidParameter", "The Namespace or MetricName is invalid."));
        const QString region = p.value(QStringLiteral("RegionId"));
        const bool second = p.value(QStringLiteral("NextToken")) == u"mpage2";
        const qint64 start = p.value(QStringLiteral("StartTime")).toLongLong();
        QJsonArray points;
        for (const Instance &i : kInstances) {
            if (region != QLatin1String(i.region))
                continue;
            for (int k = second ? 2 : 0; k < (second ? 4 : 2); ++k)
                points.append(QJsonObject{{QStringLiteral("timestamp"), double(start + 900000LL * k)},
                                          {QStringLiteral("userId"), QStringLiteral("5123984766601234")},
                                          {QStringLiteral("instanceId"), QString::fromLatin1(i.id)},
                                          {QStringLiteral("Minimum"), 1.0},
                                          {QStringLiteral("Average"), 10.5 + k},
                                          {QStringLiteral("Maximum"), 90.0}});
        }
        QJsonObject answer{{QStringLiteral("Code"), QStringLiteral("200")},
                           {QStringLiteral("Success"), true},
                           {QStringLiteral("RequestId"), QStringLiteral("CMS-FAKE")},
                           {QStringLiteral("Period"), QStringLiteral("900")},
                           {QStringLiteral("Datapoints"), QString::fromUtf8(QJsonDocument(points).toJson(QJsonDocument::Compact))}};
        if (!second && !points.isEmpty())
            answer.insert(QStringLiteral("NextToken"), QStringLiteral("mpage2"));
        if (auto f = faultAnswer(fault, QJsonDocument(answer).toJson(QJsonDocument::Compact)))
            return *f;
        return json(answer);
    }

    LocalHttpServer m_server;
    const QString m_keyId = QStringLiteral("LTAI5tFakeContractKey");
    const QString m_secret = QStringLiteral("fake/Ali+Secret=ForTheContract0001");
    mutable std::mutex m_mutex;
    FaultSchedule m_faults;
    QString m_rejection;
    QSet<QString> m_nonces;
};

} // namespace

std::unique_ptr<FakeCloud> makeFakeAlibaba()
{
    return std::make_unique<FakeAlibabaServer>();
}

} // namespace costscope::testsupport
