#include "views/resources/ResourceGroupModel.h"

#include "model/Money.h"
#include "views/common/TableExport.h"
#include "views/resources/ResourceTableModel.h"

#include <QFont>
#include <QLocale>

namespace costscope::views {

using analysis::ResourceColumn;

ResourceGroupModel::ResourceGroupModel(ResourceTableModel *resources, ResourceFilterModel *filter, QObject *parent)
    : QAbstractTableModel(parent), m_resources(resources), m_filter(filter)
{
    // Any change below reshapes the groups; while grouping is off nothing is kept or rebuilt.
    auto changed = [this] {
        if (m_groupColumn >= 0)
            rebuild();
    };
    connect(m_filter, &QAbstractItemModel::modelReset, this, changed);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, changed);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, changed);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, changed);
    connect(m_filter, &QAbstractItemModel::dataChanged, this, changed);
    connect(m_resources, &QAbstractItemModel::headerDataChanged, this, &QAbstractItemModel::headerDataChanged);
}

void ResourceGroupModel::setGroupColumn(int column)
{
    if (column == m_groupColumn)
        return;
    m_groupColumn = column;
    m_collapsed.clear();
    m_filter->setGroupColumn(column); // keeps each group's rows together in any sort order
    rebuild();
}

void ResourceGroupModel::rebuild()
{
    beginResetModel();
    m_groups.clear();
    m_entries.clear();
    m_entryOfFilterRow.clear();
    if (m_groupColumn >= 0) {
        const auto column = static_cast<ResourceColumn>(m_groupColumn);
        const int rows = m_filter->rowCount();
        std::vector<int> groupOfRow(static_cast<size_t>(rows));
        for (int i = 0; i < rows; ++i) {
            const int sourceRow = m_filter->mapToSource(m_filter->index(i, 0)).row();
            const analysis::InventoryRow *r = m_resources->rowAt(sourceRow);
            if (!r)
                continue;
            QString label = analysis::resourceCellText(*r, column);
            if (m_groups.empty() || m_groups.back().label != label) {
                Group g;
                g.collapsed = m_collapsed.contains(label);
                // Types and states as the table shows them (translated); the raw label stays the key.
                if (column == ResourceColumn::Type || column == ResourceColumn::State)
                    g.shown = m_resources->data(m_resources->index(sourceRow, m_groupColumn)).toString();
                g.label = std::move(label);
                m_groups.push_back(std::move(g));
            }
            Group &g = m_groups.back();
            ++g.count;
            g.costMonth += r->resource.costMonth;
            g.costToDate += r->resource.costToDate;
            g.recommendations += r->resource.recommendations;
            groupOfRow[static_cast<size_t>(i)] = static_cast<int>(m_groups.size()) - 1;
        }
        m_entries.reserve(static_cast<size_t>(rows) + m_groups.size());
        m_entryOfFilterRow.assign(static_cast<size_t>(rows), -1);
        int last = -1;
        for (int i = 0; i < rows; ++i) {
            const int g = groupOfRow[static_cast<size_t>(i)];
            if (g != last) {
                m_entries.push_back(Entry{g, -1});
                last = g;
            }
            if (!m_groups[static_cast<size_t>(g)].collapsed) {
                m_entryOfFilterRow[static_cast<size_t>(i)] = static_cast<int>(m_entries.size());
                m_entries.push_back(Entry{g, i});
            }
        }
    }
    endResetModel();
}

bool ResourceGroupModel::isGroupHeader(int row) const
{
    return row >= 0 && static_cast<size_t>(row) < m_entries.size() && m_entries[static_cast<size_t>(row)].filterRow < 0;
}

int ResourceGroupModel::resourceRow(int row) const
{
    if (row < 0 || static_cast<size_t>(row) >= m_entries.size())
        return -1;
    const int filterRow = m_entries[static_cast<size_t>(row)].filterRow;
    return filterRow < 0 ? -1 : m_filter->mapToSource(m_filter->index(filterRow, 0)).row();
}

