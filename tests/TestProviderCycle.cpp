// The whole life of a cloud account through the command line, with a real keychain
// (gnome-keyring on a private bus, see scripts/with-keyring.sh) and the fake AWS endpoint:
// accounts add (secrets on standard input), list, test, sync, summary, remove. Afterwards every
// file the app wrote (workspace, WAL, account list, anything under the test's home) and every
// log line is searched for the secrets. Without a keychain, `accounts add` must refuse and
// store nothing.

#include "support/FakeCloud.h"
#include "support/Keyring.h"

#include "model/Money.h"
#include "providers/credentials/CredentialStore.h"
#include "providers/sync/AccountRegistry.h"
#include "support/RunCli.h"
#include "support/SecretSearch.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <cstring>

using namespace costscope;
using costscope::testsupport::CliResult;
using costscope::testsupport::filesUnder;
using costscope::testsupport::filesUnderHomeAndXdg;
using costscope::testsupport::capturedLog;
using costscope::testsupport::searchFiles;
using costscope::testsupport::SecretSearch;
using costscope::testsupport::startLogCapture;
using costscope::testsupport::stopLogCapture;
using costscope::testsupport::runCli;

namespace {

const char kChildSecret[] = "no-keychain-child-secret-value-7f3a";

// Child process of addWithoutKeychainStoresNothing(): no session bus, hence no Secret Service.
int runNoKeychainChild(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const CliResult r = runCli({QStringLiteral("accounts"), QStringLiteral("add"), QStringLiteral("--provider"), QStringLiteral("aws"),
                                QStringLiteral("--name"), QStringLiteral("prod"), QStringLiteral("--workspace"), QString::fromLocal8Bit(argv[2])},
                               QStringLiteral("access_key_id=AKIDCHILD\nsecret_access_key=") + QLatin1String(kChildSecret) + u'\n');
    std::printf("%d\n%s\n%s\n", r.code, qPrintable(r.out), qPrintable(r.err));
    return 0;
}

// The middle of a command-line cycle, after `accounts add` of account name on fake: `accounts
// test`, `sync` of January and February 2024 (two months, every resource the fake lists), `summary
// --by provider` (the total the fake served, the provider shown as shownAs), `accounts remove`.
// Every output goes to outputs. A failure here fails the calling test (which then returns).
void testSyncSummaryRemove(const QString &ws, const QString &name, testsupport::FakeCloud &fake, const QString &shownAs,
                           QStringList *outputs)
{
    CliResult r = runCli({QStringLiteral("accounts"), QStringLiteral("test"), name, QStringLiteral("--workspace"), ws});
    *outputs << r.out << r.err;
    QVERIFY2(r.code == 0, qPrintable(r.err + fake.rejection()));

    r = runCli({QStringLiteral("sync"), QStringLiteral("--workspace"), ws, QStringLiteral("--from"), QStringLiteral("2024-01-01"),
                QStringLiteral("--to"), QStringLiteral("2024-03-01"), QStringLiteral("--format"), QStringLiteral("json")});
    *outputs << r.out << r.err;
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out + fake.rejection()));
    const QJsonObject acct =
        QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("accounts")).toArray().at(0).toObject();
    QCOMPARE(acct.value(QStringLiteral("months")).toInt(), 2);
    QCOMPARE(acct.value(QStringLiteral("resources")).toInt(), fake.resourceCount());

    MoneySum served;
    for (QDate d(2024, 1, 1); d < QDate(2024, 3, 1); d = d.addDays(1)) {
        for (const QString &a : fake.billedAmounts(d))
            served.add(*Money::parse(QStringView(a)));
    }
    r = runCli({QStringLiteral("summary"), QStringLiteral("--workspace"), ws, QStringLiteral("--from"), QStringLiteral("2024-01-01"),
                QStringLiteral("--to"), QStringLiteral("2024-03-01"), QStringLiteral("--by"), QStringLiteral("provider"),
                QStringLiteral("--format"), QStringLiteral("json")});
    *outputs << r.out << r.err;
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("total")).toString(), served.total().toString(2));
    QVERIFY2(r.out.contains(shownAs), qPrintable(r.out));

    r = runCli({QStringLiteral("accounts"), QStringLiteral("remove"), QStringLiteral("--name"), name, QStringLiteral("--workspace"), ws});
    *outputs << r.out << r.err;
    QVERIFY2(r.code == 0, qPrintable(r.err));
}

