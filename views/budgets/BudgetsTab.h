#pragma once

#include "model/analysis/Budgets.h"
#include "views/budgets/BudgetPrompts.h"
#include "views/common/QueryRunner.h"

#include <QDate>
#include <QSet>
#include <QWidget>

#include <functional>

class QChartView;
class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSystemTrayIcon;
class QTimer;
class QTreeWidget;

namespace costscope::store { class CostStore; }

namespace costscope::views {

class Banner;

// Pools as a tree with their monthly limit, month to date, forecast and status; the selected
// pool's cumulative cost against its limit; constraint violations with their resources; alerts
// crossed this month. The evaluation runs on the query worker; edits are small writes on the
// GUI thread followed by a new evaluation. New alerts are remembered as fired (once per pool,
// threshold and month), shown in a banner and sent to the desktop. While the window is on another
// tab, the running month is checked for alerts on the worker at start, hourly and on reload()
// (after each import, sync or demo job).
class BudgetsTab : public QWidget
{
    Q_OBJECT
public:
    BudgetsTab(const QueryRunner &queries, store::CostStore &store, std::function<QDate()> today,
               BudgetPrompts prompts = {}, QWidget *parent = nullptr);
    ~BudgetsTab() override;

    // The workspace changed: evaluated again now when visible; else checked for new alerts now
    // (checkAlerts) and evaluated when next shown.
    void reload();
    // Evaluates the running month on the worker for its new alerts only (records, banner,
    // notification, alertsFired); the tab's tree is left to the next evaluation.
    void checkAlerts();
    // Evaluates now.
    void evaluate();
    const analysis::BudgetReport &report() const { return m_report; }
    QString selectedPool() const;
    void selectPool(const QString &name);

    // The editing actions (buttons), callable from tests.
    void addPool(bool asChild);
    void renameSelected();
    void removeSelected();
    void editSelectedBudget();
    void editConstraints();

Q_SIGNALS:
    // An evaluation finished and the tree, lists and chart show it.
    void evaluated();
    void failed(const QString &message);
    // New alerts were fired (by an evaluation or a background check): for the status bar.
    void alertsFired(const QString &title, const QString &message);
    // A background check (checkAlerts) finished, whether or not it found new alerts.
    void alertsChecked();

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void apply(const analysis::BudgetReport &report);
    // Fires the report's new alerts of the running month, each once per pool, threshold and month.
    // Returns whether any fired.
    bool fireNewAlerts(const analysis::BudgetReport &report);
    void fillTree();
    void fillViolations();
    void fillAlerts();
    void renderChart();
    void updateButtons();
    void notify(const QString &title, const QString &message);
    QDate selectedMonth() const;
    QDate today() const;

    const QueryRunner &m_queries;
    store::CostStore &m_store;
    std::function<QDate()> m_today;
    BudgetPrompts m_prompts;
    bool m_dirty = true;
    QString m_wantedSelection;
    analysis::BudgetReport m_report;
    QueryRunner::Generation m_generation = std::make_shared<std::atomic<int>>(0);
    QueryRunner::Generation m_checkGeneration = std::make_shared<std::atomic<int>>(0);
    QSet<QString> m_fired; // "yyyy-MM|pool|threshold" fired by this tab (a check and an evaluation may race)
    QTimer *m_hourly = nullptr;

    QComboBox *m_month = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_currencyNote = nullptr;
    Banner *m_alertBanner = nullptr;
    QTreeWidget *m_tree = nullptr;
    QChartView *m_chart = nullptr;
    QLabel *m_chartNote = nullptr;
    QTreeWidget *m_violations = nullptr;
    QListWidget *m_alerts = nullptr;
    QPushButton *m_addPool = nullptr;
    QPushButton *m_addChild = nullptr;
    QPushButton *m_rename = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_editBudget = nullptr;
    QPushButton *m_constraints = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
};

} // namespace costscope::views
