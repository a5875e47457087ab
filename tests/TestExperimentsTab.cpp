// The Experiments tab driven through the real MainWindow: the demo's experiments and runs, the
// MLflow filter box, only-differing params, the comparison charts of the selected runs, the
// Pareto front and leaderboard of a hand-made fixture, the host mapping editor, the tracking
// toggle (a fake endpoint) and a live MLflow client session logged into the real endpoint.

#include "StoreTestSupport.h"

#include "model/demo/DemoGenerator.h"
#include "model/ml/RunCost.h"
#include "model/ml/RunStore.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "model/store/CurrencyRateStore.h"
#include "providers/ml/TrackingServerService.h"
#include "views/MainWindow.h"
#include "views/anomalies/AnomaliesTab.h"
#include "views/common/DisplayCurrency.h"
#include "views/common/TableExport.h"
#include "model/report/MonthlyReport.h"
#include "views/experiments/ExperimentData.h"
#include "views/experiments/ExperimentsTab.h"
#include "views/experiments/LeaderboardPanel.h"
#include "views/experiments/RunComparison.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QPushButton>
#include <QScatterSeries>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTreeWidget>

using namespace costscope;

namespace {

template <typename T> T *child(QWidget *root, const char *name)
{
    return root->findChild<T *>(QString::fromLatin1(name));
}

constexpr int64_t kHour = 3'600'000;
// 2026-03-10 08:00 UTC: every fixture run starts then.
const int64_t kStart = QDateTime(QDate(2026, 3, 10), QTime(8, 0), Qt::UTC).toMSecsSinceEpoch();

struct FixtureRun
{
    const char *name;
    double hours;      // m5.large at 0.096 USD/h: the cost is a catalog estimate
    const char *lr;
    const char *model;
    std::vector<double> acc; // steps 0, 1, 2 ...; empty: no acc metric
};

// Hand-made runs. Costs: E 0.048, A 0.096, B 0.192, C 0.288, D 0.384 (0.096 x hours).
// acc (last): E 0.70, A 0.80, B 0.90, C 0.85, D 0.95, F none.
// Pareto front (max acc, cheapest for each level): E, A, B, D (C costs more than B for less).
// Leaderboard by acc max: D, B, C, A, E ranked (top three D, B, C); F not qualified.
const FixtureRun kRuns[] = {
    {"run-a", 1.0, "0.1", "cnn", {0.5, 0.82, 0.80}},
    {"run-b", 2.0, "0.01", "cnn", {0.6, 0.88, 0.90}},
    {"run-c", 3.0, "0.001", "mlp", {0.4, 0.80, 0.85}},
    {"run-d", 4.0, "0.01", "mlp", {0.7, 0.93, 0.95}},
    {"run-e", 0.5, "0.1", "mlp", {0.3, 0.65, 0.70}},
    {"run-f", 1.0, "0.1", "cnn", {}},
};

class FakeTracking : public TrackingService
{
public:
    bool start(const QString &workspacePath, const TrackingEndpointOptions &options, QString *error) override
    {
        starts << options.port;
        if (options.port == busyPort) {
            if (error)
                *error = QStringLiteral("cannot listen on 127.0.0.1:%1: The bound address is already in use").arg(busyPort);
            return false;
        }
        path = workspacePath;
        token = options.token;
        port = options.port == 0 ? 54321 : options.port;
        running = true;
        return true;
    }
    void stop() override { running = false; }
    bool isRunning() const override { return running; }
    QString uri() const override { return running ? QStringLiteral("http://127.0.0.1:%1").arg(port) : QString(); }

    QList<int> starts;
    int busyPort = -1;
    int port = 0;
    bool running = false;
    QString path;
    QString token;
};

// The keychain: answers reads asynchronously, as the real one does.
class FakeCredentials : public CredentialService
{
public:
    void storeSecret(const QString &, const QString &, const QString &, QObject *context, DoneFn done) override
    {
        QMetaObject::invokeMethod(context, [done]() { done({}); }, Qt::QueuedConnection);
    }
    void readSecret(const QString &accountId, const QString &field, QObject *context, ReadFn done) override
    {
        reads << accountId + u'/' + field;
        SecretReadResult r;
        r.ok = secrets.contains(accountId + u'/' + field);
        r.notFound = !r.ok;
        r.secret = secrets.value(accountId + u'/' + field);
        QMetaObject::invokeMethod(context, [done, r]() { done(r); }, Qt::QueuedConnection);
    }
    void removeAccount(const QString &, QObject *context, DoneFn done) override
    {
        QMetaObject::invokeMethod(context, [done]() { done({}); }, Qt::QueuedConnection);
    }
    QHash<QString, QString> secrets;
    QStringList reads;
};

QString cell(QTableView *table, int row, const QString &header)
{
    QAbstractItemModel *m = table->model();
    for (int c = 0; c < m->columnCount(); ++c)
        if (m->headerData(c, Qt::Horizontal).toString() == header)
            return m->index(row, c).data().toString();
    return QStringLiteral("<no column %1>").arg(header);
}

int rowOf(QTableView *table, const QString &runName)
{
    for (int r = 0; r < table->model()->rowCount(); ++r)
        if (table->model()->index(r, 0).data().toString() == runName)
            return r;
    return -1;
}

QStringList headers(QTableView *table)
{
    QStringList out;
    for (int c = 0; c < table->model()->columnCount(); ++c)
        out << table->model()->headerData(c, Qt::Horizontal).toString();
    return out;
}

QStringList shownNames(QTableView *table)
{
    QStringList out;
    for (int r = 0; r < table->model()->rowCount(); ++r)
        out << table->model()->index(r, 0).data().toString();
    out.sort();
    return out;
}

} // namespace

class TestExperimentsTab : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void demoExperimentsRunsAndLeaderboard();
    void searchFilterValidAndInvalid();
    void onlyDifferingParamsAndMetricRange();
    void comparisonChartsOfSelectedRuns();
    void paretoFrontOfFixture();
    void leaderboardOrderTopThreeAndSettings();
    void tableExportsCarryPlainValues();
    void hostMappingEditChangesCost();
    void displayCurrencyConvertsRunCosts();
    void trackingToggleAndBusyPort();
    void trackingTokenFromKeychain();
    void liveClientSessionAppears();
    void npmClientRunAppearsLive();

private:
    std::unique_ptr<views::MainWindow> openWindow(store::CostStore &store, TrackingService *tracking,
                                                  CredentialService *credentials = nullptr);
    views::ExperimentsTab *showTab(views::MainWindow &window, const QString &experiment = QStringLiteral("fixture"));
    QTemporaryDir m_dir;
    QString m_demo;
    QString m_fixture;
    QHash<QString, QString> m_ids; // run name -> run id
};

