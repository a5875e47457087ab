#pragma once

#include "model/Domain.h"
#include "model/store/CostStore.h"

#include <QHash>
#include <QString>

#include <memory>
#include <optional>

namespace costscope::store {

struct WriteSummary
{
    int periodsWritten = 0;
    int periodsReplaced = 0;
    int64_t rows = 0;
    int resources = 0;
    int runs = 0;
    int64_t saasRows = 0; // usage rows and queries written by addSaas()
};

// The one writer of a workspace. Everything between begin() and commit() is one
// transaction: readers see all of it or none of it, and a failure (or a crash) leaves
// the database as it was. Daily rollups are kept in step inside the same transaction.
//
// A CostBatch replaces what the store held for its provider, billing account and
// billing period; batches of the same period within one session are appended.
//
// Any call that fails ends the write: everything since begin() is rolled back, the store
// is exactly as it was, and the writer is inactive (isActive() is false) until begin().
class CostWriter
{
public:
    explicit CostWriter(CostStore &store);
    ~CostWriter();
    CostWriter(const CostWriter &) = delete;
    CostWriter &operator=(const CostWriter &) = delete;

    // True when a source with this digest was written before and still holds all its periods.
    bool isAlreadyImported(const QString &digest);
    // False when no source of the store holds a period (nothing can be "already imported"; true
    // when the store cannot be read).
    bool holdsImportedSources();

    // What a write session may hold. CostsOnly (billing-file imports) writes cost batches only:
    // every reference in them is an id the writer itself found or inserted in this transaction,
    // so SQLite's foreign-key checks (17 parent lookups per line item, about half of an import's
    // CPU) are switched off for that transaction and switched on again after it. The other add*
    // calls and clearAllInTransaction() refuse in that mode (they rely on ON DELETE CASCADE).
    enum class Mode { Full, CostsOnly };

    bool begin(const SourceInfo &source, QString *error, Mode mode = Mode::Full);
    // Sets the digest of the source begun by this session, for a writer that learns it only
    // after reading the bytes (the file importer works it out while it imports).
    bool setSourceDigest(const QString &digest, QString *error);
    bool add(const CostBatch &batch, QString *error);
    bool addResources(const ResourceBatch &batch, bool markMissingInactive, QString *error);
    bool addMetrics(const MetricSeries &series, QString *error);
    bool addExperiment(const MlExperiment &experiment, QString *error);
    bool addRuns(const std::vector<MlRun> &runs, QString *error);
    // Replaces the saas_usage_daily rows and saas_query rows of the batch's service and account
    // with a day in [from, to) by the batch's rows (rows of the same key within the batch are
    // summed; a query id seen again replaces the earlier one). A second batch with the same
    // service, account and range in one session appends. Rows outside the range, without a
    // key or with a non-finite number fail the write. Allowed in CostsOnly mode (the saas
    // tables have no foreign keys), so an importer writes them in the same transaction.
    // A fill-in batch (SaasBatch::fillIn) replaces only its own source's rows and drops its rows
    // of the days another source holds for the service and account; it takes no queries.
    bool addSaas(const SaasBatch &batch, QString *error);
    // Deletes every cost, resource, run and saas row inside the current transaction (before the demo is
    // regenerated), so a rollback restores them; keeps only the source begun by this session.
    bool clearAllInTransaction(QString *error);
    bool commit(QString *error);
    void rollback();
    bool isActive() const { return m_txn != nullptr; }

    const WriteSummary &summary() const { return m_summary; }

    // Convenience: one source, these batches, one transaction.
    bool write(const SourceInfo &source, const std::vector<CostBatch> &batches, QString *error);

private:
    class FailureGuard;
    struct Impl;
    std::unique_ptr<Impl> d;
    CostStore &m_store;
    std::unique_ptr<Transaction> m_txn;
    WriteSummary m_summary;
    bool m_foreignKeysOff = false;

    bool refuseInCostsOnly(const char *call, QString *error);
    void endSession();
};

} // namespace costscope::store
