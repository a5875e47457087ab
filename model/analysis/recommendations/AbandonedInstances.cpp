#include "model/analysis/recommendations/AbandonedInstances.h"

#include <QCoreApplication>

#include <algorithm>

namespace costscope::analysis {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(costscope::analysis::AbandonedInstances)
};
} // namespace

QString AbandonedInstances::title() const { return Text::tr("Abandoned instances"); }

QString AbandonedInstances::description() const
{
    return Text::tr("Running instances that have done almost nothing for days: low average CPU and network.");
}

std::vector<OptionSpec> AbandonedInstances::ownOptions() const
{
    return {
        {QStringLiteral("days"), Text::tr("Days observed"), OptionSpec::Kind::Number, QStringLiteral("7"), Text::tr("days")},
        {QStringLiteral("cpu_percent"), Text::tr("Average CPU at most"), OptionSpec::Kind::Number, QStringLiteral("5"),
         QStringLiteral("%")},
        {QStringLiteral("network_bps"), Text::tr("Average network at most"), OptionSpec::Kind::Number,
         QStringLiteral("1000"), Text::tr("bytes/s")},
    };
}

std::vector<RecommendationItem> AbandonedInstances::run(const RecommendationInput &in, const ModuleOptions &options) const
{
    std::vector<RecommendationItem> out;
    const int days = std::max(1, static_cast<int>(options.number(QStringLiteral("days"))));
    const double cpuLimit = options.number(QStringLiteral("cpu_percent"));
    const double netLimit = options.number(QStringLiteral("network_bps"));
    const int64_t from = in.now - static_cast<int64_t>(days) * 86400;
    for (const store::ResourceInfo &r : in.resources) {
        if (r.type != u"instance" || r.state != u"running" || isGone(r) || r.firstSeen > from
            || RecommendationInput::excluded(r, options))
            continue;
        const auto mit = in.metrics.constFind(r.resourceId);
        if (mit == in.metrics.constEnd())
            continue;
        double cpuSum = 0, netSum = 0;
        int cpuN = 0, netN = 0;
        int64_t first = 0, last = 0;
        for (size_t i = 0; i < mit->cpu.size(); ++i) {
            if (mit->cpuTime[i] < from)
                continue;
            if (cpuN == 0)
                first = mit->cpuTime[i];
            last = mit->cpuTime[i];
            cpuSum += mit->cpu[i];
            ++cpuN;
        }
        for (size_t i = 0; i < mit->net.size(); ++i) {
            if (mit->netTime[i] >= from) {
                netSum += mit->net[i];
                ++netN;
            }
        }
        // The samples must cover the period: an instance seen for one day is not abandoned.
        if (cpuN == 0 || last - first < static_cast<int64_t>(days - 1) * 86400)
            continue;
        const double cpuAvg = cpuSum / cpuN;
        const double netAvg = netN > 0 ? netSum / netN : 0.0;
        if (cpuAvg > cpuLimit || netAvg > netLimit)
            continue;
        RecommendationItem item = keepingCostItem(in, r);
        item.finding = Text::tr("Average CPU %1 and network %2 bytes/s over the last %n day(s).", nullptr, days)
                           .arg(percentText(cpuAvg))
                           .arg(QString::number(netAvg, 'f', 0));
        item.action = Text::tr("Stop or terminate the instance (take a snapshot first if its data matters).");
        out.push_back(std::move(item));
    }
    return out;
}

} // namespace costscope::analysis
