#include "views/anomalies/AnomaliesTab.h"

#include "model/store/CostStore.h"
#include "views/common/ChartStyle.h"
#include "views/common/DisplayCurrency.h"
#include "views/common/JobRunner.h"
#include "views/common/Logging.h"
#include "views/common/TableExport.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QPushButton>
#include <QScatterSeries>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <memory>

namespace costscope::views {

namespace {

constexpr int kRawRole = Qt::UserRole + 1;   // sort key
constexpr int kIndexRole = Qt::UserRole + 2; // index into the report
constexpr int kContributorRole = Qt::UserRole + 3;

enum Column { DayColumn, ScopeColumn, NameColumn, MetricColumn, ExpectedColumn, ActualColumn, ChangeColumn, ColumnCount };

struct DetailAnswer
{
    QString error;
    store::CostSeries series;
};

struct ForecastAnswer
{
    QString error;
    analysis::Forecast forecast;
    store::CostSeries history;
    int64_t monthToDate = 0;
    QDate asOf;
    QString currency;
};

QString scopeTitle(store::ScopeKind k)
{
    switch (k) {
    case store::ScopeKind::Account: return AnomaliesTab::tr("Account");
    case store::ScopeKind::Service: return AnomaliesTab::tr("Service");
    case store::ScopeKind::Resource: return AnomaliesTab::tr("Resource");
    }
    return {};
}

QString contributorTitle(analysis::AnomalyContributor::Kind k)
{
    switch (k) {
    case analysis::AnomalyContributor::Kind::Resource: return AnomaliesTab::tr("Resource");
    case analysis::AnomalyContributor::Kind::Service: return AnomaliesTab::tr("Service");
    case analysis::AnomalyContributor::Kind::Account: return AnomaliesTab::tr("Account");
    case analysis::AnomalyContributor::Kind::Tag: return AnomaliesTab::tr("Tag");
    }
    return {};
}

store::Dimension dimensionOf(store::ScopeKind k)
{
    switch (k) {
    case store::ScopeKind::Account: return store::Dimension::Account;
    case store::ScopeKind::Service: return store::Dimension::Service;
    case store::ScopeKind::Resource: return store::Dimension::Resource;
    }
    return store::Dimension::Account;
}

// An amount for the CSV: a plain decimal for cost (its currency in the currency column), a count.
QVariant amountValue(const analysis::Anomaly &a, int64_t v)
{
    if (a.metric == analysis::AnomalyMetric::Cost)
        return Money::fromNanos(v).toString(2);
    return QVariant::fromValue<qlonglong>(v);
}

QString amountText(const analysis::Anomaly &a, int64_t v, const QString &currency)
{
    if (a.metric == analysis::AnomalyMetric::Cost)
        return moneyText(v, currency);
    return AnomaliesTab::tr("%n resource(s)", nullptr, static_cast<int>(v));
}

double units(int64_t nanos) { return static_cast<double>(nanos) / static_cast<double>(Money::kScale); }

qint64 msecs(const QDate &d) { return d.startOfDay(Qt::UTC).toMSecsSinceEpoch(); }

QChartView *makeChartView(const QString &objectName, QWidget *parent)
{
    auto *v = new QChartView(parent);
    v->setObjectName(objectName);
    v->setRenderHint(QPainter::Antialiasing);
    v->setMinimumHeight(200);
    return v;
}

void replaceChart(QChartView *view, QChart *chart, const QString &title)
{
    chart->setTitle(title);
    QFont f = chart->titleFont();
    f.setBold(true);
    chart->setTitleFont(f);
    QChart *old = view->chart();
    view->setChart(chart);
    delete old;
}

QDateTimeAxis *makeDateAxis(const QDate &from, const QDate &to, const QPalette &palette)
{
    auto *x = new QDateTimeAxis;
    x->setFormat(shortDayFormat());
    x->setRange(QDateTime(from, QTime(0, 0), Qt::UTC), QDateTime(to, QTime(0, 0), Qt::UTC));
    x->setTickCount(8);
    styleAxis(x, palette);
    return x;
}

} // namespace

AnomaliesTab::AnomaliesTab(const QueryRunner &queries, JobRunner *jobs, std::function<QString()> workspacePath,
                           std::function<QDate()> today, QWidget *parent)
    : QWidget(parent), m_queries(queries), m_jobs(jobs), m_workspacePath(std::move(workspacePath)),
      m_today(std::move(today))
{
    setObjectName(QStringLiteral("anomaliesTab"));

    // Controls.
    auto *controls = new QHBoxLayout;
    m_window = new QSpinBox(this);
    m_window->setObjectName(QStringLiteral("anomaliesWindow"));
    m_window->setRange(1, 90);
    m_window->setValue(7);
    m_window->setSuffix(tr(" days"));
    m_window->setToolTip(tr("Each day is compared with the days before it"));
    m_threshold = new QDoubleSpinBox(this);
    m_threshold->setObjectName(QStringLiteral("anomaliesThreshold"));
    m_threshold->setRange(1, 10000);
    m_threshold->setDecimals(0);
    m_threshold->setValue(30);
    m_threshold->setSuffix(QStringLiteral(" %"));
    m_threshold->setToolTip(tr("A day is an anomaly when it exceeds its baseline by more than this"));
    m_method = new QComboBox(this);
    m_method->setObjectName(QStringLiteral("anomaliesMethod"));
    m_method->addItem(tr("Mean"), static_cast<int>(analysis::Baseline::Mean));
    m_method->addItem(tr("Median and MAD (robust)"), static_cast<int>(analysis::Baseline::MedianMad));
    m_method->setToolTip(tr("Mean: the mean of the previous days, as OptScale does.\n"
                            "Median and MAD: the median of the previous days; the jump must also exceed three "
                            "robust deviations, so one earlier spike or a noisy series does not move the baseline."));
    m_range = new QComboBox(this);
    m_range->setObjectName(QStringLiteral("anomaliesRange"));
    m_range->addItem(tr("Last 30 days"), 30);
    m_range->addItem(tr("Last 90 days"), 90);
    m_range->addItem(tr("Last 12 months"), 365);
    m_range->addItem(tr("All data"), 0);
    m_range->setCurrentIndex(3);
    m_run = new QPushButton(tr("Find anomalies"), this);
    m_run->setObjectName(QStringLiteral("anomaliesRun"));
    controls->addWidget(new QLabel(tr("Compare each day with the previous"), this));
    controls->addWidget(m_window);
    controls->addWidget(new QLabel(tr("using the"), this));
    controls->addWidget(m_method);
    controls->addWidget(new QLabel(tr("flag jumps above"), this));
    controls->addWidget(m_threshold);
    controls->addWidget(new QLabel(tr("in"), this));
    controls->addWidget(m_range);
    controls->addWidget(m_run);
    controls->addStretch(1);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("anomaliesSummary"));
    m_summary->setWordWrap(true);
    m_summary->setText(tr("Anomalies are computed when this tab is shown."));

