#include "providers/import/ImportValues.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace costscope::import {

namespace {

bool digits(QByteArrayView t, qsizetype at, int count, int *out)
{
    if (at + count > t.size())
        return false;
    int v = 0;
    for (int i = 0; i < count; ++i) {
        const char c = t[at + i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    *out = v;
    return true;
}

// Reads 1 or 2 digits.
bool smallNumber(QByteArrayView t, qsizetype *at, int *out)
{
    int v = 0, n = 0;
    while (*at < t.size() && n < 4 && t[*at] >= '0' && t[*at] <= '9') {
        v = v * 10 + (t[*at] - '0');
        ++*at;
        ++n;
    }
    *out = v;
    return n > 0;
}

int64_t daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

bool validDate(int y, int m, int d)
{
    if (y < 1970 || y > 2200 || m < 1 || m > 12 || d < 1)
        return false;
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int dim = kDays[m - 1];
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        dim = 29;
    return d <= dim;
}

// Parses "HH:MM[:SS[.fff]]" then an optional zone "Z", "+HH:MM", "+HHMM", " UTC".
bool parseTime(QByteArrayView t, qsizetype i, int64_t *secs)
{
    int hh = 0, mm = 0, ss = 0;
    if (!digits(t, i, 2, &hh) || i + 2 >= t.size() || t[i + 2] != ':' || !digits(t, i + 3, 2, &mm))
        return false;
    i += 5;
    if (i < t.size() && t[i] == ':') {
        if (!digits(t, i + 1, 2, &ss))
            return false;
        i += 3;
        if (i < t.size() && (t[i] == '.' || t[i] == ',')) {
            ++i;
            while (i < t.size() && t[i] >= '0' && t[i] <= '9')
                ++i;
        }
    }
    if (hh > 24 || mm > 59 || ss > 60 || (hh == 24 && (mm || ss)))
        return false;
    int64_t offset = 0;
    while (i < t.size() && t[i] == ' ')
        ++i;
    if (i < t.size()) {
        const char c = t[i];
        if (c == 'Z' || c == 'z') {
            ++i;
        } else if (c == '+' || c == '-') {
            int oh = 0, om = 0;
            if (!digits(t, i + 1, 2, &oh))
                return false;
            qsizetype j = i + 3;
            if (j < t.size() && t[j] == ':')
                ++j;
            if (j < t.size()) {
                if (!digits(t, j, 2, &om))
                    return false;
                j += 2;
            }
            offset = (oh * 3600 + om * 60) * (c == '-' ? -1 : 1);
            i = j;
        } else if (t.sliced(i) == "UTC") {
            i += 3;
        } else {
            return false;
        }
    }
    while (i < t.size() && (t[i] == ' ' || t[i] == '\r'))
        ++i;
    if (i != t.size())
        return false;
    *secs = hh * 3600 + mm * 60 + ss - offset;
    return true;
}

} // namespace

namespace {

// "YYYY-MM-DDTHH:MM:SS", with 'T' or a blank and an optional "Z": the spelling of nearly every
// CUR and FOCUS date, read from fixed positions. False for anything else, or for a value the
// general parser must judge (hour 24, second 60, an impossible date).
bool fixedTimestamp(QByteArrayView t, int64_t *out)
{
    const qsizetype n = t.size();
    if ((n != 19 && !(n == 20 && t[19] == 'Z')) || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != ' ')
        || t[13] != ':' || t[16] != ':')
        return false;
    const char *p = t.data();
    auto two = [p](int at, int *v) {
        const unsigned a = static_cast<unsigned>(p[at] - '0'), b = static_cast<unsigned>(p[at + 1] - '0');
        *v = static_cast<int>(a * 10 + b);
        return a < 10 && b < 10;
    };
    int y1 = 0, y2 = 0, m = 0, d = 0, hh = 0, mm = 0, ss = 0;
    if (!two(0, &y1) || !two(2, &y2) || !two(5, &m) || !two(8, &d) || !two(11, &hh) || !two(14, &mm)
        || !two(17, &ss) || hh > 23 || mm > 59 || ss > 59)
        return false;
    const int y = y1 * 100 + y2;
    if (!validDate(y, m, d))
        return false;
    *out = daysFromCivil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss;
    return true;
}

} // namespace

std::optional<int64_t> parseTimestamp(QByteArrayView text)
{
    if (int64_t fixed = 0; fixedTimestamp(text, &fixed))
        return fixed;
    QByteArrayView t = text.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    int y = 0, m = 0, d = 0;
    qsizetype i = 0;
    if (t.size() >= 10 && t[4] == '-' && t[7] == '-') {
        if (!digits(t, 0, 4, &y) || !digits(t, 5, 2, &m) || !digits(t, 8, 2, &d))
            return std::nullopt;
        i = 10;
    } else if (t.size() == 8 && digits(t, 0, 4, &y) && digits(t, 4, 2, &m) && digits(t, 6, 2, &d)) {
        i = 8;
    } else {
        // M/D/YYYY or M/D/YY (US order, as Azure and the FOCUS examples write).
        if (!smallNumber(t, &i, &m) || i >= t.size() || t[i] != '/')
            return std::nullopt;
        ++i;
        if (!smallNumber(t, &i, &d) || i >= t.size() || t[i] != '/')
            return std::nullopt;
        ++i;
        const qsizetype yStart = i;
        if (!smallNumber(t, &i, &y))
            return std::nullopt;
        if (i - yStart == 2)
            y += 2000;
        else if (i - yStart != 4)
            return std::nullopt;
    }
    if (!validDate(y, m, d))
        return std::nullopt;
    int64_t secs = daysFromCivil(y, m, d) * 86400;
    if (i < t.size()) {
        if (t[i] != 'T' && t[i] != ' ' && t[i] != 't')
            return std::nullopt;
        ++i;
        while (i < t.size() && t[i] == ' ')
            ++i;
        int64_t tod = 0;
        if (i < t.size() && !parseTime(t, i, &tod))
            return std::nullopt;
        secs += tod;
    }
    return secs;
}

QDate dateOfSeconds(int64_t secs)
{
    const int64_t day = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
    return dateFromDayNumber(static_cast<int32_t>(day));
}

int64_t secondsOfDate(const QDate &date) { return static_cast<int64_t>(dayNumber(date)) * 86400; }


std::optional<Money> parseAmount(QByteArrayView text, bool *decorated)
{
    if (auto m = Money::parse(text))
        return m;
    // "$10,000.00 ", "-$5", "€1.234" are not decimals; strip a symbol and group separators.
    QByteArray clean;
    clean.reserve(text.size());
    bool changed = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '$' || c == ',') {
            changed = true;
            continue;
        }
        clean.append(c);
    }
    if (!changed)
        return std::nullopt;
    auto m = Money::parse(QByteArrayView(clean));
    if (m && decorated)
        *decorated = true;
    return m;
}

