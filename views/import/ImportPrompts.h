#pragma once

#include <QString>
#include <QStringList>

#include <functional>

class QWidget;

namespace costscope::views {

// What to do when billing files are imported into a workspace that holds generated demo data.
enum class DemoImportChoice {
    ReplaceDemo,  // remove the demo data, clear the demo mark, import into this workspace
    NewWorkspace, // create a new workspace for the bills and import there; the demo stays as it is
    Cancel,
};

// The questions an import asks the user. Each empty function means the real dialog; tests
// pre-set the answers (an empty list or path means the user cancelled).
struct ImportPrompts
{
    std::function<QStringList(QWidget *parent)> chooseFiles;
    std::function<QString(QWidget *parent)> chooseFolder;
    std::function<DemoImportChoice(QWidget *parent)> askAboutDemo;
    // suggested: a path for the new workspace that does not exist yet.
    std::function<QString(QWidget *parent, const QString &suggested)> chooseNewWorkspace;
};

} // namespace costscope::views
