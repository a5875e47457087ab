// RunStore: MLflow's experiments/runs semantics over the workspace, and the search language.

#include "model/ml/MlValidation.h"
#include "model/ml/RunStore.h"
#include "model/ml/SearchFilter.h"
#include "model/store/CostStore.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace costscope;
using namespace costscope::ml;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

Run makeRun(const QString &id, int64_t start, std::vector<Metric> metrics, KeyValues params, KeyValues tags,
            const QString &status = QStringLiteral("FINISHED"))
{
    Run r;
    r.info.runId = id;
    r.info.startTime = start;
    r.info.status = status;
    r.info.runName = u"name-" + id;
    r.metrics = std::move(metrics);
    r.params = std::move(params);
    r.tags = std::move(tags);
    return r;
}

// Five runs with hand-picked values; the expected answers below are worked out from this table:
//   id  start  acc    loss  lr      tags
//   a   100    0.95   0.2   0.01    team=vision, note="a b x"
//   b   200    0.90   0.3   0.1     team=nlp
//   c   300    NaN    0.1   0.01    team=Vision
//   d   400    -      0.5   -       -             (status RUNNING)
//   e   300    0.90   inf   0.001   team=vision
std::vector<Run> sample()
{
    return {
        makeRun(QStringLiteral("a"), 100, {{QStringLiteral("acc"), 0.95, 1, 0}, {QStringLiteral("loss"), 0.2, 1, 0}},
                {{QStringLiteral("lr"), QStringLiteral("0.01")}},
                {{QStringLiteral("team"), QStringLiteral("vision")}, {QStringLiteral("a b"), QStringLiteral("x y")}}),
        makeRun(QStringLiteral("b"), 200, {{QStringLiteral("acc"), 0.90, 1, 0}, {QStringLiteral("loss"), 0.3, 1, 0}},
                {{QStringLiteral("lr"), QStringLiteral("0.1")}}, {{QStringLiteral("team"), QStringLiteral("nlp")}}),
        makeRun(QStringLiteral("c"), 300, {{QStringLiteral("acc"), kNaN, 1, 0}, {QStringLiteral("loss"), 0.1, 1, 0}},
                {{QStringLiteral("lr"), QStringLiteral("0.01")}}, {{QStringLiteral("team"), QStringLiteral("Vision")}}),
        makeRun(QStringLiteral("d"), 400, {{QStringLiteral("loss"), 0.5, 1, 0}}, {}, {}, QStringLiteral("RUNNING")),
        makeRun(QStringLiteral("e"), 300, {{QStringLiteral("acc"), 0.90, 1, 0}, {QStringLiteral("loss"), kInf, 1, 0}},
                {{QStringLiteral("lr"), QStringLiteral("0.001")}}, {{QStringLiteral("team"), QStringLiteral("vision")}}),
    };
}

QString ids(const std::vector<Run> &runs)
{
    QStringList out;
    for (const Run &r : runs)
        out << r.info.runId;
    return out.join(u',');
}

} // namespace

class TestRunStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void filterMatches_data();
    void filterMatches();
    void filterErrors_data();
    void filterErrors();
    void orderBy_data();
    void orderBy();
    void like_data();
    void like();

    void defaultExperimentExists();
    void experimentLifecycle();
    void experimentSearch();
    void runLifecycleAndLogging();
    void paramChangeIsRefused();
    void batchLimits_data();
    void batchLimits();
    void invalidKeys_data();
    void invalidKeys();
    void nanAndInfinityRoundTrip();
    void latestMetricAndHistoryPaging();
    void searchRunsPaging();
    void pageTokens_data();
    void pageTokens();
    void runNameAndMachineTags();
    void importIsIdempotent();

private:
    store::CostStore m_store;
    std::unique_ptr<RunStore> m_runs;
};

void TestRunStore::init()
{
    QString error;
    QVERIFY2(m_store.open(QStringLiteral(":memory:"), &error), qPrintable(error));
    m_runs = std::make_unique<RunStore>(m_store.db(), QStringLiteral("file:///tmp/artifacts"));
    int64_t t = 1700000000000;
    m_runs->setClock([t]() mutable { return t++; });
}

void TestRunStore::cleanup()
{
    m_runs.reset();
    m_store.close();
}

