#include "views/accounts/AccountsTab.h"

#include "views/accounts/AccountDialog.h"
#include "views/common/Banner.h"
#include "views/common/JobRunner.h"
#include "views/common/Logging.h"
#include "views/common/TableExport.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <memory>
#include <vector>

namespace costscope::views {

namespace {

const QString kScheduleKey = QStringLiteral("accounts/syncScheduleHours");
// While the window is open, the schedule is checked this often.
constexpr int kTimerMs = 30 * 1000;

enum Column { NameColumn, ProviderColumn, LastSyncColumn, StatusColumn, ErrorColumn, ColumnCount };

QString statusText(const QString &status)
{
    if (status == u"ok")
        return AccountsTab::tr("OK");
    if (status == u"failed")
        return AccountsTab::tr("Failed");
    if (status == u"cancelled")
        return AccountsTab::tr("Cancelled");
    return AccountsTab::tr("Never synced");
}

QString localTime(const QDateTime &utc)
{
    return QLocale().toString(utc.toLocalTime(), QLocale::ShortFormat);
}

QString reportLine(const AccountSyncReport &r)
{
    if (r.cancelled)
        return AccountsTab::tr("%1: cancelled (%2 months written)").arg(r.account).arg(r.monthsWritten);
    if (!r.ok)
        return r.account.isEmpty() ? r.error : AccountsTab::tr("%1 failed: %2").arg(r.account, r.error);
    const QLocale locale;
    QString line = AccountsTab::tr("%1: %2 months of costs (%3 to %4), %5 cost rows")
                       .arg(r.account)
                       .arg(r.monthsWritten)
                       .arg(locale.toString(r.from, QLocale::ShortFormat), locale.toString(r.to.addDays(-1), QLocale::ShortFormat),
                            locale.toString(static_cast<qlonglong>(r.rows)));
    if (r.resources >= 0)
        line += AccountsTab::tr(", %1 resources").arg(locale.toString(r.resources));
    for (const QString &w : r.warnings)
        line += AccountsTab::tr("; warning: %1").arg(w);
    return line;
}

bool defaultConfirmRemove(QWidget *parent, const QString &name)
{
    QMessageBox box(QMessageBox::Question, AccountsTab::tr("Remove the account?"),
                    AccountsTab::tr("Remove the cloud account \u201c%1\u201d?").arg(name), QMessageBox::Cancel, parent);
    box.setInformativeText(AccountsTab::tr("Its secrets are removed from the OS keychain. The costs and resources "
                                           "already synced stay in the workspace."));
    QPushButton *remove = box.addButton(AccountsTab::tr("Remove"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == remove;
}

} // namespace

AccountsTab::AccountsTab(AccountService *accounts, SyncService *sync, JobRunner *jobs, WorkspacePathFn workspacePath,
                         AccountPrompts prompts, NowFn now, QWidget *parent)
    : QWidget(parent),
      m_service(accounts),
      m_sync(sync),
      m_jobs(jobs),
      m_workspacePath(std::move(workspacePath)),
      m_prompts(std::move(prompts)),
      m_now(std::move(now))
{
    setObjectName(QStringLiteral("accountsTab"));
    if (!m_now)
        m_now = [] { return QDateTime::currentDateTimeUtc(); };
    if (!m_prompts.confirmRemove)
        m_prompts.confirmRemove = defaultConfirmRemove;
    if (!m_prompts.editAccount) {
        const AccountDialog::ChooseFileFn chooseFile = m_prompts.chooseFile;
        m_prompts.editAccount = [chooseFile](QWidget *owner, const AccountDialogSetup &setup) -> std::optional<AccountChange> {
            AccountDialog dialog(setup, chooseFile, owner);
            if (dialog.exec() != QDialog::Accepted)
                return std::nullopt;
            return dialog.change();
        };
    }
    m_forms = m_service->accountForms();

    auto *layout = new QVBoxLayout(this);
    m_message = new Banner(this);
    m_message->setObjectName(QStringLiteral("accountsMessage"));
    layout->addWidget(m_message);

    auto *buttons = new QHBoxLayout;
    auto button = [this, buttons](const QString &text, const char *name, const QString &tip) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(QString::fromLatin1(name));
        b->setToolTip(tip);
        buttons->addWidget(b);
        return b;
    };
    m_add = button(tr("Add\u2026"), "accountsAdd", tr("Connect an AWS, Azure, Google Cloud, Alibaba Cloud or Kubernetes account"));
    m_edit = button(tr("Edit\u2026"), "accountsEdit", tr("Change the settings or secrets of the selected account"));
    m_test = button(tr("Test"), "accountsTest", tr("Make one cheap authenticated call with the selected account"));
    m_syncOne = button(tr("Sync"), "accountsSync", tr("Fetch the costs and resources of the selected account"));
    m_syncAll = button(tr("Sync all"), "accountsSyncAll", tr("Fetch the costs and resources of every account"));
    m_remove = button(tr("Remove\u2026"), "accountsRemove", tr("Remove the selected account and its secrets"));
    buttons->addStretch(1);
    auto *scheduleLabel = new QLabel(tr("Scheduled sync:"), this);
    buttons->addWidget(scheduleLabel);
    m_schedule = new QComboBox(this);
    m_schedule->setObjectName(QStringLiteral("accountsSchedule"));
    m_schedule->addItem(tr("Off"), 0);
    m_schedule->addItem(tr("Every hour"), 1);
    m_schedule->addItem(tr("Every 6 hours"), 6);
    m_schedule->addItem(tr("Daily"), 24);
    m_schedule->setToolTip(tr("Syncs every account while Costscope is open; skipped while another job runs"));
    scheduleLabel->setBuddy(m_schedule);
    buttons->addWidget(m_schedule);
    m_nextLabel = new QLabel(this);
    m_nextLabel->setObjectName(QStringLiteral("accountsNextSync"));
    buttons->addWidget(m_nextLabel);
    layout->addLayout(buttons);

    m_hint = new QLabel(tr("No cloud accounts yet. <b>Add\u2026</b> connects one: Costscope then fetches its daily "
                           "costs and its resources, on demand or on a schedule. Secrets go into the OS keychain "
                           "only."),
                        this);
    m_hint->setObjectName(QStringLiteral("accountsHint"));
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("accountsTable"));
    // The table shows names, status and errors only; secrets never reach it, so neither the CSV.
    installTableExport(m_table, QStringLiteral("accounts"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Cloud"), tr("Last sync"), tr("Status"), tr("Last error")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ErrorColumn, QHeaderView::Stretch);
    layout->addWidget(m_table, 1);
    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("accountsDetails"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setTextFormat(Qt::RichText);
    layout->addWidget(m_details);

    connect(m_add, &QPushButton::clicked, this, &AccountsTab::addAccount);
    connect(m_edit, &QPushButton::clicked, this, &AccountsTab::editSelected);
    connect(m_test, &QPushButton::clicked, this, &AccountsTab::testSelected);
    connect(m_syncOne, &QPushButton::clicked, this, &AccountsTab::syncSelected);
    connect(m_syncAll, &QPushButton::clicked, this, &AccountsTab::syncAll);
    connect(m_remove, &QPushButton::clicked, this, &AccountsTab::removeSelected);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &AccountsTab::updateButtons);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, &AccountsTab::editSelected);
    connect(m_jobs, &JobRunner::started, this, &AccountsTab::updateButtons);
    connect(m_jobs, &JobRunner::finished, this, &AccountsTab::updateButtons);

    const int hours = QSettings().value(kScheduleKey, 0).toInt();
    const int index = m_schedule->findData(hours);
    m_schedule->setCurrentIndex(index >= 0 ? index : 0);
    connect(m_schedule, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(kScheduleKey, m_schedule->currentData().toInt());
        updateSchedule();
    });
    m_timer = new QTimer(this);
    m_timer->setInterval(kTimerMs);
    connect(m_timer, &QTimer::timeout, this, &AccountsTab::runScheduledSyncIfDue);
    m_timer->start();

