// Recommendation savings in more than one currency (issue 7): the modules that price from the
// catalog compute in USD, the others in the workspace's main currency; every saving is converted
// to the run's currency with the rate of the month of the last cost day, never through a third
// currency and never at 1. All expected figures are computed by hand in the comments.

#include "StoreTestSupport.h"

#include "model/CurrencyRates.h"
#include "model/analysis/recommendations/FlavorCatalog.h"
#include "model/analysis/recommendations/RecommendationEngine.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "model/store/CurrencyRateStore.h"
#include "model/store/RecommendationQuery.h"
#include "support/GuiTestSupport.h"
#include "support/RunCli.h"
#include "views/common/DisplayCurrency.h"
#include "views/common/JobRunner.h"
#include "views/common/TableExport.h"
#include "views/recommendations/RecommendationsTab.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace costscope;
using namespace costscope::analysis;
using namespace costscope::testsupport;

namespace {

const QString kGeneration = QStringLiteral("instance_generation_upgrade");

// From November 2026 unless told.
CurrencyRate rate(const char *from, const char *to, const char *value, QDate validFrom = QDate(2026, 11, 1))
{
    return currencyRate(from, to, value, validFrom);
}

RecommendationItem item(const char *id, const char *saving, const QString &currency = {}, bool dismissed = false)
{
    RecommendationItem i;
    i.resource.resourceId = QString::fromLatin1(id);
    i.saving = money(saving);
    i.currency = currency;
    i.dismissed = dismissed;
    return i;
}

// A run as the engine leaves it for a workspace billed in EUR, data until 2026-11-20: a
// cost-based module (EUR) and a catalog module (USD, one item dismissed).
RecommendationRun eurRun()
{
    RecommendationRun run;
    run.currency = QStringLiteral("EUR");
    run.endDay = dayNumber(QDate(2026, 11, 20));
    ModuleResult cost;
    cost.id = QStringLiteral("volumes_not_attached");
    cost.items = {item("vol-1", "10.00"), item("vol-2", "2.50")};
    ModuleResult catalog;
    catalog.id = kGeneration;
    catalog.items = {item("i-m4", "5.76", kCatalogCurrency), item("i-c4", "41.76", kCatalogCurrency),
                     item("i-old", "7.00", kCatalogCurrency, true)};
    run.modules = {cost, catalog};
    return run;
}

} // namespace

class TestRecommendationCurrency : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void convertsEachItemFromItsOwnCurrency_data();
    void convertsEachItemFromItsOwnCurrency();
    void noRateFromTheMainCurrencyRefused();
    void dismissingSumsAgain();
    void engineConvertsCatalogSavings_data();
    void engineConvertsCatalogSavings();
    void commandLine_data();
    void commandLine();
    void tabShowsUnconvertedSavings();

private:
    QString workspace(bool withUsdRate);

    QTemporaryDir m_dir;
};

void TestRecommendationCurrency::initTestCase()
{
    testsupport::useTestSettings();
    QVERIFY(m_dir.isValid());
}

void TestRecommendationCurrency::convertsEachItemFromItsOwnCurrency_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("rates"); // "FROM TO rate [valid from]", comma-separated
    // module savings, total, then the items as "id saving currency" in the order shown
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("unconverted");

    // EUR with USD->EUR 0.9: 5.76 x 0.9 = 5.184, 41.76 x 0.9 = 37.584; 7.00 x 0.9 = 6.30 (dismissed,
    // converted but not counted). Catalog module 42.768; total 12.50 + 42.768 = 55.268.
    QTest::newRow("EUR, USD rate") << QStringLiteral("EUR") << QStringLiteral("USD EUR 0.9")
                                   << QStringLiteral("12.5 42.768 | 55.268 | vol-1 10 EUR, vol-2 2.5 EUR | "
                                                     "i-c4 37.584 EUR, i-old 6.3 EUR, i-m4 5.184 EUR")
                                   << QString();
    // EUR with no USD rate for November (one from December only): the USD savings keep their
    // currency, are in no total, and 5.76 + 41.76 = 47.52 USD is named (the dismissed 7.00 is not).
    QTest::newRow("EUR, USD rate only later")
        << QStringLiteral("EUR") << QStringLiteral("USD EUR 0.9 2026-12-01")
        << QStringLiteral("12.5 0 | 12.5 | vol-1 10 EUR, vol-2 2.5 EUR | i-c4 41.76 USD, i-old 7 USD, i-m4 5.76 USD")
        << QStringLiteral("USD 47.52 2026-11");
    // GBP with EUR->GBP 0.85 and no USD->GBP (USD->EUR exists: never chained through EUR):
    // 10 x 0.85 = 8.50, 2.50 x 0.85 = 2.125.
    QTest::newRow("GBP, no USD rate")
        << QStringLiteral("GBP") << QStringLiteral("EUR GBP 0.85, USD EUR 0.9")
        << QStringLiteral("10.625 0 | 10.625 | vol-1 8.5 GBP, vol-2 2.125 GBP | i-c4 41.76 USD, i-old 7 USD, i-m4 5.76 USD")
        << QStringLiteral("USD 47.52 2026-11");
    // USD: EUR->USD 1.1 (10 x 1.1 = 11, 2.5 x 1.1 = 2.75); the catalog savings as computed.
    QTest::newRow("USD") << QStringLiteral("usd") << QStringLiteral("EUR USD 1.1")
                         << QStringLiteral("13.75 47.52 | 61.27 | vol-1 11 USD, vol-2 2.75 USD | "
                                           "i-c4 41.76 USD, i-old 7 USD, i-m4 5.76 USD")
                         << QString();
}

