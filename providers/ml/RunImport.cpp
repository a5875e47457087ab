#include "providers/ml/RunImport.h"

#include "model/store/SqliteDb.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace costscope::ml {

namespace {

enum class Kind { Unknown, Mlruns, MlflowDb, TensorBoard };

bool isSqliteFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) && f.read(16) == QByteArray("SQLite format 3\0", 16);
}

Kind detect(const QString &path)
{
    const QFileInfo info(path);
    if (info.isFile()) {
        if (info.fileName().contains(u"tfevents"))
            return Kind::TensorBoard;
        if (isSqliteFile(path))
            return Kind::MlflowDb;
        return Kind::Unknown;
    }
    if (!info.isDir())
        return Kind::Unknown;
    const QDir dir(path);
    if (dir.exists(QStringLiteral(".trash")))
        return Kind::Mlruns;
    for (const QString &sub : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        if (QFileInfo::exists(dir.filePath(sub) + u"/meta.yaml"))
            return Kind::Mlruns;
    QDirIterator it(path, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        if (QFileInfo(it.next()).fileName().contains(u"tfevents"))
            return Kind::TensorBoard;
    return Kind::Unknown;
}

} // namespace

RunImportReport importRunsAt(store::SqliteDb &db, const QString &path)
{
    RunImportReport report;
    report.path = path;
    RunImportBatch batch;
    QString error;
    bool read = false;
    switch (detect(path)) {
    case Kind::Mlruns:
        read = readMlrunsFolder(path, &batch, &error);
        break;
    case Kind::MlflowDb:
        read = readMlflowDb(path, &batch, &error);
        break;
    case Kind::TensorBoard:
        read = readTensorBoard(path, &batch, &error);
        break;
    case Kind::Unknown:
        error = QFileInfo::exists(path)
                    ? QStringLiteral("%1: not an mlruns folder, an MLflow SQLite store or TensorBoard event files").arg(path)
                    : QStringLiteral("%1: no such file or folder").arg(path);
        break;
    }
    report.format = batch.format;
    report.warnings = batch.warnings;
    report.runsRead = static_cast<int>(batch.runs.size());
    if (!read) {
        report.error = error;
        return report;
    }
    MlError mlError;
    RunStore runs(db);
    if (!runs.importRuns(batch.experiments, batch.runs, &report.written, &mlError)) {
        report.error = QStringLiteral("%1: %2").arg(path, mlError.message);
        return report;
    }
    report.ok = true;
    return report;
}

} // namespace costscope::ml
