// The Accounts tab (views/accounts) in the real MainWindow, offscreen, against a fake
// AccountService and SyncService: the add dialog asks each cloud's fields (from the providers'
// one list), an edit that leaves a secret empty keeps it, test errors are shown, a sync reloads
// the other tabs and reports, removal asks first, a missing keychain is said in the dialog, and
// the schedule runs when due and waits while another job runs.

#include "model/Money.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "providers/CloudClient.h"
#include "providers/sync/CloudAccountService.h"
#include "views/MainWindow.h"
#include "views/accounts/AccountDialog.h"
#include "views/accounts/AccountsTab.h"
#include "views/common/Banner.h"
#include "views/common/JobRunner.h"
#include "views/dashboard/DashboardTab.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMutex>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>
#include <thread>

using namespace costscope;

namespace {

const QDate kToday(2026, 4, 10);
const QDateTime kNow(kToday, QTime(9, 0), Qt::UTC);

template <typename T> T *child(QObject *root, const QString &name)
{
    return root->findChild<T *>(name);
}

QString valueOf(const AccountChange &c, const QString &key)
{
    for (const auto &[k, v] : c.values)
        if (k == key)
            return v;
    return {};
}

// Writes `days` days of 10.00 USD from 2026-04-01, as a sync of account "prod" would.
bool writeSyncedCosts(const QString &workspace, int days, QString *error)
{
    store::CostStore s;
    if (!s.open(workspace, error))
        return false;
    CostBatch b;
    b.provider = QStringLiteral("AWS");
    b.billingAccountId = QStringLiteral("prod");
    b.periodStart = QDate(2026, 4, 1);
    b.periodEnd = QDate(2026, 5, 1);
    for (int i = 0; i < days; ++i) {
        CostRow r;
        r.chargeStart = b.periodStart.addDays(i).startOfDay(Qt::UTC).toSecsSinceEpoch();
        r.chargeEnd = r.chargeStart + 86400;
        r.subAccountId = QStringLiteral("prod");
        r.serviceName = QStringLiteral("Amazon EC2");
        r.billedCost = *Money::parse(u"10.00");
        r.effectiveCost = r.billedCost;
        r.listCost = r.billedCost;
        b.rows.push_back(r);
    }
    store::CostWriter writer(s);
    return writer.write({QStringLiteral("sync"), QStringLiteral("prod"), QStringLiteral("run/prod/2026-04"), QStringLiteral("AWS API")},
                        {b}, error);
}

// Accounts in memory; secrets kept per account and field as a keychain would.
class FakeAccounts : public AccountService
{
public:
    QList<AccountInfo> list;
    QHash<QString, QHash<QString, QString>> secrets; // account -> field -> secret
    QList<AccountChange> saved;
    QString saveError;
    QString testError;
    QStringList tested;
    QStringList removed;

    QList<AccountForm> accountForms() const override { return providers::accountForms(); }
    bool listAccounts(const QString &, QList<AccountInfo> *accounts, QString *) override
    {
        QMutexLocker lock(&mutex);
        *accounts = list;
        return true;
    }
    QString validateAccount(const QString &, const AccountChange &change) override
    {
        return change.name.isEmpty() ? QStringLiteral("the account needs a name") : QString();
    }
    QString saveAccount(const QString &, const AccountChange &change) override
    {
        QMutexLocker lock(&mutex);
        saved << change;
        if (!saveError.isEmpty())
            return saveError;
        const providers::AccountConfig none;
        AccountInfo info;
        info.name = change.name;
        info.provider = change.provider;
        info.status = QStringLiteral("never");
        const AccountForm form = providers::accountForm(change.provider);
        for (const AccountField &f : form.fields) {
            const QString v = valueOf(change, f.key);
            if (f.secret && !v.isEmpty())
                secrets[change.name][f.key] = v;
            else if (!f.secret && !v.isEmpty())
                info.settings.append({f.key, v});
        }
        list.removeIf([&](const AccountInfo &a) { return a.name == change.originalName || a.name == change.name; });
        list << info;
        return {};
    }
    QString removeAccount(const QString &, const QString &name) override
    {
        QMutexLocker lock(&mutex);
        removed << name;
        secrets.remove(name);
        list.removeIf([&](const AccountInfo &a) { return a.name == name; });
        return {};
    }
    QString testAccount(const QString &, const QString &name, const CancelFn &) override
    {
        QMutexLocker lock(&mutex);
        tested << name;
        return testError;
    }

    QMutex mutex;
};

class FakeSync : public SyncService
{
public:
    FakeAccounts *accounts = nullptr;
    std::function<QDateTime()> now;
    std::atomic<int> calls{0};
    QStringList lastNames;

