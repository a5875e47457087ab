#pragma once

#include "model/Domain.h"
#include "model/store/CostStore.h"

#include <QDate>
#include <QHash>
#include <QString>

#include <cstdint>
#include <vector>

namespace costscope::store {

// What an analysis scope is: one sub-account, one service (across accounts) or one resource.
enum class ScopeKind { Account, Service, Resource };

// The daily cost and resource count of one scope, one value per day of the range.
struct ScopeSeries
{
    ScopeKind kind = ScopeKind::Account;
    QString key;   // raw value: account id, service name, resource id
    QString label; // for people: "Name (id)" for accounts and resources
    std::vector<int64_t> nanos;     // billed cost per day
    std::vector<int32_t> resources; // distinct resources with cost per day (accounts and services)
};

// Daily series of every scope in a range, in one currency.
struct ScopeSeriesSet
{
    QString currency;
    QDate from;                 // first day (inclusive)
    int days = 0;
    std::vector<ScopeSeries> accounts;
    std::vector<ScopeSeries> services;
    std::vector<ScopeSeries> resources;
};

// One row of the per-resource daily rollup with its dimensions resolved to text.
struct ResourceDayRow
{
    QDate day;
    QString resource;      // "" when the cost has no resource
    QString resourceLabel;
    QString account;
    QString accountLabel;
    QString service;
    int64_t tagSet = 0;
    int64_t nanos = 0;
};

// The questions of the anomaly detection and the forecasts (model/analysis), read from the
// rollups. Usage, purchase and adjustment charges only: taxes and credits land on the last
// day of a month by design and are not anomalies.
class AnalysisQuery
{
public:
    explicit AnalysisQuery(CostStore &store) : m_store(store) {}

    // Daily cost and resource count per account, service and resource in [from, to).
    ScopeSeriesSet dailyByScope(const QDate &from, const QDate &to, const QString &currency,
                                QString *error = nullptr) const;

    // Per-resource rows in [from, to) of one scope (kind and raw key), for the contributors of
    // a jump.
    std::vector<ResourceDayRow> resourceRows(const QDate &from, const QDate &to, const QString &currency,
                                             ScopeKind kind, const QString &key, QString *error = nullptr) const;

    // The non-empty tags of each tag set id.
    QHash<int64_t, Tags> tagSets(const QList<int64_t> &ids) const;

private:
    CostStore &m_store;
};

} // namespace costscope::store
