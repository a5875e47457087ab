#include "model/analysis/recommendations/AbandonedKinesisStreams.h"

#include "model/analysis/recommendations/AbandonedBuckets.h"

#include <QCoreApplication>

#include <algorithm>

namespace costscope::analysis {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(costscope::analysis::AbandonedKinesisStreams)
};

// CUR usage types: "USE1-ShardHour", "USE1-Extended-ShardHour", "USE1-OnDemand-StreamHour" (the
// stream is billed) and "USE1-PutRequestPayloadUnits", "USE1-OnDemand-BilledIncomingBytes"
// (records are written).
bool isShard(const store::SkuUsage &s)
{
    return s.sku.contains(u"ShardHour", Qt::CaseInsensitive) || s.sku.contains(u"StreamHour", Qt::CaseInsensitive);
}

bool isPut(const store::SkuUsage &s)
{
    return s.sku.contains(u"PutRequest", Qt::CaseInsensitive) || s.sku.contains(u"IncomingBytes", Qt::CaseInsensitive)
           || s.operation.startsWith(u"PutRecord", Qt::CaseInsensitive);
}
} // namespace

QStringList AbandonedKinesisStreams::services()
{
    return {QStringLiteral("Amazon Kinesis"), QStringLiteral("Amazon Kinesis Data Streams"),
            QStringLiteral("AmazonKinesis")};
}

QString AbandonedKinesisStreams::title() const { return Text::tr("Abandoned Kinesis streams"); }

QString AbandonedKinesisStreams::description() const
{
    return Text::tr("Kinesis streams that bill shard hours while nothing writes records to them.");
}

std::vector<OptionSpec> AbandonedKinesisStreams::ownOptions() const
{
    return {
        {QStringLiteral("days"), Text::tr("Days observed"), OptionSpec::Kind::Number, QStringLiteral("7"),
         Text::tr("days")},
        {QStringLiteral("put_units"), Text::tr("PUT payload units at most"), OptionSpec::Kind::Number,
         QStringLiteral("0"), Text::tr("units")},
    };
}

std::vector<RecommendationItem> AbandonedKinesisStreams::run(const RecommendationInput &in,
                                                             const ModuleOptions &options) const
{
    std::vector<RecommendationItem> out;
    const int days = std::clamp(static_cast<int>(options.number(QStringLiteral("days"))), 1,
                                RecommendationInput::kCostDays);
    const int32_t from = in.endDay - days + 1;
    const double maxPut = options.number(QStringLiteral("put_units"));
    const QStringList kinesis = services();
    for (const store::ServiceUsage &u : in.usage) {
        if (!kinesis.contains(u.service) || u.firstDay > from)
            continue;
        double shardHours = 0, puts = 0;
        for (const store::SkuUsage &s : u.skus) {
            double q = 0;
            for (auto it = s.quantity.constBegin(); it != s.quantity.constEnd(); ++it)
                if (it.key() >= from)
                    q += it.value();
            if (isShard(s))
                shardHours += q;
            else if (isPut(s))
                puts += requestCount(q, s.unit);
        }
        if (shardHours <= 0 || puts > maxPut)
            continue;
        const store::ResourceInfo r = resourceFromUsage(in, u, QStringLiteral("stream"));
        if (isGone(r) || RecommendationInput::excluded(r, options))
            continue;
        RecommendationItem item = keepingCostItem(in, r);
        item.finding = Text::tr("%1 shard hours billed over the last %2 days and %3 PUT payload units written.")
                           .arg(QString::number(shardHours, 'f', 0))
                           .arg(days)
                           .arg(QString::number(puts, 'f', 0));
        item.action = Text::tr("Delete the stream if no producer needs it any more.");
        out.push_back(std::move(item));
    }
    return out;
}

} // namespace costscope::analysis
