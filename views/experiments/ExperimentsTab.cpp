#include "views/experiments/ExperimentsTab.h"

#include "model/ml/RunCost.h"
#include "model/store/CostStore.h"
#include "model/store/SqliteDb.h"
#include "views/common/ChartStyle.h"
#include "views/common/DisplayCurrency.h"
#include "views/common/TableExport.h"
#include "views/experiments/HostMappingDialog.h"
#include "views/experiments/LeaderboardPanel.h"
#include "views/experiments/RunComparison.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

#include <cmath>
#include <set>

namespace costscope::views {

namespace {

constexpr int kSortRole = Qt::UserRole + 1;
constexpr int kRunIdRole = Qt::UserRole + 2;
constexpr int kFixedColumns = 7; // run, status, start, duration, user, instance, cost

// The same keys as Preferences (views/preferences/PreferencesDialog.h).
const char *const kEnabledAtStart = "tracking/enabledAtStart";
const char *const kPort = "tracking/port";
const char *const kRequireToken = "tracking/requireToken";
const char *const kTokenAccount = "costscope-tracking";
const char *const kTokenField = "token";

QString durationText(int64_t ms)
{
    if (ms <= 0)
        return {};
    const int64_t minutes = ms / 60'000;
    if (minutes < 60)
        return ExperimentsTab::tr("%1 min").arg(std::max<int64_t>(minutes, 1));
    return ExperimentsTab::tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

// An MLflow run status as the table shows it: MLflow's own words in English, translated otherwise
// (the CSV keeps MLflow's word through ExportValueRole).
QString runStatusText(const QString &status)
{
    if (status == u"RUNNING")
        return ExperimentsTab::tr("RUNNING");
    if (status == u"FINISHED")
        return ExperimentsTab::tr("FINISHED");
    if (status == u"FAILED")
        return ExperimentsTab::tr("FAILED");
    if (status == u"KILLED")
        return ExperimentsTab::tr("KILLED");
    if (status == u"SCHEDULED")
        return ExperimentsTab::tr("SCHEDULED");
    return status;
}

QString metricText(double v)
{
    if (std::isnan(v))
        return QStringLiteral("NaN");
    return QString::number(v, 'g', 6);
}

QStandardItem *item(const QString &text, const QVariant &sort)
{
    auto *i = new QStandardItem(text);
    i->setData(sort, kSortRole);
    i->setEditable(false);
    return i;
}

QStandardItem *numberItem(const QString &text, const QVariant &sort)
{
    QStandardItem *i = item(text, sort);
    i->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return i;
}

bool shownTag(const QString &key)
{
    return !key.startsWith(QStringLiteral("mlflow.")) && !key.startsWith(QStringLiteral("costscope."));
}

QString costCell(const ml::RunCost &c)
{
    if (!c.known())
        return {};
    QString text = moneyText(c.cost.nanos(), c.currency);
    if (c.isEstimate())
        text.prepend(u'~');
    if (c.hasUnconverted()) // a part with no rate is left out: the tooltip names it
        text += QStringLiteral(" *");
    return text;
}

// Sorts on kSortRole; a cell without a value (a run without that metric) sorts last in either
// direction, as MLflow orders missing values.
class RunSortProxy : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override
    {
        const QVariant a = left.data(kSortRole);
        const QVariant b = right.data(kSortRole);
        const bool descending = sortOrder() == Qt::DescendingOrder;
        if (!a.isValid() || !b.isValid()) {
            if (a.isValid() == b.isValid())
                return false;
            return a.isValid() != descending;
        }
        return QVariant::compare(a, b) == QPartialOrdering::Less;
    }
};

} // namespace

ExperimentsTab::ExperimentsTab(const QueryRunner &queries, store::CostStore &store, TrackingService *tracking,
                               QWidget *parent)
    : QWidget(parent), m_queries(queries), m_store(store), m_tracking(tracking),
      m_snapshot(std::make_shared<ExperimentsSnapshot>())
{
    setObjectName(QStringLiteral("experimentsTab"));

    m_actions = new QToolBar(this);
    m_actions->setObjectName(QStringLiteral("experimentsActions"));
    m_actions->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_trackingToggle = new QCheckBox(tr("Tracking endpoint"), this);
    m_trackingToggle->setObjectName(QStringLiteral("trackingToggle"));
    m_trackingToggle->setToolTip(tr("Turns the local MLflow-compatible tracking endpoint on or off. MLflow clients on "
                                    "this machine log runs into this workspace with MLFLOW_TRACKING_URI set to the "
                                    "address shown."));
    m_trackingUri = new QLineEdit(this);
    m_trackingUri->setObjectName(QStringLiteral("trackingUri"));
    m_trackingUri->setReadOnly(true);
    m_trackingUri->setMinimumWidth(200);
    m_trackingUri->setMaximumWidth(260);
    m_copyUri = new QPushButton(tr("Copy"), this);
    m_copyUri->setObjectName(QStringLiteral("copyTrackingUri"));
    m_copyUri->setToolTip(tr("Copies the URI to set as MLFLOW_TRACKING_URI"));
    m_trackingProblem = new QLabel(this);
    m_trackingProblem->setObjectName(QStringLiteral("trackingProblem"));
    m_trackingProblem->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_otherPort = new QPushButton(tr("Use a free port"), this);
    m_otherPort->setObjectName(QStringLiteral("trackingOtherPort"));
    auto *hosts = new QPushButton(tr("Hosts\u2026"), this);
    hosts->setObjectName(QStringLiteral("hostMappingButton"));
    hosts->setToolTip(tr("Which cloud instance each host name of a run ran on, for the run's cost"));
    m_actions->addWidget(m_trackingToggle);
    m_actions->addWidget(m_trackingUri);
    m_actions->addWidget(m_copyUri);
    m_actions->addSeparator();
    m_actions->addWidget(hosts);
    m_actions->addSeparator();
    if (!m_tracking) {
        for (QWidget *w : std::initializer_list<QWidget *>{m_trackingToggle, m_trackingUri, m_copyUri})
            w->setEnabled(false);
        m_trackingToggle->setToolTip(tr("No tracking endpoint in this build"));
    }

    m_experiments = new QTreeWidget(this);
    m_experiments->setObjectName(QStringLiteral("experimentList"));
    installTableExport(m_experiments, QStringLiteral("experiments"), false);
    m_experiments->setHeaderLabels({tr("Experiment"), tr("Runs"), tr("Cost")});
    for (const auto &[column, name] : {std::pair{0, "experiment"}, std::pair{1, "runs"}, std::pair{2, "cost"}})
        m_experiments->headerItem()->setData(column, ExportValueRole, QString::fromLatin1(name));
    m_experiments->setRootIsDecorated(false);
    m_experiments->setUniformRowHeights(true);
    m_experiments->setAlternatingRowColors(true);
    m_experiments->header()->setStretchLastSection(false);
    m_experiments->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_experiments->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_experiments->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_experiments->setMinimumWidth(260);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("experimentSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);

    m_textFilter = new QLineEdit(this);
    m_textFilter->setObjectName(QStringLiteral("runTextFilter"));
    m_textFilter->setPlaceholderText(tr("Find runs (any column)"));
    m_textFilter->setClearButtonEnabled(true);
    m_searchFilter = new QLineEdit(this);
    m_searchFilter->setObjectName(QStringLiteral("runSearchFilter"));
    m_searchFilter->setPlaceholderText(tr("MLflow filter, e.g. metrics.val_auc > 0.8 and params.model = 'xgboost'"));
    m_searchFilter->setClearButtonEnabled(true);
    m_searchFilter->setToolTip(tr("MLflow's search language: metrics., params., tags., attributes. with = != < <= > >= "
                                  "LIKE ILIKE IN, joined by AND. Press Enter to apply."));
    m_searchError = new QLabel(this);
    m_searchError->setObjectName(QStringLiteral("runSearchError"));
    m_searchError->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_searchError->setWordWrap(true);
    m_searchError->hide();
    m_metricValue = new QComboBox(this);
    m_metricValue->setObjectName(QStringLiteral("metricValue"));
    m_metricValue->addItem(tr("last value"));
    m_metricValue->addItem(tr("minimum"));
    m_metricValue->addItem(tr("maximum"));
    m_metricValue->setToolTip(tr("Which value of each metric the table shows: the latest, or the min/max over its history"));
    m_onlyDiffering = new QCheckBox(tr("Only params that differ"), this);
    m_onlyDiffering->setObjectName(QStringLiteral("onlyDifferingParams"));

    m_runModel = new QStandardItemModel(this);
    m_runProxy = new RunSortProxy(this);
    m_runProxy->setSourceModel(m_runModel);
    m_runProxy->setSortRole(kSortRole);
    m_runProxy->setFilterKeyColumn(-1);
    m_runProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_runs = new QTableView(this);
    m_runs->setObjectName(QStringLiteral("runsTable"));
    installTableExport(m_runs, QStringLiteral("runs"));
    m_runs->setModel(m_runProxy);
    m_runs->setSortingEnabled(true);
    m_runs->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_runs->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_runs->setAlternatingRowColors(true);
    m_runs->verticalHeader()->hide();
    m_runs->verticalHeader()->setDefaultSectionSize(m_runs->fontMetrics().height() + 8);
    m_runs->horizontalHeader()->setHighlightSections(false);
    m_runs->sortByColumn(2, Qt::DescendingOrder);

    auto *runsPage = new QWidget(this);
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_textFilter, 2);
    filters->addWidget(m_searchFilter, 3);
    filters->addWidget(new QLabel(tr("Metrics:"), this));
    filters->addWidget(m_metricValue);
    filters->addWidget(m_onlyDiffering);
    auto *runsLayout = new QVBoxLayout(runsPage);
    runsLayout->addLayout(filters);
    runsLayout->addWidget(m_searchError);
    runsLayout->addWidget(m_runs, 1);
    auto *hint = new QLabel(tr("Select two or more runs to compare them; \u201c~\u201d marks a cost estimated from the "
                               "catalog price (no bill covers the run); hover a cost for how it was found."),
                            this);
    hint->setObjectName(QStringLiteral("runsHint"));
    hint->setEnabled(false);
    hint->setWordWrap(true);
    runsLayout->addWidget(hint);

    m_comparison = new RunComparison(this);
    m_leaderboard = new LeaderboardPanel(this);
    m_views = new QTabWidget(this);
    m_views->setObjectName(QStringLiteral("experimentViews"));
    m_views->addTab(runsPage, tr("Runs"));
    m_views->addTab(m_comparison, tr("Compare"));
    m_views->addTab(m_leaderboard, tr("Leaderboard"));

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_summary);
    rightLayout->addWidget(m_views, 1);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_experiments);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({300, 1000});
    // Why the endpoint did not start, on a line of its own so the toolbar never hides it.
    m_trackingRow = new QWidget(this);
    m_trackingRow->setObjectName(QStringLiteral("trackingProblemRow"));
    auto *problemRow = new QHBoxLayout(m_trackingRow);
    problemRow->setContentsMargins(8, 0, 8, 0);
    problemRow->addWidget(m_trackingProblem, 1);
    problemRow->addWidget(m_otherPort);
    m_trackingProblem->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_actions);
    layout->addWidget(m_trackingRow);
    layout->addWidget(splitter, 1);

    m_poll = new QTimer(this);
    m_poll->setInterval(1000);
    connect(m_poll, &QTimer::timeout, this, &ExperimentsTab::pollWorkspace);
    m_poll->start();
    m_comparisonDelay = new QTimer(this);
    m_comparisonDelay->setSingleShot(true);
    m_comparisonDelay->setInterval(150);
    connect(m_comparisonDelay, &QTimer::timeout, this, &ExperimentsTab::updateComparison);

    connect(m_trackingToggle, &QCheckBox::toggled, this, [this](bool on) {
        if (setTrackingEnabled(on))
            QSettings().setValue(QLatin1String(kEnabledAtStart), on);
    });
    connect(m_copyUri, &QPushButton::clicked, this, [this]() {
        if (!m_trackingUri->text().isEmpty())
            QApplication::clipboard()->setText(m_trackingUri->text());
    });
    connect(m_otherPort, &QPushButton::clicked, this, [this]() {
        // A port the system picks, remembered for the next start; the token rule still applies.
        QSettings().setValue(QLatin1String(kPort), 0);
        setTrackingEnabled(true);
    });
    connect(hosts, &QPushButton::clicked, this, &ExperimentsTab::editHostMapping);
    connect(m_experiments, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *current) {
        if (!current)
            return;
        const QString id = current->data(0, Qt::UserRole).toString();
        if (id == m_experimentId)
            return;
        m_experimentId = id;
        m_userChoseExperiment = true;
        m_pendingSelection.clear();
        fillRuns();
        updateLeaderboard();
    });
    connect(m_textFilter, &QLineEdit::textChanged, m_runProxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_textFilter, &QLineEdit::textChanged, m_comparisonDelay, qOverload<>(&QTimer::start));
    connect(m_searchFilter, &QLineEdit::returnPressed, this, &ExperimentsTab::applySearchFilter);
    connect(m_searchFilter, &QLineEdit::editingFinished, this, &ExperimentsTab::applySearchFilter);
    connect(m_searchFilter, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.trimmed().isEmpty())
            applySearchFilter();
    });
    connect(m_metricValue, &QComboBox::currentIndexChanged, this, &ExperimentsTab::fillRuns);
    connect(m_onlyDiffering, &QCheckBox::toggled, this, &ExperimentsTab::fillRuns);
    connect(m_runs->selectionModel(), &QItemSelectionModel::selectionChanged, m_comparisonDelay,
            qOverload<>(&QTimer::start));
    connect(m_comparison, &RunComparison::historiesWanted, this, [this](const QStringList &ids, const QString &key) {
        ++*m_historyGeneration;
        m_queries.run<MetricHistories>(
            this, [ids, key](store::CostQuery &q) { return loadMetricHistories(q.store().db(), ids, key); },
            [this](const MetricHistories &h) {
                if (!h.error.isEmpty())
                    Q_EMIT failed(tr("Could not load the metric history: %1").arg(h.error));
                m_comparison->setHistories(h);
                Q_EMIT comparisonUpdated();
            },
            m_historyGeneration);
    });
    connect(m_leaderboard, &LeaderboardPanel::specEdited, this, &ExperimentsTab::saveLeaderboard);

    if (m_store.db().isOpen())
        m_dataVersion = m_store.db().queryInt("PRAGMA data_version", -1);
    showTrackingState();
    // After the window has handed in the keychain (setCredentialService), before the user acts.
    QTimer::singleShot(0, this, &ExperimentsTab::startTrackingAtLaunch);
}

