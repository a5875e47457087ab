#include "model/Domain.h"
#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "model/store/Schema.h"
#include "views/MainWindow.h"
#include "views/common/ChartStyle.h"
#include "views/common/JobRunner.h"
#include "views/dashboard/DashboardData.h"
#include "views/dashboard/DashboardTab.h"
#include "views/explorer/CostTableModel.h"
#include "views/explorer/ExplorerTab.h"

#include <QAbstractBarSeries>
#include <QAbstractItemModel>
#include <QBarSet>
#include <QFile>
#include <QToolTip>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QTest>

#include <array>
#include <thread>

using namespace costscope;

namespace {

const QDate kFirstDay(2026, 1, 1);
const QDate kLastDay(2026, 3, 15); // data ends mid-month
const QDate kToday(2026, 4, 10);   // the injected "real" date, after the data ends

int64_t units(double u) { return Money::fromDouble(u).nanos(); }

// The fixture's known daily costs.
int64_t ec2Daily(const QDate &d) { return d.month() == 2 ? units(8.0) : units(10.0) + (d.dayOfWeek() >= 6 ? units(3.0) : 0); }
int64_t s3Daily(const QDate &) { return units(2.5); }
int64_t gceDaily(const QDate &) { return units(4.25); }
int64_t dailyTotal(const QDate &d) { return ec2Daily(d) + s3Daily(d) + gceDaily(d); }

int64_t sumDays(const QDate &from, const QDate &toExclusive, int64_t (*fn)(const QDate &))
{
    int64_t t = 0;
    for (QDate d = from; d < toExclusive; d = d.addDays(1))
        t += fn(d);
    return t;
}

CostRow row(const QDate &day, const QString &sub, const QString &service, const QString &region,
            const QString &resource, int64_t nanos, const Tags &tags)
{
    CostRow r;
    r.chargeStart = day.startOfDay(Qt::UTC).toSecsSinceEpoch();
    r.chargeEnd = r.chargeStart + 86400;
    r.subAccountId = sub;
    r.subAccountName = sub + QStringLiteral(" name");
    r.serviceName = service;
    r.region = region;
    r.resourceId = resource;
    r.billedCost = Money::fromNanos(nanos);
    r.effectiveCost = r.billedCost;
    r.listCost = r.billedCost;
    r.tags = tags;
    return r;
}

// Three months of AWS (EC2 tagged team=alpha, S3 tagged team=beta) and GCP (untagged).
bool writeFixture(store::CostStore &store, const QDate &first, const QDate &last, QString *error)
{
    std::vector<CostBatch> batches;
    for (QDate month(first.year(), first.month(), 1); month <= last; month = month.addMonths(1)) {
        CostBatch aws;
        aws.provider = QStringLiteral("AWS");
        aws.billingAccountId = QStringLiteral("111111111111");
        aws.billingAccountName = QStringLiteral("payer");
        aws.periodStart = month;
        aws.periodEnd = month.addMonths(1);
        CostBatch gcp = aws;
        gcp.provider = QStringLiteral("GCP");
        gcp.billingAccountId = QStringLiteral("0A0A0A-BBBBBB");
        for (QDate d = std::max(month, first); d < month.addMonths(1) && d <= last; d = d.addDays(1)) {
            aws.rows.push_back(row(d, QStringLiteral("111111111111"), QStringLiteral("Amazon EC2"), QStringLiteral("us-east-1"),
                                   QStringLiteral("i-1"), ec2Daily(d), {{QStringLiteral("team"), QStringLiteral("alpha")}}));
            aws.rows.push_back(row(d, QStringLiteral("111111111111"), QStringLiteral("Amazon S3"), QStringLiteral("us-west-2"),
                                   QStringLiteral("bucket-1"), s3Daily(d), {{QStringLiteral("team"), QStringLiteral("beta")}}));
            gcp.rows.push_back(row(d, QStringLiteral("my-project"), QStringLiteral("Compute Engine"),
                                   QStringLiteral("europe-west1"), QStringLiteral("vm-1"), gceDaily(d), {}));
        }
        batches.push_back(std::move(aws));
        batches.push_back(std::move(gcp));
    }
    store::CostWriter writer(store);
    SourceInfo source{QStringLiteral("file"), QStringLiteral("fixture"), QStringLiteral("digest-1"), QStringLiteral("test")};
    return writer.write(source, batches, error);
}

template <typename T> T *child(QWidget *root, const char *name)
{
    return root->findChild<T *>(QString::fromLatin1(name));
}

views::MainWindowOptions testOptions()
{
    views::MainWindowOptions o;
    o.today = [] { return kToday; };
    o.generateDemo = [](store::CostStore &, const ProgressFn &, const CancelFn &, QString *error) {
        *error = QStringLiteral("not expected in this test");
        return false;
    };
    return o;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void dashboardShowsStoreNumbers();
    void explorerGroupingAndFilterMatchStore();
    void openAnotherWorkspace();
    void forecastFollowsWeekdays();
    void darkPaletteRestylesCharts();
    void firstStartGeneratesDemo();
    void firstStartCancelAndError();
    void jobProgressLineClearedWhenDone();

private:
    QTemporaryDir m_dir;
    QString m_path;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("fixture.costscope"));
    store::CostStore store;
    QString error;
    QVERIFY2(store.open(m_path, &error), qPrintable(error));
    QVERIFY2(writeFixture(store, kFirstDay, kLastDay, &error), qPrintable(error));
    // A small account billed in EUR: not added to USD amounts, but named.
    CostBatch eur;
    eur.provider = QStringLiteral("Azure");
    eur.billingAccountId = QStringLiteral("eu-billing");
    eur.currency = QStringLiteral("EUR");
    eur.periodStart = QDate(2026, 3, 1);
    eur.periodEnd = QDate(2026, 4, 1);
    eur.rows.push_back(row(QDate(2026, 3, 2), QStringLiteral("eu-sub"), QStringLiteral("Virtual Machines"),
                           QStringLiteral("westeurope"), QStringLiteral("vm-eu"), units(1.0), {}));
    store::CostWriter writer(store);
    SourceInfo source{QStringLiteral("file"), QStringLiteral("eur"), QStringLiteral("digest-eur"), QStringLiteral("test")};
    QVERIFY2(writer.write(source, {eur}, &error), qPrintable(error));
}

