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

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>

#include <algorithm>

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
    MoneySum total;
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
        std::stable_sort(res.items.begin(), res.items.end(),
                         [](const RecommendationItem &a, const RecommendationItem &b) { return a.saving > b.saving; });
        MoneySum sum;
        for (RecommendationItem &item : res.items) {
            item.dismissed = dismissed.contains(item.resource.resourceId);
            if (item.dismissed) {
                ++res.dismissedCount;
            } else {
                ++res.activeCount;
                sum.add(item.saving);
            }
            store::RecommendationRecord rec;
            rec.module = res.id;
            rec.provider = item.resource.provider;
            rec.resourceId = item.resource.resourceId;
            rec.name = item.resource.name;
            rec.saving = item.saving;
            rec.currency = in.currency;
            rec.detail = item.finding;
            rec.optionsDigest = digests.value(res.id);
            rec.at = nowWall;
            current.push_back(std::move(rec));
        }
        res.saving = sum.total();
        total.add(res.saving);
        run.modules.push_back(std::move(res));
    }
    run.totalSaving = total.total();

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

bool convertRecommendationRun(RecommendationRun *run, const QString &currency, const CurrencyRates &rates,
                              QString *error)
{
    if (currency.isEmpty() || currency == run->currency || run->endDay < 0)
        return true;
    const QDate month = dateFromDayNumber(run->endDay);
    const std::optional<ExchangeRate> rate = rates.rateForMonth(run->currency, currency, month);
    if (!rate) {
        if (error)
            *error = QCoreApplication::translate("costscope::analysis::RecommendationEngine",
                                                 "there is no rate from %1 to %2 for %3")
                         .arg(run->currency, currency, month.toString(QStringLiteral("yyyy-MM")));
        return false;
    }
    RecommendationRun out = *run;
    bool fits = true;
    const auto conv = [&](Money &m) {
        if (const std::optional<Money> c = rate->convert(m))
            m = *c;
        else
            fits = false;
    };
    // Each item converted on its own; the sums are the sums of the converted items, so a module's
    // saving is still the total of its rows.
    MoneySum total;
    out.computedSavings.clear();
    for (ModuleResult &m : out.modules) {
        MoneySum moduleSum;
        std::vector<Money> &before = out.computedSavings.emplace_back();
        for (RecommendationItem &item : m.items) {
            before.push_back(item.saving);
            conv(item.saving);
            if (!item.dismissed)
                moduleSum.add(item.saving);
        }
        m.saving = moduleSum.total();
        total.add(m.saving);
    }
    out.totalSaving = total.total();
    if (!fits) {
        if (error)
            *error = QCoreApplication::translate("costscope::analysis::RecommendationEngine",
                                                 "a saving does not fit in %1")
                         .arg(currency);
        return false;
    }
    out.computedCurrency = run->currency;
    out.currency = currency;
    *run = std::move(out);
    return true;
}

} // namespace costscope::analysis
