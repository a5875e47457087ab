// The GCP side of the provider contract tests, on one local endpoint: the OAuth token endpoint
// (JWT bearer grant; the assertion's RS256 signature is verified with the public half of the test
// service-account key, tests/data/gcp), BigQuery jobs.query / getQueryResults over a billing
// export (an unfinished job first, then f/v rows in pages), Compute instances/disks
// aggregatedList (two pages) and Cloud Monitoring timeSeries.list (two pages). Every API call must
// carry a token the server issued.

#include "support/FakeCloud.h"
#include "support/LocalHttpServer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <QUrlQuery>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdlib>
#include <mutex>
#include <set>

namespace costscope::testsupport {

namespace {

const QString kProject = QStringLiteral("costscope-fake-1");
const QString kTable = QStringLiteral("costscope-fake-1.billing.gcp_billing_export_v1_0A1B2C_3D4E5F_6A7B8C");
const QStringList kProjects = {QStringLiteral("web-prod-123"), QStringLiteral("ml-train-456")};
const QStringList kServices = {QStringLiteral("Compute Engine"), QStringLiteral("BigQuery")};
constexpr int kRowsPerPage = 40;

QByteArray readTestFile(const char *name)
{
    QFile f(QStringLiteral(COSTSCOPE_TEST_DATA "/gcp/") + QString::fromLatin1(name));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray googleError(int code, const char *status, const QByteArray &message)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("error"),
                                      QJsonObject{{QStringLiteral("code"), code},
                                                  {QStringLiteral("message"), QString::fromUtf8(message)},
                                                  {QStringLiteral("status"), QLatin1String(status)}}}})
        .toJson(QJsonDocument::Compact);
}

struct PkeyDeleter
{
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

// The public half of a key pair, as a verifier holds it (DER SubjectPublicKeyInfo round trip).
Pkey publicHalf(EVP_PKEY *pair)
{
    unsigned char *der = nullptr;
    const int len = i2d_PUBKEY(pair, &der);
    if (len <= 0)
        return nullptr;
    const unsigned char *p = der;
    Pkey pub(d2i_PUBKEY(nullptr, &p, len));
    OPENSSL_free(der);
    return pub;
}

bool verifyRs256(EVP_PKEY *pub, const QByteArray &data, const QByteArray &signature)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    bool ok = ctx && EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, pub) == 1
        && EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char *>(signature.constData()), size_t(signature.size()),
                            reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size()))
            == 1;
    EVP_MD_CTX_free(ctx);
    return ok;
}

ScriptedResponse json(const QJsonObject &o)
{
    return ScriptedResponse::ok(QJsonDocument(o).toJson(QJsonDocument::Compact), "application/json; charset=UTF-8");
}

QJsonObject cell(const QJsonValue &v)
{
    return QJsonObject{{QStringLiteral("v"), v}};
}

class FakeGcpServer : public FakeCloud
{
public:
    FakeGcpServer()
    {
        const QByteArray pem = readTestFile("test_privatekey.pem");
        BIO *bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
        EVP_PKEY *pair = bio ? PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr) : nullptr;
        BIO_free(bio);
        if (pair) {
            m_publicKey = publicHalf(pair);
            EVP_PKEY_free(pair);
        }
        const QJsonObject key = QJsonDocument::fromJson(readTestFile("test_service_account.json")).object();
        m_clientEmail = key.value(QStringLiteral("client_email")).toString();
        m_audience = key.value(QStringLiteral("token_uri")).toString();
    }

    QString providerKey() const override { return QStringLiteral("gcp"); }

    bool start() override
    {
        m_server.setHandler([this](const RecordedRequest &r) { return handle(r); });
        return m_publicKey && !m_clientEmail.isEmpty() && m_server.start();
    }

    providers::AccountConfig account(const QString &name) const override
    {
        providers::AccountConfig c;
        c.id = QStringLiteral("gcp-") + name;
        c.name = name;
        c.provider = QStringLiteral("gcp");
        c.endpoint = m_server.url(QStringLiteral("/")).toString();
        c.scope = kProject;
        c.billingTable = kTable;
        c.billingAccount = QStringLiteral("01A2B3-C4D5E6-F7A8B9");
        return c;
    }

    providers::Secrets secrets() const override
    {
        return {{QStringLiteral("service_account_json"), QString::fromUtf8(readTestFile("test_service_account.json"))}};
    }

    void setFault(const FaultPlan &plan) override { m_faults.set(plan); }

    QStringList billedAmounts(const QDate &day) const override
    {
        QStringList out;
        for (const Row &r : rowsOf(day))
            out << r.cost;
        return out;
    }

    // Instances: two in us-central1-a (one running, one stopped), one running in europe-west1-b
    // (second page); disks: two attached, one unattached; two snapshots.
    int resourceCount() const override { return 8; }
    // Two running instances x CPU, network in, network out.
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

