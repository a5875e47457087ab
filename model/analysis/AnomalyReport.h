#pragma once

#include "model/Services.h"
#include "model/analysis/AnomalyDetector.h"
#include "model/store/AnalysisQuery.h"
#include "model/store/CostQuery.h"

#include <QDate>
#include <QString>

#include <cstdint>
#include <vector>

namespace costscope::store { class CostStore; }

namespace costscope::analysis {

enum class AnomalyMetric { Cost, ResourceCount };

// What grew on the day of a jump: a resource, service, account or tag value.
struct AnomalyContributor
{
    enum class Kind { Resource, Service, Account, Tag };
    Kind kind = Kind::Resource;
    QString key;    // raw value (resource id, service name, account id, tag value)
    QString tagKey; // for Kind::Tag
    QString label;
    int64_t expected = 0; // mean of the window days
    int64_t actual = 0;   // the day
    int64_t delta() const { return actual - expected; }
};

struct Anomaly
{
    store::ScopeKind scope = store::ScopeKind::Account;
    AnomalyMetric metric = AnomalyMetric::Cost;
    QString key;
    QString label;
    QDate day;
    int64_t expected = 0; // nanos for cost, resources for a count
    int64_t actual = 0;
    double changePercent = 0;
    // Largest growth first; for a resource-count jump, the resources that appeared.
    std::vector<AnomalyContributor> contributors;
};

struct AnomalyScanOptions
{
    AnomalyOptions detector;
    QDate from;   // first day judged; the window before it is read as history
    QDate to;     // exclusive
    // Empty: the workspace's main currency. Costs billed in other currencies are converted to it
    // with the rate of each day's month (CurrencyRates::rateForMonth); days with no rate are left
    // out and listed in AnomalyReport::unconverted.
    QString currency;
    // A cost jump must add at least this share of the average daily cost of all scopes, so that
    // noise on small items does not drown the jumps that matter.
    double minShareOfDailyTotal = 0.01;
    int64_t minResourceJump = 5; // a resource-count jump adds at least this many resources
    int contributorsPerKind = 5;
};

struct AnomalyReport
{
    QString error;
    QString currency;
    QDate from;
    QDate to;
    AnomalyScanOptions options;
    int64_t minExcessNanos = 0;
    int scopesChecked = 0;
    std::vector<Anomaly> anomalies; // newest day first, then largest excess
    std::vector<store::UnconvertedAmount> unconverted; // costs with no rate to `currency`, left out
};

// Reads the daily series of every account, service and resource and returns the jumps, each
// with its top contributors. Runs on a worker (its own connection); progress and cancel are
// optional.
AnomalyReport findAnomalies(store::CostStore &store, const AnomalyScanOptions &options,
                            const ProgressFn &progress = {}, const CancelFn &cancelled = {});

QString scopeKindName(store::ScopeKind kind);        // "account", "service", "resource"
QString contributorKindName(AnomalyContributor::Kind kind); // "resource", "service", "account", "tag"

} // namespace costscope::analysis
