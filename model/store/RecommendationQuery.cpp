#include "model/store/RecommendationQuery.h"

#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcRecoQuery, "costscope.store.recommendations")

namespace costscope::store {

namespace {

Tags tagsOf(SqliteDb &db, int64_t setId)
{
    Tags out;
    if (setId == 0)
        return out;
    Statement st(db, "SELECT k.s, v.s FROM kvset_item i JOIN str k ON k.id = i.key_id JOIN str v ON v.id = i.value_id "
                     "WHERE i.set_id = ?1 ORDER BY k.s");
    st.bind(1, setId);
    while (st.next())
        out.append({st.columnText(0), st.columnText(1)});
    return out;
}

RecommendationRecord recordFrom(Statement &st)
{
    RecommendationRecord r;
    r.module = st.columnText(0);
    r.resourceId = st.columnText(1);
    r.name = st.columnText(2);
    r.saving = Money::fromNanos(st.columnInt(3));
    r.currency = st.columnText(4);
    r.detail = st.columnText(5);
    return r;
}

} // namespace

std::vector<ResourceInfo> RecommendationQuery::resources() const
{
    std::vector<ResourceInfo> out;
    SqliteDb &db = m_store.db();
    QHash<int64_t, Tags> tagCache;
    Statement st(db, "SELECT p.s, a.s, g.s, r.s, n.s, t.s, f.s, st.s, x.first_seen, x.last_seen, x.created_at, "
                     "x.active, x.tagset, "
                     "(SELECT ts.s FROM attachment att JOIN str ts ON ts.id = att.target WHERE att.resource_id = x.id "
                     " LIMIT 1), "
                     "(SELECT ks.s FROM attachment att JOIN str ks ON ks.id = att.kind WHERE att.resource_id = x.id "
                     " LIMIT 1) "
                     "FROM resource x JOIN str p ON p.id = x.provider JOIN str a ON a.id = x.account "
                     "JOIN str g ON g.id = x.region JOIN str r ON r.id = x.resource JOIN str n ON n.id = x.name "
                     "JOIN str t ON t.id = x.type JOIN str f ON f.id = x.flavor JOIN str st ON st.id = x.state "
                     "ORDER BY x.id");
    while (st.next()) {
        ResourceInfo r;
        r.provider = st.columnText(0);
        r.accountId = st.columnText(1);
        r.region = st.columnText(2);
        r.resourceId = st.columnText(3);
        r.name = st.columnText(4);
        r.type = st.columnText(5);
        r.flavor = st.columnText(6);
        r.state = st.columnText(7);
        r.firstSeen = st.columnInt(8);
        r.lastSeen = st.columnInt(9);
        r.createdAt = st.columnInt(10);
        r.active = st.columnInt(11) != 0;
        const int64_t tagset = st.columnInt(12);
        if (!st.columnIsNull(13)) {
            r.attachedTo = st.columnText(13);
            r.attachmentKind = st.columnText(14);
        }
        auto it = tagCache.constFind(tagset);
        if (it == tagCache.constEnd())
            it = tagCache.insert(tagset, tagsOf(db, tagset));
        r.tags = it.value();
        out.push_back(std::move(r));
    }
    if (!st.ok())
        qCWarning(lcRecoQuery) << "reading resources failed:" << st.error();
    return out;
}

QHash<QString, QHash<int32_t, int64_t>> RecommendationQuery::dailyCosts(int32_t fromDay, int32_t toDay,
                                                                       const QString &currency) const
{
    QHash<QString, QHash<int32_t, int64_t>> out;
    SqliteDb &db = m_store.db();
    // Resource string ids are resolved once per distinct id, not per row.
    QHash<int64_t, QString> names;
    Statement st(db, "SELECT r.resource, r.day, sum(r.billed) FROM rollup_resource_daily r "
                     "JOIN billing_period p ON p.id = r.period_id JOIN str c ON c.id = p.currency "
                     "WHERE r.day BETWEEN ?1 AND ?2 AND r.resource <> 0 AND c.s = ?3 "
                     "GROUP BY r.resource, r.day");
    st.bind(1, static_cast<int64_t>(fromDay)).bind(2, static_cast<int64_t>(toDay)).bind(3, currency);
    Statement name(db, "SELECT s FROM str WHERE id = ?1");
    while (st.next()) {
        const int64_t id = st.columnInt(0);
        auto it = names.constFind(id);
        if (it == names.constEnd()) {
            name.reset();
            name.bind(1, id);
            it = names.insert(id, name.next() ? name.columnText(0) : QString());
        }
        out[it.value()][static_cast<int32_t>(st.columnInt(1))] += st.columnInt(2);
    }
    if (!st.ok())
        qCWarning(lcRecoQuery) << "reading daily costs failed:" << st.error();
    return out;
}

QHash<QString, QHash<int32_t, DayCost>> RecommendationQuery::instanceDayCosts(int32_t fromDay, int32_t toDay,
                                                                           const QString &currency) const
{
    QHash<QString, QHash<int32_t, DayCost>> out;
    SqliteDb &db = m_store.db();
    Statement st(db, "SELECT rs.s, r.day, sum(r.effective), sum(r.list) FROM rollup_resource_daily r "
                     "JOIN billing_period p ON p.id = r.period_id JOIN str c ON c.id = p.currency "
                     "JOIN str rs ON rs.id = r.resource "
                     "WHERE r.day BETWEEN ?1 AND ?2 AND c.s = ?3 AND r.resource IN "
                     "(SELECT x.resource FROM resource x JOIN str t ON t.id = x.type WHERE t.s = 'instance') "
                     "GROUP BY r.resource, r.day");
    st.bind(1, static_cast<int64_t>(fromDay)).bind(2, static_cast<int64_t>(toDay)).bind(3, currency);
    while (st.next()) {
        DayCost &d = out[st.columnText(0)][static_cast<int32_t>(st.columnInt(1))];
        d.effective += st.columnInt(2);
        d.list += st.columnInt(3);
    }
    if (!st.ok())
        qCWarning(lcRecoQuery) << "reading instance day costs failed:" << st.error();
    return out;
}

QByteArray RecommendationQuery::serviceUsageSql(qsizetype serviceCount)
{
    QByteArray in;
    for (qsizetype i = 0; i < serviceCount; ++i)
        in += (i ? ",?" : "?") + QByteArray::number(i + 3);
    // The billing periods of the range first (CROSS JOIN keeps that order), then each one's line
    // items: the id range of the period (schema version 16: id = period id << 32 + the item's
    // number in it). The unary + keeps SQLite from building an index on the service column
    // instead.
    return "SELECT pv.s, sa.s, rg.s, rs.s, rn.s, sv.s, sk.s, un.s, l.day, sum(l.consumed_qty), "
           "sum(l.billed), l.attrset FROM billing_period p CROSS JOIN line_item l "
           "ON l.id >= (p.id << 32) AND l.id < ((p.id + 1) << 32) "
           "JOIN str pv ON pv.id = p.provider JOIN str sa ON sa.id = l.sub_account "
           "JOIN str rg ON rg.id = l.region JOIN str rs ON rs.id = l.resource "
           "JOIN str rn ON rn.id = l.resource_name JOIN str sv ON sv.id = l.service "
           "JOIN str sk ON sk.id = l.sku JOIN str un ON un.id = l.consumed_unit "
           "WHERE p.period_end >= ?1 AND p.period_start <= ?2 AND l.day BETWEEN ?1 AND ?2 "
           "AND rs.s <> '' AND +l.service IN (SELECT id FROM str WHERE s IN ("
        + in + ")) GROUP BY l.resource, l.service, l.sku, l.attrset, l.consumed_unit, l.day ORDER BY rs.s, sv.s, sk.s, l.day";
}

std::vector<ServiceUsage> RecommendationQuery::serviceUsage(int32_t fromDay, int32_t toDay,
                                                            const QStringList &services) const
{
    std::vector<ServiceUsage> out;
    if (services.isEmpty())
        return out;
    SqliteDb &db = m_store.db();
    const QByteArray sql = serviceUsageSql(services.size());
    Statement st(db, sql.constData());
    st.bind(1, static_cast<int64_t>(fromDay)).bind(2, static_cast<int64_t>(toDay));
    for (int i = 0; i < services.size(); ++i)
        st.bind(i + 3, services[i]);
    QHash<QString, size_t> index; // resource + service -> out index
    QHash<int64_t, Tags> attrCache;
    while (st.next()) {
        const QString resource = st.columnText(3);
        const QString service = st.columnText(5);
        const QString key = resource + QLatin1Char('\x1f') + service;
        auto it = index.constFind(key);
        if (it == index.constEnd()) {
            ServiceUsage u;
            u.provider = st.columnText(0);
            u.accountId = st.columnText(1);
            u.region = st.columnText(2);
            u.resourceId = resource;
            u.name = st.columnText(4);
            u.service = service;
            u.firstDay = static_cast<int32_t>(st.columnInt(8));
            u.lastDay = u.firstDay;
            out.push_back(std::move(u));
            it = index.insert(key, out.size() - 1);
        }
        ServiceUsage &u = out[it.value()];
        const int32_t day = static_cast<int32_t>(st.columnInt(8));
        u.firstDay = std::min(u.firstDay, day);
        u.lastDay = std::max(u.lastDay, day);
        QString sku = st.columnText(6);
        QString operation;
        const int64_t attrset = st.columnInt(11);
        auto ait = attrCache.constFind(attrset);
        if (ait == attrCache.constEnd())
            ait = attrCache.insert(attrset, tagsOf(db, attrset));
        for (const auto &kv : ait.value()) {
            if (kv.first == u"usage_type" && !kv.second.isEmpty())
                sku = kv.second;
            else if (kv.first == u"operation")
                operation = kv.second;
        }
        const QString unit = st.columnText(7);
        auto sit = std::find_if(u.skus.begin(), u.skus.end(), [&](const SkuUsage &x) {
            return x.sku == sku && x.operation == operation && x.unit == unit;
        });
        if (sit == u.skus.end()) {
            u.skus.push_back({sku, operation, unit, {}, {}});
            sit = u.skus.end() - 1;
        }
        sit->quantity[day] += st.columnDouble(9);
        sit->billed[day] += st.columnInt(10);
    }
    if (!st.ok())
        qCWarning(lcRecoQuery) << "reading service usage failed:" << st.error();
    return out;
}

QHash<QString, MetricSamples> RecommendationQuery::instanceMetrics(int64_t fromTime, int64_t toTime) const
{
    QHash<QString, MetricSamples> out;
    SqliteDb &db = m_store.db();
    // Per resource, the metric ids are bound so the primary key (resource_id, metric, t) is used.
    const int64_t cpuId = [&] {
        Statement s(db, "SELECT id FROM str WHERE s = 'cpu'");
        return s.next() ? s.columnInt(0) : -1;
    }();
    const int64_t inId = [&] {
        Statement s(db, "SELECT id FROM str WHERE s = 'network_in'");
        return s.next() ? s.columnInt(0) : -1;
    }();
    const int64_t outId = [&] {
        Statement s(db, "SELECT id FROM str WHERE s = 'network_out'");
        return s.next() ? s.columnInt(0) : -1;
    }();
    if (cpuId < 0)
        return out;
    Statement ids(db, "SELECT DISTINCT d.resource_id, rs.s FROM metric_daily d JOIN resource x ON x.id = d.resource_id "
                      "JOIN str rs ON rs.id = x.resource WHERE d.metric = ?1 AND d.day BETWEEN ?2 AND ?3");
    ids.bind(1, cpuId).bind(2, fromTime / 86400).bind(3, toTime / 86400);
    Statement pts(db, "SELECT t, value FROM metric_point WHERE resource_id = ?1 AND metric = ?2 AND t >= ?3 AND t < ?4 "
                      "ORDER BY t");
    while (ids.next()) {
        const int64_t rid = ids.columnInt(0);
        MetricSamples &m = out[ids.columnText(1)];
        pts.reset();
        pts.bind(1, rid).bind(2, cpuId).bind(3, fromTime).bind(4, toTime);
        while (pts.next()) {
            m.cpuTime.push_back(pts.columnInt(0));
            m.cpu.push_back(pts.columnDouble(1));
        }
        // network_in and network_out share their sample times; the busier direction counts.
        QHash<int64_t, double> net;
        std::vector<int64_t> order;
        for (int64_t metric : {inId, outId}) {
            if (metric < 0)
                continue;
            pts.reset();
            pts.bind(1, rid).bind(2, metric).bind(3, fromTime).bind(4, toTime);
            while (pts.next()) {
                const int64_t t = pts.columnInt(0);
                auto it = net.find(t);
                if (it == net.end()) {
                    net.insert(t, pts.columnDouble(1));
                    order.push_back(t);
                } else {
                    it.value() = std::max(it.value(), pts.columnDouble(1));
                }
            }
        }
        std::sort(order.begin(), order.end());
        m.netTime = order;
        m.net.reserve(order.size());
        for (int64_t t : order)
            m.net.push_back(net.value(t));
    }
    return out;
}

int32_t RecommendationQuery::lastCostDay() const
{
    return static_cast<int32_t>(m_store.db().queryInt("SELECT max(day) FROM rollup_daily", -1));
}

QString RecommendationQuery::mainCurrency() const
{
    Statement st(m_store.db(), "SELECT c.s FROM billing_period p JOIN str c ON c.id = p.currency "
                               "GROUP BY p.currency ORDER BY sum(abs(p.billed_total)) DESC LIMIT 1");
    if (st.next())
        return st.columnText(0);
    return QStringLiteral("USD");
}

QHash<QString, QString> RecommendationQuery::options(const QString &module) const
{
    QHash<QString, QString> out;
    Statement st(m_store.db(), "SELECT key, value FROM recommendation_option WHERE module = ?1");
    st.bind(1, module);
    while (st.next())
        out.insert(st.columnText(0), st.columnText(1));
    return out;
}

bool RecommendationQuery::setOption(const QString &module, const QString &key, const QString &value)
{
    Statement st(m_store.db(), "INSERT INTO recommendation_option(module, key, value) VALUES (?1, ?2, ?3) "
                               "ON CONFLICT(module, key) DO UPDATE SET value = excluded.value");
    st.bind(1, module).bind(2, key).bind(3, value);
    return st.run();
}

bool RecommendationQuery::clearOptions(const QString &module)
{
    Statement st(m_store.db(), "DELETE FROM recommendation_option WHERE module = ?1");
    st.bind(1, module);
    return st.run();
}

QHash<QString, int64_t> RecommendationQuery::dismissed(const QString &module) const
{
    QHash<QString, int64_t> out;
    Statement st(m_store.db(), "SELECT resource, dismissed_at FROM recommendation_dismissed WHERE module = ?1");
    st.bind(1, module);
    while (st.next())
        out.insert(st.columnText(0), st.columnInt(1));
    return out;
}

bool RecommendationQuery::setDismissed(const QString &module, const QString &resourceId, bool isDismissed, int64_t at)
{
    if (isDismissed) {
        Statement st(m_store.db(), "INSERT OR REPLACE INTO recommendation_dismissed(module, resource, dismissed_at) "
                                   "VALUES (?1, ?2, ?3)");
        st.bind(1, module).bind(2, resourceId).bind(3, at);
        return st.run();
    }
    Statement st(m_store.db(), "DELETE FROM recommendation_dismissed WHERE module = ?1 AND resource = ?2");
    st.bind(1, module).bind(2, resourceId);
    return st.run();
}

std::vector<RecommendationRecord> RecommendationQuery::lastItems() const
{
    std::vector<RecommendationRecord> out;
    Statement st(m_store.db(), "SELECT module, resource, name, saving, currency, detail, options_digest, found_at, "
                               "provider FROM recommendation_item ORDER BY module, resource");
    while (st.next()) {
        RecommendationRecord r = recordFrom(st);
        r.optionsDigest = st.columnText(6);
        r.at = st.columnInt(7);
        r.provider = st.columnText(8);
        out.push_back(std::move(r));
    }
    return out;
}

bool RecommendationQuery::saveRun(const std::vector<RecommendationRecord> &items,
                                  const std::vector<RecommendationRecord> &archived, QString *error)
{
    SqliteDb &db = m_store.db();
    Transaction txn(db);
    if (!txn.isActive()) {
        if (error)
            *error = txn.error();
        return false;
    }
    auto failed = [&](const Statement &st) {
        if (error)
            *error = st.error();
        return false;
    };
    {
        Statement del(db, "DELETE FROM recommendation_item");
        if (!del.run())
            return failed(del);
    }
    Statement ins(db, "INSERT OR REPLACE INTO recommendation_item(module, resource, name, saving, currency, detail, "
                      "options_digest, found_at, provider) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    for (const RecommendationRecord &r : items) {
        ins.bind(1, r.module).bind(2, r.resourceId).bind(3, r.name).bind(4, r.saving.nanos()).bind(5, r.currency);
        ins.bind(6, r.detail).bind(7, r.optionsDigest).bind(8, r.at).bind(9, r.provider);
        if (!ins.run())
            return failed(ins);
    }
    Statement arc(db, "INSERT INTO recommendation_archive(module, resource, name, saving, currency, detail, reason, "
                      "archived_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    for (const RecommendationRecord &r : archived) {
        arc.bind(1, r.module).bind(2, r.resourceId).bind(3, r.name).bind(4, r.saving.nanos()).bind(5, r.currency);
        arc.bind(6, r.detail).bind(7, r.reason).bind(8, r.at);
        if (!arc.run())
            return failed(arc);
    }
    if (!txn.commit()) {
        if (error)
            *error = txn.error();
        return false;
    }
    return true;
}

std::vector<RecommendationRecord> RecommendationQuery::archive(int limit) const
{
    std::vector<RecommendationRecord> out;
    Statement st(m_store.db(), "SELECT module, resource, name, saving, currency, detail, reason, archived_at "
                               "FROM recommendation_archive ORDER BY archived_at DESC, id DESC LIMIT ?1");
    st.bind(1, static_cast<int64_t>(limit));
    while (st.next()) {
        RecommendationRecord r = recordFrom(st);
        r.reason = st.columnText(6);
        r.at = st.columnInt(7);
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace costscope::store
