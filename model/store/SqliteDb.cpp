#include "model/store/SqliteDb.h"

#include <QFileInfo>
#include <QUrl>

#include <sqlite3.h>

#include <utility>

namespace costscope::store {

SqliteDb::~SqliteDb() { close(); }

bool SqliteDb::open(const QString &path, Mode mode, QString *error)
{
    close();
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
    case Mode::ReadWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
    case Mode::ReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
    case Mode::ReadOnly: flags |= SQLITE_OPEN_READONLY; break;
    case Mode::Immutable: flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI; break;
    }
    const QByteArray utf8 = mode == Mode::Immutable
                                ? QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toEncoded()
                                      + "?mode=ro&immutable=1"
                                : path.toUtf8();
    const int rc = sqlite3_open_v2(utf8.constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        if (error)
            *error = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString::fromUtf8(sqlite3_errstr(rc));
        close();
        return false;
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, 5000);
    m_path = path;
    return true;
}

void SqliteDb::close()
{
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
    m_path.clear();
}

bool SqliteDb::exec(const char *sql, QString *error)
{
    char *msg = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &msg);
    if (rc != SQLITE_OK) {
        if (error)
            *error = msg ? QString::fromUtf8(msg) : QString::fromUtf8(sqlite3_errstr(rc));
        sqlite3_free(msg);
        return false;
    }
    return true;
}

int64_t SqliteDb::queryInt(const char *sql, int64_t fallback)
{
    Statement st(*this, sql);
    if (st.next())
        return st.columnInt(0);
    return fallback;
}

QString SqliteDb::queryText(const char *sql)
{
    Statement st(*this, sql);
    if (st.next())
        return st.columnText(0);
    return {};
}

QString SqliteDb::lastError() const { return m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString(); }
int SqliteDb::lastErrorCode() const { return m_db ? sqlite3_extended_errcode(m_db) : SQLITE_MISUSE; }
int64_t SqliteDb::lastInsertId() const { return sqlite3_last_insert_rowid(m_db); }
int SqliteDb::changes() const { return sqlite3_changes(m_db); }

Statement::Statement(SqliteDb &db, const char *sql) { prepare(db, sql, -1); }

Statement::Statement(SqliteDb &db, const QString &sql)
{
    const QByteArray utf8 = sql.toUtf8();
    prepare(db, utf8.constData(), static_cast<int>(utf8.size()));
}

void Statement::prepare(SqliteDb &db, const char *sql, int length)
{
    m_db = db.handle();
    if (!m_db) {
        m_ok = false;
        m_error = QStringLiteral("database is not open");
        return;
    }
    if (sqlite3_prepare_v2(m_db, sql, length, &m_stmt, nullptr) != SQLITE_OK) {
        m_ok = false;
        m_errorCode = sqlite3_extended_errcode(m_db);
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
        m_stmt = nullptr;
    }
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement::Statement(Statement &&other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr)), m_db(other.m_db), m_ok(other.m_ok),
      m_errorCode(other.m_errorCode), m_error(std::move(other.m_error))
{
}

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_db = other.m_db;
        m_ok = other.m_ok;
        m_errorCode = other.m_errorCode;
        m_error = std::move(other.m_error);
    }
    return *this;
}

Statement &Statement::bind(int index, int64_t value)
{
    if (m_stmt)
        sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    if (m_stmt)
        sqlite3_bind_double(m_stmt, index, value);
    return *this;
}

Statement &Statement::bind(int index, const QString &value)
{
    if (m_stmt) {
        const QByteArray utf8 = value.toUtf8();
        sqlite3_bind_text(m_stmt, index, utf8.constData(), static_cast<int>(utf8.size()), SQLITE_TRANSIENT);
    }
    return *this;
}

