#include "StoreTestSupport.h"

#include "model/Money.h"
#include "model/analysis/Budgets.h"
#include "model/store/BudgetSettings.h"
#include "model/store/CostWriter.h"
#include "model/store/CurrencyRateStore.h"
#include "model/analysis/recommendations/FlavorCatalog.h"
#include "model/ml/RunCost.h"
#include "model/ml/RunStore.h"
#include "model/store/SqliteDb.h"
#include "views/experiments/ExperimentData.h"
#include "model/demo/DemoGenerator.h"
#include "model/report/MonthlyReport.h"
#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"
#include "app/ReportCommands.h"
#include "app/Translations.h"
#include "views/report/ReportPdf.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QRegularExpression>
#include <QTranslator>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <functional>
#include <map>

using namespace costscope;

namespace {

QString money(int64_t nanos) { return Money::fromNanos(nanos).toString(2); }

// Total billed cost in [from, to) straight from CostQuery, as the Cost Explorer asks it.
int64_t explorerTotal(store::CostStore &s, const QDate &from, const QDate &to)
{
    store::CostQuery q(s);
    store::CostQuerySpec spec;
    spec.from = from;
    spec.to = to;
    spec.granularity = store::Granularity::Total;
    return q.aggregate(spec).total;
}

QString pdfText(const QString &pdf)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace

class TestMonthlyReport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void figuresMatchCostQuery_data();
    void figuresMatchCostQuery();
    void pdfTextHasTheTotals();
    void pdfInLanguage_data();
    void pdfInLanguage();
    void commandLineLanguage();
    void mlCostOfTheMonth();
    void twoCurrencies_data();
    void twoCurrencies();
    void commandLine();
    void badArguments_data();
    void badArguments();
    void emptyWorkspace();

private:
    QTemporaryDir m_dir;
    QString m_path;
    store::CostStore m_store;
};

void TestMonthlyReport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("demo.costscope"));
    QVERIFY(m_store.open(m_path));
    demo::DemoOptions opts;
    opts.scale = 0.05;
    opts.months = 3;
    opts.endDate = QDate(2026, 3, 20);
    QString error;
    QVERIFY2(demo::generateDemo(m_store, opts, {}, {}, nullptr, &error), qPrintable(error));
}

void TestMonthlyReport::figuresMatchCostQuery_data()
{
    QTest::addColumn<QDate>("month");
    QTest::addColumn<QDate>("asOf");
    QTest::newRow("current month, partial") << QDate(2026, 3, 1) << QDate(2026, 3, 20);
    QTest::newRow("whole month before") << QDate(2026, 2, 1) << QDate(2026, 2, 28);
    QTest::newRow("first month: nothing before") << QDate(2026, 1, 1) << QDate(2026, 1, 31);
}

void TestMonthlyReport::figuresMatchCostQuery()
{
    QFETCH(QDate, month);
    QFETCH(QDate, asOf);
    report::MonthlyReportOptions o;
    o.month = month.addDays(9); // any day of the month names it
    o.today = QDate(2026, 3, 20);
    const report::MonthlyReport r = report::buildMonthlyReport(m_store, o);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.month, month);
    QCOMPARE(r.asOf, asOf);
    QCOMPARE(r.currency, QStringLiteral("USD"));
    QCOMPARE(r.total, explorerTotal(m_store, month, asOf.addDays(1)));
    QVERIFY(r.total > 0);
    QCOMPARE(r.previousTotal, explorerTotal(m_store, month.addMonths(-1), month));
    QCOMPARE(r.previousSameDays,
             explorerTotal(m_store, month.addMonths(-1), std::min(month, month.addMonths(-1).addDays(asOf.day()))));
    QCOMPARE(static_cast<int>(r.daily.size()), asOf.day());
    int64_t sum = 0;
    for (int64_t d : r.daily)
        sum += d;
    QCOMPARE(sum, r.total);
    for (const auto *lines : {&r.providers, &r.accounts, &r.services}) {
        int64_t cur = 0, prev = 0;
        for (const report::ReportLine &l : *lines) {
            cur += l.current;
            prev += l.previous;
        }
        QCOMPARE(cur, r.total);
        QCOMPARE(prev, r.previousTotal);
    }
    for (size_t i = 1; i < r.movers.size(); ++i)
        QVERIFY(std::abs(r.movers[i - 1].delta()) >= std::abs(r.movers[i].delta()));
    for (const report::ReportAnomaly &a : r.anomalies) {
        QVERIFY(a.day >= month);
        QVERIFY(a.day <= asOf);
    }
    QVERIFY(!r.budgets.empty()); // the demo has budget pools
}

