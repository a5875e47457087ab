#include "app/SyncCommands.h"

#include "app/TextTable.h"
#include "app/Workspace.h"
#include "providers/alibaba/AlibabaClient.h"
#include "providers/aws/AwsClient.h"
#include "providers/credentials/CredentialStore.h"
#include "providers/databricks/DatabricksClient.h"
#include "providers/gcp/GcpClient.h"
#include "providers/kubernetes/KubernetesSource.h"
#include "providers/kubernetes/PrometheusClient.h"
#include "providers/snowflake/SnowflakeClient.h"
#include "providers/sync/AccountRegistry.h"
#include "providers/sync/CloudSyncService.h"
#include "providers/sync/SecretInput.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QJsonObject>
#include <QUrl>

namespace costscope::app {

using providers::sync::AccountEntry;
using providers::sync::AccountRegistry;

namespace {

QString value(const SyncCommandArgs &a, const QString &name)
{
    auto it = a.options.find(name);
    return it == a.options.end() ? QString() : it->second;
}

QStringList values(const SyncCommandArgs &a, const QString &name)
{
    QStringList out;
    auto [first, last] = a.options.equal_range(name);
    for (auto it = first; it != last; ++it)
        out << it->second;
    return out;
}

QString workspaceOf(const SyncCommandArgs &a)
{
    return a.workspace.isEmpty() ? defaultWorkspacePath() : a.workspace;
}

// The account named by --name or the first positional after the sub-verb.
QString accountName(const SyncCommandArgs &a)
{
    const QString n = value(a, QStringLiteral("name"));
    return n.isEmpty() && a.positional.size() > 1 ? a.positional.at(1) : n;
}

bool loadRegistry(AccountRegistry &registry, QTextStream &err)
{
    QString error;
    if (!registry.load(&error)) {
        err << "costscope: accounts: " << error << '\n';
        return false;
    }
    return true;
}

void wipe(providers::Secrets &secrets)
{
    for (auto it = secrets.begin(); it != secrets.end(); ++it)
        it.value().fill(u'\0');
    secrets.clear();
}

int addAccount(const SyncCommandArgs &a, QTextStream &in, QTextStream &out, QTextStream &err)
{
    AccountEntry entry;
    providers::AccountConfig &c = entry.config;
    c.provider = value(a, QStringLiteral("provider")).toLower();
    c.name = value(a, QStringLiteral("name")).trimmed();
    c.endpoint = value(a, QStringLiteral("endpoint"));
    c.region = value(a, QStringLiteral("region"));
    c.scope = value(a, QStringLiteral("scope"));
    c.billingTable = value(a, QStringLiteral("billing-table"));
    c.billingAccount = value(a, QStringLiteral("billing-account"));
    const QString roleArn = value(a, QStringLiteral("role-arn")).trimmed();
    const QStringList known = providers::supportedProviders();
    // The other non-secret fields of the provider's form as --<field> (snowflake --user,
    // --warehouse, --role, --price-per-credit, --currency, --account-identifier; databricks
    // --warehouse-id; gcp --jobs-region, --slot-hour-price; kubernetes --source, --step).
    if (c.provider == u"snowflake" || c.provider == u"databricks" || c.provider == u"gcp" || c.provider == u"kubernetes") {
        for (const AccountField &f : providers::accountForm(c.provider).fields) {
            const QString option = QString(f.key).replace(u'_', u'-');
            if (!f.secret && a.options.count(option) && f.key != u"endpoint" && f.key != u"billing_account")
                providers::setConfigValue(&c, f.key, value(a, option).trimmed());
        }
    }
    if (!known.contains(c.provider)) {
        err << "costscope: accounts add: --provider must be one of " << known.join(QStringLiteral(", ")) << '\n';
        return 2;
    }
    if (c.name.isEmpty()) {
        err << "costscope: accounts add: --name is required\n";
        return 2;
    }
    if (c.provider == u"alibaba") {
        QString siteError;
        if (!providers::alibaba::AlibabaClient::isKnownSite(c.scope, &siteError)) {
            err << "costscope: accounts add: " << siteError << '\n';
            return 2;
        }
    }
    if (!roleArn.isEmpty()) {
        QString why;
        if (c.provider != u"aws") {
            err << "costscope: accounts add: --role-arn is for --provider aws only\n";
            return 2;
        }
        if (!providers::aws::AwsClient::isValidRoleArn(roleArn, &why)) {
            err << "costscope: accounts add: --role-arn: " << why << '\n';
            return 2;
        }
        c.options.insert(QStringLiteral("role_arn"), roleArn);
    }
    if ((c.provider == u"snowflake" || c.provider == u"databricks") && c.endpoint.isEmpty()) {
        err << "costscope: accounts add: " << c.provider << " needs --endpoint URL (the account URL, "
            << (c.provider == u"snowflake" ? "https://<orgname>-<account>.snowflakecomputing.com" : "https://<workspace>.cloud.databricks.com")
            << ")\n";
        return 2;
    }
    if (c.provider == u"databricks") {
        const QString why = providers::databricks::DatabricksClient::checkAccount(c);
        if (!why.isEmpty()) {
            err << "costscope: accounts add: " << why << " (--warehouse-id ID)\n";
            return 2;
        }
    }
    if (c.provider == u"kubernetes" && c.endpoint.isEmpty()) {
        err << "costscope: accounts add: kubernetes needs --endpoint URL (the OpenCost API, for example "
               "http://localhost:9003 through kubectl port-forward, or the Prometheus base URL)\n";
        return 2;
    }
    if (c.provider == u"kubernetes") {
        const QString source = c.options.value(QStringLiteral("source"));
        if (!providers::kubernetes::parseSource(source)) {
            err << "costscope: accounts add: --source must be one of "
                << providers::kubernetes::sourceNames().join(QStringLiteral(", ")) << '\n';
            return 2;
        }
        if (providers::kubernetes::PrometheusClient::stepSeconds(c.options.value(QStringLiteral("step"))) == 0) {
            err << "costscope: accounts add: --step must be one of 1h, 5m, 1m\n";
            return 2;
        }
        c.options.insert(QStringLiteral("source"), source.isEmpty() ? QStringLiteral("auto") : source.trimmed().toLower());
    }
    if (c.provider == u"azure") {
        // The scope becomes part of every ARM URL: a subscription, resource group or billing scope.
        static const QRegularExpression scopePattern(QStringLiteral("^/(subscriptions|providers)/[A-Za-z0-9._:()/-]+$"),
                                                     QRegularExpression::CaseInsensitiveOption);
        if (!scopePattern.match(c.scope).hasMatch() || c.scope.contains(QStringLiteral("..")) || c.scope.contains(QStringLiteral("//"))) {
            err << "costscope: accounts add: azure needs --scope /subscriptions/<subscription id> or a billing scope such as "
                   "/providers/Microsoft.Billing/billingAccounts/<id>\n";
            return 2;
        }
    }
    if (c.provider == u"gcp") {
        // The table name is quoted into the BigQuery SQL: only a strict project.dataset.table.
        providers::gcp::BillingTable table;
        QString tableError;
        if (!providers::gcp::BillingTable::parse(c.billingTable, &table, &tableError)) {
            err << "costscope: accounts add: gcp needs --billing-table: " << tableError << '\n';
            return 2;
        }
        c.billingTable = c.billingTable.trimmed();
    }
    if (!c.endpoint.isEmpty()) {
        const QUrl url(c.endpoint);
        if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http") || url.host().isEmpty()) {
            err << "costscope: accounts add: --endpoint must be an http(s) URL\n";
            return 2;
        }
    }
    if (a.options.count(QStringLiteral("months"))) {
        bool ok = false;
        entry.initialMonths = value(a, QStringLiteral("months")).toInt(&ok);
        if (!ok || entry.initialMonths < 1 || entry.initialMonths > 60) {
            err << "costscope: accounts add: --months must be between 1 and 60\n";
            return 2;
        }
    }
    AccountRegistry registry(workspaceOf(a));
    if (!loadRegistry(registry, err))
        return 1;
    if (registry.find(c.name)) {
        err << "costscope: accounts add: an account named '" << c.name << "' exists already\n";
        return 1;
    }
    providers::Secrets secrets;
    QString error;
    QString input = in.readAll();
    const bool parsed = providers::sync::parseSecretInput(c.provider, input, &secrets, &error);
    input.fill(u'\0');
    if (!parsed) {
        err << "costscope: accounts add: " << error << '\n';
        return 2;
    }
    if (c.provider == u"snowflake") {
        // A user, a key (checked here, before the keychain) or a token, and a usable rate.
        QString why = providers::snowflake::SnowflakeClient::checkAccount(c, secrets);
        if (why.isEmpty() && !secrets.value(QStringLiteral("private_key")).isEmpty()
            && providers::snowflake::SnowflakeJwt::publicKeyFingerprint(secrets.value(QStringLiteral("private_key")).toUtf8(), &why).isEmpty())
            why = QStringLiteral("private_key: ") + why;
        if (!why.isEmpty()) {
            wipe(secrets);
            err << "costscope: accounts add: " << why << '\n';
            return 2;
        }
    }
    c.id = AccountRegistry::newAccountId(c.provider);
    entry.createdAt = QDateTime::currentDateTimeUtc();
    providers::credentials::CredentialStore keychain;
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        error = keychain.storeSecretBlocking(c.id, it.key(), it.value());
        if (!error.isEmpty()) {
            wipe(secrets);
            keychain.removeAccountBlocking(c.id);
            err << "costscope: accounts add: the secrets cannot be stored in the keychain, so nothing was stored: "
                << error << '\n';
            return 1;
        }
    }
    wipe(secrets);
    if (!registry.add(entry, &error) || !registry.save(&error)) {
        keychain.removeAccountBlocking(c.id);
        err << "costscope: accounts add: " << error << '\n';
        return 1;
    }
    if (a.format == u"json")
        out << QJsonDocument(QJsonObject{{QStringLiteral("name"), c.name},
                                         {QStringLiteral("provider"), c.provider},
                                         {QStringLiteral("id"), c.id}})
                   .toJson(QJsonDocument::Indented);
    else
        out << "Added " << c.provider << " account '" << c.name << "'; its secrets are in the keychain.\n";
    return 0;
}

