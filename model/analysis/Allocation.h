#pragma once

#include "model/store/CostQuery.h"

#include <QDate>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace costscope::analysis {

// Cost allocation: rules move shared cost (untagged cost, shared services or accounts, a shared
// team label, Kubernetes idle capacity) to the teams that use it, so each team sees its full cost.
// A team is a value of one tag key (default "team"). Allocation moves money and never creates it:
// per day, what a rule takes is split exactly, and the remainder of the integer division goes to
// one deterministic target (the one with the largest weight; ties: the first listed).

// What a rule takes: the cost of cells that match it and no earlier rule.
enum class AllocationSource {
    Untagged,       // cost without the team tag
    Service,        // cost of one service (any team), e.g. "AWS Support"
    Account,        // cost of one (sub-)account id, e.g. a shared networking account
    Team,           // cost labelled with one team value, e.g. team=shared
    KubernetesIdle  // Kubernetes idle capacity (OpenCost's "__idle__" namespace or workload)
};
QString allocationSourceName(AllocationSource source); // "untagged", "service" ... (stored)
std::optional<AllocationSource> allocationSourceFromName(QStringView name);
bool allocationSourceNeedsValue(AllocationSource source);

enum class AllocationMethod {
    Fixed, // fixed percentages of the targets, summing to exactly 100 %
    Usage  // in proportion to each target's own cost that day (all teams with cost when none listed)
};
QString allocationMethodName(AllocationMethod method); // "fixed", "usage" (stored)
std::optional<AllocationMethod> allocationMethodFromName(QStringView name);

struct AllocationTarget
{
    QString team;
    int basisPoints = 0; // fixed: hundredths of a percent (5000 = 50 %); usage: unused
    bool operator==(const AllocationTarget &) const = default;
};

struct AllocationRule
{
    int64_t id = 0;
    QString name;
    AllocationSource source = AllocationSource::Untagged;
    QString value; // service name, account id or team value; unused for untagged and idle
    AllocationMethod method = AllocationMethod::Fixed;
    std::vector<AllocationTarget> targets;
    bool active = true;
};

struct AllocationSettings
{
    QString teamTagKey = QStringLiteral("team");
    std::vector<AllocationRule> rules; // applied in this order
};

constexpr int kFullShare = 10000; // 100 % in basis points

// Why a rule cannot be applied as written; empty when it can. Fixed rules need targets whose
// percentages are all above 0 and sum to exactly 100 %; no team may be listed twice or be the
// team the cost is taken from; a service, account or team source needs its value.
QString validateRule(const AllocationRule &rule);
// The first problem of any rule ("rule 2 (Support): ..."), or an empty team tag key.
QString validateSettings(const AllocationSettings &settings);

// Targets as text: "web 50%, data 30%, ml 20%" (fixed) or "web, data" (usage).
QString targetsText(const AllocationRule &rule);
// Parses targetsText(); percentages take up to two decimals ("33.34%"). False with *error.
bool parseTargets(const QString &text, AllocationMethod method, std::vector<AllocationTarget> *out, QString *error);
// "untagged cost", "service AWS Support", "team shared", "Kubernetes idle cost".
QString sourceText(const AllocationRule &rule);

// One day's cost of one combination of what the rules look at.
struct AllocationCell
{
    int32_t day = 0; // day number (Domain.h)
    QString team;    // the team tag's value; empty: untagged
    QString service;
    QString account; // sub-account id
    bool idle = false;
    int64_t nanos = 0;
};

// The index of the first active rule that takes the cell, -1 for none.
int matchingRule(const std::vector<AllocationRule> &rules, const AllocationCell &cell);

struct AllocationRuleOutcome
{
    int64_t ruleId = 0;
    QString name;
    int64_t taken = 0;       // nanos the rule took
    int64_t unallocated = 0; // of which no target could receive (left where it was)
};

struct AllocationResult
{
    // Both grouped by team (key "" = untagged), largest first; before.total == after.total.
    store::CostSeries before;
    store::CostSeries after;
    std::vector<AllocationRuleOutcome> rules;
    QString error;
    // With a display currency (AllocationStore::allocate): cost with no rate to it, left out of
    // before and after (never taken at 1).
    std::vector<store::UnconvertedAmount> unconverted;
};

// Applies the active rules of valid settings to the cells of [from, to) (cells outside are
// ignored), bucketed like CostQuery::aggregate. Invalid settings: error set, after == before.
AllocationResult allocate(const std::vector<AllocationCell> &cells, const AllocationSettings &settings,
                          const QDate &from, const QDate &to, store::Granularity granularity,
                          const QString &currency);

} // namespace costscope::analysis
