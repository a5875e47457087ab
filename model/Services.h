#pragma once

// Service interfaces that views call and providers implement (see DESIGN.md).
// app/ hands concrete implementations to the window; GUI tests hand fakes.

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <vector>

namespace costscope {

// Progress of a long job: a value in [0, 1] (or negative when unknown) and a message.
using ProgressFn = std::function<void(double fraction, const QString &message)>;
// Polled by long jobs; returns true when the user asked to cancel.
using CancelFn = std::function<bool()>;

// What importing one file did.
struct ImportFileReport
{
    QString path;
    QString format;            // "FOCUS 1.0", "AWS CUR (legacy)", "Azure EA cost details", ...
    bool ok = false;
    bool unchanged = false;    // the same file was imported before; nothing was written
    QString error;             // one line naming file, line, column and what was expected
    int64_t rows = 0;
    int64_t bytes = 0;
    QDate periodStart;         // earliest billing period start
    QDate periodEnd;           // latest billing period end (exclusive)
    QString currency;
    QList<QPair<QString, QString>> totalsByAccount; // billing account -> billed total (decimal string)
    QStringList warnings;      // unknown columns, negative costs, ...
};

// Imports billing files into a workspace. Runs on a worker thread: it opens its own
// connection to the workspace file. Each file is one transaction.
class ImportService
{
public:
    virtual ~ImportService() = default;
    virtual std::vector<ImportFileReport> importPaths(const QString &workspacePath, const QStringList &paths,
                                                      const ProgressFn &progress, const CancelFn &cancelled) = 0;
};

} // namespace costscope

class QObject;

namespace costscope {

// What reading one secret gave: the secret, or notFound, or an error that says what failed.
struct SecretReadResult
{
    bool ok = false;
    bool notFound = false;
    QString secret;
    QString error;
};

// Secrets of connected accounts, kept only in the OS keychain, scoped per account
// ("<account-id>/<field>"). Asynchronous: each call returns at once; the callback runs later on
// the thread of `context` (which must live in the calling thread) and is dropped when `context`
// is destroyed first. An empty error string means success.
class CredentialService
{
public:
    using DoneFn = std::function<void(const QString &error)>;
    using ReadFn = std::function<void(const SecretReadResult &result)>;

    virtual ~CredentialService() = default;
    virtual void storeSecret(const QString &accountId, const QString &field, const QString &secret,
                             QObject *context, DoneFn done) = 0;
    virtual void readSecret(const QString &accountId, const QString &field, QObject *context, ReadFn done) = 0;
    // Removes every secret stored for the account.
    virtual void removeAccount(const QString &accountId, QObject *context, DoneFn done) = 0;
};

} // namespace costscope

namespace costscope {

// What syncing one connected cloud account did.
struct AccountSyncReport
{
    QString account;        // the account's name
    QString provider;       // "aws", "azure", ...
    bool ok = false;
    bool cancelled = false;
    QString error;          // plain words: what failed, why, what to do; never a secret
    QDate from;             // the days asked for, [from, to)
    QDate to;
    int monthsWritten = 0;  // each month is one transaction
    int64_t rows = 0;
    int resources = 0;      // -1 when resources were not synced
    QStringList warnings;   // what was skipped without failing the sync (a job history not readable)
};

// Fetches costs and resources of connected accounts into a workspace. Runs on a worker thread
// (it opens its own connection to the workspace file). Each completed step (one month of one
// account, the resources of one account) is one transaction; a failing account does not stop
// the others. An empty list of names means every account; invalid dates mean incremental.
class SyncService
{
public:
    virtual ~SyncService() = default;
    virtual std::vector<AccountSyncReport> syncAccounts(const QString &workspacePath, const QStringList &accountNames,
                                                        const QDate &from, const QDate &to, const ProgressFn &progress,
                                                        const CancelFn &cancelled) = 0;
};

} // namespace costscope

namespace costscope {

// One field of the form that connects a cloud account (see providers/CloudClient.cpp, the one
// place that knows what each cloud needs).
struct AccountField
{
    QString key;          // "access_key_id", "scope", "endpoint", ...
    QString label;        // "Access key ID"
    bool secret = false;  // kept only in the OS keychain
    bool required = false;
    QString placeholder;
    QString help;         // where to find it in the cloud's console
    bool fromFile = false; // the value is the content of a file the user picks (the path is not kept)
    QStringList choices;  // non-empty: one of these values (the first is the default)
};

// What the form asks for one provider.
struct AccountForm
{
    QString provider;     // "aws", "azure", "gcp", "alibaba", "kubernetes"
    QString title;        // "Amazon Web Services"
    QString help;         // what the account needs (permissions, roles), in plain words
    QList<AccountField> fields;
};

// A connected account as the Accounts tab lists it; never a secret.
struct AccountInfo
{
    QString name;
    QString provider;
    QList<QPair<QString, QString>> settings; // non-secret field key -> value
    QDateTime lastSyncAt;                    // UTC; invalid when never synced
    QString status;                          // "never", "ok", "failed", "cancelled"
    QString lastError;                       // plain words
};

// A new account, or changes to one. Secret values travel here only on their way to the keychain.
struct AccountChange
{
    QString originalName;                    // empty: a new account
    QString name;
    QString provider;
    QList<QPair<QString, QString>> values;   // field key -> value; an empty secret keeps the stored one
};

// Connected cloud accounts of a workspace: non-secret settings in the account list, secrets in
// the OS keychain only. saveAccount, removeAccount and testAccount block (keychain, network):
// call them on a worker thread. An empty string means success, else one line in plain words.
class AccountService
{
public:
    virtual ~AccountService() = default;
    virtual QList<AccountForm> accountForms() const = 0;
    virtual bool listAccounts(const QString &workspacePath, QList<AccountInfo> *accounts, QString *error) = 0;
    // Checks names, required fields and values without touching anything (cheap, any thread).
    virtual QString validateAccount(const QString &workspacePath, const AccountChange &change) = 0;
    // Secrets first (into the keychain; on failure nothing is kept), then the account list.
    virtual QString saveAccount(const QString &workspacePath, const AccountChange &change) = 0;
    // Every keychain secret of the account, then its entry; its synced costs stay.
    virtual QString removeAccount(const QString &workspacePath, const QString &name) = 0;
    // One cheap authenticated call.
    virtual QString testAccount(const QString &workspacePath, const QString &name, const CancelFn &cancelled) = 0;
};

} // namespace costscope

namespace costscope {

// How the local MLflow-compatible tracking endpoint listens (always on 127.0.0.1).
struct TrackingEndpointOptions
{
    quint16 port = 5000; // 0 picks a free port
    QString token;       // non-empty: clients must send "Authorization: Bearer <token>"
};

// The tracking endpoint of a workspace, for the window's toggle (providers/ml implements it). It
// serves on its own thread with its own connection to the workspace. start() returns once the
// endpoint listens, or false and one line saying why (port in use, workspace not readable).
class TrackingService
{
public:
    virtual ~TrackingService() = default;
    virtual bool start(const QString &workspacePath, const TrackingEndpointOptions &options, QString *error) = 0;
    virtual void stop() = 0;
    virtual bool isRunning() const = 0;
    // "http://127.0.0.1:PORT" while running, else empty: what the user sets as MLFLOW_TRACKING_URI.
    virtual QString uri() const = 0;
};

} // namespace costscope
