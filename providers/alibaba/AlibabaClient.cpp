#include "providers/alibaba/AlibabaClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QLoggingCategory>
#include <QTimeZone>
#include <QUuid>

#include <cmath>

namespace costscope::providers::alibaba {

Q_LOGGING_CATEGORY(lcAlibaba, "costscope.alibaba", QtInfoMsg)

namespace {

constexpr int64_t kSecondsPerDay = 86400;
const char kBssVersion[] = "2017-12-14";
const char kEcsVersion[] = "2014-05-26";
const char kCmsVersion[] = "2019-01-01";

int64_t dayStart(const QDate &d)
{
    return QDateTime(d, QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
}

// ECS times: "2017-12-10T04:04Z" (no seconds) or full ISO 8601.
int64_t parseTime(const QString &text)
{
    if (text.isEmpty())
        return 0;
    QDateTime t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid()) {
        t = QDateTime::fromString(text, QStringLiteral("yyyy-MM-dd'T'HH:mm'Z'"));
        t.setTimeZone(QTimeZone::utc());
    }
    return t.isValid() ? t.toSecsSinceEpoch() : 0;
}

// The Code of an Alibaba error answer ({"RequestId", "Code", "Message"}).
QString errorCode(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object().value(QStringLiteral("Code")).toString();
}

// A bill's Tag text: "key:team value:search; key:env value:prod".
Tags parseBillTags(const QString &text)
{
    Tags tags;
    for (const QString &part : text.split(u';', Qt::SkipEmptyParts)) {
        const QString t = part.trimmed();
        if (!t.startsWith(QStringLiteral("key:")))
            continue;
        const qsizetype at = t.indexOf(QStringLiteral(" value:"));
        if (at < 0)
            tags.append({t.mid(4).trimmed(), QString()});
        else
            tags.append({t.mid(4, at - 4).trimmed(), t.mid(at + 7).trimmed()});
    }
    return tags;
}

// A text field that some answers send as a number (ids, tokens): integers without an exponent.
QString text(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (d == std::floor(d) && std::abs(d) < 9007199254740992.0)
            return QString::number(static_cast<qint64>(d));
        return AlibabaClient::numberText(d);
    }
    return v.toString();
}

// An amount field: a JSON number (as BSS sends it) or a decimal string, read exactly.
bool amountOf(const QJsonObject &item, const char *key, bool required, std::optional<Money> *out, QString *error)
{
    const QJsonValue v = item.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty())) {
        if (required) {
            *error = QStringLiteral("an item has no %1").arg(QLatin1String(key));
            return false;
        }
        out->reset();
        return true;
    }
    if (!v.isDouble() && !v.isString()) {
        *error = QStringLiteral("%1 is not a number").arg(QLatin1String(key));
        return false;
    }
    const QString t = v.isDouble() ? AlibabaClient::numberText(v.toDouble()) : v.toString();
    *out = Money::parse(t);
    if (!*out) {
        *error = QStringLiteral("%1 '%2' is not an amount").arg(QLatin1String(key), t.left(40));
        return false;
    }
    return true;
}

} // namespace

AlibabaClient::AlibabaClient(AccountConfig account, auth::AlibabaCredentials credentials, const net::HttpClient &http,
                             ClientOptions options)
    : m_account(std::move(account))
    , m_credentials(std::move(credentials))
    , m_http(http)
    , m_options(options)
{
}

bool AlibabaClient::isKnownSite(const QString &scope, QString *error)
{
    if (scope.isEmpty() || scope == u"international" || scope == u"china")
        return true;
    *error = QStringLiteral("the Alibaba Cloud site (--scope) must be 'international' or 'china', not '%1'").arg(scope);
    return false;
}

