#pragma once

#include "model/ml/Leaderboard.h"
#include "model/ml/MlTypes.h"
#include "model/ml/RunCost.h"

#include <QWidget>

#include <map>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTreeWidget;

namespace costscope::views {

// An experiment's leaderboard as OptScale ranks it (model/ml/Leaderboard) with its settings:
// primary metric, direction, aggregation and target, secondary metrics, min/max filters,
// grouping by tags or params, dataset coverage. Editing a setting ranks again and emits
// specEdited, which the tab saves in the workspace.
class LeaderboardPanel : public QWidget
{
    Q_OBJECT
public:
    explicit LeaderboardPanel(QWidget *parent = nullptr);

    // The runs and costs of the experiment shown, and its stored settings.
    void setData(const std::vector<ml::Run> &runs, const std::map<QString, ml::RunCost> &costs,
                 const ml::LeaderboardSpec &spec, const QStringList &metricKeys);
    const ml::LeaderboardSpec &spec() const { return m_spec; }
    const ml::LeaderboardResult &result() const { return m_result; }

Q_SIGNALS:
    void specEdited(const ml::LeaderboardSpec &spec);

private:
    void showSpec();
    void readControls();
    void rank();

    std::vector<ml::Run> m_runs;
    std::map<QString, ml::RunCost> m_costs;
    ml::LeaderboardSpec m_spec;
    ml::LeaderboardResult m_result;
    bool m_showing = false;

    QComboBox *m_primary = nullptr;
    QComboBox *m_direction = nullptr;
    QComboBox *m_aggregation = nullptr;
    QLineEdit *m_target = nullptr;
    QLineEdit *m_secondary = nullptr;
    QLineEdit *m_filters = nullptr;
    QLineEdit *m_groupBy = nullptr;
    QLineEdit *m_datasets = nullptr;
    QSpinBox *m_minDatasets = nullptr;
    QLabel *m_error = nullptr;
    QTreeWidget *m_table = nullptr;
};

} // namespace costscope::views
