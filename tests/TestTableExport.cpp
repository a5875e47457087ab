#include "views/common/Dialogs.h"
#include "views/common/TableExport.h"
#include "views/explorer/CostTableModel.h"
#include "views/import/ImportReportDialog.h"

#include <QAction>
#include <QFile>
#include <QHeaderView>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace costscope;
using namespace costscope::views;

namespace {

QString s(const char *text) { return QString::fromUtf8(text); }

// Name, day, amount, note: displayed as a person reads them, exported as data.
struct Row
{
    QString name;
    QDate day;
    QString amount; // plain decimal
    QString note;
};

QStandardItemModel *fixture(QObject *parent)
{
    auto *m = new QStandardItemModel(0, 4, parent);
    m->setHorizontalHeaderLabels({s("Name"), s("Day"), s("Amount (USD)"), s("Note")});
    m->setHeaderData(2, Qt::Horizontal, s("Amount"), ExportValueRole);
    const Row rows[] = {
        {s("=HYPERLINK(\"http://x\",\"y\")"), QDate(2026, 3, 5), s("1234.50"), s("a,b")},
        {s("+1-2"), QDate(2026, 3, 1), s("-12.30"), s("said \"hi\"")},
        {s("@SUM(A1)"), QDate(2026, 2, 28), s("0.05"), s("two\nlines")},
        {s("Zürich 東京"), QDate(2026, 3, 31), s("7.00"), s("-")},
    };
    for (const Row &r : rows) {
        QList<QStandardItem *> items;
        items << new QStandardItem(r.name);
        auto *day = new QStandardItem(QLocale().toString(r.day, QLocale::LongFormat));
        day->setData(r.day, ExportValueRole);
        day->setData(r.day, Qt::UserRole);
        items << day;
        auto *amount = new QStandardItem(r.amount + s(" USD (shown)"));
        amount->setData(r.amount, ExportValueRole);
        amount->setData(s("USD"), ExportCurrencyRole);
        amount->setData(r.amount.toDouble(), Qt::UserRole);
        items << amount;
        items << new QStandardItem(r.note);
        m->appendRow(items);
    }
    return m;
}

// Each row of the fixture as exported, worked out by hand from RFC 4180 and the neutralising rule.
const QByteArray kHeader = "Name,Day,Amount,Note,currency\r\n";
const QByteArray kRow0 = "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",2026-03-05,1234.50,\"a,b\",USD\r\n";
const QByteArray kRow1 = "'+1-2,2026-03-01,-12.30,\"said \"\"hi\"\"\",USD\r\n";
const QByteArray kRow2 = "'@SUM(A1),2026-02-28,0.05,\"two\nlines\",USD\r\n";
const QByteArray kRow3 = "Zürich 東京,2026-03-31,7.00,'-,USD\r\n";

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestTableExport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exportText_data();
    void exportText();
    void fixtureExactBytes();
    void sortRespected();
    void filterRespected();
    void columnsAsShown();
    void hiddenRowsSkipped();
    void noCurrencyColumnWithoutMoney();
    void costTableModel();
    void treeChildrenAndSkippedRows();
    void writeAndUnwritable();
    void contextMenuExports();
    void exportableTableOfTab();
    void importReportExportsData();
};

void TestTableExport::exportText_data()
{
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("date") << QVariant(QDate(2026, 1, 9)) << s("2026-01-09");
    QTest::newRow("utc time") << QVariant(QDateTime(QDate(2026, 1, 9), QTime(8, 5, 1), QTimeZone::utc()))
                              << s("2026-01-09T08:05:01Z");
    // 10:05 at UTC+2 is 08:05 UTC: the CSV holds one time zone.
    QTest::newRow("offset time") << QVariant(QDateTime(QDate(2026, 1, 9), QTime(10, 5, 1), QTimeZone(7200)))
                                 << s("2026-01-09T08:05:01Z");
    QTest::newRow("double") << QVariant(0.125) << s("0.125");
    QTest::newRow("int64") << QVariant::fromValue<qlonglong>(-9007199254740993LL) << s("-9007199254740993");
    QTest::newRow("bool") << QVariant(true) << s("true");
    QTest::newRow("text") << QVariant(s("12.50")) << s("12.50");
}

void TestTableExport::exportText()
{
    QFETCH(QVariant, value);
    QFETCH(QString, expected);
    QCOMPARE(views::exportText(value), expected);
}

