#include "model/CurrencyRates.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>
#include <limits>
#include <tuple>

namespace costscope {

namespace {

QString trText(const char *text)
{
    return QCoreApplication::translate("costscope::CurrencyRates", text);
}

bool isBlank(QChar c) { return c == u' ' || c == u'\t' || c == u'\r' || c == u'\n'; }

} // namespace

std::optional<ExchangeRate> ExchangeRate::parse(QStringView text)
{
    qsizetype i = 0, n = text.size();
    while (i < n && isBlank(text[i]))
        ++i;
    while (n > i && isBlank(text[n - 1]))
        --n;
    if (i >= n)
        return std::nullopt;
    constexpr Int128 kMax = std::numeric_limits<int64_t>::max();
    Int128 whole = 0;
    int64_t fraction = 0;
    int fractionDigits = 0;
    bool anyDigit = false, seenPoint = false;
    for (; i < n; ++i) {
        const QChar c = text[i];
        if (c >= u'0' && c <= u'9') {
            anyDigit = true;
            const int d = c.unicode() - u'0';
            if (seenPoint) {
                if (++fractionDigits > kFractionDigits)
                    return std::nullopt;
                fraction = fraction * 10 + d;
            } else {
                whole = whole * 10 + d;
                if (whole * kScale > kMax)
                    return std::nullopt;
            }
        } else if (c == u'.' && !seenPoint) {
            seenPoint = true;
        } else {
            return std::nullopt;
        }
    }
    if (!anyDigit)
        return std::nullopt;
    for (int k = fractionDigits; k < kFractionDigits; ++k)
        fraction *= 10;
    const Int128 scaled = whole * kScale + fraction;
    if (scaled <= 0 || scaled > kMax)
        return std::nullopt;
    return fromScaled(static_cast<int64_t>(scaled));
}

QString ExchangeRate::toString() const
{
    const int64_t whole = m_scaled / kScale;
    int64_t fraction = m_scaled % kScale;
    QString out = QString::number(whole);
    if (fraction == 0)
        return out;
    QString digits = QString::number(fraction).rightJustified(kFractionDigits, u'0');
    while (digits.endsWith(u'0'))
        digits.chop(1);
    return out + u'.' + digits;
}

std::optional<Money> ExchangeRate::convert(Money amount) const
{
    // |nanos| < 2^63 and scaled < 2^63: the product fits in a signed 128-bit integer.
    const Int128 product = static_cast<Int128>(amount.nanos()) * m_scaled;
    Int128 q = product / kScale;
    const Int128 r = product % kScale; // same sign as product
    const Int128 twice = (r < 0 ? -r : r) * 2;
    if (twice > kScale || (twice == kScale && (q % 2) != 0))
        q += product < 0 ? -1 : 1;
    if (q > std::numeric_limits<int64_t>::max() || q < std::numeric_limits<int64_t>::min())
        return std::nullopt;
    return Money::fromNanos(static_cast<int64_t>(q));
}

QDate currencyRateAlways() { return QDate(1970, 1, 1); }

QString normalizedCurrencyCode(QStringView text)
{
    const QStringView t = text.trimmed();
    if (t.size() != 3)
        return {};
    QString out;
    for (QChar c : t) {
        const QChar u = c.toUpper();
        if (u < u'A' || u > u'Z')
            return {};
        out += u;
    }
    return out;
}

bool validateCurrencyRate(const CurrencyRate &rate, QString *error)
{
    auto fail = [error](const QString &text) {
        if (error)
            *error = text;
        return false;
    };
    if (normalizedCurrencyCode(rate.from) != rate.from || rate.from.isEmpty())
        return fail(trText("the source currency \"%1\" is not a three-letter ISO 4217 code").arg(rate.from));
    if (normalizedCurrencyCode(rate.to) != rate.to || rate.to.isEmpty())
        return fail(trText("the target currency \"%1\" is not a three-letter ISO 4217 code").arg(rate.to));
    if (rate.from == rate.to)
        return fail(trText("a rate from %1 to itself is always 1").arg(rate.from));
    if (!rate.validFrom.isValid() || rate.validFrom < currencyRateAlways())
        return fail(trText("the valid-from date is not a date on or after 1970-01-01"));
    if (rate.rate.scaled() <= 0)
        return fail(trText("the rate must be greater than zero"));
    return true;
}

CurrencyRates::CurrencyRates(std::vector<CurrencyRate> rates) : m_rates(std::move(rates))
{
    std::sort(m_rates.begin(), m_rates.end(), [](const CurrencyRate &a, const CurrencyRate &b) {
        return std::tie(a.from, a.to, a.validFrom) < std::tie(b.from, b.to, b.validFrom);
    });
}

std::optional<ExchangeRate> CurrencyRates::rateOn(const QString &from, const QString &to, const QDate &day) const
{
    if (from == to)
        return ExchangeRate::fromScaled(ExchangeRate::kScale);
    std::optional<ExchangeRate> found;
    for (const CurrencyRate &r : m_rates) {
        if (r.from != from || r.to != to)
            continue;
        if (r.validFrom > day)
            break; // sorted by validFrom within the pair
        found = r.rate;
    }
    return found;
}

std::optional<ExchangeRate> CurrencyRates::rateForMonth(const QString &from, const QString &to, const QDate &day) const
{
    if (!day.isValid())
        return std::nullopt;
    return rateOn(from, to, QDate(day.year(), day.month(), day.daysInMonth()));
}

bool parseCurrencyRatesCsv(QByteArrayView data, const QString &fileName, std::vector<CurrencyRate> *out, QString *error)
{
    out->clear();
    std::vector<CurrencyRate> rows;
    QHash<QString, int> seen; // from|to|date -> line
    QString text = QString::fromUtf8(data);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    const QStringList lines = text.split(u'\n');
    auto fail = [&](int line, const QString &what) {
        if (error)
            *error = trText("%1 line %2: %3").arg(fileName).arg(line).arg(what);
        return false;
    };
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int lineNo = static_cast<int>(i + 1);
        QString line = lines[i];
        if (line.endsWith(u'\r'))
            line.chop(1);
        if (line.trimmed().isEmpty() || line.trimmed().startsWith(u'#'))
            continue;
        if (line.contains(QChar(0xFFFD)) || line.contains(QChar(0)))
            return fail(lineNo, trText("the line is not valid UTF-8 text"));
        QStringList fields = line.split(u',');
        for (QString &f : fields) {
            f = f.trimmed();
            if (f.size() >= 2 && f.startsWith(u'"') && f.endsWith(u'"'))
                f = f.mid(1, f.size() - 2).trimmed();
        }
        if (rows.empty() && seen.isEmpty() && fields.value(0).compare(u"from", Qt::CaseInsensitive) == 0)
            continue; // header
        if (fields.size() == 4 && fields[3].isEmpty())
            fields.removeLast();
        if (fields.size() < 3 || fields.size() > 4)
            return fail(lineNo, trText("expected 3 or 4 columns (from,to,rate[,valid_from]), found %1").arg(fields.size()));
        CurrencyRate r;
        r.origin = QStringLiteral("csv");
        r.from = normalizedCurrencyCode(fields[0]);
        if (r.from.isEmpty())
            return fail(lineNo, trText("\"%1\" is not a three-letter currency code").arg(fields[0].left(40)));
        r.to = normalizedCurrencyCode(fields[1]);
        if (r.to.isEmpty())
            return fail(lineNo, trText("\"%1\" is not a three-letter currency code").arg(fields[1].left(40)));
        const auto rate = ExchangeRate::parse(fields[2]);
        if (!rate)
            return fail(lineNo, trText("the rate \"%1\" is not a positive decimal with at most 12 fraction digits "
                                       "and at most 9223372")
                                    .arg(fields[2].left(40)));
        r.rate = *rate;
        r.validFrom = currencyRateAlways();
        if (fields.size() == 4) {
            r.validFrom = QDate::fromString(fields[3], Qt::ISODate);
            if (!r.validFrom.isValid() || fields[3].size() != 10)
                return fail(lineNo, trText("the valid-from date \"%1\" is not YYYY-MM-DD").arg(fields[3].left(40)));
        }
        QString why;
        if (!validateCurrencyRate(r, &why))
            return fail(lineNo, why);
        const QString key = r.from + u'|' + r.to + u'|' + r.validFrom.toString(Qt::ISODate);
        if (const int earlier = seen.value(key, 0); earlier > 0)
            return fail(lineNo, trText("%1 to %2 from %3 is already given on line %4")
                                    .arg(r.from, r.to, r.validFrom.toString(Qt::ISODate))
                                    .arg(earlier));
        seen.insert(key, lineNo);
        rows.push_back(std::move(r));
    }
    if (rows.empty()) {
        if (error)
            *error = trText("%1: no rates found (expected lines from,to,rate[,valid_from])").arg(fileName);
        return false;
    }
    *out = std::move(rows);
    return true;
}

} // namespace costscope
