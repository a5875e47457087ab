#include "views/MainWindow.h"

#include "model/store/CostStore.h"

#include <QTabWidget>

namespace costscope::views {

MainWindow::MainWindow(store::CostStore &store, QWidget *parent) : QMainWindow(parent), m_store(store)
{
    setObjectName(QStringLiteral("MainWindow"));
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("tabs"));
    setCentralWidget(m_tabs);
    setWindowTitle(tr("Costscope"));
}

} // namespace costscope::views
