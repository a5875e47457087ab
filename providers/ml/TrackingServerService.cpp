#include "providers/ml/TrackingServerService.h"

#include "providers/ml/TrackingServer.h"

#include <QMetaObject>
#include <QThread>

namespace costscope::ml {

TrackingServerService::TrackingServerService() = default;

TrackingServerService::~TrackingServerService() { stop(); }

bool TrackingServerService::start(const QString &workspacePath, const TrackingEndpointOptions &options, QString *error)
{
    stop();
    TrackingServer::Options o;
    o.workspacePath = workspacePath;
    o.port = options.port;
    o.token = options.token.toUtf8();
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("tracking-endpoint"));
    m_server = new TrackingServer(o);
    m_server->moveToThread(m_thread);
    QObject::connect(m_thread, &QThread::finished, m_server, &QObject::deleteLater);
    m_thread->start();
    bool ok = false;
    QString message;
    QString uri;
    TrackingServer *server = m_server;
    QMetaObject::invokeMethod(
        m_server,
        [server, &ok, &message, &uri] {
            ok = server->start(&message);
            if (ok)
                uri = server->uri();
        },
        Qt::BlockingQueuedConnection);
    if (!ok) {
        if (error)
            *error = message;
        stop();
        return false;
    }
    m_uri = uri;
    return true;
}

void TrackingServerService::stop()
{
    if (!m_thread)
        return;
    TrackingServer *server = m_server;
    // The server closes its sockets and the workspace on its own thread, then goes with it.
    QMetaObject::invokeMethod(m_server, [server] { server->stop(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_server = nullptr;
    m_uri.clear();
}

bool TrackingServerService::isRunning() const { return m_thread != nullptr; }

QString TrackingServerService::uri() const { return m_uri; }

} // namespace costscope::ml
