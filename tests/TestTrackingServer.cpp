// The MLflow-compatible tracking endpoint through a real socket: recorded MLflow client sessions
// (tests/data/mlflow/*.json), then the HTTP edges: token, malformed JSON, size limits, a stalled
// client beside a working one, keep-alive and pipelining, chunked bodies, a port in use.

#include "model/ml/RunStore.h"
#include "model/store/CostStore.h"
#include "providers/ml/TrackingServer.h"
#include "providers/ml/TrackingServerService.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace costscope;
using namespace costscope::ml;

namespace {

struct HttpResult
{
    int status = 0;
    QByteArray headers;
    QByteArray body;
    bool closed = false; // the server said Connection: close
};

// Reads one response from a socket (blocking, with a generous limit for a slow machine).
bool readResponse(QTcpSocket &s, HttpResult *out, QByteArray *buffer)
{
    qsizetype end = -1;
    while ((end = buffer->indexOf("\r\n\r\n")) < 0) {
        if (!s.waitForReadyRead(20000))
            return false;
        *buffer += s.readAll();
    }
    out->headers = buffer->left(end);
    buffer->remove(0, end + 4);
    const QList<QByteArray> lines = out->headers.split('\n');
    out->status = lines.value(0).split(' ').value(1).toInt();
    qint64 length = 0;
    for (const QByteArray &line : lines) {
        const QByteArray l = line.trimmed().toLower();
        if (l.startsWith("content-length:"))
            length = l.mid(15).trimmed().toLongLong();
        if (l == "connection: close")
            out->closed = true;
    }
    while (buffer->size() < length) {
        if (!s.waitForReadyRead(20000))
            return false;
        *buffer += s.readAll();
    }
    out->body = buffer->left(length);
    buffer->remove(0, length);
    return true;
}

QByteArray requestBytes(const QByteArray &method, const QByteArray &target, const QByteArray &body,
                        const QByteArray &extraHeaders = {})
{
    QByteArray r = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders;
    if (!body.isNull())
        r += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    return r + "\r\n" + body;
}

HttpResult oneRequest(quint16 port, const QByteArray &method, const QByteArray &target, const QByteArray &body,
                      const QByteArray &extraHeaders = {})
{
    QTcpSocket s;
    s.connectToHost(QStringLiteral("127.0.0.1"), port);
    HttpResult r;
    if (!s.waitForConnected(20000))
        return r;
    s.write(requestBytes(method, target, body, extraHeaders + "Connection: close\r\n"));
    s.flush();
    QByteArray buffer;
    readResponse(s, &r, &buffer);
    return r;
}

QJsonValue pathValue(const QJsonValue &root, const QString &path)
{
    QJsonValue v = root;
    for (const QString &part : path.split(u'.'))
        v = v.toObject().value(part);
    return v;
}

QString substitute(QString text, const QHash<QString, QString> &vars)
{
    for (auto it = vars.begin(); it != vars.end(); ++it)
        text.replace(u"{{" + it.key() + u"}}", it.value());
    return text;
}

QJsonValue substitute(const QJsonValue &v, const QHash<QString, QString> &vars)
{
    if (v.isString())
        return substitute(v.toString(), vars);
    if (v.isArray()) {
        QJsonArray out;
        for (const QJsonValue &item : v.toArray())
            out.append(substitute(item, vars));
        return out;
    }
    if (v.isObject()) {
        QJsonObject out;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            out.insert(it.key(), substitute(it.value(), vars));
        return out;
    }
    return v;
}

// Subset match as the fixture README describes; returns an empty string or what differs.
QString mismatch(const QJsonValue &expected, const QJsonValue &actual, const QString &where)
{
    if (expected.isString() && expected.toString() == u"<any>")
        return actual.isUndefined() ? where + u": missing" : QString();
    if (expected.isObject()) {
        if (!actual.isObject())
            return where + u": expected an object";
        const QJsonObject e = expected.toObject();
        const QJsonObject a = actual.toObject();
        for (auto it = e.begin(); it != e.end(); ++it) {
            if (it.value().isString() && it.value().toString() == u"<absent>") {
                if (a.contains(it.key()))
                    return where + u'.' + it.key() + u": should be absent";
                continue;
            }
            const QString m = mismatch(it.value(), a.value(it.key()), where + u'.' + it.key());
            if (!m.isEmpty())
                return m;
        }
        return {};
    }
    if (expected.isArray()) {
        const QJsonArray e = expected.toArray();
        const QJsonArray a = actual.toArray();
        if (!actual.isArray() || a.size() != e.size())
            return where + QStringLiteral(": expected %1 elements, got %2").arg(e.size()).arg(a.size());
        for (qsizetype i = 0; i < e.size(); ++i) {
            const QString m = mismatch(e[i], a[i], where + QStringLiteral("[%1]").arg(i));
            if (!m.isEmpty())
                return m;
        }
        return {};
    }
    if (expected.isDouble() && actual.isDouble())
        return qFuzzyCompare(expected.toDouble(), actual.toDouble()) ? QString()
                                                                    : where + QStringLiteral(": %1 != %2")
                                                                                  .arg(actual.toDouble())
                                                                                  .arg(expected.toDouble());
    return expected == actual ? QString()
                              : where + u": got " + QString::fromUtf8(QJsonDocument(QJsonArray{actual}).toJson(QJsonDocument::Compact))
                                    + u", expected "
                                    + QString::fromUtf8(QJsonDocument(QJsonArray{expected}).toJson(QJsonDocument::Compact));
}

// A TrackingServer on a thread of its own with test options (small limits, short timeouts).
class ServerThread
{
public:
    explicit ServerThread(TrackingServer::Options o)
    {
        m_thread.start();
        m_server = new TrackingServer(std::move(o));
        m_server->moveToThread(&m_thread);
        TrackingServer *server = m_server;
        QMetaObject::invokeMethod(m_server, [&, server] { m_ok = server->start(&m_error); m_port = server->port(); },
                                  Qt::BlockingQueuedConnection);
    }
    ~ServerThread()
    {
        TrackingServer *server = m_server;
        QMetaObject::invokeMethod(m_server, [server] { delete server; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    quint16 port() const { return m_port; }

private:
    QThread m_thread;
    TrackingServer *m_server = nullptr;
    bool m_ok = false;
    QString m_error;
    quint16 m_port = 0;
};

} // namespace

class TestTrackingServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recordedClientSessions_data();
    void recordedClientSessions();
    void runsLandInTheWorkspace();
    void tokenIsRequired();
    void browserRequestsAreRefused_data();
    void browserRequestsAreRefused();
    void malformedRequests_data();
    void malformedRequests();
    void oversizedBodyAndHeaders();
    void stalledClientDoesNotBlockOthers();
    void keepAlivePipeliningAndContinue();
    void logBatchLimitOverHttp();
    void portInUse();

private:
    TrackingServer::Options options(const QString &workspace) const
    {
        TrackingServer::Options o;
        o.workspacePath = workspace;
        o.port = 0;
        o.artifactRoot = QStringLiteral("file:///tmp/costscope-test-artifacts");
        return o;
    }
    QTemporaryDir m_dir;
};

void TestTrackingServer::recordedClientSessions_data()
{
    QTest::addColumn<QString>("file");
    const QDir dir(QStringLiteral(COSTSCOPE_TEST_DATA "/mlflow"));
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 3);
    for (const QString &f : files)
        QTest::newRow(qPrintable(f)) << dir.filePath(f);
}

void TestTrackingServer::recordedClientSessions()
{
    QFETCH(QString, file);
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QJsonParseError pe;
    const QJsonObject fixture = QJsonDocument::fromJson(f.readAll(), &pe).object();
    QVERIFY2(pe.error == QJsonParseError::NoError, qPrintable(pe.errorString()));

    // Through the service the window uses: its own thread, a workspace file.
    TrackingServerService service;
    QString error;
    const QString workspace = m_dir.filePath(QFileInfo(file).baseName() + u".costscope");
    QVERIFY2(service.start(workspace, TrackingEndpointOptions{0, {}}, &error), qPrintable(error));
    QVERIFY(service.isRunning());
    const QString uri = service.uri();
    QVERIFY(uri.startsWith(u"http://127.0.0.1:"));
    const auto port = static_cast<quint16>(uri.section(u':', -1).toUInt());

    // One kept-alive connection, as the client's requests.Session.
    QTcpSocket s;
    s.connectToHost(QStringLiteral("127.0.0.1"), port);
    QVERIFY(s.waitForConnected(20000));
    QByteArray buffer;
    QHash<QString, QString> vars;
    int stepNo = 0;
    for (const QJsonValue &stepValue : fixture.value(QStringLiteral("steps")).toArray()) {
        ++stepNo;
        const QJsonObject step = stepValue.toObject();
        const QByteArray method = step.value(QStringLiteral("method")).toString().toLatin1();
        const QByteArray target = substitute(step.value(QStringLiteral("path")).toString(), vars).toUtf8();
        const QJsonValue bodyValue = substitute(step.value(QStringLiteral("body")), vars);
        const QByteArray body = bodyValue.isObject() ? QJsonDocument(bodyValue.toObject()).toJson(QJsonDocument::Compact)
                                                     : QByteArray();
        if (s.state() != QAbstractSocket::ConnectedState) {
            s.connectToHost(QStringLiteral("127.0.0.1"), port);
            QVERIFY(s.waitForConnected(20000));
            buffer.clear();
        }
        s.write(requestBytes(method, target, body));
        HttpResult r;
        QVERIFY2(readResponse(s, &r, &buffer), qPrintable(QStringLiteral("step %1: no response").arg(stepNo)));
        const QString context = QStringLiteral("step %1 %2 %3: %4")
                                    .arg(stepNo)
                                    .arg(QString::fromLatin1(method), QString::fromUtf8(target), QString::fromUtf8(r.body));
        QVERIFY2(r.status == step.value(QStringLiteral("status")).toInt(), qPrintable(context));
        QVERIFY2(r.status < 500, qPrintable(context));
        QVERIFY2(r.headers.toLower().contains("content-type: application/json"), qPrintable(context));
        const QJsonDocument doc = QJsonDocument::fromJson(r.body);
        QVERIFY2(doc.isObject(), qPrintable(context));
        const QString diff = mismatch(substitute(step.value(QStringLiteral("response")), vars), doc.object(),
                                      QStringLiteral("response"));
        QVERIFY2(diff.isEmpty(), qPrintable(context + u" -- " + diff));
        const QJsonObject captures = step.value(QStringLiteral("capture")).toObject();
        for (auto it = captures.begin(); it != captures.end(); ++it) {
            const QJsonValue v = pathValue(doc.object(), it.value().toString());
            QVERIFY2(v.isString() && !v.toString().isEmpty(), qPrintable(context));
            vars.insert(it.key(), v.toString());
        }
        if (r.closed)
            s.disconnectFromHost();
    }
    service.stop();
    QVERIFY(!service.isRunning());
    QVERIFY(service.uri().isEmpty());
}

void TestTrackingServer::runsLandInTheWorkspace()
{
    const QString workspace = m_dir.filePath(QStringLiteral("land.costscope"));
    {
        ServerThread server(options(workspace));
        QVERIFY2(server.ok(), qPrintable(server.error()));
        HttpResult r = oneRequest(server.port(), "POST", "/api/2.0/mlflow/runs/create",
                                  R"({"experiment_id":"0","run_name":"kept","start_time":5})");
        QCOMPARE(r.status, 200);
        const QString id = QJsonDocument::fromJson(r.body).object()[u"run"][u"info"][u"run_id"].toString();
        r = oneRequest(server.port(), "POST", "/api/2.0/mlflow/runs/log-batch",
                       QStringLiteral(R"({"run_id":"%1","metrics":[{"key":"acc","value":0.5,"timestamp":6,"step":2}],
                                          "params":[{"key":"lr","value":"0.1"}],
                                          "tags":[{"key":"costscope.instance_id","value":"i-0abc"}]})")
                           .arg(id)
                           .toUtf8());
        QCOMPARE(r.status, 200);
    }
    // The server closed the workspace; another connection sees the run.
    store::CostStore store;
    QVERIFY(store.open(workspace));
    QCOMPARE(store.db().queryText("SELECT name FROM ml_run"), QStringLiteral("kept"));
    QCOMPARE(store.db().queryText("SELECT instance_id FROM ml_run"), QStringLiteral("i-0abc"));
    QCOMPARE(store.db().queryInt("SELECT step FROM ml_metric WHERE key = 'acc'"), 2);
    QCOMPARE(store.db().queryText("SELECT value FROM ml_param WHERE key = 'lr'"), QStringLiteral("0.1"));
}