    // The list of anomalies.
    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_model->setHorizontalHeaderLabels(
        {tr("Day"), tr("Scope"), tr("Name"), tr("What jumped"), tr("Expected"), tr("Actual"), tr("Change")});
    m_model->setHeaderData(ChangeColumn, Qt::Horizontal, tr("Change (%)"), ExportValueRole);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(kRawRole);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("anomaliesTable"));
    installTableExport(m_table, QStringLiteral("anomalies"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);

    // The selected anomaly: its scope around the day, and what grew.
    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    m_detailTitle = new QLabel(detail);
    m_detailTitle->setObjectName(QStringLiteral("anomaliesDetailTitle"));
    m_detailTitle->setWordWrap(true);
    m_detailTitle->setTextFormat(Qt::RichText);
    m_detailChart = makeChartView(QStringLiteral("anomaliesChart"), detail);
    m_contributors = new QTreeWidget(detail);
    m_contributors->setObjectName(QStringLiteral("anomaliesContributors"));
    installTableExport(m_contributors, QStringLiteral("anomaly-contributors"), false);
    m_contributors->setRootIsDecorated(false);
    m_contributors->setHeaderLabels({tr("What grew"), tr("Name"), tr("Before (mean)"), tr("On the day"), tr("Increase")});
    m_contributors->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_contributors->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_contributors->setToolTip(tr("Double-click to open it in the Cost Explorer"));
    m_openScope = new QPushButton(tr("Open in Cost Explorer"), detail);
    m_openScope->setObjectName(QStringLiteral("anomaliesOpenExplorer"));
    m_openScope->setEnabled(false);
    auto *detailButtons = new QHBoxLayout;
    detailButtons->addWidget(m_detailTitle, 1);
    detailButtons->addWidget(m_openScope);
    detailLayout->addLayout(detailButtons);
    detailLayout->addWidget(m_detailChart, 3);
    detailLayout->addWidget(m_contributors, 2);

    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(m_table);
    top->addWidget(detail);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);
    top->setChildrenCollapsible(false);

    // Forecast of a scope, with the error band.
    auto *forecastBox = new QGroupBox(tr("Forecast"), this);
    auto *forecastLayout = new QVBoxLayout(forecastBox);
    auto *forecastHeader = new QHBoxLayout;
    m_forecastScope = new QComboBox(forecastBox);
    m_forecastScope->setObjectName(QStringLiteral("forecastScope"));
    m_forecastScope->addItem(tr("All costs"), QString());
    for (const char *p : {"AWS", "Azure", "GCP", "Alibaba Cloud", "Kubernetes", "OCI"})
        m_forecastScope->addItem(QString::fromLatin1(p), QString::fromLatin1(p));
    m_forecastSummary = new QLabel(forecastBox);
    m_forecastSummary->setObjectName(QStringLiteral("forecastSummary"));
    m_forecastSummary->setWordWrap(true);
    m_forecastSummary->setTextFormat(Qt::RichText);
    forecastHeader->addWidget(new QLabel(tr("Scope"), forecastBox));
    forecastHeader->addWidget(m_forecastScope);
    forecastHeader->addWidget(m_forecastSummary, 1);
    m_forecastChart = makeChartView(QStringLiteral("forecastChart"), forecastBox);
    forecastLayout->addLayout(forecastHeader);
    forecastLayout->addWidget(m_forecastChart, 1);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(forecastBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->addLayout(controls);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);

    connect(m_run, &QPushButton::clicked, this, &AnomaliesTab::detect);
    connect(m_window, &QSpinBox::valueChanged, this, &AnomaliesTab::detect);
    connect(m_threshold, &QDoubleSpinBox::valueChanged, this, &AnomaliesTab::detect);
    connect(m_method, &QComboBox::currentIndexChanged, this, &AnomaliesTab::detect);
    connect(m_range, &QComboBox::currentIndexChanged, this, &AnomaliesTab::detect);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AnomaliesTab::showSelected);
    connect(m_openScope, &QPushButton::clicked, this, &AnomaliesTab::openSelectedScope);
    connect(m_contributors, &QTreeWidget::itemDoubleClicked, this, &AnomaliesTab::openContributor);
    connect(m_forecastScope, &QComboBox::currentIndexChanged, this, &AnomaliesTab::loadForecast);
    if (m_jobs)
        connect(m_jobs, &JobRunner::finished, this, [this]() {
            // After everyone else has seen the end of that job.
            if (m_pending && isVisible())
                QMetaObject::invokeMethod(this, &AnomaliesTab::detect, Qt::QueuedConnection);
        });
}

