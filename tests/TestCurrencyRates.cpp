// Exact exchange rates: parsing, conversion (known answers computed by hand and checked with
// Python's decimal module at 80 digits, ROUND_HALF_EVEN), dated rates, missing rates, the CSV
// import's hostile rows and the store's one-transaction writes.
#include "model/CurrencyRates.h"
#include "model/store/CostStore.h"
#include "model/store/CurrencyRateStore.h"

#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace costscope;

class TestCurrencyRates : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parseRate_data();
    void parseRate();
    void parseBrokenRate_data();
    void parseBrokenRate();
    void convert_data();
    void convert();
    void convertOverflow();
    void datedRates_data();
    void datedRates();
    void missingRate();
    void csv();
    void csvHostile_data();
    void csvHostile();
    void storeRoundTrip();
    void storeRefusesBadRowsAndKeepsTable();
};

void TestCurrencyRates::parseRate_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("scaled");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("plain") << QStringLiteral("1.0845") << qint64(1'084'500'000'000) << QStringLiteral("1.0845");
    QTest::newRow("integer") << QStringLiteral("7") << qint64(7'000'000'000'000) << QStringLiteral("7");
    QTest::newRow("blanks") << QStringLiteral("  0.5\t") << qint64(500'000'000'000) << QStringLiteral("0.5");
    QTest::newRow("smallest") << QStringLiteral("0.000000000001") << qint64(1) << QStringLiteral("0.000000000001");
    QTest::newRow("twelve digits") << QStringLiteral("0.123456789012") << qint64(123'456'789'012)
                                   << QStringLiteral("0.123456789012");
    QTest::newRow("trailing zeros") << QStringLiteral("1.500000000000") << qint64(1'500'000'000'000)
                                    << QStringLiteral("1.5");
    QTest::newRow("leading point") << QStringLiteral(".25") << qint64(250'000'000'000) << QStringLiteral("0.25");
    QTest::newRow("largest") << QStringLiteral("9223372.036854775807") << std::numeric_limits<qint64>::max()
                             << QStringLiteral("9223372.036854775807");
    QTest::newRow("leading zeros") << QStringLiteral("00012.5") << qint64(12'500'000'000'000) << QStringLiteral("12.5");
}

void TestCurrencyRates::parseRate()
{
    QFETCH(QString, text);
    QFETCH(qint64, scaled);
    QFETCH(QString, canonical);
    const auto r = ExchangeRate::parse(text);
    QVERIFY2(r.has_value(), qPrintable(text));
    QCOMPARE(r->scaled(), scaled);
    QCOMPARE(r->toString(), canonical);
    QCOMPARE(ExchangeRate::parse(r->toString())->scaled(), scaled);
}

void TestCurrencyRates::parseBrokenRate_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("blank") << QStringLiteral("   ");
    QTest::newRow("word") << QStringLiteral("abc");
    QTest::newRow("negative") << QStringLiteral("-1.2");
    QTest::newRow("plus") << QStringLiteral("+1.2");
    QTest::newRow("zero") << QStringLiteral("0");
    QTest::newRow("zero decimals") << QStringLiteral("0.000000000000");
    QTest::newRow("thirteen digits") << QStringLiteral("1.0000000000001");
    QTest::newRow("too large") << QStringLiteral("9223372.036854775808");
    QTest::newRow("far too large") << QStringLiteral("99999999999999999999999999999999");
    QTest::newRow("exponent") << QStringLiteral("1e3");
    QTest::newRow("comma") << QStringLiteral("1,5");
    QTest::newRow("two points") << QStringLiteral("1..2");
    QTest::newRow("point only") << QStringLiteral(".");
    QTest::newRow("inner blank") << QStringLiteral("12 3");
    QTest::newRow("nan") << QStringLiteral("NaN");
    QTest::newRow("arabic digits") << QStringLiteral("\u0661.\u0662");
}

void TestCurrencyRates::parseBrokenRate()
{
    QFETCH(QString, text);
    QVERIFY2(!ExchangeRate::parse(text).has_value(), qPrintable(text));
}

void TestCurrencyRates::convert_data()
{
    QTest::addColumn<qint64>("nanos");
    QTest::addColumn<QString>("rate");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("100 EUR at 1.0845") << qint64(100'000'000'000) << QStringLiteral("1.0845") << qint64(108'450'000'000);
    QTest::newRow("identity") << qint64(123'456'789) << QStringLiteral("1") << qint64(123'456'789);
    // Half-to-even at the nano.
    QTest::newRow("half down to even") << qint64(1) << QStringLiteral("0.5") << qint64(0);
    QTest::newRow("half up to even") << qint64(3) << QStringLiteral("0.5") << qint64(2);
    QTest::newRow("2.5 to 2") << qint64(5) << QStringLiteral("0.5") << qint64(2);
    QTest::newRow("1.5 to 2") << qint64(1) << QStringLiteral("1.5") << qint64(2);
    QTest::newRow("above half") << qint64(1) << QStringLiteral("0.500000000001") << qint64(1);
    QTest::newRow("negative half") << qint64(-3) << QStringLiteral("0.5") << qint64(-2);
    QTest::newRow("negative 2.5") << qint64(-5) << QStringLiteral("0.5") << qint64(-2);
    // Twelve fraction digits: 7 x 0.123456789012 = 0.864197523084 units.
    QTest::newRow("twelve digits") << qint64(7'000'000'000) << QStringLiteral("0.123456789012") << qint64(864'197'523);
    QTest::newRow("negative many digits") << qint64(-123'456'789'000) << QStringLiteral("0.876543210987")
                                          << qint64(-108'215'210'248);
    // 9e9 units x 1.000000000001 = 9e9 + 0.009 units: the product needs 128 bits.
    QTest::newRow("large amount") << qint64(9'000'000'000'000'000'000) << QStringLiteral("1.000000000001")
                                  << qint64(9'000'000'000'009'000'000);
    QTest::newRow("largest amount") << std::numeric_limits<qint64>::max() << QStringLiteral("0.999999999999")
                                    << qint64(9'223'372'036'845'552'435);
    QTest::newRow("large rate") << qint64(1'000'000'000'000) << QStringLiteral("1234567.891234567891")
                                << qint64(1'234'567'891'234'567'891);
    QTest::newRow("zero amount") << qint64(0) << QStringLiteral("3.3") << qint64(0);
}

void TestCurrencyRates::convert()
{
    QFETCH(qint64, nanos);
    QFETCH(QString, rate);
    QFETCH(qint64, expected);
    const auto r = ExchangeRate::parse(rate);
    QVERIFY(r.has_value());
    const auto out = r->convert(Money::fromNanos(nanos));
    QVERIFY(out.has_value());
    QCOMPARE(out->nanos(), expected);
}

void TestCurrencyRates::convertOverflow()
{
    // 9e9 units x 2 does not fit in Money: an explicit failure, never a wrapped number.
    QVERIFY(!ExchangeRate::parse(QStringLiteral("2"))->convert(Money::fromNanos(9'000'000'000'000'000'000)).has_value());
    QVERIFY(!ExchangeRate::parse(QStringLiteral("9223372.036854775807"))
                 ->convert(Money::fromNanos(-1'000'000'000'000'000))
                 .has_value());
}

namespace {

CurrencyRate rate(const char *from, const char *to, const QDate &validFrom, const char *value)
{
    CurrencyRate r;
    r.from = QString::fromLatin1(from);
    r.to = QString::fromLatin1(to);
    r.validFrom = validFrom;
    r.rate = *ExchangeRate::parse(QString::fromLatin1(value));
    return r;
}

CurrencyRates eurUsdTable()
{
    return CurrencyRates({rate("EUR", "USD", QDate(2026, 3, 15), "1.12"), rate("EUR", "USD", currencyRateAlways(), "1.10"),
                          rate("EUR", "USD", QDate(2026, 2, 1), "1.08"), rate("JPY", "USD", QDate(2026, 2, 1), "0.0067"),
                          rate("GBP", "EUR", currencyRateAlways(), "1.17")});
}

} // namespace

void TestCurrencyRates::datedRates_data()
{
    QTest::addColumn<QDate>("day");
    QTest::addColumn<QString>("onDay");
    QTest::addColumn<QString>("forMonth");
    QTest::newRow("before any dated row") << QDate(2026, 1, 20) << QStringLiteral("1.1") << QStringLiteral("1.1");
    QTest::newRow("first day of a row") << QDate(2026, 2, 1) << QStringLiteral("1.08") << QStringLiteral("1.08");
    QTest::newRow("day before a mid-month row") << QDate(2026, 3, 14) << QStringLiteral("1.08") << QStringLiteral("1.12");
    QTest::newRow("mid-month row") << QDate(2026, 3, 15) << QStringLiteral("1.12") << QStringLiteral("1.12");
    QTest::newRow("long after") << QDate(2030, 12, 31) << QStringLiteral("1.12") << QStringLiteral("1.12");
    QTest::newRow("january 1970") << QDate(1970, 1, 1) << QStringLiteral("1.1") << QStringLiteral("1.1");
}

void TestCurrencyRates::datedRates()
{
    QFETCH(QDate, day);
    QFETCH(QString, onDay);
    QFETCH(QString, forMonth);
    const CurrencyRates rates = eurUsdTable();
    const auto a = rates.rateOn(QStringLiteral("EUR"), QStringLiteral("USD"), day);
    QVERIFY(a.has_value());
    QCOMPARE(a->toString(), onDay);
    const auto m = rates.rateForMonth(QStringLiteral("EUR"), QStringLiteral("USD"), day);
    QVERIFY(m.has_value());
    QCOMPARE(m->toString(), forMonth);
}

void TestCurrencyRates::missingRate()
{
    const CurrencyRates rates = eurUsdTable();
    // Directional: EUR->USD says nothing about USD->EUR.
    QVERIFY(!rates.rateOn(QStringLiteral("USD"), QStringLiteral("EUR"), QDate(2026, 3, 1)).has_value());
    QVERIFY(!rates.rateOn(QStringLiteral("CHF"), QStringLiteral("USD"), QDate(2026, 3, 1)).has_value());
    // No transitive rates: GBP->EUR->USD is not GBP->USD.
    QVERIFY(!rates.rateOn(QStringLiteral("GBP"), QStringLiteral("USD"), QDate(2026, 3, 1)).has_value());
    // A pair that starts later has no rate before it.
    QVERIFY(!rates.rateOn(QStringLiteral("JPY"), QStringLiteral("USD"), QDate(2026, 1, 31)).has_value());
    QVERIFY(!rates.rateForMonth(QStringLiteral("JPY"), QStringLiteral("USD"), QDate(2026, 1, 31)).has_value());
    QCOMPARE(rates.rateOn(QStringLiteral("JPY"), QStringLiteral("USD"), QDate(2026, 2, 1))->toString(), QStringLiteral("0.0067"));
    // The same currency is exactly 1, with or without rows.
    QCOMPARE(CurrencyRates().rateOn(QStringLiteral("USD"), QStringLiteral("USD"), QDate(2026, 1, 1))->scaled(),
             ExchangeRate::kScale);
    QVERIFY(!CurrencyRates().rateOn(QStringLiteral("EUR"), QStringLiteral("USD"), QDate(2026, 1, 1)).has_value());
}

void TestCurrencyRates::csv()
{
    const QByteArray data = "\xEF\xBB\xBF" "from,to,rate,valid_from\r\n"
                            "# rates from the treasury\r\n"
                            "eur,usd,1.0845,2026-01-01\r\n"
                            "\r\n"
                            "\"GBP\" , \"USD\" , \"1.27\"\n"
                            "JPY,USD,0.006700000001,\n";
    std::vector<CurrencyRate> rows;
    QString error;
    QVERIFY2(parseCurrencyRatesCsv(data, QStringLiteral("rates.csv"), &rows, &error), qPrintable(error));
    QCOMPARE(rows.size(), size_t(3));
    QCOMPARE(rows[0].from, QStringLiteral("EUR"));
    QCOMPARE(rows[0].to, QStringLiteral("USD"));
    QCOMPARE(rows[0].validFrom, QDate(2026, 1, 1));
    QCOMPARE(rows[0].rate.scaled(), qint64(1'084'500'000'000));
    QCOMPARE(rows[0].origin, QStringLiteral("csv"));
    QCOMPARE(rows[1].from, QStringLiteral("GBP"));
    QCOMPARE(rows[1].validFrom, currencyRateAlways());
    QCOMPARE(rows[1].rate.toString(), QStringLiteral("1.27"));
    QCOMPARE(rows[2].rate.scaled(), qint64(6'700'000'001));
    QCOMPARE(rows[2].validFrom, currencyRateAlways());
}

void TestCurrencyRates::csvHostile_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("expected");
    QTest::newRow("two columns") << QByteArray("EUR,USD\n") << QStringLiteral("rates.csv line 1: expected 3 or 4 columns");
    QTest::newRow("five columns") << QByteArray("from,to,rate\nEUR,USD,1,2026-01-01,x\n")
                                  << QStringLiteral("rates.csv line 2: expected 3 or 4 columns");
    QTest::newRow("bad code") << QByteArray("EURO,USD,1.1\n") << QStringLiteral("rates.csv line 1: \"EURO\" is not a three-letter");
    QTest::newRow("digits in code") << QByteArray("EUR,US1,1.1\n") << QStringLiteral("rates.csv line 1: \"US1\"");
    QTest::newRow("formula") << QByteArray("EUR,USD,1.1\n=cmd|' /C calc'!A0,USD,1\n") << QStringLiteral("rates.csv line 2:");
    QTest::newRow("negative rate") << QByteArray("EUR,USD,-1.1\n") << QStringLiteral("rates.csv line 1: the rate \"-1.1\"");
    QTest::newRow("zero rate") << QByteArray("EUR,USD,0\n") << QStringLiteral("rates.csv line 1: the rate \"0\"");
    QTest::newRow("too precise") << QByteArray("EUR,USD,1.0000000000001\n") << QStringLiteral("rates.csv line 1: the rate");
    QTest::newRow("huge") << QByteArray("EUR,USD,1e400\n") << QStringLiteral("rates.csv line 1: the rate");
    QTest::newRow("bad date") << QByteArray("EUR,USD,1.1,2026-13-01\n") << QStringLiteral("rates.csv line 1: the valid-from date");
    QTest::newRow("american date") << QByteArray("EUR,USD,1.1,03/01/2026\n") << QStringLiteral("rates.csv line 1: the valid-from date");
    QTest::newRow("same currency") << QByteArray("USD,USD,1\n") << QStringLiteral("rates.csv line 1: a rate from USD to itself");
    QTest::newRow("duplicate") << QByteArray("EUR,USD,1.1,2026-01-01\nEUR,USD,1.2,2026-01-01\n")
                               << QStringLiteral("rates.csv line 2: EUR to USD from 2026-01-01 is already given on line 1");
    QTest::newRow("before 1970") << QByteArray("EUR,USD,1.1,1969-12-31\n") << QStringLiteral("rates.csv line 1: the valid-from date");
    QTest::newRow("not utf-8") << QByteArray("EUR,USD,1.1\n\xff\xfe,USD,1\n") << QStringLiteral("rates.csv line 2: the line is not valid UTF-8");
    QTest::newRow("nul byte") << QByteArray("EUR,USD,1.1\nEUR,G\0P,1\n", 23) << QStringLiteral("rates.csv line 2:");
    QTest::newRow("only header") << QByteArray("from,to,rate\n") << QStringLiteral("rates.csv: no rates found");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("rates.csv: no rates found");
    QTest::newRow("bad after good") << QByteArray("EUR,USD,1.1\nGBP,USD,1.27\nCHF,USD,abc\n")
                                    << QStringLiteral("rates.csv line 3: the rate \"abc\"");
}

void TestCurrencyRates::csvHostile()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, expected);
    std::vector<CurrencyRate> rows{rate("EUR", "USD", currencyRateAlways(), "1")};
    QString error;
    QVERIFY(!parseCurrencyRatesCsv(data, QStringLiteral("rates.csv"), &rows, &error));
    QVERIFY2(error.startsWith(expected), qPrintable(error));
    QVERIFY(!error.contains(u'\n'));
    QVERIFY(rows.empty()); // all or nothing
}

void TestCurrencyRates::storeRoundTrip()
{
    QTemporaryDir dir;
    store::CostStore s;
    QString error;
    QVERIFY2(s.open(dir.filePath(QStringLiteral("w.costscope")), &error), qPrintable(error));
    store::CurrencyRateStore rates(s);
    QVERIFY(rates.load().isEmpty());
    const CurrencyRates table = eurUsdTable();
    QVERIFY2(rates.replaceAll(table.rates(), &error), qPrintable(error));
    CurrencyRates loaded = rates.load(&error);
    QCOMPARE(loaded.rates().size(), table.rates().size());
    for (size_t i = 0; i < table.rates().size(); ++i) {
        QCOMPARE(loaded.rates()[i].from, table.rates()[i].from);
        QCOMPARE(loaded.rates()[i].to, table.rates()[i].to);
        QCOMPARE(loaded.rates()[i].validFrom, table.rates()[i].validFrom);
        QCOMPARE(loaded.rates()[i].rate, table.rates()[i].rate);
    }
    // The rate is stored as exact decimal text.
    QCOMPARE(s.db().queryText("SELECT rate FROM currency_rate WHERE from_currency = 'JPY'"), QStringLiteral("0.0067"));
    // Merge replaces the row with the same key and adds new ones.
    CurrencyRate changed = rate("EUR", "USD", QDate(2026, 2, 1), "1.09");
    changed.origin = QStringLiteral("csv");
    QVERIFY2(rates.merge({changed, rate("CHF", "USD", currencyRateAlways(), "1.13")}, &error), qPrintable(error));
    loaded = rates.load();
    QCOMPARE(loaded.rates().size(), table.rates().size() + 1);
    QCOMPARE(loaded.rateOn(QStringLiteral("EUR"), QStringLiteral("USD"), QDate(2026, 2, 10))->toString(), QStringLiteral("1.09"));
    QCOMPARE(s.db().queryText("SELECT origin FROM currency_rate WHERE from_currency = 'EUR' AND valid_from > 0 "
                              "AND rate = '1.09'"),
             QStringLiteral("csv"));
    // A row that a hand edit broke is skipped, not read as 0 or 1.
    QVERIFY(s.db().exec("INSERT INTO currency_rate(from_currency, to_currency, valid_from, rate) VALUES ('SEK','USD',0,'x')"));
    QVERIFY(!rates.load().rateOn(QStringLiteral("SEK"), QStringLiteral("USD"), QDate(2026, 1, 1)).has_value());
}

void TestCurrencyRates::storeRefusesBadRowsAndKeepsTable()
{
    QTemporaryDir dir;
    store::CostStore s;
    QString error;
    QVERIFY2(s.open(dir.filePath(QStringLiteral("w.costscope")), &error), qPrintable(error));
    store::CurrencyRateStore rates(s);
    QVERIFY(rates.replaceAll(eurUsdTable().rates(), &error));
    const int64_t before = s.db().queryInt("SELECT count(*) FROM currency_rate");
    CurrencyRate bad = rate("EUR", "USD", QDate(2027, 1, 1), "1");
    bad.to = QStringLiteral("usd!");
    QVERIFY(!rates.replaceAll({rate("CHF", "USD", currencyRateAlways(), "1.1"), bad}, &error));
    QVERIFY(error.contains(QStringLiteral("usd!")));
    QVERIFY(!rates.merge({rate("CHF", "USD", currencyRateAlways(), "1.1"), rate("CHF", "USD", currencyRateAlways(), "1.2")},
                         &error));
    QVERIFY2(error.contains(QStringLiteral("twice")), qPrintable(error));
    QCOMPARE(s.db().queryInt("SELECT count(*) FROM currency_rate"), before);
    QVERIFY(!rates.load().rateOn(QStringLiteral("CHF"), QStringLiteral("USD"), QDate(2026, 1, 1)).has_value());
}

QTEST_GUILESS_MAIN(TestCurrencyRates)
#include "TestCurrencyRates.moc"
