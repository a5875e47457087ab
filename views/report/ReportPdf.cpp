#include "views/report/ReportPdf.h"

#include "model/Money.h"
#include "model/analysis/recommendations/RecommendationEngine.h"
#include "model/store/RecommendationQuery.h"
#include "views/common/MonthText.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QFontMetricsF>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>

#include <algorithm>
#include <cstdlib>

namespace costscope::views {

namespace {

// Declared like a class so that lupdate files these strings under the context used at run time:
// the report is written in the language of the installed translator (the window's, or
// `costscope report --language`); data (names, ids, amounts) stays as it is.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(costscope::views::ReportPdf)
};

// The locale of the report's month names and date order follows the translation, not the
// system: an English report says "March 2026" on any system, a Chinese one "2026年3月".
QLocale reportLocale()
{
    return QLocale(Text::tr("en_US", "the locale (language_TERRITORY) of the report's month names"));
}

QString monthText(const QDate &month) { return monthYearText(month, reportLocale()); }

QString money(int64_t nanos) { return Money::fromNanos(nanos).toString(2); }

const QColor kInk(0x22, 0x22, 0x22);
const QColor kMuted(0x66, 0x66, 0x66);
const QColor kAccent(0x1f, 0x6f, 0xb4);
const QColor kUp(0xc0, 0x39, 0x2b);
const QColor kDown(0x27, 0x8a, 0x4b);
const QColor kRule(0xcc, 0xcc, 0xcc);

struct Column
{
    QString title;
    double width; // share of the page width
    bool right = false;
};

// Lays out blocks top to bottom and starts a new page (with its number) when one does not fit.
class Pager
{
public:
    // pages: the number of pages for the footer ("Page 2 of 7"), 0 when not known yet.
    Pager(QPdfWriter &writer, QPainter &painter, const report::MonthlyReport &r, int pages)
        : m_writer(writer), m_p(painter), m_report(r), m_pages(pages)
    {
        const QRect page = m_p.viewport();
        m_width = page.width();
        m_height = page.height();
        m_footer = m_height - lineHeight(8) * 1.5;
    }

    double width() const { return m_width; }
    int page() const { return m_page; }
    double y() const { return m_y; }
    void skip(double dy) { m_y += dy; }

    void ensure(double height)
    {
        if (m_y + height > m_footer)
            newPage();
    }
    void newPage()
    {
        footer();
        m_writer.newPage();
        ++m_page;
        m_y = 0;
    }
    void finish() { footer(); }

    double lineHeight(double points) const
    {
        QFont f = font(points, false);
        return QFontMetricsF(f, &m_writer).height() * 1.15;
    }
    QFont font(double points, bool bold) const
    {
        // Latin text in DejaVu Sans; Chinese glyphs from a CJK font (fonts-wqy-microhei or Noto
        // CJK, scripts/install-deps.sh), embedded by QPdfWriter like the Latin one.
        QFont f;
        f.setFamilies({QStringLiteral("DejaVu Sans"), QStringLiteral("WenQuanYi Micro Hei"),
                       QStringLiteral("Noto Sans CJK SC"), QStringLiteral("Noto Sans SC"),
                       QStringLiteral("Microsoft YaHei"), QStringLiteral("PingFang SC")});
        f.setStyleHint(QFont::SansSerif);
        f.setPointSizeF(points);
        f.setBold(bold);
        return f;
    }

    void text(const QString &t, double points, bool bold = false, const QColor &color = kInk)
    {
        const double h = lineHeight(points);
        ensure(h);
        m_p.setFont(font(points, bold));
        m_p.setPen(color);
        m_p.drawText(QRectF(0, m_y, m_width, h), Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, t);
        m_y += h;
    }

