#include "model/ml/RunStore.h"

#include "model/ml/MlValidation.h"
#include "model/store/SqliteDb.h"

#include <QDateTime>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUuid>

#include <cmath>
#include <limits>

namespace costscope::ml {

using store::SqliteDb;
using store::Statement;
using store::Transaction;

QString MlError::codeName() const
{
    switch (code) {
    case Code::None:
        return {};
    case Code::InvalidParameter:
        return QStringLiteral("INVALID_PARAMETER_VALUE");
    case Code::NotFound:
        return QStringLiteral("RESOURCE_DOES_NOT_EXIST");
    case Code::AlreadyExists:
        return QStringLiteral("RESOURCE_ALREADY_EXISTS");
    case Code::Internal:
        break;
    }
    return QStringLiteral("INTERNAL_ERROR");
}

int MlError::httpStatus() const
{
    switch (code) {
    case Code::None:
        return 200;
    case Code::InvalidParameter:
    case Code::AlreadyExists:
        return 400;
    case Code::NotFound:
        return 404;
    case Code::Internal:
        break;
    }
    return 500;
}

QString Run::param(const QString &key, bool *found) const
{
    for (const auto &p : params)
        if (p.first == key) {
            if (found)
                *found = true;
            return p.second;
        }
    if (found)
        *found = false;
    return {};
}

QString Run::tag(const QString &key, bool *found) const
{
    for (const auto &t : tags)
        if (t.first == key) {
            if (found)
                *found = true;
            return t.second;
        }
    if (found)
        *found = false;
    return {};
}

const Metric *Run::metric(const QString &key) const
{
    for (const Metric &m : metrics)
        if (m.key == key)
            return &m;
    return nullptr;
}

struct RunStore::RunRow
{
    int64_t id = 0;
    RunInfo info;
};

namespace {

const char *const kRunColumns =
    "r.id, r.uuid, r.experiment_id, r.name, r.status, r.start_ms, r.end_ms, r.lifecycle, r.user_id, r.artifact_uri";

RunInfo readRunInfo(const Statement &st, int64_t *rowId)
{
    *rowId = st.columnInt(0);
    RunInfo i;
    i.runId = st.columnText(1);
    i.experimentId = QString::number(st.columnInt(2));
    i.runName = st.columnText(3);
    i.status = st.columnText(4);
    i.startTime = st.columnInt(5);
    if (st.columnInt(6) != 0)
        i.endTime = st.columnInt(6);
    i.lifecycleStage = st.columnText(7);
    i.userId = st.columnText(8);
    i.artifactUri = st.columnText(9);
    return i;
}

std::optional<int64_t> parseId(const QString &id)
{
    bool ok = false;
    const qlonglong v = id.trimmed().toLongLong(&ok);
    if (!ok || v < 0)
        return std::nullopt;
    return v;
}

const char *lifecycleCondition(ViewType view)
{
    switch (view) {
    case ViewType::ActiveOnly:
        return "lifecycle = 'active'";
    case ViewType::DeletedOnly:
        return "lifecycle = 'deleted'";
    case ViewType::All:
        break;
    }
    return "1";
}

bool validateMaxResults(int maxResults, MlError *error)
{
    if (maxResults < 1 || maxResults > limits::kSearchMaxResultsThreshold)
        return setError(error, MlError::Code::InvalidParameter,
                        QStringLiteral("Invalid value %1 for parameter 'max_results' supplied. It must be a positive "
                                       "integer of at most %2")
                            .arg(maxResults)
                            .arg(limits::kSearchMaxResultsThreshold));
    return true;
}

// The metric as the store keeps it: NaN is value 0 with is_nan set (SQLite turns NaN into NULL).
void bindMetricValue(Statement &st, int valueIndex, int nanIndex, double v)
{
    const bool nan = std::isnan(v);
    st.bind(valueIndex, nan ? 0.0 : v).bind(nanIndex, nan ? 1 : 0);
}

double readMetricValue(const Statement &st, int valueColumn, int nanColumn)
{
    return st.columnInt(nanColumn) != 0 ? std::numeric_limits<double>::quiet_NaN() : st.columnDouble(valueColumn);
}

template<typename T>
std::vector<std::vector<T>> chunks(const std::vector<T> &all, size_t size)
{
    std::vector<std::vector<T>> out;
    for (size_t i = 0; i < all.size(); i += size)
        out.emplace_back(all.begin() + static_cast<std::ptrdiff_t>(i),
                         all.begin() + static_cast<std::ptrdiff_t>(std::min(all.size(), i + size)));
    return out;
}

const char *const kInsertMetric = R"sql(INSERT INTO ml_metric(run_id, key, step, ts, value, is_nan)
    SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE NOT EXISTS (SELECT 1 FROM ml_metric WHERE run_id = ?1 AND key = ?2
        AND step = ?3 AND ts = ?4 AND value = ?5 AND is_nan = ?6))sql";

// Costscope reads the machine a run ran on from these tags (see docs/ml.md).
bool applyMachineTags(SqliteDb &db, int64_t runRowId, const KeyValues &tags)
{
    for (const auto &t : tags) {
        const char *sql = nullptr;
        if (t.first == u"costscope.instance_id")
            sql = "UPDATE ml_run SET instance_id = ? WHERE id = ?";
        else if (t.first == u"costscope.instance_type")
            sql = "UPDATE ml_run SET instance_type = ? WHERE id = ?";
        else if (t.first == u"costscope.host" || t.first == u"mlflow.system.hostname")
            sql = "UPDATE ml_run SET host = ? WHERE id = ?";
        else if (t.first == u"mlflow.runName")
            sql = "UPDATE ml_run SET name = ? WHERE id = ?";
        else if (t.first == u"costscope.dataset")
            sql = "UPDATE ml_run SET dataset = ? WHERE id = ?";
        if (!sql)
            continue;
        Statement st(db, sql);
        st.bind(1, t.second).bind(2, runRowId);
        if (!st.run())
            return false;
    }
    return true;
}

} // namespace

