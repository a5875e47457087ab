#include "providers/ml/TrackingServer.h"

#include "model/ml/RunStore.h"
#include "model/ml/SweepMonitor.h"
#include "model/store/CostStore.h"
#include "providers/ml/MlflowApi.h"

#include <QFileInfo>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

Q_LOGGING_CATEGORY(lcTracking, "costscope.tracking")

namespace costscope::ml {

struct TrackingServer::Connection
{
    QByteArray buffer;
    bool headersDone = false;
    QByteArray method;
    QByteArray path;
    QByteArray query;
    QByteArray authorization;
    qint64 contentLength = 0;
    bool keepAlive = true;
    QTimer *timer = nullptr;
    bool inRequest = false; // the timer counts the request deadline, not idleness
    bool closing = false;   // answered with Connection: close; nothing more is read
    QByteArray host;
    QByteArray origin;
};

namespace {

QByteArray reason(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 431:
        return "Request Header Fields Too Large";
    case 503:
        return "Service Unavailable";
    default:
        break;
    }
    return status >= 500 ? "Internal Server Error" : "Error";
}

// Compares without stopping at the first difference, so timing says nothing about the token.
bool sameSecret(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size() || b.isEmpty())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

// Host: "127.0.0.1:5000", "localhost", "[::1]:5000" (an absent Host is allowed when
// allowEmpty, as HTTP/1.0 clients send none). Origin: the same with a scheme.
bool isLocalName(QByteArray value, bool allowEmpty)
{
    if (value.isEmpty())
        return allowEmpty;
    if (value.startsWith("http://"))
        value = value.mid(7);
    else if (value.startsWith("https://"))
        value = value.mid(8);
    if (value.startsWith("[::1]"))
        return value.size() == 5 || value[5] == ':';
    const qsizetype colon = value.indexOf(':');
    const QByteArray name = colon < 0 ? value : value.left(colon);
    return name == "127.0.0.1" || name == "localhost";
}

} // namespace

TrackingServer::TrackingServer(Options options, QObject *parent) : QObject(parent), m_options(std::move(options)) {}

TrackingServer::~TrackingServer() { stop(); }

bool TrackingServer::start(QString *error)
{
    stop();
    m_store = std::make_unique<store::CostStore>();
    QString openError;
    if (!m_store->open(m_options.workspacePath, &openError)) {
        if (error)
            *error = QStringLiteral("cannot open the workspace %1: %2").arg(m_options.workspacePath, openError);
        m_store.reset();
        return false;
    }
    QString root = m_options.artifactRoot;
    if (root.isEmpty() && m_options.workspacePath != u":memory:")
        root = QUrl::fromLocalFile(QFileInfo(m_options.workspacePath).absoluteFilePath() + u".artifacts").toString();
    m_runs = std::make_unique<RunStore>(m_store->db(), root);
    MlError mlError;
    if (!m_runs->ensureDefaultExperiment(&mlError)) {
        if (error)
            *error = mlError.message;
        stop();
        return false;
    }
    m_api = std::make_unique<MlflowApi>(*m_runs);
    m_sweeps = std::make_unique<SweepMonitor>(m_store->db(), *m_runs);
    m_api->setRunWriteObserver(m_sweeps.get());
    m_server = new QTcpServer(this);
    m_server->setMaxPendingConnections(m_options.maxConnections);
    if (!m_server->listen(QHostAddress::LocalHost, m_options.port)) {
        if (error)
            *error = QStringLiteral("cannot listen on 127.0.0.1:%1: %2").arg(m_options.port).arg(m_server->errorString());
        stop();
        return false;
    }
    connect(m_server, &QTcpServer::newConnection, this, &TrackingServer::onNewConnection);
    qCInfo(lcTracking) << "tracking endpoint listening on" << uri();
    return true;
}

void TrackingServer::stop()
{
    for (auto it = m_connections.begin(); it != m_connections.end(); ++it) {
        it.key()->disconnect(this);
        it.key()->abort();
        it.key()->deleteLater();
    }
    m_connections.clear();
    if (m_server) {
        m_server->close();
        delete m_server;
        m_server = nullptr;
    }
    m_api.reset();
    m_sweeps.reset();
    m_runs.reset();
    if (m_store)
        m_store->close();
    m_store.reset();
}

