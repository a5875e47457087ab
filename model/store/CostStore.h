#pragma once

#include "model/store/SqliteDb.h"

#include <QString>

namespace costscope::store {

// One workspace: an SQLite file holding costs, resources and ML runs.
// Opening validates the file before anything is written to it: a file that is not a
// Costscope workspace, is from a newer version, is read-only or corrupt is refused
// with a message and left untouched.
class CostStore
{
public:
    // Page size of a workspace created by open() (existing ones keep theirs).
    static constexpr int kNewPageSize = 16384;

    enum class OpenError { None, NotAWorkspace, NewerVersion, ReadOnly, Corrupt, CannotOpen, MigrationFailed };

    CostStore() = default;
    CostStore(const CostStore &) = delete;
    CostStore &operator=(const CostStore &) = delete;

    // Opens (and creates when missing) the workspace at path, migrating it to the
    // current schema. ":memory:" gives a private in-memory workspace.
    bool open(const QString &path, QString *error = nullptr);
    // Opens an existing workspace for reading only (query-only connections, benchmarks).
    bool openReadOnly(const QString &path, QString *error = nullptr);
    // True when path is a Costscope workspace of an earlier schema: open() will migrate it (a
    // table rebuild can take seconds for millions of line items). Reads the file's header only.
    static bool needsUpgrade(const QString &path);
    void close();

    bool isOpen() const { return m_db.isOpen(); }
    OpenError openError() const { return m_openError; }
    QString path() const { return m_path; }
    SqliteDb &db() { return m_db; }

    QString metaValue(const QString &key) const;
    bool setMetaValue(const QString &key, const QString &value);

    bool isDemo() const { return metaValue(QStringLiteral("demo")) == u"1"; }

    // Removes every cost, resource and run (used before regenerating the demo).
    bool clearAll(QString *error = nullptr);

private:
    bool fail(OpenError kind, const QString &message, QString *error);
    bool validateExisting(const QString &path, QString *error);
    // How to open a probe of an existing file: immutably when nobody has it open (no -wal), with
    // locks when it has a -wal, for writing when it has a -journal (see validateExisting()).
    static SqliteDb::Mode probeMode(const QString &path);

    mutable SqliteDb m_db;
    QString m_path;
    OpenError m_openError = OpenError::None;
};

} // namespace costscope::store
