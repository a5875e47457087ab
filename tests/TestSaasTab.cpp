#include "SaasTestFixture.h"
#include "StoreTestSupport.h"

#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "model/store/CurrencyRateStore.h"
#include "model/store/RecommendationQuery.h"
#include "support/GuiTestSupport.h"
#include "views/MainWindow.h"
#include "views/common/DisplayCurrency.h"
#include "views/common/TableExport.h"
#include "views/explorer/ExplorerTab.h"
#include "views/resources/ResourcesTab.h"
#include "views/saas/SaasTab.h"

#include <QAbstractBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineSeries>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace costscope;

namespace {

const QDate kToday(2026, 3, 20);

int indexOfData(QComboBox *box, const QVariant &data)
{
    const int i = box->findData(data);
    return i;
}

QString cell(QTableView *table, int row, int column)
{
    return table->model()->index(row, column).data().toString();
}

} // namespace

class TestSaasTab : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tablesAndChartsFill();
    void serviceFilter();
    void expensiveQueryShortenedWithTooltip();
    void exportsNeutralisedCsv();
    void showsEntityInExplorer();
    void emptyState();
    void displayCurrencyConverts_data();
    void displayCurrencyConverts();

private:
    views::SaasTab *openTab();
    // Sets a combo of the tab and waits for the answer.
    bool choose(views::SaasTab *tab, const char *combo, const QVariant &data);

    QTemporaryDir m_dir;
    store::CostStore m_store;
    std::unique_ptr<views::MainWindow> m_window;
};

void TestSaasTab::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("CostscopeTest"));
    views::setDisplayCurrencySetting({});
    QString error;
    QVERIFY2(m_store.open(m_dir.filePath(QStringLiteral("saas.costscope")), &error), qPrintable(error));
    QVERIFY2(testsupport::writeSaasFixture(m_store, &error), qPrintable(error));
    store::CostWriter w(m_store);
    QVERIFY2(w.begin(testsupport::source(QStringLiteral("cur")), &error), qPrintable(error));
    CostBatch b = testsupport::makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), QDate(2026, 3, 1));
    b.rows.push_back(testsupport::makeRow(QDate(2026, 3, 2), "17.70", QStringLiteral("Amazon Simple Storage Service"),
                                          QStringLiteral("us-east-1"), QStringLiteral("111"), QStringLiteral("logs-bucket")));
    b.rows.push_back(testsupport::makeRow(QDate(2026, 3, 2), "6.00", QStringLiteral("Amazon Redshift"),
                                          QStringLiteral("us-east-1"), QStringLiteral("111"),
                                          QStringLiteral("arn:aws:redshift:us-east-1:111:cluster:analytics")));
    QVERIFY2(w.add(b, &error), qPrintable(error));
    QVERIFY2(w.commit(&error), qPrintable(error));
    store::RecommendationRecord s3;
    s3.module = QStringLiteral("abandoned_s3_buckets");
    s3.provider = QStringLiteral("AWS");
    s3.resourceId = QStringLiteral("assets");
    s3.name = QStringLiteral("assets");
    s3.saving = testsupport::money("4.00");
    s3.currency = QStringLiteral("USD");
    s3.detail = QStringLiteral("no requests for 30 days");
    s3.at = testsupport::utcSeconds(QDate(2026, 3, 10));
    QVERIFY2(store::RecommendationQuery(m_store).saveRun({s3}, {}, &error), qPrintable(error));

    m_window = testsupport::makeMainWindow(m_store, kToday);
    m_window->show();
}

views::SaasTab *TestSaasTab::openTab()
{
    auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("tabs"));
    auto *tab = m_window->findChild<views::SaasTab *>(QStringLiteral("saasTab"));
    if (!tabs || !tab)
        return nullptr;
    tabs->setCurrentWidget(tab);
    return tab;
}

bool TestSaasTab::choose(views::SaasTab *tab, const char *combo, const QVariant &data)
{
    auto *box = tab->findChild<QComboBox *>(QString::fromLatin1(combo));
    if (!box)
        return false;
    const int index = indexOfData(box, data);
    if (index < 0)
        return false;
    if (box->currentIndex() == index)
        return true;
    QSignalSpy loaded(tab, &views::SaasTab::loaded);
    box->setCurrentIndex(index);
    return loaded.wait(20000);
}

