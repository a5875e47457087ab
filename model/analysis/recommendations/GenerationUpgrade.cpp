#include "model/analysis/recommendations/GenerationUpgrade.h"

#include <QCoreApplication>

namespace costscope::analysis {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(costscope::analysis::GenerationUpgrade)
};

constexpr int64_t kHoursPerMonth = 720;
} // namespace

QString GenerationUpgrade::title() const { return Text::tr("Instance generation upgrade"); }

QString GenerationUpgrade::description() const
{
    return Text::tr("Instances of an older family whose newer generation of the same size costs less.");
}

std::vector<OptionSpec> GenerationUpgrade::ownOptions() const
{
    return {
        {QStringLiteral("min_saving_percent"), Text::tr("Cheaper by at least"), OptionSpec::Kind::Number,
         QStringLiteral("1"), QStringLiteral("%")},
    };
}

std::vector<RecommendationItem> GenerationUpgrade::run(const RecommendationInput &in,
                                                       const ModuleOptions &options) const
{
    std::vector<RecommendationItem> out;
    if (!in.catalog)
        return out;
    const double minPercent = options.number(QStringLiteral("min_saving_percent"));
    for (const store::ResourceInfo &r : in.resources) {
        if (r.type != u"instance" || r.state != u"running" || isGone(r) || r.flavor.isEmpty()
            || RecommendationInput::excluded(r, options))
            continue;
        bool sameRegion = false;
        const Flavor *current = in.catalog->find(r.provider, r.region, r.flavor, &sameRegion);
        if (!current)
            continue;
        const QString newer = in.catalog->newerFamily(current->provider, current->family);
        if (newer.isEmpty())
            continue;
        // The same size in the newer family: as many vCPUs and at least the memory, priced in
        // the same catalog region; the cheapest such flavour.
        const Flavor *best = nullptr;
        for (const Flavor &f : in.catalog->flavors()) {
            if (f.provider != current->provider || f.region != current->region || f.family != newer
                || f.vcpus != current->vcpus || f.memoryGiB + 1e-9 < current->memoryGiB)
                continue;
            if (!best || f.hourly < best->hourly)
                best = &f;
        }
        if (!best || best->hourly >= current->hourly)
            continue;
        const Money perHour = current->hourly - best->hourly;
        if (perHour.toDouble() < current->hourly.toDouble() * minPercent / 100.0)
            continue;
        RecommendationItem item;
        item.module = id();
        item.resource = r;
        item.saving = Money::fromNanos(perHour.nanos() * kHoursPerMonth);
        item.currency = kCatalogCurrency;
        item.finding = Text::tr("%1 is of the %2 family; %3 replaces it: %4 has the same %5 vCPUs and %6 GiB.")
                           .arg(r.flavor, current->family, newer, best->name)
                           .arg(best->vcpus)
                           .arg(best->memoryGiB);
        QString computation = Text::tr("(%1 - %2) per hour x 720 hours = %3 a month.")
                                  .arg(current->hourly.toString() + u' ' + kCatalogCurrency)
                                  .arg(best->hourly.toString() + u' ' + kCatalogCurrency)
                                  .arg(moneyText(item.saving, kCatalogCurrency));
        if (!sameRegion)
            computation += Text::tr(" Catalog prices of %1; %2 is not in the catalog.").arg(current->region, r.region);
        item.computation = computation;
        item.action = Text::tr("Change the flavour to %1 at the next maintenance window.").arg(best->name);
        out.push_back(std::move(item));
    }
    return out;
}

} // namespace costscope::analysis