void TestMonthlyReport::pdfTextHasTheTotals()
{
    if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
        QSKIP("pdftotext (poppler-utils) is not installed: run scripts/install-deps.sh");
    report::MonthlyReportOptions o;
    o.month = QDate(2026, 3, 1);
    o.today = QDate(2026, 3, 20);
    const report::MonthlyReport r = report::buildMonthlyReport(m_store, o);
    const QString pdf = m_dir.filePath(QStringLiteral("report.pdf"));
    QString error;
    QVERIFY2(views::writeReportPdf(r, pdf, &error), qPrintable(error));
    const QString text = pdfText(pdf);
    QVERIFY(!text.isEmpty());
    // The totals, computed here through CostQuery, not through the report.
    const int64_t total = explorerTotal(m_store, QDate(2026, 3, 1), QDate(2026, 3, 21));
    const int64_t before = explorerTotal(m_store, QDate(2026, 2, 1), QDate(2026, 3, 1));
    QVERIFY2(text.contains(QStringLiteral("Total this month")), qPrintable(text.left(2000)));
    QVERIFY2(text.contains(money(total) + QStringLiteral(" USD")), qPrintable(money(total)));
    QVERIFY2(text.contains(money(before) + QStringLiteral(" USD")), qPrintable(money(before)));
    QVERIFY(text.contains(QStringLiteral("March 2026")));
    QVERIFY(text.contains(QStringLiteral("Period: 2026-03-01 to 2026-03-31 (costs up to 2026-03-20)")));
    for (const QString &section : {QStringLiteral("Cost by provider"), QStringLiteral("Cost by account"),
                                   QStringLiteral("Cost by service"), QStringLiteral("Top movers"),
                                   QStringLiteral("Anomalies of the month"), QStringLiteral("Open recommendations"),
                                   QStringLiteral("Budget status")})
        QVERIFY2(text.contains(section), qPrintable(section));
    // The largest provider's amount is in its table.
    QVERIFY(!r.providers.empty());
    QVERIFY(text.contains(money(r.providers.front().current)));
    // Page numbers on every page (pdftotext separates pages with a form feed).
    const int pages = static_cast<int>(text.count(u'\f'));
    QVERIFY(pages >= 2);
    for (int p = 1; p <= pages; ++p)
        QVERIFY2(text.contains(QStringLiteral("Page %1").arg(p)), qPrintable(QString::number(p)));
    // Charts are vector paths: the PDF holds no image.
    if (!QStandardPaths::findExecutable(QStringLiteral("pdfimages")).isEmpty()) {
        QProcess p;
        p.start(QStringLiteral("pdfimages"), {QStringLiteral("-list"), pdf});
        QVERIFY(p.waitForFinished(60000));
        const QStringList lines = QString::fromUtf8(p.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2); // the two header lines only
    }
}

// The fonts of a PDF (pdffonts): one line per font, "name type encoding emb sub uni object ID".
QStringList pdfFonts(const QString &pdf)
{
    QProcess p;
    p.start(QStringLiteral("pdffonts"), {pdf});
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return {};
    return QString::fromUtf8(p.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts).mid(2);
}

// The same report in English and in Chinese (the translator the window or `--language` installs):
// the headings in the language, the same totals (computed here through CostQuery), no heading of
// the other language left, every ASCII word either data of the report or an allowed name, and
// the CJK font embedded.
void TestMonthlyReport::pdfInLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QStringList>("absent");
    const QStringList english{QStringLiteral("Monthly FinOps report"),
                              QStringLiteral("March 2026"),
                              QStringLiteral("Period: 2026-03-01 to 2026-03-31 (costs up to 2026-03-20)"),
                              QStringLiteral("Total this month"),
                              QStringLiteral("Last month, same days"),
                              QStringLiteral("Cost by provider"),
                              QStringLiteral("Cost by account"),
                              QStringLiteral("Cost by service"),
                              QStringLiteral("Top movers against last month"),
                              QStringLiteral("Anomalies of the month"),
                              QStringLiteral("Open recommendations"),
                              QStringLiteral("Budget status"),
                              QStringLiteral("ML experiments' cost"),
                              QStringLiteral("Top runs by cost"),
                              QStringLiteral("This month"),
                              QStringLiteral("Page 1 of ")};
    // Written by hand from the glossary of docs/translation.md, not read from the .ts.
    const QStringList chinese{QStringLiteral("月度 FinOps 报告"),
                              QStringLiteral("2026年3月"),
                              QStringLiteral("期间：2026-03-01 至 2026-03-31（成本截至 2026-03-20）"),
                              QStringLiteral("本月合计"),
                              QStringLiteral("上月同期（相同天数）"),
                              QStringLiteral("按云厂商的成本"),
                              QStringLiteral("按账户的成本"),
                              QStringLiteral("按服务的成本"),
                              QStringLiteral("与上月相比变化最大的项目"),
                              QStringLiteral("本月异常"),
                              QStringLiteral("未处理的优化建议"),
                              QStringLiteral("预算状态"),
                              QStringLiteral("机器学习实验成本"),
                              QStringLiteral("成本最高的运行"),
                              QStringLiteral("本月"),
                              QStringLiteral("第 1 页，共 ")};
    QTest::newRow("English") << QString() << english << chinese;
    QTest::newRow("Simplified Chinese") << QStringLiteral("zh_CN") << chinese << english;
}

