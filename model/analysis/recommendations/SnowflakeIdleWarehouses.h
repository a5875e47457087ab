#pragma once

#include "model/analysis/recommendations/RecommendationModule.h"

namespace costscope::analysis {

// Snowflake warehouses billing credits while no query ran (auto-suspend off or too long).
class SnowflakeIdleWarehouses : public RecommendationModule
{
public:
    static QString moduleId() { return QStringLiteral("snowflake_idle_warehouses"); }
    QString id() const override { return moduleId(); }
    QString title() const override;
    QString description() const override;
    std::vector<OptionSpec> ownOptions() const override;
    std::vector<RecommendationItem> run(const RecommendationInput &in, const ModuleOptions &options) const override;
    QStringList notes(const RecommendationInput &in, const ModuleOptions &options) const override;
};

} // namespace costscope::analysis