RunStore::RunStore(SqliteDb &db, QString artifactRoot)
    : m_db(db), m_artifactRoot(std::move(artifactRoot)),
      m_nameSeed(static_cast<uint32_t>(QDateTime::currentMSecsSinceEpoch()))
{
}

int64_t RunStore::now() const { return m_now ? m_now() : QDateTime::currentMSecsSinceEpoch(); }

bool RunStore::dbError(MlError *error) const
{
    return setError(error, MlError::Code::Internal, QStringLiteral("workspace error: %1").arg(m_db.lastError()));
}

QString RunStore::generateRunName()
{
    static const char *const kPredicates[] = {"amazing", "bold",   "calm",   "clever", "eager", "gentle",
                                              "honest",  "jolly",  "kindly", "lucky",  "merry", "nimble",
                                              "polite",  "quiet",  "rare",   "sunny",  "tidy",  "upbeat",
                                              "vivid",   "wise",   "zesty",  "brave",  "fair",  "keen"};
    static const char *const kNouns[] = {"ant",   "bat",   "carp",  "deer", "eel",   "finch", "goat",  "hawk",
                                         "ibis",  "jay",   "koala", "lynx", "mole",  "newt",  "owl",   "panda",
                                         "quail", "robin", "seal",  "toad", "vole",  "wren",  "yak",   "zebra"};
    m_nameSeed = m_nameSeed * 1664525u + 1013904223u;
    const uint32_t r = m_nameSeed >> 8;
    return QStringLiteral("%1-%2-%3")
        .arg(QLatin1String(kPredicates[r % std::size(kPredicates)]),
             QLatin1String(kNouns[(r / 24) % std::size(kNouns)]))
        .arg((r / 576) % 1000);
}

QString RunStore::pageToken(int64_t offset)
{
    QJsonObject o{{QStringLiteral("offset"), static_cast<qint64>(offset)}};
    return QString::fromLatin1(QJsonDocument(o).toJson(QJsonDocument::Compact).toBase64());
}

