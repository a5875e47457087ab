#pragma once

#include "model/analysis/recommendations/RecommendationEngine.h"

#include <QDate>
#include <QHash>
#include <QWidget>

#include <functional>

class QCheckBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace costscope::store { class CostStore; }

namespace costscope::views {

class JobRunner;

// Recommendations: every module with its count and monthly saving, the items of the selected
// module with how each saving was computed, the module's options, dismiss / restore, and the
// archive of items that disappeared. The modules run on a worker (JobRunner) with progress.
class RecommendationsTab : public QWidget
{
    Q_OBJECT
public:
    // store: the window's connection, used on the GUI thread for the small writes (options,
    // dismissals); the engine runs on a worker with its own connection to workspacePath().
    RecommendationsTab(store::CostStore &store, JobRunner *jobs, std::function<QString()> workspacePath,
                       QWidget *parent = nullptr);

    // Runs the modules again (now when visible, else when shown).
    void reload();
    const analysis::RecommendationRun &result() const { return m_run; }

Q_SIGNALS:
    void failed(const QString &message);
    // The modules ran and the tab shows their result.
    void updated();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void runModules();
    void applyRun(const analysis::RecommendationRun &run);
    void fillModules();
    void showModule();
    void showItem();
    void setSelectedDismissed(bool dismissed);
    void applyOptions();
    void resetOptions();
    void fillArchive();
    void updateSummary();
    const analysis::ModuleResult *currentModule() const;
    analysis::ModuleResult *currentModuleMutable();

    store::CostStore &m_store;
    JobRunner *m_jobs = nullptr;
    std::function<QString()> m_workspacePath;
    analysis::RecommendationRun m_run;
    bool m_dirty = true;
    bool m_pending = false;

    QLabel *m_summary = nullptr;
    QLabel *m_currencyNote = nullptr; // savings with no rate to the run's currency
    QPushButton *m_refresh = nullptr;
    QCheckBox *m_showDismissed = nullptr;
    QTabWidget *m_pages = nullptr;
    QTableWidget *m_modules = nullptr;
    QLabel *m_moduleDescription = nullptr;
    QTableWidget *m_items = nullptr;
    QLabel *m_details = nullptr;
    QPushButton *m_dismiss = nullptr;
    QPushButton *m_restore = nullptr;
    QFormLayout *m_optionsForm = nullptr;
    QWidget *m_optionsBox = nullptr;
    QHash<QString, QLineEdit *> m_optionEdits;
    QPushButton *m_applyOptions = nullptr;
    QPushButton *m_resetOptions = nullptr;
    QTableWidget *m_archive = nullptr;
};

} // namespace costscope::views
