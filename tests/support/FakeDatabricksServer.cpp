// The Databricks side of the provider contract tests: the SQL Statement Execution API 2.0 as
// Databricks documents it. POST /api/2.0/sql/statements (warehouse_id, statement, parameters,
// disposition INLINE, format JSON_ARRAY) answers PENDING with a statement_id; GET
// /api/2.0/sql/statements/{id} answers SUCCEEDED with the manifest (schema, total_row_count,
// total_chunk_count) and chunk 0 (data_array, next_chunk_internal_link); GET
// .../result/chunks/{n} answers the next chunks, fifty rows each. Clusters: GET
// /api/2.1/clusters/list, two per page with next_page_token. Every request must carry the bearer
// token. Usage: two workspaces, three SKUs a day, one of them without a list price (the client
// prices it with the bundled DBU table: PREMIUM_JOBS_COMPUTE at 0.15 USD).

#include "support/FakeCloud.h"
#include "support/LocalHttpServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QUrlQuery>

#include <mutex>

namespace costscope::testsupport {

namespace {

constexpr int kRowsPerChunk = 50;
const char *const kWorkspaces[] = {"1234567890123456", "6543210987654321"};

struct Sku
{
    const char *name;
    const char *product;
    qint64 priceCents; // list price per DBU in cents; the bundled table's for the unpriced one
    bool listed;       // has a row in system.billing.list_prices
};
const Sku kSkus[] = {
    {"PREMIUM_ALL_PURPOSE_COMPUTE", "ALL_PURPOSE", 55, true},
    {"PREMIUM_SERVERLESS_SQL_COMPUTE_US_EAST_N_VIRGINIA", "SQL", 70, true},
    {"PREMIUM_JOBS_COMPUTE", "JOBS", 15, false},
};

QString decimal(qint64 nanos)
{
    const bool negative = nanos < 0;
    const qint64 a = negative ? -nanos : nanos;
    return (negative ? QStringLiteral("-") : QString())
        + QStringLiteral("%1.%2").arg(a / 1000000000).arg(a % 1000000000, 9, 10, QLatin1Char('0'));
}

class FakeDatabricksServer : public FakeCloud
{
public:
    QString providerKey() const override { return QStringLiteral("databricks"); }

    bool start() override
    {
        m_server.setHandler([this](const RecordedRequest &r) { return handle(r); });
        return m_server.start();
    }

    providers::AccountConfig account(const QString &name) const override
    {
        providers::AccountConfig c;
        c.id = QStringLiteral("databricks-") + name;
        c.name = name;
        c.provider = QStringLiteral("databricks");
        c.endpoint = m_server.url(QString()).toString();
        c.options.insert(QStringLiteral("warehouse_id"), QStringLiteral("abcdef0123456789"));
        return c;
    }

    providers::Secrets secrets() const override { return {{QStringLiteral("token"), m_token}}; }

    void setFault(const FaultPlan &plan) override { m_faults.set(plan); }

    // DBUs in nano-DBU, multiples of 100 so that a price in cents gives whole nanos.
    static qint64 dbu(const QDate &day, int workspace, int sku)
    {
        if (workspace == 1 && sku == 0) // the second workspace has no all-purpose clusters
            return 0;
        return ((day.toJulianDay() * 31 + workspace * 17 + sku * 7) % 5000) * 1000000 + 1700;
    }

    QStringList billedAmounts(const QDate &day) const override
    {
        QStringList out;
        for (int w = 0; w < 2; ++w)
            for (int s = 0; s < 3; ++s)
                if (dbu(day, w, s) > 0)
                    out << decimal(dbu(day, w, s) * kSkus[s].priceCents / 100);
        return out;
    }

    int resourceCount() const override { return 3; }
    int metricSeriesCount() const override { return 0; }
    int requestCount() const override { return m_server.requestCount(); }
    QString rejection() const override
    {
        std::lock_guard lock(m_mutex);
        return m_rejection;
    }

private:
    struct Statement
    {
        QStringList columns;
        QList<QJsonArray> rows;
        FaultTarget target = FaultTarget::Costs;
        QDate month;
        bool polled = false;
    };

    Fault faultFor(FaultTarget target, const QDate &month) { return m_faults.take(target, month); }

