#pragma once

#include <QString>

class QWidget;

namespace costscope::store {
class CostStore;
}

namespace costscope::views {

// Opens the workspace at path into store. A workspace of an earlier schema is upgraded first on a
// worker thread while a busy dialog (modal to parent, or to the application without one) says what
// is happening: the upgrade rebuilds tables once and can take seconds for millions of line items,
// and the window stays painted meanwhile. Errors are those of CostStore::open().
bool openWorkspaceWithUpgrade(store::CostStore &store, const QString &path, QWidget *parent, QString *error);

} // namespace costscope::views
