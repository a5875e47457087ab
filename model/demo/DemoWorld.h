#pragma once

#include "model/Domain.h"
#include "model/demo/DemoGenerator.h"

#include <QString>

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

namespace costscope::demo {

// How an instance's CPU and network metrics look over the last 30 days.
enum class MetricProfile { None, Busy, Idle, Oversized, OfficeHours, Gpu };

// One line item a resource produces on each day it is billed.
struct DemoUsage
{
    CostRow row; // strings, units and tags; times, quantities and costs are set per day
    double price = 0; // list price per pricing unit (USD)
    double quantity = 0; // pricing quantity of a full day at the start of the window
    double weekendFactor = 1; // quantity factor on Saturdays and Sundays
    double monthlyGrowth = 0; // compound growth of the quantity per month
    double noise = 0; // relative day-to-day variation (uniform +-noise)
    double discount = 0; // off the list price when covered by the commitment
    int commitment = -1; // index into DemoWorld::commitments
    bool runtime = false; // billed only while the machine runs (skipped when stopped, pro-rated by hours)
    int32_t spikeFirst = 1; // days [spikeFirst, spikeLast] multiply the quantity by spikeFactor
    int32_t spikeLast = 0;
    double spikeFactor = 1;
};

struct DemoResource
{
    int account = 0; // index into demoAccounts()
    int sub = 0; // index into that account's sub-accounts
    int32_t firstDay = 0; // first and last day with cost rows (inclusive)
    int32_t lastDay = -1;
    int32_t runtimeLastDay = 0x7fffffff; // last day the machine ran (stopped instances)
    bool weekdaysOnly = false; // the machine is stopped on Saturdays and Sundays
    bool inInventory = true; // written as a ResourceRecord
    MetricProfile metrics = MetricProfile::None;
    std::map<int32_t, double> hours; // when set: runs only on these days, for these hours
    std::vector<std::pair<int64_t, int64_t>> busyPeriods; // GPU machines: [start, end) seconds of ML runs
    ResourceRecord record;
    std::vector<DemoUsage> usages;
};

// A savings plan, reservation or committed-use discount: its daily fee is one Purchase row.
struct DemoCommitment
{
    int account = 0;
    CostRow row; // the Purchase row template
    double unusedShare = 0.04; // the part of the fee no usage consumed
};

// Tax (a share of the month's billed cost) or credit (a fixed amount) on the last day of each
// closed month.
struct DemoMonthEnd
{
    int account = 0;
    CostRow row;
    double shareOfBilled = 0; // tax
    double fixedAmount = 0; // credit (negative)
};

// Waste planted on purpose so that the recommendations have something true to find.
struct DemoPlanted
{
    QString kind; // "idle-instance", "oversized-instance", "office-hours-instance", "unattached-volume", ...
    QString provider;
    QString resourceId;
    QString name;
};

struct DemoSpike
{
    QString what;
    QString provider;
    int32_t firstDay = 0;
    int32_t lastDay = 0;
    double factor = 1;
};

// Everything the demo workspace holds, before it is turned into daily rows.
struct DemoWorld
{
    int32_t firstDay = 0; // first day of the first month
    int32_t endDay = 0; // last day with data
    int64_t observedAt = 0; // when the inventory was taken (endDay, 23:00 UTC)
    std::vector<DemoResource> resources;
    std::vector<DemoCommitment> commitments;
    std::vector<DemoMonthEnd> monthEnds;
    std::vector<MlExperiment> experiments;
    std::vector<MlRun> runs;
    std::vector<DemoPlanted> planted;
    std::vector<DemoSpike> spikes;
};

// The last day of the demo: options.endDate, or today (UTC) when it is invalid.
QDate demoEndDate(const DemoOptions &options);
// The first day of the demo: the 1st of the month options.months - 1 months before the end's month.
QDate demoFirstDate(const DemoOptions &options);

// Builds the demo's accounts, resources, usages, planted waste and ML runs; deterministic in
// options.seed, options.scale and the two dates.
DemoWorld buildDemoWorld(const DemoOptions &options);

} // namespace costscope::demo
