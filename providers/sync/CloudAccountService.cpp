#include "providers/sync/CloudAccountService.h"

#include "providers/CloudClient.h"
#include "providers/aws/AwsClient.h"
#include "providers/credentials/CredentialStore.h"
#include "providers/databricks/DatabricksClient.h"
#include "providers/snowflake/SnowflakeClient.h"
#include "providers/sync/AccountRegistry.h"
#include "providers/sync/CloudSyncService.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QUrl>

namespace costscope::providers::sync {

Q_LOGGING_CATEGORY(lcAccounts, "costscope.accounts", QtInfoMsg)

namespace {

// Values as the service keeps them: single-line fields trimmed (pasted keys often end in a
// newline), file contents as they are.
QHash<QString, QString> cleanValues(const AccountForm &form, const AccountChange &change, QString *unknown)
{
    QHash<QString, QString> out;
    for (const auto &[key, value] : change.values) {
        const auto it = std::find_if(form.fields.cbegin(), form.fields.cend(),
                                     [&key](const AccountField &f) { return f.key == key; });
        if (it == form.fields.cend()) {
            *unknown = key;
            continue;
        }
        out.insert(key, it->fromFile ? value : value.trimmed());
    }
    return out;
}

void wipe(QHash<QString, QString> &values)
{
    for (auto it = values.begin(); it != values.end(); ++it)
        it.value().fill(u'\0');
    values.clear();
}

QString checkServiceAccountKey(const QString &text)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    const QJsonObject o = doc.object();
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return QStringLiteral("the service-account key file is not JSON (%1); pick the .json key file downloaded from "
                              "IAM & Admin \u25b8 Service accounts \u25b8 Keys")
            .arg(parseError.errorString());
    if (!o.value(QStringLiteral("client_email")).isString() || !o.value(QStringLiteral("private_key")).isString())
        return QStringLiteral("the file is JSON but not a service-account key (it has no client_email or private_key); "
                              "pick the .json key file downloaded from IAM & Admin \u25b8 Service accounts \u25b8 Keys");
    return {};
}

} // namespace

CloudAccountService::CloudAccountService(CloudSyncService *sync, credentials::CredentialStore *keychain)
    : m_sync(sync)
    , m_keychain(keychain)
{
    if (!m_sync) {
        m_ownSync = std::make_unique<CloudSyncService>();
        m_sync = m_ownSync.get();
    }
    if (!m_keychain) {
        m_ownKeychain = std::make_unique<credentials::CredentialStore>();
        m_keychain = m_ownKeychain.get();
    }
}

CloudAccountService::~CloudAccountService() = default;

QList<AccountForm> CloudAccountService::accountForms() const
{
    return providers::accountForms();
}

bool CloudAccountService::listAccounts(const QString &workspacePath, QList<AccountInfo> *accounts, QString *error)
{
    accounts->clear();
    AccountRegistry registry(workspacePath);
    if (!registry.load(error))
        return false;
    for (const AccountEntry &e : registry.accounts()) {
        AccountInfo info;
        info.name = e.config.name;
        info.provider = e.config.provider;
        for (const AccountField &f : accountForm(e.config.provider).fields) {
            const QString v = f.secret ? QString() : configValue(e.config, f.key);
            if (!v.isEmpty())
                info.settings.append({f.key, v});
        }
        info.lastSyncAt = e.lastSyncAt;
        info.status = e.lastStatus;
        info.lastError = e.lastError;
        accounts->append(info);
    }
    return true;
}

QString CloudAccountService::validateAccount(const QString &workspacePath, const AccountChange &change)
{
    const AccountForm form = accountForm(change.provider);
    if (form.provider.isEmpty())
        return QStringLiteral("unknown provider '%1'").arg(change.provider);
    const QString name = change.name.trimmed();
    if (name.isEmpty())
        return QStringLiteral("the account needs a name");
    if (name.size() > 100 || std::any_of(name.cbegin(), name.cend(), [](QChar c) { return c.category() == QChar::Other_Control; }))
        return QStringLiteral("the name must be one line of at most 100 characters");
    AccountRegistry registry(workspacePath);
    QString error;
    if (!registry.load(&error))
        return error;
    const bool isNew = change.originalName.isEmpty();
    if (!isNew) {
        const AccountEntry *existing = registry.find(change.originalName);
        if (!existing)
            return QStringLiteral("there is no account named '%1' any more").arg(change.originalName);
        if (existing->config.provider != change.provider)
            return QStringLiteral("the provider of an account cannot be changed; add a new account instead");
    }
    if ((isNew || name != change.originalName) && registry.find(name))
        return QStringLiteral("an account named '%1' exists already").arg(name);

    QString unknown;
    QHash<QString, QString> values = cleanValues(form, change, &unknown);
    auto done = [&values](const QString &result) {
        wipe(values);
        return result;
    };
    if (!unknown.isEmpty())
        return done(QStringLiteral("the %1 form has no field '%2'").arg(form.title, unknown));
    for (const AccountField &f : form.fields) {
        const QString v = values.value(f.key);
        // An edit keeps the stored secret when the field is left empty.
        if (f.required && v.isEmpty() && (isNew || !f.secret))
            return done(QStringLiteral("%1 is required").arg(f.label));
        if (!f.choices.isEmpty() && !v.isEmpty() && !f.choices.contains(v))
            return done(QStringLiteral("%1 must be one of: %2").arg(f.label, f.choices.join(QStringLiteral(", "))));
        if (!f.fromFile && v.contains(u'\n'))
            return done(QStringLiteral("%1 must be one line").arg(f.label));
        if (f.key == u"endpoint" && !v.isEmpty()) {
            const QUrl url(v, QUrl::StrictMode);
            if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http") || url.host().isEmpty())
                return done(QStringLiteral("%1 must be an http:// or https:// URL").arg(f.label));
        }
        if (f.key == u"role_arn" && !v.isEmpty()) {
            QString why;
            if (!aws::AwsClient::isValidRoleArn(v, &why))
                return done(why);
        }
        if (f.key == u"service_account_json" && !v.isEmpty()) {
            const QString keyError = checkServiceAccountKey(v);
            if (!keyError.isEmpty())
                return done(keyError);
        }
        if (f.key == u"private_key" && change.provider == u"snowflake" && !v.isEmpty()) {
            QString keyError;
            if (snowflake::SnowflakeJwt::publicKeyFingerprint(v.toUtf8(), &keyError).isEmpty())
                return done(QStringLiteral("%1: %2").arg(f.label, keyError));
        }
    }
    if (change.provider == u"snowflake") {
        AccountConfig config;
        config.name = name;
        for (const AccountField &f : form.fields)
            if (!f.secret)
                setConfigValue(&config, f.key, values.value(f.key));
        // A new account needs a key or a token; an edit may keep the stored one.
        Secrets secrets;
        if (isNew)
            secrets = {{QStringLiteral("private_key"), values.value(QStringLiteral("private_key"))},
                       {QStringLiteral("oauth_token"), values.value(QStringLiteral("oauth_token"))}};
        else
            secrets = {{QStringLiteral("oauth_token"), QStringLiteral("kept")}};
        const QString why = snowflake::SnowflakeClient::checkAccount(config, secrets);
        if (!why.isEmpty())
            return done(why);
    }
    if (change.provider == u"databricks") {
        AccountConfig config;
        config.name = name;
        for (const AccountField &f : form.fields)
            if (!f.secret)
                setConfigValue(&config, f.key, values.value(f.key));
        const QString why = databricks::DatabricksClient::checkAccount(config);
        if (!why.isEmpty())
            return done(why);
    }
    return done({});
}