    Statement build(const QString &sql, const QJsonArray &parameters) const
    {
        Statement s;
        QDate from, to;
        for (const QJsonValue &v : parameters) {
            const QJsonObject p = v.toObject();
            if (p.value(QStringLiteral("name")).toString() == u"from_day")
                from = QDate::fromString(p.value(QStringLiteral("value")).toString(), Qt::ISODate);
            if (p.value(QStringLiteral("name")).toString() == u"to_day")
                to = QDate::fromString(p.value(QStringLiteral("value")).toString(), Qt::ISODate);
        }
        s.month = from.isValid() ? QDate(from.year(), from.month(), 1) : QDate();
        if (sql.contains(QStringLiteral("system.billing.usage")) && from.isValid()) {
            s.columns = {QStringLiteral("usage_date"), QStringLiteral("workspace_id"), QStringLiteral("sku_name"),
                         QStringLiteral("billing_origin_product"), QStringLiteral("usage_unit"), QStringLiteral("usage_quantity"),
                         QStringLiteral("list_price"), QStringLiteral("currency_code")};
            for (QDate d = from; d < to; d = d.addDays(1))
                for (int w = 0; w < 2; ++w)
                    for (int k = 0; k < 3; ++k) {
                        if (dbu(d, w, k) == 0)
                            continue;
                        const Sku &sku = kSkus[k];
                        const QJsonValue price = sku.listed ? QJsonValue(QStringLiteral("0.%1").arg(sku.priceCents, 2, 10, QLatin1Char('0')))
                                                            : QJsonValue(QJsonValue::Null);
                        const QJsonValue currency = sku.listed ? QJsonValue(QStringLiteral("USD")) : QJsonValue(QJsonValue::Null);
                        s.rows << QJsonArray{d.toString(Qt::ISODate), QString::fromLatin1(kWorkspaces[w]), QString::fromLatin1(sku.name),
                                             QString::fromLatin1(sku.product), QStringLiteral("DBU"), decimal(dbu(d, w, k)), price, currency};
                    }
        } else {
            s.target = FaultTarget::Resources; // the connection test
            s.columns = {QStringLiteral("count(1)")};
            s.rows << QJsonArray{QStringLiteral("42")};
        }
        return s;
    }

    QJsonObject chunk(const QString &id, const Statement &s, int n, bool forever) const
    {
        QJsonArray data;
        for (qsizetype i = qsizetype(n) * kRowsPerChunk; i < s.rows.size() && i < qsizetype(n + 1) * kRowsPerChunk; ++i)
            data.append(s.rows[i]);
        QJsonObject c{{QStringLiteral("chunk_index"), n}, {QStringLiteral("row_offset"), n * kRowsPerChunk},
                      {QStringLiteral("row_count"), int(data.size())}, {QStringLiteral("data_array"), data}};
        if (forever || qsizetype(n + 1) * kRowsPerChunk < s.rows.size()) {
            c.insert(QStringLiteral("next_chunk_index"), n + 1);
            c.insert(QStringLiteral("next_chunk_internal_link"), QStringLiteral("/api/2.0/sql/statements/%1/result/chunks/%2").arg(id).arg(n + 1));
        }
        return c;
    }

    ScriptedResponse deliver(Fault fault, const QJsonObject &o)
    {
        const QByteArray body = QJsonDocument(o).toJson(QJsonDocument::Compact);
        if (fault == Fault::Truncate)
            return ScriptedResponse::truncated(body.left(body.size() / 2), body.size());
        if (fault == Fault::Malformed)
            return ScriptedResponse::ok(body.left(body.size() / 2), "application/json");
        return ScriptedResponse::ok(body, "application/json");
    }