// None of secretValues in a file under folder (which holds the workspace ws), under the test's
// home and XDG folders, or in outputs; with logToo, not in the captured log either.
void expectSecretsNowhere(const QString &folder, const QString &ws, const QStringList &secretValues,
                          const QStringList &outputs, bool logToo = true)
{
    QStringList files = filesUnder(folder);
    QVERIFY(files.contains(ws));
    files += filesUnderHomeAndXdg();
    QList<QPair<QString, QString>> named;
    for (const QString &value : secretValues)
        named.append({QStringLiteral("a secret"), value});
    const SecretSearch search = searchFiles(files, named);
    QVERIFY2(search.found.isEmpty(), qPrintable(search.found.join(u'\n')));
    QVERIFY(search.read.size() >= 2);
    const QStringList logLines = logToo ? capturedLog() : QStringList();
    for (const QString &value : secretValues) {
        for (const QString &text : outputs)
            QVERIFY2(!text.contains(value), qPrintable(text));
        for (const QString &line : logLines)
            QVERIFY2(!line.contains(value), qPrintable(line));
    }
}

} // namespace

class TestProviderCycle : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void addSyncRemoveThroughCommandLine();
    void azureAddTestSyncRemove();
    void alibabaAndKubernetesCycle_data();
    void alibabaAndKubernetesCycle();
    void addWithoutKeychainStoresNothing();
    void gcpAddTestSyncRemove();
    void badInputStoresNothing_data();
    void badInputStoresNothing();
};

void TestProviderCycle::initTestCase()
{
    startLogCapture();
}

void TestProviderCycle::cleanupTestCase()
{
    stopLogCapture();
}

