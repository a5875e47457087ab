#pragma once

#include "model/CurrencyRates.h"
#include "model/store/CostStore.h"

#include <QString>

#include <vector>

namespace costscope::store {

// The workspace's exchange rates (table currency_rate, schema 14): exact decimal text, one row
// per (from, to, valid from). Rates are settings: a demo regeneration keeps them.
class CurrencyRateStore
{
public:
    explicit CurrencyRateStore(CostStore &store) : m_store(store) {}

    // Every row; rows that do not parse (a hand-edited file) are skipped and logged.
    CurrencyRates load(QString *error = nullptr) const;
    // The same from a database handle, for readers that hold no CostStore (RunCostCalculator).
    static CurrencyRates load(SqliteDb &db, QString *error = nullptr);
    // Replaces the whole table (the Preferences editor) in one transaction; refused, with
    // nothing written, when a row is invalid or two rows share from, to and valid-from.
    bool replaceAll(const std::vector<CurrencyRate> &rates, QString *error);
    // Adds the rows, replacing those with the same from, to and valid-from (a CSV import), in
    // one transaction; refused as a whole when a row is invalid.
    bool merge(const std::vector<CurrencyRate> &rates, QString *error);

private:
    bool write(const std::vector<CurrencyRate> &rates, bool clearFirst, QString *error);

    CostStore &m_store;
};

} // namespace costscope::store