    std::vector<AccountSyncReport> syncAccounts(const QString &workspacePath, const QStringList &names, const QDate &,
                                                const QDate &, const ProgressFn &progress, const CancelFn &) override
    {
        ++calls;
        lastNames = names;
        progress(0.5, QStringLiteral("prod: costs of 2026-04"));
        AccountSyncReport r;
        r.account = QStringLiteral("prod");
        r.provider = QStringLiteral("aws");
        r.from = QDate(2026, 3, 1);
        r.to = QDate(2026, 4, 11);
        QString error;
        r.ok = writeSyncedCosts(workspacePath, 10, &error);
        r.error = error;
        r.monthsWritten = 2;
        r.rows = 10;
        r.resources = 4;
        QMutexLocker lock(&accounts->mutex);
        for (AccountInfo &a : accounts->list) {
            a.lastSyncAt = now();
            a.status = QStringLiteral("ok");
        }
        return {r};
    }
};

AccountInfo account(const QString &name, const QString &provider)
{
    AccountInfo a;
    a.name = name;
    a.provider = provider;
    a.status = QStringLiteral("never");
    return a;
}

// Fills the dialog's visible fields by object name.
void fill(views::AccountDialog &dialog, const QList<QPair<QString, QString>> &values)
{
    for (const auto &[key, value] : values) {
        auto *edit = child<QLineEdit>(&dialog, QStringLiteral("field_") + key);
        QVERIFY2(edit, qPrintable(key));
        edit->setText(value);
    }
}

} // namespace

class TestAccountsTab : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void dialogAsksEachCloudsFields_data();
    void dialogAsksEachCloudsFields();
    void gcpKeyFileContentBecomesTheSecret();
    void addThroughDialog();
    void editKeepsSecretWhenLeftEmpty();
    void testShowsResult_data();
    void testShowsResult();
    void syncRefreshesOtherTabsAndReports();
    void removeAsksFirst();
    void noKeychainIsSaidInTheDialog();
    void scheduleRunsWhenDueAndWaitsForJobs();
    void roleArnCheckedByTheForm_data();
    void roleArnCheckedByTheForm();

private:
    std::unique_ptr<views::MainWindow> makeWindow(FakeAccounts *accounts, FakeSync *sync, views::AccountPrompts prompts);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<store::CostStore> m_store;
    QDateTime m_now = kNow;
};

void TestAccountsTab::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("accounts.costscope"));
    m_store = std::make_unique<store::CostStore>();
    QVERIFY(m_store->open(m_path));
    m_now = kNow;
    QSettings().clear();
}

std::unique_ptr<views::MainWindow> TestAccountsTab::makeWindow(FakeAccounts *accounts, FakeSync *sync,
                                                               views::AccountPrompts prompts)
{
    views::MainWindowOptions o;
    o.today = [] { return kToday; };
    o.now = [this] { return m_now; };
    o.generateDemo = [](store::CostStore &, const ProgressFn &, const CancelFn &, QString *error) {
        *error = QStringLiteral("not expected in this test");
        return false;
    };
    o.accountService = accounts;
    o.syncService = sync;
    o.accountPrompts = std::move(prompts);
    if (sync) {
        sync->accounts = accounts;
        sync->now = [this] { return m_now; };
    }
    auto window = std::make_unique<views::MainWindow>(*m_store, o);
    window->show();
    return window;
}

void TestAccountsTab::dialogAsksEachCloudsFields_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QStringList>("fields");   // every field, in order
    QTest::addColumn<QStringList>("secrets");  // password fields
    QTest::addColumn<QStringList>("required");
    // What issue 4 says each cloud needs, plus the endpoint override every provider accepts.
    QTest::newRow("aws") << QStringLiteral("aws")
                         << QStringList{"access_key_id", "secret_access_key", "session_token", "role_arn", "region",
                                        "billing_account", "tag_keys", "endpoint"}
                         << QStringList{"access_key_id", "secret_access_key", "session_token"}
                         << QStringList{"access_key_id", "secret_access_key"};
    QTest::newRow("azure") << QStringLiteral("azure") << QStringList{"tenant_id", "client_id", "client_secret", "scope", "endpoint"}
                           << QStringList{"tenant_id", "client_id", "client_secret"}
                           << QStringList{"tenant_id", "client_id", "client_secret", "scope"};
    QTest::newRow("gcp") << QStringLiteral("gcp") << QStringList{"service_account_json", "scope", "billing_table", "jobs_region", "slot_hour_price", "endpoint"}
                         << QStringList{} // a file, not typed
                         << QStringList{"service_account_json", "billing_table"};
    QTest::newRow("alibaba") << QStringLiteral("alibaba")
                             << QStringList{"access_key_id", "access_key_secret", "scope", "region", "endpoint"}
                             << QStringList{"access_key_id", "access_key_secret"}
                             << QStringList{"access_key_id", "access_key_secret", "scope"};
    QTest::newRow("kubernetes") << QStringLiteral("kubernetes") << QStringList{"endpoint", "source", "step", "token", "billing_account"}
                                << QStringList{"token"} << QStringList{"endpoint"};
    QTest::newRow("snowflake") << QStringLiteral("snowflake")
                               << QStringList{"endpoint", "user", "private_key", "oauth_token", "account_identifier", "role",
                                              "warehouse", "price_per_credit", "currency", "billing_account"}
                               << QStringList{"oauth_token"} // the key is a file, not typed
                               << QStringList{"endpoint", "user"};
    // The SQL warehouse, or the account id + service principal of the billable-usage download.
    QTest::newRow("databricks") << QStringLiteral("databricks")
                                << QStringList{"endpoint", "token", "warehouse_id", "billing_account", "account_id", "client_id",
                                               "client_secret", "accounts_url"}
                                << QStringList{"token", "client_id", "client_secret"} << QStringList{"endpoint", "token"};
}

