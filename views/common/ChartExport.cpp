#include "views/common/ChartExport.h"

#include "views/common/Dialogs.h"

#include <QAction>
#include <QBuffer>
#include <QChart>
#include <QChartView>
#include <QDir>
#include <QMenu>
#include <QPainter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSvgGenerator>

namespace costscope::views {

namespace {

const char kChartName[] = "costscopeChartExportName";

bool saveBytes(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = QObject::tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

QBrush background(QChartView &view)
{
    if (QChart *chart = view.chart(); chart && chart->backgroundBrush().style() != Qt::NoBrush)
        return chart->backgroundBrush();
    return view.palette().base();
}

void renderChart(QChartView &view, QPainter &painter, const QRectF &target)
{
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.fillRect(target, background(view));
    view.render(&painter, target, view.viewport()->rect(), Qt::KeepAspectRatio);
}

void saveAs(QChartView *view, bool svg)
{
    QString name = view->property(kChartName).toString();
    if (name.isEmpty())
        name = QStringLiteral("chart");
    const QString suffix = svg ? QStringLiteral(".svg") : QStringLiteral(".png");
    const QString path = askSaveFileName(view->window(), svg ? QObject::tr("Save chart as SVG") : QObject::tr("Save chart as PNG"),
                                         QDir::home().filePath(name + suffix),
                                         svg ? QObject::tr("SVG images (*.svg)") : QObject::tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    QString error;
    const bool ok = svg ? writeChartSvg(*view, path, &error) : writeChartPng(*view, path, &error);
    if (!ok)
        showWarning(view->window(), QObject::tr("Save chart"), QObject::tr("The chart was not saved: %1").arg(error));
}

} // namespace

QImage chartImage(QChartView &view, qreal devicePixelRatio)
{
    const QSize logical = view.viewport()->size();
    QImage image(logical * devicePixelRatio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(devicePixelRatio);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    renderChart(view, painter, QRectF(QPointF(0, 0), QSizeF(logical)));
    painter.end();
    return image;
}

bool writeChartPng(QChartView &view, const QString &path, QString *error)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!chartImage(view, 2.0).save(&buffer, "PNG")) {
        *error = QObject::tr("%1: the image could not be encoded").arg(QDir::toNativeSeparators(path));
        return false;
    }
    return saveBytes(path, bytes, error);
}

bool writeChartSvg(QChartView &view, const QString &path, QString *error)
{
    const QSize size = view.viewport()->size();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setTitle(view.chart() ? view.chart()->title() : QString());
    svg.setDescription(QObject::tr("Costscope chart"));
    QPainter painter;
    if (!painter.begin(&svg)) {
        *error = QObject::tr("%1: the SVG could not be started").arg(QDir::toNativeSeparators(path));
        return false;
    }
    renderChart(view, painter, QRectF(QPointF(0, 0), QSizeF(size)));
    painter.end();
    // The generator opens a group at every pen or brush change, also where nothing is drawn
    // (hundreds on a chart); empty groups carry nothing and are dropped.
    static const QRegularExpression emptyGroup(QStringLiteral("<g[^>]*>\\s*</g>\\s*"));
    return saveBytes(path, QString::fromUtf8(bytes).remove(emptyGroup).toUtf8(), error);
}

void installChartExport(QChartView *view, const QString &defaultName)
{
    view->setProperty(kChartName, defaultName);
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(view, &QWidget::customContextMenuRequested, view, [view](const QPoint &pos) {
        auto *menu = new QMenu(view);
        menu->setObjectName(QStringLiteral("chartExportMenu"));
        menu->setAttribute(Qt::WA_DeleteOnClose);
        QAction *png = menu->addAction(QObject::tr("Save chart as PNG\u2026"));
        png->setObjectName(QStringLiteral("saveChartPngAction"));
        QAction *svgAction = menu->addAction(QObject::tr("Save chart as SVG\u2026"));
        svgAction->setObjectName(QStringLiteral("saveChartSvgAction"));
        QObject::connect(png, &QAction::triggered, view, [view]() { saveAs(view, false); });
        QObject::connect(svgAction, &QAction::triggered, view, [view]() { saveAs(view, true); });
        menu->popup(view->viewport()->mapToGlobal(pos));
    });
}

void installChartExports(QWidget *root)
{
    const auto views = root->findChildren<QChartView *>();
    for (QChartView *view : views) {
        if (view->property(kChartName).isValid())
            continue;
        QString name = view->objectName();
        if (name.isEmpty())
            name = QStringLiteral("chart");
        installChartExport(view, name);
    }
}

} // namespace costscope::views
