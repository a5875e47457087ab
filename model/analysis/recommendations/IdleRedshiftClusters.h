#pragma once

#include "model/analysis/recommendations/RecommendationModule.h"

namespace costscope::analysis {

// Provisioned Redshift clusters billing node hours while (almost) no query ran on them.
class IdleRedshiftClusters : public RecommendationModule
{
public:
    static QString moduleId() { return QStringLiteral("idle_redshift_clusters"); }
    QString id() const override { return moduleId(); }
    QString title() const override;
    QString description() const override;
    std::vector<OptionSpec> ownOptions() const override;
    std::vector<RecommendationItem> run(const RecommendationInput &in, const ModuleOptions &options) const override;
    QStringList notes(const RecommendationInput &in, const ModuleOptions &options) const override;
};

} // namespace costscope::analysis
