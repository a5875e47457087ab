// Reads TensorBoard event files: TFRecord framing (uint64 length, masked CRC-32C of the length,
// data, masked CRC-32C of the data), each record an Event protobuf. Scalars are the summary
// values with simple_value, or a rank-0 float/double tensor (TF2 writers). A small protobuf wire
// decoder reads just the fields needed.

#include "providers/ml/RunImport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <array>
#include <cstring>
#include <optional>

namespace costscope::ml {

namespace {

constexpr qint64 kMaxEventFile = 2LL * 1024 * 1024 * 1024;
constexpr uint64_t kMaxRecord = 256ULL * 1024 * 1024;

std::array<uint32_t, 256> makeCrcTable()
{
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
        uint32_t c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
        t[i] = c;
    }
    return t;
}

uint32_t readLe32(const char *p)
{
    uint32_t v = 0;
    for (int i = 3; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}

uint64_t readLe64(const char *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}

// A protobuf message being read field by field; any overrun marks it bad.
class Wire
{
public:
    explicit Wire(QByteArrayView data) : m_data(data) {}

    bool atEnd() const { return m_pos >= m_data.size(); }
    bool bad() const { return m_bad; }

    // The next field's number and wire type; false at the end or when malformed.
    bool next(uint32_t *field, uint32_t *wireType)
    {
        if (atEnd() || m_bad)
            return false;
        const auto key = varint();
        if (!key || (*key >> 3) == 0) {
            m_bad = true;
            return false;
        }
        *field = static_cast<uint32_t>(*key >> 3);
        *wireType = static_cast<uint32_t>(*key & 7);
        return true;
    }

    std::optional<uint64_t> varint()
    {
        uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (m_pos >= m_data.size())
                break;
            const auto b = static_cast<unsigned char>(m_data[m_pos++]);
            v |= static_cast<uint64_t>(b & 0x7f) << shift;
            if (!(b & 0x80))
                return v;
        }
        m_bad = true;
        return std::nullopt;
    }

    std::optional<QByteArrayView> bytes()
    {
        const auto n = varint();
        if (!n || *n > static_cast<uint64_t>(m_data.size() - m_pos)) {
            m_bad = true;
            return std::nullopt;
        }
        const QByteArrayView v = m_data.sliced(m_pos, static_cast<qsizetype>(*n));
        m_pos += static_cast<qsizetype>(*n);
        return v;
    }

    std::optional<QByteArrayView> fixed(qsizetype n)
    {
        if (m_data.size() - m_pos < n) {
            m_bad = true;
            return std::nullopt;
        }
        const QByteArrayView v = m_data.sliced(m_pos, n);
        m_pos += n;
        return v;
    }

    bool skip(uint32_t wireType)
    {
        switch (wireType) {
        case 0:
            return varint().has_value();
        case 1:
            return fixed(8).has_value();
        case 2:
            return bytes().has_value();
        case 5:
            return fixed(4).has_value();
        default:
            m_bad = true; // groups (3, 4) and unknown types
            return false;
        }
    }

private:
    QByteArrayView m_data;
    qsizetype m_pos = 0;
    bool m_bad = false;
};

float toFloat(QByteArrayView four)
{
    const uint32_t bits = readLe32(four.data());
    float f = 0;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}

double toDouble(QByteArrayView eight)
{
    const uint64_t bits = readLe64(eight.data());
    double d = 0;
    std::memcpy(&d, &bits, sizeof d);
    return d;
}

// A rank-0 DT_FLOAT (1) or DT_DOUBLE (2) TensorProto's value, if that is what it is.
std::optional<double> scalarTensor(QByteArrayView data, bool *malformed)
{
    Wire w(data);
    uint32_t field = 0, type = 0;
    uint64_t dtype = 0;
    bool rank0 = true;
    std::optional<double> value;
    QByteArrayView content;
    while (w.next(&field, &type)) {
        if (field == 1 && type == 0) {
            dtype = w.varint().value_or(0);
        } else if (field == 2 && type == 2) { // TensorShapeProto: any dim makes it rank >= 1
            auto shape = w.bytes();
            if (!shape)
                break;
            Wire s(*shape);
            uint32_t f2 = 0, t2 = 0;
            while (s.next(&f2, &t2)) {
                if (f2 == 2)
                    rank0 = false;
                if (!s.skip(t2))
                    break;
            }
        } else if (field == 4 && type == 2) {
            content = w.bytes().value_or(QByteArrayView());
        } else if (field == 5 && type == 2) { // packed float_val
            auto packed = w.bytes();
            if (packed && packed->size() >= 4)
                value = toFloat(packed->first(4));
        } else if (field == 5 && type == 5) {
            if (auto f = w.fixed(4))
                value = toFloat(*f);
        } else if (field == 6 && type == 2) { // packed double_val
            auto packed = w.bytes();
            if (packed && packed->size() >= 8)
                value = toDouble(packed->first(8));
        } else if (field == 6 && type == 1) {
            if (auto d = w.fixed(8))
                value = toDouble(*d);
        } else if (!w.skip(type)) {
            break;
        }
    }
    if (w.bad()) {
        *malformed = true;
        return std::nullopt;
    }
    if (!rank0 || (dtype != 1 && dtype != 2))
        return std::nullopt;
    if (!value && dtype == 1 && content.size() == 4)
        value = toFloat(content);
    if (!value && dtype == 2 && content.size() == 8)
        value = toDouble(content);
    return value;
}

// The scalars of one Summary.Value: tag and value, if it is a scalar.
bool summaryValue(QByteArrayView data, QString *tag, std::optional<double> *value)
{
    Wire w(data);
    uint32_t field = 0, type = 0;
    bool malformed = false;
    while (w.next(&field, &type)) {
        if (field == 1 && type == 2) {
            auto b = w.bytes();
            if (b)
                *tag = QString::fromUtf8(*b);
        } else if (field == 2 && type == 5) {
            if (auto f = w.fixed(4))
                *value = toFloat(*f);
        } else if (field == 8 && type == 2) {
            auto b = w.bytes();
            if (b) {
                auto v = scalarTensor(*b, &malformed);
                if (v)
                    *value = v;
            }
        } else if (!w.skip(type)) {
            break;
        }
    }
    return !w.bad() && !malformed;
}

// One Event: wall_time (1, double), step (2, int64), summary (5).
bool readEvent(QByteArrayView data, double *wallTime, int64_t *step, std::vector<std::pair<QString, double>> *scalars)
{
    Wire w(data);
    uint32_t field = 0, type = 0;
    while (w.next(&field, &type)) {
        if (field == 1 && type == 1) {
            if (auto d = w.fixed(8))
                *wallTime = toDouble(*d);
        } else if (field == 2 && type == 0) {
            *step = static_cast<int64_t>(w.varint().value_or(0));
        } else if (field == 5 && type == 2) {
            auto summary = w.bytes();
            if (!summary)
                break;
            Wire s(*summary);
            uint32_t f2 = 0, t2 = 0;
            while (s.next(&f2, &t2)) {
                if (f2 == 1 && t2 == 2) {
                    auto v = s.bytes();
                    if (!v)
                        break;
                    QString tag;
                    std::optional<double> value;
                    if (!summaryValue(*v, &tag, &value))
                        return false;
                    if (value && !tag.isEmpty())
                        scalars->push_back({tag, *value});
                } else if (!s.skip(t2)) {
                    break;
                }
            }
            if (s.bad())
                return false;
        } else if (!w.skip(type)) {
            break;
        }
    }
    return !w.bad();
}

bool readEventFile(const QString &path, const QString &root, RunImportBatch *batch, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read: %2").arg(path, f.errorString());
        return false;
    }
    if (f.size() > kMaxEventFile) {
        *error = QStringLiteral("%1: too large (%2 bytes)").arg(path).arg(f.size());
        return false;
    }
    const QByteArray all = f.readAll();
    ImportedRun run;
    const QFileInfo info(path);
    const QString relDir = QDir(root).relativeFilePath(info.absolutePath());
    run.experimentName = u"TensorBoard " + QFileInfo(root).fileName();
    run.info.runName = relDir == u"." ? info.fileName() : relDir;
    // The event file's name (time, host, pid) identifies the run, so a re-import finds it again.
    const QByteArray identity = QByteArray("tfevents:") + info.fileName().toUtf8() + '/' + relDir.toUtf8();
    run.info.runId = QString::fromLatin1(QCryptographicHash::hash(identity, QCryptographicHash::Md5).toHex());
    run.info.status = QStringLiteral("FINISHED");
    run.tags.append({QStringLiteral("costscope.source"), QStringLiteral("tensorboard")});
    run.tags.append({QStringLiteral("mlflow.runName"), run.info.runName});
    qsizetype pos = 0;
    double minWall = -1;
    double maxWall = -1;
    int records = 0;
    while (pos < all.size()) {
        if (all.size() - pos < 12) {
            *error = QStringLiteral("%1: truncated record header at byte offset %2 (%3 bytes left, 12 needed)")
                         .arg(path)
                         .arg(pos)
                         .arg(all.size() - pos);
            return false;
        }
        const char *p = all.constData() + pos;
        const uint64_t length = readLe64(p);
        if (maskedCrc32c(QByteArrayView(p, 8)) != readLe32(p + 8)) {
            *error = QStringLiteral("%1: record at byte offset %2: length CRC mismatch (not a TFRecord file or corrupt)")
                         .arg(path)
                         .arg(pos);
            return false;
        }
        if (length > kMaxRecord || length + 16 > static_cast<uint64_t>(all.size() - pos)) {
            *error = QStringLiteral("%1: truncated record at byte offset %2: %3 data bytes declared, %4 bytes left")
                         .arg(path)
                         .arg(pos)
                         .arg(length)
                         .arg(all.size() - pos - 12);
            return false;
        }
        const QByteArrayView data(p + 12, static_cast<qsizetype>(length));
        if (maskedCrc32c(data) != readLe32(p + 12 + length)) {
            *error = QStringLiteral("%1: record at byte offset %2: data CRC mismatch").arg(path).arg(pos);
            return false;
        }
        double wall = 0;
        int64_t step = 0;
        std::vector<std::pair<QString, double>> scalars;
        if (!readEvent(data, &wall, &step, &scalars)) {
            *error = QStringLiteral("%1: record at byte offset %2: malformed Event protobuf").arg(path).arg(pos);
            return false;
        }
        if (wall > 0) {
            minWall = minWall < 0 ? wall : std::min(minWall, wall);
            maxWall = std::max(maxWall, wall);
        }
        for (const auto &s : scalars)
            run.history.push_back(Metric{s.first, s.second, static_cast<int64_t>(wall * 1000.0), step});
        pos += static_cast<qsizetype>(length) + 16;
        ++records;
    }
    if (records == 0) {
        batch->warnings << QStringLiteral("%1: skipped, no records").arg(path);
        return true;
    }
    run.info.startTime = minWall > 0 ? static_cast<int64_t>(minWall * 1000.0) : 0;
    if (maxWall > 0)
        run.info.endTime = static_cast<int64_t>(maxWall * 1000.0);
    if (run.history.empty())
        batch->warnings << QStringLiteral("%1: no scalar values").arg(path);
    batch->runs.push_back(std::move(run));
    return true;
}

} // namespace

