#include "providers/import/FileImporter.h"

#include "model/Money.h"
#include "providers/FileDigest.h"
#include "providers/import/CsvReader.h"
#include "providers/import/FormatReader.h"
#include "providers/import/ImportValues.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QScopeGuard>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <tuple>

Q_LOGGING_CATEGORY(lcImport, "costscope.import", QtInfoMsg)
// Where an import's time went (QT_LOGGING_RULES="*.timing.debug=true" also shows the store's
// costscope.store.timing), for the benchmark; off by default.
Q_LOGGING_CATEGORY(lcImportTiming, "costscope.import.timing", QtWarningMsg)

namespace costscope::import {

namespace {

using BatchKey = std::tuple<QString, QString, QDate>; // provider, account, period start

struct Pending
{
    CostBatch batch;
    MoneySum billed;
    int64_t rows = 0;
};

// Hands full batches to the CostWriter on a thread of its own, so the file is read and mapped
// on one core while SQLite writes on the other. At most kQueued batches wait (memory stays
// flat: the reader blocks when the writer falls behind). Only one thread uses the writer at a
// time: the writer thread between push() and finish(), the caller after finish() or stop()
// returned. A batch the writer refuses ends the import: the writer has rolled back, every
// batch still waiting is dropped, and error() names the batch's context and the reason.
class BatchWriter
{
public:
    static constexpr size_t kQueued = 1;

    explicit BatchWriter(store::CostWriter &writer) : m_writer(writer) {}
    ~BatchWriter() { stop(); }
    BatchWriter(const BatchWriter &) = delete;
    BatchWriter &operator=(const BatchWriter &) = delete;

    // Queues the batch (waiting while kQueued are queued); false once a batch failed.
    // context ("file: line N") prefixes the error if this batch fails.
    bool push(CostBatch &&batch, QString context)
    {
        std::deque<Job> done;
        {
            std::unique_lock lock(m_mutex);
            if (!m_thread.joinable())
                m_thread = std::thread([this] { run(); });
            m_changed.wait(lock, [&] { return m_failed || m_queue.size() < kQueued; });
            if (m_failed)
                return false;
            m_queue.push_back(Job{std::move(batch), std::move(context)});
            done.swap(m_done);
            m_changed.notify_all();
        }
        return true; // the written rows are freed here, on the thread that made their strings
    }

    // Waits until every queued batch is written; false if one failed. The caller may then use
    // the writer itself (addSaas, commit) until its next push().
    bool finish()
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_failed || (m_queue.empty() && !m_busy); });
        return !m_failed;
    }

    // Drops what is queued, waits for the batch being written, ends the thread.
    void stop()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
            m_queue.clear();
            m_changed.notify_all();
        }
        if (m_thread.joinable())
            m_thread.join();
    }

    QString error() const
    {
        std::lock_guard lock(m_mutex);
        return m_error;
    }

private:
    struct Job
    {
        CostBatch batch;
        QString context;
    };

    void run()
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_changed.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
            if (m_stopping)
                return;
            Job job = std::move(m_queue.front());
            m_queue.pop_front();
            m_busy = true;
            m_changed.notify_all();
            lock.unlock();
            QString why;
            const bool ok = m_writer.add(job.batch, &why);
            const QString context = job.context;
            lock.lock();
            m_done.push_back(std::move(job));
            m_busy = false;
            if (!ok) {
                m_failed = true;
                m_error = QStringLiteral("%1: %2").arg(context, why);
                m_queue.clear();
            }
            m_changed.notify_all();
            if (!ok)
                return;
        }
    }

    store::CostWriter &m_writer;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Job> m_queue;
    std::deque<Job> m_done; // written, left for push() to free
    std::thread m_thread;
    bool m_busy = false, m_failed = false, m_stopping = false;
    QString m_error;
};

} // namespace

bool FileImporter::looksLikeManifest(const QString &path)
{
    if (!path.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive))
        return false;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly) || f.size() > 16 * 1024 * 1024)
        return false;
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    return o.contains(QStringLiteral("reportKeys")) || o.contains(QStringLiteral("dataFiles"));
}

