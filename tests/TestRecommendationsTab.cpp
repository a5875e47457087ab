// The Recommendations tab on a small demo workspace, driven by object name: the modules run on
// the job runner, selecting a module shows its items and notes, Dismiss and Restore change the
// counts and persist, a changed option re-runs the module and the archive says why items left.

#include "model/analysis/recommendations/RecommendationEngine.h"
#include "model/demo/DemoGenerator.h"
#include "model/CurrencyRates.h"
#include "model/store/CostStore.h"
#include "model/store/CurrencyRateStore.h"
#include "model/store/RecommendationQuery.h"
#include "support/GuiTestSupport.h"
#include "views/common/DisplayCurrency.h"
#include "views/common/JobRunner.h"
#include "views/common/TableExport.h"
#include "views/recommendations/RecommendationsTab.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QHash>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace costscope;

class TestRecommendationsTab : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void modulesListed();
    void filterByModuleAndNotes();
    void dismissAndRestore();
    void optionChangeRerunsAndArchives();
    void displayCurrencyConvertsSavings();

private:
    template <typename T> T *child(const char *name)
    {
        T *w = m_tab->findChild<T *>(QString::fromLatin1(name));
        if (!w)
            qWarning("no child %s", name);
        return w;
    }
    bool selectModule(const QString &title);
    int countCell(const QString &title);
    bool waitForRun(const std::function<void()> &trigger);

    QTemporaryDir m_dir;
    QString m_path;
    store::CostStore m_store;
    views::JobRunner *m_jobs = nullptr;
    views::RecommendationsTab *m_tab = nullptr;
};

void TestRecommendationsTab::initTestCase()
{
    testsupport::useTestSettings();
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("demo.costscope"));
    QString error;
    {
        store::CostStore s;
        QVERIFY2(s.open(m_path, &error), qPrintable(error));
        demo::DemoOptions o;
        o.scale = 0.05;
        o.months = 4;
        o.endDate = QDate(2026, 11, 27);
        QVERIFY2(demo::generateDemo(s, o, {}, {}, nullptr, &error), qPrintable(error));
    }
    QVERIFY2(m_store.open(m_path, &error), qPrintable(error));
    m_jobs = new views::JobRunner(this);
    m_tab = new views::RecommendationsTab(m_store, m_jobs, [this] { return m_path; });
    m_tab->resize(1300, 800);
    QVERIFY(waitForRun([this] { m_tab->show(); }));
}

void TestRecommendationsTab::cleanupTestCase()
{
    delete m_tab;
}

bool TestRecommendationsTab::waitForRun(const std::function<void()> &trigger)
{
    QSignalSpy spy(m_tab, &views::RecommendationsTab::updated);
    trigger();
    return spy.wait(120000) || spy.count() > 0;
}

bool TestRecommendationsTab::selectModule(const QString &title)
{
    auto *modules = child<QTableWidget>("recommendationModules");
    for (int r = 0; r < modules->rowCount(); ++r) {
        if (modules->item(r, 0)->text() == title) {
            modules->selectRow(r);
            return modules->currentRow() == r;
        }
    }
    return false;
}

int TestRecommendationsTab::countCell(const QString &title)
{
    auto *modules = child<QTableWidget>("recommendationModules");
    for (int r = 0; r < modules->rowCount(); ++r)
        if (modules->item(r, 0)->text() == title)
            return modules->item(r, 1)->text().toInt();
    return -1;
}

void TestRecommendationsTab::modulesListed()
{
    auto *modules = child<QTableWidget>("recommendationModules");
    QVERIFY(modules);
    QCOMPARE(modules->rowCount(), static_cast<int>(analysis::RecommendationEngine::modules().size()));
    QCOMPARE(modules->rowCount(), 21); // 17 cloud modules + 4 for the data platforms (issue 8)
    QVERIFY(child<QLabel>("recommendationsSummary")->text().contains(u"recommendation"));
}

