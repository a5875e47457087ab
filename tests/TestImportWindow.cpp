#include "model/Domain.h"
#include "model/Money.h"
#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "providers/import/FileImportService.h"
#include "views/MainWindow.h"
#include "views/common/ChartStyle.h"
#include "views/common/JobRunner.h"
#include "views/dashboard/DashboardTab.h"
#include "views/explorer/ExplorerTab.h"
#include "views/import/ImportController.h"
#include "views/import/ImportReportDialog.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QMimeData>
#include <QMutex>
#include <QMutexLocker>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QUrl>

#include <atomic>
#include <thread>

using namespace costscope;

namespace {

const QDate kToday(2026, 4, 10);

int64_t units(double u) { return Money::fromDouble(u).nanos(); }

template <typename T> T *child(QObject *root, const char *name)
{
    return root->findChild<T *>(QString::fromLatin1(name));
}

// Writes `days` days of one AWS account's EC2 cost (dailyNanos each) from 2026-03-01, as an import would.
bool writeBill(const QString &workspace, int days, int64_t dailyNanos, const QString &digest, QString *error)
{
    store::CostStore s;
    if (!s.open(workspace, error))
        return false;
    CostBatch b;
    b.provider = QStringLiteral("AWS");
    b.billingAccountId = QStringLiteral("111111111111");
    b.periodStart = QDate(2026, 3, 1);
    b.periodEnd = QDate(2026, 4, 1);
    for (int i = 0; i < days; ++i) {
        CostRow r;
        r.chargeStart = b.periodStart.addDays(i).startOfDay(Qt::UTC).toSecsSinceEpoch();
        r.chargeEnd = r.chargeStart + 86400;
        r.subAccountId = QStringLiteral("111111111111");
        r.serviceName = QStringLiteral("Amazon EC2");
        r.region = QStringLiteral("us-east-1");
        r.billedCost = Money::fromNanos(dailyNanos);
        r.effectiveCost = r.billedCost;
        r.listCost = r.billedCost;
        b.rows.push_back(r);
    }
    store::CostWriter writer(s);
    SourceInfo source{QStringLiteral("file"), QStringLiteral("bill.csv"), digest, QStringLiteral("FOCUS 1.0")};
    return writer.write(source, {b}, error);
}

ImportFileReport okReport(const QString &path, int64_t rows, const QString &total)
{
    ImportFileReport r;
    r.path = path;
    r.ok = true;
    r.format = QStringLiteral("FOCUS 1.0");
    r.rows = rows;
    r.bytes = 4096;
    r.periodStart = QDate(2026, 3, 1);
    r.periodEnd = QDate(2026, 4, 1);
    r.currency = QStringLiteral("USD");
    r.totalsByAccount = {{QStringLiteral("111111111111"), total}};
    return r;
}

// An ImportService whose answer each test sets; it records what the window asked for.
class FakeImportService : public ImportService
{
public:
    using Handler = std::function<std::vector<ImportFileReport>(const QString &workspace, const QStringList &paths,
                                                                const ProgressFn &, const CancelFn &)>;
    Handler handler;
    std::atomic<int> calls{0};
    std::atomic<bool> sawCancel{false};

