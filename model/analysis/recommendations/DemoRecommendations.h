#pragma once

#include "model/Services.h"
#include "model/demo/DemoGenerator.h"

namespace costscope::analysis {

// Generates the demo workspace and runs the recommendation engine once on it, storing its items,
// so a fresh demo shows recommendations everywhere (Resources tab, details) before anyone opens
// the Recommendations tab. Lives here, not in model/demo, because the engine depends on the model.
// Progress: the demo takes the first 90 %, the engine the rest.
bool generateDemoWithRecommendations(store::CostStore &store, const demo::DemoOptions &options,
                                     const ProgressFn &progress, const CancelFn &cancelled,
                                     demo::DemoStats *stats, QString *error);

} // namespace costscope::analysis
