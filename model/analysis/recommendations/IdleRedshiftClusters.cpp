#include "model/analysis/recommendations/IdleRedshiftClusters.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>
#include <map>

namespace costscope::analysis {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(costscope::analysis::IdleRedshiftClusters)
};

struct Cluster
{
    QString account;
    double nodeHours = 0;  // over the observed days
    Money monthCost;       // node hours of the last 30 days
    int32_t firstDay = INT32_MAX;
};
} // namespace

QString IdleRedshiftClusters::title() const { return Text::tr("Idle Redshift clusters"); }

QString IdleRedshiftClusters::description() const
{
    return Text::tr("Provisioned Redshift clusters that bill node hours while (almost) no query runs on them.");
}

std::vector<OptionSpec> IdleRedshiftClusters::ownOptions() const
{
    return {
        {QStringLiteral("days"), Text::tr("Days observed"), OptionSpec::Kind::Number, QStringLiteral("7"),
         Text::tr("days")},
        {QStringLiteral("max_queries"), Text::tr("Queries at most"), OptionSpec::Kind::Number, QStringLiteral("0"),
         Text::tr("queries")},
    };
}

std::vector<RecommendationItem> IdleRedshiftClusters::run(const RecommendationInput &in,
                                                          const ModuleOptions &options) const
{
    std::vector<RecommendationItem> out;
    const int days = std::clamp(static_cast<int>(options.number(QStringLiteral("days"))), 1,
                                RecommendationInput::kCostDays);
    const int32_t from = in.endDay - days + 1;
    const int32_t monthFrom = in.endDay - RecommendationInput::kCostDays + 1;
    const double maxQueries = options.number(QStringLiteral("max_queries"));
    std::map<QString, Cluster> clusters;
    for (const SaasUsageDay &u : in.saasUsage) {
        if (u.service != u"Redshift" || u.entityKind != u"cluster" || u.usageType != u"node-hours"
            || u.day < monthFrom || u.currency != in.currency)
            continue;
        Cluster &c = clusters[u.entity];
        c.account = u.account;
        c.firstDay = std::min(c.firstDay, u.day);
        c.monthCost += u.cost;
        if (u.day >= from)
            c.nodeHours += u.quantity;
    }
    // Queries count only where the account's query history is known (some query in the window).
    QSet<QString> withHistory;
    QHash<QString, int> queries; // account + cluster name -> queries in the window
    for (const SaasQueryDay &q : in.saasQueries) {
        if (q.service != u"Redshift" || q.day < from)
            continue;
        withHistory.insert(q.account);
        ++queries[q.account + QLatin1Char('\n') + q.scope];
    }
    for (const auto &[entity, c] : clusters) {
        if (c.nodeHours <= 0 || c.firstDay > from || !withHistory.contains(c.account))
            continue;
        const QString name = saasEntityName(entity);
        const int n = queries.value(c.account + QLatin1Char('\n') + name)
                      + (name == entity ? 0 : queries.value(c.account + QLatin1Char('\n') + entity));
        if (n > maxQueries)
            continue;
        const store::ResourceInfo r = saasResource(in, QStringLiteral("AWS"), c.account, entity, QStringLiteral("cluster"));
        if (isGone(r) || RecommendationInput::excluded(r, options))
            continue;
        RecommendationItem item;
        item.module = id();
        item.resource = r;
        item.saving = c.monthCost;
        item.finding = Text::tr("%1 node hours billed over the last %2 days and %3 queries run on the cluster.")
                           .arg(QString::number(c.nodeHours, 'f', 0))
                           .arg(days)
                           .arg(n);
        item.computation = Text::tr("Its node hours over the last 30 days: %1 a month.")
                               .arg(moneyText(c.monthCost, in.currency));
        item.action = Text::tr("Pause the cluster (or take a final snapshot and delete it); resume it when it is "
                               "needed again.");
        out.push_back(std::move(item));
    }
    return out;
}

QStringList IdleRedshiftClusters::notes(const RecommendationInput &in, const ModuleOptions &options) const
{
    Q_UNUSED(options)
    QSet<QString> clusterAccounts, queryAccounts;
    for (const SaasUsageDay &u : in.saasUsage)
        if (u.service == u"Redshift" && u.entityKind == u"cluster")
            clusterAccounts.insert(u.account);
    for (const SaasQueryDay &q : in.saasQueries)
        if (q.service == u"Redshift")
            queryAccounts.insert(q.account);
    QStringList missing;
    for (const QString &a : clusterAccounts)
        if (!queryAccounts.contains(a))
            missing << a;
    if (missing.isEmpty())
        return {};
    missing.sort();
    return {Text::tr("No Redshift query history for account(s) %1: their clusters are not judged.")
                .arg(missing.join(QStringLiteral(", ")))};
}

} // namespace costscope::analysis
