#pragma once

#include <QString>

namespace costscope::store { class CostStore; }

namespace costscope::demo {

// The settings a demo workspace starts with, so that its Resources tab shows owners and pools and
// its Cost Explorer an allocation: pools, assignment rules and a cost allocation rule. Each kind is
// written only when the workspace has none, so regenerating the demo keeps what people edited.
bool seedDemoSettings(store::CostStore &store, QString *error);

} // namespace costscope::demo
