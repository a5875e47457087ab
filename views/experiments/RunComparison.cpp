#include "views/experiments/RunComparison.h"

#include "views/common/ChartStyle.h"

#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCursor>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace costscope::views {

namespace {

QString runLabel(const ml::Run &r) { return r.info.runName.isEmpty() ? r.info.runId.left(8) : r.info.runName; }

// Shows a series' name (the run) when the pointer is over it.
void tooltipOnHover(QXYSeries *series, const QString &text)
{
    QObject::connect(series, &QXYSeries::hovered, series, [text](const QPointF &, bool state) {
        if (state)
            QToolTip::showText(QCursor::pos(), text);
        else
            QToolTip::hideText();
    });
}

QValueAxis *valueAxis(const QString &title, double lo, double hi)
{
    auto *axis = new QValueAxis;
    axis->setTitleText(title);
    if (!(hi > lo)) {
        const double pad = std::max(std::abs(lo) * 0.05, 0.5);
        lo -= pad;
        hi += pad;
    } else {
        const double pad = (hi - lo) * 0.06;
        lo -= pad;
        hi += pad;
    }
    axis->setRange(lo, hi);
    axis->setLabelFormat(QStringLiteral("%.4g"));
    return axis;
}

} // namespace

RunComparison::RunComparison(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("runComparison"));
    m_caption = new QLabel(this);
    m_caption->setObjectName(QStringLiteral("compareCaption"));
    m_metric = new QComboBox(this);
    m_metric->setObjectName(QStringLiteral("compareMetric"));
    m_metric->setMinimumContentsLength(16);
    const auto makeView = [this](const char *name) {
        auto *v = new QChartView(this);
        v->setObjectName(QString::fromLatin1(name));
        v->setRenderHint(QPainter::Antialiasing);
        v->setMinimumHeight(220);
        v->setChart(new QChart);
        return v;
    };
    m_steps = makeView("stepChart");
    m_parallel = makeView("parallelChart");
    m_pareto = makeView("paretoChart");

    auto *top = new QHBoxLayout;
    top->addWidget(m_caption, 1);
    top->addWidget(new QLabel(tr("Metric over steps:"), this));
    top->addWidget(m_metric);
    auto *grid = new QGridLayout;
    grid->addWidget(m_steps, 0, 0);
    grid->addWidget(m_pareto, 0, 1);
    grid->addWidget(m_parallel, 1, 0, 1, 2);
    grid->setRowStretch(0, 1);
    grid->setRowStretch(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(grid, 1);
    connect(m_metric, &QComboBox::currentTextChanged, this, &RunComparison::requestHistories);
}

QString RunComparison::metricKey() const { return m_metric->currentText(); }

void RunComparison::replaceChart(QChartView *view, QChart *chart)
{
    styleChart(chart, palette());
    for (QAbstractAxis *axis : chart->axes())
        styleAxis(axis, palette());
    QChart *old = view->chart();
    view->setChart(chart);
    delete old;
}

void RunComparison::setRuns(const std::vector<ml::Run> &runs, const std::map<QString, ml::RunCost> &costs,
                            const QString &primary, ml::Direction direction, const QStringList &metricKeys,
                            const QString &caption)
{
    m_runs = runs;
    m_costs = costs;
    m_primary = primary;
    m_direction = direction;
    m_caption->setText(caption);
    const QString previous = m_metric->currentText();
    {
        const QSignalBlocker block(m_metric);
        m_metric->clear();
        m_metric->addItems(metricKeys);
        const QString wanted = metricKeys.contains(previous) ? previous : primary;
        if (metricKeys.contains(wanted))
            m_metric->setCurrentText(wanted);
    }
    buildParallel();
    buildPareto();
    requestHistories();
}

void RunComparison::requestHistories()
{
    QStringList ids;
    for (const ml::Run &r : m_runs)
        ids << r.info.runId;
    if (ids.isEmpty() || m_metric->currentText().isEmpty()) {
        auto *chart = new QChart;
        chart->setTitle(tr("Metric over steps: no runs to compare"));
        replaceChart(m_steps, chart);
        return;
    }
    Q_EMIT historiesWanted(ids, m_metric->currentText());
}

