#pragma once

#include "model/store/CostQuery.h"
#include "views/common/QueryRunner.h"

#include <QDate>
#include <QWidget>

#include <functional>

class QChartView;
class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QListWidget;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace costscope::store { class CostStore; }

namespace costscope::views {

class CostTableModel;

// Cost over a date range, grouped by one dimension and filtered by another: a stacked bar
// chart of the top groups and a sortable table of every group with its total and share.
class ExplorerTab : public QWidget
{
    Q_OBJECT
public:
    enum class Preset { Last30Days, Last90Days, ThisMonth, LastMonth, Last12Months, Custom };

    ExplorerTab(const QueryRunner &queries, std::function<QDate()> today, QWidget *parent = nullptr);

    // Re-reads the data range and tag keys from the store, then refreshes.
    void reload();
    // Asks one question: custom dates, grouping and granularity of spec, and its first filter with
    // the given values checked (the Anomalies tab links here). label names a single value until
    // the value list arrives.
    void showQuestion(const store::CostQuerySpec &spec, const QString &label = {});
    // The question the controls currently ask.
    store::CostQuerySpec currentSpec() const;
    const store::CostSeries &series() const;
    CostTableModel *tableModel() const { return m_model; }
    // Filters to one value of a dimension (a resource id from the Resources tab ...), keeping the
    // date range and grouping. label is shown until the value list arrives.
    void showOnly(store::Dimension dimension, const QString &key, const QString &label);
    // The GUI thread's store, for the cost allocation rules (edited here); without it the
    // "after allocation" view is hidden.
    void setAllocationStore(store::CostStore *store);
    // Shows costs by team after the allocation rules (true) or as billed (false).
    void setShowAllocated(bool allocated);
    bool showsAllocated() const;

Q_SIGNALS:
    // The chart and table show the answer to currentSpec().
    void loaded();
    void failed(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void scheduleRefresh();
    void refresh();
    void applyPreset();
    void onDatesEdited();
    void onGroupByChanged();
    void onFilterDimensionChanged();
    void reloadFilterValues();
    void clearFilter();
    void renderChart();
    QString groupTitle() const;
    void onAllocatedToggled(bool allocated);
    void editAllocationRules();

    const QueryRunner &m_queries;
    std::function<QDate()> m_today;
    QDate m_anchor;
    QDate m_firstDataDay;
    QueryRunner::Generation m_generation = std::make_shared<std::atomic<int>>(0);
    QueryRunner::Generation m_valuesGeneration = std::make_shared<std::atomic<int>>(0);
    QueryRunner::Generation m_rangeGeneration = std::make_shared<std::atomic<int>>(0);
    bool m_reloading = false;
    QTimer *m_refreshTimer = nullptr;

    QComboBox *m_preset = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QComboBox *m_groupBy = nullptr;
    QComboBox *m_tagKey = nullptr;
    QComboBox *m_granularity = nullptr;
    QComboBox *m_filterDim = nullptr;
    QListWidget *m_filterValues = nullptr;
    QChartView *m_chart = nullptr;
    QTableView *m_table = nullptr;
    CostTableModel *m_model = nullptr;
    store::CostSeries m_chartSeries; // what the chart shows (the table's series may have no days)
    QSortFilterProxyModel *m_proxy = nullptr;
    QLabel *m_total = nullptr;
    QLabel *m_note = nullptr;
    store::CostStore *m_allocationStore = nullptr;
    QWidget *m_allocationBox = nullptr;
    QCheckBox *m_allocated = nullptr;
};

} // namespace costscope::views