void TestExperimentsTab::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("CostscopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("TestExperimentsTab"));
    QSettings().clear();
    QSettings().setValue(QStringLiteral("tracking/enabledAtStart"), false);
    QVERIFY(m_dir.isValid());

    m_demo = m_dir.filePath(QStringLiteral("demo.costscope"));
    {
        store::CostStore s;
        QVERIFY(s.open(m_demo));
        demo::DemoOptions options;
        options.months = 2;
        // Ends today, so the demo's RUNNING run ends now as the tab prices it.
        options.endDate = QDateTime::currentDateTimeUtc().date();
        QString error;
        QVERIFY2(demo::generateDemo(s, options, {}, {}, nullptr, &error), qPrintable(error));
    }

    m_fixture = m_dir.filePath(QStringLiteral("fixture.costscope"));
    store::CostStore s;
    QVERIFY(s.open(m_fixture));
    ml::RunStore runs(s.db());
    ml::MlError e;
    const auto exp = runs.createExperiment(QStringLiteral("fixture"), {}, {}, &e);
    QVERIFY2(exp, qPrintable(e.message));
    QVERIFY(s.db().exec("UPDATE ml_experiment SET primary_metric = 'acc', maximize = 1 WHERE name = 'fixture'"));
    for (const FixtureRun &f : kRuns) {
        ml::NewRun n;
        n.experimentId = *exp;
        n.userId = QStringLiteral("alice");
        n.startTime = kStart;
        n.runName = QString::fromLatin1(f.name);
        n.tags = {{QStringLiteral("costscope.instance_type"), QStringLiteral("m5.large")},
                  {QStringLiteral("team"), QStringLiteral("vision")}};
        const auto run = runs.createRun(n, &e);
        QVERIFY2(run, qPrintable(e.message));
        m_ids[n.runName] = run->info.runId;
        std::vector<ml::Metric> metrics;
        for (size_t i = 0; i < f.acc.size(); ++i)
            metrics.push_back({QStringLiteral("acc"), f.acc[i], kStart + static_cast<int64_t>(i) * 1000, static_cast<int64_t>(i)});
        const ml::KeyValues params{{QStringLiteral("lr"), QString::fromLatin1(f.lr)},
                                   {QStringLiteral("model"), QString::fromLatin1(f.model)},
                                   {QStringLiteral("batch"), QStringLiteral("32")}};
        QVERIFY2(runs.logBatch(run->info.runId, metrics, params, {}, &e), qPrintable(e.message));
        QVERIFY(runs.updateRun(run->info.runId, QStringLiteral("FINISHED"), kStart + static_cast<int64_t>(f.hours * kHour),
                               std::nullopt, &e));
    }
    // A run that only reports its host: no cost until the host is mapped to i-gpu, billed 24.00
    // on that day with no catalog price (24 billed hours), so its 2 hours cost 24 x 2/24 = 2.00.
    const auto hostExp = runs.createExperiment(QStringLiteral("host-mapped"), {}, {}, &e);
    QVERIFY(hostExp);
    ml::NewRun n;
    n.experimentId = *hostExp;
    n.startTime = kStart;
    n.runName = QStringLiteral("on-gpu-box");
    n.tags = {{QStringLiteral("mlflow.system.hostname"), QStringLiteral("gpu-box-1")}};
    const auto hostRun = runs.createRun(n, &e);
    QVERIFY(hostRun);
    m_ids[n.runName] = hostRun->info.runId;
    QVERIFY(runs.logMetric(hostRun->info.runId, {QStringLiteral("loss"), 0.5, kStart, 0}, &e));
    QVERIFY(runs.updateRun(hostRun->info.runId, QStringLiteral("FINISHED"), kStart + 2 * kHour, std::nullopt, &e));
    CostBatch b = testsupport::makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), QDate(2026, 3, 1));
    b.rows.push_back(testsupport::makeRow(QDate(2026, 3, 10), "24", QStringLiteral("EC2"), QStringLiteral("us-east-1"),
                                          QStringLiteral("111"), QStringLiteral("i-gpu")));
    store::CostWriter writer(s);
    QString error;
    QVERIFY2(writer.write(testsupport::source(QStringLiteral("gpu")), {b}, &error), qPrintable(error));
}

std::unique_ptr<views::MainWindow> TestExperimentsTab::openWindow(store::CostStore &store, TrackingService *tracking,
                                                                 CredentialService *credentials)
{
    views::MainWindowOptions options;
    options.today = [] { return QDate(2026, 3, 20); };
    options.trackingService = tracking;
    options.credentialService = credentials;
    auto window = std::make_unique<views::MainWindow>(store, options);
    window->show();
    return window;
}

views::ExperimentsTab *TestExperimentsTab::showTab(views::MainWindow &window, const QString &experiment)
{
    auto *tabs = child<QTabWidget>(&window, "tabs");
    views::ExperimentsTab *tab = window.experiments();
    if (!tabs || !tab)
        return nullptr;
    // After Anomalies, as the issue asks.
    const int anomalies = tabs->indexOf(window.anomalies());
    if (tabs->indexOf(tab) != anomalies + 1 || tabs->tabText(tabs->indexOf(tab)) != u"Experiments")
        return nullptr;
    QSignalSpy loaded(tab, &views::ExperimentsTab::loaded);
    tabs->setCurrentWidget(tab);
    if (loaded.isEmpty() && !loaded.wait(30000))
        return nullptr;
    auto *list = child<QTreeWidget>(tab, "experimentList");
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        if (list->topLevelItem(i)->text(0) == experiment)
            list->setCurrentItem(list->topLevelItem(i));
    return tab;
}

void TestExperimentsTab::demoExperimentsRunsAndLeaderboard()
{
    store::CostStore store;
    QVERIFY(store.open(m_demo));
    auto window = openWindow(store, nullptr);
    views::ExperimentsTab *tab = showTab(*window, QStringLiteral("churn-prediction"));
    QVERIFY(tab);
    auto *list = child<QTreeWidget>(tab, "experimentList");
    QVERIFY(list);
    QStringList names;
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        names << list->topLevelItem(i)->text(0);
    for (const char *n : {"image-classifier", "churn-prediction", "demand-forecast"})
        QVERIFY2(names.contains(QString::fromLatin1(n)), qPrintable(names.join(u',')));
    // Every demo experiment shows its runs and a billed total (no "~").
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *it = list->topLevelItem(i);
        if (it->text(0) == u"Default")
            continue;
        QVERIFY(it->text(1).toInt() > 0);
        QVERIFY2(it->text(2).endsWith(u" USD") && !it->text(2).startsWith(u'~'), qPrintable(it->text(2)));
    }
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        if (list->topLevelItem(i)->text(0) == u"churn-prediction")
            list->setCurrentItem(list->topLevelItem(i));
    auto *runs = child<QTableView>(tab, "runsTable");
    int churnRuns = 0;
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        if (list->topLevelItem(i)->text(0) == u"churn-prediction")
            churnRuns = list->topLevelItem(i)->text(1).toInt();
    QCOMPARE(runs->model()->rowCount(), churnRuns);
    QVERIFY(headers(runs).contains(QStringLiteral("val_auc")));
    for (int r = 0; r < runs->model()->rowCount(); ++r) {
        const QString cost = cell(runs, r, QStringLiteral("Cost"));
        QVERIFY2(cost.endsWith(u" USD") && !cost.startsWith(u'~'), qPrintable(cost));
    }
    // The demo's leaderboard: ranked by val_auc (max), costs billed, top three marked.
    const ml::LeaderboardResult &board = tab->leaderboard()->result();
    QVERIFY(board.qualified.size() >= 3);
    for (size_t i = 1; i < board.qualified.size(); ++i)
        QVERIFY(*board.qualified[i - 1].primary >= *board.qualified[i].primary);
    auto *table = child<QTreeWidget>(tab, "leaderboardTable");
    QVERIFY(table);
    QTreeWidgetItem *ranked = table->topLevelItem(0);
    QCOMPARE(ranked->childCount(), static_cast<int>(board.qualified.size()));
    QVERIFY(ranked->child(0)->text(0).endsWith(u" 1"));
    QVERIFY(ranked->child(0)->font(1).bold());
    QVERIFY(!ranked->child(3)->font(1).bold());
    const QStringList lbHeaders = [table] {
        QStringList h;
        for (int c = 0; c < table->columnCount(); ++c)
            h << table->headerItem()->text(c);
        return h;
    }();
    const int costColumn = static_cast<int>(lbHeaders.indexOf(QStringLiteral("Cost")));
    QVERIFY(costColumn > 0);
    QVERIFY2(ranked->child(0)->text(costColumn).endsWith(u" USD"), qPrintable(ranked->child(0)->text(costColumn)));
    QVERIFY(!ranked->child(0)->text(costColumn).startsWith(u'~'));
}

