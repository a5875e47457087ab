#include "StoreTestSupport.h"

#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"
#include "model/store/BudgetSettings.h"
#include "model/store/CostWriter.h"
#include "model/store/CurrencyRateStore.h"
#include "model/store/RecommendationQuery.h"
#include "model/analysis/recommendations/DemoRecommendations.h"
#include "model/analysis/recommendations/RecommendationEngine.h"
#include "model/analysis/recommendations/RecommendationModule.h"
#include "model/store/ResourceSettings.h"
#include "support/GuiTestSupport.h"
#include "views/MainWindow.h"
#include "views/explorer/ExplorerTab.h"
#include "views/resources/ResourceDetailsPane.h"
#include "views/resources/ResourceGroupModel.h"
#include "views/resources/ResourceTableModel.h"
#include "views/resources/ResourcesTab.h"

#include <QAbstractBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace costscope;
using testsupport::utcSeconds;

namespace {

const QDate kToday(2026, 3, 20);

ResourceRecord rec(const QString &id, const QString &name, const QString &type, const Tags &tags = {})
{
    ResourceRecord r;
    r.resourceId = id;
    r.name = name;
    r.type = type;
    r.state = QStringLiteral("running");
    r.region = QStringLiteral("us-east-1");
    r.createdAt = utcSeconds(QDate(2026, 1, 1));
    r.tags = tags;
    return r;
}

int columnOf(analysis::ResourceColumn c) { return static_cast<int>(c); }

} // namespace

class TestResourcesTab : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listsFiltersAndOpensDetails();
    void rulesReassignAtOnce();
    void expiredTtlIsHighlighted();
    void exportsCsv();
    void showsLineItemsInExplorer();
    void countsAndListsRecommendations();
    void groupsWithHeaderRows();
    void listsBudgetViolations();
    void freshDemoShowsRecommendations();
    void displayCurrencyConverts_data();
    void displayCurrencyConverts();

private:
    views::ResourcesTab *openTab();
    QString m_moduleTitle;
    QTemporaryDir m_dir;
    QString m_path;
    store::CostStore m_store;
    std::unique_ptr<views::MainWindow> m_window;
};

void TestResourcesTab::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("res.costscope"));
    QString error;
    QVERIFY2(m_store.open(m_path, &error), qPrintable(error));
    store::CostWriter w(m_store);
    QVERIFY(w.begin(testsupport::source(QStringLiteral("fixture")), &error));
    ResourceBatch b;
    b.provider = QStringLiteral("AWS");
    b.accountId = QStringLiteral("111");
    b.observedAt = utcSeconds(kToday, 1);
    ResourceRecord web1 = rec(QStringLiteral("i-web1"), QStringLiteral("web-1"), QStringLiteral("instance"),
                              {{QStringLiteral("env"), QStringLiteral("prod")}});
    ResourceRecord web2 = rec(QStringLiteral("i-web2"), QStringLiteral("web-2"), QStringLiteral("instance"));
    ResourceRecord vol = rec(QStringLiteral("vol-1"), QStringLiteral("web-1-data"), QStringLiteral("volume"));
    vol.attachedTo = QStringLiteral("i-web1");
    vol.attachmentKind = QStringLiteral("volume-instance");
    ResourceRecord dbr = rec(QStringLiteral("i-db1"), QStringLiteral("db-1"), QStringLiteral("instance"));
    b.resources = {web1, web2, vol, dbr};
    QVERIFY2(w.addResources(b, true, &error), qPrintable(error));
    MetricSeries cpu;
    cpu.provider = QStringLiteral("AWS");
    cpu.resourceId = QStringLiteral("i-web1");
    cpu.metric = QStringLiteral("cpu");
    for (int i = 0; i < 48; ++i)
        cpu.points.push_back(MetricPoint{utcSeconds(kToday.addDays(-2)) + i * 3600, 20.0});
    QVERIFY2(w.addMetrics(cpu, &error), qPrintable(error));
    CostBatch costs = testsupport::makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), QDate(2026, 3, 1));
    for (QDate d(2026, 3, 1); d <= kToday; d = d.addDays(1)) {
        costs.rows.push_back(testsupport::makeRow(d, "2.5", QStringLiteral("Amazon EC2"), QStringLiteral("us-east-1"),
                                                  QStringLiteral("111"), QStringLiteral("i-web1")));
        costs.rows.push_back(testsupport::makeRow(d, "1", QStringLiteral("AWS Lambda"), QStringLiteral("us-east-1"),
                                                  QStringLiteral("111"), QStringLiteral("fn-billing-only")));
    }
    QVERIFY2(w.add(costs, &error), qPrintable(error));
    QVERIFY2(w.commit(&error), qPrintable(error));

    // The last recommendations run: two items on i-web1, one on i-web2 that the user dismissed.
    const auto &modules = analysis::RecommendationEngine::modules();
    QVERIFY(modules.size() >= 2);
    m_moduleTitle = modules[0]->title();
    store::RecommendationRecord item;
    item.module = modules[0]->id();
    item.resourceId = QStringLiteral("i-web1");
    item.name = QStringLiteral("web-1");
    item.saving = testsupport::money("12.34");
    item.currency = QStringLiteral("USD");
    item.detail = QStringLiteral("idle for 7 days");
    item.at = utcSeconds(kToday, 2);
    store::RecommendationRecord second = item;
    second.module = modules[1]->id();
    second.saving = testsupport::money("1.00");
    store::RecommendationRecord dismissed = item;
    dismissed.resourceId = QStringLiteral("i-web2");
    dismissed.name = QStringLiteral("web-2");
    store::RecommendationQuery recommendations(m_store);
    QVERIFY2(recommendations.saveRun({item, second, dismissed}, {}, &error), qPrintable(error));
    QVERIFY(recommendations.setDismissed(dismissed.module, dismissed.resourceId, true, item.at));

    m_window = testsupport::makeMainWindow(m_store, kToday);
    m_window->show();
}