bool TrackingServer::isListening() const { return m_server && m_server->isListening(); }

quint16 TrackingServer::port() const { return m_server ? m_server->serverPort() : 0; }

QString TrackingServer::uri() const { return QStringLiteral("http://127.0.0.1:%1").arg(port()); }

void TrackingServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        if (m_connections.size() >= m_options.maxConnections) {
            respond(socket, 503, mlflowErrorBody(QStringLiteral("TEMPORARILY_UNAVAILABLE"),
                                                 QStringLiteral("too many connections")),
                    true);
            continue;
        }
        auto c = std::make_shared<Connection>();
        c->timer = new QTimer(socket);
        c->timer->setSingleShot(true);
        m_connections.insert(socket, c);
        connect(c->timer, &QTimer::timeout, this, [this, socket] { onTimeout(socket); });
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_connections.remove(socket);
            socket->deleteLater();
        });
        armTimer(socket, *c);
    }
}

void TrackingServer::armTimer(QTcpSocket *, Connection &c)
{
    // The request deadline starts with a request's first byte and is not extended by more bytes.
    const bool partial = c.headersDone || !c.buffer.isEmpty();
    if (partial && c.inRequest)
        return;
    c.inRequest = partial;
    c.timer->start(partial ? m_options.requestTimeoutMs : m_options.idleTimeoutMs);
}

void TrackingServer::onTimeout(QTcpSocket *socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    if ((*it)->inRequest) {
        qCInfo(lcTracking) << "request timed out";
        fail(socket, 408, QStringLiteral("REQUEST_TIMEOUT"), QStringLiteral("the request was not complete in time"));
    } else {
        socket->disconnectFromHost();
    }
}

void TrackingServer::onReadyRead(QTcpSocket *socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    std::shared_ptr<Connection> c = *it;
    if (c->closing) {
        socket->readAll();
        return;
    }
    c->buffer += socket->readAll();
    armTimer(socket, *c);
    // Pipelined requests are answered in order.
    while (processRequest(socket, *c) == Step::Answered && !c->buffer.isEmpty()) {
    }
}