void TestExperimentsTab::searchFilterValidAndInvalid()
{
    store::CostStore store;
    QVERIFY(store.open(m_fixture));
    auto window = openWindow(store, nullptr);
    views::ExperimentsTab *tab = showTab(*window);
    QVERIFY(tab);
    auto *runs = child<QTableView>(tab, "runsTable");
    QCOMPARE(runs->model()->rowCount(), 6);
    auto *search = child<QLineEdit>(tab, "runSearchFilter");
    auto *error = child<QLabel>(tab, "runSearchError");
    QTest::keyClicks(search, QStringLiteral("metrics.acc > 0.86"));
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(shownNames(runs), (QStringList{QStringLiteral("run-b"), QStringLiteral("run-d")}));
    QVERIFY(error->isHidden());
    search->clear();
    QTest::keyClicks(search, QStringLiteral("params.model = 'mlp' and metrics.acc < 0.9"));
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(shownNames(runs), (QStringList{QStringLiteral("run-c"), QStringLiteral("run-e")}));
    // A bad filter: a clear error under the box, the rows stay as they were.
    search->setText(QStringLiteral("metrics.acc >>> 1"));
    QTest::keyClick(search, Qt::Key_Return);
    QVERIFY(!error->isHidden());
    QVERIFY2(error->text().startsWith(u"Filter not applied: "), qPrintable(error->text()));
    QVERIFY(error->text().size() > 25);
    QCOMPARE(shownNames(runs), (QStringList{QStringLiteral("run-c"), QStringLiteral("run-e")}));
    search->clear(); // empty: every run again
    QVERIFY(error->isHidden());
    QCOMPARE(runs->model()->rowCount(), 6);
    // Free text narrows on any column.
    auto *text = child<QLineEdit>(tab, "runTextFilter");
    QTest::keyClicks(text, QStringLiteral("RUN-A"));
    QCOMPARE(shownNames(runs), QStringList{QStringLiteral("run-a")});
    text->clear();
}

void TestExperimentsTab::onlyDifferingParamsAndMetricRange()
{
    store::CostStore store;
    QVERIFY(store.open(m_fixture));
    auto window = openWindow(store, nullptr);
    views::ExperimentsTab *tab = showTab(*window);
    QVERIFY(tab);
    auto *runs = child<QTableView>(tab, "runsTable");
    QVERIFY(headers(runs).contains(QStringLiteral("params.batch")));
    QVERIFY(headers(runs).contains(QStringLiteral("params.lr")));
    QVERIFY(headers(runs).contains(QStringLiteral("tags.team")));
    child<QCheckBox>(tab, "onlyDifferingParams")->setChecked(true);
    QVERIFY(!headers(runs).contains(QStringLiteral("params.batch"))); // 32 everywhere
    QVERIFY(headers(runs).contains(QStringLiteral("params.lr")));
    QVERIFY(headers(runs).contains(QStringLiteral("params.model")));
    child<QCheckBox>(tab, "onlyDifferingParams")->setChecked(false);
    QVERIFY(headers(runs).contains(QStringLiteral("params.batch")));

    // run-a's acc history 0.5, 0.82, 0.80: last, min, max.
    auto *value = child<QComboBox>(tab, "metricValue");
    QCOMPARE(cell(runs, rowOf(runs, QStringLiteral("run-a")), QStringLiteral("acc")), QStringLiteral("0.8"));
    value->setCurrentIndex(1);
    QCOMPARE(cell(runs, rowOf(runs, QStringLiteral("run-a")), QStringLiteral("acc")), QStringLiteral("0.5"));
    value->setCurrentIndex(2);
    QCOMPARE(cell(runs, rowOf(runs, QStringLiteral("run-a")), QStringLiteral("acc")), QStringLiteral("0.82"));
    value->setCurrentIndex(0);
    // Sorting by the metric column sorts numbers; a run without the metric is last either way.
    const int accColumn = static_cast<int>(headers(runs).indexOf(QStringLiteral("acc")));
    runs->sortByColumn(accColumn, Qt::DescendingOrder);
    QCOMPARE(runs->model()->index(0, 0).data().toString(), QStringLiteral("run-d"));
    QCOMPARE(runs->model()->index(1, 0).data().toString(), QStringLiteral("run-b"));
    QCOMPARE(runs->model()->index(5, 0).data().toString(), QStringLiteral("run-f"));
    runs->sortByColumn(accColumn, Qt::AscendingOrder);
    QCOMPARE(runs->model()->index(0, 0).data().toString(), QStringLiteral("run-e"));
    QCOMPARE(runs->model()->index(5, 0).data().toString(), QStringLiteral("run-f"));
    // The estimate is marked, with how the machine was found.
    const int a = rowOf(runs, QStringLiteral("run-a"));
    QCOMPARE(cell(runs, a, QStringLiteral("Cost")), QStringLiteral("~0.10 USD"));
    const int costColumn = static_cast<int>(headers(runs).indexOf(QStringLiteral("Cost")));
    QVERIFY(runs->model()->index(a, costColumn).data(Qt::ToolTipRole).toString().contains(u"costscope.instance_type"));
}

