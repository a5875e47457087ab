#pragma once

#include <QString>
#include <QStringList>

namespace costscope::report {

// One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break; a cell a
// spreadsheet would run as a formula (= + - @ first, unless it is a number) gets a leading
// apostrophe.
QString csvCell(const QString &value);
// One CSV line of cells, ending in CRLF.
QString csvLine(const QStringList &cells);

} // namespace costscope::report
