#include "views/import/ImportReportDialog.h"

#include "model/Money.h"
#include "views/common/TableExport.h"
#include "views/import/ImportReportText.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace costscope::views {

ImportReportDialog::ImportReportDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("importReport"));
    setWindowTitle(tr("Import report"));
    auto *layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("importReportSummary"));
    m_summary->setWordWrap(true);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_table = new QTableWidget(0, ColumnCount, splitter);
    m_table->setObjectName(QStringLiteral("importReportTable"));
    installTableExport(m_table, QStringLiteral("import-report"));
    m_table->setHorizontalHeaderLabels({tr("File"), tr("Result"), tr("Format"), tr("Rows"), tr("Billing period"),
                                        tr("Billed total"), tr("Warnings")});
    {
        const QStringList names{QStringLiteral("file"), QStringLiteral("result"), QStringLiteral("format"),
                                QStringLiteral("rows"), QStringLiteral("billing_period"), QStringLiteral("billed_total"),
                                QStringLiteral("warnings")};
        for (int c = 0; c < names.size(); ++c)
            m_table->horizontalHeaderItem(c)->setData(ExportValueRole, names[c]);
    }
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_details = new QTextBrowser(splitter);
    m_details->setObjectName(QStringLiteral("importReportDetails"));
    m_details->setOpenLinks(false);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_copy = buttons->addButton(tr("Copy as text"), QDialogButtonBox::ActionRole);
    m_copy->setObjectName(QStringLiteral("importReportCopy"));
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("importReportClose"));
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_copy, &QPushButton::clicked, this, &ImportReportDialog::copyToClipboard);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ImportReportDialog::showDetails);
    resize(980, 600);
}

void ImportReportDialog::setReports(const std::vector<ImportFileReport> &reports, const QString &workspacePath)
{
    m_reports = reports;
    m_workspacePath = workspacePath;
    m_summary->setText(ImportReportText::summary(m_reports));
    m_table->clearContents();
    m_table->setRowCount(static_cast<int>(m_reports.size()));
    const QIcon okIcon = style()->standardIcon(QStyle::SP_DialogApplyButton);
    const QIcon failIcon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warnIcon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    int firstFailed = -1;
    int firstWarning = -1;
    for (int row = 0; row < static_cast<int>(m_reports.size()); ++row) {
        const ImportFileReport &r = m_reports[static_cast<size_t>(row)];
        const ImportReportText::Status s = ImportReportText::status(r);
        const bool imported = s == ImportReportText::Status::Imported;
        const bool failed = s == ImportReportText::Status::Failed || s == ImportReportText::Status::Cancelled;
        auto *file = new QTableWidgetItem(QFileInfo(r.path).fileName());
        file->setToolTip(r.path);
        auto *result = new QTableWidgetItem(ImportReportText::statusText(s));
        result->setIcon(failed ? failIcon : (r.warnings.isEmpty() ? okIcon : warnIcon));
        if (failed)
            result->setToolTip(r.error);
        auto *rows = new QTableWidgetItem(imported ? QLocale().toString(static_cast<qlonglong>(r.rows)) : QString());
        rows->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto *total = new QTableWidgetItem(ImportReportText::totalText(r));
        if (imported) {
            rows->setData(ExportValueRole, static_cast<qlonglong>(r.rows));
            if (const std::optional<int64_t> nanos = ImportReportText::totalNanos(r)) {
                total->setData(ExportValueRole, Money::fromNanos(*nanos).toString(2));
                total->setData(ExportCurrencyRole, r.currency);
            }
        }
        file->setData(ExportValueRole, r.path);
        total->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        // Warnings of a file that was not imported would only distract from its error.
        auto *warnings = new QTableWidgetItem(r.warnings.isEmpty() || failed
                                                  ? QString()
                                                  : ImportReportText::warningsText(static_cast<int>(r.warnings.size())));
        warnings->setToolTip(r.warnings.join(u'\n'));
        m_table->setItem(row, FileColumn, file);
        m_table->setItem(row, ResultColumn, result);
        m_table->setItem(row, FormatColumn, new QTableWidgetItem(imported ? r.format : QString()));
        m_table->setItem(row, RowsColumn, rows);
        auto *period = new QTableWidgetItem(imported ? ImportReportText::periodText(r) : QString());
        if (imported && r.periodStart.isValid() && r.periodEnd > r.periodStart) // ISO 8601 interval, last day included
            period->setData(ExportValueRole, QString(r.periodStart.toString(Qt::ISODate) + u'/'
                                                     + r.periodEnd.addDays(-1).toString(Qt::ISODate)));
        m_table->setItem(row, PeriodColumn, period);
        m_table->setItem(row, TotalColumn, total);
        m_table->setItem(row, WarningsColumn, warnings);
        if (firstFailed < 0 && failed)
            firstFailed = row;
        if (firstWarning < 0 && imported && !r.warnings.isEmpty())
            firstWarning = row;
    }
    m_table->resizeColumnsToContents();
    // Long file names and paths must not push the other columns out of sight.
    if (m_table->columnWidth(FileColumn) > 320)
        m_table->setColumnWidth(FileColumn, 320);
    m_details->clear();
    if (!m_reports.empty())
        m_table->selectRow(firstFailed >= 0 ? firstFailed : (firstWarning >= 0 ? firstWarning : 0));
}

QString ImportReportDialog::plainText() const { return ImportReportText::plainText(m_reports, m_workspacePath); }

void ImportReportDialog::copyToClipboard() { QApplication::clipboard()->setText(plainText()); }

void ImportReportDialog::showDetails()
{
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    if (selected.isEmpty()) {
        m_details->clear();
        return;
    }
    const int row = selected.first()->row();
    if (row < 0 || row >= static_cast<int>(m_reports.size()))
        return;
    m_details->setHtml(ImportReportText::detailsHtml(m_reports[static_cast<size_t>(row)]));
}

} // namespace costscope::views