void TestProviderCycle::addSyncRemoveThroughCommandLine()
{
    REQUIRE_KEYRING();
    QTemporaryDir dir(qEnvironmentVariable("HOME") + QStringLiteral("/cycle-XXXXXX"));
    QVERIFY(dir.isValid());
    const QString ws = dir.filePath(QStringLiteral("cycle.costscope"));
    auto fake = testsupport::makeFakeCloud(QStringLiteral("aws"));
    QVERIFY(fake->start());
    const providers::AccountConfig server = fake->account(QStringLiteral("prod"));
    const providers::Secrets secrets = fake->secrets();
    const QString secret = secrets.value(QStringLiteral("secret_access_key"));
    const QString keyId = secrets.value(QStringLiteral("access_key_id"));
    QStringList outputs;

    // add: secrets as a JSON object on standard input
    const QString json = QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("access_key_id"), keyId},
                                                                     {QStringLiteral("secret_access_key"), secret}})
                                               .toJson(QJsonDocument::Compact));
    CliResult r = runCli({QStringLiteral("accounts"), QStringLiteral("add"), QStringLiteral("--provider"), QStringLiteral("aws"),
                          QStringLiteral("--name"), QStringLiteral("prod"), QStringLiteral("--endpoint"), server.endpoint,
                          QStringLiteral("--region"), QStringLiteral("us-west-2"), QStringLiteral("--billing-account"),
                          QStringLiteral("999988887777"), QStringLiteral("--workspace"), ws},
                         json);
    outputs << r.out << r.err;
    QVERIFY2(r.code == 0, qPrintable(r.err));
    // the same name twice is refused
    r = runCli({QStringLiteral("accounts"), QStringLiteral("add"), QStringLiteral("--provider"), QStringLiteral("aws"),
                QStringLiteral("--name"), QStringLiteral("prod"), QStringLiteral("--workspace"), ws},
               json);
    outputs << r.out << r.err;
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("exists already")), qPrintable(r.err));

    providers::sync::AccountRegistry registry(ws);
    QString error;
    QVERIFY(registry.load(&error));
    QCOMPARE(registry.accounts().size(), 1);
    const QString id = registry.accounts().first().config.id;
    providers::credentials::CredentialStore keychain;
    const SecretReadResult stored = keychain.readSecretBlocking(id, QStringLiteral("secret_access_key"));
    QVERIFY2(stored.ok, qPrintable(stored.error));
    QCOMPARE(stored.secret, secret);

    r = runCli({QStringLiteral("accounts"), QStringLiteral("test"), QStringLiteral("prod"), QStringLiteral("--workspace"), ws});
    outputs << r.out << r.err;
    QVERIFY2(r.code == 0, qPrintable(r.err + fake->rejection()));

    r = runCli({QStringLiteral("sync"), QStringLiteral("--workspace"), ws, QStringLiteral("--from"), QStringLiteral("2024-01-01"),
                QStringLiteral("--to"), QStringLiteral("2024-03-01"), QStringLiteral("--format"), QStringLiteral("json")});
    outputs << r.out << r.err;
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    const QJsonObject syncJson = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(syncJson.value(QStringLiteral("failed")).toInt(), 0);
    const QJsonObject acct = syncJson.value(QStringLiteral("accounts")).toArray().at(0).toObject();
    QCOMPARE(acct.value(QStringLiteral("months")).toInt(), 2);
    QCOMPARE(acct.value(QStringLiteral("resources")).toInt(), fake->resourceCount());

    // The totals the command line reports are the decimal amounts served.
    MoneySum served;
    for (QDate d(2024, 1, 1); d < QDate(2024, 3, 1); d = d.addDays(1)) {
        for (const QString &a : fake->billedAmounts(d))
            served.add(*Money::parse(QStringView(a)));
    }
    r = runCli({QStringLiteral("summary"), QStringLiteral("--workspace"), ws, QStringLiteral("--from"), QStringLiteral("2024-01-01"),
                QStringLiteral("--to"), QStringLiteral("2024-03-01"), QStringLiteral("--format"), QStringLiteral("json")});
    outputs << r.out << r.err;
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("total")).toString(),
             served.total().toString(2));

    r = runCli({QStringLiteral("accounts"), QStringLiteral("list"), QStringLiteral("--workspace"), ws, QStringLiteral("--format"),
                QStringLiteral("json")});
    outputs << r.out << r.err;
    QCOMPARE(r.code, 0);
    const QJsonObject listed = QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("accounts")).toArray().at(0).toObject();
    QCOMPARE(listed.value(QStringLiteral("name")).toString(), QStringLiteral("prod"));
    QCOMPARE(listed.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));

    r = runCli({QStringLiteral("accounts"), QStringLiteral("remove"), QStringLiteral("--name"), QStringLiteral("prod"),
                QStringLiteral("--workspace"), ws});
    outputs << r.out << r.err;
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(keychain.readSecretBlocking(id, QStringLiteral("secret_access_key")).notFound);
    QVERIFY(keychain.readSecretBlocking(id, QStringLiteral("access_key_id")).notFound);
    r = runCli({QStringLiteral("accounts"), QStringLiteral("list"), QStringLiteral("--workspace"), ws});
    outputs << r.out << r.err;
    QVERIFY(r.out.contains(QStringLiteral("No accounts")));
    r = runCli({QStringLiteral("sync"), QStringLiteral("--workspace"), ws, QStringLiteral("--account"), QStringLiteral("prod")});
    QCOMPARE(r.code, 1);

    // The secret is nowhere but in the keyring: not in the workspace, its WAL, the account list,
    // any other file under the test's home and XDG folders, the output or the log.
    QStringList files = filesUnder(dir.path());
    QVERIFY(files.contains(ws));
    QVERIFY(files.contains(providers::sync::AccountRegistry::pathFor(ws)));
    files += filesUnderHomeAndXdg();
    const SecretSearch search =
        searchFiles(files, {{QStringLiteral("secret"), secret}, {QStringLiteral("access key id"), keyId}});
    QVERIFY2(search.found.isEmpty(), qPrintable(search.found.join(u'\n')));
    QVERIFY(search.read.size() >= 2);
    for (const QString &text : std::as_const(outputs))
        QVERIFY2(!text.contains(secret), qPrintable(text));
    const QStringList logLines = capturedLog();
    QVERIFY(!logLines.isEmpty());
    for (const QString &line : std::as_const(logLines)) {
        QVERIFY2(!line.contains(secret), qPrintable(line));
        QVERIFY2(!line.contains(keyId), qPrintable(line));
    }
}

