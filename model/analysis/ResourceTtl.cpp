#include "model/analysis/ResourceTtl.h"

#include <QSet>

namespace costscope::analysis {

int inheritedTtlHours(const std::vector<Pool> &pools, const QString &name)
{
    QSet<QString> visited;
    QString current = name;
    while (!current.isEmpty() && !visited.contains(current)) {
        visited.insert(current);
        const Pool *found = nullptr;
        for (const Pool &p : pools)
            if (p.name == current)
                found = &p;
        if (!found)
            return 0;
        if (found->ttlHours > 0)
            return found->ttlHours;
        current = found->parent;
    }
    return 0;
}

TtlState ttlState(int64_t ownExpiresAt, int poolTtlHours, int64_t createdAt, int64_t firstSeen, bool active,
                  int64_t now)
{
    TtlState s;
    if (ownExpiresAt > 0) {
        s.expiresAt = ownExpiresAt;
    } else if (poolTtlHours > 0) {
        const int64_t start = createdAt > 0 ? createdAt : firstSeen;
        if (start <= 0)
            return s;
        s.expiresAt = start + static_cast<int64_t>(poolTtlHours) * 3600;
        s.inherited = true;
    }
    s.expired = active && s.expiresAt > 0 && now >= s.expiresAt;
    return s;
}

} // namespace costscope::analysis