    std::vector<ImportFileReport> importPaths(const QString &workspacePath, const QStringList &paths,
                                              const ProgressFn &progress, const CancelFn &cancelled) override
    {
        {
            QMutexLocker lock(&m_mutex);
            m_workspace = workspacePath;
            m_paths = paths;
        }
        ++calls;
        return handler ? handler(workspacePath, paths, progress, cancelled) : std::vector<ImportFileReport>{};
    }
    QStringList paths() const
    {
        QMutexLocker lock(&m_mutex);
        return m_paths;
    }
    QString workspace() const
    {
        QMutexLocker lock(&m_mutex);
        return m_workspace;
    }

private:
    mutable QMutex m_mutex;
    QStringList m_paths;
    QString m_workspace;
};

views::MainWindowOptions options(ImportService *service, const QStringList &chosen)
{
    views::MainWindowOptions o;
    o.today = [] { return kToday; };
    o.generateDemo = [](store::CostStore &, const ProgressFn &, const CancelFn &, QString *error) {
        *error = QStringLiteral("not expected in this test");
        return false;
    };
    o.importService = service;
    o.importPrompts.chooseFiles = [chosen](QWidget *) { return chosen; };
    o.importPrompts.askAboutDemo = [](QWidget *) {
        qWarning("the demo question was not expected in this test");
        return views::DemoImportChoice::Cancel;
    };
    return o;
}

QAction *importAction(views::MainWindow &window)
{
    return child<QAction>(&window, "actionImportFiles");
}

QString cell(views::ImportReportDialog *dialog, int row, int column)
{
    auto *table = child<QTableWidget>(dialog, "importReportTable");
    return table->item(row, column) ? table->item(row, column)->text() : QString();
}

} // namespace

class TestImportWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void fileMenuImportShowsReport();
    void failingFileShowsError();
    void cancelReachesService();
    void dropStartsImportOfPaths();
    void successfulImportReloadsDashboard();
    void demoWorkspaceReplaceOrNew();
    void realServiceFocusSampleMatchesExplorer();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestImportWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("work.costscope"));
}

