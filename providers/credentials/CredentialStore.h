#pragma once

// The one wrapper around QtKeychain (see docs/providers.md, "Keychain").
//
// Every keychain job runs on one process-wide keychain thread, one after another, with a local
// event loop on that thread only (QtKeychain's jobs are asynchronous and need one). Callers never
// run a nested event loop:
//  - the GUI uses the asynchronous CredentialService calls; results come back through a callback
//    bound to a context object;
//  - workers and the command line may use the *Blocking calls, which wait for the keychain thread
//    (a plain wait, no event loop); they refuse to run on a QGuiApplication's main thread.
// Keys are "<account-id>/<field>". The field names of each account are kept in an index entry
// "<account-id>/.index" in the keychain too, so removing an account removes all its secrets.
// There is no plaintext fallback: without a keychain every call fails with a clear error.

#include "model/Services.h"

#include <QString>
#include <QStringList>

namespace costscope::providers::credentials {

class CredentialStore : public CredentialService
{
public:
    explicit CredentialStore(const QString &service = QStringLiteral("costscope"));
    ~CredentialStore() override;

    QString service() const { return m_service; }

    // Blocking variants; not on the GUI thread. Return an empty string on success.
    QString storeSecretBlocking(const QString &accountId, const QString &field, const QString &secret);
    SecretReadResult readSecretBlocking(const QString &accountId, const QString &field);
    QString removeAccountBlocking(const QString &accountId);
    // Field names stored for the account (from the index).
    QStringList fieldsBlocking(const QString &accountId, QString *error = nullptr);

    // CredentialService
    void storeSecret(const QString &accountId, const QString &field, const QString &secret, QObject *context,
                     DoneFn done) override;
    void readSecret(const QString &accountId, const QString &field, QObject *context, ReadFn done) override;
    void removeAccount(const QString &accountId, QObject *context, DoneFn done) override;

    // Account ids: non-empty, no '/', no control characters. Fields: [A-Za-z0-9_.-]+, not
    // starting with '.'. Returns an error text, or empty when valid.
    static QString validate(const QString &accountId, const QString &field);

private:
    bool callerMayBlock(QString *error) const;

    QString m_service;
};

} // namespace costscope::providers::credentials
