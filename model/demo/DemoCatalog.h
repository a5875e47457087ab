#pragma once

#include <vector>

namespace costscope::demo {

enum class Cloud { Aws, Azure, Gcp, Alibaba, Kubernetes };

// An instance flavour with its on-demand Linux price per hour in USD (rounded list prices of
// the clouds' public price pages for their cheapest main region; good enough for a demo).
struct Flavor
{
    const char *name;
    double hourly;
    int vcpus;
    double memoryGiB;
};

// Price per hour of a flavour; 0 when the catalog does not know it.
double flavorHourly(const char *name);

struct SubAccountDef
{
    const char *id;
    const char *name;
    const char *env; // tag "env"
    const char *team; // tag "team"
    const char *costCenter; // tag "cost-center"
};

// One billing account (one CostBatch per calendar month) and its sub-accounts.
struct AccountDef
{
    Cloud cloud;
    const char *provider; // canonical provider name
    const char *id;
    const char *name;
    std::vector<SubAccountDef> subs;
    std::vector<const char *> regions; // first is the main region
};

// The fixed organisation of the demo: AWS payer with 4 linked accounts, an Azure billing account
// with 3 subscriptions, a GCP billing account with 3 projects, an Alibaba Cloud account with 2
// sub-accounts, and the Kubernetes cluster "prod-eks-1" with its namespaces.
const std::vector<AccountDef> &demoAccounts();

} // namespace costscope::demo
