#include "support/GuiTestSupport.h"

#include "views/common/DisplayCurrency.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>

namespace costscope::testsupport {

void useTestSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("CostscopeTest"));
    QSettings().clear();
}

ScopedDisplayCurrency::ScopedDisplayCurrency(const QString &code)
{
    views::setDisplayCurrencySetting(code);
}

ScopedDisplayCurrency::~ScopedDisplayCurrency()
{
    views::setDisplayCurrencySetting({});
}

std::unique_ptr<views::MainWindow> makeMainWindow(store::CostStore &store, const QDate &today,
                                                  views::MainWindowOptions options)
{
    options.today = [today] { return today; };
    return std::make_unique<views::MainWindow>(store, std::move(options));
}

void showTab(views::MainWindow &window, QWidget *tab)
{
    window.show();
    window.findChild<QTabWidget *>(QStringLiteral("tabs"))->setCurrentWidget(tab);
}

} // namespace costscope::testsupport
