#pragma once

#include "model/Services.h"
#include "model/analysis/recommendations/RecommendationModule.h"
#include "model/store/CostQuery.h"

#include <memory>
#include <vector>

namespace costscope { class CurrencyRates; }
namespace costscope::store { class CostStore; }

namespace costscope::analysis {

struct ModuleResult
{
    QString id;
    QString title;
    QString description;
    std::vector<OptionSpec> optionSpecs;
    ModuleOptions options;
    std::vector<RecommendationItem> items; // largest saving first; dismissed ones included
    QStringList notes;                     // missing data, resources that could not be priced
    bool risk = false;                     // a security rule: items are risks, savings are 0
    Money saving;                          // of the items not dismissed
    int activeCount = 0;
    int dismissedCount = 0;
};

struct RecommendationRun
{
    QString currency;         // of the totals and of every converted saving
    QString computedCurrency; // the main currency, when the run was converted to another; else empty
    QString conversionError;  // why the run stayed in the main currency (for the window's note)
    // Savings (not dismissed) with no rate from their computed currency to `currency` for the
    // month of endDay: the items keep their own currency and are in no total (a catalog's USD
    // prices on a workspace with no USD rate). One entry per currency, the month in months.
    std::vector<store::UnconvertedAmount> unconverted;
    int32_t endDay = -1;
    std::vector<ModuleResult> modules;
    Money totalSaving; // not dismissed, every module
    std::vector<store::RecommendationRecord> archived; // what this run moved to the archive
};

// Runs every module over a workspace. Thread-agnostic: give it a CostStore opened on the calling
// thread (a worker opens its own on the same file).
class RecommendationEngine
{
public:
    // Every module, in the order of value (abandoned instances first).
    static const std::vector<std::unique_ptr<RecommendationModule>> &modules();
    static const RecommendationModule *module(const QString &id);

    // Loads the input, runs the modules with their stored options, marks dismissed items and,
    // when persist is set, stores the items and archives the ones that disappeared since the
    // last run (applied, resource deleted, options changed). nowWall stamps the archive rows.
    static bool run(store::CostStore &store, RecommendationRun *out, const ProgressFn &progress,
                    const CancelFn &cancelled, bool persist, int64_t nowWall, QString *error);

    // Loads what the modules read (exposed for tests and the benchmark).
    static RecommendationInput loadInput(store::CostStore &store);
};

// Shows a run's savings in `currency` (empty: the main currency the cost-based modules priced
// in): each item's computed saving times the rate from its computed currency (the main one, or
// the catalog's USD) to `currency` for the month of the run's last cost day
// (CurrencyRates::rateForMonth), never through a third currency. An item with no rate (or whose
// result does not fit) keeps its computed saving and currency and is listed in run->unconverted,
// outside every total. The archive keeps its own currency. False, with the run unchanged and
// *error naming the missing rate, when there is no rate from the main currency to `currency`.
// RecommendationEngine::run already calls it with the main currency.
bool convertRecommendationRun(RecommendationRun *run, const QString &currency, const CurrencyRates &rates,
                              QString *error);

// Adds up again after items changed (dismissed or restored): each module's count and saving of
// the items in run->currency, the run's total, and run->unconverted for the others.
void sumRecommendationRun(RecommendationRun *run);

// Archive reasons as stored (the window translates them).
inline const QString kReasonApplied = QStringLiteral("applied");
inline const QString kReasonDeleted = QStringLiteral("resource deleted");
inline const QString kReasonOptions = QStringLiteral("options changed");

} // namespace costscope::analysis
