#include "model/analysis/recommendations/SaasInput.h"

#include "model/analysis/recommendations/RecommendationModule.h"
#include "model/store/SqliteDb.h"

#include <algorithm>

namespace costscope::analysis {

std::vector<SaasUsageDay> loadSaasUsage(store::CostStore &store, int32_t fromDay, int32_t toDay)
{
    std::vector<SaasUsageDay> out;
    store::Statement st(store.db(), R"sql(SELECT service, account, entity_kind, entity, usage_type, unit, currency,
            day, quantity, cost FROM saas_usage_daily WHERE day >= ? AND day <= ?
        ORDER BY service, account, entity_kind, entity, usage_type, day)sql");
    st.bind(1, static_cast<int64_t>(fromDay)).bind(2, static_cast<int64_t>(toDay));
    while (st.next()) {
        SaasUsageDay u;
        u.service = st.columnText(0);
        u.account = st.columnText(1);
        u.entityKind = st.columnText(2);
        u.entity = st.columnText(3);
        u.usageType = st.columnText(4);
        u.unit = st.columnText(5);
        u.currency = st.columnText(6);
        u.day = static_cast<int32_t>(st.columnInt(7));
        u.quantity = st.columnDouble(8);
        u.cost = Money::fromNanos(st.columnInt(9));
        out.push_back(std::move(u));
    }
    return out;
}

std::vector<SaasQueryDay> loadSaasQueries(store::CostStore &store, int32_t fromDay, int32_t toDay)
{
    std::vector<SaasQueryDay> out;
    store::Statement st(store.db(), R"sql(SELECT service, account, scope, user_name, substr(query_text, 1, 500),
            currency, day, started_ms, duration_ms, bytes_billed, credits, cost, full_scan
        FROM saas_query WHERE day >= ? AND day <= ? ORDER BY service, account, started_ms)sql");
    st.bind(1, static_cast<int64_t>(fromDay)).bind(2, static_cast<int64_t>(toDay));
    while (st.next()) {
        SaasQueryDay q;
        q.service = st.columnText(0);
        q.account = st.columnText(1);
        q.scope = st.columnText(2);
        q.user = st.columnText(3);
        q.text = st.columnText(4);
        q.currency = st.columnText(5);
        q.day = static_cast<int32_t>(st.columnInt(6));
        q.startedMs = st.columnInt(7);
        q.durationMs = st.columnInt(8);
        q.bytesBilled = st.columnInt(9);
        q.credits = st.columnDouble(10);
        q.cost = Money::fromNanos(st.columnInt(11));
        q.fullScan = st.columnInt(12) != 0;
        out.push_back(std::move(q));
    }
    return out;
}

store::ResourceInfo saasResource(const RecommendationInput &in, const QString &provider, const QString &account,
                                 const QString &entity, const QString &type)
{
    if (const store::ResourceInfo *r = in.find(entity))
        return *r;
    store::ResourceInfo r;
    r.provider = provider;
    r.accountId = account;
    r.resourceId = entity;
    r.name = saasEntityName(entity);
    r.type = type;
    r.state = QStringLiteral("active");
    return r;
}

QString saasEntityName(const QString &entity)
{
    if (!entity.startsWith(u"arn:"))
        return entity;
    const qsizetype cut = std::max(entity.lastIndexOf(u':'), entity.lastIndexOf(u'/'));
    return cut >= 0 ? entity.mid(cut + 1) : entity;
}

} // namespace costscope::analysis