void TestRunStore::filterMatches_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("expected"); // matching ids in sample order

    QTest::newRow("empty") << "" << "a,b,c,d,e";
    QTest::newRow("metric >") << "metrics.acc > 0.9" << "a";
    QTest::newRow("metric >=") << "metrics.acc >= 0.9" << "a,b,e";
    QTest::newRow("metric = ") << "metric.acc = 0.9" << "b,e";
    QTest::newRow("metric != skips missing, NaN is unequal") << "metrics.acc != 0.9" << "a,c";
    QTest::newRow("metric < with infinity") << "metrics.loss < 1e308" << "a,b,c,d";
    QTest::newRow("metric negative number") << "metrics.loss > -1" << "a,b,c,d,e";
    QTest::newRow("param =") << "params.lr = '0.01'" << "a,c";
    QTest::newRow("param double quotes") << "params.lr = \"0.1\"" << "b";
    QTest::newRow("param !=") << "params.lr != '0.01'" << "b,e";
    QTest::newRow("tag LIKE is case-sensitive") << "tags.team LIKE 'vis%'" << "a,e";
    QTest::newRow("tag ILIKE") << "tags.team ILIKE 'VIS%'" << "a,c,e";
    QTest::newRow("tag with backticks and space") << "tags.`a b` LIKE '%y'" << "a";
    QTest::newRow("tag with double-quoted key") << "tags.\"a b\" = 'x y'" << "a";
    QTest::newRow("underscore wildcard") << "params.lr LIKE '0.0_'" << "a,c";
    QTest::newRow("attribute status") << "attributes.status = 'FINISHED'" << "a,b,c,e";
    QTest::newRow("bare attribute") << "status = 'RUNNING'" << "d";
    QTest::newRow("attribute IN") << "attributes.run_id IN ('a', 'd', 'zz')" << "a,d";
    QTest::newRow("attribute NOT IN") << "attributes.run_id NOT IN ('a','d')" << "b,c,e";
    QTest::newRow("start_time") << "attributes.start_time >= 300" << "c,d,e";
    QTest::newRow("run_name") << "attributes.run_name = 'name-b'" << "b";
    QTest::newRow("and, mixed case keyword")
        << "metrics.acc >= 0.9 and params.lr = '0.01' AnD tags.team LIKE '%ision'" << "a";
    QTest::newRow("the issue's example")
        << "metrics.acc > 0.9 and params.lr = '0.01' and tags.`a b` LIKE '%x%' and attributes.status = 'FINISHED'"
        << "a";
    QTest::newRow("quote inside string") << "params.lr != 'it''s'" << "a,b,c,e";
    QTest::newRow("missing key never matches") << "params.nothing != 'x'" << "";
}

void TestRunStore::filterMatches()
{
    QFETCH(QString, filter);
    QFETCH(QString, expected);
    QString error;
    auto f = SearchFilter::parse(filter, SearchEntity::Runs, &error);
    QVERIFY2(f, qPrintable(error));
    std::vector<Run> matched;
    for (const Run &r : sample())
        if (f->matches(r))
            matched.push_back(r);
    QCOMPARE(ids(matched), expected);
}

void TestRunStore::filterErrors_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("OR") << "metrics.a > 1 or metrics.b > 1" << "OR is not supported";
    QTest::newRow("unknown prefix") << "metricz.a > 1" << "invalid identifier 'metricz.a'";
    QTest::newRow("unknown attribute") << "attributes.colour = 'x'" << "unknown attribute 'colour'";
    QTest::newRow("string for metric") << "metrics.a > '1'" << "must not be quoted";
    QTest::newRow("number for param") << "params.lr = 0.1" << "expected a quoted string";
    QTest::newRow("LIKE on metric") << "metrics.a LIKE '1%'" << "is a number";
    QTest::newRow("> on param") << "params.lr > '1'" << "is a string";
    QTest::newRow("no operator") << "params.lr '1'" << "expected a comparison operator";
    QTest::newRow("unterminated") << "params.lr = 'abc" << "unterminated string";
    QTest::newRow("unterminated key") << "tags.`abc = 'x'" << "unterminated quoted key";
    QTest::newRow("dangling AND") << "params.lr = 'a' and " << "expected a comparison after AND";
    QTest::newRow("junk after") << "params.lr = 'a' params.b = 'c'" << "expected AND or the end";
    QTest::newRow("IN without list") << "attributes.run_id IN 'a'" << "expected '('";
    QTest::newRow("IN bad list") << "attributes.run_id IN ('a' 'b')" << "expected ',' or ')'";
    QTest::newRow("NOT without IN") << "attributes.run_id NOT 'a'" << "expected IN after NOT";
    QTest::newRow("missing key") << "params. = 'a'" << "expected a key";
    QTest::newRow("missing value") << "metrics.a >" << "expected a number";
    QTest::newRow("just garbage") << "%%%" << "expected an identifier";
}

