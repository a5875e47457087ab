#pragma once

#include "model/analysis/ResourceInventory.h"
#include "views/common/QueryRunner.h"

#include <QDate>
#include <QHash>
#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace costscope::store { class CostStore; }

namespace costscope::views {

class ResourceDetailsPane;
class ResourceFilterModel;
class ResourceGroupModel;
class ResourceTableModel;

// The inventory of every resource across providers with cost, utilisation, owner, pool and
// TTL; filter, sort, group and export; the selected resource's history beside it.
class ResourcesTab : public QWidget
{
    Q_OBJECT
public:
    // store: the GUI thread's connection, for the settings people edit here (rules, pools, TTLs).
    ResourcesTab(const QueryRunner &queries, store::CostStore &store, std::function<QDate()> today,
                 QWidget *parent = nullptr);

    void reload();
    ResourceTableModel *tableModel() const { return m_model; }
    ResourceFilterModel *filterModel() const { return m_proxy; }
    ResourceGroupModel *groupModel() const { return m_group; }
    QTableView *table() const { return m_table; }
    ResourceDetailsPane *details() const { return m_details; }

    // Saves pools and rules and re-assigns every row at once; false with *error when refused.
    bool setRulesAndPools(const std::vector<analysis::AssignmentRule> &rules,
                          const std::vector<analysis::Pool> &pools, QString *error);
    // Writes the rows as filtered and sorted, every column, to a UTF-8 CSV file.
    bool exportCsv(const QString &path, QString *error) const;
    // Selects the row of a resource id (clears the filter when it hides it); false when unknown.
    bool selectResource(const QString &resourceId);
    // Groups the table by a ResourceColumn with a header row per group; < 0: no grouping.
    void setGrouping(int column);

Q_SIGNALS:
    void loaded();
    // The details pane has the history of the selected resource.
    void detailsLoaded();
    void failed(const QString &message);
    void showCostsRequested(const QString &resourceId, const QString &label);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyFilter();
    void onCurrentChanged();
    // The ResourceTableModel row shown at a view index (-1: a group header), and back.
    int resourceRowAt(const QModelIndex &viewIndex) const;
    QModelIndex viewIndexOf(int resourceRow) const;
    // After the grouped rows were rebuilt: the selected resource stays current, quietly.
    void restoreSelection();
    void onGroupsRebuilt();
    void updateSummary();
    void editRules();
    void chooseExportFile();
    void changeTtl(const QString &provider, const QString &resourceId, qint64 expiresAt);
    int64_t now() const;

    const QueryRunner &m_queries;
    store::CostStore &m_store;
    std::function<QDate()> m_today;
    QueryRunner::Generation m_generation = std::make_shared<std::atomic<int>>(0);
    QueryRunner::Generation m_detailsGeneration = std::make_shared<std::atomic<int>>(0);
    QString m_selectedId;
    QHash<QString, QList<QPair<QString, QString>>> m_budgetViolations; // resource id -> (constraint, what)

    QLineEdit *m_search = nullptr;
    QComboBox *m_searchColumn = nullptr;
    QCheckBox *m_showInactive = nullptr;
    QComboBox *m_groupBy = nullptr;
    QLabel *m_summary = nullptr;
    QTableView *m_table = nullptr;
    ResourceTableModel *m_model = nullptr;
    ResourceFilterModel *m_proxy = nullptr;
    ResourceGroupModel *m_group = nullptr;
    ResourceDetailsPane *m_details = nullptr;
    QTimer *m_filterTimer = nullptr;
};

} // namespace costscope::views