std::optional<int64_t> RunStore::pageOffset(const QString &token, MlError *error)
{
    if (token.isEmpty())
        return 0;
    auto decoded = QByteArray::fromBase64Encoding(token.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        setError(error, MlError::Code::InvalidParameter, QStringLiteral("Invalid page token, could not base64-decode"));
        return std::nullopt;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(*decoded);
    const QJsonValue offset = doc.object().value(QStringLiteral("offset"));
    if (!doc.isObject() || !offset.isDouble() || offset.toDouble() < 0
        || offset.toDouble() != std::floor(offset.toDouble())) {
        setError(error, MlError::Code::InvalidParameter, QStringLiteral("Invalid page token, decoded value=%1")
                                                             .arg(QString::fromUtf8(decoded.decoded.left(100))));
        return std::nullopt;
    }
    return static_cast<int64_t>(offset.toDouble());
}

bool RunStore::ensureDefaultExperiment(MlError *error)
{
    Statement st(m_db, R"sql(INSERT INTO ml_experiment(id, name, created_ms, updated_ms, artifact_location)
        SELECT 0, 'Default', ?1, ?1, ?2 WHERE NOT EXISTS (SELECT 1 FROM ml_experiment WHERE id = 0)
            AND NOT EXISTS (SELECT 1 FROM ml_experiment WHERE name = 'Default'))sql");
    st.bind(1, now()).bind(2, m_artifactRoot.isEmpty() ? QString() : m_artifactRoot + u"/0");
    if (!st.run())
        return dbError(error);
    // The migration made it without knowing where this workspace keeps artifacts.
    if (!m_artifactRoot.isEmpty()) {
        Statement loc(m_db, "UPDATE ml_experiment SET artifact_location = ? WHERE id = 0 AND artifact_location = ''");
        loc.bind(1, m_artifactRoot + u"/0");
        if (!loc.run())
            return dbError(error);
    }
    return true;
}

// ---- experiments ----

std::optional<int64_t> RunStore::experimentRowId(const QString &experimentId, MlError *error)
{
    auto id = parseId(experimentId);
    if (!id) {
        setError(error, MlError::Code::InvalidParameter,
                 QStringLiteral("Invalid experiment ID: '%1'. Expected a non-negative integer.").arg(experimentId));
        return std::nullopt;
    }
    Statement st(m_db, "SELECT id FROM ml_experiment WHERE id = ?");
    st.bind(1, *id);
    if (!st.next()) {
        if (!st.ok())
            dbError(error);
        else
            setError(error, MlError::Code::NotFound, QStringLiteral("No Experiment with id=%1 exists").arg(*id));
        return std::nullopt;
    }
    return *id;
}

std::optional<QString> RunStore::createExperiment(const QString &name, const QString &artifactLocation,
                                                  const KeyValues &tags, MlError *error)
{
    if (!validateExperimentName(name, error))
        return std::nullopt;
    for (const auto &t : tags) {
        if (!validateKey(t.first, "tag", error))
            return std::nullopt;
        if (t.second.size() > limits::kMaxExperimentTagValueLength) {
            setError(error, MlError::Code::InvalidParameter,
                     QStringLiteral("Experiment tag '%1' had a value of length %2, which exceeded length limit of %3")
                         .arg(t.first)
                         .arg(t.second.size())
                         .arg(limits::kMaxExperimentTagValueLength));
            return std::nullopt;
        }
    }
    Transaction txn(m_db);
    if (!txn.isActive()) {
        setError(error, MlError::Code::Internal, txn.error());
        return std::nullopt;
    }
    Statement find(m_db, "SELECT lifecycle FROM ml_experiment WHERE name = ?");
    find.bind(1, name);
    if (find.next()) {
        setError(error, MlError::Code::AlreadyExists,
                 find.columnText(0) == QLatin1String(kDeleted)
                     ? QStringLiteral("Experiment '%1' already exists in deleted state. You can restore the "
                                      "experiment, or permanently delete it before creating a new one.")
                           .arg(name)
                     : QStringLiteral("Experiment(name=%1) already exists.").arg(name));
        return std::nullopt;
    }
    const int64_t t = now();
    Statement ins(m_db, "INSERT INTO ml_experiment(name, created_ms, updated_ms, lifecycle) VALUES (?, ?, ?, 'active')");
    ins.bind(1, name).bind(2, t).bind(3, t);
    if (!ins.run()) {
        dbError(error);
        return std::nullopt;
    }
    const int64_t id = m_db.lastInsertId();
    QString location = artifactLocation;
    if (location.isEmpty() && !m_artifactRoot.isEmpty())
        location = m_artifactRoot + u'/' + QString::number(id);
    Statement loc(m_db, "UPDATE ml_experiment SET artifact_location = ? WHERE id = ?");
    loc.bind(1, location).bind(2, id);
    if (!loc.run()) {
        dbError(error);
        return std::nullopt;
    }
    Statement tag(m_db, "INSERT OR REPLACE INTO ml_experiment_tag(experiment_id, key, value) VALUES (?,?,?)");
    for (const auto &kv : tags) {
        tag.bind(1, id).bind(2, kv.first).bind(3, kv.second);
        if (!tag.run()) {
            dbError(error);
            return std::nullopt;
        }
    }
    if (!txn.commit()) {
        setError(error, MlError::Code::Internal, txn.error());
        return std::nullopt;
    }
    return QString::number(id);
}

namespace {

std::vector<Experiment> loadExperiments(SqliteDb &db, const QString &where, const QList<QString> &binds, bool *ok)
{
    std::vector<Experiment> out;
    QHash<int64_t, size_t> index;
    Statement st(db, QStringLiteral("SELECT id, name, artifact_location, lifecycle, created_ms, updated_ms "
                                    "FROM ml_experiment WHERE ")
                         + where);
    for (int i = 0; i < binds.size(); ++i)
        st.bind(i + 1, binds[i]);
    while (st.next()) {
        Experiment e;
        e.experimentId = QString::number(st.columnInt(0));
        e.name = st.columnText(1);
        e.artifactLocation = st.columnText(2);
        e.lifecycleStage = st.columnText(3);
        e.creationTime = st.columnInt(4);
        e.lastUpdateTime = st.columnInt(5) != 0 ? st.columnInt(5) : e.creationTime;
        index.insert(st.columnInt(0), out.size());
        out.push_back(e);
    }
    *ok = st.ok();
    if (!*ok || out.empty())
        return out;
    Statement tags(db, "SELECT experiment_id, key, value FROM ml_experiment_tag ORDER BY experiment_id, key");
    while (tags.next()) {
        auto it = index.constFind(tags.columnInt(0));
        if (it != index.cend())
            out[*it].tags.append({tags.columnText(1), tags.columnText(2)});
    }
    *ok = tags.ok();
    return out;
}

} // namespace

std::optional<Experiment> RunStore::experiment(const QString &experimentId, MlError *error)
{
    auto id = experimentRowId(experimentId, error);
    if (!id)
        return std::nullopt;
    bool ok = false;
    auto list = loadExperiments(m_db, QStringLiteral("id = ?"), {QString::number(*id)}, &ok);
    if (!ok || list.empty()) {
        dbError(error);
        return std::nullopt;
    }
    return list.front();
}

std::optional<Experiment> RunStore::experimentByName(const QString &name, MlError *error)
{
    bool ok = false;
    auto list = loadExperiments(m_db, QStringLiteral("name = ?"), {name}, &ok);
    if (!ok) {
        dbError(error);
        return std::nullopt;
    }
    if (list.empty()) {
        setError(error, MlError::Code::NotFound, QStringLiteral("Could not find experiment with name '%1'").arg(name));
        return std::nullopt;
    }
    return list.front();
}

std::optional<ExperimentPage> RunStore::searchExperiments(const ExperimentQuery &query, MlError *error)
{
    if (!validateMaxResults(query.maxResults, error))
        return std::nullopt;
    QString message;
    auto filter = SearchFilter::parse(query.filter, SearchEntity::Experiments, &message);
    if (!filter) {
        setError(error, MlError::Code::InvalidParameter, QStringLiteral("Invalid filter '%1': %2").arg(query.filter, message));
        return std::nullopt;
    }
    auto order = parseOrderBy(query.orderBy, SearchEntity::Experiments, &message);
    if (!order) {
        setError(error, MlError::Code::InvalidParameter, message);
        return std::nullopt;
    }
    auto offset = pageOffset(query.pageToken, error);
    if (!offset)
        return std::nullopt;
    bool ok = false;
    auto all = loadExperiments(m_db, QString::fromLatin1(lifecycleCondition(query.viewType)), {}, &ok);
    if (!ok) {
        dbError(error);
        return std::nullopt;
    }
    std::vector<Experiment> matching;
    for (Experiment &e : all)
        if (filter->matches(e))
            matching.push_back(std::move(e));
    sortExperiments(matching, *order);
    ExperimentPage page;
    const auto begin = std::min<size_t>(static_cast<size_t>(*offset), matching.size());
    const auto end = std::min<size_t>(begin + static_cast<size_t>(query.maxResults), matching.size());
    page.experiments.assign(std::make_move_iterator(matching.begin() + static_cast<std::ptrdiff_t>(begin)),
                            std::make_move_iterator(matching.begin() + static_cast<std::ptrdiff_t>(end)));
    if (end < matching.size())
        page.nextPageToken = pageToken(static_cast<int64_t>(end));
    return page;
}

bool RunStore::renameExperiment(const QString &experimentId, const QString &newName, MlError *error)
{
    if (!validateExperimentName(newName, error))
        return false;
    auto exp = experiment(experimentId, error);
    if (!exp)
        return false;
    if (exp->lifecycleStage != QLatin1String(kActive))
        return setError(error, MlError::Code::InvalidParameter,
                        QStringLiteral("Cannot rename a non-active experiment."));
    Transaction txn(m_db);
    Statement find(m_db, "SELECT 1 FROM ml_experiment WHERE name = ? AND id <> ?");
    find.bind(1, newName).bind(2, static_cast<int64_t>(exp->experimentId.toLongLong()));
    if (find.next())
        return setError(error, MlError::Code::AlreadyExists,
                        QStringLiteral("Experiment(name=%1) already exists.").arg(newName));
    Statement st(m_db, "UPDATE ml_experiment SET name = ?, updated_ms = ? WHERE id = ?");
    st.bind(1, newName).bind(2, now()).bind(3, static_cast<int64_t>(exp->experimentId.toLongLong()));
    if (!st.run())
        return dbError(error);
    return txn.commit() || setError(error, MlError::Code::Internal, txn.error());
}

bool RunStore::setExperimentLifecycle(const QString &experimentId, const char *stage, MlError *error)
{
    auto id = experimentRowId(experimentId, error);
    if (!id)
        return false;
    const bool deleting = qstrcmp(stage, kDeleted) == 0;
    if (deleting && *id == 0)
        return setError(error, MlError::Code::InvalidParameter, QStringLiteral("Cannot delete the default experiment '0'. "
                                                                               "This is an internally reserved experiment."));
    Transaction txn(m_db);
    Statement st(m_db, "UPDATE ml_experiment SET lifecycle = ?, updated_ms = ? WHERE id = ?");
    st.bind(1, QString::fromLatin1(stage)).bind(2, now()).bind(3, *id);
    Statement runs(m_db, "UPDATE ml_run SET lifecycle = ? WHERE experiment_id = ? AND lifecycle = ?");
    runs.bind(1, QString::fromLatin1(stage)).bind(2, *id).bind(3, QString::fromLatin1(deleting ? kActive : kDeleted));
    if (!st.run() || !runs.run())
        return dbError(error);
    return txn.commit() || setError(error, MlError::Code::Internal, txn.error());
}

bool RunStore::deleteExperiment(const QString &experimentId, MlError *error)
{
    return setExperimentLifecycle(experimentId, kDeleted, error);
}

bool RunStore::restoreExperiment(const QString &experimentId, MlError *error)
{
    return setExperimentLifecycle(experimentId, kActive, error);
}

bool RunStore::setExperimentTag(const QString &experimentId, const QString &key, const QString &value, MlError *error)
{
    if (!validateKey(key, "tag", error))
        return false;
    if (value.size() > limits::kMaxExperimentTagValueLength)
        return setError(error, MlError::Code::InvalidParameter,
                        QStringLiteral("Experiment tag '%1' had a value of length %2, which exceeded length limit of %3")
                            .arg(key)
                            .arg(value.size())
                            .arg(limits::kMaxExperimentTagValueLength));
    auto exp = experiment(experimentId, error);
    if (!exp)
        return false;
    if (exp->lifecycleStage != QLatin1String(kActive))
        return setError(error, MlError::Code::InvalidParameter,
                        QStringLiteral("The experiment %1 must be in the 'active' state. Current state is %2.")
                            .arg(exp->experimentId, exp->lifecycleStage));
    Statement st(m_db, "INSERT OR REPLACE INTO ml_experiment_tag(experiment_id, key, value) VALUES (?,?,?)");
    st.bind(1, static_cast<int64_t>(exp->experimentId.toLongLong())).bind(2, key).bind(3, value);
    return st.run() || dbError(error);
}

// ---- runs ----

std::optional<RunStore::RunRow> RunStore::runRow(const QString &runId, MlError *error)
{
    if (runId.isEmpty()) {
        setError(error, MlError::Code::InvalidParameter, QStringLiteral("Missing value for required parameter 'run_id'."));
        return std::nullopt;
    }
    Statement st(m_db, QStringLiteral("SELECT %1 FROM ml_run r WHERE r.uuid = ?").arg(QLatin1String(kRunColumns)));
    st.bind(1, runId);
    if (!st.next()) {
        if (!st.ok())
            dbError(error);
        else
            setError(error, MlError::Code::NotFound, QStringLiteral("Run with id=%1 not found").arg(runId));
        return std::nullopt;
    }
    RunRow row;
    row.info = readRunInfo(st, &row.id);
    return row;
}

bool RunStore::requireActiveRun(const QString &runId, RunRow *row, MlError *error)
{
    auto r = runRow(runId, error);
    if (!r)
        return false;
    if (r->info.lifecycleStage != QLatin1String(kActive))
        return setError(error, MlError::Code::InvalidParameter,
                        QStringLiteral("The run %1 must be in the 'active' state. Current state is %2.")
                            .arg(runId, r->info.lifecycleStage));
    *row = *r;
    return true;
}

bool RunStore::loadRunData(std::vector<Run> &runs, const std::vector<int64_t> &rowIds, MlError *error)
{
    QHash<int64_t, size_t> index;
    for (size_t i = 0; i < rowIds.size(); ++i)
        index.insert(rowIds[i], i);
    for (const auto &part : chunks(rowIds, 500)) {
        const QString in = store::sqlPlaceholders(static_cast<qsizetype>(part.size()));
        auto bindAll = [&](Statement &st) {
            int i = 1;
            for (int64_t id : part)
                st.bind(i++, id);
        };
        Statement params(m_db, QStringLiteral("SELECT run_id, key, value FROM ml_param WHERE run_id IN (%1) "
                                              "ORDER BY run_id, key")
                                   .arg(in));
        bindAll(params);
        while (params.next())
            runs[index.value(params.columnInt(0))].params.append({params.columnText(1), params.columnText(2)});
        Statement tags(m_db, QStringLiteral("SELECT run_id, key, value FROM ml_tag WHERE run_id IN (%1) "
                                            "ORDER BY run_id, key")
                                 .arg(in));
        bindAll(tags);
        while (tags.next())
            runs[index.value(tags.columnInt(0))].tags.append({tags.columnText(1), tags.columnText(2)});
        // The latest point of each key: highest step, then latest timestamp, then largest value.
        Statement metrics(m_db, QStringLiteral(R"sql(SELECT run_id, key, value, ts, step, is_nan FROM (
                SELECT run_id, key, value, ts, step, is_nan, ROW_NUMBER() OVER (PARTITION BY run_id, key
                    ORDER BY step DESC, ts DESC, is_nan ASC, value DESC) AS rn
                FROM ml_metric WHERE run_id IN (%1)) WHERE rn = 1 ORDER BY run_id, key)sql")
                                    .arg(in));
        bindAll(metrics);
        while (metrics.next())
            runs[index.value(metrics.columnInt(0))].metrics.push_back(
                Metric{metrics.columnText(1), readMetricValue(metrics, 2, 5), metrics.columnInt(3), metrics.columnInt(4)});
        if (!params.ok() || !tags.ok() || !metrics.ok())
            return dbError(error);
    }
    return true;
}

