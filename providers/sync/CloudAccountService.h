#pragma once

// The AccountService the window uses (model/Services.h): the account list next to the workspace
// (AccountRegistry) for non-secret settings and sync state, the OS keychain (CredentialStore)
// for secrets, CloudSyncService::testAccount for the connection test. What each provider's form
// asks comes from providers/CloudClient.cpp (accountForms).

#include "model/Services.h"

#include <memory>

namespace costscope::providers::credentials { class CredentialStore; }

namespace costscope::providers::sync {

class CloudSyncService;

class CloudAccountService : public AccountService
{
public:
    // Null arguments mean a default CloudSyncService and the process's keychain.
    explicit CloudAccountService(CloudSyncService *sync = nullptr, credentials::CredentialStore *keychain = nullptr);
    ~CloudAccountService() override;

    QList<AccountForm> accountForms() const override;
    bool listAccounts(const QString &workspacePath, QList<AccountInfo> *accounts, QString *error) override;
    QString validateAccount(const QString &workspacePath, const AccountChange &change) override;
    QString saveAccount(const QString &workspacePath, const AccountChange &change) override;
    QString removeAccount(const QString &workspacePath, const QString &name) override;
    QString testAccount(const QString &workspacePath, const QString &name, const CancelFn &cancelled) override;

private:
    std::unique_ptr<CloudSyncService> m_ownSync;
    std::unique_ptr<credentials::CredentialStore> m_ownKeychain;
    CloudSyncService *m_sync = nullptr;
    credentials::CredentialStore *m_keychain = nullptr;
};

} // namespace costscope::providers::sync
