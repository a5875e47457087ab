#pragma once

// Service interfaces that views call and providers implement (see DESIGN.md).
// app/ hands concrete implementations to the window; GUI tests hand fakes.

#include <QDate>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <vector>

namespace costscope {

// Progress of a long job: a value in [0, 1] (or negative when unknown) and a message.
using ProgressFn = std::function<void(double fraction, const QString &message)>;
// Polled by long jobs; returns true when the user asked to cancel.
using CancelFn = std::function<bool()>;

// What importing one file did.
struct ImportFileReport
{
    QString path;
    QString format;            // "FOCUS 1.0", "AWS CUR (legacy)", "Azure EA cost details", ...
    bool ok = false;
    bool unchanged = false;    // the same file was imported before; nothing was written
    QString error;             // one line naming file, line, column and what was expected
    int64_t rows = 0;
    int64_t bytes = 0;
    QDate periodStart;         // earliest billing period start
    QDate periodEnd;           // latest billing period end (exclusive)
    QString currency;
    QList<QPair<QString, QString>> totalsByAccount; // billing account -> billed total (decimal string)
    QStringList warnings;      // unknown columns, negative costs, ...
};

// Imports billing files into a workspace. Runs on a worker thread: it opens its own
// connection to the workspace file. Each file is one transaction.
class ImportService
{
public:
    virtual ~ImportService() = default;
    virtual std::vector<ImportFileReport> importPaths(const QString &workspacePath, const QStringList &paths,
                                                      const ProgressFn &progress, const CancelFn &cancelled) = 0;
};

} // namespace costscope
