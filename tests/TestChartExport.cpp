#include "views/common/ChartExport.h"
#include "views/common/Dialogs.h"

#include <QAction>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLineSeries>
#include <QMenu>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QVBoxLayout>
#include <QXmlStreamReader>

using namespace costscope;

namespace {

QString s(const char *text) { return QString::fromUtf8(text); }

const QColor kLineColor(0x12, 0x9e, 0x3a);
const QColor kBarColor(0xd0, 0x20, 0x60);

// A window with one chart view, 600 x 300 logical pixels: a line and a bar series, a title.
struct ChartWindow
{
    QWidget window;
    QChartView *view = nullptr;

    ChartWindow()
    {
        auto *layout = new QVBoxLayout(&window);
        layout->setContentsMargins(0, 0, 0, 0);
        view = new QChartView(&window);
        view->setObjectName(s("testChart"));
        view->setFrameShape(QFrame::NoFrame);
        view->setFixedSize(600, 300);
        auto *chart = new QChart;
        chart->setTitle(s("Daily cost by provider"));
        auto *line = new QLineSeries(chart);
        line->setName(s("forecast"));
        for (int i = 0; i < 10; ++i)
            line->append(i, (i * 7) % 10 + 1);
        auto *bars = new QBarSeries(chart);
        auto *set = new QBarSet(s("AWS"));
        *set << 3 << 5 << 2 << 8;
        bars->append(set);
        chart->addSeries(bars);
        chart->addSeries(line);
        chart->createDefaultAxes();
        // After addSeries, which applies the theme's colours.
        line->setPen(QPen(kLineColor, 3));
        set->setColor(kBarColor);
        set->setBorderColor(kBarColor);
        view->setChart(chart);
        layout->addWidget(view);
    }
};

bool hasColour(const QImage &image, const QColor &colour)
{
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            if (image.pixelColor(x, y).rgb() == colour.rgb())
                return true;
    return false;
}

} // namespace

class TestChartExport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { views::setDialogHandlers({}); }
    void pngAtDevicePixelRatio2();
    void svgIsVectorWithTitle();
    void contextMenuSavesBoth();
    void unwritablePathFails();
    void installOnEveryChartView();
};

