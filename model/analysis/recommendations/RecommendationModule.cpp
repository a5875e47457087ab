#include "model/analysis/recommendations/RecommendationModule.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcRecommendations, "costscope.recommendations")

namespace costscope::analysis {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(costscope::analysis::RecommendationModule)
};
} // namespace

ModuleOptions::ModuleOptions(const std::vector<OptionSpec> &specs, const QHash<QString, QString> &stored)
{
    for (const OptionSpec &s : specs)
        m_values.insert(s.key, stored.value(s.key, s.defaultValue));
}

double ModuleOptions::number(const QString &key) const
{
    bool ok = false;
    const double v = m_values.value(key).trimmed().toDouble(&ok);
    return ok ? v : 0.0;
}

QStringList ModuleOptions::list(const QString &key) const
{
    QStringList out;
    const QStringList parts = m_values.value(key).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &p : parts) {
        const QString t = p.trimmed();
        if (!t.isEmpty())
            out << t;
    }
    return out;
}

QString ModuleOptions::digest() const
{
    QStringList keys = m_values.keys();
    std::sort(keys.begin(), keys.end());
    QCryptographicHash h(QCryptographicHash::Sha1);
    for (const QString &k : keys) {
        h.addData(k.toUtf8());
        h.addData(QByteArrayView("=", 1));
        h.addData(m_values.value(k).trimmed().toUtf8());
        h.addData(QByteArrayView("\n", 1));
    }
    return QString::fromLatin1(h.result().toHex().left(16));
}

const store::ResourceInfo *RecommendationInput::find(const QString &id) const
{
    const auto it = indexById.constFind(id);
    return it == indexById.constEnd() ? nullptr : &resources[static_cast<size_t>(it.value())];
}

Money RecommendationInput::costSince(const QString &id, int32_t fromDay) const
{
    int64_t total = 0;
    const auto it = dailyCosts.constFind(id);
    if (it == dailyCosts.constEnd())
        return Money();
    for (auto d = it->constBegin(); d != it->constEnd(); ++d)
        if (d.key() >= fromDay && d.key() <= endDay)
            total += d.value();
    return Money::fromNanos(total);
}

int RecommendationInput::billedDaysSince(const QString &id, int32_t fromDay) const
{
    int n = 0;
    const auto it = dailyCosts.constFind(id);
    if (it == dailyCosts.constEnd())
        return 0;
    for (auto d = it->constBegin(); d != it->constEnd(); ++d)
        if (d.key() >= fromDay && d.key() <= endDay && d.value() != 0)
            ++n;
    return n;
}

Money RecommendationInput::monthlyCost(const QString &id, int *billedDays, Money *total) const
{
    const int32_t from = endDay - kCostDays + 1;
    const Money sum = costSince(id, from);
    const int days = billedDaysSince(id, from);
    if (billedDays)
        *billedDays = days;
    if (total)
        *total = sum;
    if (days == 0)
        return Money();
    // Exact: nanos x 30 / days, rounded half away from zero.
    const Int128 scaled = static_cast<Int128>(sum.nanos()) * kCostDays;
    Int128 q = scaled / days;
    const Int128 r = scaled % days;
    if (2 * (r < 0 ? -r : r) >= days)
        q += scaled < 0 ? -1 : 1;
    return Money::fromNanos(static_cast<int64_t>(q));
}

bool RecommendationInput::excluded(const store::ResourceInfo &r, const ModuleOptions &options)
{
    if (options.list(kExcludedAccounts).contains(r.accountId))
        return true;
    const QStringList tags = options.list(kExcludedTags);
    for (const QString &t : tags) {
        const int eq = t.indexOf(QLatin1Char('='));
        const QString key = eq < 0 ? t : t.left(eq).trimmed();
        const QString value = eq < 0 ? QString() : t.mid(eq + 1).trimmed();
        for (const auto &kv : r.tags)
            if (kv.first == key && (eq < 0 || kv.second == value))
                return true;
    }
    return false;
}

bool RecommendationInput::averageCpu(const QString &id, int64_t from, double *avg) const
{
    const auto it = metrics.constFind(id);
    if (it == metrics.constEnd())
        return false;
    double sum = 0;
    size_t n = 0;
    for (size_t i = 0; i < it->cpu.size(); ++i) {
        if (it->cpuTime[i] >= from && it->cpuTime[i] < now) {
            sum += it->cpu[i];
            ++n;
        }
    }
    if (n == 0)
        return false;
    *avg = sum / static_cast<double>(n);
    return true;
}

QString RecommendationInput::tag(const store::ResourceInfo &r, const QString &key)
{
    for (const auto &kv : r.tags)
        if (kv.first == key)
            return kv.second;
    return {};
}

QStringList RecommendationModule::notes(const RecommendationInput &, const ModuleOptions &) const
{
    return {};
}

RecommendationItem RecommendationModule::keepingCostItem(const RecommendationInput &in,
                                                         const store::ResourceInfo &r) const
{
    int billed = 0;
    Money total;
    RecommendationItem item;
    item.module = id();
    item.resource = r;
    item.saving = in.monthlyCost(r.resourceId, &billed, &total);
    item.computation =
        QCoreApplication::translate("costscope::analysis::RecommendationModule",
                                    "Its cost over the last 30 days, %1 on %2 billed day(s), per 30 days: %3 a month.")
            .arg(moneyText(total, in.currency))
            .arg(billed)
            .arg(moneyText(item.saving, in.currency));
    return item;
}

std::vector<OptionSpec> RecommendationModule::options() const
{
    std::vector<OptionSpec> out = ownOptions();
    out.push_back({kExcludedAccounts, Text::tr("Excluded accounts"), OptionSpec::Kind::List, QString(),
                   Text::tr("account ids, comma-separated")});
    out.push_back({kExcludedTags, Text::tr("Excluded tags"), OptionSpec::Kind::List, QString(),
                   Text::tr("key=value or key, comma-separated")});
    return out;
}

bool isGone(const store::ResourceInfo &r)
{
    return !r.active || r.state == u"terminated" || r.state == u"deleted" || r.state == u"released";
}

QString percentText(double v)
{
    return QString::number(v, 'f', 1) + QLatin1Char('%');
}

QString moneyText(Money m, const QString &currency)
{
    return m.toDisplay(currency, 2);
}

} // namespace costscope::analysis
