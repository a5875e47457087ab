#include "model/ml/SweepStore.h"

#include "model/store/SqliteDb.h"

namespace costscope::ml {

using store::Statement;
using store::Transaction;

namespace {

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

constexpr const char *kColumns = "s.id, s.experiment_id, COALESCE(e.name, ''), s.name, s.created_ms, s.instance_type, "
                                 "s.minutes_per_run, s.hourly_price, s.budget, s.currency, s.grid_json, s.status, "
                                 "s.status_reason";

bool readRow(Statement &st, SweepPlan *plan, QString *error)
{
    plan->id = st.columnInt(0);
    plan->experimentId = QString::number(st.columnInt(1));
    plan->experimentName = st.columnText(2);
    plan->name = st.columnText(3);
    plan->createdMs = st.columnInt(4);
    plan->instanceType = st.columnText(5);
    plan->minutesPerRun = st.columnDouble(6);
    plan->hourlyPrice = Money::fromNanos(st.columnInt(7));
    plan->budget = Money::fromNanos(st.columnInt(8));
    plan->currency = st.columnText(9);
    QString gridError;
    if (!plan->setGridJson(st.columnText(10).toUtf8(), &gridError))
        return fail(error, QStringLiteral("sweep %1: %2").arg(plan->id).arg(gridError));
    const auto status = SweepPlan::statusFromName(st.columnText(11));
    if (!status)
        return fail(error, QStringLiteral("sweep %1: unknown status '%2'").arg(plan->id).arg(st.columnText(11)));
    plan->status = *status;
    plan->statusReason = st.columnText(12);
    return true;
}

} // namespace

std::optional<int64_t> SweepStore::save(const SweepPlan &plan, QString *error)
{
    if (const QString problem = plan.validate(); !problem.isEmpty()) {
        fail(error, problem);
        return std::nullopt;
    }
    bool numeric = false;
    const int64_t experimentRow = plan.experimentId.toLongLong(&numeric);
    if (!numeric) {
        fail(error, QStringLiteral("the sweep's experiment id '%1' is not a number").arg(plan.experimentId.left(40)));
        return std::nullopt;
    }
    Transaction txn(m_db);
    if (!txn.isActive()) {
        fail(error, txn.error());
        return std::nullopt;
    }
    Statement exp(m_db, "SELECT 1 FROM ml_experiment WHERE id = ?");
    exp.bind(1, experimentRow);
    if (!exp.next()) {
        fail(error, exp.ok() ? QStringLiteral("there is no experiment %1").arg(experimentRow) : exp.error());
        return std::nullopt;
    }
    int64_t id = plan.id;
    if (id == 0) {
        Statement st(m_db, R"sql(INSERT INTO ml_sweep(experiment_id, name, created_ms, instance_type, minutes_per_run,
            hourly_price, budget, currency, grid_json, status, status_reason) VALUES (?,?,?,?,?,?,?,?,?,?,?))sql");
        st.bind(1, experimentRow)
            .bind(2, plan.name.trimmed())
            .bind(3, plan.createdMs)
            .bind(4, plan.instanceType.trimmed())
            .bind(5, plan.minutesPerRun)
            .bind(6, plan.hourlyPrice.nanos())
            .bind(7, plan.budget.nanos())
            .bind(8, plan.currency)
            .bind(9, QString::fromUtf8(plan.gridJson()))
            .bind(10, SweepPlan::statusName(plan.status))
            .bind(11, plan.statusReason);
        if (!st.run()) {
            fail(error, st.error());
            return std::nullopt;
        }
        id = m_db.lastInsertId();
    } else {
        Statement st(m_db, R"sql(UPDATE ml_sweep SET experiment_id = ?, name = ?, instance_type = ?, minutes_per_run = ?,
            hourly_price = ?, budget = ?, currency = ?, grid_json = ?, status = ?, status_reason = ? WHERE id = ?)sql");
        st.bind(1, experimentRow)
            .bind(2, plan.name.trimmed())
            .bind(3, plan.instanceType.trimmed())
            .bind(4, plan.minutesPerRun)
            .bind(5, plan.hourlyPrice.nanos())
            .bind(6, plan.budget.nanos())
            .bind(7, plan.currency)
            .bind(8, QString::fromUtf8(plan.gridJson()))
            .bind(9, SweepPlan::statusName(plan.status))
            .bind(10, plan.statusReason)
            .bind(11, id);
        if (!st.run()) {
            fail(error, st.error());
            return std::nullopt;
        }
        if (m_db.queryInt("SELECT changes()") == 0) {
            fail(error, QStringLiteral("there is no sweep %1").arg(id));
            return std::nullopt;
        }
    }
    if (!txn.commit()) {
        fail(error, txn.error());
        return std::nullopt;
    }
    return id;
}

std::optional<SweepPlan> SweepStore::load(int64_t id, QString *error)
{
    Statement st(m_db, QStringLiteral("SELECT %1 FROM ml_sweep s LEFT JOIN ml_experiment e ON e.id = s.experiment_id "
                                      "WHERE s.id = ?")
                           .arg(QLatin1String(kColumns)));
    st.bind(1, id);
    if (!st.next()) {
        fail(error, st.ok() ? QStringLiteral("there is no sweep %1").arg(id) : st.error());
        return std::nullopt;
    }
    SweepPlan plan;
    if (!readRow(st, &plan, error))
        return std::nullopt;
    return plan;
}

std::optional<std::vector<SweepPlan>> SweepStore::list(QString *error, const QString &experimentId)
{
    Statement st(m_db, QStringLiteral("SELECT %1 FROM ml_sweep s LEFT JOIN ml_experiment e ON e.id = s.experiment_id "
                                      "WHERE (?1 = '' OR s.experiment_id = CAST(?1 AS INTEGER)) "
                                      "ORDER BY s.created_ms DESC, s.id DESC")
                           .arg(QLatin1String(kColumns)));
    st.bind(1, experimentId);
    std::vector<SweepPlan> out;
    while (st.next()) {
        SweepPlan plan;
        if (!readRow(st, &plan, error))
            return std::nullopt;
        out.push_back(std::move(plan));
    }
    if (!st.ok()) {
        fail(error, st.error());
        return std::nullopt;
    }
    return out;
}

bool SweepStore::setStatus(int64_t id, SweepPlan::Status status, const QString &reason, QString *error)
{
    Transaction txn(m_db);
    if (!txn.isActive())
        return fail(error, txn.error());
    Statement st(m_db, "UPDATE ml_sweep SET status = ?, status_reason = ? WHERE id = ?");
    st.bind(1, SweepPlan::statusName(status)).bind(2, reason).bind(3, id);
    if (!st.run())
        return fail(error, st.error());
    if (m_db.queryInt("SELECT changes()") == 0)
        return fail(error, QStringLiteral("there is no sweep %1").arg(id));
    return txn.commit() || fail(error, txn.error());
}

bool SweepStore::remove(int64_t id, QString *error)
{
    Transaction txn(m_db);
    if (!txn.isActive())
        return fail(error, txn.error());
    Statement st(m_db, "DELETE FROM ml_sweep WHERE id = ?");
    st.bind(1, id);
    if (!st.run())
        return fail(error, st.error());
    if (m_db.queryInt("SELECT changes()") == 0)
        return fail(error, QStringLiteral("there is no sweep %1").arg(id));
    return txn.commit() || fail(error, txn.error());
}

} // namespace costscope::ml