int listAccounts(const SyncCommandArgs &a, QTextStream &out, QTextStream &err)
{
    AccountRegistry registry(workspaceOf(a));
    if (!loadRegistry(registry, err))
        return 1;
    if (a.format == u"json") {
        QJsonArray list;
        for (const AccountEntry &e : registry.accounts())
            list.append(QJsonObject{{QStringLiteral("name"), e.config.name},
                                    {QStringLiteral("provider"), e.config.provider},
                                    {QStringLiteral("endpoint"), e.config.endpoint},
                                    {QStringLiteral("region"), e.config.region},
                                    {QStringLiteral("scope"), e.config.scope},
                                    {QStringLiteral("billing_table"), e.config.billingTable},
                                    {QStringLiteral("last_sync"), e.lastSyncAt.isValid() ? e.lastSyncAt.toString(Qt::ISODate) : QString()},
                                    {QStringLiteral("status"), e.lastStatus},
                                    {QStringLiteral("error"), e.lastError}});
        out << QJsonDocument(QJsonObject{{QStringLiteral("accounts"), list}}).toJson(QJsonDocument::Indented);
        return 0;
    }
    TextTable table({QStringLiteral("name"), QStringLiteral("provider"), QStringLiteral("endpoint"),
                     QStringLiteral("last sync"), QStringLiteral("status"), QStringLiteral("error")});
    for (const AccountEntry &e : registry.accounts())
        table.addRow({e.config.name, e.config.provider, e.config.endpoint,
                      e.lastSyncAt.isValid() ? e.lastSyncAt.toString(Qt::ISODate) : QString(), e.lastStatus, e.lastError});
    if (a.format == u"csv")
        out << table.toCsv();
    else if (registry.accounts().isEmpty())
        out << "No accounts. Add one with: costscope accounts add --provider P --name N (secrets on standard input)\n";
    else
        out << table.toText({});
    return 0;
}