void TestMainWindow::dashboardShowsStoreNumbers()
{
    store::CostStore store;
    QVERIFY(store.open(m_path));
    views::MainWindow window(store, testOptions());
    QSignalSpy loaded(window.dashboard(), &views::DashboardTab::loaded);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(loaded.count() >= 1);

    auto *tabs = child<QTabWidget>(&window, "tabs");
    QVERIFY(tabs);
    QStringList tabNames; // only tabs that work
    for (int i = 0; i < tabs->count(); ++i)
        tabNames << tabs->widget(i)->objectName();
    QVERIFY2(tabNames.contains(QStringLiteral("explorerTab")) && tabNames.contains(QStringLiteral("anomaliesTab")),
             qPrintable(tabNames.join(u',')));
    QCOMPARE(tabs->currentWidget()->objectName(), QStringLiteral("dashboardTab"));

    // Month to date is March 1..15 (the data ends before "today").
    const int64_t mtd = sumDays(QDate(2026, 3, 1), kLastDay.addDays(1), dailyTotal);
    const int64_t febSameDays = sumDays(QDate(2026, 2, 1), QDate(2026, 2, 16), dailyTotal);
    const int64_t febFull = sumDays(QDate(2026, 2, 1), QDate(2026, 3, 1), dailyTotal);
    QCOMPARE(child<QLabel>(&window, "dashboardMonthToDate")->text(), views::moneyText(mtd, QStringLiteral("USD")));
    QVERIFY(child<QLabel>(&window, "dashboardMonthToDateChange")->text().contains(views::percentChangeText(mtd, febSameDays)));
    QVERIFY(child<QLabel>(&window, "dashboardMonthToDateChange")->text().contains(views::moneyText(febSameDays, QStringLiteral("USD"))));
    QCOMPARE(child<QLabel>(&window, "dashboardLastMonth")->text(), views::moneyText(febFull, QStringLiteral("USD")));
    QVERIFY(child<QLabel>(&window, "dashboardAsOf")->text().contains(QLocale().toString(kLastDay, QLocale::LongFormat)));
    QVERIFY(!child<QLabel>(&window, "dashboardForecast")->toolTip().isEmpty());
    QVERIFY(child<QLabel>(&window, "dashboardCurrencyNote")->text().contains(QStringLiteral("EUR")));

    // The same numbers straight from the store.
    store::CostQuery query(store);
    store::CostQuerySpec spec;
    spec.from = QDate(2026, 3, 1);
    spec.to = kLastDay.addDays(1);
    spec.granularity = store::Granularity::Total;
    QCOMPARE(window.dashboard()->data().monthToDate, query.aggregate(spec).total);

    // The daily chart stacks one bar set per provider; hovering a bar names it with its amount.
    QChart *daily = child<QChartView>(&window, "dashboardDailyChart")->chart();
    QVERIFY(daily);
    QCOMPARE(daily->series().size(), 1);
    auto *bars = qobject_cast<QAbstractBarSeries *>(daily->series().first());
    QVERIFY(bars);
    QCOMPARE(bars->count(), 2);
    QBarSet *awsSet = bars->barSets().first();
    QCOMPARE(awsSet->label(), QStringLiteral("AWS"));
    QCOMPARE(awsSet->count(), 90);
    Q_EMIT awsSet->hovered(true, 89); // the last bar is the as-of day
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains(views::moneyText(ec2Daily(kLastDay) + s3Daily(kLastDay), QStringLiteral("USD"))),
             qPrintable(QToolTip::text()));
    Q_EMIT awsSet->hovered(false, 89);
    QCOMPARE(daily->axes(Qt::Vertical).first()->titleText(), QStringLiteral("USD"));
    QVERIFY(!child<QWidget>(&window, "demoBanner")->isVisible());
}

