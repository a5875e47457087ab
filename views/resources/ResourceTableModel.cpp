#include "views/resources/ResourceTableModel.h"

#include "model/Money.h"
#include "views/common/ChartStyle.h"
#include "views/common/TableExport.h"

#include <QDateTime>
#include <QHash>
#include <QLocale>
#include <QTimeZone>

#include <algorithm>

namespace costscope::views {

namespace {

using analysis::ResourceColumn;

QString headerText(ResourceColumn c, const QString &currency)
{
    switch (c) {
    case ResourceColumn::Name: return ResourceTableModel::tr("Name");
    case ResourceColumn::Id: return ResourceTableModel::tr("Resource id");
    case ResourceColumn::Provider: return ResourceTableModel::tr("Provider");
    case ResourceColumn::Account: return ResourceTableModel::tr("Account");
    case ResourceColumn::Region: return ResourceTableModel::tr("Region");
    case ResourceColumn::Type: return ResourceTableModel::tr("Type");
    case ResourceColumn::Flavor: return ResourceTableModel::tr("Size");
    case ResourceColumn::State: return ResourceTableModel::tr("State");
    case ResourceColumn::FirstSeen: return ResourceTableModel::tr("First seen");
    case ResourceColumn::LastSeen: return ResourceTableModel::tr("Last seen");
    case ResourceColumn::Tags: return ResourceTableModel::tr("Tags");
    case ResourceColumn::Owner: return ResourceTableModel::tr("Owner");
    case ResourceColumn::Pool: return ResourceTableModel::tr("Pool");
    case ResourceColumn::CostMonth: return ResourceTableModel::tr("This month (%1)").arg(currency);
    case ResourceColumn::CostToDate: return ResourceTableModel::tr("To date (%1)").arg(currency);
    case ResourceColumn::CpuAvg: return ResourceTableModel::tr("CPU avg 7 d");
    case ResourceColumn::CpuP95: return ResourceTableModel::tr("CPU p95 7 d");
    case ResourceColumn::Recommendations: return ResourceTableModel::tr("Recommendations");
    case ResourceColumn::Ttl: return ResourceTableModel::tr("TTL");
    case ResourceColumn::Count: break;
    }
    return {};
}

bool isNumeric(ResourceColumn c)
{
    return c == ResourceColumn::CostMonth || c == ResourceColumn::CostToDate || c == ResourceColumn::CpuAvg
           || c == ResourceColumn::CpuP95 || c == ResourceColumn::Recommendations;
}

// The field a text column shows as stored, so sorting and filtering need not build the cell.
const QString *rawText(const analysis::InventoryRow &row, ResourceColumn c)
{
    const store::ResourceRow &r = row.resource;
    switch (c) {
    case ResourceColumn::Name: return &r.name;
    case ResourceColumn::Id: return &r.resourceId;
    case ResourceColumn::Provider: return &r.provider;
    case ResourceColumn::Region: return &r.region;
    case ResourceColumn::Type: return &r.type;
    case ResourceColumn::Flavor: return &r.flavor;
    case ResourceColumn::Owner: return &row.owner;
    case ResourceColumn::Pool: return &row.pool;
    default: return nullptr;
    }
}

// Numbers and dates: their cells hold digits, separators and "%" only.
bool isNumberOrDate(ResourceColumn c)
{
    return isNumeric(c) || c == ResourceColumn::FirstSeen || c == ResourceColumn::LastSeen;
}

QString localDay(int64_t seconds)
{
    return seconds > 0 ? QLocale().toString(QDateTime::fromSecsSinceEpoch(seconds).date(), QLocale::ShortFormat)
                       : QString();
}

// A time for the CSV: UTC ISO 8601, empty when unknown.
QVariant utcTime(int64_t seconds)
{
    return seconds > 0 ? QVariant(QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::utc())) : QVariant(QString());
}

} // namespace

