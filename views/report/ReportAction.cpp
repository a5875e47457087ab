#include "views/report/ReportAction.h"

#include "model/report/MonthlyReport.h"
#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"
#include "views/common/Dialogs.h"
#include "views/common/DisplayCurrency.h"
#include "views/common/JobRunner.h"
#include "views/experiments/ExperimentData.h"
#include "views/report/ReportPdf.h"

#include <QAction>
#include <QDir>
#include <QMenu>

#include <memory>

namespace costscope::views {

QAction *addReportAction(QMenu *menu, QWidget *parent, JobRunner *jobs, std::function<QString()> workspacePath,
                         std::function<QDate()> today)
{
    QAction *action = menu->addAction(QObject::tr("&Report (PDF)\u2026"));
    action->setObjectName(QStringLiteral("actionReport"));
    QObject::connect(action, &QAction::triggered, parent, [parent, jobs, workspacePath, today]() {
        const QString workspace = workspacePath();
        const QDate day = today ? today() : QDate::currentDate();
        // The months with data, newest first.
        QStringList months;
        {
            store::CostStore s;
            if (s.openReadOnly(workspace)) {
                const store::DataRange range = store::CostQuery(s).dataRange();
                if (!range.isEmpty()) {
                    const QDate last = std::min(range.last, day);
                    for (QDate m(last.year(), last.month(), 1); m >= QDate(range.first.year(), range.first.month(), 1);
                         m = m.addMonths(-1))
                        months << m.toString(QStringLiteral("yyyy-MM"));
                }
            }
        }
        if (months.isEmpty()) {
            showInformation(parent, QObject::tr("Report"), QObject::tr("The workspace holds no cost data yet."));
            return;
        }
        const QString month = askItem(parent, QObject::tr("Monthly report"), QObject::tr("Month:"), months);
        if (month.isEmpty())
            return;
        const QString path = askSaveFileName(
            parent, QObject::tr("Save the monthly report"),
            QDir::home().filePath(QStringLiteral("costscope-report-%1.pdf").arg(month)), QObject::tr("PDF (*.pdf)"));
        if (path.isEmpty())
            return;
        const QDate first = QDate::fromString(month + QStringLiteral("-01"), Qt::ISODate);
        auto written = std::make_shared<QString>();
        const QString currency = displayCurrencySetting(); // empty: the main currency
        jobs->start(
            QObject::tr("Monthly report %1").arg(month),
            [workspace, path, first, day, written, currency](const ProgressFn &progress, const CancelFn &, QString *error) {
                store::CostStore s;
                if (!s.open(workspace, error))
                    return false;
                report::MonthlyReportOptions o;
                o.month = first;
                o.today = day;
                o.currency = currency;
                o.recommendations = [&s] { return openRecommendations(s); };
                o.mlCost = [&s, currency](const QDate &from, const QDate &to, int64_t nowMs) {
                    return monthMlCost(s.db(), from, to, nowMs, 10, currency); // as the Experiments tab
                };
                const report::MonthlyReport r = report::buildMonthlyReport(s, o, progress);
                if (!r.error.isEmpty()) {
                    *error = r.error;
                    return false;
                }
                if (!writeReportPdf(r, path, error))
                    return false;
                *written = path;
                return true;
            },
            parent,
            [parent, written](const JobRunner::Outcome &outcome) {
                if (!outcome.ok && !outcome.cancelled)
                    showWarning(parent, QObject::tr("Report"), QObject::tr("The report was not written: %1").arg(outcome.error));
                else if (outcome.ok)
                    showInformation(parent, QObject::tr("Report"), QObject::tr("The report was written to %1.").arg(*written));
            });
    });
    return action;
}

} // namespace costscope::views
