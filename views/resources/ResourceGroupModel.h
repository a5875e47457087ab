#pragma once

#include <QAbstractTableModel>
#include <QPalette>
#include <QSet>

#include <cstdint>
#include <vector>

namespace costscope::views {

class ResourceFilterModel;
class ResourceTableModel;

// The filtered, sorted rows with a header row before each group (the group value, how many
// resources, their cost this month and to date), for grouping by type, account ... on request.
// It holds two ints per visible row and asks the filter model for cells only when painted, so it
// stays as lazy as the table under it; a group can be collapsed to its header.
class ResourceGroupModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // Qt::UserRole + 1: true on a group header row.
    static constexpr int GroupHeaderRole = Qt::UserRole + 1;

    ResourceGroupModel(ResourceTableModel *resources, ResourceFilterModel *filter, QObject *parent = nullptr);

    // A column of ResourceColumn; < 0 turns grouping off (no rows).
    void setGroupColumn(int column);
    int groupColumn() const { return m_groupColumn; }
    int groupCount() const { return static_cast<int>(m_groups.size()); }
    bool isGroupHeader(int row) const;
    // The row of the ResourceTableModel shown at `row`; -1 for a header.
    int resourceRow(int row) const;
    // The row showing a resource row; -1 when filtered out or in a collapsed group.
    int rowOfResource(int resourceRow) const;
    void toggleCollapsed(int headerRow);
    void unfoldGroupOf(int resourceRow);
    void setPalette(const QPalette &palette);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // Sorts the rows within their groups (the filter model keeps groups together).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    struct Group
    {
        QString label;
        QString shown; // the table's text of the label when it differs (types, states); else empty
        int count = 0;
        int64_t costMonth = 0;
        int64_t costToDate = 0;
        int recommendations = 0;
        bool collapsed = false;
    };
    struct Entry
    {
        int group = 0;
        int filterRow = -1; // -1: the group's header
    };

    void rebuild();

    ResourceTableModel *m_resources;
    ResourceFilterModel *m_filter;
    int m_groupColumn = -1;
    std::vector<Group> m_groups;
    std::vector<Entry> m_entries;
    std::vector<int> m_entryOfFilterRow; // entry showing each filter row; -1 when folded
    QSet<QString> m_collapsed; // group labels, kept across rebuilds
    QPalette m_palette;
};

} // namespace costscope::views
