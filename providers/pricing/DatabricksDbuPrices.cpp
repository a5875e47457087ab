#include "providers/pricing/DatabricksDbuPrices.h"

#include <QFile>
#include <QHash>
#include <QStringList>

namespace costscope::providers::pricing {

namespace {

struct Table
{
    QHash<QString, Money> prices;
    QString source;
};

const Table &table()
{
    static const Table t = [] {
        Table out;
        QFile f(QStringLiteral(":/databricks/dbu-prices.csv"));
        if (!f.open(QIODevice::ReadOnly))
            return out;
        bool header = true;
        while (!f.atEnd()) {
            const QString line = QString::fromUtf8(f.readLine()).trimmed();
            if (line.startsWith(u'#')) {
                if (line.contains(QStringLiteral("Source:")))
                    out.source = line.mid(line.indexOf(QStringLiteral("Source:")) + 8).trimmed();
                continue;
            }
            if (line.isEmpty())
                continue;
            if (header) { // sku_prefix,usd_per_dbu
                header = false;
                continue;
            }
            const QStringList cells = line.split(u',');
            const std::optional<Money> price = cells.size() == 2 ? Money::parse(QStringView(cells[1])) : std::nullopt;
            if (price)
                out.prices.insert(cells[0].trimmed().toUpper(), *price);
        }
        return out;
    }();
    return t;
}

} // namespace

std::optional<Money> bundledDbuPrice(const QString &sku)
{
    const QString s = sku.trimmed().toUpper();
    const Table &t = table();
    // The longest prefix that ends at a word boundary ("_" or the end).
    for (qsizetype n = s.size(); n > 0; --n) {
        if (n < s.size() && s.at(n) != u'_')
            continue;
        const auto it = t.prices.constFind(s.left(n));
        if (it != t.prices.constEnd())
            return *it;
    }
    return std::nullopt;
}

QString bundledDbuPriceSource()
{
    return table().source;
}

QString dbuServiceName(const QString &sku)
{
    const QString s = sku.toUpper();
    if (s.contains(QStringLiteral("JOBS")))
        return QStringLiteral("Jobs Compute");
    if (s.contains(QStringLiteral("ALL_PURPOSE")))
        return QStringLiteral("All-Purpose Compute");
    if (s.contains(QStringLiteral("SQL")))
        return QStringLiteral("Databricks SQL");
    if (s.contains(QStringLiteral("DLT")))
        return QStringLiteral("Delta Live Tables");
    if (s.contains(QStringLiteral("INFERENCE")) || s.contains(QStringLiteral("SERVING")))
        return QStringLiteral("Model Serving");
    return QStringLiteral("Databricks (other)");
}

} // namespace costscope::providers::pricing
