<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountForm</name>
    <message>
        <source>Endpoint override</source>
        <translation>自定义端点</translation>
    </message>
    <message>
        <source>Sends every request of this account to this URL instead of %1: a private endpoint, a sovereign cloud, a proxy or a local test server. Leave empty normally.</source>
        <translation>将此账户的每个请求发送到此 URL，而不是 %1：私有端点、主权云、代理或本地测试服务器。通常留空。</translation>
    </message>
    <message>
        <source>Amazon Web Services</source>
        <translation>Amazon Web Services</translation>
    </message>
    <message>
        <source>An IAM user or role with read access to Cost Explorer (ce:GetCostAndUsage), EC2 (ec2:Describe*) and CloudWatch (cloudwatch:GetMetricData), for example the AWS managed policies ReadOnlyAccess or ViewOnlyAccess plus Cost Explorer access.</source>
        <translation>对 Cost Explorer（ce:GetCostAndUsage）、EC2（ec2:Describe*）和 CloudWatch（cloudwatch:GetMetricData）有读取权限的 IAM 用户或角色，例如 AWS 托管策略 ReadOnlyAccess 或 ViewOnlyAccess，再加上 Cost Explorer 访问权限。</translation>
    </message>
    <message>
        <source>Access key ID</source>
        <translation>访问密钥 ID</translation>
    </message>
    <message>
        <source>IAM console ▸ Users ▸ your user ▸ Security credentials ▸ Access keys ▸ Create access key.</source>
        <translation>IAM 控制台 ▸ 用户 ▸ 您的用户 ▸ 安全凭证 ▸ 访问密钥 ▸ 创建访问密钥。</translation>
    </message>
    <message>
        <source>Secret access key</source>
        <translation>秘密访问密钥</translation>
    </message>
    <message>
        <source>Shown once, when the access key is created (or in the downloaded .csv).</source>
        <translation>仅在创建访问密钥时显示一次（也在下载的 .csv 文件中）。</translation>
    </message>
    <message>
        <source>Session token</source>
        <translation>会话令牌</translation>
    </message>
    <message>
        <source>Only for temporary credentials (AWS SSO / IAM Identity Center, sts get-session-token); they expire, then the account must be edited.</source>
        <translation>仅用于临时凭证（AWS SSO / IAM Identity Center、sts get-session-token）；凭证会过期，过期后必须编辑账户。</translation>
    </message>
    <message>
        <source>Role ARN</source>
        <translation>角色 ARN</translation>
    </message>
    <message>
        <source>A role to read through, for example in another account (IAM console ▸ Roles ▸ the role ▸ ARN). Each sync assumes it with the keys above (they need sts:AssumeRole, the role&apos;s trust policy must allow them).</source>
        <translation>通过其读取数据的角色，例如另一个账户中的角色（IAM 控制台 ▸ 角色 ▸ 该角色 ▸ ARN）。每次同步都用上面的密钥代入该角色（密钥需要 sts:AssumeRole 权限，且角色的信任策略必须允许它们）。</translation>
    </message>
    <message>
        <source>Home region</source>
        <translation>主区域</translation>
    </message>
    <message>
        <source>Where the enabled regions are listed; every enabled region is read.</source>
        <translation>从此区域列出已启用的区域；每个已启用的区域都会被读取。</translation>
    </message>
    <message>
        <source>Billing account</source>
        <translation>账单账户</translation>
    </message>
    <message>
        <source>123456789012 (default: the account name)</source>
        <translation>123456789012（默认：账户名称）</translation>
    </message>
    <message>
        <source>The payer account id shown with the costs (top right of the AWS console).</source>
        <translation>随成本显示的付款账户 ID（AWS 控制台右上角）。</translation>
    </message>
    <message>
        <source>Tag keys</source>
        <translation>标签键</translation>
    </message>
    <message>
        <source>team, project</source>
        <translation>team, project</translation>
    </message>
    <message>
        <source>Cost allocation tag keys attached to the costs, comma-separated (Billing console ▸ Cost allocation tags). Empty: the first five Cost Explorer lists; - for none.</source>
        <translation>附加到成本上的成本分配标签键，以逗号分隔（账单控制台 ▸ 成本分配标签）。留空：使用 Cost Explorer 列出的前五个；填 - 表示不附加。</translation>
    </message>
    <message>
        <source>the AWS endpoints</source>
        <translation>AWS 端点</translation>
    </message>
    <message>
        <source>Microsoft Azure</source>
        <translation>Microsoft Azure</translation>
    </message>
    <message>
        <source>An app registration (service principal) with the Cost Management Reader and Reader roles on the scope.</source>
        <translation>在该范围上拥有“成本管理读者”和“读者”角色的应用注册（服务主体）。</translation>
    </message>
    <message>
        <source>Tenant ID</source>
        <translation>租户 ID</translation>
    </message>
    <message>
        <source>Microsoft Entra ID ▸ Overview ▸ Tenant ID.</source>
        <translation>Microsoft Entra ID ▸ 概述 ▸ 租户 ID。</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>客户端 ID</translation>
    </message>
    <message>
        <source>Entra ID ▸ App registrations ▸ your app ▸ Application (client) ID.</source>
        <translation>Entra ID ▸ 应用注册 ▸ 您的应用 ▸ 应用程序（客户端）ID。</translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation>客户端机密</translation>
    </message>
    <message>
        <source>The app ▸ Certificates &amp; secrets ▸ New client secret: copy the Value (not the Secret ID); it is shown once.</source>
        <translation>该应用 ▸ 证书和密码 ▸ 新客户端密码：复制“值”（不是“机密 ID”）；它只显示一次。</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>/subscriptions/&lt;subscription id&gt;</source>
        <translation>/subscriptions/&lt;subscription id&gt;</translation>
    </message>
    <message>
        <source>What to read: /subscriptions/&lt;id&gt; (Subscriptions ▸ Subscription ID), or a billing account: /providers/Microsoft.Billing/billingAccounts/&lt;id&gt; (Cost Management ▸ Billing scopes). Grant the app its roles on this scope.</source>
        <translation>要读取的范围：/subscriptions/&lt;id&gt;（订阅 ▸ 订阅 ID），或账单账户：/providers/Microsoft.Billing/billingAccounts/&lt;id&gt;（成本管理 ▸ 计费范围）。请在此范围上为该应用授予上述角色。</translation>
    </message>
    <message>
        <source>management.azure.com and login.microsoftonline.com</source>
        <translation>management.azure.com 和 login.microsoftonline.com</translation>
    </message>
    <message>
        <source>Google Cloud</source>
        <translation>Google Cloud</translation>
    </message>
    <message>
        <source>A service account with BigQuery Data Viewer and BigQuery Job User on the billing export project, and Compute Viewer and Monitoring Viewer on the projects to read. Cloud Billing must export to BigQuery (Billing ▸ Billing export).</source>
        <translation>一个服务账号，在账单导出项目上具有 BigQuery Data Viewer 和 BigQuery Job User 角色，在要读取的项目上具有 Compute Viewer 和 Monitoring Viewer 角色。Cloud Billing 必须导出到 BigQuery（结算 ▸ 结算数据导出）。</translation>
    </message>
    <message>
        <source>Service-account key file</source>
        <translation>服务账号密钥文件</translation>
    </message>
    <message>
        <source>no key file chosen</source>
        <translation>未选择密钥文件</translation>
    </message>
    <message>
        <source>IAM &amp; Admin ▸ Service accounts ▸ the account ▸ Keys ▸ Add key ▸ JSON. The file&apos;s content goes into the keychain; the file itself is not kept or remembered, delete it afterwards.</source>
        <translation>IAM 和管理 ▸ 服务账号 ▸ 该账号 ▸ 密钥 ▸ 添加密钥 ▸ JSON。文件内容存入密钥链；文件本身不会被保留或记住，之后请将其删除。</translation>
    </message>
    <message>
        <source>Project for queries</source>
        <translation>查询项目</translation>
    </message>
    <message>
        <source>default: the project of the key file</source>
        <translation>默认：密钥文件所属的项目</translation>
    </message>
    <message>
        <source>The project the BigQuery query jobs run in (and are billed to); the service account needs BigQuery Job User there.</source>
        <translation>BigQuery 查询作业运行（并计费）所在的项目；服务账号在该项目上需要 BigQuery Job User 角色。</translation>
    </message>
    <message>
        <source>Billing export table</source>
        <translation>账单导出表</translation>
    </message>
    <message>
        <source>project.dataset.table: BigQuery ▸ the export dataset ▸ the table named gcp_billing_export_v1_… (standard) or …resource_v1_… (detailed).</source>
        <translation>project.dataset.table：BigQuery ▸ 导出数据集 ▸ 名为 gcp_billing_export_v1_…（标准）或 …resource_v1_…（详细）的表。</translation>
    </message>
    <message>
        <source>BigQuery job history region</source>
        <translation>BigQuery 作业历史区域</translation>
    </message>
    <message>
        <source>region-us (empty: no job history)</source>
        <translation>region-us（留空：不读取作业历史）</translation>
    </message>
    <message>
        <source>Also read the BigQuery jobs of the query project in this region (INFORMATION_SCHEMA.JOBS_BY_PROJECT): bytes billed, slot time and queries per project and user. Needs roles/bigquery.resourceViewer on the project.</source>
        <translation>同时读取查询项目在此区域中的 BigQuery 作业（INFORMATION_SCHEMA.JOBS_BY_PROJECT）：按项目和用户统计的计费字节数、槽位时间和查询数。需要该项目上的 roles/bigquery.resourceViewer 角色。</translation>
    </message>
    <message>
        <source>BigQuery slot-hour price (USD)</source>
        <translation>BigQuery 每槽位小时价格（USD）</translation>
    </message>
    <message>
        <source>empty: on-demand, 6.25 USD per TiB billed</source>
        <translation>留空：按需计费，每计费 TiB 6.25 USD</translation>
    </message>
    <message>
        <source>With BigQuery editions (reservations), the price of one slot-hour, for example 0.06 (Enterprise, US); jobs are then priced by their slot time.</source>
        <translation>使用 BigQuery 版本（预留）时一个槽位小时的价格，例如 0.06（Enterprise，US）；此时作业按其槽位时间计价。</translation>
    </message>
    <message>
        <source>the Google APIs</source>
        <translation>Google API</translation>
    </message>
    <message>
        <source>Alibaba Cloud</source>
        <translation>Alibaba Cloud</translation>
    </message>
    <message>
        <source>A RAM user with AliyunBSSReadOnlyAccess and AliyunECSReadOnlyAccess.</source>
        <translation>具有 AliyunBSSReadOnlyAccess 和 AliyunECSReadOnlyAccess 权限的 RAM 用户。</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>international: accounts of alibabacloud.com; china: accounts of aliyun.com (China site). They use different endpoints.</source>
        <translation>international：alibabacloud.com（国际站）的账户；china：aliyun.com（中国站）的账户。两者使用不同的端点。</translation>
    </message>
    <message>
        <source>AccessKey ID</source>
        <translation>AccessKey ID</translation>
    </message>
    <message>
        <source>RAM console ▸ Users ▸ the user ▸ Authentication ▸ Create AccessKey.</source>
        <translation>RAM 控制台 ▸ 用户 ▸ 该用户 ▸ 认证管理 ▸ 创建 AccessKey。</translation>
    </message>
    <message>
        <source>AccessKey secret</source>
        <translation>AccessKey Secret</translation>
    </message>
    <message>
        <source>Shown once, when the AccessKey is created.</source>
        <translation>仅在创建 AccessKey 时显示一次。</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>The region whose ECS instances are listed first.</source>
        <translation>优先列出其 ECS 实例的区域。</translation>
    </message>
    <message>
        <source>the Alibaba Cloud endpoints</source>
        <translation>Alibaba Cloud 端点</translation>
    </message>
    <message>
        <source>Snowflake</source>
        <translation>Snowflake</translation>
    </message>
    <message>
        <source>A user whose role may read SNOWFLAKE.ACCOUNT_USAGE (ACCOUNTADMIN, or a role granted IMPORTED PRIVILEGES on database SNOWFLAKE) and use a warehouse, with a key pair (recommended) or an OAuth token. Credits are priced at the rate below.</source>
        <translation>一个用户，其角色可以读取 SNOWFLAKE.ACCOUNT_USAGE（ACCOUNTADMIN，或在数据库 SNOWFLAKE 上被授予 IMPORTED PRIVILEGES 的角色）并可使用一个仓库，通过密钥对（推荐）或 OAuth 令牌认证。积分按下面的价格计价。</translation>
    </message>
    <message>
        <source>Private key file (key-pair auth)</source>
        <translation>私钥文件（密钥对认证）</translation>
    </message>
    <message>
        <source>openssl genrsa 2048 | openssl pkcs8 -topk8 -inform PEM -nocrypt -out rsa_key.p8, then in Snowflake ALTER USER &lt;user&gt; SET RSA_PUBLIC_KEY=&apos;&lt;the public key&gt;&apos;. Choose rsa_key.p8: its content goes into the keychain; the file is not kept.</source>
        <translation>openssl genrsa 2048 | openssl pkcs8 -topk8 -inform PEM -nocrypt -out rsa_key.p8，然后在 Snowflake 中执行 ALTER USER &lt;user&gt; SET RSA_PUBLIC_KEY=&apos;&lt;the public key&gt;&apos;。选择 rsa_key.p8：其内容存入密钥链；文件本身不会被保留。</translation>
    </message>
    <message>
        <source>Account URL</source>
        <translation>账户 URL</translation>
    </message>
    <message>
        <source>Snowsight ▸ your name (bottom left) ▸ Account ▸ View account details ▸ Account/Server URL. Every request goes to this URL.</source>
        <translation>Snowsight ▸ 您的名字（左下角）▸ Account ▸ View account details ▸ Account/Server URL。每个请求都发送到此 URL。</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>The login name of the user (Snowsight ▸ Admin ▸ Users &amp; Roles).</source>
        <translation>该用户的登录名（Snowsight ▸ Admin ▸ Users &amp; Roles）。</translation>
    </message>
    <message>
        <source>OAuth access token</source>
        <translation>OAuth 访问令牌</translation>
    </message>
    <message>
        <source>Instead of a key: an access token from your OAuth integration (Snowflake OAuth or an external IdP). It expires; edit the account then.</source>
        <translation>代替密钥：来自您的 OAuth 集成（Snowflake OAuth 或外部 IdP）的访问令牌。令牌会过期，过期后请编辑账户。</translation>
    </message>
    <message>
        <source>Account identifier</source>
        <translation>账户标识符</translation>
    </message>
    <message>
        <source>default: from the URL (ORGNAME-ACCOUNT)</source>
        <translation>默认：取自 URL（ORGNAME-ACCOUNT）</translation>
    </message>
    <message>
        <source>Only when the URL is a proxy or private link: orgname-accountname, from Account details ▸ Account identifier.</source>
        <translation>仅当 URL 是代理或私有链接时填写：orgname-accountname，见 Account details ▸ Account identifier。</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>default: the user&apos;s default role</source>
        <translation>默认：用户的默认角色</translation>
    </message>
    <message>
        <source>A role that may read SNOWFLAKE.ACCOUNT_USAGE.</source>
        <translation>可以读取 SNOWFLAKE.ACCOUNT_USAGE 的角色。</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>default: the user&apos;s default warehouse</source>
        <translation>默认：用户的默认仓库</translation>
    </message>
    <message>
        <source>The warehouse the usage queries run on (they cost a few seconds of it).</source>
        <translation>运行用量查询的仓库（查询会占用它几秒钟）。</translation>
    </message>
    <message>
        <source>Price per credit</source>
        <translation>每积分价格</translation>
    </message>
    <message>
        <source>Your contract&apos;s price of one credit (Snowsight ▸ Admin ▸ Cost management, or the order form); default 3.00.</source>
        <translation>合同中每个积分的价格（Snowsight ▸ Admin ▸ Cost management，或订单）；默认 3.00。</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>The currency of the price per credit; default USD.</source>
        <translation>每积分价格的币种；默认 USD。</translation>
    </message>
    <message>
        <source>default: the account name</source>
        <translation>默认：账户名称</translation>
    </message>
    <message>
        <source>The name the account&apos;s costs are shown under.</source>
        <translation>显示该账户成本时使用的名称。</translation>
    </message>
    <message>
        <source>Databricks</source>
        <translation>Databricks</translation>
    </message>
    <message>
        <source>A personal access token (or service principal token) of a user who may read the system.billing schema (an account admin grants USE and SELECT on it) and use a SQL warehouse.</source>
        <translation>一个用户的个人访问令牌（或服务主体令牌），该用户可以读取 system.billing 架构（由账户管理员授予其 USE 和 SELECT 权限）并使用 SQL 仓库。</translation>
    </message>
    <message>
        <source>Workspace URL</source>
        <translation>工作区 URL</translation>
    </message>
    <message>
        <source>The address of the workspace in the browser (https://adb-….azuredatabricks.net on Azure). Every request goes to this URL.</source>
        <translation>工作区在浏览器中的地址（Azure 上为 https://adb-….azuredatabricks.net）。每个请求都发送到此 URL。</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>访问令牌</translation>
    </message>
    <message>
        <source>Workspace ▸ your user (top right) ▸ Settings ▸ Developer ▸ Access tokens ▸ Generate new token.</source>
        <translation>工作区 ▸ 您的用户（右上角）▸ Settings ▸ Developer ▸ Access tokens ▸ Generate new token。</translation>
    </message>
    <message>
        <source>SQL warehouse ID</source>
        <translation>SQL 仓库 ID</translation>
    </message>
    <message>
        <source>SQL ▸ SQL Warehouses ▸ the warehouse ▸ Overview ▸ Name/ID (the part after /warehouses/ in the URL).</source>
        <translation>SQL ▸ SQL Warehouses ▸ 该仓库 ▸ Overview ▸ Name/ID（URL 中 /warehouses/ 之后的部分）。</translation>
    </message>
    <message>
        <source>Databricks account</source>
        <translation>Databricks 账户</translation>
    </message>
    <message>
        <source>The name the costs are shown under (e.g. the account id from the account console, top right).</source>
        <translation>显示成本时使用的名称（例如账户控制台右上角的账户 ID）。</translation>
    </message>
    <message>
        <source>Account ID (billable-usage download)</source>
        <translation>账户 ID（可计费用量下载）</translation>
    </message>
    <message>
        <source>Optional: read the account&apos;s billable-usage CSV download instead of system.billing.usage (then no SQL warehouse is needed). Account console ▸ your name (top right): the account ID.</source>
        <translation>可选：读取账户的可计费用量 CSV 下载，而不是 system.billing.usage（此时不需要 SQL 仓库）。账户控制台 ▸ 您的名字（右上角）：账户 ID。</translation>
    </message>
    <message>
        <source>Service principal client ID</source>
        <translation>服务主体客户端 ID</translation>
    </message>
    <message>
        <source>With the account ID: a service principal with the account admin role (account console ▸ User management ▸ Service principals ▸ the principal: Application ID).</source>
        <translation>与账户 ID 配合使用：具有账户管理员角色的服务主体（账户控制台 ▸ User management ▸ Service principals ▸ 该主体：Application ID）。</translation>
    </message>
    <message>
        <source>Service principal secret</source>
        <translation>服务主体机密</translation>
    </message>
    <message>
        <source>The service principal ▸ Secrets ▸ Generate secret (an OAuth secret); it is shown once.</source>
        <translation>该服务主体 ▸ Secrets ▸ Generate secret（OAuth 机密）；它只显示一次。</translation>
    </message>
    <message>
        <source>Account console URL</source>
        <translation>账户控制台 URL</translation>
    </message>
    <message>
        <source>Only for another cloud&apos;s account console (https://accounts.azuredatabricks.net, https://accounts.gcp.databricks.com) or a test server.</source>
        <translation>仅用于其他云上的账户控制台（https://accounts.azuredatabricks.net、https://accounts.gcp.databricks.com）或测试服务器。</translation>
    </message>
    <message>
        <source>Kubernetes (OpenCost or Prometheus)</source>
        <translation>Kubernetes（OpenCost 或 Prometheus）</translation>
    </message>
    <message>
        <source>An OpenCost (or Kubecost) API, or a Prometheus that scrapes OpenCost, reachable from this computer, for example through kubectl port-forward.</source>
        <translation>可从本机访问的 OpenCost（或 Kubecost）API，或抓取 OpenCost 指标的 Prometheus，例如通过 kubectl port-forward 访问。</translation>
    </message>
    <message>
        <source>OpenCost or Prometheus URL</source>
        <translation>OpenCost 或 Prometheus URL</translation>
    </message>
    <message>
        <source>OpenCost API: kubectl -n opencost port-forward service/opencost 9003, then http://localhost:9003. Or the Prometheus base URL (kubectl -n monitoring port-forward service/prometheus-server 9090, then http://localhost:9090).</source>
        <translation>OpenCost API：执行 kubectl -n opencost port-forward service/opencost 9003，然后填写 http://localhost:9003。或填写 Prometheus 的基础 URL（执行 kubectl -n monitoring port-forward service/prometheus-server 9090，然后填写 http://localhost:9090）。</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>数据源</translation>
    </message>
    <message>
        <source>auto: asks the URL whether it is a Prometheus (/api/v1/status/buildinfo), else reads it as OpenCost. prometheus: costs derived from OpenCost&apos;s metrics (node prices x allocations). opencost: the allocation API.</source>
        <translation>auto：询问该 URL 是否为 Prometheus（/api/v1/status/buildinfo），否则按 OpenCost 读取。prometheus：由 OpenCost 的指标推算成本（节点价格 x 分配量）。opencost：使用分配 API。</translation>
    </message>
    <message>
        <source>Prometheus sample step</source>
        <translation>Prometheus 采样间隔</translation>
    </message>
    <message>
        <source>Prometheus only: how far apart the samples are read. 1h is enough for daily costs; 5m or 1m see short-lived pods (more requests).</source>
        <translation>仅用于 Prometheus：读取样本的时间间隔。1h 足以得到每日成本；5m 或 1m 能看到短暂存在的 Pod（请求更多）。</translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation>Bearer 令牌</translation>
    </message>
    <message>
        <source>Only when the URL is behind authentication (e.g. kubectl create token &lt;service account&gt;).</source>
        <translation>仅当该 URL 需要认证时填写（例如 kubectl create token &lt;service account&gt;）。</translation>
    </message>
    <message>
        <source>Cluster name</source>
        <translation>集群名称</translation>
    </message>
    <message>
        <source>The name the cluster&apos;s costs are shown under.</source>
        <translation>显示该集群成本时使用的名称。</translation>
    </message>
</context>
<context>
    <name>ImportReportText</name>
    <message>
        <source>1 file</source>
        <translation>1 个文件</translation>
    </message>
    <message>
        <source>%1 files</source>
        <translation>%1 个文件</translation>
    </message>
    <message>
        <source>1 warning</source>
        <translation>1 条警告</translation>
    </message>
    <message>
        <source>%1 warnings</source>
        <translation>%1 条警告</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Unchanged (imported before)</source>
        <translation>未变化（之前已导入）</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>several currencies (%1)</source>
        <translation>多种币种（%1）</translation>
    </message>
    <message>
        <source>The import was cancelled before this file was finished, so nothing from it was written. Import the file again to finish.</source>
        <translation>导入在此文件完成之前被取消，因此没有写入其中任何内容。请再次导入该文件以完成导入。</translation>
    </message>
    <message>
        <source>Nothing from this file was written. Costscope reads FOCUS, AWS Cost and Usage Report, Azure cost details, Google Cloud billing export and Oracle Cloud cost report files (CSV, plain or .gz). Export the bill in one of these formats and import it again.</source>
        <translation>此文件的内容均未写入。Costscope 可读取 FOCUS、AWS 成本和使用情况报告（CUR）、Azure 成本明细、Google Cloud 账单导出和 Oracle Cloud 成本报告文件（CSV，未压缩或 .gz）。请以其中一种格式导出账单后再次导入。</translation>
    </message>
    <message>
        <source>Nothing was written. Check that the workspace file is writable and not open in another program, then import again.</source>
        <translation>未写入任何内容。请确认工作区文件可写且未被其他程序打开，然后再次导入。</translation>
    </message>
    <message>
        <source>Nothing from this file was written. The compressed file is damaged or incomplete: download it again and import the new copy.</source>
        <translation>此文件的内容均未写入。压缩文件已损坏或不完整：请重新下载并导入新的副本。</translation>
    </message>
    <message>
        <source>Nothing from this file was written; the workspace is as it was. Correct the value at the line and column named above (or export the bill again from the cloud console) and import the file again.</source>
        <translation>此文件的内容均未写入，工作区保持原样。请更正上面指出的行和列中的值（或从云控制台重新导出账单），然后再次导入该文件。</translation>
    </message>
    <message>
        <source>Nothing from this file was written. Check that the file exists and can be read, then import it again.</source>
        <translation>此文件的内容均未写入。请确认文件存在且可读，然后再次导入。</translation>
    </message>
    <message>
        <source>No billing files were found (Costscope reads .csv, .gz and CUR manifest .json files).</source>
        <translation>未找到账单文件（Costscope 读取 .csv、.gz 和 CUR 清单 .json 文件）。</translation>
    </message>
    <message>
        <source>%1 imported (%2)</source>
        <translation>已导入 %1（%2）</translation>
    </message>
    <message>
        <source>1 row</source>
        <translation>1 行</translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <source>%1 unchanged</source>
        <translation>%1 个未变化</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 个失败</translation>
    </message>
    <message>
        <source>%1 cancelled</source>
        <translation>%1 个已取消</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Costscope import report, %1</source>
        <translation>Costscope 导入报告，%1</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>工作区：%1</translation>
    </message>
    <message>
        <source>Path: %1</source>
        <translation>路径：%1</translation>
    </message>
    <message>
        <source>Size: %1</source>
        <translation>大小：%1</translation>
    </message>
    <message>
        <source>Format: %1</source>
        <translation>格式：%1</translation>
    </message>
    <message>
        <source>Rows: %1</source>
        <translation>行数：%1</translation>
    </message>
    <message>
        <source>Billing period: %1</source>
        <translation>账单周期：%1</translation>
    </message>
    <message>
        <source>Billed total: %1</source>
        <translation>账单总额：%1</translation>
    </message>
    <message>
        <source>By billing account:</source>
        <translation>按账单账户：</translation>
    </message>
    <message>
        <source>This file was imported before; nothing was written.</source>
        <translation>此文件之前已导入，未写入任何内容。</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>处理方法：%1</translation>
    </message>
    <message>
        <source>Warnings:</source>
        <translation>警告：</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Billing period</source>
        <translation>账单周期</translation>
    </message>
    <message>
        <source>Billed total</source>
        <translation>账单总额</translation>
    </message>
    <message>
        <source>This file was imported before (same content), so nothing was written. The data is already in the workspace.</source>
        <translation>此文件之前已导入（内容相同），因此未写入任何内容。数据已在工作区中。</translation>
    </message>
    <message>
        <source>What failed:</source>
        <translation>失败原因：</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation>处理方法：</translation>
    </message>
    <message>
        <source>Billed total by billing account</source>
        <translation>按账单账户的账单总额</translation>
    </message>
    <message>
        <source>(no account id)</source>
        <translation>（无账户 ID）</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>&amp;Report (PDF)…</source>
        <translation>报告 (PDF)(&amp;R)…</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>The workspace holds no cost data yet.</source>
        <translation>工作区中还没有成本数据。</translation>
    </message>
    <message>
        <source>Monthly report</source>
        <translation>月度报告</translation>
    </message>
    <message>
        <source>Month:</source>
        <translation>月份：</translation>
    </message>
    <message>
        <source>Save the monthly report</source>
        <translation>保存月度报告</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Monthly report %1</source>
        <translation>月度报告 %1</translation>
    </message>
    <message>
        <source>The report was not written: %1</source>
        <translation>报告未写入：%1</translation>
    </message>
    <message>
        <source>The report was written to %1.</source>
        <translation>报告已写入 %1。</translation>
    </message>
    <message>
        <source>%1 (millions)</source>
        <translation>%1（百万）</translation>
    </message>
    <message>
        <source>%1 (thousands)</source>
        <translation>%1（千）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Export as CSV</source>
        <translation>导出为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>The table was not exported: %1</source>
        <translation>表格未导出：%1</translation>
    </message>
    <message>
        <source>Export as CSV…</source>
        <translation>导出为 CSV…</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Cannot open workspace</source>
        <translation>无法打开工作区</translation>
    </message>
    <message>
        <source>Costscope could not open the workspace %1:
%2

Start it with --workspace PATH to open or create another one.</source>
        <translation>Costscope 无法打开工作区 %1：
%2

请使用 --workspace PATH 启动以打开或创建其他工作区。</translation>
    </message>
    <message>
        <source>(untagged)</source>
        <translation>（无标签）</translation>
    </message>
    <message>
        <source>(no resource)</source>
        <translation>（无资源）</translation>
    </message>
    <message>
        <source>(global)</source>
        <translation>（全局）</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>the %1 to take cost from is empty</source>
        <translation>要分摊成本的 %1 为空</translation>
    </message>
    <message>
        <source>a target team is empty</source>
        <translation>某个目标团队为空</translation>
    </message>
    <message>
        <source>team %1 is listed twice</source>
        <translation>团队 %1 被列出了两次</translation>
    </message>
    <message>
        <source>team %1 cannot receive its own cost</source>
        <translation>团队 %1 不能接收自身的成本</translation>
    </message>
    <message>
        <source>the share of %1 must be above 0 % and at most 100 %</source>
        <translation>%1 的份额必须大于 0 % 且不超过 100 %</translation>
    </message>
    <message>
        <source>a split by fixed percentages needs at least one target team</source>
        <translation>按固定百分比分摊至少需要一个目标团队</translation>
    </message>
    <message>
        <source>the percentages sum to %1 %, not 100 %</source>
        <translation>百分比合计为 %1 %，而不是 100 %</translation>
    </message>
    <message>
        <source>the tag that names teams is empty</source>
        <translation>标识团队的标签为空</translation>
    </message>
    <message>
        <source>rule %1: %2</source>
        <translation>规则 %1：%2</translation>
    </message>
    <message>
        <source>rule %1 (%2): %3</source>
        <translation>规则 %1（%2）：%3</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not &apos;team percent&apos; (for example &apos;web 50%&apos;)</source>
        <translation>“%1”不是“团队 百分比”格式（例如“web 50%”）</translation>
    </message>
    <message>
        <source>untagged cost</source>
        <translation>无标签成本</translation>
    </message>
    <message>
        <source>service %1</source>
        <translation>服务 %1</translation>
    </message>
    <message>
        <source>account %1</source>
        <translation>账户 %1</translation>
    </message>
    <message>
        <source>team %1</source>
        <translation>团队 %1</translation>
    </message>
    <message>
        <source>Kubernetes idle cost</source>
        <translation>Kubernetes 空闲成本</translation>
    </message>
    <message>
        <source>Save chart as SVG</source>
        <translation>将图表另存为 SVG</translation>
    </message>
    <message>
        <source>Save chart as PNG</source>
        <translation>将图表另存为 PNG</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG 图像 (*.svg)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <source>The chart was not saved: %1</source>
        <translation>图表未保存：%1</translation>
    </message>
    <message>
        <source>%1: the image could not be encoded</source>
        <translation>%1：无法编码图像</translation>
    </message>
    <message>
        <source>Costscope chart</source>
        <translation>Costscope 图表</translation>
    </message>
    <message>
        <source>%1: the SVG could not be started</source>
        <translation>%1：无法开始写入 SVG</translation>
    </message>
    <message>
        <source>Save chart as PNG…</source>
        <translation>将图表另存为 PNG…</translation>
    </message>
    <message>
        <source>Save chart as SVG…</source>
        <translation>将图表另存为 SVG…</translation>
    </message>
</context>
<context>
    <name>SaasQuery</name>
    <message>
        <source>1k requests</source>
        <translation>千次请求</translation>
    </message>
    <message>
        <source>TiB billed</source>
        <translation>计费 TiB</translation>
    </message>
    <message>
        <source>TB scanned (Spectrum)</source>
        <translation>扫描 TB（Spectrum）</translation>
    </message>
    <message>
        <source>credit</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>DBU</source>
        <translation>DBU</translation>
    </message>
    <message>
        <source>node-hour</source>
        <translation>节点小时</translation>
    </message>
    <message>
        <source>RPU-hour (Serverless)</source>
        <translation>RPU 小时（Serverless）</translation>
    </message>
</context>
<context>
    <name>WorkspaceOpener</name>
    <message>
        <source>Upgrading the workspace %1 for this version of Costscope. This is done once; a large workspace takes a few seconds.</source>
        <translation>正在为此版本的 Costscope 升级工作区 %1。此操作只进行一次；较大的工作区需要几秒钟。</translation>
    </message>
    <message>
        <source>Upgrading workspace</source>
        <translation>正在升级工作区</translation>
    </message>
</context>
<context>
    <name>costscope::CurrencyRates</name>
    <message>
        <source>%1 to %2 from %3 is given twice</source>
        <translation>%3 起 %1 到 %2 的汇率重复给出</translation>
    </message>
</context>
<context>
    <name>costscope::analysis::AbandonedBuckets</name>
    <message>
        <source>Abandoned S3 buckets</source>
        <translation>闲置的 S3 存储桶</translation>
    </message>
    <message>
        <source>S3 buckets that bill storage while hardly anyone reads, writes or downloads them.</source>
        <translation>仍在计费存储、却几乎无人读取、写入或下载的 S3 存储桶。</translation>
    </message>
    <message>
        <source>Days observed</source>
        <translation>观察天数</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>PUT/COPY/POST/LIST requests below</source>
        <translation>PUT/COPY/POST/LIST 请求少于</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>个请求</translation>
    </message>
    <message>
        <source>GET and other requests below</source>
        <translation>GET 及其他请求少于</translation>
    </message>
    <message>
        <source>Data transfer below</source>
        <translation>数据传输少于</translation>
    </message>
    <message>
        <source>Over the last %1 days: %2 PUT/COPY/POST/LIST and %3 GET requests, %4 MB transferred, while %5 of storage was billed.</source>
        <translation>过去 %1 天内：%2 次 PUT/COPY/POST/LIST 请求和 %3 次 GET 请求，传输 %4 MB，同时计费存储 %5。</translation>
    </message>
    <message>
        <source>Check with the owner, then delete the bucket or move its objects to an archive storage class.</source>
        <translation>与负责人确认后，删除该存储桶或将其对象移至归档存储类别。</translation>
    </message>
</context>
<context>
    <name>costscope::analysis::AbandonedInstances</name>
    <message>
        <source>Abandoned instances</source>
        <translation>闲置的实例</translation>
    </message>
    <message>
        <source>Running instances that have done almost nothing for days: low average CPU and network.</source>
        <translation>连续多天几乎没有工作的运行中实例：平均 CPU 和网络流量都很低。</translation>
    </message>
    <message>
        <source>Days observed</source>
        <translation>观察天数</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>Average CPU at most</source>
        <translation>平均 CPU 不超过</translation>
    </message>
    <message>
        <source>Average network at most</source>
        <translation>平均网络流量不超过</translation>
    </message>
    <message>
        <source>bytes/s</source>
        <translation>字节/秒</translation>
    </message>
    <message numerus="yes">
        <source>Average CPU %1 and network %2 bytes/s over the last %n day(s).</source>
        <translation>
            <numerusform>过去 %n 天内平均 CPU 为 %1，网络流量为 %2 字节/秒。</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop or terminate the instance (take a snapshot first if its data matters).</source>
        <translation>停止或终止该实例（如果数据重要，请先创建快照）。</translation>
    </message>
</context>
<context>
    <name>costscope::analysis::AbandonedKinesisStreams</name>
    <message>
        <source>Abandoned Kinesis streams</source>
        <translation>闲置的 Kinesis 数据流</translation>
    </message>
    <message>
        <source>Kinesis streams that bill shard hours while nothing writes records to them.</source>
        <translation>按分片小时计费、却没有任何记录写入的 Kinesis 数据流。</translation>
    </message>
    <message>
        <source>Days observed</source>
        <translation>观察天数</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>PUT payload units at most</source>
        <translation>PUT 有效负载单位不超过</translation>
    </message>
    <message>
        <source>units</source>
        <translation>个单位</translation>
    </message>
    <message>
        <source>%1 shard hours billed over the last %2 days and %3 PUT payload units written.</source>
        <translation>过去 %2 天计费 %1 分片小时，写入 %3 个 PUT 有效负载单位。</translation>
    </message>
    <message>
        <source>Delete the stream if no producer needs it any more.</source>
        <translation>如果已没有生产者需要该数据流，请将其删除。</translation>
    </message>
</context>
<context>
    <name>costscope::analysis::AnomalyReport</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Reading daily costs</source>
        <translation>正在读取每日成本</translation>
    </message>
    <message>
        <source>Looking for jumps</source>
        <translation>正在查找突增</translation>
    </message>
    <message>
        <source>Finding what grew</source>
        <translation>正在查找增长来源</translation>
    </message>
    <message numerus="yes">
        <source>%n anomalies found</source>
        <translation>
            <numerusform>找到 %n 个异常</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>costscope::analysis::BigQueryFullScans</name>
    <message>
        <source>BigQuery full-table scans</source>
        <translation>BigQuery 全表扫描</translation>
    </message>
    <message>
        <source>BigQuery queries that read whole tables again and again; partitioning or clustering the table (and filtering on it) reads a fraction.</source>
        <translation>反复读取整张表的 BigQuery 查询；对表分区或聚簇（并按其筛选）只需读取其中一部分。</translation>
    </message>
    <message>
        <source>Days observed</source>
        <translation>观察天数</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>Bytes left out by pruning</source>
        <translation>剪裁可省去的字节</translation>
    </message>
    <message>
        <source>percent</source>
        <translation>%</translation>
    </message>
    <message>
        <source>Smallest saving shown</source>
        <translation>显示的最小节省</translation>
    </message>
    <message>
        <source>per month</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>Ran %1 times in the last %2 days in %3 by %4, each time reading whole tables: %5 billed, %6.</source>
        <translation>过去 %2 天内在 %3 中由 %4 运行了 %1 次，每次都读取整张表：计费 %5，%6。</translation>
    </message>
    <message>
        <source>%1 x 30 / %2 days = %3 a month; with partition pruning or clustering leaving out %4 of the bytes: %5 a month.</source>
        <translation>%1 x 30 / %2 天 = 每月 %3；通过分区剪裁或聚簇省去 %4 的字节后：每月 %5。</translation>
    </message>
    <message>
        <source>Partition the table by date (or cluster it by the filtered column), filter on the partition column and select only the columns needed.</source>
        <translation>按日期对表分区（或按筛选列聚簇），按分区列筛选，并只选择需要的列。</translation>
    </message>
    <message>
        <source>No BigQuery jobs yet: connect a GCP project with INFORMATION_SCHEMA.JOBS access.</source>
        <translation>还没有 BigQuery 作业：请连接具有 INFORMATION_SCHEMA.JOBS 访问权限的 GCP 项目。</translation>
    </message>
</context>
<context>
    <name>costscope::analysis::Budgets</name>
    <message>
        <source>month to date</source>
        <translation>本月至今</translation>
    </message>
    <message>
        <source>month-end forecast</source>
        <translation>月末预测</translation>
    </message>
    <message>
        <source>%1: %2 %3 %4 reached the %5 threshold (%6 %4)</source>
        <translation>%1：%2 %3 %4 已达到阈值 %5（%6 %4）</translation>
    </message>
    <message>
        <source>Daily expense limit</source>
        <translation>每日支出限额</translation>
    </message>
    <message>
        <source>Total expense limit</source>
        <translation>总支出限额</translation>
    </message>
    <message>
        <source>Tagging policy</source>
        <translation>标签策略</translation>
    </message>
    <message>
        <source>Resource quota</source>
        <translation>资源配额</translation>
    </message>
    <message>
        <source>Recurring monthly budget</source>
        <translation>每月循环预算</translation>
    </message>
    <message>
        <source>Expiring total budget</source>
        <translation>到期总预算</translation>
    </message>
    <message>
        <source>TTL expired %1</source>
        <translation>TTL 已于 %1 到期</translation>
    </message>
    <message>
        <source>cost %1 %2 on %3 is above the daily limit of %4 (%5 day(s) over this month)</source>
        <translation>%3 的成本 %1 %2 超过每日限额 %4（本月已超出 %5 天）</translation>
    </message>
    <message>
        <source>cost to date %1 %2 is above the total limit of %3</source>
        <translation>累计成本 %1 %2 超过总限额 %3</translation>
    </message>
    <message>
        <source>missing required tag(s) %1</source>
        <translation>缺少必需标签 %1</translation>
    </message>
    <message>
        <source>carries forbidden tag(s) %1</source>
        <translation>带有禁止的标签 %1</translation>
    </message>
    <message>
        <source>%1 active %2, the quota is %3</source>
        <translation>%1 个活动的%2，配额为 %3</translation>
    </message>
    <message>
        <source>resources</source>
        <translation>资源</translation>
    </message>
    <message>
        <source>cost this month %1 %2 is above the monthly budget of %3</source>
        <translation>本月成本 %1 %2 超过月度预算 %3</translation>
    </message>
    <message>
        <source>cost %1 %2 from %3 to %4 is above the budget of %5</source>
        <translation>%3 至 %4 的成本 %1 %2 超过预算 %5</translation>
    </message>
    <message>
        <source>the budget limits are in %1 and there is no rate from %1 to %2 for %3</source>
        <translation>预算限额以 %1 计，%3 没有从 %1 到 %2 的汇率</translation>
    </message>
    <message>
        <source>an amount does not fit in %1 at the rate from %2 for %3</source>
        <translation>按 %3 从 %2 到 %1 的汇率换算时，有金额超出 %1 的可表示范围</translation>
    </message>
</context>
<context>
    <name>costscope::analysis::GenerationUpgrade</name>
    <message>
        <source>Instance generation upgrade</source>
        <translation>实例代次升级</translation>
    </message>
    <message>
        <source>Instances of an older family whose newer generation of the same size costs less.</source>
        <translation>属于较旧系列、而同规格的新一代更便宜的实例。</translation>
    </message>
    <message>
        <source>Cheaper by at least</source>
        <translation>至少便宜</translation>
    </message>
    <message>
        <source>%1 is of the %2 family; %3 replaces it: %4 has the same %5 vCPUs and %6 GiB.</source>
        <translation>%1 属于 %2 系列；%3 可替代它：%4 同样具有 %5 个 vCPU 和 %6 GiB。</translation>
    </message>
    <message>
        <source>(%1 - %2) per hour x 720 hours = %3 a month.</source>
        <translation>每小时 (%1 - %2) x 720 小时 = 每月 %3。</translation>
    </message>
    <message>
        <source> Catalog prices of %1; %2 is not in the catalog.</source>
        <translation> %1 的目录价格；%2 不在目录中。</translation>
    </message>
    <message>
        <source>Change the flavour to %1 at the next maintenance window.</source>
        <translation>在下一个维护窗口将规格更改为 %1。</translation>
    </message>
</context>
<context>
    <name>costscope::analysis::IdleRedshiftClusters</name>
    <message>
        <source>Idle Redshift clusters</source>
        <translation>闲置的 Redshift 集群</translation>
    </message>
    <message>
        <source>Provisioned Redshift clusters that bill node hours while (almost) no query runs on them.</source>
        <translation>按节点小时计费、却（几乎）没有查询运行的预置 Redshift 集群。</translation>
    </message>
    <message>
        <source>Days observed</source>
        <translation>观察天数</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>Queries at most</source>
        <translation>查询数不超过</translation>
    </message>
    <message>
        <source>queries</source>
        <translation>次查询</translation>
    </message>
    <message>
        <source>%1 node hours billed over the last %2 days and %3 queries run on the cluster.</source>
        <translation>过去 %2 天计费 %1 节点小时，集群上运行了 %3 次查询。</translation>
    </message>
    <message>
        <source>Its node hours over the last 30 days: %1 a month.</source>
        <translation>其过去 30 天的节点小时：每月 %1。</translation>
    </message>
    <message>
        <source>Pause the cluster (or take a final snapshot and delete it); resume it when it is needed again.</source>
        <translation>暂停该集群（或创建最终快照后将其删除）；需要时再恢复。</translation>
    </message>
    <message>
        <source>No Redshift query history for account(s) %1: their clusters are not judged.</source>
        <translation>账户 %1 没有 Redshift 查询历史：不评估其集群。</translation>
    </message>
</context>
<context>
    <name>costscope::analysis::InstancesForShutdown</name>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Instances for shutdown</source>
        <translation>可定时关机的实例</translation>
    </message>
    <message>
        <source>Instances idle in the same hours every week (nights, weekends): stop them on a schedule.</source>
        <translation>每周在相同时段空闲（夜间、周末）的实例：按计划将其停止。</translation>
    </message>
    <message>
        <source>Days observed</source>
        <translation>观察天数</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>Idle hour: CPU at most</source>
        <translation>空闲小时：CPU 不超过</translation>
    </message>
    <message>
        <source>Idle hour: network at most</source>
        <translation>空闲小时：网络流量不超过</translation>
    </message>
    <message>
        <source>bytes/s</source>
        <translation>字节/秒</translation>
    </message>
    <message>
        <source>Shortest idle window</source>
        <translation>最短空闲时段</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>Idle share above which the instance is abandoned instead</source>
        <translation>空闲占比超过此值则视为闲置实例</translation>
    </message>
    <message>
        <source>%1 - %2</source>
        <translation>%1 - %2</translation>
    </message>
    <message>
        <source>Idle %1 of the %2 observed hours of the week (UTC): %3.</source>
        <translation>在一周内观察到的 %2 小时中空闲 %1 小时（UTC）：%3。</translation>
    </message>
    <message>
        <source>Monthly cost %1 (%2 over %3 billed day(s) of the last 30, per 30 days) x %4 / 168 idle hours = %5 a month.</source>
        <translation>月成本 %1（过去 30 天中 %3 个计费日的 %2，按 30 天折算）x %4 / 168 空闲小时 = 每月 %5。</translation>
    </message>
    <message>
        <source>Stop the instance on a schedule during these windows.</source>
        <translation>在这些时段按计划停止该实例。</translation>
    </message>
</context>
<context>
    <name>costscope::analysis::ObsoleteImages</name>
    <message>
        <source>Obsolete images</source>
        <translation>过时的镜像</translation>
    </message>
    <message>
        <source>Machine images no instance uses; their snapshots keep being billed.</source>
        <translation>没有实例使用的机器镜像；其快照仍在持续计费。</translation>
    </message>
    <message>
        <source>Older than</source>
        <translation>早于</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>The image has %1 of its own cost in the last 30 days; deregistering it lets its snapshot %2 go (that saving is counted with the snapshot).</source>
        <translation>该镜像在过去 30 天自身成本为 %1；注销它后可删除其快照 %2（该节省计入快照）。</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>（未知）</translation>
    </message>
    <message>
        <source>No instance uses it; %1 days old.</source>
        <translation>没有实例使用它；已创建 %1 天。</translation>
    </message>
    <message>
        <source>Deregister the image, then delete its snapshot.</source>
        <translation>注销该镜像，然后删除其快照。</translation>
    </message>
</context>
<context>
    <name>costscope::analysis::ObsoleteIps</name>
    <message>
        <source>Obsolete IPs</source>
        <translation>过时的 IP</translation>
    </message>
    <message>
        <source>Public IP addresses associated with nothing, billed at the idle rate.</source>
        <translation>未关联任何资源、按闲置费率计费的公网 IP 地址。</translation>
    </message>
    <message>
        <source>Unassociated for at least</source>
        <translation>未关联时长至少</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>Associated with nothing; state %1, %2 days old.</source>
        <translation>未关联任何资源；状态 %1，已创建 %2 天。</translation>
    </message>
    <message>
        <source>Release the address.</source>
        <translation>释放该地址。</translation>
    </message>
</context>
<context>
    <name>costscope::analysis::ObsoleteSnapshots</name>
    <message>
        <source>Obsolete snapshots</source>
        <translation>过时的快照</translation>
    </message>
    <message>
        <source>Snapshots whose source volume no longer exists.</source>
        <translation>源卷已不存在的快照。</translation>
    </message>
    <message>
        <source>Older than</source>
        <translation>早于</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>Source volume %1 is not in the inventory any more; %2 days old.</source>
        <translation>源卷 %1 已不在资源清单中；已创建 %2 天。</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>（未知）</translation>
    </message>
    <message>
        <source>Delete the snapshot (or move it to archive storage) unless it is a backup you must keep.</source>
        <translation>删除该快照（或将其移至归档存储），除非它是必须保留的备份。</translation>
    </message>
</context>
<context>
    <name>costscope::analysis::RecommendationEngine</name>
    <message>
        <source>Loading resources, costs and metrics</source>
        <translation>正在加载资源、成本和指标</translation>
    </message>
    <message>
        <source>Running %1</source>
        <translation>正在运行 %1</translation>
    </message>
    <message>
        <source>Recommendations ready</source>
        <translation>建议已就绪</translation>
    </message>
    <message>
        <source>there is no rate from %1 to %2 for %3</source>
        <translation>%3 没有从 %1 到 %2 的汇率</translation>
    </message>
</context>
<context>
    <name>costscope::analysis::RecommendationModule</name>
    <message>
        <source>Its cost over the last 30 days, %1 on %2 billed day(s), per 30 days: %3 a month.</source>
        <translation>过去 30 天的成本，%2 个计费日共 %1，按 30 天折算：每月 %3。</translation>
    </message>
    <message>
        <source>Excluded accounts</source>
        <translation>排除的账户</translation>
    </message>
    <message>
        <source>account ids, comma-separated</source>
        <translation>账户 ID，以逗号分隔</translation>
    </message>
    <message>
        <source>Excluded tags</source>
        <translation>排除的标签</translation>
    </message>
    <message>
        <source>key=value or key, comma-separated</source>
        <translation>key=value 或 key，以逗号分隔</translation>
    </message>
</context>
<context>
    <name>costscope::analysis::RegionMigration</name>
    <message>
        <source>Cheaper region</source>
        <translation>更便宜的区域</translation>
    </message>
    <message>
        <source>Instances whose flavour costs less in another region of the same cloud and continent.</source>
        <translation>其规格在同一云厂商、同一大洲的另一区域更便宜的实例。</translation>
    </message>
    <message>
        <source>Cheaper by at least</source>
        <translation>至少便宜</translation>
    </message>
    <message>
        <source>Never move to</source>
        <translation>永不迁移到</translation>
    </message>
    <message>
        <source>region codes, comma-separated</source>
        <translation>区域代码，以逗号分隔</translation>
    </message>
    <message>
        <source>%1 costs %2 USD an hour in %3 and %4 USD in %5, on the same continent.</source>
        <translation>%1 在 %3 每小时 %2 USD，在 %5 每小时 %4 USD，位于同一大洲。</translation>
    </message>
    <message>
        <source>(%1 - %2) per hour x 720 hours = %3 a month (catalog on-demand prices; data transfer between regions is not counted).</source>
        <translation>每小时 (%1 - %2) x 720 小时 = 每月 %3（按目录按需价格；不计区域间数据传输）。</translation>
    </message>
    <message>
        <source>Move the workload to %1 when its users and data allow it.</source>
        <translation>在用户和数据允许时，将工作负载迁移到 %1。</translation>
    </message>
</context>
<context>
    <name>costscope::analysis::ReservedInstances</name>
    <message>
        <source>Reserved instances and savings plans</source>
        <translation>预留实例和节省计划</translation>
    </message>
    <message>
        <source>Instances billed on demand every day for months with no commitment covering them.</source>
        <translation>连续数月每天按需计费、没有任何承诺覆盖的实例。</translation>
    </message>
    <message>
        <source>Steady on demand for</source>
        <translation>稳定按需运行至少</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>Average CPU above (below it the instance is abandoned)</source>
        <translation>平均 CPU 高于（低于此值则视为闲置实例）</translation>
    </message>
    <message>
        <source>Billed on demand on each of the last %1 days, no commitment covered it; average CPU %2.</source>
        <translation>过去 %1 天每天均按需计费，没有承诺覆盖；平均 CPU %2。</translation>
    </message>
    <message>
        <source>Billed on demand on each of the last %1 days, no commitment covered it.</source>
        <translation>过去 %1 天每天均按需计费，没有承诺覆盖。</translation>
    </message>
    <message>
        <source>On demand %1 USD/h x 720 h = %2 a month. 1-year, no upfront, %3 % off: saves %4 a month. 1-year, all upfront, %5 % off: saves %6 a month (%7 paid once for the year).</source>
        <translation>按需 %1 USD/小时 x 720 小时 = 每月 %2。1 年期、无预付、折扣 %3 %：每月节省 %4。1 年期、全额预付、折扣 %5 %：每月节省 %6（全年一次性支付 %7）。</translation>
    </message>
    <message>
        <source> Catalog prices of %1; %2 is not in the catalog.</source>
        <translation> %1 的目录价格；%2 不在目录中。</translation>
    </message>
    <message>
        <source>Buy a 1-year reservation or savings plan covering one %1 in %2.</source>
        <translation>购买 1 年期预留或节省计划，覆盖 %2 中的一台 %1。</translation>
    </message>
    <message>
        <source>The workspace holds instance costs for %1 day(s); the rule needs %2.</source>
        <translation>工作区中有 %1 天的实例成本；该规则需要 %2 天。</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n steady instance(s) not priced, the catalog has no commitment rate for their flavour.</source>
        <translation>
            <numerusform>%1：%n 个稳定实例未定价，目录中没有其规格的承诺价格。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>costscope::analysis::Rightsizing</name>
    <message>
        <source>Rightsizing</source>
        <translation>规格调整</translation>
    </message>
    <message>
        <source>Instances whose peak CPU would fit a smaller, cheaper flavour of the same family.</source>
        <translation>峰值 CPU 可由同系列中更小、更便宜规格承载的实例。</translation>
    </message>
    <message>
        <source>Days observed</source>
        <translation>观察天数</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>CPU percentile</source>
        <translation>CPU 百分位</translation>
    </message>
    <message>
        <source>Target CPU on the new flavour</source>
        <translation>新规格的目标 CPU</translation>
    </message>
    <message>
        <source>Smallest flavour</source>
        <translation>最小规格</translation>
    </message>
    <message>
        <source>vCPUs</source>
        <translation>vCPU</translation>
    </message>
    <message>
        <source>Average CPU above (below it the instance is abandoned)</source>
        <translation>平均 CPU 高于（低于此值则视为闲置实例）</translation>
    </message>
    <message numerus="yes">
        <source>CPU p%1 over the last %n day(s) is %2 of %3 vCPUs; at %4 it needs %5 vCPUs.</source>
        <translation>
            <numerusform>过去 %n 天的 CPU p%1 为 %3 个 vCPU 的 %2；按 %4 计算需要 %5 个 vCPU。</numerusform>
        </translation>
    </message>
    <message>
        <source>(%1 - %2) per hour x 720 hours = %3 a month</source>
        <translation>每小时 (%1 - %2) x 720 小时 = 每月 %3</translation>
    </message>
    <message>
        <source> (catalog prices of %1; %2 is not in the catalog)</source>
        <translation>（%1 的目录价格；%2 不在目录中）</translation>
    </message>
    <message>
        <source>%1 to %2: %3.</source>
        <translation>%1 改为 %2：%3。</translation>
    </message>
    <message>
        <source>Change the flavour to %1 (%2 vCPUs, %3 GiB).</source>
        <translation>将规格更改为 %1（%2 个 vCPU，%3 GiB）。</translation>
    </message>
</context>
<context>
    <name>costscope::analysis::S3LifecycleCandidates</name>
    <message>
        <source>S3 lifecycle candidates</source>
        <translation>适合生命周期规则的 S3 存储桶</translation>
    </message>
    <message>
        <source>S3 buckets that are written to but not read: a lifecycle rule can move their Standard storage to a colder class.</source>
        <translation>只写不读的 S3 存储桶：生命周期规则可将其标准存储移至更冷的存储类别。</translation>
    </message>
    <message>
        <source>Days without reads</source>
        <translation>无读取天数</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>GET requests at most</source>
        <translation>GET 请求不超过</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>个请求</translation>
    </message>
    <message>
        <source>Price of the colder class</source>
        <translation>更冷存储类别的价格</translation>
    </message>
    <message>
        <source>per GB-month (Glacier Instant Retrieval: 0.004 USD)</source>
        <translation>每 GB 月（Glacier Instant Retrieval：0.004 USD）</translation>
    </message>
    <message>
        <source>Smallest saving shown</source>
        <translation>显示的最小节省</translation>
    </message>
    <message>
        <source>per month</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>%1 PUT/LIST requests and %2 GET requests over the last %3 days; %4 GB-months of Standard storage billed in the last 30 days.</source>
        <translation>过去 %3 天 %1 次 PUT/LIST 请求和 %2 次 GET 请求；过去 30 天计费标准存储 %4 GB 月。</translation>
    </message>
    <message>
        <source>%1 GB-months x (%2 paid now - %3 in the colder class) per GB-month = %4 a month.</source>
        <translation>%1 GB 月 x（当前 %2 - 更冷类别 %3）每 GB 月 = 每月 %4。</translation>
    </message>
    <message>
        <source>Add a lifecycle rule that moves objects older than 30 days to Glacier Instant Retrieval (or expires them, if nobody needs them).</source>
        <translation>添加生命周期规则，将超过 30 天的对象移至 Glacier Instant Retrieval（如无人需要则使其过期）。</translation>
    </message>
    <message>
        <source>No S3 usage per bucket yet: import a Cost and Usage Report with resource ids.</source>
        <translation>还没有按存储桶的 S3 用量：请导入包含资源 ID 的成本和使用情况报告。</translation>
    </message>
    <message>
        <source>No rate from USD to %1 for %2: the colder class&apos;s price (USD) cannot be compared with the buckets&apos; storage cost; add rates in Edit ▸ Preferences ▸ Currencies.</source>
        <translation>%2 没有从 USD 到 %1 的汇率：较冷存储类别的价格（USD）无法与存储桶的存储成本比较；请在 编辑 ▸ 首选项 ▸ 币种 中添加汇率。</translation>
    </message>
</context>
<context>
    <name>costscope::analysis::SecurityChecks</name>
    <message>
        <source>No saving: this is a security risk, not a cost.</source>
        <translation>无节省：这是安全风险，而非成本问题。</translation>
    </message>
    <message>
        <source>No AWS account in the inventory: there is no %1 data to check.</source>
        <translation>资源清单中没有 AWS 账户：没有可检查的 %1 数据。</translation>
    </message>
    <message numerus="yes">
        <source>No %1 data for %n AWS account(s): %2. Nothing can be said about them.</source>
        <translation>
            <numerusform>%n 个 AWS 账户没有 %1 数据：%2。无法对其作出判断。</numerusform>
        </translation>
    </message>
    <message>
        <source>Public S3 buckets</source>
        <translation>公开的 S3 存储桶</translation>
    </message>
    <message>
        <source>S3 buckets that anyone on the internet can read (or write).</source>
        <translation>互联网上任何人都可以读取（或写入）的 S3 存储桶。</translation>
    </message>
    <message>
        <source>Public access: %1 (bucket policy or ACL grants everyone access).</source>
        <translation>公开访问：%1（存储桶策略或 ACL 向所有人授予了访问权限）。</translation>
    </message>
    <message>
        <source>Turn on S3 Block Public Access for the bucket unless it serves a public website.</source>
        <translation>除非该存储桶用于托管公开网站，否则请为其启用 S3 阻止公开访问。</translation>
    </message>
    <message>
        <source>bucket access</source>
        <translation>存储桶访问</translation>
    </message>
    <message>
        <source>Insecure security groups</source>
        <translation>不安全的安全组</translation>
    </message>
    <message>
        <source>Security groups that open SSH or RDP (or other listed ports) to the whole internet.</source>
        <translation>向整个互联网开放 SSH 或 RDP（或其他所列端口）的安全组。</translation>
    </message>
    <message>
        <source>Ports that must not be open to the world</source>
        <translation>禁止向外界开放的端口</translation>
    </message>
    <message>
        <source>comma-separated</source>
        <translation>以逗号分隔</translation>
    </message>
    <message>
        <source>Port(s) %1 open to the world by the inbound rule(s) %2.</source>
        <translation>端口 %1 被入站规则 %2 向外界开放。</translation>
    </message>
    <message>
        <source>Restrict the source of those rules to your own address ranges or use a bastion / Session Manager.</source>
        <translation>将这些规则的来源限制为您自己的地址范围，或使用堡垒机 / Session Manager。</translation>
    </message>
    <message>
        <source>security group</source>
        <translation>安全组</translation>
    </message>
    <message>
        <source>Inactive IAM users</source>
        <translation>不活跃的 IAM 用户</translation>
    </message>
    <message>
        <source>IAM users who have not signed in or used an access key for months.</source>
        <translation>数月未登录或未使用访问密钥的 IAM 用户。</translation>
    </message>
    <message>
        <source>Inactive for at least</source>
        <translation>不活跃时长至少</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>Last activity %1, %2 days ago.</source>
        <translation>最后活动于 %1，%2 天前。</translation>
    </message>
    <message>
        <source>Never active; created %1 days ago.</source>
        <translation>从未活动；创建于 %1 天前。</translation>
    </message>
    <message>
        <source>Deactivate the user&apos;s access keys and console password, then delete the user.</source>
        <translation>停用该用户的访问密钥和控制台密码，然后删除该用户。</translation>
    </message>
    <message>
        <source>IAM user</source>
        <translation>IAM 用户</translation>
    </message>
</context>
<context>
    <name>costscope::analysis::ShortLivingInstances</name>
    <message>
        <source>Short-living instances to spot</source>
        <translation>适合竞价实例的短时实例</translation>
    </message>
    <message>
        <source>Instances that lived only a few hours: such work can run on spot (preemptible) capacity.</source>
        <translation>只运行了几个小时的实例：此类工作可以在竞价（可抢占）容量上运行。</translation>
    </message>
    <message>
        <source>Look back</source>
        <translation>回溯</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>Lived less than</source>
        <translation>运行时长少于</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>Spot discount</source>
        <translation>竞价折扣</translation>
    </message>
    <message>
        <source>Lived %1 hours (%2 to %3 UTC).</source>
        <translation>运行了 %1 小时（%2 至 %3 UTC）。</translation>
    </message>
    <message numerus="yes">
        <source>Its cost in the last %n day(s), %1, x %2 spot discount = %3.</source>
        <translation>
            <numerusform>过去 %n 天的成本 %1 x %2 竞价折扣 = %3。</numerusform>
        </translation>
    </message>
    <message>
        <source>Run such short jobs on spot / preemptible instances.</source>
        <translation>在竞价 / 可抢占实例上运行此类短时作业。</translation>
    </message>
</context>
<context>
    <name>costscope::analysis::SnowflakeIdleWarehouses</name>
    <message>
        <source>Idle Snowflake warehouses</source>
        <translation>闲置的 Snowflake 仓库</translation>
    </message>
    <message>
        <source>Snowflake warehouses that bill credits on days no query runs on them: auto-suspend is off or too long.</source>
        <translation>在没有查询运行的日子仍计费积分的 Snowflake 仓库：自动挂起已关闭或时间过长。</translation>
    </message>
    <message>
        <source>Days observed</source>
        <translation>观察天数</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>Days billed without a query, at least</source>
        <translation>无查询计费天数至少</translation>
    </message>
    <message>
        <source>%1 credits billed on %2 of the last %3 days with no query at all; %4 of its %5 credits were billed while no query ran.</source>
        <translation>过去 %3 天中有 %2 天在完全没有查询时计费了 %1 积分；其 %5 积分中有 %4 是在没有查询运行时计费的。</translation>
    </message>
    <message>
        <source>Idle credits = credits of the days without a query + on the other days their credits x the share of the 24 hours without a query: %1 credits x %2 a credit x 30 / %3 days = %4 a month.</source>
        <translation>空闲积分 = 无查询日的积分 + 其他日的积分 x 24 小时中无查询的占比：%1 积分 x 每积分 %2 x 30 / %3 天 = 每月 %4。</translation>
    </message>
    <message>
        <source>ALTER WAREHOUSE %1 SET AUTO_SUSPEND = 60 (seconds), or drop it if nobody uses it.</source>
        <translation>ALTER WAREHOUSE %1 SET AUTO_SUSPEND = 60（秒），如无人使用则将其删除。</translation>
    </message>
    <message>
        <source>Snowflake credits but no QUERY_HISTORY: every warehouse would look idle, so none is judged.</source>
        <translation>有 Snowflake 积分但没有 QUERY_HISTORY：所有仓库看起来都会闲置，因此不评估任何仓库。</translation>
    </message>
</context>
<context>
    <name>costscope::analysis::StoppedNotDeallocated</name>
    <message>
        <source>Stopped but not deallocated</source>
        <translation>已停止但未释放</translation>
    </message>
    <message>
        <source>Machines stopped from inside the guest keep their compute billed (Azure, Alibaba Cloud).</source>
        <translation>在客户机内部停止的机器，其计算资源仍在计费（Azure、Alibaba Cloud）。</translation>
    </message>
    <message>
        <source>Billed on each of the last</source>
        <translation>连续计费天数</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>云厂商</translation>
    </message>
    <message>
        <source>comma-separated</source>
        <translation>以逗号分隔</translation>
    </message>
    <message numerus="yes">
        <source>State stopped, yet its compute was billed on each of the last %n day(s).</source>
        <translation>
            <numerusform>状态为已停止，但过去 %n 天每天都计费了计算资源。</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop (deallocate) the VM from the portal or the CLI.</source>
        <translation>从门户或 CLI 停止（释放）该虚拟机。</translation>
    </message>
    <message>
        <source>Stop the instance in no-charge (economical) mode.</source>
        <translation>以不收费（节省）模式停止该实例。</translation>
    </message>
</context>
<context>
    <name>costscope::analysis::VolumesNotAttached</name>
    <message>
        <source>Volumes not attached</source>
        <translation>未挂载的卷</translation>
    </message>
    <message>
        <source>Disks attached to no machine, billed for their size every day.</source>
        <translation>未挂载到任何机器、每天按容量计费的磁盘。</translation>
    </message>
    <message>
        <source>Unattached for at least</source>
        <translation>未挂载时长至少</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>Not attached to any instance; state %1, %2 days old.</source>
        <translation>未挂载到任何实例；状态 %1，已创建 %2 天。</translation>
    </message>
    <message>
        <source>Snapshot the volume if its data matters, then delete it.</source>
        <translation>如果卷中数据重要，先创建快照，然后将其删除。</translation>
    </message>
</context>
<context>
    <name>costscope::app::Translations</name>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
</context>
<context>
    <name>costscope::report::MonthlyReport</name>
    <message>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>the workspace holds no cost data</source>
        <translation>工作区中没有成本数据</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>总计</translation>
    </message>
    <message>
        <source>Breakdowns</source>
        <translation>分项明细</translation>
    </message>
    <message>
        <source>All accounts: %1 providers, %2 accounts, %3 services</source>
        <translation>所有账户：%1 个云厂商，%2 个账户，%3 个服务</translation>
    </message>
    <message>
        <source>Service: %1</source>
        <translation>服务：%1</translation>
    </message>
    <message>
        <source>Account: %1</source>
        <translation>账户：%1</translation>
    </message>
    <message>
        <source>Anomalies</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>优化建议</translation>
    </message>
    <message>
        <source>Budgets</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>Budgets stay in %1: %2</source>
        <translation>预算仍以 %1 显示：%2</translation>
    </message>
    <message>
        <source>ML experiments</source>
        <translation>机器学习实验</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>costscope::views::AccountDialog</name>
    <message>
        <source>Edit cloud account</source>
        <translation>编辑云账户</translation>
    </message>
    <message>
        <source>Add a cloud account</source>
        <translation>添加云账户</translation>
    </message>
    <message>
        <source>JSON key files (*.json);;All files (*)</source>
        <translation>JSON 密钥文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>what you call this account, e.g. prod</source>
        <translation>您对此账户的称呼，例如 prod</translation>
    </message>
    <message>
        <source>Cloud</source>
        <translation>云</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Secret fields are stored only in the OS keychain, never in the workspace or a settings file.</source>
        <translation>机密字段仅保存在操作系统密钥链中，绝不会写入工作区或设置文件。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Add account</source>
        <translation>添加账户</translation>
    </message>
    <message>
        <source>stored in the keychain; choose a file to replace it</source>
        <translation>已保存在密钥链中；选择文件以替换</translation>
    </message>
    <message>
        <source>stored in the keychain; leave empty to keep it</source>
        <translation>已保存在密钥链中；留空则保持不变</translation>
    </message>
    <message>
        <source>key file loaded (%1 bytes)</source>
        <translation>已加载密钥文件（%1 字节）</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>%1 (optional)</source>
        <translation>%1（可选）</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is %2 bytes; a service-account key file is a few kilobytes. Pick the .json key file.</source>
        <translation>%1 有 %2 字节；服务账号密钥文件只有几 KB。请选择 .json 密钥文件。</translation>
    </message>
    <message>
        <source>%1 is empty. Pick the .json key file.</source>
        <translation>%1 为空。请选择 .json 密钥文件。</translation>
    </message>
    <message>
        <source>%1 loaded (the file itself is not kept)</source>
        <translation>已加载 %1（不保留文件本身）</translation>
    </message>
</context>
<context>
    <name>costscope::views::AccountsTab</name>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <source>%1: cancelled (%2 months written)</source>
        <translation>%1：已取消（已写入 %2 个月）</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <source>%1: %2 months of costs (%3 to %4), %5 cost rows</source>
        <translation>%1：%2 个月的成本（%3 至 %4），%5 行成本</translation>
    </message>
    <message>
        <source>, %1 resources</source>
        <translation>，%1 个资源</translation>
    </message>
    <message>
        <source>Remove the account?</source>
        <translation>移除该账户？</translation>
    </message>
    <message>
        <source>Remove the cloud account “%1”?</source>
        <translation>移除云账户“%1”？</translation>
    </message>
    <message>
        <source>Its secrets are removed from the OS keychain. The costs and resources already synced stay in the workspace.</source>
        <translation>其机密将从操作系统密钥链中删除。已同步的成本和资源仍保留在工作区中。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Connect an AWS, Azure, Google Cloud, Alibaba Cloud or Kubernetes account</source>
        <translation>连接 AWS、Azure、Google Cloud、Alibaba Cloud 或 Kubernetes 账户</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Change the settings or secrets of the selected account</source>
        <translation>更改所选账户的设置或机密</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Make one cheap authenticated call with the selected account</source>
        <translation>使用所选账户发起一次低开销的认证调用</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Fetch the costs and resources of the selected account</source>
        <translation>获取所选账户的成本和资源</translation>
    </message>
    <message>
        <source>Sync all</source>
        <translation>全部同步</translation>
    </message>
    <message>
        <source>Fetch the costs and resources of every account</source>
        <translation>获取所有账户的成本和资源</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>移除…</translation>
    </message>
    <message>
        <source>Remove the selected account and its secrets</source>
        <translation>移除所选账户及其机密</translation>
    </message>
    <message>
        <source>Scheduled sync:</source>
        <translation>定时同步：</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Every hour</source>
        <translation>每小时</translation>
    </message>
    <message>
        <source>Every 6 hours</source>
        <translation>每 6 小时</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>Syncs every account while Costscope is open; skipped while another job runs</source>
        <translation>Costscope 打开期间同步所有账户；有其他任务运行时跳过</translation>
    </message>
    <message>
        <source>No cloud accounts yet. &lt;b&gt;Add…&lt;/b&gt; connects one: Costscope then fetches its daily costs and its resources, on demand or on a schedule. Secrets go into the OS keychain only.</source>
        <translation>还没有云账户。&lt;b&gt;添加…&lt;/b&gt; 可连接一个账户：Costscope 随后按需或按计划获取其每日成本和资源。机密仅保存在操作系统密钥链中。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Cloud</source>
        <translation>云</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>上次错误</translation>
    </message>
    <message>
        <source>The account list cannot be read: %1</source>
        <translation>无法读取账户列表：%1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;（%2）</translation>
    </message>
    <message>
        <source>Secrets: in the OS keychain.</source>
        <translation>机密：保存在操作系统密钥链中。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Last error:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;上次错误：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>“%1” is still running. Wait for it or cancel it first.</source>
        <translation>“%1”仍在运行。请等待其完成或先取消。</translation>
    </message>
    <message>
        <source>Adding the account %1</source>
        <translation>正在添加账户 %1</translation>
    </message>
    <message>
        <source>Saving the account %1</source>
        <translation>正在保存账户 %1</translation>
    </message>
    <message>
        <source>Added the account “%1”; its secrets are in the OS keychain. Test it or sync it now.</source>
        <translation>已添加账户“%1”；其机密保存在操作系统密钥链中。现在可以测试或同步。</translation>
    </message>
    <message>
        <source>Saved the account “%1”.</source>
        <translation>已保存账户“%1”。</translation>
    </message>
    <message>
        <source>The account “%1” was not saved: %2</source>
        <translation>账户“%1”未保存：%2</translation>
    </message>
    <message>
        <source>Testing the account %1</source>
        <translation>正在测试账户 %1</translation>
    </message>
    <message>
        <source>The test of “%1” was cancelled.</source>
        <translation>“%1”的测试已取消。</translation>
    </message>
    <message>
        <source>The account “%1” works: the cloud accepted its credentials.</source>
        <translation>账户“%1”可用：云平台接受了其凭据。</translation>
    </message>
    <message>
        <source>Testing “%1” failed: %2</source>
        <translation>测试“%1”失败：%2</translation>
    </message>
    <message>
        <source>Scheduled sync of every account</source>
        <translation>定时同步所有账户</translation>
    </message>
    <message>
        <source>Syncing every account</source>
        <translation>正在同步所有账户</translation>
    </message>
    <message>
        <source>Syncing the account %1</source>
        <translation>正在同步账户 %1</translation>
    </message>
    <message>
        <source>There is no account to sync. Add one first.</source>
        <translation>没有可同步的账户。请先添加一个。</translation>
    </message>
    <message>
        <source>Scheduled sync: %1</source>
        <translation>定时同步：%1</translation>
    </message>
    <message>
        <source>Sync: %1</source>
        <translation>同步：%1</translation>
    </message>
    <message>
        <source>Removing the account %1</source>
        <translation>正在移除账户 %1</translation>
    </message>
    <message>
        <source>Removed the account “%1” and its secrets in the OS keychain. Its synced costs stay in the workspace.</source>
        <translation>已移除账户“%1”及其在操作系统密钥链中的机密。已同步的成本仍保留在工作区中。</translation>
    </message>
    <message>
        <source>The account “%1” was not removed: %2</source>
        <translation>账户“%1”未移除：%2</translation>
    </message>
    <message>
        <source>no account to sync</source>
        <translation>没有可同步的账户</translation>
    </message>
    <message>
        <source>next: now</source>
        <translation>下次：现在</translation>
    </message>
    <message>
        <source>next: %1</source>
        <translation>下次：%1</translation>
    </message>
    <message>
        <source>Runs while Costscope is open; skipped while another job runs</source>
        <translation>Costscope 打开期间运行；有其他任务运行时跳过</translation>
    </message>
    <message>
        <source>next: when “%1” has finished</source>
        <translation>下次：“%1”完成后</translation>
    </message>
    <message>
        <source>; warning: %1</source>
        <translation>；警告：%1</translation>
    </message>
    <message>
        <source>Storing the secrets in the OS keychain…</source>
        <translation>正在将机密存入操作系统密钥链…</translation>
    </message>
    <message>
        <source>Testing the account %1…</source>
        <translation>正在测试账户 %1…</translation>
    </message>
    <message>
        <source>Removing the secrets of %1 from the OS keychain…</source>
        <translation>正在从操作系统密钥链中删除 %1 的机密…</translation>
    </message>
</context>
<context>
    <name>costscope::views::AllocationRulesDialog</name>
    <message>
        <source>Untagged cost</source>
        <translation>无标签成本</translation>
    </message>
    <message>
        <source>A shared service</source>
        <translation>共享服务</translation>
    </message>
    <message>
        <source>A shared account</source>
        <translation>共享账户</translation>
    </message>
    <message>
        <source>A team value (e.g. shared)</source>
        <translation>团队值（例如 shared）</translation>
    </message>
    <message>
        <source>Kubernetes idle cost</source>
        <translation>Kubernetes 空闲成本</translation>
    </message>
    <message>
        <source>Cost allocation rules</source>
        <translation>成本分摊规则</translation>
    </message>
    <message>
        <source>Rules move shared cost to the teams that use it, in this order: a cost goes to the first active rule that takes it. &lt;b&gt;Fixed&lt;/b&gt; splits by percentages that sum to 100 %; &lt;b&gt;usage&lt;/b&gt; splits in proportion to each team&apos;s own cost that day (every team with cost when no team is listed). Totals never change.</source>
        <translation>规则将共享成本按以下顺序转移给使用它的团队：一笔成本归入第一条接受它的启用规则。&lt;b&gt;固定&lt;/b&gt;按合计为 100 % 的百分比分摊；&lt;b&gt;用量&lt;/b&gt;按每个团队当天自身成本的比例分摊（未列出团队时，当天有成本的所有团队参与）。总额始终不变。</translation>
    </message>
    <message>
        <source>Teams are the values of tag</source>
        <translation>团队取自标签</translation>
    </message>
    <message>
        <source>On</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Takes</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Service / account / team</source>
        <translation>服务 / 账户 / 团队</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>分摊方式</translation>
    </message>
    <message>
        <source>To teams (e.g. web 50%, data 50%)</source>
        <translation>分给团队（例如 web 50%, data 50%）</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>添加规则</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Shared cost</source>
        <translation>共享成本</translation>
    </message>
    <message>
        <source>Fixed %</source>
        <translation>固定 %</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>rule %1: %2</source>
        <translation>规则 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s), ready to apply.</source>
        <translation>
            <numerusform>%n 条规则，可以应用。</numerusform>
        </translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
</context>
<context>
    <name>costscope::views::AnomaliesTab</name>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>资源</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message numerus="yes">
        <source>%n resource(s)</source>
        <translation>
            <numerusform>%n 个资源</numerusform>
        </translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Each day is compared with the days before it</source>
        <translation>每一天都与其之前的若干天比较</translation>
    </message>
    <message>
        <source>A day is an anomaly when it exceeds its baseline by more than this</source>
        <translation>某天超出基线的幅度大于此值即为异常</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>Median and MAD (robust)</source>
        <translation>中位数和 MAD（稳健）</translation>
    </message>
    <message>
        <source>Mean: the mean of the previous days, as OptScale does.
Median and MAD: the median of the previous days; the jump must also exceed three robust deviations, so one earlier spike or a noisy series does not move the baseline.</source>
        <translation>均值：前几天的平均值，与 OptScale 的做法相同。
中位数和 MAD：前几天的中位数；突增还必须超过三个稳健偏差，因此早先的一次尖峰或噪声较大的序列不会影响基线。</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>最近 90 天</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>最近 12 个月</translation>
    </message>
    <message>
        <source>All data</source>
        <translation>全部数据</translation>
    </message>
    <message>
        <source>Find anomalies</source>
        <translation>查找异常</translation>
    </message>
    <message>
        <source>Compare each day with the previous</source>
        <translation>将每一天与之前的</translation>
    </message>
    <message>
        <source>using the</source>
        <translation>比较，基线为</translation>
    </message>
    <message>
        <source>flag jumps above</source>
        <translation>，标记超过</translation>
    </message>
    <message>
        <source>in</source>
        <translation>的突增，范围</translation>
    </message>
    <message>
        <source>Anomalies are computed when this tab is shown.</source>
        <translation>显示此标签页时计算异常。</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>What jumped</source>
        <translation>突增项</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>预期</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>实际</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>What grew</source>
        <translation>增长来源</translation>
    </message>
    <message>
        <source>Before (mean)</source>
        <translation>之前（均值）</translation>
    </message>
    <message>
        <source>On the day</source>
        <translation>当天</translation>
    </message>
    <message>
        <source>Increase</source>
        <translation>增加</translation>
    </message>
    <message>
        <source>Double-click to open it in the Cost Explorer</source>
        <translation>双击在成本分析中打开</translation>
    </message>
    <message>
        <source>Open in Cost Explorer</source>
        <translation>在成本分析中打开</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>All costs</source>
        <translation>全部成本</translation>
    </message>
    <message>
        <source>Waiting for “%1” to finish…</source>
        <translation>正在等待“%1”完成…</translation>
    </message>
    <message>
        <source>Looking for anomalies…</source>
        <translation>正在查找异常…</translation>
    </message>
    <message>
        <source>Finding anomalies</source>
        <translation>正在查找异常</translation>
    </message>
    <message>
        <source>The anomaly detection failed: %1</source>
        <translation>异常检测失败：%1</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Resource count</source>
        <translation>资源数量</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <source>This workspace holds no cost data.</source>
        <translation>此工作区中没有成本数据。</translation>
    </message>
    <message numerus="yes">
        <source>%n anomalies from %1 to %2 in %3 accounts, services and resources: days above the %4 of the previous %5 days by more than %6 %, and by at least %7 (1 % of an average day) or %8 resources. Taxes and credits are left out.</source>
        <translation>
            <numerusform>%1 至 %2 期间，在 %3 个账户、服务和资源中发现 %n 个异常：这些日期超过之前 %5 天的%4 %6 % 以上，且至少高出 %7（平均一天的 1 %）或 %8 个资源。税费和抵扣未计入。</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 %2&lt;/b&gt; on %3: %4 instead of %5 expected (+%6 %)</source>
        <translation>&lt;b&gt;%1 %2&lt;/b&gt;，%3：%4，预期为 %5（+%6 %）</translation>
    </message>
    <message>
        <source>Tag %1</source>
        <translation>标签 %1</translation>
    </message>
    <message>
        <source>Daily cost</source>
        <translation>每日成本</translation>
    </message>
    <message>
        <source>Anomaly</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Expected (baseline)</source>
        <translation>预期（基线）</translation>
    </message>
    <message>
        <source>%1, 30 days before and 14 after</source>
        <translation>%1，之前 30 天和之后 14 天</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Not enough cost data to forecast.</source>
        <translation>成本数据不足，无法预测。</translation>
    </message>
    <message>
        <source>%1: %2 (%3–%4)</source>
        <translation>%1：%2（%3–%4）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Month end: %1&lt;/b&gt; (%2–%3). %4.&lt;br&gt;Each weekday is projected from its mean over the last %5 days, with a trend of %6 % a day; on %7 held-back periods of %8 days this missed the total by %9 % and single days by %10 % (the band).</source>
        <translation>&lt;b&gt;月末：%1&lt;/b&gt;（%2–%3）。%4。&lt;br&gt;每个工作日按其最近 %5 天的均值预测，趋势为每天 %6 %；在 %7 个保留的 %8 天历史周期上，该方法的总额误差为 %9 %，单日误差为 %10 %（即误差带）。</translation>
    </message>
    <message>
        <source>Error on held-back history</source>
        <translation>保留历史上的误差</translation>
    </message>
    <message>
        <source>%1: last 60 days and forecast to %2 (%3)</source>
        <translation>%1：最近 60 天及至 %2 的预测（%3）</translation>
    </message>
    <message>
        <source>Change (%)</source>
        <translation>变化 (%)</translation>
    </message>
    <message>
        <source>Cancelled. Press “Find anomalies” to look again.</source>
        <translation>已取消。按“查找异常”重新查找。</translation>
    </message>
</context>
<context>
    <name>costscope::views::AssignmentRulesDialog</name>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Pools and assignment rules</source>
        <translation>资源池和分配规则</translation>
    </message>
    <message>
        <source>&lt;b&gt;Pools&lt;/b&gt; — a TTL (hours after creation) applies to the pool&apos;s resources and to child pools without one of their own.</source>
        <translation>&lt;b&gt;资源池&lt;/b&gt; — TTL（创建后的小时数）适用于资源池中的资源，以及没有自己 TTL 的子资源池。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>上级</translation>
    </message>
    <message>
        <source>TTL (hours)</source>
        <translation>TTL（小时）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Rules&lt;/b&gt; — tried by priority (1 first); the first active rule whose conditions all hold sets owner and pool. Conditions: &lt;i&gt;name is|starts with|ends with|contains X&lt;/i&gt;, &lt;i&gt;type is X&lt;/i&gt;, &lt;i&gt;cloud is X&lt;/i&gt;, &lt;i&gt;region is X&lt;/i&gt;, &lt;i&gt;tag K = V&lt;/i&gt;, &lt;i&gt;tag K exists&lt;/i&gt;, &lt;i&gt;tag K starts with V&lt;/i&gt;, joined by &lt;i&gt;and&lt;/i&gt;.</source>
        <translation>&lt;b&gt;规则&lt;/b&gt; — 按优先级依次尝试（1 最先）；第一条所有条件都成立的启用规则决定负责人和资源池。条件：&lt;i&gt;name is|starts with|ends with|contains X&lt;/i&gt;、&lt;i&gt;type is X&lt;/i&gt;、&lt;i&gt;cloud is X&lt;/i&gt;、&lt;i&gt;region is X&lt;/i&gt;、&lt;i&gt;tag K = V&lt;/i&gt;、&lt;i&gt;tag K exists&lt;/i&gt;、&lt;i&gt;tag K starts with V&lt;/i&gt;，用 &lt;i&gt;and&lt;/i&gt; 连接。</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>资源池</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Pool row %1: a pool needs a name and a whole number of hours (or none).</source>
        <translation>资源池第 %1 行：资源池需要名称和整数小时数（或留空）。</translation>
    </message>
    <message>
        <source>Pool %1: there is no parent pool named %2.</source>
        <translation>资源池 %1：没有名为 %2 的上级资源池。</translation>
    </message>
    <message>
        <source>Rule row %1: the priority must be a number from 1.</source>
        <translation>规则第 %1 行：优先级必须是从 1 开始的数字。</translation>
    </message>
    <message>
        <source>Rule row %1: %2.</source>
        <translation>规则第 %1 行：%2。</translation>
    </message>
    <message>
        <source>Rule row %1: there is no pool named %2.</source>
        <translation>规则第 %1 行：没有名为 %2 的资源池。</translation>
    </message>
    <message>
        <source>Rule row %1: a rule sets an owner, a pool or both.</source>
        <translation>规则第 %1 行：规则需设置负责人、资源池或两者。</translation>
    </message>
</context>
<context>
    <name>costscope::views::Banner</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>costscope::views::BudgetsTab</name>
    <message>
        <source>No limit</source>
        <translation>无限额</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Forecast over</source>
        <translation>预测超出</translation>
    </message>
    <message>
        <source>Over limit</source>
        <translation>超出限额</translation>
    </message>
    <message>
        <source>Month:</source>
        <translation>月份：</translation>
    </message>
    <message>
        <source>Add pool…</source>
        <translation>添加资源池…</translation>
    </message>
    <message>
        <source>Add child pool…</source>
        <translation>添加子资源池…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Limit, scope, alerts…</source>
        <translation>限额、范围、告警…</translation>
    </message>
    <message>
        <source>Constraints…</source>
        <translation>约束…</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>资源池</translation>
    </message>
    <message>
        <source>Monthly limit</source>
        <translation>月度限额</translation>
    </message>
    <message>
        <source>Month to date</source>
        <translation>本月至今</translation>
    </message>
    <message>
        <source>% used</source>
        <translation>已用 %</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Constraint violations</source>
        <translation>约束违规</translation>
    </message>
    <message>
        <source>Constraint</source>
        <translation>约束</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Alerts this month</source>
        <translation>本月告警</translation>
    </message>
    <message>
        <source>Loading budgets…</source>
        <translation>正在加载预算…</translation>
    </message>
    <message>
        <source>Evaluating budgets…</source>
        <translation>正在评估预算…</translation>
    </message>
    <message>
        <source>The budgets could not be evaluated: %1</source>
        <translation>无法评估预算：%1</translation>
    </message>
    <message>
        <source>Budgets: %1</source>
        <translation>预算：%1</translation>
    </message>
    <message>
        <source>No pools yet. Add a pool, give it a monthly limit and a scope (or let the assignment rules of the Resources tab put resources in it).</source>
        <translation>还没有资源池。添加一个资源池，为其设置月度限额和范围（或让资源标签页的分配规则把资源放入其中）。</translation>
    </message>
    <message numerus="yes">
        <source>%n pool(s); no cost data in this month.</source>
        <translation>
            <numerusform>%n 个资源池；本月没有成本数据。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 pools; costs up to %2 in %3. %4 over the limit, %5 forecast to go over, %6 constraint violations.</source>
        <translation>%1 个资源池；成本截至 %2（%3）。%4 个超出限额，%5 个预测将超出，%6 个约束违规。</translation>
    </message>
    <message>
        <source>Budget alerts could not be saved: %1</source>
        <translation>无法保存预算告警：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n new budget alert(s)</source>
        <translation>
            <numerusform>%n 条新的预算告警</numerusform>
        </translation>
    </message>
    <message>
        <source>Costscope budgets</source>
        <translation>Costscope 预算</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Forecast range %1 – %2</source>
        <translation>预测区间 %1 – %2</translation>
    </message>
    <message>
        <source>(no pool)</source>
        <translation>（无资源池）</translation>
    </message>
    <message>
        <source>No constraint is violated.</source>
        <translation>没有违反任何约束。</translation>
    </message>
    <message>
        <source>No threshold crossed this month.</source>
        <translation>本月没有超过任何阈值。</translation>
    </message>
    <message>
        <source>No cost data in this month.</source>
        <translation>本月没有成本数据。</translation>
    </message>
    <message>
        <source>Select a pool.</source>
        <translation>请选择一个资源池。</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>限额</translation>
    </message>
    <message>
        <source>%1: cumulative cost in %2</source>
        <translation>%1：%2的累计成本</translation>
    </message>
    <message>
        <source>Month to date %1</source>
        <translation>本月至今 %1</translation>
    </message>
    <message>
        <source> of %1 (%2 %)</source>
        <translation> / %1（%2 %）</translation>
    </message>
    <message>
        <source>; month-end forecast %1 (%2 – %3). Status: %4.</source>
        <translation>；月末预测 %1（%2 – %3）。状态：%4。</translation>
    </message>
    <message>
        <source>Add a pool under %1</source>
        <translation>在 %1 下添加资源池</translation>
    </message>
    <message>
        <source>Add a pool</source>
        <translation>添加资源池</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>The pool was not added: %1</source>
        <translation>资源池未添加：%1</translation>
    </message>
    <message>
        <source>Rename %1</source>
        <translation>重命名 %1</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>The pool was not renamed: %1</source>
        <translation>资源池未重命名：%1</translation>
    </message>
    <message>
        <source>Remove the pool “%1” with its limit, alerts and constraints? Its child pools move up to its parent.</source>
        <translation>移除资源池“%1”及其限额、告警和约束？其子资源池将上移到其上级。</translation>
    </message>
    <message>
        <source>Remove pool</source>
        <translation>移除资源池</translation>
    </message>
    <message>
        <source>The pool was not removed: %1</source>
        <translation>资源池未移除：%1</translation>
    </message>
    <message>
        <source>The budget was not saved: %1</source>
        <translation>预算未保存：%1</translation>
    </message>
    <message>
        <source>The constraints were not saved: %1</source>
        <translation>约束未保存：%1</translation>
    </message>
    <message>
        <source>The limits are set in %1 and shown in %2 at the rate of %3; alert messages keep %1.</source>
        <translation>限额以 %1 设置，按 %3 的汇率以 %2 显示；告警消息仍使用 %1。</translation>
    </message>
    <message>
        <source>Shown in %1, the currency of the limits: %2. Add the rate in Edit ▸ Preferences ▸ Currencies.</source>
        <translation>以限额的币种 %1 显示：%2。请在 编辑 ▸ 首选项 ▸ 币种 中添加汇率。</translation>
    </message>
    <message>
        <source>The limits are in %1; shown in %2 with the rate of %3</source>
        <translation>限额以 %1 计；按 %3 的汇率以 %2 显示</translation>
    </message>
    <message>
        <source>; </source>
        <comment>between two budget alerts on one line</comment>
        <translation>；</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1:&lt;/b&gt; %2</source>
        <comment>the alert banner: title, then the alerts</comment>
        <translation>&lt;b&gt;%1：&lt;/b&gt;%2</translation>
    </message>
</context>
<context>
    <name>costscope::views::ChartStyle</name>
    <message>
        <source>MMM yyyy</source>
        <comment>date format of a month</comment>
        <translation>yyyy年M月</translation>
    </message>
    <message>
        <source>d MMM</source>
        <comment>date format of an axis label</comment>
        <translation>M月d日</translation>
    </message>
    <message>
        <source>ddd d MMM yyyy</source>
        <comment>date format of a day</comment>
        <translation>yyyy年M月d日 ddd</translation>
    </message>
</context>
<context>
    <name>costscope::views::ConstraintsDialog</name>
    <message>
        <source>Constraints</source>
        <translation>约束</translation>
    </message>
    <message>
        <source>A constraint applies to the resources of a pool (with its child pools) or, with no pool, to one resource id. Amounts are in the workspace currency; tag keys are separated by commas; dates are YYYY-MM-DD.</source>
        <translation>约束适用于某个资源池（含其子资源池）中的资源；不选资源池时适用于一个资源 ID。金额以工作区币种计；标签键以逗号分隔；日期格式为 YYYY-MM-DD。</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>资源池</translation>
    </message>
    <message>
        <source>Resource id</source>
        <translation>资源 ID</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Max count</source>
        <translation>最大数量</translation>
    </message>
    <message>
        <source>Resource type</source>
        <translation>资源类型</translation>
    </message>
    <message>
        <source>Required tags</source>
        <translation>必需标签</translation>
    </message>
    <message>
        <source>Forbidden tags</source>
        <translation>禁止标签</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>(one resource)</source>
        <translation>（单个资源）</translation>
    </message>
    <message>
        <source>Row %1 (%2): </source>
        <translation>第 %1 行（%2）：</translation>
    </message>
    <message>
        <source>choose a pool or enter a resource id.</source>
        <translation>请选择资源池或输入资源 ID。</translation>
    </message>
    <message>
        <source>the amount must be a number such as 50 or 1200.50.</source>
        <translation>金额必须是数字，例如 50 或 1200.50。</translation>
    </message>
    <message>
        <source>the max count must be a whole number, 0 or more.</source>
        <translation>最大数量必须是整数，0 或更大。</translation>
    </message>
    <message>
        <source>list required or forbidden tag keys.</source>
        <translation>请列出必需或禁止的标签键。</translation>
    </message>
    <message>
        <source>enter From and Until as YYYY-MM-DD, Until not before From.</source>
        <translation>请以 YYYY-MM-DD 格式输入开始和截止日期，截止日期不得早于开始日期。</translation>
    </message>
</context>
<context>
    <name>costscope::views::CostTableModel</name>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Total (%1)</source>
        <translation>合计（%1）</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Share (%)</source>
        <translation>占比 (%)</translation>
    </message>
    <message>
        <source>Billed in %1, which has no rate to %2: shown in %1 and not included in the total</source>
        <translation>以 %1 计费，没有到 %2 的汇率：以 %1 显示，不计入合计</translation>
    </message>
    <message>
        <source>Billed %1, converted to %2 with the rate table</source>
        <translation>计费 %1，按汇率表换算为 %2</translation>
    </message>
</context>
<context>
    <name>costscope::views::DashboardTab</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Month to date</source>
        <translation>本月至今</translation>
    </message>
    <message>
        <source>Month-end forecast</source>
        <translation>月末预测</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>As of %1, the last day with cost data</source>
        <translation>截至 %1（有成本数据的最后一天）</translation>
    </message>
    <message>
        <source>As of today, %1</source>
        <translation>截至今天，%1</translation>
    </message>
    <message>
        <source>Amounts in %1; costs billed in %2 are not included.</source>
        <translation>金额以 %1 计；以 %2 计费的成本未计入。</translation>
    </message>
    <message>
        <source>Day %1 of %2. Same days last month (%3): %4%5</source>
        <translation>本月第 %1 天，共 %2 天。上月同期（%3）：%4%5</translation>
    </message>
    <message>
        <source>Last month had no cost to compare with.</source>
        <translation>上月没有可比较的成本。</translation>
    </message>
    <message>
        <source>%1 against last month</source>
        <translation>较上月 %1</translation>
    </message>
    <message>
        <source>Month to date (%1) plus %2 remaining days projected at %3.
Each remaining day is the average cost of the same weekday over the last four weeks (%4 days of history used), so weekly seasonality carries into the projection.</source>
        <translation>本月至今（%1）加上剩余 %2 天的预测，按 %3 计算。
每个剩余日期按过去四周同一工作日的平均成本计算（使用了 %4 天的历史），因此每周的季节性会延续到预测中。</translation>
    </message>
    <message>
        <source>Daily cost by provider, last 90 days (%1)</source>
        <translation>按云厂商的每日成本，最近 90 天（%1）</translation>
    </message>
    <message>
        <source>Last 30 days, %1 to %2</source>
        <translation>最近 30 天，%1 至 %2</translation>
    </message>
    <message>
        <source>Top services</source>
        <translation>主要服务</translation>
    </message>
    <message>
        <source>Top accounts</source>
        <translation>主要账户</translation>
    </message>
    <message>
        <source>Cost by region</source>
        <translation>按区域的成本</translation>
    </message>
    <message>
        <source>Amounts in %1; costs billed in %2 are converted with the rate table (Edit ▸ Preferences).</source>
        <translation>金额以 %1 计；以 %2 计费的成本按汇率表换算（编辑 ▸ 首选项）。</translation>
    </message>
</context>
<context>
    <name>costscope::views::DisplayCurrency</name>
    <message>
        <source>. They are shown in their own currency and not included in the totals; add rates in Edit ▸ Preferences ▸ Currencies.</source>
        <translation>。这些金额以其原币种显示，不计入合计；请在 编辑 ▸ 首选项 ▸ 币种 中添加汇率。</translation>
    </message>
    <message>
        <source>. They are left out of these figures, never counted at 1; add rates in Edit ▸ Preferences ▸ Currencies.</source>
        <translation>。这些金额未计入以上数字，绝不会按 1:1 换算；请在 编辑 ▸ 首选项 ▸ 币种 中添加汇率。</translation>
    </message>
    <message numerus="yes">
        <source>%n month(s) of amounts in %1 have no rate to %2 (%3 in %4)</source>
        <translation>
            <numerusform>有 %n 个月以 %1 计的金额没有到 %2 的汇率（%4：%3）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>costscope::views::ExperimentsTab</name>
    <message>
        <source>Tracking endpoint</source>
        <translation>跟踪端点</translation>
    </message>
    <message>
        <source>Turns the local MLflow-compatible tracking endpoint on or off. MLflow clients on this machine log runs into this workspace with MLFLOW_TRACKING_URI set to the address shown.</source>
        <translation>打开或关闭本地兼容 MLflow 的跟踪端点。将 MLFLOW_TRACKING_URI 设置为所示地址后，本机上的 MLflow 客户端会把运行记录到此工作区。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copies the URI to set as MLFLOW_TRACKING_URI</source>
        <translation>复制要设置为 MLFLOW_TRACKING_URI 的 URI</translation>
    </message>
    <message>
        <source>Use a free port</source>
        <translation>使用空闲端口</translation>
    </message>
    <message>
        <source>Hosts…</source>
        <translation>主机…</translation>
    </message>
    <message>
        <source>Which cloud instance each host name of a run ran on, for the run&apos;s cost</source>
        <translation>运行所在的每个主机名对应哪个云实例，用于计算运行成本</translation>
    </message>
    <message>
        <source>No tracking endpoint in this build</source>
        <translation>此版本不含跟踪端点</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>实验</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Find runs (any column)</source>
        <translation>查找运行（任意列）</translation>
    </message>
    <message>
        <source>MLflow filter, e.g. metrics.val_auc &gt; 0.8 and params.model = &apos;xgboost&apos;</source>
        <translation>MLflow 筛选，例如 metrics.val_auc &gt; 0.8 and params.model = &apos;xgboost&apos;</translation>
    </message>
    <message>
        <source>MLflow&apos;s search language: metrics., params., tags., attributes. with = != &lt; &lt;= &gt; &gt;= LIKE ILIKE IN, joined by AND. Press Enter to apply.</source>
        <translation>MLflow 搜索语言：metrics.、params.、tags.、attributes. 配合 = != &lt; &lt;= &gt; &gt;= LIKE ILIKE IN，用 AND 连接。按 Enter 应用。</translation>
    </message>
    <message>
        <source>last value</source>
        <translation>最新值</translation>
    </message>
    <message>
        <source>minimum</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>maximum</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Which value of each metric the table shows: the latest, or the min/max over its history</source>
        <translation>表格显示各指标的哪个值：最新值，或历史中的最小值/最大值</translation>
    </message>
    <message>
        <source>Only params that differ</source>
        <translation>仅显示不同的参数</translation>
    </message>
    <message>
        <source>Metrics:</source>
        <translation>指标：</translation>
    </message>
    <message>
        <source>Select two or more runs to compare them; “~” marks a cost estimated from the catalog price (no bill covers the run); hover a cost for how it was found.</source>
        <translation>选择两个或更多运行进行比较；“~”表示按目录价格估算的成本（没有账单覆盖该运行）；将鼠标悬停在成本上可查看其计算方式。</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Leaderboard</source>
        <translation>排行榜</translation>
    </message>
    <message>
        <source>Could not load the metric history: %1</source>
        <translation>无法加载指标历史：%1</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Could not load the ML experiments: %1</source>
        <translation>无法加载机器学习实验：%1</translation>
    </message>
    <message>
        <source>Includes catalog estimates (runs no bill covers)</source>
        <translation>包含目录价格估算（没有账单覆盖的运行）</translation>
    </message>
    <message>
        <source>Billed cost of the runs, pro-rated over their instances&apos; billed hours</source>
        <translation>运行的计费成本，按其实例的计费小时数分摊</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) without a known cost</source>
        <translation>
            <numerusform>%n 个运行没有已知成本</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter not applied: %1</source>
        <translation>筛选未应用：%1</translation>
    </message>
    <message>
        <source>last</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>min</source>
        <translation>最小</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>实例</translation>
    </message>
    <message>
        <source>metrics.%1 (%2)</source>
        <translation>metrics.%1（%2）</translation>
    </message>
    <message>
        <source>Run id %1</source>
        <translation>运行 ID %1</translation>
    </message>
    <message>
        <source>No machine known</source>
        <translation>机器未知</translation>
    </message>
    <message>
        <source>Found from %1</source>
        <translation>由 %1 得出</translation>
    </message>
    <message>
        <source>Billed: the instance&apos;s bill pro-rated over its billed hours</source>
        <translation>计费：实例账单按其计费小时数分摊</translation>
    </message>
    <message>
        <source>No cost</source>
        <translation>无成本</translation>
    </message>
    <message>
        <source>Estimate (~): catalog price × duration</source>
        <translation>估算（~）：目录价格 × 时长</translation>
    </message>
    <message>
        <source>Machine from %1</source>
        <translation>机器来自 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n 个运行</numerusform>
        </translation>
    </message>
    <message>
        <source>cost %1</source>
        <translation>成本 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n shown by the filter</source>
        <translation>
            <numerusform>筛选后显示 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>No ML experiments in this workspace yet. Log runs with an MLflow client to the tracking endpoint above, or import them: costscope runs import PATH.</source>
        <translation>此工作区中还没有机器学习实验。请用 MLflow 客户端将运行记录到上方的跟踪端点，或导入它们：costscope runs import PATH。</translation>
    </message>
    <message numerus="yes">
        <source>Comparing the %n selected run(s)</source>
        <translation>
            <numerusform>正在比较所选的 %n 个运行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Comparing all %n run(s) shown (select two or more in Runs to narrow)</source>
        <translation>
            <numerusform>正在比较显示的全部 %n 个运行（在“运行”中选择两个或更多以缩小范围）</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not save the leaderboard settings: %1</source>
        <translation>无法保存排行榜设置：%1</translation>
    </message>
    <message>
        <source>Could not save the host mapping: %1</source>
        <translation>无法保存主机映射：%1</translation>
    </message>
    <message>
        <source>The tracking endpoint requires a token (Preferences), but no keychain is available.</source>
        <translation>跟踪端点需要令牌（首选项），但没有可用的密钥链。</translation>
    </message>
    <message>
        <source>The tracking endpoint requires a token, but none is stored: set one in Edit ▸ Preferences.</source>
        <translation>跟踪端点需要令牌，但尚未保存：请在 编辑 ▸ 首选项 中设置。</translation>
    </message>
    <message>
        <source>The tracking endpoint&apos;s token could not be read from the keychain: %1.</source>
        <translation>无法从密钥链读取跟踪端点的令牌：%1。</translation>
    </message>
    <message>
        <source>The tracking endpoint did not start: %1. Another program (or another Costscope window) may use this port; start it on a free port instead.</source>
        <translation>跟踪端点未启动：%1。其他程序（或另一个 Costscope 窗口）可能正在使用此端口；请改用空闲端口启动。</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the parts of the experiment&apos;s summary line</comment>
        <translation>，</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>RUNNING</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>FINISHED</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>KILLED</source>
        <translation>已终止</translation>
    </message>
    <message>
        <source>SCHEDULED</source>
        <translation>已排期</translation>
    </message>
