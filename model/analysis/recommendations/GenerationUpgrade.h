#pragma once

#include "model/analysis/recommendations/RecommendationModule.h"

namespace costscope::analysis {

class GenerationUpgrade : public RecommendationModule
{
public:
    static QString moduleId() { return QStringLiteral("instance_generation_upgrade"); }
    QString id() const override { return moduleId(); }
    QString title() const override;
    QString description() const override;
    std::vector<OptionSpec> ownOptions() const override;
    std::vector<RecommendationItem> run(const RecommendationInput &in, const ModuleOptions &options) const override;
};

} // namespace costscope::analysis