void TestExperimentsTab::comparisonChartsOfSelectedRuns()
{
    store::CostStore store;
    QVERIFY(store.open(m_fixture));
    auto window = openWindow(store, nullptr);
    views::ExperimentsTab *tab = showTab(*window);
    QVERIFY(tab);
    QSignalSpy updated(tab, &views::ExperimentsTab::comparisonUpdated);
    tab->selectRuns({m_ids.value(QStringLiteral("run-b")), m_ids.value(QStringLiteral("run-d"))});
    QTRY_VERIFY_WITH_TIMEOUT(!updated.isEmpty(), 20000);
    QTRY_COMPARE(child<QChartView>(tab, "stepChart")->chart()->series().size(), 2);
    QChart *steps = child<QChartView>(tab, "stepChart")->chart();
    QStringList ids;
    for (QAbstractSeries *s : steps->series()) {
        ids << s->objectName();
        QCOMPARE(static_cast<QLineSeries *>(s)->count(), 3);
    }
    ids.sort();
    QStringList expected{m_ids.value(QStringLiteral("run-b")), m_ids.value(QStringLiteral("run-d"))};
    expected.sort();
    QCOMPARE(ids, expected);
    // run-b's history, step by step.
    for (QAbstractSeries *s : steps->series())
        if (s->objectName() == m_ids.value(QStringLiteral("run-b"))) {
            const QList<QPointF> p = static_cast<QLineSeries *>(s)->points();
            QCOMPARE(p[0], QPointF(0, 0.6));
            QCOMPARE(p[2], QPointF(2, 0.90));
        }
    // Parallel coordinates: b and d differ only in model (cnn < mlp) and acc (0.90 < 0.95).
    QChart *parallel = child<QChartView>(tab, "parallelChart")->chart();
    QCOMPARE(parallel->series().size(), 2);
    for (QAbstractSeries *s : parallel->series()) {
        const QList<QPointF> p = static_cast<QLineSeries *>(s)->points();
        QCOMPARE(p.size(), 2);
        const double expect = s->objectName() == m_ids.value(QStringLiteral("run-b")) ? 0.0 : 1.0;
        QCOMPARE(p[0], QPointF(0, expect));
        QCOMPARE(p[1], QPointF(1, expect));
    }
    // Another metric chooser value is offered only when the runs have it.
    QCOMPARE(child<QComboBox>(tab, "compareMetric")->currentText(), QStringLiteral("acc"));
}

void TestExperimentsTab::paretoFrontOfFixture()
{
    // The pure function first, both directions, ties and NaN.
    const std::vector<views::CostPoint> points{
        {QStringLiteral("a"), 1, 0.8}, {QStringLiteral("b"), 2, 0.9},  {QStringLiteral("c"), 3, 0.85},
        {QStringLiteral("d"), 4, 0.95}, {QStringLiteral("e"), 0.5, 0.7}, {QStringLiteral("t"), 2, 0.7},
        {QStringLiteral("n"), 0.1, std::nan("")}};
    QStringList front;
    for (const auto &p : views::paretoFront(points, ml::Direction::Max))
        front << p.runId;
    QCOMPARE(front, (QStringList{QStringLiteral("e"), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("d")}));
    front.clear();
    for (const auto &p : views::paretoFront(points, ml::Direction::Min))
        front << p.runId; // lower is better: the cheapest with 0.7 wins, nothing costlier is lower
    QCOMPARE(front, QStringList{QStringLiteral("e")});

    store::CostStore store;
    QVERIFY(store.open(m_fixture));
    auto window = openWindow(store, nullptr);
    views::ExperimentsTab *tab = showTab(*window);
    QVERIFY(tab);
    // No selection: every run shown is compared.
    QTRY_VERIFY(child<QChartView>(tab, "paretoChart")->chart()->series().size() == 3);
    QChart *chart = child<QChartView>(tab, "paretoChart")->chart();
    QScatterSeries *frontSeries = nullptr;
    QScatterSeries *all = nullptr;
    QLineSeries *line = nullptr;
    for (QAbstractSeries *s : chart->series()) {
        if (s->objectName() == u"paretoFront")
            frontSeries = static_cast<QScatterSeries *>(s);
        else if (s->objectName() == u"paretoRuns")
            all = static_cast<QScatterSeries *>(s);
        else if (s->objectName() == u"paretoLine")
            line = static_cast<QLineSeries *>(s);
    }
    QVERIFY(frontSeries && all && line);
    QCOMPARE(all->count(), 5); // run-f has no acc
    const QList<QPointF> expected{{0.048, 0.70}, {0.096, 0.80}, {0.192, 0.90}, {0.384, 0.95}};
    QCOMPARE(frontSeries->count(), 4);
    for (int i = 0; i < 4; ++i) {
        QVERIFY2(qAbs(frontSeries->at(i).x() - expected[i].x()) < 1e-9, qPrintable(QString::number(frontSeries->at(i).x())));
        QCOMPARE(frontSeries->at(i).y(), expected[i].y());
        QCOMPARE(line->at(i), frontSeries->at(i));
    }
}

void TestExperimentsTab::leaderboardOrderTopThreeAndSettings()
{
    store::CostStore store;
    QVERIFY(store.open(m_fixture));
    auto window = openWindow(store, nullptr);
    views::ExperimentsTab *tab = showTab(*window);
    QVERIFY(tab);
    auto *table = child<QTreeWidget>(tab, "leaderboardTable");
    QTreeWidgetItem *ranked = table->topLevelItem(0);
    QTreeWidgetItem *rest = table->topLevelItem(1);
    QStringList order;
    for (int i = 0; i < ranked->childCount(); ++i)
        order << ranked->child(i)->text(1);
    QCOMPARE(order, (QStringList{QStringLiteral("run-d"), QStringLiteral("run-b"), QStringLiteral("run-c"),
                                 QStringLiteral("run-a"), QStringLiteral("run-e")}));
    for (int i = 0; i < 5; ++i)
        QCOMPARE(ranked->child(i)->font(1).bold(), i < 3);
    QVERIFY(ranked->child(0)->text(0).endsWith(u"1"));
    QCOMPARE(ranked->child(3)->text(0), QStringLiteral("4"));
    QCOMPARE(rest->childCount(), 1);
    QCOMPARE(rest->child(0)->text(1), QStringLiteral("run-f"));
    QVERIFY(!rest->child(0)->text(table->columnCount() - 1).isEmpty()); // the reason

    // Lower is better, grouped by model with avg: mlp (0.85+0.95+0.70)/3 = 0.8333 vs cnn
    // (0.80+0.90)/2 = 0.85 (run-f has no acc): mlp first. Saved in the workspace.
    child<QComboBox>(tab, "lbDirection")->setCurrentIndex(1);
    child<QComboBox>(tab, "lbAggregation")->setCurrentIndex(3); // avg
    auto *groupBy = child<QLineEdit>(tab, "lbGroupBy");
    groupBy->setText(QStringLiteral("params.model"));
    Q_EMIT groupBy->editingFinished();
    const ml::LeaderboardResult &board = tab->leaderboard()->result();
    QCOMPARE(board.qualified.size(), size_t(2));
    QCOMPARE(board.qualified[0].label, QStringLiteral("model=mlp"));
    QVERIFY(qAbs(*board.qualified[0].primary - (0.85 + 0.95 + 0.70) / 3) < 1e-12);
    QVERIFY(qAbs(*board.qualified[1].primary - 0.85) < 1e-12);
    QCOMPARE(table->topLevelItem(0)->child(0)->text(1), QStringLiteral("model=mlp"));
    // A bad filter is refused with a message; the ranking stays.
    auto *filters = child<QLineEdit>(tab, "lbFilters");
    filters->setText(QStringLiteral("acc >> 3"));
    Q_EMIT filters->editingFinished();
    QVERIFY(!child<QLabel>(tab, "lbError")->isHidden());
    QCOMPARE(tab->leaderboard()->result().qualified.size(), size_t(2));
    filters->setText(QStringLiteral("acc<=0.84"));
    Q_EMIT filters->editingFinished();
    QVERIFY(child<QLabel>(tab, "lbError")->isHidden());
    QCOMPARE(tab->leaderboard()->result().qualified.size(), size_t(1));
    window.reset();

    // Reopened: the settings come back from the workspace, and the command line reads the same
    // primary metric and direction.
    const ml::LeaderboardSpec spec = views::loadLeaderboardSpec(store.db(), QStringLiteral("1"));
    QCOMPARE(spec.primary.key, QStringLiteral("acc"));
    QVERIFY(spec.primary.direction == ml::Direction::Min);
    QVERIFY(spec.primary.aggregation == ml::Aggregation::Avg);
    QCOMPARE(spec.groupByParams, QStringList{QStringLiteral("model")});
    QCOMPARE(spec.filters.size(), size_t(1));
    QCOMPARE(*spec.filters[0].max, 0.84);
    auto again = openWindow(store, nullptr);
    views::ExperimentsTab *tab2 = showTab(*again);
    QVERIFY(tab2);
    QCOMPARE(child<QLineEdit>(tab2, "lbGroupBy")->text(), QStringLiteral("params.model"));
    QCOMPARE(tab2->leaderboard()->result().qualified.size(), size_t(1));
    // Back to the defaults for the other tests.
    QString error;
    QVERIFY(views::saveLeaderboardSpec(store.db(), QStringLiteral("1"),
                                       [] {
                                           ml::LeaderboardSpec s;
                                           s.primary.key = QStringLiteral("acc");
                                           return s;
                                       }(),
                                       &error));
}

