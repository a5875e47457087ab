#pragma once

#include "model/Services.h"
#include "providers/auth/AlibabaRpcSigner.h"
#include "providers/net/HttpClient.h"
#include "providers/pricing/PriceListTypes.h"

#include <QUrl>

namespace costscope::providers::pricing {

// Reads Alibaba Cloud ECS pay-as-you-go prices with DescribePrice (RPC, signature v1.0, version
// 2014-05-26, GET https://ecs.<region>.aliyuncs.com/): one call per region and instance type,
// ResourceType instance, PriceUnit Hour, Amount 1, SystemDisk.Category cloud_essd. The hourly
// price is the TradePrice of the "instanceType" entry of PriceInfo.Price.DetailInfos (the price
// without the system disk), else PriceInfo.Price.TradePrice. The catalog holds USD: an answer in
// another currency (the China site answers in CNY) ends the refresh with an error. A flavour the
// region does not sell (Code InvalidInstanceType.* / InvalidParam.InstanceType ...) is skipped.
// An empty endpoint means the regional hosts; a set one (tests) receives every call.
// False with a one-line error naming the request when a call fails or an answer is not the
// documented JSON (*out is then left as it was); the secret never appears in it.
bool fetchAlibabaEcsPrices(const net::HttpClient &http, const QUrl &endpoint, const auth::AlibabaCredentials &credentials,
                           const QStringList &regions, const QStringList &flavors, PriceListResult *out, QString *error,
                           const CancelFn &cancelled = {});

} // namespace costscope::providers::pricing