void TestAccountsTab::dialogAsksEachCloudsFields()
{
    QFETCH(QString, provider);
    QFETCH(QStringList, fields);
    QFETCH(QStringList, secrets);
    QFETCH(QStringList, required);
    views::AccountDialogSetup setup;
    setup.forms = providers::accountForms();
    views::AccountDialog dialog(setup, {});
    auto *providerBox = child<QComboBox>(&dialog, QStringLiteral("accountProvider"));
    QVERIFY(providerBox);
    QCOMPARE(providerBox->count(), 7);
    providerBox->setCurrentIndex(providerBox->findData(provider));
    QCOMPARE(dialog.provider(), provider);

    QStringList shown;
    for (const auto &[key, value] : dialog.change().values)
        shown << key;
    QCOMPARE(shown, fields);
    // Widgets of another provider are gone.
    const QList<QWidget *> all = dialog.findChildren<QWidget *>();
    int editors = 0;
    for (QWidget *w : all)
        if (w->objectName().startsWith(QStringLiteral("field_")))
            ++editors;
    QCOMPARE(editors, fields.size());
    for (const QString &key : fields) {
        QWidget *editor = child<QWidget>(&dialog, QStringLiteral("field_") + key);
        QVERIFY2(editor, qPrintable(key));
        auto *help = child<QLabel>(&dialog, QStringLiteral("fieldHelp_") + key);
        QVERIFY2(help && help->text().size() > 20, qPrintable(key)); // says where to find it
        if (auto *edit = qobject_cast<QLineEdit *>(editor))
            QCOMPARE(edit->echoMode() == QLineEdit::Password, secrets.contains(key));
        else
            QVERIFY(!secrets.contains(key));
    }
    const AccountForm form = providers::accountForm(provider);
    QStringList requiredInForm;
    for (const AccountField &f : form.fields)
        if (f.required)
            requiredInForm << f.key;
    QCOMPARE(requiredInForm, required);
    // The secret lists the sync reads come from the same form.
    QStringList secretInForm;
    for (const AccountField &f : form.fields)
        if (f.secret)
            secretInForm << f.key;
    QCOMPARE(providers::requiredSecretFields(provider) + providers::optionalSecretFields(provider), secretInForm);
    QVERIFY(!child<QLabel>(&dialog, QStringLiteral("accountProviderHelp"))->text().isEmpty());
    if (provider == u"alibaba") {
        auto *site = child<QComboBox>(&dialog, QStringLiteral("field_scope"));
        QVERIFY(site);
        QCOMPARE(site->currentText(), QStringLiteral("international"));
        QVERIFY(site->findText(QStringLiteral("china")) >= 0);
    }
    if (provider == u"gcp")
        QVERIFY(child<QPushButton>(&dialog, QStringLiteral("fieldFile_service_account_json")));
}

