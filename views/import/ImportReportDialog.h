#pragma once

#include "model/Services.h"

#include <QDialog>

#include <vector>

class QLabel;
class QPushButton;
class QTableWidget;
class QTextBrowser;

namespace costscope::views {

// The outcome of an import: one row per file (result, format, rows, billing period, billed
// total, warnings) and the details of the selected file (totals by billing account, warnings,
// or what failed and what to do). Not modal; "Copy as text" puts the whole report on the clipboard.
class ImportReportDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column { FileColumn, ResultColumn, FormatColumn, RowsColumn, PeriodColumn, TotalColumn, WarningsColumn,
                  ColumnCount };

    explicit ImportReportDialog(QWidget *parent = nullptr);

    void setReports(const std::vector<ImportFileReport> &reports, const QString &workspacePath);
    const std::vector<ImportFileReport> &reports() const { return m_reports; }
    QString plainText() const;

public Q_SLOTS:
    void copyToClipboard();

private:
    void showDetails();

    std::vector<ImportFileReport> m_reports;
    QString m_workspacePath;
    QLabel *m_summary = nullptr;
    QTableWidget *m_table = nullptr;
    QTextBrowser *m_details = nullptr;
    QPushButton *m_copy = nullptr;
};

} // namespace costscope::views
