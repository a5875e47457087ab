#pragma once

#include "model/CurrencyRates.h"
#include "model/Money.h"
#include "model/analysis/recommendations/FlavorCatalog.h"
#include "model/analysis/recommendations/SaasInput.h"
#include "model/store/RecommendationQuery.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <vector>

namespace costscope::analysis {

// One option of a module, editable in the window: a number or a comma-separated list.
struct OptionSpec
{
    enum class Kind { Number, List };
    QString key;
    QString label;
    Kind kind = Kind::Number;
    QString defaultValue;
    QString unit;
};

// Option values of one module: the stored ones over the defaults.
class ModuleOptions
{
public:
    ModuleOptions() = default;
    ModuleOptions(const std::vector<OptionSpec> &specs, const QHash<QString, QString> &stored);

    double number(const QString &key) const;
    QStringList list(const QString &key) const;
    QString value(const QString &key) const { return m_values.value(key); }
    void set(const QString &key, const QString &value) { m_values.insert(key, value); }
    // Changes when any value changes (the archive says "options changed" then).
    QString digest() const;
    const QHash<QString, QString> &values() const { return m_values; }

private:
    QHash<QString, QString> m_values;
};

// Options every module has: accounts and tags (key=value) whose resources it leaves alone.
inline const QString kExcludedAccounts = QStringLiteral("excluded_accounts");
inline const QString kExcludedTags = QStringLiteral("excluded_tags");

struct RecommendationItem
{
    QString module;
    store::ResourceInfo resource;
    Money saving;        // per month, in `currency`
    // The currency of saving: empty for the input's (the workspace's main currency); a module that
    // prices from the catalog says kCatalogCurrency (USD). The engine fills it in, and then converts.
    QString currency;
    // Set by the engine: the saving as the module priced it, in computedCurrency. saving/currency
    // are what is shown: converted to the run's currency, or these again when there is no rate.
    Money computedSaving;
    QString computedCurrency;
    QString finding;     // what was found
    QString computation; // how the saving was computed
    QString action;      // what to do
    bool dismissed = false;
};

// Everything the modules read, loaded once per run.
struct RecommendationInput
{
    int32_t endDay = 0;   // the last day with cost data
    int64_t now = 0;      // the end of endDay (UTC seconds)
    QString currency;
    std::vector<store::ResourceInfo> resources;
    QHash<QString, int> indexById; // resource id -> index into resources
    QHash<QString, QHash<int32_t, int64_t>> dailyCosts; // the last 30 days up to endDay
    QHash<QString, store::MetricSamples> metrics;        // the last 14 days
    QSet<QString> usedImages; // images an existing instance was launched from
    // Effective and list cost per instance and day over the last kCommitmentDays days.
    QHash<QString, QHash<int32_t, store::DayCost>> instanceDays;
    // Line items of S3 and Kinesis over the last kCostDays days.
    std::vector<store::ServiceUsage> usage;
    // Data-platform usage (last kSaasDays days) and queries (last kCostDays days), issue 8.
    std::vector<SaasUsageDay> saasUsage;
    std::vector<SaasQueryDay> saasQueries;
    const FlavorCatalog *catalog = nullptr;
    std::shared_ptr<const FlavorCatalog> ownedCatalog; // the workspace's catalog when it has one
    // The workspace's rate table, for prices a module holds in USD (the S3 lifecycle target).
    CurrencyRates rates;

    static constexpr int kCostDays = 30;
    static constexpr int kMetricDays = 14;
    static constexpr int kCommitmentDays = 180;
    static constexpr int kSaasDays = 90;

    const store::ResourceInfo *find(const QString &id) const;
    // Billed cost of a resource in [fromDay, endDay].
    Money costSince(const QString &id, int32_t fromDay) const;
    // Days of [fromDay, endDay] on which the resource was billed.
    int billedDaysSince(const QString &id, int32_t fromDay) const;
    // The monthly cost of keeping a resource: its average billed day over the last 30 days x 30.
    Money monthlyCost(const QString &id, int *billedDays = nullptr, Money *total = nullptr) const;
    // True when the options exclude the resource (its account or one of its tags).
    static bool excluded(const store::ResourceInfo &r, const ModuleOptions &options);
    // Average CPU of an instance's samples in [from, now); false when it has none.
    bool averageCpu(const QString &id, int64_t from, double *avg) const;
    // The value of a resource tag, empty when absent.
    static QString tag(const store::ResourceInfo &r, const QString &key);
};

// One rule. Modules are stateless: run() is called on a worker thread with loaded input.
class RecommendationModule
{
public:
    virtual ~RecommendationModule() = default;
    virtual QString id() const = 0;          // stable, used in the store and on the command line
    virtual QString title() const = 0;       // for people (translated)
    virtual QString description() const = 0; // one sentence (translated)
    // The module's own options; the common exclusions are added by options().
    virtual std::vector<OptionSpec> ownOptions() const = 0;
    virtual std::vector<RecommendationItem> run(const RecommendationInput &in, const ModuleOptions &options) const = 0;
    // What the user should know besides the items: accounts without the data the rule needs,
    // resources it could not price. Shown above the items.
    virtual QStringList notes(const RecommendationInput &in, const ModuleOptions &options) const;
    // True for rules that flag risks, not costs (their items save nothing).
    virtual bool reportsRisks() const { return false; }

    std::vector<OptionSpec> options() const;

protected:
    // An item for r whose saving is what keeping r costs a month (its last 30 days' cost per
    // 30 days), with that computation written out; the module adds finding and action.
    RecommendationItem keepingCostItem(const RecommendationInput &in, const store::ResourceInfo &r) const;
};

// A resource that no longer exists (terminated, deleted, released, or missing from the last inventory).
bool isGone(const store::ResourceInfo &r);
// Percent with one decimal and bytes/s without decimals, for the explanations.
QString percentText(double v);

// "1,234.56 USD"-style money for the explanations.
QString moneyText(Money m, const QString &currency);

} // namespace costscope::analysis
