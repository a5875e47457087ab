#pragma once

#include "model/Money.h"
#include "model/store/CostStore.h"
#include "model/store/RecommendationQuery.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace costscope::analysis {

// One saas_usage_daily row (docs/saas.md) as the data-platform rules read it.
struct SaasUsageDay
{
    QString service, account, entityKind, entity, usageType, unit, currency;
    int32_t day = 0;
    double quantity = 0;
    Money cost;
};

// One saas_query row, without its text's tail.
struct SaasQueryDay
{
    QString service, account, scope, user, text, currency;
    int32_t day = 0;
    int64_t startedMs = 0, durationMs = 0, bytesBilled = 0;
    double credits = 0;
    Money cost;
    bool fullScan = false;
};

// The rows of days [fromDay, toDay].
std::vector<SaasUsageDay> loadSaasUsage(store::CostStore &store, int32_t fromDay, int32_t toDay);
std::vector<SaasQueryDay> loadSaasQueries(store::CostStore &store, int32_t fromDay, int32_t toDay);

struct RecommendationInput;

// The resource a data-platform item is about: the inventory's record when the entity is in it
// (S3 buckets and Redshift clusters of a synced or demo account), else one made from the row.
store::ResourceInfo saasResource(const RecommendationInput &in, const QString &provider, const QString &account,
                                 const QString &entity, const QString &type);

// "arn:aws:redshift:us-east-1:1:cluster:dw" -> "dw"; "workgroup/abc" -> "abc"; other ids unchanged.
QString saasEntityName(const QString &entity);

} // namespace costscope::analysis
