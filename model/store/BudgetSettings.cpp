#include "model/store/BudgetSettings.h"

#include "model/store/CostQuery.h"
#include "model/store/SqliteDb.h"

#include <QHash>

namespace costscope::store {

namespace {

constexpr char kBudgetCurrencyKey[] = "budget_currency";

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

QString monthKey(const QDate &month) { return month.toString(QStringLiteral("yyyy-MM")); }

std::optional<int64_t> poolId(SqliteDb &db, const QString &name)
{
    Statement st(db, "SELECT id FROM pool WHERE name = ?");
    st.bind(1, name);
    if (st.next())
        return st.columnInt(0);
    return std::nullopt;
}

QStringList splitKeys(const QString &text)
{
    QStringList out;
    for (const QString &k : text.split(u','))
        if (!k.trimmed().isEmpty())
            out << k.trimmed();
    return out;
}

} // namespace

QString BudgetSettings::currency() const
{
    const QString pinned = m_store.metaValue(QString::fromLatin1(kBudgetCurrencyKey));
    return pinned.isEmpty() ? CostQuery(m_store).mainCurrency() : pinned;
}

std::vector<analysis::BudgetPool> BudgetSettings::pools() const
{
    SqliteDb &db = m_store.db();
    std::vector<analysis::BudgetPool> out;
    QHash<int64_t, size_t> index;
    {
        Statement st(db, "SELECT p.id, p.name, coalesce(q.name, ''), p.ttl_hours, coalesce(b.monthly_limit, 0) "
                         "FROM pool p LEFT JOIN pool q ON q.id = p.parent_id "
                         "LEFT JOIN pool_budget b ON b.pool_id = p.id ORDER BY p.name");
        while (st.next()) {
            analysis::BudgetPool p;
            p.id = st.columnInt(0);
            p.name = st.columnText(1);
            p.parent = st.columnText(2);
            p.ttlHours = static_cast<int>(st.columnInt(3));
            p.monthlyLimit = st.columnInt(4);
            index.insert(p.id, out.size());
            out.push_back(std::move(p));
        }
    }
    {
        Statement st(db, "SELECT pool_id, dimension, key, value FROM pool_scope ORDER BY pool_id, position");
        while (st.next()) {
            const auto it = index.constFind(st.columnInt(0));
            const auto dim = analysis::scopeDimensionFromName(st.columnText(1));
            if (it == index.constEnd() || !dim)
                continue; // a dimension this version does not know narrows nothing
            out[*it].scope.push_back(analysis::ScopeTerm{*dim, st.columnText(2), st.columnText(3)});
        }
    }
    {
        Statement st(db, "SELECT pool_id, basis, kind, value FROM budget_threshold ORDER BY pool_id, position");
        while (st.next()) {
            const auto it = index.constFind(st.columnInt(0));
            if (it == index.constEnd())
                continue;
            analysis::BudgetThreshold t;
            t.basis = st.columnText(1) == u"forecast" ? analysis::BudgetThreshold::Basis::Forecast
                                                      : analysis::BudgetThreshold::Basis::Actual;
            t.kind = st.columnText(2) == u"absolute" ? analysis::BudgetThreshold::Kind::Absolute
                                                     : analysis::BudgetThreshold::Kind::PercentOfLimit;
            t.value = st.columnInt(3);
            if (t.value > 0)
                out[*it].thresholds.push_back(t);
        }
    }
    return out;
}

bool BudgetSettings::addPool(const QString &name, const QString &parent, QString *error)
{
    const QString n = name.trimmed();
    if (n.isEmpty())
        return fail(error, QStringLiteral("a pool needs a name"));
    SqliteDb &db = m_store.db();
    Transaction txn(db);
    if (!txn.isActive())
        return fail(error, txn.error());
    if (poolId(db, n))
        return fail(error, QStringLiteral("a pool named \u201c%1\u201d exists already").arg(n));
    Statement st(db, "INSERT INTO pool(name, parent_id) VALUES (?, ?)");
    st.bind(1, n);
    if (parent.isEmpty()) {
        st.bindNull(2);
    } else {
        const auto pid = poolId(db, parent);
        if (!pid)
            return fail(error, QStringLiteral("there is no pool named \u201c%1\u201d").arg(parent));
        st.bind(2, *pid);
    }
    if (!st.run())
        return fail(error, st.error());
    return txn.commit() || fail(error, txn.error());
}

bool BudgetSettings::renamePool(const QString &from, const QString &to, QString *error)
{
    const QString n = to.trimmed();
    if (n.isEmpty())
        return fail(error, QStringLiteral("a pool needs a name"));
    SqliteDb &db = m_store.db();
    Transaction txn(db);
    if (!txn.isActive())
        return fail(error, txn.error());
    const auto id = poolId(db, from);
    if (!id)
        return fail(error, QStringLiteral("there is no pool named \u201c%1\u201d").arg(from));
    if (n == from)
        return true;
    if (poolId(db, n))
        return fail(error, QStringLiteral("a pool named \u201c%1\u201d exists already").arg(n));
    Statement st(db, "UPDATE pool SET name = ? WHERE id = ?");
    st.bind(1, n).bind(2, *id);
    if (!st.run())
        return fail(error, st.error());
    return txn.commit() || fail(error, txn.error());
}

bool BudgetSettings::removePool(const QString &name, QString *error)
{
    SqliteDb &db = m_store.db();
    Transaction txn(db);
    if (!txn.isActive())
        return fail(error, txn.error());
    const auto id = poolId(db, name);
    if (!id)
        return fail(error, QStringLiteral("there is no pool named \u201c%1\u201d").arg(name));
    Statement up(db, "UPDATE pool SET parent_id = (SELECT parent_id FROM pool WHERE id = ?1) WHERE parent_id = ?1");
    up.bind(1, *id);
    if (!up.run())
        return fail(error, up.error());
    Statement del(db, "DELETE FROM pool WHERE id = ?");
    del.bind(1, *id);
    if (!del.run())
        return fail(error, del.error());
    return txn.commit() || fail(error, txn.error());
}

bool BudgetSettings::setBudget(const QString &pool, int64_t monthlyLimit, const std::vector<analysis::ScopeTerm> &scope,
                               const std::vector<analysis::BudgetThreshold> &thresholds, QString *error)
{
    if (monthlyLimit < 0)
        return fail(error, QStringLiteral("a monthly limit cannot be negative"));
    for (const analysis::BudgetThreshold &t : thresholds)
        if (t.value <= 0)
            return fail(error, QStringLiteral("a threshold must be above zero"));
    for (const analysis::ScopeTerm &t : scope)
        if ((t.dimension == analysis::ScopeDimension::Tag && t.key.isEmpty())
            || (t.dimension != analysis::ScopeDimension::Tag && t.value.isEmpty()))
            return fail(error, QStringLiteral("a scope term is empty"));
    SqliteDb &db = m_store.db();
    Transaction txn(db);
    if (!txn.isActive())
        return fail(error, txn.error());
    const auto id = poolId(db, pool);
    if (!id)
        return fail(error, QStringLiteral("there is no pool named \u201c%1\u201d").arg(pool));
    Statement limit(db, "INSERT INTO pool_budget(pool_id, monthly_limit) VALUES (?1, ?2) "
                        "ON CONFLICT(pool_id) DO UPDATE SET monthly_limit = excluded.monthly_limit");
    limit.bind(1, *id).bind(2, monthlyLimit);
    if (!limit.run())
        return fail(error, limit.error());
    // The first limit pins the currency it was entered in.
    if (monthlyLimit > 0 && m_store.metaValue(QString::fromLatin1(kBudgetCurrencyKey)).isEmpty()) {
        const QString main = CostQuery(m_store).mainCurrency();
        if (!main.isEmpty() && !m_store.setMetaValue(QString::fromLatin1(kBudgetCurrencyKey), main))
            return fail(error, QStringLiteral("could not remember the budgets' currency"));
    }
    for (const char *sql : {"DELETE FROM pool_scope WHERE pool_id = ?", "DELETE FROM budget_threshold WHERE pool_id = ?"}) {
        Statement del(db, sql);
        del.bind(1, *id);
        if (!del.run())
            return fail(error, del.error());
    }
    Statement addScope(db, "INSERT INTO pool_scope(pool_id, position, dimension, key, value) VALUES (?, ?, ?, ?, ?)");
    int pos = 0;
    for (const analysis::ScopeTerm &t : scope) {
        addScope.bind(1, *id).bind(2, pos++).bind(3, analysis::scopeDimensionName(t.dimension)).bind(4, t.key).bind(5, t.value);
        if (!addScope.run())
            return fail(error, addScope.error());
    }
    Statement addThreshold(db, "INSERT INTO budget_threshold(pool_id, position, basis, kind, value) VALUES (?, ?, ?, ?, ?)");
    pos = 0;
    for (const analysis::BudgetThreshold &t : thresholds) {
        addThreshold.bind(1, *id)
            .bind(2, pos++)
            .bind(3, t.basis == analysis::BudgetThreshold::Basis::Forecast ? QStringLiteral("forecast") : QStringLiteral("actual"))
            .bind(4, t.kind == analysis::BudgetThreshold::Kind::Absolute ? QStringLiteral("absolute") : QStringLiteral("percent"))
            .bind(5, t.value);
        if (!addThreshold.run())
            return fail(error, addThreshold.error());
    }
    return txn.commit() || fail(error, txn.error());
}

std::vector<analysis::BudgetConstraint> BudgetSettings::constraints() const
{
    std::vector<analysis::BudgetConstraint> out;
    Statement st(m_store.db(), "SELECT c.id, c.kind, coalesce(p.name, ''), c.resource, c.amount, c.count, c.resource_type, "
                               "c.required_tags, c.forbidden_tags, c.date_from, c.date_until FROM budget_constraint c "
                               "LEFT JOIN pool p ON p.id = c.pool_id ORDER BY c.id");
    while (st.next()) {
        const auto kind = analysis::constraintKindFromName(st.columnText(1));
        if (!kind)
            continue;
        analysis::BudgetConstraint c;
        c.id = st.columnInt(0);
        c.kind = *kind;
        c.pool = st.columnText(2);
        c.resourceId = st.columnText(3);
        c.amount = st.columnInt(4);
        c.count = static_cast<int>(st.columnInt(5));
        c.resourceType = st.columnText(6);
        c.requiredTags = splitKeys(st.columnText(7));
        c.forbiddenTags = splitKeys(st.columnText(8));
        c.from = QDate::fromString(st.columnText(9), Qt::ISODate);
        c.until = QDate::fromString(st.columnText(10), Qt::ISODate);
        out.push_back(std::move(c));
    }
    return out;
}

bool BudgetSettings::setConstraints(const std::vector<analysis::BudgetConstraint> &constraints, QString *error)
{
    SqliteDb &db = m_store.db();
    Transaction txn(db);
    if (!txn.isActive())
        return fail(error, txn.error());
    if (!db.exec("DELETE FROM budget_constraint", error))
        return false;
    Statement add(db, "INSERT INTO budget_constraint(kind, pool_id, resource, amount, count, resource_type, "
                      "required_tags, forbidden_tags, date_from, date_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const analysis::BudgetConstraint &c : constraints) {
        if (c.kind == analysis::ConstraintKind::Ttl)
            return fail(error, QStringLiteral("a TTL is set on the pool or the resource, not as a constraint"));
        if (c.amount < 0 || c.count < 0)
            return fail(error, QStringLiteral("a constraint's amount cannot be negative"));
        if (c.kind == analysis::ConstraintKind::TaggingPolicy && c.requiredTags.isEmpty() && c.forbiddenTags.isEmpty())
            return fail(error, QStringLiteral("a tagging policy needs required or forbidden tags"));
        if (c.kind == analysis::ConstraintKind::ExpiringBudget
            && (!c.from.isValid() || !c.until.isValid() || c.until < c.from))
            return fail(error, QStringLiteral("an expiring budget needs a start date and an end date after it"));
        add.bind(1, analysis::constraintKindName(c.kind));
        if (!c.pool.isEmpty()) {
            const auto pid = poolId(db, c.pool);
            if (!pid)
                return fail(error, QStringLiteral("there is no pool named \u201c%1\u201d").arg(c.pool));
            add.bind(2, *pid);
        } else if (c.resourceId.isEmpty()) {
            return fail(error, QStringLiteral("a constraint needs a pool or a resource"));
        } else {
            add.bindNull(2);
        }
        add.bind(3, c.pool.isEmpty() ? c.resourceId : QString())
            .bind(4, c.amount)
            .bind(5, c.count)
            .bind(6, c.resourceType)
            .bind(7, c.requiredTags.join(u','))
            .bind(8, c.forbiddenTags.join(u','))
            .bind(9, c.from.isValid() ? c.from.toString(Qt::ISODate) : QString())
            .bind(10, c.until.isValid() ? c.until.toString(Qt::ISODate) : QString());
        if (!add.run())
            return fail(error, add.error());
    }
    return txn.commit() || fail(error, txn.error());
}

QSet<QString> BudgetSettings::firedAlerts(const QDate &month) const
{
    QSet<QString> out;
    Statement st(m_store.db(), "SELECT p.name, a.threshold FROM budget_alert a JOIN pool p ON p.id = a.pool_id "
                               "WHERE a.month = ?");
    st.bind(1, monthKey(month));
    while (st.next())
        out.insert(st.columnText(0) + u'|' + st.columnText(1));
    return out;
}

bool BudgetSettings::recordAlerts(const QDate &month, const std::vector<analysis::BudgetAlert> &alerts, int64_t firedAt,
                                  QString *error)
{
    SqliteDb &db = m_store.db();
    Transaction txn(db);
    if (!txn.isActive())
        return fail(error, txn.error());
    Statement add(db, "INSERT OR IGNORE INTO budget_alert(pool_id, month, threshold, fired_at, value, message) "
                      "SELECT id, ?, ?, ?, ?, ? FROM pool WHERE name = ?");
    for (const analysis::BudgetAlert &a : alerts) {
        add.bind(1, monthKey(month)).bind(2, a.threshold.key()).bind(3, firedAt).bind(4, a.value).bind(5, a.message).bind(6, a.pool);
        if (!add.run())
            return fail(error, add.error());
    }
    return txn.commit() || fail(error, txn.error());
}

} // namespace costscope::store