void TestTrackingServer::tokenIsRequired()
{
    auto o = options(m_dir.filePath(QStringLiteral("token.costscope")));
    o.token = "s3cret-token";
    ServerThread server(o);
    QVERIFY2(server.ok(), qPrintable(server.error()));
    const QByteArray path = "/api/2.0/mlflow/experiments/get?experiment_id=0";
    HttpResult r = oneRequest(server.port(), "GET", path, {});
    QCOMPARE(r.status, 401);
    QCOMPARE(QJsonDocument::fromJson(r.body).object()[u"error_code"].toString(), QStringLiteral("UNAUTHENTICATED"));
    QVERIFY(!r.body.contains("s3cret"));
    QCOMPARE(oneRequest(server.port(), "GET", path, {}, "Authorization: Bearer s3cret-tokeX\r\n").status, 401);
    QCOMPARE(oneRequest(server.port(), "GET", path, {}, "Authorization: Bearer s3cret-token-longer\r\n").status, 401);
    QCOMPARE(oneRequest(server.port(), "GET", path, {}, "Authorization: Basic czNjcmV0LXRva2Vu\r\n").status, 401);
    QCOMPARE(oneRequest(server.port(), "GET", path, {}, "Authorization: Bearer s3cret-token\r\n").status, 200);
    QCOMPARE(oneRequest(server.port(), "GET", "/health", {}).status, 200);
}

