// Leaderboard: OptScale's ranking with hand-made runs (directions, targets, filters, grouping and
// its aggregations, dataset coverage, the not-qualified group, costs).
#include "model/ml/Leaderboard.h"

#include <QTest>

#include <limits>

using namespace costscope;
using namespace costscope::ml;

namespace {

constexpr double kNone = std::numeric_limits<double>::quiet_NaN(); // "no such metric" in the table below

Run makeRun(const QString &id, int64_t start, double acc, double loss, const QString &model, const QString &lr,
            const QString &dataset)
{
    Run r;
    r.info.runId = id;
    r.info.runName = id;
    r.info.startTime = start;
    if (!std::isnan(acc))
        r.metrics.push_back({QStringLiteral("acc"), acc, start, 1});
    if (!std::isnan(loss))
        r.metrics.push_back({QStringLiteral("loss"), loss, start, 1});
    if (!model.isEmpty())
        r.params.append({QStringLiteral("model"), model});
    if (!lr.isEmpty())
        r.params.append({QStringLiteral("lr"), lr});
    if (!dataset.isEmpty())
        r.tags.append({QStringLiteral("costscope.dataset"), dataset});
    return r;
}

//   id  start  acc   loss  model  lr    dataset
//   a   100    0.90  0.30  cnn    0.1   A
//   b   200    0.80  0.20  cnn    0.01  B
//   c   300    0.95  0.50  mlp    0.1   A
//   d   400    0.70  0.10  mlp    0.01  A
//   e   500    -     0.40  cnn    -     B
//   f   600    0.99  -     -      0.1   -
std::vector<Run> sample()
{
    return {makeRun(QStringLiteral("a"), 100, 0.90, 0.30, QStringLiteral("cnn"), QStringLiteral("0.1"), QStringLiteral("A")),
            makeRun(QStringLiteral("b"), 200, 0.80, 0.20, QStringLiteral("cnn"), QStringLiteral("0.01"), QStringLiteral("B")),
            makeRun(QStringLiteral("c"), 300, 0.95, 0.50, QStringLiteral("mlp"), QStringLiteral("0.1"), QStringLiteral("A")),
            makeRun(QStringLiteral("d"), 400, 0.70, 0.10, QStringLiteral("mlp"), QStringLiteral("0.01"), QStringLiteral("A")),
            makeRun(QStringLiteral("e"), 500, kNone, 0.40, QStringLiteral("cnn"), QString(), QStringLiteral("B")),
            makeRun(QStringLiteral("f"), 600, 0.99, kNone, QString(), QStringLiteral("0.1"), QString())};
}

QString labels(const std::vector<LeaderboardEntry> &entries)
{
    QStringList out;
    for (const auto &e : entries)
        out << e.label;
    return out.join(u' ');
}

} // namespace

class TestLeaderboard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ranking_data();
    void ranking();
    void groupValues_data();
    void groupValues();
    void target();
    void coverageRequired();
    void costs();
    void parsing();
};

void TestLeaderboard::ranking_data()
{
    QTest::addColumn<QString>("direction");
    QTest::addColumn<QString>("groupParam");
    QTest::addColumn<QString>("aggregation");
    QTest::addColumn<double>("lossMax");
    QTest::addColumn<QStringList>("datasets");
    QTest::addColumn<QString>("qualified");
    QTest::addColumn<QString>("notQualified");

    const double none = -1;
    QTest::newRow("max") << QStringLiteral("max") << QStringLiteral("") << QStringLiteral("last") << none << QStringList() << QStringLiteral("f c a b d") << QStringLiteral("e");
    QTest::newRow("min") << QStringLiteral("min") << QStringLiteral("") << QStringLiteral("last") << none << QStringList() << QStringLiteral("d b a c f") << QStringLiteral("e");
    // loss <= 0.35: c (0.5) fails, f has no loss, e no acc.
    QTest::newRow("loss filter") << QStringLiteral("max") << QStringLiteral("") << QStringLiteral("last") << 0.35 << QStringList() << QStringLiteral("a b d") << QStringLiteral("c e f");
    // cnn: a, b, e (e has no acc); mlp: c, d; f has no model param.
    QTest::newRow("group avg") << QStringLiteral("max") << QStringLiteral("model") << QStringLiteral("avg") << none << QStringList() << QStringLiteral("model=cnn model=mlp") << QStringLiteral("f"); // .85 .825
    QTest::newRow("group max") << QStringLiteral("max") << QStringLiteral("model") << QStringLiteral("max") << none << QStringList() << QStringLiteral("model=mlp model=cnn") << QStringLiteral("f"); // .95 .90
    QTest::newRow("group min, min direction") << QStringLiteral("min") << QStringLiteral("model") << QStringLiteral("min") << none << QStringList() << QStringLiteral("model=mlp model=cnn") << QStringLiteral("f"); // .70 .80
    QTest::newRow("group sum") << QStringLiteral("max") << QStringLiteral("model") << QStringLiteral("sum") << none << QStringList() << QStringLiteral("model=cnn model=mlp") << QStringLiteral("f"); // 1.7 1.65
    QTest::newRow("group last") << QStringLiteral("max") << QStringLiteral("model") << QStringLiteral("last") << none << QStringList() << QStringLiteral("model=cnn model=mlp") << QStringLiteral("f"); // b .80, d .70
    // Coverage first: cnn covers A and B, mlp only A, although mlp's max is higher.
    QTest::newRow("coverage before metric") << QStringLiteral("max") << QStringLiteral("model") << QStringLiteral("max") << none << QStringList{QStringLiteral("A"), QStringLiteral("B")}
                                            << QStringLiteral("model=cnn model=mlp") << QStringLiteral("f");
    // Per run with coverage: A-runs and B-runs cover one each, f none: f ranks last despite .99.
    QTest::newRow("coverage per run") << QStringLiteral("max") << QStringLiteral("") << QStringLiteral("last") << none << QStringList{QStringLiteral("A"), QStringLiteral("B")} << QStringLiteral("c a b d f") << QStringLiteral("e");
    // Grouping by lr: 0.1 = a, c, f (avg .9467), 0.01 = b, d (.75); e has no lr.
    QTest::newRow("group by lr") << QStringLiteral("max") << QStringLiteral("lr") << QStringLiteral("avg") << none << QStringList() << QStringLiteral("lr=0.1 lr=0.01") << QStringLiteral("e");
}

