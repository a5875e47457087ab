#include "providers/aws/AwsClient.h"

#include "providers/aws/AwsSecurity.h"
#include "providers/aws/XmlTree.h"

#include "model/AwsSaasUsage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <map>

namespace costscope::providers::aws {

Q_LOGGING_CATEGORY(lcAws, "costscope.aws", QtInfoMsg)

namespace {

constexpr int64_t kSecondsPerDay = 86400;
const char kEc2Version[] = "2016-11-15";

int64_t dayStart(const QDate &d)
{
    return QDateTime(d, QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
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

Tags tagsOf(const XmlTree &item)
{
    Tags tags;
    for (const XmlTree *t : item.items(u"tagSet"))
        tags.append({t->textAt(u"key"), t->textAt(u"value")});
    return tags;
}

QString tagValue(const Tags &tags, const QString &key)
{
    for (const auto &[k, v] : tags) {
        if (k == key)
            return v;
    }
    return {};
}

// The error code and message of an AWS answer: JSON 1.1 ({"__type": "...#Code", "message"}) or
// EC2 XML (<Response><Errors><Error><Code>, <Message>).
void awsError(const QByteArray &body, bool xml, QString *code, QString *message)
{
    if (xml) {
        QString ignored;
        auto tree = XmlTree::parse(body, &ignored);
        if (tree) {
            const XmlTree *error = tree->at(u"Errors/Error");
            if (!error)
                error = tree->child(u"Error");
            if (error) {
                *code = error->textAt(u"Code");
                *message = error->textAt(u"Message");
            }
        }
        return;
    }
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    QString type = o.value(QStringLiteral("__type")).toString();
    if (type.isEmpty())
        type = o.value(QStringLiteral("code")).toString();
    *code = type.mid(type.lastIndexOf(u'#') + 1);
    *message = o.value(QStringLiteral("message")).toString();
    if (message->isEmpty())
        *message = o.value(QStringLiteral("Message")).toString();
}

} // namespace

struct AwsClient::Call
{
    QString what; // "Cost Explorer GetCostAndUsage", "EC2 DescribeInstances in us-east-1"
    QUrl url;
    QString region;
    QString service;
    net::Headers headers;
    QByteArray body;
    bool xml = false;
    net::HttpResult result;
    QString error;
};

AwsClient::AwsClient(AccountConfig account, auth::AwsCredentials credentials, const net::HttpClient &http,
                     ClientOptions options)
    : m_account(std::move(account))
    , m_credentials(credentials)
    , m_longTerm(std::move(credentials))
    , m_http(http)
    , m_options(options)
{
    m_roleArn = m_account.options.value(QStringLiteral("role_arn")).trimmed();
}

bool AwsClient::isValidRoleArn(const QString &arn, QString *why)
{
    // IAM: a path is "/" or "/a/b/" of printable ASCII, at most 512 characters; a role name is 1 to
    // 64 of A-Z a-z 0-9 _ + = , . @ -.
    static const QRegularExpression pattern(
        QStringLiteral("^arn:(aws|aws-cn|aws-us-gov):iam::[0-9]{12}:role/((?:[\\x21-\\x2e\\x30-\\x7e]+/)*)"
                       "([A-Za-z0-9_+=,.@-]{1,64})$"));
    const QRegularExpressionMatch m = pattern.match(arn);
    if (!m.hasMatch() || m.capturedLength(2) + 1 > 512) {
        *why = QStringLiteral("the role ARN must look like arn:aws:iam::123456789012:role/RoleName (partition aws, "
                              "aws-cn or aws-us-gov, a 12-digit account id, an optional path)");
        return false;
    }
    return true;
}

QString AwsClient::scrub(QString text) const
{
    for (const QString &secret : {m_credentials.secretAccessKey, m_credentials.sessionToken, m_longTerm.secretAccessKey,
                                  m_longTerm.sessionToken}) {
        if (secret.size() >= 4)
            text.replace(secret, QStringLiteral("REDACTED"));
    }
    return text;
}

QString AwsClient::describeFailure(const QString &what, const net::HttpResult &result, bool xml) const
{
    if (result.cancelled)
        return what + QStringLiteral(": cancelled");
    QString code, message;
    if (result.response.status >= 400)
        awsError(result.response.body, xml, &code, &message);
    message = message.section(u'\n', 0, 0).left(300);
    QString cause;
    static const QStringList badKey = {QStringLiteral("UnrecognizedClientException"), QStringLiteral("InvalidClientTokenId"),
                                       QStringLiteral("InvalidSignatureException"), QStringLiteral("SignatureDoesNotMatch"),
                                       QStringLiteral("AuthFailure"), QStringLiteral("IncompleteSignature"),
                                       QStringLiteral("MissingAuthenticationToken")};
    static const QStringList expired = {QStringLiteral("ExpiredToken"), QStringLiteral("ExpiredTokenException"),
                                        QStringLiteral("RequestExpired"), QStringLiteral("TokenRefreshRequired")};
    if (badKey.contains(code))
        cause = QStringLiteral("AWS rejected the credentials (%1); check the access key id and secret access key "
                               "of account '%2'")
                    .arg(code, m_account.name);
    else if (expired.contains(code))
        cause = QStringLiteral("the session token has expired (%1); store fresh credentials for account '%2'")
                    .arg(code, m_account.name);
    else if (code.startsWith(QStringLiteral("AccessDenied")) || code == u"UnauthorizedOperation")
        cause = QStringLiteral("the credentials lack a permission (%1)").arg(code);
    else if (code.contains(QStringLiteral("Throttl")) || result.response.status == 429)
        cause = QStringLiteral("AWS kept throttling the requests");
    else if (!code.isEmpty())
        cause = QStringLiteral("AWS answered %1").arg(code);
    QString text = what + QStringLiteral(": ");
    if (!cause.isEmpty())
        text += cause + (message.isEmpty() ? QString() : QStringLiteral(": ") + message) + QStringLiteral(" (");
    text += result.error.isEmpty() ? QStringLiteral("HTTP %1").arg(result.response.status) : result.error;
    if (!cause.isEmpty())
        text += u')';
    return scrub(text);
}

bool AwsClient::ensureRoleCredentials(bool force, QString *error, const CancelFn &cancelled)
{
    // Renewed this long before AWS would refuse them, so that no call of a sync runs into expiry.
    constexpr int64_t kRefreshMargin = 300;
    if (m_roleArn.isEmpty())
        return true;
    if (!force && m_roleExpiresAt - QDateTime::currentSecsSinceEpoch() > kRefreshMargin)
        return true;
    const QString what = QStringLiteral("AWS STS AssumeRole of %1 for account '%2'").arg(m_roleArn, m_account.name);
    QString why;
    if (!isValidRoleArn(m_roleArn, &why)) {
        *error = what + QStringLiteral(": ") + why;
        return false;
    }
    // The global endpoint signs for us-east-1; the China and GovCloud partitions have their own.
    QString region = QStringLiteral("us-east-1");
    QUrl url(QStringLiteral("https://sts.amazonaws.com/"));
    if (m_roleArn.startsWith(QStringLiteral("arn:aws-cn:"))) {
        region = QStringLiteral("cn-north-1");
        url = QUrl(QStringLiteral("https://sts.cn-north-1.amazonaws.com.cn/"));
    } else if (m_roleArn.startsWith(QStringLiteral("arn:aws-us-gov:"))) {
        region = QStringLiteral("us-gov-west-1");
        url = QUrl(QStringLiteral("https://sts.us-gov-west-1.amazonaws.com/"));
    }
    if (!m_account.endpoint.isEmpty())
        url = QUrl(m_account.endpoint);
    // A stable session name (shows in the role's CloudTrail): costscope-<account id>.
    QString session = QStringLiteral("costscope-");
    for (const QChar c : m_account.id.isEmpty() ? m_account.name : m_account.id) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            session += c;
        else if (QStringView(u"_+=,.@-").contains(c))
            session += c;
    }
    session.truncate(64);
    Call call;
    call.what = what;
    call.url = url;
    call.region = region;
    call.service = QStringLiteral("sts");
    call.xml = true;
    call.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
    call.body = formEncode({{QStringLiteral("Action"), QStringLiteral("AssumeRole")},
                            {QStringLiteral("Version"), QStringLiteral("2011-06-15")},
                            {QStringLiteral("RoleArn"), m_roleArn},
                            {QStringLiteral("RoleSessionName"), session},
                            {QStringLiteral("DurationSeconds"), QStringLiteral("3600")}});
    if (!send(call, m_longTerm, cancelled)) {
        QString code, message;
        awsError(call.result.response.body, true, &code, &message);
        if (code.startsWith(QStringLiteral("AccessDenied")))
            call.error = scrub(what + QStringLiteral(": AWS refused (%1); the keys of the account need sts:AssumeRole on the "
                                                     "role and the role's trust policy must allow them")
                                          .arg(code));
        *error = call.error;
        return false;
    }
    QString xmlError;
    const auto tree = XmlTree::parse(call.result.response.body, &xmlError);
    const XmlTree *c = tree ? tree->at(u"AssumeRoleResult/Credentials") : nullptr;
    if (!tree || tree->name != u"AssumeRoleResponse" || !c) {
        *error = what + QStringLiteral(": the answer is not an AssumeRoleResponse with credentials")
            + (tree ? QString() : QStringLiteral(" (") + xmlError + u')');
        return false;
    }
    auth::AwsCredentials temporary{c->textAt(u"AccessKeyId"), c->textAt(u"SecretAccessKey"), c->textAt(u"SessionToken")};
    const int64_t expires = parseTime(c->textAt(u"Expiration"));
    if (temporary.accessKeyId.isEmpty() || temporary.secretAccessKey.isEmpty() || temporary.sessionToken.isEmpty()) {
        *error = what + QStringLiteral(": the answer lacks the access key id, secret access key or session token");
        return false;
    }
    if (expires <= QDateTime::currentSecsSinceEpoch()) {
        *error = what + QStringLiteral(": the temporary credentials in the answer have no valid Expiration or have "
                                       "expired already (check the computer's clock)");
        return false;
    }
    m_credentials = std::move(temporary);
    m_roleExpiresAt = expires;
    qCInfo(lcAws) << "account" << m_account.name << "assumed role" << m_roleArn << "until"
                  << QDateTime::fromSecsSinceEpoch(expires, QTimeZone::utc()).toString(Qt::ISODate);
    return true;
}

bool AwsClient::post(Call &call, const CancelFn &cancelled)
{
    if (!ensureRoleCredentials(false, &call.error, cancelled))
        return false;
    if (send(call, m_credentials, cancelled))
        return true;
    if (m_roleArn.isEmpty() || call.result.cancelled)
        return false;
    // The role's credentials expired (or were revoked) early: assume the role again, once.
    QString code, message;
    awsError(call.result.response.body, call.xml, &code, &message);
    static const QStringList expired = {QStringLiteral("ExpiredToken"), QStringLiteral("ExpiredTokenException"),
                                        QStringLiteral("RequestExpired"), QStringLiteral("TokenRefreshRequired")};
    if (!expired.contains(code))
        return false;
    call.error.clear();
    if (!ensureRoleCredentials(true, &call.error, cancelled))
        return false;
    return send(call, m_credentials, cancelled);
}

bool AwsClient::send(Call &call, const auth::AwsCredentials &signingCredentials, const CancelFn &cancelled)
{
    net::HttpRequest request;
    request.method = "POST";
    request.url = call.url;
    request.headers = call.headers;
    request.body = call.body;
    const auth::AwsCredentials credentials = signingCredentials;
    const QString region = call.region;
    const QString service = call.service;
    request.prepare = [credentials, region, service](net::HttpRequest &r) {
        auth::SigV4Signer::signHttpRequest(r, credentials, region, service, QDateTime::currentDateTimeUtc());
    };
    qCDebug(lcAws) << "account" << m_account.name << call.what;
    call.result = m_http.send(std::move(request), cancelled);
    if (!call.result.ok) {
        call.error = describeFailure(call.what, call.result, call.xml);
        return false;
    }
    return true;
}

QString AwsClient::testConnection(const CancelFn &cancelled)
{
    QStringList regions;
    QString error;
    if (!describeRegions(&regions, &error, cancelled))
        return error;
    return {};
}

namespace {

// Request budget of one month (docs/sync.md, "AWS passes"): each query follows NextPageToken up
// to ClientOptions::maxPages pages.
constexpr int kMaxDetailQueries = 40; // account x region pairs asked for SERVICE x USAGE_TYPE
constexpr int kMaxTagKeys = 5;
constexpr int kMaxTagQueries = 20; // accounts x tag keys
const char kS3Service[] = "Amazon Simple Storage Service";
const char kRedshiftService[] = "Amazon Redshift";

struct Amounts
{
    Money billed, amortized;
};

QJsonObject dimension(const char *key)
{
    return QJsonObject{{QStringLiteral("Type"), QStringLiteral("DIMENSION")}, {QStringLiteral("Key"), QString::fromLatin1(key)}};
}

QJsonObject dimensionFilter(const char *key, const QString &value)
{
    return QJsonObject{{QStringLiteral("Dimensions"),
                        QJsonObject{{QStringLiteral("Key"), QString::fromLatin1(key)}, {QStringLiteral("Values"), QJsonArray{value}}}}};
}

// "NoRegion" (and an empty key) is what Cost Explorer groups costs without a region under.
QString regionOf(const QString &key)
{
    return key == u"NoRegion" ? QString() : key;
}

} // namespace

bool AwsClient::ceCall(const QString &what, const char *target, const QJsonObject &body, QJsonObject *answer, QString *error,
                       const CancelFn &cancelled)
{
    Call call;
    call.what = what;
    call.url = m_account.endpoint.isEmpty() ? QUrl(QStringLiteral("https://ce.us-east-1.amazonaws.com/")) : QUrl(m_account.endpoint);
    call.region = QStringLiteral("us-east-1");
    call.service = QStringLiteral("ce");
    call.headers = {{"Content-Type", "application/x-amz-json-1.1"}, {"X-Amz-Target", QByteArray("AWSInsightsIndexService.").append(target)}};
    call.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    if (!post(call, cancelled)) {
        *error = call.error;
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(call.result.response.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("%1: the answer is not valid JSON (%2 at byte %3 of %4)")
                     .arg(what, parseError.errorString())
                     .arg(parseError.offset)
                     .arg(call.result.response.body.size());
        return false;
    }
    *answer = doc.object();
    return true;
}

bool AwsClient::ceQuery(const QString &pass, const QDate &from, const QDate &to, const QJsonObject &request,
                        const CeGroupFn &onGroup, QString *error, const CancelFn &cancelled)
{
    const QString what = QStringLiteral("AWS Cost Explorer GetCostAndUsage (%1)").arg(pass);
    const int64_t fromSecs = dayStart(from);
    const int64_t toSecs = dayStart(to);
    const int groupKeys = int(request.value(QStringLiteral("GroupBy")).toArray().size());
    auto fetchPage = [&](const QString &token, QString *nextToken, QString *pageError) -> bool {
        QJsonObject body = request;
        body.insert(QStringLiteral("TimePeriod"),
                    QJsonObject{{QStringLiteral("Start"), from.toString(Qt::ISODate)}, {QStringLiteral("End"), to.toString(Qt::ISODate)}});
        body.insert(QStringLiteral("Granularity"), QStringLiteral("DAILY"));
        if (!token.isEmpty())
            body.insert(QStringLiteral("NextPageToken"), token);
        QJsonObject o;
        if (!ceCall(what, "GetCostAndUsage", body, &o, pageError, cancelled))
            return false;
        const QJsonValue results = o.value(QStringLiteral("ResultsByTime"));
        if (!results.isArray()) {
            *pageError = what + QStringLiteral(": the answer has no ResultsByTime list");
            return false;
        }
        for (const QJsonValue &attr : o.value(QStringLiteral("DimensionValueAttributes")).toArray()) {
            const QJsonObject a = attr.toObject();
            const QString description =
                a.value(QStringLiteral("Attributes")).toObject().value(QStringLiteral("description")).toString();
            if (!description.isEmpty())
                m_accountNames.insert(a.value(QStringLiteral("Value")).toString(), description);
        }
        for (const QJsonValue &r : results.toArray()) {
            const QJsonObject period = r.toObject().value(QStringLiteral("TimePeriod")).toObject();
            const QDate day = QDate::fromString(period.value(QStringLiteral("Start")).toString(), Qt::ISODate);
            if (!day.isValid()) {
                *pageError = what + QStringLiteral(": a result has no valid TimePeriod.Start");
                return false;
            }
            const int64_t start = dayStart(day);
            if (start < fromSecs || start >= toSecs) {
                *pageError = what + QStringLiteral(": a result for %1 lies outside the range asked for (%2 to %3)")
                                        .arg(day.toString(Qt::ISODate), from.toString(Qt::ISODate), to.toString(Qt::ISODate));
                return false;
            }
            for (const QJsonValue &g : r.toObject().value(QStringLiteral("Groups")).toArray()) {
                const QJsonObject group = g.toObject();
                const QJsonArray keyArray = group.value(QStringLiteral("Keys")).toArray();
                if (keyArray.size() != groupKeys) {
                    *pageError = what + QStringLiteral(": a group on %1 does not have %2 keys").arg(day.toString(Qt::ISODate)).arg(groupKeys);
                    return false;
                }
                QStringList keys;
                for (const QJsonValue &k : keyArray)
                    keys << k.toString();
                if (!onGroup(start, keys, group.value(QStringLiteral("Metrics")).toObject(), pageError)) {
                    pageError->prepend(what + QStringLiteral(": "));
                    return false;
                }
            }
        }
        *nextToken = o.value(QStringLiteral("NextPageToken")).toString();
        return true;
    };
    const net::PagingResult paging = net::fetchPages(m_options.maxPages, fetchPage, cancelled);
    if (const QString why = paging.failure(
            what + QStringLiteral(" for %1 to %2").arg(from.toString(Qt::ISODate), to.toString(Qt::ISODate)));
        !why.isEmpty()) {
        *error = why;
        return false;
    }
    return true;
}

bool AwsClient::ceAmount(const QJsonObject &metrics, const QString &metric, const QString &about, Money *out,
                         QString *error)
{
    const QJsonObject m = metrics.value(metric).toObject();
    const QJsonValue amount = m.value(QStringLiteral("Amount"));
    const std::optional<Money> money = amount.isString() ? Money::parse(QStringView(amount.toString())) : std::nullopt;
    if (!money) {
        *error = QStringLiteral("%1 of %2 is not a decimal string").arg(metric, about);
        return false;
    }
    *out = *money;
    const QString unit = m.value(QStringLiteral("Unit")).toString();
    if (m_currency.isEmpty())
        m_currency = unit;
    else if (!unit.isEmpty() && unit != m_currency) {
        *error = QStringLiteral("amounts in two currencies (%1 and %2)").arg(m_currency, unit);
        return false;
    }
    return true;
}

bool AwsClient::ceTagKeys(const QDate &from, const QDate &to, QStringList *keys, QString *error, const CancelFn &cancelled)
{
    keys->clear();
    const QString configured = m_account.options.value(QStringLiteral("tag_keys")).trimmed();
    if (!configured.isEmpty()) {
        // "-" turns the tag passes off.
        if (configured == u"-")
            return true;
        for (const QString &k : configured.split(u',', Qt::SkipEmptyParts)) {
            if (!k.trimmed().isEmpty() && !keys->contains(k.trimmed()))
                keys->append(k.trimmed());
        }
    } else {
        const QString what = QStringLiteral("AWS Cost Explorer GetTags");
        auto fetchPage = [&](const QString &token, QString *nextToken, QString *pageError) -> bool {
            QJsonObject body{{QStringLiteral("TimePeriod"), QJsonObject{{QStringLiteral("Start"), from.toString(Qt::ISODate)},
                                                                        {QStringLiteral("End"), to.toString(Qt::ISODate)}}}};
            if (!token.isEmpty())
                body.insert(QStringLiteral("NextPageToken"), token);
            QJsonObject o;
            if (!ceCall(what, "GetTags", body, &o, pageError, cancelled))
                return false;
            const QJsonValue tags = o.value(QStringLiteral("Tags"));
            if (!tags.isArray()) {
                *pageError = what + QStringLiteral(": the answer has no Tags list");
                return false;
            }
            for (const QJsonValue &t : tags.toArray()) {
                if (t.isString() && !t.toString().isEmpty() && !keys->contains(t.toString()))
                    keys->append(t.toString());
            }
            // Enough keys: the rest would be cut anyway.
            *nextToken = keys->size() >= kMaxTagKeys ? QString() : o.value(QStringLiteral("NextPageToken")).toString();
            return true;
        };
        const net::PagingResult paging = net::fetchPages(m_options.maxPages, fetchPage, cancelled);
        if (!paging.ok && paging.error.contains(QStringLiteral("(AccessDenied"))) {
            // ce:GetTags is a permission of its own; costs without tags beat no costs.
            m_warnings << QStringLiteral("AWS Cost Explorer: no tags were read, the credentials lack ce:GetTags (or set "
                                         "the account's tag keys)");
            keys->clear();
            return true;
        }
        if (const QString why = paging.failure(what); !why.isEmpty()) {
            *error = why;
            return false;
        }
    }
    if (keys->size() > kMaxTagKeys) {
        m_warnings << QStringLiteral("AWS Cost Explorer: only the tag keys %1 are read (at most %2 of the %3 keys; set the "
                                     "account's tag keys to choose)")
                          .arg(keys->mid(0, kMaxTagKeys).join(QStringLiteral(", ")))
                          .arg(kMaxTagKeys)
                          .arg(keys->size());
        *keys = keys->mid(0, kMaxTagKeys);
    }
    return true;
}

bool AwsClient::fetchMonth(const QDate &from, const QDate &to, CostBatch *batch, QString *error,
                           const CancelFn &cancelled)
{
    if (!isRangeInOneMonth(QStringLiteral("AWS Cost Explorer"), from, to, error))
        return false;
    const QDate monthStart(from.year(), from.month(), 1);
    beginMonthBatch(batch, providerName(), m_account, monthStart);
    m_currency.clear();
    m_accountNames.clear();
    m_saas.clear();
    m_warnings.clear();
    const QStringList costMetrics = {QStringLiteral("UnblendedCost"), QStringLiteral("AmortizedCost")};
    auto request = [&](const QJsonArray &groupBy, const QJsonObject &filter, const QStringList &metrics) {
        QJsonObject r{{QStringLiteral("Metrics"), QJsonArray::fromStringList(metrics)}, {QStringLiteral("GroupBy"), groupBy}};
        if (!filter.isEmpty())
            r.insert(QStringLiteral("Filter"), filter);
        return r;
    };
    auto readCosts = [&](const QJsonObject &metrics, const QString &about, Amounts *a, QString *e) {
        return ceAmount(metrics, costMetrics[0], about, &a->billed, e) && ceAmount(metrics, costMetrics[1], about, &a->amortized, e);
    };
    using ServiceKey = std::tuple<int64_t, QString, QString>; // day, linked account, service
    auto fail = [&](const QString &why) {
        *error = why;
        batch->rows.clear();
        m_saas.clear();
        return false;
    };

    // Pass 1: day x linked account x service. Its amounts are the month's totals; every other pass
    // only splits them.
    std::map<ServiceKey, Amounts> base;
    QHash<QString, Money> accountCost; // linked account -> |billed| over the range
    QSet<QString> services;
    QString e;
    if (!ceQuery(QStringLiteral("by account and service"), from, to,
                 request({dimension("LINKED_ACCOUNT"), dimension("SERVICE")}, {}, costMetrics),
                 [&](int64_t day, const QStringList &keys, const QJsonObject &metrics, QString *pageError) {
                     Amounts a;
                     if (!readCosts(metrics, keys[1] + QStringLiteral(" on ") + QDateTime::fromSecsSinceEpoch(day, QTimeZone::utc()).date().toString(Qt::ISODate), &a, pageError))
                         return false;
                     Amounts &sum = base[{day, keys[0], keys[1]}];
                     sum.billed += a.billed;
                     sum.amortized += a.amortized;
                     accountCost[keys[0]] += Money::fromNanos(std::abs(a.billed.nanos()));
                     services.insert(keys[1]);
                     return true;
                 },
                 &e, cancelled))
        return fail(e);

    // Pass 2: which account x region pairs hold costs (the largest get pass 3).
    std::map<std::pair<QString, QString>, int64_t> pairCost;
    if (!ceQuery(QStringLiteral("by account and region"), from, to,
                 request({dimension("LINKED_ACCOUNT"), dimension("REGION")}, {}, {costMetrics[0]}),
                 [&](int64_t, const QStringList &keys, const QJsonObject &metrics, QString *pageError) {
                     Money billed;
                     if (!ceAmount(metrics, costMetrics[0], keys[0] + u' ' + keys[1], &billed, pageError))
                         return false;
                     pairCost[{keys[0], keys[1]}] += std::abs(billed.nanos());
                     return true;
                 },
                 &e, cancelled))
        return fail(e);
    std::vector<std::pair<std::pair<QString, QString>, int64_t>> pairs;
    for (const auto &[pair, cost] : pairCost) {
        if (!regionOf(pair.second).isEmpty() && cost != 0)
            pairs.emplace_back(pair, cost);
    }
    std::stable_sort(pairs.begin(), pairs.end(), [](const auto &x, const auto &y) { return x.second > y.second; });
    if (pairs.size() > size_t(kMaxDetailQueries)) {
        m_warnings << QStringLiteral("AWS Cost Explorer: region and usage type of %1 are read for the %2 largest of %3 "
                                     "account-region pairs; the rest is kept per account and service")
                          .arg(monthStart.toString(QStringLiteral("yyyy-MM")))
                          .arg(kMaxDetailQueries)
                          .arg(pairs.size());
        pairs.resize(kMaxDetailQueries);
    }

    // Pass 3, per account x region: day x service x usage type; these become the line items.
    using DetailKey = std::tuple<int64_t, QString, QString, QString, QString>; // day, account, service, region, usage type
    std::map<DetailKey, Amounts> detail;
    std::map<ServiceKey, Amounts> detailSum;
    for (const auto &[pair, cost] : pairs) {
        const auto &[account, region] = pair;
        const QJsonObject filter{{QStringLiteral("And"), QJsonArray{dimensionFilter("LINKED_ACCOUNT", account),
                                                                    dimensionFilter("REGION", region)}}};
        if (!ceQuery(QStringLiteral("account %1 in %2 by service and usage type").arg(account, region), from, to,
                     request({dimension("SERVICE"), dimension("USAGE_TYPE")}, filter, costMetrics),
                     [&](int64_t day, const QStringList &keys, const QJsonObject &metrics, QString *pageError) {
                         Amounts a;
                         if (!readCosts(metrics, keys[0] + u' ' + keys[1], &a, pageError))
                             return false;
                         const QString usageType = keys[1] == u"NoUsageType" ? QString() : keys[1];
                         Amounts &d = detail[{day, account, keys[0], region, usageType}];
                         d.billed += a.billed;
                         d.amortized += a.amortized;
                         Amounts &s = detailSum[{day, account, keys[0]}];
                         s.billed += a.billed;
                         s.amortized += a.amortized;
                         return true;
                     },
                     &e, cancelled))
            return fail(e);
    }

    // Tags: per account (largest first) and key, day x service x tag value; a value is attached to
    // the line items of a day, account and service when it alone carries all of their cost.
    std::map<ServiceKey, Tags> tagsByService;
    QStringList tagKeys;
    if (!ceTagKeys(from, to, &tagKeys, &e, cancelled))
        return fail(e);
    if (!tagKeys.isEmpty()) {
        QStringList accounts = accountCost.keys();
        std::sort(accounts.begin(), accounts.end(), [&](const QString &x, const QString &y) {
            return accountCost.value(x) != accountCost.value(y) ? accountCost.value(x) > accountCost.value(y) : x < y;
        });
        const qsizetype maxAccounts = std::max<qsizetype>(1, kMaxTagQueries / tagKeys.size());
        if (accounts.size() > maxAccounts) {
            m_warnings << QStringLiteral("AWS Cost Explorer: tags of %1 are read for the %2 largest of %3 linked accounts")
                              .arg(monthStart.toString(QStringLiteral("yyyy-MM")))
                              .arg(maxAccounts)
                              .arg(accounts.size());
            accounts = accounts.mid(0, maxAccounts);
        }
        for (const QString &key : std::as_const(tagKeys)) {
            for (const QString &account : std::as_const(accounts)) {
                std::map<ServiceKey, std::map<QString, Money>> values;
                if (!ceQuery(QStringLiteral("account %1 by service and tag %2").arg(account, key), from, to,
                             request({dimension("SERVICE"), QJsonObject{{QStringLiteral("Type"), QStringLiteral("TAG")}, {QStringLiteral("Key"), key}}},
                                     dimensionFilter("LINKED_ACCOUNT", account), {costMetrics[0]}),
                             [&](int64_t day, const QStringList &keys, const QJsonObject &metrics, QString *pageError) {
                                 Money billed;
                                 if (!ceAmount(metrics, costMetrics[0], keys[0] + u' ' + keys[1], &billed, pageError))
                                     return false;
                                 // "team$ml"; "team$" is the cost without the tag.
                                 const qsizetype dollar = keys[1].indexOf(u'$');
                                 const QString value = dollar < 0 ? keys[1] : keys[1].mid(dollar + 1);
                                 values[{day, account, keys[0]}][value] += billed;
                                 return true;
                             },
                             &e, cancelled))
                    return fail(e);
                for (const auto &[k, byValue] : values) {
                    const auto found = base.find(k);
                    QString only;
                    int nonZero = 0;
                    for (const auto &[value, billed] : byValue) {
                        if (!billed.isZero()) {
                            ++nonZero;
                            only = value;
                        }
                    }
                    if (found != base.end() && nonZero == 1 && !only.isEmpty() && byValue.at(only) == found->second.billed)
                        tagsByService[k].append({key, only});
                }
            }
        }
    }

    // The line items: pass 3's rows, plus per day, account and service what pass 1 holds beyond
    // them (costs without a region, pairs over the budget, rounding), so each day sums to pass 1.
    auto makeRow = [&](int64_t day, const QString &account, const QString &service, const Amounts &a) {
        CostRow row;
        row.chargeStart = day;
        row.chargeEnd = day + kSecondsPerDay;
        row.subAccountId = account;
        row.serviceName = service;
        row.billedCost = a.billed;
        row.effectiveCost = a.amortized;
        row.listCost = a.billed;
        const auto tagged = tagsByService.find({day, account, service});
        if (tagged != tagsByService.end())
            row.tags = tagged->second;
        return row;
    };
    for (const auto &[k, a] : detail) {
        const auto &[day, account, service, region, usageType] = k;
        CostRow row = makeRow(day, account, service, a);
        row.region = region;
        if (!usageType.isEmpty())
            row.extra.append({QStringLiteral("usage_type"), usageType});
        batch->rows.push_back(std::move(row));
    }
    std::map<ServiceKey, Amounts> rest = base;
    for (const auto &[k, a] : detailSum) {
        Amounts &r = rest[k];
        r.billed -= a.billed;
        r.amortized -= a.amortized;
    }
    for (const auto &[k, a] : rest) {
        if (detailSum.count(k) && a.billed.isZero() && a.amortized.isZero())
            continue;
        const auto &[day, account, service] = k;
        batch->rows.push_back(makeRow(day, account, service, a));
    }
    if (!m_currency.isEmpty())
        batch->currency = m_currency;
    for (CostRow &row : batch->rows)
        row.subAccountName = m_accountNames.value(row.subAccountId);

    // S3 and Redshift usage by account and usage type (docs/saas.md), only when the month bills them.
    AwsSaasCollector collector;
    for (const char *name : {kS3Service, kRedshiftService}) {
        const QString service = QString::fromLatin1(name);
        if (!services.contains(service))
            continue;
        const QString saasService = awsSaasService(service);
        const QJsonObject filter{{QStringLiteral("And"), QJsonArray{dimensionFilter("SERVICE", service),
                                                                    dimensionFilter("RECORD_TYPE", QStringLiteral("Usage"))}}};
        if (!ceQuery(QStringLiteral("%1 usage by account and usage type").arg(saasService), from, to,
                     request({dimension("LINKED_ACCOUNT"), dimension("USAGE_TYPE")}, filter,
                             {QStringLiteral("UsageQuantity"), costMetrics[0]}),
                     [&](int64_t day, const QStringList &keys, const QJsonObject &metrics, QString *pageError) {
                         Money cost;
                         if (!ceAmount(metrics, costMetrics[0], keys[1], &cost, pageError))
                             return false;
                         const QJsonObject usage = metrics.value(QStringLiteral("UsageQuantity")).toObject();
                         bool ok = false;
                         const double quantity = usage.value(QStringLiteral("Amount")).toString().toDouble(&ok);
                         if (!ok || !std::isfinite(quantity)) {
                             *pageError = QStringLiteral("UsageQuantity of %1 is not a decimal string").arg(keys[1]);
                             return false;
                         }
                         AwsSaasItem item;
                         if (!classifyAwsSaas(saasService, keys[1], QString(), QString(),
                                              usage.value(QStringLiteral("Unit")).toString(), quantity, keys[0], &item))
                             return true;
                         const QDate date = QDateTime::fromSecsSinceEpoch(day, QTimeZone::utc()).date();
                         collector.add(item, keys[0], from, to, m_currency.isEmpty() ? batch->currency : m_currency,
                                       dayNumber(date), cost);
                         return true;
                     },
                     &e, cancelled))
            return fail(e);
    }
    m_saas = collector.take(m_account.id.isEmpty() ? m_account.name : m_account.id);
    for (SaasBatch &b : m_saas)
        b.fillIn = true;
    qCInfo(lcAws) << "account" << m_account.name << monthStart.toString(QStringLiteral("yyyy-MM")) << batch->rows.size()
                  << "line items from" << pairs.size() << "account-region pairs," << tagKeys.size() << "tag keys,"
                  << m_saas.size() << "S3/Redshift usage batches";
    return true;
}

std::vector<const SaasBatch *> AwsClient::saasDetails() const
{
    std::vector<const SaasBatch *> out;
    for (const SaasBatch &b : m_saas)
        out.push_back(&b);
    return out;
}

bool AwsClient::ec2Paged(const QString &region, const QString &action, const QList<QPair<QString, QString>> &params,
                         const std::function<bool(const XmlTree &, QString *)> &onPage, QString *error,
                         const CancelFn &cancelled)
{
    return queryPaged(QStringLiteral("ec2"), QString::fromLatin1(kEc2Version), QStringLiteral("nextToken"), region, action,
                      params, onPage, error, cancelled);
}

bool AwsClient::queryPaged(const QString &service, const QString &version, const QString &nextTokenPath,
                           const QString &region, const QString &action, const QList<QPair<QString, QString>> &params,
                           const std::function<bool(const XmlTree &, QString *)> &onPage, QString *error,
                           const CancelFn &cancelled)
{
    const QUrl url = m_account.endpoint.isEmpty()
        ? QUrl(QStringLiteral("https://%1.%2.amazonaws.com/").arg(service, region))
        : QUrl(m_account.endpoint);
    const QString what = QStringLiteral("AWS %1 %2 in %3")
                             .arg(service == u"ec2" ? QStringLiteral("EC2") : QStringLiteral("CloudWatch"), action, region);
    auto fetchPage = [&](const QString &token, QString *nextToken, QString *pageError) -> bool {
        QList<QPair<QString, QString>> form = {{QStringLiteral("Action"), action},
                                                {QStringLiteral("Version"), version}};
        form += params;
        if (!token.isEmpty())
            form.append({QStringLiteral("NextToken"), token});
        Call call;
        call.what = what;
        call.url = url;
        call.region = region;
        call.service = service;
        call.xml = true;
        call.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
        call.body = formEncode(form);
        if (!post(call, cancelled)) {
            *pageError = call.error;
            return false;
        }
        QString xmlError;
        const auto tree = XmlTree::parse(call.result.response.body, &xmlError);
        if (!tree) {
            *pageError = what + QStringLiteral(": the answer is not usable XML (") + xmlError + u')';
            return false;
        }
        if (!tree->name.endsWith(QStringLiteral("Response")) || tree->name == u"Response") {
            *pageError = what + QStringLiteral(": unexpected answer <") + tree->name + u'>';
            return false;
        }
        if (!onPage(*tree, pageError)) {
            pageError->prepend(what + QStringLiteral(": "));
            return false;
        }
        *nextToken = tree->textAt(nextTokenPath);
        return true;
    };
    const net::PagingResult paging = net::fetchPages(m_options.maxPages, fetchPage, cancelled);
    if (const QString why = paging.failure(what); !why.isEmpty()) {
        *error = why;
        return false;
    }
    return true;
}

bool AwsClient::fetchMetrics(const QString &region, const QStringList &instanceIds, std::vector<MetricSeries> *metrics,
                             QString *error, const CancelFn &cancelled)
{
    // CPU as an average percent; network as bytes per second (the sum over each period / period).
    struct Wanted
    {
        const char *name;
        const char *stat;
        const char *metric;
        double scale;
    };
    constexpr int kPeriod = 900;
    const Wanted wanted[] = {{"CPUUtilization", "Average", "cpu", 1.0},
                             {"NetworkIn", "Sum", "network_in", 1.0 / kPeriod},
                             {"NetworkOut", "Sum", "network_out", 1.0 / kPeriod}};
    const QDateTime end = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch() / kPeriod * kPeriod, QTimeZone::utc());
    const QDateTime start = end.addDays(-7);
    constexpr qsizetype kInstancesPerCall = 30; // 90 queries x 672 points stays under 100,800 points per call
    for (qsizetype first = 0; first < instanceIds.size(); first += kInstancesPerCall) {
        QList<QPair<QString, QString>> params = {{QStringLiteral("StartTime"), start.toString(Qt::ISODate)},
                                                 {QStringLiteral("EndTime"), end.toString(Qt::ISODate)},
                                                 {QStringLiteral("ScanBy"), QStringLiteral("TimestampAscending")}};
        QHash<QString, std::pair<QString, const Wanted *>> byId; // query id -> instance, metric
        int n = 0;
        for (qsizetype i = first; i < std::min(instanceIds.size(), first + kInstancesPerCall); ++i) {
            for (const Wanted &w : wanted) {
                ++n;
                const QString id = QStringLiteral("m%1").arg(n);
                const QString prefix = QStringLiteral("MetricDataQueries.member.%1.").arg(n);
                byId.insert(id, {instanceIds[i], &w});
                params += {{prefix + QStringLiteral("Id"), id},
                           {prefix + QStringLiteral("MetricStat.Metric.Namespace"), QStringLiteral("AWS/EC2")},
                           {prefix + QStringLiteral("MetricStat.Metric.MetricName"), QString::fromLatin1(w.name)},
                           {prefix + QStringLiteral("MetricStat.Metric.Dimensions.member.1.Name"), QStringLiteral("InstanceId")},
                           {prefix + QStringLiteral("MetricStat.Metric.Dimensions.member.1.Value"), instanceIds[i]},
                           {prefix + QStringLiteral("MetricStat.Period"), QString::number(kPeriod)},
                           {prefix + QStringLiteral("MetricStat.Stat"), QString::fromLatin1(w.stat)}};
            }
        }
        QHash<QString, MetricSeries> series;
        const bool ok = queryPaged(
            QStringLiteral("monitoring"), QStringLiteral("2010-08-01"), QStringLiteral("GetMetricDataResult/NextToken"), region,
            QStringLiteral("GetMetricData"), params,
            [&](const XmlTree &page, QString *pageError) {
                for (const XmlTree *m : page.items(u"GetMetricDataResult/MetricDataResults", u"member")) {
                    const QString id = m->textAt(u"Id");
                    const auto found = byId.constFind(id);
                    if (found == byId.constEnd()) {
                        *pageError = QStringLiteral("a result for an unknown query id '%1'").arg(id);
                        return false;
                    }
                    const auto times = m->items(u"Timestamps", u"member");
                    const auto values = m->items(u"Values", u"member");
                    if (times.size() != values.size()) {
                        *pageError = QStringLiteral("%1 timestamps but %2 values").arg(times.size()).arg(values.size());
                        return false;
                    }
                    MetricSeries &s = series[id];
                    s.provider = providerName();
                    s.resourceId = found->first;
                    s.metric = QString::fromLatin1(found->second->metric);
                    for (size_t i = 0; i < times.size(); ++i) {
                        bool valueOk = false;
                        const double v = values[i]->text.toDouble(&valueOk);
                        const int64_t t = parseTime(times[i]->text);
                        if (!valueOk || t == 0) {
                            *pageError = QStringLiteral("an unreadable data point of %1").arg(s.metric);
                            return false;
                        }
                        s.points.push_back({t, v * found->second->scale});
                    }
                }
                return true;
            },
            error, cancelled);
        if (!ok)
            return false;
        for (auto it = series.begin(); it != series.end(); ++it) {
            if (!it->points.empty())
                metrics->push_back(std::move(it.value()));
        }
    }
    return true;
}

bool AwsClient::describeRegions(QStringList *regions, QString *error, const CancelFn &cancelled)
{
    const QString home = m_account.region.isEmpty() ? QStringLiteral("us-east-1") : m_account.region;
    regions->clear();
    return ec2Paged(
        home, QStringLiteral("DescribeRegions"), {},
        [regions](const XmlTree &page, QString *) {
            for (const XmlTree *item : page.items(u"regionInfo")) {
                const QString name = item->textAt(u"regionName");
                const QString status = item->textAt(u"optInStatus");
                if (!name.isEmpty() && status != u"not-opted-in")
                    regions->append(name);
            }
            return true;
        },
        error, cancelled);
}

bool AwsClient::fetchResources(ResourceBatch *resources, std::vector<MetricSeries> *metrics, QString *error,
                               const CancelFn &cancelled)
{
    resources->provider = providerName();
    resources->accountId = m_account.billingAccount.isEmpty() ? m_account.name : m_account.billingAccount;
    resources->observedAt = QDateTime::currentSecsSinceEpoch();
    resources->resources.clear();
    if (metrics)
        metrics->clear();
    QStringList regions;
    if (!describeRegions(&regions, error, cancelled))
        return false;
    const int64_t now = resources->observedAt;
    auto base = [&](const QString &region, const QString &id, const QString &type) -> ResourceRecord {
        ResourceRecord r;
        r.provider = providerName();
        r.accountId = resources->accountId;
        r.region = region;
        r.resourceId = id;
        r.type = type;
        r.firstSeen = now;
        r.lastSeen = now;
        return r;
    };
    auto &out = resources->resources;
    for (const QString &region : std::as_const(regions)) {
        const bool ok =
            ec2Paged(region, QStringLiteral("DescribeInstances"), {{QStringLiteral("MaxResults"), QStringLiteral("1000")}},
                     [&](const XmlTree &page, QString *) {
                         for (const XmlTree *reservation : page.items(u"reservationSet")) {
                             for (const XmlTree *i : reservation->items(u"instancesSet")) {
                                 ResourceRecord r = base(region, i->textAt(u"instanceId"), QStringLiteral("instance"));
                                 r.flavor = i->textAt(u"instanceType");
                                 r.state = i->textAt(u"instanceState/name");
                                 r.createdAt = parseTime(i->textAt(u"launchTime"));
                                 r.tags = tagsOf(*i);
                                 r.name = tagValue(r.tags, QStringLiteral("Name"));
                                 out.push_back(std::move(r));
                             }
                         }
                         return true;
                     },
                     error, cancelled)
            && ec2Paged(region, QStringLiteral("DescribeVolumes"), {{QStringLiteral("MaxResults"), QStringLiteral("500")}},
                        [&](const XmlTree &page, QString *) {
                            for (const XmlTree *v : page.items(u"volumeSet")) {
                                ResourceRecord r = base(region, v->textAt(u"volumeId"), QStringLiteral("volume"));
                                r.flavor = v->textAt(u"volumeType");
                                r.state = v->textAt(u"status");
                                r.createdAt = parseTime(v->textAt(u"createTime"));
                                r.tags = tagsOf(*v);
                                r.name = tagValue(r.tags, QStringLiteral("Name"));
                                const auto attachments = v->items(u"attachmentSet");
                                if (!attachments.empty()) {
                                    r.attachedTo = attachments.front()->textAt(u"instanceId");
                                    r.attachmentKind = QStringLiteral("volume-instance");
                                }
                                out.push_back(std::move(r));
                            }
                            return true;
                        },
                        error, cancelled)
            && ec2Paged(region, QStringLiteral("DescribeSnapshots"),
                        {{QStringLiteral("OwnerId.1"), QStringLiteral("self")}, {QStringLiteral("MaxResults"), QStringLiteral("1000")}},
                        [&](const XmlTree &page, QString *) {
                            for (const XmlTree *s : page.items(u"snapshotSet")) {
                                ResourceRecord r = base(region, s->textAt(u"snapshotId"), QStringLiteral("snapshot"));
                                r.state = s->textAt(u"status");
                                r.createdAt = parseTime(s->textAt(u"startTime"));
                                r.tags = tagsOf(*s);
                                r.name = tagValue(r.tags, QStringLiteral("Name"));
                                r.attachedTo = s->textAt(u"volumeId");
                                if (!r.attachedTo.isEmpty())
                                    r.attachmentKind = QStringLiteral("snapshot-volume");
                                out.push_back(std::move(r));
                            }
                            return true;
                        },
                        error, cancelled)
            && ec2Paged(region, QStringLiteral("DescribeImages"), {{QStringLiteral("Owner.1"), QStringLiteral("self")}},
                        [&](const XmlTree &page, QString *) {
                            for (const XmlTree *im : page.items(u"imagesSet")) {
                                ResourceRecord r = base(region, im->textAt(u"imageId"), QStringLiteral("image"));
                                r.state = im->textAt(u"imageState");
                                r.createdAt = parseTime(im->textAt(u"creationDate"));
                                r.tags = tagsOf(*im);
                                r.name = im->textAt(u"name");
                                for (const XmlTree *m : im->items(u"blockDeviceMapping")) {
                                    const QString snapshot = m->textAt(u"ebs/snapshotId");
                                    if (!snapshot.isEmpty()) {
                                        r.attachedTo = snapshot;
                                        r.attachmentKind = QStringLiteral("image-snapshot");
                                        break;
                                    }
                                }
                                out.push_back(std::move(r));
                            }
                            return true;
                        },
                        error, cancelled)
            && ec2Paged(region, QStringLiteral("DescribeAddresses"), {},
                        [&](const XmlTree &page, QString *) {
                            for (const XmlTree *a : page.items(u"addressesSet")) {
                                const QString allocation = a->textAt(u"allocationId");
                                ResourceRecord r = base(region, allocation.isEmpty() ? a->textAt(u"publicIp") : allocation,
                                                        QStringLiteral("ip"));
                                r.name = a->textAt(u"publicIp");
                                r.tags = tagsOf(*a);
                                r.attachedTo = a->textAt(u"instanceId");
                                r.state = r.attachedTo.isEmpty() ? QStringLiteral("unassociated") : QStringLiteral("associated");
                                if (!r.attachedTo.isEmpty())
                                    r.attachmentKind = QStringLiteral("ip-instance");
                                out.push_back(std::move(r));
                            }
                            return true;
                        },
                        error, cancelled);
        if (!ok) {
            out.clear();
            return false;
        }
        if (metrics) {
            QStringList running;
            for (const ResourceRecord &r : out) {
                if (r.region == region && r.type == u"instance" && r.state == u"running")
                    running << r.resourceId;
            }
            if (!running.isEmpty() && !fetchMetrics(region, running, metrics, error, cancelled)) {
                out.clear();
                metrics->clear();
                return false;
            }
        }
    }
    qCInfo(lcAws) << "account" << m_account.name << out.size() << "resources in" << regions.size() << "regions";
    return true;
}

bool AwsClient::fetchSecurityFacts(ResourceBatch *facts, QStringList *warnings, QString *error, const CancelFn &cancelled)
{
    QStringList regions;
    if (!describeRegions(&regions, error, cancelled))
        return false;
    AwsSecurityAccess access;
    access.credentials = [this](auth::AwsCredentials *credentials, QString *why, const CancelFn &cancel) {
        if (!ensureRoleCredentials(false, why, cancel))
            return false;
        *credentials = m_credentials;
        return true;
    };
    access.scrub = [this](QString text) { return scrub(std::move(text)); };
    AwsSecurity security(m_account, m_http, m_options, std::move(access));
    return security.fetch(regions, facts, warnings, error, cancelled);
}

} // namespace costscope::providers::aws
