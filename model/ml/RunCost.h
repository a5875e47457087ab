#pragma once

// The cost of an ML run: the machine it ran on (from its tags, or a host-to-instance mapping the
// user keeps in the workspace), that instance's billed cost from the store pro-rated by the run's
// duration, else the catalog's hourly price x duration, marked as an estimate. No widgets, no
// file formats: the hourly price lookup is handed in (the flavour catalog lives elsewhere).

#include "model/CurrencyRates.h"
#include "model/Money.h"
#include "model/ml/MlTypes.h"
#include "model/store/CostQuery.h"

#include <QString>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>

namespace costscope::store {
class SqliteDb;
}

namespace costscope::ml {

struct RunMachine
{
    QString instanceId;   // the cloud resource id, when known
    QString instanceType; // the flavour, when known
    QString host;         // the host name the run reported
    QString source;       // which tag or mapping told: "costscope.instance_id", "host mapping", ...
};

struct RunCost
{
    enum class Basis { Unknown, Billed, Estimate };
    Basis basis = Basis::Unknown;
    Money cost;          // zero when Unknown; in `currency`
    QString currency;    // the calculator's currency (every part converted to it)
    // Parts with no rate to `currency` for their month: left out of `cost`, never counted at 1.
    std::vector<store::UnconvertedAmount> unconverted;
    bool partial = false; // Billed, but some days had no billing row and were priced from the catalog
    int64_t durationMs = 0;
    RunMachine machine;
    QString note; // why Unknown, or what was used

    bool known() const { return basis != Basis::Unknown; }
    bool isEstimate() const { return basis == Basis::Estimate || partial; }
    bool hasUnconverted() const { return !unconverted.empty(); }
    // "12.34", "~12.34" for an estimate, "12.34 *" when a part has no rate, "" when unknown.
    QString display(int decimals = 2) const;
};

// The currency of HourlyPrice answers: the bundled catalog's.
inline constexpr char kRunCostCatalogCurrency[] = "USD";

// Adds the parts left out of `from` to `into` (per currency, months merged), for totals of runs.
void mergeUnconverted(std::vector<store::UnconvertedAmount> &into, const std::vector<store::UnconvertedAmount> &from);

// Hourly on-demand price of a flavour (provider and region may be empty); nullopt when unknown.
using HourlyPrice = std::function<std::optional<Money>(const QString &provider, const QString &region,
                                                      const QString &instanceType)>;

// The run's machine from its tags only: costscope.instance_id / costscope.instance_type, then
// costscope.host, mlflow.system.hostname, mlflow.source.host (host names, see hostMapping).
RunMachine machineFromTags(const Run &run);

class RunCostCalculator
{
public:
    // nowMs: the end of a run that is still RUNNING. Costs are in the workspace's main currency
    // (the largest billed total) with the workspace's rate table until setCurrency says otherwise.
    RunCostCalculator(store::SqliteDb &db, HourlyPrice hourlyPrice, int64_t nowMs);

    // Every billed amount (per billing currency) and every catalog estimate (USD) is converted to
    // `currency` with the rate of its calendar month (CurrencyRates::rateForMonth); a part with no
    // rate is left out of RunCost::cost and listed in RunCost::unconverted. Empty: the main currency.
    void setCurrency(const QString &currency);
    void setRates(CurrencyRates rates) { m_rates = std::move(rates); }
    const QString &currency() const { return m_currency; }
    // The workspace's main currency (the largest billed total; USD when nothing is billed).
    static QString mainCurrency(store::SqliteDb &db);

    RunCost cost(const Run &run);
    RunMachine machine(const Run &run);

    // The user's host-to-instance mapping, kept in the workspace (meta keys "ml.host:<host>").
    static std::map<QString, QString> hostMapping(store::SqliteDb &db);
    static bool setHostMapping(store::SqliteDb &db, const QString &host, const QString &instanceId, QString *error);

private:
    struct Instance
    {
        bool found = false;
        QString provider, region, flavor;
        int64_t strId = -1; // the resource id string's id, for the rollup
    };
    Instance instance(const QString &instanceId);

    store::SqliteDb &m_db;
    HourlyPrice m_price;
    int64_t m_now = 0;
    QString m_currency;
    CurrencyRates m_rates;
    std::map<QString, QString> m_hosts;
    std::map<QString, Instance> m_instances;
};

} // namespace costscope::ml
