#include "providers/CloudClient.h"

#include "providers/alibaba/AlibabaClient.h"
#include "providers/aws/AwsClient.h"
#include "providers/azure/AzureClient.h"
#include "providers/databricks/DatabricksClient.h"
#include "providers/gcp/GcpClient.h"
#include "providers/kubernetes/KubernetesSource.h"
#include "providers/kubernetes/PrometheusClient.h"
#include "providers/snowflake/SnowflakeClient.h"

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
    return field("endpoint", QStringLiteral("Endpoint override"), false, false, QStringLiteral("https://\u2026"),
                 QStringLiteral("Sends every request of this account to this URL instead of %1: a private "
                                "endpoint, a sovereign cloud, a proxy or a local test server. Leave empty normally.")
                     .arg(what));
}

} // namespace

// The one place that knows what each cloud needs (docs/sync.md). Keys of secret fields are the
// keychain field names and the names `costscope accounts add` reads on standard input.
QList<AccountForm> accountForms()
{
    QList<AccountForm> forms;

    AccountForm aws{QStringLiteral("aws"), QStringLiteral("Amazon Web Services"),
                    QStringLiteral("An IAM user or role with read access to Cost Explorer (ce:GetCostAndUsage), EC2 "
                                   "(ec2:Describe*) and CloudWatch (cloudwatch:GetMetricData), for example the AWS "
                                   "managed policies ReadOnlyAccess or ViewOnlyAccess plus Cost Explorer access."),
                    {}};
    aws.fields << field("access_key_id", QStringLiteral("Access key ID"), true, true, QStringLiteral("AKIA\u2026"),
                        QStringLiteral("IAM console \u25b8 Users \u25b8 your user \u25b8 Security credentials \u25b8 "
                                       "Access keys \u25b8 Create access key."))
               << field("secret_access_key", QStringLiteral("Secret access key"), true, true, QString(),
                        QStringLiteral("Shown once, when the access key is created (or in the downloaded .csv)."))
               << field("session_token", QStringLiteral("Session token"), true, false, QString(),
                        QStringLiteral("Only for temporary credentials (AWS SSO / IAM Identity Center, sts "
                                       "get-session-token); they expire, then the account must be edited."))
               << field("role_arn", QStringLiteral("Role ARN"), false, false,
                        QStringLiteral("arn:aws:iam::123456789012:role/CostscopeRead"),
                        QStringLiteral("A role to read through, for example in another account (IAM console "
                                       "\u25b8 Roles \u25b8 the role \u25b8 ARN). Each sync assumes it with the keys "
                                       "above (they need sts:AssumeRole, the role's trust policy must allow them)."))
               << field("region", QStringLiteral("Home region"), false, false, QStringLiteral("us-east-1"),
                        QStringLiteral("Where the enabled regions are listed; every enabled region is read."))
               << field("billing_account", QStringLiteral("Billing account"), false, false,
                        QStringLiteral("123456789012 (default: the account name)"),
                        QStringLiteral("The payer account id shown with the costs (top right of the AWS console)."))
               << field("tag_keys", QStringLiteral("Tag keys"), false, false, QStringLiteral("team, project"),
                        QStringLiteral("Cost allocation tag keys attached to the costs, comma-separated (Billing console \u25b8 "
                                       "Cost allocation tags). Empty: the first five Cost Explorer lists; - for none."))
               << endpointField(QStringLiteral("the AWS endpoints"));
    forms << aws;

    AccountForm azure{QStringLiteral("azure"), QStringLiteral("Microsoft Azure"),
                      QStringLiteral("An app registration (service principal) with the Cost Management Reader and "
                                     "Reader roles on the scope."),
                      {}};
    azure.fields << field("tenant_id", QStringLiteral("Tenant ID"), true, true,
                          QStringLiteral("00000000-0000-0000-0000-000000000000"),
                          QStringLiteral("Microsoft Entra ID \u25b8 Overview \u25b8 Tenant ID."))
                 << field("client_id", QStringLiteral("Client ID"), true, true,
                          QStringLiteral("00000000-0000-0000-0000-000000000000"),
                          QStringLiteral("Entra ID \u25b8 App registrations \u25b8 your app \u25b8 Application (client) ID."))
                 << field("client_secret", QStringLiteral("Client secret"), true, true, QString(),
                          QStringLiteral("The app \u25b8 Certificates & secrets \u25b8 New client secret: copy the "
                                         "Value (not the Secret ID); it is shown once."))
                 << field("scope", QStringLiteral("Scope"), false, true, QStringLiteral("/subscriptions/<subscription id>"),
                          QStringLiteral("What to read: /subscriptions/<id> (Subscriptions \u25b8 Subscription ID), or a "
                                         "billing account: /providers/Microsoft.Billing/billingAccounts/<id> (Cost "
                                         "Management \u25b8 Billing scopes). Grant the app its roles on this scope."))
                 << endpointField(QStringLiteral("management.azure.com and login.microsoftonline.com"));
    forms << azure;

    AccountForm gcp{QStringLiteral("gcp"), QStringLiteral("Google Cloud"),
                    QStringLiteral("A service account with BigQuery Data Viewer and BigQuery Job User on the billing "
                                   "export project, and Compute Viewer and Monitoring Viewer on the projects to read. "
                                   "Cloud Billing must export to BigQuery (Billing \u25b8 Billing export)."),
                    {}};
    AccountField key = field("service_account_json", QStringLiteral("Service-account key file"), true, true,
                             QStringLiteral("no key file chosen"),
                             QStringLiteral("IAM & Admin \u25b8 Service accounts \u25b8 the account \u25b8 Keys \u25b8 Add "
                                            "key \u25b8 JSON. The file's content goes into the keychain; the file "
                                            "itself is not kept or remembered, delete it afterwards."));
    key.fromFile = true;
    gcp.fields << key
               << field("scope", QStringLiteral("Project for queries"), false, false,
                        QStringLiteral("default: the project of the key file"),
                        QStringLiteral("The project the BigQuery query jobs run in (and are billed to); "
                                       "the service account needs BigQuery Job User there."))
               << field("billing_table", QStringLiteral("Billing export table"), false, true,
                        QStringLiteral("my-billing-project.billing_export.gcp_billing_export_v1_XXXXXX_XXXXXX_XXXXXX"),
                        QStringLiteral("project.dataset.table: BigQuery \u25b8 the export dataset \u25b8 the table "
                                       "named gcp_billing_export_v1_\u2026 (standard) or \u2026resource_v1_\u2026 (detailed)."))
               << field("jobs_region", QStringLiteral("BigQuery job history region"), false, false,
                        QStringLiteral("region-us (empty: no job history)"),
                        QStringLiteral("Also read the BigQuery jobs of the query project in this region "
                                       "(INFORMATION_SCHEMA.JOBS_BY_PROJECT): bytes billed, slot time and queries per "
                                       "project and user. Needs roles/bigquery.resourceViewer on the project."))
               << field("slot_hour_price", QStringLiteral("BigQuery slot-hour price (USD)"), false, false,
                        QStringLiteral("empty: on-demand, 6.25 USD per TiB billed"),
                        QStringLiteral("With BigQuery editions (reservations), the price of one slot-hour, for "
                                       "example 0.06 (Enterprise, US); jobs are then priced by their slot time."))
               << endpointField(QStringLiteral("the Google APIs"));
    forms << gcp;

    AccountForm alibaba{QStringLiteral("alibaba"), QStringLiteral("Alibaba Cloud"),
                        QStringLiteral("A RAM user with AliyunBSSReadOnlyAccess and AliyunECSReadOnlyAccess."), {}};
    AccountField site = field("scope", QStringLiteral("Site"), false, true, QString(),
                              QStringLiteral("international: accounts of alibabacloud.com; china: accounts of "
                                             "aliyun.com (China site). They use different endpoints."));
    site.choices = {QStringLiteral("international"), QStringLiteral("china")};
    alibaba.fields << field("access_key_id", QStringLiteral("AccessKey ID"), true, true, QStringLiteral("LTAI\u2026"),
                            QStringLiteral("RAM console \u25b8 Users \u25b8 the user \u25b8 Authentication \u25b8 Create "
                                           "AccessKey."))
                   << field("access_key_secret", QStringLiteral("AccessKey secret"), true, true, QString(),
                            QStringLiteral("Shown once, when the AccessKey is created."))
                   << site
                   << field("region", QStringLiteral("Region"), false, false, QStringLiteral("cn-hangzhou"),
                            QStringLiteral("The region whose ECS instances are listed first."))
                   << endpointField(QStringLiteral("the Alibaba Cloud endpoints"));
    forms << alibaba;

    AccountForm k8s{QStringLiteral("kubernetes"), QStringLiteral("Kubernetes (OpenCost or Prometheus)"),
                    QStringLiteral("An OpenCost (or Kubecost) API, or a Prometheus that scrapes OpenCost, reachable "
                                   "from this computer, for example through kubectl port-forward."),
                    {}};
    k8s.fields << field("endpoint", QStringLiteral("OpenCost or Prometheus URL"), false, true,
                        QStringLiteral("http://localhost:9003"),
                        QStringLiteral("OpenCost API: kubectl -n opencost port-forward service/opencost 9003, then "
                                       "http://localhost:9003. Or the Prometheus base URL (kubectl -n monitoring "
                                       "port-forward service/prometheus-server 9090, then http://localhost:9090)."));
    AccountField source = field("source", QStringLiteral("Source"), false, false, QString(),
                                QStringLiteral("auto: asks the URL whether it is a Prometheus (/api/v1/status/buildinfo), "
                                               "else reads it as OpenCost. prometheus: costs derived from OpenCost's "
                                               "metrics (node prices x allocations). opencost: the allocation API."));
    source.choices = kubernetes::sourceNames();
    AccountField step = field("step", QStringLiteral("Prometheus sample step"), false, false, QString(),
                              QStringLiteral("Prometheus only: how far apart the samples are read. 1h is enough for "
                                             "daily costs; 5m or 1m see short-lived pods (more requests)."));
    step.choices = {QStringLiteral("1h"), QStringLiteral("5m"), QStringLiteral("1m")};
    k8s.fields << source << step
               << field("token", QStringLiteral("Bearer token"), true, false, QString(),
                        QStringLiteral("Only when the URL is behind authentication (e.g. kubectl create token "
                                       "<service account>)."))
               << field("billing_account", QStringLiteral("Cluster name"), false, false,
                        QStringLiteral("default: the account name"),
                        QStringLiteral("The name the cluster's costs are shown under."));
    forms << k8s;

    AccountForm snowflake{QStringLiteral("snowflake"), QStringLiteral("Snowflake"),
                          QStringLiteral("A user whose role may read SNOWFLAKE.ACCOUNT_USAGE (ACCOUNTADMIN, or a role granted "
                                         "IMPORTED PRIVILEGES on database SNOWFLAKE) and use a warehouse, with a key pair "
                                         "(recommended) or an OAuth token. Credits are priced at the rate below."),
                          {}};
    AccountField snowflakeKey = field("private_key", QStringLiteral("Private key file (key-pair auth)"), true, false,
                                      QStringLiteral("no key file chosen"),
                                      QStringLiteral("openssl genrsa 2048 | openssl pkcs8 -topk8 -inform PEM -nocrypt -out "
                                                     "rsa_key.p8, then in Snowflake ALTER USER <user> SET RSA_PUBLIC_KEY='<the "
                                                     "public key>'. Choose rsa_key.p8: its content goes into the keychain; "
                                                     "the file is not kept."));
    snowflakeKey.fromFile = true;
    snowflake.fields << field("endpoint", QStringLiteral("Account URL"), false, true,
                              QStringLiteral("https://<orgname>-<account>.snowflakecomputing.com"),
                              QStringLiteral("Snowsight \u25b8 your name (bottom left) \u25b8 Account \u25b8 View account "
                                             "details \u25b8 Account/Server URL. Every request goes to this URL."))
                     << field("user", QStringLiteral("User"), false, true, QStringLiteral("COSTSCOPE_READER"),
                              QStringLiteral("The login name of the user (Snowsight \u25b8 Admin \u25b8 Users & Roles)."))
                     << snowflakeKey
                     << field("oauth_token", QStringLiteral("OAuth access token"), true, false, QString(),
                              QStringLiteral("Instead of a key: an access token from your OAuth integration (Snowflake "
                                             "OAuth or an external IdP). It expires; edit the account then."))
                     << field("account_identifier", QStringLiteral("Account identifier"), false, false,
                              QStringLiteral("default: from the URL (ORGNAME-ACCOUNT)"),
                              QStringLiteral("Only when the URL is a proxy or private link: orgname-accountname, from "
                                             "Account details \u25b8 Account identifier."))
                     << field("role", QStringLiteral("Role"), false, false, QStringLiteral("default: the user's default role"),
                              QStringLiteral("A role that may read SNOWFLAKE.ACCOUNT_USAGE."))
                     << field("warehouse", QStringLiteral("Warehouse"), false, false,
                              QStringLiteral("default: the user's default warehouse"),
                              QStringLiteral("The warehouse the usage queries run on (they cost a few seconds of it)."))
                     << field("price_per_credit", QStringLiteral("Price per credit"), false, false, QStringLiteral("3.00"),
                              QStringLiteral("Your contract's price of one credit (Snowsight \u25b8 Admin \u25b8 Cost "
                                             "management, or the order form); default 3.00."))
                     << field("currency", QStringLiteral("Currency"), false, false, QStringLiteral("USD"),
                              QStringLiteral("The currency of the price per credit; default USD."))
                     << field("billing_account", QStringLiteral("Billing account"), false, false,
                              QStringLiteral("default: the account name"),
                              QStringLiteral("The name the account's costs are shown under."));
    forms << snowflake;

    AccountForm databricks{QStringLiteral("databricks"), QStringLiteral("Databricks"),
                           QStringLiteral("A personal access token (or service principal token) of a user who may read "
                                          "the system.billing schema (an account admin grants USE and SELECT on it) and "
                                          "use a SQL warehouse."),
                           {}};
    databricks.fields << field("endpoint", QStringLiteral("Workspace URL"), false, true,
                               QStringLiteral("https://<workspace>.cloud.databricks.com"),
                               QStringLiteral("The address of the workspace in the browser (https://adb-\u2026.azuredatabricks.net "
                                              "on Azure). Every request goes to this URL."))
                      << field("token", QStringLiteral("Access token"), true, true, QStringLiteral("dapi\u2026"),
                               QStringLiteral("Workspace \u25b8 your user (top right) \u25b8 Settings \u25b8 Developer "
                                              "\u25b8 Access tokens \u25b8 Generate new token."))
                      << field("warehouse_id", QStringLiteral("SQL warehouse ID"), false, true, QStringLiteral("1234567890abcdef"),
                               QStringLiteral("SQL \u25b8 SQL Warehouses \u25b8 the warehouse \u25b8 Overview \u25b8 "
                                              "Name/ID (the part after /warehouses/ in the URL)."))
                      << field("billing_account", QStringLiteral("Databricks account"), false, false,
                               QStringLiteral("default: the account name"),
                               QStringLiteral("The name the costs are shown under (e.g. the account id from the account "
                                              "console, top right)."));
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
        return std::make_unique<databricks::DatabricksClient>(account, secrets.value(QStringLiteral("token")), http, options);
    }
    *error = QStringLiteral("account '%1': syncing provider '%2' is not supported yet (supported: %3)")
                 .arg(account.name, account.provider, supportedProviders().join(QStringLiteral(", ")));
    return nullptr;
}

} // namespace costscope::providers