// The CSV of the tab's three tables (what "Export as CSV…" writes): plain-decimal costs with a
// currency column, ISO 8601 UTC start times, durations in seconds, metrics as numbers, no "~" or
// "USD" in a cell, the leaderboard's group rows left out. Known answers from the fixture: the
// costs are 0.096 USD/h x hours (run-d 4 h = 0.384 -> 0.38, run-e 0.5 h = 0.048 -> 0.05), the
// experiment 0.048 + 0.096 + 0.192 + 0.288 + 0.384 + 0.096 = 1.104 -> 1.10.
void TestExperimentsTab::tableExportsCarryPlainValues()
{
    store::CostStore store;
    QVERIFY(store.open(m_fixture));
    auto window = openWindow(store, nullptr);
    views::ExperimentsTab *tab = showTab(*window);
    QVERIFY(tab);
    // CSV -> rows of cells keyed by the header (no cell of these tables holds a comma or quote).
    const auto parse = [](const QString &csv) {
        std::vector<QHash<QString, QString>> rows;
        QStringList lines = csv.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        const QStringList header = lines.takeFirst().split(u',');
        for (const QString &line : lines) {
            const QStringList cells = line.split(u',');
            QHash<QString, QString> row;
            for (qsizetype i = 0; i < header.size() && i < cells.size(); ++i)
                row.insert(header[i], cells[i]);
            rows.push_back(row);
        }
        return std::make_pair(header, rows);
    };
    const auto find = [](const std::vector<QHash<QString, QString>> &rows, const QString &key, const QString &value) {
        for (const auto &r : rows)
            if (r.value(key) == value)
                return r;
        return QHash<QString, QString>{};
    };

    const auto [expHeader, experiments] = parse(views::tableCsv(*child<QTreeWidget>(tab, "experimentList")));
    QCOMPARE(expHeader, (QStringList{QStringLiteral("experiment"), QStringLiteral("runs"), QStringLiteral("cost"),
                                     QStringLiteral("currency")}));
    const auto fixture = find(experiments, QStringLiteral("experiment"), QStringLiteral("fixture"));
    QCOMPARE(fixture.value(QStringLiteral("runs")), QStringLiteral("6"));
    QCOMPARE(fixture.value(QStringLiteral("cost")), QStringLiteral("1.10"));
    QCOMPARE(fixture.value(QStringLiteral("currency")), QStringLiteral("USD"));
    const auto unmapped = find(experiments, QStringLiteral("experiment"), QStringLiteral("host-mapped"));
    QCOMPARE(unmapped.value(QStringLiteral("runs")), QStringLiteral("1"));
    QCOMPARE(unmapped.value(QStringLiteral("cost")), QString()); // no known cost: no amount, no currency
    QCOMPARE(unmapped.value(QStringLiteral("currency")), QString());

    const auto [runHeader, runs] = parse(views::tableCsv(*child<QTableView>(tab, "runsTable")));
    for (const char *column : {"run", "status", "start", "duration_seconds", "cost", "metrics.acc", "params.lr", "currency"})
        QVERIFY2(runHeader.contains(QString::fromLatin1(column)), qPrintable(runHeader.join(u',')));
    QCOMPARE(runs.size(), size_t(6));
    const struct { const char *name; const char *duration; const char *cost; const char *acc; } expected[] = {
        {"run-a", "3600", "0.10", "0.8"}, {"run-b", "7200", "0.19", "0.9"}, {"run-c", "10800", "0.29", "0.85"},
        {"run-d", "14400", "0.38", "0.95"}, {"run-e", "1800", "0.05", "0.7"}, {"run-f", "3600", "0.10", ""},
    };
    for (const auto &e : expected) {
        const auto row = find(runs, QStringLiteral("run"), QString::fromLatin1(e.name));
        QVERIFY2(!row.isEmpty(), e.name);
        QCOMPARE(row.value(QStringLiteral("start")), QStringLiteral("2026-03-10T08:00:00Z"));
        QCOMPARE(row.value(QStringLiteral("status")), QStringLiteral("FINISHED"));
        QCOMPARE(row.value(QStringLiteral("duration_seconds")), QString::fromLatin1(e.duration));
        QCOMPARE(row.value(QStringLiteral("cost")), QString::fromLatin1(e.cost));
        QCOMPARE(row.value(QStringLiteral("metrics.acc")), QString::fromLatin1(e.acc));
        QCOMPARE(row.value(QStringLiteral("currency")), QStringLiteral("USD"));
    }

    const auto [lbHeader, board] = parse(views::tableCsv(*child<QTreeWidget>(tab, "leaderboardTable")));
    QCOMPARE(lbHeader, (QStringList{QStringLiteral("rank"), QStringLiteral("candidate"), QStringLiteral("acc"),
                                    QStringLiteral("datasets"), QStringLiteral("runs"), QStringLiteral("cost"),
                                    QStringLiteral("not_qualified_because"), QStringLiteral("currency")}));
    QCOMPARE(board.size(), size_t(6)); // the five ranked and run-f; not the two group rows
    const auto first = find(board, QStringLiteral("candidate"), QStringLiteral("run-d"));
    QCOMPARE(first.value(QStringLiteral("rank")), QStringLiteral("1"));
    QCOMPARE(first.value(QStringLiteral("acc")), QStringLiteral("0.95"));
    QCOMPARE(first.value(QStringLiteral("runs")), QStringLiteral("1"));
    QCOMPARE(first.value(QStringLiteral("cost")), QStringLiteral("0.38"));
    QCOMPARE(first.value(QStringLiteral("currency")), QStringLiteral("USD"));
    const auto fifth = find(board, QStringLiteral("candidate"), QStringLiteral("run-e"));
    QCOMPARE(fifth.value(QStringLiteral("rank")), QStringLiteral("5"));
    const auto unranked = find(board, QStringLiteral("candidate"), QStringLiteral("run-f"));
    QCOMPARE(unranked.value(QStringLiteral("rank")), QString());
    QVERIFY(!unranked.value(QStringLiteral("not_qualified_because")).isEmpty());
}

