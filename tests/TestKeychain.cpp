#include "providers/credentials/CredentialStore.h"
#include "support/Keyring.h"
#include "support/SecretSearch.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <cstdio>
#include <cstring>

using costscope::SecretReadResult;
using costscope::providers::credentials::CredentialStore;

namespace {


// Entry point of the child process of noKeychainIsAnError(): a store without any session bus.
int runNoKeychainChild(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    CredentialStore store;
    const QString error = store.storeSecretBlocking(QStringLiteral("acct-nobus"), QStringLiteral("token"),
                                                    QStringLiteral("child-secret-value"));
    std::printf("%s\n", error.isEmpty() ? "STORED" : qPrintable(error));
    return 0;
}

} // namespace

class TestKeychain : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void validate_data();
    void validate();
    void twoAccountsRoundTripAndRemove();
    void blockingFromWorkerThread();
    void noKeychainIsAnError();
    void cleanupTestCase();

private:
    SecretReadResult readAsync(CredentialStore &store, const QString &account, const QString &field);
    QString storeAsync(CredentialStore &store, const QString &account, const QString &field, const QString &secret);
    QString secretToolSearch();

    QStringList m_allSecrets;
    QStringList m_accounts;
};

void TestKeychain::initTestCase()
{
    costscope::testsupport::startLogCapture(); // with the costscope.* debug and info lines
}

void TestKeychain::cleanupTestCase()
{
    costscope::testsupport::stopLogCapture();
    if (qEnvironmentVariableIsEmpty("COSTSCOPE_KEYRING_READY"))
        return;
    CredentialStore store;
    for (const QString &account : std::as_const(m_accounts))
        store.removeAccountBlocking(account);
}

void TestKeychain::validate_data()
{
    QTest::addColumn<QString>("account");
    QTest::addColumn<QString>("field");
    QTest::addColumn<bool>("valid");
    QTest::newRow("ok") << QStringLiteral("aws-prod") << QStringLiteral("secret_access_key") << true;
    QTest::newRow("dotted field") << QStringLiteral("a") << QStringLiteral("gcp.key-1") << true;
    QTest::newRow("unicode account") << QStringLiteral("账户 1") << QStringLiteral("token") << true;
    QTest::newRow("empty account") << QString() << QStringLiteral("token") << false;
    QTest::newRow("slash in account") << QStringLiteral("a/b") << QStringLiteral("token") << false;
    QTest::newRow("newline in account") << QStringLiteral("a\nb") << QStringLiteral("token") << false;
    QTest::newRow("empty field") << QStringLiteral("a") << QString() << false;
    QTest::newRow("index field") << QStringLiteral("a") << QStringLiteral(".index") << false;
    QTest::newRow("slash in field") << QStringLiteral("a") << QStringLiteral("x/y") << false;
    QTest::newRow("space in field") << QStringLiteral("a") << QStringLiteral("x y") << false;
}

void TestKeychain::validate()
{
    QFETCH(QString, account);
    QFETCH(QString, field);
    QFETCH(bool, valid);
    QCOMPARE(CredentialStore::validate(account, field).isEmpty(), valid);
}

QString TestKeychain::storeAsync(CredentialStore &store, const QString &account, const QString &field,
                                 const QString &secret)
{
    QObject context;
    bool done = false;
    QString error;
    store.storeSecret(account, field, secret, &context, [&](const QString &e) {
        error = e;
        done = true;
    });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(done, 30000); }();
    return done ? error : QStringLiteral("timed out");
}

SecretReadResult TestKeychain::readAsync(CredentialStore &store, const QString &account, const QString &field)
{
    QObject context;
    bool done = false;
    SecretReadResult result;
    store.readSecret(account, field, &context, [&](const SecretReadResult &r) {
        result = r;
        done = true;
    });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(done, 30000); }();
    if (!done)
        result.error = QStringLiteral("timed out");
    return result;
}

