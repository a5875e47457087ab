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
    // How many (day, entity, usage type) cells are held, over every batch: the reader hands
    // them to the writer as a part when this passes a bound (the writer adds up parts of the
    // same service, account and period), so the gather's memory does not grow with the file.
    size_t cellCount() const { return m_cellCount; }
    // The collected batches, source set; the collector is empty afterwards.
    std::vector<SaasBatch> take(const QString &source);

private:
    // What is held per (day, entity, usage type): 32 bytes in a flat table, the texts once
    // each in m_names. A bill's S3 and Redshift lines thus cost memory per bucket/cluster, day
    // and usage type, not per line, and little per cell (the 5M-row bench file has ~155,000).
    struct CellKey
    {
        int32_t day = 0;
        uint32_t kind = 0, entity = 0, usageType = 0; // indexes into m_names
        bool operator==(const CellKey &) const = default;
    };
    struct Cell
    {
        CellKey key;
        uint32_t unit = 0; // m_names index + 1; 0: a free slot
        double quantity = 0;
        Money cost;
    };
    struct Acc
    {
        QDate periodEnd;
        QString currency;
        std::vector<Cell> cells; // open addressing, a power of two, at most 3/4 full
        size_t used = 0;
        Cell &find(const CellKey &key);
    };
    uint32_t nameId(const QString &text);
    using BatchKey = std::tuple<QString, QString, QDate>; // service, account, period start
    std::map<BatchKey, Acc> m_batches;
    BatchKey m_lastKey; // consecutive lines mostly share their batch
    Acc *m_last = nullptr;
    QHash<QString, uint32_t> m_nameIds;
    std::vector<QString> m_names;
    size_t m_cellCount = 0;
};

} // namespace costscope
