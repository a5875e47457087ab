#pragma once

#include <QMainWindow>

class QTabWidget;

namespace costscope::store { class CostStore; }

namespace costscope::views {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(store::CostStore &store, QWidget *parent = nullptr);

private:
    store::CostStore &m_store;
    QTabWidget *m_tabs = nullptr;
};

} // namespace costscope::views