void TestTableExport::fixtureExactBytes()
{
    QTableView view;
    view.setModel(fixture(&view));
    QCOMPARE(tableCsv(view).toUtf8(), kHeader + kRow0 + kRow1 + kRow2 + kRow3);
}

void TestTableExport::sortRespected()
{
    QTableView view;
    auto *proxy = new QSortFilterProxyModel(&view);
    proxy->setSourceModel(fixture(&view));
    proxy->setSortRole(Qt::UserRole);
    view.setModel(proxy);
    view.setSortingEnabled(true);
    view.sortByColumn(2, Qt::DescendingOrder); // by amount: 1234.50, 7.00, 0.05, -12.30
    QCOMPARE(tableCsv(view).toUtf8(), kHeader + kRow0 + kRow3 + kRow2 + kRow1);
    view.sortByColumn(1, Qt::AscendingOrder); // by day: Feb 28, Mar 1, Mar 5, Mar 31
    QCOMPARE(tableCsv(view).toUtf8(), kHeader + kRow2 + kRow1 + kRow0 + kRow3);
}

void TestTableExport::filterRespected()
{
    QTableView view;
    auto *proxy = new QSortFilterProxyModel(&view);
    proxy->setSourceModel(fixture(&view));
    proxy->setFilterKeyColumn(3);
    proxy->setFilterFixedString(s("i")); // "said "hi"" and "two lines"
    view.setModel(proxy);
    QCOMPARE(tableCsv(view).toUtf8(), kHeader + kRow1 + kRow2);
    proxy->setFilterFixedString(s("nothing matches this"));
    QCOMPARE(tableCsv(view).toUtf8(), QByteArray("Name,Day,Amount,Note\r\n"));
}

void TestTableExport::columnsAsShown()
{
    QTableView view;
    view.setModel(fixture(&view));
    view.horizontalHeader()->hideSection(1);     // no day
    view.horizontalHeader()->moveSection(3, 0);  // note first
    QCOMPARE(tableCsv(view).toUtf8(), QByteArray("Note,Name,Amount,currency\r\n"
                                                 "\"a,b\",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",1234.50,USD\r\n"
                                                 "\"said \"\"hi\"\"\",'+1-2,-12.30,USD\r\n"
                                                 "\"two\nlines\",'@SUM(A1),0.05,USD\r\n"
                                                 "'-,Zürich 東京,7.00,USD\r\n"));
    // Without the amount, nothing is money: no currency column.
    view.horizontalHeader()->hideSection(2);
    QCOMPARE(tableCsv(view).toUtf8().left(14), QByteArray("Note,Name\r\n\"a,"));
}

void TestTableExport::hiddenRowsSkipped()
{
    QTableView view;
    view.setModel(fixture(&view));
    view.setRowHidden(0, true);
    view.setRowHidden(2, true);
    QCOMPARE(tableCsv(view).toUtf8(), kHeader + kRow1 + kRow3);
}

void TestTableExport::noCurrencyColumnWithoutMoney()
{
    QStandardItemModel m(0, 2);
    m.setHorizontalHeaderLabels({s("Account"), s("Status")});
    m.appendRow({new QStandardItem(s("prod")), new QStandardItem(s("ok"))});
    // Without ExportValueRole the cell is written as shown.
    m.appendRow({new QStandardItem(s("1,234.56")), new QStandardItem(QString())});
    QCOMPARE(modelCsv(m, {0, 1}).toUtf8(), QByteArray("Account,Status\r\nprod,ok\r\n\"1,234.56\",\r\n"));
    QCOMPARE(modelCsv(m, {1}).toUtf8(), QByteArray("Status\r\nok\r\n\r\n"));
}