ResourceTableModel::ResourceTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void ResourceTableModel::setInventory(std::shared_ptr<analysis::Inventory> inventory)
{
    beginResetModel();
    m_inventory = std::move(inventory);
    m_ranks.clear();
    endResetModel();
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
}

void ResourceTableModel::applyRules(std::vector<analysis::AssignmentRule> rules, std::vector<analysis::Pool> pools)
{
    if (!m_inventory)
        return;
    analysis::applyRules(*m_inventory, std::move(rules), std::move(pools));
    m_ranks.clear(); // owner and pool changed
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

const analysis::InventoryRow *ResourceTableModel::rowAt(int row) const
{
    if (!m_inventory || row < 0 || static_cast<size_t>(row) >= m_inventory->rows.size())
        return nullptr;
    return &m_inventory->rows[static_cast<size_t>(row)];
}

void ResourceTableModel::setPalette(const QPalette &palette)
{
    m_palette = palette;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

int ResourceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_inventory ? 0 : static_cast<int>(m_inventory->rows.size());
}

int ResourceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : analysis::kResourceColumnCount;
}

QString ResourceTableModel::typeText(const QString &type)
{
    static const QHash<QString, const char *> words{
        {QStringLiteral("instance"), QT_TR_NOOP("instance")},
        {QStringLiteral("volume"), QT_TR_NOOP("volume")},
        {QStringLiteral("snapshot"), QT_TR_NOOP("snapshot")},
        {QStringLiteral("image"), QT_TR_NOOP("image")},
        {QStringLiteral("ip"), QT_TR_NOOP("ip")},
        {QStringLiteral("bucket"), QT_TR_NOOP("bucket")},
        {QStringLiteral("database"), QT_TR_NOOP("database")},
        {QStringLiteral("cluster"), QT_TR_NOOP("cluster")},
        {QStringLiteral("workgroup"), QT_TR_NOOP("workgroup")},
        {QStringLiteral("stream"), QT_TR_NOOP("stream")},
        {QStringLiteral("security_group"), QT_TR_NOOP("security group")},
        {QStringLiteral("iam_user"), QT_TR_NOOP("IAM user")},
    };
    const auto it = words.constFind(type);
    return it == words.constEnd() ? type : tr(*it);
}

QString ResourceTableModel::stateText(const QString &state)
{
    static const QHash<QString, const char *> words{
        {QStringLiteral("running"), QT_TR_NOOP("running")},
        {QStringLiteral("stopped"), QT_TR_NOOP("stopped")},
        {QStringLiteral("stopping"), QT_TR_NOOP("stopping")},
        {QStringLiteral("pending"), QT_TR_NOOP("pending")},
        {QStringLiteral("terminated"), QT_TR_NOOP("terminated")},
        {QStringLiteral("deallocated"), QT_TR_NOOP("deallocated")},
        {QStringLiteral("available"), QT_TR_NOOP("available")},
        {QStringLiteral("in-use"), QT_TR_NOOP("in-use")},
        {QStringLiteral("completed"), QT_TR_NOOP("completed")},
        {QStringLiteral("deleted"), QT_TR_NOOP("deleted")},
        {QStringLiteral("active"), QT_TR_NOOP("active")},
        {QStringLiteral("associated"), QT_TR_NOOP("associated")},
        {QStringLiteral("unassociated"), QT_TR_NOOP("unassociated")},
        {QStringLiteral("released"), QT_TR_NOOP("released")},
    };
    const auto it = words.constFind(state);
    return it == words.constEnd() ? state : tr(*it);
}