</context>
<context>
    <name>costscope::views::ExplorerTab</name>
    <message>
        <source>Provider</source>
        <translation>云厂商</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>资源</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>最近 90 天</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>最近 12 个月</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>The last day included</source>
        <translation>包含的最后一天</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>时间范围</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>按天</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>按月</translation>
    </message>
    <message>
        <source>Group by</source>
        <translation>分组依据</translation>
    </message>
    <message>
        <source>Tag key</source>
        <translation>标签键</translation>
    </message>
    <message>
        <source>Over time by</source>
        <translation>时间粒度</translation>
    </message>
    <message>
        <source>Cost allocation</source>
        <translation>成本分摊</translation>
    </message>
    <message>
        <source>After allocation (by team)</source>
        <translation>分摊后（按团队）</translation>
    </message>
    <message>
        <source>Shared costs (untagged, shared services, Kubernetes idle) split to teams by the allocation rules. The total stays the same.</source>
        <translation>共享成本（无标签、共享服务、Kubernetes 空闲）按分摊规则分给各团队。总额保持不变。</translation>
    </message>
    <message>
        <source>Allocation rules…</source>
        <translation>分摊规则…</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>Only the checked values are included; none checked means all.</source>
        <translation>只包含勾选的值；不勾选表示全部。</translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>No filter</source>
        <translation>无筛选</translation>
    </message>
    <message>
        <source>Only these %1 values</source>
        <translation>仅这 %1 个值</translation>
    </message>
    <message>
        <source>Only tag %1 =</source>
        <translation>仅标签 %1 =</translation>
    </message>
    <message>
        <source>The allocation rules could not be saved: %1</source>
        <translation>无法保存分摊规则：%1</translation>
    </message>
    <message>
        <source>Tag %1</source>
        <translation>标签 %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>The allocation rules are not applied: %1</source>
        <translation>未应用分摊规则：%1</translation>
    </message>
    <message numerus="yes">
        <source>After allocation: %n rule(s) moved %1 of shared cost to teams; total before %2, after %3.</source>
        <translation>
            <numerusform>分摊后：%n 条规则将 %1 的共享成本转给了团队；分摊前合计 %2，分摊后 %3。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 found no team to go to and stays where it was.</source>
        <translation>%1 找不到可归属的团队，保留在原处。</translation>
    </message>
    <message>
        <source>The query failed: %1</source>
        <translation>查询失败：%1</translation>
    </message>
    <message numerus="yes">
        <source>Total: %1 in %n group(s)</source>
        <translation>
            <numerusform>合计：%1，共 %n 个分组</numerusform>
        </translation>
    </message>
    <message>
        <source>Amounts in %1. Costs billed in %2 are not included.</source>
        <translation>金额以 %1 计。以 %2 计费的成本未计入。</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>%1 by %2, %3 to %4</source>
        <translation>%1，按%2，%3 至 %4</translation>
    </message>
    <message>
        <source>Monthly cost</source>
        <translation>月度成本</translation>
    </message>
    <message>
        <source>Daily cost</source>
        <translation>每日成本</translation>
    </message>
    <message>
        <source>, after allocation</source>
        <translation>，分摊后</translation>
    </message>
    <message>
        <source>The range is empty: pick a “To” date on or after the “From” date.</source>
        <translation>时间范围为空：请选择不早于“从”日期的“至”日期。</translation>
    </message>
    <message>
        <source>%1 with no rate to %2</source>
        <translation>%1（没有到 %2 的汇率）</translation>
    </message>