private:
    struct Row
    {
        QString kind; // usage, credit
        QDate day;
        QString project;
        QString service;
        QString cost;
        QString creditName;
    };

    struct Job
    {
        QDate from, to;
        bool polled = false;
        QString jobsRegion; // a JOBS_BY_PROJECT query of this region, else the billing export
    };

    static QString amount(const QDate &day, qsizetype p, qsizetype s, bool credit)
    {
        const qint64 seed = day.toJulianDay() * 13 + p * 5 + s;
        const qint64 fraction = (seed * 2654435761LL) % 1000000000LL;
        if (credit)
            return QStringLiteral("-0.%1").arg(fraction % 100000000, 9, 10, QLatin1Char('0'));
        return QStringLiteral("%1.%2").arg(seed % 89).arg(fraction, 9, 10, QLatin1Char('0'));
    }

    // Per day: project x service usage, and one credit (free tier) on the first project's compute.
    static std::vector<Row> rowsOf(const QDate &day)
    {
        std::vector<Row> rows;
        for (qsizetype p = 0; p < kProjects.size(); ++p) {
            for (qsizetype s = 0; s < kServices.size(); ++s)
                rows.push_back({QStringLiteral("usage"), day, kProjects[p], kServices[s], amount(day, p, s, false), {}});
        }
        rows.push_back({QStringLiteral("credit"), day, kProjects[0], kServices[0], amount(day, 0, 0, true),
                        QStringLiteral("Free tier")});
        return rows;
    }

    Fault faultFor(FaultTarget target, const QDate &month) { return m_faults.take(target, month); }

    // Faults that are the same whatever the API: throttling, errors, hangs, truncation, bad JSON,
    // the expired token. Sets *handled when the request is answered by the fault.
    static ScriptedResponse commonFault(Fault f, const QByteArray &goodBody, bool *handled)
    {
        *handled = true;
        switch (f) {
        case Fault::Throttle: {
            ScriptedResponse r = ScriptedResponse::throttled("1");
            r.body = googleError(429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Queries'");
            return r;
        }
        case Fault::ServerError:
            return ScriptedResponse::status_(500, googleError(500, "INTERNAL", "Internal error encountered."));
        case Fault::Unavailable:
            return ScriptedResponse::status_(503, googleError(503, "UNAVAILABLE", "The service is currently unavailable."));
        case Fault::Hang:
            return ScriptedResponse::hang();
        case Fault::Truncate:
            return ScriptedResponse::truncated(goodBody.left(goodBody.size() / 2), goodBody.size());
        case Fault::Malformed:
            return ScriptedResponse::ok(goodBody.left(goodBody.size() / 3), "application/json; charset=UTF-8");
        case Fault::ExpiredToken: {
            ScriptedResponse r = ScriptedResponse::status_(
                401, googleError(401, "UNAUTHENTICATED",
                                 "Request had invalid authentication credentials. Expected OAuth 2 access token, login "
                                 "cookie or other valid authentication credential."));
            r.headers.append({QByteArray("WWW-Authenticate"), QByteArray("Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"")});
            return r;
        }
        default:
            *handled = false;
            return {};
        }
    }

    ScriptedResponse reject(const QString &why, int status, const QByteArray &body)
    {
        {
            std::lock_guard lock(m_mutex);
            m_rejection = why;
        }
        return ScriptedResponse::status_(status, body);
    }

    ScriptedResponse handle(const RecordedRequest &r)
    {
        if (r.path == "/token")
            return token(r);
        const QByteArray auth = r.header("Authorization");
        {
            std::lock_guard lock(m_mutex);
            if (!auth.startsWith("Bearer ") || !m_tokens.count(auth.mid(7)))
                m_rejection = QStringLiteral("a call without a token the server issued");
            else
                m_rejection.clear();
            if (!m_rejection.isEmpty())
                return ScriptedResponse::status_(401, googleError(401, "UNAUTHENTICATED", "Request is missing required authentication credential."));
        }
        const QString path = QString::fromUtf8(r.path);
        const QString bq = QStringLiteral("/bigquery/v2/projects/") + kProject;
        if (r.method == "POST" && path == bq + QStringLiteral("/queries"))
            return query(r);
        if (r.method == "GET" && path.startsWith(bq + QStringLiteral("/queries/")))
            return queryResults(r, path.mid(bq.size() + 9));
        if (r.method == "GET" && path == bq + QStringLiteral("/datasets/billing/tables/") + kTable.section(u'.', 2))
            return json(QJsonObject{{QStringLiteral("kind"), QStringLiteral("bigquery#table")},
                                    {QStringLiteral("id"), kTable}});
        const QString compute = QStringLiteral("/compute/v1/projects/") + kProject + QStringLiteral("/aggregated/");
        if (r.method == "GET" && path == compute + QStringLiteral("instances"))
            return instances(r);
        if (r.method == "GET" && path == compute + QStringLiteral("disks"))
            return disks(r);
        if (r.method == "GET" && path == QStringLiteral("/compute/v1/projects/") + kProject + QStringLiteral("/global/snapshots"))
            return snapshots();
        if (r.method == "GET" && path == QStringLiteral("/v3/projects/") + kProject + QStringLiteral("/timeSeries"))
            return timeSeries(r);
        return ScriptedResponse::status_(404, googleError(404, "NOT_FOUND", "The requested URL was not found on this server."));
    }

    // The JWT bearer grant: the assertion must be signed by the service account's key.
    ScriptedResponse token(const RecordedRequest &r)
    {
        const QByteArray invalid = R"({"error":"invalid_grant","error_description":"Invalid JWT Signature."})";
        const QUrlQuery form(QString::fromUtf8(r.body));
        if (r.method != "POST" || form.queryItemValue(QStringLiteral("grant_type"), QUrl::FullyDecoded)
                != u"urn:ietf:params:oauth:grant-type:jwt-bearer")
            return reject(QStringLiteral("not a JWT bearer grant"), 400, R"({"error":"unsupported_grant_type"})");
        const QList<QByteArray> parts = form.queryItemValue(QStringLiteral("assertion"), QUrl::FullyDecoded).toUtf8().split('.');
        if (parts.size() != 3)
            return reject(QStringLiteral("the assertion is not a JWT"), 400, invalid);
        const auto decode = [](const QByteArray &b) {
            return QByteArray::fromBase64(b, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        };
        const QJsonObject header = QJsonDocument::fromJson(decode(parts[0])).object();
        const QJsonObject claims = QJsonDocument::fromJson(decode(parts[1])).object();
        EVP_PKEY *key = m_publicKey.get();
        {
            std::lock_guard lock(m_mutex);
            if (m_faults.planned() == Fault::BadCredentials) {
                // The server knows another key (the service account's key was rotated).
                if (!m_otherKey)
                    m_otherKey.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(2048)));
                key = m_otherKey.get();
            }
        }
        if (header.value(QStringLiteral("alg")).toString() != u"RS256" || !verifyRs256(key, parts[0] + '.' + parts[1], decode(parts[2])))
            return reject(QStringLiteral("the assertion's RS256 signature does not verify"), 400, invalid);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const qint64 iat = claims.value(QStringLiteral("iat")).toInteger();
        const qint64 exp = claims.value(QStringLiteral("exp")).toInteger();
        if (claims.value(QStringLiteral("iss")).toString() != m_clientEmail || claims.value(QStringLiteral("aud")).toString() != m_audience
            || !claims.value(QStringLiteral("scope")).toString().split(u' ').contains(QStringLiteral("https://www.googleapis.com/auth/bigquery"))
            || std::abs(iat - now) > 300 || exp - iat != 3600)
            return reject(QStringLiteral("the assertion's claims are wrong"), 400,
                          R"({"error":"invalid_grant","error_description":"Invalid JWT: claims"})");
        std::lock_guard lock(m_mutex);
        const QByteArray issued = "ya29.fake-" + QByteArray::number(qulonglong(m_tokens.size() + 1));
        m_tokens.insert(issued);
        return json(QJsonObject{{QStringLiteral("access_token"), QString::fromLatin1(issued)},
                                {QStringLiteral("expires_in"), 3599},
                                {QStringLiteral("token_type"), QStringLiteral("Bearer")}});
    }

    ScriptedResponse query(const RecordedRequest &r)
    {
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        const QString sql = body.value(QStringLiteral("query")).toString();
        QHash<QString, QDate> dates;
        for (const QJsonValue &p : body.value(QStringLiteral("queryParameters")).toArray()) {
            const QJsonObject o = p.toObject();
            if (o.value(QStringLiteral("parameterType")).toObject().value(QStringLiteral("type")).toString() == u"DATE")
                dates.insert(o.value(QStringLiteral("name")).toString(),
                             QDate::fromString(o.value(QStringLiteral("parameterValue")).toObject().value(QStringLiteral("value")).toString(),
                                               Qt::ISODate));
        }
        const QDate from = dates.value(QStringLiteral("from_day"));
        const QDate to = dates.value(QStringLiteral("to_day"));
        // The BigQuery job history: region-eu is refused for permission, region-xx answers a broken row.
        if (sql.contains(QStringLiteral(".INFORMATION_SCHEMA.JOBS_BY_PROJECT"))) {
            const QString region = sql.section(u'`' + kProject + u'.', 1, 1).section(u'`', 0, 0);
            if (!from.isValid() || !to.isValid() || to <= from || sql.contains(from.toString(Qt::ISODate)) || !region.startsWith(u"region-"))
                return ScriptedResponse::status_(400, googleError(400, "INVALID_ARGUMENT", "Query error: not the JOBS query the fake expects"));
            if (region == u"region-eu")
                return ScriptedResponse::status_(
                    403, QByteArray(R"({"error":{"code":403,"message":"Access Denied: Table region-eu.INFORMATION_SCHEMA.JOBS_BY_PROJECT: User does not have permission bigquery.jobs.listAll","errors":[{"reason":"accessDenied"}],"status":"PERMISSION_DENIED"}})"));
            std::lock_guard lock(m_mutex);
            const QString jobId = QStringLiteral("jobs_%1").arg(++m_jobCount);
            m_jobs.insert(jobId, Job{from, to, false, region});
            return json(QJsonObject{{QStringLiteral("jobReference"),
                                     QJsonObject{{QStringLiteral("projectId"), kProject}, {QStringLiteral("jobId"), jobId}, {QStringLiteral("location"), QStringLiteral("US")}}},
                                    {QStringLiteral("jobComplete"), false}});
        }
        // Standard SQL, named DATE parameters, the table quoted, and no date spliced into the text.
        if (body.value(QStringLiteral("useLegacySql")).toBool(true) || body.value(QStringLiteral("parameterMode")).toString() != u"NAMED"
            || !from.isValid() || !to.isValid() || to <= from || !sql.contains(u'`' + kTable + u'`')
            || !sql.contains(QStringLiteral("@from_day")) || !sql.contains(QStringLiteral("@to_day"))
            || sql.contains(from.toString(Qt::ISODate)) || !sql.contains(QStringLiteral("NUMERIC")))
            return ScriptedResponse::status_(400, googleError(400, "INVALID_ARGUMENT", "Query error: not the query the fake expects"));
        const QDate month(from.year(), from.month(), 1);
        const Fault fault = faultFor(FaultTarget::Costs, month);
        QString jobId;
        {
            std::lock_guard lock(m_mutex);
            jobId = QStringLiteral("job_%1_%2").arg(month.toString(QStringLiteral("yyyyMM"))).arg(++m_jobCount);
            m_jobs.insert(jobId, Job{from, to, false, QString()});
        }
        // Not finished yet: the client polls getQueryResults.
        const QByteArray pending = QJsonDocument(QJsonObject{
                                                     {QStringLiteral("kind"), QStringLiteral("bigquery#queryResponse")},
                                                     {QStringLiteral("jobReference"),
                                                      QJsonObject{{QStringLiteral("projectId"), kProject},
                                                                  {QStringLiteral("jobId"), jobId},
                                                                  {QStringLiteral("location"), QStringLiteral("US")}}},
                                                     {QStringLiteral("jobComplete"), false}})
                                       .toJson(QJsonDocument::Compact);
        bool handled = false;
        ScriptedResponse f = commonFault(fault, pending, &handled);
        return handled ? f : ScriptedResponse::ok(pending, "application/json; charset=UTF-8");
    }

    ScriptedResponse queryResults(const RecordedRequest &r, const QString &jobId)
    {
        const QUrlQuery q(QString::fromUtf8(r.query));
        Job job;
        {
            std::lock_guard lock(m_mutex);
            if (!m_jobs.contains(jobId))
                return ScriptedResponse::status_(404, googleError(404, "NOT_FOUND", "Not found: Job " + jobId.toUtf8()));
            job = m_jobs.value(jobId);
            m_jobs[jobId].polled = true;
        }
        if (q.queryItemValue(QStringLiteral("location")) != u"US")
            return ScriptedResponse::status_(404, googleError(404, "NOT_FOUND", "Not found: Job in location"));
        if (!job.jobsRegion.isEmpty())
            return jobsResults(q, jobId, job);
        const Fault fault = faultFor(FaultTarget::Costs, QDate(job.from.year(), job.from.month(), 1));
        std::vector<Row> rows;
        for (QDate d = job.from; d < job.to; d = d.addDays(1)) {
            for (Row &row : rowsOf(d))
                rows.push_back(std::move(row));
        }
        const QString token = q.queryItemValue(QStringLiteral("pageToken"));
        qint64 offset = 0;
        if (!token.isEmpty()) {
            bool ok = false;
            offset = token.startsWith(u'p') ? token.mid(1).toLongLong(&ok) : -1;
            if (!ok || offset < 0)
                return ScriptedResponse::status_(400, googleError(400, "INVALID_ARGUMENT", "Invalid page token"));
        }
        const qint64 pageSize = std::min<qint64>(kRowsPerPage, q.queryItemValue(QStringLiteral("maxResults")).toLongLong());
        if (pageSize <= 0)
            return ScriptedResponse::status_(400, googleError(400, "INVALID_ARGUMENT", "maxResults"));
        const QJsonObject str{{QStringLiteral("type"), QStringLiteral("STRING")}, {QStringLiteral("mode"), QStringLiteral("NULLABLE")}};
        auto field = [&](const char *name, const char *type = "STRING") {
            QJsonObject f = str;
            f.insert(QStringLiteral("name"), QLatin1String(name));
            f.insert(QStringLiteral("type"), QLatin1String(type));
            return f;
        };
        QJsonObject labels = field("labels", "RECORD");
        labels.insert(QStringLiteral("mode"), QStringLiteral("REPEATED"));
        labels.insert(QStringLiteral("fields"), QJsonArray{field("key"), field("value")});
        const QJsonArray schema{field("kind"), field("usage_day", "DATE"), field("billing_account_id"), field("project_id"),
                                field("project_name"), field("service"), field("sku_id"), field("sku_description"),
                                field("region"), field("currency"), field("cost_type"), field("usage_unit"),
                                field("usage_amount"), field("cost"), field("credit_name"), field("credit_type"), labels};
        QJsonArray out;
        for (qint64 i = offset; i < std::min<qint64>(qint64(rows.size()), offset + pageSize); ++i) {
            const Row &row = rows[size_t(i)];
            const bool credit = row.kind == u"credit";
            const bool ml = row.project == kProjects[1];
            const QJsonValue null = QJsonValue::Null;
            QJsonArray labelCells;
            if (ml)
                labelCells.append(cell(QJsonObject{{QStringLiteral("f"), QJsonArray{cell(QStringLiteral("team")), cell(QStringLiteral("ml"))}}}));
            out.append(QJsonObject{
                {QStringLiteral("f"),
                 QJsonArray{cell(row.kind), cell(row.day.toString(Qt::ISODate)), cell(QStringLiteral("01A2B3-C4D5E6-F7A8B9")),
                            cell(row.project), cell(ml ? null : QJsonValue(QStringLiteral("Web production"))), cell(row.service),
                            cell(QStringLiteral("6F81-5844-456A")), cell(QStringLiteral("N1 Predefined Instance Core")),
                            cell(QStringLiteral("us-central1")), cell(QStringLiteral("USD")), cell(QStringLiteral("regular")),
                            cell(credit ? null : QJsonValue(QStringLiteral("seconds"))),
                            cell(credit ? null : QJsonValue(QStringLiteral("3600"))), cell(row.cost),
                            cell(credit ? QJsonValue(row.creditName) : null),
                            cell(credit ? QJsonValue(QStringLiteral("FREE_TIER")) : null), cell(labelCells)}}});
        }
        QJsonObject answer{{QStringLiteral("kind"), QStringLiteral("bigquery#getQueryResultsResponse")},
                           {QStringLiteral("jobReference"), QJsonObject{{QStringLiteral("projectId"), kProject}, {QStringLiteral("jobId"), jobId}, {QStringLiteral("location"), QStringLiteral("US")}}},
                           {QStringLiteral("schema"), QJsonObject{{QStringLiteral("fields"), schema}}},
                           {QStringLiteral("totalRows"), QString::number(rows.size())},
                           {QStringLiteral("rows"), out},
                           {QStringLiteral("jobComplete"), true},
                           {QStringLiteral("cacheHit"), false}};
        if (offset + pageSize < qint64(rows.size()) || fault == Fault::PagesForever)
            answer.insert(QStringLiteral("pageToken"), QStringLiteral("p%1").arg(offset + pageSize));
        const QByteArray body = QJsonDocument(answer).toJson(QJsonDocument::Compact);
        bool handled = false;
        ScriptedResponse f = commonFault(fault, body, &handled);
        return handled ? f : ScriptedResponse::ok(body, "application/json; charset=UTF-8");
    }

    // Three jobs a day (docs/saas.md, "BigQuery"): a full scan of 2 TiB (1 slot-hour), a pruned read of
    // 64 GiB of the same 2 TiB table (2 slot-hours), and a cached INSERT in the other project.
    ScriptedResponse jobsResults(const QUrlQuery &q, const QString &jobId, const Job &job)
    {
        const QJsonObject str{{QStringLiteral("type"), QStringLiteral("STRING")}, {QStringLiteral("mode"), QStringLiteral("NULLABLE")}};
        QJsonArray schema;
        for (const char *name : {"job_id", "user_email", "project_id", "statement_type", "query", "created_ms", "duration_ms",
                                 "bytes_processed", "bytes_billed", "slot_ms", "referenced_bytes"}) {
            QJsonObject f = str;
            f.insert(QStringLiteral("name"), QLatin1String(name));
            schema.append(f);
        }
        const QString tib2 = QStringLiteral("2199023255552");
        const QJsonValue null = QJsonValue::Null;
        std::vector<QJsonArray> rows;
        for (QDate d = job.from; d < job.to; d = d.addDays(1)) {
            const qint64 ms = QDateTime(d, QTime(9, 0), QTimeZone::utc()).toMSecsSinceEpoch();
            const QString id = d.toString(QStringLiteral("yyyyMMdd"));
            rows.push_back({cell(QString(u"bquxjob_" + id + u"_1")), cell(QStringLiteral("ana@acme.example")), cell(kProjects[0]),
                            cell(QStringLiteral("SELECT")), cell(QStringLiteral("SELECT * FROM sales.orders")),
                            cell(QString::number(ms)), cell(QStringLiteral("60000")), cell(tib2), cell(tib2),
                            cell(QStringLiteral("3600000")), cell(tib2)});
            rows.push_back({cell(QString(u"bquxjob_" + id + u"_2")), cell(QStringLiteral("li.wei@acme.example")), cell(kProjects[0]),
                            cell(QStringLiteral("SELECT")), cell(QStringLiteral("SELECT id FROM sales.orders WHERE day = CURRENT_DATE()")),
                            cell(QString::number(ms + 3600000)), cell(QStringLiteral("5000")),
                            cell(job.jobsRegion == u"region-xx" ? QJsonValue(QStringLiteral("lots")) : QJsonValue(QStringLiteral("68719476736"))),
                            cell(QStringLiteral("68719476736")), cell(QStringLiteral("7200000")), cell(tib2)});
            rows.push_back({cell(QString(u"bquxjob_" + id + u"_3")), cell(QStringLiteral("ana@acme.example")), cell(kProjects[1]),
                            cell(QStringLiteral("INSERT")), cell(QStringLiteral("INSERT INTO ml.features SELECT 1")),
                            cell(QString::number(ms + 7200000)), cell(QStringLiteral("120")), cell(QStringLiteral("0")),
                            cell(null), cell(QStringLiteral("0")), cell(null)});
        }
        const QString token = q.queryItemValue(QStringLiteral("pageToken"));
        const qint64 offset = token.isEmpty() ? 0 : token.mid(1).toLongLong();
        QJsonArray out;
        for (qint64 i = offset; i < std::min<qint64>(qint64(rows.size()), offset + kRowsPerPage); ++i)
            out.append(QJsonObject{{QStringLiteral("f"), rows[size_t(i)]}});
        QJsonObject answer{{QStringLiteral("jobReference"), QJsonObject{{QStringLiteral("projectId"), kProject}, {QStringLiteral("jobId"), jobId}, {QStringLiteral("location"), QStringLiteral("US")}}},
                           {QStringLiteral("schema"), QJsonObject{{QStringLiteral("fields"), schema}}},
                           {QStringLiteral("totalRows"), QString::number(rows.size())},
                           {QStringLiteral("rows"), out},
                           {QStringLiteral("jobComplete"), true}};
        if (offset + kRowsPerPage < qint64(rows.size()))
            answer.insert(QStringLiteral("pageToken"), QStringLiteral("p%1").arg(offset + kRowsPerPage));
        return json(answer);
    }

    QJsonObject instance(const QString &zone, const char *id, const char *name, const char *type, const char *status) const
    {
        const QString base = QStringLiteral("https://www.googleapis.com/compute/v1/projects/%1/zones/%2/").arg(kProject, zone);
        return QJsonObject{{QStringLiteral("kind"), QStringLiteral("compute#instance")},
                           {QStringLiteral("id"), QLatin1String(id)},
                           {QStringLiteral("name"), QLatin1String(name)},
                           {QStringLiteral("creationTimestamp"), QStringLiteral("2024-01-05T10:00:00.000-08:00")},
                           {QStringLiteral("machineType"), QString(base + QStringLiteral("machineTypes/") + QLatin1String(type))},
                           {QStringLiteral("status"), QLatin1String(status)},
                           {QStringLiteral("zone"), base.chopped(1)},
                           {QStringLiteral("labels"), QJsonObject{{QStringLiteral("team"), QStringLiteral("search")}}},
                           {QStringLiteral("selfLink"), QString(base + QStringLiteral("instances/") + QLatin1String(name))}};
    }

    ScriptedResponse computeAnswer(const QJsonObject &answer, const QString &token)
    {
        const Fault fault = faultFor(FaultTarget::Resources, {});
        QJsonObject a = answer;
        if (fault == Fault::PagesForever)
            a.insert(QStringLiteral("nextPageToken"), QStringLiteral("forever-%1").arg(token.mid(8).toLongLong() + 1));
        const QByteArray body = QJsonDocument(a).toJson(QJsonDocument::Compact);
        bool handled = false;
        ScriptedResponse f = commonFault(fault, body, &handled);
        return handled ? f : ScriptedResponse::ok(body, "application/json; charset=UTF-8");
    }

    ScriptedResponse instances(const RecordedRequest &r)
    {
        const QString token = QUrlQuery(QString::fromUtf8(r.query)).queryItemValue(QStringLiteral("pageToken"));
        const QJsonObject noResults{{QStringLiteral("warning"),
                                     QJsonObject{{QStringLiteral("code"), QStringLiteral("NO_RESULTS_ON_PAGE")},
                                                 {QStringLiteral("message"), QStringLiteral("There are no results for scope on this page.")}}}};
        QJsonObject items;
        QJsonObject answer{{QStringLiteral("kind"), QStringLiteral("compute#instanceAggregatedList")}};
        if (token.isEmpty() || token.startsWith(QStringLiteral("forever-"))) {
            items.insert(QStringLiteral("zones/us-central1-a"),
                         QJsonObject{{QStringLiteral("instances"),
                                      QJsonArray{instance(QStringLiteral("us-central1-a"), "1001", "web-1", "n2-standard-4", "RUNNING"),
                                                 instance(QStringLiteral("us-central1-a"), "1002", "batch-1", "e2-medium", "TERMINATED")}}});
            items.insert(QStringLiteral("zones/europe-west1-b"), noResults);
            if (token.isEmpty())
                answer.insert(QStringLiteral("nextPageToken"), QStringLiteral("ipage2"));
        } else if (token == u"ipage2") {
            items.insert(QStringLiteral("zones/us-central1-a"), noResults);
            items.insert(QStringLiteral("zones/europe-west1-b"),
                         QJsonObject{{QStringLiteral("instances"),
                                      QJsonArray{instance(QStringLiteral("europe-west1-b"), "2001", "train-1", "a2-highgpu-1g", "RUNNING")}}});
        } else {
            return ScriptedResponse::status_(400, googleError(400, "INVALID_ARGUMENT", "Invalid value for field 'pageToken'"));
        }
        answer.insert(QStringLiteral("items"), items);
        return computeAnswer(answer, token);
    }

    ScriptedResponse disks(const RecordedRequest &r)
    {
        const QString token = QUrlQuery(QString::fromUtf8(r.query)).queryItemValue(QStringLiteral("pageToken"));
        auto disk = [](const QString &zone, const char *id, const char *name, const QString &user) {
            const QString base = QStringLiteral("https://www.googleapis.com/compute/v1/projects/%1/zones/%2/").arg(kProject, zone);
            QJsonObject d{{QStringLiteral("kind"), QStringLiteral("compute#disk")},
                          {QStringLiteral("id"), QLatin1String(id)},
                          {QStringLiteral("name"), QLatin1String(name)},
                          {QStringLiteral("sizeGb"), QStringLiteral("100")},
                          {QStringLiteral("status"), QStringLiteral("READY")},
                          {QStringLiteral("creationTimestamp"), QStringLiteral("2024-01-05T10:00:00.000-08:00")},
                          {QStringLiteral("type"), QString(base + QStringLiteral("diskTypes/pd-balanced"))},
                          {QStringLiteral("selfLink"), QString(base + QStringLiteral("disks/") + QLatin1String(name))}};
            if (!user.isEmpty())
                d.insert(QStringLiteral("users"), QJsonArray{QString(base + QStringLiteral("instances/") + user)});
            return d;
        };
        QJsonObject items{{QStringLiteral("zones/us-central1-a"),
                           QJsonObject{{QStringLiteral("disks"),
                                        QJsonArray{disk(QStringLiteral("us-central1-a"), "3001", "web-1", QStringLiteral("web-1")),
                                                   disk(QStringLiteral("us-central1-a"), "3002", "old-data", QString())}}}},
                          {QStringLiteral("zones/europe-west1-b"),
                           QJsonObject{{QStringLiteral("disks"),
                                        QJsonArray{disk(QStringLiteral("europe-west1-b"), "4001", "train-1", QStringLiteral("train-1"))}}}}};
        return computeAnswer(QJsonObject{{QStringLiteral("kind"), QStringLiteral("compute#diskAggregatedList")}, {QStringLiteral("items"), items}},
                             token);
    }

    // Snapshots: one of a disk that exists, one of a disk that was deleted.
    ScriptedResponse snapshots()
    {
        auto snapshot = [](const char *id, const char *name, const char *diskName, const char *diskId) {
            return QJsonObject{{QStringLiteral("kind"), QStringLiteral("compute#snapshot")},
                               {QStringLiteral("id"), QLatin1String(id)},
                               {QStringLiteral("name"), QLatin1String(name)},
                               {QStringLiteral("status"), QStringLiteral("READY")},
                               {QStringLiteral("creationTimestamp"), QStringLiteral("2024-01-06T10:00:00.000-08:00")},
                               {QStringLiteral("sourceDisk"),
                                QString(QStringLiteral("https://www.googleapis.com/compute/v1/projects/%1/zones/us-central1-a/disks/").arg(kProject)
                                        + QLatin1String(diskName))},
                               {QStringLiteral("sourceDiskId"), QLatin1String(diskId)}};
        };
        return computeAnswer(QJsonObject{{QStringLiteral("kind"), QStringLiteral("compute#snapshotList")},
                                         {QStringLiteral("items"), QJsonArray{snapshot("5001", "web-1-daily", "web-1", "3001"),
                                                                              snapshot("5002", "old-backup", "gone-disk", "3999")}}},
                             QString());
    }

    // One running instance's series per page, four points each (newest first, as Monitoring
    // sends them); the second page also holds a series of an instance that no longer exists.
    ScriptedResponse timeSeries(const RecordedRequest &r)
    {
        const QUrlQuery q(QString::fromUtf8(r.query));
        const QString filter = q.queryItemValue(QStringLiteral("filter"), QUrl::FullyDecoded);
        const QString token = q.queryItemValue(QStringLiteral("pageToken"));
        const QDateTime start = QDateTime::fromString(q.queryItemValue(QStringLiteral("interval.startTime"), QUrl::FullyDecoded), Qt::ISODate);
        const bool cpu = filter.contains(QStringLiteral("compute.googleapis.com/instance/cpu/utilization"));
        const bool net = filter.contains(QStringLiteral("compute.googleapis.com/instance/network/"));
        if ((!cpu && !net) || !start.isValid() || q.queryItemValue(QStringLiteral("aggregation.alignmentPeriod")) != u"900s"
            || q.queryItemValue(QStringLiteral("aggregation.perSeriesAligner")) != (cpu ? u"ALIGN_MEAN" : u"ALIGN_RATE"))
            return ScriptedResponse::status_(400, googleError(400, "INVALID_ARGUMENT", "Field filter or aggregation is invalid"));
        auto series = [&](const char *id, double scale) {
            QJsonArray points;
            for (int i = 3; i >= 0; --i) {
                const QString end = start.addSecs(900LL * (i + 1)).toString(Qt::ISODate);
                points.append(QJsonObject{{QStringLiteral("interval"), QJsonObject{{QStringLiteral("startTime"), end}, {QStringLiteral("endTime"), end}}},
                                          {QStringLiteral("value"), QJsonObject{{QStringLiteral("doubleValue"), scale * (i + 1)}}}});
            }
            return QJsonObject{{QStringLiteral("metric"), QJsonObject{{QStringLiteral("type"), filter.section(u'"', 1, 1)}}},
                               {QStringLiteral("resource"),
                                QJsonObject{{QStringLiteral("type"), QStringLiteral("gce_instance")},
                                            {QStringLiteral("labels"), QJsonObject{{QStringLiteral("project_id"), kProject},
                                                                                   {QStringLiteral("instance_id"), QLatin1String(id)},
                                                                                   {QStringLiteral("zone"), QStringLiteral("us-central1-a")}}}}},
                               {QStringLiteral("metricKind"), QStringLiteral("GAUGE")},
                               {QStringLiteral("valueType"), QStringLiteral("DOUBLE")},
                               {QStringLiteral("points"), points}};
        };
        const double scale = cpu ? 0.125 : 1500.0;
        QJsonObject answer;
        if (token.isEmpty()) {
            answer = QJsonObject{{QStringLiteral("timeSeries"), QJsonArray{series("1001", scale)}},
                                 {QStringLiteral("nextPageToken"), QStringLiteral("mpage2")}};
        } else if (token == u"mpage2") {
            answer = QJsonObject{{QStringLiteral("timeSeries"), QJsonArray{series("2001", scale), series("9999", scale)}}};
        } else {
            return ScriptedResponse::status_(400, googleError(400, "INVALID_ARGUMENT", "Invalid page token"));
        }
        return computeAnswer(answer, QString());
    }

    LocalHttpServer m_server;
    Pkey m_publicKey;
    Pkey m_otherKey;
    QString m_clientEmail;
    QString m_audience;
    mutable std::mutex m_mutex;
    FaultSchedule m_faults;
    int m_jobCount = 0;
    QHash<QString, Job> m_jobs;
    std::set<QByteArray> m_tokens;
    QString m_rejection;
};

} // namespace

std::unique_ptr<FakeCloud> makeFakeGcp()
{
    return std::make_unique<FakeGcpServer>();
}

} // namespace costscope::testsupport
