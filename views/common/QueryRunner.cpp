#include "views/common/QueryRunner.h"

#include "views/common/Logging.h"

namespace costscope::views {

QueryRunner::QueryRunner(store::CostStore &store)
    : m_store(store), m_pool(std::make_unique<QThreadPool>()), m_connection(std::make_shared<Connection>())
{
    // One thread that never expires: the connection stays on the thread that opened it.
    m_pool->setMaxThreadCount(1);
    m_pool->setExpiryTimeout(-1);
}

QueryRunner::~QueryRunner()
{
    m_pool->clear();
    m_pool->waitForDone();
}

store::CostStore *QueryRunner::Connection::get(const QString &path, QString *error)
{
    if (store && store->path() == path)
        return store.get();
    store = std::make_unique<store::CostStore>();
    if (!store->openReadOnly(path, error)) {
        qCWarning(lcViews) << "query connection failed:" << (error ? *error : QString());
        store.reset();
        return nullptr;
    }
    return store.get();
}

} // namespace costscope::views