</context>
<context>
    <name>costscope::views::HostMappingDialog</name>
    <message>
        <source>Hosts of ML runs</source>
        <translation>机器学习运行的主机</translation>
    </message>
    <message>
        <source>A run that reports only its host name (mlflow.system.hostname, costscope.host) is costed as the cloud instance mapped to that host here. Leave the instance empty to remove a mapping.</source>
        <translation>只报告主机名（mlflow.system.hostname、costscope.host）的运行，按此处映射到该主机的云实例计算成本。将实例留空即可删除映射。</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Instance id</source>
        <translation>实例 ID</translation>
    </message>
    <message>
        <source>Add host</source>
        <translation>添加主机</translation>
    </message>
</context>
<context>
    <name>costscope::views::ImportController</name>
    <message>
        <source>This workspace holds demo data</source>
        <translation>此工作区包含演示数据</translation>
    </message>
    <message>
        <source>The open workspace was generated by Costscope to show what it does. Your bills should not be mixed with generated data.</source>
        <translation>当前工作区由 Costscope 生成，用于展示其功能。您的账单不应与生成的数据混在一起。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Replace the demo data&lt;/b&gt; removes the generated data from this workspace and imports your bills into it; it opens with your bills from then on. You can generate the demo again at any time in another workspace.&lt;br&gt;&lt;br&gt;&lt;b&gt;New workspace&lt;/b&gt; keeps the demo as it is and imports your bills into a new workspace file.</source>
        <translation>&lt;b&gt;替换演示数据&lt;/b&gt;会删除此工作区中的生成数据并将您的账单导入其中；此后它将打开您的账单。您可以随时在其他工作区中重新生成演示数据。&lt;br&gt;&lt;br&gt;&lt;b&gt;新建工作区&lt;/b&gt;保留演示数据不变，并将您的账单导入新的工作区文件。</translation>
    </message>
    <message>
        <source>Replace the demo data</source>
        <translation>替换演示数据</translation>
    </message>
    <message>
        <source>New workspace…</source>
        <translation>新建工作区…</translation>
    </message>
    <message>
        <source>Import billing files</source>
        <translation>导入账单文件</translation>
    </message>
    <message>
        <source>Billing files (*.csv *.gz *.json);;All files (*)</source>
        <translation>账单文件 (*.csv *.gz *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import a folder of billing files</source>
        <translation>导入账单文件夹</translation>
    </message>
    <message>
        <source>New workspace for your bills</source>
        <translation>为您的账单新建工作区</translation>
    </message>
    <message>
        <source>Costscope workspaces (*.costscope)</source>
        <translation>Costscope 工作区 (*.costscope)</translation>
    </message>
    <message>
        <source>Cannot import while “%1” is running. Wait for it or cancel it, then import again.</source>
        <translation>“%1”运行期间无法导入。请等待其完成或将其取消，然后再次导入。</translation>
    </message>
    <message>
        <source>Removing the demo data…</source>
        <translation>正在删除演示数据…</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>could not clear the demo mark of %1</source>
        <translation>无法清除 %1 的演示标记</translation>
    </message>
    <message>
        <source>Importing billing files</source>
        <translation>正在导入账单文件</translation>
    </message>
    <message>
        <source>Import cancelled.</source>
        <translation>导入已取消。</translation>
    </message>
    <message>
        <source>The import failed: %1. Nothing was imported; check that the workspace is writable and try again.</source>
        <translation>导入失败：%1。未导入任何内容；请检查工作区是否可写，然后重试。</translation>
    </message>
    <message>
        <source>Import failed.</source>
        <translation>导入失败。</translation>
    </message>
    <message>
        <source>A file could not be imported: %1. The import report says what to do.</source>
        <translation>有一个文件无法导入：%1。导入报告说明了处理方法。</translation>
    </message>
    <message>
        <source>%1 files could not be imported, the first: %2. The import report says what failed and what to do.</source>
        <translation>%1 个文件无法导入，第一个：%2。导入报告说明了失败原因和处理方法。</translation>
    </message>
    <message>
        <source>Import cancelled: %1</source>
        <translation>导入已取消：%1</translation>
    </message>
    <message>
        <source>Import finished: %1</source>
        <translation>导入完成：%1</translation>
    </message>
    <message>
        <source>Importing billing files is not available in this window. Use “costscope import PATH” on the command line.</source>
        <translation>此窗口无法导入账单文件。请在命令行中使用“costscope import PATH”。</translation>
    </message>
</context>
<context>
    <name>costscope::views::ImportReportDialog</name>
    <message>
        <source>Import report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Billing period</source>
        <translation>账单周期</translation>
    </message>
    <message>
        <source>Billed total</source>
        <translation>账单总额</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Copy as text</source>
        <translation>复制为文本</translation>
    </message>
</context>
<context>
    <name>costscope::views::LeaderboardPanel</name>
    <message>
        <source>higher is better</source>
        <translation>越高越好</translation>
    </message>
    <message>
        <source>lower is better</source>
        <translation>越低越好</translation>
    </message>
    <message>
        <source>How a group&apos;s runs combine into one value</source>
        <translation>一个分组的运行如何合并为一个值</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>The primary metric&apos;s goal; candidates at or beyond it are marked</source>
        <translation>主指标的目标；达到或超过目标的候选项会被标记</translation>
    </message>
    <message>
        <source>loss, epochs:max</source>
        <translation>loss, epochs:max</translation>
    </message>
    <message>
        <source>Other metrics to show: KEY or KEY:last|max|min|avg|sum, comma-separated</source>
        <translation>要显示的其他指标：KEY 或 KEY:last|max|min|avg|sum，以逗号分隔</translation>
    </message>
    <message>
        <source>val_auc&gt;=0.8, loss&lt;=0.5</source>
        <translation>val_auc&gt;=0.8, loss&lt;=0.5</translation>
    </message>
    <message>
        <source>Bounds on aggregated metric values (inclusive): KEY&gt;=X or KEY&lt;=X, comma-separated</source>
        <translation>聚合指标值的界限（含边界）：KEY&gt;=X 或 KEY&lt;=X，以逗号分隔</translation>
    </message>
    <message>
        <source>params.model, tags.team</source>
        <translation>params.model, tags.team</translation>
    </message>
    <message>
        <source>Rank groups of runs sharing these params or tags instead of single runs</source>
        <translation>对共享这些参数或标签的运行分组排名，而不是对单个运行排名</translation>
    </message>
    <message>
        <source>no coverage rule</source>
        <translation>无覆盖规则</translation>
    </message>
    <message>
        <source>Datasets a candidate should cover (its runs&apos; costscope.dataset or dataset tags)</source>
        <translation>候选项应覆盖的数据集（其运行的 costscope.dataset 或 dataset 标签）</translation>
    </message>
    <message>
        <source>Candidates covering fewer of the datasets are not qualified</source>
        <translation>覆盖数据集较少的候选项不合格</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Primary metric</source>
        <translation>主指标</translation>
    </message>
    <message>
        <source>Secondary metrics</source>
        <translation>次要指标</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>筛选条件</translation>
    </message>
    <message>
        <source>Group by</source>
        <translation>分组依据</translation>
    </message>
    <message>
        <source>at least</source>
        <translation>至少</translation>
    </message>
    <message>
        <source>Datasets</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>the target must be a number, not “%1”</source>
        <translation>目标必须是数字，而不是“%1”</translation>
    </message>
    <message>
        <source>a secondary metric is KEY or KEY:last|max|min|avg|sum, not “%1”</source>
        <translation>次要指标应为 KEY 或 KEY:last|max|min|avg|sum，而不是“%1”</translation>
    </message>
    <message>
        <source>a filter is KEY&gt;=NUMBER or KEY&lt;=NUMBER, not “%1”</source>
        <translation>筛选条件应为 KEY&gt;=NUMBER 或 KEY&lt;=NUMBER，而不是“%1”</translation>
    </message>
    <message>
        <source>group by params.NAME or tags.NAME, not “%1”</source>
        <translation>应按 params.NAME 或 tags.NAME 分组，而不是“%1”</translation>
    </message>
    <message>
        <source>choose a primary metric</source>
        <translation>请选择主指标</translation>
    </message>
    <message>
        <source>Leaderboard settings not applied: %1.</source>
        <translation>排行榜设置未应用：%1。</translation>
    </message>
    <message>
        <source>This experiment has no primary metric: choose one above</source>
        <translation>此实验没有主指标：请在上方选择一个</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>候选项</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>min</source>
        <translation>最小</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Why not qualified</source>
        <translation>不合格原因</translation>
    </message>
    <message>
        <source>Target reached</source>
        <translation>已达目标</translation>
    </message>
    <message>
        <source>~ some run&apos;s cost is a catalog estimate (no billing row covers it)</source>
        <translation>~ 某些运行的成本为目录价格估算（没有账单行覆盖）</translation>
    </message>
    <message>
        <source>Billed cost, pro-rated over the instance&apos;s billed hours</source>
        <translation>计费成本，按实例的计费小时数分摊</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) without a known cost</source>
        <translation>
            <numerusform>%n 个运行没有已知成本</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ranked (%n)</source>
        <translation>
            <numerusform>已排名（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not qualified (%n)</source>
        <translation>
            <numerusform>不合格（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>Top three</source>
        <translation>前三名</translation>
    </message>
    <message>
        <source>last</source>
        <comment>aggregation: the run&apos;s last value</comment>
        <translation>最新值</translation>
    </message>
    <message>
        <source>max</source>
        <comment>aggregation</comment>
        <translation>最大值</translation>
    </message>
    <message>
        <source>min</source>
        <comment>aggregation</comment>
        <translation>最小值</translation>
    </message>
    <message>
        <source>avg</source>
        <comment>aggregation</comment>
        <translation>平均值</translation>
    </message>
    <message>
        <source>sum</source>
        <comment>aggregation</comment>
        <translation>求和</translation>
    </message>
