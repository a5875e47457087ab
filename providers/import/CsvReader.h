#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

class QIODevice;

namespace costscope::import {

// A streaming RFC 4180 reader: quoted fields with "" escapes and line breaks, CRLF or LF,
// a UTF-8 byte-order mark, and gzip input (detected by its magic bytes, inflated with zlib
// as it is read). Memory stays bounded: a field longer than maxFieldBytes, or a row with
// more than maxFields fields, is an error rather than an allocation.
class CsvReader
{
public:
    static constexpr int64_t kDefaultMaxFieldBytes = 1 << 20;
    static constexpr int kDefaultMaxFields = 4096;
    // Bytes read (or inflated) at a time; a record that lies wholly inside one such buffer is
    // split in place, without copying its unescaped fields.
    static constexpr size_t kBufferBytes = 1024 * 1024;

    explicit CsvReader(QIODevice *device, int64_t maxFieldBytes = kDefaultMaxFieldBytes,
                       int maxFields = kDefaultMaxFields);
    ~CsvReader();
    CsvReader(const CsvReader &) = delete;
    CsvReader &operator=(const CsvReader &) = delete;

    // Reads the next record; false at the end of input or on an error (see hasError()).
    // Blank lines are skipped.
    bool readRow();

    int fieldCount() const { return static_cast<int>(m_fields.size()); }
    // Valid until the next readRow().
    QByteArrayView field(int index) const
    {
        const Field &f = m_fields[static_cast<size_t>(index)];
        return QByteArrayView((f.inRow ? m_row.data() : m_buf.data()) + f.begin, static_cast<qsizetype>(f.size));
    }

    bool hasError() const { return !m_error.isEmpty(); }
    // "line L, column C: what went wrong" (no file name; callers add it).
    QString error() const { return m_error; }
    int64_t errorLine() const { return m_errorLine; }
    int errorColumn() const { return m_errorColumn; }

    // First physical line (1-based) of the record last read.
    int64_t rowLine() const { return m_rowLine; }
    // Bytes read from the device so far (compressed bytes for gzip), for progress.
    int64_t deviceBytesRead() const { return m_deviceBytes; }
    bool isGzip() const { return m_gzip; }

private:
    bool fill();           // refills m_buf; false at the end of input or on error
    // A record that lies wholly in m_buf, without blank lines, line breaks in quotes or text
    // after a closing quote: its fields point into m_buf (or, with "" escapes, into m_row).
    // False without consuming anything otherwise; readRow() then takes the byte-by-byte path.
    bool readRowInBuffer();
    bool fail(const QString &message, int column);
    int next()             // the next decoded byte, or -1 at the end / on error
    {
        if (m_pos < m_end)
            return static_cast<unsigned char>(m_buf[m_pos++]);
        return fill() ? static_cast<unsigned char>(m_buf[m_pos++]) : -1;
    }
    int peek()
    {
        if (m_pos < m_end)
            return static_cast<unsigned char>(m_buf[m_pos]);
        return fill() ? static_cast<unsigned char>(m_buf[m_pos]) : -1;
    }

    struct Inflater;
    QIODevice *m_device;
    int64_t m_maxFieldBytes;
    int m_maxFields;
    std::unique_ptr<Inflater> m_inflater;
    std::vector<char> m_raw;  // compressed input
    std::vector<char> m_buf;  // decoded bytes
    size_t m_pos = 0, m_end = 0;
    bool m_started = false, m_gzip = false, m_eof = false;
    bool m_bomDecided = false; // gzip: whether the inflated text starts with a byte-order mark is known
    // A field's bytes: in m_row (copied, unescaped) or straight in m_buf.
    struct Field
    {
        size_t begin;
        size_t size;
        bool inRow;
    };
    std::vector<char> m_row;
    std::vector<Field> m_fields;
    int64_t m_line = 1;
    int64_t m_rowLine = 0;
    int64_t m_deviceBytes = 0;
    QString m_error;
    int64_t m_errorLine = 0;
    int m_errorColumn = 0;
};

} // namespace costscope::import