std::optional<Run> RunStore::run(const QString &runId, MlError *error)
{
    auto row = runRow(runId, error);
    if (!row)
        return std::nullopt;
    std::vector<Run> runs(1);
    runs[0].info = row->info;
    if (!loadRunData(runs, {row->id}, error))
        return std::nullopt;
    return runs[0];
}

std::optional<Run> RunStore::createRun(const NewRun &newRun, MlError *error)
{
    auto exp = experiment(newRun.experimentId.isEmpty() ? QStringLiteral("0") : newRun.experimentId, error);
    if (!exp)
        return std::nullopt;
    if (exp->lifecycleStage != QLatin1String(kActive)) {
        setError(error, MlError::Code::InvalidParameter,
                 QStringLiteral("The experiment %1 must be in the 'active' state. Current state is %2.")
                     .arg(exp->experimentId, exp->lifecycleStage));
        return std::nullopt;
    }
    KeyValues tags;
    QString tagName;
    for (const auto &t : newRun.tags) {
        if (!validateKey(t.first, "tag", error) || !validateTagValue(t.first, t.second, error))
            return std::nullopt;
        if (t.first == u"mlflow.runName")
            tagName = t.second;
        else
            tags.append(t);
    }
    if (!newRun.runName.isEmpty() && !tagName.isEmpty() && newRun.runName != tagName) {
        setError(error, MlError::Code::InvalidParameter,
                 QStringLiteral("Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different "
                                "values (run_name='%1', mlflow.runName='%2').")
                     .arg(newRun.runName, tagName));
        return std::nullopt;
    }
    const QString name = !newRun.runName.isEmpty() ? newRun.runName : !tagName.isEmpty() ? tagName : generateRunName();
    tags.append({QStringLiteral("mlflow.runName"), name});
    const QString uuid = QUuid::createUuid().toString(QUuid::Id128);
    // Experiments made elsewhere (the demo, imports) may have no artifact location of their own.
    const QString location = !exp->artifactLocation.isEmpty() ? exp->artifactLocation
                             : m_artifactRoot.isEmpty()      ? QString()
                                                             : m_artifactRoot + u'/' + exp->experimentId;
    const QString artifactUri = location.isEmpty() ? QString() : location + u'/' + uuid + u"/artifacts";

    Transaction txn(m_db);
    if (!txn.isActive()) {
        setError(error, MlError::Code::Internal, txn.error());
        return std::nullopt;
    }
    Statement ins(m_db, R"sql(INSERT INTO ml_run(uuid, experiment_id, name, status, start_ms, end_ms, user_id,
        artifact_uri, lifecycle) VALUES (?, ?, ?, 'RUNNING', ?, 0, ?, ?, 'active'))sql");
    ins.bind(1, uuid).bind(2, static_cast<int64_t>(exp->experimentId.toLongLong())).bind(3, name);
    ins.bind(4, newRun.startTime.value_or(now())).bind(5, newRun.userId).bind(6, artifactUri);
    if (!ins.run()) {
        dbError(error);
        return std::nullopt;
    }
    const int64_t rowId = m_db.lastInsertId();
    Statement tag(m_db, "INSERT OR REPLACE INTO ml_tag(run_id, key, value) VALUES (?,?,?)");
    for (const auto &t : tags) {
        tag.bind(1, rowId).bind(2, t.first).bind(3, t.second);
        if (!tag.run()) {
            dbError(error);
            return std::nullopt;
        }
    }
    if (!applyMachineTags(m_db, rowId, tags)) {
        dbError(error);
        return std::nullopt;
    }
    if (!txn.commit()) {
        setError(error, MlError::Code::Internal, txn.error());
        return std::nullopt;
    }
    return run(uuid, error);
}

