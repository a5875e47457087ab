// The value parsers behind every format reader: timestamps, amounts, tags, column names.

#include "providers/import/FormatReader.h"
#include "providers/import/GcpFormat.h"
#include "providers/import/ImportValues.h"

#include <QDateTime>
#include <QTest>

#include <cstring>

using namespace costscope;
using namespace costscope::import;

class TestImportValues : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void timestamps_data();
    void timestamps();
    void badTimestamps_data();
    void badTimestamps();
    void amounts_data();
    void amounts();
    void tags_data();
    void tags();
    void gcpCredits();
    void snakeCase_data();
    void snakeCase();
    void quantitiesMatchToDouble();
    void isoTimestampsMatchQDateTime();
    void pairListCacheSharesEqualLists();
};

void TestImportValues::timestamps_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("iso");
    QTest::newRow("FOCUS sample, no T or Z") << QByteArray("2024-10-01 00:00:00") << QStringLiteral("2024-10-01T00:00:00Z");
    QTest::newRow("ISO with Z") << QByteArray("2023-01-01T01:00:00Z") << QStringLiteral("2023-01-01T01:00:00Z");
    QTest::newRow("CUR millis") << QByteArray("2023-11-01T00:00:00.000Z") << QStringLiteral("2023-11-01T00:00:00Z");
    QTest::newRow("GCP offset") << QByteArray("2022-08-01 03:00:00+00:00") << QStringLiteral("2022-08-01T03:00:00Z");
    QTest::newRow("GCP micros") << QByteArray("2022-08-02 01:11:12.066000+00:00") << QStringLiteral("2022-08-02T01:11:12Z");
    QTest::newRow("positive offset") << QByteArray("2024-03-01T02:00:00+02:00") << QStringLiteral("2024-03-01T00:00:00Z");
    QTest::newRow("compact offset") << QByteArray("2024-03-01T00:00:00-0130") << QStringLiteral("2024-03-01T01:30:00Z");
    QTest::newRow("OCI without seconds") << QByteArray("2023-11-13T10:00Z") << QStringLiteral("2023-11-13T10:00:00Z");
    QTest::newRow("date only") << QByteArray("2024-02-29") << QStringLiteral("2024-02-29T00:00:00Z");
    QTest::newRow("Azure US date") << QByteArray("9/2/2023") << QStringLiteral("2023-09-02T00:00:00Z");
    QTest::newRow("Azure padded US date") << QByteArray("02/29/2024") << QStringLiteral("2024-02-29T00:00:00Z");
    QTest::newRow("two-digit year") << QByteArray("4/1/25") << QStringLiteral("2025-04-01T00:00:00Z");
    QTest::newRow("US date and time") << QByteArray("9/2/2023 13:05:00") << QStringLiteral("2023-09-02T13:05:00Z");
    QTest::newRow("compact date") << QByteArray("20240901") << QStringLiteral("2024-09-01T00:00:00Z");
    QTest::newRow("blanks") << QByteArray("  2024-09-01T00:00:00Z \r") << QStringLiteral("2024-09-01T00:00:00Z");
    QTest::newRow("UTC suffix") << QByteArray("2024-09-01 05:00:00 UTC") << QStringLiteral("2024-09-01T05:00:00Z");
    QTest::newRow("end of day 24:00") << QByteArray("2024-09-01T24:00:00Z") << QStringLiteral("2024-09-02T00:00:00Z");
}

void TestImportValues::timestamps()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, iso);
    const auto secs = parseTimestamp(QByteArrayView(text));
    QVERIFY(secs.has_value());
    QCOMPARE(QDateTime::fromSecsSinceEpoch(*secs, Qt::UTC).toString(Qt::ISODate), iso);
}

void TestImportValues::badTimestamps_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray("");
    QTest::newRow("February 30") << QByteArray("2023-02-30");
    QTest::newRow("not a leap year") << QByteArray("2023-02-29T00:00:00Z");
    QTest::newRow("month 13") << QByteArray("2024-13-01");
    QTest::newRow("day 0") << QByteArray("2024-01-00");
    QTest::newRow("hour 30 (FOCUS example)") << QByteArray("2023-02-01T30:00:00Z");
    QTest::newRow("minute 61") << QByteArray("2023-02-01T10:61:00Z");
    QTest::newRow("US month 13") << QByteArray("13/45/2023");
    QTest::newRow("three-digit year") << QByteArray("1/1/202");
    QTest::newRow("words") << QByteArray("yesterday");
    QTest::newRow("trailing garbage") << QByteArray("2024-01-01T00:00:00Zabc");
    QTest::newRow("bad zone") << QByteArray("2024-01-01T00:00:00+xx");
    QTest::newRow("year 1900") << QByteArray("1900-01-01");
}

void TestImportValues::badTimestamps()
{
    QFETCH(QByteArray, text);
    QVERIFY(!parseTimestamp(QByteArrayView(text)).has_value());
}

