// costscope_bench_recommendations: times every recommendation module (17) together, and the
// anomaly detection over the last 90 days, on a demo workspace, as the window runs them (one
// worker, its own connection). Prints the load, the run's parts and the medians in milliseconds;
// bench/run-analysis-bench.sh runs it on the default demo.
//
//   costscope_bench_recommendations [--workspace PATH] [--repeat N] [--list]
//
// Without --workspace it uses $COSTSCOPE_BENCH_WORKSPACE or <temp>/costscope-bench/demo.costscope,
// generating the default demo there when the file is missing.

#include "model/analysis/AnomalyReport.h"
#include "model/analysis/recommendations/RecommendationEngine.h"
#include "model/demo/DemoGenerator.h"
#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <algorithm>
#include <vector>

using namespace costscope;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).section(QLatin1Char(' '), 0, 2)
                                       : QStringLiteral("?");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const QStringList args = app.arguments();
    QString path = qEnvironmentVariable("COSTSCOPE_BENCH_WORKSPACE");
    int repeat = 3;
    const bool list = args.contains(QStringLiteral("--list")); // print every item of the last run
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == u"--workspace")
            path = args[i + 1];
        else if (args[i] == u"--repeat")
            repeat = std::max(1, args[i + 1].toInt());
    }
    if (path.isEmpty())
        path = QDir::temp().filePath(QStringLiteral("costscope-bench/demo.costscope"));
    if (!QFileInfo::exists(path)) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        store::CostStore s;
        QString error;
        if (!s.open(path, &error) || !demo::generateDemo(s, demo::DemoOptions(), {}, {}, nullptr, &error)) {
            out << "cannot create the demo workspace: " << error << '\n';
            return 1;
        }
    }
    out << "workspace " << path << ", load average " << loadAverage() << '\n';
    std::vector<double> load, reco, anomalies, total;
    for (int r = 0; r < repeat; ++r) {
        QElapsedTimer all;
        all.start();
        store::CostStore s;
        QString error;
        if (!s.open(path, &error)) {
            out << "cannot open: " << error << '\n';
            return 1;
        }
        QElapsedTimer t;
        t.start();
        analysis::RecommendationRun run;
        if (!analysis::RecommendationEngine::run(s, &run, {}, {}, false, 0, &error)) {
            out << "recommendations failed: " << error << '\n';
            return 1;
        }
        reco.push_back(static_cast<double>(t.elapsed()));
        t.restart();
        analysis::AnomalyScanOptions ao;
        const store::DataRange range = store::CostQuery(s).dataRange();
        ao.from = range.last.addDays(-89);
        ao.to = range.last.addDays(1);
        const analysis::AnomalyReport report = analysis::findAnomalies(s, ao);
        anomalies.push_back(static_cast<double>(t.elapsed()));
        // Opening, every module (its input load included) and the anomaly detection: what the
        // window runs when both tabs are shown.
        total.push_back(static_cast<double>(all.elapsed()));
        // The input load alone, for the breakdown (not part of the total).
        t.restart();
        const analysis::RecommendationInput in = analysis::RecommendationEngine::loadInput(s);
        load.push_back(static_cast<double>(t.elapsed()));
        int items = 0;
        for (const auto &m : run.modules)
            items += static_cast<int>(m.items.size());
        out << "run " << r + 1 << ": " << in.resources.size() << " resources, " << in.metrics.size()
            << " instances with metrics, " << items << " recommendations, "
            << run.totalSaving.toDisplay(run.currency) << " a month; anomalies: "
            << (report.error.isEmpty() ? QStringLiteral("ok") : report.error) << '\n';
        if (list && r == repeat - 1)
            for (const auto &m : run.modules)
                for (const auto &i : m.items)
                    out << "  " << m.id << '\t' << i.resource.name << '\t' << i.resource.resourceId << '\t'
                        << i.saving.toString(2) << '\n';
    }
    out << "median ms: input load " << median(load) << ", recommendations (load included) " << median(reco)
        << ", anomalies (90 days) " << median(anomalies) << '\n';
    out << "every module and the anomaly detection together, opening included: median " << median(total)
        << " ms, worst " << *std::max_element(total.begin(), total.end()) << " ms\n";
    out << "load average after: " << loadAverage() << '\n';
    return 0;
}
