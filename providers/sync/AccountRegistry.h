#pragma once

// The connected cloud accounts of a workspace: their non-secret settings and sync state, in a
// JSON file next to the workspace ("<workspace>.accounts.json"). Secrets are never here: they
// live in the keychain under "<account id>/<field>".

#include "providers/CloudClient.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

namespace costscope::providers::sync {

struct AccountEntry
{
    AccountConfig config;
    int initialMonths = 3;  // months fetched by the first sync
    QDateTime createdAt;
    QDateTime lastSyncAt;   // UTC; invalid when never synced
    QString lastStatus = QStringLiteral("never"); // never, ok, failed, cancelled
    QString lastError;
    QDate syncedFrom;       // the first day held after a successful sync; invalid before the first one
};

class AccountRegistry
{
public:
    explicit AccountRegistry(const QString &workspacePath);

    static QString pathFor(const QString &workspacePath);
    QString path() const { return m_path; }

    // A missing file is an empty registry.
    bool load(QString *error);
    // Written atomically (QSaveFile).
    bool save(QString *error) const;

    const QList<AccountEntry> &accounts() const { return m_accounts; }
    AccountEntry *find(const QString &name);
    // Fails when the name is taken or empty.
    bool add(const AccountEntry &entry, QString *error);
    bool remove(const QString &name);
    // A fresh id for a new account: "<provider>-<12 hex digits>".
    static QString newAccountId(const QString &provider);

private:
    QString m_path;
    QList<AccountEntry> m_accounts;
};

} // namespace costscope::providers::sync
