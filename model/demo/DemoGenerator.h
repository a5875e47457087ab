#pragma once

#include "model/Services.h"

#include <QDate>
#include <QString>

#include <cstdint>

namespace costscope::store { class CostStore; }

namespace costscope::demo {

struct DemoOptions
{
    uint64_t seed = 20261;
    int months = 13;          // whole months of history, ending with the month of endDate
    QDate endDate;            // last day with data (inclusive); invalid means today (UTC)
    double scale = 1.0;       // multiplies the number of resources (tests use small scales)
};

struct DemoStats
{
    int64_t lineItems = 0;
    int resources = 0;
    int runs = 0;
    int64_t billedNanos = 0;
};

// Writes a deterministic demo workspace: the same options give the same data.
// Replaces everything the store held and marks it as demo data (meta "demo" = "1").
bool generateDemo(store::CostStore &store, const DemoOptions &options, const ProgressFn &progress,
                  const CancelFn &cancelled, DemoStats *stats, QString *error);

} // namespace costscope::demo
