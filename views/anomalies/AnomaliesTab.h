#pragma once

#include "model/analysis/AnomalyReport.h"
#include "model/analysis/Forecast.h"
#include "model/store/CostQuery.h"
#include "views/common/QueryRunner.h"

#include <QDate>
#include <QWidget>

#include <functional>

class QChartView;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QStandardItemModel;
class QTableView;
class QTreeWidget;
class QTreeWidgetItem;

namespace costscope::views {

class JobRunner;

// Days whose cost or resource count jumped, per account, service and resource, with what grew;
// and the forecast of a scope with its error band. Detection runs on the JobRunner (progress
// and Cancel in the status bar) when the tab is first shown and when a control changes.
class AnomaliesTab : public QWidget
{
    Q_OBJECT
public:
    AnomaliesTab(const QueryRunner &queries, JobRunner *jobs, std::function<QString()> workspacePath,
                 std::function<QDate()> today, QWidget *parent = nullptr);

    // The workspace changed: results are dropped and computed again when the tab is visible.
    void reload();
    // Runs the detection now with the controls' options (unless a job is running).
    void detect();
    analysis::AnomalyScanOptions currentOptions() const;
    const analysis::AnomalyReport &report() const { return m_report; }
    const analysis::Forecast &forecast() const { return m_forecast; }

Q_SIGNALS:
    // The detection finished and the table shows its anomalies.
    void detected();
    void forecastLoaded();
    // The user asked to see a scope or contributor in the Cost Explorer.
    void openInExplorer(const store::CostQuerySpec &spec);
    void failed(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void applyReport(const analysis::AnomalyReport &report);
    void showSelected();
    void loadDetailChart(const analysis::Anomaly &a);
    void openSelectedScope();
    void openContributor(QTreeWidgetItem *item);
    void loadForecast();
    void renderForecast();
    const analysis::Anomaly *selectedAnomaly() const;

    const QueryRunner &m_queries;
    JobRunner *m_jobs = nullptr;
    std::function<QString()> m_workspacePath;
    std::function<QDate()> m_today;
    bool m_dirty = true;
    bool m_pending = false; // a detection waits for the running job
    analysis::AnomalyReport m_report;
    QueryRunner::Generation m_detailGeneration = std::make_shared<std::atomic<int>>(0);
    QueryRunner::Generation m_forecastGeneration = std::make_shared<std::atomic<int>>(0);

    QSpinBox *m_window = nullptr;
    QDoubleSpinBox *m_threshold = nullptr;
    QComboBox *m_method = nullptr;
    QComboBox *m_range = nullptr;
    QPushButton *m_run = nullptr;
    QLabel *m_summary = nullptr;
    QStandardItemModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_detailTitle = nullptr;
    QChartView *m_detailChart = nullptr;
    QTreeWidget *m_contributors = nullptr;
    QPushButton *m_openScope = nullptr;

    QComboBox *m_forecastScope = nullptr;
    QLabel *m_forecastSummary = nullptr;
    QChartView *m_forecastChart = nullptr;
    analysis::Forecast m_forecast;
    store::CostSeries m_forecastHistory;
    int64_t m_monthToDate = 0;
    QDate m_asOf;
};

} // namespace costscope::views
