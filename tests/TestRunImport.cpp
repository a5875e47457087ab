// The ML run readers (mlruns/, mlflow.db, tfevents) on files this test writes itself, and on
// handcrafted broken ones; importRunsAt() writes all or nothing and re-importing adds nothing.

#include "model/ml/RunStore.h"
#include "model/store/CostStore.h"
#include "model/store/SqliteDb.h"
#include "providers/ml/RunImport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstring>

using namespace costscope;
using namespace costscope::ml;

namespace {

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// ---- an independent TFRecord / protobuf writer ----

// Bit by bit, not table-driven, so it does not share a mistake with the reader.
uint32_t slowCrc32c(const QByteArray &data)
{
    uint32_t crc = 0xFFFFFFFFu;
    for (char ch : data) {
        crc ^= static_cast<unsigned char>(ch);
        for (int i = 0; i < 8; ++i)
            crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
    }
    return ~crc;
}

uint32_t slowMasked(const QByteArray &data)
{
    const uint32_t c = slowCrc32c(data);
    return ((c >> 15) | (c << 17)) + 0xA282EAD8u;
}

QByteArray le(uint64_t v, int bytes)
{
    QByteArray out;
    for (int i = 0; i < bytes; ++i)
        out += static_cast<char>((v >> (8 * i)) & 0xFF);
    return out;
}

QByteArray varint(uint64_t v)
{
    QByteArray out;
    while (v >= 0x80) {
        out += static_cast<char>((v & 0x7F) | 0x80);
        v >>= 7;
    }
    out += static_cast<char>(v);
    return out;
}

QByteArray key(int field, int wireType) { return varint(static_cast<uint64_t>(field << 3 | wireType)); }
QByteArray lengthDelimited(int field, const QByteArray &payload) { return key(field, 2) + varint(payload.size()) + payload; }

QByteArray fixedFloat(float f)
{
    uint32_t bits = 0;
    std::memcpy(&bits, &f, 4);
    return le(bits, 4);
}

QByteArray fixedDouble(double d)
{
    uint64_t bits = 0;
    std::memcpy(&bits, &d, 8);
    return le(bits, 8);
}

QByteArray simpleValue(const QByteArray &tag, float v) { return lengthDelimited(1, lengthDelimited(1, tag) + key(2, 5) + fixedFloat(v)); }

// TF2 writers: a rank-0 DT_FLOAT tensor, either as tensor_content or as packed float_val.
QByteArray tensorValue(const QByteArray &tag, float v, bool asContent)
{
    QByteArray tensor = key(1, 0) + varint(1) + lengthDelimited(2, QByteArray());
    tensor += asContent ? lengthDelimited(4, fixedFloat(v)) : lengthDelimited(5, fixedFloat(v));
    return lengthDelimited(1, lengthDelimited(1, tag) + lengthDelimited(8, tensor));
}

// A rank-1 tensor (not a scalar) and a histogram are skipped.
QByteArray vectorValue(const QByteArray &tag)
{
    QByteArray shape = lengthDelimited(2, key(1, 0) + varint(2));
    QByteArray tensor = key(1, 0) + varint(1) + lengthDelimited(2, shape) + lengthDelimited(4, fixedFloat(1) + fixedFloat(2));
    return lengthDelimited(1, lengthDelimited(1, tag) + lengthDelimited(8, tensor));
}

QByteArray tfEvent(double wallTime, int64_t step, const QByteArray &summaryValues)
{
    QByteArray e = key(1, 1) + fixedDouble(wallTime) + key(2, 0) + varint(static_cast<uint64_t>(step));
    if (!summaryValues.isEmpty())
        e += lengthDelimited(5, summaryValues);
    return e;
}

QByteArray record(const QByteArray &data)
{
    const QByteArray length = le(static_cast<uint64_t>(data.size()), 8);
    return length + le(slowMasked(length), 4) + data + le(slowMasked(data), 4);
}

QByteArray sampleEventFile()
{
    QByteArray out;
    out += record(key(1, 1) + fixedDouble(1700000000.0) + lengthDelimited(3, "brain.Event:2"));
    out += record(tfEvent(1700000001.0, 0, simpleValue("loss", 0.75f) + simpleValue("acc", 0.5f)));
    out += record(tfEvent(1700000002.0, 1, tensorValue("loss", 0.5f, true) + vectorValue("weights")));
    out += record(tfEvent(1700000003.5, 2, tensorValue("loss", 0.25f, false)
                                             + lengthDelimited(1, lengthDelimited(1, "hist") + lengthDelimited(5, "x"))));
    return out;
}

// ---- an mlruns tree as MLflow's FileStore writes it ----

const char *const kRunA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const char *const kRunB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

void writeMlruns(const QString &root)
{
    writeFile(root + u"/0/meta.yaml", "artifact_location: file:///m/mlruns/0\nexperiment_id: '0'\n"
                                      "lifecycle_stage: active\nname: Default\n");
    writeFile(root + u"/1/meta.yaml", "artifact_location: file:///m/mlruns/1\ncreation_time: 1700000000000\n"
                                      "experiment_id: '1'\nlast_update_time: 1700000000000\nlifecycle_stage: active\n"
                                      "name: 'it''s a test'\n");
    writeFile(root + u"/1/tags/team", "vision");
    const QString a = root + u"/1/" + QLatin1String(kRunA);
    writeFile(a + u"/meta.yaml", QByteArray("artifact_uri: file:///m/mlruns/1/") + kRunA + "/artifacts\n"
                                     "end_time: 1700000100000\nentry_point_name: ''\nexperiment_id: '1'\n"
                                     "lifecycle_stage: active\nrun_id: " + kRunA + "\nrun_name: first\nrun_uuid: "
                                     + kRunA + "\nsource_name: ''\nsource_type: 4\nsource_version: ''\n"
                                     "start_time: 1700000000000\nstatus: 3\ntags: []\nuser_id: alice\n");
    writeFile(a + u"/metrics/loss", "1700000001000 0.75 0\n1700000002000 0.5 1\n1700000003000 nan 2\n");
    writeFile(a + u"/metrics/train/acc", "1700000001000 0.9 0\n");
    writeFile(a + u"/params/lr", "0.01");
    writeFile(a + u"/params/model/depth", "50");
    writeFile(a + u"/tags/mlflow.user", "alice");
    writeFile(a + u"/tags/costscope.instance_type", "g5.xlarge");
    // A running run: end_time null, no run_name (name from its tag), old two-column metric lines.
    const QString b = root + u"/1/" + QLatin1String(kRunB);
    writeFile(b + u"/meta.yaml", QByteArray("artifact_uri: ''\nend_time: null\nexperiment_id: '1'\n"
                                            "lifecycle_stage: active\nrun_uuid: ") + kRunB
                                     + "\nstart_time: 1700000050000\nstatus: 1\nuser_id: bob\n");
    writeFile(b + u"/metrics/loss", "1700000051000 inf\n");
    writeFile(b + u"/tags/mlflow.runName", "second");
    // A deleted experiment in .trash, a folder without meta.yaml, a run folder without one.
    writeFile(root + u"/.trash/2/meta.yaml", "artifact_location: x\nexperiment_id: '2'\nlifecycle_stage: deleted\nname: old\n");
    writeFile(root + u"/models/readme.txt", "registry");
    QDir().mkpath(root + u"/1/cccccccccccccccccccccccccccccccc/metrics");
}

// ---- an mlflow.db with MLflow's tables ----

const char *const kMlflowSchema = R"sql(
CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));
CREATE TABLE experiments (experiment_id INTEGER NOT NULL, name VARCHAR(256) NOT NULL, artifact_location VARCHAR(256),
  lifecycle_stage VARCHAR(32), creation_time BIGINT, last_update_time BIGINT,
  CONSTRAINT experiment_pk PRIMARY KEY (experiment_id), UNIQUE (name));
