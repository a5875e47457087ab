#include "app/SingleInstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLoggingCategory>

#include <memory>

namespace costscope::app {

Q_LOGGING_CATEGORY(lcInstance, "costscope.app")

namespace {

// A request is one JSON object on one line; anything longer is not from us.
constexpr qint64 kMaxRequest = 1 << 20;
const QByteArray kAck = "ok\n";

QString userName()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    return user;
}

} // namespace

SingleInstance::SingleInstance(const QString &workspacePath, QObject *parent)
    : QObject(parent)
    , m_name(serverName(workspacePath))
{
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::serverName(const QString &workspacePath)
{
    const QFileInfo info(workspacePath);
    // The file may not exist yet: canonicalise its folder.
    QString canonical = info.exists() ? info.canonicalFilePath() : QString();
    if (canonical.isEmpty()) {
        const QString dir = QFileInfo(info.absolutePath()).canonicalFilePath();
        canonical = (dir.isEmpty() ? info.absolutePath() : dir) + u'/' + info.fileName();
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(userName().toUtf8());
    hash.addData(QByteArrayView("\0", 1));
    hash.addData(QDir::cleanPath(canonical).toUtf8());
    return QStringLiteral("costscope-") + QString::fromLatin1(hash.result().toHex().left(24));
}

bool SingleInstance::handOver(const QStringList &files, int timeoutMs) const
{
    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (!socket.waitForConnected(timeoutMs))
        return false;
    QJsonArray list;
    for (const QString &f : files)
        list.append(QFileInfo(f).absoluteFilePath());
    QByteArray request = QJsonDocument(QJsonObject{{QStringLiteral("files"), list}}).toJson(QJsonDocument::Compact);
    request += '\n';
    socket.write(request);
    if (!socket.waitForBytesWritten(timeoutMs))
        return false;
    QByteArray answer;
    while (!answer.contains('\n') && socket.waitForReadyRead(timeoutMs))
        answer += socket.readAll();
    return answer == kAck;
}

bool SingleInstance::listen(QString *error)
{
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_name)) {
        // A window that crashed leaves its socket file behind; nobody answered handOver(), so
        // the name is free to take over.
        QLocalServer::removeServer(m_name);
        if (!m_server->listen(m_name)) {
            if (error)
                *error = m_server->errorString();
            return false;
        }
    }
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    return true;
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QLocalSocket::readyRead, this, [this, socket, buffer] {
            *buffer += socket->readAll();
            if (buffer->size() > kMaxRequest) {
                qCWarning(lcInstance) << "a local client sent an oversized request; ignored";
                socket->abort();
                return;
            }
            const qsizetype newline = buffer->indexOf('\n');
            if (newline < 0)
                return;
            QJsonParseError parseError;
            const QJsonDocument doc = QJsonDocument::fromJson(buffer->left(newline), &parseError);
            if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
                qCWarning(lcInstance) << "a local client sent a malformed request; ignored";
                socket->abort();
                return;
            }
            QStringList files;
            for (const QJsonValue &v : doc.object().value(QStringLiteral("files")).toArray()) {
                if (v.isString() && !v.toString().isEmpty())
                    files << v.toString();
            }
            socket->write(kAck);
            socket->flush();
            socket->disconnectFromServer();
            Q_EMIT activated(files);
        });
    }
}

} // namespace costscope::app