void TestRecommendationCurrency::convertsEachItemFromItsOwnCurrency()
{
    QFETCH(QString, target);
    QFETCH(QString, rates);
    QFETCH(QString, expected);
    QFETCH(QString, unconverted);
    std::vector<CurrencyRate> list;
    for (const QString &spec : rates.split(QStringLiteral(", "))) {
        const QStringList f = spec.split(u' ');
        list.push_back(rate(qPrintable(f[0]), qPrintable(f[1]), qPrintable(f[2]),
                            f.size() > 3 ? QDate::fromString(f[3], Qt::ISODate) : QDate(2026, 11, 1)));
    }
    const CurrencyRates table(list);
    RecommendationRun run = eurRun();
    // As the engine does first: to the main currency with the same rates.
    QVERIFY(convertRecommendationRun(&run, QString(), table, nullptr));
    QString error;
    QVERIFY2(convertRecommendationRun(&run, target.toUpper(), table, &error), qPrintable(error));
    QCOMPARE(run.currency, target.toUpper());
    QCOMPARE(run.computedCurrency, target.toUpper() == u"EUR" ? QString() : QStringLiteral("EUR"));
    QStringList parts{run.modules[0].saving.toString() + u' ' + run.modules[1].saving.toString(),
                      run.totalSaving.toString()};
    for (const ModuleResult &m : run.modules) {
        QStringList items;
        for (const RecommendationItem &i : m.items) {
            items << i.resource.resourceId + u' ' + i.saving.toString() + u' ' + i.currency;
            // The saving as priced is kept.
            QCOMPARE(i.computedCurrency, m.id == kGeneration ? kCatalogCurrency : QStringLiteral("EUR"));
        }
        parts << items.join(QStringLiteral(", "));
    }
    QCOMPARE(parts.join(QStringLiteral(" | ")), expected);
    QStringList missing;
    for (const store::UnconvertedAmount &u : run.unconverted)
        missing << u.currency + u' ' + Money::fromNanos(u.nanos).toString(2) + u' '
                       + u.months.value(0).toString(QStringLiteral("yyyy-MM"));
    QCOMPARE(missing.join(u' '), unconverted);
    QCOMPARE(run.modules[1].activeCount, 2);
    QCOMPARE(run.modules[1].dismissedCount, 1);
}

void TestRecommendationCurrency::noRateFromTheMainCurrencyRefused()
{
    RecommendationRun run = eurRun();
    const CurrencyRates rates({rate("USD", "GBP", "0.8")});
    QVERIFY(convertRecommendationRun(&run, QString(), rates, nullptr));
    const RecommendationRun before = run;
    QString error;
    // No EUR->GBP: the run stays in EUR, unchanged, and the error names the pair and month.
    QVERIFY(!convertRecommendationRun(&run, QStringLiteral("GBP"), rates, &error));
    QCOMPARE(error, QStringLiteral("there is no rate from EUR to GBP for 2026-11"));
    QCOMPARE(run.currency, QStringLiteral("EUR"));
    QCOMPARE(run.totalSaving.nanos(), before.totalSaving.nanos());
    // No USD->EUR either: 12.50 EUR counted, 47.52 USD named.
    QCOMPARE(run.totalSaving.toString(), QStringLiteral("12.5"));
    QCOMPARE(run.unconverted.size(), size_t(1));
    QCOMPARE(Money::fromNanos(run.unconverted[0].nanos).toString(2), QStringLiteral("47.52"));
}

