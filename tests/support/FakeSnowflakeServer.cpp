// The Snowflake side of the provider contract tests: the SQL API v2 as Snowflake documents it.
// POST /api/v2/statements?requestId=... answers 202 with a statementHandle; GET
// /api/v2/statements/{handle} answers 200 with resultSetMetaData (numRows, partitionInfo, rowType)
// and partition 0; GET ...?partition=N answers {"data": [...]}, thirty rows per partition. Every
// request must carry a key-pair JWT (X-Snowflake-Authorization-Token-Type: KEYPAIR_JWT) whose
// RS256 signature verifies with the user's public key, whose iss is ACCOUNT.USER.SHA256:<public
// key fingerprint>, sub ACCOUNT.USER, and whose lifetime is at most one hour around now.
// Statements are recognised by the view they read; the bindings give the range.

#include "support/FakeCloud.h"
#include "support/LocalHttpServer.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTimeZone>
#include <QUrlQuery>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <memory>
#include <mutex>

namespace costscope::testsupport {

namespace {

constexpr int kRowsPerPartition = 30;
const char *const kWarehouses[] = {"ETL_WH", "BI_WH", "ADHOC_WH"};

QString decimal(qint64 nanos)
{
    const bool negative = nanos < 0;
    const qint64 a = negative ? -nanos : nanos;
    return (negative ? QStringLiteral("-") : QString())
        + QStringLiteral("%1.%2").arg(a / 1000000000).arg(a % 1000000000, 9, 10, QLatin1Char('0'));
}

struct KeyPair
{
    QByteArray privatePem;
    QByteArray publicDer;
};

KeyPair generateKey()
{
    KeyPair k;
    EVP_PKEY *key = EVP_RSA_gen(2048);
    if (!key)
        return k;
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    k.privatePem = QByteArray(data, int(n));
    BIO_free(bio);
    unsigned char *der = nullptr;
    const int len = i2d_PUBKEY(key, &der);
    k.publicDer = QByteArray(reinterpret_cast<const char *>(der), len);
    OPENSSL_free(der);
    EVP_PKEY_free(key);
    return k;
}

// Two keys for every fake in the process: the user's, and another one (bad credentials).
const KeyPair &userKey()
{
    static const KeyPair k = generateKey();
    return k;
}
const KeyPair &otherKey()
{
    static const KeyPair k = generateKey();
    return k;
}

bool verifyRs256(const QByteArray &signingInput, const QByteArray &signature, const QByteArray &publicDer)
{
    const unsigned char *p = reinterpret_cast<const unsigned char *>(publicDer.constData());
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(d2i_PUBKEY(nullptr, &p, publicDer.size()), &EVP_PKEY_free);
    if (!key)
        return false;
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    return ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1
        && EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.constData()), size_t(signature.size()),
                            reinterpret_cast<const unsigned char *>(signingInput.constData()), size_t(signingInput.size()))
        == 1;
}

class FakeSnowflakeServer : public FakeCloud
{
public:
    static constexpr const char *kAccount = "TESTORG-TESTACCOUNT";
    static constexpr const char *kUser = "COSTSCOPE_READER";

    QString providerKey() const override { return QStringLiteral("snowflake"); }

    bool start() override
    {
        if (userKey().privatePem.isEmpty())
            return false;
        m_server.setHandler([this](const RecordedRequest &r) { return handle(r); });
        return m_server.start();
    }

    providers::AccountConfig account(const QString &name) const override
    {
        providers::AccountConfig c;
        c.id = QStringLiteral("snowflake-") + name;
        c.name = name;
        c.provider = QStringLiteral("snowflake");
        c.endpoint = m_server.url(QString()).toString();
        c.options.insert(QStringLiteral("user"), QString::fromLatin1(kUser).toLower());
        c.options.insert(QStringLiteral("account_identifier"), QString::fromLatin1(kAccount).toLower());
        c.options.insert(QStringLiteral("warehouse"), QStringLiteral("COSTSCOPE_WH"));
        return c;
    }

    providers::Secrets secrets() const override
    {
        return {{QStringLiteral("private_key"), QString::fromLatin1(userKey().privatePem)}};
    }

    void setFault(const FaultPlan &plan) override { m_faults.set(plan); }