void TestRunStore::filterErrors()
{
    QFETCH(QString, filter);
    QFETCH(QString, messagePart);
    QString error;
    QVERIFY(!SearchFilter::parse(filter, SearchEntity::Runs, &error));
    QVERIFY2(error.contains(messagePart), qPrintable(error));
    QVERIFY2(error.contains(u"position"), qPrintable(error));
}

void TestRunStore::orderBy_data()
{
    QTest::addColumn<QStringList>("orderBy");
    QTest::addColumn<QString>("expected");

    // Default: start_time DESC, then run_id ASC (c and e share 300).
    QTest::newRow("default") << QStringList() << "d,c,e,b,a";
    QTest::newRow("metric DESC, NaN then missing last") << QStringList{QStringLiteral("metrics.acc DESC")}
                                                       << "a,e,b,c,d";
    // b and e tie at 0.90: start_time DESC puts e (300) before b (200).
    QTest::newRow("metric ASC, NaN then missing last") << QStringList{QStringLiteral("metrics.acc ASC")}
                                                      << "e,b,a,c,d";
    QTest::newRow("infinity sorts as a number") << QStringList{QStringLiteral("metrics.loss desc")} << "e,d,b,a,c";
    QTest::newRow("param then start_time")
        << QStringList{QStringLiteral("params.lr"), QStringLiteral("attributes.start_time ASC")} << "e,a,c,b,d";
    QTest::newRow("start_time ASC replaces the default tie-break")
        << QStringList{QStringLiteral("attributes.start_time")} << "a,b,c,e,d";
    // Strings compare by code unit: "vision" > "nlp" > "Vision"; a and e tie, start_time DESC.
    QTest::newRow("tag") << QStringList{QStringLiteral("tags.team DESC")} << "e,a,b,c,d";
}

void TestRunStore::orderBy()
{
    QFETCH(QStringList, orderBy);
    QFETCH(QString, expected);
    QString error;
    auto order = parseOrderBy(orderBy, SearchEntity::Runs, &error);
    QVERIFY2(order, qPrintable(error));
    std::vector<Run> runs = sample();
    sortRuns(runs, *order);
    QCOMPARE(ids(runs), expected);

    QVERIFY(!parseOrderBy({QStringLiteral("metrics.acc SIDEWAYS")}, SearchEntity::Runs, &error));
    QVERIFY2(error.contains(u"expected ASC or DESC"), qPrintable(error));
    QVERIFY(!parseOrderBy({QStringLiteral("bogus.acc")}, SearchEntity::Runs, &error));
}

void TestRunStore::like_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ci");
    QTest::addColumn<bool>("match");
    QTest::newRow("exact") << "abc" << "abc" << false << true;
    QTest::newRow("case") << "ABC" << "abc" << false << false;
    QTest::newRow("ilike") << "ABC" << "abc" << true << true;
    QTest::newRow("percent middle") << "a%c" << "abbbc" << false << true;
    QTest::newRow("percent backtrack") << "%ab%ab" << "xabyabab" << false << true;
    QTest::newRow("underscore needs one") << "a_c" << "ac" << false << false;
    QTest::newRow("only percent") << "%" << "" << false << true;
    QTest::newRow("trailing text") << "a%" << "ba" << false << false;
}

void TestRunStore::like()
{
    QFETCH(QString, pattern);
    QFETCH(QString, text);
    QFETCH(bool, ci);
    QFETCH(bool, match);
    QCOMPARE(likeMatch(pattern, text, ci), match);
}

void TestRunStore::defaultExperimentExists()
{
    MlError e;
    auto d = m_runs->experiment(QStringLiteral("0"), &e);
    QVERIFY2(d, qPrintable(e.message));
    QCOMPARE(d->name, QStringLiteral("Default"));
    QVERIFY(m_runs->ensureDefaultExperiment(&e));
    QCOMPARE(m_runs->experiment(QStringLiteral("0"), &e)->artifactLocation, QStringLiteral("file:///tmp/artifacts/0"));
    QVERIFY(!m_runs->deleteExperiment(QStringLiteral("0"), &e));
    QCOMPARE(e.code, MlError::Code::InvalidParameter);
    // A cleared workspace gets it back.
    QVERIFY(m_store.db().exec("DELETE FROM ml_experiment"));
    QVERIFY(m_runs->ensureDefaultExperiment(&e));
    QVERIFY(m_runs->ensureDefaultExperiment(&e));
    QCOMPARE(m_store.db().queryInt("SELECT count(*) FROM ml_experiment WHERE id = 0 AND name = 'Default'"), 1);
}

