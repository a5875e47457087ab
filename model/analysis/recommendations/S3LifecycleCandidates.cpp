#include "model/analysis/recommendations/S3LifecycleCandidates.h"

#include "model/Domain.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>
#include <map>

namespace costscope::analysis {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(costscope::analysis::S3LifecycleCandidates)
};

struct Bucket
{
    QString account;
    int32_t firstStorageDay = INT32_MAX, lastStorageDay = INT32_MIN;
    double gbMonths = 0; // Standard storage over the last 30 days
    Money storageCost;   // of those GB-months
    double puts = 0, gets = 0;
};

// The colder class's price is a USD price (Glacier Instant Retrieval's): in the costs' currency
// with the rate of the last cost day's month; std::nullopt when there is no rate (never at 1).
std::optional<Money> targetPrice(const RecommendationInput &in, const ModuleOptions &options)
{
    const Money usd = Money::fromDouble(options.number(QStringLiteral("target_price")));
    const QString from = QStringLiteral("USD");
    if (in.currency.isEmpty() || in.currency == from)
        return usd;
    const std::optional<ExchangeRate> rate = in.rates.rateForMonth(from, in.currency, dateFromDayNumber(in.endDay));
    return rate ? rate->convert(usd) : std::nullopt;
}
} // namespace

QString S3LifecycleCandidates::title() const { return Text::tr("S3 lifecycle candidates"); }

QString S3LifecycleCandidates::description() const
{
    return Text::tr("S3 buckets that are written to but not read: a lifecycle rule can move their Standard storage "
                    "to a colder class.");
}

std::vector<OptionSpec> S3LifecycleCandidates::ownOptions() const
{
    return {
        {QStringLiteral("days"), Text::tr("Days without reads"), OptionSpec::Kind::Number, QStringLiteral("90"),
         Text::tr("days")},
        {QStringLiteral("max_gets"), Text::tr("GET requests at most"), OptionSpec::Kind::Number, QStringLiteral("0"),
         Text::tr("requests")},
        {QStringLiteral("target_price"), Text::tr("Price of the colder class"), OptionSpec::Kind::Number,
         QStringLiteral("0.004"), Text::tr("per GB-month (Glacier Instant Retrieval: 0.004 USD)")},
        {QStringLiteral("min_saving"), Text::tr("Smallest saving shown"), OptionSpec::Kind::Number,
         QStringLiteral("1"), Text::tr("per month")},
    };
}

std::vector<RecommendationItem> S3LifecycleCandidates::run(const RecommendationInput &in,
                                                           const ModuleOptions &options) const
{
    std::vector<RecommendationItem> out;
    const int days = std::clamp(static_cast<int>(options.number(QStringLiteral("days"))), 7,
                                RecommendationInput::kSaasDays);
    const int32_t from = in.endDay - days + 1;
    const int32_t monthFrom = in.endDay - RecommendationInput::kCostDays + 1;
    const double maxGets = options.number(QStringLiteral("max_gets"));
    const std::optional<Money> targetIn = targetPrice(in, options);
    if (!targetIn)
        return out; // notes() says there is no rate
    const Money target = *targetIn;
    const Money minSaving = Money::fromDouble(options.number(QStringLiteral("min_saving")));
    std::map<QString, Bucket> buckets;
    for (const SaasUsageDay &u : in.saasUsage) {
        if (u.service != u"S3" || u.entityKind != u"bucket" || u.day < from || u.currency != in.currency)
            continue;
        Bucket &b = buckets[u.entity];
        b.account = u.account;
        if (u.usageType == u"storage") {
            b.firstStorageDay = std::min(b.firstStorageDay, u.day);
            b.lastStorageDay = std::max(b.lastStorageDay, u.day);
            if (u.day >= monthFrom) {
                b.gbMonths += u.quantity;
                b.storageCost += u.cost;
            }
        } else if (u.usageType == u"requests-tier1") {
            b.puts += u.quantity;
        } else if (u.usageType == u"requests-tier2") {
            b.gets += u.quantity;
        }
    }
    for (const auto &[entity, b] : buckets) {
        // Written but not read, over the whole lookback. Buckets nobody writes to either are
        // the abandoned-bucket rule's.
        if (b.firstStorageDay > from || b.lastStorageDay < in.endDay - 2 || b.puts <= 0 || b.gets > maxGets
            || b.gbMonths <= 0)
            continue;
        const Money price = Money::fromDouble(b.storageCost.toDouble() / b.gbMonths);
        if (price <= target)
            continue;
        const Money saving = b.storageCost - Money::fromDouble(b.gbMonths * target.toDouble());
        if (saving < minSaving)
            continue;
        const store::ResourceInfo r = saasResource(in, QStringLiteral("AWS"), b.account, entity, QStringLiteral("bucket"));
        if (isGone(r) || RecommendationInput::excluded(r, options))
            continue;
        RecommendationItem item;
        item.module = id();
        item.resource = r;
        item.saving = saving;
        item.finding = Text::tr("%1 PUT/LIST requests and %2 GET requests over the last %3 days; %4 GB-months of "
                                "Standard storage billed in the last 30 days.")
                           .arg(QString::number(b.puts, 'f', 0), QString::number(b.gets, 'f', 0))
                           .arg(days)
                           .arg(QString::number(b.gbMonths, 'f', 1));
        item.computation = Text::tr("%1 GB-months x (%2 paid now - %3 in the colder class) per GB-month = %4 a month.")
                               .arg(QString::number(b.gbMonths, 'f', 1), moneyText(price, in.currency),
                                    moneyText(target, in.currency), moneyText(saving, in.currency));
        item.action = Text::tr("Add a lifecycle rule that moves objects older than 30 days to Glacier Instant "
                               "Retrieval (or expires them, if nobody needs them).");
        out.push_back(std::move(item));
    }
    return out;
}

QStringList S3LifecycleCandidates::notes(const RecommendationInput &in, const ModuleOptions &options) const
{
    for (const SaasUsageDay &u : in.saasUsage)
        if (u.service == u"S3" && u.entityKind == u"bucket") {
            if (!targetPrice(in, options))
                return {Text::tr("No rate from USD to %1 for %2: the colder class's price (USD) cannot be compared "
                                 "with the buckets' storage cost; add rates in Edit \u25b8 Preferences \u25b8 Currencies.")
                            .arg(in.currency, dateFromDayNumber(in.endDay).toString(QStringLiteral("yyyy-MM")))};
            return {};
        }
    return {Text::tr("No S3 usage per bucket yet: import a Cost and Usage Report with resource ids.")};
}

} // namespace costscope::analysis