    // The fake's usage, in nano-credits. Per day: each warehouse's compute and cloud services,
    // the daily history's other services, and some warehouse compute not yet in the per-warehouse
    // history on every fifth day.
    static qint64 warehouseCompute(const QDate &day, int w)
    {
        if (w == 2 && day.day() % 3 != 0) // ADHOC_WH runs every third day
            return 0;
        return ((day.toJulianDay() * 7919 + w * 104729) % 9000) * 1000003 + 1;
    }
    static qint64 warehouseCloud(const QDate &day, int w) { return warehouseCompute(day, w) / 8; }
    static qint64 unattributed(const QDate &day) { return day.day() % 5 == 0 ? 250000000 : 0; }
    static qint64 pipeCompute(const QDate &day) { return (day.toJulianDay() % 7) * 123456789; }
    static qint64 clusteringCompute(const QDate &day) { return day.day() % 2 == 0 ? 987654321 : 0; }
    static qint64 cloudBilled(const QDate &day)
    {
        // Cloud services beyond 10 % of the day's compute (the adjustment is the negative part).
        qint64 compute = unattributed(day) + pipeCompute(day) + clusteringCompute(day), cloud = 0;
        for (int w = 0; w < 3; ++w) {
            compute += warehouseCompute(day, w);
            cloud += warehouseCloud(day, w);
        }
        return std::max<qint64>(0, cloud - compute / 10);
    }
    static qint64 pricePerCreditCents() { return 300; } // the default 3.00

