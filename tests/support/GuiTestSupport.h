#pragma once

// The set-up the GUI tests share (TestExplorerTab, TestAllocationView, TestResourcesTab, ...):
// settings in Qt's test location, the display currency for one test, and the real main window
// over a workspace with a fixed "today". Add support/GuiTestSupport.h and
// support/GuiTestSupport.cpp to a test's SOURCES (it links costscope_views).

#include "views/MainWindow.h"

#include <QDate>
#include <QString>

#include <memory>

class QWidget;

namespace costscope::testsupport {

// QStandardPaths' test mode, organisation "CostscopeTest", its settings emptied: what a GUI
// test's initTestCase() starts from, so no test reads or writes the user's settings.
void useTestSettings();

// Sets the display currency (Preferences) for the lifetime of this object, then "" again
// (the workspace's main currency).
class ScopedDisplayCurrency
{
public:
    explicit ScopedDisplayCurrency(const QString &code);
    ~ScopedDisplayCurrency();
    ScopedDisplayCurrency(const ScopedDisplayCurrency &) = delete;
    ScopedDisplayCurrency &operator=(const ScopedDisplayCurrency &) = delete;
};

// The real main window over store, with options and today as its date; not yet shown.
std::unique_ptr<views::MainWindow> makeMainWindow(store::CostStore &store, const QDate &today,
                                                  views::MainWindowOptions options = {});

// Shows window with tab (one of its tabs, e.g. window.explorer()) the current tab.
void showTab(views::MainWindow &window, QWidget *tab);

} // namespace costscope::testsupport
