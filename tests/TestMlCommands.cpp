// costscope runs import and costscope tracking-server as the command line runs them.

#include "model/store/CostStore.h"
#include "support/RunCli.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace costscope;
using costscope::testsupport::CliResult;
using costscope::testsupport::runCli;

namespace {

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

} // namespace

class TestMlCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runsImport();
    void runsImportErrors();
    void trackingServerArguments_data();
    void trackingServerArguments();

private:
    QTemporaryDir m_dir;
};

void TestMlCommands::runsImport()
{
    const QString ws = m_dir.filePath(QStringLiteral("cli.costscope"));
    const QString root = m_dir.filePath(QStringLiteral("mlruns"));
    QVERIFY(writeFile(root + u"/5/meta.yaml", "experiment_id: '5'\nname: cli-exp\nlifecycle_stage: active\n"));
    QVERIFY(writeFile(root + u"/5/r1/meta.yaml", "run_id: r1\nstatus: 3\nstart_time: 1000\nend_time: 2000\n"));
    QVERIFY(writeFile(root + u"/5/r1/metrics/acc", "1500 0.5 0\n1600 0.75 1\n"));
    QVERIFY(writeFile(root + u"/stray/file.txt", "x"));
    CliResult r = runCli({QStringLiteral("runs"), QStringLiteral("import"), root, QStringLiteral("--workspace"), ws,
                          QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(r.code, 0);
    const QJsonArray reports = QJsonDocument::fromJson(r.out.toUtf8()).array();
    QCOMPARE(reports.size(), 1);
    const QJsonObject o = reports[0].toObject();
    QCOMPARE(o[u"ok"].toBool(), true);
    QCOMPARE(o[u"format"].toString(), QStringLiteral("MLflow file store"));
    QCOMPARE(o[u"runs"].toInt(), 1);
    QCOMPARE(o[u"new_metric_points"].toInt(), 2);
    QCOMPARE(o[u"warnings"].toArray().size(), 1);
    QVERIFY2(r.err.contains(u"warning: ") && r.err.contains(u"stray: skipped, no meta.yaml"), qPrintable(r.err));

    r = runCli({QStringLiteral("runs"), QStringLiteral("import"), root, QStringLiteral("--workspace"), ws});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(u"imported"), qPrintable(r.out));
    store::CostStore store;
    QVERIFY(store.open(ws));
    QCOMPARE(store.db().queryInt("SELECT count(*) FROM ml_metric"), 2);
}

void TestMlCommands::runsImportErrors()
{
    const QString ws = m_dir.filePath(QStringLiteral("cli-errors.costscope"));
    CliResult r = runCli({QStringLiteral("runs"), QStringLiteral("--workspace"), ws});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains(u"usage: costscope runs import PATH"));
    r = runCli({QStringLiteral("runs"), QStringLiteral("import"), m_dir.filePath(QStringLiteral("missing")),
                QStringLiteral("--workspace"), ws});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(u"missing: no such file or folder"), qPrintable(r.err));
    QVERIFY(r.out.contains(u"failed"));
}

void TestMlCommands::trackingServerArguments_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("message");
    QTest::newRow("port not a number") << QStringList{QStringLiteral("--port"), QStringLiteral("http")}
                                       << "--port must be a number";
    QTest::newRow("port too large") << QStringList{QStringLiteral("--port"), QStringLiteral("70000")}
                                    << "--port must be a number";
    QTest::newRow("token variable unset")
        << QStringList{QStringLiteral("--token-env"), QStringLiteral("COSTSCOPE_TEST_SURELY_UNSET")}
        << "environment variable COSTSCOPE_TEST_SURELY_UNSET is empty or not set";
}

void TestMlCommands::trackingServerArguments()
{
    QFETCH(QStringList, extra);
    QFETCH(QString, message);
    const CliResult r = runCli(QStringList{QStringLiteral("tracking-server"), QStringLiteral("--workspace"),
                                           m_dir.filePath(QStringLiteral("ts.costscope"))}
                               + extra);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestMlCommands)
#include "TestMlCommands.moc"
