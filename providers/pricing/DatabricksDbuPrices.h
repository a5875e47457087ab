#pragma once

// The bundled Databricks DBU list prices (resources/databricks/dbu-prices.csv, compiled in as
// :/databricks/dbu-prices.csv): price per DBU in USD by SKU prefix, for the billable-usage CSV
// (which has DBUs but no prices) and for usage rows whose list price is missing. The file's header
// names its source and date.

#include "model/Money.h"

#include <QString>

#include <optional>

namespace costscope::providers::pricing {

// The list price of one DBU of the SKU ("PREMIUM_JOBS_COMPUTE", "ENTERPRISE_ALL_PURPOSE_COMPUTE_(PHOTON)",
// "PREMIUM_SQL_PRO_COMPUTE_US_EAST_N_VIRGINIA" ...): the longest prefix in the table; nullopt when
// no prefix matches.
std::optional<Money> bundledDbuPrice(const QString &sku);
// "Databricks list prices ... as of <date>" from the file's header, for reports.
QString bundledDbuPriceSource();
// The service a SKU's usage is shown under, by its family: "PREMIUM_JOBS_COMPUTE" -> "Jobs
// Compute", "..._SQL_..." -> "Databricks SQL", ...; "Databricks (other)" when unknown.
QString dbuServiceName(const QString &sku);

} // namespace costscope::providers::pricing
