#include "support/SecretSearch.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLoggingCategory>
#include <QMutex>

namespace costscope::testsupport {

namespace {

QMutex g_logMutex;
QStringList g_log;
QtMessageHandler g_previousHandler = nullptr;

void captureLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log.append(message);
    }
    if (g_previousHandler && type != QtDebugMsg)
        g_previousHandler(type, context, message);
}

} // namespace

QStringList filesUnder(const QString &root)
{
    QStringList out;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << it.next();
    return out;
}

QStringList filesUnderHomeAndXdg()
{
    QStringList out;
    for (const char *var : {"HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"}) {
        const QString root = qEnvironmentVariable(var);
        if (!root.isEmpty())
            out += filesUnder(root);
    }
    return out;
}

SecretSearch searchFiles(const QStringList &files, const QList<QPair<QString, QString>> &namedValues)
{
    SecretSearch result;
    for (const QString &path : files) {
        if (path.contains(QStringLiteral("/keyrings/")))
            continue;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray content = file.readAll();
        result.read << path;
        for (const auto &[name, value] : namedValues) {
            if (content.contains(value.toUtf8()))
                result.found << name + QStringLiteral(" found in ") + path;
        }
    }
    return result;
}

void startLogCapture()
{
    QLoggingCategory::setFilterRules(QStringLiteral("costscope.*.debug=true\ncostscope.*.info=true"));
    g_previousHandler = qInstallMessageHandler(captureLog);
}

void stopLogCapture()
{
    qInstallMessageHandler(g_previousHandler);
}

QStringList capturedLog()
{
    QMutexLocker lock(&g_logMutex);
    return g_log;
}

void clearCapturedLog()
{
    QMutexLocker lock(&g_logMutex);
    g_log.clear();
}

} // namespace costscope::testsupport