void TestChartExport::pngAtDevicePixelRatio2()
{
    ChartWindow w;
    w.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QTemporaryDir dir;
    const QString path = dir.filePath(s("chart.png"));
    QString error;
    QVERIFY2(views::writeChartPng(*w.view, path, &error), qPrintable(error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.read(8) == QByteArray("\x89PNG\r\n\x1a\n", 8));
    QImage image;
    QVERIFY(image.load(path, "PNG"));
    QCOMPARE(image.size(), QSize(1200, 600));
    // The series were drawn, not only the background.
    QVERIFY(hasColour(image, kBarColor));
    QVERIFY(hasColour(image, kLineColor));
    // chartImage at ratio 1 is the logical size.
    QCOMPARE(views::chartImage(*w.view, 1.0).size(), QSize(600, 300));
}

void TestChartExport::svgIsVectorWithTitle()
{
    ChartWindow w;
    w.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QTemporaryDir dir;
    const QString path = dir.filePath(s("chart.svg"));
    QString error;
    QVERIFY2(views::writeChartSvg(*w.view, path, &error), qPrintable(error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    if (qEnvironmentVariableIsSet("COSTSCOPE_KEEP_SVG"))
        QFile::copy(path, qEnvironmentVariable("COSTSCOPE_KEEP_SVG"));

    // QSvgGenerator writes a group per pen/brush state and the shapes inside it: the line series
    // is a <polyline> (or <path>) stroked in its colour, the bars are <rect>s filled in theirs.
    QXmlStreamReader xml(bytes);
    int shapes = 0, images = 0;
    bool svgRoot = false;
    QString text;
    QString groupStroke, groupFill;
    QStringList lineStrokes, rectFills;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const QStringView name = xml.name();
        if (name == u"svg") {
            svgRoot = true;
        } else if (name == u"g") {
            groupStroke = xml.attributes().value(QLatin1String("stroke")).toString();
            groupFill = xml.attributes().value(QLatin1String("fill")).toString();
        } else if (name == u"path" || name == u"polyline" || name == u"polygon") {
            ++shapes;
            lineStrokes << groupStroke;
        } else if (name == u"rect") {
            ++shapes;
            rectFills << groupFill;
        } else if (name == u"image") {
            ++images;
        } else if (name == u"text") {
            text += xml.readElementText(QXmlStreamReader::IncludeChildElements) + u' ';
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(svgRoot);
    QVERIFY2(shapes >= 6, qPrintable(QString::number(shapes))); // background, plot area, 4 bars, the line
    QCOMPARE(images, 0); // vector, no embedded bitmap
    QVERIFY2(text.contains(s("Daily cost by provider")), qPrintable(text));
    QVERIFY2(text.contains(s("AWS")), qPrintable(text)); // the legend
    QVERIFY2(lineStrokes.contains(kLineColor.name()), qPrintable(lineStrokes.join(u' ')));
    QCOMPARE(rectFills.count(kBarColor.name()), 5); // four bars and the legend marker
    // No empty groups are left from state changes that drew nothing.
    QVERIFY(!QString::fromUtf8(bytes).contains(QRegularExpression(s("<g[^>]*>\\s*</g>"))));
    // The size is the view's.
    QVERIFY(bytes.contains("width=\"") && bytes.contains("viewBox=\"0 0 600 300\""));
}

void TestChartExport::contextMenuSavesBoth()
{
    ChartWindow w;
    views::installChartExport(w.view, s("daily-cost"));
    w.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QTemporaryDir dir;
    QStringList suggested;
    QStringList warnings;
    views::DialogHandlers h;
    h.saveFileName = [&](const QString &, const QString &proposal, const QString &) {
        suggested << proposal;
        return dir.filePath(QFileInfo(proposal).fileName());
    };
    h.warning = [&](const QString &, const QString &text) { warnings << text; };
    views::setDialogHandlers(h);

    QCOMPARE(w.view->contextMenuPolicy(), Qt::CustomContextMenu);
    for (const char *actionName : {"saveChartPngAction", "saveChartSvgAction"}) {
        Q_EMIT w.view->customContextMenuRequested(QPoint(10, 10));
        auto *menu = w.view->findChild<QMenu *>(s("chartExportMenu"));
        QVERIFY(menu);
        auto *action = menu->findChild<QAction *>(QString::fromLatin1(actionName));
        QVERIFY(action);
        action->trigger();
        menu->close();
        QTRY_VERIFY(!w.view->findChild<QMenu *>(s("chartExportMenu"))); // deleted on close
    }
    QCOMPARE(suggested.size(), 2);
    QVERIFY(suggested[0].endsWith(s("daily-cost.png")));
    QVERIFY(suggested[1].endsWith(s("daily-cost.svg")));
    QImage png;
    QVERIFY(png.load(dir.filePath(s("daily-cost.png"))));
    QCOMPARE(png.size(), QSize(1200, 600));
    QFile svg(dir.filePath(s("daily-cost.svg")));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    QVERIFY(svg.readAll().contains("Daily cost by provider"));
    QVERIFY(warnings.isEmpty());
}

void TestChartExport::unwritablePathFails()
{
    ChartWindow w;
    w.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QTemporaryDir dir;
    QString error;
    const QString png = dir.filePath(s("missing/chart.png"));
    QVERIFY(!views::writeChartPng(*w.view, png, &error));
    QVERIFY2(error.contains(s("missing")), qPrintable(error));
    const QString svg = dir.filePath(s("missing/chart.svg"));
    error.clear();
    QVERIFY(!views::writeChartSvg(*w.view, svg, &error));
    QVERIFY2(error.contains(s("missing")), qPrintable(error));
    QVERIFY(!QFile::exists(png) && !QFile::exists(svg));

    // Through the menu, the failure is shown once.
    QStringList warnings;
    views::DialogHandlers h;
    h.saveFileName = [&](const QString &, const QString &, const QString &) { return png; };
    h.warning = [&](const QString &, const QString &text) { warnings << text; };
    views::setDialogHandlers(h);
    views::installChartExport(w.view, s("x"));
    Q_EMIT w.view->customContextMenuRequested(QPoint(10, 10));
    auto *menu = w.view->findChild<QMenu *>(s("chartExportMenu"));
    QVERIFY(menu);
    menu->findChild<QAction *>(s("saveChartPngAction"))->trigger();
    menu->close();
    QCOMPARE(warnings.size(), 1);
}

void TestChartExport::installOnEveryChartView()
{
    QWidget root;
    auto *layout = new QVBoxLayout(&root);
    auto *a = new QChartView(&root);
    a->setObjectName(s("dashboardDailyChart"));
    auto *inner = new QWidget(&root);
    auto *b = new QChartView(inner); // deeper in the tree, no object name
    layout->addWidget(a);
    layout->addWidget(inner);
    views::installChartExport(a, s("kept-name"));
    views::installChartExports(&root);
    QCOMPARE(a->contextMenuPolicy(), Qt::CustomContextMenu);
    QCOMPARE(b->contextMenuPolicy(), Qt::CustomContextMenu);

    // A name given before stays; the other is named "chart".
    QStringList suggested;
    views::DialogHandlers h;
    h.saveFileName = [&](const QString &, const QString &proposal, const QString &) {
        suggested << QFileInfo(proposal).fileName();
        return QString();
    };
    views::setDialogHandlers(h);
    for (QChartView *v : {a, b}) {
        Q_EMIT v->customContextMenuRequested(QPoint(1, 1));
        QMenu *menu = v->findChild<QMenu *>(s("chartExportMenu"));
        QVERIFY(menu);
        // One menu per request: installChartExports did not connect a second handler to a.
        QCOMPARE(v->findChildren<QMenu *>(s("chartExportMenu")).size(), 1);
        menu->findChild<QAction *>(s("saveChartSvgAction"))->trigger();
        menu->close();
    }
    QCOMPARE(suggested, (QStringList{s("kept-name.svg"), s("chart.svg")}));
}

QTEST_MAIN(TestChartExport)
#include "TestChartExport.moc"
