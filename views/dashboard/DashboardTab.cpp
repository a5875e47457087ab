#include "views/dashboard/DashboardTab.h"

#include "views/common/ChartStyle.h"
#include "views/common/DisplayCurrency.h"
#include "views/common/MonthText.h"
#include "views/common/QueryRunner.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace costscope::views {

namespace {

QLabel *makeLabel(const QString &objectName, QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setObjectName(objectName);
    return l;
}

// A figure card: a caption, a large value and a note under it.
QFrame *makeCard(const QString &caption, QLabel *value, QLabel *note, QWidget *parent)
{
    auto *card = new QFrame(parent);
    card->setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(card);
    layout->setContentsMargins(14, 10, 14, 10);
    layout->setSpacing(2);
    auto *cap = new QLabel(caption, card);
    QFont capFont = cap->font();
    capFont.setBold(true);
    cap->setFont(capFont);
    QFont big = value->font();
    big.setPointSizeF(big.pointSizeF() * 1.9);
    big.setBold(true);
    value->setFont(big);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    note->setWordWrap(true);
    layout->addWidget(cap);
    layout->addWidget(value);
    layout->addWidget(note);
    layout->addStretch(1);
    return card;
}

QChartView *makeChartView(const QString &objectName, QWidget *parent)
{
    auto *v = new QChartView(parent);
    v->setObjectName(objectName);
    v->setRenderHint(QPainter::Antialiasing);
    v->setMinimumHeight(180);
    return v;
}

QString dayRange(const QDate &from, const QDate &toExclusive)
{
    const QLocale locale;
    const QDate last = toExclusive.addDays(-1);
    if (from == last)
        return locale.toString(from, shortDayFormat());
    return locale.toString(from, shortDayFormat()) + QStringLiteral("\u2013") +
           locale.toString(last, shortDayFormat());
}

} // namespace

DashboardTab::DashboardTab(const QueryRunner &queries, std::function<QDate()> today, QWidget *parent)
    : QWidget(parent), m_queries(queries), m_today(std::move(today))
{
    setObjectName(QStringLiteral("dashboardTab"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    outer->addWidget(m_stack);

    m_empty = makeLabel(QStringLiteral("dashboardEmpty"), m_stack);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setText(tr("Loading\u2026"));
    m_stack->addWidget(m_empty);

    auto *page = new QWidget(m_stack);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(10, 8, 10, 8);

    auto *header = new QHBoxLayout;
    m_asOf = makeLabel(QStringLiteral("dashboardAsOf"), page);
    m_currencyNote = makeLabel(QStringLiteral("dashboardCurrencyNote"), page);
    m_currencyNote->setWordWrap(true);
    header->addWidget(m_asOf);
    header->addStretch(1);
    header->addWidget(m_currencyNote);
    layout->addLayout(header);

    auto *cards = new QHBoxLayout;
    m_mtd = makeLabel(QStringLiteral("dashboardMonthToDate"), page);
    m_mtdChange = makeLabel(QStringLiteral("dashboardMonthToDateChange"), page);
    m_forecast = makeLabel(QStringLiteral("dashboardForecast"), page);
    m_forecastChange = makeLabel(QStringLiteral("dashboardForecastChange"), page);
    m_lastMonth = makeLabel(QStringLiteral("dashboardLastMonth"), page);
    m_lastMonthNote = makeLabel(QStringLiteral("dashboardLastMonthNote"), page);
    cards->addWidget(makeCard(tr("Month to date"), m_mtd, m_mtdChange, page), 1);
    QFrame *forecastCard = makeCard(tr("Month-end forecast"), m_forecast, m_forecastChange, page);
    forecastCard->setObjectName(QStringLiteral("dashboardForecastCard"));
    cards->addWidget(forecastCard, 1);
    cards->addWidget(makeCard(tr("Last month"), m_lastMonth, m_lastMonthNote, page), 1);
    layout->addLayout(cards);

    m_dailyChart = makeChartView(QStringLiteral("dashboardDailyChart"), page);
    m_dailyChart->setMinimumHeight(260);
    layout->addWidget(m_dailyChart, 3);

    m_panelsTitle = makeLabel(QStringLiteral("dashboardPanelsTitle"), page);
    QFont bold = m_panelsTitle->font();
    bold.setBold(true);
    m_panelsTitle->setFont(bold);
    layout->addWidget(m_panelsTitle);
    auto *panels = new QGridLayout;
    m_servicesChart = makeChartView(QStringLiteral("dashboardTopServices"), page);
    m_accountsChart = makeChartView(QStringLiteral("dashboardTopAccounts"), page);
    m_regionsChart = makeChartView(QStringLiteral("dashboardRegions"), page);
    panels->addWidget(m_servicesChart, 0, 0);
    panels->addWidget(m_accountsChart, 0, 1);
    panels->addWidget(m_regionsChart, 0, 2);
    layout->addLayout(panels, 2);
    m_stack->addWidget(page);
}

void DashboardTab::setEmptyHint(const QString &text)
{
    m_empty->setText(text);
}

void DashboardTab::reload()
{
    ++*m_generation;
    const QDate today = m_today ? m_today() : QDateTime::currentDateTimeUtc().date();
    const QString currency = displayCurrencySetting();
    m_queries.run<DashboardData>(
        this, [today, currency](store::CostQuery &q) { return computeDashboard(q, today, currency); },
        [this](const DashboardData &d) { apply(d); }, m_generation);
}

void DashboardTab::apply(const DashboardData &data)
{
    m_data = data;
    render();
    if (!data.error.isEmpty())
        Q_EMIT failed(data.error);
    Q_EMIT loaded();
}

void DashboardTab::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_data.empty)
        render();
}