void RunComparison::setHistories(const MetricHistories &histories)
{
    if (histories.key != m_metric->currentText())
        return; // an answer for a metric no longer chosen
    auto *chart = new QChart;
    chart->setTitle(tr("%1 over steps").arg(histories.key));
    double xlo = std::numeric_limits<double>::max(), xhi = std::numeric_limits<double>::lowest();
    double ylo = xlo, yhi = xhi;
    int index = 0;
    for (const ml::Run &r : m_runs) {
        const auto it = histories.byRun.find(r.info.runId);
        if (it == histories.byRun.end() || it->second.empty())
            continue;
        auto *series = new QLineSeries;
        series->setObjectName(r.info.runId);
        series->setName(runLabel(r));
        series->setColor(seriesColor(index++, palette()));
        for (const ml::Metric &m : it->second) {
            if (!std::isfinite(m.value))
                continue;
            series->append(static_cast<double>(m.step), m.value);
            xlo = std::min(xlo, static_cast<double>(m.step));
            xhi = std::max(xhi, static_cast<double>(m.step));
            ylo = std::min(ylo, m.value);
            yhi = std::max(yhi, m.value);
        }
        if (series->count() == 1) // a single point is invisible as a line
            series->setPointsVisible(true);
        tooltipOnHover(series, series->name());
        chart->addSeries(series);
    }
    if (chart->series().isEmpty()) {
        chart->setTitle(tr("No run has a history of %1").arg(histories.key));
    } else {
        auto *x = valueAxis(tr("step"), xlo, xhi);
        x->setLabelFormat(QStringLiteral("%d"));
        x->setMin(std::max(0.0, x->min()));
        x->applyNiceNumbers();
        auto *y = valueAxis(histories.key, ylo, yhi);
        y->applyNiceNumbers();
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        for (QAbstractSeries *s : chart->series()) {
            s->attachAxis(x);
            s->attachAxis(y);
        }
        chart->legend()->setVisible(chart->series().size() <= 12);
        chart->legend()->setAlignment(Qt::AlignRight);
    }
    replaceChart(m_steps, chart);
}

void RunComparison::buildParallel()
{
    auto *chart = new QChart;
    chart->setTitle(tr("Params against %1 (each axis scaled to its range; colour: blue worst, orange best)").arg(m_primary));
    std::vector<const ml::Run *> ptrs;
    for (const ml::Run &r : m_runs)
        ptrs.push_back(&r);
    QStringList axes = ptrs.size() > 1 ? differingParams(ptrs) : QStringList();
    if (axes.isEmpty() && !ptrs.empty())
        for (const auto &[k, v] : ptrs.front()->params)
            axes << k;
    if (ptrs.empty() || (axes.isEmpty() && m_primary.isEmpty())) {
        chart->setTitle(tr("Parallel coordinates: no params to compare"));
        replaceChart(m_parallel, chart);
        return;
    }
    // Each axis maps a run's value to 0..1: numbers by their range, text by sorted position.
    std::vector<std::function<std::optional<double>(const ml::Run &)>> scale;
    QStringList labels;
    std::pair<double, double> primaryRange{0, 0};
    for (const QString &key : axes) {
        std::set<QString> texts;
        bool numeric = true;
        double lo = std::numeric_limits<double>::max(), hi = std::numeric_limits<double>::lowest();
        for (const ml::Run *r : ptrs) {
            bool found = false;
            const QString v = r->param(key, &found);
            if (!found)
                continue;
            texts.insert(v);
            bool ok = false;
            const double d = v.toDouble(&ok);
            if (ok && std::isfinite(d)) {
                lo = std::min(lo, d);
                hi = std::max(hi, d);
            } else {
                numeric = false;
            }
        }
        const std::vector<QString> sorted(texts.begin(), texts.end());
        if (numeric) {
            labels << QStringLiteral("%1 %2\u2013%3").arg(key, QString::number(lo, 'g', 3), QString::number(hi, 'g', 3));
            scale.push_back([key, lo, hi](const ml::Run &r) -> std::optional<double> {
                bool found = false;
                const double d = r.param(key, &found).toDouble();
                if (!found)
                    return std::nullopt;
                return hi > lo ? (d - lo) / (hi - lo) : 0.5;
            });
        } else {
            labels << QStringLiteral("%1 (%2)").arg(key).arg(sorted.size());
            scale.push_back([key, sorted](const ml::Run &r) -> std::optional<double> {
                bool found = false;
                const QString v = r.param(key, &found);
                if (!found)
                    return std::nullopt;
                const auto pos = std::lower_bound(sorted.begin(), sorted.end(), v) - sorted.begin();
                return sorted.size() > 1 ? static_cast<double>(pos) / static_cast<double>(sorted.size() - 1) : 0.5;
            });
        }
    }
    if (!m_primary.isEmpty()) {
        double lo = std::numeric_limits<double>::max(), hi = std::numeric_limits<double>::lowest();
        for (const ml::Run *r : ptrs)
            if (const ml::Metric *m = r->metric(m_primary); m && std::isfinite(m->value)) {
                lo = std::min(lo, m->value);
                hi = std::max(hi, m->value);
            }
        labels << QStringLiteral("%1 %2\u2013%3").arg(m_primary, QString::number(lo, 'g', 3), QString::number(hi, 'g', 3));
        primaryRange = {lo, hi};
        const QString key = m_primary;
        scale.push_back([key, lo, hi](const ml::Run &r) -> std::optional<double> {
            const ml::Metric *m = r.metric(key);
            if (!m || !std::isfinite(m->value))
                return std::nullopt;
            return hi > lo ? (m->value - lo) / (hi - lo) : 0.5;
        });
    }
    auto *x = new QCategoryAxis;
    x->setStartValue(-0.5);
    for (qsizetype i = 0; i < labels.size(); ++i)
        x->append(labels[i], static_cast<double>(i) + 0.5);
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
    x->setRange(-0.5, static_cast<double>(labels.size()) - 0.5);
    x->setGridLineVisible(false);
    auto *y = new QValueAxis;
    y->setRange(-0.05, 1.05);
    y->setLabelsVisible(false);
    y->setTickCount(3);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    // Lines are coloured by the primary metric: blue for the worst, through green, to orange for
    // the best (in the metric's direction); grey without the metric.
    for (const ml::Run *r : ptrs) {
        auto *series = new QLineSeries;
        series->setObjectName(r->info.runId);
        series->setName(runLabel(*r));
        QColor color = otherColor(palette());
        if (const ml::Metric *m = r->metric(m_primary); m && std::isfinite(m->value)) {
            const auto [lo, hi] = primaryRange;
            double t = hi > lo ? (m->value - lo) / (hi - lo) : 1.0;
            if (m_direction == ml::Direction::Min)
                t = 1.0 - t;
            color = QColor::fromHsvF(static_cast<float>(0.62 * (1.0 - t) + 0.07 * t), 0.75f, 0.85f);
            series->setName(QStringLiteral("%1: %2 %3").arg(runLabel(*r), m_primary, QString::number(m->value, 'g', 4)));
        }
        QPen pen(color);
        pen.setWidthF(1.6);
        series->setPen(pen);
        series->setPointsVisible(true);
        for (size_t i = 0; i < scale.size(); ++i)
            if (const auto v = scale[i](*r))
                series->append(static_cast<double>(i), *v);
        tooltipOnHover(series, series->name());
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
    }
    chart->legend()->setVisible(false);
    replaceChart(m_parallel, chart);
}