views::ResourcesTab *TestResourcesTab::openTab()
{
    auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("tabs"));
    auto *tab = m_window->findChild<views::ResourcesTab *>(QStringLiteral("resourcesTab"));
    if (!tabs || !tab)
        return nullptr;
    tabs->setCurrentWidget(tab);
    tab->findChild<QLineEdit *>(QStringLiteral("resourcesSearch"))->clear();
    return tab;
}

void TestResourcesTab::listsFiltersAndOpensDetails()
{
    views::ResourcesTab *tab = openTab();
    QVERIFY(tab);
    auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("tabs"));
    QCOMPARE(tabs->tabText(2), QStringLiteral("Resources")); // after Cost Explorer
    auto *table = tab->findChild<QTableView *>(QStringLiteral("resourcesTable"));
    QTRY_COMPARE(table->model()->rowCount(), 5); // 4 inventoried + 1 seen only in billing

    // Sorted by this month's cost: i-web1 (20 days x 2.50) first.
    QCOMPARE(table->model()->index(0, columnOf(analysis::ResourceColumn::Id)).data().toString(), QStringLiteral("i-web1"));
    QCOMPARE(table->model()->index(0, columnOf(analysis::ResourceColumn::CostMonth)).data(views::ResourceTableModel::SortRole).toLongLong(),
             qlonglong(50'000'000'000));
    QCOMPARE(table->model()->index(0, columnOf(analysis::ResourceColumn::CpuAvg)).data().toString(), QStringLiteral("20.0 %"));
    QCOMPARE(table->model()->index(1, columnOf(analysis::ResourceColumn::State)).data().toString(),
             QStringLiteral("billing only"));

    // Free text, then one column.
    auto *search = tab->findChild<QLineEdit *>(QStringLiteral("resourcesSearch"));
    QTest::keyClicks(search, QStringLiteral("web"));
    QTRY_COMPARE(table->model()->rowCount(), 3); // web-1, web-2, web-1-data
    auto *column = tab->findChild<QComboBox *>(QStringLiteral("resourcesSearchColumn"));
    column->setCurrentIndex(column->findData(columnOf(analysis::ResourceColumn::Type)));
    QTRY_COMPARE(table->model()->rowCount(), 0); // no type contains "web"
    search->clear();
    QTest::keyClicks(search, QStringLiteral("volume"));
    QTRY_COMPARE(table->model()->rowCount(), 1);

    // Open its details: the attachment to its instance and the daily cost chart.
    QSignalSpy details(tab, &views::ResourcesTab::detailsLoaded);
    table->setCurrentIndex(table->model()->index(0, 0));
    QVERIFY(details.wait());
    auto *title = tab->findChild<QLabel *>(QStringLiteral("resourceDetailsTitle"));
    QCOMPARE(title->text(), QStringLiteral("web-1-data"));
    auto *attachments = tab->findChild<QTreeWidget *>(QStringLiteral("resourceAttachments"));
    QCOMPARE(attachments->topLevelItemCount(), 1);
    QCOMPARE(attachments->topLevelItem(0)->text(1), QStringLiteral("i-web1"));

    // The instance: cost history and CPU chart.
    column->setCurrentIndex(0);
    search->clear();
    QTest::keyClicks(search, QStringLiteral("i-web1"));
    QTRY_COMPARE(table->model()->index(0, columnOf(analysis::ResourceColumn::Id)).data().toString(), QStringLiteral("i-web1"));
    QCOMPARE(table->model()->rowCount(), 1);
    table->setCurrentIndex(table->model()->index(0, 0));
    QTRY_COMPARE(title->text(), QStringLiteral("web-1"));
    QTRY_VERIFY(details.count() >= 2);
    auto *costChart = tab->findChild<QChartView *>(QStringLiteral("resourceCostChart"));
    QCOMPARE(costChart->chart()->series().size(), 1);
    auto *bars = qobject_cast<QAbstractBarSeries *>(costChart->chart()->series().first());
    QVERIFY(bars);
    const QBarSet *set = bars->barSets().first();
    QCOMPARE(set->count(), 90);
    QCOMPARE(set->at(89), 2.5); // today
    QCOMPARE(set->at(0), 0.0);  // before the bill
    auto *metricChart = tab->findChild<QChartView *>(QStringLiteral("resourceMetricChart"));
    QCOMPARE(metricChart->chart()->series().size(), 1);
    auto *lines = tab->findChild<QTreeWidget *>(QStringLiteral("resourceAttachments"));
    QCOMPARE(lines->topLevelItem(0)->text(1), QStringLiteral("vol-1"));
    search->clear();
    QTRY_COMPARE(table->model()->rowCount(), 5);
}

void TestResourcesTab::rulesReassignAtOnce()
{
    views::ResourcesTab *tab = openTab();
    QTRY_VERIFY(tab->tableModel()->rowCount() == 5 && tab->filterModel()->rowCount() == 5);
    analysis::AssignmentRule web;
    web.id = 1;
    web.priority = 2;
    web.conditions = {{analysis::ConditionKind::NameStartsWith, {}, QStringLiteral("web")}};
    web.owner = QStringLiteral("ann");
    web.pool = QStringLiteral("Web");
    analysis::AssignmentRule prod;
    prod.id = 2;
    prod.priority = 1;
    prod.conditions = {{analysis::ConditionKind::TagIs, QStringLiteral("env"), QStringLiteral("prod")}};
    prod.owner = QStringLiteral("ops");
    QString error;
    QVERIFY2(tab->setRulesAndPools({web, prod}, {{0, QStringLiteral("Web"), {}, 0}}, &error), qPrintable(error));
    auto ownerOf = [&](const QString &id) -> QString {
        const auto *m = tab->tableModel();
        for (int r = 0; r < m->rowCount(); ++r)
            if (m->index(r, columnOf(analysis::ResourceColumn::Id)).data().toString() == id)
                return m->index(r, columnOf(analysis::ResourceColumn::Owner)).data().toString();
        return QStringLiteral("?");
    };
    QCOMPARE(ownerOf(QStringLiteral("i-web1")), QStringLiteral("ops")); // priority 1 wins
    QCOMPARE(ownerOf(QStringLiteral("i-web2")), QStringLiteral("ann"));
    QCOMPARE(ownerOf(QStringLiteral("i-db1")), QString());
    // Stored: a reload (and any other reader, such as Budgets) sees the same.
    QCOMPARE(store::ResourceSettings(m_store).rules().size(), size_t(2));
    QSignalSpy loaded(tab, &views::ResourcesTab::loaded);
    tab->reload();
    QVERIFY(loaded.wait());
    QCOMPARE(ownerOf(QStringLiteral("i-web2")), QStringLiteral("ann"));
}

void TestResourcesTab::expiredTtlIsHighlighted()
{
    views::ResourcesTab *tab = openTab();
    QTRY_VERIFY(tab->tableModel()->rowCount() == 5 && tab->filterModel()->rowCount() == 5);
    QString error;
    QVERIFY(store::ResourceSettings(m_store).setResourceTtl(QStringLiteral("AWS"), QStringLiteral("i-db1"),
                                                            utcSeconds(kToday.addDays(-1)), &error));
    QSignalSpy loaded(tab, &views::ResourcesTab::loaded);
    tab->reload();
    QVERIFY(loaded.wait());
    const auto *m = tab->tableModel();
    int expired = 0;
    for (int r = 0; r < m->rowCount(); ++r) {
        const bool isDb = m->index(r, columnOf(analysis::ResourceColumn::Id)).data().toString() == u"i-db1";
        const QVariant bg = m->index(r, 0).data(Qt::BackgroundRole);
        QCOMPARE(bg.isValid(), isDb);
        expired += bg.isValid();
        if (isDb)
            QVERIFY(m->index(r, columnOf(analysis::ResourceColumn::Ttl)).data().toString().startsWith(QStringLiteral("expired")));
    }
    QCOMPARE(expired, 1);
    auto *summary = tab->findChild<QLabel *>(QStringLiteral("resourcesSummary"));
    QVERIFY2(summary->text().contains(QStringLiteral("1 TTL violations")), qPrintable(summary->text()));
    // Listed among the resource's constraint violations; another resource has none.
    auto *violations = tab->findChild<QTreeWidget *>(QStringLiteral("resourceViolations"));
    QVERIFY(tab->selectResource(QStringLiteral("i-db1")));
    QCOMPARE(violations->topLevelItemCount(), 1);
    QCOMPARE(violations->topLevelItem(0)->text(0), QStringLiteral("TTL"));
    QVERIFY(violations->topLevelItem(0)->text(1).startsWith(QStringLiteral("expired")));
    QVERIFY(tab->selectResource(QStringLiteral("i-web2")));
    QCOMPARE(violations->topLevelItem(0)->text(0), QStringLiteral("(none)"));
}

void TestResourcesTab::exportsCsv()
{
    views::ResourcesTab *tab = openTab();
    QTRY_VERIFY(tab->tableModel()->rowCount() == 5 && tab->filterModel()->rowCount() == 5);
    const QString path = m_dir.filePath(QStringLiteral("resources.csv"));
    QString error;
    QVERIFY2(tab->exportCsv(path, &error), qPrintable(error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 6);
    QVERIFY(lines[0].startsWith(QStringLiteral("name,resource_id,provider,account,region,type,size,state")));
    QVERIFY(lines[0].endsWith(QStringLiteral("lifecycle,currency")));
    QVERIFY2(lines[1].startsWith(QStringLiteral("web-1,i-web1,AWS,")), qPrintable(lines[1]));
    QVERIFY(lines[1].contains(QStringLiteral(",50.00,50.00,")));
}

void TestResourcesTab::showsLineItemsInExplorer()
{
    views::ResourcesTab *tab = openTab();
    auto *table = tab->findChild<QTableView *>(QStringLiteral("resourcesTable"));
    QTRY_VERIFY(tab->tableModel()->rowCount() == 5 && tab->filterModel()->rowCount() == 5);
    QVERIFY(tab->selectResource(QStringLiteral("i-web1")));
    auto *button = tab->findChild<QPushButton *>(QStringLiteral("resourceShowCosts"));
    QTRY_VERIFY(button->isVisible());
    QSignalSpy loaded(m_window->explorer(), &views::ExplorerTab::loaded);
    QTest::mouseClick(button, Qt::LeftButton);
    auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("tabs"));
    QCOMPARE(tabs->currentWidget(), static_cast<QWidget *>(m_window->explorer()));
    QVERIFY(loaded.wait());
    const store::CostQuerySpec spec = m_window->explorer()->currentSpec();
    QCOMPARE(spec.filters.size(), 1);
    QCOMPARE(spec.filters[0].dimension, store::Dimension::Resource);
    QCOMPARE(spec.filters[0].values, QStringList{QStringLiteral("i-web1")});
    // Only this resource's cost: 2.50 a day since March 1 (the default range covers it), no Lambda.
    QCOMPARE(m_window->explorer()->series().total, int64_t(20 * 2'500'000'000LL));
    (void)table;
}

void TestResourcesTab::countsAndListsRecommendations()
{
    views::ResourcesTab *tab = openTab();
    QTRY_VERIFY(tab->tableModel()->rowCount() == 5 && tab->filterModel()->rowCount() == 5);
    const auto *m = tab->tableModel();
    const int column = columnOf(analysis::ResourceColumn::Recommendations);
    QCOMPARE(m->headerData(column, Qt::Horizontal).toString(), QStringLiteral("Recommendations"));
    QHash<QString, int> counts;
    for (int r = 0; r < m->rowCount(); ++r)
        counts.insert(m->index(r, columnOf(analysis::ResourceColumn::Id)).data().toString(),
                      m->index(r, column).data(views::ResourceTableModel::SortRole).toInt());
    QCOMPARE(counts.value(QStringLiteral("i-web1")), 2);
    QCOMPARE(counts.value(QStringLiteral("i-web2")), 0); // its only item is dismissed
    QCOMPARE(counts.value(QStringLiteral("vol-1")), 0);
    // Sorting by the column puts i-web1 first.
    auto *table = tab->findChild<QTableView *>(QStringLiteral("resourcesTable"));
    table->sortByColumn(column, Qt::DescendingOrder);
    QCOMPARE(table->model()->index(0, columnOf(analysis::ResourceColumn::Id)).data().toString(), QStringLiteral("i-web1"));
    QCOMPARE(table->model()->index(0, column).data().toString(), QStringLiteral("2"));
    QCOMPARE(table->model()->index(1, column).data().toString(), QString()); // none: blank

    // The details list them (a dismissed one as such), largest saving first, with how they were found.
    QSignalSpy details(tab, &views::ResourcesTab::detailsLoaded);
    auto *list = tab->findChild<QTreeWidget *>(QStringLiteral("resourceRecommendations"));
    QVERIFY(tab->selectResource(QStringLiteral("i-web2")));
    QVERIFY(details.wait());
    QCOMPARE(list->topLevelItemCount(), 1);
    QCOMPARE(list->topLevelItem(0)->text(0), m_moduleTitle + QStringLiteral(" (dismissed)"));
    QVERIFY(tab->selectResource(QStringLiteral("i-web1")));
    QVERIFY(details.wait());
    QCOMPARE(list->topLevelItemCount(), 2);
    QCOMPARE(list->topLevelItem(0)->text(0), m_moduleTitle);
    QVERIFY2(list->topLevelItem(0)->text(1).contains(QStringLiteral("12.34")), qPrintable(list->topLevelItem(0)->text(1)));
    QCOMPARE(list->topLevelItem(0)->text(2), QStringLiteral("idle for 7 days"));
    // None: says the run found nothing.
    QVERIFY(tab->selectResource(QStringLiteral("vol-1")));
    QTRY_COMPARE(list->topLevelItem(0)->text(0), QStringLiteral("(none)"));
    table->sortByColumn(columnOf(analysis::ResourceColumn::CostMonth), Qt::DescendingOrder);
}

void TestResourcesTab::groupsWithHeaderRows()
{
    views::ResourcesTab *tab = openTab();
    QTRY_VERIFY(tab->tableModel()->rowCount() == 5 && tab->filterModel()->rowCount() == 5);
    auto *table = tab->findChild<QTableView *>(QStringLiteral("resourcesTable"));
    auto *groupBy = tab->findChild<QComboBox *>(QStringLiteral("resourcesGroupBy"));
    groupBy->setCurrentIndex(groupBy->findData(columnOf(analysis::ResourceColumn::Type)));
    QCOMPARE(table->model(), static_cast<QAbstractItemModel *>(tab->groupModel()));
    // instance (3), volume (1), AWS Lambda (the billing-only function's service): 3 headers + 5 rows.
    QCOMPARE(table->model()->rowCount(), 8);
    QCOMPARE(tab->groupModel()->groupCount(), 3);
    int instanceHeader = -1;
    for (int r = 0; r < table->model()->rowCount(); ++r) {
        const bool header = table->model()->index(r, 0).data(views::ResourceGroupModel::GroupHeaderRole).toBool();
        QCOMPARE(header, tab->groupModel()->resourceRow(r) < 0);
        if (header && table->model()->index(r, 0).data().toString().endsWith(QStringLiteral("Type: instance")))
            instanceHeader = r;
    }
    QVERIFY(instanceHeader >= 0);
    QVERIFY(table->model()->index(0, 0).data(views::ResourceGroupModel::GroupHeaderRole).toBool());
    const QModelIndex header = table->model()->index(instanceHeader, 0);
    QCOMPARE(table->model()->index(instanceHeader, columnOf(analysis::ResourceColumn::Id)).data().toString(),
             QStringLiteral("3 resources"));
    // The group's cost this month: i-web1's 20 days x 2.50.
    QCOMPARE(table->model()->index(instanceHeader, columnOf(analysis::ResourceColumn::CostMonth)).data().toString(),
             QLocale().toString(50.0, 'f', 2));
    // Its rows follow it, all instances.
    for (int r = instanceHeader + 1; r <= instanceHeader + 3; ++r)
        QCOMPARE(table->model()->index(r, columnOf(analysis::ResourceColumn::Type)).data().toString(), QStringLiteral("instance"));
    auto *summary = tab->findChild<QLabel *>(QStringLiteral("resourcesSummary"));
    QVERIFY2(summary->text().contains(QStringLiteral("3 groups")), qPrintable(summary->text()));

    // A click folds the group to its header, another unfolds it.
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(header).center());
    QCOMPARE(table->model()->rowCount(), 5);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(table->model()->index(instanceHeader, 0)).center());
    QCOMPARE(table->model()->rowCount(), 8);

    // Filtering keeps the groups of what is left; a resource opens from a group.
    auto *search = tab->findChild<QLineEdit *>(QStringLiteral("resourcesSearch"));
    QTest::keyClicks(search, QStringLiteral("web"));
    QTRY_COMPARE(table->model()->rowCount(), 5); // instance: web-1, web-2; volume: web-1-data
    QVERIFY(tab->selectResource(QStringLiteral("vol-1")));
    QTRY_COMPARE(tab->findChild<QLabel *>(QStringLiteral("resourceDetailsTitle"))->text(), QStringLiteral("web-1-data"));
    const QModelIndex current = table->currentIndex();
    QCOMPARE(tab->groupModel()->resourceRow(current.row()) >= 0, true);
    QCOMPARE(table->model()->index(current.row(), columnOf(analysis::ResourceColumn::Id)).data().toString(), QStringLiteral("vol-1"));
    // Regrouping keeps the selection; no grouping gives the plain rows back.
    search->clear();
    QTRY_COMPARE(table->model()->rowCount(), 8);
    QCOMPARE(table->model()->index(table->currentIndex().row(), columnOf(analysis::ResourceColumn::Id)).data().toString(),
             QStringLiteral("vol-1"));
    groupBy->setCurrentIndex(0);
    QCOMPARE(table->model(), static_cast<QAbstractItemModel *>(tab->filterModel()));
    QCOMPARE(table->model()->rowCount(), 5);
}

void TestResourcesTab::listsBudgetViolations()
{
    // A daily expense limit of 1.00 on i-web1, which costs 2.50 a day: a violation in its details.
    analysis::BudgetConstraint limit;
    limit.kind = analysis::ConstraintKind::DailyExpenseLimit;
    limit.resourceId = QStringLiteral("i-web1");
    limit.amount = 1'000'000'000;
    QString error;
    QVERIFY2(store::BudgetSettings(m_store).setConstraints({limit}, &error), qPrintable(error));
    views::ResourcesTab *tab = openTab();
    QSignalSpy loaded(tab, &views::ResourcesTab::loaded);
    tab->reload();
    QVERIFY(loaded.wait());
    QVERIFY(tab->selectResource(QStringLiteral("i-web2")));
    auto *violations = tab->findChild<QTreeWidget *>(QStringLiteral("resourceViolations"));
    QCOMPARE(violations->topLevelItem(0)->text(0), QStringLiteral("(none)"));
    QVERIFY(tab->selectResource(QStringLiteral("i-web1")));
    bool found = false;
    for (int i = 0; i < violations->topLevelItemCount(); ++i)
        found |= violations->topLevelItem(i)->text(0).startsWith(analysis::constraintKindTitle(analysis::ConstraintKind::DailyExpenseLimit));
    QVERIFY2(found, qPrintable(violations->topLevelItem(0)->text(0)));
}

// A fresh demo (what the first start and `costscope demo` write) already holds a recommendations
// run: the planted waste shows a count in the table and its items in the details, before anyone
// opens the Recommendations tab.
void TestResourcesTab::freshDemoShowsRecommendations()
{
    store::CostStore demoStore;
    QString error;
    QVERIFY2(demoStore.open(m_dir.filePath(QStringLiteral("demo.costscope")), &error), qPrintable(error));
    demo::DemoOptions options;
    options.endDate = kToday;
    options.months = 2;
    options.scale = 0.2;
    double lastFraction = -1;
    QVERIFY2(analysis::generateDemoWithRecommendations(
                 demoStore, options, [&](double f, const QString &) { lastFraction = f; }, {}, nullptr, &error),
             qPrintable(error));
    QVERIFY(lastFraction > 0.9);

    const auto window = testsupport::makeMainWindow(demoStore, kToday);
    window->show();
    auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("tabs"));
    auto *tab = window->findChild<views::ResourcesTab *>(QStringLiteral("resourcesTab"));
    QVERIFY(tabs && tab);
    tabs->setCurrentWidget(tab);
    QTRY_VERIFY_WITH_TIMEOUT(tab->tableModel()->rowCount() > 0, 30000);
    const auto *m = tab->tableModel();
    QHash<QString, int> byName;
    QHash<QString, QString> idByName;
    int withItems = 0;
    for (int r = 0; r < m->rowCount(); ++r) {
        const QString name = m->index(r, columnOf(analysis::ResourceColumn::Name)).data().toString();
        const int n = m->index(r, columnOf(analysis::ResourceColumn::Recommendations))
                          .data(views::ResourceTableModel::SortRole).toInt();
        byName.insert(name, n);
        idByName.insert(name, m->index(r, columnOf(analysis::ResourceColumn::Id)).data().toString());
        if (n > 0)
            ++withItems;
    }
    // Planted idle instances (AWS and Azure).
    for (const char *planted : {"prod-legacy-report-01", "staging-old-api-02", "prod-legacy-ftp"}) {
        const QString name = QString::fromLatin1(planted);
        QVERIFY2(byName.contains(name), planted);
        QVERIFY2(byName.value(name) > 0, planted);
    }
    QVERIFY2(withItems >= 10, qPrintable(QString::number(withItems)));
    QVERIFY(withItems < m->rowCount()); // not everything is waste

    QSignalSpy details(tab, &views::ResourcesTab::detailsLoaded);
    auto *list = tab->findChild<QTreeWidget *>(QStringLiteral("resourceRecommendations"));
    QVERIFY(tab->selectResource(idByName.value(QStringLiteral("prod-legacy-report-01"))));
    QVERIFY(details.wait(30000));
    QVERIFY(list->topLevelItemCount() >= 1);
    QVERIFY(list->topLevelItem(0)->text(0) != QStringLiteral("(none)"));
}