    reload();
}

AccountsTab::~AccountsTab() = default;

QString AccountsTab::providerTitle(const QString &provider) const
{
    for (const AccountForm &f : m_forms)
        if (f.provider == provider)
            return f.title;
    return provider;
}

void AccountsTab::reload()
{
    const QString previous = selectedName();
    QString error;
    if (!m_service->listAccounts(m_workspacePath(), &m_accounts, &error)) {
        m_accounts.clear();
        showResult(false, tr("The account list cannot be read: %1").arg(error));
    }
    m_table->setRowCount(0);
    m_table->setRowCount(static_cast<int>(m_accounts.size()));
    for (int row = 0; row < m_accounts.size(); ++row) {
        const AccountInfo &a = m_accounts.at(row);
        QStringList settings;
        for (const auto &[key, value] : a.settings)
            settings << key + QStringLiteral(": ") + value;
        auto *name = new QTableWidgetItem(a.name);
        name->setToolTip(settings.join(u'\n'));
        m_table->setItem(row, NameColumn, name);
        m_table->setItem(row, ProviderColumn, new QTableWidgetItem(providerTitle(a.provider)));
        m_table->setItem(row, LastSyncColumn, new QTableWidgetItem(a.lastSyncAt.isValid() ? localTime(a.lastSyncAt) : tr("never")));
        m_table->item(row, LastSyncColumn)->setData(ExportValueRole, a.lastSyncAt.isValid() ? QVariant(a.lastSyncAt) : QVariant(QString()));
        auto *status = new QTableWidgetItem(statusText(a.status));
        if (a.status == u"failed")
            status->setForeground(QColor(0xc6, 0x28, 0x28));
        m_table->setItem(row, StatusColumn, status);
        auto *err = new QTableWidgetItem(a.lastError);
        err->setToolTip(a.lastError);
        m_table->setItem(row, ErrorColumn, err);
    }
    m_hint->setVisible(m_accounts.isEmpty());
    if (!previous.isEmpty())
        select(previous);
    if (m_table->currentRow() < 0 && !m_accounts.isEmpty())
        m_table->selectRow(0);
    updateButtons();
    updateSchedule();
}

bool AccountsTab::select(const QString &name)
{
    for (int row = 0; row < m_accounts.size(); ++row) {
        if (m_accounts.at(row).name == name) {
            m_table->selectRow(row);
            return true;
        }
    }
    return false;
}

QString AccountsTab::selectedName() const
{
    const AccountInfo *a = selectedAccount();
    return a ? a->name : QString();
}

const AccountInfo *AccountsTab::selectedAccount() const
{
    const QList<QTableWidgetItem *> items = m_table->selectedItems();
    if (items.isEmpty())
        return nullptr;
    const int row = items.first()->row();
    return row >= 0 && row < m_accounts.size() ? &m_accounts.at(row) : nullptr;
}

void AccountsTab::updateButtons()
{
    const bool busy = m_jobs->isRunning();
    const bool selected = selectedAccount() != nullptr;
    m_add->setEnabled(!busy);
    m_edit->setEnabled(!busy && selected);
    m_test->setEnabled(!busy && selected);
    m_syncOne->setEnabled(!busy && selected && m_sync);
    m_syncAll->setEnabled(!busy && !m_accounts.isEmpty() && m_sync);
    m_remove->setEnabled(!busy && selected);
    updateDetails();
}

void AccountsTab::updateDetails()
{
    const AccountInfo *a = selectedAccount();
    if (!a) {
        m_details->clear();
        return;
    }
    QString settings;
    for (const auto &[key, value] : a->settings) {
        QString label = key;
        for (const AccountForm &f : std::as_const(m_forms))
            for (const AccountField &field : f.fields)
                if (f.provider == a->provider && field.key == key)
                    label = field.label;
        settings += (settings.isEmpty() ? QString() : QStringLiteral(" \u00b7 ")) + label.toHtmlEscaped() +
                    QStringLiteral(": ") + value.toHtmlEscaped();
    }
    QString text = tr("<b>%1</b> (%2)").arg(a->name.toHtmlEscaped(), providerTitle(a->provider).toHtmlEscaped());
    if (!settings.isEmpty())
        text += QStringLiteral(" \u2014 ") + settings;
    text += QStringLiteral("<br>") + tr("Secrets: in the OS keychain.");
    if (!a->lastError.isEmpty())
        text += QStringLiteral("<br>") + tr("<b>Last error:</b> %1").arg(a->lastError.toHtmlEscaped());
    m_details->setText(text);
}

void AccountsTab::showResult(bool ok, const QString &message)
{
    m_message->showMessage(ok ? Banner::Kind::Info : Banner::Kind::Error, message.toHtmlEscaped());
    Q_EMIT statusMessage(message);
    Q_EMIT actionFinished(ok, message);
}

bool AccountsTab::refuseWhileBusy()
{
    if (!m_jobs->isRunning())
        return false;
    showResult(false, tr("\u201c%1\u201d is still running. Wait for it or cancel it first.").arg(m_jobs->title()));
    return true;
}

void AccountsTab::addAccount()
{
    if (refuseWhileBusy())
        return;
    AccountDialogSetup setup;
    setup.forms = m_forms;
    openDialog(setup);
}

void AccountsTab::editSelected()
{
    const AccountInfo *a = selectedAccount();
    if (!a || refuseWhileBusy())
        return;
    AccountDialogSetup setup;
    setup.forms = m_forms;
    setup.existing = *a;
    openDialog(setup);
}

void AccountsTab::openDialog(AccountDialogSetup setup)
{
    AccountService *service = m_service;
    const QString workspace = m_workspacePath();
    setup.validate = [service, workspace](const AccountChange &change) {
        return service->validateAccount(workspace, change);
    };
    std::optional<AccountChange> change = m_prompts.editAccount(this, setup);
    if (!change)
        return;
    save(*change, setup);
}

void AccountsTab::save(const AccountChange &change, const AccountDialogSetup &setup)
{
    AccountService *service = m_service;
    const QString workspace = m_workspacePath();
    const bool isNew = change.originalName.isEmpty();
    auto result = std::make_shared<QString>();
    const bool started = m_jobs->start(
        isNew ? tr("Adding the account %1").arg(change.name) : tr("Saving the account %1").arg(change.name),
        [service, workspace, change, result](const ProgressFn &progress, const CancelFn &, QString *) {
            progress(-1, tr("Storing the secrets in the OS keychain…"));
            *result = service->saveAccount(workspace, change);
            return true; // the result is shown by the dialog, not as a failed job
        },
        this,
        [this, change, setup, result, isNew](const JobRunner::Outcome &) {
            reload();
            if (result->isEmpty()) {
                select(change.name);
                showResult(true, isNew ? tr("Added the account \u201c%1\u201d; its secrets are in the OS keychain. Test it "
                                            "or sync it now.")
                                             .arg(change.name)
                                       : tr("Saved the account \u201c%1\u201d.").arg(change.name));
                return;
            }
            showResult(false, tr("The account \u201c%1\u201d was not saved: %2").arg(change.name, *result));
            // Show the dialog again with what was entered and why it failed.
            AccountDialogSetup again = setup;
            again.previous = change;
            again.error = *result;
            openDialog(again);
        });
    if (!started)
        refuseWhileBusy();
}

void AccountsTab::testSelected()
{
    const QString name = selectedName();
    if (name.isEmpty() || refuseWhileBusy())
        return;
    AccountService *service = m_service;
    const QString workspace = m_workspacePath();
    auto result = std::make_shared<QString>();
    m_jobs->start(
        tr("Testing the account %1").arg(name),
        [service, workspace, name, result](const ProgressFn &progress, const CancelFn &cancelled, QString *) {
            progress(-1, tr("Testing the account %1…").arg(name));
            *result = service->testAccount(workspace, name, cancelled);
            return true;
        },
        this,
        [this, name, result](const JobRunner::Outcome &outcome) {
            if (outcome.cancelled)
                showResult(false, tr("The test of \u201c%1\u201d was cancelled.").arg(name));
            else if (result->isEmpty())
                showResult(true, tr("The account \u201c%1\u201d works: the cloud accepted its credentials.").arg(name));
            else
                showResult(false, tr("Testing \u201c%1\u201d failed: %2").arg(name, *result));
        });
}

void AccountsTab::syncSelected()
{
    const QString name = selectedName();
    if (!name.isEmpty() && !refuseWhileBusy())
        startSync({name}, false);
}

void AccountsTab::syncAll()
{
    if (!refuseWhileBusy())
        startSync({}, false);
}

void AccountsTab::startSync(const QStringList &names, bool scheduled)
{
    if (!m_sync)
        return;
    SyncService *sync = m_sync;
    const QString workspace = m_workspacePath();
    auto reports = std::make_shared<std::vector<AccountSyncReport>>();
    const QString title = scheduled ? tr("Scheduled sync of every account")
                          : names.isEmpty() ? tr("Syncing every account")
                                            : tr("Syncing the account %1").arg(names.first());
    const bool started = m_jobs->start(
        title,
        [sync, workspace, names, reports](const ProgressFn &progress, const CancelFn &cancelled, QString *) {
            *reports = sync->syncAccounts(workspace, names, {}, {}, progress, cancelled);
            return true;
        },
        this,
        [this, reports, scheduled](const JobRunner::Outcome &) {
            QStringList lines;
            bool ok = true;
            for (const AccountSyncReport &r : *reports) {
                lines << reportLine(r);
                ok = ok && r.ok;
            }
            QString summary;
            if (reports->empty())
                summary = tr("There is no account to sync. Add one first.");
            else
                summary = (scheduled ? tr("Scheduled sync: %1") : tr("Sync: %1")).arg(lines.join(QStringLiteral("; ")));
            reload();
            showResult(ok && !reports->empty(), summary);
            Q_EMIT synced(summary);
        });
    if (!started)
        refuseWhileBusy();
}

void AccountsTab::removeSelected()
{
    const QString name = selectedName();
    if (name.isEmpty() || refuseWhileBusy())
        return;
    if (!m_prompts.confirmRemove(this, name))
        return;
    AccountService *service = m_service;
    const QString workspace = m_workspacePath();
    auto result = std::make_shared<QString>();
    m_jobs->start(
        tr("Removing the account %1").arg(name),
        [service, workspace, name, result](const ProgressFn &progress, const CancelFn &, QString *) {
            progress(-1, tr("Removing the secrets of %1 from the OS keychain…").arg(name));
            *result = service->removeAccount(workspace, name);
            return true;
        },
        this,
        [this, name, result](const JobRunner::Outcome &) {
            reload();
            if (result->isEmpty())
                showResult(true, tr("Removed the account \u201c%1\u201d and its secrets in the OS keychain. Its synced "
                                    "costs stay in the workspace.")
                                     .arg(name));
            else
                showResult(false, tr("The account \u201c%1\u201d was not removed: %2").arg(name, *result));
        });
}

int AccountsTab::scheduleHours() const
{
    return m_schedule->currentData().toInt();
}

void AccountsTab::setScheduleHours(int hours)
{
    const int index = m_schedule->findData(hours);
    if (index >= 0)
        m_schedule->setCurrentIndex(index);
}

void AccountsTab::updateSchedule()
{
    const int hours = scheduleHours();
    if (hours <= 0 || !m_sync) {
        m_next = {};
        m_nextLabel->clear();
        return;
    }
    if (m_accounts.isEmpty()) {
        m_next = {};
        m_nextLabel->setText(tr("no account to sync"));
        return;
    }
    // The next run is an interval after the latest sync of any account (also from the command
    // line); an overdue one runs at the next check.
    QDateTime latest;
    for (const AccountInfo &a : std::as_const(m_accounts))
        if (a.lastSyncAt.isValid() && (!latest.isValid() || a.lastSyncAt > latest))
            latest = a.lastSyncAt;
    const QDateTime now = m_now();
    m_next = latest.isValid() ? latest.addSecs(qint64(hours) * 3600) : now;
    if (m_next < now)
        m_next = now;
    m_nextLabel->setText(m_next <= now ? tr("next: now") : tr("next: %1").arg(localTime(m_next)));
    m_nextLabel->setToolTip(tr("Runs while Costscope is open; skipped while another job runs"));
}

bool AccountsTab::runScheduledSyncIfDue()
{
    if (!m_next.isValid() || m_now() < m_next)
        return false;
    if (m_jobs->isRunning()) {
        // Skipped while another job runs (an import, a test, a sync); checked again at the next tick.
        m_nextLabel->setText(tr("next: when \u201c%1\u201d has finished").arg(m_jobs->title()));
        return false;
    }
    qCInfo(lcViews) << "scheduled sync of" << m_accounts.size() << "accounts";
    startSync({}, true);
    return true;
}

} // namespace costscope::views
