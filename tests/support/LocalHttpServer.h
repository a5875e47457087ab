#pragma once

// A small HTTP/1.1 server on 127.0.0.1 for provider tests. It runs on its own thread (the HTTP
// client under test blocks), answers each request with the next scripted response (or a handler),
// closes the connection after each response, and records what it received so tests can check
// methods, paths, headers, bodies and signatures. It can throttle, fail, hang, truncate bodies,
// stall mid-body and serve gzip or malformed bodies.

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace costscope::testsupport {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

struct RecordedRequest
{
    QByteArray method;
    QByteArray target; // path and query as sent
    QByteArray path;
    QByteArray query;
    HeaderList headers;
    QByteArray body;

    // Case-insensitive; the last value when repeated; empty when absent.
    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
};

struct ScriptedResponse
{
    enum class Action {
        Respond,              // status, headers, body
        Hang,                 // read the request, never answer (until the client gives up)
        Truncate,             // declare declaredLength bytes, send body (shorter), close
        StallBody,            // declare declaredLength bytes, send body, then wait without closing
        CloseWithoutResponse, // close the connection at once
    };
    Action action = Action::Respond;
    int status = 200;
    HeaderList headers;
    QByteArray body;
    qint64 declaredLength = -1;

    static ScriptedResponse ok(const QByteArray &body, const QByteArray &contentType = "application/json");
    static ScriptedResponse status_(int status, const QByteArray &body = {});
    static ScriptedResponse throttled(const QByteArray &retryAfter); // 429 with Retry-After (if non-empty)
    static ScriptedResponse gzipped(const QByteArray &plainBody);
    static ScriptedResponse hang();
    static ScriptedResponse truncated(const QByteArray &body, qint64 declaredLength);
    static ScriptedResponse stallAfter(const QByteArray &partialBody, qint64 declaredLength);
    static ScriptedResponse closeWithoutResponse();
};

class LocalHttpServer
{
public:
    using Handler = std::function<ScriptedResponse(const RecordedRequest &)>;

    LocalHttpServer();
    ~LocalHttpServer();
    LocalHttpServer(const LocalHttpServer &) = delete;
    LocalHttpServer &operator=(const LocalHttpServer &) = delete;

    bool start(); // listens on 127.0.0.1 on a free port
    void stop();
    quint16 port() const { return m_port; }
    QUrl url(const QString &pathAndQuery) const;

    void enqueue(const ScriptedResponse &response); // FIFO, one per request
    void setHandler(Handler handler);               // used when the queue is empty
    QList<RecordedRequest> requests() const;
    int requestCount() const;
    bool partialBodySent() const { return m_partialSent.load(); }

private:
    void run();
    void serve(int fd);
    bool waitForPeerOrStop(int fd);

    int m_listenFd = -1;
    quint16 m_port = 0;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_partialSent{false};
    mutable std::mutex m_mutex;
    std::deque<ScriptedResponse> m_queue;
    Handler m_handler;
    QList<RecordedRequest> m_requests;
};

// gzip (RFC 1952) of data, for scripted compressed bodies.
QByteArray gzipCompress(const QByteArray &data);

} // namespace costscope::testsupport
