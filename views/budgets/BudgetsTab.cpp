#include "views/budgets/BudgetsTab.h"

#include "model/Money.h"
#include "model/store/BudgetSettings.h"
#include "model/store/CostStore.h"
#include "model/store/CurrencyRateStore.h"
#include "views/budgets/ConstraintsDialog.h"
#include "views/budgets/PoolBudgetDialog.h"
#include "views/common/Banner.h"
#include "views/common/ChartStyle.h"
#include "views/common/MonthText.h"
#include "views/common/DisplayCurrency.h"
#include "views/common/TableExport.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineSeries>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace costscope::views {

namespace {

enum Column { NameColumn, LimitColumn, MtdColumn, PercentColumn, ForecastColumn, StatusColumn, ColumnCount };

constexpr int kPoolRole = Qt::UserRole + 1;

double units(int64_t nanos) { return static_cast<double>(nanos) / static_cast<double>(Money::kScale); }

qint64 msecs(const QDate &d) { return d.startOfDay(Qt::UTC).toMSecsSinceEpoch(); }

QString statusText(analysis::BudgetStatus s)
{
    switch (s) {
    case analysis::BudgetStatus::NoLimit: return BudgetsTab::tr("No limit");
    case analysis::BudgetStatus::Ok: return BudgetsTab::tr("OK");
    case analysis::BudgetStatus::Warning: return BudgetsTab::tr("Warning");
    case analysis::BudgetStatus::ForecastOver: return BudgetsTab::tr("Forecast over");
    case analysis::BudgetStatus::Over: return BudgetsTab::tr("Over limit");
    }
    return {};
}

// A tint of the status that reads on light and dark bases; invalid for "no limit".
QColor statusColor(analysis::BudgetStatus s, const QPalette &palette)
{
    const bool dark = isDarkPalette(palette);
    switch (s) {
    case analysis::BudgetStatus::NoLimit: return {};
    case analysis::BudgetStatus::Ok: return dark ? QColor(32, 96, 52) : QColor(204, 238, 210);
    case analysis::BudgetStatus::Warning: return dark ? QColor(118, 100, 24) : QColor(255, 240, 176);
    case analysis::BudgetStatus::ForecastOver: return dark ? QColor(138, 78, 20) : QColor(255, 218, 176);
    case analysis::BudgetStatus::Over: return dark ? QColor(150, 40, 40) : QColor(255, 200, 200);
    }
    return {};
}

QChartView *makeChartView(QWidget *parent)
{
    auto *v = new QChartView(parent);
    v->setObjectName(QStringLiteral("budgetChart"));
    v->setRenderHint(QPainter::Antialiasing);
    v->setMinimumHeight(220);
    return v;
}

} // namespace

