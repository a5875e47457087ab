#include "model/demo/DemoGenerator.h"

#include "model/demo/DemoSettings.h"
#include "model/demo/DemoBudgets.h"

#include "model/demo/DemoCatalog.h"
#include "model/demo/DemoRandom.h"
#include "model/demo/DemoWorld.h"
#include "model/store/CostStore.h"
#include "model/demo/DemoSaas.h"
#include "model/store/CostWriter.h"

#include <QElapsedTimer>
#include <QLoggingCategory>

#include <algorithm>
#include <cmath>

Q_LOGGING_CATEGORY(lcDemo, "costscope.demo")

namespace costscope::demo {

namespace {

constexpr int64_t kDay = 86400;

bool isWeekend(int32_t day)
{
    return (day + 3) % 7 >= 5;
} // 1970-01-01 was a Thursday

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

// Turns the world's resources into daily cost rows, one batch per billing account and month.
class CostEmitter
{
public:
    CostEmitter(DemoWorld &world, uint64_t seed) : m_w(world), m_rng(seed ^ 0xc057c057c057ULL)
    {
        const auto &accounts = demoAccounts();
        m_byAccount.resize(accounts.size());
        for (size_t i = 0; i < m_w.resources.size(); ++i)
            m_byAccount[static_cast<size_t>(m_w.resources[i].account)].push_back(i);
        // Covered usage is priced at the commitment's rate and billed through the commitment's fee.
        for (DemoResource &r : m_w.resources) {
            for (DemoUsage &u : r.usages) {
                if (u.commitment < 0)
                    continue;
                u.row.pricingCategory = QStringLiteral("Committed");
                u.row.commitmentDiscountId
                    = m_w.commitments[static_cast<size_t>(u.commitment)].row.commitmentDiscountId;
            }
        }
        m_commitSums.assign(m_w.commitments.size(), 0.0);
    }

