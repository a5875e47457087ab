#pragma once

#include <QString>

#include <cstdint>
#include <vector>

namespace costscope::analysis {

struct Pool
{
    int64_t id = 0;
    QString name;
    QString parent;   // parent pool's name; empty for a top-level pool
    int ttlHours = 0; // 0: no TTL of its own (inherits the parent's)
};

// The TTL hours a resource in pool `name` inherits: the pool's own, else the nearest
// ancestor's; 0 when none (or the pool is unknown). Cycles are cut.
int inheritedTtlHours(const std::vector<Pool> &pools, const QString &name);

struct TtlState
{
    int64_t expiresAt = 0; // UTC seconds; 0: no TTL
    bool inherited = false; // from the pool rather than set on the resource
    bool expired = false;
};

// A TTL set on the resource (an expiry time) wins over the pool's (hours after the resource
// was created, or first seen when the creation time is unknown). Only active resources expire.
TtlState ttlState(int64_t ownExpiresAt, int poolTtlHours, int64_t createdAt, int64_t firstSeen, bool active,
                  int64_t now);

} // namespace costscope::analysis
