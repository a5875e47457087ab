#include "StoreTestSupport.h"

#include "model/analysis/Budgets.h"
#include "model/store/BudgetSettings.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "model/store/CurrencyRateStore.h"
#include "views/MainWindow.h"
#include "views/budgets/BudgetsTab.h"
#include "views/budgets/ConstraintsDialog.h"
#include "views/budgets/PoolBudgetDialog.h"
#include "views/common/Banner.h"
#include "views/common/DisplayCurrency.h"
#include "views/common/TableExport.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPalette>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace costscope;
using testsupport::utcSeconds;

namespace {

const QDate kToday(2026, 3, 10);

QString s(const char *text) { return QString::fromUtf8(text); }

int64_t units(double u) { return Money::fromDouble(u).nanos(); }

QTreeWidgetItem *findItem(QTreeWidget *tree, const QString &text, int column = 0)
{
    const QList<QTreeWidgetItem *> found = tree->findItems(text, Qt::MatchExactly | Qt::MatchRecursive, column);
    return found.isEmpty() ? nullptr : found.front();
}

ResourceRecord record(const char *id, const char *name, Tags tags)
{
    ResourceRecord r;
    r.resourceId = s(id);
    r.name = s(name);
    r.type = s("instance");
    r.state = s("running");
    r.region = s("us-east-1");
    r.accountId = s("111");
    r.firstSeen = r.createdAt = utcSeconds(QDate(2026, 1, 1));
    r.lastSeen = utcSeconds(kToday, 1);
    r.tags = std::move(tags);
    return r;
}

} // namespace

class TestBudgetsTab : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void treeEditAlertsAndViolations();
    void realDialogsRefuseAndSave();
    void backgroundAlertsOnAnotherTab();
    void displayCurrencyAndOtherCurrencies();

private:
    QTemporaryDir m_dir;
    QString m_path;
};

void TestBudgetsTab::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(s("CostscopeTest"));
    views::setDisplayCurrencySetting({});
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(s("b.costscope"));
    store::CostStore store;
    QString error;
    QVERIFY2(store.open(m_path, &error), qPrintable(error));
    store::CostWriter w(store);
    QVERIFY(w.begin(testsupport::source(s("fixture")), &error));
    ResourceBatch b;
    b.provider = s("AWS");
    b.accountId = s("111");
    b.observedAt = utcSeconds(kToday, 1);
    const Tags web{{s("team"), s("web")}, {s("owner"), s("ann")}};
    const Tags data{{s("team"), s("data")}};
    b.resources = {record("i-web", "web-1", web), record("i-data", "etl-1", data)};
    QVERIFY2(w.addResources(b, true, &error), qPrintable(error));
    for (QDate month(2026, 1, 1); month <= kToday; month = month.addMonths(1)) {
        CostBatch costs = testsupport::makeBatch(s("AWS"), s("111"), month);
        for (QDate d = month; d < month.addMonths(1) && d <= kToday; d = d.addDays(1)) {
            costs.rows.push_back(testsupport::makeRow(d, "10", s("Amazon EC2"), s("us-east-1"), s("111"), s("i-web"), web));
            costs.rows.push_back(testsupport::makeRow(d, "4", s("Amazon EC2"), s("us-east-1"), s("111"), s("i-data"), data));
        }
        QVERIFY2(w.add(costs, &error), qPrintable(error));
    }
    QVERIFY2(w.commit(&error), qPrintable(error));

    store::BudgetSettings settings(store);
    QVERIFY(settings.addPool(s("Acme"), {}, &error));
    QVERIFY(settings.addPool(s("Web"), s("Acme"), &error));
    QVERIFY(settings.addPool(s("Data"), s("Acme"), &error));
    QVERIFY(settings.setBudget(s("Acme"), units(5000), {}, {}, &error));
    QVERIFY(settings.setBudget(s("Web"), units(1000), {{analysis::ScopeDimension::Tag, s("team"), s("web")}},
                               {*analysis::parseThreshold(s("actual 50%"))}, &error));
    QVERIFY(settings.setBudget(s("Data"), units(1000), {{analysis::ScopeDimension::Tag, s("team"), s("data")}}, {}, &error));
    analysis::BudgetConstraint policy;
    policy.kind = analysis::ConstraintKind::TaggingPolicy;
    policy.pool = s("Acme");
    policy.requiredTags = {s("owner")};
    QVERIFY2(settings.setConstraints({policy}, &error), qPrintable(error));
}

