#include "views/explorer/CostTableModel.h"
#include "views/common/TableExport.h"

#include <QSortFilterProxyModel>
#include <QTest>

using costscope::store::CostGroup;
using costscope::store::CostSeries;
using costscope::store::Granularity;
using costscope::views::CostTableModel;

namespace {

constexpr int64_t kUnit = 1'000'000'000;

CostSeries monthly()
{
    CostSeries s;
    s.currency = QStringLiteral("EUR");
    s.granularity = Granularity::Month;
    s.buckets = {QDate(2026, 1, 1), QDate(2026, 2, 1)};
    CostGroup a{QStringLiteral("svc-a"), QStringLiteral("Service A"), {3 * kUnit, 1 * kUnit}, 4 * kUnit, {}, {}, 0};
    CostGroup b{QStringLiteral("svc-b"), QStringLiteral("Service B"), {0, 12 * kUnit}, 12 * kUnit, {}, {}, 0};
    CostGroup none{QString(), QStringLiteral("(none)"), {kUnit / 2, kUnit / 2}, kUnit, {}, {}, 0};
    s.groups = {b, a, none};
    s.total = 17 * kUnit;
    return s;
}

} // namespace

class TestCostTableModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); } // the texts below are in the C locale
    void shapeAndHeaders();
    void valuesAndShares();
    void dailyHasNoBucketColumns();
    void sortsOnRawAmounts();
    void rowWithoutRateKeepsItsCurrency();
};

void TestCostTableModel::shapeAndHeaders()
{
    CostTableModel model;
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.headerData(CostTableModel::TotalColumn, Qt::Horizontal).toString(), QStringLiteral("Total"));
    model.setSeries(monthly(), QStringLiteral("Service"));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), CostTableModel::FirstBucketColumn + 2);
    QCOMPARE(model.headerData(CostTableModel::GroupColumn, Qt::Horizontal).toString(), QStringLiteral("Service"));
    QCOMPARE(model.headerData(CostTableModel::TotalColumn, Qt::Horizontal).toString(), QStringLiteral("Total (EUR)"));
    QVERIFY(model.headerData(CostTableModel::FirstBucketColumn, Qt::Horizontal).toString().contains(QStringLiteral("2026")));
    QCOMPARE(model.total(), 17 * kUnit);
}

void TestCostTableModel::valuesAndShares()
{
    CostTableModel model;
    model.setSeries(monthly(), QStringLiteral("Service"));
    const QModelIndex label = model.index(0, CostTableModel::GroupColumn);
    QCOMPARE(label.data().toString(), QStringLiteral("Service B"));
    QCOMPARE(label.data(Qt::ToolTipRole).toString(), QStringLiteral("svc-b"));
    QCOMPARE(model.index(2, CostTableModel::GroupColumn).data(Qt::ToolTipRole).toString(), QStringLiteral("(none)"));
    QCOMPARE(model.index(0, CostTableModel::TotalColumn).data(CostTableModel::RawRole).toLongLong(), 12 * kUnit);
    QCOMPARE(model.index(0, CostTableModel::TotalColumn).data().toString(), QStringLiteral("12.00"));
    QCOMPARE(model.index(2, CostTableModel::FirstBucketColumn).data().toString(), QStringLiteral("0.50"));
    QCOMPARE(model.index(1, CostTableModel::FirstBucketColumn + 1).data(CostTableModel::RawRole).toLongLong(), kUnit);
    QVERIFY(qFuzzyCompare(model.index(0, CostTableModel::ShareColumn).data(CostTableModel::RawRole).toDouble(), 12.0 / 17.0));
    QVERIFY(model.index(0, CostTableModel::ShareColumn).data().toString().startsWith(QStringLiteral("70.6")));
    // The rows' totals add up to the series total.
    int64_t sum = 0;
    for (int r = 0; r < model.rowCount(); ++r)
        sum += model.index(r, CostTableModel::TotalColumn).data(CostTableModel::RawRole).toLongLong();
    QCOMPARE(sum, model.total());
    QVERIFY(model.index(0, CostTableModel::TotalColumn).data(Qt::TextAlignmentRole).value<Qt::Alignment>() & Qt::AlignRight);
}

void TestCostTableModel::dailyHasNoBucketColumns()
{
    CostSeries s = monthly();
    s.granularity = Granularity::Day;
    CostTableModel model;
    model.setSeries(s, QStringLiteral("Service"));
    QCOMPARE(model.columnCount(), CostTableModel::FirstBucketColumn);
    CostSeries empty;
    model.setSeries(empty, QStringLiteral("Service"));
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.index(0, 0).isValid());
}

void TestCostTableModel::sortsOnRawAmounts()
{
    CostTableModel model;
    model.setSeries(monthly(), QStringLiteral("Service"));
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(CostTableModel::RawRole);
    // By January: 3 (A) > 0.5 (none) > 0 (B); text order would put "0.00" and "0.50" first.
    proxy.sort(CostTableModel::FirstBucketColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("Service A"));
    QCOMPARE(proxy.index(1, 0).data().toString(), QStringLiteral("(none)"));
    QCOMPARE(proxy.index(2, 0).data().toString(), QStringLiteral("Service B"));
    proxy.sort(CostTableModel::TotalColumn, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("(none)"));
    QCOMPARE(proxy.index(2, 0).data().toString(), QStringLiteral("Service B"));
}

QTEST_GUILESS_MAIN(TestCostTableModel)
void TestCostTableModel::rowWithoutRateKeepsItsCurrency()
{
    // A display currency (EUR) with one row billed in USD that has no rate, and one row
    // converted from GBP: the USD row shows and exports in USD, has no share, says why.
    CostSeries s = monthly();
    s.groups[1].originalCurrency = QStringLiteral("GBP");
    s.groups[1].originalTotal = 3 * kUnit;
    CostGroup usd{QStringLiteral("svc-u"), QStringLiteral("Service U"), {kUnit, 0}, kUnit, QStringLiteral("USD"), {}, 0};
    s.groups.push_back(usd);
    CostTableModel m;
    m.setSeries(s, QStringLiteral("Service"));
    const int row = 3;
    QCOMPARE(m.index(row, CostTableModel::TotalColumn).data().toString(), QStringLiteral("1.00\u00a0USD"));
    QCOMPARE(m.index(row, CostTableModel::ShareColumn).data().toString(), QString());
    QCOMPARE(m.index(row, CostTableModel::TotalColumn).data(costscope::views::ExportCurrencyRole).toString(), QStringLiteral("USD"));
    QCOMPARE(m.index(row, CostTableModel::ShareColumn).data(costscope::views::ExportValueRole).toString(), QString());
    QVERIFY(m.index(row, CostTableModel::TotalColumn).data(Qt::ToolTipRole).toString().contains(QStringLiteral("no rate to EUR")));
    // The converted rows stay in EUR, and the GBP one names what was billed.
    QCOMPARE(m.index(1, CostTableModel::TotalColumn).data(costscope::views::ExportCurrencyRole).toString(), QStringLiteral("EUR"));
    QVERIFY(m.index(1, CostTableModel::TotalColumn).data(Qt::ToolTipRole).toString().contains(QStringLiteral("GBP")));
}

#include "TestCostTableModel.moc"
