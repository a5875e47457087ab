// CloudAccountService (providers/sync) without a keychain: what validateAccount refuses (broken and
// hostile values, data-driven), what listAccounts shows (never a secret) and does with a damaged
// account list, and that saving without an OS keychain stores nothing anywhere. The session bus
// points nowhere (see main), so the Secret Service cannot be reached, as on a desktop without one.

#include "providers/CloudClient.h"
#include "providers/sync/AccountRegistry.h"
#include "providers/sync/CloudAccountService.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace costscope;
using providers::sync::AccountEntry;
using providers::sync::AccountRegistry;

namespace {

const char kKey[] = R"({"type":"service_account","client_email":"a@p.iam.gserviceaccount.com","private_key":"-----BEGIN PRIVATE KEY-----\nx\n"})";

AccountChange change(const QString &provider, const QString &name, const QList<QPair<QString, QString>> &values,
                     const QString &originalName = {})
{
    AccountChange c;
    c.provider = provider;
    c.name = name;
    c.values = values;
    c.originalName = originalName;
    return c;
}

using Values = QList<QPair<QString, QString>>;

} // namespace

Q_DECLARE_METATYPE(AccountChange)

class TestCloudAccountService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void validate_data();
    void validate();
    void listShowsSettingsNotSecrets();
    void damagedAccountListIsAnError();
    void saveWithoutKeychainStoresNothing();
    void removeUnknownAccount();

private:
    void writeExisting();
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_ws;
};

void TestCloudAccountService::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_ws = m_dir->filePath(QStringLiteral("w.costscope"));
    writeExisting();
}

void TestCloudAccountService::writeExisting()
{
    AccountRegistry registry(m_ws);
    AccountEntry e;
    e.config.id = QStringLiteral("aws-0123456789ab");
    e.config.name = QStringLiteral("prod");
    e.config.provider = QStringLiteral("aws");
    e.config.region = QStringLiteral("eu-west-1");
    e.config.options.insert(QStringLiteral("role_arn"), QStringLiteral("arn:aws:iam::1:role/R"));
    QString error;
    QVERIFY(registry.add(e, &error));
    QVERIFY2(registry.save(&error), qPrintable(error));
}