    // keepLines: lines of what follows that must stay on the heading's page.
    void heading(const QString &t, size_t keepLines = 6)
    {
        ensure(lineHeight(14) * 2 + lineHeight(9) * static_cast<double>(keepLines + 2));
        skip(lineHeight(9) * 0.6);
        text(t, 14, true, kAccent);
        m_p.setPen(QPen(kRule, 1));
        m_p.drawLine(QPointF(0, m_y), QPointF(m_width, m_y));
        skip(lineHeight(9) * 0.3);
    }

    void table(const std::vector<Column> &columns, const std::vector<QStringList> &rows)
    {
        const double h = lineHeight(8.5);
        auto row = [&](const QStringList &cells, bool bold, bool shade) {
            ensure(h);
            if (shade)
                m_p.fillRect(QRectF(0, m_y, m_width, h), QColor(0xf3, 0xf6, 0xfa));
            m_p.setFont(font(8.5, bold));
            m_p.setPen(kInk);
            double x = 0;
            for (size_t c = 0; c < columns.size(); ++c) {
                const double w = columns[c].width * m_width;
                const QRectF cell(x + 10, m_y, w - 20, h);
                const QString t = c < static_cast<size_t>(cells.size()) ? cells[static_cast<qsizetype>(c)] : QString();
                const QString shown = QFontMetricsF(m_p.font(), &m_writer).elidedText(t, Qt::ElideRight, cell.width());
                m_p.drawText(cell, (columns[c].right ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter, shown);
                x += w;
            }
            m_y += h;
        };
        QStringList titles;
        for (const Column &c : columns)
            titles << c.title;
        row(titles, true, false);
        m_p.setPen(QPen(kRule, 1));
        m_p.drawLine(QPointF(0, m_y), QPointF(m_width, m_y));
        for (size_t i = 0; i < rows.size(); ++i) {
            if (m_y + h > m_footer) {
                newPage();
                row(titles, true, false);
            }
            row(rows[i], false, i % 2 == 1);
        }
        skip(h * 0.5);
    }

    // Horizontal bars: one per line, this month solid, the month before as an outline.
    void barChart(const std::vector<report::ReportLine> &lines, size_t maxBars)
    {
        const size_t n = std::min(lines.size(), maxBars);
        if (n == 0)
            return;
        const double h = lineHeight(8);
        ensure(h * static_cast<double>(n) + h);
        int64_t maxValue = 1;
        for (size_t i = 0; i < n; ++i)
            maxValue = std::max({maxValue, lines[i].current, lines[i].previous});
        const double labelW = m_width * 0.3;
        const double barW = m_width * 0.55;
        m_p.setFont(font(8, false));
        for (size_t i = 0; i < n; ++i) {
            const report::ReportLine &l = lines[i];
            const double top = m_y + h * static_cast<double>(i);
            m_p.setPen(kInk);
            m_p.drawText(QRectF(0, top, labelW - 6, h), Qt::AlignRight | Qt::AlignVCenter,
                         QFontMetricsF(m_p.font(), &m_writer).elidedText(l.label, Qt::ElideRight, labelW - 6));
            const double cur = barW * static_cast<double>(std::max<int64_t>(l.current, 0)) / static_cast<double>(maxValue);
            const double prev = barW * static_cast<double>(std::max<int64_t>(l.previous, 0)) / static_cast<double>(maxValue);
            QPainterPath bar;
            bar.addRect(QRectF(labelW, top + h * 0.15, cur, h * 0.7));
            m_p.fillPath(bar, kAccent);
            m_p.setPen(QPen(kMuted, 1.2, Qt::DashLine));
            m_p.drawLine(QPointF(labelW + prev, top + h * 0.05), QPointF(labelW + prev, top + h * 0.95));
            m_p.setPen(kMuted);
            m_p.drawText(QRectF(labelW + cur + 4, top, m_width - labelW - cur - 4, h), Qt::AlignLeft | Qt::AlignVCenter,
                         money(l.current));
        }
        m_y += h * static_cast<double>(n);
        m_p.setFont(font(7, false));
        m_p.setPen(kMuted);
        m_p.drawText(QRectF(labelW, m_y, barW, h), Qt::AlignLeft | Qt::AlignVCenter,
                     Text::tr("Bars: this month; dashed line: the month before (%1)").arg(m_report.currency));
        m_y += h * 1.3;
    }

    // Daily cost of the month as vertical bars with a value axis.
    void dailyChart(const std::vector<int64_t> &daily, const QDate &month)
    {
        if (daily.empty())
            return;
        const double h = m_height * 0.2;
        ensure(h + lineHeight(8) * 2);
        const double axisW = m_width * 0.12;
        const double plotW = m_width - axisW;
        int64_t maxValue = 1;
        for (int64_t v : daily)
            maxValue = std::max(maxValue, v);
        const int days = month.daysInMonth();
        const double slot = plotW / days;
        m_p.setFont(font(7, false));
        for (int t = 0; t <= 4; ++t) {
            const double yy = m_y + h - h * t / 4.0;
            m_p.setPen(QPen(kRule, 0.6));
            m_p.drawLine(QPointF(axisW, yy), QPointF(m_width, yy));
            m_p.setPen(kMuted);
            m_p.drawText(QRectF(0, yy - 8, axisW - 4, 16), Qt::AlignRight | Qt::AlignVCenter,
                         money(maxValue * t / 4));
        }
        QPainterPath bars;
        for (size_t d = 0; d < daily.size(); ++d) {
            const double bh = h * static_cast<double>(std::max<int64_t>(daily[d], 0)) / static_cast<double>(maxValue);
            bars.addRect(QRectF(axisW + slot * static_cast<double>(d) + slot * 0.15, m_y + h - bh, slot * 0.7, bh));
        }
        m_p.fillPath(bars, kAccent);
        m_p.setPen(kMuted);
        for (int d = 1; d <= days; d += (d == 1 ? 4 : 5)) {
            m_p.drawText(QRectF(axisW + slot * (d - 1) - slot, m_y + h + 2, slot * 3, lineHeight(7)),
                         Qt::AlignHCenter | Qt::AlignTop, QString::number(d));
        }
        m_y += h + lineHeight(7) * 1.6;
    }

private:
    void footer()
    {
        m_p.setFont(font(8, false));
        m_p.setPen(kMuted);
        const QRectF band(0, m_height - lineHeight(8), m_width, lineHeight(8));
        m_p.drawText(band, Qt::AlignLeft | Qt::AlignVCenter,
                     Text::tr("Costscope FinOps report, %1").arg(monthText(m_report.month)));
        const QString page = m_pages > 0 ? Text::tr("Page %1 of %2").arg(m_page).arg(m_pages)
                                         : Text::tr("Page %1").arg(m_page);
        m_p.drawText(band, Qt::AlignRight | Qt::AlignVCenter, page);
    }

    QPdfWriter &m_writer;
    QPainter &m_p;
    const report::MonthlyReport &m_report;
    double m_width = 0;
    double m_height = 0;
    double m_footer = 0;
    double m_y = 0;
    int m_pages = 0;
    int m_page = 1;
};

std::vector<QStringList> lineRows(const std::vector<report::ReportLine> &lines, size_t maxRows)
{
    std::vector<QStringList> rows;
    for (size_t i = 0; i < lines.size() && i < maxRows; ++i) {
        const report::ReportLine &l = lines[i];
        rows.push_back({l.label, money(l.current), money(l.previous), money(l.delta()),
                        report::changeText(l.previous, l.current)});
    }
    if (lines.size() > maxRows) {
        int64_t cur = 0, prev = 0;
        for (size_t i = maxRows; i < lines.size(); ++i) {
            cur += lines[i].current;
            prev += lines[i].previous;
        }
        rows.push_back({Text::tr("Other (%1)").arg(lines.size() - maxRows), money(cur), money(prev),
                        money(cur - prev), report::changeText(prev, cur)});
    }
    return rows;
}

std::vector<Column> lineColumns(const QString &first)
{
    return {{first, 0.40}, {Text::tr("This month"), 0.16, true}, {Text::tr("Last month"), 0.16, true},
            {Text::tr("Change"), 0.16, true}, {QStringLiteral("%"), 0.12, true}};
}

// An anomaly's scope (analysis::scopeKindName) in words.
QString scopeText(const QString &scope)
{
    if (scope == u"account")
        return Text::tr("account");
    if (scope == u"service")
        return Text::tr("service");
    if (scope == u"resource")
        return Text::tr("resource");
    return scope;
}

// A budget pool's status (analysis::budgetStatusName) in words, as the Budgets tab shows it.
QString budgetStatusText(const QString &status)
{
    if (status == u"no_limit")
        return Text::tr("No limit");
    if (status == u"ok")
        return Text::tr("OK");
    if (status == u"warning")
        return Text::tr("Warning");
    if (status == u"forecast_over")
        return Text::tr("Forecast over");
    if (status == u"over")
        return Text::tr("Over limit");
    return status;
}

// An MLflow run status: the English report keeps MLflow's words, a translation may say them.
QString runStatusText(const QString &status)
{
    if (status == u"RUNNING")
        return Text::tr("RUNNING");
    if (status == u"FINISHED")
        return Text::tr("FINISHED");
    if (status == u"FAILED")
        return Text::tr("FAILED");
    if (status == u"KILLED")
        return Text::tr("KILLED");
    if (status == u"SCHEDULED")
        return Text::tr("SCHEDULED");
    return status;
}

// A recommendation module's title (translated by the module), its id when unknown.
QString moduleTitle(const QString &id)
{
    const analysis::RecommendationModule *module = analysis::RecommendationEngine::module(id);
    return module ? module->title() : id;
}

} // namespace

std::vector<report::ReportRecommendation> openRecommendations(store::CostStore &store)
{
    store::RecommendationQuery query(store);
    QHash<QString, QHash<QString, int64_t>> dismissed;
    std::vector<report::ReportRecommendation> items;
    for (const store::RecommendationRecord &item : query.lastItems()) {
        if (!dismissed.contains(item.module))
            dismissed.insert(item.module, query.dismissed(item.module));
        if (dismissed.value(item.module).contains(item.resourceId))
            continue;
        items.push_back(report::ReportRecommendation{item.module, item.resourceId, item.name, item.saving.nanos(),
                                                     item.currency, item.detail});
    }
    return items;
}

namespace {

// Lays the report out on `writer`'s pages; returns the number of pages. `pages` is the count
// for the footers (0: not known yet, "Page N" alone).
int layoutReport(const report::MonthlyReport &r, QPdfWriter &writer, QPainter &painter, int pages)
{
    Pager pg(writer, painter, r, pages);
    const QString cur = r.currency;
    const auto amount = [](int64_t nanos, const QString &currency) -> QString {
        return money(nanos) + u' ' + currency;
    };

    // Cover.
    pg.skip(pg.lineHeight(10) * 4);
    pg.text(Text::tr("Monthly FinOps report"), 26, true, kAccent);
    pg.text(monthText(r.month), 18, true);
    pg.skip(pg.lineHeight(10));
    const QString first = r.month.toString(Qt::ISODate);
    const QString last = r.month.addMonths(1).addDays(-1).toString(Qt::ISODate);
    pg.text(r.asOf.isValid() ? Text::tr("Period: %1 to %2 (costs up to %3)").arg(first, last, r.asOf.toString(Qt::ISODate))
                             : Text::tr("Period: %1 to %2 (no cost data)").arg(first, last),
            10);
    pg.text(Text::tr("Scope: %1").arg(r.scope), 10);
    pg.text(Text::tr("Amounts in %1 (billed cost)").arg(cur), 10);
    if (!r.otherCurrencies.isEmpty())
        pg.text(Text::tr("Not counted: costs in %1").arg(r.otherCurrencies.join(QStringLiteral(", "))), 10, false, kUp);
    // Amounts of other currencies with no rate to the report's currency: left out, named.
    for (const store::UnconvertedAmount &u : r.unconverted) {
        QStringList months;
        for (const QDate &m : u.months)
            months << m.toString(QStringLiteral("yyyy-MM"));
        pg.text(Text::tr("Not counted (no rate from %1 to %2 for %3): %4 %1")
                    .arg(u.currency, cur, months.join(QStringLiteral(", ")), money(u.nanos)),
                10, false, kUp);
    }
    pg.text(Text::tr("Generated %1 by Costscope").arg(r.generated.toString(Qt::ISODate)), 10, false, kMuted);
    pg.skip(pg.lineHeight(10));

    pg.heading(Text::tr("Totals"));
    std::vector<QStringList> totals;
    totals.push_back({Text::tr("Total this month"), amount(r.total, cur), QString()});
    totals.push_back({Text::tr("Last month, same days"), amount(r.previousSameDays, cur),
                      report::changeText(r.previousSameDays, r.total)});
    totals.push_back({Text::tr("Last month, whole"), amount(r.previousTotal, cur),
                      report::changeText(r.previousTotal, r.total)});
    if (r.budgetLimit > 0) {
        const QString used = QString::number(
            static_cast<double>(r.budgetMonthToDate) * 100.0 / static_cast<double>(r.budgetLimit), 'f', 1);
        totals.push_back({Text::tr("Budget (top-level pools)"), amount(r.budgetLimit, r.budgetCurrency),
                          Text::tr("%1% used").arg(used)});
        totals.push_back({Text::tr("Budget pools, month to date"), amount(r.budgetMonthToDate, r.budgetCurrency),
                          QString()});
        totals.push_back({Text::tr("Budget pools, month-end forecast"), amount(r.budgetForecast, r.budgetCurrency),
                          r.budgetForecast > r.budgetLimit ? Text::tr("over budget") : Text::tr("within budget")});
    } else {
        totals.push_back({Text::tr("Budget"), Text::tr("no pool has a limit"), QString()});
    }
    totals.push_back({Text::tr("Open recommendations, savings per month"), amount(r.recommendationSavings, cur),
                      Text::tr("%1 items").arg(r.recommendations.size())});
    pg.table({{Text::tr("Figure"), 0.5}, {Text::tr("Amount"), 0.3, true}, {Text::tr("Against"), 0.2, true}}, totals);

    pg.heading(Text::tr("Daily cost (%1)").arg(cur));
    pg.dailyChart(r.daily, r.month);

    pg.newPage();
    pg.heading(Text::tr("Cost by provider"), std::min<size_t>(r.providers.size(), 10) + 4);
    pg.barChart(r.providers, 10);
    pg.table(lineColumns(Text::tr("Provider")), lineRows(r.providers, 20));
    pg.heading(Text::tr("Cost by account"), std::min<size_t>(r.accounts.size(), 12) + 4);
    pg.barChart(r.accounts, 12);
    pg.table(lineColumns(Text::tr("Account")), lineRows(r.accounts, 25));
    pg.heading(Text::tr("Cost by service"), std::min<size_t>(r.services.size(), 12) + 4);
    pg.barChart(r.services, 12);
    pg.table(lineColumns(Text::tr("Service")), lineRows(r.services, 25));

    pg.heading(Text::tr("Top movers against last month"));
    pg.table(lineColumns(Text::tr("Item")), lineRows(r.movers, r.movers.size()));

    pg.heading(Text::tr("Anomalies of the month"));
    if (r.anomalies.empty()) {
        pg.text(Text::tr("No cost anomaly this month."), 9, false, kMuted);
    } else {
        std::vector<QStringList> rows;
        for (const report::ReportAnomaly &a : r.anomalies)
            rows.push_back({a.day.toString(Qt::ISODate), scopeText(a.scope), a.label, money(a.expected), money(a.actual),
                            QStringLiteral("%1%2%").arg(a.changePercent >= 0 ? QStringLiteral("+") : QString(),
                                                        QString::number(a.changePercent, 'f', 0))});
        pg.table({{Text::tr("Day"), 0.14}, {Text::tr("Scope"), 0.1}, {Text::tr("What"), 0.38},
                  {Text::tr("Expected"), 0.13, true}, {Text::tr("Actual"), 0.13, true}, {Text::tr("Change"), 0.12, true}},
                 rows);
    }

    pg.heading(Text::tr("Open recommendations"));
    if (r.recommendations.empty()) {
        pg.text(Text::tr("No open recommendation (run them in the Recommendations tab or with costscope recommendations)."),
                9, false, kMuted);
    } else {
        std::vector<QStringList> rows;
        for (size_t i = 0; i < r.recommendations.size() && i < 25; ++i) {
            const report::ReportRecommendation &x = r.recommendations[i];
            rows.push_back({moduleTitle(x.module), x.name.isEmpty() ? x.resourceId : x.name, money(x.saving)});
        }
        if (r.recommendations.size() > 25)
            rows.push_back({Text::tr("... %1 more").arg(r.recommendations.size() - 25), QString(), QString()});
        rows.push_back({Text::tr("Total"), QString(), money(r.recommendationSavings)});
        if (r.recommendationsWithoutRate > 0)
            rows.push_back({Text::tr("Left out: %1 with no rate to %2").arg(r.recommendationsWithoutRate).arg(cur),
                            QString(), QString()});
        pg.table({{Text::tr("Recommendation"), 0.32}, {Text::tr("Resource"), 0.48},
                  {Text::tr("Saving / month"), 0.2, true}},
                 rows);
    }

    pg.heading(Text::tr("Budget status"));
    if (!r.budgetNote.isEmpty())
        pg.text(r.budgetNote, 9, false, kUp);
    else if (!r.budgets.empty())
        pg.text(Text::tr("Amounts in %1").arg(r.budgetCurrency), 9, false, kMuted);
    if (r.budgets.empty()) {
        pg.text(Text::tr("No budget pool."), 9, false, kMuted);
    } else {
        std::vector<QStringList> rows;
        for (const report::ReportBudget &b : r.budgets)
            rows.push_back({QString(b.depth * 3, u' ') + b.name, b.limit > 0 ? money(b.limit) : QStringLiteral("-"),
                            money(b.monthToDate), b.percentUsed < 0 ? QString() : QString::number(b.percentUsed, 'f', 1),
                            money(b.forecast), budgetStatusText(b.status)});
        pg.table({{Text::tr("Pool"), 0.3}, {Text::tr("Limit"), 0.14, true}, {Text::tr("Month to date"), 0.15, true},
                  {Text::tr("% used"), 0.1, true}, {Text::tr("Forecast"), 0.15, true}, {Text::tr("Status"), 0.16}},
                 rows);
    }
    pg.heading(Text::tr("ML experiments' cost"));
    if (r.ml.experiments.empty()) {
        pg.text(Text::tr("No ML run started this month."), 9, false, kMuted);
    } else {
        const auto runCost = [](int64_t nanos, bool estimate) -> QString {
            return (estimate ? QStringLiteral("~") : QString()) + money(nanos);
        };
        const auto metricText = [](const std::optional<double> &v) -> QString {
            return v ? QString::number(*v, 'g', 6) : QStringLiteral("-");
        };
        bool anyEstimate = false;
        for (const report::ReportExperiment &e : r.ml.experiments)
            anyEstimate = anyEstimate || e.costEstimate;
        const QString runs = QString::number(r.ml.runCount);
        const QString experiments = QString::number(r.ml.experiments.size());
        const QString total = runCost(r.ml.cost, anyEstimate);
        pg.text(anyEstimate ? Text::tr("%1 runs started this month in %2 experiments: %3 %4 (~: some runs priced from "
                                       "the catalog)")
                                  .arg(runs, experiments, total, r.mlCurrency)
                            : Text::tr("%1 runs started this month in %2 experiments: %3 %4")
                                  .arg(runs, experiments, total, r.mlCurrency),
                9);
        std::vector<QStringList> rows;
        for (const report::ReportExperiment &e : r.ml.experiments) {
            const QString best = e.bestRun.isEmpty() ? QStringLiteral("-")
                                                     : QString(e.bestRun + QStringLiteral(": ") + metricText(e.bestMetric));
            const QString primary = e.primaryMetric.isEmpty() ? QStringLiteral("-")
                                    : e.maximize              ? Text::tr("%1 (max)").arg(e.primaryMetric)
                                                              : Text::tr("%1 (min)").arg(e.primaryMetric);
            rows.push_back({e.name, QString::number(e.runCount), runCost(e.cost, e.costEstimate), primary, best});
        }
        pg.table({{Text::tr("Experiment"), 0.26}, {Text::tr("Runs"), 0.08, true}, {Text::tr("Cost"), 0.15, true},
                  {Text::tr("Primary metric"), 0.19}, {Text::tr("Best run"), 0.32}},
                 rows);
        pg.text(Text::tr("Top runs by cost"), 10, true);
        rows.clear();
        for (const report::ReportRun &x : r.ml.topRuns)
            rows.push_back({x.name, x.experiment, x.started.toString(Qt::ISODate), runStatusText(x.status),
                            runCost(x.cost, x.costEstimate),
                            x.metricKey.isEmpty() ? QStringLiteral("-")
                                                  : QString(x.metricKey + u' ' + metricText(x.metric)),
                            x.rank > 0 ? QString::number(x.rank) : QStringLiteral("-")});
        pg.table({{Text::tr("Run"), 0.20}, {Text::tr("Experiment"), 0.17}, {Text::tr("Started"), 0.12},
                  {Text::tr("Status"), 0.10}, {Text::tr("Cost"), 0.09, true}, {Text::tr("Primary metric"), 0.25, true},
                  {Text::tr("Rank"), 0.07, true}},
                 rows);
    }
    pg.finish();
    return pg.page();
}

void setUp(QPdfWriter &writer, const report::MonthlyReport &r)
{
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(15, 15, 15, 15),
                                     QPageLayout::Millimeter));
    writer.setResolution(144);
    writer.setTitle(Text::tr("Costscope FinOps report, %1").arg(monthText(r.month)));
    writer.setCreator(QStringLiteral("Costscope"));
}

} // namespace

bool writeReportPdf(const report::MonthlyReport &r, const QString &path, QString *error)
{
    {
        QFile probe(path);
        if (!probe.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            if (error)
                *error = Text::tr("cannot write %1: %2").arg(path, probe.errorString());
            return false;
        }
    }
    // A first layout into memory counts the pages, so every footer can say "Page 2 of 7".
    int pages = 0;
    {
        QBuffer scratch;
        scratch.open(QIODevice::WriteOnly);
        QPdfWriter counter(&scratch);
        setUp(counter, r);
        QPainter painter;
        if (painter.begin(&counter)) {
            pages = layoutReport(r, counter, painter, 0);
            painter.end();
        }
    }
    QPdfWriter writer(path);
    setUp(writer, r);
    QPainter painter;
    if (!painter.begin(&writer)) {
        if (error)
            *error = Text::tr("cannot write %1").arg(path);
        return false;
    }
    painter.setRenderHint(QPainter::Antialiasing);
    layoutReport(r, writer, painter, pages);
    if (!painter.end()) {
        if (error)
            *error = Text::tr("cannot write %1").arg(path);
        return false;
    }
    return true;
}

} // namespace costscope::views
