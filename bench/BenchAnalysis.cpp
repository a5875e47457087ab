// costscope_bench_analysis: times the anomaly detection (every account, service and resource
// over the whole workspace, with contributors) and the forecasts of the total and of each
// provider, on a workspace (the default demo unless --workspace says otherwise). Prints wall
// and CPU time of each part, median of --repeat runs.
//
//   costscope_bench_analysis --workspace PATH [--repeat N]

#include "model/analysis/AnomalyReport.h"
#include "model/analysis/Forecast.h"
#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStringList>
#include <QTextStream>

#include <algorithm>
#include <ctime>
#include <vector>

using namespace costscope;

namespace {

double cpuSeconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const QStringList args = app.arguments();
    QString path;
    int repeat = 3;
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == u"--workspace")
            path = args[i + 1];
        else if (args[i] == u"--repeat")
            repeat = std::max(1, args[i + 1].toInt());
    }
    if (path.isEmpty()) {
        out << "usage: costscope_bench_analysis --workspace PATH [--repeat N]\n";
        return 2;
    }
    store::CostStore store;
    QString error;
    if (!store.openReadOnly(path, &error)) {
        out << "cannot open " << path << ": " << error << '\n';
        return 1;
    }
    std::vector<double> anomalyWall, anomalyCpu, forecastWall, forecastCpu;
    size_t anomalies = 0;
    int scopes = 0;
    for (int r = 0; r < repeat; ++r) {
        QElapsedTimer t;
        t.start();
        double c = cpuSeconds();
        const analysis::AnomalyReport report = analysis::findAnomalies(store, analysis::AnomalyScanOptions{});
        anomalyWall.push_back(static_cast<double>(t.nsecsElapsed()) / 1e9);
        anomalyCpu.push_back(cpuSeconds() - c);
        anomalies = report.anomalies.size();
        scopes = report.scopesChecked;

        t.restart();
        c = cpuSeconds();
        store::CostQuery query(store);
        const store::DataRange range = query.dataRange();
        const QDate horizon = QDate(range.last.year(), range.last.month(), 1).addMonths(4).addDays(-1);
        for (const QString &p : {QString(), QStringLiteral("AWS"), QStringLiteral("Azure"), QStringLiteral("GCP"),
                                 QStringLiteral("Alibaba Cloud"), QStringLiteral("Kubernetes")}) {
            store::CostQuerySpec scope;
            if (!p.isEmpty())
                scope.filters.append(store::DimensionFilter{store::Dimension::Provider, {}, {p}});
            analysis::forecastScope(query, scope, range.first, range.last, horizon);
        }
        forecastWall.push_back(static_cast<double>(t.nsecsElapsed()) / 1e9);
        forecastCpu.push_back(cpuSeconds() - c);
    }
    out << "workspace " << path << ", " << repeat << " runs (median)\n";
    out << "anomaly detection: " << QString::number(median(anomalyWall), 'f', 2) << " s wall, "
        << QString::number(median(anomalyCpu), 'f', 2) << " s CPU; " << scopes << " scopes, " << anomalies
        << " anomalies\n";
    out << "forecasts (total + 5 providers): " << QString::number(median(forecastWall), 'f', 2) << " s wall, "
        << QString::number(median(forecastCpu), 'f', 2) << " s CPU\n";
    return 0;
}