void TestTrackingServer::browserRequestsAreRefused_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<int>("status");
    // requestBytes() always sends "Host: 127.0.0.1"; these add a second Host (the last one counts) or an Origin.
    QTest::newRow("local") << QByteArray() << 200;
    QTest::newRow("localhost with port") << QByteArray("Host: localhost:5000\r\n") << 200;
    QTest::newRow("IPv6 loopback") << QByteArray("Host: [::1]:5000\r\n") << 200;
    QTest::newRow("local origin") << QByteArray("Origin: http://127.0.0.1:5000\r\n") << 200;
    QTest::newRow("rebound host name") << QByteArray("Host: attacker.example:5000\r\n") << 403;
    QTest::newRow("look-alike host") << QByteArray("Host: 127.0.0.1.attacker.example\r\n") << 403;
    QTest::newRow("foreign origin") << QByteArray("Origin: https://attacker.example\r\n") << 403;
    QTest::newRow("null origin") << QByteArray("Origin: null\r\n") << 403;
}

void TestTrackingServer::browserRequestsAreRefused()
{
    QFETCH(QByteArray, headers);
    QFETCH(int, status);
    ServerThread server(options(
        m_dir.filePath(u"browser-" + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-') + u".costscope")));
    QVERIFY(server.ok());
    const HttpResult r = oneRequest(server.port(), "POST", "/api/2.0/mlflow/experiments/create",
                                    R"({"name":"from-a-page"})", headers);
    QCOMPARE(r.status, status);
    if (status == 403) {
        QCOMPARE(QJsonDocument::fromJson(r.body).object()[u"error_code"].toString(), QStringLiteral("PERMISSION_DENIED"));
        QCOMPARE(oneRequest(server.port(), "GET", "/api/2.0/mlflow/experiments/get-by-name?experiment_name=from-a-page", {})
                     .status,
                 404);
    }
}

void TestTrackingServer::malformedRequests_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("code");
    const QByteArray create = "POST /api/2.0/mlflow/experiments/create HTTP/1.1\r\nConnection: close\r\n";
    QTest::newRow("malformed JSON") << QByteArray(create + "Content-Length: 9\r\n\r\n{\"name\":}") << 400
                                    << QByteArray("MALFORMED_REQUEST");
    QTest::newRow("JSON array body") << QByteArray(create + "Content-Length: 2\r\n\r\n[]") << 400
                                     << QByteArray("MALFORMED_REQUEST");
    QTest::newRow("binary body") << QByteArray(create + "Content-Length: 4\r\n\r\n" + QByteArray("\xff\xfe\x00\x01", 4))
                                 << 400 << QByteArray("MALFORMED_REQUEST");
    QTest::newRow("bad request line") << QByteArray("HELLO\r\n\r\n") << 400 << QByteArray("BAD_REQUEST");
    QTest::newRow("bad content length") << QByteArray(create + "Content-Length: -5\r\n\r\n") << 400
                                        << QByteArray("BAD_REQUEST");
    QTest::newRow("header without colon") << QByteArray(create + "Nonsense\r\n\r\n") << 400 << QByteArray("BAD_REQUEST");
    QTest::newRow("chunked body") << QByteArray(create + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
                                  << 411 << QByteArray("BAD_REQUEST");
}

void TestTrackingServer::malformedRequests()
{
    QFETCH(QByteArray, raw);
    QFETCH(int, status);
    QFETCH(QByteArray, code);
    ServerThread server(options(m_dir.filePath(QStringLiteral("malformed.costscope"))));
    QVERIFY(server.ok());
    QTcpSocket s;
    s.connectToHost(QStringLiteral("127.0.0.1"), server.port());
    QVERIFY(s.waitForConnected(20000));
    s.write(raw);
    HttpResult r;
    QByteArray buffer;
    QVERIFY(readResponse(s, &r, &buffer));
    QCOMPARE(r.status, status);
    QCOMPARE(QJsonDocument::fromJson(r.body).object()[u"error_code"].toString().toLatin1(), code);
    // The server is still fine.
    QCOMPARE(oneRequest(server.port(), "GET", "/api/2.0/mlflow/experiments/get?experiment_id=0", {}).status, 200);
}

void TestTrackingServer::oversizedBodyAndHeaders()
{
    auto o = options(m_dir.filePath(QStringLiteral("limits.costscope")));
    o.maxBodyBytes = 1000;
    o.maxHeaderBytes = 2000;
    ServerThread server(o);
    QVERIFY(server.ok());
    HttpResult r = oneRequest(server.port(), "POST", "/api/2.0/mlflow/experiments/create",
                              "{\"name\":\"" + QByteArray(2000, 'x') + "\"}");
    QCOMPARE(r.status, 413);
    QVERIFY(r.closed);
    r = oneRequest(server.port(), "GET", "/api/2.0/mlflow/experiments/get?experiment_id=0", {},
                   "X-Filler: " + QByteArray(3000, 'y') + "\r\n");
    QCOMPARE(r.status, 431);
    QCOMPARE(oneRequest(server.port(), "GET", "/api/2.0/mlflow/experiments/get?experiment_id=0", {}).status, 200);
}

void TestTrackingServer::stalledClientDoesNotBlockOthers()
{
    auto o = options(m_dir.filePath(QStringLiteral("stall.costscope")));
    o.requestTimeoutMs = 300;
    ServerThread server(o);
    QVERIFY(server.ok());
    // A client that sends half a request and stops.
    QTcpSocket stalled;
    stalled.connectToHost(QStringLiteral("127.0.0.1"), server.port());
    QVERIFY(stalled.waitForConnected(20000));
    stalled.write("POST /api/2.0/mlflow/experiments/create HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"na");
    QVERIFY(stalled.waitForBytesWritten(20000));
    // Another client is answered meanwhile.
    const HttpResult other = oneRequest(server.port(), "GET", "/api/2.0/mlflow/experiments/get?experiment_id=0", {});
    QCOMPARE(other.status, 200);
    // The stalled one gets 408 once its request deadline passes, and is closed.
    HttpResult r;
    QByteArray buffer;
    QVERIFY(readResponse(stalled, &r, &buffer));
    QCOMPARE(r.status, 408);
    QVERIFY(r.closed);
}

void TestTrackingServer::keepAlivePipeliningAndContinue()
{
    ServerThread server(options(m_dir.filePath(QStringLiteral("pipe.costscope"))));
    QVERIFY(server.ok());
    QTcpSocket s;
    s.connectToHost(QStringLiteral("127.0.0.1"), server.port());
    QVERIFY(s.waitForConnected(20000));
    // Two requests in one write are answered in order on the same connection.
    s.write(requestBytes("POST", "/api/2.0/mlflow/experiments/create", R"({"name":"p1"})")
            + requestBytes("GET", "/api/2.0/mlflow/experiments/get-by-name?experiment_name=p1", QByteArray()));
    QByteArray buffer;
    HttpResult a, b;
    QVERIFY(readResponse(s, &a, &buffer));
    QVERIFY(readResponse(s, &b, &buffer));
    QCOMPARE(a.status, 200);
    QCOMPARE(b.status, 200);
    QVERIFY(!a.closed);
    QCOMPARE(QJsonDocument::fromJson(b.body).object()[u"experiment"][u"name"].toString(), QStringLiteral("p1"));
    // Expect: 100-continue gets an interim answer before the body is sent.
    const QByteArray body = R"({"name":"p2"})";
    s.write("POST /api/2.0/mlflow/experiments/create HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n");
    HttpResult interim;
    QVERIFY(readResponse(s, &interim, &buffer));
    QCOMPARE(interim.status, 100);
    s.write(body);
    HttpResult c;
    QVERIFY(readResponse(s, &c, &buffer));
    QCOMPARE(c.status, 200);
    // HTTP/1.0 without keep-alive is closed after the answer.
    s.write("GET /api/2.0/mlflow/experiments/get?experiment_id=0 HTTP/1.0\r\n\r\n");
    HttpResult d;
    QVERIFY(readResponse(s, &d, &buffer));
    QCOMPARE(d.status, 200);
    QVERIFY(d.closed);
}

void TestTrackingServer::logBatchLimitOverHttp()
{
    ServerThread server(options(m_dir.filePath(QStringLiteral("batch.costscope"))));
    QVERIFY(server.ok());
    HttpResult r = oneRequest(server.port(), "POST", "/api/2.0/mlflow/runs/create", R"({"experiment_id":"0"})");
    const QString id = QJsonDocument::fromJson(r.body).object()[u"run"][u"info"][u"run_id"].toString();
    QJsonArray metrics;
    for (int i = 0; i < 1001; ++i)
        metrics.append(QJsonObject{{QStringLiteral("key"), QStringLiteral("m")}, {QStringLiteral("value"), i},
                                   {QStringLiteral("timestamp"), 1}, {QStringLiteral("step"), i}});
    QJsonObject body{{QStringLiteral("run_id"), id}, {QStringLiteral("metrics"), metrics}};
    r = oneRequest(server.port(), "POST", "/api/2.0/mlflow/runs/log-batch", QJsonDocument(body).toJson());
    QCOMPARE(r.status, 400);
    QVERIFY2(r.body.contains("at most 1000 metrics"), r.body.constData());
    metrics.removeLast();
    body[QStringLiteral("metrics")] = metrics;
    r = oneRequest(server.port(), "POST", "/api/2.0/mlflow/runs/log-batch", QJsonDocument(body).toJson());
    QCOMPARE(r.status, 200);
    r = oneRequest(server.port(), "GET",
                   "/api/2.0/mlflow/metrics/get-history?run_id=" + id.toLatin1() + "&metric_key=m&max_results=10", {});
    QCOMPARE(r.status, 200);
    const QJsonObject page = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(page[u"metrics"].toArray().size(), 10);
    QVERIFY(!page[u"next_page_token"].toString().isEmpty());
}

void TestTrackingServer::portInUse()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    TrackingServerService service;
    QString error;
    QVERIFY(!service.start(m_dir.filePath(QStringLiteral("busy.costscope")), TrackingEndpointOptions{taken.serverPort(), {}},
                           &error));
    QVERIFY2(error.contains(QString::number(taken.serverPort())), qPrintable(error));
    QVERIFY(!service.isRunning());
    // A workspace that cannot be opened is said so.
    QVERIFY(!service.start(m_dir.filePath(QStringLiteral("no/such/dir/x.costscope")), TrackingEndpointOptions{0, {}}, &error));
    QVERIFY2(error.contains(u"cannot open the workspace"), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestTrackingServer)
#include "TestTrackingServer.moc"