</context>
<context>
    <name>costscope::views::MainWindow</name>
    <message>
        <source>Dashboard</source>
        <translation>仪表板</translation>
    </message>
    <message>
        <source>Cost Explorer</source>
        <translation>成本分析</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>资源</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>优化建议</translation>
    </message>
    <message>
        <source>Budgets</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>Anomalies</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>This workspace holds no cost data yet.

Import billing files (File ▸ Import billing files…, or drop files and folders on this window), open another workspace (File ▸ Open workspace…), or fill this one with demo data (File ▸ Regenerate demo workspace).</source>
        <translation>此工作区中还没有成本数据。

请导入账单文件（文件 ▸ 导入账单文件…，或将文件和文件夹拖放到此窗口），打开其他工作区（文件 ▸ 打开工作区…），或用演示数据填充此工作区（文件 ▸ 重新生成演示工作区）。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Regenerate demo workspace</source>
        <translation>重新生成演示工作区(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Import billing files…</source>
        <translation>导入账单文件(&amp;I)…</translation>
    </message>
    <message>
        <source>Import a &amp;folder of billing files…</source>
        <translation>导入账单文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Costscope</source>
        <translation>关于 Costscope(&amp;A)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>%1 (demo data) — Costscope</source>
        <translation>%1（演示数据）— Costscope</translation>
    </message>
    <message>
        <source>%1 — Costscope</source>
        <translation>%1 — Costscope</translation>
    </message>
    <message>
        <source>&lt;b&gt;Demo data.&lt;/b&gt; This workspace was generated by Costscope to show what it does; these are not your bills. To see your own costs, import billing files (File ▸ Import billing files…, or drop them on this window): Costscope then offers to replace the demo data or to start a new workspace.</source>
        <translation>&lt;b&gt;演示数据。&lt;/b&gt;此工作区由 Costscope 生成，用于展示其功能；这些不是您的账单。要查看您自己的成本，请导入账单文件（文件 ▸ 导入账单文件…，或将文件拖放到此窗口）：Costscope 随后会让您选择替换演示数据或新建工作区。</translation>
    </message>
    <message>
        <source>Open workspace…</source>
        <translation>打开工作区…</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>Costscope workspaces (*.costscope);;All files (*)</source>
        <translation>Costscope 工作区 (*.costscope);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open another workspace while “%1” is running. Wait for it or cancel it first.</source>
        <translation>“%1”运行期间无法打开其他工作区。请等待其完成或先将其取消。</translation>
    </message>
    <message>
        <source>Could not open the workspace %1: %2. The previous workspace is still open.</source>
        <translation>无法打开工作区 %1：%2。之前的工作区仍保持打开。</translation>
    </message>
    <message>
        <source>Replace this workspace with demo data?</source>
        <translation>用演示数据替换此工作区？</translation>
    </message>
    <message>
        <source>The workspace %1 holds your imported data. Generating the demo replaces all of it.

To keep it, open another workspace first (File ▸ Open workspace…).</source>
        <translation>工作区 %1 包含您导入的数据。生成演示数据将替换全部内容。

如需保留，请先打开其他工作区（文件 ▸ 打开工作区…）。</translation>
    </message>
    <message>
        <source>Generating the demo workspace…

Progress is shown in the status bar below.</source>
        <translation>正在生成演示工作区…

进度显示在下方的状态栏中。</translation>
    </message>
    <message>
        <source>Generating the demo workspace</source>
        <translation>正在生成演示工作区</translation>
    </message>
    <message>
        <source>Demo workspace ready.</source>
        <translation>演示工作区已就绪。</translation>
    </message>
    <message>
        <source>Demo generation cancelled.</source>
        <translation>演示数据生成已取消。</translation>
    </message>
    <message>
        <source>Demo generation was cancelled, so this workspace holds no cost data.

Choose File ▸ Regenerate demo workspace to try again.</source>
        <translation>演示数据生成已取消，因此此工作区中没有成本数据。

请选择 文件 ▸ 重新生成演示工作区 重试。</translation>
    </message>
    <message>
        <source>&lt;b&gt;The demo workspace could not be generated:&lt;/b&gt; %1. Try File ▸ Regenerate demo workspace, or open another workspace with File ▸ Open workspace…</source>
        <translation>&lt;b&gt;无法生成演示工作区：&lt;/b&gt;%1。请尝试 文件 ▸ 重新生成演示工作区，或通过 文件 ▸ 打开工作区… 打开其他工作区</translation>
    </message>
    <message>
        <source>This workspace holds no cost data.</source>
        <translation>此工作区中没有成本数据。</translation>
    </message>
    <message>
        <source>“%1” is still running. Wait for it or cancel it first.</source>
        <translation>“%1”仍在运行。请等待其完成或先取消。</translation>
    </message>
    <message>
        <source>This workspace holds no cost data. Import billing files with File ▸ Import billing files… (the import report says what failed), or fill it with demo data (File ▸ Regenerate demo workspace).</source>
        <translation>此工作区中没有成本数据。请通过 文件 ▸ 导入账单文件… 导入账单文件（导入报告会说明失败原因），或用演示数据填充（文件 ▸ 重新生成演示工作区）。</translation>
    </message>
    <message>
        <source>About Costscope</source>
        <translation>关于 Costscope</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Costscope %1&lt;/h3&gt;&lt;p&gt;A desktop FinOps and MLOps workbench: cloud bills, resources and ML runs in one local workspace, offline.&lt;/p&gt;&lt;p&gt;Workspace: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Costscope %1&lt;/h3&gt;&lt;p&gt;桌面 FinOps 和 MLOps 工作台：云账单、资源和机器学习运行集中在一个本地工作区中，可离线使用。&lt;/p&gt;&lt;p&gt;工作区：%2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Export current table as CSV…</source>
        <translation>将当前表格导出为 CSV(&amp;E)…</translation>
    </message>
    <message>
        <source>Export as CSV</source>
        <translation>导出为 CSV</translation>
    </message>
    <message>
        <source>This tab has no table to export.</source>
        <translation>此标签页没有可导出的表格。</translation>
    </message>
    <message>
        <source>SaaS &amp;&amp; PaaS</source>
        <translation>SaaS &amp;&amp; PaaS</translation>
    </message>
    <message>
        <source>Experiments</source>
        <translation>实验</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>E&amp;xperiments</source>
        <translation>实验(&amp;X)</translation>
    </message>
    <message>
        <source>Plan &amp;budgeted sweep…</source>
        <translation>规划预算内扫参(&amp;B)…</translation>
    </message>
    <message>
        <source>Plan sweep…</source>
        <translation>规划扫参…</translation>
    </message>
    <message>
        <source>A hyperparameter grid with its projected cost against a budget, watched while it runs</source>
        <translation>超参数网格及其对照预算的预计成本，运行期间持续监控</translation>
    </message>
    <message>
        <source>Sweep “%1” stopped over its budget</source>
        <translation>扫参“%1”超出预算，已停止</translation>
    </message>
    <message>
        <source>(sweep %1)</source>
        <translation>（扫参 %1）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>a status bar title and its text</comment>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>costscope::views::PoolBudgetDialog</name>
    <message>
        <source>Budget of %1</source>
        <translation>%1 的预算</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>无限额</translation>
    </message>
    <message>
        <source>Monthly limit (%1):</source>
        <translation>月度限额（%1）：</translation>
    </message>
    <message>
        <source>account is 512384960217, 670195384452 and tag team = web</source>
        <translation>account is 512384960217, 670195384452 and tag team = web</translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <source>actual 80%, forecast 100%, actual 5000</source>
        <translation>actual 80%, forecast 100%, actual 5000</translation>
    </message>
    <message>
        <source>Alert thresholds:</source>
        <translation>告警阈值：</translation>
    </message>
    <message>
        <source>The monthly limit must be an amount such as 2500 or 2500.50.</source>
        <translation>月度限额必须是金额，例如 2500 或 2500.50。</translation>
    </message>
    <message>
        <source>The scope takes provider, account, service and region (“is A, B”) and tags (“tag K = V” or “tag K exists”), joined by “and”. Resources the assignment rules put in the pool count as well, and child pools roll up.&lt;br&gt;A threshold is “actual” (month to date) or “forecast” (month end), with a percentage of the limit or an amount.</source>
        <translation>范围可使用云厂商（provider）、账户（account）、服务（service）和区域（region）（“is A, B”）以及标签（“tag K = V”或“tag K exists”），用“and”连接。分配规则放入该资源池的资源也计入，子资源池会向上汇总。&lt;br&gt;阈值可以是“actual”（本月至今）或“forecast”（月末），取值为限额的百分比或金额。</translation>
    </message>
    <message>
        <source>“%1” is not a threshold: write “actual 80%”, “forecast 100%” or “actual 5000”.</source>
        <translation>“%1”不是有效的阈值：请写“actual 80%”、“forecast 100%”或“actual 5000”。</translation>
    </message>
</context>
<context>
    <name>costscope::views::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Currencies</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Tracking endpoint</source>
        <translation>跟踪端点</translation>
    </message>
    <message>
        <source>Display currency:</source>
        <translation>显示币种：</translation>
    </message>
    <message>
        <source>Every amount on the Dashboard and in the Cost Explorer is converted to this currency with the rate table (Currencies). Amounts with no rate stay in their own currency, with a warning; they are never converted at 1.</source>
        <translation>仪表板和成本分析中的所有金额都按汇率表（币种）换算为此币种。没有汇率的金额保留原币种并给出警告；绝不会按 1:1 换算。</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>A new language takes effect the next time Costscope starts.</source>
        <translation>新语言将在下次启动 Costscope 时生效。</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Every hour</source>
        <translation>每小时</translation>
    </message>
    <message>
        <source>Every 6 hours</source>
        <translation>每 6 小时</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>Scheduled sync:</source>
        <translation>定时同步：</translation>
    </message>
    <message>
        <source>Syncs every connected cloud account while Costscope is open (the same setting as “Scheduled sync” in the Accounts tab).</source>
        <translation>Costscope 打开期间同步所有已连接的云账户（与账户标签页中的“定时同步”是同一设置）。</translation>
    </message>
    <message>
        <source>The MLflow-compatible endpoint listens on 127.0.0.1 only; MLflow clients log runs into this workspace (MLFLOW_TRACKING_URI=http://127.0.0.1:PORT).</source>
        <translation>兼容 MLflow 的端点只监听 127.0.0.1；MLflow 客户端将运行记录到此工作区（MLFLOW_TRACKING_URI=http://127.0.0.1:PORT）。</translation>
    </message>
    <message>
        <source>Start the endpoint when the window opens</source>
        <translation>窗口打开时启动端点</translation>
    </message>
    <message>
        <source>Require a token (clients send MLFLOW_TRACKING_TOKEN)</source>
        <translation>要求令牌（客户端发送 MLFLOW_TRACKING_TOKEN）</translation>
    </message>
    <message>
        <source>leave empty to keep the stored token</source>
        <translation>留空则保留已保存的令牌</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>令牌：</translation>
    </message>
    <message>
        <source>No keychain is available, so a token cannot be stored.</source>
        <translation>没有可用的密钥链，因此无法保存令牌。</translation>
    </message>
    <message>
        <source>From</source>
        <translation>原币种</translation>
    </message>
    <message>
        <source>To</source>
        <translation>目标币种</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>汇率</translation>
    </message>
    <message>
        <source>Valid from (YYYY-MM-DD)</source>
        <translation>生效日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Add rate</source>
        <translation>添加汇率</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>导入 CSV…</translation>
    </message>
    <message>
        <source>Columns from,to,rate[,valid_from]; an optional header line. Rows with the same pair and date replace those in the table.</source>
        <translation>列为 from,to,rate[,valid_from]；可选一行表头。币种对和日期相同的行会替换表中的对应行。</translation>
    </message>
    <message>
        <source>Workspace main currency (%1)</source>
        <translation>工作区主币种（%1）</translation>
    </message>
    <message numerus="yes">
        <source>%n rate(s) in this workspace.</source>
        <translation>
            <numerusform>此工作区中有 %n 个汇率。</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the keychain…</source>
        <translation>正在读取密钥链…</translation>
    </message>
    <message>
        <source>A token is stored in the keychain.</source>
        <translation>密钥链中已保存令牌。</translation>
    </message>
    <message>
        <source>No token is stored yet.</source>
        <translation>尚未保存令牌。</translation>
    </message>
    <message>
        <source>The keychain could not be read: %1</source>
        <translation>无法读取密钥链：%1</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>entered</source>
        <translation>手动输入</translation>
    </message>
    <message>
        <source>Rate row %1: %2</source>
        <translation>汇率第 %1 行：%2</translation>
    </message>
    <message>
        <source>“%1” is not a three-letter currency code (From)</source>
        <translation>“%1”不是三个字母的币种代码（从）</translation>
    </message>
    <message>
        <source>“%1” is not a three-letter currency code (To)</source>
        <translation>“%1”不是三个字母的币种代码（至）</translation>
    </message>
    <message>
        <source>the rate “%1” is not a positive decimal number with at most 12 fraction digits</source>
        <translation>汇率“%1”不是最多 12 位小数的正数</translation>
    </message>
    <message>
        <source>the date “%1” is not YYYY-MM-DD (or empty for always)</source>
        <translation>日期“%1”不是 YYYY-MM-DD 格式（留空表示始终有效）</translation>
    </message>
    <message>
        <source>%1 to %2 from the same date is already in row %3</source>
        <translation>同一日期起 %1 到 %2 的汇率已在第 %3 行</translation>
    </message>
    <message>
        <source>Import exchange rates</source>
        <translation>导入汇率</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is larger than 4 MB, which is not a rate table.</source>
        <translation>%1 大于 4 MB，不是汇率表。</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>未导入任何内容：%1</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n rate(s) read (%2 replaced rows of the table). OK or Apply saves them.</source>
        <translation>
            <numerusform>%1：读取了 %n 个汇率（替换了表中的 %2 行）。按“确定”或“应用”保存。</numerusform>
        </translation>
    </message>
    <message>
        <source>The tracking port “%1” is not a number from 1024 to 65535 (ports below 1024 need administrator rights).</source>
        <translation>跟踪端口“%1”不是 1024 到 65535 之间的数字（低于 1024 的端口需要管理员权限）。</translation>
    </message>
    <message>
        <source>A token is required but none is stored: enter one or press Generate.</source>
        <translation>需要令牌，但尚未保存：请输入一个或按“生成”。</translation>
    </message>
    <message>
        <source>A token is required but there is no keychain to keep it in.</source>
        <translation>需要令牌，但没有可保存它的密钥链。</translation>
    </message>
    <message>
        <source>The token must be at least 16 characters without spaces.</source>
        <translation>令牌必须至少 16 个字符且不含空格。</translation>
    </message>
    <message>
        <source>The display currency “%1” is not a three-letter code.</source>
        <translation>显示币种“%1”不是三个字母的代码。</translation>
    </message>
    <message>
        <source>The rates were not saved: %1</source>
        <translation>汇率未保存：%1</translation>
    </message>
    <message>
        <source>Saving the token in the keychain…</source>
        <translation>正在将令牌保存到密钥链…</translation>
    </message>
    <message>
        <source>The token was not saved in the keychain: %1</source>
        <translation>令牌未保存到密钥链：%1</translation>
    </message>
    <message>
        <source>%1 (billed in this workspace)</source>
        <translation>%1（此工作区中有计费）</translation>
    </message>
    <message>
        <source>Port (1024–65535):</source>
        <translation>端口（1024–65535）：</translation>
    </message>
    <message>
        <source>Exchange rates convert amounts to the display currency: units of “To” per unit of “From”, exact decimals with up to 12 fraction digits. A rate holds from its date until the next rate of the same pair (empty date: always); each month uses the rate in force on its last day. Rates work in one direction only.</source>
        <translation>汇率将金额换算为显示币种：每单位“原币种”折合多少单位“目标币种”，精确小数，最多 12 位小数。汇率从其日期起生效，直到同一币种对的下一个汇率（日期为空：始终有效）；每个月使用该月最后一天有效的汇率。汇率只在一个方向上生效。</translation>
    </message>
</context>
<context>
    <name>costscope::views::RecommendationsTab</name>
    <message>
        <source>Recommendations have not run yet.</source>
        <translation>优化建议尚未运行。</translation>
    </message>
    <message>
        <source>Show dismissed</source>
        <translation>显示已忽略项</translation>
    </message>
    <message>
        <source>Run again</source>
        <translation>重新运行</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>项数</translation>
    </message>
    <message>
        <source>Saving / month</source>
        <translation>每月节省</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>资源</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>云厂商</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Flavour</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Options of this module</source>
        <translation>此模块的选项</translation>
    </message>
    <message>
        <source>Apply options</source>
        <translation>应用选项</translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>优化建议</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Waiting for “%1” to finish…</source>
        <translation>正在等待“%1”完成…</translation>
    </message>
    <message>
        <source>Looking for savings…</source>
        <translation>正在查找节省机会…</translation>
    </message>
    <message>
        <source>Finding recommendations</source>
        <translation>正在查找优化建议</translation>
    </message>
    <message>
        <source>Cancelled. Press “Run again” to look again.</source>
        <translation>已取消。按“重新运行”重新查找。</translation>
    </message>
    <message>
        <source>The recommendations failed: %1</source>
        <translation>优化建议运行失败：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n recommendation(s), %1 a month</source>
        <translation>
            <numerusform>%n 条优化建议，每月 %1</numerusform>
        </translation>
    </message>
    <message>
        <source> — costs until %1</source>
        <translation> — 成本截至 %1</translation>
    </message>
    <message>
        <source>security risk</source>
        <translation>安全风险</translation>
    </message>
    <message>
        <source>Default: %1</source>
        <translation>默认：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Nothing found with these options.</source>
        <translation>使用这些选项未发现任何内容。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;&lt;b&gt;Found:&lt;/b&gt; %3&lt;br&gt;&lt;b&gt;Saving:&lt;/b&gt; %4&lt;br&gt;&lt;b&gt;What to do:&lt;/b&gt; %5</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;（%2）&lt;br&gt;&lt;b&gt;发现：&lt;/b&gt;%3&lt;br&gt;&lt;b&gt;节省：&lt;/b&gt;%4&lt;br&gt;&lt;b&gt;处理方法：&lt;/b&gt;%5</translation>
    </message>
    <message>
        <source>Could not save the dismissal: %1</source>
        <translation>无法保存忽略操作：%1</translation>
    </message>
    <message>
        <source>Could not save the options: %1</source>
        <translation>无法保存选项：%1</translation>
    </message>
    <message>
        <source>Could not reset the options: %1</source>
        <translation>无法重置选项：%1</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>已应用</translation>
    </message>
    <message>
        <source>resource deleted</source>
        <translation>资源已删除</translation>
    </message>
    <message>
        <source>options changed</source>
        <translation>选项已更改</translation>
    </message>
    <message>
        <source>Archive (%1)</source>
        <translation>归档（%1）</translation>
    </message>
    <message>
        <source> (computed in %1 from costs and catalog prices, converted with the rate of %2)</source>
        <translation>（根据成本和目录价格以 %1 计算，按 %2 的汇率换算）</translation>
    </message>
    <message>
        <source>. Savings are in %1: %2; add the rate in Edit ▸ Preferences ▸ Currencies.</source>
        <translation>。节省金额以 %1 显示：%2；请在 编辑 ▸ 首选项 ▸ 币种 中添加汇率。</translation>
    </message>
    <message>
        <source>Computed as %1 a month, converted to %2</source>
        <translation>计算结果为每月 %1，已换算为 %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>an option&apos;s label and its unit</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Computed in %1; there is no rate from %1 to %2 for %3, so it is not in the totals</source>
        <translation>以 %1 计算；%3 没有从 %1 到 %2 的汇率，因此未计入合计</translation>
    </message>
    <message>
        <source>%1 has no rate to %2: not in the totals</source>
        <translation>%1 没有到 %2 的汇率：未计入合计</translation>
    </message>
</context>
<context>
    <name>costscope::views::ReportPdf</name>
    <message>
        <source>en_US</source>
        <comment>the locale (language_TERRITORY) of the report&apos;s month names</comment>
        <translation>zh_CN</translation>
    </message>
    <message>
        <source>Bars: this month; dashed line: the month before (%1)</source>
        <translation>条形：本月；虚线：上月（%1）</translation>
    </message>
    <message>
        <source>Costscope FinOps report, %1</source>
        <translation>Costscope FinOps 报告，%1</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>第 %1 页</translation>
    </message>
    <message>
        <source>Other (%1)</source>
        <translation>其他（%1 项）</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>resource</source>
        <translation>资源</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>无限额</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Forecast over</source>
        <translation>预测超出</translation>
    </message>
    <message>
        <source>Over limit</source>
        <translation>超出限额</translation>
    </message>
    <message>
        <source>RUNNING</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>FINISHED</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>KILLED</source>
        <translation>已终止</translation>
    </message>
    <message>
        <source>SCHEDULED</source>
        <translation>已排期</translation>
    </message>
    <message>
        <source>Monthly FinOps report</source>
        <translation>月度 FinOps 报告</translation>
    </message>
    <message>
        <source>Period: %1 to %2 (costs up to %3)</source>
        <translation>期间：%1 至 %2（成本截至 %3）</translation>
    </message>
    <message>
        <source>Period: %1 to %2 (no cost data)</source>
        <translation>期间：%1 至 %2（无成本数据）</translation>
    </message>
    <message>
        <source>Scope: %1</source>
        <translation>范围：%1</translation>
    </message>
    <message>
        <source>Amounts in %1 (billed cost)</source>
        <translation>金额单位：%1（计费成本）</translation>
    </message>
    <message>
        <source>Not counted: costs in %1</source>
        <translation>未计入：以 %1 计价的成本</translation>
    </message>
    <message>
        <source>Not counted (no rate from %1 to %2 for %3): %4 %1</source>
        <translation>未计入（%3 没有从 %1 到 %2 的汇率）：%4 %1</translation>
    </message>
    <message>
        <source>Generated %1 by Costscope</source>
        <translation>由 Costscope 于 %1 生成</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>总计</translation>
    </message>
    <message>
        <source>Total this month</source>
        <translation>本月合计</translation>
    </message>
    <message>
        <source>Last month, same days</source>
        <translation>上月同期（相同天数）</translation>
    </message>
    <message>
        <source>Last month, whole</source>
        <translation>上月全月</translation>
    </message>
    <message>
        <source>Budget (top-level pools)</source>
        <translation>预算（顶层资源池）</translation>
    </message>
    <message>
        <source>%1% used</source>
        <translation>已用 %1%</translation>
    </message>
    <message>
        <source>Budget pools, month to date</source>
        <translation>预算资源池，本月至今</translation>
    </message>
    <message>
        <source>Budget pools, month-end forecast</source>
        <translation>预算资源池，月末预测</translation>
    </message>
    <message>
        <source>over budget</source>
        <translation>超出预算</translation>
    </message>
    <message>
        <source>within budget</source>
        <translation>未超预算</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>no pool has a limit</source>
        <translation>没有设定限额的资源池</translation>
    </message>
    <message>
        <source>Open recommendations, savings per month</source>
        <translation>未处理的优化建议，每月节省</translation>
    </message>
    <message>
        <source>%1 items</source>
        <translation>%1 项</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Against</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Daily cost (%1)</source>
        <translation>每日成本（%1）</translation>
    </message>
    <message>
        <source>Cost by provider</source>
        <translation>按云厂商的成本</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>云厂商</translation>
    </message>
    <message>
        <source>Cost by account</source>
        <translation>按账户的成本</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Cost by service</source>
        <translation>按服务的成本</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Top movers against last month</source>
        <translation>与上月相比变化最大的项目</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Anomalies of the month</source>
        <translation>本月异常</translation>
    </message>
    <message>
        <source>No cost anomaly this month.</source>
        <translation>本月没有成本异常。</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>预期</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>实际</translation>
    </message>
    <message>
        <source>Open recommendations</source>
        <translation>未处理的优化建议</translation>
    </message>
    <message>
        <source>No open recommendation (run them in the Recommendations tab or with costscope recommendations).</source>
        <translation>没有未处理的优化建议（可在“优化建议”标签页中或用 costscope recommendations 运行）。</translation>
    </message>
    <message>
        <source>... %1 more</source>
        <translation>……另有 %1 项</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Left out: %1 with no rate to %2</source>
        <translation>未列入：%1 项没有到 %2 的汇率</translation>
    </message>
    <message>
        <source>Recommendation</source>
        <translation>优化建议</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>资源</translation>
    </message>
    <message>
        <source>Saving / month</source>
        <translation>每月节省</translation>
    </message>
    <message>
        <source>Budget status</source>
        <translation>预算状态</translation>
    </message>
    <message>
        <source>Amounts in %1</source>
        <translation>金额单位：%1</translation>
    </message>
    <message>
        <source>No budget pool.</source>
        <translation>没有预算资源池。</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>资源池</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>限额</translation>
    </message>
    <message>
        <source>Month to date</source>
        <translation>本月至今</translation>
    </message>
    <message>
        <source>% used</source>
        <translation>已用 %</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>ML experiments&apos; cost</source>
        <translation>机器学习实验成本</translation>
    </message>
    <message>
        <source>No ML run started this month.</source>
        <translation>本月没有开始的机器学习运行。</translation>
    </message>
    <message>
        <source>%1 runs started this month in %2 experiments: %3 %4 (~: some runs priced from the catalog)</source>
        <translation>本月在 %2 个实验中开始了 %1 个运行：%3 %4（~：部分运行按价格目录估算）</translation>
    </message>
    <message>
        <source>%1 runs started this month in %2 experiments: %3 %4</source>
        <translation>本月在 %2 个实验中开始了 %1 个运行：%3 %4</translation>
    </message>
    <message>
        <source>%1 (max)</source>
        <translation>%1（最大）</translation>
    </message>
    <message>
        <source>%1 (min)</source>
        <translation>%1（最小）</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>实验</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Primary metric</source>
        <translation>主指标</translation>
    </message>
    <message>
        <source>Best run</source>
        <translation>最佳运行</translation>
    </message>
    <message>
        <source>Top runs by cost</source>
        <translation>成本最高的运行</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
</context>
<context>
    <name>costscope::views::ResourceDetailsPane</name>
    <message>
        <source>CPU (%)</source>
        <translation>CPU (%)</translation>
    </message>
    <message>
        <source>Memory (%)</source>
        <translation>内存 (%)</translation>
    </message>
    <message>
        <source>Network in (B/s)</source>
        <translation>网络入 (B/s)</translation>
    </message>
    <message>
        <source>Network out (B/s)</source>
        <translation>网络出 (B/s)</translation>
    </message>
    <message>
        <source>Disk read (B/s)</source>
        <translation>磁盘读 (B/s)</translation>
    </message>
    <message>
        <source>Disk write (B/s)</source>
        <translation>磁盘写 (B/s)</translation>
    </message>
    <message>
        <source>attached to instance</source>
        <translation>挂载到实例</translation>
    </message>
    <message>
        <source>has volume</source>
        <translation>拥有卷</translation>
    </message>
    <message>
        <source>snapshot of volume</source>
        <translation>卷的快照</translation>
    </message>
    <message>
        <source>has snapshot</source>
        <translation>拥有快照</translation>
    </message>
    <message>
        <source>image of snapshot</source>
        <translation>快照的镜像</translation>
    </message>
    <message>
        <source>has image</source>
        <translation>拥有镜像</translation>
    </message>
    <message>
        <source>address of instance</source>
        <translation>实例的地址</translation>
    </message>
    <message>
        <source>has address</source>
        <translation>拥有地址</translation>
    </message>
    <message>
        <source>attached to (%1)</source>
        <translation>挂载到（%1）</translation>
    </message>
    <message>
        <source>has attached (%1)</source>
        <translation>已挂载（%1）</translation>
    </message>
    <message>
        <source>Select a resource to see its history.</source>
        <translation>选择一个资源以查看其历史。</translation>
    </message>
    <message>
        <source>No metrics recorded for this resource.</source>
        <translation>此资源没有记录指标。</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>挂载关系</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>资源</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>优化建议</translation>
    </message>
    <message>
        <source>Recommendation</source>
        <translation>优化建议</translation>
    </message>
    <message>
        <source>Saving / month</source>
        <translation>每月节省</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>Constraint violations</source>
        <translation>约束违规</translation>
    </message>
    <message>
        <source>Constraint</source>
        <translation>约束</translation>
    </message>
    <message>
        <source>Violation</source>
        <translation>违规</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>TTL</source>
        <translation>TTL</translation>
    </message>
    <message>
        <source>Set TTL</source>
        <translation>设置 TTL</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Show line items in Cost Explorer</source>
        <translation>在成本分析中显示明细项</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>seen only in billing data (no inventory record)</source>
        <translation>仅出现在账单数据中（无资源清单记录）</translation>
    </message>
    <message>
        <source>inactive: gone from the cloud, last seen %1</source>
        <translation>不活跃：已从云中消失，最后出现于 %1</translation>
    </message>
    <message>
        <source>active</source>
        <translation>活跃</translation>
    </message>
    <message>
        <source>&lt;b&gt;Id&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;ID&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Provider&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;Account&lt;/b&gt; %2 &amp;nbsp; &lt;b&gt;Region&lt;/b&gt; %3</source>
        <translation>&lt;b&gt;云厂商&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;账户&lt;/b&gt; %2 &amp;nbsp; &lt;b&gt;区域&lt;/b&gt; %3</translation>
    </message>
    <message>
        <source>(global)</source>
        <translation>（全局）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Type&lt;/b&gt; %1 %2 &amp;nbsp; &lt;b&gt;State&lt;/b&gt; %3</source>
        <translation>&lt;b&gt;类型&lt;/b&gt; %1 %2 &amp;nbsp; &lt;b&gt;状态&lt;/b&gt; %3</translation>
    </message>
    <message>
        <source>&lt;b&gt;Lifecycle&lt;/b&gt; %1; first seen %2, last seen %3</source>
        <translation>&lt;b&gt;生命周期&lt;/b&gt; %1；首次出现 %2，最后出现 %3</translation>
    </message>
    <message>
        <source>&lt;b&gt;Owner&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;Pool&lt;/b&gt; %2</source>
        <translation>&lt;b&gt;负责人&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;资源池&lt;/b&gt; %2</translation>
    </message>
    <message>
        <source>(unassigned)</source>
        <translation>（未分配）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cost&lt;/b&gt; %1 this month, %2 to date</source>
        <translation>&lt;b&gt;成本&lt;/b&gt; 本月 %1，累计 %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;CPU, last 7 days&lt;/b&gt; average %1 %, p95 %2 %</source>
        <translation>&lt;b&gt;CPU，最近 7 天&lt;/b&gt; 平均 %1 %，p95 %2 %</translation>
    </message>
    <message>
        <source>&lt;b&gt;TTL&lt;/b&gt; %1 (%2)</source>
        <translation>&lt;b&gt;TTL&lt;/b&gt; %1（%2）</translation>
    </message>
    <message>
        <source>from pool %1</source>
        <translation>来自资源池 %1</translation>
    </message>
    <message>
        <source>set on the resource</source>
        <translation>在资源上设置</translation>
    </message>
    <message>
        <source>⚠ TTL violation: this resource should have been removed on %1.</source>
        <translation>⚠ 违反 TTL：此资源本应在 %1 移除。</translation>
    </message>
    <message>
        <source>expired %1 (%2)</source>
        <translation>已于 %1 到期（%2）</translation>
    </message>
    <message>
        <source>TTL of pool %1</source>
        <translation>资源池 %1 的 TTL</translation>
    </message>
    <message>
        <source>TTL not reached</source>
        <translation>未到 TTL</translation>
    </message>
    <message>
        <source>no TTL applies</source>
        <translation>无适用的 TTL</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>(untagged)</source>
        <translation>（无标签）</translation>
    </message>
    <message>
        <source>%1 (dismissed)</source>
        <translation>%1（已忽略）</translation>
    </message>
    <message>
        <source>(not run yet)</source>
        <translation>（尚未运行）</translation>
    </message>
    <message>
        <source>No module of the last run (%1) flags it</source>
        <translation>上次运行（%1）中没有模块标记它</translation>
    </message>
    <message>
        <source>Open the Recommendations tab to run the modules</source>
        <translation>打开优化建议标签页以运行各模块</translation>
    </message>
    <message>
        <source>Daily cost</source>
        <translation>每日成本</translation>
    </message>
    <message numerus="yes">
        <source>Daily cost, last %n day(s)</source>
        <translation>
            <numerusform>每日成本，最近 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>bytes/s</source>
        <translation>字节/秒</translation>
    </message>
    <message>
        <source>Daily average of each metric</source>
        <translation>各指标的每日平均值</translation>
    </message>
    <message>
        <source>&lt;i&gt;Part of its cost has no rate to %1 and is not included.&lt;/i&gt;</source>
        <translation>&lt;i&gt;其部分成本没有到 %1 的汇率，未计入。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Computed in %1; there is no rate from %1 to %2</source>
        <translation>以 %1 计算；没有从 %1 到 %2 的汇率</translation>
    </message>
    <message>
        <source>Computed as %1 a month, converted to %2</source>
        <translation>计算结果为每月 %1，已换算为 %2</translation>
    </message>
</context>
<context>
    <name>costscope::views::ResourceGroupModel</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>1 resource</source>
        <translation>1 个资源</translation>
    </message>
    <message>
        <source>%1 resources</source>
        <translation>%1 个资源</translation>
    </message>
    <message>
        <source>Click to show the resources of this group</source>
        <translation>单击显示此分组的资源</translation>
    </message>
    <message>
        <source>Click to fold this group</source>
        <translation>单击折叠此分组</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>a group header: the column, then the value</comment>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>costscope::views::ResourceTableModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Resource id</source>
        <translation>资源 ID</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>云厂商</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>首次出现</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最后出现</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>资源池</translation>
    </message>
    <message>
        <source>This month (%1)</source>
        <translation>本月（%1）</translation>
    </message>
    <message>
        <source>To date (%1)</source>
        <translation>累计（%1）</translation>
    </message>
    <message>
        <source>CPU avg 7 d</source>
        <translation>CPU 7 天平均</translation>
    </message>
    <message>
        <source>CPU p95 7 d</source>
        <translation>CPU 7 天 p95</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>优化建议</translation>
    </message>
    <message>
        <source>TTL</source>
        <translation>TTL</translation>
    </message>
    <message>
        <source>billing only</source>
        <translation>仅账单</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>不活跃</translation>
    </message>
    <message>
        <source>%1 (inactive)</source>
        <translation>%1（不活跃）</translation>
    </message>
    <message>
        <source>expired %1</source>
        <translation>已于 %1 到期</translation>
    </message>
    <message>
        <source>TTL expired on %1</source>
        <translation>TTL 已于 %1 到期</translation>
    </message>
    <message>
        <source>Seen only in billing data; no inventory record</source>
        <translation>仅出现在账单数据中；无资源清单记录</translation>
    </message>
    <message numerus="yes">
        <source>%n recommendation(s) of the last run touch it; the details list them</source>
        <translation>
            <numerusform>上次运行的 %n 条优化建议涉及它；详情中列出了这些建议</numerusform>
        </translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>累计</translation>
    </message>
    <message>
        <source>Part of this cost has no rate to %1 and is left out (named in the summary above)</source>
        <translation>此成本中有一部分没有到 %1 的汇率，未计入（已在上方摘要中列出）</translation>
    </message>
    <message>
        <source>instance</source>
        <translation>实例</translation>
    </message>
    <message>
        <source>volume</source>
        <translation>卷</translation>
    </message>
    <message>
        <source>snapshot</source>
        <translation>快照</translation>
    </message>
    <message>
        <source>image</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>ip</source>
        <translation>IP 地址</translation>
    </message>
    <message>
        <source>bucket</source>
        <translation>存储桶</translation>
    </message>
    <message>
        <source>database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>workgroup</source>
        <translation>工作组</translation>
    </message>
    <message>
        <source>stream</source>
        <translation>数据流</translation>
    </message>
    <message>
        <source>security group</source>
        <translation>安全组</translation>
    </message>
    <message>
        <source>IAM user</source>
        <translation>IAM 用户</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>正在停止</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>terminated</source>
        <translation>已终止</translation>
    </message>
    <message>
        <source>deallocated</source>
        <translation>已解除分配</translation>
    </message>
    <message>
        <source>available</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>in-use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>active</source>
        <translation>活跃</translation>
    </message>
    <message>
        <source>associated</source>
        <translation>已关联</translation>
    </message>
    <message>
        <source>unassociated</source>
        <translation>未关联</translation>
    </message>
    <message>
        <source>released</source>
        <translation>已释放</translation>
    </message>
</context>
<context>
    <name>costscope::views::ResourcesTab</name>
    <message>
        <source>Filter: name, id, tag, owner…</source>
        <translation>筛选：名称、ID、标签、负责人…</translation>
    </message>
    <message>
        <source>in all columns</source>
        <translation>所有列</translation>
    </message>
    <message>
        <source>Show inactive</source>
        <translation>显示不活跃资源</translation>
    </message>
    <message>
        <source>No grouping</source>
        <translation>不分组</translation>
    </message>
    <message>
        <source>Group by %1</source>
        <translation>按%1分组</translation>
    </message>
    <message>
        <source>Pools and rules…</source>
        <translation>资源池和规则…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>The resource list could not be read: %1</source>
        <translation>无法读取资源列表：%1</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>在%1中</translation>
    </message>
    <message>
        <source>Reading resources…</source>
        <translation>正在读取资源…</translation>
    </message>
    <message>
        <source>%1 of %2 resources shown — %3 inactive, %4 seen only in billing data, %5 TTL violations — %6 this month</source>
        <translation>显示 %1 / %2 个资源 — %3 个不活跃，%4 个仅出现在账单数据中，%5 个违反 TTL — 本月 %6</translation>
    </message>
    <message>
        <source> — 1 group</source>
        <translation> — 1 个分组</translation>
    </message>
    <message>
        <source> — %1 groups</source>
        <translation> — %1 个分组</translation>
    </message>
    <message>
        <source>The history of the resource could not be read: %1</source>
        <translation>无法读取资源的历史：%1</translation>
    </message>
    <message>
        <source>The rules could not be saved: %1</source>
        <translation>无法保存规则：%1</translation>
    </message>
    <message>
        <source>The TTL could not be saved: %1</source>
        <translation>无法保存 TTL：%1</translation>
    </message>
    <message>
        <source>Export resources</source>
        <translation>导出资源</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>The export to %1 failed: %2</source>
        <translation>导出到 %1 失败：%2</translation>
    </message>
</context>
<context>
    <name>costscope::views::RunComparison</name>
    <message>
        <source>Metric over steps:</source>
        <translation>指标随步数变化：</translation>
    </message>
    <message>
        <source>Metric over steps: no runs to compare</source>
        <translation>指标随步数变化：没有可比较的运行</translation>
    </message>
    <message>
        <source>%1 over steps</source>
        <translation>%1 随步数变化</translation>
    </message>
    <message>
        <source>No run has a history of %1</source>
        <translation>没有运行具有 %1 的历史</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Parallel coordinates: no params to compare</source>
        <translation>平行坐标：没有可比较的参数</translation>
    </message>
    <message>
        <source>Cost against %1 (%2 is better); the Pareto front connected</source>
        <translation>成本与 %1 的关系（%2 更好）；帕累托前沿已连线</translation>
    </message>
    <message>
        <source>higher</source>
        <translation>越高</translation>
    </message>
    <message>
        <source>lower</source>
        <translation>越低</translation>
    </message>
    <message>
        <source>Cost against %1: no run has both a cost and the metric</source>
        <translation>成本与 %1 的关系：没有运行同时具有成本和该指标</translation>
    </message>
    <message>
        <source>runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation>帕累托前沿</translation>
    </message>
    <message>
        <source>Params against %1 (each axis scaled to its range; colour: blue worst, orange best)</source>
        <translation>参数与 %1 的关系（每个轴按其范围缩放；颜色：蓝色最差，橙色最好）</translation>
    </message>
    <message>
        <source>%1
cost %2 %5, %3 %4</source>
        <translation>%1
成本 %2 %5，%3 %4</translation>
    </message>
    <message>
        <source>cost (%1)</source>
        <translation>成本（%1）</translation>
    </message>
</context>
<context>
    <name>costscope::views::SaasTab</name>
    <message>
        <source>out</source>
        <translation>流出</translation>
    </message>
    <message>
        <source>in</source>
        <translation>流入</translation>
    </message>
    <message>
        <source>billed</source>
        <translation>计费</translation>
    </message>
    <message>
        <source>scanned by Spectrum</source>
        <translation>Spectrum 扫描</translation>
    </message>
    <message>
        <source>scanned</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>%1 tier-1 requests</source>
        <translation>%1 次一类请求</translation>
    </message>
    <message>
        <source>%1 tier-2 requests</source>
        <translation>%1 次二类请求</translation>
    </message>
    <message>
        <source>%1 queries</source>
        <translation>%1 次查询</translation>
    </message>
    <message>
        <source>%1 GB-months stored</source>
        <translation>存储 %1 GB 月</translation>
    </message>
    <message>
        <source>%1 node-hours</source>
        <translation>%1 节点小时</translation>
    </message>
    <message>
        <source>%1 RPU-hours</source>
        <translation>%1 RPU 小时</translation>
    </message>
    <message>
        <source>%1 slot-hours</source>
        <translation>%1 槽位小时</translation>
    </message>
    <message>
        <source>%1 DBU</source>
        <translation>%1 DBU</translation>
    </message>
    <message>
        <source>%1 credits</source>
        <translation>%1 积分</translation>
    </message>
    <message>
        <source>%1 compute credits</source>
        <translation>%1 计算积分</translation>
    </message>
    <message>
        <source>%1 cloud services credits</source>
        <translation>%1 云服务积分</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>Buckets</source>
        <translation>存储桶</translation>
    </message>
    <message>
        <source>Clusters and workgroups</source>
        <translation>集群和工作组</translation>
    </message>
    <message>
        <source>Warehouses</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Workspaces</source>
        <translation>工作区</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>SKUs</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>bucket</source>
        <translation>存储桶</translation>
    </message>
    <message>
        <source>cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>workgroup</source>
        <translation>工作组</translation>
    </message>
    <message>
        <source>warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>workspace</source>
        <translation>工作区</translation>
    </message>
    <message>
        <source>project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>user</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>All services</source>
        <translation>所有服务</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>最近 90 天</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>最近 12 个月</translation>
    </message>
    <message>
        <source>By day</source>
        <translation>按天</translation>
    </message>
    <message>
        <source>By week</source>
        <translation>按周</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>按月</translation>
    </message>
    <message>
        <source>Service:</source>
        <translation>服务：</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>期间：</translation>
    </message>
    <message>
        <source>No SaaS or PaaS usage in this workspace yet.

This tab shows what Amazon S3, Amazon Redshift, Google BigQuery, Databricks and Snowflake were used for, by whom, and what it cost.

• S3 and Redshift: import an AWS Cost and Usage Report (File ▸ Import billing files…) or sync an AWS account.
• BigQuery: connect a GCP account in the Accounts tab; its jobs (bytes billed, slot time, user) are read from INFORMATION_SCHEMA.JOBS.
• Databricks and Snowflake: connect the workspace or account in the Accounts tab, or import their usage exports.

The demo workspace (File ▸ Regenerate demo workspace) includes all five services.</source>
        <translation>此工作区中还没有 SaaS 或 PaaS 用量。

此标签页显示 Amazon S3、Amazon Redshift、Google BigQuery、Databricks 和 Snowflake 被用于什么、由谁使用以及花费多少。

• S3 和 Redshift：导入 AWS 成本和使用情况报告（文件 ▸ 导入账单文件…）或同步 AWS 账户。
• BigQuery：在账户标签页中连接 GCP 账户；其作业（计费字节、槽位时间、用户）从 INFORMATION_SCHEMA.JOBS 读取。
• Databricks 和 Snowflake：在账户标签页中连接其工作区或账户，或导入其用量导出文件。

演示工作区（文件 ▸ 重新生成演示工作区）包含全部五项服务。</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Cost and usage</source>
        <translation>成本和用量</translation>
    </message>
    <message>
        <source>Show line items in Cost Explorer</source>
        <translation>在成本分析中显示明细项</translation>
    </message>
    <message>
        <source>Opens Cost Explorer filtered to the selected bucket, cluster or warehouse when its bill carries it as a resource (double-click a row does the same).</source>
        <translation>当账单将所选存储桶、集群或仓库作为资源记录时，打开按其筛选的成本分析（双击行也可以）。</translation>
    </message>
    <message>
        <source>Top by cost:</source>
        <translation>按成本排名：</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Top spenders</source>
        <translation>花费最多</translation>
    </message>
    <message>
        <source>No usage quantities in this period to divide the cost by.</source>
        <translation>此期间没有可用于分摊成本的用量。</translation>
    </message>
    <message>
        <source>Unit costs</source>
        <translation>单位成本</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Bytes scanned</source>
        <translation>扫描字节数</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Select a query to see its full text.</source>
        <translation>选择一个查询以查看其全文。</translation>
    </message>
    <message>
        <source>Expensive queries</source>
        <translation>高成本查询</translation>
    </message>
    <message>
        <source>Recommendation</source>
        <translation>优化建议</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>资源</translation>
    </message>
    <message>
        <source>Saving / month</source>
        <translation>每月节省</translation>
    </message>
    <message>
        <source>How it was found</source>
        <translation>计算方式</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>优化建议</translation>
    </message>
    <message>
        <source>The SaaS usage could not be read: %1</source>
        <translation>无法读取 SaaS 用量：%1</translation>
    </message>
    <message>
        <source>No SaaS usage from %1 to %2.</source>
        <translation>%1 至 %2 期间没有 SaaS 用量。</translation>
    </message>
    <message numerus="yes">
        <source>%1 from %2 to %3 · %n queries</source>
        <translation>
            <numerusform>%1，%2 至 %3 · %n 次查询</numerusform>
        </translation>
    </message>
    <message>
        <source>(not included: costs in %1)</source>
        <translation>（未计入：以 %1 计的成本）</translation>
    </message>
    <message>
        <source>Nothing of this kind in the period for this service.</source>
        <translation>此服务在此期间没有此类项目。</translation>
    </message>
    <message>
        <source>The %1 largest of %2; share is of the cost of all %2.</source>
        <translation>%2 中最大的 %1 个；占比基于全部 %2 的成本。</translation>
    </message>
    <message>
        <source>[full scan] %1</source>
        <translation>[全表扫描] %1</translation>
    </message>
    <message>
        <source>No queries in the period for this service (BigQuery, Snowflake, Databricks and Redshift report them).</source>
        <translation>此服务在此期间没有查询（BigQuery、Snowflake、Databricks 和 Redshift 会报告查询）。</translation>
    </message>
    <message>
        <source>The %1 most expensive of %2 queries.</source>
        <translation>%2 次查询中成本最高的 %1 次。</translation>
    </message>
    <message numerus="yes">
        <source>%n queries, most expensive first.</source>
        <translation>
            <numerusform>%n 次查询，成本最高的在前。</numerusform>
        </translation>
    </message>
    <message>
        <source>No open recommendations about these services in the last run (Recommendations tab).</source>
        <translation>上次运行中没有关于这些服务的待处理优化建议（优化建议标签页）。</translation>
    </message>
    <message numerus="yes">
        <source>%n open recommendations from the last run, saving %1 a month.</source>
        <translation>
            <numerusform>上次运行有 %n 条待处理优化建议，每月可节省 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Cost per service</source>
        <translation>各服务成本</translation>
    </message>
    <message>
        <source>%1 cost per usage type</source>
        <translation>%1 各用量类型的成本</translation>
    </message>
    <message>
        <source>%1 per %2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>%1: cost per %2 — %3 over the period</source>
        <translation>%1：单位成本（%2）— 全期 %3</translation>
    </message>
    <message>
        <source>%1 · account %2 · query %3</source>
        <translation>%1 · 账户 %2 · 查询 %3</translation>
    </message>
    <message>
        <source>User %1 · scope %2 · %3</source>
        <translation>用户 %1 · 范围 %2 · %3</translation>
    </message>
    <message>
        <source>Started %1 (UTC %2) · ran %3</source>
        <translation>开始于 %1（UTC %2）· 运行 %3</translation>
    </message>
    <message>
        <source>Scanned %1 · billed %2</source>
        <translation>扫描 %1 · 计费 %2</translation>
    </message>
    <message>
        <source> · %1 slot-hours</source>
        <translation> · %1 槽位小时</translation>
    </message>
    <message>
        <source> · %1 credits</source>
        <translation> · %1 积分</translation>
    </message>
    <message>
        <source> · cost %1</source>
        <translation> · 成本 %1</translation>
    </message>
    <message>
        <source> · scanned whole tables</source>
        <translation> · 扫描了整张表</translation>
    </message>
    <message>
        <source>No cost line item names “%1” as its resource, so Cost Explorer cannot filter to it; its cost here comes from the service&apos;s usage data.</source>
        <translation>没有成本明细项将“%1”作为其资源，因此成本分析无法按它筛选；此处的成本来自该服务的用量数据。</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>The table could not be written to %1: %2</source>
        <translation>无法将表格写入 %1：%2</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Computed in %1; there is no rate from %1 to %2</source>
        <translation>以 %1 计算；没有从 %1 到 %2 的汇率</translation>
    </message>
    <message>
        <source>Computed as %1 a month, converted to %2</source>
        <translation>计算结果为每月 %1，已换算为 %2</translation>
    </message>
</context>
<context>
    <name>costscope::views::SweepDialog</name>
    <message>
        <source>Plan a budgeted sweep</source>
        <translation>规划预算内扫参</translation>
    </message>
    <message>
        <source>The experiment the runs log into; a new name is created when the sweep is saved.</source>
        <translation>运行记录到的实验；保存扫参时会创建新名称的实验。</translation>
    </message>
    <message>
        <source>e.g. lr-grid</source>
        <translation>例如 lr-grid</translation>
    </message>
    <message>
        <source>One parameter a line:
lr=1e-4..1e-1 x4 log
batch=32,64,128</source>
        <translation>每行一个参数：
lr=1e-4..1e-1 x4 log
batch=32,64,128</translation>
    </message>
    <message>
        <source>NAME=VALUES: a list (0.1,0.01) or a range FROM..TO xN, linear or log.</source>
        <translation>NAME=VALUES：列表（0.1,0.01）或范围 FROM..TO xN，线性或对数。</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>python train.py --lr {lr} --batch {batch}</source>
        <translation>python train.py --lr {lr} --batch {batch}</translation>
    </message>
    <message>
        <source>%1 (%2, %3 vCPU) — %4/h</source>
        <translation>%1（%2，%3 vCPU）— %4/小时</translation>
    </message>
    <message>
        <source>&amp;Experiment:</source>
        <translation>实验(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Grid:</source>
        <translation>网格(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Instance type:</source>
        <translation>实例类型(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Minutes per run:</source>
        <translation>每次运行分钟数(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Budget (USD):</source>
        <translation>预算 (USD)(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Command:</source>
        <translation>命令(&amp;C)：</translation>
    </message>
    <message>
        <source>The values each parameter takes, ranges expanded</source>
        <translation>每个参数的取值（范围已展开）</translation>
    </message>
    <message>
        <source>Runs:</source>
        <translation>运行：</translation>
    </message>
    <message>
        <source>Values:</source>
        <translation>取值：</translation>
    </message>
    <message>
        <source>Cost per run:</source>
        <translation>每次运行成本：</translation>
    </message>
    <message>
        <source>Projected cost:</source>
        <translation>预计成本：</translation>
    </message>
    <message>
        <source>Before anything starts</source>
        <translation>开始之前</translation>
    </message>
    <message>
        <source>&amp;Save sweep</source>
        <translation>保存扫参(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Copy commands</source>
        <translation>复制命令(&amp;C)</translation>
    </message>
    <message>
        <source>Each run&apos;s environment (tracking URI, experiment, the sweep&apos;s tags) and command, as shell lines.</source>
        <translation>每次运行的环境（跟踪 URI、实验、扫参标签）和命令，以 shell 命令行形式。</translation>
    </message>
    <message>
        <source>Save s&amp;cript…</source>
        <translation>保存脚本(&amp;C)…</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>实验</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>已花费</translation>
    </message>
    <message>
        <source>Projected</source>
        <translation>预计</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Saved sweeps</source>
        <translation>已保存的扫参</translation>
    </message>
    <message>
        <source>Grid line %1: %2</source>
        <translation>网格第 %1 行：%2</translation>
    </message>
    <message>
        <source>Type the grid: one parameter a line, e.g. lr=0.1,0.01</source>
        <translation>输入网格：每行一个参数，例如 lr=0.1,0.01</translation>
    </message>
    <message>
        <source>The budget is not an amount: %1</source>
        <translation>预算不是金额：%1</translation>
    </message>
    <message>
        <source>%1 (%2 min at %3/h)</source>
        <translation>%1（%2 分钟，按 %3/小时）</translation>
    </message>
    <message>
        <source>%1 — over the %2 budget by %3</source>
        <translation>%1 — 超出 %2 预算 %3</translation>
    </message>
    <message>
        <source>%1 of a %2 budget</source>
        <translation>%1 / 预算 %2</translation>
    </message>
    <message>
        <source>Cannot open the workspace: %1</source>
        <translation>无法打开工作区：%1</translation>
    </message>
    <message>
        <source>Cannot create the experiment: %1</source>
        <translation>无法创建实验：%1</translation>
    </message>
    <message>
        <source>The sweep was not saved: %1</source>
        <translation>扫参未保存：%1</translation>
    </message>
    <message>
        <source>Saved as sweep %1. Its runs are watched while they log into the tracking endpoint.</source>
        <translation>已保存为扫参 %1。其运行记录到跟踪端点时会被持续监控。</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n run(s) with their environment.</source>
        <translation>
            <numerusform>已复制 %n 个运行及其环境。</numerusform>
        </translation>
    </message>
    <message>
        <source>Save the sweep as a script</source>
        <translation>将扫参保存为脚本</translation>
    </message>
    <message>
        <source>Shell scripts (*.sh)</source>
        <translation>Shell 脚本 (*.sh)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <source>Cannot read the saved sweeps: %1</source>
        <translation>无法读取已保存的扫参：%1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
</TS>
