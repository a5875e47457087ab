#include "model/analysis/recommendations/ObsoleteImages.h"

#include <QCoreApplication>

#include <algorithm>

namespace costscope::analysis {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(costscope::analysis::ObsoleteImages)
};
} // namespace

QString ObsoleteImages::title() const { return Text::tr("Obsolete images"); }

QString ObsoleteImages::description() const
{
    return Text::tr("Machine images no instance uses; their snapshots keep being billed.");
}

std::vector<OptionSpec> ObsoleteImages::ownOptions() const
{
    return {
        {QStringLiteral("days"), Text::tr("Older than"), OptionSpec::Kind::Number, QStringLiteral("7"),
         Text::tr("days")},
    };
}

std::vector<RecommendationItem> ObsoleteImages::run(const RecommendationInput &in, const ModuleOptions &options) const
{
    std::vector<RecommendationItem> out;
    const int days = std::max(0, static_cast<int>(options.number(QStringLiteral("days"))));
    const int64_t before = in.now - static_cast<int64_t>(days) * 86400;
    for (const store::ResourceInfo &r : in.resources) {
        if (r.type != u"image" || isGone(r) || RecommendationInput::excluded(r, options))
            continue;
        const int64_t since = std::max(r.firstSeen, r.createdAt);
        if (since > before || in.usedImages.contains(r.resourceId))
            continue;
        const double age = static_cast<double>(in.now - since) / 86400.0;
        int billed = 0;
        Money total;
        RecommendationItem item;
        item.module = id();
        item.resource = r;
        // An image bills nothing of its own: its snapshot does, and that saving is counted
        // under obsolete snapshots when the snapshot's source is gone.
        item.saving = in.monthlyCost(r.resourceId, &billed, &total);
        item.computation = Text::tr("The image has %1 of its own cost in the last 30 days; deregistering it lets its "
                                    "snapshot %2 go (that saving is counted with the snapshot).")
                               .arg(moneyText(total, in.currency))
                               .arg(r.attachedTo.isEmpty() ? Text::tr("(unknown)") : r.attachedTo);
        item.finding = Text::tr("No instance uses it; %1 days old.").arg(QString::number(age, 'f', 0));
        item.action = Text::tr("Deregister the image, then delete its snapshot.");
        out.push_back(std::move(item));
    }
    return out;
}

} // namespace costscope::analysis
