#include "views/import/ImportReportText.h"

#include "model/Money.h"
#include "views/common/ChartStyle.h"
#include "views/common/MonthText.h"

#include <QDateTime>
#include <QFileInfo>
#include <QLocale>
#include <QStringList>

namespace costscope::views {

namespace {

QString monthText(const QDate &d) { return monthYearText(d); }

QString rowsText(int64_t rows) { return QLocale().toString(static_cast<qlonglong>(rows)); }

QString sizeText(int64_t bytes) { return QLocale().formattedDataSize(bytes); }

// One label/value line of the details table.
QString htmlRow(const QString &label, const QString &value)
{
    return QStringLiteral("<tr><td style=\"padding-right:12px\"><b>") + label.toHtmlEscaped() +
           QStringLiteral("</b></td><td>") + value.toHtmlEscaped() + QStringLiteral("</td></tr>");
}

} // namespace

QString ImportReportText::filesText(int n) { return n == 1 ? tr("1 file") : tr("%1 files").arg(n); }

QString ImportReportText::warningsText(int n) { return n == 1 ? tr("1 warning") : tr("%1 warnings").arg(n); }

ImportReportText::Status ImportReportText::status(const ImportFileReport &report)
{
    if (report.ok)
        return report.unchanged ? Status::Unchanged : Status::Imported;
    // The importer says "cancelled" in its one-line error when the user stopped it.
    return report.error.contains(QStringLiteral("cancelled")) ? Status::Cancelled : Status::Failed;
}

QString ImportReportText::statusText(Status s)
{
    switch (s) {
    case Status::Imported:
        return tr("Imported");
    case Status::Unchanged:
        return tr("Unchanged (imported before)");
    case Status::Failed:
        return tr("Failed");
    case Status::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

QString ImportReportText::periodText(const ImportFileReport &report)
{
    const QDate start = report.periodStart;
    const QDate end = report.periodEnd; // exclusive
    if (!start.isValid() || !end.isValid() || end <= start)
        return {};
    if (start.day() == 1 && end.day() == 1) {
        const QDate lastMonth = end.addMonths(-1);
        if (lastMonth == start)
            return monthText(start);
        return tr("%1 \u2013 %2").arg(monthText(start), monthText(lastMonth));
    }
    return tr("%1 \u2013 %2").arg(QLocale().toString(start, QLocale::ShortFormat),
                                  QLocale().toString(end.addDays(-1), QLocale::ShortFormat));
}

std::optional<int64_t> ImportReportText::totalNanos(const ImportFileReport &report)
{
    if (report.currency.contains(u','))
        return std::nullopt;
    int64_t sum = 0;
    for (const auto &[account, amount] : report.totalsByAccount) {
        const std::optional<Money> m = Money::parse(QStringView(amount));
        if (!m)
            return std::nullopt;
        sum += m->nanos();
    }
    return sum;
}

QString ImportReportText::totalText(const ImportFileReport &report)
{
    if (status(report) != Status::Imported)
        return {};
    const std::optional<int64_t> total = totalNanos(report);
    if (!total)
        return tr("several currencies (%1)").arg(report.currency);
    return moneyText(*total, report.currency);
}

QString ImportReportText::advice(const ImportFileReport &report)
{
    const QString e = report.error;
    if (status(report) == Status::Cancelled)
        return tr("The import was cancelled before this file was finished, so nothing from it was written. "
                  "Import the file again to finish.");
    if (e.contains(QStringLiteral("unknown format")))
        return tr("Nothing from this file was written. Costscope reads FOCUS, AWS Cost and Usage Report, Azure cost "
                  "details, Google Cloud billing export and Oracle Cloud cost report files (CSV, plain or .gz). "
                  "Export the bill in one of these formats and import it again.");
    if (e.contains(QStringLiteral("cannot open the workspace")))
        return tr("Nothing was written. Check that the workspace file is writable and not open in another program, "
                  "then import again.");
    if (e.contains(QStringLiteral("gzip")))
        return tr("Nothing from this file was written. The compressed file is damaged or incomplete: download it "
                  "again and import the new copy.");
    if (e.contains(QStringLiteral("line ")))
        return tr("Nothing from this file was written; the workspace is as it was. Correct the value at the line "
                  "and column named above (or export the bill again from the cloud console) and import the file again.");
    return tr("Nothing from this file was written. Check that the file exists and can be read, then import it again.");
}

QString ImportReportText::summary(const std::vector<ImportFileReport> &reports)
{
    int imported = 0, unchanged = 0, failed = 0, cancelled = 0;
    int64_t rows = 0;
    for (const ImportFileReport &r : reports) {
        switch (status(r)) {
        case Status::Imported:
            ++imported;
            rows += r.rows;
            break;
        case Status::Unchanged:
            ++unchanged;
            break;
        case Status::Failed:
            ++failed;
            break;
        case Status::Cancelled:
            ++cancelled;
            break;
        }
    }
    if (reports.empty())
        return tr("No billing files were found (Costscope reads .csv, .gz and CUR manifest .json files).");
    QStringList parts;
    if (imported > 0)
        parts << tr("%1 imported (%2)").arg(imported).arg(rows == 1 ? tr("1 row") : tr("%1 rows").arg(rowsText(rows)));
    if (unchanged > 0)
        parts << tr("%1 unchanged").arg(unchanged);
    if (failed > 0)
        parts << tr("%1 failed").arg(failed);
    if (cancelled > 0)
        parts << tr("%1 cancelled").arg(cancelled);
    return tr("%1: %2").arg(filesText(static_cast<int>(reports.size())), parts.join(QStringLiteral(", ")));
}

QString ImportReportText::plainText(const std::vector<ImportFileReport> &reports, const QString &workspacePath)
{
    QStringList lines;
    lines << tr("Costscope import report, %1").arg(QLocale().toString(QDateTime::currentDateTime(), QLocale::ShortFormat));
    lines << tr("Workspace: %1").arg(workspacePath);
    lines << summary(reports);
    for (const ImportFileReport &r : reports) {
        const Status s = status(r);
        lines << QString();
        lines << QFileInfo(r.path).fileName() + QStringLiteral(": ") + statusText(s);
        lines << QStringLiteral("  ") + tr("Path: %1").arg(r.path);
        if (r.bytes > 0)
            lines << QStringLiteral("  ") + tr("Size: %1").arg(sizeText(r.bytes));
        if (s == Status::Imported) {
            lines << QStringLiteral("  ") + tr("Format: %1").arg(r.format);
            lines << QStringLiteral("  ") + tr("Rows: %1").arg(rowsText(r.rows));
            lines << QStringLiteral("  ") + tr("Billing period: %1").arg(periodText(r));
            lines << QStringLiteral("  ") + tr("Billed total: %1").arg(totalText(r));
            if (!r.totalsByAccount.isEmpty()) {
                lines << QStringLiteral("  ") + tr("By billing account:");
                for (const auto &[account, amount] : r.totalsByAccount)
                    lines << QStringLiteral("    ") + account + QStringLiteral(": ") + amount + u' ' + r.currency;
            }
        } else if (s == Status::Unchanged) {
            lines << QStringLiteral("  ") + tr("This file was imported before; nothing was written.");
        } else {
            lines << QStringLiteral("  ") + tr("Error: %1").arg(r.error);
            lines << QStringLiteral("  ") + tr("What to do: %1").arg(advice(r));
        }
        if (!r.warnings.isEmpty()) {
            lines << QStringLiteral("  ") + tr("Warnings:");
            for (const QString &w : r.warnings)
                lines << QStringLiteral("    - ") + w;
        }
    }
    return lines.join(u'\n') + u'\n';
}

QString ImportReportText::detailsHtml(const ImportFileReport &report)
{
    const Status s = status(report);
    QString html = QStringLiteral("<h3>") + QFileInfo(report.path).fileName().toHtmlEscaped() + QStringLiteral("</h3>");
    html += QStringLiteral("<table>");
    html += htmlRow(tr("Result"), statusText(s));
    html += htmlRow(tr("Path"), report.path);
    if (report.bytes > 0)
        html += htmlRow(tr("Size"), sizeText(report.bytes));
    if (s == Status::Imported) {
        html += htmlRow(tr("Format"), report.format);
        html += htmlRow(tr("Rows"), rowsText(report.rows));
        html += htmlRow(tr("Billing period"), periodText(report));
        html += htmlRow(tr("Billed total"), totalText(report));
    }
    html += QStringLiteral("</table>");
    if (s == Status::Unchanged)
        html += QStringLiteral("<p>") +
                tr("This file was imported before (same content), so nothing was written. The data is already in "
                   "the workspace.")
                    .toHtmlEscaped() +
                QStringLiteral("</p>");
    if (s == Status::Failed || s == Status::Cancelled) {
        html += QStringLiteral("<p><b>") + tr("What failed:").toHtmlEscaped() + QStringLiteral("</b> ") +
                report.error.toHtmlEscaped() + QStringLiteral("</p>");
        html += QStringLiteral("<p><b>") + tr("What to do:").toHtmlEscaped() + QStringLiteral("</b> ") +
                advice(report).toHtmlEscaped() + QStringLiteral("</p>");
    }
    if (s == Status::Imported && !report.totalsByAccount.isEmpty()) {
        html += QStringLiteral("<h4>") + tr("Billed total by billing account").toHtmlEscaped() +
                QStringLiteral("</h4><table>");
        for (const auto &[account, amount] : report.totalsByAccount) {
            const std::optional<Money> m = Money::parse(QStringView(amount));
            const QString value =
                m && !report.currency.contains(u',') ? moneyText(m->nanos(), report.currency) : amount;
            html += htmlRow(account.isEmpty() ? tr("(no account id)") : account, value);
        }
        html += QStringLiteral("</table>");
    }
    if (!report.warnings.isEmpty()) {
        html += QStringLiteral("<h4>") + tr("Warnings").toHtmlEscaped() + QStringLiteral("</h4><ul>");
        for (const QString &w : report.warnings)
            html += QStringLiteral("<li>") + w.toHtmlEscaped() + QStringLiteral("</li>");
        html += QStringLiteral("</ul>");
    }
    return html;
}

} // namespace costscope::views
