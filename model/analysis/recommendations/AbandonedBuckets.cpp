#include "model/analysis/recommendations/AbandonedBuckets.h"

#include <QCoreApplication>

#include <algorithm>

namespace costscope::analysis {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(costscope::analysis::AbandonedBuckets)
};

enum class S3Use { Storage, Tier1, Tier2, Transfer, Other };

// CUR usage types: "USE1-TimedStorage-ByteHrs", "USE1-Requests-Tier1" (PUT, COPY, POST, LIST),
// "USE1-Requests-Tier2" (GET and the rest), "USE1-DataTransfer-Out-Bytes", "USE1-USW2-AWS-Out-Bytes".
S3Use classify(const store::SkuUsage &s)
{
    const QString &t = s.sku;
    if (t.contains(u"TimedStorage", Qt::CaseInsensitive))
        return S3Use::Storage;
    if (t.contains(u"Requests", Qt::CaseInsensitive) && t.contains(u"Tier1", Qt::CaseInsensitive))
        return S3Use::Tier1;
    if (t.contains(u"Requests", Qt::CaseInsensitive))
        return S3Use::Tier2;
    if (t.contains(u"DataTransfer", Qt::CaseInsensitive) || t.contains(u"-Out-Bytes", Qt::CaseInsensitive)
        || t.contains(u"-In-Bytes", Qt::CaseInsensitive))
        return S3Use::Transfer;
    return S3Use::Other;
}

double megabytes(double quantity, const QString &unit)
{
    const QString u = unit.trimmed().toLower();
    if (u == u"bytes" || u == u"byte")
        return quantity / 1048576.0;
    if (u == u"mb")
        return quantity;
    if (u == u"tb")
        return quantity * 1048576.0;
    return quantity * 1024.0; // GB, the CUR unit
}

double sumSince(const QHash<int32_t, double> &perDay, int32_t from)
{
    double total = 0;
    for (auto it = perDay.constBegin(); it != perDay.constEnd(); ++it)
        if (it.key() >= from)
            total += it.value();
    return total;
}

int64_t billedSince(const QHash<int32_t, int64_t> &perDay, int32_t from)
{
    int64_t total = 0;
    for (auto it = perDay.constBegin(); it != perDay.constEnd(); ++it)
        if (it.key() >= from)
            total += it.value();
    return total;
}
} // namespace

double requestCount(double quantity, const QString &unit)
{
    const QString u = unit.trimmed().toLower();
    if (u.startsWith(u"10k"))
        return quantity * 10000.0;
    if (u.startsWith(u"1k") || u.startsWith(u"k "))
        return quantity * 1000.0;
    if (u.startsWith(u"1m"))
        return quantity * 1e6;
    return quantity;
}

store::ResourceInfo resourceFromUsage(const RecommendationInput &in, const store::ServiceUsage &u, const QString &type)
{
    if (const store::ResourceInfo *r = in.find(u.resourceId))
        return *r;
    store::ResourceInfo r;
    r.provider = u.provider;
    r.accountId = u.accountId;
    r.region = u.region;
    r.resourceId = u.resourceId;
    r.name = u.name.isEmpty() ? u.resourceId.section(QLatin1Char(':'), -1).section(QLatin1Char('/'), -1) : u.name;
    r.type = type;
    r.state = QStringLiteral("billed");
    r.firstSeen = static_cast<int64_t>(u.firstDay) * 86400;
    r.lastSeen = (static_cast<int64_t>(u.lastDay) + 1) * 86400;
    return r;
}

QStringList AbandonedBuckets::services()
{
    return {QStringLiteral("Amazon S3"), QStringLiteral("Amazon Simple Storage Service"), QStringLiteral("AmazonS3")};
}

QString AbandonedBuckets::title() const { return Text::tr("Abandoned S3 buckets"); }

QString AbandonedBuckets::description() const
{
    return Text::tr("S3 buckets that bill storage while hardly anyone reads, writes or downloads them.");
}

std::vector<OptionSpec> AbandonedBuckets::ownOptions() const
{
    return {
        {QStringLiteral("days"), Text::tr("Days observed"), OptionSpec::Kind::Number, QStringLiteral("7"),
         Text::tr("days")},
        {QStringLiteral("tier1_requests"), Text::tr("PUT/COPY/POST/LIST requests below"), OptionSpec::Kind::Number,
         QStringLiteral("100"), Text::tr("requests")},
        {QStringLiteral("tier2_requests"), Text::tr("GET and other requests below"), OptionSpec::Kind::Number,
         QStringLiteral("2000"), Text::tr("requests")},
        {QStringLiteral("transfer_mb"), Text::tr("Data transfer below"), OptionSpec::Kind::Number,
         QStringLiteral("1024"), QStringLiteral("MB")},
    };
}

std::vector<RecommendationItem> AbandonedBuckets::run(const RecommendationInput &in, const ModuleOptions &options) const
{
    std::vector<RecommendationItem> out;
    const int days = std::clamp(static_cast<int>(options.number(QStringLiteral("days"))), 1,
                                RecommendationInput::kCostDays);
    const int32_t from = in.endDay - days + 1;
    const double maxTier1 = options.number(QStringLiteral("tier1_requests"));
    const double maxTier2 = options.number(QStringLiteral("tier2_requests"));
    const double maxMb = options.number(QStringLiteral("transfer_mb"));
    const QStringList s3 = services();
    for (const store::ServiceUsage &u : in.usage) {
        if (!s3.contains(u.service) || u.firstDay > from)
            continue;
        double tier1 = 0, tier2 = 0, mb = 0;
        int64_t storage = 0;
        for (const store::SkuUsage &s : u.skus) {
            switch (classify(s)) {
            case S3Use::Storage:
                storage += billedSince(s.billed, from);
                break;
            case S3Use::Tier1:
                tier1 += requestCount(sumSince(s.quantity, from), s.unit);
                break;
            case S3Use::Tier2:
                tier2 += requestCount(sumSince(s.quantity, from), s.unit);
                break;
            case S3Use::Transfer:
                mb += megabytes(sumSince(s.quantity, from), s.unit);
                break;
            case S3Use::Other:
                break;
            }
        }
        if (storage <= 0 || tier1 >= maxTier1 || tier2 >= maxTier2 || mb >= maxMb)
            continue;
        const store::ResourceInfo r = resourceFromUsage(in, u, QStringLiteral("bucket"));
        if (isGone(r) || RecommendationInput::excluded(r, options))
            continue;
        RecommendationItem item = keepingCostItem(in, r);
        item.finding = Text::tr("Over the last %1 days: %2 PUT/COPY/POST/LIST and %3 GET requests, %4 MB transferred, "
                                "while %5 of storage was billed.")
                           .arg(days)
                           .arg(QString::number(tier1, 'f', 0))
                           .arg(QString::number(tier2, 'f', 0))
                           .arg(QString::number(mb, 'f', 1))
                           .arg(moneyText(Money::fromNanos(storage), in.currency));
        item.action = Text::tr("Check with the owner, then delete the bucket or move its objects to an archive "
                               "storage class.");
        out.push_back(std::move(item));
    }
    return out;
}

} // namespace costscope::analysis
