#pragma once

#include "model/Services.h"
#include "views/budgets/BudgetPrompts.h"
#include "views/accounts/AccountPrompts.h"
#include "views/import/ImportPrompts.h"

#include <QDate>
#include <QDateTime>
#include <QMainWindow>

#include <functional>
#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QCloseEvent;

namespace costscope::store { class CostStore; }

namespace costscope::views {

class AccountsTab;
class AnomaliesTab;
class Banner;
class BudgetsTab;
class DashboardTab;
class PreferencesDialog;
class ExperimentsTab;
class ExplorerTab;
class ImportController;
class JobRunner;
class QueryRunner;
class RecommendationsTab;
class ResourcesTab;
class SaasTab;

// Writes the demo into a store (its own connection, on a worker); false with *error on failure.
using DemoGeneratorFn =
    std::function<bool(store::CostStore &store, const ProgressFn &progress, const CancelFn &cancelled, QString *error)>;

struct MainWindowOptions
{
    // The workspace file did not exist before this start and is the default one: when it
    // holds no cost data, the window generates the demo into it.
    bool firstStart = false;
    // Seams for tests; empty means demo::generateDemo with its defaults and the real date.
    DemoGeneratorFn generateDemo;
    std::function<QDate()> today;
    // Imports billing files (File > Import, drag-and-drop); null disables importing. Not owned.
    ImportService *importService = nullptr;
    // Seams for the import's file pickers and questions; empty means the real dialogs.
    ImportPrompts importPrompts;
    // Seams for the Budgets tab's dialogs and desktop notification; empty means the real ones.
    BudgetPrompts budgetPrompts;
    // Cloud accounts (the Accounts tab; null hides it) and their sync; not owned.
    AccountService *accountService = nullptr;
    SyncService *syncService = nullptr;
    // Seams for the Accounts tab's dialogs, and its clock (UTC; empty means the real one).
    AccountPrompts accountPrompts;
    std::function<QDateTime()> now;
    // The keychain, for the tracking endpoint's token in Preferences (null: no token). Not owned.
    CredentialService *credentialService = nullptr;
    // Restore the saved geometry and last tab, and save them on close (the app; tests opt in).
    bool rememberWindowState = false;
    // Seam for the Preferences' rate CSV picker; empty means the real file dialog.
    std::function<QString()> chooseRatesFile;
    // Languages for Preferences (code, name; app/Translations' list); empty: system, English, Chinese.
    QList<QPair<QString, QString>> languages;
    // The local MLflow tracking endpoint (the Experiments tab's toggle; null disables it). Not owned.
    TrackingService *trackingService = nullptr;
};

// The main window: tabs over one workspace, a status bar with job progress and Cancel, and
// banners for demo data and errors.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(store::CostStore &store, MainWindowOptions options = {}, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Reloads every tab from the store.
    void refresh();
    // Closes the current workspace and opens another; on failure keeps the current one.
    bool openWorkspace(const QString &path);
    // Replaces the workspace's content with the demo, on a worker.
    void regenerateDemo();
    // Edit > Preferences: opens the dialog (window-modal, not a nested event loop), or raises it.
    PreferencesDialog *showPreferences();

    JobRunner *jobs() const { return m_jobs; }
    DashboardTab *dashboard() const { return m_dashboard; }
    ExplorerTab *explorer() const { return m_explorer; }
    AnomaliesTab *anomalies() const { return m_anomalies; }
    ResourcesTab *resources() const { return m_resources; }
    SaasTab *saas() const { return m_saas; }
    RecommendationsTab *recommendations() const { return m_recommendations; }
    BudgetsTab *budgets() const { return m_budgets; }
    ImportController *importer() const { return m_import; }
    AccountsTab *accounts() const { return m_accounts; }
    ExperimentsTab *experiments() const { return m_experiments; }

Q_SIGNALS:
    // A background job (demo generation, import) finished, successfully or not.
    void jobFinished(bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void restoreWindowState();
    void saveWindowState() const;
    void buildMenus();
    void buildStatusBar();
    void chooseWorkspace();
    void confirmRegenerateDemo();
    void showAbout();
    void startDemoGeneration();
    void updateWorkspaceInfo();
    void showError(const QString &text);
    void onJobProgress(double fraction, const QString &message);
    void onJobStarted(const QString &title);
    void onJobFinished();
    void onImportFinished(bool ok, const QString &summary);

    store::CostStore &m_store;
    MainWindowOptions m_options;
    std::unique_ptr<QueryRunner> m_queries;
    JobRunner *m_jobs = nullptr;
    QTabWidget *m_tabs = nullptr;
    Banner *m_demoBanner = nullptr;
    Banner *m_errorBanner = nullptr;
    DashboardTab *m_dashboard = nullptr;
    ExplorerTab *m_explorer = nullptr;
    AnomaliesTab *m_anomalies = nullptr;
    ResourcesTab *m_resources = nullptr;
    SaasTab *m_saas = nullptr;
    RecommendationsTab *m_recommendations = nullptr;
    BudgetsTab *m_budgets = nullptr;
    ImportController *m_import = nullptr;
    AccountsTab *m_accounts = nullptr;
    ExperimentsTab *m_experiments = nullptr;
    QLabel *m_statusMessage = nullptr;
    QString m_jobMessage; // the running job's last progress line in the status bar
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_workspaceLabel = nullptr;
    QList<QAction *> m_workspaceActions;
};

} // namespace costscope::views