void TestLeaderboard::ranking()
{
    QFETCH(QString, direction);
    QFETCH(QString, groupParam);
    QFETCH(QString, aggregation);
    QFETCH(double, lossMax);
    QFETCH(QStringList, datasets);
    QFETCH(QString, qualified);
    QFETCH(QString, notQualified);
    LeaderboardSpec spec;
    spec.primary = {QStringLiteral("acc"), *parseDirection(direction), *parseAggregation(aggregation), std::nullopt};
    if (!groupParam.isEmpty())
        spec.groupByParams << groupParam;
    if (lossMax >= 0)
        spec.filters.push_back({QStringLiteral("loss"), std::nullopt, lossMax});
    spec.datasets = datasets;
    const LeaderboardResult r = buildLeaderboard(sample(), spec);
    QCOMPARE(labels(r.qualified), qualified);
    QCOMPARE(labels(r.notQualified), notQualified);
    for (size_t i = 0; i < r.qualified.size(); ++i) {
        QCOMPARE(r.qualified[i].rank, int(i) + 1);
        QCOMPARE(r.qualified[i].isTopThree(), i < 3);
    }
    for (const auto &e : r.notQualified) {
        QCOMPARE(e.rank, 0);
        QVERIFY(!e.reasons.isEmpty());
    }
}

void TestLeaderboard::groupValues_data()
{
    QTest::addColumn<QString>("aggregation");
    QTest::addColumn<double>("cnn");
    QTest::addColumn<double>("mlp");
    QTest::newRow("last") << QStringLiteral("last") << 0.80 << 0.70;
    QTest::newRow("max") << QStringLiteral("max") << 0.90 << 0.95;
    QTest::newRow("min") << QStringLiteral("min") << 0.80 << 0.70;
    QTest::newRow("avg") << QStringLiteral("avg") << 0.85 << 0.825;
    QTest::newRow("sum") << QStringLiteral("sum") << 1.70 << 1.65;
}

void TestLeaderboard::groupValues()
{
    QFETCH(QString, aggregation);
    QFETCH(double, cnn);
    QFETCH(double, mlp);
    LeaderboardSpec spec;
    spec.primary = {QStringLiteral("acc"), Direction::Max, *parseAggregation(aggregation), std::nullopt};
    spec.secondary.push_back({QStringLiteral("loss"), Direction::Min, Aggregation::Sum, std::nullopt});
    spec.groupByParams << QStringLiteral("model");
    const LeaderboardResult r = buildLeaderboard(sample(), spec);
    QCOMPARE(r.qualified.size(), size_t(2));
    for (const auto &e : r.qualified) {
        const bool isCnn = e.label == u"model=cnn";
        QVERIFY(qFuzzyCompare(*e.primary, isCnn ? cnn : mlp));
        // loss summed: cnn .3 + .2 + .4, mlp .5 + .1
        QVERIFY(qFuzzyCompare(e.values.at(QStringLiteral("loss")), isCnn ? 0.9 : 0.6));
        QCOMPARE(e.runIds.size(), isCnn ? 3 : 2);
        QCOMPARE(e.groupValues.value(0).first, QStringLiteral("param.model"));
    }
}