void TestRecommendationsTab::filterByModuleAndNotes()
{
    QVERIFY(selectModule(QStringLiteral("Obsolete IPs")));
    auto *items = child<QTableWidget>("recommendationItems");
    // The demo plants eight unassociated addresses (docs/demo.md).
    QCOMPARE(items->rowCount(), 8);
    QCOMPARE(countCell(QStringLiteral("Obsolete IPs")), 8);
    // The first item is selected and its saving computation shown.
    QVERIFY(child<QLabel>("recommendationDetails")->text().contains(u"Its cost over the last 30 days"));
    // Each module shows its own options.
    QVERIFY(child<QLineEdit>("option_days"));
    QCOMPARE(child<QLineEdit>("option_days")->text(), QStringLiteral("7"));

    QVERIFY(selectModule(QStringLiteral("Inactive IAM users")));
    QCOMPARE(items->rowCount(), 3);
    // A security rule shows a risk, not a money saving.
    auto *modules = child<QTableWidget>("recommendationModules");
    QCOMPARE(modules->item(modules->currentRow(), 2)->text(), QStringLiteral("security risk"));
    QCOMPARE(items->item(0, 5)->text(), QStringLiteral("\u2014"));
    // ml-research has no IAM data in the demo, and the tab says so.
    QVERIFY2(child<QLabel>("recommendationModuleDescription")->text().contains(u"927451806633"),
             qPrintable(child<QLabel>("recommendationModuleDescription")->text()));
    QCOMPARE(child<QLineEdit>("option_days")->text(), QStringLiteral("90"));
}

void TestRecommendationsTab::dismissAndRestore()
{
    const QString title = QStringLiteral("Volumes not attached");
    QVERIFY(selectModule(title));
    auto *items = child<QTableWidget>("recommendationItems");
    const int before = items->rowCount();
    QVERIFY(before > 1);
    QCOMPARE(countCell(title), before);
    items->selectRow(0);
    const QString id = items->item(0, 0)->toolTip();
    auto *dismiss = child<QPushButton>("dismissRecommendation");
    QVERIFY(dismiss->isEnabled());
    QTest::mouseClick(dismiss, Qt::LeftButton);
    QCOMPARE(items->rowCount(), before - 1);
    QCOMPARE(countCell(title), before - 1);
    {
        store::RecommendationQuery q(m_store);
        QVERIFY(q.dismissed(QStringLiteral("volumes_not_attached")).contains(id));
    }
    // Shown again (greyed) with "Show dismissed", and restored from there.
    child<QCheckBox>("showDismissed")->setChecked(true);
    QCOMPARE(items->rowCount(), before);
    int row = -1;
    for (int r = 0; r < items->rowCount(); ++r)
        if (items->item(r, 0)->toolTip() == id)
            row = r;
    QVERIFY(row >= 0);
    items->selectRow(row);
    auto *restore = child<QPushButton>("restoreRecommendation");
    QVERIFY(restore->isEnabled());
    QVERIFY(!dismiss->isEnabled());
    QTest::mouseClick(restore, Qt::LeftButton);
    QCOMPARE(countCell(title), before);
    child<QCheckBox>("showDismissed")->setChecked(false);
    QCOMPARE(items->rowCount(), before);
    store::RecommendationQuery q(m_store);
    QVERIFY(!q.dismissed(QStringLiteral("volumes_not_attached")).contains(id));
}

void TestRecommendationsTab::optionChangeRerunsAndArchives()
{
    QVERIFY(selectModule(QStringLiteral("Obsolete IPs")));
    auto *days = child<QLineEdit>("option_days");
    QVERIFY(days);
    days->setText(QStringLiteral("60"));
    // Only prod-eip-old-nat (E-90) and web-static-ip-unused (E-70) are older than 60 days.
    QVERIFY(waitForRun([this] { QTest::mouseClick(child<QPushButton>("applyRecommendationOptions"), Qt::LeftButton); }));
    {
        store::RecommendationQuery q(m_store);
        QCOMPARE(q.options(QStringLiteral("obsolete_ips")).value(QStringLiteral("days")), QStringLiteral("60"));
    }
    QVERIFY(selectModule(QStringLiteral("Obsolete IPs")));
    QCOMPARE(child<QTableWidget>("recommendationItems")->rowCount(), 2);
    QCOMPARE(countCell(QStringLiteral("Obsolete IPs")), 2);
    // The six that left are archived with the reason.
    auto *archive = child<QTableWidget>("recommendationArchive");
    int optionsChanged = 0;
    for (int r = 0; r < archive->rowCount(); ++r)
        if (archive->item(r, 4)->text() == u"options changed")
            ++optionsChanged;
    QCOMPARE(optionsChanged, 6);
    // Defaults bring them back.
    QVERIFY(waitForRun([this] { QTest::mouseClick(child<QPushButton>("resetRecommendationOptions"), Qt::LeftButton); }));
    QCOMPARE(countCell(QStringLiteral("Obsolete IPs")), 8);
}

