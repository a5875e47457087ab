#pragma once

// Small helpers shared by the store tests (TestCostStore, TestCostWriter, TestCostQuery,
// TestSchemaMigration, TestCommandLine): building cost rows and comparing store contents; and
// by the tests of costs in two currencies: currency rates and the USD + EUR workspace.

#include "model/CurrencyRates.h"
#include "model/Domain.h"
#include "model/Money.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "model/store/CurrencyRateStore.h"
#include "model/store/SqliteDb.h"

#include <algorithm>
#include <vector>

#include <QCryptographicHash>
#include <QDate>
#include <QFile>
#include <QStringList>
#include <QDateTime>

namespace costscope::testsupport {

inline int64_t utcSeconds(const QDate &day, int hour = 0)
{
    return QDateTime(day, QTime(hour, 0), Qt::UTC).toSecsSinceEpoch();
}

// Parses a decimal amount the way importers do; an amount a test cannot parse is a test bug.
inline Money money(const char *text)
{
    const auto m = Money::parse(QByteArrayView(text));
    Q_ASSERT(m.has_value());
    return m.value_or(Money());
}

inline CostRow makeRow(const QDate &day, const char *amount, const QString &service = QStringLiteral("Compute"),
                      const QString &region = QStringLiteral("us-east-1"), const QString &subAccount = {},
                      const QString &resource = {}, const Tags &tags = {},
                      ChargeCategory category = ChargeCategory::Usage)
{
    CostRow r;
    r.chargeStart = utcSeconds(day, 3);
    r.chargeEnd = r.chargeStart + 3600;
    r.serviceName = service;
    r.region = region;
    r.subAccountId = subAccount;
    r.resourceId = resource;
    r.tags = tags;
    r.chargeCategory = category;
    r.billedCost = money(amount);
    // Effective and list differ from billed so a query on the wrong column shows.
    r.effectiveCost = r.billedCost + Money::fromNanos(1);
    r.listCost = r.billedCost + Money::fromNanos(2);
    r.contractedCost = r.billedCost;
    r.consumedQuantity = 1;
    r.consumedUnit = QStringLiteral("Hours");
    return r;
}

inline CostBatch makeBatch(const QString &provider, const QString &account, const QDate &periodStart)
{
    CostBatch b;
    b.provider = provider;
    b.billingAccountId = account;
    b.billingAccountName = account + QStringLiteral(" name");
    b.periodStart = periodStart;
    b.periodEnd = periodStart.addMonths(1);
    return b;
}

inline SourceInfo source(const QString &name, const QString &digest = {})
{
    return SourceInfo{QStringLiteral("file"), name, digest.isEmpty() ? name : digest, QStringLiteral("test")};
}

// Every row of every table (sqlite_master order, rows in a stable order), as text.
// Two equal dumps mean the store holds the same content.
inline QByteArray dumpStore(store::SqliteDb &db)
{
    QByteArray out;
    QStringList tables;
    {
        store::Statement st(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                "ORDER BY name");
        while (st.next())
            tables << st.columnText(0);
    }
    for (const QString &t : tables) {
        out += "## " + t.toUtf8() + '\n';
        store::Statement st(db, QStringLiteral("SELECT * FROM \"%1\" ORDER BY 1, 2").arg(t));
        QByteArrayList lines;
        while (st.next()) {
            QByteArray line;
            for (int c = 0; c < st.columnCount(); ++c)
                line += st.columnBlob(c).toHex() + '|';
            lines << line;
        }
        std::sort(lines.begin(), lines.end());
        out += lines.join('\n') + '\n';
    }
    return out;
}

inline QByteArray fileSha256(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result().toHex();
}

// One rate as a user types it: from -> to at value (a decimal such as "1.1") from validFrom on;
// an invalid validFrom means "always" (currencyRateAlways()).
inline CurrencyRate currencyRate(const char *from, const char *to, const char *value, const QDate &validFrom)
{
    CurrencyRate r;
    r.from = QString::fromLatin1(from);
    r.to = QString::fromLatin1(to);
    r.validFrom = validFrom.isValid() ? validFrom : currencyRateAlways();
    const auto rate = ExchangeRate::parse(QString::fromLatin1(value));
    Q_ASSERT(rate.has_value()); // a rate a test cannot parse is a test bug
    r.rate = rate.value_or(ExchangeRate());
    return r;
}

// The costs of the USD + EUR workspace of the budget and analysis tests, in one import ("two"):
// every day from the first of first's month to last, AWS account 111 (USD, the main currency)
// 10.00 of Amazon EC2 in us-east-1 and Azure account 222 (EUR) 5.00 of Virtual Machines in
// westeurope (eurSpike instead on spikeDay, when given); a USD batch then an EUR batch a month.
inline bool writeUsdEurDaily(store::CostStore &store, const QDate &first, const QDate &last, QString *error,
                             const QDate &spikeDay = {}, const char *eurSpike = nullptr)
{
    store::CostWriter w(store);
    if (!w.begin(source(QStringLiteral("two")), error))
        return false;
    for (QDate month(first.year(), first.month(), 1); month <= last; month = month.addMonths(1)) {
        CostBatch usd = makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), month);
        CostBatch eur = makeBatch(QStringLiteral("Azure"), QStringLiteral("222"), month);
        eur.currency = QStringLiteral("EUR");
        for (QDate d = month; d < month.addMonths(1) && d <= last; d = d.addDays(1)) {
            usd.rows.push_back(makeRow(d, "10", QStringLiteral("Amazon EC2"), QStringLiteral("us-east-1"),
                                       QStringLiteral("111")));
            eur.rows.push_back(makeRow(d, d == spikeDay ? eurSpike : "5", QStringLiteral("Virtual Machines"),
                                       QStringLiteral("westeurope"), QStringLiteral("222")));
        }
        if (!w.add(usd, error) || !w.add(eur, error))
            return false;
    }
    return w.commit(error);
}

// The rates of that workspace: EUR->USD 1.2 from 1 February 2026 and 1.5 from 20 March 2026 (so
// all of March, the rate of the month's last day); USD->EUR 0.8 always; none for January.
inline std::vector<CurrencyRate> usdEurRates()
{
    return {currencyRate("EUR", "USD", "1.2", QDate(2026, 2, 1)), currencyRate("EUR", "USD", "1.5", QDate(2026, 3, 20)),
            currencyRate("USD", "EUR", "0.8", {})};
}

} // namespace costscope::testsupport
