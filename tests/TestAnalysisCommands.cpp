#include "StoreTestSupport.h"

#include "app/AnalysisCommands.h"
#include "model/CurrencyRates.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "model/store/CurrencyRateStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace costscope;

namespace {

QString s(const char *text) { return QString::fromUtf8(text); }

} // namespace

// `costscope anomalies` and `costscope forecast` on a workspace billed in two currencies: USD
// (the main one, 10.00 a day from 1 January to 31 March) and EUR (5.00 a day, 50.00 on
// 15 March). EUR->USD is 1.2 from 1 February and 1.5 from 20 March (all of March: the rate in
// force on the month's last day); January has none. USD->EUR is 0.8 always.
class TestAnalysisCommands : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void anomaliesConverted();
    void anomaliesInEuro();
    void forecastMonthToDate_data();
    void forecastMonthToDate();
    void badCurrency_data();
    void badCurrency();

private:
    int run(bool anomalies, const std::multimap<QString, QString> &options, QString *out, QString *err);
    static QJsonObject find(const QJsonArray &anomalies, const QString &day, const QString &scope, const QString &key);

    QTemporaryDir m_dir;
    QString m_path;
};

int TestAnalysisCommands::run(bool anomalies, const std::multimap<QString, QString> &options, QString *out,
                              QString *err)
{
    out->clear();
    err->clear();
    QTextStream o(out), e(err);
    const app::CommandOptions opts{m_path, s("json"), options};
    const int rc = anomalies ? app::runAnomaliesCommand(opts, o, e) : app::runForecastCommand(opts, o, e);
    o.flush();
    e.flush();
    return rc;
}

QJsonObject TestAnalysisCommands::find(const QJsonArray &anomalies, const QString &day, const QString &scope,
                                       const QString &key)
{
    for (const QJsonValue &v : anomalies) {
        const QJsonObject a = v.toObject();
        if (a.value(s("day")).toString() == day && a.value(s("scope")).toString() == scope
            && a.value(s("key")).toString() == key && a.value(s("metric")).toString() == u"cost")
            return a;
    }
    return {};
}

void TestAnalysisCommands::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(s("two.costscope"));
    store::CostStore store;
    QString error;
    QVERIFY2(store.open(m_path, &error), qPrintable(error));
    // January to March 2026, 50.00 EUR instead of 5.00 on 15 March.
    QVERIFY2(testsupport::writeUsdEurDaily(store, QDate(2026, 1, 1), QDate(2026, 3, 31), &error, QDate(2026, 3, 15),
                                           "50"),
             qPrintable(error));
    QVERIFY2(store::CurrencyRateStore(store).replaceAll(testsupport::usdEurRates(), &error), qPrintable(error));
}

void TestAnalysisCommands::anomaliesConverted()
{
    QString out, err;
    QCOMPARE(run(true, {{s("from"), s("2026-01-20")}, {s("to"), s("2026-04-01")}}, &out, &err), 0);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    const QJsonObject doc = QJsonDocument::fromJson(out.toUtf8()).object();
    QCOMPARE(doc.value(s("currency")).toString(), s("USD"));
    // By hand: the EUR account's 15 March in USD at March's rate 1.5: the 7 days before 7.50
    // each, the day 50.00 x 1.5 = 75.00; +900 %.
    const QJsonObject a = find(doc.value(s("anomalies")).toArray(), s("2026-03-15"), s("account"), s("222"));
    QVERIFY2(!a.isEmpty(), qPrintable(out));
    QCOMPARE(a.value(s("expected")).toString(), s("7.50"));
    QCOMPARE(a.value(s("actual")).toString(), s("75.00"));
    QCOMPARE(a.value(s("change_percent")).toDouble(), 900.0);
    // The USD account is flat: no anomaly in March.
    QVERIFY(find(doc.value(s("anomalies")).toArray(), s("2026-03-15"), s("account"), s("111")).isEmpty());
    // January's EUR (13-31 January read: the 7-day window before the 20th, then the rest)
    // has no rate: 19 x 5.00 left out and named, never converted at 1.
    const QJsonArray unconverted = doc.value(s("unconverted")).toArray();
    QCOMPARE(unconverted.size(), 1);
    QCOMPARE(unconverted[0].toObject().value(s("currency")).toString(), s("EUR"));
    QCOMPARE(unconverted[0].toObject().value(s("amount")).toString(), s("95.00"));
    QCOMPARE(unconverted[0].toObject().value(s("months")).toArray(), QJsonArray{s("2026-01")});
}

