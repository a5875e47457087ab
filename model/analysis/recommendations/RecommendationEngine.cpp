#include "model/analysis/recommendations/RecommendationEngine.h"

#include "model/analysis/recommendations/AbandonedBuckets.h"
#include "model/analysis/recommendations/AbandonedInstances.h"
#include "model/analysis/recommendations/AbandonedKinesisStreams.h"
#include "model/analysis/recommendations/BigQueryFullScans.h"
#include "model/analysis/recommendations/IdleRedshiftClusters.h"
#include "model/analysis/recommendations/S3LifecycleCandidates.h"
#include "model/analysis/recommendations/SnowflakeIdleWarehouses.h"
#include "model/analysis/recommendations/GenerationUpgrade.h"
#include "model/analysis/recommendations/RegionMigration.h"
#include "model/analysis/recommendations/ReservedInstances.h"
#include "model/analysis/recommendations/SecurityChecks.h"
#include "model/analysis/recommendations/InstancesForShutdown.h"
#include "model/analysis/recommendations/ObsoleteImages.h"
#include "model/analysis/recommendations/ObsoleteIps.h"
#include "model/analysis/recommendations/ObsoleteSnapshots.h"
#include "model/analysis/recommendations/Rightsizing.h"
#include "model/analysis/recommendations/ShortLivingInstances.h"
#include "model/analysis/recommendations/StoppedNotDeallocated.h"
#include "model/analysis/recommendations/VolumesNotAttached.h"
#include "model/CurrencyRates.h"
#include "model/store/CostStore.h"
#include "model/store/CurrencyRateStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>

#include <algorithm>
#include <map>

Q_DECLARE_LOGGING_CATEGORY(lcRecommendations)

namespace costscope::analysis {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(costscope::analysis::RecommendationEngine)
};

std::vector<std::unique_ptr<RecommendationModule>> makeModules()
{
    std::vector<std::unique_ptr<RecommendationModule>> m;
    m.push_back(std::make_unique<AbandonedInstances>());
    m.push_back(std::make_unique<Rightsizing>());
    m.push_back(std::make_unique<VolumesNotAttached>());
    m.push_back(std::make_unique<ObsoleteSnapshots>());
    m.push_back(std::make_unique<ObsoleteIps>());
    m.push_back(std::make_unique<StoppedNotDeallocated>());
    m.push_back(std::make_unique<ShortLivingInstances>());
    m.push_back(std::make_unique<InstancesForShutdown>());
    m.push_back(std::make_unique<ObsoleteImages>());
    m.push_back(std::make_unique<ReservedInstances>());
    m.push_back(std::make_unique<GenerationUpgrade>());
    m.push_back(std::make_unique<RegionMigration>());
    m.push_back(std::make_unique<AbandonedBuckets>());
    m.push_back(std::make_unique<AbandonedKinesisStreams>());
    m.push_back(std::make_unique<S3LifecycleCandidates>());
    m.push_back(std::make_unique<IdleRedshiftClusters>());
    m.push_back(std::make_unique<SnowflakeIdleWarehouses>());
    m.push_back(std::make_unique<BigQueryFullScans>());
    m.push_back(std::make_unique<PublicBuckets>());
    m.push_back(std::make_unique<InsecureSecurityGroups>());
    m.push_back(std::make_unique<InactiveIamUsers>());
    return m;
}
} // namespace

const std::vector<std::unique_ptr<RecommendationModule>> &RecommendationEngine::modules()
{
    static const std::vector<std::unique_ptr<RecommendationModule>> all = makeModules();
    return all;
}

const RecommendationModule *RecommendationEngine::module(const QString &id)
{
    for (const auto &m : modules())
        if (m->id() == id)
            return m.get();
    return nullptr;
}