void TestCloudAccountService::validate_data()
{
    QTest::addColumn<AccountChange>("input");
    QTest::addColumn<QString>("errorHas"); // empty: valid
    const Values aws = {{QStringLiteral("access_key_id"), QStringLiteral("AKID")}, {QStringLiteral("secret_access_key"), QStringLiteral("s")}};
    QTest::newRow("aws ok") << change(QStringLiteral("aws"), QStringLiteral("dev"), aws) << QString();
    QTest::newRow("aws keys with a pasted newline") << change(QStringLiteral("aws"), QStringLiteral("dev"),
                                                              {{QStringLiteral("access_key_id"), QStringLiteral("AKID\n")},
                                                               {QStringLiteral("secret_access_key"), QStringLiteral(" s \n")}})
                                                    << QString();
    QTest::newRow("unknown provider") << change(QStringLiteral("oracle"), QStringLiteral("x"), {}) << QStringLiteral("unknown provider 'oracle'");
    QTest::newRow("no name") << change(QStringLiteral("aws"), QStringLiteral("  "), aws) << QStringLiteral("needs a name");
    QTest::newRow("name with a newline") << change(QStringLiteral("aws"), QStringLiteral("a\nb"), aws) << QStringLiteral("one line");
    QTest::newRow("name too long") << change(QStringLiteral("aws"), QString(101, u'n'), aws) << QStringLiteral("at most 100");
    QTest::newRow("name taken") << change(QStringLiteral("aws"), QStringLiteral("prod"), aws) << QStringLiteral("exists already");
    QTest::newRow("missing secret") << change(QStringLiteral("aws"), QStringLiteral("dev"), {{QStringLiteral("access_key_id"), QStringLiteral("A")}})
                                    << QStringLiteral("Secret access key is required");
    QTest::newRow("unknown field") << change(QStringLiteral("aws"), QStringLiteral("dev"), aws + Values{{QStringLiteral("password"), QStringLiteral("p")}})
                                   << QStringLiteral("no field 'password'");
    QTest::newRow("secret on two lines") << change(QStringLiteral("aws"), QStringLiteral("dev"),
                                                   {{QStringLiteral("access_key_id"), QStringLiteral("A")},
                                                    {QStringLiteral("secret_access_key"), QStringLiteral("s1\ns2")}})
                                         << QStringLiteral("must be one line");
    QTest::newRow("ftp endpoint") << change(QStringLiteral("aws"), QStringLiteral("dev"), aws + Values{{QStringLiteral("endpoint"), QStringLiteral("ftp://h/")}})
                                  << QStringLiteral("http:// or https:// URL");
    QTest::newRow("endpoint without host") << change(QStringLiteral("aws"), QStringLiteral("dev"), aws + Values{{QStringLiteral("endpoint"), QStringLiteral("https://")}})
                                           << QStringLiteral("http:// or https:// URL");
    QTest::newRow("aws role ok") << change(QStringLiteral("aws"), QStringLiteral("dev"),
                                           aws + Values{{QStringLiteral("role_arn"), QStringLiteral("arn:aws:iam::123456789012:role/ops/Read")}})
                                 << QString();
    QTest::newRow("aws govcloud role ok") << change(QStringLiteral("aws"), QStringLiteral("dev"),
                                                    aws + Values{{QStringLiteral("role_arn"), QStringLiteral("arn:aws-us-gov:iam::123456789012:role/R")}})
                                          << QString();
    QTest::newRow("aws role short account id") << change(QStringLiteral("aws"), QStringLiteral("dev"),
                                                         aws + Values{{QStringLiteral("role_arn"), QStringLiteral("arn:aws:iam::1:role/R")}})
                                               << QStringLiteral("role ARN must look like");
    QTest::newRow("aws user arn, not role") << change(QStringLiteral("aws"), QStringLiteral("dev"),
                                                      aws + Values{{QStringLiteral("role_arn"), QStringLiteral("arn:aws:iam::123456789012:user/bob")}})
                                            << QStringLiteral("role ARN must look like");
    QTest::newRow("azure without scope") << change(QStringLiteral("azure"), QStringLiteral("az"),
                                                   {{QStringLiteral("tenant_id"), QStringLiteral("t")},
                                                    {QStringLiteral("client_id"), QStringLiteral("c")},
                                                    {QStringLiteral("client_secret"), QStringLiteral("s")}})
                                         << QStringLiteral("Scope is required");
    const Values gcpTable = {{QStringLiteral("billing_table"), QStringLiteral("p.d.t")}};
    QTest::newRow("gcp ok") << change(QStringLiteral("gcp"), QStringLiteral("g"), gcpTable + Values{{QStringLiteral("service_account_json"), QString::fromLatin1(kKey)}})
                            << QString();
    QTest::newRow("gcp key not json") << change(QStringLiteral("gcp"), QStringLiteral("g"), gcpTable + Values{{QStringLiteral("service_account_json"), QStringLiteral("PK\x03\x04")}})
                                      << QStringLiteral("is not JSON");
    QTest::newRow("gcp json not a key") << change(QStringLiteral("gcp"), QStringLiteral("g"),
                                                  gcpTable + Values{{QStringLiteral("service_account_json"), QStringLiteral("{\"type\":\"authorized_user\"}")}})
                                        << QStringLiteral("not a service-account key");
    QTest::newRow("alibaba unknown site") << change(QStringLiteral("alibaba"), QStringLiteral("ali"),
                                                    {{QStringLiteral("access_key_id"), QStringLiteral("L")},
                                                     {QStringLiteral("access_key_secret"), QStringLiteral("s")},
                                                     {QStringLiteral("scope"), QStringLiteral("mars")}})
                                          << QStringLiteral("Site must be one of: international, china");
    QTest::newRow("kubernetes without url") << change(QStringLiteral("kubernetes"), QStringLiteral("k"), {})
                                            << QStringLiteral("OpenCost or Prometheus URL is required");
    QTest::newRow("kubernetes ok, no token") << change(QStringLiteral("kubernetes"), QStringLiteral("k"),
                                                       {{QStringLiteral("endpoint"), QStringLiteral("http://localhost:9003")}})
                                             << QString();
    const Values snowflake = {{QStringLiteral("endpoint"), QStringLiteral("https://myorg-acct.snowflakecomputing.com")},
                              {QStringLiteral("user"), QStringLiteral("READER")}};
    QTest::newRow("snowflake with a token ok") << change(QStringLiteral("snowflake"), QStringLiteral("sf"),
                                                         snowflake + Values{{QStringLiteral("oauth_token"), QStringLiteral("t")}})
                                               << QString();
    QTest::newRow("snowflake without key or token") << change(QStringLiteral("snowflake"), QStringLiteral("sf"), snowflake)
                                                    << QStringLiteral("holds no private key (key-pair auth) or OAuth token");
    QTest::newRow("snowflake without user") << change(QStringLiteral("snowflake"), QStringLiteral("sf"),
                                                      {{QStringLiteral("endpoint"), QStringLiteral("https://a.snowflakecomputing.com")},
                                                       {QStringLiteral("oauth_token"), QStringLiteral("t")}})
                                            << QStringLiteral("User is required");
    QTest::newRow("snowflake key not PEM") << change(QStringLiteral("snowflake"), QStringLiteral("sf"),
                                                     snowflake + Values{{QStringLiteral("private_key"), QStringLiteral("ssh-rsa AAAA")}})
                                           << QStringLiteral("Private key file (key-pair auth): the private key is not one PEM block");
    QTest::newRow("snowflake price not a number") << change(QStringLiteral("snowflake"), QStringLiteral("sf"),
                                                            snowflake + Values{{QStringLiteral("oauth_token"), QStringLiteral("t")},
                                                                               {QStringLiteral("price_per_credit"), QStringLiteral("three")}})
                                                  << QStringLiteral("price per credit 'three' is not a positive decimal");
    QTest::newRow("snowflake currency") << change(QStringLiteral("snowflake"), QStringLiteral("sf"),
                                                  snowflake + Values{{QStringLiteral("oauth_token"), QStringLiteral("t")},
                                                                     {QStringLiteral("currency"), QStringLiteral("dollars")}})
                                        << QStringLiteral("not a three-letter code");
    QTest::newRow("snowflake broken key behind a proxy URL") << change(QStringLiteral("snowflake"), QStringLiteral("sf"),
                                                                      {{QStringLiteral("endpoint"), QStringLiteral("https://proxy.example")},
                                                                       {QStringLiteral("user"), QStringLiteral("U")},
                                                                       {QStringLiteral("private_key"), QStringLiteral("x")}})
                                                            << QStringLiteral("private key");
    QTest::newRow("databricks ok") << change(QStringLiteral("databricks"), QStringLiteral("dbx"),
                                             {{QStringLiteral("endpoint"), QStringLiteral("https://dbc-1.cloud.databricks.com")},
                                              {QStringLiteral("token"), QStringLiteral("dapi1")},
                                              {QStringLiteral("warehouse_id"), QStringLiteral("abc123")}})
                                   << QString();
    QTest::newRow("databricks warehouse id with a path") << change(QStringLiteral("databricks"), QStringLiteral("dbx"),
                                                                   {{QStringLiteral("endpoint"), QStringLiteral("https://dbc-1.cloud.databricks.com")},
                                                                    {QStringLiteral("token"), QStringLiteral("dapi1")},
                                                                    {QStringLiteral("warehouse_id"), QStringLiteral("abc/../x")}})
                                                         << QStringLiteral("needs the id of a SQL warehouse");
    // Edits: an empty secret keeps the stored one; the provider cannot change.
    QTest::newRow("edit keeps empty secret") << change(QStringLiteral("aws"), QStringLiteral("prod"),
                                                       {{QStringLiteral("access_key_id"), QString()}, {QStringLiteral("secret_access_key"), QString()}},
                                                       QStringLiteral("prod"))
                                             << QString();
    QTest::newRow("edit renames") << change(QStringLiteral("aws"), QStringLiteral("production"), {}, QStringLiteral("prod")) << QString();
    QTest::newRow("edit of a removed account") << change(QStringLiteral("aws"), QStringLiteral("x"), {}, QStringLiteral("gone"))
                                               << QStringLiteral("no account named 'gone'");
    QTest::newRow("edit changes provider") << change(QStringLiteral("gcp"), QStringLiteral("prod"), gcpTable, QStringLiteral("prod"))
                                           << QStringLiteral("cannot be changed");
}