void TestAccountsTab::gcpKeyFileContentBecomesTheSecret()
{
    const QString keyPath = m_dir->filePath(QStringLiteral("secret-dir/key.json"));
    QVERIFY(QDir().mkpath(QFileInfo(keyPath).absolutePath()));
    const QByteArray key = R"({"type":"service_account","client_email":"a@b.iam.gserviceaccount.com","private_key":"-----BEGIN PRIVATE KEY-----x"})";
    QFile file(keyPath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(key);
    file.close();
    const QString bigPath = m_dir->filePath(QStringLiteral("big.json"));
    QFile big(bigPath);
    QVERIFY(big.open(QIODevice::WriteOnly));
    big.write(QByteArray(300 * 1024, 'x'));
    big.close();

    QString next = bigPath;
    views::AccountDialogSetup setup;
    setup.forms = providers::accountForms();
    setup.previous.provider = QStringLiteral("gcp");
    views::AccountDialog dialog(setup, [&next](QWidget *, const AccountField &f) {
        return f.key == u"service_account_json" ? next : QString();
    });
    QCOMPARE(dialog.provider(), QStringLiteral("gcp"));
    auto *choose = child<QPushButton>(&dialog, QStringLiteral("fieldFile_service_account_json"));
    QVERIFY(choose);
    // A file far larger than a key is refused with a message, nothing is taken.
    choose->click();
    auto *error = child<views::Banner>(&dialog, QStringLiteral("accountError"));
    QVERIFY(!error->isHidden());
    QVERIFY2(error->text().contains(QStringLiteral("big.json")), qPrintable(error->text()));
    QVERIFY(valueOf(dialog.change(), QStringLiteral("service_account_json")).isEmpty());
    next = m_dir->filePath(QStringLiteral("missing.json"));
    choose->click();
    QVERIFY(error->text().contains(QStringLiteral("Cannot read missing.json")));

    next = keyPath;
    choose->click();
    QVERIFY(error->isHidden());
    QCOMPARE(valueOf(dialog.change(), QStringLiteral("service_account_json")), QString::fromUtf8(key));
    // The path is not kept: the field shows the file name only.
    const QString shown = child<QLineEdit>(&dialog, QStringLiteral("field_service_account_json"))->text();
    QVERIFY2(shown.contains(QStringLiteral("key.json")) && !shown.contains(QStringLiteral("secret-dir")), qPrintable(shown));
    // Switching cloud drops the loaded key.
    auto *providerBox = child<QComboBox>(&dialog, QStringLiteral("accountProvider"));
    providerBox->setCurrentIndex(providerBox->findData(QStringLiteral("aws")));
    providerBox->setCurrentIndex(providerBox->findData(QStringLiteral("gcp")));
    QVERIFY(valueOf(dialog.change(), QStringLiteral("service_account_json")).isEmpty());
}

void TestAccountsTab::addThroughDialog()
{
    FakeAccounts accounts;
    FakeSync sync;
    int prompts = 0;
    bool rejectedEmptyName = false;
    views::AccountPrompts p;
    p.editAccount = [&](QWidget *parent, const views::AccountDialogSetup &setup) -> std::optional<AccountChange> {
        ++prompts;
        views::AccountDialog dialog(setup, {}, parent);
        auto *providerBox = child<QComboBox>(&dialog, QStringLiteral("accountProvider"));
        providerBox->setCurrentIndex(providerBox->findData(QStringLiteral("azure")));
        fill(dialog, {{QStringLiteral("tenant_id"), QStringLiteral("tenant-1")},
                      {QStringLiteral("client_id"), QStringLiteral("client-1")},
                      {QStringLiteral("client_secret"), QStringLiteral("azure-secret-value")},
                      {QStringLiteral("scope"), QStringLiteral("/subscriptions/sub-1")}});
        // The dialog stays open while the service refuses the values (no name yet).
        dialog.open();
        child<QPushButton>(&dialog, QStringLiteral("accountOk"))->click();
        rejectedEmptyName = dialog.isVisible() && dialog.result() != QDialog::Accepted &&
                            child<views::Banner>(&dialog, QStringLiteral("accountError"))->text().contains(QStringLiteral("name"));
        child<QLineEdit>(&dialog, QStringLiteral("accountName"))->setText(QStringLiteral("  billing  "));
        child<QPushButton>(&dialog, QStringLiteral("accountOk"))->click();
        if (dialog.result() != QDialog::Accepted)
            return std::nullopt;
        return dialog.change();
    };
    auto window = makeWindow(&accounts, &sync, p);
    auto *tab = window->accounts();
    QVERIFY(tab);
    auto *tabs = child<QTabWidget>(window.get(), QStringLiteral("tabs"));
    QCOMPARE(tabs->tabText(tabs->indexOf(tab)), QStringLiteral("Accounts"));
    QVERIFY(!child<QLabel>(tab, QStringLiteral("accountsHint"))->isHidden());
    QVERIFY(!child<QPushButton>(tab, QStringLiteral("accountsEdit"))->isEnabled());
    QSignalSpy done(tab, &views::AccountsTab::actionFinished);

    child<QPushButton>(tab, QStringLiteral("accountsAdd"))->click();
    QTRY_COMPARE(done.count(), 1);
    QVERIFY(rejectedEmptyName);
    QCOMPARE(prompts, 1);
    QCOMPARE(accounts.saved.size(), 1);
    const AccountChange saved = accounts.saved.first();
    QCOMPARE(saved.provider, QStringLiteral("azure"));
    QCOMPARE(saved.name, QStringLiteral("billing"));
    QVERIFY(saved.originalName.isEmpty());
    QCOMPARE(valueOf(saved, QStringLiteral("client_secret")), QStringLiteral("azure-secret-value"));
    QCOMPARE(valueOf(saved, QStringLiteral("scope")), QStringLiteral("/subscriptions/sub-1"));

    auto *table = child<QTableWidget>(tab, QStringLiteral("accountsTable"));
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("billing"));
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("Microsoft Azure"));
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("never"));
    QCOMPARE(table->item(0, 3)->text(), QStringLiteral("Never synced"));
    QVERIFY(child<QLabel>(tab, QStringLiteral("accountsHint"))->isHidden());
    auto *message = child<views::Banner>(tab, QStringLiteral("accountsMessage"));
    QCOMPARE(message->kind(), views::Banner::Kind::Info);
    QVERIFY2(message->text().contains(QStringLiteral("keychain")), qPrintable(message->text()));
    QVERIFY(child<QPushButton>(tab, QStringLiteral("accountsEdit"))->isEnabled());
    const QString details = child<QLabel>(tab, QStringLiteral("accountsDetails"))->text();
    QVERIFY2(details.contains(QStringLiteral("Scope: /subscriptions/sub-1")) && !details.contains(QStringLiteral("azure-secret-value")),
             qPrintable(details));
}