void TestRunStore::experimentLifecycle()
{
    MlError e;
    auto id = m_runs->createExperiment(QStringLiteral("exp"), {}, {{QStringLiteral("team"), QStringLiteral("cv")}}, &e);
    QVERIFY2(id, qPrintable(e.message));
    auto exp = m_runs->experiment(*id, &e);
    QVERIFY(exp);
    QCOMPARE(exp->artifactLocation, u"file:///tmp/artifacts/" + *id);
    QCOMPARE(exp->tags.size(), 1);
    QVERIFY(!m_runs->createExperiment(QStringLiteral("exp"), {}, {}, &e));
    QCOMPARE(e.code, MlError::Code::AlreadyExists);
    QCOMPARE(e.httpStatus(), 400);
    QVERIFY(!m_runs->createExperiment(QStringLiteral("  "), {}, {}, &e));
    QCOMPARE(e.code, MlError::Code::InvalidParameter);
    QVERIFY(!m_runs->experiment(QStringLiteral("999"), &e));
    QCOMPARE(e.code, MlError::Code::NotFound);
    QCOMPARE(e.httpStatus(), 404);
    QVERIFY(!m_runs->experiment(QStringLiteral("abc"), &e));
    QCOMPARE(e.code, MlError::Code::InvalidParameter);
    QVERIFY(!m_runs->experimentByName(QStringLiteral("nope"), &e));
    QCOMPARE(e.code, MlError::Code::NotFound);

    auto run = m_runs->createRun(NewRun{*id, QStringLiteral("u"), 5, QStringLiteral("r1"), {}}, &e);
    QVERIFY(run);
    QVERIFY(m_runs->renameExperiment(*id, QStringLiteral("exp2"), &e));
    QVERIFY(!m_runs->renameExperiment(*id, QStringLiteral("Default"), &e));
    QCOMPARE(e.code, MlError::Code::AlreadyExists);
    QVERIFY(m_runs->deleteExperiment(*id, &e));
    QCOMPARE(m_runs->experimentByName(QStringLiteral("exp2"), &e)->lifecycleStage, QStringLiteral("deleted"));
    QCOMPARE(m_runs->run(run->info.runId, &e)->info.lifecycleStage, QStringLiteral("deleted"));
    // A deleted experiment takes no runs and keeps its name.
    QVERIFY(!m_runs->createRun(NewRun{*id, {}, {}, {}, {}}, &e));
    QVERIFY(e.message.contains(u"must be in the 'active' state"));
    QVERIFY(!m_runs->createExperiment(QStringLiteral("exp2"), {}, {}, &e));
    QVERIFY(e.message.contains(u"deleted state"));
    QVERIFY(m_runs->restoreExperiment(*id, &e));
    QCOMPARE(m_runs->run(run->info.runId, &e)->info.lifecycleStage, QStringLiteral("active"));
}

void TestRunStore::experimentSearch()
{
    MlError e;
    // The clock gives each a later creation time.
    const QString a = *m_runs->createExperiment(QStringLiteral("alpha"), {}, {{QStringLiteral("k"), QStringLiteral("1")}}, &e);
    const QString b = *m_runs->createExperiment(QStringLiteral("beta"), {}, {}, &e);
    const QString c = *m_runs->createExperiment(QStringLiteral("gamma"), {}, {}, &e);
    QVERIFY(m_runs->deleteExperiment(c, &e));
    ExperimentQuery q;
    auto page = m_runs->searchExperiments(q, &e);
    QVERIFY(page);
    QStringList names;
    for (const auto &x : page->experiments)
        names << x.name;
    // creation_time DESC; Default (created first) last.
    QCOMPARE(names, (QStringList{QStringLiteral("beta"), QStringLiteral("alpha"), QStringLiteral("Default")}));
    q.viewType = ViewType::DeletedOnly;
    QCOMPARE(m_runs->searchExperiments(q, &e)->experiments.size(), size_t(1));
    q.viewType = ViewType::All;
    q.filter = QStringLiteral("name LIKE '%a' and tags.k = '1'");
    page = m_runs->searchExperiments(q, &e);
    QCOMPARE(page->experiments.size(), size_t(1));
    QCOMPARE(page->experiments[0].experimentId, a);
    q.filter.clear();
    q.orderBy = {QStringLiteral("name ASC")};
    q.maxResults = 2;
    page = m_runs->searchExperiments(q, &e);
    QCOMPARE(page->experiments.size(), size_t(2));
    QCOMPARE(page->experiments[0].name, QStringLiteral("Default"));
    QVERIFY(!page->nextPageToken.isEmpty());
    q.pageToken = page->nextPageToken;
    page = m_runs->searchExperiments(q, &e);
    QCOMPARE(page->experiments.size(), size_t(2));
    QCOMPARE(page->experiments[0].name, QStringLiteral("beta"));
    QVERIFY(page->nextPageToken.isEmpty());
    Q_UNUSED(b);
    q.filter = QStringLiteral("params.x = '1'");
    QVERIFY(!m_runs->searchExperiments(q, &e));
    QCOMPARE(e.code, MlError::Code::InvalidParameter);
}

