// SweepDialog driven by object name: the run count and projected cost are shown before anything
// starts (worked out by hand from the catalog's price), red over the budget, a bad grid line is
// named, Save puts the sweep in the workspace and the list shows it, the script is written.

#include "model/ml/RunStore.h"
#include "model/ml/SweepStore.h"
#include "model/store/CostStore.h"
#include "model/ml/SweepMonitor.h"
#include "views/MainWindow.h"
#include "views/common/Banner.h"
#include "views/experiments/SweepDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace costscope;
using namespace costscope::views;

class TestSweepDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void numbersBeforeStart();
    void redOverBudget();
    void badGridNamed();
    void saveAndList();
    void copyAndScript();
    void windowTellsStoppedSweep();

private:
    template <typename T> T *child(SweepDialog &d, const char *name)
    {
        T *w = d.findChild<T *>(QString::fromLatin1(name));
        if (!w)
            qFatal("no widget %s", name);
        return w;
    }
    void fill(SweepDialog &d, const QString &grid, const char *type, double minutes, const QString &budget);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_ws;
};

void TestSweepDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_ws = m_dir->filePath(QStringLiteral("ws.costscope"));
    store::CostStore store;
    QString error;
    QVERIFY2(store.open(m_ws, &error), qPrintable(error));
    ml::RunStore runs(store.db());
    ml::MlError e;
    QVERIFY(runs.ensureDefaultExperiment(&e));
    QVERIFY(runs.createExperiment(QStringLiteral("churn"), {}, {}, &e));
}

void TestSweepDialog::fill(SweepDialog &d, const QString &grid, const char *type, double minutes, const QString &budget)
{
    child<QComboBox>(d, "sweepExperiment")->setCurrentText(QStringLiteral("churn"));
    child<QLineEdit>(d, "sweepName")->setText(QStringLiteral("lr grid"));
    child<QPlainTextEdit>(d, "sweepGrid")->setPlainText(grid);
    auto *instance = child<QComboBox>(d, "sweepInstanceType");
    const int i = instance->findData(QString::fromLatin1(type));
    QVERIFY(i >= 0);
    instance->setCurrentIndex(i);
    child<QDoubleSpinBox>(d, "sweepMinutes")->setValue(minutes);
    auto *b = child<QLineEdit>(d, "sweepBudget");
    b->clear();
    QTest::keyClicks(b, budget);
}

void TestSweepDialog::numbersBeforeStart()
{
    SweepDialog d(m_ws, QStringLiteral("http://127.0.0.1:5123"));
    d.show();
    // g5.xlarge 1.006/h: its price is shown with the type.
    auto *instance = child<QComboBox>(d, "sweepInstanceType");
    QCOMPARE(instance->currentData().toString(), QStringLiteral("g5.xlarge"));
    QVERIFY2(instance->currentText().contains(u"1.006"), qPrintable(instance->currentText()));
    fill(d, QStringLiteral("lr=0.1,0.01\nbatch=32,64,128"), "g5.xlarge", 30, QStringLiteral("50"));
    // 6 runs x 30 min x 1.006/h = 3.018
    QCOMPARE(child<QLabel>(d, "sweepRunCount")->text(), QStringLiteral("6"));
    QVERIFY2(child<QLabel>(d, "sweepCostPerRun")->text().contains(u"0.503"), qPrintable(child<QLabel>(d, "sweepCostPerRun")->text()));
    auto *projected = child<QLabel>(d, "sweepProjected");
    QVERIFY2(projected->text().startsWith(u"3.02 USD of a 50.00 USD budget"), qPrintable(projected->text()));
    QCOMPARE(projected->property("overBudget").toBool(), false);
    QVERIFY(child<QPushButton>(d, "sweepSave")->isEnabled());
    // A log range changes the count as it is typed: 4 x 3 = 12 runs, 6.036.
    child<QPlainTextEdit>(d, "sweepGrid")->setPlainText(QStringLiteral("lr=1e-4..1e-1 x4 log\nbatch=32,64,128"));
    QCOMPARE(child<QLabel>(d, "sweepRunCount")->text(), QStringLiteral("12"));
    QCOMPARE(child<QLabel>(d, "sweepValues")->text(), QStringLiteral("lr: 0.0001, 0.001, 0.01, 0.1\nbatch: 32, 64, 128"));
    QVERIFY2(projected->text().startsWith(u"6.04 USD"), qPrintable(projected->text()));
}

