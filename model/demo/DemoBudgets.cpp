#include "model/demo/DemoBudgets.h"

#include "model/Money.h"
#include "model/analysis/Budgets.h"
#include "model/store/BudgetSettings.h"
#include "model/store/CostStore.h"

#include <QDateTime>

#include <algorithm>

namespace costscope::demo {

namespace {

using analysis::ScopeDimension;
using analysis::ScopeTerm;

struct DemoPool
{
    const char *name;
    const char *parent;
    std::vector<ScopeTerm> scope;
    const char *thresholds;
};

QString s(const char *text) { return QString::fromUtf8(text); }

ScopeTerm tag(const char *key, const char *value) { return ScopeTerm{ScopeDimension::Tag, s(key), s(value)}; }

// Rounds nanos to a multiple of `step` whole units, down or up.
int64_t roundTo(int64_t nanos, int64_t step, bool up)
{
    const int64_t unit = step * Money::kScale;
    const int64_t down = nanos / unit * unit;
    return up && down < nanos ? down + unit : down;
}

int64_t stepFor(int64_t nanos) { return nanos >= 100'000 * Money::kScale ? 1000 : nanos >= 10'000 * Money::kScale ? 100 : 10; }

} // namespace

bool seedDemoBudgets(store::CostStore &store, const QDate &endDate, QString *error)
{
    store::BudgetSettings settings(store);
    // Budgets people set are kept; pools the demo settings made are used as they are.
    const std::vector<analysis::BudgetPool> existing = settings.pools();
    for (const analysis::BudgetPool &p : existing)
        if (p.monthlyLimit > 0 || !p.scope.empty() || !p.thresholds.empty())
            return true;
    if (!settings.constraints().empty())
        return true;
    const std::vector<DemoPool> pools = {
        {"Acme Corp", "", {{ScopeDimension::Provider, {}, s("AWS")}, {ScopeDimension::Provider, {}, s("Azure")},
                           {ScopeDimension::Provider, {}, s("GCP")}, {ScopeDimension::Provider, {}, s("Alibaba Cloud")},
                           {ScopeDimension::Provider, {}, s("Kubernetes")}}, "actual 80%, forecast 100%"},
        // Business units hold no scope of their own: their teams roll up into them.
        {"Digital", "Acme Corp", {}, "forecast 100%"},
        {"Data & ML", "Acme Corp", {}, "forecast 100%"},
        {"Web", "Digital", {tag("team", "web")}, "actual 80%, actual 100%"},
        {"Payments", "Digital", {tag("team", "payments")}, "forecast 100%"},
        {"Checkout", "Payments", {{ScopeDimension::Account, {}, s("payments")}, {ScopeDimension::Service, {}, s("Kubernetes CPU")}},
         "forecast 100%"},
        {"E-commerce", "Digital", {tag("team", "ecommerce")}, "forecast 100%"},
        {"Data", "Data & ML", {tag("team", "data")}, "forecast 100%"},
        {"ML", "Data & ML", {tag("team", "ml")}, "actual 90%"},
        {"ML Sandbox", "ML", {}, "actual 90%"},
        {"Platform", "Acme Corp", {tag("team", "platform")}, "actual 80%"},
    };
    for (const DemoPool &p : pools) {
        const bool present = std::any_of(existing.begin(), existing.end(),
                                         [&p](const analysis::BudgetPool &e) { return e.name == s(p.name); });
        if ((!present && !settings.addPool(s(p.name), s(p.parent), error))
            || !settings.setBudget(s(p.name), 0, p.scope, {}, error))
            return false;
    }

    // One evaluation without limits gives each pool's month to date and forecast, and (through a
    // zero daily limit) every ML resource's highest day.
    analysis::BudgetConstraint probe;
    probe.kind = analysis::ConstraintKind::DailyExpenseLimit;
    probe.pool = s("ML");
    if (!settings.setConstraints({probe}, error))
        return false;
    const int64_t now = QDateTime(endDate.addDays(1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch() - 1;
    const analysis::BudgetReport r = analysis::computeBudgets(store, {}, endDate, now);
    if (!r.error.isEmpty()) {
        if (error)
            *error = r.error;
        return false;
    }
    for (const DemoPool &p : pools) {
        const analysis::PoolResult *res = r.pool(s(p.name));
        if (!res)
            continue;
        const int64_t mtd = res->monthToDate;
        const int64_t forecast = std::max(res->forecast, mtd);
        int64_t limit = 0;
        if (p.name == std::string_view("Web")) {
            limit = roundTo(mtd * 9 / 10, stepFor(mtd), false); // over its limit
        } else if (p.name == std::string_view("Data")) {
            // Within the limit today, forecast to go over it.
            const int64_t middle = mtd + (forecast - mtd) / 2;
            limit = roundTo(middle, stepFor(middle), false);
            if (limit <= mtd)
                limit = roundTo(middle, 1, false);
        } else {
            limit = roundTo(forecast + forecast / 4, stepFor(forecast), true);
        }
        std::vector<analysis::BudgetThreshold> thresholds;
        for (const QString &t : s(p.thresholds).split(u',', Qt::SkipEmptyParts))
            if (const auto parsed = analysis::parseThreshold(t))
                thresholds.push_back(*parsed);
        if (!settings.setBudget(s(p.name), limit, p.scope, thresholds, error))
            return false;
    }

    // The daily expense limit of ML is broken by its three resources with the costliest days; the
    // tagging policy of E-commerce by its resources without an owner tag.
    std::vector<int64_t> highest;
    for (const analysis::BudgetViolation &v : r.violations)
        if (v.kind == analysis::ConstraintKind::DailyExpenseLimit)
            highest.push_back(v.amount);
    std::sort(highest.begin(), highest.end(), std::greater<>());
    analysis::BudgetConstraint daily = probe;
    daily.amount = highest.size() > 3 ? roundTo(highest[3], 1, true) : Money::fromUnits(100).nanos();
    analysis::BudgetConstraint tagging;
    tagging.kind = analysis::ConstraintKind::TaggingPolicy;
    tagging.pool = s("E-commerce");
    tagging.requiredTags = {s("owner")};
    return settings.setConstraints({daily, tagging}, error);
}

} // namespace costscope::demo
