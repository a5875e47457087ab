#pragma once

// What a cloud price-list client returns for `costscope catalog refresh`: one on-demand Linux
// hourly USD price per region and flavour, and the flavours it could not price with the reason.

#include "model/Money.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace costscope::providers::pricing {

struct FlavorPrice
{
    QString region; // the cloud's region id ("us-east-1", "us-central1", "cn-hangzhou")
    QString flavor; // the instance type ("m5.xlarge", "n2-standard-4", "ecs.g6.large")
    Money hourly;   // USD per hour
};

// A flavour of the catalog to price, with the shape a GCP price is computed from.
struct FlavorShape
{
    QString flavor;
    QString family; // the catalog's family ("n2-standard", "e2-shared")
    int vcpus = 0;
    double memoryGiB = 0;
};

struct PriceListResult
{
    std::vector<FlavorPrice> prices;
    // "<region> <flavor>: <why>" for each flavour that was asked for and not priced, and each
    // answered product that was left out (not Linux, not shared tenancy, not hourly ...).
    QStringList skipped;
    int requests = 0;
};

} // namespace costscope::providers::pricing
