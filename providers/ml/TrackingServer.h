#pragma once

// The MLflow-compatible tracking endpoint: a small HTTP/1.1 server on 127.0.0.1 only, serving
// MlflowApi over the workspace's RunStore. Keep-alive, Expect: 100-continue, Content-Length bodies
// (chunked bodies are refused with 411), a size limit on headers and bodies, a deadline per request
// and an idle timeout per connection, so a slow or stalled client never holds up the others.
// An optional token is required as "Authorization: Bearer <token>". Lives on one thread.

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>

#include <memory>

class QTcpServer;
class QTcpSocket;

namespace costscope::store {
class CostStore;
}

namespace costscope::ml {

class MlflowApi;
class RunStore;
class SweepMonitor;

class TrackingServer : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString workspacePath;
        QString artifactRoot;      // file:// URI for new experiments; default: next to the workspace
        quint16 port = 5000;       // 0 picks a free port
        QByteArray token;          // empty: no token required
        qint64 maxBodyBytes = 16 * 1024 * 1024;
        int maxHeaderBytes = 32 * 1024;
        int requestTimeoutMs = 30000; // from a request's first byte to its last
        int idleTimeoutMs = 120000;   // a kept-alive connection with nothing to say
        int maxConnections = 64;
    };

    explicit TrackingServer(Options options, QObject *parent = nullptr);
    ~TrackingServer() override;

    // Opens the workspace and listens; false and a one-line error when it cannot.
    bool start(QString *error);
    void stop();
    bool isListening() const;
    quint16 port() const;
    QString uri() const; // http://127.0.0.1:PORT

Q_SIGNALS:
    // After each answered request (for the log and the window's live view).
    void requestHandled(const QString &method, const QString &path, int status);

private:
    struct Connection;
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void onTimeout(QTcpSocket *socket);
    enum class Step { NeedMore, Answered, Closed };
    Step processRequest(QTcpSocket *socket, Connection &c);
    void respond(QTcpSocket *socket, int status, const QByteArray &body, bool close,
                 const QByteArray &contentType = "application/json");
    void fail(QTcpSocket *socket, int status, const QString &code, const QString &message);
    void armTimer(QTcpSocket *socket, Connection &c);

    Options m_options;
    std::unique_ptr<store::CostStore> m_store;
    std::unique_ptr<RunStore> m_runs;
    std::unique_ptr<MlflowApi> m_api;
    std::unique_ptr<SweepMonitor> m_sweeps; // budgeted sweeps, told of every run write
    QTcpServer *m_server = nullptr;
    QHash<QTcpSocket *, std::shared_ptr<Connection>> m_connections;
};

} // namespace costscope::ml