void TestBudgetsTab::treeEditAlertsAndViolations()
{
    store::CostStore store;
    QVERIFY(store.open(m_path));
    QStringList notifications;
    int64_t nextLimit = units(150);
    views::MainWindowOptions options;
    options.today = [] { return kToday; };
    options.budgetPrompts.notify = [&notifications](const QString &title, const QString &message) {
        notifications << title + u'\n' + message;
    };
    options.budgetPrompts.editBudget = [&nextLimit](QWidget *, const views::PoolBudgetEdit &current, const QString &) {
        views::PoolBudgetEdit e = current;
        e.monthlyLimit = nextLimit;
        return std::optional<views::PoolBudgetEdit>(e);
    };
    options.budgetPrompts.askText = [](QWidget *, const QString &, const QString &, const QString &) {
        return std::optional<QString>(s("Checkout"));
    };
    views::MainWindow window(store, options);
    window.show();
    auto *tabs = window.findChild<QTabWidget *>();
    QVERIFY(tabs);
    views::BudgetsTab *tab = window.budgets();
    QVERIFY(tab);
    // After Recommendations, before Anomalies.
    const int index = tabs->indexOf(tab);
    QCOMPARE(tabs->tabText(index), s("Budgets"));
    QCOMPARE(tabs->tabText(index - 1), s("Recommendations"));
    QSignalSpy evaluated(tab, &views::BudgetsTab::evaluated);
    tabs->setCurrentWidget(tab);
    QTRY_VERIFY(evaluated.count() >= 1);

    auto *tree = tab->findChild<QTreeWidget *>(s("poolTree"));
    QVERIFY(tree);
    QCOMPARE(tree->topLevelItemCount(), 1);
    QTreeWidgetItem *acme = tree->topLevelItem(0);
    QCOMPARE(acme->text(0), s("Acme"));
    QCOMPARE(acme->childCount(), 2);
    QTreeWidgetItem *webItem = findItem(tree, s("Web"));
    QVERIFY(webItem);
    // 10 days of 10.00: 100 of 1,000; a flat history forecasts 31 x 10.
    QVERIFY2(webItem->text(2).startsWith(s("100.00")), qPrintable(webItem->text(2)));
    QVERIFY2(webItem->text(4).startsWith(s("310.00")), qPrintable(webItem->text(4)));
    QCOMPARE(webItem->text(5), s("OK"));
    QVERIFY2(acme->text(2).startsWith(s("140.00")), qPrintable(acme->text(2))); // children rolled up
    QVERIFY(notifications.isEmpty()); // 100 is below the 50 % threshold of 1,000

    // The tagging policy: etl-1 carries no owner tag.
    auto *violations = tab->findChild<QTreeWidget *>(s("violationsTree"));
    QVERIFY(violations);
    QTreeWidgetItem *policyRow = findItem(violations, s("Tagging policy"));
    QVERIFY(policyRow);
    QVERIFY2(policyRow->text(2).contains(s("etl-1 (i-data)")), qPrintable(policyRow->text(2)));
    QVERIFY(policyRow->text(2).contains(s("owner")));
    QVERIFY(!findItem(violations, s("web-1 (i-web)"), 2));

    // Edit Web's limit to 150: the month to date (100) crosses the 50 % threshold (75) and the
    // forecast (310) goes over the limit.
    tab->selectPool(s("Web"));
    evaluated.clear();
    QTest::mouseClick(tab->findChild<QPushButton *>(s("editBudgetButton")), Qt::LeftButton);
    QTRY_VERIFY(evaluated.count() >= 1);
    webItem = findItem(tree, s("Web"));
    QCOMPARE(webItem->text(5), s("Forecast over"));
    QCOMPARE(tab->selectedPool(), s("Web"));
    QCOMPARE(notifications.size(), 1);
    QVERIFY2(notifications.front().contains(s("Web")) && notifications.front().contains(s("actual 50%")),
             qPrintable(notifications.front()));
    auto *banner = tab->findChild<views::Banner *>(s("budgetAlertBanner"));
    QVERIFY(banner && banner->isVisible());
    QVERIFY(banner->text().contains(s("actual 50%")));
    auto *alerts = tab->findChild<QListWidget *>(s("alertsList"));
    QCOMPARE(alerts->count(), 1);
    QVERIFY(alerts->item(0)->text().contains(s("Web")));

    // Evaluating again does not fire the same alert twice.
    evaluated.clear();
    tab->evaluate();
    QTRY_VERIFY(evaluated.count() >= 1);
    QCOMPARE(notifications.size(), 1);
    QCOMPARE(tab->findChild<QListWidget *>(s("alertsList"))->count(), 1);

    // Below the month to date: over the limit.
    nextLimit = units(90);
    evaluated.clear();
    QTest::mouseClick(tab->findChild<QPushButton *>(s("editBudgetButton")), Qt::LeftButton);
    QTRY_VERIFY(evaluated.count() >= 1);
    QCOMPARE(findItem(tree, s("Web"))->text(5), s("Over limit"));
    const QColor lightTint = findItem(tree, s("Web"))->background(5).color();
    QVERIFY(lightTint.isValid());
    QVERIFY(lightTint.lightnessF() > 0.5);
    // A dark palette re-tints the status for a dark base, with light text.
    QPalette dark = tab->palette();
    dark.setColor(QPalette::Base, QColor(30, 30, 30));
    dark.setColor(QPalette::Window, QColor(45, 45, 45));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    tab->setPalette(dark);
    QTRY_VERIFY(findItem(tree, s("Web"))->background(5).color().lightnessF() < 0.5);
    QCOMPARE(findItem(tree, s("Web"))->foreground(5).color(), QColor(Qt::white));
    QCOMPARE(tab->report().pool(s("Web"))->limit, units(90));
    QCOMPARE(notifications.size(), 1); // "actual 50%" fired already this month

    // Add a child pool under Web through the name prompt.
    evaluated.clear();
    QTest::mouseClick(tab->findChild<QPushButton *>(s("addChildButton")), Qt::LeftButton);
    QTRY_VERIFY(evaluated.count() >= 1);
    QTreeWidgetItem *checkout = findItem(tree, s("Checkout"));
    QVERIFY(checkout);
    QCOMPARE(checkout->parent()->text(0), s("Web"));
    QCOMPARE(tab->selectedPool(), s("Checkout"));
}