// The same cycle for Alibaba Cloud (AccessKey pair as key=value lines, the site as --scope) and
// Kubernetes (the OpenCost URL as --endpoint, the bearer token as JSON; and a Prometheus with
// --source prometheus): add, test, sync, summary equal to the served decimals, remove, and no secret
// in any file, output or log line.
void TestProviderCycle::alibabaAndKubernetesCycle_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("shownAs");
    QTest::newRow("alibaba") << QStringLiteral("alibaba") << QStringLiteral("Alibaba Cloud");
    QTest::newRow("kubernetes") << QStringLiteral("kubernetes") << QStringLiteral("Kubernetes");
    QTest::newRow("kubernetes-prometheus") << QStringLiteral("kubernetes-prometheus") << QStringLiteral("Kubernetes");
}

void TestProviderCycle::alibabaAndKubernetesCycle()
{
    REQUIRE_KEYRING();
    QFETCH(QString, provider);
    QFETCH(QString, shownAs);
    QTemporaryDir dir(qEnvironmentVariable("HOME") + u'/' + provider + QStringLiteral("-XXXXXX"));
    QVERIFY(dir.isValid());
    const QString ws = dir.filePath(provider + QStringLiteral(".costscope"));
    auto fake = testsupport::makeFakeCloud(provider);
    QVERIFY(fake->start());
    const providers::AccountConfig server = fake->account(QStringLiteral("main"));
    const providers::Secrets secrets = fake->secrets();
    QStringList args = {QStringLiteral("accounts"), QStringLiteral("add"), QStringLiteral("--provider"), server.provider,
                        QStringLiteral("--name"), QStringLiteral("main"), QStringLiteral("--endpoint"), server.endpoint,
                        QStringLiteral("--workspace"), ws};
    QString input;
    if (provider == u"alibaba") {
        args << QStringLiteral("--scope") << server.scope << QStringLiteral("--region") << server.region;
        input = QStringLiteral("access_key_id=%1\naccess_key_secret=%2\n")
                    .arg(secrets.value(QStringLiteral("access_key_id")), secrets.value(QStringLiteral("access_key_secret")));
    } else {
        if (provider == u"kubernetes-prometheus")
            args << QStringLiteral("--source") << QStringLiteral("prometheus");
        input = QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("token"), secrets.value(QStringLiteral("token"))}})
                                      .toJson(QJsonDocument::Compact));
    }
    QStringList outputs;
    CliResult r = runCli(args, input);
    outputs << r.out << r.err;
    QVERIFY2(r.code == 0, qPrintable(r.err));
    providers::sync::AccountRegistry registry(ws);
    QString error;
    QVERIFY(registry.load(&error));
    QCOMPARE(registry.accounts().size(), 1);
    const QString id = registry.accounts().first().config.id;

    testSyncSummaryRemove(ws, QStringLiteral("main"), *fake, shownAs, &outputs);
    if (QTest::currentTestFailed())
        return;
    providers::credentials::CredentialStore keychain;
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it)
        QVERIFY(keychain.readSecretBlocking(id, it.key()).notFound);

    expectSecretsNowhere(dir.path(), ws, secrets.values(), outputs);
}