CREATE TABLE experiment_tags (key VARCHAR(250) NOT NULL, value VARCHAR(5000), experiment_id INTEGER NOT NULL,
  CONSTRAINT experiment_tag_pk PRIMARY KEY (key, experiment_id), FOREIGN KEY(experiment_id) REFERENCES experiments (experiment_id));
CREATE TABLE runs (run_uuid VARCHAR(32) NOT NULL, name VARCHAR(250), source_type VARCHAR(20), source_name VARCHAR(500),
  entry_point_name VARCHAR(50), user_id VARCHAR(256), status VARCHAR(9), start_time BIGINT, end_time BIGINT,
  deleted_time BIGINT, source_version VARCHAR(50), lifecycle_stage VARCHAR(20), artifact_uri VARCHAR(200),
  experiment_id INTEGER, CONSTRAINT run_pk PRIMARY KEY (run_uuid), FOREIGN KEY(experiment_id) REFERENCES experiments (experiment_id));
CREATE TABLE metrics (key VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT NOT NULL, run_uuid VARCHAR(32) NOT NULL,
  step BIGINT DEFAULT '0' NOT NULL, is_nan BOOLEAN DEFAULT '0' NOT NULL,
  CONSTRAINT metric_pk PRIMARY KEY (key, timestamp, step, run_uuid, value, is_nan), FOREIGN KEY(run_uuid) REFERENCES runs (run_uuid));