BudgetsTab::BudgetsTab(const QueryRunner &queries, store::CostStore &store, std::function<QDate()> today,
                       BudgetPrompts prompts, QWidget *parent)
    : QWidget(parent), m_queries(queries), m_store(store), m_today(std::move(today)), m_prompts(std::move(prompts))
{
    setObjectName(QStringLiteral("budgetsTab"));
    auto *layout = new QVBoxLayout(this);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Month:"), this));
    m_month = new QComboBox(this);
    m_month->setObjectName(QStringLiteral("monthBox"));
    const QDate t = this->today();
    const QDate current(t.year(), t.month(), 1);
    const QLocale locale;
    for (int i = 0; i < 13; ++i) {
        const QDate m = current.addMonths(-i);
        m_month->addItem(monthYearText(m, locale), m);
    }
    top->addWidget(m_month);
    auto button = [this, top](const QString &text, const char *name) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(QString::fromLatin1(name));
        top->addWidget(b);
        return b;
    };
    m_addPool = button(tr("Add pool\u2026"), "addPoolButton");
    m_addChild = button(tr("Add child pool\u2026"), "addChildButton");
    m_rename = button(tr("Rename\u2026"), "renameButton");
    m_remove = button(tr("Remove"), "removeButton");
    m_editBudget = button(tr("Limit, scope, alerts\u2026"), "editBudgetButton");
    m_constraints = button(tr("Constraints\u2026"), "constraintsButton");
    top->addStretch();
    layout->addLayout(top);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("budgetSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_currencyNote = new QLabel(this);
    m_currencyNote->setObjectName(QStringLiteral("budgetCurrencyNote"));
    m_currencyNote->setWordWrap(true);
    m_currencyNote->setStyleSheet(QStringLiteral("color: #c0392b; font-weight: 600;"));
    m_currencyNote->hide();
    layout->addWidget(m_currencyNote);
    m_alertBanner = new Banner(this);
    m_alertBanner->setObjectName(QStringLiteral("budgetAlertBanner"));
    m_alertBanner->hide();
    layout->addWidget(m_alertBanner);

    auto *vertical = new QSplitter(Qt::Vertical, this);
    auto *upper = new QSplitter(Qt::Horizontal, vertical);
    m_tree = new QTreeWidget(upper);
    m_tree->setObjectName(QStringLiteral("poolTree"));
    installTableExport(m_tree, QStringLiteral("budgets"));
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Pool"), tr("Monthly limit"), tr("Month to date"), tr("% used"), tr("Forecast"),
                             tr("Status")});
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(false);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    for (int c = LimitColumn; c < ColumnCount; ++c)
        m_tree->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    auto *chartBox = new QWidget(upper);
    chartBox->setMinimumWidth(560);
    auto *chartLayout = new QVBoxLayout(chartBox);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    m_chart = makeChartView(chartBox);
    chartLayout->addWidget(m_chart, 1);
    m_chartNote = new QLabel(chartBox);
    m_chartNote->setObjectName(QStringLiteral("chartNote"));
    m_chartNote->setWordWrap(true);
    chartLayout->addWidget(m_chartNote);
    upper->setStretchFactor(0, 1);
    upper->setStretchFactor(1, 1);
    // The tree's stretching name column would otherwise take most of the width from the chart.
    upper->setSizes({620, 620});
    m_tree->header()->setMinimumSectionSize(60);

    auto *lower = new QSplitter(Qt::Horizontal, vertical);
    auto *violationsBox = new QGroupBox(tr("Constraint violations"), lower);
    auto *vl = new QVBoxLayout(violationsBox);
    m_violations = new QTreeWidget(violationsBox);
    m_violations->setObjectName(QStringLiteral("violationsTree"));
    installTableExport(m_violations, QStringLiteral("budget-violations"), false);
    m_violations->setHeaderLabels({tr("Constraint"), tr("Pool"), tr("What")});
    m_violations->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_violations->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    vl->addWidget(m_violations);
    auto *alertsBox = new QGroupBox(tr("Alerts this month"), lower);
    auto *al = new QVBoxLayout(alertsBox);
    m_alerts = new QListWidget(alertsBox);
    m_alerts->setObjectName(QStringLiteral("alertsList"));
    m_alerts->setWordWrap(true);
    al->addWidget(m_alerts);
    lower->setStretchFactor(0, 3);
    lower->setStretchFactor(1, 2);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    vertical->setSizes({460, 300});
    layout->addWidget(vertical, 1);

    connect(m_month, &QComboBox::currentIndexChanged, this, [this]() { evaluate(); });
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this]() {
        renderChart();
        updateButtons();
    });
    connect(m_addPool, &QPushButton::clicked, this, [this]() { addPool(false); });
    connect(m_addChild, &QPushButton::clicked, this, [this]() { addPool(true); });
    connect(m_rename, &QPushButton::clicked, this, &BudgetsTab::renameSelected);
    connect(m_remove, &QPushButton::clicked, this, &BudgetsTab::removeSelected);
    connect(m_editBudget, &QPushButton::clicked, this, &BudgetsTab::editSelectedBudget);
    connect(m_constraints, &QPushButton::clicked, this, &BudgetsTab::editConstraints);
    m_summary->setText(tr("Loading budgets\u2026"));
    updateButtons();

    // Alerts while the window sits on another tab (or on a past month): hourly on the worker.
    m_hourly = new QTimer(this);
    m_hourly->setObjectName(QStringLiteral("budgetAlertTimer"));
    m_hourly->setInterval(std::chrono::hours(1));
    connect(m_hourly, &QTimer::timeout, this, &BudgetsTab::checkAlerts);
    m_hourly->start();
}

BudgetsTab::~BudgetsTab() = default;

QDate BudgetsTab::today() const
{
    return m_today ? m_today() : QDateTime::currentDateTimeUtc().date();
}

