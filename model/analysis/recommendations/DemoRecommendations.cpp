#include "DemoRecommendations.h"

#include "RecommendationEngine.h"

#include <QDateTime>

namespace costscope::analysis {

bool generateDemoWithRecommendations(store::CostStore &store, const demo::DemoOptions &options,
                                     const ProgressFn &progress, const CancelFn &cancelled,
                                     demo::DemoStats *stats, QString *error)
{
    const ProgressFn demoProgress = [&progress](double fraction, const QString &message) {
        if (progress)
            progress(fraction * 0.9, message);
    };
    if (!demo::generateDemo(store, options, progress ? demoProgress : ProgressFn{}, cancelled, stats, error))
        return false;
    const ProgressFn engineProgress = [&progress](double fraction, const QString &message) {
        if (progress)
            progress(0.9 + fraction * 0.1, message);
    };
    RecommendationRun run;
    return RecommendationEngine::run(store, &run, progress ? engineProgress : ProgressFn{}, cancelled, true,
                                     QDateTime::currentSecsSinceEpoch(), error);
}

} // namespace costscope::analysis