void TestRunStore::runLifecycleAndLogging()
{
    MlError e;
    auto run = m_runs->createRun(NewRun{QStringLiteral("0"), QStringLiteral("alice"), 1000, {}, {}}, &e);
    QVERIFY2(run, qPrintable(e.message));
    QCOMPARE(run->info.runId.size(), 32);
    QCOMPARE(run->info.status, QStringLiteral("RUNNING"));
    QCOMPARE(run->info.startTime, 1000);
    QVERIFY(!run->info.endTime);
    QVERIFY(!run->info.runName.isEmpty()); // generated, as MLflow does
    QCOMPARE(run->tag(QStringLiteral("mlflow.runName")), run->info.runName);
    QCOMPARE(run->info.artifactUri, u"file:///tmp/artifacts/0/" + run->info.runId + u"/artifacts");
    const QString id = run->info.runId;

    QVERIFY(m_runs->logParam(id, QStringLiteral("lr"), QStringLiteral("0.01"), &e));
    QVERIFY(m_runs->logParam(id, QStringLiteral("lr"), QStringLiteral("0.01"), &e)); // same value is fine
    QVERIFY(m_runs->setTag(id, QStringLiteral("t"), QStringLiteral("1"), &e));
    QVERIFY(m_runs->setTag(id, QStringLiteral("t"), QStringLiteral("2"), &e)); // tags may change
    QVERIFY(m_runs->logMetric(id, Metric{QStringLiteral("loss"), 0.5, 10, 0}, &e));
    QVERIFY(m_runs->deleteTag(id, QStringLiteral("t"), &e));
    QVERIFY(!m_runs->deleteTag(id, QStringLiteral("t"), &e));
    QCOMPARE(e.code, MlError::Code::NotFound);

    auto info = m_runs->updateRun(id, QStringLiteral("FINISHED"), 2000, std::nullopt, &e);
    QVERIFY(info);
    QCOMPARE(info->status, QStringLiteral("FINISHED"));
    QCOMPARE(info->endTime.value_or(0), 2000);
    QVERIFY(!m_runs->updateRun(id, QStringLiteral("DONE"), std::nullopt, std::nullopt, &e));
    QCOMPARE(e.code, MlError::Code::InvalidParameter);

    QVERIFY(m_runs->deleteRun(id, &e));
    QVERIFY(!m_runs->logMetric(id, Metric{QStringLiteral("loss"), 0.4, 11, 1}, &e));
    QVERIFY(e.message.contains(u"must be in the 'active' state"));
    RunQuery q;
    q.experimentIds = {QStringLiteral("0")};
    QCOMPARE(m_runs->searchRuns(q, &e)->runs.size(), size_t(0));
    q.viewType = ViewType::DeletedOnly;
    QCOMPARE(m_runs->searchRuns(q, &e)->runs.size(), size_t(1));
    QVERIFY(m_runs->restoreRun(id, &e));
    q.viewType = ViewType::ActiveOnly;
    QCOMPARE(m_runs->searchRuns(q, &e)->runs.size(), size_t(1));

    QVERIFY(!m_runs->run(QStringLiteral("nope"), &e));
    QCOMPARE(e.code, MlError::Code::NotFound);
    QVERIFY(!m_runs->createRun(NewRun{QStringLiteral("42"), {}, {}, {}, {}}, &e));
    QCOMPARE(e.code, MlError::Code::NotFound);
}

void TestRunStore::paramChangeIsRefused()
{
    MlError e;
    const QString id = m_runs->createRun(NewRun{}, &e)->info.runId;
    QVERIFY(m_runs->logParam(id, QStringLiteral("lr"), QStringLiteral("0.01"), &e));
    QVERIFY(!m_runs->logParam(id, QStringLiteral("lr"), QStringLiteral("0.02"), &e));
    QCOMPARE(e.code, MlError::Code::InvalidParameter);
    QVERIFY2(e.message.contains(u"Changing param values is not allowed"), qPrintable(e.message));
    // A batch with a changed param writes nothing at all.
    QVERIFY(!m_runs->logBatch(id, {Metric{QStringLiteral("m"), 1, 1, 0}}, {{QStringLiteral("lr"), QStringLiteral("9")}},
                              {}, &e));
    QCOMPARE(m_store.db().queryInt("SELECT count(*) FROM ml_metric"), 0);
    QVERIFY(!m_runs->logBatch(id, {}, {{QStringLiteral("x"), QStringLiteral("1")}, {QStringLiteral("x"), QStringLiteral("1")}},
                              {}, &e));
    QVERIFY(e.message.contains(u"Duplicate parameter keys"));
    QCOMPARE(m_runs->run(id, &e)->param(QStringLiteral("lr")), QStringLiteral("0.01"));
}