void TestRecommendationCurrency::dismissingSumsAgain()
{
    RecommendationRun run = eurRun();
    QVERIFY(convertRecommendationRun(&run, QString(), CurrencyRates(), nullptr));
    // Dismiss the 41.76 USD item and restore the 7.00 one: 5.76 + 7.00 = 12.76 USD named.
    for (RecommendationItem &i : run.modules[1].items)
        i.dismissed = i.resource.resourceId == u"i-c4";
    sumRecommendationRun(&run);
    QCOMPARE(run.unconverted.size(), size_t(1));
    QCOMPARE(Money::fromNanos(run.unconverted[0].nanos).toString(2), QStringLiteral("12.76"));
    QCOMPARE(run.totalSaving.toString(), QStringLiteral("12.5"));
    QCOMPARE(run.modules[1].activeCount, 2);
}

QString TestRecommendationCurrency::workspace(bool withUsdRate)
{
    const QString path = m_dir.filePath(withUsdRate ? QStringLiteral("eur-rate.costscope")
                                                    : QStringLiteral("eur-norate.costscope"));
    if (QFile::exists(path))
        return path;
    store::CostStore s;
    QString error;
    if (!s.open(path, &error)) {
        qWarning("%s", qPrintable(error));
        return {};
    }
    // One AWS account billed in EUR: an m4.xlarge (the catalog's m5.xlarge is cheaper, 0.20 ->
    // 0.192 USD an hour: 0.008 x 720 = 5.76 USD a month) and its cost on 2026-11-20.
    const QDate month(2026, 11, 1);
    CostBatch eur = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), month);
    eur.currency = QStringLiteral("EUR");
    eur.rows.push_back(makeRow(QDate(2026, 11, 20), "4.80", QStringLiteral("EC2"), QStringLiteral("us-east-1"),
                               QStringLiteral("111"), QStringLiteral("i-m4")));
    store::CostWriter w(s);
    bool ok = w.begin(source(QStringLiteral("eur bill")), &error) && w.add(eur, &error);
    ResourceBatch rb;
    rb.provider = QStringLiteral("AWS");
    rb.accountId = QStringLiteral("111");
    rb.observedAt = utcSeconds(QDate(2026, 11, 20), 12);
    ResourceRecord r;
    r.provider = rb.provider;
    r.accountId = rb.accountId;
    r.region = QStringLiteral("us-east-1");
    r.resourceId = QStringLiteral("i-m4");
    r.name = QStringLiteral("legacy-m4");
    r.type = QStringLiteral("instance");
    r.flavor = QStringLiteral("m4.xlarge");
    r.state = QStringLiteral("running");
    r.firstSeen = utcSeconds(QDate(2026, 10, 1));
    r.createdAt = r.firstSeen;
    r.lastSeen = rb.observedAt;
    rb.resources.push_back(r);
    ok = ok && w.addResources(rb, false, &error) && w.commit(&error);
    // USD->EUR 0.9 from November; EUR->GBP 0.85 and no USD->GBP in both workspaces.
    std::vector<CurrencyRate> rates{rate("EUR", "GBP", "0.85")};
    if (withUsdRate)
        rates.push_back(rate("USD", "EUR", "0.9"));
    ok = ok && store::CurrencyRateStore(s).replaceAll(rates, &error);
    if (!ok) {
        qWarning("%s", qPrintable(error));
        return {};
    }
    return path;
}

void TestRecommendationCurrency::engineConvertsCatalogSavings_data()
{
    QTest::addColumn<bool>("withUsdRate");
    QTest::addColumn<QString>("expected"); // item saving currency | module saving | unconverted
    // 5.76 x 0.9 = 5.184 EUR.
    QTest::newRow("USD rate") << true << QStringLiteral("5.184 EUR | 5.184 | ");
    // No USD->EUR: 5.76 USD shown as such, outside the module's EUR total, named.
    QTest::newRow("no USD rate") << false << QStringLiteral("5.76 USD | 0 | USD 5.76 2026-11");
}