void TestSaasTab::tablesAndChartsFill()
{
    views::SaasTab *tab = openTab();
    QVERIFY(tab);
    auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("tabs"));
    QCOMPARE(tabs->indexOf(tab), tabs->indexOf(m_window->resources()) + 1); // after Resources
    QCOMPARE(tabs->tabText(tabs->indexOf(tab)), QStringLiteral("SaaS && PaaS"));
    // This month: 1 to 9 March (the last day with SaaS data is before today).
    QVERIFY(choose(tab, "saasPeriod", int(views::SaasTab::Period::ThisMonth)));
    QVERIFY(choose(tab, "saasBucketing", int(store::SaasBucketing::Day)));
    QTRY_COMPARE_WITH_TIMEOUT(tab->overview().from, QDate(2026, 3, 1), 20000);
    QCOMPARE(tab->overview().to, QDate(2026, 3, 10));
    auto *stack = tab->findChild<QStackedWidget *>(QStringLiteral("saasStack"));
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("saasSections"));
    auto *summary = tab->findChild<QLabel *>(QStringLiteral("saasSummary"));
    QVERIFY2(summary->text().contains(QStringLiteral("136.79")), qPrintable(summary->text()));
    QVERIFY(summary->text().contains(QStringLiteral("EUR"))); // left out, and said so

    auto *services = tab->findChild<QTableView *>(QStringLiteral("saasServicesTable"));
    QCOMPARE(services->model()->rowCount(), 5);
    QCOMPARE(cell(services, 0, 0), QStringLiteral("Databricks"));
    QVERIFY(cell(services, 0, 1).contains(QStringLiteral("55.00")));
    QVERIFY(cell(services, 0, 2).startsWith(QStringLiteral("40.2"))); // 55 / 136.79
    QCOMPARE(cell(services, 0, 3), QStringLiteral("100.0 DBU"));

    // The stacked chart: one bar set per service, one bar per day.
    auto *chartView = tab->findChild<QChartView *>(QStringLiteral("saasCostChart"));
    QVERIFY(chartView && chartView->chart());
    auto *bars = qobject_cast<QAbstractBarSeries *>(chartView->chart()->series().value(0));
    QVERIFY(bars);
    QCOMPARE(bars->count(), 5);
    QCOMPARE(bars->barSets().at(0)->label(), QStringLiteral("Databricks"));
    QCOMPARE(bars->barSets().at(0)->count(), 9);

    // Unit-cost charts: S3 per 1k requests on three days.
    auto *s3Unit = tab->findChild<QChartView *>(QStringLiteral("saasUnitChart_s3-requests"));
    QVERIFY(s3Unit);
    auto *line = qobject_cast<QLineSeries *>(s3Unit->chart()->series().value(0));
    QVERIFY(line);
    QCOMPARE(line->count(), 3);
    QVERIFY(qAbs(line->at(1).y() - 0.005) < 1e-9); // 3 March: 2.50 / 500k requests x 1000
    QVERIFY(tab->findChild<QChartView *>(QStringLiteral("saasUnitChart_databricks-dbu")));

    // Top spenders: buckets, with their share of all buckets.
    auto *kind = tab->findChild<QComboBox *>(QStringLiteral("saasEntityKind"));
    kind->setCurrentIndex(0); // Buckets
    auto *entities = tab->findChild<QTableView *>(QStringLiteral("saasEntitiesTable"));
    QCOMPARE(entities->model()->rowCount(), 2);
    QCOMPARE(cell(entities, 0, 3), QStringLiteral("logs-bucket"));
    QVERIFY(cell(entities, 0, 4).contains(QStringLiteral("17.70")));
    QVERIFY2(cell(entities, 0, 5).startsWith(QStringLiteral("87.2")), qPrintable(cell(entities, 0, 5))); // 17.70 / 20.29
    QVERIFY2(cell(entities, 0, 6).contains(QStringLiteral("3.0\u00a0M tier-1 requests")), qPrintable(cell(entities, 0, 6)));
    kind->setCurrentIndex(5); // Users
    QCOMPARE(entities->model()->rowCount(), 3);
    QCOMPARE(cell(entities, 0, 3), QStringLiteral("alice@example.com"));
    kind->setCurrentIndex(7); // Accounts (Cost Explorer's S3/Redshift usage): the fixture has none
    QCOMPARE(kind->currentText(), QStringLiteral("Accounts"));
    QCOMPARE(entities->model()->rowCount(), 0);

    // Recommendations about these services.
    auto *recos = tab->findChild<QTableView *>(QStringLiteral("saasRecommendationsTable"));
    QCOMPARE(recos->model()->rowCount(), 1);
    QCOMPARE(cell(recos, 0, 0), QStringLiteral("S3"));
    QCOMPARE(cell(recos, 0, 2), QStringLiteral("assets"));
    QVERIFY(cell(recos, 0, 3).contains(QStringLiteral("4.00")));
}