void TestAccountsTab::editKeepsSecretWhenLeftEmpty()
{
    FakeAccounts accounts;
    AccountInfo prod = account(QStringLiteral("prod"), QStringLiteral("aws"));
    prod.settings = {{QStringLiteral("region"), QStringLiteral("eu-west-1")}, {QStringLiteral("role_arn"), QStringLiteral("arn:aws:iam::1:role/R")}};
    accounts.list << prod;
    accounts.secrets[QStringLiteral("prod")] = {{QStringLiteral("access_key_id"), QStringLiteral("AKIDOLD")},
                                                {QStringLiteral("secret_access_key"), QStringLiteral("old-secret")}};
    QStringList seen;
    views::AccountPrompts p;
    p.editAccount = [&](QWidget *parent, const views::AccountDialogSetup &setup) -> std::optional<AccountChange> {
        views::AccountDialog dialog(setup, {}, parent);
        auto *secret = child<QLineEdit>(&dialog, QStringLiteral("field_secret_access_key"));
        seen << secret->text() << secret->placeholderText()
             << child<QLineEdit>(&dialog, QStringLiteral("field_region"))->text()
             << child<QLineEdit>(&dialog, QStringLiteral("field_role_arn"))->text()
             << child<QLineEdit>(&dialog, QStringLiteral("accountName"))->text()
             << QString::number(child<QComboBox>(&dialog, QStringLiteral("accountProvider"))->isEnabled());
        // Only the key id changes; the secret stays empty.
        fill(dialog, {{QStringLiteral("access_key_id"), QStringLiteral("AKIDNEW")}, {QStringLiteral("region"), QStringLiteral("us-east-2")}});
        dialog.accept();
        return dialog.change();
    };
    auto window = makeWindow(&accounts, nullptr, p);
    auto *tab = window->accounts();
    QSignalSpy done(tab, &views::AccountsTab::actionFinished);
    QVERIFY(tab->select(QStringLiteral("prod")));
    // No SyncService: the sync buttons are off, the rest works.
    QVERIFY(!child<QPushButton>(tab, QStringLiteral("accountsSync"))->isEnabled());
    child<QPushButton>(tab, QStringLiteral("accountsEdit"))->click();
    QTRY_COMPARE(done.count(), 1);
    QCOMPARE(seen.at(0), QString()); // the stored secret is never shown
    QVERIFY2(seen.at(1).contains(QStringLiteral("leave empty to keep")), qPrintable(seen.at(1)));
    QCOMPARE(seen.at(2), QStringLiteral("eu-west-1"));
    QCOMPARE(seen.at(3), QStringLiteral("arn:aws:iam::1:role/R"));
    QCOMPARE(seen.at(4), QStringLiteral("prod"));
    QCOMPARE(seen.at(5), QStringLiteral("0")); // the cloud of an account cannot change
    QCOMPARE(accounts.saved.size(), 1);
    QCOMPARE(accounts.saved.first().originalName, QStringLiteral("prod"));
    QCOMPARE(valueOf(accounts.saved.first(), QStringLiteral("secret_access_key")), QString());
    QCOMPARE(accounts.secrets.value(QStringLiteral("prod")).value(QStringLiteral("secret_access_key")), QStringLiteral("old-secret"));
    QCOMPARE(accounts.secrets.value(QStringLiteral("prod")).value(QStringLiteral("access_key_id")), QStringLiteral("AKIDNEW"));
}

void TestAccountsTab::testShowsResult_data()
{
    QTest::addColumn<QString>("error");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("shown");
    QTest::newRow("works") << QString() << true << QStringLiteral("works");
    QTest::newRow("rejected") << QStringLiteral("AWS rejected the credentials (InvalidClientTokenId); check the access key id")
                              << false << QStringLiteral("Testing \u201cprod\u201d failed: AWS rejected the credentials");
}

