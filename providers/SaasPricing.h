#pragma once

// Exact pricing of data-platform usage (Snowflake credits, Databricks DBUs): a decimal quantity
// times a decimal unit price, both read as Money (nine decimals), the product rounded half to even
// to nano-units. No floating point touches the amounts.

#include "model/Money.h"

#include <QString>

#include <optional>

namespace costscope::providers {

// quantity x unitPrice, rounded half to even to 1e-9; nullopt when it does not fit.
std::optional<Money> priceTimes(Money quantity, Money unitPrice);

// A decimal quantity as sent by a SQL API ("12.500000000", "1E-7", "-3"); nullopt when it is not
// a plain decimal number (text, empty, "NaN", thousands separators).
std::optional<Money> decimalQuantity(const QString &text);

} // namespace costscope::providers
