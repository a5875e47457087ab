#include "model/ml/MlValidation.h"

namespace costscope::ml {

bool setError(MlError *error, MlError::Code code, const QString &message)
{
    if (error) {
        error->code = code;
        error->message = message;
    }
    return false;
}

bool validateKey(const QString &key, const char *what, MlError *error)
{
    const QString kind = QString::fromLatin1(what);
    if (key.isEmpty())
        return setError(error, MlError::Code::InvalidParameter, QStringLiteral("Missing value for %1 key").arg(kind));
    if (key.size() > limits::kMaxEntityKeyLength)
        return setError(error, MlError::Code::InvalidParameter,
                        QStringLiteral("%1 '%2' had length %3, which exceeded length limit of %4")
                            .arg(kind, key.left(40) + u"...")
                            .arg(key.size())
                            .arg(limits::kMaxEntityKeyLength));
    for (const QChar ch : key) {
        const bool ok = ch.isLetterOrNumber() || ch == u'_' || ch == u'-' || ch == u'.' || ch == u' ' || ch == u'/';
        if (!ok)
            return setError(error, MlError::Code::InvalidParameter,
                            QStringLiteral("Invalid %1 name: '%2'. Names may only contain alphanumerics, "
                                           "underscores (_), dashes (-), periods (.), spaces ( ), and slashes (/).")
                                .arg(kind, key));
    }
    // MLflow refuses names that would resolve to a different file path.
    const QStringList parts = key.split(u'/');
    bool pathLike = key.startsWith(u'/') || key.endsWith(u'/');
    for (const QString &part : parts)
        if (part.isEmpty() || part == u"." || part == u"..")
            pathLike = true;
    if (pathLike)
        return setError(error, MlError::Code::InvalidParameter,
                        QStringLiteral("Invalid %1 name: '%2'. Names may be treated as files in certain cases, and "
                                       "must not resolve to other names when treated as such.")
                            .arg(kind, key));
    return true;
}

bool validateParamValue(const QString &key, const QString &value, MlError *error)
{
    if (value.size() > limits::kMaxParamValueLength)
        return setError(error, MlError::Code::InvalidParameter,
                        QStringLiteral("Param value '%1...' had length %2, which exceeded length limit of %3 (key '%4')")
                            .arg(value.left(40))
                            .arg(value.size())
                            .arg(limits::kMaxParamValueLength)
                            .arg(key));
    return true;
}

bool validateTagValue(const QString &key, const QString &value, MlError *error)
{
    if (value.size() > limits::kMaxTagValueLength)
        return setError(error, MlError::Code::InvalidParameter,
                        QStringLiteral("Tag value '%1...' had length %2, which exceeded length limit of %3 (key '%4')")
                            .arg(value.left(40))
                            .arg(value.size())
                            .arg(limits::kMaxTagValueLength)
                            .arg(key));
    return true;
}

bool validateExperimentName(const QString &name, MlError *error)
{
    if (name.trimmed().isEmpty())
        return setError(error, MlError::Code::InvalidParameter,
                        QStringLiteral("Invalid experiment name: '%1'. Expects a non-empty string.").arg(name));
    if (name.size() > limits::kMaxExperimentNameLength)
        return setError(error, MlError::Code::InvalidParameter,
                        QStringLiteral("Experiment name had length %1, which exceeded length limit of %2")
                            .arg(name.size())
                            .arg(limits::kMaxExperimentNameLength));
    return true;
}

bool isRunStatus(const QString &status)
{
    return status == u"RUNNING" || status == u"SCHEDULED" || status == u"FINISHED" || status == u"FAILED"
           || status == u"KILLED";
}

} // namespace costscope::ml
