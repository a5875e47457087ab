#pragma once

#include "model/Money.h"

#include <QByteArrayView>
#include <QDate>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace costscope {

// An exchange rate as an exact decimal: units of the target currency per unit of the source,
// with up to 12 fraction digits (stored as an integer scaled by 1e12). Positive and at most
// 9,223,372.036854775807, so that a conversion's product fits in 128 bits.
class ExchangeRate
{
public:
    static constexpr int kFractionDigits = 12;
    static constexpr int64_t kScale = 1'000'000'000'000;

    // Parses "1.0845", "0.000123456789", " 7 " (blanks around allowed). Refuses signs,
    // exponents, more than 12 fraction digits, zero, and values beyond the range above.
    static std::optional<ExchangeRate> parse(QStringView text);
    static constexpr ExchangeRate fromScaled(int64_t scaled) { ExchangeRate r; r.m_scaled = scaled; return r; }

    constexpr int64_t scaled() const { return m_scaled; }
    // Canonical decimal: no trailing fraction zeros ("1.5", "2", "0.000000000001").
    QString toString() const;

    // amount x rate, rounded half-to-even to the nano of the target currency. std::nullopt
    // when the result does not fit in Money.
    std::optional<Money> convert(Money amount) const;

    constexpr auto operator<=>(const ExchangeRate &) const = default;

private:
    int64_t m_scaled = 0;
};

// One row of the rate table: from -> to, in force from validFrom (inclusive) until the next
// row of the same pair. validFrom == kAlways means "for every date".
struct CurrencyRate
{
    QString from;
    QString to;
    QDate validFrom;
    ExchangeRate rate;
    QString origin = QStringLiteral("user"); // "user" (typed) or "csv" (imported)
};

// The date that stands for "always" (stored as day 0, 1970-01-01).
QDate currencyRateAlways();
// An ISO 4217-shaped code: three letters A-Z (normalised to upper case); empty when not.
QString normalizedCurrencyCode(QStringView text);
// Checks one row; on failure *error says which field is wrong (for the editor and the CSV).
bool validateCurrencyRate(const CurrencyRate &rate, QString *error);

// The rate table in memory. Rates are directional: EUR->USD does not imply USD->EUR (its
// inverse is rarely an exact 12-digit decimal); a missing pair is a missing rate.
class CurrencyRates
{
public:
    CurrencyRates() = default;
    explicit CurrencyRates(std::vector<CurrencyRate> rates);

    const std::vector<CurrencyRate> &rates() const { return m_rates; }
    bool isEmpty() const { return m_rates.empty(); }

    // The rate in force on `day`: the row of the pair with the latest validFrom on or before
    // it. Same currency: exactly 1. std::nullopt when the pair has no such row.
    std::optional<ExchangeRate> rateOn(const QString &from, const QString &to, const QDate &day) const;
    // The rate for amounts of the calendar month that holds `day`: the rate in force on the
    // month's last day (so a rate that starts mid-month covers its whole month, and daily,
    // monthly and total views of a month agree).
    std::optional<ExchangeRate> rateForMonth(const QString &from, const QString &to, const QDate &day) const;

private:
    std::vector<CurrencyRate> m_rates; // sorted by from, to, validFrom
};

// Parses a rate CSV: one rate per line, columns from,to,rate[,valid_from (YYYY-MM-DD)]; an
// optional header line starting with "from"; blank lines and lines starting with '#' skipped;
// a UTF-8 BOM and CRLF accepted. All or nothing: the first bad line gives false and
// "<fileName> line N: what is wrong", and *out is left empty.
bool parseCurrencyRatesCsv(QByteArrayView data, const QString &fileName, std::vector<CurrencyRate> *out,
                           QString *error);

} // namespace costscope
