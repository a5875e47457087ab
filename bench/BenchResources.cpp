// costscope_bench_resources: the Resources tab at scale. Generates a workspace with --resources
// resources (default 100,000) across 4 providers and 40 accounts, two billed days each (one this
// month, one last month) and 7 days of CPU every 6 hours for every instance, then times what the
// tab does: the worker's inventory query (analysis::loadInventory), loading the table model,
// sorting by cost and by name, a column filter, a free-text filter, grouping by type with header
// rows, and the resident memory of the rows. Median of --repeat runs after the generation.
//
//   costscope_bench_resources [--resources N] [--repeat N] [--workspace PATH] [--keep]
//
// A PATH that exists is reused as it is (no generation). Needs a Qt platform: run it with
// QT_QPA_PLATFORM=offscreen (bench/run-resources-bench.sh does).

#include "model/analysis/ResourceInventory.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "views/resources/ResourceGroupModel.h"
#include "views/resources/ResourceTableModel.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <memory>
#include <vector>

using namespace costscope;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// Resident set size of this process in MiB, from /proc (0 elsewhere).
double rssMiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return 0;
}

const char *const kProviders[] = {"AWS", "Azure", "GCP", "Alibaba Cloud"};
const char *const kTypes[] = {"instance", "volume", "snapshot", "ip", "bucket"};
const char *const kRegions[] = {"us-east-1", "eu-west-1", "ap-southeast-1", "us-west-2", "eu-central-1"};
const char *const kTeams[] = {"web", "data", "ml", "payments", "platform", "ecommerce"};

