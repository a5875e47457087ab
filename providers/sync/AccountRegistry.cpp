#include "providers/sync/AccountRegistry.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QUuid>

namespace costscope::providers::sync {

AccountRegistry::AccountRegistry(const QString &workspacePath)
    : m_path(pathFor(workspacePath))
{
}

QString AccountRegistry::pathFor(const QString &workspacePath)
{
    return workspacePath + QStringLiteral(".accounts.json");
}

QString AccountRegistry::newAccountId(const QString &provider)
{
    return provider + u'-' + QUuid::createUuid().toString(QUuid::Id128).left(12);
}

bool AccountRegistry::load(QString *error)
{
    m_accounts.clear();
    QFile file(m_path);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the account list %1: %2").arg(m_path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("the account list %1 is damaged (%2); fix or delete it").arg(m_path, parseError.errorString());
        return false;
    }
    for (const QJsonValue &v : doc.object().value(QStringLiteral("accounts")).toArray()) {
        const QJsonObject o = v.toObject();
        AccountEntry e;
        e.config.id = o.value(QStringLiteral("id")).toString();
        e.config.name = o.value(QStringLiteral("name")).toString();
        e.config.provider = o.value(QStringLiteral("provider")).toString();
        e.config.endpoint = o.value(QStringLiteral("endpoint")).toString();
        e.config.region = o.value(QStringLiteral("region")).toString();
        e.config.scope = o.value(QStringLiteral("scope")).toString();
        e.config.billingTable = o.value(QStringLiteral("billing_table")).toString();
        e.config.billingAccount = o.value(QStringLiteral("billing_account")).toString();
        const QJsonObject options = o.value(QStringLiteral("options")).toObject();
        for (auto it = options.begin(); it != options.end(); ++it)
            e.config.options.insert(it.key(), it.value().toString());
        e.initialMonths = o.value(QStringLiteral("initial_months")).toInt(3);
        e.createdAt = QDateTime::fromString(o.value(QStringLiteral("created_at")).toString(), Qt::ISODate);
        e.lastSyncAt = QDateTime::fromString(o.value(QStringLiteral("last_sync_at")).toString(), Qt::ISODate);
        e.lastStatus = o.value(QStringLiteral("last_status")).toString(QStringLiteral("never"));
        e.lastError = o.value(QStringLiteral("last_error")).toString();
        e.syncedFrom = QDate::fromString(o.value(QStringLiteral("synced_from")).toString(), Qt::ISODate);
        if (e.config.id.isEmpty() || e.config.name.isEmpty()) {
            *error = QStringLiteral("the account list %1 has an entry without id or name").arg(m_path);
            m_accounts.clear();
            return false;
        }
        m_accounts.append(e);
    }
    return true;
}

bool AccountRegistry::save(QString *error) const
{
    QJsonArray list;
    for (const AccountEntry &e : m_accounts) {
        QJsonObject options;
        for (auto it = e.config.options.cbegin(); it != e.config.options.cend(); ++it)
            options.insert(it.key(), it.value());
        list.append(QJsonObject{{QStringLiteral("options"), options},
                                {QStringLiteral("id"), e.config.id},
                                {QStringLiteral("name"), e.config.name},
                                {QStringLiteral("provider"), e.config.provider},
                                {QStringLiteral("endpoint"), e.config.endpoint},
                                {QStringLiteral("region"), e.config.region},
                                {QStringLiteral("scope"), e.config.scope},
                                {QStringLiteral("billing_table"), e.config.billingTable},
                                {QStringLiteral("billing_account"), e.config.billingAccount},
                                {QStringLiteral("initial_months"), e.initialMonths},
                                {QStringLiteral("created_at"), e.createdAt.toUTC().toString(Qt::ISODate)},
                                {QStringLiteral("last_sync_at"), e.lastSyncAt.isValid() ? e.lastSyncAt.toUTC().toString(Qt::ISODate) : QString()},
                                {QStringLiteral("last_status"), e.lastStatus},
                                {QStringLiteral("last_error"), e.lastError},
                                {QStringLiteral("synced_from"), e.syncedFrom.toString(Qt::ISODate)}});
    }
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write the account list %1: %2").arg(m_path, file.errorString());
        return false;
    }
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("accounts"), list}})
                   .toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        *error = QStringLiteral("cannot write the account list %1: %2").arg(m_path, file.errorString());
        return false;
    }
    return true;
}

AccountEntry *AccountRegistry::find(const QString &name)
{
    for (AccountEntry &e : m_accounts) {
        if (e.config.name == name)
            return &e;
    }
    return nullptr;
}

bool AccountRegistry::add(const AccountEntry &entry, QString *error)
{
    if (entry.config.name.trimmed().isEmpty()) {
        *error = QStringLiteral("an account needs a name");
        return false;
    }
    if (find(entry.config.name)) {
        *error = QStringLiteral("an account named '%1' exists already").arg(entry.config.name);
        return false;
    }
    m_accounts.append(entry);
    return true;
}

bool AccountRegistry::remove(const QString &name)
{
    return m_accounts.removeIf([&](const AccountEntry &e) { return e.config.name == name; }) > 0;
}

} // namespace costscope::providers::sync
