#include "model/analysis/recommendations/InstancesForShutdown.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>
#include <array>

namespace costscope::analysis {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(costscope::analysis::InstancesForShutdown)
};

constexpr int kWeekHours = 168;

// Hour of the week, 0 = Monday 00:00 UTC (1970-01-01 was a Thursday).
int hourOfWeek(int64_t t)
{
    const int64_t hours = t / 3600;
    return static_cast<int>(((hours + 3 * 24) % kWeekHours + kWeekHours) % kWeekHours);
}

QString slotText(int slot)
{
    static const char *const days[] = {QT_TRANSLATE_NOOP("costscope::analysis::InstancesForShutdown", "Mon"),
                                       QT_TRANSLATE_NOOP("costscope::analysis::InstancesForShutdown", "Tue"),
                                       QT_TRANSLATE_NOOP("costscope::analysis::InstancesForShutdown", "Wed"),
                                       QT_TRANSLATE_NOOP("costscope::analysis::InstancesForShutdown", "Thu"),
                                       QT_TRANSLATE_NOOP("costscope::analysis::InstancesForShutdown", "Fri"),
                                       QT_TRANSLATE_NOOP("costscope::analysis::InstancesForShutdown", "Sat"),
                                       QT_TRANSLATE_NOOP("costscope::analysis::InstancesForShutdown", "Sun")};
    const int s = slot % kWeekHours;
    return Text::tr(days[s / 24]) + QLatin1Char(' ') + QStringLiteral("%1:00").arg(s % 24, 2, 10, QLatin1Char('0'));
}
} // namespace

QString InstancesForShutdown::title() const { return Text::tr("Instances for shutdown"); }

QString InstancesForShutdown::description() const
{
    return Text::tr("Instances idle in the same hours every week (nights, weekends): stop them on a schedule.");
}

std::vector<OptionSpec> InstancesForShutdown::ownOptions() const
{
    return {
        {QStringLiteral("days"), Text::tr("Days observed"), OptionSpec::Kind::Number, QStringLiteral("14"), Text::tr("days")},
        {QStringLiteral("cpu_percent"), Text::tr("Idle hour: CPU at most"), OptionSpec::Kind::Number,
         QStringLiteral("5"), QStringLiteral("%")},
        {QStringLiteral("network_bps"), Text::tr("Idle hour: network at most"), OptionSpec::Kind::Number,
         QStringLiteral("1000"), Text::tr("bytes/s")},
        {QStringLiteral("min_window_hours"), Text::tr("Shortest idle window"), OptionSpec::Kind::Number,
         QStringLiteral("4"), Text::tr("hours")},
        {QStringLiteral("max_idle_share"), Text::tr("Idle share above which the instance is abandoned instead"),
         OptionSpec::Kind::Number, QStringLiteral("90"), QStringLiteral("%")},
    };
}

std::vector<RecommendationItem> InstancesForShutdown::run(const RecommendationInput &in,
                                                          const ModuleOptions &options) const
{
    std::vector<RecommendationItem> out;
    const int days = std::clamp(static_cast<int>(options.number(QStringLiteral("days"))), 7,
                                RecommendationInput::kMetricDays);
    const double cpuLimit = options.number(QStringLiteral("cpu_percent"));
    const double netLimit = options.number(QStringLiteral("network_bps"));
    const int minWindow = std::max(1, static_cast<int>(options.number(QStringLiteral("min_window_hours"))));
    const double maxShare = options.number(QStringLiteral("max_idle_share"));
    const int64_t from = in.now - static_cast<int64_t>(days) * 86400;
    for (const store::ResourceInfo &r : in.resources) {
        if (r.type != u"instance" || r.state != u"running" || isGone(r) || r.firstSeen > from
            || RecommendationInput::excluded(r, options))
            continue;
        const auto mit = in.metrics.constFind(r.resourceId);
        if (mit == in.metrics.constEnd())
            continue;
        // Mean CPU and network per hour of the week over the observed weeks.
        std::array<double, kWeekHours> cpu{}, net{};
        std::array<int, kWeekHours> cpuN{}, netN{};
        for (size_t i = 0; i < mit->cpu.size(); ++i) {
            if (mit->cpuTime[i] < from)
                continue;
            const size_t h = static_cast<size_t>(hourOfWeek(mit->cpuTime[i]));
            cpu[h] += mit->cpu[i];
            ++cpuN[h];
        }
        for (size_t i = 0; i < mit->net.size(); ++i) {
            if (mit->netTime[i] < from)
                continue;
            const size_t h = static_cast<size_t>(hourOfWeek(mit->netTime[i]));
            net[h] += mit->net[i];
            ++netN[h];
        }
        std::array<bool, kWeekHours> idle{};
        int observed = 0, idleHours = 0;
        for (size_t h = 0; h < kWeekHours; ++h) {
            if (cpuN[h] == 0)
                continue; // not running then (stopped at weekends): nothing to save
            ++observed;
            const double n = netN[h] > 0 ? net[h] / netN[h] : 0.0;
            idle[h] = cpu[h] / cpuN[h] <= cpuLimit && n <= netLimit;
        }
        // Idle windows: runs of idle hours around the week (a window may wrap from Sunday to Monday).
        int start = -1;
        for (int h = 0; h < kWeekHours; ++h)
            if (!idle[static_cast<size_t>(h)]) {
                start = h;
                break;
            }
        if (start < 0 || observed == 0)
            continue; // idle all week: abandoned, not a schedule
        QStringList windows;
        int run = 0, runStart = 0;
        for (int k = 1; k <= kWeekHours; ++k) {
            const int h = (start + k) % kWeekHours;
            if (idle[static_cast<size_t>(h)] && k < kWeekHours) {
                if (run == 0)
                    runStart = h;
                ++run;
                continue;
            }
            if (run >= minWindow) {
                idleHours += run;
                windows << Text::tr("%1 - %2").arg(slotText(runStart), slotText(runStart + run));
            }
            run = 0;
        }
        if (idleHours == 0 || 100.0 * idleHours / observed > maxShare)
            continue;
        int billed = 0;
        Money total;
        const Money monthly = in.monthlyCost(r.resourceId, &billed, &total);
        RecommendationItem item;
        item.module = id();
        item.resource = r;
        item.saving = Money::fromNanos(static_cast<int64_t>(static_cast<Int128>(monthly.nanos()) * idleHours / kWeekHours));
        item.finding = Text::tr("Idle %1 of the %2 observed hours of the week (UTC): %3.")
                           .arg(idleHours)
                           .arg(observed)
                           .arg(windows.join(QStringLiteral(", ")));
        item.computation = Text::tr("Monthly cost %1 (%2 over %3 billed day(s) of the last 30, per 30 days) x %4 / 168 "
                                    "idle hours = %5 a month.")
                               .arg(moneyText(monthly, in.currency))
                               .arg(moneyText(total, in.currency))
                               .arg(billed)
                               .arg(idleHours)
                               .arg(moneyText(item.saving, in.currency));
        item.action = Text::tr("Stop the instance on a schedule during these windows.");
        out.push_back(std::move(item));
    }
    return out;
}

} // namespace costscope::analysis
