#include "app/OpenFiles.h"
#include "model/Domain.h"
#include "model/Money.h"
#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"
#include "providers/import/FileImportService.h"
#include "views/MainWindow.h"
#include "views/import/ImportController.h"
#include "views/import/ImportReportDialog.h"

#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QFileOpenEvent>
#include <QLabel>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QUrl>

using namespace costscope;

// macOS hands documents opened from Finder to the application as QEvent::FileOpen. These tests
// post those events to the application as Cocoa would and check that the files reach the real
// importer and the workspace, also when they arrive before the window exists.
namespace {

const QString kFocusSample = QStringLiteral(COSTSCOPE_TEST_DATA "/import/focus/focus_sample_1.0.csv");
const QString kCurSample = QStringLiteral(COSTSCOPE_TEST_DATA "/import/aws/cur_legacy_sample.csv");

template <typename T> T *child(QObject *root, const char *name)
{
    return root->findChild<T *>(QString::fromLatin1(name));
}

views::MainWindowOptions options(ImportService *service)
{
    views::MainWindowOptions o;
    o.today = [] { return QDate(2026, 4, 10); };
    o.generateDemo = [](store::CostStore &, const ProgressFn &, const CancelFn &, QString *error) {
        *error = QStringLiteral("not expected in this test");
        return false;
    };
    o.importService = service;
    o.importPrompts.chooseFiles = [](QWidget *) { return QStringList(); };
    o.importPrompts.askAboutDemo = [](QWidget *) {
        qWarning("the demo question was not expected in this test");
        return views::DemoImportChoice::Cancel;
    };
    return o;
}

// Everything the workspace holds, in its main currency.
int64_t storedTotal(store::CostStore &store)
{
    store::CostQuerySpec spec;
    spec.from = QDate(2000, 1, 1);
    spec.to = QDate(2100, 1, 1);
    spec.granularity = store::Granularity::Month;
    return store::CostQuery(store).aggregate(spec).total;
}

int64_t reportedTotal(const ImportFileReport &report)
{
    int64_t total = 0;
    for (const auto &[account, amount] : report.totalsByAccount)
        total += Money::parse(QStringView(amount))->nanos();
    return total;
}

QString cell(views::ImportReportDialog *dialog, int row, int column)
{
    auto *table = child<QTableWidget>(dialog, "importReportTable");
    return table->item(row, column) ? table->item(row, column)->text() : QString();
}

void postOpen(const QString &file)
{
    QCoreApplication::postEvent(QCoreApplication::instance(), new QFileOpenEvent(file));
}

} // namespace

class TestFileOpenEvents : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void openedBeforeWindowIsImported();
    void filesOfOneTurnAreOneImport();
    void badFileShowsError();
    void notLocalFileIsIgnored();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestFileOpenEvents::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("work.costscope"));
    QVERIFY(QFileInfo::exists(kFocusSample));
    QVERIFY(QFileInfo::exists(kCurSample));
}

void TestFileOpenEvents::openedBeforeWindowIsImported()
{
    // As in main.cpp: the filter exists from the QApplication on; Finder's event may come first.
    app::FileOpenEvents events;
    QSignalSpy opened(&events, &app::FileOpenEvents::opened);
    postOpen(kFocusSample);
    QCoreApplication::processEvents();
    QCOMPARE(events.pending(), QStringList{QFileInfo(kFocusSample).absoluteFilePath()});
    QCOMPARE(opened.count(), 0);

    store::CostStore store;
    QVERIFY(store.open(m_path));
    QCOMPARE(storedTotal(store), int64_t(0));
    import::FileImportService service;
    views::MainWindow window(store, options(&service));
    window.show();
    QObject::connect(&events, &app::FileOpenEvents::opened, &window,
                     [&window](const QStringList &paths) { app::openInWindow(window, paths); });
    QSignalSpy finished(&window, &views::MainWindow::jobFinished);
    events.setReady();
    QCOMPARE(opened.count(), 1);
    QVERIFY(events.pending().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    QCOMPARE(finished.first().first().toBool(), true);

    views::ImportReportDialog *report = window.importer()->reportDialog();
    QVERIFY(report);
    QTRY_VERIFY(report->isVisible());
    QCOMPARE(report->reports().size(), size_t(1));
    const ImportFileReport &r = report->reports().front();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.path, QFileInfo(kFocusSample).absoluteFilePath());
    QCOMPARE(r.rows, int64_t(1000));
    QCOMPARE(cell(report, 0, views::ImportReportDialog::ResultColumn), QStringLiteral("Imported"));
    // The rows are in the workspace: what the report counted is what the store sums.
    QVERIFY(reportedTotal(r) != 0);
    QCOMPARE(storedTotal(store), reportedTotal(r));
}