QDate BudgetsTab::selectedMonth() const { return m_month->currentData().toDate(); }

void BudgetsTab::reload()
{
    m_dirty = true;
    if (isVisible())
        evaluate();
    else
        checkAlerts();
}

void BudgetsTab::checkAlerts()
{
    ++*m_checkGeneration;
    const QDate t = today();
    const QDate month(t.year(), t.month(), 1);
    const int64_t now = m_today ? QDateTime(t.addDays(1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch() - 1
                                : QDateTime::currentSecsSinceEpoch();
    m_queries.run<analysis::BudgetReport>(
        this, [month, t, now](store::CostQuery &q) { return analysis::computeBudgets(q.store(), month, t, now); },
        [this](const analysis::BudgetReport &r) {
            if (r.error.isEmpty() && fireNewAlerts(r)) {
                // The tab's lists show the alerts once it evaluates again.
                m_dirty = true;
                if (isVisible() && selectedMonth() == r.month)
                    evaluate();
            }
            Q_EMIT alertsChecked();
        },
        m_checkGeneration);
}

void BudgetsTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        evaluate();
}

void BudgetsTab::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_report.pools.empty()) {
        fillTree();
        renderChart();
    }
}

void BudgetsTab::evaluate()
{
    m_dirty = false;
    ++*m_generation; // a queued evaluation that has not started yet is skipped
    const QDate month = selectedMonth();
    const QDate t = today();
    // The clock of TTLs and "this month": the end of today (UTC).
    const int64_t now = m_today ? QDateTime(t.addDays(1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch() - 1
                                : QDateTime::currentSecsSinceEpoch();
    m_summary->setText(tr("Evaluating budgets\u2026"));
    m_queries.run<analysis::BudgetReport>(
        this,
        [month, t, now, display = displayCurrencySetting()](store::CostQuery &q) {
            analysis::BudgetReport r = analysis::computeBudgets(q.store(), month, t, now);
            // Evaluated in the limits' currency, shown in the display currency at the month's rate.
            if (r.error.isEmpty() && !display.isEmpty() && display != r.currency) {
                QString why;
                if (!analysis::convertBudgetReport(&r, display, store::CurrencyRateStore(q.store()).load(), &why))
                    r.conversionError = why;
            }
            return r;
        },
        [this](const analysis::BudgetReport &r) { apply(r); }, m_generation);
}

void BudgetsTab::apply(const analysis::BudgetReport &report)
{
    if (!report.error.isEmpty()) {
        m_summary->setText(tr("The budgets could not be evaluated: %1").arg(report.error));
        Q_EMIT failed(tr("Budgets: %1").arg(report.error));
    }
    if (m_wantedSelection.isEmpty())
        m_wantedSelection = selectedPool();
    m_report = report;
    fireNewAlerts(m_report);
    fillTree();
    fillViolations();
    fillAlerts();
    renderChart();
    updateButtons();
    if (report.error.isEmpty()) {
        int over = 0, forecastOver = 0;
        for (const analysis::PoolResult &p : m_report.pools) {
            over += p.status == analysis::BudgetStatus::Over ? 1 : 0;
            forecastOver += p.status == analysis::BudgetStatus::ForecastOver ? 1 : 0;
        }
        const QLocale locale;
        if (m_report.pools.empty())
            m_summary->setText(tr("No pools yet. Add a pool, give it a monthly limit and a scope (or let the assignment "
                                  "rules of the Resources tab put resources in it)."));
        else if (!m_report.asOf.isValid())
            m_summary->setText(tr("%n pool(s); no cost data in this month.", nullptr, static_cast<int>(m_report.pools.size())));
        else
            m_summary->setText(tr("%1 pools; costs up to %2 in %3. %4 over the limit, %5 forecast to go over, %6 "
                                  "constraint violations.")
                                   .arg(m_report.pools.size())
                                   .arg(locale.toString(m_report.asOf, QLocale::ShortFormat), m_report.currency)
                                   .arg(over)
                                   .arg(forecastOver)
                                   .arg(m_report.violations.size()));
        if (m_report.limitCurrency != m_report.currency)
            m_summary->setText(m_summary->text() + u' '
                               + tr("The limits are set in %1 and shown in %2 at the rate of %3; alert messages keep %1.")
                                     .arg(m_report.limitCurrency, m_report.currency,
                                          monthYearText(m_report.month, locale)));
    }
    // Limits are in the budgets' currency; other currencies are converted to it, and what has
    // no rate is named here, never counted at 1.
    QStringList notes;
    if (!m_report.conversionError.isEmpty())
        notes << tr("Shown in %1, the currency of the limits: %2. Add the rate in Edit \u25b8 Preferences \u25b8 "
                    "Currencies.")
                     .arg(m_report.currency, m_report.conversionError);
    if (const QString missing = unconvertedNote(m_report.unconverted, m_report.limitCurrency, false); !missing.isEmpty())
        notes << missing;
    const QString note = notes.join(u' ');
    m_currencyNote->setText(note);
    m_currencyNote->setVisible(!note.isEmpty());
    Q_EMIT evaluated();
}

bool BudgetsTab::fireNewAlerts(const analysis::BudgetReport &report)
{
    const QDate t = today();
    // Alerts fire for the running month only; a past month is looked at, not alerted on.
    if (report.month != QDate(t.year(), t.month(), 1))
        return false;
    std::vector<analysis::BudgetAlert> fresh;
    const QString monthKey = report.month.toString(QStringLiteral("yyyy-MM"));
    for (const analysis::BudgetAlert *a : report.newAlerts())
        if (!m_fired.contains(monthKey + u'|' + a->key()))
            fresh.push_back(*a);
    if (fresh.empty())
        return false;
    QString error;
    if (!store::BudgetSettings(m_store).recordAlerts(report.month, fresh, QDateTime::currentSecsSinceEpoch(), &error)) {
        Q_EMIT failed(tr("Budget alerts could not be saved: %1").arg(error));
        return false;
    }
    for (const analysis::BudgetAlert &a : fresh)
        m_fired.insert(monthKey + u'|' + a.key());
    QStringList lines;
    for (const analysis::BudgetAlert &a : fresh)
        lines << a.message;
    const QString title = tr("%n new budget alert(s)", nullptr, static_cast<int>(fresh.size()));
    // Full-width punctuation in Chinese: "3 条新的预算告警：A；B".
    const QString separator = tr("; ", "between two budget alerts on one line");
    m_alertBanner->showMessage(Banner::Kind::Error, tr("<b>%1:</b> %2", "the alert banner: title, then the alerts")
                                                        .arg(title.toHtmlEscaped(), lines.join(separator).toHtmlEscaped()));
    notify(title, lines.join(u'\n'));
    Q_EMIT alertsFired(title, lines.join(separator));
    return true;
}

void BudgetsTab::notify(const QString &title, const QString &message)
{
    if (m_prompts.notify) {
        m_prompts.notify(title, message);
        return;
    }
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return; // the banner and the list say it in the window
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(this);
        QIcon icon = window()->windowIcon();
        if (icon.isNull())
            icon = QApplication::windowIcon();
        m_tray->setIcon(icon);
        m_tray->setToolTip(tr("Costscope budgets"));
    }
    m_tray->show();
    m_tray->showMessage(title, message, QSystemTrayIcon::Warning);
}

void BudgetsTab::fillTree()
{
    const QString keep = m_wantedSelection.isEmpty() ? selectedPool() : m_wantedSelection;
    m_wantedSelection.clear();
    const QSignalBlocker block(m_tree);
    m_tree->clear();
    const QPalette pal = palette();
    const QString cur = m_report.currency;
    QHash<QString, QTreeWidgetItem *> items;
    QTreeWidgetItem *select = nullptr;
    for (const analysis::PoolResult &p : m_report.pools) {
        QTreeWidgetItem *parent = p.parent.isEmpty() ? nullptr : items.value(p.parent);
        auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_tree);
        item->setData(NameColumn, kPoolRole, p.name);
        item->setText(NameColumn, p.name);
        item->setText(LimitColumn, p.limit > 0 ? moneyText(p.limit, cur) : tr("\u2014"));
        if (m_report.limitCurrency != cur && p.limit > 0)
            item->setToolTip(LimitColumn, tr("The limits are in %1; shown in %2 with the rate of %3")
                                              .arg(m_report.limitCurrency, cur,
                                                   m_report.month.toString(QStringLiteral("yyyy-MM"))));
        item->setText(MtdColumn, moneyText(p.monthToDate, cur));
        item->setText(PercentColumn, p.percentUsed < 0 ? QString() : QLocale().toString(p.percentUsed, 'f', 1) + QStringLiteral(" %"));
        item->setText(ForecastColumn, moneyText(p.forecast, cur));
        item->setText(StatusColumn, statusText(p.status));
        for (int c = LimitColumn; c <= ForecastColumn; ++c)
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        // The CSV export: plain decimals, the currency in its own column.
        item->setData(LimitColumn, ExportValueRole, p.limit > 0 ? Money::fromNanos(p.limit).toString(2) : QString());
        item->setData(MtdColumn, ExportValueRole, Money::fromNanos(p.monthToDate).toString(2));
        item->setData(PercentColumn, ExportValueRole, p.percentUsed < 0 ? QString() : QString::number(p.percentUsed, 'f', 1));
        item->setData(ForecastColumn, ExportValueRole, Money::fromNanos(p.forecast).toString(2));
        item->setData(MtdColumn, ExportCurrencyRole, cur);
        const QColor tint = statusColor(p.status, pal);
        if (tint.isValid()) {
            item->setBackground(StatusColumn, tint);
            item->setForeground(StatusColumn, isDarkPalette(pal) ? QColor(Qt::white) : QColor(Qt::black));
            if (p.status == analysis::BudgetStatus::Over) {
                item->setBackground(MtdColumn, tint);
                item->setForeground(MtdColumn, isDarkPalette(pal) ? QColor(Qt::white) : QColor(Qt::black));
            } else if (p.status == analysis::BudgetStatus::ForecastOver) {
                item->setBackground(ForecastColumn, tint);
                item->setForeground(ForecastColumn, isDarkPalette(pal) ? QColor(Qt::white) : QColor(Qt::black));
            }
        }
        item->setToolTip(StatusColumn, tr("Forecast range %1 \u2013 %2")
                                           .arg(moneyText(p.forecastLow, cur), moneyText(p.forecastHigh, cur)));
        items.insert(p.name, item);
        if (p.name == keep || (!select && keep.isEmpty()))
            select = item;
    }
    m_tree->expandAll();
    if (!select && m_tree->topLevelItemCount() > 0)
        select = m_tree->topLevelItem(0);
    if (select)
        m_tree->setCurrentItem(select);
}