void AnomaliesTab::reload()
{
    m_dirty = true;
    if (isVisible()) {
        detect();
        loadForecast();
    }
}

void AnomaliesTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty) {
        detect();
        loadForecast();
    }
}

analysis::AnomalyScanOptions AnomaliesTab::currentOptions() const
{
    analysis::AnomalyScanOptions o;
    o.detector.windowDays = m_window->value();
    o.detector.thresholdPercent = m_threshold->value();
    o.detector.baseline = static_cast<analysis::Baseline>(m_method->currentData().toInt());
    o.currency = displayCurrencySetting(); // empty: the main currency; others converted to it
    return o;
}

void AnomaliesTab::detect()
{
    if (!m_jobs || !m_workspacePath)
        return;
    m_dirty = false;
    if (m_jobs->isRunning()) {
        // Demo generation or another analysis: run when it is done.
        m_pending = true;
        m_summary->setText(tr("Waiting for \u201c%1\u201d to finish\u2026").arg(m_jobs->title()));
        return;
    }
    m_pending = false;
    analysis::AnomalyScanOptions options = currentOptions();
    const int rangeDays = m_range->currentData().toInt();
    const QDate today = m_today ? m_today() : QDateTime::currentDateTimeUtc().date();
    const QString path = m_workspacePath();
    auto result = std::make_shared<analysis::AnomalyReport>();
    m_summary->setText(tr("Looking for anomalies\u2026"));
    m_run->setEnabled(false);
    const bool started = m_jobs->start(
        tr("Finding anomalies"),
        [path, options, rangeDays, today, result](const ProgressFn &progress, const CancelFn &cancelled,
                                                  QString *error) mutable {
            // The worker reads through its own connection.
            store::CostStore local;
            if (!local.openReadOnly(path, error))
                return false;
            if (rangeDays > 0) {
                const store::DataRange range = store::CostQuery(local).dataRange();
                const QDate last = range.isEmpty() ? today : std::min(range.last, today);
                options.from = last.addDays(1 - rangeDays);
                options.to = last.addDays(1);
            }
            *result = analysis::findAnomalies(local, options, progress, cancelled);
            if (!result->error.isEmpty()) {
                *error = result->error;
                return false;
            }
            return !cancelled();
        },
        this,
        [this, result](const JobRunner::Outcome &outcome) {
            m_run->setEnabled(true);
            if (outcome.cancelled) {
                m_summary->setText(tr("Cancelled. Press “Find anomalies” to look again."));
                return;
            }
            if (!outcome.ok) {
                m_summary->setText(tr("The anomaly detection failed: %1").arg(outcome.error));
                Q_EMIT failed(tr("The anomaly detection failed: %1").arg(outcome.error));
                return;
            }
            applyReport(*result);
        });
    if (!started) {
        m_pending = true;
        m_run->setEnabled(true);
    }
}

