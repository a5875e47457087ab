#pragma once

#include "model/Domain.h"
#include "model/analysis/Forecast.h"
#include "model/store/CostQuery.h"

#include <QDate>
#include <QSet>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace costscope { class CurrencyRates; }
namespace costscope::store { class CostStore; }

namespace costscope::analysis {

// What a pool's scope can name. Terms of one dimension are alternatives; different dimensions
// must all hold (account is A or B, and tag team = web).
enum class ScopeDimension { Provider, Account, Service, Region, Tag };

QString scopeDimensionName(ScopeDimension d); // "provider", "account", ... (stored)
std::optional<ScopeDimension> scopeDimensionFromName(QStringView name);

struct ScopeTerm
{
    ScopeDimension dimension = ScopeDimension::Account;
    QString key;   // tag key (Tag only)
    QString value; // account id, service name ...; for Tag an empty value means "has the tag"

    bool operator==(const ScopeTerm &) const = default;
};

// "account is 512384960217 or 670195384452 and tag team = web" and back; for dialogs and tests.
QString scopeText(const std::vector<ScopeTerm> &scope);
bool parseScope(const QString &text, std::vector<ScopeTerm> *out, QString *error);

// An alert threshold: a percentage of the monthly limit or an amount, compared with the month to
// date (actual) or with the month-end forecast.
struct BudgetThreshold
{
    enum class Basis { Actual, Forecast };
    enum class Kind { PercentOfLimit, Absolute };
    Basis basis = Basis::Actual;
    Kind kind = Kind::PercentOfLimit;
    int64_t value = 0; // percent for PercentOfLimit, nanos for Absolute

    // The amount it fires at for a limit; nullopt when a percentage meets no limit.
    std::optional<int64_t> amount(int64_t monthlyLimit) const;
    // Stable text that names the threshold ("actual 80%", "forecast 1000.00"): the key of a
    // fired alert, so each threshold fires once per pool and month.
    QString key() const;
    bool operator==(const BudgetThreshold &) const = default;
};

// Parses "actual 80%", "forecast 100%", "actual 1500" (money) ...
std::optional<BudgetThreshold> parseThreshold(const QString &text);

struct BudgetPool
{
    int64_t id = 0;
    QString name;
    QString parent;          // empty: top level
    int ttlHours = 0;        // the pool's TTL (schema 7, ResourceSettings)
    int64_t monthlyLimit = 0; // nanos; 0: no limit
    std::vector<ScopeTerm> scope;
    std::vector<BudgetThreshold> thresholds;
};

// OptScale's constraints. Pool constraints apply to the resources in the pool (and its children);
// daily and total expense limits may also be set on one resource.
enum class ConstraintKind {
    Ttl,               // the pool's or resource's TTL (ResourceTtl); evaluated, not stored here
    DailyExpenseLimit, // a resource's cost on one day above amount
    TotalExpenseLimit, // a resource's cost to date above amount
    TaggingPolicy,     // resources missing a required tag key or carrying a forbidden one
    ResourceQuota,     // more than count active resources (of resourceType, or any) in the pool
    RecurringBudget,   // the pool's cost this month above amount
    ExpiringBudget     // the pool's cost from `from` to `until` above amount
};

QString constraintKindName(ConstraintKind kind); // "daily_expense_limit" ... (stored)
std::optional<ConstraintKind> constraintKindFromName(QStringView name);
QString constraintKindTitle(ConstraintKind kind); // "Daily expense limit" ...

struct BudgetConstraint
{
    int64_t id = 0;
    ConstraintKind kind = ConstraintKind::DailyExpenseLimit;
    QString pool;       // pool name, or empty with resourceId set
    QString resourceId; // a constraint on one resource
    int64_t amount = 0; // nanos (expense limits, budgets)
    int count = 0;      // quota
    QString resourceType; // quota: only resources of this type; empty: any
    QStringList requiredTags;
    QStringList forbiddenTags;
    QDate from;  // expiring budget: first day counted
    QDate until; // expiring budget: last day counted (inclusive)