void TestAccountsTab::testShowsResult()
{
    QFETCH(QString, error);
    QFETCH(bool, ok);
    QFETCH(QString, shown);
    FakeAccounts accounts;
    accounts.list << account(QStringLiteral("prod"), QStringLiteral("aws"));
    accounts.testError = error;
    FakeSync sync;
    auto window = makeWindow(&accounts, &sync, {});
    auto *tab = window->accounts();
    QSignalSpy done(tab, &views::AccountsTab::actionFinished);
    QVERIFY(tab->select(QStringLiteral("prod")));
    child<QPushButton>(tab, QStringLiteral("accountsTest"))->click();
    QVERIFY(!child<QPushButton>(tab, QStringLiteral("accountsTest"))->isEnabled()); // while it runs
    QTRY_COMPARE(done.count(), 1);
    QCOMPARE(done.first().at(0).toBool(), ok);
    QCOMPARE(accounts.tested, QStringList{QStringLiteral("prod")});
    auto *message = child<views::Banner>(tab, QStringLiteral("accountsMessage"));
    QCOMPARE(message->kind(), ok ? views::Banner::Kind::Info : views::Banner::Kind::Error);
    QVERIFY2(message->text().contains(shown.toHtmlEscaped()), qPrintable(message->text()));
    QVERIFY(child<QLabel>(window.get(), QStringLiteral("statusMessage"))->text().contains(shown));
    QCOMPARE(sync.calls.load(), 0);
}

void TestAccountsTab::syncRefreshesOtherTabsAndReports()
{
    FakeAccounts accounts;
    accounts.list << account(QStringLiteral("prod"), QStringLiteral("aws"));
    FakeSync sync;
    auto window = makeWindow(&accounts, &sync, {});
    auto *tab = window->accounts();
    QSignalSpy synced(tab, &views::AccountsTab::synced);
    QSignalSpy loaded(window->dashboard(), &views::DashboardTab::loaded);
    QTRY_VERIFY(loaded.count() >= 1);
    QCOMPARE(window->dashboard()->data().monthToDate, int64_t(0));
    loaded.clear();
    QVERIFY(tab->select(QStringLiteral("prod")));
    child<QPushButton>(tab, QStringLiteral("accountsSync"))->click();
    QTRY_COMPARE(synced.count(), 1);
    QCOMPARE(sync.lastNames, QStringList{QStringLiteral("prod")});
    const QString summary = synced.first().at(0).toString();
    QVERIFY2(summary.contains(QStringLiteral("prod: 2 months of costs")) && summary.contains(QStringLiteral("10 cost rows")) &&
                 summary.contains(QStringLiteral("4 resources")),
             qPrintable(summary));
    // The dashboard reloads with the synced days: 10 days x 10.00 in April up to the 10th.
    QTRY_VERIFY(loaded.count() >= 1);
    QTRY_COMPARE(window->dashboard()->data().monthToDate, Money::parse(u"100.00")->nanos());
    auto *table = child<QTableWidget>(tab, QStringLiteral("accountsTable"));
    QCOMPARE(table->item(0, 3)->text(), QStringLiteral("OK"));
    QVERIFY(table->item(0, 2)->text() != QStringLiteral("never"));
    QVERIFY(child<QLabel>(window.get(), QStringLiteral("statusMessage"))->text().contains(QStringLiteral("prod: 2 months")));

    // Sync all asks for every account (an empty list).
    child<QPushButton>(tab, QStringLiteral("accountsSyncAll"))->click();
    QTRY_COMPARE(synced.count(), 2);
    QVERIFY(sync.lastNames.isEmpty());
}

void TestAccountsTab::removeAsksFirst()
{
    FakeAccounts accounts;
    accounts.list << account(QStringLiteral("prod"), QStringLiteral("aws")) << account(QStringLiteral("dev"), QStringLiteral("gcp"));
    accounts.secrets[QStringLiteral("prod")][QStringLiteral("secret_access_key")] = QStringLiteral("s");
    bool answer = false;
    QStringList asked;
    views::AccountPrompts p;
    p.confirmRemove = [&](QWidget *, const QString &name) {
        asked << name;
        return answer;
    };
    auto window = makeWindow(&accounts, nullptr, p);
    auto *tab = window->accounts();
    QSignalSpy done(tab, &views::AccountsTab::actionFinished);
    QVERIFY(tab->select(QStringLiteral("prod")));
    child<QPushButton>(tab, QStringLiteral("accountsRemove"))->click();
    QCOMPARE(asked, QStringList{QStringLiteral("prod")});
    QVERIFY(!window->jobs()->isRunning());
    QCOMPARE(done.count(), 0);
    QVERIFY(accounts.removed.isEmpty());
    QCOMPARE(child<QTableWidget>(tab, QStringLiteral("accountsTable"))->rowCount(), 2);

    answer = true;
    child<QPushButton>(tab, QStringLiteral("accountsRemove"))->click();
    QTRY_COMPARE(done.count(), 1);
    QCOMPARE(accounts.removed, QStringList{QStringLiteral("prod")});
    QVERIFY(!accounts.secrets.contains(QStringLiteral("prod")));
    auto *table = child<QTableWidget>(tab, QStringLiteral("accountsTable"));
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("dev"));
    const QString text = child<views::Banner>(tab, QStringLiteral("accountsMessage"))->text();
    QVERIFY2(text.contains(QStringLiteral("keychain")) && text.contains(QStringLiteral("Removed")), qPrintable(text));
}

