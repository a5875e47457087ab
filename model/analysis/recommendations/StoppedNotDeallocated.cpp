#include "model/analysis/recommendations/StoppedNotDeallocated.h"

#include <QCoreApplication>

#include <algorithm>

namespace costscope::analysis {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(costscope::analysis::StoppedNotDeallocated)
};
} // namespace

QString StoppedNotDeallocated::title() const { return Text::tr("Stopped but not deallocated"); }

QString StoppedNotDeallocated::description() const
{
    return Text::tr("Machines stopped from inside the guest keep their compute billed (Azure, Alibaba Cloud).");
}

std::vector<OptionSpec> StoppedNotDeallocated::ownOptions() const
{
    return {
        {QStringLiteral("days"), Text::tr("Billed on each of the last"), OptionSpec::Kind::Number, QStringLiteral("3"),
         Text::tr("days")},
        {QStringLiteral("providers"), Text::tr("Providers"), OptionSpec::Kind::List,
         QStringLiteral("Azure, Alibaba Cloud"), Text::tr("comma-separated")},
    };
}

std::vector<RecommendationItem> StoppedNotDeallocated::run(const RecommendationInput &in,
                                                           const ModuleOptions &options) const
{
    std::vector<RecommendationItem> out;
    const int days = std::clamp(static_cast<int>(options.number(QStringLiteral("days"))), 1,
                                RecommendationInput::kCostDays);
    const QStringList providers = options.list(QStringLiteral("providers"));
    const int32_t fromDay = in.endDay - days + 1;
    for (const store::ResourceInfo &r : in.resources) {
        if (r.type != u"instance" || r.state != u"stopped" || isGone(r) || !providers.contains(r.provider)
            || RecommendationInput::excluded(r, options))
            continue;
        if (in.billedDaysSince(r.resourceId, fromDay) < days)
            continue;
        RecommendationItem item = keepingCostItem(in, r);
        item.finding = Text::tr("State stopped, yet its compute was billed on each of the last %n day(s).", nullptr, days);
        item.action = r.provider == u"Azure" ? Text::tr("Stop (deallocate) the VM from the portal or the CLI.")
                                             : Text::tr("Stop the instance in no-charge (economical) mode.");
        out.push_back(std::move(item));
    }
    return out;
}

} // namespace costscope::analysis
