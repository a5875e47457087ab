#include "model/analysis/recommendations/SnowflakeIdleWarehouses.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <map>

namespace costscope::analysis {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(costscope::analysis::SnowflakeIdleWarehouses)
};

constexpr int64_t kHourMs = 3600 * 1000;

struct Warehouse
{
    QString account;
    std::map<int32_t, double> credits; // compute credits per day of the window
    double totalCredits = 0;
    Money cost;
    std::map<int32_t, QSet<int64_t>> busyHours; // day -> clock hours (since the epoch) a query ran in
};
} // namespace

QString SnowflakeIdleWarehouses::title() const { return Text::tr("Idle Snowflake warehouses"); }

QString SnowflakeIdleWarehouses::description() const
{
    return Text::tr("Snowflake warehouses that bill credits on days no query runs on them: auto-suspend is off or "
                    "too long.");
}

std::vector<OptionSpec> SnowflakeIdleWarehouses::ownOptions() const
{
    return {
        {QStringLiteral("days"), Text::tr("Days observed"), OptionSpec::Kind::Number, QStringLiteral("14"),
         Text::tr("days")},
        {QStringLiteral("min_idle_days"), Text::tr("Days billed without a query, at least"), OptionSpec::Kind::Number,
         QStringLiteral("2"), Text::tr("days")},
    };
}

std::vector<RecommendationItem> SnowflakeIdleWarehouses::run(const RecommendationInput &in,
                                                             const ModuleOptions &options) const
{
    std::vector<RecommendationItem> out;
    const int days = std::clamp(static_cast<int>(options.number(QStringLiteral("days"))), 1,
                                RecommendationInput::kCostDays);
    const int32_t from = in.endDay - days + 1;
    const int minIdleDays = std::max(1, static_cast<int>(options.number(QStringLiteral("min_idle_days"))));
    std::map<QString, Warehouse> warehouses; // account + name
    for (const SaasUsageDay &u : in.saasUsage) {
        if (u.service != u"Snowflake" || u.entityKind != u"warehouse" || u.usageType != u"credits-compute"
            || u.day < from || u.quantity <= 0 || u.currency != in.currency)
            continue;
        Warehouse &w = warehouses[u.account + QLatin1Char('\n') + u.entity];
        w.account = u.account;
        w.credits[u.day] += u.quantity;
        w.totalCredits += u.quantity;
        w.cost += u.cost;
    }
    QSet<QString> withHistory; // accounts whose query history is known for the window
    for (const SaasQueryDay &q : in.saasQueries) {
        if (q.service != u"Snowflake" || q.day < from)
            continue;
        withHistory.insert(q.account);
        auto it = warehouses.find(q.account + QLatin1Char('\n') + q.scope);
        if (it == warehouses.end())
            continue;
        // Every clock hour the query touched, on the day it started.
        QSet<int64_t> &hours = it->second.busyHours[q.day];
        for (int64_t h = q.startedMs / kHourMs; h <= (q.startedMs + std::max<int64_t>(q.durationMs, 0)) / kHourMs; ++h)
            hours.insert(h);
    }
    for (const auto &[key, w] : warehouses) {
        int idleDays = 0;
        double idleCredits = 0, idleDayCredits = 0;
        for (const auto &[day, credits] : w.credits) {
            const auto busy = w.busyHours.find(day);
            if (busy == w.busyHours.end()) {
                ++idleDays;
                idleDayCredits += credits;
                idleCredits += credits;
            } else {
                // Billed all day long: the hours without a query are idle too.
                const double share = std::min(1.0, static_cast<double>(busy->second.size()) / 24.0);
                idleCredits += credits * (1.0 - share);
            }
        }
        if (idleDays < minIdleDays || w.totalCredits <= 0 || !withHistory.contains(w.account))
            continue;
        const QString name = key.section(QLatin1Char('\n'), 1);
        const store::ResourceInfo r = saasResource(in, QStringLiteral("Snowflake"), w.account, name,
                                                   QStringLiteral("warehouse"));
        if (RecommendationInput::excluded(r, options))
            continue;
        const double perCredit = w.cost.toDouble() / w.totalCredits;
        RecommendationItem item;
        item.module = id();
        item.resource = r;
        item.saving = Money::fromDouble(idleCredits * perCredit * RecommendationInput::kCostDays / days);
        item.finding = Text::tr("%1 credits billed on %2 of the last %3 days with no query at all; %4 of its %5 "
                                "credits were billed while no query ran.")
                           .arg(QString::number(idleDayCredits, 'f', 1))
                           .arg(idleDays)
                           .arg(days)
                           .arg(QString::number(idleCredits, 'f', 1), QString::number(w.totalCredits, 'f', 1));
        item.computation = Text::tr("Idle credits = credits of the days without a query + on the other days their "
                                    "credits x the share of the 24 hours without a query: %1 credits x %2 a credit "
                                    "x 30 / %3 days = %4 a month.")
                               .arg(QString::number(idleCredits, 'f', 1), moneyText(Money::fromDouble(perCredit), in.currency))
                               .arg(days)
                               .arg(moneyText(item.saving, in.currency));
        item.action = Text::tr("ALTER WAREHOUSE %1 SET AUTO_SUSPEND = 60 (seconds), or drop it if nobody uses it.")
                          .arg(name);
        out.push_back(std::move(item));
    }
    return out;
}

QStringList SnowflakeIdleWarehouses::notes(const RecommendationInput &in, const ModuleOptions &options) const
{
    Q_UNUSED(options)
    bool usage = false, queries = false;
    for (const SaasUsageDay &u : in.saasUsage)
        usage = usage || u.service == u"Snowflake";
    for (const SaasQueryDay &q : in.saasQueries)
        queries = queries || q.service == u"Snowflake";
    if (usage && !queries)
        return {Text::tr("Snowflake credits but no QUERY_HISTORY: every warehouse would look idle, so none is "
                         "judged.")};
    return {};
}

} // namespace costscope::analysis
