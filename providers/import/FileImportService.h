#pragma once

#include "model/Services.h"

namespace costscope::import {

// The ImportService the window and the command line use: opens its own connection to the
// workspace, expands folders (recursively: .csv, .gz, CUR manifests), and imports each file
// in its own transaction. The data files a manifest names are imported with the manifest,
// not on their own.
class FileImportService : public ImportService
{
public:
    std::vector<ImportFileReport> importPaths(const QString &workspacePath, const QStringList &paths,
                                              const ProgressFn &progress, const CancelFn &cancelled) override;

    // The files importPaths() would import for these paths, in order.
    static QStringList expandPaths(const QStringList &paths, QStringList *missing = nullptr);
};

} // namespace costscope::import