int ResourceGroupModel::rowOfResource(int row) const
{
    const QModelIndex f = m_filter->mapFromSource(m_resources->index(row, 0));
    if (!f.isValid() || static_cast<size_t>(f.row()) >= m_entryOfFilterRow.size())
        return -1;
    return m_entryOfFilterRow[static_cast<size_t>(f.row())];
}

void ResourceGroupModel::toggleCollapsed(int headerRow)
{
    if (!isGroupHeader(headerRow))
        return;
    const Group &g = m_groups[static_cast<size_t>(m_entries[static_cast<size_t>(headerRow)].group)];
    if (m_collapsed.contains(g.label))
        m_collapsed.remove(g.label);
    else
        m_collapsed.insert(g.label);
    rebuild();
}

void ResourceGroupModel::unfoldGroupOf(int resourceRow)
{
    const analysis::InventoryRow *r = m_resources->rowAt(resourceRow);
    if (!r || m_groupColumn < 0)
        return;
    if (m_collapsed.remove(analysis::resourceCellText(*r, static_cast<ResourceColumn>(m_groupColumn))))
        rebuild();
}

void ResourceGroupModel::setPalette(const QPalette &palette)
{
    m_palette = palette;
}

int ResourceGroupModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int ResourceGroupModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : analysis::kResourceColumnCount;
}

QVariant ResourceGroupModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || static_cast<size_t>(index.row()) >= m_entries.size())
        return {};
    const Entry &e = m_entries[static_cast<size_t>(index.row())];
    if (e.filterRow >= 0) {
        if (role == GroupHeaderRole)
            return false;
        return m_filter->index(e.filterRow, index.column()).data(role);
    }
    const Group &g = m_groups[static_cast<size_t>(e.group)];
    const auto column = static_cast<ResourceColumn>(index.column());
    const QLocale locale;
    switch (role) {
    case GroupHeaderRole: return true;
    case ExportSkipRowRole: return true; // a subtotal: the CSV holds the resources only
    case Qt::DisplayRole:
        switch (column) {
        case ResourceColumn::Name: {
            const QString title = m_resources->headerData(m_groupColumn, Qt::Horizontal).toString();
            const QString value = g.label.isEmpty() ? tr("(none)") : !g.shown.isEmpty() ? g.shown : g.label;
            return QString((g.collapsed ? QStringLiteral("\u25b8 ") : QStringLiteral("\u25be "))
                           + tr("%1: %2", "a group header: the column, then the value").arg(title, value));
        }
        case ResourceColumn::Id: return g.count == 1 ? tr("1 resource") : tr("%1 resources").arg(locale.toString(g.count));
        case ResourceColumn::CostMonth: return locale.toString(static_cast<double>(g.costMonth) / 1e9, 'f', 2);
        case ResourceColumn::CostToDate: return locale.toString(static_cast<double>(g.costToDate) / 1e9, 'f', 2);
        case ResourceColumn::Recommendations: return g.recommendations > 0 ? locale.toString(g.recommendations) : QString();
        default: return {};
        }
    case Qt::FontRole: {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    case Qt::BackgroundRole: return m_palette.color(QPalette::Active, QPalette::Button);
    case Qt::ForegroundRole: return m_palette.color(QPalette::Active, QPalette::ButtonText);
    case Qt::TextAlignmentRole:
        return column == ResourceColumn::CostMonth || column == ResourceColumn::CostToDate
                       || column == ResourceColumn::Recommendations
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        return g.collapsed ? tr("Click to show the resources of this group") : tr("Click to fold this group");
    default: return {};
    }
}

QVariant ResourceGroupModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return m_resources->headerData(section, orientation, role);
}

Qt::ItemFlags ResourceGroupModel::flags(const QModelIndex &index) const
{
    if (isGroupHeader(index.row()))
        return Qt::ItemIsEnabled;
    return QAbstractTableModel::flags(index);
}

void ResourceGroupModel::sort(int column, Qt::SortOrder order)
{
    m_filter->sort(column, order);
}

} // namespace costscope::views