std::optional<RunInfo> RunStore::updateRun(const QString &runId, const std::optional<QString> &status,
                                           const std::optional<int64_t> &endTime, const std::optional<QString> &runName,
                                           MlError *error)
{
    RunRow row;
    if (!requireActiveRun(runId, &row, error))
        return std::nullopt;
    if (status && !isRunStatus(*status)) {
        setError(error, MlError::Code::InvalidParameter,
                 QStringLiteral("Invalid run status '%1'; expected RUNNING, SCHEDULED, FINISHED, FAILED or KILLED")
                     .arg(*status));
        return std::nullopt;
    }
    Transaction txn(m_db);
    Statement st(m_db, R"sql(UPDATE ml_run SET status = coalesce(?1, status), end_ms = coalesce(?2, end_ms),
        name = coalesce(?3, name) WHERE id = ?4)sql");
    if (status)
        st.bind(1, *status);
    else
        st.bindNull(1);
    if (endTime)
        st.bind(2, *endTime);
    else
        st.bindNull(2);
    if (runName && !runName->isEmpty())
        st.bind(3, *runName);
    else
        st.bindNull(3);
    st.bind(4, row.id);
    if (!st.run()) {
        dbError(error);
        return std::nullopt;
    }
    if (runName && !runName->isEmpty()) {
        Statement tag(m_db, "INSERT OR REPLACE INTO ml_tag(run_id, key, value) VALUES (?, 'mlflow.runName', ?)");
        tag.bind(1, row.id).bind(2, *runName);
        if (!tag.run()) {
            dbError(error);
            return std::nullopt;
        }
    }
    if (!txn.commit()) {
        setError(error, MlError::Code::Internal, txn.error());
        return std::nullopt;
    }
    auto updated = runRow(runId, error);
    if (!updated)
        return std::nullopt;
    return updated->info;
}

