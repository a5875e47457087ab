#include "views/common/ChartStyle.h"

#include "model/Money.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QCoreApplication>
#include <QCursor>
#include <QHorizontalBarSeries>
#include <QLegend>
#include <QLocale>
#include <QObject>
#include <QStackedBarSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace costscope::views {

namespace {

// A qualitative palette (distinct hues of similar weight); lightened on dark backgrounds.
constexpr QRgb kSeries[] = {0x4e79a7, 0xf28e2b, 0x59a14f, 0xe15759, 0x76b7b2,
                            0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0x86bcb6};

QColor blend(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(a.redF() * (1 - t) + b.redF() * t, a.greenF() * (1 - t) + b.greenF() * t,
                            a.blueF() * (1 - t) + b.blueF() * t);
}

double unitsOf(int64_t nanos) { return static_cast<double>(nanos) / static_cast<double>(Money::kScale); }

QString bucketText(const QDate &d, store::Granularity g)
{
    const QLocale locale;
    if (g == store::Granularity::Month)
        return locale.toString(d, monthFormat());
    return locale.toString(d, longDayFormat());
}

} // namespace

// Date formats (QLocale::toString patterns) are translatable: each language orders day, month
// and year its own way (zh_CN: "yyyy年M月").
QString monthFormat()
{
    return QCoreApplication::translate("costscope::views::ChartStyle", "MMM yyyy", "date format of a month");
}
QString shortDayFormat()
{
    return QCoreApplication::translate("costscope::views::ChartStyle", "d MMM", "date format of an axis label");
}
QString longDayFormat()
{
    return QCoreApplication::translate("costscope::views::ChartStyle", "ddd d MMM yyyy", "date format of a day");
}

QString moneyText(int64_t nanos, const QString &currency) { return Money::fromNanos(nanos).toDisplay(currency); }

QString percentChangeText(int64_t now, int64_t before)
{
    if (before == 0)
        return {};
    const double pct = (static_cast<double>(now) - static_cast<double>(before)) / std::abs(static_cast<double>(before)) * 100.0;
    const QString number = QLocale().toString(std::abs(pct), 'f', 1);
    return (pct >= 0 ? QStringLiteral("+") : QStringLiteral("\u2212")) + number + QStringLiteral("\u00a0%");
}

bool isDarkPalette(const QPalette &palette) { return palette.color(QPalette::Base).lightnessF() < 0.5; }

QColor seriesColor(int index, const QPalette &palette)
{
    const int n = static_cast<int>(std::size(kSeries));
    QColor c = QColor::fromRgb(kSeries[((index % n) + n) % n]);
    if (isDarkPalette(palette))
        c = blend(c, Qt::white, 0.15);
    return c;
}

QColor otherColor(const QPalette &palette)
{
    return blend(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.35);
}

void styleAxis(QAbstractAxis *axis, const QPalette &palette)
{
    const QColor text = palette.color(QPalette::Text);
    const QColor grid = blend(palette.color(QPalette::Base), text, 0.15);
    axis->setLabelsColor(text);
    axis->setTitleBrush(text);
    axis->setLinePenColor(blend(palette.color(QPalette::Base), text, 0.4));
    axis->setGridLineColor(grid);
    axis->setMinorGridLineColor(grid);
    QFont f = axis->labelsFont();
    f.setPointSizeF(std::max(7.0, QFont().pointSizeF() - 1));
    axis->setLabelsFont(f);
}

void styleChart(QChart *chart, const QPalette &palette)
{
    const QColor text = palette.color(QPalette::Text);
    chart->setBackgroundBrush(palette.color(QPalette::Base));
    chart->setBackgroundPen(Qt::NoPen);
    chart->setBackgroundRoundness(0);
    chart->setTitleBrush(text);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setLabelColor(text);
    for (QAbstractAxis *axis : chart->axes())
        styleAxis(axis, palette);
}

MoneyScale moneyScale(const QString &currency, double max)
{
    if (max >= 1e6)
        return {1e6, QObject::tr("%1 (millions)").arg(currency)};
    if (max >= 1e4)
        return {1e3, QObject::tr("%1 (thousands)").arg(currency)};
    return {1, currency};
}

