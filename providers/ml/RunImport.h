#pragma once

// Readers of ML runs kept by other tools: an MLflow file store (mlruns/), an MLflow SQLite store
// (mlflow.db) and TensorBoard event files (tfevents). Each returns plain data; importRunsAt()
// writes what one of them read into a workspace in one transaction.

#include "model/ml/RunStore.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace costscope::store {
class SqliteDb;
}

namespace costscope::ml {

struct RunImportBatch
{
    QString format; // "MLflow file store", "MLflow SQLite store", "TensorBoard event files"
    std::vector<ImportedExperiment> experiments;
    std::vector<ImportedRun> runs;
    QStringList warnings; // folders skipped, lines ignored, ...
};

// Each reader returns false and one line naming the file and the line or byte offset on error.
bool readMlrunsFolder(const QString &folder, RunImportBatch *batch, QString *error);
bool readMlflowDb(const QString &path, RunImportBatch *batch, QString *error);
// One event file, or every *tfevents* file under a folder (one run per file).
bool readTensorBoard(const QString &path, RunImportBatch *batch, QString *error);

// The MLflow store schema revisions (alembic_version) this reader knows.
QStringList knownMlflowDbRevisions();

// TFRecord framing: CRC-32C (Castagnoli) and TensorFlow's mask of it.
uint32_t crc32c(QByteArrayView data);
uint32_t maskedCrc32c(QByteArrayView data);

struct RunImportReport
{
    QString path;
    QString format;
    bool ok = false;
    QString error;
    RunImportResult written;
    int runsRead = 0;
    QStringList warnings;
};

// Finds what PATH is (an mlruns folder, an mlflow.db, a tfevents file or a folder of them), reads
// it and writes it into the workspace open in db, all or nothing.
RunImportReport importRunsAt(store::SqliteDb &db, const QString &path);

} // namespace costscope::ml