void TestCloudAccountService::validate()
{
    QFETCH(AccountChange, input);
    QFETCH(QString, errorHas);
    providers::sync::CloudAccountService service;
    const QString error = service.validateAccount(m_ws, input);
    if (errorHas.isEmpty()) {
        QVERIFY2(error.isEmpty(), qPrintable(error));
    } else {
        QVERIFY2(error.contains(errorHas), qPrintable(error));
        // An error never repeats a secret value.
        for (const auto &[key, value] : input.values)
            if (value.size() > 2 && providers::accountForm(input.provider).fields.size() > 0)
                for (const AccountField &f : providers::accountForm(input.provider).fields)
                    if (f.key == key && f.secret)
                        QVERIFY2(!error.contains(value.trimmed()), qPrintable(error));
    }
}

void TestCloudAccountService::listShowsSettingsNotSecrets()
{
    providers::sync::CloudAccountService service;
    QList<AccountInfo> list;
    QString error;
    QVERIFY(service.listAccounts(m_ws, &list, &error));
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first().name, QStringLiteral("prod"));
    QCOMPARE(list.first().provider, QStringLiteral("aws"));
    QCOMPARE(list.first().status, QStringLiteral("never"));
    const QList<QPair<QString, QString>> expected = {{QStringLiteral("role_arn"), QStringLiteral("arn:aws:iam::1:role/R")},
                                                     {QStringLiteral("region"), QStringLiteral("eu-west-1")}};
    QCOMPARE(list.first().settings, expected);
}