void TestMainWindow::explorerGroupingAndFilterMatchStore()
{
    store::CostStore store;
    QVERIFY(store.open(m_path));
    views::MainWindow window(store, testOptions());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *tabs = child<QTabWidget>(&window, "tabs");
    views::ExplorerTab *explorer = window.explorer();
    QSignalSpy loaded(explorer, &views::ExplorerTab::loaded);
    tabs->setCurrentWidget(explorer);
    QCOMPARE(tabs->currentWidget()->objectName(), QStringLiteral("explorerTab"));
    QTRY_VERIFY(loaded.count() >= 1);

    auto *table = child<QTableView>(explorer, "explorerTable");
    auto *total = child<QLabel>(explorer, "explorerTotal");
    auto *groupBy = child<QComboBox>(explorer, "explorerGroupBy");
    QVERIFY(table && total && groupBy);
    store::CostQuery query(store);

    // Sums what the table shows in its total column, and checks the footer and the store agree.
    auto checkAgainstStore = [&](int expectedRows) {
        const QAbstractItemModel *m = table->model();
        QCOMPARE(m->rowCount(), expectedRows);
        // The tab shows the display currency (the main one here); the EUR row has no rate to
        // USD, so it is listed in EUR and left out of the total, never converted at 1.
        int64_t sum = 0;
        int64_t eurSum = 0;
        for (int r = 0; r < m->rowCount(); ++r) {
            const QModelIndex i = m->index(r, views::CostTableModel::TotalColumn);
            (i.data().toString().endsWith(QStringLiteral("EUR")) ? eurSum : sum) += i.data(views::CostTableModel::RawRole).toLongLong();
        }
        store::CostQuerySpec spec = explorer->currentSpec();
        if (spec.displayCurrency.isEmpty())
            spec.displayCurrency = query.mainCurrency();
        const store::CostSeries expected = query.aggregate(spec);
        int64_t unconverted = 0;
        for (const store::UnconvertedAmount &u : expected.unconverted)
            unconverted += u.nanos;
        QCOMPARE(sum, expected.total);
        QCOMPARE(eurSum, unconverted);
        QCOMPARE(static_cast<size_t>(m->rowCount()), expected.groups.size());
        QVERIFY2(total->text().contains(views::moneyText(expected.total, expected.currency)), qPrintable(total->text()));
        // Sorted by total, largest first.
        for (int r = 1; r < m->rowCount(); ++r)
            QVERIFY(m->index(r - 1, 1).data(views::CostTableModel::RawRole).toLongLong() >=
                    m->index(r, 1).data(views::CostTableModel::RawRole).toLongLong());
    };

    // Default: last 90 days up to the last day with data, by service.
    QCOMPARE(explorer->currentSpec().to, kLastDay.addDays(1));
    QCOMPARE(explorer->currentSpec().from, kLastDay.addDays(-89));
    checkAgainstStore(4); // three services in USD, and Virtual Machines in EUR (no rate)
    QVERIFY(child<QLabel>(explorer, "explorerNote")->text().contains(QStringLiteral("EUR have no rate to USD")));
    const int64_t all = sumDays(kFirstDay, kLastDay.addDays(1), dailyTotal);
    QCOMPARE(explorer->series().total, all);

    // Group by provider.
    loaded.clear();
    groupBy->setCurrentIndex(groupBy->findData(static_cast<int>(store::Dimension::Provider)));
    QTRY_VERIFY(loaded.count() >= 1);
    checkAgainstStore(3); // AWS, GCP, and Azure in EUR
    QCOMPARE(table->model()->index(0, 0).data().toString(), QStringLiteral("AWS"));
    const int64_t aws = sumDays(kFirstDay, kLastDay.addDays(1), ec2Daily) + sumDays(kFirstDay, kLastDay.addDays(1), s3Daily);
    QCOMPARE(table->model()->index(0, 1).data(views::CostTableModel::RawRole).toLongLong(), aws);

    // Group by the tag "team", then keep AWS only through the filter.
    loaded.clear();
    auto *tagKey = child<QComboBox>(explorer, "explorerTagKey");
    groupBy->setCurrentIndex(groupBy->findData(static_cast<int>(store::Dimension::Tag)));
    tagKey->setCurrentIndex(tagKey->findText(QStringLiteral("team")));
    QTRY_VERIFY(loaded.count() >= 1);
    QTRY_COMPARE(explorer->currentSpec().groupTagKey, QStringLiteral("team"));
    QTRY_COMPARE(table->model()->rowCount(), 4); // alpha, beta, untagged, untagged in EUR
    checkAgainstStore(4);

    auto *filterDim = child<QComboBox>(explorer, "explorerFilterDim");
    auto *values = child<QListWidget>(explorer, "explorerFilterValues");
    filterDim->setCurrentIndex(filterDim->findData(static_cast<int>(store::Dimension::Provider)));
    // Azure, billed in EUR with no rate to USD, is a choice too: its cost named in EUR, last.
    QTRY_COMPARE(values->count(), 3);
    QCOMPARE(values->item(2)->text(), QStringLiteral("Azure"));
    QVERIFY2(values->item(2)->toolTip().endsWith(QStringLiteral(" EUR with no rate to USD")),
             qPrintable(values->item(2)->toolTip()));
    loaded.clear();
    const QList<QListWidgetItem *> awsItems = values->findItems(QStringLiteral("AWS"), Qt::MatchExactly);
    QCOMPARE(awsItems.size(), 1);
    awsItems.first()->setCheckState(Qt::Checked);
    QTRY_VERIFY(loaded.count() >= 1);
    QCOMPARE(explorer->currentSpec().filters.size(), 1);
    checkAgainstStore(2); // alpha and beta: GCP's untagged cost is filtered out
    QCOMPARE(explorer->series().total, aws);

    // Monthly: one column per month of the range (Dec .. Mar).
    loaded.clear();
    auto *granularity = child<QComboBox>(explorer, "explorerGranularity");
    granularity->setCurrentIndex(granularity->findData(static_cast<int>(store::Granularity::Month)));
    QTRY_VERIFY(loaded.count() >= 1);
    QCOMPARE(table->model()->columnCount(), views::CostTableModel::FirstBucketColumn + 4);
    checkAgainstStore(2);
    QVERIFY(child<QChartView>(explorer, "explorerChart")->chart()->axes(Qt::Vertical).first()->titleText() ==
            QStringLiteral("USD"));

    // Clearing the filter brings GCP back.
    loaded.clear();
    QTest::mouseClick(child<QPushButton>(explorer, "explorerFilterClear"), Qt::LeftButton);
    QTRY_VERIFY(loaded.count() >= 1);
    QTRY_COMPARE(explorer->series().total, all);
}