uint32_t crc32c(QByteArrayView data)
{
    static const std::array<uint32_t, 256> kTable = makeCrcTable();
    uint32_t c = 0xFFFFFFFFu;
    for (char ch : data)
        c = kTable[(c ^ static_cast<unsigned char>(ch)) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

uint32_t maskedCrc32c(QByteArrayView data)
{
    const uint32_t c = crc32c(data);
    return ((c >> 15) | (c << 17)) + 0xA282EAD8u;
}

bool readTensorBoard(const QString &path, RunImportBatch *batch, QString *error)
{
    batch->format = QStringLiteral("TensorBoard event files");
    const QFileInfo info(path);
    if (info.isFile())
        return readEventFile(info.absoluteFilePath(), info.absolutePath(), batch, error);
    if (!info.isDir()) {
        *error = QStringLiteral("%1: no such file or folder").arg(path);
        return false;
    }
    QStringList files;
    QDirIterator it(info.absoluteFilePath(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString f = it.next();
        if (QFileInfo(f).fileName().contains(u"tfevents"))
            files << f;
    }
    files.sort();
    if (files.isEmpty()) {
        *error = QStringLiteral("%1: no TensorBoard event files (*tfevents*)").arg(path);
        return false;
    }
    ImportedExperiment e;
    e.name = u"TensorBoard " + info.fileName();
    batch->experiments.push_back(e);
    for (const QString &f : files)
        if (!readEventFile(f, info.absoluteFilePath(), batch, error))
            return false;
    return true;
}

} // namespace costscope::ml
