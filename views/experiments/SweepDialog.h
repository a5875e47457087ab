#pragma once

// Plans a budgeted hyperparameter sweep: the grid, the instance type (from the catalog, with its
// hourly price), the expected minutes per run and the budget; shows the number of runs and the
// projected cost against the budget as they are typed (red when over), saves the sweep, copies the
// runs' commands or saves them as a shell script, and lists the saved sweeps with their status,
// spend so far, projection and the reason a sweep was stopped.

#include "model/ml/Sweep.h"

#include <QDialog>

#include <functional>
#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace costscope::views {

class SweepDialog : public QDialog
{
    Q_OBJECT
public:
    // workspacePath: the workspace to read experiments and save sweeps in (opened by the dialog);
    // trackingUri: what the runs get as MLFLOW_TRACKING_URI (empty: http://127.0.0.1:5000).
    SweepDialog(QString workspacePath, QString trackingUri, QWidget *parent = nullptr);
    ~SweepDialog() override;

    // The plan as the fields stand, with the reason it cannot be saved (empty when it can).
    ml::SweepPlan plan(QString *problem) const;
    // Seam for "Save script": the file to write (empty: cancelled); default a file dialog.
    void setScriptFileChooser(std::function<QString()> choose) { m_chooseScript = std::move(choose); }
    // Reloads the saved sweeps and their spend.
    void refreshSweeps();

private:
    void updateSummary();
    void save();
    void copyCommands();
    void saveScript();
    QString uri() const;

    QString m_workspace;
    QString m_trackingUri;
    std::function<QString()> m_chooseScript;
    QComboBox *m_experiment = nullptr;
    QLineEdit *m_name = nullptr;
    QPlainTextEdit *m_grid = nullptr;
    QComboBox *m_instance = nullptr;
    QDoubleSpinBox *m_minutes = nullptr;
    QLineEdit *m_budget = nullptr;
    QLineEdit *m_command = nullptr;
    QLabel *m_runs = nullptr;
    QLabel *m_values = nullptr;
    QLabel *m_perRun = nullptr;
    QLabel *m_projected = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_script = nullptr;
    QTreeWidget *m_sweeps = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace costscope::views
