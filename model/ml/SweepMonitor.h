#pragma once

// Watches the runs of budgeted sweeps as they log into the workspace: spend so far (finished runs'
// cost, running runs pro-rated), projected spend (running runs at least their planned time, the
// planned runs not started yet), and when the projection passes the budget, the runs responsible
// are tagged costscope.sweep.over_budget=true and the sweep is stopped with a reason in plain words.
// The tracking endpoint calls it after each write through RunWriteObserver; no HTTP here.

#include "model/Money.h"
#include "model/ml/RunCost.h"
#include "model/ml/Sweep.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace costscope::store {
class SqliteDb;
}

namespace costscope::ml {

class RunStore;

// Told after a write to a run was committed (create, update, a logged metric, param or tag).
class RunWriteObserver
{
public:
    virtual ~RunWriteObserver() = default;
    virtual void runWritten(const QString &runId) = 0;
};

struct SweepProgress
{
    int runsPlanned = 0;
    int runsStarted = 0;
    int runsRunning = 0;
    int runsFinished = 0; // FINISHED, FAILED or KILLED
    Money spent;          // finished runs' cost + running runs' cost so far
    Money projected;      // spent + running runs' remaining planned time + runs not started
    bool estimate = false; // some cost comes from a price x time, not a bill
    bool overBudget = false;
    QStringList overBudgetRunIds; // tagged costscope.sweep.over_budget
};

struct SweepStop
{
    int64_t sweepId = 0;
    QString sweepName;
    QString reason;
    QStringList flaggedRunIds;
};

// Process-wide notice of a stopped sweep, for the window (queued across threads): the tracking
// endpoint runs on a thread of its own.
class SweepEvents : public QObject
{
    Q_OBJECT
public:
    static SweepEvents *instance();

Q_SIGNALS:
    void sweepStopped(qint64 sweepId, const QString &sweepName, const QString &reason);
};

class SweepMonitor : public RunWriteObserver
{
public:
    // fallbackPrice: hourly prices of instance types other than the sweep's (may be empty).
    SweepMonitor(store::SqliteDb &db, RunStore &runs, HourlyPrice fallbackPrice = {});

    void setClock(std::function<int64_t()> now) { m_now = std::move(now); }
    void setStoppedHandler(std::function<void(const SweepStop &)> handler) { m_onStop = std::move(handler); }

    void runWritten(const QString &runId) override;

    // The progress of a saved sweep now (for `sweep status`, the dialog's list).
    std::optional<SweepProgress> progress(const SweepPlan &plan, QString *error);
    // The sweep's runs: tagged costscope.sweep = its id, active.
    std::optional<std::vector<Run>> sweepRuns(const SweepPlan &plan, QString *error);
    // The last error a write hit (the endpoint's answer is not changed by it; it is logged).
    QString lastError() const { return m_lastError; }

private:
    SweepProgress evaluate(const SweepPlan &plan, const std::vector<Run> &runs);
    int64_t now() const;

    store::SqliteDb &m_db;
    RunStore &m_runs;
    HourlyPrice m_fallback;
    std::function<int64_t()> m_now;
    std::function<void(const SweepStop &)> m_onStop;
    QString m_lastError;
};

// The reason a sweep is stopped, as the user reads it.
QString overBudgetReason(const SweepPlan &plan, const SweepProgress &progress);

} // namespace costscope::ml
