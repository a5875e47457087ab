#include "app/RecommendationCommands.h"

#include "app/TextTable.h"
#include "app/Unconverted.h"
#include "model/CurrencyRates.h"
#include "model/Domain.h"
#include "model/analysis/recommendations/RecommendationEngine.h"
#include "model/store/CostStore.h"
#include "model/store/CurrencyRateStore.h"
#include "model/store/RecommendationQuery.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace costscope::app {

using namespace costscope::analysis;

QString recommendationsUsage()
{
    return QStringLiteral(
        "  recommendations [--module ID] [--all]             what to cut: every module's findings and monthly\n"
        "                  [--currency CODE]                  savings (--all lists dismissed items too); in\n"
        "                                                     CODE at the rate of the last cost day's month\n"
        "  recommendations dismiss|restore MODULE RESOURCE   hide an item from the totals, or bring it back\n");
}

int runRecommendationsCommand(const QString &workspacePath, const QString &format, const QStringList &positional,
                              const std::multimap<QString, QString> &options, QTextStream &out, QTextStream &err)
{
    store::CostStore store;
    QString error;
    if (!store.open(workspacePath, &error)) {
        err << "costscope: " << error << '\n';
        return 1;
    }
    const QString action = positional.value(0);
    if (action == u"dismiss" || action == u"restore") {
        if (positional.size() != 3 || !RecommendationEngine::module(positional[1])) {
            err << "costscope: recommendations " << action << " needs a module id and a resource id\n";
            return 2;
        }
        store::RecommendationQuery q(store);
        if (!q.setDismissed(positional[1], positional[2], action == u"dismiss", QDateTime::currentSecsSinceEpoch())) {
            err << "costscope: could not save: " << store.db().lastError() << '\n';
            return 1;
        }
        out << (action == u"dismiss" ? "dismissed " : "restored ") << positional[2] << '\n';
        return 0;
    }
    if (!action.isEmpty()) {
        err << "costscope: unknown recommendations action '" << action << "'\n";
        return 2;
    }
    const auto moduleIt = options.find(QStringLiteral("module"));
    const QString only = moduleIt == options.end() ? QString() : moduleIt->second;
    if (!only.isEmpty() && !RecommendationEngine::module(only)) {
        err << "costscope: unknown module '" << only << "'\n";
        return 2;
    }
    const bool all = options.count(QStringLiteral("all")) > 0;
    QString currency;
    if (const auto c = options.find(QStringLiteral("currency")); c != options.end()) {
        currency = normalizedCurrencyCode(c->second);
        if (currency.isEmpty()) {
            err << "costscope: recommendations: --currency must be a three-letter currency code\n";
            return 2;
        }
    }
    RecommendationRun run;
    if (!RecommendationEngine::run(store, &run, {}, {}, true, QDateTime::currentSecsSinceEpoch(), &error)) {
        err << "costscope: recommendations failed: " << error << '\n';
        return 1;
    }
    if (!convertRecommendationRun(&run, currency, store::CurrencyRateStore(store).load(), &error)) {
        err << "costscope: recommendations: the savings are computed in " << run.currency << " and " << error
            << '\n';
        return 1;
    }
    if (!only.isEmpty()) { // the totals and the amounts not counted of that module alone
        std::erase_if(run.modules, [&](const ModuleResult &m) { return m.id != only; });
        sumRecommendationRun(&run);
    }
    const QString cur = run.currency;
    auto money = [](Money m) -> QString { return m.toString(2); };
    if (format == u"json") {
        QJsonArray modules;
        MoneySum total;
        for (const ModuleResult &m : run.modules) {
            if (!only.isEmpty() && m.id != only)
                continue;
            total.add(m.saving);
            QJsonArray items;
            for (const RecommendationItem &i : m.items) {
                if (i.dismissed && !all)
                    continue;
                QJsonObject item{{QStringLiteral("resource_id"), i.resource.resourceId},
                                         {QStringLiteral("name"), i.resource.name},
                                         {QStringLiteral("provider"), i.resource.provider},
                                         {QStringLiteral("account"), i.resource.accountId},
                                         {QStringLiteral("region"), i.resource.region},
                                         {QStringLiteral("type"), i.resource.type},
                                         {QStringLiteral("flavor"), i.resource.flavor},
                                         {QStringLiteral("monthly_saving"), money(i.saving)},
                                         {QStringLiteral("finding"), i.finding},
                                         {QStringLiteral("computation"), i.computation},
                                         {QStringLiteral("action"), i.action},
                                         {QStringLiteral("dismissed"), i.dismissed}};
                // The saving's own currency: the run's, or (no rate) the one it was priced in.
                item.insert(QStringLiteral("currency"), i.currency.isEmpty() ? cur : i.currency);
                item.insert(QStringLiteral("converted"), i.currency.isEmpty() || i.currency == cur);
                if (!i.computedCurrency.isEmpty() && i.computedCurrency != i.currency) {
                    item.insert(QStringLiteral("computed_saving"), money(i.computedSaving));
                    item.insert(QStringLiteral("computed_currency"), i.computedCurrency);
                }
                items.append(item);
            }
            QJsonObject opts;
            for (auto it = m.options.values().constBegin(); it != m.options.values().constEnd(); ++it)
                opts.insert(it.key(), it.value());
            modules.append(QJsonObject{{QStringLiteral("id"), m.id},
                                       {QStringLiteral("title"), m.title},
                                       {QStringLiteral("options"), opts},
                                       {QStringLiteral("count"), m.activeCount},
                                       {QStringLiteral("dismissed"), m.dismissedCount},
                                       {QStringLiteral("monthly_saving"), money(m.saving)},
                                       {QStringLiteral("notes"), QJsonArray::fromStringList(m.notes)},
                                       {QStringLiteral("items"), items}});
        }
        QJsonObject doc{{QStringLiteral("currency"), cur},
                        {QStringLiteral("computed_currency"), run.computedCurrency.isEmpty() ? cur : run.computedCurrency},
                        {QStringLiteral("data_until"),
                         run.endDay >= 0 ? dateFromDayNumber(run.endDay).toString(Qt::ISODate) : QString()},
                        {QStringLiteral("monthly_saving"), money(total.total())},
                        {QStringLiteral("unconverted"), unconvertedJson(run.unconverted)},
                        {QStringLiteral("modules"), modules}};
        out << QJsonDocument(doc).toJson(QJsonDocument::Indented);
        return 0;
    }
    QStringList header{QStringLiteral("module"), QStringLiteral("resource"), QStringLiteral("name"),
                       QStringLiteral("saving/month"), QStringLiteral("finding")};
    if (format == u"csv") // money as a plain decimal with its currency beside it
        header << QStringLiteral("dismissed") << QStringLiteral("currency");
    TextTable table(header);
    MoneySum total;
    int count = 0;
    for (const ModuleResult &m : run.modules) {
        if (!only.isEmpty() && m.id != only)
            continue;
        total.add(m.saving);
        for (const RecommendationItem &i : m.items) {
            if (i.dismissed && !all)
                continue;
            ++count;
            if (format == u"csv")
                table.addRow({m.id, i.resource.resourceId, i.resource.name, money(i.saving), i.finding,
                              i.dismissed ? QStringLiteral("yes") : QStringLiteral("no"),
                              i.currency.isEmpty() ? cur : i.currency});
            else // a saving with no rate keeps its currency, named beside it
                table.addRow({m.id, i.resource.resourceId, i.resource.name,
                              money(i.saving)
                                  + (i.currency.isEmpty() || i.currency == cur ? QString() : u' ' + i.currency)
                                  + (i.dismissed ? QStringLiteral(" (dismissed)") : QString()),
                              i.finding});
        }
    }
    if (format == u"csv") {
        out << table.toCsv();
        err << notCountedLines(run.unconverted, cur);
        return 0;
    }
    out << table.toText({3});
    out << count << " recommendations, " << total.total().toDisplay(cur) << " a month";
    if (run.endDay >= 0)
        out << " (data until " << dateFromDayNumber(run.endDay).toString(Qt::ISODate) << ")";
    out << '\n';
    out << notCountedLines(run.unconverted, cur);
    // What a module could not judge (no data for an account, no price).
    for (const ModuleResult &m : run.modules)
        if (only.isEmpty() || m.id == only)
            for (const QString &note : m.notes)
                out << m.id << ": " << note << '\n';
    return 0;
}

} // namespace costscope::app
