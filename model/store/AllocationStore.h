#pragma once

#include "model/analysis/Allocation.h"
#include "model/store/CostStore.h"

#include <QDate>
#include <QString>

#include <vector>

namespace costscope::store {

// The workspace's cost allocation rules (schema 12) and the daily cost cells they act on.
// The rules are settings: a demo regeneration keeps them.
class AllocationStore
{
public:
    explicit AllocationStore(CostStore &store) : m_store(store) {}

    analysis::AllocationSettings settings() const;
    // Replaces the team tag key and every rule in one transaction; refused (nothing written, *error
    // says why) when analysis::validateSettings() finds a problem.
    bool setSettings(const analysis::AllocationSettings &settings, QString *error);

    // Cost of [from, to) in one currency (empty: the main currency) per day, value of the team tag,
    // service, sub-account and whether it is Kubernetes idle capacity, from the resource rollup.
    std::vector<analysis::AllocationCell> cells(const QDate &from, const QDate &to, const QString &teamTagKey,
                                                const QString &currency, Measure measure = Measure::Billed,
                                                QString *error = nullptr) const;

    // Reads the rules and cells and allocates; the error names what failed. displayCurrency empty:
    // the main currency's cost only, as before. Else every currency's cells, each converted to
    // displayCurrency with the rate of its day's month (CurrencyRates::rateForMonth, as
    // CostQuerySpec::displayCurrency) BEFORE the rules split them, so that a usage split weighs
    // every team's whole cost; cells with no rate are left out and named in
    // AllocationResult::unconverted.
    analysis::AllocationResult allocate(const QDate &from, const QDate &to, Granularity granularity,
                                        Measure measure = Measure::Billed, const QString &displayCurrency = {}) const;

private:
    CostStore &m_store;
};

} // namespace costscope::store