// File > Open workspace: a file that is not a workspace keeps the current one; a good one opens;
// one of an earlier schema is upgraded on a worker while a dialog says so, then opens as usual.
void TestMainWindow::openAnotherWorkspace()
{
    store::CostStore store;
    QVERIFY(store.open(m_path));
    views::MainWindow window(store, testOptions());
    QSignalSpy loaded(window.dashboard(), &views::DashboardTab::loaded);
    window.show();
    QTRY_VERIFY(loaded.count() >= 1);
    const QString notAWorkspace = m_dir.filePath(QStringLiteral("notes.txt"));
    QFile f(notAWorkspace);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("these are not the bills you are looking for\n");
    f.close();
    QVERIFY(!window.openWorkspace(notAWorkspace));
    auto *banner = child<QWidget>(&window, "errorBanner");
    QVERIFY(banner->isVisible());
    QVERIFY(child<QLabel>(banner, "bannerText")->text().contains(QStringLiteral("notes.txt")));
    QCOMPARE(store.path(), m_path); // the previous workspace is open again
    QVERIFY(!store::CostQuery(store).dataRange().isEmpty());

    // A new workspace at path with the fixture's days [from, to], then the SQL.
    const auto writeWorkspace = [](const QString &path, const QDate &from, const QDate &to, const char *sql) {
        store::CostStore s;
        QString error;
        return s.open(path, &error) && writeFixture(s, from, to, &error) && (!sql || s.db().exec(sql));
    };

    // Opening a good one clears the banner and reloads the tabs.
    const QString other = m_dir.filePath(QStringLiteral("other.costscope"));
    QVERIFY(writeWorkspace(other, QDate(2026, 3, 1), QDate(2026, 3, 1), nullptr));
    loaded.clear();
    QVERIFY(window.openWorkspace(other));
    QVERIFY(!banner->isVisible());
    QTRY_VERIFY(loaded.count() >= 1);
    QCOMPARE(child<QLabel>(&window, "dashboardMonthToDate")->text(),
             views::moneyText(dailyTotal(QDate(2026, 3, 1)), QStringLiteral("USD")));
    QVERIFY(window.windowTitle().contains(QStringLiteral("other.costscope")));

    // A copy of the fixture made to look like schema 15: small line item ids, the period index.
    const QString older = m_dir.filePath(QStringLiteral("older.costscope"));
    QVERIFY(writeWorkspace(older, QDate(2026, 3, 1), QDate(2026, 3, 5),
                           "CREATE TEMP TABLE renumber AS SELECT id AS old, row_number() OVER (ORDER BY id) AS new "
                           "FROM line_item; UPDATE line_item SET id = (SELECT new FROM renumber WHERE old = id); "
                           "CREATE INDEX line_item_period ON line_item(period_id); PRAGMA user_version = 15"));
    QVERIFY(store::CostStore::needsUpgrade(older));
    QVERIFY(!store::CostStore::needsUpgrade(m_path));

    bool dialogSeen = false;
    QString dialogText;
    QTimer::singleShot(0, &window, [&] {
        for (QWidget *w : QApplication::topLevelWidgets())
            if (auto *dialog = qobject_cast<QProgressDialog *>(w);
                dialog && dialog->objectName() == u"workspaceUpgradeDialog" && dialog->isVisible()) {
                dialogSeen = true;
                dialogText = dialog->labelText();
            }
    });
    loaded.clear();
    QVERIFY(window.openWorkspace(older));
    QVERIFY(dialogSeen);
    QVERIFY2(dialogText.contains(QStringLiteral("older.costscope")), qPrintable(dialogText));
    for (QWidget *w : QApplication::topLevelWidgets())
        QVERIFY(w->objectName() != u"workspaceUpgradeDialog" || !w->isVisible());
    QCOMPARE(store.path(), older);
    QCOMPARE(store.db().queryInt("PRAGMA user_version"), qint64(store::Schema::kCurrentVersion));
    QVERIFY(!store::CostStore::needsUpgrade(older));
    QTRY_VERIFY(loaded.count() >= 1);
    QCOMPARE(child<QLabel>(&window, "dashboardMonthToDate")->text(),
             views::moneyText(sumDays(QDate(2026, 3, 1), QDate(2026, 3, 6), dailyTotal), QStringLiteral("USD")));
}

