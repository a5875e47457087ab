#pragma once

#include "model/analysis/recommendations/RecommendationModule.h"

namespace costscope::analysis {

// S3 buckets still written to but not read for the lookback: their Standard storage could move to a colder class.
class S3LifecycleCandidates : public RecommendationModule
{
public:
    static QString moduleId() { return QStringLiteral("s3_lifecycle_candidates"); }
    QString id() const override { return moduleId(); }
    QString title() const override;
    QString description() const override;
    std::vector<OptionSpec> ownOptions() const override;
    std::vector<RecommendationItem> run(const RecommendationInput &in, const ModuleOptions &options) const override;
    QStringList notes(const RecommendationInput &in, const ModuleOptions &options) const override;
};

} // namespace costscope::analysis
