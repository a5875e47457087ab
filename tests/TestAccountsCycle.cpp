// The whole life of a cloud account through the window, with the real services: the Accounts
// tab's dialog adds an AWS account pointing at the fake AWS endpoint (secrets into a real
// gnome-keyring, see scripts/with-keyring.sh), an edit leaves the secret empty and keeps it, Test
// and Sync run on the window's JobRunner, the synced costs appear in the Dashboard and the Cost
// Explorer, Remove takes the secrets out of the keychain. Afterwards every file the app wrote
// (workspace, WAL, account list, the QSettings file, anything under the test's home and XDG
// folders) and every log line is searched for the secret and the access key id.
// everyCloudThroughTheWindow does the same add / test / sync / remove for every other cloud with a
// fake endpoint (Azure, GCP with its key file picked through the file seam, Alibaba Cloud,
// Kubernetes through OpenCost, Snowflake with its key file, Databricks).

#include "support/FakeCloud.h"
#include "support/Keyring.h"
#include "support/SecretSearch.h"

#include "providers/CloudClient.h"

#include "model/Money.h"
#include "model/store/CostStore.h"
#include "providers/credentials/CredentialStore.h"
#include "providers/sync/AccountRegistry.h"
#include "providers/sync/CloudAccountService.h"
#include "providers/sync/CloudSyncService.h"
#include "views/MainWindow.h"
#include "views/accounts/AccountDialog.h"
#include "views/accounts/AccountsTab.h"
#include "views/common/Banner.h"
#include "views/dashboard/DashboardTab.h"
#include "views/explorer/ExplorerTab.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDateEdit>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace costscope;
using costscope::testsupport::filesUnder;
using costscope::testsupport::filesUnderHomeAndXdg;
using costscope::testsupport::capturedLog;
using costscope::testsupport::clearCapturedLog;
using costscope::testsupport::searchFiles;
using costscope::testsupport::SecretSearch;
using costscope::testsupport::startLogCapture;
using costscope::testsupport::stopLogCapture;

namespace {

const QDate kToday(2024, 2, 20);

template <typename T> T *child(QObject *root, const QString &name)
{
    return root->findChild<T *>(name);
}

// The keychain's blocking calls refuse the GUI thread: ask from another thread and wait (a
// QFuture's result() could run the task on this very thread).
SecretReadResult readSecret(providers::credentials::CredentialStore &keychain, const QString &id, const QString &field)
{
    SecretReadResult result;
    std::thread worker([&] { result = keychain.readSecretBlocking(id, field); });
    worker.join();
    return result;
}

// The pieces of a secret to look for in files and logs: the value, and for a multi-line value
// (a PEM key, a key file) each long line that is not a PEM armour line or JSON punctuation.
QStringList secretPieces(const QString &value)
{
    if (!value.contains(u'\n'))
        return value.isEmpty() ? QStringList() : QStringList{value};
    QStringList out;
    for (QString line : value.split(u'\n')) {
        line = line.trimmed();
        if (line.size() >= 24 && !line.startsWith(QStringLiteral("-----")))
            out << line;
    }
    // A JSON key file holds its private key as one string with \n escapes: its base64 lines.
    for (const QString &piece : value.split(QStringLiteral("\\n"))) {
        const QString t = piece.trimmed();
        if (t.size() >= 40 && !t.contains(u'"') && !t.startsWith(QStringLiteral("-----")))
            out << t;
    }
    out.removeDuplicates();
    return out;
}

int64_t served(testsupport::FakeCloud &fake, const QDate &from, const QDate &to)
{
    MoneySum sum;
    for (QDate d = from; d <= to; d = d.addDays(1))
        for (const QString &a : fake.billedAmounts(d))
            sum.add(*Money::parse(QStringView(a)));
    return sum.total().nanos();
}

} // namespace

class TestAccountsCycle : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void addSyncRemoveThroughTheWindow();
    void everyCloudThroughTheWindow_data();
    void everyCloudThroughTheWindow();
};

