#include "model/ml/RunCost.h"

#include "model/Domain.h"
#include "model/store/CurrencyRateStore.h"
#include "model/store/SqliteDb.h"

#include <algorithm>

namespace costscope::ml {

namespace {

constexpr int64_t kMsPerDay = 86'400'000;
constexpr int64_t kMsPerHour = 3'600'000;
const QString kHostPrefix = QStringLiteral("ml.host:");

int64_t floorDiv(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

// amount x part / whole, rounded half away from zero, exact in 128 bits.
Money prorate(Money amount, int64_t part, int64_t whole)
{
    if (whole <= 0)
        return {};
    const Int128 num = static_cast<Int128>(amount.nanos()) * part;
    const Int128 half = whole / 2;
    const Int128 q = num >= 0 ? (num + half) / whole : -((-num + half) / whole);
    return Money::fromNanos(static_cast<int64_t>(q));
}

QDate monthOfDay(int64_t day)
{
    const QDate d = dateFromDayNumber(static_cast<int32_t>(day));
    return QDate(d.year(), d.month(), 1);
}

void addUnconverted(std::vector<store::UnconvertedAmount> &into, const QString &currency, int64_t nanos,
                    const QList<QDate> &months)
{
    auto it = std::find_if(into.begin(), into.end(),
                           [&currency](const store::UnconvertedAmount &u) { return u.currency == currency; });
    if (it == into.end()) {
        into.push_back(store::UnconvertedAmount{currency, 0, {}});
        it = into.end() - 1;
    }
    it->nanos += nanos;
    for (const QDate &m : months)
        if (!it->months.contains(m))
            it->months.append(m);
    std::sort(it->months.begin(), it->months.end());
}

} // namespace

void mergeUnconverted(std::vector<store::UnconvertedAmount> &into, const std::vector<store::UnconvertedAmount> &from)
{
    for (const store::UnconvertedAmount &u : from)
        addUnconverted(into, u.currency, u.nanos, u.months);
    std::sort(into.begin(), into.end(),
              [](const store::UnconvertedAmount &a, const store::UnconvertedAmount &b) { return a.currency < b.currency; });
}

QString RunCost::display(int decimals) const
{
    if (!known())
        return {};
    QString amount = cost.toString(decimals);
    if (isEstimate())
        amount.prepend(u'~');
    if (hasUnconverted())
        amount += QStringLiteral(" *");
    return amount;
}

RunMachine machineFromTags(const Run &run)
{
    RunMachine m;
    bool found = false;
    m.instanceId = run.tag(QStringLiteral("costscope.instance_id"), &found).trimmed();
    if (!m.instanceId.isEmpty())
        m.source = QStringLiteral("costscope.instance_id");
    m.instanceType = run.tag(QStringLiteral("costscope.instance_type")).trimmed();
    if (m.source.isEmpty() && !m.instanceType.isEmpty())
        m.source = QStringLiteral("costscope.instance_type");
    for (const char *key : {"costscope.host", "mlflow.system.hostname", "mlflow.source.host"}) {
        const QString h = run.tag(QLatin1String(key)).trimmed();
        if (!h.isEmpty()) {
            m.host = h;
            break;
        }
    }
    return m;
}

RunCostCalculator::RunCostCalculator(store::SqliteDb &db, HourlyPrice hourlyPrice, int64_t nowMs)
    : m_db(db), m_price(std::move(hourlyPrice)), m_now(nowMs), m_currency(mainCurrency(db)),
      m_rates(store::CurrencyRateStore::load(db)), m_hosts(hostMapping(db))
{
}

void RunCostCalculator::setCurrency(const QString &currency)
{
    m_currency = currency.isEmpty() ? mainCurrency(m_db) : currency;
}

QString RunCostCalculator::mainCurrency(store::SqliteDb &db)
{
    // As CostQuery::mainCurrency.
    store::Statement st(db, "SELECT c.s FROM billing_period p JOIN str c ON c.id = p.currency "
                            "GROUP BY p.currency ORDER BY sum(abs(p.billed_total)) DESC LIMIT 1");
    if (st.next())
        return st.columnText(0);
    return QStringLiteral("USD");
}

std::map<QString, QString> RunCostCalculator::hostMapping(store::SqliteDb &db)
{
    std::map<QString, QString> out;
    store::Statement st(db, "SELECT key, value FROM meta WHERE key >= 'ml.host:' AND key < 'ml.host;'");
    while (st.next())
        out[st.columnText(0).mid(kHostPrefix.size())] = st.columnText(1);
    return out;
}

bool RunCostCalculator::setHostMapping(store::SqliteDb &db, const QString &host, const QString &instanceId,
                                       QString *error)
{
    const QString h = host.trimmed();
    if (h.isEmpty() || h.size() > 253) {
        if (error)
            *error = QStringLiteral("host mapping: the host name must be 1 to 253 characters");
        return false;
    }
    const QString id = instanceId.trimmed();
    store::Statement st = id.isEmpty() ? store::Statement(db, "DELETE FROM meta WHERE key = ?")
                                       : store::Statement(db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)");
    st.bind(1, kHostPrefix + h);
    if (!id.isEmpty())
        st.bind(2, id);
    if (!st.run()) {
        if (error)
            *error = QStringLiteral("host mapping: ") + st.error();
        return false;
    }
    return true;
}

RunMachine RunCostCalculator::machine(const Run &run)
{
    RunMachine m = machineFromTags(run);
    if (m.instanceId.isEmpty() && !m.host.isEmpty()) {
        auto it = m_hosts.find(m.host);
        if (it != m_hosts.end()) {
            m.instanceId = it->second;
            m.source = QStringLiteral("host mapping");
        } else if (const Instance byName = instance(m.host); byName.found) {
            // A host name that is a resource id of the store.
            m.instanceId = m.host;
            m.source = QStringLiteral("host name");
        }
    }
    return m;
}

RunCostCalculator::Instance RunCostCalculator::instance(const QString &instanceId)
{
    auto it = m_instances.find(instanceId);
    if (it != m_instances.end())
        return it->second;
    Instance inst;
    store::Statement st(m_db, R"sql(SELECT r.resource, p.s, g.s, f.s FROM resource r
        JOIN str i ON i.id = r.resource JOIN str p ON p.id = r.provider JOIN str g ON g.id = r.region
        JOIN str f ON f.id = r.flavor WHERE i.s = ? ORDER BY r.active DESC, r.last_seen DESC LIMIT 1)sql");
    st.bind(1, instanceId);
    if (st.next()) {
        inst.found = true;
        inst.strId = st.columnInt(0);
        inst.provider = st.columnText(1);
        inst.region = st.columnText(2);
        inst.flavor = st.columnText(3);
    } else {
        // Billed but not in the inventory: the line items still name it.
        store::Statement s2(m_db, "SELECT id FROM str WHERE s = ?");
        s2.bind(1, instanceId);
        if (s2.next()) {
            store::Statement s3(m_db, "SELECT 1 FROM rollup_resource_daily WHERE resource = ? LIMIT 1");
            s3.bind(1, s2.columnInt(0));
            if (s3.next()) {
                inst.found = true;
                inst.strId = s2.columnInt(0);
            }
        }
    }
    m_instances[instanceId] = inst;
    return inst;
}

RunCost RunCostCalculator::cost(const Run &run)
{
    RunCost c;
    c.currency = m_currency;
    c.machine = machine(run);
    const int64_t start = run.info.startTime;
    int64_t end = run.info.endTime.value_or(0);
    if (end <= 0 && run.info.status == u"RUNNING")
        end = std::max(start, m_now);
    if (start <= 0 || end <= start) {
        c.note = QStringLiteral("no duration (start or end time missing)");
        return c;
    }
    c.durationMs = end - start;
    if (c.machine.instanceId.isEmpty() && c.machine.instanceType.isEmpty()) {
        c.note = c.machine.host.isEmpty() ? QStringLiteral("no machine known (no instance tag or host)")
                                          : QStringLiteral("host '%1' is not mapped to an instance").arg(c.machine.host);
        return c;
    }
    Instance inst;
    if (!c.machine.instanceId.isEmpty())
        inst = instance(c.machine.instanceId);
    const QString flavor = !c.machine.instanceType.isEmpty() ? c.machine.instanceType : inst.flavor;
    std::optional<Money> hourly;
    if (m_price && !flavor.isEmpty())
        hourly = m_price(inst.provider, inst.region, flavor);

    const QString catalog = QLatin1String(kRunCostCatalogCurrency);
    // The run's parts in the currency they are in, by calendar month; converted at the end.
    std::map<std::pair<QString, QDate>, Money> parts;
    bool anyBilled = false, anyEstimated = false, anyUnpriced = false;
    if (inst.found) {
        store::Statement st(m_db, R"sql(SELECT r.day, c.s, SUM(r.billed) FROM rollup_resource_daily r
            JOIN billing_period p ON p.id = r.period_id JOIN str c ON c.id = p.currency
            WHERE r.resource = ? AND r.day >= ? AND r.day <= ? GROUP BY r.day, c.s)sql");
        const int64_t firstDay = floorDiv(start, kMsPerDay), lastDay = floorDiv(end - 1, kMsPerDay);
        st.bind(1, inst.strId).bind(2, firstDay).bind(3, lastDay);
        std::map<int64_t, std::map<QString, Money>> perDay;
        while (st.next())
            perDay[st.columnInt(0)][st.columnText(1)] = Money::fromNanos(st.columnInt(2));
        for (int64_t d = firstDay; d <= lastDay; ++d) {
            const int64_t overlap = std::min(end, (d + 1) * kMsPerDay) - std::max(start, d * kMsPerDay);
            const QDate month = monthOfDay(d);
            auto it = perDay.find(d);
            if (it != perDay.end()) {
                for (const auto &[currency, amount] : it->second) {
                    // The day's bill covers the hours the instance was billed for, estimated as the
                    // bill divided by the hourly price in the bill's currency (at most a day, at
                    // least the run's share); without a price or a rate for it, the whole day.
                    std::optional<Money> hourlyHere = hourly;
                    if (hourly && currency != catalog) {
                        const std::optional<ExchangeRate> rate = m_rates.rateForMonth(catalog, currency, month);
                        hourlyHere = rate ? rate->convert(*hourly) : std::nullopt;
                    }
                    int64_t billedMs = kMsPerDay;
                    if (hourlyHere && hourlyHere->nanos() > 0 && amount.nanos() > 0) {
                        const Int128 ms = static_cast<Int128>(amount.nanos()) * kMsPerHour / hourlyHere->nanos();
                        billedMs = static_cast<int64_t>(std::min<Int128>(ms, kMsPerDay));
                    }
                    parts[{currency, month}] += prorate(amount, overlap, std::max(overlap, billedMs));
                }
                anyBilled = true;
            } else if (hourly) {
                parts[{catalog, month}] += prorate(*hourly, overlap, kMsPerHour);
                anyEstimated = true;
            } else {
                anyUnpriced = true;
            }
        }
    }
    // Converts the parts to the calculator's currency; the ones with no rate are named, not added.
    auto convertParts = [this, &c, &parts]() {
        Money total;
        for (const auto &[key, amount] : parts) {
            const auto &[currency, month] = key;
            std::optional<Money> converted = amount;
            if (currency != m_currency) {
                const std::optional<ExchangeRate> rate = m_rates.rateForMonth(currency, m_currency, month);
                converted = rate ? rate->convert(amount) : std::nullopt;
            }
            if (converted)
                total += *converted;
            else
                addUnconverted(c.unconverted, currency, amount.nanos(), {month});
        }
        std::sort(c.unconverted.begin(), c.unconverted.end(),
                  [](const store::UnconvertedAmount &a, const store::UnconvertedAmount &b) {
                      return a.currency < b.currency;
                  });
        return total;
    };
    auto noteUnconverted = [&c]() {
        for (const store::UnconvertedAmount &u : c.unconverted) {
            QStringList months;
            for (const QDate &m : u.months)
                months << m.toString(QStringLiteral("yyyy-MM"));
            c.note += QStringLiteral("; not counted: %1 %2 (no rate to %3 for %4)")
                          .arg(Money::fromNanos(u.nanos).toString(2), u.currency, c.currency,
                               months.join(QStringLiteral(", ")));
        }
    };
    if (anyBilled) {
        c.basis = RunCost::Basis::Billed;
        c.cost = convertParts();
        c.partial = anyEstimated || anyUnpriced;
        c.note = QStringLiteral("billed cost of %1 pro-rated by the run's share of its billed hours each day")
                     .arg(c.machine.instanceId);
        if (anyEstimated)
            c.note += QStringLiteral("; days without billing priced from the catalog");
        if (anyUnpriced)
            c.note += QStringLiteral("; some days without billing or price");
        noteUnconverted();
        return c;
    }
    if (hourly) {
        // The catalog's price for the whole run, converted with the rate of the month it started in.
        parts.clear();
        parts[{catalog, monthOfDay(floorDiv(start, kMsPerDay))}] = prorate(*hourly, c.durationMs, kMsPerHour);
        c.basis = RunCost::Basis::Estimate;
        c.cost = convertParts();
        c.note = QStringLiteral("estimate: catalog price of %1 (%2 %3/h) x duration")
                     .arg(flavor, hourly->toString(), catalog);
        noteUnconverted();
        return c;
    }
    c.note = flavor.isEmpty() ? QStringLiteral("instance %1 has no billing data and no known type").arg(c.machine.instanceId)
                              : QStringLiteral("no billing data and no catalog price for %1").arg(flavor);
    return c;
}

} // namespace costscope::ml