namespace {

// Presses a dialog's OK button and says whether the dialog closed.
bool pressOk(QDialog *dialog)
{
    auto *box = dialog->findChild<QDialogButtonBox *>();
    if (!box || !box->button(QDialogButtonBox::Ok))
        return false;
    QTest::mouseClick(box->button(QDialogButtonBox::Ok), Qt::LeftButton);
    return !dialog->isVisible();
}

QString errorShown(QDialog *dialog)
{
    const auto *label = dialog->findChild<QLabel *>(QStringLiteral("errorLabel"));
    return label && label->isVisible() ? label->text() : QString();
}

} // namespace

// The real PoolBudgetDialog and ConstraintsDialog, opened from the tab's buttons (no prompt seams):
// values that do not parse keep the dialog open with the reason, good ones are saved and the tree,
// the alerts and the violations follow. Runs after treeEditAlertsAndViolations on the same file
// (Web at 90, Data untouched at 1,000).
void TestBudgetsTab::realDialogsRefuseAndSave()
{
    store::CostStore store;
    QVERIFY(store.open(m_path));
    QStringList notifications;
    views::MainWindowOptions options;
    options.today = [] { return kToday; };
    options.budgetPrompts.notify = [&notifications](const QString &title, const QString &message) {
        notifications << title + u'\n' + message;
    };
    views::MainWindow window(store, options);
    window.show();
    auto *tabs = window.findChild<QTabWidget *>();
    views::BudgetsTab *tab = window.budgets();
    QVERIFY(tabs && tab);
    QSignalSpy evaluated(tab, &views::BudgetsTab::evaluated);
    tabs->setCurrentWidget(tab);
    QTRY_VERIFY(evaluated.count() >= 1);
    auto *tree = tab->findChild<QTreeWidget *>(s("poolTree"));
    QVERIFY(tree);
    QCOMPARE(findItem(tree, s("Data"))->text(5), s("OK"));

    // Budget of Data: a bad limit, a bad scope and a bad threshold are refused in turn, each with
    // its reason; then 100 with "forecast 100%" is saved (month to date 40, forecast 124).
    QStringList errors;
    QString initialLimit;
    QString initialScope;
    bool stillOpenAfterBad = true;
    bool closedAfterGood = false;
    QTimer::singleShot(0, tab, [&]() {
        auto *dialog = tab->findChild<views::PoolBudgetDialog *>(s("poolBudgetDialog"));
        if (!dialog)
            return;
        auto *limit = dialog->findChild<QLineEdit *>(s("limitEdit"));
        auto *scope = dialog->findChild<QLineEdit *>(s("scopeEdit"));
        auto *thresholds = dialog->findChild<QLineEdit *>(s("thresholdsEdit"));
        if (!limit || !scope || !thresholds) {
            dialog->reject();
            return;
        }
        initialLimit = limit->text();
        initialScope = scope->text();
        limit->setText(s("lots"));
        stillOpenAfterBad = !pressOk(dialog) && stillOpenAfterBad;
        errors << errorShown(dialog);
        limit->setText(s("-5"));
        stillOpenAfterBad = !pressOk(dialog) && stillOpenAfterBad;
        errors << errorShown(dialog);
        limit->setText(s("100"));
        scope->setText(s("colour is red"));
        stillOpenAfterBad = !pressOk(dialog) && stillOpenAfterBad;
        errors << errorShown(dialog);
        scope->setText(initialScope);
        thresholds->setText(s("forecast 100%, someday 5%"));
        stillOpenAfterBad = !pressOk(dialog) && stillOpenAfterBad;
        errors << errorShown(dialog);
        thresholds->setText(s("forecast 100%"));
        closedAfterGood = pressOk(dialog);
        if (!closedAfterGood)
            dialog->reject();
    });
    tab->selectPool(s("Data"));
    evaluated.clear();
    QTest::mouseClick(tab->findChild<QPushButton *>(s("editBudgetButton")), Qt::LeftButton);
    QCOMPARE(initialLimit, s("1000.00"));
    QCOMPARE(initialScope, s("tag team = data"));
    QVERIFY(stillOpenAfterBad);
    QCOMPARE(errors.size(), 4);
    QVERIFY2(errors[0].contains(s("monthly limit")), qPrintable(errors[0]));
    QVERIFY2(errors[1].contains(s("monthly limit")), qPrintable(errors[1]));
    QVERIFY2(errors[2].contains(s("colour")), qPrintable(errors[2]));
    QVERIFY2(errors[3].contains(s("someday 5%")), qPrintable(errors[3]));
    QVERIFY(closedAfterGood);
    QTRY_VERIFY(evaluated.count() >= 1);
    QCOMPARE(findItem(tree, s("Data"))->text(5), s("Forecast over"));
    QCOMPARE(tab->report().pool(s("Data"))->limit, units(100));
    QCOMPARE(tab->report().pool(s("Data"))->monthToDate, units(40)); // the scope was kept
    QCOMPARE(notifications.size(), 1);
    QVERIFY2(notifications.front().contains(s("Data")) && notifications.front().contains(s("forecast 100%")),
             qPrintable(notifications.front()));

    // Constraints: the tagging policy is there; a resource quota on Acme with a count that is not a
    // number is refused, then a quota of 1 is saved and Acme's two instances break it.
    int rowsAtStart = -1;
    QString countError;
    QString amountError;
    bool quotaSaved = false;
    QTimer::singleShot(0, tab, [&]() {
        auto *dialog = tab->findChild<views::ConstraintsDialog *>(s("constraintsDialog"));
        if (!dialog)
            return;
        auto *table = dialog->findChild<QTableWidget *>(s("constraintTable"));
        auto *add = dialog->findChild<QPushButton *>(s("addConstraintButton"));
        if (!table || !add) {
            dialog->reject();
            return;
        }
        rowsAtStart = table->rowCount();
        QTest::mouseClick(add, Qt::LeftButton);
        const int row = table->rowCount() - 1;
        auto *kind = qobject_cast<QComboBox *>(table->cellWidget(row, 0));
        auto *pool = qobject_cast<QComboBox *>(table->cellWidget(row, 1));
        if (row < 0 || !kind || !pool) {
            dialog->reject();
            return;
        }
        kind->setCurrentIndex(kind->findData(static_cast<int>(analysis::ConstraintKind::ResourceQuota)));
        pool->setCurrentIndex(pool->findData(s("Acme")));
        table->item(row, 4)->setText(s("two"));
        pressOk(dialog);
        countError = errorShown(dialog);
        // A daily expense limit needs an amount.
        kind->setCurrentIndex(kind->findData(static_cast<int>(analysis::ConstraintKind::DailyExpenseLimit)));
        table->item(row, 3)->setText(s("12,5x"));
        pressOk(dialog);
        amountError = errorShown(dialog);
        kind->setCurrentIndex(kind->findData(static_cast<int>(analysis::ConstraintKind::ResourceQuota)));
        table->item(row, 3)->setText(QString());
        table->item(row, 4)->setText(s("1"));
        quotaSaved = pressOk(dialog);
        if (!quotaSaved)
            dialog->reject();
    });
    evaluated.clear();
    QTest::mouseClick(tab->findChild<QPushButton *>(s("constraintsButton")), Qt::LeftButton);
    QCOMPARE(rowsAtStart, 1);
    QVERIFY2(countError.contains(s("max count")) && countError.startsWith(s("Row 2")), qPrintable(countError));
    QVERIFY2(amountError.contains(s("amount")), qPrintable(amountError));
    QVERIFY(quotaSaved);
    QTRY_VERIFY(evaluated.count() >= 1);
    auto *violations = tab->findChild<QTreeWidget *>(s("violationsTree"));
    QTreeWidgetItem *quota = findItem(violations, analysis::constraintKindTitle(analysis::ConstraintKind::ResourceQuota));
    QVERIFY(quota);
    QCOMPARE(quota->text(1), s("Acme"));
    QVERIFY(findItem(violations, s("Tagging policy"))); // the existing constraint was kept
    store::BudgetSettings settings(store);
    QCOMPARE(settings.constraints().size(), size_t(2));
}