void TestProviderCycle::addWithoutKeychainStoresNothing()
{
    QTemporaryDir dir;
    const QString ws = dir.filePath(QStringLiteral("nokeychain.costscope"));
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent/costscope-bus"));
    env.insert(QStringLiteral("HOME"), dir.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--no-keychain-child"), ws});
    QVERIFY(child.waitForFinished(60000));
    QCOMPARE(child.exitCode(), 0);
    const QString out = QString::fromLocal8Bit(child.readAllStandardOutput());
    QVERIFY2(out.startsWith(QStringLiteral("1\n")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("keychain")) && out.contains(QStringLiteral("nothing was stored")), qPrintable(out));
    QVERIFY(!out.contains(QLatin1String(kChildSecret)));
    providers::sync::AccountRegistry registry(ws);
    QString error;
    QVERIFY(registry.load(&error));
    QVERIFY(registry.accounts().isEmpty());
    for (const QString &path : filesUnder(dir.path())) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(!file.readAll().contains(kChildSecret), qPrintable(path));
    }
}

// The same cycle for Azure, with the secrets as key=value lines: tenant, client id and client
// secret are stored in the keyring only, never in a file or the command output.
void TestProviderCycle::azureAddTestSyncRemove()
{
    REQUIRE_KEYRING();
    QTemporaryDir dir(qEnvironmentVariable("HOME") + QStringLiteral("/azure-XXXXXX"));
    QVERIFY(dir.isValid());
    const QString ws = dir.filePath(QStringLiteral("azure.costscope"));
    auto fake = testsupport::makeFakeCloud(QStringLiteral("azure"));
    QVERIFY(fake->start());
    const providers::AccountConfig server = fake->account(QStringLiteral("sub"));
    const providers::Secrets secrets = fake->secrets();
    const QStringList secretValues = {secrets.value(QStringLiteral("tenant_id")), secrets.value(QStringLiteral("client_id")),
                                      secrets.value(QStringLiteral("client_secret"))};
    const QString input = QStringLiteral("# app registration\ntenant_id=%1\nclient_id=%2\nclient_secret=%3\n")
                              .arg(secretValues[0], secretValues[1], secretValues[2]);
    QStringList outputs;
    CliResult r = runCli({QStringLiteral("accounts"), QStringLiteral("add"), QStringLiteral("--provider"), QStringLiteral("azure"),
                          QStringLiteral("--name"), QStringLiteral("sub"), QStringLiteral("--endpoint"), server.endpoint,
                          QStringLiteral("--scope"), server.scope, QStringLiteral("--workspace"), ws},
                         input);
    outputs << r.out << r.err;
    QVERIFY2(r.code == 0, qPrintable(r.err));
    providers::sync::AccountRegistry registry(ws);
    QString error;
    QVERIFY(registry.load(&error));
    QCOMPARE(registry.accounts().size(), 1);
    const QString id = registry.accounts().first().config.id;
    QCOMPARE(registry.accounts().first().config.scope, server.scope);

    testSyncSummaryRemove(ws, QStringLiteral("sub"), *fake, QStringLiteral("Azure"), &outputs);
    if (QTest::currentTestFailed())
        return;
    providers::credentials::CredentialStore keychain;
    for (const char *field : {"tenant_id", "client_id", "client_secret"})
        QVERIFY(keychain.readSecretBlocking(id, QLatin1String(field)).notFound);

    expectSecretsNowhere(dir.path(), ws, secretValues, outputs, false);
    // The log: never the client secret. Tenant and client id are identifiers Azure itself puts in
    // the token URL (/<tenant>/oauth2/v2.0/token) and that the token provider names in its log
    // lines (docs/providers.md), so they are kept out of files and output only.
    const QStringList logLines = capturedLog();
    QVERIFY(!logLines.isEmpty());
    for (const QString &line : std::as_const(logLines))
        QVERIFY2(!line.contains(secretValues[2]), qPrintable(line));
}

