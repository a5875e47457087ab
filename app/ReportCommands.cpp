#include "app/ReportCommands.h"

#include "app/Translations.h"
#include "app/Unconverted.h"
#include "app/Workspace.h"
#include "model/CurrencyRates.h"
#include "model/Money.h"
#include "model/report/MonthlyReport.h"
#include "model/store/CostStore.h"
#include "views/experiments/ExperimentData.h"
#include "views/report/ReportPdf.h"

#include <QCoreApplication>
#include <QTranslator>

namespace costscope::app {

namespace {

QString value(const CommandOptions &o, const QString &name)
{
    auto it = o.options.find(name);
    return it == o.options.end() ? QString() : it->second;
}

} // namespace

QString reportUsage()
{
    return QStringLiteral(
        "  report --pdf FILE [--month YYYY-MM] [--currency CODE] [--language en|zh_CN]\n"
        "                                                     the monthly FinOps report as PDF (default: the\n"
        "                                                     month of the last day with data; amounts in CODE,\n"
        "                                                     default the main currency, others converted;\n"
        "                                                     the PDF's language, default English)\n");
}

int runReportCommand(const CommandOptions &o, const QDate &today, QTextStream &out, QTextStream &err)
{
    const QString pdf = value(o, QStringLiteral("pdf"));
    if (pdf.isEmpty()) {
        err << "costscope: report: --pdf FILE is required\n";
        return 2;
    }
    report::MonthlyReportOptions options;
    options.today = today;
    if (o.options.count(QStringLiteral("month"))) {
        const QString text = value(o, QStringLiteral("month"));
        options.month = QDate::fromString(text + QStringLiteral("-01"), Qt::ISODate);
        if (text.size() != 7 || !options.month.isValid()) {
            err << "costscope: report: --month must be a month YYYY-MM\n";
            return 2;
        }
    }
    if (o.options.count(QStringLiteral("currency"))) {
        options.currency = normalizedCurrencyCode(value(o, QStringLiteral("currency")));
        if (options.currency.isEmpty()) {
            err << "costscope: report: --currency must be a three-letter currency code\n";
            return 2;
        }
    }
    // --language: the PDF's language for this run only (this verb's own output stays English,
    // as the rest of the command line); the translator is removed when it goes out of scope.
    QTranslator translator;
    if (o.options.count(QStringLiteral("language"))) {
        const QString language = value(o, QStringLiteral("language"));
        if (language != u"en" && language != u"zh_CN") {
            err << "costscope: report: --language must be en or zh_CN\n";
            return 2;
        }
        if (language != u"en") {
            if (!loadTranslation(&translator, language)) {
                err << "costscope: report: the " << language << " translation is missing from this build\n";
                return 1;
            }
            QCoreApplication::installTranslator(&translator);
        }
    }
    store::CostStore store;
    const QString path = o.workspace.isEmpty() ? defaultWorkspacePath() : o.workspace;
    QString error;
    if (!store.open(path, &error)) {
        err << "costscope: " << error << '\n';
        return 1;
    }
    options.recommendations = [&store] { return views::openRecommendations(store); };
    options.mlCost = [&store, currency = options.currency](const QDate &from, const QDate &to, int64_t nowMs) {
        return views::monthMlCost(store.db(), from, to, nowMs, 10, currency); // as the Experiments tab
    };
    const report::MonthlyReport r = report::buildMonthlyReport(store, options);
    if (!r.error.isEmpty()) {
        err << "costscope: report: " << r.error << '\n';
        return 1;
    }
    if (!views::writeReportPdf(r, pdf, &error)) {
        err << "costscope: report: " << error << '\n';
        return 1;
    }
    out << "wrote " << pdf << ": " << r.month.toString(QStringLiteral("yyyy-MM")) << ", total "
        << Money::fromNanos(r.total).toString(2) << ' ' << r.currency << '\n';
    out << notCountedLines(r.unconverted, r.currency, QStringLiteral("not counted"));
    return 0;
}

} // namespace costscope::app
