#pragma once

#include "model/ml/Leaderboard.h"
#include "model/ml/MlTypes.h"
#include "model/ml/RunCost.h"
#include "views/experiments/ExperimentData.h"

#include <QWidget>

#include <map>
#include <vector>

class QChart;
class QChartView;
class QComboBox;
class QLabel;

namespace costscope::views {

// Compares runs: a metric over steps (one line per run, histories loaded by the tab), parallel
// coordinates of the params that differ against the primary metric (each axis scaled to 0..1,
// categorical values spread evenly in sorted order), and cost against the primary metric with
// the Pareto front marked and connected.
class RunComparison : public QWidget
{
    Q_OBJECT
public:
    explicit RunComparison(QWidget *parent = nullptr);

    void setRuns(const std::vector<ml::Run> &runs, const std::map<QString, ml::RunCost> &costs,
                 const QString &primary, ml::Direction direction, const QStringList &metricKeys,
                 const QString &caption);
    void setHistories(const MetricHistories &histories);
    QString metricKey() const;
    const std::vector<CostPoint> &front() const { return m_front; }

Q_SIGNALS:
    // The step chart needs these runs' history of key.
    void historiesWanted(const QStringList &runIds, const QString &key);

private:
    void requestHistories();
    void buildParallel();
    void buildPareto();
    void replaceChart(QChartView *view, QChart *chart);

    std::vector<ml::Run> m_runs;
    std::map<QString, ml::RunCost> m_costs;
    QString m_primary;
    ml::Direction m_direction = ml::Direction::Max;
    std::vector<CostPoint> m_front;

    QLabel *m_caption = nullptr;
    QComboBox *m_metric = nullptr;
    QChartView *m_steps = nullptr;
    QChartView *m_parallel = nullptr;
    QChartView *m_pareto = nullptr;
};

} // namespace costscope::views