void TestMainWindow::forecastFollowsWeekdays()
{
    store::CostStore store;
    QVERIFY(store.open(m_path));
    store::CostQuery query(store);
    const views::DashboardData d = views::computeDashboard(query, kToday);
    QCOMPARE(d.asOf, kLastDay);
    // Independent: average of each weekday over the 28 days ending with kLastDay.
    std::array<int64_t, 8> sum{};
    std::array<int64_t, 8> count{};
    for (QDate day = kLastDay.addDays(-27); day <= kLastDay; day = day.addDays(1)) {
        sum[static_cast<size_t>(day.dayOfWeek())] += dailyTotal(day);
        ++count[static_cast<size_t>(day.dayOfWeek())];
    }
    int64_t rest = 0;
    for (QDate day = kLastDay.addDays(1); day <= QDate(2026, 3, 31); day = day.addDays(1))
        rest += sum[static_cast<size_t>(day.dayOfWeek())] / count[static_cast<size_t>(day.dayOfWeek())];
    QCOMPARE(d.forecastRemainingDays, 16);
    QCOMPARE(d.forecastSampleDays, 28);
    QCOMPARE(d.forecastRemaining, rest);
    QCOMPARE(d.forecast, d.monthToDate + rest);
    // Weekends cost more in March, so the projection is not a flat daily average.
    QVERIFY(rest != 16 * (sumDays(kLastDay.addDays(-27), kLastDay.addDays(1), dailyTotal) / 28));
}

