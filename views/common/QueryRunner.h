#pragma once

#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"

#include <QFutureWatcher>
#include <QMetaObject>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <functional>
#include <memory>

namespace costscope::views {

// Answers read-only store questions off the GUI thread. Questions run one after another on
// one worker thread, which keeps its own read-only connection to the workspace file (opened
// on first use and again when the workspace changes); the GUI thread's connection never
// leaves the GUI thread. The answer is handed to `done` on the GUI thread, bound to
// `context`. In-memory workspaces cannot be shared, so they are answered on the GUI thread
// (still delivered asynchronously, so callers see one behaviour).
//
// R must be default-constructible and have a `QString error` member, set when the
// workspace cannot be opened.
class QueryRunner
{
public:
    // Callers bump a counter per kind of question; a queued question whose counter has moved
    // on is skipped, so a burst of control changes runs only the last query.
    using Generation = std::shared_ptr<std::atomic<int>>;

    explicit QueryRunner(store::CostStore &store);
    ~QueryRunner();
    QueryRunner(const QueryRunner &) = delete;
    QueryRunner &operator=(const QueryRunner &) = delete;

    template <typename R>
    void run(QObject *context, std::function<R(store::CostQuery &)> query, std::function<void(const R &)> done,
             Generation generation = {}) const
    {
        const int mine = generation ? generation->load() : 0;
        const QString path = m_store.path();
        if (path.isEmpty() || path == u":memory:") {
            store::CostQuery q(m_store);
            R result = query(q);
            QMetaObject::invokeMethod(context, [done, result]() { done(result); }, Qt::QueuedConnection);
            return;
        }
        auto *watcher = new QFutureWatcher<R>(context);
        QObject::connect(watcher, &QFutureWatcher<R>::finished, context, [watcher, done, generation, mine]() {
            const R result = watcher->result();
            watcher->deleteLater();
            if (!generation || generation->load() == mine)
                done(result);
        });
        auto connection = m_connection;
        watcher->setFuture(QtConcurrent::run(m_pool.get(), [connection, path, query, generation, mine]() -> R {
            if (generation && generation->load() != mine)
                return R{}; // superseded before it started
            R result;
            store::CostStore *s = connection->get(path, &result.error);
            if (!s)
                return result;
            store::CostQuery q(*s);
            return query(q);
        }));
    }

private:
    // The worker thread's connection; only touched from the pool's single thread.
    struct Connection
    {
        std::unique_ptr<store::CostStore> store;
        store::CostStore *get(const QString &path, QString *error);
    };

    store::CostStore &m_store;
    std::unique_ptr<QThreadPool> m_pool;
    std::shared_ptr<Connection> m_connection;
};

} // namespace costscope::views
