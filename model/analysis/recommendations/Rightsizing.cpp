#include "model/analysis/recommendations/Rightsizing.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace costscope::analysis {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(costscope::analysis::Rightsizing)
};

// Nearest-rank percentile of the values (sorted in place).
double percentile(std::vector<double> &v, double p)
{
    std::sort(v.begin(), v.end());
    const double rank = std::ceil(p / 100.0 * static_cast<double>(v.size()));
    const size_t idx = static_cast<size_t>(std::clamp(rank, 1.0, static_cast<double>(v.size()))) - 1;
    return v[idx];
}

constexpr int64_t kHoursPerMonth = 720;
} // namespace

QString Rightsizing::title() const { return Text::tr("Rightsizing"); }

QString Rightsizing::description() const
{
    return Text::tr("Instances whose peak CPU would fit a smaller, cheaper flavour of the same family.");
}

std::vector<OptionSpec> Rightsizing::ownOptions() const
{
    return {
        {QStringLiteral("days"), Text::tr("Days observed"), OptionSpec::Kind::Number, QStringLiteral("3"), Text::tr("days")},
        {QStringLiteral("percentile"), Text::tr("CPU percentile"), OptionSpec::Kind::Number, QStringLiteral("99"),
         QString()},
        {QStringLiteral("cpu_target"), Text::tr("Target CPU on the new flavour"), OptionSpec::Kind::Number,
         QStringLiteral("80"), QStringLiteral("%")},
        {QStringLiteral("min_vcpus"), Text::tr("Smallest flavour"), OptionSpec::Kind::Number, QStringLiteral("2"),
         Text::tr("vCPUs")},
        {QStringLiteral("min_avg_cpu"), Text::tr("Average CPU above (below it the instance is abandoned)"),
         OptionSpec::Kind::Number, QStringLiteral("5"), QStringLiteral("%")},
    };
}

std::vector<RecommendationItem> Rightsizing::run(const RecommendationInput &in, const ModuleOptions &options) const
{
    std::vector<RecommendationItem> out;
    if (!in.catalog)
        return out;
    const int days = std::max(1, static_cast<int>(options.number(QStringLiteral("days"))));
    const double pct = std::clamp(options.number(QStringLiteral("percentile")), 1.0, 100.0);
    const double target = options.number(QStringLiteral("cpu_target"));
    const int minVcpus = std::max(1, static_cast<int>(options.number(QStringLiteral("min_vcpus"))));
    const double minAvg = options.number(QStringLiteral("min_avg_cpu"));
    if (target <= 0)
        return out;
    const int64_t from = in.now - static_cast<int64_t>(days) * 86400;
    for (const store::ResourceInfo &r : in.resources) {
        if (r.type != u"instance" || r.state != u"running" || isGone(r) || r.flavor.isEmpty()
            || RecommendationInput::excluded(r, options))
            continue;
        const auto mit = in.metrics.constFind(r.resourceId);
        if (mit == in.metrics.constEnd())
            continue;
        std::vector<double> cpu;
        double sum = 0;
        for (size_t i = 0; i < mit->cpu.size(); ++i) {
            if (mit->cpuTime[i] >= from) {
                cpu.push_back(mit->cpu[i]);
                sum += mit->cpu[i];
            }
        }
        if (cpu.empty() || sum / static_cast<double>(cpu.size()) <= minAvg)
            continue;
        bool sameRegion = false;
        const Flavor *current = in.catalog->find(r.provider, r.region, r.flavor, &sameRegion);
        if (!current)
            continue;
        const double p = percentile(cpu, pct);
        const int needed = std::max(minVcpus, static_cast<int>(std::ceil(current->vcpus * p / target - 1e-9)));
        // The rule sees CPU only: it moves to fewer vCPUs, never to a flavour with as many vCPUs
        // and less memory (a t3.large with a low peak is not a t3.small).
        if (needed >= current->vcpus)
            continue;
        const Flavor *best = nullptr;
        for (const Flavor *f : in.catalog->family(*current)) {
            if (f->vcpus >= needed && f->vcpus < current->vcpus && f->hourly < current->hourly) {
                best = f; // family() is cheapest first
                break;
            }
        }
        if (!best)
            continue;
        RecommendationItem item;
        item.module = id();
        item.resource = r;
        const Money perHour = current->hourly - best->hourly;
        item.saving = Money::fromNanos(perHour.nanos() * kHoursPerMonth);
        item.currency = kCatalogCurrency;
        item.finding = Text::tr("CPU p%1 over the last %n day(s) is %2 of %3 vCPUs; at %4 it needs %5 vCPUs.", nullptr,
                                days)
                           .arg(QString::number(pct, 'g', 3))
                           .arg(percentText(p))
                           .arg(current->vcpus)
                           .arg(percentText(target))
                           .arg(needed);
        QString prices = Text::tr("(%1 - %2) per hour x 720 hours = %3 a month")
                             .arg(current->hourly.toString() + u' ' + kCatalogCurrency)
                             .arg(best->hourly.toString() + u' ' + kCatalogCurrency)
                             .arg(moneyText(item.saving, kCatalogCurrency));
        if (!sameRegion)
            prices += Text::tr(" (catalog prices of %1; %2 is not in the catalog)").arg(current->region, r.region);
        item.computation = Text::tr("%1 to %2: %3.").arg(r.flavor, best->name, prices);
        item.action = Text::tr("Change the flavour to %1 (%2 vCPUs, %3 GiB).")
                          .arg(best->name)
                          .arg(best->vcpus)
                          .arg(best->memoryGiB);
        out.push_back(std::move(item));
    }
    return out;
}

} // namespace costscope::analysis