// Billing-only resources: i-usd (USD, 10.00 a day) and vm-eur (EUR, 5.00 a day), February and
// March to the 10th; EUR->USD 1.2 and USD->EUR 0.8 from 2026-03-01 only, so February has no rate.
// Figures by hand.
void TestResourcesTab::displayCurrencyConverts_data()
{
    QTest::addColumn<QString>("display");
    QTest::addColumn<QString>("usdMonth");  // i-usd: this month, to date (in the display currency)
    QTest::addColumn<QString>("usdToDate");
    QTest::addColumn<QString>("eurMonth");  // vm-eur
    QTest::addColumn<QString>("eurToDate");
    QTest::addColumn<QStringList>("named"); // in the summary's no-rate sentence
    // The details pane of vm-eur: its daily chart's 90 days (in the display currency) added up,
    // a day of March and of February, and what the red note under the chart names ("" hidden).
    QTest::addColumn<double>("eurChartSum");
    QTest::addColumn<double>("eurMarchDay");
    QTest::addColumn<double>("eurFebruaryDay");
    QTest::addColumn<QString>("eurChartNote");
    // USD: vm-eur's March 50 x 1.2 = 60.00; its February 140 EUR has no rate: left out, starred, named.
    // Chart: 10 March days of 5 x 1.2 = 6.00 (60.00), February's 28 days of 5 EUR left out and named.
    QTest::newRow("main currency USD") << QString() << QStringLiteral("100.00") << QStringLiteral("380.00")
                                       << QStringLiteral("60.00 *") << QStringLiteral("60.00 *")
                                       << QStringList{QStringLiteral("EUR"), QStringLiteral("2026-02")} << 60.0 << 6.0
                                       << 0.0 << QStringLiteral("in EUR have no rate to USD (140.00 EUR in 2026-02)");
    // EUR: i-usd's March 100 x 0.8 = 80.00, February's 280 USD without a rate. vm-eur's chart is
    // its own currency: 38 days x 5 = 190.00, nothing left out.
    QTest::newRow("EUR") << QStringLiteral("EUR") << QStringLiteral("80.00 *") << QStringLiteral("80.00 *")
                         << QStringLiteral("50.00") << QStringLiteral("190.00")
                         << QStringList{QStringLiteral("USD"), QStringLiteral("2026-02")} << 190.0 << 5.0 << 5.0
                         << QString();
    // GBP: nothing converts; the chart is empty and names both months (190.00 EUR).
    QTest::newRow("GBP, no rate") << QStringLiteral("GBP") << QStringLiteral("0.00 *") << QStringLiteral("0.00 *")
                                  << QStringLiteral("0.00 *") << QStringLiteral("0.00 *")
                                  << QStringList{QStringLiteral("USD"), QStringLiteral("EUR"), QStringLiteral("2026-03")}
                                  << 0.0 << 0.0 << 0.0
                                  << QStringLiteral("in EUR have no rate to GBP (190.00 EUR in 2026-02, 2026-03)");
}