bool RunStore::setRunLifecycle(const QString &runId, const char *stage, MlError *error)
{
    auto row = runRow(runId, error);
    if (!row)
        return false;
    Statement st(m_db, "UPDATE ml_run SET lifecycle = ? WHERE id = ?");
    st.bind(1, QString::fromLatin1(stage)).bind(2, row->id);
    return st.run() || dbError(error);
}

bool RunStore::deleteRun(const QString &runId, MlError *error) { return setRunLifecycle(runId, kDeleted, error); }

bool RunStore::restoreRun(const QString &runId, MlError *error) { return setRunLifecycle(runId, kActive, error); }

bool RunStore::logBatch(const QString &runId, const std::vector<Metric> &metrics, const KeyValues &params,
                        const KeyValues &tags, MlError *error)
{
    using limits::kMaxEntitiesPerBatch;
    using limits::kMaxMetricsPerBatch;
    using limits::kMaxParamsTagsPerBatch;
    if (metrics.size() > kMaxMetricsPerBatch)
        return setError(error, MlError::Code::InvalidParameter,
                        QStringLiteral("A batch logging request can contain at most %1 metrics. Got %2 metrics. Please "
                                       "split up metrics across multiple requests and try again.")
                            .arg(kMaxMetricsPerBatch)
                            .arg(metrics.size()));
    if (params.size() > kMaxParamsTagsPerBatch)
        return setError(error, MlError::Code::InvalidParameter,
                        QStringLiteral("A batch logging request can contain at most %1 params. Got %2 params. Please "
                                       "split up params across multiple requests and try again.")
                            .arg(kMaxParamsTagsPerBatch)
                            .arg(params.size()));
    if (tags.size() > kMaxParamsTagsPerBatch)
        return setError(error, MlError::Code::InvalidParameter,
                        QStringLiteral("A batch logging request can contain at most %1 tags. Got %2 tags. Please "
                                       "split up tags across multiple requests and try again.")
                            .arg(kMaxParamsTagsPerBatch)
                            .arg(tags.size()));
    const auto total = static_cast<qsizetype>(metrics.size()) + params.size() + tags.size();
    if (total > kMaxEntitiesPerBatch)
        return setError(error, MlError::Code::InvalidParameter,
                        QStringLiteral("A batch logging request can contain at most %1 total metrics, params, and "
                                       "tags. Got %2 total. Please split up across multiple requests and try again.")
                            .arg(kMaxEntitiesPerBatch)
                            .arg(total));
    for (const Metric &m : metrics)
        if (!validateKey(m.key, "metric", error))
            return false;
    QHash<QString, QString> newParams;
    for (const auto &p : params) {
        if (!validateKey(p.first, "param", error) || !validateParamValue(p.first, p.second, error))
            return false;
        if (newParams.contains(p.first))
            return setError(error, MlError::Code::InvalidParameter,
                            QStringLiteral("Duplicate parameter keys have been submitted: ['%1']. Please ensure the "
                                           "request contains only one param value per param key.")
                                .arg(p.first));
        newParams.insert(p.first, p.second);
    }
    for (const auto &t : tags)
        if (!validateKey(t.first, "tag", error) || !validateTagValue(t.first, t.second, error))
            return false;
    RunRow row;
    if (!requireActiveRun(runId, &row, error))
        return false;

    Transaction txn(m_db);
    if (!txn.isActive())
        return setError(error, MlError::Code::Internal, txn.error());
    Statement existing(m_db, "SELECT value FROM ml_param WHERE run_id = ? AND key = ?");
    Statement param(m_db, "INSERT OR IGNORE INTO ml_param(run_id, key, value) VALUES (?,?,?)");
    for (const auto &p : params) {
        existing.reset();
        existing.bind(1, row.id).bind(2, p.first);
        if (existing.next() && existing.columnText(0) != p.second)
            return setError(error, MlError::Code::InvalidParameter,
                            QStringLiteral("Changing param values is not allowed. Param with key='%1' was already "
                                           "logged with value='%2' for run ID='%3'. Attempted logging new value '%4'.")
                                .arg(p.first, existing.columnText(0), runId, p.second));
        existing.reset();
        param.bind(1, row.id).bind(2, p.first).bind(3, p.second);
        if (!param.run())
            return dbError(error);
    }
    Statement tag(m_db, "INSERT OR REPLACE INTO ml_tag(run_id, key, value) VALUES (?,?,?)");
    for (const auto &t : tags) {
        tag.bind(1, row.id).bind(2, t.first).bind(3, t.second);
        if (!tag.run())
            return dbError(error);
    }
    if (!applyMachineTags(m_db, row.id, tags))
        return dbError(error);
    Statement metric(m_db, kInsertMetric);
    for (const Metric &m : metrics) {
        metric.bind(1, row.id).bind(2, m.key).bind(3, m.step).bind(4, m.timestamp);
        bindMetricValue(metric, 5, 6, m.value);
        if (!metric.run())
            return dbError(error);
    }
    return txn.commit() || setError(error, MlError::Code::Internal, txn.error());
}

