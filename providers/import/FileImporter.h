#pragma once

#include "model/Services.h"
#include "model/store/CostWriter.h"

#include <QLoggingCategory>
#include <QString>
#include <QStringList>

#include <cstdint>

Q_DECLARE_LOGGING_CATEGORY(lcImport)

namespace costscope::import {

// Imports one billing file (plain or gzip CSV, or a CUR manifest JSON naming its data
// files) into the store in one transaction: the format is detected from the header, rows
// are streamed in batches of batchRows, and any error leaves the store as it was.
// Re-importing a file with the same SHA-256 writes nothing.
class FileImporter
{
public:
    explicit FileImporter(store::CostWriter &writer) : m_writer(writer) {}

    void setMaxFieldBytes(int64_t bytes) { m_maxFieldBytes = bytes; }
    void setBatchRows(int rows) { m_batchRows = rows; }
    // The S3/Redshift usage cells a CUR reader gathers before they go to the writer as a part
    // (a bound on the gather's memory; the stored rows are the same whatever the bound).
    void setSaasPartCells(size_t cells) { m_saasPartCells = cells; }
    static constexpr size_t kSaasPartCells = 100'000;

    ImportFileReport importFile(const QString &path, const ProgressFn &progress = {}, const CancelFn &cancelled = {});

    // The data files a CUR manifest names, resolved next to the manifest; empty with an
    // error when the JSON is not a manifest or a file is missing.
    static QStringList manifestDataFiles(const QString &manifestPath, QString *error);
    static bool looksLikeManifest(const QString &path);

private:
    store::CostWriter &m_writer;
    int64_t m_maxFieldBytes = 1 << 20;
    int m_batchRows = 2500;
    size_t m_saasPartCells = kSaasPartCells;
};

} // namespace costscope::import
