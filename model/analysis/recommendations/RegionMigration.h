#pragma once

#include "model/analysis/recommendations/RecommendationModule.h"

namespace costscope::analysis {

class RegionMigration : public RecommendationModule
{
public:
    static QString moduleId() { return QStringLiteral("region_migration"); }
    QString id() const override { return moduleId(); }
    QString title() const override;
    QString description() const override;
    std::vector<OptionSpec> ownOptions() const override;
    std::vector<RecommendationItem> run(const RecommendationInput &in, const ModuleOptions &options) const override;
};

} // namespace costscope::analysis