void TestAnalysisCommands::anomaliesInEuro()
{
    QString out, err;
    QCOMPARE(run(true, {{s("from"), s("2026-03-01")}, {s("to"), s("2026-04-01")}, {s("currency"), s("eur")}}, &out, &err),
             0);
    const QJsonObject doc = QJsonDocument::fromJson(out.toUtf8()).object();
    QCOMPARE(doc.value(s("currency")).toString(), s("EUR"));
    QCOMPARE(doc.value(s("unconverted")).toArray().size(), 0);
    const QJsonObject a = find(doc.value(s("anomalies")).toArray(), s("2026-03-15"), s("account"), s("222"));
    QVERIFY2(!a.isEmpty(), qPrintable(out));
    QCOMPARE(a.value(s("expected")).toString(), s("5.00"));
    QCOMPARE(a.value(s("actual")).toString(), s("50.00"));
    // The contributors are in EUR too: the service's 45.00 increase.
    bool service = false;
    for (const QJsonValue &c : a.value(s("contributors")).toArray())
        if (c.toObject().value(s("kind")).toString() == u"service") {
            QCOMPARE(c.toObject().value(s("increase")).toString(), s("45.00"));
            service = true;
        }
    QVERIFY(service);
}

void TestAnalysisCommands::forecastMonthToDate_data()
{
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("asOf");
    QTest::addColumn<QString>("expectedCurrency");
    QTest::addColumn<QString>("monthToDate");
    QTest::addColumn<int>("unconverted");
    // 1-10 March: 10 x 10.00 USD + 10 x 5.00 EUR x 1.5 = 175.00 USD.
    QTest::newRow("default main") << QString() << s("2026-03-10") << s("USD") << s("175.00") << 0;
    // In EUR: 10 x 10.00 x 0.8 + 50.00 = 130.00 EUR.
    QTest::newRow("eur") << s("EUR") << s("2026-03-10") << s("EUR") << s("130.00") << 0;
    // January to date in USD: the EUR has no rate: 10 x 10.00 only, 50.00 EUR named.
    QTest::newRow("january") << QString() << s("2026-01-10") << s("USD") << s("100.00") << 1;
}

void TestAnalysisCommands::forecastMonthToDate()
{
    QFETCH(QString, currency);
    QFETCH(QString, asOf);
    QFETCH(QString, expectedCurrency);
    QFETCH(QString, monthToDate);
    QFETCH(int, unconverted);
    std::multimap<QString, QString> options{{s("as-of"), asOf}};
    if (!currency.isEmpty())
        options.emplace(s("currency"), currency);
    QString out, err;
    QCOMPARE(run(false, options, &out, &err), 0);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    const QJsonObject doc = QJsonDocument::fromJson(out.toUtf8()).object();
    QCOMPARE(doc.value(s("currency")).toString(), expectedCurrency);
    QCOMPARE(doc.value(s("month_to_date")).toString(), monthToDate);
    const QJsonArray missing = doc.value(s("unconverted")).toArray();
    QCOMPARE(missing.size(), unconverted);
    if (unconverted)
        QCOMPARE(missing[0].toObject().value(s("amount")).toString(), s("50.00"));
}

void TestAnalysisCommands::badCurrency_data()
{
    QTest::addColumn<bool>("anomalies");
    QTest::addColumn<QString>("value");
    QTest::newRow("anomalies word") << true << s("euro");
    QTest::newRow("anomalies formula") << true << s("=1+1");
    QTest::newRow("forecast digits") << false << s("978");
    QTest::newRow("forecast empty") << false << QString();
}

void TestAnalysisCommands::badCurrency()
{
    QFETCH(bool, anomalies);
    QFETCH(QString, value);
    QString out, err;
    QCOMPARE(run(anomalies, {{s("currency"), value}}, &out, &err), 2);
    QVERIFY(out.isEmpty());
    QVERIFY2(err.contains(s("--currency must be a three-letter currency code")), qPrintable(err));
    QCOMPARE(err.count(u'\n'), 1);
}

QTEST_GUILESS_MAIN(TestAnalysisCommands)
#include "TestAnalysisCommands.moc"
