#include "StoreTestSupport.h"

#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "model/store/CurrencyRateStore.h"
#include "support/GuiTestSupport.h"
#include "views/MainWindow.h"
#include "views/anomalies/AnomaliesTab.h"
#include "views/common/DisplayCurrency.h"
#include "views/common/JobRunner.h"
#include "views/explorer/ExplorerTab.h"

#include <QAbstractItemModel>
#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace costscope;

namespace {

const QDate kFirst(2026, 2, 1);
const QDate kSpike(2026, 3, 20);
const QDate kLast(2026, 3, 24);

template <typename T> T *child(QWidget *root, const char *name)
{
    return root->findChild<T *>(QString::fromLatin1(name));
}

} // namespace

class TestAnomaliesTab : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void findsJumpAndLinksToExplorer();
    void displayCurrencyConverts();

private:
    QTemporaryDir m_dir;
    QString m_path;
};

void TestAnomaliesTab::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("CostscopeTest"));
    views::setDisplayCurrencySetting({});
    m_path = m_dir.filePath(QStringLiteral("a.costscope"));
    store::CostStore store;
    QVERIFY(store.open(m_path));
    std::vector<CostBatch> batches;
    for (QDate month = kFirst; month <= kLast; month = month.addMonths(1)) {
        CostBatch b = testsupport::makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), month);
        for (QDate d = month; d < month.addMonths(1) && d <= kLast; d = d.addDays(1)) {
            b.rows.push_back(testsupport::makeRow(d, "10", QStringLiteral("EC2"), QStringLiteral("us-east-1"),
                                                  QStringLiteral("222"), QStringLiteral("i-steady")));
            b.rows.push_back(testsupport::makeRow(d, d == kSpike ? "50" : "5", QStringLiteral("EC2"),
                                                  QStringLiteral("us-east-1"), QStringLiteral("222"),
                                                  QStringLiteral("i-big")));
        }
        batches.push_back(std::move(b));
    }
    store::CostWriter writer(store);
    QString error;
    QVERIFY2(writer.write(testsupport::source(QStringLiteral("t")), batches, &error), qPrintable(error));
}

void TestAnomaliesTab::findsJumpAndLinksToExplorer()
{
    store::CostStore store;
    QVERIFY(store.open(m_path));
    const auto window = testsupport::makeMainWindow(store, kLast);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    views::AnomaliesTab *tab = window->anomalies();
    QVERIFY(tab);
    QSignalSpy detected(tab, &views::AnomaliesTab::detected);
    QSignalSpy forecast(tab, &views::AnomaliesTab::forecastLoaded);
    auto *tabs = child<QTabWidget>(window.get(), "tabs");
    QTRY_VERIFY(!window->jobs()->isRunning());
    tabs->setCurrentWidget(tab); // the detection runs when the tab is first shown
    QTRY_VERIFY(detected.count() >= 1);
    QTRY_VERIFY(forecast.count() >= 1);

    // Account 222, service EC2 and resource i-big jumped on the spike day (15 -> 55, 45 over the
    // mean); i-steady did not.
    auto *table = child<QTableView>(tab, "anomaliesTable");
    QCOMPARE(table->model()->rowCount(), 3);
    QStringList names;
    for (int r = 0; r < 3; ++r) {
        QCOMPARE(table->model()->index(r, 0).data().toString(), kSpike.toString(Qt::ISODate));
        names << table->model()->index(r, 2).data().toString();
    }
    names.sort();
    QCOMPARE(names, (QStringList{QStringLiteral("222"), QStringLiteral("EC2"), QStringLiteral("i-big")}));
    QCOMPARE(tab->report().anomalies.size(), size_t(3));
    QVERIFY(child<QLabel>(tab, "anomaliesSummary")->text().contains(QStringLiteral("30 %")));

    // The selected anomaly shows its contributors; i-big is the one that grew.
    int accountRow = -1;
    for (int r = 0; r < 3; ++r)
        if (table->model()->index(r, 2).data().toString() == u"222")
            accountRow = r;
    table->selectRow(accountRow);
    auto *contributors = child<QTreeWidget>(tab, "anomaliesContributors");
    QTRY_VERIFY(contributors->topLevelItemCount() >= 1);
    QCOMPARE(contributors->topLevelItem(0)->text(1), QStringLiteral("i-big"));
    QTRY_VERIFY(child<QChartView>(tab, "anomaliesChart")->chart()->series().size() >= 2);

    // Open in Cost Explorer: filtered to the account around the day.
    QSignalSpy explorerLoaded(window->explorer(), &views::ExplorerTab::loaded);
    QTest::mouseClick(child<QPushButton>(tab, "anomaliesOpenExplorer"), Qt::LeftButton);
    QCOMPARE(tabs->currentWidget(), window->explorer());
    QTRY_VERIFY(explorerLoaded.count() >= 1);
    const store::CostQuerySpec spec = window->explorer()->currentSpec();
    QCOMPARE(spec.from, kSpike.addDays(-14));
    QCOMPARE(spec.to, kSpike.addDays(8));
    QCOMPARE(spec.filters.size(), 1);
    QCOMPARE(spec.filters.first().dimension, store::Dimension::Account);
    QCOMPARE(spec.filters.first().values, QStringList{QStringLiteral("222")});
    QTRY_COMPARE(window->explorer()->series().total,
                 store::CostQuery(store).aggregate(window->explorer()->currentSpec()).total);

    // A shorter window is another question, asked again: the same three jumps.
    tabs->setCurrentWidget(tab);
    detected.clear();
    child<QSpinBox>(tab, "anomaliesWindow")->setValue(3);
    QTRY_VERIFY(detected.count() >= 1);
    QCOMPARE(tab->report().options.detector.windowDays, 3);
    QCOMPARE(table->model()->rowCount(), 3);
}

