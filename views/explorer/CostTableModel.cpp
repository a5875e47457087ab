#include "views/explorer/CostTableModel.h"

#include "model/Money.h"
#include "views/common/ChartStyle.h"
#include "views/common/TableExport.h"

#include <QLocale>

namespace costscope::views {

CostTableModel::CostTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void CostTableModel::setSeries(const store::CostSeries &series, const QString &groupTitle)
{
    beginResetModel();
    m_series = series;
    m_groupTitle = groupTitle;
    endResetModel();
}

int CostTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_series.groups.size());
}

int CostTableModel::columnCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return FirstBucketColumn + (hasBucketColumns() ? static_cast<int>(m_series.buckets.size()) : 0);
}

QVariant CostTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const store::CostGroup &g = m_series.groups[static_cast<size_t>(index.row())];
    const int column = index.column();
    int64_t nanos = 0;
    if (column == TotalColumn)
        nanos = g.total;
    else if (column >= FirstBucketColumn)
        nanos = g.nanos[static_cast<size_t>(column - FirstBucketColumn)];

    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(column == GroupColumn ? Qt::AlignLeft | Qt::AlignVCenter
                                                         : Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && column == GroupColumn)
        return g.key.isEmpty() ? g.label : g.key;
    if (role == Qt::ToolTipRole && !g.currency.isEmpty())
        return tr("Billed in %1, which has no rate to %2: shown in %1 and not included in the total")
            .arg(g.currency, m_series.currency);
    if (role == Qt::ToolTipRole && column == TotalColumn && !g.originalCurrency.isEmpty())
        return tr("Billed %1, converted to %2 with the rate table")
            .arg(moneyText(g.originalTotal, g.originalCurrency), m_series.currency);
    if (role == ExportValueRole) {
        if (column == GroupColumn)
            return g.label;
        if (column == ShareColumn) {
            if (m_series.total == 0 || !g.currency.isEmpty())
                return QString();
            return QString::number(static_cast<double>(g.total) / static_cast<double>(m_series.total) * 100.0, 'f', 2);
        }
        return Money::fromNanos(nanos).toString(2);
    }
    if (role == ExportCurrencyRole)
        // A row with no rate to the display currency is exported in its own currency.
        return column == GroupColumn || column == ShareColumn
                   ? QVariant()
                   : QVariant(g.currency.isEmpty() ? m_series.currency : g.currency);
    if (role == RawRole) {
        if (column == GroupColumn)
            return g.label;
        if (column == ShareColumn)
            return m_series.total == 0 ? 0.0 : static_cast<double>(g.total) / static_cast<double>(m_series.total);
        return QVariant::fromValue<qint64>(nanos);
    }
    if (role != Qt::DisplayRole)
        return {};
    if (column == GroupColumn)
        return g.label;
    if (column == ShareColumn) {
        if (m_series.total == 0 || !g.currency.isEmpty())
            return QString();
        const double share = static_cast<double>(g.total) / static_cast<double>(m_series.total) * 100.0;
        return QString(QLocale().toString(share, 'f', 1) + QStringLiteral("\u00a0%"));
    }
    if (!g.currency.isEmpty()) // no rate: the amount in its own currency, named
        return QString(QLocale().toString(Money::fromNanos(nanos).toDouble(), 'f', 2) + u'\u00a0' + g.currency);
    return QLocale().toString(Money::fromNanos(nanos).toDouble(), 'f', 2);
}

QVariant CostTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == ExportValueRole) {
        switch (section) {
        case GroupColumn: return m_groupTitle;
        case TotalColumn: return tr("Total");
        case ShareColumn: return tr("Share (%)");
        default: break;
        }
        const auto b = static_cast<size_t>(section - FirstBucketColumn);
        if (section >= FirstBucketColumn && b < m_series.buckets.size())
            return m_series.buckets[b].toString(QStringLiteral("yyyy-MM"));
        return {};
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case GroupColumn: return m_groupTitle;
    case TotalColumn: return m_series.currency.isEmpty() ? tr("Total") : tr("Total (%1)").arg(m_series.currency);
    case ShareColumn: return tr("Share");
    default: break;
    }
    const auto b = static_cast<size_t>(section - FirstBucketColumn);
    if (b < m_series.buckets.size())
        return QLocale().toString(m_series.buckets[b], monthFormat());
    return {};
}

} // namespace costscope::views
