#pragma once

// MLflow's tracking REST API (/api/2.0/mlflow/... and /ajax-api/2.0/mlflow/...) over a RunStore:
// one request in, one JSON response out. No sockets here (TrackingServer does HTTP), so tests can
// drive every endpoint and error path directly.

#include <QByteArray>

namespace costscope::ml {

class RunStore;
class RunWriteObserver;

struct ApiResponse
{
    int status = 200;
    QByteArray body; // JSON
};

class MlflowApi
{
public:
    explicit MlflowApi(RunStore &store) : m_store(store) {}

    // method: "GET", "POST", ...; path without the query; query: the raw query string (GET
    // parameters); body: the request body (POST parameters, JSON).
    ApiResponse handle(const QByteArray &method, const QByteArray &path, const QByteArray &query,
                       const QByteArray &body);

    // Whether a path is one this API serves (under either prefix).
    static bool isApiPath(const QByteArray &path);

    // Told the run id after each successful write to a run (create, update, log-*, set-tag,
    // delete-tag), once the write is committed; e.g. the budgeted-sweep monitor. Not owned.
    void setRunWriteObserver(RunWriteObserver *observer) { m_observer = observer; }

private:
    RunStore &m_store;
    RunWriteObserver *m_observer = nullptr;
};

// {"error_code": code, "message": message}
QByteArray mlflowErrorBody(const QString &code, const QString &message);

} // namespace costscope::ml
