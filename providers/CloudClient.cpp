#include "providers/CloudClient.h"

#include "providers/alibaba/AlibabaClient.h"
#include "providers/aws/AwsClient.h"
#include "providers/azure/AzureClient.h"
#include "providers/databricks/DatabricksClient.h"
#include "providers/gcp/GcpClient.h"
#include "providers/kubernetes/KubernetesSource.h"
#include "providers/kubernetes/PrometheusClient.h"
#include "providers/snowflake/SnowflakeClient.h"

#include <QCoreApplication>

namespace costscope::providers {

bool isRangeInOneMonth(const QString &api, const QDate &from, const QDate &to, QString *error)
{
    const QDate monthStart = from.isValid() ? QDate(from.year(), from.month(), 1) : QDate();
    if (!from.isValid() || !to.isValid() || to <= from || to > monthStart.addMonths(1)) {
        *error = QStringLiteral("%1: the range %2 to %3 is not inside one month")
                     .arg(api, from.toString(Qt::ISODate), to.toString(Qt::ISODate));
        return false;
    }
    return true;
}

void beginMonthBatch(CostBatch *batch, const QString &provider, const AccountConfig &account, const QDate &monthStart)
{
    batch->provider = provider;
    batch->billingAccountId = account.billingAccount.isEmpty() ? account.name : account.billingAccount;
    batch->billingAccountName = account.name;
    batch->periodStart = monthStart;
    batch->periodEnd = monthStart.addMonths(1);
    batch->rows.clear();
}

QStringList supportedProviders()
{
    return {QStringLiteral("aws"), QStringLiteral("azure"), QStringLiteral("gcp"), QStringLiteral("alibaba"), QStringLiteral("kubernetes"),
            QStringLiteral("snowflake"), QStringLiteral("databricks")};
}

namespace {

AccountField field(const char *key, const QString &label, bool secret, bool required, const QString &placeholder,
                   const QString &help)
{
    AccountField f;
    f.key = QString::fromLatin1(key);
    f.label = label;
    f.secret = secret;
    f.required = required;
    f.placeholder = placeholder;
    f.help = help;
    return f;
}

AccountField endpointField(const QString &what)
{
    return field("endpoint", QCoreApplication::translate("AccountForm", "Endpoint override"), false, false, QStringLiteral("https://\u2026"),
                 QCoreApplication::translate("AccountForm", "Sends every request of this account to this URL instead of %1: a private "
                     "endpoint, a sovereign cloud, a proxy or a local test server. Leave empty normally.")
                     .arg(what));
}

} // namespace

// The one place that knows what each cloud needs (docs/sync.md). Keys of secret fields are the
// keychain field names and the names `costscope accounts add` reads on standard input.
QList<AccountForm> accountForms()
{
    QList<AccountForm> forms;

    AccountForm aws{QStringLiteral("aws"), QCoreApplication::translate("AccountForm", "Amazon Web Services"),
                    QCoreApplication::translate("AccountForm", "An IAM user or role with read access to Cost Explorer (ce:GetCostAndUsage), EC2 "
                        "(ec2:Describe*) and CloudWatch (cloudwatch:GetMetricData), for example the AWS "
                        "managed policies ReadOnlyAccess or ViewOnlyAccess plus Cost Explorer access."),
                    {}};
    aws.fields << field("access_key_id", QCoreApplication::translate("AccountForm", "Access key ID"), true, true, QStringLiteral("AKIA\u2026"),
                        QCoreApplication::translate("AccountForm", "IAM console ▸ Users ▸ your user ▸ Security credentials ▸ "
                            "Access keys ▸ Create access key."))
               << field("secret_access_key", QCoreApplication::translate("AccountForm", "Secret access key"), true, true, QString(),
                        QCoreApplication::translate("AccountForm", "Shown once, when the access key is created (or in the downloaded .csv)."))
               << field("session_token", QCoreApplication::translate("AccountForm", "Session token"), true, false, QString(),
                        QCoreApplication::translate("AccountForm", "Only for temporary credentials (AWS SSO / IAM Identity Center, sts "
                            "get-session-token); they expire, then the account must be edited."))
               << field("role_arn", QCoreApplication::translate("AccountForm", "Role ARN"), false, false,
                        QStringLiteral("arn:aws:iam::123456789012:role/CostscopeRead"),
                        QCoreApplication::translate("AccountForm", "A role to read through, for example in another account (IAM console "
                            "▸ Roles ▸ the role ▸ ARN). Each sync assumes it with the keys "
                            "above (they need sts:AssumeRole, the role's trust policy must allow them)."))
               << field("region", QCoreApplication::translate("AccountForm", "Home region"), false, false, QStringLiteral("us-east-1"),
                        QCoreApplication::translate("AccountForm", "Where the enabled regions are listed; every enabled region is read."))
               << field("billing_account", QCoreApplication::translate("AccountForm", "Billing account"), false, false,
                        QCoreApplication::translate("AccountForm", "123456789012 (default: the account name)"),
                        QCoreApplication::translate("AccountForm", "The payer account id shown with the costs (top right of the AWS console)."))
               << field("tag_keys", QCoreApplication::translate("AccountForm", "Tag keys"), false, false, QCoreApplication::translate("AccountForm", "team, project"),
                        QCoreApplication::translate("AccountForm", "Cost allocation tag keys attached to the costs, comma-separated (Billing console ▸ "
                            "Cost allocation tags). Empty: the first five Cost Explorer lists; - for none."))
               << endpointField(QCoreApplication::translate("AccountForm", "the AWS endpoints"));
    forms << aws;

    AccountForm azure{QStringLiteral("azure"), QCoreApplication::translate("AccountForm", "Microsoft Azure"),
                      QCoreApplication::translate("AccountForm", "An app registration (service principal) with the Cost Management Reader and "
                          "Reader roles on the scope."),
                      {}};
    azure.fields << field("tenant_id", QCoreApplication::translate("AccountForm", "Tenant ID"), true, true,
                          QStringLiteral("00000000-0000-0000-0000-000000000000"),
                          QCoreApplication::translate("AccountForm", "Microsoft Entra ID ▸ Overview ▸ Tenant ID."))
                 << field("client_id", QCoreApplication::translate("AccountForm", "Client ID"), true, true,
                          QStringLiteral("00000000-0000-0000-0000-000000000000"),
                          QCoreApplication::translate("AccountForm", "Entra ID ▸ App registrations ▸ your app ▸ Application (client) ID."))
                 << field("client_secret", QCoreApplication::translate("AccountForm", "Client secret"), true, true, QString(),
                          QCoreApplication::translate("AccountForm", "The app ▸ Certificates & secrets ▸ New client secret: copy the "
                              "Value (not the Secret ID); it is shown once."))
                 << field("scope", QCoreApplication::translate("AccountForm", "Scope"), false, true, QCoreApplication::translate("AccountForm", "/subscriptions/<subscription id>"),
                          QCoreApplication::translate("AccountForm", "What to read: /subscriptions/<id> (Subscriptions ▸ Subscription ID), or a "
                              "billing account: /providers/Microsoft.Billing/billingAccounts/<id> (Cost "
                              "Management ▸ Billing scopes). Grant the app its roles on this scope."))
                 << endpointField(QCoreApplication::translate("AccountForm", "management.azure.com and login.microsoftonline.com"));
    forms << azure;

    AccountForm gcp{QStringLiteral("gcp"), QCoreApplication::translate("AccountForm", "Google Cloud"),
                    QCoreApplication::translate("AccountForm", "A service account with BigQuery Data Viewer and BigQuery Job User on the billing "
                        "export project, and Compute Viewer and Monitoring Viewer on the projects to read. "
                        "Cloud Billing must export to BigQuery (Billing ▸ Billing export)."),
                    {}};
    AccountField key = field("service_account_json", QCoreApplication::translate("AccountForm", "Service-account key file"), true, true,
                             QCoreApplication::translate("AccountForm", "no key file chosen"),
                             QCoreApplication::translate("AccountForm", "IAM & Admin ▸ Service accounts ▸ the account ▸ Keys ▸ Add "
                                 "key ▸ JSON. The file's content goes into the keychain; the file "
                                 "itself is not kept or remembered, delete it afterwards."));
    key.fromFile = true;
    gcp.fields << key
               << field("scope", QCoreApplication::translate("AccountForm", "Project for queries"), false, false,
                        QCoreApplication::translate("AccountForm", "default: the project of the key file"),
                        QCoreApplication::translate("AccountForm", "The project the BigQuery query jobs run in (and are billed to); "
                            "the service account needs BigQuery Job User there."))
               << field("billing_table", QCoreApplication::translate("AccountForm", "Billing export table"), false, true,
                        QStringLiteral("my-billing-project.billing_export.gcp_billing_export_v1_XXXXXX_XXXXXX_XXXXXX"),
                        QCoreApplication::translate("AccountForm", "project.dataset.table: BigQuery ▸ the export dataset ▸ the table "
                            "named gcp_billing_export_v1_… (standard) or …resource_v1_… (detailed)."))
               << field("jobs_region", QCoreApplication::translate("AccountForm", "BigQuery job history region"), false, false,
                        QCoreApplication::translate("AccountForm", "region-us (empty: no job history)"),
                        QCoreApplication::translate("AccountForm", "Also read the BigQuery jobs of the query project in this region "
                            "(INFORMATION_SCHEMA.JOBS_BY_PROJECT): bytes billed, slot time and queries per "
                            "project and user. Needs roles/bigquery.resourceViewer on the project."))
               << field("slot_hour_price", QCoreApplication::translate("AccountForm", "BigQuery slot-hour price (USD)"), false, false,
                        QCoreApplication::translate("AccountForm", "empty: on-demand, 6.25 USD per TiB billed"),
                        QCoreApplication::translate("AccountForm", "With BigQuery editions (reservations), the price of one slot-hour, for "
                            "example 0.06 (Enterprise, US); jobs are then priced by their slot time."))
               << endpointField(QCoreApplication::translate("AccountForm", "the Google APIs"));
    forms << gcp;

    AccountForm alibaba{QStringLiteral("alibaba"), QCoreApplication::translate("AccountForm", "Alibaba Cloud"),
                        QCoreApplication::translate("AccountForm", "A RAM user with AliyunBSSReadOnlyAccess and AliyunECSReadOnlyAccess."), {}};
    AccountField site = field("scope", QCoreApplication::translate("AccountForm", "Site"), false, true, QString(),
                              QCoreApplication::translate("AccountForm", "international: accounts of alibabacloud.com; china: accounts of "
                                  "aliyun.com (China site). They use different endpoints."));
    site.choices = {QStringLiteral("international"), QStringLiteral("china")};
    alibaba.fields << field("access_key_id", QCoreApplication::translate("AccountForm", "AccessKey ID"), true, true, QStringLiteral("LTAI\u2026"),
                            QCoreApplication::translate("AccountForm", "RAM console ▸ Users ▸ the user ▸ Authentication ▸ Create "
                                "AccessKey."))
                   << field("access_key_secret", QCoreApplication::translate("AccountForm", "AccessKey secret"), true, true, QString(),
                            QCoreApplication::translate("AccountForm", "Shown once, when the AccessKey is created."))
                   << site
                   << field("region", QCoreApplication::translate("AccountForm", "Region"), false, false, QStringLiteral("cn-hangzhou"),
                            QCoreApplication::translate("AccountForm", "The region whose ECS instances are listed first."))
                   << endpointField(QCoreApplication::translate("AccountForm", "the Alibaba Cloud endpoints"));
    forms << alibaba;

    AccountForm k8s{QStringLiteral("kubernetes"), QCoreApplication::translate("AccountForm", "Kubernetes (OpenCost or Prometheus)"),
                    QCoreApplication::translate("AccountForm", "An OpenCost (or Kubecost) API, or a Prometheus that scrapes OpenCost, reachable "
                                   "from this computer, for example through kubectl port-forward."),
                    {}};
    k8s.fields << field("endpoint", QCoreApplication::translate("AccountForm", "OpenCost or Prometheus URL"), false, true,
                        QStringLiteral("http://localhost:9003"),
                        QCoreApplication::translate("AccountForm", "OpenCost API: kubectl -n opencost port-forward service/opencost 9003, then "
                                       "http://localhost:9003. Or the Prometheus base URL (kubectl -n monitoring "
                                       "port-forward service/prometheus-server 9090, then http://localhost:9090)."));
    AccountField source = field("source", QCoreApplication::translate("AccountForm", "Source"), false, false, QString(),
                                QCoreApplication::translate("AccountForm", "auto: asks the URL whether it is a Prometheus (/api/v1/status/buildinfo), "
                                               "else reads it as OpenCost. prometheus: costs derived from OpenCost's "
                                               "metrics (node prices x allocations). opencost: the allocation API."));
    source.choices = kubernetes::sourceNames();
    AccountField step = field("step", QCoreApplication::translate("AccountForm", "Prometheus sample step"), false, false, QString(),
                              QCoreApplication::translate("AccountForm", "Prometheus only: how far apart the samples are read. 1h is enough for "
                                             "daily costs; 5m or 1m see short-lived pods (more requests)."));
    step.choices = {QStringLiteral("1h"), QStringLiteral("5m"), QStringLiteral("1m")};
    k8s.fields << source << step
               << field("token", QCoreApplication::translate("AccountForm", "Bearer token"), true, false, QString(),
                        QCoreApplication::translate("AccountForm", "Only when the URL is behind authentication (e.g. kubectl create token "
                                       "<service account>)."))
               << field("billing_account", QCoreApplication::translate("AccountForm", "Cluster name"), false, false,
                        QCoreApplication::translate("AccountForm", "default: the account name"),
                        QCoreApplication::translate("AccountForm", "The name the cluster's costs are shown under."));
    forms << k8s;

    AccountForm snowflake{QStringLiteral("snowflake"), QCoreApplication::translate("AccountForm", "Snowflake"),
                          QCoreApplication::translate("AccountForm", "A user whose role may read SNOWFLAKE.ACCOUNT_USAGE (ACCOUNTADMIN, or a role granted "
                              "IMPORTED PRIVILEGES on database SNOWFLAKE) and use a warehouse, with a key pair "
                              "(recommended) or an OAuth token. Credits are priced at the rate below."),
                          {}};
    AccountField snowflakeKey = field("private_key", QCoreApplication::translate("AccountForm", "Private key file (key-pair auth)"), true, false,
                                      QCoreApplication::translate("AccountForm", "no key file chosen"),
                                      QCoreApplication::translate("AccountForm", "openssl genrsa 2048 | openssl pkcs8 -topk8 -inform PEM -nocrypt -out "
                                          "rsa_key.p8, then in Snowflake ALTER USER <user> SET RSA_PUBLIC_KEY='<the "
                                          "public key>'. Choose rsa_key.p8: its content goes into the keychain; "
                                          "the file is not kept."));
    snowflakeKey.fromFile = true;
    snowflake.fields << field("endpoint", QCoreApplication::translate("AccountForm", "Account URL"), false, true,
                              QStringLiteral("https://<orgname>-<account>.snowflakecomputing.com"),
                              QCoreApplication::translate("AccountForm", "Snowsight ▸ your name (bottom left) ▸ Account ▸ View account "
                                  "details ▸ Account/Server URL. Every request goes to this URL."))
                     << field("user", QCoreApplication::translate("AccountForm", "User"), false, true, QStringLiteral("COSTSCOPE_READER"),
                              QCoreApplication::translate("AccountForm", "The login name of the user (Snowsight ▸ Admin ▸ Users & Roles)."))
                     << snowflakeKey
                     << field("oauth_token", QCoreApplication::translate("AccountForm", "OAuth access token"), true, false, QString(),
                              QCoreApplication::translate("AccountForm", "Instead of a key: an access token from your OAuth integration (Snowflake "
                                  "OAuth or an external IdP). It expires; edit the account then."))
                     << field("account_identifier", QCoreApplication::translate("AccountForm", "Account identifier"), false, false,
                              QCoreApplication::translate("AccountForm", "default: from the URL (ORGNAME-ACCOUNT)"),
                              QCoreApplication::translate("AccountForm", "Only when the URL is a proxy or private link: orgname-accountname, from "
                                  "Account details ▸ Account identifier."))
                     << field("role", QCoreApplication::translate("AccountForm", "Role"), false, false, QCoreApplication::translate("AccountForm", "default: the user's default role"),
                              QCoreApplication::translate("AccountForm", "A role that may read SNOWFLAKE.ACCOUNT_USAGE."))
                     << field("warehouse", QCoreApplication::translate("AccountForm", "Warehouse"), false, false,
                              QCoreApplication::translate("AccountForm", "default: the user's default warehouse"),
                              QCoreApplication::translate("AccountForm", "The warehouse the usage queries run on (they cost a few seconds of it)."))
                     << field("price_per_credit", QCoreApplication::translate("AccountForm", "Price per credit"), false, false, QStringLiteral("3.00"),
                              QCoreApplication::translate("AccountForm", "Your contract's price of one credit (Snowsight ▸ Admin ▸ Cost "
                                  "management, or the order form); default 3.00."))
                     << field("currency", QCoreApplication::translate("AccountForm", "Currency"), false, false, QStringLiteral("USD"),
                              QCoreApplication::translate("AccountForm", "The currency of the price per credit; default USD."))
                     << field("billing_account", QCoreApplication::translate("AccountForm", "Billing account"), false, false,
                              QCoreApplication::translate("AccountForm", "default: the account name"),
                              QCoreApplication::translate("AccountForm", "The name the account's costs are shown under."));
    forms << snowflake;

    AccountForm databricks{QStringLiteral("databricks"), QCoreApplication::translate("AccountForm", "Databricks"),
                           QCoreApplication::translate("AccountForm", "A personal access token (or service principal token) of a user who may read "
                               "the system.billing schema (an account admin grants USE and SELECT on it) and "
                               "use a SQL warehouse."),
                           {}};
    databricks.fields << field("endpoint", QCoreApplication::translate("AccountForm", "Workspace URL"), false, true,
                               QStringLiteral("https://<workspace>.cloud.databricks.com"),
                               QCoreApplication::translate("AccountForm", "The address of the workspace in the browser (https://adb-….azuredatabricks.net "
                                   "on Azure). Every request goes to this URL."))
                      << field("token", QCoreApplication::translate("AccountForm", "Access token"), true, true, QStringLiteral("dapi\u2026"),
                               QCoreApplication::translate("AccountForm", "Workspace ▸ your user (top right) ▸ Settings ▸ Developer "
                                   "▸ Access tokens ▸ Generate new token."))
                      << field("warehouse_id", QCoreApplication::translate("AccountForm", "SQL warehouse ID"), false, false, QStringLiteral("1234567890abcdef"),
                               QCoreApplication::translate("AccountForm", "SQL ▸ SQL Warehouses ▸ the warehouse ▸ Overview ▸ "
                                   "Name/ID (the part after /warehouses/ in the URL)."))
                      << field("billing_account", QCoreApplication::translate("AccountForm", "Databricks account"), false, false,
                               QCoreApplication::translate("AccountForm", "default: the account name"),
                               QCoreApplication::translate("AccountForm", "The name the costs are shown under (e.g. the account id from the account "
                                   "console, top right)."));
    // The account billable-usage download instead of system.billing.usage (docs/saas.md).
    databricks.fields
        << field("account_id", QCoreApplication::translate("AccountForm", "Account ID (billable-usage download)"), false, false,
                 QStringLiteral("00000000-0000-0000-0000-000000000000"),
                 QCoreApplication::translate("AccountForm", "Optional: read the account's billable-usage CSV download instead of "
                     "system.billing.usage (then no SQL warehouse is needed). Account console ▸ your "
                     "name (top right): the account ID."))
        << field("client_id", QCoreApplication::translate("AccountForm", "Service principal client ID"), true, false, QString(),
                 QCoreApplication::translate("AccountForm", "With the account ID: a service principal with the account admin role "
                     "(account console ▸ User management ▸ Service principals ▸ the principal: "
                     "Application ID)."))
        << field("client_secret", QCoreApplication::translate("AccountForm", "Service principal secret"), true, false, QString(),
                 QCoreApplication::translate("AccountForm", "The service principal ▸ Secrets ▸ Generate secret (an OAuth secret); "
                     "it is shown once."))
        << field("accounts_url", QCoreApplication::translate("AccountForm", "Account console URL"), false, false,
                 QStringLiteral("https://accounts.cloud.databricks.com"),
                 QCoreApplication::translate("AccountForm", "Only for another cloud's account console "
                     "(https://accounts.azuredatabricks.net, https://accounts.gcp.databricks.com) or a "
                     "test server."));
    forms << databricks;
    return forms;
}

AccountForm accountForm(const QString &provider)
{
    for (const AccountForm &f : accountForms())
        if (f.provider == provider)
            return f;
    return {};
}

QString configValue(const AccountConfig &config, const QString &key)
{
    if (key == u"endpoint")
        return config.endpoint;
    if (key == u"region")
        return config.region;
    if (key == u"scope")
        return config.scope;
    if (key == u"billing_table")
        return config.billingTable;
    if (key == u"billing_account")
        return config.billingAccount;
    return config.options.value(key);
}

void setConfigValue(AccountConfig *config, const QString &key, const QString &value)
{
    if (key == u"endpoint")
        config->endpoint = value;
    else if (key == u"region")
        config->region = value;
    else if (key == u"scope")
        config->scope = value;
    else if (key == u"billing_table")
        config->billingTable = value;
    else if (key == u"billing_account")
        config->billingAccount = value;
    else if (value.isEmpty())
        config->options.remove(key);
    else
        config->options.insert(key, value);
}

namespace {

QStringList secretFields(const QString &provider, bool required)
{
    QStringList out;
    for (const AccountField &f : accountForm(provider).fields)
        if (f.secret && f.required == required)
            out << f.key;
    return out;
}

} // namespace

QStringList requiredSecretFields(const QString &provider)
{
    return secretFields(provider, true);
}

QStringList optionalSecretFields(const QString &provider)
{
    return secretFields(provider, false);
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
        if (!kubernetes::parseSource(account.options.value(QStringLiteral("source")))
            || kubernetes::PrometheusClient::stepSeconds(account.options.value(QStringLiteral("step"))) == 0) {
            *error = QStringLiteral("account '%1': source must be one of %2 and step one of 1h, 5m, 1m")
                         .arg(account.name, kubernetes::sourceNames().join(QStringLiteral(", ")));
            return nullptr;
        }
        return std::make_unique<kubernetes::KubernetesClient>(account, secrets.value(QStringLiteral("token")), http, options);
    }
    if (account.provider == u"snowflake") {
        const QString why = snowflake::SnowflakeClient::checkAccount(account, secrets);
        if (!why.isEmpty()) {
            *error = why;
            return nullptr;
        }
        snowflake::SnowflakeAuth auth{account.options.value(QStringLiteral("user")).trimmed(),
                                      account.options.value(QStringLiteral("account_identifier")).trimmed(),
                                      secrets.value(QStringLiteral("private_key")).toUtf8(),
                                      secrets.value(QStringLiteral("oauth_token"))};
        return std::make_unique<snowflake::SnowflakeClient>(account, std::move(auth), http, options);
    }
    if (account.provider == u"databricks") {
        const QString why = databricks::DatabricksClient::checkAccount(account);
        if (!why.isEmpty()) {
            *error = why;
            return nullptr;
        }
        auto client = std::make_unique<databricks::DatabricksClient>(account, secrets.value(QStringLiteral("token")), http,
                                                                     options);
        client->setServicePrincipal(secrets.value(QStringLiteral("client_id")), secrets.value(QStringLiteral("client_secret")));
        return client;
    }
    *error = QStringLiteral("account '%1': syncing provider '%2' is not supported yet (supported: %3)")
                 .arg(account.name, account.provider, supportedProviders().join(QStringLiteral(", ")));
    return nullptr;
}

} // namespace costscope::providers