int testAccount(const SyncCommandArgs &a, QTextStream &out, QTextStream &err)
{
    const QString name = accountName(a);
    AccountRegistry registry(workspaceOf(a));
    if (!loadRegistry(registry, err))
        return 1;
    const AccountEntry *e = registry.find(name);
    if (!e) {
        err << "costscope: accounts test: no account named '" << name << "'\n";
        return 1;
    }
    providers::sync::CloudSyncService service;
    const QString error = service.testAccount(e->config);
    if (!error.isEmpty()) {
        err << "costscope: accounts test: " << error << '\n';
        return 1;
    }
    out << "Account '" << name << "' works.\n";
    return 0;
}

int removeAccount(const SyncCommandArgs &a, QTextStream &out, QTextStream &err)
{
    const QString name = accountName(a);
    AccountRegistry registry(workspaceOf(a));
    if (!loadRegistry(registry, err))
        return 1;
    const AccountEntry *e = registry.find(name);
    if (!e) {
        err << "costscope: accounts remove: no account named '" << name << "'\n";
        return 1;
    }
    providers::credentials::CredentialStore keychain;
    const QString error = keychain.removeAccountBlocking(e->config.id);
    if (!error.isEmpty()) {
        err << "costscope: accounts remove: the secrets of '" << name
            << "' cannot be removed from the keychain, so the account is kept: " << error << '\n';
        return 1;
    }
    registry.remove(name);
    QString saveError;
    if (!registry.save(&saveError)) {
        err << "costscope: accounts remove: " << saveError << '\n';
        return 1;
    }
    out << "Removed account '" << name << "' and its secrets. Its synced costs stay in the workspace.\n";
    return 0;
}