void TestExperimentsTab::hostMappingEditChangesCost()
{
    store::CostStore store;
    QVERIFY(store.open(m_fixture));
    auto window = openWindow(store, nullptr);
    views::ExperimentsTab *tab = showTab(*window);
    QVERIFY(tab);
    auto *list = child<QTreeWidget>(tab, "experimentList");
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        if (list->topLevelItem(i)->text(0) == u"host-mapped")
            list->setCurrentItem(list->topLevelItem(i));
    auto *runs = child<QTableView>(tab, "runsTable");
    QCOMPARE(shownNames(runs), QStringList{QStringLiteral("on-gpu-box")});
    QCOMPARE(cell(runs, 0, QStringLiteral("Cost")), QString());

    QTest::mouseClick(child<QPushButton>(tab, "hostMappingButton"), Qt::LeftButton);
    auto *dialog = tab->findChild<QDialog *>(QStringLiteral("hostMappingDialog"));
    QVERIFY(dialog && dialog->isVisible());
    auto *hosts = child<QTableWidget>(dialog, "hostMappingTable");
    QCOMPARE(hosts->rowCount(), 1); // the unmapped host the run reported
    QCOMPARE(hosts->item(0, 0)->text(), QStringLiteral("gpu-box-1"));
    hosts->item(0, 1)->setText(QStringLiteral("i-gpu"));
    QSignalSpy loaded(tab, &views::ExperimentsTab::loaded);
    QTest::mouseClick(child<QDialogButtonBox>(dialog, "hostMappingButtons")->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QVERIFY(loaded.wait(20000));
    QCOMPARE(ml::RunCostCalculator::hostMapping(store.db()).at(QStringLiteral("gpu-box-1")), QStringLiteral("i-gpu"));
    QCOMPARE(shownNames(runs), QStringList{QStringLiteral("on-gpu-box")});
    QCOMPARE(cell(runs, 0, QStringLiteral("Cost")), QStringLiteral("2.00 USD"));
    QCOMPARE(cell(runs, 0, QStringLiteral("Instance")), QStringLiteral("i-gpu"));
    QString error;
    QVERIFY(ml::RunCostCalculator::setHostMapping(store.db(), QStringLiteral("gpu-box-1"), QString(), &error));
}

// Run costs in the display currency (issue 7). A workspace billed in USD (main: i-big's 1,000)
// and EUR, EUR->USD 1.1 from 2026-03-01 (none for February), USD->EUR 0.9 always. No catalog
// price for i-usd/i-eur, so a day's bill covers 24 hours. By hand:
//   run-usd  i-usd 24.00 USD on 03-10, 2 h: 2.00 USD         (EUR: 2.00 x 0.9 = 1.80)
//   run-eur  i-eur 48.00 EUR on 03-10, 3 h: 6.00 EUR -> 6.60 USD
//   run-feb  i-eur 24.00 EUR on 02-27, 2 h: 2.00 EUR, no rate to USD for 2026-02: left out, named
//   run-est  m5.large catalog 0.096 USD/h, 1 h: ~0.096 USD  (EUR: 0.0864)
// The experiment in USD: 2 + 6.6 + 0.096 = ~8.70 USD *; in EUR: 1.8 + 6 + 2 + 0.0864 = ~9.89 EUR.
void TestExperimentsTab::displayCurrencyConvertsRunCosts()
{
    const QString path = m_dir.filePath(QStringLiteral("currencies.costscope"));
    {
        store::CostStore s;
        QString error;
        QVERIFY2(s.open(path, &error), qPrintable(error));
        CostBatch usd = testsupport::makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), QDate(2026, 3, 1));
        usd.rows.push_back(testsupport::makeRow(QDate(2026, 3, 10), "24", QStringLiteral("EC2"), QStringLiteral("us-east-1"),
                                                QStringLiteral("111"), QStringLiteral("i-usd")));
        usd.rows.push_back(testsupport::makeRow(QDate(2026, 3, 10), "1000", QStringLiteral("EC2"), QStringLiteral("us-east-1"),
                                                QStringLiteral("111"), QStringLiteral("i-big")));
        CostBatch feb = testsupport::makeBatch(QStringLiteral("AWS"), QStringLiteral("222"), QDate(2026, 2, 1));
        feb.currency = QStringLiteral("EUR");
        feb.rows.push_back(testsupport::makeRow(QDate(2026, 2, 27), "24", QStringLiteral("EC2"), QStringLiteral("eu-west-1"),
                                                QStringLiteral("222"), QStringLiteral("i-eur")));
        CostBatch mar = testsupport::makeBatch(QStringLiteral("AWS"), QStringLiteral("222"), QDate(2026, 3, 1));
        mar.currency = QStringLiteral("EUR");
        mar.rows.push_back(testsupport::makeRow(QDate(2026, 3, 10), "48", QStringLiteral("EC2"), QStringLiteral("eu-west-1"),
                                                QStringLiteral("222"), QStringLiteral("i-eur")));
        store::CostWriter writer(s);
        QVERIFY2(writer.write(testsupport::source(QStringLiteral("cur")), {usd, feb, mar}, &error), qPrintable(error));
        const std::vector<CurrencyRate> rates{testsupport::currencyRate("EUR", "USD", "1.1", QDate(2026, 3, 1)),
                                              testsupport::currencyRate("USD", "EUR", "0.9", currencyRateAlways())};
        QVERIFY2(store::CurrencyRateStore(s).replaceAll(rates, &error),
                 qPrintable(error));
        ml::RunStore runs(s.db());
        ml::MlError e;
        const auto exp = runs.createExperiment(QStringLiteral("currencies"), {}, {}, &e);
        QVERIFY2(exp, qPrintable(e.message));
        struct Spec { const char *name; QDate day; double hours; const char *tag; const char *value; };
        const Spec specs[] = {{"run-usd", QDate(2026, 3, 10), 2, "costscope.instance_id", "i-usd"},
                              {"run-eur", QDate(2026, 3, 10), 3, "costscope.instance_id", "i-eur"},
                              {"run-feb", QDate(2026, 2, 27), 2, "costscope.instance_id", "i-eur"},
                              {"run-est", QDate(2026, 3, 10), 1, "costscope.instance_type", "m5.large"}};
        for (const Spec &sp : specs) {
            const int64_t start = QDateTime(sp.day, QTime(8, 0), Qt::UTC).toMSecsSinceEpoch();
            const auto run = runs.createRun(ml::NewRun{*exp, QStringLiteral("u"), start, QLatin1String(sp.name),
                                                       {{QLatin1String(sp.tag), QLatin1String(sp.value)}}},
                                            &e);
            QVERIFY2(run, qPrintable(e.message));
            QVERIFY(runs.updateRun(run->info.runId, QStringLiteral("FINISHED"),
                                   start + static_cast<int64_t>(sp.hours * kHour), std::nullopt, &e));
        }
    }
    const auto reset = qScopeGuard([] { views::setDisplayCurrencySetting({}); });
    struct Expect { const char *display; const char *usd, *eur, *feb, *est, *total; bool starred; };
    const Expect expects[] = {
        {"", "2.00 USD", "6.60 USD", "0.00 USD *", "~0.10 USD", "~8.70 USD *", true},
        {"EUR", "1.80 EUR", "6.00 EUR", "2.00 EUR", "~0.09 EUR", "~9.89 EUR", false},
    };
    for (const Expect &x : expects) {
        views::setDisplayCurrencySetting(QString::fromLatin1(x.display));
        store::CostStore store;
        QVERIFY(store.open(path));
        auto window = openWindow(store, nullptr);
        views::ExperimentsTab *tab = showTab(*window, QStringLiteral("currencies"));
        QVERIFY(tab);
        auto *runs = child<QTableView>(tab, "runsTable");
        QCOMPARE(cell(runs, rowOf(runs, QStringLiteral("run-usd")), QStringLiteral("Cost")), QString::fromLatin1(x.usd));
        QCOMPARE(cell(runs, rowOf(runs, QStringLiteral("run-eur")), QStringLiteral("Cost")), QString::fromLatin1(x.eur));
        QCOMPARE(cell(runs, rowOf(runs, QStringLiteral("run-feb")), QStringLiteral("Cost")), QString::fromLatin1(x.feb));
        QCOMPARE(cell(runs, rowOf(runs, QStringLiteral("run-est")), QStringLiteral("Cost")), QString::fromLatin1(x.est));
        const int costColumn = static_cast<int>(headers(runs).indexOf(QStringLiteral("Cost")));
        const QModelIndex feb = runs->model()->index(rowOf(runs, QStringLiteral("run-feb")), costColumn);
        const QString tip = feb.data(Qt::ToolTipRole).toString();
        // The part left out is named with its amount, currency and month, never counted at 1.
        QCOMPARE(tip.contains(u"2.00 EUR") && tip.contains(u"2026-02") && tip.contains(u"no rate to USD"), x.starred);
        // The export carries the number and the currency it is really in.
        const QString currency = x.display[0] ? QString::fromLatin1(x.display) : QStringLiteral("USD");
        QCOMPARE(feb.data(views::ExportCurrencyRole).toString(), currency);
        auto *list = child<QTreeWidget>(tab, "experimentList");
        QTreeWidgetItem *item = nullptr;
        for (int i = 0; i < list->topLevelItemCount(); ++i)
            if (list->topLevelItem(i)->text(0) == u"currencies")
                item = list->topLevelItem(i);
        QVERIFY(item);
        QCOMPARE(item->text(2), QString::fromLatin1(x.total));
        QCOMPARE(item->data(2, views::ExportCurrencyRole).toString(), currency);
        QCOMPARE(item->toolTip(2).contains(u"no rate to USD"), x.starred);
    }
    // The monthly PDF's ML section (March) has the tab's figures in the report's currency:
    // USD 2 + 6.6 + 0.096 = 8.696; EUR 1.8 + 6 + 0.0864 = 7.8864 (run-feb started in February).
    store::CostStore store;
    QVERIFY(store.open(path));
    const struct { const char *currency, *total, *largest; } reports[] = {{"", "8.696", "6.6"}, {"EUR", "7.8864", "6"}};
    for (const auto &x : reports) {
        report::MonthlyReportOptions o;
        o.month = QDate(2026, 3, 1);
        o.today = QDate(2026, 3, 31);
        o.currency = QString::fromLatin1(x.currency);
        o.mlCost = [&store, &o](const QDate &from, const QDate &to, int64_t nowMs) {
            return views::monthMlCost(store.db(), from, to, nowMs, 10, o.currency);
        };
        const report::MonthlyReport r = report::buildMonthlyReport(store, o);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.mlCurrency, x.currency[0] ? QString::fromLatin1(x.currency) : QStringLiteral("USD"));
        QCOMPARE(r.ml.runCount, 3);
        QCOMPARE(Money::fromNanos(r.ml.cost).toString(), QString::fromLatin1(x.total));
        QCOMPARE(Money::fromNanos(r.ml.topRuns.front().cost).toString(), QString::fromLatin1(x.largest));
    }
}

