#include "model/analysis/recommendations/BigQueryFullScans.h"

#include <QCoreApplication>
#include <QCryptographicHash>

#include <algorithm>
#include <map>

namespace costscope::analysis {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(costscope::analysis::BigQueryFullScans)
};

struct Scans
{
    QString account, text;
    int runs = 0;
    int64_t bytes = 0;
    Money cost;
    QSet<QString> users;
};

QString bytesText(int64_t bytes)
{
    return QString::number(static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0 * 1024.0), 'f', 2)
           + QStringLiteral(" TiB");
}
} // namespace

QString BigQueryFullScans::queryResourceId(const QString &project, const QString &text)
{
    const QByteArray digest = QCryptographicHash::hash(text.simplified().toUtf8(), QCryptographicHash::Sha256);
    return QStringLiteral("bigquery-query:") + project + QLatin1Char(':')
           + QString::fromLatin1(digest.toHex().left(12));
}

QString BigQueryFullScans::title() const { return Text::tr("BigQuery full-table scans"); }

QString BigQueryFullScans::description() const
{
    return Text::tr("BigQuery queries that read whole tables again and again; partitioning or clustering the table "
                    "(and filtering on it) reads a fraction.");
}

std::vector<OptionSpec> BigQueryFullScans::ownOptions() const
{
    return {
        {QStringLiteral("days"), Text::tr("Days observed"), OptionSpec::Kind::Number, QStringLiteral("30"),
         Text::tr("days")},
        {QStringLiteral("pruned_share"), Text::tr("Bytes left out by pruning"), OptionSpec::Kind::Number,
         QStringLiteral("80"), Text::tr("percent")},
        {QStringLiteral("min_saving"), Text::tr("Smallest saving shown"), OptionSpec::Kind::Number,
         QStringLiteral("5"), Text::tr("per month")},
    };
}

std::vector<RecommendationItem> BigQueryFullScans::run(const RecommendationInput &in,
                                                       const ModuleOptions &options) const
{
    std::vector<RecommendationItem> out;
    const int days = std::clamp(static_cast<int>(options.number(QStringLiteral("days"))), 1,
                                RecommendationInput::kCostDays);
    const int32_t from = in.endDay - days + 1;
    const double pruned = std::clamp(options.number(QStringLiteral("pruned_share")), 0.0, 100.0) / 100.0;
    const Money minSaving = Money::fromDouble(options.number(QStringLiteral("min_saving")));
    std::map<QString, Scans> byQuery;
    for (const SaasQueryDay &q : in.saasQueries) {
        if (q.service != u"BigQuery" || !q.fullScan || q.day < from || q.currency != in.currency)
            continue;
        Scans &s = byQuery[queryResourceId(q.account, q.text)];
        s.account = q.account;
        s.text = q.text;
        ++s.runs;
        s.bytes += q.bytesBilled;
        s.cost += q.cost;
        s.users.insert(q.user);
    }
    for (const auto &[rid, s] : byQuery) {
        const Money monthly = Money::fromDouble(s.cost.toDouble() * RecommendationInput::kCostDays / days);
        const Money saving = Money::fromDouble(monthly.toDouble() * pruned);
        if (saving < minSaving || saving.nanos() <= 0)
            continue;
        store::ResourceInfo r = saasResource(in, QStringLiteral("GCP"), s.account, rid, QStringLiteral("query"));
        r.name = s.text.simplified().left(80);
        if (RecommendationInput::excluded(r, options))
            continue;
        QStringList users(s.users.begin(), s.users.end());
        users.sort();
        RecommendationItem item;
        item.module = id();
        item.resource = r;
        item.saving = saving;
        item.finding = Text::tr("Ran %1 times in the last %2 days in %3 by %4, each time reading whole tables: "
                                "%5 billed, %6.")
                           .arg(s.runs)
                           .arg(days)
                           .arg(s.account, users.join(QStringLiteral(", ")), bytesText(s.bytes),
                                moneyText(s.cost, in.currency));
        item.computation = Text::tr("%1 x 30 / %2 days = %3 a month; with partition pruning or clustering "
                                    "leaving out %4 of the bytes: %5 a month.")
                               .arg(moneyText(s.cost, in.currency))
                               .arg(days)
                               .arg(moneyText(monthly, in.currency), percentText(pruned * 100),
                                    moneyText(saving, in.currency));
        item.action = Text::tr("Partition the table by date (or cluster it by the filtered column), filter on "
                               "the partition column and select only the columns needed.");
        out.push_back(std::move(item));
    }
    return out;
}

QStringList BigQueryFullScans::notes(const RecommendationInput &in, const ModuleOptions &options) const
{
    Q_UNUSED(options)
    for (const SaasQueryDay &q : in.saasQueries)
        if (q.service == u"BigQuery")
            return {};
    return {Text::tr("No BigQuery jobs yet: connect a GCP project with INFORMATION_SCHEMA.JOBS access.")};
}

} // namespace costscope::analysis
