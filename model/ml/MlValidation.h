#pragma once

// MLflow's validation rules and limits (mlflow/utils/validation.py), so that what the tracking
// endpoint accepts and refuses is what an MLflow server would.

#include "model/ml/MlTypes.h"

#include <QString>

namespace costscope::ml::limits {

inline constexpr int kMaxEntityKeyLength = 250;
inline constexpr int kMaxParamValueLength = 6000;
inline constexpr int kMaxTagValueLength = 8000;
inline constexpr int kMaxExperimentTagValueLength = 5000;
inline constexpr int kMaxExperimentNameLength = 500;
inline constexpr int kMaxMetricsPerBatch = 1000;
inline constexpr int kMaxParamsTagsPerBatch = 100;
inline constexpr int kMaxEntitiesPerBatch = 1000;
inline constexpr int kSearchMaxResultsDefault = 1000;
inline constexpr int kSearchMaxResultsThreshold = 50000;
inline constexpr int kMetricHistoryMaxResults = 25000;

} // namespace costscope::ml::limits

namespace costscope::ml {

// A metric, param or tag key: letters, digits, '_', '-', '.', ' ', '/', at most 250 characters,
// and not a path that would resolve to another name ("..", "/x", "a//b"). `what` is "metric",
// "param" or "tag" for the message.
bool validateKey(const QString &key, const char *what, MlError *error);
bool validateParamValue(const QString &key, const QString &value, MlError *error);
bool validateTagValue(const QString &key, const QString &value, MlError *error);
bool validateExperimentName(const QString &name, MlError *error);
// RUNNING, SCHEDULED, FINISHED, FAILED, KILLED.
bool isRunStatus(const QString &status);

bool setError(MlError *error, MlError::Code code, const QString &message);

} // namespace costscope::ml