void TestSaasTab::serviceFilter()
{
    views::SaasTab *tab = openTab();
    QVERIFY(choose(tab, "saasPeriod", int(views::SaasTab::Period::ThisMonth)));
    QVERIFY(choose(tab, "saasService", QStringLiteral("S3")));
    auto *services = tab->findChild<QTableView *>(QStringLiteral("saasServicesTable"));
    QCOMPARE(services->model()->rowCount(), 1);
    QVERIFY(cell(services, 0, 1).contains(QStringLiteral("20.29")));
    // One service: the chart stacks its usage types.
    auto *chartView = tab->findChild<QChartView *>(QStringLiteral("saasCostChart"));
    auto *bars = qobject_cast<QAbstractBarSeries *>(chartView->chart()->series().value(0));
    QVERIFY(bars);
    QCOMPARE(bars->count(), 4);
    QCOMPARE(bars->barSets().at(0)->label(), QStringLiteral("requests-tier1"));
    QVERIFY(!tab->findChild<QChartView *>(QStringLiteral("saasUnitChart_databricks-dbu")));
    auto *queries = tab->findChild<QTableView *>(QStringLiteral("saasQueriesTable"));
    QCOMPARE(queries->model()->rowCount(), 0);
    QVERIFY(choose(tab, "saasService", QStringLiteral("BigQuery")));
    QCOMPARE(queries->model()->rowCount(), 2);
    QVERIFY(choose(tab, "saasService", QString()));
    QCOMPARE(queries->model()->rowCount(), 3);
}

void TestSaasTab::expensiveQueryShortenedWithTooltip()
{
    views::SaasTab *tab = openTab();
    QVERIFY(choose(tab, "saasPeriod", int(views::SaasTab::Period::ThisMonth)));
    QVERIFY(choose(tab, "saasService", QString()));
    auto *queries = tab->findChild<QTableView *>(QStringLiteral("saasQueriesTable"));
    QCOMPARE(queries->model()->rowCount(), 3);
    // Most expensive first: the hostile full scan.
    QCOMPARE(cell(queries, 0, 1), QStringLiteral("alice@example.com"));
    QVERIFY(cell(queries, 0, 7).contains(QStringLiteral("9.3")));
    QCOMPARE(cell(queries, 0, 4), QStringLiteral("1.1 min"));
    QCOMPARE(cell(queries, 0, 5), QStringLiteral("1.5 TiB"));
    const QString line = cell(queries, 0, 8);
    QVERIFY2(line.startsWith(QStringLiteral("[full scan] SELECT * FROM `proj-a.ds.events` -- =cmd|' /C calc'!A0 <b>bold</b> WHERE 1 = 1 xxx")),
             qPrintable(line));
    QVERIFY(line.endsWith(QChar(0x2026)));
    QVERIFY(!line.contains(u'\n') && !line.contains(u'\t') && !line.contains(QChar(0)) && !line.contains(QChar(0x202e)));
    QVERIFY(line.size() < 200);
    // The tooltip holds the whole text, escaped so the markup shows as text.
    const QString tip = queries->model()->index(0, 8).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("&lt;b&gt;bold&lt;/b&gt;")), qPrintable(tip));
    QVERIFY(tip.contains(QString(300, u'x')));
    QVERIFY(!tip.contains(QStringLiteral("<b>")));

    // The details pane: the full text with its line breaks, and the query's figures.
    auto *details = tab->findChild<QPlainTextEdit *>(QStringLiteral("saasQueryDetails"));
    queries->setCurrentIndex(queries->model()->index(0, 0));
    const QString text = details->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("job-1")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("scanned whole tables")));
    QVERIFY(text.contains(QStringLiteral("SELECT *")));
    QVERIFY(text.contains(QStringLiteral("FROM `proj-a.ds.events`")));
    QVERIFY(text.contains(QString(300, u'x')));
}

