#include "model/store/CurrencyRateStore.h"

#include "model/Domain.h"
#include "model/store/SqliteDb.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSet>

Q_LOGGING_CATEGORY(lcRates, "costscope.store.rates")

namespace costscope::store {

CurrencyRates CurrencyRateStore::load(QString *error) const
{
    return load(m_store.db(), error);
}

CurrencyRates CurrencyRateStore::load(SqliteDb &db, QString *error)
{
    std::vector<CurrencyRate> rows;
    Statement st(db,
        "SELECT from_currency, to_currency, valid_from, rate, origin FROM currency_rate "
        "ORDER BY from_currency, to_currency, valid_from");
    while (st.next()) {
        CurrencyRate r;
        r.from = st.columnText(0);
        r.to = st.columnText(1);
        r.validFrom = dateFromDayNumber(static_cast<int32_t>(st.columnInt(2)));
        const auto rate = ExchangeRate::parse(st.columnText(3));
        r.origin = st.columnText(4);
        if (rate)
            r.rate = *rate;
        QString why;
        if (!rate || !validateCurrencyRate(r, &why)) {
            qCWarning(lcRates) << "skipping an unreadable rate row" << r.from << r.to << why;
            continue;
        }
        rows.push_back(std::move(r));
    }
    if (!st.ok() && error)
        *error = st.error();
    return CurrencyRates(std::move(rows));
}

bool CurrencyRateStore::replaceAll(const std::vector<CurrencyRate> &rates, QString *error)
{
    return write(rates, true, error);
}

bool CurrencyRateStore::merge(const std::vector<CurrencyRate> &rates, QString *error)
{
    return write(rates, false, error);
}

bool CurrencyRateStore::write(const std::vector<CurrencyRate> &rates, bool clearFirst, QString *error)
{
    QSet<QString> keys;
    for (const CurrencyRate &r : rates) {
        QString why;
        if (!validateCurrencyRate(r, &why)) {
            if (error)
                *error = why;
            return false;
        }
        const QString key = r.from + u'|' + r.to + u'|' + r.validFrom.toString(Qt::ISODate);
        if (keys.contains(key)) {
            if (error)
                *error = QCoreApplication::translate("costscope::CurrencyRates", "%1 to %2 from %3 is given twice")
                             .arg(r.from, r.to, r.validFrom.toString(Qt::ISODate));
            return false;
        }
        keys.insert(key);
    }
    SqliteDb &db = m_store.db();
    Transaction txn(db);
    if (!txn.isActive()) {
        if (error)
            *error = txn.error();
        return false;
    }
    if (clearFirst) {
        Statement clear(db, "DELETE FROM currency_rate");
        if (!clear.run()) {
            if (error)
                *error = clear.error();
            return false;
        }
    }
    Statement ins(db, "INSERT INTO currency_rate(from_currency, to_currency, valid_from, rate, origin) "
                      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(from_currency, to_currency, valid_from) "
                      "DO UPDATE SET rate = excluded.rate, origin = excluded.origin");
    for (const CurrencyRate &r : rates) {
        ins.bind(1, r.from).bind(2, r.to).bind(3, static_cast<int64_t>(dayNumber(r.validFrom)));
        ins.bind(4, r.rate.toString()).bind(5, r.origin.isEmpty() ? QStringLiteral("user") : r.origin);
        if (!ins.run()) {
            if (error)
                *error = ins.error();
            return false;
        }
    }
    if (!txn.commit()) {
        if (error)
            *error = txn.error();
        return false;
    }
    qCInfo(lcRates) << (clearFirst ? "rate table replaced:" : "rates merged:") << rates.size() << "rows";
    return true;
}

} // namespace costscope::store