void TestTableExport::costTableModel()
{
    // The Cost Explorer's model: months as ISO columns, money as plain decimals, the share in
    // percent, the series' currency in its column (the header shown says "Total (EUR)").
    constexpr int64_t unit = 1'000'000'000;
    store::CostSeries series;
    series.currency = s("EUR");
    series.granularity = store::Granularity::Month;
    series.buckets = {QDate(2026, 1, 1), QDate(2026, 2, 1)};
    auto group = [](const QString &key, const QString &label, std::vector<int64_t> nanos) {
        store::CostGroup g;
        g.key = key;
        g.label = label;
        g.total = 0;
        for (int64_t n : nanos)
            g.total += n;
        g.nanos = std::move(nanos);
        return g;
    };
    series.groups = {group(s("b"), s("-Service B"), {0, 12 * unit + unit / 200}),
                     group(s("a"), s("Service A"), {3 * unit, unit / 4})};
    series.total = 15 * unit + unit / 4 + unit / 200;
    CostTableModel model;
    model.setSeries(series, s("Service"));
    QCOMPARE(model.headerData(CostTableModel::TotalColumn, Qt::Horizontal).toString(), s("Total (EUR)"));
    QTableView view;
    view.setModel(&model);
    // 12.005 of 15.255 = 78.695...%; 3.25 of 15.255 = 21.304...%. 12.005 rounds half away from zero.
    QCOMPARE(tableCsv(view).toUtf8(), QByteArray("Service,Total,Share (%),2026-01,2026-02,currency\r\n"
                                                 "'-Service B,12.01,78.70,0.00,12.01,EUR\r\n"
                                                 "Service A,3.25,21.30,3.00,0.25,EUR\r\n"));
}

void TestTableExport::treeChildrenAndSkippedRows()
{
    QTreeWidget tree;
    tree.setHeaderLabels({s("Pool"), s("Limit")});
    auto *company = new QTreeWidgetItem(&tree, {s("Company"), s("1,000.00 USD")});
    company->setData(1, ExportValueRole, s("1000.00"));
    company->setData(1, ExportCurrencyRole, s("USD"));
    auto *team = new QTreeWidgetItem(company, {s("Team"), s("250.00 USD")});
    team->setData(1, ExportValueRole, s("250.00"));
    auto *subtotal = new QTreeWidgetItem(&tree, {s("Subtotal"), s("1,250.00")});
    subtotal->setData(0, ExportSkipRowRole, true);
    new QTreeWidgetItem(&tree, {s("Other"), QString()});
    tree.collapseAll(); // collapsed children are still rows of the table
    QCOMPARE(tableCsv(tree).toUtf8(),
             QByteArray("Pool,Limit,currency\r\nCompany,1000.00,USD\r\nTeam,250.00,\r\nOther,,\r\n"));
    team->setHidden(true);
    QCOMPARE(tableCsv(tree).toUtf8(), QByteArray("Pool,Limit,currency\r\nCompany,1000.00,USD\r\nOther,,\r\n"));
    // A skipped group row (the leaderboard's "Ranked (2)") leaves its children in the file.
    auto *group = new QTreeWidgetItem(&tree, {s("Ranked (2)"), QString()});
    group->setData(0, ExportSkipRowRole, true);
    new QTreeWidgetItem(group, {s("run-a"), s("1")});
    auto *hiddenMember = new QTreeWidgetItem(group, {s("run-b"), s("2")});
    new QTreeWidgetItem(hiddenMember, {s("step"), s("3")});
    QCOMPARE(tableCsv(tree).toUtf8(),
             QByteArray("Pool,Limit,currency\r\nCompany,1000.00,USD\r\nOther,,\r\nrun-a,1,\r\nrun-b,2,\r\nstep,3,\r\n"));
    hiddenMember->setHidden(true);
    QCOMPARE(tableCsv(tree).toUtf8(),
             QByteArray("Pool,Limit,currency\r\nCompany,1000.00,USD\r\nOther,,\r\nrun-a,1,\r\n"));
}

void TestTableExport::writeAndUnwritable()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QTableView view;
    view.setModel(fixture(&view));
    const QString path = dir.filePath(s("out.csv"));
    QString error;
    QVERIFY2(writeTableCsv(view, path, &error), qPrintable(error));
    QCOMPARE(readAll(path), kHeader + kRow0 + kRow1 + kRow2 + kRow3);

    const QString bad = dir.filePath(s("no-such-folder/out.csv"));
    QVERIFY(!writeTableCsv(view, bad, &error));
    QVERIFY2(error.contains(s("no-such-folder")), qPrintable(error));
    QVERIFY(!QFile::exists(bad));
}

