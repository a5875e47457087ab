#pragma once

#include "model/store/CostQuery.h"

#include <QString>

namespace costscope::views {

// QSettings key of the display currency (Edit > Preferences): an ISO 4217 code, or empty for
// the workspace's main currency (the one with the largest billed total).
inline constexpr char kDisplayCurrencyKey[] = "display/currency";

// The display currency the user chose; empty when it is the workspace's main currency.
QString displayCurrencySetting();
void setDisplayCurrencySetting(const QString &code);

// One sentence for amounts that have no rate to the series' currency ("EUR amounts of 2 months
// (1,234.00 EUR) have no rate to USD: ..."); empty when everything was converted.
QString unconvertedNote(const store::CostSeries &series);
// The same sentence for amounts of other currencies with no rate to `currency`; shownApart
// false says they are left out (a view that cannot show them in their own currency).
QString unconvertedNote(const std::vector<store::UnconvertedAmount> &unconverted, const QString &currency,
                        bool shownApart = true);

} // namespace costscope::views
