// Reads an MLflow SQLite tracking store (mlflow.db), opened read-only. Its schema changes with
// MLflow versions (alembic revisions); a revision this reader does not know is refused.

#include "providers/ml/RunImport.h"

#include "model/ml/MlValidation.h"
#include "model/store/SqliteDb.h"

#include <QFileInfo>
#include <QHash>
#include <QSet>

#include <cmath>
#include <limits>

namespace costscope::ml {

using store::SqliteDb;
using store::Statement;

QStringList knownMlflowDbRevisions()
{
    // Revisions of MLflow 1.x to 2.x and early 3.x whose experiments, runs, metrics, params,
    // tags and experiment_tags tables have the columns read below.
    return {QStringLiteral("451aebb31d03"), QStringLiteral("90e64c465722"), QStringLiteral("181f10493468"),
            QStringLiteral("df50e92ffc5e"), QStringLiteral("7ac759974ad8"), QStringLiteral("89d4b8295536"),
            QStringLiteral("2b4d017a5e9b"), QStringLiteral("cfd24bdc0731"), QStringLiteral("0a8213491aaa"),
            QStringLiteral("728d730b5ebd"), QStringLiteral("27a6a02d2cf1"), QStringLiteral("84291f40a231"),
            QStringLiteral("a8c4a736bde6"), QStringLiteral("39d1c3be5f05"), QStringLiteral("c48cb773bb87"),
            QStringLiteral("bd07f7e963c5"), QStringLiteral("0c779009ac13"), QStringLiteral("cc1f77228345"),
            QStringLiteral("97727af70f4d"), QStringLiteral("3500859a5d39"), QStringLiteral("7f2a7d5fae7d"),
            QStringLiteral("2d6e25af4d3e"), QStringLiteral("0584bdc529eb"), QStringLiteral("867495a8f9d4"),
            QStringLiteral("5b0e9adcef9c"), QStringLiteral("4465047574b1"), QStringLiteral("f5a4f2784254"),
            QStringLiteral("acf3f17fdcc7"), QStringLiteral("6953534de441"), QStringLiteral("400f98739977"),
            QStringLiteral("534353b11cbc"), QStringLiteral("770bee3ae1dd"), QStringLiteral("71994744cf8e"),
            QStringLiteral("1a0cddfcaa16"), QStringLiteral("bf29a5ff90ea"), QStringLiteral("3da73c924c2f"),
            QStringLiteral("6dca653c92e6"), QStringLiteral("a1b2c3d4e5f6"), QStringLiteral("0e7f11fcd8ac")};
}

namespace {

bool hasColumn(SqliteDb &db, const char *table, const char *column)
{
    Statement st(db, QStringLiteral("SELECT 1 FROM pragma_table_info('%1') WHERE name = ?").arg(QLatin1String(table)));
    st.bind(1, QString::fromLatin1(column));
    return st.next();
}

} // namespace

bool readMlflowDb(const QString &path, RunImportBatch *batch, QString *error)
{
    batch->format = QStringLiteral("MLflow SQLite store");
    if (!QFileInfo(path).isFile()) {
        *error = QStringLiteral("%1: no such file").arg(path);
        return false;
    }
    SqliteDb db;
    QString openError;
    if (!db.open(path, SqliteDb::Mode::ReadOnly, &openError)) {
        *error = QStringLiteral("%1: cannot open as SQLite: %2").arg(path, openError);
        return false;
    }
    Statement version(db, "SELECT version_num FROM alembic_version");
    if (!version.next()) {
        *error = QStringLiteral("%1: not an MLflow store (no alembic_version: %2)")
                     .arg(path, version.ok() ? QStringLiteral("empty") : version.error());
        return false;
    }
    const QString revision = version.columnText(0);
    if (!knownMlflowDbRevisions().contains(revision)) {
        *error = QStringLiteral("%1: MLflow schema revision '%2' is not one this version of Costscope knows; "
                                "export the runs with an MLflow client or use a supported MLflow version")
                     .arg(path, revision.left(40));
        return false;
    }
    for (const char *table : {"experiments", "runs", "metrics", "params", "tags"}) {
        Statement probe(db, QStringLiteral("SELECT 1 FROM %1 LIMIT 1").arg(QLatin1String(table)));
        probe.next();
        if (!probe.ok()) {
            *error = QStringLiteral("%1: table '%2' is missing or unreadable: %3")
                         .arg(path, QLatin1String(table), probe.error());
            return false;
        }
    }
    const bool creationTime = hasColumn(db, "experiments", "creation_time");
    const bool experimentTags = hasColumn(db, "experiment_tags", "key");
    const bool runName = hasColumn(db, "runs", "name");
    const bool isNan = hasColumn(db, "metrics", "is_nan");

    QHash<int64_t, QString> experimentNames;
    QHash<int64_t, size_t> experimentIndex;
    Statement exps(db, QStringLiteral("SELECT experiment_id, name, artifact_location, lifecycle_stage, %1 "
                                      "FROM experiments ORDER BY experiment_id")
                           .arg(creationTime ? QStringLiteral("creation_time") : QStringLiteral("0")));
    while (exps.next()) {
        ImportedExperiment e;
        e.name = exps.columnText(1);
        e.artifactLocation = exps.columnText(2);
        e.lifecycleStage = exps.columnText(3).isEmpty() ? QStringLiteral("active") : exps.columnText(3);
        e.creationTime = exps.columnInt(4);
        experimentNames.insert(exps.columnInt(0), e.name);
        experimentIndex.insert(exps.columnInt(0), batch->experiments.size());
        batch->experiments.push_back(e);
    }
    if (!exps.ok()) {
        *error = QStringLiteral("%1: reading experiments: %2").arg(path, exps.error());
        return false;
    }
    if (experimentTags) {
        Statement tags(db, "SELECT experiment_id, key, value FROM experiment_tags ORDER BY experiment_id, key");
        while (tags.next())
            if (auto it = experimentIndex.constFind(tags.columnInt(0)); it != experimentIndex.cend())
                batch->experiments[*it].tags.append({tags.columnText(1), tags.columnText(2)});
    }

    QHash<QString, size_t> runIndex;
    Statement runs(db, QStringLiteral("SELECT run_uuid, experiment_id, %1, user_id, status, start_time, end_time, "
                                      "lifecycle_stage, artifact_uri FROM runs ORDER BY start_time, run_uuid")
                           .arg(runName ? QStringLiteral("name") : QStringLiteral("''")));
    while (runs.next()) {
        ImportedRun r;
        r.info.runId = runs.columnText(0);
        const int64_t expId = runs.columnInt(1);
        if (!experimentNames.contains(expId)) {
            *error = QStringLiteral("%1: run %2 names experiment %3, which is not in the experiments table")
                         .arg(path, r.info.runId)
                         .arg(expId);
            return false;
        }
        r.experimentName = experimentNames.value(expId);
        r.info.runName = runs.columnText(2);
        r.info.userId = runs.columnText(3);
        r.info.status = runs.columnText(4);
        if (!isRunStatus(r.info.status)) {
            *error = QStringLiteral("%1: run %2 has an unknown status '%3'").arg(path, r.info.runId, r.info.status.left(20));
            return false;
        }
        r.info.startTime = runs.columnInt(5);
        if (!runs.columnIsNull(6))
            r.info.endTime = runs.columnInt(6);
        r.info.lifecycleStage = runs.columnText(7).isEmpty() ? QStringLiteral("active") : runs.columnText(7);
        r.info.artifactUri = runs.columnText(8);
        runIndex.insert(r.info.runId, batch->runs.size());
        batch->runs.push_back(std::move(r));
    }
    if (!runs.ok()) {
        *error = QStringLiteral("%1: reading runs: %2").arg(path, runs.error());
        return false;
    }
    auto readPairs = [&](const char *table, KeyValues ImportedRun::*member) {
        Statement st(db, QStringLiteral("SELECT run_uuid, key, value FROM %1 ORDER BY run_uuid, key").arg(QLatin1String(table)));
        while (st.next())
            if (auto it = runIndex.constFind(st.columnText(0)); it != runIndex.cend())
                (batch->runs[*it].*member).append({st.columnText(1), st.columnText(2)});
        if (!st.ok())
            *error = QStringLiteral("%1: reading %2: %3").arg(path, QLatin1String(table), st.error());
        return st.ok();
    };
    if (!readPairs("params", &ImportedRun::params) || !readPairs("tags", &ImportedRun::tags))
        return false;
    Statement metrics(db, QStringLiteral("SELECT run_uuid, key, value, timestamp, step, %1 FROM metrics "
                                         "ORDER BY run_uuid, key, step, timestamp")
                              .arg(isNan ? QStringLiteral("is_nan") : QStringLiteral("0")));
    while (metrics.next()) {
        auto it = runIndex.constFind(metrics.columnText(0));
        if (it == runIndex.cend())
            continue;
        Metric m;
        m.key = metrics.columnText(1);
        m.value = metrics.columnInt(5) != 0 || metrics.columnIsNull(2) ? std::numeric_limits<double>::quiet_NaN()
                                                                       : metrics.columnDouble(2);
        m.timestamp = metrics.columnInt(3);
        m.step = metrics.columnInt(4);
        batch->runs[*it].history.push_back(m);
    }
    if (!metrics.ok()) {
        *error = QStringLiteral("%1: reading metrics: %2").arg(path, metrics.error());
        return false;
    }
    for (ImportedRun &r : batch->runs)
        if (r.info.runName.isEmpty())
            for (const auto &t : r.tags)
                if (t.first == u"mlflow.runName")
                    r.info.runName = t.second;
    return true;
}

} // namespace costscope::ml
