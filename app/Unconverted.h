#pragma once

// How the command line reports amounts left out of a conversion for want of a rate
// (store::UnconvertedAmount): the same JSON array and the same text line in every verb.

#include "model/store/CostQuery.h"

#include <QJsonArray>
#include <QString>

#include <vector>

namespace costscope::app {

// [{"currency": "EUR", "amount": "40.00", "months": ["2026-02"]}, ...]
QJsonArray unconvertedJson(const std::vector<store::UnconvertedAmount> &list);

// One line per amount: "<label>: 40.00 EUR (no rate to USD for 2026-02)\n".
QString notCountedLines(const std::vector<store::UnconvertedAmount> &list, const QString &currency,
                        const QString &label = QStringLiteral("Not counted"));

} // namespace costscope::app