void TestAccountsCycle::initTestCase()
{
    startLogCapture();
}

void TestAccountsCycle::cleanupTestCase()
{
    stopLogCapture();
}

void TestAccountsCycle::addSyncRemoveThroughTheWindow()
{
    REQUIRE_KEYRING();
    QTemporaryDir dir(qEnvironmentVariable("HOME") + QStringLiteral("/window-cycle-XXXXXX"));
    QVERIFY(dir.isValid());
    const QString ws = dir.filePath(QStringLiteral("cycle.costscope"));
    auto fake = testsupport::makeFakeCloud(QStringLiteral("aws"));
    QVERIFY(fake->start());
    const providers::AccountConfig server = fake->account(QStringLiteral("prod"));
    const QString secret = fake->secrets().value(QStringLiteral("secret_access_key"));
    const QString keyId = fake->secrets().value(QStringLiteral("access_key_id"));
    QVERIFY(!secret.isEmpty() && !keyId.isEmpty());

    providers::sync::SyncOptions syncOptions;
    syncOptions.today = [] { return kToday; };
    providers::sync::CloudSyncService sync(syncOptions);
    providers::sync::CloudAccountService accounts(&sync);
    store::CostStore store;
    QVERIFY(store.open(ws));

    QString region = QStringLiteral("us-west-2");
    QStringList dialogErrors;
    views::MainWindowOptions o;
    o.today = [] { return kToday; };
    o.accountService = &accounts;
    o.syncService = &sync;
    o.accountPrompts.editAccount = [&](QWidget *parent, const views::AccountDialogSetup &setup) -> std::optional<AccountChange> {
        views::AccountDialog dialog(setup, {}, parent);
        dialogErrors << setup.error;
        if (!setup.error.isEmpty())
            return std::nullopt;
        if (!setup.existing) {
            child<QLineEdit>(&dialog, QStringLiteral("accountName"))->setText(QStringLiteral("prod"));
            child<QLineEdit>(&dialog, QStringLiteral("field_access_key_id"))->setText(keyId);
            child<QLineEdit>(&dialog, QStringLiteral("field_secret_access_key"))->setText(secret);
            child<QLineEdit>(&dialog, QStringLiteral("field_endpoint"))->setText(server.endpoint);
            child<QLineEdit>(&dialog, QStringLiteral("field_billing_account"))->setText(server.billingAccount);
        }
        child<QLineEdit>(&dialog, QStringLiteral("field_region"))->setText(region);
        dialog.accept();
        if (dialog.result() != QDialog::Accepted)
            return std::nullopt;
        return dialog.change();
    };
    o.accountPrompts.confirmRemove = [](QWidget *, const QString &) { return true; };
    views::MainWindow window(store, o);
    window.show();
    views::AccountsTab *tab = window.accounts();
    QVERIFY(tab);
    QSignalSpy done(tab, &views::AccountsTab::actionFinished);
    auto *message = child<views::Banner>(tab, QStringLiteral("accountsMessage"));

    // Add through the dialog.
    child<QPushButton>(tab, QStringLiteral("accountsAdd"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 30000);
    QVERIFY2(done.last().at(0).toBool(), qPrintable(message->text()));
    providers::sync::AccountRegistry registry(ws);
    QString error;
    QVERIFY(registry.load(&error));
    QCOMPARE(registry.accounts().size(), 1);
    const QString id = registry.accounts().first().config.id;
    QCOMPARE(registry.accounts().first().config.endpoint, server.endpoint);
    providers::credentials::CredentialStore keychain;
    SecretReadResult stored = readSecret(keychain, id, QStringLiteral("secret_access_key"));
    QVERIFY2(stored.ok, qPrintable(stored.error));
    QCOMPARE(stored.secret, secret);

    // Edit: the secret field stays empty, the keychain keeps the secret.
    QVERIFY(tab->select(QStringLiteral("prod")));
    region = QStringLiteral("us-east-1");
    child<QPushButton>(tab, QStringLiteral("accountsEdit"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 30000);
    QVERIFY2(done.last().at(0).toBool(), qPrintable(message->text()));
    QVERIFY(registry.load(&error));
    QCOMPARE(registry.accounts().first().config.region, QStringLiteral("us-east-1"));
    QCOMPARE(readSecret(keychain, id, QStringLiteral("secret_access_key")).secret, secret);
    QCOMPARE(readSecret(keychain, id, QStringLiteral("access_key_id")).secret, keyId);

    // Test.
    QVERIFY(tab->select(QStringLiteral("prod")));
    child<QPushButton>(tab, QStringLiteral("accountsTest"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 3, 60000);
    QVERIFY2(done.last().at(0).toBool(), qPrintable(message->text() + fake->rejection()));
    QVERIFY(message->text().contains(QStringLiteral("works")));

    // Sync: the first sync fetches three months up to today; the other tabs reload.
    QSignalSpy synced(tab, &views::AccountsTab::synced);
    child<QPushButton>(tab, QStringLiteral("accountsSync"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(synced.count(), 1, 120000);
    QVERIFY2(done.last().at(0).toBool(), qPrintable(message->text()));
    QVERIFY2(synced.first().at(0).toString().contains(QStringLiteral("prod: 3 months of costs")),
             qPrintable(synced.first().at(0).toString()));
    auto *table = child<QTableWidget>(tab, QStringLiteral("accountsTable"));
    QCOMPARE(table->item(0, 3)->text(), QStringLiteral("OK"));
    // Dashboard: month to date is what the server served for 1-20 February, to the nano.
    const int64_t monthToDate = served(*fake, QDate(2024, 2, 1), kToday);
    QVERIFY(monthToDate > 0);
    QTRY_COMPARE_WITH_TIMEOUT(window.dashboard()->data().monthToDate, monthToDate, 30000);
    // Cost Explorer: its range's total is what the server served for those days.
    const QDate from = child<QDateEdit>(window.explorer(), QStringLiteral("explorerFrom"))->date();
    const QDate to = child<QDateEdit>(window.explorer(), QStringLiteral("explorerTo"))->date();
    // Only the synced months hold data: 2023-12-01 (three months back) to today.
    const int64_t inRange = served(*fake, std::max(from, QDate(2023, 12, 1)), std::min(to, kToday));
    QVERIFY2(inRange > 0, qPrintable(from.toString(Qt::ISODate) + u' ' + to.toString(Qt::ISODate)));
    QTRY_COMPARE_WITH_TIMEOUT(window.explorer()->series().total, inRange, 30000);

    // A schedule is written to the settings file (non-secret).
    tab->setScheduleHours(24);
    QSettings settings;
    settings.sync();
    const QString settingsFile = settings.fileName();
    QVERIFY2(QFile::exists(settingsFile), qPrintable(settingsFile));

    // Remove: the account and every secret go.
    QVERIFY(tab->select(QStringLiteral("prod")));
    const int before = static_cast<int>(done.count());
    child<QPushButton>(tab, QStringLiteral("accountsRemove"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), before + 1, 30000);
    QVERIFY2(done.last().at(0).toBool(), qPrintable(message->text()));
    QCOMPARE(table->rowCount(), 0);
    QVERIFY(readSecret(keychain, id, QStringLiteral("secret_access_key")).notFound);
    QVERIFY(readSecret(keychain, id, QStringLiteral("access_key_id")).notFound);
    QVERIFY(readSecret(keychain, id, QStringLiteral("session_token")).notFound);
    QStringList left;
    std::thread worker([&] { left = keychain.fieldsBlocking(id); });
    worker.join();
    QVERIFY(left.isEmpty());
    for (const QString &e : std::as_const(dialogErrors))
        QVERIFY2(e.isEmpty(), qPrintable(e));

    // The secret is nowhere but in the keyring (now gone there too).
    QStringList files = filesUnder(dir.path());
    QVERIFY(files.contains(ws));
    QVERIFY(files.contains(providers::sync::AccountRegistry::pathFor(ws)));
    files << settingsFile;
    files += filesUnderHomeAndXdg();
    const SecretSearch search =
        searchFiles(files, {{QStringLiteral("secret"), secret}, {QStringLiteral("access key id"), keyId}});
    QVERIFY2(search.found.isEmpty(), qPrintable(search.found.join(u'\n')));
    QVERIFY(search.read.contains(settingsFile));
    QVERIFY(search.read.size() >= 3);
    const QStringList logLines = capturedLog();
    QVERIFY(!logLines.isEmpty());
    for (const QString &line : std::as_const(logLines)) {
        QVERIFY2(!line.contains(secret), qPrintable(line));
        QVERIFY2(!line.contains(keyId), qPrintable(line));
    }
}

void TestAccountsCycle::everyCloudThroughTheWindow_data()
{
    QTest::addColumn<QString>("provider");
    // Secret fields whose values are allowed in log lines (never in files): Azure's tenant and
    // client id are in the token URL the token provider logs.
    QTest::addColumn<QStringList>("inLogsAllowed");
    // Month to date (1-20 February 2024) computed by hand from the fake's fixed data; 0 when only
    // the fake's own list of served decimals is compared.
    QTest::addColumn<QString>("monthToDateByHand");
    // Azure: each day serves varying(d) + 0.1 + 1234567.123456789 + 0.2 - 0.00000015 + 12, with
    // varying(d) = (31 j mod 97) + ((31 j x 2654435761) mod 1e9) / 1e9 for the Julian day j, plus
    // the reservation purchase of 310.5 on the 15th: 20 x 1234579.423456639 (the fixed part,
    // 24691588.46913278) + 983.86259473 (the 20 varying amounts, summed with Python's Decimal)
    // + 310.5 = 24692882.83172751.
    QTest::newRow("azure") << QStringLiteral("azure")
                           << QStringList{QStringLiteral("tenant_id"), QStringLiteral("client_id")}
                           << QStringLiteral("24692882.83172751");
    QTest::newRow("gcp") << QStringLiteral("gcp") << QStringList() << QString();
    QTest::newRow("alibaba") << QStringLiteral("alibaba") << QStringList() << QString();
    QTest::newRow("kubernetes (OpenCost)") << QStringLiteral("kubernetes") << QStringList() << QString();
    QTest::newRow("snowflake") << QStringLiteral("snowflake") << QStringList() << QString();
    QTest::newRow("databricks") << QStringLiteral("databricks") << QStringList() << QString();
}

void TestAccountsCycle::everyCloudThroughTheWindow()
{
    QFETCH(QString, provider);
    QFETCH(QStringList, inLogsAllowed);
    QFETCH(QString, monthToDateByHand);
    REQUIRE_KEYRING();
    clearCapturedLog();
    QTemporaryDir dir(qEnvironmentVariable("HOME") + QStringLiteral("/window-") + provider + QStringLiteral("-XXXXXX"));
    QVERIFY(dir.isValid());
    const QString ws = dir.filePath(QStringLiteral("cycle.costscope"));
    auto fake = testsupport::makeFakeCloud(provider);
    QVERIFY(fake);
    QVERIFY(fake->start());
    const providers::AccountConfig server = fake->account(QStringLiteral("main"));
    const providers::Secrets secrets = fake->secrets();
    QVERIFY(!secrets.isEmpty());
    // Key files the user picks live outside the home searched below and are gone before the search.
    QTemporaryDir keyFiles;
    QVERIFY(keyFiles.isValid());

    providers::sync::SyncOptions syncOptions;
    syncOptions.today = [] { return kToday; };
    providers::sync::CloudSyncService sync(syncOptions);
    providers::sync::CloudAccountService accounts(&sync);
    store::CostStore store;
    QVERIFY(store.open(ws));

    QStringList dialogErrors;
    const QString shots = qEnvironmentVariable("COSTSCOPE_SHOT_DIR");
    views::MainWindowOptions o;
    o.today = [] { return kToday; };
    o.accountService = &accounts;
    o.syncService = &sync;
    o.accountPrompts.editAccount = [&](QWidget *parent, const views::AccountDialogSetup &setup) -> std::optional<AccountChange> {
        QString picked;
        views::AccountDialog dialog(setup, [&](QWidget *, const AccountField &) { return picked; }, parent);
        if (!setup.error.isEmpty()) {
            dialogErrors << setup.error;
            return std::nullopt;
        }
        auto *cloud = child<QComboBox>(&dialog, QStringLiteral("accountProvider"));
        const int index = cloud->findData(provider);
        if (index < 0) {
            dialogErrors << QStringLiteral("no %1 in the Cloud list").arg(provider);
            return std::nullopt;
        }
        cloud->setCurrentIndex(index);
        child<QLineEdit>(&dialog, QStringLiteral("accountName"))->setText(QStringLiteral("main"));
        const AccountForm form = providers::accountForm(provider);
        for (const AccountField &f : form.fields) {
            const QString value = f.secret ? secrets.value(f.key) : providers::configValue(server, f.key);
            if (value.isEmpty())
                continue;
            if (f.fromFile) {
                // Chosen through the file button, as a user does.
                picked = keyFiles.filePath(f.key + QStringLiteral(".key"));
                QFile file(picked);
                if (!file.open(QIODevice::WriteOnly) || file.write(value.toUtf8()) != value.toUtf8().size()) {
                    dialogErrors << QStringLiteral("cannot write ") + picked;
                    return std::nullopt;
                }
                file.close();
                child<QPushButton>(&dialog, QStringLiteral("fieldFile_") + f.key)->click();
                QFile::remove(picked);
            } else if (auto *combo = child<QComboBox>(&dialog, QStringLiteral("field_") + f.key)) {
                combo->setCurrentText(value);
            } else if (auto *edit = child<QLineEdit>(&dialog, QStringLiteral("field_") + f.key)) {
                QTest::keyClicks(edit, value); // typed, as a user does
            } else {
                dialogErrors << QStringLiteral("no field_%1 in the %2 form").arg(f.key, provider);
                return std::nullopt;
            }
        }
        if (!shots.isEmpty()) {
            if (!dialog.testAttribute(Qt::WA_Resized))
                dialog.adjustSize(); // what show() would do
            dialog.grab().save(shots + QStringLiteral("/account-form-") + provider + QStringLiteral(".png"));
        }
        dialog.accept();
        if (dialog.result() != QDialog::Accepted) {
            dialogErrors << child<views::Banner>(&dialog, QStringLiteral("accountError"))->text();
            return std::nullopt;
        }
        return dialog.change();
    };
    o.accountPrompts.confirmRemove = [](QWidget *, const QString &) { return true; };
    views::MainWindow window(store, o);
    window.show();
    views::AccountsTab *tab = window.accounts();
    QVERIFY(tab);
    QSignalSpy done(tab, &views::AccountsTab::actionFinished);
    auto *message = child<views::Banner>(tab, QStringLiteral("accountsMessage"));

    // Add through the dialog: every secret field in the keychain.
    child<QPushButton>(tab, QStringLiteral("accountsAdd"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 30000);
    QVERIFY2(dialogErrors.isEmpty(), qPrintable(dialogErrors.join(u'\n')));
    QVERIFY2(done.last().at(0).toBool(), qPrintable(message->text()));
    providers::sync::AccountRegistry registry(ws);
    QString error;
    QVERIFY(registry.load(&error));
    QCOMPARE(registry.accounts().size(), 1);
    const QString id = registry.accounts().first().config.id;
    QCOMPARE(registry.accounts().first().config.provider, provider);
    QCOMPARE(registry.accounts().first().config.endpoint, server.endpoint);
    providers::credentials::CredentialStore keychain;
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        const SecretReadResult stored = readSecret(keychain, id, it.key());
        QVERIFY2(stored.ok, qPrintable(it.key() + u' ' + stored.error));
        QCOMPARE(stored.secret.trimmed(), it.value().trimmed());
        QVERIFY(!secretPieces(it.value()).isEmpty()); // so the searches below look for something
    }

    // Test.
    QVERIFY(tab->select(QStringLiteral("main")));
    child<QPushButton>(tab, QStringLiteral("accountsTest"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 60000);
    QVERIFY2(done.last().at(0).toBool(), qPrintable(message->text() + u' ' + fake->rejection()));
    QVERIFY2(message->text().contains(QStringLiteral("works")), qPrintable(message->text()));

    // Sync, then the Dashboard's month to date and the Cost Explorer's total.
    QSignalSpy synced(tab, &views::AccountsTab::synced);
    child<QPushButton>(tab, QStringLiteral("accountsSync"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(synced.count(), 1, 180000);
    QVERIFY2(done.last().at(0).toBool(), qPrintable(message->text() + u' ' + fake->rejection()));
    auto *table = child<QTableWidget>(tab, QStringLiteral("accountsTable"));
    QCOMPARE(table->item(0, 3)->text(), QStringLiteral("OK"));
    const int64_t monthToDate = served(*fake, QDate(2024, 2, 1), kToday);
    QVERIFY(monthToDate != 0);
    if (!monthToDateByHand.isEmpty())
        QCOMPARE(monthToDate, Money::parse(QStringView(monthToDateByHand))->nanos());
    QTRY_COMPARE_WITH_TIMEOUT(window.dashboard()->data().monthToDate, monthToDate, 30000);
    const QDate from = child<QDateEdit>(window.explorer(), QStringLiteral("explorerFrom"))->date();
    const QDate to = child<QDateEdit>(window.explorer(), QStringLiteral("explorerTo"))->date();
    const int64_t inRange = served(*fake, std::max(from, QDate(2023, 12, 1)), std::min(to, kToday));
    QVERIFY(inRange != 0);
    QTRY_COMPARE_WITH_TIMEOUT(window.explorer()->series().total, inRange, 30000);

    // Remove: the account and every secret go.
    QVERIFY(tab->select(QStringLiteral("main")));
    const int before = static_cast<int>(done.count());
    child<QPushButton>(tab, QStringLiteral("accountsRemove"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), before + 1, 30000);
    QVERIFY2(done.last().at(0).toBool(), qPrintable(message->text()));
    QCOMPARE(table->rowCount(), 0);
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it)
        QVERIFY2(readSecret(keychain, id, it.key()).notFound, qPrintable(it.key()));
    QStringList left;
    std::thread worker([&] { left = keychain.fieldsBlocking(id); });
    worker.join();
    QVERIFY(left.isEmpty());

    // No secret in any file under the workspace folder, the home and the XDG folders, nor in a
    // log line (except the fields allowed there, see the data rows).
    QStringList files = filesUnder(dir.path());
    QVERIFY(files.contains(ws));
    QVERIFY(files.contains(providers::sync::AccountRegistry::pathFor(ws)));
    files += filesUnderHomeAndXdg();
    files.removeDuplicates();
    QList<QPair<QString, QString>> named;
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        for (const QString &piece : secretPieces(it.value()))
            named.append({it.key(), piece});
    }
    const SecretSearch search = searchFiles(files, named);
    QVERIFY2(search.found.isEmpty(), qPrintable(search.found.join(u'\n')));
    QVERIFY(search.read.size() >= 2);
    const QStringList logLines = capturedLog();
    QVERIFY(!logLines.isEmpty());
    for (const QString &line : std::as_const(logLines)) {
        for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
            if (inLogsAllowed.contains(it.key()))
                continue;
            for (const QString &piece : secretPieces(it.value()))
                QVERIFY2(!line.contains(piece), qPrintable(it.key() + QStringLiteral(" in the log: ") + line.left(200)));
        }
    }
}

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("CostscopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("TestAccountsCycle"));
    TestAccountsCycle test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "TestAccountsCycle.moc"