void TestExperimentsTab::trackingToggleAndBusyPort()
{
    store::CostStore store;
    QVERIFY(store.open(m_fixture));
    QSettings().setValue(QStringLiteral("tracking/enabledAtStart"), true);
    QSettings().setValue(QStringLiteral("tracking/port"), 5000);
    FakeTracking fake;
    fake.busyPort = 5000;
    auto window = openWindow(store, &fake);
    views::ExperimentsTab *tab = showTab(*window);
    QVERIFY(tab);
    // It tried to start with the window, on port 5000, which is taken: said plainly, another offered.
    QCOMPARE(fake.starts, QList<int>{5000});
    QVERIFY(!fake.running);
    auto *toggle = child<QCheckBox>(tab, "trackingToggle");
    auto *problem = child<QLabel>(tab, "trackingProblem");
    auto *other = child<QPushButton>(tab, "trackingOtherPort");
    QVERIFY(!toggle->isChecked());
    QVERIFY2(problem->text().contains(u"5000") && problem->text().contains(u"in use"), qPrintable(problem->text()));
    QVERIFY(other->isVisible());
    QTest::mouseClick(other, Qt::LeftButton);
    QCOMPARE(fake.starts.last(), 0);
    QVERIFY(fake.running);
    QCOMPARE(fake.path, store.path());
    QVERIFY(toggle->isChecked());
    QCOMPARE(child<QLineEdit>(tab, "trackingUri")->text(), QStringLiteral("http://127.0.0.1:54321"));
    QVERIFY(!other->isVisible());
    QCOMPARE(QSettings().value(QStringLiteral("tracking/port")).toInt(), 54321);
    QTest::mouseClick(child<QPushButton>(tab, "copyTrackingUri"), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("http://127.0.0.1:54321"));
    // Off: stopped, remembered for the next start.
    toggle->click();
    QVERIFY(!fake.running);
    QVERIFY(child<QLineEdit>(tab, "trackingUri")->text().isEmpty());
    QCOMPARE(QSettings().value(QStringLiteral("tracking/enabledAtStart")).toBool(), false);
    window.reset();
    FakeTracking second;
    auto window2 = openWindow(store, &second);
    QVERIFY(second.starts.isEmpty());
    QSettings().setValue(QStringLiteral("tracking/enabledAtStart"), false);
}

// Preferences' "require a token": the token comes from the keychain into the endpoint's options;
// without a stored token the endpoint does not start and the tab says what to do.
void TestExperimentsTab::trackingTokenFromKeychain()
{
    store::CostStore store;
    QVERIFY(store.open(m_fixture));
    QSettings().setValue(QStringLiteral("tracking/enabledAtStart"), true);
    QSettings().setValue(QStringLiteral("tracking/port"), 6001);
    QSettings().setValue(QStringLiteral("tracking/requireToken"), true);
    FakeCredentials keychain;
    FakeTracking fake;
    {
        auto window = openWindow(store, &fake, &keychain);
        views::ExperimentsTab *tab = showTab(*window);
        QVERIFY(tab);
        QTRY_VERIFY(!child<QLabel>(tab, "trackingProblem")->text().isEmpty());
        QVERIFY(fake.starts.isEmpty());
        QVERIFY(child<QLabel>(tab, "trackingProblem")->text().contains(u"none is stored"));
        QCOMPARE(keychain.reads, QStringList{QStringLiteral("costscope-tracking/token")});
    }
    keychain.secrets[QStringLiteral("costscope-tracking/token")] = QStringLiteral("0123456789abcdef0123");
    {
        auto window = openWindow(store, &fake, &keychain);
        views::ExperimentsTab *tab = showTab(*window);
        QVERIFY(tab);
        QTRY_VERIFY(fake.running);
        QCOMPARE(fake.token, QStringLiteral("0123456789abcdef0123"));
        QCOMPARE(fake.starts, QList<int>{6001});
        // Preferences changed the port: the running endpoint restarts on it.
        QSettings().setValue(QStringLiteral("tracking/port"), 6002);
        tab->applyTrackingSettings();
        QTRY_COMPARE(fake.starts.size(), 2);
        QCOMPARE(fake.starts.last(), 6002);
        QTRY_VERIFY(fake.running);
        QCOMPARE(child<QLineEdit>(tab, "trackingUri")->text(), QStringLiteral("http://127.0.0.1:6002"));
    }
    QSettings().setValue(QStringLiteral("tracking/requireToken"), false);
    QSettings().setValue(QStringLiteral("tracking/enabledAtStart"), false);
}

