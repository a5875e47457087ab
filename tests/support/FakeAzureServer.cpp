// The Azure side of the provider contract tests, on one local endpoint: the Azure AD token endpoint
// (client credentials; checks tenant, client id and secret, issues bearer tokens with an expiry) and
// Azure Resource Manager: the Cost Management query (columns + positional rows, UsageDate as a
// yyyymmdd number, amounts as JSON numbers written digit by digit, nextLink paging), the Compute
// virtual machine and disk lists (nextLink) and Azure Monitor metrics. Every ARM request must carry
// a bearer token this server issued and that has not expired.

#include "support/FakeAzure.h"
#include "support/LocalHttpServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

#include <mutex>

namespace costscope::testsupport {

namespace {

const QString kTenant = QStringLiteral("7d2c9f4e-0b1a-4c3d-8e5f-00000000fa4e");
const QString kClientId = QStringLiteral("a1b2c3d4-0000-4000-8000-0000000c11e7");
const QString kSecret = QStringLiteral("fake~Azure.Secret_For+The/Contract=Suite0001");
const QString kSubscription = QStringLiteral("1f2e3d4c-0000-4000-8000-00000000c0de");
constexpr int kRowsPerPage = 50; // February is four pages, under the suite's page bound of 8
constexpr int kTokenSeconds = 3599;

QString subscriptionPath()
{
    return QStringLiteral("/subscriptions/") + kSubscription;
}

QString vmId(const char *group, const char *name)
{
    return subscriptionPath() + QStringLiteral("/resourceGroups/") + QLatin1String(group)
        + QStringLiteral("/providers/Microsoft.Compute/virtualMachines/") + QLatin1String(name);
}

QString diskId(const char *group, const char *name)
{
    return subscriptionPath() + QStringLiteral("/resourceGroups/") + QLatin1String(group)
        + QStringLiteral("/providers/Microsoft.Compute/disks/") + QLatin1String(name);
}

QHash<QString, QString> decodeForm(const QByteArray &text)
{
    QHash<QString, QString> out;
    for (const QByteArray &pair : text.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        QByteArray key = eq < 0 ? pair : pair.left(eq);
        QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        key.replace('+', ' ');
        value.replace('+', ' ');
        out.insert(QString::fromUtf8(QByteArray::fromPercentEncoding(key)), QString::fromUtf8(QByteArray::fromPercentEncoding(value)));
    }
    return out;
}

QByteArray armError(const char *code, const QByteArray &message)
{
    return QByteArray(R"({"error":{"code":")") + code + R"(","message":")" + message + R"("}})";
}

// One cost row the server serves: its JSON number token and the same amount as a plain decimal
// (actual cost), its token in the amortised view (empty: not in that view) and its charge type.
struct Amount
{
    QByteArray token;
    QString decimal;
    QString resourceId;
    QString service;
    QByteArray amortised;
    QByteArray chargeType = "Usage";
};

// The day of each month on which a one-year reservation is bought (a resource-less Purchase of
// kReservationPrice, actual cost only: the amortised view spreads it) and its daily amortised share
// on vm-api-3, which the reservation covers.
constexpr int kReservationDay = 15;
const char kReservationPrice[] = "310.5";
const char kReservationDailyShare[] = "0.75";

class FakeAzureServer : public FakeCloud
{
public:
    QString providerKey() const override { return QStringLiteral("azure"); }

    bool start() override
    {
        m_server.setHandler([this](const RecordedRequest &r) { return handle(r); });
        return m_server.start();
    }

    providers::AccountConfig account(const QString &name) const override
    {
        providers::AccountConfig c;
        c.id = QStringLiteral("azure-") + name;
        c.name = name;
        c.provider = QStringLiteral("azure");
        c.endpoint = m_server.url(QStringLiteral("/")).toString();
        c.scope = subscriptionPath();
        return c;
    }

    providers::Secrets secrets() const override
    {
        return {{QStringLiteral("tenant_id"), kTenant}, {QStringLiteral("client_id"), kClientId}, {QStringLiteral("client_secret"), kSecret}};
    }

    void setFault(const FaultPlan &plan) override { m_faults.set(plan); }

    QStringList billedAmounts(const QDate &day) const override
    {
        QStringList out;
        for (const Amount &a : amounts(day))
            out << a.decimal;
        return out;
    }

    // Three machines (two on the first page, one on the second) and four disks.
    int resourceCount() const override { return 7; }
    // Two running machines x CPU, network in, network out.
    int metricSeriesCount() const override { return 6; }
    int requestCount() const override { return m_server.requestCount(); }
    QString rejection() const override
    {
        std::lock_guard lock(m_mutex);
        return m_rejection;
    }
    int tokensIssued() const
    {
        std::lock_guard lock(m_mutex);
        return int(m_tokens.size());
    }

    // Six rows a day: plain decimals, the classic 0.1 and 0.2, a large amount with nine decimals,
    // a negative one in exponent form, an integer; one row without a resource.
    static std::vector<Amount> amounts(const QDate &day)
    {
        const qint64 seed = day.toJulianDay() * 31;
        const qint64 fraction = (seed * 2654435761LL) % 1000000000LL;
        const QString varying = QStringLiteral("%1.%2").arg(seed % 97).arg(fraction, 9, 10, QLatin1Char('0'));
        std::vector<Amount> out{
            {varying.toLatin1(), varying, vmId("web-rg", "vm-web-1"), QStringLiteral("Virtual Machines"), varying.toLatin1()},
            {"0.1", QStringLiteral("0.1"), diskId("web-rg", "vm-web-1_OsDisk"), QStringLiteral("Storage"), "0.1"},
            {"1234567.123456789", QStringLiteral("1234567.123456789"), vmId("api-rg", "vm-api-3"), QStringLiteral("Virtual Machines"),
             "1234567.873456789"}, // + kReservationDailyShare
            {"0.2", QStringLiteral("0.2"), QString(), QStringLiteral("Azure Support"), "0.2"},
            {"-1.5E-7", QStringLiteral("-0.00000015"), vmId("batch-rg", "vm-batch-2"), QStringLiteral("Bandwidth"), "-1.5E-7"},
            {"12", QStringLiteral("12"), diskId("batch-rg", "orphan-data-disk"), QStringLiteral("Storage"), "12"},
        };
        if (day.day() == kReservationDay)
            out.push_back({kReservationPrice, QString::fromLatin1(kReservationPrice), QString(), QStringLiteral("Virtual Machines"),
                           QByteArray(), "Purchase"});
        return out;
    }

    // The cost query requests served, as "<type> <granularity> <grouping,...>" (every page).
    QStringList costQueries() const
    {
        std::lock_guard lock(m_mutex);
        return m_costQueries;
    }
    // Costs faults hit only the cost queries whose description (as in costQueries) starts with this.
    void setCostFaultQuery(const QString &prefix)
    {
        std::lock_guard lock(m_mutex);
        m_faultQuery = prefix;
    }

    // Where the fake's resources live ("Unassigned" for charges without a resource, as Azure says).
    static QByteArray locationOf(const QString &resourceId)
    {
        if (resourceId.isEmpty())
            return "Unassigned";
        return resourceId.contains(QStringLiteral("vm-api-3")) ? "northeurope" : "westeurope";
    }

private:
    Fault faultFor(FaultTarget target, const QDate &month, const QString &query = {})
    {
        {
            std::lock_guard lock(m_mutex);
            if (target == FaultTarget::Costs && !m_faultQuery.isEmpty() && !query.startsWith(m_faultQuery))
                return Fault::None;
        }
        return m_faults.take(target, month);
    }

    static ScriptedResponse transportFault(Fault f, const QByteArray &goodBody, bool *handled, bool costManagement = false)
    {
        *handled = true;
        switch (f) {
        case Fault::Throttle:
            if (costManagement) {
                // Cost Management says how long to wait in its own headers, not in Retry-After.
                ScriptedResponse s = ScriptedResponse::status_(
                    429, armError("429", "Too many requests. Please retry after 1 second."));
                s.headers = {{"Content-Type", "application/json"},
                             {"x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after", "1"},
                             {"x-ms-ratelimit-microsoft.costmanagement-entity-retry-after", "1"},
                             {"x-ms-ratelimit-microsoft.costmanagement-qpu-remaining", "QueryQPU:0"}};
                return s;
            }
            return ScriptedResponse::throttled("1");
        case Fault::ServerError:
            return ScriptedResponse::status_(500, armError("InternalServerError", "Encountered internal server error."));
        case Fault::Unavailable:
            return ScriptedResponse::status_(503, armError("ServiceUnavailable", "The service is temporarily unavailable."));
        case Fault::Hang:
            return ScriptedResponse::hang();
        case Fault::Truncate:
            return ScriptedResponse::truncated(goodBody.left(goodBody.size() / 2), goodBody.size());
        case Fault::ExpiredToken: {
            ScriptedResponse s = ScriptedResponse::status_(
                401, armError("ExpiredAuthenticationToken",
                              "The access token expiry UTC time '3/10/2024 9:00:00 AM' is earlier than current UTC time "
                              "'3/10/2024 10:00:00 AM'."));
            s.headers = {{"Content-Type", "application/json"},
                         {"WWW-Authenticate", R"(Bearer authorization_uri="https://login.windows.net/x", error="invalid_token", error_description="The access token has expired.")"}};
            return s;
        }
        default:
            *handled = false;
            return {};
        }
    }

    ScriptedResponse reject(const QString &why, int status, const QByteArray &body)
    {
        std::lock_guard lock(m_mutex);
        m_rejection = why;
        return ScriptedResponse::status_(status, body);
    }

    ScriptedResponse handle(const RecordedRequest &r)
    {
        const QString path = QString::fromUtf8(QByteArray::fromPercentEncoding(r.path));
        if (path.endsWith(QStringLiteral("/oauth2/v2.0/token")))
            return token(r, path);
        const QByteArray authorization = r.header("Authorization");
        {
            std::lock_guard lock(m_mutex);
            const QByteArray presented = authorization.startsWith("Bearer ") ? authorization.mid(7) : QByteArray();
            const auto found = m_tokens.constFind(presented);
            if (presented.isEmpty() || found == m_tokens.constEnd() || found.value() < QDateTime::currentDateTimeUtc()) {
                m_rejection = presented.isEmpty() ? QStringLiteral("no bearer token") : QStringLiteral("unknown or expired token");
                return ScriptedResponse::status_(401, armError("InvalidAuthenticationToken", "The access token is invalid."));
            }
        }
        const QHash<QString, QString> query = decodeForm(r.query);
        if (path == subscriptionPath() && r.method == "GET")
            return ScriptedResponse::ok(QByteArray(R"({"id":")") + subscriptionPath().toUtf8() + R"(","subscriptionId":")"
                                        + kSubscription.toUtf8() + R"(","displayName":"Contract suite","state":"Enabled"})");
        if (path.compare(subscriptionPath() + QStringLiteral("/providers/Microsoft.CostManagement/query"), Qt::CaseInsensitive) == 0) {
            if (r.method != "POST" || query.value(QStringLiteral("api-version")) != u"2023-11-01")
                return ScriptedResponse::status_(400, armError("BadRequest", "Use POST with api-version 2023-11-01."));
            return costQuery(r, query);
        }
        if (path == subscriptionPath() + QStringLiteral("/providers/Microsoft.Compute/virtualMachines"))
            return virtualMachines(query);
        if (path == subscriptionPath() + QStringLiteral("/providers/Microsoft.Compute/disks"))
            return disks();
        if (path.endsWith(QStringLiteral("/providers/Microsoft.Insights/metrics")))
            return metrics(path.chopped(int(qstrlen("/providers/Microsoft.Insights/metrics"))), query);
        return ScriptedResponse::status_(404, armError("ResourceNotFound", "The resource was not found."));
    }

    ScriptedResponse token(const RecordedRequest &r, const QString &path)
    {
        const QHash<QString, QString> form = decodeForm(r.body);
        bool badCredentials = false;
        {
            std::lock_guard lock(m_mutex);
            badCredentials = m_faults.planned() == Fault::BadCredentials;
        }
        if (r.method != "POST" || form.value(QStringLiteral("grant_type")) != u"client_credentials"
            || form.value(QStringLiteral("scope")) != u"https://management.azure.com/.default")
            return reject(QStringLiteral("not a client-credentials request for ARM"), 400,
                          R"({"error":"invalid_request","error_description":"AADSTS900144: The request body must contain the parameter grant_type."})");
        if (path != u'/' + kTenant + QStringLiteral("/oauth2/v2.0/token"))
            return reject(QStringLiteral("unknown tenant"), 400,
                          R"({"error":"invalid_request","error_description":"AADSTS90002: Tenant not found. Check to make sure you have the correct tenant ID.\r\nTrace ID: 0000\r\nCorrelation ID: 1111","error_codes":[90002]})");
        if (form.value(QStringLiteral("client_id")) != kClientId)
            return reject(QStringLiteral("unknown client id"), 400,
                          R"({"error":"unauthorized_client","error_description":"AADSTS700016: Application with identifier was not found in the directory.","error_codes":[700016]})");
        if (badCredentials || form.value(QStringLiteral("client_secret")) != kSecret)
            return reject(QStringLiteral("wrong client secret"), 401,
                          R"({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.\r\nTrace ID: 0000","error_codes":[7000215]})");
        std::lock_guard lock(m_mutex);
        const QByteArray issued = "fake-azure-token-" + QByteArray::number(m_tokens.size() + 1);
        m_tokens.insert(issued, QDateTime::currentDateTimeUtc().addSecs(kTokenSeconds));
        return ScriptedResponse::ok(R"({"token_type":"Bearer","expires_in":)" + QByteArray::number(kTokenSeconds)
                                    + R"(,"ext_expires_in":3599,"access_token":")" + issued + "\"}");
    }

    ScriptedResponse costQuery(const RecordedRequest &r, const QHash<QString, QString> &query)
    {
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        const QJsonObject period = body.value(QStringLiteral("timePeriod")).toObject();
        const QDateTime from = QDateTime::fromString(period.value(QStringLiteral("from")).toString(), Qt::ISODate);
        const QDateTime to = QDateTime::fromString(period.value(QStringLiteral("to")).toString(), Qt::ISODate);
        const QJsonObject dataset = body.value(QStringLiteral("dataset")).toObject();
        const QJsonArray grouping = dataset.value(QStringLiteral("grouping")).toArray();
        const QString type = body.value(QStringLiteral("type")).toString();
        const QString granularity = dataset.value(QStringLiteral("granularity")).toString();
        if ((type != u"ActualCost" && type != u"AmortizedCost") || body.value(QStringLiteral("timeframe")).toString() != u"Custom"
            || !from.isValid() || !to.isValid() || to < from || from.time() != QTime(0, 0) || to.time() != QTime(23, 59, 59)
            || (granularity != u"Daily" && granularity != u"None")
            || dataset.value(QStringLiteral("aggregation")).toObject().value(QStringLiteral("totalCost")).toObject().value(QStringLiteral("name")).toString()
                != u"PreTaxCost")
            return ScriptedResponse::status_(400, armError("BadRequest", "Invalid query definition."));
        if (grouping.size() > 2)
            return ScriptedResponse::status_(400, armError("BadRequest", "Invalid query definition: at most 2 groupings are allowed."));
        QStringList groups;
        for (const QJsonValue &g : grouping) {
            if (g.toObject().value(QStringLiteral("type")).toString() != u"Dimension")
                return ScriptedResponse::status_(400, armError("BadRequest", "Invalid query definition: grouping type."));
            groups << g.toObject().value(QStringLiteral("name")).toString();
        }
        // The three shapes the client asks for; anything else is a client error.
        const bool byResource = granularity == u"Daily" && groups == QStringList{QStringLiteral("ResourceId"), QStringLiteral("ServiceName")};
        const bool byCharge = granularity == u"Daily" && groups == QStringList{QStringLiteral("ChargeType"), QStringLiteral("MeterCategory")};
        const bool byLocation = granularity == u"None" && type == u"ActualCost"
            && groups == QStringList{QStringLiteral("ResourceId"), QStringLiteral("ResourceLocation")};
        if (!byResource && !byCharge && !byLocation)
            return ScriptedResponse::status_(400, armError("BadRequest", "Invalid query definition: unexpected grouping."));
        const QString description = type + u' ' + granularity + u' ' + groups.join(u',');
        {
            std::lock_guard lock(m_mutex);
            m_costQueries << description;
        }
        const bool amortised = type == u"AmortizedCost";
        const QDate start = from.date();
        const QDate end = to.date().addDays(1);
        const Fault fault = faultFor(FaultTarget::Costs, QDate(start.year(), start.month(), 1), description);
        if (fault == Fault::Malformed)
            return ScriptedResponse::ok(R"({"properties":{"columns":[{"name":"PreTaxCost","type":"Number"}],"rows":[[12.5,)");
        qint64 offset = 0;
        if (query.contains(QStringLiteral("$skiptoken"))) {
            bool ok = false;
            offset = query.value(QStringLiteral("$skiptoken")).toLongLong(&ok);
            if (!ok)
                return ScriptedResponse::status_(400, armError("BadRequest", "Invalid skiptoken."));
        }
        QList<QByteArray> rows;
        for (QDate d = byLocation ? end : start; d < end; d = d.addDays(1)) {
            const QByteArray date = d.toString(QStringLiteral("yyyyMMdd")).toLatin1();
            if (byResource) {
                for (const Amount &a : amounts(d)) {
                    const QByteArray token = amortised ? a.amortised : a.token;
                    if (!token.isEmpty())
                        rows << "[" + token + "," + date + ",\"" + a.resourceId.toLower().toUtf8() + "\",\"" + a.service.toUtf8() + "\",\"EUR\"]";
                }
            } else {
                // Summed by charge type and meter category (the service), in order of appearance.
                QList<QPair<QByteArray, QString>> keys;
                QHash<QString, Money> sums;
                for (const Amount &a : amounts(d)) {
                    const QByteArray token = amortised ? a.amortised : a.token;
                    if (token.isEmpty())
                        continue;
                    const QString key = QString::fromLatin1(a.chargeType) + u'\n' + a.service;
                    if (!sums.contains(key))
                        keys.append({a.chargeType, a.service});
                    sums[key] += *Money::parse(QByteArrayView(token));
                }
                for (const auto &[chargeType, service] : std::as_const(keys))
                    rows << "[" + sums.value(QString::fromLatin1(chargeType) + u'\n' + service).toString().toLatin1() + "," + date + ",\"" + chargeType
                            + "\",\"" + service.toUtf8() + "\",\"EUR\"]";
            }
        }
        if (byLocation) {
            for (const Amount &a : amounts(start))
                rows << "[1.5,\"" + a.resourceId.toLower().toUtf8() + "\",\"" + locationOf(a.resourceId) + "\",\"EUR\"]";
        }
        QByteArray page;
        for (qint64 i = offset; i < std::min<qint64>(rows.size(), offset + kRowsPerPage); ++i)
            page += (page.isEmpty() ? "" : ",") + rows[i];
        QByteArray next = "null";
        if (offset + kRowsPerPage < rows.size() || fault == Fault::PagesForever)
            next = '"' + m_server.url(subscriptionPath() + QStringLiteral("/providers/Microsoft.CostManagement/query?api-version=2023-11-01&$skiptoken=%1")
                                              .arg(offset + kRowsPerPage))
                             .toString()
                             .toUtf8()
                + '"';
        const QByteArray columns = byLocation
            ? R"([{"name":"PreTaxCost","type":"Number"},{"name":"ResourceId","type":"String"},{"name":"ResourceLocation","type":"String"},)"
              R"({"name":"Currency","type":"String"}])"
            : byResource
            ? R"([{"name":"PreTaxCost","type":"Number"},{"name":"UsageDate","type":"Number"},)"
              R"({"name":"ResourceId","type":"String"},{"name":"ServiceName","type":"String"},{"name":"Currency","type":"String"}])"
            : R"([{"name":"PreTaxCost","type":"Number"},{"name":"UsageDate","type":"Number"},)"
              R"({"name":"ChargeType","type":"String"},{"name":"MeterCategory","type":"String"},{"name":"Currency","type":"String"}])";
        const QByteArray json = R"({"id":"x","name":"x","type":"Microsoft.CostManagement/query","properties":{"nextLink":)" + next
            + R"(,"columns":)" + columns + R"(,"rows":[)" + page + "]}}";
        bool handled = false;
        ScriptedResponse t = transportFault(fault, json, &handled, true);
        return handled ? t : ScriptedResponse::ok(json);
    }

    static QJsonObject vm(const char *group, const char *name, const char *location, const char *size, const char *power)
    {
        return QJsonObject{
            {QStringLiteral("id"), vmId(group, name)},
            {QStringLiteral("name"), QLatin1String(name)},
            {QStringLiteral("type"), QStringLiteral("Microsoft.Compute/virtualMachines")},
            {QStringLiteral("location"), QLatin1String(location)},
            {QStringLiteral("tags"), QJsonObject{{QStringLiteral("team"), QStringLiteral("search")}}},
            {QStringLiteral("properties"),
             QJsonObject{{QStringLiteral("vmId"), QStringLiteral("0f0e0d0c-0000-4000-8000-000000000001")},
                         {QStringLiteral("hardwareProfile"), QJsonObject{{QStringLiteral("vmSize"), QLatin1String(size)}}},
                         {QStringLiteral("provisioningState"), QStringLiteral("Succeeded")},
                         {QStringLiteral("timeCreated"), QStringLiteral("2024-01-05T10:00:00.1234567+00:00")},
                         {QStringLiteral("instanceView"),
                          QJsonObject{{QStringLiteral("statuses"),
                                       QJsonArray{QJsonObject{{QStringLiteral("code"), QStringLiteral("ProvisioningState/succeeded")}},
                                                  QJsonObject{{QStringLiteral("code"), QString(QStringLiteral("PowerState/") + QLatin1String(power))}}}}}}}}};
    }

    ScriptedResponse virtualMachines(const QHash<QString, QString> &query)
    {
        const Fault fault = faultFor(FaultTarget::Resources, {});
        if (fault == Fault::Malformed)
            return ScriptedResponse::ok(R"({"value":[{"id":"/subscriptions/x","name":)");
        if (query.value(QStringLiteral("api-version")) != u"2024-03-01")
            return ScriptedResponse::status_(400, armError("InvalidApiVersionParameter", "Unsupported api-version."));
        const QString skip = query.value(QStringLiteral("$skiptoken"));
        QJsonObject answer;
        if (fault == Fault::PagesForever) {
            answer.insert(QStringLiteral("value"), QJsonArray{});
            answer.insert(QStringLiteral("nextLink"),
                          m_server.url(subscriptionPath() + QStringLiteral("/providers/Microsoft.Compute/virtualMachines?api-version=2024-03-01&$skiptoken=f%1")
                                                               .arg(skip.mid(1).toInt() + 1))
                              .toString());
        } else if (skip.isEmpty()) {
            answer.insert(QStringLiteral("value"), QJsonArray{vm("web-rg", "vm-web-1", "westeurope", "Standard_D2s_v3", "running"),
                                                              vm("batch-rg", "vm-batch-2", "westeurope", "Standard_F8s_v2", "deallocated")});
            answer.insert(QStringLiteral("nextLink"),
                          m_server.url(subscriptionPath() + QStringLiteral("/providers/Microsoft.Compute/virtualMachines?api-version=2024-03-01&$skiptoken=p2"))
                              .toString());
        } else if (skip == u"p2") {
            answer.insert(QStringLiteral("value"), QJsonArray{vm("api-rg", "vm-api-3", "northeurope", "Standard_B2s", "running")});
        } else {
            return ScriptedResponse::status_(400, armError("InvalidSkipToken", "The skip token is not valid."));
        }
        const QByteArray json = QJsonDocument(answer).toJson(QJsonDocument::Compact);
        bool handled = false;
        ScriptedResponse t = transportFault(fault, json, &handled);
        return handled ? t : ScriptedResponse::ok(json);
    }

    ScriptedResponse disks()
    {
        const Fault fault = faultFor(FaultTarget::Resources, {});
        auto disk = [](const char *group, const char *name, const char *sku, const char *state, const QString &managedBy) {
            QJsonObject d{{QStringLiteral("id"), diskId(group, name)},
                          {QStringLiteral("name"), QLatin1String(name)},
                          {QStringLiteral("location"), QStringLiteral("westeurope")},
                          {QStringLiteral("sku"), QJsonObject{{QStringLiteral("name"), QLatin1String(sku)}}},
                          {QStringLiteral("properties"), QJsonObject{{QStringLiteral("diskSizeGB"), 128},
                                                                     {QStringLiteral("diskState"), QLatin1String(state)},
                                                                     {QStringLiteral("timeCreated"), QStringLiteral("2024-01-05T10:00:00+00:00")}}}};
            if (!managedBy.isEmpty())
                d.insert(QStringLiteral("managedBy"), managedBy);
            return d;
        };
        const QJsonObject answer{{QStringLiteral("value"),
                                  QJsonArray{disk("web-rg", "vm-web-1_OsDisk", "Premium_LRS", "Attached", vmId("web-rg", "vm-web-1")),
                                             disk("batch-rg", "vm-batch-2_OsDisk", "Premium_LRS", "Reserved", vmId("batch-rg", "vm-batch-2")),
                                             disk("api-rg", "vm-api-3_OsDisk", "StandardSSD_LRS", "Attached", vmId("api-rg", "vm-api-3")),
                                             disk("batch-rg", "orphan-data-disk", "Standard_LRS", "Unattached", QString())}}};
        const QByteArray json = QJsonDocument(answer).toJson(QJsonDocument::Compact);
        bool handled = false;
        ScriptedResponse t = transportFault(fault, json, &handled);
        return handled ? t : ScriptedResponse::ok(json);
    }

    // Four hourly points per metric, and a fifth hour without data (the client skips it).
    ScriptedResponse metrics(const QString &resourceId, const QHash<QString, QString> &query)
    {
        const Fault fault = faultFor(FaultTarget::Resources, {});
        const QStringList names = query.value(QStringLiteral("metricnames")).split(u',');
        if (names != QStringList{QStringLiteral("Percentage CPU"), QStringLiteral("Network In Total"), QStringLiteral("Network Out Total")}
            || query.value(QStringLiteral("interval")) != u"PT1H" || !query.value(QStringLiteral("timespan")).contains(u'/'))
            return ScriptedResponse::status_(400, armError("BadRequest", "Invalid metric query."));
        const QDateTime start = QDateTime::fromString(query.value(QStringLiteral("timespan")).section(u'/', 0, 0), Qt::ISODate);
        QJsonArray value;
        for (qsizetype n = 0; n < names.size(); ++n) {
            const bool cpu = n == 0;
            QJsonArray data;
            for (int i = 0; i < 5; ++i) {
                QJsonObject p{{QStringLiteral("timeStamp"), start.addSecs(3600LL * i).toString(Qt::ISODate)}};
                if (i < 4)
                    p.insert(cpu ? QStringLiteral("average") : QStringLiteral("total"), cpu ? 2.5 + i : 3600.0 * (n * 100 + i));
                data.append(p);
            }
            value.append(QJsonObject{{QStringLiteral("id"), QString(resourceId + QStringLiteral("/providers/Microsoft.Insights/metrics/") + names[n])},
                                     {QStringLiteral("type"), QStringLiteral("Microsoft.Insights/metrics")},
                                     {QStringLiteral("name"), QJsonObject{{QStringLiteral("value"), names[n]}, {QStringLiteral("localizedValue"), names[n]}}},
                                     {QStringLiteral("unit"), cpu ? QStringLiteral("Percent") : QStringLiteral("Bytes")},
                                     {QStringLiteral("timeseries"), QJsonArray{QJsonObject{{QStringLiteral("metadatavalues"), QJsonArray{}},
                                                                                           {QStringLiteral("data"), data}}}},
                                     {QStringLiteral("errorCode"), QStringLiteral("Success")}});
        }
        const QJsonObject answer{{QStringLiteral("cost"), 0},
                                 {QStringLiteral("timespan"), query.value(QStringLiteral("timespan"))},
                                 {QStringLiteral("interval"), QStringLiteral("PT1H")},
                                 {QStringLiteral("value"), value},
                                 {QStringLiteral("namespace"), QStringLiteral("Microsoft.Compute/virtualMachines")},
                                 {QStringLiteral("resourceregion"), QStringLiteral("westeurope")}};
        const QByteArray json = QJsonDocument(answer).toJson(QJsonDocument::Compact);
        bool handled = false;
        ScriptedResponse t = transportFault(fault, json, &handled);
        return handled ? t : ScriptedResponse::ok(json);
    }

    LocalHttpServer m_server;
    mutable std::mutex m_mutex;
    FaultSchedule m_faults;
    QString m_rejection;
    QHash<QByteArray, QDateTime> m_tokens;
    QStringList m_costQueries;
    QString m_faultQuery;
};

} // namespace

std::unique_ptr<FakeCloud> makeFakeAzure()
{
    return std::make_unique<FakeAzureServer>();
}

QStringList azureCostQueries(const FakeCloud &fake)
{
    const auto *azure = dynamic_cast<const FakeAzureServer *>(&fake);
    return azure ? azure->costQueries() : QStringList();
}

void setAzureCostFaultQuery(FakeCloud &fake, const QString &prefix)
{
    if (auto *azure = dynamic_cast<FakeAzureServer *>(&fake))
        azure->setCostFaultQuery(prefix);
}

} // namespace costscope::testsupport
