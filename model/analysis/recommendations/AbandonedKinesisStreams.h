#pragma once

#include "model/analysis/recommendations/RecommendationModule.h"

namespace costscope::analysis {

class AbandonedKinesisStreams : public RecommendationModule
{
public:
    static QString moduleId() { return QStringLiteral("abandoned_kinesis_streams"); }
    QString id() const override { return moduleId(); }
    QString title() const override;
    QString description() const override;
    std::vector<OptionSpec> ownOptions() const override;
    std::vector<RecommendationItem> run(const RecommendationInput &in, const ModuleOptions &options) const override;
    // Service names the Kinesis line items carry (as imported from CUR or synced).
    static QStringList services();
};

} // namespace costscope::analysis