QStringList FileImporter::manifestDataFiles(const QString &manifestPath, QString *error)
{
    QFile f(manifestPath);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(manifestPath, f.errorString());
        return {};
    }
    if (f.size() > 16 * 1024 * 1024) {
        *error = QStringLiteral("%1: a manifest larger than 16 MiB is not a CUR manifest").arg(manifestPath);
        return {};
    }
    QJsonParseError perr{};
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("%1: offset %2: expected a CUR manifest (JSON object): %3")
                     .arg(manifestPath)
                     .arg(perr.offset)
                     .arg(perr.errorString());
        return {};
    }
    const QJsonObject o = doc.object();
    QJsonArray keys = o.value(QStringLiteral("reportKeys")).toArray();
    if (keys.isEmpty())
        keys = o.value(QStringLiteral("dataFiles")).toArray();
    if (keys.isEmpty()) {
        *error = QStringLiteral("%1: expected a CUR manifest with reportKeys or dataFiles").arg(manifestPath);
        return {};
    }
    const QDir dir = QFileInfo(manifestPath).absoluteDir();
    QStringList out;
    for (const QJsonValue &v : keys) {
        QString key = v.toString();
        if (key.startsWith(QStringLiteral("s3://")))
            key = key.section(u'/', 3); // drop s3://bucket/
        // Try the key as a relative path, then shorter tails of it, then the bare file name.
        QString found;
        const QStringList parts = key.split(u'/', Qt::SkipEmptyParts);
        for (qsizetype i = 0; i < parts.size() && found.isEmpty(); ++i) {
            const QString candidate = dir.filePath(parts.mid(i).join(u'/'));
            if (QFileInfo::exists(candidate))
                found = candidate;
        }
        if (found.isEmpty()) {
            *error = QStringLiteral("%1: the manifest names %2, which is not beside it").arg(manifestPath, key);
            return {};
        }
        out << found;
    }
    return out;
}

