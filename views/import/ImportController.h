#pragma once

#include "model/Services.h"
#include "views/import/ImportPrompts.h"
#include "views/import/ImportReportDialog.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <vector>

class QWidget;

namespace costscope::store { class CostStore; }

namespace costscope::views {

class JobRunner;

// Imports billing files into the window's workspace: File > Import, drag-and-drop of files and
// folders onto the window, the demo-workspace question, the job on a worker (progress and
// Cancel in the status bar through the JobRunner) and the report dialog at the end.
class ImportController : public QObject
{
    Q_OBJECT
public:
    // Opens (creating when missing) another workspace in the window; false when it failed.
    using OpenWorkspaceFn = std::function<bool(const QString &path)>;

    // service may be null (then importing says it is not available). window receives drops.
    ImportController(store::CostStore &store, JobRunner *jobs, ImportService *service, ImportPrompts prompts,
                     OpenWorkspaceFn openWorkspace, QWidget *window);
    ~ImportController() override;

    // Asks for files (or a folder) and imports them.
    void chooseFiles();
    void chooseFolder();
    // Imports files and folders into the open workspace; asks first when it holds demo data.
    // Returns true when the import started.
    bool importPaths(const QStringList &paths);

    // The report of the last import (null before the first one).
    ImportReportDialog *reportDialog() const { return m_report; }

    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    // An import finished (also when cancelled or when files failed); the tabs should reload.
    void finished(bool ok, const QString &summary);
    // Something the user should read in the error banner.
    void failed(const QString &message);

private:
    void onFinished(bool cancelled, const QString &jobError, const std::vector<ImportFileReport> &reports,
                    const QString &workspacePath);
    QString suggestedWorkspacePath() const;

    store::CostStore &m_store;
    JobRunner *m_jobs = nullptr;
    ImportService *m_service = nullptr;
    ImportPrompts m_prompts;
    OpenWorkspaceFn m_openWorkspace;
    QWidget *m_window = nullptr;
    QPointer<ImportReportDialog> m_report;
};

} // namespace costscope::views
