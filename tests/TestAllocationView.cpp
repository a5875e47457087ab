#include "StoreTestSupport.h"

#include "model/CurrencyRates.h"
#include "model/Money.h"
#include "model/store/AllocationStore.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "model/store/CurrencyRateStore.h"
#include "support/GuiTestSupport.h"
#include "views/MainWindow.h"
#include "views/explorer/AllocationRulesDialog.h"
#include "views/explorer/CostTableModel.h"
#include "views/explorer/ExplorerTab.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace costscope;

namespace {

const QDate kToday(2026, 3, 20);

// Team -> total of the series the Explorer shows.
QMap<QString, int64_t> totals(const store::CostSeries &s)
{
    QMap<QString, int64_t> out;
    for (const store::CostGroup &g : s.groups)
        out.insert(g.key, g.total);
    return out;
}

} // namespace

// Cost Explorer's "after allocation" view and the allocation rules editor, in the real window.
class TestAllocationView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void showsCostsAfterAllocation();
    void editorRefusesWhatCannotApply();
    void displayCurrencyConverts_data();
    void displayCurrencyConverts();

private:
    QTemporaryDir m_dir;
    store::CostStore m_store;
    std::unique_ptr<views::MainWindow> m_window;
};

void TestAllocationView::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    QVERIFY2(m_store.open(m_dir.filePath(QStringLiteral("alloc.costscope")), &error), qPrintable(error));
    store::CostWriter w(m_store);
    QVERIFY(w.begin(testsupport::source(QStringLiteral("fixture")), &error));
    CostBatch b = testsupport::makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), QDate(2026, 3, 1));
    // Each day: web 3.00, data 1.00, untagged 2.00.
    for (QDate d(2026, 3, 1); d <= kToday; d = d.addDays(1)) {
        b.rows.push_back(testsupport::makeRow(d, "3.00", QStringLiteral("Amazon EC2"), QStringLiteral("us-east-1"), QStringLiteral("111"),
                                              QStringLiteral("i-web"), {{QStringLiteral("team"), QStringLiteral("web")}}));
        b.rows.push_back(testsupport::makeRow(d, "1.00", QStringLiteral("Amazon EC2"), QStringLiteral("us-east-1"), QStringLiteral("111"),
                                              QStringLiteral("i-data"), {{QStringLiteral("team"), QStringLiteral("data")}}));
        b.rows.push_back(testsupport::makeRow(d, "2.00", QStringLiteral("Amazon S3"), QStringLiteral("us-east-1"), QStringLiteral("111"),
                                              QStringLiteral("bucket")));
    }
    QVERIFY2(w.add(b, &error), qPrintable(error));
    QVERIFY2(w.commit(&error), qPrintable(error));
    analysis::AllocationSettings s;
    analysis::AllocationRule r;
    r.name = QStringLiteral("Untagged");
    r.source = analysis::AllocationSource::Untagged;
    r.method = analysis::AllocationMethod::Usage; // 3 : 1 -> 1.50 and 0.50 a day
    s.rules = {r};
    QVERIFY2(store::AllocationStore(m_store).setSettings(s, &error), qPrintable(error));

    m_window = testsupport::makeMainWindow(m_store, kToday);
    testsupport::showTab(*m_window, m_window->explorer());
}