QString CloudAccountService::saveAccount(const QString &workspacePath, const AccountChange &change)
{
    QString error = validateAccount(workspacePath, change);
    if (!error.isEmpty())
        return error;
    const AccountForm form = accountForm(change.provider);
    AccountRegistry registry(workspacePath);
    if (!registry.load(&error))
        return error;
    QString unknown;
    QHash<QString, QString> values = cleanValues(form, change, &unknown);
    const bool isNew = change.originalName.isEmpty();
    AccountEntry entry;
    if (isNew) {
        entry.config.id = AccountRegistry::newAccountId(change.provider);
        entry.config.provider = change.provider;
        entry.createdAt = QDateTime::currentDateTimeUtc();
    } else {
        entry = *registry.find(change.originalName);
    }
    entry.config.name = change.name.trimmed();
    for (const AccountField &f : form.fields) {
        if (f.secret || !values.contains(f.key))
            continue;
        QString v = values.value(f.key);
        if (v.isEmpty() && !f.choices.isEmpty())
            v = f.choices.first();
        setConfigValue(&entry.config, f.key, v);
    }

    // Secrets first: when the keychain refuses, nothing of a new account is kept anywhere.
    QStringList stored;
    for (const AccountField &f : form.fields) {
        if (!f.secret || values.value(f.key).isEmpty())
            continue;
        error = m_keychain->storeSecretBlocking(entry.config.id, f.key, values.value(f.key));
        if (!error.isEmpty()) {
            wipe(values);
            qCWarning(lcAccounts) << "keychain refused field" << f.key << "of account" << entry.config.id;
            if (isNew) {
                m_keychain->removeAccountBlocking(entry.config.id);
                return QStringLiteral("The secrets cannot be stored in the OS keychain, so nothing was stored: %1")
                    .arg(error);
            }
            return QStringLiteral("The new secrets cannot be stored in the OS keychain (%1 of them were); the account's "
                                  "other settings are unchanged: %2")
                .arg(stored.size())
                .arg(error);
        }
        stored << f.key;
    }
    wipe(values);

    if (isNew) {
        if (!registry.add(entry, &error) || !registry.save(&error)) {
            m_keychain->removeAccountBlocking(entry.config.id);
            return error;
        }
    } else {
        *registry.find(change.originalName) = entry;
        if (!registry.save(&error))
            return error;
    }
    qCInfo(lcAccounts) << (isNew ? "added" : "updated") << change.provider << "account" << entry.config.id
                       << "secret fields stored:" << stored;
    return {};
}

QString CloudAccountService::removeAccount(const QString &workspacePath, const QString &name)
{
    AccountRegistry registry(workspacePath);
    QString error;
    if (!registry.load(&error))
        return error;
    const AccountEntry *e = registry.find(name);
    if (!e)
        return QStringLiteral("there is no account named '%1'").arg(name);
    error = m_keychain->removeAccountBlocking(e->config.id);
    if (!error.isEmpty())
        return QStringLiteral("the secrets of '%1' cannot be removed from the OS keychain, so the account is kept: %2")
            .arg(name, error);
    const QString id = e->config.id;
    registry.remove(name);
    if (!registry.save(&error))
        return error;
    qCInfo(lcAccounts) << "removed account" << id << "and its secrets";
    return {};
}

QString CloudAccountService::testAccount(const QString &workspacePath, const QString &name, const CancelFn &cancelled)
{
    AccountRegistry registry(workspacePath);
    QString error;
    if (!registry.load(&error))
        return error;
    const AccountEntry *e = registry.find(name);
    if (!e)
        return QStringLiteral("there is no account named '%1'").arg(name);
    return m_sync->testAccount(e->config, cancelled);
}

} // namespace costscope::providers::sync
