#include "model/ml/SweepMonitor.h"

#include "model/ml/RunStore.h"
#include "model/ml/SweepStore.h"
#include "model/store/SqliteDb.h"

#include <QDateTime>
#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcSweep, "costscope.ml.sweep")

namespace costscope::ml {

using store::Statement;

namespace {

bool isFinishedStatus(const QString &status)
{
    return status == u"FINISHED" || status == u"FAILED" || status == u"KILLED";
}

Money priceForMs(Money hourly, int64_t ms)
{
    if (ms <= 0)
        return {};
    Int128 p = static_cast<Int128>(hourly.nanos()) * ms;
    p = (p + 1'800'000) / 3'600'000;
    return Money::fromNanos(static_cast<int64_t>(std::min<Int128>(p, INT64_MAX)));
}

} // namespace

SweepEvents *SweepEvents::instance()
{
    static SweepEvents *events = new SweepEvents; // lives as long as the process
    return events;
}

SweepMonitor::SweepMonitor(store::SqliteDb &db, RunStore &runs, HourlyPrice fallbackPrice)
    : m_db(db), m_runs(runs), m_fallback(std::move(fallbackPrice))
{
}

int64_t SweepMonitor::now() const { return m_now ? m_now() : QDateTime::currentMSecsSinceEpoch(); }

std::optional<std::vector<Run>> SweepMonitor::sweepRuns(const SweepPlan &plan, QString *error)
{
    std::vector<Run> out;
    RunQuery q;
    q.experimentIds = {plan.experimentId};
    q.filter = QStringLiteral("tags.`%1` = '%2'").arg(QLatin1String(kSweepTag)).arg(plan.id);
    q.maxResults = 50000;
    q.orderBy = {QStringLiteral("attributes.start_time ASC")};
    for (;;) {
        MlError e;
        auto page = m_runs.searchRuns(q, &e);
        if (!page) {
            if (error)
                *error = e.message;
            return std::nullopt;
        }
        std::move(page->runs.begin(), page->runs.end(), std::back_inserter(out));
        if (page->nextPageToken.isEmpty())
            break;
        q.pageToken = page->nextPageToken;
    }
    return out;
}

SweepProgress SweepMonitor::evaluate(const SweepPlan &plan, const std::vector<Run> &runs)
{
    SweepProgress p;
    p.runsPlanned = static_cast<int>(std::min<int64_t>(plan.runCount(), kMaxSweepRuns));
    const int64_t nowMs = now();
    HourlyPrice price = [&plan, this](const QString &provider, const QString &region,
                                      const QString &type) -> std::optional<Money> {
        if (type == plan.instanceType)
            return plan.hourlyPrice;
        if (m_fallback)
            return m_fallback(provider, region, type);
        return std::nullopt;
    };
    RunCostCalculator calc(m_db, price, nowMs);
    calc.setCurrency(plan.currency); // the budget's currency; parts with no rate to it are not spent
    const Money perRun = plan.costPerRun();
    Money projectedRunning;
    QStringList running;
    for (const Run &r : runs) {
        ++p.runsStarted;
        RunCost c = calc.cost(r);
        Money cost = c.cost;
        if (!c.known()) {
            // No machine on the run: the sweep's instance type for the run's time.
            const int64_t end = r.info.endTime.value_or(nowMs);
            cost = priceForMs(plan.hourlyPrice, end - r.info.startTime);
            p.estimate = true;
        } else if (c.isEstimate()) {
            p.estimate = true;
        }
        p.spent += cost;
        if (isFinishedStatus(r.info.status)) {
            ++p.runsFinished;
        } else {
            ++p.runsRunning;
            running << r.info.runId;
            projectedRunning += std::max(cost, perRun) - cost;
        }
    }
    const int64_t notStarted = std::max<int64_t>(0, p.runsPlanned - p.runsStarted);
    p.projected = p.spent + projectedRunning + Money::fromNanos(perRun.nanos() * notStarted);
    p.overBudget = p.projected > plan.budget;
    if (p.overBudget)
        p.overBudgetRunIds = running;
    return p;
}

std::optional<SweepProgress> SweepMonitor::progress(const SweepPlan &plan, QString *error)
{
    auto runs = sweepRuns(plan, error);
    if (!runs)
        return std::nullopt;
    SweepProgress p = evaluate(plan, *runs);
    // A stopped sweep's flagged runs are those that carry the tag, whatever runs now.
    p.overBudgetRunIds.clear();
    for (const Run &r : *runs)
        if (r.tag(QString::fromLatin1(kSweepOverBudgetTag)) == u"true")
            p.overBudgetRunIds << r.info.runId;
    return p;
}

QString overBudgetReason(const SweepPlan &plan, const SweepProgress &progress)
{
    const QString why = plan.overBudget()
        ? QStringLiteral("the plan itself (%1 runs of %2 min at %3/h) costs %4")
              .arg(plan.runCount())
              .arg(plan.minutesPerRun)
              .arg(plan.hourlyPrice.toDisplay(plan.currency), plan.projectedCost().toDisplay(plan.currency))
        : QStringLiteral("runs take longer or cost more than the planned %1 min at %2/h")
              .arg(plan.minutesPerRun)
              .arg(plan.hourlyPrice.toDisplay(plan.currency));
    return QStringLiteral("Projected spend %1 is over the budget of %2: %3 of %4 runs started, %5 spent so far; %6. "
                          "The runs still running were tagged %7=true; start no more runs.")
        .arg(progress.projected.toDisplay(plan.currency), plan.budget.toDisplay(plan.currency))
        .arg(progress.runsStarted)
        .arg(progress.runsPlanned)
        .arg(progress.spent.toDisplay(plan.currency), why, QLatin1String(kSweepOverBudgetTag));
}

void SweepMonitor::runWritten(const QString &runId)
{
    // Cheap checks first: this runs after every logged metric.
    if (m_db.queryInt("SELECT COUNT(*) FROM ml_sweep WHERE status IN ('planned', 'running', 'stopped')") == 0)
        return;
    Statement st(m_db, R"sql(SELECT r.experiment_id, r.status, r.lifecycle,
            (SELECT value FROM ml_tag WHERE run_id = r.id AND key = ?2),
            (SELECT value FROM ml_tag WHERE run_id = r.id AND key = ?3)
        FROM ml_run r WHERE r.uuid = ?1)sql");
    st.bind(1, runId).bind(2, QString::fromLatin1(kSweepTag)).bind(3, QString::fromLatin1(kSweepOverBudgetTag));
    if (!st.next())
        return;
    const int64_t experimentRow = st.columnInt(0);
    const QString status = st.columnText(1);
    const bool active = st.columnText(2) == QLatin1String(kActive);
    const bool tagged = !st.columnIsNull(3);
    const QString sweepTag = st.columnText(3);
    const bool flagged = st.columnText(4) == u"true";
    st.reset();
    if (!active)
        return;

    int64_t sweepId = 0;
    if (tagged) {
        bool ok = false;
        sweepId = sweepTag.toLongLong(&ok);
        if (!ok)
            return;
    } else {
        // An untagged run created in the experiment of a running sweep belongs to it.
        Statement find(m_db, "SELECT id FROM ml_sweep WHERE experiment_id = ? AND status = 'running' "
                             "ORDER BY created_ms DESC, id DESC LIMIT 1");
        find.bind(1, experimentRow);
        if (!find.next() || isFinishedStatus(status))
            return;
        sweepId = find.columnInt(0);
    }

    SweepStore sweeps(m_db);
    QString error;
    auto plan = sweeps.load(sweepId, &error);
    if (!plan)
        return; // a tag naming no sweep: nothing to watch
    if (plan->experimentId != QString::number(experimentRow))
        return; // tagged with another experiment's sweep
    MlError mlError;
    if (!tagged) {
        if (!m_runs.setTag(runId, QString::fromLatin1(kSweepTag), QString::number(sweepId), &mlError)) {
            m_lastError = mlError.message;
            return;
        }
        bool hasType = false;
        if (auto run = m_runs.run(runId, &mlError))
            run->tag(QString::fromLatin1(kInstanceTypeTag), &hasType);
        if (!hasType)
            m_runs.setTag(runId, QString::fromLatin1(kInstanceTypeTag), plan->instanceType, &mlError);
    }
    switch (plan->status) {
    case SweepPlan::Status::Finished:
        return;
    case SweepPlan::Status::Stopped:
        // A run that goes on (or starts) after the sweep was stopped spends past the budget.
        if (!flagged && !isFinishedStatus(status)
            && !m_runs.setTag(runId, QString::fromLatin1(kSweepOverBudgetTag), QStringLiteral("true"), &mlError))
            m_lastError = mlError.message;
        return;
    case SweepPlan::Status::Planned:
        if (!sweeps.setStatus(sweepId, SweepPlan::Status::Running, {}, &error)) {
            m_lastError = error;
            return;
        }
        plan->status = SweepPlan::Status::Running;
        break;
    case SweepPlan::Status::Running:
        break;
    }

    auto runs = sweepRuns(*plan, &error);
    if (!runs) {
        m_lastError = error;
        return;
    }
    SweepProgress p = evaluate(*plan, *runs);
    if (p.overBudget) {
        QStringList offending = p.overBudgetRunIds;
        if (offending.isEmpty())
            offending << runId; // nothing runs any more: the run whose write showed it
        for (const QString &id : offending)
            if (!m_runs.setTag(id, QString::fromLatin1(kSweepOverBudgetTag), QStringLiteral("true"), &mlError))
                m_lastError = mlError.message;
        p.overBudgetRunIds = offending;
        const QString reason = overBudgetReason(*plan, p);
        if (!sweeps.setStatus(sweepId, SweepPlan::Status::Stopped, reason, &error)) {
            m_lastError = error;
            return;
        }
        qCWarning(lcSweep).noquote() << "sweep" << sweepId << "stopped:" << reason;
        const SweepStop stop{sweepId, plan->name, reason, offending};
        if (m_onStop)
            m_onStop(stop);
        Q_EMIT SweepEvents::instance()->sweepStopped(sweepId, plan->name, reason);
    } else if (p.runsRunning == 0 && p.runsFinished >= p.runsPlanned) {
        if (!sweeps.setStatus(sweepId, SweepPlan::Status::Finished,
                              QStringLiteral("All %1 runs finished, %2 spent of a %3 budget.")
                                  .arg(p.runsFinished)
                                  .arg(p.spent.toDisplay(plan->currency), plan->budget.toDisplay(plan->currency)),
                              &error))
            m_lastError = error;
    }
}

} // namespace costscope::ml
