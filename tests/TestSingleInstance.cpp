// One window per workspace: a second start hands its files to the first (app/SingleInstance), and
// the files a file manager passes are told apart from verbs (app/Workspace takeFilesToOpen).

#include "app/SingleInstance.h"
#include "app/Workspace.h"

#include <QDir>
#include <QFile>
#include <QFuture>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrentRun>
#include <QtTest>

using costscope::app::SingleInstance;

class TestSingleInstance : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void namesDifferPerWorkspace();
    void secondStartHandsOverFiles();
    void nobodyListening();
    void malformedRequestIsIgnored();
    void takeFilesToOpen_data();
    void takeFilesToOpen();

private:
    QTemporaryDir m_dir;
};

void TestSingleInstance::namesDifferPerWorkspace()
{
    QVERIFY(m_dir.isValid());
    const QString a = m_dir.filePath(QStringLiteral("a.costscope"));
    const QString b = m_dir.filePath(QStringLiteral("b.costscope"));
    QCOMPARE(SingleInstance::serverName(a), SingleInstance::serverName(a));
    QVERIFY(SingleInstance::serverName(a) != SingleInstance::serverName(b));
    // The same file named through another path is the same workspace.
    QVERIFY(QDir(m_dir.path()).mkdir(QStringLiteral("sub")));
    const QString viaSub = m_dir.filePath(QStringLiteral("sub/../a.costscope"));
    QCOMPARE(SingleInstance::serverName(viaSub), SingleInstance::serverName(a));
    // Short enough for a Unix socket path, no path characters.
    QVERIFY(SingleInstance::serverName(a).size() < 64);
    QVERIFY(!SingleInstance::serverName(a).contains(u'/'));
}

void TestSingleInstance::secondStartHandsOverFiles()
{
    const QString workspace = m_dir.filePath(QStringLiteral("handover.costscope"));
    SingleInstance first(workspace);
    QString error;
    QVERIFY2(first.listen(&error), qPrintable(error));
    QSignalSpy activated(&first, &SingleInstance::activated);

    // The second start blocks while it waits for the answer: run it off this thread, which
    // must keep its event loop going to answer.
    const QString relative = QStringLiteral("bill.csv");
    QFuture<bool> second = QtConcurrent::run([workspace, relative] {
        SingleInstance other(workspace);
        return other.handOver({QStringLiteral("/data/cur.csv.gz"), relative});
    });
    QTRY_COMPARE(activated.count(), 1);
    QTRY_VERIFY(second.isFinished());
    QVERIFY(second.result());
    const QStringList files = activated.at(0).at(0).toStringList();
    QCOMPARE(files.size(), 2);
    QCOMPARE(files.at(0), QStringLiteral("/data/cur.csv.gz"));
    // Relative paths are made absolute against the second start's folder.
    QCOMPARE(files.at(1), QDir::current().absoluteFilePath(relative));

    // A start without files just brings the window to the front.
    QFuture<bool> third = QtConcurrent::run([workspace] { return SingleInstance(workspace).handOver({}); });
    QTRY_COMPARE(activated.count(), 2);
    QTRY_VERIFY(third.isFinished());
    QVERIFY(third.result());
    QVERIFY(activated.at(1).at(0).toStringList().isEmpty());
}

void TestSingleInstance::nobodyListening()
{
    const QString workspace = m_dir.filePath(QStringLiteral("alone.costscope"));
    SingleInstance lonely(workspace);
    QVERIFY(!lonely.handOver({QStringLiteral("/x.csv")}, 500));
    // Once the first window is gone, the next start can take the name again.
    {
        SingleInstance before(workspace);
        QString error;
        QVERIFY2(before.listen(&error), qPrintable(error));
    }
    SingleInstance after(workspace);
    QString error;
    QVERIFY2(after.listen(&error), qPrintable(error));
}

void TestSingleInstance::malformedRequestIsIgnored()
{
    const QString workspace = m_dir.filePath(QStringLiteral("garbage.costscope"));
    SingleInstance first(workspace);
    QString error;
    QVERIFY2(first.listen(&error), qPrintable(error));
    QSignalSpy activated(&first, &SingleInstance::activated);

    QLocalSocket raw;
    raw.connectToServer(SingleInstance::serverName(workspace));
    QVERIFY(raw.waitForConnected(2000));
    raw.write("{not json\n");
    raw.flush();
    QTRY_COMPARE(raw.state(), QLocalSocket::UnconnectedState);
    QCOMPARE(activated.count(), 0);

    // The server still answers a good request afterwards.
    QFuture<bool> good = QtConcurrent::run([workspace] { return SingleInstance(workspace).handOver({QStringLiteral("/ok.csv")}); });
    QTRY_COMPARE(activated.count(), 1);
    QTRY_VERIFY(good.isFinished());
    QVERIFY(good.result());
    QCOMPARE(activated.at(0).at(0).toStringList(), QStringList{QStringLiteral("/ok.csv")});
}

void TestSingleInstance::takeFilesToOpen_data()
{
    QVERIFY(m_dir.isValid());
    const QString bill = m_dir.filePath(QStringLiteral("focus.csv"));
    QFile f(bill);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    const QString ws = m_dir.filePath(QStringLiteral("w.costscope"));

    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QStringList>("rest");
    QTest::newRow("no arguments") << QStringList{} << QStringList{} << QStringList{};
    QTest::newRow("a file from the file manager") << QStringList{bill} << QStringList{bill} << QStringList{};
    QTest::newRow("file with a workspace") << QStringList{QStringLiteral("--workspace"), ws, bill} << QStringList{bill}
                                          << QStringList{QStringLiteral("--workspace"), ws};
    QTest::newRow("a verb stays a verb") << QStringList{QStringLiteral("import"), bill} << QStringList{}
                                        << QStringList{QStringLiteral("import"), bill};
    QTest::newRow("option value before a verb")
        << QStringList{QStringLiteral("--endpoint"), QStringLiteral("http://127.0.0.1:1/x"), QStringLiteral("accounts")}
        << QStringList{} << QStringList{QStringLiteral("--endpoint"), QStringLiteral("http://127.0.0.1:1/x"), QStringLiteral("accounts")};
    QTest::newRow("missing file is not taken") << QStringList{m_dir.filePath(QStringLiteral("gone.csv"))} << QStringList{}
                                              << QStringList{m_dir.filePath(QStringLiteral("gone.csv"))};
    QTest::newRow("--version") << QStringList{QStringLiteral("--version")} << QStringList{} << QStringList{QStringLiteral("--version")};
}

void TestSingleInstance::takeFilesToOpen()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, files);
    QFETCH(QStringList, rest);
    QCOMPARE(costscope::app::takeFilesToOpen(&args), files);
    QCOMPARE(args, rest);
}

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "TestSingleInstance.moc"
