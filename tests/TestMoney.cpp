#include "model/Money.h"

#include <QTest>

#include <algorithm>

using costscope::Money;

class TestMoney : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void parseBroken_data();
    void parseBroken();
    void toStringRounding_data();
    void toStringRounding();
    void centsRounding();
    void sumIsExact();
    void plainMatchesGeneral();
};

void TestMoney::parse_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<qint64>("nanos");
    QTest::newRow("integer") << QByteArray("12") << qint64(12'000'000'000);
    QTest::newRow("decimal") << QByteArray("12.34") << qint64(12'340'000'000);
    QTest::newRow("negative") << QByteArray("-0.5") << qint64(-500'000'000);
    QTest::newRow("plus sign") << QByteArray("+3") << qint64(3'000'000'000);
    QTest::newRow("blanks") << QByteArray("  7.25\r") << qint64(7'250'000'000);
    QTest::newRow("leading point") << QByteArray(".5") << qint64(500'000'000);
    QTest::newRow("trailing point") << QByteArray("5.") << qint64(5'000'000'000);
    QTest::newRow("nine decimals") << QByteArray("0.000000001") << qint64(1);
    // Half-to-even beyond nine decimals.
    QTest::newRow("round down half even") << QByteArray("0.0000000025") << qint64(2);
    QTest::newRow("round up half even") << QByteArray("0.0000000035") << qint64(4);
    QTest::newRow("round above half") << QByteArray("0.00000000250001") << qint64(3);
    QTest::newRow("round below half") << QByteArray("0.0000000024999") << qint64(2);
    QTest::newRow("negative rounding") << QByteArray("-0.0000000035") << qint64(-4);
    // Exponent notation as AWS CUR writes it.
    QTest::newRow("exponent small") << QByteArray("1.2E-5") << qint64(12'000);
    QTest::newRow("exponent lower") << QByteArray("3.5e-10") << qint64(0);
    QTest::newRow("exponent big") << QByteArray("1.5E3") << qint64(1'500'000'000'000);
    QTest::newRow("exponent plus") << QByteArray("2e+2") << qint64(200'000'000'000);
    QTest::newRow("zero") << QByteArray("0") << qint64(0);
    QTest::newRow("negative zero") << QByteArray("-0.000") << qint64(0);
    QTest::newRow("many digits") << QByteArray("123456.123456789123456789") << qint64(123456'123456789);
    QTest::newRow("long integer part") << QByteArray("9000000000") << qint64(9'000'000'000'000'000'000);
    // At the edges of the 18-digit fast path (by hand).
    QTest::newRow("18 digits") << QByteArray("123456789.123456789") << qint64(123456789'123456789);
    QTest::newRow("18 digits, 10 decimals") << QByteArray("12345678.9123456785") << qint64(12345678'912345678);
    QTest::newRow("18 digits, odd half") << QByteArray("12345678.9123456775") << qint64(12345678'912345678);
    QTest::newRow("19 digits") << QByteArray("9223372036.854775807") << qint64(9'223'372'036'854'775'807);
    QTest::newRow("bench cost") << QByteArray("-0.0123456789") << qint64(-12'345'679);
    QTest::newRow("leading zeros") << QByteArray("000000000000000000001.5") << qint64(1'500'000'000);
}

void TestMoney::parse()
{
    QFETCH(QByteArray, text);
    QFETCH(qint64, nanos);
    const auto m = Money::parse(QByteArrayView(text));
    QVERIFY2(m.has_value(), text.constData());
    QCOMPARE(m->nanos(), nanos);
    const auto viaString = Money::parse(QStringView(QString::fromLatin1(text)));
    QVERIFY(viaString.has_value());
    QCOMPARE(viaString->nanos(), nanos);
}

void TestMoney::parseBroken_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray("");
    QTest::newRow("blank") << QByteArray("   ");
    QTest::newRow("letters") << QByteArray("abc");
    QTest::newRow("two points") << QByteArray("1.2.3");
    QTest::newRow("trailing garbage") << QByteArray("12.5USD");
    QTest::newRow("sign only") << QByteArray("-");
    QTest::newRow("point only") << QByteArray(".");
    QTest::newRow("dangling exponent") << QByteArray("1e");
    QTest::newRow("bad exponent") << QByteArray("1e+x");
    QTest::newRow("too large") << QByteArray("10000000000");
    QTest::newRow("comma decimal") << QByteArray("1,5");
    QTest::newRow("NaN") << QByteArray("NaN");
    QTest::newRow("inside blank") << QByteArray("1 2");
}

void TestMoney::parseBroken()
{
    QFETCH(QByteArray, text);
    QVERIFY(!Money::parse(QByteArrayView(text)).has_value());
}

void TestMoney::toStringRounding_data()
{
    QTest::addColumn<qint64>("nanos");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QString>("expected");
    QTest::newRow("all digits") << qint64(12'340'000'000) << -1 << QStringLiteral("12.34");
    QTest::newRow("whole") << qint64(5'000'000'000) << -1 << QStringLiteral("5");
    QTest::newRow("cents") << qint64(12'345'000'000) << 2 << QStringLiteral("12.35");
    QTest::newRow("cents down") << qint64(12'344'999'999) << 2 << QStringLiteral("12.34");
    QTest::newRow("negative cents") << qint64(-12'345'000'000) << 2 << QStringLiteral("-12.35");
    QTest::newRow("tiny negative") << qint64(-1) << 2 << QStringLiteral("0.00");
    QTest::newRow("nine") << qint64(1) << 9 << QStringLiteral("0.000000001");
    QTest::newRow("carry") << qint64(999'999'999) << 2 << QStringLiteral("1.00");
}

void TestMoney::toStringRounding()
{
    QFETCH(qint64, nanos);
    QFETCH(int, decimals);
    QFETCH(QString, expected);
    QCOMPARE(Money::fromNanos(nanos).toString(decimals), expected);
}

void TestMoney::centsRounding()
{
    QCOMPARE(Money::fromNanos(12'345'000'000).roundedToCents().nanos(), 12'350'000'000);
    QCOMPARE(Money::fromNanos(12'344'999'999).roundedToCents().nanos(), 12'340'000'000);
    QCOMPARE(Money::fromNanos(-12'345'000'000).roundedToCents().nanos(), -12'350'000'000);
}

void TestMoney::sumIsExact()
{
    // 0.1 added a million times is exactly 100000 in nano-units, unlike a double sum.
    costscope::MoneySum sum;
    Money plain;
    const Money tenth = *Money::parse(QByteArrayView("0.1"));
    double d = 0;
    for (int i = 0; i < 1'000'000; ++i) {
        sum.add(tenth);
        plain += tenth;
        d += 0.1;
    }
    QCOMPARE(sum.total().toString(), QStringLiteral("100000"));
    QCOMPARE(plain.toString(), QStringLiteral("100000"));
    QVERIFY(d != 100000.0);
    costscope::MoneySum big;
    big.add(Money::fromNanos(std::numeric_limits<int64_t>::max()));
    big.add(Money::fromNanos(1));
    QVERIFY(!big.fits());
}

void TestMoney::plainMatchesGeneral()
{
    // "ddd.ddd" takes a 64-bit fast path; the same digits with "e0" take the general one.
    QList<QByteArray> texts;
    quint64 x = 88172645463325252ULL;
    for (int i = 0; i < 20000; ++i) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        const int intDigits = static_cast<int>(x % 12);
        const int fracDigits = static_cast<int>((x >> 8) % 14);
        QByteArray t = QByteArray::number(x >> 20).left(intDigits);
        if (fracDigits > 0 || t.isEmpty())
            t += '.' + QByteArray::number(x % 100000000000000ULL).rightJustified(14, '0').left(std::max(fracDigits, 1));
        if (x & (1ULL << 40))
            t.prepend('-');
        texts << t;
    }
    texts << "9223372036.854775807" << "9223372036.854775808" << "0.00000000050" << "0.0000000015" << "99999999.9999999995";
    for (const QByteArray &t : texts) {
        const auto fast = Money::parse(QByteArrayView(t));
        QByteArray withExponent = t;
        withExponent += "e0";
        const auto general = Money::parse(QByteArrayView(withExponent));
        QVERIFY2(fast.has_value() == general.has_value(), t.constData());
        if (fast)
            QVERIFY2(fast->nanos() == general->nanos(), t.constData());
    }
}

QTEST_GUILESS_MAIN(TestMoney)
#include "TestMoney.moc"