    ScriptedResponse handle(const RecordedRequest &r)
    {
        bool badCredentials = false;
        {
            std::lock_guard lock(m_mutex);
            badCredentials = m_faults.planned() == Fault::BadCredentials;
        }
        if (r.header("Authorization") != "Bearer " + m_token.toUtf8() || badCredentials) {
            std::lock_guard lock(m_mutex);
            m_rejection = r.header("Authorization").isEmpty() ? QStringLiteral("no bearer token") : QStringLiteral("wrong bearer token");
            return ScriptedResponse::status_(403, R"({"error_code":"403","message":"Invalid access token."})");
        }
        const QByteArray prefix = "/api/2.0/sql/statements";
        if (r.method == "GET" && r.path == "/api/2.1/clusters/list")
            return clusters(r);
        Statement statement;
        QString id;
        int chunkNumber = -1;
        bool submit = false;
        if (r.method == "POST" && r.path == prefix) {
            const QJsonObject body = QJsonDocument::fromJson(r.body).object();
            if (body.value(QStringLiteral("warehouse_id")).toString() != u"abcdef0123456789")
                return ScriptedResponse::status_(404, R"({"error_code":"RESOURCE_DOES_NOT_EXIST","message":"No warehouse found"})");
            if (body.value(QStringLiteral("disposition")).toString() != u"INLINE" || body.value(QStringLiteral("format")).toString() != u"JSON_ARRAY")
                return ScriptedResponse::status_(400, R"({"error_code":"INVALID_PARAMETER_VALUE","message":"disposition/format"})");
            statement = build(body.value(QStringLiteral("statement")).toString(), body.value(QStringLiteral("parameters")).toArray());
            submit = true;
        } else if (r.method == "GET" && r.path.startsWith(QByteArray(prefix + '/'))) {
            const QList<QByteArray> parts = r.path.mid(prefix.size() + 1).split('/');
            id = QString::fromUtf8(parts.value(0));
            std::lock_guard lock(m_mutex);
            if (!m_statements.contains(id))
                return ScriptedResponse::status_(404, R"({"error_code":"RESOURCE_DOES_NOT_EXIST","message":"statement not found"})");
            statement = m_statements.value(id);
            if (parts.size() == 4 && parts[1] == "result" && parts[2] == "chunks")
                chunkNumber = parts[3].toInt();
            else if (parts.size() != 1)
                return ScriptedResponse::status_(404, R"({"error_code":"ENDPOINT_NOT_FOUND","message":"no such endpoint"})");
        } else {
            return ScriptedResponse::status_(404, R"({"error_code":"ENDPOINT_NOT_FOUND","message":"no such endpoint"})");
        }
        const Fault fault = faultFor(statement.target, statement.month);
        switch (fault) {
        case Fault::Throttle:
            return ScriptedResponse::throttled("1");
        case Fault::ServerError:
            return ScriptedResponse::status_(500, R"({"error_code":"INTERNAL_ERROR","message":"internal error"})");
        case Fault::Unavailable:
            return ScriptedResponse::status_(503, R"({"error_code":"TEMPORARILY_UNAVAILABLE","message":"try later"})");
        case Fault::Hang:
            return ScriptedResponse::hang();
        case Fault::ExpiredToken:
            return ScriptedResponse::status_(403, R"({"error_code":"403","message":"Invalid access token: the token is expired."})");
        default:
            break;
        }
        const bool forever = fault == Fault::PagesForever;
        if (submit) {
            std::lock_guard lock(m_mutex);
            id = QStringLiteral("01ef-%1-abcd").arg(++m_next);
            m_statements.insert(id, statement);
            return deliver(fault, QJsonObject{{QStringLiteral("statement_id"), id},
                                              {QStringLiteral("status"), QJsonObject{{QStringLiteral("state"), QStringLiteral("PENDING")}}}});
        }
        if (chunkNumber >= 0)
            return deliver(fault, chunk(id, statement, chunkNumber, forever));
        QJsonArray columns;
        for (int i = 0; i < statement.columns.size(); ++i)
            columns.append(QJsonObject{{QStringLiteral("name"), statement.columns[i]}, {QStringLiteral("type_name"), QStringLiteral("STRING")},
                                       {QStringLiteral("position"), i}});
        const int chunks = std::max(1, int((statement.rows.size() + kRowsPerChunk - 1) / kRowsPerChunk));
        const QJsonObject manifest{{QStringLiteral("format"), QStringLiteral("JSON_ARRAY")},
                                   {QStringLiteral("schema"), QJsonObject{{QStringLiteral("column_count"), int(columns.size())},
                                                                          {QStringLiteral("columns"), columns}}},
                                   {QStringLiteral("total_row_count"), int(statement.rows.size())},
                                   {QStringLiteral("total_chunk_count"), chunks}};
        return deliver(fault, QJsonObject{{QStringLiteral("statement_id"), id},
                                          {QStringLiteral("status"), QJsonObject{{QStringLiteral("state"), QStringLiteral("SUCCEEDED")}}},
                                          {QStringLiteral("manifest"), manifest},
                                          {QStringLiteral("result"), chunk(id, statement, 0, forever)}});
    }

