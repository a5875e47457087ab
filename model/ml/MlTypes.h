#pragma once

// The entities of the MLflow tracking model as Costscope stores them: experiments, runs, their
// params, tags and metric points, and the errors the tracking API reports.

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace costscope::ml {

using KeyValues = QList<QPair<QString, QString>>; // key, value

// An MLflow error: the code names the kind (as in MLflow's ErrorCode), the message says what.
struct MlError
{
    enum class Code { None, InvalidParameter, NotFound, AlreadyExists, Internal };
    Code code = Code::None;
    QString message;

    // "INVALID_PARAMETER_VALUE", "RESOURCE_DOES_NOT_EXIST", ...
    QString codeName() const;
    // 400, 404, 500 (Internal means the store itself failed, never bad input).
    int httpStatus() const;
};

inline constexpr const char *kActive = "active";
inline constexpr const char *kDeleted = "deleted";

enum class ViewType { ActiveOnly, DeletedOnly, All };

struct Experiment
{
    QString experimentId; // decimal, "0" is Default
    QString name;
    QString artifactLocation;
    QString lifecycleStage = QStringLiteral("active");
    int64_t creationTime = 0;   // ms since epoch
    int64_t lastUpdateTime = 0; // ms since epoch
    KeyValues tags;
};

struct Metric
{
    QString key;
    double value = 0; // may be NaN or +-infinity
    int64_t timestamp = 0; // ms since epoch
    int64_t step = 0;
};

struct RunInfo
{
    QString runId; // 32 lowercase hex digits for runs made here; imported runs keep theirs
    QString experimentId;
    QString runName;
    QString userId;
    QString status = QStringLiteral("RUNNING"); // RUNNING, SCHEDULED, FINISHED, FAILED, KILLED
    int64_t startTime = 0;
    std::optional<int64_t> endTime;
    QString artifactUri;
    QString lifecycleStage = QStringLiteral("active");
};

struct Run
{
    RunInfo info;
    std::vector<Metric> metrics; // the latest point of each key
    KeyValues params;
    KeyValues tags;

    QString param(const QString &key, bool *found = nullptr) const;
    QString tag(const QString &key, bool *found = nullptr) const;
    const Metric *metric(const QString &key) const;
};

} // namespace costscope::ml
