#pragma once

#include "model/analysis/recommendations/RecommendationModule.h"

namespace costscope::analysis {

// S3 buckets whose storage is billed while requests and transfer (CUR usage types) stay near zero.
class AbandonedBuckets : public RecommendationModule
{
public:
    static QString moduleId() { return QStringLiteral("abandoned_s3_buckets"); }
    // Service names the S3 line items carry (as imported from CUR or synced).
    static QStringList services();
    QString id() const override { return moduleId(); }
    QString title() const override;
    QString description() const override;
    std::vector<OptionSpec> ownOptions() const override;
    std::vector<RecommendationItem> run(const RecommendationInput &in, const ModuleOptions &options) const override;
};

// Requests in a quantity whose unit may count thousands ("1K Requests", "10K Requests").
double requestCount(double quantity, const QString &unit);
// A resource record for usage found only in line items (no inventory record).
store::ResourceInfo resourceFromUsage(const RecommendationInput &in, const store::ServiceUsage &u, const QString &type);

} // namespace costscope::analysis
