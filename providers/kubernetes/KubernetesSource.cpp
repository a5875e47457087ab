#include "providers/kubernetes/KubernetesSource.h"

#include "providers/kubernetes/OpenCostClient.h"
#include "providers/kubernetes/PrometheusClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

namespace costscope::providers::kubernetes {

Q_LOGGING_CATEGORY(lcKubernetes, "costscope.kubernetes", QtInfoMsg)

std::optional<Source> parseSource(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t.isEmpty() || t == u"auto")
        return Source::Auto;
    if (t == u"opencost")
        return Source::OpenCost;
    if (t == u"prometheus")
        return Source::Prometheus;
    return std::nullopt;
}

QStringList sourceNames()
{
    return {QStringLiteral("auto"), QStringLiteral("opencost"), QStringLiteral("prometheus")};
}

KubernetesClient::KubernetesClient(AccountConfig account, QString token, const net::HttpClient &http, ClientOptions options)
    : m_account(std::move(account))
    , m_token(std::move(token))
    , m_http(http)
    , m_options(options)
{
    m_source = parseSource(m_account.options.value(QStringLiteral("source"))).value_or(Source::Auto);
    if (m_source == Source::OpenCost)
        m_client = std::make_unique<OpenCostClient>(m_account, m_token, m_http, m_options);
    else if (m_source == Source::Prometheus)
        m_client = std::make_unique<PrometheusClient>(m_account, m_token, m_http, m_options);
}

KubernetesClient::~KubernetesClient()
{
    m_token.fill(u'\0');
}

bool KubernetesClient::resolve(QString *error, const CancelFn &cancelled)
{
    if (m_client)
        return true;
    QUrl url(m_account.endpoint);
    QString path = url.path();
    if (!path.endsWith(u'/'))
        path += u'/';
    url.setPath(path + QStringLiteral("api/v1/status/buildinfo"));
    net::HttpRequest request;
    request.url = url;
    request.headers.append({QByteArray("Accept"), QByteArray("application/json")});
    if (!m_token.isEmpty())
        request.headers.append({QByteArray("Authorization"), QByteArray("Bearer " + m_token.toUtf8())});
    const net::HttpResult result = m_http.send(std::move(request), cancelled);
    const QString what = QStringLiteral("Kubernetes source probe (is %1 Prometheus or OpenCost?)").arg(net::HttpClient::redactedUrl(QUrl(m_account.endpoint)));
    const int status = result.response.status;
    if (result.cancelled) {
        *error = what + QStringLiteral(": cancelled");
        return false;
    }
    if (status == 401 || status == 403) {
        // The same token serves both sources: a refusal here is the account's, not the probe's.
        const QString said = QString::fromUtf8(result.response.body.left(300)) + QString::fromUtf8(result.response.header("WWW-Authenticate"));
        QString cause;
        if (said.contains(QStringLiteral("expired"), Qt::CaseInsensitive))
            cause = QStringLiteral("the bearer token has expired; store a fresh token for account '%1'").arg(m_account.name);
        else if (status == 401 && m_token.isEmpty())
            cause = QStringLiteral("the server wants a bearer token, but the keychain holds no token for account '%1'").arg(m_account.name);
        else if (status == 401)
            cause = QStringLiteral("the server rejected the credentials; check the bearer token of account '%1'").arg(m_account.name);
        else
            cause = QStringLiteral("the token lacks a permission to read this server");
        *error = what + QStringLiteral(": ") + cause + QStringLiteral(" (HTTP %1)").arg(status);
        return false;
    }
    if (status == 0) {
        *error = what + QStringLiteral(": the server did not answer (%1)").arg(result.error);
        return false;
    }
    const QJsonObject o = QJsonDocument::fromJson(result.response.body).object();
    const bool prometheus = result.ok && o.value(QStringLiteral("status")).toString() == u"success"
        && o.value(QStringLiteral("data")).toObject().value(QStringLiteral("version")).isString();
    if (!prometheus && status != 404 && !result.ok) {
        *error = what + QStringLiteral(": the server answered HTTP %1; set the account's source to opencost or prometheus "
                                       "if it is not reachable otherwise (%2)")
                            .arg(status)
                            .arg(result.error);
        return false;
    }
    m_source = prometheus ? Source::Prometheus : Source::OpenCost;
    qCInfo(lcKubernetes) << "account" << m_account.name << "reads" << (prometheus ? "Prometheus" : "OpenCost");
    if (prometheus)
        m_client = std::make_unique<PrometheusClient>(m_account, m_token, m_http, m_options);
    else
        m_client = std::make_unique<OpenCostClient>(m_account, m_token, m_http, m_options);
    return true;
}

QString KubernetesClient::testConnection(const CancelFn &cancelled)
{
    QString error;
    if (!resolve(&error, cancelled))
        return error;
    return m_client->testConnection(cancelled);
}

bool KubernetesClient::fetchMonth(const QDate &from, const QDate &to, CostBatch *batch, QString *error, const CancelFn &cancelled)
{
    return resolve(error, cancelled) && m_client->fetchMonth(from, to, batch, error, cancelled);
}

bool KubernetesClient::fetchResources(ResourceBatch *resources, std::vector<MetricSeries> *metrics, QString *error,
                                      const CancelFn &cancelled)
{
    return resolve(error, cancelled) && m_client->fetchResources(resources, metrics, error, cancelled);
}

QStringList KubernetesClient::syncWarnings() const
{
    return m_client ? m_client->syncWarnings() : QStringList();
}

} // namespace costscope::providers::kubernetes