void AnomaliesTab::applyReport(const analysis::AnomalyReport &report)
{
    m_report = report;
    m_model->removeRows(0, m_model->rowCount());
    const QLocale locale;
    for (size_t i = 0; i < report.anomalies.size(); ++i) {
        const analysis::Anomaly &a = report.anomalies[i];
        QList<QStandardItem *> row;
        auto add = [&row](const QString &text, const QVariant &raw) {
            auto *item = new QStandardItem(text);
            item->setData(raw, kRawRole);
            row.append(item);
            return item;
        };
        add(a.day.toString(Qt::ISODate), a.day)->setData(static_cast<qulonglong>(i), kIndexRole);
        add(scopeTitle(a.scope), static_cast<int>(a.scope));
        add(a.label, a.label)->setToolTip(a.key);
        add(a.metric == analysis::AnomalyMetric::Cost ? tr("Cost") : tr("Resource count"), static_cast<int>(a.metric));
        const bool cost = a.metric == analysis::AnomalyMetric::Cost;
        for (int64_t v : {a.expected, a.actual}) {
            QStandardItem *amount = add(amountText(a, v, report.currency), QVariant::fromValue<qlonglong>(v));
            amount->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            amount->setData(amountValue(a, v), ExportValueRole);
            if (cost)
                amount->setData(report.currency, ExportCurrencyRole);
        }
        add(QStringLiteral("+%1 %").arg(locale.toString(a.changePercent, 'f', 0)), a.changePercent)
            ->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        row.back()->setData(QString::number(a.changePercent, 'f', 1), ExportValueRole);
        row.front()->setData(a.day, ExportValueRole);
        m_model->appendRow(row);
    }
    m_table->sortByColumn(DayColumn, Qt::DescendingOrder);
    const QString method = report.options.detector.baseline == analysis::Baseline::Mean ? tr("mean") : tr("median");
    if (report.anomalies.empty() && !report.from.isValid()) {
        m_summary->setText(tr("This workspace holds no cost data."));
    } else {
        m_summary->setText(
            tr("%n anomalies from %1 to %2 in %3 accounts, services and resources: days above the %4 of the previous "
               "%5 days by more than %6 %, and by at least %7 (1 % of an average day) or %8 resources. Taxes and "
               "credits are left out.",
               nullptr, static_cast<int>(report.anomalies.size()))
                .arg(locale.toString(report.from, QLocale::ShortFormat),
                     locale.toString(report.to.addDays(-1), QLocale::ShortFormat))
                .arg(report.scopesChecked)
                .arg(method)
                .arg(report.options.detector.windowDays)
                .arg(report.options.detector.thresholdPercent)
                .arg(moneyText(report.minExcessNanos, report.currency))
                .arg(report.options.minResourceJump));
    }
    if (const QString note = unconvertedNote(report.unconverted, report.currency, false); !note.isEmpty())
        m_summary->setText(m_summary->text() + u' ' + note);
    if (m_proxy->rowCount() > 0)
        m_table->selectRow(0);
    else
        showSelected();
    Q_EMIT detected();
}