void DashboardTab::render()
{
    const DashboardData &d = m_data;
    if (d.empty) {
        m_stack->setCurrentIndex(0);
        return;
    }
    const QLocale locale;
    const QString cur = d.currency;
    const QDate today = m_today ? m_today() : QDateTime::currentDateTimeUtc().date();
    m_asOf->setText(d.asOf < today ? tr("As of %1, the last day with cost data").arg(locale.toString(d.asOf, QLocale::LongFormat))
                                   : tr("As of today, %1").arg(locale.toString(d.asOf, QLocale::LongFormat)));
    QStringList notes;
    if (!d.otherCurrencies.isEmpty())
        notes << tr("Amounts in %1; costs billed in %2 are not included.").arg(cur, d.otherCurrencies.join(QStringLiteral(", ")));
    if (!d.convertedCurrencies.isEmpty())
        notes << tr("Amounts in %1; costs billed in %2 are converted with the rate table (Edit ▸ Preferences).")
                     .arg(cur, d.convertedCurrencies.join(QStringLiteral(", ")));
    store::CostSeries missing;
    missing.currency = cur;
    missing.unconverted = d.unconverted;
    if (const QString note = unconvertedNote(missing); !note.isEmpty())
        notes << note;
    m_currencyNote->setText(notes.join(u' '));
    // A missing rate is a warning, not a footnote.
    m_currencyNote->setStyleSheet(d.unconverted.empty() ? QString() : QStringLiteral("color: #c0392b; font-weight: 600;"));

    m_mtd->setText(moneyText(d.monthToDate, cur));
    const QString mtdPct = percentChangeText(d.monthToDate, d.lastMonthSameDays);
    m_mtdChange->setText(tr("Day %1 of %2. Same days last month (%3): %4%5")
                             .arg(d.monthStart.daysTo(d.asOf) + 1)
                             .arg(d.monthStart.daysInMonth())
                             .arg(dayRange(d.lastMonthStart, d.lastMonthSameDaysEnd),
                                  moneyText(d.lastMonthSameDays, cur),
                                  mtdPct.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(mtdPct)));

    m_forecast->setText(moneyText(d.forecast, cur));
    const QString fcPct = percentChangeText(d.forecast, d.lastMonthFull);
    m_forecastChange->setText(fcPct.isEmpty() ? tr("Last month had no cost to compare with.")
                                              : tr("%1 against last month").arg(fcPct));
    const QString method =
        tr("Month to date (%1) plus %2 remaining days projected at %3.\n"
           "Each remaining day is the average cost of the same weekday over the last four weeks "
           "(%4 days of history used), so weekly seasonality carries into the projection.")
            .arg(moneyText(d.monthToDate, cur))
            .arg(d.forecastRemainingDays)
            .arg(moneyText(d.forecastRemaining, cur))
            .arg(d.forecastSampleDays);
    for (QWidget *w : {static_cast<QWidget *>(m_forecast), static_cast<QWidget *>(m_forecastChange)})
        w->setToolTip(method);
    if (QWidget *card = findChild<QWidget *>(QStringLiteral("dashboardForecastCard")))
        card->setToolTip(method);

    m_lastMonth->setText(moneyText(d.lastMonthFull, cur));
    m_lastMonthNote->setText(monthYearText(d.lastMonthStart, locale));

    const QPalette pal = palette();
    auto replace = [](QChartView *view, QChart *chart, const QString &title) {
        chart->setTitle(title);
        QFont f = chart->titleFont();
        f.setBold(true);
        chart->setTitleFont(f);
        QChart *old = view->chart();
        view->setChart(chart);
        delete old;
    };
    replace(m_dailyChart, makeStackedCostChart(d.daily, pal),
            tr("Daily cost by provider, last 90 days (%1)").arg(cur));
    m_panelsTitle->setText(tr("Last 30 days, %1 to %2")
                               .arg(locale.toString(d.panelFrom, QLocale::ShortFormat),
                                    locale.toString(d.panelTo.addDays(-1), QLocale::ShortFormat)));
    replace(m_servicesChart, makeRankingChart(d.topServices, cur, pal), tr("Top services"));
    replace(m_accountsChart, makeRankingChart(d.topAccounts, cur, pal), tr("Top accounts"));
    replace(m_regionsChart, makeRankingChart(d.regions, cur, pal), tr("Cost by region"));
    m_stack->setCurrentIndex(1);
}

} // namespace costscope::views
