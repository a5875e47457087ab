#include "providers/sync/CloudSyncService.h"

#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "providers/credentials/CredentialStore.h"
#include "providers/sync/AccountRegistry.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QUuid>

#include <memory>

namespace costscope::providers::sync {

Q_LOGGING_CATEGORY(lcSync, "costscope.sync", QtInfoMsg)

namespace {

QDate monthStart(const QDate &d)
{
    return QDate(d.year(), d.month(), 1);
}

} // namespace

CloudSyncService::CloudSyncService(SyncOptions options, SecretReader secrets)
    : m_options(std::move(options))
    , m_secrets(std::move(secrets))
{
    if (!m_options.today)
        m_options.today = [] { return QDateTime::currentDateTimeUtc().date(); };
    if (!m_secrets) {
        auto store = std::make_shared<credentials::CredentialStore>();
        m_secrets = [store](const QString &accountId, const QString &field) {
            return store->readSecretBlocking(accountId, field);
        };
    }
}

void CloudSyncService::syncRange(const QDate &today, const QDate &syncedFrom, int initialMonths, const QDate &from,
                                 const QDate &to, QDate *rangeFrom, QDate *rangeTo)
{
    const QDate end = today.addDays(1);
    if (from.isValid()) {
        *rangeFrom = monthStart(from);
    } else if (syncedFrom.isValid()) {
        // Bills are restated until the month closes: fetch the previous and the current month again.
        *rangeFrom = monthStart(today).addMonths(-1);
    } else {
        *rangeFrom = monthStart(today).addMonths(-(std::max(1, initialMonths) - 1));
    }
    if (to.isValid()) {
        const QDate last = to.addDays(-1);
        *rangeTo = std::min(end, monthStart(last).addMonths(1));
    } else {
        *rangeTo = end;
    }
}

bool CloudSyncService::readSecrets(const AccountConfig &account, Secrets *secrets, QString *error)
{
    for (const QString &field : requiredSecretFields(account.provider) + optionalSecretFields(account.provider)) {
        const SecretReadResult r = m_secrets(account.id, field);
        if (r.ok) {
            secrets->insert(field, r.secret);
        } else if (!r.notFound) {
            *error = QStringLiteral("cannot read the secrets of account '%1' from the keychain: %2").arg(account.name, r.error);
            return false;
        } else if (requiredSecretFields(account.provider).contains(field)) {
            *error = QStringLiteral("the keychain holds no %1 for account '%2'; remove and add the account again")
                         .arg(field, account.name);
            return false;
        }
    }
    return true;
}

QString CloudSyncService::testAccount(const AccountConfig &account, const CancelFn &cancelled)
{
    Secrets secrets;
    QString error;
    if (!readSecrets(account, &secrets, &error))
        return error;
    net::HttpClient http(m_options.http);
    if (m_options.sleep)
        http.setSleepFunction(m_options.sleep);
    std::unique_ptr<CloudClient> client = createClient(account, secrets, http, m_options.client, &error);
    if (!client)
        return error;
    return client->testConnection(cancelled);
}

std::vector<AccountSyncReport> CloudSyncService::syncAccounts(const QString &workspacePath, const QStringList &accountNames,
                                                              const QDate &from, const QDate &to,
                                                              const ProgressFn &progress, const CancelFn &cancelled)
{
    std::vector<AccountSyncReport> reports;
    auto report = [&](const QString &name, const QString &error) {
        AccountSyncReport r;
        r.account = name;
        r.error = error;
        reports.push_back(r);
        return reports;
    };
    AccountRegistry registry(workspacePath);
    QString error;
    if (!registry.load(&error))
        return report(QString(), error);
    QList<AccountEntry *> selected;
    for (const QString &name : accountNames) {
        AccountEntry *e = registry.find(name);
        if (!e)
            return report(name, QStringLiteral("no account named '%1'; see costscope accounts list").arg(name));
        selected.append(e);
    }
    if (accountNames.isEmpty()) {
        for (const AccountEntry &e : registry.accounts())
            selected.append(registry.find(e.config.name));
    }
    store::CostStore store;
    if (!store.open(workspacePath, &error))
        return report(QString(), error);

    net::HttpClient http(m_options.http);
    if (m_options.sleep)
        http.setSleepFunction(m_options.sleep);
    const QDate today = m_options.today();
    const QString runId = QUuid::createUuid().toString(QUuid::WithoutBraces);

    // Steps for the progress bar: one per month, one for the resources, per account.
    struct Plan
    {
        AccountEntry *entry;
        QDate from, to;
    };
    std::vector<Plan> plans;
    int totalSteps = 0;
    for (AccountEntry *e : selected) {
        Plan p{e, {}, {}};
        syncRange(today, e->syncedFrom, e->initialMonths, from, to, &p.from, &p.to);
        for (QDate m = monthStart(p.from); m < p.to; m = m.addMonths(1))
            ++totalSteps;
        if (m_options.resources)
            ++totalSteps;
        plans.push_back(p);
    }
    int doneSteps = 0;
    auto step = [&](const QString &message) {
        if (progress)
            progress(totalSteps > 0 ? static_cast<double>(doneSteps) / totalSteps : 1.0, message);
    };

    for (const Plan &plan : plans) {
        AccountEntry &entry = *plan.entry;
        const AccountConfig &account = entry.config;
        AccountSyncReport r;
        r.account = account.name;
        r.provider = account.provider;
        r.from = plan.from;
        r.to = plan.to;
        r.resources = -1;
        const int stepsOfAccount = [&] {
            int n = m_options.resources ? 1 : 0;
            for (QDate m = monthStart(plan.from); m < plan.to; m = m.addMonths(1))
                ++n;
            return n;
        }();
        const int firstStep = doneSteps;
        auto run = [&]() -> bool {
            Secrets secrets;
            if (!readSecrets(account, &secrets, &r.error))
                return false;
            ClientOptions clientOptions = m_options.client;
            if (!clientOptions.pollWait)
                clientOptions.pollWait = m_options.sleep;
            std::unique_ptr<CloudClient> client = createClient(account, secrets, http, clientOptions, &r.error);
            secrets.clear();
            if (!client)
                return false;
            for (QDate m = monthStart(plan.from); m < plan.to; m = m.addMonths(1)) {
                if (cancelled && cancelled()) {
                    r.cancelled = true;
                    r.error = QStringLiteral("cancelled");
                    return false;
                }
                step(QStringLiteral("%1: costs of %2").arg(account.name, m.toString(QStringLiteral("yyyy-MM"))));
                const QDate stepFrom = std::max(m, plan.from);
                const QDate stepTo = std::min(m.addMonths(1), plan.to);
                CostBatch batch;
                QString stepError;
                if (!client->fetchMonth(stepFrom, stepTo, &batch, &stepError, cancelled)) {
                    r.cancelled = cancelled && cancelled();
                    r.error = r.cancelled ? QStringLiteral("cancelled") : stepError;
                    return false;
                }
                store::CostWriter writer(store);
                const SourceInfo source{QStringLiteral("sync"), account.name,
                                        runId + u'/' + account.id + u'/' + m.toString(QStringLiteral("yyyy-MM")),
                                        client->providerName() + QStringLiteral(" API")};
                // The SaaS usage detail behind the month (Snowflake, Databricks) goes in the same transaction.
                auto addSaas = [&] {
                    for (const SaasBatch *saas : client->saasDetails()) {
                        if (!writer.addSaas(*saas, &stepError))
                            return false;
                    }
                    return true;
                };
                if (!writer.begin(source, &stepError) || !writer.add(batch, &stepError) || !addSaas()
                    || !writer.commit(&stepError)) {
                    r.error = QStringLiteral("cannot write the costs of %1 into the workspace: %2")
                                  .arg(m.toString(QStringLiteral("yyyy-MM")), stepError);
                    return false;
                }
                ++r.monthsWritten;
                r.rows += static_cast<int64_t>(batch.rows.size());
                for (const QString &w : client->syncWarnings()) {
                    if (!r.warnings.contains(w))
                        r.warnings << w;
                }
                ++doneSteps;
            }
            if (m_options.resources) {
                if (cancelled && cancelled()) {
                    r.cancelled = true;
                    r.error = QStringLiteral("cancelled");
                    return false;
                }
                step(QStringLiteral("%1: resources").arg(account.name));
                ResourceBatch resources;
                std::vector<MetricSeries> metrics;
                QString stepError;
                if (!client->fetchResources(&resources, &metrics, &stepError, cancelled)) {
                    r.cancelled = cancelled && cancelled();
                    r.error = r.cancelled ? QStringLiteral("cancelled") : stepError;
                    return false;
                }
                store::CostWriter writer(store);
                const SourceInfo source{QStringLiteral("sync"), account.name, runId + u'/' + account.id + QStringLiteral("/resources"),
                                        client->providerName() + QStringLiteral(" API")};
                bool ok = writer.begin(source, &stepError) && writer.addResources(resources, true, &stepError);
                for (size_t i = 0; ok && i < metrics.size(); ++i)
                    ok = writer.addMetrics(metrics[i], &stepError);
                if (!ok || !writer.commit(&stepError)) {
                    r.error = QStringLiteral("cannot write the resources into the workspace: ") + stepError;
                    return false;
                }
                r.resources = static_cast<int>(resources.resources.size());
                ++doneSteps;
            }
            // Security facts: a step of their own after the resources (whose write marked the
            // previous ones inactive); a failure is a warning and leaves the costs and resources.
            if (m_options.resources && client->collectsSecurityFacts()) {
                step(QStringLiteral("%1: security facts").arg(account.name));
                ResourceBatch facts;
                QStringList factWarnings;
                QString stepError;
                if (client->fetchSecurityFacts(&facts, &factWarnings, &stepError, cancelled)) {
                    store::CostWriter writer(store);
                    const SourceInfo source{QStringLiteral("sync"), account.name, runId + u'/' + account.id + QStringLiteral("/security"),
                                            client->providerName() + QStringLiteral(" API")};
                    if (writer.begin(source, &stepError) && writer.addResources(facts, false, &stepError) && writer.commit(&stepError))
                        r.resources += static_cast<int>(facts.resources.size());
                    else
                        factWarnings << QStringLiteral("cannot write the security facts into the workspace: ") + stepError;
                } else if (cancelled && cancelled()) {
                    r.cancelled = true;
                    r.error = QStringLiteral("cancelled");
                    return false;
                } else {
                    factWarnings << stepError + QStringLiteral(" (security facts not updated)");
                }
                for (const QString &w : std::as_const(factWarnings)) {
                    if (!r.warnings.contains(w))
                        r.warnings << w;
                }
            }
            return true;
        };
        r.ok = run();
        doneSteps = firstStep + stepsOfAccount;
        entry.lastSyncAt = QDateTime::currentDateTimeUtc();
        entry.lastStatus = r.ok ? QStringLiteral("ok") : (r.cancelled ? QStringLiteral("cancelled") : QStringLiteral("failed"));
        entry.lastError = r.ok ? QString() : r.error;
        if (r.ok && (!entry.syncedFrom.isValid() || plan.from < entry.syncedFrom))
            entry.syncedFrom = plan.from;
        if (r.ok)
            qCInfo(lcSync) << "account" << account.name << "synced:" << r.monthsWritten << "months," << r.rows << "rows,"
                           << r.resources << "resources";
        else
            qCWarning(lcSync).noquote() << "account" << account.name << "not synced:" << r.error;
        QString saveError;
        if (!registry.save(&saveError))
            qCWarning(lcSync).noquote() << saveError;
        reports.push_back(r);
        if (r.cancelled)
            break;
    }
    step(QStringLiteral("sync finished"));
    return reports;
}

} // namespace costscope::providers::sync
