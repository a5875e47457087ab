#include "providers/import/FileImportService.h"

#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "providers/import/FileImporter.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QSet>

#include <algorithm>
#include <vector>

namespace costscope::import {

namespace {

bool isBillingFile(const QString &name)
{
    const QString n = name.toLower();
    return n.endsWith(QStringLiteral(".csv")) || n.endsWith(QStringLiteral(".gz")) || n.endsWith(QStringLiteral(".json"));
}

} // namespace

QStringList FileImportService::expandPaths(const QStringList &paths, QStringList *missing)
{
    QStringList files;
    for (const QString &p : paths) {
        const QFileInfo info(p);
        if (info.isDir()) {
            QStringList found;
            QDirIterator it(p, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString f = it.next();
                if (isBillingFile(f))
                    found << f;
            }
            found.sort();
            // A manifest takes its data files with it; JSON that is not a manifest is skipped.
            QSet<QString> owned;
            QStringList manifests;
            for (const QString &f : found) {
                if (!f.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive))
                    continue;
                if (FileImporter::looksLikeManifest(f)) {
                    manifests << f;
                    QString ignored;
                    for (const QString &d : FileImporter::manifestDataFiles(f, &ignored))
                        owned.insert(QFileInfo(d).absoluteFilePath());
                }
            }
            for (const QString &f : found) {
                if (f.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive)) {
                    if (manifests.contains(f))
                        files << f;
                } else if (!owned.contains(QFileInfo(f).absoluteFilePath())) {
                    files << f;
                }
            }
        } else if (info.exists()) {
            files << p;
        } else {
            files << p; // reported as an error by the importer
            if (missing)
                *missing << p;
        }
    }
    return files;
}

std::vector<ImportFileReport> FileImportService::importPaths(const QString &workspacePath, const QStringList &paths,
                                                             const ProgressFn &progress, const CancelFn &cancelled)
{
    std::vector<ImportFileReport> reports;
    const QStringList files = expandPaths(paths);
    store::CostStore store;
    QString error;
    if (!store.open(workspacePath, &error)) {
        for (const QString &f : files) {
            ImportFileReport r;
            r.path = f;
            r.error = QStringLiteral("%1: cannot open the workspace: %2").arg(f, error);
            reports.push_back(r);
        }
        return reports;
    }
    store::CostWriter writer(store);
    FileImporter importer(writer);
    // The bar moves with the bytes read, so one large file among small ones does not look stuck.
    std::vector<double> sizes;
    double totalSize = 0;
    for (const QString &f : files) {
        qint64 size = QFileInfo(f).size();
        if (FileImporter::looksLikeManifest(f)) {
            QString ignored;
            for (const QString &part : FileImporter::manifestDataFiles(f, &ignored))
                size += QFileInfo(part).size();
        }
        sizes.push_back(static_cast<double>(std::max<qint64>(size, 1)));
        totalSize += sizes.back();
    }
    double done = 0;
    for (qsizetype i = 0; i < files.size(); ++i) {
        if (cancelled && cancelled()) {
            ImportFileReport r;
            r.path = files[i];
            r.error = QStringLiteral("%1: cancelled before it was imported").arg(files[i]);
            reports.push_back(r);
            continue;
        }
        const double base = done / totalSize;
        const double span = sizes[static_cast<size_t>(i)] / totalSize;
        done += sizes[static_cast<size_t>(i)];
        ProgressFn fileProgress;
        if (progress)
            fileProgress = [&](double f, const QString &message) { progress(base + f * span, message); };
        reports.push_back(importer.importFile(files[i], fileProgress, cancelled));
    }
    return reports;
}

} // namespace costscope::import
