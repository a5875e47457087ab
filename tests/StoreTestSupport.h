#pragma once

// Small helpers shared by the store tests (TestCostStore, TestCostWriter, TestCostQuery,
// TestSchemaMigration, TestCommandLine): building cost rows and comparing store contents.

#include "model/Domain.h"
#include "model/Money.h"
#include "model/store/CostStore.h"
#include "model/store/SqliteDb.h"

#include <algorithm>

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

} // namespace costscope::testsupport