bool parseDay(const QString &text, QDate *out)
{
    *out = QDate::fromString(text, Qt::ISODate);
    return out->isValid() && text.size() == 10;
}

} // namespace

QString syncUsage()
{
    return QStringLiteral(
        "  accounts add --provider P --name N [--endpoint URL] [--region R] [--scope S]\n"
        "               [--billing-table T] [--billing-account ID] [--months M]\n"
        "               [--role-arn arn:aws:iam::<account>:role/<name>] (aws)\n"
        "               --user U [--warehouse W] [--role R] [--price-per-credit 3.00] [--currency USD] (snowflake;\n"
        "                secrets: {\"private_key\": \"<PEM>\"} or oauth_token=...)\n"
        "               --warehouse-id ID (databricks; secret: token=...)\n"
        "               [--jobs-region region-us] [--slot-hour-price 0.06] (gcp: BigQuery job history)\n"
        "               [--source auto|opencost|prometheus] [--step 1h|5m|1m] (kubernetes; secret: token=...)\n"
        "                                                    connect a cloud account; secrets on standard\n"
        "                                                     input (JSON object or key=value lines)\n"
        "  accounts list | test NAME | remove NAME           connected accounts\n"
        "  sync [--account NAME]... [--from D] [--to D]      fetch costs and resources (incremental)\n");
}

int runAccountsCommand(const SyncCommandArgs &a, QTextStream &in, QTextStream &out, QTextStream &err)
{
    const QString sub = a.positional.value(0, QStringLiteral("list"));
    if (sub == u"add")
        return addAccount(a, in, out, err);
    if (sub == u"list")
        return listAccounts(a, out, err);
    if (sub == u"test")
        return testAccount(a, out, err);
    if (sub == u"remove")
        return removeAccount(a, out, err);
    err << "costscope: accounts: unknown action '" << sub << "' (add, list, test, remove)\n";
    return 2;
}

int runSyncCommand(const SyncCommandArgs &a, QTextStream &out, QTextStream &err)
{
    QDate from, to;
    if (a.options.count(QStringLiteral("from")) && !parseDay(value(a, QStringLiteral("from")), &from)) {
        err << "costscope: sync: --from must be a date YYYY-MM-DD\n";
        return 2;
    }
    if (a.options.count(QStringLiteral("to")) && !parseDay(value(a, QStringLiteral("to")), &to)) {
        err << "costscope: sync: --to must be a date YYYY-MM-DD\n";
        return 2;
    }
    if (to.isValid() && !from.isValid()) {
        err << "costscope: sync: --to needs --from\n";
        return 2;
    }
    if (from.isValid() && to.isValid() && to <= from) {
        err << "costscope: sync: --to must be after --from\n";
        return 2;
    }
    providers::sync::CloudSyncService service;
    const std::vector<AccountSyncReport> reports =
        service.syncAccounts(workspaceOf(a), values(a, QStringLiteral("account")), from, to, {}, {});
    int failed = 0;
    QJsonArray list;
    for (const AccountSyncReport &r : reports) {
        if (!r.ok)
            ++failed;
        if (a.format == u"json") {
            QJsonObject o{{QStringLiteral("account"), r.account},
                          {QStringLiteral("provider"), r.provider},
                          {QStringLiteral("ok"), r.ok},
                          {QStringLiteral("from"), r.from.toString(Qt::ISODate)},
                          {QStringLiteral("to"), r.to.toString(Qt::ISODate)},
                          {QStringLiteral("months"), r.monthsWritten},
                          {QStringLiteral("rows"), static_cast<qint64>(r.rows)},
                          {QStringLiteral("resources"), r.resources}};
            if (!r.ok)
                o.insert(QStringLiteral("error"), r.error);
            if (!r.warnings.isEmpty())
                o.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(r.warnings));
            list.append(o);
            continue;
        }
        if (!r.ok) {
            err << "costscope: sync: " << (r.account.isEmpty() ? QString() : r.account + QStringLiteral(": ")) << r.error << '\n';
            continue;
        }
        out << r.account << ": " << r.monthsWritten << " months (" << r.from.toString(Qt::ISODate) << " to "
            << r.to.toString(Qt::ISODate) << ", exclusive), " << r.rows << " cost rows, " << r.resources << " resources\n";
        for (const QString &w : r.warnings)
            out << "  warning: " << w << '\n';
    }
    if (a.format == u"json")
        out << QJsonDocument(QJsonObject{{QStringLiteral("failed"), failed}, {QStringLiteral("accounts"), list}})
                   .toJson(QJsonDocument::Indented);
    else if (reports.empty())
        out << "No accounts to sync. Add one with: costscope accounts add\n";
    return failed > 0 ? 1 : 0;
}

} // namespace costscope::app