// Alerts are checked on the worker while the window is on another tab: at start and after each
// refresh (what import, sync and demo jobs end with); the status bar and the notification seam
// say them once, and the tab lists them when it is shown. Runs last on the same file.
void TestBudgetsTab::backgroundAlertsOnAnotherTab()
{
    store::CostStore store;
    QVERIFY(store.open(m_path));
    QString error;
    store::BudgetSettings settings(store);
    // Watch: Data's costs (40 this month), limit 1,000; "actual 5%" (50) is not crossed yet.
    QVERIFY2(settings.addPool(s("Watch"), s("Acme"), &error), qPrintable(error));
    QVERIFY2(settings.setBudget(s("Watch"), units(1000), {{analysis::ScopeDimension::Tag, s("team"), s("data")}},
                                {*analysis::parseThreshold(s("actual 5%"))}, &error),
             qPrintable(error));
    QStringList notifications;
    views::MainWindowOptions options;
    options.today = [] { return kToday; };
    options.budgetPrompts.notify = [&notifications](const QString &title, const QString &message) {
        notifications << title + u'\n' + message;
    };
    {
        views::MainWindow window(store, options);
        views::BudgetsTab *tab = window.budgets();
        QSignalSpy checked(tab, &views::BudgetsTab::alertsChecked);
        QSignalSpy fired(tab, &views::BudgetsTab::alertsFired);
        window.show();
        auto *tabs = window.findChild<QTabWidget *>();
        QVERIFY(tabs->currentWidget() != tab);
        QTRY_VERIFY(checked.count() >= 1); // the check at start
        QVERIFY(notifications.isEmpty());
        const auto *timer = tab->findChild<QTimer *>(s("budgetAlertTimer"));
        QVERIFY(timer && timer->isActive());
        QCOMPARE(timer->interval(), 3600 * 1000);

        // A lower limit (as an import adding cost would): 5 % of 500 is 25, under the 40 spent.
        QVERIFY2(settings.setBudget(s("Watch"), units(500), {{analysis::ScopeDimension::Tag, s("team"), s("data")}},
                                    {*analysis::parseThreshold(s("actual 5%"))}, &error),
                 qPrintable(error));
        checked.clear();
        window.refresh();
        QTRY_VERIFY(checked.count() >= 1);
        QVERIFY(!tab->isVisible());
        QCOMPARE(notifications.size(), 1);
        QVERIFY2(notifications.front().contains(s("Watch")) && notifications.front().contains(s("actual 5%")),
                 qPrintable(notifications.front()));
        QCOMPARE(fired.count(), 1);
        const QString status = window.statusBar()->currentMessage();
        QVERIFY2(status.startsWith(s("1 new budget alert")), qPrintable(status));
        const QString statusTip = window.statusBar()->toolTip();
        QVERIFY2(statusTip.contains(s("Watch")) && statusTip.contains(s("actual 5%")), qPrintable(statusTip));

        // Another refresh does not repeat it; showing the tab lists it, without a new notification.
        checked.clear();
        window.refresh();
        QTRY_VERIFY(checked.count() >= 1);
        QCOMPARE(notifications.size(), 1);
        QSignalSpy evaluated(tab, &views::BudgetsTab::evaluated);
        tabs->setCurrentWidget(tab);
        QTRY_VERIFY(evaluated.count() >= 1);
        auto *alerts = tab->findChild<QListWidget *>(s("alertsList"));
        QVERIFY(!alerts->findItems(s("Watch"), Qt::MatchContains).isEmpty());
        QCOMPARE(notifications.size(), 1);
    }

    // A new window (a restart) whose workspace crossed a threshold while it was closed: the check at
    // start fires it once, on the Dashboard.
    QVERIFY2(settings.setBudget(s("Watch"), units(500), {{analysis::ScopeDimension::Tag, s("team"), s("data")}},
                                {*analysis::parseThreshold(s("actual 5%")), *analysis::parseThreshold(s("forecast 20%"))},
                                &error),
             qPrintable(error));
    views::MainWindow again(store, options);
    QSignalSpy checked(again.budgets(), &views::BudgetsTab::alertsChecked);
    again.show();
    QTRY_VERIFY(checked.count() >= 1);
    QCOMPARE(notifications.size(), 2);
    QVERIFY2(notifications.back().contains(s("forecast 20%")) && !notifications.back().contains(s("actual 5%")),
             qPrintable(notifications.back()));
}