void TestAccountsTab::noKeychainIsSaidInTheDialog()
{
    FakeAccounts accounts;
    // What CredentialStore answers without a Secret Service.
    accounts.saveError = QStringLiteral("The secrets cannot be stored in the OS keychain, so nothing was stored: Cannot "
                                        "store x/secret_access_key: no OS keychain is available (on Linux a Secret Service "
                                        "such as gnome-keyring or KWallet must be running and unlocked).");
    QList<views::AccountDialogSetup> setups;
    QStringList shownErrors;
    QStringList refilledSecrets;
    views::AccountPrompts p;
    p.editAccount = [&](QWidget *parent, const views::AccountDialogSetup &setup) -> std::optional<AccountChange> {
        setups << setup;
        views::AccountDialog dialog(setup, {}, parent);
        auto *error = child<views::Banner>(&dialog, QStringLiteral("accountError"));
        shownErrors << (error->isHidden() ? QString() : error->text());
        refilledSecrets << child<QLineEdit>(&dialog, QStringLiteral("field_secret_access_key"))->text();
        if (setups.size() > 1)
            return std::nullopt; // the user gives up
        child<QLineEdit>(&dialog, QStringLiteral("accountName"))->setText(QStringLiteral("prod"));
        fill(dialog, {{QStringLiteral("access_key_id"), QStringLiteral("AKID")}, {QStringLiteral("secret_access_key"), QStringLiteral("typed-secret")}});
        dialog.accept();
        return dialog.change();
    };
    auto window = makeWindow(&accounts, nullptr, p);
    auto *tab = window->accounts();
    QSignalSpy done(tab, &views::AccountsTab::actionFinished);
    child<QPushButton>(tab, QStringLiteral("accountsAdd"))->click();
    QTRY_COMPARE(setups.size(), 2);
    QCOMPARE(done.count(), 1);
    QCOMPARE(done.first().at(0).toBool(), false);
    QCOMPARE(shownErrors.at(0), QString());
    QVERIFY2(shownErrors.at(1).contains(QStringLiteral("no OS keychain is available")) &&
                 shownErrors.at(1).contains(QStringLiteral("nothing was stored")),
             qPrintable(shownErrors.at(1)));
    // The dialog comes back with what was typed, so nothing is lost.
    QCOMPARE(refilledSecrets.at(1), QStringLiteral("typed-secret"));
    QVERIFY(accounts.list.isEmpty());
    QVERIFY(accounts.secrets.isEmpty());
    QCOMPARE(child<QTableWidget>(tab, QStringLiteral("accountsTable"))->rowCount(), 0);
    QCOMPARE(child<views::Banner>(tab, QStringLiteral("accountsMessage"))->kind(), views::Banner::Kind::Error);
}

void TestAccountsTab::scheduleRunsWhenDueAndWaitsForJobs()
{
    FakeAccounts accounts;
    accounts.list << account(QStringLiteral("prod"), QStringLiteral("aws"));
    FakeSync sync;
    auto window = makeWindow(&accounts, &sync, {});
    auto *tab = window->accounts();
    auto *schedule = child<QComboBox>(tab, QStringLiteral("accountsSchedule"));
    auto *next = child<QLabel>(tab, QStringLiteral("accountsNextSync"));
    QCOMPARE(tab->scheduleHours(), 0);
    QVERIFY(!tab->nextScheduledSync().isValid());
    QVERIFY(!tab->runScheduledSyncIfDue());

    schedule->setCurrentIndex(schedule->findData(6));
    QCOMPARE(QSettings().value(QStringLiteral("accounts/syncScheduleHours")).toInt(), 6);
    // Never synced: due now.
    QCOMPARE(tab->nextScheduledSync(), m_now);
    QCOMPARE(next->text(), QStringLiteral("next: now"));

    // Another job is running: the scheduled sync waits for it.
    std::atomic<bool> release{false};
    QSignalSpy finished(window->jobs(), &views::JobRunner::finished);
    QVERIFY(window->jobs()->start(QStringLiteral("Importing billing files"),
                                  [&release](const ProgressFn &, const CancelFn &, QString *) {
                                      while (!release)
                                          std::this_thread::yield();
                                      return true;
                                  },
                                  tab, [](const views::JobRunner::Outcome &) {}));
    QVERIFY(!tab->runScheduledSyncIfDue());
    QVERIFY(next->text().contains(QStringLiteral("Importing billing files")));
    QCOMPARE(sync.calls.load(), 0);
    release = true;
    QTRY_COMPARE(finished.count(), 1);

    QSignalSpy synced(tab, &views::AccountsTab::synced);
    QVERIFY(tab->runScheduledSyncIfDue());
    QTRY_COMPARE(synced.count(), 1);
    QCOMPARE(sync.calls.load(), 1);
    QVERIFY(synced.first().at(0).toString().startsWith(QStringLiteral("Scheduled sync:")));
    // The next one is six hours after that sync.
    QCOMPARE(tab->nextScheduledSync(), m_now.addSecs(6 * 3600));
    QVERIFY(next->text().startsWith(QStringLiteral("next: ")));
    m_now = m_now.addSecs(6 * 3600 - 60);
    QVERIFY(!tab->runScheduledSyncIfDue());
    m_now = m_now.addSecs(60);
    QVERIFY(tab->runScheduledSyncIfDue());
    QTRY_COMPARE(synced.count(), 2);

    // The choice survives a new window; "Off" stops it.
    window.reset();
    window = makeWindow(&accounts, &sync, {});
    tab = window->accounts();
    QCOMPARE(tab->scheduleHours(), 6);
    tab->setScheduleHours(0);
    QVERIFY(!tab->nextScheduledSync().isValid());
    m_now = m_now.addDays(2);
    QVERIFY(!tab->runScheduledSyncIfDue());
    QCOMPARE(QSettings().value(QStringLiteral("accounts/syncScheduleHours")).toInt(), 0);
}