QString TestKeychain::secretToolSearch()
{
    // QtKeychain's libsecret backend keeps the service name in the "server" attribute (and the key
    // in "user"); "service" is searched too, for backends that use that name.
    QString out;
    for (const QString &attribute : {QStringLiteral("server"), QStringLiteral("service")}) {
        QProcess tool;
        tool.start(QStringLiteral("secret-tool"),
                   {QStringLiteral("search"), QStringLiteral("--all"), attribute, QStringLiteral("costscope")});
        if (!tool.waitForFinished(30000))
            return {};
        out += QString::fromUtf8(tool.readAllStandardOutput() + tool.readAllStandardError());
    }
    return out;
}

void TestKeychain::twoAccountsRoundTripAndRemove()
{
    REQUIRE_KEYRING();
    const QString tag = QUuid::createUuid().toString(QUuid::Id128).left(10);
    const QString a = QStringLiteral("acct-a-") + tag;
    const QString b = QStringLiteral("acct-b-") + tag;
    m_accounts << a << b;
    const QList<std::pair<QString, QString>> secretsA = {
        {QStringLiteral("access_key_id"), QStringLiteral("AKIA-") + tag + QStringLiteral("-idvalue")},
        {QStringLiteral("secret_access_key"), QStringLiteral("sk-") + tag + QStringLiteral("-ü中/+=")},
        {QStringLiteral("session_token"), QStringLiteral("st-") + tag + QStringLiteral("-tokenvalue")}};
    const QList<std::pair<QString, QString>> secretsB = {
        {QStringLiteral("tenant_id"), QStringLiteral("tenant-") + tag + QStringLiteral("-value")},
        {QStringLiteral("client_secret"), QStringLiteral("cs-") + tag + QStringLiteral("-secretvalue")}};

    CredentialStore store;
    for (const auto &[field, secret] : secretsA) {
        QCOMPARE(storeAsync(store, a, field, secret), QString());
        m_allSecrets << secret;
    }
    for (const auto &[field, secret] : secretsB) {
        QCOMPARE(storeAsync(store, b, field, secret), QString());
        m_allSecrets << secret;
    }
    // Overwriting keeps one index entry.
    QCOMPARE(storeAsync(store, a, secretsA[0].first, secretsA[0].second), QString());

    for (const auto &[field, secret] : secretsA + secretsB) {
        const QString account = secretsB.contains({field, secret}) ? b : a;
        const SecretReadResult r = readAsync(store, account, field);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.secret, secret);
    }
    QString error;
    QStringList fields = store.fieldsBlocking(a, &error);
    fields.sort();
    QCOMPARE(error, QString());
    QCOMPARE(fields, (QStringList{QStringLiteral("access_key_id"), QStringLiteral("secret_access_key"),
                                  QStringLiteral("session_token")}));

    const QString before = secretToolSearch();
    for (const QString &secret : std::as_const(m_allSecrets))
        QVERIFY2(before.contains(secret), "secret-tool does not show a stored secret: not the real keychain?");

    QObject context;
    QSignalSpy destroyed(&context, &QObject::destroyed); // keeps the context alive in scope
    bool removed = false;
    QString removeError = QStringLiteral("not called");
    store.removeAccount(a, &context, [&](const QString &e) {
        removeError = e;
        removed = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(removed, 30000);
    QCOMPARE(removeError, QString());

    for (const auto &[field, secret] : secretsA) {
        const SecretReadResult r = readAsync(store, a, field);
        QVERIFY(!r.ok);
        QVERIFY2(r.notFound, qPrintable(r.error));
    }
    for (const auto &[field, secret] : secretsB) {
        const SecretReadResult r = readAsync(store, b, field);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.secret, secret);
    }
    QVERIFY(store.fieldsBlocking(a).isEmpty());

    const QString after = secretToolSearch();
    for (const auto &[field, secret] : secretsA) {
        QVERIFY2(!after.contains(secret), "a removed account's secret is still in the keychain");
        QVERIFY(!after.contains(a + u'/' + field));
    }
    for (const auto &[field, secret] : secretsB)
        QVERIFY(after.contains(secret));

    // The secrets are nowhere but in the keyring file: not in files the app wrote, not in logs.
    int filesChecked = 0;
    bool keyringSeen = false;
    for (const char *var : {"HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"}) {
        const QString root = qEnvironmentVariable(var);
        if (root.isEmpty())
            continue;
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.contains(QStringLiteral("/keyrings/"))) {
                keyringSeen = true;
                continue;
            }
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                continue;
            const QByteArray content = file.readAll();
            ++filesChecked;
            for (const QString &secret : std::as_const(m_allSecrets))
                QVERIFY2(!content.contains(secret.toUtf8()), qPrintable(QStringLiteral("secret found in ") + path));
        }
    }
    QVERIFY2(keyringSeen, "no keyring file under the test's XDG dirs: is this the real gnome-keyring?");
    qDebug() << "files checked for leaked secrets:" << filesChecked;
    const QStringList log = costscope::testsupport::capturedLog();