    // Fills batch with the rows of account a for days [first, last] of the month starting monthStart.
    bool fill(int a, const QDate &monthStart, int32_t first, int32_t last, bool monthClosed, CostBatch &batch,
        const CancelFn &cancelled)
    {
        const AccountDef &acc = demoAccounts()[static_cast<size_t>(a)];
        batch.provider = QString::fromLatin1(acc.provider);
        batch.billingAccountId = QString::fromLatin1(acc.id);
        batch.billingAccountName = QString::fromLatin1(acc.name);
        batch.currency = QStringLiteral("USD");
        batch.periodStart = monthStart;
        batch.periodEnd = monthStart.addMonths(1);
        batch.rows.clear();
        const auto &mine = m_byAccount[static_cast<size_t>(a)];
        batch.rows.reserve(mine.size() * 2 * static_cast<size_t>(last - first + 1));
        int64_t billed = 0;
        for (int32_t day = first; day <= last; ++day) {
            if (cancelled && cancelled())
                return false;
            const bool weekend = isWeekend(day);
            const int64_t start = static_cast<int64_t>(day) * kDay;
            const double months = static_cast<double>(day - m_w.firstDay) / 30.44;
            for (size_t index : mine) {
                const DemoResource &r = m_w.resources[index];
                if (day < r.firstDay || day > r.lastDay)
                    continue;
                double runHours = 24;
                if (!r.hours.empty()) {
                    const auto it = r.hours.find(day);
                    if (it == r.hours.end())
                        continue;
                    runHours = it->second;
                }
                const bool running = !(r.weekdaysOnly && weekend) && day <= r.runtimeLastDay;
                for (const DemoUsage &u : r.usages) {
                    if (u.runtime && !running)
                        continue;
                    double q = u.quantity;
                    if (u.runtime)
                        q *= runHours / 24.0;
                    if (weekend)
                        q *= u.weekendFactor;
                    if (u.monthlyGrowth != 0)
                        q *= std::pow(1.0 + u.monthlyGrowth, months);
                    if (u.noise != 0)
                        q *= 1.0 + u.noise * (2.0 * m_rng.uniform() - 1.0);
                    if (day >= u.spikeFirst && day <= u.spikeLast)
                        q *= u.spikeFactor;
                    batch.rows.push_back(u.row);
                    CostRow &row = batch.rows.back();
                    row.chargeStart = start;
                    row.chargeEnd = start + kDay;
                    row.consumedQuantity = q;
                    row.pricingQuantity = q;
                    const double list = q * u.price;
                    row.listCost = Money::fromDouble(list);
                    if (u.commitment >= 0) {
                        const double effective = list * (1.0 - u.discount);
                        m_commitSums[static_cast<size_t>(u.commitment)] += effective;
                        row.effectiveCost = Money::fromDouble(effective);
                        row.contractedCost = row.effectiveCost;
                        row.billedCost = Money();
                    } else {
                        row.effectiveCost = row.listCost;
                        row.contractedCost = row.listCost;
                        row.billedCost = row.listCost;
                    }
                    billed += row.billedCost.nanos();
                }
            }
            for (size_t c = 0; c < m_w.commitments.size(); ++c) {
                const DemoCommitment &cm = m_w.commitments[c];
                if (cm.account != a || m_commitSums[c] <= 0)
                    continue;
                const double used = m_commitSums[c];
                m_commitSums[c] = 0;
                batch.rows.push_back(cm.row);
                CostRow &row = batch.rows.back();
                row.chargeStart = start;
                row.chargeEnd = start + kDay;
                row.consumedQuantity = 24;
                row.pricingQuantity = 24;
                row.billedCost = Money::fromDouble(used * (1.0 + cm.unusedShare));
                row.contractedCost = row.billedCost;
                row.effectiveCost = Money::fromDouble(used * cm.unusedShare); // the unused part
                billed += row.billedCost.nanos();
            }
        }
        if (monthClosed) {
            const int64_t start = static_cast<int64_t>(last) * kDay;
            for (const DemoMonthEnd &me : m_w.monthEnds) {
                if (me.account != a)
                    continue;
                batch.rows.push_back(me.row);
                CostRow &row = batch.rows.back();
                row.chargeStart = start;
                row.chargeEnd = start + kDay;
                const Money amount = me.fixedAmount != 0
                    ? Money::fromDouble(me.fixedAmount)
                    : Money::fromDouble(static_cast<double>(billed) / 1e9 * me.shareOfBilled).roundedToCents();
                row.billedCost = amount;
                row.effectiveCost = amount;
                row.contractedCost = amount;
            }
        }
        return true;
    }

private:
    DemoWorld &m_w;
    DemoRng m_rng;
    std::vector<std::vector<size_t>> m_byAccount;
    std::vector<double> m_commitSums;
};

// Hourly CPU and network of an instance over the last 30 days, as its profile says.
void makeMetrics(
    const DemoWorld &w, const DemoResource &r, DemoRng &rng, MetricSeries &cpu, MetricSeries &in, MetricSeries &out)
{
    for (MetricSeries *s : { &cpu, &in, &out }) {
        s->provider = r.record.provider;
        s->resourceId = r.record.resourceId;
        s->points.clear();
    }
    cpu.metric = QStringLiteral("cpu");
    in.metric = QStringLiteral("network_in");
    out.metric = QStringLiteral("network_out");
    const int32_t from = std::max(w.endDay - 29, r.firstDay);
    const int32_t to = std::min(w.endDay, r.lastDay);
    // Busy machines peak at 49-78 % on weekdays (p99 above 40 %), so none of them would fit a
    // flavour with half the vCPUs at the rightsizing target of 80 %.
    const double base = rng.uniform(38, 60);
    const double netBase = rng.uniform(2e5, 5e6);
    const double outRatio = rng.uniform(0.3, 1.5);
    for (int32_t day = from; day <= to; ++day) {
        const bool weekend = isWeekend(day);
        if (r.metrics != MetricProfile::Gpu && ((r.weekdaysOnly && weekend) || day > r.runtimeLastDay))
            continue;
        for (int h = 0; h < 24; ++h) {
            const int64_t t = static_cast<int64_t>(day) * kDay + h * 3600;
            if (t > w.observedAt)
                break;
            const double daytime = std::exp(-((h - 14.0) * (h - 14.0)) / 18.0);
            double c = 0, n = 0;
            switch (r.metrics) {
            case MetricProfile::Busy:
                c = base * (0.5 + 0.8 * daytime) * (weekend ? 0.7 : 1.0) + 3.0 * rng.normal();
                n = netBase * (0.3 + daytime) * (weekend ? 0.7 : 1.0) * (1.0 + 0.2 * rng.normal());
                break;
            case MetricProfile::Idle:
                c = rng.uniform(0.4, 3.0);
                n = rng.uniform(80, 600);
                break;
            case MetricProfile::Oversized:
                c = std::min(27.0, 6.0 + 14.0 * daytime + 1.5 * rng.normal());
                n = netBase * 0.2 * (0.3 + daytime);
                break;
            case MetricProfile::OfficeHours:
                if (!weekend && h >= 8 && h < 19) {
                    c = rng.uniform(35, 70);
                    n = rng.uniform(2e5, 2e6);
                } else {
                    c = rng.uniform(0.5, 2.5);
                    n = rng.uniform(100, 700);
                }
                break;
            case MetricProfile::Gpu: {
                bool busy = false;
                for (const auto &p : r.busyPeriods)
                    busy = busy || (t + 3600 > p.first && t < p.second);
                if (!busy)
                    continue;
                c = rng.uniform(75, 98);
                n = rng.uniform(5e6, 3e7);
                break;
            }
            case MetricProfile::None:
                break;
            }
            c = std::clamp(c, 0.1, 100.0);
            n = std::max(0.0, n);
            cpu.points.push_back({ t, c });
            in.points.push_back({ t, n });
            out.points.push_back({ t, r.metrics == MetricProfile::Idle ? rng.uniform(50, 400) : n * outRatio });
        }
    }
}

} // namespace

bool generateDemo(store::CostStore &store, const DemoOptions &options, const ProgressFn &progress,
    const CancelFn &cancelled, DemoStats *stats, QString *error)
{
    if (!store.isOpen())
        return fail(error, QStringLiteral("the workspace is not open"));
    if (options.months < 1 || options.months > 120)
        return fail(error, QStringLiteral("the demo needs 1 to 120 months, not %1").arg(options.months));
    if (!(options.scale > 0) || options.scale > 100)
        return fail(error, QStringLiteral("the demo scale must be above 0 and at most 100"));
    QElapsedTimer timer;
    timer.start();
    auto report = [&](double fraction, const QString &message) {
        qCDebug(lcDemo).noquote() << timer.elapsed() << "ms:" << message;
        if (progress)
            progress(fraction, message);
    };
    auto stop = [&]() -> bool { return cancelled && cancelled(); };

    report(0, QStringLiteral("Planning the demo workspace"));
    DemoWorld world = buildDemoWorld(options);
    const QDate end = dateFromDayNumber(world.endDay);
    const QDate firstMonth = dateFromDayNumber(world.firstDay);

    store::CostWriter writer(store);
    SourceInfo source { QStringLiteral("demo"), QStringLiteral("Costscope demo"),
        QStringLiteral("demo-seed-%1-%2").arg(options.seed).arg(end.toString(Qt::ISODate)), QStringLiteral("demo") };
    if (!writer.begin(source, error))
        return false;
    // Clearing inside the same transaction: a cancel or a failure leaves the old workspace intact.
    if (!writer.clearAllInTransaction(error))
        return false;
    auto cancel = [&]() {
        writer.rollback();
        qCInfo(lcDemo) << "demo generation cancelled";
        return fail(error, QStringLiteral("cancelled"));
    };

    // Inventory: one batch per provider and (sub-)account, in the world's order.
    {
        report(0.01, QStringLiteral("Writing resources"));
        const auto &accounts = demoAccounts();
        std::vector<std::vector<ResourceBatch>> batches(accounts.size());
        for (size_t a = 0; a < accounts.size(); ++a) {
            batches[a].resize(accounts[a].subs.size());
            for (size_t s = 0; s < accounts[a].subs.size(); ++s) {
                batches[a][s].provider = QString::fromLatin1(accounts[a].provider);
                batches[a][s].accountId = QString::fromLatin1(accounts[a].subs[s].id);
                batches[a][s].observedAt = world.observedAt;
            }
        }
        for (const DemoResource &r : world.resources)
            if (r.inInventory)
                batches[static_cast<size_t>(r.account)][static_cast<size_t>(r.sub)].resources.push_back(r.record);
        for (const auto &perAccount : batches)
            for (const ResourceBatch &b : perAccount)
                if (!b.resources.empty() && !writer.addResources(b, false, error))
                    return false;
    }
    if (stop())
        return cancel();

    // Costs: month by month, one batch per billing account.
    int64_t billedNanos = 0;
    {
        CostEmitter emitter(world, options.seed);
        DemoSaas saas(options.seed, world.endDay, options.scale);
        CostBatch batch;
        const size_t nAccounts = demoAccounts().size();
        const int months = options.months;
        for (int m = 0; m < months; ++m) {
            const QDate monthStart = firstMonth.addMonths(m);
            const int32_t first = dayNumber(monthStart);
            const int32_t monthLast = dayNumber(monthStart.addMonths(1)) - 1;
            const int32_t last = std::min(monthLast, world.endDay);
            if (first > last)
                break;
            report(0.03 + 0.80 * m / months,
                QStringLiteral("Generating costs for %1").arg(monthStart.toString(QStringLiteral("yyyy-MM"))));
            for (size_t a = 0; a < nAccounts; ++a) {
                if (!emitter.fill(static_cast<int>(a), monthStart, first, last, last == monthLast, batch, cancelled))
                    return cancel();
                if (!writer.add(batch, error))
                    return false;
                for (const CostRow &row : batch.rows)
                    billedNanos += row.billedCost.nanos();
                saas.observe(batch);
            }
            // The data platforms of the month: S3/Redshift/BigQuery usage behind the lines above,
            // Databricks and Snowflake as providers of their own (docs/saas.md).
            if (!saas.writeMonth(writer, monthStart, first, last, last == monthLast, error))
                return false;
        }
        billedNanos += saas.billedNanos();
    }
    if (stop())
        return cancel();

    // Metrics of the last 30 days.
    {
        report(0.85, QStringLiteral("Generating metrics"));
        DemoRng rng(options.seed ^ 0x3e7c1c5ULL);
        MetricSeries cpu, in, out;
        int done = 0;
        for (const DemoResource &r : world.resources) {
            if (r.metrics == MetricProfile::None || !r.inInventory || r.lastDay < world.endDay - 29)
                continue;
            makeMetrics(world, r, rng, cpu, in, out);
            for (const MetricSeries *s : { &cpu, &in, &out })
                if (!s->points.empty() && !writer.addMetrics(*s, error))
                    return false;
            if (++done % 50 == 0 && stop())
                return cancel();
        }
    }

    // ML experiments and runs.
    report(0.95, QStringLiteral("Writing ML runs"));
    for (const MlExperiment &e : world.experiments)
        if (!writer.addExperiment(e, error))
            return false;
    if (!world.runs.empty() && !writer.addRuns(world.runs, error))
        return false;
    if (stop())
        return cancel();

    if (!store.setMetaValue(QStringLiteral("demo"), QStringLiteral("1"))
        || !store.setMetaValue(QStringLiteral("demo_seed"), QString::number(options.seed))
        || !store.setMetaValue(QStringLiteral("demo_end"), end.toString(Qt::ISODate))) {
        writer.rollback();
        return fail(error, QStringLiteral("cannot mark the workspace as demo: %1").arg(store.db().lastError()));
    }
    report(0.97, QStringLiteral("Saving"));
    const store::WriteSummary summary = writer.summary();
    if (!writer.commit(error))
        return false;
    if (QString settingsError; !seedDemoSettings(store, &settingsError))
        qCWarning(lcDemo) << "demo pools, rules and allocation not written:" << settingsError;
    if (QString budgetError; !seedDemoBudgets(store, end, &budgetError))
        qCWarning(lcDemo) << "demo budgets not written:" << budgetError;
    if (stats) {
        stats->lineItems = summary.rows;
        stats->resources = summary.resources;
        stats->runs = summary.runs;
        stats->billedNanos = billedNanos;
    }
    qCInfo(lcDemo) << "demo workspace:" << summary.rows << "line items," << summary.resources << "resources,"
                   << summary.runs << "runs in" << timer.elapsed() << "ms";
    report(1, QStringLiteral("Demo workspace ready"));
    return true;
}

} // namespace costscope::demo