RecommendationInput RecommendationEngine::loadInput(store::CostStore &store)
{
    store::RecommendationQuery q(store);
    RecommendationInput in;
    in.ownedCatalog = std::make_shared<const FlavorCatalog>(FlavorCatalog::forWorkspace(store.path()));
    in.catalog = in.ownedCatalog.get();
    in.currency = q.mainCurrency();
    in.rates = store::CurrencyRateStore(store).load();
    in.endDay = q.lastCostDay();
    in.now = (static_cast<int64_t>(in.endDay) + 1) * 86400;
    in.resources = q.resources();
    for (size_t i = 0; i < in.resources.size(); ++i) {
        const store::ResourceInfo &r = in.resources[i];
        in.indexById.insert(r.resourceId, static_cast<int>(i));
        if (r.attachmentKind == u"instance-image" && !isGone(r))
            in.usedImages.insert(r.attachedTo);
    }
    if (in.endDay >= 0) {
        in.dailyCosts = q.dailyCosts(in.endDay - RecommendationInput::kCostDays + 1, in.endDay, in.currency);
        in.metrics = q.instanceMetrics(in.now - static_cast<int64_t>(RecommendationInput::kMetricDays) * 86400, in.now);
        in.instanceDays = q.instanceDayCosts(in.endDay - RecommendationInput::kCommitmentDays + 1, in.endDay,
                                             in.currency);
        in.usage = q.serviceUsage(in.endDay - RecommendationInput::kCostDays + 1, in.endDay,
                                  AbandonedBuckets::services() + AbandonedKinesisStreams::services());
        in.saasUsage = loadSaasUsage(store, in.endDay - RecommendationInput::kSaasDays + 1, in.endDay);
        in.saasQueries = loadSaasQueries(store, in.endDay - RecommendationInput::kCostDays + 1, in.endDay);
    }
    return in;
}

bool RecommendationEngine::run(store::CostStore &store, RecommendationRun *out, const ProgressFn &progress,
                               const CancelFn &cancelled, bool persist, int64_t nowWall, QString *error)
{
    auto report = [&](double f, const QString &m) {
        if (progress)
            progress(f, m);
    };
    auto stop = [&] { return cancelled && cancelled(); };
    QElapsedTimer timer;
    timer.start();
    report(0.0, Text::tr("Loading resources, costs and metrics"));
    const RecommendationInput in = loadInput(store);
    qCDebug(lcRecommendations) << "input loaded in" << timer.elapsed() << "ms:" << in.resources.size() << "resources,"
                               << in.metrics.size() << "instances with metrics";
    if (stop()) {
        if (error)
            *error = QStringLiteral("cancelled");
        return false;
    }
    store::RecommendationQuery q(store);
    RecommendationRun run;
    run.currency = in.currency;
    run.endDay = in.endDay;
    std::vector<store::RecommendationRecord> current;
    QHash<QString, QString> digests;
    const auto &all = modules();
    for (size_t i = 0; i < all.size(); ++i) {
        const RecommendationModule &m = *all[i];
        report(0.5 + 0.45 * static_cast<double>(i) / static_cast<double>(all.size()),
               Text::tr("Running %1").arg(m.title()));
        if (stop()) {
            if (error)
                *error = QStringLiteral("cancelled");
            return false;
        }
        ModuleResult res;
        res.id = m.id();
        res.title = m.title();
        res.description = m.description();
        res.risk = m.reportsRisks();
        res.optionSpecs = m.options();
        res.options = ModuleOptions(res.optionSpecs, q.options(m.id()));
        digests.insert(res.id, res.options.digest());
        if (in.endDay >= 0) {
            res.items = m.run(in, res.options);
            res.notes = m.notes(in, res.options);
        }
        const QHash<QString, int64_t> dismissed = q.dismissed(m.id());
        for (RecommendationItem &item : res.items) {
            if (item.currency.isEmpty())
                item.currency = in.currency;
            item.computedSaving = item.saving;
            item.computedCurrency = item.currency;
            item.dismissed = dismissed.contains(item.resource.resourceId);
            if (item.dismissed)
                ++res.dismissedCount;
            else
                ++res.activeCount;
            // Stored as priced (a catalog saving in USD): the PDF and the SaaS tab convert it.
            store::RecommendationRecord rec;
            rec.module = res.id;
            rec.provider = item.resource.provider;
            rec.resourceId = item.resource.resourceId;
            rec.name = item.resource.name;
            rec.saving = item.computedSaving;
            rec.currency = item.computedCurrency;
            rec.detail = item.finding;
            rec.optionsDigest = digests.value(res.id);
            rec.at = nowWall;
            current.push_back(std::move(rec));
        }
        run.modules.push_back(std::move(res));
    }
    // Catalog savings (USD) in the main currency where the rate table has the rate; this also
    // sorts the items and adds up the module and run totals.
    convertRecommendationRun(&run, run.currency, store::CurrencyRateStore(store).load(), nullptr);

    // What disappeared since the last run, and why.
    QSet<QString> now;
    for (const auto &r : current)
        now.insert(r.module + QLatin1Char('\x1f') + r.resourceId);
    for (store::RecommendationRecord old : q.lastItems()) {
        if (now.contains(old.module + QLatin1Char('\x1f') + old.resourceId) || !digests.contains(old.module))
            continue;
        const store::ResourceInfo *r = in.find(old.resourceId);
        if (!r || isGone(*r))
            old.reason = kReasonDeleted;
        else if (old.optionsDigest != digests.value(old.module))
            old.reason = kReasonOptions;
        else
            old.reason = kReasonApplied;
        old.at = nowWall;
        run.archived.push_back(std::move(old));
    }
    if (persist && !q.saveRun(current, run.archived, error))
        return false;
    report(1.0, Text::tr("Recommendations ready"));
    qCInfo(lcRecommendations) << "recommendations:" << current.size() << "items in" << timer.elapsed() << "ms";
    *out = std::move(run);
    return true;
}

