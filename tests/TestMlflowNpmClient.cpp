// Integration: the third-party `mlflow` npm client (Node.js) logs a run into the tracking
// endpoint (tests/integration/npm-mlflow/session.js). Skipped, saying why, when node or the client
// is not installed (tests/integration/npm-mlflow/install.sh installs it from the npm registry).

#include "model/store/CostStore.h"
#include "providers/ml/TrackingServerService.h"

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace costscope;

class TestMlflowNpmClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void npmClientSession();
};

void TestMlflowNpmClient::npmClientSession()
{
    const QString dir = QStringLiteral(COSTSCOPE_SOURCE_DIR "/tests/integration/npm-mlflow");
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty())
        QSKIP("node is not installed");
    if (!QFileInfo::exists(dir + u"/node_modules/mlflow/package.json"))
        QSKIP("the mlflow npm client is not installed: run tests/integration/npm-mlflow/install.sh");

    QTemporaryDir tmp;
    const QString workspace = tmp.filePath(QStringLiteral("npm.costscope"));
    ml::TrackingServerService service;
    QString error;
    QVERIFY2(service.start(workspace, TrackingEndpointOptions{0, {}}, &error), qPrintable(error));

    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(node, {dir + u"/session.js", service.uri()});
    QVERIFY(p.waitForStarted(30000));
    QVERIFY(p.waitForFinished(120000));
    const QByteArray out = p.readAllStandardOutput();
    const QByteArray err = p.readAllStandardError();
    QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, QByteArray(out + err).constData());
    QVERIFY2(out.contains("ok "), out.constData());
    service.stop();

    // What the client logged is in the workspace.
    store::CostStore store;
    QVERIFY(store.open(workspace));
    QCOMPARE(store.db().queryText("SELECT e.name FROM ml_run r JOIN ml_experiment e ON e.id = r.experiment_id"),
             QStringLiteral("npm-client"));
    QCOMPARE(store.db().queryText("SELECT name FROM ml_run"), QStringLiteral("from-node"));
    QCOMPARE(store.db().queryText("SELECT status FROM ml_run"), QStringLiteral("FINISHED"));
    QCOMPARE(store.db().queryText("SELECT instance_type FROM ml_run"), QStringLiteral("m5.large"));
    QCOMPARE(store.db().queryInt("SELECT count(*) FROM ml_metric"), 3);
    QCOMPARE(store.db().queryText("SELECT value FROM ml_param WHERE key = 'lr'"), QStringLiteral("0.05"));
}

QTEST_GUILESS_MAIN(TestMlflowNpmClient)
#include "TestMlflowNpmClient.moc"