void TestSweepDialog::redOverBudget()
{
    SweepDialog d(m_ws, {});
    d.show();
    // p3.2xlarge 3.06/h x 90 min x 12 runs = 55.08 > 50
    fill(d, QStringLiteral("lr=1e-4..1e-1 x4 log\nbatch=32,64,128"), "p3.2xlarge", 90, QStringLiteral("50"));
    auto *projected = child<QLabel>(d, "sweepProjected");
    QCOMPARE(projected->property("overBudget").toBool(), true);
    // COSTSCOPE_SCREENSHOT_DIR=/tmp/x saves what the dialog looks like, to look at it by eye.
    if (const QString shots = qEnvironmentVariable("COSTSCOPE_SCREENSHOT_DIR"); !shots.isEmpty())
        (QCoreApplication::sendPostedEvents(), d.grab().save(shots + u"/sweep-dialog-over-budget.png"));
    QVERIFY2(projected->text().contains(u"55.08 USD") && projected->text().contains(u"over the 50.00 USD budget by 5.08 USD"),
             qPrintable(projected->text()));
    QVERIFY(projected->styleSheet().contains(u"#c62828"));
    // Raising the budget to the projection turns it back.
    auto *b = child<QLineEdit>(d, "sweepBudget");
    b->clear();
    QTest::keyClicks(b, QStringLiteral("55.08"));
    QCOMPARE(projected->property("overBudget").toBool(), false);
    QVERIFY(!projected->styleSheet().contains(u"#c62828"));
}

void TestSweepDialog::badGridNamed()
{
    SweepDialog d(m_ws, {});
    d.show();
    fill(d, QStringLiteral("lr=0.1,0.01\n\nbatch=0..1 x3 log"), "g5.xlarge", 30, QStringLiteral("50"));
    QVERIFY2(child<QLabel>(d, "sweepProblem")->text().contains(u"Grid line 3"), qPrintable(child<QLabel>(d, "sweepProblem")->text()));
    QVERIFY(!child<QPushButton>(d, "sweepSave")->isEnabled());
    child<QPlainTextEdit>(d, "sweepGrid")->setPlainText(QStringLiteral("lr=0.1"));
    child<QLineEdit>(d, "sweepCommand")->setText(QStringLiteral("python t.py {momentum}"));
    QVERIFY2(child<QLabel>(d, "sweepProblem")->text().contains(u"{momentum}"), qPrintable(child<QLabel>(d, "sweepProblem")->text()));
    QVERIFY(!child<QPushButton>(d, "sweepSave")->isEnabled());
    child<QLineEdit>(d, "sweepCommand")->clear();
    auto *b = child<QLineEdit>(d, "sweepBudget");
    b->setText(QStringLiteral("fifty"));
    QVERIFY(child<QLabel>(d, "sweepProblem")->text().contains(u"budget"));
    QVERIFY(!child<QPushButton>(d, "sweepSave")->isEnabled());
}

