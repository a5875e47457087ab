#include "StoreTestSupport.h"

#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "model/store/Schema.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace costscope;
using namespace costscope::store;
using namespace costscope::testsupport;

Q_DECLARE_METATYPE(costscope::store::CostStore::OpenError)

class TestCostStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void newWorkspace();
    void reopenKeepsData();
    void badFiles_data();
    void badFiles();
    void otherApplicationDatabase();
    void newerVersion();
    void readOnlyFile();
    void readOnlyFolder();
    void folderOrMissingFolder();
    void corruptWorkspace_data();
    void corruptWorkspace();
    void diskFullDuringWrite_data();
    void diskFullDuringWrite();
    void openReadOnly();
    void metaAndClearAll();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    // A closed workspace with some costs in it, spanning many pages.
    QString makeWorkspace(const QString &name, int rows = 2000);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCostStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestCostStore::cleanup()
{
    // Give back write permission so the temporary folder can be removed.
    QFile::setPermissions(m_dir->path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    m_dir.reset();
}

QString TestCostStore::makeWorkspace(const QString &name, int rows)
{
    const QString p = path(name);
    CostStore store;
    QString error;
    if (!store.open(p, &error))
        qFatal("cannot create a workspace: %s", qPrintable(error));
    const QDate month(2026, 1, 1);
    CostBatch b = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), month);
    for (int i = 0; i < rows; ++i)
        b.rows.push_back(makeRow(month.addDays(i % 31), "0.01", QStringLiteral("svc-%1").arg(i % 13),
                                 QStringLiteral("us-east-1"), {}, QStringLiteral("res-%1").arg(i)));
    CostWriter w(store);
    if (!w.write(source(name), {b}, &error))
        qFatal("cannot write a workspace: %s", qPrintable(error));
    store.close(); // the last connection checkpoints the WAL into the file
    return p;
}

void TestCostStore::newWorkspace()
{
    const QString p = path(QStringLiteral("new.costscope"));
    CostStore store;
    QString error;
    QVERIFY2(store.open(p, &error), qPrintable(error));
    QCOMPARE(store.openError(), CostStore::OpenError::None);
    QCOMPARE(store.path(), p);
    QCOMPARE(Schema::version(store.db()), Schema::kCurrentVersion);
    QCOMPARE(store.db().queryInt("PRAGMA application_id"), qint64(Schema::kApplicationId));
    QCOMPARE(store.db().queryText("PRAGMA journal_mode"), QStringLiteral("wal"));
    QCOMPARE(store.db().queryInt("PRAGMA foreign_keys"), qint64(1));
    QCOMPARE(store.db().queryInt("PRAGMA page_size"), qint64(CostStore::kNewPageSize));
    QVERIFY(!store.metaValue(QStringLiteral("created")).isEmpty());
    QVERIFY(!store.isDemo());
    // Foreign keys are enforced: a billing period must come from a source. (A line item belongs to
    // its period by its id range since schema 16, kept by the writer, not by a foreign key.)
    QVERIFY(!store.db().exec("INSERT INTO billing_period(provider, account, account_name, period_start, period_end, "
                             "currency, source_id, row_count, billed_total, written_at) "
                             "VALUES (0, 0, 0, 0, 31, 0, 999, 0, 0, 0)"));
}