void TestMonthlyReport::pdfInLanguage()
{
    QFETCH(QString, language);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, absent);
    if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
        QSKIP("pdftotext (poppler-utils) is not installed: run scripts/install-deps.sh");
    report::MonthlyReport r;
    const QString pdf = m_dir.filePath(QStringLiteral("report-%1.pdf").arg(language.isEmpty() ? QStringLiteral("en") : language));
    {
        QTranslator translator; // removed from the application when it goes out of scope
        if (!language.isEmpty()) {
            QVERIFY(app::loadTranslation(&translator, language));
            QVERIFY(QCoreApplication::installTranslator(&translator));
        }
        report::MonthlyReportOptions o;
        o.month = QDate(2026, 3, 1);
        o.today = QDate(2026, 3, 20);
        o.recommendations = [this] { return views::openRecommendations(m_store); };
        o.mlCost = [this](const QDate &from, const QDate &to, int64_t nowMs) {
            return views::monthMlCost(m_store.db(), from, to, nowMs);
        };
        r = report::buildMonthlyReport(m_store, o);
        QString error;
        QVERIFY2(views::writeReportPdf(r, pdf, &error), qPrintable(error));
    }
    const QString text = pdfText(pdf);
    QVERIFY(!text.isEmpty());
    for (const QString &t : expected)
        QVERIFY2(text.contains(t), qPrintable(t + QStringLiteral(" not in the PDF:\n") + text.left(3000)));
    for (const QString &t : absent)
        QVERIFY2(!text.contains(t), qPrintable(t + QStringLiteral(" in the PDF")));
    // The same numbers in both languages: the totals through CostQuery, the largest provider.
    const int64_t total = explorerTotal(m_store, QDate(2026, 3, 1), QDate(2026, 3, 21));
    const int64_t before = explorerTotal(m_store, QDate(2026, 2, 1), QDate(2026, 3, 1));
    QVERIFY2(text.contains(money(total) + QStringLiteral(" USD")), qPrintable(money(total)));
    QVERIFY2(text.contains(money(before) + QStringLiteral(" USD")), qPrintable(money(before)));
    QVERIFY(!r.providers.empty());
    QVERIFY(text.contains(money(r.providers.front().current)));
    // Every page says which page of how many.
    const int pages = static_cast<int>(text.count(u'\f'));
    QVERIFY(pages >= 3);
    for (int p = 1; p <= pages; ++p) {
        const QString footer = language.isEmpty() ? QStringLiteral("Page %1 of %2").arg(p).arg(pages)
                                                  : QStringLiteral("第 %1 页，共 %2 页").arg(p).arg(pages);
        QVERIFY2(text.contains(footer), qPrintable(footer));
    }
    // Chinese text in the Chinese report only.
    static const QRegularExpression han(QStringLiteral("\\p{Han}"));
    QCOMPARE(text.contains(han), !language.isEmpty());
    if (!language.isEmpty()) {
        // No English word is left but the report's data (names of providers, accounts,
        // services, resources, pools, experiments, runs and metrics), product names and codes.
        QStringList data{QStringLiteral("FinOps"), QStringLiteral("Costscope"), QStringLiteral("USD"),
                         QStringLiteral("costscope recommendations")};
        for (const auto *lines : {&r.providers, &r.accounts, &r.services})
            for (const report::ReportLine &l : *lines)
                data << l.label;
        for (const report::ReportAnomaly &a : r.anomalies)
            data << a.label;
        for (const report::ReportRecommendation &x : r.recommendations)
            data << x.name << x.resourceId;
        for (const report::ReportBudget &b : r.budgets)
            data << b.name;
        for (const report::ReportExperiment &e : r.ml.experiments)
            data << e.name << e.primaryMetric << e.bestRun;
        for (const report::ReportRun &x : r.ml.topRuns)
            data << x.name << x.experiment << x.metricKey;
        const QString allData = data.join(u'\n');
        static const QRegularExpression word(QStringLiteral("[A-Za-z]{2,}"));
        QStringList english;
        for (auto it = word.globalMatch(text); it.hasNext();) {
            const QString w = it.next().captured(0);
            // A name cut short ("some-long-na…") is still a name.
            if (!allData.contains(w) && !english.contains(w))
                english << w;
        }
        QVERIFY2(english.isEmpty(), qPrintable(english.join(u' ')));
        // The Chinese glyphs come from an embedded CJK font: no tofu, readable without the font.
        if (!QStandardPaths::findExecutable(QStringLiteral("pdffonts")).isEmpty()) {
            const QStringList fonts = pdfFonts(pdf);
            QVERIFY(!fonts.isEmpty());
            bool cjk = false;
            for (const QString &f : fonts) {
                const QStringList cols = f.simplified().split(u' ');
                // name type... emb sub uni object ID: emb is the fifth column from the end.
                QVERIFY2(cols.size() >= 7 && cols.at(cols.size() - 5) == u"yes", qPrintable(QStringLiteral("not embedded: ") + f));
                cjk = cjk || f.contains(QStringLiteral("WenQuanYi")) || f.contains(QStringLiteral("Noto"))
                      || f.contains(QStringLiteral("CJK"));
            }
            QVERIFY2(cjk, qPrintable(fonts.join(u'\n')));
        }
    }
}