const analysis::Anomaly *AnomaliesTab::selectedAnomaly() const
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return nullptr;
    const QModelIndex first = m_proxy->mapToSource(m_proxy->index(current.row(), DayColumn));
    const auto i = static_cast<size_t>(m_model->data(first, kIndexRole).toULongLong());
    return i < m_report.anomalies.size() ? &m_report.anomalies[i] : nullptr;
}

void AnomaliesTab::showSelected()
{
    m_contributors->clear();
    const analysis::Anomaly *a = selectedAnomaly();
    m_openScope->setEnabled(a != nullptr);
    if (!a) {
        m_detailTitle->clear();
        replaceChart(m_detailChart, new QChart, QString());
        return;
    }
    const QString cur = m_report.currency;
    m_detailTitle->setText(tr("<b>%1 %2</b> on %3: %4 instead of %5 expected (+%6 %)")
                               .arg(scopeTitle(a->scope), a->label.toHtmlEscaped(),
                                    QLocale().toString(a->day, QLocale::LongFormat), amountText(*a, a->actual, cur),
                                    amountText(*a, a->expected, cur))
                               .arg(QLocale().toString(a->changePercent, 'f', 0)));
    for (size_t i = 0; i < a->contributors.size(); ++i) {
        const analysis::AnomalyContributor &c = a->contributors[i];
        auto *item = new QTreeWidgetItem(m_contributors);
        item->setText(0, c.kind == analysis::AnomalyContributor::Kind::Tag ? tr("Tag %1").arg(c.tagKey)
                                                                          : contributorTitle(c.kind));
        item->setText(1, c.label);
        item->setToolTip(1, c.key);
        item->setText(2, moneyText(c.expected, cur));
        item->setText(3, moneyText(c.actual, cur));
        item->setText(4, moneyText(c.delta(), cur));
        const int64_t amounts[] = {c.expected, c.actual, c.delta()};
        for (int col = 2; col <= 4; ++col) {
            item->setTextAlignment(col, Qt::AlignRight | Qt::AlignVCenter);
            item->setData(col, ExportValueRole, Money::fromNanos(amounts[col - 2]).toString(2));
            item->setData(col, ExportCurrencyRole, cur);
        }
        item->setData(0, kContributorRole, static_cast<qulonglong>(i));
    }
    loadDetailChart(*a);
}