// The display currency EUR with USD->EUR 0.8: the account's jump (15.00 -> 10.00 + 50.00 USD) reads
// 12.00 -> 48.00 EUR; with GBP and no rate every cost is left out and the summary names it.
void TestAnomaliesTab::displayCurrencyConverts()
{
    store::CostStore store;
    QVERIFY(store.open(m_path));
    CurrencyRate rate;
    rate.from = QStringLiteral("USD");
    rate.to = QStringLiteral("EUR");
    rate.validFrom = currencyRateAlways();
    rate.rate = *ExchangeRate::parse(QStringLiteral("0.8"));
    QString error;
    QVERIFY2(store::CurrencyRateStore(store).replaceAll({rate}, &error), qPrintable(error));
    views::setDisplayCurrencySetting(QStringLiteral("EUR"));
    const auto reset = qScopeGuard([&store] {
        views::setDisplayCurrencySetting({});
        QString e;
        store::CurrencyRateStore(store).replaceAll({}, &e);
    });
    const auto window = testsupport::makeMainWindow(store, kLast);
    window->show();
    views::AnomaliesTab *tab = window->anomalies();
    QSignalSpy detected(tab, &views::AnomaliesTab::detected);
    QTRY_VERIFY(!window->jobs()->isRunning());
    child<QTabWidget>(window.get(), "tabs")->setCurrentWidget(tab);
    QTRY_VERIFY(detected.count() >= 1);
    QCOMPARE(tab->report().currency, QStringLiteral("EUR"));
    const analysis::Anomaly *account = nullptr;
    for (const analysis::Anomaly &a : tab->report().anomalies)
        if (a.key == u"222" && a.metric == analysis::AnomalyMetric::Cost)
            account = &a;
    QVERIFY(account);
    QCOMPARE(account->day, kSpike);
    QCOMPARE(account->expected, Money::parse(QStringLiteral("12"))->nanos());
    QCOMPARE(account->actual, Money::parse(QStringLiteral("48"))->nanos());
    QVERIFY(tab->report().unconverted.empty());

    views::setDisplayCurrencySetting(QStringLiteral("GBP"));
    detected.clear();
    child<QSpinBox>(tab, "anomaliesWindow")->setValue(5); // asks again
    QTRY_VERIFY(detected.count() >= 1);
    QCOMPARE(tab->report().currency, QStringLiteral("GBP"));
    QVERIFY(tab->report().anomalies.empty());
    QCOMPARE(tab->report().unconverted.size(), size_t(1));
    const QString summary = child<QLabel>(tab, "anomaliesSummary")->text();
    QVERIFY2(summary.contains(QStringLiteral("USD")) && summary.contains(QStringLiteral("no rate to GBP")),
             qPrintable(summary));
}

QTEST_MAIN(TestAnomaliesTab)
#include "TestAnomaliesTab.moc"
