#include "views/saas/SaasTab.h"

#include "model/Money.h"
#include "model/analysis/recommendations/RecommendationEngine.h"
#include "model/analysis/recommendations/RecommendationModule.h"
#include "model/report/Csv.h"
#include "views/common/ChartStyle.h"
#include "views/common/DisplayCurrency.h"
#include "views/common/TableExport.h"

#include <QAbstractItemModel>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateTimeAxis>
#include <QEvent>
#include <QFileDialog>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <map>
#include <cmath>

namespace costscope::views {

namespace {

constexpr int kSortRole = Qt::UserRole + 1;
constexpr int kIndexRole = Qt::UserRole + 2; // row of the item in the overview's vector
// The cell as CSV wants it (plain numbers, ISO times) and a money cell's currency: the roles the
// shared table export reads too, so its context-menu CSV matches the Export buttons'.
constexpr int kCsvRole = ExportValueRole;
constexpr int kCurrencyRole = ExportCurrencyRole;
constexpr int kMoneyColumnRole = Qt::UserRole + 4; // on the header: the money column
constexpr int kMaxEntities = 200;
constexpr int kMaxChartGroups = 8;

double unitsOf(int64_t nanos) { return static_cast<double>(nanos) / static_cast<double>(Money::kScale); }

QString countText(double n)
{
    const QLocale locale;
    const double a = std::abs(n);
    if (locale.language() == QLocale::Chinese) { // Chinese groups by 万 (10^4) and 亿 (10^8), not by thousands
        if (a >= 1e8)
            return locale.toString(n / 1e8, 'f', 1) + QStringLiteral("亿");
        if (a >= 1e5)
            return locale.toString(n / 1e4, 'f', 1) + QStringLiteral("万");
        return locale.toString(n, 'f', std::abs(n - std::round(n)) < 1e-9 ? 0 : 1);
    }
    if (a >= 1e9)
        return locale.toString(n / 1e9, 'f', 1) + QStringLiteral("\u00a0B");
    if (a >= 1e6)
        return locale.toString(n / 1e6, 'f', 1) + QStringLiteral("\u00a0M");
    if (a >= 1e4)
        return locale.toString(n / 1e3, 'f', 1) + QStringLiteral("\u00a0k");
    return locale.toString(n, 'f', std::abs(n - std::round(n)) < 1e-9 ? 0 : 1);
}

QString bytesText(double bytes)
{
    return QLocale().formattedDataSize(static_cast<qint64>(std::llround(std::max(0.0, bytes))), 1, QLocale::DataSizeIecFormat);
}

QString numberText(double n, int decimals) { return QLocale().toString(n, 'f', decimals); }

// "1.2 M tier-1 requests", "3.4 GiB out", "120.5 credits" ...
QString usageText(const store::SaasUsageAmount &u)
{
    const QString &t = u.usageType;
    const double q = u.quantity;
    if (u.unit == u"bytes") {
        QString what;
        if (t == u"bytes-out")
            what = SaasTab::tr("out");
        else if (t == u"bytes-in")
            what = SaasTab::tr("in");
        else if (t == u"bytes-billed")
            what = SaasTab::tr("billed");
        else if (t == u"spectrum-bytes")
            what = SaasTab::tr("scanned by Spectrum");
        else if (t == u"bytes-scanned")
            what = SaasTab::tr("scanned");
        else
            what = t;
        return bytesText(q) + u' ' + what;
    }
    if (t == u"requests-tier1")
        return SaasTab::tr("%1 tier-1 requests").arg(countText(q));
    if (t == u"requests-tier2")
        return SaasTab::tr("%1 tier-2 requests").arg(countText(q));
    if (t == u"queries")
        return SaasTab::tr("%1 queries").arg(countText(q));
    if (t == u"storage")
        return SaasTab::tr("%1 GB-months stored").arg(numberText(q, 1));
    if (t == u"node-hours")
        return SaasTab::tr("%1 node-hours").arg(numberText(q, 1));
    if (t == u"rpu-hours")
        return SaasTab::tr("%1 RPU-hours").arg(numberText(q, 1));
    if (t == u"slot-ms")
        return SaasTab::tr("%1 slot-hours").arg(numberText(q / 3.6e6, 1));
    if (t == u"dbu")
        return SaasTab::tr("%1 DBU").arg(numberText(q, 1));
    if (t == u"credits")
        return SaasTab::tr("%1 credits").arg(numberText(q, 2));
    if (t == u"credits-compute")
        return SaasTab::tr("%1 compute credits").arg(numberText(q, 2));
    if (t == u"credits-cloud-services")
        return SaasTab::tr("%1 cloud services credits").arg(numberText(q, 2));
    return numberText(q, 2) + u' ' + u.unit + QStringLiteral(" (") + t + u')';
}

QString usageSummary(const std::vector<store::SaasUsageAmount> &usage, int max)
{
    QStringList parts;
    for (const store::SaasUsageAmount &u : usage) {
        if (static_cast<int>(parts.size()) == max)
            break;
        parts << usageText(u);
    }
    return parts.join(QStringLiteral(" \u00b7 "));
}

QString usageFull(const std::vector<store::SaasUsageAmount> &usage)
{
    QStringList parts;
    for (const store::SaasUsageAmount &u : usage)
        parts << usageText(u);
    return parts.join(QStringLiteral("; "));
}

QString durationText(int64_t ms)
{
    if (ms < 1000)
        return SaasTab::tr("%1 ms").arg(ms);
    const double s = static_cast<double>(ms) / 1000.0;
    if (s < 60)
        return SaasTab::tr("%1 s").arg(numberText(s, 1));
    if (s < 3600)
        return SaasTab::tr("%1 min").arg(numberText(s / 60.0, 1));
    return SaasTab::tr("%1 h").arg(numberText(s / 3600.0, 1));
}

QString decimalText(int64_t nanos) { return Money::fromNanos(nanos).toString(); }

QStandardItem *textItem(const QString &text)
{
    auto *item = new QStandardItem(text);
    item->setData(text.toLower(), kSortRole);
    item->setData(text, kCsvRole);
    item->setEditable(false);
    return item;
}

QStandardItem *numberItem(const QString &text, double sortValue, const QString &csv)
{
    auto *item = new QStandardItem(text);
    item->setData(sortValue, kSortRole);
    item->setData(csv, kCsvRole);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setEditable(false);
    return item;
}

QStandardItem *moneyItem(int64_t nanos, const QString &currency)
{
    auto *item = numberItem(moneyText(nanos, currency), static_cast<double>(nanos), decimalText(nanos));
    item->setData(currency, kCurrencyRole);
    return item;
}

QStandardItem *shareItem(int64_t part, int64_t total)
{
    const double share = total > 0 ? static_cast<double>(part) / static_cast<double>(total) * 100.0 : 0.0;
    return numberItem(numberText(share, 1) + QStringLiteral("\u00a0%"), share, numberText(share, 2));
}

QTableView *makeTable(QStandardItemModel *model, const QString &name, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setObjectName(name);
    installTableExport(table, name);
    table->setModel(model);
    table->setSortingEnabled(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

QStandardItemModel *makeModel(const QStringList &headers, int moneyColumn, QObject *parent)
{
    auto *model = new QStandardItemModel(parent);
    model->setSortRole(kSortRole);
    model->setHorizontalHeaderLabels(headers);
    model->setHeaderData(moneyColumn, Qt::Horizontal, true, kMoneyColumnRole);
    return model;
}

struct EntityKindChoice
{
    const char *title;
    QStringList kinds; // empty: every kind
};

const std::vector<EntityKindChoice> &entityKindChoices()
{
    static const std::vector<EntityKindChoice> choices = {
        {QT_TRANSLATE_NOOP("costscope::views::SaasTab", "Buckets"), {QStringLiteral("bucket")}},
        {QT_TRANSLATE_NOOP("costscope::views::SaasTab", "Clusters and workgroups"),
         {QStringLiteral("cluster"), QStringLiteral("workgroup")}},
        {QT_TRANSLATE_NOOP("costscope::views::SaasTab", "Warehouses"), {QStringLiteral("warehouse")}},
        {QT_TRANSLATE_NOOP("costscope::views::SaasTab", "Workspaces"), {QStringLiteral("workspace")}},
        {QT_TRANSLATE_NOOP("costscope::views::SaasTab", "Projects"), {QStringLiteral("project")}},
        {QT_TRANSLATE_NOOP("costscope::views::SaasTab", "Users"), {QStringLiteral("user")}},
        {QT_TRANSLATE_NOOP("costscope::views::SaasTab", "SKUs"), {QStringLiteral("sku")}},
        // Usage without a resource: Cost Explorer's S3/Redshift rows, CUR lines without a resource id.
        {QT_TRANSLATE_NOOP("costscope::views::SaasTab", "Accounts"), {QStringLiteral("account")}},
        {QT_TRANSLATE_NOOP("costscope::views::SaasTab", "Everything"), {}},
    };
    return choices;
}

QString kindTitle(const QString &kind)
{
    if (kind == u"bucket")
        return SaasTab::tr("bucket");
    if (kind == u"cluster")
        return SaasTab::tr("cluster");
    if (kind == u"workgroup")
        return SaasTab::tr("workgroup");
    if (kind == u"warehouse")
        return SaasTab::tr("warehouse");
    if (kind == u"workspace")
        return SaasTab::tr("workspace");
    if (kind == u"project")
        return SaasTab::tr("project");
    if (kind == u"user")
        return SaasTab::tr("user");
    if (kind == u"sku")
        return SaasTab::tr("SKU");
    if (kind == u"account")
        return SaasTab::tr("account");
    return kind;
}

QString moduleTitle(const QString &moduleId)
{
    for (const auto &m : analysis::RecommendationEngine::modules())
        if (m->id() == moduleId)
            return m->title();
    return moduleId;
}

// What a queued match of an entity against the line items answers.
struct MatchAnswer
{
    QString resourceId;
    QString error;
};

} // namespace

SaasTab::SaasTab(const QueryRunner &queries, std::function<QDate()> today, QWidget *parent)
    : QWidget(parent), m_queries(queries), m_today(std::move(today))
{
    setObjectName(QStringLiteral("saasTab"));
    auto *layout = new QVBoxLayout(this);

    auto *bar = new QHBoxLayout;
    m_service = new QComboBox(this);
    m_service->setObjectName(QStringLiteral("saasService"));
    m_service->addItem(tr("All services"), QString());
    for (const QString &s : store::saasServices())
        m_service->addItem(s, s);
    m_period = new QComboBox(this);
    m_period->setObjectName(QStringLiteral("saasPeriod"));
    m_period->addItem(tr("Last 30 days"), static_cast<int>(Period::Last30Days));
    m_period->addItem(tr("Last 90 days"), static_cast<int>(Period::Last90Days));
    m_period->addItem(tr("This month"), static_cast<int>(Period::ThisMonth));
    m_period->addItem(tr("Last month"), static_cast<int>(Period::LastMonth));
    m_period->addItem(tr("Last 12 months"), static_cast<int>(Period::Last12Months));
    m_period->setCurrentIndex(1);
    m_bucketing = new QComboBox(this);
    m_bucketing->setObjectName(QStringLiteral("saasBucketing"));
    m_bucketing->addItem(tr("By day"), static_cast<int>(store::SaasBucketing::Day));
    m_bucketing->addItem(tr("By week"), static_cast<int>(store::SaasBucketing::Week));
    m_bucketing->addItem(tr("By month"), static_cast<int>(store::SaasBucketing::Month));
    m_bucketing->setCurrentIndex(1);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("saasSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bar->addWidget(new QLabel(tr("Service:"), this));
    bar->addWidget(m_service);
    bar->addWidget(new QLabel(tr("Period:"), this));
    bar->addWidget(m_period);
    bar->addWidget(m_bucketing);
    bar->addSpacing(12);
    bar->addWidget(m_summary, 1);
    layout->addLayout(bar);

    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("saasStack"));
    m_empty = new QLabel(m_stack);
    m_empty->setObjectName(QStringLiteral("saasEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setMargin(40);
    m_empty->setText(
        tr("No SaaS or PaaS usage in this workspace yet.\n\n"
           "This tab shows what Amazon S3, Amazon Redshift, Google BigQuery, Databricks and Snowflake were used for, "
           "by whom, and what it cost.\n\n"
           "\u2022 S3 and Redshift: import an AWS Cost and Usage Report (File \u25b8 Import billing files\u2026) or "
           "sync an AWS account.\n"
           "\u2022 BigQuery: connect a GCP account in the Accounts tab; its jobs (bytes billed, slot time, user) are read "
           "from INFORMATION_SCHEMA.JOBS.\n"
           "\u2022 Databricks and Snowflake: connect the workspace or account in the Accounts tab, or import their "
           "usage exports.\n\n"
           "The demo workspace (File \u25b8 Regenerate demo workspace) includes all five services."));
    m_stack->addWidget(m_empty);

    m_sections = new QTabWidget(m_stack);
    m_sections->setObjectName(QStringLiteral("saasSections"));
    m_stack->addWidget(m_sections);
    layout->addWidget(m_stack, 1);

    // Cost and usage: the stacked chart over the services table.
    {
        auto *page = new QSplitter(Qt::Vertical, m_sections);
        page->setObjectName(QStringLiteral("saasCostPage"));
        m_costChart = new QChartView(page);
        m_costChart->setObjectName(QStringLiteral("saasCostChart"));
        m_costChart->setRenderHint(QPainter::Antialiasing);
        m_costChart->setMinimumHeight(220);
        auto *lower = new QWidget(page);
        auto *lowerLayout = new QVBoxLayout(lower);
        lowerLayout->setContentsMargins(0, 0, 0, 0);
        m_servicesModel = makeModel({tr("Service"), tr("Cost"), tr("Share"), tr("Usage")}, 1, this);
        m_servicesTable = makeTable(m_servicesModel, QStringLiteral("saasServicesTable"), lower);
        auto *exportServices = new QPushButton(tr("Export CSV\u2026"), lower);
        exportServices->setObjectName(QStringLiteral("saasExportServices"));
        auto *row = new QHBoxLayout;
        row->addStretch(1);
        row->addWidget(exportServices);
        lowerLayout->addWidget(m_servicesTable, 1);
        lowerLayout->addLayout(row);
        page->addWidget(m_costChart);
        page->addWidget(lower);
        page->setStretchFactor(0, 3);
        page->setStretchFactor(1, 2);
        m_sections->addTab(page, tr("Cost and usage"));
        connect(exportServices, &QPushButton::clicked, this,
                [this] { chooseExportFile(m_servicesTable, QStringLiteral("saas-services.csv")); });
    }

    // Top spenders: one kind of entity at a time.
    {
        auto *page = new QWidget(m_sections);
        auto *pageLayout = new QVBoxLayout(page);
        auto *row = new QHBoxLayout;
        m_entityKind = new QComboBox(page);
        m_entityKind->setObjectName(QStringLiteral("saasEntityKind"));
        for (int i = 0; i < static_cast<int>(entityKindChoices().size()); ++i)
            m_entityKind->addItem(tr(entityKindChoices()[static_cast<size_t>(i)].title), i);
        m_showCosts = new QPushButton(tr("Show line items in Cost Explorer"), page);
        m_showCosts->setObjectName(QStringLiteral("saasShowCosts"));
        m_showCosts->setEnabled(false);
        m_showCosts->setToolTip(tr("Opens Cost Explorer filtered to the selected bucket, cluster or warehouse when its "
                                   "bill carries it as a resource (double-click a row does the same)."));
        auto *exportEntities = new QPushButton(tr("Export CSV\u2026"), page);
        exportEntities->setObjectName(QStringLiteral("saasExportEntities"));
        row->addWidget(new QLabel(tr("Top by cost:"), page));
        row->addWidget(m_entityKind);
        row->addStretch(1);
        row->addWidget(m_showCosts);
        row->addWidget(exportEntities);
        m_entitiesModel = makeModel({tr("Service"), tr("Account"), tr("Kind"), tr("Name"), tr("Cost"), tr("Share"), tr("Usage")}, 4, this);
        m_entitiesTable = makeTable(m_entitiesModel, QStringLiteral("saasEntitiesTable"), page);
        m_entitiesNote = new QLabel(page);
        m_entitiesNote->setObjectName(QStringLiteral("saasEntitiesNote"));
        m_entitiesNote->setWordWrap(true);
        pageLayout->addLayout(row);
        pageLayout->addWidget(m_entitiesTable, 1);
        pageLayout->addWidget(m_entitiesNote);
        m_sections->addTab(page, tr("Top spenders"));
        connect(m_entityKind, &QComboBox::currentIndexChanged, this, &SaasTab::fillEntities);
        connect(m_showCosts, &QPushButton::clicked, this, &SaasTab::showSelectedEntityCosts);
        connect(m_entitiesTable, &QAbstractItemView::doubleClicked, this, &SaasTab::showSelectedEntityCosts);
        connect(m_entitiesTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
                [this](const QModelIndex &current) { m_showCosts->setEnabled(current.isValid()); });
        connect(exportEntities, &QPushButton::clicked, this,
                [this] { chooseExportFile(m_entitiesTable, QStringLiteral("saas-top.csv")); });
    }

    // Unit costs: one line chart per metric with data.
    {
        auto *scroll = new QScrollArea(m_sections);
        scroll->setObjectName(QStringLiteral("saasUnitCosts"));
        scroll->setWidgetResizable(true);
        m_unitPage = new QWidget(scroll);
        auto *pageLayout = new QVBoxLayout(m_unitPage);
        m_unitEmpty = new QLabel(tr("No usage quantities in this period to divide the cost by."), m_unitPage);
        m_unitEmpty->setObjectName(QStringLiteral("saasUnitEmpty"));
        m_unitGrid = new QGridLayout;
        pageLayout->addWidget(m_unitEmpty);
        pageLayout->addLayout(m_unitGrid, 1);
        scroll->setWidget(m_unitPage);
        m_sections->addTab(scroll, tr("Unit costs"));
    }

    // Expensive queries: the list with the query on one line, the full text below.
    {
        auto *page = new QWidget(m_sections);
        auto *pageLayout = new QVBoxLayout(page);
        auto *row = new QHBoxLayout;
        m_queriesNote = new QLabel(page);
        m_queriesNote->setObjectName(QStringLiteral("saasQueriesNote"));
        auto *exportQueries = new QPushButton(tr("Export CSV\u2026"), page);
        exportQueries->setObjectName(QStringLiteral("saasExportQueries"));
        row->addWidget(m_queriesNote, 1);
        row->addWidget(exportQueries);
        auto *split = new QSplitter(Qt::Vertical, page);
        m_queriesModel = makeModel({tr("Service"), tr("User"), tr("Scope"), tr("Started"), tr("Duration"), tr("Bytes scanned"),
                                    tr("Credits"), tr("Cost"), tr("Query")},
                                   7, this);
        m_queriesTable = makeTable(m_queriesModel, QStringLiteral("saasQueriesTable"), split);
        m_queryDetails = new QPlainTextEdit(split);
        m_queryDetails->setObjectName(QStringLiteral("saasQueryDetails"));
        m_queryDetails->setReadOnly(true);
        m_queryDetails->setPlaceholderText(tr("Select a query to see its full text."));
        QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        m_queryDetails->setFont(mono);
        split->addWidget(m_queriesTable);
        split->addWidget(m_queryDetails);
        split->setStretchFactor(0, 3);
        split->setStretchFactor(1, 1);
        pageLayout->addLayout(row);
        pageLayout->addWidget(split, 1);
        m_sections->addTab(page, tr("Expensive queries"));
        connect(m_queriesTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &SaasTab::showQueryDetails);
        connect(exportQueries, &QPushButton::clicked, this,
                [this] { chooseExportFile(m_queriesTable, QStringLiteral("saas-queries.csv")); });
    }

    // Recommendations about these services (the last run of the Recommendations tab).
    {
        auto *page = new QWidget(m_sections);
        auto *pageLayout = new QVBoxLayout(page);
        auto *row = new QHBoxLayout;
        m_recommendationsNote = new QLabel(page);
        m_recommendationsNote->setObjectName(QStringLiteral("saasRecommendationsNote"));
        m_recommendationsNote->setWordWrap(true);
        auto *exportRecommendations = new QPushButton(tr("Export CSV\u2026"), page);
        exportRecommendations->setObjectName(QStringLiteral("saasExportRecommendations"));
        row->addWidget(m_recommendationsNote, 1);
        row->addWidget(exportRecommendations);
        m_recommendationsModel =
            makeModel({tr("Service"), tr("Recommendation"), tr("Resource"), tr("Saving / month"), tr("How it was found")}, 3, this);
        m_recommendationsTable = makeTable(m_recommendationsModel, QStringLiteral("saasRecommendationsTable"), page);
        pageLayout->addLayout(row);
        pageLayout->addWidget(m_recommendationsTable, 1);
        m_sections->addTab(page, tr("Recommendations"));
        connect(exportRecommendations, &QPushButton::clicked, this,
                [this] { chooseExportFile(m_recommendationsTable, QStringLiteral("saas-recommendations.csv")); });
    }

    connect(m_service, &QComboBox::currentIndexChanged, this, &SaasTab::reload);
    connect(m_period, &QComboBox::currentIndexChanged, this, [this] {
        if (static_cast<Period>(m_period->currentData().toInt()) == Period::Last12Months)
            m_bucketing->setCurrentIndex(m_bucketing->findData(static_cast<int>(store::SaasBucketing::Month)));
        reload();
    });
    connect(m_bucketing, &QComboBox::currentIndexChanged, this, &SaasTab::reload);
}

void SaasTab::reload()
{
    store::SaasFilter filter;
    filter.service = m_service->currentData().toString();
    filter.bucketing = static_cast<store::SaasBucketing>(m_bucketing->currentData().toInt());
    const auto period = static_cast<Period>(m_period->currentData().toInt());
    const QDate today = m_today ? m_today() : QDateTime::currentDateTimeUtc().date();
    const QString currency = displayCurrencySetting(); // empty: the main currency
    ++*m_generation;
    m_queries.run<store::SaasOverview>(
        this,
        [filter, period, today, currency](store::CostQuery &q) {
            store::SaasQuery saas(q.store());
            // The period ends at the last day with SaaS data when that is before today, as
            // Cost Explorer's does with the bill.
            const QDate last = saas.lastDay();
            const QDate anchor = last.isValid() ? std::min(last, today) : today;
            const QDate monthStart(anchor.year(), anchor.month(), 1);
            store::SaasFilter f = filter;
            f.displayCurrency = currency.isEmpty() ? q.mainCurrency() : currency;
            f.to = anchor.addDays(1);
            switch (period) {
            case Period::Last30Days: f.from = anchor.addDays(-29); break;
            case Period::Last90Days: f.from = anchor.addDays(-89); break;
            case Period::ThisMonth: f.from = monthStart; break;
            case Period::LastMonth:
                f.from = monthStart.addMonths(-1);
                f.to = monthStart;
                break;
            case Period::Last12Months: f.from = monthStart.addMonths(-11); break;
            }
            return saas.overview(f);
        },
        [this](const store::SaasOverview &o) { apply(o); }, m_generation);
}

void SaasTab::apply(const store::SaasOverview &overview)
{
    m_overview = overview;
    if (!overview.error.isEmpty()) {
        Q_EMIT failed(tr("The SaaS usage could not be read: %1").arg(overview.error));
        return;
    }
    m_stack->setCurrentWidget(overview.anyData ? static_cast<QWidget *>(m_sections) : m_empty);
    const QLocale locale;
    QString summary;
    if (overview.total == 0 && overview.queries.empty()) {
        summary = tr("No SaaS usage from %1 to %2.")
                      .arg(locale.toString(overview.from, QLocale::ShortFormat),
                           locale.toString(overview.to.addDays(-1), QLocale::ShortFormat));
    } else {
        summary = tr("%1 from %2 to %3 \u00b7 %n queries", nullptr, static_cast<int>(overview.queryCount))
                      .arg(moneyText(overview.total, overview.currency),
                           locale.toString(overview.from, QLocale::ShortFormat),
                           locale.toString(overview.to.addDays(-1), QLocale::ShortFormat));
    }
    if (!overview.otherCurrencies.isEmpty())
        summary += u' ' + tr("(not included: costs in %1)").arg(overview.otherCurrencies.join(QStringLiteral(", ")));
    const QString note = unconvertedNote(overview.unconverted, overview.currency, false);
    if (!note.isEmpty())
        summary += u' ' + note;
    m_summary->setText(summary);
    fillServices();
    fillEntities();
    fillQueries();
    fillRecommendations();
    rebuildCharts();
    Q_EMIT loaded();
}

void SaasTab::fillServices()
{
    m_servicesModel->removeRows(0, m_servicesModel->rowCount());
    const QString &currency = m_overview.currency;
    for (const store::SaasServiceTotal &s : m_overview.services) {
        auto *usage = textItem(usageSummary(s.usage, 4));
        usage->setToolTip(usageFull(s.usage));
        usage->setData(usageFull(s.usage), kCsvRole);
        m_servicesModel->appendRow({textItem(s.service), moneyItem(s.cost, currency), shareItem(s.cost, m_overview.total), usage});
    }
    m_servicesTable->setColumnWidth(0, 130);
    m_servicesTable->setColumnWidth(1, 140);
    m_servicesTable->setColumnWidth(2, 80);
    m_servicesTable->sortByColumn(1, Qt::DescendingOrder);
}

void SaasTab::fillEntities()
{
    m_entitiesModel->removeRows(0, m_entitiesModel->rowCount());
    m_showCosts->setEnabled(false);
    const int choice = std::clamp(m_entityKind->currentData().toInt(), 0, static_cast<int>(entityKindChoices().size()) - 1);
    const QStringList &kinds = entityKindChoices()[static_cast<size_t>(choice)].kinds;
    int64_t total = 0;
    int count = 0;
    for (const store::SaasEntity &e : m_overview.entities) {
        if (kinds.isEmpty() || kinds.contains(e.kind)) {
            total += e.cost;
            ++count;
        }
    }
    int shown = 0;
    const QString &currency = m_overview.currency;
    for (size_t i = 0; i < m_overview.entities.size() && shown < kMaxEntities; ++i) {
        const store::SaasEntity &e = m_overview.entities[i];
        if (!kinds.isEmpty() && !kinds.contains(e.kind))
            continue;
        auto *service = textItem(e.service);
        service->setData(static_cast<qulonglong>(i), kIndexRole);
        auto *name = textItem(e.name);
        name->setToolTip(e.name);
        auto *usage = textItem(usageSummary(e.usage, 3));
        usage->setToolTip(usageFull(e.usage));
        usage->setData(usageFull(e.usage), kCsvRole);
        m_entitiesModel->appendRow({service, textItem(e.account), textItem(kindTitle(e.kind)), name,
                                    moneyItem(e.cost, currency), shareItem(e.cost, total), usage});
        ++shown;
    }
    const int widths[] = {100, 140, 90, 260, 130, 70};
    for (int c = 0; c < 6; ++c)
        m_entitiesTable->setColumnWidth(c, widths[c]);
    m_entitiesTable->sortByColumn(4, Qt::DescendingOrder);
    if (count == 0)
        m_entitiesNote->setText(tr("Nothing of this kind in the period for this service."));
    else if (count > shown)
        m_entitiesNote->setText(tr("The %1 largest of %2; share is of the cost of all %2.").arg(shown).arg(count));
    else
        m_entitiesNote->clear();
}

void SaasTab::fillQueries()
{
    m_queriesModel->removeRows(0, m_queriesModel->rowCount());
    m_queryDetails->clear();
    const QString &currency = m_overview.currency;
    const QLocale locale;
    for (size_t i = 0; i < m_overview.queries.size(); ++i) {
        const store::SaasQueryInfo &q = m_overview.queries[i];
        auto *service = textItem(q.service);
        service->setData(static_cast<qulonglong>(i), kIndexRole);
        const QDateTime local = q.started.toLocalTime();
        auto *started = numberItem(locale.toString(local, QLocale::ShortFormat), static_cast<double>(q.started.toMSecsSinceEpoch()),
                                   q.started.toString(Qt::ISODate));
        started->setTextAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        const QString line = store::saasOneLine(q.text);
        auto *text = textItem(q.fullScan ? tr("[full scan] %1").arg(line) : line);
        // The whole text in the tooltip, escaped (a query is not markup) and wrapped.
        text->setToolTip(QStringLiteral("<p style='white-space:pre-wrap'>") + q.text.toHtmlEscaped() + QStringLiteral("</p>"));
        text->setData(q.text, kCsvRole);
        m_queriesModel->appendRow(
            {service, textItem(q.user), textItem(q.scope), started,
             numberItem(durationText(q.durationMs), static_cast<double>(q.durationMs), QString::number(q.durationMs)),
             numberItem(bytesText(static_cast<double>(q.bytesScanned)), static_cast<double>(q.bytesScanned),
                        QString::number(q.bytesScanned)),
             numberItem(q.credits > 0 ? numberText(q.credits, 3) : QString(), q.credits, QString::number(q.credits, 'g', 12)),
             moneyItem(q.cost, currency), text});
    }
    const int widths[] = {90, 210, 130, 150, 80, 100, 70, 110};
    for (int c = 0; c < 8; ++c)
        m_queriesTable->setColumnWidth(c, widths[c]);
    m_queriesTable->sortByColumn(7, Qt::DescendingOrder);
    if (m_overview.queries.empty())
        m_queriesNote->setText(tr("No queries in the period for this service (BigQuery, Snowflake, Databricks and Redshift "
                                  "report them)."));
    else if (m_overview.queryCount > static_cast<int64_t>(m_overview.queries.size()))
        m_queriesNote->setText(tr("The %1 most expensive of %2 queries.").arg(m_overview.queries.size()).arg(m_overview.queryCount));
    else
        m_queriesNote->setText(tr("%n queries, most expensive first.", nullptr, static_cast<int>(m_overview.queries.size())));
}

void SaasTab::fillRecommendations()
{
    m_recommendationsModel->removeRows(0, m_recommendationsModel->rowCount());
    int64_t saving = 0;
    const QString currency = m_overview.currency;
    std::map<QString, store::UnconvertedAmount> missing; // savings with no rate to the tab's currency
    for (const store::RecommendationRecord &r : m_overview.recommendations) {
        auto *resource = textItem(r.name.isEmpty() || r.name == r.resourceId ? r.resourceId
                                                                              : r.name + QStringLiteral(" (") + r.resourceId + u')');
        resource->setToolTip(r.resourceId);
        auto *detail = textItem(r.detail);
        detail->setToolTip(r.detail.toHtmlEscaped());
        QStandardItem *amount = moneyItem(r.saving.nanos(), r.currency);
        if (r.currency != currency) {
            // No rate: its own currency, starred, outside the total and named below.
            amount->setText(amount->text() + QStringLiteral(" *"));
            amount->setToolTip(tr("Computed in %1; there is no rate from %1 to %2").arg(r.currency, currency));
            store::UnconvertedAmount &u = missing[r.currency];
            u.currency = r.currency;
            u.nanos += r.saving.nanos();
            if (u.months.isEmpty() && m_overview.savingsMonth.isValid())
                u.months << m_overview.savingsMonth;
        } else {
            saving += r.saving.nanos();
            if (!r.computedCurrency.isEmpty() && r.computedCurrency != r.currency)
                amount->setToolTip(tr("Computed as %1 a month, converted to %2")
                                       .arg(moneyText(r.computedSaving.nanos(), r.computedCurrency), r.currency));
        }
        m_recommendationsModel->appendRow({textItem(store::saasServiceOfModule(r.module)), textItem(moduleTitle(r.module)),
                                           resource, amount, detail});
    }
    const int widths[] = {90, 220, 260, 130};
    for (int c = 0; c < 4; ++c)
        m_recommendationsTable->setColumnWidth(c, widths[c]);
    m_recommendationsTable->sortByColumn(3, Qt::DescendingOrder);
    if (m_overview.recommendations.empty()) {
        m_recommendationsNote->setText(tr("No open recommendations about these services in the last run (Recommendations tab)."));
    } else {
        std::vector<store::UnconvertedAmount> list;
        for (const auto &[code, u] : missing)
            list.push_back(u);
        QString note = tr("%n open recommendations from the last run, saving %1 a month.", nullptr,
                          static_cast<int>(m_overview.recommendations.size()))
                           .arg(moneyText(saving, currency));
        if (const QString no = unconvertedNote(list, currency); !no.isEmpty())
            note += u' ' + no;
        m_recommendationsNote->setText(note);
    }
}

void SaasTab::rebuildCharts()
{
    const QPalette pal = palette();
    QChart *old = m_costChart->chart();
    QChart *chart = makeStackedCostChart(m_overview.series.collapsed(kMaxChartGroups, tr("Other")), pal);
    if (m_overview.bucketing == store::SaasBucketing::Week) {
        // The shared chart labels daily buckets weekly; weeks get a label every few weeks instead.
        const auto axes = chart->axes(Qt::Horizontal);
        if (auto *x = axes.isEmpty() ? nullptr : qobject_cast<QCategoryAxis *>(axes.first())) {
            for (const QString &label : x->categoriesLabels())
                x->remove(label);
            const std::vector<QDate> &weeks = m_overview.series.buckets;
            const int n = static_cast<int>(weeks.size());
            const int step = std::max(1, (n + 11) / 12);
            const QLocale locale;
            for (int i = 0; i < n; i += step)
                x->append(locale.toString(weeks[static_cast<size_t>(i)], shortDayFormat()), i);
            x->setRange(-0.5, n - 0.5);
        }
    }
    chart->setTitle(m_service->currentData().toString().isEmpty() ? tr("Cost per service")
                                                                   : tr("%1 cost per usage type").arg(m_service->currentText()));
    m_costChart->setChart(chart);
    delete old;

    // Unit costs: one chart per metric, two columns.
    while (QLayoutItem *item = m_unitGrid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_unitEmpty->setVisible(m_overview.unitCosts.empty());
    const std::vector<QDate> &buckets = m_overview.series.buckets;
    int index = 0;
    for (const store::SaasUnitCost &u : m_overview.unitCosts) {
        auto *c = new QChart;
        auto *line = new QLineSeries;
        const QString per = QCoreApplication::translate("SaasQuery", u.per.toUtf8().constData());
        line->setName(tr("%1 per %2").arg(m_overview.currency, per));
        double max = 0;
        for (size_t b = 0; b < buckets.size() && b < u.values.size(); ++b) {
            if (u.values[b] < 0)
                continue;
            const double v = unitsOf(static_cast<int64_t>(std::llround(u.values[b])));
            line->append(static_cast<qreal>(QDateTime(buckets[b], QTime(0, 0), Qt::UTC).toMSecsSinceEpoch()), v);
            max = std::max(max, v);
        }
        line->setPointsVisible(line->count() < 40);
        line->setColor(seriesColor(index, pal));
        c->addSeries(line);
        auto *x = new QDateTimeAxis;
        x->setFormat(m_overview.bucketing == store::SaasBucketing::Month ? monthFormat() : shortDayFormat());
        x->setTickCount(6);
        if (!buckets.empty())
            x->setRange(QDateTime(buckets.front(), QTime(0, 0), Qt::UTC), QDateTime(buckets.back(), QTime(0, 0), Qt::UTC));
        c->addAxis(x, Qt::AlignBottom);
        line->attachAxis(x);
        auto *y = new QValueAxis;
        y->setTitleText(m_overview.currency);
        y->setRange(0, max > 0 ? max * 1.15 : 1);
        y->setLabelFormat(max < 1 ? QStringLiteral("%.4f") : max < 100 ? QStringLiteral("%.2f") : QStringLiteral("%.0f"));
        y->applyNiceNumbers();
        c->addAxis(y, Qt::AlignLeft);
        line->attachAxis(y);
        c->setTitle(tr("%1: cost per %2 \u2014 %3 over the period")
                        .arg(u.service, per, Money::fromNanos(std::llround(u.overall)).toDisplay(m_overview.currency, 4)));
        c->legend()->setVisible(false);
        styleChart(c, pal);
        auto *view = new QChartView(c, m_unitPage);
        view->setObjectName(QStringLiteral("saasUnitChart_") + u.id);
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumHeight(240);
        m_unitGrid->addWidget(view, index / 2, index % 2);
        ++index;
    }
}

void SaasTab::showQueryDetails()
{
    const QModelIndex current = m_queriesTable->currentIndex();
    if (!current.isValid()) {
        m_queryDetails->clear();
        return;
    }
    const auto i = m_queriesModel->index(current.row(), 0).data(kIndexRole).toULongLong();
    if (i >= m_overview.queries.size())
        return;
    const store::SaasQueryInfo &q = m_overview.queries[i];
    const QLocale locale;
    QStringList head;
    head << tr("%1 \u00b7 account %2 \u00b7 query %3").arg(q.service, q.account, q.queryId);
    head << tr("User %1 \u00b7 scope %2 \u00b7 %3").arg(q.user, q.scope, q.statementType);
    head << tr("Started %1 (UTC %2) \u00b7 ran %3")
                .arg(locale.toString(q.started.toLocalTime(), QLocale::LongFormat), q.started.toString(Qt::ISODate),
                     durationText(q.durationMs));
    QString usage = tr("Scanned %1 \u00b7 billed %2").arg(bytesText(static_cast<double>(q.bytesScanned)),
                                                         bytesText(static_cast<double>(q.bytesBilled)));
    if (q.slotMs > 0)
        usage += tr(" \u00b7 %1 slot-hours").arg(numberText(static_cast<double>(q.slotMs) / 3.6e6, 3));
    if (q.credits > 0)
        usage += tr(" \u00b7 %1 credits").arg(numberText(q.credits, 4));
    usage += tr(" \u00b7 cost %1").arg(moneyText(q.cost, m_overview.currency));
    if (q.fullScan)
        usage += tr(" \u00b7 scanned whole tables");
    head << usage;
    m_queryDetails->setPlainText(head.join(u'\n') + QStringLiteral("\n\n") + q.text);
}

void SaasTab::showSelectedEntityCosts()
{
    const QModelIndex current = m_entitiesTable->currentIndex();
    if (!current.isValid())
        return;
    const auto i = m_entitiesModel->index(current.row(), 0).data(kIndexRole).toULongLong();
    if (i >= m_overview.entities.size())
        return;
    const QString name = m_overview.entities[i].name;
    ++*m_matchGeneration;
    m_queries.run<MatchAnswer>(
        this,
        [name](store::CostQuery &q) {
            MatchAnswer a;
            a.resourceId = store::SaasQuery(q.store()).matchingResource(name);
            return a;
        },
        [this, name](const MatchAnswer &a) {
            if (!a.error.isEmpty()) {
                Q_EMIT failed(a.error);
                return;
            }
            if (a.resourceId.isEmpty()) {
                const QString message =
                    tr("No cost line item names \u201c%1\u201d as its resource, so Cost Explorer cannot filter to it; its cost "
                       "here comes from the service's usage data.")
                        .arg(name);
                m_entitiesNote->setText(message);
                Q_EMIT noMatchingCosts(message);
                return;
            }
            Q_EMIT showCostsRequested(a.resourceId, name);
        },
        m_matchGeneration);
}

bool SaasTab::exportTable(const QTableView *table, const QString &path, QString *error)
{
    const QAbstractItemModel *model = table ? table->model() : nullptr;
    if (!model) {
        if (error)
            *error = QStringLiteral("no table");
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    // Column names, then the rows in the order shown; money as plain decimals with its currency after.
    QStringList header;
    int moneyColumn = -1;
    for (int c = 0; c < model->columnCount(); ++c) {
        header << model->headerData(c, Qt::Horizontal).toString();
        if (moneyColumn < 0 && model->headerData(c, Qt::Horizontal, kMoneyColumnRole).toBool())
            moneyColumn = c;
    }
    if (moneyColumn >= 0)
        header << tr("Currency");
    file.write(report::csvLine(header).toUtf8());
    for (int r = 0; r < model->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < model->columnCount(); ++c)
            cells << model->index(r, c).data(kCsvRole).toString();
        if (moneyColumn >= 0)
            cells << model->index(r, moneyColumn).data(kCurrencyRole).toString();
        file.write(report::csvLine(cells).toUtf8());
    }
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void SaasTab::chooseExportFile(QTableView *table, const QString &name)
{
    auto *dialog = new QFileDialog(this, tr("Export table"), name, tr("CSV files (*.csv)"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this, table](const QString &path) {
        QString error;
        if (!exportTable(table, path, &error))
            Q_EMIT failed(tr("The table could not be written to %1: %2").arg(path, error));
    });
    dialog->open();
}

void SaasTab::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_costChart)
        rebuildCharts();
}

} // namespace costscope::views