void TestSweepDialog::saveAndList()
{
    SweepDialog d(m_ws, {});
    d.show();
    QCOMPARE(child<QTreeWidget>(d, "sweepList")->topLevelItemCount(), 0);
    fill(d, QStringLiteral("lr=0.1,0.01"), "g5.xlarge", 30, QStringLiteral("0.5"));
    QTest::mouseClick(child<QPushButton>(d, "sweepSave"), Qt::LeftButton);
    auto *list = child<QTreeWidget>(d, "sweepList");
    QCOMPARE(list->topLevelItemCount(), 1);
    const QTreeWidgetItem *item = list->topLevelItem(0);
    QCOMPARE(item->text(1), QStringLiteral("lr grid"));
    QCOMPARE(item->text(2), QStringLiteral("churn"));
    QCOMPARE(item->text(3), QStringLiteral("planned"));
    QCOMPARE(item->text(4), QStringLiteral("0 of 2"));
    QCOMPARE(item->text(6), QStringLiteral("1.01 USD")); // nothing spent: the plan, 2 x 0.503
    QVERIFY(child<QLabel>(d, "sweepStatus")->text().contains(u"Saved as sweep"));

    // A stopped sweep shows its reason.
    store::CostStore store;
    QString error;
    QVERIFY(store.open(m_ws, &error));
    ml::SweepStore sweeps(store.db());
    QVERIFY(sweeps.setStatus(item->text(0).toLongLong(), ml::SweepPlan::Status::Stopped,
                             QStringLiteral("Projected spend is over the budget"), &error));
    QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("sweepRefresh")), Qt::LeftButton);
    QCOMPARE(list->topLevelItem(0)->text(3), QStringLiteral("stopped"));
    QCOMPARE(list->topLevelItem(0)->text(8), QStringLiteral("Projected spend is over the budget"));
}

void TestSweepDialog::copyAndScript()
{
    SweepDialog d(m_ws, QStringLiteral("http://127.0.0.1:5123"));
    d.show();
    fill(d, QStringLiteral("lr=0.1,it's"), "g5.xlarge", 30, QStringLiteral("50"));
    child<QLineEdit>(d, "sweepCommand")->setText(QStringLiteral("python train.py --lr {lr}"));
    QTest::mouseClick(child<QPushButton>(d, "sweepCopy"), Qt::LeftButton);
    const QString copied = QApplication::clipboard()->text();
    QVERIFY2(copied.contains(u"python train.py --lr 'it'\\''s'"), qPrintable(copied));
    QVERIFY(copied.contains(u"export MLFLOW_TRACKING_URI=http://127.0.0.1:5123"));
    const QString file = m_dir->filePath(QStringLiteral("s.sh"));
    d.setScriptFileChooser([file] { return file; });
    QTest::mouseClick(child<QPushButton>(d, "sweepSaveScript"), Qt::LeftButton);
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(f.readAll()), copied);
}

void TestSweepDialog::windowTellsStoppedSweep()
{
    store::CostStore store;
    QString error;
    QVERIFY2(store.open(m_ws, &error), qPrintable(error));
    MainWindowOptions options;
    options.generateDemo = [](store::CostStore &, const ProgressFn &, const CancelFn &, QString *why) {
        *why = QStringLiteral("not expected in this test");
        return false;
    };
    MainWindow window(store, options);
    window.show();
    // The menu opens the dialog on this workspace.
    auto *plan = window.findChild<QAction *>(QStringLiteral("actionPlanSweep"));
    QVERIFY(plan);
    plan->trigger();
    auto *dialog = window.findChild<SweepDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(dialog->findChild<QComboBox *>(QStringLiteral("sweepExperiment"))->findText(QStringLiteral("churn")) >= 0);
    dialog->close();
    // The tracking endpoint's thread stops a sweep: the window says which and why.
    Q_EMIT ml::SweepEvents::instance()->sweepStopped(7, QStringLiteral("lr <grid>"),
                                                     QStringLiteral("Projected spend 2.60 USD is over the budget of 2.50 USD"));
    QTRY_VERIFY(window.statusBar()->currentMessage().contains(u"lr <grid>"));
    bool told = false;
    for (const Banner *b : window.findChildren<Banner *>())
        if (b->isVisible() && b->text().contains(u"over the budget of 2.50 USD") && b->text().contains(u"&lt;grid&gt;"))
            told = true;
    QVERIFY(told);
}

QTEST_MAIN(TestSweepDialog)
#include "TestSweepDialog.moc"
