#include "model/analysis/recommendations/ShortLivingInstances.h"

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>

namespace costscope::analysis {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(costscope::analysis::ShortLivingInstances)
};
} // namespace

QString ShortLivingInstances::title() const { return Text::tr("Short-living instances to spot"); }

QString ShortLivingInstances::description() const
{
    return Text::tr("Instances that lived only a few hours: such work can run on spot (preemptible) capacity.");
}

std::vector<OptionSpec> ShortLivingInstances::ownOptions() const
{
    return {
        {QStringLiteral("days"), Text::tr("Look back"), OptionSpec::Kind::Number, QStringLiteral("30"), Text::tr("days")},
        {QStringLiteral("max_hours"), Text::tr("Lived less than"), OptionSpec::Kind::Number, QStringLiteral("6"),
         Text::tr("hours")},
        {QStringLiteral("spot_discount"), Text::tr("Spot discount"), OptionSpec::Kind::Number, QStringLiteral("72"),
         QStringLiteral("%")},
    };
}

std::vector<RecommendationItem> ShortLivingInstances::run(const RecommendationInput &in,
                                                          const ModuleOptions &options) const
{
    std::vector<RecommendationItem> out;
    const int days = std::clamp(static_cast<int>(options.number(QStringLiteral("days"))), 1,
                                RecommendationInput::kCostDays);
    const double maxHours = options.number(QStringLiteral("max_hours"));
    const double discount = std::clamp(options.number(QStringLiteral("spot_discount")), 0.0, 100.0);
    // The discount as an exact fraction of 1/10000.
    const int64_t discountBp = static_cast<int64_t>(discount * 100.0 + 0.5);
    const int64_t from = in.now - static_cast<int64_t>(days) * 86400;
    const int32_t fromDay = in.endDay - days + 1;
    for (const store::ResourceInfo &r : in.resources) {
        if (r.type != u"instance" || r.firstSeen < from || RecommendationInput::excluded(r, options))
            continue;
        const int64_t start = std::max(r.firstSeen, r.createdAt);
        const double hours = static_cast<double>(r.lastSeen - start) / 3600.0;
        // Only instances that have ended: a running one may yet live long.
        if (!isGone(r) && r.state != u"stopped")
            continue;
        if (hours <= 0 || hours >= maxHours)
            continue;
        const Money cost = in.costSince(r.resourceId, fromDay);
        RecommendationItem item;
        item.module = id();
        item.resource = r;
        item.saving = Money::fromNanos(static_cast<int64_t>(static_cast<Int128>(cost.nanos()) * discountBp / 10000));
        item.finding = Text::tr("Lived %1 hours (%2 to %3 UTC).")
                           .arg(QString::number(hours, 'f', 1))
                           .arg(QDateTime::fromSecsSinceEpoch(start, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm")))
                           .arg(QDateTime::fromSecsSinceEpoch(r.lastSeen, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm")));
        item.computation = Text::tr("Its cost in the last %n day(s), %1, x %2 spot discount = %3.", nullptr, days)
                               .arg(moneyText(cost, in.currency))
                               .arg(percentText(discount))
                               .arg(moneyText(item.saving, in.currency));
        item.action = Text::tr("Run such short jobs on spot / preemptible instances.");
        out.push_back(std::move(item));
    }
    return out;
}

} // namespace costscope::analysis
