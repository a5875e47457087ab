#include "model/store/ResourceSettings.h"

#include "model/store/SqliteDb.h"

#include <QHash>

namespace costscope::store {

namespace {

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

std::vector<analysis::Pool> ResourceSettings::pools() const
{
    std::vector<analysis::Pool> out;
    Statement st(m_store.db(), "SELECT p.id, p.name, coalesce(q.name, ''), p.ttl_hours FROM pool p "
                               "LEFT JOIN pool q ON q.id = p.parent_id ORDER BY p.name");
    while (st.next())
        out.push_back(analysis::Pool{st.columnInt(0), st.columnText(1), st.columnText(2),
                                     static_cast<int>(st.columnInt(3))});
    return out;
}

bool ResourceSettings::setPools(const std::vector<analysis::Pool> &pools, QString *error)
{
    SqliteDb &db = m_store.db();
    Transaction txn(db);
    if (!txn.isActive())
        return fail(error, txn.error());
    QHash<QString, int64_t> ids;
    {
        Statement existing(db, "SELECT id, name FROM pool");
        while (existing.next())
            ids.insert(existing.columnText(1), existing.columnInt(0));
    }
    QHash<QString, bool> wanted;
    for (const analysis::Pool &p : pools) {
        if (p.name.trimmed().isEmpty())
            return fail(error, QStringLiteral("a pool needs a name"));
        if (wanted.contains(p.name))
            return fail(error, QStringLiteral("two pools are named \u201c%1\u201d").arg(p.name));
        wanted.insert(p.name, true);
    }
    Statement remove(db, "DELETE FROM pool WHERE id = ?");
    for (auto it = ids.cbegin(); it != ids.cend(); ++it) {
        if (!wanted.contains(it.key())) {
            remove.bind(1, it.value());
            if (!remove.run())
                return fail(error, remove.error());
        }
    }
    Statement upsert(db, "INSERT INTO pool(name, ttl_hours) VALUES (?1, ?2) "
                         "ON CONFLICT(name) DO UPDATE SET ttl_hours = excluded.ttl_hours RETURNING id");
    for (const analysis::Pool &p : pools) {
        upsert.reset();
        upsert.bind(1, p.name).bind(2, std::max(0, p.ttlHours));
        if (!upsert.next())
            return fail(error, upsert.error());
        ids.insert(p.name, upsert.columnInt(0));
        upsert.reset();
    }
    Statement parent(db, "UPDATE pool SET parent_id = ? WHERE id = ?");
    for (const analysis::Pool &p : pools) {
        const auto it = ids.constFind(p.parent);
        if (it != ids.constEnd() && p.parent != p.name)
            parent.bind(1, *it);
        else
            parent.bindNull(1);
        parent.bind(2, ids.value(p.name));
        if (!parent.run())
            return fail(error, parent.error());
    }
    return txn.commit() || fail(error, txn.error());
}

std::vector<analysis::AssignmentRule> ResourceSettings::rules() const
{
    std::vector<analysis::AssignmentRule> out;
    SqliteDb &db = m_store.db();
    Statement st(db, "SELECT r.id, r.priority, r.name, r.owner, coalesce(p.name, ''), r.active FROM assignment_rule r "
                     "LEFT JOIN pool p ON p.id = r.pool_id ORDER BY r.priority, r.id");
    Statement conds(db, "SELECT kind, key, value FROM assignment_condition WHERE rule_id = ? ORDER BY position");
    while (st.next()) {
        analysis::AssignmentRule r;
        r.id = st.columnInt(0);
        r.priority = static_cast<int>(st.columnInt(1));
        r.name = st.columnText(2);
        r.owner = st.columnText(3);
        r.pool = st.columnText(4);
        r.active = st.columnInt(5) != 0;
        conds.reset();
        conds.bind(1, r.id);
        while (conds.next()) {
            // A kind this version does not know makes the rule match nothing rather than too much.
            const auto kind = analysis::conditionKindFromName(conds.columnText(0));
            if (!kind) {
                r.active = false;
                continue;
            }
            r.conditions.push_back(analysis::RuleCondition{*kind, conds.columnText(1), conds.columnText(2)});
        }
        conds.reset();
        out.push_back(std::move(r));
    }
    return out;
}

bool ResourceSettings::setRules(const std::vector<analysis::AssignmentRule> &rules, QString *error)
{
    SqliteDb &db = m_store.db();
    Transaction txn(db);
    if (!txn.isActive())
        return fail(error, txn.error());
    if (!db.exec("DELETE FROM assignment_condition; DELETE FROM assignment_rule;", error))
        return false;
    Statement poolId(db, "SELECT id FROM pool WHERE name = ?");
    Statement insert(db, "INSERT INTO assignment_rule(priority, name, owner, pool_id, active) VALUES (?,?,?,?,?)");
    Statement cond(db, "INSERT INTO assignment_condition(rule_id, position, kind, key, value) VALUES (?,?,?,?,?)");
    for (const analysis::AssignmentRule &r : rules) {
        insert.bind(1, r.priority).bind(2, r.name).bind(3, r.owner).bind(5, r.active ? 1 : 0);
        if (r.pool.isEmpty()) {
            insert.bindNull(4);
        } else {
            poolId.reset();
            poolId.bind(1, r.pool);
            if (!poolId.next())
                return fail(error, QStringLiteral("there is no pool named \u201c%1\u201d").arg(r.pool));
            insert.bind(4, poolId.columnInt(0));
            poolId.reset();
        }
        if (!insert.run())
            return fail(error, insert.error());
        const int64_t id = db.lastInsertId();
        int position = 0;
        for (const analysis::RuleCondition &c : r.conditions) {
            cond.bind(1, id).bind(2, position++).bind(3, analysis::conditionKindName(c.kind)).bind(4, c.key).bind(5, c.value);
            if (!cond.run())
                return fail(error, cond.error());
        }
    }
    return txn.commit() || fail(error, txn.error());
}

bool ResourceSettings::setResourceTtl(const QString &provider, const QString &resourceId, int64_t expiresAt,
                                      QString *error)
{
    SqliteDb &db = m_store.db();
    Statement find(db, "SELECT r.id FROM resource r JOIN str p ON p.id = r.provider JOIN str s ON s.id = r.resource "
                       "WHERE p.s = ? AND s.s = ?");
    find.bind(1, provider).bind(2, resourceId);
    if (!find.next())
        return fail(error, QStringLiteral("no resource %1 of %2 in the inventory").arg(resourceId, provider));
    const int64_t id = find.columnInt(0);
    find.reset();
    Statement st(db, expiresAt > 0 ? "INSERT OR REPLACE INTO resource_ttl(resource_id, expires_at) VALUES (?1, ?2)"
                                   : "DELETE FROM resource_ttl WHERE resource_id = ?1");
    st.bind(1, id);
    if (expiresAt > 0)
        st.bind(2, expiresAt);
    return st.run() || fail(error, st.error());
}

} // namespace costscope::store
