#include "app/BudgetCommands.h"

#include "app/TextTable.h"
#include "app/Unconverted.h"
#include "app/Workspace.h"
#include "model/Money.h"
#include "model/analysis/Budgets.h"
#include "model/CurrencyRates.h"
#include "model/store/CostStore.h"
#include "model/store/CurrencyRateStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace costscope::app {

namespace {

QString value(const CommandOptions &o, const QString &name)
{
    auto it = o.options.find(name);
    return it == o.options.end() ? QString() : it->second;
}

QString money(int64_t nanos) { return Money::fromNanos(nanos).toString(2); }

QString percentText(double p) { return p < 0 ? QString() : QString::number(p, 'f', 1); }

QString resourceOf(const analysis::BudgetViolation &v)
{
    return v.resources.join(QStringLiteral("; "));
}

} // namespace

QString budgetsUsage()
{
    return QStringLiteral(
        "  budgets [--month YYYY-MM]                          pools with limit, month to date, forecast and\n"
        "          [--list pools|violations]                  status; thresholds crossed; constraint\n"
        "                                                     violations with their resources\n"
        "          [--currency CODE]                          amounts in CODE at the month's rate from the\n"
        "                                                     limits' currency (default: the limits')\n");
}

int runBudgetsCommand(const CommandOptions &o, const QDate &today, int64_t now, QTextStream &out, QTextStream &err)
{
    QDate month;
    if (o.options.count(QStringLiteral("month"))) {
        const QString text = value(o, QStringLiteral("month"));
        month = QDate::fromString(text + QStringLiteral("-01"), Qt::ISODate);
        if (text.size() != 7 || !month.isValid()) {
            err << "costscope: budgets: --month must be a month YYYY-MM\n";
            return 2;
        }
    }
    const QString list = o.options.count(QStringLiteral("list")) ? value(o, QStringLiteral("list")) : QString();
    if (!list.isEmpty() && list != u"pools" && list != u"violations") {
        err << "costscope: budgets: --list must be pools or violations\n";
        return 2;
    }
    QString currency;
    if (o.options.count(QStringLiteral("currency"))) {
        currency = normalizedCurrencyCode(value(o, QStringLiteral("currency")));
        if (currency.isEmpty()) {
            err << "costscope: budgets: --currency must be a three-letter currency code\n";
            return 2;
        }
    }
    store::CostStore store;
    const QString path = o.workspace.isEmpty() ? defaultWorkspacePath() : o.workspace;
    QString error;
    if (!store.open(path, &error)) {
        err << "costscope: " << error << '\n';
        return 1;
    }
    analysis::BudgetReport r = analysis::computeBudgets(store, month, today, now);
    if (!r.error.isEmpty()) {
        err << "costscope: budgets: " << r.error << '\n';
        return 1;
    }
    if (!currency.isEmpty() && !analysis::convertBudgetReport(&r, currency, store::CurrencyRateStore(store).load(), &error)) {
        err << "costscope: budgets: " << error << '\n';
        return 1;
    }
    const QJsonArray unconverted = unconvertedJson(r.unconverted);
    QStringList unconvertedText;
    for (const store::UnconvertedAmount &u : r.unconverted) {
        QStringList months;
        for (const QDate &m : u.months)
            months << m.toString(QStringLiteral("yyyy-MM"));
        unconvertedText << QStringLiteral("%1 %2 in %3").arg(money(u.nanos), u.currency, months.join(QStringLiteral(", ")));
    }
    if (o.format == u"json") {
        QJsonArray pools;
        for (const analysis::PoolResult &p : r.pools)
            pools.append(QJsonObject{{QStringLiteral("name"), p.name},
                                     {QStringLiteral("parent"), p.parent},
                                     {QStringLiteral("depth"), p.depth},
                                     {QStringLiteral("limit"), money(p.limit)},
                                     {QStringLiteral("month_to_date"), money(p.monthToDate)},
                                     {QStringLiteral("forecast"), money(p.forecast)},
                                     {QStringLiteral("forecast_low"), money(p.forecastLow)},
                                     {QStringLiteral("forecast_high"), money(p.forecastHigh)},
                                     {QStringLiteral("percent_used"),
                                      p.percentUsed < 0 ? QJsonValue() : QJsonValue(std::round(p.percentUsed * 10) / 10)},
                                     {QStringLiteral("status"), analysis::budgetStatusName(p.status)}});
        QJsonArray alerts;
        for (const analysis::BudgetAlert &a : r.alerts)
            alerts.append(QJsonObject{{QStringLiteral("pool"), a.pool},
                                      {QStringLiteral("threshold"), a.threshold.key()},
                                      {QStringLiteral("threshold_amount"), money(a.thresholdAmount)},
                                      {QStringLiteral("value"), money(a.value)},
                                      {QStringLiteral("already_fired"), !a.isNew},
                                      {QStringLiteral("message"), a.message}});
        QJsonArray violations;
        for (const analysis::BudgetViolation &v : r.violations)
            violations.append(QJsonObject{{QStringLiteral("kind"), analysis::constraintKindName(v.kind)},
                                          {QStringLiteral("pool"), v.pool},
                                          {QStringLiteral("resource"), v.resourceId},
                                          {QStringLiteral("message"), v.message},
                                          {QStringLiteral("resources"), QJsonArray::fromStringList(v.resources)}});
        const QJsonObject doc{{QStringLiteral("month"), r.month.toString(QStringLiteral("yyyy-MM"))},
                              {QStringLiteral("as_of"), r.asOf.isValid() ? r.asOf.toString(Qt::ISODate) : QString()},
                              {QStringLiteral("currency"), r.currency},
                              {QStringLiteral("limit_currency"), r.limitCurrency},
                              {QStringLiteral("unconverted"), unconverted},
                              {QStringLiteral("pools"), pools},
                              {QStringLiteral("alerts"), alerts},
                              {QStringLiteral("violations"), violations}};
        out << QJsonDocument(doc).toJson(QJsonDocument::Indented);
        return 0;
    }
    const bool csv = o.format == u"csv";
    QStringList poolHeader{QStringLiteral("pool"), QStringLiteral("parent"), QStringLiteral("limit"),
                           QStringLiteral("month_to_date"), QStringLiteral("percent_used"), QStringLiteral("forecast"),
                           QStringLiteral("status")};
    if (csv) // money as a plain decimal with its currency beside it
        poolHeader << QStringLiteral("currency");
    TextTable pools(poolHeader);
    for (const analysis::PoolResult &p : r.pools) {
        QStringList row{csv ? p.name : QString(p.depth * 2, u' ') + p.name, p.parent,
                        p.limit > 0 ? money(p.limit) : QString(), money(p.monthToDate), percentText(p.percentUsed),
                        money(p.forecast), analysis::budgetStatusName(p.status)};
        if (csv)
            row << r.currency;
        pools.addRow(row);
    }
    TextTable violations({QStringLiteral("kind"), QStringLiteral("pool"), QStringLiteral("message"),
                          QStringLiteral("resources")});
    for (const analysis::BudgetViolation &v : r.violations)
        violations.addRow({analysis::constraintKindName(v.kind), v.pool.isEmpty() ? v.resourceId : v.pool, v.message,
                           resourceOf(v)});
    if (o.format == u"csv") {
        out << (list == u"violations" ? violations.toCsv() : pools.toCsv());
        return 0;
    }
    if (list != u"violations") {
        out << "Budgets for " << r.month.toString(QStringLiteral("yyyy-MM"));
        if (r.asOf.isValid())
            out << ", costs up to " << r.asOf.toString(Qt::ISODate);
        out << "; amounts in " << r.currency;
        if (r.limitCurrency != r.currency)
            out << " (limits in " << r.limitCurrency << ", at the month's rate)";
        out << "\n";
        if (!unconvertedText.isEmpty())
            out << "Left out, no rate to " << r.limitCurrency << ": " << unconvertedText.join(QStringLiteral("; "))
                << "\n";
        out << '\n' << pools.toText({2, 3, 4, 5});
        if (!r.alerts.empty()) {
            out << "\nAlerts:\n";
            for (const analysis::BudgetAlert &a : r.alerts)
                out << "  " << a.message << '\n';
        }
    }
    if (list != u"pools") {
        out << '\n' << r.violations.size() << " constraint violations\n";
        if (!r.violations.empty())
            out << violations.toText();
    }
    return 0;
}

} // namespace costscope::app