void TestRunStore::batchLimits_data()
{
    QTest::addColumn<int>("metrics");
    QTest::addColumn<int>("params");
    QTest::addColumn<int>("tags");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("1000 metrics") << 1000 << 0 << 0 << true << "";
    QTest::newRow("1001 metrics") << 1001 << 0 << 0 << false << "at most 1000 metrics";
    QTest::newRow("100 params") << 0 << 100 << 0 << true << "";
    QTest::newRow("101 params") << 0 << 101 << 0 << false << "at most 100 params";
    QTest::newRow("101 tags") << 0 << 0 << 101 << false << "at most 100 tags";
    QTest::newRow("1000 total") << 800 << 100 << 100 << true << "";
    QTest::newRow("1001 total") << 801 << 100 << 100 << false << "at most 1000 total";
}

void TestRunStore::batchLimits()
{
    QFETCH(int, metrics);
    QFETCH(int, params);
    QFETCH(int, tags);
    QFETCH(bool, ok);
    QFETCH(QString, messagePart);
    MlError e;
    const QString id = m_runs->createRun(NewRun{}, &e)->info.runId;
    std::vector<Metric> m;
    for (int i = 0; i < metrics; ++i)
        m.push_back(Metric{QStringLiteral("m"), double(i), 1, i});
    KeyValues p, t;
    for (int i = 0; i < params; ++i)
        p.append({QStringLiteral("p%1").arg(i), QStringLiteral("v")});
    for (int i = 0; i < tags; ++i)
        t.append({QStringLiteral("t%1").arg(i), QStringLiteral("v")});
    QCOMPARE(m_runs->logBatch(id, m, p, t, &e), ok);
    if (!ok) {
        QCOMPARE(e.code, MlError::Code::InvalidParameter);
        QVERIFY2(e.message.contains(messagePart), qPrintable(e.message));
        QCOMPARE(m_store.db().queryInt("SELECT count(*) FROM ml_metric"), 0);
    } else {
        QCOMPARE(m_store.db().queryInt("SELECT count(*) FROM ml_metric"), metrics);
        QCOMPARE(m_store.db().queryInt("SELECT count(*) FROM ml_param"), params);
    }
}

void TestRunStore::invalidKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << "val_loss" << true;
    QTest::newRow("slashes, dots, dashes, spaces") << "train/acc top-1 v.2" << true;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("dotdot") << "a/../b" << false;
    QTest::newRow("leading slash") << "/etc" << false;
    QTest::newRow("double slash") << "a//b" << false;
    QTest::newRow("colon") << "a:b" << false;
    QTest::newRow("quote") << "a'b" << false;
    QTest::newRow("too long") << QString(251, u'k') << false;
    QTest::newRow("just long enough") << QString(250, u'k') << true;
}

void TestRunStore::invalidKeys()
{
    QFETCH(QString, key);
    QFETCH(bool, valid);
    MlError e;
    const QString id = m_runs->createRun(NewRun{}, &e)->info.runId;
    QCOMPARE(m_runs->logMetric(id, Metric{key, 1, 1, 0}, &e), valid);
    QCOMPARE(m_runs->logParam(id, key, QStringLiteral("v"), &e), valid);
    if (!valid)
        QCOMPARE(e.code, MlError::Code::InvalidParameter);
    QVERIFY(!m_runs->logParam(id, QStringLiteral("big"), QString(6001, u'v'), &e));
    QVERIFY(m_runs->logParam(id, QStringLiteral("ok"), QString(6000, u'v'), &e));
    QVERIFY(!m_runs->setTag(id, QStringLiteral("big"), QString(8001, u'v'), &e));
}

void TestRunStore::nanAndInfinityRoundTrip()
{
    MlError e;
    const QString id = m_runs->createRun(NewRun{}, &e)->info.runId;
    QVERIFY(m_runs->logBatch(id,
                             {Metric{QStringLiteral("n"), kNaN, 1, 0}, Metric{QStringLiteral("p"), kInf, 1, 0},
                              Metric{QStringLiteral("m"), -kInf, 1, 0}},
                             {}, {}, &e));
    auto run = m_runs->run(id, &e);
    QVERIFY(std::isnan(run->metric(QStringLiteral("n"))->value));
    QCOMPARE(run->metric(QStringLiteral("p"))->value, kInf);
    QCOMPARE(run->metric(QStringLiteral("m"))->value, -kInf);
    // Logging the same NaN point again does not repeat it.
    QVERIFY(m_runs->logMetric(id, Metric{QStringLiteral("n"), kNaN, 1, 0}, &e));
    QCOMPARE(m_store.db().queryInt("SELECT count(*) FROM ml_metric WHERE key = 'n'"), 1);
}