void TestImportValues::amounts_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<qint64>("nanos"); // -1: refused
    QTest::addColumn<bool>("decorated");
    QTest::newRow("plain") << QByteArray("0.00000080000") << qint64(800) << false;
    QTest::newRow("exponent") << QByteArray("1.385e-05") << qint64(13850) << false;
    QTest::newRow("dollar and separators") << QByteArray("$10,000.00 ") << qint64(10'000'000'000'000) << true;
    QTest::newRow("negative dollar") << QByteArray("-$5.5") << qint64(-5'500'000'000) << true;
    QTest::newRow("garbage") << QByteArray("12,5x") << qint64(-1) << false;
    QTest::newRow("NULL") << QByteArray("NULL") << qint64(-1) << false;
    QTest::newRow("two points") << QByteArray("1.2.3") << qint64(-1) << false;
}

void TestImportValues::amounts()
{
    QFETCH(QByteArray, text);
    QFETCH(qint64, nanos);
    QFETCH(bool, decorated);
    bool wasDecorated = false;
    const auto m = parseAmount(QByteArrayView(text), &wasDecorated);
    if (nanos == -1) {
        QVERIFY(!m.has_value());
        return;
    }
    QVERIFY(m.has_value());
    QCOMPARE(m->nanos(), nanos);
    QCOMPARE(wasDecorated, decorated);
}

void TestImportValues::tags_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("flat"); // sorted "k=v;k=v"
    QTest::newRow("JSON object") << QByteArray(R"({"application": "A", "environment": "prod"})") << true
                                 << QStringLiteral("application=A;environment=prod");
    QTest::newRow("EA without braces") << QByteArray(R"("tagA": "valueA","tagB": "valueB")") << true
                                       << QStringLiteral("tagA=valueA;tagB=valueB");
    QTest::newRow("GCP labels") << QByteArray(R"([{"key": "team", "value": "ml"}, {"key": "env", "value": "dev"}])") << true
                                << QStringLiteral("env=dev;team=ml");
    QTest::newRow("python quotes") << QByteArray("[{'key': 'team', 'value': 'ml'}]") << true << QStringLiteral("team=ml");
    QTest::newRow("NULL") << QByteArray("NULL") << true << QString();
    QTest::newRow("empty list") << QByteArray("[]") << true << QString();
    QTest::newRow("broken") << QByteArray("{not json") << false << QString();
    QTest::newRow("list without keys") << QByteArray(R"([{"a": 1}])") << false << QString();
}

void TestImportValues::tags()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, ok);
    QFETCH(QString, flat);
    Tags t;
    QCOMPARE(parseTags(QByteArrayView(text), &t), ok);
    if (!ok)
        return;
    QStringList parts;
    for (const auto &kv : t)
        parts << kv.first + u'=' + kv.second;
    parts.sort();
    QCOMPARE(parts.join(u';'), flat);
}

void TestImportValues::gcpCredits()
{
    std::vector<GcpCredit> credits;
    QVERIFY(parseGcpCredits(QByteArrayView(R"([{"name": "Sustained use", "amount": -0.123456789012, "type": "SUD", "id": "x"},)"
                                           R"( {'name': 'Free', 'amount': -1e-3}])"),
                            &credits));
    QCOMPARE(credits.size(), size_t(2));
    QCOMPARE(credits[0].name, QStringLiteral("Sustained use"));
    QCOMPARE(credits[0].amount.nanos(), qint64(-123456789));
    QCOMPARE(credits[0].type, QStringLiteral("SUD"));
    QCOMPARE(credits[1].amount.nanos(), qint64(-1'000'000));
    QVERIFY(parseGcpCredits(QByteArrayView("[]"), &credits));
    QVERIFY(credits.empty());
    QVERIFY(!parseGcpCredits(QByteArrayView(R"([{"name": "no amount"}])"), &credits));
    QVERIFY(!parseGcpCredits(QByteArrayView(R"([{"amount": "abc"}])"), &credits));
    QVERIFY(!parseGcpCredits(QByteArrayView(R"([{"amount": 1)"), &credits));
}

void TestImportValues::snakeCase_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("snake");
    QTest::newRow("unblended") << QStringLiteral("lineItem/UnblendedCost") << QStringLiteral("line_item_unblended_cost");
    QTest::newRow("payer") << QStringLiteral("bill/PayerAccountId") << QStringLiteral("bill_payer_account_id");
    QTest::newRow("public") << QStringLiteral("pricing/publicOnDemandCost") << QStringLiteral("pricing_public_on_demand_cost");
    QTest::newRow("sp effective") << QStringLiteral("savingsPlan/SavingsPlanEffectiveCost")
                                  << QStringLiteral("savings_plan_savings_plan_effective_cost");
    QTest::newRow("arn") << QStringLiteral("reservation/ReservationARN") << QStringLiteral("reservation_reservation_arn");
    QTest::newRow("servicecode") << QStringLiteral("product/servicecode") << QStringLiteral("product_servicecode");
    QTest::newRow("already snake") << QStringLiteral("line_item_unblended_cost") << QStringLiteral("line_item_unblended_cost");
}

void TestImportValues::snakeCase()
{
    QFETCH(QString, name);
    QFETCH(QString, snake);
    QCOMPARE(import::snakeCase(name), snake);
}