void TestMainWindow::darkPaletteRestylesCharts()
{
    store::CostStore store;
    QVERIFY(store.open(m_path));
    views::MainWindow window(store, testOptions());
    QSignalSpy loaded(window.dashboard(), &views::DashboardTab::loaded);
    window.show();
    QTRY_VERIFY(loaded.count() >= 1);
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    window.setPalette(dark);
    QChart *chart = child<QChartView>(&window, "dashboardDailyChart")->chart();
    QTRY_COMPARE(chart->backgroundBrush().color(), QColor(0x1e, 0x1e, 0x1e));
    QCOMPARE(chart->axes(Qt::Vertical).first()->labelsBrush().color(), QColor(0xee, 0xee, 0xee));
    QVERIFY(views::isDarkPalette(dark));
    // Series colours stay distinguishable from the dark background.
    QVERIFY(views::seriesColor(0, dark).lightnessF() > 0.4);
}

void TestMainWindow::firstStartGeneratesDemo()
{
    const QString path = m_dir.filePath(QStringLiteral("first-start.costscope"));
    store::CostStore store;
    QVERIFY(store.open(path));
    views::MainWindowOptions options = testOptions();
    options.firstStart = true;
    options.generateDemo = [](store::CostStore &s, const ProgressFn &progress, const CancelFn &, QString *error) {
        progress(0.5, QStringLiteral("Writing costs"));
        if (!writeFixture(s, QDate(2026, 3, 1), QDate(2026, 3, 2), error))
            return false;
        return s.setMetaValue(QStringLiteral("demo"), QStringLiteral("1"));
    };
    views::MainWindow window(store, options);
    QSignalSpy finished(&window, &views::MainWindow::jobFinished);
    window.show();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(store.isDemo());
    QTRY_VERIFY(child<QWidget>(&window, "demoBanner")->isVisible());
    QVERIFY(window.windowTitle().contains(QStringLiteral("demo")));
    const int64_t twoDays = dailyTotal(QDate(2026, 3, 1)) + dailyTotal(QDate(2026, 3, 2));
    QTRY_COMPARE(child<QLabel>(&window, "dashboardMonthToDate")->text(), views::moneyText(twoDays, QStringLiteral("USD")));
    QVERIFY(!child<QWidget>(&window, "statusCancel")->isVisible());
}

