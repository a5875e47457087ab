#pragma once

#include "model/Services.h"

#include <QCoreApplication>
#include <QString>

#include <optional>
#include <vector>

namespace costscope::views {

// The words of an import report, shared by the report dialog, its "Copy as text" and the
// status bar, so all three say the same thing.
class ImportReportText
{
    Q_DECLARE_TR_FUNCTIONS(ImportReportText)
public:
    enum class Status { Imported, Unchanged, Failed, Cancelled };

    static Status status(const ImportFileReport &report);
    static QString statusText(Status status);
    // "1 file", "3 files"; "1 warning", "2 warnings"
    static QString filesText(int n);
    static QString warningsText(int n);
    // "September 2024", "September – October 2024", or days when the period is not whole months.
    static QString periodText(const ImportFileReport &report);
    // The billed total of the file in its currency, or nothing when it spans several currencies.
    static std::optional<int64_t> totalNanos(const ImportFileReport &report);
    static QString totalText(const ImportFileReport &report);
    // What the user can do about a failed file.
    static QString advice(const ImportFileReport &report);
    // "3 files: 1 imported (1,000 rows), 1 unchanged, 1 failed"
    static QString summary(const std::vector<ImportFileReport> &reports);
    // Plain text of the whole report, for the clipboard.
    static QString plainText(const std::vector<ImportFileReport> &reports, const QString &workspacePath);
    // Details of one file as simple rich text.
    static QString detailsHtml(const ImportFileReport &report);
};

} // namespace costscope::views
