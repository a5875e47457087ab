#include "views/MainWindow.h"

#include "model/analysis/recommendations/DemoRecommendations.h"
#include "model/demo/DemoGenerator.h"
#include "model/ml/SweepMonitor.h"
#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"
#include "views/accounts/AccountsTab.h"
#include "views/anomalies/AnomaliesTab.h"
#include "views/budgets/BudgetsTab.h"
#include "views/common/Banner.h"
#include "views/common/ChartExport.h"
#include "views/common/Dialogs.h"
#include "views/experiments/SweepDialog.h"
#include "views/common/JobRunner.h"
#include "views/common/Logging.h"
#include "views/common/QueryRunner.h"
#include "views/common/TableExport.h"
#include "views/common/WorkspaceOpener.h"
#include "views/dashboard/DashboardTab.h"
#include "views/experiments/ExperimentsTab.h"
#include "views/explorer/ExplorerTab.h"
#include "views/preferences/PreferencesDialog.h"
#include "views/recommendations/RecommendationsTab.h"
#include "views/report/ReportAction.h"
#include "views/resources/ResourcesTab.h"
#include "views/saas/SaasTab.h"
#include "views/import/ImportController.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStyle>
#include <QGuiApplication>
#include <QCloseEvent>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QToolBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace costscope::views {

