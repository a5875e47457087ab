#pragma once

#include "model/Services.h"
#include "providers/auth/GoogleTokenProvider.h"
#include "providers/net/HttpClient.h"
#include "providers/pricing/PriceListTypes.h"

#include <QUrl>

namespace costscope::providers::pricing {

// Reads Compute Engine on-demand prices from the Cloud Billing Catalog API
// (GET .../v1/services/6F81-5844-456A/skus?currencyCode=USD, bearer token, nextPageToken, at most
// maxPages pages) and prices each predefined flavour as vCPUs x the series' "Instance Core"
// price + GiB x its "Instance Ram" price in the region (OnDemand SKUs whose serviceRegions hold
// the region; usage units "h" and "GiBy.h"; the last tier's unitPrice {units, nanos}).
// Skipped, with the reason in out->skipped: shared-core flavours (e2-micro/small/medium, f1, g1:
// they bill a fraction of a core), custom machine types, series this mapping does not know, and
// regions without both SKUs. False with a one-line error naming the request when a page fails or
// is not the documented JSON (*out is then left as it was).
bool fetchGcpComputePrices(const net::HttpClient &http, const QUrl &skusUrl, auth::GoogleTokenProvider &tokens,
                           const QStringList &regions, const std::vector<FlavorShape> &flavors, PriceListResult *out,
                           QString *error, const CancelFn &cancelled = {}, int maxPages = 50);

// https://cloudbilling.googleapis.com/v1/services/6F81-5844-456A/skus (Compute Engine).
QUrl gcpComputeSkusEndpoint();
// The OAuth scope the catalog needs.
QString gcpBillingCatalogScope();
// The SKU description prefix of a machine series ("n2" -> "N2 Instance", "c2" -> "Compute
// optimized"); empty when unknown.
QString gcpSeriesSkuPrefix(const QString &series);

} // namespace costscope::providers::pricing
