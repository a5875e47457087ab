#include "model/analysis/recommendations/ReservedInstances.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <map>

namespace costscope::analysis {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(costscope::analysis::ReservedInstances)
};

constexpr int64_t kHoursPerMonth = 720;
constexpr int64_t kHoursPerYear = 8760;

// A day is covered when its effective cost is below its list cost (a commitment or another
// discount applied); half a percent absorbs rounding.
bool covered(const store::DayCost &d)
{
    return d.list > 0 && static_cast<double>(d.effective) < static_cast<double>(d.list) * 0.995;
}

Money percentOf(int64_t nanos, double percent)
{
    return Money::fromNanos(static_cast<int64_t>(std::llround(static_cast<double>(nanos) * percent / 100.0)));
}

struct Candidate
{
    const store::ResourceInfo *r = nullptr;
    const Flavor *flavor = nullptr;
    bool regionMatched = false;
    double avgCpu = -1;
};

// Steady on-demand instances of the input: running, billed without any discount on every day
// of the window, not idle (idle ones are for the abandoned rule).
std::vector<Candidate> steadyInstances(const RecommendationInput &in, const ModuleOptions &options, int days)
{
    std::vector<Candidate> out;
    const double minAvg = options.number(QStringLiteral("min_avg_cpu"));
    const int32_t from = in.endDay - days + 1;
    for (const store::ResourceInfo &r : in.resources) {
        if (r.type != u"instance" || r.state != u"running" || isGone(r) || RecommendationInput::excluded(r, options))
            continue;
        const auto it = in.instanceDays.constFind(r.resourceId);
        if (it == in.instanceDays.constEnd())
            continue;
        bool steady = true;
        for (int32_t d = from; d <= in.endDay && steady; ++d) {
            const auto dit = it->constFind(d);
            steady = dit != it->constEnd() && dit->effective > 0 && !covered(*dit);
        }
        if (!steady)
            continue;
        Candidate c;
        c.r = &r;
        if (in.averageCpu(r.resourceId, in.now - static_cast<int64_t>(RecommendationInput::kMetricDays) * 86400,
                          &c.avgCpu)
            && c.avgCpu <= minAvg)
            continue;
        if (in.catalog)
            c.flavor = in.catalog->find(r.provider, r.region, r.flavor, &c.regionMatched);
        out.push_back(c);
    }
    return out;
}

int daysOption(const ModuleOptions &options)
{
    return std::clamp(static_cast<int>(options.number(QStringLiteral("days"))), 1,
                      RecommendationInput::kCommitmentDays);
}
} // namespace

QString ReservedInstances::title() const { return Text::tr("Reserved instances and savings plans"); }

QString ReservedInstances::description() const
{
    return Text::tr("Instances billed on demand every day for months with no commitment covering them.");
}

std::vector<OptionSpec> ReservedInstances::ownOptions() const
{
    return {
        {QStringLiteral("days"), Text::tr("Steady on demand for"), OptionSpec::Kind::Number, QStringLiteral("90"),
         Text::tr("days")},
        {QStringLiteral("min_avg_cpu"), Text::tr("Average CPU above (below it the instance is abandoned)"),
         OptionSpec::Kind::Number, QStringLiteral("5"), QStringLiteral("%")},
    };
}

std::vector<RecommendationItem> ReservedInstances::run(const RecommendationInput &in,
                                                       const ModuleOptions &options) const
{
    std::vector<RecommendationItem> out;
    if (!in.catalog)
        return out;
    const int days = daysOption(options);
    for (const Candidate &c : steadyInstances(in, options, days)) {
        if (!c.flavor)
            continue;
        const CommitmentRate *rate = in.catalog->commitment(c.flavor->provider, c.flavor->family);
        if (!rate)
            continue;
        const int64_t monthly = c.flavor->hourly.nanos() * kHoursPerMonth;
        const Money noUpfront = percentOf(monthly, rate->noUpfrontPercent);
        const Money allUpfront = percentOf(monthly, rate->allUpfrontPercent);
        const Money upfrontPrice =
            percentOf(c.flavor->hourly.nanos() * kHoursPerYear, 100.0 - rate->allUpfrontPercent);
        RecommendationItem item;
        item.module = id();
        item.resource = *c.r;
        item.saving = noUpfront;
        item.currency = kCatalogCurrency;
        item.finding = c.avgCpu >= 0
                           ? Text::tr("Billed on demand on each of the last %1 days, no commitment covered it; "
                                      "average CPU %2.")
                                 .arg(days)
                                 .arg(percentText(c.avgCpu))
                           : Text::tr("Billed on demand on each of the last %1 days, no commitment covered it.")
                                 .arg(days);
        QString computation =
            Text::tr("On demand %1 USD/h x 720 h = %2 a month. 1-year, no upfront, %3 % off: saves %4 a month. "
                     "1-year, all upfront, %5 % off: saves %6 a month (%7 paid once for the year).")
                .arg(c.flavor->hourly.toString())
                .arg(moneyText(Money::fromNanos(monthly), kCatalogCurrency))
                .arg(rate->noUpfrontPercent)
                .arg(moneyText(noUpfront, kCatalogCurrency))
                .arg(rate->allUpfrontPercent)
                .arg(moneyText(allUpfront, kCatalogCurrency))
                .arg(moneyText(upfrontPrice, kCatalogCurrency));
        if (!c.regionMatched)
            computation += Text::tr(" Catalog prices of %1; %2 is not in the catalog.").arg(c.flavor->region, c.r->region);
        item.computation = computation;
        item.action = Text::tr("Buy a 1-year reservation or savings plan covering one %1 in %2.").arg(c.r->flavor, c.r->region);
        out.push_back(std::move(item));
    }
    return out;
}

QStringList ReservedInstances::notes(const RecommendationInput &in, const ModuleOptions &options) const
{
    QStringList notes;
    const int days = daysOption(options);
    int32_t firstDay = in.endDay;
    for (auto it = in.instanceDays.constBegin(); it != in.instanceDays.constEnd(); ++it)
        for (auto d = it->constBegin(); d != it->constEnd(); ++d)
            firstDay = std::min(firstDay, d.key());
    if (in.endDay >= 0 && in.endDay - firstDay + 1 < days)
        notes << Text::tr("The workspace holds instance costs for %1 day(s); the rule needs %2.")
                     .arg(in.endDay - firstDay + 1)
                     .arg(days);
    std::map<QString, int> unpriced; // provider -> steady instances without a rate
    if (in.catalog) {
        for (const Candidate &c : steadyInstances(in, options, days))
            if (!c.flavor || !in.catalog->commitment(c.flavor->provider, c.flavor->family))
                ++unpriced[c.r->provider];
    }
    for (const auto &[provider, n] : unpriced)
        notes << Text::tr("%1: %n steady instance(s) not priced, the catalog has no commitment rate for their flavour.",
                          nullptr, n)
                     .arg(provider);
    return notes;
}

} // namespace costscope::analysis
