#include "providers/credentials/CredentialStore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QPointer>
#include <QRegularExpression>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <qt6keychain/keychain.h>

#include <future>
#include <memory>

namespace costscope::providers::credentials {

Q_LOGGING_CATEGORY(lcKeychain, "costscope.keychain")

namespace {

const QString kIndexField = QStringLiteral(".index");

// One thread for every keychain job of the process: QtKeychain queues its jobs in a singleton
// that lives in the thread of the first job, so all jobs must come from the same, lasting thread.
class KeychainThread : public QThreadPool
{
public:
    KeychainThread()
    {
        setMaxThreadCount(1);
        setExpiryTimeout(-1);
        setObjectName(QStringLiteral("costscope-keychain"));
    }
};
Q_GLOBAL_STATIC(KeychainThread, keychainThread)

QThreadPool *pool()
{
    return keychainThread();
}

QString keyFor(const QString &accountId, const QString &field)
{
    return accountId + u'/' + field;
}

QString describe(const QKeychain::Job &job, const QString &what)
{
    switch (job.error()) {
    case QKeychain::NoError:
        return {};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return QStringLiteral("Cannot %1: no OS keychain is available (on Linux a Secret Service such as "
                              "gnome-keyring or KWallet must be running and unlocked). Secrets are never "
                              "stored elsewhere. Detail: %2")
            .arg(what, job.errorString());
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return QStringLiteral("Cannot %1: the OS keychain denied access (is it locked?). Detail: %2")
            .arg(what, job.errorString());
    case QKeychain::EntryNotFound:
        return QStringLiteral("Cannot %1: no such entry in the OS keychain").arg(what);
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    return QStringLiteral("Cannot %1: the OS keychain is not available or failed (on Linux a Secret Service "
                          "such as gnome-keyring or KWallet must be running and unlocked; secrets are never "
                          "stored elsewhere). Detail: %2")
        .arg(what, job.errorString());
}

struct JobOutcome
{
    QKeychain::Error error = QKeychain::OtherError;
    QString errorText;
    QString text;
};

// Runs one job to completion on the keychain thread. The job deletes itself later (QtKeychain's
// executor may still hold queued calls to it after `finished`), so results are copied out in the
// finished handler.
JobOutcome runJob(QKeychain::Job *job, const QString &what)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plaintext copy
    JobOutcome outcome;
    QEventLoop loop;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&outcome, &loop, what](QKeychain::Job *done) {
        outcome.error = done->error();
        outcome.errorText = describe(*done, what);
        if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(done); read && done->error() == QKeychain::NoError)
            outcome.text = read->textData();
        loop.quit();
    });
    job->start();
    loop.exec();
    return outcome;
}

QString writeEntry(const QString &service, const QString &key, const QString &value)
{
    auto *job = new QKeychain::WritePasswordJob(service);
    job->setKey(key);
    QString copy = value;
    job->setTextData(copy);
    copy.fill(QChar(0));
    const JobOutcome outcome = runJob(job, QStringLiteral("store %1").arg(key));
    if (outcome.error != QKeychain::NoError) {
        qCWarning(lcKeychain) << "write failed for key" << key << outcome.error;
        return outcome.errorText;
    }
    qCDebug(lcKeychain) << "stored key" << key;
    return {};
}

SecretReadResult readEntry(const QString &service, const QString &key)
{
    auto *job = new QKeychain::ReadPasswordJob(service);
    job->setKey(key);
    JobOutcome outcome = runJob(job, QStringLiteral("read %1").arg(key));
    SecretReadResult result;
    if (outcome.error == QKeychain::NoError) {
        result.ok = true;
        result.secret = outcome.text;
        outcome.text.fill(QChar(0));
        qCDebug(lcKeychain) << "read key" << key;
    } else if (outcome.error == QKeychain::EntryNotFound) {
        result.notFound = true;
        result.error = outcome.errorText;
        qCDebug(lcKeychain) << "no entry for key" << key;
    } else {
        result.error = outcome.errorText;
        qCWarning(lcKeychain) << "read failed for key" << key << outcome.error;
    }
    return result;
}

QString deleteEntry(const QString &service, const QString &key)
{
    auto *job = new QKeychain::DeletePasswordJob(service);
    job->setKey(key);
    const JobOutcome outcome = runJob(job, QStringLiteral("remove %1").arg(key));
    if (outcome.error == QKeychain::NoError || outcome.error == QKeychain::EntryNotFound) {
        qCDebug(lcKeychain) << "removed key" << key;
        return {};
    }
    qCWarning(lcKeychain) << "delete failed for key" << key << outcome.error;
    return outcome.errorText;
}

QStringList readIndex(const QString &service, const QString &accountId, QString *error)
{
    const SecretReadResult index = readEntry(service, keyFor(accountId, kIndexField));
    if (!index.ok) {
        if (!index.notFound && error)
            *error = index.error;
        return {};
    }
    return index.secret.split(u'\n', Qt::SkipEmptyParts);
}

QString doStore(const QString &service, const QString &accountId, const QString &field, QString secret)
{
    QString error = CredentialStore::validate(accountId, field);
    if (error.isEmpty()) {
        // The index first: a secret is never in the keychain without its name in the index.
        QStringList fields = readIndex(service, accountId, &error);
        if (error.isEmpty() && !fields.contains(field)) {
            fields.append(field);
            error = writeEntry(service, keyFor(accountId, kIndexField), fields.join(u'\n'));
        }
        if (error.isEmpty())
            error = writeEntry(service, keyFor(accountId, field), secret);
    }
    secret.fill(QChar(0));
    return error;
}

