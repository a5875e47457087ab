#pragma once

#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"

#include <QFutureWatcher>
#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>

namespace costscope::views {

// Answers read-only store questions off the GUI thread. Each question runs on the global
// thread pool over its own read-only connection to the workspace file (the GUI thread's
// connection never leaves it). The answer is handed to `done` on the GUI thread, bound to
// `context`. In-memory workspaces cannot be shared, so they are answered on the GUI thread
// (still delivered asynchronously, so callers see one behaviour).
//
// R must be default-constructible and have a `QString error` member, set when the
// workspace cannot be opened.
class QueryRunner
{
public:
    explicit QueryRunner(store::CostStore &store) : m_store(store) {}

    template <typename R>
    void run(QObject *context, std::function<R(store::CostQuery &)> query, std::function<void(const R &)> done) const
    {
        const QString path = m_store.path();
        if (path.isEmpty() || path == u":memory:") {
            store::CostQuery q(m_store);
            R result = query(q);
            QMetaObject::invokeMethod(context, [done, result]() { done(result); }, Qt::QueuedConnection);
            return;
        }
        auto *watcher = new QFutureWatcher<R>(context);
        QObject::connect(watcher, &QFutureWatcher<R>::finished, context, [watcher, done]() {
            const R result = watcher->result();
            watcher->deleteLater();
            done(result);
        });
        watcher->setFuture(QtConcurrent::run([path, query]() -> R {
            store::CostStore local;
            QString error;
            if (!local.openReadOnly(path, &error)) {
                R failed;
                failed.error = error;
                return failed;
            }
            store::CostQuery q(local);
            return query(q);
        }));
    }

private:
    store::CostStore &m_store;
};

} // namespace costscope::views