void TestImportWindow::fileMenuImportShowsReport()
{
    store::CostStore store;
    QVERIFY(store.open(m_path));
    FakeImportService service;
    const QString a = m_dir->filePath(QStringLiteral("2026-03-focus.csv"));
    const QString b = m_dir->filePath(QStringLiteral("old.csv.gz"));
    service.handler = [a, b](const QString &, const QStringList &, const ProgressFn &, const CancelFn &) {
        ImportFileReport first = okReport(a, 31, QStringLiteral("310.5"));
        first.warnings << QStringLiteral("2 rows have a negative cost without being credits")
                       << QStringLiteral("unknown column Id is ignored");
        ImportFileReport second;
        second.path = b;
        second.ok = true;
        second.unchanged = true;
        second.bytes = 100;
        return std::vector<ImportFileReport>{first, second};
    };
    views::MainWindow window(store, options(&service, {a, b}));
    window.show();
    QSignalSpy finished(&window, &views::MainWindow::jobFinished);
    QAction *action = importAction(window);
    QVERIFY(action && action->isEnabled());
    action->trigger();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toBool(), true);
    QCOMPARE(service.paths(), (QStringList{a, b}));
    QCOMPARE(service.workspace(), m_path);

    views::ImportReportDialog *report = window.importer()->reportDialog();
    QVERIFY(report);
    QTRY_VERIFY(report->isVisible());
    auto *table = child<QTableWidget>(report, "importReportTable");
    QCOMPARE(table->rowCount(), 2);
    using D = views::ImportReportDialog;
    QCOMPARE(cell(report, 0, D::FileColumn), QStringLiteral("2026-03-focus.csv"));
    QCOMPARE(cell(report, 0, D::ResultColumn), QStringLiteral("Imported"));
    QCOMPARE(cell(report, 0, D::FormatColumn), QStringLiteral("FOCUS 1.0"));
    QCOMPARE(cell(report, 0, D::RowsColumn), QLocale().toString(31));
    QCOMPARE(cell(report, 0, D::PeriodColumn), QLocale().toString(QDate(2026, 3, 1), QStringLiteral("MMMM yyyy")));
    QCOMPARE(cell(report, 0, D::TotalColumn), views::moneyText(units(310.5), QStringLiteral("USD")));
    QCOMPARE(cell(report, 0, D::WarningsColumn), QStringLiteral("2 warnings"));
    QCOMPARE(cell(report, 1, D::FileColumn), QStringLiteral("old.csv.gz"));
    QVERIFY(cell(report, 1, D::ResultColumn).startsWith(QStringLiteral("Unchanged")));
    QVERIFY(cell(report, 1, D::RowsColumn).isEmpty());
    QVERIFY(child<QLabel>(report, "importReportSummary")->text().contains(QStringLiteral("1 unchanged")));

    // The file with warnings is selected first; its details list the account total and the warnings.
    const QString details = child<QTextBrowser>(report, "importReportDetails")->toPlainText();
    QVERIFY2(details.contains(QStringLiteral("111111111111")), qPrintable(details));
    QVERIFY(details.contains(QStringLiteral("negative cost")));
    QVERIFY(details.contains(QStringLiteral("unknown column Id")));

    // Copy as text: every file, its result, format, rows and warnings.
    QTest::mouseClick(child<QPushButton>(report, "importReportCopy"), Qt::LeftButton);
    const QString text = QApplication::clipboard()->text();
    QVERIFY2(text.contains(QStringLiteral("2026-03-focus.csv: Imported")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Format: FOCUS 1.0")));
    QVERIFY(text.contains(QStringLiteral("111111111111: 310.5 USD")));
    QVERIFY(text.contains(QStringLiteral("- unknown column Id is ignored")));
    QVERIFY(text.contains(QStringLiteral("old.csv.gz: Unchanged")));
    QVERIFY(text.contains(m_path));
    QVERIFY(child<QLabel>(&window, "statusMessage")->text().contains(QStringLiteral("1 imported")));
    QVERIFY(!child<QWidget>(&window, "errorBanner")->isVisible());
}

void TestImportWindow::failingFileShowsError()
{
    store::CostStore store;
    QVERIFY(store.open(m_path));
    FakeImportService service;
    const QString bad = m_dir->filePath(QStringLiteral("bad.csv"));
    const QString error = bad + QStringLiteral(": line 3, column 1 (BilledCost): expected a decimal amount, found '12,5x'");
    service.handler = [bad, error](const QString &, const QStringList &, const ProgressFn &, const CancelFn &) {
        ImportFileReport r;
        r.path = bad;
        r.error = error;
        return std::vector<ImportFileReport>{r};
    };
    views::MainWindow window(store, options(&service, {bad}));
    window.show();
    QSignalSpy finished(&window, &views::MainWindow::jobFinished);
    importAction(window)->trigger();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toBool(), false);

    views::ImportReportDialog *report = window.importer()->reportDialog();
    QVERIFY(report);
    QTRY_VERIFY(report->isVisible());
    QCOMPARE(cell(report, 0, views::ImportReportDialog::ResultColumn), QStringLiteral("Failed"));
    const QString details = child<QTextBrowser>(report, "importReportDetails")->toPlainText();
    QVERIFY2(details.contains(QStringLiteral("line 3, column 1 (BilledCost): expected a decimal amount")), qPrintable(details));
    QVERIFY(details.contains(QStringLiteral("What to do")));
    QVERIFY(details.contains(QStringLiteral("Nothing from this file was written")));
    // The error banner names the file and the line too.
    auto *banner = child<QWidget>(&window, "errorBanner");
    QVERIFY(banner->isVisible());
    QVERIFY(child<QLabel>(banner, "bannerText")->text().contains(QStringLiteral("bad.csv: line 3")));
    QVERIFY(report->plainText().contains(QStringLiteral("What to do:")));
}

