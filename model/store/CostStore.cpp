#include "model/store/CostStore.h"

#include "model/store/Schema.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QLoggingCategory>

#include <sqlite3.h>

Q_LOGGING_CATEGORY(lcStore, "costscope.store")

namespace costscope::store {

namespace {

// Files up to this size get a whole-file check on open.
constexpr qint64 kFullCheckLimit = 64 * 1024 * 1024;

QMutex &checkedMutex()
{
    static QMutex mutex;
    return mutex;
}

// Absolute path -> "size:mtime" of files that passed the check in this process.
QHash<QString, QString> &checkedFiles()
{
    static QHash<QString, QString> files;
    return files;
}

// Read-only by intent: no write bit for owner, group or others. Checked on the mode bits as
// well as with access(2), because root may write to any file, so QFileInfo::isWritable() and
// QFileDevice::WriteUser say yes to root even for a 0444 file.
bool isReadOnly(const QFileInfo &info)
{
    const auto writeBits = QFileDevice::WriteOwner | QFileDevice::WriteGroup
                           | QFileDevice::WriteOther;
    return !info.isWritable() || !(info.permissions() & writeBits);
}

} // namespace

bool CostStore::fail(OpenError kind, const QString &message, QString *error)
{
    m_openError = kind;
    m_db.close();
    m_path.clear();
    if (error)
        *error = message;
    qCWarning(lcStore).noquote() << message;
    return false;
}

SqliteDb::Mode CostStore::probeMode(const QString &path)
{
    if (QFileInfo::exists(path + QStringLiteral("-journal")))
        return SqliteDb::Mode::ReadWrite;
    return QFileInfo::exists(path + QStringLiteral("-wal")) ? SqliteDb::Mode::ReadOnly : SqliteDb::Mode::Immutable;
}

bool CostStore::needsUpgrade(const QString &path)
{
    if (path == u":memory:" || QFileInfo(path).size() < 100)
        return false;
    SqliteDb probe;
    QString ignored;
    if (!probe.open(path, probeMode(path), &ignored))
        return false;
    const int64_t version = probe.queryInt("PRAGMA user_version", -1);
    return probe.queryInt("PRAGMA application_id", -1) == Schema::kApplicationId && version >= 1
           && version < Schema::kCurrentVersion;
}

// Checks a file that already exists without writing to it.
bool CostStore::validateExisting(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(OpenError::CannotOpen,
                    QStringLiteral("Cannot read workspace %1: %2").arg(path, file.errorString()), error);
    const QByteArray header = file.read(100);
    file.close();
    if (header.isEmpty())
        return true; // an empty file is a new workspace
    if (header.size() < 100 || !header.startsWith(QByteArrayView("SQLite format 3\0", 16)))
        return fail(OpenError::NotAWorkspace,
                    QStringLiteral("%1 is not a Costscope workspace (not an SQLite database).").arg(path), error);

    // Without a -wal or -journal file nobody has the workspace open: probe it immutably, so
    // checking a file leaves no -wal or -shm beside it. With a -wal file read it normally, with
    // locks. A -journal file is a command-line import writing it with a rollback journal (see
    // CostWriter::begin), or what such an import left when it was killed: read it with locks and
    // for writing, so SQLite rolls an unfinished write back first (a read-only connection cannot).
    SqliteDb probe;
    QString msg;
    if (!probe.open(path, probeMode(path), &msg))
        return fail(OpenError::CannotOpen, QStringLiteral("Cannot open workspace %1: %2").arg(path, msg), error);
    const int64_t appId = probe.queryInt("PRAGMA application_id", -1);
    const int64_t version = probe.queryInt("PRAGMA user_version", -1);
    Statement tables(probe, "SELECT count(*) FROM sqlite_master");
    int64_t tableCount = -1;
    if (tables.next())
        tableCount = tables.columnInt(0);
    const int code = probe.lastErrorCode();
    if (!tables.ok() || appId < 0 || version < 0) {
        if ((code & 0xff) == SQLITE_NOTADB || (code & 0xff) == SQLITE_CORRUPT)
            return fail(OpenError::Corrupt,
                        QStringLiteral("Workspace %1 is damaged (%2). It was not changed; restore it from a "
                                       "backup or open another workspace.")
                            .arg(path, probe.lastError()),
                        error);
        return fail(OpenError::CannotOpen,
                    QStringLiteral("Cannot read workspace %1: %2").arg(path, probe.lastError()), error);
    }
    if (appId == 0 && version == 0 && tableCount == 0)
        return true; // an empty SQLite database: fine to initialise
    if (appId != Schema::kApplicationId)
        return fail(OpenError::NotAWorkspace,
                    QStringLiteral("%1 is an SQLite database but not a Costscope workspace; it was not changed.")
                        .arg(path),
                    error);
    if (version > Schema::kCurrentVersion)
        return fail(OpenError::NewerVersion,
                    QStringLiteral("Workspace %1 was written by a newer Costscope (schema %2, this version "
                                   "reads up to %3). Update Costscope to open it; the file was not changed.")
                        .arg(path)
                        .arg(version)
                        .arg(Schema::kCurrentVersion),
                    error);
    // Make sure it is not damaged past its header before anything writes to it. A whole-file
    // check reads every page (seconds for a workspace of hundreds of MiB), so big files get
    // the catalog tables checked, and damage elsewhere is reported by SQLite when a page is
    // read (a write that meets it is rolled back). A file that passed is not checked again by
    // this process while its size and time stamp stay the same (worker threads reopen it).
    const QFileInfo info(path);
    const QString stamp = QStringLiteral("%1:%2").arg(info.size()).arg(info.lastModified().toMSecsSinceEpoch());
    {
        const QMutexLocker lock(&checkedMutex());
        if (checkedFiles().value(info.absoluteFilePath()) == stamp)
            return true;
    }
    QStringList checks;
    if (info.size() <= kFullCheckLimit) {
        checks << QStringLiteral("PRAGMA quick_check(1)");
    } else {
        for (const char *table : {"sqlite_master", "meta", "str", "kvset", "kvset_item", "source", "billing_period",
                                  "account"})
            checks << QStringLiteral("PRAGMA quick_check(%1)").arg(QLatin1String(table));
    }
    for (const QString &sql : checks) {
        Statement check(probe, sql);
        if (!check.next() || check.columnText(0) != u"ok")
            return fail(OpenError::Corrupt,
                        QStringLiteral("Workspace %1 is damaged (%2). It was not changed; restore it from a backup "
                                       "or open another workspace.")
                            .arg(path, check.ok() ? check.columnText(0) : probe.lastError()),
                        error);
    }
    const QMutexLocker lock(&checkedMutex());
    checkedFiles().insert(info.absoluteFilePath(), stamp);
    return true;
}

bool CostStore::open(const QString &path, QString *error)
{
    close();
    m_openError = OpenError::None;
    const bool memory = path == u":memory:";
    if (!memory) {
        const QFileInfo info(path);
        if (info.exists()) {
            if (info.isDir())
                return fail(OpenError::CannotOpen, QStringLiteral("%1 is a folder, not a workspace file.").arg(path),
                            error);
            if (!validateExisting(path, error))
                return false;
            if (isReadOnly(info))
                return fail(OpenError::ReadOnly,
                            QStringLiteral("Workspace %1 is read-only. Make it writable or copy it somewhere "
                                           "you can write; it was not changed.")
                                .arg(path),
                            error);
            // WAL mode keeps two files beside the workspace, so its folder must be writable too.
            if (isReadOnly(QFileInfo(info.absolutePath())))
                return fail(OpenError::ReadOnly,
                            QStringLiteral("Workspace %1 is in a read-only folder. Make the folder writable or "
                                           "copy the workspace somewhere you can write; it was not changed.")
                                .arg(path),
                            error);
        } else if (!QFileInfo(info.absolutePath()).isDir()) {
            return fail(OpenError::CannotOpen,
                        QStringLiteral("Cannot create workspace %1: the folder %2 does not exist.")
                            .arg(path, info.absolutePath()),
                        error);
        } else if (isReadOnly(QFileInfo(info.absolutePath()))) {
            return fail(OpenError::ReadOnly,
                        QStringLiteral("Cannot create workspace %1: the folder is not writable.").arg(path), error);
        }
    }
    QString msg;
    if (!m_db.open(path, SqliteDb::Mode::ReadWriteCreate, &msg))
        return fail(OpenError::CannotOpen, QStringLiteral("Cannot open workspace %1: %2").arg(path, msg), error);
    // A new workspace gets 16 KiB pages (SQLite's default is 4 KiB): a quarter of the pages, tree
    // levels and WAL frames for the same rows; an import of a million billing lines took 13 % less
    // time. The size is fixed when the first page is written (before WAL mode), so existing
    // workspaces keep theirs.
    if (m_db.queryInt("PRAGMA page_count", -1) == 0)
        m_db.exec(QByteArray("PRAGMA page_size = " + QByteArray::number(kNewPageSize)).constData());
    if (!m_db.exec("PRAGMA foreign_keys = ON", &msg) || (!memory && !m_db.exec("PRAGMA journal_mode = WAL", &msg))
        || !m_db.exec("PRAGMA synchronous = NORMAL", &msg))
        return fail(OpenError::CannotOpen, QStringLiteral("Cannot open workspace %1: %2").arg(path, msg), error);
    m_db.exec("PRAGMA cache_size = -65536"); // 64 MiB page cache
    m_db.exec("PRAGMA temp_store = MEMORY");
    if (!Schema::migrate(m_db, Schema::kCurrentVersion, &msg))
        return fail(OpenError::MigrationFailed,
                    QStringLiteral("Cannot upgrade workspace %1: %2. It was left at its earlier version.")
                        .arg(path, msg),
                    error);
    m_path = path;
    if (metaValue(QStringLiteral("created")).isEmpty())
        setMetaValue(QStringLiteral("created"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    return true;
}

bool CostStore::openReadOnly(const QString &path, QString *error)
{
    close();
    m_openError = OpenError::None;
    if (!QFileInfo::exists(path))
        return fail(OpenError::CannotOpen, QStringLiteral("Workspace %1 does not exist.").arg(path), error);
    if (!validateExisting(path, error))
        return false;
    QString msg;
    if (!m_db.open(path, SqliteDb::Mode::ReadOnly, &msg))
        return fail(OpenError::CannotOpen, QStringLiteral("Cannot open workspace %1: %2").arg(path, msg), error);
    if (Schema::version(m_db) != Schema::kCurrentVersion)
        return fail(OpenError::MigrationFailed,
                    QStringLiteral("Workspace %1 needs an upgrade; open it once for writing.").arg(path), error);
    m_path = path;
    return true;
}

void CostStore::close()
{
    m_db.close();
    m_path.clear();
}

QString CostStore::metaValue(const QString &key) const
{
    Statement st(m_db, "SELECT value FROM meta WHERE key = ?");
    st.bind(1, key);
    return st.next() ? st.columnText(0) : QString();
}

bool CostStore::setMetaValue(const QString &key, const QString &value)
{
    Statement st(m_db, "INSERT INTO meta(key, value) VALUES (?, ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, key).bind(2, value);
    return st.run();
}

bool CostStore::clearAll(QString *error)
{
    Transaction txn(m_db);
    if (!txn.isActive()) {
        if (error)
            *error = txn.error();
        return false;
    }
    static const char *const kClear = R"sql(
        DELETE FROM ml_metric; DELETE FROM ml_param; DELETE FROM ml_tag; DELETE FROM ml_run;
        DELETE FROM ml_experiment;
        DELETE FROM metric_daily; DELETE FROM metric_point; DELETE FROM attachment; DELETE FROM resource;
        DELETE FROM rollup_tag_daily; DELETE FROM rollup_resource_monthly;
        DELETE FROM rollup_resource_daily; DELETE FROM rollup_daily; DELETE FROM line_item;
        DELETE FROM billing_period; DELETE FROM account; DELETE FROM source;
        DELETE FROM kvset_item; DELETE FROM kvset WHERE id <> 0; DELETE FROM str WHERE id <> 0;
    )sql";
    QString msg;
    if (!m_db.exec(kClear, &msg)) {
        if (error)
            *error = msg;
        return false;
    }
    if (!txn.commit()) {
        if (error)
            *error = txn.error();
        return false;
    }
    return true;
}

} // namespace costscope::store
