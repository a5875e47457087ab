#pragma once

#include "model/Services.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>

class QTimer;
template <typename T> class QFutureWatcher;

namespace costscope::views {

// Runs one long job at a time on the global thread pool and reports its progress.
// The job receives a progress callback (fraction in [0, 1], negative when unknown, and a
// message) and a cancel flag to poll. The outcome is delivered on the GUI thread to a
// callback bound to a context object: when the context is gone, the callback is dropped.
class JobRunner : public QObject
{
    Q_OBJECT
public:
    // Returns true on success; on failure sets *error to one line for the user.
    using Job = std::function<bool(const ProgressFn &progress, const CancelFn &cancelled, QString *error)>;
    struct Outcome
    {
        bool ok = false;
        bool cancelled = false;
        QString error;
    };
    using Done = std::function<void(const Outcome &outcome)>;

    explicit JobRunner(QObject *parent = nullptr);
    ~JobRunner() override;

    // Starts the job unless one is running (then returns false).
    bool start(const QString &title, Job job, QObject *context, Done done);
    bool isRunning() const { return m_watcher != nullptr; }
    QString title() const { return m_title; }

public Q_SLOTS:
    // Asks the running job to stop; it finishes at its next poll with Outcome::cancelled.
    void cancel();

Q_SIGNALS:
    void started(const QString &title);
    // fraction < 0: unknown.
    void progressChanged(double fraction, const QString &message);
    void finished(bool ok, bool cancelled);

private:
    struct Shared;
    void pollProgress();
    void deliver();

    QFutureWatcher<void> *m_watcher = nullptr;
    QTimer *m_poll = nullptr;
    std::shared_ptr<Shared> m_shared;
    QString m_title;
    QPointer<QObject> m_context;
    Done m_done;
};

} // namespace costscope::views