QString doRemoveAccount(const QString &service, const QString &accountId)
{
    QString error = CredentialStore::validate(accountId, QStringLiteral("x"));
    if (!error.isEmpty())
        return error;
    const QStringList fields = readIndex(service, accountId, &error);
    if (!error.isEmpty())
        return error;
    for (const QString &field : fields) {
        error = deleteEntry(service, keyFor(accountId, field));
        if (!error.isEmpty())
            return error; // keep the index, so a later retry still finds the rest
    }
    error = deleteEntry(service, keyFor(accountId, kIndexField));
    if (error.isEmpty())
        qCInfo(lcKeychain) << "removed account" << accountId << "with" << fields.size() << "secrets";
    return error;
}

// Runs fn on the keychain thread and waits for it. Not QFuture::result(): that may run a task
// that has not started yet on the waiting thread itself, away from QtKeychain's executor.
template<typename Fn>
auto runBlocking(Fn fn) -> decltype(fn())
{
    std::packaged_task<decltype(fn())()> task(std::move(fn));
    auto result = task.get_future();
    pool()->start([&task] { task(); });
    return result.get();
}

template<typename T, typename Fn>
void runAsync(QObject *context, Fn work, std::function<void(const T &)> done)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, watcher, [watcher, done = std::move(done)] {
        if (done)
            done(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(pool(), std::move(work)));
}

} // namespace

CredentialStore::CredentialStore(const QString &service)
    : m_service(service)
{
}

CredentialStore::~CredentialStore() = default;

QString CredentialStore::validate(const QString &accountId, const QString &field)
{
    static const QRegularExpression fieldPattern(QStringLiteral("^[A-Za-z0-9_-][A-Za-z0-9_.-]*$"));
    if (accountId.isEmpty() || accountId.contains(u'/'))
        return QStringLiteral("Invalid account id \"%1\": it must be non-empty and contain no '/'").arg(accountId);
    for (const QChar c : accountId) {
        if (c.category() == QChar::Other_Control)
            return QStringLiteral("Invalid account id: it contains a control character");
    }
    if (!fieldPattern.match(field).hasMatch())
        return QStringLiteral("Invalid secret field name \"%1\": use letters, digits, '_', '-' and '.'").arg(field);
    return {};
}

bool CredentialStore::callerMayBlock(QString *error) const
{
    QCoreApplication *app = QCoreApplication::instance();
    if (app && app->inherits("QGuiApplication") && QThread::currentThread() == app->thread()) {
        *error = QStringLiteral("Internal error: a blocking keychain call on the GUI thread; use the asynchronous API");
        qCWarning(lcKeychain) << "blocking keychain call refused on the GUI thread";
        return false;
    }
    return true;
}

QString CredentialStore::storeSecretBlocking(const QString &accountId, const QString &field, const QString &secret)
{
    QString error;
    if (!callerMayBlock(&error))
        return error;
    const QString service = m_service;
    return runBlocking([&] { return doStore(service, accountId, field, secret); });
}

SecretReadResult CredentialStore::readSecretBlocking(const QString &accountId, const QString &field)
{
    SecretReadResult result;
    if (!callerMayBlock(&result.error))
        return result;
    result.error = validate(accountId, field);
    if (!result.error.isEmpty())
        return result;
    const QString service = m_service;
    return runBlocking([&] { return readEntry(service, keyFor(accountId, field)); });
}

QString CredentialStore::removeAccountBlocking(const QString &accountId)
{
    QString error;
    if (!callerMayBlock(&error))
        return error;
    const QString service = m_service;
    return runBlocking([&] { return doRemoveAccount(service, accountId); });
}

QStringList CredentialStore::fieldsBlocking(const QString &accountId, QString *error)
{
    QString localError;
    if (!callerMayBlock(&localError)) {
        if (error)
            *error = localError;
        return {};
    }
    const QString service = m_service;
    auto pair = runBlocking([&] {
        QString e;
        const QStringList fields = readIndex(service, accountId, &e);
        return std::make_pair(fields, e);
    });
    if (error)
        *error = pair.second;
    return pair.first;
}

void CredentialStore::storeSecret(const QString &accountId, const QString &field, const QString &secret,
                                  QObject *context, DoneFn done)
{
    const QString service = m_service;
    runAsync<QString>(
        context, [service, accountId, field, secret] { return doStore(service, accountId, field, secret); },
        std::move(done));
}

void CredentialStore::readSecret(const QString &accountId, const QString &field, QObject *context, ReadFn done)
{
    const QString service = m_service;
    runAsync<SecretReadResult>(
        context,
        [service, accountId, field] {
            SecretReadResult result;
            result.error = validate(accountId, field);
            if (!result.error.isEmpty())
                return result;
            return readEntry(service, keyFor(accountId, field));
        },
        std::move(done));
}

void CredentialStore::removeAccount(const QString &accountId, QObject *context, DoneFn done)
{
    const QString service = m_service;
    runAsync<QString>(
        context, [service, accountId] { return doRemoveAccount(service, accountId); }, std::move(done));
}

} // namespace costscope::providers::credentials