void BudgetsTab::fillViolations()
{
    m_violations->clear();
    for (const analysis::BudgetViolation &v : m_report.violations) {
        auto *item = new QTreeWidgetItem(m_violations);
        item->setText(0, analysis::constraintKindTitle(v.kind));
        item->setText(1, v.pool.isEmpty() ? (v.resourceId.isEmpty() ? tr("(no pool)") : v.resourceId) : v.pool);
        item->setText(2, v.message);
        item->setToolTip(2, v.message);
        if (v.resources.size() == 1) {
            item->setText(2, v.resources.front() + QStringLiteral(": ") + v.message);
        } else {
            for (const QString &r : v.resources) {
                auto *child = new QTreeWidgetItem(item);
                child->setText(2, r);
            }
        }
    }
    if (m_report.violations.empty()) {
        auto *item = new QTreeWidgetItem(m_violations);
        item->setText(2, tr("No constraint is violated."));
        item->setFlags(Qt::ItemIsEnabled);
    }
}

void BudgetsTab::fillAlerts()
{
    m_alerts->clear();
    for (const analysis::BudgetAlert &a : m_report.alerts)
        m_alerts->addItem(a.message);
    if (m_report.alerts.empty())
        m_alerts->addItem(tr("No threshold crossed this month."));
}

