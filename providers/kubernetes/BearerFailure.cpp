#include "providers/kubernetes/BearerFailure.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace costscope::providers::kubernetes {

QString describeBearerFailure(const QString &what, const net::HttpResult &result, const QString &accountName,
                              bool hasToken, const BearerApi &api)
{
    if (result.cancelled)
        return what + QStringLiteral(": cancelled");
    const int status = result.response.status;
    QString message;
    QString errorType;
    if (status >= 400) {
        const QJsonObject o = QJsonDocument::fromJson(result.response.body).object();
        const QString first = api.errorFirst ? QStringLiteral("error") : QStringLiteral("message");
        const QString second = api.errorFirst ? QStringLiteral("message") : QStringLiteral("error");
        message = o.value(first).toString();
        if (api.readsErrorType)
            errorType = o.value(QStringLiteral("errorType")).toString().left(40);
        if (message.isEmpty())
            message = o.value(second).toString();
        if (message.isEmpty() && !result.response.body.trimmed().startsWith('<'))
            message = QString::fromUtf8(result.response.body.left(300));
        message = message.section(u'\n', 0, 0).trimmed().left(300);
    }
    // A static token cannot expire by itself, but a cluster's OIDC or service-account token, or
    // the proxy in front of the API, can say so: in the message or in WWW-Authenticate.
    const QString challenge = QString::fromUtf8(result.response.header("WWW-Authenticate"));
    const bool expired = message.contains(QStringLiteral("expired"), Qt::CaseInsensitive)
        || challenge.contains(QStringLiteral("expired"), Qt::CaseInsensitive);
    QString cause;
    if ((status == 401 || status == 403) && expired)
        cause = QStringLiteral("the bearer token has expired; store a fresh token for account '%1'").arg(accountName);
    else if (status == 401 && !hasToken)
        cause = QStringLiteral("the server wants a bearer token, but the keychain holds no token for account '%1'; remove "
                               "the account and add it again with token=... on standard input")
                    .arg(accountName);
    else if (status == 401)
        cause = QStringLiteral("the server rejected the credentials; check the bearer token of account '%1'").arg(accountName);
    else if (status == 403)
        cause = api.forbidden;
    else if (status == 404)
        cause = api.notFound.arg(accountName);
    else if (!errorType.isEmpty())
        cause = api.errorTypeCause.arg(errorType);
    QString out = what + QStringLiteral(": ");
    if (!cause.isEmpty())
        out += cause + (message.isEmpty() ? QString() : QStringLiteral(": ") + message) + QStringLiteral(" (");
    else if (!message.isEmpty())
        out += message + QStringLiteral(" (");
    out += result.error.isEmpty() ? QStringLiteral("HTTP %1").arg(status) : result.error;
    if (!cause.isEmpty() || !message.isEmpty())
        out += u')';
    return out;
}

} // namespace costscope::providers::kubernetes
