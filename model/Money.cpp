#include "model/Money.h"

#include <QLocale>

#include <cmath>
#include <cstdint>
#include <limits>

namespace costscope {

namespace {

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

constexpr uint64_t kPow10[] = {1ULL,
                               10ULL,
                               100ULL,
                               1000ULL,
                               10000ULL,
                               100000ULL,
                               1000000ULL,
                               10000000ULL,
                               100000000ULL,
                               1000000000ULL,
                               10000000000ULL,
                               100000000000ULL,
                               1000000000000ULL,
                               10000000000000ULL,
                               100000000000000ULL,
                               1000000000000000ULL,
                               10000000000000000ULL,
                               100000000000000000ULL,
                               1000000000000000000ULL};

// The common spelling "ddd.ddd" (no exponent, at most 18 digits in all) in 64-bit integers:
// the same result as the general path below, without its 128-bit arithmetic. Sets *ok to
// false for anything else (the caller then takes the general path).
int64_t parsePlainDecimal(const char *p, const char *end, bool *ok)
{
    *ok = false;
    uint64_t digits = 0;
    int count = 0, fraction = 0;
    bool seenPoint = false;
    for (; p < end; ++p) {
        const char c = *p;
        if (c >= '0' && c <= '9') {
            if (++count > 18)
                return 0;
            digits = digits * 10 + static_cast<uint64_t>(c - '0');
            fraction += seenPoint;
        } else if (c == '.' && !seenPoint) {
            seenPoint = true;
        } else {
            return 0;
        }
    }
    if (count == 0)
        return 0;
    uint64_t nanos = 0;
    if (fraction <= 9) {
        const uint64_t scale = kPow10[9 - fraction];
        if (digits > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) / scale)
            return 0;
        nanos = digits * scale;
    } else {
        // Round half to even, as the general path.
        const uint64_t divisor = kPow10[fraction - 9];
        const uint64_t q = digits / divisor, r = digits % divisor;
        nanos = q + ((r * 2 > divisor || (r * 2 == divisor && (q & 1))) ? 1 : 0);
    }
    *ok = true;
    return static_cast<int64_t>(nanos);
}

} // namespace

std::optional<Money> Money::parse(QByteArrayView text)
{
    qsizetype i = 0, n = text.size();
    while (i < n && isBlank(text[i]))
        ++i;
    while (n > i && isBlank(text[n - 1]))
        --n;
    if (i >= n)
        return std::nullopt;

    bool negative = false;
    if (text[i] == '+' || text[i] == '-') {
        negative = text[i] == '-';
        ++i;
    }
    bool plain = false;
    const int64_t plainNanos = parsePlainDecimal(text.data() + i, text.data() + n, &plain);
    if (plain)
        return Money::fromNanos(negative ? -plainNanos : plainNanos);
    // Collect up to 40 significant digits and the decimal exponent they imply.
    // value = digits * 10^exp10
    Int128 digits = 0;
    int exp10 = 0;
    int sigDigits = 0;
    bool anyDigit = false, seenPoint = false, droppedNonZero = false;
    for (; i < n; ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            anyDigit = true;
            if (sigDigits < 36) {
                if (digits != 0 || c != '0')
                    ++sigDigits;
                digits = digits * 10 + (c - '0');
                if (seenPoint)
                    --exp10;
            } else {
                if (c != '0')
                    droppedNonZero = true;
                if (!seenPoint)
                    ++exp10;
            }
        } else if (c == '.' && !seenPoint) {
            seenPoint = true;
        } else {
            break;
        }
    }
    if (!anyDigit)
        return std::nullopt;
    if (i < n) {
        if (text[i] != 'e' && text[i] != 'E')
            return std::nullopt;
        ++i;
        bool expNeg = false;
        if (i < n && (text[i] == '+' || text[i] == '-')) {
            expNeg = text[i] == '-';
            ++i;
        }
        if (i >= n)
            return std::nullopt;
        int e = 0;
        for (; i < n; ++i) {
            const char c = text[i];
            if (c < '0' || c > '9')
                return std::nullopt;
            if (e < 10000)
                e = e * 10 + (c - '0');
        }
        exp10 += expNeg ? -e : e;
    }

    // Scale to nanos: nanos = digits * 10^(exp10 + 9)
    int shift = exp10 + 9;
    constexpr Int128 maxNanos = std::numeric_limits<int64_t>::max();
    if (digits == 0)
        return Money::fromNanos(0);
    if (shift >= 0) {
        for (int k = 0; k < shift; ++k) {
            digits *= 10;
            if (digits > maxNanos)
                return std::nullopt;
        }
    } else {
        // Divide by 10^-shift with round-half-to-even.
        Int128 divisor = 1;
        int k = 0;
        for (; k < -shift && divisor <= maxNanos * 10; ++k)
            divisor *= 10;
        if (k < -shift)
            return Money::fromNanos(0); // smaller than half a nano by far
        const Int128 q = digits / divisor;
        const Int128 r = digits % divisor;
        Int128 res = q;
        const Int128 twice = r * 2;
        if (twice > divisor || (twice == divisor && (droppedNonZero || (q % 2) == 1)))
            res += 1;
        digits = res;
    }
    if (digits > maxNanos)
        return std::nullopt;
    const auto v = static_cast<int64_t>(digits);
    return Money::fromNanos(negative ? -v : v);
}

std::optional<Money> Money::parse(QStringView text)
{
    if (text.size() > 400)
        return std::nullopt;
    QByteArray latin = text.toLatin1();
    return parse(QByteArrayView(latin));
}

Money Money::fromDouble(double units)
{
    return fromNanos(static_cast<int64_t>(std::llround(units * static_cast<double>(kScale))));
}

QString Money::toString(int decimals) const
{
    const bool neg = m_nanos < 0;
    // Work in unsigned to survive INT64_MIN.
    uint64_t mag = neg ? (~static_cast<uint64_t>(m_nanos) + 1) : static_cast<uint64_t>(m_nanos);
    if (decimals >= 0 && decimals < 9) {
        uint64_t unit = 1;
        for (int k = 0; k < 9 - decimals; ++k)
            unit *= 10;
        const uint64_t rem = mag % unit;
        mag -= rem;
        if (rem * 2 >= unit)
            mag += unit;
    }
    const uint64_t whole = mag / kScale;
    uint64_t frac = mag % kScale;
    QString out;
    if (neg && mag != 0)
        out += u'-';
    out += QString::number(whole);
    QString fracText = QString::number(frac).rightJustified(9, u'0');
    if (decimals < 0) {
        while (fracText.endsWith(u'0'))
            fracText.chop(1);
    } else {
        fracText.truncate(decimals);
    }
    if (!fracText.isEmpty()) {
        out += u'.';
        out += fracText;
    }
    return out;
}

QString Money::toDisplay(const QString &currency, int decimals) const
{
    const double v = toDouble();
    QLocale locale;
    QString text = locale.toString(v, 'f', decimals);
    if (currency.isEmpty())
        return text;
    return text + u' ' + currency;
}

bool MoneySum::fits() const
{
    return m_acc <= std::numeric_limits<int64_t>::max() && m_acc >= std::numeric_limits<int64_t>::min();
}

Money MoneySum::total() const
{
    if (m_acc > std::numeric_limits<int64_t>::max())
        return Money::fromNanos(std::numeric_limits<int64_t>::max());
    if (m_acc < std::numeric_limits<int64_t>::min())
        return Money::fromNanos(std::numeric_limits<int64_t>::min());
    return Money::fromNanos(static_cast<int64_t>(m_acc));
}

} // namespace costscope
