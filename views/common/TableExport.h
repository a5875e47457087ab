#pragma once

#include <QList>
#include <QString>
#include <Qt>

#include <functional>

class QAbstractItemModel;
class QAbstractItemView;
class QModelIndex;
class QWidget;

namespace costscope::views {

// What a model gives a CSV export besides its display text (Qt::UserRole is the models' sort role).
// ExportValueRole: the cell as data: a plain decimal QString for money ("1234.50"), a QDate or a
// UTC QDateTime (written ISO 8601), a number; on the horizontal header, the column's CSV name.
// Cells without it are written as displayed.
inline constexpr int ExportValueRole = Qt::UserRole + 0x200;
// ExportCurrencyRole: the ISO currency of a money cell; any such cell adds a "currency" column.
inline constexpr int ExportCurrencyRole = Qt::UserRole + 0x201;
// ExportSkipRowRole: true on a row the CSV leaves out (a group header or subtotal row); a tree's
// children of such a row are still written.
inline constexpr int ExportSkipRowRole = Qt::UserRole + 0x202;

// One cell's CSV text from an ExportValueRole value (dates ISO, numbers plain).
QString exportText(const QVariant &value);

// The model's rows as CSV (UTF-8 text, RFC 4180, CRLF, every cell through report::csvCell):
// a header line, then each row in model order with the given columns, then the children of a
// row after it (trees). isHidden skips rows the view hides.
QString modelCsv(const QAbstractItemModel &model, const QList<int> &columns,
                 const std::function<bool(int row, const QModelIndex &parent)> &isHidden = {});
// The view's rows as the user sees them: its model (so its proxy's sort and filter), the
// visible columns in their visual order, hidden rows skipped.
QString tableCsv(const QAbstractItemView &view);
// Writes tableCsv() to path with QSaveFile (whole or not at all); false with *error.
bool writeTableCsv(const QAbstractItemView &view, const QString &path, QString *error);

// Adds "Export as CSV…" to the view's context menu; defaultName ("cost-explorer") names the
// suggested file. mainTable marks the table File > Export current table as CSV… takes in its tab.
void installTableExport(QAbstractItemView *view, const QString &defaultName, bool mainTable = true);
// The table that File > Export current table exports in a tab: the focused exportable table
// inside it, else its first visible main table, else null.
QAbstractItemView *exportableTable(QWidget *tab);
// Asks for a file (the Dialogs seam) and writes the view's CSV; a failure is shown to the user.
void exportTableAsCsv(QAbstractItemView *view, QWidget *parent);

} // namespace costscope::views
