#include "model/analysis/Allocation.h"

#include "model/Domain.h"
#include "model/Money.h"

#include <QHash>
#include <QObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <map>

namespace costscope::analysis {

namespace {

QString percentText(int basisPoints)
{
    QString s = QString::number(basisPoints / 100);
    if (const int frac = basisPoints % 100; frac != 0)
        s += u'.' + (frac % 10 == 0 ? QString::number(frac / 10) : QString::number(frac).rightJustified(2, u'0'));
    return s;
}

// "50", "33.34", "12.5" (with or without "%") as basis points; -1 when it is not such a number.
int parsePercent(QString text)
{
    text = text.trimmed();
    if (text.endsWith(u'%'))
        text.chop(1);
    text = text.trimmed();
    const qsizetype dot = text.indexOf(u'.');
    const QString whole = dot < 0 ? text : text.left(dot);
    QString frac = dot < 0 ? QString() : text.mid(dot + 1);
    if (whole.isEmpty() || whole.size() > 3 || frac.size() > 2 || (dot >= 0 && frac.isEmpty()))
        return -1;
    for (QChar c : QString(whole + frac))
        if (!c.isDigit() || c.unicode() > 127)
            return -1;
    while (frac.size() < 2)
        frac += u'0';
    return whole.toInt() * 100 + frac.toInt();
}

Int128 floorDiv(Int128 a, Int128 b) // b > 0
{
    Int128 q = a / b;
    if (a % b != 0 && a < 0)
        --q;
    return q;
}

// amount split in proportion to weights (>= 0, sum > 0), exactly: each share is rounded down and
// the remainder goes to the largest weight (the first of equal ones).
std::vector<int64_t> splitExact(int64_t amount, const std::vector<int64_t> &weights)
{
    Int128 total = 0;
    for (int64_t w : weights)
        total += w;
    std::vector<int64_t> shares(weights.size(), 0);
    int64_t given = 0;
    size_t largest = 0;
    for (size_t i = 0; i < weights.size(); ++i) {
        shares[i] = static_cast<int64_t>(floorDiv(static_cast<Int128>(amount) * weights[i], total));
        given += shares[i];
        if (weights[i] > weights[largest])
            largest = i;
    }
    shares[largest] += amount - given;
    return shares;
}

struct Bucketing
{
    std::vector<QDate> buckets;
    std::vector<int32_t> starts; // day number of each bucket's first day
    int32_t from = 0;
    int32_t to = 0;

