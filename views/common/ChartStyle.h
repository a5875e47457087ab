#pragma once

#include "model/store/CostQuery.h"

#include <QColor>
#include <QPalette>
#include <QString>

#include <cstdint>
#include <vector>

class QAbstractAxis;
class QChart;
class QValueAxis;

namespace costscope::views {

// Text for money: "1,234.56 USD".
QString moneyText(int64_t nanos, const QString &currency);
// "+12.3 %" / "-4.0 %"; empty when there is nothing to compare with.
QString percentChangeText(int64_t now, int64_t before);

// Date patterns for QLocale::toString and QDateTimeAxis::setFormat, translated because each
// language orders day, month and year its own way: "MMM yyyy" (zh_CN "yyyy年M月"), "d MMM"
// ("M月d日"), "ddd d MMM yyyy".
QString monthFormat();
QString shortDayFormat();
QString longDayFormat();

// The colour of the index-th series, readable on the palette's base colour (light or dark).
QColor seriesColor(int index, const QPalette &palette);
// The colour used for the "Other" group.
QColor otherColor(const QPalette &palette);
bool isDarkPalette(const QPalette &palette);

// Chart background, text, grid and legend colours from the palette.
void styleChart(QChart *chart, const QPalette &palette);
void styleAxis(QAbstractAxis *axis, const QPalette &palette);

// Charts plot money in units, thousands or millions of the currency, so axis labels stay short.
struct MoneyScale
{
    double divisor = 1;
    QString title; // "USD", "USD (thousands)" ...
};
MoneyScale moneyScale(const QString &currency, double max);
// A value axis for money titled with the currency; max is the largest stacked value in units.
QValueAxis *makeMoneyAxis(const MoneyScale &scale, double max, int ticks);

// Builds a chart of stacked bars, one bar per bucket and one bar set per group, with a
// date axis that labels a readable subset of the buckets and tooltips on hover.
// Groups should already be collapsed to a handful (CostSeries::collapsed).
QChart *makeStackedCostChart(const store::CostSeries &series, const QPalette &palette);

// A horizontal bar chart of a ranking (top services ...), largest on top, with tooltips.
QChart *makeRankingChart(const std::vector<store::DimensionValue> &values, const QString &currency,
                         const QPalette &palette);

} // namespace costscope::views