    QStringList billedAmounts(const QDate &day) const override
    {
        QStringList out;
        auto add = [&](qint64 credits) {
            if (credits != 0)
                out << decimal(credits * pricePerCreditCents() / 100);
        };
        for (int w = 0; w < 3; ++w)
            add(warehouseCompute(day, w));
        add(pipeCompute(day));
        add(clusteringCompute(day));
        add(unattributed(day));
        add(cloudBilled(day));
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
    QList<RecordedRequest> requests() const { return m_server.requests(); }

    // Each statement's result: the rows it gives, its columns, its partitions.
    struct Statement
    {
        QStringList columns;
        QList<QJsonArray> rows;
        FaultTarget target = FaultTarget::Costs;
        QDate month;
        int partitions = 1;
        bool polled = false;
    };

private:
    Fault faultFor(FaultTarget target, const QDate &month) { return m_faults.take(target, month); }

    ScriptedResponse reject(int status, const char *code, const QString &message, const QString &why)
    {
        {
            std::lock_guard lock(m_mutex);
            m_rejection = why;
        }
        return ScriptedResponse::status_(status, QJsonDocument(QJsonObject{{QStringLiteral("code"), QString::fromLatin1(code)},
                                                                          {QStringLiteral("message"), message}})
                                                     .toJson(QJsonDocument::Compact));
    }

    // Empty when the JWT is good, else why not.
    QString checkJwt(const RecordedRequest &r, bool otherKeyOnly) const
    {
        if (r.header("X-Snowflake-Authorization-Token-Type") != "KEYPAIR_JWT")
            return QStringLiteral("token type is not KEYPAIR_JWT");
        const QByteArray auth = r.header("Authorization");
        if (!auth.startsWith("Bearer "))
            return QStringLiteral("no bearer token");
        const QList<QByteArray> parts = auth.mid(7).split('.');
        if (parts.size() != 3)
            return QStringLiteral("not a JWT");
        const auto decode = [](const QByteArray &b) {
            return QByteArray::fromBase64(b, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        };
        const QJsonObject header = QJsonDocument::fromJson(decode(parts[0])).object();
        const QJsonObject claims = QJsonDocument::fromJson(decode(parts[1])).object();
        if (header.value(QStringLiteral("alg")).toString() != u"RS256")
            return QStringLiteral("alg is not RS256");
        const QByteArray &publicDer = otherKeyOnly ? otherKey().publicDer : userKey().publicDer;
        if (!verifyRs256(parts[0] + '.' + parts[1], decode(parts[2]), publicDer))
            return QStringLiteral("signature does not verify with the user's public key");
        const QString subject = QString::fromLatin1(kAccount) + u'.' + QString::fromLatin1(kUser);
        const QString fingerprint = QStringLiteral("SHA256:")
            + QString::fromLatin1(QCryptographicHash::hash(publicDer, QCryptographicHash::Sha256).toBase64());
        if (claims.value(QStringLiteral("sub")).toString() != subject)
            return QStringLiteral("sub is not ") + subject;
        if (claims.value(QStringLiteral("iss")).toString() != subject + u'.' + fingerprint)
            return QStringLiteral("iss is not ACCOUNT.USER.<public key fingerprint>");
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const qint64 iat = qint64(claims.value(QStringLiteral("iat")).toDouble());
        const qint64 exp = qint64(claims.value(QStringLiteral("exp")).toDouble());
        if (iat > now + 60 || exp <= now || exp - iat > 3600)
            return QStringLiteral("iat/exp out of bounds");
        return {};
    }

    Statement build(const QString &sql, const QJsonObject &bindings) const
    {
        Statement s;
        const QString from = bindings.value(QStringLiteral("1")).toObject().value(QStringLiteral("value")).toString().left(10);
        const QString to = bindings.value(QStringLiteral("2")).toObject().value(QStringLiteral("value")).toString().left(10);
        const QDate a = QDate::fromString(from, Qt::ISODate), b = QDate::fromString(to, Qt::ISODate);
        s.month = a.isValid() ? QDate(a.year(), a.month(), 1) : QDate();
        auto text = [](const QString &v) { return QJsonValue(v); };
        if (sql.contains(QStringLiteral("WAREHOUSE_METERING_HISTORY"))) {
            s.columns = {QStringLiteral("DAY"), QStringLiteral("WAREHOUSE_NAME"), QStringLiteral("CREDITS_USED_COMPUTE"),
                         QStringLiteral("CREDITS_USED_CLOUD_SERVICES")};
            for (QDate d = a; a.isValid() && d < b; d = d.addDays(1))
                for (int w = 0; w < 3; ++w)
                    if (warehouseCompute(d, w) > 0)
                        s.rows << QJsonArray{text(d.toString(Qt::ISODate)), text(QString::fromLatin1(kWarehouses[w])),
                                             text(decimal(warehouseCompute(d, w))), text(decimal(warehouseCloud(d, w)))};
        } else if (sql.contains(QStringLiteral("METERING_DAILY_HISTORY"))) {
            s.columns = {QStringLiteral("DAY"), QStringLiteral("SERVICE_TYPE"), QStringLiteral("CREDITS_USED_COMPUTE"),
                         QStringLiteral("CREDITS_USED_CLOUD_SERVICES"), QStringLiteral("CREDITS_ADJUSTMENT_CLOUD_SERVICES"),
                         QStringLiteral("CREDITS_BILLED")};
            for (QDate d = a; a.isValid() && d < b; d = d.addDays(1)) {
                qint64 compute = unattributed(d), cloud = 0;
                for (int w = 0; w < 3; ++w) {
                    compute += warehouseCompute(d, w);
                    cloud += warehouseCloud(d, w);
                }
                // The whole adjustment on the warehouse row (Snowflake spreads it; the sum is what counts).
                const qint64 adjustment = cloudBilled(d) - cloud;
                const QString day = d.toString(Qt::ISODate);
                s.rows << QJsonArray{text(day), text(QStringLiteral("WAREHOUSE_METERING")), text(decimal(compute)), text(decimal(cloud)),
                                     text(decimal(adjustment)), text(decimal(compute + cloud + adjustment))};
                s.rows << QJsonArray{text(day), text(QStringLiteral("PIPE")), text(decimal(pipeCompute(d))), text(decimal(0)),
                                     text(decimal(0)), text(decimal(pipeCompute(d)))};
                if (clusteringCompute(d) > 0)
                    s.rows << QJsonArray{text(day), text(QStringLiteral("AUTO_CLUSTERING")), text(decimal(clusteringCompute(d))),
                                         QJsonValue(QJsonValue::Null), QJsonValue(QJsonValue::Null),
                                         text(decimal(clusteringCompute(d)))};
            }
        } else if (sql.contains(QStringLiteral("QUERY_HISTORY"))) {
            s.columns = {QStringLiteral("QUERY_ID"), QStringLiteral("USER_NAME"), QStringLiteral("WAREHOUSE_NAME"), QStringLiteral("QUERY_TYPE"),
                         QStringLiteral("QUERY_TEXT"), QStringLiteral("START_MS"), QStringLiteral("TOTAL_ELAPSED_TIME"),
                         QStringLiteral("BYTES_SCANNED"), QStringLiteral("CREDITS_USED_CLOUD_SERVICES"),
                         QStringLiteral("PARTITIONS_SCANNED"), QStringLiteral("PARTITIONS_TOTAL")};
            for (QDate d = a; a.isValid() && d < b; d = d.addDays(1)) {
                const qint64 start = QDateTime(d, QTime(9, 30), QTimeZone::utc()).toMSecsSinceEpoch();
                s.rows << QJsonArray{text(QStringLiteral("01b2c3d4-0000-%1-0000-000000000001").arg(d.toJulianDay())),
                                     text(QStringLiteral("ANALYST")), text(QStringLiteral("BI_WH")), text(QStringLiteral("SELECT")),
                                     text(QStringLiteral("SELECT * FROM sales.orders")), text(QString::number(start)),
                                     text(QStringLiteral("125000")), text(QStringLiteral("53687091200")), text(decimal(1500000)),
                                     text(QStringLiteral("4096")), text(QStringLiteral("4096"))};
                s.rows << QJsonArray{text(QStringLiteral("01b2c3d4-0000-%1-0000-000000000002").arg(d.toJulianDay())),
                                     text(QStringLiteral("ETL_SVC")), text(QStringLiteral("ETL_WH")), text(QStringLiteral("INSERT")),
                                     text(QStringLiteral("INSERT INTO sales.daily SELECT ... WHERE day = ?")),
                                     text(QString::number(start + 3600000)), text(QStringLiteral("48000")),
                                     text(QStringLiteral("1048576")), QJsonValue(QJsonValue::Null), text(QStringLiteral("3")),
                                     text(QStringLiteral("4096"))};
            }
        } else if (sql.startsWith(QStringLiteral("SHOW WAREHOUSES"))) {
            s.target = FaultTarget::Resources;
            s.columns = {QStringLiteral("name"), QStringLiteral("state"), QStringLiteral("type"), QStringLiteral("size"),
                         QStringLiteral("auto_suspend"), QStringLiteral("auto_resume"), QStringLiteral("created_on")};
            s.rows << QJsonArray{text(QStringLiteral("ETL_WH")), text(QStringLiteral("STARTED")), text(QStringLiteral("STANDARD")),
                                 text(QStringLiteral("Large")), text(QStringLiteral("600")), text(QStringLiteral("true")),
                                 text(QStringLiteral("1700000000.000000000 0"))};
            s.rows << QJsonArray{text(QStringLiteral("BI_WH")), text(QStringLiteral("STARTED")), text(QStringLiteral("STANDARD")),
                                 text(QStringLiteral("Medium")), QJsonValue(QJsonValue::Null), text(QStringLiteral("true")),
                                 text(QStringLiteral("1700000000.000000000 0"))};
            s.rows << QJsonArray{text(QStringLiteral("ADHOC_WH")), text(QStringLiteral("SUSPENDED")), text(QStringLiteral("STANDARD")),
                                 text(QStringLiteral("X-Small")), text(QStringLiteral("60")), text(QStringLiteral("true")),
                                 text(QStringLiteral("1700000000.000000000 0"))};
        } else {
            s.target = FaultTarget::Resources; // the connection test
            s.columns = {QStringLiteral("CURRENT_ACCOUNT()"), QStringLiteral("CURRENT_ROLE()")};
            s.rows << QJsonArray{text(QString::fromLatin1(kAccount)), text(QStringLiteral("ACCOUNTADMIN"))};
        }
        s.partitions = std::max<int>(1, int((s.rows.size() + kRowsPerPartition - 1) / kRowsPerPartition));
        return s;
    }

    QJsonArray partition(const Statement &s, int n) const
    {
        QJsonArray out;
        for (qsizetype i = qsizetype(n) * kRowsPerPartition; i < s.rows.size() && i < qsizetype(n + 1) * kRowsPerPartition; ++i)
            out.append(s.rows[i]);
        return out;
    }

    ScriptedResponse deliver(Fault fault, const QByteArray &body)
    {
        if (fault == Fault::Truncate)
            return ScriptedResponse::truncated(body.left(body.size() / 2), body.size());
        if (fault == Fault::Malformed)
            return ScriptedResponse::ok(body.left(body.size() / 2), "application/json");
        ScriptedResponse ok = ScriptedResponse::ok(body, "application/json");
        return ok;
    }

    ScriptedResponse handle(const RecordedRequest &r)
    {
        bool badCredentials = false;
        {
            std::lock_guard lock(m_mutex);
            badCredentials = m_faults.planned() == Fault::BadCredentials;
        }
        const QString why = checkJwt(r, badCredentials);
        if (!why.isEmpty())
            return reject(401, "390144", QStringLiteral("JWT token is invalid."), why);
        Statement statement;
        QString handleId;
        int partitionNumber = -1; // -1: the first answer with the metadata
        bool submit = false;
        if (r.method == "POST" && r.path == "/api/v2/statements") {
            const QJsonObject body = QJsonDocument::fromJson(r.body).object();
            const QUrlQuery query(QString::fromUtf8(r.query));
            if (!query.hasQueryItem(QStringLiteral("requestId")))
                return ScriptedResponse::status_(400, R"({"code":"391908","message":"requestId is missing"})");
            const QString sql = body.value(QStringLiteral("statement")).toString();
            if (sql.isEmpty() || body.value(QStringLiteral("warehouse")).toString() != u"COSTSCOPE_WH")
                return ScriptedResponse::status_(422, R"({"code":"000904","message":"SQL compilation error: no statement or warehouse"})");
            statement = build(sql, body.value(QStringLiteral("bindings")).toObject());
            submit = true;
        } else if (r.method == "GET" && r.path.startsWith("/api/v2/statements/")) {
            handleId = QString::fromUtf8(r.path.mid(int(qstrlen("/api/v2/statements/"))));
            std::lock_guard lock(m_mutex);
            if (!m_statements.contains(handleId))
                return ScriptedResponse::status_(404, R"({"code":"333333","message":"Statement handle not found"})");
            statement = m_statements.value(handleId);
            const QUrlQuery query(QString::fromUtf8(r.query));
            if (query.hasQueryItem(QStringLiteral("partition")))
                partitionNumber = query.queryItemValue(QStringLiteral("partition")).toInt();
        } else {
            return ScriptedResponse::status_(404, R"({"code":"000404","message":"Not found"})");
        }
        const Fault fault = faultFor(statement.target, statement.month);
        switch (fault) {
        case Fault::Throttle:
            return ScriptedResponse::throttled("1");
        case Fault::ServerError:
            return ScriptedResponse::status_(500, R"({"code":"000500","message":"Internal error"})");
        case Fault::Unavailable:
            return ScriptedResponse::status_(503, "Service Unavailable");
        case Fault::Hang:
            return ScriptedResponse::hang();
        case Fault::ExpiredToken:
            return reject(401, "390318", QStringLiteral("JWT token is expired."), QStringLiteral("expired"));
        default:
            break;
        }
        if (fault == Fault::PagesForever)
            statement.partitions = 1000;
        if (submit) {
            std::lock_guard lock(m_mutex);
            handleId = QStringLiteral("01b0-%1-0000").arg(++m_nextHandle);
            m_statements.insert(handleId, statement);
            const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("code"), QStringLiteral("333334")},
                                                              {QStringLiteral("message"), QStringLiteral("Asynchronous execution in progress.")},
                                                              {QStringLiteral("statementHandle"), handleId},
                                                              {QStringLiteral("statementStatusUrl"), QString(QStringLiteral("/api/v2/statements/") + handleId)}})
                                        .toJson(QJsonDocument::Compact);
            ScriptedResponse s = deliver(fault, body);
            if (s.status == 200 && fault == Fault::None)
                s.status = 202;
            else if (s.status == 200 && fault != Fault::Truncate)
                s.status = 202;
            return s;
        }
        if (partitionNumber >= 0) {
            if (partitionNumber >= statement.partitions)
                return ScriptedResponse::status_(422, R"({"code":"000005","message":"partition out of range"})");
            return deliver(fault, QJsonDocument(QJsonObject{{QStringLiteral("data"), partition(statement, partitionNumber)}})
                                      .toJson(QJsonDocument::Compact));
        }
        QJsonArray rowType, partitionInfo;
        for (const QString &c : statement.columns)
            rowType.append(QJsonObject{{QStringLiteral("name"), c}, {QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("nullable"), true}});
        for (int p = 0; p < statement.partitions; ++p)
            partitionInfo.append(QJsonObject{{QStringLiteral("rowCount"), int(partition(statement, p).size())}, {QStringLiteral("uncompressedSize"), 100}});
        const QJsonObject meta{{QStringLiteral("numRows"), statement.partitions == 1000 ? 5000 : int(statement.rows.size())},
                               {QStringLiteral("format"), QStringLiteral("jsonv2")},
                               {QStringLiteral("partitionInfo"), partitionInfo},
                               {QStringLiteral("rowType"), rowType}};
        return deliver(fault, QJsonDocument(QJsonObject{{QStringLiteral("resultSetMetaData"), meta},
                                                        {QStringLiteral("data"), partition(statement, 0)},
                                                        {QStringLiteral("code"), QStringLiteral("090001")},
                                                        {QStringLiteral("statementHandle"), handleId},
                                                        {QStringLiteral("message"), QStringLiteral("Statement executed successfully.")}})
                                  .toJson(QJsonDocument::Compact));
    }

    LocalHttpServer m_server;
    mutable std::mutex m_mutex;
    FaultSchedule m_faults;
    QString m_rejection;
    QMap<QString, Statement> m_statements;
    int m_nextHandle = 0;
};

} // namespace

std::unique_ptr<FakeCloud> makeFakeSnowflake()
{
    return std::make_unique<FakeSnowflakeServer>();
}

} // namespace costscope::testsupport