QString ResourceTableModel::cellText(const analysis::InventoryRow &row, ResourceColumn column) const
{
    const store::ResourceRow &r = row.resource;
    switch (column) {
    case ResourceColumn::Type:
        // A billing-only row's type is the service that billed it: data, as billed.
        return r.billingOnly ? r.type : typeText(r.type);
    case ResourceColumn::State:
        if (r.billingOnly)
            return tr("billing only");
        if (!r.active)
            return r.state.isEmpty() ? tr("inactive") : tr("%1 (inactive)").arg(stateText(r.state));
        return stateText(r.state);
    case ResourceColumn::FirstSeen: return localDay(r.firstSeen);
    case ResourceColumn::LastSeen: return localDay(r.lastSeen);
    case ResourceColumn::CostMonth:
        // A star: part of the cost has no rate to the inventory's currency (the tooltip says so).
        return QLocale().toString(static_cast<double>(r.costMonth) / 1e9, 'f', 2) + (r.costUnconverted ? QStringLiteral(" *") : QString());
    case ResourceColumn::CostToDate:
        // A star: part of the cost has no rate to the inventory's currency (the tooltip says so).
        return QLocale().toString(static_cast<double>(r.costToDate) / 1e9, 'f', 2) + (r.costUnconverted ? QStringLiteral(" *") : QString());
    case ResourceColumn::CpuAvg: return r.cpuAvg < 0 ? QString() : QLocale().toString(r.cpuAvg, 'f', 1) + QStringLiteral(" %");
    case ResourceColumn::CpuP95: return r.cpuP95 < 0 ? QString() : QLocale().toString(r.cpuP95, 'f', 1) + QStringLiteral(" %");
    // A blank for none keeps the few rows that have some easy to see.
    case ResourceColumn::Recommendations: return r.recommendations > 0 ? QLocale().toString(r.recommendations) : QString();
    case ResourceColumn::Ttl:
        if (row.ttl.expiresAt <= 0)
            return {};
        return row.ttl.expired ? tr("expired %1").arg(localDay(row.ttl.expiresAt)) : localDay(row.ttl.expiresAt);
    default: return analysis::resourceCellText(row, column);
    }
}

QVariant ResourceTableModel::data(const QModelIndex &index, int role) const
{
    const analysis::InventoryRow *row = index.isValid() ? rowAt(index.row()) : nullptr;
    if (!row)
        return {};
    const auto column = static_cast<ResourceColumn>(index.column());
    const store::ResourceRow &r = row->resource;
    switch (role) {
    case Qt::DisplayRole: return cellText(*row, column);
    case SortRole:
        switch (column) {
        case ResourceColumn::CostMonth: return QVariant::fromValue<qlonglong>(r.costMonth);
        case ResourceColumn::CostToDate: return QVariant::fromValue<qlonglong>(r.costToDate);
        case ResourceColumn::CpuAvg: return r.cpuAvg;
        case ResourceColumn::CpuP95: return r.cpuP95;
        case ResourceColumn::Recommendations: return r.recommendations;
        case ResourceColumn::FirstSeen: return QVariant::fromValue<qlonglong>(r.firstSeen);
        case ResourceColumn::LastSeen: return QVariant::fromValue<qlonglong>(r.lastSeen);
        case ResourceColumn::Ttl: return QVariant::fromValue<qlonglong>(row->ttl.expiresAt);
        default: return analysis::resourceCellText(*row, column);
        }
    case ExportValueRole:
        switch (column) {
        case ResourceColumn::CostMonth: return Money::fromNanos(r.costMonth).toString(2);
        case ResourceColumn::CostToDate: return Money::fromNanos(r.costToDate).toString(2);
        case ResourceColumn::CpuAvg: return r.cpuAvg < 0 ? QString() : QString::number(r.cpuAvg, 'f', 1);
        case ResourceColumn::CpuP95: return r.cpuP95 < 0 ? QString() : QString::number(r.cpuP95, 'f', 1);
        case ResourceColumn::Recommendations: return r.recommendations;
        case ResourceColumn::FirstSeen: return utcTime(r.firstSeen);
        case ResourceColumn::LastSeen: return utcTime(r.lastSeen);
        case ResourceColumn::Ttl: return row->ttl.expiresAt <= 0 ? QVariant(QString()) : utcTime(row->ttl.expiresAt);
        default: return {};
        }
    case ExportCurrencyRole:
        if ((column == ResourceColumn::CostMonth || column == ResourceColumn::CostToDate) && m_inventory)
            return m_inventory->currency;
        return {};
    case Qt::TextAlignmentRole:
        return isNumeric(column) ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (!r.active || r.billingOnly)
            return m_palette.color(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::BackgroundRole:
        if (row->ttl.expired) {
            // A red tint that reads on light and dark bases.
            QColor tint = isDarkPalette(m_palette) ? QColor(150, 40, 40) : QColor(255, 205, 205);
            return tint;
        }
        return {};
    case Qt::ToolTipRole:
        if (r.costUnconverted && (column == ResourceColumn::CostMonth || column == ResourceColumn::CostToDate)
            && m_inventory)
            return tr("Part of this cost has no rate to %1 and is left out (named in the summary above)")
                .arg(m_inventory->currency);
        if (row->ttl.expired)
            return tr("TTL expired on %1").arg(QLocale().toString(QDateTime::fromSecsSinceEpoch(row->ttl.expiresAt)));
        if (r.billingOnly)
            return tr("Seen only in billing data; no inventory record");
        if (column == ResourceColumn::Tags)
            return analysis::tagsText(r.tags);
        if (column == ResourceColumn::Recommendations && r.recommendations > 0)
            return tr("%n recommendation(s) of the last run touch it; the details list them", nullptr, r.recommendations);
        return {};
    default: return {};
    }
}

QVariant ResourceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= analysis::kResourceColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return headerText(static_cast<ResourceColumn>(section), m_inventory ? m_inventory->currency : QString());
    // The CSV names the currency in its own column.
    if (role == ExportValueRole && static_cast<ResourceColumn>(section) == ResourceColumn::CostMonth)
        return tr("This month");
    if (role == ExportValueRole && static_cast<ResourceColumn>(section) == ResourceColumn::CostToDate)
        return tr("To date");
    return {};
}