QString BudgetsTab::selectedPool() const
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    return item ? item->data(NameColumn, kPoolRole).toString() : QString();
}

void BudgetsTab::selectPool(const QString &name)
{
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        if ((*it)->data(NameColumn, kPoolRole).toString() == name) {
            m_tree->setCurrentItem(*it);
            return;
        }
    }
}

void BudgetsTab::updateButtons()
{
    const bool selected = !selectedPool().isEmpty();
    m_addChild->setEnabled(selected);
    m_rename->setEnabled(selected);
    m_remove->setEnabled(selected);
    m_editBudget->setEnabled(selected);
}

void BudgetsTab::renderChart()
{
    const QPalette pal = palette();
    auto *chart = new QChart;
    const analysis::PoolResult *p = m_report.pool(selectedPool());
    const QString cur = m_report.currency;
    if (!p || !m_report.asOf.isValid()) {
        styleChart(chart, pal);
        QChart *old = m_chart->chart();
        m_chart->setChart(chart);
        delete old;
        m_chartNote->setText(p ? tr("No cost data in this month.") : tr("Select a pool."));
        return;
    }
    const QDate first = m_report.month;
    const QDate last = first.addMonths(1).addDays(-1);
    double max = std::max(units(p->limit), units(std::max(p->forecastHigh, p->forecast)));
    auto *actual = new QLineSeries;
    actual->setName(tr("Month to date"));
    QPen actualPen(seriesColor(0, pal));
    actualPen.setWidth(3);
    actual->setPen(actualPen);
    int64_t running = 0;
    actual->append(static_cast<qreal>(msecs(first)), 0);
    for (size_t i = 0; i < p->daily.size(); ++i) {
        running += p->daily[i];
        actual->append(static_cast<qreal>(msecs(first.addDays(static_cast<qint64>(i) + 1))), units(running));
    }
    max = std::max(max, units(running));
    const MoneyScale scale = moneyScale(cur, max);
    if (scale.divisor != 1) {
        const QList<QPointF> pts = actual->points();
        QList<QPointF> scaled;
        for (const QPointF &pt : pts)
            scaled << QPointF(pt.x(), pt.y() / scale.divisor);
        actual->replace(scaled);
    }
    chart->addSeries(actual);
    if (!p->projection.isEmpty()) {
        auto *forecast = new QLineSeries;
        forecast->setName(tr("Forecast"));
        QPen pen(seriesColor(1, pal));
        pen.setWidth(2);
        pen.setStyle(Qt::DashLine);
        forecast->setPen(pen);
        int64_t f = running;
        forecast->append(static_cast<qreal>(msecs(m_report.asOf.addDays(1))), units(f) / scale.divisor);
        for (const analysis::ForecastDay &d : p->projection.days) {
            if (d.day > last)
                break;
            f += d.nanos;
            forecast->append(static_cast<qreal>(msecs(d.day.addDays(1))), units(f) / scale.divisor);
        }
        chart->addSeries(forecast);
    }
    if (p->limit > 0) {
        auto *limit = new QLineSeries;
        limit->setName(tr("Limit"));
        QPen pen(isDarkPalette(pal) ? QColor(239, 83, 80) : QColor(198, 40, 40));
        pen.setWidth(2);
        limit->setPen(pen);
        limit->append(static_cast<qreal>(msecs(first)), units(p->limit) / scale.divisor);
        limit->append(static_cast<qreal>(msecs(last.addDays(1))), units(p->limit) / scale.divisor);
        chart->addSeries(limit);
    }
    auto *x = new QDateTimeAxis;
    x->setFormat(shortDayFormat());
    x->setRange(QDateTime(first, QTime(0, 0), Qt::UTC), QDateTime(last.addDays(1), QTime(0, 0), Qt::UTC));
    x->setTickCount(6);
    styleAxis(x, pal);
    chart->addAxis(x, Qt::AlignBottom);
    QValueAxis *y = makeMoneyAxis(scale, max * 1.08, 5);
    styleAxis(y, pal);
    chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries *s : chart->series()) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    chart->legend()->setAlignment(Qt::AlignBottom);
    styleChart(chart, pal);
    chart->setTitle(tr("%1: cumulative cost in %2").arg(p->name, monthYearText(first)));
    QFont font = chart->titleFont();
    font.setBold(true);
    chart->setTitleFont(font);
    QChart *old = m_chart->chart();
    m_chart->setChart(chart);
    delete old;
    QString note = tr("Month to date %1").arg(moneyText(p->monthToDate, cur));
    if (p->limit > 0)
        note += tr(" of %1 (%2 %)").arg(moneyText(p->limit, cur), QLocale().toString(p->percentUsed, 'f', 1));
    note += tr("; month-end forecast %1 (%2 \u2013 %3). Status: %4.")
                .arg(moneyText(p->forecast, cur), moneyText(p->forecastLow, cur), moneyText(p->forecastHigh, cur),
                     statusText(p->status));
    m_chartNote->setText(note);
}