void TestMainWindow::firstStartCancelAndError()
{
    {
        const QString path = m_dir.filePath(QStringLiteral("cancelled.costscope"));
        store::CostStore store;
        QVERIFY(store.open(path));
        views::MainWindowOptions options = testOptions();
        options.firstStart = true;
        // Runs until cancelled, as a long generation would.
        options.generateDemo = [](store::CostStore &, const ProgressFn &progress, const CancelFn &cancelled, QString *error) {
            progress(0.1, QStringLiteral("Working"));
            while (!cancelled())
                std::this_thread::yield();
            *error = QStringLiteral("cancelled");
            return false;
        };
        views::MainWindow window(store, options);
        QSignalSpy finished(&window, &views::MainWindow::jobFinished);
        window.show();
        auto *cancel = child<QPushButton>(&window, "statusCancel");
        QTRY_VERIFY(cancel->isVisible());
        QTRY_VERIFY(child<QLabel>(&window, "statusMessage")->text().contains(QStringLiteral("Working")));
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY(!cancel->isVisible());
        QVERIFY(!child<QWidget>(&window, "errorBanner")->isVisible());
        QTRY_VERIFY(child<QLabel>(&window, "dashboardEmpty")->text().contains(QStringLiteral("cancelled")));
    }
    {
        const QString path = m_dir.filePath(QStringLiteral("failed.costscope"));
        store::CostStore store;
        QVERIFY(store.open(path));
        views::MainWindowOptions options = testOptions();
        options.firstStart = true;
        options.generateDemo = [](store::CostStore &, const ProgressFn &, const CancelFn &, QString *error) {
            *error = QStringLiteral("disk full");
            return false;
        };
        views::MainWindow window(store, options);
        QSignalSpy finished(&window, &views::MainWindow::jobFinished);
        window.show();
        QTRY_COMPARE(finished.count(), 1);
        auto *banner = child<QWidget>(&window, "errorBanner");
        QTRY_VERIFY(banner->isVisible());
        QVERIFY(child<QLabel>(banner, "bannerText")->text().contains(QStringLiteral("disk full")));
        QVERIFY(!child<QWidget>(&window, "demoBanner")->isVisible());
    }
}

void TestMainWindow::jobProgressLineClearedWhenDone()
{
    const QString path = m_dir.filePath(QStringLiteral("statusline.costscope"));
    store::CostStore store;
    QVERIFY(store.open(path));
    views::MainWindow window(store, testOptions());
    window.show();
    auto *status = child<QLabel>(&window, "statusMessage");
    // A job whose outcome says nothing: its last progress line must not stay as if still running.
    QSignalSpy finished(window.jobs(), &views::JobRunner::finished);
    QVERIFY(window.jobs()->start(
        QStringLiteral("Detecting anomalies"),
        [](const ProgressFn &progress, const CancelFn &, QString *) {
            progress(0.9, QStringLiteral("Finding what grew"));
            return true;
        },
        &window, [](const views::JobRunner::Outcome &) {}));
    QTRY_COMPARE(finished.count(), 1);
    QVERIFY2(!status->text().contains(QStringLiteral("Finding what grew")), qPrintable(status->text()));
    QVERIFY(!status->text().contains(QStringLiteral("Detecting anomalies")));

    // A job whose outcome writes a summary keeps it.
    QSignalSpy finishedAgain(window.jobs(), &views::JobRunner::finished);
    QVERIFY(window.jobs()->start(
        QStringLiteral("Counting"),
        [](const ProgressFn &progress, const CancelFn &, QString *) {
            progress(0.5, QStringLiteral("Counting rows"));
            return true;
        },
        &window, [status](const views::JobRunner::Outcome &) { status->setText(QStringLiteral("42 rows counted")); }));
    QTRY_COMPARE(finishedAgain.count(), 1);
    QTRY_COMPARE(status->text(), QStringLiteral("42 rows counted"));
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