void TestResourcesTab::displayCurrencyConverts()
{
    QFETCH(QString, display);
    QFETCH(QString, usdMonth);
    QFETCH(QString, usdToDate);
    QFETCH(QString, eurMonth);
    QFETCH(QString, eurToDate);
    QFETCH(QStringList, named);
    const QDate today(2026, 3, 10);
    const QString path = m_dir.filePath(QStringLiteral("two-currencies.costscope"));
    const bool fresh = !QFile::exists(path);
    store::CostStore store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    if (fresh) {
        store::CostWriter w(store);
        QVERIFY(w.begin(testsupport::source(QStringLiteral("two")), &error));
        for (QDate month(2026, 2, 1); month <= today; month = month.addMonths(1)) {
            CostBatch usd = testsupport::makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), month);
            CostBatch eur = testsupport::makeBatch(QStringLiteral("Azure"), QStringLiteral("222"), month);
            eur.currency = QStringLiteral("EUR");
            for (QDate d = month; d < month.addMonths(1) && d <= today; d = d.addDays(1)) {
                usd.rows.push_back(testsupport::makeRow(d, "10", QStringLiteral("Amazon EC2"), QStringLiteral("us-east-1"),
                                                        QStringLiteral("111"), QStringLiteral("i-usd")));
                eur.rows.push_back(testsupport::makeRow(d, "5", QStringLiteral("Virtual Machines"),
                                                        QStringLiteral("westeurope"), QStringLiteral("222"),
                                                        QStringLiteral("vm-eur")));
            }
            QVERIFY2(w.add(usd, &error), qPrintable(error));
            QVERIFY2(w.add(eur, &error), qPrintable(error));
        }
        QVERIFY2(w.commit(&error), qPrintable(error));
        const QDate march(2026, 3, 1);
        QVERIFY2(store::CurrencyRateStore(store).replaceAll({testsupport::currencyRate("EUR", "USD", "1.2", march),
                                                             testsupport::currencyRate("USD", "EUR", "0.8", march)},
                                                            &error),
                 qPrintable(error));
    }
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("CostscopeTest"));
    const testsupport::ScopedDisplayCurrency displayCurrency(display);

    const auto window = testsupport::makeMainWindow(store, today);
    auto *tab = window->findChild<views::ResourcesTab *>(QStringLiteral("resourcesTab"));
    QVERIFY(tab);
    auto *table = tab->findChild<QTableView *>(QStringLiteral("resourcesTable"));
    QSignalSpy loaded(tab, &views::ResourcesTab::loaded);
    tab->reload();
    QVERIFY(loaded.wait(20000));
    QCOMPARE(table->model()->rowCount(), 2);
    const QString currency = display.isEmpty() ? QStringLiteral("USD") : display;
    QCOMPARE(table->model()->headerData(columnOf(analysis::ResourceColumn::CostMonth), Qt::Horizontal).toString(),
             QStringLiteral("This month (%1)").arg(currency));
    QHash<QString, QStringList> cells;
    for (int r = 0; r < 2; ++r)
        cells.insert(table->model()->index(r, columnOf(analysis::ResourceColumn::Id)).data().toString(),
                     {table->model()->index(r, columnOf(analysis::ResourceColumn::CostMonth)).data().toString(),
                      table->model()->index(r, columnOf(analysis::ResourceColumn::CostToDate)).data().toString()});
    QCOMPARE(cells.value(QStringLiteral("i-usd")), (QStringList{usdMonth, usdToDate}));
    QCOMPARE(cells.value(QStringLiteral("vm-eur")), (QStringList{eurMonth, eurToDate}));
    const QString summary = tab->findChild<QLabel *>(QStringLiteral("resourcesSummary"))->text();
    for (const QString &n : std::as_const(named))
        QVERIFY2(summary.contains(n), qPrintable(summary));

    // The details pane follows the same currency: the facts, the daily chart, the note under it.
    QFETCH(double, eurChartSum);
    QFETCH(double, eurMarchDay);
    QFETCH(double, eurFebruaryDay);
    QFETCH(QString, eurChartNote);
    QSignalSpy details(tab, &views::ResourcesTab::detailsLoaded);
    QVERIFY(tab->selectResource(QStringLiteral("vm-eur")));
    QVERIFY(details.wait(20000));
    const QString facts = tab->findChild<QLabel *>(QStringLiteral("resourceDetailsFacts"))->text();
    QVERIFY2(facts.contains(eurToDate.remove(QStringLiteral(" *")) + u' ' + currency), qPrintable(facts));
    auto *costChart = tab->findChild<QChartView *>(QStringLiteral("resourceCostChart"));
    QCOMPARE(costChart->chart()->series().size(), 1);
    auto *bars = qobject_cast<QAbstractBarSeries *>(costChart->chart()->series().first());
    QVERIFY(bars);
    const QBarSet *set = bars->barSets().first();
    QCOMPARE(set->count(), 90); // 2025-12-11 .. 2026-03-10
    double sum = 0;
    for (int i = 0; i < set->count(); ++i)
        sum += set->at(i);
    QCOMPARE(qRound(sum * 100), qRound(eurChartSum * 100));
    QCOMPARE(set->at(89), eurMarchDay);    // 2026-03-10
    QCOMPARE(set->at(89 - 10), eurFebruaryDay); // 2026-02-28
    auto *note = tab->findChild<QLabel *>(QStringLiteral("resourceCostNote"));
    QVERIFY(note);
    QCOMPARE(note->isVisibleTo(tab), !eurChartNote.isEmpty());
    if (!eurChartNote.isEmpty())
        QVERIFY2(note->text().contains(eurChartNote), qPrintable(note->text()));
}

QTEST_MAIN(TestResourcesTab)
#include "TestResourcesTab.moc"
