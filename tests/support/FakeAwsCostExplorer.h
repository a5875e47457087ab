#pragma once

// The AWS fake's Cost Explorer side for the passes of docs/sync.md ("AWS passes"): the fake holds
// a fixed set of daily atoms (linked account x service x region x usage type x record type x team
// tag, each with an amount and a usage quantity) and answers every GetCostAndUsage by adding the
// atoms up over the GroupBy it was sent, after the Filter (Dimensions, And); GetTags lists "team".
// It refuses group-bys, filters and metrics it does not know, as Cost Explorer does.

#include "support/FakeAwsRole.h"

#include <QDate>
#include <QStringList>

namespace costscope::testsupport {

class FakeAwsCostExplorer : public FakeAwsRole
{
public:
    // One served line item: what the client should write for a day (the finest rows it can ask).
    struct LineItem
    {
        QString account, service, region, usageType;
        qint64 billedNanos = 0;
    };
    // An atom of the fake's data, for hand-made expectations.
    struct Atom
    {
        QString account, service, region, usageType, recordType, team, unit;
        qint64 nanos = 0;
        QString quantity; // UsageQuantity as sent
    };

    virtual std::vector<Atom> atoms(const QDate &day) const = 0;
    // The Cost Explorer requests served: "<target> <group keys joined by ','> | <filter> | <metrics>".
    virtual QStringList ceRequests() const = 0;
    // Faults of FaultTarget::Costs hit only requests whose description starts with this
    // ("GetCostAndUsage LINKED_ACCOUNT,REGION", "GetTags"); empty: every Cost Explorer request.
    virtual void setFaultPass(const QString &prefix) = 0;
    // GetTags answers these keys (default: "team"), or AccessDeniedException when denied.
    virtual void setTagKeys(const QStringList &keys) = 0;
    virtual void setTagsDenied(bool denied) = 0;
    // Adds n more regions to dev's EC2 (one atom each), to go over the client's request budget.
    virtual void setExtraRegions(int n) = 0;
};

std::unique_ptr<FakeAwsCostExplorer> makeFakeAwsCostExplorer();

} // namespace costscope::testsupport