void TestRunStore::latestMetricAndHistoryPaging()
{
    MlError e;
    const QString id = m_runs->createRun(NewRun{}, &e)->info.runId;
    // Latest = highest step, then latest timestamp, then largest value.
    QVERIFY(m_runs->logBatch(id,
                             {Metric{QStringLiteral("acc"), 0.5, 100, 2}, Metric{QStringLiteral("acc"), 0.9, 50, 3},
                              Metric{QStringLiteral("acc"), 0.7, 60, 3}, Metric{QStringLiteral("acc"), 0.1, 999, 1},
                              Metric{QStringLiteral("acc"), 0.8, 60, 3}},
                             {}, {}, &e));
    const Metric *latest = m_runs->run(id, &e)->metric(QStringLiteral("acc"));
    QVERIFY(latest);
    QCOMPARE(latest->value, 0.8);
    QCOMPARE(latest->step, 3);
    auto page = m_runs->metricHistory(id, QStringLiteral("acc"), 2, {}, &e);
    QVERIFY(page);
    QCOMPARE(page->metrics.size(), size_t(2));
    QCOMPARE(page->metrics[0].step, 1);
    QCOMPARE(page->metrics[1].step, 2);
    QVERIFY(!page->nextPageToken.isEmpty());
    page = m_runs->metricHistory(id, QStringLiteral("acc"), 2, page->nextPageToken, &e);
    QCOMPARE(page->metrics.size(), size_t(2));
    QCOMPARE(page->metrics[0].value, 0.9); // step 3, timestamp 50
    page = m_runs->metricHistory(id, QStringLiteral("acc"), 2, page->nextPageToken, &e);
    QCOMPARE(page->metrics.size(), size_t(1));
    QVERIFY(page->nextPageToken.isEmpty());
    QCOMPARE(m_runs->metricHistory(id, QStringLiteral("acc"), 0, {}, &e)->metrics.size(), size_t(5));
    QCOMPARE(m_runs->metricHistory(id, QStringLiteral("none"), 0, {}, &e)->metrics.size(), size_t(0));
    QVERIFY(!m_runs->metricHistory(QStringLiteral("missing"), QStringLiteral("acc"), 0, {}, &e));
    QCOMPARE(e.code, MlError::Code::NotFound);
}

void TestRunStore::searchRunsPaging()
{
    MlError e;
    const QString exp = *m_runs->createExperiment(QStringLiteral("s"), {}, {}, &e);
    QStringList made;
    for (int i = 0; i < 5; ++i) {
        auto r = m_runs->createRun(NewRun{exp, {}, 100 + i, QStringLiteral("r%1").arg(i), {}}, &e);
        QVERIFY(m_runs->logMetric(r->info.runId, Metric{QStringLiteral("acc"), 0.1 * i, 1, 0}, &e));
        made << r->info.runId;
    }
    RunQuery q;
    q.experimentIds = {exp};
    q.filter = QStringLiteral("metrics.acc >= 0.1");
    q.orderBy = {QStringLiteral("metrics.acc DESC")};
    q.maxResults = 3;
    auto page = m_runs->searchRuns(q, &e);
    QVERIFY2(page, qPrintable(e.message));
    QCOMPARE(ids(page->runs), (QStringList{made[4], made[3], made[2]}.join(u',')));
    q.pageToken = page->nextPageToken;
    page = m_runs->searchRuns(q, &e);
    QCOMPARE(ids(page->runs), made[1]);
    QVERIFY(page->nextPageToken.isEmpty());
    q.pageToken.clear();
    q.maxResults = 50001;
    QVERIFY(!m_runs->searchRuns(q, &e));
    QCOMPARE(e.code, MlError::Code::InvalidParameter);
    q.maxResults = 10;
    q.filter = QStringLiteral("metrics.acc >>> 1");
    QVERIFY(!m_runs->searchRuns(q, &e));
    QCOMPARE(e.code, MlError::Code::InvalidParameter);
    q.filter.clear();
    q.experimentIds = {QStringLiteral("x")};
    QVERIFY(!m_runs->searchRuns(q, &e));
}

