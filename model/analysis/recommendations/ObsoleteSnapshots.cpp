#include "model/analysis/recommendations/ObsoleteSnapshots.h"

#include <QCoreApplication>

#include <algorithm>

namespace costscope::analysis {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(costscope::analysis::ObsoleteSnapshots)
};
} // namespace

QString ObsoleteSnapshots::title() const { return Text::tr("Obsolete snapshots"); }

QString ObsoleteSnapshots::description() const
{
    return Text::tr("Snapshots whose source volume no longer exists.");
}

std::vector<OptionSpec> ObsoleteSnapshots::ownOptions() const
{
    return {
        {QStringLiteral("days"), Text::tr("Older than"), OptionSpec::Kind::Number, QStringLiteral("3"),
         Text::tr("days")},
    };
}

std::vector<RecommendationItem> ObsoleteSnapshots::run(const RecommendationInput &in, const ModuleOptions &options) const
{
    std::vector<RecommendationItem> out;
    const int days = std::max(0, static_cast<int>(options.number(QStringLiteral("days"))));
    const int64_t before = in.now - static_cast<int64_t>(days) * 86400;
    for (const store::ResourceInfo &r : in.resources) {
        if (r.type != u"snapshot" || isGone(r) || RecommendationInput::excluded(r, options))
            continue;
        const int64_t since = std::max(r.firstSeen, r.createdAt);
        if (since > before)
            continue;
        const store::ResourceInfo *source = r.attachedTo.isEmpty() ? nullptr : in.find(r.attachedTo);
        if (source && !isGone(*source))
            continue;
        const double age = static_cast<double>(in.now - since) / 86400.0;
        RecommendationItem item = keepingCostItem(in, r);
        item.finding = Text::tr("Source volume %1 is not in the inventory any more; %2 days old.")
                           .arg(r.attachedTo.isEmpty() ? Text::tr("(unknown)") : r.attachedTo)
                           .arg(QString::number(age, 'f', 0));
        item.action = Text::tr("Delete the snapshot (or move it to archive storage) unless it is a backup you must keep.");
        out.push_back(std::move(item));
    }
    return out;
}

} // namespace costscope::analysis
