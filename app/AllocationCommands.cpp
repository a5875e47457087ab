#include "app/AllocationCommands.h"

#include "app/TextTable.h"
#include "app/Unconverted.h"
#include "app/Workspace.h"
#include "model/CurrencyRates.h"
#include "model/Money.h"
#include "model/analysis/Allocation.h"
#include "model/store/AllocationStore.h"
#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

namespace costscope::app {

namespace {

QString value(const CommandOptions &o, const QString &name)
{
    auto it = o.options.find(name);
    return it == o.options.end() ? QString() : it->second;
}

QString money(int64_t nanos) { return Money::fromNanos(nanos).toString(2); }

int listRules(const analysis::AllocationSettings &s, const CommandOptions &o, QTextStream &out)
{
    if (o.format == u"json") {
        QJsonArray rules;
        for (const analysis::AllocationRule &r : s.rules) {
            QJsonArray targets;
            for (const analysis::AllocationTarget &t : r.targets) {
                QJsonObject target{{QStringLiteral("team"), t.team}};
                if (r.method == analysis::AllocationMethod::Fixed)
                    target.insert(QStringLiteral("percent"), t.basisPoints / 100.0);
                targets.append(target);
            }
            rules.append(QJsonObject{{QStringLiteral("name"), r.name},
                                     {QStringLiteral("active"), r.active},
                                     {QStringLiteral("source"), analysis::allocationSourceName(r.source)},
                                     {QStringLiteral("value"), r.value},
                                     {QStringLiteral("method"), analysis::allocationMethodName(r.method)},
                                     {QStringLiteral("targets"), targets}});
        }
        out << QJsonDocument(QJsonObject{{QStringLiteral("team_tag"), s.teamTagKey}, {QStringLiteral("rules"), rules}})
                   .toJson(QJsonDocument::Indented);
        return 0;
    }
    TextTable table({QStringLiteral("position"), QStringLiteral("name"), QStringLiteral("active"), QStringLiteral("takes"),
                     QStringLiteral("method"), QStringLiteral("targets")});
    for (size_t i = 0; i < s.rules.size(); ++i) {
        const analysis::AllocationRule &r = s.rules[i];
        table.addRow({QString::number(i + 1), r.name, r.active ? QStringLiteral("yes") : QStringLiteral("no"),
                      analysis::sourceText(r), analysis::allocationMethodName(r.method),
                      r.targets.empty() ? QStringLiteral("(every team with cost)") : analysis::targetsText(r)});
    }
    if (o.format == u"csv") {
        out << table.toCsv();
        return 0;
    }
    out << "Teams are the values of tag '" << s.teamTagKey << "'.\n" << table.toText({0});
    return 0;
}

} // namespace

QString allocationUsage()
{
    return QStringLiteral(
        "  allocation [--from D] [--to D] [--currency CODE]  each team's cost before and after the cost\n"
        "                                                     allocation rules (totals equal), every currency\n"
        "                                                     converted to CODE (default: the main one)\n"
        "  allocation rules                                  the allocation rules, in order\n");
}

int runAllocationCommand(const CommandOptions &o, const QStringList &positional, QTextStream &out, QTextStream &err)
{
    if (!positional.isEmpty() && positional != QStringList{QStringLiteral("rules")}) {
        err << "costscope: allocation: unknown argument '" << positional.join(u' ') << "'; try costscope --help\n";
        return 2;
    }
    QDate from;
    QDate to;
    for (const auto &[name, target] : {std::pair{QStringLiteral("from"), &from}, std::pair{QStringLiteral("to"), &to}}) {
        const QString text = value(o, name);
        if (text.isEmpty())
            continue;
        *target = QDate::fromString(text, Qt::ISODate);
        if (!target->isValid() || text.size() != 10) {
            err << "costscope: allocation: --" << name << " must be a date YYYY-MM-DD\n";
            return 2;
        }
    }
    QString currency;
    if (o.options.count(QStringLiteral("currency"))) {
        currency = normalizedCurrencyCode(value(o, QStringLiteral("currency")));
        if (currency.isEmpty()) {
            err << "costscope: allocation: --currency must be a three-letter currency code\n";
            return 2;
        }
    }
    store::CostStore store;
    QString error;
    const QString path = o.workspace.isEmpty() ? defaultWorkspacePath() : o.workspace;
    if (!store.open(path, &error)) {
        err << "costscope: " << error << '\n';
        return 1;
    }
    store::AllocationStore allocation(store);
    const analysis::AllocationSettings settings = allocation.settings();
    if (!positional.isEmpty())
        return listRules(settings, o, out);

    const store::DataRange range = store::CostQuery(store).dataRange();
    if (!to.isValid())
        to = range.isEmpty() ? QDate::currentDate().addDays(1) : range.last.addDays(1);
    if (!from.isValid())
        from = range.isEmpty() ? QDate(to.year(), to.month(), 1) : QDate(range.last.year(), range.last.month(), 1);
    if (to <= from) {
        err << "costscope: allocation: --to must be after --from\n";
        return 2;
    }
    // As the Cost Explorer: every cell converted before the rules split it; no rate: apart, named.
    const analysis::AllocationResult r =
        allocation.allocate(from, to, store::Granularity::Total, store::Measure::Billed,
                            currency.isEmpty() ? store::CostQuery(store).mainCurrency() : currency);
    if (!r.error.isEmpty()) {
        err << "costscope: allocation: " << r.error << '\n';
        return 1;
    }
    QMap<QString, std::pair<int64_t, int64_t>> teams; // before, after (converted cost only)
    for (const store::CostGroup &g : r.before.groups)
        if (g.currency.isEmpty())
            teams[g.key].first = g.total;
    for (const store::CostGroup &g : r.after.groups)
        if (g.currency.isEmpty())
            teams[g.key].second = g.total;
    // Cost with no rate, not split: each team's in its own currency, after the converted rows.
    std::vector<const store::CostGroup *> apart;
    for (const store::CostGroup &g : r.after.groups)
        if (!g.currency.isEmpty())
            apart.push_back(&g);
    auto label = [](const QString &team) -> QString { return team.isEmpty() ? QStringLiteral("(untagged)") : team; };
    // Largest after allocation first, then by name.
    QList<QString> order = teams.keys();
    std::stable_sort(order.begin(), order.end(),
                     [&](const QString &a, const QString &b) { return teams[a].second > teams[b].second; });

    if (o.format == u"json") {
        QJsonArray rows;
        for (const QString &t : order)
            rows.append(QJsonObject{{QStringLiteral("team"), label(t)},
                                    {QStringLiteral("key"), t},
                                    {QStringLiteral("before"), money(teams[t].first)},
                                    {QStringLiteral("after"), money(teams[t].second)},
                                    {QStringLiteral("change"), money(teams[t].second - teams[t].first)}});
        QJsonArray notConverted;
        for (const store::CostGroup *g : apart)
            notConverted.append(QJsonObject{{QStringLiteral("team"), label(g->key)},
                                            {QStringLiteral("key"), g->key},
                                            {QStringLiteral("cost"), money(g->total)},
                                            {QStringLiteral("currency"), g->currency}});
        QJsonArray rules;
        for (const analysis::AllocationRuleOutcome &x : r.rules)
            rules.append(QJsonObject{{QStringLiteral("name"), x.name},
                                     {QStringLiteral("taken"), money(x.taken)},
                                     {QStringLiteral("unallocated"), money(x.unallocated)}});
        out << QJsonDocument(QJsonObject{{QStringLiteral("from"), from.toString(Qt::ISODate)},
                                         {QStringLiteral("to"), to.toString(Qt::ISODate)},
                                         {QStringLiteral("currency"), r.after.currency},
                                         {QStringLiteral("team_tag"), settings.teamTagKey},
                                         {QStringLiteral("total_before"), money(r.before.total)},
                                         {QStringLiteral("total_after"), money(r.after.total)},
                                         {QStringLiteral("teams"), rows},
                                         {QStringLiteral("rules"), rules},
                                         {QStringLiteral("not_converted"), notConverted}})
                   .toJson(QJsonDocument::Indented);
        return 0;
    }
    TextTable table({settings.teamTagKey, QStringLiteral("before"), QStringLiteral("after"), QStringLiteral("change"),
                     QStringLiteral("currency")});
    for (const QString &t : order)
        table.addRow({label(t), money(teams[t].first), money(teams[t].second), money(teams[t].second - teams[t].first),
                      r.after.currency});
    for (const store::CostGroup *g : apart)
        table.addRow({label(g->key), money(g->total), money(g->total), money(0), g->currency});
    if (o.format == u"csv") {
        out << table.toCsv();
        return 0;
    }
    table.addRow({QStringLiteral("total"), money(r.before.total), money(r.after.total),
                  money(r.after.total - r.before.total), r.after.currency});
    out << "Cost allocation " << from.toString(Qt::ISODate) << " to " << to.addDays(-1).toString(Qt::ISODate)
        << " (inclusive), teams by tag '" << settings.teamTagKey << "'\n"
        << table.toText({1, 2, 3});
    for (const analysis::AllocationRuleOutcome &x : r.rules) {
        out << "  rule '" << x.name << "' took " << money(x.taken);
        if (x.unallocated != 0)
            out << ", of which " << money(x.unallocated) << " found no team and stays where it was";
        out << '\n';
    }
    if (r.rules.empty())
        out << "  no allocation rules: before and after are the same (edit them in Cost Explorer)\n";
    out << notCountedLines(r.unconverted, r.after.currency, QStringLiteral("Not counted, not split"));
    return 0;
}

} // namespace costscope::app
