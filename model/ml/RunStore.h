#pragma once

#include "model/ml/MlTypes.h"
#include "model/ml/SearchFilter.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace costscope::store {
class SqliteDb;
}

namespace costscope::ml {

struct NewRun
{
    QString experimentId = QStringLiteral("0");
    QString userId;
    std::optional<int64_t> startTime; // now when absent
    QString runName;                  // from the mlflow.runName tag, or generated, when empty
    KeyValues tags;
};

struct RunQuery
{
    QStringList experimentIds;
    QString filter;
    ViewType viewType = ViewType::ActiveOnly;
    int maxResults = 1000;
    QStringList orderBy;
    QString pageToken;
};

struct RunPage
{
    std::vector<Run> runs;
    QString nextPageToken; // empty on the last page
};

struct ExperimentQuery
{
    QString filter;
    ViewType viewType = ViewType::ActiveOnly;
    int maxResults = 1000;
    QStringList orderBy;
    QString pageToken;
};

struct ExperimentPage
{
    std::vector<Experiment> experiments;
    QString nextPageToken;
};

struct MetricHistoryPage
{
    std::vector<Metric> metrics; // by step, then timestamp
    QString nextPageToken;
};

// What an importer read: experiments are matched by name, runs by run id.
struct ImportedExperiment
{
    QString name;
    QString artifactLocation;
    QString lifecycleStage = QStringLiteral("active");
    int64_t creationTime = 0;
    KeyValues tags;
};

struct ImportedRun
{
    QString experimentName;
    RunInfo info; // experimentId is ignored
    KeyValues params;
    KeyValues tags;
    std::vector<Metric> history; // every point
};

struct RunImportResult
{
    int experiments = 0;      // created
    int runs = 0;             // written (new or updated)
    int64_t metricPoints = 0; // new points; points already stored are not repeated
};

// Experiments, runs, params, tags and metrics of a workspace with MLflow's semantics and limits:
// the model under the tracking endpoint, the importers and the Experiments tab. No HTTP here.
// Every write is one transaction; a refused write changes nothing. One thread at a time.
class RunStore
{
public:
    // artifactRoot: where new experiments keep artifacts (a file:// URI), "<root>/<experiment id>".
    explicit RunStore(store::SqliteDb &db, QString artifactRoot = {});

    // Milliseconds since the epoch; tests inject a fixed clock.
    void setClock(std::function<int64_t()> now) { m_now = std::move(now); }
    // Experiment 0 "Default", recreated if a workspace was cleared.
    bool ensureDefaultExperiment(MlError *error);

    std::optional<QString> createExperiment(const QString &name, const QString &artifactLocation,
                                            const KeyValues &tags, MlError *error);
    std::optional<Experiment> experiment(const QString &experimentId, MlError *error);
    std::optional<Experiment> experimentByName(const QString &name, MlError *error);
    std::optional<ExperimentPage> searchExperiments(const ExperimentQuery &query, MlError *error);
    bool renameExperiment(const QString &experimentId, const QString &newName, MlError *error);
    // Deleting an experiment deletes its runs (softly, as MLflow); restoring restores them.
    bool deleteExperiment(const QString &experimentId, MlError *error);
    bool restoreExperiment(const QString &experimentId, MlError *error);
    bool setExperimentTag(const QString &experimentId, const QString &key, const QString &value, MlError *error);

    std::optional<Run> createRun(const NewRun &run, MlError *error);
    std::optional<Run> run(const QString &runId, MlError *error);
    std::optional<RunInfo> updateRun(const QString &runId, const std::optional<QString> &status,
                                     const std::optional<int64_t> &endTime, const std::optional<QString> &runName,
                                     MlError *error);
    bool deleteRun(const QString &runId, MlError *error);
    bool restoreRun(const QString &runId, MlError *error);

    // Validates everything first (keys, values, MLflow's batch limits, a param logged again with
    // another value), then writes all of it or nothing.
    bool logBatch(const QString &runId, const std::vector<Metric> &metrics, const KeyValues &params,
                  const KeyValues &tags, MlError *error);
    bool logMetric(const QString &runId, const Metric &metric, MlError *error);
    bool logParam(const QString &runId, const QString &key, const QString &value, MlError *error);
    bool setTag(const QString &runId, const QString &key, const QString &value, MlError *error);
    bool deleteTag(const QString &runId, const QString &key, MlError *error);

    std::optional<MetricHistoryPage> metricHistory(const QString &runId, const QString &key, int maxResults,
                                                   const QString &pageToken, MlError *error);
    std::optional<RunPage> searchRuns(const RunQuery &query, MlError *error);

    // Writes what an importer read in one transaction; importing the same data again changes nothing.
    bool importRuns(const std::vector<ImportedExperiment> &experiments, const std::vector<ImportedRun> &runs,
                    RunImportResult *result, MlError *error);

    // MLflow's page tokens: base64 of {"offset": N}.
    static QString pageToken(int64_t offset);
    static std::optional<int64_t> pageOffset(const QString &token, MlError *error);

private:
    struct RunRow;
    std::optional<int64_t> experimentRowId(const QString &experimentId, MlError *error);
    std::optional<RunRow> runRow(const QString &runId, MlError *error);
    bool requireActiveRun(const QString &runId, RunRow *row, MlError *error);
    bool setExperimentLifecycle(const QString &experimentId, const char *stage, MlError *error);
    bool setRunLifecycle(const QString &runId, const char *stage, MlError *error);
    bool loadRunData(std::vector<Run> &runs, const std::vector<int64_t> &rowIds, MlError *error);
    bool dbError(MlError *error) const;
    QString generateRunName();
    int64_t now() const;

    store::SqliteDb &m_db;
    QString m_artifactRoot;
    std::function<int64_t()> m_now;
    uint32_t m_nameSeed = 0;
};

} // namespace costscope::ml