void TestRecommendationCurrency::engineConvertsCatalogSavings()
{
    QFETCH(bool, withUsdRate);
    QFETCH(QString, expected);
    const QString path = workspace(withUsdRate);
    QVERIFY(!path.isEmpty());
    store::CostStore s;
    QString error;
    QVERIFY2(s.open(path, &error), qPrintable(error));
    RecommendationRun run;
    QVERIFY2(RecommendationEngine::run(s, &run, {}, {}, true, 1000, &error), qPrintable(error));
    QCOMPARE(run.currency, QStringLiteral("EUR"));
    const ModuleResult *m = nullptr;
    for (const ModuleResult &r : run.modules)
        if (r.id == kGeneration)
            m = &r;
    QVERIFY(m);
    QCOMPARE(m->items.size(), size_t(1));
    const RecommendationItem &i = m->items.front();
    QCOMPARE(i.computedSaving.toString(), QStringLiteral("5.76"));
    QCOMPARE(i.computedCurrency, QStringLiteral("USD"));
    // The computation keeps the catalog's prices in USD (never relabelled).
    QVERIFY2(i.computation.contains(QStringLiteral("5.76 USD")), qPrintable(i.computation));
    QString missing;
    for (const store::UnconvertedAmount &u : run.unconverted)
        missing += u.currency + u' ' + Money::fromNanos(u.nanos).toString(2) + u' '
                   + u.months.value(0).toString(QStringLiteral("yyyy-MM"));
    QCOMPARE(i.saving.toString() + u' ' + i.currency + QStringLiteral(" | ") + m->saving.toString()
                 + QStringLiteral(" | ") + missing,
             expected);
    // Stored as priced: 5.76 USD, which the PDF and the SaaS tab convert themselves.
    bool stored = false;
    for (const store::RecommendationRecord &rec : store::RecommendationQuery(s).lastItems())
        if (rec.module == kGeneration) {
            QCOMPARE(rec.saving.toString(), QStringLiteral("5.76"));
            QCOMPARE(rec.currency, QStringLiteral("USD"));
            stored = true;
        }
    QVERIFY(stored);
}

void TestRecommendationCurrency::commandLine_data()
{
    QTest::addColumn<bool>("withUsdRate");
    QTest::addColumn<QString>("currency");
    // currency, monthly_saving, item saving + currency + converted, unconverted
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("notCounted");
    // 5.184 prints as 5.18 (two decimals in the command line's output).
    QTest::newRow("EUR, rate") << true << QString() << QStringLiteral("EUR 5.18 | 5.18 EUR true | ") << QString();
    QTest::newRow("EUR, no rate") << false << QString() << QStringLiteral("EUR 0.00 | 5.76 USD false | USD 5.76")
                                  << QStringLiteral("Not counted: 5.76 USD (no rate to EUR for 2026-11)");
    // GBP: EUR->GBP exists, USD->GBP does not, and USD->EUR->GBP is not a chain we take.
    QTest::newRow("GBP") << true << QStringLiteral("GBP") << QStringLiteral("GBP 0.00 | 5.76 USD false | USD 5.76")
                         << QStringLiteral("Not counted: 5.76 USD (no rate to GBP for 2026-11)");
    QTest::newRow("USD") << true << QStringLiteral("USD")
                         << QStringLiteral("USD 5.76 | 5.76 USD true | ") << QString();
}