bool ResourceTableModel::rowContains(int row, int column, const QString &text) const
{
    const analysis::InventoryRow *r = rowAt(row);
    if (!r)
        return false;
    // 100,000 rows x 19 columns: stored strings are searched as they are, and a text with a
    // letter in it skips the number and date cells, which cost a locale formatting each.
    const bool hasLetter = std::any_of(text.cbegin(), text.cend(), [](QChar ch) { return ch.isLetter(); });
    auto contains = [&](ResourceColumn c) {
        if (const QString *raw = rawText(*r, c))
            return raw->contains(text, Qt::CaseInsensitive);
        if (hasLetter && isNumberOrDate(c))
            return false;
        if (c == ResourceColumn::Ttl && r->ttl.expiresAt <= 0)
            return false;
        if (c == ResourceColumn::Tags && r->resource.tags.isEmpty())
            return false;
        return cellText(*r, c).contains(text, Qt::CaseInsensitive);
    };
    if (column >= 0)
        return contains(static_cast<ResourceColumn>(column));
    for (int c = 0; c < analysis::kResourceColumnCount; ++c)
        if (contains(static_cast<ResourceColumn>(c)))
            return true;
    return false;
}

bool ResourceTableModel::lessThan(int left, int right, int column) const
{
    const analysis::InventoryRow *a = rowAt(left);
    const analysis::InventoryRow *b = rowAt(right);
    if (!a || !b)
        return false;
    const store::ResourceRow &x = a->resource;
    const store::ResourceRow &y = b->resource;
    switch (static_cast<ResourceColumn>(column)) {
    case ResourceColumn::CostMonth: return x.costMonth < y.costMonth;
    case ResourceColumn::CostToDate: return x.costToDate < y.costToDate;
    case ResourceColumn::CpuAvg: return x.cpuAvg < y.cpuAvg;
    case ResourceColumn::CpuP95: return x.cpuP95 < y.cpuP95;
    case ResourceColumn::Recommendations: return x.recommendations < y.recommendations;
    case ResourceColumn::FirstSeen: return x.firstSeen < y.firstSeen;
    case ResourceColumn::LastSeen: return x.lastSeen < y.lastSeen;
    case ResourceColumn::Ttl: return a->ttl.expiresAt < b->ttl.expiresAt;
    default: {
        // Text: by the rows' cached ranks in the column.
        const std::vector<int> &ranks = textRanks(static_cast<ResourceColumn>(column));
        return ranks[static_cast<size_t>(left)] < ranks[static_cast<size_t>(right)];
    }
    }
}

