#pragma once

#include "model/Services.h"
#include "providers/auth/SigV4Signer.h"
#include "providers/net/HttpClient.h"
#include "providers/pricing/PriceListTypes.h"

#include <QUrl>

namespace costscope::providers::pricing {

// Reads EC2 on-demand Linux prices from the AWS Price List Query API (GetProducts, JSON 1.1,
// X-Amz-Target AWSPriceListService.GetProducts, SigV4 service "pricing" in us-east-1): one query
// per region and instance type, ServiceCode AmazonEC2 with TERM_MATCH filters on instanceType,
// regionCode, operatingSystem Linux, tenancy Shared, preInstalledSw NA, capacitystatus Used and
// licenseModel "No License required", following NextToken for at most maxPages pages a query.
// Each PriceList entry is a JSON document in a string; its attributes are checked again (a
// product that does not match is skipped) and its OnDemand "Hrs" price in USD is taken.
// False with a one-line error naming the request when a request fails or an answer is not the
// documented shape (*out is then left as it was). The credentials never appear in the error.
bool fetchAwsEc2Prices(const net::HttpClient &http, const QUrl &endpoint, const auth::AwsCredentials &credentials,
                       const QStringList &regions, const QStringList &flavors, PriceListResult *out, QString *error,
                       const CancelFn &cancelled = {}, int maxPages = 20);

// https://api.pricing.us-east-1.amazonaws.com/
QUrl awsPriceListEndpoint();

} // namespace costscope::providers::pricing