ExperimentsTab::~ExperimentsTab() = default;

void ExperimentsTab::startTrackingAtLaunch()
{
    if (!m_tracking) {
        showTrackingState();
        return;
    }
    const QSettings settings;
    if (settings.value(QLatin1String(kEnabledAtStart), true).toBool()) {
        setTrackingEnabled(true);
    } else {
        showTrackingState();
    }
}

bool ExperimentsTab::setTrackingEnabled(bool on)
{
    if (!m_tracking)
        return false;
    if (!on) {
        m_tracking->stop();
        m_trackingPath.clear();
        showTrackingState();
        return true;
    }
    if (m_tracking->isRunning() && m_trackingPath == m_store.path()) {
        showTrackingState();
        return true;
    }
    m_tracking->stop();
    TrackingEndpointOptions options;
    const QSettings settings;
    const int port = settings.value(QLatin1String(kPort), 5000).toInt();
    options.port = static_cast<quint16>(port >= 0 && port < 65536 ? port : 5000); // 0: the system picks
    if (!settings.value(QLatin1String(kRequireToken), false).toBool()) {
        startTracking(options);
        return m_tracking->isRunning();
    }
    if (!m_credentials) {
        showTrackingState(tr("The tracking endpoint requires a token (Preferences), but no keychain is available."));
        return false;
    }
    // The token never leaves the keychain except into the endpoint's options.
    m_credentials->readSecret(QLatin1String(kTokenAccount), QLatin1String(kTokenField), this,
                              [this, options](const SecretReadResult &result) mutable {
                                  if (!result.ok || result.secret.isEmpty()) {
                                      showTrackingState(
                                          result.notFound || result.secret.isEmpty()
                                              ? tr("The tracking endpoint requires a token, but none is stored: set one "
                                                   "in Edit \u25b8 Preferences.")
                                              : tr("The tracking endpoint's token could not be read from the keychain: "
                                                   "%1.")
                                                    .arg(result.error));
                                      Q_EMIT trackingStateChanged(false);
                                      return;
                                  }
                                  options.token = result.secret;
                                  startTracking(options);
                              });
    return true;
}