void TestImportWindow::cancelReachesService()
{
    store::CostStore store;
    QVERIFY(store.open(m_path));
    FakeImportService service;
    const QString big = m_dir->filePath(QStringLiteral("big.csv"));
    service.handler = [&service, big](const QString &, const QStringList &, const ProgressFn &progress,
                                      const CancelFn &cancelled) {
        progress(0.25, QStringLiteral("Importing big.csv: 20000 rows, 1.0 MB of 4.0 MB read"));
        while (!cancelled())
            std::this_thread::yield();
        service.sawCancel = true;
        ImportFileReport r;
        r.path = big;
        r.bytes = 4'000'000;
        r.error = big + QStringLiteral(": cancelled; nothing was imported");
        return std::vector<ImportFileReport>{r};
    };
    views::MainWindow window(store, options(&service, {big}));
    window.show();
    QSignalSpy finished(&window, &views::MainWindow::jobFinished);
    importAction(window)->trigger();
    auto *cancel = child<QPushButton>(&window, "statusCancel");
    QTRY_VERIFY(cancel->isVisible());
    // Rows and bytes both reach the status bar.
    auto *status = child<QLabel>(&window, "statusMessage");
    QTRY_VERIFY(status->text().contains(QStringLiteral("20000 rows")));
    QVERIFY(status->text().contains(QStringLiteral("1.0 MB of 4.0 MB")));
    QVERIFY(!importAction(window)->isEnabled()); // one job at a time
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_COMPARE(finished.count(), 1);
    QVERIFY(service.sawCancel.load());
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(!cancel->isVisible());
    QVERIFY(status->text().contains(QStringLiteral("cancelled")));
    views::ImportReportDialog *report = window.importer()->reportDialog();
    QVERIFY(report);
    QCOMPARE(cell(report, 0, views::ImportReportDialog::ResultColumn), QStringLiteral("Cancelled"));
    QVERIFY(!child<QWidget>(&window, "errorBanner")->isVisible()); // a cancel is not an error
    QVERIFY(importAction(window)->isEnabled());
}

void TestImportWindow::dropStartsImportOfPaths()
{
    store::CostStore store;
    QVERIFY(store.open(m_path));
    FakeImportService service;
    service.handler = [](const QString &, const QStringList &paths, const ProgressFn &, const CancelFn &) {
        std::vector<ImportFileReport> out;
        for (const QString &p : paths)
            out.push_back(okReport(p, 1, QStringLiteral("1")));
        return out;
    };
    const QString file = m_dir->filePath(QStringLiteral("dropped.csv"));
    const QString folder = m_dir->filePath(QStringLiteral("exports"));
    QVERIFY(QDir().mkpath(folder));
    views::MainWindow window(store, options(&service, {}));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.acceptDrops());

    // Links from a browser are not files: refused.
    QMimeData web;
    web.setUrls({QUrl(QStringLiteral("https://example.com/bill.csv"))});
    QDragEnterEvent refused(QPoint(20, 20), Qt::CopyAction, &web, Qt::LeftButton, Qt::NoModifier);
    refused.ignore();
    QApplication::sendEvent(&window, &refused);
    QVERIFY(!refused.isAccepted());

    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(file), QUrl::fromLocalFile(folder)});
    QDragEnterEvent enter(QPoint(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    enter.ignore();
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    drop.ignore();
    QSignalSpy finished(&window, &views::MainWindow::jobFinished);
    QApplication::sendEvent(&window, &drop);
    QVERIFY(drop.isAccepted());
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(service.calls.load(), 1);
    QCOMPARE(service.paths(), (QStringList{file, folder}));
    QTRY_VERIFY(window.importer()->reportDialog() && window.importer()->reportDialog()->isVisible());
    QCOMPARE(child<QTableWidget>(window.importer()->reportDialog(), "importReportTable")->rowCount(), 2);
}

void TestImportWindow::successfulImportReloadsDashboard()
{
    store::CostStore store;
    QVERIFY(store.open(m_path));
    FakeImportService service;
    const QString bill = m_dir->filePath(QStringLiteral("bill.csv"));
    service.handler = [bill](const QString &workspace, const QStringList &, const ProgressFn &, const CancelFn &) {
        QString error;
        ImportFileReport r = okReport(bill, 10, QStringLiteral("70"));
        if (!writeBill(workspace, 10, units(7.0), QStringLiteral("digest-bill"), &error)) {
            r.ok = false;
            r.error = error;
        }
        return std::vector<ImportFileReport>{r};
    };
    views::MainWindow window(store, options(&service, {bill}));
    QSignalSpy loaded(window.dashboard(), &views::DashboardTab::loaded);
    window.show();
    QTRY_VERIFY(loaded.count() >= 1);
    QTRY_VERIFY(child<QLabel>(&window, "dashboardEmpty")->text().contains(QStringLiteral("Import billing files")));
    loaded.clear();
    QSignalSpy finished(&window, &views::MainWindow::jobFinished);
    importAction(window)->trigger();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toBool(), true);
    QTRY_VERIFY(loaded.count() >= 1);
    // Ten days of 7 USD in March 2026, the last month with data.
    QTRY_COMPARE(child<QLabel>(&window, "dashboardMonthToDate")->text(), views::moneyText(units(70.0), QStringLiteral("USD")));
    QCOMPARE(window.dashboard()->data().monthToDate, units(70.0));
}