// costscope report --language: zh_CN writes the Chinese PDF with the English one's totals, the
// verb's own output stays English, the translator is gone afterwards; a bad value exits 2.
void TestMonthlyReport::commandLineLanguage()
{
    if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
        QSKIP("pdftotext (poppler-utils) is not installed: run scripts/install-deps.sh");
    const int64_t total = explorerTotal(m_store, QDate(2026, 2, 1), QDate(2026, 3, 1));
    for (const QString &language : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
        const QString pdf = m_dir.filePath(QStringLiteral("cli-%1.pdf").arg(language));
        QString out, err;
        QTextStream o(&out), e(&err);
        const app::CommandOptions opts{m_path, QStringLiteral("table"),
                                       {{QStringLiteral("pdf"), pdf},
                                        {QStringLiteral("month"), QStringLiteral("2026-02")},
                                        {QStringLiteral("language"), language}}};
        QCOMPARE(app::runReportCommand(opts, QDate(2026, 3, 20), o, e), 0);
        o.flush();
        e.flush();
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(out, QStringLiteral("wrote %1: 2026-02, total %2 USD\n").arg(pdf, money(total)));
        const QString text = pdfText(pdf);
        QVERIFY(text.contains(money(total) + QStringLiteral(" USD")));
        if (language == u"en") {
            QVERIFY(text.contains(QStringLiteral("Total this month")));
            QVERIFY(text.contains(QStringLiteral("February 2026")));
        } else {
            QVERIFY(text.contains(QStringLiteral("本月合计")));
            QVERIFY(text.contains(QStringLiteral("2026年2月")));
            QVERIFY(!text.contains(QStringLiteral("Total this month")));
        }
        // The translator was for that run only.
        QCOMPARE(QCoreApplication::translate("costscope::views::ReportPdf", "Total this month"),
                 QStringLiteral("Total this month"));
    }
    for (const QString &bad : {QStringLiteral("fr"), QStringLiteral("zh_TW"), QStringLiteral("ZH_CN"), QString()}) {
        const QString pdf = m_dir.filePath(QStringLiteral("cli-bad.pdf"));
        QString out, err;
        QTextStream o(&out), e(&err);
        const app::CommandOptions opts{m_path, QStringLiteral("table"),
                                       {{QStringLiteral("pdf"), pdf}, {QStringLiteral("language"), bad}}};
        QCOMPARE(app::runReportCommand(opts, QDate(2026, 3, 20), o, e), 2);
        e.flush();
        QCOMPARE(err, QStringLiteral("costscope: report: --language must be en or zh_CN\n"));
        QVERIFY(!QFile::exists(pdf));
    }
}