void TestAccountsTab::roleArnCheckedByTheForm_data()
{
    QTest::addColumn<QString>("arn");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("none") << QString() << true;
    QTest::newRow("role") << QStringLiteral("arn:aws:iam::123456789012:role/CostscopeRead") << true;
    QTest::newRow("role with a path") << QStringLiteral("arn:aws:iam::123456789012:role/finops/readers/CostscopeRead") << true;
    QTest::newRow("China partition") << QStringLiteral("arn:aws-cn:iam::123456789012:role/CostscopeRead") << true;
    QTest::newRow("11-digit account") << QStringLiteral("arn:aws:iam::12345678901:role/CostscopeRead") << false;
    QTest::newRow("a user, not a role") << QStringLiteral("arn:aws:iam::123456789012:user/alice") << false;
    QTest::newRow("another partition") << QStringLiteral("arn:azure:iam::123456789012:role/x") << false;
    QTest::newRow("no role name") << QStringLiteral("arn:aws:iam::123456789012:role/") << false;
    QTest::newRow("space in the name") << QStringLiteral("arn:aws:iam::123456789012:role/Cost Read") << false;
    QTest::newRow("65-character name") << QStringLiteral("arn:aws:iam::123456789012:role/") + QString(65, u'r') << false;
}

void TestAccountsTab::roleArnCheckedByTheForm()
{
    // The real AWS form and the real account service's check: a malformed ARN keeps the dialog
    // open with the reason; a good one closes it with the ARN in the change.
    QFETCH(QString, arn);
    QFETCH(bool, accepted);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString ws = dir.filePath(QStringLiteral("arn.costscope"));
    providers::sync::CloudAccountService service;
    views::AccountDialogSetup setup;
    setup.forms = service.accountForms();
    setup.validate = [&](const AccountChange &c) { return service.validateAccount(ws, c); };
    views::AccountDialog dialog(setup, {});
    auto *cloud = child<QComboBox>(&dialog, QStringLiteral("accountProvider"));
    cloud->setCurrentIndex(cloud->findData(QStringLiteral("aws")));
    child<QLineEdit>(&dialog, QStringLiteral("accountName"))->setText(QStringLiteral("prod"));
    fill(dialog, {{QStringLiteral("access_key_id"), QStringLiteral("AKIAIOSFODNN7EXAMPLE")},
                  {QStringLiteral("secret_access_key"), QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")},
                  {QStringLiteral("role_arn"), arn}});
    dialog.accept();
    auto *error = child<views::Banner>(&dialog, QStringLiteral("accountError"));
    if (accepted) {
        QVERIFY2(dialog.result() == QDialog::Accepted, qPrintable(error->text()));
        bool found = false;
        for (const auto &[key, value] : dialog.change().values)
            found = found || (key == u"role_arn" && value == arn);
        QVERIFY(found);
    } else {
        QVERIFY(dialog.result() != QDialog::Accepted);
        QVERIFY(!error->isHidden());
        QVERIFY2(error->text().contains(QStringLiteral("role ARN must look like")), qPrintable(error->text()));
    }
}

int main(int argc, char **argv)
{
    // Settings go to a throw-away folder, never the developer's.
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toLocal8Bit());
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("CostscopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("TestAccountsTab"));
    TestAccountsTab test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "TestAccountsTab.moc"
