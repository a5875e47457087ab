#include "app/CatalogCommands.h"

#include "model/analysis/recommendations/FlavorCatalog.h"
#include "providers/CloudClient.h"
#include "providers/credentials/CredentialStore.h"
#include "providers/pricing/AlibabaEcsPrices.h"
#include "providers/pricing/AwsPriceList.h"
#include "providers/pricing/AzureRetailPrices.h"
#include "providers/pricing/GcpBillingCatalog.h"
#include "providers/sync/AccountRegistry.h"

#include <QDateTime>
#include <QSaveFile>

#include <set>

namespace costscope::app {

namespace {

void wipe(providers::Secrets &secrets)
{
    for (auto it = secrets.begin(); it != secrets.end(); ++it)
        it.value().fill(u'\0');
    secrets.clear();
}

// The connected account NAME of the provider and its secrets from the keychain (never from the
// command line).
bool accountSecrets(const QString &workspacePath, const QString &name, const QString &provider,
                    providers::AccountConfig *config, providers::Secrets *secrets, QString *error)
{
    if (name.isEmpty()) {
        *error = QStringLiteral("--provider %1 needs --account NAME (a connected %1 account; its keys are read from the "
                                "keychain)")
                     .arg(provider);
        return false;
    }
    providers::sync::AccountRegistry registry(workspacePath);
    if (!registry.load(error))
        return false;
    const providers::sync::AccountEntry *entry = registry.find(name);
    if (!entry) {
        *error = QStringLiteral("no account named '%1'").arg(name);
        return false;
    }
    if (entry->config.provider != provider) {
        *error = QStringLiteral("account '%1' is a %2 account, not %3").arg(name, entry->config.provider, provider);
        return false;
    }
    *config = entry->config;
    providers::credentials::CredentialStore keychain;
    const QStringList required = providers::requiredSecretFields(provider);
    for (const QString &field : required + providers::optionalSecretFields(provider)) {
        const SecretReadResult r = keychain.readSecretBlocking(config->id, field);
        if (r.ok) {
            secrets->insert(field, r.secret);
        } else if (!r.notFound || required.contains(field)) {
            *error = r.notFound ? QStringLiteral("the keychain holds no %1 for account '%2'").arg(field, name)
                                : QStringLiteral("cannot read the secrets of account '%1' from the keychain: %2").arg(name, r.error);
            wipe(*secrets);
            return false;
        }
    }
    return true;
}

QUrl endpointOption(const std::multimap<QString, QString> &options, const QString &accountEndpoint, const QString &path,
                    const QUrl &fallback)
{
    const auto it = options.find(QStringLiteral("endpoint"));
    if (it != options.end())
        return QUrl(it->second);
    if (!accountEndpoint.isEmpty()) {
        QUrl u(accountEndpoint);
        u.setPath(u.path().endsWith(u'/') ? u.path().chopped(1) + path : u.path() + path);
        return u;
    }
    return fallback;
}

// The prices of one provider that needs an account: AWS Price List, GCP Cloud Billing Catalog or
// Alibaba Cloud ECS DescribePrice. Returns the exit code; 0 with *result filled.
int fetchAccountPrices(const QString &workspacePath, const QString &provider, const QString &catalogProvider,
                       const analysis::FlavorCatalog &catalog, const std::multimap<QString, QString> &options,
                       providers::pricing::PriceListResult *result, QUrl *endpoint, QTextStream &err)
{
    const auto accountIt = options.find(QStringLiteral("account"));
    providers::AccountConfig account;
    providers::Secrets secrets;
    QString error;
    if (!accountSecrets(workspacePath, accountIt == options.end() ? QString() : accountIt->second, provider, &account,
                        &secrets, &error)) {
        err << "costscope catalog refresh: " << error << '\n';
        return 2;
    }
    std::set<QString> regions, flavors;
    std::vector<providers::pricing::FlavorShape> shapes;
    for (const analysis::Flavor &f : catalog.flavors()) {
        if (f.provider != catalogProvider)
            continue;
        regions.insert(f.region);
        if (flavors.insert(f.name).second)
            shapes.push_back({f.name, f.family, f.vcpus, f.memoryGiB});
    }
    const QStringList regionList(regions.begin(), regions.end());
    const QStringList flavorList(flavors.begin(), flavors.end());
    const providers::net::HttpClient http;
    bool ok = false;
    if (provider == u"aws") {
        *endpoint = endpointOption(options, account.endpoint, QStringLiteral("/"), providers::pricing::awsPriceListEndpoint());
        const providers::auth::AwsCredentials credentials{secrets.value(QStringLiteral("access_key_id")),
                                                          secrets.value(QStringLiteral("secret_access_key")),
                                                          secrets.value(QStringLiteral("session_token"))};
        wipe(secrets);
        if (endpoint->isValid() && (endpoint->scheme() == u"https" || endpoint->scheme() == u"http"))
            ok = providers::pricing::fetchAwsEc2Prices(http, *endpoint, credentials, regionList, flavorList, result, &error);
    } else if (provider == u"gcp") {
        QString keyError;
        auto key = providers::auth::GoogleServiceAccount::fromJson(
            secrets.value(QStringLiteral("service_account_json")).toUtf8(), &keyError);
        wipe(secrets);
        if (!key) {
            err << "costscope catalog refresh: account '" << account.name
                << "': the service-account key in the keychain is not usable (" << keyError << ")\n";
            return 1;
        }
        *endpoint = endpointOption(options, account.endpoint, QStringLiteral("/v1/services/6F81-5844-456A/skus"),
                                   providers::pricing::gcpComputeSkusEndpoint());
        providers::auth::GoogleTokenProvider tokens(http, std::move(*key), {providers::pricing::gcpBillingCatalogScope()});
        if (!account.endpoint.isEmpty())
            tokens.setTokenEndpoint(endpointOption({}, account.endpoint, QStringLiteral("/token"), {}));
        if (endpoint->isValid() && (endpoint->scheme() == u"https" || endpoint->scheme() == u"http"))
            ok = providers::pricing::fetchGcpComputePrices(http, *endpoint, tokens, regionList, shapes, result, &error);
    } else {
        const auto it = options.find(QStringLiteral("endpoint"));
        *endpoint = it != options.end() ? QUrl(it->second) : account.endpoint.isEmpty() ? QUrl() : QUrl(account.endpoint);
        const providers::auth::AlibabaCredentials credentials{secrets.value(QStringLiteral("access_key_id")),
                                                              secrets.value(QStringLiteral("access_key_secret"))};
        wipe(secrets);
        if (endpoint->isEmpty() || (endpoint->isValid() && (endpoint->scheme() == u"https" || endpoint->scheme() == u"http")))
            ok = providers::pricing::fetchAlibabaEcsPrices(http, *endpoint, credentials, regionList, flavorList, result,
                                                           &error);
        if (endpoint->isEmpty())
            *endpoint = QUrl(QStringLiteral("https://ecs.<region>.aliyuncs.com/"));
    }
    if (!ok && error.isEmpty()) {
        err << "costscope catalog refresh: --endpoint is not an http(s) URL\n";
        return 2;
    }
    if (!ok) {
        err << "costscope catalog refresh: " << error << " (the catalog was not changed)\n";
        return 1;
    }
    return 0;
}

} // namespace

QString catalogUsage()
{
    return QStringLiteral("  catalog refresh [--provider azure] [--endpoint URL]  Azure VM prices from the public price list\n"
                          "  catalog refresh --provider aws|gcp|alibaba --account NAME [--endpoint URL]\n"
                          "                   AWS Price List / GCP Cloud Billing Catalog / Alibaba ECS DescribePrice prices\n");
}

int runCatalogCommand(const QString &workspacePath, const QStringList &positional,
                      const std::multimap<QString, QString> &options, QTextStream &out, QTextStream &err)
{
    if (positional.value(0) != u"refresh") {
        err << "costscope catalog: usage: " << catalogUsage();
        return 2;
    }
    auto value = [&](const char *name, const QString &fallback) {
        const auto it = options.find(QString::fromLatin1(name));
        return it == options.end() ? fallback : it->second;
    };
    const QString provider = value("provider", QStringLiteral("azure")).toLower();
    static const std::map<QString, QString> catalogNames = {{QStringLiteral("aws"), QStringLiteral("AWS")},
                                                            {QStringLiteral("gcp"), QStringLiteral("GCP")},
                                                            {QStringLiteral("alibaba"), QStringLiteral("Alibaba Cloud")}};
    if (provider != u"azure" && !catalogNames.count(provider)) {
        err << "costscope catalog refresh: --provider must be azure, aws, gcp or alibaba\n";
        return 2;
    }
    if (provider != u"azure") {
        const QString name = catalogNames.at(provider);
        QString source;
        analysis::FlavorCatalog catalog = analysis::FlavorCatalog::forWorkspace(workspacePath, &source);
        providers::pricing::PriceListResult result;
        QUrl endpoint;
        if (const int code = fetchAccountPrices(workspacePath, provider, name, catalog, options, &result, &endpoint, err))
            return code;
        std::vector<std::tuple<QString, QString, Money>> rows;
        for (const auto &p : result.prices)
            rows.emplace_back(p.region, p.flavor, p.hourly);
        const int changed = catalog.applyPrices(name, rows);
        const QString file = analysis::FlavorCatalog::workspaceFile(workspacePath);
        QSaveFile save(file);
        const QByteArray text = catalog.toCsv(
            QStringLiteral("Costscope flavour catalog, refreshed %1 from %2 (%3 prices; the rest from %4).")
                .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate),
                     providers::net::HttpClient::redactedUrl(endpoint.adjusted(QUrl::RemoveQuery)), name, source));
        if (!save.open(QIODevice::WriteOnly) || save.write(text) != text.size() || !save.commit()) {
            err << "costscope catalog refresh: cannot write " << file << ": " << save.errorString() << '\n';
            return 1;
        }
        for (const QString &s : result.skipped)
            out << "skipped " << s << '\n';
        out << result.prices.size() << ' ' << name << " prices read in " << result.requests << " requests, "
            << result.skipped.size() << " skipped, " << changed << " catalog rows changed or added; written to " << file
            << '\n';
        return 0;
    }
    const QUrl endpoint = options.count(QStringLiteral("endpoint"))
                              ? QUrl(value("endpoint", {}))
                              : providers::pricing::azureRetailPricesEndpoint();
    if (!endpoint.isValid() || (endpoint.scheme() != u"https" && endpoint.scheme() != u"http")) {
        err << "costscope catalog refresh: --endpoint is not an http(s) URL\n";
        return 2;
    }
    QString source;
    analysis::FlavorCatalog catalog = analysis::FlavorCatalog::forWorkspace(workspacePath, &source);
    std::set<QString> regions, flavors;
    for (const analysis::Flavor &f : catalog.flavors()) {
        if (f.provider != u"Azure")
            continue;
        regions.insert(f.region);
        flavors.insert(f.name);
    }
    std::vector<providers::pricing::AzurePrice> prices;
    QString error;
    const providers::net::HttpClient http;
    if (!providers::pricing::fetchAzureVmPrices(http, endpoint, QStringList(regions.begin(), regions.end()),
                                                QStringList(flavors.begin(), flavors.end()), &prices, &error)) {
        err << "costscope catalog refresh: " << error << " (the catalog was not changed)\n";
        return 1;
    }
    std::vector<std::tuple<QString, QString, Money>> rows;
    for (const auto &p : prices)
        rows.emplace_back(p.region, p.flavor, p.hourly);
    const int changed = catalog.applyPrices(QStringLiteral("Azure"), rows);
    const QString file = analysis::FlavorCatalog::workspaceFile(workspacePath);
    QSaveFile save(file);
    const QByteArray text = catalog.toCsv(
        QStringLiteral("Costscope flavour catalog, refreshed %1 from %2 (Azure prices; the rest from %3).")
            .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate), endpoint.toString(QUrl::RemoveQuery), source));
    if (!save.open(QIODevice::WriteOnly) || save.write(text) != text.size() || !save.commit()) {
        err << "costscope catalog refresh: cannot write " << file << ": " << save.errorString() << '\n';
        return 1;
    }
    out << prices.size() << " Azure prices read, " << changed << " catalog rows changed or added; written to " << file
        << '\n';
    return 0;
}

} // namespace costscope::app
