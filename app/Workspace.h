#pragma once

#include <QString>
#include <QStringList>

namespace costscope::app {

// The workspace opened when none is named: <app data>/workspace.costscope.
QString defaultWorkspacePath();

// Removes from `args` (the arguments without the program name) the files to open in the window
// and returns them: what a file manager passes when the user opens a bill with Costscope. They are
// taken only when the first positional argument is an existing path-like argument (with a dot or
// a path separator), since verbs never are; `costscope import x.csv` stays a verb.
QStringList takeFilesToOpen(QStringList *args);

} // namespace costscope::app
