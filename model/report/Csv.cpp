#include "model/report/Csv.h"

namespace costscope::report {

QString csvCell(const QString &value)
{
    QString v = value;
    // A number such as -12.5 is data, not a formula; anything else starting with a
    // formula character gets a leading apostrophe.
    if (!v.isEmpty() && (v[0] == u'=' || v[0] == u'+' || v[0] == u'-' || v[0] == u'@')) {
        bool numeric = false;
        v.toDouble(&numeric);
        if (!numeric)
            v.prepend(u'\'');
    }
    if (v.contains(u',') || v.contains(u'"') || v.contains(u'\n') || v.contains(u'\r')) {
        v.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        v = u'"' + v + u'"';
    }
    return v;
}

QString csvLine(const QStringList &cells)
{
    QStringList quoted;
    quoted.reserve(cells.size());
    for (const QString &c : cells)
        quoted << csvCell(c);
    return quoted.join(u',') + QStringLiteral("\r\n");
}

} // namespace costscope::report
