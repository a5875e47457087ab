#pragma once

// One window per workspace. A second start on the same workspace hands the files it was given
// (a file manager's "Open with", the desktop entry's %F) to the running window, which comes to the
// front and imports them, and then exits. Local sockets only: a named pipe on Windows, a socket
// file in the user's runtime directory elsewhere; the name is derived from the user and the
// workspace's canonical path, never from anything secret.

#include <QObject>
#include <QStringList>

class QLocalServer;

namespace costscope::app {

class SingleInstance : public QObject
{
    Q_OBJECT
public:
    explicit SingleInstance(const QString &workspacePath, QObject *parent = nullptr);
    ~SingleInstance() override;

    // The socket name for a workspace (stable across starts, distinct per user and workspace).
    static QString serverName(const QString &workspacePath);

    // Hands `files` to a window already running on this workspace. True when one took them (this
    // process should then exit); false when none answered within timeoutMs.
    bool handOver(const QStringList &files, int timeoutMs = 3000) const;
    // Starts answering later starts. False with *error when the name is held by a live server or
    // the socket cannot be created (a stale socket file of a crashed window is removed first).
    bool listen(QString *error);

Q_SIGNALS:
    // A later start asked to come to the front and import these files (possibly none).
    void activated(const QStringList &files);

private:
    void onNewConnection();

    QString m_name;
    QLocalServer *m_server = nullptr;
};

} // namespace costscope::app