    // One line for people: "daily expense limit 50.00" ...
    QString describe(const QString &currency) const;
};

// --- Inputs of an evaluation (read by loadBudgetInput, or made by hand in tests) ---

// A distinct combination of what a cost row is, and the pool the assignment rules gave its resource.
struct BudgetCostKey
{
    QString provider;
    QString account;
    QString service;
    QString region;
    QString resourceId; // empty: cost without a resource
    Tags tags;
    QString assignedPool;
};

struct BudgetCostCell
{
    int day = 0;  // index from BudgetInput::historyStart
    int key = 0;  // index into keys
    int64_t nanos = 0;
};

struct BudgetResource
{
    QString resourceId;
    QString name;
    QString provider;
    QString account;
    QString region;
    QString type;
    Tags tags;
    QString pool; // from the assignment rules
    bool active = true;
    bool ttlExpired = false;
    int64_t ttlExpiresAt = 0;
    int64_t costToDate = 0; // nanos, every month held
};

struct BudgetInput
{
    QString currency; // the limits' currency (BudgetSettings::currency); every cell is in it
    QDate month;        // first day of the month evaluated
    QDate asOf;         // last day with data counted (within the month); invalid: no data
    QDate historyStart; // day index 0 of the cells
    int days = 0;       // cells cover [historyStart, historyStart + days)
    std::vector<BudgetPool> pools;
    std::vector<BudgetCostKey> keys;
    std::vector<BudgetCostCell> cells;
    std::vector<BudgetResource> resources;
    std::vector<BudgetConstraint> constraints;
    // Expiring budgets count days outside the history: their totals per key, from the store.
    // Index: constraint position in `constraints`; value: nanos per key.
    std::vector<std::vector<int64_t>> expiringTotals;
    QSet<QString> firedAlerts; // "pool|threshold key" already fired this month
    // Amounts of other currencies with no rate to `currency` for their month: left out of the
    // cells (never converted at 1), named by the views.
    std::vector<store::UnconvertedAmount> unconverted;
    QString error;
};

// --- Results ---

enum class BudgetStatus { NoLimit, Ok, Warning, ForecastOver, Over };
QString budgetStatusName(BudgetStatus s); // "no_limit", "ok", "warning", "forecast_over", "over"

struct PoolResult
{
    QString name;
    QString parent;
    int depth = 0;
    int64_t limit = 0;
    int64_t monthToDate = 0; // nanos, own scope, assigned resources and children, each cost once
    int64_t forecast = 0;    // month-end: month to date + projected rest of the month
    int64_t forecastLow = 0;
    int64_t forecastHigh = 0;
    BudgetStatus status = BudgetStatus::NoLimit;
    double percentUsed = -1; // month to date / limit * 100; < 0 without a limit
    std::vector<int64_t> daily; // one per day of the month up to asOf
    Forecast projection;        // the rest of the month
};

struct BudgetViolation
{
    ConstraintKind kind = ConstraintKind::DailyExpenseLimit;
    QString pool;       // the pool of the constraint (or of the resource for TTL)
    QString resourceId; // the resource constraint's resource, if any
    QString message;    // what is wrong, with the numbers
    QStringList resources; // the resources that cause it ("name (id)")
    int64_t amount = 0;  // the cost (or count) that broke it
    int64_t limit = 0;
};

struct BudgetAlert
{
    QString pool;
    BudgetThreshold threshold;
    int64_t thresholdAmount = 0;
    int64_t value = 0;  // month to date or forecast that crossed it
    bool isNew = false; // not fired before this month
    QString message;
    QString key() const { return pool + u'|' + threshold.key(); }
};

struct BudgetReport
{
    QString currency;      // of every amount below
    QString limitCurrency; // the limits' own currency (BudgetSettings::currency); messages use it
    QDate month;
    QDate asOf;
    std::vector<PoolResult> pools; // tree order: parent, then its children by name
    std::vector<BudgetViolation> violations;
    std::vector<BudgetAlert> alerts; // thresholds crossed this month (new or already fired)
    std::vector<store::UnconvertedAmount> unconverted; // as BudgetInput::unconverted
    QString conversionError; // why the report stayed in the limits' currency (convertBudgetReport)
    QString error;

    const PoolResult *pool(const QString &name) const;
    std::vector<const BudgetAlert *> newAlerts() const;
};

// The percentage of the limit at or above which a pool is a "warning" (when no threshold says so).
constexpr int kWarningPercent = 80;

// The forecast the budgets use: one held-back period, so 90 days of history suffice.
ForecastOptions budgetForecastOptions();
// How many days before the month the history for its forecast starts.
constexpr int kBudgetHistoryDays = 84;

// Evaluates pools, limits, thresholds and constraints. Pure: no store.
BudgetReport evaluateBudgets(const BudgetInput &input, const ForecastOptions &forecastOptions = budgetForecastOptions());

// Reads what evaluateBudgets needs for a month (its first day; invalid: the month of today, or
// of the last day with data when that is earlier). Days after `today` are not counted.
BudgetInput loadBudgetInput(store::CostStore &store, const QDate &month, const QDate &today, int64_t now);
// loadBudgetInput + evaluateBudgets.
BudgetReport computeBudgets(store::CostStore &store, const QDate &month, const QDate &today, int64_t now);

// Shows a report in another currency: every amount (limits, month to date, forecasts, daily
// values, alert and violation amounts) times the rate from the limits' currency to `currency`
// of the report's month. Statuses, percentages and messages stay as evaluated in the limits'
// currency. False, with the report unchanged and *error naming the missing rate, when there is
// no such rate (or an amount does not fit).
bool convertBudgetReport(BudgetReport *report, const QString &currency, const CurrencyRates &rates, QString *error);

// Whether a cost key (or a resource) falls in a scope; an empty scope holds nothing.
bool inScope(const std::vector<ScopeTerm> &scope, const QString &provider, const QString &account,
             const QString &service, const QString &region, const Tags &tags);

} // namespace costscope::analysis