void TestSaasTab::exportsNeutralisedCsv()
{
    views::SaasTab *tab = openTab();
    QVERIFY(choose(tab, "saasPeriod", int(views::SaasTab::Period::ThisMonth)));
    QVERIFY(choose(tab, "saasService", QStringLiteral("BigQuery")));
    auto *queries = tab->findChild<QTableView *>(QStringLiteral("saasQueriesTable"));
    QCOMPARE(queries->model()->rowCount(), 2);
    const QString path = m_dir.filePath(QStringLiteral("queries.csv"));
    QString error;
    QVERIFY2(views::SaasTab::exportTable(queries, path, &error), qPrintable(error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString csv = QString::fromUtf8(f.readAll());
    const QStringList lines = csv.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QVERIFY(lines.size() >= 3);
    QCOMPARE(lines[0], QStringLiteral("Service,User,Scope,Started,Duration,Bytes scanned,Credits,Cost,Query,Currency"));
    // Money as a plain decimal with its currency; the formula user name neutralised.
    QVERIFY2(csv.contains(QStringLiteral(",9.375,")), qPrintable(csv));
    QVERIFY(csv.contains(QStringLiteral(",USD")));
    QVERIFY2(csv.contains(QStringLiteral("BigQuery,'=2+3,proj-a,")), qPrintable(csv));
    QVERIFY(!csv.contains(QStringLiteral(",=2+3")));
    QVERIFY(csv.contains(QStringLiteral("2026-03-04T10:00:00Z")));
    // The shared table export (context menu, File > Export current table) reads the same values.
    const QString shared = views::tableCsv(*queries);
    QVERIFY2(shared.contains(QStringLiteral(",9.375,")), qPrintable(shared));
    QVERIFY(shared.contains(QStringLiteral("'=2+3")));
    QVERIFY(shared.contains(QStringLiteral("2026-03-04T10:00:00Z")));
    QVERIFY(!views::SaasTab::exportTable(queries, m_dir.filePath(QStringLiteral("missing/dir/x.csv")), &error));
    QVERIFY(!error.isEmpty());
}

void TestSaasTab::showsEntityInExplorer()
{
    views::SaasTab *tab = openTab();
    QVERIFY(choose(tab, "saasPeriod", int(views::SaasTab::Period::ThisMonth)));
    QVERIFY(choose(tab, "saasService", QString()));
    auto *kind = tab->findChild<QComboBox *>(QStringLiteral("saasEntityKind"));
    auto *entities = tab->findChild<QTableView *>(QStringLiteral("saasEntitiesTable"));
    auto *button = tab->findChild<QPushButton *>(QStringLiteral("saasShowCosts"));
    auto *sections = tab->findChild<QTabWidget *>(QStringLiteral("saasSections"));
    sections->setCurrentIndex(1);

    // A warehouse no line item names: the tab says so and stays.
    kind->setCurrentIndex(2); // Warehouses
    QCOMPARE(entities->model()->rowCount(), 1);
    entities->setCurrentIndex(entities->model()->index(0, 0));
    QVERIFY(button->isEnabled());
    QSignalSpy none(tab, &views::SaasTab::noMatchingCosts);
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(none.wait(20000));
    QVERIFY(none.at(0).at(0).toString().contains(QStringLiteral("WH_ETL")));
    auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("tabs"));
    QCOMPARE(tabs->currentWidget(), static_cast<QWidget *>(tab));

    // The Redshift cluster is billed under its ARN: Cost Explorer opens filtered to it.
    kind->setCurrentIndex(1); // Clusters and workgroups
    QCOMPARE(cell(entities, 0, 3), QStringLiteral("analytics"));
    entities->setCurrentIndex(entities->model()->index(0, 0));
    QSignalSpy loaded(m_window->explorer(), &views::ExplorerTab::loaded);
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(tabs->currentWidget(), static_cast<QWidget *>(m_window->explorer()), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1, 20000);
    const store::CostQuerySpec spec = m_window->explorer()->currentSpec();
    QCOMPARE(spec.filters.size(), 1);
    QCOMPARE(spec.filters[0].dimension, store::Dimension::Resource);
    QCOMPARE(spec.filters[0].values, QStringList{QStringLiteral("arn:aws:redshift:us-east-1:111:cluster:analytics")});
}

void TestSaasTab::emptyState()
{
    store::CostStore empty;
    QString error;
    QVERIFY2(empty.open(m_dir.filePath(QStringLiteral("empty.costscope")), &error), qPrintable(error));
    const auto window = testsupport::makeMainWindow(empty, kToday);
    auto *tab = window->findChild<views::SaasTab *>(QStringLiteral("saasTab"));
    QVERIFY(tab);
    QSignalSpy loaded(tab, &views::SaasTab::loaded);
    tab->reload();
    QVERIFY(loaded.wait(20000));
    auto *stack = tab->findChild<QStackedWidget *>(QStringLiteral("saasStack"));
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("saasEmpty"));
    const QString text = tab->findChild<QLabel *>(QStringLiteral("saasEmpty"))->text();
    QVERIFY(text.contains(QStringLiteral("Cost and Usage Report")));
    QVERIFY(text.contains(QStringLiteral("Accounts tab")));
    QVERIFY(text.contains(QStringLiteral("Snowflake")));
}