// The same cycle for GCP: the service-account key file itself (multi-line JSON) on standard
// input, project and billing table as flags; the private key and the access token end up nowhere
// but the keyring (and the token in memory).
void TestProviderCycle::gcpAddTestSyncRemove()
{
    REQUIRE_KEYRING();
    QTemporaryDir dir(qEnvironmentVariable("HOME") + QStringLiteral("/gcp-XXXXXX"));
    QVERIFY(dir.isValid());
    const QString ws = dir.filePath(QStringLiteral("gcp.costscope"));
    auto fake = testsupport::makeFakeCloud(QStringLiteral("gcp"));
    QVERIFY(fake->start());
    const providers::AccountConfig server = fake->account(QStringLiteral("billing"));
    const QString keyFile = fake->secrets().value(QStringLiteral("service_account_json"));
    QVERIFY(keyFile.count(u'\n') > 3);
    const QString privateKey = QJsonDocument::fromJson(keyFile.toUtf8()).object().value(QStringLiteral("private_key")).toString();
    // Pieces of the key as they would appear in a file, a log line or JSON-escaped text.
    const QStringList secretValues = {privateKey.section(u'\n', 3, 3), privateKey.section(u'\n', 10, 10),
                                      QStringLiteral("ya29.fake-")};
    QVERIFY(secretValues[0].size() > 40 && secretValues[1].size() > 40);
    QStringList outputs;
    CliResult r = runCli({QStringLiteral("accounts"), QStringLiteral("add"), QStringLiteral("--provider"), QStringLiteral("gcp"),
                          QStringLiteral("--name"), QStringLiteral("billing"), QStringLiteral("--endpoint"), server.endpoint,
                          QStringLiteral("--scope"), server.scope, QStringLiteral("--billing-table"), server.billingTable,
                          QStringLiteral("--billing-account"), server.billingAccount, QStringLiteral("--workspace"), ws},
                         keyFile);
    outputs << r.out << r.err;
    QVERIFY2(r.code == 0, qPrintable(r.err));
    providers::sync::AccountRegistry registry(ws);
    QString error;
    QVERIFY(registry.load(&error));
    QCOMPARE(registry.accounts().size(), 1);
    const QString id = registry.accounts().first().config.id;
    QCOMPARE(registry.accounts().first().config.billingTable, server.billingTable);

    testSyncSummaryRemove(ws, QStringLiteral("billing"), *fake, QStringLiteral("GCP"), &outputs);
    if (QTest::currentTestFailed())
        return;
    providers::credentials::CredentialStore keychain;
    QVERIFY(keychain.readSecretBlocking(id, QStringLiteral("service_account_json")).notFound);

    expectSecretsNowhere(dir.path(), ws, secretValues, outputs);
}