void ExperimentsTab::startTracking(const TrackingEndpointOptions &options)
{
    QString error;
    if (!m_tracking->start(m_store.path(), options, &error)) {
        showTrackingState(tr("The tracking endpoint did not start: %1. Another program (or another Costscope window) may use this port; start it on a free port instead.").arg(error));
        Q_EMIT trackingStateChanged(false);
        return;
    }
    m_trackingPath = m_store.path();
    if (options.port == 0)
        QSettings().setValue(QLatin1String(kPort), QUrl(m_tracking->uri()).port());
    showTrackingState();
    Q_EMIT trackingStateChanged(true);
}

void ExperimentsTab::applyTrackingSettings()
{
    if (m_tracking && m_tracking->isRunning()) {
        m_tracking->stop();
        setTrackingEnabled(true);
    }
}

void ExperimentsTab::showTrackingState(const QString &problem)
{
    const bool running = m_tracking && m_tracking->isRunning();
    {
        const QSignalBlocker block(m_trackingToggle);
        m_trackingToggle->setChecked(running);
    }
    m_trackingUri->setText(running ? m_tracking->uri() : QString());
    m_trackingUri->setPlaceholderText(running ? QString() : tr("off"));
    m_copyUri->setEnabled(running);
    m_trackingProblem->setText(problem);
    m_trackingProblem->setToolTip(problem);
    m_otherPort->setVisible(m_tracking != nullptr);
    m_trackingRow->setVisible(!problem.isEmpty());
}

void ExperimentsTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        load();
}

void ExperimentsTab::reload()
{
    m_dirty = true;
    if (m_tracking && m_tracking->isRunning() && m_trackingPath != m_store.path())
        setTrackingEnabled(true); // the workspace changed: serve the new one
    if (m_store.db().isOpen())
        m_dataVersion = m_store.db().queryInt("PRAGMA data_version", -1);
    if (isVisible())
        load();
}

void ExperimentsTab::pollWorkspace()
{
    if (!m_store.db().isOpen())
        return;
    const int64_t version = m_store.db().queryInt("PRAGMA data_version", -1);
    if (version == m_dataVersion)
        return;
    m_dataVersion = version;
    m_dirty = true;
    if (isVisible() && !m_loading)
        load();
}

void ExperimentsTab::load()
{
    m_dirty = false;
    m_loading = true;
    ++*m_loadGeneration;
    const int64_t now = QDateTime::currentMSecsSinceEpoch();
    m_queries.run<ExperimentsSnapshot>(
        this,
        [now, currency = displayCurrencySetting()](store::CostQuery &q) {
            return loadExperimentsSnapshot(q.store().db(), now, currency); // empty: the main currency
        },
        [this](const ExperimentsSnapshot &s) {
            m_loading = false;
            applySnapshot(s);
            if (m_dirty && isVisible())
                load(); // written again while loading
        },
        m_loadGeneration);
}

