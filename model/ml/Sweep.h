#pragma once

// A budgeted hyperparameter sweep: a grid of parameter values run on one instance type for an
// expected time per run. Before anything starts it says how many runs the grid makes and what they
// will cost against the budget, and it renders each run's command line and environment so the runs
// log into the tracking endpoint tagged with the sweep. No widgets, no HTTP, no catalog: the hourly
// price is handed in.

#include "model/Money.h"
#include "model/ml/MlTypes.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace costscope::ml {

// The tags that tie a run to its sweep.
inline constexpr const char *kSweepTag = "costscope.sweep";
inline constexpr const char *kSweepOverBudgetTag = "costscope.sweep.over_budget";
inline constexpr const char *kInstanceTypeTag = "costscope.instance_type";

// Grids larger than this are refused (a typo like x1000000 should not plan a million runs).
inline constexpr int64_t kMaxSweepRuns = 10000;

struct SweepParam
{
    QString name;
    QString spec;       // as the user typed it: "0.1,0.01" or "1e-4..1e-1 x4 log"
    QStringList values; // the expansion of spec
};

// "lr=0.1,0.01" or "lr=1e-4..1e-1 x4 log" (also "linear"/"lin"; linear is the default).
std::optional<SweepParam> parseSweepParam(const QString &text, QString *error);
// The values of a spec: a comma-separated list, or "FROM..TO xN [log|linear]".
std::optional<QStringList> expandSweepValues(const QString &spec, QString *error);

struct SweepRunSpec
{
    int index = 0; // 1-based
    QString runName;
    KeyValues params;
    QString command; // the template with each {name} replaced by its shell-quoted value
    std::vector<std::pair<QString, QString>> env;
    KeyValues tags; // what must end up on the run (also inside MLFLOW_RUN_CONTEXT)
};

struct SweepPlan
{
    enum class Status { Planned, Running, Stopped, Finished };

    int64_t id = 0; // 0 until saved
    QString experimentId;
    QString experimentName;
    QString name;
    int64_t createdMs = 0;
    std::vector<SweepParam> grid;
    QString instanceType;
    double minutesPerRun = 0;
    Money hourlyPrice;
    Money budget;
    QString currency = QStringLiteral("USD");
    QString commandTemplate; // "python train.py --lr {lr} --batch {batch}"
    Status status = Status::Planned;
    QString statusReason;

    // The product of the value counts (1 for an empty grid); saturates at kMaxSweepRuns + 1.
    int64_t runCount() const;
    // minutes / 60 x hourly price, exact to the nano (rounded half away from zero once).
    Money costPerRun() const;
    // runCount x minutes / 60 x hourly price, rounded once.
    Money projectedCost() const;
    bool overBudget() const { return projectedCost() > budget; }
    // What is wrong with the plan, in one line; empty when it can be saved and run.
    QString validate() const;

    // The parameter values of each run, the first parameter varying slowest.
    std::vector<KeyValues> assignments() const;
    // Each run's command and environment for a tracking endpoint at trackingUri.
    std::vector<SweepRunSpec> renderRuns(const QString &trackingUri) const;
    // A POSIX sh script that runs every run in turn with its environment exported.
    QString shellScript(const QString &trackingUri) const;
    // The same as JSON: {"sweep": {...}, "runs": [{"index", "run_name", "params", "command", "env", "tags"}]}.
    QByteArray runsJson(const QString &trackingUri) const;

    // grid_json of ml_sweep: {"params": [{"name", "spec", "values"}], "command": "..."}.
    QByteArray gridJson() const;
    bool setGridJson(const QByteArray &json, QString *error);

    static QString statusName(Status s); // "planned", "running", "stopped", "finished"
    static std::optional<Status> statusFromName(const QString &name);
};

// A word the shell reads back as exactly `value`: bare when it is only safe characters, else in
// single quotes (a quote inside becomes '\'').
QString shellQuote(const QString &value);

// The placeholders {name} a command template uses, in order of first use; {{ and }} are literal braces.
QStringList commandPlaceholders(const QString &commandTemplate, QString *error);

} // namespace costscope::ml