void sumRecommendationRun(RecommendationRun *run)
{
    std::map<QString, MoneySum> missing; // currency -> savings with no rate, not dismissed
    MoneySum total;
    for (ModuleResult &m : run->modules) {
        MoneySum sum;
        m.activeCount = 0;
        m.dismissedCount = 0;
        for (const RecommendationItem &item : m.items) {
            if (item.dismissed) {
                ++m.dismissedCount;
                continue;
            }
            ++m.activeCount;
            if (item.currency.isEmpty() || item.currency == run->currency)
                sum.add(item.saving);
            else if (!item.saving.isZero())
                missing[item.currency].add(item.saving);
        }
        m.saving = sum.total();
        total.add(m.saving);
    }
    run->totalSaving = total.total();
    run->unconverted.clear();
    const QDate last = run->endDay >= 0 ? dateFromDayNumber(run->endDay) : QDate();
    for (const auto &[code, sum] : missing)
        run->unconverted.push_back(
            store::UnconvertedAmount{code, sum.total().nanos(), {QDate(last.year(), last.month(), 1)}});
}

bool convertRecommendationRun(RecommendationRun *run, const QString &currency, const CurrencyRates &rates,
                              QString *error)
{
    const QString main = run->computedCurrency.isEmpty() ? run->currency : run->computedCurrency;
    const QString target = currency.isEmpty() ? main : currency;
    const QDate month = run->endDay >= 0 ? dateFromDayNumber(run->endDay) : QDate();
    const auto noRate = [&](const QString &from) {
        return QCoreApplication::translate("costscope::analysis::RecommendationEngine",
                                           "there is no rate from %1 to %2 for %3")
            .arg(from, target, month.toString(QStringLiteral("yyyy-MM")));
    };
    if (target != main && run->endDay >= 0 && !rates.rateForMonth(main, target, month)) {
        if (error)
            *error = noRate(main);
        return false;
    }
    RecommendationRun out = *run;
    for (ModuleResult &m : out.modules) {
        for (RecommendationItem &item : m.items) {
            if (item.computedCurrency.isEmpty()) { // a run the engine did not fill in
                item.computedSaving = item.saving;
                item.computedCurrency = item.currency.isEmpty() ? main : item.currency;
            }
            std::optional<Money> shown;
            if (item.computedCurrency == target)
                shown = item.computedSaving;
            else if (const std::optional<ExchangeRate> rate =
                         month.isValid() ? rates.rateForMonth(item.computedCurrency, target, month) : std::nullopt)
                shown = rate->convert(item.computedSaving);
            // Never taken at 1: without a rate the item keeps its own currency (and sumRecommendationRun
            // leaves it out of the totals and names it).
            item.saving = shown ? *shown : item.computedSaving;
            item.currency = shown ? target : item.computedCurrency;
        }
        // Largest first; savings in another currency after the converted ones.
        std::stable_sort(m.items.begin(), m.items.end(), [&](const RecommendationItem &a, const RecommendationItem &b) {
            const bool ac = a.currency == target, bc = b.currency == target;
            if (ac != bc)
                return ac;
            return a.saving > b.saving;
        });
    }
    out.computedCurrency = target == main ? QString() : main;
    out.currency = target;
    out.conversionError.clear();
    sumRecommendationRun(&out);
    *run = std::move(out);
    return true;
}

} // namespace costscope::analysis
