#pragma once

// Syncs connected cloud accounts into a workspace (model/Services.h SyncService): reads each
// account's secrets, asks its CloudClient month by month and writes every completed month (and
// then the account's resources) in one CostWriter transaction. Incremental: the first sync
// fetches the account's initial months; later ones the previous and the current month, which
// the clouds still restate. Blocking: run it on a worker thread.

#include "model/Services.h"
#include "providers/CloudClient.h"
#include "providers/net/HttpClient.h"

#include <functional>

namespace costscope::providers::sync {

// Reads one secret ("<account id>/<field>"); blocking.
using SecretReader = std::function<SecretReadResult(const QString &accountId, const QString &field)>;

struct SyncOptions
{
    net::HttpOptions http;
    net::SleepFn sleep;                // back-off sleep (tests record instead of waiting)
    ClientOptions client;
    std::function<QDate()> today;      // UTC today (injectable)
    bool resources = true;             // also fetch resources
};

class CloudSyncService : public SyncService
{
public:
    // Without a reader, secrets come from the keychain (CredentialStore).
    explicit CloudSyncService(SyncOptions options = {}, SecretReader secrets = {});

    std::vector<AccountSyncReport> syncAccounts(const QString &workspacePath, const QStringList &accountNames,
                                                const QDate &from, const QDate &to, const ProgressFn &progress,
                                                const CancelFn &cancelled) override;

    // Reads the account's secrets and asks the provider for one cheap authenticated call.
    // Empty on success.
    QString testAccount(const AccountConfig &account, const CancelFn &cancelled = {});

    // The days a sync asks for: explicit dates rounded out to whole months (the unit a bill is
    // replaced in) and capped at today; otherwise incremental as described above.
    static void syncRange(const QDate &today, const QDate &syncedFrom, int initialMonths, const QDate &from,
                          const QDate &to, QDate *rangeFrom, QDate *rangeTo);

private:
    bool readSecrets(const AccountConfig &account, Secrets *secrets, QString *error);

    SyncOptions m_options;
    SecretReader m_secrets;
};

} // namespace costscope::providers::sync