// The fixture (March: 136.79 USD, 3.00 EUR of Snowflake's WH_EU on 6 March and a 0.75 EUR query;
// 5.00 USD of S3 and a 100.00 USD query on 27 February) with EUR->USD 1.5 and USD->EUR 0.8, both
// from 2026-03-01 only: February has no rate. Figures by hand.
void TestSaasTab::displayCurrencyConverts_data()
{
    QTest::addColumn<QString>("display");
    QTest::addColumn<int>("period");
    QTest::addColumn<QString>("total");     // in the summary
    QTest::addColumn<QString>("snowflake"); // the services table's cost, empty: no row
    QTest::addColumn<int>("queries");       // rows of the query table
    QTest::addColumn<QStringList>("named"); // in the summary's no-rate sentence
    // The stored S3 recommendation (4.00 USD a month), at the rate of March (the last cost day's
    // month): its cell, and what the note under the table says.
    QTest::addColumn<QString>("saving");
    QTest::addColumn<QString>("savingNote");
    // Main currency (USD): 136.79 + 3.00 x 1.5 = 141.29; Snowflake 30.00 + 4.50 = 34.50; the EUR
    // query (0.75 x 1.5) joins the three USD ones.
    QTest::newRow("main currency USD") << QString() << int(views::SaasTab::Period::ThisMonth) << QStringLiteral("141.29")
                                       << QStringLiteral("34.50") << 4 << QStringList() << QStringLiteral("4.00")
                                       << QStringLiteral("saving 4.00 USD a month.");
    // EUR over 90 days: 136.79 x 0.8 + 3.00 = 112.432; Snowflake 30.00 x 0.8 + 3.00 = 27.00;
    // February's 5.00 USD has no rate to EUR (named, not at 1) and its 100.00 USD query is left out.
    // The saving: 4.00 x 0.8 = 3.20 EUR.
    QTest::newRow("EUR, February without a rate") << QStringLiteral("EUR") << int(views::SaasTab::Period::Last90Days)
                                                  << QStringLiteral("112.43") << QStringLiteral("27.00") << 4
                                                  << QStringList{QStringLiteral("USD"), QStringLiteral("2026-02")}
                                                  << QStringLiteral("3.20") << QStringLiteral("saving 3.20 EUR a month.");
    // GBP: no rate at all: nothing counted, both currencies named; the saving stays 4.00 USD,
    // starred, outside the total and named.
    QTest::newRow("GBP, no rate") << QStringLiteral("GBP") << int(views::SaasTab::Period::ThisMonth) << QString()
                                  << QString() << 0
                                  << QStringList{QStringLiteral("USD"), QStringLiteral("EUR"), QStringLiteral("2026-03")}
                                  << QStringLiteral("4.00 USD *")
                                  << QStringLiteral("saving 0.00 GBP a month. 1 month(s) of amounts in USD have no rate "
                                                    "to GBP (4.00 USD in 2026-03)");
}