void TestLeaderboard::target()
{
    LeaderboardSpec spec;
    spec.primary = {QStringLiteral("acc"), Direction::Max, Aggregation::Last, 0.9};
    LeaderboardResult r = buildLeaderboard(sample(), spec);
    QStringList reached;
    for (const auto &e : r.qualified)
        if (e.targetReached)
            reached << e.label;
    QCOMPARE(reached.join(u' '), QStringLiteral("f c a")); // >= 0.9
    spec.primary = {QStringLiteral("loss"), Direction::Min, Aggregation::Last, 0.2};
    r = buildLeaderboard(sample(), spec);
    reached.clear();
    for (const auto &e : r.qualified)
        if (e.targetReached)
            reached << e.label;
    QCOMPARE(reached.join(u' '), QStringLiteral("d b")); // <= 0.2
    QCOMPARE(labels(r.qualified), QStringLiteral("d b a e c"));
    QCOMPARE(labels(r.notQualified), QStringLiteral("f"));
}

void TestLeaderboard::coverageRequired()
{
    LeaderboardSpec spec;
    spec.primary = {QStringLiteral("acc"), Direction::Max, Aggregation::Max, std::nullopt};
    spec.groupByParams << QStringLiteral("model");
    spec.datasets = {QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")};
    spec.minDatasetsCovered = 2;
    const LeaderboardResult r = buildLeaderboard(sample(), spec);
    QCOMPARE(labels(r.qualified), QStringLiteral("model=cnn"));
    QCOMPARE(r.qualified[0].datasetsCovered, (QStringList{QStringLiteral("A"), QStringLiteral("B")}));
    QCOMPARE(labels(r.notQualified), QStringLiteral("model=mlp f"));
    QVERIFY(r.notQualified[0].reasons.join(u';').contains(u"covers 1 of the 2"));
    QVERIFY(r.notQualified[1].reasons.join(u';').contains(u"grouping"));
}

void TestLeaderboard::costs()
{
    std::map<QString, RunCost> costs;
    RunCost a;
    a.basis = RunCost::Basis::Billed;
    a.cost = Money::fromUnits(1);
    RunCost b;
    b.basis = RunCost::Basis::Estimate;
    b.cost = Money::fromNanos(500'000'000);
    costs[QStringLiteral("a")] = a;
    costs[QStringLiteral("b")] = b;
    costs[QStringLiteral("c")] = a;
    LeaderboardSpec spec;
    spec.primary = {QStringLiteral("acc"), Direction::Max, Aggregation::Avg, std::nullopt};
    spec.groupByParams << QStringLiteral("model");
    const LeaderboardResult r = buildLeaderboard(sample(), spec, costs);
    QCOMPARE(r.qualified[0].label, QStringLiteral("model=cnn"));
    QCOMPARE(r.qualified[0].cost.toString(), QStringLiteral("1.5"));
    QVERIFY(r.qualified[0].costEstimate);
    QCOMPARE(r.qualified[0].runsWithoutCost, 1); // e
    QCOMPARE(r.qualified[1].cost.toString(), QStringLiteral("1"));
    QVERIFY(!r.qualified[1].costEstimate);
    QCOMPARE(r.qualified[1].runsWithoutCost, 1); // d
}

void TestLeaderboard::parsing()
{
    QCOMPARE(parseAggregation(QStringLiteral(" AVG ")), std::optional<Aggregation>(Aggregation::Avg));
    QVERIFY(!parseAggregation(QStringLiteral("median")));
    QVERIFY(!parseAggregation(QString()));
    QCOMPARE(parseDirection(QStringLiteral("Min")), std::optional<Direction>(Direction::Min));
    QVERIFY(!parseDirection(QStringLiteral("up")));
    for (Aggregation a : {Aggregation::Last, Aggregation::Max, Aggregation::Min, Aggregation::Avg, Aggregation::Sum})
        QCOMPARE(parseAggregation(aggregationName(a)), std::optional<Aggregation>(a));
    // Nothing in, nothing out; a NaN primary is no value.
    LeaderboardSpec spec;
    spec.primary.key = QStringLiteral("acc");
    QVERIFY(buildLeaderboard({}, spec).qualified.empty());
    Run n = makeRun(QStringLiteral("n"), 1, std::numeric_limits<double>::quiet_NaN(), 1, QString(), QString(), QString());
    n.metrics.push_back({QStringLiteral("acc"), std::numeric_limits<double>::quiet_NaN(), 1, 1});
    const auto r = buildLeaderboard({n}, spec);
    QCOMPARE(r.notQualified.size(), size_t(1));
}

QTEST_GUILESS_MAIN(TestLeaderboard)
#include "TestLeaderboard.moc"
