#include "ImportTestSupport.h"

#include <QTest>

using costscope::testsupport::gzipBytes;
using costscope::testsupport::readAll;

using Rows = QList<QByteArrayList>;
Q_DECLARE_METATYPE(Rows)

class TestCsvReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void broken_data();
    void broken();
    void gzipMatchesPlain();
    void gzipConcatenatedMembers();
    void fieldAcrossChunks();
    void lineNumbers();
};

void TestCsvReader::parse_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<Rows>("rows");
    QTest::newRow("simple") << QByteArray("a,b\n1,2\n") << Rows{{"a", "b"}, {"1", "2"}};
    QTest::newRow("no final newline") << QByteArray("a,b\n1,2") << Rows{{"a", "b"}, {"1", "2"}};
    QTest::newRow("crlf") << QByteArray("a,b\r\n1,2\r\n") << Rows{{"a", "b"}, {"1", "2"}};
    QTest::newRow("bare cr") << QByteArray("a,b\r1,2") << Rows{{"a", "b"}, {"1", "2"}};
    QTest::newRow("bom") << QByteArray("\xEF\xBB\xBF" "a,b\n1,2\n") << Rows{{"a", "b"}, {"1", "2"}};
    QTest::newRow("empty fields") << QByteArray(",,\n") << Rows{{"", "", ""}};
    QTest::newRow("quoted comma") << QByteArray("\"a,b\",c\n") << Rows{{"a,b", "c"}};
    QTest::newRow("quoted newline") << QByteArray("\"a\nb\",c\n") << Rows{{"a\nb", "c"}};
    QTest::newRow("quoted crlf") << QByteArray("\"a\r\nb\",c\r\n") << Rows{{"a\r\nb", "c"}};
    QTest::newRow("escaped quote") << QByteArray("\"say \"\"hi\"\"\",x\n") << Rows{{"say \"hi\"", "x"}};
    QTest::newRow("empty quoted") << QByteArray("\"\",x\n") << Rows{{"", "x"}};
    QTest::newRow("blank lines skipped") << QByteArray("a\n\n\r\nb\n") << Rows{{"a"}, {"b"}};
    QTest::newRow("stray quote kept") << QByteArray("ab\"c,d\n") << Rows{{"ab\"c", "d"}};
    QTest::newRow("text after closing quote") << QByteArray("\"ab\"cd,e\n") << Rows{{"abcd", "e"}};
    QTest::newRow("json tags") << QByteArray("\"{\"\"k\"\": \"\"v\"\"}\"\n") << Rows{{"{\"k\": \"v\"}"}};
    QTest::newRow("utf8") << QByteArray("\xE6\x88\x90\xE6\x9C\xAC,x\n") << Rows{{"\xE6\x88\x90\xE6\x9C\xAC", "x"}};
    QTest::newRow("empty input") << QByteArray() << Rows{};
    QTest::newRow("only bom") << QByteArray("\xEF\xBB\xBF") << Rows{};
}

void TestCsvReader::parse()
{
    QFETCH(QByteArray, input);
    QFETCH(Rows, rows);
    QString error;
    QCOMPARE(readAll(input, &error), rows);
    QCOMPARE(error, QString());
    // The same bytes gzip-compressed read the same.
    if (!input.isEmpty()) {
        QCOMPARE(readAll(gzipBytes(input), &error), rows);
        QCOMPARE(error, QString());
    }
}

void TestCsvReader::broken_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<qint64>("maxField");
    QTest::addColumn<QString>("error");
    QTest::newRow("unterminated quote")
        << QByteArray("a,b\n1,\"open\n2,3\n") << qint64(1 << 20)
        << QStringLiteral("line 2, column 2: unterminated quoted field");
    QTest::newRow("field over the cap")
        << (QByteArray("a,b\n1,") + QByteArray(5000, 'x') + "\n") << qint64(1000)
        << QStringLiteral("line 2, column 2: a field is longer than 1000 bytes");
    QTest::newRow("quoted field over the cap")
        << (QByteArray("a\n\"") + QByteArray(5000, 'x') + "\"\n") << qint64(1000)
        << QStringLiteral("line 2, column 1: a field is longer than 1000 bytes");
    const QByteArray gz = gzipBytes(QByteArray("a,b\n") + QByteArray(100000, 'x'));
    QTest::newRow("truncated gzip") << gz.left(gz.size() / 2) << qint64(1 << 20) << QStringLiteral("truncated");
    QByteArray corrupt = gz;
    for (qsizetype i = 20; i < 60; ++i)
        corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5a);
    QTest::newRow("corrupt gzip") << corrupt << qint64(1 << 20) << QStringLiteral("corrupt");
    QTest::newRow("gzip header only") << gz.left(10) << qint64(1 << 20) << QStringLiteral("truncated");
}

void TestCsvReader::broken()
{
    QFETCH(QByteArray, input);
    QFETCH(qint64, maxField);
    QFETCH(QString, error);
    QString actual;
    readAll(input, &actual, maxField);
    QVERIFY2(actual.contains(error), qPrintable(actual));
}

void TestCsvReader::gzipMatchesPlain()
{
    // Big enough to need several inflate rounds and buffer refills.
    QByteArray data("id,text,amount\n");
    for (int i = 0; i < 50000; ++i)
        data += QByteArray::number(i) + ",\"row " + QByteArray::number(i) + ", with \"\"quotes\"\"\"," +
                QByteArray::number(i % 97) + ".25\r\n";
    QString e1, e2;
    const Rows plain = readAll(data, &e1);
    const Rows gz = readAll(gzipBytes(data), &e2);
    QCOMPARE(e1, QString());
    QCOMPARE(e2, QString());
    QCOMPARE(plain.size(), 50001);
    QCOMPARE(plain, gz);
    QCOMPARE(plain.at(12345).at(1), QByteArray("row 12344, with \"quotes\""));
}

void TestCsvReader::gzipConcatenatedMembers()
{
    const QByteArray both = gzipBytes("a,b\n1,2\n") + gzipBytes("3,4\n");
    QString error;
    QCOMPARE(readAll(both, &error), (Rows{{"a", "b"}, {"1", "2"}, {"3", "4"}}));
    QCOMPARE(error, QString());
}

void TestCsvReader::fieldAcrossChunks()
{
    // Fields that straddle the reader's 256 KiB buffer, quoted and not.
    for (int offset : {262140, 262143, 262144, 262145}) {
        QByteArray data = QByteArray(offset, 'a') + ",\"q" + QByteArray(10, 'b') + "\"\"c\",end\n";
        QString error;
        const Rows rows = readAll(data, &error);
        QCOMPARE(error, QString());
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].size(), 3);
        QCOMPARE(rows[0][0].size(), offset);
        QCOMPARE(rows[0][1], QByteArray("q") + QByteArray(10, 'b') + "\"c");
        QCOMPARE(rows[0][2], QByteArray("end"));
    }
}

void TestCsvReader::lineNumbers()
{
    QBuffer buffer;
    buffer.setData("h\n\"a\nb\"\nc\n");
    buffer.open(QIODevice::ReadOnly);
    costscope::import::CsvReader csv(&buffer);
    QVERIFY(csv.readRow());
    QCOMPARE(csv.rowLine(), 1);
    QVERIFY(csv.readRow());
    QCOMPARE(csv.rowLine(), 2);
    QVERIFY(csv.readRow());
    QCOMPARE(csv.rowLine(), 4); // the quoted line break counts
    QVERIFY(!csv.readRow());
    QVERIFY(!csv.hasError());
}

QTEST_GUILESS_MAIN(TestCsvReader)
#include "TestCsvReader.moc"