TrackingServer::Step TrackingServer::processRequest(QTcpSocket *socket, Connection &c)
{
    if (!c.headersDone) {
        const qsizetype end = c.buffer.indexOf("\r\n\r\n");
        if (end < 0) {
            if (c.buffer.size() > m_options.maxHeaderBytes) {
                fail(socket, 431, QStringLiteral("BAD_REQUEST"), QStringLiteral("request headers are too large"));
                return Step::Closed;
            }
            return Step::NeedMore;
        }
        if (end > m_options.maxHeaderBytes) {
            fail(socket, 431, QStringLiteral("BAD_REQUEST"), QStringLiteral("request headers are too large"));
            return Step::Closed;
        }
        const QList<QByteArray> lines = c.buffer.left(end).split('\n');
        c.buffer.remove(0, end + 4);
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            fail(socket, 400, QStringLiteral("BAD_REQUEST"), QStringLiteral("malformed HTTP request line"));
            return Step::Closed;
        }
        c.method = requestLine[0];
        const QByteArray target = requestLine[1];
        const qsizetype q = target.indexOf('?');
        c.path = q < 0 ? target : target.left(q);
        c.query = q < 0 ? QByteArray() : target.mid(q + 1);
        c.keepAlive = requestLine[2] != "HTTP/1.0";
        c.contentLength = 0;
        c.authorization.clear();
        c.host.clear();
        c.origin.clear();
        bool sawLength = false;
        bool expectContinue = false;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0) {
                fail(socket, 400, QStringLiteral("BAD_REQUEST"), QStringLiteral("malformed HTTP header line"));
                return Step::Closed;
            }
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-length") {
                bool ok = false;
                const qint64 n = value.toLongLong(&ok);
                if (!ok || n < 0 || (sawLength && n != c.contentLength)) {
                    fail(socket, 400, QStringLiteral("BAD_REQUEST"), QStringLiteral("invalid Content-Length"));
                    return Step::Closed;
                }
                c.contentLength = n;
                sawLength = true;
            } else if (name == "transfer-encoding" && value.toLower() != "identity") {
                fail(socket, 411, QStringLiteral("BAD_REQUEST"),
                     QStringLiteral("chunked request bodies are not supported; send Content-Length"));
                return Step::Closed;
            } else if (name == "connection") {
                const QByteArray v = value.toLower();
                if (v.contains("close"))
                    c.keepAlive = false;
                else if (v.contains("keep-alive"))
                    c.keepAlive = true;
            } else if (name == "authorization") {
                c.authorization = value;
            } else if (name == "host") {
                c.host = value.toLower();
            } else if (name == "origin") {
                c.origin = value.toLower();
            } else if (name == "expect" && value.toLower() == "100-continue") {
                expectContinue = true;
            }
        }
        if (c.contentLength > m_options.maxBodyBytes) {
            fail(socket, 413, QStringLiteral("BAD_REQUEST"),
                 QStringLiteral("the request body of %1 bytes is larger than the limit of %2 bytes")
                     .arg(c.contentLength)
                     .arg(m_options.maxBodyBytes));
            return Step::Closed;
        }
        c.headersDone = true;
        if (expectContinue && c.buffer.size() < c.contentLength)
            socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    }
    if (c.buffer.size() < c.contentLength)
        return Step::NeedMore;
    const QByteArray body = c.buffer.left(c.contentLength);
    c.buffer.remove(0, c.contentLength);
    c.headersDone = false;
    c.inRequest = false;

    int status = 200;
    const bool close = !c.keepAlive;
    if (!isLocalName(c.host, true) || (!c.origin.isEmpty() && !isLocalName(c.origin, false))) {
        // A web page in a browser (DNS rebinding, cross-site POST) must not reach the workspace.
        status = 403;
        respond(socket, status,
                mlflowErrorBody(QStringLiteral("PERMISSION_DENIED"),
                                QStringLiteral("requests must come from this machine (Host and Origin 127.0.0.1 or "
                                               "localhost)")),
                close);
    } else if (c.path == "/health") {
        respond(socket, 200, "OK", close, "text/plain");
    } else if (!m_options.token.isEmpty() && !sameSecret(c.authorization, "Bearer " + m_options.token)) {
        status = 401;
        respond(socket, status,
                mlflowErrorBody(QStringLiteral("UNAUTHENTICATED"),
                                QStringLiteral("this endpoint needs 'Authorization: Bearer <token>' (set "
                                               "MLFLOW_TRACKING_TOKEN in the client)")),
                close);
    } else if (!MlflowApi::isApiPath(c.path)) {
        status = 404;
        respond(socket, status,
                mlflowErrorBody(QStringLiteral("ENDPOINT_NOT_FOUND"),
                                QStringLiteral("No API endpoint %1").arg(QString::fromUtf8(c.path.left(200)))),
                close);
    } else {
        const ApiResponse r = m_api->handle(c.method, c.path, c.query, body);
        status = r.status;
        respond(socket, r.status, r.body, close);
    }
    qCDebug(lcTracking) << c.method << c.path << status;
    Q_EMIT requestHandled(QString::fromLatin1(c.method), QString::fromUtf8(c.path), status);
    if (close)
        return Step::Closed;
    armTimer(socket, c);
    return Step::Answered;
}

void TrackingServer::respond(QTcpSocket *socket, int status, const QByteArray &body, bool close,
                             const QByteArray &contentType)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status) + "\r\n";
    head += "Content-Type: " + contentType + "\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    head += close ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";
    socket->write(head + body);
    if (close) {
        if (auto it = m_connections.find(socket); it != m_connections.end())
            (*it)->closing = true;
        socket->disconnectFromHost();
    }
}

void TrackingServer::fail(QTcpSocket *socket, int status, const QString &code, const QString &message)
{
    auto it = m_connections.find(socket);
    if (it != m_connections.end())
        (*it)->headersDone = false;
    respond(socket, status, mlflowErrorBody(code, message), true);
}

} // namespace costscope::ml
