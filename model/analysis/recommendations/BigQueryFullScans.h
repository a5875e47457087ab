#pragma once

#include "model/analysis/recommendations/RecommendationModule.h"

namespace costscope::analysis {

// BigQuery queries that read whole tables again and again.
class BigQueryFullScans : public RecommendationModule
{
public:
    static QString moduleId() { return QStringLiteral("bigquery_full_scans"); }
    QString id() const override { return moduleId(); }
    QString title() const override;
    QString description() const override;
    std::vector<OptionSpec> ownOptions() const override;
    std::vector<RecommendationItem> run(const RecommendationInput &in, const ModuleOptions &options) const override;
    QStringList notes(const RecommendationInput &in, const ModuleOptions &options) const override;
    // The id of the items: one per project and query text (whitespace folded).
    static QString queryResourceId(const QString &project, const QString &text);
};

} // namespace costscope::analysis