void AnomaliesTab::loadDetailChart(const analysis::Anomaly &a)
{
    ++*m_detailGeneration;
    store::CostQuerySpec spec;
    spec.from = a.day.addDays(-30);
    spec.to = std::min(a.day.addDays(15), m_report.to);
    spec.granularity = store::Granularity::Day;
    spec.displayCurrency = m_report.currency; // the detection's currency, other currencies converted
    spec.filters.append(store::DimensionFilter{dimensionOf(a.scope), {}, {a.key}});
    const analysis::Anomaly anomaly = a;
    m_queries.run<DetailAnswer>(
        this,
        [spec](store::CostQuery &q) {
            DetailAnswer d;
            d.series = q.aggregate(spec, &d.error);
            return d;
        },
        [this, anomaly, spec](const DetailAnswer &d) {
            if (!d.error.isEmpty()) {
                Q_EMIT failed(d.error);
                return;
            }
            const QPalette pal = palette();
            auto *chart = new QChart;
            auto *line = new QLineSeries;
            line->setName(tr("Daily cost"));
            const std::vector<int64_t> totals = d.series.bucketTotals();
            double max = 0;
            for (int64_t t : totals)
                max = std::max(max, units(t));
            const MoneyScale scale = moneyScale(d.series.currency, max);
            for (size_t i = 0; i < d.series.buckets.size(); ++i)
                line->append(static_cast<qreal>(msecs(d.series.buckets[i])), units(totals[i]) / scale.divisor);
            line->setColor(seriesColor(0, pal));
            chart->addSeries(line);
            auto *mark = new QScatterSeries;
            mark->setName(tr("Anomaly"));
            mark->setMarkerSize(11);
            mark->setColor(seriesColor(3, pal));
            const auto it = std::find(d.series.buckets.begin(), d.series.buckets.end(), anomaly.day);
            if (it != d.series.buckets.end()) {
                const auto i = static_cast<size_t>(it - d.series.buckets.begin());
                mark->append(static_cast<qreal>(msecs(anomaly.day)), units(totals[i]) / scale.divisor);
            }
            chart->addSeries(mark);
            if (anomaly.metric == analysis::AnomalyMetric::Cost) {
                auto *expected = new QLineSeries;
                expected->setName(tr("Expected (baseline)"));
                QPen pen(seriesColor(1, pal));
                pen.setStyle(Qt::DashLine);
                pen.setWidth(2);
                expected->setPen(pen);
                const qreal y = units(anomaly.expected) / scale.divisor;
                const int n = m_report.options.detector.windowDays;
                expected->append(static_cast<qreal>(msecs(anomaly.day.addDays(-n))), y);
                expected->append(static_cast<qreal>(msecs(anomaly.day)), y);
                chart->addSeries(expected);
            }
            QDateTimeAxis *x = makeDateAxis(spec.from, spec.to.addDays(-1), pal);
            chart->addAxis(x, Qt::AlignBottom);
            QValueAxis *y = makeMoneyAxis(scale, max, 5);
            styleAxis(y, pal);
            chart->addAxis(y, Qt::AlignLeft);
            for (QAbstractSeries *s : chart->series()) {
                s->attachAxis(x);
                s->attachAxis(y);
            }
            chart->legend()->setAlignment(Qt::AlignBottom);
            styleChart(chart, pal);
            replaceChart(m_detailChart, chart, tr("%1, 30 days before and 14 after").arg(anomaly.label));
        },
        m_detailGeneration);
}

void AnomaliesTab::openSelectedScope()
{
    const analysis::Anomaly *a = selectedAnomaly();
    if (!a)
        return;
    store::CostQuerySpec spec;
    spec.from = a->day.addDays(-14);
    spec.to = a->day.addDays(8);
    spec.granularity = store::Granularity::Day;
    spec.groupBy = a->scope == store::ScopeKind::Service ? store::Dimension::Resource : store::Dimension::Service;
    spec.filters.append(store::DimensionFilter{dimensionOf(a->scope), {}, {a->key}});
    Q_EMIT openInExplorer(spec);
}

