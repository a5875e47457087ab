#pragma once

#include "model/Money.h"
#include "model/Services.h"
#include "providers/net/HttpClient.h"

#include <QString>
#include <QStringList>
#include <QUrl>

#include <vector>

namespace costscope::providers::pricing {

// One on-demand Linux virtual-machine price of the Azure Retail Prices API.
struct AzurePrice
{
    QString region; // armRegionName, "eastus"
    QString flavor; // armSkuName, "Standard_D4s_v5"
    Money hourly;   // retailPrice in USD per "1 Hour"
};

// Reads https://prices.azure.com/api/retail/prices (no authentication) for the given VM sizes in
// the given regions: $filter on serviceName, priceType and armRegionName, following NextPageLink.
// Windows, Spot and Low Priority meters and non-hourly units are skipped. False with a one-line
// error naming the request when a page fails or is not the documented JSON (nothing is returned
// then, so the caller keeps its old catalog).
bool fetchAzureVmPrices(const net::HttpClient &http, const QUrl &endpoint, const QStringList &regions,
                        const QStringList &flavors, std::vector<AzurePrice> *out, QString *error,
                        const CancelFn &cancelled = {}, int maxPages = 200);

// The public endpoint.
QUrl azureRetailPricesEndpoint();

} // namespace costscope::providers::pricing
