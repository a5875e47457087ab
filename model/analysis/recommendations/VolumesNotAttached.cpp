#include "model/analysis/recommendations/VolumesNotAttached.h"

#include <QCoreApplication>

#include <algorithm>

namespace costscope::analysis {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(costscope::analysis::VolumesNotAttached)
};
} // namespace

QString VolumesNotAttached::title() const { return Text::tr("Volumes not attached"); }

QString VolumesNotAttached::description() const
{
    return Text::tr("Disks attached to no machine, billed for their size every day.");
}

std::vector<OptionSpec> VolumesNotAttached::ownOptions() const
{
    return {
        {QStringLiteral("days"), Text::tr("Unattached for at least"), OptionSpec::Kind::Number, QStringLiteral("1"),
         Text::tr("days")},
    };
}

std::vector<RecommendationItem> VolumesNotAttached::run(const RecommendationInput &in, const ModuleOptions &options) const
{
    std::vector<RecommendationItem> out;
    const int days = std::max(0, static_cast<int>(options.number(QStringLiteral("days"))));
    const int64_t before = in.now - static_cast<int64_t>(days) * 86400;
    for (const store::ResourceInfo &r : in.resources) {
        if (r.type != u"volume" || isGone(r) || RecommendationInput::excluded(r, options))
            continue;
        // Unattached: no attachment recorded, or the provider says it is available (detached).
        const bool unattached = r.attachedTo.isEmpty() || r.state == u"available" || r.state == u"unattached";
        const int64_t since = std::max(r.firstSeen, r.createdAt);
        if (!unattached || since > before)
            continue;
        const double age = static_cast<double>(in.now - since) / 86400.0;
        RecommendationItem item = keepingCostItem(in, r);
        item.finding = Text::tr("Not attached to any instance; state %1, %2 days old.")
                           .arg(r.state)
                           .arg(QString::number(age, 'f', 0));
        item.action = Text::tr("Snapshot the volume if its data matters, then delete it.");
        out.push_back(std::move(item));
    }
    return out;
}

} // namespace costscope::analysis
