#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <cstdint>
#include <memory>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace costscope::store {

class Statement;

// A thin owner of one sqlite3 connection. Not thread-safe: one thread at a time.
class SqliteDb
{
public:
    // Immutable: read-only without locks or side files (-wal, -shm); only for a file that no
    // connection has open, as when checking a file before opening it for real.
    enum class Mode { ReadWriteCreate, ReadWrite, ReadOnly, Immutable };

    SqliteDb() = default;
    ~SqliteDb();
    SqliteDb(const SqliteDb &) = delete;
    SqliteDb &operator=(const SqliteDb &) = delete;

    bool open(const QString &path, Mode mode, QString *error);
    void close();
    bool isOpen() const { return m_db != nullptr; }
    sqlite3 *handle() const { return m_db; }
    QString path() const { return m_path; }

    // Runs one or more statements without parameters.
    bool exec(const char *sql, QString *error = nullptr);
    // Runs a single-value query; returns fallback when there is no row.
    int64_t queryInt(const char *sql, int64_t fallback = 0);
    QString queryText(const char *sql);

    QString lastError() const;
    int lastErrorCode() const;
    int64_t lastInsertId() const;
    int changes() const;

private:
    sqlite3 *m_db = nullptr;
    QString m_path;
};

// A prepared statement; binds are 1-based as in SQLite.
class Statement
{
public:
    Statement() = default;
    Statement(SqliteDb &db, const char *sql);
    Statement(SqliteDb &db, const QString &sql);
    ~Statement();
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    bool isValid() const { return m_stmt != nullptr; }
    QString error() const { return m_error; }
    // The extended SQLite result code of the last failure (SQLITE_OK when none).
    int errorCode() const { return m_errorCode; }

    Statement &bind(int index, int64_t value);
    Statement &bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
    Statement &bind(int index, double value);
    Statement &bind(int index, const QString &value);
    // Text already in UTF-8 (a value bound for many rows is converted once).
    Statement &bindUtf8(int index, QByteArrayView utf8);
    Statement &bindBlob(int index, QByteArrayView blob);
    Statement &bindNull(int index);

    // Returns true while there is a row; false at the end or on error (see ok()).
    bool next();
    // Runs a statement that returns no rows; resets it afterwards (and clears its bindings).
    bool run();
    // The same, keeping the bound values: for a statement whose parameters are all bound again
    // before every run (a bulk insert), where clearing them is wasted work.
    bool runKeepingBindings();
    bool ok() const { return m_ok; }
    void reset();

    int64_t columnInt(int column) const;
    double columnDouble(int column) const;
    QString columnText(int column) const;
    QByteArray columnBlob(int column) const;
    bool columnIsNull(int column) const;
    int columnCount() const;

private:
    void prepare(SqliteDb &db, const char *sql, int length);
    sqlite3_stmt *m_stmt = nullptr;
    sqlite3 *m_db = nullptr;
    bool m_ok = true;
    int m_errorCode = 0;
    QString m_error;
};

// Describes a failed SQLite call for people: a full disk, a read-only or busy file get a
// sentence of their own, anything else the SQLite message.
QString describeSqliteError(int extendedCode, const QString &message);

// Rolls back unless committed; BEGIN IMMEDIATE so a writer never deadlocks on upgrade.
class Transaction
{
public:
    explicit Transaction(SqliteDb &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    bool isActive() const { return m_active; }
    QString error() const { return m_error; }
    bool commit();
    void rollback();

private:
    SqliteDb &m_db;
    bool m_active = false;
    QString m_error;
};

// "?,?,?" with n placeholders, for IN (...) lists whose values are bound one by one.
QString sqlPlaceholders(qsizetype n);
// The id of a string in the workspace's dictionary (0 for the empty string), if it is there.
std::optional<int64_t> dictionaryId(SqliteDb &db, const QString &s);

} // namespace costscope::store