void TestTableExport::contextMenuExports()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    auto *view = new QTableView(&window);
    view->setObjectName(s("table"));
    view->setModel(fixture(view));
    layout->addWidget(view);
    installTableExport(view, s("fixture"));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QString suggested;
    QStringList warnings;
    const QString path = dir.filePath(s("chosen.csv"));
    DialogHandlers h;
    h.saveFileName = [&](const QString &, const QString &proposal, const QString &) {
        suggested = proposal;
        return path;
    };
    h.warning = [&](const QString &, const QString &text) { warnings << text; };
    const DialogHandlers previous = setDialogHandlers(h);

    QCOMPARE(view->contextMenuPolicy(), Qt::CustomContextMenu);
    Q_EMIT view->customContextMenuRequested(QPoint(5, 5));
    auto *menu = view->findChild<QMenu *>(s("tableExportMenu"));
    QVERIFY(menu);
    auto *action = menu->findChild<QAction *>(s("exportCsvAction"));
    QVERIFY(action);
    action->trigger();
    menu->close();
    QVERIFY(suggested.endsWith(s("fixture.csv")));
    QCOMPARE(readAll(path), kHeader + kRow0 + kRow1 + kRow2 + kRow3);
    QVERIFY(warnings.isEmpty());

    // The user cancels: nothing written, no message.
    QFile::remove(path);
    h.saveFileName = [](const QString &, const QString &, const QString &) { return QString(); };
    setDialogHandlers(h);
    exportTableAsCsv(view, &window);
    QVERIFY(!QFile::exists(path));
    QVERIFY(warnings.isEmpty());

    // An unwritable place: one warning that names it.
    h.saveFileName = [&](const QString &, const QString &, const QString &) { return dir.filePath(s("missing/x.csv")); };
    setDialogHandlers(h);
    exportTableAsCsv(view, &window);
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.front().contains(s("missing")), qPrintable(warnings.front()));
    setDialogHandlers(previous);
}

void TestTableExport::exportableTableOfTab()
{
    QWidget tab;
    auto *layout = new QVBoxLayout(&tab);
    auto *details = new QTreeWidget(&tab);
    auto *main = new QTableView(&tab);
    auto *plain = new QTableView(&tab); // no export installed
    layout->addWidget(details);
    layout->addWidget(main);
    layout->addWidget(plain);
    QCOMPARE(exportableTable(&tab), nullptr);
    installTableExport(details, s("details"), false);
    installTableExport(main, s("main"));
    // Nothing focused: the main table, not the secondary one before it.
    QCOMPARE(exportableTable(&tab), main);
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    // The focused exportable table wins; a focused table without export does not count.
    details->setFocus();
    QTRY_COMPARE(tab.focusWidget(), details);
    QCOMPARE(exportableTable(&tab), details);
    plain->setFocus();
    QTRY_COMPARE(tab.focusWidget(), plain);
    QCOMPARE(exportableTable(&tab), main);
    QCOMPARE(exportableTable(nullptr), nullptr);
}

// The import report's table: the file's path, rows and the billed total as plain numbers, the
// billing period as an ISO 8601 interval, the currency column; a failed file has no figures.
// 1000.25 + 234.25 = 1234.50 EUR.
void TestTableExport::importReportExportsData()
{
    ImportFileReport ok;
    ok.path = s("/data/bills/2026-01-focus.csv");
    ok.format = s("FOCUS 1.0");
    ok.ok = true;
    ok.rows = 1234567;
    ok.periodStart = QDate(2026, 1, 1);
    ok.periodEnd = QDate(2026, 2, 1);
    ok.currency = s("EUR");
    ok.totalsByAccount = {{s("111"), s("1000.25")}, {s("222"), s("234.25")}};
    ok.warnings = {s("unknown column x_foo")};
    ImportFileReport bad;
    bad.path = s("/data/bills/bad.csv");
    bad.error = s("bad.csv: line 3, column 2: expected a date");
    ImportReportDialog dialog;
    dialog.setReports({ok, bad}, s("/tmp/w.costscope"));
    auto *table = dialog.findChild<QTableWidget *>(s("importReportTable"));
    QVERIFY(table);
    QCOMPARE(tableCsv(*table).toUtf8(),
             QByteArray("file,result,format,rows,billing_period,billed_total,warnings,currency\r\n"
                        "/data/bills/2026-01-focus.csv,Imported,FOCUS 1.0,1234567,2026-01-01/2026-01-31,1234.50,1 warning,EUR\r\n"
                        "/data/bills/bad.csv,Failed,,,,,,\r\n"));
}

QTEST_MAIN(TestTableExport)
#include "TestTableExport.moc"
