// A `costscope import` killed with SIGKILL in the middle of a big file leaves the workspace
// with either the old or the new data for the period, never a mix, and never corrupt.

#include "StoreTestSupport.h"
#include "ImportTestSupport.h"
#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "providers/import/FileImporter.h"

#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace costscope;

class TestImportKill : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void killedMidImport();
};

namespace {

constexpr int kRows = 400000;

QByteArray header()
{
    return "BilledCost,BillingAccountId,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ProviderName,ServiceName,"
           "ResourceId\n";
}

} // namespace

void TestImportKill::killedMidImport()
{
    const QString binary = QStringLiteral(COSTSCOPE_BINARY_DIR "/app/costscope");
    if (!QFileInfo::exists(binary))
        QSKIP("the costscope binary is not built");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString ws = dir.filePath(QStringLiteral("w.db"));

    // The old data: 3 rows for account A, March 2024, and one row for account B.
    const QString old = dir.filePath(QStringLiteral("old.csv"));
    QVERIFY(testsupport::writeFile(old, header() + "1.5,A,2024-03-01,2024-04-01,2024-03-02,AWS,S3,r1\n"
                                                   "2.5,A,2024-03-01,2024-04-01,2024-03-03,AWS,S3,r2\n"
                                                   "3.25,A,2024-03-01,2024-04-01,2024-03-04,AWS,EC2,r3\n"
                                                   "9,B,2024-03-01,2024-04-01,2024-03-04,AWS,EC2,r3\n"));
    {
        store::CostStore store;
        QVERIFY(store.open(ws));
        store::CostWriter writer(store);
        import::FileImporter importer(writer);
        const ImportFileReport r = importer.importFile(old);
        QVERIFY2(r.ok, qPrintable(r.error));
    }
    QByteArray before;
    {
        store::CostStore store;
        QVERIFY(store.open(ws));
        before = testsupport::dumpStore(store.db());
    }

    // The new data: a big restatement of account A's March, every row 0.01.
    const QString big = dir.filePath(QStringLiteral("big.csv"));
    {
        QFile f(big);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(header());
        QByteArray chunk;
        for (int i = 0; i < kRows; ++i) {
            chunk += "0.01,A,2024-03-01,2024-04-01,2024-03-";
            chunk += QByteArray::number(1 + i % 31).rightJustified(2, '0');
            chunk += ",AWS,Service" + QByteArray::number(i % 40) + ",res-" + QByteArray::number(i % 20000) + '\n';
            if (chunk.size() > (1 << 20)) {
                f.write(chunk);
                chunk.clear();
            }
        }
        f.write(chunk);
    }

    const qint64 sizeBefore = QFileInfo(ws).size();
    QProcess proc;
    proc.start(binary, {QStringLiteral("--workspace"), ws, QStringLiteral("import"), big});
    QVERIFY(proc.waitForStarted());
    // Wait until the import is writing its transaction, then kill it. Alone on the workspace it
    // writes with a rollback journal (CostWriter::begin): the workspace file itself grows with
    // pages of the unfinished transaction while the journal holds the old ones. (In WAL mode the
    // WAL would grow instead.)
    const QString wal = ws + QStringLiteral("-wal");
    const QString journal = ws + QStringLiteral("-journal");
    const auto writingMidway = [&] {
        return QFileInfo(wal).size() > 4 * 1024 * 1024
               || (QFileInfo::exists(journal) && QFileInfo(ws).size() > sizeBefore + 4 * 1024 * 1024);
    };
    QTRY_VERIFY_WITH_TIMEOUT(writingMidway() || proc.state() == QProcess::NotRunning, 120000);
    const bool killedMidway = proc.state() != QProcess::NotRunning;
    proc.kill();
    QVERIFY(proc.waitForFinished(30000));
    if (!killedMidway)
        qWarning("the import finished before it could be killed; checking the complete result instead");
    else
        QVERIFY2(QFileInfo::exists(journal), "the killed import left no rollback journal");

    store::CostStore store;
    QVERIFY(store.open(ws));
    QCOMPARE(store.db().queryText("PRAGMA integrity_check"), QStringLiteral("ok"));
    const QByteArray after = testsupport::dumpStore(store.db());
    store::CostQuery query(store);
    QMap<QString, store::PeriodInfo> periods;
    for (const store::PeriodInfo &p : query.periods())
        periods.insert(p.account, p);
    QCOMPARE(periods.size(), 2);
    QCOMPARE(periods.value(QStringLiteral("B")).billedNanos, Money::fromUnits(9).nanos());
    const store::PeriodInfo a = periods.value(QStringLiteral("A"));
    if (after == before) {
        QCOMPARE(a.rows, 3);
        QCOMPARE(a.billedNanos, Money::parse(QByteArrayView("7.25"))->nanos());
    } else {
        // All of the new file, nothing of the old.
        QCOMPARE(a.rows, kRows);
        QCOMPARE(a.billedNanos, Money::parse(QByteArrayView("4000"))->nanos());
        QCOMPARE(query.lineItemCount(), kRows + 1);
    }
}

QTEST_GUILESS_MAIN(TestImportKill)
#include "TestImportKill.moc"