bool RunStore::logMetric(const QString &runId, const Metric &metric, MlError *error)
{
    return logBatch(runId, {metric}, {}, {}, error);
}

bool RunStore::logParam(const QString &runId, const QString &key, const QString &value, MlError *error)
{
    return logBatch(runId, {}, {{key, value}}, {}, error);
}

bool RunStore::setTag(const QString &runId, const QString &key, const QString &value, MlError *error)
{
    return logBatch(runId, {}, {}, {{key, value}}, error);
}

bool RunStore::deleteTag(const QString &runId, const QString &key, MlError *error)
{
    RunRow row;
    if (!requireActiveRun(runId, &row, error))
        return false;
    Statement st(m_db, "DELETE FROM ml_tag WHERE run_id = ? AND key = ?");
    st.bind(1, row.id).bind(2, key);
    if (!st.run())
        return dbError(error);
    if (m_db.changes() == 0)
        return setError(error, MlError::Code::NotFound,
                        QStringLiteral("No tag with name: %1 in run with id %2").arg(key, runId));
    return true;
}

std::optional<MetricHistoryPage> RunStore::metricHistory(const QString &runId, const QString &key, int maxResults,
                                                         const QString &pageToken, MlError *error)
{
    if (key.isEmpty()) {
        setError(error, MlError::Code::InvalidParameter,
                 QStringLiteral("Missing value for required parameter 'metric_key'."));
        return std::nullopt;
    }
    if (maxResults < 0 || maxResults > limits::kMetricHistoryMaxResults) {
        setError(error, MlError::Code::InvalidParameter,
                 QStringLiteral("Invalid value %1 for parameter 'max_results': it must be at most %2")
                     .arg(maxResults)
                     .arg(limits::kMetricHistoryMaxResults));
        return std::nullopt;
    }
    auto offset = pageOffset(pageToken, error);
    if (!offset)
        return std::nullopt;
    auto row = runRow(runId, error);
    if (!row)
        return std::nullopt;
    // One more than asked tells whether there is a next page.
    const int64_t limit = maxResults > 0 ? maxResults : -1;
    Statement st(m_db, R"sql(SELECT key, value, ts, step, is_nan FROM ml_metric WHERE run_id = ? AND key = ?
        ORDER BY step, ts, id LIMIT ? OFFSET ?)sql");
    st.bind(1, row->id).bind(2, key).bind(3, limit > 0 ? limit + 1 : int64_t{-1}).bind(4, *offset);
    MetricHistoryPage page;
    while (st.next())
        page.metrics.push_back(Metric{st.columnText(0), readMetricValue(st, 1, 4), st.columnInt(2), st.columnInt(3)});
    if (!st.ok()) {
        dbError(error);
        return std::nullopt;
    }
    if (limit > 0 && static_cast<int64_t>(page.metrics.size()) > limit) {
        page.metrics.pop_back();
        page.nextPageToken = RunStore::pageToken(*offset + limit);
    }
    return page;
}

std::optional<RunPage> RunStore::searchRuns(const RunQuery &query, MlError *error)
{
    if (!validateMaxResults(query.maxResults, error))
        return std::nullopt;
    QString message;
    auto filter = SearchFilter::parse(query.filter, SearchEntity::Runs, &message);
    if (!filter) {
        setError(error, MlError::Code::InvalidParameter,
                 QStringLiteral("Invalid filter '%1': %2").arg(query.filter, message));
        return std::nullopt;
    }
    auto order = parseOrderBy(query.orderBy, SearchEntity::Runs, &message);
    if (!order) {
        setError(error, MlError::Code::InvalidParameter, message);
        return std::nullopt;
    }
    auto offset = pageOffset(query.pageToken, error);
    if (!offset)
        return std::nullopt;
    std::vector<int64_t> experimentIds;
    for (const QString &id : query.experimentIds) {
        auto v = parseId(id);
        if (!v) {
            setError(error, MlError::Code::InvalidParameter,
                     QStringLiteral("Invalid experiment ID: '%1'. Expected a non-negative integer.").arg(id));
            return std::nullopt;
        }
        experimentIds.push_back(*v);
    }
    RunPage page;
    if (experimentIds.empty())
        return page;
    Statement st(m_db, QStringLiteral("SELECT %1 FROM ml_run r WHERE r.experiment_id IN (%2) AND r.%3")
                           .arg(QLatin1String(kRunColumns), store::sqlPlaceholders(static_cast<qsizetype>(experimentIds.size())),
                                QLatin1String(lifecycleCondition(query.viewType))));
    int b = 1;
    for (int64_t id : experimentIds)
        st.bind(b++, id);
    std::vector<Run> runs;
    std::vector<int64_t> rowIds;
    while (st.next()) {
        int64_t rowId = 0;
        Run r;
        r.info = readRunInfo(st, &rowId);
        runs.push_back(std::move(r));
        rowIds.push_back(rowId);
    }
    if (!st.ok()) {
        dbError(error);
        return std::nullopt;
    }
    if (!loadRunData(runs, rowIds, error))
        return std::nullopt;
    std::vector<Run> matching;
    for (Run &r : runs)
        if (filter->matches(r))
            matching.push_back(std::move(r));
    sortRuns(matching, *order);
    const auto begin = std::min<size_t>(static_cast<size_t>(*offset), matching.size());
    const auto end = std::min<size_t>(begin + static_cast<size_t>(query.maxResults), matching.size());
    page.runs.assign(std::make_move_iterator(matching.begin() + static_cast<std::ptrdiff_t>(begin)),
                     std::make_move_iterator(matching.begin() + static_cast<std::ptrdiff_t>(end)));
    if (end < matching.size())
        page.nextPageToken = pageToken(static_cast<int64_t>(end));
    return page;
}

