#pragma once

// Saved sweeps (table ml_sweep): save, load, list and their status. One transaction per write.

#include "model/ml/Sweep.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace costscope::store {
class SqliteDb;
}

namespace costscope::ml {

class SweepStore
{
public:
    explicit SweepStore(store::SqliteDb &db) : m_db(db) {}

    // Inserts a plan with id 0 (returns the new id) or replaces the saved one with that id. The
    // plan must validate and its experimentId must name an existing experiment.
    std::optional<int64_t> save(const SweepPlan &plan, QString *error);
    // nullopt with an error when there is no such sweep or its row does not read.
    std::optional<SweepPlan> load(int64_t id, QString *error);
    // Every sweep, newest first; experimentId limits it to one experiment when not empty.
    std::optional<std::vector<SweepPlan>> list(QString *error, const QString &experimentId = {});
    bool setStatus(int64_t id, SweepPlan::Status status, const QString &reason, QString *error);
    bool remove(int64_t id, QString *error);

private:
    store::SqliteDb &m_db;
};

} // namespace costscope::ml
