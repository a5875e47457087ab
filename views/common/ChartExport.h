#pragma once

#include <QImage>
#include <QString>

class QChartView;
class QWidget;

namespace costscope::views {

// The chart as the view shows it, rendered at devicePixelRatio (a 600x300 view at 2 gives a
// 1200x600 image) on the chart's background.
QImage chartImage(QChartView &view, qreal devicePixelRatio = 2.0);
// PNG at device pixel ratio 2, and vector SVG (QSvgGenerator: series as paths, text as text),
// written with QSaveFile; false with *error.
bool writeChartPng(QChartView &view, const QString &path, QString *error);
bool writeChartSvg(QChartView &view, const QString &path, QString *error);

// Adds "Save chart as PNG… / SVG…" to the view's context menu; defaultName names the file.
void installChartExport(QChartView *view, const QString &defaultName);
// installChartExport on every chart view under root that has none yet, named after its
// objectName (or "chart").
void installChartExports(QWidget *root);

} // namespace costscope::views