void BudgetsTab::addPool(bool asChild)
{
    const QString parent = asChild ? selectedPool() : QString();
    if (asChild && parent.isEmpty())
        return;
    const QString title = asChild ? tr("Add a pool under %1").arg(parent) : tr("Add a pool");
    std::optional<QString> name;
    if (m_prompts.askText) {
        name = m_prompts.askText(this, title, tr("Name:"), QString());
    } else {
        bool ok = false;
        const QString text = QInputDialog::getText(this, title, tr("Name:"), QLineEdit::Normal, QString(), &ok);
        if (ok)
            name = text;
    }
    if (!name)
        return;
    QString error;
    if (!store::BudgetSettings(m_store).addPool(*name, parent, &error)) {
        Q_EMIT failed(tr("The pool was not added: %1").arg(error));
        return;
    }
    m_wantedSelection = name->trimmed();
    evaluate();
}

void BudgetsTab::renameSelected()
{
    const QString pool = selectedPool();
    if (pool.isEmpty())
        return;
    std::optional<QString> name;
    if (m_prompts.askText) {
        name = m_prompts.askText(this, tr("Rename %1").arg(pool), tr("New name:"), pool);
    } else {
        bool ok = false;
        const QString text = QInputDialog::getText(this, tr("Rename %1").arg(pool), tr("New name:"), QLineEdit::Normal, pool, &ok);
        if (ok)
            name = text;
    }
    if (!name)
        return;
    QString error;
    if (!store::BudgetSettings(m_store).renamePool(pool, *name, &error)) {
        Q_EMIT failed(tr("The pool was not renamed: %1").arg(error));
        return;
    }
    m_wantedSelection = name->trimmed();
    evaluate();
}