void TestImportWindow::demoWorkspaceReplaceOrNew()
{
    // A demo workspace: 20 days of 100 USD marked as generated.
    auto makeDemo = [this]() -> bool {
        QString error;
        if (!writeBill(m_path, 20, units(100.0), QStringLiteral("demo-digest"), &error))
            return false;
        store::CostStore s;
        return s.open(m_path) && s.setMetaValue(QStringLiteral("demo"), QStringLiteral("1"));
    };
    QVERIFY(makeDemo());
    FakeImportService service;
    const QString bill = m_dir->filePath(QStringLiteral("bill.csv"));
    service.handler = [bill](const QString &workspace, const QStringList &, const ProgressFn &, const CancelFn &) {
        QString error;
        ImportFileReport r = okReport(bill, 3, QStringLiteral("15"));
        if (!writeBill(workspace, 3, units(5.0), QStringLiteral("digest-real"), &error)) {
            r.ok = false;
            r.error = error;
        }
        return std::vector<ImportFileReport>{r};
    };

    // Cancel: nothing happens.
    {
        store::CostStore store;
        QVERIFY(store.open(m_path));
        views::MainWindowOptions o = options(&service, {bill});
        int asked = 0;
        o.importPrompts.askAboutDemo = [&asked](QWidget *) {
            ++asked;
            return views::DemoImportChoice::Cancel;
        };
        views::MainWindow window(store, o);
        window.show();
        importAction(window)->trigger();
        QCOMPARE(asked, 1);
        QVERIFY(!window.jobs()->isRunning());
        QCOMPARE(service.calls.load(), 0);
        QVERIFY(store.isDemo());
    }
    // New workspace: the bills go into a new file, the demo stays as it was.
    {
        store::CostStore store;
        QVERIFY(store.open(m_path));
        const QString fresh = m_dir->filePath(QStringLiteral("mine.costscope"));
        views::MainWindowOptions o = options(&service, {bill});
        o.importPrompts.askAboutDemo = [](QWidget *) { return views::DemoImportChoice::NewWorkspace; };
        QString suggestion;
        o.importPrompts.chooseNewWorkspace = [&suggestion, fresh](QWidget *, const QString &suggested) {
            suggestion = suggested;
            return fresh;
        };
        views::MainWindow window(store, o);
        window.show();
        QTRY_VERIFY(child<QWidget>(&window, "demoBanner")->isVisible());
        QSignalSpy finished(&window, &views::MainWindow::jobFinished);
        importAction(window)->trigger();
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(suggestion.endsWith(QStringLiteral(".costscope")));
        QVERIFY(!QFileInfo::exists(suggestion) || suggestion == fresh);
        QCOMPARE(service.workspace(), fresh);
        QCOMPARE(store.path(), fresh);
        QVERIFY(!store.isDemo());
        QVERIFY(!child<QWidget>(&window, "demoBanner")->isVisible());
        QVERIFY(!window.windowTitle().contains(QStringLiteral("demo")));
        QTRY_COMPARE(window.dashboard()->data().monthToDate, units(15.0));
        store::CostStore demo;
        QVERIFY(demo.open(m_path));
        QVERIFY(demo.isDemo());
        QCOMPARE(store::CostQuery(demo).dataRange().last, QDate(2026, 3, 20));
    }
    // Replace: the demo data is removed, the mark cleared, and only the bills remain.
    {
        store::CostStore store;
        QVERIFY(store.open(m_path));
        views::MainWindowOptions o = options(&service, {bill});
        o.importPrompts.askAboutDemo = [](QWidget *) { return views::DemoImportChoice::ReplaceDemo; };
        views::MainWindow window(store, o);
        QSignalSpy loaded(window.dashboard(), &views::DashboardTab::loaded);
        window.show();
        QTRY_VERIFY(child<QWidget>(&window, "demoBanner")->isVisible());
        QTRY_VERIFY(loaded.count() >= 1);
        QCOMPARE(window.dashboard()->data().monthToDate, units(2000.0));
        QSignalSpy finished(&window, &views::MainWindow::jobFinished);
        importAction(window)->trigger();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(service.workspace(), m_path);
        QVERIFY(!store.isDemo());
        QVERIFY(!child<QWidget>(&window, "demoBanner")->isVisible());
        QVERIFY(!window.windowTitle().contains(QStringLiteral("demo")));
        QTRY_COMPARE(window.dashboard()->data().monthToDate, units(15.0));
        QCOMPARE(store::CostQuery(store).dataRange().last, QDate(2026, 3, 3));
    }
}

