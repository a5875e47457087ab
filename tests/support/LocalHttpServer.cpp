#include "support/LocalHttpServer.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <cstring>

namespace costscope::testsupport {

namespace {

QByteArray reasonFor(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Status";
    }
}

bool sendAll(int fd, const QByteArray &data)
{
    qsizetype sent = 0;
    while (sent < data.size()) {
        const ssize_t n = ::send(fd, data.constData() + sent, static_cast<size_t>(data.size() - sent), MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        sent += n;
    }
    return true;
}

} // namespace

QByteArray RecordedRequest::header(const QByteArray &name) const
{
    QByteArray value;
    for (const auto &[n, v] : headers) {
        if (n.compare(name, Qt::CaseInsensitive) == 0)
            value = v;
    }
    return value;
}

bool RecordedRequest::hasHeader(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

ScriptedResponse ScriptedResponse::ok(const QByteArray &body, const QByteArray &contentType)
{
    ScriptedResponse r;
    r.body = body;
    r.headers.append({QByteArray("Content-Type"), QByteArray(contentType)});
    return r;
}

ScriptedResponse ScriptedResponse::status_(int status, const QByteArray &body)
{
    ScriptedResponse r;
    r.status = status;
    r.body = body;
    if (!body.isEmpty())
        r.headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
    return r;
}

ScriptedResponse ScriptedResponse::throttled(const QByteArray &retryAfter)
{
    ScriptedResponse r;
    r.status = 429;
    r.body = R"({"error":"throttled"})";
    if (!retryAfter.isEmpty())
        r.headers.append({QByteArray("Retry-After"), QByteArray(retryAfter)});
    return r;
}

ScriptedResponse ScriptedResponse::gzipped(const QByteArray &plainBody)
{
    ScriptedResponse r;
    r.body = gzipCompress(plainBody);
    r.headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
    r.headers.append({QByteArray("Content-Encoding"), QByteArray("gzip")});
    return r;
}

ScriptedResponse ScriptedResponse::hang()
{
    ScriptedResponse r;
    r.action = Action::Hang;
    return r;
}

ScriptedResponse ScriptedResponse::truncated(const QByteArray &body, qint64 declaredLength)
{
    ScriptedResponse r;
    r.action = Action::Truncate;
    r.body = body;
    r.declaredLength = declaredLength;
    return r;
}

ScriptedResponse ScriptedResponse::stallAfter(const QByteArray &partialBody, qint64 declaredLength)
{
    ScriptedResponse r;
    r.action = Action::StallBody;
    r.body = partialBody;
    r.declaredLength = declaredLength;
    return r;
}

ScriptedResponse ScriptedResponse::closeWithoutResponse()
{
    ScriptedResponse r;
    r.action = Action::CloseWithoutResponse;
    return r;
}

LocalHttpServer::LocalHttpServer() = default;

LocalHttpServer::~LocalHttpServer()
{
    stop();
}

bool LocalHttpServer::start()
{
    m_listenFd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_listenFd < 0)
        return false;
    const int one = 1;
    ::setsockopt(m_listenFd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(m_listenFd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || ::listen(m_listenFd, 16) != 0)
        return false;
    socklen_t len = sizeof addr;
    ::getsockname(m_listenFd, reinterpret_cast<sockaddr *>(&addr), &len);
    m_port = ntohs(addr.sin_port);
    m_thread = std::thread([this] { run(); });
    return true;
}

void LocalHttpServer::stop()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
    if (m_listenFd >= 0) {
        ::close(m_listenFd);
        m_listenFd = -1;
    }
}

QUrl LocalHttpServer::url(const QString &pathAndQuery) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(pathAndQuery));
}

void LocalHttpServer::enqueue(const ScriptedResponse &response)
{
    std::lock_guard lock(m_mutex);
    m_queue.push_back(response);
}

void LocalHttpServer::setHandler(Handler handler)
{
    std::lock_guard lock(m_mutex);
    m_handler = std::move(handler);
}