// The MLflow Python client's session (tests/data/mlflow/set_experiment_and_run.json) against
// the real endpoint started by the window: the run appears in the tab while it is open.
void TestExperimentsTab::liveClientSessionAppears()
{
    const QString path = m_dir.filePath(QStringLiteral("live.costscope"));
    store::CostStore store;
    QVERIFY(store.open(path));
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    QSettings().setValue(QStringLiteral("tracking/enabledAtStart"), true);
    QSettings().setValue(QStringLiteral("tracking/port"), port);
    ml::TrackingServerService tracking;
    auto window = openWindow(store, &tracking);
    views::ExperimentsTab *tab = showTab(*window, QString());
    QVERIFY(tab);
    QTRY_VERIFY(tracking.isRunning());
    QSettings().setValue(QStringLiteral("tracking/enabledAtStart"), false);
    QCOMPARE(child<QLineEdit>(tab, "trackingUri")->text(), QStringLiteral("http://127.0.0.1:%1").arg(port));

    QFile file(QStringLiteral(COSTSCOPE_TEST_DATA "/mlflow/set_experiment_and_run.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonArray steps = QJsonDocument::fromJson(file.readAll()).object().value(u"steps").toArray();
    QVERIFY(steps.size() >= 6);
    QNetworkAccessManager net;
    QHash<QString, QString> vars;
    const auto substitute = [&vars](QString text) {
        for (auto it = vars.cbegin(); it != vars.cend(); ++it)
            text.replace(QStringLiteral("{{") + it.key() + QStringLiteral("}}"), it.value());
        return text;
    };
    for (const QJsonValue &v : steps) {
        const QJsonObject step = v.toObject();
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port) + substitute(step.value(u"path").toString())));
        QNetworkReply *reply = nullptr;
        if (step.value(u"method").toString() == u"POST") {
            request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
            const QByteArray body = QJsonDocument(step.value(u"body").toObject()).toJson(QJsonDocument::Compact);
            reply = net.post(request, substitute(QString::fromUtf8(body)).toUtf8());
        } else {
            reply = net.get(request);
        }
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(15000));
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        QCOMPARE(status, step.value(u"status").toInt());
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        const QJsonObject capture = step.value(u"capture").toObject();
        for (auto it = capture.begin(); it != capture.end(); ++it) {
            QJsonValue at = answer;
            for (const QString &part : it.value().toString().split(u'.'))
                at = at.toObject().value(part);
            vars[it.key()] = at.toString();
        }
        reply->deleteLater();
    }
    // Live: the tab notices the workspace changed and shows the experiment and its run.
    auto *list = child<QTreeWidget>(tab, "experimentList");
    const auto hasExperiment = [list] {
        for (int i = 0; i < list->topLevelItemCount(); ++i)
            if (list->topLevelItem(i)->text(0) == u"fixture-exp" && list->topLevelItem(i)->text(1) == u"1")
                return true;
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(hasExperiment(), 20000);
    auto *runs = child<QTableView>(tab, "runsTable");
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(runs, QStringLiteral("fixture-run")) >= 0, 20000);
    const int row = rowOf(runs, QStringLiteral("fixture-run"));
    QCOMPARE(cell(runs, row, QStringLiteral("Status")), QStringLiteral("FINISHED"));
    QCOMPARE(cell(runs, row, QStringLiteral("User")), QStringLiteral("alice"));
    window.reset();
    tracking.stop();
}

// The third-party `mlflow` npm client (tests/integration/npm-mlflow/session.js, installed by
// scripts/test.sh) logs into the window's own endpoint; its run shows up in the open tab.
void TestExperimentsTab::npmClientRunAppearsLive()
{
    const QString dir = QStringLiteral(COSTSCOPE_SOURCE_DIR "/tests/integration/npm-mlflow");
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty())
        QSKIP("node is not installed");
    if (!QFileInfo::exists(dir + u"/node_modules/mlflow/package.json"))
        QSKIP("the mlflow npm client is not installed: run tests/integration/npm-mlflow/install.sh");

    const QString path = m_dir.filePath(QStringLiteral("npm-live.costscope"));
    store::CostStore store;
    QVERIFY(store.open(path));
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    QSettings().setValue(QStringLiteral("tracking/enabledAtStart"), true);
    QSettings().setValue(QStringLiteral("tracking/port"), port);
    ml::TrackingServerService tracking;
    auto window = openWindow(store, &tracking);
    views::ExperimentsTab *tab = showTab(*window, QString());
    QVERIFY(tab);
    QTRY_VERIFY(tracking.isRunning());
    QSettings().setValue(QStringLiteral("tracking/enabledAtStart"), false);
    const QString uri = child<QLineEdit>(tab, "trackingUri")->text();
    QCOMPARE(uri, QStringLiteral("http://127.0.0.1:%1").arg(port));

    // The client runs while the window's event loop keeps going, as for a user.
    QProcess client;
    client.setWorkingDirectory(dir);
    QSignalSpy clientDone(&client, &QProcess::finished);
    client.start(node, {dir + u"/session.js", uri});
    QVERIFY(client.waitForStarted(30000));
    QVERIFY(clientDone.wait(120000));
    const QByteArray out = client.readAllStandardOutput() + client.readAllStandardError();
    QVERIFY2(client.exitStatus() == QProcess::NormalExit && client.exitCode() == 0, out.constData());

    auto *list = child<QTreeWidget>(tab, "experimentList");
    const auto experimentItem = [list]() -> QTreeWidgetItem * {
        for (int i = 0; i < list->topLevelItemCount(); ++i)
            if (list->topLevelItem(i)->text(0) == u"npm-client")
                return list->topLevelItem(i);
        return nullptr;
    };
    QTRY_VERIFY_WITH_TIMEOUT(experimentItem() && experimentItem()->text(1) == u"1", 20000);
    list->setCurrentItem(experimentItem());
    auto *runs = child<QTableView>(tab, "runsTable");
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(runs, QStringLiteral("from-node")) >= 0, 20000);
    const int row = rowOf(runs, QStringLiteral("from-node"));
    QCOMPARE(cell(runs, row, QStringLiteral("Status")), QStringLiteral("FINISHED"));
    window.reset();
    tracking.stop();
}

QTEST_MAIN(TestExperimentsTab)
#include "TestExperimentsTab.moc"
