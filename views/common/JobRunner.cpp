#include "views/common/JobRunner.h"

#include "views/common/Logging.h"

#include <QFutureWatcher>
#include <QMutex>
#include <QMutexLocker>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <exception>

Q_LOGGING_CATEGORY(lcViews, "costscope.views")

namespace costscope::views {

// State shared between the GUI thread and the worker; it outlives whichever lets go last.
struct JobRunner::Shared
{
    std::atomic<bool> cancelRequested{false};
    QMutex mutex;
    double fraction = -1;
    QString message;
    bool progressDirty = false;
    Outcome outcome;
};

JobRunner::JobRunner(QObject *parent) : QObject(parent)
{
    // Progress is polled rather than posted, so a worker never touches a QObject that may be gone.
    m_poll = new QTimer(this);
    m_poll->setInterval(100);
    connect(m_poll, &QTimer::timeout, this, &JobRunner::pollProgress);
}

JobRunner::~JobRunner()
{
    if (m_shared)
        m_shared->cancelRequested = true;
}

bool JobRunner::start(const QString &title, Job job, QObject *context, Done done)
{
    if (isRunning())
        return false;
    m_title = title;
    m_context = context;
    m_done = std::move(done);
    m_shared = std::make_shared<Shared>();
    auto shared = m_shared;
    m_watcher = new QFutureWatcher<void>(this);
    connect(m_watcher, &QFutureWatcher<void>::finished, this, &JobRunner::deliver);
    m_watcher->setFuture(QtConcurrent::run([shared, job = std::move(job)]() {
        const ProgressFn progress = [shared](double fraction, const QString &message) {
            QMutexLocker lock(&shared->mutex);
            shared->fraction = fraction;
            shared->message = message;
            shared->progressDirty = true;
        };
        const CancelFn cancelled = [shared]() { return shared->cancelRequested.load(); };
        Outcome out;
        try {
            out.ok = job(progress, cancelled, &out.error);
        } catch (const std::exception &e) {
            out.ok = false;
            out.error = QString::fromLocal8Bit(e.what());
        }
        out.cancelled = !out.ok && shared->cancelRequested.load();
        QMutexLocker lock(&shared->mutex);
        shared->outcome = out;
    }));
    m_poll->start();
    qCInfo(lcViews) << "job started:" << title;
    Q_EMIT started(title);
    return true;
}

void JobRunner::cancel()
{
    if (m_shared) {
        qCInfo(lcViews) << "job cancel requested:" << m_title;
        m_shared->cancelRequested = true;
    }
}

void JobRunner::pollProgress()
{
    if (!m_shared)
        return;
    double fraction = -1;
    QString message;
    {
        QMutexLocker lock(&m_shared->mutex);
        if (!m_shared->progressDirty)
            return;
        m_shared->progressDirty = false;
        fraction = m_shared->fraction;
        message = m_shared->message;
    }
    Q_EMIT progressChanged(fraction, message);
}

void JobRunner::deliver()
{
    m_poll->stop();
    Outcome out;
    {
        QMutexLocker lock(&m_shared->mutex);
        out = m_shared->outcome;
    }
    m_watcher->deleteLater();
    m_watcher = nullptr;
    m_shared.reset();
    Done done = std::move(m_done);
    m_done = nullptr;
    const QPointer<QObject> context = m_context;
    m_context = nullptr;
    if (out.ok)
        qCInfo(lcViews) << "job finished:" << m_title;
    else
        qCWarning(lcViews) << "job" << m_title << (out.cancelled ? "cancelled" : "failed:") << out.error;
    Q_EMIT finished(out.ok, out.cancelled);
    if (context && done)
        done(out);
}

} // namespace costscope::views