QString AlibabaClient::numberText(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString AlibabaClient::bssHost() const
{
    return m_account.scope == u"china" ? QStringLiteral("business.aliyuncs.com")
                                       : QStringLiteral("business.ap-southeast-1.aliyuncs.com");
}

QString AlibabaClient::homeRegion() const
{
    if (!m_account.region.isEmpty())
        return m_account.region;
    return m_account.scope == u"china" ? QStringLiteral("cn-hangzhou") : QStringLiteral("ap-southeast-1");
}

QString AlibabaClient::scrub(QString text) const
{
    if (m_credentials.accessKeySecret.size() >= 4)
        text.replace(m_credentials.accessKeySecret, QStringLiteral("REDACTED"));
    return text;
}

QString AlibabaClient::describeFailure(const QString &what, const net::HttpResult &result) const
{
    if (result.cancelled)
        return what + QStringLiteral(": cancelled");
    QString code, message;
    if (result.response.status >= 400) {
        const QJsonObject o = QJsonDocument::fromJson(result.response.body).object();
        code = o.value(QStringLiteral("Code")).toString();
        message = o.value(QStringLiteral("Message")).toString().section(u'\n', 0, 0).left(300);
    }
    static const QStringList badKey = {QStringLiteral("InvalidAccessKeyId.NotFound"), QStringLiteral("InvalidAccessKeyId"),
                                       QStringLiteral("InvalidAccessKeyId.Inactive"), QStringLiteral("SignatureDoesNotMatch"),
                                       QStringLiteral("IncompleteSignature")};
    QString cause;
    if (badKey.contains(code))
        cause = QStringLiteral("Alibaba Cloud rejected the credentials (%1); check the AccessKey ID and secret of account '%2'")
                    .arg(code, m_account.name);
    else if (code == u"InvalidTimeStamp.Expired")
        cause = QStringLiteral("the request expired before it arrived (%1); check this computer's clock").arg(code);
    else if (code.startsWith(QStringLiteral("InvalidSecurityToken")))
        cause = QStringLiteral("the security token has expired or is invalid (%1); store fresh credentials for account '%2'")
                    .arg(code, m_account.name);
    else if (code.startsWith(QStringLiteral("Forbidden")) || code == u"NoPermission")
        cause = QStringLiteral("the AccessKey lacks a permission (%1)").arg(code);
    else if (code.startsWith(QStringLiteral("Throttling")))
        cause = QStringLiteral("Alibaba Cloud kept throttling the requests (%1)").arg(code);
    else if (!code.isEmpty())
        cause = QStringLiteral("Alibaba Cloud answered %1").arg(code);
    QString out = what + QStringLiteral(": ");
    if (!cause.isEmpty())
        out += cause + (message.isEmpty() ? QString() : QStringLiteral(": ") + message) + QStringLiteral(" (");
    out += result.error.isEmpty() ? QStringLiteral("HTTP %1").arg(result.response.status) : result.error;
    if (!cause.isEmpty())
        out += u')';
    return scrub(out);
}

bool AlibabaClient::call(const QString &what, const QString &host, const auth::QueryParams &params, QJsonObject *answer,
                         QString *error, const CancelFn &cancelled) const
{
    const QUrl base = m_account.endpoint.isEmpty() ? QUrl(QStringLiteral("https://%1/").arg(host)) : QUrl(m_account.endpoint);
    net::HttpRequest request;
    request.method = "GET";
    request.url = base;
    const auth::AlibabaCredentials credentials = m_credentials;
    // Signed again on every attempt: a retry needs a fresh nonce and time stamp.
    request.prepare = [credentials, params, base](net::HttpRequest &r) {
        const auth::QueryParams all = auth::AlibabaRpcSigner::withCommonParameters(
            params, credentials, QDateTime::currentDateTimeUtc(), QUuid::createUuid().toString(QUuid::WithoutBraces));
        QUrl plain = base;
        plain.setQuery(QString());
        r.url = QUrl::fromEncoded(plain.toEncoded() + '?' + auth::AlibabaRpcSigner::signedQuery("GET", all, credentials),
                                  QUrl::StrictMode);
    };
    // Alibaba signals throttling with HTTP 400 (or 503) and Code Throttling.*: retried like a 429.
    request.retryable = [](const net::HttpResponse &r) {
        return (r.status == 400 || r.status == 503) && errorCode(r.body).startsWith(QStringLiteral("Throttling"));
    };
    qCDebug(lcAlibaba) << "account" << m_account.name << what;
    const net::HttpResult result = m_http.send(std::move(request), cancelled);
    if (!result.ok) {
        *error = describeFailure(what, result);
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(result.response.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = what + QStringLiteral(": the answer is not usable (not valid JSON: %1 at byte %2 of %3)")
                            .arg(parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                              : QStringLiteral("not an object"))
                            .arg(parseError.offset)
                            .arg(result.response.body.size());
        return false;
    }
    *answer = doc.object();
    // BSS and CloudMonitor may answer HTTP 200 with "Success": false.
    const QJsonValue success = answer->value(QStringLiteral("Success"));
    if (success.isBool() && !success.toBool()) {
        net::HttpResult failed = result;
        failed.response.status = 400;
        failed.error = QStringLiteral("Success is false");
        *error = describeFailure(what, failed);
        return false;
    }
    return true;
}

bool AlibabaClient::callPaged(const QString &what, const QString &host, const auth::QueryParams &params,
                              const PageFn &onPage, QString *error, const CancelFn &cancelled) const
{
    auto fetchPage = [&](const QString &token, QString *nextToken, QString *pageError) -> bool {
        auth::QueryParams p = params;
        if (!token.isEmpty())
            p.append({QStringLiteral("NextToken"), token});
        QJsonObject answer;
        if (!call(what, host, p, &answer, pageError, cancelled))
            return false;
        if (!onPage(answer, nextToken, pageError)) {
            pageError->prepend(what + QStringLiteral(": the answer is not usable: "));
            return false;
        }
        return true;
    };
    const net::PagingResult paging = net::fetchPages(m_options.maxPages, fetchPage, cancelled);
    if (const QString why = paging.failure(what); !why.isEmpty()) {
        *error = why;
        return false;
    }
    return true;
}

QString AlibabaClient::testConnection(const CancelFn &cancelled)
{
    QList<Region> regions;
    QString error;
    if (!describeRegions(&regions, &error, cancelled))
        return error;
    return {};
}

bool AlibabaClient::fetchMonth(const QDate &from, const QDate &to, CostBatch *batch, QString *error,
                               const CancelFn &cancelled)
{
    if (!isRangeInOneMonth(QStringLiteral("Alibaba Cloud BSS"), from, to, error))
        return false;
    const QDate monthStart(from.year(), from.month(), 1);
    beginMonthBatch(batch, providerName(), m_account, monthStart);
    QString currency;
    const QString cycle = monthStart.toString(QStringLiteral("yyyy-MM"));
    for (QDate day = from; day < to; day = day.addDays(1)) {
        const QString dayText = day.toString(Qt::ISODate);
        const QString what = QStringLiteral("Alibaba Cloud BSS DescribeInstanceBill for %1").arg(dayText);
        const auth::QueryParams params = {{QStringLiteral("Action"), QStringLiteral("DescribeInstanceBill")},
                                          {QStringLiteral("Version"), QString::fromLatin1(kBssVersion)},
                                          {QStringLiteral("BillingCycle"), cycle},
                                          {QStringLiteral("Granularity"), QStringLiteral("DAILY")},
                                          {QStringLiteral("BillingDate"), dayText},
                                          {QStringLiteral("MaxResults"), QStringLiteral("300")}};
        const int64_t start = dayStart(day);
        const bool ok = callPaged(
            what, bssHost(), params,
            [&](const QJsonObject &page, QString *nextToken, QString *pageError) {
                const QJsonValue dataValue = page.value(QStringLiteral("Data"));
                if (!dataValue.isObject()) {
                    *pageError = QStringLiteral("it has no Data object");
                    return false;
                }
                const QJsonObject data = dataValue.toObject();
                const QString ownerId = text(data, "AccountID");
                const QString ownerName = data.value(QStringLiteral("AccountName")).toString();
                const QJsonValue items = data.value(QStringLiteral("Items"));
                if (!items.isArray() && !items.isUndefined() && !items.isNull()) {
                    *pageError = QStringLiteral("Data.Items is not a list");
                    return false;
                }
                for (const QJsonValue &v : items.toArray()) {
                    if (!v.isObject()) {
                        *pageError = QStringLiteral("an item of Data.Items is not an object");
                        return false;
                    }
                    const QJsonObject item = v.toObject();
                    const QString billingDate = item.value(QStringLiteral("BillingDate")).toString();
                    if (!billingDate.isEmpty() && billingDate != dayText) {
                        *pageError = QStringLiteral("an item for %1 lies outside the day asked for").arg(billingDate.left(20));
                        return false;
                    }
                    std::optional<Money> pretax, gross, payment;
                    if (!amountOf(item, "PretaxAmount", true, &pretax, pageError)
                        || !amountOf(item, "PretaxGrossAmount", false, &gross, pageError)
                        || !amountOf(item, "PaymentAmount", false, &payment, pageError))
                        return false;
                    const QString itemCurrency = item.value(QStringLiteral("Currency")).toString();
                    if (!itemCurrency.isEmpty()) {
                        if (currency.isEmpty())
                            currency = itemCurrency;
                        else if (itemCurrency != currency) {
                            *pageError = QStringLiteral("two currencies in one month (%1 and %2)").arg(currency, itemCurrency.left(8));
                            return false;
                        }
                    }
                    CostRow row;
                    row.chargeStart = start;
                    row.chargeEnd = start + kSecondsPerDay;
                    row.subAccountId = text(item, "OwnerID");
                    if (row.subAccountId.isEmpty())
                        row.subAccountId = text(item, "BillAccountID");
                    if (row.subAccountId.isEmpty())
                        row.subAccountId = ownerId;
                    row.subAccountName = item.value(QStringLiteral("BillAccountName")).toString();
                    if (row.subAccountName.isEmpty() && row.subAccountId == ownerId)
                        row.subAccountName = ownerName;
                    row.serviceName = item.value(QStringLiteral("ProductName")).toString();
                    if (row.serviceName.isEmpty())
                        row.serviceName = item.value(QStringLiteral("ProductCode")).toString();
                    row.region = item.value(QStringLiteral("Region")).toString();
                    row.resourceId = item.value(QStringLiteral("InstanceID")).toString();
                    row.resourceName = item.value(QStringLiteral("NickName")).toString();
                    row.resourceType = item.value(QStringLiteral("ProductType")).toString();
                    row.skuId = item.value(QStringLiteral("InstanceSpec")).toString();
                    row.chargeDescription = item.value(QStringLiteral("InstanceConfig")).toString().left(500);
                    const QString subscription = item.value(QStringLiteral("SubscriptionType")).toString();
                    row.pricingCategory = subscription == u"Subscription" ? QStringLiteral("Committed")
                        : subscription == u"PayAsYouGo"                   ? QStringLiteral("Standard")
                                                                          : QString();
                    row.billedCost = *pretax;
                    row.effectiveCost = *pretax;
                    row.listCost = gross ? *gross : *pretax;
                    row.tags = parseBillTags(item.value(QStringLiteral("Tag")).toString());
                    for (const char *key : {"ProductCode", "SubscriptionType", "Zone", "ResourceGroup", "CostUnit", "Item"}) {
                        const QString value = text(item, key);
                        if (!value.isEmpty())
                            row.extra.append({QStringLiteral("x_") + QLatin1String(key), value});
                    }
                    if (payment)
                        row.extra.append({QStringLiteral("x_PaymentAmount"), payment->toString()});
                    batch->rows.push_back(std::move(row));
                }
                *nextToken = text(data, "NextToken");
                return true;
            },
            error, cancelled);
        if (!ok) {
            batch->rows.clear();
            return false;
        }
    }
    if (!currency.isEmpty())
        batch->currency = currency;
    qCInfo(lcAlibaba) << "account" << m_account.name << batch->rows.size() << "bill items for" << cycle;
    return true;
}

bool AlibabaClient::describeRegions(QList<Region> *regions, QString *error, const CancelFn &cancelled)
{
    regions->clear();
    const QString home = homeRegion();
    QJsonObject answer;
    const QString what = QStringLiteral("Alibaba Cloud ECS DescribeRegions in %1").arg(home);
    if (!call(what, QStringLiteral("ecs.%1.aliyuncs.com").arg(home),
              {{QStringLiteral("Action"), QStringLiteral("DescribeRegions")},
               {QStringLiteral("Version"), QString::fromLatin1(kEcsVersion)},
               {QStringLiteral("RegionId"), home}},
              &answer, error, cancelled))
        return false;
    const QJsonValue list = answer.value(QStringLiteral("Regions")).toObject().value(QStringLiteral("Region"));
    if (!list.isArray()) {
        *error = what + QStringLiteral(": the answer is not usable: it has no Regions.Region list");
        return false;
    }
    for (const QJsonValue &v : list.toArray()) {
        const QJsonObject o = v.toObject();
        Region r;
        r.id = o.value(QStringLiteral("RegionId")).toString();
        // Only hosts of Alibaba Cloud: a signed request never goes anywhere else.
        r.endpoint = o.value(QStringLiteral("RegionEndpoint")).toString().toLower();
        if (!r.endpoint.endsWith(QStringLiteral(".aliyuncs.com")) || r.endpoint.contains(u'/') || r.endpoint.contains(u'@'))
            r.endpoint = QStringLiteral("ecs.%1.aliyuncs.com").arg(r.id);
        if (r.id.isEmpty() || r.id.contains(u'/'))
            continue;
        regions->append(r);
    }
    return true;
}

bool AlibabaClient::fetchResources(ResourceBatch *resources, std::vector<MetricSeries> *metrics, QString *error,
                                   const CancelFn &cancelled)
{
    resources->provider = providerName();
    resources->accountId = m_account.billingAccount.isEmpty() ? m_account.name : m_account.billingAccount;
    resources->observedAt = QDateTime::currentSecsSinceEpoch();
    resources->resources.clear();
    if (metrics)
        metrics->clear();
    QList<Region> regions;
    if (!describeRegions(&regions, error, cancelled))
        return false;
    const int64_t now = resources->observedAt;
    auto &out = resources->resources;
    for (const Region &region : std::as_const(regions)) {
        QStringList running;
        const bool ok = callPaged(
            QStringLiteral("Alibaba Cloud ECS DescribeInstances in %1").arg(region.id), region.endpoint,
            {{QStringLiteral("Action"), QStringLiteral("DescribeInstances")},
             {QStringLiteral("Version"), QString::fromLatin1(kEcsVersion)},
             {QStringLiteral("RegionId"), region.id},
             {QStringLiteral("MaxResults"), QStringLiteral("100")}},
            [&](const QJsonObject &page, QString *nextToken, QString *pageError) {
                const QJsonValue list = page.value(QStringLiteral("Instances")).toObject().value(QStringLiteral("Instance"));
                if (!list.isArray()) {
                    *pageError = QStringLiteral("it has no Instances.Instance list");
                    return false;
                }
                for (const QJsonValue &v : list.toArray()) {
                    const QJsonObject i = v.toObject();
                    ResourceRecord r;
                    r.provider = providerName();
                    r.accountId = resources->accountId;
                    r.region = i.value(QStringLiteral("RegionId")).toString();
                    if (r.region.isEmpty())
                        r.region = region.id;
                    r.resourceId = i.value(QStringLiteral("InstanceId")).toString();
                    if (r.resourceId.isEmpty()) {
                        *pageError = QStringLiteral("an instance has no InstanceId");
                        return false;
                    }
                    r.name = i.value(QStringLiteral("InstanceName")).toString();
                    r.type = QStringLiteral("instance");
                    r.flavor = i.value(QStringLiteral("InstanceType")).toString();
                    // Stopped with StoppedMode KeepCharging (or not in no-charge mode) still bills
                    // its compute: that is the "stopped" the recommendations look for.
                    const QString status = i.value(QStringLiteral("Status")).toString();
                    const QString stoppedMode = i.value(QStringLiteral("StoppedMode")).toString();
                    if (status == u"Stopped" && stoppedMode == u"StopCharging")
                        r.state = QStringLiteral("stopped-no-charge");
                    else
                        r.state = status.toLower();
                    r.createdAt = parseTime(i.value(QStringLiteral("CreationTime")).toString());
                    r.firstSeen = now;
                    r.lastSeen = now;
                    for (const QJsonValue &t : i.value(QStringLiteral("Tags")).toObject().value(QStringLiteral("Tag")).toArray()) {
                        const QJsonObject tag = t.toObject();
                        r.tags.append({tag.value(QStringLiteral("TagKey")).toString(), tag.value(QStringLiteral("TagValue")).toString()});
                    }
                    if (r.state == u"running")
                        running << r.resourceId;
                    out.push_back(std::move(r));
                }
                *nextToken = page.value(QStringLiteral("NextToken")).toString();
                return true;
            },
            error, cancelled);
        // Disks: a data disk left Available keeps costing (the "volumes not attached" finding).
        const bool disksOk = ok
            && callPaged(
                QStringLiteral("Alibaba Cloud ECS DescribeDisks in %1").arg(region.id), region.endpoint,
                {{QStringLiteral("Action"), QStringLiteral("DescribeDisks")},
                 {QStringLiteral("Version"), QString::fromLatin1(kEcsVersion)},
                 {QStringLiteral("RegionId"), region.id},
                 {QStringLiteral("MaxResults"), QStringLiteral("100")}},
                [&](const QJsonObject &page, QString *nextToken, QString *pageError) {
                    const QJsonValue list = page.value(QStringLiteral("Disks")).toObject().value(QStringLiteral("Disk"));
                    if (!list.isArray()) {
                        *pageError = QStringLiteral("it has no Disks.Disk list");
                        return false;
                    }
                    for (const QJsonValue &v : list.toArray()) {
                        const QJsonObject d = v.toObject();
                        ResourceRecord r;
                        r.provider = providerName();
                        r.accountId = resources->accountId;
                        r.region = d.value(QStringLiteral("RegionId")).toString(region.id);
                        r.resourceId = d.value(QStringLiteral("DiskId")).toString();
                        if (r.resourceId.isEmpty()) {
                            *pageError = QStringLiteral("a disk has no DiskId");
                            return false;
                        }
                        r.name = d.value(QStringLiteral("DiskName")).toString();
                        r.type = QStringLiteral("volume");
                        r.flavor = d.value(QStringLiteral("Category")).toString();
                        // In_use -> in-use, Available -> available (the states the store knows for volumes).
                        r.state = d.value(QStringLiteral("Status")).toString().toLower().replace(u'_', u'-');
                        r.createdAt = parseTime(d.value(QStringLiteral("CreationTime")).toString());
                        r.firstSeen = now;
                        r.lastSeen = now;
                        r.attachedTo = d.value(QStringLiteral("InstanceId")).toString();
                        if (!r.attachedTo.isEmpty())
                            r.attachmentKind = QStringLiteral("volume-instance");
                        for (const QJsonValue &t : d.value(QStringLiteral("Tags")).toObject().value(QStringLiteral("Tag")).toArray()) {
                            const QJsonObject tag = t.toObject();
                            r.tags.append({tag.value(QStringLiteral("TagKey")).toString(), tag.value(QStringLiteral("TagValue")).toString()});
                        }
                        out.push_back(std::move(r));
                    }
                    *nextToken = page.value(QStringLiteral("NextToken")).toString();
                    return true;
                },
                error, cancelled);
        if (!disksOk || (metrics && !running.isEmpty() && !fetchCpu(region, running, metrics, error, cancelled))) {
            out.clear();
            if (metrics)
                metrics->clear();
            return false;
        }
    }
    qCInfo(lcAlibaba) << "account" << m_account.name << out.size() << "instances and disks in" << regions.size() << "regions";
    return true;
}

bool AlibabaClient::fetchCpu(const Region &region, const QStringList &instanceIds, std::vector<MetricSeries> *metrics,
                             QString *error, const CancelFn &cancelled) const
{
    constexpr int kPeriod = 900;
    const int64_t end = QDateTime::currentSecsSinceEpoch() / kPeriod * kPeriod;
    const int64_t start = end - 7 * kSecondsPerDay;
    QHash<QString, MetricSeries> series;
    const QSet<QString> wanted(instanceIds.cbegin(), instanceIds.cend());
    const bool ok = callPaged(
        QStringLiteral("Alibaba Cloud CloudMonitor DescribeMetricList in %1").arg(region.id),
        QStringLiteral("metrics.%1.aliyuncs.com").arg(region.id),
        {{QStringLiteral("Action"), QStringLiteral("DescribeMetricList")},
         {QStringLiteral("Version"), QString::fromLatin1(kCmsVersion)},
         {QStringLiteral("RegionId"), region.id},
         {QStringLiteral("Namespace"), QStringLiteral("acs_ecs_dashboard")},
         {QStringLiteral("MetricName"), QStringLiteral("CPUUtilization")},
         {QStringLiteral("Period"), QString::number(kPeriod)},
         {QStringLiteral("StartTime"), QString::number(start * 1000)},
         {QStringLiteral("EndTime"), QString::number(end * 1000)},
         {QStringLiteral("Length"), QStringLiteral("1000")}},
        [&](const QJsonObject &page, QString *nextToken, QString *pageError) {
            // Datapoints is a JSON array inside a string.
            const QJsonValue raw = page.value(QStringLiteral("Datapoints"));
            QJsonArray points;
            if (raw.isString() && !raw.toString().isEmpty()) {
                QJsonParseError parseError;
                const QJsonDocument doc = QJsonDocument::fromJson(raw.toString().toUtf8(), &parseError);
                if (parseError.error != QJsonParseError::NoError || !doc.isArray()) {
                    *pageError = QStringLiteral("Datapoints is not a valid JSON list");
                    return false;
                }
                points = doc.array();
            } else if (raw.isArray()) {
                points = raw.toArray();
            }
            for (const QJsonValue &v : std::as_const(points)) {
                const QJsonObject p = v.toObject();
                const QString id = p.value(QStringLiteral("instanceId")).toString();
                if (!wanted.contains(id))
                    continue;
                const QJsonValue average = p.value(QStringLiteral("Average"));
                const QJsonValue time = p.value(QStringLiteral("timestamp"));
                if (!average.isDouble() || !time.isDouble()) {
                    *pageError = QStringLiteral("a data point of %1 has no Average or timestamp").arg(id);
                    return false;
                }
                MetricSeries &s = series[id];
                s.provider = providerName();
                s.resourceId = id;
                s.metric = QStringLiteral("cpu");
                s.points.push_back({static_cast<int64_t>(time.toDouble()) / 1000, average.toDouble()});
            }
            *nextToken = page.value(QStringLiteral("NextToken")).toString();
            return true;
        },
        error, cancelled);
    if (!ok)
        return false;
    for (auto it = series.begin(); it != series.end(); ++it)
        metrics->push_back(std::move(it.value()));
    return true;
}

} // namespace costscope::providers::alibaba