CREATE TABLE latest_metrics (key VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT, step BIGINT NOT NULL,
  is_nan BOOLEAN NOT NULL, run_uuid VARCHAR(32) NOT NULL, CONSTRAINT latest_metric_pk PRIMARY KEY (key, run_uuid));
CREATE TABLE params (key VARCHAR(250) NOT NULL, value VARCHAR(8000) NOT NULL, run_uuid VARCHAR(32) NOT NULL,
  CONSTRAINT param_pk PRIMARY KEY (key, run_uuid), FOREIGN KEY(run_uuid) REFERENCES runs (run_uuid));
CREATE TABLE tags (key VARCHAR(250) NOT NULL, value VARCHAR(8000), run_uuid VARCHAR(32) NOT NULL,
  CONSTRAINT tag_pk PRIMARY KEY (key, run_uuid), FOREIGN KEY(run_uuid) REFERENCES runs (run_uuid));
)sql";

bool writeMlflowDb(const QString &path, const char *revision)
{
    store::SqliteDb db;
    QString error;
    if (!db.open(path, store::SqliteDb::Mode::ReadWriteCreate, &error) || !db.exec(kMlflowSchema, &error))
        return false;
    store::Statement v(db, "INSERT INTO alembic_version VALUES (?)");
    v.bind(1, QString::fromLatin1(revision));
    return v.run()
           && db.exec(R"sql(
INSERT INTO experiments VALUES (0, 'Default', 'mlflow-artifacts:/0', 'active', 1700000000000, 1700000000000);
INSERT INTO experiments VALUES (3, 'db-exp', 'mlflow-artifacts:/3', 'active', 1700000000001, 1700000000001);
INSERT INTO experiment_tags VALUES ('team', 'nlp', 3);
INSERT INTO runs VALUES ('dddddddddddddddddddddddddddddddd', 'db-run', 'UNKNOWN', '', '', 'carol', 'FINISHED',
  1700000000000, 1700000060000, NULL, '', 'active', 'mlflow-artifacts:/3/d/artifacts', 3);
INSERT INTO runs VALUES ('eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee', 'gone', 'UNKNOWN', '', '', 'carol', 'FAILED',
  1700000000500, NULL, 1700000099000, '', 'deleted', '', 3);
INSERT INTO metrics VALUES ('f1', 0.8, 1700000001000, 'dddddddddddddddddddddddddddddddd', 0, 0);
INSERT INTO metrics VALUES ('f1', 0.85, 1700000002000, 'dddddddddddddddddddddddddddddddd', 1, 0);
INSERT INTO metrics VALUES ('f1', 0, 1700000003000, 'dddddddddddddddddddddddddddddddd', 2, 1);
INSERT INTO params VALUES ('epochs', '10', 'dddddddddddddddddddddddddddddddd');
INSERT INTO tags VALUES ('mlflow.runName', 'db-run', 'dddddddddddddddddddddddddddddddd');
)sql");
}

} // namespace

class TestRunImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void crc32cKnownAnswer();
    void mlrunsFolder();
    void mlrunsBroken_data();
    void mlrunsBroken();
    void mlflowDb();
    void mlflowDbRefused_data();
    void mlflowDbRefused();
    void tensorBoard();
    void tensorBoardBroken_data();
    void tensorBoardBroken();
    void unknownPath();

private:
    int64_t count(const char *sql) { return m_store.db().queryInt(sql, -1); }
    QTemporaryDir m_dir;
    store::CostStore m_store;
    int m_workspaces = 0;
};

void TestRunImport::init()
{
    QString error;
    QVERIFY2(m_store.open(m_dir.filePath(QStringLiteral("ws-%1.costscope").arg(++m_workspaces)), &error),
             qPrintable(error));
}

void TestRunImport::cleanup() { m_store.close(); }

void TestRunImport::crc32cKnownAnswer()
{
    // The CRC-32C check value from the iSCSI spec (RFC 3720, B.4) and the test's own bitwise CRC.
    QCOMPARE(crc32c("123456789"), 0xE3069283u);
    QCOMPARE(slowCrc32c("123456789"), 0xE3069283u);
    QCOMPARE(crc32c(QByteArray(32, '\0')), 0x8A9136AAu);
    const QByteArray data = sampleEventFile();
    QCOMPARE(maskedCrc32c(data), slowMasked(data));
}

void TestRunImport::mlrunsFolder()
{
    const QString root = m_dir.filePath(QStringLiteral("mlruns"));
    writeMlruns(root);
    RunImportReport report = importRunsAt(m_store.db(), root);
    QVERIFY2(report.ok, qPrintable(report.error));
    QCOMPARE(report.format, QStringLiteral("MLflow file store"));
    QCOMPARE(report.runsRead, 2);
    QCOMPARE(report.written.runs, 2);
    QCOMPARE(report.written.metricPoints, 5);
    // Default already existed; "it's a test" and "old" are new.
    QCOMPARE(report.written.experiments, 2);
    QCOMPARE(report.warnings.size(), 2);
    QVERIFY(report.warnings.join(u'\n').contains(u"models: skipped, no meta.yaml"));
    QVERIFY(report.warnings.join(u'\n').contains(u"cccccccccccccccccccccccccccccccc: skipped, no meta.yaml"));

    RunStore runs(m_store.db());
    MlError e;
    auto exp = runs.experimentByName(QStringLiteral("it's a test"), &e);
    QVERIFY2(exp, qPrintable(e.message));
    QCOMPARE(exp->creationTime, 1700000000000);
    QCOMPARE(exp->tags, (KeyValues{{QStringLiteral("team"), QStringLiteral("vision")}}));
    QCOMPARE(runs.experimentByName(QStringLiteral("old"), &e)->lifecycleStage, QStringLiteral("deleted"));
    auto a = runs.run(QLatin1String(kRunA), &e);
    QVERIFY(a);
    QCOMPARE(a->info.runName, QStringLiteral("first"));
    QCOMPARE(a->info.status, QStringLiteral("FINISHED"));
    QCOMPARE(a->info.userId, QStringLiteral("alice"));
    QCOMPARE(a->info.startTime, 1700000000000);
    QCOMPARE(a->info.endTime.value_or(0), 1700000100000);
    QCOMPARE(a->param(QStringLiteral("model/depth")), QStringLiteral("50"));
    QVERIFY(std::isnan(a->metric(QStringLiteral("loss"))->value)); // step 2 is the latest
    QCOMPARE(a->metric(QStringLiteral("train/acc"))->value, 0.9);
    QCOMPARE(m_store.db().queryText("SELECT instance_type FROM ml_run WHERE uuid = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'"),
             QStringLiteral("g5.xlarge"));
    auto b = runs.run(QLatin1String(kRunB), &e);
    QCOMPARE(b->info.status, QStringLiteral("RUNNING"));
    QVERIFY(!b->info.endTime);
    QCOMPARE(b->info.runName, QStringLiteral("second"));
    QCOMPARE(b->metric(QStringLiteral("loss"))->value, std::numeric_limits<double>::infinity());
    QCOMPARE(b->metric(QStringLiteral("loss"))->step, 0);

    // Again: nothing new.
    report = importRunsAt(m_store.db(), root);
    QVERIFY(report.ok);
    QCOMPARE(report.written.metricPoints, 0);
    QCOMPARE(report.written.experiments, 0);
    QCOMPARE(count("SELECT count(*) FROM ml_metric"), 5);
    QCOMPARE(count("SELECT count(*) FROM ml_run"), 2);
}