#ifndef QT_NO_DEBUG_OUTPUT // Release builds compile debug lines out
    QVERIFY(log.join(u'\n').contains(a)); // key names are logged...
#endif
    for (const QString &line : log) {
        for (const QString &secret : std::as_const(m_allSecrets))
            QVERIFY2(!line.contains(secret), "a secret value reached the log"); // ...values never
    }
}

void TestKeychain::blockingFromWorkerThread()
{
    REQUIRE_KEYRING();
    const QString account = QStringLiteral("acct-worker-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
    m_accounts << account;
    const QString secret = QStringLiteral("worker-secret-") + QUuid::createUuid().toString(QUuid::Id128);
    m_allSecrets << secret;
    CredentialStore store;
    QString storeError = QStringLiteral("not run"), removeError = QStringLiteral("not run");
    SecretReadResult readBack, readAfterRemove;
    QThread *worker = QThread::create([&] {
        storeError = store.storeSecretBlocking(account, QStringLiteral("token"), secret);
        readBack = store.readSecretBlocking(account, QStringLiteral("token"));
        removeError = store.removeAccountBlocking(account);
        readAfterRemove = store.readSecretBlocking(account, QStringLiteral("token"));
    });
    QSignalSpy finished(worker, &QThread::finished);
    worker->start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
    delete worker;
    QCOMPARE(storeError, QString());
    QVERIFY2(readBack.ok, qPrintable(readBack.error));
    QCOMPARE(readBack.secret, secret);
    QCOMPARE(removeError, QString());
    QVERIFY(readAfterRemove.notFound);
}

void TestKeychain::noKeychainIsAnError()
{
    // A process with no session bus, hence no Secret Service: storing must fail with a clear
    // message, and must not fall back to a plaintext file.
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString scratch = QDir::tempPath() + QStringLiteral("/costscope-nokeychain-")
        + QUuid::createUuid().toString(QUuid::Id128).left(8);
    QVERIFY(QDir().mkpath(scratch));
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent/costscope-bus"));
    env.insert(QStringLiteral("HOME"), scratch);
    env.insert(QStringLiteral("XDG_DATA_HOME"), scratch + QStringLiteral("/data"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), scratch + QStringLiteral("/config"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--no-keychain-child")});
    QVERIFY(child.waitForFinished(60000));
    const QString out = QString::fromLocal8Bit(child.readAllStandardOutput());
    QCOMPARE(child.exitCode(), 0);
    QVERIFY2(!out.contains(QStringLiteral("STORED")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("keychain")), qPrintable(out));
    QVERIFY(!out.contains(QStringLiteral("child-secret-value")));
    QDirIterator it(scratch, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(!file.readAll().contains("child-secret-value"), "plaintext fallback detected");
    }
    QDir(scratch).removeRecursively();
}

int main(int argc, char **argv)
{
    if (argc > 1 && std::strcmp(argv[1], "--no-keychain-child") == 0)
        return runNoKeychainChild(argc, argv);
    QCoreApplication app(argc, argv);
    TestKeychain test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "TestKeychain.moc"