Statement &Statement::bindUtf8(int index, QByteArrayView utf8)
{
    if (m_stmt)
        sqlite3_bind_text(m_stmt, index, utf8.data(), static_cast<int>(utf8.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bindBlob(int index, QByteArrayView blob)
{
    if (m_stmt)
        sqlite3_bind_blob(m_stmt, index, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bindNull(int index)
{
    if (m_stmt)
        sqlite3_bind_null(m_stmt, index);
    return *this;
}

bool Statement::next()
{
    if (!m_stmt) {
        m_ok = false;
        return false;
    }
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE) {
        m_ok = false;
        m_errorCode = sqlite3_extended_errcode(m_db);
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
    }
    return false;
}

bool Statement::run()
{
    const bool good = runKeepingBindings();
    if (m_stmt)
        sqlite3_clear_bindings(m_stmt);
    return good;
}

bool Statement::runKeepingBindings()
{
    if (!m_stmt) {
        m_ok = false;
        return false;
    }
    const int rc = sqlite3_step(m_stmt);
    bool good = rc == SQLITE_DONE || rc == SQLITE_ROW;
    if (!good) {
        m_ok = false;
        m_errorCode = sqlite3_extended_errcode(m_db);
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
    }
    sqlite3_reset(m_stmt);
    return good;
}

void Statement::reset()
{
    if (m_stmt) {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    m_ok = m_stmt != nullptr;
    m_errorCode = SQLITE_OK;
}

int64_t Statement::columnInt(int column) const { return sqlite3_column_int64(m_stmt, column); }
double Statement::columnDouble(int column) const { return sqlite3_column_double(m_stmt, column); }

QString Statement::columnText(int column) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    const int n = sqlite3_column_bytes(m_stmt, column);
    return text ? QString::fromUtf8(text, n) : QString();
}

QByteArray Statement::columnBlob(int column) const
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_stmt, column));
    const int n = sqlite3_column_bytes(m_stmt, column);
    return data ? QByteArray(data, n) : QByteArray();
}

bool Statement::columnIsNull(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
int Statement::columnCount() const { return m_stmt ? sqlite3_column_count(m_stmt) : 0; }

QString describeSqliteError(int extendedCode, const QString &message)
{
    switch (extendedCode & 0xff) {
    case SQLITE_FULL:
        return QStringLiteral("the disk is full or the workspace reached its size limit (%1)").arg(message);
    case SQLITE_READONLY:
        return QStringLiteral("the workspace is read-only (%1)").arg(message);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return QStringLiteral("the workspace is busy: another program is writing to it (%1)").arg(message);
    case SQLITE_IOERR:
        return QStringLiteral("the workspace could not be read or written (%1)").arg(message);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return QStringLiteral("the workspace is damaged (%1)").arg(message);
    default:
        return message;
    }
}

Transaction::Transaction(SqliteDb &db) : m_db(db)
{
    QString why;
    m_active = m_db.exec("BEGIN IMMEDIATE", &why);
    if (!m_active)
        m_error = describeSqliteError(m_db.lastErrorCode(), why);
}

Transaction::~Transaction() { rollback(); }

bool Transaction::commit()
{
    if (!m_active)
        return false;
    QString why;
    if (!m_db.exec("COMMIT", &why)) {
        m_error = describeSqliteError(m_db.lastErrorCode(), why);
        rollback();
        return false;
    }
    m_active = false;
    return true;
}

void Transaction::rollback()
{
    if (m_active) {
        m_db.exec("ROLLBACK");
        m_active = false;
    }
}

QString sqlPlaceholders(qsizetype n)
{
    QString out;
    for (qsizetype i = 0; i < n; ++i)
        out += i ? QStringLiteral(",?") : QStringLiteral("?");
    return out;
}

std::optional<int64_t> dictionaryId(SqliteDb &db, const QString &s)
{
    if (s.isEmpty())
        return 0;
    Statement st(db, "SELECT id FROM str WHERE s = ?");
    st.bind(1, s);
    if (st.next())
        return st.columnInt(0);
    return std::nullopt;
}

} // namespace costscope::store