// The ML section: runs started in March 2026 counted and costed here from the store (SQL for the
// runs and their last primary-metric value, RunCostCalculator for each run's cost), against the
// report's figures, the Experiments tab's run costs and the PDF's text.
void TestMonthlyReport::mlCostOfTheMonth()
{
    const QDate month(2026, 3, 1);
    const int64_t fromMs = QDateTime(month, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const int64_t toMs = QDateTime(month.addMonths(1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const int64_t nowMs = QDateTime(QDate(2026, 3, 20), QTime(23, 59, 59), Qt::UTC).toMSecsSinceEpoch() + 999;
    report::MonthlyReportOptions o;
    o.month = month;
    o.today = QDate(2026, 3, 20);
    o.mlCost = [this](const QDate &from, const QDate &to, int64_t now) {
        return views::monthMlCost(m_store.db(), from, to, now);
    };
    const report::MonthlyReport r = report::buildMonthlyReport(m_store, o);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));

    // Oracle: per experiment, the active runs started in the month, each run costed on its own.
    ml::RunStore runStore(m_store.db());
    const analysis::FlavorCatalog &catalog = analysis::FlavorCatalog::bundled();
    ml::RunCostCalculator calc(
        m_store.db(),
        [&catalog](const QString &provider, const QString &region, const QString &type) {
            return catalog.hourlyPrice(provider, region, type);
        },
        nowMs);
    struct Expected
    {
        int runs = 0;
        int64_t cost = 0;
    };
    std::map<QString, Expected> expected;
    std::map<QString, int64_t> runCost;     // run uuid -> nanos
    std::map<QString, QString> primaryOf;   // experiment name -> primary metric
    int64_t total = 0;
    {
        store::Statement st(m_store.db(), R"sql(SELECT e.name, r.uuid, e.primary_metric FROM ml_run r
            JOIN ml_experiment e ON e.id = r.experiment_id
            WHERE r.lifecycle = 'active' AND e.lifecycle = 'active' AND r.start_ms >= ? AND r.start_ms < ?)sql");
        st.bind(1, fromMs).bind(2, toMs);
        while (st.next()) {
            ml::MlError error;
            const auto run = runStore.run(st.columnText(1), &error);
            QVERIFY2(run, qPrintable(error.message));
            const ml::RunCost c = calc.cost(*run);
            Expected &e = expected[st.columnText(0)];
            ++e.runs;
            e.cost += c.known() ? c.cost.nanos() : 0;
            runCost[st.columnText(1)] = c.known() ? c.cost.nanos() : 0;
            primaryOf[st.columnText(0)] = st.columnText(2);
            total += c.known() ? c.cost.nanos() : 0;
        }
        QVERIFY2(st.ok(), qPrintable(st.error()));
    }
    QVERIFY2(expected.size() >= 2, "the demo has runs of several experiments in March 2026");
    QCOMPARE(r.ml.experiments.size(), expected.size());
    int runs = 0;
    for (const report::ReportExperiment &e : r.ml.experiments) {
        QVERIFY2(expected.count(e.name), qPrintable(e.name));
        QCOMPARE(e.runCount, expected[e.name].runs);
        QCOMPARE(e.cost, expected[e.name].cost);
        QCOMPARE(e.primaryMetric, primaryOf[e.name]);
        runs += e.runCount;
    }
    QCOMPARE(r.ml.runCount, runs);
    QCOMPARE(r.ml.cost, total);
    QVERIFY(total > 0);
    for (size_t i = 1; i < r.ml.experiments.size(); ++i)
        QVERIFY(r.ml.experiments[i - 1].cost >= r.ml.experiments[i].cost);

    // Top runs: the most expensive first, each run's cost as the oracle's and as the Experiments tab's.
    QCOMPARE(r.ml.topRuns.size(), std::min<size_t>(10, runCost.size()));
    const views::ExperimentsSnapshot tab = views::loadExperimentsSnapshot(m_store.db(), nowMs);
    std::vector<int64_t> sorted;
    for (const auto &entry : runCost)
        sorted.push_back(entry.second);
    std::sort(sorted.begin(), sorted.end(), std::greater<>());
    for (size_t i = 0; i < r.ml.topRuns.size(); ++i) {
        const report::ReportRun &run = r.ml.topRuns[i];
        QCOMPARE(run.cost, sorted[i]);
        QCOMPARE(run.cost, runCost.at(run.runId));
        QCOMPARE(run.cost, tab.costs.at(run.runId).cost.nanos());
        // The primary metric's last value (highest step), read here with SQL; demo leaderboards use "last".
        store::Statement st(m_store.db(), R"sql(SELECT m.value FROM ml_metric m JOIN ml_run r ON r.id = m.run_id
            WHERE r.uuid = ? AND m.key = ? AND m.is_nan = 0 ORDER BY m.step DESC, m.ts DESC, m.value DESC LIMIT 1)sql");
        st.bind(1, run.runId).bind(2, run.metricKey);
        const bool found = st.next();
        QVERIFY2(st.ok(), qPrintable(st.error()));
        if (found) {
            QVERIFY(run.metric.has_value());
            QCOMPARE(*run.metric, st.columnDouble(0));
        } else {
            QVERIFY(!run.metric.has_value());
        }
    }

    if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
        QSKIP("pdftotext (poppler-utils) is not installed: run scripts/install-deps.sh");
    const QString pdf = m_dir.filePath(QStringLiteral("ml.pdf"));
    QString error;
    QVERIFY2(views::writeReportPdf(r, pdf, &error), qPrintable(error));
    const QString text = pdfText(pdf);
    QVERIFY(text.contains(QStringLiteral("ML experiments' cost")));
    QVERIFY(text.contains(QStringLiteral("Top runs by cost")));
    const QString summary = QStringLiteral("%1 runs started this month in %2 experiments: ").arg(runs).arg(expected.size());
    QVERIFY2(text.contains(summary + money(total)) || text.contains(summary + u'~' + money(total)),
             qPrintable(text.right(3000)));
    for (const auto &[name, e] : expected)
        QVERIFY2(text.contains(money(e.cost)), qPrintable(name));
    QVERIFY(text.contains(r.ml.topRuns.front().name));
    QVERIFY(text.contains(money(sorted.front())));
}

// USD account 111 (10.00 a day) and EUR account 222 (5.00 a day), January to 2026-03-10; a
// pool "All" of both with a limit of 150 USD. Rates: EUR->USD 1.2 from 2026-03-01 only (so
// February's EUR has no rate to USD), USD->EUR 0.8 always, nothing to GBP.
void TestMonthlyReport::twoCurrencies_data()
{
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("total");         // March 1-10
    QTest::addColumn<QString>("previousTotal"); // February
    QTest::addColumn<QString>("aws");           // AWS this month / month before
    QTest::addColumn<QString>("azure");
    QTest::addColumn<QString>("unconverted");   // "currency amount months; ..."
    QTest::addColumn<QString>("budget");        // "currency limit monthToDate"
    // USD: 100 + 50 x 1.2 = 160; February 280 USD, its 140 EUR have no rate (named, not at 1).
    QTest::newRow("main currency USD") << QString() << QStringLiteral("160.00") << QStringLiteral("280.00")
                                       << QStringLiteral("100.00/280.00") << QStringLiteral("60.00/0.00")
                                       << QStringLiteral("EUR 140.00 2026-02") << QStringLiteral("USD 150.00 160.00");
    // EUR: 100 x 0.8 + 50 = 130; February 280 x 0.8 + 140 = 364. The budget: 150 x 0.8 = 120,
    // month to date 160 x 0.8 = 128.
    QTest::newRow("EUR") << QStringLiteral("EUR") << QStringLiteral("130.00") << QStringLiteral("364.00")
                         << QStringLiteral("80.00/224.00") << QStringLiteral("50.00/140.00") << QString()
                         << QStringLiteral("EUR 120.00 128.00");
    // GBP: no rate at all; everything named, nothing counted, budgets stay in USD.
    QTest::newRow("GBP, no rate") << QStringLiteral("GBP") << QStringLiteral("0.00") << QStringLiteral("0.00")
                                  << QString() << QString()
                                  << QStringLiteral("EUR 190.00 2026-02,2026-03; USD 380.00 2026-02,2026-03")
                                  << QStringLiteral("USD 150.00 160.00");
}

void TestMonthlyReport::twoCurrencies()
{
    QFETCH(QString, currency);
    QFETCH(QString, total);
    QFETCH(QString, previousTotal);
    QFETCH(QString, aws);
    QFETCH(QString, azure);
    QFETCH(QString, unconverted);
    QFETCH(QString, budget);
    const QDate today(2026, 3, 10);
    const QString path = m_dir.filePath(QStringLiteral("two.costscope"));
    store::CostStore store;
    QString error;
    const bool fresh = !QFile::exists(path);
    QVERIFY2(store.open(path, &error), qPrintable(error));
    if (fresh) {
        store::CostWriter w(store);
        QVERIFY(w.begin(testsupport::source(QStringLiteral("two")), &error));
        for (QDate month(2026, 1, 1); month <= today; month = month.addMonths(1)) {
            CostBatch usd = testsupport::makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), month);
            CostBatch eur = testsupport::makeBatch(QStringLiteral("Azure"), QStringLiteral("222"), month);
            eur.currency = QStringLiteral("EUR");
            for (QDate d = month; d < month.addMonths(1) && d <= today; d = d.addDays(1)) {
                usd.rows.push_back(testsupport::makeRow(d, "10", QStringLiteral("Amazon EC2"), QStringLiteral("us-east-1"),
                                                        QStringLiteral("111")));
                eur.rows.push_back(testsupport::makeRow(d, "5", QStringLiteral("Virtual Machines"),
                                                        QStringLiteral("westeurope"), QStringLiteral("222")));
            }
            QVERIFY2(w.add(usd, &error), qPrintable(error));
            QVERIFY2(w.add(eur, &error), qPrintable(error));
        }
        QVERIFY2(w.commit(&error), qPrintable(error));
        store::BudgetSettings settings(store);
        QVERIFY(settings.addPool(QStringLiteral("All"), {}, &error));
        std::vector<analysis::ScopeTerm> both;
        QVERIFY(analysis::parseScope(QStringLiteral("account is 111, 222"), &both, &error));
        QVERIFY2(settings.setBudget(QStringLiteral("All"), Money::fromDouble(150).nanos(), both, {}, &error),
                 qPrintable(error));
        const std::vector<CurrencyRate> rates{testsupport::currencyRate("EUR", "USD", "1.2", QDate(2026, 3, 1)),
                                              testsupport::currencyRate("USD", "EUR", "0.8", {})};
        QVERIFY2(store::CurrencyRateStore(store).replaceAll(rates, &error), qPrintable(error));
    }

    report::MonthlyReportOptions o;
    o.month = QDate(2026, 3, 1);
    o.today = today;
    o.currency = currency;
    const report::MonthlyReport r = report::buildMonthlyReport(store, o);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    const QString cur = currency.isEmpty() ? QStringLiteral("USD") : currency;
    QCOMPARE(r.currency, cur);
    QCOMPARE(money(r.total), total);
    QCOMPARE(money(r.previousTotal), previousTotal);
    const auto line = [](const std::vector<report::ReportLine> &lines, const QString &key) -> QString {
        for (const report::ReportLine &l : lines)
            if (l.key == key)
                return money(l.current) + u'/' + money(l.previous);
        return QString();
    };
    QCOMPARE(line(r.providers, QStringLiteral("AWS")), aws);
    QCOMPARE(line(r.providers, QStringLiteral("Azure")), azure);
    QCOMPARE(line(r.accounts, QStringLiteral("111")), aws);
    QCOMPARE(line(r.accounts, QStringLiteral("222")), azure);
    QStringList named;
    for (const store::UnconvertedAmount &u : r.unconverted) {
        QStringList months;
        for (const QDate &m : u.months)
            months << m.toString(QStringLiteral("yyyy-MM"));
        named << u.currency + u' ' + money(u.nanos) + u' ' + months.join(u',');
    }
    QCOMPARE(named.join(QStringLiteral("; ")), unconverted);
    QCOMPARE(r.budgets.size(), size_t(1));
    QCOMPARE(r.budgetCurrency + u' ' + money(r.budgets[0].limit) + u' ' + money(r.budgets[0].monthToDate), budget);
    QCOMPARE(r.budgetNote.isEmpty(), r.budgetCurrency == cur);

    // The PDF says the same: the total in the report's currency, what had no rate, the budgets' currency.
    const QString pdf = m_dir.filePath(QStringLiteral("two-%1.pdf").arg(cur));
    QVERIFY2(views::writeReportPdf(r, pdf, &error), qPrintable(error));
    if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
        QSKIP("pdftotext is not installed");
    const QString text = pdfText(pdf).simplified();
    QVERIFY2(text.contains(QStringLiteral("Total this month %1 %2").arg(total, cur)), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Amounts in %1 (billed cost)").arg(cur)), qPrintable(text));
    for (const store::UnconvertedAmount &u : r.unconverted)
        QVERIFY2(text.contains(QStringLiteral("no rate from %1 to %2").arg(u.currency, cur)), qPrintable(text));
    if (!r.budgetNote.isEmpty())
        QVERIFY2(text.contains(QStringLiteral("Budgets stay in USD")), qPrintable(text));

    // costscope report --currency: the same total, then one line per currency with no rate.
    std::multimap<QString, QString> options{{QStringLiteral("pdf"), pdf}, {QStringLiteral("month"), QStringLiteral("2026-03")}};
    if (!currency.isEmpty())
        options.emplace(QStringLiteral("currency"), currency.toLower());
    QString out, err;
    QTextStream os(&out), es(&err);
    QCOMPARE(app::runReportCommand(app::CommandOptions{path, QStringLiteral("table"), options}, today, os, es), 0);
    os.flush();
    QString expected = QStringLiteral("wrote %1: 2026-03, total %2 %3\n").arg(pdf, total, cur);
    for (const store::UnconvertedAmount &u : r.unconverted) {
        QStringList months;
        for (const QDate &m : u.months)
            months << m.toString(QStringLiteral("yyyy-MM"));
        expected += QStringLiteral("not counted: %1 %2 (no rate to %3 for %4)\n")
                        .arg(money(u.nanos), u.currency, cur, months.join(QStringLiteral(", ")));
    }
    QCOMPARE(out, expected);
    QString out2, err2;
    QTextStream os2(&out2), es2(&err2);
    QCOMPARE(app::runReportCommand(app::CommandOptions{path, QStringLiteral("table"),
                                                       {{QStringLiteral("pdf"), pdf}, {QStringLiteral("currency"), QStringLiteral("E1")}}},
                                   today, os2, es2),
             2);
    es2.flush();
    QCOMPARE(err2, QStringLiteral("costscope: report: --currency must be a three-letter currency code\n"));
}

