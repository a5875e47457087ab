#include "StoreTestSupport.h"

#include "model/store/AllocationStore.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
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
#include <QTabWidget>
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

    views::MainWindowOptions options;
    options.today = [] { return kToday; };
    m_window = std::make_unique<views::MainWindow>(m_store, options);
    m_window->show();
    auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("tabs"));
    tabs->setCurrentWidget(m_window->explorer());
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

QTEST_MAIN(TestAllocationView)
#include "TestAllocationView.moc"