void ExperimentsTab::applySnapshot(const ExperimentsSnapshot &snapshot)
{
    if (!snapshot.error.isEmpty())
        Q_EMIT failed(tr("Could not load the ML experiments: %1").arg(snapshot.error));
    const QStringList selected = selectedRunIds();
    m_pendingSelection = QSet<QString>(selected.begin(), selected.end());
    m_snapshot = std::make_shared<ExperimentsSnapshot>(snapshot);
    fillExperiments();
    fillRuns();
    updateLeaderboard();
    Q_EMIT loaded();
}

void ExperimentsTab::fillExperiments()
{
    const QSignalBlocker block(m_experiments);
    m_experiments->clear();
    QTreeWidgetItem *current = nullptr;
    QTreeWidgetItem *firstWithRuns = nullptr;
    for (const ExperimentSummary &e : m_snapshot->experiments) {
        auto *it = new QTreeWidgetItem(m_experiments);
        it->setText(0, e.name);
        it->setToolTip(0, e.description.isEmpty() ? e.name : e.name + u'\n' + e.description);
        it->setData(0, Qt::UserRole, e.id);
        it->setText(1, QString::number(e.runCount));
        it->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        it->setData(1, ExportValueRole, e.runCount);
        if (e.runCount > e.runsWithoutCost) {
            const QString cost = moneyText(e.cost.nanos(), m_snapshot->currency);
            it->setText(2, (e.costEstimate ? QStringLiteral("~") + cost : cost)
                               + (e.costUnconverted.empty() ? QString() : QStringLiteral(" *")));
            it->setData(2, ExportValueRole, e.cost.toString(2));
            it->setData(2, ExportCurrencyRole, m_snapshot->currency);
        }
        it->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        QString tip = e.costEstimate ? tr("Includes catalog estimates (runs no bill covers)")
                                     : tr("Billed cost of the runs, pro-rated over their instances' billed hours");
        if (e.runsWithoutCost > 0)
            tip += u'\n' + tr("%n run(s) without a known cost", nullptr, e.runsWithoutCost);
        if (!e.costUnconverted.empty())
            tip += u'\n' + unconvertedNote(e.costUnconverted, m_snapshot->currency, false);
        it->setToolTip(2, tip);
        if (e.id == m_experimentId)
            current = it;
        if (!firstWithRuns && e.runCount > 0)
            firstWithRuns = it;
    }
    // Until the user picks one, show an experiment that has runs (a client may log the first ones
    // while the tab is open).
    if (!current || (!m_userChoseExperiment && current->text(1) == u"0" && firstWithRuns))
        current = firstWithRuns ? firstWithRuns : m_experiments->topLevelItem(0);
    if (current) {
        m_experiments->setCurrentItem(current);
        m_experimentId = current->data(0, Qt::UserRole).toString();
    } else {
        m_experimentId.clear();
    }
}

std::vector<ml::Run> ExperimentsTab::experimentRuns() const
{
    std::vector<ml::Run> out;
    for (const ml::Run &r : m_snapshot->runs)
        if (r.info.experimentId == m_experimentId && (!m_filter || m_filter->matches(r)))
            out.push_back(r);
    return out;
}

QStringList ExperimentsTab::metricKeys() const
{
    std::set<QString> keys;
    for (const ml::Run &r : m_snapshot->runs)
        if (r.info.experimentId == m_experimentId)
            for (const ml::Metric &m : r.metrics)
                keys.insert(m.key);
    return QStringList(keys.begin(), keys.end());
}

void ExperimentsTab::applySearchFilter()
{
    const QString text = m_searchFilter->text();
    if (text.trimmed().isEmpty()) {
        if (!m_filter && m_searchError->isHidden())
            return;
        m_filter.reset();
        m_searchError->hide();
        m_searchFilter->setStyleSheet({});
        fillRuns();
        return;
    }
    QString error;
    auto filter = ml::SearchFilter::parse(text, ml::SearchEntity::Runs, &error);
    if (!filter) {
        m_searchError->setText(tr("Filter not applied: %1").arg(error));
        m_searchError->show();
        m_searchFilter->setStyleSheet(QStringLiteral("QLineEdit { border: 1px solid #c62828; }"));
        return;
    }
    m_searchError->hide();
    m_searchFilter->setStyleSheet({});
    m_filter = std::move(filter);
    fillRuns();
}