void TestRecommendationCurrency::commandLine()
{
    QFETCH(bool, withUsdRate);
    QFETCH(QString, currency);
    QFETCH(QString, json);
    QFETCH(QString, notCounted);
    const QString path = workspace(withUsdRate);
    QVERIFY(!path.isEmpty());
    QStringList args{QStringLiteral("recommendations"), QStringLiteral("--workspace"), path,
                     QStringLiteral("--module"), kGeneration};
    if (!currency.isEmpty())
        args << QStringLiteral("--currency") << currency;
    if (currency == u"USD") {
        // No EUR->USD rate: refused, nothing relabelled.
        const CliResult r = runCli(args);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("no rate from EUR to USD for 2026-11")), qPrintable(r.err));
        return;
    }
    CliResult r = runCli(args + QStringList{QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const QJsonObject i = o[QStringLiteral("modules")].toArray()[0][QStringLiteral("items")].toArray()[0].toObject();
    QStringList got{o[QStringLiteral("currency")].toString(), o[QStringLiteral("monthly_saving")].toString(),
                    QStringLiteral("|"), i[QStringLiteral("monthly_saving")].toString(),
                    i[QStringLiteral("currency")].toString(),
                    i[QStringLiteral("converted")].toBool() ? QStringLiteral("true") : QStringLiteral("false"),
                    QStringLiteral("|")};
    for (const QJsonValue &u : o[QStringLiteral("unconverted")].toArray())
        got << u[QStringLiteral("currency")].toString() << u[QStringLiteral("amount")].toString();
    QCOMPARE(got.join(u' ').trimmed(), json.trimmed());
    if (i[QStringLiteral("currency")].toString() != u"USD") {
        QCOMPARE(i[QStringLiteral("computed_saving")].toString(), QStringLiteral("5.76"));
        QCOMPARE(i[QStringLiteral("computed_currency")].toString(), QStringLiteral("USD"));
    }
    // The table names what it left out; CSV gives each row its currency and says it on standard error.
    r = runCli(args);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    if (notCounted.isEmpty())
        QVERIFY2(!r.out.contains(QStringLiteral("Not counted")), qPrintable(r.out));
    else
        QVERIFY2(r.out.contains(notCounted) && r.out.contains(QStringLiteral("5.76 USD")), qPrintable(r.out));
    r = runCli(args + QStringList{QStringLiteral("--format"), QStringLiteral("csv")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines[1].trimmed().endsWith(notCounted.isEmpty() ? u",EUR" : u",USD"), qPrintable(lines[1]));
    QCOMPARE(r.err.trimmed(), notCounted);
}

// The Recommendations tab on the EUR workspace without a USD rate: the catalog saving is shown as
// 5.76 USD, starred, in the module's row beside (not in) its EUR total, and named in red.
void TestRecommendationCurrency::tabShowsUnconvertedSavings()
{
    const QString path = workspace(false);
    QVERIFY(!path.isEmpty());
    store::CostStore s;
    QString error;
    QVERIFY2(s.open(path, &error), qPrintable(error));
    views::setDisplayCurrencySetting({});
    views::JobRunner jobs;
    views::RecommendationsTab tab(s, &jobs, [path] { return path; });
    QSignalSpy updated(&tab, &views::RecommendationsTab::updated);
    tab.resize(1200, 700);
    tab.show();
    QVERIFY(updated.wait(60000) || updated.count() > 0);
    QCOMPARE(tab.result().currency, QStringLiteral("EUR"));
    auto *modules = tab.findChild<QTableWidget *>(QStringLiteral("recommendationModules"));
    QVERIFY(modules);
    int row = -1;
    for (int r = 0; r < modules->rowCount(); ++r)
        if (modules->item(r, 0)->text() == u"Instance generation upgrade")
            row = r;
    QVERIFY(row >= 0);
    QCOMPARE(modules->item(row, 2)->text(), QStringLiteral("5.76 USD *"));
    modules->selectRow(row);
    auto *items = tab.findChild<QTableWidget *>(QStringLiteral("recommendationItems"));
    QTRY_COMPARE(items->rowCount(), 1);
    QCOMPARE(items->item(0, 5)->text(), QStringLiteral("5.76 USD *"));
    QCOMPARE(items->item(0, 5)->data(views::ExportCurrencyRole).toString(), QStringLiteral("USD"));
    QVERIFY2(items->item(0, 5)->toolTip().contains(QStringLiteral("no rate from USD to EUR for 2026-11")),
             qPrintable(items->item(0, 5)->toolTip()));
    auto *note = tab.findChild<QLabel *>(QStringLiteral("recommendationsCurrencyNote"));
    QVERIFY(note && note->isVisibleTo(&tab));
    QVERIFY2(note->text().contains(QStringLiteral("in USD have no rate to EUR (5.76 USD in 2026-11)")),
             qPrintable(note->text()));
    // The summary's total is EUR and holds none of it.
    QVERIFY2(tab.findChild<QLabel *>(QStringLiteral("recommendationsSummary"))->text().contains(QStringLiteral("0.00 EUR")),
             qPrintable(tab.findChild<QLabel *>(QStringLiteral("recommendationsSummary"))->text()));
}

QTEST_MAIN(TestRecommendationCurrency)
#include "TestRecommendationCurrency.moc"