void TestRunStore::pageTokens_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("valid");
    QTest::newRow("empty") << QString() << true;
    QTest::newRow("ours") << RunStore::pageToken(7) << true;
    QTest::newRow("not base64") << "!!!" << false;
    QTest::newRow("not json") << QString::fromLatin1(QByteArray("hello").toBase64()) << false;
    QTest::newRow("negative") << QString::fromLatin1(QByteArray("{\"offset\": -1}").toBase64()) << false;
    QTest::newRow("fraction") << QString::fromLatin1(QByteArray("{\"offset\": 1.5}").toBase64()) << false;
}

void TestRunStore::pageTokens()
{
    QFETCH(QString, token);
    QFETCH(bool, valid);
    MlError e;
    QCOMPARE(RunStore::pageOffset(token, &e).has_value(), valid);
    if (!valid)
        QCOMPARE(e.code, MlError::Code::InvalidParameter);
}

void TestRunStore::runNameAndMachineTags()
{
    MlError e;
    QVERIFY(!m_runs->createRun(NewRun{QStringLiteral("0"), {}, {}, QStringLiteral("a"),
                                      {{QStringLiteral("mlflow.runName"), QStringLiteral("b")}}},
                               &e));
    QVERIFY(e.message.contains(u"Both 'run_name'"));
    auto run = m_runs->createRun(NewRun{QStringLiteral("0"), {}, {}, {},
                                        {{QStringLiteral("mlflow.runName"), QStringLiteral("from-tag")},
                                         {QStringLiteral("costscope.instance_type"), QStringLiteral("g5.xlarge")}}},
                                 &e);
    QVERIFY(run);
    QCOMPARE(run->info.runName, QStringLiteral("from-tag"));
    const QString id = run->info.runId;
    QCOMPARE(m_store.db().queryText("SELECT instance_type FROM ml_run WHERE name = 'from-tag'"), QStringLiteral("g5.xlarge"));
    QVERIFY(m_runs->setTag(id, QStringLiteral("costscope.instance_id"), QStringLiteral("i-123"), &e));
    QCOMPARE(m_store.db().queryText("SELECT instance_id FROM ml_run WHERE name = 'from-tag'"), QStringLiteral("i-123"));
    QVERIFY(m_runs->updateRun(id, std::nullopt, std::nullopt, QStringLiteral("renamed"), &e));
    QCOMPARE(m_runs->run(id, &e)->tag(QStringLiteral("mlflow.runName")), QStringLiteral("renamed"));
    QVERIFY(m_runs->setTag(id, QStringLiteral("mlflow.runName"), QStringLiteral("again"), &e));
    QCOMPARE(m_runs->run(id, &e)->info.runName, QStringLiteral("again"));
}

void TestRunStore::importIsIdempotent()
{
    ImportedExperiment exp{QStringLiteral("imported"), QStringLiteral("file:///x"), QStringLiteral("active"), 5,
                           {{QStringLiteral("k"), QStringLiteral("v")}}};
    ImportedRun run;
    run.experimentName = exp.name;
    run.info.runId = QStringLiteral("0123456789abcdef0123456789abcdef");
    run.info.runName = QStringLiteral("r");
    run.info.status = QStringLiteral("FINISHED");
    run.info.startTime = 10;
    run.info.endTime = 20;
    run.params = {{QStringLiteral("lr"), QStringLiteral("0.1")}};
    run.history = {Metric{QStringLiteral("acc"), 0.5, 11, 0}, Metric{QStringLiteral("acc"), kNaN, 12, 1}};
    RunImportResult result;
    MlError e;
    QVERIFY2(m_runs->importRuns({exp}, {run}, &result, &e), qPrintable(e.message));
    QCOMPARE(result.experiments, 1);
    QCOMPARE(result.runs, 1);
    QCOMPARE(result.metricPoints, 2);
    QVERIFY(m_runs->importRuns({exp}, {run}, &result, &e));
    QCOMPARE(result.experiments, 0);
    QCOMPARE(result.metricPoints, 0);
    QCOMPARE(m_store.db().queryInt("SELECT count(*) FROM ml_metric"), 2);
    QCOMPARE(m_store.db().queryInt("SELECT count(*) FROM ml_run"), 1);
    auto stored = m_runs->run(run.info.runId, &e);
    QVERIFY(stored);
    QCOMPARE(stored->info.endTime.value_or(0), 20);
    QVERIFY(std::isnan(stored->metric(QStringLiteral("acc"))->value));
    // A failing import writes nothing.
    ImportedRun bad = run;
    bad.info.runId.clear();
    QVERIFY(!m_runs->importRuns({ImportedExperiment{QStringLiteral("other"), {}, {}, 0, {}}}, {bad}, &result, &e));
    QVERIFY(!m_runs->experimentByName(QStringLiteral("other"), &e));
}

QTEST_GUILESS_MAIN(TestRunStore)
#include "TestRunStore.moc"
