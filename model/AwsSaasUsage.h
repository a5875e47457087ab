#pragma once

#include "model/Domain.h"

#include <QByteArrayView>
#include <QDate>
#include <QString>

#include <QHash>

#include <map>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace costscope {

// What an S3 or Redshift line item of an AWS bill used, in the terms of the saas tables
// (docs/saas.md lists the mapping from usage types and operations).
struct AwsSaasItem
{
    QString service;    // "S3" or "Redshift"
    QString entityKind; // "bucket", "cluster", "workgroup" or "account" (no resource on the line)
    QString entity;
    QString usageType;  // "requests-tier1", "bytes-out", "storage", "node-hours", "rpu-hours" ...
    QString unit;
    double quantity = 0;
};

// "S3", "Redshift" or empty for the product code ("AmazonS3") or product name of a line.
QString awsSaasService(QStringView productCodeOrName);

// Classifies one line item of service awsSaasService() gave; false when it is not usage
// (a purchase, a tax or a credit has no usage to show). usageType is lineItem/UsageType with
// its region prefix ("USE1-Requests-Tier1"), quantity in the line's pricing unit.
bool classifyAwsSaas(const QString &service, const QString &usageType, const QString &operation,
                     const QString &resourceId, const QString &pricingUnit, double quantity,
                     const QString &usageAccount, AwsSaasItem *out);

// Adds up classified lines per service, usage account, day and entity while a bill is read,
// and hands them out as one SaasBatch per service, account and billing period.
class AwsSaasCollector
{
public:
    // day is clamped into [periodStart, periodEnd).
    void add(const AwsSaasItem &item, const QString &account, const QDate &periodStart, const QDate &periodEnd,
             const QString &currency, int32_t day, Money cost);
    bool isEmpty() const { return m_batches.empty(); }
    // The collected batches, source set; the collector is empty afterwards.
    std::vector<SaasBatch> take(const QString &source);

private:
    struct Cell
    {
        QString unit;
        double quantity = 0;
        Money cost;
    };
    struct CellKey
    {
        int32_t day = 0;
        QString kind, entity, usageType;
        bool operator==(const CellKey &) const = default;
        bool operator<(const CellKey &o) const
        {
            return std::tie(day, kind, entity, usageType) < std::tie(o.day, o.kind, o.entity, o.usageType);
        }
    };
    struct CellHash
    {
        size_t operator()(const CellKey &k) const noexcept
        {
            return qHashMulti(0, k.day, k.kind, k.entity, k.usageType);
        }
    };
    struct Acc
    {
        QDate periodEnd;
        QString currency;
        std::unordered_map<CellKey, Cell, CellHash> cells; // a hash: called for every S3/Redshift line
    };
    using BatchKey = std::tuple<QString, QString, QDate>; // service, account, period start
    std::map<BatchKey, Acc> m_batches;
    BatchKey m_lastKey; // consecutive lines mostly share their batch
    Acc *m_last = nullptr;
};

} // namespace costscope
