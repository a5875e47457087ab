#include "views/report/ReportPdf.h"

#include "model/Money.h"
#include "model/store/RecommendationQuery.h"

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
    Pager(QPdfWriter &writer, QPainter &painter, const report::MonthlyReport &r)
        : m_writer(writer), m_p(painter), m_report(r)
    {
        const QRect page = m_p.viewport();
        m_width = page.width();
        m_height = page.height();
        m_footer = m_height - lineHeight(8) * 1.5;
    }

    double width() const { return m_width; }
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
        QFont f(QStringLiteral("DejaVu Sans"));
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
                     QStringLiteral("Bars: this month; dashed line: the month before (%1)").arg(m_report.currency));
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
                     QStringLiteral("Costscope FinOps report %1").arg(m_report.month.toString(QStringLiteral("yyyy-MM"))));
        m_p.drawText(band, Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("Page %1").arg(m_page));
    }

    QPdfWriter &m_writer;
    QPainter &m_p;
    const report::MonthlyReport &m_report;
    double m_width = 0;
    double m_height = 0;
    double m_footer = 0;
    double m_y = 0;
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
        rows.push_back({QStringLiteral("Other (%1)").arg(lines.size() - maxRows), money(cur), money(prev),
                        money(cur - prev), report::changeText(prev, cur)});
    }
    return rows;
}