void TestRunImport::mlrunsBroken_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("messagePart");
    const QString a = QStringLiteral("1/") + QLatin1String(kRunA);
    QTest::newRow("bad metric line") << a + u"/metrics/loss" << QByteArray("1700000001000 0.75 0\nabc def\n")
                                     << "metrics/loss:2: expected 'timestamp value step'";
    QTest::newRow("metric value not a number") << a + u"/metrics/loss" << QByteArray("1 zero 0\n") << "metrics/loss:1:";
    QTest::newRow("four columns") << a + u"/metrics/loss" << QByteArray("1 2 3 4\n") << "metrics/loss:1:";
    QTest::newRow("unterminated quote") << QStringLiteral("1/meta.yaml") << QByteArray("name: 'oops\n")
                                        << "1/meta.yaml:1: unterminated quoted value";
    QTest::newRow("no colon") << QStringLiteral("1/meta.yaml") << QByteArray("name: x\njunk line\n")
                              << "1/meta.yaml:2: expected 'key: value'";
    QTest::newRow("experiment without name") << QStringLiteral("1/meta.yaml") << QByteArray("experiment_id: '1'\n")
                                             << "no experiment name";
    QTest::newRow("unknown status") << a + u"/meta.yaml" << QByteArray("run_id: x\nstatus: 9\n") << "unknown run status '9'";
    QTest::newRow("bad start_time") << a + u"/meta.yaml" << QByteArray("run_id: x\nstatus: 3\nstart_time: soon\n")
                                    << "start_time is not a whole number";
    QTest::newRow("run without id") << a + u"/meta.yaml" << QByteArray("status: 3\n") << "no run_id";
}

void TestRunImport::mlrunsBroken()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QString, messagePart);
    const QString root = m_dir.filePath(u"broken-" + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-'));
    writeMlruns(root);
    QVERIFY(writeFile(root + u'/' + file, content));
    const int64_t before = count("SELECT count(*) FROM ml_experiment");
    const RunImportReport report = importRunsAt(m_store.db(), root);
    QVERIFY(!report.ok);
    QVERIFY2(report.error.contains(messagePart), qPrintable(report.error));
    QVERIFY2(report.error.contains(root), qPrintable(report.error));
    QCOMPARE(count("SELECT count(*) FROM ml_run"), 0);
    QCOMPARE(count("SELECT count(*) FROM ml_experiment"), before);
}

void TestRunImport::mlflowDb()
{
    const QString path = m_dir.filePath(QStringLiteral("good-mlflow.db"));
    QVERIFY(writeMlflowDb(path, "0584bdc529eb"));
    const QByteArray digest = QCryptographicHash::hash(readFile(path), QCryptographicHash::Sha256);
    RunImportReport report = importRunsAt(m_store.db(), path);
    QVERIFY2(report.ok, qPrintable(report.error));
    QCOMPARE(report.format, QStringLiteral("MLflow SQLite store"));
    QCOMPARE(report.written.runs, 2);
    QCOMPARE(report.written.metricPoints, 3);
    // Read-only: the file is as it was.
    QCOMPARE(QCryptographicHash::hash(readFile(path), QCryptographicHash::Sha256), digest);

    RunStore runs(m_store.db());
    MlError e;
    auto r = runs.run(QStringLiteral("dddddddddddddddddddddddddddddddd"), &e);
    QVERIFY2(r, qPrintable(e.message));
    QCOMPARE(r->info.runName, QStringLiteral("db-run"));
    QCOMPARE(r->info.endTime.value_or(0), 1700000060000);
    QCOMPARE(r->param(QStringLiteral("epochs")), QStringLiteral("10"));
    QVERIFY(std::isnan(r->metric(QStringLiteral("f1"))->value));
    auto history = runs.metricHistory(r->info.runId, QStringLiteral("f1"), 0, {}, &e);
    QCOMPARE(history->metrics.size(), size_t(3));
    QCOMPARE(history->metrics[1].value, 0.85);
    auto exp = runs.experimentByName(QStringLiteral("db-exp"), &e);
    QCOMPARE(exp->tags, (KeyValues{{QStringLiteral("team"), QStringLiteral("nlp")}}));
    auto gone = runs.run(QStringLiteral("eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"), &e);
    QCOMPARE(gone->info.lifecycleStage, QStringLiteral("deleted"));
    QVERIFY(!gone->info.endTime);

    report = importRunsAt(m_store.db(), path);
    QVERIFY(report.ok);
    QCOMPARE(report.written.metricPoints, 0);
    QCOMPARE(count("SELECT count(*) FROM ml_metric"), 3);
}