void TestProviderCycle::badInputStoresNothing_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("errorHas");
    const QStringList add = {QStringLiteral("accounts"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("x")};
    QTest::newRow("unknown provider") << (add + QStringList{QStringLiteral("--provider"), QStringLiteral("oracle")}) << QString() << 2
                                      << QStringLiteral("--provider must be one of");
    QTest::newRow("no name") << QStringList{QStringLiteral("accounts"), QStringLiteral("add"), QStringLiteral("--provider"), QStringLiteral("aws")}
                             << QString() << 2 << QStringLiteral("--name is required");
    QTest::newRow("missing secret") << (add + QStringList{QStringLiteral("--provider"), QStringLiteral("aws")})
                                    << QStringLiteral("access_key_id=A\n") << 2 << QStringLiteral("secret_access_key");
    QTest::newRow("bad endpoint") << (add + QStringList{QStringLiteral("--provider"), QStringLiteral("aws"), QStringLiteral("--endpoint"),
                                                        QStringLiteral("ftp://x")})
                                  << QString() << 2 << QStringLiteral("--endpoint");
    QTest::newRow("bad months") << (add + QStringList{QStringLiteral("--provider"), QStringLiteral("aws"), QStringLiteral("--months"),
                                                      QStringLiteral("0")})
                                << QString() << 2 << QStringLiteral("--months");
    const QString gcpKey = QStringLiteral(R"({"type":"service_account","client_email":"a@b","private_key":"k"})");
    QTest::newRow("gcp without billing table") << (add + QStringList{QStringLiteral("--provider"), QStringLiteral("gcp")}) << gcpKey << 2
                                               << QStringLiteral("--billing-table");
    QTest::newRow("gcp billing table with SQL") << (add + QStringList{QStringLiteral("--provider"), QStringLiteral("gcp"), QStringLiteral("--billing-table"),
                                                                      QStringLiteral("p-1234.d.t` WHERE TRUE; --")})
                                                << gcpKey << 2 << QStringLiteral("project.dataset.table");
    QTest::newRow("azure without scope") << (add + QStringList{QStringLiteral("--provider"), QStringLiteral("azure")})
                                         << QStringLiteral("tenant_id=t\nclient_id=c\nclient_secret=s\n") << 2 << QStringLiteral("--scope");
    QTest::newRow("azure scope with a query") << (add + QStringList{QStringLiteral("--provider"), QStringLiteral("azure"), QStringLiteral("--scope"),
                                                                    QStringLiteral("/subscriptions/x?api-version=1")})
                                              << QStringLiteral("tenant_id=t\nclient_id=c\nclient_secret=s\n") << 2 << QStringLiteral("--scope");
    const QStringList kubernetes = add + QStringList{QStringLiteral("--provider"), QStringLiteral("kubernetes"), QStringLiteral("--endpoint"),
                                                     QStringLiteral("http://127.0.0.1:9")};
    QTest::newRow("kubernetes unknown source") << (kubernetes + QStringList{QStringLiteral("--source"), QStringLiteral("graphite")})
                                               << QString() << 2 << QStringLiteral("--source must be one of auto, opencost, prometheus");
    QTest::newRow("kubernetes unknown step") << (kubernetes + QStringList{QStringLiteral("--step"), QStringLiteral("30s")}) << QString()
                                             << 2 << QStringLiteral("--step must be one of 1h, 5m, 1m");
    QTest::newRow("unknown action") << QStringList{QStringLiteral("accounts"), QStringLiteral("rename")} << QString() << 2
                                    << QStringLiteral("unknown action");
    QTest::newRow("test unknown account") << QStringList{QStringLiteral("accounts"), QStringLiteral("test"), QStringLiteral("nope")}
                                          << QString() << 1 << QStringLiteral("no account named 'nope'");
    QTest::newRow("sync bad date") << QStringList{QStringLiteral("sync"), QStringLiteral("--from"), QStringLiteral("2024-13-01")}
                                   << QString() << 2 << QStringLiteral("--from");
    QTest::newRow("sync to before from") << QStringList{QStringLiteral("sync"), QStringLiteral("--from"), QStringLiteral("2024-02-01"),
                                                        QStringLiteral("--to"), QStringLiteral("2024-01-01")}
                                         << QString() << 2 << QStringLiteral("--to must be after");
    QTest::newRow("sync unknown account") << QStringList{QStringLiteral("sync"), QStringLiteral("--account"), QStringLiteral("nope")}
                                          << QString() << 1 << QStringLiteral("no account named 'nope'");
}

void TestProviderCycle::badInputStoresNothing()
{
    QFETCH(QStringList, args);
    QFETCH(QString, input);
    QFETCH(int, code);
    QFETCH(QString, errorHas);
    QTemporaryDir dir;
    const QString ws = dir.filePath(QStringLiteral("w.costscope"));
    const CliResult r = runCli(args + QStringList{QStringLiteral("--workspace"), ws}, input);
    QCOMPARE(r.code, code);
    QVERIFY2(r.err.contains(errorHas), qPrintable(r.err));
    QVERIFY(!QFile::exists(providers::sync::AccountRegistry::pathFor(ws)));
}

int main(int argc, char **argv)
{
    if (argc > 2 && std::strcmp(argv[1], "--no-keychain-child") == 0)
        return runNoKeychainChild(argc, argv);
    QCoreApplication app(argc, argv);
    TestProviderCycle test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "TestProviderCycle.moc"