void BudgetsTab::removeSelected()
{
    const QString pool = selectedPool();
    if (pool.isEmpty())
        return;
    const QString question = tr("Remove the pool \u201c%1\u201d with its limit, alerts and constraints? Its child pools "
                                "move up to its parent.")
                                 .arg(pool);
    const bool yes = m_prompts.confirm ? m_prompts.confirm(this, question)
                                       : QMessageBox::question(this, tr("Remove pool"), question) == QMessageBox::Yes;
    if (!yes)
        return;
    QString error;
    if (!store::BudgetSettings(m_store).removePool(pool, &error)) {
        Q_EMIT failed(tr("The pool was not removed: %1").arg(error));
        return;
    }
    evaluate();
}

void BudgetsTab::editSelectedBudget()
{
    const QString pool = selectedPool();
    if (pool.isEmpty())
        return;
    store::BudgetSettings settings(m_store);
    PoolBudgetEdit current;
    current.pool = pool;
    for (const analysis::BudgetPool &p : settings.pools()) {
        if (p.name == pool) {
            current.monthlyLimit = p.monthlyLimit;
            current.scope = p.scope;
            current.thresholds = p.thresholds;
        }
    }
    std::optional<PoolBudgetEdit> edited;
    if (m_prompts.editBudget) {
        edited = m_prompts.editBudget(this, current, settings.currency());
    } else {
        PoolBudgetDialog dialog(current, settings.currency(), this);
        if (dialog.exec() == QDialog::Accepted)
            edited = dialog.edit();
    }
    if (!edited)
        return;
    QString error;
    if (!settings.setBudget(pool, edited->monthlyLimit, edited->scope, edited->thresholds, &error)) {
        Q_EMIT failed(tr("The budget was not saved: %1").arg(error));
        return;
    }
    m_wantedSelection = pool;
    evaluate();
}

void BudgetsTab::editConstraints()
{
    store::BudgetSettings settings(m_store);
    QStringList pools;
    for (const analysis::BudgetPool &p : settings.pools())
        pools << p.name;
    const std::vector<analysis::BudgetConstraint> current = settings.constraints();
    std::optional<std::vector<analysis::BudgetConstraint>> edited;
    if (m_prompts.editConstraints) {
        edited = m_prompts.editConstraints(this, current, pools);
    } else {
        ConstraintsDialog dialog(current, pools, this);
        if (dialog.exec() == QDialog::Accepted)
            edited = dialog.constraints();
    }
    if (!edited)
        return;
    QString error;
    if (!settings.setConstraints(*edited, &error)) {
        Q_EMIT failed(tr("The constraints were not saved: %1").arg(error));
        return;
    }
    evaluate();
}

} // namespace costscope::views