void TestFileOpenEvents::filesOfOneTurnAreOneImport()
{
    store::CostStore store;
    QVERIFY(store.open(m_path));
    import::FileImportService service;
    views::MainWindow window(store, options(&service));
    window.show();
    app::FileOpenEvents events;
    QObject::connect(&events, &app::FileOpenEvents::opened, &window,
                     [&window](const QStringList &paths) { app::openInWindow(window, paths); });
    events.setReady();
    QSignalSpy opened(&events, &app::FileOpenEvents::opened);
    QSignalSpy finished(&window, &views::MainWindow::jobFinished);
    // Finder sends one event per selected file; the same file twice is one file.
    postOpen(kFocusSample);
    postOpen(kCurSample);
    postOpen(kFocusSample);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    QCOMPARE(opened.count(), 1);
    QCOMPARE(opened.first().first().toStringList(),
             (QStringList{QFileInfo(kFocusSample).absoluteFilePath(), QFileInfo(kCurSample).absoluteFilePath()}));
    views::ImportReportDialog *report = window.importer()->reportDialog();
    QVERIFY(report);
    QCOMPARE(report->reports().size(), size_t(2));
    int64_t total = 0;
    for (const ImportFileReport &r : report->reports()) {
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(r.rows > 0);
        total += reportedTotal(r);
    }
    QCOMPARE(storedTotal(store), total);
    // Nothing arrived afterwards: one import, not one per event.
    QCoreApplication::processEvents();
    QCOMPARE(opened.count(), 1);
    QCOMPARE(finished.count(), 1);
}

void TestFileOpenEvents::badFileShowsError()
{
    const QString bad = m_dir->filePath(QStringLiteral("bad.csv"));
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("BilledCost,BillingAccountId,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargeCategory,ProviderName\n"
               "1.25,acct-1,2024-09-01T00:00:00Z,2024-10-01T00:00:00Z,2024-09-03T00:00:00Z,Usage,AWS\n"
               "\"12,5x\",acct-1,2024-09-01T00:00:00Z,2024-10-01T00:00:00Z,2024-09-03T00:00:00Z,Usage,AWS\n");
    file.close();

    store::CostStore store;
    QVERIFY(store.open(m_path));
    import::FileImportService service;
    views::MainWindow window(store, options(&service));
    window.show();
    app::FileOpenEvents events;
    QObject::connect(&events, &app::FileOpenEvents::opened, &window,
                     [&window](const QStringList &paths) { app::openInWindow(window, paths); });
    events.setReady();
    QSignalSpy finished(&window, &views::MainWindow::jobFinished);
    postOpen(bad);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    QCOMPARE(finished.first().first().toBool(), false);

    views::ImportReportDialog *report = window.importer()->reportDialog();
    QVERIFY(report);
    QTRY_VERIFY(report->isVisible());
    QCOMPARE(cell(report, 0, views::ImportReportDialog::ResultColumn), QStringLiteral("Failed"));
    const QString details = child<QTextBrowser>(report, "importReportDetails")->toPlainText();
    QVERIFY2(details.contains(QStringLiteral("bad.csv: line 3, column 1 (BilledCost): expected a decimal amount, found '12,5x'")),
             qPrintable(details));
    auto *banner = child<QWidget>(&window, "errorBanner");
    QVERIFY(banner->isVisible());
    QVERIFY(child<QLabel>(banner, "bannerText")->text().contains(QStringLiteral("bad.csv: line 3")));
    // One transaction per file: the good first row was not written either.
    QCOMPARE(storedTotal(store), int64_t(0));
}

void TestFileOpenEvents::notLocalFileIsIgnored()
{
    app::FileOpenEvents events;
    events.setReady();
    QSignalSpy opened(&events, &app::FileOpenEvents::opened);
    QCoreApplication::postEvent(QCoreApplication::instance(),
                                new QFileOpenEvent(QUrl(QStringLiteral("https://example.invalid/bill.csv"))));
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    QCOMPARE(opened.count(), 0);
    QVERIFY(events.pending().isEmpty());
    // A local one right after still goes through.
    postOpen(kFocusSample);
    QTRY_COMPARE(opened.count(), 1);
    QCOMPARE(opened.first().first().toStringList(), QStringList{QFileInfo(kFocusSample).absoluteFilePath()});
}

QTEST_MAIN(TestFileOpenEvents)
#include "TestFileOpenEvents.moc"