MainWindow::MainWindow(store::CostStore &store, MainWindowOptions options, QWidget *parent)
    : QMainWindow(parent), m_store(store), m_options(std::move(options))
{
    setObjectName(QStringLiteral("MainWindow"));
    if (!m_options.generateDemo) {
        m_options.generateDemo = [](store::CostStore &s, const ProgressFn &progress, const CancelFn &cancelled,
                                    QString *error) {
            return analysis::generateDemoWithRecommendations(s, demo::DemoOptions{}, progress, cancelled, nullptr,
                                                             error);
        };
    }
    if (!m_options.today)
        m_options.today = [] { return QDateTime::currentDateTimeUtc().date(); };
    m_queries = std::make_unique<QueryRunner>(m_store);
    m_jobs = new JobRunner(this);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_demoBanner = new Banner(central);
    m_demoBanner->setObjectName(QStringLiteral("demoBanner"));
    m_errorBanner = new Banner(central);
    m_errorBanner->setObjectName(QStringLiteral("errorBanner"));
    m_tabs = new QTabWidget(central);
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_tabs->setDocumentMode(true);
    m_dashboard = new DashboardTab(*m_queries, m_options.today, m_tabs);
    m_explorer = new ExplorerTab(*m_queries, m_options.today, m_tabs);
    m_explorer->setAllocationStore(&m_store);
    m_tabs->addTab(m_dashboard, tr("Dashboard"));
    m_tabs->addTab(m_explorer, tr("Cost Explorer"));
    m_resources = new ResourcesTab(*m_queries, m_store, m_options.today, m_tabs);
    m_tabs->addTab(m_resources, tr("Resources"));
    m_saas = new SaasTab(*m_queries, m_options.today, m_tabs);
    m_tabs->addTab(m_saas, tr("SaaS && PaaS"));
    m_recommendations = new RecommendationsTab(m_store, m_jobs, [this]() { return m_store.path(); }, m_tabs);
    m_recommendations->setObjectName(QStringLiteral("recommendationsTab"));
    m_tabs->addTab(m_recommendations, tr("Recommendations"));
    m_budgets = new BudgetsTab(*m_queries, m_store, m_options.today, m_options.budgetPrompts, m_tabs);
    m_tabs->addTab(m_budgets, tr("Budgets"));
    m_anomalies = new AnomaliesTab(*m_queries, m_jobs, [this]() { return m_store.path(); }, m_options.today, m_tabs);
    m_tabs->addTab(m_anomalies, tr("Anomalies"));
    m_experiments = new ExperimentsTab(*m_queries, m_store, m_options.trackingService, m_tabs);
    m_experiments->setCredentialService(m_options.credentialService); // the endpoint's token (Preferences)
    m_tabs->addTab(m_experiments, tr("Experiments"));
    if (m_options.accountService) {
        m_accounts = new AccountsTab(m_options.accountService, m_options.syncService, m_jobs,
                                     [this]() { return m_store.path(); }, m_options.accountPrompts, m_options.now, m_tabs);
        m_tabs->addTab(m_accounts, tr("Accounts"));
    }
    layout->addWidget(m_demoBanner);
    layout->addWidget(m_errorBanner);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    connect(m_dashboard, &DashboardTab::failed, this, &MainWindow::showError);
    connect(m_explorer, &ExplorerTab::failed, this, &MainWindow::showError);
    connect(m_recommendations, &RecommendationsTab::failed, this, &MainWindow::showError);
    connect(m_resources, &ResourcesTab::failed, this, &MainWindow::showError);
    // The Resources tab counts the recommendations of the last run.
    connect(m_recommendations, &RecommendationsTab::updated, m_resources, &ResourcesTab::reload);
    connect(m_recommendations, &RecommendationsTab::updated, m_saas, &SaasTab::reload);
    connect(m_resources, &ResourcesTab::showCostsRequested, this, [this](const QString &id, const QString &label) {
        m_explorer->showOnly(store::Dimension::Resource, id, label);
        m_tabs->setCurrentWidget(m_explorer);
    });
    connect(m_anomalies, &AnomaliesTab::failed, this, &MainWindow::showError);
    connect(m_experiments, &ExperimentsTab::failed, this, &MainWindow::showError);
    connect(m_saas, &SaasTab::failed, this, &MainWindow::showError);
    connect(m_saas, &SaasTab::showCostsRequested, this, [this](const QString &id, const QString &label) {
        m_explorer->showOnly(store::Dimension::Resource, id, label);
        m_tabs->setCurrentWidget(m_explorer);
    });
    connect(m_budgets, &BudgetsTab::failed, this, &MainWindow::showError);
    // Budget alerts found while the window is on any tab (the tab's banner holds them too).
    // Elided beside the workspace label; the whole text is the status bar's tooltip.
    connect(m_budgets, &BudgetsTab::alertsFired, this, [this](const QString &title, const QString &message) {
        const QString full = tr("%1: %2", "a status bar title and its text").arg(title, message);
        statusBar()->setToolTip(full);
        statusBar()->showMessage(
            statusBar()->fontMetrics().elidedText(full, Qt::ElideRight, qMax(240, statusBar()->width() * 2 / 3)));
    });
    connect(m_anomalies, &AnomaliesTab::openInExplorer, this, [this](const store::CostQuerySpec &spec) {
        m_explorer->showQuestion(spec);
        m_tabs->setCurrentWidget(m_explorer);
    });
    if (m_accounts) {
        // After a sync the synced costs and resources show in every tab.
        connect(m_accounts, &AccountsTab::synced, this, &MainWindow::refresh);
        connect(m_accounts, &AccountsTab::statusMessage, this, [this](const QString &text) { m_statusMessage->setText(text); });
        connect(m_accounts, &AccountsTab::actionFinished, this, [this](bool ok) { Q_EMIT jobFinished(ok); });
    }
    connect(m_demoBanner, &Banner::actionTriggered, this, &MainWindow::chooseWorkspace);
    m_import = new ImportController(m_store, m_jobs, m_options.importService, m_options.importPrompts,
                                    [this](const QString &path) { return openWorkspace(path); }, this);
    connect(m_import, &ImportController::failed, this, &MainWindow::showError);
    connect(m_import, &ImportController::finished, this, &MainWindow::onImportFinished);

    buildMenus();
    buildStatusBar();
    // Every chart in the tabs gets "Save chart as PNG… / SVG…" in its context menu.
    installChartExports(m_tabs);
    QSize size(1400, 900);
    if (const QScreen *s = screen())
        size = size.boundedTo(s->availableGeometry().size() * 0.92);
    resize(size);
    if (m_options.rememberWindowState)
        restoreWindowState();

    updateWorkspaceInfo();
    const bool empty = store::CostQuery(m_store).dataRange().isEmpty();
    if (empty && m_options.firstStart) {
        startDemoGeneration();
    } else if (empty) {
        m_dashboard->setEmptyHint(
            tr("This workspace holds no cost data yet.\n\nImport billing files (File \u25b8 Import billing files\u2026, "
               "or drop files and folders on this window), open another workspace (File \u25b8 Open workspace\u2026), or fill this one with demo data "
               "(File \u25b8 Regenerate demo workspace)."));
    }
    refresh();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open workspace\u2026"), this, &MainWindow::chooseWorkspace);
    open->setObjectName(QStringLiteral("actionOpenWorkspace"));
    open->setShortcut(QKeySequence::Open);
    QAction *regen = file->addAction(tr("&Regenerate demo workspace"), this, &MainWindow::confirmRegenerateDemo);
    regen->setObjectName(QStringLiteral("actionRegenerateDemo"));
    QAction *importFiles = file->addAction(tr("&Import billing files\u2026"), m_import, &ImportController::chooseFiles);
    importFiles->setObjectName(QStringLiteral("actionImportFiles"));
    importFiles->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    QAction *importFolder =
        file->addAction(tr("Import a &folder of billing files\u2026"), m_import, &ImportController::chooseFolder);
    importFolder->setObjectName(QStringLiteral("actionImportFolder"));
    importFiles->setEnabled(m_options.importService != nullptr);
    importFolder->setEnabled(m_options.importService != nullptr);
    m_workspaceActions << open << regen;
    if (m_options.importService)
        m_workspaceActions << importFiles << importFolder;
    QAction *reportAction = addReportAction(file, this, m_jobs, [this]() { return m_store.path(); }, m_options.today);
    m_workspaceActions << reportAction;
    QAction *exportTable = file->addAction(tr("&Export current table as CSV\u2026"), this, [this]() {
        QAbstractItemView *table = exportableTable(m_tabs->currentWidget());
        if (!table) {
            showInformation(this, tr("Export as CSV"), tr("This tab has no table to export."));
            return;
        }
        exportTableAsCsv(table, this);
    });
    exportTable->setObjectName(QStringLiteral("actionExportTable"));
    exportTable->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("actionQuit"));
    quit->setShortcut(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *preferences = edit->addAction(tr("&Preferences\u2026"), this, &MainWindow::showPreferences);
    preferences->setObjectName(QStringLiteral("actionPreferences"));
    preferences->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma)); // Cmd+, on macOS
    preferences->setMenuRole(QAction::PreferencesRole);                // the app menu on macOS

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *refreshAction = view->addAction(tr("&Refresh"), this, &MainWindow::refresh);
    refreshAction->setObjectName(QStringLiteral("actionRefresh"));
    refreshAction->setShortcut(QKeySequence::Refresh);

    // Budgeted sweeps: planned in their dialog; a sweep the tracking endpoint stops over its budget
    // is told here (status bar, banner, desktop notification), whichever tab is open.
    QMenu *experimentsMenu = menuBar()->addMenu(tr("E&xperiments"));
    auto openSweepDialog = [this]() {
        auto *dialog = new SweepDialog(m_store.path(),
                                       m_options.trackingService ? m_options.trackingService->uri() : QString(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    };
    QAction *planSweep = experimentsMenu->addAction(tr("Plan &budgeted sweep\u2026"), this, openSweepDialog);
    planSweep->setObjectName(QStringLiteral("actionPlanSweep"));
    if (m_experiments) {
        QAction *tabSweep = m_experiments->actionsBar()->addAction(tr("Plan sweep\u2026"), this, openSweepDialog);
        tabSweep->setObjectName(QStringLiteral("experimentsPlanSweep"));
        tabSweep->setToolTip(tr("A hyperparameter grid with its projected cost against a budget, watched while it runs"));
    }
    connect(ml::SweepEvents::instance(), &ml::SweepEvents::sweepStopped, this,
            [this](qint64 id, const QString &name, const QString &reason) {
                const QString title = tr("Sweep \u201c%1\u201d stopped over its budget").arg(name);
                statusBar()->showMessage(title);
                m_errorBanner->showMessage(Banner::Kind::Error,
                                           QString(title + u": " + reason + u" " + tr("(sweep %1)").arg(id)).toHtmlEscaped());
                if (QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages()) {
                    auto *tray = findChild<QSystemTrayIcon *>(QStringLiteral("sweepTray"));
                    if (!tray) {
                        tray = new QSystemTrayIcon(windowIcon(), this);
                        tray->setObjectName(QStringLiteral("sweepTray"));
                    }
                    tray->show();
                    tray->showMessage(title, reason, QSystemTrayIcon::Warning);
                }
            });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Costscope"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("actionAbout"));
}

void MainWindow::buildStatusBar()
{
    m_statusMessage = new QLabel(this);
    m_statusMessage->setObjectName(QStringLiteral("statusMessage"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("statusProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(false);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("statusCancel"));
    m_workspaceLabel = new QLabel(this);
    m_workspaceLabel->setObjectName(QStringLiteral("workspaceLabel"));
    statusBar()->addWidget(m_statusMessage, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    statusBar()->addPermanentWidget(m_workspaceLabel);
    m_progress->hide();
    m_cancel->hide();
    connect(m_cancel, &QPushButton::clicked, m_jobs, &JobRunner::cancel);
    connect(m_jobs, &JobRunner::started, this, &MainWindow::onJobStarted);
    connect(m_jobs, &JobRunner::progressChanged, this, &MainWindow::onJobProgress);
    connect(m_jobs, &JobRunner::finished, this, &MainWindow::onJobFinished);
}

void MainWindow::refresh()
{
    m_dashboard->reload();
    m_explorer->reload();
    m_resources->reload();
    m_saas->reload();
    m_recommendations->reload();
    m_budgets->reload();
    m_anomalies->reload();
    m_experiments->reload();
    if (m_accounts)
        m_accounts->reload();
}

void MainWindow::updateWorkspaceInfo()
{
    const QFileInfo info(m_store.path());
    const bool demo = m_store.isDemo();
    setWindowTitle(demo ? tr("%1 (demo data) \u2014 Costscope").arg(info.fileName())
                        : tr("%1 \u2014 Costscope").arg(info.fileName()));
    m_workspaceLabel->setText(info.fileName());
    m_workspaceLabel->setToolTip(m_store.path());
    if (demo) {
        m_demoBanner->showMessage(
            Banner::Kind::Info,
            tr("<b>Demo data.</b> This workspace was generated by Costscope to show what it does; these are not "
               "your bills. To see your own costs, import billing files (File \u25b8 Import billing files\u2026, or "
               "drop them on this window): Costscope then offers to replace the demo data or to start a new workspace."),
            tr("Open workspace\u2026"));
    } else {
        m_demoBanner->hide();
    }
}

void MainWindow::showError(const QString &text)
{
    m_errorBanner->showMessage(Banner::Kind::Error, text.toHtmlEscaped());
}

void MainWindow::chooseWorkspace()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open workspace"), QFileInfo(m_store.path()).absolutePath(),
                                                      tr("Costscope workspaces (*.costscope);;All files (*)"));
    if (!path.isEmpty())
        openWorkspace(path);
}

bool MainWindow::openWorkspace(const QString &path)
{
    if (m_jobs->isRunning()) {
        showError(tr("Cannot open another workspace while \u201c%1\u201d is running. Wait for it or cancel it first.")
                      .arg(m_jobs->title()));
        return false;
    }
    const QString previous = m_store.path();
    m_store.close();
    QString error;
    if (!openWorkspaceWithUpgrade(m_store, path, this, &error)) {
        QString reopenError;
        m_store.open(previous, &reopenError);
        showError(tr("Could not open the workspace %1: %2. The previous workspace is still open.").arg(path, error));
        return false;
    }
    m_errorBanner->hide();
    updateWorkspaceInfo();
    refresh();
    return true;
}

void MainWindow::confirmRegenerateDemo()
{
    const bool hasData = !store::CostQuery(m_store).dataRange().isEmpty();
    if (hasData && !m_store.isDemo()) {
        const auto answer = QMessageBox::warning(
            this, tr("Replace this workspace with demo data?"),
            tr("The workspace %1 holds your imported data. Generating the demo replaces all of it.\n\n"
               "To keep it, open another workspace first (File \u25b8 Open workspace\u2026).")
                .arg(m_store.path()),
            QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Discard)
            return;
    }
    regenerateDemo();
}

void MainWindow::regenerateDemo()
{
    startDemoGeneration();
}

void MainWindow::startDemoGeneration()
{
    const QString path = m_store.path();
    const DemoGeneratorFn generate = m_options.generateDemo;
    m_dashboard->setEmptyHint(tr("Generating the demo workspace\u2026\n\nProgress is shown in the status bar below."));
    const bool started = m_jobs->start(
        tr("Generating the demo workspace"),
        [path, generate](const ProgressFn &progress, const CancelFn &cancelled, QString *error) {
            // The worker writes through its own connection; the window keeps reading through its own.
            store::CostStore local;
            if (!local.open(path, error))
                return false;
            return generate(local, progress, cancelled, error);
        },
        this,
        [this](const JobRunner::Outcome &outcome) {
            if (outcome.ok) {
                m_errorBanner->hide();
                m_statusMessage->setText(tr("Demo workspace ready."));
            } else if (outcome.cancelled) {
                m_statusMessage->setText(tr("Demo generation cancelled."));
                m_dashboard->setEmptyHint(tr("Demo generation was cancelled, so this workspace holds no cost data.\n\n"
                                             "Choose File \u25b8 Regenerate demo workspace to try again."));
            } else {
                m_errorBanner->showMessage(
                    Banner::Kind::Error,
                    tr("<b>The demo workspace could not be generated:</b> %1. Try File \u25b8 Regenerate demo "
                       "workspace, or open another workspace with File \u25b8 Open workspace\u2026")
                        .arg(outcome.error.toHtmlEscaped()));
                m_dashboard->setEmptyHint(tr("This workspace holds no cost data."));
            }
            updateWorkspaceInfo();
            refresh();
            Q_EMIT jobFinished(outcome.ok);
        });
    if (!started)
        showError(tr("\u201c%1\u201d is still running. Wait for it or cancel it first.").arg(m_jobs->title()));
}

void MainWindow::onJobStarted(const QString &title)
{
    m_jobMessage = title + QStringLiteral("\u2026");
    m_statusMessage->setText(m_jobMessage);
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancel->setEnabled(true);
    m_cancel->show();
    for (QAction *a : std::as_const(m_workspaceActions))
        a->setEnabled(false);
}

void MainWindow::onJobProgress(double fraction, const QString &message)
{
    if (fraction < 0) {
        m_progress->setRange(0, 0);
    } else {
        m_progress->setRange(0, 1000);
        m_progress->setValue(static_cast<int>(std::clamp(fraction, 0.0, 1.0) * 1000));
    }
    if (!message.isEmpty()) {
        m_jobMessage = message;
        m_statusMessage->setText(message);
    }
}

void MainWindow::onJobFinished()
{
    // A job's last progress line ("Finding what grew") is not its result: clear it unless the
    // job's outcome has already replaced it with a summary.
    if (m_statusMessage->text() == m_jobMessage)
        m_statusMessage->clear();
    m_jobMessage.clear();
    m_progress->hide();
    m_cancel->hide();
    for (QAction *a : std::as_const(m_workspaceActions))
        a->setEnabled(true);
}

void MainWindow::onImportFinished(bool ok, const QString &summary)
{
    if (ok)
        m_errorBanner->hide();
    m_statusMessage->setText(summary);
    updateWorkspaceInfo(); // the import may have replaced the demo data
    if (store::CostQuery(m_store).dataRange().isEmpty())
        m_dashboard->setEmptyHint(tr("This workspace holds no cost data. Import billing files with File \u25b8 Import "
                                     "billing files\u2026 (the import report says what failed), or fill it with demo "
                                     "data (File \u25b8 Regenerate demo workspace)."));
    refresh();
    Q_EMIT jobFinished(ok);
}

PreferencesDialog *MainWindow::showPreferences()
{
    if (auto *open = findChild<PreferencesDialog *>()) {
        open->raise();
        open->activateWindow();
        return open;
    }
    PreferencesOptions options;
    store::CostQuery query(m_store);
    options.workspaceCurrencies = query.currencies();
    options.mainCurrency = query.mainCurrency();
    options.credentials = m_options.credentialService;
    options.chooseRatesFile = m_options.chooseRatesFile;
    options.languages = m_options.languages;
    auto *dialog = new PreferencesDialog(m_store, options, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PreferencesDialog::applied, this, [this](bool currencyOrRatesChanged) {
        // The Accounts tab keeps the schedule in the same QSettings key; show and run the new one.
        if (m_accounts)
            m_accounts->setScheduleHours(QSettings().value(QLatin1String(kSyncScheduleKey), 0).toInt());
        if (currencyOrRatesChanged)
            refresh();
        m_experiments->applyTrackingSettings(); // a running endpoint takes the new port and token
    });
    dialog->open();
    return dialog;
}

namespace {

const char kGeometryKey[] = "window/geometry";
const char kLastTabKey[] = "window/lastTab";

} // namespace

void MainWindow::restoreWindowState()
{
    QSettings settings;
    restoreGeometry(settings.value(QLatin1String(kGeometryKey)).toByteArray());
    // The screen it was saved on may be gone (a laptop off its dock): a window whose title bar
    // is on no screen comes back at the default size, centred on the primary screen.
    const QRect frame = frameGeometry();
    const QRect titleBar(frame.topLeft(), QSize(frame.width(), 40));
    bool visible = false;
    for (const QScreen *s : QGuiApplication::screens())
        visible = visible || s->availableGeometry().intersected(titleBar).width() >= 80;
    if (!visible && !isMaximized() && !isFullScreen()) {
        if (const QScreen *primary = QGuiApplication::primaryScreen()) {
            const QRect available = primary->availableGeometry();
            const QSize size = QSize(1400, 900).boundedTo(available.size() * 0.92);
            setGeometry(QStyle::alignedRect(Qt::LeftToRight, Qt::AlignCenter, size, available));
        }
    }
    const QString tab = settings.value(QLatin1String(kLastTabKey)).toString();
    for (int i = 0; i < m_tabs->count(); ++i)
        if (!tab.isEmpty() && m_tabs->widget(i)->objectName() == tab)
            m_tabs->setCurrentIndex(i);
}

void MainWindow::saveWindowState() const
{
    QSettings settings;
    settings.setValue(QLatin1String(kGeometryKey), saveGeometry());
    if (QWidget *current = m_tabs->currentWidget())
        settings.setValue(QLatin1String(kLastTabKey), current->objectName());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_options.rememberWindowState)
        saveWindowState();
    QMainWindow::closeEvent(event);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Costscope"),
                       tr("<h3>Costscope %1</h3><p>A desktop FinOps and MLOps workbench: cloud bills, resources and "
                          "ML runs in one local workspace, offline.</p><p>Workspace: %2</p>")
                           .arg(QApplication::applicationVersion(), m_store.path().toHtmlEscaped()));
}

} // namespace costscope::views