void TestAllocationView::showsCostsAfterAllocation()
{
    views::ExplorerTab *explorer = m_window->explorer();
    QTRY_VERIFY(explorer->series().total > 0);
    // The default range (last 90 days) holds the 20 days of March.
    const int64_t total = 20 * 6'000'000'000LL;
    QTRY_COMPARE(explorer->series().total, total);
    auto *allocated = explorer->findChild<QCheckBox *>(QStringLiteral("explorerAllocated"));
    QVERIFY(allocated && allocated->isVisible());
    QSignalSpy loaded(explorer, &views::ExplorerTab::loaded);
    allocated->setChecked(true);
    QVERIFY(loaded.wait());
    QVERIFY(explorer->showsAllocated());
    // By team, the untagged 2.00 a day split 3 : 1; the total unchanged to the nano.
    QCOMPARE(explorer->currentSpec().groupBy, store::Dimension::Tag);
    QCOMPARE(explorer->currentSpec().groupTagKey, QStringLiteral("team"));
    const auto after = totals(explorer->series());
    QCOMPARE(after.value(QStringLiteral("web")), int64_t(20) * 4'500'000'000);
    QCOMPARE(after.value(QStringLiteral("data")), int64_t(20) * 1'500'000'000);
    QVERIFY(!after.contains(QString()));
    QCOMPARE(explorer->series().total, total);
    auto *note = explorer->findChild<QLabel *>(QStringLiteral("explorerNote"));
    QVERIFY2(note->text().contains(QStringLiteral("moved")), qPrintable(note->text()));
    QVERIFY(!explorer->findChild<QComboBox *>(QStringLiteral("explorerGroupBy"))->isEnabled());
    // Before: the same grouping as billed, untagged included.
    allocated->setChecked(false);
    QVERIFY(loaded.wait());
    const auto before = totals(explorer->series());
    QCOMPARE(before.value(QStringLiteral("web")), int64_t(20) * 3'000'000'000);
    QCOMPARE(before.value(QString()), int64_t(20) * 2'000'000'000);
    QCOMPARE(explorer->series().total, total);
    QVERIFY(explorer->findChild<QComboBox *>(QStringLiteral("explorerGroupBy"))->isEnabled());
}

void TestAllocationView::editorRefusesWhatCannotApply()
{
    analysis::AllocationSettings s = store::AllocationStore(m_store).settings();
    views::AllocationRulesDialog dialog(s);
    auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    auto *rules = dialog.findChild<QTableWidget *>(QStringLiteral("allocationRules"));
    auto *problem = dialog.findChild<QLabel *>(QStringLiteral("allocationProblem"));
    QCOMPARE(rules->rowCount(), 1);
    QVERIFY(ok->isEnabled());
    // A fixed split of 60 % + 30 %: refused, and it says why.
    auto *split = qobject_cast<QComboBox *>(rules->cellWidget(0, 4));
    split->setCurrentIndex(split->findData(static_cast<int>(analysis::AllocationMethod::Fixed)));
    rules->item(0, 5)->setText(QStringLiteral("web 60%, data 30%"));
    QVERIFY(!ok->isEnabled());
    QVERIFY2(problem->text().contains(QStringLiteral("90")), qPrintable(problem->text()));
    rules->item(0, 5)->setText(QStringLiteral("web 60%, data forty"));
    QVERIFY(!ok->isEnabled());
    QVERIFY2(problem->text().contains(QStringLiteral("forty")), qPrintable(problem->text()));
    rules->item(0, 5)->setText(QStringLiteral("web 60%, data 40%"));
    QVERIFY2(ok->isEnabled(), qPrintable(problem->text()));
    // An empty team tag is refused too.
    auto *tag = dialog.findChild<QLineEdit *>(QStringLiteral("allocationTeamTag"));
    tag->setText(QString());
    QVERIFY(!ok->isEnabled());
    tag->setText(QStringLiteral("team"));
    QString error;
    const analysis::AllocationSettings edited = dialog.settings(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(edited.rules.size(), size_t(1));
    QCOMPARE(edited.rules[0].method, analysis::AllocationMethod::Fixed);
    QCOMPARE(edited.rules[0].targets, (std::vector<analysis::AllocationTarget>{{QStringLiteral("web"), 6000}, {QStringLiteral("data"), 4000}}));
    // Saved as edited, the store gives the same back.
    QVERIFY2(store::AllocationStore(m_store).setSettings(edited, &error), qPrintable(error));
    QCOMPARE(store::AllocationStore(m_store).settings().rules[0].targets, edited.rules[0].targets);
}

// A workspace in USD (the main currency: each day of March to the 20th web 3.00, data 1.00,
// untagged 2.00, as the fixture) and EUR (Azure: 10.00 untagged on 20 February; data 4.00 and
// untagged 4.00 on 10 March); EUR->USD 1.5 and USD->EUR 0.8 from 1 March only. One rule: untagged
// cost split by usage. The cells are converted before the rule splits them, so the day's EUR
// cost weighs and is split with the USD cost. Figures by hand.
void TestAllocationView::displayCurrencyConverts_data()
{
    QTest::addColumn<QString>("display");
    QTest::addColumn<QString>("total");
    QTest::addColumn<QStringList>("groups"); // "team currency amount"; currency empty: converted
    QTest::addColumn<QStringList>("named");  // in the note
    // USD. 19 days: untagged 2.00 split 3 : 1, web 4.50 and data 1.50 a day. 10 March: web 3.00,
    // data 1.00 + 4.00 x 1.5 = 7.00, untagged 2.00 + 6.00 = 8.00 split 3 : 7 (2.40, 5.60).
    // web 19 x 4.50 + 3.00 + 2.40 = 90.90; data 19 x 1.50 + 7.00 + 5.60 = 41.10; total 132.00 =
    // 120.00 + 8.00 x 1.5. February's 10.00 EUR has no rate: apart, named, not split, not at 1.
    // (Split per currency first, the EUR 4.00 would all go to data: web would read 90.00.)
    QTest::newRow("USD") << QString() << QStringLiteral("132.00")
                         << QStringList{QStringLiteral("web  90.90"), QStringLiteral("data  41.10"),
                                        QStringLiteral(" EUR 10.00")}
                         << QStringList{QStringLiteral("EUR"), QStringLiteral("2026-02")};
    // EUR. 19 days: web 2.40, data 0.80, untagged 1.60 -> web 3.60, data 1.20. 10 March: web
    // 2.40, data 0.80 + 4.00 = 4.80, untagged 1.60 + 4.00 = 5.60 split 1 : 2 (1.8667, 3.7333).
    // web 68.40 + 2.40 + 1.87 = 72.67; data 22.80 + 4.80 + 3.73 = 31.33; February's 10.00 EUR
    // has no team with cost that day and stays untagged. Total 96.00 + 18.00 = 114.00.
    QTest::newRow("EUR") << QStringLiteral("EUR") << QStringLiteral("114.00")
                         << QStringList{QStringLiteral("web  72.67"), QStringLiteral("data  31.33"),
                                        QStringLiteral("  10.00")}
                         << QStringList();
    // GBP: no rate at all: nothing split, every team apart in its currency, both named.
    QTest::newRow("GBP") << QStringLiteral("GBP") << QStringLiteral("0.00")
                         << QStringList{QStringLiteral("web USD 60.00"), QStringLiteral("data USD 20.00"),
                                        QStringLiteral(" USD 40.00"), QStringLiteral("data EUR 4.00"),
                                        QStringLiteral(" EUR 14.00")}
                         << QStringList{QStringLiteral("USD"), QStringLiteral("EUR"), QStringLiteral("2026-03")};
}

void TestAllocationView::displayCurrencyConverts()
{
    QFETCH(QString, display);
    QFETCH(QString, total);
    QFETCH(QStringList, groups);
    QFETCH(QStringList, named);
    const QString path = m_dir.filePath(QStringLiteral("two-%1.costscope").arg(QTest::currentDataTag()));
    store::CostStore two;
    QString error;
    QVERIFY2(two.open(path, &error), qPrintable(error));
    store::CostWriter w(two);
    QVERIFY(w.begin(testsupport::source(QStringLiteral("two")), &error));
    const Tags web{{QStringLiteral("team"), QStringLiteral("web")}};
    const Tags data{{QStringLiteral("team"), QStringLiteral("data")}};
    CostBatch usd = testsupport::makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), QDate(2026, 3, 1));
    for (QDate d(2026, 3, 1); d <= kToday; d = d.addDays(1)) {
        usd.rows.push_back(testsupport::makeRow(d, "3.00", QStringLiteral("Amazon EC2"), QStringLiteral("us-east-1"),
                                                QStringLiteral("111"), QStringLiteral("i-web"), web));
        usd.rows.push_back(testsupport::makeRow(d, "1.00", QStringLiteral("Amazon EC2"), QStringLiteral("us-east-1"),
                                                QStringLiteral("111"), QStringLiteral("i-data"), data));
        usd.rows.push_back(testsupport::makeRow(d, "2.00", QStringLiteral("Amazon S3"), QStringLiteral("us-east-1"),
                                                QStringLiteral("111"), QStringLiteral("bucket")));
    }
    for (const QDate &month : {QDate(2026, 2, 1), QDate(2026, 3, 1)}) {
        CostBatch eur = testsupport::makeBatch(QStringLiteral("Azure"), QStringLiteral("222"), month);
        eur.currency = QStringLiteral("EUR");
        if (month.month() == 2) {
            eur.rows.push_back(testsupport::makeRow(QDate(2026, 2, 20), "10.00", QStringLiteral("Storage"),
                                                    QStringLiteral("westeurope"), QStringLiteral("222"), QStringLiteral("disk")));
        } else {
            eur.rows.push_back(testsupport::makeRow(QDate(2026, 3, 10), "4.00", QStringLiteral("Virtual Machines"),
                                                    QStringLiteral("westeurope"), QStringLiteral("222"), QStringLiteral("vm"), data));
            eur.rows.push_back(testsupport::makeRow(QDate(2026, 3, 10), "4.00", QStringLiteral("Storage"),
                                                    QStringLiteral("westeurope"), QStringLiteral("222"), QStringLiteral("disk")));
        }
        QVERIFY2(w.add(eur, &error), qPrintable(error));
    }
    QVERIFY2(w.add(usd, &error), qPrintable(error));
    QVERIFY2(w.commit(&error), qPrintable(error));
    const QDate march(2026, 3, 1);
    QVERIFY2(store::CurrencyRateStore(two).replaceAll({testsupport::currencyRate("EUR", "USD", "1.5", march),
                                                       testsupport::currencyRate("USD", "EUR", "0.8", march)},
                                                      &error),
             qPrintable(error));
    analysis::AllocationSettings s;
    analysis::AllocationRule r;
    r.name = QStringLiteral("Untagged");
    r.source = analysis::AllocationSource::Untagged;
    r.method = analysis::AllocationMethod::Usage;
    s.rules = {r};
    QVERIFY2(store::AllocationStore(two).setSettings(s, &error), qPrintable(error));

    const testsupport::ScopedDisplayCurrency displayCurrency(display);
    const auto window = testsupport::makeMainWindow(two, kToday);
    testsupport::showTab(*window, window->explorer());
    views::ExplorerTab *explorer = window->explorer();
    auto *note = explorer->findChild<QLabel *>(QStringLiteral("explorerNote"));
    explorer->findChild<QCheckBox *>(QStringLiteral("explorerAllocated"))->setChecked(true);
    QTRY_VERIFY2_WITH_TIMEOUT(note->text().startsWith(QStringLiteral("After allocation")), qPrintable(note->text()), 20000);
    const store::CostSeries &series = explorer->series();
    QCOMPARE(series.currency, display.isEmpty() ? QStringLiteral("USD") : display);
    QCOMPARE(Money::fromNanos(series.total).toString(2), total);
    QStringList got;
    int64_t converted = 0;
    for (const store::CostGroup &g : series.groups) {
        got << QStringLiteral("%1 %2 %3").arg(g.key, g.currency, Money::fromNanos(g.total).toString(2));
        if (g.currency.isEmpty())
            converted += g.total;
    }
    QCOMPARE(converted, series.total); // the groups apart are outside the total
    got.sort();
    groups.sort();
    QCOMPARE(got, groups);
    for (const QString &n : std::as_const(named))
        QVERIFY2(note->text().contains(n), qPrintable(note->text()));
    if (named.isEmpty())
        QVERIFY2(!note->text().contains(QStringLiteral("no rate")), qPrintable(note->text()));
}

QTEST_MAIN(TestAllocationView)
#include "TestAllocationView.moc"
