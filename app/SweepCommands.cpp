#include "app/SweepCommands.h"

#include "app/TextTable.h"
#include "model/analysis/recommendations/FlavorCatalog.h"
#include "model/ml/RunStore.h"
#include "model/ml/Sweep.h"
#include "model/ml/SweepMonitor.h"
#include "model/ml/SweepStore.h"
#include "model/store/CostStore.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cmath>

namespace costscope::app {

namespace {

QStringList values(const std::multimap<QString, QString> &options, const char *name)
{
    QStringList out;
    auto [a, b] = options.equal_range(QLatin1String(name));
    for (auto it = a; it != b; ++it)
        out << it->second;
    return out;
}

QString value(const std::multimap<QString, QString> &options, const char *name)
{
    const QStringList v = values(options, name);
    return v.isEmpty() ? QString() : v.last();
}

bool has(const std::multimap<QString, QString> &options, const char *name)
{
    return options.count(QLatin1String(name)) > 0;
}

ml::HourlyPrice catalogPrice(const QString &workspacePath)
{
    auto catalog = std::make_shared<analysis::FlavorCatalog>(analysis::FlavorCatalog::forWorkspace(workspacePath));
    return [catalog](const QString &provider, const QString &region, const QString &type) {
        return catalog->hourlyPrice(provider, region, type);
    };
}

QString money(Money m, const QString &currency) { return m.toString(2) + u' ' + currency; }

QJsonObject progressJson(const ml::SweepPlan &p, const std::optional<ml::SweepProgress> &progress)
{
    QJsonObject o{{QStringLiteral("id"), static_cast<qint64>(p.id)},
                  {QStringLiteral("name"), p.name},
                  {QStringLiteral("experiment"), p.experimentName},
                  {QStringLiteral("experiment_id"), p.experimentId},
                  {QStringLiteral("status"), ml::SweepPlan::statusName(p.status)},
                  {QStringLiteral("status_reason"), p.statusReason},
                  {QStringLiteral("instance_type"), p.instanceType},
                  {QStringLiteral("minutes_per_run"), p.minutesPerRun},
                  {QStringLiteral("hourly_price"), p.hourlyPrice.toString()},
                  {QStringLiteral("runs_planned"), static_cast<qint64>(p.runCount())},
                  {QStringLiteral("planned_cost"), p.projectedCost().toString()},
                  {QStringLiteral("budget"), p.budget.toString()},
                  {QStringLiteral("currency"), p.currency},
                  {QStringLiteral("command"), p.commandTemplate}};
    QJsonArray grid;
    for (const ml::SweepParam &g : p.grid)
        grid.append(QJsonObject{{QStringLiteral("name"), g.name},
                                {QStringLiteral("spec"), g.spec},
                                {QStringLiteral("values"), QJsonArray::fromStringList(g.values)}});
    o[QStringLiteral("grid")] = grid;
    if (progress) {
        o[QStringLiteral("runs_started")] = progress->runsStarted;
        o[QStringLiteral("runs_running")] = progress->runsRunning;
        o[QStringLiteral("runs_finished")] = progress->runsFinished;
        o[QStringLiteral("spent")] = progress->spent.toString();
        o[QStringLiteral("projected")] = progress->projected.toString();
        o[QStringLiteral("cost_estimate")] = progress->estimate;
        o[QStringLiteral("over_budget_runs")] = QJsonArray::fromStringList(progress->overBudgetRunIds);
    }
    return o;
}

int planCommand(const QString &workspacePath, const QString &format, const std::multimap<QString, QString> &options,
                QTextStream &out, QTextStream &err)
{
    ml::SweepPlan plan;
    plan.experimentName = value(options, "experiment").trimmed();
    if (plan.experimentName.isEmpty()) {
        err << "costscope: sweep plan needs --experiment NAME\n";
        return 2;
    }
    for (const QString &p : values(options, "param")) {
        QString error;
        auto param = ml::parseSweepParam(p, &error);
        if (!param) {
            err << "costscope: --param " << error << '\n';
            return 2;
        }
        plan.grid.push_back(*param);
    }
    if (plan.grid.empty()) {
        err << "costscope: sweep plan needs at least one --param NAME=VALUES (0.1,0.01 or 1e-4..1e-1 x4 log)\n";
        return 2;
    }
    plan.instanceType = value(options, "instance-type").trimmed();
    if (plan.instanceType.isEmpty()) {
        err << "costscope: sweep plan needs --instance-type TYPE (e.g. g5.xlarge)\n";
        return 2;
    }
    bool ok = false;
    plan.minutesPerRun = value(options, "minutes").toDouble(&ok);
    if (!ok || !std::isfinite(plan.minutesPerRun) || plan.minutesPerRun <= 0) {
        err << "costscope: --minutes must be the expected minutes per run, above 0\n";
        return 2;
    }
    const auto budget = Money::parse(QStringView(value(options, "budget")));
    if (!budget || *budget <= Money()) {
        err << "costscope: --budget must be an amount above 0 (e.g. 50 or 49.90)\n";
        return 2;
    }
    plan.budget = *budget;
    if (has(options, "hourly-price")) {
        const auto price = Money::parse(QStringView(value(options, "hourly-price")));
        if (!price || *price <= Money()) {
            err << "costscope: --hourly-price must be an amount above 0\n";
            return 2;
        }
        plan.hourlyPrice = *price;
    } else {
        const auto price = catalogPrice(workspacePath)({}, {}, plan.instanceType);
        if (!price) {
            err << "costscope: the catalog has no price for instance type '" << plan.instanceType
                << "'; give --hourly-price\n";
            return 2;
        }
        plan.hourlyPrice = *price;
    }
    plan.name = has(options, "name") ? value(options, "name").trimmed() : plan.experimentName + u"-sweep";
    plan.commandTemplate = value(options, "command");
    plan.createdMs = QDateTime::currentMSecsSinceEpoch();
    const QString uri = has(options, "tracking-uri") ? value(options, "tracking-uri")
                                                     : QStringLiteral("http://127.0.0.1:5000");
    const bool save = has(options, "save");
    if (const QString problem = plan.validate(); !problem.isEmpty() && (save || !problem.contains(u"experiment"))) {
        err << "costscope: " << problem << '\n';
        return 2;
    }

    store::CostStore store;
    QString error;
    if (!store.open(workspacePath, &error)) {
        err << "costscope: " << error << '\n';
        return 1;
    }
    ml::RunStore runs(store.db());
    ml::MlError mlError;
    if (auto exp = runs.experimentByName(plan.experimentName, &mlError))
        plan.experimentId = exp->experimentId;
    if (save) {
        if (plan.experimentId.isEmpty()) {
            if (!runs.ensureDefaultExperiment(&mlError)) {
                err << "costscope: " << mlError.message << '\n';
                return 1;
            }
            auto id = runs.createExperiment(plan.experimentName, {}, {}, &mlError);
            if (!id) {
                err << "costscope: " << mlError.message << '\n';
                return 1;
            }
            plan.experimentId = *id;
        }
        ml::SweepStore sweeps(store.db());
        auto id = sweeps.save(plan, &error);
        if (!id) {
            err << "costscope: " << error << '\n';
            return 1;
        }
        plan.id = *id;
    }
    if (const QString script = value(options, "script"); !script.isEmpty()) {
        QSaveFile file(script);
        if (!file.open(QIODevice::WriteOnly) || file.write(plan.shellScript(uri).toUtf8()) < 0 || !file.commit()) {
            err << "costscope: cannot write " << script << ": " << file.errorString() << '\n';
            return 1;
        }
        QFile::setPermissions(script, QFile::permissions(script) | QFileDevice::ExeOwner | QFileDevice::ExeUser);
    }

    if (format == u"json") {
        out << plan.runsJson(uri);
        return 0;
    }
    if (format == u"csv") {
        TextTable t({QStringLiteral("index"), QStringLiteral("run_name"), QStringLiteral("params"),
                     QStringLiteral("command")});
        for (const ml::SweepRunSpec &r : plan.renderRuns(uri)) {
            QStringList params;
            for (const auto &[k, v] : r.params)
                params << k + u'=' + v;
            t.addRow({QString::number(r.index), r.runName, params.join(u' '), r.command});
        }
        out << t.toCsv();
        return 0;
    }
    QStringList grid;
    for (const ml::SweepParam &g : plan.grid)
        grid << QStringLiteral("%1: %2 (%3)").arg(g.name, g.values.join(QStringLiteral(", "))).arg(g.values.size());
    out << "Sweep       " << plan.name << (plan.id ? QStringLiteral(" (saved as %1)").arg(plan.id) : QStringLiteral(" (not saved; --save keeps it)")) << '\n';
    out << "Experiment  " << plan.experimentName << (plan.experimentId.isEmpty() ? QStringLiteral(" (new)") : QString()) << '\n';
    out << "Grid        " << grid.join(QStringLiteral("; ")) << '\n';
    out << "Runs        " << plan.runCount() << '\n';
    out << "Instance    " << plan.instanceType << " at " << money(plan.hourlyPrice, plan.currency) << "/h\n";
    out << "Per run     " << plan.minutesPerRun << " min, " << plan.costPerRun().toString() << ' ' << plan.currency << '\n';
    out << "Projected   " << plan.projectedCost().toString() << ' ' << plan.currency << " of a "
        << money(plan.budget, plan.currency) << " budget: "
        << (plan.overBudget() ? QStringLiteral("OVER BUDGET by %1").arg(money(plan.projectedCost() - plan.budget, plan.currency))
                              : QStringLiteral("within budget"))
        << '\n';
    if (!plan.commandTemplate.isEmpty()) {
        out << "Commands (environment: --format json or --script FILE):\n";
        for (const ml::SweepRunSpec &r : plan.renderRuns(uri))
            out << "  " << r.command << '\n';
    }
    return 0;
}

int listCommand(const QString &workspacePath, const QString &format, const QStringList &positional,
                QTextStream &out, QTextStream &err)
{
    std::optional<int64_t> only;
    if (positional.size() > 2) {
        err << "costscope: sweep status takes one sweep id\n";
        return 2;
    }
    if (positional.size() == 2) {
        bool ok = false;
        only = positional.at(1).toLongLong(&ok);
        if (!ok || *only <= 0) {
            err << "costscope: '" << positional.at(1).left(40) << "' is not a sweep id\n";
            return 2;
        }
    } else if (positional.at(0) == u"status") {
        err << "costscope: sweep status needs a sweep id (costscope sweep list shows them)\n";
        return 2;
    }
    store::CostStore store;
    QString error;
    if (!store.open(workspacePath, &error)) {
        err << "costscope: " << error << '\n';
        return 1;
    }
    ml::SweepStore sweeps(store.db());
    std::vector<ml::SweepPlan> plans;
    if (only) {
        auto p = sweeps.load(*only, &error);
        if (!p) {
            err << "costscope: " << error << '\n';
            return 1;
        }
        plans.push_back(*p);
    } else {
        auto all = sweeps.list(&error);
        if (!all) {
            err << "costscope: " << error << '\n';
            return 1;
        }
        plans = std::move(*all);
    }
    ml::RunStore runs(store.db());
    ml::SweepMonitor monitor(store.db(), runs, catalogPrice(workspacePath));
    std::vector<std::optional<ml::SweepProgress>> progress;
    for (const ml::SweepPlan &p : plans) {
        progress.push_back(monitor.progress(p, &error));
        if (!progress.back()) {
            err << "costscope: sweep " << p.id << ": " << error << '\n';
            return 1;
        }
    }
    if (format == u"json") {
        if (only) {
            out << QJsonDocument(progressJson(plans[0], progress[0])).toJson(QJsonDocument::Indented);
        } else {
            QJsonArray a;
            for (size_t i = 0; i < plans.size(); ++i)
                a.append(progressJson(plans[i], progress[i]));
            out << QJsonDocument(a).toJson(QJsonDocument::Indented);
        }
        return 0;
    }
    if (only && format == u"table") {
        const ml::SweepPlan &p = plans[0];
        const ml::SweepProgress &g = *progress[0];
        out << "Sweep       " << p.id << ' ' << p.name << '\n';
        out << "Experiment  " << p.experimentName << '\n';
        out << "Status      " << ml::SweepPlan::statusName(p.status) << '\n';
        if (!p.statusReason.isEmpty())
            out << "Reason      " << p.statusReason << '\n';
        out << "Runs        " << g.runsStarted << " started of " << g.runsPlanned << " planned (" << g.runsRunning
            << " running, " << g.runsFinished << " finished)\n";
        out << "Spent       " << (g.estimate ? u"~" : u"") << g.spent.toString() << ' ' << p.currency << '\n';
        out << "Projected   " << g.projected.toString() << ' ' << p.currency << " of a " << money(p.budget, p.currency)
            << " budget (planned " << p.projectedCost().toString() << ' ' << p.currency << ")\n";
        if (!g.overBudgetRunIds.isEmpty())
            out << "Over budget " << g.overBudgetRunIds.join(QStringLiteral(", ")) << '\n';
        return 0;
    }
    TextTable t({QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("experiment"), QStringLiteral("status"),
                 QStringLiteral("runs"), QStringLiteral("spent"), QStringLiteral("projected"), QStringLiteral("budget"),
                 QStringLiteral("currency"), QStringLiteral("reason")});
    for (size_t i = 0; i < plans.size(); ++i) {
        const ml::SweepPlan &p = plans[i];
        const ml::SweepProgress &g = *progress[i];
        t.addRow({QString::number(p.id), p.name, p.experimentName, ml::SweepPlan::statusName(p.status),
                  QStringLiteral("%1/%2").arg(g.runsStarted).arg(g.runsPlanned), g.spent.toString(2),
                  g.projected.toString(2), p.budget.toString(2), p.currency, p.statusReason});
    }
    out << (format == u"csv" ? t.toCsv() : t.toText({0, 5, 6, 7}));
    return 0;
}

} // namespace

QString sweepUsage()
{
    return QStringLiteral(
        "  sweep plan --experiment NAME --param NAME=VALUES... --instance-type T --minutes M --budget B\n"
        "     [--name N] [--command CMD] [--hourly-price P] [--tracking-uri URI] [--script FILE] [--save]\n"
        "                                                    a budgeted grid: runs, projected cost, each run's\n"
        "                                                     command and environment; VALUES 0.1,0.01 or\n"
        "                                                     1e-4..1e-1 x4 log; CMD uses {NAME}\n"
        "  sweep list | sweep status ID                      saved sweeps: status, spent, projected, reason\n");
}

int runSweepCommand(const QString &workspacePath, const QString &format, const QStringList &positional,
                    const std::multimap<QString, QString> &options, QTextStream &out, QTextStream &err)
{
    const QString sub = positional.value(0);
    if (sub == u"plan")
        return planCommand(workspacePath, format, options, out, err);
    if (sub == u"list" || sub == u"status")
        return listCommand(workspacePath, format, positional, out, err);
    err << "costscope: sweep needs plan, list or status ID\n";
    return 2;
}

} // namespace costscope::app