void TestImportValues::quantitiesMatchToDouble()
{
    // Plain decimals take a fast path; Qt's own converter is the oracle, to the bit.
    QList<QByteArray> texts = {"0", "-0", "1", "7.25", "0.000001", "123456789012345", "1234567890123456",
                               "0.1", "0.3", "2.675", "9.999999999999999", "1e3", " 4.5 ", "+2", ".5", "5.",
                               "-.5", "1.2.3", "12a", "-", "00000000000000000001.5", "3.14159265358979"};
    quint64 x = 0x2545F4914F6CDD1DULL;
    for (int i = 0; i < 20000; ++i) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        QByteArray t = QByteArray::number(x >> 11).left(1 + static_cast<int>(x % 9));
        if (x & 0x100)
            t += '.' + QByteArray::number(x % 1000000007ULL).left(1 + static_cast<int>((x >> 3) % 9));
        if (x & 0x200)
            t.prepend('-');
        texts << t;
    }
    for (const QByteArray &t : texts) {
        bool ok = false;
        const double expected = t.trimmed().toDouble(&ok);
        const auto actual = costscope::import::parseQuantity(QByteArrayView(t));
        QVERIFY2(actual.has_value() == ok, t.constData());
        if (ok) {
            QVERIFY2(std::memcmp(&*actual, &expected, sizeof(double)) == 0, t.constData());
        }
    }
}

void TestImportValues::isoTimestampsMatchQDateTime()
{
    // "YYYY-MM-DDTHH:MM:SS[Z]" is read from fixed positions; QDateTime is the oracle.
    quint64 x = 0x9E3779B97F4A7C15ULL;
    for (int i = 0; i < 20000; ++i) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        const int y = 1970 + static_cast<int>(x % 231), m = 1 + static_cast<int>((x >> 8) % 12);
        const int d = 1 + static_cast<int>((x >> 12) % 31), hh = static_cast<int>((x >> 20) % 24);
        const int mm = static_cast<int>((x >> 28) % 60), ss = static_cast<int>((x >> 36) % 60);
        const char sep = (x >> 44) & 1 ? 'T' : ' ';
        const QByteArray text = QStringLiteral("%1-%2-%3%4%5:%6:%7%8")
                                    .arg(y, 4, 10, QLatin1Char('0'))
                                    .arg(m, 2, 10, QLatin1Char('0'))
                                    .arg(d, 2, 10, QLatin1Char('0'))
                                    .arg(QLatin1Char(sep))
                                    .arg(hh, 2, 10, QLatin1Char('0'))
                                    .arg(mm, 2, 10, QLatin1Char('0'))
                                    .arg(ss, 2, 10, QLatin1Char('0'))
                                    .arg((x >> 45) & 1 ? QStringLiteral("Z") : QString())
                                    .toLatin1();
        const QDate date(y, m, d);
        const auto t = parseTimestamp(QByteArrayView(text));
        QVERIFY2(t.has_value() == date.isValid(), text.constData());
        if (date.isValid())
            QVERIFY2(*t == QDateTime(date, QTime(hh, mm, ss), Qt::UTC).toSecsSinceEpoch(), text.constData());
    }
}

// Rows whose lists are made of the same (shared) strings get one shared list back, which the
// store's writer recognises by address; every list returned holds exactly the pairs given.
void TestImportValues::pairListCacheSharesEqualLists()
{
    PairListCache cache;
    const QString key = QStringLiteral("team"), web = QStringLiteral("web"), data = QStringLiteral("data");
    const Tags first = cache.get({{key, web}});
    const Tags second = cache.get({{key, web}}); // the same string objects: the same list
    QCOMPARE(second, first);
    QCOMPARE(second.constData(), first.constData());
    // The same text in other string objects: equal content, whichever list comes back.
    const Tags copy = cache.get({{QString::fromLatin1("team"), QString::fromLatin1("web")}});
    QCOMPARE(copy, (Tags{{key, web}}));
    // Another value: another list, never the cached one.
    const Tags other = cache.get({{key, data}});
    QCOMPARE(other, (Tags{{key, data}}));
    QVERIFY(other.constData() != first.constData());
    // Order matters (the writer caches the exact list it was given).
    const Tags two = cache.get({{key, web}, {QStringLiteral("env"), data}});
    const Tags swapped = cache.get({{QStringLiteral("env"), data}, {key, web}});
    QCOMPARE(swapped.front().first, QStringLiteral("env"));
    QVERIFY(two.constData() != swapped.constData());
    // Longer lists than kMaxPairs and empty ones come back as given.
    Tags longList;
    for (int i = 0; i <= PairListCache::kMaxPairs; ++i)
        longList.append({QString::number(i), web});
    QCOMPARE(cache.get(longList), longList);
    QCOMPARE(cache.get({}), Tags());
    // Past the bound the cache starts again and still answers right.
    for (size_t i = 0; i < PairListCache::kMaxEntries + 10; ++i) {
        const QString value = QString::number(i);
        QCOMPARE(cache.get({{key, value}}), (Tags{{key, value}}));
    }
    QCOMPARE(cache.get({{key, web}}), first);
}

QTEST_GUILESS_MAIN(TestImportValues)
#include "TestImportValues.moc"