void TestSaasTab::displayCurrencyConverts()
{
    QFETCH(QString, display);
    QFETCH(int, period);
    QFETCH(QString, total);
    QFETCH(QString, snowflake);
    QFETCH(int, queries);
    QFETCH(QStringList, named);
    const QDate march(2026, 3, 1);
    QString error;
    QVERIFY2(store::CurrencyRateStore(m_store).replaceAll({testsupport::currencyRate("EUR", "USD", "1.5", march),
                                                           testsupport::currencyRate("USD", "EUR", "0.8", march)},
                                                          &error),
             qPrintable(error));
    views::setDisplayCurrencySetting(display);
    const auto reset = qScopeGuard([this] {
        views::setDisplayCurrencySetting({});
        QString e;
        store::CurrencyRateStore(m_store).replaceAll({}, &e);
    });
    views::SaasTab *tab = openTab();
    QVERIFY(tab);
    QVERIFY(choose(tab, "saasService", QString()));
    QVERIFY(choose(tab, "saasPeriod", period));
    QSignalSpy loaded(tab, &views::SaasTab::loaded);
    tab->reload();
    QVERIFY(loaded.wait(20000));
    const QString currency = display.isEmpty() ? QStringLiteral("USD") : display;
    QCOMPARE(tab->overview().currency, currency);
    QVERIFY(tab->overview().otherCurrencies.isEmpty()); // converted or named, never just dropped
    const QString summary = tab->findChild<QLabel *>(QStringLiteral("saasSummary"))->text();
    if (!total.isEmpty())
        QVERIFY2(summary.contains(total), qPrintable(summary));
    else
        QCOMPARE(tab->overview().total, int64_t(0));
    for (const QString &n : std::as_const(named))
        QVERIFY2(summary.contains(n), qPrintable(summary));
    if (named.isEmpty())
        QVERIFY2(tab->overview().unconverted.empty(), qPrintable(summary));
    auto *services = tab->findChild<QTableView *>(QStringLiteral("saasServicesTable"));
    QString snowflakeCell;
    for (int r = 0; r < services->model()->rowCount(); ++r)
        if (cell(services, r, 0) == QStringLiteral("Snowflake"))
            snowflakeCell = cell(services, r, 1);
    if (snowflake.isEmpty())
        QVERIFY2(snowflakeCell.isEmpty(), qPrintable(snowflakeCell));
    else
        QVERIFY2(snowflakeCell.contains(snowflake), qPrintable(snowflakeCell));
    auto *queryTable = tab->findChild<QTableView *>(QStringLiteral("saasQueriesTable"));
    QVERIFY(queryTable);
    QCOMPARE(queryTable->model()->rowCount(), queries);

    QFETCH(QString, saving);
    QFETCH(QString, savingNote);
    auto *recos = tab->findChild<QTableView *>(QStringLiteral("saasRecommendationsTable"));
    QCOMPARE(recos->model()->rowCount(), 1);
    QVERIFY2(cell(recos, 0, 3).startsWith(saving), qPrintable(cell(recos, 0, 3)));
    QCOMPARE(cell(recos, 0, 3).endsWith(u'*'), saving.endsWith(u'*'));
    const QString note = tab->findChild<QLabel *>(QStringLiteral("saasRecommendationsNote"))->text();
    QVERIFY2(note.contains(savingNote), qPrintable(note));
}

QTEST_MAIN(TestSaasTab)
#include "TestSaasTab.moc"