void TestCloudAccountService::damagedAccountListIsAnError()
{
    QFile file(AccountRegistry::pathFor(m_ws));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("{\"accounts\": [ {\"id\": ");
    file.close();
    providers::sync::CloudAccountService service;
    QList<AccountInfo> list;
    QString error;
    QVERIFY(!service.listAccounts(m_ws, &list, &error));
    QVERIFY2(error.contains(QStringLiteral("damaged")), qPrintable(error));
    QVERIFY(list.isEmpty());
    QVERIFY(service.validateAccount(m_ws, change(QStringLiteral("kubernetes"), QStringLiteral("k"),
                                                 {{QStringLiteral("endpoint"), QStringLiteral("http://h")}}))
                .contains(QStringLiteral("damaged")));
}

void TestCloudAccountService::saveWithoutKeychainStoresNothing()
{
    const QString secret = QStringLiteral("no-keychain-secret-5d1e");
    QFile::remove(AccountRegistry::pathFor(m_ws));
    providers::sync::CloudAccountService service;
    QString error = service.saveAccount(m_ws, change(QStringLiteral("aws"), QStringLiteral("dev"),
                                                     {{QStringLiteral("access_key_id"), QStringLiteral("AKIDX")},
                                                      {QStringLiteral("secret_access_key"), secret}}));
    QVERIFY2(error.contains(QStringLiteral("keychain")) && error.contains(QStringLiteral("nothing was stored")), qPrintable(error));
    QVERIFY(!error.contains(secret));
    QVERIFY(!QFile::exists(AccountRegistry::pathFor(m_ws)));
    QDirIterator it(m_dir->path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(!f.readAll().contains(secret.toUtf8()), qPrintable(f.fileName()));
    }
    // Invalid input is refused before the keychain is asked.
    error = service.saveAccount(m_ws, change(QStringLiteral("aws"), QString(), {}));
    QVERIFY2(error.contains(QStringLiteral("needs a name")), qPrintable(error));
}

void TestCloudAccountService::removeUnknownAccount()
{
    providers::sync::CloudAccountService service;
    QVERIFY(service.removeAccount(m_ws, QStringLiteral("nope")).contains(QStringLiteral("no account named 'nope'")));
    QVERIFY(service.testAccount(m_ws, QStringLiteral("nope"), {}).contains(QStringLiteral("no account named 'nope'")));
}

int main(int argc, char **argv)
{
    // No Secret Service: the keychain must refuse, never fall back to a file.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/costscope-test-bus");
    QCoreApplication app(argc, argv);
    TestCloudAccountService test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "TestCloudAccountService.moc"
