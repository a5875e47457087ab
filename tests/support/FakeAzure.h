#pragma once

// What only the Azure fake (FakeAzureServer.cpp) offers beyond the FakeCloud contract.

#include "support/FakeCloud.h"

#include <QStringList>

namespace costscope::testsupport {

// The cost queries the Azure fake served so far, one "<type> <granularity> <grouping,...>" a request
// (every page), e.g. "AmortizedCost Daily ResourceId,ServiceName".
QStringList azureCostQueries(const FakeCloud &fake);
// Restricts the Azure fake's Costs faults to the cost queries whose description (as above) starts
// with `prefix` (empty: every cost query).
void setAzureCostFaultQuery(FakeCloud &fake, const QString &prefix);

} // namespace costscope::testsupport
