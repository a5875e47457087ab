#pragma once

#include "model/Services.h"
#include "model/ml/Leaderboard.h"
#include "model/ml/SearchFilter.h"
#include "views/common/QueryRunner.h"
#include "views/experiments/ExperimentData.h"

#include <QSet>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTabWidget;
class QTableView;
class QTimer;
class QToolBar;
class QTreeWidget;

namespace costscope::store { class CostStore; }

namespace costscope::views {

class LeaderboardPanel;
class RunComparison;

// ML experiments and runs with the cost of every run: the experiments with run count and total
// cost, a sortable runs table (metrics last/min/max, params, tags) filtered by text and MLflow's
// search language, run comparison charts, the leaderboard, the host-to-instance mapping, and
// the local tracking endpoint's toggle and URI. Runs logged into the endpoint appear live: the
// tab watches the workspace's data_version and reloads, keeping the selection.
class ExperimentsTab : public QWidget
{
    Q_OBJECT
public:
    enum class MetricValue { Last, Min, Max };

    // tracking may be null (no endpoint toggle); not owned.
    ExperimentsTab(const QueryRunner &queries, store::CostStore &store, TrackingService *tracking,
                   QWidget *parent = nullptr);
    ~ExperimentsTab() override;

    // The workspace changed (or was written): loads again, keeping the selection.
    void reload();
    // Where other features (budgeted sweeps) add their buttons.
    QToolBar *actionsBar() const { return m_actions; }
    // Starts or stops the tracking endpoint on the current workspace; false with a message shown.
    // With QSettings tracking/requireToken the token is read from the keychain first, so the
    // start completes later (trackingStateChanged).
    bool setTrackingEnabled(bool on);
    // The keychain holding the endpoint's token (Preferences); not owned, may be null.
    void setCredentialService(CredentialService *credentials) { m_credentials = credentials; }
    // Preferences changed the port or the token: a running endpoint restarts with them.
    void applyTrackingSettings();

    const ExperimentsSnapshot &snapshot() const { return *m_snapshot; }
    QString currentExperimentId() const { return m_experimentId; }
    void selectExperiment(const QString &experimentId);
    // The run ids shown in the runs table, in view order.
    QStringList shownRunIds() const;
    QStringList selectedRunIds() const;
    void selectRuns(const QStringList &runIds);
    LeaderboardPanel *leaderboard() const { return m_leaderboard; }
    RunComparison *comparison() const { return m_comparison; }
    // Opens the host mapping editor (non-modal to the event loop: open(), applied on OK).
    void editHostMapping();

Q_SIGNALS:
    // Data loaded and shown.
    void loaded();
    // The comparison charts were rebuilt (histories included).
    void comparisonUpdated();
    // The endpoint started, stopped or failed to start.
    void trackingStateChanged(bool running);
    void failed(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void load();
    void applySnapshot(const ExperimentsSnapshot &snapshot);
    void fillExperiments();
    void fillRuns();
    void applySearchFilter();
    void updateComparison();
    void updateLeaderboard();
    void saveLeaderboard(const ml::LeaderboardSpec &spec);
    void pollWorkspace();
    void startTrackingAtLaunch();
    void showTrackingState(const QString &problem = {});
    std::vector<ml::Run> experimentRuns() const;
    QStringList metricKeys() const;

    const QueryRunner &m_queries;
    store::CostStore &m_store;
    TrackingService *m_tracking = nullptr;
    CredentialService *m_credentials = nullptr;
    void startTracking(const TrackingEndpointOptions &options);
    QString m_trackingPath;
    std::shared_ptr<ExperimentsSnapshot> m_snapshot;
    QueryRunner::Generation m_loadGeneration = std::make_shared<std::atomic<int>>(0);
    QueryRunner::Generation m_historyGeneration = std::make_shared<std::atomic<int>>(0);
    QString m_experimentId;
    std::optional<ml::SearchFilter> m_filter;
    QSet<QString> m_pendingSelection;
    bool m_dirty = true;
    bool m_userChoseExperiment = false;
    bool m_loading = false;
    int64_t m_dataVersion = -1;

    QToolBar *m_actions = nullptr;
    QCheckBox *m_trackingToggle = nullptr;
    QLineEdit *m_trackingUri = nullptr;
    QPushButton *m_copyUri = nullptr;
    QWidget *m_trackingRow = nullptr;
    QLabel *m_trackingProblem = nullptr;
    QPushButton *m_otherPort = nullptr;
    QTreeWidget *m_experiments = nullptr;
    QLabel *m_summary = nullptr;
    QTabWidget *m_views = nullptr;
    QLineEdit *m_textFilter = nullptr;
    QLineEdit *m_searchFilter = nullptr;
    QLabel *m_searchError = nullptr;
    QComboBox *m_metricValue = nullptr;
    QCheckBox *m_onlyDiffering = nullptr;
    QStandardItemModel *m_runModel = nullptr;
    QSortFilterProxyModel *m_runProxy = nullptr;
    QTableView *m_runs = nullptr;
    RunComparison *m_comparison = nullptr;
    LeaderboardPanel *m_leaderboard = nullptr;
    QTimer *m_poll = nullptr;
    QTimer *m_comparisonDelay = nullptr;
};

} // namespace costscope::views
