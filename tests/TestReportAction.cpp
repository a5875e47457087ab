#include "app/Translations.h"
#include "model/demo/DemoGenerator.h"
#include "model/store/CostStore.h"
#include "views/MainWindow.h"
#include "views/common/Dialogs.h"
#include "views/common/JobRunner.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace costscope;

namespace {

QString s(const char *text) { return QString::fromUtf8(text); }

const QDate kToday(2026, 3, 20);

QString pdfText(const QString &pdf)
{
    QProcess p;
    p.start(s("pdftotext"), {s("-layout"), pdf, s("-")});
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

views::MainWindowOptions options()
{
    views::MainWindowOptions o;
    o.today = [] { return kToday; };
    o.generateDemo = [](store::CostStore &, const ProgressFn &, const CancelFn &, QString *error) {
        *error = s("not expected in this test");
        return false;
    };
    return o;
}

} // namespace

// File > Report (PDF)… driven through the window: the month and file come from the dialog seam,
// the report is written on a worker, and the PDF's total is the Dashboard's month to date.
class TestReportAction : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void writesTheMonthShownByTheDashboard_data();
    void writesTheMonthShownByTheDashboard();
    void cancelledChoicesWriteNothing();
    void unwritableFileIsReported();

private:
    QTemporaryDir m_dir;
    QString m_path;
};

void TestReportAction::initTestCase()
{
    if (QStandardPaths::findExecutable(s("pdftotext")).isEmpty())
        QSKIP("pdftotext (poppler-utils) is not installed: run scripts/install-deps.sh");
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(s("demo.costscope"));
    store::CostStore st;
    QVERIFY(st.open(m_path));
    demo::DemoOptions opts;
    opts.scale = 0.05;
    opts.months = 2;
    opts.endDate = kToday;
    QString error;
    QVERIFY2(demo::generateDemo(st, opts, {}, {}, nullptr, &error), qPrintable(error));
}

void TestReportAction::cleanup()
{
    views::setDialogHandlers({});
    app::installTranslators(s("en"));
}

// The window in English and in Chinese: File > Report writes the PDF in the window's language
// (headings written here by hand), with the Dashboard's month to date in both.
void TestReportAction::writesTheMonthShownByTheDashboard_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QStringList>("absent");
    const QStringList english{s("Monthly FinOps report"), s("Total this month"), s("March 2026"),
                              s("Cost by provider"), s("Budget status"), s("Page 1 of ")};
    const QStringList chinese{s("月度 FinOps 报告"), s("本月合计"), s("2026年3月"), s("按云厂商的成本"),
                              s("预算状态"), s("第 1 页，共 ")};
    QTest::newRow("English") << s("en") << english << chinese;
    QTest::newRow("Simplified Chinese") << s("zh_CN") << chinese << english;
}

void TestReportAction::writesTheMonthShownByTheDashboard()
{
    QFETCH(QString, language);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, absent);
    QCOMPARE(app::installTranslators(language), language);
    store::CostStore st;
    QVERIFY(st.open(m_path));
    views::MainWindow window(st, options());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *mtd = window.findChild<QLabel *>(s("dashboardMonthToDate"));
    QVERIFY(mtd);
    QTRY_VERIFY_WITH_TIMEOUT(mtd->text().endsWith(s(" USD")), 30000);
    // "12,345.67 USD" in the window; the report writes amounts without group separators.
    QString shown = mtd->text();
    shown.remove(QLocale().groupSeparator());

    QStringList offered;
    QString suggested;
    QStringList informations, warnings;
    const QString pdf = m_dir.filePath(s("window-report-%1.pdf").arg(language));
    views::DialogHandlers h;
    h.chooseItem = [&](const QString &, const QStringList &items) {
        offered = items;
        return items.value(0);
    };
    h.saveFileName = [&](const QString &, const QString &proposal, const QString &) {
        suggested = proposal;
        return pdf;
    };
    h.information = [&](const QString &, const QString &text) { informations << text; };
    h.warning = [&](const QString &, const QString &text) { warnings << text; };
    views::setDialogHandlers(h);

    auto *action = window.findChild<QAction *>(s("actionReport"));
    QVERIFY(action);
    QSignalSpy finished(window.jobs(), &views::JobRunner::finished);
    action->trigger();
    // The months with data, newest first: the demo's two months up to today.
    QCOMPARE(offered, (QStringList{s("2026-03"), s("2026-02")}));
    QVERIFY2(suggested.endsWith(s("costscope-report-2026-03.pdf")), qPrintable(suggested));
    QTRY_VERIFY_WITH_TIMEOUT(!informations.isEmpty() || !warnings.isEmpty(), 120000);
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n')));
    QCOMPARE(informations, QStringList{QCoreApplication::translate("QObject", "The report was written to %1.").arg(pdf)});
    QVERIFY(QFile::exists(pdf));
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.front().at(0).toBool(), true);

    const QString text = pdfText(pdf);
    for (const QString &t : expected)
        QVERIFY2(text.contains(t), qPrintable(t + s(" not in the PDF")));
    for (const QString &t : absent)
        QVERIFY2(!text.contains(t), qPrintable(t + s(" in the PDF")));
    QVERIFY2(text.contains(shown), qPrintable(s("%1 not in the PDF").arg(shown)));
}

void TestReportAction::cancelledChoicesWriteNothing()
{
    store::CostStore st;
    QVERIFY(st.open(m_path));
    views::MainWindow window(st, options());
    const QString pdf = m_dir.filePath(s("cancelled.pdf"));
    int fileAsked = 0;
    QStringList messages;
    views::DialogHandlers h;
    h.chooseItem = [](const QString &, const QStringList &) { return QString(); }; // cancel the month
    h.saveFileName = [&](const QString &, const QString &, const QString &) {
        ++fileAsked;
        return QString(); // cancel the file
    };
    h.information = [&](const QString &, const QString &text) { messages << text; };
    h.warning = h.information;
    views::setDialogHandlers(h);
    auto *action = window.findChild<QAction *>(s("actionReport"));
    QVERIFY(action);
    action->trigger();
    QCOMPARE(fileAsked, 0);
    h.chooseItem = [](const QString &, const QStringList &items) { return items.value(0); };
    views::setDialogHandlers(h);
    action->trigger();
    QCOMPARE(fileAsked, 1);
    QVERIFY(!window.jobs()->isRunning());
    QVERIFY(messages.isEmpty());
    QVERIFY(!QFile::exists(pdf));
}

void TestReportAction::unwritableFileIsReported()
{
    store::CostStore st;
    QVERIFY(st.open(m_path));
    views::MainWindow window(st, options());
    const QString pdf = m_dir.filePath(s("no-such-folder/report.pdf"));
    QStringList informations, warnings;
    views::DialogHandlers h;
    h.chooseItem = [](const QString &, const QStringList &items) { return items.value(1); }; // February
    h.saveFileName = [&](const QString &, const QString &, const QString &) { return pdf; };
    h.information = [&](const QString &, const QString &text) { informations << text; };
    h.warning = [&](const QString &, const QString &text) { warnings << text; };
    views::setDialogHandlers(h);
    window.findChild<QAction *>(s("actionReport"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!informations.isEmpty() || !warnings.isEmpty(), 120000);
    QVERIFY(informations.isEmpty());
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.front().startsWith(s("The report was not written: ")), qPrintable(warnings.front()));
    QVERIFY(!QFile::exists(pdf));
}

QTEST_MAIN(TestReportAction)
#include "TestReportAction.moc"
