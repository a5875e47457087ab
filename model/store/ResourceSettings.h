#pragma once

#include "model/analysis/AssignmentRules.h"
#include "model/analysis/ResourceTtl.h"
#include "model/store/CostStore.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace costscope::store {

// The workspace's pools, owner/pool assignment rules and resource TTLs (schema 7). These are
// settings people edit, so unlike costs they survive a demo regeneration; a resource's own
// TTL is removed with the resource.
class ResourceSettings
{
public:
    explicit ResourceSettings(CostStore &store) : m_store(store) {}

    std::vector<analysis::Pool> pools() const;
    // Replaces all pools (parents by name; an unknown parent becomes top-level). Rules keep their
    // pool when a pool of the same name remains.
    bool setPools(const std::vector<analysis::Pool> &pools, QString *error);

    // Rules in evaluation order.
    std::vector<analysis::AssignmentRule> rules() const;
    // Replaces all rules; a rule naming an unknown pool is an error.
    bool setRules(const std::vector<analysis::AssignmentRule> &rules, QString *error);

    // Sets (expiresAt > 0) or removes (0) the TTL of an inventory resource; false when unknown.
    bool setResourceTtl(const QString &provider, const QString &resourceId, int64_t expiresAt, QString *error);

private:
    CostStore &m_store;
};

} // namespace costscope::store