const std::vector<int> &ResourceTableModel::textRanks(ResourceColumn c) const
{
    const auto column = static_cast<size_t>(c);
    if (m_ranks.size() <= column)
        m_ranks.resize(column + 1);
    std::vector<int> &ranks = m_ranks[column];
    const size_t n = m_inventory ? m_inventory->rows.size() : 0;
    if (ranks.size() == n)
        return ranks;
    // The sort key: the stored string where the cell shows it as stored, case-folded once.
    std::vector<QString> keys(n);
    for (size_t i = 0; i < n; ++i) {
        const analysis::InventoryRow &row = m_inventory->rows[i];
        if (const QString *raw = rawText(row, c)) {
            keys[i] = raw->toCaseFolded();
        } else if (c == ResourceColumn::Account) {
            // The cell reads "name (id)", or the id alone: by name, then id (\x01 sorts before any
            // character, so a name that is a prefix of another still comes first).
            const store::ResourceRow &r = row.resource;
            keys[i] = QString((r.accountName.isEmpty() ? r.accountId : r.accountName) + QChar(1) + r.accountId)
                          .toCaseFolded();
        } else {
            keys[i] = analysis::resourceCellText(row, c).toCaseFolded();
        }
    }
    std::vector<int> order(n);
    for (size_t i = 0; i < n; ++i)
        order[i] = static_cast<int>(i);
    std::sort(order.begin(), order.end(), [&keys](int x, int y) {
        return keys[static_cast<size_t>(x)] < keys[static_cast<size_t>(y)];
    });
    ranks.assign(n, 0);
    int rank = 0;
    for (size_t i = 0; i < n; ++i) {
        const auto row = static_cast<size_t>(order[i]);
        if (i > 0 && keys[row] != keys[static_cast<size_t>(order[i - 1])])
            ++rank;
        ranks[row] = rank;
    }
    return ranks;
}

ResourceFilterModel::ResourceFilterModel(QObject *parent) : QSortFilterProxyModel(parent) {}

const ResourceTableModel *ResourceFilterModel::resources() const
{
    return qobject_cast<const ResourceTableModel *>(sourceModel());
}

void ResourceFilterModel::setTextFilter(const QString &text, int column)
{
    m_text = text.trimmed();
    m_column = column;
    invalidateFilter();
}

void ResourceFilterModel::setShowInactive(bool show)
{
    m_showInactive = show;
    invalidateFilter();
}

void ResourceFilterModel::setGroupColumn(int column)
{
    m_groupColumn = column;
    invalidate();
}

bool ResourceFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    const ResourceTableModel *m = resources();
    if (!m)
        return true;
    if (!m_showInactive) {
        const analysis::InventoryRow *r = m->rowAt(sourceRow);
        if (r && !r->resource.active && !r->resource.billingOnly)
            return false;
    }
    return m_text.isEmpty() || m->rowContains(sourceRow, m_column, m_text);
}

bool ResourceFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const ResourceTableModel *m = resources();
    if (!m)
        return QSortFilterProxyModel::lessThan(left, right);
    if (m_groupColumn >= 0 && m_groupColumn != left.column()) {
        // Groups stay together whichever way the column sorts.
        const bool descending = sortOrder() == Qt::DescendingOrder;
        if (m->lessThan(left.row(), right.row(), m_groupColumn))
            return !descending;
        if (m->lessThan(right.row(), left.row(), m_groupColumn))
            return descending;
    }
    return m->lessThan(left.row(), right.row(), left.column());
}

} // namespace costscope::views
