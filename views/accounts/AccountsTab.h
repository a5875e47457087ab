#pragma once

#include "model/Services.h"
#include "views/accounts/AccountPrompts.h"

#include <QDateTime>
#include <QList>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;
class QTimer;

namespace costscope::views {

class Banner;
class JobRunner;

// The Accounts tab: the connected cloud accounts of the workspace (name, cloud, last sync,
// status, last error) with Add, Edit, Test, Sync, Sync all and Remove, and the sync schedule
// (off, hourly, every 6 hours, daily; kept in QSettings, run by a timer while the window is open).
// Saving, testing, syncing and removing run on the window's JobRunner (status bar progress and
// Cancel). Object names: accountsTable, accountsAdd, accountsEdit, accountsTest, accountsSync,
// accountsSyncAll, accountsRemove, accountsMessage, accountsHint, accountsSchedule,
// accountsNextSync, accountsDetails (the selected account's settings and whole last error).
class AccountsTab : public QWidget
{
    Q_OBJECT
public:
    using WorkspacePathFn = std::function<QString()>;
    using NowFn = std::function<QDateTime()>;

    // accounts and sync are not owned and must outlive the tab; now is the clock (UTC).
    AccountsTab(AccountService *accounts, SyncService *sync, JobRunner *jobs, WorkspacePathFn workspacePath,
                AccountPrompts prompts, NowFn now = {}, QWidget *parent = nullptr);
    ~AccountsTab() override;

    // Reads the account list again.
    void reload();
    const QList<AccountInfo> &accounts() const { return m_accounts; }

    void addAccount();
    void editSelected();
    void testSelected();
    void syncSelected();
    void syncAll();
    void removeSelected();
    // Selects the row of the account; false when there is none.
    bool select(const QString &name);

    // Schedule: hours between syncs (0 = off); saved in QSettings.
    int scheduleHours() const;
    void setScheduleHours(int hours);
    // When the scheduled sync runs next (invalid when off or there is no account).
    QDateTime nextScheduledSync() const { return m_next; }
    // Called by the timer: syncs every account when due; skipped while another job runs (then
    // tried again at the next tick). Returns true when a sync was started.
    bool runScheduledSyncIfDue();

Q_SIGNALS:
    // A sync wrote data (or tried to): the other tabs should reload. summary is one line.
    void synced(const QString &summary);
    // A line for the status bar.
    void statusMessage(const QString &text);
    // A test, save, removal or sync finished (ok = it did what was asked).
    void actionFinished(bool ok, const QString &message);

private:
    void openDialog(AccountDialogSetup setup);
    void save(const AccountChange &change, const AccountDialogSetup &setup);
    void startSync(const QStringList &names, bool scheduled);
    void showResult(bool ok, const QString &message);
    QString selectedName() const;
    const AccountInfo *selectedAccount() const;
    void updateButtons();
    void updateSchedule();
    void updateDetails();
    QString providerTitle(const QString &provider) const;
    bool refuseWhileBusy();

    AccountService *m_service = nullptr;
    SyncService *m_sync = nullptr;
    JobRunner *m_jobs = nullptr;
    WorkspacePathFn m_workspacePath;
    AccountPrompts m_prompts;
    NowFn m_now;
    QList<AccountForm> m_forms;
    QList<AccountInfo> m_accounts;
    QDateTime m_next;

    Banner *m_message = nullptr;
    QLabel *m_hint = nullptr;
    QTableWidget *m_table = nullptr;
    QLabel *m_details = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_test = nullptr;
    QPushButton *m_syncOne = nullptr;
    QPushButton *m_syncAll = nullptr;
    QPushButton *m_remove = nullptr;
    QComboBox *m_schedule = nullptr;
    QLabel *m_nextLabel = nullptr;
    QTimer *m_timer = nullptr;
};

} // namespace costscope::views