void AnomaliesTab::openContributor(QTreeWidgetItem *item)
{
    const analysis::Anomaly *a = selectedAnomaly();
    if (!a || !item)
        return;
    const auto i = static_cast<size_t>(item->data(0, kContributorRole).toULongLong());
    if (i >= a->contributors.size())
        return;
    const analysis::AnomalyContributor &c = a->contributors[i];
    store::CostQuerySpec spec;
    spec.from = a->day.addDays(-14);
    spec.to = a->day.addDays(8);
    spec.granularity = store::Granularity::Day;
    store::DimensionFilter f;
    f.values = {c.key};
    switch (c.kind) {
    case analysis::AnomalyContributor::Kind::Resource:
        f.dimension = store::Dimension::Resource;
        spec.groupBy = store::Dimension::Service;
        break;
    case analysis::AnomalyContributor::Kind::Service:
        f.dimension = store::Dimension::Service;
        spec.groupBy = store::Dimension::Resource;
        break;
    case analysis::AnomalyContributor::Kind::Account:
        f.dimension = store::Dimension::Account;
        spec.groupBy = store::Dimension::Service;
        break;
    case analysis::AnomalyContributor::Kind::Tag:
        f.dimension = store::Dimension::Tag;
        f.tagKey = c.tagKey;
        spec.groupBy = store::Dimension::Resource;
        break;
    }
    spec.filters.append(f);
    Q_EMIT openInExplorer(spec);
}

void AnomaliesTab::loadForecast()
{
    ++*m_forecastGeneration;
    const QString provider = m_forecastScope->currentData().toString();
    const QDate today = m_today ? m_today() : QDateTime::currentDateTimeUtc().date();
    m_forecastSummary->setText(tr("Loading\u2026"));
    m_queries.run<ForecastAnswer>(
        this,
        [provider, today, display = displayCurrencySetting()](store::CostQuery &q) {
            ForecastAnswer a;
            const store::DataRange range = q.dataRange();
            if (range.isEmpty())
                return a;
            a.asOf = std::min(range.last, today);
            a.currency = display.isEmpty() ? q.mainCurrency() : display;
            store::CostQuerySpec scope;
            scope.displayCurrency = a.currency; // other currencies converted; no rate: left out
            if (!provider.isEmpty())
                scope.filters.append(store::DimensionFilter{store::Dimension::Provider, {}, {provider}});
            const QDate monthStart(a.asOf.year(), a.asOf.month(), 1);
            const QDate horizonEnd = monthStart.addMonths(4); // this month and the next three
            a.forecast = analysis::forecastScope(q, scope, range.first, a.asOf, horizonEnd.addDays(-1), {}, &a.error);
            store::CostQuerySpec history = scope;
            history.from = std::max(range.first, a.asOf.addDays(-59));
            history.to = a.asOf.addDays(1);
            history.granularity = store::Granularity::Day;
            a.history = q.aggregate(history, &a.error).withoutUnconverted(); // the chart holds one currency
            store::CostQuerySpec mtd = scope;
            mtd.from = monthStart;
            mtd.to = a.asOf.addDays(1);
            mtd.granularity = store::Granularity::Total;
            a.monthToDate = q.aggregate(mtd, &a.error).total;
            return a;
        },
        [this](const ForecastAnswer &a) {
            if (!a.error.isEmpty())
                Q_EMIT failed(a.error);
            m_forecast = a.forecast;
            m_forecastHistory = a.history;
            m_monthToDate = a.monthToDate;
            m_asOf = a.asOf;
            renderForecast();
            Q_EMIT forecastLoaded();
        },
        m_forecastGeneration);
}