void ExperimentsTab::fillRuns()
{
    if (m_pendingSelection.isEmpty()) {
        const QStringList selected = selectedRunIds();
        m_pendingSelection = QSet<QString>(selected.begin(), selected.end());
    }
    const std::vector<ml::Run> runs = experimentRuns();
    std::set<QString> metricSet, paramSet, tagSet;
    std::vector<const ml::Run *> ptrs;
    for (const ml::Run &r : runs) {
        ptrs.push_back(&r);
        for (const ml::Metric &m : r.metrics)
            metricSet.insert(m.key);
        for (const auto &[k, v] : r.params)
            paramSet.insert(k);
        for (const auto &[k, v] : r.tags)
            if (shownTag(k))
                tagSet.insert(k);
    }
    QStringList params(paramSet.begin(), paramSet.end());
    if (m_onlyDiffering->isChecked())
        params = ptrs.size() > 1 ? differingParams(ptrs) : QStringList();
    const QStringList metrics(metricSet.begin(), metricSet.end());
    const QStringList tags(tagSet.begin(), tagSet.end());
    const auto mode = static_cast<MetricValue>(m_metricValue->currentIndex());
    const QString modeName = mode == MetricValue::Last ? tr("last") : mode == MetricValue::Min ? tr("min") : tr("max");

    const int sortColumn = m_runProxy->sortColumn();
    const QString sortHeader = sortColumn >= 0 && sortColumn < m_runModel->columnCount()
                                   ? m_runModel->headerData(sortColumn, Qt::Horizontal, Qt::UserRole).toString()
                                   : QString();
    const Qt::SortOrder order = m_runProxy->sortOrder();
    m_runModel->clear();
    QStringList headers{tr("Run"), tr("Status"), tr("Start"), tr("Duration"), tr("User"), tr("Instance"), tr("Cost")};
    QStringList keys{QStringLiteral("run"), QStringLiteral("status"), QStringLiteral("start"),
                     QStringLiteral("duration"), QStringLiteral("user"), QStringLiteral("instance"),
                     QStringLiteral("cost")};
    for (const QString &m : metrics) {
        headers << m;
        keys << QStringLiteral("metrics.") + m;
    }
    for (const QString &p : params) {
        headers << QStringLiteral("params.") + p;
        keys << QStringLiteral("params.") + p;
    }
    for (const QString &t : tags) {
        headers << QStringLiteral("tags.") + t;
        keys << QStringLiteral("tags.") + t;
    }
    m_runModel->setHorizontalHeaderLabels(headers);
    for (int c = 0; c < keys.size(); ++c) {
        m_runModel->setHeaderData(c, Qt::Horizontal, keys[c], Qt::UserRole);
        m_runModel->setHeaderData(c, Qt::Horizontal, c == 3 ? QStringLiteral("duration_seconds") : keys[c],
                                  ExportValueRole);
        if (c >= kFixedColumns && c < kFixedColumns + metrics.size())
            m_runModel->setHeaderData(c, Qt::Horizontal, tr("metrics.%1 (%2)").arg(headers[c], modeName),
                                      Qt::ToolTipRole);
    }
    const QLocale locale;
    for (const ml::Run &r : runs) {
        QList<QStandardItem *> row;
        const QString name = r.info.runName.isEmpty() ? r.info.runId.left(8) : r.info.runName;
        QStandardItem *nameItem = item(name, name.toLower());
        nameItem->setData(r.info.runId, kRunIdRole);
        nameItem->setToolTip(tr("Run id %1").arg(r.info.runId));
        row << nameItem;
        QStandardItem *status = item(runStatusText(r.info.status), r.info.status);
        status->setData(r.info.status, ExportValueRole);
        if (r.info.status == u"FAILED" || r.info.status == u"KILLED")
            status->setForeground(QColor(0xc6, 0x28, 0x28));
        else if (r.info.status == u"RUNNING")
            status->setForeground(QColor(0x15, 0x65, 0xc0));
        row << status;
        const QDateTime start = QDateTime::fromMSecsSinceEpoch(r.info.startTime).toLocalTime();
        row << item(locale.toString(start, QLocale::ShortFormat), static_cast<qlonglong>(r.info.startTime));
        row.back()->setData(QDateTime::fromMSecsSinceEpoch(r.info.startTime, Qt::UTC), ExportValueRole);
        const auto costIt = m_snapshot->costs.find(r.info.runId);
        const ml::RunCost cost = costIt != m_snapshot->costs.end() ? costIt->second : ml::RunCost{};
        const int64_t duration = r.info.endTime ? *r.info.endTime - r.info.startTime
                                 : r.info.status == u"RUNNING"
                                     ? std::max<int64_t>(0, QDateTime::currentMSecsSinceEpoch() - r.info.startTime)
                                     : cost.durationMs;
        row << numberItem(durationText(duration), static_cast<qlonglong>(duration));
        row.back()->setData(static_cast<qlonglong>(duration / 1000), ExportValueRole);
        row << item(r.info.userId, r.info.userId);
        const QString machine = !cost.machine.instanceId.isEmpty() ? cost.machine.instanceId
                                                                   : !cost.machine.instanceType.isEmpty()
                                                                         ? cost.machine.instanceType
                                                                         : cost.machine.host;
        // Azure and GCP ids are paths: the last part names the machine, the tooltip has the whole id.
        const QString shortMachine = machine.section(u'/', -1);
        QStandardItem *instance = item(shortMachine, machine);
        if (!cost.machine.instanceType.isEmpty() && !cost.machine.instanceId.isEmpty())
            instance->setText(QStringLiteral("%1 (%2)").arg(shortMachine, cost.machine.instanceType));
        instance->setToolTip(cost.machine.source.isEmpty()
                                 ? tr("No machine known")
                                 : machine + u'\n' + tr("Found from %1").arg(cost.machine.source));
        row << instance;
        QStandardItem *costItem = numberItem(costCell(cost), cost.known() ? QVariant(cost.cost.toDouble()) : QVariant());
        QString tip = cost.basis == ml::RunCost::Basis::Billed && !cost.partial
                          ? tr("Billed: the instance's bill pro-rated over its billed hours")
                      : cost.basis == ml::RunCost::Basis::Unknown ? tr("No cost")
                                                                  : tr("Estimate (~): catalog price \u00d7 duration");
        if (!cost.machine.source.isEmpty())
            tip += u'\n' + tr("Machine from %1").arg(cost.machine.source);
        if (!cost.note.isEmpty())
            tip += u'\n' + cost.note;
        if (cost.hasUnconverted())
            tip += u'\n' + unconvertedNote(cost.unconverted, cost.currency, false);
        costItem->setToolTip(tip);
        if (cost.known()) {
            costItem->setData(cost.cost.toString(2), ExportValueRole);
            costItem->setData(cost.currency, ExportCurrencyRole);
        }
        row << costItem;
        const auto ranges = m_snapshot->ranges.find(r.info.runId);
        for (const QString &key : metrics) {
            std::optional<double> v;
            if (mode == MetricValue::Last) {
                if (const ml::Metric *m = r.metric(key))
                    v = m->value;
            } else if (ranges != m_snapshot->ranges.end()) {
                const auto it = ranges->second.find(key);
                if (it != ranges->second.end())
                    v = mode == MetricValue::Min ? it->second.min : it->second.max;
            }
            row << numberItem(v ? metricText(*v) : QString(), v && !std::isnan(*v) ? QVariant(*v) : QVariant());
            if (v && std::isfinite(*v))
                row.back()->setData(*v, ExportValueRole);
        }
        for (const QString &key : params) {
            const QString v = r.param(key);
            bool isNumber = false;
            const double d = v.toDouble(&isNumber);
            row << (isNumber ? numberItem(v, d) : item(v, v));
        }
        for (const QString &key : tags) {
            const QString v = r.tag(key);
            row << item(v, v);
        }
        m_runModel->appendRow(row);
    }
    const qsizetype restored = keys.indexOf(sortHeader);
    m_runs->sortByColumn(restored >= 0 ? static_cast<int>(restored) : 2, restored >= 0 ? order : Qt::DescendingOrder);
    m_runs->resizeColumnsToContents();
    for (int c = 0; c < m_runModel->columnCount(); ++c)
        m_runs->setColumnWidth(c, std::min(m_runs->columnWidth(c), 260));

    const QStringList wanted(m_pendingSelection.begin(), m_pendingSelection.end());
    m_pendingSelection.clear();
    selectRuns(wanted);

    const ExperimentSummary *summary = nullptr;
    for (const ExperimentSummary &e : m_snapshot->experiments)
        if (e.id == m_experimentId)
            summary = &e;
    if (summary) {
        QString text = QStringLiteral("<b>%1</b>").arg(summary->name.toHtmlEscaped());
        if (!summary->description.isEmpty())
            text += QStringLiteral(" \u2014 ") + summary->description.toHtmlEscaped();
        text += QStringLiteral(" &nbsp; ") + tr("%n run(s)", nullptr, summary->runCount);
        const QString separator = tr(", ", "between the parts of the experiment's summary line");
        if (summary->runCount > summary->runsWithoutCost)
            text += separator + tr("cost %1").arg((summary->costEstimate ? QStringLiteral("~") : QString())
                                                             + moneyText(summary->cost.nanos(), m_snapshot->currency)
                                                             + (summary->costUnconverted.empty() ? QString()
                                                                                                 : QStringLiteral(" *")));
        if (m_filter)
            text += separator + tr("%n shown by the filter", nullptr, static_cast<int>(runs.size()));
        m_summary->setText(text);
    } else {
        m_summary->setText(tr("No ML experiments in this workspace yet. Log runs with an MLflow client to the tracking "
                              "endpoint above, or import them: costscope runs import PATH."));
    }
    m_comparisonDelay->start();
}

