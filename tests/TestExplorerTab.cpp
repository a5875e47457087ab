// The Cost Explorer's filter list in the display currency (issue 7): the cost beside each filter
// choice (its tooltip) is in the currency of the chart and table, each month converted with its
// rate; a value's cost with no rate is named in its own currency, never taken at 1, and a value
// billed only without a rate is still a choice. Figures by hand in the comments.

#include "StoreTestSupport.h"

#include "model/CurrencyRates.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "model/store/CurrencyRateStore.h"
#include "support/GuiTestSupport.h"
#include "views/MainWindow.h"
#include "views/explorer/ExplorerTab.h"

#include <QComboBox>
#include <QDateEdit>
#include <QListWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace costscope;

namespace {

const QDate kToday(2026, 3, 10);

} // namespace

class TestExplorerTab : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void filterValuesInDisplayCurrency_data();
    void filterValuesInDisplayCurrency();

private:
    QTemporaryDir m_dir;
    QString m_path;
};

void TestExplorerTab::initTestCase()
{
    testsupport::useTestSettings();
    QVERIFY(m_dir.isValid());
    // AWS account 111 in USD: 10.00 a day, 1-10 March. Azure account 222 in EUR: 40.00 on
    // 20 February, 50.00 on 10 March. EUR->USD 1.1 and USD->EUR 0.8 from 1 March only.
    m_path = m_dir.filePath(QStringLiteral("two.costscope"));
    store::CostStore s;
    QString error;
    QVERIFY2(s.open(m_path, &error), qPrintable(error));
    store::CostWriter w(s);
    QVERIFY(w.begin(testsupport::source(QStringLiteral("two")), &error));
    CostBatch usd = testsupport::makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), QDate(2026, 3, 1));
    for (QDate d(2026, 3, 1); d <= kToday; d = d.addDays(1))
        usd.rows.push_back(testsupport::makeRow(d, "10.00", QStringLiteral("Amazon EC2"), QStringLiteral("us-east-1"),
                                                QStringLiteral("111")));
    QVERIFY2(w.add(usd, &error), qPrintable(error));
    for (const QDate &month : {QDate(2026, 2, 1), QDate(2026, 3, 1)}) {
        CostBatch eur = testsupport::makeBatch(QStringLiteral("Azure"), QStringLiteral("222"), month);
        eur.currency = QStringLiteral("EUR");
        eur.rows.push_back(testsupport::makeRow(month.month() == 2 ? QDate(2026, 2, 20) : kToday,
                                                month.month() == 2 ? "40.00" : "50.00", QStringLiteral("Storage"),
                                                QStringLiteral("westeurope"), QStringLiteral("222")));
        QVERIFY2(w.add(eur, &error), qPrintable(error));
    }
    QVERIFY2(w.commit(&error), qPrintable(error));
    const QDate march(2026, 3, 1);
    QVERIFY2(store::CurrencyRateStore(s).replaceAll({testsupport::currencyRate("EUR", "USD", "1.1", march),
                                                     testsupport::currencyRate("USD", "EUR", "0.8", march)},
                                                    &error),
             qPrintable(error));
}

void TestExplorerTab::filterValuesInDisplayCurrency_data()
{
    QTest::addColumn<QString>("display");
    QTest::addColumn<QStringList>("values"); // "provider: tooltip", in the list's order
    // USD (the main currency): AWS 100.00; Azure 50.00 x 1.1 = 55.00, February's 40.00 EUR named.
    QTest::newRow("main currency USD")
        << QString()
        << QStringList{QStringLiteral("AWS: 100.00 USD"),
                       QStringLiteral("Azure: 55.00 USD; 40.00 EUR with no rate to USD")};
    // EUR: Azure 90.00; AWS 100.00 x 0.8 = 80.00.
    QTest::newRow("EUR") << QStringLiteral("EUR")
                         << QStringList{QStringLiteral("Azure: 90.00 EUR"), QStringLiteral("AWS: 80.00 EUR")};
    // GBP: no rate at all; both are still choices, their costs named in their own currency.
    QTest::newRow("GBP") << QStringLiteral("GBP")
                         << QStringList{QStringLiteral("AWS: 100.00 USD with no rate to GBP"),
                                        QStringLiteral("Azure: 90.00 EUR with no rate to GBP")};
}

void TestExplorerTab::filterValuesInDisplayCurrency()
{
    QFETCH(QString, display);
    QFETCH(QStringList, values);
    store::CostStore s;
    QString error;
    QVERIFY2(s.open(m_path, &error), qPrintable(error));
    const testsupport::ScopedDisplayCurrency displayCurrency(display);
    const auto window = testsupport::makeMainWindow(s, kToday);
    testsupport::showTab(*window, window->explorer());
    views::ExplorerTab *explorer = window->explorer();
    explorer->findChild<QDateEdit *>(QStringLiteral("explorerFrom"))->setDate(QDate(2026, 2, 1));
    explorer->findChild<QDateEdit *>(QStringLiteral("explorerTo"))->setDate(kToday);
    auto *filterDim = explorer->findChild<QComboBox *>(QStringLiteral("explorerFilterDim"));
    auto *list = explorer->findChild<QListWidget *>(QStringLiteral("explorerFilterValues"));
    QVERIFY(filterDim && list);
    QTRY_VERIFY_WITH_TIMEOUT(filterDim->findData(static_cast<int>(store::Dimension::Provider)) >= 0, 20000);
    filterDim->setCurrentIndex(filterDim->findData(static_cast<int>(store::Dimension::Provider)));
    const auto shown = [list] {
        QStringList out;
        for (int i = 0; i < list->count(); ++i)
            out << list->item(i)->text() + QStringLiteral(": ") + list->item(i)->toolTip();
        return out;
    };
    QTRY_COMPARE_WITH_TIMEOUT(shown(), values, 20000);
}

QTEST_MAIN(TestExplorerTab)
#include "TestExplorerTab.moc"