    int indexOf(int32_t day) const
    {
        if (day < from || day >= to)
            return -1;
        auto it = std::upper_bound(starts.begin(), starts.end(), day);
        return static_cast<int>(it - starts.begin()) - 1;
    }
};

Bucketing bucketing(const QDate &from, const QDate &to, store::Granularity g)
{
    Bucketing b;
    b.from = dayNumber(from);
    b.to = dayNumber(to);
    if (g == store::Granularity::Day) {
        for (QDate d = from; d < to; d = d.addDays(1))
            b.buckets.push_back(d);
    } else if (g == store::Granularity::Month) {
        for (QDate d(from.year(), from.month(), 1); d < to; d = d.addMonths(1))
            b.buckets.push_back(d);
    } else {
        b.buckets.push_back(from);
    }
    for (const QDate &d : b.buckets)
        b.starts.push_back(std::max(dayNumber(d), b.from));
    return b;
}

// Team -> nanos per bucket, turned into a series with the largest team first.
using TeamBuckets = std::map<QString, std::vector<int64_t>>;

store::CostSeries toSeries(const TeamBuckets &teams, const Bucketing &b, store::Granularity g, const QString &currency)
{
    store::CostSeries s;
    s.currency = currency;
    s.granularity = g;
    s.buckets = b.buckets;
    for (const auto &[team, nanos] : teams) {
        store::CostGroup group;
        group.key = team;
        group.label = team.isEmpty() ? QObject::tr("(untagged)") : team;
        group.nanos = nanos;
        for (int64_t v : nanos)
            group.total += v;
        s.total += group.total;
        s.groups.push_back(std::move(group));
    }
    std::stable_sort(s.groups.begin(), s.groups.end(),
                     [](const store::CostGroup &x, const store::CostGroup &y) { return x.total > y.total; });
    return s;
}

} // namespace

QString allocationSourceName(AllocationSource source)
{
    switch (source) {
    case AllocationSource::Untagged: return QStringLiteral("untagged");
    case AllocationSource::Service: return QStringLiteral("service");
    case AllocationSource::Account: return QStringLiteral("account");
    case AllocationSource::Team: return QStringLiteral("team");
    case AllocationSource::KubernetesIdle: return QStringLiteral("kubernetes_idle");
    }
    return {};
}

std::optional<AllocationSource> allocationSourceFromName(QStringView name)
{
    for (AllocationSource s : {AllocationSource::Untagged, AllocationSource::Service, AllocationSource::Account,
                               AllocationSource::Team, AllocationSource::KubernetesIdle})
        if (name == allocationSourceName(s))
            return s;
    return std::nullopt;
}

bool allocationSourceNeedsValue(AllocationSource source)
{
    return source == AllocationSource::Service || source == AllocationSource::Account || source == AllocationSource::Team;
}

QString allocationMethodName(AllocationMethod method)
{
    return method == AllocationMethod::Fixed ? QStringLiteral("fixed") : QStringLiteral("usage");
}

std::optional<AllocationMethod> allocationMethodFromName(QStringView name)
{
    if (name == u"fixed")
        return AllocationMethod::Fixed;
    if (name == u"usage")
        return AllocationMethod::Usage;
    return std::nullopt;
}

QString validateRule(const AllocationRule &rule)
{
    if (allocationSourceNeedsValue(rule.source) && rule.value.trimmed().isEmpty())
        return QObject::tr("the %1 to take cost from is empty").arg(allocationSourceName(rule.source));
    QSet<QString> seen;
    int sum = 0;
    for (const AllocationTarget &t : rule.targets) {
        if (t.team.trimmed().isEmpty())
            return QObject::tr("a target team is empty");
        if (seen.contains(t.team))
            return QObject::tr("team %1 is listed twice").arg(t.team);
        seen.insert(t.team);
        if (rule.source == AllocationSource::Team && t.team == rule.value)
            return QObject::tr("team %1 cannot receive its own cost").arg(t.team);
        if (rule.method == AllocationMethod::Fixed) {
            if (t.basisPoints <= 0 || t.basisPoints > kFullShare)
                return QObject::tr("the share of %1 must be above 0 % and at most 100 %").arg(t.team);
            sum += t.basisPoints;
        }
    }
    if (rule.method == AllocationMethod::Fixed) {
        if (rule.targets.empty())
            return QObject::tr("a split by fixed percentages needs at least one target team");
        if (sum != kFullShare)
            return QObject::tr("the percentages sum to %1 %, not 100 %").arg(percentText(sum));
    }
    return {};
}

QString validateSettings(const AllocationSettings &settings)
{
    if (settings.teamTagKey.trimmed().isEmpty())
        return QObject::tr("the tag that names teams is empty");
    for (size_t i = 0; i < settings.rules.size(); ++i) {
        const AllocationRule &r = settings.rules[i];
        const QString problem = validateRule(r);
        if (!problem.isEmpty())
            return r.name.isEmpty() ? QObject::tr("rule %1: %2").arg(i + 1).arg(problem)
                                    : QObject::tr("rule %1 (%2): %3").arg(i + 1).arg(r.name, problem);
    }
    return {};
}

QString targetsText(const AllocationRule &rule)
{
    QStringList parts;
    for (const AllocationTarget &t : rule.targets)
        parts << (rule.method == AllocationMethod::Fixed ? t.team + u' ' + percentText(t.basisPoints) + u'%' : t.team);
    return parts.join(QStringLiteral(", "));
}

bool parseTargets(const QString &text, AllocationMethod method, std::vector<AllocationTarget> *out, QString *error)
{
    std::vector<AllocationTarget> targets;
    const QStringList parts = text.split(QRegularExpression(QStringLiteral("[,;]")), Qt::SkipEmptyParts);
    for (const QString &raw : parts) {
        const QString part = raw.trimmed();
        if (part.isEmpty())
            continue;
        AllocationTarget t;
        if (method == AllocationMethod::Fixed) {
            // "web 50%", "web=50", "web: 50 %"
            static const QRegularExpression re(QStringLiteral(R"(^(.+?)\s*[=:]?\s*([0-9]+(?:\.[0-9]+)?)\s*%?$)"));
            const QRegularExpressionMatch m = re.match(part);
            const int bp = m.hasMatch() ? parsePercent(m.captured(2)) : -1;
            if (bp < 0) {
                if (error)
                    *error = QObject::tr("'%1' is not 'team percent' (for example 'web 50%')").arg(part);
                return false;
            }
            t.team = m.captured(1).trimmed();
            t.basisPoints = bp;
        } else {
            t.team = part;
        }
        targets.push_back(std::move(t));
    }
    *out = std::move(targets);
    return true;
}

QString sourceText(const AllocationRule &rule)
{
    switch (rule.source) {
    case AllocationSource::Untagged: return QObject::tr("untagged cost");
    case AllocationSource::Service: return QObject::tr("service %1").arg(rule.value);
    case AllocationSource::Account: return QObject::tr("account %1").arg(rule.value);
    case AllocationSource::Team: return QObject::tr("team %1").arg(rule.value);
    case AllocationSource::KubernetesIdle: return QObject::tr("Kubernetes idle cost");
    }
    return {};
}

int matchingRule(const std::vector<AllocationRule> &rules, const AllocationCell &cell)
{
    for (size_t i = 0; i < rules.size(); ++i) {
        const AllocationRule &r = rules[i];
        if (!r.active)
            continue;
        bool match = false;
        switch (r.source) {
        case AllocationSource::Untagged: match = cell.team.isEmpty(); break;
        case AllocationSource::Service: match = cell.service == r.value; break;
        case AllocationSource::Account: match = cell.account == r.value; break;
        case AllocationSource::Team: match = !cell.team.isEmpty() && cell.team == r.value; break;
        case AllocationSource::KubernetesIdle: match = cell.idle; break;
        }
        if (match)
            return static_cast<int>(i);
    }
    return -1;
}

AllocationResult allocate(const std::vector<AllocationCell> &cells, const AllocationSettings &settings,
                          const QDate &from, const QDate &to, store::Granularity granularity, const QString &currency)
{
    AllocationResult out;
    const Bucketing b = bucketing(from, to, granularity);
    const size_t nb = b.buckets.size();
    const QString invalid = validateSettings(settings);
    out.error = invalid;
    const std::vector<AllocationRule> noRules;
    const std::vector<AllocationRule> &rules = invalid.isEmpty() ? settings.rules : noRules;
    for (const AllocationRule &r : rules)
        out.rules.push_back(AllocationRuleOutcome{r.id, r.name, 0, 0});

    TeamBuckets before;
    TeamBuckets after;
    auto add = [nb](TeamBuckets &m, const QString &team, int bucket, int64_t nanos) {
        auto &v = m[team];
        if (v.empty())
            v.assign(nb, 0);
        v[static_cast<size_t>(bucket)] += nanos;
    };

    // One day at a time: the day's direct cost per team weighs the usage splits of that day.
    std::map<int32_t, std::vector<const AllocationCell *>> byDay;
    for (const AllocationCell &c : cells)
        if (b.indexOf(c.day) >= 0)
            byDay[c.day].push_back(&c);
    for (const auto &[day, dayCells] : byDay) {
        const int bucket = b.indexOf(day);
        std::map<QString, int64_t> direct;
        // Per rule: what it took that day, and from which team label (to put back what no one receives).
        std::vector<std::map<QString, int64_t>> taken(rules.size());
        for (const AllocationCell *c : dayCells) {
            add(before, c->team, bucket, c->nanos);
            const int r = matchingRule(rules, *c);
            if (r < 0) {
                direct[c->team] += c->nanos;
                add(after, c->team, bucket, c->nanos);
            } else {
                taken[static_cast<size_t>(r)][c->team] += c->nanos;
            }
        }
        for (size_t r = 0; r < rules.size(); ++r) {
            int64_t amount = 0;
            for (const auto &[team, nanos] : taken[r])
                amount += nanos;
            if (taken[r].empty())
                continue;
            out.rules[r].taken += amount;
            const AllocationRule &rule = rules[r];
            std::vector<QString> teams;
            std::vector<int64_t> weights;
            if (rule.method == AllocationMethod::Fixed) {
                for (const AllocationTarget &t : rule.targets) {
                    teams.push_back(t.team);
                    weights.push_back(t.basisPoints);
                }
            } else {
                if (rule.targets.empty()) {
                    for (const auto &[team, nanos] : direct)
                        if (!team.isEmpty() && nanos > 0)
                            teams.push_back(team);
                } else {
                    for (const AllocationTarget &t : rule.targets)
                        teams.push_back(t.team);
                }
                int64_t sum = 0;
                for (const QString &t : teams) {
                    const auto it = direct.find(t);
                    weights.push_back(it == direct.end() ? 0 : std::max<int64_t>(0, it->second));
                    sum += weights.back();
                }
                if (sum == 0) // no target had cost of its own that day: equal shares
                    std::fill(weights.begin(), weights.end(), 1);
            }
            if (teams.empty()) {
                // Nobody to give it to: it stays where it was.
                out.rules[r].unallocated += amount;
                for (const auto &[team, nanos] : taken[r])
                    add(after, team, bucket, nanos);
                continue;
            }
            const std::vector<int64_t> shares = splitExact(amount, weights);
            for (size_t i = 0; i < teams.size(); ++i)
                add(after, teams[i], bucket, shares[i]);
        }
    }
    out.before = toSeries(before, b, granularity, currency);
    out.after = toSeries(after, b, granularity, currency);
    return out;
}

} // namespace costscope::analysis
