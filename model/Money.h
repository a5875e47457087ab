#pragma once

#include <QString>
#include <QStringView>
#include <QByteArrayView>

#include <cstdint>
#include <optional>

namespace costscope {

// 128-bit integer for exact intermediate sums (GCC and Clang).
__extension__ typedef __int128 Int128;

// An exact amount of money in nano-units (1e-9) of its currency.
// Parsing rounds half-to-even beyond nine decimals, so a bill's decimal
// column sums to the same cents as the bill itself.
class Money
{
public:
    static constexpr int64_t kScale = 1'000'000'000;

    constexpr Money() = default;
    static constexpr Money fromNanos(int64_t nanos) { Money m; m.m_nanos = nanos; return m; }
    static constexpr Money fromUnits(int64_t units) { return fromNanos(units * kScale); }

    // Parses "12.34", "-0.5", "1.2E-5", "+3", " 7 " (surrounding blanks allowed).
    // Empty input and garbage give std::nullopt; so does an amount beyond +-9.2e9 units.
    static std::optional<Money> parse(QByteArrayView text);
    static std::optional<Money> parse(QStringView text);

    // Converts a double (for generated data and catalogs); rounds to the nearest nano.
    static Money fromDouble(double units);

    constexpr int64_t nanos() const { return m_nanos; }
    double toDouble() const { return static_cast<double>(m_nanos) / static_cast<double>(kScale); }
    constexpr bool isZero() const { return m_nanos == 0; }

    // Plain decimal with the given number of fraction digits (rounded half away from zero);
    // decimals = -1 prints all significant digits up to nine.
    QString toString(int decimals = -1) const;
    // "1,234.56 USD"-style text for people.
    QString toDisplay(const QString &currency, int decimals = 2) const;

    constexpr Money operator+(Money o) const { return fromNanos(m_nanos + o.m_nanos); }
    constexpr Money operator-(Money o) const { return fromNanos(m_nanos - o.m_nanos); }
    constexpr Money operator-() const { return fromNanos(-m_nanos); }
    constexpr Money &operator+=(Money o) { m_nanos += o.m_nanos; return *this; }
    constexpr Money &operator-=(Money o) { m_nanos -= o.m_nanos; return *this; }
    constexpr auto operator<=>(const Money &) const = default;

    // Rounds to whole cents (half away from zero), as bills are presented.
    constexpr Money roundedToCents() const
    {
        constexpr int64_t cent = kScale / 100;
        const int64_t r = m_nanos % cent;
        int64_t base = m_nanos - r;
        if (r >= cent / 2)
            base += cent;
        else if (r <= -cent / 2)
            base -= cent;
        return fromNanos(base);
    }

private:
    int64_t m_nanos = 0;
};

// Sums many amounts without overflow (128-bit accumulator).
class MoneySum
{
public:
    void add(Money m) { m_acc += m.nanos(); }
    bool fits() const;
    Money total() const; // saturates if it does not fit
private:
    Int128 m_acc = 0;
};

} // namespace costscope