ImportFileReport FileImporter::importFile(const QString &path, const ProgressFn &progress, const CancelFn &cancelled)
{
    QElapsedTimer elapsed;
    elapsed.start();
    ImportFileReport report;
    report.path = path;
    BatchWriter async(m_writer);
    auto fail = [&](const QString &message) -> ImportFileReport {
        async.stop();
        if (m_writer.isActive())
            m_writer.rollback();
        report.ok = false;
        report.rows = 0;
        report.totalsByAccount.clear();
        report.error = message;
        qCDebug(lcImport).noquote() << message;
        return report;
    };

    QStringList parts{path};
    QString error;
    const bool manifest = looksLikeManifest(path);
    if (manifest) {
        parts = manifestDataFiles(path, &error);
        if (parts.isEmpty())
            return fail(error);
    }
    qint64 totalBytes = 0;
    for (const QString &p : parts)
        totalBytes += QFileInfo(p).size();
    report.bytes = totalBytes;

    // The digest covers every byte that will be imported. When the workspace holds imported
    // sources, it is worked out first and a file imported before is not read again. Into a
    // workspace without any (a first import) nothing can have been imported before, so it is
    // worked out on a thread of its own while the file is imported (hashing takes about 0.3 s per
    // million CUR rows, on the core the import leaves partly idle) and stored before commit.
    // stopDigest ends that thread early when the import fails.
    const auto digestOf = [manifest, path, parts](const std::atomic<bool> *stop) -> std::pair<QString, QString> {
        QString why;
        if (!manifest) {
            const QString d = providers::fileSha256(path, &why, stop);
            return {d, why};
        }
        QCryptographicHash h(QCryptographicHash::Sha256);
        for (const QString &p : QStringList{path} + parts) {
            const QString d = providers::fileSha256(p, &why, stop);
            if (d.isEmpty())
                return {QString(), why};
            h.addData(d.toLatin1());
        }
        return {QString::fromLatin1(h.result().toHex()), why};
    };
    QString digest;
    std::atomic<bool> stopDigest{false};
    std::future<std::pair<QString, QString>> digestJob;
    if (m_writer.holdsImportedSources()) {
        const auto [value, why] = digestOf(nullptr);
        if (value.isEmpty())
            return fail(why);
        digest = value;
        if (m_writer.isAlreadyImported(digest)) {
            report.ok = true;
            report.unchanged = true;
            report.format = QStringLiteral("(already imported)");
            return report;
        }
    } else {
        digestJob = std::async(std::launch::async, digestOf, &stopDigest);
    }
    // Before the future's destructor waits for the thread: an import that ends early stops it.
    const auto stopDigestGuard = qScopeGuard([&] { stopDigest = true; });

    std::map<BatchKey, Pending> pending;
    std::map<QString, MoneySum> byAccount;
    int64_t negativeRows = 0, clampedRows = 0, rows = 0;
    qint64 doneBytes = 0;
    std::vector<MappedRow> mapped;

    // Hands the batch's rows to the writer thread; the header stays for the next rows.
    auto flush = [&](Pending &p, QString context) -> bool {
        if (p.batch.rows.empty())
            return true;
        std::vector<CostRow> full;
        full.swap(p.batch.rows);
        CostBatch out = p.batch;
        out.rows = std::move(full);
        p.batch.rows.reserve(static_cast<size_t>(m_batchRows));
        return async.push(std::move(out), std::move(context));
    };

    // Hands the S3/Redshift usage the reader gathered to the writer: at the end of each file,
    // and in the middle when the gather holds m_saasPartCells cells (the writer adds a part to
    // the rows of the same day, entity and usage type, so the stored rows are those of one
    // batch). The writer thread is drained first: the writer is used by one thread at a time.
    const QString saasSource = QStringLiteral("import:") + QFileInfo(path).fileName();
    qint64 saasMs = 0; // time the usage hand-overs took (the writer thread waits meanwhile)
    auto handSaas = [&](FormatReader &reader, const QString &context) -> std::optional<QString> {
        QElapsedTimer handing;
        handing.start();
        if (!async.finish())
            return async.error();
        for (const SaasBatch &saas : reader.takeSaasBatches(saasSource))
            if (!m_writer.addSaas(saas, &error))
                return QStringLiteral("%1: %2").arg(context, error);
        saasMs += handing.elapsed();
        return std::nullopt;
    };

    for (const QString &part : parts) {
        const QString where = manifest ? part : path;
        QFile file(part);
        if (!file.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("%1: %2").arg(where, file.errorString()));
        CsvReader csv(&file, m_maxFieldBytes);
        if (!csv.readRow()) {
            if (csv.hasError())
                return fail(QStringLiteral("%1: %2").arg(where, csv.error()));
            return fail(QStringLiteral("%1: the file is empty (expected a header line)").arg(where));
        }
        QStringList header;
        for (int i = 0; i < csv.fieldCount(); ++i)
            header << QString::fromUtf8(csv.field(i)).trimmed();
        std::unique_ptr<FormatReader> reader = detectFormat(header, &error);
        if (!reader)
            return fail(QStringLiteral("%1: %2").arg(where, error));
        if (!reader->bind(header, &report.warnings, &error))
            return fail(QStringLiteral("%1: %2").arg(where, error));
        if (report.format.isEmpty()) {
            report.format = reader->formatName();
            // Empty when it is being worked out meanwhile: set before commit.
            SourceInfo source{QStringLiteral("file"), QFileInfo(path).absoluteFilePath(), digest, report.format};
            if (!m_writer.begin(source, &error, store::CostWriter::Mode::CostsOnly))
                return fail(QStringLiteral("%1: %2").arg(path, error));
        }
        const int columns = csv.fieldCount();
        int64_t partRows = 0;
        while (csv.readRow()) {
            if (csv.fieldCount() != columns)
                return fail(QStringLiteral("%1: line %2: expected %3 columns as in the header, found %4")
                                .arg(where)
                                .arg(csv.rowLine())
                                .arg(columns)
                                .arg(csv.fieldCount()));
            mapped.clear();
            MapError merr;
            if (!reader->map(csv, &mapped, &merr)) {
                const QString colName = merr.column > 0 && merr.column <= header.size() ? header[merr.column - 1]
                                                                                        : QString();
                return fail(QStringLiteral("%1: line %2, column %3 (%4): %5")
                                .arg(where)
                                .arg(csv.rowLine())
                                .arg(merr.column)
                                .arg(colName, merr.message));
            }
            ++partRows;
            if (reader->saasPartReady(m_saasPartCells))
                if (const auto why = handSaas(*reader, QStringLiteral("%1: line %2").arg(where).arg(csv.rowLine())))
                    return fail(*why);
            for (MappedRow &m : mapped) {
                CostRow &r = m.row;
                const int64_t ps = secondsOfDate(m.periodStart), pe = secondsOfDate(m.periodEnd);
                if (r.chargeStart < ps || r.chargeStart >= pe) {
                    // The store keeps each charge inside its billing period: date it to the
                    // nearest day of the period (the cost stays with the period it was billed in).
                    r.chargeStart = r.chargeStart < ps ? ps : pe - 86400;
                    if (r.chargeEnd < r.chargeStart)
                        r.chargeEnd = r.chargeStart;
                    ++clampedRows;
                }
                if (r.billedCost.nanos() < 0 && r.chargeCategory != ChargeCategory::Credit)
                    ++negativeRows;
                Pending &p = pending[BatchKey{m.provider, m.accountId, m.periodStart}];
                if (p.rows == 0) {
                    p.batch.provider = m.provider;
                    p.batch.billingAccountId = m.accountId;
                    p.batch.billingAccountName = m.accountName;
                    p.batch.currency = m.currency;
                    p.batch.periodStart = m.periodStart;
                    p.batch.periodEnd = m.periodEnd;
                    p.batch.rows.reserve(static_cast<size_t>(m_batchRows));
                } else if (p.batch.currency != m.currency) {
                    return fail(QStringLiteral("%1: line %2: expected one currency per billing account and period, "
                                               "found %3 and %4")
                                    .arg(where)
                                    .arg(csv.rowLine())
                                    .arg(p.batch.currency, m.currency));
                }
                if (p.batch.billingAccountName.isEmpty())
                    p.batch.billingAccountName = m.accountName;
                p.billed.add(r.billedCost);
                byAccount[m.accountId].add(r.billedCost);
                ++p.rows;
                ++rows;
                p.batch.rows.push_back(std::move(r));
                if (static_cast<int>(p.batch.rows.size()) >= m_batchRows) {
                    if (!flush(p, QStringLiteral("%1: line %2").arg(where).arg(csv.rowLine())))
                        return fail(async.error());
                    if (cancelled && cancelled())
                        return fail(QStringLiteral("%1: cancelled; nothing was imported").arg(path));
                    if (progress && totalBytes > 0) {
                        // Rows and bytes both: the bytes say how far the file is, the rows what was found.
                        const qint64 readBytes = doneBytes + csv.deviceBytesRead();
                        progress(static_cast<double>(readBytes) / static_cast<double>(totalBytes),
                                 QStringLiteral("Importing %1: %2 rows, %3 of %4 read")
                                     .arg(QFileInfo(path).fileName())
                                     .arg(rows)
                                     .arg(QLocale::c().formattedDataSize(readBytes, 1, QLocale::DataSizeSIFormat),
                                          QLocale::c().formattedDataSize(totalBytes, 1, QLocale::DataSizeSIFormat)));
                    }
                }
            }
        }
        if (csv.hasError()) {
            QString message = csv.error();
            if (csv.errorColumn() > 0 && csv.errorColumn() <= header.size())
                message = QStringLiteral("line %1, column %2 (%3): %4")
                              .arg(csv.errorLine())
                              .arg(csv.errorColumn())
                              .arg(header[csv.errorColumn() - 1], message.section(QStringLiteral(": "), 1));
            return fail(QStringLiteral("%1: %2").arg(where, message));
        }
        if (partRows == 0)
            return fail(QStringLiteral("%1: line 2: expected data rows after the header, found none").arg(where));
        if (const auto why = handSaas(*reader, where))
            return fail(*why);
        doneBytes += file.size();
    }
    for (auto &[key, p] : pending)
        if (!flush(p, path))
            return fail(async.error());
    if (!async.finish())
        return fail(async.error());
    if (digestJob.valid()) {
        const auto [value, why] = digestJob.get();
        if (value.isEmpty())
            return fail(why);
        if (!m_writer.setSourceDigest(value, &error))
            return fail(QStringLiteral("%1: %2").arg(path, error));
    }
    async.stop();
    const qint64 pipelineMs = elapsed.elapsed();
    if (!m_writer.commit(&error))
        return fail(QStringLiteral("%1: %2").arg(path, error));
    qCDebug(lcImportTiming,
            "%s: %lld rows read, mapped and handed to the writer in %lld ms (%lld ms of it handing over usage), "
            "committed at %lld ms",
            qPrintable(path), static_cast<long long>(rows), static_cast<long long>(pipelineMs),
            static_cast<long long>(saasMs), static_cast<long long>(elapsed.elapsed()));

    report.ok = true;
    report.rows = rows;
    for (const auto &[key, p] : pending) {
        if (!report.periodStart.isValid() || p.batch.periodStart < report.periodStart)
            report.periodStart = p.batch.periodStart;
        if (!report.periodEnd.isValid() || p.batch.periodEnd > report.periodEnd)
            report.periodEnd = p.batch.periodEnd;
        if (report.currency.isEmpty())
            report.currency = p.batch.currency;
        else if (!report.currency.split(u',').contains(p.batch.currency))
            report.currency += u',' + p.batch.currency;
    }
    for (const auto &[account, sum] : byAccount)
        report.totalsByAccount.append({account, sum.total().toString()});
    if (negativeRows > 0)
        report.warnings << QStringLiteral("%1 rows have a negative cost without being credits").arg(negativeRows);
    if (clampedRows > 0)
        report.warnings << QStringLiteral("%1 rows were charged outside their billing period; they are dated to the "
                                          "period's nearest day")
                               .arg(clampedRows);
    if (progress)
        progress(1.0, QStringLiteral("Imported %1").arg(QFileInfo(path).fileName()));
    return report;
}

} // namespace costscope::import
