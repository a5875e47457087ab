#include "providers/import/CsvReader.h"

#include <QIODevice>

#include <zlib.h>

#include <cstring>

namespace costscope::import {

namespace {
constexpr size_t kChunk = CsvReader::kBufferBytes;

// The bytes that end an unquoted field.
struct StopBytes
{
    bool stop[256] = {};
    constexpr StopBytes()
    {
        stop[static_cast<unsigned char>(',')] = true;
        stop[static_cast<unsigned char>('\n')] = true;
        stop[static_cast<unsigned char>('\r')] = true;
    }
};
constexpr StopBytes kStop;

// Eight bytes at a time: a word with 0x80 in (at least) the lowest byte equal to c (the classic
// "has zero byte" test; bytes above the first match may be flagged wrongly, so only the lowest
// flag is used).
constexpr uint64_t kOnes = 0x0101010101010101ULL;
inline uint64_t matches(uint64_t word, char c)
{
    const uint64_t x = word ^ (kOnes * static_cast<unsigned char>(c));
    return (x - kOnes) & ~x & (kOnes * 0x80);
}
inline uint64_t load8(const char *p)
{
    uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
}

// The first byte in [p, end) that is a comma or a line break, or end.
inline const char *unquotedEnd(const char *p, const char *end)
{
    while (end - p >= 8) {
        const uint64_t w = load8(p);
        const uint64_t m = matches(w, ',') | matches(w, '\n') | matches(w, '\r');
        if (m)
            return p + (__builtin_ctzll(m) >> 3);
        p += 8;
    }
    while (p < end && !kStop.stop[static_cast<unsigned char>(*p)])
        ++p;
    return p;
}

// The first quote or line feed in [p, end), or end.
inline const char *quotedEnd(const char *p, const char *end)
{
    while (end - p >= 8) {
        const uint64_t w = load8(p);
        const uint64_t m = matches(w, '"') | matches(w, '\n');
        if (m)
            return p + (__builtin_ctzll(m) >> 3);
        p += 8;
    }
    while (p < end && *p != '"' && *p != '\n')
        ++p;
    return p;
}
} // namespace

struct CsvReader::Inflater
{
    z_stream zs{};
    bool initialised = false;
    bool streamEnded = false; // the last gzip member ended cleanly
    ~Inflater()
    {
        if (initialised)
            inflateEnd(&zs);
    }
};

CsvReader::CsvReader(QIODevice *device, int64_t maxFieldBytes, int maxFields)
    : m_device(device), m_maxFieldBytes(maxFieldBytes), m_maxFields(maxFields)
{
    m_raw.resize(kChunk);
    m_buf.resize(kChunk);
    m_row.reserve(4096);
}

CsvReader::~CsvReader() = default;

bool CsvReader::fail(const QString &message, int column)
{
    if (m_error.isEmpty()) {
        m_errorLine = m_line;
        m_errorColumn = column;
        m_error = column > 0 ? QStringLiteral("line %1, column %2: %3").arg(m_line).arg(column).arg(message)
                             : QStringLiteral("line %1: %2").arg(m_line).arg(message);
    }
    m_eof = true;
    return false;
}

bool CsvReader::fill()
{
    if (m_eof)
        return false;
    if (!m_started) {
        m_started = true;
        // Sniff the gzip magic without consuming it from a sequential device.
        qint64 got = 0;
        // At least three bytes, if there are, to see a byte-order mark a slow device splits.
        for (;;) {
            const qint64 part = m_device->read(m_raw.data() + got, static_cast<qint64>(m_raw.size()) - got);
            if (part < 0)
                return fail(QStringLiteral("read error: %1").arg(m_device->errorString()), 0);
            got += part;
            if (part == 0 || got >= 3)
                break;
        }
        m_deviceBytes += got;
        m_gzip = got >= 2 && static_cast<unsigned char>(m_raw[0]) == 0x1f
                 && static_cast<unsigned char>(m_raw[1]) == 0x8b;
        if (m_gzip) {
            m_inflater = std::make_unique<Inflater>();
            if (inflateInit2(&m_inflater->zs, 16 + MAX_WBITS) != Z_OK)
                return fail(QStringLiteral("cannot start gzip decompression"), 0);
            m_inflater->initialised = true;
            m_inflater->zs.next_in = reinterpret_cast<Bytef *>(m_raw.data());
            m_inflater->zs.avail_in = static_cast<uInt>(got);
        } else {
            if (got == 0) {
                m_eof = true;
                return false;
            }
            std::memcpy(m_buf.data(), m_raw.data(), static_cast<size_t>(got));
            m_pos = 0;
            m_end = static_cast<size_t>(got);
            // Drop a UTF-8 byte-order mark.
            if (m_end >= 3 && std::memcmp(m_buf.data(), "\xEF\xBB\xBF", 3) == 0)
                m_pos = 3;
            return m_pos < m_end || fill();
        }
    }
    if (!m_gzip) {
        const qint64 got = m_device->read(m_buf.data(), static_cast<qint64>(m_buf.size()));
        if (got < 0)
            return fail(QStringLiteral("read error: %1").arg(m_device->errorString()), 0);
        if (got == 0) {
            m_eof = true;
            return false;
        }
        m_deviceBytes += got;
        m_pos = 0;
        m_end = static_cast<size_t>(got);
        return true;
    }
    // gzip: inflate until some output appears. Until the first three bytes of text are known (the
    // first output can be shorter when the compressed bytes come a few at a time), output is kept
    // and added to, so a byte-order mark is recognised however it was split.
    z_stream &zs = m_inflater->zs;
    size_t kept = 0;
    const auto startsLikeBom = [this](size_t n) {
        return std::memcmp(m_buf.data(), "\xEF\xBB\xBF", std::min<size_t>(n, 3)) == 0;
    };
    for (;;) {
        if (zs.avail_in == 0) {
            const qint64 got = m_device->read(m_raw.data(), static_cast<qint64>(m_raw.size()));
            if (got < 0)
                return fail(QStringLiteral("read error: %1").arg(m_device->errorString()), 0);
            if (got == 0) {
                if (!m_inflater->streamEnded)
                    return fail(QStringLiteral("the gzip data is truncated (it ends before its end marker)"), 0);
                if (kept > 0) { // text shorter than a byte-order mark
                    m_bomDecided = true;
                    m_pos = 0;
                    m_end = kept;
                    return true;
                }
                m_eof = true;
                return false;
            }
            m_deviceBytes += got;
            zs.next_in = reinterpret_cast<Bytef *>(m_raw.data());
            zs.avail_in = static_cast<uInt>(got);
        }
        if (m_inflater->streamEnded) {
            // Another gzip member follows (concatenated .gz files).
            if (inflateReset(&zs) != Z_OK)
                return fail(QStringLiteral("the gzip data is corrupt"), 0);
            m_inflater->streamEnded = false;
        }
        zs.next_out = reinterpret_cast<Bytef *>(m_buf.data() + kept);
        zs.avail_out = static_cast<uInt>(m_buf.size() - kept);
        const int rc = inflate(&zs, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            m_inflater->streamEnded = true;
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            return fail(QStringLiteral("the gzip data is corrupt (%1)")
                            .arg(QString::fromLatin1(zs.msg ? zs.msg : "inflate failed")),
                        0);
        }
        const size_t produced = m_buf.size() - zs.avail_out;
        if (produced == 0)
            continue;
        m_pos = 0;
        if (!m_bomDecided) {
            if (produced < 3 && startsLikeBom(produced)) {
                kept = produced; // maybe the start of a byte-order mark: wait for more
                continue;
            }
            m_bomDecided = true;
            if (produced >= 3 && startsLikeBom(3))
                m_pos = 3;
        }
        m_end = produced;
        kept = 0;
        if (m_pos < m_end)
            return true;
    }
}

bool CsvReader::readRowInBuffer()
{
    const char *buf = m_buf.data();
    const size_t end = m_end;
    size_t p = m_pos;
    m_row.clear();
    m_fields.clear();
    if (p >= end || buf[p] == '\n' || buf[p] == '\r')
        return false; // a refill or a blank line: the slow path
    for (;;) {
        if (static_cast<int>(m_fields.size()) >= m_maxFields || p >= end)
            return false;
        Field f{};
        if (buf[p] == '"') {
            const size_t rowStart = m_row.size();
            size_t q = p + 1;
            size_t segment = q;
            bool escaped = false;
            for (;;) {
                q = static_cast<size_t>(quotedEnd(buf + q, buf + end) - buf);
                if (q + 1 >= end || buf[q] == '\n')
                    return false; // the buffer's end, or a line break inside the quotes
                if (buf[q + 1] != '"')
                    break; // the closing quote
                m_row.insert(m_row.end(), buf + segment, buf + q + 1); // "" -> "
                q += 2;
                segment = q;
                escaped = true;
            }
            const char after = buf[q + 1];
            if (after != ',' && after != '\n' && after != '\r')
                return false; // text after the closing quote
            if (escaped) {
                m_row.insert(m_row.end(), buf + segment, buf + q);
                f = Field{rowStart, m_row.size() - rowStart, true};
            } else {
                f = Field{p + 1, q - p - 1, false};
            }
            p = q + 1;
        } else {
            const size_t q = static_cast<size_t>(unquotedEnd(buf + p, buf + end) - buf);
            if (q >= end)
                return false;
            f = Field{p, q - p, false};
            p = q;
        }
        if (static_cast<int64_t>(f.size) > m_maxFieldBytes)
            return false;
        m_fields.push_back(f);
        const char c = buf[p];
        if (c == ',') {
            ++p;
            continue;
        }
        if (c == '\r') {
            if (p + 1 >= end)
                return false;
            if (buf[p + 1] == '\n')
                ++p;
        }
        ++p; // the line break
        break;
    }
    m_pos = p;
    m_rowLine = m_line;
    ++m_line;
    return true;
}

bool CsvReader::readRow()
{
    if (hasError())
        return false;
    if (readRowInBuffer())
        return true;
    for (;;) {
        m_row.clear();
        m_fields.clear();
        if (m_eof && m_pos >= m_end)
            return false;
        int c = peek();
        if (c < 0)
            return false;
        m_rowLine = m_line;
        bool blankLine = true;
        for (;;) {
            // One field.
            const size_t fieldStart = m_row.size();
            const int column = static_cast<int>(m_fields.size()) + 1;
            if (column > m_maxFields)
                return fail(QStringLiteral("more than %1 columns in one row").arg(m_maxFields), column);
            c = next();
            if (c == '"') {
                blankLine = false;
                const int64_t quoteLine = m_line;
                for (;;) {
                    // Fast path: copy up to the next quote or newline within the buffer.
                    const char *start = m_buf.data() + m_pos;
                    const char *stop = m_buf.data() + m_end;
                    const char *p = start;
                    while (p < stop && *p != '"' && *p != '\n')
                        ++p;
                    m_row.insert(m_row.end(), start, p);
                    m_pos += static_cast<size_t>(p - start);
                    if (static_cast<int64_t>(m_row.size() - fieldStart) > m_maxFieldBytes)
                        return fail(QStringLiteral("a field is longer than %1 bytes").arg(m_maxFieldBytes), column);
                    c = next();
                    if (c < 0) {
                        if (hasError())
                            return false;
                        m_line = quoteLine;
                        return fail(QStringLiteral("unterminated quoted field (expected a closing '\"')"), column);
                    }
                    if (c != '"') {
                        // A line break inside the quotes, or the first byte of a refilled buffer.
                        if (c == '\n')
                            ++m_line;
                        m_row.push_back(static_cast<char>(c));
                        continue;
                    }
                    if (peek() == '"') {
                        next();
                        m_row.push_back('"');
                        continue;
                    }
                    break;
                }
                c = next();
                // Text after the closing quote ("ab"cd) is kept, as Python's csv module and
                // spreadsheets read it.
                while (c >= 0 && c != ',' && c != '\n' && c != '\r') {
                    m_row.push_back(static_cast<char>(c));
                    if (static_cast<int64_t>(m_row.size() - fieldStart) > m_maxFieldBytes)
                        return fail(QStringLiteral("a field is longer than %1 bytes").arg(m_maxFieldBytes), column);
                    c = next();
                }
            } else {
                // Unquoted: everything up to a comma or a line break (a stray quote is kept).
                while (c >= 0 && c != ',' && c != '\n' && c != '\r') {
                    blankLine = false;
                    m_row.push_back(static_cast<char>(c));
                    const char *start = m_buf.data() + m_pos;
                    const char *stop = m_buf.data() + m_end;
                    const char *p = start;
                    while (p < stop && *p != ',' && *p != '\n' && *p != '\r')
                        ++p;
                    m_row.insert(m_row.end(), start, p);
                    m_pos += static_cast<size_t>(p - start);
                    if (static_cast<int64_t>(m_row.size() - fieldStart) > m_maxFieldBytes)
                        return fail(QStringLiteral("a field is longer than %1 bytes").arg(m_maxFieldBytes), column);
                    c = next();
                }
            }
            if (hasError())
                return false;
            m_fields.push_back(Field{fieldStart, m_row.size() - fieldStart, true});
            if (c == ',') {
                blankLine = false;
                continue;
            }
            if (c == '\r') {
                if (peek() == '\n')
                    next();
                if (hasError())
                    return false;
            }
            if (c == '\r' || c == '\n')
                ++m_line;
            break; // end of record (or of input)
        }
        if (blankLine)
            continue;
        return true;
    }
}

} // namespace costscope::import