bool RunStore::importRuns(const std::vector<ImportedExperiment> &experiments, const std::vector<ImportedRun> &runs,
                          RunImportResult *result, MlError *error)
{
    RunImportResult counts;
    Transaction txn(m_db);
    if (!txn.isActive())
        return setError(error, MlError::Code::Internal, txn.error());
    QHash<QString, int64_t> expIds;
    Statement find(m_db, "SELECT id FROM ml_experiment WHERE name = ?");
    Statement make(m_db, R"sql(INSERT INTO ml_experiment(name, artifact_location, lifecycle, created_ms, updated_ms)
        VALUES (?, ?, ?, ?, ?))sql");
    auto experimentId = [&](const ImportedExperiment &e) -> std::optional<int64_t> {
        if (auto it = expIds.constFind(e.name); it != expIds.cend())
            return *it;
        find.reset();
        find.bind(1, e.name);
        int64_t id = 0;
        if (find.next()) {
            id = find.columnInt(0);
        } else {
            if (!find.ok())
                return std::nullopt;
            make.bind(1, e.name).bind(2, e.artifactLocation).bind(3, e.lifecycleStage.isEmpty() ? QStringLiteral("active") : e.lifecycleStage);
            make.bind(4, e.creationTime).bind(5, e.creationTime);
            if (!make.run())
                return std::nullopt;
            id = m_db.lastInsertId();
            ++counts.experiments;
        }
        find.reset();
        expIds.insert(e.name, id);
        return id;
    };
    Statement expTag(m_db, "INSERT OR REPLACE INTO ml_experiment_tag(experiment_id, key, value) VALUES (?,?,?)");
    for (const ImportedExperiment &e : experiments) {
        if (!validateExperimentName(e.name, error))
            return false;
        auto id = experimentId(e);
        if (!id)
            return dbError(error);
        for (const auto &t : e.tags) {
            expTag.bind(1, *id).bind(2, t.first).bind(3, t.second);
            if (!expTag.run())
                return dbError(error);
        }
    }
    Statement upsert(m_db, R"sql(INSERT INTO ml_run(uuid, experiment_id, name, status, start_ms, end_ms, user_id,
            artifact_uri, lifecycle) VALUES (?,?,?,?,?,?,?,?,?)
        ON CONFLICT(uuid) DO UPDATE SET experiment_id = excluded.experiment_id, name = excluded.name,
            status = excluded.status, start_ms = excluded.start_ms, end_ms = excluded.end_ms,
            user_id = excluded.user_id, artifact_uri = excluded.artifact_uri, lifecycle = excluded.lifecycle
        RETURNING id)sql");
    Statement param(m_db, "INSERT OR REPLACE INTO ml_param(run_id, key, value) VALUES (?,?,?)");
    Statement tag(m_db, "INSERT OR REPLACE INTO ml_tag(run_id, key, value) VALUES (?,?,?)");
    Statement metric(m_db, kInsertMetric);
    for (const ImportedRun &r : runs) {
        if (r.info.runId.isEmpty())
            return setError(error, MlError::Code::InvalidParameter, QStringLiteral("a run without a run id"));
        ImportedExperiment e;
        e.name = r.experimentName;
        auto expId = experimentId(e);
        if (!expId)
            return dbError(error);
        upsert.reset();
        upsert.bind(1, r.info.runId).bind(2, *expId).bind(3, r.info.runName).bind(4, r.info.status);
        upsert.bind(5, r.info.startTime).bind(6, r.info.endTime.value_or(0)).bind(7, r.info.userId);
        upsert.bind(8, r.info.artifactUri).bind(9, r.info.lifecycleStage.isEmpty() ? QStringLiteral("active") : r.info.lifecycleStage);
        if (!upsert.next())
            return dbError(error);
        const int64_t rowId = upsert.columnInt(0);
        upsert.reset();
        for (const auto &p : r.params) {
            param.bind(1, rowId).bind(2, p.first).bind(3, p.second);
            if (!param.run())
                return dbError(error);
        }
        for (const auto &t : r.tags) {
            tag.bind(1, rowId).bind(2, t.first).bind(3, t.second);
            if (!tag.run())
                return dbError(error);
        }
        if (!applyMachineTags(m_db, rowId, r.tags))
            return dbError(error);
        if (!r.info.runName.isEmpty()) {
            Statement name(m_db, "UPDATE ml_run SET name = ? WHERE id = ?");
            name.bind(1, r.info.runName).bind(2, rowId);
            if (!name.run())
                return dbError(error);
        }
        for (const Metric &m : r.history) {
            metric.bind(1, rowId).bind(2, m.key).bind(3, m.step).bind(4, m.timestamp);
            bindMetricValue(metric, 5, 6, m.value);
            if (!metric.run())
                return dbError(error);
            counts.metricPoints += m_db.changes();
        }
        ++counts.runs;
    }
    if (!txn.commit())
        return setError(error, MlError::Code::Internal, txn.error());
    if (result)
        *result = counts;
    return true;
}

} // namespace costscope::ml
