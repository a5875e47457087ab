#include "providers/sync/SecretInput.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace costscope::providers::sync {

bool parseSecretInput(const QString &provider, const QString &text, Secrets *secrets, QString *error)
{
    secrets->clear();
    const QStringList required = requiredSecretFields(provider);
    const QStringList allowed = required + optionalSecretFields(provider);
    const QString trimmed = text.trimmed();
    if (trimmed.startsWith(u'{')) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(trimmed.toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
            *error = QStringLiteral("standard input is not a valid JSON object (%1 at byte %2)")
                         .arg(parseError.errorString())
                         .arg(parseError.offset);
            return false;
        }
        const QJsonObject o = doc.object();
        if (provider == u"gcp" && o.value(QStringLiteral("type")).toString() == u"service_account") {
            secrets->insert(QStringLiteral("service_account_json"), trimmed);
        } else {
            for (auto it = o.begin(); it != o.end(); ++it) {
                if (!allowed.contains(it.key())) {
                    *error = QStringLiteral("unknown secret field '%1' for %2 (expected: %3)")
                                 .arg(it.key(), provider, allowed.join(QStringLiteral(", ")));
                    return false;
                }
                if (it.value().isString())
                    secrets->insert(it.key(), it.value().toString());
                else if (it.value().isObject() && it.key() == u"service_account_json")
                    secrets->insert(it.key(), QString::fromUtf8(QJsonDocument(it.value().toObject()).toJson(QJsonDocument::Compact)));
                else {
                    *error = QStringLiteral("secret field '%1' must be a string").arg(it.key());
                    return false;
                }
            }
        }
    } else {
        const QStringList lines = text.split(u'\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            QString line = lines[i];
            if (line.endsWith(u'\r'))
                line.chop(1);
            if (line.trimmed().isEmpty() || line.trimmed().startsWith(u'#'))
                continue;
            const qsizetype eq = line.indexOf(u'=');
            if (eq <= 0) {
                *error = QStringLiteral("line %1 of standard input is not key=value").arg(i + 1);
                return false;
            }
            const QString key = line.left(eq).trimmed();
            if (!allowed.contains(key)) {
                *error = QStringLiteral("unknown secret field '%1' for %2 (expected: %3)")
                             .arg(key, provider, allowed.join(QStringLiteral(", ")));
                return false;
            }
            secrets->insert(key, line.mid(eq + 1).trimmed());
        }
    }
    for (auto it = secrets->begin(); it != secrets->end();) {
        if (it.value().isEmpty())
            it = secrets->erase(it);
        else
            ++it;
    }
    for (const QString &field : required) {
        if (!secrets->contains(field)) {
            *error = QStringLiteral("missing secret field '%1' on standard input (%2 needs: %3)")
                         .arg(field, provider, required.join(QStringLiteral(", ")));
            secrets->clear();
            return false;
        }
    }
    return true;
}

} // namespace costscope::providers::sync
