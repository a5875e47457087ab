#pragma once

#include "model/Domain.h"
#include "model/store/CostStore.h"

#include <QDate>
#include <QString>

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace costscope::store {

// A distinct (provider, account, service, region, resource, tag set) of the per-resource daily
// rollup, with its strings resolved.
struct BudgetKeyRow
{
    QString provider;
    QString account;
    QString service;
    QString region;
    QString resourceId;
    Tags tags;
};

// Cost cells for the budgets: the per-resource daily rollup in one currency, keyed by what a
// pool's scope can name. Keys are shared between calls on the same object, so daily cells and
// range totals index the same key list.
class BudgetQuery
{
public:
    explicit BudgetQuery(CostStore &store) : m_store(store) {}

    struct Cell
    {
        int day = 0; // days after `from`
        int key = 0;
        int64_t nanos = 0;
    };

    // Billed cost per day and key in [from, to).
    bool dailyCells(const QDate &from, const QDate &to, const QString &currency, std::vector<Cell> *out,
                    QString *error);
    // Billed cost per key in [from, to) (one value per key known after the call; resize others).
    bool totals(const QDate &from, const QDate &to, const QString &currency, std::vector<int64_t> *out,
                QString *error);
    // The keys met so far, resolved to text.
    std::vector<BudgetKeyRow> keys() const;
    size_t keyCount() const { return m_keys.size(); }

private:
    struct RawKey
    {
        int64_t provider, account, service, region, resource, tagset;
        bool operator==(const RawKey &) const = default;
    };
    struct RawKeyHash
    {
        size_t operator()(const RawKey &k) const;
    };
    template <typename Fn> bool scan(const QDate &from, const QDate &to, const QString &currency, QString *error, Fn fn);
    int keyOf(const RawKey &k);

    CostStore &m_store;
    std::unordered_map<RawKey, int, RawKeyHash> m_index;
    std::vector<RawKey> m_keys;
};

} // namespace costscope::store
