#pragma once

#include "model/analysis/recommendations/RecommendationModule.h"

namespace costscope::analysis {

// The security rules read facts a sync (or the demo) writes as resource tags under "costscope:"
// (docs/recommendations.md, "Security data"): they flag risks, not costs, so their saving is 0,
// and they say which accounts carry no such data.
inline const QString kTagPublicAccess = QStringLiteral("costscope:public-access");
inline const QString kTagIngress = QStringLiteral("costscope:ingress");
inline const QString kTagLastActivity = QStringLiteral("costscope:last-activity");

// Buckets whose access tag says public.
class PublicBuckets : public RecommendationModule
{
public:
    static QString moduleId() { return QStringLiteral("public_s3_buckets"); }
    QString id() const override { return moduleId(); }
    QString title() const override;
    QString description() const override;
    std::vector<OptionSpec> ownOptions() const override;
    std::vector<RecommendationItem> run(const RecommendationInput &in, const ModuleOptions &options) const override;
    QStringList notes(const RecommendationInput &in, const ModuleOptions &options) const override;
    bool reportsRisks() const override { return true; }
};

// Security groups with an inbound rule from 0.0.0.0/0 or ::/0 that covers a listed port.
class InsecureSecurityGroups : public RecommendationModule
{
public:
    static QString moduleId() { return QStringLiteral("insecure_security_groups"); }
    QString id() const override { return moduleId(); }
    QString title() const override;
    QString description() const override;
    std::vector<OptionSpec> ownOptions() const override;
    std::vector<RecommendationItem> run(const RecommendationInput &in, const ModuleOptions &options) const override;
    QStringList notes(const RecommendationInput &in, const ModuleOptions &options) const override;
    bool reportsRisks() const override { return true; }
};

// IAM users without activity (console or access key) for `days` days.
class InactiveIamUsers : public RecommendationModule
{
public:
    static QString moduleId() { return QStringLiteral("inactive_iam_users"); }
    QString id() const override { return moduleId(); }
    QString title() const override;
    QString description() const override;
    std::vector<OptionSpec> ownOptions() const override;
    std::vector<RecommendationItem> run(const RecommendationInput &in, const ModuleOptions &options) const override;
    QStringList notes(const RecommendationInput &in, const ModuleOptions &options) const override;
    bool reportsRisks() const override { return true; }
};

// True when one rule of a "costscope:ingress" value ("tcp:22:0.0.0.0/0;tcp:80-443:10.0.0.0/8;
// all:0-65535:::/0") opens the port to the whole internet; `rule` gets that rule.
bool openToWorld(const QString &ingress, int port, QString *rule = nullptr);

} // namespace costscope::analysis