std::vector<Column> lineColumns(const QString &first)
{
    return {{first, 0.40}, {QStringLiteral("This month"), 0.16, true}, {QStringLiteral("Last month"), 0.16, true},
            {QStringLiteral("Change"), 0.16, true}, {QStringLiteral("%"), 0.12, true}};
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

bool writeReportPdf(const report::MonthlyReport &r, const QString &path, QString *error)
{
    {
        QFile probe(path);
        if (!probe.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            if (error)
                *error = QStringLiteral("cannot write %1: %2").arg(path, probe.errorString());
            return false;
        }
    }
    QPdfWriter writer(path);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(15, 15, 15, 15),
                                     QPageLayout::Millimeter));
    writer.setResolution(144);
    writer.setTitle(QStringLiteral("Costscope FinOps report %1").arg(r.month.toString(QStringLiteral("yyyy-MM"))));
    writer.setCreator(QStringLiteral("Costscope"));
    QPainter painter;
    if (!painter.begin(&writer)) {
        if (error)
            *error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    painter.setRenderHint(QPainter::Antialiasing);
    Pager pg(writer, painter, r);
    const QString cur = r.currency;
    const QLocale c = QLocale::c();

    // Cover.
    pg.skip(pg.lineHeight(10) * 4);
    pg.text(QStringLiteral("Monthly FinOps report"), 26, true, kAccent);
    pg.text(c.monthName(r.month.month()) + u' ' + QString::number(r.month.year()), 18, true);
    pg.skip(pg.lineHeight(10));
    pg.text(QStringLiteral("Period: %1 to %2%3")
                .arg(r.month.toString(Qt::ISODate),
                     r.month.addMonths(1).addDays(-1).toString(Qt::ISODate),
                     r.asOf.isValid() ? QStringLiteral(" (costs up to %1)").arg(r.asOf.toString(Qt::ISODate))
                                      : QStringLiteral(" (no cost data)")),
            10);
    pg.text(QStringLiteral("Scope: ") + r.scope, 10);
    pg.text(QStringLiteral("Amounts in %1 (billed cost)").arg(cur), 10);
    if (!r.otherCurrencies.isEmpty())
        pg.text(QStringLiteral("Not counted: costs in %1").arg(r.otherCurrencies.join(QStringLiteral(", "))), 10, false,
                kUp);
    // Amounts of other currencies with no rate to the report's currency: left out, named.
    for (const store::UnconvertedAmount &u : r.unconverted) {
        QStringList months;
        for (const QDate &m : u.months)
            months << m.toString(QStringLiteral("yyyy-MM"));
        pg.text(QStringLiteral("Not counted (no rate from %1 to %2 for %3): %4 %1")
                    .arg(u.currency, cur, months.join(QStringLiteral(", ")), money(u.nanos)),
                10, false, kUp);
    }
    pg.text(QStringLiteral("Generated %1 by Costscope").arg(r.generated.toString(Qt::ISODate)), 10, false, kMuted);
    pg.skip(pg.lineHeight(10));

    pg.heading(QStringLiteral("Totals"));
    std::vector<QStringList> totals;
    totals.push_back({QStringLiteral("Total this month"), money(r.total) + u' ' + cur, QString()});
    totals.push_back({QStringLiteral("Last month, same days"), money(r.previousSameDays) + u' ' + cur,
                      report::changeText(r.previousSameDays, r.total)});
    totals.push_back({QStringLiteral("Last month, whole"), money(r.previousTotal) + u' ' + cur,
                      report::changeText(r.previousTotal, r.total)});
    if (r.budgetLimit > 0) {
        totals.push_back({QStringLiteral("Budget (top-level pools)"), money(r.budgetLimit) + u' ' + r.budgetCurrency,
                          QStringLiteral("%1% used").arg(QString::number(
                              static_cast<double>(r.budgetMonthToDate) * 100.0 / static_cast<double>(r.budgetLimit), 'f', 1))});
        totals.push_back({QStringLiteral("Budget pools, month to date"), money(r.budgetMonthToDate) + u' ' + r.budgetCurrency, QString()});
        totals.push_back({QStringLiteral("Budget pools, month-end forecast"), money(r.budgetForecast) + u' ' + r.budgetCurrency,
                          r.budgetForecast > r.budgetLimit ? QStringLiteral("over budget") : QStringLiteral("within budget")});
    } else {
        totals.push_back({QStringLiteral("Budget"), QStringLiteral("no pool has a limit"), QString()});
    }
    totals.push_back({QStringLiteral("Open recommendations, savings per month"),
                      money(r.recommendationSavings) + u' ' + cur,
                      QStringLiteral("%1 items").arg(r.recommendations.size())});
    pg.table({{QStringLiteral("Figure"), 0.5}, {QStringLiteral("Amount"), 0.3, true}, {QStringLiteral("Against"), 0.2, true}},
             totals);

    pg.heading(QStringLiteral("Daily cost (%1)").arg(cur));
    pg.dailyChart(r.daily, r.month);

    pg.newPage();
    pg.heading(QStringLiteral("Cost by provider"), std::min<size_t>(r.providers.size(), 10) + 4);
    pg.barChart(r.providers, 10);
    pg.table(lineColumns(QStringLiteral("Provider")), lineRows(r.providers, 20));
    pg.heading(QStringLiteral("Cost by account"), std::min<size_t>(r.accounts.size(), 12) + 4);
    pg.barChart(r.accounts, 12);
    pg.table(lineColumns(QStringLiteral("Account")), lineRows(r.accounts, 25));
    pg.heading(QStringLiteral("Cost by service"), std::min<size_t>(r.services.size(), 12) + 4);
    pg.barChart(r.services, 12);
    pg.table(lineColumns(QStringLiteral("Service")), lineRows(r.services, 25));

    pg.heading(QStringLiteral("Top movers against last month"));
    pg.table(lineColumns(QStringLiteral("Item")), lineRows(r.movers, r.movers.size()));

    pg.heading(QStringLiteral("Anomalies of the month"));
    if (r.anomalies.empty()) {
        pg.text(QStringLiteral("No cost anomaly this month."), 9, false, kMuted);
    } else {
        std::vector<QStringList> rows;
        for (const report::ReportAnomaly &a : r.anomalies)
            rows.push_back({a.day.toString(Qt::ISODate), a.scope, a.label, money(a.expected), money(a.actual),
                            QStringLiteral("%1%2%").arg(a.changePercent >= 0 ? QStringLiteral("+") : QString(),
                                                        QString::number(a.changePercent, 'f', 0))});
        pg.table({{QStringLiteral("Day"), 0.14}, {QStringLiteral("Scope"), 0.1}, {QStringLiteral("What"), 0.38},
                  {QStringLiteral("Expected"), 0.13, true}, {QStringLiteral("Actual"), 0.13, true},
                  {QStringLiteral("Change"), 0.12, true}},
                 rows);
    }

    pg.heading(QStringLiteral("Open recommendations"));
    if (r.recommendations.empty()) {
        pg.text(QStringLiteral("No open recommendation (run them in the Recommendations tab or with costscope recommendations)."),
                9, false, kMuted);
    } else {
        std::vector<QStringList> rows;
        for (size_t i = 0; i < r.recommendations.size() && i < 25; ++i) {
            const report::ReportRecommendation &x = r.recommendations[i];
            rows.push_back({x.module, x.name.isEmpty() ? x.resourceId : x.name, money(x.saving)});
        }
        if (r.recommendations.size() > 25)
            rows.push_back({QStringLiteral("... %1 more").arg(r.recommendations.size() - 25), QString(), QString()});
        rows.push_back({QStringLiteral("Total"), QString(), money(r.recommendationSavings)});
        if (r.recommendationsWithoutRate > 0)
            rows.push_back({QStringLiteral("Left out: %1 with no rate to %2").arg(r.recommendationsWithoutRate).arg(cur),
                            QString(), QString()});
        pg.table({{QStringLiteral("Recommendation"), 0.32}, {QStringLiteral("Resource"), 0.48},
                  {QStringLiteral("Saving / month"), 0.2, true}},
                 rows);
    }

    pg.heading(QStringLiteral("Budget status"));
    if (!r.budgetNote.isEmpty())
        pg.text(r.budgetNote, 9, false, kUp);
    else if (!r.budgets.empty())
        pg.text(QStringLiteral("Amounts in %1").arg(r.budgetCurrency), 9, false, kMuted);
    if (r.budgets.empty()) {
        pg.text(QStringLiteral("No budget pool."), 9, false, kMuted);
    } else {
        std::vector<QStringList> rows;
        for (const report::ReportBudget &b : r.budgets)
            rows.push_back({QString(b.depth * 3, u' ') + b.name, b.limit > 0 ? money(b.limit) : QStringLiteral("-"),
                            money(b.monthToDate), b.percentUsed < 0 ? QString() : QString::number(b.percentUsed, 'f', 1),
                            money(b.forecast), b.status});
        pg.table({{QStringLiteral("Pool"), 0.3}, {QStringLiteral("Limit"), 0.14, true},
                  {QStringLiteral("Month to date"), 0.15, true}, {QStringLiteral("% used"), 0.1, true},
                  {QStringLiteral("Forecast"), 0.15, true}, {QStringLiteral("Status"), 0.16}},
                 rows);
    }
    pg.heading(QStringLiteral("ML experiments' cost"));
    if (r.ml.experiments.empty()) {
        pg.text(QStringLiteral("No ML run started this month."), 9, false, kMuted);
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
        pg.text(QStringLiteral("%1 runs started this month in %2 experiments: %3 %4%5")
                    .arg(r.ml.runCount)
                    .arg(r.ml.experiments.size())
                    .arg(runCost(r.ml.cost, anyEstimate), r.mlCurrency,
                         anyEstimate ? QStringLiteral(" (~: some runs priced from the catalog)") : QString()),
                9);
        std::vector<QStringList> rows;
        for (const report::ReportExperiment &e : r.ml.experiments) {
            const QString best = e.bestRun.isEmpty() ? QStringLiteral("-")
                                                     : QString(e.bestRun + QStringLiteral(": ") + metricText(e.bestMetric));
            const QString primary = e.primaryMetric.isEmpty()
                                        ? QStringLiteral("-")
                                        : QString(e.primaryMetric + (e.maximize ? QStringLiteral(" (max)")
                                                                                : QStringLiteral(" (min)")));
            rows.push_back({e.name, QString::number(e.runCount), runCost(e.cost, e.costEstimate), primary, best});
        }
        pg.table({{QStringLiteral("Experiment"), 0.26}, {QStringLiteral("Runs"), 0.08, true},
                  {QStringLiteral("Cost"), 0.15, true}, {QStringLiteral("Primary metric"), 0.19},
                  {QStringLiteral("Best run"), 0.32}},
                 rows);
        pg.text(QStringLiteral("Top runs by cost"), 10, true);
        rows.clear();
        for (const report::ReportRun &x : r.ml.topRuns)
            rows.push_back({x.name, x.experiment, x.started.toString(Qt::ISODate), x.status,
                            runCost(x.cost, x.costEstimate),
                            x.metricKey.isEmpty() ? QStringLiteral("-")
                                                  : QString(x.metricKey + u' ' + metricText(x.metric)),
                            x.rank > 0 ? QString::number(x.rank) : QStringLiteral("-")});
        pg.table({{QStringLiteral("Run"), 0.20}, {QStringLiteral("Experiment"), 0.17}, {QStringLiteral("Started"), 0.12},
                  {QStringLiteral("Status"), 0.10}, {QStringLiteral("Cost"), 0.09, true},
                  {QStringLiteral("Primary metric"), 0.25, true}, {QStringLiteral("Rank"), 0.07, true}},
                 rows);
    }

    pg.finish();
    if (!painter.end()) {
        if (error)
            *error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    return true;
}

} // namespace costscope::views
