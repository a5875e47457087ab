#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace costscope::app {

// Plain-text, CSV (RFC 4180) and aligned-column output for the command line.
class TextTable
{
public:
    explicit TextTable(QStringList header) : m_header(std::move(header)) {}
    void addRow(QStringList row) { m_rows.append(std::move(row)); }
    // Columns whose index is listed are right-aligned (numbers).
    QString toText(const QList<int> &rightAligned = {}) const;
    QString toCsv() const;

    // Quotes a CSV cell and neutralises cells that a spreadsheet would run as a formula.
    static QString csvCell(const QString &value);

private:
    QStringList m_header;
    QList<QStringList> m_rows;
};

} // namespace costscope::app