void TestCostStore::reopenKeepsData()
{
    const QString p = makeWorkspace(QStringLiteral("keep.costscope"), 100);
    CostStore store;
    QString error;
    QVERIFY2(store.open(p, &error), qPrintable(error));
    QCOMPARE(CostQuery(store).rawBilledTotal(QDate(2026, 1, 1), QDate(2026, 2, 1)), qint64(1'000'000'000));
    const QString created = store.metaValue(QStringLiteral("created"));
    store.close();
    QVERIFY(store.open(p, &error));
    QCOMPARE(store.metaValue(QStringLiteral("created")), created);
}

void TestCostStore::badFiles_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("opens");
    QTest::addColumn<CostStore::OpenError>("kind");
    QTest::addColumn<QString>("message");

    QByteArray random(64 * 1024, '\0');
    QRandomGenerator gen(42);
    gen.fillRange(reinterpret_cast<quint32 *>(random.data()), random.size() / 4);
    QByteArray header("SQLite format 3", 16); // with its NUL
    QTest::newRow("empty file: a new workspace") << QByteArray() << true << CostStore::OpenError::None << QString();
    QTest::newRow("text file") << QByteArray("provider,cost\nAWS,12.50\n").repeated(20) << false
                               << CostStore::OpenError::NotAWorkspace << QStringLiteral("not a Costscope workspace");
    QTest::newRow("short text") << QByteArray("hello") << false << CostStore::OpenError::NotAWorkspace
                                << QStringLiteral("not a Costscope workspace");
    QTest::newRow("random binary") << random << false << CostStore::OpenError::NotAWorkspace
                                   << QStringLiteral("not a Costscope workspace");
    QTest::newRow("SQLite magic, then garbage") << header + random.left(8192 - 16) << false
                                                << CostStore::OpenError::Corrupt << QStringLiteral("damaged");
    QTest::newRow("truncated header") << header + QByteArray(20, '\0') << false << CostStore::OpenError::NotAWorkspace
                                      << QStringLiteral("not a Costscope workspace");
}

void TestCostStore::badFiles()
{
    QFETCH(QByteArray, content);
    QFETCH(bool, opens);
    QFETCH(CostStore::OpenError, kind);
    QFETCH(QString, message);
    const QString p = path(QStringLiteral("bad.costscope"));
    {
        QFile f(p);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    const QByteArray before = fileSha256(p);
    CostStore store;
    QString error;
    QCOMPARE(store.open(p, &error), opens);
    QCOMPARE(store.openError(), kind);
    if (opens) {
        QCOMPARE(Schema::version(store.db()), Schema::kCurrentVersion);
        return;
    }
    QVERIFY2(error.contains(message), qPrintable(error));
    QVERIFY2(error.contains(p), qPrintable(error));
    QVERIFY(!error.contains(u'\n'));
    QVERIFY(!store.isOpen());
    QCOMPARE(fileSha256(p), before);
    QVERIFY(!QFile::exists(p + QStringLiteral("-wal")));
    QVERIFY(!QFile::exists(p + QStringLiteral("-journal")));
    // The read-only path refuses it the same way.
    QVERIFY(!store.openReadOnly(p, &error));
    QCOMPARE(store.openError(), kind);
    QCOMPARE(fileSha256(p), before);
}

void TestCostStore::otherApplicationDatabase()
{
    const QString p = path(QStringLiteral("notes.db"));
    {
        SqliteDb db;
        QVERIFY(db.open(p, SqliteDb::Mode::ReadWriteCreate, nullptr));
        QVERIFY(db.exec("CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT); "
                        "INSERT INTO notes(text) VALUES ('keep me'); PRAGMA user_version = 7;"));
    }
    const QByteArray before = fileSha256(p);
    CostStore store;
    QString error;
    QVERIFY(!store.open(p, &error));
    QCOMPARE(store.openError(), CostStore::OpenError::NotAWorkspace);
    QVERIFY2(error.contains(QStringLiteral("not a Costscope workspace")), qPrintable(error));
    QCOMPARE(fileSha256(p), before);
    QVERIFY(!QFile::exists(p + QStringLiteral("-wal")));

    // An SQLite database of another application with no tables but its own application id.
    const QString p2 = path(QStringLiteral("other.db"));
    {
        SqliteDb db;
        QVERIFY(db.open(p2, SqliteDb::Mode::ReadWriteCreate, nullptr));
        QVERIFY(db.exec("PRAGMA application_id = 1234; CREATE TABLE t(x); DROP TABLE t;"));
    }
    const QByteArray before2 = fileSha256(p2);
    QVERIFY(!store.open(p2, &error));
    QCOMPARE(store.openError(), CostStore::OpenError::NotAWorkspace);
    QCOMPARE(fileSha256(p2), before2);

    // An SQLite database with nothing in it is a fine place for a new workspace.
    const QString p3 = path(QStringLiteral("blank.db"));
    {
        SqliteDb db;
        QVERIFY(db.open(p3, SqliteDb::Mode::ReadWriteCreate, nullptr));
        QVERIFY(db.exec("CREATE TABLE t(x); DROP TABLE t;"));
    }
    QVERIFY2(store.open(p3, &error), qPrintable(error));
    QCOMPARE(Schema::version(store.db()), Schema::kCurrentVersion);
}

void TestCostStore::newerVersion()
{
    const QString p = makeWorkspace(QStringLiteral("future.costscope"), 10);
    {
        SqliteDb db;
        QVERIFY(db.open(p, SqliteDb::Mode::ReadWrite, nullptr));
        const QByteArray sql = "PRAGMA user_version = " + QByteArray::number(Schema::kCurrentVersion + 1);
        QVERIFY(db.exec(sql.constData()));
    }
    QVERIFY(!QFile::exists(p + QStringLiteral("-wal")));
    const QByteArray before = fileSha256(p);
    CostStore store;
    QString error;
    QVERIFY(!store.open(p, &error));
    QCOMPARE(store.openError(), CostStore::OpenError::NewerVersion);
    QVERIFY2(error.contains(QStringLiteral("newer Costscope")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("schema %1").arg(Schema::kCurrentVersion + 1)), qPrintable(error));
    QCOMPARE(fileSha256(p), before);
    QVERIFY(!store.openReadOnly(p, &error));
    QCOMPARE(store.openError(), CostStore::OpenError::NewerVersion);
    QCOMPARE(fileSha256(p), before);
}

void TestCostStore::readOnlyFile()
{
    // Tests run as root in CI, and root may write to a 0444 file: access(2) and
    // QFileInfo::isWritable() say "writable" then. The store also looks at the permission
    // bits, so this refusal holds for root too; the assertion below is that code path.
    const QString p = makeWorkspace(QStringLiteral("ro.costscope"), 10);
    QVERIFY(QFile::setPermissions(p, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
    if (geteuid() == 0)
        QVERIFY(QFileInfo(p).isWritable()); // proves the test takes the permission-bit path as root
    const QByteArray before = fileSha256(p);
    CostStore store;
    QString error;
    QVERIFY(!store.open(p, &error));
    QCOMPARE(store.openError(), CostStore::OpenError::ReadOnly);
    QVERIFY2(error.contains(QStringLiteral("read-only")), qPrintable(error));
    QCOMPARE(fileSha256(p), before);
    QVERIFY(!QFile::exists(p + QStringLiteral("-wal")));
    // Reading it is fine.
    QVERIFY2(store.openReadOnly(p, &error), qPrintable(error));
    QCOMPARE(CostQuery(store).lineItemCount(), qint64(10));
    store.close();
    QCOMPARE(fileSha256(p), before);
}

void TestCostStore::readOnlyFolder()
{
    const QString p = makeWorkspace(QStringLiteral("in-ro-dir.costscope"), 10);
    const QByteArray before = fileSha256(p);
    QVERIFY(QFile::setPermissions(m_dir->path(), QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup
                                                     | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther));
    CostStore store;
    QString error;
    QVERIFY(!store.open(p, &error));
    QCOMPARE(store.openError(), CostStore::OpenError::ReadOnly);
    QVERIFY2(error.contains(QStringLiteral("read-only folder")), qPrintable(error));
    QCOMPARE(fileSha256(p), before);
    // A new workspace cannot be created there either.
    const QString fresh = path(QStringLiteral("fresh.costscope"));
    QVERIFY(!store.open(fresh, &error));
    QCOMPARE(store.openError(), CostStore::OpenError::ReadOnly);
    QVERIFY(!QFile::exists(fresh));
}

void TestCostStore::folderOrMissingFolder()
{
    CostStore store;
    QString error;
    QVERIFY(!store.open(m_dir->path(), &error));
    QCOMPARE(store.openError(), CostStore::OpenError::CannotOpen);
    QVERIFY2(error.contains(QStringLiteral("folder")), qPrintable(error));
    QVERIFY(!store.open(path(QStringLiteral("missing/dir/w.costscope")), &error));
    QCOMPARE(store.openError(), CostStore::OpenError::CannotOpen);
    QVERIFY2(error.contains(QStringLiteral("does not exist")), qPrintable(error));
    QVERIFY(!store.openReadOnly(path(QStringLiteral("nothing.costscope")), &error));
    QVERIFY(!QFile::exists(path(QStringLiteral("nothing.costscope"))));
}

void TestCostStore::corruptWorkspace_data()
{
    QTest::addColumn<qint64>("offset"); // where the garbage starts
    QTest::addColumn<qint64>("length");
    QTest::newRow("pages after the first") << qint64(4096 * 2) << qint64(4096 * 6);
    QTest::newRow("first page after its header") << qint64(100) << qint64(3000);
    QTest::newRow("last pages") << qint64(-4096 * 3) << qint64(4096 * 3);
}

void TestCostStore::corruptWorkspace()
{
    QFETCH(qint64, offset);
    QFETCH(qint64, length);
    const QString p = makeWorkspace(QStringLiteral("corrupt.costscope"));
    {
        QFile f(p);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.size() > 4096 * 10);
        const qint64 at = offset >= 0 ? offset : f.size() + offset;
        QByteArray garbage(length, '\0');
        QRandomGenerator gen(7);
        for (char &c : garbage)
            c = static_cast<char>(gen.bounded(256));
        QVERIFY(f.seek(at));
        QCOMPARE(f.write(garbage), length);
    }
    const QByteArray before = fileSha256(p);
    CostStore store;
    QString error;
    QVERIFY(!store.open(p, &error));
    QCOMPARE(store.openError(), CostStore::OpenError::Corrupt);
    QVERIFY2(error.contains(QStringLiteral("damaged")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("not changed")), qPrintable(error));
    QCOMPARE(fileSha256(p), before);
}

void TestCostStore::diskFullDuringWrite_data()
{
    QTest::addColumn<int>("spare"); // pages the writer may still add
    QTest::newRow("no room at all") << 0;
    QTest::newRow("full after a few pages") << 5;
    QTest::newRow("full near the end") << 60;
}

void TestCostStore::diskFullDuringWrite()
{
    QFETCH(int, spare);
    const QString p = makeWorkspace(QStringLiteral("full.costscope"), 300);
    CostStore store;
    QString error;
    QVERIFY2(store.open(p, &error), qPrintable(error));
    const QByteArray before = dumpStore(store.db());
    const int64_t pages = store.db().queryInt("PRAGMA page_count");
    const QByteArray limit = "PRAGMA max_page_count = " + QByteArray::number(pages + spare);
    QVERIFY(store.db().exec(limit.constData()));

    // A restatement of the period (deletes first) plus a new period: neither may survive.
    const QDate jan(2026, 1, 1), feb(2026, 2, 1);
    CostBatch restated = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), jan);
    CostBatch next = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), feb);
    // Enough rows to outgrow the free room inside the workspace's existing (16 KiB) pages.
    constexpr int kRows = 40000;
    for (int i = 0; i < kRows; ++i) {
        restated.rows.push_back(makeRow(jan.addDays(i % 31), "1.5", QStringLiteral("service %1").arg(i),
                                        QStringLiteral("r%1").arg(i % 17), {}, QStringLiteral("resource %1").arg(i)));
        next.rows.push_back(makeRow(feb.addDays(i % 28), "2.5"));
    }
    CostWriter w(store);
    QVERIFY(!w.write(source(QStringLiteral("too big")), {restated, next}, &error));
    QVERIFY2(error.contains(QStringLiteral("disk is full")), qPrintable(error));
    QVERIFY(!w.isActive());
    QCOMPARE(dumpStore(store.db()), before);

    // With room again the same write succeeds.
    QVERIFY(store.db().exec("PRAGMA max_page_count = 1073741823"));
    QVERIFY2(w.write(source(QStringLiteral("fits")), {restated, next}, &error), qPrintable(error));
    QCOMPARE(CostQuery(store).rawBilledTotal(jan, feb.addMonths(1)), qint64(kRows * 4'000'000'000LL));
}

void TestCostStore::openReadOnly()
{
    const QString p = makeWorkspace(QStringLiteral("reader.costscope"), 50);
    CostStore store;
    QString error;
    QVERIFY2(store.openReadOnly(p, &error), qPrintable(error));
    QCOMPARE(CostQuery(store).lineItemCount(), qint64(50));
    CostWriter w(store);
    QVERIFY(!w.begin(source(QStringLiteral("x")), &error));
    QVERIFY2(error.contains(QStringLiteral("read-only")), qPrintable(error));
    QVERIFY(!store.setMetaValue(QStringLiteral("k"), QStringLiteral("v")));

    // A workspace of an earlier schema needs one writable open first.
    const QString old = path(QStringLiteral("old.costscope"));
    {
        SqliteDb db;
        QVERIFY(db.open(old, SqliteDb::Mode::ReadWriteCreate, nullptr));
        QVERIFY(Schema::migrate(db, 1, &error));
    }
    QVERIFY(!store.openReadOnly(old, &error));
    QCOMPARE(store.openError(), CostStore::OpenError::MigrationFailed);
    QVERIFY2(error.contains(QStringLiteral("upgrade")), qPrintable(error));
}

void TestCostStore::metaAndClearAll()
{
    const QString p = makeWorkspace(QStringLiteral("clear.costscope"), 50);
    CostStore store;
    QString error;
    QVERIFY(store.open(p, &error));
    QVERIFY(store.setMetaValue(QStringLiteral("demo"), QStringLiteral("1")));
    QVERIFY(store.isDemo());
    QVERIFY(store.setMetaValue(QStringLiteral("demo"), QStringLiteral("0")));
    QVERIFY(!store.isDemo());
    QCOMPARE(store.metaValue(QStringLiteral("missing")), QString());
    QVERIFY2(store.clearAll(&error), qPrintable(error));
    QCOMPARE(CostQuery(store).lineItemCount(), qint64(0));
    QCOMPARE(store.db().queryInt("SELECT count(*) FROM billing_period"), qint64(0));
    QCOMPARE(store.db().queryInt("SELECT count(*) FROM rollup_daily"), qint64(0));
    QCOMPARE(store.db().queryInt("SELECT count(*) FROM str"), qint64(1));
    QVERIFY(!store.metaValue(QStringLiteral("created")).isEmpty());
    // Writing works after clearing (the writer's caches start empty).
    const QDate jan(2026, 1, 1);
    CostBatch b = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), jan);
    b.rows.push_back(makeRow(jan, "3"));
    CostWriter w(store);
    QVERIFY2(w.write(source(QStringLiteral("after")), {b}, &error), qPrintable(error));
    QCOMPARE(CostQuery(store).rawBilledTotal(jan, jan.addMonths(1)), qint64(3'000'000'000));
}

QTEST_GUILESS_MAIN(TestCostStore)
#include "TestCostStore.moc"