void AnomaliesTab::renderForecast()
{
    const QPalette pal = palette();
    if (m_forecast.isEmpty() || !m_asOf.isValid()) {
        m_forecastSummary->setText(tr("Not enough cost data to forecast."));
        replaceChart(m_forecastChart, new QChart, QString());
        return;
    }
    const QString cur = m_forecastHistory.currency;
    const QLocale locale;
    const QDate monthStart(m_asOf.year(), m_asOf.month(), 1);
    const QDate nextMonth = monthStart.addMonths(1);
    const QDate rest = m_asOf.addDays(1);
    QStringList months;
    for (QDate m = nextMonth; m < monthStart.addMonths(4); m = m.addMonths(1))
        months << tr("%1: %2 (%3\u2013%4)")
                      .arg(locale.toString(m, monthFormat()),
                           moneyText(m_forecast.sum(m, m.addMonths(1)), cur),
                           moneyText(m_forecast.sumLow(m, m.addMonths(1)), cur),
                           moneyText(m_forecast.sumHigh(m, m.addMonths(1)), cur));
    m_forecastSummary->setText(
        tr("<b>Month end: %1</b> (%2\u2013%3). %4.<br>Each weekday is projected from its mean over the last %5 "
           "days, with a trend of %6 % a day; on %7 held-back periods of %8 days this missed the total by %9 % and "
           "single days by %10 % (the band).")
            .arg(moneyText(m_monthToDate + m_forecast.sum(rest, nextMonth), cur),
                 moneyText(m_monthToDate + m_forecast.sumLow(rest, nextMonth), cur),
                 moneyText(m_monthToDate + m_forecast.sumHigh(rest, nextMonth), cur), months.join(QStringLiteral("; ")))
            .arg(m_forecast.historyDays)
            .arg(locale.toString(m_forecast.dailyGrowth * 100, 'f', 2))
            .arg(m_forecast.backtestsRun)
            .arg(m_forecast.options.holdBackDays)
            .arg(locale.toString(m_forecast.totalError * 100, 'f', 1))
            .arg(locale.toString(m_forecast.dailyError * 100, 'f', 1)));

    auto *chart = new QChart;
    const std::vector<int64_t> totals = m_forecastHistory.bucketTotals();
    double max = 0;
    for (int64_t t : totals)
        max = std::max(max, units(t));
    for (const analysis::ForecastDay &d : m_forecast.days)
        max = std::max(max, units(d.high));
    const MoneyScale scale = moneyScale(cur, max);
    auto *history = new QLineSeries;
    history->setName(tr("Daily cost"));
    history->setColor(seriesColor(0, pal));
    for (size_t i = 0; i < m_forecastHistory.buckets.size(); ++i)
        history->append(static_cast<qreal>(msecs(m_forecastHistory.buckets[i])), units(totals[i]) / scale.divisor);
    auto *low = new QLineSeries;
    auto *high = new QLineSeries;
    auto *projected = new QLineSeries;
    projected->setName(tr("Forecast"));
    QPen pen(seriesColor(1, pal));
    pen.setWidth(2);
    projected->setPen(pen);
    for (const analysis::ForecastDay &d : m_forecast.days) {
        const auto x = static_cast<qreal>(msecs(d.day));
        low->append(x, units(d.low) / scale.divisor);
        high->append(x, units(d.high) / scale.divisor);
        projected->append(x, units(d.nanos) / scale.divisor);
    }
    auto *band = new QAreaSeries(high, low);
    band->setName(tr("Error on held-back history"));
    QColor fill = seriesColor(1, pal);
    fill.setAlphaF(0.25);
    band->setBrush(fill);
    band->setPen(Qt::NoPen);
    chart->addSeries(band);
    chart->addSeries(history);
    chart->addSeries(projected);
    const QDate from = m_forecastHistory.buckets.empty() ? m_asOf : m_forecastHistory.buckets.front();
    QDateTimeAxis *x = makeDateAxis(from, m_forecast.days.back().day, pal);
    x->setFormat(shortDayFormat());
    chart->addAxis(x, Qt::AlignBottom);
    QValueAxis *y = makeMoneyAxis(scale, max, 5);
    // Zoomed to the values (not from zero), so that a band of a few percent can be seen.
    double min = max;
    for (int64_t t : totals)
        min = std::min(min, units(t));
    for (const analysis::ForecastDay &d : m_forecast.days)
        min = std::min(min, units(d.low));
    y->setRange(std::max(0.0, min * 0.9) / scale.divisor, max * 1.03 / scale.divisor);
    y->applyNiceNumbers();
    styleAxis(y, pal);
    chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries *s : chart->series()) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    chart->legend()->setAlignment(Qt::AlignBottom);
    styleChart(chart, pal);
    replaceChart(m_forecastChart, chart,
                 tr("%1: last 60 days and forecast to %2 (%3)")
                     .arg(m_forecastScope->currentText(),
                          locale.toString(m_forecast.days.back().day, QLocale::ShortFormat), cur));
}

void AnomaliesTab::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_forecast.isEmpty())
        renderForecast();
}

} // namespace costscope::views
