#include "app/TextTable.h"

#include "model/report/Csv.h"

#include <algorithm>

namespace costscope::app {

QString TextTable::toText(const QList<int> &rightAligned) const
{
    QList<qsizetype> widths;
    for (const QString &h : m_header)
        widths.append(h.size());
    for (const QStringList &row : m_rows)
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    auto line = [&](const QStringList &cells) -> QString {
        QString out;
        for (qsizetype i = 0; i < widths.size(); ++i) {
            const QString cell = i < cells.size() ? cells[i] : QString();
            if (i)
                out += QStringLiteral("  ");
            const bool right = rightAligned.contains(static_cast<int>(i));
            out += right ? cell.rightJustified(widths[i]) : (i + 1 == widths.size() ? cell : cell.leftJustified(widths[i]));
        }
        return out + u'\n';
    };
    QString out = line(m_header);
    for (const QStringList &row : m_rows)
        out += line(row);
    return out;
}

QString TextTable::csvCell(const QString &value)
{
    return report::csvCell(value);
}

QString TextTable::toCsv() const
{
    auto line = [](const QStringList &cells) -> QString {
        QStringList quoted;
        for (const QString &c : cells)
            quoted << csvCell(c);
        return quoted.join(u',') + QStringLiteral("\r\n");
    };
    QString out = line(m_header);
    for (const QStringList &row : m_rows)
        out += line(row);
    return out;
}

} // namespace costscope::app
