#include "providers/CloudClient.h"

#include "providers/alibaba/AlibabaClient.h"
#include "providers/aws/AwsClient.h"
#include "providers/azure/AzureClient.h"
#include "providers/gcp/GcpClient.h"
#include "providers/kubernetes/OpenCostClient.h"

namespace costscope::providers {

QStringList supportedProviders()
{
    return {QStringLiteral("aws"), QStringLiteral("azure"), QStringLiteral("gcp"), QStringLiteral("alibaba"), QStringLiteral("kubernetes")};
}

QStringList requiredSecretFields(const QString &provider)
{
    if (provider == u"aws")
        return {QStringLiteral("access_key_id"), QStringLiteral("secret_access_key")};
    if (provider == u"azure")
        return {QStringLiteral("tenant_id"), QStringLiteral("client_id"), QStringLiteral("client_secret")};
    if (provider == u"gcp")
        return {QStringLiteral("service_account_json")};
    if (provider == u"alibaba")
        return {QStringLiteral("access_key_id"), QStringLiteral("access_key_secret")};
    return {};
}

QStringList optionalSecretFields(const QString &provider)
{
    if (provider == u"aws")
        return {QStringLiteral("session_token")};
    if (provider == u"kubernetes")
        return {QStringLiteral("token")};
    return {};
}

std::unique_ptr<CloudClient> createClient(const AccountConfig &account, const Secrets &secrets,
                                          const net::HttpClient &http, const ClientOptions &options, QString *error)
{
    for (const QString &field : requiredSecretFields(account.provider)) {
        if (secrets.value(field).isEmpty()) {
            *error = QStringLiteral("account '%1' has no %2 in the keychain; add the account again").arg(account.name, field);
            return nullptr;
        }
    }
    if (account.provider == u"aws") {
        auth::AwsCredentials credentials{secrets.value(QStringLiteral("access_key_id")),
                                         secrets.value(QStringLiteral("secret_access_key")),
                                         secrets.value(QStringLiteral("session_token"))};
        return std::make_unique<aws::AwsClient>(account, std::move(credentials), http, options);
    }
    if (account.provider == u"azure") {
        auth::AzureClientCredentials credentials{secrets.value(QStringLiteral("tenant_id")),
                                                 secrets.value(QStringLiteral("client_id")),
                                                 secrets.value(QStringLiteral("client_secret"))};
        return std::make_unique<azure::AzureClient>(account, std::move(credentials), http, options);
    }
    if (account.provider == u"gcp") {
        QString keyError;
        auto key = auth::GoogleServiceAccount::fromJson(secrets.value(QStringLiteral("service_account_json")).toUtf8(), &keyError);
        if (!key) {
            *error = QStringLiteral("account '%1': the service-account key in the keychain is not usable (%2); add the "
                                    "account again with the JSON key file")
                         .arg(account.name, keyError);
            return nullptr;
        }
        return std::make_unique<gcp::GcpClient>(account, std::move(*key), http, options);
    }
    if (account.provider == u"alibaba") {
        if (!alibaba::AlibabaClient::isKnownSite(account.scope, error)) {
            error->prepend(QStringLiteral("account '%1': ").arg(account.name));
            return nullptr;
        }
        auth::AlibabaCredentials credentials{secrets.value(QStringLiteral("access_key_id")),
                                             secrets.value(QStringLiteral("access_key_secret"))};
        return std::make_unique<alibaba::AlibabaClient>(account, std::move(credentials), http, options);
    }
    if (account.provider == u"kubernetes") {
        if (account.endpoint.isEmpty()) {
            *error = QStringLiteral("account '%1' has no OpenCost URL; add it again with --endpoint URL (for example "
                                    "http://localhost:9003 through kubectl port-forward)")
                         .arg(account.name);
            return nullptr;
        }
        return std::make_unique<kubernetes::OpenCostClient>(account, secrets.value(QStringLiteral("token")), http, options);
    }
    *error = QStringLiteral("account '%1': syncing provider '%2' is not supported yet (supported: %3)")
                 .arg(account.name, account.provider, supportedProviders().join(QStringLiteral(", ")));
    return nullptr;
}

} // namespace costscope::providers
