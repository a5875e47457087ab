#include "model/analysis/recommendations/ObsoleteIps.h"

#include <QCoreApplication>

#include <algorithm>

namespace costscope::analysis {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(costscope::analysis::ObsoleteIps)
};
} // namespace

QString ObsoleteIps::title() const { return Text::tr("Obsolete IPs"); }

QString ObsoleteIps::description() const
{
    return Text::tr("Public IP addresses associated with nothing, billed at the idle rate.");
}

std::vector<OptionSpec> ObsoleteIps::ownOptions() const
{
    return {
        {QStringLiteral("days"), Text::tr("Unassociated for at least"), OptionSpec::Kind::Number, QStringLiteral("7"),
         Text::tr("days")},
    };
}

std::vector<RecommendationItem> ObsoleteIps::run(const RecommendationInput &in, const ModuleOptions &options) const
{
    std::vector<RecommendationItem> out;
    const int days = std::max(0, static_cast<int>(options.number(QStringLiteral("days"))));
    const int64_t before = in.now - static_cast<int64_t>(days) * 86400;
    for (const store::ResourceInfo &r : in.resources) {
        if (r.type != u"ip" || isGone(r) || RecommendationInput::excluded(r, options))
            continue;
        const bool unassociated = r.attachedTo.isEmpty() || r.state == u"unassociated" || r.state == u"available";
        const int64_t since = std::max(r.firstSeen, r.createdAt);
        if (!unassociated || since > before)
            continue;
        const double age = static_cast<double>(in.now - since) / 86400.0;
        RecommendationItem item = keepingCostItem(in, r);
        item.finding = Text::tr("Associated with nothing; state %1, %2 days old.")
                           .arg(r.state)
                           .arg(QString::number(age, 'f', 0));
        item.action = Text::tr("Release the address.");
        out.push_back(std::move(item));
    }
    return out;
}

} // namespace costscope::analysis
