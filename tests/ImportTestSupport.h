#pragma once

// Helpers shared by the importer tests: gzip in memory, writing files, reading rows.

#include "providers/import/CsvReader.h"

#include <QBuffer>
#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>

#include <zlib.h>

namespace costscope::testsupport {

// gzip-compresses data (one member), as `gzip` writes it.
inline QByteArray gzipBytes(const QByteArray &data)
{
    z_stream zs{};
    deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    QByteArray out;
    out.resize(static_cast<qsizetype>(deflateBound(&zs, static_cast<uLong>(data.size())) + 64));
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(static_cast<qsizetype>(zs.total_out));
    deflateEnd(&zs);
    return out;
}

inline bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

// All rows of a CSV text; *error gets the reader's error, if any.
inline QList<QByteArrayList> readAll(const QByteArray &data, QString *error, int64_t maxField = 1 << 20)
{
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    import::CsvReader csv(&buffer, maxField);
    QList<QByteArrayList> rows;
    while (csv.readRow()) {
        QByteArrayList row;
        for (int i = 0; i < csv.fieldCount(); ++i)
            row << csv.field(i).toByteArray();
        rows << row;
    }
    *error = csv.error();
    return rows;
}

} // namespace costscope::testsupport
