#pragma once

// Parsers for the values billing files hold: timestamps in their many spellings, amounts,
// tag sets written as JSON (or as Azure EA's brace-less JSON). Shared by the format readers.

#include "model/Domain.h"
#include "model/Money.h"

#include <QByteArrayView>
#include <QDate>
#include <QString>

#include <cstdint>
#include <cstring>
#include <optional>

namespace costscope::import {

// "2024-10-01 00:00:00", "2024-10-01T00:00:00Z", "2023-11-01T00:00:00.000Z",
// "2022-08-01 03:00:00+00:00", "2023-11-13T10:00Z", "2024-10-01", "9/2/2023", "4/1/25",
// "9/2/2023 13:00:00" and "20240901" -> UTC seconds since the epoch. Impossible dates
// (2023-02-30, month 13) and anything else give std::nullopt.
std::optional<int64_t> parseTimestamp(QByteArrayView text);
QDate dateOfSeconds(int64_t secs);
int64_t secondsOfDate(const QDate &date);

// A money column: Money::parse, also accepting a leading currency symbol and thousands
// separators ("$10,000.00 "). *decorated is set when either was removed.
std::optional<Money> parseAmount(QByteArrayView text, bool *decorated = nullptr);

// A quantity (not money): a double; empty gives 0.
std::optional<double> parseQuantity(QByteArrayView text);

// True for an empty cell or the literal NULL that some exports write.
inline bool isNullCell(QByteArrayView text)
{
    if (text.isEmpty())
        return true;
    if (text.size() != 4)
        return false;
    return std::memcmp(text.data(), "NULL", 4) == 0 || std::memcmp(text.data(), "null", 4) == 0;
}

// Tags from a JSON object ({"k":"v"}), a brace-less EA object ("k": "v","k2": "v2"),
// or a JSON list of {"key":..,"value":..} (GCP labels). Unparsable text gives one tag
// under the key "" is never produced: it returns false instead.
bool parseTags(QByteArrayView text, Tags *out);

// "lineItem/UnblendedCost" -> "line_item_unblended_cost"; snake_case passes through.
QString snakeCase(QStringView name);

// Latin-1/UTF-8 safe conversion of a cell.
inline QString cellText(QByteArrayView v) { return isNullCell(v) ? QString() : QString::fromUtf8(v); }

} // namespace costscope::import
