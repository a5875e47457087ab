#include "model/demo/DemoCatalog.h"

#include <cstring>

namespace costscope::demo {

namespace {

const Flavor kFlavors[] = {
    // AWS (us-east-1)
    { "t3.medium", 0.0416, 2, 4 },
    { "m5.large", 0.096, 2, 8 },
    { "m5.xlarge", 0.192, 4, 16 },
    { "m5.2xlarge", 0.384, 8, 32 },
    { "m5.4xlarge", 0.768, 16, 64 },
    { "m6i.xlarge", 0.192, 4, 16 },
    { "m4.xlarge", 0.2, 4, 16 },
    { "c4.2xlarge", 0.398, 8, 15 },
    { "c5.xlarge", 0.17, 4, 8 },
    { "c5.2xlarge", 0.34, 8, 16 },
    { "r5.xlarge", 0.252, 4, 32 },
    { "r5.2xlarge", 0.504, 8, 64 },
    { "p3.2xlarge", 3.06, 8, 61 },
    { "g5.xlarge", 1.006, 4, 16 },
    { "db.r5.large", 0.25, 2, 16 },
    { "db.m5.large", 0.171, 2, 8 },
    { "ra3.xlplus", 1.086, 4, 32 },
    // Azure (East US)
    { "Standard_B2ms", 0.0832, 2, 8 },
    { "Standard_D2s_v5", 0.096, 2, 8 },
    { "Standard_D4s_v5", 0.192, 4, 16 },
    { "Standard_D8s_v5", 0.384, 8, 32 },
    { "Standard_E4s_v5", 0.252, 4, 32 },
    { "Standard_F4s_v2", 0.169, 4, 8 },
    { "Standard_DS3_v2", 0.293, 4, 14 },
    { "Standard_NC6s_v3", 3.06, 6, 112 },
    { "GP_Gen5_2", 0.505, 2, 10 },
    { "GP_Gen5_4", 1.01, 4, 20 },
    // GCP (us-central1)
    { "e2-medium", 0.0335, 2, 4 },
    { "e2-standard-4", 0.134, 4, 16 },
    { "n2-standard-2", 0.0971, 2, 8 },
    { "n2-standard-4", 0.1942, 4, 16 },
    { "n2-standard-8", 0.3885, 8, 32 },
    { "n2-highmem-4", 0.262, 4, 32 },
    { "c2-standard-8", 0.4176, 8, 32 },
    // Alibaba Cloud (cn-hangzhou, international prices)
    { "ecs.t6-c1m2.large", 0.03, 2, 4 },
    { "ecs.g6.large", 0.101, 2, 8 },
    { "ecs.g6.xlarge", 0.202, 4, 16 },
    { "ecs.c6.xlarge", 0.17, 4, 8 },
    { "ecs.r6.xlarge", 0.252, 4, 32 },
};

} // namespace

double flavorHourly(const char *name)
{
    for (const Flavor &f : kFlavors)
        if (std::strcmp(f.name, name) == 0)
            return f.hourly;
    return 0;
}

const std::vector<AccountDef> &demoAccounts()
{
    static const std::vector<AccountDef> accounts = {
        { Cloud::Aws, "AWS", "384756120934", "Acme Corp (payer)",
            { { "512384960217", "prod", "prod", "web", "CC-1001" },
                { "670195384452", "staging", "staging", "web", "CC-1001" },
                { "803416275590", "data-platform", "prod", "data", "CC-2002" },
                { "927451806633", "ml-research", "dev", "ml", "CC-3003" } },
            { "us-east-1", "us-west-2", "eu-west-1" } },
        { Cloud::Azure, "Azure", "b3f1c9d2-5e7a-4c8b-9a1d-2f6e0c4b8a71:0e9d8c7b-6a5f-4e3d-2c1b-0a9f8e7d6c5b_2019-05-31",
            "Acme Corp MCA",
            { { "6f1d2c3b-4a59-4e87-b6c5-d4e3f2a1b0c9", "Production", "prod", "platform", "CC-1001" },
                { "1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d", "Dev-Test", "dev", "platform", "CC-1001" },
                { "9e8d7c6b-5a4f-4e2d-8c0b-a9f8e7d6c5b4", "ML-Workloads", "prod", "ml", "CC-3003" } },
            { "eastus", "westeurope", "westus2" } },
        { Cloud::Gcp, "GCP", "01A2B3-C4D5E6-F7A8B9", "Acme GCP Billing",
            { { "acme-prod-web", "Prod Web", "prod", "web", "CC-1001" },
                { "acme-analytics", "Analytics", "prod", "data", "CC-2002" },
                { "acme-ml-sandbox", "ML Sandbox", "dev", "ml", "CC-3003" } },
            { "us-central1", "europe-west1", "asia-east1" } },
        { Cloud::Alibaba, "Alibaba Cloud", "5123984766601234", "Acme International",
            { { "1478523690123456", "ecommerce-cn", "prod", "ecommerce", "CC-4004" },
                { "1836925470987654", "analytics-cn", "prod", "data", "CC-2002" } },
            { "cn-hangzhou", "cn-shanghai", "ap-southeast-1" } },
        { Cloud::Kubernetes, "Kubernetes", "prod-eks-1", "prod-eks-1",
            { { "web", "web", "prod", "web", "CC-1001" }, { "api", "api", "prod", "web", "CC-1001" },
                { "payments", "payments", "prod", "payments", "CC-1002" },
                { "data-pipeline", "data-pipeline", "prod", "data", "CC-2002" },
                { "ml-serving", "ml-serving", "prod", "ml", "CC-3003" },
                { "monitoring", "monitoring", "prod", "platform", "CC-1001" },
                { "batch", "batch", "prod", "data", "CC-2002" },
                { "kube-system", "kube-system", "prod", "platform", "CC-1001" } },
            { "us-east-1" } },
    };
    return accounts;
}

} // namespace costscope::demo