bool generate(store::CostStore &store, int count, int64_t now, QTextStream &out)
{
    QString error;
    store::CostWriter w(store);
    if (!w.begin(SourceInfo{QStringLiteral("bench"), QStringLiteral("resources bench"), QStringLiteral("bench-resources"),
                            QStringLiteral("bench")},
                 &error)) {
        out << "cannot write: " << error << '\n';
        return false;
    }
    const QDate today = QDateTime::fromSecsSinceEpoch(now, Qt::UTC).date();
    const QDate thisMonth(today.year(), today.month(), 1);
    const QDate lastMonth = thisMonth.addMonths(-1);
    constexpr int kAccounts = 40;
    std::vector<ResourceBatch> batches(kAccounts);
    std::vector<CostBatch> costs;
    for (int a = 0; a < kAccounts; ++a) {
        const QString provider = QString::fromLatin1(kProviders[a % 4]);
        batches[static_cast<size_t>(a)].provider = provider;
        batches[static_cast<size_t>(a)].accountId = QStringLiteral("acct-%1").arg(a, 3, 10, QLatin1Char('0'));
        batches[static_cast<size_t>(a)].observedAt = now - 3600;
        for (const QDate &month : {lastMonth, thisMonth}) {
            CostBatch b;
            b.provider = provider;
            b.billingAccountId = batches[static_cast<size_t>(a)].accountId;
            b.billingAccountName = QStringLiteral("Account %1").arg(a);
            b.periodStart = month;
            b.periodEnd = month.addMonths(1);
            b.currency = QStringLiteral("USD");
            costs.push_back(std::move(b));
        }
    }
    std::vector<MetricSeries> metrics;
    for (int i = 0; i < count; ++i) {
        const int a = i % kAccounts;
        ResourceBatch &batch = batches[static_cast<size_t>(a)];
        ResourceRecord r;
        r.region = QString::fromLatin1(kRegions[(i / kAccounts) % 5]);
        r.type = QString::fromLatin1(kTypes[i % 5 == 0 ? 0 : (i * 7) % 5]);
        r.resourceId = QStringLiteral("res-%1").arg(i, 7, 10, QLatin1Char('0'));
        const QString team = QString::fromLatin1(kTeams[i % 6]);
        r.name = team + u'-' + r.type + u'-' + QString::number(i);
        r.flavor = r.type == u"instance" ? QStringLiteral("m5.large") : QString();
        r.state = QStringLiteral("running");
        r.createdAt = now - static_cast<int64_t>(i % 400) * 86400;
        if (i % 5 != 4)
            r.tags = {{QStringLiteral("team"), team}, {QStringLiteral("env"), i % 3 ? QStringLiteral("prod") : QStringLiteral("dev")}};
        batch.resources.push_back(r);
        for (int m = 0; m < 2; ++m) {
            CostRow row;
            const QDate day = m == 0 ? lastMonth.addDays(i % 28) : thisMonth;
            row.chargeStart = QDateTime(day, QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
            row.chargeEnd = row.chargeStart + 86400;
            row.subAccountId = batch.accountId;
            row.serviceName = r.type == u"instance" ? QStringLiteral("Compute") : QStringLiteral("Storage");
            row.region = r.region;
            row.resourceId = r.resourceId;
            row.billedCost = Money::fromNanos(1'000'000 * (1 + i % 997));
            row.effectiveCost = row.billedCost;
            row.listCost = row.billedCost;
            row.contractedCost = row.billedCost;
            row.consumedQuantity = 24;
            row.consumedUnit = QStringLiteral("Hours");
            row.tags = r.tags;
            costs[static_cast<size_t>(a * 2 + m)].rows.push_back(std::move(row));
        }
        if (r.type == u"instance") {
            MetricSeries cpu;
            cpu.provider = batch.provider;
            cpu.resourceId = r.resourceId;
            cpu.metric = QStringLiteral("cpu");
            for (int p = 0; p < 28; ++p)
                cpu.points.push_back(MetricPoint{now - 7 * 86400 + 3600 + p * 6 * 3600, static_cast<double>((i + p) % 100)});
            metrics.push_back(std::move(cpu));
        }
    }
    auto failed = [&](const char *what) {
        out << what << ": " << error << '\n';
        return false;
    };
    for (const ResourceBatch &b : batches)
        if (!w.addResources(b, false, &error))
            return failed("resources");
    for (const CostBatch &b : costs)
        if (!w.add(b, &error))
            return failed("costs");
    for (const MetricSeries &m : metrics)
        if (!w.addMetrics(m, &error))
            return failed("metrics");
    if (!w.commit(&error))
        return failed("commit");
    out << "generated " << count << " resources, " << count * 2 << " line items, " << metrics.size()
        << " CPU series of 28 points\n";
    return true;
}

template <typename F>
double timeIt(F &&f)
{
    QElapsedTimer t;
    t.start();
    f();
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QTextStream out(stdout);
    const QStringList args = app.arguments();
    int count = 100'000;
    int repeat = 5;
    QString path;
    bool keep = false;
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == u"--resources" && i + 1 < args.size())
            count = std::max(1, args[++i].toInt());
        else if (args[i] == u"--repeat" && i + 1 < args.size())
            repeat = std::max(1, args[++i].toInt());
        else if (args[i] == u"--workspace" && i + 1 < args.size())
            path = args[++i];
        else if (args[i] == u"--keep")
            keep = true;
    }
    QTemporaryDir dir;
    dir.setAutoRemove(!keep);
    if (path.isEmpty())
        path = dir.filePath(QStringLiteral("resources.costscope"));
    const int64_t now = QDateTime::currentSecsSinceEpoch();
    const bool exists = QFileInfo::exists(path);
    store::CostStore store;
    QString error;
    if (!store.open(path, &error)) {
        out << "cannot open " << path << ": " << error << '\n';
        return 1;
    }
    if (!exists) {
        const double ms = timeIt([&] {
            if (!generate(store, count, now, out))
                std::exit(1);
        });
        out << "generation: " << qRound(ms) << " ms (" << path << ")\n";
    }
    out.flush();

    std::vector<double> load, model, sortCost, sortName, column, text, group;
    double rssBefore = 0;
    double rssAfter = 0;
    size_t rows = 0;
    int shownText = 0;
    int shownColumn = 0;
    int groups = 0;
    for (int r = 0; r < repeat; ++r) {
        rssBefore = rssMiB();
        std::shared_ptr<analysis::Inventory> inv;
        load.push_back(timeIt([&] { inv = std::make_shared<analysis::Inventory>(analysis::loadInventory(store, now)); }));
        rows = inv->rows.size();
        views::ResourceTableModel table;
        views::ResourceFilterModel filter;
        filter.setSourceModel(&table);
        filter.setSortRole(views::ResourceTableModel::SortRole);
        filter.sort(static_cast<int>(analysis::ResourceColumn::CostMonth), Qt::DescendingOrder);
        // As the tab does: rows in, sorted by this month's cost.
        model.push_back(timeIt([&] { table.setInventory(inv); }));
        rssAfter = rssMiB();
        sortCost.push_back(timeIt([&] { filter.sort(static_cast<int>(analysis::ResourceColumn::CostToDate), Qt::AscendingOrder); }));
        sortName.push_back(timeIt([&] { filter.sort(static_cast<int>(analysis::ResourceColumn::Name), Qt::AscendingOrder); }));
        column.push_back(timeIt([&] {
            filter.setTextFilter(QStringLiteral("volume"), static_cast<int>(analysis::ResourceColumn::Type));
            shownColumn = filter.rowCount();
        }));
        text.push_back(timeIt([&] {
            filter.setTextFilter(QStringLiteral("ml-instance-1"), -1);
            shownText = filter.rowCount();
        }));
        filter.setTextFilter({}, -1);
        views::ResourceGroupModel grouped(&table, &filter);
        group.push_back(timeIt([&] {
            grouped.setGroupColumn(static_cast<int>(analysis::ResourceColumn::Type));
            groups = grouped.groupCount();
        }));
    }
    out << "rows: " << rows << "; medians of " << repeat << " runs, ms\n";
    out << "  inventory query (worker)      " << qRound(median(load)) << '\n';
    out << "  table model load + cost sort  " << qRound(median(model)) << '\n';
    out << "  sort by cost to date          " << qRound(median(sortCost)) << '\n';
    out << "  sort by name                  " << qRound(median(sortName)) << '\n';
    out << "  filter type contains volume   " << qRound(median(column)) << "  (" << shownColumn << " rows)\n";
    out << "  free text 'ml-instance-1'     " << qRound(median(text)) << "  (" << shownText << " rows)\n";
    out << "  group by type (headers)       " << qRound(median(group)) << "  (" << groups << " groups)\n";
    out << "  resident memory: " << qRound(rssAfter) << " MiB after loading, "
        << qRound(rssAfter - rssBefore) << " MiB for the rows of the last run\n";
    return 0;
}
