#include "views/common/WorkspaceOpener.h"

#include "model/store/CostStore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QProgressDialog>
#include <QtConcurrent/QtConcurrentRun>

namespace costscope::views {

bool openWorkspaceWithUpgrade(store::CostStore &store, const QString &path, QWidget *parent, QString *error)
{
    if (store::CostStore::needsUpgrade(path)) {
        QProgressDialog dialog(QCoreApplication::translate("WorkspaceOpener",
                                                           "Upgrading the workspace %1 for this version of Costscope. "
                                                           "This is done once; a large workspace takes a few seconds.")
                                   .arg(QFileInfo(path).fileName()),
                               QString(), 0, 0, parent);
        dialog.setWindowTitle(QCoreApplication::translate("WorkspaceOpener", "Upgrading workspace"));
        dialog.setObjectName(QStringLiteral("workspaceUpgradeDialog"));
        dialog.setWindowModality(parent ? Qt::WindowModal : Qt::ApplicationModal);
        dialog.setCancelButton(nullptr); // a half-done upgrade is rolled back anyway; nothing to cancel
        dialog.setMinimumDuration(0);
        // The upgrade is CostStore::open() on a connection of the worker's own; its result does not
        // matter here: the open below meets the same error again if it failed.
        QFutureWatcher<void> watcher;
        QEventLoop loop;
        QObject::connect(&watcher, &QFutureWatcher<void>::finished, &loop, &QEventLoop::quit);
        watcher.setFuture(QtConcurrent::run([path] {
            store::CostStore upgrader;
            upgrader.open(path);
        }));
        dialog.show();
        QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents); // drawn at least once
        if (!watcher.isFinished())
            loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    return store.open(path, error);
}

} // namespace costscope::views
