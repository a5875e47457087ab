#pragma once

#include <QString>

namespace costscope::app {

// The workspace opened when none is named: <app data>/workspace.costscope.
QString defaultWorkspacePath();

} // namespace costscope::app