    ScriptedResponse clusters(const RecordedRequest &r)
    {
        const Fault fault = faultFor(FaultTarget::Resources, QDate());
        switch (fault) {
        case Fault::Throttle:
            return ScriptedResponse::throttled("1");
        case Fault::ServerError:
            return ScriptedResponse::status_(500, R"({"error_code":"INTERNAL_ERROR","message":"internal error"})");
        case Fault::Unavailable:
            return ScriptedResponse::status_(503, R"({"error_code":"TEMPORARILY_UNAVAILABLE","message":"try later"})");
        case Fault::Hang:
            return ScriptedResponse::hang();
        case Fault::ExpiredToken:
            return ScriptedResponse::status_(403, R"({"error_code":"403","message":"Invalid access token: the token is expired."})");
        default:
            break;
        }
        const QUrlQuery query(QString::fromUtf8(r.query));
        const QString token = query.queryItemValue(QStringLiteral("page_token"));
        const QJsonObject etl{{QStringLiteral("cluster_id"), QStringLiteral("0101-120000-etl001")}, {QStringLiteral("cluster_name"), QStringLiteral("nightly-etl")},
                              {QStringLiteral("node_type_id"), QStringLiteral("i3.xlarge")}, {QStringLiteral("state"), QStringLiteral("RUNNING")},
                              {QStringLiteral("start_time"), 1700000000000.0}, {QStringLiteral("autotermination_minutes"), 30},
                              {QStringLiteral("cluster_source"), QStringLiteral("JOB")},
                              {QStringLiteral("custom_tags"), QJsonObject{{QStringLiteral("team"), QStringLiteral("data")}}}};
        const QJsonObject shared{{QStringLiteral("cluster_id"), QStringLiteral("0101-120000-shared2")}, {QStringLiteral("cluster_name"), QStringLiteral("shared-analysis")},
                                 {QStringLiteral("node_type_id"), QStringLiteral("r5.2xlarge")}, {QStringLiteral("state"), QStringLiteral("RUNNING")},
                                 {QStringLiteral("start_time"), 1700000000000.0}, {QStringLiteral("autotermination_minutes"), 0},
                                 {QStringLiteral("creator_user_name"), QStringLiteral("ana@example.com")}};
        const QJsonObject old{{QStringLiteral("cluster_id"), QStringLiteral("0101-120000-old003")}, {QStringLiteral("cluster_name"), QStringLiteral("old-poc")},
                              {QStringLiteral("node_type_id"), QStringLiteral("m5.large")}, {QStringLiteral("state"), QStringLiteral("TERMINATED")},
                              {QStringLiteral("start_time"), 1690000000000.0}};
        QJsonObject page;
        if (fault == Fault::PagesForever) {
            page.insert(QStringLiteral("clusters"), QJsonArray{etl});
            page.insert(QStringLiteral("next_page_token"), QString(QStringLiteral("t") + QString::number(token.mid(1).toInt() + 1)));
        } else if (token.isEmpty()) {
            page.insert(QStringLiteral("clusters"), QJsonArray{etl, shared});
            page.insert(QStringLiteral("next_page_token"), QStringLiteral("page-2"));
        } else if (token == u"page-2") {
            page.insert(QStringLiteral("clusters"), QJsonArray{old});
        } else {
            return ScriptedResponse::status_(400, R"({"error_code":"INVALID_PARAMETER_VALUE","message":"bad page_token"})");
        }
        return deliver(fault, page);
    }

    LocalHttpServer m_server;
    const QString m_token = QStringLiteral("dapi-fake-token-for-the-contract-0001");
    mutable std::mutex m_mutex;
    FaultSchedule m_faults;
    QString m_rejection;
    QMap<QString, Statement> m_statements;
    int m_next = 0;
};

} // namespace

std::unique_ptr<FakeCloud> makeFakeDatabricks()
{
    return std::make_unique<FakeDatabricksServer>();
}

} // namespace costscope::testsupport