void TestMonthlyReport::commandLine()
{
    const QString pdf = m_dir.filePath(QStringLiteral("cli.pdf"));
    QString out, err;
    QTextStream o(&out), e(&err);
    const app::CommandOptions opts{m_path, QStringLiteral("table"),
                                   {{QStringLiteral("pdf"), pdf}, {QStringLiteral("month"), QStringLiteral("2026-02")}}};
    QCOMPARE(app::runReportCommand(opts, QDate(2026, 3, 20), o, e), 0);
    o.flush();
    e.flush();
    QVERIFY2(err.isEmpty(), qPrintable(err));
    const int64_t total = explorerTotal(m_store, QDate(2026, 2, 1), QDate(2026, 3, 1));
    QCOMPARE(out, QStringLiteral("wrote %1: 2026-02, total %2 USD\n").arg(pdf, money(total)));
    QFile f(pdf);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.read(5) == "%PDF-");
}

void TestMonthlyReport::badArguments_data()
{
    QTest::addColumn<QString>("pdf");
    QTest::addColumn<QString>("month");
    QTest::addColumn<int>("rc");
    QTest::addColumn<QString>("message");
    QTest::newRow("no --pdf") << QString() << QString() << 2 << QStringLiteral("--pdf FILE is required");
    QTest::newRow("month not a month") << QStringLiteral("x.pdf") << QStringLiteral("2026-13") << 2
                                       << QStringLiteral("--month must be a month YYYY-MM");
    QTest::newRow("month with a day") << QStringLiteral("x.pdf") << QStringLiteral("2026-03-01") << 2
                                      << QStringLiteral("--month must be a month YYYY-MM");
    QTest::newRow("unwritable file") << QStringLiteral("/nonexistent-dir/r.pdf") << QString() << 1
                                     << QStringLiteral("cannot write /nonexistent-dir/r.pdf");
}

