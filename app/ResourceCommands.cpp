#include "app/ResourceCommands.h"

#include "app/TextTable.h"
#include "app/Unconverted.h"
#include "model/analysis/ResourceInventory.h"
#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace costscope::app {

using analysis::ResourceColumn;

int runResourcesCommand(const QString &workspacePath, const QString &format, const QString &provider, int64_t now,
                        QTextStream &out, QTextStream &err, const QString &currency)
{
    store::CostStore store;
    QString error;
    if (!store.open(workspacePath, &error)) {
        err << "costscope: " << error << '\n';
        return 1;
    }
    // Like the other verbs: without --currency, every currency is converted into the main one.
    const QString target = currency.isEmpty() ? store::CostQuery(store).mainCurrency() : currency;
    const analysis::Inventory inv = analysis::loadInventory(store, now, provider, target);
    if (!inv.error.isEmpty()) {
        err << "costscope: resources: " << inv.error << '\n';
        return 1;
    }
    if (format == u"json") {
        QJsonArray rows;
        for (const analysis::InventoryRow &r : inv.rows) {
            QJsonObject o;
            for (int c = 0; c < analysis::kResourceColumnCount; ++c) {
                const auto column = static_cast<ResourceColumn>(c);
                o.insert(analysis::resourceColumnKey(column), analysis::resourceCellText(r, column));
            }
            QJsonObject tags;
            for (const auto &t : r.resource.tags)
                tags.insert(t.first, t.second);
            o.insert(QStringLiteral("tags"), tags);
            o.insert(QStringLiteral("lifecycle"), analysis::lifecycleText(r.resource));
            o.insert(QStringLiteral("ttl_expired"), r.ttl.expired);
            rows.append(o);
        }
        QJsonObject doc{{QStringLiteral("currency"), inv.currency}, {QStringLiteral("resources"), rows}};
        if (!inv.unconverted.empty())
            doc.insert(QStringLiteral("unconverted"), unconvertedJson(inv.unconverted));
        out << QJsonDocument(doc).toJson(QJsonDocument::Indented);
        return 0;
    }
    QStringList header;
    for (int c = 0; c < analysis::kResourceColumnCount; ++c)
        header << analysis::resourceColumnKey(static_cast<ResourceColumn>(c));
    header << QStringLiteral("lifecycle") << QStringLiteral("currency");
    TextTable table(header);
    for (const analysis::InventoryRow &r : inv.rows) {
        QStringList cells;
        for (int c = 0; c < analysis::kResourceColumnCount; ++c)
            cells << analysis::resourceCellText(r, static_cast<ResourceColumn>(c));
        cells << analysis::lifecycleText(r.resource) << inv.currency;
        table.addRow(cells);
    }
    if (format == u"csv") {
        out << table.toCsv();
        err << notCountedLines(inv.unconverted, inv.currency);
        return 0;
    }
    out << table.toText({static_cast<int>(ResourceColumn::CostMonth), static_cast<int>(ResourceColumn::CostToDate),
                         static_cast<int>(ResourceColumn::CpuAvg), static_cast<int>(ResourceColumn::CpuP95),
                         static_cast<int>(ResourceColumn::Recommendations)});
    out << '\n' << inv.rows.size() << " resources; costs in " << inv.currency << '\n';
    out << notCountedLines(inv.unconverted, inv.currency);
    return 0;
}

} // namespace costscope::app