void TestRunImport::mlflowDbRefused_data()
{
    QTest::addColumn<QString>("setupSql");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("unknown revision") << "UPDATE alembic_version SET version_num = 'ffffffffffff'"
                                      << "MLflow schema revision 'ffffffffffff' is not one";
    QTest::newRow("no alembic_version") << "DROP TABLE alembic_version" << "not an MLflow store (no alembic_version";
    QTest::newRow("empty alembic_version") << "DELETE FROM alembic_version" << "not an MLflow store";
    QTest::newRow("missing table") << "DROP TABLE params" << "table 'params' is missing";
    QTest::newRow("run of a missing experiment") << "UPDATE runs SET experiment_id = 77 WHERE name = 'db-run'"
                                                 << "names experiment 77";
    QTest::newRow("bad status") << "UPDATE runs SET status = 'WEIRD'" << "unknown status 'WEIRD'";
}

void TestRunImport::mlflowDbRefused()
{
    QFETCH(QString, setupSql);
    QFETCH(QString, messagePart);
    const QString path = m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-') + u".db");
    QVERIFY(writeMlflowDb(path, "0584bdc529eb"));
    {
        store::SqliteDb db;
        QString error;
        QVERIFY(db.open(path, store::SqliteDb::Mode::ReadWrite, &error));
        QVERIFY(db.exec(setupSql.toUtf8().constData(), &error));
    }
    const RunImportReport report = importRunsAt(m_store.db(), path);
    QVERIFY(!report.ok);
    QVERIFY2(report.error.contains(messagePart), qPrintable(report.error));
    QVERIFY2(report.error.startsWith(path), qPrintable(report.error));
    QCOMPARE(count("SELECT count(*) FROM ml_run"), 0);
}

void TestRunImport::tensorBoard()
{
    const QString logs = m_dir.filePath(QStringLiteral("tblogs"));
    QVERIFY(writeFile(logs + u"/run1/train/events.out.tfevents.1700000000.host.1.0", sampleEventFile()));
    QVERIFY(writeFile(logs + u"/run2/events.out.tfevents.1700000100.host.2.0",
                      record(tfEvent(1700000100.0, 7, simpleValue("acc", 0.125f)))));
    RunImportReport report = importRunsAt(m_store.db(), logs);
    QVERIFY2(report.ok, qPrintable(report.error));
    QCOMPARE(report.format, QStringLiteral("TensorBoard event files"));
    QCOMPARE(report.written.runs, 2);
    // loss at steps 0, 1, 2 (simple_value, tensor_content, float_val) and acc at 0; run2 acc at 7.
    QCOMPARE(report.written.metricPoints, 5);
    QCOMPARE(count("SELECT count(*) FROM ml_metric WHERE key = 'weights' OR key = 'hist'"), 0);

    RunStore runs(m_store.db());
    MlError e;
    RunQuery q;
    q.experimentIds = {QString::number(runs.experimentByName(QStringLiteral("TensorBoard tblogs"), &e)->experimentId.toLongLong())};
    q.orderBy = {QStringLiteral("attributes.run_name")};
    auto page = runs.searchRuns(q, &e);
    QVERIFY2(page, qPrintable(e.message));
    QCOMPARE(page->runs.size(), size_t(2));
    const Run &r1 = page->runs[0];
    QCOMPARE(r1.info.runName, QStringLiteral("run1/train"));
    QCOMPARE(r1.info.startTime, 1700000000000);
    QCOMPARE(r1.info.endTime.value_or(0), 1700000003500);
    auto history = runs.metricHistory(r1.info.runId, QStringLiteral("loss"), 0, {}, &e);
    QCOMPARE(history->metrics.size(), size_t(3));
    QCOMPARE(history->metrics[0].value, 0.75);
    QCOMPARE(history->metrics[1].value, 0.5);
    QCOMPARE(history->metrics[2].value, 0.25);
    QCOMPARE(history->metrics[2].timestamp, 1700000003500);
    QCOMPARE(page->runs[1].metric(QStringLiteral("acc"))->step, 7);

    report = importRunsAt(m_store.db(), logs);
    QVERIFY(report.ok);
    QCOMPARE(report.written.metricPoints, 0);
    QCOMPARE(count("SELECT count(*) FROM ml_run"), 2);

    // One file on its own.
    report = importRunsAt(m_store.db(), logs + u"/run2/events.out.tfevents.1700000100.host.2.0");
    QVERIFY2(report.ok, qPrintable(report.error));
}