QStringList ExperimentsTab::shownRunIds() const
{
    QStringList out;
    for (int row = 0; row < m_runProxy->rowCount(); ++row)
        out << m_runProxy->index(row, 0).data(kRunIdRole).toString();
    return out;
}

QStringList ExperimentsTab::selectedRunIds() const
{
    QStringList out;
    if (!m_runs || !m_runs->selectionModel())
        return out;
    for (const QModelIndex &index : m_runs->selectionModel()->selectedRows(0))
        out << index.data(kRunIdRole).toString();
    return out;
}

void ExperimentsTab::selectRuns(const QStringList &runIds)
{
    QItemSelection selection;
    for (int row = 0; row < m_runProxy->rowCount(); ++row) {
        const QModelIndex index = m_runProxy->index(row, 0);
        if (runIds.contains(index.data(kRunIdRole).toString()))
            selection.select(index, m_runProxy->index(row, m_runProxy->columnCount() - 1));
    }
    m_runs->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

void ExperimentsTab::selectExperiment(const QString &experimentId)
{
    for (int i = 0; i < m_experiments->topLevelItemCount(); ++i)
        if (m_experiments->topLevelItem(i)->data(0, Qt::UserRole).toString() == experimentId)
            m_experiments->setCurrentItem(m_experiments->topLevelItem(i));
}

void ExperimentsTab::updateComparison()
{
    const QStringList selected = selectedRunIds();
    const QStringList ids = selected.size() >= 2 ? selected : shownRunIds();
    std::vector<ml::Run> runs;
    for (const QString &id : ids)
        for (const ml::Run &r : m_snapshot->runs)
            if (r.info.runId == id)
                runs.push_back(r);
    const ml::LeaderboardSpec &spec = m_leaderboard->spec();
    const QString caption = selected.size() >= 2
                                ? tr("Comparing the %n selected run(s)", nullptr, static_cast<int>(runs.size()))
                                : tr("Comparing all %n run(s) shown (select two or more in Runs to narrow)", nullptr,
                                     static_cast<int>(runs.size()));
    m_comparison->setRuns(runs, m_snapshot->costs, spec.primary.key, spec.primary.direction, metricKeys(), caption);
}

void ExperimentsTab::updateLeaderboard()
{
    std::vector<ml::Run> runs;
    for (const ml::Run &r : m_snapshot->runs)
        if (r.info.experimentId == m_experimentId)
            runs.push_back(r);
    const ml::LeaderboardSpec spec = m_experimentId.isEmpty() || !m_store.db().isOpen()
                                         ? ml::LeaderboardSpec{}
                                         : loadLeaderboardSpec(m_store.db(), m_experimentId);
    m_leaderboard->setData(runs, m_snapshot->costs, spec, metricKeys());
}

void ExperimentsTab::saveLeaderboard(const ml::LeaderboardSpec &spec)
{
    if (m_experimentId.isEmpty())
        return;
    QString error;
    if (!saveLeaderboardSpec(m_store.db(), m_experimentId, spec, &error))
        Q_EMIT failed(tr("Could not save the leaderboard settings: %1").arg(error));
    m_comparisonDelay->start(); // the primary metric may have changed
}

void ExperimentsTab::editHostMapping()
{
    if (!m_store.db().isOpen())
        return;
    const std::map<QString, QString> before = ml::RunCostCalculator::hostMapping(m_store.db());
    QStringList unmapped;
    std::set<QString> instances;
    for (const auto &[id, cost] : m_snapshot->costs) {
        if (!cost.machine.host.isEmpty() && cost.machine.instanceId.isEmpty() && !unmapped.contains(cost.machine.host))
            unmapped << cost.machine.host;
        if (!cost.machine.instanceId.isEmpty())
            instances.insert(cost.machine.instanceId);
    }
    {
        store::Statement st(m_store.db(), "SELECT s.s FROM resource r JOIN str s ON s.id = r.resource LIMIT 20000");
        while (st.next())
            instances.insert(st.columnText(0));
    }
    auto *dialog = new HostMappingDialog(before, unmapped, QStringList(instances.begin(), instances.end()), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, before]() {
        const std::map<QString, QString> after = dialog->mapping();
        QStringList errors;
        for (const auto &[host, instance] : before)
            if (after.find(host) == after.end()) {
                QString error;
                if (!ml::RunCostCalculator::setHostMapping(m_store.db(), host, QString(), &error))
                    errors << error;
            }
        for (const auto &[host, instance] : after) {
            const auto old = before.find(host);
            if (old != before.end() ? old->second == instance : instance.isEmpty())
                continue;
            QString error;
            if (!ml::RunCostCalculator::setHostMapping(m_store.db(), host, instance, &error))
                errors << error;
        }
        if (!errors.isEmpty())
            Q_EMIT failed(tr("Could not save the host mapping: %1").arg(errors.join(QStringLiteral("; "))));
        reload(); // the costs change
    });
    dialog->open();
}

} // namespace costscope::views
