#include "views/common/TableExport.h"

#include "model/report/Csv.h"
#include "views/common/Dialogs.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QHeaderView>
#include <QMenu>
#include <QSaveFile>
#include <QTableView>
#include <QTreeView>

namespace costscope::views {

namespace {

const char kExportName[] = "costscopeExportName";
const char kMainTable[] = "costscopeExportMain";

QString cellText(const QModelIndex &index)
{
    const QVariant raw = index.data(ExportValueRole);
    if (raw.isValid())
        return exportText(raw);
    return index.data(Qt::DisplayRole).toString();
}

QString headerText(const QAbstractItemModel &model, int column)
{
    const QVariant raw = model.headerData(column, Qt::Horizontal, ExportValueRole);
    if (raw.isValid())
        return raw.toString();
    return model.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
}

bool hasCurrency(const QAbstractItemModel &model, const QList<int> &columns, const QModelIndex &parent)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        for (int c : columns)
            if (!model.index(row, c, parent).data(ExportCurrencyRole).toString().isEmpty())
                return true;
        const QModelIndex first = model.index(row, 0, parent);
        if (model.hasChildren(first) && hasCurrency(model, columns, first))
            return true;
    }
    return false;
}

void appendRows(const QAbstractItemModel &model, const QList<int> &columns, bool currency,
                const std::function<bool(int, const QModelIndex &)> &isHidden, const QModelIndex &parent, QString *out)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        if (isHidden && isHidden(row, parent))
            continue;
        const QModelIndex first = model.index(row, 0, parent);
        if (first.data(ExportSkipRowRole).toBool()) {
            // A group row or subtotal: left out, its children (a tree's group members) are not.
            if (model.hasChildren(first))
                appendRows(model, columns, currency, isHidden, first, out);
            continue;
        }
        QStringList cells;
        QString rowCurrency;
        for (int c : columns) {
            const QModelIndex index = model.index(row, c, parent);
            cells << cellText(index);
            if (rowCurrency.isEmpty())
                rowCurrency = index.data(ExportCurrencyRole).toString();
        }
        if (currency)
            cells << rowCurrency;
        *out += report::csvLine(cells);
        if (model.hasChildren(first))
            appendRows(model, columns, currency, isHidden, first, out);
    }
}

QHeaderView *headerOf(const QAbstractItemView &view)
{
    if (auto *table = qobject_cast<const QTableView *>(&view))
        return table->horizontalHeader();
    if (auto *tree = qobject_cast<const QTreeView *>(&view))
        return tree->header();
    return nullptr;
}

} // namespace

QString exportText(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::QDate:
        return value.toDate().toString(Qt::ISODate);
    case QMetaType::QDateTime:
        return value.toDateTime().toUTC().toString(Qt::ISODate);
    case QMetaType::Double:
    case QMetaType::Float:
        return QString::number(value.toDouble(), 'g', 15);
    case QMetaType::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    default:
        return value.toString();
    }
}

QString modelCsv(const QAbstractItemModel &model, const QList<int> &columns,
                 const std::function<bool(int row, const QModelIndex &parent)> &isHidden)
{
    const bool currency = hasCurrency(model, columns, {});
    QStringList header;
    for (int c : columns)
        header << headerText(model, c);
    if (currency)
        header << QStringLiteral("currency");
    QString out = report::csvLine(header);
    appendRows(model, columns, currency, isHidden, {}, &out);
    return out;
}

QString tableCsv(const QAbstractItemView &view)
{
    const QAbstractItemModel *model = view.model();
    if (!model)
        return {};
    QList<int> columns;
    if (const QHeaderView *header = headerOf(view)) {
        for (int visual = 0; visual < header->count(); ++visual) {
            const int logical = header->logicalIndex(visual);
            if (logical >= 0 && !header->isSectionHidden(logical))
                columns << logical;
        }
    } else {
        for (int c = 0; c < model->columnCount(); ++c)
            columns << c;
    }
    std::function<bool(int, const QModelIndex &)> hidden;
    if (auto *table = qobject_cast<const QTableView *>(&view))
        hidden = [table](int row, const QModelIndex &) { return table->isRowHidden(row); };
    else if (auto *tree = qobject_cast<const QTreeView *>(&view))
        hidden = [tree](int row, const QModelIndex &parent) { return tree->isRowHidden(row, parent); };
    return modelCsv(*model, columns, hidden);
}

bool writeTableCsv(const QAbstractItemView &view, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QObject::tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    file.write(tableCsv(view).toUtf8());
    if (!file.commit()) {
        *error = QObject::tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

void exportTableAsCsv(QAbstractItemView *view, QWidget *parent)
{
    QString name = view->property(kExportName).toString();
    if (name.isEmpty())
        name = QStringLiteral("table");
    const QString path = askSaveFileName(parent, QObject::tr("Export as CSV"),
                                         QDir::home().filePath(name + QStringLiteral(".csv")),
                                         QObject::tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!writeTableCsv(*view, path, &error))
        showWarning(parent, QObject::tr("Export as CSV"), QObject::tr("The table was not exported: %1").arg(error));
}

void installTableExport(QAbstractItemView *view, const QString &defaultName, bool mainTable)
{
    view->setProperty(kExportName, defaultName);
    view->setProperty(kMainTable, mainTable);
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(view, &QWidget::customContextMenuRequested, view, [view](const QPoint &pos) {
        auto *menu = new QMenu(view);
        menu->setObjectName(QStringLiteral("tableExportMenu"));
        menu->setAttribute(Qt::WA_DeleteOnClose);
        QAction *csv = menu->addAction(QObject::tr("Export as CSV\u2026"));
        csv->setObjectName(QStringLiteral("exportCsvAction"));
        QObject::connect(csv, &QAction::triggered, view, [view]() { exportTableAsCsv(view, view->window()); });
        menu->popup(view->viewport()->mapToGlobal(pos));
    });
}

QAbstractItemView *exportableTable(QWidget *tab)
{
    if (!tab)
        return nullptr;
    for (QWidget *w = tab->focusWidget(); w && w != tab->parentWidget(); w = w->parentWidget()) {
        auto *view = qobject_cast<QAbstractItemView *>(w);
        if (view && view->property(kExportName).isValid() && tab->isAncestorOf(view))
            return view;
    }
    QAbstractItemView *fallback = nullptr;
    const auto views = tab->findChildren<QAbstractItemView *>();
    for (QAbstractItemView *view : views) {
        if (!view->property(kExportName).isValid() || !view->property(kMainTable).toBool())
            continue;
        if (view->isVisibleTo(tab))
            return view;
        if (!fallback)
            fallback = view;
    }
    return fallback;
}

} // namespace costscope::views