// A pool over a USD account (10.00 a day) and an EUR account (5.00 a day); the limit is in USD
// (the budgets' currency). EUR->USD 1.2 from February, 1.5 from 20 March (all of March); none for
// January; USD->EUR 0.8. Shown in EUR: every amount at March's USD->EUR rate.
void TestBudgetsTab::displayCurrencyAndOtherCurrencies()
{
    const QString path = m_dir.filePath(s("two.costscope"));
    store::CostStore store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    QVERIFY2(testsupport::writeUsdEurDaily(store, QDate(2026, 1, 1), kToday, &error), qPrintable(error));
    store::BudgetSettings settings(store);
    QVERIFY(settings.addPool(s("Org"), {}, &error));
    std::vector<analysis::ScopeTerm> both;
    QVERIFY(analysis::parseScope(s("account is 111, 222"), &both, &error));
    QVERIFY2(settings.setBudget(s("Org"), units(200), both, {}, &error), qPrintable(error));
    QVERIFY2(store::CurrencyRateStore(store).replaceAll(testsupport::usdEurRates(), &error), qPrintable(error));
    views::setDisplayCurrencySetting(s("EUR"));
    const auto reset = qScopeGuard([] { views::setDisplayCurrencySetting({}); });

    views::MainWindowOptions options;
    options.today = [] { return kToday; };
    options.budgetPrompts.notify = [](const QString &, const QString &) {};
    views::MainWindow window(store, options);
    window.show();
    views::BudgetsTab *tab = window.budgets();
    QSignalSpy evaluated(tab, &views::BudgetsTab::evaluated);
    window.findChild<QTabWidget *>()->setCurrentWidget(tab);
    QTRY_VERIFY(evaluated.count() >= 1);
    auto *tree = tab->findChild<QTreeWidget *>(s("poolTree"));
    QTreeWidgetItem *org = findItem(tree, s("Org"));
    QVERIFY(org);
    // By hand: 1-10 March in USD: 10 x 10.00 + 10 x 5.00 EUR x 1.5 = 175.00 USD (not 1.2: March
    // takes the rate of 31 March); in EUR x 0.8 = 140.00 EUR; the limit 200.00 USD = 160.00 EUR.
    QCOMPARE(org->text(2), Money::fromNanos(units(140)).toDisplay(s("EUR")));
    QCOMPARE(org->text(1), Money::fromNanos(units(160)).toDisplay(s("EUR")));
    QCOMPARE(org->data(2, views::ExportCurrencyRole).toString(), s("EUR"));
    QVERIFY2(org->toolTip(1).contains(s("USD")), qPrintable(org->toolTip(1)));
    QVERIFY2(org->text(3).startsWith(QLocale().toString(87.5, 'f', 1)), qPrintable(org->text(3)));
    // January's EUR (31 x 5.00) has no rate to USD: named, not counted.
    auto *note = tab->findChild<QLabel *>(s("budgetCurrencyNote"));
    QVERIFY(note);
    QVERIFY(note->isVisible());
    QVERIFY2(note->text().contains(s("EUR")) && note->text().contains(s("2026-01"))
                 && note->text().contains(Money::fromNanos(units(155)).toDisplay(s("EUR"))),
             qPrintable(note->text()));

    // No USD->GBP rate: shown in USD, the limits' currency, and the note says which rate is missing.
    views::setDisplayCurrencySetting(s("GBP"));
    evaluated.clear();
    tab->evaluate();
    QTRY_VERIFY(evaluated.count() >= 1);
    org = findItem(tree, s("Org"));
    QCOMPARE(org->text(2), Money::fromNanos(units(175)).toDisplay(s("USD")));
    QVERIFY2(note->text().contains(s("no rate from USD to GBP for 2026-03")), qPrintable(note->text()));
}

QTEST_MAIN(TestBudgetsTab)
#include "TestBudgetsTab.moc"