void TestRunImport::tensorBoardBroken_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("messagePart");
    const QByteArray good = sampleEventFile();
    const QByteArray first = record(key(1, 1) + fixedDouble(1700000000.0) + lengthDelimited(3, "brain.Event:2"));
    QByteArray badData = good;
    badData[first.size() + 14] = static_cast<char>(badData[first.size() + 14] ^ 0x01);
    QTest::newRow("bad data CRC") << badData << QStringLiteral("byte offset %1: data CRC mismatch").arg(first.size());
    QByteArray badLength = good;
    badLength[8] = static_cast<char>(badLength[8] ^ 0x40);
    QTest::newRow("bad length CRC") << badLength << "byte offset 0: length CRC mismatch";
    QTest::newRow("truncated record") << good.left(good.size() - 3)
                                      << "truncated record at byte offset";
    QTest::newRow("truncated header") << QByteArray(good + QByteArray(5, '\0')) << "truncated record header at byte offset";
    QTest::newRow("not a record file") << QByteArray("hello, this is not TFRecord data at all") << "length CRC mismatch";
    // Valid framing around a broken protobuf (a length running past the end).
    QTest::newRow("malformed protobuf") << record(key(5, 2) + varint(1000) + "abc") << "malformed Event protobuf";
    QTest::newRow("group wire type") << record(key(9, 3)) << "malformed Event protobuf";
}

void TestRunImport::tensorBoardBroken()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, messagePart);
    const QString dir = m_dir.filePath(u"tb-" + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-'));
    const QString file = dir + u"/events.out.tfevents.1.h.1.0";
    QVERIFY(writeFile(dir + u"/ok/events.out.tfevents.0.h.1.0", sampleEventFile()));
    QVERIFY(writeFile(file, content));
    const RunImportReport report = importRunsAt(m_store.db(), dir);
    QVERIFY(!report.ok);
    QVERIFY2(report.error.contains(messagePart), qPrintable(report.error));
    QVERIFY2(report.error.startsWith(QFileInfo(file).absoluteFilePath()), qPrintable(report.error));
    QCOMPARE(count("SELECT count(*) FROM ml_run"), 0); // the good file in the same import is not written either
}

void TestRunImport::unknownPath()
{
    RunImportReport report = importRunsAt(m_store.db(), m_dir.filePath(QStringLiteral("nothing-here")));
    QVERIFY(!report.ok);
    QVERIFY2(report.error.contains(u"no such file or folder"), qPrintable(report.error));
    const QString text = m_dir.filePath(QStringLiteral("notes.txt"));
    QVERIFY(writeFile(text, "just text"));
    report = importRunsAt(m_store.db(), text);
    QVERIFY(!report.ok);
    QVERIFY2(report.error.contains(u"not an mlruns folder"), qPrintable(report.error));
}

QTEST_GUILESS_MAIN(TestRunImport)
#include "TestRunImport.moc"
