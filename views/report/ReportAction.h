#pragma once

#include <QDate>
#include <QString>

#include <functional>

class QAction;
class QMenu;
class QWidget;

namespace costscope::views {

class JobRunner;

// File > Report…: asks for a month and a PDF file, then builds and writes the monthly report
// on a worker through `jobs` (its own connection to the workspace), with progress.
QAction *addReportAction(QMenu *menu, QWidget *parent, JobRunner *jobs, std::function<QString()> workspacePath,
                         std::function<QDate()> today);

} // namespace costscope::views