QValueAxis *makeMoneyAxis(const MoneyScale &scale, double max, int ticks)
{
    auto *axis = new QValueAxis;
    axis->setTitleText(scale.title);
    const double top = max / scale.divisor;
    axis->setLabelFormat(top < 10 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
    axis->setRange(0, top > 0 ? top * 1.05 : 1);
    axis->setTickCount(ticks);
    axis->applyNiceNumbers();
    return axis;
}

QChart *makeStackedCostChart(const store::CostSeries &series, const QPalette &palette)
{
    auto *chart = new QChart;
    auto *bars = new QStackedBarSeries;
    bars->setBarWidth(0.8);
    const QString currency = series.currency;
    double max = 0;
    for (int64_t t : series.bucketTotals())
        max = std::max(max, unitsOf(t));
    const MoneyScale scale = moneyScale(currency, max);
    const store::Granularity granularity = series.granularity;
    const std::vector<QDate> buckets = series.buckets;
    int colour = 0;
    for (const store::CostGroup &g : series.groups) {
        auto *set = new QBarSet(g.label);
        QList<qreal> values;
        values.reserve(static_cast<qsizetype>(g.nanos.size()));
        for (int64_t v : g.nanos)
            values << unitsOf(v) / scale.divisor;
        set->append(values);
        const bool isOther = g.key.startsWith(QChar(0x1f));
        const QColor c = isOther ? otherColor(palette) : seriesColor(colour++, palette);
        set->setColor(c);
        set->setBorderColor(c);
        const std::vector<int64_t> nanos = g.nanos;
        const QString label = g.label;
        QObject::connect(set, &QBarSet::hovered, set, [=](bool status, int index) {
            if (!status || index < 0 || static_cast<size_t>(index) >= nanos.size()) {
                QToolTip::hideText();
                return;
            }
            const QString tip = QStringLiteral("<b>%1</b><br>%2<br>%3")
                                    .arg(label.toHtmlEscaped(), bucketText(buckets[static_cast<size_t>(index)], granularity),
                                         moneyText(nanos[static_cast<size_t>(index)], currency));
            QToolTip::showText(QCursor::pos(), tip);
        });
        bars->append(set);
    }
    chart->addSeries(bars);

    // Bars sit at x = 0, 1, 2 ...; a category axis labels a readable subset of them.
    auto *x = new QCategoryAxis;
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    const auto n = static_cast<int>(buckets.size());
    const QLocale locale;
    if (granularity == store::Granularity::Month) {
        const int step = n > 14 ? 3 : 1;
        for (int i = 0; i < n; i += step)
            x->append(locale.toString(buckets[static_cast<size_t>(i)], monthFormat()), i);
    } else {
        // Label month starts when the range is long, else every week (on the first bucket's weekday).
        const bool monthly = n > 62;
        for (int i = 0; i < n; ++i) {
            const QDate &d = buckets[static_cast<size_t>(i)];
            const bool label = monthly ? d.day() == 1 : (i % 7 == 0);
            if (label)
                x->append(locale.toString(d, shortDayFormat()), i);
        }
    }
    x->setRange(-0.5, n - 0.5);
    x->setGridLineVisible(false);
    chart->addAxis(x, Qt::AlignBottom);
    bars->attachAxis(x);

    QValueAxis *y = makeMoneyAxis(scale, max, 5);
    chart->addAxis(y, Qt::AlignLeft);
    bars->attachAxis(y);

    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setVisible(!series.groups.empty());
    styleChart(chart, palette);
    return chart;
}

QChart *makeRankingChart(const std::vector<store::DimensionValue> &values, const QString &currency,
                         const QPalette &palette)
{
    auto *chart = new QChart;
    auto *bars = new QHorizontalBarSeries;
    bars->setBarWidth(0.7);
    auto *set = new QBarSet(currency);
    QStringList categories;
    std::vector<int64_t> nanos;
    std::vector<QString> labels;
    double max = 0;
    for (const store::DimensionValue &v : values)
        max = std::max(max, unitsOf(v.nanos));
    const MoneyScale scale = moneyScale(currency, max);
    // Largest on top: horizontal bar charts draw the first category at the bottom.
    const QFontMetrics fm(QFont{});
    for (auto it = values.rbegin(); it != values.rend(); ++it) {
        QString label = fm.elidedText(it->label, Qt::ElideMiddle, 190);
        // Categories must be unique; elided labels can collide.
        while (categories.contains(label))
            label += QChar(0x200b);
        categories << label;
        set->append(unitsOf(it->nanos) / scale.divisor);
        nanos.push_back(it->nanos);
        labels.push_back(it->label);
    }
    const QColor c = seriesColor(0, palette);
    set->setColor(c);
    set->setBorderColor(c);
    QObject::connect(set, &QBarSet::hovered, set, [=](bool status, int index) {
        if (!status || index < 0 || static_cast<size_t>(index) >= nanos.size()) {
            QToolTip::hideText();
            return;
        }
        QToolTip::showText(QCursor::pos(), QStringLiteral("<b>%1</b><br>%2")
                                               .arg(labels[static_cast<size_t>(index)].toHtmlEscaped(),
                                                    moneyText(nanos[static_cast<size_t>(index)], currency)));
    });
    bars->append(set);
    chart->addSeries(bars);
    auto *y = new QBarCategoryAxis;
    y->append(categories);
    y->setGridLineVisible(false);
    // The labels are already elided to 190 px above; Qt's own truncation, computed while the chart
    // is first laid out small, would otherwise leave every label as "...".
    y->setTruncateLabels(false);
    chart->addAxis(y, Qt::AlignLeft);
    bars->attachAxis(y);
    QValueAxis *x = makeMoneyAxis(scale, max, 4);
    chart->addAxis(x, Qt::AlignBottom);
    bars->attachAxis(x);
    chart->legend()->setVisible(false);
    styleChart(chart, palette);
    return chart;
}

} // namespace costscope::views
