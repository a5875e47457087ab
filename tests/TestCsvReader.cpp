#include "ImportTestSupport.h"

#include <QTest>

#include <algorithm>
#include <cstring>

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
    void inBufferMatchesByteByByte_data();
    void inBufferMatchesByteByByte();
    void errorsMatchByteByByte();
};

namespace {

// Hands out at most `step` bytes per read, so no record lies wholly in the reader's buffer
// (for step 1, 7) and every one goes through the byte-by-byte path.
class TrickleDevice : public QIODevice
{
public:
    TrickleDevice(QByteArray data, qint64 step) : m_data(std::move(data)), m_step(step)
    {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    bool isSequential() const override { return true; }
    int reads = 0;

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = std::min({maxSize, m_step, static_cast<qint64>(m_data.size()) - m_pos});
        std::memcpy(data, m_data.constData() + m_pos, static_cast<size_t>(n));
        m_pos += n;
        ++reads;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_step;
    qint64 m_pos = 0;
};

// Every record as "line:field|field|...", then the error, if any.
QByteArrayList readWithLines(QIODevice *device, int64_t maxField = 1 << 20)
{
    costscope::import::CsvReader csv(device, maxField);
    QByteArrayList out;
    while (csv.readRow()) {
        QByteArray row = QByteArray::number(csv.rowLine()) + ':';
        for (int i = 0; i < csv.fieldCount(); ++i)
            row += (i ? "|" : "") + csv.field(i).toByteArray();
        out << row;
    }
    if (csv.hasError())
        out << ("error: " + csv.error().toUtf8());
    return out;
}

QByteArrayList readWhole(const QByteArray &data, int64_t maxField = 1 << 20)
{
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    return readWithLines(&buffer, maxField);
}

} // namespace

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
    // The same bytes gzip-compressed read the same, also when the compressed bytes come a few at a
    // time (the first inflated output is then shorter than a byte-order mark).
    if (!input.isEmpty()) {
        QCOMPARE(readAll(gzipBytes(input), &error), rows);
        QCOMPARE(error, QString());
        QByteArrayList expected;
        for (int i = 0; i < rows.size(); ++i) {
            QByteArrayList fields;
            for (const QByteArray &f : rows[i])
                fields << f;
            expected << QByteArray::number(i + 1) + ':' + fields.join('|');
        }
        for (qint64 step : {1, 2, 5}) {
            TrickleDevice trickle(gzipBytes(input), step);
            const QByteArrayList got = readWithLines(&trickle);
            const QByteArray last = got.isEmpty() ? QByteArray() : got.back();
            QVERIFY2(!last.startsWith("error"), last.constData());
            QCOMPARE(got.size(), expected.size());
            for (int i = 0; i < got.size(); ++i)
                QCOMPARE(got[i].mid(got[i].indexOf(':')), expected[i].mid(expected[i].indexOf(':')));
        }
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
    // Fields that straddle the reader's buffer, quoted and not.
    constexpr int kBuf = static_cast<int>(costscope::import::CsvReader::kBufferBytes);
    for (int offset : {kBuf - 4, kBuf - 1, kBuf, kBuf + 1}) {
        QByteArray data = QByteArray(offset, 'a') + ",\"q" + QByteArray(10, 'b') + "\"\"c\",end\n";
        QString error;
        const Rows rows = readAll(data, &error, 4 << 20);
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

void TestCsvReader::inBufferMatchesByteByByte_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("plain") << QByteArray("a,b,c\n1,2,3\n4,5,6\n");
    QTest::newRow("quotes and escapes") << QByteArray("h1,h2\n\"a,b\",\"say \"\"hi\"\"\"\n\"\",\"\"\"\"\"\"\"\"\n");
    QTest::newRow("line breaks in quotes") << QByteArray("h\n\"a\nb\",x\n\"c\r\nd\",y\r\nz,\"\n\"\n");
    QTest::newRow("crlf and bare cr") << QByteArray("a,b\r\n1,2\r\n3,4\r5,6\r\n");
    QTest::newRow("bom") << QByteArray("\xEF\xBB\xBF" "a,b\n1,2\n");
    QTest::newRow("null and empty") << QByteArray("a,b,c\nNULL,,null\n,,\n\"\",NULL,\n");
    QTest::newRow("blank lines") << QByteArray("a\n\n\r\n\nb\n\r\n");
    QTest::newRow("stray quote and text after quote") << QByteArray("ab\"c,d\n\"ab\"cd,e\n\"x\" ,y\n");
    QTest::newRow("no final newline") << QByteArray("a,b\n1,\"2\"");
    QTest::newRow("final cr") << QByteArray("a,b\n1,2\r");
    QTest::newRow("long fields") << (QByteArray("a,b\n") + QByteArray(100000, 'x') + ",\"" + QByteArray(50000, 'y')
                                     + "\"\"" + QByteArray(50000, 'z') + "\"\n1,2\n");
    QTest::newRow("utf8 and json") << QByteArray("\xE6\x88\x90,\"{\"\"k\"\": \"\"\xC3\xA9\"\"}\"\n");
    // Many records, so some straddle the buffer's end.
    QByteArray big("id,text,amount,tags\r\n");
    for (int i = 0; i < 40000; ++i)
        big += QByteArray::number(i) + (i % 3 ? ",\"row, " : ",row ") + QByteArray::number(i)
               + (i % 3 ? "\"," : ",") + (i % 5 ? QByteArray::number(i % 97) + ".25" : QByteArray("NULL"))
               + (i % 2 ? ",\"{\"\"team\"\": \"\"web\"\"}\"" : ",") + (i % 7 ? "\r\n" : "\n")
               + (i % 1000 == 0 ? "\n" : "");
    QTest::newRow("many records") << big;
}

void TestCsvReader::inBufferMatchesByteByByte()
{
    QFETCH(QByteArray, input);
    const QByteArrayList whole = readWhole(input);
    QVERIFY(!whole.isEmpty());
    QVERIFY2(!whole.back().startsWith("error"), whole.back().constData());
    for (qint64 step : {1, 7, 4096}) {
        TrickleDevice trickle(input, step);
        QCOMPARE(readWithLines(&trickle), whole);
        QVERIFY(trickle.reads > 1);
    }
    // gzip goes through the same buffer.
    QBuffer gz;
    gz.setData(gzipBytes(input));
    gz.open(QIODevice::ReadOnly);
    QCOMPARE(readWithLines(&gz), whole);
}

void TestCsvReader::errorsMatchByteByByte()
{
    // The same error text (line, column) whichever path reads the record.
    const QList<QPair<QByteArray, int64_t>> inputs = {
        {QByteArray("a,b\n1,2\n1,\"open\n2,3\n"), 1 << 20},
        {QByteArray("a,b\n1,") + QByteArray(5000, 'x') + "\n", 1000},
        {QByteArray("a\n1\n\"") + QByteArray(5000, 'x') + "\"\n", 1000},
        {QByteArray("a,b\n1,2\n") + QByteArray(5000, ',') + "\n", 1 << 20},
    };
    for (const auto &[input, maxField] : inputs) {
        const QByteArrayList whole = readWhole(input, maxField);
        QVERIFY(whole.back().startsWith("error: line"));
        TrickleDevice trickle(input, 3);
        QCOMPARE(readWithLines(&trickle, maxField), whole);
    }
}

QTEST_GUILESS_MAIN(TestCsvReader)
#include "TestCsvReader.moc"