void TestImportWindow::realServiceFocusSampleMatchesExplorer()
{
    store::CostStore store;
    QVERIFY(store.open(m_path));
    import::FileImportService service;
    const QString sample = QStringLiteral(COSTSCOPE_TEST_DATA "/import/focus/focus_sample_1.0.csv");
    QVERIFY(QFileInfo::exists(sample));
    views::MainWindow window(store, options(&service, {sample}));
    window.show();
    QSignalSpy finished(&window, &views::MainWindow::jobFinished);
    importAction(window)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    QCOMPARE(finished.first().first().toBool(), true);

    views::ImportReportDialog *report = window.importer()->reportDialog();
    QVERIFY(report);
    QCOMPARE(report->reports().size(), size_t(1));
    const ImportFileReport &r = report->reports().front();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.rows, int64_t(1000));
    QCOMPARE(cell(report, 0, views::ImportReportDialog::ResultColumn), QStringLiteral("Imported"));
    QVERIFY(cell(report, 0, views::ImportReportDialog::FormatColumn).startsWith(QStringLiteral("FOCUS")));
    QCOMPARE(cell(report, 0, views::ImportReportDialog::RowsColumn), QLocale().toString(1000));
    int64_t reportTotal = 0;
    for (const auto &[account, amount] : r.totalsByAccount)
        reportTotal += Money::parse(QStringView(amount))->nanos();
    QVERIFY(reportTotal != 0);

    // The Cost Explorer's total equals CostQuery's for the same question, and covers the whole file.
    auto *tabs = child<QTabWidget>(&window, "tabs");
    views::ExplorerTab *explorer = window.explorer();
    QSignalSpy loaded(explorer, &views::ExplorerTab::loaded);
    tabs->setCurrentWidget(explorer);
    QTRY_COMPARE(explorer->series().total, reportTotal);
    const store::CostSeries expected = store::CostQuery(store).aggregate(explorer->currentSpec());
    QCOMPARE(explorer->series().total, expected.total);
    QCOMPARE(expected.currency, QStringLiteral("USD"));
    QVERIFY(child<QLabel>(explorer, "explorerTotal")->text().contains(views::moneyText(expected.total, expected.currency)));

    // The same file again: unchanged, nothing written.
    finished.clear();
    importAction(window)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    QCOMPARE(report->reports().size(), size_t(1));
    QVERIFY(report->reports().front().unchanged);
    QVERIFY(cell(report, 0, views::ImportReportDialog::ResultColumn).startsWith(QStringLiteral("Unchanged")));
    QCOMPARE(store::CostQuery(store).aggregate(explorer->currentSpec()).total, expected.total);
}

QTEST_MAIN(TestImportWindow)
#include "TestImportWindow.moc"
