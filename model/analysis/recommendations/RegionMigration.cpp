#include "model/analysis/recommendations/RegionMigration.h"

#include <QCoreApplication>

namespace costscope::analysis {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(costscope::analysis::RegionMigration)
};

constexpr int64_t kHoursPerMonth = 720;

// The continent of a region code of any cloud ("us-east-1", "eastus", "europe-west1",
// "cn-hangzhou"); empty when unknown, and an unknown region is compared with nothing.
QString continentOf(const QString &region)
{
    const QString r = region.toLower();
    struct Rule
    {
        const char *prefix;
        const char *continent;
    };
    // Order matters: "australiaeast" must not match "us", "southafricanorth" not "southamerica".
    static const Rule prefixes[] = {
        {"australia", "oceania"}, {"southafrica", "africa"}, {"af-", "africa"},   {"me-", "middle-east"},
        {"uae", "middle-east"},   {"qatar", "middle-east"},  {"israel", "middle-east"}, {"sa-", "south-america"},
        {"southamerica", "south-america"}, {"brazil", "south-america"}, {"us", "north-america"},
        {"ca-", "north-america"}, {"canada", "north-america"}, {"northamerica", "north-america"},
        {"eu", "europe"},        {"uk", "europe"},          {"france", "europe"},  {"germany", "europe"},
        {"norway", "europe"},    {"switzerland", "europe"}, {"sweden", "europe"},  {"poland", "europe"},
        {"italy", "europe"},     {"spain", "europe"},
        {"ap-", "asia"},         {"asia", "asia"},          {"cn-", "asia"},       {"japan", "asia"},
        {"korea", "asia"},       {"india", "asia"},         {"southeastasia", "asia"}, {"eastasia", "asia"},
    };
    // Azure names the US regions by direction ("eastus", "westus2", "centralus", "southcentralus").
    if (!r.contains(QLatin1Char('-')) && r.contains(u"us") && !r.startsWith(u"australia"))
        return QStringLiteral("north-america");
    if (r.contains(u"europe"))
        return QStringLiteral("europe");
    if (r.contains(u"asia") || r.startsWith(u"japan") || r.startsWith(u"korea"))
        return QStringLiteral("asia");
    for (const Rule &p : prefixes)
        if (r.startsWith(QLatin1String(p.prefix)))
            return QLatin1String(p.continent);
    return {};
}
} // namespace

QString RegionMigration::title() const { return Text::tr("Cheaper region"); }

QString RegionMigration::description() const
{
    return Text::tr("Instances whose flavour costs less in another region of the same cloud and continent.");
}

std::vector<OptionSpec> RegionMigration::ownOptions() const
{
    return {
        {QStringLiteral("min_saving_percent"), Text::tr("Cheaper by at least"), OptionSpec::Kind::Number,
         QStringLiteral("5"), QStringLiteral("%")},
        {QStringLiteral("excluded_regions"), Text::tr("Never move to"), OptionSpec::Kind::List, QString(),
         Text::tr("region codes, comma-separated")},
    };
}

std::vector<RecommendationItem> RegionMigration::run(const RecommendationInput &in, const ModuleOptions &options) const
{
    std::vector<RecommendationItem> out;
    if (!in.catalog)
        return out;
    const double minPercent = options.number(QStringLiteral("min_saving_percent"));
    const QStringList excludedRegions = options.list(QStringLiteral("excluded_regions"));
    for (const store::ResourceInfo &r : in.resources) {
        if (r.type != u"instance" || r.state != u"running" || isGone(r) || r.flavor.isEmpty()
            || RecommendationInput::excluded(r, options))
            continue;
        const std::vector<const Flavor *> listed = in.catalog->regionsOf(r.provider, r.flavor);
        const Flavor *here = nullptr;
        for (const Flavor *f : listed)
            if (f->region == r.region)
                here = f;
        // Only a price of the instance's own region can show that another region is cheaper.
        const QString continent = continentOf(r.region);
        if (!here || continent.isEmpty())
            continue;
        const Flavor *best = nullptr;
        for (const Flavor *f : listed) {
            if (f == here || continentOf(f->region) != continent || excludedRegions.contains(f->region))
                continue;
            if (!best || f->hourly < best->hourly)
                best = f;
        }
        if (!best || best->hourly >= here->hourly)
            continue;
        const Money perHour = here->hourly - best->hourly;
        if (perHour.toDouble() < here->hourly.toDouble() * minPercent / 100.0)
            continue;
        RecommendationItem item;
        item.module = id();
        item.resource = r;
        item.saving = Money::fromNanos(perHour.nanos() * kHoursPerMonth);
        item.currency = kCatalogCurrency;
        item.finding = Text::tr("%1 costs %2 USD an hour in %3 and %4 USD in %5, on the same continent.")
                           .arg(r.flavor, here->hourly.toString(), r.region, best->hourly.toString(), best->region);
        item.computation = Text::tr("(%1 - %2) per hour x 720 hours = %3 a month (catalog on-demand prices; "
                                    "data transfer between regions is not counted).")
                               .arg(here->hourly.toString() + u' ' + kCatalogCurrency)
                               .arg(best->hourly.toString() + u' ' + kCatalogCurrency)
                               .arg(moneyText(item.saving, kCatalogCurrency));
        item.action = Text::tr("Move the workload to %1 when its users and data allow it.").arg(best->region);
        out.push_back(std::move(item));
    }
    return out;
}

} // namespace costscope::analysis
