#pragma once

#include "model/AwsSaasUsage.h"
#include "model/Domain.h"
#include "model/demo/DemoRandom.h"
#include "model/demo/DemoWorld.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace costscope::store { class CostWriter; }

namespace costscope::demo {

// The data platforms of the demo (issue 8): S3 and Redshift usage derived from the AWS line
// items exactly as a CUR import derives it, BigQuery jobs that add up to the GCP "Analysis"
// line items, and a Databricks workspace and a Snowflake account billed as providers of their
// own. Planted: an always-on Snowflake warehouse (ADHOC_WH) and full-table BigQuery scans
// (docs/demo.md lists them with the S3 and Redshift plants of DemoWorld).
class DemoSaas
{
public:
    // scale multiplies the Databricks DBUs and Snowflake credits, as it does the clouds' resources.
    DemoSaas(uint64_t seed, int32_t endDay, double scale);

    // Every cost batch the demo writes passes here (S3, Redshift and BigQuery lines are used).
    void observe(const CostBatch &batch);
    // Writes the month's Databricks and Snowflake line items and all saas rows of the month
    // [first, last] (days), inside the demo's transaction.
    bool writeMonth(store::CostWriter &writer, const QDate &monthStart, int32_t first, int32_t last,
                    bool monthClosed, QString *error);

    int64_t billedNanos() const { return m_billed; }

    static QString databricksAccount() { return QStringLiteral("7f3a2c1e-9b4d-4e61-8a2f-5d0c6b1e9a34"); }
    static QString databricksWorkspace() { return QStringLiteral("acme-lakehouse-prod"); }
    static QString snowflakeAccount() { return QStringLiteral("ACME-XY12345"); }
    // The planted waste of the data platforms, as DemoWorld::planted lists it.
    static std::vector<DemoPlanted> planted();

private:
    void bigQueryJobs(const QString &project, int32_t day, double tib, Money cost, SaasBatch &batch);
    void redshiftQueries(int32_t day, SaasBatch &batch);

    DemoRng m_rng;
    int32_t m_endDay;
    double m_scale;
    AwsSaasCollector m_aws;
    struct BigQueryDay
    {
        QString project;
        int32_t day = 0;
        double tib = 0;
        Money cost;
    };
    std::vector<BigQueryDay> m_bigQuery;
    QString m_awsAccountOfRedshift;
    int64_t m_billed = 0;
};

} // namespace costscope::demo