void TestMonthlyReport::badArguments()
{
    QFETCH(QString, pdf);
    QFETCH(QString, month);
    QFETCH(int, rc);
    QFETCH(QString, message);
    std::multimap<QString, QString> options;
    if (!pdf.isEmpty())
        options.emplace(QStringLiteral("pdf"), pdf.startsWith(u'/') ? pdf : m_dir.filePath(pdf));
    if (!month.isEmpty())
        options.emplace(QStringLiteral("month"), month);
    QString out, err;
    QTextStream o(&out), e(&err);
    QCOMPARE(app::runReportCommand(app::CommandOptions{m_path, QStringLiteral("table"), options}, QDate(2026, 3, 20), o, e),
             rc);
    e.flush();
    QVERIFY2(err.contains(message), qPrintable(err));
    QCOMPARE(err.count(u'\n'), 1);
}

void TestMonthlyReport::emptyWorkspace()
{
    store::CostStore empty;
    QVERIFY(empty.open(m_dir.filePath(QStringLiteral("empty.costscope"))));
    const report::MonthlyReport r = report::buildMonthlyReport(empty, {});
    QCOMPARE(r.error, QStringLiteral("the workspace holds no cost data"));
}

QTEST_MAIN(TestMonthlyReport)
#include "TestMonthlyReport.moc"
