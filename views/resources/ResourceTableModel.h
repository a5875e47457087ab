#pragma once

#include "model/analysis/ResourceInventory.h"

#include <QAbstractTableModel>
#include <QPalette>
#include <QSortFilterProxyModel>

#include <memory>
#include <vector>

namespace costscope::views {

// The inventory as a table: one compact row array read by one query on a worker, cells made
// on demand, so 100,000 resources cost no widget and no per-row query.
class ResourceTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // Qt::UserRole: the raw value for sorting (nanos, CPU percent, seconds, text).
    static constexpr int SortRole = Qt::UserRole;

    explicit ResourceTableModel(QObject *parent = nullptr);

    // Takes the rows (shared with nobody else afterwards); null clears the table.
    void setInventory(std::shared_ptr<analysis::Inventory> inventory);
    // Re-applies rules and pools to the rows held (after an edit), keeping the rows.
    void applyRules(std::vector<analysis::AssignmentRule> rules, std::vector<analysis::Pool> pools);
    const analysis::Inventory *inventory() const { return m_inventory.get(); }
    const analysis::InventoryRow *rowAt(int row) const;
    void setPalette(const QPalette &palette);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // A resource's type ("instance", "volume" ...) and state ("running", "in-use" ...) as the
    // window shows them: the words the clouds' inventories normalise to are translated, any other
    // value (a cloud's own word) is shown as it is.
    static QString typeText(const QString &type);
    static QString stateText(const QString &state);

    // Whether a row holds text (case-insensitive) in one column, or in any column when column < 0.
    bool rowContains(int row, int column, const QString &text) const;
    // Compares two rows on one column by raw value (numbers as numbers).
    bool lessThan(int left, int right, int column) const;

private:
    QString cellText(const analysis::InventoryRow &row, analysis::ResourceColumn column) const;
    // The rank of every row in one text column (case-insensitive; equal texts share a rank), built
    // on the first comparison in that column and dropped when the rows change, so a sort compares
    // ints instead of strings (100,000 rows: one std::sort of folded keys, then int compares).
    const std::vector<int> &textRanks(analysis::ResourceColumn column) const;

    std::shared_ptr<analysis::Inventory> m_inventory;
    QPalette m_palette;
    mutable std::vector<std::vector<int>> m_ranks; // per column; empty: not built
};

// Free-text and per-column filtering, lifecycle filtering, grouping (sort by the group
// column first) and raw-value sorting over a ResourceTableModel.
class ResourceFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ResourceFilterModel(QObject *parent = nullptr);

    // column < 0: any column.
    void setTextFilter(const QString &text, int column);
    void setShowInactive(bool show);
    // column < 0: no grouping.
    void setGroupColumn(int column);
    int groupColumn() const { return m_groupColumn; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    const ResourceTableModel *resources() const;

    QString m_text;
    int m_column = -1;
    bool m_showInactive = true;
    int m_groupColumn = -1;
};

} // namespace costscope::views