void RunComparison::buildPareto()
{
    auto *chart = new QChart;
    const bool maximize = m_direction == ml::Direction::Max;
    chart->setTitle(tr("Cost against %1 (%2 is better); the Pareto front connected")
                        .arg(m_primary, maximize ? tr("higher") : tr("lower")));
    std::vector<CostPoint> points;
    std::map<QString, QString> names;
    for (const ml::Run &r : m_runs) {
        const auto c = m_costs.find(r.info.runId);
        const ml::Metric *m = r.metric(m_primary);
        if (c == m_costs.end() || !c->second.known() || !m || !std::isfinite(m->value))
            continue;
        points.push_back({r.info.runId, c->second.cost.toDouble(), m->value});
        names[r.info.runId] = runLabel(r);
    }
    m_front = paretoFront(points, m_direction);
    if (points.empty()) {
        chart->setTitle(tr("Cost against %1: no run has both a cost and the metric").arg(m_primary));
        replaceChart(m_pareto, chart);
        return;
    }
    auto *all = new QScatterSeries;
    all->setObjectName(QStringLiteral("paretoRuns"));
    all->setName(tr("runs"));
    all->setMarkerSize(9);
    all->setColor(otherColor(palette()));
    auto *front = new QScatterSeries;
    front->setObjectName(QStringLiteral("paretoFront"));
    front->setName(tr("Pareto front"));
    front->setMarkerSize(13);
    front->setColor(seriesColor(0, palette()));
    auto *line = new QLineSeries;
    line->setObjectName(QStringLiteral("paretoLine"));
    line->setColor(seriesColor(0, palette()));
    double xlo = std::numeric_limits<double>::max(), xhi = std::numeric_limits<double>::lowest();
    double ylo = xlo, yhi = xhi;
    for (const CostPoint &p : points) {
        all->append(p.cost, p.metric);
        xlo = std::min(xlo, p.cost);
        xhi = std::max(xhi, p.cost);
        ylo = std::min(ylo, p.metric);
        yhi = std::max(yhi, p.metric);
    }
    for (const CostPoint &p : m_front) {
        front->append(p.cost, p.metric);
        line->append(p.cost, p.metric);
    }
    const auto pointName = [points, names](const QPointF &at) {
        for (const CostPoint &p : points)
            if (qFuzzyCompare(p.cost + 1, at.x() + 1) && qFuzzyCompare(p.metric + 1, at.y() + 1))
                return names.at(p.runId);
        return QString();
    };
    for (QScatterSeries *s : {all, front})
        connect(s, &QScatterSeries::hovered, s, [pointName, this](const QPointF &at, bool state) {
            if (state)
                QToolTip::showText(QCursor::pos(), tr("%1\ncost %2 %5, %3 %4")
                                                       .arg(pointName(at), QString::number(at.x(), 'f', 2), m_primary,
                                                            QString::number(at.y(), 'g', 6), runCostCurrency(m_costs)));
            else
                QToolTip::hideText();
        });
    chart->addSeries(line);
    chart->addSeries(all);
    chart->addSeries(front);
    auto *x = valueAxis(tr("cost (%1)").arg(runCostCurrency(m_costs)), std::min(0.0, xlo), xhi);
    x->setMin(0);
    x->applyNiceNumbers();
    auto *y = valueAxis(m_primary, ylo, yhi);
    y->applyNiceNumbers();
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries *s : chart->series()) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    chart->legend()->setAlignment(Qt::AlignBottom);
    if (auto markers = chart->legend()->markers(line); !markers.isEmpty())
        markers.front()->setVisible(false);
    replaceChart(m_pareto, chart);
}

} // namespace costscope::views