QList<RecordedRequest> LocalHttpServer::requests() const
{
    std::lock_guard lock(m_mutex);
    return m_requests;
}

int LocalHttpServer::requestCount() const
{
    std::lock_guard lock(m_mutex);
    return static_cast<int>(m_requests.size());
}

void LocalHttpServer::run()
{
    while (!m_stop) {
        pollfd p{m_listenFd, POLLIN, 0};
        if (::poll(&p, 1, 20) <= 0)
            continue;
        const int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0)
            continue;
        serve(fd);
        ::close(fd);
    }
}

// Waits until the peer closes the connection or the server stops; true when the peer closed.
bool LocalHttpServer::waitForPeerOrStop(int fd)
{
    while (!m_stop) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 20) > 0) {
            char buf[4096];
            if (::recv(fd, buf, sizeof buf, 0) <= 0)
                return true;
        }
    }
    return false;
}

void LocalHttpServer::serve(int fd)
{
    QByteArray data;
    qsizetype headerEnd = -1;
    char buf[16384];
    while ((headerEnd = data.indexOf("\r\n\r\n")) < 0) {
        pollfd p{fd, POLLIN, 0};
        if (m_stop)
            return;
        if (::poll(&p, 1, 20) <= 0)
            continue;
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0)
            return;
        data.append(buf, n);
    }
    RecordedRequest request;
    const QList<QByteArray> lines = data.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request.method = requestLine.value(0);
    request.target = requestLine.value(1);
    const qsizetype q = request.target.indexOf('?');
    request.path = q < 0 ? request.target : request.target.left(q);
    request.query = q < 0 ? QByteArray() : request.target.mid(q + 1);
    qint64 contentLength = 0;
    bool expectContinue = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed();
        const QByteArray value = line.mid(colon + 1).trimmed();
        request.headers.append({name, value});
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
            contentLength = value.toLongLong();
        if (name.compare("Expect", Qt::CaseInsensitive) == 0 && value.compare("100-continue", Qt::CaseInsensitive) == 0)
            expectContinue = true;
    }
    if (expectContinue)
        sendAll(fd, "HTTP/1.1 100 Continue\r\n\r\n");
    request.body = data.mid(headerEnd + 4);
    while (request.body.size() < contentLength && !m_stop) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 20) <= 0)
            continue;
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0)
            return;
        request.body.append(buf, n);
    }

    ScriptedResponse response;
    {
        std::unique_lock lock(m_mutex);
        m_requests.append(request);
        if (!m_queue.empty()) {
            response = m_queue.front();
            m_queue.pop_front();
        } else if (m_handler) {
            Handler handler = m_handler;
            lock.unlock();
            response = handler(request);
        } else {
            response = ScriptedResponse::status_(404, R"({"error":"no scripted response"})");
        }
    }

    switch (response.action) {
    case ScriptedResponse::Action::CloseWithoutResponse:
        return;
    case ScriptedResponse::Action::Hang:
        waitForPeerOrStop(fd);
        return;
    case ScriptedResponse::Action::Respond:
    case ScriptedResponse::Action::Truncate:
    case ScriptedResponse::Action::StallBody:
        break;
    }
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonFor(response.status) + "\r\n";
    for (const auto &[name, value] : std::as_const(response.headers))
        head += name + ": " + value + "\r\n";
    const qint64 length = response.declaredLength >= 0 ? response.declaredLength : response.body.size();
    head += "Content-Length: " + QByteArray::number(length) + "\r\nConnection: close\r\n\r\n";
    if (!sendAll(fd, head + response.body))
        return;
    if (response.action == ScriptedResponse::Action::StallBody) {
        m_partialSent = true;
        waitForPeerOrStop(fd);
    }
}

QByteArray gzipCompress(const QByteArray &data)
{
    z_stream stream{};
    if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out(static_cast<qsizetype>(deflateBound(&stream, static_cast<uLong>(data.size())) + 32), '\0');
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(static_cast<qsizetype>(stream.total_out));
    deflateEnd(&stream);
    return out;
}

} // namespace costscope::testsupport