namespace {

// "ddd.ddd" with at most 15 digits: the digits as an integer (exact in a double) divided by a
// power of ten up to 1e22 (exact too) is the correctly rounded value, the same double
// toDouble() gives. Anything else returns false.
bool plainQuantity(QByteArrayView t, double *out)
{
    static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    qsizetype i = 0;
    const qsizetype n = t.size();
    const bool negative = n > 0 && t[0] == '-';
    if (negative)
        ++i;
    if (i >= n || t[i] == '.' || t[n - 1] == '.')
        return false; // ".5" and "5." are left to toDouble()
    uint64_t digits = 0;
    int count = 0, fraction = 0;
    bool point = false;
    for (; i < n; ++i) {
        const char c = t[i];
        if (c >= '0' && c <= '9') {
            if (++count > 15)
                return false;
            digits = digits * 10 + static_cast<uint64_t>(c - '0');
            fraction += point;
        } else if (c == '.' && !point) {
            point = true;
        } else {
            return false;
        }
    }
    if (count == 0)
        return false;
    const double v = static_cast<double>(digits) / kPow10[fraction];
    *out = negative ? -v : v;
    return true;
}

} // namespace

std::optional<double> parseQuantity(QByteArrayView text)
{
    if (isNullCell(text))
        return 0.0;
    if (double plain = 0; plainQuantity(text, &plain))
        return plain;
    bool ok = false;
    const double v = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

bool parseTags(QByteArrayView text, Tags *out)
{
    out->clear();
    QByteArrayView t = text.trimmed();
    if (isNullCell(t) || t == "{}" || t == "[]")
        return true;
    QByteArray doc = t.toByteArray();
    if (!doc.startsWith('{') && !doc.startsWith('['))
        doc = '{' + doc + '}'; // Azure EA writes the object without its braces
    QJsonParseError err{};
    QJsonDocument json = QJsonDocument::fromJson(doc, &err);
    if (err.error != QJsonParseError::NoError) {
        // Python-style single quotes (some flattened GCP exports).
        QByteArray swapped = doc;
        swapped.replace('\'', '"');
        json = QJsonDocument::fromJson(swapped, &err);
        if (err.error != QJsonParseError::NoError)
            return false;
    }
    auto valueText = [](const QJsonValue &v) -> QString {
        if (v.isString())
            return v.toString();
        if (v.isNull() || v.isUndefined())
            return QString();
        if (v.isBool())
            return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        if (v.isDouble())
            return QString::number(v.toDouble(), 'g', 17);
        return QString::fromUtf8(QJsonDocument(v.isArray() ? QJsonDocument(v.toArray()) : QJsonDocument(v.toObject()))
                                     .toJson(QJsonDocument::Compact));
    };
    if (json.isObject()) {
        const QJsonObject o = json.object();
        for (auto it = o.begin(); it != o.end(); ++it)
            out->append({it.key(), valueText(it.value())});
        return true;
    }
    if (json.isArray()) {
        for (const QJsonValue &v : json.array()) {
            const QJsonObject o = v.toObject();
            if (!o.contains(QStringLiteral("key")))
                return false;
            out->append({o.value(QStringLiteral("key")).toString(), valueText(o.value(QStringLiteral("value")))});
        }
        return true;
    }
    return false;
}

QString snakeCase(QStringView name)
{
    QString out;
    out.reserve(name.size() + 8);
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name[i];
        if (c == u'/' || c == u'.' || c == u' ' || c == u'-') {
            if (!out.endsWith(u'_'))
                out.append(u'_');
            continue;
        }
        if (c.isUpper()) {
            const bool prevLower = i > 0 && (name[i - 1].isLower() || name[i - 1].isDigit());
            const bool nextLower = i + 1 < name.size() && name[i + 1].isLower() && i > 0 && name[i - 1].isUpper();
            if ((prevLower || nextLower) && !out.isEmpty() && !out.endsWith(u'_'))
                out.append(u'_');
            out.append(c.toLower());
        } else {
            out.append(c);
        }
    }
    return out;
}

} // namespace costscope::import