// The savings are computed in the main currency (USD) and shown in the display currency at the
// rate of the last cost day's month; without a rate they stay in USD and the summary says so.
void TestRecommendationsTab::displayCurrencyConvertsSavings()
{
    QVERIFY(selectModule(QStringLiteral("Obsolete IPs")));
    auto *items = child<QTableWidget>("recommendationItems");
    QVERIFY(items->rowCount() > 0);
    QStringList usd;
    for (int r = 0; r < items->rowCount(); ++r)
        usd << items->item(r, 5)->data(views::ExportValueRole).toString();
    QCOMPARE(items->item(0, 5)->data(views::ExportCurrencyRole).toString(), QStringLiteral("USD"));
    // The savings in USD nanos, from the engine itself (the table shows cents).
    QHash<QString, int64_t> usdNanos;
    {
        analysis::RecommendationRun run;
        QString runError;
        QVERIFY2(analysis::RecommendationEngine::run(m_store, &run, {}, {}, false, 0, &runError), qPrintable(runError));
        QCOMPARE(run.currency, QStringLiteral("USD"));
        for (const analysis::ModuleResult &m : run.modules)
            if (m.id == u"obsolete_ips")
                for (const analysis::RecommendationItem &i : m.items)
                    usdNanos.insert(i.resource.resourceId, i.saving.nanos());
    }
    QCOMPARE(usdNanos.size(), items->rowCount());

    // USD->EUR 0.9 until October, 0.85 from 2026-11-15 (so all of November, the month of the
    // last cost day 2026-11-27).
    CurrencyRate old;
    old.from = QStringLiteral("USD");
    old.to = QStringLiteral("EUR");
    old.validFrom = currencyRateAlways();
    old.rate = *ExchangeRate::parse(QStringLiteral("0.9"));
    CurrencyRate november = old;
    november.validFrom = QDate(2026, 11, 15);
    november.rate = *ExchangeRate::parse(QStringLiteral("0.85"));
    QString error;
    QVERIFY2(store::CurrencyRateStore(m_store).replaceAll({old, november}, &error), qPrintable(error));
    views::setDisplayCurrencySetting(QStringLiteral("EUR"));
    const auto reset = qScopeGuard([this] {
        views::setDisplayCurrencySetting({});
        QString e;
        store::CurrencyRateStore(m_store).replaceAll({}, &e);
    });
    QVERIFY(waitForRun([this] { QTest::mouseClick(child<QPushButton>("runRecommendations"), Qt::LeftButton); }));
    QVERIFY(selectModule(QStringLiteral("Obsolete IPs")));
    QCOMPARE(items->rowCount(), usd.size());
    for (int r = 0; r < items->rowCount(); ++r) {
        // By hand: nanos x 85 / 100, rounded half to even to the nano.
        QVERIFY(usdNanos.contains(items->item(r, 0)->toolTip()));
        const int64_t nanos = usdNanos.value(items->item(r, 0)->toolTip());
        const int64_t product = nanos * 85;
        int64_t expected = product / 100;
        const int64_t rest = product % 100;
        if (rest > 50 || (rest == 50 && expected % 2 != 0))
            ++expected;
        QCOMPARE(items->item(r, 5)->data(views::ExportValueRole).toString(), Money::fromNanos(expected).toString(2));
        QCOMPARE(items->item(r, 5)->data(views::ExportCurrencyRole).toString(), QStringLiteral("EUR"));
        QVERIFY2(items->item(r, 5)->toolTip().contains(u"USD"), qPrintable(items->item(r, 5)->toolTip()));
    }
    const QString summary = child<QLabel>("recommendationsSummary")->text();
    QVERIFY2(summary.contains(u"computed in USD") && summary.contains(u"2026-11"), qPrintable(summary));

    // No rate USD->GBP: the savings stay in USD, named as such, never relabelled at 1.
    views::setDisplayCurrencySetting(QStringLiteral("GBP"));
    QVERIFY(waitForRun([this] { QTest::mouseClick(child<QPushButton>("runRecommendations"), Qt::LeftButton); }));
    QVERIFY(selectModule(QStringLiteral("Obsolete IPs")));
    QCOMPARE(items->item(0, 5)->data(views::ExportValueRole).toString(), usd[0]);
    QCOMPARE(items->item(0, 5)->data(views::ExportCurrencyRole).toString(), QStringLiteral("USD"));
    const QString noRate = child<QLabel>("recommendationsSummary")->text();
    QVERIFY2(noRate.contains(u"Savings are in USD") && noRate.contains(u"no rate from USD to GBP for 2026-11"),
             qPrintable(noRate));
}

QTEST_MAIN(TestRecommendationsTab)
#include "TestRecommendationsTab.moc"
